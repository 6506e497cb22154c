#!/usr/bin/env python3
"""check.py - read a goalc workbook back with openpyxl and compare it with
the other outputs of the same inputs (tests/run-xlsx.sh, docs/xlsx.md).

    check.py BOOK.xlsx CSVDIR HTML... -- JSON...

- the sheets indicators and funds hold CSVDIR/indicators.csv and
  CSVDIR/funds.csv cell for cell: numbers equal as decimals, with a number
  format of the decimals written, texts equal (the CSV's apostrophe before
  a formula-like text aside); each is an Excel table with a frozen header;
- every indicator and fund line of the JSON is in those sheets, its values
  equal as decimals; the model sheets (tables, categories, attributes,
  schedule, duties, declarations) are there, Excel tables with a frozen
  header (their content is checked by goalc import's round trip);
- the form sheets, in order, show what the HTML pages' sections show: the
  title, the paragraphs' pieces and every cell's text in the same order,
  a cell of an amount that is a plain number as a number; each spanned
  cell, and each 一级/二级 cell with continuation rows, a merged range;
  A4, fitted to one page wide, landscape exactly when the HTML says
  "wide" or the sheet has more than 9 columns, the header row repeated.
Prints what differs; exits 1 when anything does.
"""
import csv
import html.parser
import json
import re
import sys
from decimal import Decimal

import openpyxl

PLAIN = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
FORMULA = "=+-@\t\r"
errors = []


def bad(msg):
    errors.append(msg)


def decimals_of(fmt):
    m = re.search(r"0\.(0+)$", fmt or "")
    return len(m.group(1)) if m else 0


def significant(text):
    digits = re.sub(r"[^0-9]", "", text).lstrip("0")
    return len(digits)


def same_number(cell, text, where):
    """cell (a number) shows text: equal as decimals, the decimals written."""
    want = Decimal(text.replace(",", ""))
    got = Decimal(repr(cell.value)) if isinstance(cell.value, float) else Decimal(cell.value)
    if got != want:
        bad(f"{where}: {cell.value!r} is not {text}")
    places = len(text.split(".")[1]) if "." in text else 0
    if decimals_of(cell.number_format) != places:
        bad(f"{where}: number format {cell.number_format!r} for {text}")


def numeric_text(text):
    return PLAIN.match(text) is not None and significant(text) <= 15


# --- indicators and funds -----------------------------------------------------------

def check_data_sheet(wb, name, csv_path):
    if name not in wb.sheetnames:
        bad(f"no sheet {name}")
        return []
    ws = wb[name]
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    got = list(ws.iter_rows())
    if len(got) != max(len(rows), 2):
        if not (len(rows) == 1 and len(got) <= 2):
            bad(f"{name}: {len(got)} rows, the CSV has {len(rows)}")
    for r, row in enumerate(rows):
        for c, want in enumerate(row):
            cell = ws.cell(row=r + 1, column=c + 1)
            where = f"{name}!{cell.coordinate}"
            if len(want) > 1 and want[0] == "'" and want[1] in FORMULA:
                want = want[1:]
            if want == "":
                if cell.value is not None:
                    bad(f"{where}: {cell.value!r}, the CSV's field is empty")
            elif isinstance(cell.value, (int, float)):
                same_number(cell, want, where)
            elif cell.value != want:
                bad(f"{where}: {cell.value!r} is not {want!r}")
            elif r > 0 and numeric_text(want) and rows[0][c] in NUMERIC:
                bad(f"{where}: {want} is text, not a number")
    # What the JSON is compared with: the sheet's own values.
    rows = [["" if c.value is None else c.value for c in row] for row in ws.iter_rows()]
    rows = [[v if isinstance(v, str) else repr(v) for v in row] for row in rows]
    if name not in ws.tables:
        bad(f"{name}: not an Excel table")
    elif ws.tables[name].ref.split(":")[0] != "A1":
        bad(f"{name}: the table starts at {ws.tables[name].ref}")
    if ws.freeze_panes != "A2":
        bad(f"{name}: the header is not frozen ({ws.freeze_panes})")
    return rows


NUMERIC = {"value", "high", "weight", "line", "amount", "amount_yuan", "adjusted", "executed",
           "period", "execution_rate", "execution_rate_computed", "score", "score_computed",
           "actual_value"}


MODEL = ("tables", "categories", "attributes", "schedule", "duties", "declarations")


def json_tables(doc):
    for key in ("departments", "projects"):
        for t in doc.get(key) or []:
            yield t
            for p in t.get("projects") or []:
                yield p


def json_indicators(t):
    for key in ("indicators", "period_indicators"):
        inds = t.get(key)
        if not inds:
            continue
        for l1 in inds.get("categories") or []:
            for l2 in l1.get("categories") or []:
                for i in l2.get("indicators") or []:
                    yield i


