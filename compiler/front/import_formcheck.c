/*
 * import_formcheck.c - goalc's own workbook: its form sheets compared with
 * its data sheets (docs/import.md, "A form sheet edited in Excel").
 *
 * The workbook is imported from its data sheets (indicators, funds) and
 * model sheets (tables, …); the form sheets beside them print the same
 * tables in the official layout, and are what a person opens in Excel and
 * edits.  So that such an edit is never dropped in silence, each form
 * sheet is read with the official-form reader (import_sheet.c) and what it
 * finds is compared with the data: the indicators of each block (rows
 * added or deleted too), their targets (指标值), 绩效标准, 分值, 实际 and 得分,
 * a 一级's 分值, the fund amounts (金额, 调整后, 执行, and the total's 分值,
 * 执行率, 得分), the texts (目标, 实施期目标, 职能, 实际), the 年度 of the
 * title, a self-evaluation's 总分, 得分 and 等级 where the data write them,
 * and the attributes the data have.  What the official reader does not take from a form (履职, 进度, an
 * 上级 split written as text) is not compared.  Each difference becomes an
 * import_edit naming the form's cell and the data sheet's cell; a form
 * sheet that matches no table becomes one too.  Nothing here changes what
 * is imported.
 *
 * Like is compared with like: a target as the form prints it is the
 * source's spelling glued (≧548000人, 大于等于120人次) or the form's
 * notation of the column target (≥548000人); either matches.  Numbers are
 * compared as numbers (4738 and 4738.00 are one amount).
 */
#include "front/import.h"

#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

struct check {
    struct import_doc *d;
    const struct import_grid *g;                       /* the form sheet */
    const struct import_grid *categories, *attributes; /* the model sheets, or NULL */
    const struct import_grid *duties, *schedule;
};

static const char *
text_at(const struct import_grid *g, size_t row, size_t col)
{
    if (g == NULL || col == (size_t)-1 || col >= g->cols || row >= g->rows)
        return "";
    const char *v = g->cells[row * g->cols + col];
    return v != NULL ? v : "";
}

/* A model sheet's column by its English name (import_model.c's headers). */
static size_t
model_col(const struct import_grid *g, const char *name)
{
    for (size_t i = 0; g != NULL && g->rows > 0 && i < g->cols; i++)
        if (strcmp(text_at(g, 0, i), name) == 0)
            return i;
    return (size_t)-1;
}

/* "indicators!L7" */
static const char *
cell_name(struct arena *a, const struct import_grid *g, size_t row, size_t col)
{
    char rev[8], name[8];
    size_t n = 0;
    for (size_t v = col + 1; v > 0 && n < sizeof rev; v = (v - 1) / 26)
        rev[n++] = (char)('A' + (v - 1) % 26);
    for (size_t i = 0; i < n; i++)
        name[i] = rev[n - 1 - i];
    name[n] = '\0';
    return arena_printf(a, "%s!%s%zu", g->sheet, name, row + 1);
}

/* s without ASCII spaces, ideographic spaces and line ends. */
static const char *
squeeze(struct arena *a, const char *s)
{
    char *out = arena_alloc_bytes(a, strlen(s) + 1), *o = out;
    for (; *s; s++) {
        if (strncmp(s, "\xE3\x80\x80", 3) == 0) {
            s += 2;
            continue;
        }
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            *o++ = *s;
    }
    *o = '\0';
    return out;
}

/* 定性"有所提升" (squeezed) is 有所提升: the form prints a qualitative target's text. */
static const char *
unquote(struct arena *a, const char *s)
{
    const char *q = strncmp(s, "定性", strlen("定性")) == 0 ? s + strlen("定性") : s;
    size_t n = strlen(q);
    if (n >= 2 && q[0] == '"' && q[n - 1] == '"')
        return arena_strndup(a, q + 1, n - 2);
    return s;
}

/* >= 5 is ≥5 on the form (model_form_target_filed), <= 5 is ≤5. */
static const char *
ascii_cmp(struct arena *a, const char *s)
{
    if (strncmp(s, ">=", 2) == 0 || strncmp(s, "<=", 2) == 0)
        return arena_printf(a, "%s%s", *s == '>' ? "≥" : "≤", s + 2);
    return s;
}

static const char *
first_digit(const char *s)
{
    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            return s;
    return NULL;
}

