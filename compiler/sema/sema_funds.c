/*
 * sema_funds.c - pass 6: the money adds up, exactly, in every phase.
 *
 * Assumes: sema_structure has run (at most one 资金 per table, each fund
 * modifier at most once on a line, 决算 once per year), and sema_resolve
 * (c->departments gives a department's projects).
 * Guarantees to later passes and back ends: every FUNDS and FUND_LINE node
 * has fund.total set — the written amount, or the sum of its parts when no
 * amount is written (fund.computed) — or fund.total_known false when
 * neither is possible; every FUNDS node has fund.money_unit, its unit as
 * written or else model_default_money_unit (万元), the one place a missing
 * unit is decided; every FUNDS and FUND_LINE node of a table's 资金 has
 * fund.phases, one entry per phase written anywhere in that 资金 (调整后,
 * 执行, 实施期, then 决算 by ascending year), each filled in like the plain
 * amount: written, else summed from the parts, else not known (which
 * phases there are, and fund.phases itself, come from sema_fund_phases.c).
 *
 * The phases: the plain amount (年初预算, fund.total) and each phase of
 * fund.phases are separate trees of sums, and every rule below holds in
 * each; a message about any phase but the plain one names it, "(调整后)"
 * after what is compared (the keyword as goalc reads it, in Chinese in both
 * languages, like 其中 and 项目支出).  In a list of lines (a total's direct
 * lines, a 按 partition, a 其中), a line with no amount in a phase where
 * another line of the list has one counts as 0 (the forms' blank and "—");
 * a list where no line has the phase is not checked in it (a phase written
 * on a total only has nothing to compare with), and the total keeps what it
 * writes.  A line that has the phase somewhere below it but no amount that
 * can be known (an amount too large, say, reported where it is) makes its
 * list unchecked in that phase rather than counted as 0.
 *
 * Rules, each reported where the parts are with a note at the total:
 * - a total's direct lines, and each 按 partition of it, add up to it
 *   exactly (E0201); with no written total the lines (or else the first
 *   partition) give it and the other partitions must agree;
 * - a 其中 list does not exceed its total (E0203);
 * - the projects of a department do not exceed its 项目支出 line, after
 *   converting 元 / 万元 / 亿元 (E0204), phase by phase: each project's
 *   amount of a phase (in its own 资金, in its own unit) against the line's
 *   amount of the same phase; a project without it adds nothing;
 * - a check that cannot be done exactly says so (E0202, naming the check):
 *   decimal.c never wraps or rounds, and no check is skipped in silence;
 * - nor for want of a line: a department whose projects have money but
 *   that has no 项目支出 line to hold them against is a warning (W0207,
 *   naming a line of 按 支出性质 that looks like a misspelt 项目支出);
 * - a 按 NAME names a partition a 划分 declares (W0206): 按 收人性质 would
 *   otherwise be a partition of its own, laid out as such;
 * - a line (or the 资金 itself) that writes an 执行 amount above its 调整后
 *   amount, or above its plain amount when it has no 调整后, is a warning
 *   (W0208), once per line; not when its 调整后 is a blank counted as 0;
 * - a 资金 writes at most 32 决算 years (E0209, sema_fund_phases.c): each
 *   node holds an entry per phase, and the years past the limit are not
 *   checked.
 *
 * The 项目支出 line is a direct line of a 按 支出性质 partition of the
 * department's 资金 total; projects and line are compared in the finest
 * money unit among them (0.000000000001 元 against 0 亿元 is compared in 元,
 * never rounded to 0 亿元).  Every phase shares its 资金's unit.
 */
#include "sema/sema.h"
#include "sema/sema_fund_phases.h"
#include "sema/sema_unit_hints.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "base/decimal.h"
#include "diag/diag.h"
#include "model/compilation.h"
#include "model/keyword.h"
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

/* Where phase ph of a node is kept, and its amount as written (NULL when it
   writes none). */
