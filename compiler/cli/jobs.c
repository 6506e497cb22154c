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

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

enum { MAX_THREADS = 256 };

struct jobs {
    pthread_mutex_t mutex;
    pthread_cond_t more; /* an item may be claimed, or stop */
    pthread_cond_t done; /* an item was finished */
    size_t count, window;
    size_t next;     /* the next item to claim */
    size_t released; /* items the caller is done with */
    bool stop;
    unsigned char *finished; /* one flag per item */
    void (*work)(void *ctx, size_t i);
    void *ctx;
    pthread_t threads[MAX_THREADS];
    unsigned thread_count;
};

static void *
worker(void *arg)
{
    struct jobs *j = arg;
    pthread_mutex_lock(&j->mutex);
    for (;;) {
        while (!j->stop && j->next < j->count && j->next - j->released >= j->window)
            pthread_cond_wait(&j->more, &j->mutex);
        if (j->stop || j->next >= j->count)
            break;
        size_t i = j->next++;
        pthread_mutex_unlock(&j->mutex);
        j->work(j->ctx, i);
        pthread_mutex_lock(&j->mutex);
        j->finished[i] = 1;
        pthread_cond_broadcast(&j->done);
    }
    pthread_mutex_unlock(&j->mutex);
    return NULL;
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
    pthread_mutex_init(&j->mutex, NULL);
    pthread_cond_init(&j->more, NULL);
    pthread_cond_init(&j->done, NULL);
    j->count = count;
    j->window = window > 0 ? window : 1;
    j->work = work;
    j->ctx = ctx;
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    /* Workers are born with the signals that end goalc blocked, so those reach
       the main thread, which records the temporary files to remove (output.c). */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    while (j->thread_count < threads &&
           pthread_create(&j->threads[j->thread_count], NULL, worker, j) == 0)
        j->thread_count++;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (j->thread_count == 0) {
        jobs_finish(j);
        return NULL;
    }
    return j;
}

void
jobs_wait(struct jobs *j, size_t i)
{
    pthread_mutex_lock(&j->mutex);
    while (!j->finished[i])
        pthread_cond_wait(&j->done, &j->mutex);
    pthread_mutex_unlock(&j->mutex);
}

void
jobs_release(struct jobs *j, size_t i)
{
    pthread_mutex_lock(&j->mutex);
    j->released = i + 1;
    pthread_cond_broadcast(&j->more);
    pthread_mutex_unlock(&j->mutex);
}

size_t
jobs_finish(struct jobs *j)
{
    pthread_mutex_lock(&j->mutex);
    j->stop = true;
    pthread_cond_broadcast(&j->more);
    pthread_mutex_unlock(&j->mutex);
    for (unsigned t = 0; t < j->thread_count; t++)
        pthread_join(j->threads[t], NULL);
    size_t worked = j->next;
    pthread_cond_destroy(&j->done);
    pthread_cond_destroy(&j->more);
    pthread_mutex_destroy(&j->mutex);
    free(j->finished);
    free(j);
    return worked;
}

unsigned
jobs_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}
