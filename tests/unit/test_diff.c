/*
 * test_diff.c - the comparison of diff.c: the word diff (LCS over code
 * points, ASCII words whole, the work cap), percentages rounded half away
 * from zero in integer arithmetic, money in different units, target
 * classes on small in-memory tables, which names are similar enough
 * for a rename, and the self-evaluation's values compared as written or,
 * when neither side writes one, as computed.
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
#include "model/ast.h"
#include "review/diff.h"
#include "driver.h"

/* The segments as "=same-removed+added" joined by '|'. */
static const char *
show(struct diff_text t)
{
    static char buf[4096];
    size_t at = 0;
    for (size_t i = 0; i < t.count; i++) {
        char op = t.seg[i].op == DIFF_SAME ? '=' : t.seg[i].op == DIFF_REMOVED ? '-' : '+';
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%c%.*s", i ? "|" : "", op,
                               (int)t.seg[i].len, t.seg[i].text);
    }
    buf[at] = '\0';
    return buf;
}

static const char *
words(struct arena *a, const char *x, const char *y)
{
    return show(diff_words(a, x, strlen(x), y, strlen(y)));
}

static void
word_diff_over_characters(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    assert_string_equal(words(a, "逐年下降", "逐年明显下降"), "=逐年|+明显|=下降");
    assert_string_equal(words(a, "全市医疗机构基本配置", "全市医疗机构全部配置"),
                        "=全市医疗机构|-基本|+全部|=配置");
    assert_string_equal(words(a, "abc", "abc"), "=abc");
    /* ASCII words are whole: "fund" is not half of "funds" */
    assert_string_equal(words(a, "the fund is", "the funds is"), "=the |-fund|+funds|= is");
    assert_string_equal(words(a, "", "新"), "+新");
    assert_string_equal(words(a, "旧", ""), "-旧");
    /* an LCS inside the changed middle */
    assert_string_equal(words(a, "甲乙丙丁", "乙丁戊"), "-甲|=乙|-丙|=丁|+戊");
    arena_destroy(a);
}

static void
word_diff_caps_the_work(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    size_t n = 3000; /* 3000 × 3000 cells is over the cap */
    char *x = malloc(n * 3 + 1), *y = malloc(n * 3 + 1);
    for (size_t i = 0; i < n; i++) {
        memcpy(x + 3 * i, i % 2 ? "甲" : "乙", 3);
        memcpy(y + 3 * i, i % 3 ? "甲" : "丙", 3);
    }
    x[3 * n] = y[3 * n] = '\0';
    struct diff_text t = diff_words(a, x, 3 * n, y, 3 * n);
    /* after the common prefix and suffix, removed whole then added whole */
    size_t removed = 0, added = 0;
    for (size_t i = 0; i < t.count; i++) {
        removed += t.seg[i].op == DIFF_REMOVED;
        added += t.seg[i].op == DIFF_ADDED;
    }
    assert_int_equal(removed, 1);
    assert_int_equal(added, 1);
    free(x);
    free(y);
    arena_destroy(a);
}

static struct compilation *
compile(const char *text)
{
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_non_null(c);
    assert_int_equal(driver_run_bytes(c, "t.goal", text, strlen(text)), COMPILE_OK);
    return c;
}

/* A department with the given 资金 and one 数量 target. */
static char *
table(const char *funds, const char *target)
{
    static char buf[2][1024];
    static int which;
    which = !which;
    snprintf(buf[which], sizeof buf[which],
             "部门 \"局\" {\n 年度 2024\n %s\n 指标 {\n 产出指标 { 数量指标 { \"x\" %s } }\n"
             " 效益指标 { 社会效益指标 { \"y\" 定性 \"好\" } }\n"
             " 满意度指标 { 服务对象满意度指标 { \"z\" ≥ 90%% } }\n }\n}\n",
             funds, target);
    return buf[which];
}

static struct diff *
compare(const char *old_text, const char *new_text)
{
    struct compilation *o = compile(old_text), *n = compile(new_text);
    struct diff *d = diff_compare(o, n);
    assert_non_null(d);
    compilation_free(o);
    compilation_free(n);
    return d;
}

