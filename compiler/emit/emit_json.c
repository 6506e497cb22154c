/*
 * emit_json.c - the JSON back end: the whole source as data.
 *
 * The document is described in docs/json.md and schema/goalc.schema.json.
 * Everything the source says is here, in source order: departments and
 * top-level projects (included files spliced in where they are included),
 * funds with their partitions, texts, attributes, indicators with typed
 * targets, modifiers, and the location of every named thing.  Amounts and
 * values are exact decimal strings, never JSON numbers, so no consumer
 * rounds them through binary floating point.
 */
#include "emit/emit.h"
#include "emit/emit_evaluation.h"
#include "model/model.h"

#include "model/ast.h"
#include "model/catalog.h"
#include "model/compilation.h"
#include "base/json_writer.h"
#include "base/source.h"
#include "base/writer.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { JSON_FORMAT_VERSION = 1 };

/* The document is pretty-printed (json_writer.h), but for locations. */
struct jw {
    struct json_writer j;
    const struct compilation *c;
    struct source_cursor at; /* locations come mostly in source order */
    bool no_locations;       /* --json-locations none: no "location" member anywhere */
    /* The table being written: whether it is a self-evaluation, and its
       资金's phases when some node of it has modifiers (phase_count > 0
       or funds_modified). */
    bool evaluation;
    bool funds_modified;
    struct emit_phase phases[EMIT_PHASES_MAX];
    size_t phase_count;
};

static void
key(struct jw *w, const char *k)
{
    json_writer_key(&w->j, k);
}

static void
open_(struct jw *w, char bracket)
{
    if (bracket == '{')
        json_writer_begin_object(&w->j, JSON_WRITER_PRETTY);
    else
        json_writer_begin_array(&w->j, JSON_WRITER_PRETTY);
}

static void
close_(struct jw *w, char bracket)
{
    if (bracket == '}')
        json_writer_end_object(&w->j);
    else
        json_writer_end_array(&w->j);
}

static void
str_value(struct jw *w, const char *s, size_t len)
{
    json_writer_string(&w->j, s, len);
}

static void
key_str(struct jw *w, const char *k, const struct ast_str *s)
{
    key(w, k);
    str_value(w, s->text, s->len);
}

static void
key_cstr(struct jw *w, const char *k, const char *s)
{
    key(w, k);
    str_value(w, s, s ? strlen(s) : 0);
}

static void
key_number(struct jw *w, const char *k, const struct ast_number *n)
{
    key(w, k);
    str_value(w, n->digits, n->digits ? strlen(n->digits) : 0);
}

static void
key_int(struct jw *w, const char *k, long v)
{
    key(w, k);
    json_writer_int(&w->j, v);
}

static void
key_bool(struct jw *w, const char *k, bool v)
{
    key(w, k);
    json_writer_bool(&w->j, v);
}

static void
key_null(struct jw *w, const char *k)
{
    key(w, k);
    json_writer_null(&w->j);
}

/* A decimal string, or null when len is 0. */
static void
key_decimal(struct jw *w, const char *k, const char *buf, size_t len)
{
    key(w, k);
    if (len > 0)
        str_value(w, buf, len);
    else
        json_writer_null(&w->j);
}

static void
key_digits(struct jw *w, const char *k, const char *digits)
{
    key_decimal(w, k, digits, digits != NULL ? strlen(digits) : 0);
}

static void
key_location(struct jw *w, struct ast_span span)
{
    if (w->no_locations)
        return;
    const struct source *src = compilation_source(w->c, span.file);
    unsigned line, col;
    source_position_at(&w->at, src, span.start, &line, &col);
    key(w, "location");
    /* On one line: locations are many and rarely read by people. */
    json_writer_begin_object(&w->j, JSON_WRITER_COMPACT);
    json_writer_key(&w->j, "file");
    json_writer_string(&w->j, src->path, strlen(src->path));
    json_writer_key(&w->j, "line");
    json_writer_uint(&w->j, line);
    json_writer_key(&w->j, "column");
    json_writer_uint(&w->j, col);
    json_writer_end_object(&w->j);
}

/* The source text of a span, as written. */
static void
key_written(struct jw *w, const char *k, struct ast_span span)
{
    const struct source *src = compilation_source(w->c, span.file);
    key(w, k);
    str_value(w, src->text + span.start, span.end - span.start);
}

