/*
 * sema_lint.c - pass 13: what a reviewer at the finance bureau would flag.
 *
 * Assumes: the table has no errors; sema_names set category.def and
 * sema_funds fund.total.  Only warnings, each with its name for -W:
 *   W0501 target-restates-name   a 定性 target that is the indicator's name
 *   W0502 quantity-qualitative   a 数量 indicator with a 定性 target
 *   W0503 satisfaction-not-percent  a 满意度 indicator that is not ≥ N%
 *   W0504 timeliness-unmeasured  a 时效 indicator with no time unit, date or text
 *   W0505 vague-target           a 定性 target made only of vague words, where
 *                                the framework asks for measurable ones (量化类)
 *   W0506 cost-not-upper-bound   a numeric 成本 target that is not ≤ / < / a range
 *   W0507 cost-exceeds-funds     a 成本 target in money above the table's funds
 *   W0508 rate-above-100         a rate that cannot exceed 100% (覆盖率, 合格率,
 *                                满意度…) with a target that allows more
 *   W0317 quotient-slip          a target in a quotient that is usually a slip:
 *                                persons per event (人/次, 万人/次), where
 *                                person-times (人次, 万人次) were meant
 *   W0509 missing-field          a table without a field the official form asks
 *                                for: 年度 (of a department: a project's is its
 *                                department's), 资金, 目标, 指标; a department
 *                                that holds none of them only groups project
 *                                tables and is not judged
 * A comparison a warning needs that cannot be computed exactly (more than 18
 * digits) is an error, E0202 naming the check, never skipped in silence.
 * The kinds (数量类, 时效类, 成本类, 满意度类, 量化类) are attributes of the
 * categories in the stdlib's frameworks, not names known to this file.
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "base/decimal.h"
#include "diag/diag.h"
#include "model/compilation.h"
#include "model/keyword.h"
#include "base/source.h"

#include <string.h>

/* Parts of an indicator's name that make it a share of a whole. */
static const char *const bounded_rates[] = {
    "覆盖率", "合格率", "及时率", "满意度", "满意率", "达标率", "知晓率", "参保率",
    "接种率", "签约率", "普及率", "入学率", "报告率", "管理率", "治愈率", "到位率",
    "执行率", "就业率", "出勤率", "准确率", "正确率", "合规率", "通过率", "发放率",
    "落实率", "处置率", "处理率", "检出率", "知晓度", "覆盖面", "完好率", "规范率",
};

/* Words that, on their own, say a direction but no amount. */
static const char *const vague_words[] = {
    "有明显帮助", "效果显著", "成效显著", "效果明显", "进一步", "不断", "逐步", "稳步",
    "持续", "逐年", "明显", "显著", "有效", "有所", "大幅", "大大", "较大", "全面",
    "积极", "更加", "切实", "得到", "提高", "提升", "增强", "改善", "完善", "下降",
    "降低", "加强", "增加", "减少", "好转", "优化", "帮助", "良好", "较好", "改进",
};

struct lint {
    struct compilation *c;
    const struct catalog *cat;
    const struct ast_node *funds; /* the current table's 资金, or NULL */
};

bool
sema_is_bounded_rate(const char *name)
{
    for (size_t i = 0; i < sizeof bounded_rates / sizeof bounded_rates[0]; i++)
        if (strstr(name, bounded_rates[i]) != NULL)
            return true;
    return false;
}

static struct diag_loc
loc(const struct lint *k, struct ast_span span)
{
    return compilation_loc(k->c, span);
}

/* Whitespace and punctuation, which do not change what a text says. */
static size_t
filler_length(const char *s)
{
    static const char *const fillers[] = {"，", "。", "、", "；", "：", "！", "　", "…"};
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == ',' || *s == '.' || *s == ';' ||
        *s == '!' || *s == ':')
        return 1;
    for (size_t i = 0; i < sizeof fillers / sizeof fillers[0]; i++)
        if (strncmp(s, fillers[i], strlen(fillers[i])) == 0)
            return strlen(fillers[i]);
    return 0;
}

static bool
same_words(const char *a, const char *b)
{
    for (;;) {
        size_t n;
        while ((n = filler_length(a)) > 0)
            a += n;
        while ((n = filler_length(b)) > 0)
            b += n;
        if (*a == '\0' || *b == '\0')
            return *a == *b;
        if (*a++ != *b++)
            return false;
    }
}

