/*
 * output.h - everything goalc writes, as the operating system sees it:
 * output files that are never half-written, scratch files, the standard
 * streams, and telling two paths of one file apart.  The one module of the
 * command that makes file-system calls for output (through the platform
 * layer, platform.h), so the commands only say what to write where.
 *
 * A regular file is written to a temporary file in the same directory,
 * flushed to disk (fsync) and renamed over the target on commit; a device,
 * pipe or "-" (standard output) is written directly.  A symbolic link to a
 * regular file replaces the file it points to, not the link.  Every
 * temporary file, scratch files included, is removed on failure, on abort,
 * and when SIGINT, SIGTERM or SIGHUP ends the process.
 */
#ifndef GOALC_OUTPUT_H
#define GOALC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Why output_open refused a file it could write (OUTPUT_REWRITE). */
enum output_refusal {
    OUTPUT_ACCEPTED,
    OUTPUT_READ_ONLY,   /* the file has no write permission for us */
    OUTPUT_HARD_LINKED, /* the file has other names, which a rename would cut off */
};

/* How output_open treats the target. */
enum output_mode {
    OUTPUT_CREATE,  /* an output: replaced whatever its permissions, or created */
    OUTPUT_REWRITE, /* a file rewritten in place (fmt -w): it must exist, be a writable
                       regular file and have one name */
};

struct output {
    FILE *fp;
    char *path;     /* the path as given, for messages */
    char *target;   /* the file renamed over; NULL when written directly */
    char *tmp_path; /* the temporary file; NULL when written directly */
    int slot;       /* its place among the files removed on a signal; -1 when none */
    int error;      /* errno of the first failure */
    enum output_refusal refused; /* set when output_open refused the file */
    int owner_error; /* nonzero: the old file's owner or group could not be kept (errno) */
};

/* Opens path for writing.  On failure returns false with out->error (and
   out->refused) set; out->owner_error may be set on success. */
bool
output_open(struct output *out, const char *path, enum output_mode mode);
/* Flushes, syncs and moves the file into place.  On failure the target is
   untouched and the temporary file gone. */
bool
output_commit(struct output *out);
/* Abandons the output: removes the temporary file. */
void
output_abort(struct output *out);

/*
 * A scratch file in $TMPDIR (or /tmp) holding len bytes, removed by
 * output_scratch_remove() or a signal; its malloc'd path, or NULL.
 */
char *
output_scratch_file(const void *bytes, size_t len);
void
output_scratch_remove(char *path);

/*
 * Makes sure file descriptors 0, 1 and 2 are open, so that no file goalc
 * opens takes the place of a closed standard stream.  A closed one is
 * opened on /dev/null the wrong way round (standard output read-only), so
 * that using it still fails, as it would have closed.
 */
void
output_guard_standard_streams(void);

/* Flushes fp: 0 when everything written to it so far got there, else the
   errno of the failure (EIO when it is not known). */
int
output_stream_error(FILE *fp);

/*
 * A file's identity, to tell whether two paths name one file: device and
 * inode when the path exists, else the path with its directory made
 * canonical (symbolic links, ".", ".." and repeated slashes resolved).
 */
struct output_id {
    bool exists, regular;
    unsigned long long dev, ino;
    char *canonical; /* when !exists; malloc'd */
};

/* false when out of memory. */
bool
output_id_get(struct output_id *id, const char *path);
bool
output_id_same(const struct output_id *a, const struct output_id *b);
void
output_id_free(struct output_id *id);

#endif
