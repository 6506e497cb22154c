/*
 * sema_funds.c - pass 2: the money adds up, exactly.
 *
 * Assumes: sema_structure has run (at most one 资金 per table), and
 * sema_resolve (c->departments gives a department's projects).
 * Guarantees to later passes and back ends: every FUNDS and FUND_LINE node
 * has fund.total set — the written amount, or the sum of its parts when no
 * amount is written (fund.computed) — or fund.total_known false when
 * neither is possible; every FUNDS node has fund.money_unit, its unit as
 * written or else model_default_money_unit (万元), the one place a missing
 * unit is decided.
 *
 * Rules, each reported where the parts are with a note at the total:
 * - a total's direct lines, and each 按 partition of it, add up to it
 *   exactly (E0201); with no written total the lines (or else the first
 *   partition) give it and the other partitions must agree;
 * - a 其中 list does not exceed its total (E0203);
 * - the projects of a department do not exceed its 项目支出 line, after
 *   converting 元 / 万元 / 亿元 (E0204);
 * - no sum overflows (E0202): decimal.c never wraps or rounds.
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "base/decimal.h"
#include "diag/diag.h"
#include "model/compilation.h"
#include "model/model.h"

#include <string.h>

struct funds_checker {
    struct compilation *c;
};

/* d written with at least `scale` decimals, so figures in one message line up. */
static const char *
show(const struct funds_checker *k, struct decimal d, int scale)
{
    struct decimal zero = {0, scale};
    struct decimal r;
    if (d.scale < scale && decimal_add(d, zero, &r))
        d = r;
    char buf[DECIMAL_FORMAT_MAX];
    decimal_format(d, buf, sizeof buf);
    return arena_strndup(k->c->arena, buf, strlen(buf));
}

static int
max_scale(struct decimal a, struct decimal b)
{
    return a.scale > b.scale ? a.scale : b.scale;
}

static const char *
line_label(const struct ast_node *n)
{
    return n->kind == AST_FUNDS ? "资金" : n->u.fund.name.text;
}

/*
 * What messages call a breakdown of total n: its direct lines (p NULL), or
 * its 按 or 其中 list p.  Made only for a message: most totals have none.
 */
static const char *
breakdown(const struct funds_checker *k, const struct ast_node *n, const struct ast_node *p)
{
    if (p == NULL)
        return diag_phrasef(&k->c->diags, PHRASE_LINES_UNDER, line_label(n));
    if (p->kind == AST_OF_WHICH)
        return "其中";
    return diag_phrasef(&k->c->diags, PHRASE_LINES_OF_PARTITION, p->u.partition.name.text);
}

/* Sums the totals of the FUND_LINE nodes of a list: the lines of total, or
   those of its breakdown part; false when one is unknown or on overflow. */
static bool
sum_lines(const struct funds_checker *k, const struct ast_list *lines, struct ast_span where,
          const struct ast_node *total, const struct ast_node *part, struct decimal *sum,
          bool *any)
{
    struct decimal s = {0, 0};
    *any = false;
    for (const struct ast_node *n = lines->first; n != NULL; n = n->next) {
        if (n->kind != AST_FUND_LINE)
            continue;
        *any = true;
        if (!n->u.fund.total_known)
            return false;
        if (!decimal_add(s, n->u.fund.total, &s)) {
            diag_report(&k->c->diags, DIAG_AMOUNT_OVERFLOW, compilation_loc(k->c, where),
                        breakdown(k, total, part));
            return false;
        }
    }
    *sum = s;
    return *any;
}

static void
mismatch(const struct funds_checker *k, struct ast_span where, const char *what, struct decimal sum,
         const struct ast_node *total_node)
{
    struct decimal total = total_node->u.fund.total, diff;
    int scale = max_scale(sum, total);
    if (!decimal_sub(sum, total, &diff))
        return;
    if (diff.coef < 0)
        diff.coef = -diff.coef;
    struct diagnostic *d =
        diag_report(&k->c->diags, DIAG_FUNDS_MISMATCH, compilation_loc(k->c, where), what, show(k, sum, scale),
                    show(k, total, scale), show(k, diff, scale));
    diag_add_note(&k->c->diags, d, DIAG_NOTE_TOTAL_HERE, compilation_loc(k->c, total_node->span),
                  show(k, total, scale));
}

static void check_total(const struct funds_checker *k, struct ast_node *n);

