/*
 * lsp_io.h - the base protocol's framing: messages as headers
 * ("Content-Length: N", CRLF-terminated, a blank line) then N bytes.
 *
 * The reader takes its bytes from a callback (a file descriptor for the
 * server, memory for the fuzz harness) and never gives up on bad input: a
 * header block without a usable Content-Length, one longer than
 * LSP_MAX_HEADER, or a body longer than LSP_MAX_BODY is skipped and
 * reported as LSP_READ_BAD with the reason, and reading goes on with what
 * follows.  Only the end of the input ends it.
 */
#ifndef GOALC_LSP_IO_H
#define GOALC_LSP_IO_H

#include <stdbool.h>
#include <stddef.h>

#define LSP_MAX_HEADER 8192
#define LSP_MAX_BODY ((size_t)256 << 20)

/* Reads up to n bytes into buf: the count, 0 at the end, -1 on an error (the end too). */
typedef long long lsp_read_fn(void *ctx, char *buf, size_t n);

struct lsp_reader {
    lsp_read_fn *read;
    void *ctx;
    char *buf; /* bytes read and not yet consumed: buf[pos..len) */
    size_t pos, len, cap;
    bool eof;
};

enum lsp_read_status { LSP_READ_MESSAGE, LSP_READ_BAD, LSP_READ_EOF, LSP_READ_OOM };

/* Why a message was skipped (LSP_READ_BAD). */
enum lsp_bad_reason {
    LSP_BAD_NO_LENGTH,   /* headers without a Content-Length */
    LSP_BAD_LENGTH,      /* a Content-Length that is no number */
    LSP_BAD_TOO_LONG,    /* a body over LSP_MAX_BODY: skipped */
    LSP_BAD_HEADER_SIZE, /* a header block over LSP_MAX_HEADER: skipped to its end */
};

void lsp_reader_init(struct lsp_reader *r, lsp_read_fn *read, void *ctx);
void lsp_reader_free(struct lsp_reader *r);
/*
 * The next message: *body (malloc'd, NUL-terminated, the caller frees) and
 * *len on LSP_READ_MESSAGE; *why on LSP_READ_BAD.
 */
enum lsp_read_status lsp_read_message(struct lsp_reader *r, char **body, size_t *len,
                                      enum lsp_bad_reason *why);
/* Whether bytes are buffered that have not been read as a message yet. */
bool lsp_reader_buffered(const struct lsp_reader *r);

/* Writes one message with its header to fd; false when the write failed. */
bool lsp_write_message(int fd, const char *body, size_t len);

#endif
