/*
 * test_fmt.c - the canonical layout of goalc fmt, one rule per test: each
 * input gives the expected text, and formatting that text again gives it
 * unchanged.  Then fmt --fill (fmt_file_filled) on compiled tables whose
 * scores are set here by hand, as sema_score sets them: where each value
 * goes, what is not filled, and that the filled text is canonical and
 * filling it again adds nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/decimal.h"
#include "diag/diag.h"
#include "driver.h"
#include "model/ast.h"
#include "model/compilation.h"
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

/* --- fmt --fill --------------------------------------------------------------- */

/* The scores sema_score would give, by indicator or category name: "" not computable. */
struct score {
    const char *name, *computed;
    bool incomplete;
};

static struct decimal
dec(const char *s)
{
    struct decimal d;
    assert_true(decimal_parse(s, strlen(s), &d));
    return d;
}

static void
set_points(struct ast_points *p, const char *name, const struct score *scores, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(scores[i].name, name) == 0) {
            p->computed_known = scores[i].computed[0] != '\0';
            if (p->computed_known)
                p->computed = dec(scores[i].computed);
            p->incomplete = scores[i].incomplete;
        }
}

static void
set_scores(struct ast_node *n, const struct score *scores, size_t count)
{
    if (n->kind == AST_INDICATORS) {
        set_points(&n->u.indicators.points, "指标", scores, count);
        for (struct ast_node *c = n->u.indicators.categories.first; c != NULL; c = c->next)
            set_scores(c, scores, count);
    } else if (n->kind == AST_CATEGORY) {
        set_points(&n->u.category.points, n->u.category.name.text, scores, count);
        for (struct ast_node *c = n->u.category.items.first; c != NULL; c = c->next)
            set_scores(c, scores, count);
    } else if (n->kind == AST_INDICATOR) {
        set_points(&n->u.indicator.points, n->u.indicator.name.text, scores, count);
    }
}

/*
 * fmt --fill of text, compiled, the project "p"'s scores set from scores
 * and its evaluation from e (NULL: none); the warnings' count in *warnings.
 */
static char *
fill(const char *text, const struct score *scores, size_t count, struct ast_evaluation *e,
     size_t *warnings)
{
    char path[] = "/tmp/test_fmt_fill_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs(text, fp);
    fclose(fp);
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    struct parse_comments comments;
    enum compile_status st = driver_run_with_comments(c, path, &comments);
    if (st != COMPILE_OK)
        diag_render(&c->diags, stderr, &(struct diag_render_options){false});
    assert_int_equal(st, COMPILE_OK);
    for (struct ast_node *t = c->root->u.file.items.first; t != NULL; t = t->next) {
        if (t->kind != AST_PROJECT)
            continue;
        t->u.decl.evaluation = e;
        for (struct ast_node *n = t->u.decl.body.first; n != NULL; n = n->next)
            set_scores(n, scores, count);
    }
    size_t before = c->diags.warnings;
    char *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);
    fmt_file_filled(mem, c, &comments, &(struct fmt_options){FMT_KEYWORDS_OF_FILE});
    assert_int_equal(fclose(mem), 0);
    *warnings = c->diags.warnings - before;
    compilation_free(c);
    unlink(path);
    return out;
}

/* The project with only 实际 values written (and one 得分 of a band). */
static const char only_actuals[] =
    "项目 \"p\" {\n"
    "    部门 \"d\"\n"
    "    年度 2024\n"
    "    资金 万元 500 调整后 520 执行 507 分值 10 {\n"
    "        按 资金来源 {\n"
    "            本级 300 调整后 300 执行 300\n"
    "            上级 200 调整后 220 执行 207\n"
    "        }\n"
    "    }\n"
    "    目标 \"保障低保对象基本生活\"\n"
    "    指标 分值 90 {\n"
    "        产出指标 分值 50 {\n"
    "            数量指标 {\n"
    "                \"月均保障人数\" ≥ 1,250 人 分值 20\n"
    "                    实际 1,200 人 偏差 \"动态退出50人\"\n"
    "            }\n"
    "            质量指标 {\n"
    "                \"资金发放准确率\" 100%% 分值 15\n"
    "                    实际 100%%\n"
    "            }\n"
    "            时效指标 {\n"
    "                \"资金按月发放\" 定性 \"每月足额发放\" 分值 15\n"
    "                    实际 \"达成年度指标\"\n"
    "            }\n"
    "        }\n"
    "        效益指标 分值 30 {\n"
    "            社会效益指标 {\n"
    "                \"困难群众基本生活保障\" 定性 \"应保尽保\" 分值 30\n"
    "                    实际 \"部分达成年度指标并具有一定效果\"%s\n"
    "            }\n"
    "        }\n"
    "        满意度指标 分值 10 {\n"
    "            服务对象满意度指标 {\n"
    "                \"受助对象满意度\" ≥ 90%% 分值 10\n"
    "                    实际 93%% # 调查问卷\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "\n"
    "    填表人 \"张三\"\n"
    "}\n"
    "部门 \"d\" {}\n";

