#!/bin/sh
# run-git.sh GOALC - goalc inside git: the external diff driver
# (`goalc git-diff`, git's seven arguments) and the textconv alternative
# (`goalc fmt`), in a real throwaway repository, as docs/git.md sets them up;
# and the shell steps of the sample CI workflow (docs/ci/goalc-review.yml)
# run as GitHub runs them, against tables named -x.goal, --help.goal and
# "a b.goal".
set -u
. "$(dirname "$0")/lib.sh"
goalc=$(lib_abs "$1")
root=$(pwd)
lib_show=20
if ! command -v git >/dev/null 2>&1; then
    echo "git: skipped (git is not installed)"
    exit 0
fi
lib_tmpdir git
repo=$tmp/repo
mkdir -p "$repo/tables"
cd "$repo" || exit 2
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid NO_COLOR=1 LANG=C LC_ALL=C
git init -q .
# The set-up of docs/git.md.
echo '*.goal diff=goal' >.gitattributes
git config diff.goal.command "$goalc git-diff"
cp "$root/examples/wangcheng-health-2023.goal" tables/health.goal
git add .gitattributes tables/health.goal
git commit -q -m v1

# A real change (a target lowered) and noise (a comment, spacing, ≥ spelled >=).
sed -e 's/大于等于 95%/大于等于 90%/' -e 's/大于等于 120 人次/>= 120 人次/' \
    -e 's/^\(部门 .*\)$/# reviewed\n\1/' -e 's/^    年度 2023/    年度   2023/' \
    "$root/examples/wangcheng-health-2023.goal" >tables/health.goal
git diff >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && ok || no "git diff with the goalc driver failed: $(cat "$tmp/err")"
has "$tmp/out" "tables/health.goal" "the driver names the file"
has "$tmp/out" "loosened.*受益群众满意率.*≥95% → ≥90%" "the driver shows the lowered target"
hasnt "$tmp/out" "外出培训人次" "the re-spelt comparator is no change"
hasnt "$tmp/out" "reviewed" "a comment is no change"
[ -s "$tmp/err" ] && no "git diff printed to stderr: $(cat "$tmp/err")" || ok

# A whitespace-only edit: the driver reports nothing for the file.
git checkout -q tables/health.goal
sed 's/^    年度 2023/    年度  2023/' "$root/examples/wangcheng-health-2023.goal" >tables/health.goal
git diff >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && ok || no "git diff on a whitespace edit failed"
hasnt "$tmp/out" "loosened" "whitespace is no change"
has "$tmp/out" "no change" "the driver says the meaning is unchanged"

# A committed change, seen through git diff HEAD~1 and git log -p.
sed 's/大于等于 95%/大于等于 90%/' "$root/examples/wangcheng-health-2023.goal" >tables/health.goal
git commit -q -am v2
git diff HEAD~1 HEAD >"$tmp/out" 2>&1 || no "git diff HEAD~1 HEAD failed"
has "$tmp/out" "loosened" "git diff between commits"
git log -p --ext-diff -1 >"$tmp/out" 2>&1 || no "git log -p failed"
has "$tmp/out" "loosened" "git log -p --ext-diff"

# A new table and a table with a syntax error: a plain diff, never a failure.
cp "$root/examples/yuanjiang-health-2024.goal" tables/new.goal
git add -N tables/new.goal
printf '部门 "x" { 年度 }\n' >tables/health.goal
git diff >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && ok || no "git diff with a broken and a new file failed: $(cat "$tmp/err")"
has "$tmp/out" "沅江市卫生健康局" "a new table is shown"
has "$tmp/out" '^+部门 "x" { 年度 }' "a broken table falls back to a plain diff"

# The seven arguments, as git passes them, directly: a deleted table.
"$goalc" git-diff tables/health.goal "$root/examples/wangcheng-health-2023.goal" 1111111 100644 \
    /dev/null 0000000 100644 >"$tmp/out" 2>&1
