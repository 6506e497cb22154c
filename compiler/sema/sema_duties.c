/*
 * sema_duties.c - pass 7: the department's duty table (履职) adds up and
 * names its projects.
 *
 * Assumes: sema_structure (履职 only in a department, at most once),
 * sema_resolve (c->departments gives a department's projects) and
 * sema_funds (every project's fund.total and fund.money_unit).
 * Guarantees to back ends: every DUTY_ROW has duty.project set for a 项目
 * row naming a project of the department (NULL otherwise, with E0730), and
 * duty.yuan / duty.amount_known: the amount in 元, written or else summed
 * from the rows under it when each of them has one (false when neither).
 *
 * Rules, each reported at the row:
 * - an amount is in a money unit, 万元 when it writes none or the unit of
 *   the department's 资金 (E0734 otherwise);
 * - a 项目 row names a project of the department: nested in it, or a
 *   top-level project naming it (E0730, with the closest name);
 * - a row with an amount whose rows all have one is their exact sum
 *   (E0732, both figures and the difference, in the row's unit when exact);
 *   a row some of whose rows have no amount is not checked (a blank cell on
 *   the form is not a 0);
 * - a 项目 row's amount is at most that project's 资金 (E0733), converted
 *   exactly between 元 and 万元; a project without 资金 (or with a total
 *   that cannot be known) cannot be checked, which is a warning (W0731):
 *   the duty table may well be right, the project table is incomplete;
 * - a 任务 (or a 职能 listing projects directly) lists a project at most
 *   once (W0730): the second row would count its money twice;
 * - a check that cannot be done exactly (more than 18 digits) says so
 *   (E0202).
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "base/decimal.h"
#include "base/name_map.h"
#include "diag/diag.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "model/compilation.h"
#include "model/keyword.h"
#include "model/model.h"

#include <string.h>

struct duties {
    struct compilation *c;
    const struct ast_node *dept;
    const struct compilation_department *projects; /* NULL: none known */
    const char *default_unit; /* the department's 资金 unit, else 万元 */
    struct name_map *seen;    /* the projects of the task being checked (W0730) */
};

/* Powers of ten from the unit to 元; -1 when it is no money unit. */
static int
unit_exponent(const struct duties *k, const char *unit)
{
    const struct unit *u = catalog_unit(k->c->catalog, unit);
    return u == NULL ? -1 : unit_money_exponent(u);
}

/* The row's unit: as written, else the department's. */
static const char *
row_unit(const struct duties *k, const struct ast_node *row)
{
    const struct ast_str *u = &row->u.duty.amount.unit;
    return u->text != NULL ? u->text : k->default_unit;
}

/* A decimal for a message: in the unit of exponent when exact, else in 元. */
static const char *
show(const struct duties *k, struct decimal yuan, int exponent, const char *unit)
{
    struct decimal v;
    char buf[DECIMAL_FORMAT_MAX];
    if (exponent > 0 && decimal_unshift(yuan, exponent, &v)) {
        decimal_format(decimal_normalize(v), buf, sizeof buf);
        return arena_printf(k->c->arena, "%s %s", buf, unit);
    }
    decimal_format(decimal_normalize(yuan), buf, sizeof buf);
    return arena_printf(k->c->arena, "%s %s", buf, exponent > 0 ? "元" : unit);
}

static void
cannot_check(const struct duties *k, const struct ast_node *row, const char *what)
{
    struct ast_span at = row->u.duty.amount.value.digits != NULL ? row->u.duty.amount.value.span
                                                                  : row->u.duty.name.span;
    diag_report(&k->c->diags, DIAG_AMOUNT_OVERFLOW, compilation_loc(k->c, at),
                diag_phrasef(&k->c->diags, PHRASE_CHECK_DUTY_ROW, row->u.duty.name.text), what);
}

