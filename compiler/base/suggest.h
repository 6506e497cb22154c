/*
 * suggest.h - "did you mean …?" for misspelt names.
 *
 * Distances count characters (code points), not bytes, so one wrong CJK
 * character is one edit, as it is for a Latin letter.  Suggestions weigh
 * Chinese typos as they arise: a homophone (pinyin input) or a look-alike
 * character is half an edit (suggest.c says more).
 */
#ifndef GOALC_SUGGEST_H
#define GOALC_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Edit distance (insert, delete, substitute) between two UTF-8 strings, unweighted. */
size_t
suggest_distance(const char *a, const char *b);

/* Whether two characters share a toneless pinyin syllable (公里 / 公理), or look alike (入 / 人). */
bool
suggest_homophone(uint32_t a, uint32_t b);
bool
suggest_lookalike(uint32_t a, uint32_t b);

/*
 * The candidate closest to name, if it is close enough to be a likely
 * misspelling: at most a third of the longer name's characters (a homophone
 * or look-alike character counts half), at least one, and fewer than the
 * name has (so 卷 suggests nothing, not 人); in a name of three characters
 * or fewer, no CJK character changed but for a homophone or a look-alike
 * (周岁 suggests nothing, not 周).  The closest wins; then one as long as
 * the name (人欠 suggests 人次 rather than 人); a tie beyond that between
 * changes of CJK characters suggests nothing, one between other changes
 * goes to the earlier candidate.  A character typed twice (人次次) is half
 * an edit too.  NULL otherwise.
 */
const char *
suggest_closest(const char *name, const char *const *candidates, size_t count);

/*
 * The same, where preferred[i] marks the candidates of the kind the context
 * asks for (units of the dimension of the other end of a range): an
 * acceptable preferred candidate wins over any other.  preferred may be NULL.
 */
const char *
suggest_closest_preferring(const char *name, const char *const *candidates, size_t count,
                           const bool *preferred);

#endif
