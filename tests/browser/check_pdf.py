#!/usr/bin/env python3
"""check_pdf.py JSON PDF [PAGES] - a printed goalc form, checked against its JSON.

Reads the PDF's words with their positions (pdftotext -bbox-layout, from
poppler-utils) and checks that:
  - every page is A4, portrait or landscape;
  - every form's title is printed (its goal form's or its 自评表's);
  - on every page that has indicator rows, the indicator table's header
    (三级指标, 指标值及单位) is printed, so it repeats across pages;
  - every indicator's name is printed whole in the 三级指标 column of one
    page: no row is split across pages.  Names wrap inside their cell, and
    text extraction interleaves neighbouring cells, so a column's words are
    gathered by position: those that start where the column's lines start
    (a left-aligned column) or are centred under its header (a category);
  - on every page, each indicator printed there has its 一级 and 二级
    category's name printed in the 一级指标 and 二级指标 columns of that
    page: the labels repeat on a page a category runs onto;
  - no tofu: the text holds no U+FFFD and every character in it is one an
    installed font has (fc-list), so none was drawn as a box;
  - the PDF has PAGES pages, when PAGES is given.
A table may word the headers as its own form does (三级指标 "指标内容",
docs/html.md): a header is found by any of the spellings the JSON's
attributes give it.
Prints one summary line; exits 1 on any mismatch.
"""
import json
from collections import Counter
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

A4 = (595.0, 842.0)  # points


def words_by_page(pdf):
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                           capture_output=True).stdout
    xhtml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xhtml)
    root = ET.fromstring(xhtml)
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words = []
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = [float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            words.append((box, w.text or ""))
        pages.append(((float(page.get("width")), float(page.get("height"))), words))
    return pages


def tofu(text):
    """The characters of text that no installed font has: drawn as boxes."""
    chars = sorted({c for c in text if ord(c) > 0x7f and not c.isspace()})
    if "\ufffd" in chars:
        return ["\ufffd"]

    def covered(cs):
        query = ":charset=" + " ".join("%x" % ord(c) for c in cs)
        return subprocess.run(["fc-list", query, "family"], capture_output=True,
                              text=True).stdout.strip() != ""

    if not chars or covered(chars):  # one font has them all: one call
        return []
    return [c for c in chars if not covered([c])]


def squash(s):
    return re.sub(r"\s+", "", s)


def tables(doc):
    for d in doc["departments"]:
        yield d
        yield from d["projects"]
    yield from doc["projects"]


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as fh:
        doc = json.load(fh)
    pages = words_by_page(sys.argv[2])
    # The header's spellings: its own, and a table's wording of it (an attribute).
    LABELS = ("一级指标", "二级指标", "三级指标")
    spelled = {label: label for label in LABELS}
    for t in tables(doc):
        for a in t.get("attributes", []):
            if a["name"] in LABELS:
                spelled[squash(a["value"])] = a["name"]
    failures = []
    columns = []  # per page: {header: the text of its column, in reading order}
    headed = 0
    for n, (size, words) in enumerate(pages, 1):
        if not any(abs(size[0] - w) <= 1 and abs(size[1] - h) <= 1 for w, h in (A4, A4[::-1])):
            failures.append("page %d is %.0fx%.0f pt, not A4" % (n, size[0], size[1]))
        page = {}
        columns.append(page)
        head = next((b for b, t in words if spelled.get(t) == "三级指标"), None)
        if head is None:
            continue
        headed += 1
        # The header row: words beside 三级指标 (a wrapped header starts higher).
        # A header that wraps is several words one above the other: one
        # column is the words whose extents overlap across.
        row = []  # [xMin, xMax, [(yMin, text)]]
        for b, t in sorted(((b, t) for b, t in words
                            if b[1] < head[3] and b[3] > head[1] and t.strip()),
                           key=lambda w: w[0][0]):
            if row and b[0] < row[-1][1]:
                row[-1][1] = max(row[-1][1], b[2])
                row[-1][2].append((b[1], t))
            else:
                row.append([b[0], b[2], [(b[1], t)]])
        def column(left, right):
            body = [(b, t) for b, t in words
                    if b[1] > head[3] - 1 and left < (b[0] + b[2]) / 2 < right]
            body.sort(key=lambda w: (w[0][1], w[0][0]))
            return squash("".join(t for _, t in body))

        # A centred category name (each of its lines) has its header's middle.
        for x0, x1, parts in row:
            label = "".join(t for _, t in sorted(parts))
            page[spelled.get(label, label)] = column((x0 + x1) / 2 - 8, (x0 + x1) / 2 + 8)
        # A left-aligned column's lines all start where the column does, left
        # of its centred header; the next column starts right of the header.
        starts = Counter(round(b[0]) for b, _ in words if b[1] > head[3] - 1)
        starts = sorted(x for x, n in starts.items() if n > 1)
        left = max((x for x in starts if x <= head[0] + 1), default=0)
        right = min((x for x in starts if x > head[2]), default=size[0])
        body = [(b, t) for b, t in words if b[1] > head[3] - 1 and left - 1 <= b[0] < right - 1]
        body.sort(key=lambda w: (w[0][1], w[0][0]))
        page["三级指标"] = squash("".join(t for _, t in body))
    text = squash("".join(t for _, ws in pages for _, t in ws))
    with_indicators = [t for t in tables(doc) if t["indicators"] is not None]
    if headed < len(with_indicators):
        failures.append("the indicator header is on %d pages, but %d forms have indicators" %
                        (headed, len(with_indicators)))
    titles = 0
    for t in tables(doc):
        title = "部门整体支出绩效目标表" if "duties" in t else "项目支出绩效目标表"
        if title not in text and title.replace("目标表", "自评表") not in text:
            failures.append("no title %s for %r" % (title, t["name"]))
        else:
            titles += 1
    found = 0
    for t in with_indicators:
        for c1 in t["indicators"]["categories"]:
            for c2 in c1["categories"]:
                for ind in c2["indicators"]:
                    name = squash(ind["name"])
                    on = [p for p in columns if name in p.get("三级指标", "")]
                    if not on:
                        failures.append("indicator %r is not printed whole in the 三级指标 "
                                        "column of one page" % ind["name"])
                        continue
                    found += 1
                    for level, cat in (("一级指标", c1), ("二级指标", c2)):
                        if not any(squash(cat["name"]) in p.get(level, "") for p in on):
                            failures.append("indicator %r: its %s %r is not on its page" %
                                            (ind["name"], level[:2], cat["name"]))
    missing = tofu("".join(t for _, ws in pages for _, t in ws))
    if missing:
        failures.append("tofu: no installed font has %s" %
                        " ".join("U+%04X" % ord(c) for c in missing))
    if len(sys.argv) == 4 and len(pages) != int(sys.argv[3]):
        failures.append("%d pages, expected %s" % (len(pages), sys.argv[3]))
    for f in failures:
        print("FAIL %s: %s" % (sys.argv[2], f), file=sys.stderr)
    summary = ("%d A4 pages, indicator header on %d, %d titles, %d indicators whole on a page "
               "beside their categories, no tofu") % (
        len(pages), headed, titles, found)
    print(("check_pdf: FAILED: " if failures else "check_pdf: ok: ") + summary)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
