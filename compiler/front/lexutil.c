/*
 * lexutil.c - spelling tables and decoders used by the scanner.
 *
 * The word table holds the reserved spellings: the keywords of
 * keyword.def, whose spellings messages take from keyword_spelling(), and
 * the comparator and suffix words.  The lexer classifies every bare word
 * through lex_classify().
 */
#include "front/lexutil.h"
#include "platform/platform.h"

#include "base/arena.h"
#include "base/escape.h"
#include "base/utf8.h"
#include "model/model.h"

#include <stdint.h>
#include <string.h>

struct word {
    const char *spelling;
    unsigned char len; /* strlen(spelling) */
    enum lex_word kind;
    enum ast_cmp cmp;
};

static const struct word words[] = {
#define KEYWORD(id, zh, en)                                                                        \
    {zh, sizeof zh - 1, LEX_WORD_##id, AST_CMP_EQ}, {en, sizeof en - 1, LEX_WORD_##id, AST_CMP_EQ},
#include "model/keyword.def"
#undef KEYWORD
    {"大于等于", sizeof "大于等于" - 1, LEX_WORD_CMP, AST_CMP_GE},
    {"不低于", sizeof "不低于" - 1, LEX_WORD_CMP, AST_CMP_GE},
    {"不少于", sizeof "不少于" - 1, LEX_WORD_CMP, AST_CMP_GE},
    {"不小于", sizeof "不小于" - 1, LEX_WORD_CMP, AST_CMP_GE},
    {"至少", sizeof "至少" - 1, LEX_WORD_CMP, AST_CMP_GE},
    {"小于等于", sizeof "小于等于" - 1, LEX_WORD_CMP, AST_CMP_LE},
    {"不高于", sizeof "不高于" - 1, LEX_WORD_CMP, AST_CMP_LE},
    {"不超过", sizeof "不超过" - 1, LEX_WORD_CMP, AST_CMP_LE},
    {"不多于", sizeof "不多于" - 1, LEX_WORD_CMP, AST_CMP_LE},
    {"不大于", sizeof "不大于" - 1, LEX_WORD_CMP, AST_CMP_LE},
    {"大于", sizeof "大于" - 1, LEX_WORD_CMP, AST_CMP_GT},
    {"高于", sizeof "高于" - 1, LEX_WORD_CMP, AST_CMP_GT},
    {"超过", sizeof "超过" - 1, LEX_WORD_CMP, AST_CMP_GT},
    {"小于", sizeof "小于" - 1, LEX_WORD_CMP, AST_CMP_LT},
    {"低于", sizeof "低于" - 1, LEX_WORD_CMP, AST_CMP_LT},
    {"等于", sizeof "等于" - 1, LEX_WORD_CMP, AST_CMP_EQ},
    {"以上", sizeof "以上" - 1, LEX_WORD_ABOVE, AST_CMP_GE},
    {"及以上", sizeof "及以上" - 1, LEX_WORD_ABOVE, AST_CMP_GE},
    {"以下", sizeof "以下" - 1, LEX_WORD_BELOW, AST_CMP_LE},
    {"及以下", sizeof "及以下" - 1, LEX_WORD_BELOW, AST_CMP_LE},
    {"以内", sizeof "以内" - 1, LEX_WORD_BELOW, AST_CMP_LE},
    {"前", sizeof "前" - 1, LEX_WORD_BEFORE, AST_CMP_LE},
    {"之前", sizeof "之前" - 1, LEX_WORD_BEFORE, AST_CMP_LE},
    {"以前", sizeof "以前" - 1, LEX_WORD_BEFORE, AST_CMP_LE},
    {"before", sizeof "before" - 1, LEX_WORD_BEFORE, AST_CMP_LE},
    {"至", sizeof "至" - 1, LEX_WORD_RANGE, AST_CMP_EQ},
};

enum { WORD_COUNT = sizeof words / sizeof words[0] };

const char *
lex_word_spelling(size_t i)
{
    if (i >= WORD_COUNT)
        return NULL;
    enum lex_word k = words[i].kind;
    bool target = k == LEX_WORD_CMP || k == LEX_WORD_ABOVE || k == LEX_WORD_BELOW ||
                  k == LEX_WORD_BEFORE || k == LEX_WORD_RANGE;
    return target ? words[i].spelling : "";
}

/*
 * Every word is classified, so spellings are found through a hash index
 * built once (threads compile files in parallel: platform_once).  When a
 * spelling is listed twice the first entry wins, as in the table.
 */
enum { WORD_SLOTS = 512 }; /* a power of two, over four times the words */
_Static_assert(WORD_COUNT * 4 <= WORD_SLOTS, "the word index must stay sparse");
static unsigned short word_slot[WORD_SLOTS]; /* index into words + 1; 0 when empty */
static struct platform_once word_index_once = PLATFORM_ONCE_INIT;

static uint32_t
hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static const struct word *
find_word(const char *s, size_t len)
{
    for (size_t h = hash_bytes(s, len) & (WORD_SLOTS - 1); word_slot[h] != 0;
         h = (h + 1) & (WORD_SLOTS - 1)) {
        const struct word *w = &words[word_slot[h] - 1];
        if (w->len == len && memcmp(w->spelling, s, len) == 0)
            return w;
    }
    return NULL;
}

/* The words that may end a unit (95%以上): their indexes in words. */
static unsigned char suffix_words[16];
static size_t suffix_count;

static bool
is_suffix_word(const struct word *w)
{
    return w->kind == LEX_WORD_ABOVE || w->kind == LEX_WORD_BELOW || w->kind == LEX_WORD_RANGE;
}

static void
build_word_index(void)
{
    for (size_t i = 0; i < WORD_COUNT; i++) {
        if (is_suffix_word(&words[i]) && suffix_count < sizeof suffix_words)
            suffix_words[suffix_count++] = (unsigned char)i;
        if (find_word(words[i].spelling, words[i].len) != NULL)
            continue;
        size_t h = hash_bytes(words[i].spelling, words[i].len) & (WORD_SLOTS - 1);
        while (word_slot[h] != 0)
            h = (h + 1) & (WORD_SLOTS - 1);
        word_slot[h] = (unsigned short)(i + 1);
    }
}

enum lex_word
lex_classify(const char *s, size_t len, enum ast_cmp *cmp)
{
    platform_once(&word_index_once, build_word_index);
    const struct word *w = find_word(s, len);
    if (w == NULL)
        return LEX_WORD_PLAIN;
    *cmp = w->cmp;
    return w->kind;
}

/*
 * A comparator word glued to a number (大于等于120).  Words hold no digits,
 * so the operator can only be everything before the first digit.
 */
size_t
lex_operator_prefix(const char *s, size_t len, enum lex_word *kind, enum ast_cmp *cmp)
{
    size_t d = 0;
    while (d < len && !(s[d] >= '0' && s[d] <= '9'))
        d++;
    if (d == 0 || d == len)
        return 0;
    platform_once(&word_index_once, build_word_index);
    const struct word *w = find_word(s, d);
    if (w == NULL || (w->kind != LEX_WORD_CMP && w->kind != LEX_WORD_RANGE))
        return 0;
    *cmp = w->cmp;
    *kind = w->kind;
    return d;
}

/* The longest suffix word that ends s[0..len), or 0. */
static size_t
suffix_length(const char *s, size_t len)
{
    platform_once(&word_index_once, build_word_index);
    size_t best = 0;
    for (size_t k = 0; k < suffix_count; k++) {
        const struct word *w = &words[suffix_words[k]];
        if (w->len <= len && w->len > best && memcmp(w->spelling, s + len - w->len, w->len) == 0)
            best = w->len;
    }
    return best;
}

size_t
lex_unit_length(const char *s, size_t len)
{
    size_t suffix;
    while (len > 0 && (suffix = suffix_length(s, len)) > 0)
        len -= suffix;
    return len;
}


/*
 * Decodes escapes of raw[0..len) onto out (which has room for len bytes:
 * no escape is shorter than what it stands for).  Returns the bytes
 * written, or (size_t)-1 on a bad escape.
 */
static size_t
decode_escapes(const char *raw, size_t len, char *out, size_t *err_offset, size_t *err_len,
               enum lex_escape_error *err)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (raw[i] != '\\') { /* copy the run up to the next backslash */
            const char *bs = memchr(raw + i, '\\', len - i);
            size_t run = bs != NULL ? (size_t)(bs - raw) - i : len - i;
            memcpy(out + o, raw + i, run);
            o += run;
            i += run - 1;
            continue;
        }
        *err_offset = i;
        if (i + 1 >= len) {
            *err_len = 1;
            *err = LEX_ESCAPE_UNKNOWN;
            return (size_t)-1;
        }
        char c = raw[++i];
        switch (c) {
        case '"':
        case '\\':
            out[o++] = c;
            continue;
        case 'n':
            out[o++] = '\n';
            continue;
        case 't':
            out[o++] = '\t';
            continue;
        case 'u': {
            size_t j = i + 1;
            unsigned long cp = 0;
            int digits = 0;
            if (j < len && raw[j] == '{') {
                for (j++; j < len && escape_hex_value(raw[j]) >= 0 && digits < 7; j++, digits++)
                    cp = cp * 16 + (unsigned long)escape_hex_value(raw[j]);
            }
            if (digits < 1 || digits > 6 || j >= len || raw[j] != '}' || cp == 0 ||
                cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
                utf8_is_forbidden_invisible((uint32_t)cp)) {
                size_t end = j < len && raw[j] == '}' ? j + 1 : j;
                *err_len = end - *err_offset;
                *err = LEX_ESCAPE_BAD_UNICODE;
                return (size_t)-1;
            }
            o += utf8_encode((uint32_t)cp, out + o);
            i = j;
            continue;
        }
        default: {
            /* Show the whole character after the backslash, not one byte of it. */
            size_t n = 1;
            while (i + n < len && utf8_is_continuation((unsigned char)raw[i + n]))
                n++;
            *err_len = n + 1;
            *err = LEX_ESCAPE_UNKNOWN;
            return (size_t)-1;
        }
        }
    }
    return o;
}

