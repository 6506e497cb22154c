/*
 * suggest.c - "did you mean": edit distance over code points, weighted by
 * how Chinese typos arise.
 *
 * Chinese text is typed through a pinyin input method, which offers every
 * character of a syllable (gongli: 公里, 公理, 公历), or read from a form
 * where a stroke is easily missed (收入 / 收人, 项目 / 项日).  So replacing
 * a character by a homophone (pinyin.def, generated from Unihan) or a
 * look-alike (lookalike.def, curated) costs half an edit, and any other
 * change of a CJK character in a short name is not a typo but another word
 * (周岁 is not 周, 百分点 not 百分比): no suggestion.  Ties that nothing
 * breaks give no suggestion either, rather than whatever was declared
 * first.  Names are short (tens of characters), so the classic two-row
 * dynamic programme is plenty; longer inputs are not compared at all.
 * The tables are built once (platform_once) and only read after that.
 */
#include "base/suggest.h"
#include "platform/platform.h"

#include "base/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_CHARS = 64 };

/* Names of at most this many characters take no plain change of a CJK character. */
enum { SHORT_NAME = 3 };

/* --- the tables ------------------------------------------------------------ */

/* A character and its group: a syllable (pinyin) or a look-alike group. */
struct char_class {
    uint32_t cp;
    uint16_t group;
};

static const char *const syllable_chars[] = {
#define PINYIN(syllable, chars) chars,
#include "base/pinyin.def"
#undef PINYIN
};
static const char *const lookalike_chars[] = {
#define LOOKALIKE(chars) chars,
#include "base/lookalike.def"
#undef LOOKALIKE
};

enum {
    SYLLABLE_COUNT = sizeof syllable_chars / sizeof syllable_chars[0],
    LOOKALIKE_COUNT = sizeof lookalike_chars / sizeof lookalike_chars[0],
};

/* Every character is at least one byte: the tables never hold more entries
   than their groups have bytes. */
#define PINYIN(syllable, chars) +sizeof chars
static struct char_class pinyin_table[0
#include "base/pinyin.def"
];
#undef PINYIN
#define LOOKALIKE(chars) +sizeof chars
static struct char_class lookalike_table[0
#include "base/lookalike.def"
];
#undef LOOKALIKE
static size_t pinyin_count, lookalike_count;
static struct platform_once tables_once = PLATFORM_ONCE_INIT;

static int
by_code_point(const void *a, const void *b)
{
    uint32_t x = ((const struct char_class *)a)->cp, y = ((const struct char_class *)b)->cp;
    return (x > y) - (x < y);
}

/* Every character of groups[0..n), with its group's index, sorted into t. */
static size_t
build(const char *const *groups, size_t n, struct char_class *t)
{
    size_t k = 0;
    for (size_t g = 0; g < n; g++) {
        const unsigned char *s = (const unsigned char *)groups[g];
        size_t len = strlen(groups[g]);
        for (size_t i = 0; i < len;) {
            size_t bad;
            uint32_t cp;
            size_t step = utf8_decode(s + i, len - i, &cp, &bad);
            if (step == 0)
                break;
            t[k++] = (struct char_class){cp, (uint16_t)g};
            i += step;
        }
    }
    qsort(t, k, sizeof *t, by_code_point);
    return k;
}

static void
build_tables(void)
{
    pinyin_count = build(syllable_chars, SYLLABLE_COUNT, pinyin_table);
    lookalike_count = build(lookalike_chars, LOOKALIKE_COUNT, lookalike_table);
}

static int
group_of(const struct char_class *t, size_t n, uint32_t cp)
{
    struct char_class key = {cp, 0};
    const struct char_class *hit = bsearch(&key, t, n, sizeof *t, by_code_point);
    return hit != NULL ? hit->group : -1;
}

static bool
is_cjk(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp >= 0x20000;
}

bool
suggest_homophone(uint32_t a, uint32_t b)
{
    platform_once(&tables_once, build_tables);
    int g = group_of(pinyin_table, pinyin_count, a);
    return g >= 0 && g == group_of(pinyin_table, pinyin_count, b);
}

bool
suggest_lookalike(uint32_t a, uint32_t b)
{
    platform_once(&tables_once, build_tables);
    int g = group_of(lookalike_table, lookalike_count, a);
    return g >= 0 && g == group_of(lookalike_table, lookalike_count, b);
}

/* --- the distance ---------------------------------------------------------- */

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

/* The cost of a path, in half edits, and how many of its edits change a CJK
   character for no reason a typo would have. */
