/*
 * lsp_server.h - goalc lsp: a Language Server Protocol server on two file
 * descriptors (standard input and output), and what its feature modules
 * share: the documents, the parsed stdlib, the language of messages.
 *
 * Requests are answered in the order they come; notifications that change
 * a document mark it dirty, and diagnostics are published once no further
 * message is waiting (the coalescing of docs/lsp.md, "Debouncing").
 */
#ifndef GOALC_LSP_SERVER_H
#define GOALC_LSP_SERVER_H

#include <stdbool.h>

#include "diag/diag.h"
#include "driver.h"
#include "lsp/lsp_analysis.h"
#include "lsp/lsp_docs.h"
#include "lsp/lsp_io.h"
#include "lsp/lsp_json.h"

/*
 * Where the server reads: bytes as lsp_io.h's reader takes them, and
 * whether more are waiting now (diagnostics are published when none are).
 * A file descriptor for goalc lsp, memory for the fuzz harness.
 */
struct lsp_input {
    lsp_read_fn *read;
    bool (*ready)(void *ctx);
    void *ctx;
};

struct lsp_server {
    struct lsp_input in;
    int out_fd;
    struct lsp_reader reader;
    struct lsp_docs docs;
    struct driver_stdlib *stdlib;
    bool own_stdlib; /* parsed by this server, freed with it */
    enum diag_lang lang;
    bool initialized, shut_down, exiting;
    struct lsp_analysis *empty; /* an empty file compiled: the catalog when a file does not parse */
};

/* Serves until the exit notification or the end of input; returns the exit status. */
int lsp_server_run(int in_fd, int out_fd, enum diag_lang lang);
/* The same, reading from in, with stdlib parsed before (kept: a harness
   runs many servers on one), or NULL to parse its own. */
int lsp_server_serve(const struct lsp_input *in, int out_fd, enum diag_lang lang,
                     struct driver_stdlib *stdlib);

/* The analysis of the document's current text (compiled now if needed); NULL out of memory. */
struct lsp_analysis *lsp_server_analysis(struct lsp_server *s, struct lsp_doc *d);
/* The document a request's params.textDocument.uri names, or NULL. */
struct lsp_doc *lsp_server_doc(struct lsp_server *s, const struct lsp_json *params);
/* Sends a message; takes it. */
void lsp_server_send(struct lsp_server *s, struct lsp_json *message);

#endif
