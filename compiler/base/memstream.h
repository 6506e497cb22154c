/*
 * memstream.h - a stream that writes into a growing buffer in memory.
 *
 * What open_memstream() does, without its cost: glibc's copies the buffer
 * into a fresh one and clears the new half at every doubling, which for
 * the megabytes a back end writes under -j took more time than the back
 * end itself.  This buffer grows with realloc() (a remapping, not a copy,
 * once it is large) and is never cleared.
 */
#ifndef GOALC_MEMSTREAM_H
#define GOALC_MEMSTREAM_H

#include <stddef.h>
#include <stdio.h>

/*
 * A stream for writing; when it is closed, *text is the malloc'd bytes
 * written (NULL if none) and *len their count.  NULL when out of memory.
 */
FILE *
memstream_open(char **text, size_t *len);

#endif
