#!/bin/sh
# tests/browser/run-web.sh GOALC PAGE OUTDIR - the web page (make web) in a
# real browser: headless Chromium (the system's /usr/bin/chromium, driven
# by puppeteer-core from web/package-lock.json; nothing downloads a
# browser) opens PAGE from file:// and web.mjs types a table with an error,
# checks the diagnostic's line, applies its quick fix, sees the preview,
# downloads JSON and XLSX and compares every format with GOALC's own
# output byte for byte; check_web_xlsx.py opens the workbook with
# openpyxl.  Screenshots: OUTDIR/web-*.png.  Part of `make check-browser`.
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 GOALC PAGE OUTDIR" >&2
    exit 2
fi
goalc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
page=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
out=$3
here=$(cd "$(dirname "$0")" && pwd)
sh scripts/install-deps.sh browser || exit 1
sh scripts/install-deps.sh xlsx || exit 1
rm -rf "$out"
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)
node_dir=$(pwd)/${BUILD:-build}/web-node
[ -d "$node_dir/node_modules/puppeteer-core" ] || {
    echo "FAIL: $node_dir/node_modules has no puppeteer-core (make web runs npm ci there)"
    exit 1
}
started=$(date +%s%N)
GOALC_NODE_MODULES=$node_dir node "$here/web.mjs" "$goalc" "$page" "$out" "$here/web-table.goal"
status=$?
if [ $status -eq 0 ]; then
    py=python3
    python3 -c 'import openpyxl' >/dev/null 2>&1 || py=/usr/bin/python3
    "$py" "$here/check_web_xlsx.py" "$out/downloads/tables.xlsx" || status=1
fi
echo "web page in the browser: $(( ($(date +%s%N) - started) / 1000000 )) ms"
[ $status -eq 0 ] && echo "web page: all checks passed" || echo "web page: FAILED"
exit $status
