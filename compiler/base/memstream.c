/*
 * memstream.c - a stream that writes into a growing buffer in memory
 * (fopencookie: glibc and musl).
 */
#define _GNU_SOURCE /* fopencookie */
#include "base/memstream.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

enum { FIRST_CAPACITY = 64 * 1024 };

struct memstream {
    char *buf;
    size_t len, cap;
    char **text; /* where the buffer goes on close */
    size_t *text_len;
};

static ssize_t
mem_write(void *cookie, const char *bytes, size_t size)
{
    struct memstream *m = cookie;
    if (size > m->cap - m->len) {
        size_t cap = m->cap != 0 ? m->cap : FIRST_CAPACITY;
        while (cap - m->len < size) {
            if (cap > SIZE_MAX / 2) {
                errno = ENOMEM;
                return 0;
            }
            cap *= 2;
        }
        char *bigger = realloc(m->buf, cap);
        if (bigger == NULL) {
            errno = ENOMEM;
            return 0;
        }
        m->buf = bigger;
        m->cap = cap;
    }
    memcpy(m->buf + m->len, bytes, size);
    m->len += size;
    return (ssize_t)size;
}

static int
mem_close(void *cookie)
{
    struct memstream *m = cookie;
    *m->text = m->buf;
    *m->text_len = m->len;
    free(m);
    return 0;
}

FILE *
memstream_open(char **text, size_t *len)
{
    struct memstream *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->text = text;
    m->text_len = len;
    *text = NULL;
    *len = 0;
    cookie_io_functions_t io = {.write = mem_write, .close = mem_close};
    FILE *f = fopencookie(m, "w", io);
    if (f == NULL)
        free(m);
    return f;
}
