/*
 * test_writer.c - the buffered writer: bytes reach the stream whole and in
 * order whatever the buffer size, numbers come out as printf writes them,
 * a failing stream records the failure, and the escapers write the same
 * through a writer with a tiny buffer as through a stream.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/escape.h"
#include "base/writer.h"

/* A stream into memory and a writer onto it with a buffer of size bytes. */
struct sink {
    char *text;
    size_t len;
    FILE *fp;
    struct writer w;
    char buf[WRITER_BUFFER];
};

static void
sink_open(struct sink *s, size_t size)
{
    s->text = NULL;
    s->len = 0;
    s->fp = open_memstream(&s->text, &s->len);
    assert_non_null(s->fp);
    assert_true(size <= sizeof s->buf);
    writer_init(&s->w, s->fp, s->buf, size);
}

/* Flushes the writer and closes the stream; s->text holds what was written. */
static void
sink_close(struct sink *s)
{
    writer_flush(&s->w);
    assert_int_equal(fclose(s->fp), 0);
}

static void
pieces_arrive_in_order(void **state)
{
    (void)state;
    static const size_t sizes[] = {16, 17, 64, 4096, WRITER_BUFFER};
    char want[20000];
    size_t want_len = 0;
    /* Pieces of every length from 0 to 200, then some longer than any small buffer. */
    for (size_t n = 0; n <= 200; n++)
        for (size_t i = 0; i < n; i++)
            if (want_len < sizeof want)
                want[want_len++] = (char)('a' + (n + i) % 26);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        struct sink *s = malloc(sizeof *s);
        assert_non_null(s);
        sink_open(s, sizes[k]);
        size_t at = 0;
        for (size_t n = 0; at < want_len; n++) {
            size_t piece = n <= 200 ? n : 997;
            if (piece > want_len - at)
                piece = want_len - at;
            if (piece == 1)
                writer_byte(&s->w, want[at]);
            else
                writer_bytes(&s->w, want + at, piece);
            at += piece;
        }
        sink_close(s);
        assert_int_equal(s->len, want_len);
        assert_memory_equal(s->text, want, want_len);
        free(s->text);
        free(s);
    }
}

static void
numbers_as_printf_writes_them(void **state)
{
    (void)state;
    static const long values[] = {0, 1, 9, 10, 99, 100, 2024, -1, -10, LONG_MAX, LONG_MIN};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        struct sink *s = malloc(sizeof *s);
        assert_non_null(s);
        sink_open(s, 16);
        writer_int(&s->w, values[i]);
        writer_byte(&s->w, ' ');
        writer_uint(&s->w, (unsigned long)values[i]);
        sink_close(s);
        char want[64];
        snprintf(want, sizeof want, "%ld %lu", values[i], (unsigned long)values[i]);
        assert_string_equal(s->text, want);
        free(s->text);
        free(s);
    }
}

/* A write error is the stream's, as if the bytes had been written straight to it. */
static void
errors_stay_with_the_stream(void **state)
{
    (void)state;
    FILE *fp = fopen("/dev/full", "w");
    if (fp == NULL)
        skip();
    char buf[64];
    struct writer w;
    writer_init(&w, fp, buf, sizeof buf);
    for (int i = 0; i < 10000; i++)
        writer_str(&w, "no space left ");
    writer_flush(&w);
    errno = 0;
    bool failed = fflush(fp) != 0 || ferror(fp);
    assert_true(failed);
    assert_int_equal(errno, ENOSPC);
    fclose(fp);
}

enum kind { HTML, HTML_ATTR, CSV, MD_BLOCK, MD_INLINE, JSON, URI };

static void
escape_onto_stream(enum kind k, FILE *out, const char *s, size_t len)
{
    struct escape_span spans[] = {{s, len / 3}, {s + len / 3, len - len / 3}};
    switch (k) {
    case HTML:
        escape_html(out, s, len);
        break;
    case HTML_ATTR:
        escape_html_attr(out, s, len);
        break;
    case CSV:
        escape_csv(out, spans, 2);
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
    case URI:
        escape_uri_path(out, s, len);
        break;
    }
}

static void
escape_onto_writer(enum kind k, struct writer *w, const char *s, size_t len)
{
    struct escape_span spans[] = {{s, len / 3}, {s + len / 3, len - len / 3}};
    switch (k) {
    case HTML:
        escape_html_to(w, s, len);
        break;
    case HTML_ATTR:
        escape_html_attr_to(w, s, len);
        break;
    case CSV:
        escape_csv_to(w, spans, 2);
        break;
    case MD_BLOCK:
        escape_markdown_to(w, s, len, ESCAPE_MD_BLOCK);
        break;
    case MD_INLINE:
        escape_markdown_to(w, s, len, ESCAPE_MD_INLINE);
        break;
    case JSON:
        escape_json_to(w, s, len);
        break;
    case URI:
        escape_uri_path_to(w, s, len);
        break;
    }
}

/* Long text with something to escape everywhere, through a 16-byte buffer. */
static void
escapers_through_a_small_buffer(void **state)
{
    (void)state;
    static const char unit[] = "=\"a,b\" <c> & 'd' | *e* \r\n1. \x01\x7f\xE2\x80\xA8"
                               "\xEF\xBF\xBE 沅江市卫生健康局 ≥548000人（一）\t";
    char text[64 * sizeof unit];
    size_t len = 0;
    for (int i = 0; i < 64; i++) {
        memcpy(text + len, unit, sizeof unit - 1);
        len += sizeof unit - 1;
    }
    for (enum kind k = HTML; k <= URI; k++) {
        char *want = NULL;
        size_t want_len = 0;
        FILE *fp = open_memstream(&want, &want_len);
        assert_non_null(fp);
        escape_onto_stream(k, fp, text, len);
        assert_int_equal(fclose(fp), 0);
        struct sink *s = malloc(sizeof *s);
        assert_non_null(s);
        sink_open(s, 16);
        escape_onto_writer(k, &s->w, text, len);
        sink_close(s);
        assert_int_equal(s->len, want_len);
        assert_memory_equal(s->text, want, want_len);
        assert_true(want_len > len);
        free(want);
        free(s->text);
        free(s);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pieces_arrive_in_order),
        cmocka_unit_test(numbers_as_printf_writes_them),
        cmocka_unit_test(errors_stay_with_the_stream),
        cmocka_unit_test(escapers_through_a_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
