#!/bin/sh
# run-diff.sh GOALC - goalc diff: on copies of the two examples with known
# edits, the report names each real change (money moved, targets lowered
# and raised, an indicator renamed, a category changed, a text reworded)
# and nothing else, in text, Markdown and JSON; noise (comments,
# whitespace, >= for ≥, 1.5 万人 for 15000 人, a category's other
# spelling) gives no change; exit statuses 0/1/2; - for stdin; REV:PATH
# through git in a throwaway repository.  The self-evaluation's values
# (fund phases, 实际, scores, 总分, 等级) on the pairs of tests/diff/, and
# 栏, 实施期指标 and 进度 (tests/diff/columns*.goal).
set -u
. "$(dirname "$0")/lib.sh"
goalc=$(lib_abs "$1")
lib_tmpdir diff
Y=examples/yuanjiang-health-2024.goal
W=examples/wangcheng-health-2023.goal

# same_as EXPECTED-FILE DESCRIPTION: stdout of the last command is exactly that
same_as() {
    if diff -u "$1" "$tmp/stdout" >"$tmp/d"; then ok; else no "$2"; sed 's/^/    /' "$tmp/d" | head -30; fi
}
empty() {
    if [ ! -s "$tmp/stdout" ]; then ok; else no "$1: output not empty"; head -5 "$tmp/stdout"; fi
}
# edit IN OUT 'python statements on s': a copy of IN with s rewritten
edit() {
    python3 - "$1" "$2" "$3" <<'EOF'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
def sub(old, new, count=1):
    global s
    if s.count(old) < 1:
        sys.exit('edit: %r not found' % old)
    s = s.replace(old, new, count)
exec(sys.argv[3])
open(sys.argv[2], 'w', encoding='utf-8').write(s)
EOF
}
# json FILE 'python assertions on d': checks the JSON report
json() {
    if python3 - "$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
def tables(): return d['tables']
exec(sys.argv[2])
EOF
    then ok; else no "json: $2"; fi
}

# --- noise only: no change -----------------------------------------------------
# A comment, re-indentation and extra spaces, ≧ and ≥ as >=, 10656 人 as
# 1.0656 万人, 41400 人 as 4.14 万人 (target and standard), 产出指标 as 产出.
edit $Y "$tmp/y-noise.goal" '
sub("部门 \"沅江市卫生健康局\" {", "# a comment added\n部门   \"沅江市卫生健康局\"   {")
sub("≧548000 人", ">= 548000人")
sub("≧10656 人", "≥ 1.0656 万人")
sub("≥41400 人 标准 ≥41400 人", ">=4.14 万人\n                        标准 ≥ 41400 人")
sub("    项目 \"血防服务\" {", "  项目 \"血防服务\"{  # 血防")
sub("        产出指标 {\n            数量指标 {", "        产出 {\n            数量指标 {")
s = s.replace("\n                \"", "\n\t\t\t\t\"")
'
for f in text markdown json; do
    expect 0 "noise, $f: exit" "$goalc" diff --format $f $Y "$tmp/y-noise.goal"
done
expect 0 "noise, text" "$goalc" diff --lang en $Y "$tmp/y-noise.goal"
empty "noise, text"
"$goalc" diff --format json $Y "$tmp/y-noise.goal" >"$tmp/noise.json"
json "$tmp/noise.json" 'assert d["changed"] is False and d["change_count"] == 0 and tables() == []'
"$goalc" diff --lang en --format markdown $Y "$tmp/y-noise.goal" >"$tmp/noise.md"
has "$tmp/noise.md" "No changes." "noise, markdown"
expect 0 "identical" "$goalc" diff $Y $Y
empty "identical"

