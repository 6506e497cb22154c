#!/usr/bin/env python3
"""normalise.py FILE.json - the JSON of goalc build with what the xlsx round
trip (docs/import.md, "The XLSX round trip") cannot carry taken out, printed
sorted and indented so that two models compare with diff:
- locations: the input file names and every file/line/column/location key;
- `written`: the source spelling of a value (spaces, 1,200, ≧), not the value;
- the decimals of an amount (4738.00 is 4738: a number cell keeps the value);
- `weight_computed`: whether a category's 分值 was written or summed;
- the table's 框架 and attributes that only rename a header (三级指标 "指标内容").
"""
import json
import re
import sys
from decimal import Decimal, InvalidOperation

DROP = {"file", "files", "line", "column", "col", "location", "locations", "loc",
        "span", "written", "weight_computed", "framework", "inputs"}
NUM = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
HEADERS = {"一级指标", "二级指标", "三级指标", "指标值及单位", "指标值", "绩效标准",
           "年度预算", "分值", "得分", "备注", "名称"}


def norm(v):
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if k in DROP:
                continue
            if k == "attributes" and isinstance(x, list):
                x = [a for a in x if not (isinstance(a, dict) and a.get("name") in HEADERS)]
            out[k] = norm(x)
        return out
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, str) and NUM.match(v):
        try:
            d = Decimal(v).normalize()
            return format(d, "f")
        except InvalidOperation:
            return v
    return v


json.dump(norm(json.load(open(sys.argv[1], encoding="utf-8"))), sys.stdout,
          ensure_ascii=False, indent=1, sort_keys=True)
print()
