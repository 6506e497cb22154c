#!/bin/sh
# run-pathological.sh GOALC - hostile and oversized inputs, each generated
# here at run time (nothing huge is checked in) and run under a time bound
# (timeout) and a memory bound (ulimit -v in a subshell).  Each case states
# its expected outcome: the exit status and the diagnostic, or success.  A
# crash, a hang or running out of the memory bound is a failure.  Last, the
# outputs of every format must be byte-identical under different LANG,
# LC_ALL and TZ settings.
#
# Covered elsewhere, not repeated here:
#   tests/errors/nesting-too-deep.goal  257 braces (here: 100000)
#   tests/errors/number-too-long.goal   a 50-digit number (here: 10000)
#   tests/errors/amount-overflow.goal   two lines whose sum overflows
#   tests/errors/include-cycle.goal     a cycle through two files
#   tests/errors/include-directory.goal an include of a directory
#   tests/errors/nul-byte.goal          one NUL in a string
#   tests/errors/bad-utf8.goal          a sequence cut short mid-line
#   tests/errors/misplaced-bom.goal     a BOM at the start of a later line
#   tests/errors/crlf-error.goal        CRLF line ends, located error
#   tests/errors/too-many-errors.goal   the per-file error budget
#   tests/run-cli.sh                    a 2 GB sparse file as an argument,
#                                       a directory and /dev/zero as
#                                       arguments, includes 70 deep, JSON
#                                       equal under three environments
#   tests/regress/include-dash.goal     (fuzz replay) include "-"
#
# PATHO_TIME (seconds per case, default 30) and PATHO_MEM_KB (virtual
# memory per case, default 1048576 = 1 GB) set the bounds; PATHO_VERBOSE=1
# prints each case's time and peak RSS.  The cases of many tables have a
# tighter bound, PATHO_TABLES_TIME (default 10 s, at most PATHO_TIME).
set -u
. "$(dirname "$0")/lib.sh"
goalc=$(lib_abs "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
time_limit=${PATHO_TIME:-30}
mem_kb=${PATHO_MEM_KB:-1048576}
lib_tmpdir patho
cd "$tmp" || exit 2

# bounded COMMAND... : COMMAND under the memory and time bounds, measured
# by /usr/bin/time (seconds and peak RSS in $tmp/usage) when there is one.
bounded() {
    ulimit -v "$mem_kb" || return 2
    if [ -x /usr/bin/time ]; then
        exec /usr/bin/time -f '%e %M' -o "$tmp/usage" timeout -k 5 "$time_limit" "$@"
    fi
    exec timeout -k 5 "$time_limit" "$@"
}

# run NAME STATUS [PATTERN...] -- COMMAND... : runs COMMAND bounded in time
# and memory; checks the exit status and that each PATTERN (grep -E) occurs
# in its standard error.
run() {
    name=$1 want=$2
    shift 2
    patterns=""
    while [ "$1" != "--" ]; do
        patterns="$patterns
$1"
        shift
    done
    shift
    rm -f "$tmp/usage"
    (bounded "$@") >"$tmp/stdout" 2>"$tmp/stderr"
    got=$?
    # /usr/bin/time appends its own line to the -o file; the last line is ours.
    usage=$(tail -1 "$tmp/usage" 2>/dev/null)
    [ "${PATHO_VERBOSE:-}" = 1 ] && printf '  %-28s exit %3s  %s s %s KB\n' "$name" "$got" \
        "${usage% *}" "${usage#* }"
    case $got in
    124 | 137) no "$name: no result within ${time_limit} s (exit $got)"; return ;;
    esac
    if [ "$got" -gt 128 ]; then
        no "$name: killed by signal $((got - 128))"
        sed 's/^/    /' "$tmp/stderr" | tail -5
        return
    fi
    if [ "$got" -ne "$want" ]; then
        no "$name: exit $got, expected $want"
        sed 's/^/    /' "$tmp/stderr" | head -5
        return
    fi
    bad=""
    old_ifs=$IFS
    IFS='
'
    for p in $patterns; do
        grep -Eq -- "$p" "$tmp/stderr" || bad="$bad '$p'"
    done
    IFS=$old_ifs
    if [ -n "$bad" ]; then
        no "$name: not in the messages:$bad"
        sed 's/^/    /' "$tmp/stderr" | cut -c1-200 | head -5
        return
    fi
    ok
}

