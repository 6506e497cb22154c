/*
 * sema_relations.c - pass 9: 计算 and 占比, how a value follows from others.
 *
 * Assumes: sema_funds filled in fund.total of every 资金 node, and
 * sema_names resolved the units (quotients included: unit_quotient.c).
 * Rules, within one table:
 * - 计算 EXPR on an indicator: EXPR (+ - × ÷, parentheses, numbers with
 *   units, "NAME" for another indicator's target value, 资金 NAME… for a
 *   fund line's amount) is evaluated exactly, in fractions (rational.h)
 *   of the atoms' base units, with the dimensions multiplied and divided
 *   as the units are (a rate, 90% or 5‰, is a plain number: 0.9, 0.005);
 *   its value in the indicator's unit must equal the
 *   target's, compared at max(decimals written, 2) (E0705, giving both);
 * - what cannot be evaluated is said once: an unknown name (E0701, E0707,
 *   with a suggestion), a sum or a comparison across dimensions (E0702),
 *   division by zero (E0703), a target that is not one number (E0704), a
 *   cycle between 计算s (E0706, once per cycle, found in linear time; no
 *   indicator of it is evaluated), a value beyond 18 digits (E0202);
 * - 占比 PERCENT on a fund line: its amount ÷ its parent's (the line or
 *   the 资金 it sits under, through 按 and 其中), in percent, rounded to
 *   the decimals written, equals PERCENT (E0708); a 占比 of the 资金 total
 *   itself is 100%.  The unit is a percent: % ％ 百分比 (E0709).
 * Guarantees: expr.relation of every 计算 that could be evaluated, and
 * fund_mod.relation of every 占比 that could, for the back ends.
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "base/decimal.h"
#include "base/name_map.h"
#include "base/rational.h"
#include "diag/diag.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "model/compilation.h"
#include "model/keyword.h"
#include "model/model.h"

#include <string.h>

struct relations {
    struct compilation *c;
    const struct catalog *cat;
    bool english;
    const struct ast_node *table;
    const struct ast_node *funds;
    struct name_map *indicators; /* name → INDICATOR, first of each name */
};

/* A value of an expression: exact, in base units of its dimensions. */
struct value {
    bool known;
    struct rational base;
    struct dim_power powers[QUOTIENT_MAX_POWERS];
    size_t power_count;
    const char *shown; /* a leaf: its value as written, "2 万元" (shown_of for the rest) */
};

static struct diag_loc
loc(const struct relations *k, struct ast_span span)
{
    return compilation_loc(k->c, span);
}

static const char *
table_text(const struct relations *k)
{
    return diag_phrasef(&k->c->diags,
                        k->table->kind == AST_DEPARTMENT ? PHRASE_DEPARTMENT_NAMED : PHRASE_PROJECT_NAMED,
                        k->table->u.decl.name.text);
}

static const char *
decimal_text(const struct relations *k, struct decimal d)
{
    char buf[DECIMAL_FORMAT_MAX];
    decimal_format(d, buf, sizeof buf);
    return arena_strndup(k->c->arena, buf, strlen(buf));
}

/* --- dimensions ------------------------------------------------------------ */

/* A rate (a dimension marked 比率): a plain number in hundredths, so that
   合格人数 ÷ 培训人数 compares with a target of 90%. */
static bool
is_rate(const struct unit *u)
{
    return (u->dimension->flags & DIM_RATIO) && u->dimension->power_count == 0;
}

/* The factors of a unit's dimension: an atomic one is itself, a rate none. */
static void
unit_powers(const struct unit *u, struct value *v)
{
    const struct dimension *d = u->dimension;
    v->power_count = 0;
    if (is_rate(u))
        return;
    if (d->power_count == 0) {
        v->powers[0] = (struct dim_power){d, 1};
        v->power_count = 1;
        return;
    }
    for (size_t i = 0; i < d->power_count && i < QUOTIENT_MAX_POWERS; i++)
        v->powers[v->power_count++] = d->powers[i];
}

