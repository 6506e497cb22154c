/*
 * compilation.h - the checked model's home: one compilation, its sources,
 * trees, diagnostics, catalog and the per-department results of the
 * passes, all in one arena.
 *
 * Compilations share nothing, so a caller may hold several at once.  The
 * driver (driver.h) fills one in stage by stage; the passes, back ends and
 * the diff read it through the helpers here, never through the driver.
 */
#ifndef GOALC_COMPILATION_H
#define GOALC_COMPILATION_H

#include <stddef.h>

#include "base/transcode.h"
#include "diag/diag.h"

struct arena;
struct ast_node;
struct catalog;
struct ast_span;
struct name_map;
struct source;

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
    /* Set before running: the encoding of every file read (the root, its
       includes, standard input, --stdlib files; not the embedded stdlib). */
    enum transcode_encoding encoding;
    /* Set before running: directories an include may read from besides the
       root file's (--include-root), as given. */
    const char *const *include_roots;
    size_t include_root_count;
    size_t user_source_count;       /* sources[0..n) are the user's, then the stdlib's */
    struct ast_node **stdlib_roots; /* the stdlib's FILE nodes */
    size_t stdlib_count;
    struct catalog *catalog;      /* units and frameworks, from sema_declare */
    struct name_map *departments; /* name → struct compilation_department, from sema_resolve */
    size_t suggest_left; /* candidate names "did you mean" may still compare (compilation_suggest) */
};

/* NULL when even the compilation cannot be allocated. */
struct compilation *
compilation_new(enum diag_lang lang);
void
compilation_free(struct compilation *c);

/* Appends a loaded source; its id must be c->source_count. */
void
compilation_add_source(struct compilation *c, struct source *src);
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
/* The same, preferring the candidates marked in preferred (may be NULL). */
const char *
compilation_suggest_preferring(struct compilation *c, const char *name,
                               const char *const *candidates, size_t count, const bool *preferred);

/*
 * A department and its projects: those nested in it and the top-level ones
 * that name it, in the order a walk of the files (includes where they are
 * included) meets them.  Built once by sema_resolve so that no pass looks
 * for a department's projects by walking every table.
 */
struct compilation_department {
    const struct ast_node *decl;
    const struct ast_node **projects;
    size_t project_count;
    struct name_map *project_names; /* name → first project so named; NULL without projects */
};

/* The (first) department called name, from c->departments; NULL when there is none. */
const struct compilation_department *
compilation_department(const struct compilation *c, const char *name);

#endif