# errors FILE : the number of errors goalc reported (lines with "error[")
errors() { grep -c 'error\[' "$1"; }
# has_count FILE N: the closing E0111 of FILE counts N errors not shown.
has_count() { grep -q "error\[E0111\]: too many errors in $1: $2 more not shown" "$tmp/stderr"; }

# rep N TEXT : TEXT N times, no separator
rep() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

MB10=10485760
# The level-1 categories a framework requires besides 产出指标.
rest='效益指标 { 不适用 } 满意度指标 { 不适用 }'

# --- nesting ------------------------------------------------------------------
# Fund lines opened 100000 deep, never closed: one error at the 257th.
{ printf '部门 "x" {\n    资金 '; rep 100000 'a { '; printf '\n'; } >deep-open.goal
run "100000 blocks deep" 1 'deep-open.goal:2:1030: error\[E0108\]: blocks nested deeper than 256' \
    -- "$goalc" check deep-open.goal
[ "$(errors "$tmp/stderr")" -eq 1 ] && ok || no "100000 blocks deep: more than one error"
{ printf '部门 "x" {\n    指标 '; rep 100000 '{'; printf '\n'; } >deep-braces.goal
run "100000 bare braces" 1 'error\[E0109\]' 'deep-braces.goal:2:263: error\[E0108\]' \
    -- "$goalc" check deep-braces.goal
[ "$(errors "$tmp/stderr")" -le 2 ] && ok || no "100000 bare braces: more than two errors"

{ printf '部门 "x" { 年度 2024 }\n'; rep 100000 '}'; printf '\n'; } >deep-close.goal
run "100000 closing braces" 1 'error\[E0109\]: unexpected "\}"' -- "$goalc" check deep-close.goal
[ "$(errors "$tmp/stderr")" -le 21 ] && ok || no "100000 closing braces: unbounded messages"

# Fund lines nested to just under the limit, adding up at every level: every
# pass and back end walks 250 levels.
{
    printf '部门 "x" {\n    年度 2024\n    资金 万元 1 '
    rep 250 '{ a 1 '
    rep 250 '} '
    printf '\n}\n'
} >deep-funds.goal
run "fund lines 250 deep" 0 -- "$goalc" build --format json,csv,html,md -o out-deep/ deep-funds.goal

# --- long lines, strings, numbers ------------------------------------------
# One 10 MB line: a table with 500000 indicators, written out in every format.
{
    printf '部门 "x" { 年度 2024 指标 { 产出指标 { 数量指标 { '
    awk 'BEGIN { for (i = 0; i < 460000; i++) printf "\"i%d\" ≥%d人 ", i, i }'
    printf '} } %s } }\n' "$rest"
} >long-line.goal
run "10 MB line, every format" 0 -- "$goalc" build --format json,csv,html,md -o out-line/ long-line.goal
[ "$(wc -l <out-line/indicators.csv)" -eq 460001 ] && ok || no "10 MB line: wrong indicator count"

# A syntax error, then 10 MB of tokens the parser discards on the same line
# (this took minutes before the parser stopped computing a column per token).
{ printf '部门 "x" { 年度 2024 '; rep 2621440 '≥ '; printf '}\n'; } >long-discard.goal
run "10 MB line after an error" 1 'long-discard.goal:1:18: error\[E0110\]: unexpected "≥"' \
    -- "$goalc" check long-discard.goal
[ "$(errors "$tmp/stderr")" -eq 1 ] && ok || no "10 MB line after an error: more than one error"

# Errors the parser recovers from again and again on one 10 MB line.
{ printf '部门 "x" { 年度 2024 '; rep 699050 '≥ a "s" '; printf '}\n'; } >long-recover.goal
run "10 MB line of recoveries" 1 'error\[E0110\]' -- "$goalc" check long-recover.goal

# 80000 warnings on one line: each message's column and its excerpt used to
# cost a scan of the line, and every caret character a write to stderr.
{
    printf '部门 "x" { 年度 2024 指标 { 产出指标 { 数量指标 { '
    awk 'BEGIN { for (i = 0; i < 40000; i++) printf "\"i%d\" 定性 \"不断提高\" ", i }'
    printf '} } %s } }\n' "$rest"
} >long-warnings.goal
run "80000 warnings on one line" 0 'long-warnings.goal:1:.*warning\[W0505\]' \
    -- "$goalc" check long-warnings.goal
