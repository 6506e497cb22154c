/*
 * arena.c - bump allocator owning all memory of one compilation.
 *
 * Memory comes in chunks of at least CHUNK_SIZE; a request larger than a
 * quarter chunk gets a chunk of its own so big sources do not waste the
 * tail of a shared one.  Nothing is freed individually: arena_destroy()
 * walks the chunk list once.  Invariant: every pointer handed out is
 * aligned to max_align_t and zero-filled.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_SIZE = 64 * 1024 };

struct chunk {
    struct chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

struct owned {
    struct owned *next;
    void *ptr;
};

struct arena {
    struct chunk *chunks;
    struct owned *owned;
    jmp_buf *oom;
    unsigned long fail_countdown;
};

struct arena *
arena_create(void)
{
    return calloc(1, sizeof(struct arena));
}

void
arena_destroy(struct arena *a)
{
    if (a == NULL)
        return;
    for (struct owned *o = a->owned; o != NULL; o = o->next)
        free(o->ptr);
    struct chunk *c = a->chunks;
    while (c != NULL) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

void
arena_set_oom_handler(struct arena *a, jmp_buf *handler)
{
    a->oom = handler;
}

void
arena_fail_after(struct arena *a, unsigned long n)
{
    a->fail_countdown = n;
}

_Noreturn void
arena_oom(struct arena *a)
{
    if (a->oom != NULL)
        longjmp(*a->oom, 1);
    abort();
}

static struct chunk *
new_chunk(struct arena *a, size_t size)
{
    if (a->fail_countdown > 0 && --a->fail_countdown == 0)
        arena_oom(a);
    if (size > SIZE_MAX - sizeof(struct chunk))
        arena_oom(a);
    struct chunk *c = calloc(1, sizeof(struct chunk) + size);
    if (c == NULL)
        arena_oom(a);
    c->size = size;
    return c;
}

void *
arena_alloc(struct arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    if (size > SIZE_MAX - align)
        arena_oom(a);
    size = (size + align - 1) & ~(align - 1);
    if (size > CHUNK_SIZE / 4) {
        /* A chunk of its own, linked behind the current one. */
        struct chunk *c = new_chunk(a, size);
        c->used = size;
        if (a->chunks != NULL) {
            c->next = a->chunks->next;
            a->chunks->next = c;
        } else {
            a->chunks = c;
        }
        return c->data;
    }
    struct chunk *c = a->chunks;
    if (c == NULL || c->size - c->used < size) {
        c = new_chunk(a, CHUNK_SIZE);
        c->next = a->chunks;
        a->chunks = c;
    }
    void *p = c->data + c->used;
    c->used += size;
    return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (len > 0)
        memcpy(p, s, len);
    return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* Sized blocks keep their size just before the payload. */
void *
arena_alloc_sized(struct arena *a, size_t size)
{
    const size_t header = alignof(max_align_t);
    if (size > SIZE_MAX - header)
        arena_oom(a);
    unsigned char *p = arena_alloc(a, size + header);
    memcpy(p, &size, sizeof size);
    return p + header;
}

void *
arena_realloc_sized(struct arena *a, void *old, size_t size)
{
    void *p = arena_alloc_sized(a, size);
    if (old != NULL) {
        size_t old_size;
        memcpy(&old_size, (unsigned char *)old - alignof(max_align_t), sizeof old_size);
        memcpy(p, old, old_size < size ? old_size : size);
    }
    return p;
}

void **
arena_owned_slot(struct arena *a)
{
    struct owned *o = arena_alloc(a, sizeof *o);
    o->next = a->owned;
    a->owned = o;
    return &o->ptr;
}
