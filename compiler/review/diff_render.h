/*
 * diff_render.h - printing a change list (diff.h) as terminal text,
 * Markdown for a pull-request comment, or JSON for tools (docs/diff.md).
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

/* "text", "markdown" (or "md"), "json"; false for anything else. */
bool
diff_format_from_name(const char *name, enum diff_format *out);

void
diff_render(const struct diff *d, FILE *out, const struct diff_render_options *o);

#endif
