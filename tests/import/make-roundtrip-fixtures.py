#!/usr/bin/python3
"""make-roundtrip-fixtures.py GOALC DIR - goalc's own workbooks, edited, for
the model sheets' errors (tests/run-import.sh, docs/import.md "The XLSX
round trip").  Each starts as `goalc build --format xlsx` of
tests/golden/duties-health.goal and is changed with openpyxl:

- roundtrip-no-column.xlsx: the sheet duties has lost its column `level`
  (renamed): E0041, nothing written;
- roundtrip-stray-rows.xlsx: rows that name no table (in schedule and
  attributes), a duty row of an unknown level and a category of an unknown
  set: each is a comment and a W0030 line, the rest imports.

The files are checked in (make check needs no openpyxl); `make
import-fixtures` makes them again.
"""
import os
import subprocess
import sys
import tempfile

from openpyxl import load_workbook

goalc, out = sys.argv[1], sys.argv[2]
src = "tests/golden/duties-health.goal"


def built():
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    subprocess.run([goalc, "build", "--format", "xlsx", "-o", path, src], check=True,
                   stderr=subprocess.DEVNULL)
    wb = load_workbook(path)
    os.remove(path)
    return wb


def header(ws, name):
    return [c.value for c in ws[1]].index(name) + 1


def append(ws, values):
    """A row after the last, outside the sheet's Excel table (a reader's edit)."""
    r = ws.max_row + 1
    cols = [c.value for c in ws[1]]
    for k, v in values.items():
        ws.cell(row=r, column=cols.index(k) + 1, value=v)


wb = built()
ws = wb["duties"]
ws.cell(row=1, column=header(ws, "level"), value="层级")
wb.save(os.path.join(out, "roundtrip-no-column.xlsx"))

wb = built()
append(wb["schedule"], {"department": "某县卫生健康局", "project": "不存在的项目",
                        "name": "开工", "when": "2024-03-31 前"})
append(wb["attributes"], {"department": "别的局", "name": "填表人", "text": "张三"})
append(wb["duties"], {"department": "某县卫生健康局", "level": "subtask", "name": "巡查"})
append(wb["categories"], {"department": "某县卫生健康局", "set": "month", "level1": "产出指标",
                          "not_applicable": "false"})
wb.save(os.path.join(out, "roundtrip-stray-rows.xlsx"))
