/*
 * lsp_analysis.c - compiling a document, and walking its tree
 * (lsp_analysis.h).  The walk knows which members of each kind hold
 * children; a kind with none is a leaf.
 */
#include "lsp/lsp_analysis.h"

#include "model/ast.h"
#include "model/compilation.h"

#include <stdlib.h>
#include <string.h>

struct lsp_analysis *
lsp_analyze(struct driver_stdlib *reuse, enum diag_lang lang, const char *path, const char *text,
            size_t len, long version)
{
    struct lsp_analysis *a = calloc(1, sizeof *a);
    if (a == NULL)
        return NULL;
    a->text = malloc(len + 1);
    a->c = compilation_new(lang);
    if (a->text == NULL || a->c == NULL || !lsp_lines_build(&a->lines, text, len)) {
        lsp_analysis_free(a);
        return NULL;
    }
    memcpy(a->text, text, len);
    a->text[len] = '\0';
    a->len = len;
    a->version = version;
    a->status = driver_run_text(a->c, reuse, path, a->text, len, &a->comments);
    return a;
}

void
lsp_analysis_free(struct lsp_analysis *a)
{
    if (a == NULL)
        return;
    compilation_free(a->c);
    free(a->text);
    free(a->lines.starts);
    free(a);
}

const struct source *
lsp_analysis_root_source(const struct lsp_analysis *a)
{
    return a->c->source_count > 0 ? a->c->sources[0] : NULL;
}

bool
lsp_span_in_root(struct ast_span span)
{
    return span.file == 0;
}

bool
lsp_str_holds(const struct ast_str *s, size_t offset)
{
    return s->text != NULL && s->span.file == 0 && s->span.start <= offset && offset <= s->span.end;
}

static void walk_list(const struct ast_node *n, lsp_node_fn *fn, void *ctx,
                      const struct ast_node *table);

static void
walk(const struct ast_node *n, lsp_node_fn *fn, void *ctx, const struct ast_node *table)
{
    if (n == NULL)
        return;
    if (n->kind == AST_DEPARTMENT || n->kind == AST_PROJECT)
        table = n;
    fn(ctx, n, table);
    switch (n->kind) {
    case AST_FILE:
        walk_list(n->u.file.items.first, fn, ctx, table);
        break;
    case AST_DEPARTMENT:
    case AST_PROJECT:
        walk_list(n->u.decl.body.first, fn, ctx, table);
        break;
    case AST_FUNDS:
    case AST_FUND_LINE:
        walk_list(n->u.fund.mods.first, fn, ctx, table);
        walk_list(n->u.fund.items.first, fn, ctx, table);
        break;
    case AST_PARTITION:
    case AST_OF_WHICH:
        walk_list(n->u.partition.lines.first, fn, ctx, table);
        break;
    case AST_INDICATORS:
    case AST_PERIOD_INDICATORS:
        walk_list(n->u.indicators.modifiers.first, fn, ctx, table);
        walk_list(n->u.indicators.categories.first, fn, ctx, table);
        break;
    case AST_CATEGORY:
        walk_list(n->u.category.modifiers.first, fn, ctx, table);
        walk_list(n->u.category.items.first, fn, ctx, table);
        break;
    case AST_INDICATOR:
        walk(n->u.indicator.target, fn, ctx, table);
        walk_list(n->u.indicator.modifiers.first, fn, ctx, table);
        break;
    case AST_MODIFIER:
        if (n->u.modifier.kind == AST_MOD_STANDARD || n->u.modifier.kind == AST_MOD_ACTUAL)
            walk(n->u.modifier.target, fn, ctx, table);
        break;
    case AST_PERIOD:
        walk(n->u.period.value, fn, ctx, table);
        break;
    case AST_DUTY_TABLE:
    case AST_DUTY_ROW:
        walk_list(n->u.duty.rows.first, fn, ctx, table);
        break;
    case AST_SCHEDULE:
        walk_list(n->u.schedule.rows.first, fn, ctx, table);
        break;
    case AST_FRAMEWORK:
    case AST_LEVEL:
    case AST_DIMENSION:
    case AST_PARTITION_DEF:
        walk_list(n->u.def.items.first, fn, ctx, table);
        break;
    case AST_INCLUDE:
    case AST_DEPARTMENT_REF:
    case AST_YEAR:
    case AST_ATTRIBUTE:
    case AST_TEXT:
    case AST_NOT_APPLICABLE:
    case AST_TARGET:
    case AST_FRAMEWORK_REF:
    case AST_UNIT_DEF:
    case AST_NAME:
    case AST_ALIASES:
    case AST_FUND_MOD:
    case AST_TOTAL_POINTS:
    case AST_TABLE_SCORE:
    case AST_GRADE:
    case AST_INVERSE_RULE:
    case AST_SCHEDULE_ROW:
    case AST_EXPRESSION:
        break;
    }
}

static void
walk_list(const struct ast_node *n, lsp_node_fn *fn, void *ctx, const struct ast_node *table)
{
    for (; n != NULL; n = n->next)
        walk(n, fn, ctx, table);
}

void
lsp_walk(const struct ast_node *file, lsp_node_fn *fn, void *ctx)
{
    walk(file, fn, ctx, NULL);
}

struct node_at {
    size_t offset;
    const struct ast_node *best, *table;
};

static void
visit_at(void *ctx, const struct ast_node *n, const struct ast_node *table)
{
    struct node_at *q = ctx;
    if (n->span.file != 0 || n->span.start > q->offset || q->offset > n->span.end)
        return;
    if (n->kind == AST_CATEGORY && n->u.category.implied)
        return;
    /* Parents come first: a later node that holds the offset is inside. */
    q->best = n;
    q->table = table;
}

const struct ast_node *
lsp_node_at(const struct lsp_analysis *a, size_t offset, const struct ast_node **table)
{
    struct node_at q = {offset, NULL, NULL};
    if (a->c->root != NULL)
        lsp_walk(a->c->root, visit_at, &q);
    if (table != NULL)
        *table = q.table;
    return q.best;
}
