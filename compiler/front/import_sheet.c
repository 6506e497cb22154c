/*
 * import_sheet.c - finding a goal table in one sheet's grid of cells, by
 * the labels of the official forms (docs/import.md), never by fixed
 * positions.
 *
 * The indicator table starts at the header row holding 一级指标, 二级指标
 * and 三级指标; the other columns are found by their headers (指标值…,
 * 度量单位, 指标性质, 绩效标准, 分值, 实际完成值, 得分, 偏差原因…, 备注; any
 * other header becomes a 栏).  A merged 一级/二级 cell applies to every
 * row of its range (import_xlsx.c fills it in), and an empty one carries
 * the category above.  Above the header (and below the table) label
 * cells are read with the value to their right: the table's name, 部门,
 * 目标, 实施期目标, 职能, the funds block (资金总额 and its lines, also as
 * the self-evaluation's 年初预算数 | 全年预算数 | 全年执行数 columns), and
 * any other `LABEL：` as an attribute.  Below the header the other blocks
 * goalc's own forms print are read too (docs/import.md, "goalc's own forms
 * read as official forms"): every further indicator block (实施期绩效指标),
 * the 资金 | 测算依据 block and the self-evaluation's table of columns (栏),
 * the duty table (履职) and the schedule (进度); a label goalc's layout
 * prints renamed becomes the attribute that renamed it.  A cell that none
 * of this accounts for becomes a note (a `#` comment and W0030), never a
 * value.
 *
 * Labels are compared with their spaces (ASCII, U+3000, NBSP) and a final
 * colon (: or ：) removed, and a leading 其中 dropped.
 */
#include "front/import.h"

#include "base/arena.h"
#include "model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A label as compared: spaces and final colons gone, 其中 dropped. */
static const char *
norm(struct arena *a, const char *s)
{
    if (s == NULL)
        return "";
    size_t n = strlen(s);
    char *out = arena_alloc_bytes(a, n + 1), *o = out;
    for (const char *p = s; *p;) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            p++;
        } else if (strncmp(p, "\xE3\x80\x80", 3) == 0 || strncmp(p, "\xC2\xA0", 2) == 0) {
            p += *p == '\xC2' ? 2 : 3;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    for (;;) { /* final colons */
        size_t len = strlen(out);
        if (len >= 1 && out[len - 1] == ':')
            out[len - 1] = '\0';
        else if (len >= 3 && strcmp(out + len - 3, "：") == 0)
            out[len - 3] = '\0';
        else
            break;
    }
    if (strncmp(out, "其中", strlen("其中")) == 0 && out[strlen("其中")] != '\0') {
        out += strlen("其中");
        if (strncmp(out, "：", strlen("：")) == 0)
            out += strlen("：");
        else if (*out == ':')
            out++;
    }
    return out;
}

static bool
is_one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

static const char *const project_name_labels[] = {"项目名称", "项目支出名称", NULL};
static const char *const department_name_labels[] = {"部门名称", "单位名称", "部门（单位）名称", NULL};
static const char *const department_labels[] = {"主管部门", "预算部门", "主管部门及代码", NULL};
static const char *const goal_labels[] = {"年度目标", "本年度绩效目标", "年度绩效目标",
                                          "整体绩效目标", "年度总体目标", "部门整体绩效目标",
                                          "年度总体绩效目标", NULL};
static const char *const period_goal_labels[] = {"实施期绩效目标", "实施期目标",
                                                 "实施期总目标", NULL};
static const char *const duty_labels[] = {"部门职能", "职能", "主要职能", NULL};
static const char *const period_labels[] = {"项目支出实施期", "项目实施期", "实施期", NULL};
static const char *const total_labels[] = {"资金总额", "年度资金总额", "项目资金总额",
                                           "年度预算资金总额", "资金总额（万元）",
                                           "资金总额(万元)", NULL};
static const char *const income_lines[] = {"一般公共预算", "一般公共预算拨款", "政府性基金拨款",
                                           "纳入专户管理的非税收入拨款",
                                           "纳入专项管理的非税收入拨款", "其他资金", NULL};
static const char *const expense_lines[] = {"基本支出", "项目支出", NULL};
static const char *const of_which_lines[] = {"财政拨款", "当年财政拨款", "上年结转资金",
                                             "财政资金", "上年结转", NULL};
static const char *const level_lines[] = {"本级", "上级", "本级资金", "上级资金",
                                          "年度本级预算金额", "该项目支出上级资金",
                                          "本级预算", NULL};
static const char *const upper_parts[] = {"中央", "省", "省级", "市", "市县", "市级", "县级",
                                          NULL};
/* Rows of the form written as attributes (language.md §8) when they have a value. */
static const char *const attribute_labels[] = {"填报单位", "实施单位", "项目属性", "部门预算编码",
                                               "项目负责人", "项目类别",
                                               "资金用途", "预算单位", "单位负责人签字", NULL};
/* Labels of a block of rows (the funds block's row label): nothing to write. */
static const char *const block_labels[] = {"项目资金", "年度预算", "项目资金（万元）",
                                           "项目资金(万元)", "资金情况", "年度资金", "绩效指标",
                                           "年度预算申请", "预算执行情况", NULL};
/* The subtotal rows of goalc's department form: each heads the lines below it. */
static const char *const partition_heads[][2] = {{"按收入性质分", "按收入性质"},
                                                 {"按支出性质分", "按支出性质"},
                                                 {"按收入性质", "按收入性质"},
                                                 {"按支出性质", "按支出性质"}};
/* The rows under a self-evaluation's indicators (总分, 等级, 合计): they end the table. */
static const char *const score_rows[] = {"总分", "合计", "总计", "等级", NULL};
static const char *const grades[] = {"优", "良", "中", "差", NULL};
static const char *const footer_labels[] = {"填表人", "联系电话", "填报日期", "单位负责人",
                                            "单位负责人签字", "审核人", "财务负责人", NULL};

enum { IMPORT_SHEET_MAX_BLOCKS = 8 };

/* What each column of the header row holds. */
enum role { R_NONE, R_L1, R_L2, R_L3, R_TARGET, R_UNIT, R_CMP, R_STD, R_WEIGHT, R_ACTUAL,
            R_SCORE, R_DEV, R_NOTE, R_ITEM, R_COLUMN };
static enum role role_of(const char *n);

struct scan {
    struct import_doc *d;
    const struct import_grid *g;
    struct import_table *t;
    unsigned char *used; /* rows * cols: accounted for */
    const char **group;  /* cols: the path the lines below a head take in this column */
    bool selfeval;       /* the title says 自评表: its labels are its own, no renaming */
    struct import_field *renames; /* renamed labels, kept when the sheet is goalc's layout */
    size_t rename_count, rename_cap;
    size_t header;       /* the indicator header row */
    size_t end;          /* the first row after the indicator table */
};

static const char *
cell(const struct scan *s, size_t r, size_t c)
{
    return r < s->g->rows && c < s->g->cols ? s->g->cells[r * s->g->cols + c] : NULL;
}

static bool
cont(const struct scan *s, size_t r, size_t c) /* a merged cell but not its top-left */
{
    return s->g->merged[r * s->g->cols + c] != 0;
}

static void
use(struct scan *s, size_t r, size_t c)
{
    s->used[r * s->g->cols + c] = 1;
}

static const char *where(const struct scan *s, size_t r, size_t c);

/* A label of goalc's goal table printed otherwise (三级指标 as 指标内容): the table renamed
   it with an attribute of the label's name (language.md §8), which comes back. */
