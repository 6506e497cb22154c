/*
 * sema_score.c - pass 11, scores: what a self-evaluation (绩效自评) writes
 * against what the official rules give.
 *
 * Assumes: sema_names resolved categories and units and set decl.year (an
 * indicator with an unknown unit, indicator.unresolved, keeps the points
 * it writes but is not judged: its values cannot be compared);
 * sema_funds filled in fund.total (and, when it knows them, fund.phases;
 * without them the 调整后 and 执行 amounts written on a line are read).
 * Fills in, for every table: indicator.points and indicator.direction,
 * category.points, indicators.points, and decl.evaluation (allocated only
 * when the table has a self-evaluation field: 调整后, 执行, 执行率 or 得分 on
 * 资金, an indicator's 实际 or 得分, a category's or 指标's 得分, the table's
 * 实际, 总分, 得分 or 等级).  The arithmetic is model/score.c; this file
 * reads the tree, picks the rule and reports (docs/language.md §13.3):
 * - words: 方向 (E0601), 等级 (E0610), 反向计分 (E0612), a department's
 *   反向计分 applying to its projects unless they write their own;
 * - a written 执行率 on any fund line against 执行 ÷ 调整后 (E0602);
 * - a written score: not above its 分值 (E0603), not above the rule
 *   (E0604), inside its qualitative band (E0605), only with a 分值 (E0609);
 *   below the rule with no 偏差 (W0613);
 * - sums use the scores as written (one wrong score is one error): a
 *   group's or the table's 得分 is the sum (E0606), a group's 分值 the sum of
 *   its children's when all have one (E0607), else W0619;
 * - 等级 against 得分 ÷ 总分 × 100 (E0608); 总分 against the 分值 (W0616,
 *   W0617); a missed target or a rate under 90% without 偏差 (W0614,
 *   W0615); 方向 against the comparator (W0618); a score that is neither
 *   written nor computable (W0620); an 实际 with a comparator (W0621); an
 *   实际 of another kind (E0611) or dimension (E0302) than its target.
 * Warnings are given only in tables that are self-evaluations.
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "base/decimal.h"
#include "base/name_map.h"
#include "diag/diag.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "model/compilation.h"
#include "model/model.h"
#include "model/score.h"

#include <string.h>

struct scorer {
    struct compilation *c;
    const struct catalog *cat;
    struct name_map *department_rules; /* department name → its 反向计分 (rule_values) */
};

static const enum ast_inverse_rule rule_values[] = {AST_INVERSE_DEDUCT, AST_INVERSE_RATIO};

/* What the table being scored shares with its rows. */
struct table_ctx {
    const struct scorer *k;
    struct ast_node *table;
    int year;
    enum ast_inverse_rule rule;
    bool evaluation; /* warnings only in a self-evaluation */
};

static const struct decimal zero = {0, 0};

static struct diag_loc
loc(const struct scorer *k, struct ast_span span)
{
    return compilation_loc(k->c, span);
}

static const char *
text_of(const struct scorer *k, struct ast_span span)
{
    return compilation_text(k->c, span);
}

static bool
number_of(const struct ast_number *n, struct decimal *out)
{
    return n->digits != NULL && decimal_parse(n->digits, strlen(n->digits), out);
}

