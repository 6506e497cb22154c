/*
 * emit_evaluation.c - the self-evaluation queries the JSON, CSV and
 * Markdown back ends share (emit_evaluation.h).
 *
 * Owns: the list of phases of a table's money and a phase's amount on
 * each fund node, finding the written numbers of scored rows, and
 * decimals as text.  Which tables are self-evaluations is sema_score's
 * judgement (model_is_evaluation).  The values
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

enum ast_grade
emit_grade_written(const struct ast_node *table)
{
    return model_is_evaluation(table) ? table->u.decl.evaluation->grade : AST_GRADE_NONE;
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
    case AST_FUNDMOD_COLUMN:
    case AST_FUNDMOD_SHARE:
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

/* Whether a line or one below it has a self-evaluation modifier (栏 is none). */
static bool
any_mod(const struct ast_node *fund)
{
    for (const struct ast_node *m = fund->u.fund.mods.first; m != NULL; m = m->next)
        if (m->u.fund_mod.kind != AST_FUNDMOD_COLUMN)
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
