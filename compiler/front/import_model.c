/*
 * import_model.c - the model sheets of goalc's own workbook read back
 * (docs/xlsx.md "The model sheets", docs/import.md "The XLSX round trip"):
 * tables, categories, attributes, schedule, duties and declarations.
 *
 * With the rows of indicators and funds (import_csv.c) they give the whole
 * model: the sheet tables makes the tables, in its order, with their
 * settings and texts; categories orders each table's indicators by its
 * categories and adds those with none (不适用, or written empty) and their
 * 分值/得分; the rest is added to the tables as fields, 履职 and 进度 rows,
 * and the declarations are written above the tables.  Columns are taken by
 * their English names; a model sheet missing one is E0041, and a cell that
 * names no table or holds a word the sheet does not use (a level, a set) is
 * a note, W0030: never a guess.
 */
#include "front/import.h"

#include "base/arena.h"
#include "diag/diag.h"
#include "model/keyword.h"

#include <string.h>

static const char *
cell(const struct import_grid *g, size_t row, size_t col)
{
    if (col == (size_t)-1 || col >= g->cols || row >= g->rows)
        return "";
    const char *v = g->cells[row * g->cols + col];
    return v != NULL ? v : "";
}

static size_t
col(const struct import_grid *g, const char *name)
{
    for (size_t i = 0; g->rows > 0 && i < g->cols; i++)
        if (strcmp(cell(g, 0, i), name) == 0)
            return i;
    return (size_t)-1;
}

static const char *
nonempty(const char *s)
{
    return *s ? s : NULL;
}

static const char *
where(struct import_doc *d, const struct import_grid *g, size_t row)
{
    return arena_printf(d->arena, "%s!A%zu", g->sheet, row + 1);
}

/* The columns each model sheet must have (emit_model_rows.c writes them). */
static const char *const tables_cols[] = {"department",
                                          "project",
                                          "framework",
                                          "year",
                                          "period",
                                          "goal",
                                          "period_goal",
                                          "duties",
                                          "actual",
                                          "inverse_rule",
                                          "total_points",
                                          "score",
                                          "grade",
                                          "indicators_weight",
                                          "indicators_score",
                                          "money_unit",
                                          "nested",
                                          NULL};
static const char *const categories_cols[] = {
    "department",     "project", "set",   "level1",  "level2",
    "not_applicable", "weight",  "score", "implied", NULL};
static const char *const attributes_cols[] = {"department", "project", "name", "text", NULL};
static const char *const schedule_cols[] = {"department", "project", "name", "when", NULL};
static const char *const duties_cols[] = {"department", "project", "level", "name",
                                          "amount",     "unit",    NULL};
static const char *const declarations_cols[] = {"text", NULL};

bool
import_model_find(const struct import_grid *grids, size_t n, struct import_model *m)
{
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < n; i++) {
        const char *s = grids[i].sheet;
        const struct import_grid *g = &grids[i];
        if (strcmp(s, "tables") == 0)
            m->tables = g;
        else if (strcmp(s, "categories") == 0)
            m->categories = g;
        else if (strcmp(s, "attributes") == 0)
            m->attributes = g;
        else if (strcmp(s, "schedule") == 0)
            m->schedule = g;
        else if (strcmp(s, "duties") == 0)
            m->duties = g;
        else if (strcmp(s, "declarations") == 0)
            m->declarations = g;
    }
    return m->tables != NULL;
}

bool
import_model_check(struct import_doc *d, struct diag_sink *diags, const struct import_model *m)
{
    const struct {
        const struct import_grid *g;
        const char *name;
        const char *const *cols;
    } sheets[] = {
        {m->tables, "tables", tables_cols},
        {m->categories, "categories", categories_cols},
        {m->attributes, "attributes", attributes_cols},
        {m->schedule, "schedule", schedule_cols},
        {m->duties, "duties", duties_cols},
        {m->declarations, "declarations", declarations_cols},
    };
    for (size_t k = 0; k < sizeof sheets / sizeof sheets[0]; k++)
        for (size_t i = 0; sheets[k].cols[i] != NULL; i++)
            if (sheets[k].g == NULL || col(sheets[k].g, sheets[k].cols[i]) == (size_t)-1) {
                diag_report(diags, DIAG_IMPORT_MODEL_SHEET, (struct diag_loc){0}, d->file,
                            sheets[k].name, sheets[k].cols[i]);
                return false;
            }
    return true;
}

