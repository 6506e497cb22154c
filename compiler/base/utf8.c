/*
 * utf8.c - strict UTF-8 decoding, encoding and display width.
 *
 * The decoder is the only place that interprets multibyte sequences; the
 * lexer relies on the source having been validated with it beforehand.
 */
#include "base/utf8.h"

#include <utf8proc.h>

size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, size_t *bad_len)
{
    *bad_len = 1;
    if (n == 0)
        return 0;
    unsigned char b = s[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    size_t len;
    uint32_t min, c;
    if (b >= 0xC2 && b <= 0xDF) {
        len = 2, min = 0x80, c = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3, min = 0x800, c = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4, min = 0x10000, c = b & 0x07;
    } else {
        return 0; /* stray continuation byte, overlong lead C0/C1, or F5..FF */
    }
    for (size_t i = 1; i < len; i++) {
        if (i >= n || !utf8_is_continuation(s[i])) {
            *bad_len = i; /* truncated sequence: report the bytes present */
            return 0;
        }
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *bad_len = len;
        return 0;
    }
    *cp = c;
    return len;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int
utf8_width(uint32_t cp)
{
    int w = utf8proc_charwidth((utf8proc_int32_t)cp);
    return w < 0 ? 1 : w;
}

static const uint32_t ambiguous[][2] = {
#define AMBIGUOUS(first, last) {first, last},
#include "base/eaw_ambiguous.def"
#undef AMBIGUOUS
};

bool
utf8_is_ambiguous_width(uint32_t cp)
{
    size_t lo = 0, hi = sizeof ambiguous / sizeof ambiguous[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < ambiguous[mid][0])
            hi = mid;
        else if (cp > ambiguous[mid][1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

size_t
utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (!utf8_is_continuation((unsigned char)s[i]))
            count++;
    return count;
}

/*
 * Code points Unicode reserves as Default_Ignorable_Code_Point before
 * assigning them (Other_Default_Ignorable_Code_Point; stable by Unicode
 * policy).  utf8proc gives unassigned code points no properties, so they
 * are listed here: a future tag or selector is as invisible as today's.
 */
static bool
reserved_ignorable(uint32_t cp)
{
    return cp == 0x2065 || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0xE0000 && cp <= 0xE0FFF);
}

int
utf8_is_forbidden_invisible(uint32_t cp)
{
    if (cp < 0x80 || cp > 0x10FFFF)
        return 0;
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    return p->ignorable                               /* Default_Ignorable_Code_Point */
           || p->category == UTF8PROC_CATEGORY_CF     /* every other format character */
           || p->category == UTF8PROC_CATEGORY_ZL     /* U+2028 */
           || p->category == UTF8PROC_CATEGORY_ZP     /* U+2029 */
           || cp == 0x0085                            /* NEL, a line end to Unicode */
           || reserved_ignorable(cp);
}