# (and the table's own two W0509: no 资金, no 目标)
[ "$(grep 'warning\[' "$tmp/stderr" | grep -vc 'W0509')" -eq 80000 ] && ok || no "80000 warnings: wrong count"
for f in json sarif; do
    run "80000 warnings on one line, $f" 0 -- "$goalc" check --diagnostics-format $f long-warnings.goal
done

{ printf '# '; rep $MB10 'x'; printf '\n部门 "x" { 年度 2024 }\n'; } >long-comment.goal
run "10 MB comment" 0 -- "$goalc" check long-comment.goal

{ printf '部门 "x" {\n    年度 2024\n    目标 "'; rep 3495253 '长'; printf '"\n}\n'; } >long-string.goal
run "10 MB string" 0 -- "$goalc" build -o long-string.json long-string.goal
[ "$(wc -c <long-string.json)" -gt $MB10 ] && ok || no "10 MB string: not in the JSON"

{ printf '部门 "x" {\n    目标 "'; rep $MB10 'a'; printf '\n}\n'; } >long-unterminated.goal
run "10 MB unterminated string" 1 'long-unterminated.goal:2:8: error\[E0102\]' \
    -- "$goalc" check long-unterminated.goal

{ printf '部门 "x" {\n    职能 """\n'; rep 1048576 'aaaaaaa\\"\n'; } >long-block.goal
run "10 MB unterminated text block" 1 'long-block.goal:2:8: error\[E0103\]' \
    -- "$goalc" check long-block.goal

{ printf '部门 '; rep $MB10 'a'; printf ' { 年度 2024 }\n'; } >long-name.goal
run "10 MB name" 0 -- "$goalc" build -o long-name.json long-name.goal

{ printf '部门 "x" {\n    资金 '; rep 10000 9; printf '\n}\n'; } >long-number.goal
run "10000-digit number" 1 \
    'long-number.goal:2:8: error\[E0112\]: number with 10000 digits is too long \(at most 40\)' \
    -- "$goalc" check long-number.goal
{ printf '部门 "x" {\n    资金 0.'; rep 10000 0; printf '1\n}\n'; } >long-fraction.goal
run "10000-digit fraction" 1 'error\[E0112\]: number with 10002 digits' \
    -- "$goalc" check long-fraction.goal

# --- many items -------------------------------------------------------------
{
    printf '部门 "x" {\n    年度 2024\n    指标 {\n        产出指标 {\n            数量指标 {\n'
    awk 'BEGIN { for (i = 0; i < 100000; i++) printf "                \"指标%d\" ≥ %d 人\n", i, i }'
    printf '            }\n        }\n        %s\n    }\n}\n' "$rest"
} >many-indicators.goal
run "100000 indicators in one category" 0 \
    -- "$goalc" build --format json,csv -o out-many/ many-indicators.goal
[ "$(wc -l <out-many/indicators.csv)" -eq 100001 ] && ok || no "100000 indicators: wrong count in CSV"

# The lines are each within range; their sum is not.
{
    printf '部门 "x" {\n    资金 万元 {\n'
    awk 'BEGIN { for (i = 0; i < 100000; i++) printf "        l%d 999999999999999999\n", i }'
    printf '    }\n}\n'
} >sum-overflow.goal
run "100000 lines whose sum overflows" 1 'sum-overflow.goal:2:5: error\[E0202\]' \
    -- "$goalc" check sum-overflow.goal

# --- many tables --------------------------------------------------------------
# Departments, projects and the names that join them, by the hundred
# thousand.  Every lookup across tables goes through a hash table; each of
# these took from seconds to minutes when one was a linear search or a walk
# of every table (docs/robustness.md).  They take under a second: the
# tighter bound catches a quadratic walk coming back.
saved_limit=$time_limit
time_limit=${PATHO_TABLES_TIME:-10}
[ "$time_limit" -gt "$saved_limit" ] && time_limit=$saved_limit
awk 'BEGIN { for (i = 0; i < 100000; i++)
    printf "部门 \"d%d\" { 资金 万元 2 { 按 支出性质 { 基本支出 1 项目支出 1 } } }\n", i }' \
    >many-departments.goal
run "100000 departments" 0 -- "$goalc" check many-departments.goal
# One limit for every error, not only syntax: 20 shown, then one E0111 with the count.
awk 'BEGIN { for (i = 0; i < 1000000; i++) print "部门 \"d\" { }" }' >dup-departments.goal
run "1000000 duplicate departments" 1 'dup-departments.goal:22:4: error\[E0111\]' \
    -- "$goalc" check dup-departments.goal
