/*
 * emit_xlsx.c - the XLSX back end: one workbook (tables.xlsx) holding
 * every input, a sheet per table in the official layout and the sheets
 * indicators and funds (docs/xlsx.md).
 *
 * The one module that sees libxlsxwriter's API.  A database format
 * (emit.h, struct emit_database_ops) like sqlite: open starts a workbook
 * on the scratch file the command gives (libxlsxwriter writes only to a
 * named file), add lays out one compiled input, write closes the workbook
 * and copies the scratch file to the stream the command made atomic
 * (output.c), so a failure anywhere leaves no file behind.
 *
 * A table's sheet is exactly what the HTML shows (emit_xlsx_form.c reads
 * the page back); the indicators and funds sheets, after the form sheets,
 * hold the CSV's rows (emit_rows.h), buffered until write.  Sheet names
 * and cell formats are made here for both files (emit_xlsx.h).
 *
 * Numbers: a cell of an amount or value (td.amount, td.value) or of a numeric CSV
 * column whose text is a plain decimal of at most 15 significant digits
 * is a number, with a number format of its decimals ("0.00"); anything
 * else, and a longer decimal that a double cannot hold, is a string.
 * Strings are always written as strings, so "=1+1" is never a formula.
 * No formulas at all: the sums are the checked model's, exact.
 */
#include "emit/emit_xlsx.h"
#include "platform/platform.h"
#include "emit/emit.h"
#include "emit/emit_rows.h"
#include "model/model.h"

#include "model/ast.h"
#include "model/compilation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xlsxwriter.h>

void
xlsx_fail_text(struct emit_database *d, const char *why)
{
    if (d->failed)
        return;
    d->failed = true;
    snprintf(d->error, sizeof d->error, "%s", why);
}

void
xlsx_fail_code(struct emit_database *d, lxw_error err)
{
    if (err != LXW_NO_ERROR)
        xlsx_fail_text(d, lxw_strerror(err));
}

void
xlsx_fail_nomem(struct emit_database *d)
{
    xlsx_fail_code(d, LXW_ERROR_MEMORY_MALLOC_FAILED);
}

char *
xlsx_dup_span(struct emit_database *d, const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p == NULL) {
        xlsx_fail_nomem(d);
        return NULL;
    }
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* --- formats and numbers ----------------------------------------------------- */

lxw_format *
xlsx_cell_format(struct emit_database *d, unsigned bits, int decimals)
{
    for (size_t i = 0; i < d->format_count; i++)
        if (d->formats[i].bits == bits && d->formats[i].decimals == decimals)
            return d->formats[i].format;
    lxw_format *f = workbook_add_format(d->wb);
    if (f == NULL) {
        xlsx_fail_nomem(d);
        return NULL;
    }
    format_set_font_name(f, "Noto Sans CJK SC");
    if (bits & CF_TITLE) {
        format_set_bold(f);
        format_set_font_size(f, 16);
        format_set_align(f, LXW_ALIGN_CENTER);
    } else if (bits & CF_PLAIN) {
        format_set_align(f, bits & CF_PRIGHT ? LXW_ALIGN_RIGHT : LXW_ALIGN_LEFT);
    } else if (!(bits & CF_DATA)) {
        format_set_border(f, LXW_BORDER_THIN);
        format_set_text_wrap(f);
        format_set_align(f, bits & CF_RIGHT  ? LXW_ALIGN_RIGHT
                            : bits & CF_LEFT ? LXW_ALIGN_LEFT
                                             : LXW_ALIGN_CENTER);
        if (bits & CF_HEAD)
            format_set_bold(f);
        if (bits & CF_COMPUTED)
            format_set_italic(f);
    }
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (decimals >= 0) {
        char num[64];
        size_t n = (size_t)snprintf(num, sizeof num, "%s", bits & CF_COMMAS ? "#,##0" : "0");
        for (int i = 0; i < decimals && n + 2 < sizeof num; i++)
            n += (size_t)snprintf(num + n, sizeof num - n, "%s", i == 0 ? ".0" : "0");
        format_set_num_format(f, num);
    }
    if (d->format_count < XLSX_FORMATS)
        d->formats[d->format_count++] = (struct cell_format){bits, decimals, f};
    return f;
}