static bool
is_ascii(const char *s)
{
    for (; *s != '\0'; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* A value as a message shows it: no trailing zeros, thousands grouped (1,200). */
static const char *
shown(const struct scorer *k, struct decimal d, bool keep_scale)
{
    char raw[DECIMAL_FORMAT_MAX];
    decimal_format(keep_scale ? d : decimal_normalize(d), raw, sizeof raw);
    const char *digits = raw[0] == '-' ? raw + 1 : raw;
    const char *point = strchr(digits, '.');
    size_t whole = point != NULL ? (size_t)(point - digits) : strlen(digits);
    char out[DECIMAL_FORMAT_MAX * 2];
    size_t n = 0;
    if (raw[0] == '-')
        out[n++] = '-';
    for (size_t i = 0; i < whole; i++) {
        if (i > 0 && (whole - i) % 3 == 0)
            out[n++] = ',';
        out[n++] = digits[i];
    }
    strcpy(out + n, digits + whole);
    return arena_strndup(k->c->arena, out, strlen(out));
}

/* A score as a message shows it: 2 decimals (19.20). */
static const char *
shown_score(const struct scorer *k, struct decimal d)
{
    struct decimal r;
    return shown(k, decimal_round(d, SCORE_PLACES, &r) ? r : d, true);
}

static const char *
hint_for(const struct scorer *k, const char *word, const char *const *words, size_t count)
{
    const char *best = compilation_suggest(k->c, word, words, count);
    return best != NULL ? diag_phrasef(&k->c->diags, PHRASE_DID_YOU_MEAN, best) : "";
}

/* --- the table's words ----------------------------------------------------- */

/* 反向计分 as the table writes it (E0612 when report); false when it writes none. */
static bool
inverse_rule_of(const struct scorer *k, const struct ast_node *table, enum ast_inverse_rule *rule,
                bool report)
{
    const struct ast_node *f = model_field(table, AST_INVERSE_RULE);
    if (f == NULL)
        return false;
    const char *w = f->u.evaluation_field.word.text;
    static const char *const words[] = {"扣减", "比值", "deduct", "ratio"};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(w, words[i]) == 0) {
            *rule = i % 2 == 0 ? AST_INVERSE_DEDUCT : AST_INVERSE_RATIO;
            return true;
        }
    if (!report)
        return true;
    bool en = is_ascii(w);
    diag_report(&k->c->diags, DIAG_UNKNOWN_INVERSE_RULE, loc(k, f->u.evaluation_field.word.span), w,
                en ? "deduct" : "扣减", en ? "ratio" : "比值", hint_for(k, w, words, 4));
    return false;
}

static enum ast_grade
grade_written(const struct scorer *k, const struct ast_node *table)
{
    const struct ast_node *f = model_field(table, AST_GRADE);
    if (f == NULL)
        return AST_GRADE_NONE;
    const char *w = f->u.evaluation_field.word.text;
    const char *words[8];
    for (int g = AST_GRADE_EXCELLENT; g <= AST_GRADE_POOR; g++) {
        words[g - 1] = model_grade_name((enum ast_grade)g, false);
        words[g + 3] = model_grade_name((enum ast_grade)g, true);
        if (strcmp(w, words[g - 1]) == 0 || strcmp(w, words[g + 3]) == 0)
            return (enum ast_grade)g;
    }
    /* The list in the language the word is written in. */
    const char *const *list = is_ascii(w) ? words + 4 : words;
    const char *sep = diag_phrase(k->c->diags.lang, PHRASE_LIST_SEPARATOR);
    const char *joined = arena_printf(k->c->arena, "%s%s%s%s%s%s%s", list[0], sep, list[1], sep,
                                      list[2], sep, list[3]);
    diag_report(&k->c->diags, DIAG_UNKNOWN_GRADE, loc(k, f->u.evaluation_field.word.span), w, joined,
                hint_for(k, w, words, 8));
    return AST_GRADE_NONE;
}

static bool
has_evaluation_fields(const struct ast_node *table)
{
    for (const struct ast_node *it = table->u.decl.body.first; it != NULL; it = it->next) {
        if (it->kind == AST_TOTAL_POINTS || it->kind == AST_TABLE_SCORE || it->kind == AST_GRADE ||
            (it->kind == AST_TEXT && it->u.text.which == AST_TEXT_ACTUAL))
            return true;
    }
    const struct ast_node *funds = ast_field(table, AST_FUNDS);
    if (funds != NULL &&
        (model_fund_mod(funds, AST_FUNDMOD_ADJUSTED) || model_fund_mod(funds, AST_FUNDMOD_EXECUTED) ||
         model_fund_mod(funds, AST_FUNDMOD_RATE) || model_fund_mod(funds, AST_FUNDMOD_SCORE)))
        return true;
    const struct ast_node *ind = ast_field(table, AST_INDICATORS);
    if (ind == NULL)
        return false;
    for (const struct ast_node *m = ind->u.indicators.modifiers.first; m != NULL; m = m->next)
        if (m->u.modifier.kind == AST_MOD_SCORE)
            return true;
    for (const struct ast_node *l1 = ind->u.indicators.categories.first; l1 != NULL; l1 = l1->next) {
        if (l1->kind != AST_CATEGORY)
            continue;
        for (const struct ast_node *m = l1->u.category.modifiers.first; m != NULL; m = m->next)
            if (m->u.modifier.kind == AST_MOD_SCORE)
                return true;
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next) {
            if (l2->kind != AST_CATEGORY)
                continue;
            for (const struct ast_node *m = l2->u.category.modifiers.first; m != NULL; m = m->next)
                if (m->u.modifier.kind == AST_MOD_SCORE)
                    return true;
            for (const struct ast_node *row = l2->u.category.items.first; row != NULL;
                 row = row->next)
                if (row->kind == AST_INDICATOR &&
                    (model_modifier(row, AST_MOD_ACTUAL) || model_modifier(row, AST_MOD_SCORE)))
                    return true;
        }
    }
    return false;
}

/* --- budget execution ------------------------------------------------------ */

/* A fund line's amount of a phase: sema_funds's, else the modifier written. */
static bool
fund_amount(const struct ast_node *fund, enum ast_phase phase, struct decimal *out)
{
    if (phase == AST_PHASE_BUDGET) {
        *out = fund->u.fund.total;
        return fund->u.fund.total_known;
    }
    const struct ast_phase_total *p = model_fund_phase(fund, phase, 0);
    if (p != NULL) {
        *out = p->total;
        return p->known;
    }
    const struct ast_node *m =
        model_fund_mod(fund, phase == AST_PHASE_ADJUSTED ? AST_FUNDMOD_ADJUSTED : AST_FUNDMOD_EXECUTED);
    return m != NULL && number_of(&m->u.fund_mod.value.value, out);
}

/* 执行 and its denominator (调整后, else the plain amount); false when either is unknown or 0. */
static bool
execution_of(const struct ast_node *fund, struct decimal *executed, struct decimal *budget)
{
    if (!fund_amount(fund, AST_PHASE_EXECUTED, executed))
        return false;
    if (!fund_amount(fund, AST_PHASE_ADJUSTED, budget) && !fund_amount(fund, AST_PHASE_BUDGET, budget))
        return false;
    return decimal_cmp(*budget, zero) != 0;
}

