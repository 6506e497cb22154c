/*
 * arena.h - one memory region per compilation.
 *
 * Everything a compilation allocates (sources, AST, strings, diagnostics,
 * the scanner's own state) comes from its arena and is released by one
 * arena_destroy().  Callers never check for NULL: when malloc fails the
 * arena longjmps to the handler its owner installed, which frees the
 * compilation and reports "out of memory".
 */
#ifndef GOALC_ARENA_H
#define GOALC_ARENA_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

struct arena;

/* Returns NULL only when the arena itself cannot be allocated. */
struct arena *
arena_create(void);
void
arena_destroy(struct arena *a);

/* Where to jump when an allocation fails; NULL means abort(). */
void
arena_set_oom_handler(struct arena *a, jmp_buf *handler);
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
arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

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
