/*
 * model.c - queries on the checked model (model.h).
 *
 * Owns: the walk of a compilation's tables, finding a table's fields,
 * modifiers and attributes, a table's year and department, where the paper
 * form places an attribute, the form's labels a table may rename, checked
 * amounts as text, and the pieces of a target in the form's notation, canonical
 * or as filed.  Reads, never writes, the tree.
 */
#include "model/model.h"

#include "base/arena.h"
#include "model/catalog.h"
#include "model/keyword.h"
#include "model/compilation.h"
#include "base/decimal.h"
#include "base/source.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* --- tables ---------------------------------------------------------------- */

void
model_each_table(const struct compilation *c, ast_table_fn *fn, void *ctx)
{
    if (c->root != NULL)
        ast_each_table(c->root, fn, ctx);
}

const struct ast_str *
model_text(const struct ast_node *table, enum ast_text_kind which)
{
    for (const struct ast_node *n = table->u.decl.body.first; n != NULL; n = n->next)
        if (n->kind == AST_TEXT && n->u.text.which == which)
            return &n->u.text.text;
    return NULL;
}

const struct ast_node *
model_modifier(const struct ast_node *indicator, enum ast_modifier_kind kind)
{
    for (const struct ast_node *m = indicator->u.indicator.modifiers.first; m != NULL;
         m = m->next)
        if (m->u.modifier.kind == kind)
            return m;
    return NULL;
}

int
model_year(const struct ast_node *table, const struct ast_node *parent)
{
    const struct ast_node *y = ast_field(table, AST_YEAR);
    if (y != NULL)
        return (int)strtol(y->u.year.value.digits, NULL, 10); /* 1900-2999, checked by sema */
    return parent != NULL ? model_year(parent, NULL) : 0;
}

const struct ast_str *
model_department(const struct ast_node *table, const struct ast_node *parent)
{
    if (table->kind == AST_DEPARTMENT)
        return &table->u.decl.name;
    const struct ast_node *ref = ast_field(table, AST_DEPARTMENT_REF);
    if (ref != NULL)
        return &ref->u.department_ref.name;
    return parent != NULL ? &parent->u.decl.name : NULL;
}

static const struct {
    const char *name;
    enum model_place place;
    bool project_only;
} attribute_places[] = {
    {"填报单位", MODEL_PLACE_HEADER, false},
    {"单位", MODEL_PLACE_HEADER, false},
    {"预算部门", MODEL_PLACE_ROW, true},
};

enum model_place
model_attribute_place(const struct ast_node *table, const struct ast_node *attribute)
{
    const struct ast_str *name = &attribute->u.attribute.name;
    for (size_t i = 0; i < sizeof attribute_places / sizeof attribute_places[0]; i++)
        if (strcmp(attribute_places[i].name, name->text) == 0 &&
            (!attribute_places[i].project_only || table->kind == AST_PROJECT))
            return attribute_places[i].place;
    return MODEL_PLACE_FOOTER;
}

const struct ast_str *
model_attribute(const struct ast_node *table, const char *name)
{
    for (const struct ast_node *n = table->u.decl.body.first; n != NULL; n = n->next)
        if (n->kind == AST_ATTRIBUTE && strcmp(n->u.attribute.name.text, name) == 0)
            return &n->u.attribute.value;
    return NULL;
}

static const char *const labels[MODEL_LABEL_COUNT] = {
    [MODEL_LABEL_DEPARTMENT_NAME] = "部门名称",
    [MODEL_LABEL_BUDGET] = "年度预算",
    [MODEL_LABEL_FUNDS_TOTAL] = "资金总额",
    [MODEL_LABEL_DUTIES] = "部门职能",
    [MODEL_LABEL_OVERALL_GOAL] = "整体绩效目标",
    [MODEL_LABEL_PROJECT_NAME] = "项目支出名称",
    [MODEL_LABEL_OWN_AMOUNT] = "年度本级预算金额",
    [MODEL_LABEL_UPPER_FUNDS] = "该项目支出上级资金",
    [MODEL_LABEL_PERIOD] = "项目支出实施期",
    [MODEL_LABEL_PERIOD_GOAL] = "实施期绩效目标",
    [MODEL_LABEL_YEAR_GOAL] = "本年度绩效目标",
    [MODEL_LABEL_DEPARTMENT_INDICATORS] = "部门整体支出年度绩效指标",
    [MODEL_LABEL_PROJECT_INDICATORS] = "本年度绩效指标",
    [MODEL_LABEL_LEVEL1] = "一级指标",
    [MODEL_LABEL_LEVEL2] = "二级指标",
    [MODEL_LABEL_ITEM] = "名称",
    [MODEL_LABEL_INDICATOR] = "三级指标",
    [MODEL_LABEL_VALUE] = "指标值及单位",
    [MODEL_LABEL_STANDARD] = "绩效标准",
    [MODEL_LABEL_WEIGHT] = "分值",
};

