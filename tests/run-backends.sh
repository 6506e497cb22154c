#!/bin/sh
# run-backends.sh GOALC - the CSV, HTML and Markdown back ends.
#
# For each examples/NAME.goal and each case below (tests/golden/NAME.goal):
#   - golden files: the HTML, the Markdown and the two CSV files are
#     compared with tests/golden/[examples/]NAME.html, .md,
#     .indicators.csv, .funds.csv (GOLDEN_UPDATE=1 rewrites them; review
#     the diff);
#   - the HTML passes `tidy -errors -q`, and its indicator rows and 一级/二级
#     cells (one a row) match the JSON (tests/browser/check_dom.py);
#   - the Markdown, rendered by cmark-gfm (GitHub's own GFM renderer), has
#     only the elements goalc writes, and every indicator's cells read back
#     as the source text;
#   - the CSV, read back with Python's csv module, holds exactly the JSON's
#     indicators and fund lines, value for value, with formula-like cells
#     neutralised; --excel gives the same rows with a BOM and CRLF.
# Then: hostile names are escaped (HTML, Markdown) and neutralised (CSV);
# several inputs share one pair of CSV files; csv needs -o; a failed
# compile writes nothing and leaves earlier outputs untouched; output is
# byte-identical across runs and locales.  Needs python3, tidy and
# cmark-gfm (scripts/install-deps.sh backends).
set -u
. "$(dirname "$0")/lib.sh"
lib_usage $#
goalc=$(lib_abs "$1")
root=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$root" || exit 2
for tool in python3 tidy cmark-gfm; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "run-backends: $tool is missing (sh scripts/install-deps.sh backends)" >&2
        exit 1
    fi
done

cases="tests/golden/forms.goal tests/golden/hostile.goal tests/golden/filed.goal tests/golden/selfeval-phases.goal tests/golden/duties-health.goal tests/golden/columns-forms.goal tests/golden/columns-selfeval.goal"
# The names branch (issue 15): rows without a target, category spellings.
cases="$cases $(echo tests/golden/names-*.goal)"
cases="$cases tests/golden/quantities-units.goal tests/golden/quantities-relations.goal"
# Cases whose goldens are the CSV and Markdown only: a self-evaluation's
# money in every phase (docs/csv.md, docs/html.md); its HTML is checked for
# tidiness and against the JSON like every other, not kept as a golden.
no_html_golden="tests/golden/selfeval-phases.goal"
lib_tmpdir backends

# golden EXPECTED ACTUAL
golden() {
    [ "${GOLDEN_UPDATE:-}" = 1 ] && cp "$2" "$1"
    if [ ! -f "$1" ]; then
        no "$1 is missing (make golden-update)"
    elif diff -u "$1" "$2"; then
        ok
    else
        no "output differs from $1 (above)"
    fi
}

