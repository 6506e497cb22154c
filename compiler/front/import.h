/*
 * import.h - goalc import: tables read from a spreadsheet (import_xlsx.c,
 * import_sheet.c) or from goalc's own CSV (import_csv.c), held as plain
 * text fields, and written out as .goal source (import.c).
 *
 * Every string is arena-owned UTF-8.  A value the readers could not map is
 * never guessed: it is kept as an import_note naming its cell, which the
 * writer turns into a `#` comment and the command into a line on standard
 * error.  See docs/import.md.
 */
#ifndef GOALC_IMPORT_H
#define GOALC_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct arena;
struct diag_sink;

/* A cell that was not mapped: where ("Sheet1!F12", "indicators.csv:7") and what. */
struct import_note {
    const char *where;
    const char *text;
};

/* A cell of a form sheet as read: its place and its text (NULL: empty). */
struct import_cell {
    const char *at, *text;
};

/* One `栏 NAME "TEXT"`. */
struct import_column {
    const char *name, *text;
};

struct import_indicator {
    const char *where;
    const char *level1, *level2, *name;
    const char *target; /* source text of a target (`≥90%`), or NULL */
    bool qualitative;   /* target is a text: written 定性 "…" */
    const char *standard, *weight, *note, *actual, *score, *deviation, *direction;
    const char *item; /* 项目 "…": the budget item (the form's 名称 column) */
    const char *l1_weight; /* 分值 of its level-1 category, or NULL */
    const char *l1_score, *l2_weight, *l2_score; /* 得分 of it; 分值 and 得分 of its level-2 */
    const char *compute; /* 计算 EXPRESSION as fmt writes it, or NULL */
    bool empty; /* no indicator: its category is written with none (成本指标 { }) */
    bool l1_implied, l2_implied; /* the category's name was left out of the source */
    bool period_set; /* an 实施期指标 row */
    bool not_applicable; /* name "": the form said 不适用 (not an empty row) */
    struct import_column *columns;
    size_t column_count, column_cap;
    bool dropped; /* the compiler refused it: written as a comment */
    struct import_cell form_target, form_standard, form_weight, form_actual,
        form_score; /* as the form shows them */
    const char *form_l1_at; /* the 一级 cell that gave l1_weight (产出指标 分值 50…) */
    const char *form_l2_at; /* the 二级 cell that gave l2_weight or l2_score */
    size_t line, l1_line, l2_line; /* where import_write_goal wrote it and its categories */
};

/* A fund line; path as the CSV writes it ("按收入性质", "其中", "上级"). */
struct import_line {
    const char *where;
    const char *path, *name, *amount; /* amount NULL: summed by goalc */
    const char *adjusted, *executed, *weight, *score, *deviation;
    const char *period, *rate;  /* 实施期 AMOUNT, 执行率 (percent, no sign) */
    const char *final_accounts; /* 决算 as the CSV writes it: YEAR:AMOUNT;… */
    const char *share; /* 占比 as written (20%), or NULL */
    const char *amount_at, *adjusted_at, *executed_at; /* their cells in a form sheet */
    const char *weight_at, *score_at, *rate_at;
    struct import_column *columns;
    size_t column_count, column_cap;
};

/* A text field of a table: keyword (目标, 实施期目标, 职能, 年度 …) and its text. */
struct import_field {
    const char *where;
    const char *keyword, *text;
    bool bare; /* written as is (年度 2024), not as a string */
    bool dropped; /* the compiler refused it: written as a comment */
    size_t line;
};

/* A row of the duty table (履职): level 0 职能, 1 任务, 2 项目. */
struct import_duty {
    const char *where;
    int level;
    const char *name, *amount, *unit; /* amount, unit NULL when not written */
    const char *amount_at; /* its cell in a form sheet (金额, or the 职能/任务 cell), or NULL */
};

/* A row of 进度: its name and its date or text as the source writes it. */
struct import_schedule {
    const char *where;
    const char *name, *when;
};

