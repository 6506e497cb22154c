/*
 * emit_evaluation.c - the self-evaluation queries the JSON, CSV and
 * Markdown back ends share (emit_evaluation.h).
 *
 * Owns: which tables are shown as self-evaluations, the list of phases of
 * a table's money and a phase's amount on each fund node, finding the
 * written numbers of scored rows, and decimals as text.  The values
 * judged and computed (scores, rates, grades) come from sema_score and
 * sema_funds through the tree; nothing here computes a score.
 */
#include "emit/emit_evaluation.h"

#include "model/model.h"
#include "base/decimal.h"

#include <stdlib.h>
#include <string.h>

const struct ast_node *
emit_modifier_in(const struct ast_list *modifiers, enum ast_modifier_kind kind)
{
    for (const struct ast_node *m = modifiers->first; m != NULL; m = m->next)
        if (m->kind == AST_MODIFIER && m->u.modifier.kind == kind)
            return m;
    return NULL;
}

const char *
emit_fund_number(const struct ast_node *fund, enum ast_fund_mod_kind kind)
{
    const struct ast_node *m = model_fund_mod(fund, kind);
    return m != NULL ? m->u.fund_mod.value.value.digits : NULL;
}

size_t
emit_decimal(struct decimal d, char *buf)
{
    return decimal_format(d, buf, DECIMAL_FORMAT_MAX);
}

size_t
emit_score_computed(const struct ast_points *p, char *buf)
{
    buf[0] = '\0';
    return p->computed_known ? emit_decimal(p->computed, buf) : 0;
}

size_t
emit_weight(const struct ast_points *p, char *buf)
{
    buf[0] = '\0';
    return p->weight_known ? emit_decimal(p->weight, buf) : 0;
}

/* --- which tables ---------------------------------------------------------- */

static bool
fund_evaluates(const struct ast_node *fund)
{
    if (model_fund_mod(fund, AST_FUNDMOD_EXECUTED) != NULL ||
        model_fund_mod(fund, AST_FUNDMOD_SCORE) != NULL ||
        model_fund_mod(fund, AST_FUNDMOD_DEVIATION) != NULL)
        return true;
    for (const struct ast_node *n = fund->u.fund.items.first; n != NULL; n = n->next) {
        if (n->kind == AST_FUND_LINE && fund_evaluates(n))
            return true;
        if (n->kind == AST_PARTITION || n->kind == AST_OF_WHICH)
            for (const struct ast_node *l = n->u.partition.lines.first; l != NULL; l = l->next)
                if (fund_evaluates(l))
                    return true;
    }
    return false;
}

static bool
category_evaluates(const struct ast_node *category)
{
    if (emit_modifier_in(&category->u.category.modifiers, AST_MOD_SCORE) != NULL)
        return true;
    for (const struct ast_node *n = category->u.category.items.first; n != NULL; n = n->next) {
        if (n->kind == AST_CATEGORY && category_evaluates(n))
            return true;
        if (n->kind == AST_INDICATOR &&
            (model_modifier(n, AST_MOD_ACTUAL) != NULL || model_modifier(n, AST_MOD_SCORE) != NULL ||
             model_modifier(n, AST_MOD_DEVIATION) != NULL ||
             model_modifier(n, AST_MOD_DIRECTION) != NULL))
            return true;
    }
    return false;
}

bool
emit_evaluation_shown(const struct ast_node *table)
{
    if (model_is_evaluation(table))
        return true;
    for (const struct ast_node *n = table->u.decl.body.first; n != NULL; n = n->next) {
        switch (n->kind) {
        case AST_TOTAL_POINTS:
        case AST_TABLE_SCORE:
        case AST_GRADE:
        case AST_INVERSE_RULE:
            return true;
        case AST_TEXT:
            if (n->u.text.which == AST_TEXT_ACTUAL)
                return true;
            break;
        case AST_FUNDS:
            if (fund_evaluates(n))
                return true;
            break;
        case AST_INDICATORS:
            if (emit_modifier_in(&n->u.indicators.modifiers, AST_MOD_SCORE) != NULL)
                return true;
            for (const struct ast_node *c = n->u.indicators.categories.first; c != NULL;
                 c = c->next)
                if (c->kind == AST_CATEGORY && category_evaluates(c))
                    return true;
            break;
        case AST_FILE:
        case AST_INCLUDE:
        case AST_DEPARTMENT:
        case AST_PROJECT:
        case AST_DEPARTMENT_REF:
        case AST_YEAR:
        case AST_ATTRIBUTE:
        case AST_PERIOD:
        case AST_FUND_LINE:
        case AST_PARTITION:
        case AST_OF_WHICH:
        case AST_CATEGORY:
        case AST_NOT_APPLICABLE:
        case AST_INDICATOR:
        case AST_TARGET:
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
            break;
        }
    }
    return false;
}

