/*
 * emit_markdown.c - the Markdown back end: the tables for a pull request.
 *
 * GitHub-flavoured Markdown, one input per document, tables in source
 * order.  Each table gets a level-2 heading (its form's title and its
 * name), a list of its short fields, its money as a two-column pipe table,
 * its long texts under level-3 headings, and its indicators as a pipe table
 * with one row per indicator: Markdown has no rowspan, so 一级 and 二级 are
 * repeated on every row.  All source text goes through escape_markdown().
 *
 * A self-evaluation (model_is_evaluation) is laid out as its 自评表:
 * the money with a column per phase (全年预算数, 全年执行数…) and 分值, 执行率,
 * 得分; 实际完成情况 after the goal; indicators with 实际完成值, 分值, 得分
 * and 偏差原因分析及改进措施; then the points per level-1 category, 总分 and
 * 等级.  A value goalc computed rather than the source wrote is followed by
 * （计算） (docs/language.md §13 gives the rules).
 */
#include "emit/emit.h"
#include "emit/emit_evaluation.h"
#include "model/model.h"

#include "model/ast.h"
#include "base/decimal.h"
#include "model/compilation.h"
#include "base/escape.h"
#include "base/writer.h"

#include <string.h>

struct md {
    struct writer out;
    const struct compilation *c;
    bool any; /* a block has been written */
    /* The table being written: a self-evaluation, and its 资金's phases. */
    bool evaluation;
    struct emit_phase phases[EMIT_PHASES_MAX];
    size_t phase_count;
    const struct ast_columns *fund_columns; /* its 资金's 栏 names */
};

static void
lit(struct md *m, const char *s)
{
    writer_str(&m->out, s);
}

/* Before a block (heading, paragraph, list, table): a blank line after the last one. */
static void
start_block(struct md *m)
{
    if (m->any)
        writer_byte(&m->out, '\n');
    m->any = true;
}

static void
heading(struct md *m, const char *text)
{
    start_block(m);
    lit(m, "### ");
    lit(m, text);
    lit(m, "\n");
}

/* Text on one line: a cell, a heading, a list item. */
static void
inline_text(struct md *m, const char *s, size_t len)
{
    if (s != NULL)
        escape_markdown_to(&m->out, s, len, ESCAPE_MD_INLINE);
}

static void
str(struct md *m, const struct ast_str *s)
{
    if (s != NULL)
        inline_text(m, s->text, s->len);
}

static void
form(struct md *m, const struct ast_node *target)
{
    struct model_form f;
    model_form_target(m->c, target, &f);
    for (size_t i = 0; i < f.count; i++)
        inline_text(m, f.piece[i].s, f.piece[i].len);
}

static void
amount(struct md *m, const struct ast_node *fund)
{
    char buf[DECIMAL_FORMAT_MAX];
    inline_text(m, buf, model_amount(fund, buf));
}

/* A long text under its own heading, as paragraphs. */
static void
block(struct md *m, const char *title, const struct ast_str *s)
{
    if (s == NULL || s->len == 0)
        return;
    heading(m, title);
    start_block(m);
    escape_markdown_to(&m->out, s->text, s->len, ESCAPE_MD_BLOCK);
    lit(m, "\n");
}

static void
item(struct md *m, const char *label, const struct ast_str *value)
{
    lit(m, "- **");
    lit(m, label);
    lit(m, "**：");
    str(m, value);
    lit(m, "\n");
}

/* --- 栏 columns -------------------------------------------------------------- */

/* A row's cells of the 栏 columns names (an indicator or a fund node; NULL: empty cells). */
static void
column_cells(struct md *m, const struct ast_columns *names, const struct ast_node *row)
{
    for (uint32_t i = 0; i < names->count; i++) {
        const struct ast_node *c = row != NULL ? model_column(row, names->names[i]->text) : NULL;
        lit(m, " ");
        if (c != NULL)
            str(m, model_column_text(c));
        lit(m, " |");
    }
}