static void
renamed(struct scan *s, size_t r, size_t c, enum model_label label, const char *printed)
{
    const char *name = model_label_name(label);
    if (s->selfeval || printed == NULL || *printed == '\0' || strcmp(printed, name) == 0)
        return;
    const char *keyword = arena_printf(s->d->arena, "\"%s\"", name);
    for (size_t i = 0; i < s->rename_count; i++)
        if (strcmp(s->renames[i].keyword, keyword) == 0)
            return;
    s->renames = arena_grow(s->d->arena, s->renames, s->rename_count, &s->rename_cap,
                            sizeof *s->renames);
    s->renames[s->rename_count++] =
        (struct import_field){where(s, r, c), keyword, printed, false, false, 0};
}

/* Whether the sheet is laid out as goalc prints a goal table: its indicator block's row label
   is goalc's (部门整体支出年度绩效指标, 本年度绩效指标); only then is a label that differs
   from goalc's a renaming (on another form it is that form's own wording). */
static bool
goalc_layout(struct scan *s)
{
    const char *n = norm(s->d->arena, cell(s, s->header, 0));
    return strcmp(n, model_label_name(MODEL_LABEL_DEPARTMENT_INDICATORS)) == 0 ||
           strcmp(n, model_label_name(MODEL_LABEL_PROJECT_INDICATORS)) == 0;
}

/* "Sheet1!F12" */
static const char *
where(const struct scan *s, size_t r, size_t c)
{
    char col[8];
    size_t n = 0, v = c + 1;
    char rev[8];
    while (v > 0 && n < sizeof rev) {
        rev[n++] = (char)('A' + (v - 1) % 26);
        v = (v - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        col[i] = rev[n - 1 - i];
    col[n] = '\0';
    return arena_printf(s->d->arena, "%s!%s%zu", s->g->sheet, col, r + 1);
}

static bool
is_number(const char *v)
{
    if (v == NULL || *v == '\0')
        return false;
    const char *p = v;
    if (*p == '-')
        p++;
    bool digit = false, point = false;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digit = true;
        else if (*p == '.' && !point)
            point = true;
        else if (*p != ',')
            return false;
    }
    return digit;
}

/* An amount as the language writes it: the number with its separators dropped. */
static const char *
amount_of(struct arena *a, const char *v)
{
    size_t n = strlen(v);
    char *out = arena_alloc_bytes(a, n + 1), *o = out;
    for (; *v; v++)
        if (*v != ',')
            *o++ = *v;
    *o = '\0';
    return out;
}

/* The value right of a label at (r, c): the next cell of the row that is not the label's own merge. */
static bool
value_right(struct scan *s, size_t r, size_t c, size_t *vc)
{
    const char *label = cell(s, r, c);
    for (size_t k = c + 1; k < s->g->cols; k++) {
        const char *v = cell(s, r, k);
        if (v == NULL)
            continue;
        if (v == label && cont(s, r, k)) {
            use(s, r, k);
            continue;
        }
        *vc = k;
        return true;
    }
    return false;
}

/* The columns of the self-evaluation's funds header (年初预算数 | 全年预算数 | 全年执行数…). */
struct funds_cols {
    bool found;
    size_t amount, adjusted, executed, weight, score, rate;
};

static void
find_funds_header(struct scan *s, size_t r_end, struct funds_cols *fc)
{
    memset(fc, 0, sizeof *fc);
    fc->amount = fc->adjusted = fc->executed = fc->weight = fc->score = fc->rate = (size_t)-1;
    for (size_t r = 0; r < r_end && !fc->found; r++)
        for (size_t c = 0; c < s->g->cols; c++) {
            const char *n = norm(s->d->arena, cell(s, r, c));
            if (cont(s, r, c) || !*n)
                continue;
            size_t *slot = strcmp(n, "年初预算数") == 0 || strcmp(n, "年初预算") == 0 ? &fc->amount
                           : strncmp(n, "全年预算数", strlen("全年预算数")) == 0 ||
                                   strcmp(n, "调整后预算数") == 0
                               ? &fc->adjusted
                           : strcmp(n, "全年执行数") == 0 || strcmp(n, "预算执行数") == 0
                               ? &fc->executed
                           : strcmp(n, "分值") == 0 || strcmp(n, "权重") == 0 ? &fc->weight
                           : strcmp(n, "得分") == 0                         ? &fc->score
                           : strcmp(n, "执行率") == 0 || strcmp(n, "预算执行率") == 0 ? &fc->rate
                                                                                     : NULL;
            if (slot == NULL)
                continue;
            *slot = c;
            use(s, r, c);
            if (slot == &fc->executed)
                fc->found = true;
        }
}

static const char *
number_at(struct scan *s, size_t r, size_t c)
{
    const char *v = c == (size_t)-1 ? NULL : cell(s, r, c);
    if (!is_number(v))
        return NULL;
    use(s, r, c);
    return amount_of(s->d->arena, v);
}

static const char *const source_lines[] = {"本级", "上级", "其他资金", NULL};

/* The members of a stdlib partition (stdlib/partitions.goal) by its path 按…. */
static const char *const *
partition_members(const char *path)
{
    static const char *const none[] = {NULL};
    return strcmp(path, "按收入性质") == 0   ? income_lines
           : strcmp(path, "按支出性质") == 0 ? expense_lines
           : strcmp(path, "按资金来源") == 0 ? source_lines
                                             : none;
}

/* The stdlib partition a line's name belongs to (its path), or NULL. */
static const char *
partition_of(const char *name)
{
    return is_one_of(name, income_lines)    ? "按收入性质"
           : is_one_of(name, expense_lines) ? "按支出性质"
           : is_one_of(name, source_lines)  ? "按资金来源"
                                            : NULL;
}

/* A label without its money unit (年度预算（万元）: 年度预算, and *unit 万元). */
static const char *
strip_unit(struct arena *a, const char *n, const char **unit)
{
    static const char *const suffixes[][2] = {
        {"（万元）", "万元"}, {"(万元)", "万元"}, {"（元）", "元"}, {"(元)", "元"}};
    size_t len = strlen(n);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t sl = strlen(suffixes[i][0]);
        if (len > sl && strcmp(n + len - sl, suffixes[i][0]) == 0) {
            *unit = suffixes[i][1];
            return arena_strndup(a, n, len - sl);
        }
    }
    return n;
}

static double
number_value(const char *v)
{
    char buf[64];
    size_t n = 0;
    for (; *v && n + 1 < sizeof buf; v++)
        if (*v != ',')
            buf[n++] = *v;
    buf[n] = '\0';
    return strtod(buf, NULL);
}

/* Whether the label at (r, c) heads the lines below it in its column (成本构成 10 over
   培训费 2, 场地费 7.5, 其他 0.5): their amounts add up to its own, to the cent. */
static bool
heads_lines_below(struct scan *s, size_t r, size_t c, const char *amount)
{
    double sum = 0;
    size_t n = 0;
    for (size_t k = r + 1; k < s->g->rows; k++) {
        if (cell(s, k, 0) != NULL && !cont(s, k, 0) && c > 0)
            break; /* the next row of the form (部门职能…) */
        const char *label = cell(s, k, c), *v;
        size_t vc;
        if (label == NULL || cont(s, k, c) || is_number(label) || !value_right(s, k, c, &vc) ||
            !is_number(v = cell(s, k, vc)))
            break;
        sum += number_value(v);
        n++;
    }
    double want = number_value(amount);
    return n > 0 && sum - want < 0.005 && want - sum < 0.005;
}