# --- 沅江: the real edits, with the noise on top --------------------------------
# 50 万元 from 基本支出 to 项目支出 (totals kept), ≥548000 → ≥500000 人
# (loosened), ≥22 → ≥24 次/年 (tightened), 中医药适宜技术推广率 renamed
# 中医药适宜技术推广比例 (same place, same target, 2 edits in 11: a rename),
# 孕产妇死亡率 moved from 质量指标 to 数量指标.
edit "$tmp/y-noise.goal" "$tmp/y-new.goal" '
sub("基本支出 17131.22", "基本支出 17081.22")
sub("项目支出 45877.36", "项目支出 45927.36")
sub(">= 548000人", "≥ 500000 人")
sub("≥22 次/年", "≥24 次/年")
sub("\"中医药适宜技术推广率\"", "\"中医药适宜技术推广比例\"")
sub("\t\t\t\t\"孕产妇死亡率\" ≤12/100000\n", "")
sub("\t\t\t\t\"计生类奖励扶助家庭\"", "\t\t\t\t\"孕产妇死亡率\" ≤12/100000\n\t\t\t\t\"计生类奖励扶助家庭\"")
'
cat >"$tmp/y.txt" <<'EOF'
department 沅江市卫生健康局
  funds (万元)
    资金 / 按 支出性质 / 基本支出: 17131.22 → 17081.22 (-50.00, -0.29%)
    资金 / 按 支出性质 / 项目支出: 45877.36 → 45927.36 (+50.00, +0.11%)
    total: 63008.58 → 63008.58 (unchanged)
  indicators
    moved “孕产妇死亡率”: 产出指标 / 质量指标 → 产出指标 / 数量指标
    renamed “中医药适宜技术推广率” → “中医药适宜技术推广比例”: 效益指标 / 社会效益指标, ≥90%
  targets
    loosened “公共卫生服务家庭医生签约数”: ≥548000人 → ≥500000人
    tightened “公共卫生服务健康知识讲座”: ≥22次/年 → ≥24次/年
EOF
expect 1 "yuanjiang, text" "$goalc" diff --lang en $Y "$tmp/y-new.goal"
same_as "$tmp/y.txt" "yuanjiang, text report"
expect 1 "yuanjiang, NO_COLOR" env NO_COLOR=1 "$goalc" diff --lang en $Y "$tmp/y-new.goal"
same_as "$tmp/y.txt" "yuanjiang, NO_COLOR"
expect 1 "yuanjiang, --color always" "$goalc" diff --lang en --color always $Y "$tmp/y-new.goal"
if grep -q "$(printf '\033')\\[" "$tmp/stdout"; then ok; else no "--color always: no escapes"; fi
cat >"$tmp/y.md" <<'EOF'
## 部门 沅江市卫生健康局

### 资金 (万元)

| 资金行 | 原 | 新 | 差额 | 变动 |
|---|---:|---:|---:|---:|
| 资金 / 按 支出性质 / 基本支出 | 17131.22 | 17081.22 | -50.00 | -0.29% |
| 资金 / 按 支出性质 / 项目支出 | 45877.36 | 45927.36 | +50.00 | +0.11% |
| **合计** | 63008.58 | 63008.58 | 0.00 | 0.00% |

### 指标

| 变动 | 指标 | 原 | 新 |
|---|---|---|---|
| 移动 | 孕产妇死亡率 | 产出指标 / 质量指标 | 产出指标 / 数量指标 |
| 改名 | 中医药适宜技术推广比例 | 中医药适宜技术推广率 | 中医药适宜技术推广比例 |

### 目标值

| 变动 | 指标 | 原 | 新 |
|---|---|---|---|
| 放宽 | 公共卫生服务家庭医生签约数 | ≥548000人 | ≥500000人 |
| 收紧 | 公共卫生服务健康知识讲座 | ≥22次/年 | ≥24次/年 |

EOF
expect 1 "yuanjiang, markdown" "$goalc" diff --lang zh --format markdown $Y "$tmp/y-new.goal"
tail -n +3 "$tmp/stdout" >"$tmp/md-body" && mv "$tmp/md-body" "$tmp/stdout"
same_as "$tmp/y.md" "yuanjiang, markdown report"
expect 1 "yuanjiang, json" "$goalc" diff --format json $Y "$tmp/y-new.goal"
cp "$tmp/stdout" "$tmp/y.json"
json "$tmp/y.json" '
assert d["changed"] is True
[t] = tables()
assert (t["kind"], t["name"], t["status"]) == ("department", "沅江市卫生健康局", "changed")
f = t["funds"]
assert f["unit"] == "万元"
assert f["total"] == {"old": "63008.58", "new": "63008.58", "difference": "0.00", "percent": "0.00"}
assert [(c["path"], c["status"], c["old"], c["new"], c["difference"], c["percent"]) for c in f["changes"]] == [
    (["资金", "按 支出性质", "基本支出"], "changed", "17131.22", "17081.22", "-50.00", "-0.29"),
    (["资金", "按 支出性质", "项目支出"], "changed", "45877.36", "45927.36", "+50.00", "+0.11")]
assert [(i["change"], i["name"], i["old_name"], i["old_category"], i["new_category"], i["target"])
        for i in t["indicators"]] == [
    ("moved", "孕产妇死亡率", None, "产出指标 / 质量指标", "产出指标 / 数量指标", None),
    ("renamed", "中医药适宜技术推广比例", "中医药适宜技术推广率", "效益指标 / 社会效益指标",
     "效益指标 / 社会效益指标", "≥90%")]
