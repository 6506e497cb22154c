/*
 * driver.c - the order of the stages, and includes.
 *
 * load → validate → parse → resolve includes (each included file goes
 * through the same steps) → semantic passes.  Sema never runs on a tree
 * whose parse failed, nor when an include could not be read or parsed;
 * otherwise every pass runs (sema.h).  Out of memory anywhere below
 * unwinds here through the arena's handler and becomes COMPILE_OOM.
 *
 * Includes: `引用 "path"` is resolved against the directory of the file
 * that contains it.  A file that is already on the chain of includes
 * being processed is a cycle; the chain is shown as notes.  An include
 * must lie, canonically (symbolic links and .. resolved), inside an
 * include root: the directory of the file being compiled (the current
 * directory for standard input and bytes), or a --include-root DIR
 * (c->include_roots).  The stdlib's own includes are trusted.
 */
#include "driver.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/compilation.h"
#include "front/load.h"
#include "front/parse.h"
#include "sema/sema.h"
#include "base/source.h"
#include "stdlib_files.h"
#include "platform/platform.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_INCLUDE_DEPTH = 64 };

/* The canonical directories an include may read from. */
struct include_roots {
    const char **dirs;
    size_t count;
};

/* One file on the current chain of includes. */
struct include_frame {
    const struct include_frame *parent;
    const char *real_path;           /* canonical, for cycle detection; NULL for stdin */
    const struct ast_node *include;  /* the 引用 that brought this file in; NULL for the root */
    const struct include_roots *roots; /* NULL: trusted, anything may be included (the stdlib) */
};

static struct diag_loc
loc_of(const struct compilation *c, const struct ast_node *n)
{
    return compilation_loc(c, n->span);
}

static void
note_chain(struct compilation *c, struct diagnostic *d, const struct include_frame *f)
{
    for (; f != NULL; f = f->parent)
        if (f->include != NULL)
            diag_add_note(&c->diags, d, DIAG_NOTE_INCLUDED_FROM, loc_of(c, f->include));
}

/* realpath(), owned by the arena from the start: an unwind (out of memory) cannot leak it. */
static char *
canonical_path(struct compilation *c, const char *path)
{
    void **slot = arena_owned_slot(c->arena);
    *slot = platform_realpath(path);
    return *slot;
}

