/*
 * fuzz_lsp.c - libFuzzer harness over goalc lsp: its message reader
 * (lsp/lsp_io.h), the protocol's JSON (lsp/lsp_json.h), the document
 * store's positions (lsp/lsp_docs.h), and the whole server
 * (lsp_server_serve) over the same bytes.
 *
 * The input is a byte stream as a client would write it, handed to the
 * reader in chunks of varying size (a pipe gives no whole messages).  Each
 * message read is parsed as JSON; a "text" member found anywhere at the
 * top of params.textDocument or params.contentChanges[0] becomes a
 * document, which each "position" in the message edits.  Then the server
 * reads the same stream, in the same chunks, writing to a temporary file;
 * it sees no input waiting at the end and wherever the next byte is odd,
 * so it publishes diagnostics there (docs/lsp.md, "Debouncing").
 *
 * The oracle: the sanitizers, and
 *   - the reader ends only at the end of the input (it never loops);
 *   - a message's body is as long as it says and NUL-terminated;
 *   - the reader's buffer stays within LSP_MAX_HEADER beyond a body;
 *   - the messages read do not depend on how the bytes arrive: chunks of
 *     1 to 64 bytes read the same as all the reader asks for;
 *   - every offset from a position lies within its text, and a position
 *     turned back to an offset and again to a position is stable;
 *   - the server writes only whole frames ("Content-Length: N", a blank
 *     line, N bytes), each a JSON-RPC 2.0 object: a response (an id, and
 *     a result or an error with a numeric code and a message) or a
 *     notification (a method, no id);
 *   - it answers, in order, exactly the messages that call for an answer
 *     up to the first exit: each request (a method and an id), each id
 *     without a method, result or error, each body that is not JSON (null
 *     id) and each JSON that is no JSON-RPC 2.0 message (its id, or null);
 *   - when every body it read is UTF-8, so is everything it writes.
 * Each says why it failed before aborting (fail()).
 * Build and run: make fuzz-lsp; make fuzz-replay replays tests/fuzz/lsp-corpus.
 */
#include "base/utf8.h"
#include "lsp/lsp_docs.h"
#include "lsp/lsp_io.h"
#include "lsp/lsp_json.h"
#include "lsp/lsp_server.h"

#include <fcntl.h>
#include <sanitizer/common_interface_defs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct feed {
    const uint8_t *data;
    size_t size, pos;
    bool whole; /* all the reader asks for, not chunks */
};

/* An oracle failed: say which before aborting (a crash report shows its tail). */
static _Noreturn void
fail(const char *why)
{
    fprintf(stderr, "fuzz_lsp: oracle failed: %s\n", why);
    abort();
}

static long long
feed_read(void *ctx, char *buf, size_t n)
{
    struct feed *f = ctx;
    if (f->pos >= f->size)
        return 0;
    /* Chunks of 1 to 64 bytes, chosen by the data itself. */
    size_t chunk = f->whole ? n : 1 + f->data[f->pos] % 64;
    if (chunk > n)
        chunk = n;
    if (chunk > f->size - f->pos)
        chunk = f->size - f->pos;
    memcpy(buf, f->data + f->pos, chunk);
    f->pos += chunk;
    return (long long)chunk;
}

/* The server's idea of waiting input: none at the end, nor before an odd byte. */
static bool
feed_ready(void *ctx)
{
    struct feed *f = ctx;
    return f->pos < f->size && (f->data[f->pos] & 1) == 0;
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
        fail("a position's offset lies beyond its text");
    long l2, c2;
    lsp_position(d->text, d->len, l, off, &l2, &c2);
    if (lsp_offset(d->text, d->len, l, l2, c2) != off)
        fail("an offset turned to a position and back moved");
    if (lsp_doc_replace(d, off / 2, off, "\xE4\xB8\xAD\n", 4)) {
        l = lsp_doc_lines(d);
        if (lsp_offset(d->text, d->len, l, line, ch) > d->len)
            fail("a position's offset lies beyond the edited text");
    }
    lsp_docs_free(&docs);
}

/* What one read gave: its status, its reason or its body. */
struct item {
    enum lsp_read_status st;
    enum lsp_bad_reason why;
    char *body;
    size_t len;
};

struct items {
    struct item *v;
    size_t n, cap;
};

static void
items_free(struct items *it)
{
    for (size_t i = 0; i < it->n; i++)
        free(it->v[i].body);
    free(it->v);
}

