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
 * - a check that cannot be done exactly says so (E0202, naming the check):
 *   decimal.c never wraps or rounds, and no check is skipped in silence;
 * - nor for want of a line: a department whose projects have money but
 *   that has no 项目支出 line to hold them against is a warning (W0207,
 *   naming a line of 按 支出性质 that looks like a misspelt 项目支出);
 * - a 按 NAME names a partition a 划分 declares (W0206): 按 收人性质 would
 *   otherwise be a partition of its own, laid out as such.
 *
 * The 项目支出 line is a direct line of a 按 支出性质 partition of the
 * department's 资金 total; projects and line are compared in the finest
 * money unit among them (0.000000000001 元 against 0 亿元 is compared in 元,
 * never rounded to 0 亿元).
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "base/decimal.h"
#include "diag/diag.h"
#include "model/compilation.h"
#include "model/model.h"
#include "base/suggest.h"

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

/* What E0202 says could not be checked about the breakdown p of total n. */
static const char *
breakdown_check(const struct funds_checker *k, const struct ast_node *n, const struct ast_node *p)
{
    if (p != NULL && p->kind == AST_OF_WHICH)
        return diag_phrasef(&k->c->diags, PHRASE_CHECK_OF_WHICH);
    return diag_phrasef(&k->c->diags, PHRASE_CHECK_ADDS_UP, breakdown(k, n, p));
}

/* Sums the totals of the FUND_LINE nodes of a list: the lines of total, or
   those of its breakdown part; false when one is unknown or on overflow
   (reported: the check cannot be done). */
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
                        breakdown_check(k, total, part), diag_phrasef(&k->c->diags, PHRASE_THEIR_SUM));
            return false;
        }
    }
    *sum = s;
    return *any;
}

/* |a - b| for a message, or words saying it cannot be computed (9e18 against
   0.01): the difference is known to be there, so the message is not dropped. */
static const char *
difference(const struct funds_checker *k, struct decimal a, struct decimal b, int scale)
{
    struct decimal diff;
    if (!decimal_sub(a, b, &diff) || diff.coef == INT64_MIN)
        return diag_phrasef(&k->c->diags, PHRASE_DIFFERENCE_TOO_LARGE);
    if (diff.coef < 0)
        diff.coef = -diff.coef;
    return show(k, diff, scale);
}

static void
mismatch(const struct funds_checker *k, struct ast_span where, const char *what, struct decimal sum,
         const struct ast_node *total_node)
{
    struct decimal total = total_node->u.fund.total;
    int scale = max_scale(sum, total);
    struct diagnostic *d =
        diag_report(&k->c->diags, DIAG_FUNDS_MISMATCH, compilation_loc(k->c, where), what, show(k, sum, scale),
                    show(k, total, scale), difference(k, sum, total, scale));
    diag_add_note(&k->c->diags, d, DIAG_NOTE_TOTAL_HERE, compilation_loc(k->c, total_node->span),
                  show(k, total, scale));
}

static void check_total(const struct funds_checker *k, struct ast_node *n);

/* W0206: 按 NAME where no 划分 declares NAME, with the closest spelling or
   the known ones (English ones for an English name). */
static void
check_partition_name(const struct funds_checker *k, const struct ast_node *p)
{
    const struct catalog *cat = k->c->catalog;
    const char *name = p->u.partition.name.text;
    if (catalog_partition(cat, name) != NULL)
        return;
    struct diag_sink *diags = &k->c->diags;
    size_t count;
    const char **spellings = catalog_partition_spellings(cat, &count);
    const char *best = compilation_suggest(k->c, name, spellings, count);
    const char *hint;
    if (best != NULL) {
        hint = diag_phrasef(diags, PHRASE_DID_YOU_MEAN, best);
    } else {
        bool english = true;
        for (const char *s = name; *s != '\0'; s++)
            english = english && (unsigned char)*s < 0x80;
        const char *list = "";
        for (size_t i = 0; i < cat->partition_count; i++) {
            const struct partition_kind *kind = cat->partitions[i];
            const char *shown = english && kind->english[0] != '\0' ? kind->english : kind->name;
            list = arena_printf(k->c->arena, "%s%s%s", list,
                                i ? diag_phrase(diags->lang, PHRASE_LIST_SEPARATOR) : "", shown);
        }
        hint = cat->partition_count > 0 ? diag_phrasef(diags, PHRASE_KNOWN_NAMES, list) : "";
    }
    diag_report(diags, DIAG_UNKNOWN_PARTITION, compilation_loc(k->c, p->u.partition.name.span), name,
                hint);
}