const char *
model_label_name(enum model_label label)
{
    return labels[label];
}

const struct ast_str *
model_label_renamed(const struct ast_node *table, enum model_label label)
{
    return model_attribute(table, labels[label]);
}

bool
model_attribute_is_label(const struct ast_node *attribute)
{
    for (size_t i = 0; i < MODEL_LABEL_COUNT; i++)
        if (strcmp(labels[i], attribute->u.attribute.name.text) == 0)
            return true;
    return false;
}

unsigned
model_line(const struct compilation *c, struct model_lines *at, struct ast_span span)
{
    const struct source *src = compilation_source(c, span.file);
    unsigned near = at->line != 0 && at->file == span.file ? at->line : 0;
    at->file = span.file;
    at->line = source_line_number_near(src, near, span.start);
    return at->line;
}

bool
model_not_applicable(const struct ast_node *category)
{
    for (const struct ast_node *n = category->u.category.items.first; n != NULL; n = n->next)
        if (n->kind == AST_NOT_APPLICABLE)
            return true;
    return false;
}

const char model_default_money_unit[] = "万元";

const char *
model_money_unit(const struct ast_node *funds)
{
    return funds != NULL ? funds->u.fund.money_unit : model_default_money_unit;
}

size_t
model_amount(const struct ast_node *fund, char *buf)
{
    if (!fund->u.fund.total_known) {
        buf[0] = '\0';
        return 0;
    }
    return decimal_format(fund->u.fund.total, buf, DECIMAL_FORMAT_MAX);
}

const struct ast_phase_total *
model_fund_phase(const struct ast_node *fund, enum ast_phase phase, int year)
{
    for (uint32_t i = 0; i < fund->u.fund.phase_count; i++) {
        const struct ast_phase_total *p = &fund->u.fund.phases[i];
        if (p->phase == phase && (phase != AST_PHASE_FINAL || p->year == year))
            return p;
    }
    return NULL;
}

const struct ast_node *
model_fund_mod(const struct ast_node *fund, enum ast_fund_mod_kind kind)
{
    for (const struct ast_node *m = fund->u.fund.mods.first; m != NULL; m = m->next)
        if (m->kind == AST_FUND_MOD && m->u.fund_mod.kind == kind)
            return m;
    return NULL;
}

bool
model_is_column(const struct ast_node *m)
{
    return m->kind == AST_FUND_MOD ? m->u.fund_mod.kind == AST_FUNDMOD_COLUMN
                                   : m->u.modifier.kind == AST_MOD_COLUMN;
}

const struct ast_str *
model_column_name(const struct ast_node *m)
{
    return m->kind == AST_FUND_MOD ? &m->u.fund_mod.name : &m->u.modifier.name;
}

const struct ast_str *
model_column_text(const struct ast_node *m)
{
    return m->kind == AST_FUND_MOD ? &m->u.fund_mod.text : &m->u.modifier.text;
}

const struct ast_node *
model_column(const struct ast_node *row, const char *name)
{
    const struct ast_list *mods =
        row->kind == AST_INDICATOR ? &row->u.indicator.modifiers : &row->u.fund.mods;
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next)
        if (model_is_column(m) && strcmp(model_column_name(m)->text, name) == 0)
            return m;
    return NULL;
}

const struct ast_node *
model_field(const struct ast_node *table, enum ast_kind kind)
{
    return ast_field(table, kind);
}

bool
model_points_score(const struct ast_points *p, struct decimal *score)
{
    if (p->score_written) {
        *score = p->score;
        return true;
    }
    if (p->computed_known) {
        *score = p->computed;
        return true;
    }
    return false;
}

/* The form's words for grades and directions: [0] Chinese, [1] English. */
static const char *const grade_names[][2] = {
    [AST_GRADE_NONE] = {"", ""},
    [AST_GRADE_EXCELLENT] = {"优", "excellent"},
    [AST_GRADE_GOOD] = {"良", "good"},
    [AST_GRADE_FAIR] = {"中", "fair"},
    [AST_GRADE_POOR] = {"差", "poor"},
};
static const char *const direction_names[][2] = {
    [AST_DIRECTION_POSITIVE] = {"正向", "positive"},
    [AST_DIRECTION_NEGATIVE] = {"反向", "negative"},
    [AST_DIRECTION_EQUAL] = {"等于", "equal"},
};

