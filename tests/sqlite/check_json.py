#!/usr/bin/env python3
"""check_json.py DB JSON... - the SQLite database against goalc's JSON.

Every table, fund line, category and indicator of the JSON documents (one
per input, in the order the database was built from) must be in the
database with the same values: names, years, amounts and totals as exact
strings, targets (kind, comparator, value, unit, dates, text), weights and
scores, and the same locations (file, line, column); and so must every
other construct (schema version 3): each row's 栏 (column_cells, under the
form_columns of its set), the duty table (duty_rows), the schedule
(schedule_rows), each 计算 (computations, and its operands in
computation_inputs: the indicators and fund lines it names, with their
values) and each 占比 (shares).  The database must hold nothing more.  Prints what differs; exit status 1 when anything does.
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
        if isinstance(row, tuple):
            source_id, line, col = row
        else:
            source_id, line, col = row["source_id"], row["line"], row["col"]
        path = db.execute("SELECT path FROM sources WHERE id = ?", (source_id,)).fetchone()[0]
        return (path, line, col)

    tables = {}
    for row in db.execute("SELECT * FROM goal_tables ORDER BY id"):
        tables[(row["kind"],) + where(row)] = row
    seen_tables = set()
    counts = {"fund_lines": 0, "categories": 0, "indicators": 0, "column_cells": 0,
              "duty_rows": 0, "schedule_rows": 0, "computations": 0, "computation_inputs": 0,
              "shares": 0}
    column_names = {}  # (table_id, row_set) -> the 栏 names its rows write

    def check_cells(what, table_id, row_set, key, row_id, node):
        """The 栏 of one row: column_cells in order, under their form_columns."""
        want = [(c["name"], c["text"], loc(c)) for c in node.get("columns", [])]
        rows = db.execute(
            f"SELECT c.name, x.text, x.source_id, x.line, x.col, c.table_id, c.row_set, x.position "
            f"FROM column_cells x JOIN form_columns c ON c.id = x.column_id "
            f"WHERE x.{key} = ? ORDER BY x.position", (row_id,)).fetchall()
        got = [(r[0], r[1], where(r[2:5])) for r in rows]
        same(what + " 栏", want, got)
        for r in rows:
            same(what + " 栏 set", (table_id, row_set), (r[5], r[6]))
        same(what + " 栏 positions", list(range(1, len(rows) + 1)), [r[7] for r in rows])
        counts["column_cells"] += len(rows)
        column_names.setdefault((table_id, row_set), set()).update(c["name"] for c in node.get("columns", []))

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
        check_cells(what, table_id, "funds", "fund_line_id", row["id"], node)
        sh = db.execute("SELECT * FROM shares WHERE fund_line_id = ?", (row["id"],)).fetchone()
        if "share" not in node:
            if sh is not None:
                fail(f"{what}: a 占比 in the database only")
        elif sh is None:
            fail(f"{what}: no 占比 in the database")
        else:
            counts["shares"] += 1
            s = node["share"]
            same(what + " 占比 percent", s["percent"], sh["percent"])
            same(what + " 占比 value", s["value"], sh["value"])
            same(what + " 占比 matches", None if s["matches"] is None else int(s["matches"]), sh["matches"])
            same(what + " 占比 of", row["parent_id"] if row["parent_id"] is not None else row["id"],
                 sh["whole_id"])
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
            check_indicator(table_id, row["id"], ind, f"{what}/{ind['name']}", indicator_set)

    def check_indicator(table_id, category_id, ind, what, indicator_set):
        rows = db.execute(
            "SELECT * FROM indicators WHERE table_id = ? AND line = ? AND col = ?",
            (table_id, ind["location"]["line"], ind["location"]["column"])).fetchall()
        if len(rows) != 1:
            fail(f"{what}: {len(rows)} rows in indicators")
            return
        row = rows[0]
        counts["indicators"] += 1
        check_cells(what, table_id, indicator_set, "indicator_id", row["id"], ind)
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

    def set_indicators(block):
        """The indicators of one 指标 block, in order."""
        out = []
        for c1 in block["categories"]:
            for c2 in c1.get("categories", []):
                out.extend(c2.get("indicators", []))
        return out

    def check_computations(table_id, block, what):
        """Each 计算 of the set: computations, and its operands in computation_inputs."""
        inds = set_indicators(block)
        first = {}
        for i in inds:
            first.setdefault(i["name"], i)
        for ind in inds:
            r = db.execute(
                "SELECT c.*, i.id AS ind_id FROM computations c JOIN indicators i ON i.id = c.indicator_id "
                "WHERE i.table_id = ? AND i.line = ? AND i.col = ?",
                (table_id, ind["location"]["line"], ind["location"]["column"])).fetchone()
            w = f"{what}/{ind['name']} 计算"
            if "compute" not in ind:
                if r is not None:
                    fail(f"{w}: in the database only")
                continue
            if r is None:
                fail(f"{w}: not in the database")
                continue
            counts["computations"] += 1
            c = ind["compute"]
            same(w + " expression", c["expression"], r["expression"])
            same(w + " value", c["value"], r["value"])
            same(w + " matches", None if c["matches"] is None else int(c["matches"]), r["matches"])
            same(w + " unit", c["unit"], r["unit"])
            inputs = db.execute("SELECT * FROM computation_inputs WHERE computation_id = ? ORDER BY position",
                                (r["id"],)).fetchall()
            counts["computation_inputs"] += len(inputs)
            same(w + " positions", list(range(1, len(inputs) + 1)), [x["position"] for x in inputs])
            # The operands, as written, are the expression's leaves in order.
            flat = "".join(c["expression"].split())
            at = 0
            for x in inputs:
                leaf = "".join(x["written"].split())
                k = flat.find(leaf, at)
                if k < 0:
                    fail(f"{w}: operand {x['written']!r} not in {c['expression']!r} after position {at}")
                else:
                    at = k + len(leaf)
                if x["kind"] == "indicator":
                    name = x["written"].strip('"')
                    target = first.get(name, {}).get("target") or {}
                    got = db.execute("SELECT name, table_id FROM indicators WHERE id = ?",
                                     (x["indicator_id"],)).fetchone()
                    same(f"{w} operand {name}", (name, table_id), tuple(got) if got else None)
                    same(f"{w} operand {name} value", target.get("value"), x["value"])
                    same(f"{w} operand {name} unit", target.get("unit"), x["unit"])
                elif x["kind"] == "fund":
                    got = db.execute("SELECT name, total, table_id FROM fund_lines WHERE id = ?",
                                     (x["fund_line_id"],)).fetchone()
                    words = x["written"].split()
                    same(f"{w} operand {x['written']}",
                         (words[-1] if len(words) > 1 else None, x["value"], table_id),
                         tuple(got) if got else None)
                else:
                    same(f"{w} operand {x['written']}", (None, None), (x["indicator_id"], x["fund_line_id"]))
                    same(f"{w} operand {x['written']} value", x["written"].split()[0], x["value"])

    def check_duty(table_id, r, parent_id, what):
        rows = db.execute("SELECT * FROM duty_rows WHERE table_id = ? AND line = ? AND col = ?",
                          (table_id, r["location"]["line"], r["location"]["column"])).fetchall()
        if len(rows) != 1:
            fail(f"{what}: {len(rows)} rows in duty_rows")
            return
        row = rows[0]
        counts["duty_rows"] += 1
        for k in ("level", "name", "amount", "unit", "amount_yuan"):
            same(f"{what} {k}", r[k], row[k])
        same(what + " parent", parent_id, row["parent_id"])
        same(what + " location", loc(r), where(row))
        same(what + " computed", int(r["amount"] is None and r["amount_yuan"] is not None), row["computed"])
        if r["level"] == "project":
            p = db.execute("SELECT kind, name FROM goal_tables WHERE id = ?", (row["project_id"],)).fetchone()
            same(what + " project", ("project", r["name"]), tuple(p) if p else None)
        else:
            same(what + " project", None, row["project_id"])
        for sub in r.get("rows", []):
            check_duty(table_id, sub, row["id"], f"{what}/{sub['name']}")

    def iso(d, year):
        y = d["year"] if d["year"] is not None else year
        return (f"{y:04d}-" if y else "") + f"{d['month']:02d}" + (f"-{d['day']:02d}" if d["day"] else "")

    def check_schedule(table_id, t, year, what):
        rows = db.execute("SELECT * FROM schedule_rows WHERE table_id = ? ORDER BY position",
                          (table_id,)).fetchall()
        want = t.get("schedule", [])
        same(what + " 进度 rows", len(want), len(rows))
        counts["schedule_rows"] += len(rows)
        for k, (s, row) in enumerate(zip(want, rows)):
            w = f"{what} 进度 {s['name']}"
            v = s["when"]
            same(w + " position", k + 1, row["position"])
            same(w + " name", s["name"], row["name"])
            same(w + " location", loc(s), where(row))
            same(w + " kind", v["kind"], row["kind"])
            same(w + " written", v["written"], row["written"])
            if v["kind"] == "qualitative":
                same(w + " text", v["text"], row["text"])
                same(w + " days", (None, None), (row["first_day"], row["last_day"]))
            elif v["kind"] == "deadline":
                same(w + " comparator", (v["comparator"], v["comparator_form"]),
                     (row["comparator"], row["comparator_form"]))
                same(w + " date", iso(v["date"], year), row["date"])
            else:
                same(w + " dates", (iso(v["from"], year), iso(v["to"], year)), (row["date"], row["date_to"]))
            if v["kind"] != "qualitative" and year is not None:
                first = row["first_day"] or ""
                same(w + " first day", row["date"], first[:len(row["date"])])

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
        for block in (t["indicators"], t.get("period_indicators")):
            if block is not None:
                check_computations(row["id"], block, what)
        for r in t.get("duty_table", []):
            check_duty(row["id"], r, None, f"{what} 履职 {r['name']}")
        check_schedule(row["id"], t, row["year"], what)
        p = t.get("period")
        if p is not None and p["kind"] == "period":
            y = row["year"]
            same(what + " period_from", iso(p["from"], y), (row["period_from"] or "")[:len(iso(p["from"], y))])
            same(what + " period_to", iso(p["to"], y), (row["period_to"] or "")[:len(iso(p["to"], y))])
        else:
            same(what + " period days", (None, None), (row["period_from"], row["period_to"]))
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
    # form_columns: one row a 栏 name of each set, and only those the rows write.
    want_columns = sorted((k[0], k[1], n) for k, names in column_names.items() for n in names)
    same("form_columns", want_columns,
         sorted(tuple(r) for r in db.execute("SELECT table_id, row_set, name FROM form_columns")))
    for name, n in counts.items():
        same(f"rows of {name}", n, db.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0])
    for f in failures[:40]:
        print("FAIL:", f)
    if not failures:
        print(f"sqlite-vs-json: {len(tables)} tables, "
              + ", ".join(f"{n} {k}" for k, n in counts.items()) + " agree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
