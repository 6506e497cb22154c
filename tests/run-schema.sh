#!/bin/sh
# run-schema.sh GOALC - check goalc's JSON output against schema/goalc.schema.json.
#
# For every examples/*.goal and tests/golden/*.goal, runs
# `GOALC build --format json FILE` and validates the document with a real
# JSON Schema validator (python3 jsonschema, Draft202012Validator), after
# checking the schema itself; the same with --json-locations none, which
# must be the same document without any "location" member.  Also checks that each example's JSON holds all
# of its indicators (expected counts below: a new example needs a line
# there), and that the validator rejects broken documents, so the check is
# known to bite (self-evaluations too: a score as a JSON number, a rate
# with its percent sign, a grade not in the enum, an indicator's
# self-evaluation half there, a year on a phase other than 决算).
# Prints one summary line; exits non-zero on any failure.
set -u
. "$(dirname "$0")/lib.sh"

lib_usage $#
goalc=$1
case $goalc in
/*) ;;
*/*) goalc=$(pwd)/$goalc ;;
esac
if ! command -v "$goalc" >/dev/null 2>&1; then
    echo "run-schema: $goalc: no such program" >&2
    exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$root" || exit 2

# Indicators per example: department and projects together.
expected_counts='
examples/yuanjiang-health-2024.goal 32
examples/wangcheng-health-2023.goal 24
examples/shifan-minzheng-selfeval-2024.goal 15
'

# A python3 that has jsonschema with draft 2020-12 support.
find_python() {
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null 2>&1 &&
            "$py" -c 'from jsonschema import Draft202012Validator' >/dev/null 2>&1; then
            echo "$py"
            return 0
        fi
    done
    return 1
}
if ! python=$(find_python); then
    sh scripts/install-deps.sh test || exit 1
    if ! python=$(find_python); then
        echo "run-schema: no python3 with jsonschema (Draft202012Validator)" >&2
        exit 1
    fi
fi

lib_tmpdir schema

