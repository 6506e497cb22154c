/*
 * lsp_navigate.c - the outline and moving about: document symbols
 * (departments, projects, their categories and indicators), go to
 * definition (a top-level project's 部门, a 履职 row's 项目, an 引用'd
 * file), find references (of a department or a project: its declaration
 * and every place that names it) and folding ranges (every block).
 *
 * Definitions may lie in an included file: their location is that
 * file's, by its own line table (columns in characters there).
 */
#include "lsp/lsp_features.h"

#include "base/source.h"
#include "model/ast.h"
#include "base/name_map.h"
#include "model/compilation.h"

#include <stdlib.h>
#include <string.h>

/* LSP SymbolKind */
enum { SYM_MODULE = 2, SYM_NAMESPACE = 3, SYM_CLASS = 5, SYM_FIELD = 8, SYM_PROPERTY = 7 };

/* A location of span: in the document, or in the file it lies in. */
static struct lsp_json *
location(struct lsp_doc *d, const struct lsp_analysis *a, struct ast_span span)
{
    struct lsp_json *l = lsp_json_object();
    if (span.file == 0) {
        lsp_json_set(l, "uri", lsp_json_str(d->uri));
        lsp_json_set(l, "range", lsp_json_range(a, span.start, span.end));
        return l;
    }
    const struct source *src = compilation_source(a->c, span.file);
    char *uri = src != NULL ? lsp_path_to_uri(src->path) : NULL;
    lsp_json_set(l, "uri", lsp_json_str(uri != NULL ? uri : d->uri));
    free(uri);
    unsigned line = 1, col = 1, eline = 1, ecol = 1;
    if (src != NULL) {
        source_position(src, span.start, &line, &col);
        source_position(src, span.end, &eline, &ecol);
    }
    struct lsp_json *r = lsp_json_object();
    struct lsp_json *p = lsp_json_object(), *q = lsp_json_object();
    lsp_json_set(p, "line", lsp_json_num((long)line - 1));
    lsp_json_set(p, "character", lsp_json_num((long)col - 1));
    lsp_json_set(q, "line", lsp_json_num((long)eline - 1));
    lsp_json_set(q, "character", lsp_json_num((long)ecol - 1));
    lsp_json_set(r, "start", p);
    lsp_json_set(r, "end", q);
    lsp_json_set(l, "range", r);
    return l;
}

/* --- document symbols ------------------------------------------------------ */

static struct lsp_json *
symbol(const struct lsp_analysis *a, const char *name, int kind, const struct ast_node *n,
       struct ast_span selection)
{
    struct lsp_json *s = lsp_json_object();
    lsp_json_set(s, "name", lsp_json_str(name != NULL && name[0] ? name : "?"));
    lsp_json_set(s, "kind", lsp_json_num(kind));
    lsp_json_set(s, "range", lsp_json_range(a, n->span.start, n->span.end));
    if (selection.start < n->span.start || selection.end > n->span.end || selection.file != 0)
        selection = n->span;
    lsp_json_set(s, "selectionRange", lsp_json_range(a, selection.start, selection.end));
    lsp_json_set(s, "children", lsp_json_array());
    return s;
}

static struct lsp_json *
children_of(struct lsp_json *s)
{
    return (struct lsp_json *)lsp_json_get(s, "children");
}

static void categories(const struct lsp_analysis *a, const struct ast_node *first,
                       struct lsp_json *into);

static void
category_items(const struct lsp_analysis *a, const struct ast_node *n, struct lsp_json *into)
{
    for (; n != NULL; n = n->next) {
        if (n->kind == AST_CATEGORY) {
            categories(a, n, into);
        } else if (n->kind == AST_INDICATOR) {
            lsp_json_push(into, symbol(a, n->u.indicator.name.text, SYM_PROPERTY, n,
                                       n->u.indicator.name.span));
        }
    }
}

static void
categories(const struct lsp_analysis *a, const struct ast_node *n, struct lsp_json *into)
{
    if (n->u.category.implied) { /* not written: its items stand where it would */
        category_items(a, n->u.category.items.first, into);
        return;
    }
    struct lsp_json *s = symbol(a, n->u.category.name.text, SYM_FIELD, n, n->u.category.name.span);
    category_items(a, n->u.category.items.first, children_of(s));
    lsp_json_push(into, s);
}

