/*
 * diag_phrase.h - the phrase catalogue (phrase.def): every text a user
 * reads that is not a diagnostic's headline message, by id, in English and
 * Chinese.
 *
 * Passes build hints and labels with diag_phrasef in their sink's language
 * and arena; the command and the rendering take a text with diag_phrase.
 * No code outside phrase.def and diag.def chooses between two languages'
 * literals (tests/run-messages.sh says so).
 */
#ifndef GOALC_DIAG_PHRASE_H
#define GOALC_DIAG_PHRASE_H

#include <stdbool.h>
#include <stddef.h>

struct diag_sink;

enum diag_phrase_id {
#define PHRASE(id, en, zh) PHRASE_##id,
#include "diag/phrase.def"
#undef PHRASE
    PHRASE_COUNT
};

enum diag_lang { DIAG_LANG_EN, DIAG_LANG_ZH };

/* The text of one language, a printf format (phrase.def). */
const char *
diag_phrase(enum diag_lang lang, enum diag_phrase_id id);

/* The phrase in the sink's language, formatted with its arguments, kept in
   the sink's arena (an allocation failure unwinds as any arena's does). */
const char *
diag_phrasef(const struct diag_sink *sink, enum diag_phrase_id id, ...);

/*
 * The replacement a message in lang proposes, when it carries a "did you
 * mean" hint (DID_YOU_MEAN, DID_YOU_MEAN_EITHER: the first name;
 * DID_YOU_MEAN_QUOTED: the name in quotes, as it is to be written): true,
 * with *start and *len the span of message that holds it.  For the quick
 * fix of an editor (diagnostics as JSON, the web page): the text that
 * replaces the diagnostic's range.
 */
bool
diag_phrase_suggestion(enum diag_lang lang, const char *message, const char **start, size_t *len);

#endif