static bool
only_vague_words(const char *s)
{
    if (*s == '\0')
        return false;
    while (*s != '\0') {
        size_t n = filler_length(s);
        for (size_t i = 0; n == 0 && i < sizeof vague_words / sizeof vague_words[0]; i++)
            if (strncmp(s, vague_words[i], strlen(vague_words[i])) == 0)
                n = strlen(vague_words[i]);
        if (n == 0)
            return false;
        s += n;
    }
    return true;
}

static bool
numeric(const struct ast_node *t);

/* The measured unit of a numeric target (a range's high end's when the low has none); NULL otherwise. */
static const struct unit *
target_unit(const struct lint *k, const struct ast_node *t)
{
    if (!numeric(t))
        return NULL;
    const struct ast_quantity *q = &t->u.target.value;
    if (q->unit.text == NULL && t->u.target.kind == AST_TARGET_RANGE)
        q = &t->u.target.high;
    return q->unit.text != NULL ? catalog_unit(k->cat, q->unit.text) : NULL;
}

static bool
numeric(const struct ast_node *t)
{
    return t->u.target.kind == AST_TARGET_COMPARISON || t->u.target.kind == AST_TARGET_RANGE;
}

static bool
in_base(const struct ast_quantity *q, const struct unit *u,
        struct decimal *out)
{
    struct decimal v;
    return decimal_parse(q->value.digits, strlen(q->value.digits), &v) &&
           (u == NULL ? (*out = v, true) : unit_to_base(u, v, out));
}

/* E0202: the check (a phrase taking the target's text) cannot be done exactly. */
static void
cannot_check(const struct lint *k, const struct ast_node *t, enum diag_phrase_id check)
{
    const char *text = compilation_text(k->c, t->span);
    diag_report(&k->c->diags, DIAG_AMOUNT_OVERFLOW, loc(k, t->span),
                diag_phrasef(&k->c->diags, check, text), text);
}

static void
check_rate(const struct lint *k, const struct ast_node *ind, const struct ast_node *t)
{
    const struct unit *u = target_unit(k, t);
    if (!numeric(t) || u == NULL || !(u->dimension->flags & DIM_RATIO) ||
        !sema_is_bounded_rate(ind->u.indicator.name.text))
        return;
    const struct ast_quantity *top =
        t->u.target.kind == AST_TARGET_RANGE ? &t->u.target.high : &t->u.target.value;
    struct decimal v, hundred = {100, 0};
    if (!in_base(top, u, &v)) { /* sema_targets reports this first: kept for safety */
        cannot_check(k, t, PHRASE_CHECK_RATE);
        return;
    }
    int c = decimal_cmp(v, hundred);
    enum ast_cmp cmp = t->u.target.cmp;
    bool open_above = t->u.target.kind == AST_TARGET_COMPARISON &&
                      (cmp == AST_CMP_GE || cmp == AST_CMP_GT);
    if (c > 0 || (c == 0 && open_above)) {
        const char *hint = "";
        if (c == 0)
            hint = diag_phrasef(&k->c->diags, PHRASE_RATE_EXACTLY_100);
        diag_report(&k->c->diags, DIAG_RATE_ABOVE_100, loc(k, t->span),
                    ind->u.indicator.name.text, compilation_text(k->c, t->span), hint);
    }
}

/*
 * Compares cost (in unit cu) with the table's funds exactly: in the finer of
 * the two money units when both are powers of ten of 元 (so 99999999999 亿元
 * of funds need not fit in 元), else in base units.  False when it cannot.
 */
static bool
compare_cost(const struct lint *k, struct decimal cost, const struct unit *cu, int *cmp)
{
    const struct ast_node *f = k->funds;
    const struct unit *fu = catalog_unit(k->cat, f->u.fund.money_unit);
    int ce = unit_money_exponent(cu), fe = unit_money_exponent(fu);
    struct decimal a, b;
    if (ce >= 0 && fe >= 0) {
        int e = ce < fe ? ce : fe;
        if (!decimal_shift(cost, ce - e, &a) || !decimal_shift(f->u.fund.total, fe - e, &b))
            return false;
    } else if (fu == NULL || !unit_to_base(cu, cost, &a) || !unit_to_base(fu, f->u.fund.total, &b)) {
        return false;
    }
    *cmp = decimal_cmp(a, b);
    return true;
}

