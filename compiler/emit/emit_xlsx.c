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
 * A table's sheet is exactly what the HTML shows: the input's page
 * (emit_html, our own well-formed output, whose tags docs/html.md names)
 * is read section by section, and each h1, p and table becomes rows of
 * cells, colspan and rowspan merged cells, th.cont and td.cont joined to
 * the cell above (the merged 一级/二级 cells).  So the extras of the HTML
 * (栏, 实施期指标, 进度, 履职, the self-evaluation) need nothing here.
 * The indicators and funds sheets hold the CSV's rows (emit_rows.h).
 *
 * Numbers: a cell of an amount column (td.amount) or of a numeric CSV
 * column whose text is a plain decimal of at most 15 significant digits
 * is a number, with a number format of its decimals ("0.00"); anything
 * else, and a longer decimal that a double cannot hold, is a string.
 * Strings are always written as strings, so "=1+1" is never a formula.
 * No formulas at all: the sums are the checked model's, exact.
 */
#include "emit/emit.h"
#include "emit/emit_rows.h"
#include "model/model.h"

#include "base/memstream.h"
#include "model/ast.h"
#include "model/compilation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xlsxwriter.h>

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
    struct data_sheet data[2]; /* indicators, funds */
    struct data_sheet *sink_sheet;
    bool activated;
};

static void
fail_text(struct emit_database *d, const char *why)
{
    if (d->failed)
        return;
    d->failed = true;
    snprintf(d->error, sizeof d->error, "%s", why);
}

static void
fail_code(struct emit_database *d, lxw_error err)
{
    if (err != LXW_NO_ERROR)
        fail_text(d, lxw_strerror(err));
}

static void
fail_nomem(struct emit_database *d)
{
    fail_code(d, LXW_ERROR_MEMORY_MALLOC_FAILED);
}

static char *
dup_span(struct emit_database *d, const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p == NULL) {
        fail_nomem(d);
        return NULL;
    }
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* --- formats and numbers ----------------------------------------------------- */

static lxw_format *
cell_format(struct emit_database *d, unsigned bits, int decimals)
{
    for (size_t i = 0; i < d->format_count; i++)
        if (d->formats[i].bits == bits && d->formats[i].decimals == decimals)
            return d->formats[i].format;
    lxw_format *f = workbook_add_format(d->wb);
    if (f == NULL) {
        fail_nomem(d);
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
static void
write_cell(struct emit_database *d, lxw_worksheet *ws, unsigned row, unsigned col,
           const char *text, unsigned bits, bool may_be_number)
{
    if (d->failed)
        return;
    int decimals;
    bool commas;
    double value;
    lxw_error err;
    if (text == NULL || text[0] == '\0') {
        lxw_format *f = cell_format(d, bits, -1);
        err = bits & (CF_DATA | CF_PLAIN | CF_TITLE) ? LXW_NO_ERROR
                                                     : worksheet_write_blank(ws, row, (lxw_col_t)col, f);
    } else if (may_be_number && plain_number(text, &decimals, &commas, &value)) {
        lxw_format *f = cell_format(d, bits | CF_RIGHT | (commas ? CF_COMMAS : 0), decimals);
        err = worksheet_write_number(ws, row, (lxw_col_t)col, value, f);
    } else {
        lxw_format *f = cell_format(d, bits, -1);
        err = worksheet_write_string(ws, row, (lxw_col_t)col, text, f);
    }
    fail_code(d, err);
}

/* Display width of UTF-8 text's longest line: CJK (three-byte and longer) counts two. */
static unsigned
text_width(const char *s)
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
            fail_nomem(d);
            return;
        }
        d->names = n;
        d->name_cap = cap;
    }
    char *copy = dup_span(d, name, strlen(name));
    if (copy != NULL)
        d->names[d->name_count++] = copy;
}

/*
 * A sheet name from a table's name (docs/xlsx.md, "Sheet names"): the
 * characters Excel refuses ([ ] : * ? / \) become _, a leading or
 * trailing apostrophe too; at most 31 characters, less a suffix " (N)"
 * that makes it unique (case-insensitively, as Excel compares them);
 * 表 when nothing is left.
 */
static void
sheet_name(struct emit_database *d, const struct ast_str *name, char *out, size_t size)
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
        snprintf(base, sizeof base, "表");
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

/* --- the page, read back --------------------------------------------------------- */

