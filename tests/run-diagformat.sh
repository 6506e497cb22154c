#!/bin/sh
# run-diagformat.sh GOALC - `--diagnostics-format json|sarif`.
#
# JSON Lines: for every tests/errors/*.goal, each line parses (python3
# json) and the header lines rebuilt from the objects - file:line:col,
# severity, code, message, notes in order - equal those of the text
# rendering (which run-errors.sh holds to the .err files); line, column and
# their ends agree with the byte offsets, recomputed here from the file; a
# single-line range is exactly as wide as the text's underline; a few
# files' codes and ranges are pinned as their .err files show them.  A
# note, a Chinese case, a diagnostic without a place, several files,
# build's streams, usage errors, the example of docs/diagnostics.md.
# SARIF: one log for several files, and for a clean file (no results),
# validated against the SARIF 2.1.0 JSON schema in tests/schema/ (python3
# jsonschema, draft 4); its results agree with the JSON lines; URIs are
# percent-encoded; the schema rejects broken logs, so the check bites.
# Prints "diagformat: N passed, M failed"; exits non-zero on any failure.
set -u
. "$(dirname "$0")/lib.sh"
lib_usage $#
goalc=$(lib_abs "$1")
root=$(cd "$(dirname "$0")/.." && pwd) || exit 2
cd "$root" || exit 2

find_python() {
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null 2>&1 &&
            "$py" -c 'from jsonschema import Draft4Validator' >/dev/null 2>&1; then
            echo "$py"
            return 0
        fi
    done
    return 1
}
if ! python=$(find_python); then
    sh scripts/install-deps.sh test || exit 1
    python=$(find_python) || { echo "run-diagformat: no python3 with jsonschema" >&2; exit 1; }
fi

lib_tmpdir diagformat

NO_COLOR=1 "$python" - "$goalc" "$tmp" <<'EOF'
import copy
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata
import urllib.parse

from jsonschema import Draft4Validator, FormatChecker

goalc, tmp = sys.argv[1:3]
passed = failed = 0
clean = os.path.join(tmp, "clean.goal")  # no diagnostics at all (the examples have warnings)
with open(clean, "w", encoding="utf-8") as fh:
    # every field the form asks for (W0509), and nothing a warning speaks about
    fh.write('部门 "局" { 年度 2024  资金 100  目标 "培训"  指标 { 产出指标 { 数量指标 { "人数" ≥ 5 人 } }'
             '  效益指标 { 不适用 }  满意度指标 { 不适用 } } }\n')
SCHEMA = "tests/schema/sarif-2.1.0-rtm.5.json"


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL " + what)
    return cond


def run(*args, cwd=None):
    p = subprocess.run([goalc] + list(args), capture_output=True, cwd=cwd)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def json_lines(text, what):
    objs = []
    for n, line in enumerate(text.splitlines(), 1):
        try:
            objs.append(json.loads(line))
        except ValueError as e:
            ok(False, "%s: line %d is not JSON: %s" % (what, n, e))
    return objs


LOCATED = ["file", "line", "column", "end_line", "end_column", "offset", "end_offset"]
BASE = ["code", "name", "severity", "message"]


def shape_ok(obj, top, what):
    keys = list(obj)
    want = (BASE + (LOCATED if "file" in obj else []) + (["suggestion"] if "suggestion" in obj else [])
            + (["notes"] if top else []))
    if not ok(keys == want, "%s: keys %s, expected %s" % (what, keys, want)):
        return False
    return all(shape_ok(n, False, what + " note") for n in obj.get("notes", []))


WORDS = {"en": {"error": "error", "warning": "warning", "note": "note"},
         "zh": {"error": "错误", "warning": "警告", "note": "注"}}


def header(obj, lang):
    where = "%s:%d:%d: " % (obj["file"], obj["line"], obj["column"]) if "file" in obj else "goalc: "
    code = "" if obj["severity"] == "note" else "[%s]" % obj["code"]
    return "%s%s%s: %s" % (where, WORDS[lang][obj["severity"]], code, obj["message"])


def flatten(objs):
    for o in objs:
        yield o
        yield from o["notes"]


# Positions recomputed from the bytes: columns count characters, that is
# bytes that do not continue a UTF-8 sequence; a leading BOM is not one.
def position(data, offset):
    start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    if start == 0 and data.startswith(b"\xef\xbb\xbf") and offset >= 3:
        start = 3
    col = sum(1 for b in data[start:offset] if b & 0xC0 != 0x80) + 1
    return line, col


