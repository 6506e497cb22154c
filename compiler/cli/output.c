/*
 * output.c - atomic output files.
 *
 * Owns the temporary file between output_open() and output_commit() or
 * output_abort().  The temporary lives beside the target (same file system,
 * so rename() is atomic) and is named .NAME.XXXXXX.
 */
#include "cli/output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OUTPUT_BUFFER = 1 << 16 };

static char *
dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

static void
clear(struct output *out)
{
    free(out->path);
    free(out->target);
    free(out->tmp_path);
    out->path = out->target = out->tmp_path = NULL;
    out->fp = NULL;
}

static bool
fail(struct output *out, int err)
{
    out->error = err;
    if (out->tmp_path != NULL)
        unlink(out->tmp_path);
    if (out->fp != NULL && out->fp != stdout)
        fclose(out->fp);
    out->fp = NULL;
    return false;
}

bool
output_open(struct output *out, const char *path)
{
    memset(out, 0, sizeof *out);
    out->path = dup_str(path);
    if (out->path == NULL)
        return fail(out, ENOMEM);
    if (strcmp(path, "-") == 0) {
        out->fp = stdout;
        return true;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return fail(out, EISDIR);
        /* A device or a pipe (/dev/stdout, /dev/null): write straight to it. */
        out->fp = fopen(path, "w");
        return out->fp != NULL ? true : fail(out, errno);
    }
    /* Follow a link to the regular file it names, so the link survives. */
    char *target = realpath(path, NULL);
    out->target = target != NULL ? target : dup_str(path);
    if (out->target == NULL)
        return fail(out, ENOMEM);
    const char *slash = strrchr(out->target, '/');
    size_t dir_len = slash != NULL ? (size_t)(slash - out->target) + 1 : 0;
    const char *base = out->target + dir_len;
    size_t n = dir_len + strlen(base) + sizeof ".." ".XXXXXX";
    out->tmp_path = malloc(n);
    if (out->tmp_path == NULL)
        return fail(out, ENOMEM);
    snprintf(out->tmp_path, n, "%.*s.%s.XXXXXX", (int)dir_len, out->target, base);
    int fd = mkstemp(out->tmp_path);
    if (fd < 0) {
        int err = errno;
        free(out->tmp_path);
        out->tmp_path = NULL;
        return fail(out, err);
    }
    /* Keep the permissions of the file being replaced; new files get 0666 & ~umask. */
    mode_t mode;
    if (stat(out->target, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    fchmod(fd, mode);
    out->fp = fdopen(fd, "w");
    if (out->fp == NULL) {
        int err = errno;
        close(fd);
        return fail(out, err);
    }
    setvbuf(out->fp, NULL, _IOFBF, OUTPUT_BUFFER);
    return true;
}

bool
output_commit(struct output *out)
{
    bool ok = true;
    if (fflush(out->fp) != 0 || ferror(out->fp)) {
        ok = fail(out, errno ? errno : EIO);
    } else if (out->fp != stdout) {
        FILE *fp = out->fp;
        out->fp = NULL;
        if (fclose(fp) != 0)
            ok = fail(out, errno);
        else if (out->tmp_path != NULL && rename(out->tmp_path, out->target) != 0)
            ok = fail(out, errno);
    }
    clear(out);
    return ok;
}

void
output_abort(struct output *out)
{
    if (out->tmp_path != NULL)
        unlink(out->tmp_path);
    if (out->fp != NULL && out->fp != stdout)
        fclose(out->fp);
    clear(out);
}
