/*
 * driver.h - one compilation: a root file, the files it includes, their
 * trees and diagnostics, all in one arena.
 *
 * This is the library entry point: compilations share nothing, so a caller
 * may run several at once.  The driver is the only module that knows the
 * order of the stages (load, parse, includes, semantic passes).
 */
#ifndef GOALC_DRIVER_H
#define GOALC_DRIVER_H

#include <stddef.h>

#include "diag.h"

struct arena;
struct ast_node;
struct catalog;
struct ast_span;
struct name_map;
struct source;

enum compile_status {
    COMPILE_OK,       /* no errors (warnings allowed) */
    COMPILE_ERRORS,   /* the input has errors: exit 1 */
    COMPILE_IO_ERROR, /* the root file could not be read: exit 2 */
    COMPILE_OOM,      /* out of memory: exit 2 */
};

struct compilation {
    struct arena *arena;
    struct diag_sink diags;
    struct source **sources; /* by id, in load order */
    size_t source_count, source_cap;
    struct ast_node *root;   /* the root FILE; includes hang off INCLUDE nodes */
    const char *name;        /* the root's path as given */
    /* Set before running: read the stdlib from this directory's *.goal
       files instead of the copy built into goalc. */
    const char *stdlib_dir;
    size_t user_source_count;       /* sources[0..n) are the user's, then the stdlib's */
    struct ast_node **stdlib_roots; /* the stdlib's FILE nodes */
    size_t stdlib_count;
    struct catalog *catalog;      /* units and frameworks, from sema_declare */
    struct name_map *departments; /* name → struct sema_department, from sema_resolve */
    size_t suggest_left; /* candidate names "did you mean" may still compare (compilation_suggest) */
};

/* NULL when even the compilation cannot be allocated. */
struct compilation *
compilation_new(enum diag_lang lang);
void
compilation_free(struct compilation *c);

/* Compiles the file at path ("-" for standard input). */
enum compile_status
compilation_run(struct compilation *c, const char *path);
/* Compiles bytes held in memory, named name in messages; includes resolve against cwd. */
enum compile_status
compilation_run_bytes(struct compilation *c, const char *name, const char *bytes, size_t len);

/*
 * Loads and parses the file at path ("-" for standard input) and nothing
 * else: no includes, no stdlib, no semantic passes (for goalc fmt).  Its
 * comments are recorded in *comments; c->root is NULL on errors.
 */
struct parse_comments;
enum compile_status
compilation_parse_only(struct compilation *c, const char *path, struct parse_comments *comments);

const struct source *
compilation_source(const struct compilation *c, unsigned id);

/* Where a span of the tree is, for diagnostics. */
struct diag_loc
compilation_loc(const struct compilation *c, struct ast_span span);
/* The source text of a span, as written, in the compilation's arena (for messages). */
const char *
compilation_text(const struct compilation *c, struct ast_span span);
/*
 * suggest_closest() for a message, within a budget of candidate names per
 * compilation (COMPILATION_SUGGEST_BUDGET): a file with thousands of
 * unknown names among thousands of known ones stays linear, and the
 * messages past the budget go without a suggestion.
 */
enum { COMPILATION_SUGGEST_BUDGET = 4000000 };
const char *
compilation_suggest(struct compilation *c, const char *name, const char *const *candidates,
                    size_t count);

#endif