static void
check_rate(const struct scorer *k, const struct ast_node *fund)
{
    const struct ast_node *m = model_fund_mod(fund, AST_FUNDMOD_RATE);
    struct decimal written, executed, budget, rate;
    bool matches;
    if (m == NULL || !number_of(&m->u.fund_mod.value.value, &written) ||
        !execution_of(fund, &executed, &budget) ||
        !score_rate_matches(written, executed, budget, &matches) || matches ||
        !score_rate(executed, budget, &rate))
        return;
    struct ast_span span = m->u.fund_mod.value.value.span;
    if (m->u.fund_mod.value.unit.text != NULL)
        span = ast_span_join(span, m->u.fund_mod.value.unit.span);
    diag_report(&k->c->diags, DIAG_RATE_MISMATCH, loc(k, span), text_of(k, span),
                shown(k, executed, false), shown(k, budget, false), shown(k, rate, false));
}

/* Every line's written 执行率, the header's and its sub-lines'. */
static void
check_rates(const struct scorer *k, const struct ast_node *fund)
{
    check_rate(k, fund);
    for (const struct ast_node *it = fund->u.fund.items.first; it != NULL; it = it->next) {
        if (it->kind == AST_FUND_LINE)
            check_rates(k, it);
        else if (it->kind == AST_PARTITION || it->kind == AST_OF_WHICH)
            for (const struct ast_node *l = it->u.partition.lines.first; l != NULL; l = l->next)
                check_rates(k, l);
    }
}

/* A written score against its weight and the rule; ratio: the rule's own words. */
static void
check_written_score(const struct table_ctx *t, const struct ast_points *p, struct ast_span span,
                    bool deviation, const char *rule_text, bool rule_binding)
{
    const struct scorer *k = t->k;
    if (!p->score_written || !p->weight_known)
        return;
    if (decimal_cmp(p->score, p->weight) > 0) {
        diag_report(&k->c->diags, DIAG_SCORE_ABOVE_WEIGHT, loc(k, span), shown(k, p->score, false),
                    shown(k, p->weight, false));
        return;
    }
    if (!p->computed_known || !rule_binding)
        return;
    int c = decimal_cmp(p->score, p->computed);
    if (c > 0)
        diag_report(&k->c->diags, DIAG_SCORE_ABOVE_RULE, loc(k, span), shown(k, p->score, false),
                    rule_text);
    else if (c < 0 && !deviation && t->evaluation)
        diag_report(&k->c->diags, DIAG_SCORE_BELOW_RULE, loc(k, span), shown(k, p->score, false),
                    shown_score(k, p->computed));
}

static void
score_budget_execution(const struct table_ctx *t, struct ast_evaluation *ev)
{
    const struct scorer *k = t->k;
    const struct ast_node *funds = ast_field(t->table, AST_FUNDS);
    if (funds == NULL)
        return;
    check_rates(k, funds);
    if (ev == NULL)
        return;
    struct ast_points *p = &ev->budget;
    const struct ast_node *w = model_fund_mod(funds, AST_FUNDMOD_WEIGHT);
    const struct ast_node *s = model_fund_mod(funds, AST_FUNDMOD_SCORE);
    bool deviation = model_fund_mod(funds, AST_FUNDMOD_DEVIATION) != NULL;
    if (w != NULL && number_of(&w->u.fund_mod.value.value, &p->weight))
        p->weight_known = p->weight_written = true;
    if (s != NULL && number_of(&s->u.fund_mod.value.value, &p->score))
        p->score_written = true;
    if (p->score_written && !p->weight_known)
        diag_report(&k->c->diags, DIAG_SCORE_WITHOUT_WEIGHT, loc(k, s->u.fund_mod.value.value.span),
                    shown(k, p->score, false));
    struct decimal executed, budget;
    if (!execution_of(funds, &executed, &budget))
        return;
    ev->rate_known = score_rate(executed, budget, &ev->rate);
    if (p->weight_known)
        p->computed_known = score_budget(executed, budget, p->weight, &p->computed);
    const char *rule = p->computed_known
                           ? diag_phrasef(&k->c->diags, PHRASE_SCORE_RATIO, shown(k, executed, false),
                                          shown(k, budget, false), shown(k, p->weight, false),
                                          shown_score(k, p->computed))
                           : "";
    if (s != NULL)
        check_written_score(t, p, s->u.fund_mod.value.value.span, deviation, rule, true);
    static const struct decimal ninety = {90, 0};
    if (ev->rate_known && decimal_cmp(ev->rate, ninety) < 0 && !deviation && t->evaluation)
        diag_report(&k->c->diags, DIAG_RATE_BELOW_90, loc(k, funds->span), shown(k, ev->rate, false));
}

/* --- one indicator ----------------------------------------------------------- */

static enum ast_direction
direction_of_cmp(enum ast_cmp cmp)
{
    switch (cmp) {
    case AST_CMP_GE:
    case AST_CMP_GT:
        return AST_DIRECTION_POSITIVE;
    case AST_CMP_LE:
    case AST_CMP_LT:
        return AST_DIRECTION_NEGATIVE;
    case AST_CMP_EQ:
        break;
    }
    return AST_DIRECTION_EQUAL;
}

static enum ast_direction
direction_of_target(const struct ast_node *target)
{
    if (target == NULL)
        return AST_DIRECTION_EQUAL;
    if (target->u.target.kind == AST_TARGET_COMPARISON || target->u.target.kind == AST_TARGET_DEADLINE)
        return direction_of_cmp(target->u.target.cmp);
    return AST_DIRECTION_EQUAL;
}

