/*
 * emit_model_rows.c - the rows of the workbook's model sheets (tables,
 * categories, attributes, schedule, duties, declarations: docs/xlsx.md,
 * "The model sheets"), field by field to a sink (emit_rows.h), for
 * emit_xlsx.c to lay out beside the CSV's indicators and funds.
 *
 * Together with indicators and funds they hold everything the checked
 * model has of an input, so that goalc import gives back the same model
 * (docs/import.md, "The XLSX round trip"): a table's settings and texts,
 * its categories in order (with the 不适用 and empty ones, 分值 and 得分),
 * its attributes, 进度, 履职 and the user's own declarations.  A value the
 * language writes in a form of its own (实施期 `2024-01 .. 2025-12`, a 进度
 * row's date, a declaration) is its source text as written: the reader
 * gives it back to the parser, which is the only one to read it.  Pure:
 * reads the model, writes nothing else, the same rows for the same input.
 */
#include "emit/emit_rows.h"

#include "model/ast.h"
#include "model/catalog.h"
#include "model/compilation.h"
#include "model/model.h"

#include <string.h>

struct rows {
    const struct compilation *c;
    const struct emit_row_sink *sink;
};

static void
cell(const struct rows *r, const char *s)
{
    struct escape_span span = {s != NULL ? s : "", s != NULL ? strlen(s) : 0};
    r->sink->cell(r->sink->ctx, &span, 1);
}

static void
cell_str(const struct rows *r, const struct ast_str *s)
{
    cell(r, s != NULL ? s->text : NULL);
}

static void
cell_source(const struct rows *r, const struct ast_node *n)
{
    cell(r, n != NULL ? compilation_text(r->c, n->span) : NULL);
}

static void
end_row(const struct rows *r)
{
    r->sink->end_row(r->sink->ctx);
}

/* department, project: as the CSV's rows name a table. */
static void
table_cells(const struct rows *r, const struct ast_node *table, const struct ast_node *parent)
{
    cell_str(r, model_department(table, parent));
    cell_str(r, table->kind == AST_PROJECT ? &table->u.decl.name : NULL);
}

/* The digits of the first modifier of that kind in a list (a category's 分值, 得分). */
static const char *
list_number(const struct ast_list *mods, enum ast_modifier_kind kind)
{
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next)
        if (m->kind == AST_MODIFIER && m->u.modifier.kind == kind)
            return m->u.modifier.number.digits;
    return NULL;
}

/* --- tables ------------------------------------------------------------------- */

static const enum diag_phrase_id table_columns[] = {
    PHRASE_CSV_DEPARTMENT,
    PHRASE_CSV_PROJECT,
    PHRASE_XLSX_COL_FRAMEWORK,
    PHRASE_XLSX_COL_YEAR,
    PHRASE_CSV_PERIOD,
    PHRASE_XLSX_COL_GOAL,
    PHRASE_XLSX_COL_PERIOD_GOAL,
    PHRASE_XLSX_COL_DUTIES,
    PHRASE_CSV_ACTUAL,
    PHRASE_XLSX_COL_INVERSE,
    PHRASE_XLSX_COL_TOTAL_POINTS,
    PHRASE_CSV_SCORE,
    PHRASE_XLSX_COL_GRADE,
    PHRASE_XLSX_COL_INDICATORS_WEIGHT,
    PHRASE_XLSX_COL_INDICATORS_SCORE,
    PHRASE_XLSX_COL_MONEY_UNIT,
    PHRASE_XLSX_COL_NESTED,
};