[ "$(errors "$tmp/stderr")" -eq 21 ] && has_count dup-departments.goal 999979 && [ "$(wc -c <"$tmp/stderr")" -lt 10000 ] && ok ||
    no "1000000 duplicate departments: $(errors "$tmp/stderr") errors, $(wc -c <"$tmp/stderr") bytes"
{ echo '部门 "d" {'; awk 'BEGIN { for (i = 0; i < 100000; i++)
    printf "    项目 \"p%d\" { 资金 1 }\n", i }'; echo '}'; } >many-projects.goal
run "100000 projects in one department" 0 -- "$goalc" check many-projects.goal
awk 'BEGIN { for (i = 0; i < 50000; i++)
    printf "部门 \"d%d\" { 年度 2024 }\n项目 \"p%d\" { 部门 \"d%d\" 资金 1 }\n", i, i, i }' \
    >many-top-projects.goal
run "50000 top-level projects" 0 -- "$goalc" check many-top-projects.goal
# The last project is the first again: E0132 with a note at the first.
{ echo '部门 "d" {'; awk 'BEGIN { for (i = 0; i < 100000; i++)
    printf "    项目 \"p%d\" { 资金 1 }\n", i }'; echo '}'; echo '项目 "p0" { 部门 "d" }'; } \
    >many-projects-twice.goal
run "100000 projects, one twice" 1 'many-projects-twice.goal:100003:4: error\[E0132\]' \
    'many-projects-twice.goal:2:8: note' -- "$goalc" check many-projects-twice.goal
# 50000 indicators each naming one of the department's 50000 projects.
{
    printf '部门 "d" {\n    指标 { 产出指标 { 数量指标 {\n'
    awk 'BEGIN { for (i = 0; i < 50000; i++) printf "        \"i%d\" ≥ 1 人 项目 \"p%d\"\n", i, i }'
    printf '    } } %s }\n' "$rest"
    awk 'BEGIN { for (i = 0; i < 50000; i++) printf "    项目 \"p%d\" { 资金 1 }\n", i }'
    echo '}'
} >many-project-items.goal
run "50000 项目 modifiers, 50000 projects" 0 -- "$goalc" check many-project-items.goal
# A framework of 20000 level-2 categories, and a table giving a block of
# each, then each again: 20000 E0410.  Sibling blocks were compared with
# every block before them up to one of the same category.
{
    printf '框架 wide {\n    一级 a {\n'
    awk 'BEGIN { for (i = 0; i < 20000; i++) printf "        二级 c%d\n", i }'
    printf '    }\n}\n部门 "d" {\n    框架 wide\n    指标 { a {\n'
    awk 'BEGIN { for (j = 0; j < 2; j++) for (i = 0; i < 20000; i++)
        printf "        c%d { \"i%d_%d\" ≥ 1 人 }\n", i, j, i }'
    printf '    } }\n}\n'
} >wide-blocks.goal
run "20000 categories, each block twice" 1 'wide-blocks.goal:40008:9: error\[E0410\]' \
    -- "$goalc" check wide-blocks.goal
# 20000 E0410 found, 20 shown (the per-file limit), then E0111 with the rest
[ "$(errors "$tmp/stderr")" -eq 21 ] && has_count wide-blocks.goal 19980 && ok ||
    no "20000 categories, each block twice: wrong error count"
# 20000 projects naming 20000 unknown departments among 20000: each E0130
# looked for a suggestion among all the departments.  The suggestions now
# share a budget of candidate names per compilation: the first 200 get one.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "部门 \"d%d\" { 年度 2024 }\n", i
    for (i = 0; i < 20000; i++) printf "项目 \"p%d\" { 部门 \"d%dx\" 资金 1 }\n", i, i }' \
    >unknown-departments.goal
run "20000 unknown departments among 20000" 1 \
    'unknown-departments.goal:20001:14: error\[E0130\]: 部门 "d0x" names no department of this compilation; did you mean "d0"\?' \
    -- "$goalc" check unknown-departments.goal
[ "$(errors "$tmp/stderr")" -eq 21 ] && has_count unknown-departments.goal 19980 && ok ||
    no "20000 unknown departments: wrong error count"
