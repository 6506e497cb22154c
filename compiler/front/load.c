/*
 * load.c - reading source files and validating their bytes.
 *
 * Owns: reading a file whole (regular files by size; pipes, and files
 * whose size the kernel reports as 0, in growing chunks to their end, up
 * to SOURCE_MAX_BYTES), decoding it from --encoding (transcode.h), and the
 * one validation pass over the bytes (UTF-8, NUL, invisible characters,
 * misplaced BOM), reported through diag.  After LOAD_OK the lexer may
 * assume the text is valid UTF-8 without NULs or invisible characters.
 * An include that does not look like a goal table (load_looks_like_goal)
 * is refused before anything of it is reported, so no message quotes a
 * file that was never meant to be a table.
 */
#include "front/load.h"
#include "platform/platform.h"

#include "base/arena.h"
#include "diag/diag.h"
#include "front/lexutil.h"
#include "base/source.h"
#include "base/transcode.h"
#include "base/utf8.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct diag_loc
loc_at(const struct source *src, size_t start, size_t len)
{
    struct diag_loc loc = {src, (uint32_t)start, (uint32_t)(start + len)};
    return loc;
}

/* Up to four bytes as \xHH, for a message. */
struct hex_text {
    char s[4 * 4 + 1];
};

static struct hex_text
hex_bytes(const char *bytes, size_t n)
{
    struct hex_text hex = {{0}};
    size_t h = 0;
    for (size_t k = 0; k < n && k < 4; k++)
        h += (size_t)snprintf(hex.s + h, sizeof hex.s - h, "\\x%02X", (unsigned char)bytes[k]);
    return hex;
}

/*
 * At the first byte that is not UTF-8: a file that reads as GB18030 (the
 * encoding of Chinese Windows) as a whole, and in which fewer sequences
 * are UTF-8 characters than are not, is surely GB18030; one message
 * saying so, with the way to convert it, replaces the twenty E0003 its
 * Chinese characters would give.  (UTF-8 Chinese text often reads as
 * GB18030 too, so a UTF-8 file with one bad byte needs the count: it is
 * told so with E0003.)
 */
static bool
report_gb18030(struct source *src, struct diag_sink *diags, size_t at, size_t bad)
{
    const unsigned char *s = (const unsigned char *)src->text;
    size_t utf8 = 0, other = 0;
    for (size_t i = at; i < src->len;) {
        uint32_t cp;
        size_t bad_len, len = s[i] < 0x80 ? 1 : utf8_decode(s + i, src->len - i, &cp, &bad_len);
        if (len > 1)
            utf8++;
        else if (len == 0)
            other++;
        i += len > 0 ? len : bad_len;
    }
    for (size_t i = 0; i < at; i++)
        utf8 += s[i] >= 0xC0; /* valid up to the first bad sequence: count its characters */
    if (utf8 >= other || !transcode_is_valid(TRANSCODE_GB18030, src->text, src->len))
        return false;
    const char *file = strcmp(src->path, "<stdin>") == 0 ? "-" : src->path;
    diag_report(diags, DIAG_NOT_UTF8_BUT_GB18030, loc_at(src, at, bad), file);
    return true;
}

