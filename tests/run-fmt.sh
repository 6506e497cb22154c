#!/bin/sh
# run-fmt.sh GOALC - goalc fmt over every error-free file in the repository.
#   For examples/*.goal, tests/golden/*.goal, stdlib/*.goal and each
#   tests/errors/*.goal whose .err holds warnings only:
#   1. fmt(x) compiles to the same JSON as x, locations and the "written"
#      text of targets aside (an "=" dropped makes comparator_form "none");
#   2. fmt(fmt(x)) = fmt(x), byte for byte;
#   3. fmt --check passes on fmt(x);
#   4. every '#' comment of x is still there.
#   Then: the golden pair tests/fmt/messy.goal -> messy.expected (and its
#   English-keyword twin), the same for tests/fmt/columns.goal (栏, 实施期指标,
#   进度), --check on a messy file (exit 1 and a diff), -w
#   in place, and -w leaving a file with a syntax error untouched.  Then
#   fmt --fill: on every error-free example the filled file compiles, is
#   canonical and is a fixed point; goal tables get nothing; a file with
#   errors is refused; W0801 for a score that cannot be computed.
set -u
. "$(dirname "$0")/lib.sh"
goalc=$1
lib_tmpdir fmt
made=""
lib_cleanup() { for f in $made; do rm -f "$f"; done; }

