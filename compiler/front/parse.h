/*
 * parse.h - turning one source into a FILE node.
 *
 * The scanner (grammar/lexer.l) and the parser (grammar/parser.y) share a
 * parse_ctx: no global state, so several files may be parsed at once on
 * different threads, each with its own arena.
 */
#ifndef GOALC_PARSE_H
#define GOALC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/ast.h"

struct arena;
struct diag_sink;
struct source;

/* Deepest nesting of braces accepted; deeper input gets E0108, not a stack overflow. */
#define PARSE_MAX_DEPTH 256

/* A `#` comment: the bytes from `#` to the end of its line (line end excluded). */
struct parse_comment {
    uint32_t start, end;
};

/*
 * What the formatter needs of a file beyond its tree: its comments in
 * source order (in the arena), and how many of its keywords were spelt in
 * each language (keyword.def), for fmt's default keyword language.
 */
struct parse_comments {
    struct parse_comment *items;
    size_t count, cap;
    size_t keywords_zh, keywords_en;
};

/*
 * Where an open brace stands, for saying which block a missing "}" left
 * open.  indent is the column (in characters, 1-based) of the first token
 * of the line holding the brace; body is the column of the first line
 * started inside the block (0: none yet); inline is set when a token
 * follows the brace on its own line.
 */
struct parse_brace {
    uint32_t line;
    uint32_t indent, body;
    bool inline_body;
};

/*
 * A block that the layout shows closed while it is still open: the first
 * token of a line at or left of the column of the line that opened it, or
 * a "}" left of it.  Kept until the braces show the layout was right after
 * all (a "}" that lines up with its block's line closes a block around it,
 * or the top level is reached); used only when a syntax error follows.
 */
struct parse_unclosed {
    bool set;
    int index;      /* its depth - 1 */
    uint32_t brace; /* offset of its "{" */
    uint32_t line;  /* line of its "{" */
    struct ast_span at; /* the token that shows it closed */
};

struct parse_ctx {
    struct arena *arena;
    struct diag_sink *diags;
    const struct source *src;
    struct ast_node *root;
    int depth;                /* braces currently open */
    uint32_t open_braces[PARSE_MAX_DEPTH]; /* offsets of the open braces, innermost last */
    struct parse_brace braces[PARSE_MAX_DEPTH]; /* their layout, by the same index */
    struct parse_unclosed unclosed; /* a block the layout shows closed */
    bool unclosed_reported; /* E0113 given: an end of file expecting "}" says nothing more */
    unsigned token_line;    /* line of the last token, 0 before the first */
    uint32_t line_indent;   /* column of the first token of that line */
    unsigned pasted_line;   /* line and fix (phrase) of the last E0114 */
    int pasted_kind;
    struct ast_span table_keyword; /* the last 项目 or 部门 read */
    unsigned since_table_keyword;  /* tokens read since it */
    unsigned errors;          /* errors reported for this file */
    unsigned last_error_line; /* one syntax error per line: the rest is noise */
    bool stop;                /* give up: too deep or too many errors */
    uint32_t block_start;     /* offset of the """ that opened a text block */
    int month_period_year;    /* 2024年1月-12月: the year and month of its first month, */
    int month_period_month;   /* for the second */
    unsigned compute_line;    /* line of the 计算 being read, 0 when none (parser.y) */
    int last_token;           /* the token before, while reading one */
    struct parse_comments *comments; /* when not NULL, comments are recorded here */
};

/* Parses src; returns its FILE node, or NULL when it had errors (they are reported). */
struct ast_node *
parse_source(struct arena *a, struct diag_sink *diags, const struct source *src);

/* As parse_source, also recording the file's comments in *comments (emptied first). */
struct ast_node *
parse_source_with_comments(struct arena *a, struct diag_sink *diags, const struct source *src,
                           struct parse_comments *comments);

/* Records a comment when the context keeps them (called by the scanner). */
void
parse_record_comment(struct parse_ctx *ctx, uint32_t start, uint32_t end);

/* Counts a keyword the scanner read, spelt as at s, when the context keeps comments. */
void
parse_count_keyword(struct parse_ctx *ctx, const char *s);

/* Undoes flex's in-place NUL after the last token (defined in lexer.l). */
void
lexer_restore_source(void *scanner);
/* The source byte at p as written, also where flex holds a NUL in its place. */
char
lexer_source_byte(void *scanner, const char *p);

/*
 * Follows the layout of each token the parser reads, at span: depth_before
 * is ctx->depth before the scanner read it, is_close whether it is "}".
 * Records in ctx->unclosed the first block the layout shows left open.
 */
void
parse_track_layout(struct parse_ctx *ctx, struct ast_span span, int depth_before, bool is_close);

/*
 * When a syntax error at span may be a "}" left out: reports E0113 where
 * the layout showed a block closed (ctx->unclosed), else at span when a
 * table's keyword there shows the block at index keyword_block closed (-1:
 * none), with a note at its "{"; true when it did, and the error itself is
 * then not reported.
 */
bool
parse_report_unclosed(struct parse_ctx *ctx, struct ast_span span, int keyword_block);

/* Reports a located lexical or syntax error; stops the parse once the sink leaves one out. */
void
parse_error(struct parse_ctx *ctx, struct ast_span span, int diag_id, ...);

/* Reports a located lexical warning: the parse goes on as if nothing were wrong. */
void
parse_warning(struct parse_ctx *ctx, struct ast_span span, int diag_id, ...);

#endif