assert [(x["name"], x["standard"], x["class"], x["old"], x["new"]) for x in t["targets"]] == [
    ("公共卫生服务家庭医生签约数", False, "loosened", "≥548000人", "≥500000人"),
    ("公共卫生服务健康知识讲座", False, "tightened", "≥22次/年", "≥24次/年")]
assert t["texts"] == [] and t["fields"] == []
assert d["change_count"] == 6
'
# Reversed, every class flips and the money moves back.
expect 1 "yuanjiang reversed" "$goalc" diff --format json "$tmp/y-new.goal" $Y
json "$tmp/stdout" '
[t] = tables()
assert [x["class"] for x in t["targets"]] == ["tightened", "loosened"]
assert [c["difference"] for c in t["funds"]["changes"]] == ["+50.00", "-50.00"]'

# --- 望城: other kinds of change ------------------------------------------------
# 1,000 万元 from 一般公共预算 to 政府性基金拨款, 95% → 90% (loosened), a
# target made qualitative (changed kind), 人次 → 人 (changed unit), 120 人次
# as 0.012 万人次 (no change), a qualitative target and the 目标 reworded.
edit $W "$tmp/w-new.goal" '
sub("一般公共预算 20,918.78", "一般公共预算 19,918.78")
sub("政府性基金拨款 4,738.00", "政府性基金拨款 5738")
sub("\"受益群众满意率\" 大于等于 95%", "\"受益群众满意率\" ≥ 90%")
sub("\"设备到位及时性\" 100%", "\"设备到位及时性\" 定性 \"及时到位\"")
sub("大于等于 120 人次", ">= 0.012 万人次")
sub("等于 18 家", "等于 18 人")
sub("定性 \"逐年下降\"", "定性 \"逐年明显下降\"")
sub("1.强化党建引领。", "1.全面强化党建引领。")
'
cat >"$tmp/w.txt" <<'EOF'
department 长沙市望城区卫生健康局
  funds (万元)
    资金 / 按 收入性质 / 一般公共预算: 20918.78 → 19918.78 (-1000.00, -4.78%)
    资金 / 按 收入性质 / 政府性基金拨款: 4738.00 → 5738 (+1000.00, +21.11%)
    total: 25656.78 → 25656.78 (unchanged)
  targets
    changed unit “医废转运覆盖医疗机构”: 18家 → 18人
    changed kind “设备到位及时性”: 100% → 及时到位
    reworded “出生缺陷发生率下降”: 逐年{+明显+}下降
    loosened “受益群众满意率”: ≥95% → ≥90%
  texts
    goal (目标): 1.{+全面+}强化党建引领。认真学习党…
EOF
expect 1 "wangcheng, text" "$goalc" diff --lang en $W "$tmp/w-new.goal"
same_as "$tmp/w.txt" "wangcheng, text report"
expect 1 "wangcheng, json" "$goalc" diff --format json $W "$tmp/w-new.goal"
json "$tmp/stdout" '
[t] = tables()
assert t["indicators"] == []
assert [(x["name"], x["class"]) for x in t["targets"]] == [
    ("医废转运覆盖医疗机构", "changed_unit"), ("设备到位及时性", "changed_kind"),
    ("出生缺陷发生率下降", "reworded"), ("受益群众满意率", "loosened")]
r = t["targets"][2]["diff"]
assert r == [{"op": "same", "text": "逐年"}, {"op": "added", "text": "明显"}, {"op": "same", "text": "下降"}]
[g] = t["texts"]
assert g["field"] == "goal" and g["new"].startswith("1.全面强化")
assert [s["op"] for s in g["diff"]] == ["same", "added", "same"]
assert "".join(s["text"] for s in g["diff"] if s["op"] != "added") == g["old"]
assert "".join(s["text"] for s in g["diff"] if s["op"] != "removed") == g["new"]
assert t["funds"]["changes"][1]["percent"] == "+21.11"'
expect 1 "wangcheng, markdown" "$goalc" diff --lang en --format markdown $W "$tmp/w-new.goal"
has "$tmp/stdout" "^## department 长沙市望城区卫生健康局" "markdown heading"
has "$tmp/stdout" "^| loosened | 受益群众满意率 | ≥95% | ≥90% |" "markdown target row"
has "$tmp/stdout" "1.<ins>全面</ins>强化党建引领" "markdown text diff"

