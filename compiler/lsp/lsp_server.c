/*
 * lsp_server.c - the JSON-RPC loop and dispatch of goalc lsp.
 *
 * Owns the lifecycle (initialize, shutdown, exit), text synchronisation
 * (didOpen, didChange full and incremental, didClose), the table of
 * request handlers (one module per feature group: lsp_features.h) and the
 * publishing of diagnostics when the input is idle.  Nothing read from
 * the client ends the server but exit or the end of input: a message
 * that cannot be read or parsed is logged to standard error (through
 * diag_tool_warning) and answered with an error when it had an id.
 */
#include "lsp/lsp_server.h"

#include "lsp/lsp_features.h"
#include "platform/platform.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_SERVER_NOT_INITIALIZED = -32002,
};

static long long
read_fd(void *ctx, char *buf, size_t n)
{
    return platform_read(*(int *)ctx, buf, n);
}

static bool
ready_fd(void *ctx)
{
    return platform_input_ready(*(int *)ctx);
}

void
lsp_server_send(struct lsp_server *s, struct lsp_json *message)
{
    char *text = lsp_json_print(message);
    lsp_json_free(message);
    if (text == NULL) {
        diag_tool_warning(s->lang, PHRASE_LSP_OUT_OF_MEMORY);
        return;
    }
    if (!lsp_write_message(s->out_fd, text, strlen(text)))
        s->exiting = true; /* the client is gone */
    free(text);
}

static struct lsp_json *
message(void)
{
    return lsp_json_set(lsp_json_object(), "jsonrpc", lsp_json_str("2.0"));
}

static void
respond(struct lsp_server *s, const struct lsp_json *id, struct lsp_json *result)
{
    struct lsp_json *m = message();
    lsp_json_set(m, "id", lsp_json_copy(id));
    lsp_json_set(m, "result", result != NULL ? result : lsp_json_null());
    lsp_server_send(s, m);
}

static void
respond_error(struct lsp_server *s, const struct lsp_json *id, int code, const char *text)
{
    struct lsp_json *e = lsp_json_object();
    lsp_json_set(e, "code", lsp_json_num(code));
    lsp_json_set(e, "message", lsp_json_str(text));
    struct lsp_json *m = message();
    lsp_json_set(m, "id", lsp_json_copy(id));
    lsp_json_set(m, "error", e);
    lsp_server_send(s, m);
}

struct lsp_doc *
lsp_server_doc(struct lsp_server *s, const struct lsp_json *params)
{
    const char *uri = lsp_json_string(lsp_json_path(params, "textDocument", "uri", NULL));
    return uri != NULL ? lsp_docs_find(&s->docs, uri) : NULL;
}

struct lsp_analysis *
lsp_server_analysis(struct lsp_server *s, struct lsp_doc *d)
{
    if (d->analysis != NULL)
        return d->analysis;
    d->analysis = lsp_analyze(s->stdlib, s->lang, d->path, d->text, d->len, d->version);
    if (d->analysis != NULL && d->analysis->c->root != NULL) {
        if (d->good != NULL)
            lsp_analysis_free(d->good);
        d->good = d->analysis;
    }
    return d->analysis;
}

/* --- the capabilities ------------------------------------------------------ */

static struct lsp_json *
capabilities(void)
{
    struct lsp_json *c = lsp_json_object();
    struct lsp_json *sync = lsp_json_object();
    lsp_json_set(sync, "openClose", lsp_json_boolean(true));
    lsp_json_set(sync, "change", lsp_json_num(2)); /* incremental */
    lsp_json_set(c, "textDocumentSync", sync);
    struct lsp_json *completion = lsp_json_object();
    struct lsp_json *triggers = lsp_json_array();
    lsp_json_push(triggers, lsp_json_str(" "));
    lsp_json_set(completion, "triggerCharacters", triggers);
    lsp_json_set(c, "completionProvider", completion);
    lsp_json_set(c, "hoverProvider", lsp_json_boolean(true));
    lsp_json_set(c, "documentSymbolProvider", lsp_json_boolean(true));
    lsp_json_set(c, "definitionProvider", lsp_json_boolean(true));
    lsp_json_set(c, "referencesProvider", lsp_json_boolean(true));
    lsp_json_set(c, "documentFormattingProvider", lsp_json_boolean(true));
    lsp_json_set(c, "documentRangeFormattingProvider", lsp_json_boolean(true));
    lsp_json_set(c, "foldingRangeProvider", lsp_json_boolean(true));
    struct lsp_json *actions = lsp_json_object();
    struct lsp_json *kinds = lsp_json_array();
    lsp_json_push(kinds, lsp_json_str("quickfix"));
    lsp_json_set(actions, "codeActionKinds", kinds);
    lsp_json_set(c, "codeActionProvider", actions);
    lsp_json_set(c, "semanticTokensProvider", lsp_semantic_tokens_options());
    return c;
}