static void
column_headings(struct md *m, const struct ast_columns *names)
{
    for (uint32_t i = 0; i < names->count; i++) {
        lit(m, " ");
        str(m, names->names[i]);
        lit(m, " |");
    }
}

/* --- money ----------------------------------------------------------------- */

/* Nesting shown by ideographic spaces, which Markdown does not trim from a cell. */
static void
indent(struct md *m, int depth)
{
    for (int i = 0; i < depth; i++)
        lit(m, "　");
}

/* A value goalc computed, not the source: marked so. */
static void
computed_mark(struct md *m)
{
    lit(m, "（计算）");
}

static void
digits(struct md *m, const char *s)
{
    if (s != NULL)
        inline_text(m, s, strlen(s));
}

/* The written value, else the computed one (marked), else nothing. */
static void
written_or_computed(struct md *m, const char *written, const char *computed, size_t len,
                    const char *suffix)
{
    if (written != NULL) {
        digits(m, written);
        lit(m, suffix);
    } else if (len > 0) {
        inline_text(m, computed, len);
        lit(m, suffix);
        computed_mark(m);
    }
}

/*
 * The cells after a row's name: its amount, each phase's, and in a
 * self-evaluation 分值, 执行率 and 得分 (with the computed rate and budget
 * score on the total's row, e: NULL elsewhere).  A partition's row shows
 * its total's amounts, and not its points (fund NULL then).
 */
static void
fund_cells(struct md *m, const struct ast_node *amounts, const struct ast_node *fund,
           const struct ast_evaluation *e)
{
    char buf[DECIMAL_FORMAT_MAX];
    lit(m, " | ");
    amount(m, amounts);
    for (size_t i = 0; i < m->phase_count; i++) {
        bool computed;
        lit(m, " | ");
        inline_text(m, buf, emit_phase_amount(amounts, m->phases[i], buf, &computed));
    }
    if (m->evaluation && fund == NULL) {
        lit(m, " | | |");
    } else if (m->evaluation) {
        lit(m, " | ");
        digits(m, emit_fund_number(fund, AST_FUNDMOD_WEIGHT));
        lit(m, " | ");
        written_or_computed(m, emit_fund_number(fund, AST_FUNDMOD_RATE), buf,
                            e != NULL && e->rate_known ? emit_decimal(e->rate, buf) : 0, "%");
        lit(m, " | ");
        written_or_computed(m, emit_fund_number(fund, AST_FUNDMOD_SCORE), buf,
                            e != NULL ? emit_score_computed(&e->budget, buf) : 0, "");
    }
    lit(m, " |");
    column_cells(m, m->fund_columns, fund);
    lit(m, "\n");
}

static void
fund_rows(struct md *m, const struct ast_node *parent, const struct ast_list *items, int depth)
{
    for (const struct ast_node *i = items->first; i != NULL; i = i->next) {
        lit(m, "| ");
        indent(m, depth);
        if (i->kind == AST_FUND_LINE) {
            str(m, &i->u.fund.name);
            fund_cells(m, i, i, NULL);
            fund_rows(m, i, &i->u.fund.items, depth + 1);
        } else if (i->kind == AST_PARTITION) {
            lit(m, "按");
            str(m, &i->u.partition.name);
            lit(m, "分");
            fund_cells(m, parent, NULL, NULL);
            fund_rows(m, parent, &i->u.partition.lines, depth + 1);
        } else {
            lit(m, "其中 |");
            for (size_t k = 0; k < m->phase_count + (m->evaluation ? 3 : 0); k++)
                lit(m, " |");
            lit(m, " |");
            column_cells(m, m->fund_columns, NULL);
            lit(m, "\n");
            fund_rows(m, parent, &i->u.partition.lines, depth + 1);
        }
    }
}

/* A phase's column: the forms' names (全年预算数 for 调整后, 全年执行数 for 执行). */
static void
phase_heading(struct md *m, struct emit_phase p)
{
    switch (p.phase) {
    case AST_PHASE_BUDGET:
        lit(m, "年初预算数");
        break;
    case AST_PHASE_ADJUSTED:
        lit(m, "全年预算数");
        break;
    case AST_PHASE_EXECUTED:
        lit(m, "全年执行数");
        break;
    case AST_PHASE_PERIOD:
        lit(m, "实施期资金");
        break;
    case AST_PHASE_FINAL:
        writer_int(&m->out, p.year);
        lit(m, "年决算数");
        break;
    }
}

