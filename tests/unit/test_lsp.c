/*
 * test_lsp.c - goalc lsp's pieces below the server: the message reader's
 * framing on good and bad input (lsp_io), positions in UTF-16 against byte
 * offsets and edits of the document store (lsp_docs), file: URIs, and the
 * JSON wrapper's tolerant readers (lsp_json), and the stdlib parsed once
 * per server (driver_stdlib) giving the diagnostics a fresh parse gives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "driver.h"
#include "lsp/lsp_analysis.h"
#include "lsp/lsp_docs.h"
#include "lsp/lsp_io.h"
#include "lsp/lsp_json.h"

struct feed {
    const char *s;
    size_t len, pos, chunk;
};

static long long
feed_read(void *ctx, char *buf, size_t n)
{
    struct feed *f = ctx;
    size_t k = f->len - f->pos;
    if (k > n)
        k = n;
    if (k > f->chunk)
        k = f->chunk;
    memcpy(buf, f->s + f->pos, k);
    f->pos += k;
    return (long long)k;
}

static void
reader_frames_and_recovers(void **state)
{
    (void)state;
    static const char input[] = "Content-Length: 2\r\n\r\n{}"
                                "Content-Length: x\r\n\r\n"
                                "Other: 1\r\n\r\n"
                                "content-length:  3 \n\n[1]"
                                "Content-Type: utf-8\r\nContent-Length: 4\r\n\r\ntrue"
                                "Content-Length: 10\r\n\r\nshort";
    for (size_t chunk = 1; chunk <= 64; chunk *= 4) {
        struct feed f = {input, sizeof input - 1, 0, chunk};
        struct lsp_reader r;
        lsp_reader_init(&r, feed_read, &f);
        char *body;
        size_t len;
        enum lsp_bad_reason why;
        assert_int_equal(lsp_read_message(&r, &body, &len, &why), LSP_READ_MESSAGE);
        assert_string_equal(body, "{}");
        free(body);
        assert_int_equal(lsp_read_message(&r, &body, &len, &why), LSP_READ_BAD);
        assert_int_equal(why, LSP_BAD_LENGTH);
        assert_int_equal(lsp_read_message(&r, &body, &len, &why), LSP_READ_BAD);
        assert_int_equal(why, LSP_BAD_NO_LENGTH);
        assert_int_equal(lsp_read_message(&r, &body, &len, &why), LSP_READ_MESSAGE);
        assert_string_equal(body, "[1]");
        free(body);
        assert_int_equal(lsp_read_message(&r, &body, &len, &why), LSP_READ_MESSAGE);
        assert_int_equal(len, 4);
        assert_string_equal(body, "true");
        free(body);
        /* A body cut short by the end of input: the end. */
        assert_int_equal(lsp_read_message(&r, &body, &len, &why), LSP_READ_EOF);
        lsp_reader_free(&r);
    }
}

static void
reader_skips_long_headers(void **state)
{
    (void)state;
    size_t n = LSP_MAX_HEADER * 2;
    char *input = malloc(n + 64);
    memset(input, 'a', n);
    strcpy(input + n, "\r\n\r\nContent-Length: 1\r\n\r\n7");
    struct feed f = {input, strlen(input), 0, 4096};
    struct lsp_reader r;
    lsp_reader_init(&r, feed_read, &f);
    char *body;
    size_t len;
    enum lsp_bad_reason why;
    assert_int_equal(lsp_read_message(&r, &body, &len, &why), LSP_READ_BAD);
    assert_int_equal(why, LSP_BAD_HEADER_SIZE);
    assert_int_equal(lsp_read_message(&r, &body, &len, &why), LSP_READ_MESSAGE);
    assert_string_equal(body, "7");
    free(body);
    lsp_reader_free(&r);
    free(input);
}

/* A header block over LSP_MAX_HEADER is refused however its bytes arrive
   (read at once, it used to be parsed), and so is a Content-Length of any
   number of digits over LSP_MAX_BODY (past 10 digits it read as no number). */
static void
reader_judges_the_same_in_any_chunks(void **state)
{
    (void)state;
    size_t n = LSP_MAX_HEADER + 100;
    char *input = malloc(n + 200);
    strcpy(input, "Content-Length: 1\r\n");
    size_t at = strlen(input);
    memset(input + at, 'a', n - at);
    strcpy(input + n, "\r\n\r\nContent-Length: 99999999999999999999999\r\n\r\n{}");
    static const size_t chunks[] = {1, 64, 4096, (size_t)1 << 20};
    for (size_t k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
        struct feed f = {input, strlen(input), 0, chunks[k]};
        struct lsp_reader r;
        lsp_reader_init(&r, feed_read, &f);
        char *body;
        size_t len;
        enum lsp_bad_reason why;
        assert_int_equal(lsp_read_message(&r, &body, &len, &why), LSP_READ_BAD);
        assert_int_equal(why, LSP_BAD_HEADER_SIZE);
        /* too long: skipped, and the input ends inside what it skips */
        assert_int_equal(lsp_read_message(&r, &body, &len, &why), LSP_READ_EOF);
        lsp_reader_free(&r);
    }
    free(input);
}