static struct lsp_json *
initialize(struct lsp_server *s, const struct lsp_json *params)
{
    (void)params;
    s->initialized = true;
    struct lsp_json *r = lsp_json_object();
    lsp_json_set(r, "capabilities", capabilities());
    struct lsp_json *info = lsp_json_object();
    lsp_json_set(info, "name", lsp_json_str("goalc"));
    lsp_json_set(info, "version", lsp_json_str(GOALC_LSP_VERSION));
    lsp_json_set(r, "serverInfo", info);
    return r;
}

static struct lsp_json *
shutdown_request(struct lsp_server *s, const struct lsp_json *params)
{
    (void)params;
    s->shut_down = true;
    return lsp_json_null();
}

/* --- text synchronisation -------------------------------------------------- */

static void
did_open(struct lsp_server *s, const struct lsp_json *params)
{
    const struct lsp_json *td = lsp_json_get(params, "textDocument");
    const char *uri = lsp_json_string(lsp_json_get(td, "uri"));
    const char *text = lsp_json_string(lsp_json_get(td, "text"));
    if (uri == NULL || text == NULL) {
        diag_tool_warning(s->lang, PHRASE_LSP_BAD_PARAMS, "textDocument/didOpen");
        return;
    }
    if (lsp_docs_open(&s->docs, uri, text, strlen(text),
                      lsp_json_int(lsp_json_get(td, "version"), 0)) == NULL)
        diag_tool_warning(s->lang, PHRASE_LSP_OUT_OF_MEMORY);
}

static void
did_change(struct lsp_server *s, const struct lsp_json *params)
{
    struct lsp_doc *d = lsp_server_doc(s, params);
    if (d == NULL) {
        diag_tool_warning(s->lang, PHRASE_LSP_UNKNOWN_DOCUMENT, "textDocument/didChange");
        return;
    }
    const struct lsp_json *changes = lsp_json_get(params, "contentChanges");
    for (size_t i = 0; i < lsp_json_count(changes); i++) {
        const struct lsp_json *ch = lsp_json_at(changes, i);
        const char *text = lsp_json_string(lsp_json_get(ch, "text"));
        if (text == NULL)
            continue;
        const struct lsp_json *range = lsp_json_get(ch, "range");
        size_t start = 0, end = d->len;
        if (range != NULL) {
            const struct lsp_lines *l = lsp_doc_lines(d);
            const struct lsp_json *a = lsp_json_get(range, "start"),
                                  *b = lsp_json_get(range, "end");
            start = lsp_offset(d->text, d->len, l, lsp_json_int(lsp_json_get(a, "line"), 0),
                               lsp_json_int(lsp_json_get(a, "character"), 0));
            end = lsp_offset(d->text, d->len, l, lsp_json_int(lsp_json_get(b, "line"), 0),
                             lsp_json_int(lsp_json_get(b, "character"), 0));
        }
        if (!lsp_doc_replace(d, start, end, text, strlen(text)))
            diag_tool_warning(s->lang, PHRASE_LSP_OUT_OF_MEMORY);
    }
    d->version = lsp_json_int(lsp_json_path(params, "textDocument", "version", NULL), d->version);
}

