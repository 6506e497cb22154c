#!/bin/sh
# run-office.sh GOALC OUTDIR - the examples' workbook in LibreOffice (make
# check-office, docs/xlsx.md): headless, it converts tables.xlsx
#
#   - to PDF: the text (pdftotext -raw, the cells in the order drawn) holds
#     the name of every indicator of the examples' JSON, and a font has
#     every character of it (no tofu: tests/browser/check_pdf.py's test);
#     each form sheet prints (at least as many pages as form sheets);
#   - to CSV, one file a sheet: LibreOffice's indicators and funds, cells
#     as shown (numbers with their number format), are goalc's CSV field
#     for field.
# Leaves OUTDIR/tables.xlsx, tables.pdf, tables.txt and the CSVs to look
# at.  Needs soffice, pdftotext and a CJK font (scripts/install-deps.sh office).
set -u
. "$(dirname "$0")/../lib.sh"
if [ $# -ne 2 ]; then
    echo "usage: $0 GOALC OUTDIR" >&2
    exit 2
fi
goalc=$(lib_abs "$1")
out=$(lib_abs "$2")
root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$root" || exit 2
for tool in soffice pdftotext; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "run-office: $tool is missing (sh scripts/install-deps.sh office)" >&2
        exit 1
    fi
done
py=python3
python3 -c 'import openpyxl' >/dev/null 2>&1 || py=/usr/bin/python3
lib_tmpdir office
rm -rf "$out"
mkdir -p "$out/json" "$out/csv" || exit 2

expect 0 "build --format xlsx examples/*.goal" "$goalc" build -w --format xlsx -o "$out/tables.xlsx" examples/*.goal
expect 0 "build --format csv examples/*.goal" "$goalc" build -w --format csv -o "$out/goalc-csv/" examples/*.goal
for f in examples/*.goal; do
    "$goalc" build -w -o "$out/json/$(basename "$f" .goal).json" "$f" || no "$f: no JSON"
done

# A profile of its own: no first-start dialogs, no clash with a running office.
office() {
    soffice --headless --norestore -env:UserInstallation="file://$tmp/profile" "$@" \
        >"$tmp/office.out" 2>&1
}
if office --convert-to pdf --outdir "$out" "$out/tables.xlsx" && [ -s "$out/tables.pdf" ]; then ok; else
    no "LibreOffice did not convert tables.xlsx to PDF"
    sed 's/^/    /' "$tmp/office.out" | head -5
fi
# Field separator, quote, UTF-8, first line, -, language, quote text, detect
# numbers, save as shown, formulas, keep spaces, every sheet (-1).
if office --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
    --outdir "$out/csv" "$out/tables.xlsx" && [ -s "$out/csv/tables-indicators.csv" ]; then ok; else
    no "LibreOffice did not convert tables.xlsx to CSV"
    sed 's/^/    /' "$tmp/office.out" | head -5
fi
pdftotext -raw "$out/tables.pdf" "$out/tables.txt" 2>/dev/null || no "pdftotext fails"

$py - "$out" >"$tmp/cmp" 2>&1 <<'EOF'
import csv, glob, os, re, subprocess, sys
sys.path.insert(0, "tests/xlsx")
sys.path.insert(0, "tests/browser")
import json
from check import json_tables, json_indicators
from check_pdf import tofu
out = sys.argv[1]
text = open(f"{out}/tables.txt", encoding="utf-8").read()
flat = re.sub(r"\s+", "", text)
names = []
for path in sorted(glob.glob(f"{out}/json/*.json")):
    with open(path, encoding="utf-8") as f:
        for t in json_tables(json.load(f)):
            names += [i["name"] for i in json_indicators(t)]
missing = [n for n in names if re.sub(r"\s+", "", n) not in flat]
for n in missing:
    print(f"the PDF lacks the indicator {n!r}")
if not names:
    print("no indicators in the JSON")
bad = tofu(text)
if bad:
    print("tofu: no installed font has " + " ".join("U+%04X" % ord(c) for c in bad))
pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", f"{out}/tables.pdf"],
            capture_output=True, text=True).stdout).group(1))
data = ("indicators", "funds", "tables", "categories", "attributes", "schedule", "duties",
        "declarations")  # the data and model sheets (docs/xlsx.md): no form
forms = [p for p in glob.glob(f"{out}/csv/tables-*.csv")
         if not p.endswith(tuple(f"-{n}.csv" for n in data))]
if pages < len(forms):
    print(f"{pages} pages for {len(forms)} form sheets")
for name in ("indicators", "funds"):
    with open(f"{out}/goalc-csv/{name}.csv", newline="", encoding="utf-8") as f:
        want = list(csv.reader(f))
    with open(f"{out}/csv/tables-{name}.csv", newline="", encoding="utf-8") as f:
        got = list(csv.reader(f))
    if len(got) != len(want):
        print(f"{name}: LibreOffice has {len(got)} rows, goalc's CSV {len(want)}")
    for r, (g, w) in enumerate(zip(got, want)):
        w = [x[1:] if len(x) > 1 and x[0] == "'" and x[1] in "=+-@\t\r" else x for x in w]
        g = (g + [""] * (len(w) - len(g)))[:len(w)]  # the workbook's own columns follow the CSV's
        if g != w:
            diff = [(want[0][c], g[c], w[c]) for c in range(len(w)) if g[c] != w[c]]
            print(f"{name} row {r + 1}: LibreOffice shows {diff[:3]}")
            break
print(f"{len(names)} indicators, {pages} pages", file=sys.stderr)
EOF
if [ -s "$tmp/cmp" ] && grep -qv "indicators, .* pages" "$tmp/cmp"; then
    no "LibreOffice's PDF and CSV differ from goalc's outputs"
    grep -v "indicators, .* pages" "$tmp/cmp" | sed 's/^/    /' | head -20
else
    ok
    sed 's/^/office: /' "$tmp/cmp"
fi
lib_summary office
