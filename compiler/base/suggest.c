/*
 * suggest.c - edit distance over code points, for suggestions.
 *
 * Names are short (tens of characters), so the classic two-row dynamic
 * programme is plenty; longer inputs are not compared at all.
 */
#include "base/suggest.h"

#include "base/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { MAX_CHARS = 64 };

/* Decodes up to MAX_CHARS code points; returns the count, or MAX_CHARS + 1 when longer. */
static size_t
decode_all(const char *s, uint32_t *out)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        if (n == MAX_CHARS)
            return MAX_CHARS + 1;
        size_t bad;
        size_t k = utf8_decode((const unsigned char *)s + i, len - i, &out[n], &bad);
        if (k == 0) { /* not expected: sources are validated; count the byte */
            out[n] = (unsigned char)s[i];
            k = 1;
        }
        n++;
        i += k;
    }
    return n;
}

size_t
suggest_distance(const char *a, const char *b)
{
    uint32_t x[MAX_CHARS], y[MAX_CHARS];
    size_t n = decode_all(a, x), m = decode_all(b, y);
    if (n > MAX_CHARS || m > MAX_CHARS)
        return (size_t)-1;
    size_t prev[MAX_CHARS + 1], cur[MAX_CHARS + 1];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t best = prev[j - 1] + (x[i - 1] != y[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (m + 1) * sizeof prev[0]);
    }
    return prev[m];
}

const char *
suggest_closest(const char *name, const char *const *candidates, size_t count)
{
    const char *best = NULL;
    size_t best_distance = (size_t)-1, best_len = 0;
    size_t name_len = utf8_count(name, strlen(name));
    for (size_t i = 0; i < count; i++) {
        size_t d = suggest_distance(name, candidates[i]);
        size_t len = utf8_count(candidates[i], strlen(candidates[i]));
        size_t longer = len > name_len ? len : name_len;
        size_t limit = longer / 3 > 1 ? longer / 3 : 1;
        /* A suggestion keeps some of what was written: not when every character differs. */
        if (d == 0 || d > limit || d >= name_len)
            continue;
        /* Ties go to the earlier candidate, unless a later one has the name's length
           (人欠 → 人次, not 人). */
        bool better = d < best_distance ||
                      (d == best_distance && len == name_len && best_len != name_len);
        if (better) {
            best = candidates[i];
            best_distance = d;
            best_len = len;
        }
    }
    return best;
}
