/*
 * import.c - the tables goalc import read, written as .goal source.
 *
 * Owns the import_doc lists (arena-grown) and the writer.  The writer
 * produces plain source, one indicator a line, in the order read; the
 * command then compiles it and runs it through fmt (fmt.h), so the layout
 * here need only parse, not be canonical.  Values are written as the
 * source text the readers found (`≥90%`, `12月底前`): goalc's own parser
 * decides whether they are targets.  An indicator the compiler refused
 * (dropped) and every note become `#` comments naming their cell.
 */
#include "front/import.h"

#include "base/arena.h"
#include "base/name_map.h"
#include "model/keyword.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

struct import_table *
import_add_table(struct import_doc *d)
{
    d->tables = arena_grow(d->arena, d->tables, d->table_count, &d->table_cap,
                           sizeof *d->tables);
    struct import_table *t = &d->tables[d->table_count++];
    memset(t, 0, sizeof *t);
    t->home = t->first_nested = t->next_nested = SIZE_MAX;
    return t;
}

struct import_indicator *
import_add_indicator(struct import_doc *d, struct import_table *t)
{
    t->indicators = arena_grow(d->arena, t->indicators, t->indicator_count,
                               &t->indicator_cap, sizeof *t->indicators);
    struct import_indicator *i = &t->indicators[t->indicator_count++];
    memset(i, 0, sizeof *i);
    return i;
}

struct import_line *
import_add_line(struct import_doc *d, struct import_table *t)
{
    t->lines = arena_grow(d->arena, t->lines, t->line_count, &t->line_cap, sizeof *t->lines);
    struct import_line *l = &t->lines[t->line_count++];
    memset(l, 0, sizeof *l);
    return l;
}

void
import_add_field(struct import_doc *d, struct import_table *t, const char *where,
                 const char *keyword, const char *text, bool bare)
{
    t->fields = arena_grow(d->arena, t->fields, t->field_count, &t->field_cap,
                           sizeof *t->fields);
    t->fields[t->field_count++] = (struct import_field){where, keyword, text, bare, false, 0};
}

void
import_add_column(struct import_doc *d, struct import_column **cols, size_t *count, size_t *cap,
                  const char *name, const char *text)
{
    *cols = arena_grow(d->arena, *cols, *count, cap, sizeof **cols);
    (*cols)[(*count)++] = (struct import_column){name, text};
}

void
import_add_note(struct import_doc *d, const char *where, const char *text)
{
    d->notes = arena_grow(d->arena, d->notes, d->note_count, &d->note_cap, sizeof *d->notes);
    d->notes[d->note_count++] = (struct import_note){where, text};
}

/* --- what a form does not say: declarations and settings tried by the command --- */

bool
import_add_declaration(struct import_doc *d, const char *text)
{
    for (size_t i = 0; i < d->declaration_count; i++)
        if (strcmp(d->declarations[i], text) == 0)
            return false;
    d->declarations = arena_grow(d->arena, d->declarations, d->declaration_count,
                                 &d->declaration_cap, sizeof *d->declarations);
    d->declarations[d->declaration_count++] = text;
    return true;
}

