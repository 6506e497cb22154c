/*
 * test_escape.c - the escaping rules of every output format: HTML text and
 * attributes, CSV fields with formula neutralisation, Markdown in a block
 * and inline, JSON strings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/escape.h"

enum kind { HTML, HTML_ATTR, HTML_CELL, CSV, MD_BLOCK, MD_INLINE, JSON };

/* The escaped form of s, in a buffer the test frees. */
static char *
esc(enum kind k, const char *s)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    assert_non_null(out);
    size_t len = strlen(s);
    struct escape_span span = {s, len};
    switch (k) {
    case HTML:
        escape_html(out, s, len);
        break;
    case HTML_ATTR:
        escape_html_attr(out, s, len);
        break;
    case HTML_CELL:
        escape_html_cell(out, s, len);
        break;
    case CSV:
        escape_csv(out, &span, 1);
        break;
    case MD_BLOCK:
        escape_markdown(out, s, len, ESCAPE_MD_BLOCK);
        break;
    case MD_INLINE:
        escape_markdown(out, s, len, ESCAPE_MD_INLINE);
        break;
    case JSON:
        escape_json(out, s, len);
        break;
    }
    fclose(out);
    return buf;
}

#define assert_escapes(kind, in, want)                                                             \
    do {                                                                                           \
        char *got_ = esc(kind, in);                                                                \
        assert_string_equal(got_, want);                                                           \
        free(got_);                                                                                \
    } while (0)

