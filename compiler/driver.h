/*
 * driver.h - the library's entry point: runs the stages of a compilation
 * (compilation.h) in order.
 *
 * The driver is the only module that knows the order of the stages (load,
 * parse, includes, semantic passes).  Compilations share nothing, so a
 * caller may run several at once.
 */
#ifndef GOALC_DRIVER_H
#define GOALC_DRIVER_H

#include <stddef.h>

#include "model/compilation.h"

enum compile_status {
    COMPILE_OK,       /* no errors (warnings allowed) */
    COMPILE_ERRORS,   /* the input has errors: exit 1 */
    COMPILE_IO_ERROR, /* the root file could not be read: exit 2 */
    COMPILE_OOM,      /* out of memory: exit 2 */
};

/* Compiles the file at path ("-" for standard input). */
enum compile_status
driver_run(struct compilation *c, const char *path);
/* Compiles bytes held in memory, named name in messages; includes resolve against cwd. */
enum compile_status
driver_run_bytes(struct compilation *c, const char *name, const char *bytes, size_t len);

/*
 * Loads and parses the file at path ("-" for standard input) and nothing
 * else: no includes, no stdlib, no semantic passes (for goalc fmt).  Its
 * comments are recorded in *comments; c->root is NULL on errors.
 */
struct parse_comments;
enum compile_status
driver_parse_only(struct compilation *c, const char *path, struct parse_comments *comments);

/*
 * driver_run, recording the root file's comments in *comments as
 * driver_parse_only does (for goalc fmt --fill, which formats the
 * compiled tree).
 */
enum compile_status
driver_run_with_comments(struct compilation *c, const char *path, struct parse_comments *comments);

/* driver_run_bytes, recording the comments for fmt (goalc import). */
enum compile_status
driver_run_bytes_with_comments(struct compilation *c, const char *name, const char *bytes,
                               size_t len, struct parse_comments *comments);

/*
 * The embedded stdlib parsed once, for a caller that compiles the same
 * text again and again (goalc lsp): a compilation run with it takes the
 * stdlib's trees from it instead of parsing them.  Not for --stdlib DIR.
 * One per thread: compilations that share it must not run at once.
 */
struct driver_stdlib;
struct driver_stdlib *
driver_stdlib_new(void); /* NULL when out of memory */
void
driver_stdlib_free(struct driver_stdlib *s);

/*
 * Compiles bytes held in memory that stand for the file at path (an
 * editor's unsaved buffer): named path in messages, its includes resolved
 * against path's directory, the stdlib taken from reuse (may be NULL),
 * the comments recorded in *comments when not NULL.
 */
enum compile_status
driver_run_text(struct compilation *c, struct driver_stdlib *reuse, const char *path,
                const char *bytes, size_t len, struct parse_comments *comments);

#endif