/* out = a's powers + sign × b's; false when there are too many factors. */
static bool
combine_powers(struct value *out, const struct value *a, const struct value *b, int sign)
{
    struct value r;
    r.power_count = 0;
    for (size_t i = 0; i < a->power_count; i++)
        r.powers[r.power_count++] = a->powers[i];
    for (size_t j = 0; j < b->power_count; j++) {
        size_t i = 0;
        while (i < r.power_count && r.powers[i].dim != b->powers[j].dim)
            i++;
        if (i < r.power_count) {
            r.powers[i].exp += sign * b->powers[j].exp;
        } else {
            if (r.power_count == QUOTIENT_MAX_POWERS)
                return false;
            r.powers[r.power_count++] = (struct dim_power){b->powers[j].dim, sign * b->powers[j].exp};
        }
    }
    out->power_count = 0;
    for (size_t i = 0; i < r.power_count; i++)
        if (r.powers[i].exp != 0)
            out->powers[out->power_count++] = r.powers[i];
    return true;
}

static bool
same_powers(const struct value *a, const struct value *b)
{
    if (a->power_count != b->power_count)
        return false;
    for (size_t i = 0; i < a->power_count; i++) {
        size_t j = 0;
        while (j < b->power_count && b->powers[j].dim != a->powers[i].dim)
            j++;
        if (j == b->power_count || b->powers[j].exp != a->powers[i].exp)
            return false;
    }
    return true;
}

/* What a value measures, for messages: a plain number, a dimension's name, or its factors. */
static const char *
powers_text(const struct relations *k, const struct value *v)
{
    if (v->power_count == 0)
        return diag_phrase(k->c->diags.lang, PHRASE_A_PLAIN_NUMBER);
    if (v->power_count == 1 && v->powers[0].exp == 1)
        return dimension_label(v->powers[0].dim, k->english);
    struct quotient q;
    memset(&q, 0, sizeof q);
    q.power_count = v->power_count;
    memcpy(q.powers, v->powers, v->power_count * sizeof q.powers[0]);
    return catalog_quotient_label(k->cat, &q, k->english);
}

/* One unit of u in the atoms' base units: its scale over the per of each
   atom below the slash (struct dimension). */
static bool
unit_factor(const struct unit *u, struct rational *out)
{
    if (!rational_from_decimal(u->scale, out))
        return false;
    if (is_rate(u))
        return rational_div(*out, (struct rational){100, 1}, out);
    const struct dimension *d = u->dimension;
    for (size_t i = 0; i < d->power_count; i++)
        for (int e = d->powers[i].exp; e < 0; e++) {
            struct rational per;
            if (!rational_from_decimal(d->powers[i].dim->per, &per) || !rational_div(*out, per, out))
                return false;
        }
    return true;
}

/* The value of digits in unit (NULL: a plain number); false on overflow. */
static bool
quantity_value(const char *digits, const struct unit *u, struct value *v)
{
    struct decimal d;
    struct rational r, f;
    v->power_count = 0;
    if (!decimal_parse(digits, strlen(digits), &d) || !rational_from_decimal(d, &r))
        return false;
    if (u != NULL) {
        unit_powers(u, v);
        if (!unit_factor(u, &f) || !rational_mul(r, f, &r))
            return false;
    }
    v->base = r;
    v->known = true;
    return true;
}

/* --- names ----------------------------------------------------------------- */

static void
collect_indicators(struct relations *k, const struct ast_node *indicators)
{
    for (const struct ast_node *l1 = indicators->u.indicators.categories.first; l1 != NULL; l1 = l1->next)
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next)
            if (l2->kind == AST_CATEGORY)
                for (const struct ast_node *i = l2->u.category.items.first; i != NULL; i = i->next)
                    if (i->kind == AST_INDICATOR && name_map_get(k->indicators, i->u.indicator.name.text) == NULL)
                        name_map_put(k->indicators, i->u.indicator.name.text, (void *)i);
}

static const char *
hint(const struct relations *k, const char *name, const char **names, size_t count)
{
    const char *best = compilation_suggest(k->c, name, names, count);
    return best != NULL ? diag_phrasef(&k->c->diags, PHRASE_DID_YOU_MEAN, best) : "";
}

