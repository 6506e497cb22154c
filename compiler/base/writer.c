/*
 * writer.c - the out-of-line half of the buffered writer (writer.h).
 *
 * Owns nothing: the buffer is the caller's, the stream is the caller's.
 * Invariant: start <= pos <= end, and the bytes in [start, pos) have not
 * reached the stream yet.  Every byte given to the writer reaches the
 * stream in order through fwrite(), whose errors the stream records.
 */
#include "base/writer.h"

#include "platform/platform.h"

void
writer_init(struct writer *w, FILE *out, char *buf, size_t size)
{
    w->start = w->pos = buf;
    w->end = buf + size;
    w->out = out;
}

void
writer_flush(struct writer *w)
{
    if (w->pos > w->start)
        platform_write(w->out, w->start, (size_t)(w->pos - w->start));
    w->pos = w->start;
}

void
writer_bytes_slow(struct writer *w, const char *s, size_t n)
{
    size_t room = (size_t)(w->end - w->pos);
    if (n <= room) {
        memcpy(w->pos, s, n);
        w->pos += n;
    } else if (n - room < (size_t)(w->end - w->start)) {
        /* Fill the buffer, pass it on, keep the rest. */
        memcpy(w->pos, s, room);
        w->pos = w->end;
        writer_flush(w);
        memcpy(w->pos, s + room, n - room);
        w->pos += n - room;
    } else { /* more than a buffer's worth: no point in copying it */
        writer_flush(w);
        platform_write(w->out, s, n);
    }
}

void
writer_uint(struct writer *w, unsigned long v)
{
    char buf[3 * sizeof v];
    char *p = buf + sizeof buf;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    writer_bytes(w, p, (size_t)(buf + sizeof buf - p));
}

void
writer_int(struct writer *w, long v)
{
    if (v < 0) {
        writer_byte(w, '-');
        writer_uint(w, 0UL - (unsigned long)v);
    } else {
        writer_uint(w, (unsigned long)v);
    }
}