const char *
model_grade_name(enum ast_grade grade, bool english)
{
    return grade_names[grade][english];
}

const char *
model_direction_name(enum ast_direction direction, bool english)
{
    return direction_names[direction][english];
}

const char *
model_expr_operator(enum ast_expr_op op)
{
    switch (op) {
    case AST_EXPR_ADD:
        return " + ";
    case AST_EXPR_SUB:
        return " - ";
    case AST_EXPR_MUL:
        return " × ";
    case AST_EXPR_DIV:
        return " ÷ ";
    case AST_EXPR_NUMBER:
    case AST_EXPR_INDICATOR:
    case AST_EXPR_FUND:
    case AST_EXPR_GROUP:
        return "";
    }
    return "";
}

/* A growing text in the arena: a 计算 of n operands is written in O(n). */
struct expr_text {
    struct arena *a;
    char *buf;
    size_t len, cap;
};

static void
expr_put(struct expr_text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap == 0 ? 64 : t->cap;
        while (t->len + n + 1 > cap)
            cap *= 2;
        char *buf = arena_alloc_bytes(t->a, cap);
        if (t->len > 0)
            memcpy(buf, t->buf, t->len);
        t->buf = buf;
        t->cap = cap;
    }
    memcpy(t->buf + t->len, s, n + 1);
    t->len += n;
}

static void
expr_write(struct expr_text *t, const struct ast_node *e, bool quoted, bool english,
           model_expr_leaf_fn *leaf, void *ctx)
{
    const struct ast_quantity *q = &e->u.expr.number;
    if (leaf != NULL && (e->u.expr.op == AST_EXPR_NUMBER || e->u.expr.op == AST_EXPR_INDICATOR ||
                         e->u.expr.op == AST_EXPR_FUND)) {
        expr_put(t, leaf(ctx, e));
        return;
    }
    switch (e->u.expr.op) {
    case AST_EXPR_NUMBER:
        expr_put(t, q->value.digits);
        if (q->unit.text != NULL) {
            expr_put(t, " ");
            expr_put(t, q->unit.text);
        }
        return;
    case AST_EXPR_INDICATOR:
        if (quoted)
            expr_put(t, "\"");
        expr_put(t, e->u.expr.name.text);
        if (quoted)
            expr_put(t, "\"");
        return;
    case AST_EXPR_FUND:
        expr_put(t, keyword_spelling(KEYWORD_FUNDS, english));
        for (const struct ast_node *p = e->u.expr.path.first; p != NULL; p = p->next) {
            expr_put(t, " ");
            expr_put(t, p->u.ref.name.text);
        }
        return;
    case AST_EXPR_GROUP:
        expr_put(t, "(");
        expr_write(t, e->u.expr.left, quoted, english, leaf, ctx);
        expr_put(t, ")");
        return;
    case AST_EXPR_ADD:
    case AST_EXPR_SUB:
    case AST_EXPR_MUL:
    case AST_EXPR_DIV:
        expr_write(t, e->u.expr.left, quoted, english, leaf, ctx);
        expr_put(t, model_expr_operator(e->u.expr.op));
        expr_write(t, e->u.expr.right, quoted, english, leaf, ctx);
        return;
    }
}

const char *
model_expr_text(struct arena *a, const struct ast_node *e, bool quoted, bool english)
{
    struct expr_text t = {a, NULL, 0, 0};
    expr_put(&t, "");
    expr_write(&t, e, quoted, english, NULL, NULL);
    return t.buf;
}

const char *
model_expr_render(struct arena *a, const struct ast_node *e, model_expr_leaf_fn *leaf, void *ctx)
{
    struct expr_text t = {a, NULL, 0, 0};
    expr_put(&t, "");
    expr_write(&t, e, false, false, leaf, ctx);
    return t.buf;
}

bool
model_is_evaluation(const struct ast_node *table)
{
    return (table->kind == AST_DEPARTMENT || table->kind == AST_PROJECT) &&
           table->u.decl.evaluation != NULL;
}

size_t
model_amount_yuan(const struct compilation *c, const struct ast_node *funds,
                  const struct ast_node *fund, char *buf)
{
    int e = unit_money_exponent(catalog_unit(c->catalog, model_money_unit(funds)));
    struct decimal v;
    buf[0] = '\0';
    if (!fund->u.fund.total_known || e < 0 || !decimal_shift(fund->u.fund.total, e, &v))
        return 0;
    return decimal_format(v, buf, DECIMAL_FORMAT_MAX);
}

