/*
 * emit_csv.c - the CSV back end: indicators.csv and funds.csv, for
 * spreadsheets and pipelines.
 *
 * A gathering format: each file has one header row, then the rows of every
 * input in the order given, tables in source order.  The columns are
 * described in docs/csv.md; changing them changes that page and the
 * read-back test in tests/run-backends.sh.  Fields are RFC 4180 and
 * formula-neutralised by escape_csv(); amounts and values are the exact
 * decimal strings of the checked model, so they stay numbers.  --excel
 * (opt->excel) adds a UTF-8 byte-order mark and ends rows with CRLF.  The
 * columns' names come from the phrase catalogue: English by default (what
 * pipelines read), Chinese with opt->headers_zh (--lang zh).  The same rows
 * go to a sink instead (emit_rows.h: the xlsx sheets indicators and funds),
 * one call a field, the text unquoted.
 */
#include "emit/emit.h"
#include "emit/emit_evaluation.h"
#include "emit/emit_rows.h"
#include "model/model.h"

#include "model/ast.h"
#include "base/decimal.h"
#include "model/compilation.h"
#include "base/escape.h"
#include "base/source.h"
#include "base/writer.h"
#include "diag/diag_phrase.h"
#include "platform/platform.h"

#include <stdlib.h>
#include <string.h>

/*
 * A path of fund lines: each level is a "/", an optional "按", and a name.
 * Nesting is bounded by the parser (PARSE_MAX_DEPTH braces), so this is
 * never full; if it were, the deepest names would be left out.
 */
enum { CSV_PATH_SPANS = 3 * 264 };

struct csv {
    struct writer out;
    const struct compilation *c;
    const struct emit_options *opt;
    bool first; /* no field written yet in this row */
    struct escape_span path[CSV_PATH_SPANS];
    size_t path_len;
    struct model_lines at; /* rows come in source order */
    bool evaluation;       /* the table is a self-evaluation (model_is_evaluation) */
    struct emit_phase phases[EMIT_PHASES_MAX]; /* its 资金's */
    size_t phase_count;
    const struct emit_row_sink *sink; /* NULL: CSV text to out; else each field to it */
};

static void
field_spans(struct csv *w, const struct escape_span *spans, size_t count)
{
    if (w->sink != NULL) {
        w->sink->cell(w->sink->ctx, spans, count);
        return;
    }
    if (!w->first)
        writer_byte(&w->out, ',');
    w->first = false;
    escape_csv_to(&w->out, spans, count);
}

static void
field(struct csv *w, const char *s, size_t len)
{
    struct escape_span span = {s, s != NULL ? len : 0};
    field_spans(w, &span, 1);
}

static void
field_cstr(struct csv *w, const char *s)
{
    field(w, s, s != NULL ? strlen(s) : 0);
}

static void
field_str(struct csv *w, const struct ast_str *s)
{
    field(w, s != NULL ? s->text : NULL, s != NULL ? s->len : 0);
}

/* A number: never quoted. */
static void
field_uint(struct csv *w, unsigned long v)
{
    if (w->sink != NULL) {
        char buf[MODEL_INT_MAX];
        field(w, buf, model_format_int(buf, (int)v, 1));
        return;
    }
    if (!w->first)
        writer_byte(&w->out, ',');
    w->first = false;
    writer_uint(&w->out, v);
}

static void
end_row(struct csv *w)
{
    if (w->sink != NULL) {
        w->sink->end_row(w->sink->ctx);
        return;
    }
    if (w->opt->excel)
        writer_bytes(&w->out, "\r\n", 2);
    else
        writer_byte(&w->out, '\n');
    w->first = true;
}

/* A writer for one call of the interface (emit.h), onto out through buf. */
static void
csv_start(struct csv *w, FILE *out, char *buf, size_t size, const struct compilation *c,
          const struct emit_options *opt)
{
    memset(w, 0, sizeof *w);
    writer_init(&w->out, out, buf, size);
    w->c = c;
    w->opt = opt;
    w->first = true;
}

/* The header row: each column's name (phrase.def), in Chinese with headers_zh. */
static void
header(FILE *out, const struct emit_options *opt, const enum diag_phrase_id *columns,
       size_t count)
{
    char buf[256];
    struct csv w;
    csv_start(&w, out, buf, sizeof buf, NULL, opt);
    if (opt->excel)
        writer_str(&w.out, "\xEF\xBB\xBF");
    enum diag_lang names = opt->headers_zh ? DIAG_LANG_ZH : DIAG_LANG_EN;
    for (size_t i = 0; i < count; i++)
        field_cstr(&w, diag_phrase(names, columns[i]));
    end_row(&w);
    writer_flush(&w.out);
}

