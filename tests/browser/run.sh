#!/bin/sh
# tests/browser/run.sh GOALC OUTDIR - the HTML back end in a real browser.
#
# For each example (and the hostile-names case), renders goalc's HTML with
# headless Chromium and checks
#   - the DOM Chromium built (--dump-dom): forms, indicator rows, 不适用 rows
#     and the 一级/二级 cells (one a row, none spanning rows), against the JSON
#     (check_dom.py); no element came from the source text;
#   - the PDF Chromium printed (--print-to-pdf): A4 pages, the indicator
#     header on every page with indicators, every indicator whole on one
#     page (no row split) with its 一级 and 二级 names printed on that page
#     (check_pdf.py, with pdftotext), and the number of pages where it is
#     known (pages() below: the second seed prints on 3), and no tofu (a
#     character no installed font has);
#   - a 自评表 (a table with a self-evaluation, docs/html.md): printed with
#     its 绩效自评表 title and its chart, whose numbers ("9.8 / 10") are text
#     in the PDF, on every one; the example's three print on 3 A4 pages;
# and saves OUTDIR/NAME.png (a screenshot) and OUTDIR/NAME.pdf for people
# to look at.  Installs chromium, fonts-noto-cjk and poppler-utils when
# missing (scripts/install-deps.sh browser).  Not part of `make check`:
# `make check-browser` runs it.
set -u
if [ $# -ne 2 ]; then
    echo "usage: $0 GOALC OUTDIR" >&2
    exit 2
fi
goalc=$1 out=$2
here=$(dirname "$0")
sh scripts/install-deps.sh browser || exit 1
mkdir -p "$out" || exit 2
profile=$(mktemp -d "${TMPDIR:-/tmp}/goalc-chromium.XXXXXX") || exit 2
trap 'rm -rf "$profile"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL: $*"; fail=$((fail + 1)); }

# One Chromium run; no network, no first-run work, a throw-away profile.
chrome() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-default-apps --mute-audio --user-data-dir="$profile" "$@" 2>"$out/chromium.log"
}

# The pages a table prints on, where the test pins it: the second seed on 3
# (4 when a 一级 group was kept whole), the 60 indicators of long.goal on 3.
pages() {
    case $1 in
    wangcheng-health-2023 | long) echo 3 ;;
    wide) echo 1 ;;
    shifan-minzheng-selfeval-2024) echo 3 ;;
    yuanjiang-health-2024) echo 4 ;;
    esac
}

for src in examples/*.goal tests/golden/hostile.goal "$here/long.goal" "$here/wide.goal"; do
    name=$(basename "$src" .goal)
    if ! "$goalc" build --format json,html -o "$out" "$src"; then
        no "$src does not compile"
        continue
    fi
    page="file://$(cd "$out" && pwd)/$name.html"
    if chrome --dump-dom "$page" >"$out/$name.dom.html" && [ -s "$out/$name.dom.html" ]; then
        if python3 "$here/check_dom.py" "$out/$name.json" "$out/$name.dom.html"; then ok; else
            no "$name: the DOM does not match the JSON"; fi
        # Source text never becomes an element: the DOM has no script, comment or extra heading.
        if grep -q -i -e '<script' -e '<!--' "$out/$name.dom.html"; then
            no "$name: the DOM has a script element or a comment"
        else ok; fi
    else
        no "$name: chromium --dump-dom failed (see $out/chromium.log)"
    fi
    if chrome --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "$page" >/dev/null &&
        [ -s "$out/$name.pdf" ]; then
        if python3 "$here/check_pdf.py" "$out/$name.json" "$out/$name.pdf" $(pages "$name"); then ok; else
            no "$name: the printed PDF does not match the JSON"; fi
    else
        no "$name: chromium --print-to-pdf failed (see $out/chromium.log)"
    fi
    # Every 自评表 printed with its title and its chart, the chart's numbers as text.
    forms=$(grep -c 'class="form [a-z]* selfeval"' "$out/$name.html")
    if [ "$forms" -gt 0 ] && pdftotext "$out/$name.pdf" "$out/$name.txt"; then
        titles=$(grep -o '支出绩效自评表' "$out/$name.txt" | wc -l)
        captions=$(grep -o '得分与分值（按一级指标）' "$out/$name.txt" | wc -l)
        numbers=$(grep -Eo '[0-9.—]+ / [0-9.]+' "$out/$name.txt" | wc -l)
        if [ "$titles" -eq "$forms" ] && [ "$captions" -eq "$forms" ] && [ "$numbers" -ge "$forms" ]; then
            ok
        else
            no "$name: $forms 自评表 but $titles titles, $captions charts, $numbers chart numbers in the PDF"
        fi
    fi
    # A form with every column prints landscape, the others portrait.
    case $name in wide) want="841.9. x 594.9. pts" ;; *) want="594.9. x 841.9. pts" ;; esac
    if pdfinfo "$out/$name.pdf" 2>/dev/null | grep -q "^Page size: *$want"; then ok; else
        no "$name: its pages are not $want"; fi
    if chrome --hide-scrollbars --window-size=1000,3000 --screenshot="$out/$name.png" "$page" \
        >/dev/null && [ -s "$out/$name.png" ]; then
        ok
        echo "screenshot: $out/$name.png"
    else
        no "$name: chromium --screenshot failed (see $out/chromium.log)"
    fi
done
# goalc build --format pdf prints through the same browser: the second seed
# on 3 A4 pages, every indicator whole on one (check_pdf.py reads it with
# pdftotext), written whole.
if "$goalc" build -w --format pdf -o "$out/goalc-pdf/" examples/wangcheng-health-2023.goal &&
    python3 "$here/check_pdf.py" "$out/wangcheng-health-2023.json" \
        "$out/goalc-pdf/wangcheng-health-2023.pdf" 3; then ok; else
    no "goalc build --format pdf: the PDF does not match the JSON"; fi
[ -z "$(ls -A "$out/goalc-pdf" | grep -v '\.pdf$')" ] && ok || no "--format pdf left files behind"

# The W3C's Nu Html Checker, stricter than tidy, when Java is here (the
# checker itself comes from npm, pinned, into OUTDIR).
vnu=$out/vnu/node_modules/vnu-jar/build/dist/vnu.jar
if command -v java >/dev/null 2>&1; then
    if [ ! -f "$vnu" ] && command -v npm >/dev/null 2>&1; then
        npm install --prefix "$out/vnu" --no-audit --no-fund --silent vnu-jar@26.9.27 >/dev/null 2>&1
    fi
    if [ -f "$vnu" ]; then
        set --
        for src in examples/*.goal tests/golden/hostile.goal tests/golden/forms.goal; do
            "$goalc" build --format html -o "$out" "$src" && set -- "$@" "$out/$(basename "$src" .goal).html"
        done
        if java -jar "$vnu" --also-check-css "$@"; then
            ok
            echo "vnu: $# pages valid"
        else
            no "the Nu Html Checker finds errors (above)"
        fi
    else
        echo "skipped: the Nu Html Checker (npm install vnu-jar failed)"
    fi
else
    echo "skipped: the Nu Html Checker (no java)"
fi

echo "browser: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
