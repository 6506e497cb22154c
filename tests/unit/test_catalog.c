/*
 * test_catalog.c - the catalog of units and frameworks, built from the
 * stdlib by a real compilation: exact decimal products, unit conversion
 * (1.5 万人 = 15000 人, 1 平方米 = 0.0015 亩, 1 ‰ = 0.1 %) with overflow
 * reported, category names and aliases per framework, and suggestions for
 * misspelt units and categories.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/catalog.h"
#include "base/decimal.h"
#include "driver.h"
#include "base/suggest.h"

static struct decimal
dec(const char *s)
{
    struct decimal d;
    assert_true(decimal_parse(s, strlen(s), &d));
    return d;
}

static const char *
fmt(struct decimal d)
{
    static char buf[DECIMAL_FORMAT_MAX];
    decimal_format(d, buf, sizeof buf);
    return buf;
}

static const char *
product(const char *a, const char *b)
{
    struct decimal r;
    assert_true(decimal_mul(dec(a), dec(b), &r));
    return fmt(r);
}

/* --- decimal_mul, decimal_is_whole, decimal_normalize ---------------------- */

static void
mul_is_exact_and_normalized(void **state)
{
    (void)state;
    assert_string_equal(product("1.5", "10000"), "15000");
    assert_string_equal(product("1000", "0.0015"), "1.5");
    assert_string_equal(product("0.1", "0.1"), "0.01");
    assert_string_equal(product("2.50", "4.0"), "10");
    struct decimal r;
    assert_true(decimal_mul((struct decimal){-3, 0}, dec("0.5"), &r));
    assert_string_equal(fmt(r), "-1.5");
    assert_string_equal(product("0", "123.456"), "0");
    /* 18 decimals, the most a decimal holds: 5e-18 × 0.2 is exactly 1e-18 */
    assert_string_equal(product("0.000000000000000005", "0.2"), "0.000000000000000001");
}

static void
mul_reports_overflow(void **state)
{
    (void)state;
    struct decimal r = {7, 0};
    /* the coefficient: 9.2e18 does not fit 64 bits */
    assert_false(decimal_mul(dec("999999999999999"), dec("100000000"), &r));
    assert_false(decimal_mul((struct decimal){-999999999999999, 0}, dec("100000000"), &r));
    /* the scale: 1e-10 × 1e-10 needs 20 decimals */
    assert_false(decimal_mul(dec("0.0000000001"), dec("0.0000000001"), &r));
    assert_int_equal(r.coef, 7); /* untouched on failure */
    assert_true(decimal_mul(dec("99999999999"), dec("10000000"), &r));
    assert_string_equal(fmt(r), "999999999990000000");
}

static void
normalize_drops_trailing_zeros_only(void **state)
{
    (void)state;
    struct decimal d = decimal_normalize(dec("1.50"));
    assert_int_equal(d.coef, 15);
    assert_int_equal(d.scale, 1);
    d = decimal_normalize(dec("100.000"));
    assert_int_equal(d.coef, 100);
    assert_int_equal(d.scale, 0);
    d = decimal_normalize(dec("0.000"));
    assert_int_equal(d.coef, 0);
    assert_int_equal(d.scale, 0);
    d = decimal_normalize(dec("1200")); /* zeros before the point stay */
    assert_int_equal(d.coef, 1200);
    assert_int_equal(d.scale, 0);
    d = decimal_normalize((struct decimal){-2500, 3});
    assert_int_equal(d.coef, -25);
    assert_int_equal(d.scale, 1);
}

static const char *
exact_quotient(const char *a, const char *b)
{
    struct decimal r;
    return decimal_div_exact(dec(a), dec(b), &r) ? fmt(r) : NULL;
}

static void
div_exact_or_not_at_all(void **state)
{
    (void)state;
    assert_string_equal(exact_quotient("1", "8"), "0.125");
    assert_string_equal(exact_quotient("3", "0.0015"), "2000");
    assert_string_equal(exact_quotient("2", "10"), "0.2");
    struct decimal r;
    assert_true(decimal_div_exact((struct decimal){-6, 0}, dec("4"), &r));
    assert_string_equal(fmt(r), "-1.5");
    assert_null(exact_quotient("1", "3"));
    assert_null(exact_quotient("1", "0"));
    assert_null(exact_quotient("1", "12"));
}

static void
is_whole_looks_at_the_value(void **state)
{
    (void)state;
    assert_true(decimal_is_whole(dec("15000")));
    assert_true(decimal_is_whole(dec("15000.00")));
    assert_true(decimal_is_whole(dec("0")));
    assert_true(decimal_is_whole((struct decimal){-300, 2}));
    assert_false(decimal_is_whole(dec("120.5")));
    assert_false(decimal_is_whole(dec("0.000000000000000001")));
    assert_false(decimal_is_whole((struct decimal){-301, 2}));
}

