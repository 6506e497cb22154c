/*
 * test_parser.c - the tree the parser builds, error recovery, and the
 * driver's handling of includes and allocation failure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>

#include <cmocka.h>

#include "base/arena.h"
#include "model/ast.h"
#include "diag/diag.h"
#include "driver.h"
#include "base/source.h"

/* Appended to test inputs: a framework whose only requirement is 产出, so
   that a test table need not carry a whole indicator table. */
#define SMALL_FRAMEWORK                                                                            \
    "\n框架 t\n框架 t { 一级 产出 必备 { 二级 数量 } 一级 效益 { 二级 生态效益 } }\n"

static struct compilation *
compile(const char *text, enum compile_status expect)
{
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_non_null(c);
    enum compile_status st = driver_run_bytes(c, "t.goal", text, strlen(text));
    if (st != expect)
        diag_render(&c->diags, stderr, &(struct diag_render_options){false});
    assert_int_equal(st, expect);
    return c;
}

static const struct ast_node *
nth(const struct ast_list *list, size_t n)
{
    const struct ast_node *x = list->first;
    while (n-- > 0 && x != NULL)
        x = x->next;
    assert_non_null(x);
    return x;
}

static void
department_with_funds_partitions_and_project(void **state)
{
    (void)state;
    struct compilation *c = compile("部门 \"局\" {\n"
                                    "  年度 2024\n"
                                    "  填报单位 \"（盖章）\"\n"
                                    "  资金 万元 100 {\n"
                                    "    按 收入性质 { 一般公共预算 60  其他资金 40 }\n"
                                    "    其中 { 上级资金 16 }\n"
                                    "  }\n"
                                    "  项目 \"P\" {\n"
                                    "    实施期 1 年\n"
                                    "    资金 { 本级 600  上级 { 中央 4193.9  省 1048.48 } }\n"
                                    "  }\n"
                                    "}\n",
                                    COMPILE_OK);
    const struct ast_node *dept = nth(&c->root->u.file.items, 0);
    assert_int_equal(dept->kind, AST_DEPARTMENT);
    assert_string_equal(dept->u.decl.name.text, "局");
    assert_int_equal(dept->u.decl.body.count, 4);
    assert_int_equal(nth(&dept->u.decl.body, 0)->kind, AST_YEAR);
    const struct ast_node *attr = nth(&dept->u.decl.body, 1);
    assert_int_equal(attr->kind, AST_ATTRIBUTE);
    assert_string_equal(attr->u.attribute.name.text, "填报单位");
    assert_string_equal(attr->u.attribute.value.text, "（盖章）");
    const struct ast_node *funds = nth(&dept->u.decl.body, 2);
    assert_int_equal(funds->kind, AST_FUNDS);
    assert_string_equal(funds->u.fund.unit.text, "万元");
    assert_string_equal(funds->u.fund.amount.digits, "100");
    const struct ast_node *part = nth(&funds->u.fund.items, 0);
    assert_int_equal(part->kind, AST_PARTITION);
    assert_string_equal(part->u.partition.name.text, "收入性质");
    assert_int_equal(part->u.partition.lines.count, 2);
    assert_string_equal(nth(&part->u.partition.lines, 1)->u.fund.name.text, "其他资金");
    assert_int_equal(nth(&funds->u.fund.items, 1)->kind, AST_OF_WHICH);
    const struct ast_node *proj = nth(&dept->u.decl.body, 3);
    assert_int_equal(proj->kind, AST_PROJECT);
    const struct ast_node *period = nth(&proj->u.decl.body, 0);
    assert_int_equal(period->kind, AST_PERIOD);
    assert_string_equal(period->u.period.value->u.target.value.unit.text, "年");
    const struct ast_node *pf = nth(&proj->u.decl.body, 1);
    assert_null(pf->u.fund.unit.text); /* default money unit is the back ends' business */
    assert_null(pf->u.fund.amount.digits);
    const struct ast_node *upper = nth(&pf->u.fund.items, 1);
    assert_string_equal(upper->u.fund.name.text, "上级");
    assert_int_equal(upper->u.fund.items.count, 2);
    /* 省 follows an amount on the same line: it is still the next line's name */
    assert_string_equal(nth(&upper->u.fund.items, 1)->u.fund.name.text, "省");
    assert_string_equal(nth(&upper->u.fund.items, 1)->u.fund.amount.digits, "1048.48");
    compilation_free(c);
}

static const struct ast_node *
only_target(struct compilation *c)
{
    const struct ast_node *dept = nth(&c->root->u.file.items, 0);
    const struct ast_node *ind = nth(&dept->u.decl.body, 0);
    const struct ast_node *l1 = nth(&ind->u.indicators.categories, 0);
    const struct ast_node *l2 = nth(&l1->u.category.items, 0);
    return nth(&l2->u.category.items, 0);
}