static void
funds_table(struct md *m, const struct ast_node *table, const struct ast_node *funds)
{
    if (funds == NULL)
        return;
    const char *unit = model_money_unit(funds);
    m->phase_count = emit_funds_modified(funds) ? emit_phases(funds, m->phases) : 0;
    m->fund_columns = &funds->u.fund.columns;
    heading(m, m->evaluation ? "预算执行情况" : "年度预算");
    start_block(m);
    if (m->phase_count == 0 && !m->evaluation) {
        lit(m, "| 资金 | 金额（");
        inline_text(m, unit, strlen(unit));
        lit(m, "） |");
        column_headings(m, m->fund_columns);
        lit(m, "\n| :-- | --: |");
        for (uint32_t i = 0; i < m->fund_columns->count; i++)
            lit(m, " :-- |");
        lit(m, "\n");
    } else {
        lit(m, "| 资金（");
        inline_text(m, unit, strlen(unit));
        lit(m, "） | 年初预算数 |");
        for (size_t i = 0; i < m->phase_count; i++) {
            lit(m, " ");
            phase_heading(m, m->phases[i]);
            lit(m, " |");
        }
        if (m->evaluation)
            lit(m, " 分值 | 执行率 | 得分 |");
        column_headings(m, m->fund_columns);
        lit(m, "\n| :-- | --: |");
        for (size_t i = 0; i < m->phase_count + (m->evaluation ? 3 : 0); i++)
            lit(m, " --: |");
        for (uint32_t i = 0; i < m->fund_columns->count; i++)
            lit(m, " :-- |");
        lit(m, "\n");
    }
    lit(m, "| 资金总额");
    fund_cells(m, funds, funds, table->u.decl.evaluation);
    fund_rows(m, funds, &funds->u.fund.items, 1);
}

/* --- indicators ------------------------------------------------------------ */

struct columns {
    bool item, standard, weight, note;
    bool evaluation; /* 实际完成值, 分值, 得分, 偏差原因分析及改进措施 (weight is then false) */
    const struct ast_columns *extra; /* the 栏 names, a column each, last */
};

static void
scan_columns(const struct ast_node *inds, struct columns *cols)
{
    for (const struct ast_node *l1 = inds->u.indicators.categories.first; l1 != NULL;
         l1 = l1->next)
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next)
            for (const struct ast_node *i = l2->kind == AST_CATEGORY
                                                ? l2->u.category.items.first
                                                : NULL;
                 i != NULL; i = i->next) {
                if (i->kind != AST_INDICATOR)
                    continue;
                cols->item = cols->item || model_modifier(i, AST_MOD_ITEM) != NULL;
                cols->standard = cols->standard || model_modifier(i, AST_MOD_STANDARD) != NULL;
                cols->weight = cols->weight || model_modifier(i, AST_MOD_WEIGHT) != NULL;
                cols->note = cols->note || model_modifier(i, AST_MOD_NOTE) != NULL;
            }
}

/* The cells after 二级 of a row without an indicator: 不适用 or nothing. */
static void
filler(struct md *m, const struct columns *cols, bool not_applicable)
{
    if (cols->item)
        lit(m, " |");
    lit(m, not_applicable ? " 不适用 | |" : " | |");
    for (int i = 0; i < cols->standard + cols->weight + cols->note + 4 * cols->evaluation; i++)
        lit(m, " |");
    column_cells(m, cols->extra, NULL);
    lit(m, "\n");
}

static void
category_start(struct md *m, const struct ast_node *l1, const struct ast_node *l2)
{
    lit(m, "| ");
    str(m, &l1->u.category.name);
    lit(m, " | ");
    if (l2 != NULL)
        str(m, &l2->u.category.name);
    lit(m, " |");
}

