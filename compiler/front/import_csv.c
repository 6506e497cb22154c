/*
 * import_csv.c - goalc's own CSV (docs/csv.md) read back: indicators.csv
 * and funds.csv, by their header names (English, as goalc writes them by
 * default), into one import_table per (department, project).
 *
 * What the two files carry is what comes back (docs/import.md, "The CSV
 * round trip"): names, categories, targets in the form's notation (which
 * the language reads), standards, weights, notes, 栏, the fund tree with
 * the amounts written (a `computed` amount is left to goalc to sum), and
 * the self-evaluation columns.  A table's texts (目标, 职能…) are not in
 * the CSV.  A year that a date without one took from its table is
 * recovered as the table's 年度.
 */
#include "front/import.h"

#include "base/arena.h"
#include "diag/diag.h"

#include <string.h>

struct csv {
    const char ***rows; /* rows of fields */
    size_t *widths;
    size_t count;
};

/* RFC 4180 with LF or CRLF row ends and an optional byte-order mark; false on a bad quote. */
static bool
csv_parse(struct arena *a, const char *s, size_t len, struct csv *out, size_t *bad_row)
{
    size_t rcap = 0, wcap = 0;
    out->rows = NULL, out->widths = NULL, out->count = 0;
    size_t i = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    char *buf = arena_alloc_bytes(a, len + 1);
    while (i < len) {
        const char **fields = NULL;
        size_t nf = 0, fcap = 0;
        for (;;) {
            size_t b = 0;
            if (i < len && s[i] == '"') {
                i++;
                for (;;) {
                    if (i >= len) {
                        *bad_row = out->count + 1;
                        return false;
                    }
                    if (s[i] == '"') {
                        if (i + 1 < len && s[i + 1] == '"') {
                            buf[b++] = '"', i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    buf[b++] = s[i++];
                }
                if (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                    *bad_row = out->count + 1;
                    return false;
                }
            } else {
                while (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
                    buf[b++] = s[i++];
            }
            fields = arena_grow(a, fields, nf, &fcap, sizeof *fields);
            /* A cell goalc neutralised against formulas (csv.md, "Encoding"). */
            size_t skip = b >= 2 && buf[0] == '\'' && strchr("=+-@\t\r", buf[1]) != NULL;
            fields[nf++] = arena_strndup(a, buf + skip, b - skip);
            if (i < len && s[i] == ',') {
                i++;
                continue;
            }
            if (i < len && s[i] == '\r')
                i++;
            if (i < len && s[i] == '\n')
                i++;
            break;
        }
        out->rows = arena_grow(a, out->rows, out->count, &rcap, sizeof *out->rows);
        out->widths = arena_grow(a, out->widths, out->count, &wcap, sizeof *out->widths);
        out->rows[out->count] = fields;
        out->widths[out->count++] = nf;
    }
    return true;
}

/* The headers `--lang zh` writes (csv.md, "Headers in Chinese"), by file:
   名称 is `item` in indicators.csv and `name` in funds.csv. */
static const char *const zh_indicators[][2] = {
    {"department", "部门"}, {"project", "项目"}, {"level1", "一级指标"}, {"level2", "二级指标"},
    {"item", "名称"}, {"indicator", "三级指标"}, {"kind", "指标类型"}, {"comparator", "比较"},
    {"value", "值"}, {"high", "上限"}, {"unit", "单位"}, {"target", "指标值"},
    {"standard", "绩效标准"}, {"weight", "分值"}, {"note", "备注"}, {"actual", "实际完成值"},
    {"actual_value", "实际值"}, {"score", "得分"}, {"deviation", "偏差原因"},
    {"direction", "方向"}, {"set", "指标集"}, {"columns", "其他栏"}, {NULL, NULL}};
static const char *const zh_funds[][2] = {
    {"department", "部门"}, {"project", "项目"}, {"path", "位置"}, {"name", "名称"},
    {"amount", "金额"}, {"computed", "合计得出"}, {"unit", "单位"}, {"adjusted", "调整后预算数"},
    {"executed", "执行数"}, {"period", "实施期"}, {"final_accounts", "决算"},
    {"execution_rate", "执行率"}, {"weight", "分值"}, {"score", "得分"},
    {"deviation", "偏差原因"}, {"columns", "其他栏"}, {NULL, NULL}};

static const char *
field(const struct import_grid *c, size_t row, size_t i)
{
    if (i == (size_t)-1 || i >= c->cols || row >= c->rows)
        return "";
    const char *v = c->cells[row * c->cols + i];
    return v != NULL ? v : "";
}

/* A column's index by its header name (English, or its Chinese header), or (size_t)-1. */
static size_t
col(const struct import_grid *c, const char *name)
{
    bool funds = false; /* which file: only funds.csv has `amount` (金额) */
    for (size_t i = 0; c->rows > 0 && i < c->cols; i++)
        funds |= strcmp(field(c, 0, i), "amount") == 0 || strcmp(field(c, 0, i), "金额") == 0;
    const char *zh = NULL;
    const char *const (*table)[2] = funds ? zh_funds : zh_indicators;
    for (size_t k = 0; table[k][0] != NULL && zh == NULL; k++)
        if (strcmp(table[k][0], name) == 0)
            zh = table[k][1];
    for (size_t i = 0; c->rows > 0 && i < c->cols; i++)
        if (strcmp(field(c, 0, i), name) == 0 || (zh != NULL && strcmp(field(c, 0, i), zh) == 0))
            return i;
    return (size_t)-1;
}

static const char *
nonempty(const char *s)
{
    return s != NULL && *s ? s : NULL;
}

/* "indicators.csv" of "out/indicators.csv": the place of a row in a message. */
static const char *
base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Where row r (0-based) is: "indicators.csv:7" in a CSV file, "indicators!A7" in a sheet. */
static const char *
row_where(struct import_doc *d, const struct import_grid *c, size_t r)
{
    size_t n = strlen(c->sheet);
    if (n > 4 && strcmp(c->sheet + n - 4, ".csv") == 0)
        return arena_printf(d->arena, "%s:%zu", c->sheet, r + 1);
    return arena_printf(d->arena, "%s!A%zu", c->sheet, r + 1);
}

struct import_table *
import_table_for(struct import_doc *d, const char *dept, const char *project, const char *where)
{
    for (size_t i = 0; i < d->table_count; i++) {
        struct import_table *t = &d->tables[i];
        const char *td = t->project ? (t->department ? t->department : "") : t->name;
        if (t->project == (*project != '\0') && strcmp(td, dept) == 0 &&
            (!t->project || strcmp(t->name, project) == 0))
            return t;
    }
    struct import_table *t = import_add_table(d);
    t->where = where;
    t->project = *project != '\0';
    t->name = t->project ? project : dept;
    t->department = t->project && *dept ? dept : NULL;
    return t;
}

/* The cell of `columns`: NAME: TEXT a line, \\ \n \r \: escaped (csv.md, "Columns"). */
static void
read_columns(struct import_doc *d, const char *cell, struct import_column **cols, size_t *n,
             size_t *cap)
{
    size_t len = strlen(cell);
    char *buf = arena_alloc_bytes(d->arena, len + 1);
    const char *p = cell;
    while (*p) {
        size_t b = 0;
        const char *name = NULL;
        for (; *p && *p != '\n' && !(p[0] == '\r' && p[1] == '\n'); p++) {
            if (*p == '\\' && p[1]) {
                p++;
                buf[b++] = *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
            } else if (name == NULL && *p == ':' && p[1] == ' ') {
                name = arena_strndup(d->arena, buf, b);
                b = 0;
                p++;
            } else {
                buf[b++] = *p;
            }
        }
        p += *p == '\r';
        if (*p == '\n')
            p++;
        if (name != NULL)
            import_add_column(d, cols, n, cap, name, arena_strndup(d->arena, buf, b));
    }
}

/* Whether a 标准 reads as a target (`≥12000人`, `100%`) rather than a text (计划标准). */
static bool
looks_like_target(const char *s)
{
    static const char *const starts[] = {"≥", "≤", "≧", "≦", "＞", "＜", "﹦", "＝", ">", "<",
                                         "=", "不低于", "不少于", "不超过", "不高于", "大于",
                                         "小于", "等于", NULL};
    if (*s >= '0' && *s <= '9')
        return true;
    for (size_t i = 0; starts[i]; i++)
        if (strncmp(s, starts[i], strlen(starts[i])) == 0)
            return true;
    return false;
}

/* A table's year, from a date whose text has none (csv.md, "Dates"): the
   value column has the year the table gave it. */
static void
recover_year(struct import_doc *d, struct import_table *t, const char *value, const char *high,
             const char *target, const char *where)
{
    size_t years = 0, dates = *high ? 2 : 1;
    for (const char *p = strstr(target, "年"); p != NULL; p = strstr(p + 1, "年"))
        years++;
    if (years >= dates || d->model) /* goalc's workbook: its sheet tables has the 年度 */
        return;
    if (dates == 2 && years == 1 && strncmp(target, value, 4) == 0)
        value = high; /* the first date has its year: the second took the table's */
    if (strlen(value) < 5 || value[4] != '-')
        return;
    for (size_t i = 0; i < t->field_count; i++)
        if (strcmp(t->fields[i].keyword, "年度") == 0)
            return;
    import_add_field(d, t, where, "年度", arena_strndup(d->arena, value, 4), true);
}

/* s as a string literal of the language. */
static const char *
quoted(struct import_doc *d, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc_bytes(d->arena, 2 * n + 3), *o = out;
    *o++ = '"';
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            *o++ = '\\', *o++ = *s;
        else if (*s == '\n')
            *o++ = '\\', *o++ = 'n';
        else if (*s == '\t')
            *o++ = '\\', *o++ = 't';
        else if (*s != '\r')
            *o++ = *s;
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

static const char *
direction_word(const char *direction, const char *comparator)
{
    const char *implied = strcmp(comparator, "le") == 0 || strcmp(comparator, "lt") == 0
                              ? "negative"
                          : strcmp(comparator, "eq") == 0 || *comparator == '\0' ? "equal"
                                                                                  : "positive";
    if (*direction == '\0' || strcmp(direction, implied) == 0)
        return NULL;
    return strcmp(direction, "positive") == 0   ? "正向"
           : strcmp(direction, "negative") == 0 ? "反向"
                                                 : NULL;
}

static void
read_indicators(struct import_doc *d, const struct import_grid *c)
{
    size_t c_dept = col(c, "department"), c_proj = col(c, "project"), c_l1 = col(c, "level1"),
           c_l2 = col(c, "level2"), c_ind = col(c, "indicator"), c_kind = col(c, "kind"),
           c_cmp = col(c, "comparator"), c_value = col(c, "value"), c_high = col(c, "high"), c_target = col(c, "target"),
           c_std = col(c, "standard"), c_weight = col(c, "weight"), c_note = col(c, "note"),
           c_actual = col(c, "actual"), c_aval = col(c, "actual_value"),
           c_score = col(c, "score"), c_dev = col(c, "deviation"), c_dir = col(c, "direction"),
           c_set = col(c, "set"), c_cols = col(c, "columns"), c_item = col(c, "item"),
           c_compute = col(c, "compute"), c_dirw = col(c, "direction_written");
    for (size_t r = 1; r < c->rows; r++) {
        const char *where = row_where(d, c, r);
        struct import_table *t = import_table_for(d, field(c, r, c_dept), field(c, r, c_proj), where);
        struct import_indicator *i = import_add_indicator(d, t);
        i->where = where;
        i->level1 = field(c, r, c_l1);
        i->level2 = field(c, r, c_l2);
        i->name = field(c, r, c_ind);
        const char *kind = field(c, r, c_kind);
        i->target = nonempty(field(c, r, c_target));
        i->qualitative = strcmp(kind, "qualitative") == 0;
        if (strcmp(kind, "deadline") == 0 || strcmp(kind, "period") == 0)
            recover_year(d, t, field(c, r, c_value), field(c, r, c_high), field(c, r, c_target),
                         where);
        const char *std = nonempty(field(c, r, c_std));
        i->standard = std && !looks_like_target(std) ? quoted(d, std) : std;
        i->weight = nonempty(field(c, r, c_weight));
        i->note = nonempty(field(c, r, c_note));
        const char *actual = nonempty(field(c, r, c_actual));
        i->actual = actual && !*field(c, r, c_aval) ? quoted(d, actual) : actual;
        i->score = nonempty(field(c, r, c_score));
        i->deviation = nonempty(field(c, r, c_dev));
        /* goalc's workbook says whether 方向 was written; the CSV only how it scores */
        i->direction = d->model ? nonempty(field(c, r, c_dirw))
                                : direction_word(field(c, r, c_dir), field(c, r, c_cmp));
        i->period_set = strcmp(field(c, r, c_set), "period") == 0;
        read_columns(d, field(c, r, c_cols), &i->columns, &i->column_count, &i->column_cap);
        i->item = nonempty(field(c, r, c_item));
        i->compute = nonempty(field(c, r, c_compute));
        if (d->model) { /* goalc's workbook: the target, 标准 and 实际 as the source wrote them */
            i->target = nonempty(field(c, r, col(c, "target_written")));
            i->qualitative = false;
            i->standard = nonempty(field(c, r, col(c, "standard_written")));
            i->actual = nonempty(field(c, r, col(c, "actual_written")));
        }
    }
}

static void
read_funds(struct import_doc *d, const struct import_grid *c)
{
    size_t c_dept = col(c, "department"), c_proj = col(c, "project"), c_path = col(c, "path"),
           c_name = col(c, "name"), c_amount = col(c, "amount"), c_comp = col(c, "computed"),
           c_unit = col(c, "unit"), c_adj = col(c, "adjusted"), c_exe = col(c, "executed"),
           c_rate = col(c, "execution_rate"), c_weight = col(c, "weight"),
           c_score = col(c, "score"), c_dev = col(c, "deviation"), c_cols = col(c, "columns"),
           c_fin = col(c, "final_accounts"), c_period = col(c, "period"),
           c_share = col(c, "share");
    for (size_t r = 1; r < c->rows; r++) {
        const char *where = row_where(d, c, r);
        struct import_table *t = import_table_for(d, field(c, r, c_dept), field(c, r, c_proj), where);
        const char *name = field(c, r, c_name);
        bool total = *name == '\0' && *field(c, r, c_path) == '\0';
        struct import_line *l = total ? &t->total : import_add_line(d, t);
        if (total) {
            t->has_total = true;
            if (!d->model) /* goalc's workbook: its sheet tables has the unit as written */
                t->unit = nonempty(field(c, r, c_unit));
        }
        l->where = where;
        l->path = field(c, r, c_path);
        l->name = name;
        l->amount = strcmp(field(c, r, c_comp), "true") == 0 ? NULL
                                                             : nonempty(field(c, r, c_amount));
        l->adjusted = nonempty(field(c, r, c_adj));
        l->executed = nonempty(field(c, r, c_exe));
        l->weight = nonempty(field(c, r, c_weight));
        l->score = nonempty(field(c, r, c_score));
        l->deviation = nonempty(field(c, r, c_dev));
        read_columns(d, field(c, r, c_cols), &l->columns, &l->column_count, &l->column_cap);
        l->final_accounts = nonempty(field(c, r, c_fin));
        l->period = nonempty(field(c, r, c_period));
        l->rate = nonempty(field(c, r, c_rate));
        l->share = nonempty(field(c, r, c_share));
    }
}

/* The rows of a CSV file as a grid, named after the file. */
static void
csv_grid(struct arena *a, const struct csv *c, const char *name, struct import_grid *g)
{
    size_t w = 0;
    for (size_t r = 0; r < c->count; r++)
        w = c->widths[r] > w ? c->widths[r] : w;
    g->sheet = name;
    g->rows = c->count, g->cols = w;
    size_t n = g->rows * g->cols;
    g->cells = arena_alloc(a, (n ? n : 1) * sizeof *g->cells);
    memset(g->cells, 0, (n ? n : 1) * sizeof *g->cells);
    g->merged = NULL;
    for (size_t r = 0; r < c->count; r++)
        for (size_t i = 0; i < c->widths[r]; i++)
            g->cells[r * w + i] = c->rows[r][i];
}

static bool
parse_one(struct import_doc *d, struct diag_sink *diags, const char *bytes, size_t len,
          const char *name, const char *key, struct import_grid *out)
{
    size_t bad = 0;
    struct csv c;
    if (!csv_parse(d->arena, bytes, len, &c, &bad)) {
        diag_report(diags, DIAG_IMPORT_CSV_QUOTE, (struct diag_loc){0}, name, bad);
        return false;
    }
    csv_grid(d->arena, &c, base_name(name), out);
    if (out->rows == 0 || col(out, key) == (size_t)-1) {
        diag_report(diags, DIAG_IMPORT_CSV_HEADER, (struct diag_loc){0}, name, key);
        return false;
    }
    return true;
}

bool
import_rows_header(const struct import_grid *g, bool funds)
{
    return g->rows > 0 && col(g, funds ? "amount" : "indicator") != (size_t)-1;
}

void
import_rows_read(struct import_doc *d, const struct import_grid *indicators,
                 const struct import_grid *funds)
{
    if (indicators != NULL)
        read_indicators(d, indicators);
    if (funds != NULL)
        read_funds(d, funds);
    /* A project's department that has no rows of its own is still a table of
       the input (goalc's workbook: its sheet tables names every table). */
    for (size_t i = 0, n = d->model ? 0 : d->table_count; i < n; i++) {
        const struct import_table *t = &d->tables[i];
        if (t->project && t->department != NULL)
            import_table_for(d, t->department, "", t->where);
    }
}

bool
import_csv_read(struct import_doc *d, struct diag_sink *diags, const char *indicators,
                size_t ilen, const char *funds, size_t flen, const char *iname,
                const char *fname)
{
    struct import_grid ci = {0}, cf = {0};
    if (indicators != NULL && !parse_one(d, diags, indicators, ilen, iname, "indicator", &ci))
        return false;
    if (funds != NULL && !parse_one(d, diags, funds, flen, fname, "amount", &cf))
        return false;
    import_rows_read(d, indicators != NULL ? &ci : NULL, funds != NULL ? &cf : NULL);
    return true;
}

size_t
import_rows_col(const struct import_grid *g, const char *name)
{
    return col(g, name);
}
