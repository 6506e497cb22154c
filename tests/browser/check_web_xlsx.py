#!/usr/bin/env python3
"""check_web_xlsx.py WORKBOOK - the XLSX the web page downloaded opens with
openpyxl and holds the typed table: its department's sheet, and the
indicators sheet with the fixed indicator in 公里 (tests/browser/web.mjs)."""
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
names = book.sheetnames
cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
         if c.value is not None]
problems = []
if "indicators" not in names:
    problems.append(f"no sheet 'indicators' among {names}")
if not any("某县交通运输局" in c for c in cells):
    problems.append("the department 某县交通运输局 is in no cell")
if not any("新建农村公路" in c for c in cells):
    problems.append("the indicator 新建农村公路 is in no cell")
if not any("公里" in c for c in cells):
    problems.append("the unit 公里 (the quick fix) is in no cell")
for p in problems:
    print("FAIL: xlsx:", p)
if not problems:
    print(f"xlsx: opens with openpyxl, sheets {names}, {len(cells)} cells")
sys.exit(1 if problems else 0)