/* Where a thing is: its source file and line. */
static void
field_location(struct csv *w, struct ast_span span)
{
    field_cstr(w, compilation_source(w->c, span.file)->path);
    field_uint(w, model_line(w->c, &w->at, span));
}

/* --- 栏: a row's named columns in one cell ------------------------------------ */

/* The i-th 栏 of a modifier list (an indicator's MODIFIERs or a fund line's FUND_MODs). */
static bool
nth_column(void *ctx, size_t i, struct escape_span *name, struct escape_span *text)
{
    const struct ast_list *mods = ctx;
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next) {
        bool fund = m->kind == AST_FUND_MOD;
        bool column = fund ? m->u.fund_mod.kind == AST_FUNDMOD_COLUMN
                           : m->u.modifier.kind == AST_MOD_COLUMN;
        if (!column || i-- > 0)
            continue;
        const struct ast_str *n = fund ? &m->u.fund_mod.name : &m->u.modifier.name;
        const struct ast_str *t = fund ? &m->u.fund_mod.text : &m->u.modifier.text;
        *name = (struct escape_span){n->text, n->len};
        *text = (struct escape_span){t->text, t->len};
        return true;
    }
    return false;
}

static void
field_columns(struct csv *w, const struct ast_list *mods)
{
    if (w->sink != NULL) {
        /* The cell's text as the CSV holds it, unquoted: a gathered string. */
        char *text = NULL;
        size_t len = 0;
        FILE *m = platform_memstream_open(&text, &len);
        if (m != NULL) {
            escape_columns_text(m, nth_column, (void *)mods);
            if (platform_memstream_close(m) != 0)
                len = 0;
        }
        field(w, text, len);
        free(text);
        return;
    }
    if (!w->first)
        writer_byte(&w->out, ',');
    w->first = false;
    escape_csv_columns_to(&w->out, nth_column, (void *)mods);
}

/* --- indicators.csv -------------------------------------------------------- */

static const enum diag_phrase_id indicator_columns[] = {
    PHRASE_CSV_DEPARTMENT, PHRASE_CSV_PROJECT, PHRASE_CSV_LEVEL1,   PHRASE_CSV_LEVEL2,
    PHRASE_CSV_ITEM,       PHRASE_CSV_INDICATOR, PHRASE_CSV_KIND,   PHRASE_CSV_COMPARATOR,
    PHRASE_CSV_VALUE,      PHRASE_CSV_HIGH,    PHRASE_CSV_UNIT,     PHRASE_CSV_TARGET,
    PHRASE_CSV_STANDARD,   PHRASE_CSV_WEIGHT,  PHRASE_CSV_NOTE,     PHRASE_CSV_FILE,
    PHRASE_CSV_LINE,
    /* a self-evaluation's */
    PHRASE_CSV_ACTUAL,     PHRASE_CSV_ACTUAL_VALUE, PHRASE_CSV_ACTUAL_UNIT, PHRASE_CSV_SCORE,
    PHRASE_CSV_SCORE_COMPUTED, PHRASE_CSV_DEVIATION, PHRASE_CSV_DIRECTION,
    /* issue 15: which set (指标 or 实施期指标), and the row's 栏 */
    PHRASE_CSV_SET,        PHRASE_CSV_COLUMNS,
    /* the workbook's sheet only (docs/xlsx.md): 计算 as fmt writes it; 方向,
       the target, 标准 and 实际 as written */
    PHRASE_XLSX_COL_COMPUTE, PHRASE_XLSX_COL_DIRECTION_WRITTEN, PHRASE_XLSX_COL_TARGET_WRITTEN,
    PHRASE_XLSX_COL_STANDARD_WRITTEN, PHRASE_XLSX_COL_ACTUAL_WRITTEN,
};
enum { CSV_WORKBOOK_INDICATOR_COLUMNS = 5 }; /* the last five: not in indicators.csv */

void
emit_csv_indicators_begin(FILE *out, const struct emit_options *opt)
{
    header(out, opt, indicator_columns, sizeof indicator_columns / sizeof indicator_columns[0] - CSV_WORKBOOK_INDICATOR_COLUMNS);
}

/*
 * A date as data: 2024-12-31, or 2024-12 for a month or its end (月底).  A
 * date written without a year is in the table's year; only when the table
 * has none either is the year left out (12-31).
 */