/* 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 */
static void
indicator_evaluation(struct md *m, const struct ast_node *ind)
{
    const struct ast_node *mod;
    char buf[DECIMAL_FORMAT_MAX];
    lit(m, " ");
    if ((mod = model_modifier(ind, AST_MOD_ACTUAL)) != NULL)
        form(m, mod->u.modifier.target);
    lit(m, " | ");
    if ((mod = model_modifier(ind, AST_MOD_WEIGHT)) != NULL)
        digits(m, mod->u.modifier.number.digits);
    lit(m, " | ");
    mod = model_modifier(ind, AST_MOD_SCORE);
    written_or_computed(m, mod != NULL ? mod->u.modifier.number.digits : NULL, buf,
                        emit_score_computed(&ind->u.indicator.points, buf), "");
    lit(m, " | ");
    if ((mod = model_modifier(ind, AST_MOD_DEVIATION)) != NULL)
        str(m, &mod->u.modifier.text);
    lit(m, " |");
}

static void
indicator_row(struct md *m, const struct columns *cols, const struct ast_node *l1,
              const struct ast_node *l2, const struct ast_node *ind)
{
    const struct ast_node *mod;
    category_start(m, l1, l2);
    if (cols->item) {
        lit(m, " ");
        if ((mod = model_modifier(ind, AST_MOD_ITEM)) != NULL)
            str(m, &mod->u.modifier.text);
        lit(m, " |");
    }
    lit(m, " ");
    str(m, &ind->u.indicator.name);
    lit(m, " | ");
    form(m, ind->u.indicator.target);
    lit(m, " |");
    if (cols->standard) {
        lit(m, " ");
        if ((mod = model_modifier(ind, AST_MOD_STANDARD)) != NULL)
            form(m, mod->u.modifier.target);
        lit(m, " |");
    }
    if (cols->weight) {
        lit(m, " ");
        if ((mod = model_modifier(ind, AST_MOD_WEIGHT)) != NULL)
            inline_text(m, mod->u.modifier.number.digits, strlen(mod->u.modifier.number.digits));
        lit(m, " |");
    }
    if (cols->evaluation)
        indicator_evaluation(m, ind);
    if (cols->note) {
        lit(m, " ");
        if ((mod = model_modifier(ind, AST_MOD_NOTE)) != NULL)
            str(m, &mod->u.modifier.text);
        lit(m, " |");
    }
    column_cells(m, cols->extra, ind);
    lit(m, "\n");
}

static void
level2_rows(struct md *m, const struct columns *cols, const struct ast_node *l1,
            const struct ast_node *l2)
{
    bool any = false, na = false;
    for (const struct ast_node *i = l2->u.category.items.first; i != NULL; i = i->next) {
        if (i->kind == AST_INDICATOR) {
            indicator_row(m, cols, l1, l2, i);
            any = true;
        } else if (!na) { /* 不适用, once, as in the JSON */
            category_start(m, l1, l2);
            filler(m, cols, true);
            any = na = true;
        }
    }
    if (!any) {
        category_start(m, l1, l2);
        filler(m, cols, false);
    }
}

