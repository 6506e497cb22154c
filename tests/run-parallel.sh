#!/bin/sh
# run-parallel.sh GOALC - goalc -j: inputs compiled on several threads give
# exactly what -j 1 gives: the same exit status, the same standard output
# and error (diagnostics per input, in input order, never interleaved), the
# same output files, and the gathered CSV rows in input order.  The inputs
# mix good tables, tables with errors and warnings, includes, and many
# copies, so that more inputs are in flight than there are threads.
set -u
. "$(dirname "$0")/lib.sh"
goalc=$(lib_abs "$1")
lib_tmpdir parallel

# Many good inputs: copies of the examples under other names.
mkdir -p "$tmp/many"
n=0
while [ $n -lt 24 ]; do
    for f in examples/*.goal; do
        cp "$f" "$tmp/many/$n-$(basename "$f")"
    done
    n=$((n + 1))
done
good="examples/*.goal tests/golden/*.goal $tmp/many/*.goal"
mixed="$good tests/errors/*.goal"

# same NAME ARGS... : runs goalc ARGS with -j 1, -j 2 and -j 8 (each in its
# own output directory OUT, substituted for @OUT@; standard input from the
# file $stdin) and compares everything.
same() {
    name=$1
    shift
    for j in 1 2 8; do
        rm -rf "$tmp/j$j" && mkdir -p "$tmp/j$j/out"
        args=""
        for a in "$@"; do
            [ "$a" = @OUT@ ] && a=$tmp/j$j/out/
            args="$args '$a'"
        done
        eval "NO_COLOR=1 '$goalc' -j $j $args" <"${stdin:-/dev/null}" >"$tmp/j$j/stdout" \
            2>"$tmp/j$j/stderr"
        echo $? >"$tmp/j$j/status"
    done
    for j in 2 8; do
        # Paths of the output directories differ: compare with them replaced.
        for d in 1 $j; do
            sed "s|$tmp/j$d/out/|OUT/|g" "$tmp/j$d/stdout" >"$tmp/j$d/stdout.n"
            sed "s|$tmp/j$d/out/|OUT/|g" "$tmp/j$d/stderr" >"$tmp/j$d/stderr.n"
        done
        if cmp -s "$tmp/j1/status" "$tmp/j$j/status" &&
            cmp -s "$tmp/j1/stdout.n" "$tmp/j$j/stdout.n" &&
            cmp -s "$tmp/j1/stderr.n" "$tmp/j$j/stderr.n" &&
            diff -r "$tmp/j1/out" "$tmp/j$j/out" >/dev/null; then
            ok
        else
            no "$name: -j $j differs from -j 1"
            diff -u "$tmp/j1/stderr.n" "$tmp/j$j/stderr.n" | head -10
            diff -r "$tmp/j1/out" "$tmp/j$j/out" | head -5
        fi
    done
}

# shellcheck disable=SC2086
{
    same "check, good and bad inputs" check $mixed
    same "check in Chinese" check --lang zh $mixed
    same "check, JSON diagnostics" check --diagnostics-format json $mixed
    same "check, SARIF" check --diagnostics-format sarif $mixed
    same "build every format, good inputs" build --format json,csv,html,md -o @OUT@ $good
    same "build every format, with errors" build --format json,csv,html,md -o @OUT@ $mixed
    same "build csv for Excel" build --format csv --excel -o @OUT@ $good
    same "build to standard output" build tests/golden/forms.goal
}
[ "$(cat "$tmp/j1/status")" = 0 ] && ok || no "build to standard output failed"

# The gathered CSV holds the inputs' rows in input order, whatever finished first.
# shellcheck disable=SC2086
"$goalc" build -j 2 --format csv -o "$tmp/csv2/" $good 2>/dev/null
# shellcheck disable=SC2086
"$goalc" build -j 1 --format csv -o "$tmp/csv1/" $good 2>/dev/null
if [ -s "$tmp/csv1/indicators.csv" ] && cmp -s "$tmp/csv1/indicators.csv" "$tmp/csv2/indicators.csv" &&
    cmp -s "$tmp/csv1/funds.csv" "$tmp/csv2/funds.csv"; then ok; else
    no "gathered CSV differs between -j 1 and -j 2"; fi

# Standard input among the inputs: read once, in its place.
stdin=examples/yuanjiang-health-2024.goal
same "standard input among files" check examples/wangcheng-health-2023.goal - tests/errors/bad-date.goal
stdin=""

# The option itself.
for bad in 0 -1 x 2x 100000; do
    "$goalc" check -j "$bad" examples/*.goal >/dev/null 2>"$tmp/err"
    [ $? -eq 2 ] && grep -q "jobs" "$tmp/err" && ok || no "-j $bad accepted"
done
for good_j in -j3 "--jobs=2" "--jobs 2" "-j 1"; do
    # shellcheck disable=SC2086
    "$goalc" check $good_j examples/*.goal 2>/dev/null
    [ $? -eq 0 ] && ok || no "$good_j refused"
done
"$goalc" check examples/*.goal 2>/dev/null && ok || no "default -j failed"

lib_summary parallel