static void
field_date(struct csv *w, const struct ast_date *d, int table_year)
{
    char buf[3 * MODEL_INT_MAX];
    size_t n = 0;
    int year = d->year != 0 ? d->year : table_year;
    if (year != 0) {
        n += model_format_int(buf, year, 4);
        buf[n++] = '-';
    }
    n += model_format_int(buf + n, d->month, 2);
    if (d->day != 0) {
        buf[n++] = '-';
        n += model_format_int(buf + n, d->day, 2);
    }
    field(w, buf, n);
}

static const char *const target_kinds[] = {
    [AST_TARGET_COMPARISON] = "comparison", [AST_TARGET_RANGE] = "range",
    [AST_TARGET_DEADLINE] = "deadline",     [AST_TARGET_PERIOD] = "period",
    [AST_TARGET_QUALITATIVE] = "qualitative",
};

/* kind, comparator, value, high, unit */
static void
target_fields(struct csv *w, const struct ast_node *t, int year)
{
    if (t == NULL) { /* a row without a target: blank cells */
        for (int i = 0; i < 5; i++)
            field_cstr(w, NULL);
        return;
    }
    const struct ast_quantity *q = &t->u.target.value, *hi = &t->u.target.high;
    field_cstr(w, target_kinds[t->u.target.kind]);
    switch (t->u.target.kind) {
    case AST_TARGET_COMPARISON:
        field_cstr(w, ast_cmp_name(t->u.target.cmp));
        field_cstr(w, q->value.digits);
        field_cstr(w, NULL);
        field_str(w, &q->unit);
        break;
    case AST_TARGET_RANGE:
        field_cstr(w, NULL);
        field_cstr(w, q->value.digits);
        field_cstr(w, hi->value.digits);
        field_str(w, hi->unit.text != NULL ? &hi->unit : &q->unit);
        break;
    case AST_TARGET_DEADLINE:
        field_cstr(w, ast_cmp_name(t->u.target.cmp));
        field_date(w, &t->u.target.date, year);
        field_cstr(w, NULL);
        field_cstr(w, NULL);
        break;
    case AST_TARGET_PERIOD:
        field_cstr(w, NULL);
        field_date(w, &t->u.target.date, year);
        field_date(w, &t->u.target.date_to, year);
        field_cstr(w, NULL);
        break;
    case AST_TARGET_QUALITATIVE:
        for (int i = 0; i < 4; i++)
            field_cstr(w, NULL);
        break;
    }
}

static void
field_form(struct csv *w, const struct ast_node *target)
{
    struct model_form form;
    if (target == NULL) {
        field_cstr(w, NULL);
        return;
    }
    model_form_target(w->c, target, &form);
    field_spans(w, form.piece, form.count);
}

/*
 * actual, actual_value, actual_unit, score, score_computed, deviation,
 * direction: empty in a goal table.  actual is the form's notation;
 * actual_value what the value column holds for a target of its kind.
 */
static void
evaluation_fields(struct csv *w, const struct ast_node *table, const struct ast_node *parent,
                  const struct ast_node *ind)
{
    if (!w->evaluation) {
        for (int i = 0; i < 7; i++)
            field_cstr(w, NULL);
        return;
    }
    const struct ast_node *m = model_modifier(ind, AST_MOD_ACTUAL);
    const struct ast_node *t = m != NULL ? m->u.modifier.target : NULL;
    field_form(w, t);
    if (t == NULL) {
        field_cstr(w, NULL);
        field_cstr(w, NULL);
    } else {
        switch (t->u.target.kind) {
        case AST_TARGET_COMPARISON:
        case AST_TARGET_RANGE:
            field_cstr(w, t->u.target.value.value.digits);
            field_str(w, &t->u.target.value.unit);
            break;
        case AST_TARGET_DEADLINE:
        case AST_TARGET_PERIOD:
            field_date(w, &t->u.target.date, model_year(table, parent));
            field_cstr(w, NULL);
            break;
        case AST_TARGET_QUALITATIVE:
            field_cstr(w, NULL);
            field_cstr(w, NULL);
            break;
        }
    }
    m = model_modifier(ind, AST_MOD_SCORE);
    field_cstr(w, m != NULL ? m->u.modifier.number.digits : NULL);
    char buf[DECIMAL_FORMAT_MAX];
    field(w, buf, emit_score_computed(&ind->u.indicator.points, buf));
    m = model_modifier(ind, AST_MOD_DEVIATION);
    field_str(w, m != NULL ? &m->u.modifier.text : NULL);
    field_cstr(w, model_direction_name(ind->u.indicator.direction, true));
}