/* 中央80、省20 (the project form's 上级资金): the parts of 上级, each a name and an amount. */
static bool
read_upper_parts(struct scan *s, size_t r, size_t c, const char *v)
{
    struct arena *a = s->d->arena;
    struct import_line parts[16];
    size_t n = 0;
    for (const char *p = v; *p;) {
        const char *end = strstr(p, "、");
        const char *e2 = strstr(p, "，");
        const char *e3 = strchr(p, ',');
        size_t len = strlen(p), skip = 0;
        if (end != NULL && (size_t)(end - p) < len)
            len = (size_t)(end - p), skip = strlen("、");
        if (e2 != NULL && (size_t)(e2 - p) < len)
            len = (size_t)(e2 - p), skip = strlen("，");
        if (e3 != NULL && (size_t)(e3 - p) < len)
            len = (size_t)(e3 - p), skip = 1;
        const char *part = norm(a, arena_strndup(a, p, len));
        size_t pl = strlen(part), k = pl;
        while (k > 0 && ((part[k - 1] >= '0' && part[k - 1] <= '9') || part[k - 1] == '.'))
            k--;
        if (k == 0 || k == pl || n == sizeof parts / sizeof parts[0])
            return false;
        parts[n++] = (struct import_line){.where = where(s, r, c), .path = "上级",
                                          .name = arena_strndup(a, part, k),
                                          .amount = arena_strndup(a, part + k, pl - k),
                                          .amount_at = where(s, r, c)};
        p += len + skip;
    }
    if (n == 0)
        return false;
    struct import_line *up = import_add_line(s->d, s->t);
    *up = (struct import_line){.where = where(s, r, c), .path = "", .name = "上级"};
    for (size_t i = 0; i < n; i++)
        *import_add_line(s->d, s->t) = parts[i];
    use(s, r, c);
    return true;
}

/* One fund label at (r, c), with its amount(s); false when n is no fund label.  v is the
   cell as written (其中：人员经费), n its label. */
static bool
read_fund(struct scan *s, size_t r, size_t c, const char *v, const char *n,
          const struct funds_cols *fc)
{
    struct arena *a = s->d->arena;
    const char *unit = NULL;
    n = strip_unit(a, n, &unit);
    const char **group = &s->group[c];
    bool total = is_one_of(n, total_labels);
    const char *path = NULL, *name = n, *head = NULL;
    while (*v == ' ')
        v++;
    bool of_which = strncmp(v, "其中", strlen("其中")) == 0 && strcmp(n, "其中") != 0 && *n;
    for (size_t i = 0; i < sizeof partition_heads / sizeof partition_heads[0]; i++)
        if (strcmp(n, partition_heads[i][0]) == 0)
            head = partition_heads[i][1];
    if (head != NULL || strcmp(n, "其中") == 0) { /* a head: its number is the lines' sum */
        if (head == NULL)
            head = *group != NULL && (strcmp(*group, "本级") == 0 || strcmp(*group, "上级") == 0)
                       ? arena_printf(a, "%s/其中", *group)
                       : "其中";
        *group = head;
        use(s, r, c);
        size_t vc;
        if (value_right(s, r, c, &vc) && is_number(cell(s, r, vc)))
            use(s, r, vc);
        return true;
    }
    if (total) {
        *group = NULL;
        renamed(s, r, c, MODEL_LABEL_FUNDS_TOTAL, n);
    } else if (*group != NULL && strncmp(*group, "按", strlen("按")) == 0 &&
               is_one_of(n, partition_members(*group))) {
        path = *group; /* the next line of the only partition (其中：本级, 上级) */
    } else if (of_which && *group == NULL && fc->found && partition_of(n) != NULL) {
        /* the self-evaluation's only partition of the total prints no row of its own: its
           first line says 其中 (其中：基本支出, 项目支出); its lines say which it is */
        path = partition_of(n);
        *group = path;
    } else if (of_which) {
        const char *base = *group;
        if (base != NULL && strstr(base, "/其中"))
            base = arena_strndup(a, base, (size_t)(strstr(base, "/其中") - base));
        path = base != NULL && strcmp(base, "其中") != 0 && strncmp(base, "按", strlen("按")) != 0
                   ? arena_printf(a, "%s/其中", base)
                   : "其中";
    } else if (is_one_of(n, level_lines) &&
               !(*group != NULL && strncmp(*group, "按", strlen("按")) == 0 &&
                 is_one_of(n, partition_members(*group)))) {
        path = "";
        name = strstr(n, "上级") ? "上级" : "本级";
        *group = name;
        if (unit != NULL) /* the project form's 年度本级预算金额（万元）, 该项目支出上级资金（万元） */
            renamed(s, r, c, strcmp(name, "上级") == 0 ? MODEL_LABEL_UPPER_FUNDS
                                                                  : MODEL_LABEL_OWN_AMOUNT,
                    n);
        if (unit != NULL)
            s->t->unit = unit;
        size_t vc;
        if (strcmp(name, "上级") == 0 && value_right(s, r, c, &vc) &&
            !is_number(cell(s, r, vc)) && read_upper_parts(s, r, vc, cell(s, r, vc))) {
            use(s, r, c);
            return true;
        }
    } else if (*group != NULL) {
        path = *group;
    } else if (is_one_of(n, income_lines))
        path = "按收入性质";
    else if (is_one_of(n, expense_lines))
        path = "按支出性质";
    else if (is_one_of(n, of_which_lines))
        path = "其中";
    else if (is_one_of(n, upper_parts))
        path = "上级";
    else {
        size_t vc;
        if (fc->found || c == 0 || !value_right(s, r, c, &vc) || !is_number(cell(s, r, vc)) ||
            !heads_lines_below(s, r, c, cell(s, r, vc)))
            return false;
        path = ""; /* 成本构成 { … }: a group of lines of the department's own */
        *group = n;
    }
    struct import_table *t = s->t;
    struct import_line tmp = {0}, *l = &tmp;
    l->where = where(s, r, c);
    use(s, r, c);
    if (fc->found) {
        l->amount = number_at(s, r, fc->amount);
        l->adjusted = number_at(s, r, fc->adjusted);
        l->executed = number_at(s, r, fc->executed);
        l->amount_at = l->amount ? where(s, r, fc->amount) : NULL;
        l->adjusted_at = l->adjusted ? where(s, r, fc->adjusted) : NULL;
        l->executed_at = l->executed ? where(s, r, fc->executed) : NULL;
        if (total) {
            l->weight = number_at(s, r, fc->weight);
            l->score = number_at(s, r, fc->score);
            l->weight_at = l->weight ? where(s, r, fc->weight) : NULL;
            l->score_at = l->score ? where(s, r, fc->score) : NULL;
            const char *rate = fc->rate == (size_t)-1 ? NULL : cell(s, r, fc->rate);
            size_t rl = rate ? strlen(rate) : 0;
            if (rl > 1 && rate[rl - 1] == '%' && is_number(arena_strndup(s->d->arena, rate, rl - 1))) {
                l->rate = arena_strndup(s->d->arena, rate, rl - 1);
                use(s, r, fc->rate);
            } else if (is_number(rate)) { /* a fraction, as a spreadsheet keeps 97.5% */
                l->rate = arena_printf(s->d->arena, "%.15g", strtod(rate, NULL) * 100);
                use(s, r, fc->rate);
            }
            l->rate_at = l->rate ? where(s, r, fc->rate) : NULL;
        }
    } else {
        size_t vc;
        if (value_right(s, r, c, &vc) && is_number(cell(s, r, vc))) {
            l->amount = amount_of(s->d->arena, cell(s, r, vc));
            l->amount_at = where(s, r, vc);
            use(s, r, vc);
        }
    }
    if (l->amount == NULL && l->adjusted == NULL && l->executed == NULL)
        return true; /* a label without an amount: the cell is accounted for, nothing to write */
    if (total) {
        if (t->has_total)
            return false;
        *l = (struct import_line){.where = l->where, .path = "", .amount = l->amount,
                                  .adjusted = l->adjusted, .executed = l->executed,
                                  .weight = l->weight, .score = l->score, .rate = l->rate,
                                  .amount_at = l->amount_at, .adjusted_at = l->adjusted_at,
                                  .executed_at = l->executed_at, .weight_at = l->weight_at,
                                  .score_at = l->score_at, .rate_at = l->rate_at};
        t->total = *l;
        t->has_total = true;
        return true;
    }
    struct import_line *nl = import_add_line(s->d, t);
    *nl = *l;
    nl->path = path;
    nl->name = name;
    return true;
}

