/*
 * emit_markdown.c - the Markdown back end: the tables for a pull request.
 *
 * GitHub-flavoured Markdown, one input per document, tables in source
 * order.  Each table gets a level-2 heading (its form's title and its
 * name), a list of its short fields, its money as a two-column pipe table,
 * its long texts under level-3 headings, and its indicators as a pipe table
 * with one row per indicator: Markdown has no rowspan, so 一级 and 二级 are
 * repeated on every row.  All source text goes through escape_markdown().
 */
#include "emit/emit.h"
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

/* --- money ----------------------------------------------------------------- */

/* Nesting shown by ideographic spaces, which Markdown does not trim from a cell. */
static void
indent(struct md *m, int depth)
{
    for (int i = 0; i < depth; i++)
        lit(m, "　");
}

static void
fund_rows(struct md *m, const struct ast_node *parent, const struct ast_list *items, int depth)
{
    for (const struct ast_node *i = items->first; i != NULL; i = i->next) {
        lit(m, "| ");
        indent(m, depth);
        if (i->kind == AST_FUND_LINE) {
            str(m, &i->u.fund.name);
            lit(m, " | ");
            amount(m, i);
            lit(m, " |\n");
            fund_rows(m, i, &i->u.fund.items, depth + 1);
        } else if (i->kind == AST_PARTITION) {
            lit(m, "按");
            str(m, &i->u.partition.name);
            lit(m, "分 | ");
            amount(m, parent);
            lit(m, " |\n");
            fund_rows(m, parent, &i->u.partition.lines, depth + 1);
        } else {
            lit(m, "其中 | |\n");
            fund_rows(m, parent, &i->u.partition.lines, depth + 1);
        }
    }
}

static void
funds_table(struct md *m, const struct ast_node *funds)
{
    if (funds == NULL)
        return;
    const char *unit = model_money_unit(funds);
    heading(m, "年度预算");
    start_block(m);
    lit(m, "| 资金 | 金额（");
    inline_text(m, unit, strlen(unit));
    lit(m, "） |\n| :-- | --: |\n| 资金总额 | ");
    amount(m, funds);
    lit(m, " |\n");
    fund_rows(m, funds, &funds->u.fund.items, 1);
}

/* --- indicators ------------------------------------------------------------ */

struct columns {
    bool item, standard, weight, note;
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
    for (int i = 0; i < cols->standard + cols->weight + cols->note; i++)
        lit(m, " |");
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
    if (cols->note) {
        lit(m, " ");
        if ((mod = model_modifier(ind, AST_MOD_NOTE)) != NULL)
            str(m, &mod->u.modifier.text);
        lit(m, " |");
    }
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

static void
indicators_table(struct md *m, const struct ast_node *table)
{
    const struct ast_node *inds = ast_field(table, AST_INDICATORS);
    if (inds == NULL)
        return;
    struct columns cols = {false, table->kind == AST_PROJECT, false, false};
    scan_columns(inds, &cols);
    heading(m, table->kind == AST_DEPARTMENT ? "年度绩效指标" : "本年度绩效指标");
    start_block(m);
    lit(m, "| 一级指标 | 二级指标 |");
    int n = 4;
    if (cols.item)
        lit(m, " 名称 |");
    lit(m, " 三级指标 | 指标值及单位 |");
    if (cols.standard)
        lit(m, " 绩效标准 |");
    if (cols.weight)
        lit(m, " 分值 |");
    if (cols.note)
        lit(m, " 备注 |");
    n += cols.item + cols.standard + cols.weight + cols.note;
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
    funds_table(m, ast_field(table, AST_FUNDS));
    if (project) {
        block(m, "实施期绩效目标", model_text(table, AST_TEXT_PERIOD_GOAL));
        block(m, "本年度绩效目标", model_text(table, AST_TEXT_GOAL));
    } else {
        block(m, "部门职能", model_text(table, AST_TEXT_DUTIES));
        block(m, "整体绩效目标", model_text(table, AST_TEXT_GOAL));
    }
    indicators_table(m, table);
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
