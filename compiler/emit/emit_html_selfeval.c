/*
 * emit_html_selfeval.c - the HTML back end's 自评表: a table with a
 * self-evaluation printed as the official 项目支出绩效自评表 /
 * 部门整体支出绩效自评表 rather than as its goal form.
 *
 * One <section class="form … selfeval"> per table, in three tables that
 * print as one and a chart:
 *   - .info: the name, the 项目资金 / 预算执行情况 block (年初预算数 |
 *     全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, one row for 年度资金总额
 *     and one for each line of the 资金), 年度总体目标 (预期目标 |
 *     实际完成情况);
 *   - .indicators: 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 |
 *     偏差原因分析及改进措施, the same markup as the goal form's (a section
 *     column, tr.indicator / tr.na / tr.empty, th.l1 and th.l2 in every row,
 *     .first / .cont, no cell spanning rows), a category's 分值 and 得分 in
 *     a span.pts inside its first cell;
 *   - .totals: 总分 and 等级;
 *   - figure.chart: points earned against points possible per 一级
 *     category and budget execution, and the budget against what was
 *     executed (the bars chosen here, drawn by emit_html_chart.c).
 * A value the source writes is printed as written; one the rules give
 * (sema_score's struct ast_points / ast_evaluation) is printed in a
 * span.computed, dotted underline, explained by a legend under the form.
 * Targets and actuals are printed as filed (emit_html_form).  Amounts are
 * exact decimals in the table's money unit.
 */
#include "emit/emit_html.h"

#include "base/decimal.h"
#include "model/ast.h"
#include "model/model.h"

#include <string.h>

const char emit_html_selfeval_style[] =
    ".selfeval .info th.head{font-weight:bold}\n"
    ".selfeval .info .line{padding-left:2em}\n"
    ".selfeval .info .s2{padding-left:3.5em}.selfeval .info .s3{padding-left:5em}"
    ".selfeval .info .s4{padding-left:6.5em}.selfeval .info .s5{padding-left:8em}"
    ".selfeval .info .s6{padding-left:9.5em}\n"
    ".selfeval .info .lead{text-indent:-3em}\n"
    ".computed{text-decoration:underline dotted;text-underline-offset:.2em}\n"
    ".pts{display:block;font-size:9pt}\n"
    ".selfeval .indicators .text{text-align:left}\n"
    ".totals th{text-align:left;padding-left:2em}\n"
    ".grade{text-align:center}\n"
    ".legend{margin:1.5mm 0 0;font-size:9pt}\n"
    ".chart{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-start;"
    "margin:5mm 0 0;break-inside:avoid}\n"
    ".chart svg{display:block;width:49%;height:auto;font-size:17px}\n"
    ".chart figcaption{width:100%;text-align:center;font-size:9pt;margin-top:1mm}\n"
    "@media print{.totals tr,.chart{break-inside:avoid}}\n";

/* --- which tables, and their values --------------------------------------- */

static const struct ast_node *
group_modifier(const struct ast_list *mods, enum ast_modifier_kind kind)
{
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next)
        if (m->kind == AST_MODIFIER && m->u.modifier.kind == kind)
            return m;
    return NULL;
}

/* sema_score decides (decl.evaluation): the table writes a self-evaluation field. */
bool
emit_html_is_selfeval(const struct ast_node *table)
{
    return model_is_evaluation(table);
}

static struct html_value
written(const struct ast_number *n)
{
    struct html_value s = {0};
    if (n->digits != NULL && decimal_parse(n->digits, strlen(n->digits), &s.value)) {
        s.digits = n->digits;
        s.known = true;
    }
    return s;
}

static struct html_value
computed(struct decimal value, bool known)
{
    struct html_value s = {NULL, value, known};
    return s;
}

/* The written one, else the computed one. */
static struct html_value
either(struct html_value w, struct html_value c)
{
    return w.known ? w : c;
}

static struct html_value
modifier_number(const struct ast_node *m)
{
    return m != NULL ? written(&m->u.modifier.number) : (struct html_value){0};
}

static struct html_value
fund_number(const struct ast_node *fund, enum ast_fund_mod_kind kind)
{
    const struct ast_node *m = model_fund_mod(fund, kind);
    return m != NULL ? written(&m->u.fund_mod.value.value) : (struct html_value){0};
}