/* Every read of the input until its end, checking the reader's promises. */
static void
read_all(const uint8_t *data, size_t size, bool whole, struct items *out)
{
    struct feed f = {data, size, 0, whole};
    struct lsp_reader r;
    lsp_reader_init(&r, feed_read, &f);
    for (size_t rounds = 0;; rounds++) {
        if (rounds > size + 2)
            fail("the reader returned more messages than the input has bytes");
        struct item it = {0};
        it.st = lsp_read_message(&r, &it.body, &it.len, &it.why);
        if (it.st == LSP_READ_EOF)
            break;
        if (it.st == LSP_READ_OOM)
            abort(); /* the fuzzer has memory */
        if (r.len - r.pos > LSP_MAX_HEADER + 4096 + it.len && it.st != LSP_READ_MESSAGE)
            fail("the reader buffered more than LSP_MAX_HEADER beyond a body");
        if (it.st == LSP_READ_MESSAGE && it.body[it.len] != '\0')
            fail("a body is not NUL-terminated");
        if (out->n == out->cap) {
            out->cap = out->cap ? 2 * out->cap : 16;
            out->v = realloc(out->v, out->cap * sizeof *out->v);
            if (out->v == NULL)
                abort();
        }
        out->v[out->n++] = it;
    }
    lsp_reader_free(&r);
}

static bool
is_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t bad;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp, &bad);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

/* The printed id of each message that calls for an answer, up to the first exit. */
static size_t
expected_answers(const struct items *in, char ***ids, bool *utf8)
{
    *ids = calloc(in->n + 1, sizeof **ids);
    if (*ids == NULL)
        abort();
    size_t n = 0;
    *utf8 = true;
    for (size_t i = 0; i < in->n; i++) {
        if (in->v[i].st != LSP_READ_MESSAGE)
            continue;
        *utf8 &= is_utf8(in->v[i].body, in->v[i].len);
        struct lsp_json *msg = lsp_json_parse(in->v[i].body, in->v[i].len);
        const struct lsp_json *id = lsp_json_get(msg, "id");
        const char *method = lsp_json_string(lsp_json_get(msg, "method"));
        bool rpc = msg != NULL && lsp_json_get(msg, "jsonrpc") != NULL;
        if (rpc && method != NULL && strcmp(method, "exit") == 0) {
            lsp_json_free(msg);
            break;
        }
        bool reply = lsp_json_get(msg, "result") != NULL || lsp_json_get(msg, "error") != NULL;
        bool answer = !rpc || (id != NULL && (method != NULL || !reply));
        if (answer) {
            struct lsp_json *copy = lsp_json_copy(id);
            (*ids)[n++] = lsp_json_print(copy);
            lsp_json_free(copy);
        }
        lsp_json_free(msg);
    }
    return n;
}

/* The frames the server wrote, checked; the printed ids of its responses. */
static size_t
answers_written(const char *out, size_t len, char ***ids, bool utf8)
{
    static const char head[] = "Content-Length: ";
    size_t n = 0, cap = 0;
    *ids = NULL;
    for (size_t p = 0; p < len;) {
        if (len - p < sizeof head - 1 || memcmp(out + p, head, sizeof head - 1) != 0)
            fail("the server wrote something other than a Content-Length header");
        p += sizeof head - 1;
        size_t body = 0, digits = 0;
        for (; p < len && out[p] >= '0' && out[p] <= '9' && digits < 12; p++, digits++)
            body = body * 10 + (size_t)(out[p] - '0');
        if (digits == 0 || len - p < 4 || memcmp(out + p, "\r\n\r\n", 4) != 0)
            fail("the server wrote a malformed header");
        p += 4;
        if (len - p < body)
            fail("the server wrote a frame shorter than its Content-Length");
        if (utf8 && !is_utf8(out + p, body))
            fail("the server wrote a body that is not UTF-8 (its input was)");
        struct lsp_json *m = lsp_json_parse(out + p, body);
        if (m == NULL)
            fail("the server wrote a body that is not JSON");
        const char *v = lsp_json_string(lsp_json_get(m, "jsonrpc"));
        if (v == NULL || strcmp(v, "2.0") != 0)
            fail("the server wrote a message without \"jsonrpc\": \"2.0\"");
        const struct lsp_json *id = lsp_json_get(m, "id");
        bool method = lsp_json_string(lsp_json_get(m, "method")) != NULL;
        if (id == NULL && !method)
            fail("the server wrote a message with neither an id nor a method");
        if (id != NULL) {
            const struct lsp_json *e = lsp_json_get(m, "error");
            bool result = lsp_json_get(m, "result") != NULL;
            if (method || result == (e != NULL))
                fail("a response has not exactly one of result and error, or has a method");
            if (e != NULL && (lsp_json_int(lsp_json_get(e, "code"), 0) == 0 ||
                              lsp_json_string(lsp_json_get(e, "message")) == NULL))
                fail("an error response lacks its code or message");
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                *ids = realloc(*ids, cap * sizeof **ids);
                if (*ids == NULL)
                    abort();
            }
            (*ids)[n++] = lsp_json_print(id);
        }
        lsp_json_free(m);
        p += body;
    }
    return n;
}