# --- targets of every shape: deadlines, ranges, comparators --------------------
cat >"$tmp/s-old.goal" <<'EOF'
部门 "示例局" {
    年度 2024
    指标 {
        产出指标 {
            数量指标 { "培训人数" ≥ 500 人  "区间" 90..95%  "上限" ≤ 10 天  "人数" 1.5 万人 }
            时效指标 { "完成时间" 2024年12月31日前  "阶段" 2024年3月至6月底 }
        }
        效益指标 { 社会效益指标 { "效果" 定性 "明显" } }
        满意度指标 { 服务对象满意度指标 { "满意度" ≥ 90% } }
    }
}
EOF
edit "$tmp/s-old.goal" "$tmp/s-new.goal" '
sub("≥ 500 人", "> 500 人")
sub("90..95%", "91%..95%")
sub("≤ 10 天", "≤ 12 天")
sub("1.5 万人", "15000 人")
sub("2024年12月31日前", "2024年11月30日前")
sub("2024年3月至6月底", "2024年3月至8月底")
sub("定性 \"明显\"", "≥ 3 项")
'
expect 1 "shapes" "$goalc" diff --format json "$tmp/s-old.goal" "$tmp/s-new.goal"
json "$tmp/stdout" '
[t] = tables()
assert [(x["name"], x["class"]) for x in t["targets"]] == [
    ("培训人数", "tightened"), ("区间", "tightened"), ("上限", "loosened"),
    ("完成时间", "tightened"), ("阶段", "loosened"), ("效果", "changed_kind")], t["targets"]'

# --- every other field: 年度, 实施期, 框架, attributes, 分值, 备注, 项目 ---------
# field_case NAME 'edit of tests/diff/fields.goal' 'the text report' 'a markdown row'
#            'python assertions on the JSON table t'
# The text report is compared whole (so nothing else is reported), the
# Markdown report must hold the row, the JSON report must pass the asserts.
F=tests/diff/fields.goal
field_case() {
    edit $F "$tmp/f-$1.goal" "$2" || { no "$1: edit"; return; }
    printf '%s\n' "$3" >"$tmp/f-$1.txt"
    expect 1 "$1, text: exit" "$goalc" diff --lang en $F "$tmp/f-$1.goal"
    same_as "$tmp/f-$1.txt" "$1, text"
    expect 1 "$1, markdown: exit" "$goalc" diff --lang en --format markdown $F "$tmp/f-$1.goal"
    if grep -qxF -- "$4" "$tmp/stdout"; then ok; else no "$1, markdown: no row '$4'"; sed 's/^/    /' "$tmp/stdout"; fi
    expect 1 "$1, json: exit" "$goalc" diff --format json $F "$tmp/f-$1.goal"
    json "$tmp/stdout" "$5"
}
# noise_case NAME 'edit': a change of spelling that must report nothing
noise_case() {
    edit $F "$tmp/n-$1.goal" "$2" || { no "$1: edit"; return; }
    for f in text markdown json; do
        expect 0 "$1 ($f): no change" "$goalc" diff --format $f $F "$tmp/n-$1.goal"
    done
}

field_case year 'sub("年度 2024", "年度 2025")' \
'department 示例局
  fields
    year (年度): 2024 → 2025' \
'| year (年度) | 2024 | 2025 |' \
'[t] = tables()
assert t["fields"] == [{"field": "year", "status": "changed", "indicator": None, "name": None,
                        "old": "2024", "new": "2025"}], t["fields"]
assert d["change_count"] == 1'
field_case period 'sub("实施期 1 年", "实施期 2 年")' \
'project 业务培训费 (department 示例局)
  fields
    period (实施期): 1年 → 2年' \
'| period (实施期) | 1年 | 2年 |' \
'[t] = tables()
assert t["kind"] == "project" and t["fields"] == [{"field": "period", "status": "changed",
    "indicator": None, "name": None, "old": "1年", "new": "2年"}], t["fields"]'
