/*
 * lexutil.h - the scanner's tables and decoders, kept apart from flex.
 *
 * Everything the lexer needs to know about spellings lives here: the
 * word table (the keywords of keyword.def in both languages, comparator
 * words, target suffixes), and
 * the decoders for strings, text blocks, numbers and dates.  No bison
 * types: the lexer maps lex_word to its tokens.
 */
#ifndef GOALC_LEXUTIL_H
#define GOALC_LEXUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "model/ast.h"
#include "model/keyword.h"

struct arena;

/* A keyword's lex_word is its enum keyword (keyword.h); the rest follow. */
enum lex_word {
    LEX_WORD_PLAIN = KEYWORD_NONE, /* not reserved: a name */
#define KEYWORD(id, zh, en) LEX_WORD_##id = KEYWORD_##id,
#include "model/keyword.def"
#undef KEYWORD
    LEX_WORD_CMP = KEYWORD_COUNT, /* a comparator word; see *cmp */
    LEX_WORD_ABOVE, /* 以上: at least, after a value */
    LEX_WORD_BELOW, /* 以下, 以内: at most, after a value */
    LEX_WORD_BEFORE, /* 前: by a date */
    LEX_WORD_RANGE,  /* 至 */
};

/* Classifies a whole word. */
enum lex_word
lex_classify(const char *s, size_t len, enum ast_cmp *cmp);

/*
 * Length of a comparator or range word (大于等于, 至) that starts s and is
 * directly followed by a digit, else 0; *kind says which.
 */
size_t
lex_operator_prefix(const char *s, size_t len, enum lex_word *kind, enum ast_cmp *cmp);

/*
 * How much of a word after a number is its unit: the word without the
 * suffix words that end it (以上, 及以下, 以内…, or 至 as in 90%至95%), all
 * of them, so that a unit never ends in one; 0 when the word is nothing
 * but suffix words.
 */
size_t
lex_unit_length(const char *s, size_t len);

/*
 * Decoding of quoted text.  On a bad escape, returns false and sets
 * *err_offset / *err_len to the escape within raw (relative to raw).
 */
enum lex_escape_error { LEX_ESCAPE_UNKNOWN, LEX_ESCAPE_BAD_UNICODE };
bool
lex_decode_string(struct arena *a, const char *raw, size_t len, char **out, size_t *out_len,
                  size_t *err_offset, size_t *err_len, enum lex_escape_error *err);

/*
 * The body of a """ block: decodes escapes, drops the rest of the opening
 * line when blank and the closing line's indentation, and strips the
 * indentation common to all non-blank lines.  Line ends become "\n".
 */
bool
lex_decode_text_block(struct arena *a, const char *raw, size_t len, char **out, size_t *out_len,
                      size_t *err_offset, size_t *err_len, enum lex_escape_error *err);

/* A number's digits without thousands separators, in the arena. */
char *
lex_number_digits(struct arena *a, const char *s, size_t len, size_t *digit_count);

/* Parses one of the date spellings; false when it names no real day or month. */
bool
lex_parse_date(const char *s, size_t len, struct ast_date *date);

/*
 * Text pasted from a form, which the grammar has no place for: a run of
 * full-width characters (５０, ：, （…）), written the way goal reads it.
 * PASTED_NUMBER: full-width digits, *ascii the number (５０．５ → 50.5);
 * PASTED_SEPARATOR: colons, commas, enumeration marks and full stops, which
 * goal needs none of; PASTED_OTHER: brackets and the rest, which only a
 * quoted name may hold (*ascii their ASCII forms, where they have one).
 */
enum lex_pasted { LEX_PASTED_NUMBER, LEX_PASTED_SEPARATOR, LEX_PASTED_OTHER };
enum lex_pasted
lex_classify_pasted(struct arena *a, const char *s, size_t len, char **ascii);

/*
 * One month of a month period as forms write it (2024.01, 202401,
 * 2024年1月, or 12月 after a first month: year and month are then that
 * month's, and 12月 is in its year, 3月 after 10月 in the next): its first
 * day (last false) or its last day (last true).  Returns the year read,
 * or 0 when the text names no real month.
 */
int
lex_period_month(const char *s, size_t len, int year, int month, bool last,
                 struct ast_date *date);

/* 2025.12.31 as 2025-12-31, in the arena. */
char *
lex_dotted_date(struct arena *a, const char *s, size_t len);

/* The i-th word the scanner knows beside the keywords (comparators, 以上, 前, 至…),
   "" for a keyword, NULL past the last: goalc lsp completes them as target words. */
const char *
lex_word_spelling(size_t i);

#endif