[ $? -eq 0 ] && ok || no "git-diff of a deleted file: exit 0"
has "$tmp/out" "长沙市望城区卫生健康局" "git-diff of a deleted file names its table"
"$goalc" git-diff a b c >"$tmp/out" 2>&1
[ $? -eq 2 ] && ok || no "git-diff with three arguments: exit 2"
has "$tmp/out" "git-diff" "git-diff usage message"

# Tables whose names look like options: git passes them to the driver as
# they are, and the plain fallback's diff -u must not take them for options.
git checkout -q tables/health.goal
cp "$root/examples/wangcheng-health-2023.goal" ./-evil.goal
printf '部门 "x" { 年度 }\n' >./--help.goal
git add -- -evil.goal --help.goal
git commit -q -m "odd names"
sed 's/大于等于 95%/大于等于 90%/' "$root/examples/wangcheng-health-2023.goal" >./-evil.goal
printf '部门 "x" { 年度 2 }\n' >./--help.goal
git diff >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && ok || no "git diff of -evil.goal and --help.goal failed: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && no "git diff of odd names printed to stderr: $(cat "$tmp/err")" || ok
has "$tmp/out" "^diff --goal a/-evil.goal b/-evil.goal" "the driver on -evil.goal"
has "$tmp/out" "loosened.*受益群众满意率" "the report of -evil.goal"
has "$tmp/out" '^+部门 "x" { 年度 2 }' "the plain diff of --help.goal"
git checkout -q -- -evil.goal --help.goal

# The textconv alternative: git diff of the canonical forms.
git checkout -q tables/health.goal
rm -f tables/new.goal
git reset -q
echo '*.goal diff=goalfmt' >.gitattributes
git commit -q -am "textconv instead"
git config diff.goalfmt.textconv "$goalc fmt"
# HEAD holds v2 (≥ 90%): spacing and a re-spelt comparator on top of it show nothing.
sed -e 's/大于等于 95%/大于等于 90%/' -e 's/^    年度 2023/    年度     2023/' \
    -e 's/大于等于 120 人次/>= 120 人次/' "$root/examples/wangcheng-health-2023.goal" >tables/health.goal
git diff >"$tmp/out" 2>&1
[ -s "$tmp/out" ] && { no "textconv: spacing and ≥ spelling showed a diff"; head -20 "$tmp/out"; } || ok
sed 's/大于等于 95%/大于等于 85%/' "$root/examples/wangcheng-health-2023.goal" >tables/health.goal
git diff >"$tmp/out" 2>&1
has "$tmp/out" '^-.*受益群众满意率.* ≥ 90%' "textconv: old line"
has "$tmp/out" '^+.*受益群众满意率.* ≥ 85%' "textconv: new line"