/* A row's 分值 (written, else the sum of its rows') and 得分 (written, else computed). */
static struct html_value
points_weight(struct html_value w, const struct ast_points *p)
{
    return either(w, computed(p->weight, p->weight_known));
}

static struct html_value
points_score(struct html_value s, const struct ast_points *p)
{
    return either(s, computed(p->computed, p->computed_known && !p->incomplete));
}

static void
shown(struct html *h, struct html_value s, const char *suffix)
{
    if (!s.known)
        return;
    if (s.digits != NULL) {
        html_text(h, s.digits, strlen(s.digits));
    } else {
        char buf[DECIMAL_FORMAT_MAX];
        html_lit(h, "<span class=\"computed\">");
        html_text(h, buf, decimal_format(s.value, buf, sizeof buf));
        h->computed_shown = true;
    }
    html_lit(h, suffix);
    if (s.digits == NULL)
        html_lit(h, "</span>");
}

static void
shown_cell(struct html *h, struct html_value s, const char *suffix)
{
    html_lit(h, "<td class=\"amount\">");
    shown(h, s, suffix);
    html_lit(h, "</td>");
}

/* --- the rows above the indicators ----------------------------------------- */

enum { INFO_COLS = 8 }; /* label, line, 年初 全年预算 全年执行 分值 执行率 得分 */

/* The widths of the .info columns, in tenths of a percent: the label as wide
   as the indicator table's section and 一级 columns together. */
static const int info_width[INFO_COLS] = {180, 235, 115, 115, 115, 70, 90, 80};

/* The indicator table: section, 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差. */
enum { IND_COLS = 9 };
static const int indicator_width[IND_COLS] = {65, 115, 137, 167, 115, 115, 70, 75, 141};

static void
colgroup(struct html *h, const int *width, int n)
{
    html_lit(h, "<colgroup>");
    for (int i = 0; i < n; i++) {
        html_lit(h, "<col style=\"width:");
        html_number(h, width[i] / 10);
        html_lit(h, ".");
        html_number(h, width[i] % 10);
        html_lit(h, "%\">");
    }
    html_lit(h, "</colgroup>\n");
}

/*
 * A fund line's amount in a phase: sema_funds's total (written or summed),
 * else the amount the line writes (a phase sema_funds has not filled in).
 */
static struct html_value
phase_amount(const struct ast_node *fund, enum ast_phase phase)
{
    const struct ast_phase_total *p = model_fund_phase(fund, phase, 0);
    struct html_value s = {0};
    if (p != NULL && p->known) {
        s.value = p->total;
        s.known = true;
        return s;
    }
    if (p == NULL)
        s = fund_number(fund, phase == AST_PHASE_ADJUSTED ? AST_FUNDMOD_ADJUSTED
                                                          : AST_FUNDMOD_EXECUTED);
    s.digits = NULL; /* an amount: formatted, never marked as computed */
    return s;
}

static void
phase_cell(struct html *h, const struct ast_node *fund, enum ast_phase phase)
{
    struct html_value s = phase_amount(fund, phase);
    html_lit(h, "<td class=\"amount\">");
    if (s.known) {
        char buf[DECIMAL_FORMAT_MAX];
        html_text(h, buf, decimal_format(s.value, buf, sizeof buf));
    }
    html_lit(h, "</td>");
}

/* 年初预算数 … 得分 of a fund line; ev for the 资金 header, whose rate and score the rules give. */
static void
fund_cells(struct html *h, const struct ast_node *fund, const struct ast_evaluation *ev)
{
    html_lit(h, "<td class=\"amount\">");
    emit_html_amount(h, fund);
    html_lit(h, "</td>");
    phase_cell(h, fund, AST_PHASE_ADJUSTED);
    phase_cell(h, fund, AST_PHASE_EXECUTED);
    struct html_value weight = fund_number(fund, AST_FUNDMOD_WEIGHT);
    struct html_value rate = fund_number(fund, AST_FUNDMOD_RATE);
    struct html_value score = fund_number(fund, AST_FUNDMOD_SCORE);
    if (ev != NULL) {
        weight = points_weight(weight, &ev->budget);
        rate = either(rate, computed(ev->rate, ev->rate_known));
        score = points_score(score, &ev->budget);
    }
    shown_cell(h, weight, "");
    shown_cell(h, rate, "%");
    shown_cell(h, score, "");
}

