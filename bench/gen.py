#!/usr/bin/env python3
"""gen.py - a deterministic corpus of realistic goal tables, for make bench.

    bench/gen.py SIZE_MB [-o FILE]          one file of about SIZE_MB megabytes
    bench/gen.py SIZE_MB --split N -d DIR   the same tables in N files DIR/NNNN.goal

The same arguments always give the same bytes (a seeded PRNG, no clock, no
hash order).  Each table is a department of a city (部门) with its funds
split exactly by 收入性质 and by 支出性质 (项目支出 with a 其中), a 职能 text
block, a goal, indicators of every level-1 and level-2 category of the
default framework, and 2-6 nested projects whose funds (本级 + 上级 中央/省)
add up to at most the department's 项目支出.  Targets cover every form:
≥ N 人, ≤ N/100000, ‰, percentages (glued, suffixed 以上), ranges, deadlines
(2024年12月31日前, ≤ 2024-06-30, 12月底前), periods, durations, money per
person per month, qualitative texts (定性 and bare), with 标准, 分值 and 备注
modifiers.  Amounts are exact: everything is computed in cents.

The corpus must compile with no errors (warnings are fine): bench/run.sh
checks that before measuring.
"""
import argparse
import os
import random
import sys

CITIES = ["沅江", "望城", "浏阳", "宁乡", "醴陵", "湘乡", "韶山", "耒阳", "常宁", "武冈",
          "汨罗", "临湘", "津市", "资兴", "洪江", "冷水江", "涟源", "吉首", "张家界", "永州"]
BUREAUS = ["卫生健康局", "教育局", "民政局", "农业农村局", "水利局", "交通运输局", "文化旅游广电局",
           "人力资源和社会保障局", "住房和城乡建设局", "生态环境局", "林业局", "医疗保障局",
           "退役军人事务局", "应急管理局", "市场监督管理局", "自然资源局", "体育局", "统计局"]
PROJECTS = ["基本公共卫生服务", "血防服务", "重大传染病防控", "家庭医生签约服务", "农村饮水安全巩固提升",
            "高标准农田建设", "义务教育学生营养改善计划", "学前教育资助", "城乡居民养老保险补助",
            "困难群众救助", "残疾人两项补贴", "农村公路养护", "河道综合治理", "森林防火",
            "老年人健康管理", "妇幼健康服务", "职业技能培训", "公共文化服务体系建设",
            "全民健身设施建设", "安全生产执法检查", "食品安全抽检", "耕地地力保护补贴"]
WHO = ["居民", "农户", "学生", "患者", "老年人", "儿童", "孕产妇", "企业", "村（社区）", "群众"]
DUTIES = ["贯彻执行国家有关法律法规和方针政策，拟订全市发展规划并组织实施。",
          "统筹规划全市公共服务资源配置，指导区域规划的编制和实施。",
          "负责职责范围内的监督管理，健全综合监督体系。",
          "组织实施重点项目，开展监测、评估和信息发布工作。",
          "承办市委、市政府交办的其他任务。"]
VAGUE_OK = ["促进区域经济稳定发展", "群众获得感明显增强", "服务能力持续提升", "长效机制基本建立",
            "生态环境持续改善", "管理制度健全完善"]


def money(cents):
    """An exact amount in 万元 with two decimals, from an integer of cents."""
    return "%d.%02d" % divmod(cents, 100)