def width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# --- JSON Lines against the text, for every tests/errors file ---------------
files = sorted(glob.glob("tests/errors/*.goal"))
for src in files:
    with open(src, "rb") as fh:
        data = fh.read()
    lang = "zh" if data.startswith(b"# lang: zh") else "en"
    status, out, err = run("check", "--diagnostics-format", "json", "--lang", lang, src)
    # The text rendering, which run-errors.sh holds to the .err file.
    text_status, _, text = run("check", "--lang", lang, src)
    ok(status == text_status, "%s: exit %d, text gives %d" % (src, status, text_status))
    ok(err == "", "%s: stderr not empty: %r" % (src, err[:200]))
    objs = json_lines(out, src)
    if not all(shape_ok(o, True, src) for o in objs):
        continue
    expected = text.split("\n")
    want = [l for l in expected if l and not l.startswith(" ")]
    got = [header(o, lang) for o in flatten(objs)]
    ok(got == want, "%s: headers differ:\n  got  %s\n  want %s" % (src, got, want))
    # each header is followed by its excerpt: " N | line", "   | ^~~"
    underline = {}
    for i, l in enumerate(expected):
        if l and not l.startswith(" ") and i + 2 < len(expected) and \
                re.match(r"^ *\| *\^", expected[i + 2]):
            underline[l] = len(re.search(r"\^~*", expected[i + 2]).group(0))
    for o in flatten(objs):
        if "file" not in o:
            continue
        what = "%s: %s at %d:%d" % (src, o["code"], o["line"], o["column"])
        ok(o["file"] == src or o["file"].startswith("tests/errors/inc/"), what + ": file %r" % o["file"])
        with open(o["file"], "rb") as fh:
            data = fh.read()  # an error may be in an included file
        ok(0 <= o["offset"] <= o["end_offset"] <= len(data), what + ": offsets")
        ok(position(data, o["offset"]) == (o["line"], o["column"]), what + ": start != offset")
        ok(position(data, o["end_offset"]) == (o["end_line"], o["end_column"]),
           what + ": end %d:%d != end_offset" % (o["end_line"], o["end_column"]))
        text = data[o["offset"]:o["end_offset"]].decode("utf-8", "replace")
        h = header(o, lang)
        # E0005's character is shown escaped (<U+3164>), though Python may call it printable
        if (o["end_line"] == o["line"] and h in underline and o["end_offset"] > o["offset"]
                and o["code"] != "E0005"
                and all(c.isprintable() and c != "\ufffd" for c in text)
                and len(data.split(b"\n")[o["line"] - 1]) <= 240):
            ok(width(text) == underline[h],
               what + ": range %r is %d wide, the underline %d" % (text, width(text), underline[h]))

# A few cases pinned exactly: code, line, column, end.
pinned = {
    "tests/errors/funds-mismatch.goal": [("E0201", 3, 9, 6, 10), ("N0905", 2, 5, 8, 6)],
    "tests/errors/funds-mismatch-zh.goal": [("E0201", 4, 9, 4, 48), ("N0905", 3, 5, 5, 6)],
    "tests/errors/duplicate-field.goal": [("E0120", 4, 5, 4, 13), ("N0903", 3, 5, 3, 11)],
    "tests/errors/unknown-department.goal": [("E0130", 3, 8, 3, 18)],
    "tests/errors/bom-then-error.goal": [("E0110", 2, 9, 2, 12)],  # the unit O24, taken whole
}
for src, want in pinned.items():
    lang = "zh" if src.endswith("-zh.goal") else "en"
    _, out, _ = run("check", "--diagnostics-format=json", "--lang", lang, src)
    got = [(o["code"], o["line"], o["column"], o["end_line"], o["end_column"])
           for o in flatten(json_lines(out, src))]
    ok(got == want, "%s: got %s, expected %s" % (src, got, want))
    with open(src[:-5] + ".err", encoding="utf-8") as fh:
        err_file = fh.read()
    for code, line, col, _, _ in want:
        ok("%s:%d:%d: " % (src, line, col) in err_file, "%s.err shows no %s at %d:%d" % (src[:-5], code, line, col))

# The note: inside its diagnostic, without notes of its own.
_, out, _ = run("check", "--diagnostics-format", "json", "tests/errors/funds-mismatch.goal")
objs = json_lines(out, "note")
ok(len(objs) == 1 and len(objs[0]["notes"]) == 1 and "notes" not in objs[0]["notes"][0]
   and objs[0]["notes"][0]["severity"] == "note", "funds-mismatch: one error with one note")

