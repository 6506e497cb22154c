#!/bin/sh
# run-outputs.sh GOALC - never lose a byte, never overwrite the wrong file,
# never leave a temporary file (docs/robustness.md, "Outputs"):
#   1. every command, writing to a full or closed standard output (or a
#      full standard error), exits 2 with a message;
#   2. build refuses, before writing anything, two outputs that are one
#      file and an output that is an input, however the paths are spelt;
#   3. file names that look like options or standard input, or hold control
#      characters: "--" in goalc's own arguments, git-diff's operands always
#      files, paths shown escaped;
#   4. fmt -w keeps mode, owner and group, refuses read-only and hard-linked
#      files, and no temporary file outlives a failure or SIGINT/SIGTERM.
set -u
. "$(dirname "$0")/lib.sh"
lib_usage $#
goalc=$(lib_abs "$1")
root=$(pwd)
lib_tmpdir outputs
lib_show=8
export TMPDIR="$tmp" # fmt --check's scratch files too, to see that none is left
ex=$root/examples/wangcheng-health-2023.goal
messy=$root/tests/fmt/messy.goal
cp "$ex" "$tmp/t.goal"
sed 's/大于等于 95%/大于等于 90%/' "$ex" >"$tmp/t2.goal"
printf '部门 "x" { 年度 }\n' >"$tmp/broken.goal"
# A large table, so that output fails long before the final flush.
for i in 1 2 3 4 5 6 7 8; do sed "s/长沙市望城区卫生健康局/局$i/" "$ex"; done >"$tmp/big.goal"
cd "$tmp" || exit 2

# No temporary file (.NAME.XXXXXX, goalc-XXXXXX) left in the directories given.
no_temporaries() { # WHAT DIR...
    what=$1
    shift
    left=$(for d in "$@"; do ls -A "$d" | grep -E '^\.[^.].*\.[A-Za-z0-9]{6}$|^goalc-' ; done)
    [ -z "$left" ] && ok || no "$what: temporary files left: $left"
}

# --- 1. write errors on the standard streams --------------------------------------
# Each command that writes to standard output, as "NAME|ARGS" (ARGS split by the shell).
commands="help|--help
version|--version
check sarif|check --diagnostics-format sarif t.goal
check json|check --diagnostics-format json t.goal
build to stdout|build t.goal
build md to stdout|build --format md big.goal
fmt|fmt big.goal
fmt two files|fmt t.goal big.goal
fmt --check|fmt --check $messy
diff changed|diff t.goal t2.goal
diff markdown|diff --format markdown t.goal t2.goal
git-diff|git-diff t.goal t.goal 1 100644 t2.goal 2 100644
git-diff no change|git-diff t.goal t.goal 1 100644 t.goal 2 100644
git-diff plain|git-diff t.goal t.goal 1 100644 broken.goal 2 100644"
printf '%s\n' "$commands" >"$tmp/commands"
while IFS='|' read -r name args; do
    # shellcheck disable=SC2086
    "$goalc" $args >/dev/full 2>"$tmp/err"
    st=$?
    [ $st = 2 ] && ok || no "$name > /dev/full: exit $st, expected 2"
    has "$tmp/err" "goalc: error: cannot write to standard output: No space left on device" \
        "$name > /dev/full: message"
    [ "$(grep -c 'cannot write to standard output' "$tmp/err")" -le 1 ] && ok ||
        no "$name > /dev/full: the message is repeated"
    "$goalc" $args >&- 2>"$tmp/err"
    st=$?
    [ $st = 2 ] && ok || no "$name >&-: exit $st, expected 2"
    has "$tmp/err" "cannot write to standard output: Bad file descriptor" "$name >&-: message"