/*
 * Whether form (a cell of the form sheet) shows the value whose form's
 * notation is notation and whose spelling in the source is written: the
 * notation itself, the spelling glued, or the spelling's comparator in
 * front of the notation's value (不少于 548000人 and ≥548000人: 不少于548000人).
 */
static bool
same_target(struct arena *a, const char *form, const char *notation, const char *written)
{
    const char *f = ascii_cmp(a, squeeze(a, form)), *n = squeeze(a, notation),
               *w = ascii_cmp(a, unquote(a, squeeze(a, written)));
    if (strcmp(f, n) == 0 || strcmp(f, w) == 0)
        return true;
    const char *wd = first_digit(w), *nd = first_digit(n);
    if (wd == NULL || nd == NULL)
        return false;
    const char *joined = arena_printf(a, "%.*s%s", (int)(wd - w), w, nd);
    return strcmp(f, joined) == 0;
}

static bool
same_number(const char *a, const char *b)
{
    if (*a == '\0' || *b == '\0')
        return *a == *b;
    char *ea, *eb;
    double x = strtod(a, &ea), y = strtod(b, &eb);
    if (*ea != '\0' || *eb != '\0')
        return strcmp(a, b) == 0;
    return x == y;
}

static void
add_edit(struct check *k, const char *at, const char *what, const char *form, const char *data_at,
         const char *data)
{
    struct import_doc *d = k->d;
    d->edits = arena_grow(d->arena, d->edits, d->edit_count, &d->edit_cap, sizeof *d->edits);
    d->edits[d->edit_count++] = (struct import_edit){at, what, form, data_at, data};
}

/* The texts of a table and the 年度 of its title, against the sheet tables' row. */
static void
check_fields(struct check *k, const struct import_table *f, const struct import_grid *tg,
             size_t row, const char *year)
{
    static const char *const pairs[][2] = {
        {"目标", "goal"}, {"实施期目标", "period_goal"}, {"职能", "duties"}, {"实际", "actual"}};
    static const char *const totals[][2] = {
        {"总分", "total_points"}, {"得分", "score"}, {"等级", "grade"}};
    struct arena *a = k->d->arena;
    for (size_t i = 0; i < f->field_count; i++) {
        const struct import_field *fd = &f->fields[i];
        if (strcmp(fd->keyword, "年度") == 0) {
            if (strcmp(fd->text, year) != 0)
                add_edit(k, fd->where, "年度", fd->text,
                         cell_name(a, tg, row, model_col(tg, "year")), year);
            continue;
        }
        for (size_t p = 0; p < sizeof totals / sizeof totals[0]; p++) {
            size_t c = model_col(tg, totals[p][1]);
            const char *data = text_at(tg, row, c);
            /* a 得分 goalc computed is printed, but the sheet holds only one written */
            if (strcmp(fd->keyword, totals[p][0]) == 0 && *data && !same_number(fd->text, data))
                add_edit(k, fd->where, totals[p][0], fd->text, cell_name(a, tg, row, c), data);
        }
        for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
            if (strcmp(fd->keyword, pairs[p][0]) != 0)
                continue;
            size_t c = model_col(tg, pairs[p][1]);
            const char *data = text_at(tg, row, c);
            if (strcmp(squeeze(a, fd->text), squeeze(a, data)) != 0)
                add_edit(k, fd->where, pairs[p][0], fd->text, cell_name(a, tg, row, c), data);
        }
    }
}

/* An attribute the form prints (填表人：张三, a row 填报单位 | …) against the sheet attributes,
   where it has one of the name. */
static void
check_attributes(struct check *k, const struct import_table *f, const char *dept, const char *proj)
{
    struct arena *a = k->d->arena;
    const struct import_grid *ag = k->attributes;
    size_t c_dept = model_col(ag, "department"), c_proj = model_col(ag, "project"),
           c_name = model_col(ag, "name"), c_text = model_col(ag, "text");
    for (size_t i = 0; ag != NULL && i < f->field_count; i++) {
        const struct import_field *fd = &f->fields[i];
        if (fd->keyword[0] != '"')
            continue;
        const char *name = arena_strndup(a, fd->keyword + 1, strlen(fd->keyword) - 2);
        size_t row = 0;
        for (size_t r = 1; r < ag->rows && row == 0; r++)
            if (strcmp(text_at(ag, r, c_dept), dept) == 0 &&
                strcmp(text_at(ag, r, c_proj), proj) == 0 &&
                strcmp(squeeze(a, text_at(ag, r, c_name)), squeeze(a, name)) == 0)
                row = r;
        /* one the data lack is no attribute for sure: a cell 其中：人员经费 reads as one */
        const char *data = text_at(ag, row, c_text);
        if (row != 0 && strcmp(squeeze(a, fd->text), squeeze(a, data)) != 0)
            add_edit(k, fd->where, name, fd->text, cell_name(a, ag, row, c_text), data);
    }
}