/* The table's kind and year from its title (…2024年度项目支出绩效目标表). */
static void
read_title(struct scan *s, bool *project, bool *department)
{
    for (size_t r = 0; r < s->header; r++)
        for (size_t c = 0; c < s->g->cols; c++) {
            const char *v = cell(s, r, c);
            if (v == NULL || cont(s, r, c))
                continue;
            if (!strstr(v, "绩效目标表") && !strstr(v, "自评表"))
                continue;
            use(s, r, c);
            if (strstr(v, "部门整体") || (strstr(v, "部门") && !strstr(v, "项目")))
                *department = true;
            else if (strstr(v, "项目"))
                *project = true;
            const char *y = strstr(v, "年");
            if (y != NULL && y - v >= 4 && is_number(arena_strndup(s->d->arena, y - 4, 4)) &&
                !strchr(arena_strndup(s->d->arena, y - 4, 4), '.'))
                import_add_field(s->d, s->t, where(s, r, c), "年度",
                                 arena_strndup(s->d->arena, y - 4, 4), true);
            return;
        }
}

static bool needs_comment(const char *v);

/* The fund line a row of the 资金 | 测算依据 | … block names (资金总额: the total), or NULL. */
static struct import_line *
line_named(struct scan *s, const char *n)
{
    if (is_one_of(n, total_labels))
        return s->t->has_total ? &s->t->total : NULL;
    for (size_t i = 0; i < s->t->line_count; i++)
        if (s->t->lines[i].name != NULL && strcmp(s->t->lines[i].name, n) == 0)
            return &s->t->lines[i];
    return NULL;
}

/* Row r's cells after its name, each a 栏 named by the head row's cell above it. */
static void
read_row_columns(struct scan *s, size_t head, size_t r, struct import_column **cols, size_t *count,
                 size_t *cap)
{
    use(s, r, 0);
    for (size_t c = 1; c < s->g->cols; c++) {
        const char *h = cell(s, head, c), *v = cell(s, r, c);
        if (h == NULL || v == NULL || cont(s, r, c))
            continue;
        import_add_column(s->d, cols, count, cap, norm(s->d->arena, h), v);
        use(s, r, c);
    }
}

/* The self-evaluation's table of its columns (三级指标 | 评(扣)分标准 | 数据来源, head at row
   head): each row below names an indicator of the year's block and gives its 栏; false at a
   row that names none. */
static bool
read_indicator_columns(struct scan *s, size_t head, size_t r)
{
    const char *n = cell(s, r, 0);
    struct import_indicator *ind = NULL;
    for (size_t i = 0; n != NULL && i < s->t->indicator_count && ind == NULL; i++)
        if (!s->t->indicators[i].period_set && s->t->indicators[i].name != NULL &&
            strcmp(s->t->indicators[i].name, n) == 0)
            ind = &s->t->indicators[i];
    if (ind == NULL)
        return false;
    read_row_columns(s, head, r, &ind->columns, &ind->column_count, &ind->column_cap);
    return true;
}

/* The 资金 | 测算依据 | 资金用途 block (language.md §9.1, a fund line's 栏): at its head row
   head, each row below that names a line gives that line's cells, by their headers;
   false at a row that names no line (the block has ended). */
static bool
read_fund_columns(struct scan *s, size_t head, size_t r)
{
    struct arena *a = s->d->arena;
    const char *n = norm(a, cell(s, r, 0));
    struct import_line *l = line_named(s, n);
    if (l == NULL)
        return false;
    read_row_columns(s, head, r, &l->columns, &l->column_count, &l->column_cap);
    return true;
}

/* "公共卫生服务\n120": a duty table cell, its name and (when the last line is a number) its
   amount. */
static void
name_and_amount(struct arena *a, const char *v, const char **name, const char **amount)
{
    const char *nl = strrchr(v, '\n');
    *amount = NULL;
    *name = v;
    if (nl != NULL && is_number(norm(a, nl + 1))) {
        *amount = amount_of(a, norm(a, nl + 1));
        *name = arena_strndup(a, v, (size_t)(nl - v));
    }
}

/*
 * The duty table (年度履职目标; 部门职能 | 重点工作任务 | 项目 | 金额（万元）, head at row
 * head): a 职能 and a 任务 cell are merged over their rows, with the amount on a line of its
 * own; each row's 项目 and 金额 are the project's.  Returns the first row after it.
 */
static size_t
read_duties(struct scan *s, size_t head, size_t to)
{
    struct arena *a = s->d->arena;
    const char *unit = NULL;
    strip_unit(a, norm(a, cell(s, head, 3)), &unit);
    for (size_t c = 0; c < 4; c++)
        if (cell(s, head, c) != NULL)
            use(s, head, c);
    size_t r = head + 1;
    for (; r < to; r++) {
        const char *v0 = cell(s, r, 0);
        if (v0 == NULL && cell(s, r, 2) == NULL)
            break;
        for (size_t lv = 0; lv < 3; lv++) {
            const char *v = cell(s, r, lv);
            if (v == NULL || cont(s, r, lv))
                continue;
            const char *name, *amount = NULL, *amount_at = where(s, r, lv);
            if (lv < 2)
                name_and_amount(a, v, &name, &amount);
            else {
                name = v;
                amount = is_number(cell(s, r, 3)) ? amount_of(a, cell(s, r, 3)) : NULL;
                if (amount != NULL) {
                    use(s, r, 3);
                    amount_at = where(s, r, 3);
                }
            }
            use(s, r, lv);
            struct import_table *t = s->t;
            t->duties = arena_grow(a, t->duties, t->duty_count, &t->duty_cap, sizeof *t->duties);
            t->duties[t->duty_count++] = (struct import_duty){
                where(s, r, lv), (int)lv, name, amount, amount ? unit : NULL, amount_at};
        }
    }
    return r;
}

/* A date of the 进度 table as the form prints it, or NULL for a blank cell. */
static bool
schedule_text(const char *v)
{
    return v != NULL && !needs_comment(v);
}

/*
 * The schedule (项目实施进度计划; 实施内容 | 开始时间 | 完成时间 at row head): each row a
 * task with its start and end; a text over both cells is the task's text.  The form shows
 * a deadline without saying whether it was `前` (docs/import.md): it is written as a date.
 * Returns the first row after it.
 */
static size_t
read_schedule(struct scan *s, size_t head, size_t to)
{
    struct arena *a = s->d->arena;
    for (size_t c = 0; c < 3; c++)
        if (cell(s, head, c) != NULL)
            use(s, head, c);
    size_t r = head + 1;
    for (; r < to; r++) {
        const char *name = cell(s, r, 0), *from = cell(s, r, 1), *end = cell(s, r, 2);
        if (name == NULL || cont(s, r, 0) || (from == NULL && end == NULL) || from == name)
            break; /* the end of the table, or a row merged across it (the legend) */
        const char *when;
        if (from != NULL && end != NULL && from == end && cont(s, r, 2)) /* one text */
            when = arena_printf(a, "\"%s\"", from);
        else if (from != NULL && end != NULL && schedule_text(from) && schedule_text(end))
            when = arena_printf(a, "%s 至 %s", from, end);
        else if (end != NULL && from == NULL && schedule_text(end))
            when = end;
        else if (from != NULL && end == NULL && schedule_text(from))
            when = from;
        else
            break;
        for (size_t c = 0; c < 3; c++)
            if (cell(s, r, c) != NULL)
                use(s, r, c);
        struct import_table *t = s->t;
        t->schedule = arena_grow(a, t->schedule, t->schedule_count, &t->schedule_cap,
                                 sizeof *t->schedule);
        t->schedule[t->schedule_count++] =
            (struct import_schedule){where(s, r, 0), name, when};
    }
    return r;
}