static struct compilation *
compile_target(const char *target)
{
    char text[512];
    snprintf(text, sizeof text, "部门 d { 指标 { 产出 { 数量 {\n\"x\" %s\n} } } }" SMALL_FRAMEWORK,
             target);
    return compile(text, COMPILE_OK);
}

static void
typed_targets(void **state)
{
    (void)state;
    struct compilation *c = compile_target("≧548000人");
    const struct ast_node *t = only_target(c)->u.indicator.target;
    assert_int_equal(t->u.target.kind, AST_TARGET_COMPARISON);
    assert_int_equal(t->u.target.cmp, AST_CMP_GE);
    assert_string_equal(t->u.target.value.value.digits, "548000");
    assert_string_equal(t->u.target.value.unit.text, "人");
    compilation_free(c);

    c = compile_target("100%");
    t = only_target(c)->u.indicator.target;
    assert_int_equal(t->u.target.cmp, AST_CMP_EQ);
    assert_int_equal(t->u.target.cmp_form, AST_CMP_FORM_NONE);
    compilation_free(c);

    c = compile_target("95%以上");
    t = only_target(c)->u.indicator.target;
    assert_int_equal(t->u.target.cmp, AST_CMP_GE);
    assert_int_equal(t->u.target.cmp_form, AST_CMP_FORM_SUFFIX);
    compilation_free(c);

    c = compile_target("90% .. 95%");
    t = only_target(c)->u.indicator.target;
    assert_int_equal(t->u.target.kind, AST_TARGET_RANGE);
    assert_string_equal(t->u.target.high.value.digits, "95");
    compilation_free(c);

    /* A date without a year is in the table's 年度 (E0160 without one). */
    c = compile("部门 d { 指标 { 产出 { 数量 {\n\"x\" 12月底前\n} } } 年度 2024 }" SMALL_FRAMEWORK,
                COMPILE_OK);
    t = only_target(c)->u.indicator.target;
    assert_int_equal(t->u.target.kind, AST_TARGET_DEADLINE);
    assert_int_equal(t->u.target.cmp, AST_CMP_LE);
    assert_true(t->u.target.date.end_of_month);
    assert_int_equal(t->u.target.date.year, 0);
    assert_int_equal(t->u.target.date.year_in_effect, 2024);
    compilation_free(c);
    c = compile("部门 d { 指标 { 产出 { 数量 {\n\"x\" 12月底前\n} } } }" SMALL_FRAMEWORK,
                COMPILE_ERRORS);
    compilation_free(c);

    /* 10月前: a month without a year before 前 is a deadline, in the table's 年度. */
    c = compile("部门 d { 指标 { 产出 { 数量 {\n\"x\" 10月前\n} } } 年度 2024 }" SMALL_FRAMEWORK,
                COMPILE_OK);
    t = only_target(c)->u.indicator.target;
    assert_int_equal(t->u.target.kind, AST_TARGET_DEADLINE);
    assert_int_equal(t->u.target.date.month, 10);
    assert_int_equal(t->u.target.date.day, 0);
    assert_int_equal(t->u.target.date.year_in_effect, 2024);
    compilation_free(c);

    /* Month periods as forms write them: whole months, first day to last. */
    static const char *const month_periods[] = {"2024.02-2024.12", "202402-202412",
                                                "2024年2月-2024年12月", "2024年2月-12月",
                                                "2024.02 ~ 2024.12", "202402至202412"};
    for (size_t i = 0; i < sizeof month_periods / sizeof month_periods[0]; i++) {
        c = compile_target(month_periods[i]);
        t = only_target(c)->u.indicator.target;
        assert_int_equal(t->u.target.kind, AST_TARGET_PERIOD);
        assert_int_equal(t->u.target.date.year, 2024);
        assert_int_equal(t->u.target.date.month, 2);
        assert_int_equal(t->u.target.date.day, 1);
        assert_int_equal(t->u.target.date_to.year, 2024);
        assert_int_equal(t->u.target.date_to.month, 12);
        assert_int_equal(t->u.target.date_to.day, 31);
        assert_true(t->u.target.date.month_period && t->u.target.date_to.month_period);
        compilation_free(c);
    }

    c = compile_target("\xEF\xB9\xA6 5 人"); /* ﹦ (U+FE66) */
    t = only_target(c)->u.indicator.target;
    assert_int_equal(t->u.target.kind, AST_TARGET_COMPARISON);
    assert_int_equal(t->u.target.cmp, AST_CMP_EQ);
    compilation_free(c);

    c = compile_target("2023-07 至 2024-01");
    t = only_target(c)->u.indicator.target;
    assert_int_equal(t->u.target.kind, AST_TARGET_PERIOD);
    assert_int_equal(t->u.target.date_to.year, 2024);
    compilation_free(c);

    c = compile_target("定性 \"不断提高\" 标准 \"计划标准\" 分值 10 备注 \"n\" 项目 \"人才培训经费\"");
    const struct ast_node *ind = only_target(c);
    assert_int_equal(ind->u.indicator.target->u.target.kind, AST_TARGET_QUALITATIVE);
    assert_true(ind->u.indicator.target->u.target.qualitative_keyword);
    assert_int_equal(ind->u.indicator.modifiers.count, 4);
    assert_int_equal(nth(&ind->u.indicator.modifiers, 0)->u.modifier.kind, AST_MOD_STANDARD);
    assert_int_equal(nth(&ind->u.indicator.modifiers, 3)->u.modifier.kind, AST_MOD_ITEM);
    assert_string_equal(nth(&ind->u.indicator.modifiers, 3)->u.modifier.text.text, "人才培训经费");
    compilation_free(c);
}