/* A value of an indicator row: the form's cell against the data's column. */
static void
check_value(struct check *k, const struct import_indicator *fi, const struct import_cell *fc,
            const char *label, const struct import_grid *ig, size_t row, const char *column,
            const char *written_column, bool number)
{
    if (fc->at == NULL)
        return; /* the form has no such column */
    struct arena *a = k->d->arena;
    size_t c = import_rows_col(ig, column);
    const char *form = fc->text != NULL ? fc->text : "", *data = text_at(ig, row, c);
    bool same;
    if (number)
        same = same_number(squeeze(a, form), squeeze(a, data));
    else
        same = same_target(a, form, data,
                           written_column ? text_at(ig, row, import_rows_col(ig, written_column))
                                          : data);
    if (!same)
        add_edit(k, fc->at, arena_printf(a, "%s %s", fi->name, label), form,
                 cell_name(a, ig, row, c), data);
}

/* The rows of the data that are this table's, not yet matched to the form. */
struct rows {
    const struct import_grid *ig;
    const char *dept, *proj;
    size_t c_dept, c_proj, c_l1, c_l2, c_ind, c_set;
    unsigned char *used; /* matched to a row of the form */
    bool shown[2];       /* the form has a block of the set year [0], period [1] */
};

static bool
row_is(const struct rows *rs, size_t r, const struct import_indicator *fi, const char *set,
       int pass)
{
    const struct import_grid *ig = rs->ig;
    const char *rset = text_at(ig, r, rs->c_set);
    return !rs->used[r] && strcmp(text_at(ig, r, rs->c_dept), rs->dept) == 0 &&
           strcmp(text_at(ig, r, rs->c_proj), rs->proj) == 0 &&
           strcmp(text_at(ig, r, rs->c_ind), fi->name) == 0 &&
           (pass == 1 || (strcmp(*rset ? rset : "year", set) == 0 &&
                          strcmp(text_at(ig, r, rs->c_l1), fi->level1) == 0 &&
                          strcmp(text_at(ig, r, rs->c_l2), fi->level2) == 0));
}

/* The 分值 a 一级 cell shows (产出指标 分值 50) against the sheet categories, where it writes one.
 */
static void
check_category(struct check *k, const struct import_indicator *fi, const struct rows *rs,
               const char *set)
{
    const struct import_grid *cg = k->categories;
    size_t c_weight = model_col(cg, "weight");
    for (size_t r = 1; cg != NULL && r < cg->rows; r++) {
        const char *rset = text_at(cg, r, model_col(cg, "set"));
        if (strcmp(text_at(cg, r, model_col(cg, "department")), rs->dept) != 0 ||
            strcmp(text_at(cg, r, model_col(cg, "project")), rs->proj) != 0 ||
            strcmp(*rset ? rset : "year", set) != 0 ||
            strcmp(text_at(cg, r, model_col(cg, "level1")), fi->level1) != 0 ||
            *text_at(cg, r, model_col(cg, "level2")) != '\0')
            continue;
        const char *data = text_at(cg, r, c_weight);
        if (*data && !same_number(fi->l1_weight, data)) /* a 分值 summed is printed, not written */
            add_edit(k, fi->form_l1_at, arena_printf(k->d->arena, "%s 分值", fi->level1),
                     fi->l1_weight, cell_name(k->d->arena, cg, r, c_weight), data);
        return;
    }
}