done <"$tmp/commands"
"$goalc" --lang zh fmt t.goal >/dev/full 2>"$tmp/err"
has "$tmp/err" "goalc: 错误：无法写入标准输出：" "the message in Chinese"
# Diagnostics are the output of check: lost on a full standard error, exit 2.
"$goalc" check t.goal 2>/dev/full
st=$?
[ $st = 2 ] && ok || no "check with warnings 2> /dev/full: exit $st, expected 2"
"$goalc" check -w t.goal 2>/dev/full
st=$?
[ $st = 0 ] && ok || no "check with nothing to say 2> /dev/full: exit $st, expected 0"
# A closed standard output is not taken over by an output file.
"$goalc" build -o out.json t.goal >&- 2>"$tmp/err"
st=$?
[ $st = 0 ] && ok || no "build -o FILE >&-: exit $st"
head -c 1 out.json | grep -q '{' && ok || no "build -o FILE >&-: out.json is not the JSON"
"$goalc" check - <&- 2>"$tmp/err"
st=$?
[ $st = 2 ] && ok || no "check - <&-: exit $st, expected 2"
# The output files themselves (cli.c and output.c): a full device, exit 2, a message.
expect 2 "build -o /dev/full" "$goalc" build --format html -o /dev/full t.goal
has "$tmp/stderr" "cannot write /dev/full: No space left on device" "build -o /dev/full: message"

# --- 2. outputs that overwrite each other or an input --------------------------------
mkdir a b
cp t.goal a/x.goal
cp t2.goal b/x.goal
expect 2 "two inputs, one output name" "$goalc" build -o out/ a/x.goal b/x.goal
has "$tmp/stderr" "out/x.json (for a/x.goal) and out/x.json (for b/x.goal) are the same file: nothing written" \
    "two outputs: message"
[ ! -e out ] && ok || no "two outputs: out/ was created"
LANG=zh_CN.UTF-8 expect 2 "two outputs, in Chinese" "$goalc" build -o out/ a/x.goal b/x.goal
has "$tmp/stderr" "out/x.json（来自 a/x.goal）与 out/x.json（来自 b/x.goal）是同一个文件：未写入任何文件" \
    "two outputs: message in Chinese"
expect 2 "one input twice" "$goalc" build --format json,md -o out/ a/x.goal ./a/x.goal
[ ! -e out ] && ok || no "one input twice: out/ was created"
cp t.goal x.goal
ln -s x.goal link.goal
ln x.goal hard.goal
for o in x.goal ./x.goal "$tmp/x.goal" link.goal hard.goal a/../x.goal; do
    expect 2 "-o $o for the input x.goal" "$goalc" build -o "$o" x.goal
    has "$tmp/stderr" "the output $o is the input x.goal: nothing written" "-o $o: message"
    cmp -s x.goal t.goal && ok || no "-o $o: the input was overwritten"
done
LANG=zh_CN.UTF-8 expect 2 "output is input, in Chinese" "$goalc" build -o x.goal x.goal
has "$tmp/stderr" "输出 x.goal 就是输入 x.goal：未写入任何文件" "output is input: message in Chinese"
# A gathered file (csv) that is an input.
mkdir g && cp t.goal g/indicators.csv
expect 2 "csv over an input" "$goalc" build --format csv -o g/ g/indicators.csv
has "$tmp/stderr" "the output g/indicators.csv is the input g/indicators.csv" "csv over an input: message"
cmp -s g/indicators.csv t.goal && ok || no "csv over an input: the input was overwritten"
# Different files are fine, in an existing directory and in one not there yet.
cp t2.goal b/y.goal
expect 0 "two inputs, two outputs" "$goalc" build -o new/ a/x.goal b/y.goal
[ -s new/x.json ] && [ -s new/y.json ] && ok || no "two inputs, two outputs: missing"
expect 0 "all formats of one input" "$goalc" build --format json,md,html,csv -o out/ x.goal

# --- 3. names like options, "-", control characters ----------------------------------------
cp t.goal ./-evil.goal
expect 2 "-evil.goal is an option to goalc" "$goalc" check -evil.goal
expect 0 "check -- -evil.goal" "$goalc" check -w -- -evil.goal
expect 0 "fmt -- -evil.goal" "$goalc" fmt -- -evil.goal
expect 0 "./-evil.goal" "$goalc" check -w ./-evil.goal
# git-diff's operands are files, whatever they are called; "-" is not standard input.
for name in -evil.goal --help -v -; do
    cp t2.goal "./$name"
    "$goalc" git-diff "$name" t.goal 1 100644 "$name" 2 100644 <broken.goal >"$tmp/o.txt" 2>"$tmp/err"
    st=$?
    [ $st = 0 ] && ok || no "git-diff of a file named $name: exit $st"
    has "$tmp/o.txt" "^diff --goal a/$name b/$name" "git-diff of $name: heading"
    has "$tmp/o.txt" "loosened" "git-diff of $name: compares the file"
    cp broken.goal "./$name"
    "$goalc" git-diff "$name" t.goal 1 100644 "$name" 2 100644 </dev/null >"$tmp/o.txt" 2>"$tmp/err"
    st=$?
    [ $st = 0 ] && ok || no "git-diff plain of a file named $name: exit $st"
    has "$tmp/o.txt" '^+部门 "x" { 年度 }' "git-diff plain of $name: diff -u of the file"
    [ -s "$tmp/err" ] && no "git-diff plain of $name: $(cat "$tmp/err")" || ok