static void
did_close(struct lsp_server *s, const struct lsp_json *params)
{
    const char *uri = lsp_json_string(lsp_json_path(params, "textDocument", "uri", NULL));
    if (uri == NULL)
        return;
    lsp_docs_close(&s->docs, uri);
    /* Clear what was shown for it. */
    struct lsp_json *p = lsp_json_object();
    lsp_json_set(p, "uri", lsp_json_str(uri));
    lsp_json_set(p, "diagnostics", lsp_json_array());
    struct lsp_json *m = message();
    lsp_json_set(m, "method", lsp_json_str("textDocument/publishDiagnostics"));
    lsp_json_set(m, "params", p);
    lsp_server_send(s, m);
}

/* --- dispatch -------------------------------------------------------------- */

typedef struct lsp_json *request_fn(struct lsp_server *s, const struct lsp_json *params);
typedef void notification_fn(struct lsp_server *s, const struct lsp_json *params);

static const struct {
    const char *method;
    request_fn *fn;
} requests[] = {
    {"initialize", initialize},
    {"shutdown", shutdown_request},
    {"textDocument/completion", lsp_completion},
    {"textDocument/hover", lsp_hover},
    {"textDocument/documentSymbol", lsp_document_symbols},
    {"textDocument/definition", lsp_definition},
    {"textDocument/references", lsp_references},
    {"textDocument/formatting", lsp_formatting},
    {"textDocument/rangeFormatting", lsp_range_formatting},
    {"textDocument/foldingRange", lsp_folding_ranges},
    {"textDocument/codeAction", lsp_code_actions},
    {"textDocument/semanticTokens/full", lsp_semantic_tokens},
};

static const struct {
    const char *method;
    notification_fn *fn;
} notifications[] = {
    {"textDocument/didOpen", did_open},
    {"textDocument/didChange", did_change},
    {"textDocument/didClose", did_close},
};

static void
handle(struct lsp_server *s, const struct lsp_json *msg)
{
    const char *method = lsp_json_string(lsp_json_get(msg, "method"));
    const struct lsp_json *id = lsp_json_get(msg, "id");
    const struct lsp_json *params = lsp_json_get(msg, "params");
    if (method == NULL) {
        if (id == NULL) /* a response to us (we send no requests), or nonsense */
            diag_tool_warning(s->lang, PHRASE_LSP_NOT_A_REQUEST);
        else if (lsp_json_get(msg, "result") == NULL && lsp_json_get(msg, "error") == NULL)
            respond_error(s, id, RPC_INVALID_REQUEST, diag_phrase(s->lang, PHRASE_LSP_NO_METHOD));
        return;
    }
    if (strcmp(method, "exit") == 0) {
        s->exiting = true;
        return;
    }
    if (id == NULL) {
        for (size_t i = 0; i < sizeof notifications / sizeof notifications[0]; i++)
            if (strcmp(method, notifications[i].method) == 0 && s->initialized)
                notifications[i].fn(s, params);
        return; /* unknown notifications ($/…, initialized, didSave) are ignored */
    }
    for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++) {
        if (strcmp(method, requests[i].method) != 0)
            continue;
        if (!s->initialized && requests[i].fn != initialize) {
            respond_error(s, id, RPC_SERVER_NOT_INITIALIZED,
                          diag_phrase(s->lang, PHRASE_LSP_NOT_INITIALIZED));
            return;
        }
        if (requests[i].fn != initialize && requests[i].fn != shutdown_request &&
            lsp_server_doc(s, params) == NULL) {
            respond_error(s, id, RPC_INVALID_PARAMS,
                          diag_phrase(s->lang, PHRASE_LSP_NO_SUCH_DOCUMENT));
            return;
        }
        respond(s, id, requests[i].fn(s, params));
        return;
    }
    respond_error(s, id, RPC_METHOD_NOT_FOUND, diag_phrase(s->lang, PHRASE_LSP_UNKNOWN_METHOD));
}

/* Whether a message is waiting: buffered, or readable now. */
static bool
input_waiting(struct lsp_server *s)
{
    if (lsp_reader_buffered(&s->reader))
        return true;
    return s->in.ready(s->in.ctx);
}

