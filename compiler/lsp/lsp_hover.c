/*
 * lsp_hover.c - hover: what the thing under the cursor means, in the
 * language of messages (--lang), as Markdown.
 *
 *   a unit (of a target, 标准, 实际)  its dimension and scale: 1 万人 = 10000 人
 *   a category's name                canonical name, English name, level, framework
 *   a target                         its meaning in words, and the form's spelling
 *   a 资金 or fund line               its amount, written or computed, and what checks it
 *   an indicator's name              its score when the table is a self-evaluation
 *
 * Only the document's current analysis is used: a file that does not
 * parse has no hover.
 */
#include "lsp/lsp_features.h"

#include "base/decimal.h"
#include "base/escape.h"
#include "base/source.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "model/compilation.h"
#include "model/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct text {
    char buf[1024];
    size_t len;
};

static void
append(struct text *t, const char *s, size_t n)
{
    if (n > sizeof t->buf - 1 - t->len)
        n = sizeof t->buf - 1 - t->len;
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

/* The phrases are printf formats whose arguments test_diag checks (phrase.def). */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* Appends a phrase of lang formatted with its arguments. */
static void
say(struct text *t, enum diag_lang lang, enum diag_phrase_id id, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, id);
    vsnprintf(line, sizeof line, diag_phrase(lang, id), ap);
    va_end(ap);
    if (t->len > 0)
        append(t, "\n\n", 2);
    append(t, line, strlen(line));
}

static void
hover_unit(struct text *t, enum diag_lang lang, const struct catalog *cat, const char *name)
{
    const struct unit *u = catalog_unit(cat, name);
    if (u == NULL)
        return;
    bool english = lang == DIAG_LANG_EN;
    const char *dim = dimension_label(u->dimension, english);
    char scale[DECIMAL_FORMAT_MAX];
    decimal_format(u->scale, scale, sizeof scale);
    const char *base = u->dimension->base != NULL ? u->dimension->base : name;
    say(t, lang, PHRASE_LSP_HOVER_UNIT, name, dim);
    say(t, lang, PHRASE_LSP_HOVER_UNIT_SCALE, name, scale, base);
}

static void
hover_category(struct text *t, enum diag_lang lang, const struct category *c)
{
    say(t, lang, PHRASE_LSP_HOVER_CATEGORY, c->name, c->english[0] ? c->english : c->name, c->level,
        c->framework != NULL ? c->framework->name : "");
    if (c->parent != NULL)
        say(t, lang, PHRASE_LSP_HOVER_CATEGORY_PARENT, c->parent->name);
}

static enum diag_phrase_id
comparison_phrase(enum ast_cmp cmp)
{
    switch (cmp) {
    case AST_CMP_EQ:
        return PHRASE_LSP_TARGET_EQ;
    case AST_CMP_GE:
        return PHRASE_LSP_TARGET_GE;
    case AST_CMP_LE:
        return PHRASE_LSP_TARGET_LE;
    case AST_CMP_GT:
        return PHRASE_LSP_TARGET_GT;
    case AST_CMP_LT:
        return PHRASE_LSP_TARGET_LT;
    }
    return PHRASE_LSP_TARGET_EQ;
}

static void
hover_target(struct text *t, enum diag_lang lang, const struct compilation *c,
             const struct ast_node *target)
{
    struct model_form form;
    model_form_target(c, target, &form);
    char written[256];
    size_t n = 0;
    for (size_t i = 0; i < form.count && n + form.piece[i].len < sizeof written; i++) {
        memcpy(written + n, form.piece[i].s, form.piece[i].len);
        n += form.piece[i].len;
    }
    written[n] = '\0';
    if (target->u.target.kind == AST_TARGET_COMPARISON &&
        target->u.target.value.value.digits != NULL) {
        /* The comparator is said in words: the value and unit alone. */
        const struct ast_quantity *q = &target->u.target.value;
        snprintf(written, sizeof written, "%s%s%s", q->value.digits, q->unit.text ? " " : "",
                 q->unit.text ? q->unit.text : "");
    }
    switch (target->u.target.kind) {
    case AST_TARGET_COMPARISON:
    case AST_TARGET_DEADLINE:
        say(t, lang, comparison_phrase(target->u.target.cmp), written);
        break;
    case AST_TARGET_RANGE:
    case AST_TARGET_PERIOD:
        say(t, lang, PHRASE_LSP_TARGET_RANGE, written);
        break;
    case AST_TARGET_QUALITATIVE:
        say(t, lang, PHRASE_LSP_TARGET_QUALITATIVE, written);
        break;
    }
}