/* Reports encoding problems; returns false when any was found. */
static bool
validate(struct source *src, struct diag_sink *diags)
{
    const unsigned char *s = (const unsigned char *)src->text;
    size_t n = src->len, i = src->body_start;
    unsigned errors = 0;
    bool utf8_seen_bad = false;
    for (;;) { /* every error counts; the sink keeps DIAG_MAX_ERRORS_PER_FILE of them */
        /* The common cases, kept tight: ASCII but NUL, and U+3000..U+CFFF
           (CJK), which is always valid and never invisible but for the
           Hangul filler U+3164 (E3 85 A4), left with U+3140..U+317F to the
           slow path. */
        while (i < n) {
            unsigned char b = s[i];
            if (b - 1u < 0x7Fu) {
                i++;
            } else if (b - 0xE3u <= 0xECu - 0xE3u && i + 2 < n && utf8_is_continuation(s[i + 1]) &&
                       utf8_is_continuation(s[i + 2]) && (b != 0xE3 || s[i + 1] != 0x85)) {
                i += 3;
            } else {
                break;
            }
        }
        if (i >= n)
            break;
        if (s[i] == 0) {
            diag_report(diags, DIAG_NUL_BYTE, loc_at(src, i, 1));
            errors++;
            i++;
            continue;
        }
        uint32_t cp;
        size_t bad;
        size_t len = utf8_decode(s + i, n - i, &cp, &bad);
        if (len == 0) {
            if (!utf8_seen_bad && report_gb18030(src, diags, i, bad))
                return false;
            utf8_seen_bad = true;
            diag_report(diags, DIAG_INVALID_UTF8, loc_at(src, i, bad),
                        hex_bytes(src->text + i, bad).s);
            errors++;
            i += bad;
            continue;
        }
        if (cp == 0xFEFF) {
            diag_report(diags, DIAG_MISPLACED_BOM, loc_at(src, i, len));
            errors++;
        } else if (utf8_is_forbidden_invisible(cp)) {
            diag_report(diags, DIAG_INVISIBLE_CHARACTER, loc_at(src, i, len), (unsigned)cp);
            errors++;
        }
        i += len;
    }
    return errors == 0;
}

static struct diag_loc
report_place(const struct diag_loc *from)
{
    struct diag_loc none = {0};
    return from != NULL ? *from : none;
}

static enum load_status
too_large(struct diag_sink *diags, const struct diag_loc *from, const char *path)
{
    diag_report(diags, DIAG_FILE_TOO_LARGE, report_place(from), path, "1073741824");
    return LOAD_IO_ERROR;
}

/* An include that is no goal table: reported once at its 引用, nothing of it quoted. */
static enum load_status
not_a_table(struct diag_sink *diags, const struct diag_loc *from, const char *path)
{
    diag_report(diags, DIAG_NOT_A_GOAL_TABLE, *from, path, LOAD_SNIFF_BYTES);
    return LOAD_IO_ERROR;
}

/*
 * The source of text[0..len) (two NULs after it, owned by the arena),
 * decoded from enc first; validated.  An include (from != NULL) must look
 * like a goal table once decoded, before anything of it is reported.
 */
static enum load_status
make_source(struct arena *a, struct diag_sink *diags, const char *path, unsigned id,
            const struct diag_loc *from, char *text, size_t len, enum transcode_encoding enc,
            struct source **out)
{
    if (enc == TRANSCODE_UTF8) {
        if (from != NULL && !load_looks_like_goal(text, len))
            return not_a_table(diags, from, path);
        *out = source_new(a, path, id, text, len);
        return validate(*out, diags) ? LOAD_OK : LOAD_INVALID;
    }
    char *utf8;
    size_t utf8_len, bad_at = 0, bad_len = 0;
    int err = 0;
    enum transcode_status ts =
        transcode_decode(a, enc, text, len, &utf8, &utf8_len, &bad_at, &bad_len, &err);
    if (ts == TRANSCODE_UNAVAILABLE) {
        diag_report(diags, DIAG_IO_ERROR, report_place(from), path, strerror(err));
        return LOAD_IO_ERROR;
    }
    if (utf8_len > SOURCE_MAX_BYTES)
        return too_large(diags, from, path);
    if (from != NULL && !load_looks_like_goal(utf8, ts == TRANSCODE_INVALID ? bad_at : utf8_len))
        return not_a_table(diags, from, path);
    *out = source_new(a, path, id, utf8, utf8_len);
    if (ts == TRANSCODE_INVALID) {
        /* The decoded text up to the bad bytes, then the rest as read: the
           place is right and the line can be shown. */
        diag_report(diags, DIAG_INVALID_ENCODED_BYTES, loc_at(*out, bad_at, bad_len),
                    transcode_encoding_name(enc), hex_bytes(utf8 + bad_at, bad_len).s);
        return LOAD_INVALID;
    }
    return validate(*out, diags) ? LOAD_OK : LOAD_INVALID;
}