struct import_table {
    bool project;
    bool named_after_sheet; /* no 项目名称 or 部门名称 label (W0032) */
    const char *where;
    const char *name, *department, *unit;
    struct import_field *fields;
    size_t field_count, field_cap;
    struct import_line total; /* name NULL */
    bool has_total;
    bool funds_dropped; /* the compiler refused the fund block: comments */
    size_t funds_first, funds_last; /* its lines */
    struct import_line *lines;
    size_t line_count, line_cap;
    struct import_indicator *indicators;
    size_t indicator_count, indicator_cap;
    const char *framework; /* 框架 of this table (the command's retry per table), else the doc's */
    struct import_duty *duties; /* 履职, in order (goalc's workbook) */
    size_t duty_count, duty_cap;
    const char *indicators_weight, *indicators_score; /* 指标 分值 … 得分 … (goalc's workbook) */
    bool nested; /* goalc's workbook: a project written inside its department */
    /* Set by import_link: the table it is written inside and the first
       project written inside it (indices, or SIZE_MAX), the next project
       inside the same home; set by import_write_goal: its lines. */
    size_t home, first_nested, next_nested;
    size_t first_line, last_line;
    struct import_schedule *schedule; /* 进度 (goalc's workbook) */
    size_t schedule_count, schedule_cap;
};

/*
 * A form sheet of goalc's own workbook that says otherwise than its data
 * sheets (import_formcheck.c): at the form's cell, what (the form's label,
 * 指标值 of an indicator), the form's value, the data sheet's cell and
 * value.  data_at NULL: the sheet matches no table of the data sheets,
 * what is the name the form gives.
 */
struct import_edit {
    const char *at, *what, *form, *data_at, *data;
};

struct import_doc {
    struct arena *arena;
    const char *framework; /* 框架 written in each table (the command's retry), or NULL */
    const char *file; /* the input as named */
    struct import_table *tables;
    size_t table_count, table_cap;
    struct import_note *notes;
    size_t note_count, note_cap;
    /* goalc's workbook with its model sheets (docs/xlsx.md): the tables and
       their settings come from the sheet tables, nothing is recovered */
    bool model;
    const char **declarations; /* 框架/量纲/划分 as written, at the top */
    size_t declaration_count, declaration_cap;
    struct import_edit *edits; /* form sheets edited after goalc wrote them (W0034, W0035) */
    size_t edit_count, edit_cap;
    /* import_link's homes are those of the first linked_count tables;
       valid while that is table_count (a table added unlinks them) */
    size_t linked_count;
};

struct import_table *
import_add_table(struct import_doc *d);
struct import_indicator *
import_add_indicator(struct import_doc *d, struct import_table *t);
struct import_line *
import_add_line(struct import_doc *d, struct import_table *t);
void
import_add_field(struct import_doc *d, struct import_table *t, const char *where,
                 const char *keyword, const char *text, bool bare);
void
import_add_column(struct import_doc *d, struct import_column **cols, size_t *count,
                  size_t *cap, const char *name, const char *text);
void
import_add_note(struct import_doc *d, const char *where, const char *text);
/* The table of (department, project) the rows name (project "": the
   department's own), made at where when no row named it before. */
struct import_table *
import_table_for(struct import_doc *d, const char *dept, const char *project, const char *where);
/* The department table project p is written inside (the same input's
   table named by its 部门), or NULL: p stands at top level. */
const struct import_table *
import_home_of(const struct import_doc *d, const struct import_table *p);
/*
 * Finds every table's home at once (one pass, a map of the departments'
 * names), so that import_home_of and the writer take constant time per
 * table rather than a walk of every table; call it once the readers are
 * done (import_write_goal calls it when it was not).  Without it, or after
 * a table is added, import_home_of gives the same answers by walking.
 */
void
import_link(struct import_doc *d);

/*
 * What an official form does not say, for the command to try (docs/import.md):
 * a declaration added once (false: it was there); the declaration of a unit of
 * no dimension, and of ind's category in no framework (level1_alone: its
 * level-1, else its level-2 under it), in its table's framework; 反向计分 比值
 * added to t (false: t writes a 反向计分 already).
 */
bool
import_add_declaration(struct import_doc *d, const char *text);
const char *
import_unit_declaration(struct import_doc *d, const char *unit);
const char *
import_category_declaration(struct import_doc *d, const struct import_table *t,
                            const struct import_indicator *ind, bool level1_alone);
