/*
 * load.h - reading a source file, or bytes already in memory, into a
 * validated struct source (source.h).
 */
#ifndef GOALC_LOAD_H
#define GOALC_LOAD_H

#include "base/transcode.h"

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct diag_loc;
struct diag_sink;
struct source;

enum load_status { LOAD_OK, LOAD_IO_ERROR, LOAD_INVALID };

/* How a file is read. */
struct load_options {
    /* An include: the 引用 that names it, where I/O errors are reported;
       NULL for a file named on the command line or a --stdlib file. */
    const struct diag_loc *from;
    /* Regular files only, opened without waiting (a FIFO never blocks the
       open): includes (always) and --stdlib files.  Otherwise "-" is
       standard input and pipes are read to their end. */
    bool regular_only;
    enum transcode_encoding encoding; /* of the bytes read, decoded to UTF-8 */
};

/*
 * Reads path into a new source, decoding it from opt->encoding.  I/O
 * errors are reported at *opt->from (or without a place when it is NULL)
 * and give LOAD_IO_ERROR; encoding errors are reported at their position
 * in the decoded text and give LOAD_INVALID (the source is still
 * returned, for showing lines).
 */
enum load_status
load_file(struct arena *a, struct diag_sink *diags, const char *path, unsigned id,
          const struct load_options *opt, struct source **out);

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

/* The same from UTF-8 bytes already in memory (tests, fuzzing, the embedded stdlib). */
enum load_status
load_bytes(struct arena *a, struct diag_sink *diags, const char *path, unsigned id,
           const char *bytes, size_t len, struct source **out);
/* The same from bytes in memory in another encoding (a git revision). */
enum load_status
load_bytes_encoded(struct arena *a, struct diag_sink *diags, const char *path, unsigned id,
                   const char *bytes, size_t len, enum transcode_encoding enc,
                   struct source **out);

#endif