static void
write_date(struct jw *w, const char *k, const struct ast_date *d)
{
    key(w, k);
    open_(w, '{');
    if (d->year != 0)
        key_int(w, "year", d->year);
    else
        key_null(w, "year");
    if (d->year == 0 && d->year_in_effect != 0)
        key_int(w, "year_in_effect", d->year_in_effect); /* the table's 年度 */
    key_int(w, "month", d->month);
    if (d->day != 0)
        key_int(w, "day", d->day);
    else
        key_null(w, "day");
    key_bool(w, "end_of_month", d->end_of_month);
    close_(w, '}');
}

static void
write_quantity(struct jw *w, const struct ast_quantity *q)
{
    key_number(w, "value", &q->value);
    key_str(w, "unit", &q->unit);
}

static const char *
cmp_form_name(enum ast_cmp_form form)
{
    switch (form) {
    case AST_CMP_FORM_NONE:
        return "none";
    case AST_CMP_FORM_PREFIX:
        return "prefix";
    case AST_CMP_FORM_SUFFIX:
        return "suffix";
    }
    return "";
}

static void
write_target(struct jw *w, const struct ast_node *t)
{
    open_(w, '{');
    switch (t->u.target.kind) {
    case AST_TARGET_COMPARISON:
        key_cstr(w, "kind", "comparison");
        key_cstr(w, "comparator", ast_cmp_name(t->u.target.cmp));
        key_cstr(w, "comparator_form", cmp_form_name(t->u.target.cmp_form));
        write_quantity(w, &t->u.target.value);
        break;
    case AST_TARGET_RANGE:
        key_cstr(w, "kind", "range");
        key(w, "low");
        open_(w, '{');
        write_quantity(w, &t->u.target.value);
        close_(w, '}');
        key(w, "high");
        open_(w, '{');
        write_quantity(w, &t->u.target.high);
        close_(w, '}');
        break;
    case AST_TARGET_DEADLINE:
        key_cstr(w, "kind", "deadline");
        key_cstr(w, "comparator", ast_cmp_name(t->u.target.cmp));
        key_cstr(w, "comparator_form", cmp_form_name(t->u.target.cmp_form));
        write_date(w, "date", &t->u.target.date);
        break;
    case AST_TARGET_PERIOD:
        key_cstr(w, "kind", "period");
        write_date(w, "from", &t->u.target.date);
        write_date(w, "to", &t->u.target.date_to);
        break;
    case AST_TARGET_QUALITATIVE:
        key_cstr(w, "kind", "qualitative");
        key_str(w, "text", &t->u.target.text);
        key_bool(w, "keyword", t->u.target.qualitative_keyword);
        break;
    }
    key_written(w, "written", t->span);
    key_location(w, t->span);
    close_(w, '}');
}

/* --- funds ----------------------------------------------------------------- */

static void write_fund_items(struct jw *w, const struct ast_list *items);

/* The amount as checked by sema_funds: written, or summed from the parts. */
static void
write_total(struct jw *w, const struct ast_node *n)
{
    char buf[DECIMAL_FORMAT_MAX];
    size_t len = model_amount(n, buf);
    if (len > 0) {
        key(w, "total");
        str_value(w, buf, len);
    } else {
        key_null(w, "total");
    }
    key_bool(w, "computed", n->u.fund.computed);
}

static const char *
phase_name(enum ast_phase phase)
{
    switch (phase) {
    case AST_PHASE_BUDGET:
        return "budget";
    case AST_PHASE_ADJUSTED:
        return "adjusted";
    case AST_PHASE_EXECUTED:
        return "executed";
    case AST_PHASE_PERIOD:
        return "period";
    case AST_PHASE_FINAL:
        return "final_accounts";
    }
    return "";
}

/*
 * A fund node's modifiers (docs/language.md §13.1), in a table whose 资金
 * has any: each phase of the table as written and as checked, then
 * 执行率, 分值, 得分 and 偏差 as written.
 */