static void
check_cost(const struct lint *k, const struct ast_node *t)
{
    if (!numeric(t))
        return;
    enum ast_cmp cmp = t->u.target.cmp;
    if (t->u.target.kind == AST_TARGET_COMPARISON && cmp != AST_CMP_LE && cmp != AST_CMP_LT)
        diag_report(&k->c->diags, DIAG_COST_NOT_UPPER_BOUND, loc(k, t->span), compilation_text(k->c, t->span));
    const struct unit *u = target_unit(k, t);
    const struct ast_node *funds = k->funds;
    if (u == NULL || !(u->dimension->flags & DIM_MONEY) || funds == NULL || !funds->u.fund.total_known)
        return;
    const struct ast_quantity *top =
        t->u.target.kind == AST_TARGET_RANGE ? &t->u.target.high : &t->u.target.value;
    struct decimal cost;
    int c;
    if (!decimal_parse(top->value.digits, strlen(top->value.digits), &cost) ||
        !compare_cost(k, cost, u, &c)) {
        cannot_check(k, t, PHRASE_CHECK_COST);
        return;
    }
    if (c <= 0)
        return;
    char buf[DECIMAL_FORMAT_MAX];
    decimal_format(funds->u.fund.total, buf, sizeof buf);
    diag_report(&k->c->diags, DIAG_COST_EXCEEDS_FUNDS, loc(k, t->span), compilation_text(k->c, t->span), buf,
                funds->u.fund.money_unit);
}

/* Quotient units that are usually a slip, and what was meant. */
static const struct {
    const char *unit, *meant;
} quotient_slips[] = {
    {"人/次", "人次"},
    {"万人/次", "万人次"},
};

static void
check_slip(const struct lint *k, const struct ast_quantity *q)
{
    if (q->unit.text == NULL)
        return;
    for (size_t i = 0; i < sizeof quotient_slips / sizeof quotient_slips[0]; i++)
        if (strcmp(q->unit.text, quotient_slips[i].unit) == 0)
            diag_report(&k->c->diags, DIAG_QUOTIENT_SLIP, loc(k, q->unit.span), q->unit.text,
                        quotient_slips[i].meant);
}

/* The category that asks for measurable targets: the level-2 one or its level-1. */
static const struct category *
measurable_category(const struct category *c)
{
    if (c->flags & CAT_MEASURABLE)
        return c;
    return c->parent != NULL && (c->parent->flags & CAT_MEASURABLE) ? c->parent : NULL;
}

static void
check_indicator(const struct lint *k, const struct category *cat, const struct ast_node *ind)
{
    const struct ast_node *t = ind->u.indicator.target;
    if (t == NULL)
        return; /* no target: W0180 said so, and there is nothing to judge */
    unsigned kinds = category_kinds(cat);
    bool qualitative = t->u.target.kind == AST_TARGET_QUALITATIVE;
    const struct unit *u = numeric(t) ? target_unit(k, t) : NULL;
    struct diag_sink *diags = &k->c->diags;
    if (qualitative && same_words(t->u.target.text.text, ind->u.indicator.name.text))
        diag_report(diags, DIAG_TARGET_RESTATES_NAME, loc(k, t->span));
    if ((kinds & CAT_QUANTITY) && qualitative)
        diag_report(diags, DIAG_QUANTITY_QUALITATIVE, loc(k, t->span));
    if (kinds & CAT_SATISFACTION) {
        bool percent_floor = t->u.target.kind == AST_TARGET_COMPARISON && u != NULL &&
                             (u->dimension->flags & DIM_RATIO) &&
                             (t->u.target.cmp == AST_CMP_GE || t->u.target.cmp == AST_CMP_GT);
        if (!percent_floor)
            diag_report(diags, DIAG_SATISFACTION_NOT_PERCENT, loc(k, t->span), compilation_text(k->c, t->span));
    }
    if (kinds & CAT_TIMELINESS) {
        bool timed = qualitative || t->u.target.kind == AST_TARGET_DEADLINE ||
                     t->u.target.kind == AST_TARGET_PERIOD ||
                     (u != NULL && (u->dimension->flags & DIM_TIME));
        if (!timed)
            diag_report(diags, DIAG_TIMELINESS_UNMEASURED, loc(k, t->span), compilation_text(k->c, t->span));
    }
    const struct category *measurable = measurable_category(cat);
    if (qualitative && measurable != NULL && only_vague_words(t->u.target.text.text))
        diag_report(diags, DIAG_VAGUE_TARGET, loc(k, t->span), t->u.target.text.text,
                    measurable->name);
    if (kinds & CAT_COST)
        check_cost(k, t);
    check_rate(k, ind, t);
    if (numeric(t)) {
        check_slip(k, &t->u.target.value);
        if (t->u.target.kind == AST_TARGET_RANGE)
            check_slip(k, &t->u.target.high);
    }
}