/* A 二级 cell's 分值 and 得分 (printed only as written) with its row of the sheet categories. */
static void
check_level2(struct check *k, const struct import_indicator *fi, const struct rows *rs,
             const char *set)
{
    const struct import_grid *cg = k->categories;
    struct arena *a = k->d->arena;
    for (size_t r = 1; cg != NULL && r < cg->rows; r++) {
        const char *rset = text_at(cg, r, model_col(cg, "set"));
        if (strcmp(text_at(cg, r, model_col(cg, "department")), rs->dept) != 0 ||
            strcmp(text_at(cg, r, model_col(cg, "project")), rs->proj) != 0 ||
            strcmp(*rset ? rset : "year", set) != 0 ||
            strcmp(text_at(cg, r, model_col(cg, "level1")), fi->level1) != 0 ||
            strcmp(text_at(cg, r, model_col(cg, "level2")), fi->level2) != 0)
            continue;
        static const char *const cols[] = {"weight", "score"}, *const words[] = {"分值", "得分"};
        const char *form[] = {fi->l2_weight ? fi->l2_weight : "", fi->l2_score ? fi->l2_score : ""};
        for (int i = 0; i < 2; i++) {
            size_t c = model_col(cg, cols[i]);
            if (!same_number(form[i], text_at(cg, r, c)))
                add_edit(k, fi->form_l2_at, arena_printf(a, "%s %s", fi->level2, words[i]),
                         form[i], cell_name(a, cg, r, c), text_at(cg, r, c));
        }
        return;
    }
}

/* The indicators of one block of the form (年度 or 实施期 绩效指标, set). */
static void
check_indicators(struct check *k, const struct import_table *f, struct rows *rs, const char *set)
{
    struct arena *a = k->d->arena;
    const struct import_grid *ig = rs->ig;
    bool period = strcmp(set, "period") == 0;
    for (size_t i = 0; i < f->indicator_count; i++) {
        const struct import_indicator *fi = &f->indicators[i];
        if (fi->period_set != period)
            continue;
        rs->shown[period] = true;
        bool first = true; /* the first row of its 一级 */
        for (size_t j = 0; j < i && first; j++)
            first = f->indicators[j].period_set != period ||
                    strcmp(f->indicators[j].level1, fi->level1) != 0;
        if (first && fi->l1_weight != NULL && fi->form_l1_at != NULL)
            check_category(k, fi, rs, set);
        bool first2 = true; /* the first row of its 二级 */
        for (size_t j = 0; j < i && first2; j++)
            first2 = f->indicators[j].period_set != period ||
                     strcmp(f->indicators[j].level1, fi->level1) != 0 ||
                     strcmp(f->indicators[j].level2, fi->level2) != 0;
        if (first2 && fi->form_l2_at != NULL)
            check_level2(k, fi, rs, set);
        if (fi->not_applicable || fi->name == NULL || *fi->name == '\0')
            continue;
        if (strcmp(squeeze(a, fi->name), squeeze(a, fi->level1)) == 0)
            continue; /* a row merged across the table (部门预算编码：…), no indicator */
        size_t row = 0;
        for (int pass = 0; pass < 2 && row == 0; pass++) /* its set and categories, then the name */
            for (size_t r = 1; r < ig->rows && row == 0; r++)
                if (row_is(rs, r, fi, set, pass))
                    row = r;
        if (row == 0) {
            add_edit(k, fi->where, "三级指标", fi->name, ig->sheet, "");
            continue;
        }
        rs->used[row] = 1;
        check_value(k, fi, &fi->form_target, "指标值", ig, row, "target", "target_written", false);
        check_value(k, fi, &fi->form_standard, "绩效标准", ig, row, "standard", "standard_written",
                    false);
        check_value(k, fi, &fi->form_actual, "实际完成值", ig, row, "actual", "actual_written",
                    false);
        check_value(k, fi, &fi->form_weight, "分值", ig, row, "weight", NULL, true);
        const char *score = text_at(ig, row, import_rows_col(ig, "score"));
        check_value(k, fi, &fi->form_score, "得分", ig, row, *score ? "score" : "score_computed",
                    NULL, true);
    }
}

/*
 * Every indicator block of the form (the reader reads each, 实施期绩效指标
 * under 本年度绩效指标 with its rows marked period_set); then the data's rows
 * that no block showed, of a set the form shows, were deleted from the form.
 */