/* A target as the source writes it (the JSON's `written`), or a blank field. */
static void
field_written(struct csv *w, const struct ast_node *target)
{
    field_cstr(w, target != NULL ? compilation_text(w->c, target->span) : NULL);
}

static void
indicator_row(struct csv *w, const struct ast_node *table, const struct ast_node *parent,
              const struct ast_node *l1, const struct ast_node *l2, const struct ast_node *ind,
              bool period)
{
    bool project = table->kind == AST_PROJECT;
    field_str(w, model_department(table, parent));
    field_str(w, project ? &table->u.decl.name : NULL);
    field_str(w, &l1->u.category.name);
    field_str(w, &l2->u.category.name);
    const struct ast_node *m = model_modifier(ind, AST_MOD_ITEM);
    field_str(w, m != NULL ? &m->u.modifier.text : NULL);
    field_str(w, &ind->u.indicator.name);
    target_fields(w, ind->u.indicator.target, model_year(table, parent));
    field_form(w, ind->u.indicator.target);
    m = model_modifier(ind, AST_MOD_STANDARD);
    field_form(w, m != NULL ? m->u.modifier.target : NULL);
    m = model_modifier(ind, AST_MOD_WEIGHT);
    field_cstr(w, m != NULL ? m->u.modifier.number.digits : NULL);
    m = model_modifier(ind, AST_MOD_NOTE);
    field_str(w, m != NULL ? &m->u.modifier.text : NULL);
    field_location(w, ind->span);
    evaluation_fields(w, table, parent, ind);
    field_cstr(w, period ? "period" : "year");
    field_columns(w, &ind->u.indicator.modifiers);
    if (w->sink != NULL) { /* the workbook's compute */
        m = model_modifier(ind, AST_MOD_COMPUTE);
        const struct ast_relation *rel = m != NULL ? m->u.modifier.target->u.expr.relation : NULL;
        field_cstr(w, rel != NULL ? rel->expression
                      : m != NULL ? compilation_text(w->c, m->u.modifier.target->span)
                                  : NULL);
        m = model_modifier(ind, AST_MOD_DIRECTION);
        field_str(w, m != NULL ? &m->u.modifier.text : NULL);
        field_written(w, ind->u.indicator.target);
        m = model_modifier(ind, AST_MOD_STANDARD);
        field_written(w, m != NULL ? m->u.modifier.target : NULL);
        m = model_modifier(ind, AST_MOD_ACTUAL);
        field_written(w, m != NULL ? m->u.modifier.target : NULL);
    }
    end_row(w);
}

/* The rows of one set: 指标, or a project's 实施期指标 (period). */
static void
indicator_set_rows(struct csv *w, const struct ast_node *table, const struct ast_node *parent,
                   const struct ast_node *inds, bool period)
{
    if (inds == NULL)
        return;
    for (const struct ast_node *l1 = inds->u.indicators.categories.first; l1 != NULL;
         l1 = l1->next) {
        if (l1->kind != AST_CATEGORY)
            continue;
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next) {
            if (l2->kind != AST_CATEGORY)
                continue; /* 不适用: a category without indicators has no rows */
            for (const struct ast_node *ind = l2->u.category.items.first; ind != NULL;
                 ind = ind->next)
                if (ind->kind == AST_INDICATOR)
                    indicator_row(w, table, parent, l1, l2, ind, period);
        }
    }
}

static void
indicator_rows(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct csv *w = ctx;
    w->evaluation = model_is_evaluation(table);
    indicator_set_rows(w, table, parent, ast_field(table, AST_INDICATORS), false);
    w->evaluation = false; /* a self-evaluation scores the year's indicators */
    indicator_set_rows(w, table, parent, ast_field(table, AST_PERIOD_INDICATORS), true);
}

void
emit_csv_indicators(const struct compilation *c, FILE *out, const struct emit_options *opt)
{
    char buf[WRITER_BUFFER];
    struct csv w;
    csv_start(&w, out, buf, sizeof buf, c, opt);
    model_each_table(c, indicator_rows, &w);
    writer_flush(&w.out);
}

/* --- funds.csv ------------------------------------------------------------- */