/*
 * Whether text is a plain decimal (-?D+(.D+)?, or with thousands
 * separators D{1,3}(,DDD)+) a double holds exactly enough to give back
 * its digits: at most XLSX_DIGITS significant ones.  *decimals gets the
 * number of digits after the point, *commas whether separators were
 * written, *value the number.
 */
static bool
plain_number(const char *text, int *decimals, bool *commas, double *value)
{
    const char *p = text;
    char digits[64];
    size_t n = 0;
    int significant = 0, after = -1, group = 0;
    bool started = false, grouped = false;
    if (*p == '-')
        digits[n++] = *p++;
    if (*p < '0' || *p > '9')
        return false;
    for (; *p != '\0'; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n + 2 >= sizeof digits)
                return false;
            digits[n++] = *p;
            if (*p != '0' || started) {
                started = true;
                significant++;
            }
            if (after >= 0)
                after++;
            else
                group++;
        } else if (*p == ',' && after < 0 && group >= 1 && (grouped ? group == 3 : group <= 3)) {
            grouped = true;
            group = 0;
            if (p[1] < '0' || p[1] > '9')
                return false;
        } else if (*p == '.' && after < 0 && (p[1] >= '0' && p[1] <= '9')) {
            if (grouped && group != 3)
                return false;
            digits[n++] = '.';
            after = 0;
        } else {
            return false;
        }
    }
    if (grouped && after < 0 && group != 3)
        return false;
    if (significant > XLSX_DIGITS)
        return false;
    digits[n] = '\0';
    *decimals = after < 0 ? 0 : after;
    *commas = grouped;
    *value = strtod(digits, NULL);
    return true;
}

/* A cell's text: a number when may_be_number and it is one, else a string. */
void
xlsx_write_cell(struct emit_database *d, lxw_worksheet *ws, unsigned row, unsigned col,
           const char *text, unsigned bits, bool may_be_number)
{
    if (d->failed)
        return;
    int decimals;
    bool commas;
    double value;
    lxw_error err;
    if (text == NULL || text[0] == '\0') {
        lxw_format *f = xlsx_cell_format(d, bits, -1);
        err = bits & (CF_DATA | CF_PLAIN | CF_TITLE) ? LXW_NO_ERROR
                                                     : worksheet_write_blank(ws, row, (lxw_col_t)col, f);
    } else if (may_be_number && plain_number(text, &decimals, &commas, &value)) {
        lxw_format *f = xlsx_cell_format(d, bits | CF_RIGHT | (commas ? CF_COMMAS : 0), decimals);
        err = worksheet_write_number(ws, row, (lxw_col_t)col, value, f);
    } else {
        lxw_format *f = xlsx_cell_format(d, bits, -1);
        err = worksheet_write_string(ws, row, (lxw_col_t)col, text, f);
    }
    xlsx_fail_code(d, err);
}

/* Display width of UTF-8 text's longest line: CJK (three-byte and longer) counts two. */
unsigned
xlsx_text_width(const char *s)
{
    unsigned best = 0, w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if (*p == '\n') {
            best = w > best ? w : best;
            w = 0;
        } else if (*p >= 0xE0) {
            w += 2;
        } else if (*p < 0x80 || *p >= 0xC0) {
            w += 1; /* ASCII, or the lead byte of a two-byte character */
        }
    }
    return w > best ? w : best;
}

/* --- sheet names -------------------------------------------------------------- */

static bool
name_taken(const struct emit_database *d, const char *name)
{
    for (size_t i = 0; i < d->name_count; i++)
        if (strcasecmp(d->names[i], name) == 0)
            return true;
    return false;
}

