/*
 * sema_targets.c - pass 8: units and the values of targets.
 *
 * Assumes: sema_names looked up every unit and set decl.year; an indicator
 * with a unit it could not resolve (indicator.unresolved), and a 实施期 in
 * an unknown unit, were reported there and are left alone here.
 * Rules:
 * - the two ends of a range, and a target and its 标准, are of one
 *   dimension (E0302); a range end written without a unit (90..95%) takes
 *   the other end's;
 * - values convert within a dimension before they are compared
 *   (1.5 万人 = 15000 人), exactly, in decimal;
 * - counts (dimensions marked 整数) are whole in base units (E0303);
 * - a percentage outside 0..100 is a warning (W0304), except on a rate
 *   that cannot exceed 100%, which sema_lint reports more precisely;
 * - a deadline, or the end of a span of dates, lies in the table's year or
 *   later (E0305); ranges and spans of dates run from low to high (E0306);
 * - 实施期 is a duration or a span of dates (E0310);
 * - a date written without a year (12月底) is in the table's 年度 (its own,
 *   else its department's); with none in reach it is E0160.  Fills in
 *   date.year_in_effect of every date of a target, 标准, 实际, 实施期 and 进度 row.
 * - a row without a target (an evaluation row, "内控制度健全性" 分值 10) is
 *   a warning (W0180): its target is blank, scored as a qualitative one;
 * - a check whose value cannot be computed exactly in base units (more than
 *   18 digits) says so (E0202, naming the check), once per value.
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "base/decimal.h"
#include "diag/diag.h"
#include "model/compilation.h"

#include <string.h>

struct targets {
    struct compilation *c;
    const struct catalog *cat;
    bool english;
};

/* A quantity with its unit looked up and its value in base units. */
struct measure {
    bool known;               /* value parsed and converted */
    bool parsed;              /* value parsed (known: converted too) */
    bool reported;            /* E0202 given for it */
    const struct unit *unit;  /* NULL: no unit */
    struct decimal base;      /* value × scale */
    struct ast_span span;     /* value and unit as written */
    struct ast_span value;    /* the value alone */
};

static struct diag_loc
loc(const struct targets *k, struct ast_span span)
{
    return compilation_loc(k->c, span);
}

static struct measure
measure(const struct targets *k, const struct ast_quantity *q, const struct unit *inherited)
{
    struct measure m = {false, false, false, inherited, {0, 0}, q->value.span, q->value.span};
    if (q->unit.text != NULL) {
        m.unit = catalog_unit(k->cat, q->unit.text);
        m.span = ast_span_join(q->value.span, q->unit.span);
    }
    struct decimal v;
    if (!decimal_parse(q->value.digits, strlen(q->value.digits), &v))
        return m;
    m.parsed = true;
    if (m.unit == NULL) {
        m.base = v;
        m.known = true;
    } else {
        m.known = unit_to_base(m.unit, v, &m.base);
    }
    return m;
}

static const char *
dimension_text(const struct targets *k, const struct unit *u)
{
    const struct dimension *d = u->dimension;
    return k->english && d->english[0] != '\0' ? d->english : d->name;
}

/* Whether a check needing m's value can run; when not, E0202 names the
   check (phrase id with the value's text), once per value. */
static bool
value_known(const struct targets *k, struct measure *m, enum diag_phrase_id check)
{
    if (m->known)
        return true;
    if (m->reported)
        return false;
    m->reported = true;
    const char *text = compilation_text(k->c, m->span);
    const char *what = text;
    if (m->parsed && m->unit != NULL && m->unit->dimension->base != NULL)
        what = diag_phrasef(&k->c->diags, PHRASE_VALUE_IN_UNIT, compilation_text(k->c, m->value),
                            m->unit->name, m->unit->dimension->base);
    diag_report(&k->c->diags, DIAG_AMOUNT_OVERFLOW, loc(k, m->span),
                diag_phrasef(&k->c->diags, check, text), what);
    return false;
}

static void
check_whole(const struct targets *k, struct measure *m)
{
    if (m->unit == NULL || !(m->unit->dimension->flags & DIM_WHOLE) ||
        !value_known(k, m, PHRASE_CHECK_WHOLE) || decimal_is_whole(m->base))
        return;
    const struct dimension *d = m->unit->dimension;
    diag_report(&k->c->diags, DIAG_NOT_WHOLE_NUMBER, loc(k, m->span), compilation_text(k->c, m->span),
                dimension_text(k, m->unit), d->base != NULL ? d->base : m->unit->name);
}

