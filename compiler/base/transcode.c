/*
 * transcode.c - decoding GB18030 (and GBK, its subset) to UTF-8 with the
 * C library's iconv.
 *
 * Owns: the only iconv descriptors of the program, one per call, closed
 * before returning (calls from several compilations at once share
 * nothing).  The decoded text lives in the caller's arena.  GB18030 keeps
 * ASCII as it is, so line ends stay where they were and a line has as
 * many characters after decoding as before: line:column of the decoded
 * text are those of the file.
 */
#include "base/transcode.h"

#include "base/arena.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

static const char *const iconv_names[] = {
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
    return iconv_names[enc];
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

enum transcode_status
transcode_decode(struct arena *a, enum transcode_encoding enc, const char *in, size_t n,
                 char **out, size_t *out_len, size_t *bad_at, size_t *bad_len, int *err)
{
    iconv_t cd = iconv_open("UTF-8", iconv_names[enc]);
    if (cd == (iconv_t)-1) {
        if (errno == ENOMEM)
            arena_oom(a);
        *err = errno;
        return TRANSCODE_UNAVAILABLE;
    }
    /* A GB18030 character of k bytes is at most 3k/2 bytes of UTF-8 (two
       bytes: BMP, three; four bytes: four at most). */
    size_t cap = n / 2 * 3 + 8;
    char *buf = arena_alloc_bytes(a, cap);
    char *src = (char *)in, *dst = buf;
    size_t in_left = n, out_left = cap - 2;
    enum transcode_status status = TRANSCODE_OK;
    while (in_left > 0) {
        if (iconv(cd, &src, &in_left, &dst, &out_left) != (size_t)-1)
            break;
        if (errno == E2BIG) { /* not expected, given the bound: grow anyway */
            size_t used = (size_t)(dst - buf);
            char *bigger = arena_alloc_bytes(a, cap * 2);
            memcpy(bigger, buf, used);
            buf = bigger, dst = bigger + used, cap *= 2;
            out_left = cap - used - 2;
            continue;
        }
        /* EILSEQ, or EINVAL: a sequence cut short by the end of the text. */
        status = TRANSCODE_INVALID;
        break;
    }
    iconv_close(cd);
    size_t used = (size_t)(dst - buf);
    if (status == TRANSCODE_INVALID) {
        *bad_at = used;
        *bad_len = gb18030_bad_length((const unsigned char *)src, in_left);
        if (used + in_left + 2 > cap) {
            char *bigger = arena_alloc_bytes(a, used + in_left + 2);
            memcpy(bigger, buf, used);
            buf = bigger;
        }
        memcpy(buf + used, src, in_left);
        used += in_left;
    }
    buf[used] = buf[used + 1] = '\0';
    *out = buf;
    *out_len = used;
    return status;
}

bool
transcode_is_valid(enum transcode_encoding enc, const char *in, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", iconv_names[enc]);
    if (cd == (iconv_t)-1)
        return false;
    char scratch[4096];
    char *src = (char *)in;
    size_t in_left = n;
    bool valid = true;
    while (in_left > 0) {
        char *dst = scratch;
        size_t out_left = sizeof scratch;
        if (iconv(cd, &src, &in_left, &dst, &out_left) != (size_t)-1)
            break;
        if (errno != E2BIG) {
            valid = false;
            break;
        }
    }
    iconv_close(cd);
    return valid;
}
