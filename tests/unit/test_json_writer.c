/*
 * test_json_writer.c - the JSON writer (base/json_writer.h): commas and
 * indentation of pretty and compact containers and of the two mixed, empty
 * containers, breaks asked for in compact ones, nesting deeper than the
 * inline indentation, every kind of value, strings escaped (controls,
 * quotes, backslash, non-ASCII, U+2028/9, invalid UTF-8 repaired), and the
 * same bytes through a 16-byte buffer, which flushes in the middle of keys,
 * strings and indentation.
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
#include "base/json_writer.h"

/* A stream into memory and a JSON writer onto it with a buffer of size bytes. */
struct sink {
    char *text;
    size_t len;
    FILE *fp;
    struct json_writer j;
    char buf[WRITER_BUFFER];
};

static struct sink *
sink_open(size_t size)
{
    struct sink *s = malloc(sizeof *s);
    assert_non_null(s);
    s->text = NULL;
    s->len = 0;
    s->fp = open_memstream(&s->text, &s->len);
    assert_non_null(s->fp);
    assert_true(size <= sizeof s->buf);
    json_writer_init(&s->j, s->fp, s->buf, size);
    return s;
}

/* Flushes, closes, and checks that the text written is want. */
static void
sink_expect(struct sink *s, const char *want)
{
    json_writer_flush(&s->j);
    assert_int_equal(fclose(s->fp), 0);
    assert_string_equal(s->text, want);
    free(s->text);
    free(s);
}

/* The same document through a buffer of every size from 16 bytes to a whole one. */
typedef void document_fn(struct json_writer *j);

static void
expect_document(document_fn *write, const char *want)
{
    static const size_t sizes[] = {16, 17, 23, 64, WRITER_BUFFER};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        struct sink *s = sink_open(sizes[i]);
        write(&s->j);
        sink_expect(s, want);
    }
}

static void
pretty_document(struct json_writer *j)
{
    json_writer_begin_object(j, JSON_WRITER_PRETTY);
    json_writer_key(j, "format");
    json_writer_cstring(j, "goalc");
    json_writer_key(j, "version");
    json_writer_int(j, 1);
    json_writer_key(j, "negative");
    json_writer_int(j, -42);
    json_writer_key(j, "sources");
    json_writer_begin_array(j, JSON_WRITER_PRETTY);
    json_writer_cstring(j, "a.goal");
    json_writer_cstring(j, "b.goal");
    json_writer_end_array(j);
    json_writer_key(j, "empty_array");
    json_writer_begin_array(j, JSON_WRITER_PRETTY);
    json_writer_end_array(j);
    json_writer_key(j, "empty_object");
    json_writer_begin_object(j, JSON_WRITER_PRETTY);
    json_writer_end_object(j);
    json_writer_key(j, "nested");
    json_writer_begin_array(j, JSON_WRITER_PRETTY);
    json_writer_begin_object(j, JSON_WRITER_PRETTY);
    json_writer_key(j, "amount");
    json_writer_raw(j, "\"63008.58\"", 10);
    json_writer_key(j, "unit");
    json_writer_null(j);
    json_writer_key(j, "computed");
    json_writer_bool(j, false);
    json_writer_key(j, "explicit");
    json_writer_bool(j, true);
    json_writer_end_object(j);
    json_writer_end_array(j);
    json_writer_key(j, "absent");
    json_writer_string(j, NULL, 0);
    json_writer_end_object(j);
}

static void
pretty_layout(void **state)
{
    (void)state;
    expect_document(pretty_document, "{\n"
                                     "  \"format\": \"goalc\",\n"
                                     "  \"version\": 1,\n"
                                     "  \"negative\": -42,\n"
                                     "  \"sources\": [\n"
                                     "    \"a.goal\",\n"
                                     "    \"b.goal\"\n"
                                     "  ],\n"
                                     "  \"empty_array\": [],\n"
                                     "  \"empty_object\": {},\n"
                                     "  \"nested\": [\n"
                                     "    {\n"
                                     "      \"amount\": \"63008.58\",\n"
                                     "      \"unit\": null,\n"
                                     "      \"computed\": false,\n"
                                     "      \"explicit\": true\n"
                                     "    }\n"
                                     "  ],\n"
                                     "  \"absent\": null\n"
                                     "}");
}

