/*
 * lsp_analysis.h - one compilation of a document's text, and what the
 * features ask of it: the node at an offset, the tables, the catalog.
 *
 * A document is compiled as `goalc check` would compile the file it stands
 * for (its includes resolved against its directory), with the stdlib
 * parsed once per server (driver_stdlib).  The analysis owns the
 * compilation and a copy of the text it was made from.
 */
#ifndef GOALC_LSP_ANALYSIS_H
#define GOALC_LSP_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "driver.h"
#include "front/parse.h"
#include "lsp/lsp_docs.h"

struct lsp_analysis {
    struct compilation *c;
    struct parse_comments comments;
    enum compile_status status;
    char *text; /* what was compiled: len bytes */
    size_t len;
    struct lsp_lines lines;
    long version;
};

/* NULL when out of memory. */
struct lsp_analysis *lsp_analyze(struct driver_stdlib *reuse, enum diag_lang lang, const char *path,
                                 const char *text, size_t len, long version);
void lsp_analysis_free(struct lsp_analysis *a);

/* The root file's source (id 0), or NULL. */
const struct source *lsp_analysis_root_source(const struct lsp_analysis *a);
/* Whether the span lies in the document itself (not an include or the stdlib). */
bool lsp_span_in_root(struct ast_span span);

/* Visits every node of the root file's tree (includes not entered), parents first. */
typedef void lsp_node_fn(void *ctx, const struct ast_node *n, const struct ast_node *table);
void lsp_walk(const struct ast_node *file, lsp_node_fn *fn, void *ctx);

/* The innermost node of the root file whose span holds offset, and its table; NULL when none. */
const struct ast_node *lsp_node_at(const struct lsp_analysis *a, size_t offset,
                                   const struct ast_node **table);

/* Whether offset lies in s (which must be in the root file). */
bool lsp_str_holds(const struct ast_str *s, size_t offset);

#endif
