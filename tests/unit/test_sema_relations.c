/*
 * test_sema_relations.c - what sema_relations computes, exactly: unit
 * cost = total ÷ count across 万元 and 元, price × count = funds (1000 元/人
 * × 63 人 = 6.3 万元), months and years, rates, rounding at max(decimals
 * written, 2), and 占比 at the decimals written.
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

static const char source[] =
    "部门 \"局\" {\n"
    "    年度 2024\n"
    "    资金 万元 6.3 { 培训费 6.3 { 授课 5.04 占比 80%  教材 1.26 占比 20.0% } }\n"
    "    指标 { 产出 {\n"
    "        数量 {\n"
    "            \"培训人数\" = 63 人\n"
    "            \"人均\" ≤ 1000 元/人 计算 资金 培训费 ÷ \"培训人数\"\n"
    "            \"总额\" = 6.3 万元 计算 1000 元/人 × 63 人\n"
    "            \"月均\" ≥ 5.25 人/月 计算 \"培训人数\" ÷ 1 年\n"
    "            \"三分之一\" = 0.3333 计算 1 ÷ 3\n"
    "            \"占比\" = 80% 计算 资金 培训费 授课 ÷ 资金 培训费\n"
    "        }\n"
    "    } 效益 { 不适用 } 满意度 { 不适用 } }\n"
    "}\n";

static int
compile(void **state)
{
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_non_null(c);
    enum compile_status st = driver_run_bytes(c, "r.goal", source, strlen(source));
    *state = c;
    return st == COMPILE_OK ? 0 : -1;
}

static int
release(void **state)
{
    compilation_free(*state);
    return 0;
}

static const struct ast_node *
indicator(const struct compilation *c, const char *name)
{
    const struct ast_node *table = c->root->u.file.items.first;
    const struct ast_node *ind = ast_field(table, AST_INDICATORS);
    for (const struct ast_node *l1 = ind->u.indicators.categories.first; l1; l1 = l1->next)
        for (const struct ast_node *l2 = l1->u.category.items.first; l2; l2 = l2->next)
            for (const struct ast_node *i = l2->kind == AST_CATEGORY ? l2->u.category.items.first : NULL; i;
                 i = i->next)
                if (i->kind == AST_INDICATOR && strcmp(i->u.indicator.name.text, name) == 0)
                    return i;
    fail_msg("no indicator %s", name);
    return NULL;
}

/* The value computed for name's 计算, as text. */
static const char *
computed(void **state, const char *name, bool *matches)
{
    static char buf[DECIMAL_FORMAT_MAX];
    const struct ast_node *m = model_modifier(indicator(*state, name), AST_MOD_COMPUTE);
    assert_non_null(m);
    const struct ast_relation *r = m->u.modifier.target->u.expr.relation;
    assert_non_null(r);
    assert_true(r->known);
    *matches = r->matches;
    decimal_format(r->value, buf, sizeof buf);
    return buf;
}

static void
compute_is_exact_with_units(void **state)
{
    bool ok;
    assert_string_equal(computed(state, "人均", &ok), "1000.00");
    assert_true(ok);
    assert_string_equal(computed(state, "总额", &ok), "6.30");
    assert_true(ok);
    assert_string_equal(computed(state, "月均", &ok), "5.25");
    assert_true(ok);
    /* four decimals written: compared at four */
    assert_string_equal(computed(state, "三分之一", &ok), "0.3333");
    assert_true(ok);
    /* a rate is a plain number in hundredths */
    assert_string_equal(computed(state, "占比", &ok), "80.00");
    assert_true(ok);
}

static void
share_at_the_decimals_written(void **state)
{
    const struct ast_node *funds = ast_field(((struct compilation *)*state)->root->u.file.items.first,
                                             AST_FUNDS);
    const struct ast_node *line = funds->u.fund.items.first->u.fund.items.first;
    const struct ast_node *m = model_fund_mod(line, AST_FUNDMOD_SHARE);
    assert_non_null(m);
    char buf[DECIMAL_FORMAT_MAX];
    decimal_format(m->u.fund_mod.relation->value, buf, sizeof buf);
    assert_string_equal(buf, "80");
    assert_true(m->u.fund_mod.relation->matches);
    m = model_fund_mod(line->next, AST_FUNDMOD_SHARE);
    decimal_format(m->u.fund_mod.relation->value, buf, sizeof buf);
    assert_string_equal(buf, "20.0");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compute_is_exact_with_units),
        cmocka_unit_test(share_at_the_decimals_written),
    };
    return cmocka_run_group_tests_name("relations", tests, compile, release);
}