: >"$tmp/list"
n=0
for src in examples/*.goal $cases; do
    n=$((n + 1))
    name=$(basename "$src" .goal)
    case $src in examples/*) expect=tests/golden/examples/$name ;; *) expect=${src%.goal} ;; esac
    out=$tmp/$n
    # -w: the warnings are run-golden.sh's business (NAME.diag)
    if ! "$goalc" build -w --format json,csv,html,md -o "$out/" "$src" 2>"$tmp/err" ||
        ! "$goalc" build -w --format csv --excel -o "$out/excel" "$src" 2>>"$tmp/err"; then
        no "$src does not compile"
        cat "$tmp/err"
        continue
    fi
    [ -s "$tmp/err" ] && { no "$src: unexpected diagnostics"; cat "$tmp/err"; }
    case " $no_html_golden " in
    *" $src "*) ;;
    *) golden "$expect.html" "$out/$name.html" ;;
    esac
    golden "$expect.md" "$out/$name.md"
    golden "$expect.indicators.csv" "$out/indicators.csv"
    golden "$expect.funds.csv" "$out/funds.csv"
    if tidy -errors -q "$out/$name.html" 2>"$tmp/tidy"; then ok; else
        no "$src: tidy finds errors in the HTML"
        sed 's/^/    /' "$tmp/tidy" | head -10
    fi
    if python3 tests/browser/check_dom.py "$out/$name.json" "$out/$name.html" >"$tmp/dom" 2>&1; then
        ok
    else
        no "$src: the HTML's indicator table does not match the JSON"
        sed 's/^/    /' "$tmp/dom" | head -10
    fi
    if cmark-gfm -e table -e strikethrough -e tagfilter --unsafe "$out/$name.md" \
        >"$out/$name.md.html"; then ok; else no "$src: cmark-gfm fails on the Markdown"; fi
    printf '%s\t%s\t%s\n' "$src" "$out" "$name" >>"$tmp/list"
done

# Reading the outputs back: CSV against JSON, rendered Markdown against JSON,
# and what hostile names turn into.
python3 - "$tmp/list" >"$tmp/py" 2>&1 <<'EOF'
import csv
import io
from decimal import Decimal
import json
import re
import sys
from html.parser import HTMLParser

failures = 0
checks = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL " + msg)


def check(cond, msg):
    global checks
    if cond:
        checks += 1
    else:
        fail(msg)


FORMULA = "=+-@\t\r"
SYMBOL = {"ge": "≥", "le": "≤", "gt": ">", "lt": "<", "eq": ""}
SUFFIXES = ["及以上", "以上", "及以下", "以下", "以内", "之前", "以前", "前", "before"]


def neutral(cell):
    return "'" + cell if cell and cell[0] in FORMULA else cell


def tables(doc):
    """(table, department name, year for undated dates, is project) in source order."""
    for d in doc["departments"]:
        yield d, d["name"], d["year"], False
        for p in d["projects"]:
            yield p, p["department"], p["year"] or d["year"], True
    for p in doc["projects"]:
        yield p, p["department"], p["year"], True


def date_cn(d, same_year=None):
    """With its year, written or the table's, but a period's end in its start's year unwritten."""
    y = d["year"] or d.get("year_in_effect")
    s = "%d年" % y if y and not (d["year"] is None and y == same_year) else ""
    s += "%d月" % d["month"]
    if d["day"]:
        s += "%d日" % d["day"]
    elif d["end_of_month"]:
        s += "底"
    return s


def date_iso(d, year):
    y = d["year"] or year
    s = "%04d-" % y if y else ""
    s += "%02d" % d["month"]
    if d["day"]:
        s += "-%02d" % d["day"]
    return s


def suffix(t):
    w = t["written"]
    for s in SUFFIXES:
        if w.endswith(s):
            return "前" if s == "before" else s
    return "?"


def form(t):
    """A target as the paper form writes it (docs/csv.md, the target column)."""
    if t is None:
        return ""
    k = t["kind"]
    if k == "comparison":
        pre = SYMBOL[t["comparator"]] if t["comparator_form"] == "prefix" else ""
        post = suffix(t) if t["comparator_form"] == "suffix" else ""
        return pre + t["value"] + (t["unit"] or "") + post
    if k == "range":
        return "%s%s～%s%s" % (t["low"]["value"], t["low"]["unit"] or "",
                              t["high"]["value"], t["high"]["unit"] or "")
    if k == "deadline":
        pre = SYMBOL[t["comparator"]] if t["comparator_form"] == "prefix" else ""
        post = suffix(t) if t["comparator_form"] == "suffix" else ""
        return pre + date_cn(t["date"]) + post
    if k == "period":
        start = t["from"]["year"] or t["from"].get("year_in_effect")
        return date_cn(t["from"]) + "至" + date_cn(t["to"], start)
    return t["text"]


def typed(t, year):
    """kind, comparator, value, high, unit; blank for a row without a target"""
    if t is None:
        return [""] * 5
    k = t["kind"]
    if k == "comparison":
        return [k, t["comparator"], t["value"], "", t["unit"] or ""]
    if k == "range":
        return [k, "", t["low"]["value"], t["high"]["value"],
                t["high"]["unit"] or t["low"]["unit"] or ""]
    if k == "deadline":
        return [k, t["comparator"], date_iso(t["date"], year), "", ""]
    if k == "period":
        return [k, "", date_iso(t["from"], year), date_iso(t["to"], year), ""]
    return [k, "", "", "", ""]


def evaluation_of(i, year):
    """actual, actual_value, actual_unit, score, score_computed, deviation,
    direction: empty outside a self-evaluation (docs/csv.md)."""
    if "actual" not in i:
        return [""] * 7
    a = i["actual"]
    value, unit = "", ""
    if a is not None and a["kind"] == "comparison":
        value, unit = a["value"], a["unit"] or ""
    elif a is not None and a["kind"] == "range":
        value, unit = a["low"]["value"], a["low"]["unit"] or ""
    elif a is not None and a["kind"] == "deadline":
        value = date_iso(a["date"], year)
    elif a is not None and a["kind"] == "period":
        value = date_iso(a["from"], year)
    return [form(a), value, unit, i["score"] or "", i["score_computed"] or "",
            i["deviation"] or "", i["direction"]]


def column_cell(node):
    """The columns cell (docs/csv.md): NAME: TEXT a line, with \\ \\n \\r (and \\: in a name)."""
    def esc(s, name):
        s = s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return s.replace(":", "\\:") if name else s
    return "\n".join(esc(c["name"], True) + ": " + esc(c["text"], False)
                     for c in node.get("columns", []))


def indicator_sets(t):
    """A table's 指标 and 实施期指标, with the set column's word."""
    for key, word in (("indicators", "year"), ("period_indicators", "period")):
        if t.get(key) is not None:
            yield t[key], word


def expected_indicators(doc):
    rows = []
    for t, dept, year, project in tables(doc):
      for s, word in indicator_sets(t):
        for c1 in s["categories"]:
            for c2 in c1["categories"]:
                for i in c2["indicators"]:
                    row = [dept or "", t["name"] if project else "", c1["name"], c2["name"],
                           i["item"] or "", i["name"]] + typed(i["target"], year) + [
                        form(i["target"]), form(i["standard"]), i["weight"] or "",
                        i["note"] or "", i["location"]["file"], str(i["location"]["line"])]
                    row += evaluation_of(i, year) + [word, column_cell(i)]
                    rows.append([neutral(c) for c in row])
    return rows


YUAN_EXPONENT = {"元": 0, "千元": 3, "万元": 4, "亿元": 8}


def in_yuan(total, unit):
    """amount_yuan: the JSON's exact amount with the point moved, digits kept."""
    if total is None:
        return ""
    e = YUAN_EXPONENT[unit]
    whole, _, frac = total.partition(".")
    frac += "0" * max(0, e - len(frac))
    whole, frac = (whole + frac[:e]).lstrip("0") or "0", frac[e:]
    got = whole + ("." + frac if frac else "")
    check(Decimal(got) == Decimal(total) * 10 ** e, "amount_yuan of %s %s" % (total, unit))
    return got


def fund_evaluation(t, node, total):
    """adjusted, executed, period, final_accounts, execution_rate,
    execution_rate_computed, weight, score, score_computed, deviation."""
    phases = node.get("phases", [])

    def phase(name):
        return next((p["total"] or "" for p in phases if p["phase"] == name), "")

    final = ";".join("%d:%s" % (p["year"], p["total"]) for p in phases
                     if p["phase"] == "final_accounts" and p["total"] is not None)
    e = t.get("evaluation") if total else None
    return [phase("adjusted"), phase("executed"), phase("period"), final,
            node.get("execution_rate") or "", (e or {}).get("execution_rate_computed") or "",
            node.get("weight") or "", node.get("score") or "",
            ((e or {}).get("budget") or {}).get("score_computed") or "",
            node.get("deviation") or ""]


def expected_funds(doc):
    rows = []

    def row(t, dept, project, path, name, node, unit):
        r = [dept or "", t["name"] if project else "", "/".join(path), name,
             node["total"] or "", "true" if node["computed"] else "false", unit,
             node["location"]["file"], str(node["location"]["line"]),
             in_yuan(node["total"], unit)] + fund_evaluation(t, node, not path and not name) + [
                 column_cell(node)]
        rows.append([neutral(c) for c in r])

    def items(t, dept, project, path, node, unit):
        for line in node["lines"]:
            row(t, dept, project, path, line["name"], line, unit)
            items(t, dept, project, path + [line["name"]], line, unit)
        for p in node["partitions"]:
            for line in p["lines"]:
                row(t, dept, project, path + ["按" + p["by"]], line["name"], line, unit)
                items(t, dept, project, path + ["按" + p["by"], line["name"]], line, unit)
        for o in node["of_which"]:
            for line in o["lines"]:
                row(t, dept, project, path + ["其中"], line["name"], line, unit)
                items(t, dept, project, path + ["其中", line["name"]], line, unit)

    for t, dept, year, project in tables(doc):
        f = t["funds"]
        if f is None:
            continue
        row(t, dept, project, [], "", f, f["unit"])
        items(t, dept, project, [], f, f["unit"])
    return rows


def read_csv(path, excel):
    raw = open(path, "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf") == excel, "%s: BOM %s" % (path, "missing" if excel else "present"))
    text = raw.decode("utf-8-sig")
    # Outside quoted fields every record ends with CRLF (excel) or LF, nothing else.
    quoted = False
    ends = set()
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "\n":
            ends.add("crlf" if i > 0 and text[i - 1] == "\r" else "lf")
        elif not quoted and ch == "\r" and text[i + 1:i + 2] != "\n":
            ends.add("cr")
    check(ends == {"crlf" if excel else "lf"}, "%s: line ends %s" % (path, sorted(ends)))
    return list(csv.reader(io.StringIO(text, newline="")))


INDICATOR_COLUMNS = ["department", "project", "level1", "level2", "item", "indicator", "kind",
                     "comparator", "value", "high", "unit", "target", "standard", "weight",
                     "note", "file", "line", "actual", "actual_value", "actual_unit", "score",
                     "score_computed", "deviation", "direction", "set", "columns"]
FUND_COLUMNS = ["department", "project", "path", "name", "amount", "computed", "unit", "file",
                "line", "amount_yuan", "adjusted", "executed", "period", "final_accounts",
                "execution_rate", "execution_rate_computed", "weight", "score", "score_computed",
                "deviation", "columns"]


def compare(what, got, want, columns):
    check(got[0] == columns, "%s: header %s" % (what, got[0]))
    body = got[1:]
    check(all(len(r) == len(columns) for r in body), "%s: a row with the wrong field count" % what)
    check(len(body) == len(want), "%s: %d rows, JSON has %d" % (what, len(body), len(want)))
    missing = [r for r in want if r not in body]
    extra = [r for r in body if r not in want]
    for r in missing[:3]:
        fail("%s: no row %s" % (what, r))
    for r in extra[:3]:
        fail("%s: unexpected row %s" % (what, r))
    if not missing and not extra:
        check(sorted(body) == sorted(want), "%s: rows repeated" % what)
    for r in body:
        for c in r:
            check(not c or c[0] not in FORMULA, "%s: a cell starts a formula: %r" % (what, c))


class Render(HTMLParser):
    """The elements and text of rendered Markdown or of goalc's HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.comments = set(), set(), 0
        self.text = ""
        self.tables = []  # Markdown: tables as lists of rows of cell texts
        self.cell = None
        self.li_first = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(a for a, _ in attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = ""
        if self.li_first and self.li_first[-1] is None:
            self.li_first[-1] = tag
        if tag == "li":
            self.li_first.append(None)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        self.text += data
        if self.cell is not None:
            self.cell += data
        if self.li_first and self.li_first[-1] is None and data.strip():
            self.li_first[-1] = "#text"

    def handle_comment(self, data):
        self.comments += 1


def parse(path):
    r = Render()
    r.feed(open(path, encoding="utf-8").read())
    r.close()
    return r


def md_cell(s):
    """What a table cell shows of a source text: line breaks are <br>, ends trimmed."""
    return re.sub("[\r\n]", "", s).strip(" \t")


MD_TAGS = {"h2", "h3", "p", "ul", "li", "strong", "table", "thead", "tbody", "tr", "th", "td", "br",
           "a"}  # a: URLs in the source are links
HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "section", "h1", "p", "span",
             "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "br",
             "figure", "figcaption", "svg", "g", "rect", "text"}  # the 自评表's chart
HTML_ATTRS = {"lang", "charset", "name", "content", "class", "scope", "rowspan", "colspan",
              "style", "xmlns", "viewbox", "role", "aria-label", "x", "y", "width", "height",
              "fill", "stroke", "text-anchor"}


def check_markdown(src, path, doc):
    r = parse(path)
    check(r.tags <= MD_TAGS, "%s: rendered Markdown has %s" % (src, sorted(r.tags - MD_TAGS)))
    check(r.comments == 0, "%s: rendered Markdown has a comment" % src)
    check(all(f == "strong" for f in r.li_first), "%s: a list item that goalc did not write" % src)
    # The indicator tables, in order: one row per indicator, cells as in the source.
    ind_tables = [t for t in r.tables if t and t[0][:2] == ["一级指标", "二级指标"]]
    with_inds = [(t["name"], s) for t, _, _, _ in tables(doc) for s, _ in indicator_sets(t)]
    check(len(ind_tables) == len(with_inds), "%s: %d indicator tables in the Markdown, %d in the JSON"
          % (src, len(ind_tables), len(with_inds)))
    for mt, (t_name, s) in zip(ind_tables, with_inds):
        # Compare 一级, 二级, 三级 and 指标值 of every row, as multisets: a
        # 不适用 row stands where the source wrote it, which the JSON does not say.
        col = mt[0].index("三级指标")
        got = sorted((row[0], row[1], row[col], row[col + 1]) for row in mt[1:])
        want = []
        for c1 in s["categories"]:
            if c1["not_applicable"]:
                want.append((md_cell(c1["name"]), "不适用", "", ""))
            elif not c1["categories"]:
                want.append((md_cell(c1["name"]), "", "", ""))
            for c2 in c1["categories"]:
                for i in c2["indicators"]:
                    want.append((md_cell(c1["name"]), md_cell(c2["name"]), md_cell(i["name"]),
                                 md_cell(form(i["target"]))))
                if c2["not_applicable"]:
                    want.append((md_cell(c1["name"]), md_cell(c2["name"]), "不适用", ""))
                elif not c2["indicators"]:
                    want.append((md_cell(c1["name"]), md_cell(c2["name"]), "", ""))
        want.sort()
        check(got == want, "%s: Markdown indicators of %r read back as %s, expected %s"
              % (src, t_name, got, want))
    return r


def check_html(src, path):
    r = parse(path)
    check(r.tags <= HTML_TAGS, "%s: HTML has elements %s" % (src, sorted(r.tags - HTML_TAGS)))
    check(r.attrs <= HTML_ATTRS, "%s: HTML has attributes %s" % (src, sorted(r.attrs - HTML_ATTRS)))
    check(r.comments == 0, "%s: HTML has a comment" % src)
    return r


neutralised = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    entries = [line.rstrip("\n").split("\t") for line in fh if line.strip()]
for src, out, name in entries:
    doc = json.load(open("%s/%s.json" % (out, name), encoding="utf-8"))
    for excel in (False, True):
        d = out + ("/excel" if excel else "")
        inds = read_csv(d + "/indicators.csv", excel)
        funds = read_csv(d + "/funds.csv", excel)
        compare("%s indicators.csv%s" % (src, " --excel" if excel else ""), inds,
                expected_indicators(doc), INDICATOR_COLUMNS)
        compare("%s funds.csv%s" % (src, " --excel" if excel else ""), funds,
                expected_funds(doc), FUND_COLUMNS)
        if not excel:
            neutralised += sum(1 for r in inds + funds for c in r if c.startswith("'"))
    md = check_markdown(src, "%s/%s.md.html" % (out, name), doc)
    html = check_html(src, "%s/%s.html" % (out, name))
    if name == "hostile":
        # Every hostile string reads back literally, as text.
        for s in ["<script>alert(1)</script>", "=cmd|' /C calc'!A0", "</td></tr></table><h1>x</h1>",
                  "<!-- comment -->", "</section><!-- c -->", "中央|<b>",
                  "a | b | c & <b>bold</b> *em* _u_ `code` [link](http://x) ~~s~~ $x$ @user \\ \"q\" &amp;"]:
            check(s in html.text, "%s: HTML text lacks %r" % (src, s))
            check(s in md.text, "%s: rendered Markdown text lacks %r" % (src, s))
        for s in ["# not a heading", "1. not a list", "- not an item", "> not a quote"]:
            check(s in md.text, "%s: rendered Markdown text lacks %r" % (src, s))
        check(neutralised >= 8, "%s: only %d CSV cells neutralised" % (src, neutralised))
print("%d checks, %d failures" % (checks, failures))
sys.exit(1 if failures else 0)
EOF
if [ $? -eq 0 ]; then ok; else no "reading the outputs back (below)"; fi
sed 's/^/    /' "$tmp/py" | tail -20

# URLs in Markdown (docs/html.md): rendered by cmark-gfm with GitHub's
# autolink extension, each is one link whose href is the URL exactly, its
# text the URL as written, and what follows it (a line break, punctuation,
# CJK text) stays outside the link.
cat >"$tmp/urls.goal" <<'GOAL'
部门 "网址局" {
    年度 2024
    资金 10
    职能 """
        见 https://www.gov.cn/zwgk_2024/a_b.html，详见附件
        政策 www.gov.cn/x_y*z 结束
        (http://a.cn/b_(c)) 后
        http://a.cn/q?x=1&copy=2&y=3.
        见http://a.cn/~u/%E4%B8%AD#s_1
        """
    指标 {
        产出指标 { 数量指标 { "a" 5 人 备注 "见 https://a.cn/x_y?q=1&r=2|3，完" } }
        效益指标 { 不适用 }
        满意度指标 { 不适用 }
    }
}
GOAL
"$goalc" build --format md -o "$tmp/urls.md" "$tmp/urls.goal" &&
    cmark-gfm -e autolink -e table -e strikethrough "$tmp/urls.md" >"$tmp/urls.html" &&
    ok || no "urls.goal: no Markdown, or cmark-gfm fails on it"
python3 - "$tmp/urls.html" >"$tmp/py" 2>&1 <<'EOF'
import sys
from html.parser import HTMLParser


class Links(HTMLParser):
    """The links of a page, and its text with each link's text as [text]."""

    def __init__(self):
        super().__init__()
        self.links, self.href, self.out = [], None, []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.href, self.text = dict(attrs)["href"], ""
        elif tag == "br":
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag == "a":
            self.links.append((self.href, self.text))
            self.out.append("[%s]" % self.text)
            self.href = None

    def handle_data(self, data):
        if self.href is not None:
            self.text += data
        else:
            self.out.append(data)


p = Links()
p.feed(open(sys.argv[1], encoding="utf-8").read())
want = [  # href, link text, what follows it
    ("https://www.gov.cn/zwgk_2024/a_b.html", "https://www.gov.cn/zwgk_2024/a_b.html", "，详见附件\n"),
    ("http://www.gov.cn/x_y*z", "www.gov.cn/x_y*z", " 结束\n"),
    ("http://a.cn/b_(c)", "http://a.cn/b_(c)", ") 后\n"),
    ("http://a.cn/q?x=1&copy=2&y=3", "http://a.cn/q?x=1&copy=2&y=3", ".\n"),
    ("http://a.cn/~u/%E4%B8%AD#s_1", "http://a.cn/~u/%E4%B8%AD#s_1", ""),
    ("https://a.cn/x_y?q=1&r=2", "https://a.cn/x_y?q=1&r=2", "|3，完"),
]
failures = 0
if [(h, t) for h, t, _ in want] != p.links:
    failures += 1
    print("FAIL links: %r" % p.links)
text = "".join(p.out)
for _, t, after in want:
    if "[%s]%s" % (t, after) not in text:
        failures += 1
        print("FAIL the text after %s is not %r: %r" % (t, after, text))
sys.exit(1 if failures else 0)
EOF
if [ $? -eq 0 ]; then ok; else no "URLs in Markdown do not render as links (below)"; sed 's/^/    /' "$tmp/py"; fi

# Several inputs: one pair of CSV files, header once, rows in input order.
"$goalc" build --format csv -o "$tmp/all" examples/*.goal && ok || no "csv of all examples"
{
    head -1 "$tmp/1/indicators.csv"
    i=0
    for src in examples/*.goal; do
        i=$((i + 1))
        tail -n +2 "$tmp/$i/indicators.csv"
    done
} >"$tmp/want.csv"
cmp -s "$tmp/want.csv" "$tmp/all/indicators.csv" && ok || no "indicators.csv of several inputs is not their rows in order"

# Headers in Chinese with --lang zh on the command line, the rows the same;
# never from the locale, so a pipeline on a zh_CN machine reads English names.
"$goalc" build -w --lang zh --format csv -o "$tmp/zh" examples/*.goal &&
    LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$goalc" build -w --format csv -o "$tmp/en" examples/*.goal ||
    no "csv with --lang zh"
for f in indicators funds; do
    cmp -s "$tmp/en/$f.csv" "$tmp/all/$f.csv" && ok || no "$f.csv: the locale changed its header"
    [ "$(tail -n +2 "$tmp/zh/$f.csv")" = "$(tail -n +2 "$tmp/all/$f.csv")" ] && ok ||
        no "$f.csv: --lang zh changed its rows"
done
[ "$(head -1 "$tmp/zh/indicators.csv")" = "部门,项目,一级指标,二级指标,名称,三级指标,指标类型,比较,值,上限,单位,指标值,绩效标准,分值,备注,文件,行,实际完成值,实际值,实际单位,得分,得分（计算）,偏差原因,方向,指标集,其他栏" ] &&
    ok || no "indicators.csv --lang zh: header $(head -1 "$tmp/zh/indicators.csv")"
[ "$(head -1 "$tmp/zh/funds.csv")" = "部门,项目,位置,名称,金额,合计得出,单位,文件,行,金额（元）,调整后预算数,执行数,实施期,决算,执行率,执行率（计算）,分值,得分,得分（计算）,偏差原因,其他栏" ] &&
    ok || no "funds.csv --lang zh: header $(head -1 "$tmp/zh/funds.csv")"

# csv writes two files, so it needs a directory; --excel is for csv.
"$goalc" build --format csv examples/yuanjiang-health-2024.goal >"$tmp/o" 2>"$tmp/e"
[ $? -eq 2 ] && grep -q "give -o DIR" "$tmp/e" && ok || no "csv without -o is not a usage error"
"$goalc" build --format html --excel -o "$tmp/x.html" examples/yuanjiang-health-2024.goal 2>"$tmp/e"
[ $? -eq 2 ] && grep -q "excel applies to csv" "$tmp/e" && ok || no "--excel without csv is not a usage error"
[ ! -e "$tmp/x.html" ] && ok || no "a usage error wrote output"

# A failed compile writes nothing and leaves earlier outputs as they were.
mkdir "$tmp/keep"
"$goalc" build --format csv,html,md -o "$tmp/keep" examples/*.goal || no "build into keep/"
cp -r "$tmp/keep" "$tmp/before"
printf '部门 "坏" { 年度 @ }\n' >"$tmp/bad.goal"
"$goalc" build --format csv,html,md -o "$tmp/keep" examples/yuanjiang-health-2024.goal "$tmp/bad.goal" \
    2>/dev/null
[ $? -eq 1 ] && ok || no "a build with a bad input does not exit 1"
diff -r "$tmp/before" "$tmp/keep" >/dev/null && ok || no "a failed build changed earlier outputs"
[ ! -e "$tmp/keep/bad.html" ] && [ ! -e "$tmp/keep/bad.md" ] && ok || no "a bad input got outputs"
[ -z "$(ls -A "$tmp/keep" | grep '^\.')" ] && ok || no "temporary files left behind"

# Byte-identical output across runs, locales and time zones.
LC_ALL=C TZ=UTC "$goalc" build --format json,csv,html,md -o "$tmp/r1" examples/*.goal $cases
LANG=zh_CN.UTF-8 TZ=Asia/Shanghai "$goalc" build --format json,csv,html,md -o "$tmp/r2" \
    examples/*.goal $cases
diff -r "$tmp/r1" "$tmp/r2" >/dev/null && ok || no "output differs between runs"

# A form with 名称, 绩效标准, 分值 and 备注 is printed landscape; the others portrait.
"$goalc" build -w --format html -o "$tmp/wide.html" tests/browser/wide.goal &&
    grep -q '<section class="form department wide">' "$tmp/wide.html" &&
    grep -q '^@page wide{size:A4 landscape}' "$tmp/wide.html" && ok || no "wide.goal is not landscape"
# (columns-forms.html is wide on purpose: three 栏 columns beside 分值.)
grep -l 'class="form[a-z ]* wide"' "$tmp"/[0-9]*/*.html | grep -v '/columns-forms.html$' >/dev/null &&
    no "a narrow form is landscape" || ok

