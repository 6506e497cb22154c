/*
 * utf8.h - decoding and measuring UTF-8 text.
 *
 * Decoding is strict (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF).  Display width comes from utf8proc so that East Asian
 * wide characters count two terminal columns.
 */
#ifndef GOALC_UTF8_H
#define GOALC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether b continues a character (10xxxxxx) rather than starting one.  Inline: the
   validation of a whole file (load.c) runs on it. */
static inline bool
utf8_is_continuation(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/*
 * Decodes the sequence at s (at most n bytes).  Returns its length (1-4) and
 * stores the code point, or returns 0 when the bytes are not valid UTF-8;
 * *bad_len then says how many bytes form the invalid sequence (at least 1).
 */
size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, size_t *bad_len);

/* Encodes cp (a valid scalar value) into out[4]; returns the length. */
size_t
utf8_encode(uint32_t cp, char *out);

/* Terminal columns taken by cp: 0, 1 or 2. */
int
utf8_width(uint32_t cp);

/* Whether cp's East Asian Width is ambiguous (“ ” ≥ · …): one terminal
   column in most locales, two in Chinese, Japanese and Korean ones
   (eaw_ambiguous.def, generated from Unicode's EastAsianWidth.txt). */
bool
utf8_is_ambiguous_width(uint32_t cp);

/* Number of code points in s[0..n), which must be valid UTF-8. */
size_t
utf8_count(const char *s, size_t n);

/*
 * True for characters a source file may not contain anywhere (Trojan Source
 * class): what Unicode calls Default_Ignorable_Code_Point (zero-width
 * characters, joiners, bidi controls, variation selectors, tags, Hangul
 * fillers, U+00AD, U+034F …, assigned or reserved), every other format
 * character (category Cf: U+FFF9–FFFB …), U+2028, U+2029 and U+0085.
 */
int
utf8_is_forbidden_invisible(uint32_t cp);

#endif
