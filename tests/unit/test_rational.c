/*
 * test_rational.c - the exact fractions of 计算: reduced forms, the four
 * operations with overflow and division by zero reported, rounding
 * half-up, and exact decimals only where they exist.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/decimal.h"
#include "base/rational.h"

static struct rational
rat(const char *s)
{
    struct decimal d;
    struct rational r;
    assert_true(decimal_parse(s, strlen(s), &d));
    assert_true(rational_from_decimal(d, &r));
    return r;
}

static const char *
shown(struct decimal d)
{
    static char buf[DECIMAL_FORMAT_MAX];
    decimal_format(d, buf, sizeof buf);
    return buf;
}

static void
reduces_and_computes_exactly(void **state)
{
    (void)state;
    struct rational r = rat("0.25");
    assert_int_equal(r.num, 1);
    assert_int_equal(r.den, 4);
    /* 2 万元 ÷ 10 人 = 0.2 */
    assert_true(rational_div(rat("2"), rat("10"), &r));
    struct decimal d;
    assert_true(rational_to_decimal(r, &d));
    assert_string_equal(shown(d), "0.2");
    /* 0.1 + 0.2 = 0.3, exactly */
    assert_true(rational_add(rat("0.1"), rat("0.2"), &r));
    assert_int_equal(rational_cmp(r, rat("0.3")), 0);
    assert_true(rational_sub(rat("1"), rat("1.5"), &r));
    assert_true(rational_to_decimal(r, &d));
    assert_string_equal(shown(d), "-0.5");
    /* 63 × 1000 = 63000 */
    assert_true(rational_mul(rat("63"), rat("1000"), &r));
    assert_int_equal(r.num, 63000);
    assert_int_equal(r.den, 1);
}

static void
thirds_round_but_are_not_decimals(void **state)
{
    (void)state;
    struct rational r;
    struct decimal d;
    assert_true(rational_div(rat("2"), rat("3"), &r));
    assert_false(rational_to_decimal(r, &d));
    assert_true(rational_round(r, 2, &d));
    assert_string_equal(shown(d), "0.67");
    assert_true(rational_round(r, 0, &d));
    assert_string_equal(shown(d), "1");
    /* half away from zero */
    assert_true(rational_round(rat("0.125"), 2, &d));
    assert_string_equal(shown(d), "0.13");
    assert_true(rational_sub(rat("0"), rat("0.125"), &r));
    assert_true(rational_round(r, 2, &d));
    assert_string_equal(shown(d), "-0.13");
    /* 2 ÷ 3 × 3 is 2 again */
    assert_true(rational_div(rat("2"), rat("3"), &r));
    assert_true(rational_mul(r, rat("3"), &r));
    assert_int_equal(rational_cmp(r, rat("2")), 0);
}

static void
reports_zero_and_overflow(void **state)
{
    (void)state;
    struct rational r = {7, 1};
    assert_false(rational_div(rat("1"), rat("0"), &r));
    assert_int_equal(r.num, 7); /* untouched */
    struct rational big = {INT64_MAX, 1};
    assert_false(rational_mul(big, rat("2"), &r));
    assert_false(rational_add(big, big, &r));
    assert_true(rational_mul(big, rat("1"), &r));
    struct decimal d;
    assert_false(rational_round(big, 2, &d));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reduces_and_computes_exactly),
        cmocka_unit_test(thirds_round_but_are_not_decimals),
        cmocka_unit_test(reports_zero_and_overflow),
    };
    return cmocka_run_group_tests_name("rational", tests, NULL, NULL);
}
