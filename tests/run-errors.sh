#!/bin/sh
# run-errors.sh GOALC - every tests/errors/*.goal must give exactly the
# diagnostics in its .err file (stderr, no colour, English unless the
# file's first line is "# lang: zh"), and exit 1 - or 0 when the .err holds
# warnings only (no "error[" or "错误[" line).  GOLDEN_UPDATE=1 rewrites
# the .err files; review the diff before committing.
set -u
. "$(dirname "$0")/lib.sh"
goalc=$1
lib_tmpdir errors
for src in tests/errors/*.goal; do
    expected=${src%.goal}.err
    lang=en
    head -1 "$src" | grep -q '^# lang: zh' && lang=zh
    NO_COLOR=1 "$goalc" check --lang "$lang" --ambiguous-width 1 "$src" 2>"$tmp/stderr" >/dev/null
    status=$?
    if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
        cp "$tmp/stderr" "$expected"
    fi
    want=0
    grep -Eq ': (error|错误)\[' "$expected" 2>/dev/null && want=1
    if [ "$status" -ne "$want" ]; then
        echo "FAIL $src: exit status $status, expected $want"
        fail=$((fail + 1))
    elif [ ! -s "$tmp/stderr" ]; then
        echo "FAIL $src: no diagnostics"
        fail=$((fail + 1))
    elif ! diff -u "$expected" "$tmp/stderr"; then
        echo "FAIL $src: diagnostics differ (above)"
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done
lib_summary errors