bool
lex_decode_string(struct arena *a, const char *raw, size_t len, char **out, size_t *out_len,
                  size_t *err_offset, size_t *err_len, enum lex_escape_error *err)
{
    char *buf = arena_alloc_bytes(a, len + 1);
    size_t n = decode_escapes(raw, len, buf, err_offset, err_len, err);
    if (n == (size_t)-1)
        return false;
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return true;
}

static size_t
next_line_end(const char *s, size_t i, size_t len)
{
    while (i < len && s[i] != '\n' && s[i] != '\r')
        i++;
    return i;
}

/* Past one line break (LF, CRLF or a lone CR) at s[i]. */
static size_t
skip_line_break(const char *s, size_t i, size_t len)
{
    if (i < len && s[i] == '\r')
        return i + 1 < len && s[i + 1] == '\n' ? i + 2 : i + 1;
    return i < len && s[i] == '\n' ? i + 1 : i;
}

static bool
is_blank(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

bool
lex_decode_text_block(struct arena *a, const char *raw, size_t len, char **out, size_t *out_len,
                      size_t *err_offset, size_t *err_len, enum lex_escape_error *err)
{
    size_t begin = 0, end = len;
    /* Rest of the opening line, when blank, is not part of the text. */
    size_t first_end = next_line_end(raw, 0, len);
    if (first_end < len && is_blank(raw, 0, first_end))
        begin = skip_line_break(raw, first_end, len);
    /* Nor is the closing line's indentation. */
    size_t last_start = end;
    while (last_start > begin && raw[last_start - 1] != '\n' && raw[last_start - 1] != '\r')
        last_start--;
    if (last_start > begin && is_blank(raw, last_start, end)) {
        end = last_start;
        if (end > begin && raw[end - 1] == '\n')
            end--;
        if (end > begin && raw[end - 1] == '\r')
            end--;
    }
    /* Common indentation of the non-blank lines; none when the text starts
       on the opening line, which counts as unindented. */
    bool starts_on_opening_line = begin == 0 && !is_blank(raw, 0, first_end);
    size_t indent = starts_on_opening_line ? 0 : (size_t)-1;
    const char *indent_text = NULL;
    for (size_t i = begin; i < end && !starts_on_opening_line;) {
        size_t e = next_line_end(raw, i, end);
        if (!is_blank(raw, i, e)) {
            size_t w = 0;
            while (i + w < e && (raw[i + w] == ' ' || raw[i + w] == '\t'))
                w++;
            if (indent_text == NULL) {
                indent = w;
                indent_text = raw + i;
            } else {
                size_t k = 0;
                while (k < w && k < indent && raw[i + k] == indent_text[k])
                    k++;
                indent = k;
            }
        }
        i = skip_line_break(raw, e, end);
        if (e == end)
            break;
    }
    if (indent == (size_t)-1)
        indent = 0;
    char *buf = arena_alloc_bytes(a, len + 1);
    size_t o = 0;
    for (size_t i = begin; i < end;) {
        size_t e = next_line_end(raw, i, end);
        size_t from = is_blank(raw, i, e) ? e : i + indent;
        size_t n = decode_escapes(raw + from, e - from, buf + o, err_offset, err_len, err);
        if (n == (size_t)-1) {
            *err_offset += from;
            return false;
        }
        o += n;
        if (e == end)
            break;
        buf[o++] = '\n';
        i = skip_line_break(raw, e, end);
    }
    buf[o] = '\0';
    *out = buf;
    *out_len = o;
    return true;
}

char *
lex_number_digits(struct arena *a, const char *s, size_t len, size_t *digit_count)
{
    char *d = arena_alloc_bytes(a, len + 1);
    size_t n = 0, digits = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',')
            continue;
        if (s[i] != '.')
            digits++;
        d[n++] = s[i];
    }
    d[n] = '\0';
    *digit_count = digits;
    return d;
}

