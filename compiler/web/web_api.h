/*
 * web_api.h - goalc as a library for the web page (web/): one call
 * compiles a file and gives its diagnostics as JSON Lines and one output
 * format as bytes, exactly as `goalc build --format FORMAT FILE` would
 * write them (docs/web.md).
 *
 * The files are read from the file system the caller set up (in the
 * browser, emscripten's in-memory one, which the page fills with the
 * texts it holds), so includes resolve as they do for the command.  The
 * results live until the next call; one compilation at a time.
 */
#ifndef GOALC_WEB_API_H
#define GOALC_WEB_API_H

#include <stddef.h>

/*
 * Compiles the file at path with messages in lang (0 English, 1 Chinese)
 * and renders format:
 *   ""            nothing but the diagnostics (goalc check)
 *   json html md  the file's output of that format
 *   csv:NAME      the file NAME of a gathering format (csv:indicators.csv,
 *                 csv:funds.csv)
 *   xlsx sqlite   the database format's file (tables.xlsx, tables.db)
 *   fmt           the file in the canonical layout (goalc fmt: parsed
 *                 only, so it works on a table with semantic errors)
 * Returns goalc's exit status: 0 compiled (the output is there), 1 the
 * input has errors (no output), 2 trouble (an unreadable file, an unknown
 * format, out of memory: no output).
 */
int
web_compile(const char *path, const char *format, int lang);

/* The last call's diagnostics, JSON Lines (docs/diagnostics.md). */
const char *
web_diagnostics(void);
size_t
web_diagnostics_length(void);

/* The last call's output bytes (NULL and 0 when there is none). */
const unsigned char *
web_output(void);
size_t
web_output_length(void);

#endif