static void
check_percent(const struct targets *k, struct measure *m, const char *indicator)
{
    if (m->unit == NULL || !(m->unit->dimension->flags & DIM_RATIO) ||
        !value_known(k, m, PHRASE_CHECK_PERCENT))
        return;
    struct decimal zero = {0, 0}, hundred = {100, 0};
    bool below = decimal_cmp(m->base, zero) < 0, above = decimal_cmp(m->base, hundred) > 0;
    if (above && sema_is_bounded_rate(indicator))
        return; /* sema_lint: rate-above-100 */
    if (below || above)
        diag_report(&k->c->diags, DIAG_PERCENT_OUT_OF_RANGE, loc(k, m->span), compilation_text(k->c, m->span));
}

static bool
same_dimension(const struct measure *a, const struct measure *b)
{
    return a->unit == NULL || b->unit == NULL || a->unit->dimension == b->unit->dimension;
}

static void
mismatch(const struct targets *k, const struct measure *a, const char *a_what,
         const struct measure *b, const char *b_what)
{
    diag_report(&k->c->diags, DIAG_UNIT_MISMATCH, loc(k, a->span), a_what, a->unit->name,
                dimension_text(k, a->unit), b_what, b->unit->name, dimension_text(k, b->unit));
}

/* The quantity a target is compared by (its low end for a range); false if none. */
static bool
target_measure(const struct targets *k, const struct ast_node *t, struct measure *out)
{
    if (t->u.target.kind == AST_TARGET_COMPARISON) {
        *out = measure(k, &t->u.target.value, NULL);
        return true;
    }
    if (t->u.target.kind == AST_TARGET_RANGE) {
        struct measure high = measure(k, &t->u.target.high, NULL);
        *out = measure(k, &t->u.target.value, high.unit);
        return true;
    }
    return false;
}

static void
check_range(const struct targets *k, const struct ast_node *t, struct measure *low,
            struct measure *high)
{
    if (t->u.target.value.unit.text != NULL && high->unit != NULL && !same_dimension(low, high)) {
        mismatch(k, low, diag_phrase(k->c->diags.lang, PHRASE_LOW_END), high,
                 diag_phrase(k->c->diags.lang, PHRASE_HIGH_END));
        return;
    }
    bool low_known = value_known(k, low, PHRASE_CHECK_RANGE);
    if (value_known(k, high, PHRASE_CHECK_RANGE) && low_known &&
        decimal_cmp(low->base, high->base) > 0)
        diag_report(&k->c->diags, DIAG_RANGE_REVERSED, loc(k, t->span), compilation_text(k->c, low->span),
                    compilation_text(k->c, high->span));
}

/* Orders dates; a missing year is the table's, a missing day the month's end. */
static long
date_key(const struct ast_date *d, int year)
{
    int day = d->day != 0 ? d->day : 31;
    return ((long)(d->year != 0 ? d->year : year) * 13 + d->month) * 32 + day;
}

static void
check_date(const struct targets *k, const struct ast_date *d, int year)
{
    if (year != 0 && d->year != 0 && d->year < year)
        diag_report(&k->c->diags, DIAG_DEADLINE_BEFORE_YEAR, loc(k, d->span),
                    compilation_text(k->c, d->span), year);
}

/* A deadline, or the end of a period, is not before the table's year (a period may start earlier). */
static void
check_dates(const struct targets *k, const struct ast_node *t, int year)
{
    if (t->u.target.kind != AST_TARGET_PERIOD) {
        check_date(k, &t->u.target.date, year);
        return;
    }
    check_date(k, &t->u.target.date_to, year);
    if (date_key(&t->u.target.date, year) > date_key(&t->u.target.date_to, year))
        diag_report(&k->c->diags, DIAG_RANGE_REVERSED, loc(k, t->span),
                    compilation_text(k->c, t->u.target.date.span), compilation_text(k->c, t->u.target.date_to.span));
}

static void
check_values(const struct targets *k, const struct ast_node *t, const char *indicator, int year)
{
    switch (t->u.target.kind) {
    case AST_TARGET_COMPARISON: {
        struct measure m = measure(k, &t->u.target.value, NULL);
        check_whole(k, &m);
        check_percent(k, &m, indicator);
        break;
    }
    case AST_TARGET_RANGE: {
        struct measure high = measure(k, &t->u.target.high, NULL);
        struct measure low = measure(k, &t->u.target.value, high.unit);
        check_whole(k, &low);
        check_whole(k, &high);
        check_percent(k, &low, indicator);
        check_percent(k, &high, indicator);
        check_range(k, t, &low, &high);
        break;
    }
    case AST_TARGET_DEADLINE:
    case AST_TARGET_PERIOD:
        check_dates(k, t, year);
        break;
    case AST_TARGET_QUALITATIVE:
        break;
    }
}