/* Lines first, so that every part's total is known before its parent's. */
static void
check_children(const struct funds_checker *k, struct ast_node *n)
{
    for (struct ast_node *item = n->u.fund.items.first; item != NULL; item = item->next) {
        if (item->kind == AST_FUND_LINE) {
            check_total(k, item);
        } else {
            for (struct ast_node *l = item->u.partition.lines.first; l != NULL; l = l->next)
                check_total(k, l);
        }
    }
}

static void
check_total(const struct funds_checker *k, struct ast_node *n)
{
    check_children(k, n);
    if (n->u.fund.amount.digits != NULL) {
        const char *digits = n->u.fund.amount.digits;
        if (decimal_parse(digits, strlen(digits), &n->u.fund.total))
            n->u.fund.total_known = true;
        else
            diag_report(&k->c->diags, DIAG_AMOUNT_OVERFLOW, compilation_loc(k->c, n->u.fund.amount.span),
                        digits);
    }
    /* The direct lines are one breakdown of the total; each 按 is another. */
    struct decimal sum;
    bool any;
    if (sum_lines(k, &n->u.fund.items, n->span, n, NULL, &sum, &any)) {
        if (!n->u.fund.total_known && n->u.fund.amount.digits == NULL) {
            n->u.fund.total = sum;
            n->u.fund.total_known = n->u.fund.computed = true;
        } else if (n->u.fund.total_known && decimal_cmp(sum, n->u.fund.total) != 0) {
            const struct ast_node *first = n->u.fund.items.first;
            while (first->kind != AST_FUND_LINE)
                first = first->next;
            mismatch(k, first->span, breakdown(k, n, NULL), sum, n);
        }
    }
    for (struct ast_node *p = n->u.fund.items.first; p != NULL; p = p->next) {
        if (p->kind != AST_PARTITION && p->kind != AST_OF_WHICH)
            continue;
        if (!sum_lines(k, &p->u.partition.lines, p->span, n, p, &sum, &any))
            continue;
        if (!n->u.fund.total_known && n->u.fund.amount.digits == NULL &&
            p->kind == AST_PARTITION) {
            n->u.fund.total = sum;
            n->u.fund.total_known = n->u.fund.computed = true;
            continue;
        }
        if (!n->u.fund.total_known)
            continue;
        int c = decimal_cmp(sum, n->u.fund.total);
        if (p->kind == AST_PARTITION && c != 0) {
            mismatch(k, p->span, breakdown(k, n, p), sum, n);
        } else if (p->kind == AST_OF_WHICH && c > 0) {
            struct decimal diff;
            int scale = max_scale(sum, n->u.fund.total);
            if (!decimal_sub(sum, n->u.fund.total, &diff))
                continue;
            struct diagnostic *d = diag_report(
                &k->c->diags, DIAG_OF_WHICH_EXCEEDS, compilation_loc(k->c, p->span), show(k, sum, scale),
                show(k, n->u.fund.total, scale), show(k, diff, scale));
            diag_add_note(&k->c->diags, d, DIAG_NOTE_TOTAL_HERE, compilation_loc(k->c, n->span),
                          show(k, n->u.fund.total, scale));
        }
    }
}

/* --- money units and the department's 项目支出 line ------------------------ */

/*
 * Powers of ten from a money unit to 元; -1 when unknown.  The money units
 * are the catalog's units of a dimension marked 金额 whose scale is a power
 * of ten (元, 千元, 万元, 亿元 in the stdlib).
 */
static int
money_exponent(const struct catalog *cat, const struct ast_node *funds)
{
    const struct unit *u = catalog_unit(cat, funds->u.fund.money_unit);
    if (u == NULL || !(u->dimension->flags & DIM_MONEY) || u->scale.scale != 0)
        return -1;
    int exponent = 0;
    int64_t coef = u->scale.coef;
    while (coef % 10 == 0) {
        coef /= 10;
        exponent++;
    }
    return coef == 1 ? exponent : -1;
}

/* d in 元, exactly; false on overflow. */
static bool
to_yuan(struct decimal d, int exponent, struct decimal *out)
{
    while (exponent > 0 && d.scale > 0) { /* move the point before growing the coefficient */
        d.scale--;
        exponent--;
    }
    while (exponent-- > 0)
        if (__builtin_mul_overflow(d.coef, 10, &d.coef))
            return false;
    *out = d;
    return true;
}

static struct ast_node *
find_funds(const struct ast_node *decl)
{
    for (struct ast_node *n = decl->u.decl.body.first; n != NULL; n = n->next)
        if (n->kind == AST_FUNDS)
            return n;
    return NULL;
}

