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

static void
write_line(struct jw *w, const struct ast_node *n)
{
    open_(w, '{');
    key_str(w, "name", &n->u.fund.name);
    key_number(w, "amount", &n->u.fund.amount);
    write_total(w, n);
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
    key_location(w, n->span);
    write_fund_items(w, &n->u.fund.items);
    close_(w, '}');
}

/* --- indicators ------------------------------------------------------------ */

static void
write_indicator(struct jw *w, const struct ast_node *n)
{
    open_(w, '{');
    key_str(w, "name", &n->u.indicator.name);
    key_location(w, n->span);
    key(w, "target");
    write_target(w, n->u.indicator.target);
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

static void write_table(struct jw *w, const struct ast_node *decl, const struct ast_str *dept);

static void
write_table(struct jw *w, const struct ast_node *decl, const struct ast_str *dept)
{
    bool project = decl->kind == AST_PROJECT;
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
