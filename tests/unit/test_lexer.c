/*
 * test_lexer.c - the scanner: comparator spellings, glued and spaced
 * units, rates, thousands separators, dates, strings in every quoting,
 * and located errors for broken input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "diag/diag.h"
#include "front/parse.h"
#include "parser.h" /* before lexer.h: it needs YYSTYPE */
#include "lexer.h"
#include "front/load.h"
#include "base/source.h"
#include "base/utf8.h"

#include <stdbool.h>
#include <utf8proc.h>

enum { MAX_TOKENS = 64 };

struct lexed {
    struct arena *arena;
    struct diag_sink diags;
    struct source *src;
    size_t count;
    int kinds[MAX_TOKENS];
    YYSTYPE values[MAX_TOKENS];
    YYLTYPE locs[MAX_TOKENS];
};

/* Scans text completely; tokens and diagnostics land in *l. */
static void
lex(struct lexed *l, const char *text)
{
    memset(l, 0, sizeof *l);
    l->arena = arena_create();
    assert_non_null(l->arena);
    diag_sink_init(&l->diags, l->arena, DIAG_LANG_EN);
    enum load_status st =
        load_bytes(l->arena, &l->diags, "t.goal", 0, text, strlen(text), &l->src);
    assert_int_equal(st, LOAD_OK);
    struct parse_ctx ctx = {.arena = l->arena, .diags = &l->diags, .src = l->src};
    yyscan_t scanner;
    assert_int_equal(yylex_init_extra(&ctx, &scanner), 0);
    yy_scan_buffer(l->src->text + l->src->body_start, l->src->len - l->src->body_start + 2,
                   scanner);
    for (;;) {
        assert_true(l->count < MAX_TOKENS);
        int k = yylex(&l->values[l->count], &l->locs[l->count], scanner);
        if (k == YYEOF)
            break;
        l->kinds[l->count++] = k;
    }
    yylex_destroy(scanner);
}

static void
done(struct lexed *l)
{
    arena_destroy(l->arena);
}

static void
every_comparator_spelling(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        enum ast_cmp cmp;
    } cases[] = {
        {"≥", AST_CMP_GE},      {"≧", AST_CMP_GE},      {">=", AST_CMP_GE},
        {"大于等于", AST_CMP_GE}, {"不低于", AST_CMP_GE},   {"不少于", AST_CMP_GE},
        {"不小于", AST_CMP_GE},   {"至少", AST_CMP_GE},     {"≤", AST_CMP_LE},
        {"≦", AST_CMP_LE},      {"<=", AST_CMP_LE},     {"小于等于", AST_CMP_LE},
        {"不高于", AST_CMP_LE},   {"不超过", AST_CMP_LE},   {"不多于", AST_CMP_LE},
        {"不大于", AST_CMP_LE},   {">", AST_CMP_GT},      {"＞", AST_CMP_GT},
        {"大于", AST_CMP_GT},     {"高于", AST_CMP_GT},     {"超过", AST_CMP_GT},
        {"<", AST_CMP_LT},      {"＜", AST_CMP_LT},      {"小于", AST_CMP_LT},
        {"低于", AST_CMP_LT},     {"=", AST_CMP_EQ},      {"＝", AST_CMP_EQ},
        {"等于", AST_CMP_EQ},     {"═", AST_CMP_EQ},      {"﹦", AST_CMP_EQ},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[64];
        /* spaced, and glued to the number */
        for (int glued = 0; glued < 2; glued++) {
            snprintf(text, sizeof text, "%s%s90%%", cases[i].text, glued ? "" : " ");
            struct lexed l;
            lex(&l, text);
            assert_int_equal(l.count, 3);
            assert_int_equal(l.kinds[0], CMP);
            assert_int_equal(l.values[0].cmp, cases[i].cmp);
            assert_int_equal(l.kinds[1], NUMBER);
            assert_string_equal(l.values[1].num.digits, "90");
            assert_int_equal(l.kinds[2], UNIT);
            assert_string_equal(l.values[2].str.text, "%");
            assert_int_equal(l.diags.count, 0);
            done(&l);
        }
    }
}

