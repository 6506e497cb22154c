/*
 * keyword.h - the reserved words of the language (keyword.def), by id,
 * with their Chinese and English spellings.
 *
 * The scanner classifies words into these ids (lexutil.h); the passes and
 * the formatter name keywords through keyword_spelling(), so a message or
 * a formatted file spells a keyword as the lexer reads it.
 */
#ifndef GOALC_KEYWORD_H
#define GOALC_KEYWORD_H

#include "model/ast.h"

enum keyword {
    KEYWORD_NONE, /* not a keyword */
#define KEYWORD(id, zh, en) KEYWORD_##id,
#include "model/keyword.def"
#undef KEYWORD
    KEYWORD_COUNT
};

/* The spelling of a keyword in one language (0 = Chinese, 1 = English); "" for KEYWORD_NONE. */
const char *
keyword_spelling(enum keyword k, int english);

/*
 * Whether an ASCII name must be quoted to be written (language.md §2.3):
 * it holds a character other than letters, digits and _, starts with a
 * digit, or is a keyword.  Names with other characters are never judged
 * here (false): the scanner's tables decide those.
 */
int
keyword_ascii_needs_quotes(const char *name);

/* The keyword that introduces a fund modifier (调整后, 执行, 决算…). */
enum keyword
keyword_of_fund_mod(enum ast_fund_mod_kind kind);

#endif