# A department with 20000 projects before its 资金 and 20000 cost
# indicators: the lint looked for the 资金 through the projects each time.
{
    echo '部门 "d" {'
    awk 'BEGIN { for (i = 0; i < 20000; i++) printf "    项目 \"p%d\" { 资金 1 }\n", i }'
    printf '    资金 万元 20000 { 按 支出性质 { 基本支出 0 项目支出 20000 } }\n'
    printf '    指标 { 产出指标 { 成本指标 {\n'
    awk 'BEGIN { for (i = 0; i < 20000; i++) printf "        \"c%d\" ≤ 1 元\n", i }'
    printf '    } } %s }\n}\n' "$rest"
} >many-costs.goal
run "20000 projects, then 20000 cost indicators" 0 -- "$goalc" check many-costs.goal
time_limit=$saved_limit

# --- includes -----------------------------------------------------------------
printf '引用 "self.goal"\n部门 "x" { 年度 2024 }\n' >self.goal
run "include of itself" 1 'self.goal:1:1: error\[E0007\]: self.goal includes itself' \
    -- "$goalc" check self.goal

# Devices are outside the include root; with --include-root /dev they are
# still never read.
printf '引用 "/dev/zero"\n' >inc-zero.goal
run "include of /dev/zero" 1 'inc-zero.goal:1:1: error\[E0010\]: /dev/zero is outside the include root' \
    -- "$goalc" check inc-zero.goal
run "include of /dev/zero, /dev an include root" 1 \
    'inc-zero.goal:1:1: error\[E0001\]: cannot read /dev/zero: No such device' \
    -- "$goalc" check --include-root /dev inc-zero.goal

# A FIFO with no writer: opening it used to wait forever.
if mkfifo fifo.goal 2>/dev/null; then
    printf '引用 "fifo.goal"\n' >inc-fifo.goal
    run "include of a FIFO" 1 'inc-fifo.goal:1:1: error\[E0001\]: cannot read fifo.goal: No such device' \
        -- "$goalc" check inc-fifo.goal
fi

# An include is never standard input, neither as "-" nor as a pipe behind /dev/stdin.
printf '引用 "/dev/stdin"\n' >inc-stdin.goal
run "include of /dev/stdin (a pipe)" 1 'error\[E0001\]: cannot read /dev/stdin' \
    -- sh -c "yes | '$goalc' check --include-root /dev inc-stdin.goal"

if truncate -s 2G sparse.goal 2>/dev/null; then
    printf '引用 "sparse.goal"\n' >inc-sparse.goal
    run "include of a 2 GB sparse file" 1 'inc-sparse.goal:1:1: error\[E0002\]: .*larger than the limit' \
        -- "$goalc" check inc-sparse.goal
    run "2 GB sparse file on stdin" 2 'error\[E0002\]: .*larger than the limit' \
        -- sh -c "'$goalc' check - <sparse.goal"
    rm -f sparse.goal
fi

# --- bytes that are not text ---------------------------------------------
head -c 1048576 /dev/zero >nuls.goal
run "1 MB of NUL bytes" 1 'nuls.goal:1:1: error\[E0004\]' -- "$goalc" check nuls.goal
[ "$(errors "$tmp/stderr")" -le 21 ] && ok || no "1 MB of NUL bytes: unbounded messages"

# utf8 NAME BYTES HEX : BYTES (printf escapes) inside a string; E0003 shows HEX.
utf8() {
    { printf '部门 "x" {\n    目标 "a'; printf "$2"; printf 'b"\n}\n'; } >"utf8-$1.goal"
    run "bad UTF-8: $1" 1 "utf8-$1.goal:2:10: error\\[E0003\\]: invalid UTF-8 byte sequence $3" \
        -- "$goalc" check "utf8-$1.goal"
}
utf8 overlong-2 '\300\257' '\\xC0'
utf8 overlong-3 '\340\200\257' '\\xE0'
utf8 overlong-4 '\360\200\200\257' '\\xF0'
utf8 surrogate-high '\355\240\200' '\\xED'
utf8 surrogate-low '\355\277\277' '\\xED'
utf8 above-max '\364\220\200\200' '\\xF4'
utf8 continuation '\200' '\\x80'
utf8 byte-ff '\377' '\\xFF'
utf8 truncated-4 '\360\237\230' '\\xF0\\x9F\\x98'
# Cut short by the end of the file.
printf '部门 "x" { 目标 "a\344\270' >utf8-eof.goal
run "bad UTF-8: truncated at end of file" 1 'utf8-eof.goal:1:15: error\[E0003\]: invalid UTF-8 byte sequence \\xE4\\xB8' \
    -- "$goalc" check utf8-eof.goal

