/*
 * emit_evaluation.h - what the JSON, CSV and Markdown back ends share
 * about a self-evaluation (绩效自评, docs/language.md §13): whether a
 * table shows one, the phases of its money (调整后, 执行, 实施期, 决算 by
 * year) and a phase's amount on a fund line, the written numbers of a
 * scored row, and scores as exact decimal text.
 *
 * Only reads the checked model (model.h); writes nothing.
 */
#ifndef GOALC_EMIT_EVALUATION_H
#define GOALC_EMIT_EVALUATION_H

#include <stdbool.h>
#include <stddef.h>

#include "model/ast.h"

/*
 * Whether a table is shown as a self-evaluation: sema_score judged it one
 * (model_is_evaluation), or it writes any self-evaluation field (a table's
 * 实际, 总分, 得分, 等级 or 反向计分; an indicator's 实际, 得分, 偏差 or 方向;
 * a 得分 on 指标 or a category; 执行, 得分 or 偏差 on its 资金).  A goal
 * table is not, and its outputs are those of a goal table.
 */
bool
emit_evaluation_shown(const struct ast_node *table);

/*
 * The table's 等级 as written (sema_score's judgement of the word; before
 * it, the word read as one of 优 良 中 差 or their English names), NONE
 * when none is written.
 */
enum ast_grade
emit_grade_written(const struct ast_node *table);

/* One phase of a table's money; year: FINAL only. */
struct emit_phase {
    enum ast_phase phase;
    int year;
};
/*
 * The phases of a table's 资金 (the FUNDS node's fund.phases, filled in
 * by sema_funds), in its order (ADJUSTED, EXECUTED, PERIOD, then FINAL by
 * year): every phase some node of it writes, at most EMIT_PHASES_MAX (the
 * three and E0209's 32 years of 决算).  Returns the count.
 */
enum { EMIT_PHASES_MAX = 3 + 32 };
size_t
emit_phases(const struct ast_node *funds, struct emit_phase *out);
/* Whether any node of a 资金 writes a modifier (a phase, 执行率, 分值, 得分, 偏差). */
bool
emit_funds_modified(const struct ast_node *funds);
/* The modifier giving a fund node's amount of that phase, or NULL. */
const struct ast_node *
emit_phase_written(const struct ast_node *fund, struct emit_phase p);
/*
 * A fund node's amount of that phase as checked (sema_funds: written or
 * summed from the parts) into buf (DECIMAL_FORMAT_MAX bytes), computed
 * set when summed.  Returns the length, 0 when unknown.
 */
size_t
emit_phase_amount(const struct ast_node *fund, struct emit_phase p, char *buf, bool *computed);

/* The modifier of that kind in a list of MODIFIER nodes (指标, a category, an indicator), or NULL. */
const struct ast_node *
emit_modifier_in(const struct ast_list *modifiers, enum ast_modifier_kind kind);
/* The first 资金 modifier's digits of that kind (分值, 得分, 执行率), or NULL. */
const char *
emit_fund_number(const struct ast_node *fund, enum ast_fund_mod_kind kind);
/* A decimal into buf (DECIMAL_FORMAT_MAX bytes), its scale kept; returns the length. */
size_t
emit_decimal(struct decimal d, char *buf);
/* The computed score of a row (points.computed) into buf; 0 when unknown. */
size_t
emit_score_computed(const struct ast_points *p, char *buf);
/* The counted weight of a row (written or summed) into buf; 0 when unknown. */
size_t
emit_weight(const struct ast_points *p, char *buf);

#endif