/* The lines directly under a 资金 or a line, through its 按 and 其中. */
static const struct ast_node *
child_line(const struct ast_node *parent, const char *name, const char ***names, size_t *count,
           struct arena *a, size_t *cap)
{
    for (const struct ast_node *n = parent->u.fund.items.first; n != NULL; n = n->next) {
        const struct ast_node *first = n, *stop = n->next;
        if (n->kind == AST_PARTITION || n->kind == AST_OF_WHICH) {
            first = n->u.partition.lines.first;
            stop = NULL;
        }
        for (const struct ast_node *l = first; l != stop; l = l->next) {
            if (l->kind != AST_FUND_LINE)
                continue;
            if (strcmp(l->u.fund.name.text, name) == 0)
                return l;
            if (names != NULL)
                *ARENA_PUSH(a, *names, *count, *cap) = l->u.fund.name.text;
        }
    }
    return NULL;
}

/* --- evaluation ------------------------------------------------------------ */

struct evaluation {
    struct relations *k;
    const struct ast_node *indicator; /* the one whose 计算 this is */
    bool failed;                       /* reported: say nothing more */
};

static struct value
unknown_value(struct evaluation *ev)
{
    ev->failed = true;
    return (struct value){0};
}

/* A value with its unit as fmt writes it: a rate's or a symbol's glued
   (90%, 12/100000), a word's after a space (2 万元). */