/* Whether the canonical path real is dir or below it. */
static bool
is_below(const char *real, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(real, dir, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static bool
in_roots(const struct include_roots *roots, const char *real)
{
    for (size_t i = 0; i < roots->count; i++)
        if (is_below(real, roots->dirs[i]))
            return true;
    return false;
}

/*
 * Whether the include at path (canonically real; NULL when it does not
 * resolve) may be read.  For a path that does not resolve, its longest
 * existing ancestor must be inside a root and no .. may follow it, so that
 * "cannot read" (E0001) never tells whether a file outside the roots exists.
 */
static bool
may_include(struct compilation *c, const struct include_roots *roots, const char *path,
            const char *real)
{
    if (roots == NULL)
        return true;
    if (real != NULL)
        return in_roots(roots, real);
    char *p = arena_strndup(c->arena, path, strlen(path));
    for (;;) {
        char *slash = (char *)platform_last_separator(p);
        if (strcmp(slash != NULL ? slash + 1 : p, "..") == 0)
            return false;
        const char *dir = slash == NULL ? "." : slash == p ? "/" : p;
        if (slash != NULL && slash != p)
            *slash = '\0';
        const char *ancestor = canonical_path(c, dir);
        if (ancestor != NULL)
            return in_roots(roots, ancestor);
        if (slash == NULL || slash == p)
            return false;
    }
}

/* The path of an include, relative to the directory of the including file. */
static const char *
include_path(struct compilation *c, const struct source *from, const char *path)
{
    if (platform_path_is_absolute(path) || from == NULL)
        return path;
    const char *slash = platform_last_separator(from->path);
    if (slash == NULL || strcmp(from->path, "<stdin>") == 0)
        return path;
    return arena_printf(c->arena, "%.*s/%s", (int)(slash - from->path), from->path, path);
}

static void resolve_includes(struct compilation *c, struct ast_node *file,
                             const struct include_frame *frame, int depth);

/* Loads and parses one file; returns its FILE node or NULL. */
static struct ast_node *
load_and_parse(struct compilation *c, struct source *src)
{
    compilation_add_source(c, src);
    return parse_source(c->arena, &c->diags, src);
}

static void
process_include(struct compilation *c, struct ast_node *inc, const struct include_frame *frame,
                int depth)
{
    const struct source *from = c->sources[inc->span.file];
    struct diag_loc at = loc_of(c, inc);
    if (depth >= MAX_INCLUDE_DEPTH) {
        struct diagnostic *d = diag_report(&c->diags, DIAG_INCLUDE_DEPTH, at, MAX_INCLUDE_DEPTH);
        note_chain(c, d, frame);
        return;
    }
    const char *path = include_path(c, from, inc->u.include.path.text);
    const char *real = canonical_path(c, path);
    if (!may_include(c, frame->roots, path, real)) {
        struct diagnostic *d = diag_report(&c->diags, DIAG_INCLUDE_OUTSIDE_ROOT, at, path);
        note_chain(c, d, frame);
        return;
    }
    for (const struct include_frame *f = frame; f != NULL && real != NULL; f = f->parent) {
        if (f->real_path != NULL && strcmp(f->real_path, real) == 0) {
            struct diagnostic *d = diag_report(&c->diags, DIAG_INCLUDE_CYCLE, at, path);
            note_chain(c, d, frame);
            return;
        }
    }
    /* Twice in one compilation would declare its tables twice. */
    for (size_t i = 0; i < c->source_count && real != NULL; i++) {
        if (c->sources[i]->real_path != NULL && strcmp(c->sources[i]->real_path, real) == 0) {
            struct diagnostic *d = diag_report(&c->diags, DIAG_DUPLICATE_INCLUDE, at, path);
            note_chain(c, d, frame);
            return;
        }
    }
    struct source *src;
    size_t errors_before = c->diags.count;
    struct load_options how = {.from = &at, .regular_only = true, .encoding = c->encoding};
    enum load_status st =
        load_file(c->arena, &c->diags, path, (unsigned)c->source_count, &how, &src);
    if (st == LOAD_IO_ERROR) {
        if (c->diags.count > errors_before)
            note_chain(c, c->diags.items[c->diags.count - 1], frame);
        return;
    }
    if (st != LOAD_OK) {
        compilation_add_source(c, src);
        return;
    }
    src->real_path = real;
    struct ast_node *file = load_and_parse(c, src);
    if (file == NULL)
        return;
    inc->u.include.file = file;
    struct include_frame child = {frame, real, inc, frame->roots};
    resolve_includes(c, file, &child, depth + 1);
}

static void
resolve_includes(struct compilation *c, struct ast_node *file, const struct include_frame *frame,
                 int depth)
{
    for (struct ast_node *n = file->u.file.items.first; n != NULL; n = n->next)
        if (n->kind == AST_INCLUDE)
            process_include(c, n, frame, depth);
}

/* --- the stdlib ------------------------------------------------------------ */

static void
add_stdlib_root(struct compilation *c, struct ast_node *file, size_t cap)
{
    if (c->stdlib_roots == NULL)
        c->stdlib_roots = arena_alloc(c->arena, cap * sizeof *c->stdlib_roots);
    c->stdlib_roots[c->stdlib_count++] = file;
}

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The *.goal files of a directory, sorted by name; NULL (reported) when unreadable. */
static const char **
stdlib_dir_files(struct compilation *c, size_t *count)
{
    struct platform_dir *dir = platform_dir_open(c->stdlib_dir);
    if (dir == NULL) {
        struct diag_loc nowhere = {NULL, 0, 0};
        diag_report(&c->diags, DIAG_IO_ERROR, nowhere, c->stdlib_dir, strerror(errno));
        return NULL;
    }
    size_t n = 0, cap = 0;
    const char **names = arena_grow(c->arena, NULL, 0, &cap, sizeof *names); /* never NULL */
    const char *e;
    while ((e = platform_dir_next(dir)) != NULL) {
        size_t len = strlen(e);
        if (len < 6 || e[0] == '.' || strcmp(e + len - 5, ".goal") != 0)
            continue;
        const char *name = arena_printf(c->arena, "%s/%s", c->stdlib_dir, e);
        *ARENA_PUSH(c->arena, names, n, cap) = name;
    }
    platform_dir_close(dir);
    qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names;
}

/* --- the stdlib parsed once (driver_stdlib) ------------------------------ */

/*
 * The embedded stdlib, parsed into an arena of its own for compilations
 * whose user files number base, so that its sources' ids (base, base+1…)
 * are those a fresh parse would give.  Its trees are only read by the
 * passes (sema_declare gathers the catalog from them; no pass writes into
 * a declaration), so many compilations may share one.
 */
struct stdlib_parsed {
    unsigned base;
    struct compilation *holder; /* its arena and a sink for what parsing says */
    struct source **sources;
    struct ast_node **roots;
    size_t count;
    bool ok; /* every file parsed without a diagnostic */
};

enum { STDLIB_REUSE_SLOTS = 8 };

struct driver_stdlib {
    struct stdlib_parsed slots[STDLIB_REUSE_SLOTS];
    size_t count;
};

struct driver_stdlib *
driver_stdlib_new(void)
{
    return calloc(1, sizeof(struct driver_stdlib));
}

void
driver_stdlib_free(struct driver_stdlib *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->count; i++)
        compilation_free(s->slots[i].holder);
    free(s);
}

static void
parse_stdlib_copy(void *ctx)
{
    struct stdlib_parsed *p = ctx;
    struct compilation *h = p->holder;
    p->sources = arena_alloc(h->arena, stdlib_file_count * sizeof *p->sources);
    p->roots = arena_alloc(h->arena, stdlib_file_count * sizeof *p->roots);
    for (size_t i = 0; i < stdlib_file_count; i++) {
        struct source *src;
        const char *name = arena_printf(h->arena, "<stdlib>/%s", stdlib_files[i].name);
        if (load_bytes(h->arena, &h->diags, name, p->base + (unsigned)i, stdlib_files[i].text,
                       stdlib_files[i].len, &src) != LOAD_OK)
            return;
        struct ast_node *file = parse_source(h->arena, &h->diags, src);
        if (file == NULL)
            return;
        p->sources[p->count] = src;
        p->roots[p->count++] = file;
    }
    p->ok = h->diags.count == 0;
}

/* The stdlib parsed for base user files: kept, made now, or NULL (no room, no memory). */
static const struct stdlib_parsed *
stdlib_reused(struct driver_stdlib *s, unsigned base)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->slots[i].base == base)
            return s->slots[i].ok ? &s->slots[i] : NULL;
    if (s->count == STDLIB_REUSE_SLOTS)
        return NULL;
    struct stdlib_parsed *p = &s->slots[s->count];
    *p = (struct stdlib_parsed){.base = base, .holder = compilation_new(DIAG_LANG_EN)};
    if (p->holder == NULL)
        return NULL;
    s->count++;
    if (!arena_guarded(p->holder->arena, parse_stdlib_copy, p))
        p->ok = false;
    return p->ok ? p : NULL;
}

