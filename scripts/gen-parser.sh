#!/bin/sh
# gen-parser.sh KEYWORD_DEF PARSER_Y OUT - writes OUT, a copy of PARSER_Y in
# which the line "%keyword-tokens" becomes the keywords' %token
# declarations, KW_ID "中文|English" for each KEYWORD(ID, zh, en) of
# KEYWORD_DEF, so keyword.def is the one list of keyword spellings (bison
# has no include).  They go on that one line, so OUT keeps PARSER_Y's line
# numbers and bison's messages about OUT point at the same lines of
# PARSER_Y.  Fails when a KEYWORD line does not have that shape, or when
# PARSER_Y has not exactly one such line.
set -eu
def=$1 grammar=$2 out=$3
tmp="$out.tmp"
pattern='^KEYWORD(\([A-Z][A-Z0-9_]*\), \("[^"|\\]*"\), \("[^"|\\]*"\))$'
written=$(grep -c '^KEYWORD(' "$def" || true)
tokens=$(sed -n "s/$pattern/KW_\\1 \\2|\\3/p" "$def" | sed 's/"|"/|/')
if [ "$(printf '%s\n' "$tokens" | grep -c '^KW_')" != "$written" ]; then
    echo "$0: $def: a KEYWORD line is not KEYWORD(ID, \"中文\", \"English\")" >&2
    exit 1
fi
if [ "$(grep -c '^%keyword-tokens$' "$grammar")" != 1 ]; then
    echo "$0: $grammar: needs exactly one line \"%keyword-tokens\"" >&2
    exit 1
fi
line="%token $(printf '%s\n' "$tokens" | tr '\n' ' ' | sed 's/ $//')"
awk -v line="$line" '$0 == "%keyword-tokens" { print line; next } { print }' "$grammar" >"$tmp"
mv "$tmp" "$out"