static void
name_keep(struct emit_database *d, const char *name)
{
    if (d->name_count == d->name_cap) {
        size_t cap = d->name_cap ? 2 * d->name_cap : 16;
        char **n = realloc(d->names, cap * sizeof *n);
        if (n == NULL) {
            xlsx_fail_nomem(d);
            return;
        }
        d->names = n;
        d->name_cap = cap;
    }
    char *copy = xlsx_dup_span(d, name, strlen(name));
    if (copy != NULL)
        d->names[d->name_count++] = copy;
}

/*
 * A sheet name from a table's name (docs/xlsx.md, "Sheet names"): the
 * characters Excel refuses ([ ] : * ? / \) become _, a leading or
 * trailing apostrophe too; at most 31 characters, less a suffix " (N)"
 * that makes it unique (case-insensitively, as Excel compares them);
 * 表 when nothing is left (the sheets are named in the forms' language).
 */
void
xlsx_sheet_name(struct emit_database *d, const struct ast_str *name, char *out, size_t size)
{
    char base[4 * XLSX_NAME_MAX + 1];
    size_t n = 0, chars = 0;
    for (size_t i = 0; name->text != NULL && i < name->len && chars < XLSX_NAME_MAX;) {
        unsigned char c = (unsigned char)name->text[i];
        size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + len > name->len || (len == 4 && chars + 2 > XLSX_NAME_MAX))
            break; /* a character outside the BMP is two of Excel's */
        if (len == 1 && (strchr("[]:*?/\\", c) != NULL || c < 0x20))
            base[n++] = '_';
        else {
            memcpy(base + n, name->text + i, len);
            n += len;
        }
        chars += len == 4 ? 2 : 1;
        i += len;
    }
    if (n > 0 && base[0] == '\'')
        base[0] = '_';
    if (n > 0 && base[n - 1] == '\'')
        base[n - 1] = '_';
    base[n] = '\0';
    if (n == 0)
        snprintf(base, sizeof base, "%s", diag_phrase(DIAG_LANG_ZH, PHRASE_XLSX_SHEET_UNNAMED));
    snprintf(out, size, "%s", base);
    for (unsigned k = 2; name_taken(d, out); k++) {
        char suffix[16];
        int sl = snprintf(suffix, sizeof suffix, " (%u)", k);
        /* Drop whole characters from the end until base and suffix fit in 31. */
        size_t keep = 0, kept_chars = 0;
        for (size_t i = 0; base[i] != '\0';) {
            unsigned char c = (unsigned char)base[i];
            size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            size_t w = len == 4 ? 2 : 1;
            if (kept_chars + w + (size_t)sl > XLSX_NAME_MAX)
                break;
            kept_chars += w;
            i += len;
            keep = i;
        }
        snprintf(out, size, "%.*s%s", (int)keep, base, suffix);
    }
    name_keep(d, out);
}

/* --- the sheets indicators and funds ----------------------------------------------- */

static void
sink_cell(void *ctx, const struct escape_span *spans, size_t count)
{
    struct emit_database *d = ctx;
    struct data_sheet *s = d->sink_sheet;
    size_t len = 0;
    for (size_t i = 0; i < count; i++)
        len += spans[i].len;
    unsigned col = s->col++;
    if (len == 0 || d->failed)
        return;
    if (s->count == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 256;
        struct data_cell *c = realloc(s->cells, cap * sizeof *c);
        if (c == NULL) {
            xlsx_fail_nomem(d);
            return;
        }
        s->cells = c;
        s->cap = cap;
    }
    char *text = malloc(len + 1);
    if (text == NULL) {
        xlsx_fail_nomem(d);
        return;
    }
    len = 0;
    for (size_t i = 0; i < count; i++) {
        memcpy(text + len, spans[i].s, spans[i].len);
        len += spans[i].len;
    }
    text[len] = '\0';
    s->cells[s->count++] = (struct data_cell){s->row, col, text};
}

static void
sink_end_row(void *ctx)
{
    struct emit_database *d = ctx;
    d->sink_sheet->row++;
    d->sink_sheet->col = 0;
}

