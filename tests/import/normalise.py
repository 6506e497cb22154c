#!/usr/bin/env python3
"""normalise.py FILE.json... - the JSON (several: one model, their tables together) of goalc build with what the xlsx round
trip (docs/import.md, "The XLSX round trip") cannot carry taken out, printed
sorted and indented so that two models compare with diff:
- locations: the input file names and every file/line/column/location key;
- `written`: the source spelling of a value (spaces, 1,200, ≧), not the value;
- the decimals of an amount (4738.00 is 4738: a number cell keeps the value);
- `weight_computed`: whether a category's 分值 was written or summed;
- how a value was spelled, not what it is: `comparator_form` (≥ written or
  implied), a target's `keyword` (定性 written), a category's `implied`
  (its name left out), `unit_explicit` (万元 written or inherited), a
  thousands separator in `actual_filed` (1,200人);
- whether a 得分, 总分, 等级 or 执行率 was written or computed: the form shows
  both, so a computed one comes back written (X null with X_computed is X);
- a date's year written or taken from the table (year_in_effect);
- a project's 年度 written or inherited from its department;
- where a project of a department is written (inside 部门 or beside it
  with 部门 "…"): projects are put in their department, sorted by name;
- the attributes that only rename a header (三级指标 "指标内容").
"""
import json
import re
import sys
from decimal import Decimal, InvalidOperation

DROP = {"file", "files", "line", "column", "col", "location", "locations", "loc",
        "span", "written", "weight_computed", "sources", "comparator_form",
        "keyword", "implied", "unit_explicit"}
NUM = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
HEADERS = {"一级指标", "二级指标", "三级指标", "指标值及单位", "指标值", "绩效标准",
           "年度预算", "年度本级预算金额", "分值", "得分", "备注", "名称"}


def norm(v):
    if isinstance(v, dict):
        if v.get("year") is None and "year_in_effect" in v:
            v = dict(v, year=v["year_in_effect"])
            del v["year_in_effect"]
        for k in ("score", "grade", "total_points", "execution_rate"):
            if k + "_computed" in v:
                c = v[k + "_computed"]
                v = dict(v)
                del v[k + "_computed"]
                if v.get(k) is None and not isinstance(c, bool):
                    v[k] = c
        out = {}
        for k, x in v.items():
            if k in DROP:
                continue
            if k == "attributes" and isinstance(x, list):
                x = [a for a in x if not (isinstance(a, dict) and (a.get("name") in HEADERS or
                                                                   "@" + str(a.get("name")) in DROP))]
            if k == "actual_filed" and isinstance(x, str):
                x = re.sub(r"(?<=[0-9]),(?=[0-9]{3})", "", x)
            out[k] = norm(x)
        return out
    if isinstance(v, list):
        if "empty-categories" in DROP:  # a category written with no indicators, not 不适用
            v = [x for x in v if not (isinstance(x, dict) and "category" in x and
                                      x.get("indicators") == [] and not x.get("not_applicable")
                                      and not x.get("categories"))]
        return [norm(x) for x in v]
    if isinstance(v, str) and NUM.match(v):
        try:
            d = Decimal(v).normalize()
            return format(d, "f")
        except InvalidOperation:
            return v
    return v


def place_projects(doc):
    depts = {d.get("name"): d for d in doc.get("departments", [])}
    top = []
    for p in doc.get("projects", []):
        d = depts.get(p.get("department"))
        (d.setdefault("projects", []) if d is not None else top).append(p)
    doc["projects"] = sorted(top, key=lambda p: str(p.get("name")))
    for d in depts.values():
        d["projects"] = sorted(d.get("projects", []), key=lambda p: str(p.get("name")))
        for p in d["projects"]:
            if p.get("year") == d.get("year"):
                p["year"] = None
    return doc


def load(paths):
    doc = {"departments": [], "projects": []}
    for p in paths:
        one = json.load(open(p, encoding="utf-8"))
        for k in ("departments", "projects"):
            doc[k] += one.get(k, [])
        doc.update({k: v for k, v in one.items() if k not in ("departments", "projects")})
    doc["departments"].sort(key=lambda d: str(d.get("name")))
    return doc


args = sys.argv[1:]
# a case's known loss (run-import.sh names it): KEY drops a key, @NAME an attribute
if args and args[0].startswith("--drop="):
    DROP |= set(args.pop(0)[len("--drop="):].split(","))
json.dump(norm(place_projects(load(args))), sys.stdout,
          ensure_ascii=False, indent=1, sort_keys=True)
print()