/* Compact inside pretty: a location on one line, as the JSON back end writes it. */
static void
mixed_document(struct json_writer *j)
{
    json_writer_begin_object(j, JSON_WRITER_PRETTY);
    json_writer_key(j, "name");
    json_writer_cstring(j, "x");
    json_writer_key(j, "location");
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    json_writer_key(j, "file");
    json_writer_cstring(j, "h.goal");
    json_writer_key(j, "line");
    json_writer_uint(j, 10);
    json_writer_key(j, "column");
    json_writer_uint(j, 20);
    json_writer_key(j, "inner");
    /* PRETTY asked inside a compact container: compact anyway */
    json_writer_begin_array(j, JSON_WRITER_PRETTY);
    json_writer_uint(j, 1);
    json_writer_begin_array(j, JSON_WRITER_COMPACT);
    json_writer_end_array(j);
    json_writer_begin_object(j, JSON_WRITER_PRETTY);
    json_writer_end_object(j);
    json_writer_end_array(j);
    json_writer_end_object(j);
    json_writer_key(j, "after");
    json_writer_begin_array(j, JSON_WRITER_PRETTY);
    json_writer_uint(j, 2);
    json_writer_end_array(j);
    json_writer_end_object(j);
}

static void
compact_inside_pretty(void **state)
{
    (void)state;
    expect_document(mixed_document,
                    "{\n"
                    "  \"name\": \"x\",\n"
                    "  \"location\": {\"file\": \"h.goal\", \"line\": 10, \"column\": 20, "
                    "\"inner\": [1, [], {}]},\n"
                    "  \"after\": [\n"
                    "    2\n"
                    "  ]\n"
                    "}");
}

/* JSON Lines: compact values one after the other, the caller writing the line breaks. */
static void
lines_document(struct json_writer *j)
{
    for (unsigned long i = 0; i < 3; i++) {
        json_writer_begin_object(j, JSON_WRITER_COMPACT);
        json_writer_key(j, "n");
        json_writer_uint(j, i);
        json_writer_key(j, "notes");
        json_writer_begin_array(j, JSON_WRITER_COMPACT);
        for (unsigned long k = 0; k < i; k++) {
            json_writer_begin_object(j, JSON_WRITER_COMPACT);
            json_writer_key(j, "k");
            json_writer_uint(j, k);
            json_writer_end_object(j);
        }
        json_writer_end_array(j);
        json_writer_end_object(j);
        writer_byte(&j->out, '\n');
    }
}

static void
json_lines(void **state)
{
    (void)state;
    expect_document(lines_document, "{\"n\": 0, \"notes\": []}\n"
                                    "{\"n\": 1, \"notes\": [{\"k\": 0}]}\n"
                                    "{\"n\": 2, \"notes\": [{\"k\": 0}, {\"k\": 1}]}\n");
}

/* Breaks in a compact container, as the diff's JSON lays out a table. */
static void
break_document(struct json_writer *j)
{
    json_writer_begin_array(j, JSON_WRITER_PRETTY);
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    json_writer_key(j, "kind");
    json_writer_cstring(j, "project");
    json_writer_break(j, 5);
    json_writer_key(j, "list");
    json_writer_begin_array(j, JSON_WRITER_COMPACT);
    for (unsigned long k = 0; k < 2; k++) {
        json_writer_break(j, 7);
        json_writer_uint(j, k);
    }
    json_writer_end_array(j);
    json_writer_break(j, 5);
    json_writer_key(j, "empty");
    json_writer_begin_array(j, JSON_WRITER_COMPACT);
    json_writer_break(j, 7); /* asked for, but nothing follows: forgotten at the close */
    json_writer_end_array(j);
    json_writer_key(j, "last");
    json_writer_null(j);
    json_writer_end_object(j);
    json_writer_end_array(j);
}

static void
breaks_in_compact(void **state)
{
    (void)state;
    expect_document(break_document, "[\n"
                                    "  {\"kind\": \"project\",\n"
                                    "     \"list\": [\n"
                                    "       0,\n"
                                    "       1],\n"
                                    "     \"empty\": [], \"last\": null}\n"
                                    "]");
}

/* Deeper than the indentation written in one copy. */
static void
deep_document(struct json_writer *j)
{
    for (int i = 0; i < 30; i++)
        json_writer_begin_array(j, JSON_WRITER_PRETTY);
    json_writer_uint(j, 7);
    for (int i = 0; i < 30; i++)
        json_writer_end_array(j);
}

