/*
 * cmd_diff.c - goalc diff and goalc git-diff: compile two versions of a
 * table and print what changed in meaning (diff.c compares, diff_render.c
 * prints).  diff reads a side from a file, standard input or git
 * (REV:PATH, through `git show`, no shell); git-diff is git's external
 * diff driver, falling back to a plain `diff -u` when a version does not
 * compile and always exiting 0 so git goes on.
 */
#include "cli/cli.h"
#include "platform/platform.h"
#include "diag/diag.h"
#include "review/diff.h"
#include "review/diff_render.h"
#include "driver.h"
#include "cli/spawn.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- goalc diff ------------------------------------------------------------ */

/* Whether a diff argument names a git revision of a file (REV:PATH) rather than a file. */
static bool
diff_is_revision(const char *arg)
{
    struct platform_stat st;
    return arg[0] != '-' && strchr(arg, ':') != NULL && platform_stat(arg, &st) != 0;
}

/* The bytes of `git show REV:PATH` (*len of them), or NULL (reported). */
static char *
diff_git_show(const struct cli_options *o, const char *spec, size_t *len)
{
    int err;
    char *bytes = spawn_git_show(spec, len, &err);
    if (bytes == NULL && err != 0)
        diag_tool_error(o->lang, PHRASE_CANNOT_RUN_GIT, strerror(err));
    else if (bytes == NULL)
        diag_tool_error(o->lang, PHRASE_GIT_SHOW_FAILED, spec);
    return bytes;
}

/* One side of a diff compiled; NULL (reported, diagnostics printed) on any trouble. */
static struct compilation *
diff_side(const struct cli_options *o, const char *arg)
{
    struct compilation *c = cli_compilation_new(o);
    if (c == NULL) {
        cli_out_of_memory(o, NULL);
        return NULL;
    }
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
        struct diag_render_options render = {o->color, o->ambiguous_width};
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
                                : platform_isatty(1) && (no_color == NULL || no_color[0] == '\0');
    struct diff_render_options ro = {o->diff_format, o->lang, color, o->files[0], o->files[1]};
    diff_render(d, stdout, &ro);
    int status = !cli_stream_ok(o, stdout) ? EXIT_TROUBLE : d->change_count > 0 ? 1 : 0;
    diff_free(d);
    return status;
}

/* --- goalc git-diff ---------------------------------------------------------- */

/* One version for git-diff: /dev/null (an added or deleted file) is empty; NULL when it does not compile. */
static struct compilation *
git_diff_side(const struct cli_options *o, const char *file, const char *path)
{
    struct compilation *c = cli_compilation_new(o);
    if (c == NULL)
        return NULL;
    enum compile_status st = strcmp(file, "/dev/null") == 0
                                 ? driver_run_bytes(c, path, "", 0)
                                 : driver_run(c, file);
    if (st != COMPILE_OK) {
        compilation_free(c);
        return NULL;
    }
    return c;
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
    /* git's operands are always paths: a file named "-" is that file, not standard input. */
    const char *path = o->files[0];
    const char *old_file = strcmp(o->files[1], "-") == 0 ? "./-" : o->files[1];
    const char *new_file = strcmp(o->files[4], "-") == 0 ? "./-" : o->files[4];
    const char *new_path = o->file_count == 9 ? o->files[7] : path;
    char *shown_a = cli_path_shown(path), *shown_b = cli_path_shown(new_path);
    size_t a_len = shown_a ? strlen(shown_a) + 3 : 0, b_len = shown_b ? strlen(shown_b) + 3 : 0;
    char *a = shown_a ? malloc(a_len) : NULL, *b = shown_b ? malloc(b_len) : NULL;
    if (a == NULL || b == NULL) {
        free(a);
        free(b);
        free(shown_a);
        free(shown_b);
        cli_out_of_memory(o, NULL);
        return EXIT_TROUBLE;
    }
    snprintf(a, a_len, "a/%s", shown_a);
    snprintf(b, b_len, "b/%s", shown_b);
    free(shown_a);
    free(shown_b);
    struct compilation *old_c = git_diff_side(o, old_file, path);
    struct compilation *new_c = old_c != NULL ? git_diff_side(o, new_file, new_path) : NULL;
    struct diff *d = new_c != NULL ? diff_compare(old_c, new_c) : NULL;
    compilation_free(old_c);
    compilation_free(new_c);
    int status = 0;
    printf("diff --goal %s %s\n", a, b);
    if (d == NULL) {
        printf("%s\n", cli_tr(o, PHRASE_GIT_DIFF_PLAIN));
        int st = cli_stream_ok(o, stdout) ? spawn_diff(a, b, old_file, new_file) : 2;
        if (st < 0)
            diag_tool_error(o->lang, PHRASE_CANNOT_RUN_DIFF);
        if (st < 0 || st > 1) /* 2: diff said what went wrong */
            status = EXIT_TROUBLE;
    } else {
        if (d->change_count == 0) {
            printf("%s\n", cli_tr(o, PHRASE_NO_CHANGE_IN_MEANING));
        } else {
            const char *no_color = getenv("NO_COLOR");
            bool color = o->color_given ? o->color
                                        : platform_isatty(1) &&
                                              (no_color == NULL || no_color[0] == '\0');
            struct diff_render_options ro = {DIFF_FORMAT_TEXT, o->lang, color, a, b};
            diff_render(d, stdout, &ro);
        }
        diff_free(d);
        if (!cli_stream_ok(o, stdout))
            status = EXIT_TROUBLE;
    }
    free(a);
    free(b);
    return status;
}