static const struct ast_node *
find_line(const struct ast_list *items, const char *name)
{
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        const struct ast_node *found = NULL;
        if (n->kind == AST_FUND_LINE) {
            if (strcmp(n->u.fund.name.text, name) == 0)
                return n;
            found = find_line(&n->u.fund.items, name);
        } else {
            found = find_line(&n->u.partition.lines, name);
        }
        if (found != NULL)
            return found;
    }
    return NULL;
}

/* The projects' totals in 元; false when one is unknown or too large. */
static bool
add_project(const struct catalog *cat, struct decimal *sum, const struct ast_node *project)
{
    const struct ast_node *f = find_funds(project);
    if (f == NULL)
        return true; /* a project without funds adds nothing */
    int e = money_exponent(cat, f);
    struct decimal y;
    return f->u.fund.total_known && e >= 0 && to_yuan(f->u.fund.total, e, &y) &&
           decimal_add(*sum, y, sum);
}

/* The department's projects: nested ones, and top-level ones naming it. */
static bool
sum_projects(const struct funds_checker *k, const struct ast_node *dept, struct decimal *sum,
             size_t *count)
{
    const struct compilation_department *d = compilation_department(k->c, dept->u.decl.name.text);
    *count = d->project_count;
    for (size_t i = 0; i < d->project_count; i++)
        if (!add_project(k->c->catalog, sum, d->projects[i]))
            return false;
    return true;
}

static void
check_department_projects(const struct funds_checker *k, const struct ast_node *dept)
{
    const struct ast_node *funds = find_funds(dept);
    int e = funds ? money_exponent(k->c->catalog, funds) : -1;
    const struct ast_node *line = funds ? find_line(&funds->u.fund.items, "项目支出") : NULL;
    struct decimal limit, sum = {0, 0}, diff;
    size_t count = 0;
    if (line == NULL || !line->u.fund.total_known || e < 0 || !to_yuan(line->u.fund.total, e, &limit))
        return;
    if (!sum_projects(k, dept, &sum, &count) || count == 0 ||
        decimal_cmp(sum, limit) <= 0)
        return;
    /* Shown in the department's unit: 元 → 万元 moves the point, exactly. */
    sum.scale += e;
    while (sum.scale > line->u.fund.total.scale && sum.coef % 10 == 0) {
        sum.coef /= 10;
        sum.scale--;
    }
    if (sum.scale > DECIMAL_MAX_SCALE || !decimal_sub(sum, line->u.fund.total, &diff))
        return;
    const char *unit = funds->u.fund.money_unit;
    int scale = max_scale(sum, line->u.fund.total);
    struct diagnostic *d = diag_report(
        &k->c->diags, DIAG_PROJECTS_EXCEED, compilation_loc(k->c, dept->u.decl.name.span),
        dept->u.decl.name.text, show(k, sum, scale), unit, show(k, line->u.fund.total, scale),
        unit, show(k, diff, scale));
    diag_add_note(&k->c->diags, d, DIAG_NOTE_PROJECTS_LINE, compilation_loc(k->c, line->span));
}

/* A top-level table's own totals, and those of the projects in it. */
static void
check_totals(void *ctx, const struct ast_node *n)
{
    const struct funds_checker *k = ctx;
    if (n->kind != AST_DEPARTMENT && n->kind != AST_PROJECT)
        return;
    for (struct ast_node *item = n->u.decl.body.first; item != NULL; item = item->next) {
        struct ast_node *f = item->kind == AST_FUNDS     ? item
                             : item->kind == AST_PROJECT ? find_funds(item)
                                                         : NULL;
        if (f == NULL)
            continue;
        f->u.fund.money_unit =
            f->u.fund.unit.text != NULL ? f->u.fund.unit.text : model_default_money_unit;
        if (money_exponent(k->c->catalog, f) < 0)
            diag_report(&k->c->diags, DIAG_UNKNOWN_MONEY_UNIT, compilation_loc(k->c, f->u.fund.unit.span),
                        f->u.fund.unit.text);
        check_total(k, f);
    }
}

static void
check_projects(void *ctx, const struct ast_node *n)
{
    if (n->kind == AST_DEPARTMENT)
        check_department_projects(ctx, n);
}

/* First every table's own totals, then departments against their projects. */
void
sema_funds(struct compilation *c)
{
    struct funds_checker k = {c};
    ast_each_item(c->root, check_totals, &k);
    ast_each_item(c->root, check_projects, &k);
}