# --- the sample CI workflow ------------------------------------------------
# Each `run: |` step of docs/ci/goalc-review.yml, taken from the file as it
# is, run by bash as GitHub runs it (-e -o pipefail), with goalc on PATH,
# in a repository whose tables have names that look like options.
# ci_step NAME: runs the step called NAME; its output in $tmp/stdout, $tmp/stderr
ci_step() {
    python3 - "$root/docs/ci/goalc-review.yml" "$1" >"$tmp/step.sh" <<'EOF' || return 2
import re, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
name, out = None, None
for i, line in enumerate(lines):
    m = re.match(r'\s*- name: (.*)$', line)
    if m:
        name = m.group(1).strip()
    m = re.match(r'(\s*)run: \|$', line)
    if m and name == sys.argv[2]:
        indent, out = len(m.group(1)), []
        for body in lines[i + 1:]:
            if body.strip() and len(body) - len(body.lstrip()) <= indent:
                break
            out.append(body)
        break
if out is None:
    sys.exit('no step %r with a run: | block' % sys.argv[2])
width = min(len(l) - len(l.lstrip()) for l in out if l.strip())
print('\n'.join(l[width:] for l in out))
EOF
    PATH=$goalc_dir:$PATH bash --noprofile --norc -eo pipefail "$tmp/step.sh" \
        >"$tmp/stdout" 2>"$tmp/stderr"
}
if command -v bash >/dev/null 2>&1; then
    goalc_dir=$tmp/bin
    mkdir -p "$goalc_dir" && ln -s "$goalc" "$goalc_dir/goalc"
    ci=$tmp/ci
    mkdir -p "$ci" && cd "$ci" || exit 2
    git init -q .
    "$goalc" fmt -- "$root/examples/wangcheng-health-2023.goal" >./-x.goal
    "$goalc" fmt -- "$root/examples/yuanjiang-health-2024.goal" >./--help.goal
    printf '部门 "示例局" {\n    年度 2024\n}\n' >"a b.goal"
    printf '部门 "将删除" {\n    年度 2024\n}\n' >./-gone.goal
    ln -s /etc/passwd ./link.goal # a table that is a link out of the tree: never read
    git add -- -x.goal --help.goal "a b.goal" -gone.goal link.goal
    git commit -q -m base
    BASE=$(git rev-parse HEAD)
    export BASE
    sed 's/≥ 95%/≥ 90%/' ./-x.goal >"$tmp/x" && mv "$tmp/x" ./-x.goal
    printf '部门 "新表" {\n    年度 2024\n}\n' >./-new.goal
    git rm -q -- -gone.goal
    git add -- -x.goal -new.goal
    git commit -q -m head

    ci_step "List tables"
    [ $? -eq 0 ] && ok || no "CI List tables: exit ($(head -3 "$tmp/stderr"))"
    tr '\0' '\n' <tables.z | grep -qx 'link.goal' && no "CI List tables: the link link.goal is listed" || ok
    tr '\0' '\n' <tables.z | grep -qx -- '-x.goal' && ok || no "CI List tables: -x.goal is not listed"
    ci_step Check
    [ $? -eq 0 ] && ok || no "CI Check: exit ($(head -3 "$tmp/stderr"))"
    hasnt goalc.sarif 'root:' "CI Check: nothing of /etc/passwd through link.goal"
    has goalc.sarif '"version": "2.1.0"' "CI Check: a SARIF log"
    has goalc.sarif '"uri": "-x.goal"' "CI Check: -x.goal checked"
    has goalc.sarif '"uri": "--help.goal"' "CI Check: --help.goal checked"
    has goalc.sarif '过于笼统' "CI Check: messages in Chinese"
    ci_step "Fail on errors"
    [ $? -eq 0 ] && ok || no "CI Fail on errors: exit ($(head -3 "$tmp/stderr"))"
    has "$tmp/stderr" "^-x.goal:.*警告\[W0505\]" "CI Fail on errors: Chinese messages about -x.goal"
    has "$tmp/stderr" "^--help.goal:.*警告\[W0501\]" "CI Fail on errors: --help.goal read as a file"
    ci_step Formatted
    [ $? -eq 0 ] && ok || no "CI Formatted: exit ($(head -3 "$tmp/stdout"))"
    printf '部门   "乱排"   {   年度 2024 }\n' >./-messy.goal
    git add -- -messy.goal
    ci_step "List tables"
    ci_step Formatted
    [ $? -eq 1 ] && ok || no "CI Formatted on an unformatted -messy.goal: exit 1"
    has "$tmp/stdout" "^--- -messy.goal" "CI Formatted names -messy.goal"
    git rm -q --cached -- -messy.goal && rm -f ./-messy.goal
    ci_step "Semantic diff"
    [ $? -eq 0 ] && ok || no "CI Semantic diff: exit ($(head -3 "$tmp/stderr"))"
    has diff.md "^# 绩效目标表变更: $BASE:-x.goal → -x.goal" "CI diff: the report of -x.goal"
    has diff.md "^| 放宽 | 受益群众满意率 | ≥95% | ≥90% |" "CI diff: in Chinese"
    has diff.md '^新增表：`-new.goal`' "CI diff: -new.goal added"
    has diff.md '^删除表：`-gone.goal`' "CI diff: -gone.goal removed"
    hasnt diff.md "help" "CI diff: --help.goal unchanged, not reported, not an option"
    [ -s "$tmp/stderr" ] && no "CI Semantic diff wrote to stderr: $(head -3 "$tmp/stderr")" || ok
    cd "$repo" || exit 2
else
    echo "git: the CI workflow's steps skipped (no bash)"
fi

lib_summary git