/* The text fields, funds and attributes of rows [from, to). */
static void
read_labels(struct scan *s, size_t from, size_t to, const struct funds_cols *fc)
{
    struct arena *a = s->d->arena;
    size_t fund_head = (size_t)-1; /* the row 资金 | 测算依据 | … */
    size_t column_head = (size_t)-1; /* the row 三级指标 | 评(扣)分标准 | … */
    for (size_t r = from; r < to; r++) {
        if (cell(s, r, 0) != NULL && !cont(s, r, 0)) /* a row of its own: the heads end */
            for (size_t c = 0; c < s->g->cols; c++)
                s->group[c] = NULL;
        if (fund_head != (size_t)-1 && read_fund_columns(s, fund_head, r))
            continue;
        const char *n0 = norm(a, cell(s, r, 0));
        if (strcmp(n0, "部门职能") == 0 && strcmp(norm(a, cell(s, r, 1)), "重点工作任务") == 0 &&
            strcmp(norm(a, cell(s, r, 2)), "项目") == 0) {
            r = read_duties(s, r, to) - 1;
            continue;
        }
        if (strcmp(n0, "实施内容") == 0 && strcmp(norm(a, cell(s, r, 1)), "开始时间") == 0 &&
            strcmp(norm(a, cell(s, r, 2)), "完成时间") == 0) {
            r = read_schedule(s, r, to) - 1;
            continue;
        }
        if (strcmp(n0, "年度履职目标") == 0 || strcmp(n0, "项目实施进度计划") == 0) {
            use(s, r, 0); /* the tables' titles */
            continue;
        }
        fund_head = (size_t)-1;
        if (column_head != (size_t)-1 && read_indicator_columns(s, column_head, r))
            continue;
        column_head = (size_t)-1;
        if (role_of(norm(a, cell(s, r, 0))) == R_L3 && cell(s, r, 1) != NULL &&
            !cont(s, r, 0)) {
            column_head = r;
            for (size_t c = 0; c < s->g->cols; c++)
                if (cell(s, r, c) != NULL)
                    use(s, r, c);
            continue;
        }
        if (strcmp(norm(a, cell(s, r, 0)), "资金") == 0 && cell(s, r, 1) != NULL &&
            !is_number(cell(s, r, 1)) && !cont(s, r, 0)) {
            fund_head = r;
            for (size_t c = 0; c < s->g->cols; c++)
                if (cell(s, r, c) != NULL)
                    use(s, r, c);
            continue;
        }
        for (size_t c = 0; c < s->g->cols; c++) {
            const char *v = cell(s, r, c);
            if (v == NULL || cont(s, r, c) || s->used[r * s->g->cols + c])
                continue;
            const char *n = norm(a, v);
            if (strstr(v, "万元") && strlen(v) < 40 && strstr(v, "单位")) {
                s->t->unit = "万元";
                use(s, r, c);
                if (strcmp(n, "单位：万元") == 0 || strcmp(n, "单位:万元") == 0) { /* an attribute */
                    s->renames = arena_grow(a, s->renames, s->rename_count, &s->rename_cap,
                                            sizeof *s->renames);
                    s->renames[s->rename_count++] =
                        (struct import_field){where(s, r, c), "\"单位\"", "万元", false, false, 0};
                }
                continue;
            }
            if (strcmp(n, "单位：元") == 0 || strcmp(n, "单位:元") == 0 ||
                strcmp(n, "金额单位：元") == 0) {
                s->t->unit = "元";
                use(s, r, c);
                continue;
            }
            if (read_fund(s, r, c, v, n, fc))
                continue;
            const char *unit = NULL;
            if (is_one_of(strip_unit(a, n, &unit), block_labels)) {
                if (unit != NULL && cont(s, r + 1, c)) /* the goal table's 年度预算（万元） */
                    renamed(s, r, c, MODEL_LABEL_BUDGET, strip_unit(a, n, &unit));
                if (strstr(n, "万元"))
                    s->t->unit = "万元";
                else if (unit != NULL)
                    s->t->unit = unit;
                use(s, r, c);
                continue;
            }
            /* 总分 N [得分 M] and 等级 优|良|中|差: the self-evaluation's totals row */
            if (strcmp(n, "总分") == 0 || strcmp(n, "等级") == 0) {
                size_t vc;
                if (!value_right(s, r, c, &vc))
                    continue;
                const char *value = norm(a, cell(s, r, vc));
                bool grade = strcmp(n, "等级") == 0;
                if (grade ? !is_one_of(value, grades) : !is_number(value))
                    continue; /* left for the notes */
                use(s, r, c);
                use(s, r, vc);
                import_add_field(s->d, s->t, where(s, r, vc), n, value, true);
                size_t sc;
                if (!grade && value_right(s, r, vc, &sc) && is_number(norm(a, cell(s, r, sc)))) {
                    use(s, r, sc);
                    import_add_field(s->d, s->t, where(s, r, sc), "得分", norm(a, cell(s, r, sc)),
                                     true);
                }
                continue;
            }
            /* goalc's legend under its own forms: no part of the table */
            if (strncmp(n, "加点线的数值为计算值", strlen("加点线的数值为计算值")) == 0) {
                use(s, r, c);
                continue;
            }
            /* 预期目标 | 实际完成情况 over the self-evaluation's two texts */
            if (strcmp(n, "预期目标") == 0 || strcmp(n, "实际完成情况") == 0) {
                use(s, r, c);
                const char *below = cell(s, r + 1, c);
                if (below != NULL && r + 1 < to) {
                    use(s, r + 1, c);
                    import_add_field(s->d, s->t, where(s, r + 1, c),
                                     strcmp(n, "预期目标") == 0 ? "目标"
                                                                                    : "实际",
                                     below, false);
                }
                continue;
            }
            /* LABEL：VALUE in one cell (填报单位：（盖章）) */
            const char *colon = strstr(v, "：");
            size_t clen = strlen("：");
            if (colon == NULL && (colon = strchr(v, ':')) != NULL)
                clen = 1;
            if (colon != NULL && colon > v && colon - v <= 24 && colon[clen] != '\0') {
                const char *label = norm(a, arena_strndup(a, v, (size_t)(colon - v)));
                if (strcmp(label, "单位") == 0 || strcmp(label, "金额单位") == 0)
                    continue; /* a unit other than 万元 and 元: left for the notes */
                const char *value = colon + clen;
                while (*value == ' ')
                    value++;
                if (*label && *value) {
                    use(s, r, c);
                    import_add_field(s->d, s->t, where(s, r, c), arena_printf(a, "\"%s\"", label),
                                     value, false);
                    continue;
                }
            }
            const char *keyword = is_one_of(n, project_name_labels)      ? "@name"
                                  : is_one_of(n, department_name_labels) ? "@dname"
                                  : is_one_of(n, department_labels)      ? "@dept"
                                  : is_one_of(n, goal_labels)            ? "目标"
                                  : is_one_of(n, period_goal_labels)     ? "实施期目标"
                                  : is_one_of(n, duty_labels)            ? "职能"
                                  : is_one_of(n, period_labels)          ? "@period"
                                                                         : NULL;
            bool label = keyword != NULL || is_one_of(n, footer_labels) ||
                         is_one_of(n, attribute_labels) ||
                         (strlen(v) > strlen(n) && (strstr(v, "：") || strstr(v, ":")));
            size_t vc;
            if (!label)
                continue;
            if (!value_right(s, r, c, &vc)) { /* 部门职能 left blank: nothing to write */
                use(s, r, c);
                size_t vl = strlen(v);
                bool ends = (vl >= 3 && strcmp(v + vl - 3, "：") == 0) || (vl && v[vl - 1] == ':');
                if (keyword == NULL && ends && *n) /* 单位负责人签字： left to be signed */
                    import_add_field(s->d, s->t, where(s, r, c), arena_printf(a, "\"%s\"", n),
                                     "", false);
                continue;
            }
            const char *value = cell(s, r, vc);
            const char *nv = norm(a, value);
            if (strcmp(nv, "预期目标") == 0) { /* the texts are in the row below */
                use(s, r, c);
                continue;
            }
            /* 部门职能 | 重点工作任务 | 项目 | 金额: the header of the duty table (履职), no text */
            if (keyword != NULL && strcmp(keyword, "职能") == 0 && strcmp(nv, "重点工作任务") == 0) {
                use(s, r, c);
                use(s, r, vc);
                continue;
            }
            use(s, r, c);
            use(s, r, vc);
            const char *w = where(s, r, vc);
            if (keyword != NULL) {
                bool project = s->t->project || strcmp(keyword, "@name") == 0;
                enum model_label lb = strcmp(keyword, "@name") == 0  ? MODEL_LABEL_PROJECT_NAME
                                      : strcmp(keyword, "@dname") == 0 ? MODEL_LABEL_DEPARTMENT_NAME
                                      : strcmp(keyword, "职能") == 0   ? MODEL_LABEL_DUTIES
                                      : strcmp(keyword, "目标") == 0
                                          ? (project ? MODEL_LABEL_YEAR_GOAL : MODEL_LABEL_OVERALL_GOAL)
                                      : strcmp(keyword, "实施期目标") == 0 ? MODEL_LABEL_PERIOD_GOAL
                                      : strcmp(keyword, "@period") == 0    ? MODEL_LABEL_PERIOD
                                                                         : MODEL_LABEL_COUNT;
                if (lb != MODEL_LABEL_COUNT && !(lb == MODEL_LABEL_DEPARTMENT_NAME && s->t->project))
                    renamed(s, r, c, lb, n);
            }
            if (keyword == NULL)
                import_add_field(s->d, s->t, w, arena_printf(a, "\"%s\"", n), value, false);
            else if (strcmp(keyword, "@name") == 0) {
                s->t->project = true;
                s->t->name = value;
            } else if (strcmp(keyword, "@dname") == 0) {
                if (s->t->name == NULL || !s->t->project)
                    s->t->name = value;
                else
                    import_add_field(s->d, s->t, w, arena_printf(a, "\"%s\"", n), value, false);
            } else if (strcmp(keyword, "@dept") == 0)
                s->t->department = value;
            else if (strcmp(keyword, "@period") == 0 && s->t->project && !needs_comment(value))
                import_add_field(s->d, s->t, w, "实施期", value, true); /* 1年: the compiler decides */
            else if (strcmp(keyword, "@period") == 0)
                import_add_field(s->d, s->t, w, arena_printf(a, "\"%s\"", n), value, false);
            else
                import_add_field(s->d, s->t, w, keyword, value, false);
        }
    }
}


