/*
 * test_suggest.c - edit distance counts characters, so suggestions work on
 * CJK names as they do on Latin ones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
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

/* Chinese typos: a pinyin homophone or a look-alike character is half an edit. */
static void
homophones_and_lookalikes(void **state)
{
    (void)state;
    assert_true(suggest_homophone(0x7406, 0x91CC));  /* 理 里: li */
    assert_true(suggest_lookalike(0x4EBA, 0x5165));  /* 人 入 */
    assert_false(suggest_homophone(0x4EBA, 0x5165)); /* ren, ru */
    const char *units[] = {"公顷", "公斤", "公里", "亩", "周", "百分比"};
    assert_string_equal(suggest_closest("公理", units, 6), "公里");
    assert_string_equal(suggest_closest("公今", units, 6), "公斤");
    assert_null(suggest_closest("公分", units, 6)); /* three 公X alike: no guess */
    assert_null(suggest_closest("周岁", units, 6));
    assert_null(suggest_closest("百分点", units, 6));
    const char *parts[] = {"收入性质", "支出性质", "资金来源"};
    assert_string_equal(suggest_closest("收人性质", parts, 3), "收入性质");
    assert_string_equal(suggest_closest("收入姓质", parts, 3), "收入性质");
    const char *lines[] = {"基本支出", "项目支出"};
    assert_string_equal(suggest_closest("项日支出", lines, 2), "项目支出");
}

/* The context's kind wins a tie, and over a closer name of another kind. */
static void
preferred_kind_wins(void **state)
{
    (void)state;
    const char *units[] = {"公顷", "公斤", "公里"};
    bool mass[] = {false, true, false};
    assert_null(suggest_closest("公升", units, 3)); /* three 公X alike: no guess */
    assert_null(suggest_closest_preferring("公升", units, 3, mass)); /* and not 公斤 for 公升 */
    const char *per[] = {"元/人·月", "元/户·月"};
    bool household[] = {false, true};
    assert_string_equal(suggest_closest("元/入·月", per, 2), "元/人·月"); /* 入: look-alike */
    assert_string_equal(suggest_closest_preferring("元/x·月", per, 2, household), "元/户·月");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(distance_counts_characters),
        cmocka_unit_test(closest_is_close_enough),
        cmocka_unit_test(short_names_and_ties),
        cmocka_unit_test(homophones_and_lookalikes),
        cmocka_unit_test(preferred_kind_wins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
