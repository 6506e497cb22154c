/*
 * test_sema_score.c - the fields sema_score fills in for the back ends, on
 * examples/shifan-minzheng-selfeval-2024.goal (a table that writes every
 * score and one that writes only actual values) and on small tables: a
 * goal table has no evaluation, a score that cannot be computed leaves
 * its groups and the total incomplete and no grade.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "driver.h"
#include "model/ast.h"
#include "model/compilation.h"
#include "model/model.h"

struct find {
    const char *name;
    const struct ast_node *found;
};

static void
find_table(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct find *f = ctx;
    (void)parent;
    if (f->found == NULL && strcmp(table->u.decl.name.text, f->name) == 0)
        f->found = table;
}

static const struct ast_node *
table_named(const struct compilation *c, const char *name)
{
    struct find f = {name, NULL};
    ast_each_table(c->root, find_table, &f);
    assert_non_null(f.found);
    return f.found;
}

/* A level-1 category (level 1) or an indicator (level 3) of a table, by name. */
static const struct ast_node *
row_named(const struct ast_node *table, const char *name)
{
    const struct ast_node *ind = ast_field(table, AST_INDICATORS);
    assert_non_null(ind);
    for (const struct ast_node *l1 = ind->u.indicators.categories.first; l1; l1 = l1->next) {
        if (l1->kind == AST_CATEGORY && strcmp(l1->u.category.name.text, name) == 0)
            return l1;
        for (const struct ast_node *l2 = l1->u.category.items.first; l2; l2 = l2->next) {
            if (l2->kind != AST_CATEGORY)
                continue;
            for (const struct ast_node *r = l2->u.category.items.first; r; r = r->next)
                if (r->kind == AST_INDICATOR && strcmp(r->u.indicator.name.text, name) == 0)
                    return r;
        }
    }
    fail_msg("no row %s", name);
    return NULL;
}

static const char *
fmt(struct decimal d)
{
    static char buf[DECIMAL_FORMAT_MAX];
    decimal_format(d, buf, sizeof buf);
    return buf;
}

static struct compilation *
compile_file(const char *path)
{
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_non_null(c);
    assert_int_equal(driver_run(c, path), COMPILE_OK);
    return c;
}

static struct compilation *
compile(const char *text)
{
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_non_null(c);
    assert_int_equal(driver_run_bytes(c, "t.goal", text, strlen(text)), COMPILE_OK);
    return c;
}

static void
written_scores_sit_beside_computed_ones(void **state)
{
    (void)state;
    struct compilation *c = compile_file("examples/shifan-minzheng-selfeval-2024.goal");
    const struct ast_node *t = table_named(c, "城乡低保资金");
    const struct ast_evaluation *ev = t->u.decl.evaluation;
    assert_non_null(ev);
    assert_true(ev->rate_known);
    assert_string_equal(fmt(ev->rate), "97.50");
    assert_true(ev->budget.weight_written && ev->budget.score_written && ev->budget.computed_known);
    assert_string_equal(fmt(ev->budget.computed), "9.75");
    assert_true(ev->total.weight_written && ev->total.score_written);
    assert_string_equal(fmt(ev->total.score), "88.95");
    assert_string_equal(fmt(ev->total.computed), "88.95");
    assert_int_equal(ev->grade, AST_GRADE_GOOD);
    assert_int_equal(ev->grade_computed, AST_GRADE_GOOD);
    assert_int_equal(ev->inverse_rule, AST_INVERSE_DEDUCT);
    const struct ast_node *people = row_named(t, "月均保障人数");
    assert_int_equal(people->u.indicator.direction, AST_DIRECTION_POSITIVE);
    assert_true(people->u.indicator.points.score_written && people->u.indicator.points.computed_known);
    assert_string_equal(fmt(people->u.indicator.points.score), "19.2");
    assert_string_equal(fmt(people->u.indicator.points.computed), "19.20");
    /* 部分达成: written in its band, no computed score, still counted */
    const struct ast_node *basic = row_named(t, "困难群众基本生活保障");
    assert_false(basic->u.indicator.points.computed_known);
    assert_false(basic->u.indicator.points.incomplete);
    const struct ast_node *benefit = row_named(t, "效益指标");
    assert_true(benefit->u.category.points.weight_written && benefit->u.category.points.computed_known);
    assert_string_equal(fmt(benefit->u.category.points.computed), "20");
    const struct ast_node *ind = ast_field(t, AST_INDICATORS);
    assert_string_equal(fmt(ind->u.indicators.points.computed), "79.2");
    compilation_free(c);
}

