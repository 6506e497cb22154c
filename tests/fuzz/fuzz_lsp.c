/*
 * fuzz_lsp.c - libFuzzer harness over goalc lsp's message reader
 * (lsp/lsp_io.h), the protocol's JSON (lsp/lsp_json.h) and the document
 * store's positions (lsp/lsp_docs.h).
 *
 * The input is a byte stream as a client would write it, handed to the
 * reader in chunks of varying size (a pipe gives no whole messages).  Each
 * message read is parsed as JSON; a "text" member found anywhere at the
 * top of params.textDocument or params.contentChanges[0] becomes a
 * document, which each "position" in the message edits.
 *
 * The oracle: the sanitizers, and
 *   - the reader ends only at the end of the input (it never loops);
 *   - a message's body is as long as it says and NUL-terminated;
 *   - the reader's buffer stays within LSP_MAX_HEADER beyond a body;
 *   - every offset from a position lies within its text, and a position
 *     turned back to an offset and again to a position is stable.
 * Build and run: make fuzz-lsp; make fuzz-replay replays tests/fuzz/lsp-corpus.
 */
#include "lsp/lsp_docs.h"
#include "lsp/lsp_io.h"
#include "lsp/lsp_json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct feed {
    const uint8_t *data;
    size_t size, pos;
};

static long long
feed_read(void *ctx, char *buf, size_t n)
{
    struct feed *f = ctx;
    if (f->pos >= f->size)
        return 0;
    /* Chunks of 1 to 64 bytes, chosen by the data itself. */
    size_t chunk = 1 + f->data[f->pos] % 64;
    if (chunk > n)
        chunk = n;
    if (chunk > f->size - f->pos)
        chunk = f->size - f->pos;
    memcpy(buf, f->data + f->pos, chunk);
    f->pos += chunk;
    return (long long)chunk;
}

static void
exercise_positions(const char *text, const struct lsp_json *msg)
{
    struct lsp_docs docs = {0};
    struct lsp_doc *d = lsp_docs_open(&docs, "file:///fuzz%20it.goal", text, strlen(text), 1);
    if (d == NULL)
        return;
    const struct lsp_json *p = lsp_json_path(msg, "params", "position", NULL);
    long line = lsp_json_int(lsp_json_get(p, "line"), 0);
    long ch = lsp_json_int(lsp_json_get(p, "character"), 0);
    const struct lsp_lines *l = lsp_doc_lines(d);
    size_t off = lsp_offset(d->text, d->len, l, line, ch);
    if (off > d->len)
        abort();
    long l2, c2;
    lsp_position(d->text, d->len, l, off, &l2, &c2);
    if (lsp_offset(d->text, d->len, l, l2, c2) != off)
        abort();
    if (lsp_doc_replace(d, off / 2, off, "\xE4\xB8\xAD\n", 4)) {
        l = lsp_doc_lines(d);
        if (lsp_offset(d->text, d->len, l, line, ch) > d->len)
            abort();
    }
    lsp_docs_free(&docs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct feed f = {data, size, 0};
    struct lsp_reader r;
    lsp_reader_init(&r, feed_read, &f);
    for (size_t rounds = 0;; rounds++) {
        if (rounds > size + 2)
            abort(); /* every round consumes input or ends */
        char *body;
        size_t len;
        enum lsp_bad_reason why;
        enum lsp_read_status st = lsp_read_message(&r, &body, &len, &why);
        if (st == LSP_READ_EOF)
            break;
        if (r.len - r.pos > LSP_MAX_HEADER + 4096 + len && st != LSP_READ_MESSAGE)
            abort();
        if (st != LSP_READ_MESSAGE)
            continue;
        if (body[len] != '\0')
            abort();
        struct lsp_json *msg = lsp_json_parse(body, len);
        const char *text =
            lsp_json_string(lsp_json_path(msg, "params", "textDocument", "text", NULL));
        if (text == NULL)
            text = lsp_json_string(lsp_json_get(
                lsp_json_at(lsp_json_path(msg, "params", "contentChanges", NULL), 0), "text"));
        if (text != NULL)
            exercise_positions(text, msg);
        char *printed = lsp_json_print(msg);
        free(printed);
        lsp_json_free(msg);
        free(body);
    }
    lsp_reader_free(&r);
    return 0;
}