# The language of messages follows --lang; codes and places do not.
zh = json_lines(run("check", "--diagnostics-format", "json", "--lang", "zh",
                    "tests/errors/funds-mismatch-zh.goal")[1], "zh")
en = json_lines(run("check", "--diagnostics-format", "json", "--lang", "en",
                    "tests/errors/funds-mismatch-zh.goal")[1], "en")
ok(zh and "合计为" in zh[0]["message"] and "总额" in zh[0]["notes"][0]["message"],
   "--lang zh: Chinese messages")
ok(en and "add up to" in en[0]["message"], "--lang en: English messages")
strip = lambda os_: [{k: v for k, v in o.items() if k not in ("message", "notes")} for o in flatten(os_)]
ok(strip(zh) == strip(en), "the language changes messages only")

# No place: an unreadable file has no file/line fields; exit 2 as in text.
status, out, err = run("check", "--diagnostics-format", "json", os.path.join(tmp, "nope.goal"))
objs = json_lines(out, "nope")
ok(status == 2 and len(objs) == 1 and objs[0]["code"] == "E0001" and "file" not in objs[0]
   and "line" not in objs[0] and shape_ok(objs[0], True, "nope") and err == "",
   "unreadable file: one placeless E0001 on stdout, exit 2 (got %d, %r)" % (status, out))

# Several files: the lines of each, in order, simply concatenated.
a, b = "tests/errors/funds-mismatch.goal", "tests/errors/duplicate-field.goal"
status, out, _ = run("check", "--diagnostics-format", "json", a, clean, b)
one = run("check", "--diagnostics-format", "json", a)[1] + run("check", "--diagnostics-format", "json", b)[1]
ok(status == 1 and out == one, "several files: JSON lines concatenate")

# Clean input: nothing at all, exit 0.
status, out, err = run("check", "--diagnostics-format", "json", clean, clean)
ok(status == 0 and out == "" and err == "", "clean input: no JSON lines")

# Text stays the default and stays on stderr.
status, out, err = run("check", "--diagnostics-format", "text", a)
ok(status == 1 and out == "" and open(a[:-5] + ".err", encoding="utf-8").read() == err,
   "--diagnostics-format text is the text rendering")

# Usage errors stay text on stderr.
status, out, err = run("check", "--diagnostics-format", "xml", a)
ok(status == 2 and out == "" and "--diagnostics-format takes text, json or sarif, not 'xml'" in err,
   "unknown diagnostics format: usage error")
status, out, err = run("check", a, "--diagnostics-format")
ok(status == 2 and out == "", "--diagnostics-format without a value: usage error")
for lang, word in (("en", "--diagnostics-format"), ("zh", "诊断格式")):
    ok(word in run("--help", "--lang", lang)[1], "--help (%s) lists --diagnostics-format" % lang)

# The example of docs/diagnostics.md is what goalc prints, keys in order.
with open("docs/diagnostics.md", encoding="utf-8") as fh:
    doc = fh.read()
m = re.search(r"## Machine-readable output.*?```json\n(.*?)```", doc, re.S)
if ok(m is not None, "docs/diagnostics.md: no JSON example under Machine-readable output"):
    _, out, _ = run("check", "--diagnostics-format", "json", "tests/errors/funds-mismatch.goal")
    pairs = lambda t: json.loads(t, object_pairs_hook=lambda kv: kv)
    ok(pairs(m.group(1)) == pairs(out), "docs/diagnostics.md: the JSON example is not the output")

# "suggestion" (web branch): the replacement a "did you mean" hint proposes, in both languages.
for lang in ("en", "zh"):
    got = [(o["line"], o.get("suggestion")) for o in json_lines(run(
        "check", "--lang", lang, "--diagnostics-format", "json", "tests/errors/suggest-typos.goal")[1], lang)]
    ok(got == [(7, "公里"), (8, "人"), (9, None), (12, None), (13, None)],
       "suggest-typos (%s): suggestions %s" % (lang, got))
    got = [o.get("suggestion") for o in json_lines(run(
        "check", "--lang", lang, "--diagnostics-format", "json",
        "tests/errors/english-category-quoted.goal")[1], lang)]
    ok(got[0] == '"social benefit"', "english-category-quoted (%s): the quoted suggestion is %r" % (lang, got[0]))

# --- SARIF -------------------------------------------------------------------
with open(SCHEMA, encoding="utf-8") as fh:
    schema = json.load(fh)
Draft4Validator.check_schema(schema)
validator = Draft4Validator(schema, format_checker=FormatChecker())
URI = re.compile(r"^(file://)?[A-Za-z0-9._~/%-]+$")