static void
positions_count_utf16(void **state)
{
    (void)state;
    /* 部 is 3 bytes and one UTF-16 unit; 😀 4 bytes and two units. */
    const char *t = "ab\n\xE9\x83\xA8\xF0\x9F\x98\x80x\r\nz";
    size_t len = strlen(t);
    struct lsp_lines l = {0};
    assert_true(lsp_lines_build(&l, t, len));
    assert_int_equal(l.count, 3);
    assert_int_equal(lsp_offset(t, len, &l, 1, 0), 3);
    assert_int_equal(lsp_offset(t, len, &l, 1, 1), 6);
    assert_int_equal(lsp_offset(t, len, &l, 1, 3), 10);
    assert_int_equal(lsp_offset(t, len, &l, 1, 99), 11); /* clamped before \r\n */
    assert_int_equal(lsp_offset(t, len, &l, 7, 0), len);
    long line, ch;
    lsp_position(t, len, &l, 10, &line, &ch);
    assert_int_equal(line, 1);
    assert_int_equal(ch, 3);
    lsp_position(t, len, &l, len, &line, &ch);
    assert_int_equal(line, 2);
    assert_int_equal(ch, 1);
    free(l.starts);
}

static void
documents_edit_and_uris(void **state)
{
    (void)state;
    struct lsp_docs docs = {0};
    struct lsp_doc *d = lsp_docs_open(&docs, "file:///tmp/a%20b.goal", "x\ny\n", 4, 1);
    assert_non_null(d);
    assert_string_equal(d->path, "/tmp/a b.goal");
    const struct lsp_lines *l = lsp_doc_lines(d);
    size_t at = lsp_offset(d->text, d->len, l, 1, 0);
    assert_true(lsp_doc_replace(d, at, at + 1, "\xE9\x83\xA8\xE9\x97\xA8", 6));
    assert_string_equal(d->text, "x\n\xE9\x83\xA8\xE9\x97\xA8\n");
    l = lsp_doc_lines(d);
    assert_int_equal(lsp_offset(d->text, d->len, l, 1, 1), 5);
    assert_ptr_equal(lsp_docs_find(&docs, "file:///tmp/a%20b.goal"), d);
    lsp_docs_close(&docs, "file:///tmp/a%20b.goal");
    assert_null(docs.first);
    char *uri = lsp_path_to_uri("/tmp/a b#.goal");
    assert_string_equal(uri, "file:///tmp/a%20b%23.goal");
    free(uri);
    lsp_docs_free(&docs);
}

static void
json_readers_tolerate_anything(void **state)
{
    (void)state;
    const char *text = "{\"a\":{\"b\":[1,\"s\",true]},\"n\":1e300}";
    struct lsp_json *v = lsp_json_parse(text, strlen(text));
    assert_non_null(v);
    const struct lsp_json *arr = lsp_json_path(v, "a", "b", NULL);
    assert_int_equal(lsp_json_count(arr), 3);
    assert_int_equal(lsp_json_int(lsp_json_at(arr, 0), -1), 1);
    assert_string_equal(lsp_json_string(lsp_json_at(arr, 1)), "s");
    assert_true(lsp_json_bool(lsp_json_at(arr, 2), false));
    assert_null(lsp_json_at(arr, 9));
    assert_null(lsp_json_string(lsp_json_at(arr, 0)));
    assert_int_equal(lsp_json_int(lsp_json_get(v, "n"), -1), -1); /* out of range */
    assert_null(lsp_json_path(v, "a", "x", "y", NULL));
    assert_int_equal(lsp_json_count(lsp_json_get(v, "a")), 0);
    lsp_json_free(v);
    assert_null(lsp_json_parse("{\"a\":", 5));
    struct lsp_json *o = lsp_json_set(lsp_json_object(), "k", lsp_json_strn("ab\0c", 4));
    char *printed = lsp_json_print(o);
    assert_string_equal(printed, "{\"k\":\"ab\"}"); /* cJSON strings end at NUL */
    free(printed);
    lsp_json_free(o);
}

static void
stdlib_parsed_once(void **state)
{
    (void)state;
    static const char text[] = "部门 \"甲\" { 年度 2024 资金 万元 5 { 按 收入性质 { 一般公共预算 6 } } }\n";
    struct driver_stdlib *reuse = driver_stdlib_new();
    assert_non_null(reuse);
    struct lsp_analysis *a = lsp_analyze(reuse, DIAG_LANG_EN, "a.goal", text, sizeof text - 1, 1);
    struct lsp_analysis *b = lsp_analyze(reuse, DIAG_LANG_EN, "a.goal", text, sizeof text - 1, 2);
    struct lsp_analysis *fresh = lsp_analyze(NULL, DIAG_LANG_EN, "a.goal", text, sizeof text - 1, 3);
    assert_true(a->c->stdlib_count > 0);
    assert_int_equal(a->c->stdlib_count, b->c->stdlib_count);
    for (size_t i = 0; i < a->c->stdlib_count; i++) {
        /* The same trees, not parsed again; a compilation without reuse parses its own. */
        assert_ptr_equal(a->c->stdlib_roots[i], b->c->stdlib_roots[i]);
        assert_ptr_not_equal(a->c->stdlib_roots[i], fresh->c->stdlib_roots[i]);
    }
    /* And the same diagnostics (the 6 ≠ 5 of the breakdown) either way. */
    assert_int_equal(a->c->diags.count, fresh->c->diags.count);
    assert_int_equal(b->c->diags.count, fresh->c->diags.count);
    assert_true(fresh->c->diags.errors > 0);
    for (size_t i = 0; i < fresh->c->diags.count; i++)
        assert_string_equal(b->c->diags.items[i]->message, fresh->c->diags.items[i]->message);
    lsp_analysis_free(a);
    lsp_analysis_free(b);
    lsp_analysis_free(fresh);
    driver_stdlib_free(reuse);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reader_frames_and_recovers),
        cmocka_unit_test(reader_skips_long_headers),
        cmocka_unit_test(reader_judges_the_same_in_any_chunks),
        cmocka_unit_test(positions_count_utf16),
        cmocka_unit_test(documents_edit_and_uris),
        cmocka_unit_test(json_readers_tolerate_anything),
        cmocka_unit_test(stdlib_parsed_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