/* 指标, or a project's 实施期指标 (never with a self-evaluation's columns). */
static void
indicators_table(struct md *m, const struct ast_node *table, const struct ast_node *inds)
{
    if (inds == NULL)
        return;
    bool evaluation = m->evaluation && inds->kind == AST_INDICATORS;
    /* A goal form has a 绩效标准 column for projects; a 自评表 only when one is written. */
    struct columns cols = {false, table->kind == AST_PROJECT && !evaluation, false, false,
                           evaluation, &inds->u.indicators.columns};
    scan_columns(inds, &cols);
    cols.weight = cols.weight && !cols.evaluation;
    heading(m, inds->kind == AST_PERIOD_INDICATORS ? "实施期绩效指标"
               : table->kind == AST_DEPARTMENT     ? "年度绩效指标"
                                                   : "本年度绩效指标");
    start_block(m);
    lit(m, "| 一级指标 | 二级指标 |");
    int n = 4;
    if (cols.item)
        lit(m, " 名称 |");
    lit(m, cols.evaluation ? " 三级指标 | 年度指标值 |" : " 三级指标 | 指标值及单位 |");
    if (cols.standard)
        lit(m, " 绩效标准 |");
    if (cols.weight)
        lit(m, " 分值 |");
    if (cols.evaluation)
        lit(m, " 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |");
    if (cols.note)
        lit(m, " 备注 |");
    column_headings(m, cols.extra);
    n += cols.item + cols.standard + cols.weight + cols.note + 4 * cols.evaluation +
         (int)cols.extra->count;
    lit(m, "\n|");
    for (int i = 0; i < n; i++)
        lit(m, " --- |");
    lit(m, "\n");
    for (const struct ast_node *l1 = inds->u.indicators.categories.first; l1 != NULL;
         l1 = l1->next) {
        bool any = false, na = false;
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next) {
            if (l2->kind == AST_CATEGORY) {
                level2_rows(m, &cols, l1, l2);
                any = true;
            } else if (!na) {
                lit(m, "| ");
                str(m, &l1->u.category.name);
                lit(m, " | 不适用 |");
                filler(m, &cols, false);
                any = na = true;
            }
        }
        if (!any) {
            category_start(m, l1, NULL);
            filler(m, &cols, false);
        }
    }
}

/* --- 进度 ------------------------------------------------------------------- */

static void
date_cell(struct md *m, const struct ast_date *d)
{
    lit(m, " ");
    if (d != NULL) {
        struct model_form f;
        model_form_date(d, &f);
        for (size_t i = 0; i < f.count; i++)
            inline_text(m, f.piece[i].s, f.piece[i].len);
    }
    lit(m, " |");
}

/* 项目实施进度计划: a period fills 开始时间 and 完成时间, a deadline 完成时间, a string 完成时间 as written. */
static void
schedule_table(struct md *m, const struct ast_node *schedule)
{
    if (schedule == NULL)
        return;
    heading(m, "项目实施进度计划");
    start_block(m);
    lit(m, "| 实施内容 | 开始时间 | 完成时间 |\n| :-- | :-- | :-- |\n");
    for (const struct ast_node *row = schedule->u.schedule.rows.first; row != NULL;
         row = row->next) {
        const struct ast_node *v = row->u.schedule_row.value;
        lit(m, "| ");
        str(m, &row->u.schedule_row.name);
        lit(m, " |");
        if (v->u.target.kind == AST_TARGET_PERIOD) {
            date_cell(m, &v->u.target.date);
            date_cell(m, &v->u.target.date_to);
        } else if (v->u.target.kind == AST_TARGET_DEADLINE &&
                   (v->u.target.cmp == AST_CMP_EQ || v->u.target.cmp == AST_CMP_LE)) {
            date_cell(m, NULL);
            date_cell(m, &v->u.target.date);
        } else {
            date_cell(m, NULL);
            lit(m, " ");
            form(m, v);
            lit(m, " |");
        }
        lit(m, "\n");
    }
}

/* --- scores ---------------------------------------------------------------- */

/* A row of the points table: weight and score written, else as counted or computed. */
static void
points_row(struct md *m, const char *weight, const char *score, const struct ast_points *p)
{
    char buf[DECIMAL_FORMAT_MAX];
    lit(m, " | ");
    written_or_computed(m, weight, buf, emit_weight(p, buf), "");
    lit(m, " | ");
    written_or_computed(m, score, buf, emit_score_computed(p, buf), "");
    if (score == NULL && p->incomplete)
        lit(m, "（不完整）");
    lit(m, " |\n");
}

static const char *
modifier_digits(const struct ast_list *modifiers, enum ast_modifier_kind kind)
{
    const struct ast_node *mod = emit_modifier_in(modifiers, kind);
    return mod != NULL ? mod->u.modifier.number.digits : NULL;
}

/*
 * The points of a self-evaluation: budget execution, each level-1
 * category, 指标 and the total (总分, 得分), then 等级 written and computed.
 */
