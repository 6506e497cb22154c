/*
 * lsp_io.c - the base protocol's framing (lsp_io.h).
 *
 * Headers are parsed from the buffer without copying: a line ends at LF
 * (CRLF as the protocol says, a bare LF accepted), names compare without
 * case, Content-Type is ignored (the body is UTF-8 JSON whatever it says).
 * Invariant: the reader's buffer holds at most LSP_MAX_HEADER bytes beyond
 * a body it is reading, so hostile input costs bounded memory.
 */
#include "lsp/lsp_io.h"

#include "platform/platform.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
lsp_reader_init(struct lsp_reader *r, lsp_read_fn *read, void *ctx)
{
    *r = (struct lsp_reader){.read = read, .ctx = ctx};
}

void
lsp_reader_free(struct lsp_reader *r)
{
    free(r->buf);
    r->buf = NULL;
    r->pos = r->len = r->cap = 0;
}

bool
lsp_reader_buffered(const struct lsp_reader *r)
{
    return r->pos < r->len;
}

/* Reads more bytes, keeping at least want free; false at the end or out of memory. */
static bool
fill(struct lsp_reader *r, size_t want, bool *oom)
{
    if (r->eof)
        return false;
    /* Compacting only when short of room keeps a long body's reads linear. */
    if (r->pos > 0 && (r->cap - r->len < want || r->pos == r->len)) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->cap - r->len < want) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap - r->len < want)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (b == NULL) {
            *oom = true;
            return false;
        }
        r->buf = b;
        r->cap = cap;
    }
    for (;;) {
        long long n = r->read(r->ctx, r->buf + r->len, r->cap - r->len);
        if (n > 0) {
            r->len += (size_t)n;
            return true;
        }
        if (n < 0 && errno == EINTR)
            continue;
        r->eof = true;
        return false;
    }
}

/*
 * The end of the header block in buf[pos..len): the offset after its blank
 * line, or 0.  The first from bytes after pos were scanned before without
 * an end (but for the two before, which may start one): so a block that
 * comes in small pieces is scanned once, not once per piece.
 */
static size_t
header_end(const struct lsp_reader *r, size_t from)
{
    if (r->buf == NULL)
        return 0;
    const char *p = r->buf + r->pos, *end = r->buf + r->len;
    for (const char *q = p + (from > 2 ? from - 2 : 0); q < end; q++) {
        if (*q != '\n')
            continue;
        /* q ends a line: the next line is blank when it is "\n" or "\r\n". */
        if (q + 1 < end && q[1] == '\n')
            return (size_t)(q + 2 - r->buf);
        if (q + 2 < end && q[1] == '\r' && q[2] == '\n')
            return (size_t)(q + 3 - r->buf);
    }
    return 0;
}

/* The Content-Length in the header block buf[pos..stop): 1 found, 0 absent, -1 malformed. */
static int
content_length(const char *p, const char *stop, size_t *out)
{
    static const char name[] = "content-length";
    int found = 0;
    while (p < stop) {
        const char *eol = memchr(p, '\n', (size_t)(stop - p));
        if (eol == NULL)
            eol = stop;
        const char *colon = memchr(p, ':', (size_t)(eol - p));
        if (colon != NULL && (size_t)(colon - p) == sizeof name - 1 &&
            strncasecmp(p, name, sizeof name - 1) == 0) {
            const char *v = colon + 1;
            while (v < eol && (*v == ' ' || *v == '\t'))
                v++;
            size_t n = 0;
            const char *d = v;
            /* Saturates past LSP_MAX_BODY, so that every longer length,
               however many digits, is judged too long (and skipped). */
            for (; d < eol && *d >= '0' && *d <= '9'; d++)
                n = n > LSP_MAX_BODY ? n : n * 10 + (size_t)(*d - '0');
            const char *rest = d;
            while (rest < eol && (*rest == ' ' || *rest == '\t' || *rest == '\r'))
                rest++;
            if (d == v || rest != eol)
                return -1;
            *out = n;
            found = 1;
        }
        p = eol + 1;
    }
    return found;
}

/* Drops n bytes of input, buffered or not; false when the input ends first. */
static bool
skip(struct lsp_reader *r, size_t n, bool *oom)
{
    for (;;) {
        size_t have = r->len - r->pos;
        if (have >= n) {
            r->pos += n;
            return true;
        }
        n -= have;
        r->pos = r->len = 0;
        if (!fill(r, 4096, oom))
            return false;
    }
}

enum lsp_read_status
lsp_read_message(struct lsp_reader *r, char **body, size_t *len, enum lsp_bad_reason *why)
{
    bool oom = false;
    *body = NULL;
    *len = 0;
    size_t stop;
    size_t scanned = 0;
    while ((stop = header_end(r, scanned)) == 0) {
        scanned = r->len - r->pos;
        if (r->len - r->pos > LSP_MAX_HEADER) {
            /* Keep only the tail, which may hold the start of the blank line. */
            *why = LSP_BAD_HEADER_SIZE;
            /* Skip to a blank line, keeping the last two bytes, which may
               start it; report once. */
            while ((stop = header_end(r, 0)) == 0) {
                r->pos = r->len > r->pos + 2 ? r->len - 2 : r->pos;
                if (!fill(r, 4096, &oom))
                    return oom ? LSP_READ_OOM : LSP_READ_EOF;
            }
            r->pos = stop;
            return LSP_READ_BAD;
        }
        if (!fill(r, 4096, &oom))
            return oom ? LSP_READ_OOM : LSP_READ_EOF;
    }
    if (stop - r->pos > LSP_MAX_HEADER) {
        /* Too long however it arrived: a block read at once is judged as
           one that came in pieces (above), so chunking changes nothing. */
        *why = LSP_BAD_HEADER_SIZE;
        r->pos = stop;
        return LSP_READ_BAD;
    }
    size_t n = 0;
    int found = content_length(r->buf + r->pos, r->buf + stop, &n);
    r->pos = stop;
    if (found <= 0) {
        *why = found == 0 ? LSP_BAD_NO_LENGTH : LSP_BAD_LENGTH;
        return LSP_READ_BAD;
    }
    if (n > LSP_MAX_BODY) {
        *why = LSP_BAD_TOO_LONG;
        return skip(r, n, &oom) ? LSP_READ_BAD : oom ? LSP_READ_OOM : LSP_READ_EOF;
    }
    while (r->len - r->pos < n)
        if (!fill(r, n - (r->len - r->pos), &oom))
            return oom ? LSP_READ_OOM : LSP_READ_EOF;
    char *b = malloc(n + 1);
    if (b == NULL)
        return LSP_READ_OOM;
    memcpy(b, r->buf + r->pos, n);
    b[n] = '\0';
    r->pos += n;
    *body = b;
    *len = n;
    return LSP_READ_MESSAGE;
}

bool
lsp_write_message(int fd, const char *body, size_t len)
{
    char head[64];
    int h = 0;
    char digits[24];
    int d = 0;
    size_t v = len;
    do {
        digits[d++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    static const char name[] = "Content-Length: ";
    memcpy(head, name, sizeof name - 1);
    h = (int)sizeof name - 1;
    while (d > 0)
        head[h++] = digits[--d];
    memcpy(head + h, "\r\n\r\n", 4);
    h += 4;
    return platform_write_fd(fd, head, (size_t)h) && platform_write_fd(fd, body, len);
}
