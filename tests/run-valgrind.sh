#!/bin/sh
# run-valgrind.sh BUILD - the unit tests, and goalc over every example and
# error file, under valgrind: no invalid access, no leak.
set -u
. "$(dirname "$0")/lib.sh"
build=$1
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible"
run() {
    $vg "$@" >/dev/null 2>"$build/valgrind.log"
    status=$?
    if [ "$status" -eq 99 ] || grep -q '^==[0-9]*==' "$build/valgrind.log"; then
        echo "FAIL (valgrind): $*"
        cat "$build/valgrind.log"
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
}
for t in "$build"/tests/test_*; do
    [ -x "$t" ] && run "$t"
done
run "$build/goalc" build --format json,csv,html,md,sqlite -o "$build/vg-out/" examples/*.goal
run "$build/goalc" build --format csv --excel -o "$build/vg-out/" examples/*.goal
for f in tests/errors/*.goal; do
    run "$build/goalc" check "$f"
done
lib_summary valgrind