struct amount {
    struct decimal *total;
    bool *known;
    bool *computed;
    const struct ast_number *written;
};

static struct amount
amount_of(struct ast_node *n, size_t ph)
{
    if (ph == 0)
        return (struct amount){&n->u.fund.total, &n->u.fund.total_known, &n->u.fund.computed,
                               n->u.fund.amount.digits != NULL ? &n->u.fund.amount : NULL};
    struct ast_phase_total *p = &n->u.fund.phases[ph - 1];
    const struct ast_node *m = p->written ? fund_phase_mod(n, p->phase, p->year) : NULL;
    return (struct amount){&p->total, &p->known, &p->computed,
                           m != NULL ? &m->u.fund_mod.value.value : NULL};
}

/* --- sums ------------------------------------------------------------------ */

/*
 * What messages call a breakdown of total n: its direct lines (p NULL), or
 * its 按 or 其中 list p, in phase ph.  Made only for a message: most totals
 * have none.
 */
static const char *
breakdown(const struct funds_checker *k, const struct ast_node *n, const struct ast_node *p, size_t ph)
{
    const char *what;
    if (p == NULL)
        what = diag_phrasef(&k->c->diags, PHRASE_LINES_UNDER, line_label(n));
    else if (p->kind == AST_OF_WHICH)
        what = "其中";
    else
        what = diag_phrasef(&k->c->diags, PHRASE_LINES_OF_PARTITION, p->u.partition.name.text);
    return ph == 0 ? what : arena_printf(k->c->arena, "%s%s", what, fund_phase_suffix(k->c, n, ph));
}

/* What E0202 says could not be checked about the breakdown p of total n. */
static const char *
breakdown_check(const struct funds_checker *k, const struct ast_node *n, const struct ast_node *p, size_t ph)
{
    if (p != NULL && p->kind == AST_OF_WHICH)
        return arena_printf(k->c->arena, "%s%s", diag_phrasef(&k->c->diags, PHRASE_CHECK_OF_WHICH),
                            fund_phase_suffix(k->c, n, ph));
    return diag_phrasef(&k->c->diags, PHRASE_CHECK_ADDS_UP, breakdown(k, n, p, ph));
}

/* Sums phase ph of the FUND_LINE nodes of a list: the lines of total, or
   those of its breakdown part.  A line without the phase counts as 0; false
   when no line has it, when one that has it is not known, or on overflow
   (reported: the check cannot be done). */