/* --- a compiled catalog ------------------------------------------------------ */

/* The stdlib and one user declaration: a unit of a new dimension. */
static const char user_file[] = "量纲 票数 \"votes\" 整数 { 票 万票 10000 }\n"
                                "框架 2020 { 一级 产出指标 { 二级 安全指标 \"safety\" } }\n";

static int
compile_catalog(void **state)
{
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    assert_non_null(c);
    assert_int_equal(driver_run_bytes(c, "catalog.goal", user_file, strlen(user_file)),
                     COMPILE_OK);
    assert_int_equal(c->diags.count, 0);
    assert_non_null(c->catalog);
    *state = c;
    return 0;
}

static int
free_catalog(void **state)
{
    compilation_free(*state);
    return 0;
}

static const struct catalog *
catalog_of(void **state)
{
    return ((struct compilation *)*state)->catalog;
}

/* value in unit, converted to base units, as text; NULL on overflow. */
static const char *
to_base(const struct catalog *cat, const char *value, const char *unit)
{
    const struct unit *u = catalog_unit(cat, unit);
    assert_non_null(u);
    struct decimal out;
    return unit_to_base(u, dec(value), &out) ? fmt(out) : NULL;
}

static void
units_convert_within_a_dimension(void **state)
{
    const struct catalog *cat = catalog_of(state);
    const struct unit *wan = catalog_unit(cat, "万人"), *ren = catalog_unit(cat, "人");
    assert_non_null(wan);
    assert_non_null(ren);
    assert_ptr_equal(wan->dimension, ren->dimension);
    assert_string_equal(wan->dimension->name, "人数");
    assert_string_equal(wan->dimension->base, "人");
    assert_true(wan->dimension->flags & DIM_WHOLE);
    assert_string_equal(to_base(cat, "1.5", "万人"), "15000");
    assert_string_equal(to_base(cat, "15000", "人"), "15000");
    /* 人次 counts something else */
    assert_ptr_not_equal(catalog_unit(cat, "人次")->dimension, ren->dimension);
}

static void
area_is_based_on_the_mu(void **state)
{
    const struct catalog *cat = catalog_of(state);
    const struct unit *m2 = catalog_unit(cat, "平方米");
    assert_non_null(m2);
    assert_string_equal(m2->dimension->base, "亩");
    assert_string_equal(fmt(m2->scale), "0.0015");
    assert_string_equal(to_base(cat, "1", "平方米"), "0.0015");
    assert_string_equal(to_base(cat, "1000", "平方米"), "1.5");
    assert_string_equal(to_base(cat, "2", "公顷"), "30");
    assert_string_equal(to_base(cat, "1", "平方公里"), "1500");
}

static void
per_mille_is_a_tenth_of_a_percent(void **state)
{
    const struct catalog *cat = catalog_of(state);
    const struct unit *permille = catalog_unit(cat, "‰"), *percent = catalog_unit(cat, "%");
    assert_non_null(permille);
    assert_non_null(percent);
    assert_ptr_equal(permille->dimension, percent->dimension);
    assert_true(percent->dimension->flags & DIM_RATIO);
    assert_string_equal(to_base(cat, "1", "‰"), "0.1");
    assert_string_equal(to_base(cat, "1", "%"), "1");
    assert_string_equal(to_base(cat, "12", "/100000"), "0.012");
    assert_string_equal(to_base(cat, "12", "/10万"), "0.012");
}

/* value in unit a as a value in unit b, exactly; both of one dimension. */
static const char *
convert(const struct catalog *cat, const char *value, const char *a, const char *b)
{
    const struct unit *ua = catalog_unit(cat, a), *ub = catalog_unit(cat, b);
    assert_non_null(ua);
    assert_non_null(ub);
    assert_ptr_equal(ua->dimension, ub->dimension);
    struct decimal base, out;
    assert_true(unit_to_base(ua, dec(value), &base));
    return decimal_div_exact(base, ub->scale, &out) ? fmt(out) : NULL;
}