bool
import_add_inverse_ratio(struct import_doc *d, struct import_table *t);

/*
 * Writes d as .goal source, the notes and dropped indicators as `#`
 * comments, and records in each indicator the lines (1-based) of it and
 * its categories, so that the command can drop the indicators whose lines
 * the compiler refuses and write the file again.
 */
void
import_write_goal(FILE *out, struct import_doc *d);

/* Drops what was written at line: an indicator (or the indicators of a
   category written there), a field, or the whole fund block; false if none. */
bool
import_drop_line(struct import_doc *d, size_t line);

/*
 * The readers: false with a located error in diags (E0030–E0049) when the
 * input is no table they can read.  bytes are the whole file.
 */
bool
import_csv_read(struct import_doc *d, struct diag_sink *diags, const char *indicators,
                size_t ilen, const char *funds, size_t flen, const char *iname,
                const char *fname);
bool
import_xlsx_read(struct import_doc *d, struct diag_sink *diags, const char *bytes, size_t len);

/* A grid of cell texts (one sheet), merged ranges already filled in. */
struct import_grid {
    const char *sheet;
    size_t rows, cols;
    const char **cells;   /* rows * cols, NULL for an empty cell */
    unsigned char *merged; /* rows * cols: 1 in a merged range but not its top-left cell */
};

/*
 * goalc's own rows (docs/csv.md), from indicators.csv and funds.csv or from
 * the `indicators` and `funds` sheets of goalc's workbook: one reader
 * (import_csv.c) for both.  import_rows_header says whether g starts with
 * the header row of the funds (or indicators) file; import_rows_read reads
 * the rows of either grid (NULL: none).  A row's place is FILE.csv:N, or
 * SHEET!AN in a sheet.
 */
bool
import_rows_header(const struct import_grid *g, bool funds);
/* A column of goalc's rows by its English name (or its --lang zh header), or (size_t)-1. */
size_t
import_rows_col(const struct import_grid *g, const char *name);
void
import_rows_read(struct import_doc *d, const struct import_grid *indicators,
                 const struct import_grid *funds);

/*
 * The model sheets of goalc's workbook (import_model.c, docs/xlsx.md "The
 * model sheets"): import_model_find says which of grids[0..n) is each
 * (NULL: absent) and whether the sheet tables is there; import_model_read
 * reads tables before the rows (it orders the tables), import_model_finish
 * the rest after them.  false with E0041 when a model sheet lacks a column.
 */
struct import_model {
    const struct import_grid *tables, *categories, *attributes, *schedule, *duties,
        *declarations;
};
bool
import_model_find(const struct import_grid *grids, size_t n, struct import_model *m);
bool
import_model_check(struct import_doc *d, struct diag_sink *diags, const struct import_model *m);
void
import_model_read(struct import_doc *d, const struct import_model *m);
void
import_model_finish(struct import_doc *d, const struct import_model *m);

/* Takes from a form sheet of goalc's own workbook only what the rows lack:
   a table's texts and attributes (目标, 职能, 填报单位 …), added to the table
   of the same name that the rows made; the rest of the sheet is ignored. */
void
import_texts_of_form(struct import_doc *d, const struct import_grid *g);

/* Finds the tables of one sheet; false when it has none (the caller reports). */
bool
import_sheet_read(struct import_doc *d, const struct import_grid *g);
/* The same reading of a sheet without an indicator table: its first table is the sheet's. */
void
import_sheet_scan(struct import_doc *d, const struct import_grid *g);

/*
 * goalc's workbook read from its data sheets: compares form sheet g, read
 * as an official form, with the rows and the sheet tables (indicator
 * targets, 分值, 实际, 得分, fund amounts, the texts, 年度), and adds an
 * import_edit to d for each difference, or one when g matches no table.
 * Nothing read is changed: the data sheets are what is imported.
 */
void
import_form_check(struct import_doc *d, const struct import_grid *g,
                  const struct import_grid *indicators, const struct import_grid *funds,
                  const struct import_model *m);

#endif