cat >"$tmp/strip.py" <<'PY'
import json, sys
def strip(v):
    if isinstance(v, dict):
        if v.get("comparator") == "eq" and v.get("comparator_form") == "prefix":
            v["comparator_form"] = "none"
        return {k: strip(x) for k, x in v.items() if k not in ("location", "written", "sources")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
json.dump(strip(json.load(open(sys.argv[1]))), sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
PY

bad() { echo "FAIL $*"; fail=$((fail + 1)); } # "FAIL x", not no's "FAIL: x"

# '#' comments outside strings, as the scanner sees them: count lines with one.
comments() { grep -c '^[^"“]*#' "$1" || true; }

files=$(ls examples/*.goal tests/golden/*.goal stdlib/*.goal)
for e in tests/errors/*.goal; do
    err="${e%.goal}.err"
    [ -e "$err" ] && ! grep -qE '(error|错误)\[' "$err" && files="$files $e"
done

for x in $files; do
    dir=$(dirname "$x")
    # Beside the original, so that 引用 resolves the same way; a dot file, so no glob sees it.
    f1="$dir/.fmt-test-$$-$(basename "$x")"
    made="$made $f1"
    if ! "$goalc" fmt "$x" >"$f1" 2>"$tmp/err"; then
        bad "$x: fmt failed"; cat "$tmp/err"; continue
    fi
    "$goalc" build --format json -o "$tmp/a.json" "$x" 2>/dev/null; sa=$?
    "$goalc" build --format json -o "$tmp/b.json" "$f1" 2>"$tmp/err"; sb=$?
    if [ "$sa" != "$sb" ]; then
        bad "$x: build exits $sa, of the formatted file $sb"; cat "$tmp/err"
    elif [ "$sa" = 0 ]; then
        python3 "$tmp/strip.py" "$tmp/a.json" >"$tmp/a.txt"
        python3 "$tmp/strip.py" "$tmp/b.json" >"$tmp/b.txt"
        if diff -u "$tmp/a.txt" "$tmp/b.txt" >"$tmp/d"; then ok; else
            bad "$x: the formatted file means something else"; head -40 "$tmp/d"; fi
    else
        ok
    fi
    if "$goalc" fmt "$f1" >"$tmp/f2" && cmp -s "$f1" "$tmp/f2"; then ok; else
        bad "$x: fmt is not idempotent"; diff -u "$f1" "$tmp/f2" | head -40; fi
    if "$goalc" fmt --check "$f1" >"$tmp/d"; then ok; else
        bad "$x: --check rejects the formatted file"; head -20 "$tmp/d"; fi
    if [ "$(comments "$x")" = "$(comments "$f1")" ]; then ok; else
        bad "$x: comments $(comments "$x") before, $(comments "$f1") after"; fi
    rm -f "$f1"
done

# Suffix words after units, numbers, dates and reserved words, glued, apart
# and doubled (issue 12: `"a" 3人以下以下` was formatted as `3 人以下 以下`,
# which does not parse).  Whatever parses formats to text that parses to
# the same JSON and formats to itself; what does not parse is not formatted.
suffix_cases=0
for s in 以上 及以上 以下 及以下 以内 前 之前 至; do
    for t in "3人$s" "3人$s$s" "3 人 $s" "3 人$s $s" "3$s" "3$s$s" "95%$s" "95%$s$s" \
        "3人$s 分值 10" "3 人 分值 10$s" "3 标准$s" "5 人 标准 \"x\"$s" "定性 \"好\" $s" \
        "2024-12-31$s" "2024-12-31$s$s" "3人$s至5人" "3人至5人$s" "3人次$s" "3元/人$s" "3$s人"; do
        suffix_cases=$((suffix_cases + 1))
        x="$tmp/suffix.goal"
        printf '部门 "x" {\n    指标 {\n        产出指标 {\n            数量指标 {\n                "a" %s\n            }\n        }\n    }\n}\n' "$t" >"$x"
        "$goalc" fmt "$x" >"$tmp/s1.goal" 2>/dev/null || continue
        if "$goalc" fmt "$tmp/s1.goal" >"$tmp/s2.goal" 2>"$tmp/err" && cmp -s "$tmp/s1.goal" "$tmp/s2.goal"; then :; else
            bad "fmt of \"a\" $t: not idempotent"; cat "$tmp/err"; diff -u "$tmp/s1.goal" "$tmp/s2.goal" | head; continue; fi
        "$goalc" build --format json -o "$tmp/a.json" "$x" 2>/dev/null; sa=$?
        "$goalc" build --format json -o "$tmp/b.json" "$tmp/s1.goal" 2>/dev/null; sb=$?
        if [ "$sa" != "$sb" ]; then bad "fmt of \"a\" $t: build exits $sa, of the formatted file $sb"; continue; fi
        [ "$sa" = 0 ] || continue
        python3 "$tmp/strip.py" "$tmp/a.json" >"$tmp/a.txt"
        python3 "$tmp/strip.py" "$tmp/b.json" >"$tmp/b.txt"
        diff -u "$tmp/a.txt" "$tmp/b.txt" >"$tmp/d" || { bad "fmt of \"a\" $t: means something else"; head -20 "$tmp/d"; }
    done
done
[ $suffix_cases = 160 ] && ok || bad "suffix words: $suffix_cases cases"

# The golden pair, in both keyword languages.
for k in zh en; do
    expected=tests/fmt/messy.expected
    [ $k = en ] && expected=tests/fmt/messy.en.expected
    if "$goalc" fmt --keywords $k tests/fmt/messy.goal >"$tmp/messy" 2>"$tmp/err" &&
        diff -u "$expected" "$tmp/messy"; then ok; else
        bad "tests/fmt/messy.goal --keywords $k: differs from $expected (above)"; cat "$tmp/err"; fi
done

# Issue 15's spellings and the duty table (tests/fmt/spellings.goal): month
# periods written out, ﹦ dropped, 履职 kept; both keyword languages, idempotent.
for k in zh en; do
    expected=tests/fmt/spellings.expected
    [ $k = en ] && expected=tests/fmt/spellings.en.expected
    if "$goalc" fmt --keywords $k tests/fmt/spellings.goal >"$tmp/spellings" 2>"$tmp/err" &&
        diff -u "$expected" "$tmp/spellings" &&
        "$goalc" fmt --check "$expected" >"$tmp/d"; then ok; else
        bad "tests/fmt/spellings.goal --keywords $k: differs from $expected (above)"; cat "$tmp/err"; fi
done
# Issue 15's constructs (栏, 实施期指标, 进度): kept, in order, canonical, and a fixed point.
for k in zh en; do
    expected=tests/fmt/columns.expected
    [ $k = en ] && expected=tests/fmt/columns.en.expected
    if "$goalc" fmt --keywords $k tests/fmt/columns.goal >"$tmp/columns" 2>"$tmp/err" &&
        diff -u "$expected" "$tmp/columns" && "$goalc" fmt --check "$expected" >/dev/null; then ok; else
        bad "tests/fmt/columns.goal --keywords $k: differs from $expected (above)"; cat "$tmp/err"; fi
done

# The file's own keyword language by default (docs/fmt.md): an English file
# stays English and passes --check, a Chinese one stays Chinese, --keywords
# forces one; a mixed file takes the language of most of its keywords, a tie
# (or no keyword at all) Chinese.
for f in tests/fmt/messy.expected tests/fmt/messy.en.expected; do
    if "$goalc" fmt "$f" >"$tmp/own" && cmp -s "$f" "$tmp/own" &&
        "$goalc" fmt --check "$f" >"$tmp/d"; then ok; else
        bad "fmt $f: not kept in its own keyword language"; diff -u "$f" "$tmp/own" | head -20; fi
done
if "$goalc" fmt --keywords zh tests/fmt/messy.en.expected | cmp -s - tests/fmt/messy.expected &&
    "$goalc" fmt --keywords en tests/fmt/messy.expected | cmp -s - tests/fmt/messy.en.expected; then ok; else
    bad "--keywords does not override the file's keyword language"; fi
printf 'department "甲" {\n    年度 2024\n    funds 1\n}\n' >"$tmp/mixed-en.goal"
printf 'department "甲" {\n    year 2024\n    funds 1\n}\n' >"$tmp/mixed-en.expected"
printf '部门 "甲" {\n    year 2024\n}\n' >"$tmp/mixed-tie.goal"
printf '部门 "甲" {\n    年度 2024\n}\n' >"$tmp/mixed-tie.expected"
printf '# no keyword\n' >"$tmp/none.goal"
printf '# no keyword\n' >"$tmp/none.expected"
for m in mixed-en mixed-tie none; do
    if "$goalc" fmt "$tmp/$m.goal" >"$tmp/$m.out" 2>&1 && diff -u "$tmp/$m.expected" "$tmp/$m.out"; then ok; else
        bad "fmt of $m.goal: not in the language of most of its keywords (above)"; fi
done

# --check on a file that is not formatted: exit 1 and a unified diff.
"$goalc" fmt --check tests/fmt/messy.goal >"$tmp/d" 2>&1; st=$?
if [ $st = 1 ] && grep -q '^@@' "$tmp/d" && grep -q '^+' "$tmp/d"; then ok; else
    bad "--check on messy.goal: exit $st"; head -20 "$tmp/d"; fi
"$goalc" fmt --check tests/fmt/messy.expected >"$tmp/d" 2>&1; st=$?
if [ $st = 0 ] && [ ! -s "$tmp/d" ]; then ok; else bad "--check on messy.expected: exit $st"; fi

# -w rewrites in place, and only a file that parses.
cp tests/fmt/messy.goal "$tmp/w.goal"
printf '部门 "坏" {\n    年度 2024\n    资金 万元 { 甲 }\n}\n' >"$tmp/broken.goal"
cp "$tmp/broken.goal" "$tmp/broken.orig"
"$goalc" fmt -w "$tmp/w.goal" "$tmp/broken.goal" >"$tmp/out" 2>"$tmp/err"; st=$?
if [ $st = 1 ] && cmp -s "$tmp/w.goal" tests/fmt/messy.expected && [ ! -s "$tmp/out" ]; then ok; else
    bad "-w: exit $st or the file was not rewritten"; fi
if cmp -s "$tmp/broken.goal" "$tmp/broken.orig" && grep -q 'error\[' "$tmp/err"; then ok; else
    bad "-w touched a file with a syntax error, or said nothing"; fi
"$goalc" fmt "$tmp/broken.goal" >"$tmp/out" 2>/dev/null; st=$?
if [ $st = 1 ] && [ ! -s "$tmp/out" ]; then ok; else bad "fmt of a broken file: exit $st"; fi

# --- fmt --fill (docs/fmt.md): the values goalc computes, written in ------------
# On every error-free file: the filled text compiles, is canonical (fmt
# --check passes) and filling it again changes nothing; a goal table (no
# 实际 anywhere) is filled with nothing: the text is plain fmt's.
fill_files=0
for x in examples/*.goal tests/golden/*.goal tests/diff/*.goal; do
    "$goalc" check "$x" >/dev/null 2>&1 || continue
    fill_files=$((fill_files + 1))
    f1="$(dirname "$x")/.fill-test-$$-$(basename "$x")"
    made="$made $f1"
    if ! "$goalc" fmt --fill "$x" >"$f1" 2>"$tmp/err"; then
        bad "$x: fmt --fill failed"; cat "$tmp/err"; rm -f "$f1"; continue
    fi
    "$goalc" check "$f1" >/dev/null 2>"$tmp/err" || { bad "$x: the filled file does not compile"; head -20 "$tmp/err"; }
    "$goalc" fmt --check "$f1" >"$tmp/d" 2>&1 || { bad "$x: the filled file is not canonical"; head -20 "$tmp/d"; }
    if "$goalc" fmt --fill "$f1" >"$tmp/f2" 2>/dev/null && cmp -s "$f1" "$tmp/f2"; then ok; else
        bad "$x: fmt --fill twice changes the file"; diff -u "$f1" "$tmp/f2" | head -20; fi
    if ! grep -qE '实际|actual' "$x"; then
        "$goalc" fmt "$x" >"$tmp/plain" 2>/dev/null
        if cmp -s "$f1" "$tmp/plain"; then ok; else bad "$x: fmt --fill wrote into a goal table"; diff -u "$tmp/plain" "$f1" | head -20; fi
    fi
    rm -f "$f1"
done
[ $fill_files -ge 10 ] && ok || bad "fmt --fill: only $fill_files files"

# A file with errors: the errors, exit 1, nothing printed or written, also with -w.
printf '部门 "坏" {\n    年度 2024\n    资金 万元 100 { 甲 60  乙 50 }\n}\n' >"$tmp/sum.goal"
cp "$tmp/sum.goal" "$tmp/sum.orig"
"$goalc" fmt --fill "$tmp/sum.goal" >"$tmp/out" 2>"$tmp/err"; st=$?
if [ $st = 1 ] && [ ! -s "$tmp/out" ] && grep -q 'error\[E02' "$tmp/err"; then ok; else
    bad "fmt --fill on a file whose sums are wrong: exit $st"; cat "$tmp/err"; fi
"$goalc" fmt --fill -w "$tmp/sum.goal" >"$tmp/out" 2>"$tmp/err"; st=$?
if [ $st = 1 ] && cmp -s "$tmp/sum.goal" "$tmp/sum.orig"; then ok; else
    bad "fmt --fill -w rewrote a file with errors (exit $st)"; fi
"$goalc" fmt --fill --check "$tmp/sum.goal" >"$tmp/out" 2>/dev/null; st=$?
[ $st = 1 ] && [ ! -s "$tmp/out" ] && ok || bad "fmt --fill --check on a file with errors: exit $st"
# (plain fmt, which only parses, still formats it)
"$goalc" fmt "$tmp/sum.goal" >/dev/null 2>&1 && ok || bad "plain fmt refused a file with a semantic error"

# A score goalc cannot compute (a qualitative 实际 other than 达成年度指标,
# line 8): none written, and W0801 once, at the row, in either language.
cat >"$tmp/band.goal" <<'EOF'
项目 "p" {
    部门 "d"
    资金 万元 100 调整后 100 执行 100 分值 10
    指标 分值 90 {
        产出指标 分值 60 {
            数量指标 {
                "培训人数" ≥ 100 人 分值 30 实际 120 人
                "培训效果" 定性 "明显" 分值 30 实际 "部分达成年度指标并具有一定效果"
            }
        }
        效益指标 分值 20 { 社会效益指标 { "覆盖面" ≥ 90% 分值 20 实际 95% } }
        满意度指标 分值 10 { 服务对象满意度指标 { "满意度" ≥ 90% 分值 10 实际 93% } }
    }
}
部门 "d" {}
EOF
"$goalc" fmt --fill --lang en "$tmp/band.goal" >"$tmp/out" 2>"$tmp/err"; st=$?
if [ $st = 0 ] && [ "$(grep -c 'band.goal:8:[0-9]*: warning\[W0801\]' "$tmp/err")" = 1 ] &&
    grep -q '"培训效果"' "$tmp/err"; then ok; else bad "W0801 not once at line 8 (exit $st)"; cat "$tmp/err"; fi
if grep -A1 '"培训效果"' "$tmp/out" | grep -q '得分'; then bad "a score was filled for 培训效果"; cat "$tmp/out"; else ok; fi
"$goalc" fmt --fill --lang zh "$tmp/band.goal" 2>"$tmp/err" >/dev/null
grep -q '警告\[W0801\]: 无法根据实际值计算“培训效果”的得分' "$tmp/err" && ok || { bad "W0801 in Chinese"; cat "$tmp/err"; }
"$goalc" fmt --fill -Wno-fill-not-computable "$tmp/band.goal" 2>"$tmp/err" >/dev/null
grep -q W0801 "$tmp/err" && bad "-Wno-fill-not-computable did not silence W0801" || ok
# The issue's self-evaluation, every value written: --fill --check passes.
"$goalc" fmt --fill --check tests/diff/selfeval.goal >"$tmp/d" 2>/dev/null && ok ||
    { bad "fmt --fill --check on a self-evaluation written whole"; head -20 "$tmp/d"; }

# The values themselves (tests/fmt/selfeval-fill.goal → .expected: the
# issue's scores, 19.2, 9.75, 88.95, 良) need the scoring pass (sema_score);
# a build without it fills nothing, and says so here rather than failing.
printf '项目 "p" {\n    部门 "d"\n    资金 100 调整后 100 执行 50 执行率 90%%\n}\n部门 "d" {}\n' >"$tmp/rate.goal"
if "$goalc" check "$tmp/rate.goal" >/dev/null 2>&1; then
    echo "SKIP fmt --fill values: this goalc computes no scores (a wrong 执行率 is no error)"
else
    "$goalc" fmt --fill tests/fmt/selfeval-fill.goal >"$tmp/filled" 2>"$tmp/err"
    if diff -u tests/fmt/selfeval-fill.expected "$tmp/filled"; then ok; else
        bad "fmt --fill tests/fmt/selfeval-fill.goal differs from its .expected (above)"; fi
    "$goalc" fmt --fill tests/fmt/selfeval-fill.expected 2>/dev/null | cmp -s - tests/fmt/selfeval-fill.expected &&
        ok || bad "fmt --fill on selfeval-fill.expected changes it"
    grep -q W0801 "$tmp/err" && { bad "W0801 where every score is computed or written"; cat "$tmp/err"; } || ok
fi

lib_summary fmt