static void
check_blocks(struct check *k, const struct import_table *first, const struct import_grid *ig,
             const char *dept, const char *proj)
{
    struct arena *a = k->d->arena;
    const struct import_grid *g = k->g;
    struct rows rs = {ig,
                      dept,
                      proj,
                      import_rows_col(ig, "department"),
                      import_rows_col(ig, "project"),
                      import_rows_col(ig, "level1"),
                      import_rows_col(ig, "level2"),
                      import_rows_col(ig, "indicator"),
                      import_rows_col(ig, "set"),
                      arena_alloc(a, ig->rows + 1),
                      {false, false}};
    check_indicators(k, first, &rs, "year");
    check_indicators(k, first, &rs, "period");
    for (size_t r = 1; r < ig->rows; r++) {
        const char *set = text_at(ig, r, rs.c_set);
        if (!rs.used[r] && rs.shown[strcmp(set, "period") == 0] &&
            strcmp(text_at(ig, r, rs.c_dept), dept) == 0 &&
            strcmp(text_at(ig, r, rs.c_proj), proj) == 0 && *text_at(ig, r, rs.c_ind))
            add_edit(k, arena_printf(a, "%s!A1", g->sheet), "三级指标", "",
                     cell_name(a, ig, r, rs.c_ind), text_at(ig, r, rs.c_ind));
    }
}

static void
check_amount(struct check *k, const char *at, const char *form, const char *label,
             const struct import_grid *fg, size_t row, const char *column)
{
    if (at == NULL || form == NULL)
        return;
    size_t c = import_rows_col(fg, column);
    const char *data = text_at(fg, row, c);
    if (!same_number(form, data))
        add_edit(k, at, label, form, cell_name(k->d->arena, fg, row, c), data);
}

static void
check_funds(struct check *k, const struct import_table *f, const struct import_grid *fg,
            const char *dept, const char *proj)
{
    struct arena *a = k->d->arena;
    size_t c_dept = import_rows_col(fg, "department"), c_proj = import_rows_col(fg, "project"),
           c_path = import_rows_col(fg, "path"), c_name = import_rows_col(fg, "name");
    unsigned char *used = arena_alloc(a, fg->rows + 1);
    bool shown = f->has_total || f->line_count > 0;
    for (size_t i = 0; i <= f->line_count; i++) {
        const struct import_line *l = i == 0 ? &f->total : &f->lines[i - 1];
        if (i == 0 && !f->has_total)
            continue;
        const char *path = i == 0 ? "" : l->path, *name = i == 0 ? "" : l->name;
        size_t row = 0;
        for (int pass = 0; pass < 2 && row == 0; pass++) /* its path too, then the name alone */
            for (size_t r = 1; r < fg->rows && row == 0; r++)
                if (!used[r] && strcmp(text_at(fg, r, c_dept), dept) == 0 &&
                    strcmp(text_at(fg, r, c_proj), proj) == 0 &&
                    strcmp(text_at(fg, r, c_name), name) == 0 &&
                    (pass == 1 || strcmp(text_at(fg, r, c_path), path) == 0))
                    row = r;
        const char *label = i == 0 ? "资金总额" : name;
        if (row == 0) {
            add_edit(k, l->where, label, l->amount ? l->amount : "", fg->sheet, "");
            continue;
        }
        used[row] = 1;
        check_amount(k, l->amount_at, l->amount, label, fg, row, "amount");
        check_amount(k, l->adjusted_at, l->adjusted, arena_printf(a, "%s 全年预算数", label), fg,
                     row, "adjusted");
        check_amount(k, l->executed_at, l->executed, arena_printf(a, "%s 全年执行数", label), fg,
                     row, "executed");
        /* the total's 分值, 执行率 and 得分: as printed, written or computed */
        const char *rate = *text_at(fg, row, import_rows_col(fg, "execution_rate"))
                               ? "execution_rate"
                               : "execution_rate_computed";
        const char *score =
            *text_at(fg, row, import_rows_col(fg, "score")) ? "score" : "score_computed";
        check_amount(k, l->weight_at, l->weight, arena_printf(a, "%s 分值", label), fg, row,
                     "weight");
        check_amount(k, l->rate_at, l->rate, arena_printf(a, "%s 执行率", label), fg, row, rate);
        check_amount(k, l->score_at, l->score, arena_printf(a, "%s 得分", label), fg, row, score);
    }
    /* a line of the data that no row of a form showing funds shows: deleted in the form (the
       total is no row of the project form that shows 本级 and 上级: they give it) */
    for (size_t r = 1; shown && r < fg->rows; r++)
        if (!used[r] && strcmp(text_at(fg, r, c_dept), dept) == 0 &&
            strcmp(text_at(fg, r, c_proj), proj) == 0 &&
            (f->has_total || *text_at(fg, r, c_name) != '\0'))
            add_edit(k, arena_printf(a, "%s!A1", k->g->sheet), "资金",
                     "", cell_name(a, fg, r, c_name),
                     *text_at(fg, r, c_name) ? text_at(fg, r, c_name) : "资金总额");
}

