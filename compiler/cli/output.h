/*
 * output.h - writing an output file so that it is never half-written.
 *
 * A regular file is written to a temporary file in the same directory and
 * renamed over the target on commit; a device, pipe or "-" (standard
 * output) is written directly.  A symbolic link to a regular file replaces
 * the file it points to, not the link.
 */
#ifndef GOALC_OUTPUT_H
#define GOALC_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

struct output {
    FILE *fp;
    char *path;     /* the path as given, for messages */
    char *target;   /* the file renamed over; NULL when written directly */
    char *tmp_path; /* the temporary file; NULL when written directly */
    int error;      /* errno of the first failure */
};

/* Opens path for writing.  On failure returns false with out->error set. */
bool
output_open(struct output *out, const char *path);
/* Flushes and moves the file into place.  On failure the target is untouched. */
bool
output_commit(struct output *out);
/* Abandons the output: removes the temporary file. */
void
output_abort(struct output *out);

#endif
