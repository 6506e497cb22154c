/*
 * jobs.c - an ordered parallel map with bounded lookahead (see jobs.h).
 *
 * One mutex guards the counters; workers sleep on `more` until an item is
 * free to claim (next < released + window), the caller sleeps on `done`
 * until the item it waits for is finished.  Invariants: released <= next
 * <= count; next - released <= window; done[i] is set (under the mutex)
 * only after work(i) has returned.  Items are claimed in increasing order,
 * so the caller, taking them in the same order, never waits for an item no
 * worker will reach.
 */
#include "cli/jobs.h"

#include "platform/platform.h"

#include <stdbool.h>
#include <stdlib.h>

enum { MAX_THREADS = 256 };

struct jobs {
    struct platform_mutex *mutex;
    struct platform_cond *more; /* an item may be claimed, or stop */
    struct platform_cond *done; /* an item was finished */
    size_t count, window;
    size_t next;     /* the next item to claim */
    size_t released; /* items the caller is done with */
    bool stop;
    unsigned char *finished; /* one flag per item */
    void (*work)(void *ctx, size_t i);
    void *ctx;
    struct platform_thread *threads[MAX_THREADS];
    unsigned thread_count;
};

static void
worker(void *arg)
{
    struct jobs *j = arg;
    platform_mutex_lock(j->mutex);
    for (;;) {
        while (!j->stop && j->next < j->count && j->next - j->released >= j->window)
            platform_cond_wait(j->more, j->mutex);
        if (j->stop || j->next >= j->count)
            break;
        size_t i = j->next++;
        platform_mutex_unlock(j->mutex);
        j->work(j->ctx, i);
        platform_mutex_lock(j->mutex);
        j->finished[i] = 1;
        platform_cond_broadcast(j->done);
    }
    platform_mutex_unlock(j->mutex);
}

struct jobs *
jobs_start(size_t count, unsigned threads, size_t window, void (*work)(void *ctx, size_t i),
           void *ctx)
{
    struct jobs *j = calloc(1, sizeof *j);
    if (j == NULL)
        return NULL;
    j->finished = calloc(count > 0 ? count : 1, 1);
    if (j->finished == NULL) {
        free(j);
        return NULL;
    }
    j->mutex = platform_mutex_new();
    j->more = platform_cond_new();
    j->done = platform_cond_new();
    if (j->mutex == NULL || j->more == NULL || j->done == NULL) {
        jobs_finish(j);
        return NULL;
    }
    j->count = count;
    j->window = window > 0 ? window : 1;
    j->work = work;
    j->ctx = ctx;
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    /* Workers are born with the signals that end goalc blocked, so those reach
       the main thread, which records the temporary files to remove (output.c). */
    while (j->thread_count < threads &&
           (j->threads[j->thread_count] = platform_thread_start(worker, j)) != NULL)
        j->thread_count++;
    if (j->thread_count == 0) {
        jobs_finish(j);
        return NULL;
    }
    return j;
}

void
jobs_wait(struct jobs *j, size_t i)
{
    platform_mutex_lock(j->mutex);
    while (!j->finished[i])
        platform_cond_wait(j->done, j->mutex);
    platform_mutex_unlock(j->mutex);
}

void
jobs_release(struct jobs *j, size_t i)
{
    platform_mutex_lock(j->mutex);
    j->released = i + 1;
    platform_cond_broadcast(j->more);
    platform_mutex_unlock(j->mutex);
}

size_t
jobs_finish(struct jobs *j)
{
    if (j->thread_count > 0) {
        platform_mutex_lock(j->mutex);
        j->stop = true;
        platform_cond_broadcast(j->more);
        platform_mutex_unlock(j->mutex);
    }
    for (unsigned t = 0; t < j->thread_count; t++)
        platform_thread_join(j->threads[t]);
    size_t worked = j->next;
    platform_cond_free(j->done);
    platform_cond_free(j->more);
    platform_mutex_free(j->mutex);
    free(j->finished);
    free(j);
    return worked;
}

unsigned
jobs_default_threads(void)
{
    unsigned n = platform_processors();
    return n > MAX_THREADS ? MAX_THREADS : n;
}