static const enum diag_phrase_id fund_columns[] = {
    PHRASE_CSV_DEPARTMENT, PHRASE_CSV_PROJECT, PHRASE_CSV_PATH, PHRASE_CSV_NAME,
    PHRASE_CSV_AMOUNT,     PHRASE_CSV_COMPUTED, PHRASE_CSV_UNIT, PHRASE_CSV_FILE,
    PHRASE_CSV_LINE,       PHRASE_CSV_AMOUNT_YUAN,
    /* a self-evaluation's */
    PHRASE_CSV_ADJUSTED,   PHRASE_CSV_EXECUTED, PHRASE_CSV_PERIOD,  PHRASE_CSV_FINAL_ACCOUNTS,
    PHRASE_CSV_RATE,       PHRASE_CSV_RATE_COMPUTED, PHRASE_CSV_WEIGHT, PHRASE_CSV_SCORE,
    PHRASE_CSV_SCORE_COMPUTED, PHRASE_CSV_DEVIATION,
    /* issue 15: the line's 栏 */
    PHRASE_CSV_COLUMNS,
    /* the workbook's sheet only (docs/xlsx.md): 占比 as written */
    PHRASE_XLSX_COL_SHARE,
};

/* Every row of one file (rows: indicator_rows or fund_rows) handed field by
   field to sink (emit_rows.h), not written. */
static void
rows_to_sink(const struct compilation *c, const struct emit_row_sink *sink, ast_table_fn *rows)
{
    static const struct emit_options none;
    char unused[1]; /* the sink takes every field: the writer never writes */
    struct csv w;
    csv_start(&w, NULL, unused, sizeof unused, c, &none);
    w.sink = sink;
    model_each_table(c, rows, &w);
}

const enum diag_phrase_id *
emit_csv_indicator_columns(size_t *count, bool workbook)
{
    *count = sizeof indicator_columns / sizeof indicator_columns[0] -
             (workbook ? 0 : CSV_WORKBOOK_INDICATOR_COLUMNS);
    return indicator_columns;
}

void
emit_csv_indicator_rows(const struct compilation *c, const struct emit_row_sink *sink)
{
    rows_to_sink(c, sink, indicator_rows);
}

void
emit_csv_funds_begin(FILE *out, const struct emit_options *opt)
{
    header(out, opt, fund_columns, sizeof fund_columns / sizeof fund_columns[0] - 1);
}

struct fund_row {
    const struct ast_node *table, *parent, *funds;
};

static void
path_push(struct csv *w, const char *prefix, const struct ast_str *name)
{
    if (w->path_len + 3 > CSV_PATH_SPANS)
        return;
    if (w->path_len > 0)
        w->path[w->path_len++] = (struct escape_span){"/", 1};
    if (prefix != NULL)
        w->path[w->path_len++] = (struct escape_span){prefix, strlen(prefix)};
    if (name != NULL && name->text != NULL)
        w->path[w->path_len++] = (struct escape_span){name->text, name->len};
}

/*
 * adjusted, executed, period, final_accounts (YEAR:AMOUNT;…), each as
 * checked; execution_rate, weight, score and deviation as written;
 * execution_rate_computed and score_computed (budget execution), the
 * total's row only.
 */
static void
fund_evaluation_fields(struct csv *w, const struct fund_row *r, const struct ast_node *n)
{
    static const enum ast_phase plain[] = {AST_PHASE_ADJUSTED, AST_PHASE_EXECUTED,
                                           AST_PHASE_PERIOD};
    char buf[DECIMAL_FORMAT_MAX];
    bool computed;
    for (size_t k = 0; k < sizeof plain / sizeof plain[0]; k++) {
        size_t len = 0;
        for (size_t i = 0; i < w->phase_count; i++)
            if (w->phases[i].phase == plain[k])
                len = emit_phase_amount(n, w->phases[i], buf, &computed);
        field(w, buf, len);
    }
    /* 决算 years: at most EMIT_PHASES_MAX pieces of year, colon, amount, semicolon */
    struct escape_span spans[4 * EMIT_PHASES_MAX];
    char years[EMIT_PHASES_MAX][MODEL_INT_MAX];
    char amounts[EMIT_PHASES_MAX][DECIMAL_FORMAT_MAX];
    size_t count = 0;
    for (size_t i = 0; i < w->phase_count; i++) {
        if (w->phases[i].phase != AST_PHASE_FINAL)
            continue;
        size_t len = emit_phase_amount(n, w->phases[i], amounts[i], &computed);
        if (len == 0)
            continue;
        if (count > 0)
            spans[count++] = (struct escape_span){";", 1};
        spans[count++] = (struct escape_span){years[i], model_format_int(years[i], w->phases[i].year, 1)};
        spans[count++] = (struct escape_span){":", 1};
        spans[count++] = (struct escape_span){amounts[i], len};
    }
    field_spans(w, spans, count);
    const struct ast_evaluation *e = n == r->funds ? r->table->u.decl.evaluation : NULL;
    field_cstr(w, emit_fund_number(n, AST_FUNDMOD_RATE));
    field(w, buf, e != NULL && e->rate_known ? emit_decimal(e->rate, buf) : 0);
    field_cstr(w, emit_fund_number(n, AST_FUNDMOD_WEIGHT));
    field_cstr(w, emit_fund_number(n, AST_FUNDMOD_SCORE));
    field(w, buf, e != NULL ? emit_score_computed(&e->budget, buf) : 0);
    const struct ast_node *m = model_fund_mod(n, AST_FUNDMOD_DEVIATION);
    field_str(w, m != NULL ? &m->u.fund_mod.text : NULL);
}

