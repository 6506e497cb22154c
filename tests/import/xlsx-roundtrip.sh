#!/bin/sh
# xlsx-roundtrip.sh GOALC FILE... - goalc's XLSX round trip (docs/import.md,
# "The XLSX round trip"): for each FILE (or group FILE+FILE… built
# together), build --format xlsx, import the workbook, build the imported
# file as JSON, and require it equal to the JSON of the original, both put
# through normalise.py (locations and fmt's spelling of a target left out,
# nothing else); the import says nothing, and no form sheet is reported
# edited (W0034-W0036).  Prints one line per case: EXACT, or FAIL and the diff.
set -u
goalc=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for group in "$@"; do
    # shellcheck disable=SC2086
    set -- $(echo "$group" | tr '+' ' ')
    name=$(basename "$1" .goal)$( [ $# -gt 1 ] && echo "+$#")
    d="$tmp/$name"
    mkdir -p "$d/ref"
    refs=
    for f in "$@"; do
        j="$d/ref/$(basename "$f" .goal).json"
        if ! "$goalc" build --json-locations none -o "$j" "$f" >/dev/null 2>&1; then
            echo "FAIL: $group: $f does not compile"; fail=1; continue 2
        fi
        refs="$refs $j"
    done
    "$goalc" build --format xlsx -o "$d/ref.xlsx" "$@" >/dev/null 2>&1 || {
        echo "FAIL: $group: build --format xlsx failed"; fail=1; continue; }
    if ! "$goalc" import "$d/ref.xlsx" -o "$d/back.goal" 2>"$d/import.err"; then
        echo "FAIL: $group: import of its workbook failed"; cat "$d/import.err"; fail=1; continue
    fi
    # goalc's own form sheets, unedited, agree with its data sheets (docs/import.md)
    if grep -q 'W003[456]' "$d/import.err"; then
        echo "FAIL: $group: an unedited workbook's form sheets reported as edited (W0034-W0036)"
        fail=1
    fi
    if [ -s "$d/import.err" ]; then
        echo "FAIL: $group: import of goalc's own workbook reported something"; cat "$d/import.err"
        fail=1
    fi
    if ! "$goalc" build --json-locations none -o "$d/back.json" "$d/back.goal" >/dev/null 2>"$d/build.err"; then
        echo "FAIL: $group: the imported file does not compile"; cat "$d/build.err"; fail=1; continue
    fi
    # shellcheck disable=SC2086
    python3 "$here/normalise.py" $refs >"$d/ref.norm"
    python3 "$here/normalise.py" "$d/back.json" >"$d/back.norm"
    if diff -u "$d/ref.norm" "$d/back.norm" >"$d/diff"; then
        echo "EXACT $group"
    else
        echo "FAIL: $group: the model differs after the xlsx round trip"
        head -40 "$d/diff"
        fail=1
    fi
done
exit $fail