static void
publish_dirty(struct lsp_server *s)
{
    for (struct lsp_doc *d = s->docs.first; d != NULL; d = d->next) {
        if (!d->dirty)
            continue;
        struct lsp_analysis *a = lsp_server_analysis(s, d);
        if (a == NULL) {
            diag_tool_warning(s->lang, PHRASE_LSP_OUT_OF_MEMORY);
            continue;
        }
        d->dirty = false;
        struct lsp_json *m = message();
        lsp_json_set(m, "method", lsp_json_str("textDocument/publishDiagnostics"));
        lsp_json_set(m, "params", lsp_publish_params(s, d, a));
        lsp_server_send(s, m);
    }
}

static void
log_bad(struct lsp_server *s, enum lsp_bad_reason why)
{
    switch (why) {
    case LSP_BAD_NO_LENGTH:
        diag_tool_warning(s->lang, PHRASE_LSP_NO_LENGTH);
        break;
    case LSP_BAD_LENGTH:
        diag_tool_warning(s->lang, PHRASE_LSP_BAD_LENGTH);
        break;
    case LSP_BAD_TOO_LONG:
        diag_tool_warning(s->lang, PHRASE_LSP_TOO_LONG, (unsigned long)(LSP_MAX_BODY >> 20));
        break;
    case LSP_BAD_HEADER_SIZE:
        diag_tool_warning(s->lang, PHRASE_LSP_HEADER_TOO_LONG, LSP_MAX_HEADER);
        break;
    }
}

int
lsp_server_run(int in_fd, int out_fd, enum diag_lang lang)
{
    struct lsp_input in = {read_fd, ready_fd, &in_fd};
    return lsp_server_serve(&in, out_fd, lang, NULL);
}

int
lsp_server_serve(const struct lsp_input *in, int out_fd, enum diag_lang lang,
                 struct driver_stdlib *stdlib)
{
    struct lsp_server s = {.in = *in, .out_fd = out_fd, .lang = lang};
    s.own_stdlib = stdlib == NULL;
    s.stdlib = stdlib != NULL ? stdlib : driver_stdlib_new();
    lsp_reader_init(&s.reader, s.in.read, s.in.ctx);
    s.empty = lsp_analyze(s.stdlib, lang, "<empty>.goal", "", 0, 0);
    if (s.stdlib == NULL || s.empty == NULL) {
        diag_tool_warning(lang, PHRASE_LSP_OUT_OF_MEMORY);
        if (s.own_stdlib)
            driver_stdlib_free(s.stdlib);
        lsp_analysis_free(s.empty);
        return 2;
    }
    while (!s.exiting) {
        char *body;
        size_t len;
        enum lsp_bad_reason why;
        enum lsp_read_status st = lsp_read_message(&s.reader, &body, &len, &why);
        if (st == LSP_READ_EOF)
            break;
        if (st == LSP_READ_OOM) {
            diag_tool_warning(lang, PHRASE_LSP_OUT_OF_MEMORY);
            continue;
        }
        if (st == LSP_READ_BAD) {
            log_bad(&s, why);
            continue;
        }
        struct lsp_json *msg = lsp_json_parse(body, len);
        free(body);
        if (msg == NULL || lsp_json_get(msg, "jsonrpc") == NULL) {
            /* Answered either way, as JSON-RPC 2.0 says: a client that
               left out "jsonrpc" may be waiting for the answer to its id. */
            diag_tool_warning(lang, PHRASE_LSP_NOT_JSON);
            if (msg == NULL)
                respond_error(&s, NULL, RPC_PARSE_ERROR, diag_phrase(lang, PHRASE_LSP_NOT_JSON));
            else
                respond_error(&s, lsp_json_get(msg, "id"), RPC_INVALID_REQUEST,
                              diag_phrase(lang, PHRASE_LSP_NOT_RPC));
            lsp_json_free(msg);
            continue;
        }
        handle(&s, msg);
        lsp_json_free(msg);
        if (!s.exiting && !input_waiting(&s))
            publish_dirty(&s);
    }
    int status = s.shut_down ? 0 : 1; /* exit without shutdown: 1, as the protocol says */
    lsp_reader_free(&s.reader);
    lsp_docs_free(&s.docs);
    lsp_analysis_free(s.empty);
    if (s.own_stdlib)
        driver_stdlib_free(s.stdlib);
    return status;
}
