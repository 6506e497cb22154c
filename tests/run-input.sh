#!/bin/sh
# run-input.sh GOALC - reading input: every byte of a pipe whatever its
# size, files the kernel gives no size (/proc), FIFOs where only regular
# files belong (--stdlib DIR, includes), and GB18030 files: detected
# without --encoding, decoded with --encoding gb18030 with the locations of
# the UTF-8 text.  Invisible characters are in tests/errors/invisible-*.goal
# and tests/unit/test_lexer.c.
set -u
. "$(dirname "$0")/lib.sh"
lib_usage $#
goalc=$(lib_abs "$1")
lib_tmpdir input

# --- pipes of every size around the powers of two ----------------------------
# A file of exactly N bytes: one comment line of CJK and '#' (so characters
# straddle the reads), then a table; "bad" ends in an error that check
# reports on the last line, "good" compiles.  Through a real pipe, check,
# fmt - and diff - must see what they see in the same bytes as a file.
python3 - "$tmp" <<'PY'
import sys
tmp = sys.argv[1]
tails = {"bad": '部门 "x" { 年度 1800 }\n'.encode(), "good": '部门 "x" { 年度 2024 }\n'.encode()}
sizes = sorted({n for k in range(6, 22) for n in range(2 ** k - 3, 2 ** k + 4)})
with open(tmp + "/sizes", "w") as f:
    f.write(" ".join(map(str, sizes)) + "\n")
