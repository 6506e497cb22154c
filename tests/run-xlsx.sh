#!/bin/sh
# run-xlsx.sh GOALC - the XLSX back end (docs/xlsx.md).
#
#   - openpyxl reads back the workbook of the examples, and of each golden
#     case, and finds what the CSV, the JSON and the HTML of the same inputs
#     hold (tests/xlsx/check.py): the sheets indicators and funds cell for
#     cell, numbers as numbers equal as decimals with their decimals'
#     format; the form sheets the HTML's texts in order, merged cells, A4,
#     one page wide, header rows repeated;
#   - hostile text stays text: nothing in any sheet is a formula;
#   - a decimal of more than 15 significant digits is text, exactly;
#   - the same inputs give the same bytes: twice, with -j 2, in Chinese;
#   - -o FILE, -o DIR/, an existing directory, with other formats; no -o
#     refused, -o x.xlsx with other formats refused;
#   - an input with errors, a failing write and a full device leave no
#     workbook and no temporary file, and an old workbook untouched;
#   - make demo writes DEMO_OUT/tables.xlsx.
# Needs python3 with openpyxl (scripts/install-deps.sh xlsx).
set -u
. "$(dirname "$0")/lib.sh"
lib_usage $#
goalc=$(lib_abs "$1")
root=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$root" || exit 2
py=python3
python3 -c 'import openpyxl' >/dev/null 2>&1 || py=/usr/bin/python3
if ! $py -c 'import openpyxl' >/dev/null 2>&1; then
    echo "run-xlsx: openpyxl is missing (sh scripts/install-deps.sh xlsx)" >&2
    exit 1
fi
lib_tmpdir xlsx
book=$tmp/tables.xlsx

# check NAME INPUT...: the workbook of the inputs against their CSV, JSON and HTML.
check() {
    name=$1
    shift
    "$goalc" build -w --format xlsx -o "$tmp/$name.xlsx" "$@" 2>"$tmp/stderr" ||
        { no "$name: build --format xlsx fails"; sed 's/^/    /' "$tmp/stderr" | head -5; return; }
    "$goalc" build -w --format csv -o "$tmp/$name.csv/" "$@" || no "$name: no CSV"
    pages="" jsons=""
    for f in "$@"; do
        b=$(basename "$f" .goal)
        "$goalc" build -w --format html -o "$tmp/$name-$b.html" "$f" || no "$f: no HTML"
        "$goalc" build -w -o "$tmp/$name-$b.json" "$f" || no "$f: no JSON"
        pages="$pages $tmp/$name-$b.html" jsons="$jsons $tmp/$name-$b.json"
    done
    [ "$name" = examples ] && examples_pages=$pages examples_jsons=$jsons
    # shellcheck disable=SC2086
    if $py tests/xlsx/check.py "$tmp/$name.xlsx" "$tmp/$name.csv" $pages -- $jsons >"$tmp/cmp" 2>&1
    then ok; else
        no "$name: the workbook differs from the other outputs"
        sed 's/^/    /' "$tmp/cmp" | head -20
    fi
}

