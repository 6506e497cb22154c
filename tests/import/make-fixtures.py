#!/usr/bin/python3
"""make-fixtures.py DIR - the workbooks tests/run-import.sh imports.

Realistic official-form sheets written with openpyxl (python3-openpyxl),
laid out as the seeds and ../shared/domain.md describe: merged 一级/二级
cells, a funds block, text fields found by their labels, and odd layouts
(blank rows, spaced labels, fullwidth colons).  Plus the hostile inputs:
a file that is no zip, a truncated zip, a zip bomb, XML with a DTD, a
sheet with no table, a cell far beyond the limits.  The files are checked
in, so `make check` does not need openpyxl; `make import-fixtures`
regenerates them (the bytes differ by timestamps only).
"""
import io
import os
import sys
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment

out = sys.argv[1] if len(sys.argv) > 1 else "."


def sheet(wb, title, rows, merges=(), first=True):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(row=r, column=c, value=v).alignment = Alignment(wrap_text=True)
    for m in merges:
        ws.merge_cells(m)
    return ws


def save(wb, name):
    wb.save(os.path.join(out, name))


# --- 项目支出绩效目标表: merged categories, a funds block, 12月底前, 定性 ---
wb = Workbook()
sheet(wb, "项目表", [
    ["2024年度项目支出绩效目标表"],
    ["填报单位：（盖章）", None, None, "单位：万元"],
    ["项目名称", "乡村医生培训", "主管部门", "某县卫生健康局"],
    ["实施单位", "某县卫生健康局", "项目属性", "经常性项目"],
    ["项目支出实施期", "1年"],
    ["项目资金", "资金总额", 20, None],
    [None, "其中：财政拨款", 15, None],
    [None, "其他资金", 5, None],
    ["年度目标", "完成 500 名乡村医生培训，提高基层服务能力"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "培训人数", "≥500人"],
    [None, None, "培训课时", "不低于40课时"],
    [None, "质量指标", "培训合格率", "≥ 95%"],
    [None, "时效指标", "完成时间", "12月底前"],
    ["效益指标", "社会效益指标", "乡村医生执业能力", "有所提升"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"],
    ["填表人", "张三", "联系电话", "0000-1234567"],
], merges=["A1:D1", "A6:A8", "A11:A14", "B11:B12", "B9:D9"])
save(wb, "project.xlsx")

# --- number formats (styles.xml): amounts with the decimals their format
# shows (20 as 0.00 is 20.00), a percentage stored 0.95 with 0% (95%), a
# thousands format; a control character in a string (_x000D_) ---
wb = Workbook()
sheet(wb, "项目表", [
    ["2024年度项目支出绩效目标表"],
    ["项目名称", "乡村医生培训", "主管部门", "某县卫生健康局"],
    ["项目资金", "资金总额", 1200, None],
    [None, "其中：财政拨款", 1150.5, None],
    [None, "其他资金", 49.5, None],
    ["年度目标", "完成培训\r任务"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "培训人数", 500],
    [None, "质量指标", "培训合格率", 0.95],
    ["效益指标", "社会效益指标", "乡村医生执业能力", "有所提升"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", 0.9],
], merges=["A1:D1", "A3:A5", "A8:A9"])
ws = wb.active
ws["C3"].number_format = "#,##0.00"
ws["C4"].number_format = "0.00"
ws["C5"].number_format = "0.00"
ws["D8"].number_format = "0"
ws["D9"].number_format = "0%"
ws["D11"].number_format = "0.0%"
save(wb, "styled.xlsx")

# --- 部门整体支出绩效目标表: both partitions, 指标性质 and 度量单位 columns ---
wb = Workbook()
sheet(wb, "部门整体", [
    ["部门整体支出绩效目标表（2024年度）"],
    ["部门名称", "示例市卫生健康局", None, None, "单位：万元"],
    ["年度预算", "资金总额", 1200],
    [None, "一般公共预算", 1000],
    [None, "其他资金", 200],
    [None, "基本支出", 800],
    [None, "项目支出", 400],
    ["部门职能", "（一）贯彻执行卫生健康政策；（二）负责疾病预防控制"],
    ["整体绩效目标", "家庭医生签约服务，基本公共卫生服务"],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "绩效标准"],
    ["产出指标", "数量指标", "家庭医生签约数", "≥", "548000", "人", "计划标准"],
    [None, None, "健康讲座", "≥", 120, "人次", "历史标准"],
    [None, "时效指标", "资金拨付", "≤", "2024年6月底", None, "计划标准"],
    ["效益指标", "社会效益指标", "居民健康素养水平", "≥", 30, "%", "行业标准"],
    [None, "生态效益指标", "不适用", None, None, None, None],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%", "计划标准"],
], merges=["A1:G1", "A3:A7", "A11:A13", "B11:B12", "A14:A15"])
save(wb, "department.xlsx")

# --- 项目支出绩效自评表 (the 2020 national layout) ---
wb = Workbook()
sheet(wb, "自评表", [
    ["项目支出绩效自评表（2024年度）"],
    ["项目名称", "城乡低保资金", None, "主管部门", "示例县民政局"],
    ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, "年度资金总额", 500, 520, 507, 10, "97.5%", 9.75],
    [None, "其中：当年财政拨款", 300, 300, 300, None, None, None],
    [None, "其他资金", 200, 220, 207, None, None, None],
    ["年度总体目标", "预期目标", None, None, "实际完成情况"],
    [None, "保障低保对象基本生活", None, None, "全年发放低保金507万元"],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值",
     "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "月均保障人数", "≥", 1250, "人", 1200, 40, None, "动态退出50人"],
    ["效益指标", "社会效益指标", "困难群众基本生活保障", "定性", "应保尽保", None, "达成年度指标",
     30, 30, None],
    ["满意度指标", "服务对象满意度指标", "受助对象满意度", "≥", 90, "%", 93, 20, None, None],
], merges=["A1:J1", "A3:B3", "A4:A6", "A7:A8", "B7:D7", "B8:D8", "E7:F7", "E8:F8"])
save(wb, "selfeval.xlsx")

