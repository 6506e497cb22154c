/*
 * test_decimal.c - exact decimal arithmetic: parsing, sums, comparison,
 * formatting, division with half-up rounding and overflow.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/decimal.h"

static struct decimal
dec(const char *s)
{
    struct decimal d;
    assert_true(decimal_parse(s, strlen(s), &d));
    return d;
}

static const char *
fmt(struct decimal d)
{
    static char buf[DECIMAL_FORMAT_MAX];
    decimal_format(d, buf, sizeof buf);
    return buf;
}

static void
parses_plain_grouped_and_fractional(void **state)
{
    (void)state;
    assert_int_equal(dec("6727").coef, 6727);
    assert_int_equal(dec("6727").scale, 0);
    assert_int_equal(dec("63008.58").coef, 6300858);
    assert_int_equal(dec("63008.58").scale, 2);
    assert_int_equal(dec("25,656.78").coef, 2565678);
    assert_int_equal(dec("10606.7522").scale, 4);
    assert_string_equal(fmt(dec("8,827,620.53")), "8827620.53");
}

static void
rejects_junk_and_overflow(void **state)
{
    (void)state;
    struct decimal d;
    assert_false(decimal_parse("", 0, &d));
    assert_false(decimal_parse("12a", 3, &d));
    assert_false(decimal_parse("1.2.3", 5, &d));
    const char *big = "99999999999999999999"; /* 20 digits: beyond int64 */
    assert_false(decimal_parse(big, strlen(big), &d));
    const char *fine = "0.0000000000000000001"; /* 19 decimals: beyond the scale */
    assert_false(decimal_parse(fine, strlen(fine), &d));
}

/* The first seed's income split must add up exactly: no binary floating point. */
static void
seed_totals_add_up_exactly(void **state)
{
    (void)state;
    struct decimal sum;
    assert_true(decimal_add(dec("6727"), dec("56281.58"), &sum));
    assert_int_equal(decimal_cmp(sum, dec("63008.58")), 0);
    assert_string_equal(fmt(sum), "63008.58");
    assert_true(decimal_add(dec("17131.22"), dec("45877.36"), &sum));
    assert_int_equal(decimal_cmp(sum, dec("63008.58")), 0);
    /* 0.1 + 0.2 is 0.3, not 0.30000000000000004 */
    assert_true(decimal_add(dec("0.1"), dec("0.2"), &sum));
    assert_int_equal(decimal_cmp(sum, dec("0.3")), 0);
    /* the domain's bad total: 191 + 99 + 372.88 is 662.88, not 662.98 */
    assert_true(decimal_add(dec("191"), dec("99"), &sum));
    assert_true(decimal_add(sum, dec("372.88"), &sum));
    assert_int_not_equal(decimal_cmp(sum, dec("662.98")), 0);
    assert_string_equal(fmt(sum), "662.88");
}

static void
compares_across_scales(void **state)
{
    (void)state;
    assert_int_equal(decimal_cmp(dec("1.50"), dec("1.5")), 0);
    assert_true(decimal_cmp(dec("100.00"), dec("100.01")) < 0);
    assert_true(decimal_cmp(dec("2"), dec("1.9999")) > 0);
    /* too large to align scales: still ordered correctly */
    assert_true(decimal_cmp(dec("900000000000000000"), dec("0.5")) > 0);
    assert_true(decimal_cmp(dec("0.5"), dec("900000000000000000")) < 0);
}

static void
difference_is_signed(void **state)
{
    (void)state;
    struct decimal d;
    assert_true(decimal_sub(dec("100.00"), dec("100.01"), &d));
    assert_string_equal(fmt(d), "-0.01");
    assert_true(decimal_sub(dec("0.5"), dec("0.25"), &d));
    assert_string_equal(fmt(d), "0.25");
}

static void
sum_overflow_is_reported(void **state)
{
    (void)state;
    struct decimal d;
    struct decimal big = dec("9000000000000000000");
    assert_false(decimal_add(big, big, &d));
    /* aligning scales can overflow too */
    assert_false(decimal_add(dec("900000000000000000"), dec("0.01"), &d));
}

/* Division rounds half away from zero at the places asked, in integers. */
static void
divides_with_half_up_rounding(void **state)
{
    (void)state;
    struct decimal q;
    assert_true(decimal_div_round(dec("1200"), dec("1250"), 2, &q));
    assert_string_equal(fmt(q), "0.96");
    assert_true(decimal_div_round(dec("507"), dec("520"), 4, &q));
    assert_string_equal(fmt(q), "0.9750");
    assert_true(decimal_div_round(dec("2"), dec("3"), 2, &q));
    assert_string_equal(fmt(q), "0.67");
    assert_true(decimal_div_round(dec("1"), dec("3"), 2, &q));
    assert_string_equal(fmt(q), "0.33");
    /* exactly half: up, and away from zero for negatives */
    assert_true(decimal_div_round(dec("19.205"), dec("1"), 2, &q));
    assert_string_equal(fmt(q), "19.21");
    struct decimal minus = dec("0.005"), minus_eight = dec("8");
    minus.coef = -minus.coef;
    minus_eight.coef = -minus_eight.coef;
    assert_true(decimal_div_round(minus, dec("1"), 2, &q));
    assert_string_equal(fmt(q), "-0.01");
    assert_true(decimal_div_round(dec("1"), minus_eight, 2, &q));
    assert_string_equal(fmt(q), "-0.13");
    /* just under half stays down */
    assert_true(decimal_div_round(dec("19.2049999"), dec("1"), 2, &q));
    assert_string_equal(fmt(q), "19.20");
    /* the divisor's scale counts: 1 ÷ 0.04 = 25 */
    assert_true(decimal_div_round(dec("1"), dec("0.04"), 0, &q));
    assert_string_equal(fmt(q), "25");
    assert_false(decimal_div_round(dec("1"), dec("0"), 2, &q));
    assert_false(decimal_div_round(dec("1"), dec("0.00"), 2, &q));
    /* a quotient beyond 18 digits is refused, not wrapped */
    assert_false(decimal_div_round(dec("999999999999999999"), dec("0.000000001"), 2, &q));
}

static void
rounds_half_up_and_pads(void **state)
{
    (void)state;
    struct decimal r;
    assert_true(decimal_round(dec("19.2"), 2, &r));
    assert_string_equal(fmt(r), "19.20");
    assert_true(decimal_round(dec("9.675"), 2, &r));
    assert_string_equal(fmt(r), "9.68");
    assert_true(decimal_round(dec("9.674999"), 2, &r));
    assert_string_equal(fmt(r), "9.67");
    assert_true(decimal_round(dec("99.995"), 2, &r));
    assert_string_equal(fmt(r), "100.00");
    assert_true(decimal_round(dec("97.5"), 0, &r));
    assert_string_equal(fmt(r), "98");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_plain_grouped_and_fractional),
        cmocka_unit_test(rejects_junk_and_overflow),
        cmocka_unit_test(seed_totals_add_up_exactly),
        cmocka_unit_test(compares_across_scales),
        cmocka_unit_test(difference_is_signed),
        cmocka_unit_test(sum_overflow_is_reported),
        cmocka_unit_test(divides_with_half_up_rounding),
        cmocka_unit_test(rounds_half_up_and_pads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