/*
 * Loads and parses the stdlib: the embedded copy, or --stdlib DIR.  Its
 * files come after the user's in source order, so their diagnostics (a
 * broken --stdlib) print after the user's.
 */
/* False when --stdlib DIR cannot be read (reported): an I/O problem, exit 2. */
static bool
load_stdlib(struct compilation *c, struct driver_stdlib *reuse)
{
    c->user_source_count = c->source_count;
    const struct stdlib_parsed *parsed =
        reuse != NULL && c->stdlib_dir == NULL ? stdlib_reused(reuse, (unsigned)c->source_count)
                                               : NULL;
    if (parsed != NULL) {
        for (size_t i = 0; i < parsed->count; i++) {
            compilation_add_source(c, parsed->sources[i]);
            add_stdlib_root(c, parsed->roots[i], parsed->count);
        }
        return true;
    }
    if (c->stdlib_dir == NULL) {
        for (size_t i = 0; i < stdlib_file_count; i++) {
            struct source *src;
            const char *name = arena_printf(c->arena, "<stdlib>/%s", stdlib_files[i].name);
            if (load_bytes(c->arena, &c->diags, name, (unsigned)c->source_count,
                           stdlib_files[i].text, stdlib_files[i].len, &src) != LOAD_OK) {
                compilation_add_source(c, src);
                continue;
            }
            struct ast_node *file = load_and_parse(c, src);
            if (file != NULL)
                add_stdlib_root(c, file, stdlib_file_count);
        }
        return true;
    }
    size_t count = 0;
    const char **paths = stdlib_dir_files(c, &count);
    if (paths == NULL)
        return false;
    bool ok = true;
    struct load_options how = {.regular_only = true, .encoding = c->encoding};
    for (size_t i = 0; i < count; i++) {
        struct source *src;
        enum load_status st =
            load_file(c->arena, &c->diags, paths[i], (unsigned)c->source_count, &how, &src);
        if (st == LOAD_IO_ERROR) {
            ok = false;
            continue;
        }
        if (st != LOAD_OK) {
            compilation_add_source(c, src);
            continue;
        }
        struct ast_node *file = load_and_parse(c, src);
        if (file != NULL) {
            add_stdlib_root(c, file, count);
            struct include_frame frame = {NULL, NULL, NULL, NULL};
            resolve_includes(c, file, &frame, 0);
        }
    }
    return ok;
}

