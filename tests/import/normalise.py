#!/usr/bin/env python3
"""normalise.py FILE.json... - the JSON (several: one model, their tables together) of goalc build with what the xlsx round
trip (docs/import.md, "The XLSX round trip") cannot carry taken out, printed
sorted and indented so that two models compare with diff:
- locations: the input file names and every file/line/column/location key;
- `written`: the source spelling of a value (spaces, 1,200, ≧), not the value;
- how a value was spelled, not what it is: `comparator_form` (≥ written or
  implied), a target's `keyword` (定性 written), a category's `implied`
  (its name left out), `unit_explicit` (万元 written or inherited), a
  thousands separator in `actual_filed` (1,200人);
- a date's year written or taken from the table (year_in_effect);
- where a project of a department is written (inside 部门 or beside it
  with 部门 "…"): projects are put in their department, sorted by name;
"""
import json
import re
import sys

DROP = {"file", "files", "line", "column", "col", "location", "locations", "loc",
        "span", "written", "sources", "comparator_form"}


def norm(v):
    if isinstance(v, dict):
        if v.get("year") is None and "year_in_effect" in v:
            v = dict(v, year=v["year_in_effect"])
            del v["year_in_effect"]
        out = {}
        for k, x in v.items():
            if k in DROP:
                continue
            if k == "actual_filed" and isinstance(x, str):
                x = re.sub(r"(?<=[0-9]),(?=[0-9]{3})", "", x)
            out[k] = norm(x)
        return out
    if isinstance(v, list):
        return [norm(x) for x in v]
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
json.dump(norm(place_projects(load(args))), sys.stdout,
          ensure_ascii=False, indent=1, sort_keys=True)
print()
