/*
 * test_suggest.c - edit distance counts characters, so suggestions work on
 * CJK names as they do on Latin ones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/suggest.h"

static void
distance_counts_characters(void **state)
{
    (void)state;
    assert_int_equal(suggest_distance("一般公共预算", "一般公共预算"), 0);
    assert_int_equal(suggest_distance("一般公共预算", "一般公共预箅"), 1); /* substitution */
    assert_int_equal(suggest_distance("一般公共预算", "一般公共算"), 1);   /* deletion */
    assert_int_equal(suggest_distance("政府性基金拨款", "政府性基金"), 2);
    assert_int_equal(suggest_distance("kitten", "sitting"), 3);
    assert_int_equal(suggest_distance("", "人次"), 2);
}

static void
closest_is_close_enough(void **state)
{
    (void)state;
    const char *names[] = {"一般公共预算", "政府性基金拨款", "纳入专户管理的非税收入拨款", "其他资金"};
    assert_string_equal(suggest_closest("一般共公预算", names, 4), "一般公共预算");
    assert_string_equal(suggest_closest("纳入专项管理的非税收入拨款", names, 4),
                        "纳入专户管理的非税收入拨款");
    assert_null(suggest_closest("基本支出", names, 4)); /* nothing alike */
    assert_null(suggest_closest("其他资金", names, 4)); /* an exact name needs no suggestion */
}

/* A one-character unit is no misspelling of another; a tie prefers the name's length. */
static void
short_names_and_ties(void **state)
{
    (void)state;
    const char *units[] = {"人", "个", "人次"};
    assert_null(suggest_closest("卷", units, 3));
    assert_string_equal(suggest_closest("人欠", units, 3), "人次");
    assert_string_equal(suggest_closest("人次次", units, 3), "人次");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(distance_counts_characters),
        cmocka_unit_test(closest_is_close_enough),
        cmocka_unit_test(short_names_and_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
