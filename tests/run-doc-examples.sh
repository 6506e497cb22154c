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
#   goal-warning a complete file: `goalc check -Wno-missing-field` must
#               exit 0 and report every W0000-style code named in a `#`
#               comment of the block, and no other diagnostic;
#   goal-error  a complete file: `goalc check` must exit 1 and report a
#               located `FILE:LINE:COL: error[` diagnostic; every code
#               E0000-style code named in a `#` comment of the block must be
#               among the reported errors.
# Blocks marked goal-fragment (or anything else) are not checked.
# Statements of language.md that name things goalc has are checked too:
# every unit of the table of §10.3 compiles as a target's unit, with no
# diagnostic, and §2.3's count of keyword spellings is that of
# compiler/model/keyword.def.
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
        /^[ \t]*```(goal|goal-error|goal-warning)[ \t]*$/ {
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
    goal-warning)
        NO_COLOR=1 run_goalc check --lang en --color never -Wno-missing-field "$f" >/dev/null 2>"$tmp/err"
        rc=$?
        missing=
        named=$(grep '#' "$f" | grep -o 'W[0-9][0-9][0-9][0-9]' | sort -u)
        # shellcheck disable=SC2013 # codes are words
        for code in $named; do
            grep -q "warning\\[$code\\]" "$tmp/err" || missing="$missing $code"
        done
        others=$(grep -o '^[^ ]*:[0-9]*:[0-9]*: [a-z]*\[[EWN][0-9]\{4\}\]' "$tmp/err" |
            grep -o '\[[EWN][0-9]\{4\}\]$' | tr -d '[]' | sort -u | grep -vxF "$named")
        if [ "$rc" -ne 0 ]; then
            failed "exit status $rc, expected 0"
        elif [ -z "$named" ]; then
            failed "no warning code named in a # comment"
        elif [ -n "$missing" ]; then
            failed "expected warning code(s)$missing not reported"
        elif [ -n "$others" ]; then
            failed "diagnostics not named in the block: $(echo $others)"
        else
            pass=$((pass + 1))
        fi
        ;;
    *)
        failed "code block not closed"
        ;;
    esac
done < "$tmp/list"

# §10.3: each unit of the table's Examples column ("(unit `…`)" notes
# aside), as "12 UNIT", or as written when it starts with a digit (12/10万).
where="docs/language.md §10.3" kind=units
awk '/^### 10\.3 /{on=1; next} /^### /{on=0} on && /^\| / && !/^\| Kind/ {
        split($0, col, "|"); print col[3] }' "$root/docs/language.md" |
    sed 's/(unit `[^`]*`)//g' | grep -o '`[^`]*`' | tr -d '`' >"$tmp/units"
if [ "$(wc -l <"$tmp/units")" -lt 20 ]; then
    failed "found $(wc -l <"$tmp/units") units in the table, expected more than 20"
else
    {
        echo '部门 "示例局" {'
        echo '    指标 {'
        echo '        产出指标 {'
        echo '            数量指标 {'
        i=0
        while IFS= read -r u; do
            i=$((i + 1))
            case $u in
            [0-9]*) echo "                \"单位$i\" $u" ;;
            *) echo "                \"单位$i\" 12 $u" ;;
            esac
        done <"$tmp/units"
        echo '            }'
        echo '        }'
        echo '        效益指标 { 不适用 }'
        echo '        满意度指标 { 不适用 }'
        echo '    }'
        echo '}'
    } >"$tmp/units.goal"
    NO_COLOR=1 run_goalc check --lang en --color never -Wno-missing-field "$tmp/units.goal" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
        failed "a unit of the table does not compile (exit $rc): $(tr '\n' ' ' <"$tmp/units")"
    else
        pass=$((pass + 1))
    fi
fi

# §2.3: "the N keyword spellings of §3.1" is twice the keywords of keyword.def.
where="docs/language.md §2.3" kind=keywords
said=$(grep -o 'the [0-9]* keyword spellings' "$root/docs/language.md" | grep -o '[0-9][0-9]*')
have=$(($(grep -c '^KEYWORD(' "$root/compiler/model/keyword.def") * 2))
if [ "$said" = "$have" ]; then
    pass=$((pass + 1))
else
    : >"$tmp/err"
    failed "§2.3 says ${said:-no number of} keyword spellings, keyword.def has $have"
fi

echo "doc examples: $pass passed, $fail failed ($((pass + fail)) blocks)"
[ "$fail" -eq 0 ]
