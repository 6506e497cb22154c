/*
 * parse.c - running the scanner and the parser over one source.
 *
 * Owns the parse_ctx for the duration of one parse.  The per-file error
 * limit is the sink's (DIAG_MAX_ERRORS_PER_FILE, diag.h); once it has left
 * an error of the file out, the parser stops reading it: what follows a
 * file fed by mistake (a binary, another format) is noise.
 *
 * It also follows the layout of the tokens (parse_track_layout), so that a
 * "}" left out is reported where the indentation shows the block closed,
 * not where the grammar gives up many lines later.  Indentation is the
 * column of a line's first token; a block is judged only against the line
 * holding its "{", and only when a syntax error follows while it is still
 * open (one that expects a "}", or any later one), so a table laid out in
 * any other way that parses is never judged.
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
parse_warning(struct parse_ctx *ctx, struct ast_span span, int diag_id, ...)
{
    if (ctx->stop)
        return;
    struct diag_loc loc = {ctx->src, span.start, span.end};
    va_list ap;
    va_start(ap, diag_id);
    diag_vreport(ctx->diags, (enum diag_id)diag_id, loc, ap);
    va_end(ap);
}

void
parse_track_layout(struct parse_ctx *ctx, struct ast_span span, int depth_before, bool is_close)
{
    const struct source *src = ctx->src;
    unsigned line = source_line_number_near(src, ctx->token_line, span.start);
    bool first = line != ctx->token_line;
    if (first) {
        unsigned l, column;
        source_position(src, span.start, &l, &column); /* only the indentation is counted */
        ctx->line_indent = column;
    }
    /* A text block ends on a later line: what follows it there is not first. */
    ctx->token_line = span.end > span.start ? source_line_number_near(src, line, span.end - 1) : line;
    struct parse_unclosed *u = &ctx->unclosed;
    int inner = depth_before - 1;
    if (inner >= 0) {
        struct parse_brace *b = &ctx->braces[inner];
        uint32_t c = ctx->line_indent;
        bool shows_closed = false;
        if (!first) {
            if (line == b->line && b->body == 0)
                b->inline_body = true;
        } else if (is_close) {
            if (c < b->indent)
                shows_closed = true; /* a "}" left of its block's line closes an outer block */
            else if (c == b->indent && u->set && inner <= u->index)
                u->set = false; /* it lines up: the braces were right */
        } else if (b->body == 0 && !b->inline_body) {
            b->body = c; /* the block's first line: a block not indented is never judged */
        } else if (c <= b->indent && (b->inline_body || b->body > b->indent)) {
            shows_closed = true;
        }
        if (shows_closed && !u->set)
            *u = (struct parse_unclosed){true, inner, ctx->open_braces[inner], b->line, span};
    }
    if (ctx->depth > depth_before)
        ctx->braces[ctx->depth - 1] = (struct parse_brace){line, ctx->line_indent, 0, false};
    if (is_close && ctx->depth == 0)
        u->set = false; /* back at the top level: the braces balanced */
}

bool
parse_report_unclosed(struct parse_ctx *ctx, struct ast_span span, int keyword_block)
{
    struct parse_unclosed *u = &ctx->unclosed;
    struct parse_unclosed found;
    if (u->set && u->at.start <= span.start)
        found = *u;
    else if (keyword_block >= 0 && keyword_block < ctx->depth)
        found = (struct parse_unclosed){true, keyword_block, ctx->open_braces[keyword_block],
                                        ctx->braces[keyword_block].line, span};
    else
        return false;
    u->set = false;
    ctx->unclosed_reported = true;
    size_t before = ctx->diags->count;
    parse_error(ctx, found.at, DIAG_MISSING_CLOSE_BRACE, (unsigned)found.line);
    if (ctx->diags->count > before) {
        struct diag_loc open = {ctx->src, found.brace, found.brace + 1};
        diag_add_note(ctx->diags, ctx->diags->items[ctx->diags->count - 1],
                      DIAG_NOTE_UNCLOSED_BLOCK, open);
    }
    ctx->last_error_line = source_line_number(ctx->src, span.start);
    return true;
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