/* 方向 as written (E0601, W0618), else the comparator's. */
static enum ast_direction
judge_direction(const struct table_ctx *t, const struct ast_node *ind)
{
    const struct scorer *k = t->k;
    const struct ast_node *target = ind->u.indicator.target;
    enum ast_direction implied = direction_of_target(target);
    const struct ast_node *m = model_modifier(ind, AST_MOD_DIRECTION);
    if (m == NULL)
        return implied;
    const char *w = m->u.modifier.text.text;
    const char *const words[] = {
        model_direction_name(AST_DIRECTION_POSITIVE, false), model_direction_name(AST_DIRECTION_NEGATIVE, false),
        model_direction_name(AST_DIRECTION_POSITIVE, true), model_direction_name(AST_DIRECTION_NEGATIVE, true)};
    size_t i = 0;
    while (i < 4 && strcmp(w, words[i]) != 0)
        i++;
    if (i == 4) {
        size_t en = is_ascii(w) ? 2 : 0;
        diag_report(&k->c->diags, DIAG_UNKNOWN_DIRECTION, loc(k, m->u.modifier.text.span), w,
                    words[en], words[en + 1], hint_for(k, w, words, 4));
        return implied;
    }
    enum ast_direction d = i % 2 == 0 ? AST_DIRECTION_POSITIVE : AST_DIRECTION_NEGATIVE;
    if (implied != AST_DIRECTION_EQUAL && implied != d && t->evaluation)
        diag_report(&k->c->diags, DIAG_DIRECTION_CONTRADICTS, loc(k, m->u.modifier.text.span), w,
                    text_of(k, target->span), model_direction_name(implied, is_ascii(w)));
    return d;
}

/* A quantity in base units (its unit, else the one inherited); false when not exact. */
static bool
base_value(const struct scorer *k, const struct ast_quantity *q, const struct unit **unit,
           struct decimal *out)
{
    struct decimal v;
    if (!number_of(&q->value, &v))
        return false;
    if (q->unit.text != NULL)
        *unit = catalog_unit(k->cat, q->unit.text);
    if (*unit == NULL) {
        *out = v;
        return true;
    }
    return unit_to_base(*unit, v, out);
}

static const char *
dimension_text(const struct scorer *k, const struct unit *u)
{
    const struct dimension *d = u->dimension;
    return k->c->diags.lang == DIAG_LANG_EN && d->english[0] != '\0' ? d->english : d->name;
}

/* Orders dates: a missing year is the table's, a missing day the month's end. */
static long
date_key(const struct ast_date *d, int year)
{
    int day = d->day != 0 && !d->end_of_month ? d->day : 31;
    return ((long)(d->year != 0 ? d->year : year) * 13 + d->month) * 32 + day;
}

/* What the rule gives one indicator. */
struct verdict {
    bool known;        /* computed is the rule's score */
    bool binding;      /* a written score above computed is an error */
    bool missed;       /* the target was not reached */
    bool banded;       /* a qualitative grade: the score lies in its band */
    enum score_quality quality;
    const char *rule;  /* how computed was obtained, for E0604 */
    const char *why_missing; /* W0620: why no score can be computed */
    struct decimal computed;
};

/* The rule's words for a score below the weight. */
static const char *
rule_text(const struct scorer *k, enum ast_direction dir, enum ast_inverse_rule rule,
          struct decimal a, struct decimal b, struct decimal w, struct decimal s)
{
    struct diag_sink *d = &k->c->diags;
    const char *as = shown(k, a, false), *bs = shown(k, b, false), *ws = shown(k, w, false);
    const char *ss = shown_score(k, s);
    if (decimal_cmp(s, zero) == 0) {
        struct decimal two_a;
        if (dir == AST_DIRECTION_NEGATIVE && rule == AST_INVERSE_DEDUCT &&
            decimal_add(a, a, &two_a) && decimal_cmp(b, two_a) >= 0 && decimal_cmp(a, zero) > 0)
            return diag_phrasef(d, PHRASE_SCORE_DOUBLE_OR_MORE, bs, as);
        return diag_phrasef(d, PHRASE_SCORE_ZERO_TARGET, bs, as);
    }
    if (dir == AST_DIRECTION_NEGATIVE)
        return rule == AST_INVERSE_RATIO ? diag_phrasef(d, PHRASE_SCORE_RATIO, as, bs, ws, ss)
                                         : diag_phrasef(d, PHRASE_SCORE_DEDUCT, ws, bs, as, as, ss);
    return diag_phrasef(d, PHRASE_SCORE_RATIO, bs, as, ws, ss);
}

/* A quantity's value and unit as written, without a comparator. */
static struct ast_span
value_span(const struct ast_quantity *q)
{
    return q->unit.text != NULL ? ast_span_join(q->value.span, q->unit.span) : q->value.span;
}

static void
not_comparable(const struct scorer *k, const struct ast_node *actual, const struct ast_node *target)
{
    diag_report(&k->c->diags, DIAG_ACTUAL_NOT_COMPARABLE, loc(k, actual->span),
                text_of(k, actual->span), text_of(k, target->span));
}