static void
units_glued_spaced_and_compound(void **state)
{
    (void)state;
    static const struct {
        const char *text, *digits, *unit;
    } cases[] = {
        {"548000人", "548000", "人"},
        {"10656 人", "10656", "人"},
        {"12/100000", "12", "/100000"},
        {"12/10万", "12", "/10万"},
        {"22次/年", "22", "次/年"},
        {"1 个月", "1", "个月"},
        {"19050万平方米", "19050", "万平方米"},
        {"260770人次", "260770", "人次"},
        {"30元/人·月", "30", "元/人·月"},
        {"30 元/人*月", "30", "元/人*月"},
        {"5‰", "5", "‰"},
        {"90％", "90", "％"},
        {"25,656.78 万元", "25656.78", "万元"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct lexed l;
        lex(&l, cases[i].text);
        assert_int_equal(l.count, 2);
        assert_int_equal(l.kinds[0], NUMBER);
        assert_string_equal(l.values[0].num.digits, cases[i].digits);
        assert_int_equal(l.kinds[1], UNIT);
        assert_string_equal(l.values[1].str.text, cases[i].unit);
        assert_int_equal(l.diags.count, 0);
        done(&l);
    }
}

/* A word after a number on the next line is a name, not a unit. */
static void
unit_must_be_on_the_line_of_its_number(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "5\n人数");
    assert_int_equal(l.count, 2);
    assert_int_equal(l.kinds[1], WORD);
    done(&l);
    /* …and a keyword after a number is the keyword */
    lex(&l, "41400 标准 41400 人");
    assert_int_equal(l.count, 4);
    assert_int_equal(l.kinds[1], KW_STANDARD);
    assert_int_equal(l.kinds[3], UNIT);
    done(&l);
}

static void
suffixes_split_from_units(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "95%以上 5人以下 1个月以内 90%及以上");
    assert_int_equal(l.count, 12);
    int expect[] = {NUMBER, UNIT, ABOVE, NUMBER, UNIT, BELOW,
                    NUMBER, UNIT, BELOW, NUMBER, UNIT, ABOVE};
    for (size_t i = 0; i < 12; i++)
        assert_int_equal(l.kinds[i], expect[i]);
    assert_string_equal(l.values[1].str.text, "%");
    assert_string_equal(l.values[7].str.text, "个月");
    done(&l);
}

/* 计算: × ÷ + - ( ), and ASCII * / - only with a space after them, so
   that a glued slash still starts a unit and a glued minus is no operator. */
static void
operators_of_compute(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "(2 万元 + 3 万元) × 4 ÷ 10 人 - 1 * 2 / 5");
    int expect[] = {LPAREN, NUMBER, UNIT, PLUS, NUMBER, UNIT, RPAREN, TIMES, NUMBER, DIVIDE,
                    NUMBER, UNIT, MINUS, NUMBER, TIMES, NUMBER, DIVIDE, NUMBER};
    assert_int_equal(l.count, sizeof expect / sizeof expect[0]);
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(l.kinds[i], expect[i]);
    assert_int_equal(l.diags.count, 0);
    done(&l);
    lex(&l, "2/3 2023.07-2024.01");
    assert_int_equal(l.kinds[0], NUMBER);
    assert_int_equal(l.kinds[1], UNIT); /* the unit /3 */
    assert_string_equal(l.values[1].str.text, "/3");
    assert_true(l.diags.count > 0); /* the glued minus is still an unexpected character */
    for (size_t i = 0; i < l.count; i++)
        assert_int_not_equal(l.kinds[i], MINUS);
    done(&l);
}

static void
thousands_separators(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "8,827,620.53");
    assert_int_equal(l.count, 1);
    assert_string_equal(l.values[0].num.digits, "8827620.53");
    assert_int_equal(l.diags.count, 0);
    done(&l);
    lex(&l, "1,23.5");
    assert_int_equal(l.kinds[0], NUMBER);
    assert_int_equal(l.diags.count, 1);
    assert_int_equal(l.diags.items[0]->id, DIAG_BAD_DIGIT_GROUPING);
    done(&l);
}

