/*
 * emit_html_duties.c - the department form's 年度履职目标 section: its duty
 * table (履职), printed as the regional forms print it.
 *
 * One table.duties between the rows above the indicators and the
 * indicator table: a title row, the column heads 部门职能 / 重点工作任务 /
 * 项目 / 金额（UNIT）, then one tr.duty per row at the bottom of the tree
 * (a project, or a task or duty with nothing under it; a project a duty
 * lists directly has an empty task cell).  A duty's and a
 * task's cells span the rows under them (rowspan), each holding its name
 * and, below it, its own amount; the 金额 column holds the amount of the
 * row at the bottom.  Amounts are shown in the department's money unit
 * (that of its 资金, else 万元): as written when written in that unit,
 * else converted exactly (300000 元 is 30 万元); an amount summed from the
 * rows under it carries class "computed".  All source text goes through
 * emit_html.h's writers.
 */
#include "emit/emit_html.h"

#include "base/decimal.h"
#include "model/ast.h"
#include "model/compilation.h"
#include "model/model.h"

#include <string.h>

struct duties_html {
    struct html *h;
    const struct ast_node *dept;
};

/* The amount of a row in the department's unit (model_duty_amount), or nothing when unknown. */
static void
amount(const struct duties_html *d, const struct ast_node *row)
{
    char buf[DECIMAL_FORMAT_MAX];
    bool computed;
    size_t n = model_duty_amount(d->h->c, d->dept, row, buf, &computed);
    if (n == 0)
        return;
    if (computed)
        html_lit(d->h, "<span class=\"computed\">");
    html_text(d->h, buf, n);
    if (computed)
        html_lit(d->h, "</span>");
}

/* A duty's or a task's cell over the rows under it: its name and amount. */
static void
group_cell(const struct duties_html *d, const struct ast_node *row, const char *cls)
{
    struct html *h = d->h;
    html_lit(h, "<th scope=\"rowgroup\" class=\"");
    html_lit(h, cls);
    html_lit(h, "\"");
    size_t n = model_duty_leaves(row);
    if (n > 1) {
        html_lit(h, " rowspan=\"");
        html_number(h, (int)n);
        html_lit(h, "\"");
    }
    html_lit(h, ">");
    html_str(h, &row->u.duty.name);
    if (row->u.duty.amount_known) {
        html_lit(h, "<br><span class=\"sub\">");
        amount(d, row);
        html_lit(h, "</span>");
    }
    html_lit(h, "</th>");
}

/* The last cells of a row: the project (empty for a task or duty at the bottom), its amount. */
static void
row_end(const struct duties_html *d, const struct ast_node *bottom, bool project)
{
    struct html *h = d->h;
    html_lit(h, "<td>");
    if (project)
        html_str(h, &bottom->u.duty.name);
    html_lit(h, "</td><td class=\"amount\">");
    amount(d, bottom);
    html_lit(h, "</td></tr>\n");
}

static void
duty_rows(const struct duties_html *d, const struct ast_node *duty)
{
    struct html *h = d->h;
    html_lit(h, "<tr class=\"duty\">");
    group_cell(d, duty, "duty");
    if (duty->u.duty.rows.count == 0) {
        html_lit(h, "<td></td>");
        row_end(d, duty, false);
        return;
    }
    bool first_task = true;
    for (const struct ast_node *task = duty->u.duty.rows.first; task != NULL; task = task->next) {
        if (!first_task)
            html_lit(h, "<tr class=\"duty\">");
        first_task = false;
        if (task->u.duty.level == AST_DUTY_PROJECT) { /* listed by the duty itself */
            html_lit(h, "<td></td>");
            row_end(d, task, true);
            continue;
        }
        group_cell(d, task, "task");
        if (task->u.duty.rows.count == 0) {
            row_end(d, task, false);
            continue;
        }
        bool first_project = true;
        for (const struct ast_node *p = task->u.duty.rows.first; p != NULL; p = p->next) {
            if (!first_project)
                html_lit(h, "<tr class=\"duty\">");
            first_project = false;
            row_end(d, p, true);
        }
    }
}

void
emit_html_duty_table(struct html *h, const struct ast_node *dept)
{
    const struct ast_node *table = model_duty_table(dept);
    if (table == NULL)
        return;
    struct duties_html d = {h, dept};
    const char *unit = model_money_unit(ast_field(dept, AST_FUNDS));
    html_lit(h, "<table class=\"duties\">\n<colgroup><col><col><col><col class=\"num\"></colgroup>\n"
                "<thead><tr><th scope=\"col\" colspan=\"4\" class=\"title\">年度履职目标</th></tr>\n"
                "<tr><th scope=\"col\">部门职能</th><th scope=\"col\">重点工作任务</th>"
                "<th scope=\"col\">项目</th><th scope=\"col\">金额（");
    html_text(h, unit, strlen(unit));
    html_lit(h, "）</th></tr></thead>\n<tbody>\n");
    for (const struct ast_node *duty = table->u.duty.rows.first; duty != NULL; duty = duty->next)
        duty_rows(&d, duty);
    if (table->u.duty.rows.count == 0)
        html_lit(h, "<tr class=\"duty\"><td></td><td></td><td></td><td></td></tr>\n");
    html_lit(h, "</tbody>\n</table>\n");
}