field_case period-added 'sub("        目标 \"完成宣传\"", "        实施期 2024-01 .. 2024-06\n        目标 \"完成宣传\"")' \
'project 宣传费 (department 示例局)
  fields
    period (实施期): — → 2024年1月至2024年6月' \
'| period (实施期) | — | 2024年1月至2024年6月 |' \
'[t] = tables()
assert [(f["field"], f["status"], f["old"]) for f in t["fields"]] == [("period", "added", None)]'
field_case framework 'sub("    年度 2024", "    框架 2013\n    年度 2024")
sub("        满意度指标 { 不适用 }\n", "")' \
'department 示例局
  fields
    framework (框架): 2020 → 2013' \
'| framework (框架) | 2020 | 2013 |' \
'[t] = tables()
assert [(f["field"], f["old"], f["new"]) for f in t["fields"]] == [("framework", "2020", "2013")]'
field_case attributes 'sub("填表人 \"张三\"", "填表人 \"李四\"")
sub("    联系电话 \"0000-0000000\"\n", "    填报日期 \"2024.6.13\"\n")' \
'department 示例局
  fields
    attribute 填表人: 张三 → 李四
    attribute 填报日期: — → 2024.6.13
    attribute 联系电话: 0000-0000000 → —' \
'| attribute 填表人 | 张三 | 李四 |' \
'[t] = tables()
assert [(f["field"], f["status"], f["name"], f["old"], f["new"]) for f in t["fields"]] == [
    ("attribute", "changed", "填表人", "张三", "李四"),
    ("attribute", "added", "填报日期", None, "2024.6.13"),
    ("attribute", "removed", "联系电话", "0000-0000000", None)]
assert d["change_count"] == 3'
field_case weight 'sub("分值 10", "分值 20")
sub("\"发放补助户数\" 1200 户", "\"发放补助户数\" 1200 户  分值 5")' \
'department 示例局
  fields
    weight (分值) of “培训人数”: 10 → 20
    weight (分值) of “发放补助户数”: — → 5' \
'| weight (分值) of “培训人数” | 10 | 20 |' \
'[t] = tables()
assert [(f["field"], f["status"], f["indicator"], f["old"], f["new"]) for f in t["fields"]] == [
    ("weight", "changed", "培训人数", "10", "20"), ("weight", "added", "发放补助户数", None, "5")]'
field_case note 'sub("备注 \"按季度统计\"", "备注 \"按月统计\"")' \
'department 示例局
  fields
    note (备注) of “培训人数”: 按季度统计 → 按月统计' \
'| note (备注) of “培训人数” | 按季度统计 | 按月统计 |' \
'[t] = tables()
assert [(f["field"], f["indicator"], f["old"], f["new"]) for f in t["fields"]] == [
    ("note", "培训人数", "按季度统计", "按月统计")]'
field_case item 'sub("项目 \"业务培训费\"\n", "项目 \"宣传费\"\n")' \
'department 示例局
  fields
    item (项目) of “培训人数”: 业务培训费 → 宣传费' \
'| item (项目) of “培训人数” | 业务培训费 | 宣传费 |' \
'[t] = tables()
assert [(f["field"], f["indicator"], f["old"], f["new"]) for f in t["fields"]] == [
    ("item", "培训人数", "业务培训费", "宣传费")]'
field_case unit-dropped 'sub("1200 户", "1200")' \
'department 示例局
  targets
    changed unit “发放补助户数”: 1200户 → 1200' \
'| changed unit | 发放补助户数 | 1200户 | 1200 |' \
'[t] = tables()
assert [(x["name"], x["class"]) for x in t["targets"]] == [("发放补助户数", "changed_unit")]'
# In Chinese, the words of the section and of the fields.
edit $F "$tmp/f-zh.goal" 'sub("年度 2024", "年度 2025")
sub("分值 10", "分值 20")'
expect 1 "fields, zh" "$goalc" diff --lang zh $F "$tmp/f-zh.goal"
has "$tmp/stdout" "^  其他字段$" "fields, zh: section"
has "$tmp/stdout" "^    年度: 2024 → 2025$" "fields, zh: year"
has "$tmp/stdout" "^    分值：“培训人数”: 10 → 20$" "fields, zh: weight"
expect 1 "fields, zh markdown" "$goalc" diff --lang zh --format markdown $F "$tmp/f-zh.goal"
has "$tmp/stdout" "^### 其他字段$" "fields, zh markdown: heading"
has "$tmp/stdout" "^| 字段 | 原 | 新 |$" "fields, zh markdown: header"

# Spellings of one value: nothing to report.
noise_case weight-spelling 'sub("分值 10", "分值 10.00")'
noise_case period-spelling 'sub("实施期 1 年", "实施期 12 个月")'
noise_case framework-default 'sub("    年度 2024", "    框架 2020\n    年度 2024")'
noise_case keywords-en 'sub("年度 2024", "year 2024")
sub("分值 10  备注 \"按季度统计\"  项目", "weight 10  note “按季度统计”  project")'
noise_case attribute-quoted 'sub("填表人 \"张三\"", "\"填表人\" “张三”")'

