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

struct lsp_server {
    int in_fd, out_fd;
    struct lsp_reader reader;
    struct lsp_docs docs;
    struct driver_stdlib *stdlib;
    enum diag_lang lang;
    bool initialized, shut_down, exiting;
    struct lsp_analysis *empty; /* an empty file compiled: the catalog when a file does not parse */
};

/* Serves until the exit notification or the end of input; returns the exit status. */
int lsp_server_run(int in_fd, int out_fd, enum diag_lang lang);

/* The analysis of the document's current text (compiled now if needed); NULL out of memory. */
struct lsp_analysis *lsp_server_analysis(struct lsp_server *s, struct lsp_doc *d);
/* The document a request's params.textDocument.uri names, or NULL. */
struct lsp_doc *lsp_server_doc(struct lsp_server *s, const struct lsp_json *params);
/* Sends a message; takes it. */
void lsp_server_send(struct lsp_server *s, struct lsp_json *message);

#endif
