/*
 * emit_html.c - the HTML back end: the official form, in a browser.
 *
 * One self-contained page per input (inline CSS, no scripts, nothing
 * fetched), one <section> per table in source order: 部门整体支出绩效目标表
 * for a department, 项目支出绩效目标表 for each project, laid out as the
 * paper form is.  Each form is two tables that print as one: the rows
 * above the indicators (.info) and the indicator table (.indicators),
 * whose header repeats on every printed page and whose 一级/二级 cells,
 * one a row, look merged.  Print CSS: A4, each form on a new page, no
 * indicator row split across pages.  The form is the one filed: targets
 * as the source writes them (model_form_target_filed; goalc's notation
 * with emit_options.canonical_targets) and the labels in the table's own
 * wording where an attribute gives one (model_label_renamed).  A table with
 * a self-evaluation is printed as its 自评表 instead (emit_html_selfeval.c,
 * sharing this file's writers through emit_html.h); its CSS is added after
 * this file's only on a page that has one, so a goal-only page keeps its
 * bytes.
 *
 * Markup the tests rely on (tests/browser/check_dom.py): a table is a
 * section.department or section.project whose first td is its name; every
 * indicator is a tr.indicator, every 不适用 category one tr.na, every empty
 * category one tr.empty; th.l1 and th.l2 are the category cells, in every
 * row of their category, th.first in its first row and th.cont in the
 * others; no cell of the indicator table spans rows.  All source text goes through
 * escape_html_cell() (a line break in a name or a target is a <br>) or, in
 * the long texts and the <title>, escape_html(); literal markup here holds
 * no source text.
 */
#include "emit/emit.h"
#include "emit/emit_html.h"
#include "model/model.h"

#include "model/ast.h"
#include "base/decimal.h"
#include "model/compilation.h"
#include "base/escape.h"
#include "base/writer.h"

#include <string.h>

static const char style[] =
    "@page{size:A4;margin:14mm 12mm}\n"
    "html{background:#fff;color:#000}\n"
    "body{margin:0;padding:10mm 4mm;font:10.5pt/1.5 \"Noto Serif CJK SC\",\"Source Han Serif "
    "SC\",\"Songti SC\",SimSun,\"宋体\",serif}\n"
    ".form{width:186mm;max-width:100%;margin:0 auto 18mm}\n"
    "h1{margin:0 0 4mm;font:bold 16pt/1.4 \"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang "
    "SC\",\"Microsoft YaHei\",SimHei,\"黑体\",sans-serif;text-align:center}\n"
    ".meta,.sign{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 2em;margin:0 0 "
    "1.5mm}\n"
    ".sign{justify-content:flex-start;gap:.3em 2.5em;margin:2mm 0 0}\n"
    "table{width:100%;border-collapse:collapse;table-layout:fixed}\n"
    "table+table{margin-top:-1px}\n"
    "th,td{border:1px solid #000;padding:1.2mm 1.6mm;vertical-align:middle;overflow-wrap:anywhere}\n"
    "th{font-weight:normal;text-align:center}\n"
    "thead th{font-weight:bold}\n"
    ".text{white-space:pre-line;text-align:justify}\n"
    ".amount{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".part,.line{text-align:left}\n"
    ".line{padding-left:2em}.d2{padding-left:3.5em}.d3{padding-left:5em}.d4{padding-left:6.5em}\n"
    "thead .section{border-bottom:0}\n"
    "tbody .section{border-top:0}\n"
    ".indicators{line-height:1.4}\n"
    ".indicators th,.indicators td{padding-top:1mm;padding-bottom:1mm}\n"
    ".l1,.l2{padding-left:1mm;padding-right:1mm}\n"
    ".indicators .cont{border-top-style:hidden}\n"
    "th.cont{color:#666}\n"
    ".na{text-align:center}\n"
    ".empty-form{text-align:center}\n"
    "col.label{width:17%}col.num{width:14%}col.b{width:22%}col.wide{width:23%}\n"
    ".form.wide{width:273mm}\n"
    "@page wide{size:A4 landscape}\n"
    "@media print{\n"
    ".form.wide{page:wide;width:auto}\n"
    "body{padding:0}\n"
    ".form{width:auto;margin:0}\n"
    ".form+.form{break-before:page}\n"
    "h1,.meta{break-after:avoid}\n"
    "thead{display:table-header-group}\n"
    ".indicators tr{break-inside:avoid}\n"
    "}\n";

void
emit_html_form(struct html *h, const struct ast_node *target)
{
    struct model_form f;
    if (h->canonical)
        model_form_target(h->c, target, &f);
    else
        model_form_target_filed(h->c, target, &f);
    for (size_t i = 0; i < f.count; i++)
        html_text(h, f.piece[i].s, f.piece[i].len);
}

void
emit_html_amount(struct html *h, const struct ast_node *fund)
{
    char buf[DECIMAL_FORMAT_MAX];
    html_text(h, buf, model_amount(fund, buf));
}

/*
 * Where the form breaks a label's own spelling over two lines (年度本级<br>预算金额):
 * the bytes before the break; 0 for none.  A table's own wording (model_label_renamed)
 * is printed as written, its line breaks as <br>.
 */