# --- odd layout: blank rows, spaced labels, fullwidth colons, an empty
# cell under a merged category, a column of the form's own, an ambiguous
# value, a stray remark ---
wb = Workbook()
ws = sheet(wb, "Sheet1", [
    [],
    ["  项目支出绩效目标表  "],
    [],
    ["项 目 名 称：", None, "疾病预防控制"],
    ["主管部门:", None, "某县卫生健康局"],
    ["年度绩效目标：", None, "完成重点人群健康管理"],
    [],
    ["资金总额（万元）", None, 50],
    [],
    ["一级指标", "二级指标", "三级指标", "指标值", "指标解释"],
    [],
    ["产出指标", "数量指标", "重点人群健康管理", "≥95%", "65岁以上老年人"],
    [None, None, "随访次数", "4次", None],
    [None, "质量指标", "数据准确率", "90%-95%左右", None],
    [],
    ["效益指标", "社会效益指标", "群众健康水平", "稳步提高", None],
    ["满意度指标", None, "群众满意度", "≥ 90 %", None],
    [],
    ["注：本表由系统导出"],
], merges=["A12:A14", "B12:B13"])
save(wb, "odd.xlsx")

# --- hostile inputs -------------------------------------------------------
with open(os.path.join(out, "hostile-not-zip.xlsx"), "w") as f:
    f.write("项目名称,培训\n")
wb = Workbook()
sheet(wb, "Sheet1", [["一级指标", "二级指标", "三级指标"]])
buf = io.BytesIO()
wb.save(buf)
with open(os.path.join(out, "hostile-truncated.xlsx"), "wb") as f:
    f.write(buf.getvalue()[: len(buf.getvalue()) // 2])


def book_with_sheet(name, sheet_xml, strings=None):
    """A minimal workbook whose one sheet is sheet_xml (bytes)."""
    with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)


# A zip bomb: 80 MiB of blanks inside one cell, under 100 KiB packed.
book_with_sheet("hostile-bomb.xlsx",
                b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
                + b" " * (80 << 20) + b"</t></is></c></row></sheetData></worksheet>")
# Entity expansion ("billion laughs"): refused at the DTD.
lol = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">' + "".join(
    '<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(8)) + "]>"
book_with_sheet("hostile-dtd.xlsx",
                lol + '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row></sheetData></worksheet>')
# A sheet with text but no indicator table.
book_with_sheet("hostile-no-table.xlsx",
                '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>会议纪要</t></is></c></row></sheetData></worksheet>')
# A cell at the far corner of a sheet: a grid that size would be gigabytes.
book_with_sheet("hostile-far-cell.xlsx",
                '<worksheet><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>一级指标</t></is></c></row></sheetData></worksheet>')
# Not well-formed XML.
book_with_sheet("hostile-bad-xml.xlsx", '<worksheet><sheetData><row r="1"><c r="A1"></row></worksheet>')

# --- a sheet without 项目名称, funds that do not add up, a stray cell:
# named after the sheet (W0032), the funds kept as comments (W0033), the
# cell kept as a comment (W0030) ---
wb = Workbook()
sheet(wb, "培训项目", [
    ["项目支出绩效目标表"],
    ["主管部门", "某县卫生健康局"],
    ["资金总额", 100],
    ["本级", 60],
    ["上级", 50],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "培训人数", "≥500人"],
    ["效益指标", "社会效益指标", "执业能力", "有所提升"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"],
    [None, None, None, None, "（签章）"],
], merges=["A1:D1"])
save(wb, "unnamed.xlsx")

# --- two sheets holding the same project: the file cannot compile (E0040) ---
wb = Workbook()
rows = [
    ["项目名称", "乡村医生培训", "主管部门", "某县卫生健康局"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "培训人数", "≥500人"],
    ["效益指标", "社会效益指标", "执业能力", "有所提升"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"],
]
sheet(wb, "2024", rows)
sheet(wb, "2024（修订）", rows, first=False)
save(wb, "hostile-twice.xlsx")

# --- a zip that is no workbook: no xl/workbook.xml (E0032) ---
with zipfile.ZipFile(os.path.join(out, "hostile-no-workbook.xlsx"), "w") as z:
    z.writestr("readme.txt", "not a workbook")
