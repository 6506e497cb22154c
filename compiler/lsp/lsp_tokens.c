/*
 * lsp_tokens.c - semantic tokens (full): the names the tree knows, for an
 * editor to colour what a grammar cannot tell apart (a department's name
 * from a project's, a category from an indicator's name).
 *
 * Legend (the order is the protocol's token type index):
 *   namespace  a department's name, where declared or named by 部门
 *   class      a project's name, where declared or named by a 履职 row
 *   type       a category's name
 *   string     an indicator's name
 *   number     a target's value
 *   enumMember a unit
 *   comment    a # comment
 * Tokens come from the current analysis, in source order, one line each.
 */
#include "lsp/lsp_features.h"

#include "model/ast.h"

#include <stdlib.h>

enum token_type { TT_NAMESPACE, TT_CLASS, TT_TYPE, TT_STRING, TT_NUMBER, TT_UNIT, TT_COMMENT };

static const char *const legend[] = {"namespace", "class",      "type",   "string",
                                     "number",    "enumMember", "comment"};

struct lsp_json *
lsp_semantic_tokens_options(void)
{
    struct lsp_json *types = lsp_json_array();
    for (size_t i = 0; i < sizeof legend / sizeof legend[0]; i++)
        lsp_json_push(types, lsp_json_str(legend[i]));
    struct lsp_json *l = lsp_json_object();
    lsp_json_set(l, "tokenTypes", types);
    lsp_json_set(l, "tokenModifiers", lsp_json_array());
    struct lsp_json *o = lsp_json_object();
    lsp_json_set(o, "legend", l);
    lsp_json_set(o, "full", lsp_json_boolean(true));
    return o;
}

struct token {
    uint32_t start, end;
    enum token_type type;
};

struct tokens {
    struct token *items;
    size_t count, cap;
    bool oom;
};

static void
push(struct tokens *t, struct ast_span span, enum token_type type)
{
    if (span.file != 0 || span.end <= span.start || t->oom)
        return;
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        struct token *p = realloc(t->items, cap * sizeof *p);
        if (p == NULL) {
            t->oom = true;
            return;
        }
        t->items = p;
        t->cap = cap;
    }
    t->items[t->count++] = (struct token){span.start, span.end, type};
}

static void
quantity(struct tokens *t, const struct ast_quantity *q)
{
    if (q->value.digits != NULL)
        push(t, q->value.span, TT_NUMBER);
    if (q->unit.text != NULL)
        push(t, q->unit.span, TT_UNIT);
}

static void
visit(void *ctx, const struct ast_node *n, const struct ast_node *table)
{
    (void)table;
    struct tokens *t = ctx;
    switch (n->kind) {
    case AST_DEPARTMENT:
        push(t, n->u.decl.name.span, TT_NAMESPACE);
        break;
    case AST_PROJECT:
        push(t, n->u.decl.name.span, TT_CLASS);
        break;
    case AST_DEPARTMENT_REF:
        push(t, n->u.department_ref.name.span, TT_NAMESPACE);
        break;
    case AST_DUTY_ROW:
        if (n->u.duty.level == AST_DUTY_PROJECT)
            push(t, n->u.duty.name.span, TT_CLASS);
        break;
    case AST_CATEGORY:
        if (!n->u.category.implied)
            push(t, n->u.category.name.span, TT_TYPE);
        break;
    case AST_INDICATOR:
        push(t, n->u.indicator.name.span, TT_STRING);
        break;
    case AST_TARGET:
        if (n->u.target.kind == AST_TARGET_COMPARISON || n->u.target.kind == AST_TARGET_RANGE)
            quantity(t, &n->u.target.value);
        if (n->u.target.kind == AST_TARGET_RANGE)
            quantity(t, &n->u.target.high);
        break;
    case AST_FUNDS:
        if (n->u.fund.unit.text != NULL)
            push(t, n->u.fund.unit.span, TT_UNIT);
        if (n->u.fund.amount.digits != NULL)
            push(t, n->u.fund.amount.span, TT_NUMBER);
        break;
    case AST_FUND_LINE:
        if (n->u.fund.amount.digits != NULL)
            push(t, n->u.fund.amount.span, TT_NUMBER);
        break;
    case AST_FILE:
    case AST_INCLUDE:
    case AST_YEAR:
    case AST_ATTRIBUTE:
    case AST_TEXT:
    case AST_PERIOD:
    case AST_PARTITION:
    case AST_OF_WHICH:
    case AST_INDICATORS:
    case AST_NOT_APPLICABLE:
    case AST_MODIFIER:
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
}

static int
by_start(const void *a, const void *b)
{
    const struct token *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

struct lsp_json *
lsp_semantic_tokens(struct lsp_server *s, const struct lsp_json *params)
{
    struct lsp_analysis *a = lsp_server_analysis(s, lsp_server_doc(s, params));
    struct lsp_json *data = lsp_json_array();
    struct tokens t = {0};
    if (a != NULL && a->c->root != NULL) {
        lsp_walk(a->c->root, visit, &t);
        for (size_t i = 0; i < a->comments.count; i++) {
            struct ast_span sp = {0, a->comments.items[i].start, a->comments.items[i].end};
            push(&t, sp, TT_COMMENT);
        }
    }
    if (t.count > 0)
        qsort(t.items, t.count, sizeof *t.items, by_start);
    long prev_line = 0, prev_char = 0;
    uint32_t last_end = 0;
    for (size_t i = 0; i < t.count; i++) {
        if (t.items[i].start < last_end)
            continue; /* overlapping: keep the first */
        long l1, c1, l2, c2;
        lsp_position(a->text, a->len, &a->lines, t.items[i].start, &l1, &c1);
        lsp_position(a->text, a->len, &a->lines, t.items[i].end, &l2, &c2);
        if (l2 != l1)
            continue;
        lsp_json_push(data, lsp_json_num(l1 - prev_line));
        lsp_json_push(data, lsp_json_num(l1 == prev_line ? c1 - prev_char : c1));
        lsp_json_push(data, lsp_json_num(c2 - c1));
        lsp_json_push(data, lsp_json_num((long)t.items[i].type));
        lsp_json_push(data, lsp_json_num(0));
        prev_line = l1;
        prev_char = c1;
        last_end = t.items[i].end;
    }
    free(t.items);
    struct lsp_json *r = lsp_json_object();
    lsp_json_set(r, "data", data);
    return r;
}
