/*
 * emit.h - the back-end interface and its registry.
 *
 * A back end reads a compiled (error-free) compilation and writes one
 * format to a stream.  It never reports user errors and never changes the
 * tree; for the same input it writes the same bytes.  Adding a format is
 * one emit_<format>.c file and one row in emit.c.
 */
#ifndef GOALC_EMIT_H
#define GOALC_EMIT_H

#include <stdio.h>

struct compilation;

struct emitter {
    const char *name;      /* as given to --format */
    const char *extension; /* of files written with -o DIR */
    void (*emit)(const struct compilation *c, FILE *out);
};

/* The emitter called name, or NULL. */
const struct emitter *
emit_find(const char *name);
/* Writes the names of all formats, separated by sep, for --help. */
void
emit_list_formats(FILE *out, const char *sep);

void
emit_json(const struct compilation *c, FILE *out);

#endif
