/*
 * load.h - reading a source file, or bytes already in memory, into a
 * validated struct source (source.h).
 */
#ifndef GOALC_LOAD_H
#define GOALC_LOAD_H

#include <stdbool.h>
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

/*
 * Whether text may be a goal table, the test every include passes before
 * anything of it is parsed or shown: no NUL and valid UTF-8 in its first
 * LOAD_SNIFF_BYTES bytes, and after a BOM, spacing and comments either
 * nothing or a top-level keyword (部门 项目 引用 框架 量纲, in either
 * language).  A failing include is reported once (E0011) at its 引用,
 * without its content, and gives LOAD_IO_ERROR.
 */
enum { LOAD_SNIFF_BYTES = 4096 };
bool
load_looks_like_goal(const char *text, size_t len);

/* The same from bytes already in memory (tests, fuzzing, stdin). */
enum load_status
load_bytes(struct arena *a, struct diag_sink *diags, const char *path, unsigned id,
           const char *bytes, size_t len, struct source **out);

#endif
