/*
 * test_diag_suggestion.c - diag_phrase_suggestion (web branch): the
 * replacement a "did you mean" hint proposes, found in a message by the
 * hint phrase's own format, in both languages; nothing for a message
 * without one, or with an unfinished one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "diag/diag.h"
#include "diag/diag_phrase.h"

/* The suggestion of message built from head and the phrase with its arguments; "" for none. */
static char found[256];

static const char *
suggestion_of(enum diag_lang lang, const char *head, enum diag_phrase_id id, const char *a,
              const char *b)
{
    char message[512];
    int n = snprintf(message, sizeof message, "%s", head);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(message + n, sizeof message - (size_t)n, diag_phrase(lang, id), a, b);
#pragma GCC diagnostic pop
    const char *start;
    size_t len;
    if (!diag_phrase_suggestion(lang, message, &start, &len))
        return "";
    memcpy(found, start, len);
    found[len] = '\0';
    return found;
}

static void
plain_either_and_quoted(void **state)
{
    (void)state;
    for (int l = 0; l < 2; l++) {
        enum diag_lang lang = l == 0 ? DIAG_LANG_EN : DIAG_LANG_ZH;
        assert_string_equal(suggestion_of(lang, "unknown unit 公理", PHRASE_DID_YOU_MEAN, "公里", ""),
                            "公里");
        assert_string_equal(suggestion_of(lang, "x", PHRASE_DID_YOU_MEAN_EITHER, "万元", "元"), "万元");
        assert_string_equal(suggestion_of(lang, "socialbenefit", PHRASE_DID_YOU_MEAN_QUOTED,
                                          "social benefit", "social benefit"),
                            "\"social benefit\"");
        /* a name holding a quote or the phrase's own words */
        assert_string_equal(suggestion_of(lang, "y", PHRASE_DID_YOU_MEAN, "a\"b", ""), "a\"b");
    }
}

static void
none_without_a_hint(void **state)
{
    (void)state;
    const char *start;
    size_t len;
    assert_false(diag_phrase_suggestion(DIAG_LANG_EN, "unknown unit 周岁", &start, &len));
    assert_false(diag_phrase_suggestion(DIAG_LANG_EN, "x; did you mean \"", &start, &len));
    assert_false(diag_phrase_suggestion(DIAG_LANG_EN, "x; did you mean \"\"?", &start, &len));
    assert_false(diag_phrase_suggestion(DIAG_LANG_ZH, "未知的单位 周岁；是否应为“", &start, &len));
    assert_false(diag_phrase_suggestion(DIAG_LANG_EN, "", &start, &len));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_either_and_quoted),
        cmocka_unit_test(none_without_a_hint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
