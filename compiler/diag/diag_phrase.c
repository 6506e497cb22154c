/*
 * diag_phrase.c - the phrase catalogue's texts by id and language.
 *
 * Owns the table built from phrase.def.  The texts are formats chosen at
 * run time, so the compiler cannot check them at each call; test_diag
 * checks instead that both languages of every entry take the same
 * conversions.
 */
#include "diag/diag_phrase.h"

#include "base/arena.h"
#include "diag/diag.h"

#include <stdarg.h>

static const char *const phrases[PHRASE_COUNT][2] = {
#define PHRASE(id, en, zh) [PHRASE_##id] = {en, zh},
#include "diag/phrase.def"
#undef PHRASE
};

const char *
diag_phrase(enum diag_lang lang, enum diag_phrase_id id)
{
    return phrases[id][lang];
}

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

const char *
diag_phrasef(const struct diag_sink *sink, enum diag_phrase_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    const char *s = arena_vprintf(sink->arena, phrases[id][sink->lang], ap);
    va_end(ap);
    return s;
}