static void
judge_text(const struct table_ctx *t, const struct ast_node *actual, const struct ast_node *target,
           struct decimal w, struct verdict *v)
{
    const struct scorer *k = t->k;
    const char *own = target != NULL && target->u.target.kind == AST_TARGET_QUALITATIVE
                          ? target->u.target.text.text
                          : NULL;
    const char *text = actual->u.target.text.text;
    v->quality = score_quality_of(text, own);
    v->banded = v->quality != SCORE_OTHER_TEXT;
    v->missed = v->quality == SCORE_PARTLY || v->quality == SCORE_NOT_ACHIEVED;
    if (v->quality == SCORE_ACHIEVED) {
        v->known = decimal_round(w, SCORE_PLACES, &v->computed);
        return;
    }
    if (v->quality == SCORE_OTHER_TEXT) {
        v->why_missing = diag_phrasef(&k->c->diags, PHRASE_MISSING_TEXT_SCORE, text);
        return;
    }
    struct decimal low, high;
    bool included;
    if (score_band(v->quality, w, &low, &high, &included))
        v->why_missing = diag_phrasef(
            &k->c->diags, PHRASE_MISSING_GRADE_SCORE, score_quality_name(v->quality),
            diag_phrasef(&k->c->diags, included ? PHRASE_BAND_INCLUDED : PHRASE_BAND_EXCLUDED,
                         shown(k, low, false), shown(k, high, false)));
}

static void
judge_date(const struct table_ctx *t, const struct ast_node *actual, const struct ast_node *target,
           struct decimal w, struct verdict *v)
{
    const struct ast_date *due = target->u.target.kind == AST_TARGET_PERIOD ? &target->u.target.date_to
                                                                           : &target->u.target.date;
    long got = date_key(&actual->u.target.date, t->year), want = date_key(due, t->year);
    bool met = target->u.target.kind == AST_TARGET_DEADLINE &&
                       direction_of_cmp(target->u.target.cmp) == AST_DIRECTION_POSITIVE
                   ? got >= want
                   : got <= want;
    v->missed = !met;
    v->binding = met;
    /* Met: the full w, so no written score is above it; missed: 0, and a
       written score is not held to it (binding false). */
    v->known = decimal_round(met ? w : zero, SCORE_PLACES, &v->computed);
}

static void
judge_quantity(const struct table_ctx *t, const struct ast_node *actual,
               const struct ast_node *target, enum ast_direction dir, struct decimal w,
               struct verdict *v)
{
    const struct scorer *k = t->k;
    const struct unit *tu = NULL, *hu = NULL, *au = NULL;
    struct decimal a, high, b;
    bool range = target->u.target.kind == AST_TARGET_RANGE;
    if (!base_value(k, &target->u.target.value, &tu, &a))
        return;
    if (range) {
        hu = tu;
        if (!base_value(k, &target->u.target.high, &hu, &high))
            return;
        if (tu == NULL)
            tu = hu;
    }
    au = tu;
    if (!base_value(k, &actual->u.target.value, &au, &b))
        return;
    if (au != NULL && tu != NULL && au->dimension != tu->dimension) {
        diag_report(&k->c->diags, DIAG_UNIT_MISMATCH, loc(k, actual->span),
                    diag_phrase(k->c->diags.lang, PHRASE_THE_ACTUAL), au->name, dimension_text(k, au),
                    diag_phrase(k->c->diags.lang, PHRASE_THE_TARGET), tu->name, dimension_text(k, tu));
        return;
    }
    if (actual->u.target.cmp_form != AST_CMP_FORM_NONE && t->evaluation)
        diag_report(&k->c->diags, DIAG_ACTUAL_WITH_COMPARATOR, loc(k, actual->span),
                    text_of(k, actual->span), text_of(k, value_span(&actual->u.target.value)));
    bool ok;
    enum ast_direction rule_dir = dir;
    struct decimal against = a;
    if (range) {
        ok = score_range(a, high, b, w, t->rule, &v->computed);
        rule_dir = decimal_cmp(b, a) < 0 ? AST_DIRECTION_POSITIVE : AST_DIRECTION_NEGATIVE;
        against = rule_dir == AST_DIRECTION_POSITIVE ? a : high;
    } else if (dir == AST_DIRECTION_POSITIVE) {
        ok = score_positive(a, b, w, &v->computed);
    } else if (dir == AST_DIRECTION_NEGATIVE) {
        ok = score_negative(a, b, w, t->rule, &v->computed);
    } else {
        ok = score_equal(a, b, w, &v->computed);
        rule_dir = AST_DIRECTION_POSITIVE;
    }
    if (!ok)
        return;
    v->known = v->binding = true;
    v->missed = decimal_cmp(v->computed, w) < 0;
    v->rule = rule_text(k, rule_dir, t->rule, against, b, w, v->computed);
}

/* The rule's score of an indicator with an actual value and a weight. */
static void
judge(const struct table_ctx *t, const struct ast_node *ind, struct decimal w, struct verdict *v)
{
    const struct scorer *k = t->k;
    const struct ast_node *m = model_modifier(ind, AST_MOD_ACTUAL);
    const struct ast_node *target = ind->u.indicator.target;
    if (m == NULL || m->u.modifier.target == NULL) {
        v->why_missing = diag_phrase(k->c->diags.lang, PHRASE_MISSING_ACTUAL);
        return;
    }
    const struct ast_node *actual = m->u.modifier.target;
    enum ast_target_kind ak = actual->u.target.kind;
    if (ak == AST_TARGET_QUALITATIVE) {
        judge_text(t, actual, target, w, v);
        return;
    }
    v->why_missing = diag_phrase(k->c->diags.lang, PHRASE_MISSING_UNCOMPARABLE);
    if (target == NULL)
        return;
    enum ast_target_kind tk = target->u.target.kind;
    bool numeric = tk == AST_TARGET_COMPARISON || tk == AST_TARGET_RANGE;
    bool dated = tk == AST_TARGET_DEADLINE || tk == AST_TARGET_PERIOD;
    if (numeric && ak == AST_TARGET_COMPARISON)
        judge_quantity(t, actual, target, ind->u.indicator.direction, w, v);
    else if (dated && ak == AST_TARGET_DEADLINE)
        judge_date(t, actual, target, w, v);
    else
        not_comparable(k, actual, target);
}

