/*
 * parse.c - running the scanner and the parser over one source.
 *
 * Owns the parse_ctx for the duration of one parse and the per-file error
 * budget: after PARSE_MAX_ERRORS errors the file is abandoned with one
 * final message, so a binary file fed by mistake does not flood the screen.
 */
#include "parse.h"

#include "arena.h"
#include "diag.h"
#include "parser.h" /* before lexer.h: it needs YYSTYPE */
#include "lexer.h"
#include "source.h"

void
parse_error(struct parse_ctx *ctx, struct ast_span span, int diag_id, ...)
{
    if (ctx->stop)
        return;
    struct diag_loc loc = {ctx->src, span.start, span.end};
    if (ctx->errors >= PARSE_MAX_ERRORS) {
        diag_report(ctx->diags, DIAG_TOO_MANY_ERRORS, loc, ctx->src->path);
        ctx->stop = true;
        return;
    }
    va_list ap;
    va_start(ap, diag_id);
    diag_vreport(ctx->diags, (enum diag_id)diag_id, loc, ap);
    va_end(ap);
    ctx->errors++;
    ctx->last_error_line = source_line_number(ctx->src, span.start);
}

struct ast_node *
parse_source(struct arena *a, struct diag_sink *diags, const struct source *src)
{
    struct parse_ctx ctx = {.arena = a, .diags = diags, .src = src};
    yyscan_t scanner;
    if (yylex_init_extra(&ctx, &scanner) != 0)
        arena_oom(a);
    /* flex scans in place: the source keeps two NULs after its text for this. */
    char *base = src->text + src->body_start;
    yy_scan_buffer(base, src->len - src->body_start + 2, scanner);
    int rc = yyparse(scanner, &ctx);
    lexer_restore_source(scanner);
    yylex_destroy(scanner);
    if (rc != 0 || ctx.errors > 0 || ctx.root == NULL)
        return NULL;
    return ctx.root;
}