static const char *
with_unit(const struct relations *k, const char *digits, const char *unit)
{
    if (unit == NULL)
        return digits;
    const struct unit *u = catalog_unit(k->cat, unit);
    unsigned char c = (unsigned char)unit[0];
    bool glued = (u != NULL && (u->dimension->flags & DIM_RATIO)) ||
                 (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')));
    return arena_printf(k->c->arena, glued ? "%s%s" : "%s %s", digits, unit);
}

static const char *
quantity_shown(const struct relations *k, const struct ast_quantity *q)
{
    return with_unit(k, q->value.digits, q->unit.text);
}

static struct value
evaluate(struct evaluation *ev, const struct ast_node *e);

static struct value
overflow(struct evaluation *ev)
{
    struct relations *k = ev->k;
    const char *name = ev->indicator->u.indicator.name.text;
    const struct ast_node *m = model_modifier(ev->indicator, AST_MOD_COMPUTE);
    diag_report(&k->c->diags, DIAG_AMOUNT_OVERFLOW, loc(k, m->span),
                diag_phrasef(&k->c->diags, PHRASE_CHECK_RELATION, name),
                compilation_text(k->c, m->u.modifier.target->span));
    return unknown_value(ev);
}

static struct value
indicator_value(struct evaluation *ev, const struct ast_node *e)
{
    struct relations *k = ev->k;
    const char *name = e->u.expr.name.text;
    const struct ast_node *ind = name_map_get(k->indicators, name);
    if (ind == NULL) {
        size_t count;
        const char **names = name_map_keys(k->indicators, &count);
        diag_report(&k->c->diags, DIAG_UNKNOWN_RELATION_INDICATOR, loc(k, e->span), name,
                    table_text(k), hint(k, name, names, count));
        return unknown_value(ev);
    }
    const struct ast_node *t = ind->u.indicator.target;
    if (t->u.target.kind != AST_TARGET_COMPARISON) {
        const struct ast_node *m = model_modifier(ev->indicator, AST_MOD_COMPUTE);
        diag_report(&k->c->diags, DIAG_RELATION_NOT_A_NUMBER, loc(k, e->span),
                    model_expr_text(k->c->arena, m->u.modifier.target, false, k->english), name,
                    compilation_text(k->c, t->span));
        return unknown_value(ev);
    }
    const struct ast_quantity *q = &t->u.target.value;
    const struct unit *u = q->unit.text != NULL ? catalog_unit(k->cat, q->unit.text) : NULL;
    if (q->unit.text != NULL && u == NULL)
        return unknown_value(ev); /* E0301 said so */
    struct value v;
    if (!quantity_value(q->value.digits, u, &v))
        return overflow(ev);
    v.shown = quantity_shown(k, q);
    return v;
}

static struct value
fund_value(struct evaluation *ev, const struct ast_node *e)
{
    struct relations *k = ev->k;
    const struct ast_node *line = k->funds;
    const char *path = compilation_text(k->c, e->span);
    if (line == NULL) {
        diag_report(&k->c->diags, DIAG_UNKNOWN_RELATION_FUND, loc(k, e->span), path, table_text(k), "");
        return unknown_value(ev);
    }
    for (const struct ast_node *p = e->u.expr.path.first; p != NULL; p = p->next) {
        const char **names = NULL;
        size_t count = 0, cap = 0;
        const struct ast_node *next = child_line(line, p->u.ref.name.text, &names, &count, k->c->arena, &cap);
        if (next == NULL) {
            diag_report(&k->c->diags, DIAG_UNKNOWN_RELATION_FUND, loc(k, p->span), path, table_text(k),
                        hint(k, p->u.ref.name.text, names, count));
            return unknown_value(ev);
        }
        line = next;
    }
    if (!line->u.fund.total_known)
        return unknown_value(ev); /* sema_funds said why */
    const char *money = model_money_unit(k->funds);
    const struct unit *u = catalog_unit(k->cat, money);
    if (u == NULL)
        return unknown_value(ev); /* E0205 */
    struct value v;
    const char *digits = decimal_text(k, line->u.fund.total);
    if (!quantity_value(digits, u, &v))
        return overflow(ev);
    v.shown = arena_printf(k->c->arena, "%s %s", digits, money);
    return v;
}

static const char *
shown_leaf(void *ctx, const struct ast_node *e)
{
    struct evaluation *ev = ctx;
    struct value v = evaluate(ev, e);
    return v.known ? v.shown : compilation_text(ev->k->c, e->span);
}

/* The expression with its operands' values, "2 万元 ÷ 10 人": built only
   for a message, since every operand evaluated already. */
static const char *
shown_of(struct evaluation *ev, const struct ast_node *e)
{
    return model_expr_render(ev->k->c->arena, e, shown_leaf, ev);
}

static struct value
binary_value(struct evaluation *ev, const struct ast_node *e)
{
    struct relations *k = ev->k;
    struct value a = evaluate(ev, e->u.expr.left);
    if (ev->failed)
        return a;
    struct value b = evaluate(ev, e->u.expr.right);
    if (ev->failed)
        return b;
    struct value r = {0};
    r.known = true;
    bool ok = true;
    switch (e->u.expr.op) {
    case AST_EXPR_ADD:
    case AST_EXPR_SUB:
        if (!same_powers(&a, &b)) {
            diag_report(&k->c->diags, DIAG_RELATION_DIMENSION_MISMATCH, loc(k, e->span),
                        model_expr_text(k->c->arena, e, false, k->english), shown_of(ev, e->u.expr.left),
                        powers_text(k, &a), shown_of(ev, e->u.expr.right), powers_text(k, &b));
            return unknown_value(ev);
        }
        combine_powers(&r, &a, &a, 0);
        ok = e->u.expr.op == AST_EXPR_ADD ? rational_add(a.base, b.base, &r.base)
                                          : rational_sub(a.base, b.base, &r.base);
        break;
    case AST_EXPR_MUL:
        ok = combine_powers(&r, &a, &b, 1) && rational_mul(a.base, b.base, &r.base);
        break;
    case AST_EXPR_DIV:
        if (b.base.num == 0) {
            diag_report(&k->c->diags, DIAG_RELATION_DIVISION_BY_ZERO, loc(k, e->u.expr.right->span),
                        model_expr_text(k->c->arena, e, false, k->english),
                        model_expr_text(k->c->arena, e->u.expr.right, false, k->english));
            return unknown_value(ev);
        }
        ok = combine_powers(&r, &a, &b, -1) && rational_div(a.base, b.base, &r.base);
        break;
    case AST_EXPR_NUMBER:
    case AST_EXPR_INDICATOR:
    case AST_EXPR_FUND:
    case AST_EXPR_GROUP:
        break;
    }
    return ok ? r : overflow(ev);
}

static struct value
evaluate(struct evaluation *ev, const struct ast_node *e)
{
    struct relations *k = ev->k;
    switch (e->u.expr.op) {
    case AST_EXPR_NUMBER: {
        const struct ast_quantity *q = &e->u.expr.number;
        const struct unit *u = q->unit.text != NULL ? catalog_unit(k->cat, q->unit.text) : NULL;
        if (q->unit.text != NULL && u == NULL)
            return unknown_value(ev); /* E0301 */
        struct value v;
        if (!quantity_value(q->value.digits, u, &v))
            return overflow(ev);
        v.shown = quantity_shown(k, q);
        return v;
    }
    case AST_EXPR_INDICATOR:
        return indicator_value(ev, e);
    case AST_EXPR_FUND:
        return fund_value(ev, e);
    case AST_EXPR_GROUP: {
        return evaluate(ev, e->u.expr.left);
    }
    case AST_EXPR_ADD:
    case AST_EXPR_SUB:
    case AST_EXPR_MUL:
    case AST_EXPR_DIV:
        return binary_value(ev, e);
    }
    return unknown_value(ev);
}

/* Digits after the point as written. */
static int
decimals_written(const char *digits)
{
    const char *dot = strchr(digits, '.');
    return dot == NULL ? 0 : (int)strlen(dot + 1);
}

static void
check_compute(struct relations *k, const struct ast_node *ind, const struct ast_node *m)
{
    struct ast_node *expr = m->u.modifier.target;
    struct evaluation ev = {k, ind, false};
    const char *name = ind->u.indicator.name.text;
    const struct ast_node *t = ind->u.indicator.target;
    const char *formula = model_expr_text(k->c->arena, expr, false, k->english);
    struct ast_relation *r = arena_alloc(k->c->arena, sizeof *r);
    memset(r, 0, sizeof *r);
    r->expression = model_expr_text(k->c->arena, expr, true, false);
    r->unit = t->u.target.kind == AST_TARGET_COMPARISON ? t->u.target.value.unit.text : NULL;
    expr->u.expr.relation = r;
    if (t->u.target.kind != AST_TARGET_COMPARISON) {
        diag_report(&k->c->diags, DIAG_RELATION_NOT_A_NUMBER, loc(k, t->span), formula, name,
                    compilation_text(k->c, t->span));
        return;
    }
    struct value v = evaluate(&ev, expr);
    if (ev.failed)
        return;
    const struct ast_quantity *q = &t->u.target.value;
    const struct unit *u = q->unit.text != NULL ? catalog_unit(k->cat, q->unit.text) : NULL;
    if (q->unit.text != NULL && u == NULL)
        return;
    struct value want;
    if (!quantity_value(q->value.digits, u, &want)) {
        overflow(&ev);
        return;
    }
    want.shown = quantity_shown(k, q);
    if (!same_powers(&v, &want)) {
        diag_report(&k->c->diags, DIAG_RELATION_DIMENSION_MISMATCH, loc(k, m->span),
                    compilation_text(k->c, m->span), want.shown, powers_text(k, &want),
                    shown_of(&ev, expr), powers_text(k, &v));
        return;
    }
    /* The value in the target's unit, at the decimals compared. */
    struct rational in_unit = v.base, f;
    if (u != NULL && (!unit_factor(u, &f) || !rational_div(v.base, f, &in_unit))) {
        overflow(&ev);
        return;
    }
    int places = decimals_written(q->value.digits);
    if (places < 2)
        places = 2;
    struct decimal got, written;
    if (!rational_round(in_unit, places, &got) ||
        !decimal_parse(q->value.digits, strlen(q->value.digits), &written)) {
        overflow(&ev);
        return;
    }
    r->known = true;
    r->value = got;
    r->matches = decimal_cmp(got, written) == 0;
    if (r->matches)
        return;
    const char *shown = decimal_text(k, decimal_normalize(got));
    const char *result =
        with_unit(k, shown, q->unit.text);
    diag_report(&k->c->diags, DIAG_RELATION_MISMATCH, loc(k, m->span), name, want.shown, formula,
                shown_of(&ev, expr), result);
}

/* --- cycles ---------------------------------------------------------------- */

/* The indicators a 计算 names, in order. */
static void
referenced(const struct ast_node *e, const struct ast_node ***out, size_t *count, size_t *cap,
           struct arena *a, const struct name_map *indicators)
{
    switch (e->u.expr.op) {
    case AST_EXPR_INDICATOR: {
        const struct ast_node *i = name_map_get(indicators, e->u.expr.name.text);
        if (i != NULL)
            *ARENA_PUSH(a, *out, *count, *cap) = i;
        return;
    }
    case AST_EXPR_ADD:
    case AST_EXPR_SUB:
    case AST_EXPR_MUL:
    case AST_EXPR_DIV:
        referenced(e->u.expr.left, out, count, cap, a, indicators);
        referenced(e->u.expr.right, out, count, cap, a, indicators);
        return;
    case AST_EXPR_GROUP:
        referenced(e->u.expr.left, out, count, cap, a, indicators);
        return;
    case AST_EXPR_NUMBER:
    case AST_EXPR_FUND:
        return;
    }
}

/* A path of indicators being explored for a cycle. */
struct path {
    const struct ast_node **steps;
    size_t count, cap;
};

/* Whether ind's 计算 leads back to start, with the way there in path.
   seen: the indicators already explored from start, each once. */
static bool
leads_to(struct relations *k, const struct ast_node *ind, const struct ast_node *start,
         struct path *path, struct name_map *seen)
{
    const struct ast_node *m = model_modifier(ind, AST_MOD_COMPUTE);
    if (m == NULL || name_map_get(seen, ind->u.indicator.name.text) != NULL)
        return false;
    name_map_put(seen, ind->u.indicator.name.text, (void *)ind);
    const struct ast_node **refs = NULL;
    size_t count = 0, cap = 0;
    referenced(m->u.modifier.target, &refs, &count, &cap, k->c->arena, k->indicators);
    for (size_t i = 0; i < count; i++) {
        *ARENA_PUSH(k->c->arena, path->steps, path->count, path->cap) = refs[i];
        if (refs[i] == start || leads_to(k, refs[i], start, path, seen))
            return true;
        path->count--;
    }
    return false;
}

/* Copies s to at (without its NUL): the end of the copy.  stpcpy is POSIX, not C. */
static char *
append(char *at, const char *s)
{
    size_t n = strlen(s);
    memcpy(at, s, n);
    return at + n;
}

/* The cycle through ind as "甲 → 乙 → 甲", or NULL when there is none. */
static const char *
cycle_through(struct relations *k, const struct ast_node *ind)
{
    struct path path = {NULL, 0, 0};
    if (!leads_to(k, ind, ind, &path, name_map_new(k->c->arena)))
        return NULL;
    /* In one piece: a ring of n names is n steps, not n growing copies. */
    static const char arrow[] = " → ";
    size_t len = strlen(ind->u.indicator.name.text);
    for (size_t i = 0; i < path.count; i++)
        len += sizeof arrow - 1 + strlen(path.steps[i]->u.indicator.name.text);
    char *chain = arena_alloc_bytes(k->c->arena, len + 1), *at = chain;
    at = append(at, ind->u.indicator.name.text);
    for (size_t i = 0; i < path.count; i++)
        at = append(append(at, arrow), path.steps[i]->u.indicator.name.text);
    *at = '\0';
    return chain;
}

/* Indicators with a 计算, as the vertices of their references' graph:
   strongly connected components (Tarjan) say which lie on a cycle, in
   time linear in the references however dense they are. */
struct vertex {
    const struct ast_node *ind;
    struct vertex **out;
    size_t out_count, out_cap;
    int index, low, scc; /* index 0: not visited yet */
    bool on_stack, cyclic;
};

struct graph {
    struct relations *k;
    struct name_map *vertices; /* name → vertex */
    struct vertex **stack;
    size_t depth, cap;
    int next_index, scc_count;
};

static void
strong_connect(struct graph *g, struct vertex *v)
{
    v->index = v->low = ++g->next_index;
    *ARENA_PUSH(g->k->c->arena, g->stack, g->depth, g->cap) = v;
    v->on_stack = true;
    for (size_t i = 0; i < v->out_count; i++) {
        struct vertex *w = v->out[i];
        if (w->index == 0) {
            strong_connect(g, w);
            if (w->low < v->low)
                v->low = w->low;
        } else if (w->on_stack && w->index < v->low) {
            v->low = w->index;
        }
    }
    if (v->low != v->index)
        return;
    size_t top = g->depth;
    while (g->stack[top - 1] != v)
        top--;
    bool self = false;
    for (size_t i = 0; i < v->out_count; i++)
        self = self || v->out[i] == v;
    bool cyclic = g->depth - top > 0 || self;
    int scc = ++g->scc_count;
    while (g->depth >= top) {
        struct vertex *w = g->stack[--g->depth];
        w->on_stack = false;
        w->cyclic = cyclic;
        w->scc = scc;
        if (w == v)
            break;
    }
}

/* Builds the graph of the table's 计算 and finds its cycles. */
static struct name_map *
find_cycles(struct relations *k, const struct ast_node *indicators)
{
    struct graph g = {k, name_map_new(k->c->arena), NULL, 0, 0, 0, 0};
    for (const struct ast_node *l1 = indicators->u.indicators.categories.first; l1 != NULL; l1 = l1->next)
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next)
            for (const struct ast_node *i = l2->kind == AST_CATEGORY ? l2->u.category.items.first : NULL;
                 i != NULL; i = i->next)
                if (i->kind == AST_INDICATOR && model_modifier(i, AST_MOD_COMPUTE) != NULL &&
                    name_map_get(k->indicators, i->u.indicator.name.text) == i) {
                    struct vertex *v = arena_alloc(k->c->arena, sizeof *v);
                    memset(v, 0, sizeof *v);
                    v->ind = i;
                    name_map_put(g.vertices, i->u.indicator.name.text, v);
                }
    size_t count;
    const char **names = name_map_keys(g.vertices, &count);
    for (size_t n = 0; n < count; n++) {
        struct vertex *v = name_map_get(g.vertices, names[n]);
        const struct ast_node **refs = NULL;
        size_t ref_count = 0, ref_cap = 0;
        referenced(model_modifier(v->ind, AST_MOD_COMPUTE)->u.modifier.target, &refs, &ref_count, &ref_cap,
                   k->c->arena, k->indicators);
        for (size_t r = 0; r < ref_count; r++) {
            struct vertex *w = name_map_get(g.vertices, refs[r]->u.indicator.name.text);
            if (w != NULL)
                *ARENA_PUSH(k->c->arena, v->out, v->out_count, v->out_cap) = w;
        }
    }
    for (size_t n = 0; n < count; n++) {
        struct vertex *v = name_map_get(g.vertices, names[n]);
        if (v->index == 0)
            strong_connect(&g, v);
    }
    return g.vertices;
}