def split(rng, total, parts):
    """total (cents) as `parts` positive integers that add up to it exactly."""
    if parts == 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total])]


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.n_dept = 0
        self.n_proj = 0
        self.indicators = 0

    # --- targets -----------------------------------------------------------
    def quantity(self, name):
        r = self.rng
        forms = [
            lambda: '"%s人数" ≥ %d 人' % (name, r.randrange(100, 600000)),
            lambda: '"%s签约数" ≧%d人' % (name, r.randrange(1000, 600000)),
            lambda: '"开展%s宣传活动" ≥%d 次/年' % (name, r.randrange(2, 48)),
            lambda: '"覆盖%s户数" %d 户' % (name, r.randrange(50, 90000)),
            lambda: '"发放%s资料" 不少于%d份' % (name, r.randrange(500, 50000)),
            lambda: '"建设%s站点" %d 个 标准 ≥ %d 个' % (name, r.randrange(1, 80), 1),
            lambda: '"%s培训人次" ≥ %d 人次 分值 %d' % (name, r.randrange(100, 20000), r.randrange(5, 20)),
        ]
        return r.choice(forms)()

    def quality(self, name):
        r = self.rng
        p = r.randrange(80, 100)
        forms = [
            lambda: '"%s合格率" ≥ %d%%' % (name, p),
            lambda: '"%s达标率" %d%%以上 标准 ≥ %d%%' % (name, p, p),
            lambda: '"%s死亡率" ≤%d/100000' % (name, r.randrange(1, 30)),
            lambda: '"%s发病率" < %d/10万' % (name, r.randrange(5, 60)),
            lambda: '"%s差错率" ≤ %d‰' % (name, r.randrange(1, 9)),
            lambda: '"%s规范管理率" %d%% .. %d%%' % (name, p - 5, p),
            lambda: '"%s质量" 定性 "符合国家标准" 标准 定性 "符合国家标准"' % name,
        ]
        return r.choice(forms)()

    def timeliness(self, name):
        r = self.rng
        m = r.randrange(1, 13)
        forms = [
            lambda: '"%s资金拨付" 2024年12月31日前' % name,
            lambda: '"%s完成时间" ≤ 2024-%02d-%02d' % (name, m, r.randrange(1, 29)),
            lambda: '"%s验收" %d月底前' % (name, m),
            lambda: '"%s实施周期" 2024-01 .. 2024-%02d' % (name, max(m, 2)),
            lambda: '"%s资金按规定拨付到位" ≤ %d 个月' % (name, r.randrange(1, 6)),
            lambda: '"%s办结时限" ≤ %d 个工作日 备注 "自受理之日起"' % (name, r.randrange(3, 30)),
        ]
        return r.choice(forms)()

    def cost(self, name):
        r = self.rng
        forms = [
            lambda: '"%s补助标准" ≤ %d 元/人·月' % (name, r.randrange(50, 1500)),
            lambda: '"%s人均成本" ≤ %d 元/人' % (name, r.randrange(20, 3000)),
            lambda: '"%s单次成本" ≤ %d 元/次' % (name, r.randrange(10, 500)),
            lambda: '"%s成本控制" 定性 "控制在预算范围内"' % name,
        ]
        return r.choice(forms)()

    def benefit(self, name):
        r = self.rng
        forms = [
            lambda: '"%s知晓率" ≥ %d%%' % (name, r.randrange(70, 100)),
            lambda: '"%s" 定性 "%s"' % (name + "效果", r.choice(VAGUE_OK)),
            lambda: '"%s受益人数" ≥ %d 人' % (name, r.randrange(100, 900000)),
        ]
        return r.choice(forms)()

    def satisfaction(self, who):
        p = self.rng.randrange(85, 100)
        return '"%s满意度" ≥ %d%% 标准 ≥ %d%%' % (who, p, p)

    def category(self, out, indent, name, items):
        out.append("%s%s {\n" % (indent, name))
        for it in items:
            out.append("%s    %s\n" % (indent, it))
            self.indicators += 1
        out.append("%s}\n" % indent)

    def indicators_block(self, out, indent, topic, scale):
        r = self.rng
        who = r.choice(WHO)
        i2 = indent + "    "
        i3 = i2 + "    "
        n = lambda: r.randrange(1, 3 + scale)
        out.append("%s指标 {\n" % indent)
        out.append("%s产出指标 {\n" % i2)
        self.category(out, i3, "数量指标", [self.quantity(topic + str(k)) for k in range(n())])
        self.category(out, i3, "质量指标", [self.quality(topic + str(k)) for k in range(n())])
        self.category(out, i3, "时效指标", [self.timeliness(topic + str(k)) for k in range(n())])
        self.category(out, i3, "成本指标", [self.cost(topic + str(k)) for k in range(n())])
        out.append("%s}\n" % i2)
        out.append("%s效益指标 {\n" % i2)
        self.category(out, i3, "经济效益指标", [self.benefit(topic + "经济" + str(k)) for k in range(n())])
        self.category(out, i3, "社会效益指标", [self.benefit(topic + "社会" + str(k)) for k in range(n())])
        if r.random() < 0.5:
            out.append("%s生态效益指标 { 不适用 }\n" % i3)
        else:
            self.category(out, i3, "生态效益指标", ['"%s环境影响" 定性 "无不良影响"' % topic])
        self.category(out, i3, "可持续影响指标",
                      ['"%s长效机制" 定性 "%s"' % (topic, r.choice(VAGUE_OK))])
        out.append("%s}\n" % i2)
        out.append("%s满意度指标 {\n" % i2)
        self.category(out, i3, "服务对象满意度指标",
                      [self.satisfaction(who + str(k)) for k in range(1 + r.randrange(2))])
        out.append("%s}\n" % i2)
        out.append("%s}\n" % indent)

    # --- tables ------------------------------------------------------------
    def project(self, out, dept, cents):
        r = self.rng
        self.n_proj += 1
        name = "%s%d" % (r.choice(PROJECTS), self.n_proj)
        own, up = split(r, cents, 2) if cents > 1 else (cents, 0)
        central, province = split(r, up, 2) if up > 1 else (up, 0)
        out.append('    项目 "%s" {\n' % name)
        out.append('        预算部门 "%s"\n' % dept)
        out.append('        资金 万元 {\n')
        out.append('            本级 %s\n' % money(own))
        out.append('            上级 {\n                中央 %s\n                省 %s\n            }\n'
                   % (money(central), money(province)))
        out.append('        }\n')
        out.append('        实施期 1 年\n')
        out.append('        实施期目标 "完成本年度%s任务"\n' % name)
        out.append('        目标 "完成本年度%s任务，服务对象满意度不低于90%%"\n' % name)
        self.indicators_block(out, "        ", name[:4], 2)
        out.append('        填表人 "张%s"\n' % ("伟芳娜敏静丽强磊军洋"[self.n_proj % 10]))
        out.append('        联系电话 "0731-0000000"\n')
        out.append('    }\n')

    def department(self, out):
        r = self.rng
        self.n_dept += 1
        name = "%s市%s（%d）" % (r.choice(CITIES), r.choice(BUREAUS), self.n_dept)
        projects = [r.randrange(1000, 500000) for _ in range(r.randrange(2, 7))]  # cents
        project_line = sum(projects) + r.randrange(0, 100000)
        basic = r.randrange(100000, 5000000)
        total = basic + project_line
        income = split(r, total, 4)
        income[1] = income[1] if r.random() < 0.7 else 0  # 政府性基金拨款 is often 0
        income[3] = total - sum(income[:3])
        upper = r.randrange(0, project_line + 1)
        out.append('部门 "%s" {\n' % name)
        out.append('    年度 2024\n')
        out.append('    填报单位 "（盖章）"\n')
        out.append('    资金 万元 %s {\n' % money(total))
        out.append('        按 收入性质 {\n')
        for line, c in zip(["一般公共预算", "政府性基金拨款", "纳入专户管理的非税收入拨款", "其他资金"], income):
            out.append('            %s %s\n' % (line, money(c)))
        out.append('        }\n')
        out.append('        按 支出性质 {\n')
        out.append('            基本支出 %s\n' % money(basic))
        out.append('            项目支出 %s {\n' % money(project_line))
        out.append('                其中 { 上级资金 %s }\n' % money(upper))
        out.append('            }\n')
        out.append('        }\n')
        out.append('    }\n')
        out.append('    职能 """\n')
        for k in r.sample(range(len(DUTIES)), 3):
            out.append('        %s\n' % DUTIES[k])
        out.append('        """\n')
        out.append('    目标 "%s"\n' % "；".join(r.sample(VAGUE_OK, 3)))
        self.indicators_block(out, "    ", name[len(name) - 8:len(name) - 4], 3)
        for c in projects:
            self.project(out, name, c)
        out.append('}\n\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("size_mb", type=float)
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--split", type=int, default=0, help="write N files into -d DIR")
    ap.add_argument("-d", "--directory")
    ap.add_argument("--seed", type=int, default=6)
    a = ap.parse_args()
    target = int(a.size_mb * 1024 * 1024)
    g = Gen(a.seed)
    header = "# bench/gen.py %s --seed %d: generated, deterministic\n\n" % (a.size_mb, a.seed)
    tables, size = [], len(header.encode())
    while size < target:
        out = []
        g.department(out)
        text = "".join(out)
        tables.append(text)
        size += len(text.encode())
    if a.split:
        if not a.directory:
            ap.error("--split needs -d DIR")
        os.makedirs(a.directory, exist_ok=True)
        per = -(-len(tables) // a.split)
        for i in range(a.split):
            with open(os.path.join(a.directory, "%04d.goal" % i), "w", encoding="utf-8") as f:
                f.write(header)
                f.write("".join(tables[i * per:(i + 1) * per]))
    else:
        f = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
        f.write(header)
        f.write("".join(tables))
        if f is not sys.stdout:
            f.close()
    sys.stderr.write("gen.py: %d bytes, %d departments, %d projects, %d indicators\n"
                     % (size, g.n_dept, g.n_proj, g.indicators))


if __name__ == "__main__":
    main()
