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

struct parse_ctx {
    struct arena *arena;
    struct diag_sink *diags;
    const struct source *src;
    struct ast_node *root;
    int depth;                /* braces currently open */
    uint32_t open_braces[PARSE_MAX_DEPTH]; /* offsets of the open braces, innermost last */
    unsigned errors;          /* errors reported for this file */
    unsigned last_error_line; /* one syntax error per line: the rest is noise */
    bool stop;                /* give up: too deep or too many errors */
    uint32_t block_start;     /* offset of the """ that opened a text block */
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

/* Reports a located lexical or syntax error; stops the parse once the sink leaves one out. */
void
parse_error(struct parse_ctx *ctx, struct ast_span span, int diag_id, ...);

#endif