# --- renames: same place, same target, a similar name -----------------------------
# 宣传册印制数 → 宣传册印制份数 (1 edit in 7) is a rename; with the target
# changed too, or moved to another category, or a name not similar
# (培训人数 → 参训学员数), it is one removed and one added.
rename() {
    edit $F "$tmp/r-$1.goal" "$2" || { no "rename $1: edit"; return; }
    expect 1 "rename $1: exit" "$goalc" diff --format json $F "$tmp/r-$1.goal"
    json "$tmp/stdout" "[t] = tables()
got = sorted((i['change'], i['name'], i['old_name']) for i in t['indicators'])
assert got == $3, got"
}
rename similar 'sub("\"宣传册印制数\"", "\"宣传册印制份数\"")' \
    '[("renamed", "宣传册印制份数", "宣传册印制数")]'
rename target-changed 'sub("\"宣传册印制数\" ≥ 2000 份", "\"宣传册印制份数\" ≥ 3000 份")' \
    '[("added", "宣传册印制份数", None), ("removed", "宣传册印制数", None)]'
rename not-similar 'sub("\"培训人数\"", "\"参训学员数\"")' \
    '[("added", "参训学员数", None), ("removed", "培训人数", None)]'
rename other-category 'sub("                \"宣传册印制数\" ≥ 2000 份\n", "")
sub("            }\n        }\n        效益指标", "            }\n            质量指标 { \"宣传册印制份数\" ≥ 2000 份 }\n        }\n        效益指标")' \
    '[("added", "宣传册印制份数", None), ("removed", "宣传册印制数", None)]'
# A renamed indicator's other changes are still reported, under its new name.
edit $F "$tmp/r-weight.goal" 'sub("\"培训人数\" ≥ 500 人  分值 10", "\"培训总人数\" ≥ 500 人  分值 15")'
expect 1 "rename with a weight" "$goalc" diff --lang en $F "$tmp/r-weight.goal"
printf '%s\n' 'department 示例局' '  indicators' \
    '    renamed “培训人数” → “培训总人数”: 产出指标 / 数量指标, ≥500人' \
    '  fields' '    weight (分值) of “培训总人数”: 10 → 15' >"$tmp/r-weight.txt"
same_as "$tmp/r-weight.txt" "rename with a weight: report"
expect 1 "rename, markdown" "$goalc" diff --lang en --format markdown $F "$tmp/r-weight.goal"
has "$tmp/stdout" "^| renamed | 培训总人数 | 培训人数 | 培训总人数 |$" "rename, markdown row"

