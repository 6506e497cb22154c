/*
 * inputs.h - the command line's FILE operands made into the files read:
 * a directory stands for the .goal files in it and below it.
 */
#ifndef GOALC_INPUTS_H
#define GOALC_INPUTS_H

#include "diag/diag_phrase.h"

#include <stdbool.h>
#include <stddef.h>

/* The paths made from directories, owned until inputs_free(). */
struct inputs {
    char **paths;
    size_t count, cap;
    const char **files; /* the new list of operands, or NULL when none was a directory */
};

/*
 * Replaces every directory among files[0..*count) by its .goal files
 * (inputs.c says which, and in which order); on success *files and *count
 * may point at the new list, owned by in.  false when a directory cannot
 * be read or holds no .goal file (reported, in lang) or memory runs out
 * (*oom set, not reported).
 */
bool
inputs_expand(struct inputs *in, const char ***files, size_t *count, enum diag_lang lang,
              bool *oom);

void
inputs_free(struct inputs *in);

#endif