/* The written amount in 元 into duty.yuan; false when none or not a money amount. */
static bool
written_amount(const struct duties *k, struct ast_node *row)
{
    const struct ast_quantity *q = &row->u.duty.amount;
    if (q->value.digits == NULL)
        return false;
    int e = unit_exponent(k, row_unit(k, row));
    if (e < 0) {
        diag_report(&k->c->diags, DIAG_DUTY_AMOUNT_UNIT, compilation_loc(k->c, q->unit.span),
                    q->unit.text);
        return false;
    }
    struct decimal v;
    if (!decimal_parse(q->value.digits, strlen(q->value.digits), &v) ||
        !decimal_shift(v, e, &row->u.duty.yuan)) {
        cannot_check(k, row, q->value.digits);
        return false;
    }
    return true;
}

static const char *
level_word(enum ast_duty_level level)
{
    switch (level) {
    case AST_DUTY_DUTY:
        return keyword_spelling(KEYWORD_DUTIES, false);
    case AST_DUTY_TASK:
        return keyword_spelling(KEYWORD_TASK, false);
    case AST_DUTY_PROJECT:
        return keyword_spelling(KEYWORD_PROJECT, false);
    }
    return "";
}

/* E0730 with the closest of the department's project names. */
static void
unknown_project(const struct duties *k, const struct ast_node *row)
{
    const char *name = row->u.duty.name.text;
    const char *hint = "";
    if (k->projects != NULL && k->projects->project_names != NULL) {
        size_t count;
        const char **names = name_map_keys(k->projects->project_names, &count);
        const char *best = compilation_suggest(k->c, name, names, count);
        if (best != NULL)
            hint = diag_phrasef(&k->c->diags, PHRASE_DID_YOU_MEAN, best);
    }
    diag_report(&k->c->diags, DIAG_DUTY_UNKNOWN_PROJECT, compilation_loc(k->c, row->u.duty.name.span),
                name, diag_phrasef(&k->c->diags, PHRASE_DEPARTMENT_NAMED, k->dept->u.decl.name.text),
                hint);
}

/* A 项目 row: its project, and its amount against the project's 资金. */
static void
check_project_row(const struct duties *k, struct ast_node *row)
{
    const char *name = row->u.duty.name.text;
    const struct ast_node *project = NULL;
    if (k->projects != NULL && k->projects->project_names != NULL)
        project = name_map_get(k->projects->project_names, name);
    row->u.duty.project = project;
    if (project == NULL) {
        unknown_project(k, row);
        return;
    }
    if (!row->u.duty.amount_known)
        return;
    int e = unit_exponent(k, row_unit(k, row));
    const struct ast_node *funds = ast_field(project, AST_FUNDS);
    if (funds == NULL || !funds->u.fund.total_known) {
        diag_report(&k->c->diags, DIAG_DUTY_PROJECT_WITHOUT_FUNDS,
                    compilation_loc(k->c, row->u.duty.name.span), name,
                    show(k, row->u.duty.yuan, e, row_unit(k, row)));
        return;
    }
    const char *funds_unit = model_money_unit(funds);
    int fe = unit_exponent(k, funds_unit);
    struct decimal funds_yuan;
    if (fe < 0)
        return; /* sema_funds has said what is wrong with that unit */
    if (!decimal_shift(funds->u.fund.total, fe, &funds_yuan)) {
        cannot_check(k, row, compilation_text(k->c, funds->u.fund.amount.span));
        return;
    }
    if (decimal_cmp(row->u.duty.yuan, funds_yuan) > 0)
        diag_report(&k->c->diags, DIAG_DUTY_OVER_PROJECT_FUNDS,
                    compilation_loc(k->c, row->u.duty.amount.value.span), name,
                    show(k, row->u.duty.yuan, e, row_unit(k, row)),
                    show(k, funds_yuan, fe, funds_unit));
}