/* A name as the declarations write it: quoted, the quote and backslash escaped. */
static const char *
quoted(struct arena *a, const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += *p == '"' || *p == '\\' ? 2 : 1;
    char *out = arena_alloc_bytes(a, n + 3), *o = out;
    *o++ = '"';
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\')
            *o++ = '\\';
        *o++ = *p;
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

/* A level-1 category as a declaration names it: the stdlib's (its English name in
   Chinese) bare, any other quoted (declared_level1 below looks for quoted ones). */
static const char *
level1_declared(struct arena *a, const char *name)
{
    static const char *const english[][2] = {{"cost", "成本指标"}, {"output", "产出指标"},
                                             {"benefit", "效益指标"},
                                             {"satisfaction", "满意度指标"}};
    for (size_t i = 0; i < sizeof english / sizeof english[0]; i++)
        if (strcmp(name, english[i][0]) == 0 || strcmp(name, english[i][1]) == 0)
            return english[i][1];
    return quoted(a, name);
}

const char *
import_unit_declaration(struct import_doc *d, const char *unit)
{
    return arena_printf(d->arena, "量纲 %s { %s }", quoted(d->arena, unit), unit);
}

const char *
import_category_declaration(struct import_doc *d, const struct import_table *t,
                            const struct import_indicator *ind, bool level1_alone)
{
    const struct import_table *home = import_home_of(d, t);
    const char *fw = t->framework ? t->framework
                     : home && home->framework ? home->framework
                     : d->framework ? d->framework : "2020";
    if (level1_alone)
        return arena_printf(d->arena, "框架 %s { 一级 %s { } }", fw,
                            level1_declared(d->arena, ind->level1));
    return arena_printf(d->arena, "框架 %s { 一级 %s { 二级 %s } }", fw,
                        level1_declared(d->arena, ind->level1), quoted(d->arena, ind->level2));
}

bool
import_add_inverse_ratio(struct import_doc *d, struct import_table *t)
{
    for (size_t i = 0; i < t->field_count; i++)
        if (strcmp(t->fields[i].keyword, "反向计分") == 0)
            return false;
    import_add_field(d, t, t->where, "反向计分", "比值", true);
    return true;
}

/* --- the writer ------------------------------------------------------------ */

struct writer {
    FILE *out;
    size_t line; /* the line being written, 1-based */
};

static void
put(struct writer *w, const char *s)
{
    fputs(s, w->out);
    for (; *s; s++)
        if (*s == '\n')
            w->line++;
}

static void
indent(struct writer *w, int depth)
{
    for (int i = 0; i < depth; i++)
        put(w, "    ");
}

/* A string literal: quotes, backslashes and line ends escaped (language.md §2.4). */
static void
put_string(struct writer *w, const char *s)
{
    fputc('"', w->out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', w->out), fputc(*s, w->out);
        else if (*s == '\n')
            fputs("\\n", w->out);
        else if (*s == '\r')
            fputs("\\u{D}", w->out);
        else if (*s == '\t')
            fputs("\\t", w->out);
        else
            fputc(*s, w->out);
    }
    fputc('"', w->out);
}

/* A name of a category or fund line: bare when the language reads it as one name
   (CJK and letters), else a string. */
static void
put_name(struct writer *w, const char *s)
{
    bool bare = *s != '\0';
    for (int k = KEYWORD_NONE + 1; k < KEYWORD_COUNT && bare; k++)
        bare = strcmp(s, keyword_spelling((enum keyword)k, 0)) != 0 &&
               strcmp(s, keyword_spelling((enum keyword)k, 1)) != 0;
    for (const char *p = s; *p && bare; p++)
        bare = (unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
               (*p >= '0' && *p <= '9' && p > s) || *p == '_';
    /* fullwidth punctuation is no part of a name either */
    bare = bare && !strstr(s, "（") && !strstr(s, "）") && !strstr(s, "，") && !strstr(s, "：") &&
           !strstr(s, "、") && !strstr(s, "。") && !strstr(s, "；");
    if (bare)
        put(w, s);
    else
        put_string(w, s);
}

/* A comment's text: one line, whatever the cell held. */
static void
put_comment(struct writer *w, int depth, const char *where, const char *text)
{
    indent(w, depth);
    fprintf(w->out, "# %s: ", where);
    for (const char *s = text; *s; s++)
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, w->out);
    put(w, "\n");
}

static void
put_columns(struct writer *w, const struct import_column *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        put(w, " 栏 ");
        put_string(w, cols[i].name);
        put(w, " ");
        put_string(w, cols[i].text);
    }
}

static void
put_word(struct writer *w, const char *keyword, const char *value)
{
    if (value == NULL || *value == '\0')
        return;
    fprintf(w->out, " %s %s", keyword, value);
}

static void
put_text_word(struct writer *w, const char *keyword, const char *value)
{
    if (value == NULL || *value == '\0')
        return;
    fprintf(w->out, " %s ", keyword);
    put_string(w, value);
}