def sarif_ok(text, what):
    try:
        log = json.loads(text)
    except ValueError as e:
        ok(False, "%s: not JSON: %s" % (what, e))
        return None
    errors = list(validator.iter_errors(log))
    for e in errors[:5]:
        print("    /%s: %s" % ("/".join(map(str, e.absolute_path)), e.message))
    if not ok(not errors, "%s: not valid SARIF 2.1.0 (%d errors)" % (what, len(errors))):
        return None
    run0 = log["runs"][0]
    ok(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
       and len(log["runs"]) == 1 and run0["columnKind"] == "unicodeCodePoints"
       and run0["tool"]["driver"]["name"] == "goalc", what + ": log header")
    return log


def locations_of(result):
    for loc in result.get("locations", []) + result.get("relatedLocations", []):
        if "physicalLocation" in loc:
            yield loc["physicalLocation"]


def agree(log, objs, what, cwd="."):
    """The SARIF results say what the JSON lines say."""
    results = log["runs"][0]["results"]
    ok(len(results) == len(objs), "%s: %d results, %d JSON lines" % (what, len(results), len(objs)))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    ok(sorted(r["id"] for r in rules) == sorted({o["code"] for o in objs}),
       what + ": one rule per code that occurs")
    ok(all(r["name"] and r["shortDescription"]["text"] for r in rules), what + ": rules named")
    for r, o in zip(results, objs):
        w = "%s: %s" % (what, o["code"])
        ok(r["ruleId"] == o["code"] and r["level"] == o["severity"], w + ": ruleId, level")
        plain = r["message"]["text"].replace("\\[", "[").replace("\\]", "]")
        ok(plain == o["message"], w + ": message")
        places = [o] + o["notes"]
        related = r.get("relatedLocations", [])
        ok(len(related) == len(o["notes"]), w + ": a related location per note")
        ok([x["message"]["text"] for x in related] == [n["message"] for n in o["notes"]],
           w + ": note messages")
        got = [p for p in [r.get("locations", [{}])[0]] + related]
        for g, p in zip(got, places):
            if "file" not in p:
                ok("physicalLocation" not in g, w + ": no place, no physicalLocation")
                continue
            pl = g["physicalLocation"]
            uri = pl["artifactLocation"]["uri"]
            ok(URI.match(uri) is not None, w + ": uri %r percent-encoded" % uri)
            path = urllib.parse.unquote(uri[len("file://"):] if uri.startswith("file://") else uri)
            ok(os.path.normpath(os.path.join(cwd, path)) == os.path.normpath(os.path.join(cwd, p["file"])),
               w + ": uri %r names %r" % (uri, p["file"]))
            reg = pl["region"]
            ok((reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) ==
               (p["line"], p["column"], p["end_line"], p["end_column"]), w + ": region")


several = [a, "tests/errors/funds-mismatch-zh.goal", "examples/wangcheng-health-2023.goal", b,
           "tests/errors/bad-utf8.goal", "tests/errors/unknown-department.goal"]
status, out, err = run("check", "--diagnostics-format", "sarif", *several)
ok(status == 1 and err == "", "sarif of several files: exit 1, nothing on stderr")
ok(out.count('"$schema"') == 1, "several files: one SARIF document")
log = sarif_ok(out, "several files")
if log:
    objs = json_lines(run("check", "--diagnostics-format", "json", *several)[1], "several json")
    agree(log, objs, "several files")
    ok(log["runs"][0]["tool"]["driver"]["version"] ==
       run("--version")[1].split()[1], "driver version is goalc --version")
    uris = {p["artifactLocation"]["uri"] for r in log["runs"][0]["results"] for p in locations_of(r)}
    ok(uris == {o["file"] for o in objs} and {a, b} <= uris, "several files: every file named")
ok(out == run("check", "--diagnostics-format", "sarif", *several)[1], "sarif is deterministic")

# The examples, whatever warnings they have today: valid, and as the JSON says.
examples = sorted(glob.glob("examples/*.goal"))
status, out, _ = run("check", "--diagnostics-format", "sarif", *examples)
log = sarif_ok(out, "examples")
if log:
    agree(log, json_lines(run("check", "--diagnostics-format", "json", *examples)[1], "examples"),
          "examples")

# Chinese messages, and the rules described in Chinese.
status, out, _ = run("check", "--diagnostics-format", "sarif", "--lang", "zh",
                     "tests/errors/funds-mismatch-zh.goal")
