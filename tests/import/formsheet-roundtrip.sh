#!/bin/sh
# formsheet-roundtrip.sh GOALC PYTHON - goalc's own form sheets read as
# official forms (docs/import.md, "goalc's own forms read as official
# forms"), for every tests/golden/*.goal and examples/*.goal, found by glob
# (a new golden file is covered without editing this test): build --format
# xlsx, delete the data and model sheets (openpyxl), import what is left;
# the import succeeds, says no W0030 (no cell goalc printed is left unread),
# the file compiles, and its model equals the original's on every field a
# form carries (formsheet-compare.py prints each field that differs, with
# both values).  Then goalc's workbook with its form sheets edited where that
# reading reaches (an 上级 split written as text, 履职, 进度): each edit a
# W0034, as formsheet-edited.err says.  PYTHON must have openpyxl.
set -u
goalc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
py=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for f in tests/golden/*.goal examples/*.goal tests/import/formsheet-*.goal; do
    n=$(basename "$f" .goal)
    d="$tmp/$(basename "$(dirname "$f")")-$n"
    mkdir -p "$d"
    if ! "$goalc" build --json-locations none -o "$d/orig.json" "$f" >/dev/null 2>&1 ||
        ! "$goalc" build --format xlsx -o "$d/all.xlsx" "$f" >/dev/null 2>&1; then
        echo "FAIL: $f: does not build"; fail=1; continue
    fi
    "$py" - "$d/all.xlsx" "$d/forms.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for name in ("indicators", "funds", "tables", "categories", "attributes", "schedule",
             "duties", "declarations"):
    if name in wb.sheetnames:
        del wb[name]
wb.save(sys.argv[2])
PY
    if ! "$goalc" --lang en import "$d/forms.xlsx" -o "$d/back.goal" 2>"$d/import.err"; then
        echo "FAIL: $f: its form sheets do not import"; cat "$d/import.err"; fail=1; continue
    fi
    # a category or unit of the user's own (extend-stdlib.goal): declared, W0037, exactly
    if [ "$f" = tests/golden/extend-stdlib.goal ]; then
        for lang in en zh; do
            exp=$here/formsheet-declared.err
            [ "$lang" = zh ] && exp=$here/formsheet-declared.zh.err
            "$goalc" --lang "$lang" import "$d/forms.xlsx" 2>&1 >/dev/null |
                sed "s|$d/|TMP/|g" >"$d/declared.err"
            if [ -n "${GOLDEN_UPDATE:-}" ]; then
                cp "$d/declared.err" "$exp"
            elif ! diff -u "$exp" "$d/declared.err"; then
                echo "FAIL: $f: the W0037 of its form sheets differ from $exp"; fail=1
            fi
        done
    fi
    if grep 'W0030' "$d/import.err"; then
        echo "FAIL: $f: a cell of goalc's own form sheets is not imported (W0030 above)"; fail=1
    fi
    if ! "$goalc" check "$d/back.goal" >/dev/null 2>"$d/check.err"; then
        echo "FAIL: $f: the file imported from its form sheets does not compile"
        cat "$d/check.err"; fail=1; continue
    fi
    (cd "$d" && "$goalc" build --json-locations none -o back.json back.goal >/dev/null 2>&1)
    if ! "$py" "$here/formsheet-compare.py" "$d/orig.json" "$d/back.json" >"$d/diff"; then
        echo "FAIL: $f: imported from its form sheets, the model differs on what the form carries:"
        cat "$d/diff"; fail=1
    fi
done
# goalc's workbook with its data sheets and its form sheets edited where the
# official reading above now reaches (import_formcheck.c): an 上级 split written
# as text, a fund line deleted, a 履职 amount and a renamed 项目, a 进度 date, a
# 二级's 分值; each a W0034, exactly.
e="$tmp/edited"
mkdir -p "$e"
for src in tests/golden/filed.goal tests/golden/duties-health.goal tests/golden/columns-forms.goal \
    tests/import/formsheet-points.goal; do
    "$goalc" build --format xlsx -o "$e/$(basename "$src" .goal).xlsx" "$src" >/dev/null 2>&1
done
"$py" - "$e" <<'PY'
import sys, openpyxl
d = sys.argv[1]
for name, sheet, edits in (
        ("filed", "基本公共卫生服务", {"D3": "中央90、省20"}),
        ("filed", "示例市卫生健康局", {"B6": None, "C6": None}),
        ("duties-health", "某县卫生健康局", {"D11": 55, "C12": "卫生应急建设"}),
        ("columns-forms", "乡村医生培训", {"C22": "2024年7月31日"})):
    wb = openpyxl.load_workbook("%s/%s.xlsx" % (d, name))
    for cell, value in edits.items():
        wb[sheet][cell] = value
    wb.save("%s/%s.xlsx" % (d, name))
wb = openpyxl.load_workbook("%s/formsheet-points.xlsx" % d)  # a 二级's 分值 30 made 35
for row in wb["乡镇卫生院建设"].iter_rows():
    for c in row:
        if isinstance(c.value, str) and c.value.startswith("社会效益指标\n分值 30"):
            c.value = c.value.replace("分值 30", "分值 35")
wb.save("%s/formsheet-points.xlsx" % d)
PY
for n in filed duties-health columns-forms formsheet-points; do
    "$goalc" --lang en import "$e/$n.xlsx" 2>&1 >/dev/null | grep 'W0034' | sed "s|$e/||"
done >"$e/edited.err"
if [ -n "${GOLDEN_UPDATE:-}" ]; then
    cp "$e/edited.err" "$here/formsheet-edited.err"
elif ! diff -u "$here/formsheet-edited.err" "$e/edited.err"; then
    echo "FAIL: the form sheets edited (上级 split, 履职, 进度) are not reported as formsheet-edited.err says"
    fail=1
fi

[ "$fail" -eq 0 ] && echo "formsheet: every golden file's and example's form sheets import as official forms"
[ "$fail" -eq 0 ]