static void
actual_values_alone_get_every_score(void **state)
{
    (void)state;
    struct compilation *c = compile_file("examples/shifan-minzheng-selfeval-2024.goal");
    const struct ast_node *t = table_named(c, "特困人员救助供养");
    const struct ast_evaluation *ev = t->u.decl.evaluation;
    assert_non_null(ev);
    assert_string_equal(fmt(ev->rate), "94.00");
    assert_false(ev->budget.score_written);
    assert_string_equal(fmt(ev->budget.computed), "9.40");
    /* no 总分: the 分值 written, 10 + 90 */
    assert_true(ev->total.weight_known);
    assert_false(ev->total.weight_written || ev->total.score_written);
    assert_string_equal(fmt(ev->total.weight), "100");
    assert_true(ev->total.computed_known);
    assert_false(ev->total.incomplete);
    assert_string_equal(fmt(ev->total.computed), "99.08");
    assert_int_equal(ev->grade, AST_GRADE_NONE);
    assert_int_equal(ev->grade_computed, AST_GRADE_EXCELLENT);
    const struct ast_node *sat = row_named(t, "供养对象满意度");
    assert_string_equal(fmt(sat->u.indicator.points.computed), "9.68");
    const struct ast_node *accidents = row_named(t, "供养机构安全事故发生率");
    assert_int_equal(accidents->u.indicator.direction, AST_DIRECTION_NEGATIVE);
    assert_string_equal(fmt(accidents->u.indicator.points.computed), "15.00");
    const struct ast_node *deadline = row_named(t, "供养金发放完成时间");
    assert_int_equal(deadline->u.indicator.direction, AST_DIRECTION_NEGATIVE);
    assert_string_equal(fmt(deadline->u.indicator.points.computed), "15.00");
    const struct ast_node *life = row_named(t, "特困人员生活质量");
    assert_int_equal(life->u.indicator.direction, AST_DIRECTION_EQUAL);
    assert_string_equal(fmt(life->u.indicator.points.computed), "15.00");
    /* a level-1 category without 得分: the sum of its rows, its 分值 written */
    const struct ast_node *output = row_named(t, "产出指标");
    assert_false(output->u.category.points.score_written);
    assert_string_equal(fmt(output->u.category.points.weight), "50");
    assert_string_equal(fmt(output->u.category.points.computed), "50.00");
    compilation_free(c);
}

static const char department[] =
    "部门 \"局\" {\n"
    "    年度 2024\n"
    "    项目 \"P\" {\n"
    "        资金 万元 100%s\n"
    "        目标 \"培训\"\n"
    "        指标 {\n"
    "            产出指标 { 数量指标 { \"人数\" ≥ 100 人 分值 60 %s } }\n"
    "            效益指标 { 社会效益指标 { \"效果\" 定性 \"好\" 分值 40 %s } }\n"
    "            满意度指标 { 不适用 }\n"
    "        }\n"
    "    }\n"
    "}\n";

static struct compilation *
compile_project(const char *funds, const char *first, const char *second)
{
    static char text[1024];
    snprintf(text, sizeof text, department, funds, first, second);
    return compile(text);
}

static void
goal_table_has_points_but_no_evaluation(void **state)
{
    (void)state;
    struct compilation *c = compile_project("", "", "");
    const struct ast_node *t = table_named(c, "P");
    assert_null(t->u.decl.evaluation);
    const struct ast_node *people = row_named(t, "人数");
    assert_true(people->u.indicator.points.weight_written);
    assert_false(people->u.indicator.points.computed_known);
    const struct ast_node *ind = ast_field(t, AST_INDICATORS);
    assert_true(ind->u.indicators.points.weight_known);
    assert_false(ind->u.indicators.points.weight_written);
    assert_string_equal(fmt(ind->u.indicators.points.weight), "100");
    compilation_free(c);
}

static void
unscorable_row_leaves_the_total_incomplete(void **state)
{
    (void)state;
    struct compilation *c =
        compile_project(" 调整后 100 执行 100", "实际 120 人",
                        "实际 \"部分达成年度指标并具有一定效果\" 偏差 \"待评\"");
    const struct ast_node *t = table_named(c, "P");
    const struct ast_evaluation *ev = t->u.decl.evaluation;
    assert_non_null(ev);
    assert_true(row_named(t, "效果")->u.indicator.points.incomplete);
    assert_true(row_named(t, "效益指标")->u.category.points.incomplete);
    assert_true(ev->total.incomplete);
    assert_string_equal(fmt(ev->total.computed), "60.00"); /* what is known: 60 */
    assert_int_equal(ev->grade_computed, AST_GRADE_NONE);  /* not guessed */
    /* without 分值 on 资金, budget execution has a rate but no points */
    assert_true(ev->rate_known);
    assert_false(ev->budget.weight_known || ev->budget.computed_known);
    compilation_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(written_scores_sit_beside_computed_ones),
        cmocka_unit_test(actual_values_alone_get_every_score),
        cmocka_unit_test(goal_table_has_points_but_no_evaluation),
        cmocka_unit_test(unscorable_row_leaves_the_total_incomplete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