/* A cell of an HTML table, or a span of a paragraph. */
struct hcell {
    char *text;
    unsigned colspan, rowspan;
    unsigned bits;
    bool amount, cont, head_row;
    unsigned row, col; /* placed */
    bool dropped;      /* joined to the cell above */
};

/* A block of a section: its title, a paragraph or a table. */
enum block_kind { BLOCK_TITLE, BLOCK_PARA, BLOCK_TABLE };

struct block {
    enum block_kind kind;
    struct hcell *cells;
    size_t count, cap;
    unsigned rows, cols;
    int head_first, head_last; /* thead rows, -1: none */
};

struct section {
    struct block *blocks;
    size_t count, cap;
    bool wide;
};

/* Text being gathered: a growable buffer. */
struct text {
    char *s;
    size_t len, cap;
};

static void
text_add(struct emit_database *d, struct text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 64;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->s, cap);
        if (p == NULL) {
            fail_nomem(d);
            return;
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

/* Appends the text between tags, its character references resolved. */
static void
text_add_html(struct emit_database *d, struct text *t, const char *s, size_t n)
{
    static const struct {
        const char *name;
        const char *text;
    } refs[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
                {"&#x27;", "'"}, {"&nbsp;", " "}};
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '&')
            continue;
        for (size_t k = 0; k < sizeof refs / sizeof refs[0]; k++) {
            size_t len = strlen(refs[k].name);
            if (i + len <= n && memcmp(s + i, refs[k].name, len) == 0) {
                text_add(d, t, s + run, i - run);
                text_add(d, t, refs[k].text, strlen(refs[k].text));
                run = i + len;
                i += len - 1;
                break;
            }
        }
    }
    text_add(d, t, s + run, n - run);
}