/* Whether a node's modifiers (an indicator's, a category's, 指标's) write one of that kind. */
static const struct ast_node *
modifier_in(const struct ast_list *mods, enum ast_modifier_kind kind)
{
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next)
        if (m->u.modifier.kind == kind)
            return m;
    return NULL;
}

/* 分值 and 得分 as written on a row or group. */
static void
read_points(const struct ast_list *mods, struct ast_points *p, const struct ast_node **score_mod,
            const struct ast_node **weight_mod)
{
    *p = (struct ast_points){{0, 0}, {0, 0}, {0, 0}, false, false, false, false, false};
    *weight_mod = modifier_in(mods, AST_MOD_WEIGHT);
    *score_mod = modifier_in(mods, AST_MOD_SCORE);
    if (*weight_mod != NULL && number_of(&(*weight_mod)->u.modifier.number, &p->weight))
        p->weight_known = p->weight_written = true;
    if (*score_mod != NULL && number_of(&(*score_mod)->u.modifier.number, &p->score))
        p->score_written = true;
}

static const char *
target_text(const struct scorer *k, const struct ast_node *ind)
{
    return ind->u.indicator.target != NULL ? text_of(k, ind->u.indicator.target->span) : "";
}

static void
score_indicator(const struct table_ctx *t, struct ast_node *ind)
{
    const struct scorer *k = t->k;
    struct ast_points *p = &ind->u.indicator.points;
    const struct ast_node *sm, *wm;
    read_points(&ind->u.indicator.modifiers, p, &sm, &wm);
    ind->u.indicator.direction = judge_direction(t, ind);
    if (p->score_written && !p->weight_known) {
        diag_report(&k->c->diags, DIAG_SCORE_WITHOUT_WEIGHT, loc(k, sm->u.modifier.number.span),
                    shown(k, p->score, false));
        return;
    }
    bool deviation = model_modifier(ind, AST_MOD_DEVIATION) != NULL;
    struct verdict v = {0};
    if (ind->u.indicator.unresolved) { /* only what needs no value: the score within its weight */
        p->incomplete = !p->score_written;
        struct ast_span at = sm != NULL ? sm->u.modifier.number.span : ind->u.indicator.name.span;
        check_written_score(t, p, at, deviation, "", false);
        return;
    }
    if (!p->weight_known) {
        /* No points to compute, but the actual is still judged: is it
           comparable, and was the target missed (forms without 分值)? */
        judge(t, ind, (struct decimal){100, 0}, &v);
        if (v.missed && !deviation && t->evaluation)
            diag_report(&k->c->diags, DIAG_MISSED_WITHOUT_DEVIATION, loc(k, ind->u.indicator.name.span),
                        ind->u.indicator.name.text, target_text(k, ind));
        return;
    }
    judge(t, ind, p->weight, &v);
    p->computed = v.computed;
    p->computed_known = v.known;
    struct ast_span span = sm != NULL ? sm->u.modifier.number.span : ind->u.indicator.name.span;
    if (p->score_written && v.banded && decimal_cmp(p->score, p->weight) <= 0 &&
        !score_in_band(v.quality, p->weight, p->score)) {
        struct decimal low, high;
        bool included;
        score_band(v.quality, p->weight, &low, &high, &included);
        diag_report(&k->c->diags, DIAG_SCORE_OUTSIDE_BAND, loc(k, span), shown(k, p->score, false),
                    score_quality_name(v.quality),
                    diag_phrasef(&k->c->diags, included ? PHRASE_BAND_INCLUDED : PHRASE_BAND_EXCLUDED,
                                 shown(k, low, false), shown(k, high, false)));
        return;
    }
    check_written_score(t, p, span, deviation, v.rule != NULL ? v.rule : "", v.binding);
    bool below = p->score_written && v.known && v.binding && decimal_cmp(p->score, p->computed) < 0;
    if (v.missed && !deviation && !below && t->evaluation)
        diag_report(&k->c->diags, DIAG_MISSED_WITHOUT_DEVIATION, loc(k, ind->u.indicator.name.span),
                    ind->u.indicator.name.text, target_text(k, ind));
    if (!p->score_written && !p->computed_known) {
        p->incomplete = true;
        if (t->evaluation)
            diag_report(&k->c->diags, DIAG_SCORE_MISSING, loc(k, ind->u.indicator.name.span),
                        ind->u.indicator.name.text, v.why_missing != NULL ? v.why_missing : "");
    }
}

/* --- groups ------------------------------------------------------------------ */

/* The points of a group's child (an indicator or a category), NULL for 不适用
   and for a category that is 不适用. */
static struct ast_points *
child_points(struct ast_node *n, const char **name, struct ast_span *span)
{
    if (n->kind == AST_INDICATOR) {
        *name = n->u.indicator.name.text;
        *span = n->u.indicator.name.span;
        return &n->u.indicator.points;
    }
    if (n->kind == AST_CATEGORY && !model_not_applicable(n)) {
        *name = n->u.category.name.text;
        *span = n->u.category.name.span;
        return &n->u.category.points;
    }
    return NULL;
}