static void
table_row(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    const struct rows *r = ctx;
    table_cells(r, table, parent);
    const struct framework *fw = table->u.decl.framework;
    cell(r, fw != NULL ? fw->name : NULL);
    const struct ast_node *n = ast_field(table, AST_YEAR);
    cell(r, n != NULL ? n->u.year.value.digits : NULL);
    n = ast_field(table, AST_PERIOD);
    cell_source(r, n != NULL ? n->u.period.value : NULL);
    cell_str(r, model_text(table, AST_TEXT_GOAL));
    cell_str(r, model_text(table, AST_TEXT_PERIOD_GOAL));
    cell_str(r, model_text(table, AST_TEXT_DUTIES));
    cell_str(r, model_text(table, AST_TEXT_ACTUAL));
    n = ast_field(table, AST_INVERSE_RULE);
    cell_str(r, n != NULL ? &n->u.evaluation_field.word : NULL);
    n = ast_field(table, AST_TOTAL_POINTS);
    cell(r, n != NULL ? n->u.evaluation_field.number.digits : NULL);
    n = ast_field(table, AST_TABLE_SCORE);
    cell(r, n != NULL ? n->u.evaluation_field.number.digits : NULL);
    n = ast_field(table, AST_GRADE);
    cell_str(r, n != NULL ? &n->u.evaluation_field.word : NULL);
    n = ast_field(table, AST_INDICATORS); /* 指标 分值 90 { … } */
    cell(r, n != NULL ? list_number(&n->u.indicators.modifiers, AST_MOD_WEIGHT) : NULL);
    cell(r, n != NULL ? list_number(&n->u.indicators.modifiers, AST_MOD_SCORE) : NULL);
    n = ast_field(table, AST_FUNDS); /* 资金 万元 …: the unit as written, empty for the default */
    cell_str(r, n != NULL ? &n->u.fund.unit : NULL);
    /* a project written inside its department's 部门 { }, or beside it */
    cell(r, table->kind != AST_PROJECT ? NULL : parent != NULL ? "true" : "false");
    end_row(r);
}

/* --- categories ------------------------------------------------------------- */

static const enum diag_phrase_id category_columns[] = {
    PHRASE_CSV_DEPARTMENT, PHRASE_CSV_PROJECT, PHRASE_CSV_SET,
    PHRASE_CSV_LEVEL1,     PHRASE_CSV_LEVEL2,  PHRASE_XLSX_COL_NOT_APPLICABLE,
    PHRASE_CSV_WEIGHT,     PHRASE_CSV_SCORE,   PHRASE_XLSX_COL_IMPLIED,
};

static void
category_row(const struct rows *r, const struct ast_node *table, const struct ast_node *parent,
             const char *set, const struct ast_node *l1, const struct ast_node *l2)
{
    const struct ast_node *cat = l2 != NULL ? l2 : l1;
    table_cells(r, table, parent);
    cell(r, set);
    cell_str(r, &l1->u.category.name);
    cell_str(r, l2 != NULL ? &l2->u.category.name : NULL);
    cell(r, model_not_applicable(cat) ? "true" : "false");
    cell(r, list_number(&cat->u.category.modifiers, AST_MOD_WEIGHT));
    cell(r, list_number(&cat->u.category.modifiers, AST_MOD_SCORE));
    cell(r, cat->u.category.implied ? "true" : "false"); /* its name left out of the source */
    end_row(r);
}

static void
category_rows(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    const struct rows *r = ctx;
    for (int k = 0; k < 2; k++) {
        const struct ast_node *inds = ast_field(table, k ? AST_PERIOD_INDICATORS : AST_INDICATORS);
        if (inds == NULL)
            continue;
        for (const struct ast_node *l1 = inds->u.indicators.categories.first; l1 != NULL;
             l1 = l1->next) {
            if (l1->kind != AST_CATEGORY)
                continue;
            category_row(r, table, parent, k ? "period" : "year", l1, NULL);
            for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next)
                if (l2->kind == AST_CATEGORY)
                    category_row(r, table, parent, k ? "period" : "year", l1, l2);
        }
    }
}

/* --- attributes, schedule, duties ------------------------------------------------ */

static const enum diag_phrase_id attribute_columns[] = {
    PHRASE_CSV_DEPARTMENT,
    PHRASE_CSV_PROJECT,
    PHRASE_CSV_NAME,
    PHRASE_XLSX_COL_TEXT,
};

static void
attribute_rows(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    const struct rows *r = ctx;
    for (const struct ast_node *n = table->u.decl.body.first; n != NULL; n = n->next) {
        if (n->kind != AST_ATTRIBUTE)
            continue;
        table_cells(r, table, parent);
        cell_str(r, &n->u.attribute.name);
        cell_str(r, &n->u.attribute.value);
        end_row(r);
    }
}

