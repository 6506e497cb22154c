/*
 * sema_schedule.c - pass 10: a project's 进度 (项目实施进度计划) rows.
 *
 * Assumes: sema_structure kept 进度 to projects, once per table; sema_names
 * set decl.year.
 * Rules (docs/language.md §7.2):
 * - a period runs from its start to its end (E0306, as a target's period;
 *   two dates without a year are compared within one year);
 * - a period or a deadline lies within the project's 实施期 when that is a
 *   span of dates (W0141, with a note at the 实施期); a date written
 *   without a year is in the table's year, and a row whose year is not
 *   known is not compared;
 * - row names are unique within the schedule (W0142, note at the first).
 * A row given as a string ("2024年第四季度") is kept as written, unchecked.
 * Guarantees nothing to later passes: it fills in nothing.
 */
#include "sema/sema.h"

#include "base/name_map.h"
#include "diag/diag.h"
#include "model/ast.h"
#include "model/compilation.h"
#include "model/model.h"

#include <stdbool.h>

struct schedule_checker {
    struct compilation *c;
    struct name_map *rows; /* row name → its first row, emptied per schedule */
};

static struct diag_loc
loc(const struct schedule_checker *k, struct ast_span span)
{
    return compilation_loc(k->c, span);
}

/*
 * The first and the last day a date may mean, as YYYYMMDD: a month (or
 * its end, 月底) is its first to its last day.  False when the year is
 * not known (none written and the table has none).
 */
static bool
date_bounds(const struct ast_date *d, int table_year, long *first, long *last)
{
    int year = d->year != 0 ? d->year : table_year;
    if (year == 0 || d->month < 1 || d->month > 12)
        return false;
    long ym = ((long)year * 100 + d->month) * 100;
    if (d->day != 0) {
        *first = *last = ym + d->day;
    } else {
        *first = ym + (d->end_of_month ? model_days_in_month(year, d->month) : 1);
        *last = ym + model_days_in_month(year, d->month);
    }
    return true;
}

/* The row's first and last day; false when it is a string or its dates have no year. */
static bool
row_bounds(const struct ast_node *v, int year, long *first, long *last)
{
    long a, b, c, d;
    switch (v->u.target.kind) {
    case AST_TARGET_DEADLINE:
        return date_bounds(&v->u.target.date, year, first, last);
    case AST_TARGET_PERIOD:
        if (!date_bounds(&v->u.target.date, year, &a, &b) ||
            !date_bounds(&v->u.target.date_to, year, &c, &d))
            return false;
        *first = a;
        *last = d;
        return true;
    case AST_TARGET_COMPARISON:
    case AST_TARGET_RANGE:
    case AST_TARGET_QUALITATIVE:
        break;
    }
    return false;
}

static void
check_row(const struct schedule_checker *k, const struct ast_node *table,
          const struct ast_node *row, const struct ast_node *period)
{
    const struct ast_node *v = row->u.schedule_row.value;
    int year = table->u.decl.year;
    long first, last;
    bool known = row_bounds(v, year, &first, &last);
    if (v->u.target.kind == AST_TARGET_PERIOD) {
        /* Two dates without a year are in one year, whichever it is (a leap one: 2月29日). */
        int order_year = year != 0 || v->u.target.date.year != 0 || v->u.target.date_to.year != 0
                             ? year
                             : 2000;
        long a, b, c, d;
        if (date_bounds(&v->u.target.date, order_year, &a, &b) &&
            date_bounds(&v->u.target.date_to, order_year, &c, &d) && a > d) {
            diag_report(&k->c->diags, DIAG_RANGE_REVERSED, loc(k, v->span),
                        compilation_text(k->c, v->u.target.date.span),
                        compilation_text(k->c, v->u.target.date_to.span));
            return;
        }
    }
    if (!known || period == NULL)
        return;
    const struct ast_node *p = period->u.period.value;
    long from, to, unused;
    if (p->u.target.kind != AST_TARGET_PERIOD ||
        !date_bounds(&p->u.target.date, year, &from, &unused) ||
        !date_bounds(&p->u.target.date_to, year, &unused, &to))
        return;
    if (first >= from && last <= to)
        return;
    struct diagnostic *d = diag_report(
        &k->c->diags, DIAG_SCHEDULE_OUTSIDE_PERIOD, loc(k, v->span), row->u.schedule_row.name.text,
        compilation_text(k->c, v->span), compilation_text(k->c, p->span));
    diag_add_note(&k->c->diags, d, DIAG_NOTE_PERIOD_HERE, loc(k, period->span));
}

static void
check_table(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    const struct schedule_checker *k = ctx;
    (void)parent;
    const struct ast_node *schedule = ast_field(table, AST_SCHEDULE);
    if (schedule == NULL)
        return;
    const struct ast_node *period = ast_field(table, AST_PERIOD);
    name_map_clear(k->rows);
    for (const struct ast_node *row = schedule->u.schedule.rows.first; row != NULL;
         row = row->next) {
        check_row(k, table, row, period);
        const struct ast_str *name = &row->u.schedule_row.name;
        const struct ast_node *first = name_map_put(k->rows, name->text, (void *)row);
        if (first == NULL)
            continue;
        struct diagnostic *d =
            diag_report(&k->c->diags, DIAG_DUPLICATE_SCHEDULE_ROW, loc(k, name->span), name->text,
                        diag_phrasef(&k->c->diags, PHRASE_PROJECT_NAMED, table->u.decl.name.text));
        diag_add_note(&k->c->diags, d, DIAG_NOTE_FIRST_HERE,
                      loc(k, first->u.schedule_row.name.span));
    }
}

void
sema_schedule(struct compilation *c)
{
    struct schedule_checker k = {c, name_map_new(c->arena)};
    ast_each_table(c->root, check_table, &k);
}
