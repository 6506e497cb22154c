/*
 * spawn.c - running diff, git and the browser for the commands (spawn.h):
 * platform_run, never a shell; the file operands of diff after "--", a
 * revision for git show that cannot be an option (it never starts with
 * "-"), and the browser's operands as options with their values attached
 * (--print-to-pdf=PATH) and a file:// URL.
 */
#include "cli/spawn.h"

#include "platform/platform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
spawn_diff(const char *label_a, const char *label_b, const char *old_file,
           const char *new_file)
{
    const char *argv[] = {"diff", "-u", "--label", label_a, "--label", label_b, "--",
                          old_file, new_file, NULL};
    fflush(stdout); /* what goalc printed comes before what diff prints */
    int err;
    int st = platform_run(argv, PLATFORM_RUN_INHERIT, NULL, NULL, &err);
    return st;
}

char *
spawn_git_show(const char *spec, size_t *len, int *err)
{
    *err = 0;
    if (spec[0] == '-')
        return NULL;
    const char *argv[] = {"git", "show", "--no-textconv", spec, NULL};
    char *buf = NULL;
    int st = platform_run(argv, PLATFORM_RUN_CAPTURE, &buf, len, err);
    if (st != 0) {
        free(buf);
        return NULL;
    }
    return buf; /* NULL when memory ran out (*err 0) */
}

int
spawn_browser_print(const char *html_path, const char *pdf_path, const char *profile_dir,
                    const char **browser, int *err)
{
    static const char *const browsers[] = {"chromium", "chromium-browser", "google-chrome"};
    size_t n = strlen(pdf_path) + strlen(profile_dir) + strlen(html_path) + 64;
    char *buf = malloc(3 * n);
    if (buf == NULL) {
        *err = ENOMEM;
        return -1;
    }
    char *pdf_opt = buf, *profile_opt = buf + n, *url = buf + 2 * n;
    snprintf(pdf_opt, n, "--print-to-pdf=%s", pdf_path);
    snprintf(profile_opt, n, "--user-data-dir=%s", profile_dir);
    snprintf(url, n, "file://%s", html_path);
    int status = -1;
    *err = ENOENT;
    for (size_t i = 0; i < sizeof browsers / sizeof browsers[0]; i++) {
        const char *argv[] = {browsers[i], "--headless", "--no-sandbox", "--disable-gpu",
                              "--no-first-run", "--disable-background-networking",
                              "--disable-component-update", "--disable-sync",
                              "--disable-default-apps", "--mute-audio", profile_opt, pdf_opt,
                              "--no-pdf-header-footer", url, NULL};
        int e;
        status = platform_run(argv, PLATFORM_RUN_SILENT, NULL, NULL, &e);
        if (status != -1 || e == 0) {
            *browser = browsers[i];
            *err = 0;
            break;
        }
        if (e != ENOENT)
            *err = e;
    }
    free(buf);
    return status;
}