/* The rows of model sheet g of table (dept, proj), marked in used as they are matched; a
   form's row matches the first unused one of its name (and level). */
static size_t
model_row(const struct import_grid *g, unsigned char *used, const char *dept, const char *proj,
          const char *level, const char *name)
{
    size_t c_dept = model_col(g, "department"), c_proj = model_col(g, "project"),
           c_level = model_col(g, "level"), c_name = model_col(g, "name");
    for (size_t r = 1; g != NULL && r < g->rows; r++)
        if (!used[r] && strcmp(text_at(g, r, c_dept), dept) == 0 &&
            strcmp(text_at(g, r, c_proj), proj) == 0 &&
            (level == NULL || strcmp(text_at(g, r, c_level), level) == 0) &&
            strcmp(text_at(g, r, c_name), name) == 0) {
            used[r] = 1;
            return r;
        }
    return 0;
}

/* The rows of g's table that no row of the form matched: deleted (or renamed) in the form. */
static void
model_rows_left(struct check *k, const struct import_grid *g, const unsigned char *used,
                const char *dept, const char *proj, const char *what)
{
    size_t c_dept = model_col(g, "department"), c_proj = model_col(g, "project"),
           c_name = model_col(g, "name"), c_level = model_col(g, "level");
    const char *lv;
    for (size_t r = 1; g != NULL && r < g->rows; r++)
        if (!used[r] && strcmp(text_at(g, r, c_dept), dept) == 0 &&
            strcmp(text_at(g, r, c_proj), proj) == 0 &&
            /* a row of a level the sheet does not use is not imported (W0030) */
            (c_level == (size_t)-1 || strcmp(lv = text_at(g, r, c_level), "duty") == 0 ||
             strcmp(lv, "task") == 0 || strcmp(lv, "project") == 0))
            add_edit(k, arena_printf(k->d->arena, "%s!A1", k->g->sheet), what, "",
                     cell_name(k->d->arena, g, r, c_name), text_at(g, r, c_name));
}

/*
 * 履职: each row of the form's duty table with the sheet duties' row of its level and
 * name; its amount, which the form prints in its header's unit (金额（万元）), with the
 * row's amount in the row's unit (元 or 万元; a row without a unit or an amount is not
 * compared: its amount is the table's unit, or summed).
 */
static void
check_duties(struct check *k, const struct import_table *f, const char *dept, const char *proj)
{
    static const char *const levels[] = {"duty", "task", "project"};
    static const char *const labels[] = {"部门职能", "重点工作任务", "项目"};
    const struct import_grid *g = k->duties;
    if (g == NULL || f->duty_count == 0)
        return;
    struct arena *a = k->d->arena;
    unsigned char *used = arena_alloc(a, g->rows + 1);
    for (size_t i = 0; i < f->duty_count; i++) {
        const struct import_duty *fd = &f->duties[i];
        int lv = fd->level < 0 || fd->level > 2 ? 0 : fd->level;
        size_t r = model_row(g, used, dept, proj, levels[lv], fd->name);
        if (r == 0) {
            add_edit(k, fd->where, labels[lv], fd->name, g->sheet, "");
            continue;
        }
        size_t c_amount = model_col(g, "amount");
        const char *data = text_at(g, r, c_amount), *unit = text_at(g, r, model_col(g, "unit"));
        if (fd->amount == NULL || *data == '\0' || fd->unit == NULL ||
            (strcmp(unit, "元") != 0 && strcmp(unit, "万元") != 0))
            continue;
        double scale = strcmp(unit, fd->unit) == 0 ? 1 : strcmp(unit, "元") == 0 ? 1e-4 : 1e4;
        double x = strtod(data, NULL) * scale, y = strtod(fd->amount, NULL);
        if (x - y > 1e-9 * (x < 0 ? -x : x) + 1e-9 || y - x > 1e-9 * (x < 0 ? -x : x) + 1e-9)
            add_edit(k, fd->amount_at ? fd->amount_at : fd->where,
                     arena_printf(a, "%s 金额", fd->name), fd->amount,
                     cell_name(a, g, r, c_amount), arena_printf(a, "%s %s", data, unit));
    }
    model_rows_left(k, g, used, dept, proj, "履职");
}