/* The table a model row names; NULL (a note, W0030) when the sheet tables has none. */
static struct import_table *
table_of(struct import_doc *d, const struct import_grid *g, size_t r, const char *what)
{
    const char *dept = cell(g, r, col(g, "department")), *proj = cell(g, r, col(g, "project"));
    for (size_t i = 0; i < d->table_count; i++) {
        struct import_table *t = &d->tables[i];
        const char *td = t->project ? (t->department ? t->department : "") : t->name;
        if (t->project == (*proj != '\0') && strcmp(td, dept) == 0 &&
            (!t->project || strcmp(t->name, proj) == 0))
            return t;
    }
    import_add_note(d, where(d, g, r),
                    arena_printf(d->arena, "%s%s%s: %s", dept, *proj ? " / " : "", proj, what));
    return NULL;
}

static void
text_field(struct import_doc *d, struct import_table *t, const struct import_grid *g, size_t r,
           const char *column, const char *keyword, bool bare)
{
    const char *v = nonempty(cell(g, r, col(g, column)));
    if (v != NULL)
        import_add_field(d, t, where(d, g, r), keyword, v, bare);
}

void
import_model_read(struct import_doc *d, const struct import_model *m)
{
    d->model = true;
    const struct import_grid *g = m->tables;
    for (size_t r = 1; r < g->rows; r++) {
        const char *w = where(d, g, r);
        struct import_table *t =
            import_table_for(d, cell(g, r, col(g, "department")), cell(g, r, col(g, "project")), w);
        t->framework = nonempty(cell(g, r, col(g, "framework")));
        /* each column is named as its keyword's English spelling (emit_model_rows.c) */
        static const struct {
            enum keyword k;
            bool bare; /* written as is (年度 2024, 实施期 1 年), else a string */
        } fields[] = {{KEYWORD_YEAR, true},         {KEYWORD_PERIOD, true},
                      {KEYWORD_GOAL, false},        {KEYWORD_PERIOD_GOAL, false},
                      {KEYWORD_DUTIES, false},      {KEYWORD_ACTUAL, false},
                      {KEYWORD_INVERSE_RULE, true}, {KEYWORD_TOTAL_POINTS, true},
                      {KEYWORD_SCORE, true},        {KEYWORD_GRADE, true}};
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
            text_field(d, t, g, r, keyword_spelling(fields[k].k, 1),
                       keyword_spelling(fields[k].k, 0), fields[k].bare);
        t->indicators_weight = nonempty(cell(g, r, col(g, "indicators_weight")));
        t->indicators_score = nonempty(cell(g, r, col(g, "indicators_score")));
        t->unit = nonempty(cell(g, r, col(g, "money_unit")));
        t->nested = strcmp(cell(g, r, col(g, "nested")), "true") == 0;
    }
}

/* --- categories: the order of a table's indicators ---------------------------------- */

static bool
same(const struct import_indicator *i, bool period, const char *l1, const char *l2)
{
    return i->period_set == period && strcmp(i->level1, l1) == 0 &&
           (l2 == NULL || strcmp(i->level2, l2) == 0);
}

/*
 * Reorders t's indicators to follow the categories rows of t (rows[0..n)),
 * adding a 不适用 or empty entry for each category without indicators, and
 * sets the categories' 分值 and 得分 on their indicators.  Indicators the
 * rows do not name keep their place after them.
 */