static void
scores(struct md *m, const struct ast_node *table)
{
    const struct ast_evaluation *e = table->u.decl.evaluation; /* model_is_evaluation */
    const struct ast_node *funds = ast_field(table, AST_FUNDS);
    const struct ast_node *inds = ast_field(table, AST_INDICATORS);
    heading(m, "评分");
    start_block(m);
    lit(m, "| 项目 | 分值 | 得分 |\n| :-- | --: | --: |\n");
    if (funds != NULL) {
        lit(m, "| 预算执行率");
        points_row(m, emit_fund_number(funds, AST_FUNDMOD_WEIGHT),
                   emit_fund_number(funds, AST_FUNDMOD_SCORE), &e->budget);
    }
    if (inds != NULL) {
        for (const struct ast_node *l1 = inds->u.indicators.categories.first; l1 != NULL;
             l1 = l1->next) {
            if (l1->kind != AST_CATEGORY)
                continue;
            lit(m, "| ");
            str(m, &l1->u.category.name);
            points_row(m, modifier_digits(&l1->u.category.modifiers, AST_MOD_WEIGHT),
                       modifier_digits(&l1->u.category.modifiers, AST_MOD_SCORE),
                       &l1->u.category.points);
        }
        lit(m, "| 绩效指标");
        points_row(m, modifier_digits(&inds->u.indicators.modifiers, AST_MOD_WEIGHT),
                   modifier_digits(&inds->u.indicators.modifiers, AST_MOD_SCORE),
                   &inds->u.indicators.points);
    }
    const struct ast_node *total = model_field(table, AST_TOTAL_POINTS);
    const struct ast_node *score = model_field(table, AST_TABLE_SCORE);
    lit(m, "| 总分");
    points_row(m, total != NULL ? total->u.evaluation_field.number.digits : NULL,
               score != NULL ? score->u.evaluation_field.number.digits : NULL, &e->total);
    start_block(m);
    lit(m, "- **等级**：");
    enum ast_grade grade = emit_grade_written(table);
    if (grade != AST_GRADE_NONE) {
        lit(m, model_grade_name(grade, false));
    } else if (e->grade_computed != AST_GRADE_NONE) {
        lit(m, model_grade_name(e->grade_computed, false));
        computed_mark(m);
    }
    lit(m, "\n");
}

/* --- the duty table -------------------------------------------------------- */

/* A row's amount in the department's unit, marked when summed. */
static void
duty_amount(struct md *m, const struct ast_node *dept, const struct ast_node *row)
{
    char buf[DECIMAL_FORMAT_MAX];
    bool computed;
    size_t n = model_duty_amount(m->c, dept, row, buf, &computed);
    lit(m, " ");
    if (n > 0) {
        inline_text(m, buf, n);
        if (computed)
            computed_mark(m);
    }
    lit(m, " |");
}

/* A row's name and amount as two cells; NULL: two empty cells. */
static void
duty_cells(struct md *m, const struct ast_node *dept, const struct ast_node *row)
{
    if (row == NULL) {
        lit(m, "  |  |");
        return;
    }
    lit(m, " ");
    str(m, &row->u.duty.name);
    lit(m, " |");
    duty_amount(m, dept, row);
}

/* 年度履职目标: one row per row at the bottom, its duty and task repeated (no rowspan). */
static void
duty_table(struct md *m, const struct ast_node *dept)
{
    const struct ast_node *table = model_duty_table(dept);
    if (table == NULL)
        return;
    const char *unit = model_money_unit(ast_field(dept, AST_FUNDS));
    heading(m, "年度履职目标");
    start_block(m);
    lit(m, "| 部门职能 | 金额（");
    inline_text(m, unit, strlen(unit));
    lit(m, "） | 重点工作任务 | 金额 | 项目 | 金额 |\n| :-- | --: | :-- | --: | :-- | --: |\n");
    for (const struct ast_node *duty = table->u.duty.rows.first; duty != NULL; duty = duty->next) {
        const struct ast_node *task = duty->u.duty.rows.first;
        do {
            bool direct = task != NULL && task->u.duty.level == AST_DUTY_PROJECT; /* no task */
            const struct ast_node *p = direct ? task : task != NULL ? task->u.duty.rows.first : NULL;
            do {
                lit(m, "|");
                duty_cells(m, dept, duty);
                duty_cells(m, dept, direct ? NULL : task);
                duty_cells(m, dept, p);
                lit(m, "\n");
                p = p != NULL && !direct ? p->next : NULL;
            } while (p != NULL);
            task = task != NULL ? task->next : NULL;
        } while (task != NULL);
    }
}

