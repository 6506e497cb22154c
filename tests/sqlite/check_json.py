#!/usr/bin/env python3
"""check_json.py DB JSON... - the SQLite database against goalc's JSON.

Every table, fund line, category and indicator of the JSON documents (one
per input, in the order the database was built from) must be in the
database with the same values: names, years, amounts and totals as exact
strings, targets (kind, comparator, value, unit, dates, text), weights and
scores, and the same locations (file, line, column); and the database must
hold nothing more.  Prints what differs; exit status 1 when anything does.
"""
import json
import sqlite3
import sys

failures = []


def fail(msg):
    failures.append(msg)


def loc(o):
    l = o["location"]
    return (l["file"], l["line"], l["column"])


def same(what, want, got):
    if want != got:
        fail(f"{what}: JSON {want!r}, database {got!r}")


def main():
    db = sqlite3.connect(sys.argv[1])
    db.row_factory = sqlite3.Row
    docs = [json.load(open(p, encoding="utf-8")) for p in sys.argv[2:]]

    def where(row):
        path = db.execute("SELECT path FROM sources WHERE id = ?", (row["source_id"],)).fetchone()[0]
        return (path, row["line"], row["col"])

    tables = {}
    for row in db.execute("SELECT * FROM goal_tables ORDER BY id"):
        tables[(row["kind"],) + where(row)] = row
    seen_tables = set()
    counts = {"fund_lines": 0, "categories": 0, "indicators": 0}

    def check_target(what, t, row):
        same(what + " kind", t["kind"], row["kind"])
        if t["kind"] == "comparison":
            same(what + " comparator", t["comparator"], row["comparator"])
            same(what + " comparator_form", t["comparator_form"], row["comparator_form"])
            same(what + " value", t["value"], row["value"])
            same(what + " unit", t["unit"], row["unit"])
        elif t["kind"] == "range":
            same(what + " low", t["low"]["value"], row["value"])
            same(what + " high", t["high"]["value"], row["high"])
            same(what + " unit", t["high"]["unit"] or t["low"]["unit"], row["unit"])
        elif t["kind"] == "qualitative":
            same(what + " text", t["text"], row["text"])
        elif t["kind"] in ("deadline", "period"):
            if t["kind"] == "deadline":
                same(what + " comparator", t["comparator"], row["comparator"])
                dates = ((t["date"], row["date"]),)
            else:
                dates = ((t["from"], row["date"]), (t["to"], row["date_to"]))
            for d, got in dates:
                # the table's year stands for a year not written: only the rest is compared then
                want = f"{d['month']:02d}" + (f"-{d['day']:02d}" if d["day"] else "")
                if d["year"] is not None:
                    want = f"{d['year']:04d}-" + want
                if got is None or not got.endswith(want) or (d["year"] is not None and got != want):
                    fail(f"{what} date: JSON {d}, database {got!r}")
        same(what + " written", t["written"], row["written"])
        same(what + " location", loc(t), where(row))

    def check_funds(table_id, node, name, what):
        rows = db.execute(
            "SELECT * FROM fund_lines WHERE table_id = ? AND line = ? AND col = ?",
            (table_id, node["location"]["line"], node["location"]["column"])).fetchall()
        if len(rows) != 1:
            fail(f"{what}: {len(rows)} rows in fund_lines")
            return
        row = rows[0]
        counts["fund_lines"] += 1
        same(what + " name", name, row["name"])
        same(what + " amount", node["amount"], row["amount"])
        same(what + " total", node["total"], row["total"])
        same(what + " computed", int(node["computed"]), row["computed"])
        for k in ("execution_rate", "weight", "score", "deviation"):
            if k in node:
                same(f"{what} {k}", node[k], row[k])
        for p in node.get("phases", []):
            if p["total"] is None:
                continue
            ph = db.execute(
                "SELECT * FROM fund_phases WHERE fund_line_id = ? AND phase = ? AND year IS ?",
                (row["id"], p["phase"], p["year"])).fetchall()
            if len(ph) != 1:
                fail(f"{what} phase {p['phase']} {p['year']}: {len(ph)} rows")
                continue
            same(f"{what} {p['phase']} total", p["total"], ph[0]["total"])
            same(f"{what} {p['phase']} amount", p["amount"], ph[0]["amount"])
        for line in node["lines"]:
            check_funds(table_id, line, line["name"], f"{what}/{line['name']}")
        for part in node["partitions"]:
            for line in part["lines"]:
                check_funds(table_id, line, line["name"], f"{what}/按{part['by']}/{line['name']}")
                r = db.execute("SELECT partition FROM fund_lines WHERE table_id = ? AND line = ? AND col = ?",
                               (table_id, line["location"]["line"], line["location"]["column"])).fetchone()
                if r is not None:
                    same(f"{what}/{line['name']} partition", part["by"], r[0])
        for part in node["of_which"]:
            for line in part["lines"]:
                check_funds(table_id, line, line["name"], f"{what}/其中/{line['name']}")

    def check_category(table_id, c, parent_id, level, what, indicator_set="year"):
        rows = db.execute(
            "SELECT * FROM categories WHERE table_id = ? AND line = ? AND col = ? AND level = ?",
            (table_id, c["location"]["line"], c["location"]["column"], level)).fetchall()
        if len(rows) != 1:
            fail(f"{what}: {len(rows)} rows in categories")
            return
        row = rows[0]
        counts["categories"] += 1
        same(what + " name", c["name"], row["name"])
        same(what + " canonical", c["category"], row["canonical"])
        same(what + " level", level, row["level"])
        same(what + " parent", parent_id, row["parent_id"])
        same(what + " not_applicable", int(c["not_applicable"]), row["not_applicable"])
        same(what + " implied", int(c.get("implied", False)), row["implied"])
        same(what + " indicator_set", indicator_set, row["indicator_set"])
        for k in ("weight", "score", "score_computed"):
            if k in c:
                same(f"{what} {k}", c[k], row[k])
        for sub in c.get("categories", []):
            check_category(table_id, sub, row["id"], 2, f"{what}/{sub['name']}", indicator_set)
        for ind in c.get("indicators", []):
            check_indicator(table_id, row["id"], ind, f"{what}/{ind['name']}")

    def check_indicator(table_id, category_id, ind, what):
        rows = db.execute(
            "SELECT * FROM indicators WHERE table_id = ? AND line = ? AND col = ?",
            (table_id, ind["location"]["line"], ind["location"]["column"])).fetchall()
        if len(rows) != 1:
            fail(f"{what}: {len(rows)} rows in indicators")
            return
        row = rows[0]
        counts["indicators"] += 1
        same(what + " name", ind["name"], row["name"])
        same(what + " category", category_id, row["category_id"])
        for k in ("weight", "item", "note", "score", "score_computed", "deviation", "direction"):
            if k in ind:
                same(f"{what} {k}", ind[k], row[k])
        for role, t in (("target", ind["target"]), ("standard", ind.get("standard")),
                        ("actual", ind.get("actual"))):
            trow = db.execute("SELECT * FROM targets WHERE indicator_id = ? AND role = ?",
                              (row["id"], role)).fetchone()
            if t is None:
                if trow is not None:
                    fail(f"{what}: a {role} in the database only")
                continue
            if trow is None:
                fail(f"{what}: no {role} in the database")
                continue
            check_target(f"{what} {role}", t, trow)

    def check_table(t, kind, what, parent_year=None):
        key = (kind,) + loc(t)
        row = tables.get(key)
        if row is None:
            fail(f"{what}: not in goal_tables")
            return
        seen_tables.add(key)
        same(what + " name", t["name"], row["name"])
        # a project inside a department without a 年度 of its own has the department's
        same(what + " year", t["year"] if t["year"] is not None else parent_year, row["year"])
        if kind == "project":
            same(what + " department", t["department"], row["department"])
        for k in ("goal", "duties", "period_goal"):
            if k in t:
                same(f"{what} {k}", t[k], row[k])
        attrs = db.execute("SELECT name, value FROM attributes WHERE table_id = ? ORDER BY id",
                           (row["id"],)).fetchall()
        same(what + " attributes", [(a["name"], a["value"]) for a in t["attributes"]],
             [(a[0], a[1]) for a in attrs])
        if t["funds"] is not None:
            check_funds(row["id"], t["funds"], None, what + " 资金")
        if t["indicators"] is not None:
            same(what + " framework", t["indicators"]["framework"], row["framework"])
            for c in t["indicators"]["categories"]:
                check_category(row["id"], c, None, 1, f"{what} {c['name']}")
        if t.get("period_indicators") is not None:
            for c in t["period_indicators"]["categories"]:
                check_category(row["id"], c, None, 1, f"{what} 实施期指标 {c['name']}", "period")
        if "evaluation" in t:
            e = t["evaluation"]
            same(what + " score", e["score"], row["score"])
            same(what + " score_computed", e["score_computed"], row["score_computed"])
        for p in t.get("projects", []):
            check_table(p, "project", f"{what}/{p['name']}", row["year"])

    # A top-level project without 年度 has the one of the department its 部门 names,
    # in whichever input that department is.
    department_years = {d["name"]: d["year"] for doc in docs for d in doc["departments"]}
    for doc in docs:
        for d in doc["departments"]:
            check_table(d, "department", d["name"])
        for p in doc["projects"]:
            check_table(p, "project", p["name"], department_years.get(p.get("department")))

    same("tables", len(tables), len(seen_tables))
    for name, n in counts.items():
        same(f"rows of {name}", n, db.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0])
    for f in failures[:40]:
        print("FAIL:", f)
    if not failures:
        print(f"sqlite-vs-json: {len(tables)} tables, {counts['fund_lines']} fund lines, "
              f"{counts['categories']} categories, {counts['indicators']} indicators agree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