static struct block *
section_block(struct emit_database *d, struct section *sec, enum block_kind kind)
{
    if (sec->count == sec->cap) {
        size_t cap = sec->cap ? 2 * sec->cap : 8;
        struct block *b = realloc(sec->blocks, cap * sizeof *b);
        if (b == NULL) {
            fail_nomem(d);
            return NULL;
        }
        sec->blocks = b;
        sec->cap = cap;
    }
    struct block *b = &sec->blocks[sec->count++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->head_first = b->head_last = -1;
    return b;
}

static struct hcell *
block_cell(struct emit_database *d, struct block *b)
{
    if (b->count == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 16;
        struct hcell *c = realloc(b->cells, cap * sizeof *c);
        if (c == NULL) {
            fail_nomem(d);
            return NULL;
        }
        b->cells = c;
        b->cap = cap;
    }
    struct hcell *c = &b->cells[b->count++];
    memset(c, 0, sizeof *c);
    c->colspan = c->rowspan = 1;
    return c;
}

static void
section_free(struct section *sec)
{
    for (size_t i = 0; i < sec->count; i++) {
        for (size_t k = 0; k < sec->blocks[i].count; k++)
            free(sec->blocks[i].cells[k].text);
        free(sec->blocks[i].cells);
    }
    free(sec->blocks);
    memset(sec, 0, sizeof *sec);
}

/* The value of attribute name in a tag's text, or NULL; *len its length. */
static const char *
attribute(const char *tag, size_t n, const char *name, size_t *len)
{
    size_t k = strlen(name);
    for (size_t i = 0; i + k + 2 <= n; i++)
        if (tag[i] == ' ' && memcmp(tag + i + 1, name, k) == 0 && tag[i + 1 + k] == '=' &&
            tag[i + 2 + k] == '"') {
            const char *v = tag + i + 3 + k;
            const char *end = memchr(v, '"', n - (size_t)(v - tag));
            if (end == NULL)
                return NULL;
            *len = (size_t)(end - v);
            return v;
        }
    return NULL;
}

/* Whether a class attribute holds word. */
static bool
has_class(const char *tag, size_t n, const char *word)
{
    size_t len;
    const char *v = attribute(tag, n, "class", &len);
    size_t k = strlen(word);
    for (size_t i = 0; v != NULL && i + k <= len; i++)
        if ((i == 0 || v[i - 1] == ' ') && memcmp(v + i, word, k) == 0 &&
            (i + k == len || v[i + k] == ' '))
            return true;
    return false;
}

static unsigned
span_attribute(const char *tag, size_t n, const char *name)
{
    size_t len;
    const char *v = attribute(tag, n, name, &len);
    unsigned x = 0;
    for (size_t i = 0; v != NULL && i < len && v[i] >= '0' && v[i] <= '9' && x < 100000; i++)
        x = 10 * x + (unsigned)(v[i] - '0');
    return x > 0 ? x : 1;
}

static bool
tag_is(const char *tag, size_t n, const char *name)
{
    size_t k = strlen(name);
    return n >= k && memcmp(tag, name, k) == 0 && (n == k || tag[k] == ' ' || tag[k] == '/');
}

/* --- laying out a section --------------------------------------------------------- */

/* Places a table's cells on a grid (HTML's table algorithm), then joins each .cont to the cell above. */
static void
place_table(struct emit_database *d, struct block *b, unsigned *row_of_cell)
{
    /* occupied[r * width + c]: index + 1 of the cell covering it */
    unsigned width = 0;
    for (size_t i = 0; i < b->count; i++) {
        unsigned w = 0;
        for (size_t k = i; k < b->count && row_of_cell[k] == row_of_cell[i]; k++)
            w += b->cells[k].colspan;
        width = w > width ? w : width;
    }
    unsigned rows = b->count > 0 ? row_of_cell[b->count - 1] + 1 : 0;
    for (size_t i = 0; i < b->count; i++)
        if (row_of_cell[i] + b->cells[i].rowspan > rows)
            rows = row_of_cell[i] + b->cells[i].rowspan;
    width += 1;
    size_t area = (size_t)rows * width * 2; /* rowspans may push cells right: room to spare */
    size_t *occ = calloc(area > 0 ? area : 1, sizeof *occ);
    if (occ == NULL) {
        fail_nomem(d);
        return;
    }
    size_t gw = 2 * width;
    unsigned cols = 0;
    for (size_t i = 0; i < b->count; i++) {
        struct hcell *c = &b->cells[i];
        unsigned r = row_of_cell[i], col = 0;
        if (i > 0 && row_of_cell[i - 1] == r)
            col = b->cells[i - 1].col + b->cells[i - 1].colspan;
        while (col < gw && occ[(size_t)r * gw + col] != 0)
            col++;
        if (col + c->colspan > gw)
            c->colspan = col < gw ? (unsigned)(gw - col) : 1;
        c->row = r;
        c->col = col;
        for (unsigned y = r; y < r + c->rowspan && y < rows; y++)
            for (unsigned x = col; x < col + c->colspan && x < gw; x++)
                occ[(size_t)y * gw + x] = i + 1;
        if (col + c->colspan > cols)
            cols = col + c->colspan;
        if (c->cont && r > 0 && col < gw) {
            size_t above = occ[(size_t)(r - 1) * gw + col];
            struct hcell *a = above != 0 ? &b->cells[above - 1] : NULL;
            if (a != NULL && a->col == col && a->colspan == c->colspan &&
                a->row + a->rowspan == r) {
                a->rowspan += c->rowspan;
                c->dropped = true;
                for (unsigned y = r; y < r + c->rowspan && y < rows; y++)
                    for (unsigned x = col; x < col + c->colspan; x++)
                        occ[(size_t)y * gw + x] = above;
            }
        }
    }
    free(occ);
    b->rows = rows;
    b->cols = cols;
}

/* Writes a cell, merged over its span when it has one. */
static void
put(struct emit_database *d, lxw_worksheet *ws, unsigned row, unsigned col, unsigned rows,
    unsigned cols, const char *text, unsigned bits, bool may_be_number)
{
    if (d->failed)
        return;
    if (rows > 1 || cols > 1) {
        lxw_format *f = cell_format(d, bits, -1);
        fail_code(d, worksheet_merge_range(ws, row, (lxw_col_t)col, row + rows - 1,
                                           (lxw_col_t)(col + cols - 1), "", f));
    }
    write_cell(d, ws, row, col, text, bits, may_be_number);
}

static void
write_section(struct emit_database *d, struct section *sec, lxw_worksheet *ws)
{
    unsigned cols = 1;
    for (size_t i = 0; i < sec->count; i++)
        if (sec->blocks[i].kind == BLOCK_TABLE && sec->blocks[i].cols > cols)
            cols = sec->blocks[i].cols;
    unsigned width[XLSX_MAX_COLS] = {0};
    unsigned row = 0;
    int head_first = -1, head_last = -1;
    for (size_t i = 0; i < sec->count && !d->failed; i++) {
        struct block *b = &sec->blocks[i];
        switch (b->kind) {
        case BLOCK_TITLE:
            if (b->count > 0) {
                put(d, ws, row, 0, 1, cols, b->cells[0].text, CF_TITLE, false);
                fail_code(d, worksheet_set_row(ws, row, 30, NULL));
            }
            row++;
            break;
        case BLOCK_PARA:
            /* Spans side by side: the first on the left, the last on the right. */
            for (size_t k = 0; k < b->count; k++) {
                unsigned from = (unsigned)(k * cols / b->count);
                unsigned to = (unsigned)((k + 1) * cols / b->count);
                if (to <= from)
                    to = from + 1;
                unsigned bits = CF_PLAIN | (k > 0 && k + 1 == b->count ? CF_PRIGHT : 0);
                put(d, ws, row, from, 1, to - from, b->cells[k].text, bits, false);
            }
            row++;
            break;
        case BLOCK_TABLE:
            for (size_t k = 0; k < b->count; k++) {
                struct hcell *c = &b->cells[k];
                if (c->dropped)
                    continue;
                put(d, ws, row + c->row, c->col, c->rowspan, c->colspan, c->text, c->bits,
                    c->amount);
                if (c->colspan == 1 && c->col < XLSX_MAX_COLS && c->text != NULL) {
                    unsigned w = text_width(c->text);
                    width[c->col] = w > width[c->col] ? w : width[c->col];
                }
            }
            if (b->head_first >= 0 && head_first < 0) {
                head_first = (int)row + b->head_first;
                head_last = (int)row + b->head_last;
            }
            row += b->rows;
            break;
        }
    }
    /* Widths that fit the text, CJK counted two: between 6 and 40, wrapped beyond. */
    for (unsigned c = 0; c < cols && c < XLSX_MAX_COLS && !d->failed; c++) {
        unsigned w = width[c] + 2;
        w = w < 6 ? 6 : w > 40 ? 40 : w;
        fail_code(d, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
    }
    /* A4, across by the number of columns, one page wide, the header rows on each page. */
    worksheet_set_paper(ws, 9);
    if (sec->wide || cols > 9)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    if (head_first >= 0)
        fail_code(d, worksheet_repeat_rows(ws, (lxw_row_t)head_first, (lxw_row_t)head_last));
}

/*
 * Reads the page emit_html wrote for an input and makes a sheet of each
 * section, named after tables[i], the i-th table in source order.
 */
static void
read_page(struct emit_database *d, const char *html, size_t len,
          const struct ast_node *const *tables, size_t table_count)
{
    struct section sec = {0};
    struct block *blk = NULL;   /* the table or paragraph being read */
    struct hcell *cell = NULL;  /* the cell, span or title being read */
    struct text text = {0};
    unsigned *row_of = NULL;    /* per cell of the table being read: its row */
    size_t row_cap = 0;
    unsigned row = 0;
    bool in_section = false, in_head = false, row_open = false;
    int skip = 0; /* inside head, style, title, figure or svg */
    size_t section_index = 0;
    const char *p = html, *end = html + len;
    while (p < end && !d->failed) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        const char *stop = lt != NULL ? lt : end;
        if (cell != NULL && skip == 0)
            text_add_html(d, &text, p, (size_t)(stop - p));
        if (lt == NULL)
            break;
        const char *gt = memchr(lt, '>', (size_t)(end - lt));
        if (gt == NULL)
            break;
        const char *tag = lt + 1;
        size_t n = (size_t)(gt - tag);
        p = gt + 1;
        bool closing = n > 0 && tag[0] == '/';
        if (closing) {
            tag++;
            n--;
        }
        if (tag_is(tag, n, "head") || tag_is(tag, n, "figure") || tag_is(tag, n, "style") ||
            tag_is(tag, n, "svg")) {
            skip += closing ? -1 : 1;
            continue;
        }
        if (skip > 0)
            continue;
        if (tag_is(tag, n, "section")) {
            if (!closing) {
                in_section = true;
                sec.wide = has_class(tag, n, "wide");
                continue;
            }
            const struct ast_str *name =
                section_index < table_count ? &tables[section_index]->u.decl.name : NULL;
            struct ast_str none = {0};
            char sname[4 * XLSX_NAME_MAX + 16];
            sheet_name(d, name != NULL ? name : &none, sname, sizeof sname);
            lxw_worksheet *ws = d->failed ? NULL : workbook_add_worksheet(d->wb, sname);
            if (ws == NULL)
                fail_text(d, lxw_strerror(LXW_ERROR_SHEETNAME_ALREADY_USED));
            else {
                if (!d->activated)
                    worksheet_activate(ws);
                d->activated = true;
                write_section(d, &sec, ws);
            }
            section_free(&sec);
            section_index++;
            in_section = false;
        } else if (!in_section) {
            continue;
        } else if (tag_is(tag, n, "h1") || tag_is(tag, n, "p")) {
            if (!closing) {
                blk = section_block(d, &sec, tag_is(tag, n, "h1") ? BLOCK_TITLE : BLOCK_PARA);
                if (blk != NULL && blk->kind == BLOCK_TITLE)
                    cell = block_cell(d, blk);
            } else {
                if (cell != NULL && blk != NULL && blk->kind == BLOCK_TITLE) {
                    cell->text = text.s;
                    text = (struct text){0};
                }
                blk = NULL;
                cell = NULL;
            }
        } else if (tag_is(tag, n, "span") && blk != NULL && blk->kind == BLOCK_PARA) {
            /* A paragraph's spans are its pieces; a span inside one is text. */
            if (!closing && cell == NULL)
                cell = block_cell(d, blk);
            else if (closing && cell != NULL) {
                cell->text = text.s;
                text = (struct text){0};
                cell = NULL;
            }
        } else if (tag_is(tag, n, "table")) {
            if (!closing) {
                blk = section_block(d, &sec, BLOCK_TABLE);
                row = 0;
                row_open = false;
            } else if (blk != NULL) {
                place_table(d, blk, row_of);
                blk = NULL;
            }
        } else if (tag_is(tag, n, "thead")) {
            in_head = !closing;
        } else if (tag_is(tag, n, "tr") && blk != NULL) {
            if (closing) {
                row += row_open;
                row_open = false;
            } else {
                row_open = true;
                if (in_head && blk->head_first < 0)
                    blk->head_first = (int)row;
                if (in_head)
                    blk->head_last = (int)row;
            }
        } else if ((tag_is(tag, n, "th") || tag_is(tag, n, "td")) && blk != NULL &&
                   blk->kind == BLOCK_TABLE) {
            if (!closing) {
                cell = block_cell(d, blk);
                if (cell == NULL)
                    continue;
                if (blk->count > row_cap) {
                    size_t cap = row_cap ? 2 * row_cap : 64;
                    unsigned *r = realloc(row_of, cap * sizeof *r);
                    if (r == NULL) {
                        fail_nomem(d);
                        continue;
                    }
                    row_of = r;
                    row_cap = cap;
                }
                row_of[blk->count - 1] = row;
                cell->colspan = span_attribute(tag, n, "colspan");
                cell->rowspan = span_attribute(tag, n, "rowspan");
                cell->cont = has_class(tag, n, "cont");
                cell->amount = has_class(tag, n, "amount");
                bool th = tag[1] == 'h';
                bool head = th && !has_class(tag, n, "l1") && !has_class(tag, n, "l2");
                cell->bits = (head || in_head ? CF_HEAD : 0) |
                             (has_class(tag, n, "text") ? CF_LEFT : 0);
            } else if (cell != NULL) {
                cell->text = text.s;
                text = (struct text){0};
                cell = NULL;
            }
        } else if (tag_is(tag, n, "br") && cell != NULL) {
            text_add(d, &text, "\n", 1);
        } else if (tag_is(tag, n, "span") && !closing && cell != NULL && has_class(tag, n, "pts")) {
            text_add(d, &text, "\n", 1); /* a block of its own below the category's name */
        }
    }
    free(text.s);
    free(row_of);
    section_free(&sec);
}

struct table_list {
    struct emit_database *d;
    const struct ast_node **tables;
    size_t count, cap;
};

static void
list_table(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    (void)parent;
    struct table_list *l = ctx;
    if (l->count == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        const struct ast_node **t = realloc(l->tables, cap * sizeof *t);
        if (t == NULL) {
            fail_nomem(l->d);
            return;
        }
        l->tables = t;
        l->cap = cap;
    }
    l->tables[l->count++] = table;
}

static void
add_forms(struct emit_database *d, const struct compilation *c)
{
    char *html = NULL;
    size_t len = 0;
    FILE *m = memstream_open(&html, &len);
    if (m == NULL) {
        fail_nomem(d);
        return;
    }
    static const struct emit_options none;
    emit_html(c, m, &none);
    bool ok = !ferror(m);
    ok = fclose(m) == 0 && ok;
    struct table_list l = {d, NULL, 0, 0};
    model_each_table(c, list_table, &l);
    if (!ok)
        fail_nomem(d);
    else
        read_page(d, html, len, l.tables, l.count);
    free(l.tables);
    free(html);
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
            fail_nomem(d);
            return;
        }
        s->cells = c;
        s->cap = cap;
    }
    char *text = malloc(len + 1);
    if (text == NULL) {
        fail_nomem(d);
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
        fail_nomem(d);
        return;
    }
    size_t ncols = s->column_count;
    lxw_table_column *cols = calloc(ncols, sizeof *cols);
    lxw_table_column **colp = calloc(ncols + 1, sizeof *colp);
    if (cols == NULL || colp == NULL) {
        free(cols);
        free(colp);
        fail_nomem(d);
        return;
    }
    unsigned widths[XLSX_MAX_COLS] = {0};
    for (size_t i = 0; i < ncols; i++) {
        cols[i].header = (char *)diag_phrase(DIAG_LANG_EN, s->columns[i]);
        colp[i] = &cols[i];
        if (i < XLSX_MAX_COLS)
            widths[i] = text_width(cols[i].header) + 4; /* room for the filter's button */
    }
    for (size_t i = 0; i < s->count && !d->failed; i++) {
        struct data_cell *c = &s->cells[i];
        if (c->col >= ncols)
            continue;
        write_cell(d, ws, c->row, c->col, c->text, CF_DATA, numeric_column(s->columns[c->col]));
        unsigned w = text_width(c->text) + 1;
        if (c->col < XLSX_MAX_COLS && w > widths[c->col])
            widths[c->col] = w;
    }
    for (size_t i = 0; i < ncols && i < XLSX_MAX_COLS && !d->failed; i++)
        fail_code(d, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
                                          widths[i] > 50 ? 50 : widths[i], NULL));
    /* The header row and at least one row, as Excel wants of a table. */
    lxw_table_options opt = {.name = (char *)name, .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
                             .style_type_number = 9, .columns = colp};
    if (!d->failed)
        fail_code(d, worksheet_add_table(ws, 0, 0, s->row > 1 ? s->row - 1 : 1,
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
    if (d->wb != NULL && !d->written) {
        /* Nothing to write: close on the scratch file all the same, to free it. */
        workbook_close(d->wb);
    }
    for (size_t i = 0; i < d->name_count; i++)
        free(d->names[i]);
    free(d->names);
    for (int k = 0; k < 2; k++) {
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
    d->path = dup_span(d, scratch, strlen(scratch));
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
        fail_nomem(d);
    else
        fail_code(d, workbook_set_properties(d->wb, &props));
    d->data[0].columns = emit_csv_indicator_columns(&d->data[0].column_count);
    d->data[1].columns = emit_csv_fund_columns(&d->data[1].column_count);
    d->data[0].row = d->data[1].row = 1;
    name_keep(d, "indicators");
    name_keep(d, "funds");
    return d;
}

static bool
database_add(struct emit_database *d, const struct compilation *c)
{
    if (d->written)
        fail_code(d, LXW_ERROR_PARAMETER_VALIDATION); /* the workbook is closed */
    if (d->failed)
        return false;
    add_forms(d, c);
    struct emit_row_sink sink = {d, sink_cell, sink_end_row};
    d->sink_sheet = &d->data[0];
    emit_csv_indicator_rows(c, &sink);
    d->sink_sheet = &d->data[1];
    emit_csv_fund_rows(c, &sink);
    d->sink_sheet = NULL;
    return !d->failed;
}

static bool
database_write(struct emit_database *d, FILE *out)
{
    if (d->written)
        fail_code(d, LXW_ERROR_READING_TMPFILE);
    if (d->failed)
        return false;
    write_data_sheet(d, &d->data[0], "indicators");
    write_data_sheet(d, &d->data[1], "funds");
    d->written = true;
    lxw_error err = workbook_close(d->wb);
    d->wb = NULL;
    if (d->failed)
        return false;
    if (err != LXW_NO_ERROR) {
        fail_code(d, err);
        return false;
    }
    FILE *in = fopen(d->path, "rb");
    if (in == NULL) {
        fail_code(d, LXW_ERROR_READING_TMPFILE);
        return false;
    }
    char buf[1 << 15];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out); /* a short write stays in out's error indicator */
    bool ok = !ferror(in);
    fclose(in);
    if (!ok)
        fail_code(d, LXW_ERROR_READING_TMPFILE);
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
    .suffixes = suffixes,
    .open = database_open,
    .add = database_add,
    .write = database_write,
    .error = database_error,
    .close = database_close,
};