static void
order_table(struct import_doc *d, struct import_table *t, const struct import_grid *g,
            const size_t *rows, size_t n)
{
    size_t c_set = col(g, "set"), c_l1 = col(g, "level1"), c_l2 = col(g, "level2"),
           c_na = col(g, "not_applicable"), c_w = col(g, "weight"), c_s = col(g, "score"),
           c_imp = col(g, "implied");
    struct import_indicator *old = t->indicators;
    size_t old_count = t->indicator_count;
    bool *taken = arena_alloc(d->arena, (old_count ? old_count : 1) * sizeof *taken);
    memset(taken, 0, (old_count ? old_count : 1) * sizeof *taken);
    t->indicators = NULL, t->indicator_count = 0, t->indicator_cap = 0;
    for (size_t k = 0; k < n; k++) {
        size_t r = rows[k];
        bool period = strcmp(cell(g, r, c_set), "period") == 0;
        const char *l1 = cell(g, r, c_l1), *l2 = cell(g, r, c_l2);
        bool na = strcmp(cell(g, r, c_na), "true") == 0;
        const char *weight = nonempty(cell(g, r, c_w)), *score = nonempty(cell(g, r, c_s));
        bool implied = strcmp(cell(g, r, c_imp), "true") == 0;
        if (*l2 == '\0') { /* a level-1 row: its 分值/得分, and a placeholder if it has nothing */

            bool any = false; /* indicators, or a level-2 row of it */
            for (size_t i = 0; i < old_count && !any; i++)
                any = same(&old[i], period, l1, NULL);
            for (size_t j = k + 1; j < n && !any; j++)
                any = strcmp(cell(g, rows[j], c_l1), l1) == 0 &&
                      strcmp(cell(g, rows[j], c_set), cell(g, r, c_set)) == 0 &&
                      *cell(g, rows[j], c_l2) != '\0';
            if (!any || na) {
                struct import_indicator *p = import_add_indicator(d, t);
                p->where = where(d, g, r);
                p->level1 = l1, p->level2 = "", p->name = "";
                p->period_set = period;
                p->not_applicable = na, p->empty = !na;
                p->l1_weight = weight, p->l1_score = score;
            }
            continue;
        }
        bool any = false;
        for (size_t i = 0; i < old_count; i++) {
            if (taken[i] || !same(&old[i], period, l1, l2))
                continue;
            taken[i] = any = true;
            old[i].l2_weight = weight, old[i].l2_score = score;
            old[i].l2_implied = implied;
            *import_add_indicator(d, t) = old[i];
        }
        if (!any || na) {
            struct import_indicator *p = import_add_indicator(d, t);
            p->where = where(d, g, r);
            p->level1 = l1, p->level2 = l2, p->name = "";
            p->period_set = period;
            p->not_applicable = na, p->empty = !na;
            p->l2_weight = weight, p->l2_score = score;
        }
    }
    /* a level-1 row's 分值, 得分 and implied name, on every entry under it */
    for (size_t i = 0; i < t->indicator_count; i++)
        for (size_t k = 0; k < n; k++) {
            size_t r = rows[k];
            if (*cell(g, r, c_l2) == '\0' &&
                same(&t->indicators[i], strcmp(cell(g, r, c_set), "period") == 0, cell(g, r, c_l1),
                     NULL)) {
                t->indicators[i].l1_weight = nonempty(cell(g, r, c_w));
                t->indicators[i].l1_score = nonempty(cell(g, r, c_s));
                t->indicators[i].l1_implied = strcmp(cell(g, r, c_imp), "true") == 0;
            }
        }
    for (size_t i = 0; i < old_count; i++)
        if (!taken[i])
            *import_add_indicator(d, t) = old[i];
}

