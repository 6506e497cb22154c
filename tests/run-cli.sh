#!/bin/sh
# run-cli.sh GOALC - the command itself: exit statuses, output files written
# atomically and only for error-free input, stdin, determinism, colour,
# oversized and unreadable inputs.
set -u
. "$(dirname "$0")/lib.sh"
goalc=$(lib_abs "$1")
lib_tmpdir cli
example=examples/yuanjiang-health-2024.goal

expect 0 "--help" "$goalc" --help
has "$tmp/stdout" "goalc check" "--help shows usage"
expect 0 "--version" "$goalc" --version
has "$tmp/stdout" "^goalc [0-9]" "--version"
expect 2 "no command" "$goalc"
expect 2 "unknown command" "$goalc" frobnicate x.goal
has "$tmp/stderr" "unknown command 'frobnicate'" "unknown command message"
expect 2 "unknown option" "$goalc" check --bogus "$example"
expect 2 "unknown format" "$goalc" build --format docx "$example"
has "$tmp/stderr" "unknown output format 'docx'" "unknown format message"
expect 2 "no files" "$goalc" check
expect 2 "missing file" "$goalc" check "$tmp/nope.goal"
has "$tmp/stderr" "cannot read $tmp/nope.goal: No such file or directory" "missing file message"
expect 2 "directory as input" "$goalc" check "$tmp"
expect 2 "device as input" "$goalc" check /dev/zero
LANG=zh_CN.UTF-8 expect 2 "Chinese usage error from LANG" "$goalc" check "$tmp/nope.goal"
has "$tmp/stderr" "无法读取" "Chinese message from LANG"