static void
dates_in_every_spelling(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int year, month, day;
        bool eom;
    } cases[] = {
        {"2024-12-31", 2024, 12, 31, false}, {"2024-12", 2024, 12, 0, false},
        {"2024年12月31日", 2024, 12, 31, false}, {"2024年12月", 2024, 12, 0, false},
        {"12月31日", 0, 12, 31, false},        {"12月底", 0, 12, 0, true},
        {"2024-2-29", 2024, 2, 29, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct lexed l;
        lex(&l, cases[i].text);
        assert_int_equal(l.count, 1);
        assert_int_equal(l.kinds[0], DATE);
        assert_int_equal(l.values[0].date.year, cases[i].year);
        assert_int_equal(l.values[0].date.month, cases[i].month);
        assert_int_equal(l.values[0].date.day, cases[i].day);
        assert_int_equal(l.values[0].date.end_of_month, cases[i].eom);
        assert_int_equal(l.diags.count, 0);
        done(&l);
    }
    struct lexed l;
    lex(&l, "2023-02-29 2024-13-01 12月32日");
    assert_int_equal(l.count, 3);
    assert_int_equal(l.diags.count, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(l.diags.items[i]->id, DIAG_BAD_DATE);
    done(&l);
    lex(&l, "2024-12-31前");
    assert_int_equal(l.count, 2);
    assert_int_equal(l.kinds[1], BEFORE);
    done(&l);
}

static void
strings_in_every_quoting(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "\"a\\\"b\\\\c\\nd\\te\\u{4E2D}\" “中文引号” \"\"\"\n    line one\n      indented\n    \"\"\"");
    assert_int_equal(l.count, 3);
    assert_string_equal(l.values[0].str.text, "a\"b\\c\nd\te中");
    assert_string_equal(l.values[1].str.text, "中文引号");
    assert_string_equal(l.values[2].str.text, "line one\n  indented");
    assert_int_equal(l.diags.count, 0);
    done(&l);
    /* blank lines inside a text block, with every kind of line end */
    static const char *const blocks[] = {
        "\"\"\"\n    a\n\n    b\n    \"\"\"",
        "\"\"\"\r\n    a\r\n\r\n    b\r\n    \"\"\"",
        "\"\"\"\r    a\r\r    b\r    \"\"\"",
    };
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
        lex(&l, blocks[i]);
        assert_int_equal(l.count, 1);
        assert_string_equal(l.values[0].str.text, "a\n\nb");
        done(&l);
    }
    /* Text on the opening line: that line counts as unindented, nothing is
       removed (language.md §2.4, rule 3), spaces after the quotes included. */
    static const struct {
        const char *block, *text;
    } opening[] = {
        {"\"\"\"  a\n    b\n      c\"\"\"", "  a\n    b\n      c"},
        {"\"\"\"a\n    b\"\"\"", "a\n    b"},
        {"\"\"\"  one line  \"\"\"", "  one line  "},
    };
    for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++) {
        lex(&l, opening[i].block);
        assert_int_equal(l.count, 1);
        assert_string_equal(l.values[0].str.text, opening[i].text);
        done(&l);
    }
}

static void
range_word_glued_or_spaced(void **state)
{
    (void)state;
    static const char *const texts[] = {"90%至95%", "90% 至 95%", "90%..95%", "90% ~ 95%"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        struct lexed l;
        lex(&l, texts[i]);
        assert_int_equal(l.count, 5);
        assert_int_equal(l.kinds[1], UNIT);
        assert_string_equal(l.values[1].str.text, "%");
        assert_int_equal(l.kinds[2], RANGE);
        done(&l);
    }
    struct lexed l;
    lex(&l, "5至10");
    assert_int_equal(l.count, 3);
    assert_int_equal(l.kinds[1], RANGE);
    done(&l);
}

static void
keywords_in_both_languages(void **state)
{
    (void)state;
    struct lexed zh, en;
    lex(&zh, "部门 项目 年度 资金 按 其中 职能 目标 实施期 实施期目标 指标 标准 分值 备注 定性 不适用 引用");
    lex(&en, "department project year funds by of_which duties goal period period_goal indicators "
             "standard weight note qualitative na include");
    assert_int_equal(zh.count, 17);
    assert_int_equal(en.count, 17);
    for (size_t i = 0; i < 17; i++) {
        assert_int_equal(zh.kinds[i], en.kinds[i]);
        assert_int_not_equal(zh.kinds[i], WORD);
    }
    done(&zh);
    done(&en);
    /* a longer word that starts with a keyword is a name */
    lex(&zh, "项目支出 部门预算编码");
    assert_int_equal(zh.kinds[0], WORD);
    assert_int_equal(zh.kinds[1], WORD);
    done(&zh);
}

static void
locations_are_byte_ranges(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "\"配置\" ≥ 90%");
    assert_int_equal(l.locs[0].start, 0);
    assert_int_equal(l.locs[0].end, 8); /* two quotes and two 3-byte characters */
    assert_int_equal(l.locs[1].start, 9);
    assert_int_equal(l.locs[3].start, 15);
    done(&l);
}