# --- the self-evaluation (issue 14): pairs of files and the expected reports ---
# selfeval-goal.goal → selfeval.goal: a goal table becoming its
# self-evaluation (every 实际, score, phase amount added); selfeval.goal →
# selfeval-rescored.goal: less spent and achieved, scores, sums and the
# grade changed.  Every value is written on the self-evaluation side, so the
# reports do not depend on what goalc computes.
# pair OLD NEW EXPECTED OPTIONS...: goalc diff OPTIONS OLD NEW prints EXPECTED exactly
pair() {
    o=tests/diff/$1.goal n=tests/diff/$2.goal e=tests/diff/$3
    shift 3
    expect 1 "$e: exit" "$goalc" diff "$@" $o $n
    same_as $e "$e"
}
pair selfeval-goal selfeval selfeval-added.txt --lang en
pair selfeval-goal selfeval selfeval-added.zh.md --lang zh --format markdown
pair selfeval-goal selfeval selfeval-added.json --format json
pair selfeval selfeval-rescored selfeval-rescored.txt --lang en
pair selfeval selfeval-rescored selfeval-rescored.zh.txt --lang zh
pair selfeval selfeval-rescored selfeval-rescored.md --lang en --format markdown
pair selfeval selfeval-rescored selfeval-rescored.json --format json
json tests/diff/selfeval-rescored.json '
[t] = tables()
e = {(x["field"], x["owner"], x["of"]): (x["old"], x["new"]) for x in t["evaluation"]}
assert e[("grade", "table", None)] == ("良", "中")
assert e[("score", "indicator", "月均保障人数")] == ("19.2", "18.4")
assert e[("execution_rate", "fund", "资金")] == ("97.5%", "92.31%")
assert not any(x["computed"] for x in t["evaluation"])
assert d["change_count"] == len(t["evaluation"]) + len(t["funds"]["changes"]) + len(t["texts"])'
# The same values spelt otherwise: English keywords, 97.50% for 97.5%,
# 19.20 for 19.2, 0.12 万人 for 1,200 人, good for 良, positive for 正向.
# No change.
edit tests/diff/selfeval.goal "$tmp/se-noise.goal" '
sub("执行率 97.5%", "execution_rate 97.50%")
sub("调整后 520", "adjusted 520.00")
sub("得分 19.2", "score 19.20")
sub("实际 1,200 人", "实际 0.12 万人 方向 正向")
sub("等级 良", "grade good")
'
edit tests/diff/selfeval.goal "$tmp/se-noise-old.goal" 'sub("实际 1,200 人", "实际 1,200 人 方向 positive")'
expect 0 "self-evaluation spelt otherwise: no change" "$goalc" diff "$tmp/se-noise-old.goal" "$tmp/se-noise.goal"
empty "self-evaluation spelt otherwise"
# 决算 by year, a 偏差 on a fund line, a 方向 reversed (1,200 人 against
# ≤ 1,250 人 scores in full: the written 19.2 stays within the rule).
edit tests/diff/selfeval.goal "$tmp/se-final.goal" '
sub("执行 507 执行率", "执行 507 决算 2024 505 执行率")
sub("上级 200 调整后 220 执行 207", "上级 200 调整后 220 执行 207 偏差 \"上级资金12月到位\"")
sub("实际 1,200 人 得分 19.2", "实际 1,200 人 得分 19.2 方向 正向")
'
edit "$tmp/se-final.goal" "$tmp/se-final2.goal" '
sub("决算 2024 505", "决算 2024 506 决算 2025 507")
sub("方向 正向", "方向 反向")
sub("上级资金12月到位", "上级资金11月到位")
'
expect 1 "决算 by year" "$goalc" diff --lang en "$tmp/se-final.goal" "$tmp/se-final2.goal"
cat >"$tmp/se-final.txt" <<'EOF'
project 城乡低保资金 (department 示例县民政局)
  funds (万元)
    资金, final accounts (决算) 2024: 505 → 506 (+1, +0.20%)
    资金, final accounts (决算) 2025: — → 507 (added)
    total: 500 → 500 (unchanged)
  self-evaluation
    deviation (偏差) of 资金 / 按 资金来源 / 上级: 上级资金12月到位 → 上级资金11月到位
    direction (方向) of “月均保障人数”: 正向 → 反向
EOF
same_as "$tmp/se-final.txt" "决算 by year, 偏差 of a fund line, 方向"
expect 1 "决算 by year, json" "$goalc" diff --format json "$tmp/se-final.goal" "$tmp/se-final2.goal"
json "$tmp/stdout" '
[t] = tables()
assert [(c["phase"], c["year"], c["old"], c["new"]) for c in t["funds"]["changes"]] == [
    ("final", 2024, "505", "506"), ("final", 2025, None, "507")]'

# The duty table (履职): amounts compared by value (50 万元 = 500000 元), rows
# matched by their path of names, an added or removed row is a change.
pair duties duties-changed duties.txt --lang en
pair duties duties-changed duties.zh.md --lang zh --format markdown
pair duties duties-changed duties.json --format json
json tests/diff/duties.json '
[t] = tables()
f = [(x["field"], x["status"], x["name"], x["old"], x["new"]) for x in t["fields"]]
assert f == [
    ("duty_row", "changed", "公共卫生服务 / 重大疾病防控", "任务 80 万元", "任务 70 万元"),
    ("duty_row", "changed", "公共卫生服务 / 重大疾病防控 / 卫生应急能力建设", "项目 30 万元", "项目 20 万元"),
    ("duty_row", "changed", "公共卫生服务 / 基层卫生服务", "任务 40 万元", "任务 50 万元"),
    ("duty_row", "changed", "公共卫生服务 / 基层卫生服务 / 基层医疗机构运行补助", "项目 40 万元", "项目 50 万元"),
    ("duty_row", "added", "人口家庭服务 / 计划生育服务", None, "任务"),
], f'
# --- 栏, 实施期指标 and 进度 (issue 15) ------------------------------------------
# columns-edited.goal: a fund line's and indicators' 栏 changed, added and
# removed, a 实施期指标 target raised, 进度 rows changed, added, removed, and
# a deadline respelt (2024-06-30 前 → 2024年6月30日前: no change).
pair columns columns-edited columns-edited.txt --lang en
pair columns columns-edited columns-edited.zh.txt --lang zh
pair columns columns-edited columns-edited.md --lang en --format markdown
pair columns columns-edited columns-edited.json --format json
json tests/diff/columns-edited.json '
d, p = tables()
assert [(f["field"], f["status"], f["indicator"], f["name"]) for f in d["fields"]] == [
    ("fund_column", "changed", "资金 / 按 支出性质 / 基本支出", "测算依据"),
    ("column", "changed", "培训人数", "评(扣)分标准"),
    ("column", "added", "培训合格率", "指标解释"),
    ("column", "removed", "培训合格率", "数据来源")]