/*
 * A group's points from its children's (already scored): 分值 written or
 * summed, 得分 against the sum of the children's scores as written.
 */
static void
score_group(const struct table_ctx *t, struct ast_list *children, const struct ast_list *mods,
            const char *what, struct ast_points *p)
{
    const struct scorer *k = t->k;
    const struct ast_node *sm, *wm;
    read_points(mods, p, &sm, &wm);
    struct decimal weights = zero, scores = zero;
    bool any = false, all = true, incomplete = false, overflow = false;
    for (struct ast_node *n = children->first; n != NULL; n = n->next) {
        const char *name;
        struct ast_span span;
        struct ast_points *cp = child_points(n, &name, &span);
        if (cp == NULL)
            continue;
        if (!cp->weight_known) {
            all = false;
            continue;
        }
        any = true;
        struct decimal s;
        overflow |= !decimal_add(weights, cp->weight, &weights);
        if (model_points_score(cp, &s))
            overflow |= !decimal_add(scores, s, &scores);
        else
            incomplete = true;
        incomplete |= cp->incomplete && !cp->score_written;
    }
    if (overflow)
        return;
    if (any && !all && t->evaluation)
        for (struct ast_node *n = children->first; n != NULL; n = n->next) {
            const char *name;
            struct ast_span span;
            struct ast_points *cp = child_points(n, &name, &span);
            if (cp != NULL && !cp->weight_known)
                diag_report(&k->c->diags, DIAG_PARTIAL_WEIGHTS, loc(k, span), name, what);
        }
    if (p->weight_written && any && all && decimal_cmp(p->weight, weights) != 0)
        diag_report(&k->c->diags, DIAG_WEIGHT_NOT_SUM, loc(k, wm->u.modifier.number.span),
                    shown(k, p->weight, false), what, shown(k, weights, false));
    if (!p->weight_written && any) {
        p->weight = weights;
        p->weight_known = true;
    }
    if (any) {
        p->computed = scores;
        p->computed_known = true;
        p->incomplete = incomplete;
    }
    if (!p->score_written)
        return;
    struct ast_span span = sm->u.modifier.number.span;
    if (!p->weight_known) {
        diag_report(&k->c->diags, DIAG_SCORE_WITHOUT_WEIGHT, loc(k, span), shown(k, p->score, false));
        return;
    }
    if (decimal_cmp(p->score, p->weight) > 0)
        diag_report(&k->c->diags, DIAG_SCORE_ABOVE_WEIGHT, loc(k, span), shown(k, p->score, false),
                    shown(k, p->weight, false));
    else if (p->computed_known && !p->incomplete && decimal_cmp(p->score, p->computed) != 0)
        diag_report(&k->c->diags, DIAG_SCORE_NOT_SUM, loc(k, span), shown(k, p->score, false), what,
                    shown(k, p->computed, false));
}

static const char *
named(const struct scorer *k, const struct ast_str *name)
{
    return diag_phrasef(&k->c->diags, PHRASE_CATEGORY_NAMED, name->text);
}

static void
score_indicators(const struct table_ctx *t, struct ast_node *indicators)
{
    const struct scorer *k = t->k;
    for (struct ast_node *l1 = indicators->u.indicators.categories.first; l1 != NULL; l1 = l1->next) {
        if (l1->kind != AST_CATEGORY)
            continue;
        for (struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next) {
            if (l2->kind == AST_INDICATOR)
                score_indicator(t, l2);
            if (l2->kind != AST_CATEGORY)
                continue;
            for (struct ast_node *row = l2->u.category.items.first; row != NULL; row = row->next)
                if (row->kind == AST_INDICATOR)
                    score_indicator(t, row);
            score_group(t, &l2->u.category.items, &l2->u.category.modifiers, named(k, &l2->u.category.name),
                        &l2->u.category.points);
        }
        score_group(t, &l1->u.category.items, &l1->u.category.modifiers, named(k, &l1->u.category.name),
                    &l1->u.category.points);
    }
    score_group(t, &indicators->u.indicators.categories, &indicators->u.indicators.modifiers,
                diag_phrase(k->c->diags.lang, PHRASE_THE_INDICATORS), &indicators->u.indicators.points);
}

/* --- the table --------------------------------------------------------------- */