static enum role
role_of(const char *n)
{
    if (strcmp(n, "一级指标") == 0)
        return R_L1;
    if (strcmp(n, "二级指标") == 0)
        return R_L2;
    if (strcmp(n, "三级指标") == 0 || strcmp(n, "指标内容") == 0 || strcmp(n, "指标名称") == 0)
        return R_L3;
    if (strstr(n, "实际完成") || strcmp(n, "完成值") == 0 || strcmp(n, "实际值") == 0)
        return R_ACTUAL;
    if (strstr(n, "指标值") && !strstr(n, "类型"))
        return R_TARGET;
    if (strcmp(n, "名称") == 0)
        return R_ITEM;
    if (strcmp(n, "度量单位") == 0 || strcmp(n, "计量单位") == 0 || strcmp(n, "单位") == 0)
        return R_UNIT;
    if (strcmp(n, "指标性质") == 0)
        return R_CMP;
    if (strcmp(n, "绩效标准") == 0 || strcmp(n, "指标值确定依据") == 0)
        return R_STD;
    if (strcmp(n, "分值") == 0 || strcmp(n, "权重") == 0)
        return R_WEIGHT;
    if (strcmp(n, "得分") == 0)
        return R_SCORE;
    if (strstr(n, "偏差原因") || strstr(n, "未完成原因"))
        return R_DEV;
    if (strcmp(n, "备注") == 0)
        return R_NOTE;
    return R_COLUMN;
}

/* A target the way the language reads it: 指标性质 in front, the unit after. */
static bool
needs_comment(const char *v)
{
    return strpbrk(v, "\"{}#\\\n\r") != NULL;
}

static bool
has_digit(const char *v)
{
    for (; *v; v++)
        if (*v >= '0' && *v <= '9')
            return true;
    return false;
}

/* Text a spreadsheet would run as a formula (-1+1, @SUM(A1)): no target of the language
   starts so, but a negative number: the form shows a qualitative text. */
static bool
formula_like(const char *v)
{
    return (*v == '=' || *v == '+' || *v == '-' || *v == '@') && !is_number(v);
}

