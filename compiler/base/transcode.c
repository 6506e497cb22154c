/*
 * transcode.c - decoding GB18030 (and GBK, its subset) to UTF-8.
 *
 * The table is derived at build time from the build machine's iconv
 * (scripts/gen-gb18030.c writes build/gb18030.h), so the decoding is
 * glibc's, code for code (tests/unit/test_gb18030.c compares every code),
 * on systems without a usable iconv too: a static binary (glibc's iconv
 * loads modules at run time) and Windows.  The decoded text lives in the
 * caller's arena; the tables are constant, so compilations in parallel
 * share nothing writable.  GB18030 keeps ASCII as it is, so line ends
 * stay where they were and a line has as many characters after decoding
 * as before: line:column of the decoded text are those of the file.
 */
#include "base/transcode.h"

#include "base/arena.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "gb18030.h"

static const char *const encoding_names[] = {
    [TRANSCODE_UTF8] = "UTF-8",
    [TRANSCODE_GB18030] = "GB18030",
};

bool
transcode_encoding_from_name(const char *name, enum transcode_encoding *enc)
{
    if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0) {
        *enc = TRANSCODE_UTF8;
        return true;
    }
    if (strcasecmp(name, "gb18030") == 0) {
        *enc = TRANSCODE_GB18030;
        return true;
    }
    return false;
}

const char *
transcode_encoding_name(enum transcode_encoding enc)
{
    return encoding_names[enc];
}

/* Bytes of the bad GB18030 sequence at s[0..n): the lead byte, with what
   can only be its trail (one byte, or three of a four-byte form). */
static size_t
gb18030_bad_length(const unsigned char *s, size_t n)
{
    if (n < 2 || s[0] < 0x81 || s[0] == 0xFF)
        return 1;
    if (s[1] >= 0x30 && s[1] <= 0x39)
        return n < 4 ? n : 4;
    if ((s[1] >= 0x40 && s[1] <= 0x7E) || (s[1] >= 0x80 && s[1] <= 0xFE))
        return 2;
    return 1;
}

/* The code point of the GB18030 sequence at s[0..n) (n >= 1), its length
   in *len; -1 when the bytes are no GB18030 character. */
static long
gb18030_next(const unsigned char *s, size_t n, size_t *len)
{
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    if (s[0] == 0x80 || s[0] == 0xFF || n < 2)
        return -1;
    unsigned b2 = s[1];
    if (b2 >= 0x30 && b2 <= 0x39) {
        if (n < 4 || s[2] < 0x81 || s[2] == 0xFF || s[3] < 0x30 || s[3] > 0x39)
            return -1;
        uint32_t number = (uint32_t)(s[0] - 0x81) * 12600 + (b2 - 0x30) * 1260 +
                          (uint32_t)(s[2] - 0x81) * 10 + (uint32_t)(s[3] - 0x30);
        /* The last run starting at or before number. */
        size_t lo = 0, hi = sizeof gb18030_four / sizeof gb18030_four[0];
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (gb18030_four[mid].number <= number)
                lo = mid;
            else
                hi = mid;
        }
        const struct gb18030_run *r = &gb18030_four[lo];
        if (number < r->number || number - r->number >= r->length)
            return -1;
        *len = 4;
        return (long)(r->code_point + (number - r->number));
    }
    if ((b2 >= 0x40 && b2 <= 0x7E) || (b2 >= 0x80 && b2 <= 0xFE)) {
        uint32_t cp = gb18030_two[(s[0] - 0x81) * 190 + (b2 - 0x40) - (b2 > 0x7F)];
        if (cp == 0)
            return -1;
        *len = 2;
        return (long)cp;
    }
    return -1;
}

static size_t
put_utf8(char *out, unsigned long cp)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

enum transcode_status
transcode_decode(struct arena *a, enum transcode_encoding enc, const char *in, size_t n,
                 char **out, size_t *out_len, size_t *bad_at, size_t *bad_len, int *err)
{
    (void)enc; /* GB18030 is the one encoding to decode */
    *err = 0;
    /* A character of k bytes is at most 2k bytes of UTF-8 (FE51, two bytes,
       is U+20087, four), and the rest of the input is copied as it is. */
    size_t cap = n * 2 + 2;
    char *buf = arena_alloc_bytes(a, cap);
    const unsigned char *s = (const unsigned char *)in;
    size_t at = 0, used = 0;
    enum transcode_status status = TRANSCODE_OK;
    while (at < n) {
        size_t len;
        long cp = gb18030_next(s + at, n - at, &len);
        if (cp < 0) {
            status = TRANSCODE_INVALID;
            break;
        }
        used += put_utf8(buf + used, (unsigned long)cp);
        at += len;
    }
    if (status == TRANSCODE_INVALID) {
        *bad_at = used;
        *bad_len = gb18030_bad_length(s + at, n - at);
        memcpy(buf + used, in + at, n - at);
        used += n - at;
    }
    buf[used] = buf[used + 1] = '\0';
    *out = buf;
    *out_len = used;
    return status;
}

bool
transcode_is_valid(enum transcode_encoding enc, const char *in, size_t n)
{
    (void)enc;
    const unsigned char *s = (const unsigned char *)in;
    for (size_t at = 0, len; at < n; at += len)
        if (gb18030_next(s + at, n - at, &len) < 0)
            return false;
    return true;
}
