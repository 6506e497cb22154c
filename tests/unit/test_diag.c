/*
 * test_diag.c - the catalogues and the rendering of diagnostics: both
 * languages of every diag.def and phrase.def entry agree on their printf
 * conversions, codes are unique, and the caret sits under the right
 * column of CJK text.
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
#include "diag/diag.h"
#include "front/load.h"
#include "base/source.h"

/* The conversion specifications of a format, e.g. "%s%04X%zu". */
static void
conversions(const char *fmt, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = fmt; *p != '\0'; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        out[o++] = '%';
        while (*p != '\0' && strchr("sdiuxXcpzl0123456789.-", *p) != NULL && o + 1 < size) {
            out[o++] = *p;
            if (strchr("sdiuxXcp", *p) != NULL)
                break;
            p++;
        }
    }
    out[o] = '\0';
}

static void
languages_take_the_same_arguments(void **state)
{
    (void)state;
    for (int id = 0; id < DIAG_COUNT; id++) {
        char en[64], zh[64];
        conversions(diag_text_of((enum diag_id)id, DIAG_LANG_EN), en, sizeof en);
        conversions(diag_text_of((enum diag_id)id, DIAG_LANG_ZH), zh, sizeof zh);
        if (strcmp(en, zh) != 0)
            fail_msg("%s: English takes %s, Chinese takes %s", diag_code((enum diag_id)id), en, zh);
    }
}

/* phrase.def itself, so a failure names the entry. */
static const struct {
    const char *id, *en, *zh;
} phrases[] = {
#define PHRASE(id, en, zh) {#id, en, zh},
#include "diag/phrase.def"
#undef PHRASE
};

static void
phrases_take_the_same_arguments(void **state)
{
    (void)state;
    assert_int_equal(sizeof phrases / sizeof phrases[0], PHRASE_COUNT);
    for (size_t i = 0; i < PHRASE_COUNT; i++) {
        char en[64], zh[64];
        conversions(phrases[i].en, en, sizeof en);
        conversions(phrases[i].zh, zh, sizeof zh);
        if (strcmp(en, zh) != 0)
            fail_msg("PHRASE_%s: English takes %s, Chinese takes %s", phrases[i].id, en, zh);
        assert_string_equal(diag_phrase(DIAG_LANG_EN, (enum diag_phrase_id)i), phrases[i].en);
        assert_string_equal(diag_phrase(DIAG_LANG_ZH, (enum diag_phrase_id)i), phrases[i].zh);
    }
}

static void
codes_are_unique_and_well_formed(void **state)
{
    (void)state;
    for (int i = 0; i < DIAG_COUNT; i++) {
        const char *code = diag_code((enum diag_id)i);
        assert_int_equal(strlen(code), 5);
        assert_true(strchr("EWN", code[0]) != NULL);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(code, diag_code((enum diag_id)j));
    }
}

static char *
render(const char *text, uint32_t start, uint32_t end, enum diag_lang lang)
{
    struct arena *a = arena_create();
    struct diag_sink sink;
    diag_sink_init(&sink, a, lang);
    struct source *src;
    assert_int_equal(load_bytes(a, &sink, "t.goal", 0, text, strlen(text), &src), LOAD_OK);
    struct diag_loc loc = {src, start, end};
    diag_report(&sink, DIAG_UNEXPECTED_CHARACTER, loc, "'@'", 0x40u);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    diag_render(&sink, f, &(struct diag_render_options){false});
    fclose(f);
    arena_destroy(a);
    return buf;
}

/* Past the per-file limit errors are counted, not stored, and one E0111
   counts them; warnings and notes on dropped errors cost nothing. */
static void
errors_past_the_limit_are_counted_not_kept(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    struct diag_sink sink;
    diag_sink_init(&sink, a, DIAG_LANG_EN);
    struct source *src;
    assert_int_equal(load_bytes(a, &sink, "t.goal", 0, "@", 1, &src), LOAD_OK);
    struct diag_loc loc = {src, 0, 1};
    for (int i = 0; i < DIAG_MAX_ERRORS_PER_FILE + 5; i++) {
        struct diagnostic *d = diag_report(&sink, DIAG_UNEXPECTED_CHARACTER, loc, "'@'", 0x40u);
        diag_add_note(&sink, d, DIAG_NOTE_FIRST_HERE, loc);
    }
    diag_report(&sink, DIAG_EMPTY_CATEGORY, loc, "x");
    assert_int_equal(sink.errors, DIAG_MAX_ERRORS_PER_FILE + 5);
    assert_int_equal(sink.warnings, 1);
    assert_int_equal(sink.count, DIAG_MAX_ERRORS_PER_FILE + 2); /* + E0111 + the warning */
    assert_true(diag_file_full(&sink, src));
    struct diagnostic **sorted = diag_sorted(&sink);
    int closing = 0;
    for (size_t i = 0; i < sink.count; i++)
        if (sorted[i]->id == DIAG_TOO_MANY_ERRORS) {
            assert_string_equal(sorted[i]->message, "too many errors in t.goal: 5 more not shown");
            closing++;
        }
    assert_int_equal(closing, 1);
    free(sorted);
    arena_destroy(a);
}

static void
caret_counts_wide_characters_twice(void **state)
{
    (void)state;
    /* "配置" is 2 characters, 4 columns; '@' is at byte 7, column 4 */
    char *out = render("配置 @", 7, 8, DIAG_LANG_EN);
    assert_string_equal(out, "t.goal:1:4: error[E0101]: unexpected character '@' (U+0040)\n"
                             " 1 | 配置 @\n"
                             "   |      ^\n");
    free(out);
    out = render("x\n配置 @", 9, 10, DIAG_LANG_ZH);
    assert_string_equal(out, "t.goal:2:4: 错误[E0101]: 意外的字符 '@' (U+0040)\n"
                             " 2 | 配置 @\n"
                             "   |      ^\n");
    free(out);
}

static void
control_characters_are_escaped_when_echoed(void **state)
{
    (void)state;
    char *out = render("a\033[31m@", 6, 7, DIAG_LANG_EN);
    assert_null(strchr(out, '\033'));
    assert_non_null(strstr(out, "a\\x1B[31m@"));
    free(out);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(languages_take_the_same_arguments),
        cmocka_unit_test(phrases_take_the_same_arguments),
        cmocka_unit_test(codes_are_unique_and_well_formed),
        cmocka_unit_test(errors_past_the_limit_are_counted_not_kept),
        cmocka_unit_test(caret_counts_wide_characters_twice),
        cmocka_unit_test(control_characters_are_escaped_when_echoed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
