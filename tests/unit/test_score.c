/*
 * test_score.c - the self-evaluation rules of model/score.c at their edges:
 * B = A, B = 2A, the limits of the qualitative bands (exactly 0.8w and
 * 0.6w), half-up rounding at x.xx5, zero targets and zero budgets, the
 * execution rate compared at the decimals written, and the grade bands.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/score.h"

/* A decimal from its text; a leading minus is ours (the language has none). */
static struct decimal
dec(const char *s)
{
    struct decimal d;
    bool minus = s[0] == '-';
    assert_true(decimal_parse(s + minus, strlen(s + minus), &d));
    if (minus)
        d.coef = -d.coef;
    return d;
}

static const char *
fmt(struct decimal d)
{
    static char buf[DECIMAL_FORMAT_MAX];
    decimal_format(d, buf, sizeof buf);
    return buf;
}

static const char *
positive(const char *a, const char *b, const char *w)
{
    struct decimal s;
    assert_true(score_positive(dec(a), dec(b), dec(w), &s));
    return fmt(s);
}

static const char *
negative(const char *a, const char *b, const char *w, enum ast_inverse_rule rule)
{
    struct decimal s;
    assert_true(score_negative(dec(a), dec(b), dec(w), rule, &s));
    return fmt(s);
}

static const char *
equal(const char *a, const char *b, const char *w)
{
    struct decimal s;
    assert_true(score_equal(dec(a), dec(b), dec(w), &s));
    return fmt(s);
}

static void
positive_scores_full_at_target_and_by_ratio_below(void **state)
{
    (void)state;
    assert_string_equal(positive("1250", "1250", "20"), "20.00"); /* B = A */
    assert_string_equal(positive("1250", "1300", "20"), "20.00"); /* over: no bonus */
    assert_string_equal(positive("1250", "1200", "20"), "19.20"); /* the example */
    assert_string_equal(positive("95", "92", "10"), "9.68");      /* 9.6842… */
    assert_string_equal(positive("1250", "0", "20"), "0.00");
    /* half-up at x.xx5: 10 × 1.9 ÷ 4 = 4.75, 3 × 1 ÷ 8 = 0.375 → 0.38 */
    assert_string_equal(positive("8", "1", "3"), "0.38");
    assert_string_equal(positive("200", "1", "1"), "0.01"); /* 0.005 → 0.01 */
    assert_string_equal(positive("200", "0.99", "1"), "0.00"); /* 0.00495 → 0.00 */
    /* a zero target is met by any actual not below it */
    assert_string_equal(positive("0", "0", "5"), "5.00");
    assert_string_equal(positive("0", "-1", "5"), "0.00");
}

static void
negative_deducts_to_zero_at_twice_the_target(void **state)
{
    (void)state;
    assert_string_equal(negative("1", "1", "15", AST_INVERSE_DEDUCT), "15.00");   /* B = A */
    assert_string_equal(negative("1", "0.5", "15", AST_INVERSE_DEDUCT), "15.00"); /* below */
    assert_string_equal(negative("1", "1.5", "15", AST_INVERSE_DEDUCT), "7.50");
    assert_string_equal(negative("1", "1.99", "15", AST_INVERSE_DEDUCT), "0.15");
    assert_string_equal(negative("1", "2", "15", AST_INVERSE_DEDUCT), "0.00"); /* B = 2A */
    assert_string_equal(negative("1", "3", "15", AST_INVERSE_DEDUCT), "0.00");
    /* 比值: w·A/B, never 0 */
    assert_string_equal(negative("1", "1", "15", AST_INVERSE_RATIO), "15.00");
    assert_string_equal(negative("1", "2", "15", AST_INVERSE_RATIO), "7.50");
    assert_string_equal(negative("3", "8", "1", AST_INVERSE_RATIO), "0.38"); /* 0.375 */
    /* a zero target (≤ 0 accidents) is missed by any actual above it */
    assert_string_equal(negative("0", "0", "10", AST_INVERSE_DEDUCT), "10.00");
    assert_string_equal(negative("0", "1", "10", AST_INVERSE_DEDUCT), "0.00");
    assert_string_equal(negative("0", "1", "10", AST_INVERSE_RATIO), "0.00");
}

