/*
 * sema_resolve.c - pass 1: names that refer to other declarations.
 *
 * Assumes: sema_structure has run (at most one 部门 reference per project,
 * and only in top-level projects).
 * Guarantees: every top-level project names a department declared in the
 * compilation (E0130, with a suggestion when a department's name is a
 * likely misspelling; E0131 when it names none); department names are
 * unique in the compilation, and project names unique within their
 * department (E0132).  Level names and units are resolved by the passes
 * that know the stdlib.
 */
#include "sema.h"

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "driver.h"
#include "suggest.h"

#include <string.h>

struct resolver {
    struct compilation *c;
    bool english;
    const struct ast_node **departments;
    size_t department_count, department_cap;
};

static void
collect(struct resolver *r, const struct ast_node *file)
{
    for (const struct ast_node *n = file->u.file.items.first; n != NULL; n = n->next) {
        if (n->kind == AST_INCLUDE && n->u.include.file != NULL) {
            collect(r, n->u.include.file);
        } else if (n->kind == AST_DEPARTMENT) {
            if (r->department_count == r->department_cap) {
                size_t cap = r->department_cap ? r->department_cap * 2 : 8;
                const struct ast_node **d = arena_alloc(r->c->arena, cap * sizeof *d);
                if (r->department_count > 0)
                    memcpy(d, r->departments, r->department_count * sizeof *d);
                r->departments = d;
                r->department_cap = cap;
            }
            r->departments[r->department_count++] = n;
        }
    }
}

static const struct ast_node *
find_department(const struct resolver *r, const char *name)
{
    for (size_t i = 0; i < r->department_count; i++)
        if (strcmp(r->departments[i]->u.decl.name.text, name) == 0)
            return r->departments[i];
    return NULL;
}

static void
duplicate(const struct resolver *r, const struct ast_node *again, const struct ast_node *first)
{
    const char *name = again->u.decl.name.text;
    struct arena *a = r->c->arena;
    const char *what =
        again->kind == AST_DEPARTMENT
            ? (r->english ? arena_printf(a, "department \"%s\"", name) : arena_printf(a, "部门“%s”", name))
            : (r->english ? arena_printf(a, "project \"%s\"", name) : arena_printf(a, "项目“%s”", name));
    struct diagnostic *d =
        diag_report(&r->c->diags, DIAG_DUPLICATE_TABLE, compilation_loc(r->c, again->u.decl.name.span), what);
    diag_add_note(&r->c->diags, d, DIAG_NOTE_FIRST_HERE, compilation_loc(r->c, first->u.decl.name.span));
}

static void
check_departments_unique(const struct resolver *r)
{
    for (size_t i = 1; i < r->department_count; i++) {
        for (size_t j = 0; j < i; j++) {
            if (strcmp(r->departments[i]->u.decl.name.text, r->departments[j]->u.decl.name.text) ==
                0) {
                duplicate(r, r->departments[i], r->departments[j]);
                break;
            }
        }
    }
}

static void
unknown_department(const struct resolver *r, const struct ast_node *ref)
{
    const char *name = ref->u.department_ref.name.text;
    const char **names = arena_alloc(r->c->arena, (r->department_count + 1) * sizeof *names);
    for (size_t i = 0; i < r->department_count; i++)
        names[i] = r->departments[i]->u.decl.name.text;
    const char *best = suggest_closest(name, names, r->department_count);
    const char *hint = "";
    if (best != NULL)
        hint = r->english ? arena_printf(r->c->arena, "; did you mean \"%s\"?", best)
                          : arena_printf(r->c->arena, "；是否应为“%s”？", best);
    diag_report(&r->c->diags, DIAG_UNKNOWN_DEPARTMENT, compilation_loc(r->c, ref->u.department_ref.name.span),
                name, hint);
}

/* The department a project belongs to: its enclosing one, or the one it names. */
struct membership {
    const struct ast_node *project;
    const struct ast_node *department;
};

static void
check_top_level_projects(struct resolver *r, const struct ast_node *file,
                         struct membership *members, size_t *count)
{
    for (const struct ast_node *n = file->u.file.items.first; n != NULL; n = n->next) {
        if (n->kind == AST_INCLUDE && n->u.include.file != NULL) {
            check_top_level_projects(r, n->u.include.file, members, count);
        } else if (n->kind == AST_DEPARTMENT) {
            for (const struct ast_node *p = n->u.decl.body.first; p != NULL; p = p->next)
                if (p->kind == AST_PROJECT)
                    members[(*count)++] = (struct membership){p, n};
        } else if (n->kind == AST_PROJECT) {
            const struct ast_node *ref = n->u.decl.body.first;
            while (ref != NULL && ref->kind != AST_DEPARTMENT_REF)
                ref = ref->next;
            if (ref == NULL) {
                diag_report(&r->c->diags, DIAG_PROJECT_WITHOUT_DEPARTMENT,
                            compilation_loc(r->c, n->u.decl.name.span), n->u.decl.name.text);
                continue;
            }
            const struct ast_node *dept = find_department(r, ref->u.department_ref.name.text);
            if (dept == NULL)
                unknown_department(r, ref);
            else
                members[(*count)++] = (struct membership){n, dept};
        }
    }
}

static size_t
count_projects(const struct ast_node *file)
{
    size_t n = 0;
    for (const struct ast_node *x = file->u.file.items.first; x != NULL; x = x->next) {
        if (x->kind == AST_INCLUDE && x->u.include.file != NULL)
            n += count_projects(x->u.include.file);
        else if (x->kind == AST_PROJECT)
            n++;
        else if (x->kind == AST_DEPARTMENT)
            for (const struct ast_node *p = x->u.decl.body.first; p != NULL; p = p->next)
                n += p->kind == AST_PROJECT;
    }
    return n;
}

void
sema_resolve(struct compilation *c)
{
    struct resolver r = {c, c->diags.lang == DIAG_LANG_EN, NULL, 0, 0};
    collect(&r, c->root);
    check_departments_unique(&r);
    size_t total = count_projects(c->root), count = 0;
    struct membership *members = arena_alloc(c->arena, (total + 1) * sizeof *members);
    check_top_level_projects(&r, c->root, members, &count);
    /* Project names are unique within their department.  Quadratic in the
       projects of one department, which number in the tens. */
    for (size_t i = 1; i < count; i++) {
        for (size_t j = 0; j < i; j++) {
            if (members[i].department == members[j].department &&
                strcmp(members[i].project->u.decl.name.text,
                       members[j].project->u.decl.name.text) == 0) {
                duplicate(&r, members[i].project, members[j].project);
                break;
            }
        }
    }
}