static const unsigned char label_break[MODEL_LABEL_COUNT] = {
    [MODEL_LABEL_OWN_AMOUNT] = sizeof "年度本级" - 1,
    [MODEL_LABEL_UPPER_FUNDS] = sizeof "该项目支出" - 1,
    [MODEL_LABEL_DEPARTMENT_INDICATORS] = sizeof "部门整体支出" - 1,
    [MODEL_LABEL_PROJECT_INDICATORS] = sizeof "本年度" - 1,
};

void
emit_html_label(struct html *h, enum model_label which)
{
    const struct ast_str *own = model_label_renamed(h->table, which);
    const char *name = model_label_name(which);
    if (own != NULL) {
        html_str(h, own);
    } else if (label_break[which] != 0) {
        writer_bytes(&h->out, name, label_break[which]);
        html_lit(h, "<br>");
        html_lit(h, name + label_break[which]);
    } else {
        html_lit(h, name);
    }
}

/* The form's title: 2024年部门整体支出绩效目标表. */
static void
title(struct html *h, const struct ast_node *table, const struct ast_node *parent)
{
    if (emit_html_is_selfeval(table)) {
        emit_html_selfeval_title(h, table, parent);
        return;
    }
    int year = model_year(table, parent);
    if (year != 0) {
        html_number(h, year);
        html_lit(h, "年");
    }
    html_lit(h, table->kind == AST_DEPARTMENT ? "部门整体支出绩效目标表" : "项目支出绩效目标表");
}

/* --- the rows above the indicators ----------------------------------------- */

/*
 * The .info table's columns are those its rows need, so that every column
 * has a cell starting in it (a validator insists): a label, then
 *   2: a value (a department without 资金),
 *   3: a name and an amount (a department's 资金 as a list),
 *   4: value, label, value (a project: 项目支出名称 … 预算部门 …),
 *   5: name, amount, name, amount (a department's partitions side by side).
 */
static void
number_attr(struct html *h, const char *name, int n)
{
    html_lit(h, " ");
    html_lit(h, name);
    html_lit(h, "=\"");
    html_number(h, n);
    html_lit(h, "\"");
}

void
emit_html_colspan(struct html *h, int n)
{
    if (n > 1)
        number_attr(h, "colspan", n);
}

static void
label_row(struct html *h, enum model_label which, const struct ast_str *value, bool long_text)
{
    html_lit(h, "<tr><th scope=\"row\">");
    emit_html_label(h, which);
    html_lit(h, "</th><td");
    emit_html_colspan(h, h->cols - 1);
    html_lit(h, long_text ? " class=\"text\">" : ">");
    if (long_text)
        html_plain(h, value);
    else
        html_str(h, value);
    html_lit(h, "</td></tr>\n");
}

/* A label cell with the money unit: 年度预算<br>（万元）. */
static void
money_label(struct html *h, enum model_label which, const struct ast_node *funds, int rowspan)
{
    html_lit(h, "<th scope=\"row\"");
    if (rowspan > 1)
        number_attr(h, "rowspan", rowspan);
    html_lit(h, ">");
    emit_html_label(h, which);
    html_lit(h, "<br>（");
    const char *unit = model_money_unit(funds);
    html_text(h, unit, strlen(unit));
    html_lit(h, "）</th>");
}

/*
 * The paper form's 资金 layout for a department: 资金总额, then the
 * partitions side by side (two or more partitions of plain lines).
 */
static bool
side_by_side(const struct ast_node *funds)
{
    if (funds->u.fund.items.count < 2)
        return false;
    for (const struct ast_node *p = funds->u.fund.items.first; p != NULL; p = p->next) {
        if (p->kind != AST_PARTITION)
            return false;
        for (const struct ast_node *l = p->u.partition.lines.first; l != NULL; l = l->next)
            if (l->u.fund.items.first != NULL)
                return false;
    }
    return true;
}

/* Rows of the general layout: one per line, partition or 其中, nested by indentation. */
static int
fund_entries(const struct ast_list *items)
{
    int n = 0;
    for (const struct ast_node *i = items->first; i != NULL; i = i->next)
        n += 1 + fund_entries(i->kind == AST_FUND_LINE ? &i->u.fund.items
                                                       : &i->u.partition.lines);
    return n;
}

static int
budget_rows(const struct ast_node *funds)
{
    if (funds == NULL)
        return 1;
    if (!side_by_side(funds))
        return 1 + fund_entries(&funds->u.fund.items);
    int rows = 1;
    const struct ast_node *a = funds->u.fund.items.first;
    while (a != NULL) {
        const struct ast_node *b = a->next;
        size_t na = a->u.partition.lines.count, nb = b != NULL ? b->u.partition.lines.count : 0;
        rows += 1 + (int)(na > nb ? na : nb);
        a = b != NULL ? b->next : NULL;
    }
    return rows;
}

static void
partition_header(struct html *h, const struct ast_node *funds, const struct ast_node *p)
{
    if (p == NULL) {
        html_lit(h, "<td colspan=\"2\"></td>");
        return;
    }
    html_lit(h, "<th class=\"part\">按");
    html_str(h, &p->u.partition.name);
    html_lit(h, "分</th><td class=\"amount\">");
    emit_html_amount(h, funds);
    html_lit(h, "</td>");
}