static const enum diag_phrase_id schedule_columns[] = {
    PHRASE_CSV_DEPARTMENT,
    PHRASE_CSV_PROJECT,
    PHRASE_CSV_NAME,
    PHRASE_XLSX_COL_WHEN,
};

static void
schedule_rows(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    const struct rows *r = ctx;
    const struct ast_node *s = ast_field(table, AST_SCHEDULE);
    if (s == NULL)
        return;
    for (const struct ast_node *n = s->u.schedule.rows.first; n != NULL; n = n->next) {
        if (n->kind != AST_SCHEDULE_ROW)
            continue;
        table_cells(r, table, parent);
        cell_str(r, &n->u.schedule_row.name);
        cell_source(r, n->u.schedule_row.value);
        end_row(r);
    }
}

static const enum diag_phrase_id duty_columns[] = {
    PHRASE_CSV_DEPARTMENT, PHRASE_CSV_PROJECT, PHRASE_XLSX_COL_LEVEL,
    PHRASE_CSV_NAME,       PHRASE_CSV_AMOUNT,  PHRASE_CSV_UNIT,
};

static void
duty_rows_of(const struct rows *r, const struct ast_node *table, const struct ast_node *parent,
             const struct ast_list *rows)
{
    static const char *const level[] = {"duty", "task", "project"};
    for (const struct ast_node *n = rows->first; n != NULL; n = n->next) {
        if (n->kind != AST_DUTY_ROW)
            continue;
        table_cells(r, table, parent);
        cell(r, level[n->u.duty.level]);
        cell_str(r, &n->u.duty.name);
        cell(r, n->u.duty.amount.value.digits);
        cell_str(r, &n->u.duty.amount.unit);
        end_row(r);
        duty_rows_of(r, table, parent, &n->u.duty.rows);
    }
}

static void
duty_rows(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    const struct ast_node *t = ast_field(table, AST_DUTY_TABLE);
    if (t != NULL)
        duty_rows_of(ctx, table, parent, &t->u.duty.rows);
}

/* --- declarations -------------------------------------------------------------- */

static const enum diag_phrase_id declaration_columns[] = {PHRASE_XLSX_COL_TEXT};

static void
declaration_row(void *ctx, const struct ast_node *item)
{
    const struct rows *r = ctx;
    /* tables have rows of their own; includes are walked through */
    if (item->kind == AST_FRAMEWORK_REF || item->kind == AST_FRAMEWORK ||
        item->kind == AST_DIMENSION || item->kind == AST_PARTITION_DEF) {
        cell_source(r, item);
        end_row(r);
    }
}

/* --- the interface ---------------------------------------------------------------- */

static const struct {
    const char *name;
    const enum diag_phrase_id *columns;
    size_t count;
    ast_table_fn *rows; /* NULL: declarations */
} sheets[EMIT_MODEL_SHEETS] = {
#define SHEET(name, cols, fn)                                                                      \
    {                                                                                              \
        name, cols, sizeof cols / sizeof cols[0], fn                                               \
    }
    SHEET("tables", table_columns, table_row),
    SHEET("categories", category_columns, category_rows),
    SHEET("attributes", attribute_columns, attribute_rows),
    SHEET("schedule", schedule_columns, schedule_rows),
    SHEET("duties", duty_columns, duty_rows),
    SHEET("declarations", declaration_columns, NULL),
#undef SHEET
};

const char *
emit_model_sheet_name(size_t sheet)
{
    return sheets[sheet].name;
}

const enum diag_phrase_id *
emit_model_columns(size_t sheet, size_t *count)
{
    *count = sheets[sheet].count;
    return sheets[sheet].columns;
}

void
emit_model_rows(const struct compilation *c, size_t sheet, const struct emit_row_sink *sink)
{
    struct rows r = {c, sink};
    if (sheets[sheet].rows != NULL)
        model_each_table(c, sheets[sheet].rows, &r);
    else
        ast_each_item(c->root, declaration_row, &r);
}