struct cost {
    size_t half;
    size_t plain_cjk;
    size_t cjk; /* edits of a CJK character, of any kind */
};

static bool
cheaper(struct cost a, struct cost b)
{
    return a.half < b.half || (a.half == b.half && a.plain_cjk < b.plain_cjk);
}

static struct cost
step(struct cost c, size_t half, bool plain_cjk, bool cjk)
{
    return (struct cost){c.half + half, c.plain_cjk + plain_cjk, c.cjk + cjk};
}

static struct cost
weighted(const uint32_t *x, size_t n, const uint32_t *y, size_t m)
{
    struct cost prev[MAX_CHARS + 1], cur[MAX_CHARS + 1];
    prev[0] = (struct cost){0, 0, 0};
    for (size_t j = 1; j <= m; j++)
        prev[j] = step(prev[j - 1], 2, is_cjk(y[j - 1]), is_cjk(y[j - 1]));
    for (size_t i = 1; i <= n; i++) {
        cur[0] = step(prev[0], 2, is_cjk(x[i - 1]), is_cjk(x[i - 1]));
        for (size_t j = 1; j <= m; j++) {
            uint32_t a = x[i - 1], b = y[j - 1];
            struct cost best;
            if (a == b)
                best = prev[j - 1];
            else if (is_cjk(a) && is_cjk(b) && (suggest_homophone(a, b) || suggest_lookalike(a, b)))
                best = step(prev[j - 1], 1, false, true);
            else
                best = step(prev[j - 1], 2, is_cjk(a) || is_cjk(b), is_cjk(a) || is_cjk(b));
            /* A character typed twice (人次次) is a slip of the key, not another word. */
            bool doubled = (i >= 2 && x[i - 2] == a) || (i < n && x[i] == a);
            struct cost del =
                doubled ? step(prev[j], 1, false, true) : step(prev[j], 2, is_cjk(a), is_cjk(a));
            struct cost ins = step(cur[j - 1], 2, is_cjk(b), is_cjk(b));
            if (cheaper(del, best))
                best = del;
            if (cheaper(ins, best))
                best = ins;
            cur[j] = best;
        }
        memcpy(prev, cur, (m + 1) * sizeof prev[0]);
    }
    return prev[m];
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

/* --- choosing ------------------------------------------------------------- */

const char *
suggest_closest(const char *name, const char *const *candidates, size_t count)
{
    return suggest_closest_preferring(name, candidates, count, NULL);
}

const char *
suggest_closest_preferring(const char *name, const char *const *candidates, size_t count,
                           const bool *preferred)
{
    uint32_t x[MAX_CHARS], y[MAX_CHARS];
    size_t n = decode_all(name, x);
    if (n > MAX_CHARS)
        return NULL;
    const char *best = NULL;
    struct cost best_cost = {(size_t)-1, 0, 0};
    bool best_preferred = false, best_same_length = false, tied = false;
    for (size_t i = 0; i < count; i++) {
        size_t m = decode_all(candidates[i], y);
        if (m > MAX_CHARS)
            continue;
        struct cost c = weighted(x, n, y, m);
        size_t longer = m > n ? m : n;
        size_t limit = longer / 3 > 1 ? longer / 3 : 1;
        /* A suggestion keeps some of what was written (not when every
           character differs), and a short Chinese name is not turned into
           another word. */
        if (c.half == 0 || c.half > 2 * limit || c.half >= 2 * n ||
            (n <= SHORT_NAME && c.plain_cjk > 0))
            continue;
        bool pref = preferred != NULL && preferred[i], same = m == n;
        /* Better: preferred (the context's kind), then cheaper, then as long
           as the name (人欠 → 人次 rather than 人). */
        int order = 0;
        if (best == NULL || pref != best_preferred)
            order = best == NULL || pref ? 1 : -1;
        else if (c.half != best_cost.half)
            order = c.half < best_cost.half ? 1 : -1;
        else if (same != best_same_length)
            order = same ? 1 : -1;
        if (order > 0) {
            best = candidates[i];
            best_cost = c;
            best_preferred = pref;
            best_same_length = same;
            tied = false;
        } else if (order == 0 && c.cjk > 0 && best_cost.cjk > 0) {
            /* Two Chinese words as close: either may change the meaning.
               Spellings that differ in a symbol (元/人·月, 元/人・月) are
               one unit written two ways: the first will do. */
            tied = true;
        }
    }
    return tied ? NULL : best;
}