static void
line_pair(struct html *h, const struct ast_node *line)
{
    if (line == NULL) {
        html_lit(h, "<td colspan=\"2\"></td>");
        return;
    }
    html_lit(h, "<td class=\"line\">");
    html_str(h, &line->u.fund.name);
    html_lit(h, "</td><td class=\"amount\">");
    emit_html_amount(h, line);
    html_lit(h, "</td>");
}

static void
side_by_side_rows(struct html *h, const struct ast_node *funds)
{
    const struct ast_node *a = funds->u.fund.items.first;
    while (a != NULL) {
        const struct ast_node *b = a->next;
        html_lit(h, "<tr>");
        partition_header(h, funds, a);
        partition_header(h, funds, b);
        html_lit(h, "</tr>\n");
        const struct ast_node *la = a->u.partition.lines.first;
        const struct ast_node *lb = b != NULL ? b->u.partition.lines.first : NULL;
        while (la != NULL || lb != NULL) {
            html_lit(h, "<tr>");
            line_pair(h, la);
            line_pair(h, lb);
            html_lit(h, "</tr>\n");
            la = la != NULL ? la->next : NULL;
            lb = lb != NULL ? lb->next : NULL;
        }
        a = b != NULL ? b->next : NULL;
    }
}

static void
general_rows(struct html *h, const struct ast_node *parent, const struct ast_list *items,
             int depth)
{
    int d = depth < 4 ? depth : 4;
    for (const struct ast_node *i = items->first; i != NULL; i = i->next) {
        if (i->kind == AST_FUND_LINE) {
            html_lit(h, "<tr><td class=\"line d");
            html_number(h, d);
            html_lit(h, "\"");
            emit_html_colspan(h, h->cols - 2);
            html_lit(h, ">");
            html_str(h, &i->u.fund.name);
            html_lit(h, "</td><td class=\"amount\">");
            emit_html_amount(h, i);
            html_lit(h, "</td></tr>\n");
            general_rows(h, i, &i->u.fund.items, depth + 1);
        } else {
            html_lit(h, "<tr><th class=\"part line d");
            html_number(h, d);
            html_lit(h, "\"");
            emit_html_colspan(h, h->cols - 2);
            html_lit(h, ">");
            if (i->kind == AST_PARTITION) {
                html_lit(h, "按");
                html_str(h, &i->u.partition.name);
                html_lit(h, "分</th><td class=\"amount\">");
                emit_html_amount(h, parent);
            } else {
                html_lit(h, "其中</th><td>");
            }
            html_lit(h, "</td></tr>\n");
            general_rows(h, parent, &i->u.partition.lines, depth + 1);
        }
    }
}

/* The 年度预算 block: the label cell spans all of its rows. */
static void
budget_block(struct html *h, const struct ast_node *funds)
{
    int rows = budget_rows(funds);
    html_lit(h, "<tr>");
    money_label(h, MODEL_LABEL_BUDGET, funds, rows);
    if (funds == NULL) {
        html_lit(h, "<td");
        emit_html_colspan(h, h->cols - 1);
        html_lit(h, "></td></tr>\n");
        return;
    }
    if (h->cols == 5) {
        html_lit(h, "<th class=\"part\">");
        emit_html_label(h, MODEL_LABEL_FUNDS_TOTAL);
        html_lit(h, "</th><td class=\"amount\">");
        emit_html_amount(h, funds);
        html_lit(h, "</td><td colspan=\"2\"></td></tr>\n");
        side_by_side_rows(h, funds);
    } else {
        html_lit(h, "<th class=\"part\"");
        emit_html_colspan(h, h->cols - 2);
        html_lit(h, ">");
        emit_html_label(h, MODEL_LABEL_FUNDS_TOTAL);
        html_lit(h, "</th><td class=\"amount\">");
        emit_html_amount(h, funds);
        html_lit(h, "</td></tr>\n");
        general_rows(h, funds, &funds->u.fund.items, 1);
    }
}

/* A project's money in the paper form's row: 本级 and 上级 (中央…、省…). */
static bool
own_and_upper(const struct ast_node *funds)
{
    if (funds == NULL || funds->u.fund.items.first == NULL)
        return false;
    for (const struct ast_node *l = funds->u.fund.items.first; l != NULL; l = l->next) {
        if (l->kind != AST_FUND_LINE)
            return false;
        bool own = strcmp(l->u.fund.name.text, "本级") == 0;
        bool upper = strcmp(l->u.fund.name.text, "上级") == 0;
        if (!own && !upper)
            return false;
        for (const struct ast_node *c = l->u.fund.items.first; c != NULL; c = c->next)
            if (own || c->kind != AST_FUND_LINE || c->u.fund.items.first != NULL)
                return false;
    }
    return true;
}

static const struct ast_node *
line_named(const struct ast_node *funds, const char *name)
{
    for (const struct ast_node *l = funds->u.fund.items.first; l != NULL; l = l->next)
        if (strcmp(l->u.fund.name.text, name) == 0)
            return l;
    return NULL;
}


