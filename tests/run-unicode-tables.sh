#!/bin/sh
# run-unicode-tables.sh - the tables goalc generates from the Unicode
# Character Database are what their sources say, and the curated one is
# sound.  compiler/base/pinyin.def ("did you mean" weighs Chinese typos with
# it, compiler/base/suggest.c) is what scripts/gen-pinyin.py makes of
# Unihan, compiler/base/eaw_ambiguous.def (carets on CJK terminals,
# diag.c) what scripts/gen-eaw.py makes of EastAsianWidth.txt, both from
# Debian's unicode-data, which scripts/install-deps.sh tables installs;
# and every group of the curated compiler/base/lookalike.def holds two
# characters or more, one of them from the vocabulary goalc suggests from
# (the stdlib's names and the keywords), and no character is in two groups.
set -u
. "$(dirname "$0")/lib.sh"
lib_tmpdir tables
unihan=${UNIHAN_DIR:-/usr/share/unicode}
# regenerated TABLE SCRIPT SOURCE: TABLE is what SCRIPT makes of SOURCE
regenerated() {
    if python3 "$2" "$3" "$tmp/table.def" && diff -u "$1" "$tmp/table.def"; then
        pass=$((pass + 1))
    else
        echo "FAIL $1 differs from what $2 makes of $3: run it"
        fail=$((fail + 1))
    fi
}
regenerated compiler/base/pinyin.def scripts/gen-pinyin.py "$unihan"
regenerated compiler/base/eaw_ambiguous.def scripts/gen-eaw.py "$unihan/EastAsianWidth.txt"
if python3 - compiler/base/lookalike.def stdlib/*.goal compiler/model/keyword.def <<'PY'
import re, sys
groups = re.findall(r'^LOOKALIKE\("([^"]*)"\)', open(sys.argv[1], encoding="utf-8").read(), re.M)
vocabulary = set()
for path in sys.argv[2:]:
    for line in open(path, encoding="utf-8"):
        line = line.split("#")[0] if path.endswith(".goal") else line
        vocabulary.update(c for c in line if "\u3400" <= c <= "\u9fff")
seen, bad = {}, 0
for g in groups:
    if len(g) < 2 or len(set(g)) != len(g):
        print("FAIL lookalike.def: group %s needs two different characters or more" % g); bad = 1
    if not any(c in vocabulary for c in g):
        print("FAIL lookalike.def: group %s has no character of the vocabulary" % g); bad = 1
    for c in g:
        if c in seen:
            print("FAIL lookalike.def: %s is in groups %s and %s" % (c, seen[c], g)); bad = 1
        seen[c] = g
sys.exit(bad)
PY
then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
fi
lib_summary unicode-tables