/* The numbers of a date as written (2024-01-01, 2024年1月1日: 2024 1 1), at most n. */
static size_t
date_numbers(const char *s, long *out, size_t n)
{
    size_t k = 0;
    while (*s && k < n) {
        if (*s >= '0' && *s <= '9') {
            char *end;
            out[k++] = strtol(s, &end, 10);
            s = end;
        } else {
            s++;
        }
    }
    return k;
}

/*
 * 进度: each task of the form's schedule with the sheet schedule's row of its name, and
 * its dates by their numbers: the form prints a date with its year where the source left
 * it to the table's (`12月底` is 2024年12月底) and a deadline without its 前, so the data's
 * numbers must be the form's, or the form's after one leading year.
 */
static void
check_schedule(struct check *k, const struct import_table *f, const char *dept, const char *proj)
{
    const struct import_grid *g = k->schedule;
    if (g == NULL || f->schedule_count == 0)
        return;
    struct arena *a = k->d->arena;
    unsigned char *used = arena_alloc(a, g->rows + 1);
    for (size_t i = 0; i < f->schedule_count; i++) {
        const struct import_schedule *fs = &f->schedule[i];
        size_t r = model_row(g, used, dept, proj, NULL, fs->name);
        if (r == 0) {
            add_edit(k, fs->where, "实施内容", fs->name, g->sheet, "");
            continue;
        }
        size_t c_when = model_col(g, "when");
        long x[8], y[8];
        size_t nx = date_numbers(text_at(g, r, c_when), x, 8), ny = date_numbers(fs->when, y, 8);
        bool same = nx == ny || nx + 1 == ny;
        for (size_t j = 0; same && j < nx; j++)
            same = x[j] == y[j + (ny - nx)];
        if (!same)
            add_edit(k, fs->where, arena_printf(a, "%s 时间", fs->name), fs->when,
                     cell_name(a, g, r, c_when), text_at(g, r, c_when));
    }
    model_rows_left(k, g, used, dept, proj, "实施内容");
}

void
import_form_check(struct import_doc *d, const struct import_grid *g,
                  const struct import_grid *indicators, const struct import_grid *funds,
                  const struct import_model *m)
{
    struct import_doc form = {.arena = d->arena, .file = d->file};
    import_sheet_scan(&form, g);
    struct check k = {.d = d, .g = g, .categories = m->categories, .attributes = m->attributes,
                      .duties = m->duties, .schedule = m->schedule};
    const char *sheet_at = arena_printf(d->arena, "%s!A1", g->sheet);
    const struct import_table *f = form.table_count > 0 ? &form.tables[0] : NULL;
    const struct import_grid *tg = m->tables;
    size_t c_dept = model_col(tg, "department"), c_proj = model_col(tg, "project"),
           c_year = model_col(tg, "year");
    size_t row = 0;
    for (int pass = 0; pass < 2 && row == 0; pass++) /* a project in its 预算部门, then any */
        for (size_t r = 1; f != NULL && !f->named_after_sheet && r < tg->rows && row == 0; r++)
            if (f->project ? strcmp(text_at(tg, r, c_proj), f->name) == 0 &&
                                 (pass == 1 || f->department == NULL ||
                                  strcmp(text_at(tg, r, c_dept), f->department) == 0)
                           : *text_at(tg, r, c_proj) == '\0' &&
                                 strcmp(text_at(tg, r, c_dept), f->name) == 0)
                row = r;
    if (row == 0) {
        add_edit(&k, sheet_at, f != NULL && !f->named_after_sheet ? f->name : g->sheet, NULL, NULL,
                 NULL);
        return;
    }
    const char *dept = text_at(tg, row, c_dept), *proj = text_at(tg, row, c_proj);
    const char *year = text_at(tg, row, c_year);
    for (size_t r = 1; *year == '\0' && *proj != '\0' && r < tg->rows; r++)
        if (*text_at(tg, r, c_proj) == '\0' && strcmp(text_at(tg, r, c_dept), dept) == 0)
            year = text_at(tg, r, c_year); /* a project's title shows its department's 年度 */
    check_fields(&k, f, tg, row, year);
    check_attributes(&k, f, dept, proj);
    check_blocks(&k, f, indicators, dept, proj);
    check_funds(&k, f, funds, dept, proj);
    check_duties(&k, f, dept, proj);
    check_schedule(&k, f, dept, proj);
}
