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
 * misspelling: at most a third of the longer name's characters, at least
 * one, and fewer than the name has (so 卷 suggests nothing, not 人).  Ties
 * go to the earlier candidate, unless a later one is as long as the name
 * (人欠 suggests 人次 rather than 人).  NULL otherwise.
 */
const char *
suggest_closest(const char *name, const char *const *candidates, size_t count);

#endif
