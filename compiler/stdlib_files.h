/*
 * stdlib_files.h - the stdlib sources compiled into the binary.
 *
 * The table is generated at build time from the .goal files of stdlib/ by
 * scripts/embed-stdlib.sh (see the Makefile), in file-name order, so goalc
 * knows its units and frameworks from any directory.  --stdlib DIR reads
 * the same files from DIR instead.
 */
#ifndef GOALC_STDLIB_FILES_H
#define GOALC_STDLIB_FILES_H

#include <stddef.h>

struct stdlib_file {
    const char *name; /* "units.goal" */
    const char *text;
    size_t len;
};

extern const struct stdlib_file stdlib_files[];
extern const size_t stdlib_file_count;

#endif
