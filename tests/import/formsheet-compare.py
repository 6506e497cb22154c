#!/usr/bin/env python3
"""formsheet-compare.py ORIGINAL.json IMPORTED.json - compares the model goalc
built from a source with the model of the file `goalc import` read from that
source's form sheets alone (tests/import/formsheet-roundtrip.sh,
docs/import.md "goalc's own forms read as official forms"), on what an
official form carries; prints each field that differs with both values and
exits 1, or exits 0.

Compared: each table (department or project, by name) with its department,
年度 (a project's as its title shows it: its own or its department's), the
texts, attributes, 实施期, the money unit, every fund line the form prints
(by its path) with its amount, 调整后, 执行, and the total's 分值, 执行率 and
得分; every category (不适用, 分值, 得分) and indicator (by its set, categories
and name) with its target, 标准, 分值, 项目, 备注, 栏, 实际, 得分 and 偏差; the
table's 总分, 得分 and 等级; 进度 and 履职.  A value shown is compared as
shown: a score the form prints is the one written or, when none was, the one
goalc computed; a number by its value (`10.0` is `10`).

Left out, as docs/import.md lists ("What an official form does not carry"):
locations and spellings (`written`, the keyword spellings), whether an amount
or score was written or computed, the phases a form does not print (实施期
and 决算 amounts of fund lines), a fund line's 偏差, 占比 and 计算, a 方向
written beside a comparator that gives it, a 进度 deadline's 前, a carriage
return in a text (the form prints it as a line break), a project's 预算部门
attribute naming its department, the name of a framework of the user's own
(and the 不适用 categories import adds for the framework it declares them
in), and on a self-evaluation form 实施期 and 实施期目标.
"""
import json
import sys
from decimal import Decimal, InvalidOperation

DROP = {"file", "files", "line", "column", "col", "location", "locations", "loc", "span",
        "sources", "written", "comparator_form", "computed", "unit_explicit", "english",
        "format", "version", "direction_written", "deviation_line", "compute", "share",
        "actual_filed", "incomplete", "keyword", "category", "implied"}
# a fund line's phases the form prints (年初预算数 | 全年预算数 | 全年执行数)
PHASES = {"adjusted", "executed"}


def number(v):
    if isinstance(v, str):
        v = v.replace("\r\n", "\n").replace("\r", "\n")  # the form prints a CR as a line break
        try:
            d = Decimal(v.replace(",", ""))
        except InvalidOperation:
            return v
        if d.is_finite():
            return "%s" % d.normalize() if d != d.to_integral() else "%d" % d
    return v


def effective(d):
    """X beside X_computed: the value shown (written, else computed)."""
    out = {}
    for k, v in d.items():
        if k.endswith("_computed") and k[: -len("_computed")] in d:
            continue
        if k + "_computed" in d and v is None:
            v = d[k + "_computed"]
        out[k] = v
    return out


def flat(v, path, out):
    if isinstance(v, dict):
        v = effective(v)
        if "phases" in v:
            v = dict(v)
            for ph in v.pop("phases") or []:
                if ph.get("phase") in PHASES:
                    v[ph["phase"]] = ph.get("amount")
        if "lines" in v and "partitions" in v:  # a fund line: its total as shown
            v = {k: x for k, x in v.items()
                 if k not in ("deviation", "amount", "execution_rate", "score")}
        if "year_in_effect" in v:  # a date: the year it has, written or taken from the table's
            v = dict(v)
            v["year"] = v["year"] if v.get("year") is not None else v.pop("year_in_effect")
            v.pop("year_in_effect", None)
        if "amount_yuan" in v and "level" in v:  # a row of 履职: its amount in 元
            v = {k: x for k, x in v.items() if k not in ("amount", "unit")}
        if path.endswith(".when") and v.get("kind") == "deadline":  # 进度: 前 is not shown
            v = {k: x for k, x in v.items() if k != "comparator"}
        for k, x in v.items():
            if k in DROP:
                continue
            flat(x, path + "." + k if path else k, out)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            key = str(i)
            if isinstance(x, dict) and isinstance(x.get("name"), str):
                key = x["name"] or "(不适用)"
                n = sum(1 for y in v[:i] if isinstance(y, dict) and y.get("name") == x["name"])
                if n:
                    key += "#%d" % n
            elif isinstance(x, dict) and "by" in x:
                key = "按" + x["by"]
            flat(x, path + "[" + key + "]", out)
    else:
        out[path] = number(v)


def tables(doc):
    """name -> table, projects with the 年度 their title shows."""
    out = {}

    def add(t, kind, dept):
        t = dict(t)
        if kind == "project" and t.get("year") is None and dept is not None:
            t["year"] = dept.get("year")
        nested = t.pop("projects", []) or []
        out[kind + " " + t["name"]] = t
        for p in nested:
            add(p, "project", t)

    depts = {d["name"]: d for d in doc.get("departments", [])}
    for d in doc.get("departments", []):
        add(d, "department", None)
    for p in doc.get("projects", []):
        add(p, "project", depts.get(p.get("department")))
    return out


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        a = tables(json.load(f))
    with open(sys.argv[2], encoding="utf-8") as f:
        b = tables(json.load(f))
    fa, fb = {}, {}
    for name, t in a.items():
        flat(t, name, fa)
    for name, t in b.items():
        flat(t, name, fb)
    for name, t in a.items():
        # a framework of the user's own: the form shows its categories, not its name
        fw = (t.get("indicators") or {}).get("framework")
        if fw is not None and fw not in ("2013", "2020", "2021"):
            for k in [k for k in list(fa) + list(fb) if k.startswith(name + ".") and
                      k.endswith("indicators.framework")]:
                fa.pop(k, None)
                fb.pop(k, None)
        # the self-evaluation form prints no 实施期 and no 实施期目标
        if t.get("evaluation") is not None:
            for k in [k for k in list(fa) + list(fb) if k.startswith(name + ".period.") or
                      k == name + ".period" or k == name + ".period_goal"]:
                fa.pop(k, None)
                fb.pop(k, None)
    # a project's 预算部门 attribute naming its department: the form shows the department
    for name, t in a.items():
        for at in t.get("attributes") or []:
            if at.get("name") == "预算部门" and at.get("value") == t.get("department"):
                for k in [k for k in fa if k.startswith(name + ".attributes[预算部门]")]:
                    del fa[k]
    # a level-1 category the framework requires, written 不适用 by import where the source,
    # under a framework of its own, had none
    added = [k[: -len(".not_applicable")] for k, v in fb.items()
             if k.endswith(".not_applicable") and v is True and
             not any(x.startswith(k[: -len(".not_applicable")]) for x in fa)]
    for k in [k for k in fb if any(k.startswith(p) for p in added)]:
        del fb[k]
    bad = 0
    for k in sorted(set(fa) | set(fb)):
        x, y = fa.get(k), fb.get(k)
        if x != y and not ({x, y} <= {None, "", False} or (x in ([], None) and y in ([], None))):
            print("  %s: original %s, imported %s" % (k, json.dumps(x, ensure_ascii=False),
                                                    json.dumps(y, ensure_ascii=False)))
            bad += 1
    return 1 if bad else 0


sys.exit(main())
