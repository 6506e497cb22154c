/*
 * emit_xlsx.h - what the two files of the XLSX back end share (emit_xlsx.c:
 * the workbook, its cells and the sheets indicators and funds;
 * emit_xlsx_form.c: the form sheets, read from the HTML page).  Internal
 * to the back end: the rest of goalc sees only emit.h's emit_xlsx.
 */
#ifndef GOALC_EMIT_XLSX_H
#define GOALC_EMIT_XLSX_H

#include "diag/diag_phrase.h"
#include "emit/emit_rows.h"

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

struct compilation;
struct ast_str;

enum {
    XLSX_FORMATS = 96,   /* distinct cell formats a workbook uses, well above what it needs */
    XLSX_MAX_COLS = 256, /* columns a form sheet sizes; wider tables keep the default width */
    XLSX_NAME_MAX = 31,  /* characters in a sheet name (Excel's limit) */
    XLSX_DIGITS = 15,    /* significant digits a double holds exactly */
};

/* What a cell looks like: the bits of a format. */
enum {
    CF_HEAD = 1,     /* th: bold, centred */
    CF_RIGHT = 2,    /* a number */
    CF_LEFT = 4,     /* running text */
    CF_TITLE = 8,    /* h1: large, bold, centred, no border */
    CF_PLAIN = 16,   /* p: no border */
    CF_PRIGHT = 32,  /* p's last span: right-aligned */
    CF_DATA = 64,    /* indicators and funds sheets: no wrap, no border */
    CF_COMMAS = 128, /* the number was written with thousands separators */
    CF_COMPUTED = 256, /* a value goalc computed (HTML: span.computed): italic */
};

struct cell_format {
    unsigned bits;
    int decimals; /* -1: not a number */
    lxw_format *format;
};

/* A buffered cell of the sheets indicators and funds. */
struct data_cell {
    unsigned row, col;
    char *text;
};

struct data_sheet {
    struct data_cell *cells;
    size_t count, cap;
    unsigned row, col; /* where the next field goes (row 0 is the header) */
    const enum diag_phrase_id *columns;
    size_t column_count;
    unsigned widths[64];
};

struct emit_database {
    lxw_workbook *wb;
    char *path; /* the scratch file */
    bool failed, written;
    char error[256];
    struct cell_format formats[XLSX_FORMATS];
    size_t format_count;
    char **names; /* sheet names used, for uniqueness */
    size_t name_count, name_cap;
    /* indicators, funds, then the model sheets (emit_rows.h) */
    struct data_sheet data[2 + EMIT_MODEL_SHEETS];
    struct data_sheet *sink_sheet;
    bool activated;
};

void
xlsx_fail_text(struct emit_database *d, const char *why);
void
xlsx_fail_code(struct emit_database *d, lxw_error err);
void
xlsx_fail_nomem(struct emit_database *d);
char *
xlsx_dup_span(struct emit_database *d, const char *s, size_t len);
/* The workbook's format for a cell of these bits (CF_*), with a number format of
   decimals places (-1: none); made once, NULL (failed) when out of memory. */
lxw_format *
xlsx_cell_format(struct emit_database *d, unsigned bits, int decimals);
/* A cell's text: a number when may_be_number and it is a plain decimal of at most
   15 significant digits, else a string (never a formula); blank when empty. */
void
xlsx_write_cell(struct emit_database *d, lxw_worksheet *ws, unsigned row, unsigned col,
                const char *text, unsigned bits, bool may_be_number);
/* Display width of UTF-8 text's longest line, CJK counted two. */
unsigned
xlsx_text_width(const char *s);
/* A unique, valid sheet name for a table's name, into out (docs/xlsx.md). */
void
xlsx_sheet_name(struct emit_database *d, const struct ast_str *name, char *out, size_t size);
/* The form sheets of one input: a sheet per table, from its HTML page. */
void
xlsx_add_forms(struct emit_database *d, const struct compilation *c);

#endif