static void
fill_writes_what_is_computed(void **state)
{
    (void)state;
    /* The band score of 困难群众基本生活保障 is not computed: it, 效益指标,
       指标 and the table's 得分 and 等级 stay empty; 总分 is known. */
    static const struct score partial[] = {
        {"月均保障人数", "19.20", false},   {"资金发放准确率", "15.00", false},
        {"资金按月发放", "15.00", false},   {"困难群众基本生活保障", "", false},
        {"受助对象满意度", "10.00", false}, {"产出指标", "49.20", false},
        {"效益指标", "0.00", true},         {"满意度指标", "10.00", false},
        {"指标", "79.20", true},
    };
    struct ast_evaluation e = {0};
    e.rate = dec("97.50"), e.rate_known = true;
    e.budget = (struct ast_points){.computed = dec("9.75"), .computed_known = true};
    e.total = (struct ast_points){.weight = dec("100"), .weight_known = true,
                                  .computed = dec("88.95"), .computed_known = true,
                                  .incomplete = true};
    e.grade_computed = AST_GRADE_GOOD;
    char text[4096];
    snprintf(text, sizeof text, only_actuals, "");
    size_t warnings;
    char *out = fill(text, partial, sizeof partial / sizeof partial[0], &e, &warnings);
    assert_int_equal(warnings, 1); /* 困难群众基本生活保障, once */
    assert_non_null(strstr(out, "    资金 万元 500 调整后 520 执行 507 执行率 97.5% 分值 10 得分 9.75 {\n"));
    assert_non_null(strstr(out, "        本级 300 调整后 300 执行 300\n")); /* lines: nothing */
    assert_non_null(strstr(out, "    指标 分值 90 {\n"));
    assert_non_null(strstr(out, "        产出指标 分值 50 得分 49.2 {\n"));
    assert_non_null(strstr(out, "        效益指标 分值 30 {\n"));
    assert_non_null(strstr(out, "        满意度指标 分值 10 得分 10 {\n"));
    assert_non_null(strstr(out, "                    实际 1,200 人 得分 19.2 偏差 \"动态退出50人\"\n"));
    assert_non_null(strstr(out, "                    实际 100% 得分 15\n"));
    assert_non_null(strstr(out, "                    实际 \"达成年度指标\" 得分 15\n"));
    assert_non_null(strstr(out, "                    实际 \"部分达成年度指标并具有一定效果\"\n"));
    assert_non_null(strstr(out, "                    实际 93% 得分 10 # 调查问卷\n"));
    /* 总分 right after 指标, before the blank line and the attribute; no 得分, no 等级. */
    assert_non_null(strstr(out, "        }\n    }\n    总分 100\n\n    填表人 \"张三\"\n}\n"));
    assert_null(strstr(out, "等级"));
    /* Canonical: plain fmt leaves it as it is. */
    char *again = format(out, false);
    assert_string_equal(again, out);
    free(again);
    free(out);

    /* With the band score written, everything is computed: filled once, then nothing more. */
    static const struct score complete[] = {
        {"月均保障人数", "19.20", false},   {"资金发放准确率", "15.00", false},
        {"资金按月发放", "15.00", false},   {"困难群众基本生活保障", "", false},
        {"受助对象满意度", "10.00", false}, {"产出指标", "49.20", false},
        {"效益指标", "20.00", false},       {"满意度指标", "10.00", false},
        {"指标", "79.20", false},
    };
    e.total.incomplete = false;
    snprintf(text, sizeof text, only_actuals, " 得分 20");
    out = fill(text, complete, sizeof complete / sizeof complete[0], &e, &warnings);
    assert_int_equal(warnings, 0);
    assert_non_null(strstr(out, "    指标 分值 90 得分 79.2 {\n"));
    assert_non_null(strstr(out, "        效益指标 分值 30 得分 20 {\n"));
    assert_non_null(strstr(out, "        }\n    }\n    总分 100\n    得分 88.95\n    等级 良\n\n"));
    again = format(out, false);
    assert_string_equal(again, out);
    free(again);
    char *twice = fill(out, complete, sizeof complete / sizeof complete[0], &e, &warnings);
    assert_string_equal(twice, out);
    free(twice);
    free(out);
}

/* No self-evaluation, or every value written: the text is what plain fmt gives. */
static void
fill_leaves_goal_tables_alone(void **state)
{
    (void)state;
    static const char goal[] = "项目 \"p\" {\n"
                               "    部门 \"d\"\n"
                               "    资金 万元 500 分值 10\n"
                               "    指标 分值 90 {\n"
                               "        产出指标 分值 90 {\n"
                               "            数量指标 {\n"
                               "                \"a\" ≥ 5 人 分值 90\n"
                               "            }\n"
                               "        }\n"
                               "        效益指标 { 不适用 }\n"
                               "        满意度指标 { 不适用 }\n"
                               "    }\n"
                               "}\n"
                               "部门 \"d\" {}\n";
    size_t warnings;
    char *out = fill(goal, NULL, 0, NULL, &warnings);
    char *plain = format(goal, false);
    assert_string_equal(out, plain);
    assert_int_equal(warnings, 0);
    free(out);
    free(plain);
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
        cmocka_unit_test(fill_writes_what_is_computed),
        cmocka_unit_test(fill_leaves_goal_tables_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
