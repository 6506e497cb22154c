#!/usr/bin/env python3
"""check_docs.py DOC DB DIR... - docs/sqlite.md against the database and the queries.

- every table and view of DB has a section in DOC headed ### `name`, and
  each table's section lists every column, in order, as the first cell of
  a Markdown table row (| `column` | ...); a documented table or view that
  the database lacks is an error too;
- every DIR/NAME.sql (DIR: tests/sqlite, tests/sqlite/constructs) is in
  DOC as a ```sql block whose first line is "-- DIR/NAME.sql", with the
  file's text, and the ```text block
  after it is DIR/NAME.expected: the queries and answers the page shows
  are the ones make check runs.
Prints what differs; exit status 1 when anything does.
"""
import os
import re
import sqlite3
import sys


def main():
    doc_path, db_path, qdirs = sys.argv[1], sys.argv[2], sys.argv[3:]
    doc = open(doc_path, encoding="utf-8").read()
    db = sqlite3.connect(db_path)
    failures = []

    sections = {}
    for m in re.finditer(r"^### `([a-z_0-9]+)`\n(.*?)(?=^#{2,3} |\Z)", doc, re.M | re.S):
        sections[m.group(1)] = m.group(2)
    objects = db.execute(
        "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").fetchall()
    names = {n for n, _ in objects}
    for name, kind in objects:
        if name not in sections:
            failures.append(f"the {kind} {name} has no section ### `{name}` in {doc_path}")
            continue
        if kind != "table":
            continue
        want = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
        got = re.findall(r"^\| `([a-z_0-9]+)` \|", sections[name], re.M)
        if want != got:
            failures.append(f"{doc_path}, ### `{name}`: columns {got}, the database has {want}")
    for name in sections:
        if name not in names:
            failures.append(f"{doc_path} documents ### `{name}`, which the database does not have")

    blocks = re.findall(r"```sql\n(-- (tests/sqlite/[^\n]+\.sql)\n.*?)```\n(?:.*?)```text\n(.*?)```",
                        doc, re.S)
    shown = {path: (sql, out) for sql, path, out in blocks}
    queries = []
    for qdir in qdirs:
        for q in sorted(f for f in os.listdir(qdir) if f.endswith(".sql")):
            path = f"{qdir.rstrip('/')}/{q}"
            queries.append(path)
            text = open(path, encoding="utf-8").read()
            expected = open(path[:-4] + ".expected", encoding="utf-8").read()
            if path not in shown:
                failures.append(f"{path} is not in {doc_path} (a ```sql block starting '-- {path}')")
                continue
            sql, out = shown[path]
            if sql != "-- " + path + "\n" + text:
                failures.append(f"{doc_path}: the query {path} differs from the file")
            if out != expected:
                failures.append(f"{doc_path}: the answer shown for {path} differs from "
                                f"{path[:-4]}.expected")
    for path in shown:
        if path not in queries:
            failures.append(f"{doc_path} shows {path}, which does not exist")
    if len(queries) < 10:
        failures.append(f"{len(queries)} queries in {' '.join(qdirs)}; docs/sqlite.md promises ten")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
