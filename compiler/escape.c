/*
 * escape.c - table-driven escaping of text for output formats.
 *
 * Every format has a table of what each ASCII byte becomes (NULL: itself);
 * the loops copy runs of unchanged bytes and write an escape where the
 * table has one.  Non-ASCII text is copied as UTF-8, except what a format
 * cannot carry: JSON escapes U+2028 and U+2029 (so the output is also valid
 * JavaScript); HTML and Markdown replace controls and noncharacters, which
 * an HTML document may not contain, with U+FFFD.
 * Invariant: output depends on the bytes only (no locale); the input is
 * valid UTF-8 (source.c checked it, escapes in strings produce scalars).
 */
#include "escape.h"

#include "utf8.h"

#include <stdint.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/*
 * The escapers copy unescaped runs whole: writes the run pending since
 * `run`, then esc in place of the skip bytes at *i; moves *i to the last
 * byte replaced and returns where the next run starts.
 */
static size_t
replace(FILE *out, const char *s, size_t run, size_t *i, const char *esc, size_t skip)
{
    fwrite(s + run, 1, *i - run, out);
    fputs(esc, out);
    *i += skip - 1;
    return *i + 1;
}

/* For each ASCII byte: NULL (copy as is) or its JSON escape. */
static const char *const json_escapes[128] = {
    ['"'] = "\\\"", ['\\'] = "\\\\", ['\b'] = "\\b", ['\f'] = "\\f",
    ['\n'] = "\\n", ['\r'] = "\\r",  ['\t'] = "\\t",
};

void
escape_json(FILE *out, const char *s, size_t len)
{
    putc('"', out);
    size_t run = 0; /* start of the pending unescaped run */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char buf[8];
        size_t skip = 1;
        if (c < 0x80) {
            esc = json_escapes[c];
            if (esc == NULL && (c < 0x20 || c == 0x7F)) {
                snprintf(buf, sizeof buf, "\\u%04x", c);
                esc = buf;
            }
        } else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            skip = 3;
        }
        if (esc == NULL)
            continue;
        run = replace(out, s, run, &i, esc, skip);
    }
    fwrite(s + run, 1, len - run, out);
    putc('"', out);
}

/* --- HTML ------------------------------------------------------------------ */

/*
 * Whether an HTML document may not contain the character at s[i] (HTML's
 * "control" and "noncharacter" input-stream errors); *n is its length.
 * TAB, LF, FF and CR are allowed; the callers deal with CR.
 */
static bool
html_forbidden(const char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)s[i];
    *n = 1;
    if (c < 0x80)
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7F;
    uint32_t cp;
    size_t bad;
    *n = utf8_decode((const unsigned char *)s + i, len - i, &cp, &bad);
    if (*n == 0) {
        *n = bad; /* cannot happen on checked input; never copy broken UTF-8 */
        return true;
    }
    bool c1 = cp >= 0x80 && cp <= 0x9F;
    bool nonchar = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    return c1 || nonchar;
}

static const char *const html_text_escapes[128] = {
    ['&'] = "&amp;",
    ['<'] = "&lt;",
    ['>'] = "&gt;",
};

static const char *const html_attr_escapes[128] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

static void
escape_html_with(FILE *out, const char *s, size_t len, const char *const table[128])
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = c < 0x80 ? table[c] : NULL;
        size_t skip = 1;
        if (c == '\r') {
            esc = "\n";
            if (i + 1 < len && s[i + 1] == '\n')
                skip = 2;
        } else if (esc == NULL && (c < 0x20 || c >= 0x7F)) {
            if (!html_forbidden(s, len, i, &skip)) {
                i += skip - 1;
                continue;
            }
            esc = REPLACEMENT;
        }
        if (esc == NULL)
            continue;
        run = replace(out, s, run, &i, esc, skip);
    }
    fwrite(s + run, 1, len - run, out);
}

void
escape_html(FILE *out, const char *s, size_t len)
{
    escape_html_with(out, s, len, html_text_escapes);
}

void
escape_html_attr(FILE *out, const char *s, size_t len)
{
    escape_html_with(out, s, len, html_attr_escapes);
}

/* --- CSV ------------------------------------------------------------------- */

/* What a byte means to a CSV field. */
enum csv_class {
    CSV_PLAIN = 0,
    CSV_QUOTE = 1,   /* the field must be quoted */
    CSV_FORMULA = 2, /* a field starting with it runs as a formula */
};

static const unsigned char csv_classes[128] = {
    [','] = CSV_QUOTE,   ['"'] = CSV_QUOTE,   ['\n'] = CSV_QUOTE,
    ['\r'] = CSV_QUOTE | CSV_FORMULA,         ['\t'] = CSV_FORMULA,
    ['='] = CSV_FORMULA, ['+'] = CSV_FORMULA, ['-'] = CSV_FORMULA,
    ['@'] = CSV_FORMULA,
};

static unsigned
csv_class(unsigned char c)
{
    return c < 0x80 ? csv_classes[c] : CSV_PLAIN;
}

bool
escape_csv_is_formula(const char *s, size_t len)
{
    return len > 0 && (csv_class((unsigned char)s[0]) & CSV_FORMULA) != 0;
}