printf '\357\273\277\357\273\277部门 "x" { 年度 2024 }\n' >bom-twice.goal
run "two BOMs at the start" 1 'bom-twice.goal:1:1: error\[E0006\]' -- "$goalc" check bom-twice.goal
printf '部门 "x" { 目标 "a\357\273\277b" }\n' >bom-string.goal
run "BOM inside a string" 1 'bom-string.goal:1:15: error\[E0006\]' -- "$goalc" check bom-string.goal

# --- line ends --------------------------------------------------------------
# An error file and the examples with CRLF and with lone CR line ends: the
# same diagnostics (same lines and columns), the same locations in the JSON.
for src in "$root"/tests/errors/adjacent-line-errors.goal "$root"/tests/errors/funds-mismatch.goal; do
    base=$(basename "$src" .goal)
    cp "$src" "lf-$base.goal"
    NO_COLOR=1 "$goalc" check --lang en "lf-$base.goal" 2>&1 | sed "s/lf-$base/X/" >"$base.lf.err"
    for ending in crlf cr; do
        if [ $ending = crlf ]; then sed 's/$/\r/' "$src"; else tr '\n' '\r' <"$src"; fi >"$ending-$base.goal"
        run "$base with $ending line ends" 1 'error\[' -- "$goalc" check --lang en "$ending-$base.goal"
        sed "s/$ending-$base/X/" "$tmp/stderr" >"$base.$ending.err"
        cmp -s "$base.lf.err" "$base.$ending.err" && ok || no "$base: diagnostics differ with $ending line ends"
    done
done
for src in "$root"/examples/*.goal; do
    base=$(basename "$src" .goal)
    "$goalc" build -o "$base.lf.json" "$src" 2>/dev/null
    grep -o '"line": [0-9]*, "column": [0-9]*' "$base.lf.json" >"$base.lf.pos"
    for ending in crlf cr; do
        if [ $ending = crlf ]; then sed 's/$/\r/' "$src"; else tr '\n' '\r' <"$src"; fi >"$ending-$base.goal"
        run "$base with $ending line ends" 0 -- "$goalc" build -o "$base.$ending.json" "$ending-$base.goal"
        grep -o '"line": [0-9]*, "column": [0-9]*' "$base.$ending.json" >"$base.$ending.pos"
        cmp -s "$base.lf.pos" "$base.$ending.pos" && ok || no "$base: JSON locations differ with $ending line ends"
    done
done

# --- the same bytes in any environment ----------------------------------------
# Every format of every example (and, with --excel, the CSV), and the
# diagnostics of every error test, under several locales and time zones.
envs="LANG=C
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 TZ=Asia/Shanghai
LC_ALL=tr_TR.UTF-8 TZ=Europe/Istanbul
LC_ALL=de_DE.UTF-8 LC_NUMERIC=de_DE.UTF-8 TZ=America/St_Johns
LANG=ja_JP.eucJP TZ=Pacific/Kiritimati"
n=0
old_ifs=$IFS
IFS='
'
for e in $envs; do
    IFS=$old_ifs
    n=$((n + 1))
    mkdir -p "env$n/out" "env$n/excel"
    # shellcheck disable=SC2086
    (cd "$root" && env -i PATH="$PATH" $e "$goalc" build --lang en --format json,csv,html,md \
        -o "$tmp/env$n/out/" examples/*.goal 2>"$tmp/env$n/build.txt" &&
        env -i PATH="$PATH" $e "$goalc" build --lang en --format csv --excel \
            -o "$tmp/env$n/excel/" examples/*.goal 2>/dev/null &&
        # The one thing a locale changes on purpose, the columns of “ · ≥
        # under the caret, is fixed here.
        for f in tests/errors/*.goal; do
            env -i PATH="$PATH" $e "$goalc" check --lang en --color never --ambiguous-width 1 "$f"
            env -i PATH="$PATH" $e "$goalc" check --lang zh --color never --ambiguous-width 1 "$f"
        done >"$tmp/env$n/errors.txt" 2>&1) || true
    [ -s "env$n/errors.txt" ] && [ -s "env$n/out/indicators.csv" ] && ok ||
        no "environment '$e': nothing written"
    if [ $n -gt 1 ]; then
        diff -r env1 "env$n" >/dev/null && ok || no "output differs under '$e'"
    fi
done

lib_summary pathological