static void
write_fund_mods(struct jw *w, const struct ast_node *n)
{
    if (!w->funds_modified)
        return;
    key(w, "phases");
    open_(w, '[');
    for (size_t i = 0; i < w->phase_count; i++) {
        struct emit_phase p = w->phases[i];
        char buf[DECIMAL_FORMAT_MAX];
        bool computed;
        size_t len = emit_phase_amount(n, p, buf, &computed);
        const struct ast_node *m = emit_phase_written(n, p);
        json_writer_begin_object(&w->j, JSON_WRITER_COMPACT);
        key_cstr(w, "phase", phase_name(p.phase));
        if (p.phase == AST_PHASE_FINAL)
            key_int(w, "year", p.year);
        else
            key_null(w, "year");
        key_digits(w, "amount", m != NULL ? m->u.fund_mod.value.value.digits : NULL);
        key_decimal(w, "total", buf, len);
        key_bool(w, "computed", computed);
        json_writer_end_object(&w->j);
    }
    close_(w, ']');
    key_digits(w, "execution_rate", emit_fund_number(n, AST_FUNDMOD_RATE));
    key_digits(w, "weight", emit_fund_number(n, AST_FUNDMOD_WEIGHT));
    key_digits(w, "score", emit_fund_number(n, AST_FUNDMOD_SCORE));
    const struct ast_node *m = model_fund_mod(n, AST_FUNDMOD_DEVIATION);
    if (m != NULL)
        key_str(w, "deviation", &m->u.fund_mod.text);
    else
        key_null(w, "deviation");
}

/*
 * "columns": a row's 栏 in source order, [{name, text}], present only when
 * the row has one (an indicator's MODIFIERs or a fund node's FUND_MODs).
 */
static void
write_columns(struct jw *w, const struct ast_list *mods)
{
    bool any = false;
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next) {
        bool fund = m->kind == AST_FUND_MOD;
        if (fund ? m->u.fund_mod.kind != AST_FUNDMOD_COLUMN : m->u.modifier.kind != AST_MOD_COLUMN)
            continue;
        if (!any) {
            key(w, "columns");
            open_(w, '[');
            any = true;
        }
        json_writer_begin_object(&w->j, JSON_WRITER_COMPACT);
        key_str(w, "name", fund ? &m->u.fund_mod.name : &m->u.modifier.name);
        key_str(w, "text", fund ? &m->u.fund_mod.text : &m->u.modifier.text);
        key_location(w, m->span);
        json_writer_end_object(&w->j);
    }
    if (any)
        close_(w, ']');
}

/* What sema_relations computed: the value at the decimals compared, or null. */
static void
write_relation(struct jw *w, const struct ast_relation *r)
{
    char buf[DECIMAL_FORMAT_MAX];
    if (r != NULL && r->known)
        key_decimal(w, "value", buf, decimal_format(r->value, buf, sizeof buf));
    else
        key_null(w, "value");
    if (r != NULL && r->known)
        key_bool(w, "matches", r->matches);
    else
        key_null(w, "matches");
}

/* 占比 of a fund line: present only when written. */
static void
write_share(struct jw *w, const struct ast_node *n)
{
    const struct ast_node *m = model_fund_mod(n, AST_FUNDMOD_SHARE);
    if (m == NULL)
        return;
    key(w, "share");
    json_writer_begin_object(&w->j, JSON_WRITER_COMPACT);
    key_digits(w, "percent", m->u.fund_mod.value.value.digits);
    write_relation(w, m->u.fund_mod.relation);
    json_writer_end_object(&w->j);
}

static void
write_line(struct jw *w, const struct ast_node *n)
{
    open_(w, '{');
    key_str(w, "name", &n->u.fund.name);
    key_number(w, "amount", &n->u.fund.amount);
    write_total(w, n);
    write_fund_mods(w, n);
    write_columns(w, &n->u.fund.mods);
    write_share(w, n);
    key_location(w, n->span);
    write_fund_items(w, &n->u.fund.items);
    close_(w, '}');
}

static void
write_lines_of(struct jw *w, const struct ast_list *items)
{
    key(w, "lines");
    open_(w, '[');
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind == AST_FUND_LINE) {
            write_line(w, n);
        }
    }
    close_(w, ']');
}

/* A total's children: its lines, its partitions (按) and its 其中 lists. */
static void
write_fund_items(struct jw *w, const struct ast_list *items)
{
    write_lines_of(w, items);
    key(w, "partitions");
    open_(w, '[');
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind != AST_PARTITION)
            continue;
        open_(w, '{');
        key_str(w, "by", &n->u.partition.name);
        key_location(w, n->span);
        write_lines_of(w, &n->u.partition.lines);
        close_(w, '}');
    }
    close_(w, ']');
    key(w, "of_which");
    open_(w, '[');
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind != AST_OF_WHICH)
            continue;
        open_(w, '{');
        key_location(w, n->span);
        write_lines_of(w, &n->u.partition.lines);
        close_(w, '}');
    }
    close_(w, ']');
}

