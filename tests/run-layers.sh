#!/bin/sh
# run-layers.sh - the layering check (scripts/check-layers.py) passes on the
# tree, and fails, naming the line, on each broken tree of tests/layers/:
# an include upward, one beside (emit -> sema), one that does not name its
# folder, and a cycle.  Also: no file of the tree holds a merge's conflict
# markers (a merge that left them once compiled and passed every test).
set -u
fail=0
python3 scripts/check-layers.py . || fail=1
markers=$(grep -rnE '^(<<<<<<<|>>>>>>>) ' --exclude-dir=.git --exclude-dir=build --exclude-dir=out . 2>/dev/null)
if [ -n "$markers" ]; then
    echo "FAIL: conflict markers left by a merge:"
    printf '%s\n' "$markers"
    fail=1
fi
expect() { # case text
    out=$(python3 scripts/check-layers.py "tests/layers/$1" 2>&1)
    if [ $? -ne 1 ] || ! printf '%s\n' "$out" | grep -qF "$2"; then
        echo "FAIL: tests/layers/$1 should fail with: $2"
        printf '%s\n' "$out"
        fail=1
    fi
}
expect upward 'compiler/base/arena.c:1: #include "sema/sema.h": base may not include sema'
expect beside 'compiler/emit/emit.c:1: #include "sema/sema.h": emit may not include sema'
expect bare 'compiler/emit/emit.c:1: #include "writer.h": does not name its folder'
expect cycle 'include cycle: compiler/model/a.h -> compiler/model/b.h -> compiler/model/a.h'
[ "$fail" -eq 0 ] && echo "layers: the checker fails on each broken tree"
[ "$fail" -eq 0 ]
