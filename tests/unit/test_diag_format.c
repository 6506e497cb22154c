/*
 * test_diag_format.c - diagnostics as JSON Lines and SARIF: positions in
 * characters with exclusive ends, notes, paths that are not valid UTF-8,
 * brackets in SARIF messages, and the percent-encoding of URIs.
 * tests/run-diagformat.sh checks the command and validates SARIF against
 * its schema; this checks the module on compilations held in memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag/diag_format.h"
#include "driver.h"
#include "base/escape.h"

enum render { JSON, SARIF };

/* The diagnostics of compiling text (named name), rendered; the test frees the buffer. */
static char *
render(const char *name, const char *text, enum render how, enum diag_lang lang)
{
    struct compilation *c = compilation_new(lang);
    assert_non_null(c);
    driver_run_bytes(c, name, text, strlen(text));
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    assert_non_null(out);
    if (how == JSON)
        diag_render_json(&c->diags, out);
    else
        assert_true(diag_render_sarif(&c->diags, out, "9.9"));
    fclose(out);
    compilation_free(c);
    return buf;
}

static void
assert_contains(const char *haystack, const char *needle)
{
    if (strstr(haystack, needle) == NULL)
        fail_msg("\"%s\" not in:\n%s", needle, haystack);
}

static const char funds_mismatch[] = "部门 \"局\" {\n"
                                     "    资金 万元 100.00 {\n"
                                     "        按 收入性质 { 一般公共预算 60  其他资金 40.01 }\n"
                                     "    }\n"
                                     "}\n";

static void
json_positions_count_characters(void **state)
{
    (void)state;
    char *out = render("t.goal", funds_mismatch, JSON, DIAG_LANG_EN);
    /* One line per diagnostic, its note inside it. */
    assert_int_equal(strchr(out, '\n') - out + 1, (long)strlen(out));
    assert_contains(out, "{\"code\": \"E0201\", \"name\": \"funds-mismatch\", "
                         "\"severity\": \"error\", \"message\": \"");
    /* 按 is the 9th character of line 3 and byte 50; the partition ends after "}",
       the 40th character and byte 111 (exclusive ends: column 41, offset 112). */
    assert_contains(out, "\"file\": \"t.goal\", \"line\": 3, \"column\": 9, \"end_line\": 3, "
                         "\"end_column\": 41, \"offset\": 50, \"end_offset\": 112");
    assert_contains(out, "\"notes\": [{\"code\": \"N0905\", \"name\": \"total-here\", "
                         "\"severity\": \"note\"");
    assert_contains(out, "\"line\": 2, \"column\": 5, \"end_line\": 4, \"end_column\": 6");
    free(out);
}

static void
json_message_in_chinese(void **state)
{
    (void)state;
    char *out = render("t.goal", funds_mismatch, JSON, DIAG_LANG_ZH);
    assert_contains(
        out, "\"message\": \"按 收入性质 各项 合计为 100.01，但总额为 100.00（相差 0.01）\"");
    free(out);
}

/* A table with every field the form asks for (W0509) and nothing else to warn about. */
#define CLEAN_TABLE                                                                                \
    "部门 \"局\" { 年度 2024  资金 100  目标 \"培训\"  指标 { 产出指标 { 数量指标 { \"人数\" ≥ 5 人 } }" \
    "  效益指标 { 不适用 }  满意度指标 { 不适用 } } }\n"

static void
json_nothing_for_clean_input(void **state)
{
    (void)state;
    char *out = render("t.goal", CLEAN_TABLE, JSON, DIAG_LANG_EN);
    assert_string_equal(out, "");
    free(out);
}

static void
json_path_not_utf8_becomes_replacement(void **state)
{
    (void)state;
    char *out = render("a\xff\"b.goal", "部门 \"x\" { 年度 @ }\n", JSON, DIAG_LANG_EN);
    assert_contains(out, "\"file\": \"a\xEF\xBF\xBD\\\"b.goal\", \"line\": 1, \"column\": 13");
    free(out);
}