/* A line's amount and self-evaluation attributes, on the line. */
static void
put_line_values(struct writer *w, const struct import_line *l)
{
    if (l->amount != NULL && *l->amount)
        fprintf(w->out, " %s", l->amount);
    put_word(w, "调整后", l->adjusted);
    put_word(w, "实施期", l->period);
    for (const char *p = l->final_accounts; p != NULL && *p;) { /* 2022:1800;2023:1950 */
        const char *colon = strchr(p, ':'), *semi = strchr(p, ';');
        size_t end = semi ? (size_t)(semi - p) : strlen(p);
        if (colon == NULL || (size_t)(colon - p) > end)
            break;
        fprintf(w->out, " 决算 %.*s %.*s", (int)(colon - p), p, (int)(end - (size_t)(colon - p) - 1),
                colon + 1);
        p += end + (semi != NULL);
    }
    if (l->rate != NULL && *l->rate)
        fprintf(w->out, " 执行率 %s%%", l->rate);
    put_word(w, "执行", l->executed);
    put_word(w, "分值", l->weight);
    put_word(w, "得分", l->score);
    put_text_word(w, "偏差", l->deviation);
    put_columns(w, l->columns, l->column_count);
    put_word(w, "占比", l->share);
}

static const char *
child_path(struct arena *a, const char *path, const char *seg)
{
    return *path ? arena_printf(a, "%s/%s", path, seg) : seg;
}

/* Whether some line sits at or below path. */
static bool
has_below(const struct import_table *t, const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < t->line_count; i++) {
        const char *p = t->lines[i].path;
        if (strncmp(p, path, n) == 0 && (p[n] == '\0' || p[n] == '/'))
            return true;
    }
    return false;
}

/* The segment right after path in p ("按收入性质" of "按收入性质/x"), or NULL. */
static const char *
next_segment(struct arena *a, const char *p, const char *path)
{
    size_t n = strlen(path);
    if (n > 0) {
        if (strncmp(p, path, n) != 0 || p[n] != '/')
            return NULL;
        p += n + 1;
    }
    if (*p == '\0')
        return NULL;
    const char *slash = strchr(p, '/');
    return arena_strndup(a, p, slash ? (size_t)(slash - p) : strlen(p));
}

static bool
is_group(const char *seg)
{
    return strncmp(seg, "按", strlen("按")) == 0 || strcmp(seg, "其中") == 0;
}

static void write_block(struct writer *w, struct arena *a, const struct import_table *t,
                        const char *path, int depth);

static void
write_group(struct writer *w, struct arena *a, const struct import_table *t, const char *path,
            const char *seg, int depth)
{
    indent(w, depth);
    if (strcmp(seg, "其中") == 0)
        put(w, "其中 {\n");
    else
    {
        put(w, "按 ");
        put(w, seg + strlen("按"));
        put(w, " {\n"); /* through put: the line count knows it */
    }
    write_block(w, a, t, child_path(a, path, seg), depth + 1);
    indent(w, depth);
    put(w, "}\n");
}

/* The lines and groups directly under path, in the order first read. */
static void
write_block(struct writer *w, struct arena *a, const struct import_table *t, const char *path,
            int depth)
{
    for (size_t i = 0; i < t->line_count; i++) {
        const struct import_line *l = &t->lines[i];
        if (strcmp(l->path, path) == 0) {
            indent(w, depth);
            put_name(w, l->name);
            put_line_values(w, l);
            const char *below = child_path(a, path, l->name);
            if (has_below(t, below)) {
                put(w, " {\n");
                write_block(w, a, t, below, depth + 1);
                indent(w, depth);
                put(w, "}");
            }
            put(w, "\n");
            continue;
        }
        const char *seg = next_segment(a, l->path, path);
        if (seg == NULL || !is_group(seg))
            continue;
        bool seen = false; /* written at an earlier line already */
        for (size_t j = 0; j < i && !seen; j++) {
            const char *s = next_segment(a, t->lines[j].path, path);
            seen = s != NULL && strcmp(s, seg) == 0;
        }
        if (!seen)
            write_group(w, a, t, path, seg, depth);
    }
}

