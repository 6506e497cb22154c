/*
 * diff_render.h - printing a change list (diff.h) as terminal text,
 * Markdown for a pull-request comment, or JSON for tools (docs/diff.md).
 * The reports' words come from the catalogue diff.def.
 */
#ifndef GOALC_DIFF_RENDER_H
#define GOALC_DIFF_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "diag/diag.h"

struct diff;

enum diff_format { DIFF_FORMAT_TEXT, DIFF_FORMAT_MARKDOWN, DIFF_FORMAT_JSON };

struct diff_render_options {
    enum diff_format format;
    enum diag_lang lang; /* of the fixed words (text and markdown) */
    bool color;          /* text: ANSI colours */
    const char *old_name, *new_name; /* the two sides as given on the command line */
};

/* The words of the text and Markdown reports (diff.def). */
enum diff_word_id {
#define DIFF_WORD(id, en, zh) DIFF_WORD_##id,
#include "review/diff.def"
#undef DIFF_WORD
    DIFF_WORD_COUNT
};

/* A word of the catalogue in one language. */
const char *
diff_word(enum diff_word_id id, enum diag_lang lang);

/* "text", "markdown" (or "md"), "json"; false for anything else. */
bool
diff_format_from_name(const char *name, enum diff_format *out);

void
diff_render(const struct diff *d, FILE *out, const struct diff_render_options *o);

#endif