static void
sarif_one_log_with_rules_and_related_locations(void **state)
{
    (void)state;
    char *out = render("dir one/表.goal", funds_mismatch, SARIF, DIAG_LANG_EN);
    assert_contains(out, "\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\"");
    assert_contains(out, "\"version\": \"9.9\"");
    assert_contains(out, "{\"id\": \"E0201\", \"name\": \"funds-mismatch\", \"shortDescription\": "
                         "{\"text\": \"… add up to …, but the total is … (off by …)\"}}");
    assert_contains(out, "\"columnKind\": \"unicodeCodePoints\"");
    assert_contains(out, "\"uri\": \"dir%20one/%E8%A1%A8.goal\"");
    assert_contains(out, "\"region\": {\"startLine\": 3, \"startColumn\": 9, \"endLine\": 3, "
                         "\"endColumn\": 41}");
    assert_contains(out, "\"relatedLocations\": [{\"id\": 1, \"physicalLocation\"");
    free(out);
}

static void
sarif_empty_log(void **state)
{
    (void)state;
    char *out = render("t.goal", CLEAN_TABLE, SARIF, DIAG_LANG_EN);
    assert_contains(out, "\"rules\": []");
    assert_contains(out, "\"results\": []");
    free(out);
}

static void
sarif_brackets_cannot_make_links(void **state)
{
    (void)state;
    char *out =
        render("/abs/t.goal", "项目 \"p\" {\n    部门 \"[x](https://example.com)\\\\]\"\n}\n",
               SARIF, DIAG_LANG_EN);
    /* \[x\](...)\\\] in the message text, each backslash doubled by JSON. */
    assert_contains(out, "部门 \\\"\\\\[x\\\\](https://example.com)\\\\\\\\\\\\]\\\"");
    assert_contains(out, "\"uri\": \"file:///abs/t.goal\"");
    free(out);
}

static void
sarif_several_sinks_in_one_log(void **state)
{
    (void)state;
    struct diag_sarif *log = diag_sarif_new();
    assert_non_null(log);
    const char *texts[] = {"部门 \"x\" { 年度 @ }\n", CLEAN_TABLE, funds_mismatch};
    for (size_t i = 0; i < 3; i++) {
        struct compilation *c = compilation_new(DIAG_LANG_EN);
        assert_non_null(c);
        char name[16];
        snprintf(name, sizeof name, "f%zu.goal", i);
        driver_run_bytes(c, name, texts[i], strlen(texts[i]));
        diag_sarif_add(log, &c->diags);
        compilation_free(c);
    }
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    assert_non_null(out);
    assert_true(diag_sarif_write(log, out, "1"));
    fclose(out);
    diag_sarif_free(log);
    const char *first = strstr(buf, "\"uri\": \"f0.goal\"");
    const char *last = strstr(buf, "\"uri\": \"f2.goal\"");
    assert_non_null(first);
    assert_non_null(last);
    assert_true(first < last);
    assert_null(strstr(buf, "f1.goal"));
    assert_null(strstr(strstr(buf, "\"results\"") + 1, "\"results\"")); /* one run */
    free(buf);
}

static char *
uri(const char *s)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    assert_non_null(out);
    escape_uri_path(out, s, strlen(s));
    fclose(out);
    return buf;
}

static void
uri_percent_encodes_all_but_unreserved(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"tables/health-2024_v1.~goal", "tables/health-2024_v1.~goal"},
        {"a b%c", "a%20b%25c"},
        {"c:x?y#z[1]", "c%3Ax%3Fy%23z%5B1%5D"},
        {"卫生.goal", "%E5%8D%AB%E7%94%9F.goal"},
        {"<stdin>", "%3Cstdin%3E"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = uri(cases[i][0]);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
}

static void
format_names(void **state)
{
    (void)state;
    enum diag_format f = DIAG_FORMAT_TEXT;
    assert_true(diag_format_from_name("sarif", &f));
    assert_int_equal(f, DIAG_FORMAT_SARIF);
    assert_true(diag_format_from_name("json", &f));
    assert_int_equal(f, DIAG_FORMAT_JSON);
    assert_true(diag_format_from_name("text", &f));
    assert_int_equal(f, DIAG_FORMAT_TEXT);
    assert_false(diag_format_from_name("SARIF", &f));
    assert_false(diag_format_from_name("", &f));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_positions_count_characters),
        cmocka_unit_test(json_message_in_chinese),
        cmocka_unit_test(json_nothing_for_clean_input),
        cmocka_unit_test(json_path_not_utf8_becomes_replacement),
        cmocka_unit_test(sarif_one_log_with_rules_and_related_locations),
        cmocka_unit_test(sarif_empty_log),
        cmocka_unit_test(sarif_brackets_cannot_make_links),
        cmocka_unit_test(sarif_several_sinks_in_one_log),
        cmocka_unit_test(uri_percent_encodes_all_but_unreserved),
        cmocka_unit_test(format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
