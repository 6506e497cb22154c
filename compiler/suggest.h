/*
 * suggest.h - "did you mean …?" for misspelt names.
 *
 * Distances count characters (code points), not bytes, so one wrong CJK
 * character is one edit, as it is for a Latin letter.
 */
#ifndef GOALC_SUGGEST_H
#define GOALC_SUGGEST_H

#include <stddef.h>

/* Edit distance (insert, delete, substitute) between two UTF-8 strings. */
size_t
suggest_distance(const char *a, const char *b);

/*
 * The candidate closest to name, if it is close enough to be a likely
 * misspelling (at most a third of the longer name's characters, at least
 * one); NULL otherwise.  Ties go to the earlier candidate.
 */
const char *
suggest_closest(const char *name, const char *const *candidates, size_t count);

#endif
