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
expect 2 "directory without .goal files as input" "$goalc" check "$tmp"
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
# W0208 is its only diagnostic: the phases of that file add up, so silenced it compiles clean
expect 0 "-Wno-executed-above-budget silences W0208" "$goalc" check -Wno-executed-above-budget tests/errors/funds-phase-executed-above.goal
[ -s "$tmp/stderr" ] && no "-Wno-executed-above-budget still printed diagnostics"
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
# -o - is standard output: one file in one format, never a directory called "-"
here=$(pwd)
expect 0 "build -o - of one file" env -C "$tmp" "$goalc" build --format json -o - "$here/$example"
has "$tmp/stdout" '"departments"' "-o - writes to standard output"
expect 2 "build -o - of two files" env -C "$tmp" "$goalc" build -o - \
    "$here/examples/wangcheng-health-2023.goal" "$here/$example"
has "$tmp/stderr" "standard output" "-o - with two files says why"
expect 2 "build -o - in two formats" env -C "$tmp" "$goalc" build --format json,md -o - "$here/$example"
[ ! -e "$tmp/-" ] && ok || no "-o - made a directory called -"

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

# goalc help COMMAND and COMMAND --help: each command's own help, both languages
for c in check build fmt diff git-diff; do
    expect 0 "help $c" "$goalc" help $c
    has "$tmp/stdout" "^usage: goalc $c " "help $c shows $c's usage"
    cp "$tmp/stdout" "$tmp/help-$c"
    expect 0 "--lang zh help $c" "$goalc" --lang zh help $c
    has "$tmp/stdout" "^用法：goalc $c " "help $c in Chinese"
done
for c in check build fmt diff; do
    expect 0 "$c --help" "$goalc" $c --help
    cmp -s "$tmp/stdout" "$tmp/help-$c" && ok || no "$c --help is not goalc help $c"
    expect 0 "$c -h" "$goalc" $c -h
    cmp -s "$tmp/stdout" "$tmp/help-$c" && ok || no "$c -h is not goalc help $c"
done
has "$tmp/help-build" "one of: json, csv, html, md" "help build lists the formats"
has "$tmp/help-build" "json-locations" "help build names --json-locations"
has "$tmp/help-fmt" "most of the file's keywords" "help fmt says the default keyword language"
hasnt "$tmp/help-check" "--keywords" "help check is not fmt's"
expect 0 "help" "$goalc" help
has "$tmp/stdout" "goalc help \[COMMAND\]" "help shows the usage of every command"
expect 2 "help of an unknown command" "$goalc" help frobnicate
has "$tmp/stderr" "unknown command 'frobnicate'" "help frobnicate message"

# a mistyped command: did you mean
expect 2 "mistyped command" "$goalc" chek "$example"
has "$tmp/stderr" "^goalc: error: unknown command 'chek'; did you mean 'check'?$" "did you mean check"
expect 2 "mistyped command, zh" "$goalc" --lang zh biild "$example"
has "$tmp/stderr" "^goalc: 错误：未知命令“biild”；是否应为“build”？$" "did you mean build, zh"
expect 2 "help of a mistyped command" "$goalc" help fnt
has "$tmp/stderr" "did you mean 'fmt'?" "help fnt: did you mean fmt"

# a directory as input: its .goal files below it, in byte order of the path; names
# starting with "." and symbolic links to directories left out, links to files read
d=$tmp/tree
mkdir -p "$d/b" "$d/a/z" "$d/.hidden" "$d/real" "$d/empty"
cp examples/yuanjiang-health-2024.goal "$d/b/y.goal"
for f in a/z/w a .hidden/h real/r; do cp examples/wangcheng-health-2023.goal "$d/$f.goal"; done
ln -s real "$d/linked"
ln -s ../b/y.goal "$d/a/link.goal"
echo 'not goal' >"$d/a/notes.txt"
expect 0 "check a directory" "$goalc" check "$d/"
grep -o '^[^:]*\.goal' "$tmp/stderr" | uniq >"$tmp/order"
printf '%s\n' "$d/a.goal" "$d/a/link.goal" "$d/a/z/w.goal" "$d/b/y.goal" "$d/real/r.goal" >"$tmp/want"
diff -u "$tmp/want" "$tmp/order" >"$tmp/d" && ok || { no "the files of a directory, in order"; cat "$tmp/d"; }
rmdir "$d/empty"
expect 0 "build a directory and a file" "$goalc" build -w -o "$tmp/tree-out/" "$d" "$example"
[ "$(ls "$tmp/tree-out" | tr '\n' ' ')" = "a.json link.json r.json w.json y.json yuanjiang-health-2024.json " ] &&
    ok || no "build of a directory wrote $(ls "$tmp/tree-out" | tr '\n' ' ')"