static void
write_funds(struct jw *w, const struct ast_node *n)
{
    open_(w, '{');
    if (n->u.fund.unit.text != NULL) {
        key_str(w, "unit", &n->u.fund.unit);
        key_bool(w, "unit_explicit", true);
    } else {
        key_cstr(w, "unit", model_money_unit(n));
        key_bool(w, "unit_explicit", false);
    }
    key_number(w, "amount", &n->u.fund.amount);
    write_total(w, n);
    write_fund_mods(w, n);
    write_columns(w, &n->u.fund.mods);
    write_share(w, n);
    key_location(w, n->span);
    write_fund_items(w, &n->u.fund.items);
    close_(w, '}');
}

/* --- indicators ------------------------------------------------------------ */

/*
 * The points of 指标 or a category in a self-evaluation: its weight
 * (分值 as written, else the sum of its rows' weights), its 得分 as written
 * and as the rules give it (the sum of its rows' counting scores), and
 * whether some weighted row has no score.
 */
static void
write_group_points(struct jw *w, const struct ast_list *modifiers, const struct ast_points *p)
{
    char buf[DECIMAL_FORMAT_MAX];
    const struct ast_node *m = emit_modifier_in(modifiers, AST_MOD_WEIGHT);
    if (m != NULL)
        key_number(w, "weight", &m->u.modifier.number);
    else
        key_decimal(w, "weight", buf, emit_weight(p, buf));
    key_bool(w, "weight_computed", m == NULL && p->weight_known);
    m = emit_modifier_in(modifiers, AST_MOD_SCORE);
    key_digits(w, "score", m != NULL ? m->u.modifier.number.digits : NULL);
    key_decimal(w, "score_computed", buf, emit_score_computed(p, buf));
    key_bool(w, "incomplete", p->incomplete);
}

/*
 * A target as the form files it (model_form_target_filed: 1,200人), as
 * one string.  The pieces are joined in a buffer; a target whose pieces
 * do not fit (a unit hundreds of characters long) is given as written.
 */
static void
write_filed(struct jw *w, const char *k, const struct ast_node *target)
{
    struct model_form form;
    char buf[512];
    size_t len = 0;
    model_form_target_filed(w->c, target, &form);
    for (size_t i = 0; i < form.count; i++) {
        if (form.piece[i].len > sizeof buf - len) {
            key_written(w, k, target->span);
            return;
        }
        memcpy(buf + len, form.piece[i].s, form.piece[i].len);
        len += form.piece[i].len;
    }
    key(w, k);
    str_value(w, buf, len);
}

/* An indicator's self-evaluation: what it achieved and the points it earned. */
static void
write_indicator_evaluation(struct jw *w, const struct ast_node *n)
{
    const struct ast_node *m = model_modifier(n, AST_MOD_ACTUAL);
    if (m != NULL) {
        key(w, "actual");
        write_target(w, m->u.modifier.target);
        write_filed(w, "actual_filed", m->u.modifier.target);
    } else {
        key_null(w, "actual");
        key_null(w, "actual_filed");
    }
    m = model_modifier(n, AST_MOD_SCORE);
    key_digits(w, "score", m != NULL ? m->u.modifier.number.digits : NULL);
    char buf[DECIMAL_FORMAT_MAX];
    key_decimal(w, "score_computed", buf, emit_score_computed(&n->u.indicator.points, buf));
    m = model_modifier(n, AST_MOD_DEVIATION);
    if (m != NULL)
        key_str(w, "deviation", &m->u.modifier.text);
    else
        key_null(w, "deviation");
    key_cstr(w, "direction", model_direction_name(n->u.indicator.direction, true));
    key_bool(w, "direction_written", model_modifier(n, AST_MOD_DIRECTION) != NULL);
}