/*
 * The lines of the 资金 under its header: the only partition of the header
 * prints no row of its own (其中：本级, 上级, as the form does), nor does a
 * 其中; another partition is a row 按…分.  The first line of a group without
 * a row of its own says 其中.
 */
static bool
own_row(const struct ast_node *parent, const struct ast_node *group)
{
    return group->kind == AST_PARTITION &&
           !(parent->kind == AST_FUNDS && parent->u.fund.items.count == 1);
}

static int
fund_row_count(const struct ast_node *parent, const struct ast_list *items)
{
    int n = 0;
    for (const struct ast_node *i = items->first; i != NULL; i = i->next) {
        if (i->kind == AST_FUND_LINE)
            n += 1 + fund_row_count(i, &i->u.fund.items);
        else
            n += own_row(parent, i) + fund_row_count(parent, &i->u.partition.lines);
    }
    return n;
}

/* depth: of the line under 年度资金总额 (1); a line of a group that says 其中 is
   set in by the width of 其中： and the group's first line hangs it out. */
static void
line_cell_open(struct html *h, int depth, bool lead)
{
    int d = depth < 6 ? depth : 6;
    html_lit(h, "<td class=\"line");
    if (d > 1) {
        html_lit(h, " s");
        html_number(h, d);
    }
    html_lit(h, lead ? " lead\">其中：" : "\">");
}

enum { LEAD_INDENT = 2 }; /* depths: 其中： is two steps of 1.5em */

static void
fund_rows(struct html *h, const struct ast_node *parent, const struct ast_list *items, int depth,
          bool lead)
{
    for (const struct ast_node *i = items->first; i != NULL; i = i->next) {
        if (i->kind == AST_FUND_LINE) {
            html_lit(h, "<tr>");
            line_cell_open(h, depth, lead && i == items->first);
            html_str(h, &i->u.fund.name);
            html_lit(h, "</td>");
            fund_cells(h, i, NULL);
            html_lit(h, "</tr>\n");
            fund_rows(h, i, &i->u.fund.items, depth + 1, false);
        } else if (own_row(parent, i)) {
            html_lit(h, "<tr>");
            line_cell_open(h, depth, false);
            html_lit(h, "按");
            html_str(h, &i->u.partition.name);
            html_lit(h, "分</td><td colspan=\"6\"></td></tr>\n");
            fund_rows(h, parent, &i->u.partition.lines, depth + 1, false);
        } else {
            fund_rows(h, parent, &i->u.partition.lines, depth + LEAD_INDENT, true);
        }
    }
}

static void
budget_block(struct html *h, const struct ast_node *table)
{
    const struct ast_node *funds = ast_field(table, AST_FUNDS);
    const struct ast_node *deviation = funds != NULL ? model_fund_mod(funds, AST_FUNDMOD_DEVIATION) : NULL;
    int rows = 2 + (funds != NULL ? fund_row_count(funds, &funds->u.fund.items) : 0) +
               (deviation != NULL);
    html_lit(h, "<tr><th scope=\"row\" rowspan=\"");
    html_number(h, rows);
    html_lit(h, table->kind == AST_PROJECT ? "\">项目资金" : "\">预算执行情况");
    if (funds != NULL) {
        const char *unit = model_money_unit(funds);
        html_lit(h, "<br>（");
        html_text(h, unit, strlen(unit));
        html_lit(h, "）");
    }
    html_lit(h, "</th><td></td><th class=\"head\">年初预算数</th>"
                "<th class=\"head\">全年预算数<br>（调整后）</th>"
                "<th class=\"head\">全年执行数</th><th class=\"head\">分值</th>"
                "<th class=\"head\">执行率</th><th class=\"head\">得分</th></tr>\n");
    html_lit(h, "<tr><th class=\"part\">年度资金总额</th>");
    if (funds == NULL) {
        html_lit(h, "<td colspan=\"6\"></td></tr>\n");
        return;
    }
    fund_cells(h, funds, table->u.decl.evaluation);
    html_lit(h, "</tr>\n");
    fund_rows(h, funds, &funds->u.fund.items, 1, false);
    if (deviation != NULL) {
        html_lit(h, "<tr><th class=\"part\">偏差原因分析及改进措施</th><td colspan=\"6\" class=\"text\">");
        html_plain(h, &deviation->u.fund_mod.text);
        html_lit(h, "</td></tr>\n");
    }
}

