/*
 * diag_format.h - diagnostics for programs: JSON Lines and SARIF 2.1.0.
 *
 * diag.c renders diagnostics for people; this module renders the same
 * diagnostics, in the same order (diag_sorted), for editors, CI and
 * code-scanning services.  It owns the choice of diagnostics format and
 * both machine-readable encodings; docs/diagnostics.md ("Machine-readable
 * output") is their reference.  Positions are 1-based lines and columns
 * counted in Unicode scalar values, ends exclusive, plus byte offsets in
 * JSON.  Output depends on the diagnostics only: byte-identical for the
 * same input.
 */
#ifndef GOALC_DIAG_FORMAT_H
#define GOALC_DIAG_FORMAT_H

#include <stdbool.h>
#include <stdio.h>

#include "diag/diag.h"

enum diag_format {
    DIAG_FORMAT_TEXT,  /* GNU style for people: diag_render */
    DIAG_FORMAT_JSON,  /* JSON Lines: one object per diagnostic */
    DIAG_FORMAT_SARIF, /* one SARIF 2.1.0 log */
};

/* "text", "json" or "sarif"; false for anything else. */
bool
diag_format_from_name(const char *name, enum diag_format *format);

/* One JSON object per line for each diagnostic of the sink, in source order. */
void
diag_render_json(const struct diag_sink *sink, FILE *out);

/*
 * A SARIF log being collected: one run whose results are the diagnostics
 * of every sink added, in the order added, so one command that checks
 * several files prints one log.  Each sink's diagnostics are serialised
 * when added, so its compilation may be freed at once.
 */
struct diag_sarif;

/* NULL when out of memory. */
struct diag_sarif *
diag_sarif_new(void);
void
diag_sarif_add(struct diag_sarif *log, const struct diag_sink *sink);
/* Writes the log, once (it closes the results); false (nothing written) when
   memory ran out while collecting. */
bool
diag_sarif_write(struct diag_sarif *log, FILE *out, const char *tool_version);
void
diag_sarif_free(struct diag_sarif *log);

/* The log of one sink: new, add, write, free.  False when out of memory. */
bool
diag_render_sarif(const struct diag_sink *sink, FILE *out, const char *tool_version);

#endif