static void
write_indicator(struct jw *w, const struct ast_node *n)
{
    open_(w, '{');
    key_str(w, "name", &n->u.indicator.name);
    key_location(w, n->span);
    if (n->u.indicator.target != NULL) {
        key(w, "target");
        write_target(w, n->u.indicator.target);
    } else {
        key_null(w, "target"); /* a row without a target */
    }
    const struct ast_node *m = model_modifier(n, AST_MOD_STANDARD);
    if (m != NULL) {
        key(w, "standard");
        write_target(w, m->u.modifier.target);
    } else {
        key_null(w, "standard");
    }
    m = model_modifier(n, AST_MOD_WEIGHT);
    if (m != NULL)
        key_number(w, "weight", &m->u.modifier.number);
    else
        key_null(w, "weight");
    m = model_modifier(n, AST_MOD_NOTE);
    if (m != NULL)
        key_str(w, "note", &m->u.modifier.text);
    else
        key_null(w, "note");
    m = model_modifier(n, AST_MOD_ITEM);
    if (m != NULL)
        key_str(w, "item", &m->u.modifier.text);
    else
        key_null(w, "item");
    m = model_modifier(n, AST_MOD_COMPUTE);
    if (m != NULL) { /* 计算: present only when written */
        const struct ast_node *e = m->u.modifier.target;
        const struct ast_relation *r = e->u.expr.relation;
        key(w, "compute");
        json_writer_begin_object(&w->j, JSON_WRITER_COMPACT);
        if (r != NULL)
            key_cstr(w, "expression", r->expression);
        else
            key_null(w, "expression");
        write_relation(w, r);
        if (r != NULL && r->unit != NULL)
            key_cstr(w, "unit", r->unit);
        else
            key_null(w, "unit");
        json_writer_end_object(&w->j);
    }
    if (w->evaluation)
        write_indicator_evaluation(w, n);
    write_columns(w, &n->u.indicator.modifiers);
    close_(w, '}');
}

static void
write_category(struct jw *w, const struct ast_node *n)
{
    open_(w, '{');
    key_str(w, "name", &n->u.category.name);
    key_cstr(w, "category", n->u.category.def->name);
    key_cstr(w, "english", n->u.category.def->english);
    key_location(w, n->span);
    key_bool(w, "not_applicable", model_not_applicable(n));
    if (n->u.category.implied)
        key_bool(w, "implied", true);
    if (w->evaluation)
        write_group_points(w, &n->u.category.modifiers, &n->u.category.points);
    bool level1 = n->u.category.level == 1;
    key(w, level1 ? "categories" : "indicators");
    open_(w, '[');
    for (const struct ast_node *c = n->u.category.items.first; c != NULL; c = c->next) {
        if (c->kind == AST_NOT_APPLICABLE)
            continue;
        if (level1)
            write_category(w, c);
        else
            write_indicator(w, c);
    }
    close_(w, ']');
    close_(w, '}');
}

static void
write_indicators(struct jw *w, const struct ast_node *decl, const struct ast_node *n)
{
    open_(w, '{');
    key_cstr(w, "framework", decl->u.decl.framework->name);
    key_location(w, n->span);
    if (w->evaluation)
        write_group_points(w, &n->u.indicators.modifiers, &n->u.indicators.points);
    key(w, "categories");
    open_(w, '[');
    for (const struct ast_node *c = n->u.indicators.categories.first; c != NULL; c = c->next) {
        if (c->kind == AST_NOT_APPLICABLE)
            continue;
        write_category(w, c);
    }
    close_(w, ']');
    close_(w, '}');
}

/* --- tables ---------------------------------------------------------------- */

static void
write_text_field(struct jw *w, const struct ast_node *decl, const char *k,
                 enum ast_text_kind which)
{
    const struct ast_str *text = model_text(decl, which);
    if (text != NULL)
        key_str(w, k, text);
    else
        key_null(w, k);
}

/*
 * A table's self-evaluation (sema_score's struct ast_evaluation beside
 * what the table writes): 实际, 总分, 得分 and 等级 as written and as
 * computed, 执行率, the points of budget execution and the 反向 rule.
 */