static void
funds_comment(struct writer *w, const struct import_line *l)
{
    indent(w, 1);
    fprintf(w->out, "# %s: %s%s%s", l->where, l->path, *l->path ? "/" : "",
            l->name ? l->name : "资金");
    if (l->amount != NULL)
        fprintf(w->out, " %s", l->amount);
    put(w, "\n");
}

static void
write_funds(struct writer *w, struct arena *a, struct import_table *t)
{
    if (!t->has_total && t->line_count == 0)
        return;
    t->funds_first = w->line;
    if (t->funds_dropped) {
        if (t->has_total)
            funds_comment(w, &t->total);
        for (size_t i = 0; i < t->line_count; i++)
            funds_comment(w, &t->lines[i]);
        t->funds_last = w->line - 1;
        return;
    }
    put(w, "    资金");
    if (t->unit != NULL)
        fprintf(w->out, " %s", t->unit);
    put_line_values(w, &t->total);
    if (t->line_count > 0) {
        put(w, " {\n");
        write_block(w, a, t, "", 2);
        put(w, "    }");
    }
    t->funds_last = w->line;
    put(w, "\n");
}

static void
write_indicator(struct writer *w, struct import_indicator *ind, int depth)
{
    ind->line = w->line;
    if (ind->dropped) {
        const char *t = ind->target ? ind->target : "";
        indent(w, depth);
        fprintf(w->out, "# %s: ", ind->where);
        put_string(w, ind->name);
        fprintf(w->out, " %s\n", t);
        w->line++;
        return;
    }
    indent(w, depth);
    put_string(w, ind->name);
    if (ind->target != NULL && *ind->target) {
        if (ind->qualitative) {
            put(w, " 定性 ");
            put_string(w, ind->target);
        } else {
            fprintf(w->out, " %s", ind->target);
        }
    }
    put_text_word(w, "项目", ind->item);
    put_word(w, "标准", ind->standard);
    put_word(w, "分值", ind->weight);
    put_text_word(w, "备注", ind->note);
    put_columns(w, ind->columns, ind->column_count);
    put_word(w, "实际", ind->actual);
    put_word(w, "得分", ind->score);
    put_text_word(w, "偏差", ind->deviation);
    put_word(w, "方向", ind->direction);
    put_word(w, "计算", ind->compute);
    put(w, "\n");
}

/* One indicator tree (指标 or 实施期指标): categories in the order first read. */
/* Whether a declaration of the file makes name a level-1 category of its own
   (goalc import's W0037: 一级 "产出指标<i>" is no 产出指标). */
static bool
declared_level1(const struct import_doc *d, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < d->declaration_count; i++) {
        const char *p = strstr(d->declarations[i], "一级 \"");
        if (p != NULL && strncmp(p + strlen("一级 \""), name, n) == 0 &&
            p[strlen("一级 \"") + n] == '"')
            return true;
    }
    return false;
}

