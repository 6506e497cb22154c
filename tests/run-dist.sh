#!/bin/sh
# run-dist.sh NATIVE FILE... - the binaries of make dist against the
# native build (make check-dist; docs/dist.md); a FILE.html (the page) is
# only searched for build paths.
#
# Each binary runs where it can here: the static Linux one natively, the
# ARM64 one under qemu-aarch64, goalc.exe under wine (its prefix in
# build/wine, made on the first run).  For each:
#   - the examples and every tests/golden input, built in every format
#     (json, csv, html, md, sqlite, xlsx) in one run each: the files must
#     be the native build's byte for byte (the database and the workbook
#     included: both are deterministic), and so must the warnings;
#   - the golden inputs again with -j 4 (threads), goalc diff of an
#     example and a changed copy, goalc fmt -w of an example;
#   - every tests/errors input checked in English and in Chinese: the
#     same diagnostics and exit status;
#   - an example with CRLF line ends, and one in GB18030 (--encoding):
#     the same outputs as the native build's of the same files;
#   - goalc lsp: one editor session (tests/lsp/same-session.py), the same
#     answers as the native server's;
#   - goalc fmt --check of a formatted file (status 0, silent) and of one
#     that is not (status 1 and the diff), as the native build's.
# Every file given (the web page too, its WebAssembly decoded from base64)
# holds no build path: not the checkout's absolute path, not
# build/third-party (the libraries' assert texts before -ffile-prefix-map),
# in UTF-8 or UTF-16, so that two checkouts build the same bytes.
# goalc.exe also gets: a path with Chinese characters, a space and
# backslashes (a Windows path, input and output directory, xlsx and
# sqlite included), a workbook written with %TEMP% under a Chinese name,
# Ctrl-C on a console with outputs half written (their temporaries
# removed, exit 130), and Chinese diagnostics on a console: wine makes a
# Windows console of a Unix terminal (script(1) gives it one), and the
# colours goalc turns on only when GetConsoleMode says "console" show the
# same test chose WriteConsoleW; the text must be the native build's.
set -u
. "$(dirname "$0")/lib.sh"
if [ $# -lt 2 ]; then
    echo "usage: $0 NATIVE BINARY..." >&2
    exit 2
fi
native=$(lib_abs "$1")
shift
lib_tmpdir dist
root=$(pwd)
formats=json,csv,html,md,sqlite,xlsx
start=$(date +%s)

export WINEDEBUG=-all
WINEPREFIX=${WINEPREFIX:-$root/build/wine}
export WINEPREFIX
wine_started=false
lib_cleanup() {
    if $wine_started; then wineserver -k 2>/dev/null || :; fi
}

run() { # BINARY ARGS...: the binary under what runs it here
    b=$1
    shift
    case $b in
    *.exe) wine "$b" "$@" ;;
    *-linux-arm64) qemu-aarch64 "$b" "$@" ;;
    *) "$b" "$@" ;;
    esac
}

# The inputs in files of their own: a CRLF copy and a GB18030 copy of an example.
mkdir -p "$tmp/crlf" "$tmp/gb"
sed 's/$/\r/' examples/yuanjiang-health-2024.goal >"$tmp/crlf/yuanjiang-crlf.goal"
iconv -f UTF-8 -t GB18030 examples/wangcheng-health-2023.goal >"$tmp/gb/wangcheng-gb.goal"
grep -q "$(printf '\r')" "$tmp/crlf/yuanjiang-crlf.goal" || no "the CRLF copy has no CR"
# A changed table for goalc diff, a table to reformat in place.
sed 's/≧548000 人/≧550000 人/' examples/yuanjiang-health-2024.goal >"$tmp/changed.goal"

# NAME BINARY DIR ARGS...: goalc ARGS in DIR, its stdout, stderr and status in $tmp/NAME/
capture() {
    name=$1 b=$2 dir=$3
    shift 3
    mkdir -p "$tmp/$name/out"
    (cd "$dir" && run "$b" "$@" >"$tmp/$name/stdout" 2>"$tmp/$name/stderr"; echo $? >"$tmp/$name/status")
}