/* --- tables ---------------------------------------------------------------- */

static void
attributes(struct md *m, const struct ast_node *table, enum model_place place)
{
    bool any = false;
    for (const struct ast_node *n = table->u.decl.body.first; n != NULL; n = n->next) {
        if (n->kind != AST_ATTRIBUTE || model_attribute_place(table, n) != place ||
            model_attribute_is_label(n)) /* the HTML form's wording of a label */
            continue;
        const struct ast_str *name = &n->u.attribute.name;
        if (any) {
            lit(m, " · ");
            str(m, name);
        } else { /* at the start of the paragraph's line */
            start_block(m);
            escape_markdown_to(&m->out, name->text, name->len, ESCAPE_MD_BLOCK);
        }
        any = true;
        lit(m, "：");
        str(m, &n->u.attribute.value);
    }
    if (any)
        lit(m, "\n");
}

static void
table_section(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct md *m = ctx;
    bool project = table->kind == AST_PROJECT;
    start_block(m);
    lit(m, "## ");
    int year = model_year(table, parent);
    if (year != 0) {
        writer_int(&m->out, year);
        lit(m, "年");
    }
    m->evaluation = model_is_evaluation(table);
    m->phase_count = 0;
    if (m->evaluation)
        lit(m, project ? "项目支出绩效自评表：" : "部门整体支出绩效自评表：");
    else
        lit(m, project ? "项目支出绩效目标表：" : "部门整体支出绩效目标表：");
    str(m, &table->u.decl.name);
    lit(m, "\n");
    attributes(m, table, MODEL_PLACE_HEADER);
    start_block(m);
    if (project) {
        item(m, "项目支出名称", &table->u.decl.name);
        const struct ast_str *dept = model_attribute(table, "预算部门");
        item(m, "预算部门", dept != NULL ? dept : model_department(table, parent));
        lit(m, "- **项目支出实施期**：");
        const struct ast_node *period = ast_field(table, AST_PERIOD);
        if (period != NULL)
            form(m, period->u.period.value);
        lit(m, "\n");
    } else {
        item(m, "部门名称", &table->u.decl.name);
    }
    funds_table(m, table, ast_field(table, AST_FUNDS));
    if (project) {
        block(m, "实施期绩效目标", model_text(table, AST_TEXT_PERIOD_GOAL));
        block(m, "本年度绩效目标", model_text(table, AST_TEXT_GOAL));
    } else {
        block(m, "部门职能", model_text(table, AST_TEXT_DUTIES));
        block(m, "整体绩效目标", model_text(table, AST_TEXT_GOAL));
        duty_table(m, table);
    }
    block(m, "实际完成情况", model_text(table, AST_TEXT_ACTUAL));
    indicators_table(m, table, ast_field(table, AST_INDICATORS));
    indicators_table(m, table, ast_field(table, AST_PERIOD_INDICATORS));
    schedule_table(m, ast_field(table, AST_SCHEDULE));
    if (m->evaluation)
        scores(m, table);
    attributes(m, table, MODEL_PLACE_FOOTER);
}

void
emit_markdown(const struct compilation *c, FILE *out, const struct emit_options *opt)
{
    (void)opt; /* Markdown takes no options */
    char buf[WRITER_BUFFER];
    struct md m = {.c = c};
    writer_init(&m.out, out, buf, sizeof buf);
    model_each_table(c, table_section, &m);
    if (!m.any)
        lit(&m, "没有绩效目标表。\n");
    writer_flush(&m.out);
}