void
escape_csv(FILE *out, const struct escape_span *spans, size_t count)
{
    bool quote = false, formula = false, first = true;
    for (size_t k = 0; k < count; k++) {
        for (size_t i = 0; i < spans[k].len; i++) {
            unsigned cls = csv_class((unsigned char)spans[k].s[i]);
            if (first)
                formula = (cls & CSV_FORMULA) != 0;
            first = false;
            quote = quote || (cls & CSV_QUOTE) != 0;
        }
    }
    if (!quote && !formula) {
        for (size_t k = 0; k < count; k++)
            fwrite(spans[k].s, 1, spans[k].len, out);
        return;
    }
    fputs(formula ? "\"'" : "\"", out);
    for (size_t k = 0; k < count; k++) {
        const char *s = spans[k].s;
        size_t run = 0;
        for (size_t i = 0; i < spans[k].len; i++) {
            if (s[i] != '"')
                continue;
            fwrite(s + run, 1, i + 1 - run, out); /* up to and with the quote... */
            run = i;                              /* ...which is written again */
        }
        fwrite(s + run, 1, spans[k].len - run, out);
    }
    putc('"', out);
}

/* --- Markdown -------------------------------------------------------------- */

/* What a byte means to GitHub-flavoured Markdown. */
enum md_class {
    MD_PLAIN = 0,
    MD_INLINE = 1, /* escaped anywhere: \ ` * _ [ ] < > # | ~ $ @ & */
    MD_START = 2,  /* escaped where a line starts: - + = */
    MD_DIGIT = 4,  /* "1." or "1)" at the start of a line makes a list */
};

static const unsigned char md_classes[128] = {
    ['\\'] = MD_INLINE, ['`'] = MD_INLINE, ['*'] = MD_INLINE, ['_'] = MD_INLINE,
    ['['] = MD_INLINE,  [']'] = MD_INLINE, ['<'] = MD_INLINE, ['>'] = MD_INLINE,
    ['#'] = MD_INLINE,  ['|'] = MD_INLINE, ['~'] = MD_INLINE, ['$'] = MD_INLINE,
    ['@'] = MD_INLINE,  ['&'] = MD_INLINE, ['-'] = MD_START,  ['+'] = MD_START,
    ['='] = MD_START,   ['0'] = MD_DIGIT,  ['1'] = MD_DIGIT,  ['2'] = MD_DIGIT,
    ['3'] = MD_DIGIT,   ['4'] = MD_DIGIT,  ['5'] = MD_DIGIT,  ['6'] = MD_DIGIT,
    ['7'] = MD_DIGIT,   ['8'] = MD_DIGIT,  ['9'] = MD_DIGIT,
};

static unsigned
md_class(unsigned char c)
{
    return c < 0x80 ? md_classes[c] : MD_PLAIN;
}

void
escape_markdown(FILE *out, const char *s, size_t len, enum escape_md_context ctx)
{
    bool line_start = true;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r' || c == '\n') {
            i += c == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
            if (ctx == ESCAPE_MD_INLINE) {
                fputs("<br>", out);
                continue;
            }
            /* A hard break inside a paragraph; a blank line (or the end) ends it. */
            size_t j = i;
            while (j < len && (s[j] == ' ' || s[j] == '\t'))
                j++;
            bool blank = line_start || j >= len || s[j] == '\n' || s[j] == '\r';
            fputs(blank ? "\n" : "\\\n", out);
            line_start = true;
            continue;
        }
        if (line_start && ctx == ESCAPE_MD_BLOCK && (c == ' ' || c == '\t')) {
            i++; /* four blanks would start a code block */
            continue;
        }
        unsigned cls = md_class(c);
        line_start = line_start && ctx == ESCAPE_MD_BLOCK;
        if (line_start && (cls & MD_DIGIT)) {
            /* "2024." or "1)" would start an ordered list: escape the mark. */
            size_t j = i;
            while (j < len && (md_class((unsigned char)s[j]) & MD_DIGIT))
                j++;
            fwrite(s + i, 1, j - i, out);
            if (j < len && (s[j] == '.' || s[j] == ')')) {
                putc('\\', out);
                putc(s[j], out);
                j++;
            }
            i = j;
            line_start = false;
            continue;
        }
        if ((cls & MD_INLINE) || (line_start && (cls & MD_START))) {
            putc('\\', out);
            putc(c, out);
            i++;
        } else if (c < 0x20 || c >= 0x7F) {
            size_t n;
            if (html_forbidden(s, len, i, &n))
                fputs(REPLACEMENT, out);
            else
                fwrite(s + i, 1, n, out);
            i += n;
        } else {
            putc(c, out);
            i++;
        }
        line_start = false;
    }
}

/* --- URI ------------------------------------------------------------------- */

/*
 * RFC 3986 unreserved characters, and "/" which separates path segments.
 * Everything else is percent-encoded, including sub-delims and ":" that a
 * path may carry: an encoded colon cannot be read as a scheme.
 */
static bool
uri_keeps(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

void
escape_uri_path(FILE *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (uri_keeps(c)) {
            putc(c, out);
        } else {
            putc('%', out);
            putc(hex[c >> 4], out);
            putc(hex[c & 0xF], out);
        }
    }
}