done
# Control characters in paths: escaped in messages, headings and diff labels.
esc=$(printf 'e\033[31m\tvil.goal')
cp broken.goal "$esc"
expect 1 "a path with control characters" "$goalc" check "$esc"
has "$tmp/stderr" '^e\\x1B\[31m\\x09vil.goal:1:' "diagnostic location escaped"
hasnt "$tmp/stderr" "$(printf '\033')" "no raw escape in diagnostics"
expect 2 "a missing path with control characters" "$goalc" check "x$esc"
has "$tmp/stderr" 'cannot read xe\\x1B\[31m\\x09vil.goal' "E0001 escaped"
expect 2 "an output path with control characters" "$goalc" build -o "/nonexistent/$esc" t.goal
has "$tmp/stderr" 'cannot write /nonexistent/e\\x1B\[31m\\x09vil.goal' "tool message escaped"
"$goalc" git-diff "$esc" t.goal 1 100644 "$esc" 2 100644 >"$tmp/o.txt" 2>&1
has "$tmp/o.txt" '^diff --goal a/e\\x1B\[31m\\x09vil.goal' "git-diff heading escaped"
has "$tmp/o.txt" '^+++ b/e\\x1B\[31m\\x09vil.goal' "git-diff plain label escaped"
hasnt "$tmp/o.txt" "$(printf '\033')" "no raw escape from git-diff"
cp "$messy" "$esc"
"$goalc" fmt --check "$esc" >"$tmp/o.txt" 2>&1
has "$tmp/o.txt" '^--- e\\x1B\[31m\\x09vil.goal$' "fmt --check label escaped"
hasnt "$tmp/o.txt" "$(printf '\033')" "no raw escape from fmt --check"

# --- 4. fmt -w: attributes, refusals, temporary files -------------------------------------
mkdir w && cd w || exit 2
cp "$messy" m.goal && chmod 640 m.goal
expect 0 "fmt -w" "$goalc" fmt -w m.goal
cmp -s m.goal "$root/tests/fmt/messy.expected" && ok || no "fmt -w: not rewritten"
[ "$(stat -c %a m.goal)" = 640 ] && ok || no "fmt -w: mode $(stat -c %a m.goal), expected 640"
if [ "$(id -u)" = 0 ]; then
    cp "$messy" owned.goal && chown 65534:65534 owned.goal
    expect 0 "fmt -w of another user's file" "$goalc" fmt -w owned.goal
    [ "$(stat -c %u:%g owned.goal)" = 65534:65534 ] && ok ||
        no "fmt -w: owner $(stat -c %u:%g owned.goal), expected 65534:65534"
    # Run as nobody on root's file: the owner cannot be kept, and goalc says so.
    mkdir -m 777 "$tmp/nobody" && chmod 711 "$tmp"
    cp "$messy" "$tmp/nobody/r.goal" && chmod 666 "$tmp/nobody/r.goal"
    if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups \
        "$goalc" --version >/dev/null 2>&1; then
        setpriv --reuid=65534 --regid=65534 --clear-groups \
            "$goalc" fmt -w "$tmp/nobody/r.goal" 2>"$tmp/err"
        st=$?
        [ $st = 0 ] && ok || no "fmt -w as another user: exit $st"
        has "$tmp/err" "goalc: warning: $tmp/nobody/r.goal: its owner and group could not be kept (Operation not permitted); the rewritten file is yours" \
            "owner not kept: warning"
        rm -f "$tmp/nobody/r.goal" && cp "$messy" "$tmp/nobody/r.goal" && chmod 666 "$tmp/nobody/r.goal"
        setpriv --reuid=65534 --regid=65534 --clear-groups \
            "$goalc" --lang zh fmt -w "$tmp/nobody/r.goal" 2>"$tmp/err"
        has "$tmp/err" "goalc: 警告：$tmp/nobody/r.goal：无法保留原有的属主与属组（" "owner not kept: warning in Chinese"
    fi
    chmod 700 "$tmp"