/* Errors in the input itself: a warning that -Werror made an error does not
   stop the later passes from reporting what they find. */
static size_t
input_errors(const struct compilation *c)
{
    return c->diags.errors - c->diags.promoted;
}

/*
 * The include roots of a compilation whose root file is path ("-": standard
 * input or bytes): the directory of path as given, resolved, and each
 * --include-root.  False when an --include-root does not resolve (reported).
 */
static bool
find_roots(struct compilation *c, const char *path, struct include_roots *roots)
{
    roots->dirs = arena_alloc(c->arena, (c->include_root_count + 1) * sizeof *roots->dirs);
    const char *slash = strcmp(path, "-") == 0 ? NULL : platform_last_separator(path);
    const char *dir = slash == NULL    ? "."
                      : slash == path ? "/"
                                      : arena_strndup(c->arena, path, (size_t)(slash - path));
    const char *real = canonical_path(c, dir);
    if (real != NULL)
        roots->dirs[roots->count++] = real;
    for (size_t i = 0; i < c->include_root_count; i++) {
        if ((real = canonical_path(c, c->include_roots[i])) == NULL) {
            struct diag_loc nowhere = {NULL, 0, 0};
            diag_report(&c->diags, DIAG_IO_ERROR, nowhere, c->include_roots[i], strerror(errno));
            return false;
        }
        roots->dirs[roots->count++] = real;
    }
    return true;
}

/* comments: where to record the root file's comments (goalc fmt --fill), or NULL. */
static enum compile_status
finish(struct compilation *c, enum load_status st, struct source *src, const char *path,
       struct parse_comments *comments, struct driver_stdlib *reuse)
{
    if (st == LOAD_IO_ERROR)
        return COMPILE_IO_ERROR;
    if (st != LOAD_OK) {
        compilation_add_source(c, src);
        return COMPILE_ERRORS;
    }
    struct include_roots roots = {0};
    if (!find_roots(c, path, &roots))
        return COMPILE_IO_ERROR;
    src->real_path = strcmp(path, "-") == 0 ? NULL : canonical_path(c, path);
    if (comments != NULL) {
        compilation_add_source(c, src);
        c->root = parse_source_with_comments(c->arena, &c->diags, src, comments);
    } else {
        c->root = load_and_parse(c, src);
    }
    if (c->root != NULL) {
        struct include_frame root = {NULL, src->real_path, NULL, &roots};
        resolve_includes(c, c->root, &root, 0);
    }
    if (c->root != NULL && input_errors(c) == 0 && !load_stdlib(c, reuse))
        return COMPILE_IO_ERROR;
    /* The passes run when every file parsed (a table may refer to what a
       broken file declares: checking it without that file would report what
       is only missing from view), and then all of them run, in this order:
       each skips only what depends on a part an earlier pass found broken
       (sema.h), so one run reports every independent error.  Lint's advice
       comes once the compilation has no errors. */
    static void (*const passes[])(struct compilation *) = {
        sema_structure, sema_declare, sema_resolve, sema_names,     sema_columns, sema_funds,
        sema_duties,    sema_targets, sema_relations, sema_schedule, sema_score, sema_framework,
    };
    if (c->root == NULL || input_errors(c) > 0)
        return c->diags.errors > 0 ? COMPILE_ERRORS : COMPILE_OK;
    for (size_t i = 0; i < sizeof passes / sizeof passes[0]; i++)
        passes[i](c);
    if (input_errors(c) == 0)
        sema_lint(c);
    return c->diags.errors > 0 ? COMPILE_ERRORS : COMPILE_OK;
}