static struct lsp_json *
table_symbol(const struct lsp_analysis *a, const struct ast_node *t)
{
    struct lsp_json *s =
        symbol(a, t->u.decl.name.text, t->kind == AST_DEPARTMENT ? SYM_NAMESPACE : SYM_CLASS, t,
               t->u.decl.name.span);
    for (const struct ast_node *n = t->u.decl.body.first; n != NULL; n = n->next) {
        if (n->kind == AST_PROJECT)
            lsp_json_push(children_of(s), table_symbol(a, n));
        else if (n->kind == AST_INDICATORS || n->kind == AST_PERIOD_INDICATORS)
            for (const struct ast_node *c = n->u.indicators.categories.first; c != NULL;
                 c = c->next)
                categories(a, c, children_of(s));
    }
    return s;
}

struct lsp_json *
lsp_document_symbols(struct lsp_server *s, const struct lsp_json *params)
{
    struct lsp_analysis *a = lsp_server_analysis(s, lsp_server_doc(s, params));
    struct lsp_json *list = lsp_json_array();
    if (a == NULL || a->c->root == NULL)
        return list;
    for (const struct ast_node *n = a->c->root->u.file.items.first; n != NULL; n = n->next)
        if (n->kind == AST_DEPARTMENT || n->kind == AST_PROJECT)
            lsp_json_push(list, table_symbol(a, n));
    return list;
}

/* --- definition and references --------------------------------------------- */

/* The project an indicator's 项目 "NAME" names in its department table, or NULL. */
static const struct ast_node *
item_project(const struct lsp_analysis *a, const struct ast_node *m, const struct ast_node *table)
{
    if (m->u.modifier.kind != AST_MOD_ITEM || m->u.modifier.text.text == NULL || table == NULL ||
        table->kind != AST_DEPARTMENT)
        return NULL;
    const struct compilation_department *dep =
        compilation_department(a->c, table->u.decl.name.text);
    if (dep == NULL || dep->decl != table || dep->project_names == NULL)
        return NULL;
    return name_map_get(dep->project_names, m->u.modifier.text.text);
}

/* What the cursor names: a department or a project (its declaration), or NULL. */
static const struct ast_node *
named_at(const struct lsp_analysis *a, size_t offset, const struct ast_node **include)
{
    const struct ast_node *table;
    const struct ast_node *n = lsp_node_at(a, offset, &table);
    *include = NULL;
    if (n == NULL)
        return NULL;
    switch (n->kind) {
    case AST_DEPARTMENT_REF: {
        const struct compilation_department *dep =
            compilation_department(a->c, n->u.department_ref.name.text);
        return dep != NULL ? dep->decl : NULL;
    }
    case AST_DUTY_ROW:
        return n->u.duty.level == AST_DUTY_PROJECT ? n->u.duty.project : NULL;
    case AST_MODIFIER: /* an indicator's 项目 "NAME" */
        return lsp_str_holds(&n->u.modifier.text, offset) ? item_project(a, n, table) : NULL;
    case AST_DEPARTMENT:
    case AST_PROJECT:
        return lsp_str_holds(&n->u.decl.name, offset) ? n : NULL;
    case AST_INCLUDE:
        *include = n;
        return NULL;
    case AST_FILE:
    case AST_YEAR:
    case AST_ATTRIBUTE:
    case AST_TEXT:
    case AST_PERIOD:
    case AST_FUNDS:
    case AST_FUND_LINE:
    case AST_PARTITION:
    case AST_OF_WHICH:
    case AST_INDICATORS:
    case AST_CATEGORY:
    case AST_NOT_APPLICABLE:
    case AST_INDICATOR:
    case AST_TARGET:
    case AST_FRAMEWORK:
    case AST_FRAMEWORK_REF:
    case AST_LEVEL:
    case AST_DIMENSION:
    case AST_UNIT_DEF:
    case AST_NAME:
    case AST_ALIASES:
    case AST_PARTITION_DEF:
    case AST_FUND_MOD:
    case AST_TOTAL_POINTS:
    case AST_TABLE_SCORE:
    case AST_GRADE:
    case AST_INVERSE_RULE:
    case AST_DUTY_TABLE:
    case AST_PERIOD_INDICATORS:
    case AST_SCHEDULE:
    case AST_SCHEDULE_ROW:
    case AST_EXPRESSION:
        break;
    }
    return NULL;
}