int
model_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 31;
    bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 && leap ? 29 : days[month - 1];
}

size_t
model_format_int(char *buf, long v, int width)
{
    char digits[MODEL_INT_MAX];
    size_t n = 0;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    size_t len = 0;
    if (v < 0)
        buf[len++] = '-';
    while (len + n < (size_t)width && len + n < MODEL_INT_MAX)
        buf[len++] = '0';
    while (n > 0)
        buf[len++] = digits[--n];
    return len;
}

/* --- targets in the form's notation ---------------------------------------- */

static void
piece(struct model_form *f, const char *s, size_t len)
{
    if (s != NULL && len > 0 && f->count < MODEL_FORM_PIECES)
        f->piece[f->count++] = (struct escape_span){s, len};
}

static void
piece_str(struct model_form *f, const struct ast_str *s)
{
    piece(f, s->text, s->len);
}

/* A number and the word after it (2024年), in the form's own buffer. */
static void
piece_number(struct model_form *f, int v, const char *word)
{
    char digits[MODEL_INT_MAX];
    size_t n = model_format_int(digits, v, 1), len = strlen(word);
    if (n + len >= sizeof f->buf - f->used)
        return; /* cannot happen: dates are short */
    char *at = f->buf + f->used;
    memcpy(at, digits, n);
    memcpy(at + n, word, len);
    piece(f, at, n + len);
    f->used += n + len;
}

/* A date with its year, written or the table's (12月底 in 2024: 2024年12月底); same_year: a
   period's end in its start's year, its year not written (2024年3月至6月底), leaves it out. */
static void
form_date(struct model_form *f, const struct ast_date *d, int same_year)
{
    int year = d->year != 0 ? d->year : d->year_in_effect;
    if (year != 0 && !(d->year == 0 && year == same_year))
        piece_number(f, year, "年");
    piece_number(f, d->month, "月");
    if (d->day != 0)
        piece_number(f, d->day, "日");
    else if (d->end_of_month)
        piece(f, "底", strlen("底"));
}

/* The source text of a span, as written. */
static void
piece_span(const struct compilation *c, struct model_form *f, struct ast_span span)
{
    piece(f, compilation_source(c, span.file)->text + span.start, span.end - span.start);
}

/* The value and its unit; filed: the digits as written (1,000), else without separators. */
static void
form_quantity(const struct compilation *c, struct model_form *f, const struct ast_quantity *q,
              bool filed)
{
    if (filed)
        piece_span(c, f, q->value.span);
    else
        piece(f, q->value.digits, strlen(q->value.digits));
    piece_str(f, &q->unit);
}

/*
 * The suffix word of a target (以上, 以内, 前…) as written: the source text
 * between the end of the value and the end of the target.  An English
 * spelling is given its Chinese form.
 */
static void
form_suffix(const struct compilation *c, struct model_form *f, const struct ast_node *t,
            uint32_t value_end)
{
    const struct source *src = compilation_source(c, t->span.file);
    const char *s = src->text + value_end, *end = src->text + t->span.end;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    if (s < end && (unsigned char)*s < 0x80) {
        const char *word = t->u.target.kind == AST_TARGET_DEADLINE ? "前"
                           : t->u.target.cmp == AST_CMP_GE         ? "以上"
                                                                   : "以下";
        piece(f, word, strlen(word));
    } else {
        piece(f, s, (size_t)(end - s));
    }
}

/*
 * ≥ ≤ > <.  Canonical: equality prints as a bare value (等于 18 家 is
 * 18家), as forms write it.  Filed: the comparator as written, from the
 * start of the target to its value (value_start), but an ASCII spelling
 * (>=) as its symbol; 等于 stays.
 */
