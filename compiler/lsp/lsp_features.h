/*
 * lsp_features.h - the request handlers, one module per feature group:
 *
 *   lsp_diagnostics.c  publishDiagnostics, codeAction (the suggestions as quick fixes)
 *   lsp_format.c       formatting, rangeFormatting (through fmt)
 *   lsp_complete.c     completion
 *   lsp_hover.c        hover
 *   lsp_navigate.c     documentSymbol, definition, references, foldingRange
 *   lsp_tokens.c       semanticTokens/full
 *
 * Each takes the request's params (checked by the server to name an open
 * document) and returns the result, NULL meaning JSON null.
 */
#ifndef GOALC_LSP_FEATURES_H
#define GOALC_LSP_FEATURES_H

#include "lsp/lsp_server.h"

#define GOALC_LSP_VERSION "0.1.0"

struct lsp_json *lsp_publish_params(struct lsp_server *s, struct lsp_doc *d,
                                    struct lsp_analysis *a);
struct lsp_json *lsp_code_actions(struct lsp_server *s, const struct lsp_json *params);

struct lsp_json *lsp_formatting(struct lsp_server *s, const struct lsp_json *params);
struct lsp_json *lsp_range_formatting(struct lsp_server *s, const struct lsp_json *params);

struct lsp_json *lsp_completion(struct lsp_server *s, const struct lsp_json *params);

struct lsp_json *lsp_hover(struct lsp_server *s, const struct lsp_json *params);

struct lsp_json *lsp_document_symbols(struct lsp_server *s, const struct lsp_json *params);
struct lsp_json *lsp_definition(struct lsp_server *s, const struct lsp_json *params);
struct lsp_json *lsp_references(struct lsp_server *s, const struct lsp_json *params);
struct lsp_json *lsp_folding_ranges(struct lsp_server *s, const struct lsp_json *params);

struct lsp_json *lsp_semantic_tokens_options(void);
struct lsp_json *lsp_semantic_tokens(struct lsp_server *s, const struct lsp_json *params);

/* Shared by the handlers (lsp_diagnostics.c). */
/* {line, character} of a byte offset of a's text. */
struct lsp_json *lsp_json_position(const struct lsp_analysis *a, size_t offset);
/* {start, end} of bytes [start, end) of a's text. */
struct lsp_json *lsp_json_range(const struct lsp_analysis *a, size_t start, size_t end);
/* The byte offset of params.position in a's text. */
size_t lsp_params_offset(const struct lsp_analysis *a, const struct lsp_json *params);

#endif