static void
write_evaluation(struct jw *w, const struct ast_node *decl)
{
    const struct ast_evaluation *e = decl->u.decl.evaluation; /* model_is_evaluation */
    const struct ast_node *funds = ast_field(decl, AST_FUNDS);
    char buf[DECIMAL_FORMAT_MAX];
    key(w, "evaluation");
    open_(w, '{');
    write_text_field(w, decl, "actual", AST_TEXT_ACTUAL);
    const struct ast_node *n = model_field(decl, AST_TOTAL_POINTS);
    if (n != NULL)
        key_number(w, "total_points", &n->u.evaluation_field.number);
    else
        key_decimal(w, "total_points", buf, emit_weight(&e->total, buf));
    key_bool(w, "total_points_computed", n == NULL && e->total.weight_known);
    n = model_field(decl, AST_TABLE_SCORE);
    key_digits(w, "score", n != NULL ? n->u.evaluation_field.number.digits : NULL);
    key_decimal(w, "score_computed", buf, emit_score_computed(&e->total, buf));
    key_bool(w, "incomplete", e->total.incomplete);
    enum ast_grade grade = emit_grade_written(decl);
    if (grade != AST_GRADE_NONE)
        key_cstr(w, "grade", model_grade_name(grade, true));
    else
        key_null(w, "grade");
    if (e->grade_computed != AST_GRADE_NONE)
        key_cstr(w, "grade_computed", model_grade_name(e->grade_computed, true));
    else
        key_null(w, "grade_computed");
    key_digits(w, "execution_rate",
               funds != NULL ? emit_fund_number(funds, AST_FUNDMOD_RATE) : NULL);
    key_decimal(w, "execution_rate_computed", buf, e->rate_known ? emit_decimal(e->rate, buf) : 0);
    key(w, "budget");
    open_(w, '{');
    key_digits(w, "weight", funds != NULL ? emit_fund_number(funds, AST_FUNDMOD_WEIGHT) : NULL);
    key_digits(w, "score", funds != NULL ? emit_fund_number(funds, AST_FUNDMOD_SCORE) : NULL);
    key_decimal(w, "score_computed", buf, emit_score_computed(&e->budget, buf));
    close_(w, '}');
    key_cstr(w, "inverse_rule", e->inverse_rule == AST_INVERSE_RATIO ? "ratio" : "deduct");
    close_(w, '}');
}

/* A row of the duty table and the rows under it. */
static void
write_duty_row(struct jw *w, const struct ast_node *dept, const struct ast_node *row)
{
    char buf[DECIMAL_FORMAT_MAX];
    open_(w, '{');
    key_cstr(w, "level", model_duty_level_name(row->u.duty.level));
    key_str(w, "name", &row->u.duty.name);
    key_number(w, "amount", &row->u.duty.amount.value);
    key_cstr(w, "unit", model_duty_unit(dept, row));
    key_decimal(w, "amount_yuan", buf, model_duty_yuan(row, buf));
    key_location(w, row->span);
    if (row->u.duty.level != AST_DUTY_PROJECT) {
        key(w, "rows");
        open_(w, '[');
        for (const struct ast_node *r = row->u.duty.rows.first; r != NULL; r = r->next)
            write_duty_row(w, dept, r);
        close_(w, ']');
    }
    close_(w, '}');
}

/*
 * A project's 实施期指标 ("period_indicators", shaped as "indicators", with
 * no self-evaluation members: a self-evaluation scores the year's) and its
 * 进度 ("schedule": [{name, when}]), each present only when written.
 */
static void
write_period_fields(struct jw *w, const struct ast_node *decl)
{
    const struct ast_node *n = ast_field(decl, AST_PERIOD_INDICATORS);
    if (n != NULL) {
        bool evaluation = w->evaluation;
        w->evaluation = false;
        key(w, "period_indicators");
        write_indicators(w, decl, n);
        w->evaluation = evaluation;
    }
    n = ast_field(decl, AST_SCHEDULE);
    if (n == NULL)
        return;
    key(w, "schedule");
    open_(w, '[');
    for (const struct ast_node *row = n->u.schedule.rows.first; row != NULL; row = row->next) {
        open_(w, '{');
        key_str(w, "name", &row->u.schedule_row.name);
        key_location(w, row->span);
        key(w, "when");
        write_target(w, row->u.schedule_row.value);
        close_(w, '}');
    }
    close_(w, ']');
}

static void write_table(struct jw *w, const struct ast_node *decl, const struct ast_str *dept);

/* What the table's rows need to know of it (struct jw), for decl. */
static void
enter_table(struct jw *w, const struct ast_node *decl)
{
    const struct ast_node *funds = ast_field(decl, AST_FUNDS);
    w->evaluation = model_is_evaluation(decl);
    w->funds_modified = funds != NULL && emit_funds_modified(funds);
    w->phase_count = w->funds_modified ? emit_phases(funds, w->phases) : 0;
}