/* --- 占比 ------------------------------------------------------------------ */

static void
check_share(struct relations *k, const struct ast_node *line, const struct ast_node *parent)
{
    const struct ast_node *m = model_fund_mod(line, AST_FUNDMOD_SHARE);
    if (m == NULL)
        return;
    const struct ast_quantity *q = &m->u.fund_mod.value;
    const struct unit *u = q->unit.text != NULL ? catalog_unit(k->cat, q->unit.text) : NULL;
    if (u == NULL || !(u->dimension->flags & DIM_RATIO) || decimal_cmp(u->scale, (struct decimal){1, 0}) != 0) {
        struct ast_span at = q->unit.text != NULL ? ast_span_join(q->value.span, q->unit.span) : q->value.span;
        diag_report(&k->c->diags, DIAG_SHARE_NOT_PERCENT, loc(k, at), compilation_text(k->c, at));
        return;
    }
    const struct ast_node *whole = parent != NULL ? parent : line;
    if (!line->u.fund.total_known || !whole->u.fund.total_known)
        return;
    const char *part_text = decimal_text(k, line->u.fund.total);
    const char *whole_text = decimal_text(k, whole->u.fund.total);
    const char *funds_word = keyword_spelling(KEYWORD_FUNDS, false);
    const char *line_name = line->kind == AST_FUNDS ? funds_word : line->u.fund.name.text;
    struct rational a, b, share;
    if (whole->u.fund.total.coef == 0) {
        diag_report(&k->c->diags, DIAG_RELATION_DIVISION_BY_ZERO, loc(k, m->span),
                    compilation_text(k->c, m->span),
                    whole->kind == AST_FUNDS ? funds_word : whole->u.fund.name.text);
        return;
    }
    int places = decimals_written(q->value.digits);
    struct decimal got, written;
    if (!rational_from_decimal(line->u.fund.total, &a) || !rational_from_decimal(whole->u.fund.total, &b) ||
        !rational_div(a, b, &share) || !rational_mul(share, (struct rational){100, 1}, &share) ||
        !rational_round(share, places, &got) ||
        !decimal_parse(q->value.digits, strlen(q->value.digits), &written)) {
        diag_report(&k->c->diags, DIAG_AMOUNT_OVERFLOW, loc(k, m->span),
                    diag_phrasef(&k->c->diags, PHRASE_CHECK_RELATION, line_name),
                    compilation_text(k->c, m->span));
        return;
    }
    struct ast_relation *r = arena_alloc(k->c->arena, sizeof *r);
    memset(r, 0, sizeof *r);
    r->known = true;
    r->value = got;
    r->unit = "%";
    r->matches = decimal_cmp(got, written) == 0;
    ((struct ast_node *)m)->u.fund_mod.relation = r;
    if (!r->matches)
        diag_report(&k->c->diags, DIAG_SHARE_MISMATCH, loc(k, m->span),
                    arena_printf(k->c->arena, "%s%s", q->value.digits, q->unit.text), line_name,
                    part_text, whole_text, arena_printf(k->c->arena, "%s%%", decimal_text(k, got)));
}