static void
read_indicators(struct scan *s, bool period)
{
    struct arena *a = s->d->arena;
    size_t cols = s->g->cols;
    enum role *roles = arena_alloc(a, cols * sizeof *roles);
    const char **names = arena_alloc(a, cols * sizeof *names);
    for (size_t c = 0; c < cols; c++) {
        const char *v = cell(s, s->header, c);
        roles[c] = R_NONE;
        names[c] = NULL;
        if (v == NULL)
            continue;
        use(s, s->header, c);
        if (cont(s, s->header, c))
            continue;
        names[c] = norm(a, v);
        roles[c] = role_of(names[c]);
        static const struct {
            enum role role;
            enum model_label label;
        } header_labels[] = {{R_L1, MODEL_LABEL_LEVEL1},    {R_L2, MODEL_LABEL_LEVEL2},
                             {R_L3, MODEL_LABEL_INDICATOR}, {R_TARGET, MODEL_LABEL_VALUE},
                             {R_STD, MODEL_LABEL_STANDARD}, {R_WEIGHT, MODEL_LABEL_WEIGHT},
                             {R_ITEM, MODEL_LABEL_ITEM}};
        for (size_t i = 0; i < sizeof header_labels / sizeof header_labels[0]; i++)
            if (header_labels[i].role == roles[c])
                renamed(s, s->header, c, header_labels[i].label, names[c]);
    }
    size_t col_of[R_COLUMN + 1];
    for (size_t i = 0; i <= R_COLUMN; i++)
        col_of[i] = (size_t)-1;
    for (size_t c = cols; c-- > 0;)
        if (roles[c] != R_COLUMN && roles[c] != R_NONE)
            col_of[roles[c]] = c;
    const char *l1 = "", *l2 = "";
    s->end = s->g->rows;
    for (size_t r = s->header + 1; r < s->g->rows; r++) {
        bool blank = true, footer = false;
        for (size_t c = 0; c < cols; c++) {
            const char *v = cell(s, r, c);
            if (v == NULL)
                continue;
            blank = false;
            footer |= is_one_of(norm(a, v), footer_labels) || is_one_of(norm(a, v), score_rows);
            /* the header of a second block (another form below) ends this one too */
            footer |= role_of(norm(a, v)) == R_L1 && !cont(s, r, c);
        }
        if (footer) {
            s->end = r;
            break;
        }
        if (blank)
            continue;
#define AT(role) (col_of[role] == (size_t)-1 ? NULL : cell(s, r, col_of[role]))
        const char *c1 = AT(R_L1), *c2 = AT(R_L2), *c3 = AT(R_L3);
        const char *n1 = c1 ? norm(a, c1) : "", *n2 = c2 ? norm(a, c2) : "";
        /* goalc's 产出指标 分值 50 得分 50: the category's 分值 (its 得分 is summed) */
        const char *l1_weight = NULL;
        const char *suffix = *n1 ? strstr(n1, "分值") : NULL;
        if (suffix != NULL && suffix > n1) {
            const char *wv = suffix + strlen("分值"), *sc = strstr(wv, "得分");
            const char *num = arena_strndup(a, wv, sc ? (size_t)(sc - wv) : strlen(wv));
            if (is_number(num) && (sc == NULL || is_number(sc + strlen("得分")))) {
                n1 = arena_strndup(a, n1, (size_t)(suffix - n1));
                l1_weight = num;
            }
        }
        /* a 二级's 分值 and 得分, printed only as written: both come back */
        const char *l2_weight = NULL, *l2_score = NULL;
        const char *p2 = *n2 ? strstr(n2, "分值") : NULL;
        if (p2 == NULL && *n2)
            p2 = strstr(n2, "得分");
        if (p2 != NULL && p2 > n2) {
            const char *wv = strncmp(p2, "分值", strlen("分值")) == 0 ? p2 + strlen("分值") : NULL;
            const char *sc = strstr(p2, "得分");
            const char *w2 = wv ? arena_strndup(a, wv, sc ? (size_t)(sc - wv) : strlen(wv)) : NULL;
            const char *s2 = sc ? sc + strlen("得分") : NULL;
            if ((w2 == NULL || is_number(w2)) && (s2 == NULL || is_number(s2))) {
                n2 = arena_strndup(a, n2, (size_t)(p2 - n2));
                l2_weight = w2, l2_score = s2;
            }
        }
        if (*n1 && strcmp(n1, l1) != 0) {
            l1 = n1;
            l2 = "";
        }
        if (*n2)
            l2 = n2;
        if (!*l1)
            continue; /* left for the notes */
        const char *c0 = col_of[R_L1] != (size_t)-1 && col_of[R_L1] > 0 ? cell(s, r, 0) : NULL;
        if ((c1 != NULL && c1 == c2 && c2 == c3 && cont(s, r, col_of[R_L3])) ||
            (c0 != NULL && !cont(s, r, 0) && !is_number(c0))) {
            /* a row of the form's own (项目实施进度计划) below the block's merged label */
            s->end = r; /* or one cell over the whole row (部门预算编码：123001): no indicator */
            break;
        }
        if (c3 == NULL && AT(R_TARGET) == NULL && c2 == NULL) { /* a remark under the table */
            s->end = r;
            break;
        }
        for (size_t c = 0; c < cols; c++)
            if (roles[c] != R_COLUMN && roles[c] != R_NONE && cell(s, r, c) != NULL)
                use(s, r, c);
        struct import_table *t = s->t;
        struct import_indicator *ind = import_add_indicator(s->d, t);
        ind->where = where(s, r, col_of[R_L3] != (size_t)-1 ? col_of[R_L3] : 0);
        ind->period_set = period;
        ind->level1 = l1;
        ind->level2 = l2;
        ind->l1_weight = l1_weight;
        ind->l2_weight = l2_weight;
        ind->l2_score = l2_score;
        ind->form_l2_at = l2_weight || l2_score ? where(s, r, col_of[R_L2]) : NULL;
        ind->form_l1_at = l1_weight != NULL ? where(s, r, col_of[R_L1]) : NULL;
        const char *n3 = c3 ? c3 : "";
        if (strcmp(norm(a, n3), "不适用") == 0 || strcmp(n2, "不适用") == 0) {
            ind->name = "";
            ind->not_applicable = true;
            if (strcmp(n2, "不适用") == 0)
                ind->level2 = "";
            continue;
        }
        ind->name = n3;
        if (c3 == NULL && AT(R_TARGET) == NULL) { /* 成本指标 with no row: written empty */
            ind->empty = true;
            continue;
        }
#define FORM_CELL(role) \
    (struct import_cell){col_of[role] == (size_t)-1 ? NULL : where(s, r, col_of[role]), AT(role)}
        ind->form_target = FORM_CELL(R_TARGET);
        ind->form_standard = FORM_CELL(R_STD);
        ind->form_weight = FORM_CELL(R_WEIGHT);
        ind->form_actual = FORM_CELL(R_ACTUAL);
        ind->form_score = FORM_CELL(R_SCORE);
#undef FORM_CELL
        const char *target = AT(R_TARGET), *unit = AT(R_UNIT), *cmp = AT(R_CMP);
        if (target != NULL) {
            const char *tx = target;
            if (cmp != NULL && strcmp(norm(a, cmp), "定性") != 0 && strcmp(norm(a, cmp), "定量") != 0)
                tx = arena_printf(a, "%s%s", norm(a, cmp), tx);
            if (unit != NULL && !strstr(tx, unit) && has_digit(tx))
                tx = arena_printf(a, "%s%s", tx, unit);
            if (needs_comment(tx))
                ind->dropped = true;
            ind->target = tx;
            ind->qualitative = (!has_digit(tx) || formula_like(tx)) && !needs_comment(tx);
        }
        const char *std = AT(R_STD);
        if (std != NULL)
            ind->standard = has_digit(std) && !needs_comment(std) && !formula_like(std)
                                ? std
                                : arena_printf(a, "\"%s\"", std); /* 计划标准 */
        const char *wgt = AT(R_WEIGHT), *score = AT(R_SCORE), *actual = AT(R_ACTUAL);
        ind->weight = is_number(wgt) ? wgt : NULL;
        ind->score = is_number(score) ? score : NULL;
        if (actual != NULL) {
            if (unit != NULL && is_number(actual))
                actual = arena_printf(a, "%s%s", actual, unit);
            ind->actual = has_digit(actual) && !needs_comment(actual)
                              ? actual
                              : arena_printf(a, "\"%s\"", actual);
        }
        ind->deviation = AT(R_DEV);
        ind->note = AT(R_NOTE);
        ind->item = AT(R_ITEM);
        if (wgt != NULL && ind->weight == NULL)
            import_add_note(s->d, where(s, r, col_of[R_WEIGHT]), wgt);
        if (score != NULL && ind->score == NULL)
            import_add_note(s->d, where(s, r, col_of[R_SCORE]), score);
        for (size_t c = 0; c < cols; c++) {
            const char *v = cell(s, r, c);
            if (roles[c] == R_COLUMN && v != NULL && !cont(s, r, c)) {
                import_add_column(s->d, &ind->columns, &ind->column_count, &ind->column_cap,
                                  names[c], v);
                use(s, r, c);
            }
        }
#undef AT
    }
}

/* Whether row r holds the three headers 一级指标, 二级指标 and 三级指标 (or its stand-ins). */
static bool
is_header_row(struct scan *s, size_t r)
{
    bool l1 = false, l2 = false, l3 = false;
    for (size_t c = 0; c < s->g->cols; c++) {
        const char *n = norm(s->d->arena, cell(s, r, c));
        l1 |= strcmp(n, "一级指标") == 0;
        l2 |= strcmp(n, "二级指标") == 0;
        l3 |= role_of(n) == R_L3;
    }
    return l1 && l2 && l3;
}