def json_fund_lines(node):
    yield node
    for line in node.get("lines") or []:
        yield from json_fund_lines(line)
    for part in (node.get("partitions") or []) + (node.get("of_which") or []):
        for line in part.get("lines") or []:
            yield from json_fund_lines(line)


def dec(text):
    if isinstance(text, (int, float)):
        text = repr(text)
    if not isinstance(text, str):
        return None if text is None else json.dumps(text, sort_keys=True)
    return format(Decimal(text.replace(",", "")).normalize(), "f") if PLAIN.match(text) else (text or None)


def check_json(ind_rows, fund_rows, json_paths):
    want_inds, want_funds = [], []
    for path in json_paths:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for t in json_tables(doc):
            for i in json_indicators(t):
                tg = i.get("target") or {}
                want_inds.append((i["name"], dec(tg.get("value")), dec(tg.get("high")),
                                  dec(i.get("weight"))))
            if t.get("funds"):
                for line in json_fund_lines(t["funds"]):
                    want_funds.append((line.get("name"), dec(line.get("total"))))
    if ind_rows:
        h = ind_rows[0]
        got = [(r[h.index("indicator")], dec(r[h.index("value")]), dec(r[h.index("high")]),
                dec(r[h.index("weight")])) for r in ind_rows[1:]]
        got = [tuple(None if x == "" else x for x in g) for g in got]
        want = [tuple(None if x == "" else x for x in w) for w in want_inds]
        # dates: the JSON's value is a date object or text; compare names and numbers only
        gotn = sorted((g[0], str(g[3])) for g in got)
        wantn = sorted((w[0], str(w[3])) for w in want)
        if gotn != wantn:
            bad(f"indicators: the sheet's indicators and weights are not the JSON's "
                f"({len(gotn)} against {len(wantn)})")
        for g, w in zip(sorted(got, key=str), sorted(want, key=str)):
            if w[1] is not None and g[1] != w[1]:
                bad(f"indicators: {w[0]}: value {g[1]} is not the JSON's {w[1]}")
    if fund_rows:
        h = fund_rows[0]
        got = sorted((((r[h.index("name")] or None), dec(r[h.index("amount")]))
                      for r in fund_rows[1:]), key=str)
        want = sorted(((n, a) for n, a in want_funds), key=str)
        if [str(x) for x in got] != [str(x) for x in want]:
            bad(f"funds: the sheet's lines and amounts are not the JSON's ({len(got)} against "
                f"{len(want)})")


# --- the form sheets --------------------------------------------------------------------

class Page(html.parser.HTMLParser):
    """The sections of a goalc page: for each, its texts in order and its spanned cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = []
        self.skip = 0
        self.text = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag in ("head", "figure", "svg", "style"):
            self.skip += 1
        if self.skip:
            return
        if tag == "section":
            self.sections.append({"texts": [], "spans": [], "groups": [], "wide": "wide" in cls,
                                  "thead": False, "last": {}})
        elif not self.sections:
            return
        elif tag == "thead":
            self.sections[-1]["thead"] = True
        elif tag in ("h1", "th", "td"):
            self.text = []
            self.cell = {"tag": tag, "cls": cls, "colspan": int(a.get("colspan", 1)),
                         "rowspan": int(a.get("rowspan", 1))}
        elif tag == "p":
            # A piece per span; text after a span, and a span inside one, belong to it.
            self.p, self.pieces, self.depth, self.closed = True, [], 0, False
        elif tag == "span" and self.p:
            self.depth += 1
            if self.depth == 1 and (not self.pieces or self.closed):
                self.pieces.append([])
                self.closed = False
        elif tag == "br" and self.text is not None:
            self.text.append("\n")
        elif tag == "span" and "pts" in cls and self.text is not None:
            self.text.append("\n")

    p = False

    def handle_endtag(self, tag):
        if tag in ("head", "figure", "svg", "style"):
            self.skip -= 1
            return
        if self.skip or not self.sections:
            return
        if tag == "span" and self.p:
            self.depth -= 1
            self.closed = self.depth == 0
        if tag == "p":
            self.p = False
            for piece in self.pieces:
                if "".join(piece):
                    self.sections[-1]["texts"].append({"text": "".join(piece), "amount": False})
        if self.cell is not None and tag == self.cell["tag"]:
            s = self.sections[-1]
            text = "".join(self.text)
            c = self.cell
            level = next((k for k in ("l1", "l2", "section") if k in c["cls"]), None)
            if "cont" in c["cls"]:
                if level and level in s["last"]:
                    s["last"][level]["cont"] = True
            else:
                entry = {"text": text, "amount": "amount" in c["cls"] or "value" in c["cls"],
                         "cont": False}
                if text:
                    s["texts"].append(entry)
                if level:
                    s["last"][level] = entry
                    s["groups"].append(entry)
                if text and (c["colspan"] > 1 or c["rowspan"] > 1):
                    s["spans"].append(text)
            self.cell = None
            self.text = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.text is not None:
            self.text.append(data)
        elif self.p:
            if not self.pieces:
                self.pieces.append([])
            self.pieces[-1].append(data)


ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_ooxml(wb):
    """A string's control characters are stored _xHHHH_ (ECMA-376 §22.9.2.19), which
    Excel and LibreOffice read back and openpyxl 3.0 leaves as they are."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "_x" in cell.value:
                    cell.value = ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), cell.value)


