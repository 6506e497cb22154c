/*
 * load.c - reading source files and validating their bytes.
 *
 * Owns: reading a file whole (regular files by size, anything else in
 * growing chunks up to SOURCE_MAX_BYTES), and the one validation pass over
 * the bytes (UTF-8, NUL, invisible controls, misplaced BOM), reported
 * through diag.  After LOAD_OK the lexer may assume the text is valid
 * UTF-8 without NULs.  An include that does not look like a goal table
 * (load_looks_like_goal) is refused before anything of it is reported, so
 * no message quotes a file that was never meant to be a table.
 */
#include "front/load.h"

#include "base/arena.h"
#include "diag/diag.h"
#include "front/lexutil.h"
#include "base/source.h"
#include "base/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_ENCODING_ERRORS = 20 };

static struct diag_loc
loc_at(const struct source *src, size_t start, size_t len)
{
    struct diag_loc loc = {src, (uint32_t)start, (uint32_t)(start + len)};
    return loc;
}

/* Reports encoding problems; returns false when any was found. */
static bool
validate(struct source *src, struct diag_sink *diags)
{
    const unsigned char *s = (const unsigned char *)src->text;
    size_t n = src->len, i = src->body_start;
    unsigned errors = 0;
    while (errors < MAX_ENCODING_ERRORS) {
        /* The common cases, kept tight: ASCII but NUL, and U+3000..U+CFFF
           (CJK), which is always valid and never invisible. */
        while (i < n) {
            unsigned char b = s[i];
            if (b - 1u < 0x7Fu) {
                i++;
            } else if (b - 0xE3u <= 0xECu - 0xE3u && i + 2 < n && utf8_is_continuation(s[i + 1]) &&
                       utf8_is_continuation(s[i + 2])) {
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
            char hex[4 * 4 + 1];
            size_t h = 0;
            for (size_t k = 0; k < bad && k < 4; k++)
                h += (size_t)snprintf(hex + h, sizeof hex - h, "\\x%02X", s[i + k]);
            diag_report(diags, DIAG_INVALID_UTF8, loc_at(src, i, bad), hex);
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
    if (len > SOURCE_MAX_BYTES) {
        diag_report(diags, DIAG_FILE_TOO_LARGE, (struct diag_loc){0}, path, "1073741824");
        return LOAD_IO_ERROR;
    }
    char *text = arena_alloc(a, len + 2);
    if (len > 0)
        memcpy(text, bytes, len);
    *out = source_new(a, path, id, text, len);
    return validate(*out, diags) ? LOAD_OK : LOAD_INVALID;
}

static enum load_status
io_error(struct diag_sink *diags, const struct diag_loc *from, const char *path, int err)
{
    struct diag_loc none = {0};
    diag_report(diags, DIAG_IO_ERROR, from ? *from : none, path, strerror(err));
    return LOAD_IO_ERROR;
}

/*
 * Reads a stream of unknown size, doubling a malloc'd buffer.  The buffer
 * sits in an arena slot from the start, so an unwind frees it.
 */
static enum load_status
read_stream(struct arena *a, struct diag_sink *diags, const struct diag_loc *from,
            const char *path, int fd, char **text, size_t *len)
{
    void **slot = arena_owned_slot(a);
    size_t cap = 64 * 1024, n = 0;
    if ((*slot = malloc(cap)) == NULL)
        arena_oom(a);
    for (;;) {
        if (cap - n < 2) { /* keep room for the two NULs flex needs */
            if (cap >= SOURCE_MAX_BYTES + 2) {
                diag_report(diags, DIAG_FILE_TOO_LARGE, from ? *from : (struct diag_loc){0},
                            path, "1073741824");
                return LOAD_IO_ERROR;
            }
            char *bigger = realloc(*slot, cap * 2);
            if (bigger == NULL)
                arena_oom(a);
            *slot = bigger;
            cap *= 2;
        }
        ssize_t r = read(fd, (char *)*slot + n, cap - n - 2);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return io_error(diags, from, path, errno);
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (n > SOURCE_MAX_BYTES) {
        diag_report(diags, DIAG_FILE_TOO_LARGE, from ? *from : (struct diag_loc){0}, path,
                    "1073741824");
        return LOAD_IO_ERROR;
    }
    *text = *slot;
    memset(*text + n, 0, 2);
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
        ssize_t r = read(fd, buf + n, size - n);
        if (r < 0 && errno == EINTR)
            continue;
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
          const struct diag_loc *from, struct source **out)
{
    /* An include (from != NULL) is never standard input, and never waits on a FIFO. */
    bool is_stdin = from == NULL && strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO
                      : open(path, O_RDONLY | O_CLOEXEC | (from != NULL ? O_NONBLOCK : 0));
    if (fd < 0)
        return io_error(diags, from, path, errno);
    struct stat st;
    enum load_status status;
    char *text = NULL;
    size_t len = 0;
    if (fstat(fd, &st) != 0) {
        status = io_error(diags, from, path, errno);
    } else if (S_ISDIR(st.st_mode)) {
        status = io_error(diags, from, path, EISDIR);
    } else if (S_ISREG(st.st_mode)) {
        if ((unsigned long long)st.st_size > SOURCE_MAX_BYTES) {
            diag_report(diags, DIAG_FILE_TOO_LARGE, from ? *from : (struct diag_loc){0}, path,
                        "1073741824");
            status = LOAD_IO_ERROR;
        } else {
            status = read_regular(a, diags, from, path, fd, (size_t)st.st_size, &text, &len);
        }
    } else if ((S_ISCHR(st.st_mode) && !is_stdin) || from != NULL) {
        /* /dev/zero and friends never end; a device is not a source file, nor
           is a pipe or socket an include. */
        status = io_error(diags, from, path, ENODEV);
    } else {
        status = read_stream(a, diags, from, path, fd, &text, &len);
    }
    if (!is_stdin)
        close(fd);
    if (status == LOAD_OK && from != NULL && !load_looks_like_goal(text, len)) {
        diag_report(diags, DIAG_NOT_A_GOAL_TABLE, *from, path, LOAD_SNIFF_BYTES);
        status = LOAD_IO_ERROR;
    }
    if (status != LOAD_OK)
        return status;
    *out = source_new(a, is_stdin ? "<stdin>" : path, id, text, len);
    return validate(*out, diags) ? LOAD_OK : LOAD_INVALID;
}