static void
equal_is_positive_except_at_zero(void **state)
{
    (void)state;
    assert_string_equal(equal("100", "100", "15"), "15.00");
    assert_string_equal(equal("100", "99", "15"), "14.85");
    assert_string_equal(equal("0", "0", "15"), "15.00");
    assert_string_equal(equal("0", "-2", "15"), "15.00");
    assert_string_equal(equal("0", "0.1", "15"), "0.00");
}

static void
range_scores_full_inside_and_by_the_nearer_end(void **state)
{
    (void)state;
    struct decimal s;
    assert_true(score_range(dec("90"), dec("100"), dec("90"), dec("10"), AST_INVERSE_DEDUCT, &s));
    assert_string_equal(fmt(s), "10.00");
    assert_true(score_range(dec("90"), dec("100"), dec("100"), dec("10"), AST_INVERSE_DEDUCT, &s));
    assert_string_equal(fmt(s), "10.00");
    assert_true(score_range(dec("90"), dec("100"), dec("81"), dec("10"), AST_INVERSE_DEDUCT, &s));
    assert_string_equal(fmt(s), "9.00"); /* 81 ÷ 90 × 10 */
    assert_true(score_range(dec("90"), dec("100"), dec("150"), dec("10"), AST_INVERSE_DEDUCT, &s));
    assert_string_equal(fmt(s), "5.00"); /* 10 × (1 − 50 ÷ 100) */
    assert_true(score_range(dec("90"), dec("100"), dec("200"), dec("10"), AST_INVERSE_RATIO, &s));
    assert_string_equal(fmt(s), "5.00"); /* 100 ÷ 200 × 10 */
}

static void
budget_execution_is_capped_at_the_weight(void **state)
{
    (void)state;
    struct decimal s, r;
    assert_true(score_budget(dec("507"), dec("520"), dec("10"), &s));
    assert_string_equal(fmt(s), "9.75");
    assert_true(score_budget(dec("530"), dec("520"), dec("10"), &s));
    assert_string_equal(fmt(s), "10.00");
    assert_true(score_budget(dec("118.44"), dec("126"), dec("10"), &s));
    assert_string_equal(fmt(s), "9.40");
    assert_true(score_budget(dec("0"), dec("126"), dec("10"), &s));
    assert_string_equal(fmt(s), "0.00");
    /* a zero budget gives no rate and no score */
    assert_false(score_budget(dec("0"), dec("0"), dec("10"), &s));
    assert_false(score_rate(dec("5"), dec("0"), &r));
    assert_true(score_rate(dec("507"), dec("520"), &r));
    assert_string_equal(fmt(r), "97.50");
    assert_true(score_rate(dec("2"), dec("3"), &r));
    assert_string_equal(fmt(r), "66.67");
}

static bool
rate_matches(const char *written, const char *executed, const char *budget)
{
    bool matches;
    assert_true(score_rate_matches(dec(written), dec(executed), dec(budget), &matches));
    return matches;
}

static void
rate_is_compared_at_the_decimals_written(void **state)
{
    (void)state;
    assert_true(rate_matches("97.5", "507", "520"));
    assert_true(rate_matches("97.50", "507", "520"));
    assert_false(rate_matches("98", "507", "520")); /* a tie: 97.5 is exact, write it */
    assert_false(rate_matches("97", "507", "520"));
    assert_true(rate_matches("100", "99996", "100000")); /* 99.996% */
    assert_false(rate_matches("100.0", "99940", "100000")); /* 99.94% */
    assert_true(rate_matches("94", "118.44", "126"));
    assert_true(rate_matches("66.67", "2", "3"));
    assert_true(rate_matches("66.7", "2", "3"));
    assert_false(rate_matches("66.6", "2", "3"));
    bool matches;
    assert_false(score_rate_matches(dec("0"), dec("0"), dec("0"), &matches));
}