error_inputs=$(cd tests/errors && ls ./*.goal | sed 's|^\./||')

# fmt --check: a file as fmt writes it, and the same table with its indentation lost.
mkdir -p "$tmp/fmtcheck"
"$native" fmt examples/yuanjiang-health-2024.goal >"$tmp/fmtcheck/formatted.goal"
sed 's/^ *//' examples/yuanjiang-health-2024.goal >"$tmp/fmtcheck/unformatted.goal"

# The native build's results, once.
native_runs() { # PREFIX BINARY
    p=$1 b=$2
    capture "$p-examples" "$b" "$root" build --format $formats -o "$tmp/$p-examples/out/" examples/*.goal
    capture "$p-golden" "$b" "$root" build --format $formats -o "$tmp/$p-golden/out/" tests/golden/*.goal
    capture "$p-j4" "$b" "$root" build -j 4 --format json,csv -o "$tmp/$p-j4/out/" tests/golden/*.goal
    capture "$p-diff" "$b" "$root" diff examples/yuanjiang-health-2024.goal "$tmp/changed.goal"
    mkdir -p "$tmp/$p-fmt/out"
    cp examples/wangcheng-health-2023.goal "$tmp/$p-fmt/out/wangcheng.goal"
    capture "$p-fmt" "$b" "$tmp/$p-fmt/out" fmt -w wangcheng.goal
    capture "$p-fmtcheck-ok" "$b" "$tmp/fmtcheck" fmt --check formatted.goal
    capture "$p-fmtcheck-bad" "$b" "$tmp/fmtcheck" fmt --check unformatted.goal
    capture "$p-crlf" "$b" "$tmp/crlf" build --format $formats -o "$tmp/$p-crlf/out/" yuanjiang-crlf.goal
    capture "$p-gb" "$b" "$tmp/gb" build --encoding gb18030 --format $formats -o "$tmp/$p-gb/out/" \
        wangcheng-gb.goal
    # shellcheck disable=SC2086
    capture "$p-errors-en" "$b" "$root/tests/errors" check --lang en $error_inputs
    # shellcheck disable=SC2086
    capture "$p-errors-zh" "$b" "$root/tests/errors" check --lang zh $error_inputs
}

native_runs native "$native"
[ -s "$tmp/native-diff/stdout" ] && ok || no "native diff of a changed table printed nothing"
for run_name in examples golden j4 fmt crlf gb fmtcheck-ok; do
    [ "$(cat "$tmp/native-$run_name/status")" = 0 ] || no "native $run_name: status $(cat "$tmp/native-$run_name/status")"
done
[ ! -s "$tmp/native-fmtcheck-ok/stdout" ] && ok || no "native fmt --check of a formatted file printed something"
[ "$(cat "$tmp/native-fmtcheck-bad/status")" = 1 ] && head -n 1 "$tmp/native-fmtcheck-bad/stdout" |
    grep -q '^--- unformatted.goal' && ok || no "native fmt --check of an unformatted file: not status 1 and a diff"

# No build path in any file of the distribution.
for f in "$@"; do
    if python3 - "$f" "$root" <<'PY' >"$tmp/paths" 2>&1; then ok; else no "$(basename "$f") holds build paths: $(head -c 300 "$tmp/paths")"; fi
import base64, re, sys
path, root = sys.argv[1:]
data = open(path, "rb").read()
parts = [data]
if path.endswith(".html"):  # the WebAssembly the page carries, as base64
    parts += [base64.b64decode(m) for m in re.findall(rb"[A-Za-z0-9+/]{4096,}={0,2}", data)
              if len(m) % 4 == 0]
found = []
for needle in (root, "build/third-party"):
    for enc in ("utf-8", "utf-16-le"):
        n = needle.encode(enc)
        count = sum(p.count(n) for p in parts)
        if count:
            found.append("%s (%s) %d times" % (needle, enc, count))
            for p in parts:
                i = p.find(n)
                if i >= 0:
                    found.append(repr(p[i:i + 90]))
                    break
if len(parts) == 1 and path.endswith(".html"):
    found.append("no WebAssembly found in the page")
print("; ".join(found))
sys.exit(1 if found else 0)
PY
done

for b in "$@"; do
    b=$(lib_abs "$b")
    label=$(basename "$b")
    case $b in
    *.html) continue ;; # the page: make check-browser runs it
    *.exe)
        command -v wine >/dev/null 2>&1 || { no "$label: wine is not installed (make dist-deps)"; continue; }
        if [ ! -d "$WINEPREFIX" ]; then
            t0=$(date +%s)
            wine "$b" --version >/dev/null 2>&1
            echo "dist: wine prefix $WINEPREFIX made in $(($(date +%s) - t0)) s"
        fi
        wineserver -p 30 2>/dev/null && wine_started=true
        ;;
    *-linux-arm64)
        command -v qemu-aarch64 >/dev/null 2>&1 || { no "$label: qemu-aarch64 is not installed"; continue; }
        ;;
    esac
    t0=$(date +%s)
    version=$(run "$b" --version)
    [ "$version" = "goalc $(cat VERSION)" ] && ok || no "$label --version says \"$version\""
    native_runs dist "$b"
    # goalc.exe finds no diff program under wine: fmt --check says "not
    # formatted" instead of printing the diff (docs/fmt.md), the same status.
    case $b in
    *.exe) printf 'unformatted.goal: %s\n' "not formatted" >"$tmp/native-fmtcheck-bad/stdout.exe" ;;
    *) cp "$tmp/native-fmtcheck-bad/stdout" "$tmp/native-fmtcheck-bad/stdout.exe" ;;
    esac
    for run_name in examples golden j4 diff fmt fmtcheck-ok fmtcheck-bad crlf gb errors-en errors-zh; do
        same=true
        for part in status stdout stderr; do
            want=$tmp/native-$run_name/$part
            [ "$run_name$part" != fmtcheck-badstdout ] || want=$tmp/native-fmtcheck-bad/stdout.exe
            if ! cmp -s "$want" "$tmp/dist-$run_name/$part"; then
                no "$label, $run_name: $part differs from the native build's"
                diff -u "$want" "$tmp/dist-$run_name/$part" | head -n 20
                same=false
            fi
        done
        if ! diff -r "$tmp/native-$run_name/out" "$tmp/dist-$run_name/out" >"$tmp/diff" 2>&1; then
            no "$label, $run_name: outputs differ from the native build's"
            head -n 20 "$tmp/diff"
            same=false
        fi
        $same && ok
    done
    count=$(find "$tmp/dist-examples/out" "$tmp/dist-golden/out" -type f | wc -l)
    [ "$count" -ge 20 ] && ok || no "$label: only $count output files"

    # goalc lsp: one editor session (diagnostics, quick fix, hover, formatting),
    # answered as the native server answers it; the server exits 0.
    case $b in *.exe) runner=wine ;; *-linux-arm64) runner=qemu-aarch64 ;; *) runner= ;; esac
    # shellcheck disable=SC2086
    if python3 "$root/tests/lsp/same-session.py" "$native" "$b" $runner >"$tmp/lsp.out" 2>&1; then
        ok
    else
        no "$label: goalc lsp answers differently from the native build's"
        head -n 20 "$tmp/lsp.out"
    fi

    case $b in
    *.exe)
        # A Windows path: drive letter, backslashes, Chinese and a space.
        dir="$tmp/表格 目录"
        mkdir -p "$dir"
        cp examples/yuanjiang-health-2024.goal "$dir/沅江卫健.goal"
        wdir=$(winepath -w "$dir" 2>/dev/null)
        case $wdir in
        *'\'*) ok ;;
        *) no "winepath gave no Windows path for $dir: $wdir" ;;
        esac
        rm -rf "$tmp/win-out" "$tmp/win-native"
        (cd "$tmp" && wine "$b" build --format json,html,sqlite,xlsx -o "$wdir\\输出\\" "$wdir\\沅江卫健.goal" \
            >"$tmp/win.stdout" 2>"$tmp/win.stderr")
        st=$?
        "$native" build --format json,html,sqlite,xlsx -o "$tmp/win-native/" "$dir/沅江卫健.goal" 2>/dev/null
        [ "$st" = 0 ] && ok || no "$label on a Windows path: status $st: $(head -n 3 "$tmp/win.stderr")"
        # The same outputs, but for the input's path as given, which the JSON and the database record.
        cmp -s "$tmp/win-native/沅江卫健.html" "$dir/输出/沅江卫健.html" && ok ||
            no "$label: $dir/输出/沅江卫健.html differs or is missing"
        sqlite3 "$tmp/win-native/tables.db" .dump >"$tmp/win-native/tables.sql"
        sqlite3 "$dir/输出/tables.db" .dump >"$tmp/win-native/tables-win.sql"
        if python3 - "$dir/沅江卫健.goal" "$wdir\\沅江卫健.goal" "$tmp/win-native" "$dir/输出" <<'PY'; then ok; else no "$label: the JSON or the database of a Windows path differ from the native build's"; fi
import json, sys, zipfile
unix, win, native, out = sys.argv[1:]
def text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()
esc = lambda s: json.dumps(s, ensure_ascii=False)[1:-1]
ok = text(f"{native}/沅江卫健.json").replace(esc(unix), esc(win)) == text(f"{out}/沅江卫健.json")
sql = lambda s: s.replace("'", "''")
ok &= text(f"{native}/tables.sql").replace(sql(unix), sql(win)) == text(f"{native}/tables-win.sql")
ok &= zipfile.ZipFile(f"{out}/tables.xlsx").testzip() is None
sys.exit(0 if ok else 1)
PY
        has "$tmp/win.stderr" '沅江卫健.goal:70:' "the warnings name the file by its Windows path"

        # %TEMP% under a Chinese name (a Chinese user name): libxlsxwriter's
        # narrow fopen still finds its scratch files (the 8.3 form).
        mkdir -p "$tmp/临时 文件" "$tmp/temp-win" "$tmp/temp-native"
        wtemp=$(winepath -w "$tmp/临时 文件" 2>/dev/null)
        TMP=$wtemp TEMP=$wtemp wine "$b" build --format xlsx -o "$tmp/temp-win/" \
            "$root/examples/yuanjiang-health-2024.goal" 2>/dev/null
        "$native" build --format xlsx -o "$tmp/temp-native/" "$root/examples/yuanjiang-health-2024.goal" \
            2>/dev/null
        cmp -s "$tmp/temp-native/tables.xlsx" "$tmp/temp-win/tables.xlsx" && ok ||
            no "$label: the workbook with %TEMP% at $wtemp differs or is missing"

        # Chinese diagnostics on a console.
        if command -v script >/dev/null 2>&1; then
            printf '表 "x" {\n' >"$tmp/坏.goal"
            (cd "$tmp" && "$native" check --lang zh 坏.goal 2>"$tmp/console.want")
            (cd "$tmp" && script -qec "stty cols 4000; wine '$b' check --lang zh 坏.goal" /dev/null \
                >"$tmp/console.raw" </dev/null)
            esc=$(printf '\033')
            has "$tmp/console.raw" "$esc\[1;31m" "colours: goalc.exe saw a console (GetConsoleMode), so wrote with WriteConsoleW"
            sed "s/$esc\[[0-9;?]*[a-zA-Z]//g" "$tmp/console.raw" | tr -d '\r' >"$tmp/console.got"
            if cmp -s "$tmp/console.want" "$tmp/console.got"; then
                ok
            else
                no "$label: the Chinese diagnostics on the console differ from the native build's"
                diff -u "$tmp/console.want" "$tmp/console.got" | head -n 20
            fi
        else
            no "script(1) (bsdutils) is missing: no console test"
        fi

        # Ctrl-C on the console while outputs are half written: the CSV
        # files' temporaries are open while goalc reads standard input (a
        # FIFO nobody writes to yet); ^C typed on the console (script(1)'s
        # terminal, which wine makes a Windows console) runs goalc's console
        # handler, which removes them and exits 130.
        rm -rf "$tmp/ctrl-c" && mkdir -p "$tmp/ctrl-c/out"
        cp examples/yuanjiang-health-2024.goal "$tmp/ctrl-c/t.goal"
        mkfifo "$tmp/ctrl-c/fifo"
        (
            cd "$tmp/ctrl-c" || exit 2
            (
                n=0
                while [ $n -lt 600 ] && [ -z "$(ls -A out)" ]; do sleep 0.1; n=$((n + 1)); done
                ls -A out >temporaries
                sleep 0.5
                printf '\003'
                n=0
                while [ $n -lt 100 ] && ! grep -q 'status' console 2>/dev/null; do sleep 0.1; n=$((n + 1)); done
            ) | script -qec "wine '$b' build --format csv -o out/ t.goal - <fifo; echo status \$?" /dev/null \
                >console 2>&1 &
            exec 3>fifo # goalc's open of the FIFO returns; its read then waits
            wait $!
            exec 3>&-
        )
        [ -s "$tmp/ctrl-c/temporaries" ] && ok || no "$label, Ctrl-C: no temporary file appeared"
        tr -d '\r' <"$tmp/ctrl-c/console" | grep -q 'status 130$' && ok ||
            no "$label, Ctrl-C: not exit status 130 ($(tr -d '\r' <"$tmp/ctrl-c/console" | tail -n 1))"
        [ -z "$(ls -A "$tmp/ctrl-c/out")" ] && ok ||
            no "$label, Ctrl-C on the console left behind: $(ls -A "$tmp/ctrl-c/out" | tr '\n' ' ')"
        ;;
    esac
    echo "dist: $label checked in $(($(date +%s) - t0)) s"
done
echo "dist: $(($(date +%s) - start)) s in all"
lib_summary dist