/* One of the entry points' work, run under arena_guarded. */
struct run {
    struct compilation *c;
    const char *name; /* a path ("-": standard input), or what the bytes are called */
    const char *bytes;
    size_t len;
    struct parse_comments *comments;
    struct driver_stdlib *reuse; /* the stdlib parsed once, or NULL */
    const char *at;              /* compile_text: the path the bytes stand for */
    void (*step)(struct run *r);
    enum compile_status status; /* set by step */
};

static void
compile_file(struct run *r)
{
    struct source *src = NULL;
    struct load_options how = {.encoding = r->c->encoding};
    enum load_status st = load_file(r->c->arena, &r->c->diags, r->name, 0, &how, &src);
    r->status = finish(r->c, st, src, r->name, r->comments, NULL);
}

static void
compile_bytes(struct run *r)
{
    struct source *src = NULL;
    enum load_status st = load_bytes_encoded(r->c->arena, &r->c->diags, r->name, 0, r->bytes,
                                             r->len, r->c->encoding, &src);
    r->status = finish(r->c, st, src, r->at != NULL ? r->at : "-", r->comments, r->reuse);
}

static void
parse_only(struct run *r)
{
    struct compilation *c = r->c;
    struct source *src = NULL;
    struct load_options how = {.encoding = c->encoding};
    enum load_status st = load_file(c->arena, &c->diags, r->name, 0, &how, &src);
    r->status = COMPILE_IO_ERROR;
    if (st != LOAD_IO_ERROR) {
        compilation_add_source(c, src);
        if (st == LOAD_OK)
            c->root = parse_source_with_comments(c->arena, &c->diags, src, r->comments);
        r->status = c->root != NULL && c->diags.errors == 0 ? COMPILE_OK : COMPILE_ERRORS;
    }
}

static void
run_step(void *ctx)
{
    struct run *r = ctx;
    r->c->name = arena_strndup(r->c->arena, r->name, strlen(r->name));
    r->step(r);
}

/* Out of memory anywhere below unwinds to here and is COMPILE_OOM. */
static enum compile_status
guarded(struct run *r)
{
    return arena_guarded(r->c->arena, run_step, r) ? r->status : COMPILE_OOM;
}

enum compile_status
driver_run(struct compilation *c, const char *path)
{
    struct run r = {.c = c, .name = path, .step = compile_file};
    return guarded(&r);
}

enum compile_status
driver_parse_only(struct compilation *c, const char *path, struct parse_comments *comments)
{
    struct run r = {.c = c, .name = path, .comments = comments, .step = parse_only};
    return guarded(&r);
}

enum compile_status
driver_run_with_comments(struct compilation *c, const char *path, struct parse_comments *comments)
{
    struct run r = {.c = c, .name = path, .comments = comments, .step = compile_file};
    return guarded(&r);
}

enum compile_status
driver_run_bytes(struct compilation *c, const char *name, const char *bytes, size_t len)
{
    struct run r = {.c = c, .name = name, .bytes = bytes, .len = len, .step = compile_bytes};
    return guarded(&r);
}

enum compile_status
driver_run_bytes_with_comments(struct compilation *c, const char *name, const char *bytes,
                               size_t len, struct parse_comments *comments)
{
    struct run r = {.c = c, .name = name, .bytes = bytes, .len = len, .comments = comments,
                    .step = compile_bytes};
    return guarded(&r);
}

enum compile_status
driver_run_text(struct compilation *c, struct driver_stdlib *reuse, const char *path,
                const char *bytes, size_t len, struct parse_comments *comments)
{
    struct run r = {.c = c, .name = path, .bytes = bytes, .len = len, .comments = comments,
                    .reuse = reuse, .at = path, .step = compile_bytes};
    return guarded(&r);
}