static void
read_categories(struct import_doc *d, const struct import_grid *g)
{
    size_t *rows = arena_alloc(d->arena, (g->rows ? g->rows : 1) * sizeof *rows);
    struct import_table **of = arena_alloc(d->arena, (g->rows ? g->rows : 1) * sizeof *of);
    size_t c_set = col(g, "set"), c_na = col(g, "not_applicable");
    for (size_t r = 1; r < g->rows; r++) {
        const char *set = cell(g, r, c_set), *na = cell(g, r, c_na);
        bool ok = (strcmp(set, "year") == 0 || strcmp(set, "period") == 0) &&
                  (strcmp(na, "true") == 0 || strcmp(na, "false") == 0) &&
                  *cell(g, r, col(g, "level1")) != '\0';
        of[r] = ok ? table_of(d, g, r, cell(g, r, col(g, "level1"))) : NULL;
        if (!ok)
            import_add_note(d, where(d, g, r), arena_printf(d->arena, "%s %s", set, na));
    }
    for (size_t i = 0; i < d->table_count; i++) {
        size_t n = 0;
        for (size_t r = 1; r < g->rows; r++)
            if (of[r] == &d->tables[i])
                rows[n++] = r;
        if (n > 0)
            order_table(d, &d->tables[i], g, rows, n);
    }
}

/* --- attributes, schedule, duties, declarations ---------------------------------- */

static void
read_attributes(struct import_doc *d, const struct import_grid *g)
{
    for (size_t r = 1; r < g->rows; r++) {
        const char *name = cell(g, r, col(g, "name"));
        struct import_table *t = table_of(d, g, r, name);
        if (t == NULL)
            continue;
        if (*name == '\0') {
            import_add_note(d, where(d, g, r), cell(g, r, col(g, "text")));
            continue;
        }
        import_add_field(d, t, where(d, g, r), arena_printf(d->arena, "\"%s\"", name),
                         cell(g, r, col(g, "text")), false);
    }
}

static void
read_schedule(struct import_doc *d, const struct import_grid *g)
{
    for (size_t r = 1; r < g->rows; r++) {
        const char *name = cell(g, r, col(g, "name")), *when = cell(g, r, col(g, "when"));
        struct import_table *t = table_of(d, g, r, arena_printf(d->arena, "%s %s", name, when));
        if (t == NULL)
            continue;
        if (*name == '\0' || *when == '\0') {
            import_add_note(d, where(d, g, r), arena_printf(d->arena, "%s %s", name, when));
            continue;
        }
        t->schedule = arena_grow(d->arena, t->schedule, t->schedule_count, &t->schedule_cap,
                                 sizeof *t->schedule);
        t->schedule[t->schedule_count++] = (struct import_schedule){where(d, g, r), name, when};
    }
}

static void
read_duties(struct import_doc *d, const struct import_grid *g)
{
    static const char *const levels[] = {"duty", "task", "project"};
    for (size_t r = 1; r < g->rows; r++) {
        const char *level = cell(g, r, col(g, "level")), *name = cell(g, r, col(g, "name"));
        struct import_table *t = table_of(d, g, r, arena_printf(d->arena, "%s %s", level, name));
        if (t == NULL)
            continue;
        int lv = -1;
        for (int k = 0; k < 3; k++)
            if (strcmp(level, levels[k]) == 0)
                lv = k;
        /* a row one level below the row before, or at a level already open */
        int open = t->duty_count ? t->duties[t->duty_count - 1].level + 1 : 0;
        if (lv < 0 || lv > open || *name == '\0') {
            import_add_note(d, where(d, g, r), arena_printf(d->arena, "%s %s", level, name));
            continue;
        }
        t->duties = arena_grow(d->arena, t->duties, t->duty_count, &t->duty_cap, sizeof *t->duties);
        t->duties[t->duty_count++] =
            (struct import_duty){where(d, g, r), lv, name, nonempty(cell(g, r, col(g, "amount"))),
                                 nonempty(cell(g, r, col(g, "unit"))), NULL};
    }
}

void
import_model_finish(struct import_doc *d, const struct import_model *m)
{
    read_categories(d, m->categories);
    read_attributes(d, m->attributes);
    read_schedule(d, m->schedule);
    read_duties(d, m->duties);
    const struct import_grid *g = m->declarations;
    for (size_t r = 1; r < g->rows; r++) {
        const char *text = cell(g, r, col(g, "text"));
        if (*text == '\0')
            continue;
        d->declarations = arena_grow(d->arena, d->declarations, d->declaration_count,
                                     &d->declaration_cap, sizeof *d->declarations);
        d->declarations[d->declaration_count++] = text;
    }
}
