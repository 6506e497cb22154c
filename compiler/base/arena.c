/*
 * arena.c - bump allocator owning all memory of one compilation.
 *
 * Memory comes in chunks that grow with the arena: the first ones are
 * small (a one-line file costs little), and each new chunk is as large as
 * everything before it, up to MAX_CHUNK, so a big source needs few of
 * them.  Chunks from BIG_CHUNK up are mapped straight from the kernel,
 * aligned for transparent huge pages: they arrive zeroed, need no
 * memset, fault in 2 MB at a time, and go back with munmap instead of
 * shrinking the heap page by page.  A request larger than a quarter of
 * SMALL_CHUNK gets a chunk of its own, so big sources do not waste the
 * tail of a shared one.  Nothing is freed individually: arena_destroy()
 * walks the chunk list once.  Invariant: every pointer arena_alloc hands
 * out is aligned to ARENA_ALIGN and zero-filled; arena_alloc_bytes packs
 * strings without alignment.
 *
 * Under AddressSanitizer every allocation is a block of its own, of
 * exactly the size asked for, so a read past an object (an AST node is
 * only as large as its kind needs) is caught there.
 */
#include "base/arena.h"

#include "platform/platform.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_EXACT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_EXACT 1
#endif
#endif
#ifndef ARENA_EXACT
#define ARENA_EXACT 0
#endif

/* Pointers, 64-bit integers and doubles: all the tree and the passes store. */
union arena_aligned {
    void *pointer;
    int64_t integer;
    double real;
};
#define ARENA_ALIGN alignof(union arena_aligned)

enum {
    SMALL_CHUNK = 64 * 1024,
    HUGE_PAGE = PLATFORM_HUGE_PAGE,
    BIG_CHUNK = HUGE_PAGE,
    MAX_CHUNK = 64 * 1024 * 1024,
};

struct chunk {
    struct chunk *next;
    size_t size;     /* usable bytes after the header */
    size_t used;
    size_t map_size; /* the bytes mapped from the chunk on; 0 when malloc'd */
    alignas(max_align_t) unsigned char data[];
};

struct owned {
    struct owned *next;
    void *ptr;
};

struct arena {
    struct chunk *chunks; /* the current chunk first */
    size_t total;         /* usable bytes in all chunks */
    struct owned *owned;
    jmp_buf *oom;
    unsigned long fail_countdown;
};

#if defined(GOALC_FAULT_INJECTION)
/*
 * A test build (tests/run-oom.sh) fails the Nth allocation of the whole
 * process, N from GOALC_FAIL_ALLOC: every arena counts down one counter.
 */
static long fail_process_countdown = -1; /* -1: not read yet */

static bool
fail_injected(void)
{
    long n = __atomic_load_n(&fail_process_countdown, __ATOMIC_RELAXED);
    if (n < 0) {
        const char *v = getenv("GOALC_FAIL_ALLOC");
        n = v != NULL ? atol(v) : 0;
        __atomic_store_n(&fail_process_countdown, n, __ATOMIC_RELAXED);
    }
    return n > 0 && __atomic_sub_fetch(&fail_process_countdown, 1, __ATOMIC_RELAXED) == 0;
}
#else
static bool
fail_injected(void)
{
    return false;
}
#endif

struct arena *
arena_create(void)
{
    return calloc(1, sizeof(struct arena));
}

static void
free_chunk(struct chunk *c)
{
    if (c->map_size != 0)
        platform_unmap(c, c->map_size);
    else
        free(c);
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
        free_chunk(c);
        c = next;
    }
    free(a);
}

void
arena_set_oom_handler(struct arena *a, jmp_buf *handler)
{
    a->oom = handler;
}

bool
arena_guarded(struct arena *a, void (*fn)(void *ctx), void *ctx)
{
    jmp_buf *outer = a->oom; /* not changed after setjmp: still valid after a longjmp */
    jmp_buf here;
    a->oom = &here;
    if (setjmp(here) != 0) {
        a->oom = outer;
        return false;
    }
    fn(ctx);
    a->oom = outer;
    return true;
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

/*
 * A chunk of whole huge pages, aligned to one: the kernel can back it with
 * huge pages (where transparent huge pages are enabled for madvise'd
 * regions) and hands it out zeroed.  NULL when mapping fails.
 */
static struct chunk *
map_chunk(size_t bytes)
{
    size_t len = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    if (len < bytes)
        return NULL;
    struct chunk *c = platform_map(len);
    if (c == NULL)
        return NULL;
    c->map_size = len;
    c->size = len - sizeof *c;
    return c;
}

static struct chunk *
new_chunk(struct arena *a, size_t size)
{
    if (size > SIZE_MAX - sizeof(struct chunk))
        arena_oom(a);
    struct chunk *c = NULL;
    if (!ARENA_EXACT && size >= BIG_CHUNK - sizeof *c)
        c = map_chunk(sizeof *c + size);
    if (c == NULL) {
        c = calloc(1, sizeof *c + size);
        if (c == NULL)
            arena_oom(a);
        c->size = size;
    }
    a->total += c->size;
    return c;
}

/* The size of the next shared chunk: as large as the arena so far, within bounds. */
static size_t
next_chunk_size(const struct arena *a)
{
    if (a->total < SMALL_CHUNK)
        return SMALL_CHUNK;
    if (a->total >= MAX_CHUNK)
        return MAX_CHUNK - sizeof(struct chunk);
    if (a->total < BIG_CHUNK)
        return a->total;
    return a->total - sizeof(struct chunk); /* a whole number of huge pages with its header */
}

/* A chunk of its own for one allocation, linked behind the current one. */
static void *
alloc_alone(struct arena *a, size_t size)
{
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

/* size bytes from the current chunk, starting at a multiple of align. */
static void *
bump(struct arena *a, size_t size, size_t align)
{
    if ((a->fail_countdown > 0 && --a->fail_countdown == 0) || fail_injected())
        arena_oom(a);
    if (ARENA_EXACT || size > SMALL_CHUNK / 4)
        return alloc_alone(a, size);
    struct chunk *c = a->chunks;
    size_t at = c != NULL ? (c->used + align - 1) & ~(align - 1) : 0;
    if (c == NULL || at > c->size || c->size - at < size) {
        c = new_chunk(a, next_chunk_size(a));
        c->next = a->chunks;
        a->chunks = c;
        at = 0;
    }
    c->used = at + size;
    return c->data + at;
}

void *
arena_alloc(struct arena *a, size_t size)
{
    if (size > SIZE_MAX - ARENA_ALIGN)
        arena_oom(a);
    return bump(a, size, ARENA_ALIGN);
}

void *
arena_alloc_bytes(struct arena *a, size_t size)
{
    return bump(a, size, 1);
}

void *
arena_grow(struct arena *a, void *array, size_t count, size_t *cap, size_t elem)
{
    if (count < *cap)
        return array;
    size_t grown = *cap > 0 ? *cap : 4;
    if (grown > SIZE_MAX / 2 / elem)
        arena_oom(a);
    grown *= 2;
    void *fresh = arena_alloc(a, grown * elem);
    if (count > 0)
        memcpy(fresh, array, count * elem);
    *cap = grown;
    return fresh;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
    char *p = arena_alloc_bytes(a, len + 1);
    if (len > 0)
        memcpy(p, s, len);
    return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0)
        n = 0;
    char *p = arena_alloc_bytes(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, again);
    va_end(again);
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