static void
own_and_upper_row(struct html *h, const struct ast_node *funds)
{
    const struct ast_node *own = line_named(funds, "本级"), *upper = line_named(funds, "上级");
    html_lit(h, "<tr>");
    money_label(h, MODEL_LABEL_OWN_AMOUNT, funds, 1);
    html_lit(h, "<td class=\"amount\">");
    if (own != NULL)
        emit_html_amount(h, own);
    html_lit(h, "</td>");
    money_label(h, MODEL_LABEL_UPPER_FUNDS, funds, 1);
    if (upper == NULL) {
        html_lit(h, "<td></td>");
    } else if (upper->u.fund.items.first == NULL) {
        html_lit(h, "<td class=\"amount\">");
        emit_html_amount(h, upper);
        html_lit(h, "</td>");
    } else {
        html_lit(h, "<td>"); /* 中央4193.9、省1048.48 */
        for (const struct ast_node *l = upper->u.fund.items.first; l != NULL; l = l->next) {
            if (l != upper->u.fund.items.first)
                html_lit(h, "、");
            html_str(h, &l->u.fund.name);
            emit_html_amount(h, l);
        }
        html_lit(h, "</td>");
    }
    html_lit(h, "</tr>\n");
}

static void
department_info(struct html *h, const struct ast_node *table)
{
    label_row(h, MODEL_LABEL_DEPARTMENT_NAME, &table->u.decl.name, false);
    budget_block(h, ast_field(table, AST_FUNDS));
    label_row(h, MODEL_LABEL_DUTIES, model_text(table, AST_TEXT_DUTIES), true);
    label_row(h, MODEL_LABEL_OVERALL_GOAL, model_text(table, AST_TEXT_GOAL), true);
}

static void
project_info(struct html *h, const struct ast_node *table, const struct ast_node *parent)
{
    html_lit(h, "<tr><th scope=\"row\">");
    emit_html_label(h, MODEL_LABEL_PROJECT_NAME);
    html_lit(h, "</th><td>");
    html_str(h, &table->u.decl.name);
    html_lit(h, "</td><th scope=\"row\">预算部门</th><td>");
    const struct ast_str *dept = model_attribute(table, "预算部门");
    html_str(h, dept != NULL ? dept : model_department(table, parent));
    html_lit(h, "</td></tr>\n");
    const struct ast_node *funds = ast_field(table, AST_FUNDS);
    if (own_and_upper(funds))
        own_and_upper_row(h, funds);
    else
        budget_block(h, funds);
    html_lit(h, "<tr><th scope=\"row\">");
    emit_html_label(h, MODEL_LABEL_PERIOD);
    html_lit(h, "</th><td");
    emit_html_colspan(h, h->cols - 1);
    html_lit(h, ">");
    const struct ast_node *period = ast_field(table, AST_PERIOD);
    if (period != NULL)
        emit_html_form(h, period->u.period.value);
    html_lit(h, "</td></tr>\n");
    label_row(h, MODEL_LABEL_PERIOD_GOAL, model_text(table, AST_TEXT_PERIOD_GOAL), true);
    label_row(h, MODEL_LABEL_YEAR_GOAL, model_text(table, AST_TEXT_GOAL), true);
}

/* --- the indicator table --------------------------------------------------- */

/* Columns after 二级: [名称] 三级 指标值 [绩效标准] [分值] [备注], then one per 栏 name. */
struct columns {
    bool item, standard, weight, note;
    const struct ast_columns *extra; /* the 栏 names, in first-seen order (sema_columns) */
    int tail;
    bool landscape;   /* the table needs the width of a landscape page */
    int permille[8];  /* 一级 … 备注: each column's share of the table; 0 when absent */
    int extra_permille; /* each 栏 column's share */
};

static void
scan_columns(const struct ast_node *inds, struct columns *cols)
{
    cols->extra = &inds->u.indicators.columns;
    for (const struct ast_node *l1 = inds->u.indicators.categories.first; l1 != NULL;
         l1 = l1->next) {
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next) {
            if (l2->kind != AST_CATEGORY)
                continue;
            for (const struct ast_node *i = l2->u.category.items.first; i != NULL; i = i->next) {
                if (i->kind != AST_INDICATOR)
                    continue;
                cols->item = cols->item || model_modifier(i, AST_MOD_ITEM) != NULL;
                cols->standard = cols->standard || model_modifier(i, AST_MOD_STANDARD) != NULL;
                cols->weight = cols->weight || model_modifier(i, AST_MOD_WEIGHT) != NULL;
                cols->note = cols->note || model_modifier(i, AST_MOD_NOTE) != NULL;
            }
        }
    }
    cols->tail = cols->item + 2 + cols->standard + cols->weight + cols->note +
                 (int)cols->extra->count;
}

/*
 * The widths of the indicator table's columns, in tenths of a millimetre
 * of the printed A4 page (14 mm × 12 mm margins).  The section column is
 * the .info table's label column (col.label, 17%), so the two line up;
 * 一级 and 二级 get what four and six characters of 10.5 pt need beside
 * their 1 mm padding (产出指标 and 社会效益指标 on one line), 分值
 * what a number needs; the text columns share the rest by weight.  When
 * 三级指标 would be narrower than MIN_NAME on a portrait page (名称,
 * 绩效标准, 分值 and 备注 all present), the form is printed landscape.
 */
enum {
    PAGE_PORTRAIT = 1860,
    PAGE_LANDSCAPE = 2730,
    WIDTH_L1 = 200,
    WIDTH_L2 = 255,
    WIDTH_WEIGHT = 110,
    MIN_NAME = 350,
};