static void
quotients_derive_with_exact_scales(void **state)
{
    const struct catalog *cat = catalog_of(state);
    /* declared quotients name their dimension, derived ones join it */
    const struct unit *yuan = catalog_unit(cat, "元/人"), *qian = catalog_unit(cat, "千元/人");
    assert_non_null(qian);
    assert_ptr_equal(qian->dimension, yuan->dimension);
    assert_string_equal(qian->dimension->name, "人均金额");
    assert_string_equal(convert(cat, "0.2", "万元/人", "元/人"), "2000");
    assert_string_equal(convert(cat, "3", "千元/人", "万元/人"), "0.3");
    /* months and years: 12 次/年 = 1 次/月, 6000 元/人·年 = 500 元/人·月 */
    assert_string_equal(convert(cat, "12", "次/年", "次/月"), "1");
    assert_string_equal(convert(cat, "1", "次/月", "个/年"), "12");
    assert_string_equal(convert(cat, "6000", "元/人·年", "元/人·月"), "500");
    assert_string_equal(convert(cat, "6000", "元/人*年", "元/人/月"), "500");
    assert_ptr_equal(catalog_unit(cat, "元/人·年")->dimension, catalog_unit(cat, "元/人·月")->dimension);
    /* area: 1 元/亩 = 0.0015 元/平方米, so 3 元/平方米 = 2000 元/亩 */
    assert_string_equal(convert(cat, "1", "元/亩", "元/平方米"), "0.0015");
    assert_string_equal(convert(cat, "3", "元/平方米", "元/亩"), "2000");
    /* km/h names 长度/时长 through 公里/小时 */
    assert_string_equal(convert(cat, "60", "km/h", "公里/小时"), "60");
    assert_string_equal(convert(cat, "60", "公里/小时", "米/分钟"), "1000");
    assert_null(convert(cat, "1", "公里/小时", "米/分钟")); /* 16.66…: no exact decimal */
    /* a quotient nobody named is called after its dimensions */
    const struct unit *py = catalog_unit(cat, "人/年");
    assert_non_null(py);
    assert_string_equal(py->dimension->name, "人数/月数");
    assert_string_equal(py->dimension->english, "persons/months");
    assert_ptr_equal(catalog_unit(cat, "万人/季度")->dimension, py->dimension);
    assert_ptr_not_equal(catalog_unit(cat, "人次/年")->dimension, py->dimension);
    assert_string_equal(convert(cat, "1", "万人/季度", "人/年"), "40000");
    /* what is no quotient unit */
    struct quotient q;
    catalog_quotient(cat, "元/狗", &q);
    assert_int_equal(q.status, QUOTIENT_UNKNOWN);
    assert_string_equal(q.atom, "狗");
    assert_int_equal(q.atom_offset, strlen("元/"));
    catalog_quotient(cat, "元/万元", &q);
    assert_int_equal(q.status, QUOTIENT_CANCELS);
    catalog_quotient(cat, "/万", &q);
    assert_int_equal(q.status, QUOTIENT_NONE);
    catalog_quotient(cat, "元//人", &q);
    assert_int_equal(q.status, QUOTIENT_NONE);
    catalog_quotient(cat, "元/人·", &q);
    assert_int_equal(q.status, QUOTIENT_NONE);
    assert_null(catalog_unit(cat, "元/狗"));
    assert_null(catalog_unit(cat, "元/"));
}

static void
conversion_overflow_is_false(void **state)
{
    const struct catalog *cat = catalog_of(state);
    assert_null(to_base(cat, "999999999999999", "亿元"));         /* too large */
    assert_null(to_base(cat, "0.0000000000000001", "平方米")); /* too precise */
    assert_string_equal(to_base(cat, "9999999999", "亿元"), "999999999900000000");
}

static void
user_declarations_join_the_stdlib(void **state)
{
    const struct catalog *cat = catalog_of(state);
    const struct unit *u = catalog_unit(cat, "万票");
    assert_non_null(u);
    assert_string_equal(u->dimension->name, "票数");
    assert_string_equal(u->dimension->english, "votes");
    assert_true(u->dimension->flags & DIM_WHOLE);
    assert_string_equal(to_base(cat, "1.2", "万票"), "12000");
    assert_null(catalog_unit(cat, "立方英尺"));
    assert_null(catalog_unit(cat, ""));
    const struct framework *fw = catalog_framework(cat, "2020");
    const struct category *safety = framework_category(fw, "安全指标");
    assert_non_null(safety);
    assert_int_equal(safety->level, 2);
    assert_string_equal(safety->parent->name, "产出指标");
    assert_ptr_equal(framework_category(fw, "safety"), safety);
    assert_null(framework_category(catalog_framework(cat, "2021"), "安全指标"));
}