enum load_status
load_bytes_encoded(struct arena *a, struct diag_sink *diags, const char *path, unsigned id,
                   const char *bytes, size_t len, enum transcode_encoding enc,
                   struct source **out)
{
    if (len > SOURCE_MAX_BYTES)
        return too_large(diags, NULL, path);
    char *text = arena_alloc(a, len + 2);
    if (len > 0)
        memcpy(text, bytes, len);
    return make_source(a, diags, path, id, NULL, text, len, enc, out);
}

/* Spacing, line ends and comments from s[i]; where the next token starts. */
static size_t
skip_blank(const unsigned char *s, size_t n, size_t i)
{
    while (i < n) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
            i++;
        } else if (n - i >= 3 && memcmp(s + i, "\xE3\x80\x80", 3) == 0) {
            i += 3; /* U+3000 */
        } else if (n - i >= 2 && memcmp(s + i, "\xC2\xA0", 2) == 0) {
            i += 2; /* U+00A0 */
        } else if (s[i] == '#') {
            while (i < n && s[i] != '\n' && s[i] != '\r')
                i++;
        } else {
            break;
        }
    }
    return i;
}

/* A byte of a keyword's spelling: ASCII letters, digits, _, or a CJK ideograph (U+3400..U+9FFF). */
static size_t
keyword_char(const unsigned char *s, size_t n, size_t i)
{
    if ((unsigned)((s[i] | 0x20) - 'a') < 26u || (unsigned)(s[i] - '0') < 10u || s[i] == '_')
        return 1;
    if (s[i] >= 0xE3 && s[i] <= 0xE9 && n - i >= 3 && utf8_is_continuation(s[i + 1]) &&
        utf8_is_continuation(s[i + 2]) && (s[i] > 0xE3 || s[i + 1] >= 0x90))
        return 3;
    return 0;
}

bool
load_looks_like_goal(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t sniff = len < LOAD_SNIFF_BYTES ? len : LOAD_SNIFF_BYTES;
    for (size_t i = 0; i < sniff;) {
        uint32_t cp;
        size_t bad, n = s[i] == 0 ? 0 : utf8_decode(s + i, len - i, &cp, &bad);
        if (n == 0)
            return false; /* NUL or invalid UTF-8: binary, or another encoding */
        i += n;
    }
    size_t i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    i = skip_blank(s, len, i);
    if (i == len)
        return true; /* empty, or comments only: a valid table */
    size_t start = i, n;
    while (i < len && (n = keyword_char(s, len, i)) > 0)
        i += n;
    enum ast_cmp cmp;
    enum lex_word w = lex_classify(text + start, i - start, &cmp);
    return w == LEX_WORD_DEPARTMENT || w == LEX_WORD_PROJECT || w == LEX_WORD_INCLUDE ||
           w == LEX_WORD_FRAMEWORK || w == LEX_WORD_DIMENSION;
}

enum load_status
load_bytes(struct arena *a, struct diag_sink *diags, const char *path, unsigned id,
           const char *bytes, size_t len, struct source **out)
{
    return load_bytes_encoded(a, diags, path, id, bytes, len, TRANSCODE_UTF8, out);
}

static enum load_status
io_error(struct diag_sink *diags, const struct diag_loc *from, const char *path, int err)
{
    diag_report(diags, DIAG_IO_ERROR, report_place(from), path, strerror(err));
    return LOAD_IO_ERROR;
}

/*
 * Reads a stream of unknown size (a pipe, or a file whose size the kernel
 * reports as 0, as /proc does) to its end, doubling a malloc'd buffer.
 * Every read asks for at least one byte, so 0 is always the end; two bytes
 * stay free for flex's NULs.  The buffer grows to one byte past the limit
 * at most, which is how a stream over it is told.  It sits in an arena
 * slot from the start, so an unwind frees it.
 */