static void
qualitative_grades_and_their_bands(void **state)
{
    (void)state;
    assert_int_equal(score_quality_of("达成年度指标", NULL), SCORE_ACHIEVED);
    assert_int_equal(score_quality_of("部分达成年度指标并具有一定效果", "应保尽保"), SCORE_PARTLY);
    assert_int_equal(score_quality_of("未达成年度指标且效果较差", NULL), SCORE_NOT_ACHIEVED);
    assert_int_equal(score_quality_of("应保尽保", "应保尽保"), SCORE_ACHIEVED);
    assert_int_equal(score_quality_of("基本达到", "应保尽保"), SCORE_OTHER_TEXT);
    assert_int_equal(score_quality_of("基本达到", NULL), SCORE_OTHER_TEXT);
    struct decimal w = dec("30");
    /* 达成 [24, 30] */
    assert_true(score_in_band(SCORE_ACHIEVED, w, dec("30")));
    assert_true(score_in_band(SCORE_ACHIEVED, w, dec("24")));
    assert_false(score_in_band(SCORE_ACHIEVED, w, dec("23.99")));
    /* 部分达成 [18, 24) */
    assert_false(score_in_band(SCORE_PARTLY, w, dec("24")));
    assert_true(score_in_band(SCORE_PARTLY, w, dec("23.99")));
    assert_true(score_in_band(SCORE_PARTLY, w, dec("18")));
    assert_false(score_in_band(SCORE_PARTLY, w, dec("17.99")));
    /* 未达成 [0, 18) */
    assert_false(score_in_band(SCORE_NOT_ACHIEVED, w, dec("18")));
    assert_true(score_in_band(SCORE_NOT_ACHIEVED, w, dec("0")));
    assert_false(score_in_band(SCORE_NOT_ACHIEVED, w, dec("-1")));
    struct decimal low, high;
    bool included;
    assert_true(score_band(SCORE_PARTLY, dec("15"), &low, &high, &included));
    assert_int_equal(decimal_cmp(low, dec("9")), 0);
    assert_int_equal(decimal_cmp(high, dec("12")), 0);
    assert_false(included);
}

static void
grades_on_the_exact_percent(void **state)
{
    (void)state;
    assert_int_equal(score_grade(dec("90"), dec("100")), AST_GRADE_EXCELLENT);
    assert_int_equal(score_grade(dec("89.99"), dec("100")), AST_GRADE_GOOD);
    assert_int_equal(score_grade(dec("88.95"), dec("100")), AST_GRADE_GOOD);
    assert_int_equal(score_grade(dec("80"), dec("100")), AST_GRADE_GOOD);
    assert_int_equal(score_grade(dec("79.99"), dec("100")), AST_GRADE_FAIR);
    assert_int_equal(score_grade(dec("60"), dec("100")), AST_GRADE_FAIR);
    assert_int_equal(score_grade(dec("59.99"), dec("100")), AST_GRADE_POOR);
    assert_int_equal(score_grade(dec("0"), dec("100")), AST_GRADE_POOR);
    /* out of 90: 81 is exactly 90% */
    assert_int_equal(score_grade(dec("81"), dec("90")), AST_GRADE_EXCELLENT);
    /* 80.99 of 90 is 89.99…%, which rounds to 90.00 but is 良 */
    assert_int_equal(score_grade(dec("80.99"), dec("90")), AST_GRADE_GOOD);
    assert_int_equal(score_grade(dec("5"), dec("0")), AST_GRADE_NONE);
    struct decimal p;
    assert_true(score_percent(dec("86.4"), dec("90"), &p));
    assert_string_equal(fmt(p), "96.00");
    assert_false(score_percent(dec("1"), dec("0"), &p));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(positive_scores_full_at_target_and_by_ratio_below),
        cmocka_unit_test(negative_deducts_to_zero_at_twice_the_target),
        cmocka_unit_test(equal_is_positive_except_at_zero),
        cmocka_unit_test(range_scores_full_inside_and_by_the_nearer_end),
        cmocka_unit_test(budget_execution_is_capped_at_the_weight),
        cmocka_unit_test(rate_is_compared_at_the_decimals_written),
        cmocka_unit_test(qualitative_grades_and_their_bands),
        cmocka_unit_test(grades_on_the_exact_percent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