static void
info_table(struct html *h, const struct ast_node *table, const struct ast_node *parent)
{
    html_lit(h, "<table class=\"info\">\n");
    colgroup(h, info_width, INFO_COLS);
    html_lit(h, "<tbody>\n<tr><th scope=\"row\">");
    if (table->kind == AST_PROJECT) {
        emit_html_label(h, MODEL_LABEL_PROJECT_NAME);
        html_lit(h, "</th><td colspan=\"3\">");
        html_str(h, &table->u.decl.name);
        html_lit(h, "</td><th scope=\"row\" colspan=\"2\">预算部门</th><td colspan=\"2\">");
        const struct ast_str *dept = model_attribute(table, "预算部门");
        html_str(h, dept != NULL ? dept : model_department(table, parent));
    } else {
        emit_html_label(h, MODEL_LABEL_DEPARTMENT_NAME);
        html_lit(h, "</th><td colspan=\"7\">");
        html_str(h, &table->u.decl.name);
    }
    html_lit(h, "</td></tr>\n");
    budget_block(h, table);
    const struct ast_str *duties = model_text(table, AST_TEXT_DUTIES);
    if (duties != NULL) {
        html_lit(h, "<tr><th scope=\"row\">");
        emit_html_label(h, MODEL_LABEL_DUTIES);
        html_lit(h, "</th><td colspan=\"7\" class=\"text\">");
        html_plain(h, duties);
        html_lit(h, "</td></tr>\n");
    }
    html_lit(h, "<tr><th scope=\"row\" rowspan=\"2\">年度总体目标</th>"
                "<th class=\"head\" colspan=\"3\">预期目标</th>"
                "<th class=\"head\" colspan=\"4\">实际完成情况</th></tr>\n"
                "<tr><td colspan=\"3\" class=\"text\">");
    html_plain(h, model_text(table, AST_TEXT_GOAL));
    html_lit(h, "</td><td colspan=\"4\" class=\"text\">");
    html_plain(h, model_text(table, AST_TEXT_ACTUAL));
    html_lit(h, "</td></tr>\n</tbody>\n</table>\n");
}

/* --- the indicator table --------------------------------------------------- */

/* As in the goal form (emit_html.c): every row has its own 一级 and 二级 cells. */
struct rows {
    struct html *h;
    bool any;
    const struct ast_node *l1, *l2;
    bool l1_first, l2_first;
};

/* A category's 分值 and 得分, under its name in its first row: a 一级's as
   written or else summed, a 二级's only as written (its sums are the
   rows' beside it). */
static void
category_points(struct html *h, const struct ast_node *cat)
{
    struct ast_points none = {0};
    const struct ast_points *p = cat->u.category.level == 1 ? &cat->u.category.points : &none;
    struct html_value w = points_weight(
        modifier_number(group_modifier(&cat->u.category.modifiers, AST_MOD_WEIGHT)), p);
    struct html_value s = points_score(
        modifier_number(group_modifier(&cat->u.category.modifiers, AST_MOD_SCORE)), p);
    if (!w.known && !s.known)
        return;
    html_lit(h, "<span class=\"pts\">");
    if (w.known) {
        html_lit(h, "分值 ");
        shown(h, w, "");
    }
    if (w.known && s.known)
        html_lit(h, "<br>");
    if (s.known) {
        html_lit(h, "得分 ");
        shown(h, s, "");
    }
    html_lit(h, "</span>");
}

static void
category_cell(struct html *h, const char *cls, const struct ast_node *cat, bool first)
{
    html_lit(h, "<th class=\"");
    html_lit(h, cls);
    html_lit(h, first ? " first\">" : " cont\">");
    html_str(h, &cat->u.category.name);
    if (first)
        category_points(h, cat);
    html_lit(h, "</th>");
}