static int
read_int(const char *s, size_t len, size_t *i)
{
    int v = 0;
    while (*i < len && s[*i] >= '0' && s[*i] <= '9')
        v = v * 10 + (s[(*i)++] - '0');
    return v;
}

static bool
skip(const char *s, size_t len, size_t *i, const char *lit)
{
    size_t n = strlen(lit);
    if (*i + n <= len && memcmp(s + *i, lit, n) == 0) {
        *i += n;
        return true;
    }
    return false;
}

bool
lex_parse_date(const char *s, size_t len, struct ast_date *date)
{
    size_t i = 0;
    bool year_written = false;
    memset(date, 0, sizeof *date);
    int first = read_int(s, len, &i);
    if (i < len && s[i] == '-') { /* 2024-12[-31] */
        i++;
        year_written = true;
        date->year = first;
        date->month = read_int(s, len, &i);
        if (i < len && s[i] == '-') {
            i++;
            date->day = read_int(s, len, &i);
            if (date->day == 0)
                return false;
        }
    } else {
        if (skip(s, len, &i, "年")) { /* 2024年12月… */
            year_written = true;
            date->year = first;
            date->month = read_int(s, len, &i);
        } else {
            date->month = first; /* 12月… */
        }
        skip(s, len, &i, "月");
        if (skip(s, len, &i, "底")) {
            date->end_of_month = true;
        } else if (i < len) {
            date->day = read_int(s, len, &i);
            if (date->day == 0)
                return false;
        }
    }
    if (year_written && (date->year < 1900 || date->year > 2999))
        return false; /* the range 年度 allows; also keeps 0 free for "no year" */
    if (date->month < 1 || date->month > 12)
        return false;
    if (date->day != 0 && date->day > model_days_in_month(date->year, date->month))
        return false;
    return true;
}