/* Lines first, so that every part's total is known before its parent's. */
static void
check_children(const struct funds_checker *k, struct ast_node *n)
{
    for (struct ast_node *item = n->u.fund.items.first; item != NULL; item = item->next) {
        if (item->kind == AST_FUND_LINE) {
            check_total(k, item);
        } else {
            if (item->kind == AST_PARTITION)
                check_partition_name(k, item);
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
                        diag_phrasef(&k->c->diags, PHRASE_CHECK_AMOUNT), digits);
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
            int scale = max_scale(sum, n->u.fund.total);
            struct diagnostic *d = diag_report(
                &k->c->diags, DIAG_OF_WHICH_EXCEEDS, compilation_loc(k->c, p->span), show(k, sum, scale),
                show(k, n->u.fund.total, scale), difference(k, sum, n->u.fund.total, scale));
            diag_add_note(&k->c->diags, d, DIAG_NOTE_TOTAL_HERE, compilation_loc(k->c, n->span),
                          show(k, n->u.fund.total, scale));
        }
    }
}

/* --- money units and the department's 项目支出 line ------------------------ */

/* Powers of ten from the unit of a 资金 to 元; -1 when it is no money unit. */
static int
money_exponent(const struct catalog *cat, const struct ast_node *funds)
{
    return unit_money_exponent(catalog_unit(cat, funds->u.fund.money_unit));
}

static struct ast_node *
find_funds(const struct ast_node *decl)
{
    for (struct ast_node *n = decl->u.decl.body.first; n != NULL; n = n->next)
        if (n->kind == AST_FUNDS)
            return n;
    return NULL;
}

/* The 项目支出 line: a direct line of a 按 支出性质 partition of the total.
   A line of that name elsewhere (under 按 收入性质, or deeper) is another thing. */
static const struct ast_node *
projects_line(const struct ast_node *funds)
{
    for (const struct ast_node *p = funds->u.fund.items.first; p != NULL; p = p->next) {
        if (p->kind != AST_PARTITION || strcmp(p->u.partition.name.text, "支出性质") != 0)
            continue;
        for (const struct ast_node *l = p->u.partition.lines.first; l != NULL; l = l->next)
            if (l->kind == AST_FUND_LINE && strcmp(l->u.fund.name.text, "项目支出") == 0)
                return l;
    }
    return NULL;
}

/* Where a 资金's amount is written (its whole block when it has none). */
static struct ast_span
amount_span(const struct ast_node *f)
{
    return f->u.fund.amount.digits != NULL ? f->u.fund.amount.span : f->span;
}

/* The department's projects, each with its 资金 and that unit's exponent. */
struct projects_sum {
    const struct funds_checker *k;
    const struct ast_node *dept;
    int exponent;     /* the finest unit among the line and the projects */
    const char *unit; /* its name */
};

/* E0202 at where: the projects cannot be checked, for what. */
static void
cannot_check(const struct projects_sum *ps, struct ast_span where, const char *what)
{
    struct diag_sink *diags = &ps->k->c->diags;
    diag_report(diags, DIAG_AMOUNT_OVERFLOW, compilation_loc(ps->k->c, where),
                diag_phrasef(diags, PHRASE_CHECK_PROJECTS, ps->dept->u.decl.name.text), what);
}

/* f's total, in unit (exponent), in the finest unit; false (reported) when
   it does not fit. */
static bool
in_finest(const struct projects_sum *ps, const struct ast_node *f, int exponent, const char *unit,
          struct decimal *out)
{
    if (decimal_shift(f->u.fund.total, exponent - ps->exponent, out))
        return true;
    cannot_check(ps, amount_span(f),
                 diag_phrasef(&ps->k->c->diags, PHRASE_VALUE_IN_UNIT, show(ps->k, f->u.fund.total, 0),
                              unit, ps->unit));
    return false;
}

/* A direct line of 按 支出性质 that looks like a misspelt 项目支出 (项日支出). */
static const struct ast_node *
misspelt_projects_line(const struct ast_node *funds)
{
    static const char *const wanted[] = {"项目支出"};
    for (const struct ast_node *p = funds->u.fund.items.first; p != NULL; p = p->next) {
        if (p->kind != AST_PARTITION || strcmp(p->u.partition.name.text, "支出性质") != 0)
            continue;
        for (const struct ast_node *l = p->u.partition.lines.first; l != NULL; l = l->next)
            if (l->kind == AST_FUND_LINE && suggest_closest(l->u.fund.name.text, wanted, 1) != NULL)
                return l;
    }
    return NULL;
}

/*
 * W0207: projects with money and no 项目支出 line to hold them against.
 * Their sum is shown in the department's money unit when it is exact
 * there, else in the finest unit among them; a sum too large to compute
 * is shown as "?", and the warning still comes.
 */