for n in sizes:
    for kind, tail in tails.items():
        pad = n - len(tail) - 2  # "#" ... "\n"
        cjk = "中".encode() * (pad // 3)
        body = b"#" + b"#" * (pad - len(cjk)) + cjk + b"\n" + tail
        assert len(body) == n, (n, len(body))
        with open("%s/%s-%d.goal" % (tmp, kind, n), "wb") as f:
            f.write(body)
PY
for n in $(cat "$tmp/sizes"); do
    bad="$tmp/bad-$n.goal" good="$tmp/good-$n.goal"
    "$goalc" check "$bad" 2>"$tmp/file.err"
    fs=$?
    cat "$bad" | "$goalc" check - 2>"$tmp/pipe.err"
    ps=$?
    sed "s|^<stdin>:|$bad:|" "$tmp/pipe.err" >"$tmp/pipe.named"
    if [ "$fs" = 1 ] && [ "$ps" = 1 ] && cmp -s "$tmp/file.err" "$tmp/pipe.named"; then ok; else
        no "check - of $n bytes through a pipe: exit $ps, as a file $fs, or other messages"; fi
    "$goalc" fmt "$good" >"$tmp/file.fmt" 2>&1
    fs=$?
    cat "$good" | "$goalc" fmt - >"$tmp/pipe.fmt" 2>&1
    ps=$?
    if [ "$fs" = 0 ] && [ "$ps" = 0 ] && cmp -s "$tmp/file.fmt" "$tmp/pipe.fmt"; then ok; else
        no "fmt - of $n bytes through a pipe: exit $ps, as a file $fs, or another text"; fi
    cat "$good" | "$goalc" diff - "$good" >"$tmp/diff.out" 2>&1
    ds=$?
    if [ "$ds" = 0 ]; then ok; else
        no "diff - FILE of the same $n bytes through a pipe: exit $ds"
        sed 's/^/    /' "$tmp/diff.out" | head -5
    fi
done
# a pipe that delivers its bytes slowly, in pieces
n=131075
{ head -c 70000 "$tmp/bad-$n.goal"; sleep 0.2; tail -c +70001 "$tmp/bad-$n.goal"; } |
    "$goalc" check - 2>"$tmp/slow.err"
[ $? = 1 ] && ok || no "check - of a slow pipe of $n bytes did not see the error at its end"
has "$tmp/slow.err" "E0121" "a slow pipe is read to its end"

# --- files with no size, FIFOs where only regular files belong ----------------
printf '引用 "/proc/self/status"\n' >"$tmp/proc.goal"
# Read to its end, not taken for an empty file (which would pass): its first
# word is no keyword, so the include is refused as no table (E0011).
expect 1 "an include of /proc/self/status is read, not empty" "$goalc" check --include-root /proc "$tmp/proc.goal"
has "$tmp/stderr" "error\[E0011\]" "/proc/self/status is read"
expect 1 "/proc/self/status as a file" "$goalc" check /proc/self/status
has "$tmp/stderr" "^ 1 | Name:" "/proc/self/status's first line"
: >"$tmp/empty.goal"
expect 0 "an empty file" "$goalc" check "$tmp/empty.goal"
printf '部门 "示例局" { 年度 2024 }\n' >"$tmp/ok.goal"
mkdir "$tmp/stdlib"
cp stdlib/*.goal "$tmp/stdlib/"
mkfifo "$tmp/stdlib/zz-fifo.goal"
expect 2 "--stdlib DIR with a FIFO: no wait" timeout 10 "$goalc" check --stdlib "$tmp/stdlib" "$tmp/ok.goal"
has "$tmp/stderr" "cannot read $tmp/stdlib/zz-fifo.goal: No such device" "--stdlib FIFO message"
rm "$tmp/stdlib/zz-fifo.goal"
ln -s /dev/zero "$tmp/stdlib/zz-zero.goal"
expect 2 "--stdlib DIR with /dev/zero" timeout 10 "$goalc" check --stdlib "$tmp/stdlib" "$tmp/ok.goal"
has "$tmp/stderr" "zz-zero.goal: No such device" "--stdlib device message"
rm "$tmp/stdlib/zz-zero.goal"
expect 0 "--stdlib DIR of regular files" "$goalc" check --stdlib "$tmp/stdlib" "$tmp/ok.goal"

# --- GB18030 ---------------------------------------------------------------------
gb() { iconv -f UTF-8 -t GB18030 "$1" >"$2"; }
# Without --encoding: one E0020, whatever the way in, and how to convert it.
gb examples/wangcheng-health-2023.goal "$tmp/wangcheng-gb.goal"
expect 1 "a GB18030 file" "$goalc" check "$tmp/wangcheng-gb.goal"
[ "$(grep -c 'error\[' "$tmp/stderr")" = 1 ] && ok || no "a GB18030 file gives more than one error"
has "$tmp/stderr" "error\[E0020\]" "E0020 for a GB18030 file"
has "$tmp/stderr" "iconv -f GB18030 -t UTF-8 $tmp/wangcheng-gb.goal > NEW.goal" "E0020 says how to convert"
expect 1 "GB18030 on standard input" sh -c "'$goalc' check - < '$tmp/wangcheng-gb.goal'"
has "$tmp/stderr" "^<stdin>:1:.*E0020.*iconv -f GB18030 -t UTF-8 - > NEW.goal" "E0020 for standard input"
expect 1 "GB18030, in Chinese" "$goalc" check --lang zh "$tmp/wangcheng-gb.goal"
has "$tmp/stderr" "错误\[E0020\]: 此文件不是 UTF-8 编码，而是 GB18030（GBK）编码" "E0020 in Chinese"
gb examples/yuanjiang-health-2024.goal "$tmp/yuanjiang-gb.goal"
expect 1 "another GB18030 file" "$goalc" check "$tmp/yuanjiang-gb.goal"
[ "$(grep -c 'E0020' "$tmp/stderr")" = 1 ] && ok || no "yuanjiang in GB18030: not one E0020"
# UTF-8 Chinese with one bad sequence may read as GB18030 as a whole; it is UTF-8 with an error.
printf '部门 "x" {\n    目标 "a\340\200\257b"\n}\n' >"$tmp/cut-utf8.goal" # an overlong form
iconv -f GB18030 -t UTF-8 "$tmp/cut-utf8.goal" >/dev/null 2>&1 && ok || no "the cut UTF-8 file is no GB18030 case"
expect 1 "UTF-8 with a character cut short" "$goalc" check "$tmp/cut-utf8.goal"
has "$tmp/stderr" "error\[E0003\]" "a UTF-8 file with an error gets E0003"
hasnt "$tmp/stderr" "E0020" "a UTF-8 file with an error is not called GB18030"
# What iconv converts gives the same as the UTF-8 file.
iconv -f GB18030 -t UTF-8 "$tmp/wangcheng-gb.goal" >"$tmp/back.goal"
cmp -s "$tmp/back.goal" examples/wangcheng-health-2023.goal && ok || no "iconv did not give the file back"

# With --encoding gb18030: every output and message as for the UTF-8 text, the
# same file name in two directories so that the outputs can be compared whole.
mkdir "$tmp/u" "$tmp/g"
for f in examples/*.goal; do
    cp "$f" "$tmp/u/"
    gb "$f" "$tmp/g/$(basename "$f")"
done
for f in tests/errors/*.goal; do
    grep -q '引用' "$f" && continue
    head -1 "$f" | grep -q '^# lang: zh' && l=zh || l=en
    iconv -f UTF-8 -t GB18030 "$f" >"$tmp/g/$(basename "$f")" 2>/dev/null || continue
    cp "$f" "$tmp/u/"
    printf '%s %s\n' "$(basename "$f")" "$l" >>"$tmp/errors-list"
done
for f in examples/*.goal; do
    b=$(basename "$f")
    for fmt in json html md; do
        (cd "$tmp/u" && "$goalc" build --format $fmt -o "u.$b.$fmt" "$b" 2>"u.$b.err")
        (cd "$tmp/g" && "$goalc" build --encoding gb18030 --format $fmt -o "g.$b.$fmt" "$b" 2>"g.$b.err")
        if [ -s "$tmp/u/u.$b.$fmt" ] && cmp -s "$tmp/u/u.$b.$fmt" "$tmp/g/g.$b.$fmt" &&
            cmp -s "$tmp/u/u.$b.err" "$tmp/g/g.$b.err"; then ok; else
            no "build --encoding gb18030 --format $fmt $b differs from the UTF-8 file's"; fi
    done
    (cd "$tmp/u" && "$goalc" fmt "$b" >"u.$b.fmt")
    (cd "$tmp/g" && "$goalc" fmt --encoding gb18030 "$b" >"g.$b.fmt")
    cmp -s "$tmp/u/u.$b.fmt" "$tmp/g/g.$b.fmt" && ok || no "fmt --encoding gb18030 $b: another text"
done
count=0
while read -r b l; do
    count=$((count + 1))
    (cd "$tmp/u" && NO_COLOR=1 "$goalc" check --lang "$l" "$b" 2>"u.$b.err")
    us=$?
    (cd "$tmp/g" && NO_COLOR=1 "$goalc" check --lang "$l" --encoding gb18030 "$b" 2>"g.$b.err")
    gs=$?
    if [ "$us" = "$gs" ] && cmp -s "$tmp/u/u.$b.err" "$tmp/g/g.$b.err"; then ok; else
        no "check --encoding gb18030 $b: other messages than the UTF-8 file's (exit $gs, $us)"
        diff "$tmp/u/u.$b.err" "$tmp/g/g.$b.err" | head -6
    fi
done <"$tmp/errors-list"
[ "$count" -ge 40 ] && ok || no "only $count tests/errors files compared in GB18030"
# standard input, includes, diff
(cd "$tmp/g" && "$goalc" build --encoding gb18030 - <wangcheng-health-2023.goal >g.stdin.json 2>&1)
(cd "$tmp/u" && "$goalc" build - <wangcheng-health-2023.goal >u.stdin.json 2>&1)
cmp -s "$tmp/u/u.stdin.json" "$tmp/g/g.stdin.json" && ok || no "--encoding gb18030 on standard input"
printf '# 引用\n引用 "wangcheng-health-2023.goal"\n' >"$tmp/u/root.goal"
gb "$tmp/u/root.goal" "$tmp/g/root.goal"
(cd "$tmp/u" && "$goalc" check root.goal 2>u.root.err)
(cd "$tmp/g" && "$goalc" check --encoding gb18030 root.goal 2>g.root.err)
[ -s "$tmp/u/u.root.err" ] && cmp -s "$tmp/u/u.root.err" "$tmp/g/g.root.err" && ok ||
    no "--encoding gb18030 applies to includes"
sed 's/"设备到位及时性" 100%/"设备到位及时性" 95%/' examples/wangcheng-health-2023.goal >"$tmp/u/new.goal"
gb "$tmp/u/new.goal" "$tmp/g/new.goal"
(cd "$tmp/u" && "$goalc" diff wangcheng-health-2023.goal new.goal >u.diff)
(cd "$tmp/g" && "$goalc" diff --encoding gb18030 wangcheng-health-2023.goal new.goal >g.diff)
[ -s "$tmp/u/u.diff" ] && cmp -s "$tmp/u/u.diff" "$tmp/g/g.diff" && ok || no "diff --encoding gb18030"
# fmt -w writes UTF-8
cp "$tmp/g/wangcheng-health-2023.goal" "$tmp/w.goal"
expect 0 "fmt -w --encoding gb18030" "$goalc" fmt -w --encoding gb18030 "$tmp/w.goal"
cmp -s "$tmp/w.goal" "$tmp/u/u.wangcheng-health-2023.goal.fmt" && ok || no "fmt -w --encoding gb18030 writes UTF-8"
# A byte that is not GB18030: E0021 where it is, in the decoded text.
printf '部门 "示例局" {\n    年度 2024\n    目标 "开展筛查X"\n}\n' | iconv -f UTF-8 -t GB18030 |
    sed 's/X/\xFF/' >"$tmp/bad-gb.goal"
expect 1 "--encoding gb18030, a bad byte" env NO_COLOR=1 "$goalc" check --encoding gb18030 "$tmp/bad-gb.goal"
cat >"$tmp/want" <<EOF
$tmp/bad-gb.goal:3:13: error[E0021]: invalid GB18030 byte sequence \\xFF
 3 |     目标 "开展筛查\\xFF"
   |                   ^~~~
EOF
diff -u "$tmp/want" "$tmp/stderr" >"$tmp/d" && ok || { no "E0021 message"; cat "$tmp/d"; }
expect 1 "--encoding gb18030, a bad byte, in Chinese" env NO_COLOR=1 "$goalc" check --lang zh --encoding gb18030 "$tmp/bad-gb.goal"
has "$tmp/stderr" "^$tmp/bad-gb.goal:3:13: 错误\[E0021\]: 无效的 GB18030 字节序列 \\\\xFF$" "E0021 in Chinese"
{ printf '部门 "示例局" { 年度 2024 }\n' | iconv -f UTF-8 -t GB18030; printf '\201'; } >"$tmp/cut-gb.goal"
expect 1 "--encoding gb18030, a sequence cut short" env NO_COLOR=1 "$goalc" check --encoding gb18030 "$tmp/cut-gb.goal"
has "$tmp/stderr" "cut-gb.goal:2:1: error\[E0021\]: invalid GB18030 byte sequence \\\\x81$" "E0021 at the end"
# the option itself
expect 0 "--encoding utf-8" "$goalc" check --encoding utf-8 examples/wangcheng-health-2023.goal
expect 0 "--encoding=UTF-8" "$goalc" check --encoding=UTF-8 examples/wangcheng-health-2023.goal
expect 2 "--encoding latin1" "$goalc" check --encoding latin1 examples/wangcheng-health-2023.goal
has "$tmp/stderr" "--encoding takes utf-8 or gb18030, not 'latin1'" "--encoding value message"
expect 2 "--encoding latin1, in Chinese" "$goalc" check --lang zh --encoding latin1 examples/wangcheng-health-2023.goal
has "$tmp/stderr" "--encoding 的取值应为 utf-8 或 gb18030，而非“latin1”" "--encoding value message in Chinese"
expect 0 "--help shows --encoding" "$goalc" --help
has "$tmp/stdout" "--encoding E" "--help shows --encoding"

lib_summary input
