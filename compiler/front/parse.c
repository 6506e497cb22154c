/*
 * parse.c - running the scanner and the parser over one source.
 *
 * Owns the parse_ctx for the duration of one parse.  The per-file error
 * limit is the sink's (DIAG_MAX_ERRORS_PER_FILE, diag.h); once it has left
 * an error of the file out, the parser stops reading it: what follows a
 * file fed by mistake (a binary, another format) is noise.
 */
#include "front/parse.h"

#include "base/arena.h"
#include "diag/diag.h"
#include "parser.h" /* before lexer.h: it needs YYSTYPE */
#include "lexer.h"
#include "base/source.h"

#include <string.h>

void
parse_error(struct parse_ctx *ctx, struct ast_span span, int diag_id, ...)
{
    if (ctx->stop)
        return;
    struct diag_loc loc = {ctx->src, span.start, span.end};
    va_list ap;
    va_start(ap, diag_id);
    diag_vreport(ctx->diags, (enum diag_id)diag_id, loc, ap);
    va_end(ap);
    ctx->errors++;
    ctx->last_error_line = source_line_number(ctx->src, span.start);
    if (diag_file_full(ctx->diags, ctx->src))
        ctx->stop = true;
}

void
parse_record_comment(struct parse_ctx *ctx, uint32_t start, uint32_t end)
{
    struct parse_comments *c = ctx->comments;
    if (c == NULL)
        return;
    *ARENA_PUSH(ctx->arena, c->items, c->count, c->cap) = (struct parse_comment){start, end};
}

void
parse_count_keyword(struct parse_ctx *ctx, const char *s)
{
    struct parse_comments *c = ctx->comments;
    if (c == NULL)
        return;
    /* English spellings are ASCII words, Chinese ones start with a CJK character. */
    if ((unsigned char)s[0] < 0x80)
        c->keywords_en++;
    else
        c->keywords_zh++;
}

struct ast_node *
parse_source(struct arena *a, struct diag_sink *diags, const struct source *src)
{
    return parse_source_with_comments(a, diags, src, NULL);
}

struct ast_node *
parse_source_with_comments(struct arena *a, struct diag_sink *diags, const struct source *src,
                           struct parse_comments *comments)
{
    if (comments != NULL)
        *comments = (struct parse_comments){0};
    struct parse_ctx ctx = {.arena = a, .diags = diags, .src = src, .comments = comments};
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