static void
hover_fund(struct text *t, enum diag_lang lang, const struct compilation *c,
           const struct ast_node *fund, const struct ast_node *table)
{
    char amount[DECIMAL_FORMAT_MAX];
    if (model_amount(fund, amount) == 0)
        return;
    const struct ast_node *funds = table != NULL ? model_field(table, AST_FUNDS) : fund;
    const char *unit = model_money_unit(funds);
    say(t, lang, fund->u.fund.computed ? PHRASE_LSP_HOVER_FUND_COMPUTED : PHRASE_LSP_HOVER_FUND,
        amount, unit);
    if (fund->u.fund.items.first != NULL) {
        unsigned line, col;
        const struct source *src = c->sources[fund->span.file];
        source_position(src, fund->span.start, &line, &col);
        say(t, lang, PHRASE_LSP_HOVER_FUND_CHECKED, line);
    }
}

static void
hover_points(struct text *t, enum diag_lang lang, const struct ast_points *p)
{
    if (!p->computed_known)
        return;
    char score[DECIMAL_FORMAT_MAX], weight[DECIMAL_FORMAT_MAX];
    decimal_format(p->computed, score, sizeof score);
    decimal_format(p->weight, weight, sizeof weight);
    say(t, lang, PHRASE_LSP_HOVER_SCORE, score, p->weight_known ? weight : "?");
}

/* The unit string of a target under offset, or NULL. */
static const struct ast_str *
unit_at(const struct ast_node *target, size_t offset)
{
    if (target == NULL || (target->u.target.kind != AST_TARGET_COMPARISON &&
                           target->u.target.kind != AST_TARGET_RANGE))
        return NULL;
    if (lsp_str_holds(&target->u.target.value.unit, offset))
        return &target->u.target.value.unit;
    if (target->u.target.kind == AST_TARGET_RANGE &&
        lsp_str_holds(&target->u.target.high.unit, offset))
        return &target->u.target.high.unit;
    return NULL;
}

struct lsp_json *
lsp_hover(struct lsp_server *s, const struct lsp_json *params)
{
    struct lsp_doc *d = lsp_server_doc(s, params);
    struct lsp_analysis *a = lsp_server_analysis(s, d);
    if (a == NULL || a->c->root == NULL)
        return NULL;
    size_t offset = lsp_params_offset(a, params);
    const struct ast_node *table = NULL;
    const struct ast_node *n = lsp_node_at(a, offset, &table);
    if (n == NULL)
        return NULL;
    struct text t = {.len = 0};
    t.buf[0] = '\0';
    enum diag_lang lang = s->lang;
    const struct catalog *cat = a->c->catalog;
    const struct ast_str *unit = n->kind == AST_TARGET ? unit_at(n, offset) : NULL;
    switch (n->kind) {
    case AST_TARGET:
        if (unit != NULL && cat != NULL)
            hover_unit(&t, lang, cat, unit->text);
        else
            hover_target(&t, lang, a->c, n);
        break;
    case AST_CATEGORY:
        if (n->u.category.def != NULL && lsp_str_holds(&n->u.category.name, offset))
            hover_category(&t, lang, n->u.category.def);
        else
            hover_points(&t, lang, &n->u.category.points);
        break;
    case AST_INDICATOR:
        hover_points(&t, lang, &n->u.indicator.points);
        break;
    case AST_FUNDS:
        if (cat != NULL && lsp_str_holds(&n->u.fund.unit, offset)) {
            hover_unit(&t, lang, cat, n->u.fund.unit.text);
            break;
        }
        hover_fund(&t, lang, a->c, n, table);
        break;
    case AST_FUND_LINE:
        hover_fund(&t, lang, a->c, n, table);
        break;
    case AST_FILE:
    case AST_INCLUDE:
    case AST_DEPARTMENT:
    case AST_PROJECT:
    case AST_DEPARTMENT_REF:
    case AST_YEAR:
    case AST_ATTRIBUTE:
    case AST_TEXT:
    case AST_PERIOD:
    case AST_PARTITION:
    case AST_OF_WHICH:
    case AST_INDICATORS:
    case AST_NOT_APPLICABLE:
    case AST_MODIFIER:
    case AST_FRAMEWORK:
    case AST_FRAMEWORK_REF:
    case AST_LEVEL:
    case AST_DIMENSION:
    case AST_UNIT_DEF:
    case AST_NAME:
    case AST_ALIASES:
    case AST_PARTITION_DEF:
    case AST_FUND_MOD:
    case AST_TOTAL_POINTS:
    case AST_TABLE_SCORE:
    case AST_GRADE:
    case AST_INVERSE_RULE:
    case AST_DUTY_TABLE:
    case AST_DUTY_ROW:
    case AST_PERIOD_INDICATORS:
    case AST_SCHEDULE:
    case AST_SCHEDULE_ROW:
    case AST_EXPRESSION:
        break;
    }
    if (t.len == 0)
        return NULL;
    struct lsp_json *contents = lsp_json_object();
    lsp_json_set(contents, "kind", lsp_json_str("markdown"));
    lsp_json_set(contents, "value", lsp_json_str(t.buf));
    struct lsp_json *r = lsp_json_object();
    lsp_json_set(r, "contents", contents);
    lsp_json_set(r, "range",
                 lsp_json_range(a, unit != NULL ? unit->span.start : n->span.start,
                                unit != NULL ? unit->span.end : n->span.end));
    return r;
}