static void
write_indicators(struct writer *w, const struct import_doc *d, const struct import_table *t,
                 bool period_set)
{
    size_t n = 0;
    for (size_t i = 0; i < t->indicator_count; i++)
        n += t->indicators[i].period_set == period_set;
    if (n == 0)
        return;
    put(w, period_set ? "    实施期指标" : "    指标");
    if (!period_set) {
        put_word(w, "分值", t->indicators_weight);
        put_word(w, "得分", t->indicators_score);
    }
    put(w, " {\n");
    for (size_t i = 0; i < t->indicator_count; i++) {
        struct import_indicator *a = &t->indicators[i];
        if (a->period_set != period_set)
            continue;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = t->indicators[j].period_set == period_set &&
                   strcmp(t->indicators[j].level1, a->level1) == 0;
        if (seen)
            continue;
        size_t l1_line = w->line;
        bool l1_named = !a->l1_implied; /* else its level-2 blocks stand under 指标 */
        if (l1_named) {
            put(w, "        ");
            put_name(w, a->level1);
            const char *l1_weight = NULL, *l1_score = NULL;
            for (size_t k = i; k < t->indicator_count; k++)
                if (t->indicators[k].period_set == period_set &&
                    strcmp(t->indicators[k].level1, a->level1) == 0) {
                    l1_weight = l1_weight ? l1_weight : t->indicators[k].l1_weight;
                    l1_score = l1_score ? l1_score : t->indicators[k].l1_score;
                }
            put_word(w, "分值", l1_weight);
            put_word(w, "得分", l1_score);
            put(w, " {\n");
        }
        for (size_t k = i; k < t->indicator_count; k++) {
            struct import_indicator *b = &t->indicators[k];
            if (b->period_set != period_set || strcmp(b->level1, a->level1) != 0)
                continue;
            bool seen2 = false;
            for (size_t j = i; j < k && !seen2; j++)
                seen2 = t->indicators[j].period_set == period_set &&
                        strcmp(t->indicators[j].level1, a->level1) == 0 &&
                        strcmp(t->indicators[j].level2, b->level2) == 0;
            if (seen2)
                continue;
            size_t l2_line = w->line;
            bool named = *b->level2 != '\0' && !b->l2_implied;
            if (named) {
                put(w, "            ");
                put_name(w, b->level2);
                put_word(w, "分值", b->l2_weight);
                put_word(w, "得分", b->l2_score);
                put(w, " {\n");
            }
            for (size_t m = k; m < t->indicator_count; m++) {
                struct import_indicator *c = &t->indicators[m];
                if (c->period_set != period_set || strcmp(c->level1, a->level1) != 0 ||
                    strcmp(c->level2, b->level2) != 0)
                    continue;
                c->l1_line = l1_line;
                c->l2_line = named ? l2_line : l1_line;
                if (c->empty) { /* a category written with no indicators */
                    c->line = w->line;
                } else if (c->name == NULL || *c->name == '\0') { /* 不适用 */
                    c->line = w->line;
                    put(w, named ? "                不适用\n" : "            不适用\n");
                } else {
                    write_indicator(w, c, named ? 4 : 3);
                }
            }
            if (named)
                put(w, "            }\n");
        }
        if (l1_named)
            put(w, "        }\n");
    }
    /* The framework's level-1 categories the rows never name: they had no
       indicators, and the form marks such a category 不适用 (docs/import.md). */
    static const char *const required[][3] = {{"成本", "成本指标", "cost"},
                                               {"产出", "产出指标", "output"},
                                               {"效益", "效益指标", "benefit"},
                                               {"满意度", "满意度指标", "satisfaction"}};
    const char *fw = t->framework != NULL ? t->framework : d->framework != NULL ? d->framework : "2020";
    size_t first = strcmp(fw, "2021") == 0 ? 0 : 1;
    size_t last = strcmp(fw, "2013") == 0 ? 3 : 4; /* 2013: 满意度 sits under 效益 */
    if (d->model) /* goalc's workbook: its sheet categories listed every category */
        first = last;
    for (size_t r = first; r < last; r++) {
        bool named = false;
        for (size_t i = 0; i < t->indicator_count && !named; i++)
            named = t->indicators[i].period_set == period_set &&
                    (strncmp(t->indicators[i].level1, required[r][0], strlen(required[r][0])) == 0 ||
                     strcmp(t->indicators[i].level1, required[r][2]) == 0) && /* its English name */
                    !declared_level1(d, t->indicators[i].level1);
        if (!named) {
            put(w, "        ");
            put(w, required[r][1]);
            put(w, " { 不适用 }\n");
        }
    }
    put(w, "    }\n");
}

