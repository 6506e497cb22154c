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
#include <string.h>

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

/* The first place at or after from where the n bytes of lit occur, or NULL. */
static const char *
find_bytes(const char *from, const char *lit, size_t n)
{
    for (; *from != '\0'; from++)
        if (strncmp(from, lit, n) == 0)
            return from;
    return NULL;
}

/*
 * Whether message holds the phrase format at some place, each %s standing
 * for a non-empty text (the shortest that lets the rest match); *slot_at
 * and *slot_len give the text of slot number want.  Every hint format
 * begins and ends with a literal ("; did you mean \"" ... "\"?").
 */
static bool
phrase_match(const char *format, const char *message, unsigned want, const char **slot_at,
             size_t *slot_len)
{
    const char *first = strstr(format, "%s");
    size_t lead = (size_t)(first - format);
    if (first == NULL || lead == 0)
        return false;
    for (const char *at = find_bytes(message, format, lead); at != NULL;
         at = find_bytes(at + 1, format, lead)) {
        const char *m = at + lead;
        bool ok = true;
        unsigned slot = 0;
        for (const char *f = first; ok && f != NULL; slot++) {
            const char *lit = f + 2, *next = strstr(lit, "%s");
            size_t n = next != NULL ? (size_t)(next - lit) : strlen(lit);
            const char *found = *m != '\0' && n > 0 ? find_bytes(m + 1, lit, n) : NULL;
            ok = found != NULL;
            if (ok && slot == want) {
                *slot_at = m;
                *slot_len = (size_t)(found - m);
            }
            if (ok)
                m = found + n;
            f = next;
        }
        if (ok)
            return true;
    }
    return false;
}

bool
diag_phrase_suggestion(enum diag_lang lang, const char *message, const char **start, size_t *len)
{
    /* The quoted form first: its text begins as the plain one's. */
    if (phrase_match(phrases[PHRASE_DID_YOU_MEAN_QUOTED][lang], message, 1, start, len)) {
        --*start; /* with the quotes around it, which the format writes */
        *len += 2;
        return true;
    }
    return phrase_match(phrases[PHRASE_DID_YOU_MEAN_EITHER][lang], message, 0, start, len) ||
           phrase_match(phrases[PHRASE_DID_YOU_MEAN][lang], message, 0, start, len);
}