static void
row_open(struct rows *r, const char *cls)
{
    html_lit(r->h, "<tr class=\"");
    html_lit(r->h, cls);
    html_lit(r->h, r->any ? "\"><td class=\"section cont\"></td>" : "\"><td class=\"section\"></td>");
    r->any = true;
    if (r->l1 != NULL)
        category_cell(r->h, "l1", r->l1, r->l1_first);
    if (r->l2 != NULL)
        category_cell(r->h, "l2", r->l2, r->l2_first);
    r->l1_first = r->l2_first = false;
}

static void
empty_cells(struct html *h, int n)
{
    for (int i = 0; i < n; i++)
        html_lit(h, "<td></td>");
}

static void
indicator_row(struct rows *r, const struct ast_node *ind)
{
    struct html *h = r->h;
    row_open(r, "indicator");
    html_lit(h, "<td>");
    html_str(h, &ind->u.indicator.name);
    html_lit(h, "</td><td class=\"value\">");
    emit_html_form(h, ind->u.indicator.target);
    html_lit(h, "</td><td class=\"value\">");
    const struct ast_node *actual = model_modifier(ind, AST_MOD_ACTUAL);
    if (actual != NULL)
        emit_html_form(h, actual->u.modifier.target);
    html_lit(h, "</td>");
    shown_cell(h, points_weight(modifier_number(model_modifier(ind, AST_MOD_WEIGHT)),
                                &ind->u.indicator.points),
               "");
    shown_cell(h, points_score(modifier_number(model_modifier(ind, AST_MOD_SCORE)),
                               &ind->u.indicator.points),
               "");
    html_lit(h, "<td class=\"text\">");
    const struct ast_node *deviation = model_modifier(ind, AST_MOD_DEVIATION);
    if (deviation != NULL)
        html_plain(h, &deviation->u.modifier.text);
    html_lit(h, "</td></tr>\n");
}

/* After 一级 and 二级: 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差. */
enum { TAIL = 6 };

static void
not_applicable_row(struct rows *r, int before)
{
    row_open(r, "na");
    empty_cells(r->h, before);
    html_lit(r->h, "<td class=\"na\">不适用</td>");
    empty_cells(r->h, TAIL - 1);
    html_lit(r->h, "</tr>\n");
}

static void
empty_row(struct rows *r, int cells)
{
    row_open(r, "empty");
    empty_cells(r->h, cells);
    html_lit(r->h, "</tr>\n");
}

static void
level2_rows(struct rows *r, const struct ast_node *l2)
{
    bool na_done = false, any = false;
    r->l2 = l2;
    r->l2_first = true;
    for (const struct ast_node *i = l2->u.category.items.first; i != NULL; i = i->next) {
        if (i->kind == AST_INDICATOR) {
            indicator_row(r, i);
            any = true;
        } else if (!na_done) {
            not_applicable_row(r, 0);
            na_done = any = true;
        }
    }
    if (!any)
        empty_row(r, TAIL);
}

static void
level1_rows(struct rows *r, const struct ast_node *l1)
{
    bool na_done = false, any = false;
    r->l1 = l1;
    r->l1_first = true;
    for (const struct ast_node *i = l1->u.category.items.first; i != NULL; i = i->next) {
        if (i->kind == AST_CATEGORY) {
            level2_rows(r, i);
            any = true;
        } else if (!na_done) {
            r->l2 = NULL;
            not_applicable_row(r, 1);
            na_done = any = true;
        }
    }
    if (!any) {
        r->l2 = NULL;
        empty_row(r, 1 + TAIL);
    }
}

static void
indicator_table(struct html *h, const struct ast_node *inds)
{
    html_lit(h, "<table class=\"indicators\">\n");
    colgroup(h, indicator_width, IND_COLS);
    html_lit(h, "<thead><tr><th scope=\"col\" class=\"section\">绩效指标</th><th scope=\"col\">");
    emit_html_label(h, MODEL_LABEL_LEVEL1);
    html_lit(h, "</th><th scope=\"col\">");
    emit_html_label(h, MODEL_LABEL_LEVEL2);
    html_lit(h, "</th><th scope=\"col\">");
    emit_html_label(h, MODEL_LABEL_INDICATOR);
    html_lit(h, "</th><th scope=\"col\">年度<br>指标值</th><th scope=\"col\">实际<br>完成值</th>"
                "<th scope=\"col\">分值</th><th scope=\"col\">得分</th>"
                "<th scope=\"col\">偏差原因分析<br>及改进措施</th></tr></thead>\n<tbody>\n");
    struct rows r = {h, false, NULL, NULL, false, false};
    for (const struct ast_node *l1 = inds->u.indicators.categories.first; l1 != NULL;
         l1 = l1->next)
        level1_rows(&r, l1);
    if (!r.any)
        empty_row(&r, 2 + TAIL);
    html_lit(h, "</tbody>\n</table>\n");
}

