/*
 * writer.h - a buffered byte sink in front of a stdio stream.
 *
 * The back ends write their output in many small pieces: a bracket, a
 * key, a number, a run of text.  A stdio call for each takes the stream's
 * lock and goes through libio's layers, which cost more than producing the
 * bytes (the JSON is ten times the size of its source).  A writer gathers
 * the pieces in a buffer the caller provides, with inline appends, and
 * hands the stream whole buffers.
 *
 * Write errors stay the stream's: writer_flush() passes the bytes to
 * fwrite(), which sets the stream's error indicator and errno as if they
 * had been written straight to it, so whoever checks the stream (output.c)
 * sees a failure exactly as before.  Nothing reaches the stream before
 * writer_flush() or a full buffer: flush before anything else writes to the
 * stream, and at the end.
 */
#ifndef GOALC_WRITER_H
#define GOALC_WRITER_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* A buffer size that keeps the number of stdio calls negligible. */
enum { WRITER_BUFFER = 1 << 16 };

struct writer {
    char *pos;   /* where the next byte goes */
    char *end;   /* one past the buffer */
    char *start; /* the buffer */
    FILE *out;
};

/* A writer onto out through buf (size bytes, at least 16). */
void
writer_init(struct writer *w, FILE *out, char *buf, size_t size);
/* Hands what is buffered to the stream (not fflush: the stream keeps its own buffer). */
void
writer_flush(struct writer *w);
/* writer_bytes() when the bytes do not fit in what is left of the buffer. */
void
writer_bytes_slow(struct writer *w, const char *s, size_t n);
/* A number in decimal, as printf's %lu and %ld write it. */
void
writer_uint(struct writer *w, unsigned long v);
void
writer_int(struct writer *w, long v);

static inline void
writer_byte(struct writer *w, char c)
{
    if (w->pos == w->end)
        writer_flush(w);
    *w->pos++ = c;
}

/* n bytes from s; s may be NULL when n is 0 (an absent field). */
static inline void
writer_bytes(struct writer *w, const char *s, size_t n)
{
    if (n == 0)
        return; /* memcpy() may not be given NULL, even for nothing */
    if (n <= (size_t)(w->end - w->pos)) {
        memcpy(w->pos, s, n);
        w->pos += n;
    } else {
        writer_bytes_slow(w, s, n);
    }
}

static inline void
writer_str(struct writer *w, const char *s)
{
    writer_bytes(w, s, strlen(s));
}

#endif
