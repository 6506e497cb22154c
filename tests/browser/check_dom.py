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


class Parser(HTMLParser):
    """Collects each form's name and the rows of its indicator table."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.table = None  # class of the table we are in
        self.row = None
        self.cell = None  # [tag, class, rowspan, text]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "section" and "form" in classes:
            kind = "department" if "department" in classes else "project"
            self.forms.append(Form(kind))
        elif tag == "table":
            self.table = classes[0] if classes else None
        elif tag == "tr":
            self.row = (a.get("class") or "", [])
        elif tag in ("td", "th") and self.row is not None:
            self.cell = [tag, a.get("class") or "", int(a.get("rowspan") or 1), ""]
        elif tag == "br" and self.cell is not None:
            self.cell[3] += "\n"  # a line break of the source text

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            form = self.forms[-1]
            if self.table == "info" and form.name is None and self.cell[0] == "td":
                form.name = self.cell[3]
            self.row[1].append(tuple(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.table == "indicators" and self.row[0]:  # body rows have a class
                self.forms[-1].rows.append(self.row)
            self.row = None
        elif tag == "table":
            self.table = None

    def handle_data(self, data):
        if self.cell is not None:
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
    counts = {"tables": 0, "indicators": 0, "cells": 0}
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
        if t["indicators"] is None:
            if form.rows:
                failures.append("%s: indicator rows but no indicators" % t["name"])
            continue
        rows = list(form.rows)
        want_total = sum(rows_l1(c1) for c1 in t["indicators"]["categories"]) or 1
        if len(rows) != want_total:
            failures.append("%s: %d indicator-table rows, expected %d" %
                            (t["name"], len(rows), want_total))
            continue
        got_inds = sum(1 for cls, _ in rows if cls == "indicator")
        want_inds = sum(len(c2["indicators"]) for c1 in t["indicators"]["categories"]
                        for c2 in c1["categories"])
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

        for c1 in t["indicators"]["categories"]:
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
    summary = "%d tables, %d indicators in their rows, %d category cells, one a row" % (
        counts["tables"], counts["indicators"], counts["cells"])
    for f in failures:
        print("FAIL %s: %s" % (sys.argv[2], f), file=sys.stderr)
    print(("check_dom: FAILED: " if failures else "check_dom: ok: ") + summary)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