def sheet_texts(ws):
    out = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and cell.value != "":
                out.append(cell)
    return out


def check_form(ws, sec):
    cells = sheet_texts(ws)
    texts = sec["texts"]
    if len(cells) != len(texts):
        bad(f"{ws.title}: {len(cells)} filled cells, the HTML shows {len(texts)} texts")
    for cell, want in zip(cells, texts):
        where = f"{ws.title}!{cell.coordinate}"
        text = want["text"]
        if isinstance(cell.value, (int, float)):
            if not PLAIN.match(text):
                bad(f"{where}: a number {cell.value!r} for {text!r}")
            else:
                same_number(cell, text, where)
        elif cell.value != text:
            bad(f"{where}: {cell.value!r} is not {text!r}")
            return
        elif want["amount"] and numeric_text(text):
            bad(f"{where}: the amount {text} is text, not a number")
    merged = {}
    for rng in ws.merged_cells.ranges:
        v = ws.cell(row=rng.min_row, column=rng.min_col).value
        merged.setdefault(str(v) if v is not None else "", []).append(rng)
    for text in sec["spans"]:
        if not any(True for k in merged if k == text or k.replace(",", "") == text.replace(",", "")):
            if not any(str(k) == str(Decimal(text.replace(",", ""))) for k in merged
                       if PLAIN.match(text)):
                bad(f"{ws.title}: the spanned cell {text!r} is not merged")
    for g in sec["groups"]:
        if g["cont"] and g["text"] and not any(r.min_row < r.max_row for r in merged.get(g["text"], [])):
            bad(f"{ws.title}: {g['text']!r} and its continuation rows are not one merged cell")
    ps = ws.page_setup
    if str(ps.paperSize) != "9":
        bad(f"{ws.title}: paper {ps.paperSize}, not A4 (9)")
    landscape = sec["wide"] or ws.max_column > 9
    if ps.orientation != ("landscape" if landscape else "portrait"):
        bad(f"{ws.title}: {ps.orientation}, {ws.max_column} columns")
    # fitToWidth left out means 1 (ECMA-376 §18.3.1.64)
    if not ws.sheet_properties.pageSetUpPr.fitToPage or str(ps.fitToWidth) not in ("1", "None") or \
            str(ps.fitToHeight) != "0":
        bad(f"{ws.title}: not fitted to one page wide")
    if sec["thead"] and not ws.print_title_rows:
        bad(f"{ws.title}: the header row is not repeated on each page")
    for col in range(1, ws.max_column + 1):
        letter = openpyxl.utils.get_column_letter(col)
        if ws.column_dimensions[letter].width is None or ws.column_dimensions[letter].width < 6:
            bad(f"{ws.title}: column {letter} has no width")


def main(argv):
    if "--" not in argv or len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    cut = argv.index("--")
    book, csvdir, pages, jsons = argv[1], argv[2], argv[3:cut], argv[cut + 1:]
    wb = openpyxl.load_workbook(book)
    unescape_ooxml(wb)
    ind = check_data_sheet(wb, "indicators", f"{csvdir}/indicators.csv")
    funds = check_data_sheet(wb, "funds", f"{csvdir}/funds.csv")
    check_json(ind, funds, jsons)
    sections = []
    for page in pages:
        p = Page()
        with open(page, encoding="utf-8") as f:
            p.feed(f.read())
        sections.extend(p.sections)
    for name in MODEL: # goalc's model sheets (docs/xlsx.md): Excel tables after indicators and funds
        if name not in wb.sheetnames:
            bad(f"no sheet {name}")
        elif name not in wb[name].tables or wb[name].freeze_panes != "A2":
            bad(f"{name}: not an Excel table with its header frozen")
    forms = [n for n in wb.sheetnames if n not in ("indicators", "funds") + MODEL]
    if len(forms) != len(sections):
        bad(f"{len(forms)} form sheets for {len(sections)} tables")
    names = set()
    for name in wb.sheetnames:
        if len(name) > 31 or any(ch in name for ch in "[]:*?/\\") or name.lower() in names:
            bad(f"sheet name {name!r}")
        names.add(name.lower())
    for name, sec in zip(forms, sections):
        check_form(wb[name], sec)
    for e in errors[:40]:
        print(f"{book}: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
