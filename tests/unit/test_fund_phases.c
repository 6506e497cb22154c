/*
 * test_fund_phases.c - what sema_funds leaves in fund.phases for the back
 * ends: the phases of a 资金 in canonical order on every node, whatever
 * order the source writes them in; written, computed and blank (counted as
 * 0 in sums, but not known) amounts; a phase written on the total only kept
 * as written; and a table without phases has none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/decimal.h"
#include "driver.h"
#include "model/ast.h"
#include "model/compilation.h"
#include "model/model.h"

static struct compilation *
compile(const char *text)
{
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_non_null(c);
    assert_int_equal(driver_run_bytes(c, "t.goal", text, strlen(text)), COMPILE_OK);
    return c;
}

/* The 资金 of the first table of the file. */
static const struct ast_node *
funds_of(const struct compilation *c)
{
    for (const struct ast_node *d = c->root->u.file.items.first; d != NULL; d = d->next)
        if (d->kind == AST_DEPARTMENT || d->kind == AST_PROJECT)
            for (const struct ast_node *n = d->u.decl.body.first; n != NULL; n = n->next)
                if (n->kind == AST_FUNDS)
                    return n;
    fail_msg("no 资金");
    return NULL;
}

/* The n-th FUND_LINE of a list (of a total's items, or of a partition's lines). */
static const struct ast_node *
line(const struct ast_list *list, int n)
{
    for (const struct ast_node *l = list->first; l != NULL; l = l->next)
        if (l->kind == AST_FUND_LINE && n-- == 0)
            return l;
    fail_msg("no such line");
    return NULL;
}

static const struct ast_list *
partition(const struct ast_node *total)
{
    for (const struct ast_node *p = total->u.fund.items.first; p != NULL; p = p->next)
        if (p->kind == AST_PARTITION)
            return &p->u.partition.lines;
    fail_msg("no partition");
    return NULL;
}

static void
is_amount(const struct ast_phase_total *p, const char *want, bool written, bool computed)
{
    assert_non_null(p);
    assert_true(p->known);
    char buf[DECIMAL_FORMAT_MAX];
    decimal_format(p->total, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(p->written, written);
    assert_int_equal(p->computed, computed);
}

static void
phases_in_canonical_order_on_every_node(void **state)
{
    (void)state;
    struct compilation *c = compile("部门 \"局\" {\n"
                                    "  资金 万元 100 决算 2023 90 执行 95 {\n"
                                    "    a 60 决算 2022 10 调整后 70\n"
                                    "    b 40 实施期 300\n"
                                    "  }\n"
                                    "}\n");
    const struct ast_node *f = funds_of(c);
    const struct ast_node *a = line(&f->u.fund.items, 0);
    static const enum ast_phase order[] = {AST_PHASE_ADJUSTED, AST_PHASE_EXECUTED, AST_PHASE_PERIOD,
                                           AST_PHASE_FINAL, AST_PHASE_FINAL};
    static const int years[] = {0, 0, 0, 2022, 2023};
    for (const struct ast_node *n = f; n != NULL; n = n == f ? a : NULL) {
        assert_int_equal(n->u.fund.phase_count, 5);
        for (int i = 0; i < 5; i++) {
            assert_int_equal(n->u.fund.phases[i].phase, order[i]);
            if (order[i] == AST_PHASE_FINAL)
                assert_int_equal(n->u.fund.phases[i].year, years[i]);
        }
    }
    /* 调整后: computed on the total from a (70) and b (blank: 0) */
    is_amount(model_fund_phase(f, AST_PHASE_ADJUSTED, 0), "70", false, true);
    is_amount(model_fund_phase(a, AST_PHASE_ADJUSTED, 0), "70", true, false);
    const struct ast_phase_total *blank =
        model_fund_phase(line(&f->u.fund.items, 1), AST_PHASE_ADJUSTED, 0);
    assert_non_null(blank);
    assert_false(blank->known);
    assert_false(blank->written);
    /* 执行 and 决算 2023 on the total only: kept as written, not computed */
    is_amount(model_fund_phase(f, AST_PHASE_EXECUTED, 0), "95", true, false);
    is_amount(model_fund_phase(f, AST_PHASE_FINAL, 2023), "90", true, false);
    is_amount(model_fund_phase(f, AST_PHASE_FINAL, 2022), "10", false, true);
    assert_false(model_fund_phase(a, AST_PHASE_EXECUTED, 0)->known);
    assert_null(model_fund_phase(f, AST_PHASE_FINAL, 2021));
    compilation_free(c);
}

static void
blank_plain_amount_counts_zero_but_stays_unknown(void **state)
{
    (void)state;
    struct compilation *c =
        compile("部门 \"局\" {\n"
                "  资金 万元 { 按 资金来源 { 本级 300 调整后 300  追加 调整后 20 } }\n"
                "}\n");
    const struct ast_node *f = funds_of(c);
    const struct ast_node *added = line(partition(f), 1);
    assert_false(added->u.fund.total_known);
    assert_true(f->u.fund.total_known);
    assert_true(f->u.fund.computed);
    char buf[DECIMAL_FORMAT_MAX];
    model_amount(f, buf);
    assert_string_equal(buf, "300");
    is_amount(model_fund_phase(f, AST_PHASE_ADJUSTED, 0), "320", false, true);
    is_amount(model_fund_phase(added, AST_PHASE_ADJUSTED, 0), "20", true, false);
    compilation_free(c);
}

static void
no_phases_no_array(void **state)
{
    (void)state;
    struct compilation *c = compile("部门 \"局\" { 资金 万元 100 { a 60  b 40 } }\n");
    const struct ast_node *f = funds_of(c);
    assert_int_equal(f->u.fund.phase_count, 0);
    assert_int_equal(line(&f->u.fund.items, 0)->u.fund.phase_count, 0);
    assert_null(model_fund_phase(f, AST_PHASE_EXECUTED, 0));
    compilation_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(phases_in_canonical_order_on_every_node),
        cmocka_unit_test(blank_plain_amount_counts_zero_but_stays_unknown),
        cmocka_unit_test(no_phases_no_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