static void
not_applicable_category(void **state)
{
    (void)state;
    struct compilation *c = compile("部门 d { 指标 { 产出 { 不适用 } 效益 { 生态效益 { 不适用 } } } }" SMALL_FRAMEWORK,
                                    COMPILE_OK);
    const struct ast_node *dept = nth(&c->root->u.file.items, 0);
    const struct ast_node *l1 = nth(&nth(&dept->u.decl.body, 0)->u.indicators.categories, 1);
    const struct ast_node *l2 = nth(&l1->u.category.items, 0);
    assert_int_equal(l2->u.category.level, 2);
    assert_int_equal(nth(&l2->u.category.items, 0)->kind, AST_NOT_APPLICABLE);
    compilation_free(c);
}

static void
position(struct compilation *c, size_t i, unsigned *line, unsigned *col)
{
    const struct diagnostic *d = c->diags.items[i];
    source_position(d->loc.src, d->loc.start, line, col);
}

/* Two mistakes on different lines: both reported, each once, nothing else. */
static void
recovers_and_reports_each_error(void **state)
{
    (void)state;
    struct compilation *c = compile("部门 d {\n"
                                    "  指标 { 产出 { 数量 {\n"
                                    "    \"a\" ≥ ≥ 5 人\n"
                                    "    \"b\" ≥ 5 人\n"
                                    "    \"c\" 标准\n"
                                    "  } } }\n"
                                    "}\n",
                                    COMPILE_ERRORS);
    assert_int_equal(c->diags.count, 2);
    unsigned line, col;
    position(c, 0, &line, &col);
    assert_int_equal(line, 3);
    assert_int_equal(col, 11);
    /* "c" 标准 starts a row without a target (标准 is a modifier): what is
       missing is 标准's target, at the "}" below it. */
    position(c, 1, &line, &col);
    assert_int_equal(line, 6);
    assert_int_equal(col, 3);
    assert_int_equal(c->diags.items[0]->id, DIAG_SYNTAX_ERROR);
    assert_non_null(strstr(c->diags.items[0]->message, "unexpected \"≥\""));
    compilation_free(c);
}

static void
deep_nesting_has_its_own_message(void **state)
{
    (void)state;
    size_t depth = 100000;
    char *text = malloc(depth * 4 + 16);
    assert_non_null(text);
    size_t n = (size_t)sprintf(text, "部门 d { 资金 {");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(text + n, "a{");
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_int_equal(driver_run_bytes(c, "t", text, n), COMPILE_ERRORS);
    assert_int_equal(c->diags.count, 1);
    assert_int_equal(c->diags.items[0]->id, DIAG_NESTING_TOO_DEEP);
    compilation_free(c);
    free(text);
}

static void
error_flood_is_capped(void **state)
{
    (void)state;
    char text[4096];
    size_t n = 0;
    for (int i = 0; i < 100; i++)
        n += (size_t)sprintf(text + n, "@\n");
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_int_equal(driver_run_bytes(c, "t", text, n), COMPILE_ERRORS);
    assert_true(c->diags.count <= 21);
    assert_int_equal(c->diags.items[c->diags.count - 1]->id, DIAG_TOO_MANY_ERRORS);
    compilation_free(c);
}