assert [(f["field"], f["status"], f["name"]) for f in p["fields"]] == [
    ("schedule", "changed", "组织培训"), ("schedule", "added", "绩效自评"),
    ("schedule", "removed", "年度总结")]
assert [(x["name"], x["class"]) for x in p["targets"]] == [("培训人数 (实施期指标)", "tightened")]'
# Reordered columns and a respelt schedule are no change.
edit tests/diff/columns.goal "$tmp/c-noise.goal" 'sub("栏 测算依据 \"见项目表\" 栏 资金用途 \"培训, \\\"两癌\\\"筛查\"", "栏 资金用途 \"培训, \\\"两癌\\\"筛查\" 栏 测算依据 \"见项目表\"")
sub("\"前期准备\" 2024-01-01 至 2024-03-31", "\"前期准备\" 2024年1月1日 .. 2024年3月31日")'
expect 0 "columns reordered, a schedule respelt" "$goalc" diff $tmp/c-noise.goal tests/diff/columns.goal
# --- 计算 and 占比 ------------------------------------------------------------
# relations-edited.goal: a 计算 reordered (compared as fmt writes it: a
# change), one dropped; a 占比 changed and one dropped; 20% → 20.0% and
# ÷ → / are respellings, no change.
pair relations relations-edited relations-edited.txt --lang en
pair relations relations-edited relations-edited.zh.txt --lang zh
pair relations relations-edited relations-edited.json --format json
json tests/diff/relations-edited.json '
[t] = tables()
f = [(x["field"], x["status"], x["indicator"], x["old"], x["new"]) for x in t["fields"]]
assert f == [
    ("share", "changed", "资金 / 成本构成 / 场地费", "75%", "70%"),
    ("share", "removed", "资金 / 成本构成 / 其他", "5.0%", None),
    ("compute", "changed", "场地及其他", "资金 成本构成 场地费 + 资金 成本构成 其他",
     "资金 成本构成 其他 + 资金 成本构成 场地费"),
    ("compute", "removed", "结业率", "\"结业人数\" ÷ \"培训人数\"", None),
], f'

# --- exit status 2, stdin, git revisions ----------------------------------------
printf '部门 "x" {\n    资金 {\n' >"$tmp/broken.goal"
expect 2 "a side with errors" "$goalc" diff --lang en $Y "$tmp/broken.goal"
has "$tmp/stderr" "error" "diagnostics of the broken side"
expect 2 "missing file" "$goalc" diff $Y "$tmp/nonexistent.goal"
expect 2 "one file" "$goalc" diff $Y
expect 2 "bad format" "$goalc" diff --format html $Y $Y
expect 2 "both stdin" "$goalc" diff - - </dev/null
expect 1 "stdin as OLD" "$goalc" diff --lang en - "$tmp/y-new.goal" <$Y
same_as "$tmp/y.txt" "stdin as OLD: report"
expect 0 "stdin as NEW" "$goalc" diff $Y - <"$tmp/y-noise.goal"

repo=$tmp/repo
mkdir "$repo" && cp $Y "$repo/t.goal" &&
    (cd "$repo" && git init -q && git add t.goal &&
        git -c user.name=t -c user.email=t@example.com commit -q -m one) || no "git setup"
cp "$tmp/y-new.goal" "$repo/t.goal"
(cd "$repo" && "$goalc" diff --lang en HEAD:t.goal t.goal) >"$tmp/stdout" 2>"$tmp/stderr"
if [ $? -eq 1 ]; then ok; else no "REV:PATH: exit"; cat "$tmp/stderr"; fi
same_as "$tmp/y.txt" "REV:PATH: report"
(cd "$repo" && "$goalc" diff HEAD:nothing.goal t.goal) >"$tmp/stdout" 2>"$tmp/stderr"
if [ $? -eq 2 ]; then ok; else no "REV:PATH of a missing file: exit"; fi
(cd "$repo" && "$goalc" diff HEAD:t.goal HEAD:t.goal) >"$tmp/stdout" 2>&1
if [ $? -eq 0 ]; then ok; else no "REV:PATH on both sides"; cat "$tmp/stdout"; fi

lib_summary diff
