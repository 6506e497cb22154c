/*
 * test_model_dates.c - model_days_in_month, the one calendar rule the
 * lexer (dates, month periods), the schedule check (W0141), goalc diff
 * and the SQLite back end share.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/model.h"

static void
months_of_a_common_year(void **state)
{
    (void)state;
    static const int want[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++)
        assert_int_equal(model_days_in_month(2023, m), want[m - 1]);
}

static void
february_of_leap_years(void **state)
{
    (void)state;
    assert_int_equal(model_days_in_month(2024, 2), 29);
    assert_int_equal(model_days_in_month(2000, 2), 29); /* divisible by 400 */
    assert_int_equal(model_days_in_month(1900, 2), 28); /* by 100, not 400 */
    assert_int_equal(model_days_in_month(2100, 2), 28);
    assert_int_equal(model_days_in_month(2024, 3), 31);
}

static void
unknown_year_and_bad_month(void **state)
{
    (void)state;
    assert_int_equal(model_days_in_month(0, 2), 29); /* 2月29日 with no year is a day */
    assert_int_equal(model_days_in_month(0, 4), 30);
    assert_int_equal(model_days_in_month(2024, 0), 31);
    assert_int_equal(model_days_in_month(2024, 13), 31);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(months_of_a_common_year),
        cmocka_unit_test(february_of_leap_years),
        cmocka_unit_test(unknown_year_and_bad_month),
    };
    return cmocka_run_group_tests_name("model_dates", tests, NULL, NULL);
}
