/*
 * inputs.c - directories named on the command line, made into their
 * .goal files.
 *
 * A FILE operand that is a directory (or a symbolic link to one: an
 * operand is taken as named) stands for every regular file whose name
 * ends in ".goal" in it and in the directories below it, sorted by the
 * bytes of their paths (strcmp), so the order is the same on every file
 * system and in every locale.  Below the operand, names starting with "."
 * are left out (.git, fmt -w's scratch files), and so are symbolic links
 * to directories: never followed, so no link makes a loop or reaches
 * outside the tree; a symbolic link to a regular .goal file is read.
 * Other operands ("-", files, paths that do not exist) stay as given, for
 * the loader to read or report.  A directory with no .goal file is an
 * error: a command that did nothing would look like one that passed.
 */
#include "cli/inputs.h"
#include "platform/platform.h"
#include "diag/diag.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool
push(struct inputs *in, char *path)
{
    if (in->count == in->cap) {
        size_t cap = in->cap ? 2 * in->cap : 16;
        char **p = realloc(in->paths, cap * sizeof *p);
        if (p == NULL)
            return false;
        in->paths = p;
        in->cap = cap;
    }
    in->paths[in->count++] = path;
    return true;
}

static char *
join(const char *dir, const char *name)
{
    size_t n = strlen(dir), m = strlen(name);
    bool slash = n > 0 && platform_is_separator(dir[n - 1]);
    char *path = malloc(n + !slash + m + 1);
    if (path != NULL) {
        memcpy(path, dir, n);
        if (!slash)
            path[n++] = '/';
        memcpy(path + n, name, m + 1);
    }
    return path;
}

static bool
is_goal_name(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".goal") == 0;
}

enum walk { WALK_OK, WALK_OOM, WALK_UNREADABLE };

/* Adds the .goal files under dir to in, in no order yet; *bad: the directory not read. */
static enum walk
walk(struct inputs *in, const char *dir, char **bad, int *err)
{
    struct platform_dir *d = platform_dir_open(dir);
    if (d == NULL) {
        *err = errno;
        *bad = strdup(dir);
        return *bad != NULL ? WALK_UNREADABLE : WALK_OOM;
    }
    enum walk result = WALK_OK;
    const char *e;
    while (result == WALK_OK && (e = platform_dir_next(d)) != NULL) {
        if (e[0] == '.')
            continue;
        char *path = join(dir, e);
        if (path == NULL) {
            result = WALK_OOM;
            break;
        }
        struct platform_stat st;
        bool keep = false;
        if (platform_lstat(path, &st) == 0) {
            if (st.kind == PLATFORM_DIRECTORY)
                result = walk(in, path, bad, err);
            else if (is_goal_name(e))
                keep = st.kind == PLATFORM_REGULAR ||
                       (st.kind == PLATFORM_SYMLINK && platform_stat(path, &st) == 0 && st.kind == PLATFORM_REGULAR);
        }
        if (keep && !push(in, path))
            result = WALK_OOM;
        if (!keep)
            free(path);
    }
    if (result == WALK_OK && errno != 0) {
        *err = errno;
        *bad = strdup(dir);
        result = *bad != NULL ? WALK_UNREADABLE : WALK_OOM;
    }
    platform_dir_close(d);
    return result;
}

static int
by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool
inputs_expand(struct inputs *in, const char ***files, size_t *count, enum diag_lang lang,
              bool *oom)
{
    *oom = false;
    bool any = false;
    struct platform_stat st;
    for (size_t i = 0; i < *count && !any; i++)
        any = strcmp((*files)[i], "-") != 0 && platform_stat((*files)[i], &st) == 0 && st.kind == PLATFORM_DIRECTORY;
    if (!any)
        return true;
    size_t n = 0, cap = *count;
    const char **list = malloc(cap * sizeof *list);
    if (list == NULL) {
        *oom = true;
        return false;
    }
    in->files = list;
    for (size_t i = 0; i < *count; i++) {
        const char *f = (*files)[i];
        if (strcmp(f, "-") == 0 || platform_stat(f, &st) != 0 || st.kind != PLATFORM_DIRECTORY) {
            list[n++] = f;
            continue;
        }
        size_t first = in->count;
        char *bad = NULL;
        int err = 0;
        enum walk w = walk(in, f, &bad, &err);
        if (w == WALK_UNREADABLE) {
            diag_tool_error(lang, PHRASE_CANNOT_READ_DIRECTORY, bad, strerror(err));
            free(bad);
            return false;
        }
        if (w == WALK_OOM) {
            *oom = true;
            return false;
        }
        if (in->count == first) {
            diag_tool_error(lang, PHRASE_NO_GOAL_FILES, f);
            return false;
        }
        qsort(in->paths + first, in->count - first, sizeof *in->paths, by_bytes);
        size_t add = in->count - first;
        if (n + add + (*count - i - 1) > cap) {
            cap = n + add + (*count - i - 1);
            const char **grown = realloc(list, cap * sizeof *list);
            if (grown == NULL) {
                *oom = true;
                return false;
            }
            in->files = list = grown;
        }
        for (size_t k = first; k < in->count; k++)
            list[n++] = in->paths[k];
    }
    *files = list;
    *count = n;
    return true;
}

void
inputs_free(struct inputs *in)
{
    for (size_t i = 0; i < in->count; i++)
        free(in->paths[i]);
    free(in->paths);
    free(in->files);
    *in = (struct inputs){0};
}