static void
fund_row(struct csv *w, const struct fund_row *r, const struct ast_node *n)
{
    bool project = r->table->kind == AST_PROJECT;
    field_str(w, model_department(r->table, r->parent));
    field_str(w, project ? &r->table->u.decl.name : NULL);
    field_spans(w, w->path, w->path_len);
    field_str(w, n->kind == AST_FUND_LINE ? &n->u.fund.name : NULL);
    char buf[DECIMAL_FORMAT_MAX];
    field(w, buf, model_amount(n, buf));
    field_cstr(w, n->u.fund.computed ? "true" : "false");
    field_cstr(w, model_money_unit(r->funds));
    field_location(w, n->span);
    field(w, buf, model_amount_yuan(w->c, r->funds, n, buf));
    fund_evaluation_fields(w, r, n);
    field_columns(w, &n->u.fund.mods);
    if (w->sink != NULL) { /* the workbook's share: the percent as written */
        const struct ast_node *m = model_fund_mod(n, AST_FUNDMOD_SHARE);
        const char *digits = m != NULL ? m->u.fund_mod.value.value.digits : NULL;
        struct escape_span share[2] = {{digits, digits != NULL ? strlen(digits) : 0}, {"%", 1}};
        field_spans(w, share, digits != NULL ? 2 : 0);
    }
    end_row(w);
}

static void fund_items(struct csv *w, const struct fund_row *r, const struct ast_list *items);

/* A line's row, then the rows under it with its name on their path. */
static void
fund_line(struct csv *w, const struct fund_row *r, const struct ast_node *n)
{
    fund_row(w, r, n);
    size_t saved = w->path_len;
    path_push(w, NULL, &n->u.fund.name);
    fund_items(w, r, &n->u.fund.items);
    w->path_len = saved;
}

static void
fund_items(struct csv *w, const struct fund_row *r, const struct ast_list *items)
{
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        size_t saved = w->path_len;
        /* a fund list holds lines, 按 and 其中 (ast.h) */
        if (n->kind == AST_FUND_LINE) {
            fund_line(w, r, n);
        } else if (n->kind == AST_PARTITION) {
            path_push(w, "按", &n->u.partition.name);
            fund_items(w, r, &n->u.partition.lines);
        } else if (n->kind == AST_OF_WHICH) {
            path_push(w, "其中", NULL);
            fund_items(w, r, &n->u.partition.lines);
        }
        w->path_len = saved;
    }
}

static void
fund_rows(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct csv *w = ctx;
    const struct ast_node *funds = ast_field(table, AST_FUNDS);
    if (funds == NULL)
        return;
    struct fund_row r = {table, parent, funds};
    w->phase_count = emit_funds_modified(funds) ? emit_phases(funds, w->phases) : 0;
    w->path_len = 0;
    fund_row(w, &r, funds); /* the total: empty path and name */
    fund_items(w, &r, &funds->u.fund.items);
}

void
emit_csv_funds(const struct compilation *c, FILE *out, const struct emit_options *opt)
{
    char buf[WRITER_BUFFER];
    struct csv w;
    csv_start(&w, out, buf, sizeof buf, c, opt);
    model_each_table(c, fund_rows, &w);
    writer_flush(&w.out);
}

const enum diag_phrase_id *
emit_csv_fund_columns(size_t *count, bool workbook)
{
    *count = sizeof fund_columns / sizeof fund_columns[0] - !workbook;
    return fund_columns;
}

void
emit_csv_fund_rows(const struct compilation *c, const struct emit_row_sink *sink)
{
    rows_to_sink(c, sink, fund_rows);
}