static void
score_total(const struct table_ctx *t, struct ast_evaluation *ev, const struct ast_node *indicators)
{
    const struct scorer *k = t->k;
    struct ast_points *p = &ev->total;
    const struct ast_points *ip = indicators != NULL ? &indicators->u.indicators.points : NULL;
    const struct ast_points *parts[2] = {&ev->budget, ip};
    struct decimal weights = zero, scores = zero;
    bool any = false, incomplete = false;
    for (size_t i = 0; i < 2; i++) {
        if (parts[i] == NULL || !parts[i]->weight_known)
            continue;
        any = true;
        struct decimal s;
        if (!decimal_add(weights, parts[i]->weight, &weights))
            return;
        if (model_points_score(parts[i], &s)) {
            if (!decimal_add(scores, s, &scores))
                return;
        } else {
            incomplete = true;
        }
        incomplete |= parts[i]->incomplete && !parts[i]->score_written;
    }
    const struct ast_node *tp = model_field(t->table, AST_TOTAL_POINTS);
    const struct ast_node *ts = model_field(t->table, AST_TABLE_SCORE);
    if (tp != NULL && number_of(&tp->u.evaluation_field.number, &p->weight)) {
        p->weight_known = p->weight_written = true;
        if (any && decimal_cmp(p->weight, weights) != 0)
            diag_report(&k->c->diags, DIAG_TOTAL_POINTS_NOT_SUM, loc(k, tp->u.evaluation_field.number.span),
                        shown(k, p->weight, false), shown(k, weights, false));
    } else if (any) {
        p->weight = weights;
        p->weight_known = true;
        static const struct decimal hundred = {100, 0}, ninety = {90, 0};
        bool implicit_budget = !ev->budget.weight_known && decimal_cmp(weights, ninety) == 0;
        if (ip != NULL && ip->weight_known && decimal_cmp(weights, hundred) != 0 && !implicit_budget &&
            t->evaluation)
            diag_report(&k->c->diags, DIAG_POINTS_NOT_100, loc(k, indicators->span),
                        shown(k, weights, false));
    }
    if (any) {
        p->computed = scores;
        p->computed_known = true;
        p->incomplete = incomplete;
    }
    if (ts != NULL && number_of(&ts->u.evaluation_field.number, &p->score)) {
        p->score_written = true;
        struct ast_span span = ts->u.evaluation_field.number.span;
        if (p->weight_known && decimal_cmp(p->score, p->weight) > 0)
            diag_report(&k->c->diags, DIAG_SCORE_ABOVE_WEIGHT, loc(k, span), shown(k, p->score, false),
                        shown(k, p->weight, false));
        else if (any && !incomplete && decimal_cmp(p->score, scores) != 0)
            diag_report(&k->c->diags, DIAG_SCORE_NOT_SUM, loc(k, span), shown(k, p->score, false),
                        diag_phrase(k->c->diags.lang, PHRASE_THE_TABLE_TOTAL), shown(k, scores, false));
    }
    struct decimal counted;
    if (p->weight_known && (p->score_written || !p->incomplete) && model_points_score(p, &counted))
        ev->grade_computed = score_grade(counted, p->weight);
    ev->grade = grade_written(k, t->table);
    if (ev->grade == AST_GRADE_NONE || ev->grade_computed == AST_GRADE_NONE ||
        ev->grade == ev->grade_computed)
        return;
    const struct ast_node *g = model_field(t->table, AST_GRADE);
    bool en = is_ascii(g->u.evaluation_field.word.text);
    static const struct decimal hundred = {100, 0};
    struct decimal percent;
    const char *how = shown(k, counted, false);
    if (decimal_cmp(p->weight, hundred) != 0 && score_percent(counted, p->weight, &percent))
        how = diag_phrasef(&k->c->diags, PHRASE_GRADE_OF_TOTAL, how, shown(k, p->weight, false),
                           shown(k, percent, false));
    diag_report(&k->c->diags, DIAG_GRADE_MISMATCH, loc(k, g->u.evaluation_field.word.span),
                g->u.evaluation_field.word.text, how, model_grade_name(ev->grade_computed, en));
}

/* First pass: each department's 反向计分, for its projects (nested or not). */
static void
record_department_rule(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct scorer *k = ctx;
    (void)parent;
    enum ast_inverse_rule rule;
    if (table->kind == AST_DEPARTMENT && inverse_rule_of(k, table, &rule, true))
        name_map_put(k->department_rules, table->u.decl.name.text, (void *)&rule_values[rule]);
}

/* The table's own 反向计分, else its department's, else 扣减. */
static enum ast_inverse_rule
table_rule(const struct scorer *k, const struct ast_node *table, const struct ast_node *parent)
{
    enum ast_inverse_rule rule = AST_INVERSE_DEDUCT;
    if (inverse_rule_of(k, table, &rule, table->kind == AST_PROJECT) || table->kind != AST_PROJECT)
        return rule;
    const struct ast_str *dept = model_department(table, parent);
    const enum ast_inverse_rule *inherited =
        dept != NULL ? name_map_get(k->department_rules, dept->text) : NULL;
    return inherited != NULL ? *inherited : rule;
}

static void
score_table(void *ctx, const struct ast_node *table_c, const struct ast_node *parent)
{
    const struct scorer *k = ctx;
    /* A pass fills in derived values: the walk hands out the tree read-only. */
    struct ast_node *table = (struct ast_node *)table_c;
    struct table_ctx t = {k, table, table->u.decl.year, table_rule(k, table, parent),
                          has_evaluation_fields(table)};
    struct ast_evaluation *ev = NULL;
    if (t.evaluation) {
        ev = arena_alloc(k->c->arena, sizeof *ev);
        memset(ev, 0, sizeof *ev);
        ev->inverse_rule = t.rule;
        table->u.decl.evaluation = ev;
    }
    score_budget_execution(&t, ev);
    struct ast_node *indicators = (struct ast_node *)ast_field(table, AST_INDICATORS);
    if (indicators != NULL)
        score_indicators(&t, indicators);
    if (ev != NULL)
        score_total(&t, ev, indicators);
}

void
sema_score(struct compilation *c)
{
    struct scorer k = {c, c->catalog, name_map_new(c->arena)};
    ast_each_table(c->root, record_department_rule, &k);
    ast_each_table(c->root, score_table, &k);
}