/* Every line under parent (a 资金 or a line), through 按 and 其中. */
static void
walk_shares(struct relations *k, const struct ast_node *parent)
{
    for (const struct ast_node *n = parent->u.fund.items.first; n != NULL; n = n->next) {
        const struct ast_node *first = n, *stop = n->next;
        if (n->kind == AST_PARTITION || n->kind == AST_OF_WHICH) {
            first = n->u.partition.lines.first;
            stop = NULL;
        }
        for (const struct ast_node *l = first; l != stop; l = l->next) {
            if (l->kind != AST_FUND_LINE)
                continue;
            check_share(k, l, parent);
            walk_shares(k, l);
        }
    }
}

/* --- tables ---------------------------------------------------------------- */

/* The 计算 of one set of indicators (指标, or a project's 实施期指标: names
   are looked up within the set, as the framework checks keep them apart). */
static void
check_set(struct relations *k, const struct ast_node *indicators)
{
    if (indicators == NULL)
        return;
    k->indicators = name_map_new(k->c->arena);
    collect_indicators(k, indicators);
    struct name_map *vertices = find_cycles(k, indicators);
    struct name_map *reported = name_map_new(k->c->arena); /* a cycle is said once */
    for (const struct ast_node *l1 = indicators->u.indicators.categories.first; l1 != NULL; l1 = l1->next)
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next) {
            if (l2->kind != AST_CATEGORY)
                continue;
            for (const struct ast_node *i = l2->u.category.items.first; i != NULL; i = i->next) {
                const struct ast_node *m = i->kind == AST_INDICATOR ? model_modifier(i, AST_MOD_COMPUTE) : NULL;
                if (m == NULL)
                    continue;
                const struct vertex *v = name_map_get(vertices, i->u.indicator.name.text);
                if (v != NULL && v->cyclic) {
                    const char *scc = arena_printf(k->c->arena, "%d", v->scc);
                    const char *chain = name_map_get(reported, scc) == NULL ? cycle_through(k, i) : NULL;
                    if (chain != NULL) {
                        name_map_put(reported, scc, (void *)v);
                        diag_report(&k->c->diags, DIAG_RELATION_CYCLE, loc(k, m->span),
                                    i->u.indicator.name.text, chain);
                    }
                    continue;
                }
                check_compute(k, i, m);
            }
        }
}

static void
check_table(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct relations *k = ctx;
    (void)parent;
    k->table = table;
    k->funds = ast_field(table, AST_FUNDS);
    if (k->funds != NULL) {
        check_share(k, k->funds, NULL);
        walk_shares(k, k->funds);
    }
    check_set(k, ast_field(table, AST_INDICATORS));
    check_set(k, ast_field(table, AST_PERIOD_INDICATORS));
}

void
sema_relations(struct compilation *c)
{
    struct relations k = {c, c->catalog, c->diags.lang == DIAG_LANG_EN, NULL, NULL, NULL};
    ast_each_table(c->root, check_table, &k);
}
