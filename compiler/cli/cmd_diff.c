/*
 * cmd_diff.c - goalc diff and goalc git-diff: compile two versions of a
 * table and print what changed in meaning (diff.c compares, diff_render.c
 * prints).  diff reads a side from a file, standard input or git
 * (REV:PATH, through `git show`, no shell); git-diff is git's external
 * diff driver, falling back to a plain `diff -u` when a version does not
 * compile and always exiting 0 so git goes on.
 */
#include "cli/cli.h"
#include "diag/diag.h"
#include "review/diff.h"
#include "review/diff_render.h"
#include "driver.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* --- goalc diff ------------------------------------------------------------ */

/* Whether a diff argument names a git revision of a file (REV:PATH) rather than a file. */
static bool
diff_is_revision(const char *arg)
{
    struct stat st;
    return arg[0] != '-' && strchr(arg, ':') != NULL && stat(arg, &st) != 0;
}

/*
 * The bytes of `git show REV:PATH` in a malloc'd buffer (*len of them), or
 * NULL (reported) when git cannot be run or fails.  No shell is involved.
 */
static char *
diff_git_show(const struct cli_options *o, const char *spec, size_t *len)
{
    int fd[2];
    if (pipe(fd) != 0) {
        diag_tool_error(o->lang, PHRASE_CANNOT_RUN_GIT, strerror(errno));
        return NULL;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_addclose(&fa, fd[1]);
    char *argv[] = {"git", "show", "--no-textconv", (char *)spec, NULL};
    pid_t pid;
    int err = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (err != 0) {
        close(fd[0]);
        diag_tool_error(o->lang, PHRASE_CANNOT_RUN_GIT, strerror(err));
        return NULL;
    }
    char *buf = NULL;
    size_t used = 0, cap = 0;
    bool ok = true;
    for (;;) {
        if (used == cap) {
            char *nb = cap < (size_t)1 << 30 ? realloc(buf, cap ? cap * 2 : 65536) : NULL;
            if (nb == NULL) {
                ok = false;
                break;
            }
            buf = nb;
            cap = cap ? cap * 2 : 65536;
        }
        ssize_t n = read(fd[0], buf + used, cap - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        used += (size_t)n;
    }
    close(fd[0]);
    int wst;
    while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
        ;
    if (!ok || !WIFEXITED(wst) || WEXITSTATUS(wst) != 0) {
        diag_tool_error(o->lang, PHRASE_GIT_SHOW_FAILED, spec);
        free(buf);
        return NULL;
    }
    *len = used;
    return buf;
}

/* One side of a diff compiled; NULL (reported, diagnostics printed) on any trouble. */
static struct compilation *
diff_side(const struct cli_options *o, const char *arg)
{
    struct compilation *c = compilation_new(o->lang);
    if (c == NULL) {
        cli_out_of_memory(o, NULL);
        return NULL;
    }
    c->diags.policy = &o->policy;
    c->stdlib_dir = o->stdlib_dir;
    c->include_roots = o->include_roots;
    c->include_root_count = o->include_root_count;
    enum compile_status st;
    if (diff_is_revision(arg)) {
        size_t len = 0;
        char *bytes = diff_git_show(o, arg, &len);
        if (bytes == NULL) {
            compilation_free(c);
            return NULL;
        }
        st = driver_run_bytes(c, arg, bytes, len);
        free(bytes);
    } else {
        st = driver_run(c, arg);
    }
    if (st != COMPILE_OK) {
        struct diag_render_options render = {o->color};
        diag_render(&c->diags, stderr, &render);
        if (st == COMPILE_OOM)
            cli_out_of_memory(o, arg);
        compilation_free(c);
        return NULL;
    }
    return c;
}

/* goalc diff OLD NEW: exit 0 when the two mean the same, 1 when they differ, 2 on trouble. */
int
cli_run_diff(const struct cli_options *o)
{
    if (strcmp(o->files[0], "-") == 0 && strcmp(o->files[1], "-") == 0)
        return cli_usage_error(o, PHRASE_DIFF_ONE_STDIN);
    struct compilation *old_c = diff_side(o, o->files[0]);
    struct compilation *new_c = old_c != NULL ? diff_side(o, o->files[1]) : NULL;
    struct diff *d = new_c != NULL ? diff_compare(old_c, new_c) : NULL;
    if (new_c != NULL && d == NULL)
        cli_out_of_memory(o, NULL);
    compilation_free(old_c);
    compilation_free(new_c);
    if (d == NULL)
        return EXIT_TROUBLE;
    const char *no_color = getenv("NO_COLOR");
    bool color = o->color_given ? o->color
                                : isatty(STDOUT_FILENO) && (no_color == NULL || no_color[0] == '\0');
    struct diff_render_options ro = {o->diff_format, o->lang, color, o->files[0], o->files[1]};
    diff_render(d, stdout, &ro);
    int status = d->change_count > 0 ? 1 : 0;
    diff_free(d);
    return status;
}

/* --- goalc git-diff ---------------------------------------------------------- */

/* One version for git-diff: /dev/null (an added or deleted file) is empty; NULL when it does not compile. */
static struct compilation *
git_diff_side(const struct cli_options *o, const char *file, const char *path)
{
    struct compilation *c = compilation_new(o->lang);
    if (c == NULL)
        return NULL;
    c->stdlib_dir = o->stdlib_dir;
    c->include_roots = o->include_roots;
    c->include_root_count = o->include_root_count;
    enum compile_status st = strcmp(file, "/dev/null") == 0
                                 ? driver_run_bytes(c, path, "", 0)
                                 : driver_run(c, file);
    if (st != COMPILE_OK) {
        compilation_free(c);
        return NULL;
    }
    return c;
}

/* A plain unified diff of the two texts, labelled like git's; false when diff cannot run. */
static bool
git_plain_diff(const char *old_file, const char *new_file, const char *a, const char *b)
{
    fflush(stdout);
    char *argv[] = {"diff", "-u", "--label", (char *)a, "--label", (char *)b,
                    (char *)old_file, (char *)new_file, NULL};
    pid_t pid;
    if (posix_spawnp(&pid, "diff", NULL, NULL, argv, environ) != 0)
        return false;
    int wst;
    while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(wst) && WEXITSTATUS(wst) <= 1;
}

/*
 * goalc git-diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
 * [NEW-PATH RENAME-INFO]: git's external diff driver (docs/git.md).  The
 * semantic report when both versions compile, else a plain diff; exit 0
 * either way, since git stops at a driver that exits non-zero.
 */
int
cli_run_git_diff(const struct cli_options *o)
{
    const char *path = o->files[0], *old_file = o->files[1], *new_file = o->files[4];
    const char *new_path = o->file_count == 9 ? o->files[7] : path;
    size_t a_len = strlen(path) + 3, b_len = strlen(new_path) + 3;
    char *a = malloc(a_len), *b = malloc(b_len);
    if (a == NULL || b == NULL) {
        free(a);
        free(b);
        cli_out_of_memory(o, NULL);
        return EXIT_TROUBLE;
    }
    snprintf(a, a_len, "a/%s", path);
    snprintf(b, b_len, "b/%s", new_path);
    printf("diff --goal %s %s\n", a, b);
    struct compilation *old_c = git_diff_side(o, old_file, path);
    struct compilation *new_c = old_c != NULL ? git_diff_side(o, new_file, new_path) : NULL;
    struct diff *d = new_c != NULL ? diff_compare(old_c, new_c) : NULL;
    compilation_free(old_c);
    compilation_free(new_c);
    int status = 0;
    if (d == NULL) {
        printf("%s\n", cli_tr(o, PHRASE_GIT_DIFF_PLAIN));
        if (!git_plain_diff(old_file, new_file, a, b)) {
            diag_tool_error(o->lang, PHRASE_CANNOT_RUN_DIFF);
            status = EXIT_TROUBLE;
        }
    } else {
        if (d->change_count == 0) {
            printf("%s\n", cli_tr(o, PHRASE_NO_CHANGE_IN_MEANING));
        } else {
            const char *no_color = getenv("NO_COLOR");
            bool color = o->color_given ? o->color
                                        : isatty(STDOUT_FILENO) &&
                                              (no_color == NULL || no_color[0] == '\0');
            struct diff_render_options ro = {DIFF_FORMAT_TEXT, o->lang, color, a, b};
            diff_render(d, stdout, &ro);
        }
        diff_free(d);
    }
    free(a);
    free(b);
    return status;
}
