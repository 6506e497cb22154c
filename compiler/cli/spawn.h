/*
 * spawn.h - the programs goalc runs: diff (fmt --check, git-diff's plain
 * fallback), git (diff's REV:PATH) and a headless Chromium (--format pdf).  No shell is involved, and every
 * file operand comes after "--", so no file name can be taken for an
 * option.
 */
#ifndef GOALC_SPAWN_H
#define GOALC_SPAWN_H

#include <stddef.h>

/*
 * `diff -u --label A --label B -- OLD NEW`, its output on standard output
 * (flushed first): diff's exit status (0 same, 1 different, 2 trouble), or
 * -1 when it cannot be run.  The labels are printed by diff as given: the
 * caller escapes them.
 */
int
spawn_diff(const char *label_a, const char *label_b, const char *old_file,
           const char *new_file);

/*
 * The standard output of `git show --no-textconv SPEC` in a malloc'd
 * buffer (*len bytes).  NULL when git cannot be run (*err its errno) or
 * fails or memory runs out (*err 0).
 */
char *
spawn_git_show(const char *spec, size_t *len, int *err);

/*
 * Prints the page at html_path (an absolute path) to pdf_path with the
 * first of chromium, chromium-browser and google-chrome found on PATH,
 * headless, with the profile in profile_dir and nothing fetched; its
 * output goes to /dev/null.  *browser is the program run.  Returns its
 * exit status, or -1 when none could be run (*err its errno: ENOENT when
 * there is none).
 */
int
spawn_browser_print(const char *html_path, const char *pdf_path, const char *profile_dir,
                    const char **browser, int *err);

#endif