static void
projects_unchecked(const struct funds_checker *k, const struct ast_node *dept,
                   const struct ast_node *funds, const struct compilation_department *d)
{
    const char *unit = NULL;
    int exponent = 0;
    size_t count = 0;
    for (size_t i = 0; i < d->project_count; i++) {
        const struct ast_node *f = find_funds(d->projects[i]);
        if (f == NULL || !f->u.fund.total_known)
            continue;
        int pe = money_exponent(k->c->catalog, f);
        if (pe < 0)
            return; /* E0205 at its unit */
        if (unit == NULL || pe < exponent) {
            unit = f->u.fund.money_unit;
            exponent = pe;
        }
        count++;
    }
    if (count == 0)
        return; /* no money in projects: nothing goes unchecked */
    struct decimal sum = {0, 0}, v;
    bool ok = true;
    for (size_t i = 0; i < d->project_count && ok; i++) {
        const struct ast_node *f = find_funds(d->projects[i]);
        if (f == NULL || !f->u.fund.total_known)
            continue;
        ok = decimal_shift(f->u.fund.total, money_exponent(k->c->catalog, f) - exponent, &v) &&
             decimal_add(sum, v, &sum);
    }
    int de = funds != NULL ? money_exponent(k->c->catalog, funds) : -1;
    struct decimal shown;
    if (ok && de >= 0 && decimal_unshift(sum, de - exponent, &shown)) {
        while (shown.scale > 0 && shown.coef % 10 == 0) {
            shown.coef /= 10; /* 1120000 元 is 112 万元, not 112.0000 */
            shown.scale--;
        }
        sum = shown;
        unit = funds->u.fund.money_unit;
    }
    const struct ast_node *near = funds != NULL ? misspelt_projects_line(funds) : NULL;
    const char *hint =
        near != NULL ? diag_phrasef(&k->c->diags, PHRASE_LINE_MEANT_FOR_PROJECTS, near->u.fund.name.text)
                     : "";
    diag_report(&k->c->diags, DIAG_PROJECTS_UNCHECKED, compilation_loc(k->c, dept->u.decl.name.span),
                dept->u.decl.name.text, ok ? show(k, sum, 0) : "?", unit, hint);
}

static void
check_department_projects(const struct funds_checker *k, const struct ast_node *dept)
{
    const struct ast_node *funds = find_funds(dept);
    const struct ast_node *line = funds != NULL ? projects_line(funds) : NULL;
    int e = funds != NULL ? money_exponent(k->c->catalog, funds) : -1;
    const struct compilation_department *d = compilation_department(k->c, dept->u.decl.name.text);
    if (line == NULL) {
        projects_unchecked(k, dept, funds, d);
        return;
    }
    /* No known amount or no money unit: nothing to check against (an amount
       or unit that is wrong was reported where it is written). */
    if (!line->u.fund.total_known || e < 0)
        return;
    struct projects_sum ps = {k, dept, e, funds->u.fund.money_unit};
    for (size_t i = 0; i < d->project_count; i++) {
        const struct ast_node *f = find_funds(d->projects[i]);
        if (f == NULL || !f->u.fund.total_known)
            continue; /* no funds, or no total: adds nothing (a bad amount was reported) */
        int pe = money_exponent(k->c->catalog, f);
        if (pe < 0)
            return; /* E0205 at its unit */
        if (pe < ps.exponent) {
            ps.exponent = pe;
            ps.unit = f->u.fund.money_unit;
        }
    }
    struct decimal sum = {0, 0}, limit, v;
    size_t count = 0;
    for (size_t i = 0; i < d->project_count; i++) {
        const struct ast_node *f = find_funds(d->projects[i]);
        if (f == NULL || !f->u.fund.total_known)
            continue;
        if (!in_finest(&ps, f, money_exponent(k->c->catalog, f), f->u.fund.money_unit, &v))
            return;
        if (!decimal_add(sum, v, &sum)) {
            cannot_check(&ps, amount_span(f), diag_phrasef(&k->c->diags, PHRASE_THEIR_SUM));
            return;
        }
        count++;
    }
    if (count == 0 || !in_finest(&ps, line, e, funds->u.fund.money_unit, &limit) || decimal_cmp(sum, limit) <= 0)
        return;
    /* Shown in the department's unit when that is exact (元 → 万元 moves the
       point), else both in the finest unit. */
    const char *unit = funds->u.fund.money_unit;
    struct decimal shown_sum, shown_limit = line->u.fund.total;
    if (decimal_unshift(sum, e - ps.exponent, &shown_sum)) {
        while (shown_sum.scale > shown_limit.scale && shown_sum.coef % 10 == 0) {
            shown_sum.coef /= 10; /* 350000 元 is 35 万元, not 35.0000 */
            shown_sum.scale--;
        }
    } else {
        shown_sum = sum;
        shown_limit = limit;
        unit = ps.unit;
    }
    int scale = max_scale(shown_sum, shown_limit);
    struct diagnostic *diag = diag_report(
        &k->c->diags, DIAG_PROJECTS_EXCEED, compilation_loc(k->c, dept->u.decl.name.span),
        dept->u.decl.name.text, show(k, shown_sum, scale), unit, show(k, shown_limit, scale), unit,
        difference(k, shown_sum, shown_limit, scale));
    diag_add_note(&k->c->diags, diag, DIAG_NOTE_PROJECTS_LINE, compilation_loc(k->c, line->span));
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