/* 履职: each row inside the row one level up before it (import_model.c keeps them so). */
static void
write_duties(struct writer *w, const struct import_table *t)
{
    static const char *const keyword[] = {"职能", "任务", "项目"};
    if (t->duty_count == 0)
        return;
    put(w, "    履职 {\n");
    for (size_t i = 0; i < t->duty_count; i++) {
        const struct import_duty *r = &t->duties[i];
        indent(w, 2 + r->level);
        fprintf(w->out, "%s ", keyword[r->level]);
        put_string(w, r->name);
        if (r->amount != NULL)
            fprintf(w->out, " %s", r->amount);
        if (r->amount != NULL && r->unit != NULL)
            fprintf(w->out, " %s", r->unit);
        bool open = i + 1 < t->duty_count && t->duties[i + 1].level > r->level;
        put(w, open ? " {\n" : "\n");
        int next = i + 1 < t->duty_count ? t->duties[i + 1].level : 0;
        for (int lv = r->level - 1; lv >= next && !open; lv--) {
            indent(w, 2 + lv);
            put(w, "}\n");
        }
    }
    put(w, "    }\n");
}

/* 进度: each row's name and its date or text as the source wrote it. */
static void
write_schedule(struct writer *w, const struct import_table *t)
{
    if (t->schedule_count == 0)
        return;
    put(w, "    进度 {\n");
    for (size_t i = 0; i < t->schedule_count; i++) {
        indent(w, 2);
        put_string(w, t->schedule[i].name);
        fprintf(w->out, " %s", t->schedule[i].when);
        put(w, "\n");
    }
    put(w, "    }\n");
}

/* Whether project p stands inside department table t of the same input. */
static bool
nested_in(const struct import_doc *d, const struct import_table *p, const struct import_table *t)
{
    return p->project && !t->project && p->department != NULL &&
           strcmp(p->department, t->name) == 0 && (!d->model || p->nested);
}

static bool
linked(const struct import_doc *d)
{
    return d->table_count > 0 && d->linked_count == d->table_count;
}

const struct import_table *
import_home_of(const struct import_doc *d, const struct import_table *p)
{
    if (linked(d))
        return p->home != SIZE_MAX ? &d->tables[p->home] : NULL;
    for (size_t i = 0; i < d->table_count; i++)
        if (nested_in(d, p, &d->tables[i]))
            return &d->tables[i];
    return NULL;
}

void
import_link(struct import_doc *d)
{
    d->linked_count = 0;
    if (d->table_count == 0)
        return;
    struct name_map *departments = name_map_new_sized(d->arena, d->table_count);
    for (size_t i = 0; i < d->table_count; i++) {
        struct import_table *t = &d->tables[i];
        t->home = t->first_nested = t->next_nested = SIZE_MAX;
        if (!t->project) /* the first of a name is the home, as import_home_of walks */
            name_map_put(departments, t->name, (void *)(uintptr_t)(i + 1));
    }
    size_t *last = arena_alloc_bytes(d->arena, d->table_count * sizeof *last);
    for (size_t i = 0; i < d->table_count; i++) {
        struct import_table *p = &d->tables[i];
        uintptr_t h = p->project && p->department != NULL
                          ? (uintptr_t)name_map_get(departments, p->department)
                          : 0;
        if (h == 0 || !nested_in(d, p, &d->tables[h - 1]))
            continue;
        size_t home = (size_t)h - 1;
        p->home = home;
        if (d->tables[home].first_nested == SIZE_MAX)
            d->tables[home].first_nested = i;
        else
            d->tables[last[home]].next_nested = i;
        last[home] = i;
    }
    d->linked_count = d->table_count;
}

/*
 * The framework a table of goalc's workbook has without a 框架 of its own:
 * its department's, for a project written inside it; else the default,
 * 2020, unless a declaration chooses one for the whole file (框架 NAME, no
 * braces), when "" makes every table write its own.
 */
static const char *
framework_inherited(const struct import_doc *d, const struct import_table *t)
{
    const struct import_table *home = t->project ? import_home_of(d, t) : NULL;
    if (home != NULL)
        return home->framework != NULL ? home->framework : "";
    for (size_t i = 0; i < d->declaration_count; i++)
        if (strchr(d->declarations[i], '{') == NULL)
            return "";
    return "2020";
}

