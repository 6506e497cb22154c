/*
 * output.c - atomic output files, scratch files, the standard streams and
 * file identities (output.h): the command's file-system calls for output.
 *
 * Owns the temporary file between output_open() and output_commit() or
 * output_abort().  The temporary lives beside the target (same file system,
 * so rename() is atomic) and is named .NAME.XXXXXX.  Every temporary and
 * scratch file is recorded in `pending` from the moment it exists until it
 * is renamed or removed; the interrupt handler (platform_on_interrupt)
 * removes what is recorded there and exits, calling nothing but
 * platform_remove_quick(), which is async-signal-safe.  Interrupts are
 * held off while a file is created and
 * recorded, renamed and forgotten, so none falls between the two; the -j
 * workers block them for good (jobs.c), so the handler runs on this thread.
 */
#include "cli/output.h"
#include "platform/platform.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { OUTPUT_BUFFER = 1 << 16, PENDING_MAX = 64 };

/* --- the files an interrupt removes ------------------------------------------ */

static char *volatile pending[PENDING_MAX];

static void
on_interrupt(void)
{
    for (int i = 0; i < PENDING_MAX; i++) {
        char *p = pending[i];
        if (p != NULL)
            platform_remove_quick(p);
    }
}

/*
 * mkstemp(path) with the file recorded for the handler: its fd, or -1
 * (errno set).  *slot is where it is recorded, -1 when every slot is
 * taken (the file is then only removed by the code, not by a signal).
 */
static int
create_pending(char *path, int *slot)
{
    platform_on_interrupt(on_interrupt);
    platform_interrupts_hold();
    int fd = platform_mkstemp(path);
    int err = errno;
    *slot = -1;
    for (int i = 0; fd >= 0 && i < PENDING_MAX && *slot < 0; i++)
        if (pending[i] == NULL) {
            pending[i] = path;
            *slot = i;
        }
    platform_interrupts_allow();
    errno = err;
    return fd;
}

static void
forget_pending(int slot)
{
    if (slot >= 0)
        pending[slot] = NULL;
}

/* Removes a pending file and forgets it, in that order: never a moment unrecorded. */
static void
remove_pending(const char *path, int *slot)
{
    platform_remove(path);
    forget_pending(*slot);
    *slot = -1;
}

/* --- output files ------------------------------------------------------------ */

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
    if (out->fp != NULL && out->fp != stdout)
        fclose(out->fp);
    out->fp = NULL;
    if (out->tmp_path != NULL)
        remove_pending(out->tmp_path, &out->slot);
    return false;
}

static bool
refuse(struct output *out, enum output_refusal why, int err)
{
    out->refused = why;
    return fail(out, err);
}

bool
output_open(struct output *out, const char *path, enum output_mode mode)
{
    memset(out, 0, sizeof *out);
    out->slot = -1;
    out->path = dup_str(path);
    if (out->path == NULL)
        return fail(out, ENOMEM);
    if (strcmp(path, "-") == 0) {
        out->fp = stdout;
        return true;
    }
    struct platform_stat st;
    if (platform_stat(path, &st) == 0 && st.kind != PLATFORM_REGULAR) {
        if (st.kind == PLATFORM_DIRECTORY)
            return fail(out, EISDIR);
        /* A device or a pipe (/dev/stdout, /dev/null): write straight to it. */
        out->fp = platform_fopen(path, "w");
        return out->fp != NULL ? true : fail(out, errno);
    }
    /* Follow a link to the regular file it names, so the link survives. */
    char *target = platform_realpath(path);
    out->target = target != NULL ? target : dup_str(path);
    if (out->target == NULL)
        return fail(out, ENOMEM);
    bool exists = platform_stat(out->target, &st) == 0;
    if (mode == OUTPUT_REWRITE) {
        if (!exists)
            return fail(out, errno);
        /* rename() would cut the other names off from the new text. */
        if (st.links > 1)
            return refuse(out, OUTPUT_HARD_LINKED, EMLINK);
        /* The directory may allow the rename; the file's own permission says no. */
        if ((st.mode & 0222) == 0 || !platform_writable(out->target))
            return refuse(out, OUTPUT_READ_ONLY, EACCES);
    }
    const char *slash = platform_last_separator(out->target);
    size_t dir_len = slash != NULL ? (size_t)(slash - out->target) + 1 : 0;
    const char *base = out->target + dir_len;
    size_t n = dir_len + strlen(base) + sizeof ".." ".XXXXXX";
    out->tmp_path = malloc(n);
    if (out->tmp_path == NULL)
        return fail(out, ENOMEM);
    snprintf(out->tmp_path, n, "%.*s.%s.XXXXXX", (int)dir_len, out->target, base);
    int fd = create_pending(out->tmp_path, &out->slot);
    if (fd < 0) {
        int err = errno;
        free(out->tmp_path);
        out->tmp_path = NULL;
        return fail(out, err);
    }
    /* Keep what the replaced file had; new files get 0666 & ~umask. */
    if (exists)
        platform_keep_attributes(fd, &st, &out->owner_error);
    else
        platform_new_file_attributes(fd);
    out->fp = platform_fdopen_write(fd);
    if (out->fp == NULL) {
        int err = errno;
        platform_close(fd);
        return fail(out, err);
    }
    setvbuf(out->fp, NULL, _IOFBF, OUTPUT_BUFFER);
    return true;
}

