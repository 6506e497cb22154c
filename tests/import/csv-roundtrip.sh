#!/bin/sh
# csv-roundtrip.sh GOALC FILE... - goalc's CSV round trip (docs/import.md):
# for each FILE, build --format csv, import the indicators.csv (funds.csv
# beside it), build the imported file as CSV again, and compare both CSV
# pairs with the file and line columns left out.  The reference is the CSV
# of the file in fmt's canonical layout, since import writes that layout
# (`90%及以上` is `90% 以上` there).
set -u
goalc=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# The columns compared: every one but file and line.
strip() { # file
    python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
drop = {"file", "line"}
keep = [i for i, h in enumerate(rows[0]) if h not in drop] if rows else []
w = csv.writer(sys.stdout, lineterminator="\n")
for r in rows:
    w.writerow([r[i] if i < len(r) else "" for i in keep])
PY
}
for f in "$@"; do
    name=$(basename "$f" .goal)
    d="$tmp/$name"
    mkdir -p "$d/ref" "$d/back"
    "$goalc" fmt "$f" >"$d/canon.goal" 2>/dev/null || { echo "SKIP $f: fmt fails"; continue; }
    if ! "$goalc" build -Wno-all --format csv -o "$d/ref/" "$d/canon.goal" 2>/dev/null; then
        "$goalc" build --format csv -o "$d/ref/" "$d/canon.goal" >/dev/null 2>&1 || {
            echo "SKIP $f: does not compile alone"; continue; }
    fi
    if ! "$goalc" import "$d/ref/indicators.csv" -o "$d/back.goal" 2>"$d/import.err"; then
        echo "FAIL: $f: import failed"; cat "$d/import.err"; fail=1; continue
    fi
    if ! "$goalc" build --format csv -o "$d/back/" "$d/back.goal" >/dev/null 2>"$d/build.err"; then
        echo "FAIL: $f: the imported file does not compile"; cat "$d/build.err"; fail=1; continue
    fi
    for k in indicators funds; do
        strip "$d/ref/$k.csv" >"$d/ref.$k"
        strip "$d/back/$k.csv" >"$d/back.$k"
        if ! diff -u "$d/ref.$k" "$d/back.$k" >"$d/diff.$k"; then
            echo "FAIL: $f: $k.csv differs after the round trip"
            cat "$d/diff.$k"
            fail=1
        fi
    done
done
exit $fail
