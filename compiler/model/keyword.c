/*
 * keyword.c - the spellings of the reserved words, from keyword.def.
 */
#include "model/keyword.h"

#include <stddef.h>
#include <string.h>

static const char *const spellings[KEYWORD_COUNT][2] = {
    [KEYWORD_NONE] = {"", ""},
#define KEYWORD(id, zh, en) [KEYWORD_##id] = {zh, en},
#include "model/keyword.def"
#undef KEYWORD
};

const char *
keyword_spelling(enum keyword k, int english)
{
    return (size_t)k < KEYWORD_COUNT ? spellings[k][english ? 1 : 0] : "";
}

int
keyword_ascii_needs_quotes(const char *name)
{
    if (name[0] == '\0' || (name[0] >= '0' && name[0] <= '9'))
        return name[0] != '\0';
    for (const char *p = name; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80)
            return 0;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return 1;
    }
    for (int k = KEYWORD_NONE + 1; k < KEYWORD_COUNT; k++)
        if (strcmp(spellings[k][1], name) == 0)
            return 1;
    return 0;
}

static const enum keyword fund_mod_keywords[AST_FUNDMOD_KIND_COUNT] = {
    [AST_FUNDMOD_ADJUSTED] = KEYWORD_ADJUSTED,   [AST_FUNDMOD_EXECUTED] = KEYWORD_EXECUTED,
    [AST_FUNDMOD_PERIOD] = KEYWORD_PERIOD,       [AST_FUNDMOD_FINAL] = KEYWORD_FINAL_ACCOUNTS,
    [AST_FUNDMOD_RATE] = KEYWORD_EXECUTION_RATE, [AST_FUNDMOD_WEIGHT] = KEYWORD_WEIGHT,
    [AST_FUNDMOD_SCORE] = KEYWORD_SCORE,         [AST_FUNDMOD_DEVIATION] = KEYWORD_DEVIATION,
    [AST_FUNDMOD_COLUMN] = KEYWORD_COLUMN,
    [AST_FUNDMOD_SHARE] = KEYWORD_SHARE,
};

enum keyword
keyword_of_fund_mod(enum ast_fund_mod_kind kind)
{
    return fund_mod_keywords[kind];
}