failures=0
: >"$tmp/list"
n=0
for f in examples/*.goal tests/golden/*.goal; do
    [ -f "$f" ] || continue # an unmatched glob stays as written
    n=$((n + 1))
    out="$tmp/$n.json"
    if "$goalc" build --format json "$f" >"$out" 2>"$tmp/$n.err" &&
        "$goalc" build --format json --json-locations none "$f" >"$out.none" 2>>"$tmp/$n.err"; then
        printf '%s\t%s\n' "$f" "$out" >>"$tmp/list"
    else
        echo "FAIL $f: goalc build exited $?:" >&2
        sed 's/^/    /' "$tmp/$n.err" >&2
        failures=$((failures + 1))
    fi
done

"$python" - schema/goalc.schema.json "$tmp/list" "$expected_counts" "$failures" <<'EOF'
import copy
import json
import os
import sys

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

schema_path, list_path, expected_text, build_failures = sys.argv[1:5]
failures = int(build_failures)


def fail(msg):
    global failures
    failures += 1
    print("FAIL " + msg, file=sys.stderr)


with open(schema_path, encoding="utf-8") as fh:
    schema = json.load(fh)
try:
    Draft202012Validator.check_schema(schema)
except SchemaError as e:
    print("FAIL %s: not a valid draft 2020-12 schema: %s" % (schema_path, e.message), file=sys.stderr)
    print("run-schema: FAILED (the schema itself is invalid)")
    sys.exit(1)
validator = Draft202012Validator(schema)

expected = {}
for line in expected_text.split("\n"):
    if line.strip():
        name, count = line.split()
        expected[name] = int(count)


def where(err):
    return "/" + "/".join(str(p) for p in err.absolute_path)


def strip_locations(v):
    if isinstance(v, dict):
        return {k: strip_locations(x) for k, x in v.items() if k != "location"}
    if isinstance(v, list):
        return [strip_locations(x) for x in v]
    return v


def locations(v):
    if isinstance(v, dict):
        return ("location" in v) + sum(locations(x) for x in v.values())
    if isinstance(v, list):
        return sum(locations(x) for x in v)
    return 0


def count_indicators(doc):
    tables = list(doc["departments"]) + list(doc["projects"])
    for d in doc["departments"]:
        tables.extend(d["projects"])
    n = 0
    for t in tables:
        if t["indicators"] is None:
            continue
        for c1 in t["indicators"]["categories"]:
            for c2 in c1["categories"]:
                n += len(c2["indicators"])
    return n


def first_target(doc):
    """The first comparison target of an indicator in doc, or None."""
    tables = list(doc["departments"]) + list(doc["projects"])
    for d in doc["departments"]:
        tables.extend(d["projects"])
    for t in tables:
        for c1 in (t["indicators"] or {"categories": []})["categories"]:
            for c2 in c1["categories"]:
                for ind in c2["indicators"]:
                    if ind["target"]["kind"] == "comparison":
                        return ind["target"]
    return None


docs = []
valid = 0
with open(list_path, encoding="utf-8") as fh:
    entries = [line.rstrip("\n").split("\t") for line in fh if line.strip()]
for source, out in entries:
    try:
        with open(out, encoding="utf-8") as fh:
            doc = json.load(fh)
    except ValueError as e:
        fail("%s: output is not JSON: %s" % (source, e))
        continue
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        for e in errors[:5]:
            fail("%s: %s: %s" % (source, where(e), e.message))
        continue
    valid += 1
    docs.append((source, doc))
    # --json-locations none: valid too, no location anywhere, otherwise the same.
    with open(out + ".none", encoding="utf-8") as fh:
        bare = json.load(fh)
    errors = sorted(validator.iter_errors(bare), key=lambda e: list(e.absolute_path))
    for e in errors[:5]:
        fail("%s --json-locations none: %s: %s" % (source, where(e), e.message))
    if not errors:
        valid += 1
    if bare != strip_locations(doc):
        fail("%s --json-locations none: not the document without its locations" % source)
    if locations(doc) == 0:
        fail("%s: the JSON has no location" % source)

counted = 0
for source, doc in docs:
    if not source.startswith("examples/"):
        continue
    if source not in expected:
        fail("%s: no expected indicator count; add one to tests/run-schema.sh" % source)
        continue
    got = count_indicators(doc)
    if got != expected[source]:
        fail("%s: %d indicators in the JSON, expected %d" % (source, got, expected[source]))
    else:
        counted += 1
for source in expected:
    if not os.path.exists(source):
        fail("%s: expected indicator count given, but no such example" % source)

# Broken documents the schema must reject.
rejected = 0
base = next((d for s, d in docs if first_target(d) is not None), None)
if base is None:
    fail("no valid document with a comparison target to mutate")
else:
    def m_comparator(d):
        first_target(d)["comparator"] = "bogus"

    def m_unknown_top(d):
        d["extra"] = True

    def m_unknown_target(d):
        first_target(d)["colour"] = "red"

    def m_number_value(d):
        t = first_target(d)
        t["value"] = float(t["value"])

    def m_mixed_kind(d):
        t = first_target(d)
        t.clear()
        t.update({"kind": "qualitative", "text": "好", "keyword": True,
                  "comparator": "eq", "written": "定性 \"好\"",
                  "location": {"file": "x.goal", "line": 1, "column": 1}})

    def m_missing_field(d):
        del d["sources"]

    def m_column_zero(d):
        first_target(d)["location"]["column"] = 0

    mutations = [m_comparator, m_unknown_top, m_unknown_target, m_number_value,
                 m_mixed_kind, m_missing_field, m_column_zero]
    for m in mutations:
        d = copy.deepcopy(base)
        m(d)
        if validator.is_valid(d):
            fail("the schema accepts a broken document (%s)" % m.__name__[2:])
        else:
            rejected += 1


def evaluated(doc):
    """The first self-evaluation table of doc and its first indicator, or None."""
    tables = list(doc["departments"]) + list(doc["projects"])
    for d in doc["departments"]:
        tables.extend(d["projects"])
    for t in tables:
        if "evaluation" in t:
            for c1 in t["indicators"]["categories"]:
                for c2 in c1["categories"]:
                    for ind in c2["indicators"]:
                        return t, ind
    return None


# Broken self-evaluations (the example's document).
selfeval = next((d for s, d in docs if evaluated(d) is not None), None)
if selfeval is None:
    fail("no valid document with a self-evaluation to mutate")
else:
    def m_score_number(d):
        evaluated(d)[1]["score"] = 19.2

    def m_score_percent(d):
        evaluated(d)[0]["evaluation"]["execution_rate"] = "97.5%"

    def m_grade_chinese(d):
        evaluated(d)[0]["evaluation"]["grade"] = "优"

    def m_actual_half(d):
        del evaluated(d)[1]["score_computed"]

    def m_phase_year(d):
        evaluated(d)[0]["funds"]["phases"][0]["year"] = 2024

    for m in [m_score_number, m_score_percent, m_grade_chinese, m_actual_half, m_phase_year]:
        d = copy.deepcopy(selfeval)
        m(d)
        if validator.is_valid(d):
            fail("the schema accepts a broken self-evaluation (%s)" % m.__name__[2:])
        else:
            rejected += 1

summary = "%d documents valid, %d indicator counts right, %d broken documents rejected" % (
    valid, counted, rejected)
if failures:
    print("run-schema: FAILED (%d failures); %s" % (failures, summary))
    sys.exit(1)
print("run-schema: ok: " + summary)
EOF