static void
lay_out_columns(struct columns *cols)
{
    const struct {
        bool present;
        int fixed;  /* tenths of a millimetre; 0: a share of the rest */
        int weight; /* its share */
    } col[8] = {
        {true, WIDTH_L1, 0},      {true, WIDTH_L2, 0},         {cols->item, 0, 12},
        {true, 0, 26},            {true, 0, 14},               {cols->standard, 0, 12},
        {cols->weight, WIDTH_WEIGHT, 0}, {cols->note, 0, 10},
    };
    /* Each 栏 column is weighted as 名称; past a few they share what is left. */
    int extra = cols->extra != NULL ? (int)cols->extra->count : 0;
    int extra_weight = extra == 0 ? 0 : extra <= 4 ? 12 * extra : 48;
    for (int page = PAGE_PORTRAIT;; page = PAGE_LANDSCAPE) {
        int rest = page - page * 17 / 100, shares = extra_weight, used = 0;
        for (int i = 0; i < 8; i++)
            if (col[i].present) {
                rest -= col[i].fixed;
                shares += col[i].weight;
            }
        cols->landscape = page == PAGE_LANDSCAPE;
        if (rest * 26 / shares < MIN_NAME && !cols->landscape)
            continue;
        for (int i = 0; i < 8; i++) {
            int mm = !col[i].present ? 0 : col[i].fixed ? col[i].fixed : rest * col[i].weight / shares;
            cols->permille[i] = mm * 1000 / page;
            used += cols->permille[i];
        }
        if (extra > 0) {
            cols->extra_permille = rest * extra_weight / shares / extra * 1000 / page;
            used += cols->extra_permille * extra;
        }
        cols->permille[3] += 830 - used; /* rounding: the columns fill the table */
        return;
    }
}

/*
 * No cell spans rows: a rowspan cell does not repeat on a printed page it
 * runs onto, and Chromium keeps a row that starts one whole with the rows
 * it spans, pushing a whole 一级 group to the next page.  So every row has
 * its own section, 一级 and 二级 cells, the category's name in each; the
 * rows of one category look merged because the border between their
 * cells is hidden (.cont), and the name is printed on the first row of
 * the category (.first) and, dimmed, on the rows after it, so a page the
 * category runs onto still says what it is.
 */
struct rows {
    struct html *h;
    const struct columns *cols;
    bool any;                       /* a row has been written */
    const struct ast_node *l1, *l2; /* the categories of the rows being written */
    bool l1_first, l2_first;        /* the next row is the first of l1, of l2 */
};

static void
category_cell(struct html *h, const char *cls, const struct ast_node *cat, bool first)
{
    html_lit(h, "<th class=\"");
    html_lit(h, cls);
    html_lit(h, first ? " first\">" : " cont\">");
    html_str(h, &cat->u.category.name);
    html_lit(h, "</th>");
}

/* l2 is NULL for a row of the 一级 category itself (its 不适用 or empty row). */
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
    const struct ast_node *m;
    if (r->cols->item) {
        html_lit(h, "<td>");
        if ((m = model_modifier(ind, AST_MOD_ITEM)) != NULL)
            html_str(h, &m->u.modifier.text);
        html_lit(h, "</td>");
    }
    html_lit(h, "<td>");
    html_str(h, &ind->u.indicator.name);
    html_lit(h, "</td><td class=\"value\">");
    emit_html_form(h, ind->u.indicator.target);
    html_lit(h, "</td>");
    if (r->cols->standard) {
        html_lit(h, "<td class=\"value\">");
        if ((m = model_modifier(ind, AST_MOD_STANDARD)) != NULL)
            emit_html_form(h, m->u.modifier.target);
        html_lit(h, "</td>");
    }
    if (r->cols->weight) {
        html_lit(h, "<td class=\"amount\">");
        if ((m = model_modifier(ind, AST_MOD_WEIGHT)) != NULL)
            html_text(h, m->u.modifier.number.digits, strlen(m->u.modifier.number.digits));
        html_lit(h, "</td>");
    }
    if (r->cols->note) {
        html_lit(h, "<td>");
        if ((m = model_modifier(ind, AST_MOD_NOTE)) != NULL)
            html_str(h, &m->u.modifier.text);
        html_lit(h, "</td>");
    }
    for (uint32_t i = 0; i < r->cols->extra->count; i++) {
        html_lit(h, "<td class=\"column\">");
        if ((m = model_column(ind, r->cols->extra->names[i]->text)) != NULL)
            html_str(h, model_column_text(m));
        html_lit(h, "</td>");
    }
    html_lit(h, "</tr>\n");
}

/* A 不适用 row: the words in the first column below the category, the rest empty. */
static void
not_applicable_row(struct rows *r, int before, int after)
{
    row_open(r, "na");
    empty_cells(r->h, before);
    html_lit(r->h, "<td class=\"na\">不适用</td>");
    empty_cells(r->h, after);
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
        } else if (!na_done) { /* 不适用, shown once as the JSON has it */
            not_applicable_row(r, r->cols->item, r->cols->tail - r->cols->item - 1);
            na_done = any = true;
        }
    }
    if (!any)
        empty_row(r, r->cols->tail);
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
            not_applicable_row(r, 0, r->cols->tail);
            na_done = any = true;
        }
    }
    if (!any) {
        r->l2 = NULL;
        empty_row(r, 1 + r->cols->tail);
    }
}

