/*
 * failmalloc.c - an LD_PRELOAD shim that makes one allocation fail.
 *
 * GOALC_FAIL_MALLOC=N makes the Nth call to malloc, calloc or realloc in
 * the process (counted from the start of main's program, libc's own calls
 * included) return NULL with ENOMEM; every other call succeeds.  Used by
 * tests/run-oom.sh to show that each allocation failure ends in a clean
 * "out of memory" and no output, never a crash.  glibc only (the
 * __libc_* entry points).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static long countdown; /* 0: nothing to fail */

__attribute__((constructor)) static void
arm(void)
{
    const char *n = getenv("GOALC_FAIL_MALLOC");
    countdown = n != NULL ? atol(n) : 0;
}

static int
failing(void)
{
    if (__atomic_load_n(&countdown, __ATOMIC_RELAXED) <= 0)
        return 0;
    if (__atomic_sub_fetch(&countdown, 1, __ATOMIC_RELAXED) != 0)
        return 0;
    errno = ENOMEM;
    return 1;
}

void *
malloc(size_t size)
{
    return failing() ? NULL : __libc_malloc(size);
}

void *
calloc(size_t count, size_t size)
{
    return failing() ? NULL : __libc_calloc(count, size);
}

void *
realloc(void *p, size_t size)
{
    return failing() ? NULL : __libc_realloc(p, size);
}