static void
check_indicator(const struct targets *k, const struct ast_node *ind, int year)
{
    const struct ast_node *t = ind->u.indicator.target;
    const char *name = ind->u.indicator.name.text;
    if (t == NULL)
        diag_report(&k->c->diags, DIAG_NO_TARGET, loc(k, ind->u.indicator.name.span), name);
    if (ind->u.indicator.unresolved)
        return;
    if (t != NULL)
        check_values(k, t, name, year);
    for (const struct ast_node *m = ind->u.indicator.modifiers.first; m != NULL; m = m->next) {
        if (m->u.modifier.kind != AST_MOD_STANDARD)
            continue;
        const struct ast_node *s = m->u.modifier.target;
        check_values(k, s, name, year);
        struct measure tm, sm;
        if (t != NULL && target_measure(k, t, &tm) && target_measure(k, s, &sm) &&
            tm.unit != NULL && sm.unit != NULL && !same_dimension(&sm, &tm))
            mismatch(k, &sm, diag_phrase(k->c->diags.lang, PHRASE_THE_STANDARD), &tm,
                     diag_phrase(k->c->diags.lang, PHRASE_THE_TARGET));
    }
}

/* A project's 实施期 may start before its table's year: only the order of its dates is checked. */
static void
check_period(const struct targets *k, const struct ast_node *period)
{
    const struct ast_node *v = period->u.period.value;
    if (v->u.target.kind == AST_TARGET_PERIOD) {
        check_dates(k, v, 0);
        return;
    }
    struct measure m = measure(k, &v->u.target.value, NULL);
    if (v->u.target.value.unit.text != NULL && m.unit == NULL)
        return; /* an unknown unit: sema_names said so */
    if (m.unit == NULL || !(m.unit->dimension->flags & DIM_TIME))
        diag_report(&k->c->diags, DIAG_NOT_A_DURATION, loc(k, v->span), compilation_text(k->c, v->span));
}

static void
check_items(const struct targets *k, const struct ast_list *items, int year)
{
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind == AST_CATEGORY)
            check_items(k, &n->u.category.items, year);
        else if (n->kind == AST_INDICATOR)
            check_indicator(k, n, year);
    }
}

/* The year a date means: as written, else the table's; E0160 when neither. */
static void
resolve_date(const struct targets *k, const struct ast_date *date, int year)
{
    struct ast_date *d = (struct ast_date *)date; /* this pass fills year_in_effect in */
    d->year_in_effect = d->year != 0 ? d->year : year;
    if (d->year_in_effect == 0)
        diag_report(&k->c->diags, DIAG_DATE_WITHOUT_YEAR, loc(k, d->span),
                    compilation_text(k->c, d->span), compilation_text(k->c, d->span));
}

static void
resolve_target(const struct targets *k, const struct ast_node *t, int year)
{
    if (t == NULL || t->kind != AST_TARGET)
        return;
    if (t->u.target.kind == AST_TARGET_DEADLINE || t->u.target.kind == AST_TARGET_PERIOD)
        resolve_date(k, &t->u.target.date, year);
    if (t->u.target.kind == AST_TARGET_PERIOD)
        resolve_date(k, &t->u.target.date_to, year);
}

static void
resolve_items(const struct targets *k, const struct ast_list *items, int year)
{
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind == AST_CATEGORY) {
            resolve_items(k, &n->u.category.items, year);
        } else if (n->kind == AST_INDICATOR) {
            resolve_target(k, n->u.indicator.target, year);
            for (const struct ast_node *m = n->u.indicator.modifiers.first; m != NULL; m = m->next)
                if (m->u.modifier.kind == AST_MOD_STANDARD || m->u.modifier.kind == AST_MOD_ACTUAL)
                    resolve_target(k, m->u.modifier.target, year);
        }
    }
}

static void
check_table(void *ctx, const struct ast_node *decl, const struct ast_node *parent)
{
    const struct targets *k = ctx;
    (void)parent;
    for (const struct ast_node *n = decl->u.decl.body.first; n != NULL; n = n->next) {
        if (n->kind == AST_INDICATORS || n->kind == AST_PERIOD_INDICATORS)
            resolve_items(k, &n->u.indicators.categories, decl->u.decl.year);
        else if (n->kind == AST_PERIOD)
            resolve_target(k, n->u.period.value, decl->u.decl.year);
        else if (n->kind == AST_SCHEDULE)
            for (const struct ast_node *r = n->u.schedule.rows.first; r != NULL; r = r->next)
                resolve_target(k, r->u.schedule_row.value, decl->u.decl.year);
    }
    for (const struct ast_node *n = decl->u.decl.body.first; n != NULL; n = n->next) {
        if (n->kind == AST_INDICATORS || n->kind == AST_PERIOD_INDICATORS)
            check_items(k, &n->u.indicators.categories, decl->u.decl.year);
        else if (n->kind == AST_PERIOD)
            check_period(k, n);
    }
}

void
sema_targets(struct compilation *c)
{
    struct targets k = {c, c->catalog, c->diags.lang == DIAG_LANG_EN};
    ast_each_table(c->root, check_table, &k);
}
