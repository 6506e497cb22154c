/*
 * score.c - the self-evaluation rules on exact decimals (see score.h).
 *
 * Each rule is one division at the end, rounded half-up to 2 decimals:
 * w·B/A is (w × B) ÷ A, w·(1 − (B−A)/A) is w × (2A − B) ÷ A, so that no
 * intermediate result is rounded.
 */
#include "model/score.h"

#include <string.h>

static const struct decimal zero = {0, 0};
static const struct decimal hundred = {100, 0};

static bool
keep(struct decimal v, struct decimal *out)
{
    return decimal_round(v, SCORE_PLACES, out);
}

/* w × num ÷ den, rounded. */
static bool
scaled(struct decimal w, struct decimal num, struct decimal den, struct decimal *out)
{
    struct decimal p;
    return decimal_mul(w, num, &p) && decimal_div_round(p, den, SCORE_PLACES, out);
}

bool
score_rate(struct decimal executed, struct decimal budget, struct decimal *percent)
{
    if (decimal_cmp(budget, zero) == 0)
        return false;
    return scaled(hundred, executed, budget, percent);
}

bool
score_rate_matches(struct decimal written, struct decimal executed, struct decimal budget,
                   bool *matches)
{
    if (decimal_cmp(budget, zero) == 0)
        return false;
    /* |written − 100·e/b| < ½·10^-s  ⟺  2·10^s·|written·b − 100·e| < |b| */
    struct decimal wb, he, diff, twice;
    if (!decimal_mul(written, budget, &wb) || !decimal_mul(hundred, executed, &he) ||
        !decimal_sub(wb, he, &diff) || !decimal_shift(diff, written.scale, &diff) ||
        !decimal_mul(diff, (struct decimal){2, 0}, &twice))
        return false;
    if (twice.coef < 0)
        twice.coef = -twice.coef;
    struct decimal b = budget;
    if (b.coef < 0)
        b.coef = -b.coef;
    *matches = decimal_cmp(twice, b) < 0;
    return true;
}

bool
score_budget(struct decimal executed, struct decimal budget, struct decimal w,
             struct decimal *out)
{
    if (decimal_cmp(budget, zero) == 0)
        return false;
    if (decimal_cmp(executed, budget) >= 0)
        return keep(w, out);
    if (decimal_cmp(executed, zero) <= 0)
        return keep(zero, out);
    return scaled(w, executed, budget, out);
}

bool
score_positive(struct decimal a, struct decimal b, struct decimal w, struct decimal *out)
{
    if (decimal_cmp(b, a) >= 0)
        return keep(w, out);
    if (decimal_cmp(a, zero) <= 0 || decimal_cmp(b, zero) <= 0)
        return keep(zero, out);
    return scaled(w, b, a, out);
}

bool
score_negative(struct decimal a, struct decimal b, struct decimal w, enum ast_inverse_rule rule,
               struct decimal *out)
{
    if (decimal_cmp(b, a) <= 0)
        return keep(w, out);
    if (decimal_cmp(a, zero) <= 0)
        return keep(zero, out);
    if (rule == AST_INVERSE_RATIO)
        return scaled(w, a, b, out); /* B > A > 0 */
    struct decimal two_a, left;
    if (!decimal_add(a, a, &two_a) || !decimal_sub(two_a, b, &left))
        return false;
    if (decimal_cmp(left, zero) <= 0) /* B ≥ 2A */
        return keep(zero, out);
    return scaled(w, left, a, out);
}

bool
score_equal(struct decimal a, struct decimal b, struct decimal w, struct decimal *out)
{
    if (decimal_cmp(a, zero) != 0)
        return score_positive(a, b, w, out);
    return keep(decimal_cmp(b, zero) <= 0 ? w : zero, out);
}

bool
score_range(struct decimal low, struct decimal high, struct decimal b, struct decimal w,
            enum ast_inverse_rule rule, struct decimal *out)
{
    if (decimal_cmp(b, low) < 0)
        return score_positive(low, b, w, out);
    if (decimal_cmp(b, high) > 0)
        return score_negative(high, b, w, rule, out);
    return keep(w, out);
}

static const char *const quality_names[] = {
    [SCORE_ACHIEVED] = "达成年度指标",
    [SCORE_PARTLY] = "部分达成年度指标并具有一定效果",
    [SCORE_NOT_ACHIEVED] = "未达成年度指标且效果较差",
    [SCORE_OTHER_TEXT] = "",
};

enum score_quality
score_quality_of(const char *actual, const char *target)
{
    for (int q = SCORE_ACHIEVED; q < SCORE_OTHER_TEXT; q++)
        if (strcmp(actual, quality_names[q]) == 0)
            return (enum score_quality)q;
    if (target != NULL && strcmp(actual, target) == 0)
        return SCORE_ACHIEVED;
    return SCORE_OTHER_TEXT;
}

const char *
score_quality_name(enum score_quality q)
{
    return quality_names[q];
}

bool
score_band(enum score_quality q, struct decimal w, struct decimal *low, struct decimal *high,
           bool *high_included)
{
    static const struct decimal eight = {8, 1}, six = {6, 1};
    struct decimal at80, at60;
    if (!decimal_mul(w, eight, &at80) || !decimal_mul(w, six, &at60))
        return false;
    switch (q) {
    case SCORE_ACHIEVED:
        *low = at80, *high = w, *high_included = true;
        return true;
    case SCORE_PARTLY:
        *low = at60, *high = at80, *high_included = false;
        return true;
    case SCORE_NOT_ACHIEVED:
        *low = zero, *high = at60, *high_included = false;
        return true;
    case SCORE_OTHER_TEXT:
        *low = zero, *high = w, *high_included = true;
        return true;
    }
    return false;
}

bool
score_in_band(enum score_quality q, struct decimal w, struct decimal s)
{
    struct decimal low, high;
    bool included;
    if (!score_band(q, w, &low, &high, &included))
        return true; /* nothing to say when the band cannot be computed */
    int above = decimal_cmp(s, high);
    return decimal_cmp(s, low) >= 0 && (above < 0 || (above == 0 && included));
}

bool
score_percent(struct decimal s, struct decimal total, struct decimal *out)
{
    if (decimal_cmp(total, zero) == 0)
        return false;
    return scaled(hundred, s, total, out);
}

enum ast_grade
score_grade(struct decimal s, struct decimal total)
{
    if (decimal_cmp(total, zero) <= 0)
        return AST_GRADE_NONE;
    /* s ÷ total × 100 ≥ bound  ⟺  100·s ≥ bound·total (total > 0) */
    static const struct {
        int64_t bound;
        enum ast_grade grade;
    } bands[] = {{90, AST_GRADE_EXCELLENT}, {80, AST_GRADE_GOOD}, {60, AST_GRADE_FAIR}};
    struct decimal hs;
    if (!decimal_mul(hundred, s, &hs))
        return AST_GRADE_NONE;
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        struct decimal line;
        if (!decimal_mul((struct decimal){bands[i].bound, 0}, total, &line))
            return AST_GRADE_NONE;
        if (decimal_cmp(hs, line) >= 0)
            return bands[i].grade;
    }
    return AST_GRADE_POOR;
}
