/*
 * spawn.h - the programs goalc runs: diff (fmt --check, git-diff's plain
 * fallback) and git (diff's REV:PATH).  No shell is involved, and every
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

#endif
