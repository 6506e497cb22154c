#!/bin/sh
# run-messages.sh - every message of compiler/ comes from diag/diag.def or
# diag/phrase.def (scripts/check-messages.py): no choice between an English
# and a Chinese literal, no literal text handed to the catalogue's helpers,
# no CJK literal outside the allowlist below.  Then the checker must fail,
# naming the line, on each bad file of tests/messages/bad/, pass
# tests/messages/vocabulary/ (allowlisted words, Chinese in comments), and
# reject an allowlist line that says not why or has gone stale.
set -u
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# What may stay in compiler/: PATH KIND [LITERAL...]  # why
# KIND cjk: the CJK literals (all, or the ones named) are vocabulary of the
# language or of the official form, not messages; branch: the file's
# language choices are output vocabulary; all: not checked yet.
cat >"$tmp/allow" <<'ALLOW'
compiler/front/lexutil.c      cjk    # the scanner's words: comparator spellings (大于等于, 不低于…), Chinese numerals and date words
compiler/front/fmt.c          cjk    # fmt's output is source text: the range word 至, suffixes 以上/以下/前, fullwidth unit symbols
compiler/front/fmt.c          branch # --keywords en|zh chooses the range word's spelling (.. or 至): output vocabulary, not a message
compiler/model/model.c        cjk    # the official form's pieces of a target or date: 以上, 以下, 前, 年, 月, 日, 底, 至, 填报单位…
compiler/emit/emit_html.c     cjk    # the official forms' labels (部门整体支出绩效目标表, 年度总体目标…), in Chinese whatever --lang says
compiler/emit/emit_html_selfeval.c cjk # the 自评表's labels (项目支出绩效自评表, 全年执行数, 偏差原因分析及改进措施…) and its chart's words, in Chinese whatever --lang says
compiler/emit/emit_html_duties.c cjk  # the 年度履职目标 table's labels (部门职能, 重点工作任务…), in Chinese whatever --lang says
compiler/sema/sema_duties.c   cjk "元" # the money unit amounts are checked in
compiler/emit/emit_markdown.c cjk    # the same forms' labels in Markdown
compiler/emit/emit_csv.c      cjk "按" "其中" # a fund line's path is written with the language's own words
compiler/emit/emit_sqlite.c   cjk    # a fund line's path in the language's words (按, 其中), and the schema's views name the language's own words (收入性质, 资金来源, 比率, 产出指标)
compiler/sema/sema_lint.c     cjk    # the lint's word lists (rate words 覆盖率…, vague words 不断…, fullwidth punctuation)
compiler/sema/sema_declare.c  cjk "整数" "时间" "比率" "金额" "必备" "数量类" "时效类" "成本类" "满意度类" "量化类" # the attribute words of 量纲 and categories, as the language spells them
compiler/sema/sema_structure.c cjk "％" "・" # symbols a name may not hold
compiler/sema/sema_funds.c    cjk "资金" "其中" "项目支出" "支出性质" # keywords, the fund line 项目支出 that projects are checked against and its partition 支出性质
compiler/sema/sema_score.c    cjk "扣减" "比值" # the words of 反向计分, as the language spells them
compiler/model/score.c        cjk "达成年度指标" "部分达成年度指标并具有一定效果" "未达成年度指标且效果较差" # the three official grades of a qualitative actual, as the forms write them
compiler/front/import_sheet.c cjk    # goalc import finds the official forms' labels (项目名称, 一级指标, 资金总额, 其中…) and writes the language's words (按收入性质, 不适用)
compiler/front/import.c       cjk    # goalc import writes source text: keywords (资金, 按, 其中, 指标, 定性, 栏…) and the framework's categories (产出指标…)
compiler/front/import_formcheck.c cjk # the official forms' labels it finds and names a value by (一级指标, 指标值, 资金总额, 年度…, as the form prints them whatever --lang says) and 定性 of a written target
compiler/front/import_csv.c   cjk    # the CSV's own words read back: 年 in a date, the paths' 按/其中, 正向/反向, 执行率
compiler/review/diff.c        cjk "按 %s" "其中" "资金" "实施期指标" # a fund line's path, in the language's own words; the keyword 实施期指标 naming the second set of indicators
ALLOW

python3 scripts/check-messages.py . "$tmp/allow" || fail=1

expect() { # tree allowlist text
    out=$(python3 scripts/check-messages.py "$1" "$2" 2>&1)
    if [ $? -ne 1 ] || ! printf '%s\n' "$out" | grep -qF -- "$3"; then
        echo "FAIL: check-messages.py $1 should fail with: $3"
        printf '%s\n' "$out"
        fail=1
    fi
}
: >"$tmp/none"
bad=tests/messages/bad
expect $bad "$tmp/none" 'compiler/sema/sema_bad.c:5: branch: a language choice between literals'
expect $bad "$tmp/none" 'compiler/sema/sema_bad.c:6: cjk: "；是否应为 %s？" is a message outside the catalogues'
expect $bad "$tmp/none" 'compiler/sema/sema_bad.c:12: branch: a language test choosing a literal'
expect $bad "$tmp/none" 'compiler/sema/sema_bad.c:14: cjk: "一级"'
expect $bad "$tmp/none" 'compiler/sema/sema_bad.c:20: branch: a language choice between literals'
expect $bad "$tmp/none" 'compiler/sema/sema_bad.c:26: pair: diag_text given literal text'
expect $bad "$tmp/none" 'compiler/sema/sema_bad.c:27: pair: an English and a Chinese literal side by side'
expect $bad "$tmp/none" 'compiler/cli/cmd_bad.c:5: pair: diag_tool_error given literal text'
expect $bad "$tmp/none" 'compiler/cli/cmd_bad.c:6: pair: cli_usage_error given literal text'
n=$(python3 scripts/check-messages.py $bad "$tmp/none" | grep -c '^FAIL')
if [ "$n" -ne 14 ]; then
    echo "FAIL: tests/messages/bad should give 14 problems, not $n"
    fail=1
fi

voc=tests/messages/vocabulary
python3 scripts/check-messages.py $voc $voc/allow >/dev/null ||
    { echo "FAIL: tests/messages/vocabulary should pass with its allowlist"; fail=1; }
expect $voc "$tmp/none" 'compiler/emit/emit_form.c:7: cjk: "填报单位"'
printf 'compiler/emit/emit_form.c cjk\n' >"$tmp/no-reason"
expect $voc "$tmp/no-reason" 'no-reason:1: says not why'
printf 'compiler/emit/emit_form.c cjk "万元" "填报单位" "以上" # words\n' >"$tmp/stale"
expect $voc "$tmp/stale" 'allowlist: compiler/emit/emit_form.c: "以上" is no literal of the file any more'
printf 'compiler/emit/emit_form.c all # pending\ncompiler/emit/gone.c cjk # gone\n' >"$tmp/gone"
expect $voc "$tmp/gone" 'allowlist: compiler/emit/gone.c: no such file'

[ "$fail" -eq 0 ] && echo "messages: the checker fails on each bad line, and passes vocabulary"
[ "$fail" -eq 0 ]