/* The CSV columns whose fields are decimals when they are filled (docs/csv.md). */
static bool
numeric_column(enum diag_phrase_id id)
{
    static const enum diag_phrase_id numeric[] = {
        PHRASE_CSV_VALUE,    PHRASE_CSV_HIGH,     PHRASE_CSV_WEIGHT,       PHRASE_CSV_LINE,
        PHRASE_CSV_AMOUNT,   PHRASE_CSV_AMOUNT_YUAN, PHRASE_CSV_ADJUSTED,  PHRASE_CSV_EXECUTED,
        PHRASE_CSV_PERIOD,   PHRASE_CSV_RATE,     PHRASE_CSV_RATE_COMPUTED, PHRASE_CSV_SCORE,
        PHRASE_CSV_SCORE_COMPUTED, PHRASE_CSV_ACTUAL_VALUE,
        /* the model sheets' */
        PHRASE_XLSX_COL_YEAR, PHRASE_XLSX_COL_TOTAL_POINTS, PHRASE_XLSX_COL_INDICATORS_WEIGHT,
        PHRASE_XLSX_COL_INDICATORS_SCORE,
    };
    for (size_t i = 0; i < sizeof numeric / sizeof numeric[0]; i++)
        if (numeric[i] == id)
            return true;
    return false;
}

static void
write_data_sheet(struct emit_database *d, struct data_sheet *s, const char *name)
{
    if (d->failed)
        return;
    lxw_worksheet *ws = workbook_add_worksheet(d->wb, name);
    if (ws == NULL) {
        xlsx_fail_nomem(d);
        return;
    }
    size_t ncols = s->column_count;
    lxw_table_column *cols = calloc(ncols, sizeof *cols);
    lxw_table_column **colp = calloc(ncols + 1, sizeof *colp);
    if (cols == NULL || colp == NULL) {
        free(cols);
        free(colp);
        xlsx_fail_nomem(d);
        return;
    }
    unsigned widths[XLSX_MAX_COLS] = {0};
    for (size_t i = 0; i < ncols; i++) {
        cols[i].header = (char *)diag_phrase(DIAG_LANG_EN, s->columns[i]);
        colp[i] = &cols[i];
        if (i < XLSX_MAX_COLS)
            widths[i] = xlsx_text_width(cols[i].header) + 4; /* room for the filter's button */
    }
    for (size_t i = 0; i < s->count && !d->failed; i++) {
        struct data_cell *c = &s->cells[i];
        if (c->col >= ncols)
            continue;
        xlsx_write_cell(d, ws, c->row, c->col, c->text, CF_DATA, numeric_column(s->columns[c->col]));
        unsigned w = xlsx_text_width(c->text) + 1;
        if (c->col < XLSX_MAX_COLS && w > widths[c->col])
            widths[c->col] = w;
    }
    for (size_t i = 0; i < ncols && i < XLSX_MAX_COLS && !d->failed; i++)
        xlsx_fail_code(d, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
                                          widths[i] > 50 ? 50 : widths[i], NULL));
    /* The header row and at least one row, as Excel wants of a table. */
    lxw_table_options opt = {.name = (char *)name, .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
                             .style_type_number = 9, .columns = colp};
    if (!d->failed)
        xlsx_fail_code(d, worksheet_add_table(ws, 0, 0, s->row > 1 ? s->row - 1 : 1,
                                         (lxw_col_t)(ncols - 1), &opt));
    worksheet_freeze_panes(ws, 1, 0);
    free(cols);
    free(colp);
}

/* --- the interface (emit.h) ---------------------------------------------------------- */

static void
database_close(struct emit_database *d)
{
    if (d == NULL)
        return;
    if (d->wb != NULL && !d->written)
        lxw_workbook_free(d->wb); /* nothing to write: freed, no file made */
    for (size_t i = 0; i < d->name_count; i++)
        free(d->names[i]);
    free(d->names);
    for (size_t k = 0; k < 2 + EMIT_MODEL_SHEETS; k++) {
        for (size_t i = 0; i < d->data[k].count; i++)
            free(d->data[k].cells[i].text);
        free(d->data[k].cells);
    }
    free(d->path);
    free(d);
}