/* --- 总分 and 等级 ------------------------------------------------------------ */

static struct html_value
field_number(const struct ast_node *table, enum ast_kind kind)
{
    const struct ast_node *f = model_field(table, kind);
    return f != NULL ? written(&f->u.evaluation_field.number) : (struct html_value){0};
}

static void
totals_table(struct html *h, const struct ast_node *table)
{
    const struct ast_evaluation *ev = table->u.decl.evaluation;
    struct html_value weight = field_number(table, AST_TOTAL_POINTS);
    struct html_value score = field_number(table, AST_TABLE_SCORE);
    bool incomplete = false;
    if (ev != NULL) {
        weight = points_weight(weight, &ev->total);
        incomplete = !score.known && ev->total.incomplete;
        score = points_score(score, &ev->total);
    }
    /* The indicator table's columns, the six before 分值 as one (every column
       has a cell starting in it, as a validator insists). */
    int width[4] = {0, indicator_width[6], indicator_width[7], indicator_width[8]};
    for (int i = 0; i < 6; i++)
        width[0] += indicator_width[i];
    html_lit(h, "<table class=\"totals\">\n");
    colgroup(h, width, 4);
    html_lit(h, "<tbody>\n<tr><th scope=\"row\">总分</th>");
    shown_cell(h, weight, "");
    shown_cell(h, score, "");
    html_lit(h, incomplete ? "<td class=\"grade\">未完成评分</td></tr>\n" : "<td></td></tr>\n");
    html_lit(h, "<tr><th scope=\"row\">等级</th><td colspan=\"3\" class=\"grade\">");
    const struct ast_node *grade = model_field(table, AST_GRADE);
    if (grade != NULL) {
        html_str(h, &grade->u.evaluation_field.word);
    } else if (ev != NULL && ev->grade_computed != AST_GRADE_NONE && !incomplete) {
        html_lit(h, "<span class=\"computed\">");
        html_lit(h, model_grade_name(ev->grade_computed, false));
        html_lit(h, "</span>");
        h->computed_shown = true;
    } else if (incomplete) {
        html_lit(h, "未完成评分");
    }
    html_lit(h, "</td></tr>\n</tbody>\n</table>\n");
}

/* --- the chart ---------------------------------------------------------------- */

enum { MAX_BARS = 16 };

/* The bars of the points chart: budget execution, then each 一级 category with a 分值. */
static int
points_bars(const struct ast_node *table, struct html_bar *bars)
{
    int n = 0;
    const struct ast_evaluation *ev = table->u.decl.evaluation;
    const struct ast_node *funds = ast_field(table, AST_FUNDS);
    if (funds != NULL) {
        struct html_value w = fund_number(funds, AST_FUNDMOD_WEIGHT);
        struct html_value s = fund_number(funds, AST_FUNDMOD_SCORE);
        if (ev != NULL) {
            w = points_weight(w, &ev->budget);
            s = points_score(s, &ev->budget);
        }
        if (w.known)
            bars[n++] = (struct html_bar){NULL, "预算执行", w, s, false};
    }
    const struct ast_node *inds = ast_field(table, AST_INDICATORS);
    for (const struct ast_node *l1 = inds != NULL ? inds->u.indicators.categories.first : NULL;
         l1 != NULL && n < MAX_BARS; l1 = l1->next) {
        struct html_value w = points_weight(
            modifier_number(group_modifier(&l1->u.category.modifiers, AST_MOD_WEIGHT)),
            &l1->u.category.points);
        struct html_value s = points_score(
            modifier_number(group_modifier(&l1->u.category.modifiers, AST_MOD_SCORE)),
            &l1->u.category.points);
        if (w.known)
            bars[n++] = (struct html_bar){&l1->u.category.name, NULL, w, s, false};
    }
    return n;
}

