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

size_t
utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (!utf8_is_continuation((unsigned char)s[i]))
            count++;
    return count;
}

int
utf8_is_forbidden_invisible(uint32_t cp)
{
    return cp == 0x061C                      /* ARABIC LETTER MARK */
           || cp == 0x180E                   /* MONGOLIAN VOWEL SEPARATOR */
           || (cp >= 0x200B && cp <= 0x200F) /* zero-width space/joiners, LRM, RLM */
           || cp == 0x2028 || cp == 0x2029   /* line and paragraph separators */
           || (cp >= 0x202A && cp <= 0x202E) /* bidi embeddings and overrides */
           || (cp >= 0x2060 && cp <= 0x2064) /* word joiner, invisible operators */
           || (cp >= 0x2066 && cp <= 0x2069) /* bidi isolates */
           || cp == 0xFEFF;                  /* BOM anywhere but the start */
}