static enum load_status
read_stream(struct arena *a, struct diag_sink *diags, const struct diag_loc *from,
            const char *path, int fd, char **text, size_t *len)
{
    enum { NULS = 2 };
    void **slot = arena_owned_slot(a);
    size_t cap = 64 * 1024, n = 0;
    if ((*slot = malloc(cap)) == NULL)
        arena_oom(a);
    for (;;) {
        if (n > SOURCE_MAX_BYTES)
            return too_large(diags, from, path);
        if (cap - n <= NULS) {
            size_t bigger_cap = cap * 2 < SOURCE_MAX_BYTES + 1 + NULS ? cap * 2
                                                                     : SOURCE_MAX_BYTES + 1 + NULS;
            char *bigger = realloc(*slot, bigger_cap);
            if (bigger == NULL)
                arena_oom(a);
            *slot = bigger;
            cap = bigger_cap;
        }
        long long r = platform_read(fd, (char *)*slot + n, cap - n - NULS);
        if (r < 0)
            return io_error(diags, from, path, errno);
        if (r == 0)
            break;
        n += (size_t)r;
    }
    *text = *slot;
    memset(*text + n, 0, NULS);
    *len = n;
    return LOAD_OK;
}

/* Reads a regular file of known size straight into the arena. */
static enum load_status
read_regular(struct arena *a, struct diag_sink *diags, const struct diag_loc *from,
             const char *path, int fd, size_t size, char **text, size_t *len)
{
    char *buf = arena_alloc(a, size + 2);
    size_t n = 0;
    while (n < size) {
        long long r = platform_read(fd, buf + n, size - n);
        if (r < 0)
            return io_error(diags, from, path, errno);
        if (r == 0)
            break; /* the file shrank while we read it: take what is there */
        n += (size_t)r;
    }
    buf[n] = buf[n + 1] = '\0';
    *text = buf;
    *len = n;
    return LOAD_OK;
}

enum load_status
load_file(struct arena *a, struct diag_sink *diags, const char *path, unsigned id,
          const struct load_options *opt, struct source **out)
{
    const struct diag_loc *from = opt->from;
    /* An include is never standard input, and neither it nor a --stdlib
       file ever waits on a FIFO. */
    bool regular_only = opt->regular_only || from != NULL;
    bool is_stdin = !regular_only && strcmp(path, "-") == 0;
    int fd = is_stdin ? PLATFORM_STDIN : platform_open_read(path, regular_only);
    if (fd < 0)
        return io_error(diags, from, path, errno);
    struct platform_stat st;
    enum load_status status;
    char *text = NULL;
    size_t len = 0;
    if (platform_fstat(fd, &st) != 0) {
        status = io_error(diags, from, path, errno);
    } else if (st.kind == PLATFORM_DIRECTORY) {
        status = io_error(diags, from, path, EISDIR);
    } else if (st.kind == PLATFORM_REGULAR && (unsigned long long)st.size > SOURCE_MAX_BYTES) {
        status = too_large(diags, from, path);
    } else if (st.kind == PLATFORM_REGULAR && st.size > 0) {
        status = read_regular(a, diags, from, path, fd, (size_t)st.size, &text, &len);
    } else if (st.kind == PLATFORM_REGULAR) {
        /* Empty, or a size the kernel does not know (/proc/self/status): read to the end. */
        status = read_stream(a, diags, from, path, fd, &text, &len);
    } else if ((st.kind == PLATFORM_CHAR_DEVICE && !is_stdin) || regular_only) {
        /* /dev/zero and friends never end; a device is not a source file, nor
           is a pipe or socket an include or a --stdlib file. */
        status = io_error(diags, from, path, ENODEV);
    } else {
        status = read_stream(a, diags, from, path, fd, &text, &len);
    }
    if (!is_stdin)
        platform_close(fd);
    if (status != LOAD_OK)
        return status;
    return make_source(a, diags, is_stdin ? "<stdin>" : path, id, from, text, len, opt->encoding,
                       out);
}
