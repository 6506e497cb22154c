#!/usr/bin/env python3
"""normalise.py FILE.json... - the JSON of goalc build (several files: one
model, their tables together, in the order given) with what the xlsx round
trip (docs/import.md, "The XLSX round trip") does not keep taken out,
printed sorted and indented so that two models compare with diff:
- locations: the input file names (`sources`) and every file, line, column
  and location key: the imported file is another file;
- the spelling of a target (`written`, `comparator_form`): goalc import
  writes its file in fmt's canonical layout, and fmt writes `大于等于 120`
  as `≥ 120` and `等于 18 家` as `18 家`.  The value, unit, comparator and
  date of every target are compared.
Nothing else is left out: amounts with their decimals, scores written or
computed, attributes, categories (不适用, empty, implied), 进度, 履职, 计算,
占比 and where each project is written must all be equal.
"""
import json
import sys

DROP = {"file", "files", "line", "column", "col", "location", "locations", "loc",
        "span", "sources", "written", "comparator_form"}


def norm(v):
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items() if k not in DROP}
    if isinstance(v, list):
        return [norm(x) for x in v]
    return v


def load(paths):
    doc = {"departments": [], "projects": []}
    for p in paths:
        with open(p, encoding="utf-8") as f:
            one = json.load(f)
        for k in ("departments", "projects"):
            doc[k] += one.get(k, [])
        doc.update({k: v for k, v in one.items() if k not in ("departments", "projects")})
    return doc


json.dump(norm(load(sys.argv[1:])), sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
print()