/* An indicator table's columns and their widths (no indicators: none, portrait). */
static void
table_columns(const struct ast_node *table, const struct ast_node *inds, struct columns *cols)
{
    static const struct ast_columns none;
    *cols = (struct columns){.standard = table->kind == AST_PROJECT, .extra = &none};
    if (inds != NULL) {
        scan_columns(inds, cols);
        lay_out_columns(cols);
    }
}

static void
column_header(struct html *h, enum model_label which)
{
    html_lit(h, "<th scope=\"col\">");
    emit_html_label(h, which);
    html_lit(h, "</th>");
}

/* 指标, or a project's 实施期指标 (inds of that kind): one indicator table. */
void
emit_html_indicator_table(struct html *h, const struct ast_node *table, const struct ast_node *inds)
{
    if (inds == NULL)
        return;
    struct columns cols;
    table_columns(table, inds, &cols);
    html_lit(h, "<table class=\"indicators\">\n<colgroup><col class=\"label\">");
    for (size_t i = 0; i < sizeof cols.permille / sizeof cols.permille[0]; i++) {
        if (cols.permille[i] == 0)
            continue;
        html_lit(h, "<col style=\"width:");
        html_number(h, cols.permille[i] / 10);
        html_lit(h, ".");
        html_number(h, cols.permille[i] % 10);
        html_lit(h, "%\">");
    }
    for (uint32_t i = 0; i < cols.extra->count; i++) {
        html_lit(h, "<col style=\"width:");
        html_number(h, cols.extra_permille / 10);
        html_lit(h, ".");
        html_number(h, cols.extra_permille % 10);
        html_lit(h, "%\">");
    }
    html_lit(h, "</colgroup>\n<thead><tr><th scope=\"col\" class=\"section\">");
    if (inds->kind == AST_PERIOD_INDICATORS)
        html_lit(h, "实施期<br>绩效指标"); /* the 实施期目标's indicators, as 本年度绩效指标 */
    else
        emit_html_label(h, table->kind == AST_DEPARTMENT ? MODEL_LABEL_DEPARTMENT_INDICATORS
                                                         : MODEL_LABEL_PROJECT_INDICATORS);
    html_lit(h, "</th>");
    column_header(h, MODEL_LABEL_LEVEL1);
    column_header(h, MODEL_LABEL_LEVEL2);
    if (cols.item)
        column_header(h, MODEL_LABEL_ITEM);
    column_header(h, MODEL_LABEL_INDICATOR);
    column_header(h, MODEL_LABEL_VALUE);
    if (cols.standard)
        column_header(h, MODEL_LABEL_STANDARD);
    if (cols.weight)
        column_header(h, MODEL_LABEL_WEIGHT);
    if (cols.note)
        html_lit(h, "<th scope=\"col\">备注</th>"); /* not a label: 备注 "…" is a remark */
    for (uint32_t i = 0; i < cols.extra->count; i++) {
        html_lit(h, "<th scope=\"col\" class=\"column\">");
        html_str(h, cols.extra->names[i]);
        html_lit(h, "</th>");
    }
    html_lit(h, "</tr></thead>\n<tbody>\n");
    struct rows r = {h, &cols, false, NULL, NULL, false, false};
    for (const struct ast_node *l1 = inds->u.indicators.categories.first; l1 != NULL;
         l1 = l1->next)
        level1_rows(&r, l1);
    if (!r.any)
        empty_row(&r, 2 + cols.tail);
    html_lit(h, "</tbody>\n</table>\n");
}

/* --- 栏 of the fund lines, 进度 (issue 15) ------------------------------------ */

/* The lines above a fund line, nearest first: a nested line is shown with them (上级 / 省). */
struct fund_path {
    const struct ast_node *line;
    const struct fund_path *up;
};

static void
fund_path_text(struct html *h, const struct fund_path *p)
{
    if (p == NULL)
        return;
    fund_path_text(h, p->up);
    if (p->up != NULL)
        html_lit(h, " / ");
    html_str(h, &p->line->u.fund.name);
}

static void fund_column_rows(struct html *h, const struct ast_columns *names,
                             const struct ast_node *n, const struct fund_path *up);

/* A fund node's row of the 栏 table when it has one, then the rows of the lines under it. */
static void
fund_column_row(struct html *h, const struct ast_columns *names, const struct ast_node *n,
                const struct fund_path *up)
{
    struct fund_path here = {n, up};
    bool any = false;
    for (const struct ast_node *m = n->u.fund.mods.first; m != NULL && !any; m = m->next)
        any = model_is_column(m);
    if (any) {
        html_lit(h, "<tr class=\"fund-column\"><th scope=\"row\" class=\"part\">");
        if (n->kind == AST_FUNDS)
            html_lit(h, "资金总额");
        else
            fund_path_text(h, &here);
        html_lit(h, "</th>");
        for (uint32_t i = 0; i < names->count; i++) {
            const struct ast_node *m = model_column(n, names->names[i]->text);
            html_lit(h, "<td>");
            if (m != NULL)
                html_str(h, model_column_text(m));
            html_lit(h, "</td>");
        }
        html_lit(h, "</tr>\n");
    }
    fund_column_rows(h, names, n, n->kind == AST_FUNDS ? NULL : &here);
}

