#!/usr/bin/env python3
"""check_pdf.py JSON PDF - a printed goalc form, checked against its JSON.

Reads the PDF's words with their positions (pdftotext -bbox-layout, from
poppler-utils) and checks that:
  - every page is A4;
  - every form's title is printed;
  - on every page that has indicator rows, the indicator table's header
    (三级指标, 指标值及单位) is printed, so it repeats across pages;
  - every indicator's name is printed in the 三级指标 column.  Names wrap
    inside their cell, and text extraction interleaves neighbouring cells,
    so the column's words are gathered by position: those whose middle lies
    between the headers left and right of 三级指标.
Prints one summary line; exits 1 on any mismatch.
"""
import json
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


def squash(s):
    return re.sub(r"\s+", "", s)


def tables(doc):
    for d in doc["departments"]:
        yield d
        yield from d["projects"]
    yield from doc["projects"]


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as fh:
        doc = json.load(fh)
    pages = words_by_page(sys.argv[2])
    failures = []
    column = ""  # the 三级指标 column of every page, in reading order
    headed = 0
    for n, (size, words) in enumerate(pages, 1):
        if abs(size[0] - A4[0]) > 1 or abs(size[1] - A4[1]) > 1:
            failures.append("page %d is %.0fx%.0f pt, not A4" % (n, size[0], size[1]))
        head = next((b for b, t in words if t == "三级指标"), None)
        if head is None:
            continue
        headed += 1
        # The header row: words beside 三级指标 (a wrapped header starts higher).
        row = sorted((b for b, t in words if b[1] < head[3] and b[3] > head[1] and t.strip()),
                     key=lambda b: b[0])
        i = row.index(head)
        left = row[i - 1][2] if i > 0 else 0
        right = row[i + 1][0] if i + 1 < len(row) else size[0]
        body = [(b, t) for b, t in words if b[1] > head[3] - 1 and left < (b[0] + b[2]) / 2 < right]
        body.sort(key=lambda w: (w[0][1], w[0][0]))
        column += "".join(t for _, t in body)
    text = squash("".join(t for _, ws in pages for _, t in ws))
    with_indicators = [t for t in tables(doc) if t["indicators"] is not None]
    if headed < len(with_indicators):
        failures.append("the indicator header is on %d pages, but %d forms have indicators" %
                        (headed, len(with_indicators)))
    titles = 0
    for t in tables(doc):
        title = "部门整体支出绩效目标表" if "duties" in t else "项目支出绩效目标表"
        if title not in text:
            failures.append("no title %s for %r" % (title, t["name"]))
        else:
            titles += 1
    column = squash(column)
    found = 0
    for t in with_indicators:
        for c1 in t["indicators"]["categories"]:
            for c2 in c1["categories"]:
                for ind in c2["indicators"]:
                    if squash(ind["name"]) in column:
                        found += 1
                    else:
                        failures.append("indicator %r is not in the 三级指标 column" % ind["name"])
    for f in failures:
        print("FAIL %s: %s" % (sys.argv[2], f), file=sys.stderr)
    summary = "%d A4 pages, indicator header on %d, %d titles, %d indicator names printed" % (
        len(pages), headed, titles, found)
    print(("check_pdf: FAILED: " if failures else "check_pdf: ok: ") + summary)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
