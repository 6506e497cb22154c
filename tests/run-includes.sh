#!/bin/sh
# run-includes.sh GOALC - where 引用 may read, and what it may show
# (issue 12, defect 3; docs/language.md §4.4, docs/robustness.md "Threat model").
#   1. An include stays in the directory tree of the file given to goalc:
#      an absolute path, .. and a symbolic link out of it are E0010, a
#      symbolic link and .. that stay inside are followed; for standard
#      input the tree is the current directory.
#   2. --include-root DIR (repeatable) lets an include read in DIR too; a
#      DIR that does not exist is an I/O problem (exit 2).
#   3. A file that is not a goal table (a key file, a binary, a git
#      config) is E0011, once, and no byte of it appears in any output:
#      check and build, text, JSON Lines and SARIF, both languages.
set -u
. "$(dirname "$0")/lib.sh"
lib_usage $#
goalc=$(lib_abs "$1")
lib_tmpdir includes
secret=ghp_inc3SecretMarker0
mkdir -p "$tmp/root/sub" "$tmp/shared" "$tmp/sha" "$tmp/outside"
table() { printf '部门 "%s" { 年度 2024 }\n' "$1"; }
table 甲 >"$tmp/shared/a.goal"
table 乙 >"$tmp/root/sub/b.goal"
printf 'TOKEN=%s\n' "$secret" >"$tmp/outside/key.env"
printf '%s\n' "部门 \"$secret\" { 年度 2024 }" >"$tmp/outside/table.goal"
printf 'TOKEN=%s\nPASSWORD=%s\n' "$secret" "$secret" >"$tmp/root/.env"
printf '[core]\n\trepositoryformatversion = 0\n[http]\n\textraheader = AUTHORIZATION: basic %s\n' \
    "$secret" >"$tmp/root/config"
printf '部门\000 "%s"\377\n' "$secret" >"$tmp/root/binary.goal"
printf '%s\n' "# $secret" "" "\"$secret\" = 1" >"$tmp/root/comment-first.goal"
ln -s ../outside/table.goal "$tmp/root/out-link.goal"
ln -s sub/b.goal "$tmp/root/in-link.goal"
ln -s ../shared "$tmp/root/shared-link"
cd "$tmp/root" || exit 2

# 1 and 2: where an include may read.
inc() { printf '引用 "%s"\n' "$@" >"$tmp/root/main.goal"; }
refused() { # WHAT PATH [OPTIONS]: E0010 and nothing read
    what=$1 path=$2
    shift 2
    inc "$path"
    expect 1 "$what" "$goalc" check "$@" main.goal
    has "$tmp/stderr" "main.goal:1:1: error\[E0010\]: .* is outside the include root" "$what: E0010"
    hasnt "$tmp/stderr" "$secret" "$what: nothing of the file shown"
}
allowed() { # WHAT PATH [OPTIONS]: compiles
    what=$1 path=$2
    shift 2
    inc "$path"
    expect 0 "$what" "$goalc" check "$@" main.goal
}
refused "absolute path" "$tmp/outside/table.goal"
refused "/etc/passwd" /etc/passwd
refused ".. out of the tree" ../outside/table.goal
refused ".. out and back in" ../root/../outside/table.goal
refused "symbolic link out" out-link.goal
refused "a link to a directory outside" shared-link/a.goal
refused "missing file beyond .." sub/nowhere/../../../outside/none.goal
refused "missing file outside" ../outside/none.goal
allowed "a file below" sub/b.goal
allowed ".. that stays inside" sub/../sub/b.goal
allowed "symbolic link inside" in-link.goal
allowed "absolute path inside" "$tmp/root/sub/b.goal"
inc sub/none.goal
expect 1 "missing file inside" "$goalc" check main.goal
has "$tmp/stderr" "error\[E0001\]: cannot read ./sub/none.goal: No such file\|error\[E0001\]: cannot read sub/none.goal: No such file" "missing file inside: E0001"
allowed "--include-root DIR" ../shared/a.goal --include-root ../shared
allowed "--include-root=DIR, absolute" "$tmp/shared/a.goal" --include-root="$tmp/shared"
allowed "a link into an --include-root" shared-link/a.goal --include-root "$tmp/shared"
allowed "--include-root twice" ../shared/a.goal --include-root "$tmp/outside" --include-root ../shared
refused "--include-root is not a prefix match" ../shared/a.goal --include-root "$tmp/sha"
inc ../shared/a.goal
expect 2 "--include-root that does not exist" "$goalc" check --include-root "$tmp/nowhere" main.goal
has "$tmp/stderr" "error\[E0001\]: cannot read $tmp/nowhere" "--include-root missing: E0001"
expect 2 "--include-root without a value" "$goalc" check main.goal --include-root