static void
fund_column_rows(struct html *h, const struct ast_columns *names, const struct ast_node *n,
                 const struct fund_path *up)
{
    for (const struct ast_node *item = n->u.fund.items.first; item != NULL; item = item->next) {
        if (item->kind == AST_FUND_LINE)
            fund_column_row(h, names, item, up);
        else
            for (const struct ast_node *l = item->u.partition.lines.first; l != NULL; l = l->next)
                fund_column_row(h, names, l, up);
    }
}

/*
 * The 栏 of the 资金 and its lines (测算依据…), below the rows of the
 * money: a table of the lines that have one, a column per name in
 * first-seen order, as the indicator table's 栏.
 */
void
emit_html_fund_columns(struct html *h, const struct ast_node *funds)
{
    if (funds == NULL || funds->u.fund.columns.count == 0)
        return;
    const struct ast_columns *names = &funds->u.fund.columns;
    html_lit(h, "<table class=\"fund-columns\">\n<thead><tr><th scope=\"col\">资金</th>");
    for (uint32_t i = 0; i < names->count; i++) {
        html_lit(h, "<th scope=\"col\">");
        html_str(h, names->names[i]);
        html_lit(h, "</th>");
    }
    html_lit(h, "</tr></thead>\n<tbody>\n");
    fund_column_row(h, names, funds, NULL);
    html_lit(h, "</tbody>\n</table>\n");
}

static void
schedule_cell(struct html *h, const struct ast_date *d)
{
    html_lit(h, "<td>");
    if (d != NULL) {
        struct model_form f;
        model_form_date(d, &f);
        for (size_t i = 0; i < f.count; i++)
            html_text(h, f.piece[i].s, f.piece[i].len);
    }
    html_lit(h, "</td>");
}

/*
 * 项目实施进度计划: 实施内容, 开始时间, 完成时间.  A period fills both
 * times; a deadline the 完成时间 (a deadline with a comparator other than
 * 前 is printed whole there); a string spans both.
 */
void
emit_html_schedule(struct html *h, const struct ast_node *schedule)
{
    if (schedule == NULL)
        return;
    html_lit(h, "<table class=\"schedule\">\n<thead><tr><th scope=\"col\" colspan=\"3\">"
                "项目实施进度计划</th></tr>\n<tr><th scope=\"col\">实施内容</th>"
                "<th scope=\"col\">开始时间</th><th scope=\"col\">完成时间</th></tr></thead>\n"
                "<tbody>\n");
    for (const struct ast_node *row = schedule->u.schedule.rows.first; row != NULL;
         row = row->next) {
        const struct ast_node *v = row->u.schedule_row.value;
        html_lit(h, "<tr class=\"step\"><td>");
        html_str(h, &row->u.schedule_row.name);
        html_lit(h, "</td>");
        switch (v->u.target.kind) {
        case AST_TARGET_PERIOD:
            schedule_cell(h, &v->u.target.date);
            schedule_cell(h, &v->u.target.date_to);
            break;
        case AST_TARGET_DEADLINE:
            schedule_cell(h, NULL);
            if (v->u.target.cmp == AST_CMP_EQ || v->u.target.cmp == AST_CMP_LE) {
                schedule_cell(h, &v->u.target.date);
            } else {
                html_lit(h, "<td>");
                emit_html_form(h, v);
                html_lit(h, "</td>");
            }
            break;
        case AST_TARGET_COMPARISON:
        case AST_TARGET_RANGE:
        case AST_TARGET_QUALITATIVE:
            html_lit(h, "<td colspan=\"2\">");
            emit_html_form(h, v);
            html_lit(h, "</td>");
            break;
        }
        html_lit(h, "</tr>\n");
    }
    html_lit(h, "</tbody>\n</table>\n");
}

/*
 * The 栏 of a 自评表's indicators, whose indicator table has the official
 * 自评表's columns only: a table of the indicators that have one, 三级指标
 * then a column per name in first-seen order.
 */
void
emit_html_indicator_columns(struct html *h, const struct ast_node *inds)
{
    const struct ast_columns *names = &inds->u.indicators.columns;
    if (names->count == 0)
        return;
    html_lit(h, "<table class=\"indicator-columns\">\n<thead><tr><th scope=\"col\">");
    emit_html_label(h, MODEL_LABEL_INDICATOR);
    html_lit(h, "</th>");
    for (uint32_t i = 0; i < names->count; i++) {
        html_lit(h, "<th scope=\"col\">");
        html_str(h, names->names[i]);
        html_lit(h, "</th>");
    }
    html_lit(h, "</tr></thead>\n<tbody>\n");
    for (const struct ast_node *l1 = inds->u.indicators.categories.first; l1 != NULL; l1 = l1->next)
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next)
            for (const struct ast_node *i = l2->kind == AST_CATEGORY ? l2->u.category.items.first : NULL;
                 i != NULL; i = i->next) {
                bool any = false;
                for (const struct ast_node *m = i->kind == AST_INDICATOR ? i->u.indicator.modifiers.first : NULL;
                     m != NULL && !any; m = m->next)
                    any = model_is_column(m);
                if (!any)
                    continue;
                html_lit(h, "<tr><td>");
                html_str(h, &i->u.indicator.name);
                html_lit(h, "</td>");
                for (uint32_t k = 0; k < names->count; k++) {
                    const struct ast_node *m = model_column(i, names->names[k]->text);
                    html_lit(h, "<td>");
                    if (m != NULL)
                        html_str(h, model_column_text(m));
                    html_lit(h, "</td>");
                }
                html_lit(h, "</tr>\n");
            }
    html_lit(h, "</tbody>\n</table>\n");
}