/* need_header false: a sheet without an indicator table still gives its labels. */
static bool
sheet_read(struct import_doc *d, const struct import_grid *g, bool need_header)
{
    struct arena *a = d->arena;
    struct scan s = {.d = d, .g = g};
    bool found = false;
    for (size_t r = 0; r < g->rows && !found; r++) {
        bool l1 = false, l2 = false, l3 = false;
        for (size_t c = 0; c < g->cols; c++) {
            const char *n = norm(a, g->cells[r * g->cols + c]);
            l1 |= strcmp(n, "一级指标") == 0;
            l2 |= strcmp(n, "二级指标") == 0;
            l3 |= role_of(n) == R_L3; /* 三级指标, or 指标内容 / 指标名称 in its place */
        }
        if (l1 && l2 && l3) {
            s.header = r;
            found = true;
        }
    }
    if (!found && need_header) {
        /* a form whose table has no indicators (goalc prints no header then): its title and
           its name label say it is one */
        bool title = false, name = false;
        for (size_t r = 0; r < g->rows && r < 4; r++)
            for (size_t c = 0; c < g->cols; c++) {
                const char *v = g->cells[r * g->cols + c];
                const char *n = norm(a, v);
                title |= v != NULL && (strstr(v, "绩效目标表") || strstr(v, "自评表"));
                name |= is_one_of(n, project_name_labels) || is_one_of(n, department_name_labels);
            }
        if (!title || !name)
            return false;
    }
    if (!found)
        s.header = g->rows;
    s.group = arena_alloc(a, (g->cols + 1) * sizeof *s.group);
    memset(s.group, 0, (g->cols + 1) * sizeof *s.group);
    s.used = arena_alloc(a, g->rows * g->cols + 1);
    memset(s.used, 0, g->rows * g->cols + 1);
    s.t = import_add_table(d);
    s.t->where = arena_printf(a, "%s!A1", g->sheet);
    bool project = false, department = false;
    for (size_t r = 0; r < g->rows && r < 4; r++)
        for (size_t c = 0; c < g->cols; c++)
            s.selfeval |= g->cells[r * g->cols + c] != NULL &&
                          strstr(g->cells[r * g->cols + c], "自评表") != NULL;
    read_title(&s, &project, &department);
    struct funds_cols fc;
    find_funds_header(&s, s.header, &fc);
    read_labels(&s, 0, s.header, &fc);
    if (found)
        read_indicators(&s, false);
    else
        s.end = g->rows;
    struct funds_cols none;
    memset(&none, 0, sizeof none);
    /* the blocks below (实施期绩效指标 under the year's, after a self-evaluation's totals and
       its table of columns): each from its own header row, the rows between read first; a
       sheet of goalc's has two, so one of many (no form of goalc's) is read for a few */
    for (int block = 1; found && block < IMPORT_SHEET_MAX_BLOCKS && s.end < g->rows; block++) {
        size_t h = s.end;
        while (h < g->rows && !is_header_row(&s, h))
            h++;
        if (h == g->rows)
            break;
        read_labels(&s, s.end, h, &none);
        s.header = h;
        read_indicators(&s, strstr(norm(a, cell(&s, s.header, 0)), "实施期") != NULL);
    }
    read_labels(&s, s.end, g->rows, &none);
    if (found && goalc_layout(&s))
        for (size_t i = 0; i < s.rename_count; i++)
            import_add_field(d, s.t, s.renames[i].where, s.renames[i].keyword, s.renames[i].text,
                             false);
    if (!s.t->project && project && s.t->name == NULL)
        s.t->project = true;
    if (department && !project)
        s.t->project = false;
    if (s.t->name == NULL) {
        s.t->name = g->sheet;
        s.t->named_after_sheet = true;
    }
    if (!s.t->project && s.t->department != NULL) { /* a department's 主管部门: an attribute */
        import_add_field(d, s.t, s.t->where, "主管部门", s.t->department, false);
        s.t->department = NULL;
    }
    /* A project stands in its department: one without a table of its own is written empty. */
    if (s.t->project && s.t->department != NULL) {
        bool known = false;
        for (size_t i = 0; i < d->table_count && !known; i++)
            known = !d->tables[i].project && strcmp(d->tables[i].name, s.t->department) == 0;
        if (!known) {
            const char *dept = s.t->department, *w = s.t->where;
            struct import_table *dt = import_add_table(d); /* may move s.t */
            dt->name = dept;
            dt->where = w;
        }
    }
    /* 其中：财政拨款 … 其他资金: once a block says 其中, its income lines are parts of it,
       not a partition that must add up to the total. */
    bool of_which = false;
    for (size_t i = 0; i < s.t->line_count; i++)
        of_which |= strcmp(s.t->lines[i].path, "其中") == 0;
    for (size_t i = 0; of_which && i < s.t->line_count; i++)
        if (strcmp(s.t->lines[i].path, "按收入性质") == 0)
            s.t->lines[i].path = "其中";
    /* Every other cell: a note. */
    for (size_t r = 0; r < g->rows; r++)
        for (size_t c = 0; c < g->cols; c++) {
            const char *v = g->cells[r * g->cols + c];
            if (v != NULL && !s.used[r * g->cols + c] && !g->merged[r * g->cols + c])
                import_add_note(d, where(&s, r, c), v);
        }
    return true;
}

bool
import_sheet_read(struct import_doc *d, const struct import_grid *g)
{
    return sheet_read(d, g, true);
}

void
import_sheet_scan(struct import_doc *d, const struct import_grid *g)
{
    sheet_read(d, g, false);
}

void
import_texts_of_form(struct import_doc *d, const struct import_grid *g)
{
    struct import_doc form = {.arena = d->arena, .file = d->file};
    sheet_read(&form, g, false);
    for (size_t i = 0; i < form.table_count; i++) {
        const struct import_table *f = &form.tables[i];
        if (f->named_after_sheet)
            continue;
        struct import_table *t = NULL;
        for (size_t k = 0; k < d->table_count && t == NULL; k++)
            if (d->tables[k].project == f->project && strcmp(d->tables[k].name, f->name) == 0)
                t = &d->tables[k];
        if (t == NULL)
            continue;
        /* a category the form marks 不适用: the rows have no line for it */
        for (size_t j = 0; j < f->indicator_count; j++) {
            const struct import_indicator *fi = &f->indicators[j];
            if (!fi->not_applicable)
                continue;
            bool known = false;
            for (size_t k = 0; k < t->indicator_count && !known; k++)
                known = strcmp(t->indicators[k].level1, fi->level1) == 0 &&
                        (*fi->level2 == '\0' || strcmp(t->indicators[k].level2, fi->level2) == 0);
            if (known)
                continue;
            /* in the form's order: after the last row whose category the form has before it */
            size_t at = 0;
            for (size_t k = 0; k < t->indicator_count; k++)
                for (size_t m = 0; m < j; m++)
                    if (strcmp(t->indicators[k].level1, f->indicators[m].level1) == 0 &&
                        strcmp(t->indicators[k].level2, f->indicators[m].level2) == 0)
                        at = k + 1;
            import_add_indicator(d, t);
            memmove(&t->indicators[at + 1], &t->indicators[at],
                    (t->indicator_count - 1 - at) * sizeof *t->indicators);
            t->indicators[at] = *fi;
        }
        for (size_t j = 0; j < f->field_count; j++) {
            bool known = false;
            for (size_t k = 0; k < t->field_count && !known; k++)
                known = strcmp(t->fields[k].keyword, f->fields[j].keyword) == 0;
            if (!known)
                import_add_field(d, t, f->fields[j].where, f->fields[j].keyword,
                                 f->fields[j].text, f->fields[j].bare);
        }
    }
}