static struct emit_database *
database_open(const char *scratch)
{
    struct emit_database *d = calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    d->path = xlsx_dup_span(d, scratch, strlen(scratch));
    if (d->path == NULL) {
        free(d);
        return NULL;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    d->wb = workbook_new_opt(d->path, &opt);
    /* A fixed date of creation, 1980-01-01 (the zip format's first day), not
       now: the same inputs give the same bytes. */
    lxw_doc_properties props = {.created = 315532800};
    if (d->wb == NULL)
        xlsx_fail_nomem(d);
    else
        xlsx_fail_code(d, workbook_set_properties(d->wb, &props));
    d->data[0].columns = emit_csv_indicator_columns(&d->data[0].column_count, true);
    d->data[1].columns = emit_csv_fund_columns(&d->data[1].column_count, true);
    for (size_t k = 0; k < EMIT_MODEL_SHEETS; k++)
        d->data[2 + k].columns = emit_model_columns(k, &d->data[2 + k].column_count);
    for (size_t k = 0; k < 2 + EMIT_MODEL_SHEETS; k++)
        d->data[k].row = 1;
    name_keep(d, "indicators");
    name_keep(d, "funds");
    for (size_t k = 0; k < EMIT_MODEL_SHEETS; k++)
        name_keep(d, emit_model_sheet_name(k));
    return d;
}

static bool
database_add(struct emit_database *d, const struct compilation *c)
{
    if (d->written)
        xlsx_fail_code(d, LXW_ERROR_PARAMETER_VALIDATION); /* the workbook is closed */
    if (d->failed)
        return false;
    xlsx_add_forms(d, c);
    struct emit_row_sink sink = {d, sink_cell, sink_end_row};
    d->sink_sheet = &d->data[0];
    emit_csv_indicator_rows(c, &sink);
    d->sink_sheet = &d->data[1];
    emit_csv_fund_rows(c, &sink);
    for (size_t k = 0; k < EMIT_MODEL_SHEETS; k++) {
        d->sink_sheet = &d->data[2 + k];
        emit_model_rows(c, k, &sink);
    }
    d->sink_sheet = NULL;
    return !d->failed;
}

static bool
database_write(struct emit_database *d, FILE *out)
{
    if (d->written)
        xlsx_fail_code(d, LXW_ERROR_READING_TMPFILE);
    if (d->failed)
        return false;
    write_data_sheet(d, &d->data[0], "indicators");
    write_data_sheet(d, &d->data[1], "funds");
    for (size_t k = 0; k < EMIT_MODEL_SHEETS; k++)
        write_data_sheet(d, &d->data[2 + k], emit_model_sheet_name(k));
    d->written = true;
    lxw_error err = workbook_close(d->wb);
    d->wb = NULL;
    if (d->failed)
        return false;
    if (err != LXW_NO_ERROR) {
        xlsx_fail_code(d, err);
        return false;
    }
    FILE *in = platform_fopen(d->path, "rb");
    if (in == NULL) {
        xlsx_fail_code(d, LXW_ERROR_READING_TMPFILE);
        return false;
    }
    char buf[1 << 15];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out); /* a short write stays in out's error indicator */
    bool ok = !ferror(in);
    fclose(in);
    if (!ok)
        xlsx_fail_code(d, LXW_ERROR_READING_TMPFILE);
    return ok;
}

static const char *
database_error(const struct emit_database *d)
{
    return d->error;
}

static const char *const suffixes[] = {".xlsx", NULL};

const struct emit_database_ops emit_xlsx = {
    .name = "tables.xlsx",
    .scratch = true,
    .failed = PHRASE_XLSX_FAILED,
    .needs_output = PHRASE_XLSX_NEEDS_OUTPUT,
    .names_file = PHRASE_XLSX_OUTPUT_NAMES_XLSX,
    .is_file = PHRASE_XLSX_OUTPUT_IS_FILE,
    .suffixes = suffixes,
    .open = database_open,
    .add = database_add,
    .write = database_write,
    .error = database_error,
    .close = database_close,
};
