#!/bin/sh
# run-golden.sh GOALC - compiled output compared with checked-in files.
#   examples/NAME.goal    -> tests/golden/examples/NAME.json
#   tests/golden/NAME.goal -> tests/golden/NAME.json
# Each must compile; its warnings must be exactly those in NAME.diag next to
# the expected JSON (none when there is no such file) - for the examples,
# what goalc finds in the real seed tables.  GOLDEN_UPDATE=1 rewrites the
# expected files; review the diff before committing.
set -u
. "$(dirname "$0")/lib.sh"
goalc=$1
lib_tmpdir golden
check() { # source expected-json
    if ! "$goalc" build --ambiguous-width 1 --format json -o "$tmp/out.json" "$1" 2>"$tmp/err"; then
        echo "FAIL $1: does not compile"
        cat "$tmp/err"
        fail=$((fail + 1))
        return
    fi
    diags="${2%.json}.diag"
    if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
        cp "$tmp/out.json" "$2"
        if [ -s "$tmp/err" ]; then cp "$tmp/err" "$diags"; else rm -f "$diags"; fi
    fi
    [ -e "$diags" ] || : >"$tmp/none" && [ -e "$diags" ] || diags="$tmp/none"
    if ! diff -u "$diags" "$tmp/err"; then
        echo "FAIL $1: diagnostics differ from $diags (above)"
        fail=$((fail + 1))
        return
    fi
    if diff -u "$2" "$tmp/out.json"; then
        pass=$((pass + 1))
    else
        echo "FAIL $1: output differs from $2 (above)"
        fail=$((fail + 1))
    fi
}
mkdir -p tests/golden/examples
for src in examples/*.goal; do
    name=$(basename "$src" .goal)
    check "$src" "tests/golden/examples/$name.json"
done
for src in tests/golden/*.goal; do
    [ -e "$src" ] || continue
    check "$src" "${src%.goal}.json"
done
lib_summary golden
