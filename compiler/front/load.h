/*
 * load.h - reading a source file, or bytes already in memory, into a
 * validated struct source (source.h).
 */
#ifndef GOALC_LOAD_H
#define GOALC_LOAD_H

#include <stddef.h>

struct arena;
struct diag_loc;
struct diag_sink;
struct source;

enum load_status { LOAD_OK, LOAD_IO_ERROR, LOAD_INVALID };

/*
 * Reads path ("-" is standard input) into a new source.  from != NULL
 * marks an include: it must be a regular file, and "-" is a file of that
 * name, not standard input.  I/O errors are reported at *from (or without a place when from is NULL) and give
 * LOAD_IO_ERROR; encoding errors are reported at their position and give
 * LOAD_INVALID (the source is still returned, for showing lines).
 */
enum load_status
load_file(struct arena *a, struct diag_sink *diags, const char *path, unsigned id,
          const struct diag_loc *from, struct source **out);

/* The same from bytes already in memory (tests, fuzzing, stdin). */
enum load_status
load_bytes(struct arena *a, struct diag_sink *diags, const char *path, unsigned id,
           const char *bytes, size_t len, struct source **out);

#endif