# Standard input: the tree is the current directory.
printf '引用 "sub/b.goal"\n' >"$tmp/stdin.goal"
expect 0 "stdin: a file below the current directory" sh -c "'$goalc' check - <'$tmp/stdin.goal'"
printf '引用 "../outside/table.goal"\n' >"$tmp/stdin.goal"
expect 1 "stdin: .. out of the current directory" sh -c "'$goalc' check - <'$tmp/stdin.goal'"
has "$tmp/stderr" "<stdin>:1:1: error\[E0010\]" "stdin: E0010"
cd sub || exit 2
printf '引用 "b.goal"\n' >"$tmp/stdin.goal"
expect 0 "stdin in sub/: sub/b.goal" sh -c "'$goalc' check - <'$tmp/stdin.goal'"
printf '引用 "../main.goal"\n' >"$tmp/stdin.goal"
expect 1 "stdin in sub/: the parent is outside" sh -c "'$goalc' check - <'$tmp/stdin.goal'"
cd .. || exit 2

# 3: a file that is not a goal table is named, never shown.
for f in .env config binary.goal; do
    inc "$f"
    for lang in en zh; do
        for format in text json sarif; do
            for cmd in check build; do
                what="$f ($cmd, $format, $lang)"
                expect 1 "$what" "$goalc" $cmd --lang $lang --diagnostics-format $format main.goal
                cat "$tmp/stdout" "$tmp/stderr" >"$tmp/all"
                hasnt "$tmp/all" "$secret" "$what: no byte of the file"
                hasnt "$tmp/all" "TOKEN\|PASSWORD\|core\|AUTHORIZATION" "$what: no word of the file"
                n=$(grep -o 'E0011' "$tmp/all" | wc -l)
                if [ "$n" -ge 1 ] && [ "$n" -le 2 ]; then ok; else no "$what: E0011 $n times"; fi
            done
        done
    done
done
# Reported once: one E0011 in the text, and in SARIF one result.
inc .env
expect 1 "key file, text" "$goalc" check main.goal
[ "$(grep -c 'error\[' "$tmp/stderr")" = 1 ] && ok || no "key file: not exactly one error"
hasnt "$tmp/stderr" "^ *[0-9]* | TOKEN" "key file: no excerpt of it"
expect 1 "key file, SARIF" "$goalc" check --diagnostics-format sarif main.goal
[ "$(grep -o '"ruleId"' "$tmp/stdout" | wc -l)" = 1 ] && ok || no "key file: not exactly one SARIF result"
# Comments first (git's packed-refs starts with one), then no goal syntax:
# not a table, and the comments are not shown either.
inc comment-first.goal
expect 1 "comment, then no goal syntax" "$goalc" check main.goal
has "$tmp/stderr" "error\[E0011\]" "comment first: E0011"
hasnt "$tmp/stderr" "$secret" "comment first: not shown"
# What starts like a table is read as one: its mistakes are quoted.
printf '部门 "x" { 年度 2024 }\nTOKEN=%s\n' "$secret" >"$tmp/root/table-first.goal"
inc table-first.goal
expect 1 "a table, then no goal syntax" "$goalc" check main.goal
has "$tmp/stderr" "table-first.goal:2:" "table first: parsed as a table"
# An include root is a place to read, not a licence to show a non-table.
inc ../outside/key.env
expect 1 "key file in an --include-root" "$goalc" check --include-root ../outside main.goal
has "$tmp/stderr" "error\[E0011\]" "key file in an --include-root: E0011"
hasnt "$tmp/stderr" "$secret" "key file in an --include-root: not shown"

lib_summary includes