static void
errors_are_located(void **state)
{
    (void)state;
    struct lexed l;
    lex(&l, "\"abc\n@ \"\\q\"");
    assert_int_equal(l.diags.count, 3);
    assert_int_equal(l.diags.items[0]->id, DIAG_UNTERMINATED_STRING);
    assert_int_equal(l.diags.items[0]->loc.start, 0);
    assert_int_equal(l.diags.items[1]->id, DIAG_UNEXPECTED_CHARACTER);
    assert_int_equal(l.diags.items[1]->loc.start, 5);
    assert_int_equal(l.diags.items[2]->id, DIAG_BAD_ESCAPE);
    assert_int_equal(l.diags.items[2]->loc.start, 8);
    done(&l);
    lex(&l, "\"\"\"\nnever closed");
    assert_int_equal(l.diags.count, 1);
    assert_int_equal(l.diags.items[0]->id, DIAG_UNTERMINATED_TEXT_BLOCK);
    done(&l);
    lex(&l, "\"\\u{D800}\" \"\\u{110000}\"");
    assert_int_equal(l.diags.count, 2);
    assert_int_equal(l.diags.items[0]->id, DIAG_BAD_UNICODE_ESCAPE);
    done(&l);
    lex(&l, "\"\\u{E0041}\" \"\\u{3164}\" \"\\u{FE0F}\""); /* invisible, written as escapes */
    assert_int_equal(l.diags.count, 3);
    assert_int_equal(l.diags.items[2]->id, DIAG_BAD_UNICODE_ESCAPE);
    done(&l);
}

/* Bad UTF-8 is caught before scanning, at its line and column. */
static void
bad_utf8_is_located(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        unsigned line, col;
        enum diag_id id;
    } cases[] = {
        {"ab\n c\xC3\x28", 7, 2, 3, DIAG_INVALID_UTF8},   /* truncated two-byte sequence */
        {"\xC0\xAF \xFF", 4, 1, 1, DIAG_INVALID_UTF8},    /* overlong '/', then no GB18030 */
        {"x \xED\xA0\x80", 5, 1, 3, DIAG_INVALID_UTF8},   /* UTF-16 surrogate */
        {"\xF4\x90\x80\x80", 4, 1, 1, DIAG_INVALID_UTF8}, /* above U+10FFFF */
        {"\"中\xE4\xB8\"", 6, 1, 3, DIAG_INVALID_UTF8},   /* truncated three-byte sequence */
        {"\xFF", 1, 1, 1, DIAG_INVALID_UTF8},
        /* not UTF-8 but all of it GB18030: 蜡 (C0 AF), 中文 (D6 D0 CE C4), 𠀀 (95 32 82 36) */
        {"\xC0\xAF", 2, 1, 1, DIAG_NOT_UTF8_BUT_GB18030},
        {"a\n\"\xD6\xD0\xCE\xC4\"\n", 9, 2, 2, DIAG_NOT_UTF8_BUT_GB18030},
        {"\x95\x32\x82\x36", 4, 1, 1, DIAG_NOT_UTF8_BUT_GB18030},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena *a = arena_create();
        struct diag_sink diags;
        diag_sink_init(&diags, a, DIAG_LANG_EN);
        struct source *src;
        enum load_status st =
            load_bytes(a, &diags, "t.goal", 0, cases[i].bytes, cases[i].len, &src);
        assert_int_equal(st, LOAD_INVALID);
        assert_true(diags.count >= 1);
        assert_int_equal(diags.items[0]->id, cases[i].id);
        if (cases[i].id == DIAG_NOT_UTF8_BUT_GB18030) /* said once, not once a character */
            assert_int_equal(diags.count, 1);
        unsigned line, col;
        source_position(src, diags.items[0]->loc.start, &line, &col);
        assert_int_equal(line, cases[i].line);
        assert_int_equal(col, cases[i].col);
        arena_destroy(a);
    }
}

static void
invisible_and_nul_characters_are_rejected(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        enum diag_id id;
    } cases[] = {
        {"\"a\xE2\x80\xAE" "b\"", 7, DIAG_INVISIBLE_CHARACTER}, /* RIGHT-TO-LEFT OVERRIDE */
        {"a\xE2\x80\x8B" "b", 5, DIAG_INVISIBLE_CHARACTER},     /* ZERO WIDTH SPACE */
        {"a\0b", 3, DIAG_NUL_BYTE},
        {"A\xD8\x9C" "B", 4, DIAG_INVISIBLE_CHARACTER}, /* ARABIC LETTER MARK */
        {"a\xEF\xBB\xBF", 4, DIAG_MISPLACED_BOM},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena *a = arena_create();
        struct diag_sink diags;
        diag_sink_init(&diags, a, DIAG_LANG_EN);
        struct source *src;
        assert_int_equal(load_bytes(a, &diags, "t", 0, cases[i].bytes, cases[i].len, &src),
                         LOAD_INVALID);
        assert_int_equal(diags.items[0]->id, cases[i].id);
        arena_destroy(a);
    }
    /* …but a leading BOM is fine and does not count as a column */
    struct arena *a = arena_create();
    struct diag_sink diags;
    diag_sink_init(&diags, a, DIAG_LANG_EN);
    struct source *src;
    assert_int_equal(load_bytes(a, &diags, "t", 0, "\xEF\xBB\xBFxy", 5, &src), LOAD_OK);
    unsigned line, col;
    source_position(src, 4, &line, &col);
    assert_int_equal(col, 2);
    arena_destroy(a);
}

