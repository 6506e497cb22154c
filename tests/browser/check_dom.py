#!/usr/bin/env python3
"""check_dom.py JSON HTML - an HTML rendering of a goalc document, checked
against the JSON of the same source.

HTML is goalc's own output (tests/run-backends.sh) or the DOM a browser made
of it (tests/browser/run.sh, from chromium --dump-dom).  For every table of
the JSON there must be one section.department or section.project named like
it, and in its indicator table:
  - one tr.indicator per indicator, in order, its name in one of its cells;
  - one tr.na for a 不适用 category, one tr.empty for an empty one;
  - no cell spans rows (a rowspan cell would not repeat on a printed page
    it runs onto): every row of a 一级 or 二级 category has its own
    th.l1 / th.l2 with the category's name, th.first on the category's
    first row and th.cont (merged into the cell above) on the others.
A table printed as its 自评表 (section.selfeval, docs/html.md) has the same
indicator markup, a category's 分值/得分 in a span.pts of its first cell
(not part of the name), and is checked further:
  - every tr.indicator has the nine cells 绩效指标 一级 二级 三级 年度指标值
    实际完成值 分值 得分 偏差, its 分值 the JSON's weight;
  - the 年度资金总额 row's 年初预算数 is the JSON's funds total;
  - its chart, if it has one (a table with no 分值 and no 执行 has nothing
    to draw), is inline SVG whose text has numbers in it; a table with
    funds has one (its budget execution, or its points).
The actual values and scores are not compared: the JSON does not carry them
yet (a later change adds them to the schema).
Prints one summary line; exits 1 on any mismatch.
"""
import json
import sys
from html.parser import HTMLParser


class Form:
    def __init__(self, kind):
        self.kind = kind
        self.name = None
        self.rows = []  # indicator table rows: (class, [cells])
        self.selfeval = False
        self.info_rows = []  # .info rows: [cells]
        self.charts = 0
        self.svgs = 0
        self.svg_text = ""