static void check_set(struct lint *k, const struct ast_node *indicators);

/* W0509, one per field the form asks for and the table lacks. */
static void
check_fields(const struct lint *k, const struct ast_node *decl)
{
    static const struct {
        enum ast_kind kind;
        enum keyword word;
    } required[] = {
        {AST_YEAR, KEYWORD_YEAR},
        {AST_FUNDS, KEYWORD_FUNDS},
        {AST_TEXT, KEYWORD_GOAL},
        {AST_INDICATORS, KEYWORD_INDICATORS},
    };
    enum { REQUIRED = sizeof required / sizeof required[0] };
    bool present[REQUIRED] = {0};
    size_t count = 0;
    for (size_t i = 0; i < REQUIRED; i++) {
        const struct ast_node *f = NULL;
        if (required[i].kind == AST_TEXT) {
            for (const struct ast_node *n = decl->u.decl.body.first; n != NULL; n = n->next)
                if (n->kind == AST_TEXT && n->u.text.which == AST_TEXT_GOAL)
                    f = n;
        } else {
            f = ast_field(decl, required[i].kind);
        }
        present[i] = f != NULL;
        count += present[i];
    }
    if (decl->kind == AST_DEPARTMENT && count == 0)
        return; /* it only groups project tables */
    /* A project's year is its department's (every project has one, nested
       or named): a missing one is said once, at the department. */
    if (decl->kind == AST_PROJECT)
        present[0] = true;
    struct diag_sink *diags = &k->c->diags;
    const char *table = diag_phrasef(
        diags, decl->kind == AST_DEPARTMENT ? PHRASE_DEPARTMENT_NAMED : PHRASE_PROJECT_NAMED,
        decl->u.decl.name.text);
    /* The field as the table would write it: in the language of its own keyword. */
    const struct source *src = compilation_source(k->c, decl->span.file);
    bool english = (unsigned char)src->text[decl->span.start] < 0x80;
    for (size_t i = 0; i < REQUIRED; i++)
        if (!present[i])
            diag_report(diags, DIAG_MISSING_FIELD, loc(k, decl->u.decl.name.span), table,
                        keyword_spelling(required[i].word, english));
}

static void
check_table(void *ctx, const struct ast_node *decl, const struct ast_node *parent)
{
    struct lint *k = ctx;
    (void)parent;
    check_fields(k, decl);
    k->funds = ast_field(decl, AST_FUNDS);
    check_set(k, ast_field(decl, AST_INDICATORS));
    /* A cost over the whole 实施期 is not bounded by the year's 资金 (W0507). */
    k->funds = NULL;
    check_set(k, ast_field(decl, AST_PERIOD_INDICATORS));
}

/* One set of indicators: 指标, or a project's 实施期指标, linted alike. */
static void
check_set(struct lint *k, const struct ast_node *indicators)
{
    if (indicators == NULL)
        return;
    for (const struct ast_node *l1 = indicators->u.indicators.categories.first; l1 != NULL;
         l1 = l1->next) {
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next) {
            if (l2->kind != AST_CATEGORY || l2->u.category.def == NULL)
                continue;
            for (const struct ast_node *ind = l2->u.category.items.first; ind != NULL;
                 ind = ind->next)
                if (ind->kind == AST_INDICATOR)
                    check_indicator(k, l2->u.category.def, ind);
        }
    }
}

void
sema_lint(struct compilation *c)
{
    struct lint k = {c, c->catalog, NULL};
    ast_each_table(c->root, check_table, &k);
}