/* --- the page -------------------------------------------------------------- */

/* The attributes printed in one place: 填报单位：（盖章） above, 填表人：… below. */
void
emit_html_attributes(struct html *h, const struct ast_node *table, enum model_place place, const char *cls)
{
    bool any = false;
    for (const struct ast_node *n = table->u.decl.body.first; n != NULL; n = n->next) {
        if (n->kind != AST_ATTRIBUTE || model_attribute_place(table, n) != place ||
            model_attribute_is_label(n))
            continue;
        if (!any) {
            html_lit(h, "<p class=\"");
            html_lit(h, cls);
            html_lit(h, "\">");
        }
        any = true;
        html_lit(h, "<span>");
        html_str(h, &n->u.attribute.name);
        html_lit(h, "：");
        html_str(h, &n->u.attribute.value);
        html_lit(h, "</span>");
    }
    if (any)
        html_lit(h, "</p>\n");
}

static void
section(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct html *h = ctx;
    h->any = true;
    h->table = table;
    if (emit_html_is_selfeval(table)) {
        emit_html_selfeval_section(h, table, parent);
        return;
    }
    struct columns cols, period_cols;
    table_columns(table, ast_field(table, AST_INDICATORS), &cols);
    table_columns(table, ast_field(table, AST_PERIOD_INDICATORS), &period_cols);
    html_lit(h, table->kind == AST_DEPARTMENT ? "<section class=\"form department" : "<section class=\"form project");
    html_lit(h, cols.landscape || period_cols.landscape ? " wide\">\n<h1>" : "\">\n<h1>");
    title(h, table, parent);
    html_lit(h, "</h1>\n");
    emit_html_attributes(h, table, MODEL_PLACE_HEADER, "meta");
    const struct ast_node *funds = ast_field(table, AST_FUNDS);
    static const char *const colgroups[] = {
        [2] = "<col class=\"label\"><col>",
        [3] = "<col class=\"label\"><col><col class=\"num\">",
        [4] = "<col class=\"label\"><col><col class=\"b\"><col class=\"wide\">",
        [5] = "<col class=\"label\"><col><col class=\"num\"><col><col class=\"num\">",
    };
    h->cols = table->kind == AST_PROJECT ? 4 : funds == NULL ? 2 : side_by_side(funds) ? 5 : 3;
    html_lit(h, "<table class=\"info\">\n<colgroup>");
    html_lit(h, colgroups[h->cols]);
    html_lit(h, "</colgroup>\n<tbody>\n");
    if (table->kind == AST_DEPARTMENT)
        department_info(h, table);
    else
        project_info(h, table, parent);
    html_lit(h, "</tbody>\n</table>\n");
    emit_html_fund_columns(h, funds);
    if (table->kind == AST_DEPARTMENT)
        emit_html_duty_table(h, table);
    emit_html_indicator_table(h, table, ast_field(table, AST_INDICATORS));
    emit_html_indicator_table(h, table, ast_field(table, AST_PERIOD_INDICATORS));
    emit_html_schedule(h, ast_field(table, AST_SCHEDULE));
    emit_html_attributes(h, table, MODEL_PLACE_FOOTER, "sign");
    html_lit(h, "</section>\n");
}

struct first {
    const struct ast_node *table, *parent;
    bool selfeval; /* a table is printed as a 自评表 */
};

static void
first_table(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct first *f = ctx;
    f->selfeval = f->selfeval || emit_html_is_selfeval(table);
    if (f->table == NULL) {
        f->table = table;
        f->parent = parent;
    }
}

void
emit_html(const struct compilation *c, FILE *out, const struct emit_options *opt)
{
    char buf[WRITER_BUFFER];
    struct html h = {.c = c, .canonical = opt->canonical_targets};
    writer_init(&h.out, out, buf, sizeof buf);
    struct first f = {NULL, NULL, false};
    model_each_table(c, first_table, &f);
    html_lit(&h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"goalc\">\n<title>");
    if (f.table != NULL) {
        title(&h, f.table, f.parent);
        html_lit(&h, "：");
        html_plain(&h, &f.table->u.decl.name);
    } else {
        html_lit(&h, "预算绩效目标表");
    }
    html_lit(&h, "</title>\n<style>\n");
    html_lit(&h, style);
    if (f.selfeval) /* after the goal form's, so goal-only pages keep their bytes */
        html_lit(&h, emit_html_selfeval_style);
    html_lit(&h, "</style>\n</head>\n<body>\n");
    model_each_table(c, section, &h);
    if (!h.any)
        html_lit(&h, "<p class=\"empty-form\">没有绩效目标表。</p>\n");
    html_lit(&h, "</body>\n</html>\n");
    writer_flush(&h.out);
}