class Parser(HTMLParser):
    """Collects each form's name and the rows of its indicator table."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.table = None  # class of the table we are in
        self.row = None
        self.cell = None  # [tag, class, rowspan, text]
        self.pts = 0  # depth inside a span.pts (a category's points, not its name)
        self.svg = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "section" and "form" in classes:
            kind = "department" if "department" in classes else "project"
            self.forms.append(Form(kind))
            self.forms[-1].selfeval = "selfeval" in classes
        elif tag == "figure" and "chart" in classes and self.forms:
            self.forms[-1].charts += 1
        elif tag == "svg" and self.forms:
            self.forms[-1].svgs += 1
            self.svg = True
        elif tag == "span" and (self.pts or "pts" in classes):
            self.pts += 1
        elif tag == "table":
            self.table = classes[0] if classes else None
        elif tag == "tr":
            self.row = (a.get("class") or "", [])
        elif tag in ("td", "th") and self.row is not None:
            self.cell = [tag, a.get("class") or "", int(a.get("rowspan") or 1), ""]
        elif tag == "br" and self.cell is not None and not self.pts:
            self.cell[3] += "\n"  # a line break of the source text

    def handle_endtag(self, tag):
        if tag == "span" and self.pts:
            self.pts -= 1
        elif tag == "svg":
            self.svg = False
        elif tag in ("td", "th") and self.cell is not None:
            form = self.forms[-1]
            if self.table == "info" and form.name is None and self.cell[0] == "td":
                form.name = self.cell[3]
            self.row[1].append(tuple(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.table == "indicators" and self.row[0]:  # body rows have a class
                self.forms[-1].rows.append(self.row)
            elif self.table == "info":
                self.forms[-1].info_rows.append(self.row[1])
            self.row = None
        elif tag == "table":
            self.table = None

    def handle_data(self, data):
        if self.svg:
            self.forms[-1].svg_text += data
        elif self.cell is not None and not self.pts:
            self.cell[3] += data


def tables(doc):
    for d in doc["departments"]:
        yield "department", d
        for p in d["projects"]:
            yield "project", p
    for p in doc["projects"]:
        yield "project", p


def rows_l2(c2):
    return max(1, len(c2["indicators"]) + (1 if c2["not_applicable"] else 0))


def rows_l1(c1):
    n = sum(rows_l2(c2) for c2 in c1["categories"]) + (1 if c1["not_applicable"] else 0)
    return max(1, n)


def check_selfeval(t, form, failures):
    """The 自评表's own columns, as far as the JSON tells them."""
    inds = [ind for c1 in (t["indicators"] or {"categories": []})["categories"]
            for c2 in c1["categories"] for ind in c2["indicators"]]
    rows = [cells for cls, cells in form.rows if cls == "indicator"]
    for ind, cells in zip(inds, rows):
        if len(cells) != 9:
            failures.append("%s: 自评表 row %r has %d cells, expected 9" %
                            (t["name"], ind["name"], len(cells)))
        elif cells[6][3].strip() != (ind["weight"] or ""):
            failures.append("%s: 自评表 row %r 分值 %r, expected %r" %
                            (t["name"], ind["name"], cells[6][3], ind["weight"]))
    total = next((cells for cells in form.info_rows if cells and cells[0][3] == "年度资金总额"), None)
    want = t["funds"]["total"] if t.get("funds") else None
    if want is not None and (total is None or len(total) < 2 or total[1][3] != want):
        failures.append("%s: 自评表 年度资金总额 %r, expected %r" %
                        (t["name"], total and [c[3] for c in total], want))
    if form.charts and (form.svgs == 0 or not any(ch.isdigit() for ch in form.svg_text)):
        failures.append("%s: 自评表 chart without inline SVG with its numbers as text" % t["name"])
    if want is not None and not form.charts:
        failures.append("%s: 自评表 of a table with funds without its chart" % t["name"])


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as fh:
        doc = json.load(fh)
    parser = Parser()
    with open(sys.argv[2], encoding="utf-8") as fh:
        parser.feed(fh.read())
    parser.close()
    failures = []
    counts = {"tables": 0, "indicators": 0, "cells": 0, "selfeval": 0}
    forms = {(f.kind, f.name): f for f in parser.forms}
    json_tables = list(tables(doc))
    if len(parser.forms) != len(json_tables):
        failures.append("%d forms in the HTML, %d tables in the JSON" %
                        (len(parser.forms), len(json_tables)))
    for kind, t in json_tables:
        form = forms.get((kind, t["name"]))
        if form is None:
            failures.append("no %s form named %r" % (kind, t["name"]))
            continue
        counts["tables"] += 1
        if form.selfeval:
            counts["selfeval"] += 1
            check_selfeval(t, form, failures)
        if t["indicators"] is None and t.get("period_indicators") is None:
            if form.rows:
                failures.append("%s: indicator rows but no indicators" % t["name"])
            continue
        rows = list(form.rows)
        # A project's 实施期指标 is a second indicator table after the year's (issue 15).
        sets = [s for s in (t["indicators"], t.get("period_indicators")) if s is not None]
        categories = [c1 for s in sets for c1 in s["categories"]]
        want_total = sum((sum(rows_l1(c1) for c1 in s["categories"]) or 1) for s in sets)
        if len(rows) != want_total:
            failures.append("%s: %d indicator-table rows, expected %d" %
                            (t["name"], len(rows), want_total))
            continue
        got_inds = sum(1 for cls, _ in rows if cls == "indicator")
        want_inds = sum(len(c2["indicators"]) for c1 in categories for c2 in c1["categories"])
        if got_inds != want_inds:
            failures.append("%s: %d tr.indicator, expected %d" % (t["name"], got_inds, want_inds))
        i = 0

        def cell(row, cls):
            return next((c for c in row[1] if cls in c[1].split()), None)

        def expect_cells(group, cls, cat):
            """Each row of the category's group has its th.cls: first, then cont."""
            for k, row in enumerate(group):
                c = cell(row, cls)
                want = "first" if k == 0 else "cont"
                if c is None:
                    failures.append("%s: no th.%s for %r in row %d of it" %
                                    (t["name"], cls, cat["name"], k + 1))
                elif c[3] != cat["name"] or c[2] != 1 or want not in c[1].split():
                    failures.append("%s: th.%s %r class %r rowspan %d, expected %r, %s, no rowspan" %
                                    (t["name"], cls, c[3], c[1], c[2], cat["name"], want))
                else:
                    counts["cells"] += 1

        for c1 in categories:
            group = rows[i:i + rows_l1(c1)]
            expect_cells(group, "l1", c1)
            i += rows_l1(c1)
            j = 0
            for c2 in c1["categories"]:
                sub = group[j:j + rows_l2(c2)]
                expect_cells(sub, "l2", c2)
                j += rows_l2(c2)
                inds = [r for r in sub if r[0] == "indicator"]
                names = [ind["name"] for ind in c2["indicators"]]
                for r, name in zip(inds, names):
                    if name not in [c[3] for c in r[1]]:
                        failures.append("%s: indicator %r not in its row" % (t["name"], name))
                    else:
                        counts["indicators"] += 1
                if len(inds) != len(names):
                    failures.append("%s/%s: %d indicator rows, expected %d" %
                                    (t["name"], c2["name"], len(inds), len(names)))
                na = sum(1 for r in sub if r[0] == "na")
                if na != (1 if c2["not_applicable"] else 0):
                    failures.append("%s/%s: %d 不适用 rows" % (t["name"], c2["name"], na))
                if not names and not c2["not_applicable"] and [r[0] for r in sub] != ["empty"]:
                    failures.append("%s/%s: an empty category without its empty row" %
                                    (t["name"], c2["name"]))
            rest = group[j:]
            if any(cell(r, "l2") is not None for r in rest):
                failures.append("%s/%s: a th.l2 in a row of the 一级 category itself" %
                                (t["name"], c1["name"]))
            if c1["not_applicable"] and [r[0] for r in rest] != ["na"]:
                failures.append("%s/%s: no 不适用 row" % (t["name"], c1["name"]))
            if not c1["categories"] and not c1["not_applicable"] and \
                    [r[0] for r in rest] != ["empty"]:
                failures.append("%s/%s: an empty category without its empty row" %
                                (t["name"], c1["name"]))
    if any(int(c[2]) > 1 for f in parser.forms for _, cells in f.rows for c in cells):
        failures.append("a cell of an indicator table spans rows")
    summary = "%d tables (%d 自评表), %d indicators in their rows, %d category cells, one a row" % (
        counts["tables"], counts["selfeval"], counts["indicators"], counts["cells"])
    for f in failures:
        print("FAIL %s: %s" % (sys.argv[2], f), file=sys.stderr)
    print(("check_dom: FAILED: " if failures else "check_dom: ok: ") + summary)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