static bool
sum_lines(const struct funds_checker *k, const struct ast_list *lines, struct ast_span where,
          const struct ast_node *total, const struct ast_node *part, size_t ph, struct decimal *sum)
{
    struct decimal s = {0, 0};
    bool any = false;
    for (struct ast_node *n = lines->first; n != NULL; n = n->next) {
        if (n->kind != AST_FUND_LINE)
            continue;
        struct amount a = amount_of(n, ph);
        if (!*a.known) {
            if (fund_phase_present(n, ph))
                return false;
            continue; /* a blank: 0 */
        }
        any = true;
        if (!decimal_add(s, *a.total, &s)) {
            diag_report(&k->c->diags, DIAG_AMOUNT_OVERFLOW, compilation_loc(k->c, where),
                        breakdown_check(k, total, part, ph), diag_phrasef(&k->c->diags, PHRASE_THEIR_SUM));
            return false;
        }
    }
    *sum = s;
    return any;
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
         struct decimal total, const struct ast_node *total_node)
{
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

/* The written amount of phase ph, its breakdowns against it, or the sum of
   its parts when it writes none. */
static void
check_phase(const struct funds_checker *k, struct ast_node *n, size_t ph)
{
    struct amount t = amount_of(n, ph);
    if (t.written != NULL) {
        const char *digits = t.written->digits;
        if (decimal_parse(digits, strlen(digits), t.total))
            *t.known = true;
        else
            diag_report(&k->c->diags, DIAG_AMOUNT_OVERFLOW, compilation_loc(k->c, t.written->span),
                        arena_printf(k->c->arena, "%s%s", diag_phrasef(&k->c->diags, PHRASE_CHECK_AMOUNT),
                                     fund_phase_suffix(k->c, n, ph)),
                        digits);
    }
    /* The direct lines are one breakdown of the total; each 按 is another. */
    struct decimal sum;
    if (sum_lines(k, &n->u.fund.items, n->span, n, NULL, ph, &sum)) {
        if (!*t.known && t.written == NULL) {
            *t.total = sum;
            *t.known = *t.computed = true;
        } else if (*t.known && decimal_cmp(sum, *t.total) != 0) {
            const struct ast_node *first = n->u.fund.items.first;
            while (first->kind != AST_FUND_LINE)
                first = first->next;
            mismatch(k, first->span, breakdown(k, n, NULL, ph), sum, *t.total, n);
        }
    }
    for (struct ast_node *p = n->u.fund.items.first; p != NULL; p = p->next) {
        if (p->kind != AST_PARTITION && p->kind != AST_OF_WHICH)
            continue;
        if (!sum_lines(k, &p->u.partition.lines, p->span, n, p, ph, &sum))
            continue;
        if (!*t.known && t.written == NULL && p->kind == AST_PARTITION) {
            *t.total = sum;
            *t.known = *t.computed = true;
            continue;
        }
        if (!*t.known)
            continue;
        int c = decimal_cmp(sum, *t.total);
        if (p->kind == AST_PARTITION && c != 0) {
            mismatch(k, p->span, breakdown(k, n, p, ph), sum, *t.total, n);
        } else if (p->kind == AST_OF_WHICH && c > 0) {
            int scale = max_scale(sum, *t.total);
            struct diagnostic *d =
                diag_report(&k->c->diags, DIAG_OF_WHICH_EXCEEDS, compilation_loc(k->c, p->span),
                            fund_phase_suffix(k->c, n, ph), show(k, sum, scale), show(k, *t.total, scale),
                            difference(k, sum, *t.total, scale));
            diag_add_note(&k->c->diags, d, DIAG_NOTE_TOTAL_HERE, compilation_loc(k->c, n->span),
                          show(k, *t.total, scale));
        }
    }
}

static void
check_total(const struct funds_checker *k, struct ast_node *n)
{
    check_children(k, n);
    for (size_t ph = 0; ph <= n->u.fund.phase_count; ph++)
        check_phase(k, n, ph);
}

/* --- 执行 above the budget ---------------------------------------------------- */

static void check_executed_lines(const struct funds_checker *k, const struct ast_list *lines,
                                 size_t adjusted, size_t executed);

/*
 * W0208 on line n (or the 资金 itself): its written 执行 above its 调整后,
 * or above its plain amount when neither it nor any line of its list
 * (list_adjusted) has a 调整后.  A 调整后 counted as 0 is no budget to be
 * above.
 */
static void
check_executed(const struct funds_checker *k, struct ast_node *n, bool list_adjusted, size_t adjusted,
               size_t executed)
{
    const struct ast_phase_total *e = &n->u.fund.phases[executed - 1];
    if (e->written && e->known) {
        const char *label = NULL;
        const struct decimal *budget = NULL;
        if (adjusted != 0 && fund_phase_present(n, adjusted)) {
            const struct ast_phase_total *a = &n->u.fund.phases[adjusted - 1];
            budget = a->known ? &a->total : NULL;
            label = keyword_spelling(KEYWORD_ADJUSTED, 0);
        } else if (!list_adjusted) {
            budget = n->u.fund.total_known ? &n->u.fund.total : NULL;
            label = diag_phrasef(&k->c->diags, PHRASE_PLAIN_AMOUNT);
        }
        if (budget != NULL && decimal_cmp(e->total, *budget) > 0) {
            int scale = max_scale(e->total, *budget);
            const struct ast_node *m = fund_phase_mod(n, AST_PHASE_EXECUTED, 0);
            diag_report(&k->c->diags, DIAG_EXECUTED_ABOVE_BUDGET, compilation_loc(k->c, m->span),
                        line_label(n), show(k, e->total, scale), label, show(k, *budget, scale),
                        difference(k, e->total, *budget, scale));
        }
    }
    check_executed_lines(k, &n->u.fund.items, adjusted, executed);
    for (const struct ast_node *p = n->u.fund.items.first; p != NULL; p = p->next)
        if (p->kind == AST_PARTITION || p->kind == AST_OF_WHICH)
            check_executed_lines(k, &p->u.partition.lines, adjusted, executed);
}

static void
check_executed_lines(const struct funds_checker *k, const struct ast_list *lines, size_t adjusted,
                     size_t executed)
{
    bool list_adjusted = adjusted != 0 && fund_phase_in_list(lines, adjusted);
    for (struct ast_node *l = lines->first; l != NULL; l = l->next)
        if (l->kind == AST_FUND_LINE)
            check_executed(k, l, list_adjusted, adjusted, executed);
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

/* Phase ph of the department's 资金 dept_funds in a project's 资金 f: the
   amount, or NULL when f has none known; *where is where it is written
   (f's whole block when it writes none). */
static const struct decimal *
project_amount(const struct ast_node *f, const struct ast_node *dept_funds, size_t ph,
               struct ast_span *where)
{
    *where = f->span;
    if (ph == 0) {
        if (f->u.fund.amount.digits != NULL)
            *where = f->u.fund.amount.span;
        return f->u.fund.total_known ? &f->u.fund.total : NULL;
    }
    const struct ast_phase_total *want = &dept_funds->u.fund.phases[ph - 1];
    const struct ast_phase_total *p = model_fund_phase(f, want->phase, want->year);
    const struct ast_node *m = fund_phase_mod(f, want->phase, want->year);
    if (m != NULL)
        *where = m->u.fund_mod.value.value.span;
    return p != NULL && p->known ? &p->total : NULL;
}

/* The department's projects in one phase, with the finest unit among them. */
struct projects_sum {
    const struct funds_checker *k;
    const struct ast_node *dept;
    const struct ast_node *funds; /* the department's 资金 */
    size_t ph;                    /* the phase, an index into funds' phases */
    int exponent;                 /* the finest unit among the line and the projects */
    const char *unit;             /* its name */
};

/* E0202 at where: the projects cannot be checked, for what. */
static void
cannot_check(const struct projects_sum *ps, struct ast_span where, const char *what)
{
    struct diag_sink *diags = &ps->k->c->diags;
    const char *check = arena_printf(ps->k->c->arena, "%s%s",
                                     diag_phrasef(diags, PHRASE_CHECK_PROJECTS, ps->dept->u.decl.name.text),
                                     fund_phase_suffix(ps->k->c, ps->funds, ps->ph));
    diag_report(diags, DIAG_AMOUNT_OVERFLOW, compilation_loc(ps->k->c, where), check, what);
}

/* amount, in unit (exponent), in the finest unit; false (reported at where)
   when it does not fit. */
static bool
in_finest(const struct projects_sum *ps, struct decimal amount, struct ast_span where, int exponent,
          const char *unit, struct decimal *out)
{
    if (decimal_shift(amount, exponent - ps->exponent, out))
        return true;
    cannot_check(ps, where,
                 diag_phrasef(&ps->k->c->diags, PHRASE_VALUE_IN_UNIT, show(ps->k, amount, 0), unit, ps->unit));
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

/* E0204 in phase ph: the projects' amounts of that phase against the line's. */
static void
check_projects_phase(const struct funds_checker *k, const struct ast_node *dept,
                     const struct ast_node *funds, const struct ast_node *line,
                     const struct compilation_department *d, size_t ph)
{
    const struct decimal *line_amount =
        ph == 0 ? (line->u.fund.total_known ? &line->u.fund.total : NULL)
                : (line->u.fund.phases[ph - 1].known ? &line->u.fund.phases[ph - 1].total : NULL);
    /* No known amount: nothing to check against (an amount that is wrong
       was reported where it is written). */
    if (line_amount == NULL)
        return;
    int e = money_exponent(k->c->catalog, funds);
    struct projects_sum ps = {k, dept, funds, ph, e, funds->u.fund.money_unit};
    struct ast_span where;
    for (size_t i = 0; i < d->project_count; i++) {
        const struct ast_node *f = find_funds(d->projects[i]);
        if (f == NULL || project_amount(f, funds, ph, &where) == NULL)
            continue; /* no funds, or none in this phase: adds nothing (a bad amount was reported) */
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
        const struct decimal *amount = f != NULL ? project_amount(f, funds, ph, &where) : NULL;
        if (amount == NULL)
            continue;
        if (!in_finest(&ps, *amount, where, money_exponent(k->c->catalog, f), f->u.fund.money_unit, &v))
            return;
        if (!decimal_add(sum, v, &sum)) {
            cannot_check(&ps, where, diag_phrasef(&k->c->diags, PHRASE_THEIR_SUM));
            return;
        }
        count++;
    }
    struct ast_span line_where = line->span;
    if (ph == 0 && line->u.fund.amount.digits != NULL)
        line_where = line->u.fund.amount.span;
    if (count == 0 || !in_finest(&ps, *line_amount, line_where, e, funds->u.fund.money_unit, &limit) ||
        decimal_cmp(sum, limit) <= 0)
        return;
    /* Shown in the department's unit when that is exact (元 → 万元 moves the
       point), else both in the finest unit. */
    const char *unit = funds->u.fund.money_unit;
    struct decimal shown_sum, shown_limit = *line_amount;
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
        dept->u.decl.name.text, fund_phase_suffix(k->c, funds, ph), show(k, shown_sum, scale), unit,
        show(k, shown_limit, scale), unit, difference(k, shown_sum, shown_limit, scale));
    diag_add_note(&k->c->diags, diag, DIAG_NOTE_PROJECTS_LINE, compilation_loc(k->c, line->span));
}

static void
check_department_projects(const struct funds_checker *k, const struct ast_node *dept)
{
    const struct ast_node *funds = find_funds(dept);
    const struct ast_node *line = funds != NULL ? projects_line(funds) : NULL;
    const struct compilation_department *d = compilation_department(k->c, dept->u.decl.name.text);
    if (d->decl != dept)
        return; /* a department declared again (E0132): which projects are its own is moot */
    if (line == NULL) {
        projects_unchecked(k, dept, funds, d);
        return;
    }
    /* No money unit: nothing to check against (E0205 where it is written). */
    if (money_exponent(k->c->catalog, funds) < 0)
        return;
    for (size_t ph = 0; ph <= funds->u.fund.phase_count; ph++)
        check_projects_phase(k, dept, funds, line, d, ph);
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
        if (money_exponent(k->c->catalog, f) < 0) {
            /* 资金 万 100, 资金 yuan 100: the money unit meant (sema_unit_hints.c) */
            const char *other, *meant = f->u.fund.unit.text == NULL ? NULL
                                        : unit_hint_meant(k->c->catalog, f->u.fund.unit.text,
                                                          UNIT_HINT_MONEY, &other);
            diag_report(&k->c->diags, DIAG_UNKNOWN_MONEY_UNIT, compilation_loc(k->c, f->u.fund.unit.span),
                        f->u.fund.unit.text,
                        meant != NULL ? diag_phrasef(&k->c->diags, PHRASE_DID_YOU_MEAN, meant) : "");
        }
        fund_phases_give(k->c, f);
        check_total(k, f);
        size_t executed = fund_phase_index(f, AST_PHASE_EXECUTED);
        if (executed != 0)
            check_executed(k, f, false, fund_phase_index(f, AST_PHASE_ADJUSTED), executed);
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