static void
form_comparator(const struct compilation *c, struct model_form *f, const struct ast_node *t,
                uint32_t value_start, bool filed)
{
    if (t->u.target.cmp_form != AST_CMP_FORM_PREFIX)
        return;
    if (filed) {
        const char *text = compilation_source(c, t->span.file)->text;
        uint32_t end = value_start;
        bool ascii = true;
        while (end > t->span.start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
            end--;
        for (uint32_t i = t->span.start; i < end; i++)
            ascii = ascii && (unsigned char)text[i] < 0x80;
        if (!ascii) {
            piece(f, text + t->span.start, end - t->span.start);
            return;
        }
    } else if (t->u.target.cmp == AST_CMP_EQ) {
        return;
    }
    const char *sym = ast_cmp_symbol(t->u.target.cmp);
    piece(f, sym, strlen(sym));
}

static void
form_target(const struct compilation *c, const struct ast_node *t, struct model_form *f,
            bool filed)
{
    f->count = 0;
    f->used = 0;
    if (t == NULL)
        return; /* a row without a target: a blank cell */
    const struct ast_quantity *q = &t->u.target.value;
    switch (t->u.target.kind) {
    case AST_TARGET_COMPARISON:
        form_comparator(c, f, t, q->value.span.start, filed);
        form_quantity(c, f, q, filed);
        if (t->u.target.cmp_form == AST_CMP_FORM_SUFFIX)
            form_suffix(c, f, t, q->unit.text != NULL ? q->unit.span.end : q->value.span.end);
        break;
    case AST_TARGET_RANGE:
        form_quantity(c, f, q, false);
        piece(f, "～", strlen("～"));
        form_quantity(c, f, &t->u.target.high, false);
        break;
    case AST_TARGET_DEADLINE:
        form_comparator(c, f, t, t->u.target.date.span.start, filed);
        form_date(f, &t->u.target.date, 0);
        if (t->u.target.cmp_form == AST_CMP_FORM_SUFFIX)
            form_suffix(c, f, t, t->u.target.date.span.end);
        break;
    case AST_TARGET_PERIOD:
        form_date(f, &t->u.target.date, 0);
        piece(f, "至", strlen("至"));
        form_date(f, &t->u.target.date_to,
                  t->u.target.date.year != 0 ? t->u.target.date.year : t->u.target.date.year_in_effect);
        break;
    case AST_TARGET_QUALITATIVE:
        piece_str(f, &t->u.target.text);
        break;
    }
}

void
model_form_date(const struct ast_date *d, struct model_form *f)
{
    f->count = f->used = 0;
    form_date(f, d, 0);
}

void
model_form_target(const struct compilation *c, const struct ast_node *t, struct model_form *f)
{
    form_target(c, t, f, false);
}

void
model_form_target_filed(const struct compilation *c, const struct ast_node *t,
                        struct model_form *f)
{
    form_target(c, t, f, true);
}

/* --- the duty table ----------------------------------------------------------- */

const struct ast_node *
model_duty_table(const struct ast_node *dept)
{
    return dept->kind == AST_DEPARTMENT ? ast_field(dept, AST_DUTY_TABLE) : NULL;
}

const char *
model_duty_unit(const struct ast_node *dept, const struct ast_node *row)
{
    if (row->u.duty.amount.unit.text != NULL)
        return row->u.duty.amount.unit.text;
    return model_money_unit(ast_field(dept, AST_FUNDS));
}

size_t
model_duty_yuan(const struct ast_node *row, char *buf)
{
    if (!row->u.duty.amount_known)
        return 0;
    return decimal_format(row->u.duty.yuan, buf, DECIMAL_FORMAT_MAX);
}

size_t
model_duty_leaves(const struct ast_node *row)
{
    if (row->u.duty.rows.count == 0)
        return 1;
    size_t n = 0;
    for (const struct ast_node *r = row->u.duty.rows.first; r != NULL; r = r->next)
        n += model_duty_leaves(r);
    return n;
}

const char *
model_duty_level_name(enum ast_duty_level level)
{
    switch (level) {
    case AST_DUTY_DUTY:
        return "duty";
    case AST_DUTY_TASK:
        return "task";
    case AST_DUTY_PROJECT:
        return "project";
    }
    return "";
}

size_t
model_duty_amount(const struct compilation *c, const struct ast_node *dept,
                  const struct ast_node *row, char *buf, bool *computed)
{
    const char *digits = row->u.duty.amount.value.digits;
    const char *unit = model_money_unit(ast_field(dept, AST_FUNDS));
    *computed = digits == NULL && row->u.duty.amount_known;
    if (digits != NULL && strcmp(model_duty_unit(dept, row), unit) == 0) {
        size_t n = strlen(digits);
        memcpy(buf, digits, n + 1); /* at most 40 digits: the scanner's limit */
        return n;
    }
    if (!row->u.duty.amount_known)
        return 0;
    int e = unit_money_exponent(catalog_unit(c->catalog, unit));
    struct decimal v;
    if (e < 0 || !decimal_unshift(row->u.duty.yuan, e, &v))
        return 0; /* cannot happen: sema_funds checked the unit, and 元 converts exactly */
    return decimal_format(decimal_normalize(v), buf, DECIMAL_FORMAT_MAX);
}
