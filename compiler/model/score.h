/*
 * score.h - the official self-evaluation rules (绩效自评) as arithmetic on
 * exact decimals: the execution rate, the budget-execution score, an
 * indicator's score by its direction, the bands of qualitative grades and
 * the grade of a total.
 *
 * Pure functions: no tree, no diagnostics.  sema_score reads the source
 * and reports; this module only computes.  Every score is to 2 decimals,
 * half-up (SCORE_PLACES).  A = the target (年度指标值), B = the actual
 * (实际完成值), w = the weight (分值), all in one unit.  The sources of the
 * rules are given in docs/language.md §13.3.  A function returns false
 * only when a value does not fit 18 digits (or a divisor is 0 where the
 * rule needs it).
 */
#ifndef GOALC_SCORE_H
#define GOALC_SCORE_H

#include <stdbool.h>

#include "base/decimal.h"
#include "model/ast.h"

enum { SCORE_PLACES = 2 };

/* r = executed ÷ budget in percent, 2 decimals half-up (97.50); false when budget is 0. */
bool
score_rate(struct decimal executed, struct decimal budget, struct decimal *percent);
/*
 * Whether a written rate (in percent) is executed ÷ budget at the decimals
 * written: it lies less than half a unit of its last decimal from the
 * exact rate (100% matches 99.996%, 97.5% matches 97.5% exactly); a tie is
 * no match (98% is not 97.5%: the exact rate is written with one more
 * decimal).  *matches is the verdict; false when budget is 0 or on overflow.
 */
bool
score_rate_matches(struct decimal written, struct decimal executed, struct decimal budget,
                   bool *matches);
/* The budget-execution score: min(executed ÷ budget, 1) × w; false when budget is 0. */
bool
score_budget(struct decimal executed, struct decimal budget, struct decimal w,
             struct decimal *out);

/* 正向: B ≥ A → w; A > 0 → w·B/A (0 for B ≤ 0); A ≤ 0 and B < A → 0. */
bool
score_positive(struct decimal a, struct decimal b, struct decimal w, struct decimal *out);
/*
 * 反向: B ≤ A → w; else A ≤ 0 → 0; else by the rule: 扣减 (the default)
 * A < B < 2A → w·(1 − (B−A)/A), B ≥ 2A → 0; 比值 w·A/B.
 */
bool
score_negative(struct decimal a, struct decimal b, struct decimal w, enum ast_inverse_rule rule,
               struct decimal *out);
/* 等于: A ≠ 0 → as 正向; A = 0: B ≤ 0 → w, else 0. */
bool
score_equal(struct decimal a, struct decimal b, struct decimal w, struct decimal *out);
/* A range low..high: inside → w; below → 正向 against low; above → 反向 against high. */
bool
score_range(struct decimal low, struct decimal high, struct decimal b, struct decimal w,
            enum ast_inverse_rule rule, struct decimal *out);

/* The official grades of a qualitative actual (定性), and texts that are none of them. */
enum score_quality {
    SCORE_ACHIEVED,     /* 达成年度指标, or the target's own text: [0.8w, w] */
    SCORE_PARTLY,       /* 部分达成年度指标并具有一定效果: [0.6w, 0.8w) */
    SCORE_NOT_ACHIEVED, /* 未达成年度指标且效果较差: [0, 0.6w) */
    SCORE_OTHER_TEXT,   /* anything else: the score must be written */
};
/* The grade an actual text says (target: the target's own text, or NULL). */
enum score_quality
score_quality_of(const char *actual, const char *target);
/* The official spelling of a grade ("" for SCORE_OTHER_TEXT). */
const char *
score_quality_name(enum score_quality q);
/* A grade's band of w: low (inclusive) and high (inclusive when high_included). */
bool
score_band(enum score_quality q, struct decimal w, struct decimal *low, struct decimal *high,
           bool *high_included);
/* Whether score s lies in q's band of w. */
bool
score_in_band(enum score_quality q, struct decimal w, struct decimal s);

/* s ÷ total × 100, 2 decimals half-up; false when total is 0. */
bool
score_percent(struct decimal s, struct decimal total, struct decimal *out);
/* The grade of s out of total: 优 ≥ 90%, 良 ≥ 80%, 中 ≥ 60%, else 差, exactly
   (not on a rounded percent); AST_GRADE_NONE when total ≤ 0. */
enum ast_grade
score_grade(struct decimal s, struct decimal total);

#endif