log = sarif_ok(out, "zh")
if log:
    r = log["runs"][0]["results"][0]
    ok("合计为" in r["message"]["text"] and "总额" in r["relatedLocations"][0]["message"]["text"]
       and "合计为" in log["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]["text"],
       "sarif --lang zh: Chinese messages and descriptions")

# No diagnostics: an empty results array, still a valid log.
status, out, err = run("check", "--diagnostics-format", "sarif", clean)
log = sarif_ok(out, "clean input")
ok(status == 0 and log is not None and log["runs"][0]["results"] == []
   and log["runs"][0]["tool"]["driver"]["rules"] == [], "clean input: empty results and rules")

# No place: a result without locations.
status, out, _ = run("check", "--diagnostics-format", "sarif", os.path.join(tmp, "nope.goal"))
log = sarif_ok(out, "unreadable")
ok(status == 2 and log is not None and "locations" not in log["runs"][0]["results"][0],
   "unreadable file: a result without locations, exit 2")

# Paths with spaces and CJK: percent-encoded, relative stays relative, absolute is file://.
d = os.path.join(tmp, "目录 a")
os.makedirs(d)
with open(a, "rb") as fh, open(os.path.join(d, "x y#1.goal"), "wb") as out_fh:
    out_fh.write(fh.read())
_, out, _ = run("check", "--diagnostics-format", "sarif", "目录 a/x y#1.goal", cwd=tmp)
log = sarif_ok(out, "relative CJK path")
if log:
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    ok(uri == "%E7%9B%AE%E5%BD%95%20a/x%20y%231.goal", "relative path uri: %r" % uri)
    objs = json_lines(run("check", "--diagnostics-format", "json", "目录 a/x y#1.goal", cwd=tmp)[1], "rel")
    agree(log, objs, "relative CJK path", cwd=tmp)
absolute = os.path.join(d, "x y#1.goal")
_, out, _ = run("check", "--diagnostics-format", "sarif", absolute)
log = sarif_ok(out, "absolute path")
if log:
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    ok(uri.startswith("file:///") and urllib.parse.unquote(uri[7:]) == absolute,
       "absolute path uri: %r" % uri)

# Brackets from the source cannot make an embedded link.
with open(os.path.join(tmp, "link.goal"), "w", encoding="utf-8") as fh:
    fh.write('项目 "p" {\n    部门 "[here](https://example.com)"\n}\n')
_, out, _ = run("check", "--diagnostics-format", "sarif", os.path.join(tmp, "link.goal"))
log = sarif_ok(out, "brackets")
ok(log is not None and "\\[here\\](https" in log["runs"][0]["results"][0]["message"]["text"],
   "sarif message: brackets escaped")

# build: machine-readable diagnostics on stdout when the output goes to files,
# on stderr when it goes to stdout; the output is unchanged.
status, out, err = run("build", "--diagnostics-format", "json", a)
ok(status == 1 and out == "" and json_lines(err, "build stderr")[0]["code"] == "E0201",
   "build without -o: JSON lines on stderr")
status, out, err = run("build", "--diagnostics-format", "sarif", "-o", os.path.join(tmp, "out") + "/", a, b)
ok(status == 1 and err == "" and sarif_ok(out, "build -o dir/") is not None,
   "build -o DIR/: one SARIF log on stdout")
status, out, err = run("build", "--diagnostics-format", "sarif", "examples/yuanjiang-health-2024.goal")
ok(status == 0 and json.loads(out)["format"] == "goalc" and sarif_ok(err, "build to stdout") is not None,
   "build to stdout: the JSON output on stdout, the SARIF log on stderr")

# The schema bites: broken logs are rejected.
_, out, _ = run("check", "--diagnostics-format", "sarif", a)
base = json.loads(out)


def broken(change):
    log = copy.deepcopy(base)
    change(log)
    return not validator.is_valid(log)


res = lambda log: log["runs"][0]["results"][0]
region = lambda log: res(log)["locations"][0]["physicalLocation"]["region"]
mutations = {
    "level fatal": lambda l: res(l).update(level="fatal"),
    "startLine 0": lambda l: region(l).update(startLine=0),
    "startColumn string": lambda l: region(l).update(startColumn="9"),
    "version 2.0.0": lambda l: l.update(version="2.0.0"),
    "message without text": lambda l: res(l).update(message={}),
    "unknown columnKind": lambda l: l["runs"][0].update(columnKind="bytes"),
    "unknown property": lambda l: res(l).update(colour="red"),
}
for name, change in mutations.items():
    ok(broken(change), "the schema accepts a broken log (%s)" % name)

print("diagformat: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