expect 1 "fmt --check a directory" "$goalc" fmt --check "$d/real"
has "$tmp/stdout" "^--- $d/real/r.goal" "fmt --check of a directory compares its file"
mkdir "$d/empty"
expect 2 "a directory without .goal files" "$goalc" check "$d/empty"
has "$tmp/stderr" "^goalc: error: $d/empty: a directory without .goal files (symbolic links to directories are not followed)$" "empty directory message"
expect 2 "a directory without .goal files, zh" "$goalc" --lang zh fmt "$d/empty"
has "$tmp/stderr" "^goalc: 错误：$d/empty：目录中没有 .goal 文件（不进入指向目录的符号链接）$" "empty directory message, zh"
expect 2 "diff takes no directory" "$goalc" diff "$d/real" "$d/real"

# -o x.csv with csv: refused, naming the two files; -o x.csv/ is a directory
expect 2 "csv -o x.csv" "$goalc" build -w --format csv -o "$tmp/x.csv" "$example"
has "$tmp/stderr" "^goalc: error: -o $tmp/x.csv: csv writes two files, indicators.csv and funds.csv, into a directory; for a directory of that name, write -o $tmp/x.csv/$" "-o x.csv message"
[ ! -e "$tmp/x.csv" ] && ok || no "-o x.csv made $tmp/x.csv"
expect 2 "csv -o x.csv, zh" "$goalc" build --lang zh -w --format csv -o "$tmp/x.csv" "$example"
has "$tmp/stderr" "^goalc: 错误：-o $tmp/x.csv：csv 会在目录中写入 indicators.csv 与 funds.csv 两个文件；如确要以此为目录名，请写 -o $tmp/x.csv/$" "-o x.csv message, zh"
: >"$tmp/plain"
expect 2 "csv -o FILE" "$goalc" build -w --format csv -o "$tmp/plain" "$example"
has "$tmp/stderr" "^goalc: error: -o $tmp/plain: csv writes two files, indicators.csv and funds.csv, into a directory, and $tmp/plain is not one$" "-o FILE message"
expect 2 "csv -o FILE, zh" "$goalc" --lang zh build -w --format csv -o "$tmp/plain" "$example"
has "$tmp/stderr" "^goalc: 错误：-o $tmp/plain：csv 会在目录中写入 indicators.csv 与 funds.csv 两个文件，而 $tmp/plain 不是目录$" "-o FILE message, zh"
[ ! -s "$tmp/plain" ] && ok || no "-o FILE wrote into the file"
expect 0 "csv -o x.csv/" "$goalc" build -w --format csv -o "$tmp/x.csv/" "$example"
[ -s "$tmp/x.csv/indicators.csv" ] && [ -s "$tmp/x.csv/funds.csv" ] && ok || no "-o x.csv/ did not write the two files"

# --json-locations (docs/json.md): none leaves every location out; its usage errors
expect 0 "--json-locations none" "$goalc" build --json-locations none "$example"
hasnt "$tmp/stdout" '"location"' "--json-locations none still writes locations"
expect 0 "--json-locations=all" "$goalc" build --json-locations=all -o "$tmp/all.json" "$example"
cmp -s "$tmp/all.json" "$tmp/a.json" && ok || no "--json-locations all is not the default JSON"
expect 2 "--json-locations bad value" "$goalc" build --json-locations some "$example"
has "$tmp/stderr" "goalc: error: --json-locations takes all or none, not 'some'" "--json-locations value message"
expect 2 "--json-locations bad value, zh" "$goalc" --lang zh build --json-locations some "$example"
has "$tmp/stderr" "goalc: 错误：--json-locations 的取值应为 all 或 none，而非“some”" "--json-locations value message, zh"
expect 2 "--json-locations without json" "$goalc" build --format html --json-locations none "$example"
has "$tmp/stderr" "goalc: error: --json-locations applies to json output only" "--json-locations json-only message"
expect 2 "--json-locations without json, zh" "$goalc" build --lang zh --format md --json-locations none "$example"
has "$tmp/stderr" "goalc: 错误：--json-locations 仅用于 json 输出" "--json-locations json-only message, zh"
expect 0 "--json-locations none -j 2" "$goalc" build -j 2 --json-locations none -o "$tmp/noloc/" examples/*.goal
cat "$tmp/noloc/"*.json | grep -q '"location"' && no "-j 2 --json-locations none wrote locations" || ok
expect 2 "--json-locations is build's" "$goalc" check --json-locations none "$example"

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
