/*
 * arena.h - one memory region per compilation.
 *
 * Everything a compilation allocates (sources, AST, strings, diagnostics,
 * the scanner's own state) comes from its arena and is released by one
 * arena_destroy().  Callers never check for NULL: when malloc fails the
 * arena longjmps to the handler its owner installed (arena_guarded), which
 * frees the compilation and reports "out of memory".
 */
#ifndef GOALC_ARENA_H
#define GOALC_ARENA_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "platform/platform.h"

struct arena;

/* Returns NULL only when the arena itself cannot be allocated. */
struct arena *
arena_create(void);
void
arena_destroy(struct arena *a);

/* Where to jump when an allocation fails; NULL means abort(). */
void
arena_set_oom_handler(struct arena *a, jmp_buf *handler);
/*
 * Runs fn(ctx) with the handler set to come back here: true when fn
 * returned, false when an allocation failed (or arena_oom was called)
 * inside it, with fn's work half done, for the caller to throw away.  The
 * handler from before is put back either way.  The one setjmp of the
 * compiler: it is taken in this frame, which stays live while fn runs.
 */
bool
arena_guarded(struct arena *a, void (*fn)(void *ctx), void *ctx);
/* Jump to the handler: for callers whose own malloc (outside the arena) failed. */
_Noreturn void
arena_oom(struct arena *a);

/* Zeroed memory, aligned for pointers, 64-bit integers and doubles (not long double). */
void *
arena_alloc(struct arena *a, size_t size);
/* Zeroed bytes without alignment: for strings. */
void *
arena_alloc_bytes(struct arena *a, size_t size);
char *
arena_strndup(struct arena *a, const char *s, size_t len);
char *
arena_printf(struct arena *a, const char *fmt, ...) PLATFORM_PRINTF(2, 3);
char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap) PLATFORM_PRINTF(2, 0);

/*
 * Room for one more element in a growing array of the arena: array holds
 * count elements of elem bytes in room for *cap.  Returns array when there
 * is room, else a copy in a block twice as large (8 elements the first
 * time, when *cap is 0), and updates *cap.  The old block stays in the
 * arena until it is destroyed: the arena frees nothing individually.
 */
void *
arena_grow(struct arena *a, void *array, size_t count, size_t *cap, size_t elem);
/* Appends to an array grown by arena_grow: the new last element's address.  Arguments are
   evaluated more than once. */
#define ARENA_PUSH(a, array, count, cap)                                                           \
    ((array) = arena_grow((a), (array), (count), &(cap), sizeof *(array)), &(array)[(count)++])

/* Size-remembering allocations for code that needs realloc semantics (flex). */
void *
arena_alloc_sized(struct arena *a, size_t size);
void *
arena_realloc_sized(struct arena *a, void *p, size_t size);

/*
 * A slot whose content (a malloc'd pointer or NULL) is freed with the arena:
 * for buffers that must grow with realloc, such as a stream being read.
 */
void **
arena_owned_slot(struct arena *a);

/* Fault injection for tests: the Nth arena_alloc from now fails (0 = never). */
void
arena_fail_after(struct arena *a, unsigned long n);

#endif
