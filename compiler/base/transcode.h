/*
 * transcode.h - source encodings other than UTF-8, decoded to UTF-8.
 *
 * goalc works on UTF-8 only; a file in another encoding (GB18030 and its
 * subset GBK, which Chinese Windows still writes) is decoded once, as it
 * is read, and everything after that (the lexer, locations, excerpts)
 * sees the decoded text.  The decoding table is derived from the C
 * library's iconv when goalc is built (transcode.c).
 */
#ifndef GOALC_TRANSCODE_H
#define GOALC_TRANSCODE_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum transcode_encoding { TRANSCODE_UTF8, TRANSCODE_GB18030 };

/* "utf-8" / "utf8", "gb18030", in any case; false for any other name. */
bool
transcode_encoding_from_name(const char *name, enum transcode_encoding *enc);
/* The name shown in messages: "UTF-8", "GB18030". */
const char *
transcode_encoding_name(enum transcode_encoding enc);

enum transcode_status {
    TRANSCODE_OK,
    TRANSCODE_INVALID,     /* a byte sequence that is not of the encoding */
    TRANSCODE_UNAVAILABLE, /* the encoding cannot be decoded here (errno in *err); not
                              returned since the table is built in */
};

/*
 * Decodes in[0..n) from enc (not TRANSCODE_UTF8) into UTF-8 in the arena,
 * followed by two NULs (*out, *out_len).  On TRANSCODE_INVALID, *out holds
 * what was decoded before the bad sequence, then the rest of the input
 * as it is, for showing the line; *bad_at is where the rest begins in
 * *out and *bad_len how many bytes the bad sequence takes (at least 1).
 * Out of memory unwinds through the arena.
 */
enum transcode_status
transcode_decode(struct arena *a, enum transcode_encoding enc, const char *in, size_t n,
                 char **out, size_t *out_len, size_t *bad_at, size_t *bad_len, int *err);

/* Whether in[0..n) is a valid text of enc (false too when it cannot tell). */
bool
transcode_is_valid(enum transcode_encoding enc, const char *in, size_t n);

#endif