static void
write_table(struct jw *w, const struct ast_node *decl, const struct ast_str *dept)
{
    bool project = decl->kind == AST_PROJECT;
    enter_table(w, decl);
    open_(w, '{');
    key_str(w, "name", &decl->u.decl.name);
    key_location(w, decl->span);
    if (project) {
        const struct ast_node *ref = ast_field(decl, AST_DEPARTMENT_REF);
        if (ref != NULL)
            key_str(w, "department", &ref->u.department_ref.name);
        else if (dept != NULL)
            key_str(w, "department", dept);
        else
            key_null(w, "department");
    }
    const struct ast_node *n = ast_field(decl, AST_YEAR);
    if (n != NULL)
        key_int(w, "year", strtol(n->u.year.value.digits, NULL, 10)); /* checked by sema */
    else
        key_null(w, "year");
    key(w, "attributes");
    open_(w, '[');
    for (n = decl->u.decl.body.first; n != NULL; n = n->next) {
        if (n->kind != AST_ATTRIBUTE)
            continue;
        open_(w, '{');
        key_str(w, "name", &n->u.attribute.name);
        key_str(w, "value", &n->u.attribute.value);
        key_location(w, n->span);
        close_(w, '}');
    }
    close_(w, ']');
    if (project) { /* sema_structure keeps 实施期 out of departments */
        n = ast_field(decl, AST_PERIOD);
        if (n != NULL) {
            key(w, "period");
            write_target(w, n->u.period.value);
        } else {
            key_null(w, "period");
        }
    }
    n = ast_field(decl, AST_FUNDS);
    if (n != NULL) {
        key(w, "funds");
        write_funds(w, n);
    } else {
        key_null(w, "funds");
    }
    if (!project)
        write_text_field(w, decl, "duties", AST_TEXT_DUTIES);
    if (project)
        write_text_field(w, decl, "period_goal", AST_TEXT_PERIOD_GOAL);
    write_text_field(w, decl, "goal", AST_TEXT_GOAL);
    n = ast_field(decl, AST_INDICATORS);
    if (n != NULL) {
        key(w, "indicators");
        write_indicators(w, decl, n);
    } else {
        key_null(w, "indicators");
    }
    if (project)
        write_period_fields(w, decl);
    if (w->evaluation)
        write_evaluation(w, decl);
    n = model_duty_table(decl);
    if (n != NULL) { /* only when written: 履职 is a regional addition to the form */
        key(w, "duty_table");
        open_(w, '[');
        for (const struct ast_node *r = n->u.duty.rows.first; r != NULL; r = r->next)
            write_duty_row(w, decl, r);
        close_(w, ']');
    }
    if (!project) {
        key(w, "projects");
        open_(w, '[');
        for (n = decl->u.decl.body.first; n != NULL; n = n->next) {
            if (n->kind == AST_PROJECT) {
                write_table(w, n, &decl->u.decl.name);
            }
        }
        close_(w, ']');
    }
    close_(w, '}');
}

struct top_level {
    struct jw *w;
    enum ast_kind kind;
};

static void
write_if_kind(void *ctx, const struct ast_node *n)
{
    const struct top_level *t = ctx;
    if (n->kind == t->kind)
        write_table(t->w, n, NULL);
}

/* Top-level items of a file, following includes, filtered by kind. */
static void
write_top_level(struct jw *w, const struct ast_node *file, enum ast_kind kind)
{
    struct top_level t = {w, kind};
    ast_each_item(file, write_if_kind, &t);
}

static void
write_sources(struct jw *w)
{
    key(w, "sources");
    open_(w, '[');
    for (unsigned i = 0; i < w->c->user_source_count; i++) {
        const struct source *src = compilation_source(w->c, i);
        str_value(w, src->path, strlen(src->path));
    }
    close_(w, ']');
}

void
emit_json(const struct compilation *c, FILE *out, const struct emit_options *opt)
{
    char buf[WRITER_BUFFER];
    struct jw w = {.c = c, .no_locations = opt->no_locations};
    json_writer_init(&w.j, out, buf, sizeof buf);
    open_(&w, '{');
    key_cstr(&w, "format", "goalc");
    key_int(&w, "version", JSON_FORMAT_VERSION);
    write_sources(&w);
    key(&w, "departments");
    open_(&w, '[');
    write_top_level(&w, c->root, AST_DEPARTMENT);
    close_(&w, ']');
    key(&w, "projects");
    open_(&w, '[');
    write_top_level(&w, c->root, AST_PROJECT);
    close_(&w, ']');
    close_(&w, '}');
    writer_byte(&w.j.out, '\n');
    json_writer_flush(&w.j);
}