bool
output_commit(struct output *out)
{
    bool ok = true;
    int err = output_stream_error(out->fp);
    if (err != 0) {
        ok = fail(out, err);
    } else if (out->fp != stdout) {
        FILE *fp = out->fp;
        out->fp = NULL;
        if (out->tmp_path != NULL && platform_sync(fp) != 0) {
            err = errno;
            fclose(fp);
            ok = fail(out, err);
        } else if (fclose(fp) != 0) {
            ok = fail(out, errno);
        } else if (out->tmp_path != NULL) {
            platform_interrupts_hold();
            if (platform_rename_replace(out->tmp_path, out->target) != 0)
                err = errno;
            else
                forget_pending(out->slot);
            platform_interrupts_allow();
            if (err != 0)
                ok = fail(out, err);
            else
                platform_sync_directory_of(out->target);
        }
    }
    clear(out);
    return ok;
}

void
output_abort(struct output *out)
{
    if (out->fp != NULL && out->fp != stdout)
        fclose(out->fp);
    out->fp = NULL;
    if (out->tmp_path != NULL)
        remove_pending(out->tmp_path, &out->slot);
    clear(out);
}

/* --- scratch files ------------------------------------------------------------ */

char *
output_scratch_file(const void *bytes, size_t len)
{
    const char *dir = platform_tmpdir();
    size_t n = strlen(dir) + sizeof "/goalc-XXXXXX";
    char *path = malloc(n);
    if (path == NULL)
        return NULL;
    snprintf(path, n, "%s/goalc-XXXXXX", dir);
    int slot;
    int fd = create_pending(path, &slot);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    FILE *fp = platform_fdopen_write(fd);
    bool ok = fp != NULL && fwrite(bytes, 1, len, fp) == len;
    if (fp != NULL)
        ok = fclose(fp) == 0 && ok;
    else
        platform_close(fd);
    if (!ok) {
        remove_pending(path, &slot);
        free(path);
        return NULL;
    }
    return path;
}

void
output_scratch_remove(char *path)
{
    if (path == NULL)
        return;
    for (int i = 0; i < PENDING_MAX; i++)
        if (pending[i] == path) {
            int slot = i;
            remove_pending(path, &slot);
            free(path);
            return;
        }
    platform_remove(path);
    free(path);
}

/* --- the standard streams ------------------------------------------------------- */

void
output_guard_standard_streams(void)
{
    platform_guard_standard_streams();
}

int
output_stream_error(FILE *fp)
{
    /* A failed write sets errno and the error flag; glibc drops what it could not
       write, so a later fflush succeeds and only the flag is left to tell. */
    int seen = errno;
    if (fflush(fp) != 0)
        return errno != 0 ? errno : EIO;
    if (!ferror(fp))
        return 0;
    if (platform_stream_read_only(fp))
        return EBADF; /* closed, or closed and guarded (output_guard_standard_streams) */
    return seen != 0 ? seen : EIO;
}

/* --- file identities ------------------------------------------------------------- */

/* path made absolute and rid of ".", ".." and repeated slashes, by its text alone. */
static char *
lexical_canonical(const char *path)
{
    char *cwd = platform_path_is_absolute(path) ? NULL : platform_getcwd();
    size_t n = (cwd != NULL ? strlen(cwd) : 0) + 1 + strlen(path) + 2;
    char *all = malloc(n), *out = malloc(n);
    if (all == NULL || out == NULL) {
        free(all);
        free(out);
        free(cwd);
        return NULL;
    }
    snprintf(all, n, "%s/%s", cwd != NULL ? cwd : "", path);
    free(cwd);
    size_t len = 0;
    for (char *p = all; *p != '\0';) {
        while (*p == '/')
            p++;
        size_t seg = strcspn(p, "/");
        if (seg == 0)
            break;
        if (seg == 1 && p[0] == '.') {
            /* nothing */
        } else if (seg == 2 && p[0] == '.' && p[1] == '.') {
            while (len > 0 && out[len - 1] != '/')
                len--;
            if (len > 0)
                len--;
        } else {
            out[len++] = '/';
            memcpy(out + len, p, seg);
            len += seg;
        }
        p += seg;
    }
    if (len == 0)
        out[len++] = '/';
    out[len] = '\0';
    free(all);
    return out;
}

bool
output_id_get(struct output_id *id, const char *path)
{
    memset(id, 0, sizeof *id);
    struct platform_stat st;
    if (platform_stat(path, &st) == 0) {
        id->exists = true;
        id->regular = st.kind == PLATFORM_REGULAR;
        id->dev = st.dev;
        id->ino = st.ino;
        return true;
    }
    /* Not there yet: its directory's real path, then its name. */
    const char *slash = platform_last_separator(path);
    const char *base = slash != NULL ? slash + 1 : path;
    char *dir = NULL;
    if (slash == NULL)
        dir = platform_realpath(".");
    else if (slash == path)
        dir = platform_realpath("/");
    else {
        char *d = malloc((size_t)(slash - path) + 1);
        if (d == NULL)
            return false;
        memcpy(d, path, (size_t)(slash - path));
        d[slash - path] = '\0';
        dir = platform_realpath(d);
        free(d);
    }
    if (dir != NULL && base[0] != '\0' && strcmp(base, ".") != 0 && strcmp(base, "..") != 0) {
        size_t n = strlen(dir) + strlen(base) + 2;
        id->canonical = malloc(n);
        if (id->canonical != NULL)
            snprintf(id->canonical, n, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", base);
    } else {
        id->canonical = lexical_canonical(path); /* the directory does not exist either */
    }
    free(dir);
    return id->canonical != NULL;
}

bool
output_id_same(const struct output_id *a, const struct output_id *b)
{
    if (a->exists != b->exists)
        return false;
    if (a->exists)
        return a->dev == b->dev && a->ino == b->ino;
    return strcmp(a->canonical, b->canonical) == 0;
}

void
output_id_free(struct output_id *id)
{
    free(id->canonical);
    id->canonical = NULL;
}