# check and build on good input
expect 0 "check examples" "$goalc" check examples/*.goal
grep -q "error" "$tmp/stderr" && no "check examples printed errors"
# the examples' warnings are the seed tables' real findings (tests/golden/examples/*.diag)
cat tests/golden/examples/*.diag | cmp -s - "$tmp/stderr" || no "check examples: warnings differ from the golden .diag files"
expect 0 "-w silences warnings" "$goalc" check -w examples/*.goal
[ -s "$tmp/stderr" ] && no "-w still printed diagnostics"
expect 0 "-Wno-name silences one warning" "$goalc" check -Wno-target-restates-name examples/yuanjiang-health-2024.goal
grep -q "W0501" "$tmp/stderr" && no "-Wno-target-restates-name still printed W0501"
grep -q "W0505" "$tmp/stderr" || no "-Wno-target-restates-name silenced other warnings"
expect 0 "-Wno-missing-field silences W0509" "$goalc" check -Wno-missing-field tests/errors/missing-field.goal
grep -q "W0509" "$tmp/stderr" && no "-Wno-missing-field still printed W0509"
grep -q "W0207" "$tmp/stderr" || no "-Wno-missing-field silenced other warnings"
expect 1 "-Werror makes warnings errors" "$goalc" check -Werror examples/wangcheng-health-2023.goal
has "$tmp/stderr" "error\[W0504\]: .*\[-Werror=timeliness-unmeasured\]" "-Werror message"
expect 1 "-Werror=name makes one warning an error" "$goalc" check -Werror=vague-target examples/wangcheng-health-2023.goal
has "$tmp/stderr" "warning\[W0504\]" "-Werror=vague-target leaves other warnings"
expect 2 "unknown -W option" "$goalc" check -Wno-such-thing examples/wangcheng-health-2023.goal
has "$tmp/stderr" "unknown warning option '-Wno-such-thing'" "unknown -W message"
expect 0 "build to stdout" "$goalc" build "$example"
has "$tmp/stdout" '"format": "goalc"' "JSON on stdout"
expect 0 "stdin" sh -c "'$goalc' build - < '$example' > '$tmp/stdin.json'"
has "$tmp/stdin.json" '"<stdin>"' "stdin is named <stdin>"

# -o FILE, -o DIR/, determinism across runs and environments
expect 0 "build -o file" "$goalc" build --format json -o "$tmp/a.json" "$example"
LC_ALL=C TZ=Asia/Shanghai expect 0 "build again" "$goalc" build -o "$tmp/b.json" "$example"
LANG=zh_CN.UTF-8 TZ=UTC expect 0 "build in zh" "$goalc" build -o "$tmp/c.json" "$example"
if cmp -s "$tmp/a.json" "$tmp/b.json" && cmp -s "$tmp/a.json" "$tmp/c.json"; then ok; else
    no "output differs between runs"; fi
expect 0 "build -o dir/" "$goalc" build -o "$tmp/out/" examples/*.goal
for f in examples/*.goal; do
    n=$(basename "$f" .goal)
    [ -s "$tmp/out/$n.json" ] && ok || no "missing $tmp/out/$n.json"
done
[ -z "$(ls -A "$tmp/out" | grep '^\.')" ] && ok || no "temporary files left in $tmp/out"

# errors: nothing written, previous output untouched, exit 1
printf '部门 "x" { 年度 @ }\n' >"$tmp/bad.goal"
echo "previous" >"$tmp/prev.json"
expect 1 "build of bad input" "$goalc" build -o "$tmp/prev.json" "$tmp/bad.goal"
[ "$(cat "$tmp/prev.json")" = previous ] && ok || no "bad input overwrote the previous output"
has "$tmp/stderr" "bad.goal:1:13: error\[E0101\]" "located error"
expect 1 "check of bad input" "$goalc" check "$tmp/bad.goal" "$example"

# write failures: exit 2, a message naming the file, the old file untouched
expect 2 "write to /dev/full" "$goalc" build -o /dev/full "$example"
has "$tmp/stderr" "cannot write /dev/full" "write error names the file"
mkdir "$tmp/ro" && echo old >"$tmp/ro/x.json" && chmod a-w "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
    expect 2 "write into a read-only directory" "$goalc" build -o "$tmp/ro/x.json" "$example"
    [ "$(cat "$tmp/ro/x.json")" = old ] && ok || no "read-only directory: old output changed"
fi
chmod u+w "$tmp/ro"
# a symbolic link to a regular file: the file is replaced, the link stays
echo old >"$tmp/real.json" && ln -s real.json "$tmp/link.json"
expect 0 "build through a symlink" "$goalc" build -o "$tmp/link.json" "$example"
[ -L "$tmp/link.json" ] && ok || no "the link was replaced"
has "$tmp/real.json" '"format": "goalc"' "the link's target was written"

# colour only when asked or on a terminal, never with NO_COLOR
expect 1 "colour always" "$goalc" check --color=always "$tmp/bad.goal"
has "$tmp/stderr" "$(printf '\033')\[" "--color=always colours"
expect 1 "colour auto (not a tty)" "$goalc" check "$tmp/bad.goal"
grep -q "$(printf '\033')" "$tmp/stderr" && no "colour on a pipe" || ok

# --lang overrides the environment
LANG=en_US.UTF-8 expect 1 "--lang zh" "$goalc" check --lang zh "$tmp/bad.goal"
has "$tmp/stderr" "错误\[E0101\]" "--lang zh gives Chinese"

# Carets under characters of ambiguous East Asian width (“ · ≥): two columns
# in a zh, ja or ko locale, one elsewhere; --ambiguous-width says which.
printf '部门 "局" {\n    目标 “完成·任务” ≥ 年度\n}\n' >"$tmp/wide.goal"
two='   |                         ^~'
one='   |                      ^'
for loc in zh_CN.UTF-8 zh_TW.UTF-8 ja_JP.UTF-8 ko_KR.UTF-8; do
    LC_ALL= LC_CTYPE= LANG=$loc expect 1 "ambiguous width in $loc" "$goalc" check --lang en "$tmp/wide.goal"
    grep -qxF -- "$two" "$tmp/stderr" && ok || no "$loc: caret not two columns per “ · ≥"
done
LC_ALL= LC_CTYPE= LANG=en_US.UTF-8 expect 1 "ambiguous width in en_US" "$goalc" check "$tmp/wide.goal"
grep -qxF -- "$one" "$tmp/stderr" && ok || no "en_US: caret not one column per “ · ≥"
LC_ALL= LANG=en_US.UTF-8 LC_CTYPE=zh_CN.UTF-8 expect 1 "LC_CTYPE decides" "$goalc" check "$tmp/wide.goal"
grep -qxF -- "$two" "$tmp/stderr" && ok || no "LC_CTYPE=zh_CN: caret not two columns"
LANG=zh_CN.UTF-8 expect 1 "--ambiguous-width 1 over the locale" "$goalc" check --ambiguous-width 1 "$tmp/wide.goal"
grep -qxF -- "$one" "$tmp/stderr" && ok || no "--ambiguous-width 1: caret not one column"
LANG=C expect 1 "--ambiguous-width 2" "$goalc" check --ambiguous-width=2 "$tmp/wide.goal"
grep -qxF -- "$two" "$tmp/stderr" && ok || no "--ambiguous-width 2: caret not two columns"
expect 2 "--ambiguous-width 3" "$goalc" check --ambiguous-width 3 "$tmp/wide.goal"
has "$tmp/stderr" "--ambiguous-width takes 1 or 2, not '3'" "--ambiguous-width message"

# oversized input (sparse): a located refusal, quickly
truncate -s 2G "$tmp/huge.goal" 2>/dev/null &&
    { expect 2 "2 GB input" "$goalc" check "$tmp/huge.goal"
      has "$tmp/stderr" "error\[E0002\]: .*larger than the limit" "size limit message"; }

# includes nested too deep
i=0
while [ $i -lt 70 ]; do
    printf '引用 "f%d.goal"\n' $((i + 1)) >"$tmp/f$i.goal"
    i=$((i + 1))
done
echo '部门 "x" { 年度 2024 }' >"$tmp/f70.goal"
expect 1 "include depth" "$goalc" check "$tmp/f0.goal"
has "$tmp/stderr" "error\[E0008\]: includes nested deeper than 64 files" "include depth message"

# a closed pipe is not an error worth a message
"$goalc" build -w "$example" 2>"$tmp/pipe-err" | head -1 >/dev/null
[ -s "$tmp/pipe-err" ] && no "message on a closed pipe: $(cat "$tmp/pipe-err")" || ok

# a bare name with digits after an amount is one name, never a unit and a number
cat >"$tmp/digits.goal" <<'EOF2'
量纲 批数 "batches" { 第1批 1  第2批 1 }
部门 "局" { 资金 300 { 按 收入性质 { 第1季度 100  第0季度 200 } } }
EOF2
expect 0 "fund-line names with digits" "$goalc" build "$tmp/digits.goal"
[ "$(grep -o '"name": "第[0-9]季度"' "$tmp/stdout" | tr '\n' ' ')" = '"name": "第1季度" "name": "第0季度" ' ] ||
    no "fund-line names with digits were split: $(grep '"name"' "$tmp/stdout" | tr -d ' ' | tr '\n' ' ')"

lib_summary cli