enum lex_pasted
lex_classify_pasted(struct arena *a, const char *s, size_t len, char **ascii)
{
    char *out = arena_alloc_bytes(a, len + 1);
    size_t n = 0, digits = 0, dots = 0, separators = 0, chars = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t bad;
        size_t k = utf8_decode((const unsigned char *)s + i, len - i, &cp, &bad);
        if (k == 0)
            k = 1, cp = 0;
        i += k;
        chars++;
        if (cp >= 0xFF01 && cp <= 0xFF5E) { /* the full-width forms of ASCII */
            char c = (char)(cp - 0xFEE0);
            out[n++] = c;
            digits += c >= '0' && c <= '9';
            dots += c == '.';
            separators += c == ':' || c == ';' || c == ',';
        } else if (cp == 0x3001 || cp == 0x3002) { /* 、 。 */
            out[n++] = cp == 0x3001 ? ',' : '.';
            separators++;
        } else {
            memcpy(out + n, s + i - k, k); /* 【 】 《 》: no ASCII form */
            n += k;
        }
    }
    out[n] = '\0';
    *ascii = out;
    bool number = digits > 0 && digits + dots == chars && dots <= 1 && out[0] != '.' &&
                  out[n - 1] != '.';
    if (number)
        return LEX_PASTED_NUMBER;
    return separators == chars ? LEX_PASTED_SEPARATOR : LEX_PASTED_OTHER;
}

char *
lex_dotted_date(struct arena *a, const char *s, size_t len)
{
    char *d = arena_strndup(a, s, len);
    for (size_t i = 0; i < len; i++)
        if (d[i] == '.')
            d[i] = '-';
    return d;
}

int
lex_period_month(const char *s, size_t len, int year, int month, bool last, struct ast_date *date)
{
    size_t i = 0;
    memset(date, 0, sizeof *date);
    int first = read_int(s, len, &i);
    if (i == 6) { /* 202401 */
        date->year = first / 100;
        date->month = first % 100;
    } else if (i < len && s[i] == '.') { /* 2024.01 */
        i++;
        date->year = first;
        date->month = read_int(s, len, &i);
    } else if (skip(s, len, &i, "年")) { /* 2024年1月 */
        date->year = first;
        date->month = read_int(s, len, &i);
    } else { /* 12月 after 2024年1月-, in that year; 3月 after 2024年10月-, in the next */
        date->year = year;
        date->month = first;
        if (year != 0 && first < month)
            date->year = year + 1;
    }
    if (date->year < 1900 || date->year > 2999 || date->month < 1 || date->month > 12)
        return 0;
    date->day = last ? model_days_in_month(date->year, date->month) : 1;
    date->month_period = true;
    return date->year;
}