/* Every allocation of a compilation may fail: each gives COMPILE_OOM, none crashes or leaks. */
static void
allocation_failure_unwinds_cleanly(void **state)
{
    (void)state;
    const char *text = "部门 d { 年度 2024 资金 万元 1 { a 1 } 指标 { 产出 { 数量 { \"x\" ≥ 1 人 } } } }"
        SMALL_FRAMEWORK;
    unsigned long reached = 0;
    for (unsigned long n = 1; n < 100000; n++) {
        struct compilation *c = compilation_new(DIAG_LANG_EN);
        assert_non_null(c);
        arena_fail_after(c->arena, n);
        enum compile_status st = driver_run_bytes(c, "t", text, strlen(text));
        compilation_free(c);
        if (st == COMPILE_OK) {
            reached = n;
            break;
        }
        assert_int_equal(st, COMPILE_OOM);
    }
    /* Each allocation failed once (about 1200 with the stdlib's), and each was survived. */
    assert_true(reached > 100);
}

static void
includes_and_cycles(void **state)
{
    (void)state;
    char dir[] = "/tmp/goalc-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char a[256], b[256];
    snprintf(a, sizeof a, "%s/a.goal", dir);
    snprintf(b, sizeof b, "%s/b.goal", dir);
    FILE *f = fopen(a, "w");
    fputs("引用 \"b.goal\"\n部门 A { 年度 2024 }\n", f);
    fclose(f);
    f = fopen(b, "w");
    fputs("项目 P { 部门 A }\n", f);
    fclose(f);
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_int_equal(driver_run(c, a), COMPILE_OK);
    const struct ast_node *inc = nth(&c->root->u.file.items, 0);
    assert_int_equal(inc->kind, AST_INCLUDE);
    assert_non_null(inc->u.include.file);
    assert_int_equal(nth(&inc->u.include.file->u.file.items, 0)->kind, AST_PROJECT);
    compilation_free(c);

    f = fopen(b, "w");
    fputs("引用 \"a.goal\"\n", f);
    fclose(f);
    c = compilation_new(DIAG_LANG_EN);
    assert_int_equal(driver_run(c, a), COMPILE_ERRORS);
    assert_int_equal(c->diags.count, 1);
    assert_int_equal(c->diags.items[0]->id, DIAG_INCLUDE_CYCLE);
    assert_non_null(c->diags.items[0]->notes); /* the chain */
    compilation_free(c);

    f = fopen(b, "w");
    fputs("引用 \"missing.goal\"\n", f);
    fclose(f);
    c = compilation_new(DIAG_LANG_EN);
    assert_int_equal(driver_run(c, a), COMPILE_ERRORS);
    assert_int_equal(c->diags.items[0]->id, DIAG_IO_ERROR);
    compilation_free(c);
    unlink(a);
    unlink(b);
    rmdir(dir);
}

/* No global state: compilations on two threads at once give what one thread gives. */
struct job {
    const char *text;
    size_t diagnostics;
    enum compile_status status;
    size_t items;
};

static void *
run_job(void *arg)
{
    struct job *j = arg;
    for (int round = 0; round < 200; round++) {
        struct compilation *c = compilation_new(DIAG_LANG_EN);
        j->status = driver_run_bytes(c, "t", j->text, strlen(j->text));
        j->diagnostics = c->diags.count;
        j->items = c->root ? c->root->u.file.items.count : 0;
        compilation_free(c);
    }
    return NULL;
}

static void
compilations_run_in_parallel(void **state)
{
    (void)state;
    /* Whole tables: a field the form asks for left out is a warning (W0509). */
#define WHOLE_TABLE(name)                                                                          \
    "部门 " name " { 年度 2024  资金 1  目标 \"x\"  指标 { 产出指标 { 数量指标 { \"n\" 1 人 } }"   \
    "  效益指标 { 不适用 }  满意度指标 { 不适用 } } }\n"
    struct job good = {WHOLE_TABLE("a") WHOLE_TABLE("b"), 0, COMPILE_ERRORS, 0};
#undef WHOLE_TABLE
    struct job bad = {"部门 a { 年度 @ }\n部门 b { 目标 x }", 0, COMPILE_OK, 0};
    pthread_t t1, t2;
    assert_int_equal(pthread_create(&t1, NULL, run_job, &good), 0);
    assert_int_equal(pthread_create(&t2, NULL, run_job, &bad), 0);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    assert_int_equal(good.status, COMPILE_OK);
    assert_int_equal(good.items, 2);
    assert_int_equal(good.diagnostics, 0);
    assert_int_equal(bad.status, COMPILE_ERRORS);
    assert_int_equal(bad.diagnostics, 2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(department_with_funds_partitions_and_project),
        cmocka_unit_test(typed_targets),
        cmocka_unit_test(not_applicable_category),
        cmocka_unit_test(recovers_and_reports_each_error),
        cmocka_unit_test(deep_nesting_has_its_own_message),
        cmocka_unit_test(error_flood_is_capped),
        cmocka_unit_test(allocation_failure_unwinds_cleanly),
        cmocka_unit_test(includes_and_cycles),
        cmocka_unit_test(compilations_run_in_parallel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