enum ast_grade
emit_grade_written(const struct ast_node *table)
{
    if (model_is_evaluation(table))
        return table->u.decl.evaluation->grade;
    const struct ast_node *n = model_field(table, AST_GRADE);
    if (n == NULL || n->u.evaluation_field.word.text == NULL)
        return AST_GRADE_NONE;
    for (enum ast_grade g = AST_GRADE_EXCELLENT; g <= AST_GRADE_POOR; g++)
        if (strcmp(n->u.evaluation_field.word.text, model_grade_name(g, false)) == 0 ||
            strcmp(n->u.evaluation_field.word.text, model_grade_name(g, true)) == 0)
            return g;
    return AST_GRADE_NONE;
}

/* --- phases ---------------------------------------------------------------- */

static enum ast_phase
phase_of(enum ast_fund_mod_kind kind, bool *is_phase)
{
    *is_phase = true;
    switch (kind) {
    case AST_FUNDMOD_ADJUSTED:
        return AST_PHASE_ADJUSTED;
    case AST_FUNDMOD_EXECUTED:
        return AST_PHASE_EXECUTED;
    case AST_FUNDMOD_PERIOD:
        return AST_PHASE_PERIOD;
    case AST_FUNDMOD_FINAL:
        return AST_PHASE_FINAL;
    case AST_FUNDMOD_RATE:
    case AST_FUNDMOD_WEIGHT:
    case AST_FUNDMOD_SCORE:
    case AST_FUNDMOD_DEVIATION:
        break;
    }
    *is_phase = false;
    return AST_PHASE_BUDGET;
}

static int
mod_year(const struct ast_node *m)
{
    const char *y = m->u.fund_mod.year.digits;
    return y != NULL ? (int)strtol(y, NULL, 10) : 0; /* 1900-2999, checked by the parser */
}

size_t
emit_phases(const struct ast_node *funds, struct emit_phase *out)
{
    size_t count = 0;
    for (uint32_t i = 0; i < funds->u.fund.phase_count && count < EMIT_PHASES_MAX; i++) {
        const struct ast_phase_total *p = &funds->u.fund.phases[i];
        out[count++] = (struct emit_phase){p->phase, p->phase == AST_PHASE_FINAL ? p->year : 0};
    }
    return count;
}

static bool
any_mod(const struct ast_node *fund)
{
    if (fund->u.fund.mods.first != NULL)
        return true;
    for (const struct ast_node *n = fund->u.fund.items.first; n != NULL; n = n->next) {
        if (n->kind == AST_FUND_LINE && any_mod(n))
            return true;
        if (n->kind == AST_PARTITION || n->kind == AST_OF_WHICH)
            for (const struct ast_node *l = n->u.partition.lines.first; l != NULL; l = l->next)
                if (any_mod(l))
                    return true;
    }
    return false;
}

bool
emit_funds_modified(const struct ast_node *funds)
{
    return funds->u.fund.phase_count > 0 || any_mod(funds);
}

const struct ast_node *
emit_phase_written(const struct ast_node *fund, struct emit_phase p)
{
    for (const struct ast_node *m = fund->u.fund.mods.first; m != NULL; m = m->next) {
        bool is_phase;
        if (m->kind != AST_FUND_MOD)
            continue;
        enum ast_phase phase = phase_of(m->u.fund_mod.kind, &is_phase);
        if (is_phase && phase == p.phase && (phase != AST_PHASE_FINAL || mod_year(m) == p.year))
            return m;
    }
    return NULL;
}

size_t
emit_phase_amount(const struct ast_node *fund, struct emit_phase p, char *buf, bool *computed)
{
    const struct ast_phase_total *t = model_fund_phase(fund, p.phase, p.year);
    *computed = false;
    buf[0] = '\0';
    if (t == NULL || !t->known)
        return 0;
    *computed = t->computed;
    return emit_decimal(t->total, buf);
}