static void
categories_resolve_by_alias_per_framework(void **state)
{
    const struct catalog *cat = catalog_of(state);
    const struct framework *f2013 = catalog_framework(cat, "2013");
    const struct framework *f2020 = catalog_framework(cat, "2020");
    const struct framework *f2021 = catalog_framework(cat, "2021");
    assert_non_null(f2013);
    assert_non_null(f2020);
    assert_non_null(f2021);
    assert_null(catalog_framework(cat, "2022"));

    const struct category *output = framework_category(f2020, "产出");
    assert_non_null(output);
    assert_string_equal(output->name, "产出指标");
    assert_int_equal(output->level, 1);
    assert_null(output->parent);
    assert_ptr_equal(framework_category(f2020, "产出指标"), output);
    assert_ptr_equal(framework_category(f2020, "项目完成指标"), output);
    assert_ptr_equal(framework_category(f2020, "output"), output);

    const struct category *quantity = framework_category(f2020, "数量");
    assert_non_null(quantity);
    assert_string_equal(quantity->name, "数量指标");
    assert_int_equal(quantity->level, 2);
    assert_ptr_equal(quantity->parent, output);
    /* a level-2 category has the kinds of its level-1 too */
    unsigned kinds = category_kinds(quantity);
    assert_true(kinds & CAT_QUANTITY);
    assert_true(kinds & CAT_MEASURABLE);
    assert_false(kinds & CAT_COST);

    /* 经济成本指标 only in 2021, where 成本 is a level-1 category */
    assert_null(framework_category(f2020, "经济成本指标"));
    assert_null(framework_category(f2013, "经济成本指标"));
    const struct category *economic = framework_category(f2021, "经济成本指标");
    assert_non_null(economic);
    assert_int_equal(economic->level, 2);
    assert_string_equal(economic->parent->name, "成本指标");
    assert_int_equal(framework_category(f2021, "成本")->level, 1);
    assert_int_equal(framework_category(f2020, "成本")->level, 2);

    /* 2013: satisfaction is a level-2 category under 效益 */
    const struct category *sat2013 = framework_category(f2013, "满意度");
    assert_non_null(sat2013);
    assert_int_equal(sat2013->level, 2);
    assert_string_equal(sat2013->parent->name, "效益指标");
    assert_int_equal(framework_category(f2020, "满意度")->level, 1);

    /* required level-1 categories, in declaration order */
    assert_int_equal(f2020->level1_count, 3);
    assert_string_equal(f2021->level1[0]->name, "成本指标");
    for (size_t i = 0; i < f2020->level1_count; i++)
        assert_true(f2020->level1[i]->flags & CAT_REQUIRED);
}

static void
suggestions_for_misspelt_units_and_categories(void **state)
{
    const struct catalog *cat = catalog_of(state);
    size_t count;
    const char **units = catalog_unit_names(cat, &count);
    assert_true(count > 100);
    assert_string_equal(suggest_closest("平方来", units, count), "平方米");
    assert_string_equal(suggest_closest("万立方来", units, count), "万立方米");
    assert_string_equal(suggest_closest("元/人.月", units, count), "元/人·月");
    assert_null(suggest_closest("立方英尺", units, count));
    /* Ties no longer go to whatever was declared first (公顷, 元/亩, 百分比, 周):
       a homophone wins, and a plain change of a short word suggests nothing. */
    assert_string_equal(suggest_closest("公理", units, count), "公里");
    assert_null(suggest_closest("元/册", units, count));
    assert_null(suggest_closest("百分点", units, count));
    assert_null(suggest_closest("周岁", units, count));

    const struct framework *fw = catalog_framework(cat, "2020");
    const struct category *output = framework_category(fw, "产出指标");
    const char **level2 = framework_names(fw, 2, output, &count);
    assert_string_equal(suggest_closest("数据指标", level2, count), "数量指标");
    assert_string_equal(suggest_closest("时限指标", level2, count), "时效指标");
    const char **level1 = framework_names(fw, 1, NULL, &count);
    assert_string_equal(suggest_closest("满意指标", level1, count), "满意度指标");
    assert_string_equal(suggest_closest("效果指标", level1, count), "效益指标");
    assert_null(suggest_closest("安全管理", level1, count));
}

int
main(void)
{
    const struct CMUnitTest decimals[] = {
        cmocka_unit_test(mul_is_exact_and_normalized),
        cmocka_unit_test(mul_reports_overflow),
        cmocka_unit_test(normalize_drops_trailing_zeros_only),
        cmocka_unit_test(is_whole_looks_at_the_value),
        cmocka_unit_test(div_exact_or_not_at_all),
    };
    const struct CMUnitTest catalog[] = {
        cmocka_unit_test(units_convert_within_a_dimension),
        cmocka_unit_test(area_is_based_on_the_mu),
        cmocka_unit_test(per_mille_is_a_tenth_of_a_percent),
        cmocka_unit_test(quotients_derive_with_exact_scales),
        cmocka_unit_test(conversion_overflow_is_false),
        cmocka_unit_test(user_declarations_join_the_stdlib),
        cmocka_unit_test(categories_resolve_by_alias_per_framework),
        cmocka_unit_test(suggestions_for_misspelt_units_and_categories),
    };
    int failed = cmocka_run_group_tests_name("decimal", decimals, NULL, NULL);
    return failed + cmocka_run_group_tests_name("catalog", catalog, compile_catalog, free_catalog);
}
