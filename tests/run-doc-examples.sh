#!/bin/sh
# run-doc-examples.sh - check the code examples of the documentation.
#
#   tests/run-doc-examples.sh GOALC
#
# Extracts every fenced block of docs/language.md (and README.md, when it
# has any) whose info string is
#   goal        a complete file: `goalc check -Wno-missing-field` must exit
#               0 and print nothing (an example shows one feature, not every
#               field of the form: W0509 would speak about most of them);
#   goal-error  a complete file: `goalc check` must exit 1 and report a
#               located `FILE:LINE:COL: error[` diagnostic; every code
#               E0000-style code named in a `#` comment of the block must be
#               among the reported errors.
# Blocks marked goal-fragment (or anything else) are not checked.
# Prints one line per failure and a summary; exits 1 when any check fails,
# 2 on usage problems.
set -u
. "$(dirname "$0")/lib.sh"

lib_usage $#
goalc=$(lib_abs "$1")
if [ ! -x "$goalc" ]; then
    echo "$0: $1 is not an executable" >&2
    exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
lib_tmpdir doc

# A hung compiler must not hang the test: use timeout(1) when there is one.
if command -v timeout >/dev/null 2>&1; then
    run_goalc() { timeout 10 "$goalc" "$@"; }
else
    run_goalc() { "$goalc" "$@"; }
fi

# Split the blocks into $tmp/N.goal; write "N KIND DOC:LINE" lines to $tmp/list.
n=0
for doc in "$root/docs/language.md" "$root/README.md"; do
    [ -f "$doc" ] || continue
    awk -v dir="$tmp" -v doc="${doc#"$root"/}" -v start="$n" '
        BEGIN { n = start; inside = 0 }
        inside && /^[ \t]*```[ \t]*$/ {
            inside = 0
            close(file)
            print n, kind, doc ":" from >> (dir "/list")
            next
        }
        inside { print > file; next }
        /^[ \t]*```(goal|goal-error)[ \t]*$/ {
            kind = $0
            sub(/^[ \t]*```/, "", kind)
            sub(/[ \t]*$/, "", kind)
            n++
            file = dir "/" n ".goal"
            printf "" > file
            from = NR
            inside = 1
            next
        }
        END {
            if (inside) print n, "unclosed", doc ":" from >> (dir "/list")
            print n > (dir "/count")
        }
    ' "$doc" || exit 2
    n=$(cat "$tmp/count")
done

if [ ! -s "$tmp/list" ]; then
    echo "run-doc-examples: no goal blocks found" >&2
    exit 1
fi

pass=0
fail=0
failed() {
    fail=$((fail + 1))
    echo "FAIL $where ($kind): $1"
    sed 's/^/    /' "$tmp/err" | head -n 12
}

while read -r i kind where; do
    f="$tmp/$i.goal"
    : > "$tmp/err"
    case $kind in
    goal)
        NO_COLOR=1 run_goalc check --lang en --color never -Wno-missing-field "$f" >/dev/null 2>"$tmp/err"
        rc=$?
        if [ "$rc" -ne 0 ]; then
            failed "exit status $rc, expected 0"
        elif [ -s "$tmp/err" ]; then
            failed "diagnostics on stderr, expected none"
        else
            pass=$((pass + 1))
        fi
        ;;
    goal-error)
        NO_COLOR=1 run_goalc check --lang en --color never "$f" >/dev/null 2>"$tmp/err"
        rc=$?
        missing=
        # shellcheck disable=SC2013 # codes are words
        for code in $(grep '#' "$f" | grep -o 'E[0-9][0-9][0-9][0-9]' | sort -u); do
            grep -q "error\\[$code\\]" "$tmp/err" || missing="$missing $code"
        done
        if [ "$rc" -ne 1 ]; then
            failed "exit status $rc, expected 1"
        elif ! grep -q '^[^ ]*:[0-9][0-9]*:[0-9][0-9]*: error\[' "$tmp/err"; then
            failed "no located 'file:line:col: error[' diagnostic"
        elif [ -n "$missing" ]; then
            failed "expected error code(s)$missing not reported"
        else
            pass=$((pass + 1))
        fi
        ;;
    *)
        failed "code block not closed"
        ;;
    esac
done < "$tmp/list"

echo "doc examples: $pass passed, $fail failed ($((pass + fail)) blocks)"
[ "$fail" -eq 0 ]
