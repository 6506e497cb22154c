#!/bin/sh
# gen-web-keywords.sh KEYWORD_DEF - the reserved words of keyword.def, both
# spellings, as an ES module for the web page's highlighting (web/src/goal-mode.js).
set -eu
printf '// Generated from %s by scripts/gen-web-keywords.sh: do not edit.\n' "$1"
printf 'export const keywords = [\n'
sed -n 's/^KEYWORD([A-Z0-9_]*, *\("[^"]*"\), *\("[^"]*"\)).*/    \1, \2,/p' "$1"
printf '];\n'