/* The bars of the budget chart: 年初预算数, 全年预算数, then 全年执行数 inside the
   budget it is measured against; none without 执行. */
static int
budget_bars(const struct ast_node *table, struct html_bar *bars)
{
    const struct ast_node *funds = ast_field(table, AST_FUNDS);
    if (funds == NULL)
        return 0;
    struct html_value plain = {0}, adjusted = phase_amount(funds, AST_PHASE_ADJUSTED),
                 executed = phase_amount(funds, AST_PHASE_EXECUTED), none = {0};
    if (funds->u.fund.total_known) {
        plain.value = funds->u.fund.total;
        plain.known = true;
    }
    if (!executed.known)
        return 0;
    int n = 0;
    if (plain.known)
        bars[n++] = (struct html_bar){NULL, "年初预算数", plain, none, true};
    if (adjusted.known)
        bars[n++] = (struct html_bar){NULL, "全年预算数", adjusted, none, true};
    bars[n++] = (struct html_bar){NULL, "全年执行数", adjusted.known ? adjusted : plain, executed, false};
    return n;
}

/* The figure, when the table has points or a budget execution to show. */
static void
chart(struct html *h, const struct ast_node *table)
{
    struct html_bar points[MAX_BARS], budget[3];
    int np = points_bars(table, points), nb = budget_bars(table, budget);
    if (np == 0 && nb == 0)
        return;
    html_lit(h, "<figure class=\"chart\">\n");
    if (np > 0)
        emit_html_bar_chart(h, "得分与分值", "得分", "分值", points, np, " / ");
    if (nb > 0)
        emit_html_bar_chart(h, "预算执行", "执行数", "预算数", budget, nb, " / ");
    html_lit(h, np > 0 ? "<figcaption>得分与分值（按一级指标）" : "<figcaption>");
    if (nb > 0) {
        const char *unit = model_money_unit(ast_field(table, AST_FUNDS));
        html_lit(h, np > 0 ? "、预算执行数与预算数（" : "预算执行数与预算数（");
        html_text(h, unit, strlen(unit));
        html_lit(h, "）");
    }
    html_lit(h, "</figcaption>\n</figure>\n");
}

/* --- the page -------------------------------------------------------------- */

void
emit_html_selfeval_title(struct html *h, const struct ast_node *table,
                         const struct ast_node *parent)
{
    int year = model_year(table, parent);
    if (year != 0) {
        html_number(h, year);
        html_lit(h, "年");
    }
    html_lit(h, table->kind == AST_DEPARTMENT ? "部门整体支出绩效自评表" : "项目支出绩效自评表");
}

void
emit_html_selfeval_section(struct html *h, const struct ast_node *table,
                           const struct ast_node *parent)
{
    h->computed_shown = false;
    html_lit(h, table->kind == AST_DEPARTMENT ? "<section class=\"form department selfeval\">\n<h1>"
                                             : "<section class=\"form project selfeval\">\n<h1>");
    emit_html_selfeval_title(h, table, parent);
    html_lit(h, "</h1>\n");
    emit_html_attributes(h, table, MODEL_PLACE_HEADER, "meta");
    info_table(h, table, parent);
    emit_html_fund_columns(h, ast_field(table, AST_FUNDS));
    const struct ast_node *inds = ast_field(table, AST_INDICATORS);
    if (inds != NULL)
        indicator_table(h, inds);
    totals_table(h, table);
    /* Issue 15: what the 自评表's own columns have no room for, after its totals. */
    if (inds != NULL)
        emit_html_indicator_columns(h, inds);
    emit_html_indicator_table(h, table, ast_field(table, AST_PERIOD_INDICATORS));
    emit_html_schedule(h, ast_field(table, AST_SCHEDULE));
    if (h->computed_shown)
        html_lit(h, "<p class=\"legend\"><span class=\"computed\">加点线的数值</span>为计算值："
                    "源文件未填写，按评分规则算出。</p>\n");
    emit_html_attributes(h, table, MODEL_PLACE_FOOTER, "sign");
    chart(h, table);
    html_lit(h, "</section>\n");
}
