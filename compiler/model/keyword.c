/*
 * keyword.c - the spellings of the reserved words, from keyword.def.
 */
#include "model/keyword.h"

#include <stddef.h>

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