static void
html_text_and_attributes(void **state)
{
    (void)state;
    assert_escapes(HTML, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    assert_escapes(HTML, "a & b \"q\" 'x'", "a &amp; b \"q\" 'x'");
    assert_escapes(HTML_ATTR, "a & b \"q\" 'x' <", "a &amp; b &quot;q&quot; &#39;x&#39; &lt;");
    assert_escapes(HTML, "沅江市卫生健康局 ≥548000人", "沅江市卫生健康局 ≥548000人");
    assert_escapes(HTML, "", "");
    /* In a table cell a line break is kept as <br>, whichever way it was written. */
    assert_escapes(HTML_CELL, "a\nb\r\nc\rd <e>", "a<br>b<br>c<br>d &lt;e&gt;");
    assert_escapes(HTML_CELL, "a\x01\tb", "a\xEF\xBF\xBD\tb");
}

static void
html_never_carries_forbidden_characters(void **state)
{
    (void)state;
    assert_escapes(HTML, "a\r\nb\rc\nd\te", "a\nb\nc\nd\te");
    assert_escapes(HTML, "a\x01" "b\x7f" "c", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
    assert_escapes(HTML, "\xC2\x85", "\xEF\xBF\xBD");          /* U+0085, a C1 control */
    assert_escapes(HTML, "\xEF\xBF\xBE", "\xEF\xBF\xBD");      /* U+FFFE */
    assert_escapes(HTML, "\xEF\xB7\x90", "\xEF\xBF\xBD");      /* U+FDD0 */
    assert_escapes(HTML, "\xF0\x9F\xBF\xBF", "\xEF\xBF\xBD");  /* U+1FFFF */
    assert_escapes(HTML, "\xC2\xA0\xE2\x80\xA8", "\xC2\xA0\xE2\x80\xA8"); /* allowed */
}

/* Either side of each range the escapers let through without decoding (escape.c). */
static void
html_characters_at_the_edges(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool allowed;
    } cases[] = {
        {"\xC2\x9F", false}, {"\xC2\xA0", true},     {"\xDF\xBF", true},     /* U+009F U+00A0 U+07FF */
        {"\xE0\xA0\x80", true}, {"\xED\x9F\xBF", true}, {"\xEE\x80\x80", true}, /* U+0800 U+D7FF U+E000 */
        {"\xEF\xB7\x8F", true}, {"\xEF\xB7\x90", false}, {"\xEF\xB7\xAF", false}, /* U+FDCF-FDEF */
        {"\xEF\xB7\xB0", true}, {"\xEF\xBF\xBD", true}, {"\xEF\xBF\xBE", false}, /* U+FDF0 U+FFFD-E */
        {"\xEF\xBF\xBF", false}, {"\xF0\x90\x80\x80", true}, {"\xF4\x8F\xBF\xBF", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char in[16], want[32];
        snprintf(in, sizeof in, "a%sb", cases[i].in);
        snprintf(want, sizeof want, "a%sb", cases[i].allowed ? cases[i].in : "\xEF\xBF\xBD");
        assert_escapes(HTML, in, want);
        assert_escapes(MD_INLINE, in, want);
    }
    /* Broken UTF-8 is never copied (it cannot reach a back end: source.c rejects it). */
    assert_escapes(HTML, "\xE4\xB8", "\xEF\xBF\xBD");
    assert_escapes(HTML, "\xE4" "a", "\xEF\xBF\xBD" "a");
}

static void
csv_quotes_only_where_needed(void **state)
{
    (void)state;
    assert_escapes(CSV, "plain 文本", "plain 文本");
    assert_escapes(CSV, "63008.58", "63008.58");
    assert_escapes(CSV, "", "");
    assert_escapes(CSV, "a,b", "\"a,b\"");
    assert_escapes(CSV, "say \"hi\"", "\"say \"\"hi\"\"\"");
    assert_escapes(CSV, "two\nlines", "\"two\nlines\"");
    assert_escapes(CSV, "cr\rinside", "\"cr\rinside\"");
}

static void
csv_neutralises_formulas(void **state)
{
    (void)state;
    assert_escapes(CSV, "=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"");
    assert_escapes(CSV, "+1", "\"'+1\"");
    assert_escapes(CSV, "-1+1", "\"'-1+1\"");
    assert_escapes(CSV, "@SUM(A1)", "\"'@SUM(A1)\"");
    assert_escapes(CSV, "\tx", "\"'\tx\"");
    assert_escapes(CSV, "\rx", "\"'\rx\"");
    assert_escapes(CSV, "=\"x\"", "\"'=\"\"x\"\"\"");
    assert_escapes(CSV, "a=b", "a=b"); /* only at the start */
    assert_true(escape_csv_is_formula("=", 1));
    assert_false(escape_csv_is_formula("'=", 2));
    assert_false(escape_csv_is_formula("", 0));
}

static void
csv_field_from_spans(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    struct escape_span spans[] = {{"≥", strlen("≥")}, {"548000", 6}, {"人", strlen("人")}};
    escape_csv(out, spans, 3);
    putc('|', out);
    struct escape_span hostile[] = {{"", 0}, {"=a", 2}, {",\"", 2}};
    escape_csv(out, hostile, 3);
    fclose(out);
    assert_string_equal(buf, "≥548000人|\"'=a,\"\"\"");
    free(buf);
}

/* The columns of csv_columns: name, text pairs, NULL-terminated. */
static bool
nth_pair(void *ctx, size_t i, struct escape_span *name, struct escape_span *text)
{
    const char *const *pairs = ctx;
    for (size_t k = 0; k < i; k++)
        if (pairs[2 * k] == NULL)
            return false;
    if (pairs[2 * i] == NULL)
        return false;
    *name = (struct escape_span){pairs[2 * i], strlen(pairs[2 * i])};
    *text = (struct escape_span){pairs[2 * i + 1], strlen(pairs[2 * i + 1])};
    return true;
}

static char *
columns_cell(const char *const *pairs)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    assert_non_null(out);
    escape_csv_columns(out, nth_pair, (void *)pairs);
    fclose(out);
    return buf;
}

/* 栏 in one CSV cell: NAME: TEXT a line; \ line breaks (and : in a name) escaped; RFC 4180. */
static void
csv_columns(void **state)
{
    (void)state;
    static const char *const none[] = {NULL};
    static const char *const one[] = {"评分标准", "每少10人扣1分", NULL};
    static const char *const two[] = {"a", "x, \"y\"", "b", "1\n2\\3", NULL};
    static const char *const colon[] = {"a:b", "c: d", NULL};
    static const char *const formula[] = {"=x", "y", NULL};
    const char *const *cases[] = {none, one, two, colon, formula};
    const char *want[] = {
        "",
        "评分标准: 每少10人扣1分",
        "\"a: x, \"\"y\"\"\nb: 1\\n2\\\\3\"",
        "a\\:b: c: d",
        "\"'=x: y\"",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = columns_cell(cases[i]);
        assert_string_equal(got, want[i]);
        free(got);
    }
}

static void
markdown_inline(void **state)
{
    (void)state;
    assert_escapes(MD_INLINE, "a | b", "a \\| b");
    assert_escapes(MD_INLINE, "*em* _u_ `c` [l](x) ~~s~~ $m$ @me & #1",
                   "\\*em\\* \\_u\\_ \\`c\\` \\[l\\](x) \\~\\~s\\~\\~ \\$m\\$ \\@me \\& \\#1");
    assert_escapes(MD_INLINE, "<script>", "\\<script\\>");
    assert_escapes(MD_INLINE, "back\\slash", "back\\\\slash");
    assert_escapes(MD_INLINE, "two\nlines\r\nthree", "two<br>lines<br>three");
    /* Not at the start of a line: block markers and numbers stay as they are. */
    assert_escapes(MD_INLINE, "1. x - y + z = 2024.6.13", "1. x - y + z = 2024.6.13");
}

static void
markdown_block(void **state)
{
    (void)state;
    assert_escapes(MD_BLOCK, "# h\n1. a\n2) b\n- c\n+ d\n= e\n> f",
                   "\\# h\\\n1\\. a\\\n2\\) b\\\n\\- c\\\n\\+ d\\\n\\= e\\\n\\> f");
    assert_escapes(MD_BLOCK, "    code?\n\tno", "code?\\\nno");
    assert_escapes(MD_BLOCK, "para\n\nnext", "para\n\nnext");
    assert_escapes(MD_BLOCK, "para\n   \nnext", "para\n\nnext");
    assert_escapes(MD_BLOCK, "12345 yuan.", "12345 yuan.");
    assert_escapes(MD_BLOCK, "（一）贯彻执行", "（一）贯彻执行");
    assert_escapes(MD_BLOCK, "bad\x01", "bad\xEF\xBF\xBD");
}

static void
json_strings(void **state)
{
    (void)state;
    assert_escapes(JSON, "a\"b\\c\n\x01", "\"a\\\"b\\\\c\\n\\u0001\"");
    assert_escapes(JSON, "\xE2\x80\xA8", "\"\\u2028\"");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_text_and_attributes),
        cmocka_unit_test(html_never_carries_forbidden_characters),
        cmocka_unit_test(html_characters_at_the_edges),
        cmocka_unit_test(csv_quotes_only_where_needed),
        cmocka_unit_test(csv_neutralises_formulas),
        cmocka_unit_test(csv_field_from_spans),
        cmocka_unit_test(csv_columns),
        cmocka_unit_test(markdown_inline),
        cmocka_unit_test(markdown_block),
        cmocka_unit_test(json_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