/*
 * Every code point, after a letter: the file is refused exactly when the
 * character is invisible by utf8_is_forbidden_invisible (the validation's
 * fast path lets none through), and that is every Default_Ignorable_Code_Point.
 */
static void
every_invisible_code_point_is_rejected(void **state)
{
    (void)state;
    struct arena *a = NULL;
    for (uint32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF)
            continue;
        if ((cp & 0xFFF) == 0 || a == NULL) {
            if (a != NULL)
                arena_destroy(a);
            a = arena_create();
        }
        struct diag_sink diags;
        diag_sink_init(&diags, a, DIAG_LANG_EN);
        char bytes[8] = "a";
        size_t len = 1 + utf8_encode(cp, bytes + 1);
        bytes[len++] = 'b';
        struct source *src;
        enum load_status st = load_bytes(a, &diags, "t", 0, bytes, len, &src);
        bool invisible = utf8_is_forbidden_invisible(cp) != 0;
        if ((st == LOAD_INVALID) != invisible)
            fail_msg("U+%04X: load gives %d, invisible %d", (unsigned)cp, (int)st, invisible);
        if (invisible)
            assert_int_equal(diags.items[0]->id, DIAG_INVISIBLE_CHARACTER);
        if (utf8proc_get_property((utf8proc_int32_t)cp)->ignorable && !invisible)
            fail_msg("U+%04X is default-ignorable but allowed", (unsigned)cp);
    }
    arena_destroy(a);
    /* the classes of language.md §2.1, and what stays allowed */
    static const uint32_t refused[] = {0x00AD, 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0xFE0F,
                                       0xE0001, 0xE0041, 0xE007F, 0xE0100, 0x2065, 0x206A,
                                       0x206F, 0xFFF9, 0xFFFB, 0x0085, 0x2028, 0x200D, 0xE0FFF};
    static const uint32_t allowed[] = {0x00A0, 0x3000, 0x4E2D, 0x3001, 0xFF08, 0x2764, 0x1F600,
                                       0x1F3FB, 0x0301, 0x20000};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_true(utf8_is_forbidden_invisible(refused[i]));
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        assert_false(utf8_is_forbidden_invisible(allowed[i]));
}

static void
line_ends_lf_crlf_and_cr(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    struct diag_sink diags;
    diag_sink_init(&diags, a, DIAG_LANG_EN);
    struct source *src;
    const char *text = "a\r\nb\rc\nd";
    assert_int_equal(load_bytes(a, &diags, "t", 0, text, strlen(text), &src), LOAD_OK);
    unsigned line, col;
    source_position(src, 7, &line, &col); /* 'd' */
    assert_int_equal(line, 4);
    assert_int_equal(col, 1);
    source_position(src, 5, &line, &col); /* 'c' after a lone CR */
    assert_int_equal(line, 3);
    arena_destroy(a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_comparator_spelling),
        cmocka_unit_test(units_glued_spaced_and_compound),
        cmocka_unit_test(unit_must_be_on_the_line_of_its_number),
        cmocka_unit_test(suffixes_split_from_units),
        cmocka_unit_test(operators_of_compute),
        cmocka_unit_test(thousands_separators),
        cmocka_unit_test(dates_in_every_spelling),
        cmocka_unit_test(strings_in_every_quoting),
        cmocka_unit_test(range_word_glued_or_spaced),
        cmocka_unit_test(keywords_in_both_languages),
        cmocka_unit_test(locations_are_byte_ranges),
        cmocka_unit_test(errors_are_located),
        cmocka_unit_test(bad_utf8_is_located),
        cmocka_unit_test(invisible_and_nul_characters_are_rejected),
        cmocka_unit_test(every_invisible_code_point_is_rejected),
        cmocka_unit_test(line_ends_lf_crlf_and_cr),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