static void
percent_rounds_half_away_from_zero(void **state)
{
    (void)state;
    static const struct {
        const char *old_amount, *new_amount, *difference, *percent;
    } cases[] = {
        {"3", "1", "-2", "-66.67"},
        {"8", "9", "+1", "+12.50"},
        {"200", "200.01", "+0.01", "+0.01"}, /* 0.005% */
        {"200", "199.99", "-0.01", "-0.01"},
        {"17131.22", "17081.22", "-50.00", "-0.29"},
        {"0", "5", "+5", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char of[64], nf[64];
        snprintf(of, sizeof of, "资金 %s", cases[i].old_amount);
        snprintf(nf, sizeof nf, "资金 %s", cases[i].new_amount);
        const char *ot = table(of, "≥ 1 人");
        struct diff *d = compare(ot, table(nf, "≥ 1 人"));
        assert_int_equal(d->table_count, 1);
        assert_true(d->tables[0].funds_changed);
        assert_string_equal(d->tables[0].total.difference, cases[i].difference);
        if (cases[i].percent == NULL)
            assert_null(d->tables[0].total.percent);
        else
            assert_string_equal(d->tables[0].total.percent, cases[i].percent);
        diff_free(d);
    }
}

static void
money_in_other_units_is_converted(void **state)
{
    (void)state;
    const char *ot = table("资金 万元 1.5", "≥ 1 人");
    struct diff *d = compare(ot, table("资金 元 15000", "≥ 1 人"));
    assert_int_equal(d->change_count, 0);
    diff_free(d);
    ot = table("资金 万元 1.5", "≥ 1 人");
    d = compare(ot, table("资金 元 15001", "≥ 1 人"));
    assert_int_equal(d->change_count, 1);
    assert_string_equal(d->tables[0].total.unit, "元");
    assert_string_equal(d->tables[0].total.difference, "+1");
    diff_free(d);
}

static enum diff_class
target_class(const char *old_target, const char *new_target, size_t *count)
{
    const char *ot = table("资金 1", old_target);
    struct diff *d = compare(ot, table("资金 1", new_target));
    *count = d->change_count;
    enum diff_class cls = d->table_count > 0 && d->tables[0].target_count > 0
                              ? d->tables[0].targets[0].cls
                              : DIFF_SHIFTED;
    diff_free(d);
    return cls;
}

static void
targets_are_classified(void **state)
{
    (void)state;
    static const struct {
        const char *old_target, *new_target;
        int cls; /* -1: no change */
    } cases[] = {
        {"≥ 548000 人", "≥ 500000 人", DIFF_LOOSENED},
        {"≥ 548000 人", ">= 54.8 万人", -1},
        {"1.5 万人", "15000 人", -1},
        {"≥ 10 人", "> 10 人", DIFF_TIGHTENED},
        {"≤ 10 人", "≤ 8 人", DIFF_TIGHTENED},
        {"10 人以下", "≤ 12 人", DIFF_LOOSENED},
        {"5..10 人", "6..10 人", DIFF_TIGHTENED},
        {"5..10 人", "6..11 人", DIFF_SHIFTED},
        {"10 人", "12 人", DIFF_SHIFTED},
        {"≥ 10 人", "10 人", DIFF_TIGHTENED},
        {"≥ 10 人", "≥ 10 人次", DIFF_CHANGED_UNIT},
        {"≥ 10 人", "定性 \"多\"", DIFF_CHANGED_KIND},
        {"定性 \"多\"", "定性 \"更多\"", DIFF_REWORDED},
        {"2024年12月31日前", "2024年11月30日前", DIFF_TIGHTENED},
        {"2024年12月前", "2024年12月31日前", -1},
        {"2024年12月31日前", "≥ 10 人", DIFF_CHANGED_KIND},
        /* a unit put on a bare number, or taken off it */
        {"≥ 90", "≥ 90%", DIFF_CHANGED_UNIT},
        {"1200 户", "1200", DIFF_CHANGED_UNIT},
        {"90..95%", "90%..95%", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t count;
        enum diff_class cls = target_class(cases[i].old_target, cases[i].new_target, &count);
        if (cases[i].cls < 0) {
            assert_int_equal(count, 0);
        } else {
            assert_int_equal(count, 1);
            assert_int_equal(cls, cases[i].cls);
        }
    }
}

/* A rename's names: at most a third of the longer name's characters edited. */
static void
similar_names_for_renames(void **state)
{
    (void)state;
    assert_true(diff_similar_names("中医药适宜技术推广率", "中医药适宜技术推广比例")); /* 2 of 11 */
    assert_true(diff_similar_names("宣传册印制数", "宣传册印制份数"));                 /* 1 of 7 */
    assert_true(diff_similar_names("abc", "abd"));                                       /* 1 of 3 */
    assert_false(diff_similar_names("培训人数", "参训学员数")); /* 3 of 5 */
    assert_false(diff_similar_names("ab", "ac"));               /* 1 of 2 */
    assert_false(diff_similar_names("人数", "人数"));           /* the same name is no rename */
}

/* The indicator "x" of table()'s department: 指标 / 产出指标 / 数量指标 / x. */
static struct ast_node *
indicator_x(struct compilation *c)
{
    struct ast_node *dep = c->root->u.file.items.first;
    struct ast_node *ind = NULL;
    for (struct ast_node *n = dep->u.decl.body.first; n != NULL; n = n->next)
        if (n->kind == AST_INDICATORS)
            ind = n;
    assert_non_null(ind);
    struct ast_node *output = ind->u.indicators.categories.first;
    return output->u.category.items.first->u.category.items.first;
}

/*
 * Scores as sema_score sets them (set here by hand, so the test holds
 * whatever the scoring rules give): a score neither side writes is
 * compared as computed, one that either side writes as written.
 */
static void
scores_written_or_computed(void **state)
{
    (void)state;
    struct compilation *o = compile(table("资金 10", "≥ 2 人 分值 10 实际 2 人"));
    struct compilation *n = compile(table("资金 10", "≥ 2 人 分值 10 实际 1 人"));
    struct ast_evaluation oe = {0}, ne = {0};
    struct ast_node *od = o->root->u.file.items.first, *nd = n->root->u.file.items.first;
    od->u.decl.evaluation = &oe;
    nd->u.decl.evaluation = &ne;
    oe.total = (struct ast_points){.weight = {10, 0}, .weight_known = true,
                                   .computed = {1000, 2}, .computed_known = true};
    ne.total = (struct ast_points){.weight = {10, 0}, .weight_known = true,
                                   .computed = {500, 2}, .computed_known = true};
    oe.grade_computed = AST_GRADE_EXCELLENT;
    ne.grade_computed = AST_GRADE_POOR;
    indicator_x(o)->u.indicator.points = oe.total;
    indicator_x(n)->u.indicator.points = ne.total;
    struct diff *d = diff_compare(o, n);
    assert_non_null(d);
    assert_int_equal(d->table_count, 1);
    const struct diff_table *t = &d->tables[0];
    static const struct {
        enum diff_eval_kind kind;
        enum diff_eval_owner owner;
        const char *old_value, *new_value;
    } want[] = {
        {DIFF_EVAL_ACTUAL, DIFF_OWNER_INDICATOR, "2人", "1人"},
        {DIFF_EVAL_SCORE, DIFF_OWNER_INDICATOR, "10.00", "5.00"},
        {DIFF_EVAL_SCORE, DIFF_OWNER_TABLE, "10.00", "5.00"}, /* 总分 10 on both: no change */
        {DIFF_EVAL_GRADE, DIFF_OWNER_TABLE, "优", "差"},
    };
    assert_int_equal(t->eval_count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < t->eval_count; i++) {
        assert_int_equal(t->evals[i].kind, want[i].kind);
        assert_int_equal(t->evals[i].owner, want[i].owner);
        assert_string_equal(t->evals[i].old_value, want[i].old_value);
        assert_string_equal(t->evals[i].new_value, want[i].new_value);
        assert_int_equal(t->evals[i].computed, i > 0);
    }
    diff_free(d);
    compilation_free(o);
    compilation_free(n);

    /* Written on one side: the written value against nothing, not against the computed one. */
    o = compile(table("资金 10", "≥ 2 人 分值 10 实际 1 人 得分 5"));
    n = compile(table("资金 10", "≥ 2 人 分值 10 实际 1 人"));
    indicator_x(n)->u.indicator.points = ne.total;
    d = diff_compare(o, n);
    assert_int_equal(d->table_count, 1);
    assert_int_equal(d->tables[0].eval_count, 1);
    const struct diff_eval *x = &d->tables[0].evals[0];
    assert_int_equal(x->status, DIFF_STATUS_REMOVED);
    assert_string_equal(x->old_value, "5");
    assert_null(x->new_value);
    assert_false(x->computed);
    diff_free(d);
    compilation_free(o);
    compilation_free(n);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(word_diff_over_characters),
        cmocka_unit_test(word_diff_caps_the_work),
        cmocka_unit_test(percent_rounds_half_away_from_zero),
        cmocka_unit_test(money_in_other_units_is_converted),
        cmocka_unit_test(targets_are_classified),
        cmocka_unit_test(similar_names_for_renames),
        cmocka_unit_test(scores_written_or_computed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