fi
cp "$messy" ro.goal && chmod 444 ro.goal
expect 2 "fmt -w of a read-only file" "$goalc" fmt -w ro.goal
has "$tmp/stderr" "goalc: error: ro.goal is read-only: not rewritten" "read-only: message"
cmp -s ro.goal "$messy" && ok || no "read-only: the file changed"
[ "$(stat -c %a ro.goal)" = 444 ] && ok || no "read-only: the mode changed"
LANG=zh_CN.UTF-8 expect 2 "read-only, in Chinese" "$goalc" fmt -w ro.goal
has "$tmp/stderr" "goalc: 错误：ro.goal 是只读文件：未改写" "read-only: message in Chinese"
cp "$root/tests/fmt/messy.expected" ro-done.goal && chmod 444 ro-done.goal
expect 0 "fmt -w of a read-only file already formatted" "$goalc" fmt -w ro-done.goal
cp "$messy" h1.goal && ln h1.goal h2.goal
expect 2 "fmt -w of a hard-linked file" "$goalc" fmt -w h1.goal
has "$tmp/stderr" "goalc: error: h1.goal has other hard links, which rewriting it would cut off: not rewritten" \
    "hard link: message"
cmp -s h1.goal "$messy" && [ "$(stat -c %h h1.goal)" = 2 ] && ok || no "hard link: the file changed"
LANG=zh_CN.UTF-8 expect 2 "hard link, in Chinese" "$goalc" fmt -w h2.goal
has "$tmp/stderr" "goalc: 错误：h2.goal 另有硬链接，改写会使其与之分离：未改写" "hard link: message in Chinese"
cp "$messy" target.goal && ln -s target.goal sym.goal
expect 0 "fmt -w through a symbolic link" "$goalc" fmt -w sym.goal
[ -L sym.goal ] && cmp -s target.goal "$root/tests/fmt/messy.expected" && ok ||
    no "fmt -w through a link: the link was replaced or the file not rewritten"
# One file refused among others: the others are still rewritten, exit 2.
cp "$messy" ok.goal
expect 2 "fmt -w of a read-only and a writable file" "$goalc" fmt -w ro.goal ok.goal
cmp -s ok.goal "$root/tests/fmt/messy.expected" && ok || no "fmt -w: the writable file was not rewritten"
no_temporaries "fmt -w" . "$tmp"
cd "$tmp" || exit 2

# A signal while output files are open: gathered CSV files stay open while
# standard input (a FIFO nobody writes to yet) is read; SIGINT or SIGTERM
# then removes their temporaries.  A background job of a script starts
# with SIGINT ignored: env gives it back its default.
if env --default-signal=INT true 2>/dev/null; then
    for sig in INT TERM; do
        rm -rf sig && mkdir sig
        mkfifo fifo
        env --default-signal=INT,TERM "$goalc" build --format csv -o sig/ t.goal - <fifo \
            >/dev/null 2>&1 &
        pid=$!
        exec 3>fifo # goalc's open of the FIFO returns; its read then waits
        n=0
        while [ $n -lt 100 ] && [ -z "$(ls -A sig)" ]; do sleep 0.05; n=$((n + 1)); done
        [ -n "$(ls -A sig)" ] && ok || no "SIG$sig: no temporary file appeared"
        kill -s $sig $pid
        n=0
        while [ $n -lt 100 ] && kill -0 $pid 2>/dev/null; do sleep 0.05; n=$((n + 1)); done
        kill -0 $pid 2>/dev/null && { no "SIG$sig: goalc did not stop"; kill -s KILL $pid; }
        wait $pid
        st=$?
        exec 3>&-
        rm -f fifo
        case $sig in INT) want=130 ;; *) want=143 ;; esac
        [ $st = $want ] && ok || no "SIG$sig: exit $st, expected $want"
        [ -z "$(ls -A sig)" ] && ok || no "SIG$sig: left behind: $(ls -A sig)"
    done
else
    echo "outputs: signal tests skipped (env has no --default-signal)"
fi
no_temporaries "every test" "$tmp" "$tmp/o.txt" "$tmp/a" "$tmp/g"

lib_summary outputs
