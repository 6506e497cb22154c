/*
 * sema_resolve.c - pass 3: names that refer to other declarations.
 *
 * Assumes: sema_structure has run (at most one 部门 reference per project,
 * and only in top-level projects).
 * Guarantees: every top-level project names a department declared in the
 * compilation (E0130, with a suggestion when a department's name is a
 * likely misspelling; E0131 when it names none); department names are
 * unique in the compilation, and project names unique within their
 * department (E0132).  Level names and units are resolved by the passes
 * that know the stdlib.
 * Builds c->departments (compilation.h): each department with its projects, so
 * that the passes after it never search for them.  Every check here is a
 * hash lookup, so the pass is linear in the number of tables.
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "base/name_map.h"
#include "diag/diag.h"
#include "model/compilation.h"

#include <string.h>

struct resolver {
    struct compilation *c;
    struct compilation_department **departments; /* in declaration order */
    size_t department_count, department_cap;
    struct name_map *by_name; /* name → the first department so named */
    const char **names;       /* every department's name, for suggestions; NULL until needed */
    size_t walked;            /* departments met so far by check_top_level_projects */
    struct membership *members; /* filled in by check_top_level_projects */
    size_t member_count;
};

static void
duplicate(const struct resolver *r, const struct ast_node *again, const struct ast_node *first)
{
    const char *name = again->u.decl.name.text;
    const char *what = diag_phrasef(
        &r->c->diags, again->kind == AST_DEPARTMENT ? PHRASE_DEPARTMENT_NAMED : PHRASE_PROJECT_NAMED,
        name);
    struct diagnostic *d =
        diag_report(&r->c->diags, DIAG_DUPLICATE_TABLE, compilation_loc(r->c, again->u.decl.name.span), what);
    diag_add_note(&r->c->diags, d, DIAG_NOTE_FIRST_HERE, compilation_loc(r->c, first->u.decl.name.span));
}

/* Indexes every department, and reports a name declared again. */
static void
collect(void *ctx, const struct ast_node *n)
{
    struct resolver *r = ctx;
    if (n->kind != AST_DEPARTMENT)
        return;
    struct compilation_department *dept = arena_alloc(r->c->arena, sizeof *dept);
    memset(dept, 0, sizeof *dept);
    dept->decl = n;
    *ARENA_PUSH(r->c->arena, r->departments, r->department_count, r->department_cap) = dept;
    const struct compilation_department *first =
        name_map_put(r->by_name, n->u.decl.name.text, dept);
    if (first != NULL)
        duplicate(r, n, first->decl);
}

static void
unknown_department(struct resolver *r, const struct ast_node *ref)
{
    const char *name = ref->u.department_ref.name.text;
    if (r->names == NULL) {
        r->names = arena_alloc(r->c->arena, (r->department_count + 1) * sizeof *r->names);
        for (size_t i = 0; i < r->department_count; i++)
            r->names[i] = r->departments[i]->decl->u.decl.name.text;
    }
    const char *best = compilation_suggest(r->c, name, r->names, r->department_count);
    const char *hint = "";
    if (best != NULL)
        hint = diag_phrasef(&r->c->diags, PHRASE_DID_YOU_MEAN, best);
    diag_report(&r->c->diags, DIAG_UNKNOWN_DEPARTMENT, compilation_loc(r->c, ref->u.department_ref.name.span),
                name, hint);
}

/* The department a project belongs to: its enclosing one, or the one it names. */
struct membership {
    const struct ast_node *project;
    struct compilation_department *department;
};

static void
check_top_level_projects(void *ctx, const struct ast_node *n)
{
    struct resolver *r = ctx;
    if (n->kind == AST_DEPARTMENT) {
        /* The walk meets departments in collect's order.  Not a lookup by
           name: a department declared twice keeps its own projects. */
        struct compilation_department *dept = r->departments[r->walked++];
        for (const struct ast_node *p = n->u.decl.body.first; p != NULL; p = p->next)
            if (p->kind == AST_PROJECT)
                r->members[r->member_count++] = (struct membership){p, dept};
    } else if (n->kind == AST_PROJECT) {
        const struct ast_node *ref = n->u.decl.body.first;
        while (ref != NULL && ref->kind != AST_DEPARTMENT_REF)
            ref = ref->next;
        if (ref == NULL) {
            diag_report(&r->c->diags, DIAG_PROJECT_WITHOUT_DEPARTMENT,
                        compilation_loc(r->c, n->u.decl.name.span), n->u.decl.name.text);
            return;
        }
        struct compilation_department *dept =
            name_map_get(r->by_name, ref->u.department_ref.name.text);
        if (dept == NULL)
            unknown_department(r, ref);
        else
            r->members[r->member_count++] = (struct membership){n, dept};
    }
}

static void
count_projects(void *ctx, const struct ast_node *n)
{
    size_t *total = ctx;
    if (n->kind == AST_PROJECT)
        ++*total;
    else if (n->kind == AST_DEPARTMENT)
        for (const struct ast_node *p = n->u.decl.body.first; p != NULL; p = p->next)
            *total += p->kind == AST_PROJECT;
}

/* Gives each department its projects, in the order of members, and reports
   a project name given twice in one department. */
static void
index_projects(const struct resolver *r, const struct membership *members, size_t count)
{
    struct arena *a = r->c->arena;
    for (size_t i = 0; i < count; i++)
        members[i].department->project_count++;
    for (size_t i = 0; i < r->department_count; i++) {
        struct compilation_department *d = r->departments[i];
        if (d->project_count == 0)
            continue;
        d->projects = arena_alloc(a, d->project_count * sizeof *d->projects);
        d->project_names = name_map_new_sized(a, d->project_count);
        d->project_count = 0;
    }
    for (size_t i = 0; i < count; i++) {
        struct compilation_department *d = members[i].department;
        const struct ast_node *p = members[i].project;
        d->projects[d->project_count++] = p;
        const struct ast_node *first =
            name_map_put(d->project_names, p->u.decl.name.text, (void *)p);
        if (first != NULL)
            duplicate(r, p, first);
    }
}

void
sema_resolve(struct compilation *c)
{
    struct resolver r = {.c = c, .by_name = name_map_new(c->arena)};
    ast_each_item(c->root, collect, &r);
    size_t total = 0;
    ast_each_item(c->root, count_projects, &total);
    r.members = arena_alloc(c->arena, (total + 1) * sizeof *r.members);
    ast_each_item(c->root, check_top_level_projects, &r);
    index_projects(&r, r.members, r.member_count);
    c->departments = r.by_name;
}
