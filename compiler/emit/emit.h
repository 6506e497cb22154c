/*
 * emit.h - the back-end interface and its registry.
 *
 * A back end reads a compiled (error-free) compilation and writes one
 * format to a stream.  It never reports user errors and never changes the
 * tree; for the same input it writes the same bytes.  Adding a format is
 * one emit_<format>.c file and one row in emit.c.
 *
 * Most formats write one file per input (emit).  A gathering format (CSV)
 * writes a fixed set of files, each holding the rows of every input: the
 * driver calls begin once per file, then add for each input in turn.  A
 * database format (sqlite) gathers too, into one file it builds in memory
 * (struct emit_database_ops).
 *
 * A back end writes through a writer (writer.h) with a buffer of its own
 * and flushes it before it returns, so each call leaves all its bytes with
 * the stream, and a write error with the stream's error indicator, where
 * the caller (output.c) looks for it.
 */
#ifndef GOALC_EMIT_H
#define GOALC_EMIT_H

#include "diag/diag_phrase.h"

#include <stdbool.h>
#include <stdio.h>


struct compilation;

struct emit_options {
    bool excel;      /* CSV: a UTF-8 byte-order mark and CRLF line ends */
    bool headers_zh; /* CSV: the header rows in Chinese (--lang zh given) */
    bool no_locations; /* JSON: no "location" members (--json-locations none) */
    bool canonical_targets; /* HTML, pdf: targets in goalc's notation, not as filed
                               (--html-targets canonical) */
};

/* One file of a gathering format. */
struct emit_file {
    const char *name; /* in the output directory */
    void (*begin)(FILE *out, const struct emit_options *opt);
    void (*add)(const struct compilation *c, FILE *out, const struct emit_options *opt);
};

/*
 * A database format (sqlite, xlsx): one file of a fixed name holding every
 * input, built as the inputs come and written whole by write, after the
 * last.  add and write return false on failure, error giving the
 * library's reason; the caller reports it (with the phrase failed) and
 * writes nothing.  A format whose library writes only to a named file
 * (xlsx) asks for a scratch file (scratch), which the caller makes,
 * passes to open and removes after close; the others get NULL.
 */
struct emit_database;
struct emit_database_ops {
    const char *name; /* the file's name in the output directory */
    bool scratch;     /* open wants a scratch file's path */
    enum diag_phrase_id failed; /* "cannot build %s: LIBRARY says: %s" */
    enum diag_phrase_id needs_output; /* the format alone, without -o */
    enum diag_phrase_id names_file;   /* -o FILE.EXT with other formats: "%s ... %s/" */
    enum diag_phrase_id is_file;      /* -o an existing file with other formats: "%s ... %s" */
    const char *const *suffixes; /* of a file -o names for the format alone; NULL-ended */
    struct emit_database *(*open)(const char *scratch); /* NULL: out of memory */
    bool (*add)(struct emit_database *db, const struct compilation *c);
    bool (*write)(struct emit_database *db, FILE *out);
    const char *(*error)(const struct emit_database *db);
    void (*close)(struct emit_database *db); /* NULL: nothing */
};

struct emitter {
    const char *name;      /* as given to --format */
    const char *extension; /* of files written with -o DIR; NULL for a gathering format */
    /* Writes one input, with the options that concern the format; NULL for a gathering format. */
    void (*emit)(const struct compilation *c, FILE *out, const struct emit_options *opt);
    const struct emit_file *files; /* a gathering format's files */
    size_t file_count;
    /* The page emit writes is printed to a PDF by a browser (pdf: the
       HTML), which the command runs (cli/print.c): a back end never starts
       a process. */
    bool printed;
    const struct emit_database_ops *database; /* a database format's; NULL for the others */
};

/* The emitter called name, or NULL. */
const struct emitter *
emit_find(const char *name);
/* Writes the names of all formats, separated by sep, for --help. */
void
emit_list_formats(FILE *out, const char *sep);

void
emit_json(const struct compilation *c, FILE *out, const struct emit_options *opt);
void
emit_html(const struct compilation *c, FILE *out, const struct emit_options *opt);
void
emit_markdown(const struct compilation *c, FILE *out, const struct emit_options *opt);
void
emit_csv_indicators_begin(FILE *out, const struct emit_options *opt);
void
emit_csv_indicators(const struct compilation *c, FILE *out, const struct emit_options *opt);
void
emit_csv_funds_begin(FILE *out, const struct emit_options *opt);
void
emit_csv_funds(const struct compilation *c, FILE *out, const struct emit_options *opt);

extern const struct emit_database_ops emit_sqlite;
extern const struct emit_database_ops emit_xlsx;

#endif
