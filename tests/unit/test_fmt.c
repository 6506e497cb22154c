/*
 * test_fmt.c - the canonical layout of goalc fmt, one rule per test: each
 * input gives the expected text, and formatting that text again gives it
 * unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "diag/diag.h"
#include "front/fmt.h"
#include "front/parse.h"
#include "front/load.h"
#include "base/source.h"

/* The canonical form of text, in a malloc'd string. */
static char *
format(const char *text, bool english)
{
    struct arena *a = arena_create();
    assert_non_null(a);
    struct diag_sink diags;
    diag_sink_init(&diags, a, DIAG_LANG_EN);
    struct source *src;
    assert_int_equal(load_bytes(a, &diags, "t.goal", 0, text, strlen(text), &src),
                     LOAD_OK);
    struct parse_comments comments;
    struct ast_node *root = parse_source_with_comments(a, &diags, src, &comments);
    if (root == NULL)
        diag_render(&diags, stderr, &(struct diag_render_options){false});
    assert_non_null(root);
    char *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);
    assert_non_null(mem);
    fmt_file(mem, root, src, &comments,
             &(struct fmt_options){english ? FMT_KEYWORDS_EN : FMT_KEYWORDS_ZH});
    assert_int_equal(fclose(mem), 0);
    arena_destroy(a);
    return out;
}

static void
check(const char *input, const char *expected, bool english)
{
    char *once = format(input, english);
    assert_string_equal(once, expected);
    char *twice = format(once, english);
    assert_string_equal(twice, expected);
    free(once);
    free(twice);
}

static void
layout_and_spacing(void **state)
{
    (void)state;
    check("部门   x{年度   2024\n资金 万元 1,000.50 { 甲 600  乙 400.50 }}",
          "部门 x {\n"
          "    年度 2024\n"
          "    资金 万元 1,000.50 {\n"
          "        甲 600\n"
          "        乙 400.50\n"
          "    }\n"
          "}\n",
          false);
}

static void
comparators_and_suffixes(void **state)
{
    (void)state;
    check("部门 x { 指标 { 产出 { 数量 {\n"
          "\"a\" >=5人 \"b\" 不低于 90 % \"c\" = 3 \"d\" 等于 4 份\n"
          "\"e\" 95%及以上 \"f\" 5人以内 \"g\" 2024-12-31前 \"h\" 大于等于120\n"
          "\"i\" 90%~95% \"j\" 2024-01 至 2024-06 \"k\" ≦ 12/10万\n"
          "} } } }",
          "部门 x {\n"
          "    指标 {\n"
          "        产出 {\n"
          "            数量 {\n"
          "                \"a\" ≥ 5 人\n"
          "                \"b\" ≥ 90%\n"
          "                \"c\" 3\n"
          "                \"d\" 4 份\n"
          "                \"e\" 95% 以上\n"
          "                \"f\" 5 人 以下\n"
          "                \"g\" 2024-12-31 前\n"
          "                \"h\" ≥ 120\n"
          "                \"i\" 90% 至 95%\n"
          "                \"j\" 2024-01 至 2024-06\n"
          "                \"k\" ≤ 12/10万\n"
          "            }\n"
          "        }\n"
          "    }\n"
          "}\n",
          false);
}

static void
english_keywords(void **state)
{
    (void)state;
    check("部门 x { 年度 2024 指标 { 产出 { 数量 { \"a\" 定性 \"好\" 标准 5 分值 10 备注 \"n\" } "
          "质量 { 不适用 } } } 实施期 2024-01-01..2024-12-31 }",
          "department x {\n"
          "    year 2024\n"
          "    indicators {\n"
          "        产出 {\n"
          "            数量 {\n"
          "                \"a\" qualitative \"好\" standard 5 weight 10 note \"n\"\n"
          "            }\n"
          "            质量 {\n"
          "                na\n"
          "            }\n"
          "        }\n"
          "    }\n"
          "    period 2024-01-01 .. 2024-12-31\n"
          "}\n",
          true);
}

static void
comments_stay_where_they_were(void **state)
{
    (void)state;
    check("# head\n\n\n\n部门 x { # open\n"
          "  # above the year\n"
          "  年度 2024    # trailing   \n"
          "\n\n"
          "  资金 { } # after an empty block\n"
          "  # last, before the brace\n"
          "}\n# tail\n",
          "# head\n"
          "\n"
          "部门 x { # open\n"
          "    # above the year\n"
          "    年度 2024 # trailing\n"
          "\n"
          "    资金 {} # after an empty block\n"
          "    # last, before the brace\n"
          "}\n"
          "# tail\n",
          false);
}

static void
strings_and_names(void **state)
{
    (void)state;
    check("部门 “局\"\\” {\n"
          "  目标 \"tab\\there\\u{2265}\"\n"
          "  职能 \"\"\"\n"
          "          一\n"
          "            二 \\\"\"\"\n"
          "      \"\"\"\n"
          "  说明 \"\"\"\n\ta\n  b\n\"\"\"\n"
          "  资金 { 中央 1 % 2 }\n"
          "}",
          "部门 \"局\\\"\\\\\" {\n"
          "    目标 \"tab\\there≥\"\n"
          "    职能 \"\"\"\n"
          "        一\n"
          "          二 \\\"\"\"\n"
          "        \"\"\"\n"
          "    说明 \"\\ta\\n  b\"\n"
          "    资金 {\n"
          "        中央 1\n"
          "        \"%\" 2\n"
          "    }\n"
          "}\n",
          false);
}

static void
declarations(void **state)
{
    (void)state;
    check("框架 2020\n框架 示例 \"e\" { 一级 产出 \"o\" 必备 { 二级 数量 \"q\" 数量类 { 别名 { 数 量 } } "
          "别名 { 产 } 二级 质量 }}\n量纲 面积 \"a\" 整数 { 平方米 万平方米 10000\n亩 666.67 }",
          "框架 2020\n"
          "框架 示例 \"e\" {\n"
          "    一级 产出 \"o\" 必备 {\n"
          "        别名 { 产 }\n"
          "        二级 数量 \"q\" 数量类 { 别名 { 数 量 } }\n"
          "        二级 质量\n"
          "    }\n"
          "}\n"
          "量纲 面积 \"a\" 整数 {\n"
          "    平方米\n"
          "    万平方米 10000\n"
          "    亩 666.67\n"
          "}\n",
          false);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layout_and_spacing),
        cmocka_unit_test(comparators_and_suffixes),
        cmocka_unit_test(english_keywords),
        cmocka_unit_test(comments_stay_where_they_were),
        cmocka_unit_test(strings_and_names),
        cmocka_unit_test(declarations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