# --- read back -----------------------------------------------------------------
expect 0 "build --format xlsx examples/*.goal" "$goalc" build -w --format xlsx -o "$book" examples/*.goal
[ -s "$tmp/stderr" ] && no "build: unexpected diagnostics" && cat "$tmp/stderr"
[ -s "$tmp/stdout" ] && no "build -o FILE wrote to standard output"
check examples examples/*.goal
for f in tests/golden/*.goal; do
    check "golden-$(basename "$f" .goal)" "$f"
done

# The checker is not blind: a workbook with one number off by 0.01, one
# number format wrong, or one merged range split fails it.
for tamper in value format unmerge; do
    $py - "$tmp/examples.xlsx" "$tmp/tampered-$tamper.xlsx" "$tamper" <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
how = sys.argv[3]
ws = wb[wb.sheetnames[0]]
if how == "unmerge":
    ws.unmerge_cells(str(sorted((r for r in ws.merged_cells.ranges if r.min_row < r.max_row and ws.cell(row=r.min_row, column=r.min_col).value), key=str)[0]))
else:
    sheet = wb["funds"] if how == "value" else ws
    cell = next(c for r in sheet.iter_rows(min_row=2) for c in r if isinstance(c.value, (int, float)))
    if how == "value":
        cell.value = cell.value + 0.01
    else:
        cell.number_format = "0.000"
wb.save(sys.argv[2])
EOF
    # shellcheck disable=SC2086
    if $py tests/xlsx/check.py "$tmp/tampered-$tamper.xlsx" "$tmp/examples.csv" $examples_pages -- $examples_jsons >/dev/null 2>&1
    then no "check.py passes a workbook with a $tamper tampered with"; else ok; fi
done

# --- text is text ------------------------------------------------------------------
# No cell of any sheet is a formula, whatever its text (hostile.goal's
# =HYPERLINK, +SUM, @x, -2+3), and no cell's XML is a formula either.
$py - "$tmp/golden-hostile.xlsx" >"$tmp/formulas" 2>&1 <<'EOF'
import sys, zipfile, openpyxl
book = sys.argv[1]
wb = openpyxl.load_workbook(book)
texts = set()
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f":
                print(f"{ws.title}!{c.coordinate}: a formula {c.value!r}")
            if isinstance(c.value, str):
                texts.add(c.value)
for want in ('=HYPERLINK("http://evil","x")', "+SUM(1,2)", "@x", "-2+3"):
    if want not in texts:
        print(f"{want!r} is not a cell's text")
with zipfile.ZipFile(book) as z:
    for n in z.namelist():
        if n.startswith("xl/worksheets/") and b"<f>" in z.read(n):
            print(f"{n} holds a formula")
EOF
[ ! -s "$tmp/formulas" ] && ok || { no "hostile text became formulas"; cat "$tmp/formulas"; }

# --- exact decimals beyond a double ---------------------------------------------------
cat >"$tmp/long.goal" <<'EOF'
部门 "长数" {
    年度 2024
    资金 1234567890123.4567 {
        按 收入性质 { 一般公共预算 1234567890123.4567 }
    }
    指标 {
        产出指标 {
            数量指标 {
                "覆盖率" ≥ 12.5%
            }
        }
        效益指标 { 社会效益指标 { "效果" 定性 "明显" } }
        满意度指标 { 服务对象满意度指标 { "满意度" ≥ 90% } }
    }
}
EOF
expect 0 "a 17-digit amount" "$goalc" build -w --format xlsx -o "$tmp/long.xlsx" "$tmp/long.goal"
$py - "$tmp/long.xlsx" >"$tmp/long" 2>&1 <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["funds"]
h = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2):
    v = row[h.index("amount")].value
    if v != "1234567890123.4567":
        print(f"funds: amount {v!r}, not the text 1234567890123.4567")
ws = wb["indicators"]
h = [c.value for c in ws[1]]
v = ws.cell(row=2, column=h.index("value") + 1)
if v.value != 12.5 or v.number_format != "0.0":
    print(f"indicators: value {v.value!r} {v.number_format!r}, not 12.5 as 0.0")
form = wb[wb.sheetnames[0]]
if not any(c.value == "1234567890123.4567" for r in form.iter_rows() for c in r):
    print("the form sheet lacks the amount as text")
EOF
[ ! -s "$tmp/long" ] && ok || { no "decimals beyond a double"; cat "$tmp/long"; }

# --- Excel's limits: refused, nothing written --------------------------------------------
$py -c "print('部门 \"长文\" {\n    职能 \"' + '长' * 40000 + '\"\n    资金 10 { 按 收入性质 { 一般公共预算 10 } }\n}')" >"$tmp/longtext.goal"
expect 2 "a text beyond 32767 characters" "$goalc" build -w --format xlsx -o "$tmp/longtext.xlsx" "$tmp/longtext.goal"
has "$tmp/stderr" "cannot build the workbook .*longtext.xlsx: libxlsxwriter says: String exceeds Excel's limit" \
    "a text beyond Excel's limit: message"
[ ! -e "$tmp/longtext.xlsx" ] && ok || no "a text beyond Excel's limit: a workbook was written"
LANG=zh_CN.UTF-8 expect 2 "a text beyond Excel's limit, in Chinese" "$goalc" --lang zh build -w --format xlsx -o "$tmp/longtext.xlsx" "$tmp/longtext.goal"
has "$tmp/stderr" "无法生成工作簿" "a text beyond Excel's limit: message in Chinese"

# --- sheet names ------------------------------------------------------------------------
cat >"$tmp/names.goal" <<'EOF'
部门 "a/b:c*d?e[f]g\\h 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十" {
    资金 10 { 按 收入性质 { 一般公共预算 10 } }
}
部门 "Funds" {
    资金 10 { 按 收入性质 { 一般公共预算 10 } }
}
部门 "funds" {
    资金 10 { 按 收入性质 { 一般公共预算 10 } }
}
EOF
expect 0 "awkward table names" "$goalc" build -w --format xlsx -o "$tmp/names.xlsx" "$tmp/names.goal"
[ "$($py -c 'import sys,openpyxl; print("|".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$tmp/names.xlsx")" = \
    "a_b_c_d_e_f_g_h 一二三四五六七八九十一二三四五|Funds (2)|funds (3)|indicators|funds|tables|categories|attributes|schedule|duties|declarations" ] && ok ||
    no "sheet names: $($py -c 'import sys,openpyxl; print(openpyxl.load_workbook(sys.argv[1]).sheetnames)' "$tmp/names.xlsx")"

# --- the same bytes --------------------------------------------------------------------
"$goalc" build -w --format xlsx -o "$tmp/again.xlsx" examples/*.goal
cmp -s "$book" "$tmp/again.xlsx" && ok || no "two builds give different workbooks"
"$goalc" build -w -j 2 --format xlsx -o "$tmp/j2.xlsx" examples/*.goal
cmp -s "$book" "$tmp/j2.xlsx" && ok || no "-j 2 gives a different workbook"
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$goalc" build -w --lang zh --format xlsx -o "$tmp/zh.xlsx" examples/*.goal
cmp -s "$book" "$tmp/zh.xlsx" && ok || no "--lang zh gives a different workbook"

# --- where it goes ---------------------------------------------------------------------
cd "$tmp" || exit 2
ex=$root/examples/yuanjiang-health-2024.goal
expect 0 "-o DIR/" "$goalc" build -w --format xlsx -o dir/ "$ex"
[ -s dir/tables.xlsx ] && ok || no "-o dir/ did not write dir/tables.xlsx"
mkdir exists
expect 0 "-o an existing directory" "$goalc" build -w --format xlsx -o exists "$ex"
cmp -s dir/tables.xlsx exists/tables.xlsx && ok || no "-o exists did not write exists/tables.xlsx"
expect 0 "with other formats" "$goalc" build -w --format json,sqlite,xlsx -o both/ "$ex"
for f in yuanjiang-health-2024.json tables.db tables.xlsx; do
    [ -s "both/$f" ] && ok || no "--format json,sqlite,xlsx -o both/: no both/$f"
done
cmp -s dir/tables.xlsx both/tables.xlsx && ok || no "with other formats: a different workbook"
expect 2 "-o x.xlsx with other formats" "$goalc" build -w --format json,xlsx -o x.xlsx "$ex"
has "$tmp/stderr" "with other formats, xlsx writes tables.xlsx into a directory; for the workbook alone" \
    "-o x.xlsx with other formats: message"
[ ! -e x.xlsx ] && ok || no "-o x.xlsx with other formats: x.xlsx was created"
: >plain.txt
expect 2 "-o a file with other formats" "$goalc" build -w --format md,xlsx -o plain.txt "$ex"
has "$tmp/stderr" "xlsx writes tables.xlsx into a directory, and plain.txt is not one" "-o a file: message"
[ ! -s plain.txt ] && ok || no "-o a file with other formats: plain.txt was written"
expect 2 "no -o" "$goalc" build -w --format xlsx "$ex"
has "$tmp/stderr" "xlsx writes a workbook file: give -o FILE" "no -o: message"
[ ! -s "$tmp/stdout" ] && ok || no "no -o: something was written to standard output"
expect 2 "-o -" "$goalc" build -w --format xlsx -o - "$ex"
LANG=zh_CN.UTF-8 expect 2 "no -o, in Chinese" "$goalc" --lang zh build -w --format xlsx "$ex"
has "$tmp/stderr" "xlsx 输出一个工作簿文件" "no -o: message in Chinese"

# --- atomic: nothing half-written, nothing left behind --------------------------------
mkdir atom scratch
printf '部门 "坏" { 资金 10 { 按 收入性质 { 一般公共预算 6 } } }\n' >bad.goal
TMPDIR=$tmp/scratch expect 1 "an input with errors" "$goalc" build -w --format xlsx -o atom/new.xlsx "$ex" bad.goal
[ -z "$(ls -A atom)" ] && ok || no "an input with errors: atom/ holds $(ls -A atom)"
[ -z "$(ls -A scratch)" ] && ok || no "an input with errors: a scratch file is left: $(ls -A scratch)"
cp "$book" atom/tables.xlsx
expect 1 "an input with errors, over an old workbook" "$goalc" build -w --format xlsx -o atom/tables.xlsx "$ex" bad.goal
cmp -s "$book" atom/tables.xlsx && ok || no "an input with errors: the old workbook was changed"
(trap '' XFSZ; ulimit -f 8 && TMPDIR=$tmp/scratch exec "$goalc" build -w --format xlsx -o atom/tables.xlsx "$root"/examples/*.goal) \
    >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
[ $st = 2 ] && ok || no "a failing write: exit $st, expected 2"
cmp -s "$book" atom/tables.xlsx && ok || no "a failing write: the old workbook was changed"
[ "$(ls -A atom)" = tables.xlsx ] && ok || no "a failing write: atom/ holds $(ls -A atom)"
[ -z "$(ls -A scratch)" ] && ok || no "a failing write: a scratch file is left: $(ls -A scratch)"
expect 2 "-o /dev/full" "$goalc" build -w --format xlsx -o /dev/full "$ex"
has "$tmp/stderr" "cannot write /dev/full: No space left on device" "-o /dev/full: message"
TMPDIR=$tmp/nowhere expect 2 "no scratch directory" "$goalc" build -w --format xlsx -o atom/t2.xlsx "$ex"
[ "$(ls -A atom)" = tables.xlsx ] && ok || no "no scratch directory: atom/ holds $(ls -A atom)"
cd "$root" || exit 2

# --- make demo -------------------------------------------------------------------------
if make -n -s --no-print-directory demo DEMO_OUT="$tmp/demo" GOALC="$goalc" >"$tmp/demo.all" 2>&1 &&
    grep -F "$tmp/demo" "$tmp/demo.all" >"$tmp/demo.sh" &&
    grep -q -- "--format [a-z,]*xlsx" "$tmp/demo.sh" &&
    sh "$tmp/demo.sh" >"$tmp/demo.out" 2>&1; then ok; else
    no "make demo fails"
    sed 's/^/    /' "$tmp/demo.out" | head -5
fi
cmp -s "$tmp/demo/tables.xlsx" "$book" && ok || no "make demo did not write DEMO_OUT/tables.xlsx of every example"

lib_summary xlsx
