#!/bin/sh
# xlsx-roundtrip.sh GOALC FILE... - goalc's XLSX round trip (docs/import.md,
# "The XLSX round trip"): for each FILE (or group FILE+FILE… built
# together), build --format xlsx, import the workbook, build the imported
# file as JSON, and compare it with the JSON of the original, both put
# through normalise.py (locations and what the workbook cannot carry left
# out).  A group may end in :KEY,KEY… - the JSON keys of a known loss
# (run-import.sh names the reason), left out of that comparison only.
set -u
goalc=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for group in "$@"; do
    drop=
    case $group in *:*) drop=--drop=${group#*:}; group=${group%%:*} ;; esac
    # shellcheck disable=SC2086
    set -- $(echo "$group" | tr '+' ' ')
    name=$(basename "$1" .goal)$( [ $# -gt 1 ] && echo "+$#")
    d="$tmp/$name"
    mkdir -p "$d"
    mkdir -p "$d/ref"
    "$goalc" build --json-locations none -o "$d/ref/" "$@" >/dev/null 2>&1 || {
        echo "SKIP $group: does not compile"; continue; }
    "$goalc" build --format xlsx -o "$d/ref.xlsx" "$@" >/dev/null 2>&1 || {
        echo "FAIL: $group: build --format xlsx failed"; fail=1; continue; }
    if ! "$goalc" import "$d/ref.xlsx" -o "$d/back.goal" 2>"$d/import.err"; then
        echo "FAIL: $group: import of its workbook failed"; cat "$d/import.err"; fail=1; continue
    fi
    if ! "$goalc" build --json-locations none -o "$d/back.json" "$d/back.goal" >/dev/null 2>"$d/build.err"; then
        echo "FAIL: $group: the imported file does not compile"; cat "$d/build.err"; fail=1; continue
    fi
    python3 "$here/normalise.py" $drop "$d"/ref/*.json >"$d/ref.norm"
    python3 "$here/normalise.py" $drop "$d/back.json" >"$d/back.norm"
    if ! diff -u "$d/ref.norm" "$d/back.norm" >"$d/diff"; then
        echo "FAIL: $group: the model differs after the xlsx round trip"
        head -40 "$d/diff"
        fail=1
    fi
done
exit $fail