static void
deep_nesting(void **state)
{
    (void)state;
    char want[4096];
    size_t o = 0;
    for (int i = 0; i < 30; i++) {
        want[o++] = '[';
        want[o++] = '\n';
        for (int k = 0; k <= i; k++)
            o += (size_t)snprintf(want + o, sizeof want - o, "  ");
    }
    want[o++] = '7';
    for (int i = 29; i >= 0; i--) {
        want[o++] = '\n';
        for (int k = 0; k < i; k++)
            o += (size_t)snprintf(want + o, sizeof want - o, "  ");
        want[o++] = ']';
    }
    want[o] = '\0';
    expect_document(deep_document, want);
}

/* Every byte that needs an escape, and text long enough to cross any small buffer. */
static const char tricky[] = "quote \" backslash \\ slash / \b\f\n\r\t \x01\x1f\x7f "
                             "沅江市卫生健康局 ≥548000人 \xE2\x80\xA8\xE2\x80\xA9 end";
static const char tricky_json[] = "\"quote \\\" backslash \\\\ slash / \\b\\f\\n\\r\\t "
                                  "\\u0001\\u001f\\u007f 沅江市卫生健康局 ≥548000人 "
                                  "\\u2028\\u2029 end\"";

static void
strings_document(struct json_writer *j)
{
    json_writer_begin_array(j, JSON_WRITER_COMPACT);
    json_writer_string(j, tricky, sizeof tricky - 1);
    json_writer_cstring(j, "");
    json_writer_string(j, "a\0b", 3); /* a NUL inside a string with a length */
    json_writer_end_array(j);
}

static void
strings_escaped(void **state)
{
    (void)state;
    char want[1024];
    snprintf(want, sizeof want, "[%s, \"\", \"a\\u0000b\"]", tricky_json);
    expect_document(strings_document, want);
}

/* Values written with another escaper after json_writer_value(). */
static void
repaired_document(struct json_writer *j)
{
    static const char bad[] = "a\xFF"
                              "b\xE5\x8D"
                              "c [link](x) \\[";
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    json_writer_key(j, "file");
    json_writer_value(j);
    escape_json_repair_to(&j->out, bad, sizeof bad - 1);
    json_writer_key(j, "text");
    json_writer_value(j);
    escape_sarif_text_to(&j->out, bad, sizeof bad - 1);
    json_writer_key(j, "list");
    json_writer_begin_array(j, JSON_WRITER_COMPACT);
    json_writer_value(j);
    escape_json_repair_to(&j->out, "\"", 1);
    json_writer_value(j);
    escape_json_repair_to(&j->out, "\xC3\xA9", 2);
    json_writer_end_array(j);
    json_writer_end_object(j);
}

static void
strings_repaired(void **state)
{
    (void)state;
    expect_document(repaired_document, "{\"file\": \"a\xEF\xBF\xBD"
                                       "b\xEF\xBF\xBD"
                                       "c [link](x) \\\\[\", "
                                       "\"text\": \"a\xEF\xBF\xBD"
                                       "b\xEF\xBF\xBD"
                                       "c \\\\[link\\\\](x) \\\\\\\\\\\\[\", "
                                       "\"list\": [\"\\\"\", \"\xC3\xA9\"]}");
}

/* A string far longer than the buffer, and a key: what a 16-byte buffer must split. */
static void
long_string_document(struct json_writer *j)
{
    static char text[5000];
    for (size_t i = 0; i < sizeof text - 1; i++)
        text[i] = "ab\"\\\n沅"[i % 8]; /* whole characters: 沅 is the last three bytes */
    json_writer_begin_object(j, JSON_WRITER_PRETTY);
    json_writer_key(j, "a_rather_long_key_name_longer_than_the_buffer");
    json_writer_string(j, text, sizeof text - 1);
    json_writer_end_object(j);
}

static void
flushes_mid_value(void **state)
{
    (void)state;
    struct sink *big = sink_open(WRITER_BUFFER);
    long_string_document(&big->j);
    json_writer_flush(&big->j);
    assert_int_equal(fclose(big->fp), 0);
    assert_true(big->len > 5000);
    struct sink *small = sink_open(16);
    long_string_document(&small->j);
    sink_expect(small, big->text);
    free(big->text);
    free(big);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pretty_layout),    cmocka_unit_test(compact_inside_pretty),
        cmocka_unit_test(json_lines),       cmocka_unit_test(breaks_in_compact),
        cmocka_unit_test(deep_nesting),     cmocka_unit_test(strings_escaped),
        cmocka_unit_test(strings_repaired), cmocka_unit_test(flushes_mid_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