# --html-targets canonical: the targets of the form as filed (filed.html) in
# goalc's notation, the labels still the table's own; pdf prints the same
# page (a stand-in browser that "prints" the page it is given).
"$goalc" build -w --format html --html-targets canonical -o "$tmp/canonical.html" \
    tests/golden/filed.goal && ok || no "--html-targets canonical fails"
golden tests/golden/filed.canonical.html "$tmp/canonical.html"
mkdir -p "$tmp/fakebin"
cat >"$tmp/fakebin/chromium" <<'FAKE'
#!/bin/sh
for a; do case $a in --print-to-pdf=*) pdf=${a#--print-to-pdf=} ;; file://*) page=${a#file://} ;; esac; done
{ echo '%PDF-1.4'; cat "$page"; } >"$pdf"
FAKE
chmod +x "$tmp/fakebin/chromium"
for t in filed canonical; do
    env PATH="$tmp/fakebin:$PATH" "$goalc" build -w --format pdf --html-targets $t \
        -o "$tmp/$t.pdf" tests/golden/filed.goal &&
        tail -n +2 "$tmp/$t.pdf" >"$tmp/$t.pdf.html" || no "--format pdf --html-targets $t fails"
done
cmp -s "$tmp/filed.pdf.html" tests/golden/filed.html && cmp -s "$tmp/canonical.pdf.html" \
    tests/golden/filed.canonical.html && ok || no "--format pdf does not print the page --html-targets asks for"
"$goalc" build --format json --html-targets canonical tests/golden/filed.goal >/dev/null 2>"$tmp/ht.err"
[ $? -eq 2 ] && grep -q -- '--html-targets applies to html and pdf' "$tmp/ht.err" && ok ||
    no "--html-targets without html: $(cat "$tmp/ht.err")"
"$goalc" build --format html --html-targets as-written tests/golden/filed.goal >/dev/null 2>"$tmp/ht.err"
[ $? -eq 2 ] && grep -q "filed or canonical, not 'as-written'" "$tmp/ht.err" && ok ||
    no "--html-targets as-written: $(cat "$tmp/ht.err")"

# --format pdf without a browser on PATH: exit 2, a message naming the package, nothing written.
env PATH=/nonexistent "$goalc" build -w --format pdf -o "$tmp/nobrowser.pdf" \
    examples/wangcheng-health-2023.goal 2>"$tmp/nobrowser.err"
[ $? -eq 2 ] && grep -q 'apt-get install chromium' "$tmp/nobrowser.err" && [ ! -e "$tmp/nobrowser.pdf" ] &&
    ok || no "--format pdf without a browser: $(cat "$tmp/nobrowser.err")"
env PATH=/nonexistent "$goalc" --lang zh build -w --format pdf examples/wangcheng-health-2023.goal \
    2>"$tmp/nobrowser.err" >"$tmp/nobrowser.out"
grep -q 'apt-get install chromium' "$tmp/nobrowser.err" && [ ! -s "$tmp/nobrowser.out" ] && ok ||
    no "--format pdf to standard output without a browser wrote something"

# The checks bite: a category cell spanning rows, a category cell missing from a row.
# (on the first example that has a row continuing a 二级 category: the
# self-evaluation example, first by name, has none)
first=$(grep -l '<th class="l2 cont">' "$tmp"/[0-9]*/*.html | head -1)
j=${first%.html}.json
sed '0,/<th class="l1 first">/s//<th class="l1 first" rowspan="2">/' "$first" >"$tmp/broken.html"
python3 tests/browser/check_dom.py "$j" "$tmp/broken.html" >/dev/null 2>&1 && no "check_dom accepts a rowspan" || ok
sed '0,/<th class="l2 cont">[^<]*<\/th>/s///' "$first" >"$tmp/broken.html"
python3 tests/browser/check_dom.py "$j" "$tmp/broken.html" >/dev/null 2>&1 && no "check_dom accepts a row without its 二级 cell" || ok

lib_summary backends
