/*
 * jobs.h - an ordered parallel map with bounded lookahead, for goalc -j.
 *
 * Worker threads call work(ctx, i) for i = 0, 1, … count-1, claiming items
 * in order; the calling thread takes the results in order: jobs_wait(i)
 * returns once work(i) has returned, jobs_release(i) says item i is done
 * with.  At most `window` items are being worked on or waiting to be
 * released at any time, so memory stays bounded however many items there
 * are.  work(i) runs concurrently with other items' work and with the
 * caller: it may touch only what belongs to item i.
 */
#ifndef GOALC_JOBS_H
#define GOALC_JOBS_H

#include <stddef.h>

struct jobs;

/*
 * Starts up to `threads` workers (at least one).  NULL when not even one
 * thread can be started or memory is short: the caller then does the work
 * itself, in order.
 */
struct jobs *
jobs_start(size_t count, unsigned threads, size_t window, void (*work)(void *ctx, size_t i),
           void *ctx);
/* Blocks until work(i) has returned; i goes up by one from 0 between calls. */
void
jobs_wait(struct jobs *j, size_t i);
/* Item i (the last one waited for) is done with: the window moves on. */
void
jobs_release(struct jobs *j, size_t i);
/*
 * Stops claiming new items, waits for the workers and frees the pool.
 * Returns how many items were worked on (0..count): items from the last
 * one released up to that number may hold results the caller must free.
 */
size_t
jobs_finish(struct jobs *j);

/* The number of online processors, at least 1: the default for -j. */
unsigned
jobs_default_threads(void);

#endif
