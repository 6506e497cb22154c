/*
 * spawn.c - running diff, git and the browser for the commands (spawn.h):
 * posix_spawnp, never a shell; the file operands of diff after "--", a
 * revision for git show that cannot be an option (it never starts with
 * "-"), and the browser's operands as options with their values attached
 * (--print-to-pdf=PATH) and a file:// URL.
 */
#include "cli/spawn.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Waits for pid: its exit status, or -1 when it did not exit (a signal). */
static int
wait_exit(pid_t pid)
{
    int wst;
    while (waitpid(pid, &wst, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(wst) ? WEXITSTATUS(wst) : -1;
}

int
spawn_diff(const char *label_a, const char *label_b, const char *old_file,
           const char *new_file)
{
    char *argv[] = {"diff", "-u", "--label", (char *)label_a, "--label", (char *)label_b, "--",
                    (char *)old_file, (char *)new_file, NULL};
    fflush(stdout); /* what goalc printed comes before what diff prints */
    pid_t pid;
    if (posix_spawnp(&pid, "diff", NULL, NULL, argv, environ) != 0)
        return -1;
    return wait_exit(pid);
}

char *
spawn_git_show(const char *spec, size_t *len, int *err)
{
    *err = 0;
    if (spec[0] == '-')
        return NULL;
    int fd[2];
    if (pipe(fd) != 0) {
        *err = errno;
        return NULL;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_addclose(&fa, fd[1]);
    char *argv[] = {"git", "show", "--no-textconv", (char *)spec, NULL};
    pid_t pid;
    int e = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (e != 0) {
        close(fd[0]);
        *err = e;
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
    if (wait_exit(pid) != 0 || !ok) {
        free(buf);
        return NULL;
    }
    *len = used;
    return buf;
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
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    int status = -1;
    *err = ENOENT;
    for (size_t i = 0; i < sizeof browsers / sizeof browsers[0]; i++) {
        char *argv[] = {(char *)browsers[i], "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-default-apps",
                        "--mute-audio", profile_opt, pdf_opt, "--no-pdf-header-footer", url,
                        NULL};
        pid_t pid;
        int e = posix_spawnp(&pid, browsers[i], &fa, NULL, argv, environ);
        if (e == 0) {
            *browser = browsers[i];
            status = wait_exit(pid);
            *err = 0;
            break;
        }
        if (e != ENOENT)
            *err = e;
    }
    posix_spawn_file_actions_destroy(&fa);
    free(buf);
    return status;
}