/*
 * The server logs each message it skips to standard error: with random
 * bytes that is a line for nearly every input, a hundred thousand lines
 * in a short run.  While it serves, standard error is /dev/null; the
 * sanitizers' reports go to the real one (__sanitizer_set_report_fd), and
 * the oracles speak after it is back.  (A crash while it serves loses
 * libFuzzer's own last lines, not the report nor the input it saves.)
 */
static void
quiet_stderr(bool quiet)
{
    static int real = -1, null = -1;
    if (real < 0) {
        real = dup(STDERR_FILENO);
        null = open("/dev/null", O_WRONLY);
        if (real < 0 || null < 0)
            abort();
        __sanitizer_set_report_fd((void *)(intptr_t)real);
    }
    fflush(stderr);
    if (dup2(quiet ? null : real, STDERR_FILENO) < 0)
        abort();
}

/* The whole server over the input; its output checked against what it read. */
static void
serve(const uint8_t *data, size_t size, const struct items *in)
{
    static FILE *out;
    static struct driver_stdlib *stdlib; /* parsed once, as a server does */
    if (out == NULL && (out = tmpfile()) == NULL)
        abort();
    if (stdlib == NULL && (stdlib = driver_stdlib_new()) == NULL)
        abort();
    int fd = fileno(out);
    if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0)
        abort();
    struct feed f = {data, size, 0, false};
    struct lsp_input input = {feed_read, feed_ready, &f};
    quiet_stderr(true);
    lsp_server_serve(&input, fd, DIAG_LANG_EN, stdlib);
    quiet_stderr(false);
    off_t end = lseek(fd, 0, SEEK_END);
    if (end < 0 || lseek(fd, 0, SEEK_SET) != 0)
        abort();
    char *text = malloc((size_t)end + 1);
    if (text == NULL || read(fd, text, (size_t)end) != (ssize_t)end)
        abort();
    char **want, **got;
    bool utf8;
    size_t nwant = expected_answers(in, &want, &utf8);
    size_t ngot = answers_written(text, (size_t)end, &got, utf8);
    if (ngot != nwant)
        fail("the server did not answer exactly the messages that call for an answer");
    for (size_t i = 0; i < nwant; i++)
        if (want[i] == NULL || got[i] == NULL || strcmp(want[i], got[i]) != 0)
            fail("the server's answers do not go, in order, to the ids asked");
    for (size_t i = 0; i < nwant; i++)
        free(want[i]);
    for (size_t i = 0; i < ngot; i++)
        free(got[i]);
    free(want);
    free(got);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct items chunked = {0}, whole = {0};
    read_all(data, size, false, &chunked);
    read_all(data, size, true, &whole);
    if (chunked.n != whole.n)
        fail("the reader read a different number of messages in small chunks");
    for (size_t i = 0; i < chunked.n; i++) {
        const struct item *a = &chunked.v[i], *b = &whole.v[i];
        if (a->st != b->st || (a->st == LSP_READ_BAD && a->why != b->why) || a->len != b->len ||
            (a->len > 0 && memcmp(a->body, b->body, a->len) != 0))
            fail("the reader read different messages in small chunks");
    }
    for (size_t i = 0; i < chunked.n; i++) {
        if (chunked.v[i].st != LSP_READ_MESSAGE)
            continue;
        struct lsp_json *msg = lsp_json_parse(chunked.v[i].body, chunked.v[i].len);
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
    }
    serve(data, size, &chunked);
    items_free(&chunked);
    items_free(&whole);
    return 0;
}
