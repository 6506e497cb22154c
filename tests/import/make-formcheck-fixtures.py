#!/usr/bin/python3
"""make-formcheck-fixtures.py GOALC DIR - goalc's own workbooks whose form
sheets were edited, as a finance officer edits them in Excel
(tests/run-import.sh, docs/import.md "goalc's own workbook").  Each starts as
`goalc build --format xlsx` of an example and is changed with openpyxl in
its form sheets only, so the data sheets, which import reads, disagree:

- formcheck-goal.xlsx (examples/yuanjiang-health-2024.goal): a target
  ≥95% made ≥98% and its 绩效标准 too, two amounts (6727 made 6800,
  56281.58 made 56208.58, so the block still adds up), the 本年度绩效目标 text
  rewritten, the title's 2024年 made 2025年, the attribute 填表人 changed: one W0034 each, and W0036 once;
- formcheck-selfeval.xlsx (examples/shifan-minzheng-selfeval-2024.goal): an
  实际完成值, a 分值 and a 得分 of an indicator, the 全年执行数 and 得分 of the
  funds block, the 等级 and a 一级's 分值 edited; a form sheet whose 项目支出名称 was renamed and a sheet added
  by hand: W0034 for each value, W0035 for the two sheets;
- formcheck-period.xlsx (tests/golden/columns-forms.goal): in the second
  indicator block (实施期绩效指标) a target ≥1500人 made ≥1600人 and a row
  emptied (deleted); in the first an indicator renamed: W0034 for each, the
  renamed one twice (a row the data lack, a row the form lacks);
- formcheck-forms.xlsx: formcheck-goal.xlsx with its data and model sheets
  deleted, as W0036 says to do: read as official forms, it imports the
  form's values (98%, 6800, the new text, 2025, 张三).

The files are checked in (make check needs no openpyxl); `make
import-fixtures` makes them again.
"""
import os
import subprocess
import sys
import tempfile

from openpyxl import load_workbook

goalc, out = sys.argv[1], sys.argv[2]
DATA = ("indicators", "funds", "tables", "categories", "attributes", "schedule", "duties",
        "declarations")


def built(src):
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    subprocess.run([goalc, "build", "--format", "xlsx", "-o", path, src], check=True,
                   stderr=subprocess.DEVNULL)
    wb = load_workbook(path)
    os.remove(path)
    return wb


def edit(ws, ref, old, new):
    """Changes one cell, checking it held what goalc wrote (the layout has not moved)."""
    if ws[ref].value != old:
        sys.exit(f"make-formcheck-fixtures: {ws.title}!{ref} holds {ws[ref].value!r}, not {old!r}")
    ws[ref].value = new


wb = built("examples/yuanjiang-health-2024.goal")
dept, proj = wb["沅江市卫生健康局"], wb["基本公共卫生服务"]
edit(proj, "E12", "≥95%", "≥98%")
edit(proj, "F12", "≥95%", "≥98%")  # its 绩效标准 too
edit(dept, "C6", 6727, 6800)
edit(dept, "C9", 56281.58, 56208.58)  # so that the block still adds up
edit(proj, "B7", "完成本年度基本公共卫生服务", "全面完成本年度基本公共卫生服务")
edit(dept, "A1", "2024年部门整体支出绩效目标表", "2025年部门整体支出绩效目标表")
edit(proj, "A20", "填表人：肖雨婷", "填表人：张三")
wb.save(os.path.join(out, "formcheck-goal.xlsx"))
for name in DATA:
    del wb[name]
wb.save(os.path.join(out, "formcheck-forms.xlsx"))

wb = built("examples/shifan-minzheng-selfeval-2024.goal")
ws = wb["城乡低保资金"]
edit(ws, "F10", "1,200人", "1,230人")
edit(ws, "G10", 20, 25)
edit(ws, "H10", 19.2, 19.6)
edit(ws, "E4", 507, 510)
edit(ws, "H4", 9.75, 9.9)
edit(ws, "B16", "良", "优")
edit(ws, "B13", "效益指标\n分值 30\n得分 20", "效益指标\n分值 35\n得分 20")
edit(wb["特困人员救助供养"], "B2", "特困人员救助供养", "特困人员供养")
extra = wb.create_sheet("说明")
extra["A1"] = "本表由财务科核对"
wb.save(os.path.join(out, "formcheck-selfeval.xlsx"))

wb = built("tests/golden/columns-forms.goal")
ws = wb["乡村医生培训"]
edit(ws, "E15", "≥1500人", "≥1600人")
edit(ws, "D17", "乡村医生执业能力", None)
edit(ws, "E17", "明显提升", None)
edit(ws, "D13", "学员满意度", "参训学员满意度")
wb.save(os.path.join(out, "formcheck-period.xlsx"))