struct lsp_json *
lsp_definition(struct lsp_server *s, const struct lsp_json *params)
{
    struct lsp_doc *d = lsp_server_doc(s, params);
    struct lsp_analysis *a = lsp_server_analysis(s, d);
    if (a == NULL || a->c->root == NULL)
        return NULL;
    const struct ast_node *include;
    const struct ast_node *decl = named_at(a, lsp_params_offset(a, params), &include);
    if (include != NULL && include->u.include.file != NULL) {
        /* A FILE node's span.file comes from before its first token (the
           empty rule that starts the list of items), 0 for every file:
           its first item says which source it is. */
        const struct ast_node *file = include->u.include.file;
        const struct ast_node *first = file->u.file.items.first;
        struct ast_span start = {first != NULL ? first->span.file : file->span.file, 0, 0};
        return location(d, a, start);
    }
    if (decl == NULL)
        return NULL;
    return location(d, a, decl->u.decl.name.text != NULL ? decl->u.decl.name.span : decl->span);
}

struct refs {
    struct lsp_doc *d;
    const struct lsp_analysis *a;
    const struct ast_node *decl;
    struct lsp_json *list;
};

static void
visit_ref(void *ctx, const struct ast_node *n, const struct ast_node *table)
{
    struct refs *r = ctx;
    if (n->kind == AST_DEPARTMENT_REF && r->decl->kind == AST_DEPARTMENT) {
        const struct compilation_department *dep =
            compilation_department(r->a->c, n->u.department_ref.name.text);
        if (dep != NULL && dep->decl == r->decl)
            lsp_json_push(r->list, location(r->d, r->a, n->u.department_ref.name.span));
    } else if (n->kind == AST_DUTY_ROW && n->u.duty.project == r->decl) {
        lsp_json_push(r->list, location(r->d, r->a, n->u.duty.name.span));
    } else if (n->kind == AST_MODIFIER && r->decl->kind == AST_PROJECT &&
               item_project(r->a, n, table) == r->decl) {
        lsp_json_push(r->list, location(r->d, r->a, n->u.modifier.text.span));
    }
}

struct lsp_json *
lsp_references(struct lsp_server *s, const struct lsp_json *params)
{
    struct lsp_doc *d = lsp_server_doc(s, params);
    struct lsp_analysis *a = lsp_server_analysis(s, d);
    struct lsp_json *list = lsp_json_array();
    if (a == NULL || a->c->root == NULL)
        return list;
    const struct ast_node *include;
    const struct ast_node *decl = named_at(a, lsp_params_offset(a, params), &include);
    if (decl == NULL)
        return list;
    if (lsp_json_bool(lsp_json_path(params, "context", "includeDeclaration", NULL), true))
        lsp_json_push(list, location(d, a, decl->u.decl.name.span));
    struct refs r = {d, a, decl, list};
    lsp_walk(a->c->root, visit_ref, &r);
    return list;
}

/* --- folding ----------------------------------------------------------------- */

struct folds {
    const struct lsp_analysis *a;
    struct lsp_json *list;
};

static void
visit_fold(void *ctx, const struct ast_node *n, const struct ast_node *table)
{
    (void)table;
    struct folds *f = ctx;
    bool block = n->kind == AST_DEPARTMENT || n->kind == AST_PROJECT || n->kind == AST_FUNDS ||
                 n->kind == AST_FUND_LINE || n->kind == AST_PARTITION || n->kind == AST_OF_WHICH ||
                 n->kind == AST_INDICATORS || n->kind == AST_PERIOD_INDICATORS ||
                 n->kind == AST_DUTY_TABLE || n->kind == AST_DUTY_ROW || n->kind == AST_SCHEDULE ||
                 (n->kind == AST_CATEGORY && !n->u.category.implied);
    if (!block || n->span.file != 0)
        return;
    long l1, c1, l2, c2;
    lsp_position(f->a->text, f->a->len, &f->a->lines, n->span.start, &l1, &c1);
    lsp_position(f->a->text, f->a->len, &f->a->lines, n->span.end, &l2, &c2);
    if (l2 <= l1)
        return;
    struct lsp_json *r = lsp_json_object();
    lsp_json_set(r, "startLine", lsp_json_num(l1));
    lsp_json_set(r, "endLine", lsp_json_num(l2 - 1 > l1 ? l2 - 1 : l2));
    lsp_json_push(f->list, r);
}

struct lsp_json *
lsp_folding_ranges(struct lsp_server *s, const struct lsp_json *params)
{
    struct lsp_analysis *a = lsp_server_analysis(s, lsp_server_doc(s, params));
    struct folds f = {a, lsp_json_array()};
    if (a != NULL && a->c->root != NULL)
        lsp_walk(a->c->root, visit_fold, &f);
    return f.list;
}