static void
write_table(struct writer *w, const struct import_doc *d, struct arena *a, struct import_table *t)
{
    t->first_line = w->line;
    put(w, t->project ? "项目 " : "部门 ");
    put_string(w, t->name);
    put(w, " {\n");
    const char *fw = t->framework != NULL ? t->framework : d->framework;
    if (fw != NULL && d->model && strcmp(fw, framework_inherited(d, t)) == 0)
        fw = NULL; /* goalc's workbook names the framework in effect: write it only where it is chosen */
    if (fw != NULL)
        fprintf(w->out, "    框架 %s\n", fw), w->line++;
    if (t->project && t->department != NULL && import_home_of(d, t) == NULL) {
        put(w, "    部门 ");
        put_string(w, t->department);
        put(w, "\n");
    }
    for (int pass = 0; pass < 2; pass++) { /* 年度 first, then the funds, the rest */
        if (pass == 1)
            write_funds(w, a, t);
        for (size_t i = 0; i < t->field_count; i++) {
            struct import_field *f = &t->fields[i];
            if ((strcmp(f->keyword, "年度") == 0) != (pass == 0))
                continue;
            f->line = w->line;
            if (f->dropped) {
                put_comment(w, 1, f->where, arena_printf(a, "%s %s", f->keyword, f->text));
                continue;
            }
            put(w, "    ");
            if (f->keyword[0] == '"') /* an attribute's name */
                put_name(w, arena_strndup(a, f->keyword + 1, strlen(f->keyword) - 2));
            else
                fputs(f->keyword, w->out);
            fputc(' ', w->out);
            if (f->bare)
                fputs(f->text, w->out);
            else
                put_string(w, f->text);
            put(w, "\n");
        }
    }
    write_duties(w, t);
    write_schedule(w, t);
    write_indicators(w, d, t, true);
    write_indicators(w, d, t, false);
    /* The department's projects inside it, as goalc's own sources write them. */
    for (size_t i = t->first_nested; i != SIZE_MAX; i = d->tables[i].next_nested) {
        put(w, "\n");
        write_table(w, d, a, &d->tables[i]);
    }
    put(w, "}\n");
    t->last_line = w->line - 1;
}

void
import_write_goal(FILE *out, struct import_doc *d)
{
    if (!linked(d))
        import_link(d);
    struct writer w = {out, 1};
    put(&w, "# ");
    fputs(d->file, out);
    put(&w, "\n");
    for (size_t i = 0; i < d->note_count; i++)
        put_comment(&w, 0, d->notes[i].where, d->notes[i].text);
    for (size_t i = 0; i < d->declaration_count; i++) { /* as written: the parser reads them */
        put(&w, "\n");
        put(&w, d->declarations[i]);
        put(&w, "\n");
    }
    for (size_t i = 0; i < d->table_count; i++) {
        if (import_home_of(d, &d->tables[i]) != NULL)
            continue; /* written inside its department */
        put(&w, "\n");
        write_table(&w, d, d->arena, &d->tables[i]);
    }
}

bool
import_drop_line(struct import_doc *d, size_t line)
{
    bool any = false;
    for (size_t i = 0; i < d->table_count; i++) {
        struct import_table *t = &d->tables[i];
        if (!t->funds_dropped && (t->has_total || t->line_count > 0) && line >= t->funds_first &&
            line <= t->funds_last) {
            t->funds_dropped = true;
            any = true;
        }
        for (size_t k = 0; k < t->field_count; k++)
            if (!t->fields[k].dropped && t->fields[k].line == line) {
                t->fields[k].dropped = true;
                any = true;
            }
        for (size_t k = 0; k < t->indicator_count; k++) {
            struct import_indicator *ind = &t->indicators[k];
            if (!ind->dropped &&
                (ind->line == line || ind->l1_line == line || ind->l2_line == line)) {
                ind->dropped = true;
                any = true;
            }
        }
    }
    return any;
}