/* W0730: a project listed twice in one task (or duty); seen is emptied first. */
static void
check_repeats(const struct duties *k, const struct ast_node *task)
{
    name_map_clear(k->seen);
    for (const struct ast_node *a = task->u.duty.rows.first; a != NULL; a = a->next) {
        if (a->u.duty.level != AST_DUTY_PROJECT)
            continue;
        const struct ast_node *b = name_map_put(k->seen, a->u.duty.name.text, (void *)a);
        if (b == NULL)
            continue;
        struct diagnostic *d = diag_report(&k->c->diags, DIAG_DUTY_PROJECT_TWICE,
                                           compilation_loc(k->c, a->u.duty.name.span),
                                           a->u.duty.name.text, level_word(task->u.duty.level),
                                           task->u.duty.name.text);
        diag_add_note(&k->c->diags, d, DIAG_NOTE_FIRST_HERE, compilation_loc(k->c, b->u.duty.name.span));
    }
}

/* A row and the rows under it, depth first; fills in duty.yuan. */
static void
check_row(const struct duties *k, struct ast_node *row)
{
    row->u.duty.amount_known = written_amount(k, row);
    bool all = row->u.duty.rows.count > 0, overflow = false;
    struct decimal sum = {0, 0};
    for (struct ast_node *r = row->u.duty.rows.first; r != NULL; r = r->next) {
        check_row(k, r);
        if (!r->u.duty.amount_known)
            all = false;
        else if (all && !overflow && !decimal_add(sum, r->u.duty.yuan, &sum))
            overflow = true;
    }
    if (row->u.duty.level == AST_DUTY_PROJECT)
        check_project_row(k, row);
    if (row->u.duty.level != AST_DUTY_PROJECT)
        check_repeats(k, row);
    if (!all)
        return;
    if (overflow) {
        cannot_check(k, row, row->u.duty.amount.value.digits != NULL ? row->u.duty.amount.value.digits
                                                                     : row->u.duty.name.text);
        return;
    }
    if (!row->u.duty.amount_known) {
        if (row->u.duty.amount.value.digits == NULL) { /* no amount: the rows give it */
            row->u.duty.yuan = sum;
            row->u.duty.amount_known = true;
        }
        return;
    }
    if (decimal_cmp(sum, row->u.duty.yuan) == 0)
        return;
    struct decimal diff;
    int e = unit_exponent(k, row_unit(k, row));
    const char *unit = row_unit(k, row);
    const char *off = decimal_sub(row->u.duty.yuan, sum, &diff)
                          ? show(k, (struct decimal){diff.coef < 0 ? -diff.coef : diff.coef, diff.scale}, e, unit)
                          : diag_phrasef(&k->c->diags, PHRASE_DIFFERENCE_TOO_LARGE);
    diag_report(&k->c->diags, DIAG_DUTY_SUM_MISMATCH, compilation_loc(k->c, row->u.duty.amount.value.span),
                level_word(row->u.duty.level), row->u.duty.name.text, show(k, row->u.duty.yuan, e, unit),
                show(k, sum, e, unit), off);
}

static void
check_table(void *ctx, const struct ast_node *decl, const struct ast_node *parent)
{
    struct duties *k = ctx;
    (void)parent;
    if (decl->kind != AST_DEPARTMENT)
        return;
    struct ast_node *table = (struct ast_node *)ast_field(decl, AST_DUTY_TABLE); /* filled in here */
    if (table == NULL)
        return;
    k->dept = decl;
    k->projects = compilation_department(k->c, decl->u.decl.name.text);
    if (k->projects != NULL && k->projects->decl != decl)
        k->projects = NULL; /* a second department of that name: E0131 said so */
    k->default_unit = model_money_unit(ast_field(decl, AST_FUNDS));
    for (struct ast_node *row = table->u.duty.rows.first; row != NULL; row = row->next)
        check_row(k, row);
}

void
sema_duties(struct compilation *c)
{
    struct duties k = {c, NULL, NULL, NULL, name_map_new(c->arena)};
    ast_each_table(c->root, check_table, &k);
}
