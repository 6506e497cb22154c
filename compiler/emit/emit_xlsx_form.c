/*
 * emit_xlsx_form.c - the XLSX back end's form sheets: a sheet per table in
 * the official layout, exactly what the HTML shows (docs/xlsx.md).
 *
 * The input's page (emit_html: our own well-formed output, whose tags and
 * classes docs/html.md names) is read section by section; each h1, p and
 * table becomes rows of cells.  A table is placed on a grid as HTML does
 * (colspan, rowspan: merged cells), and a th.cont or td.cont (a category's
 * continuation rows) is joined to the cell above, so 一级/二级 cells are
 * merged down their rows.  A paragraph's spans sit side by side, the first
 * on the left and the last on the right (填报单位 … 单位：万元).  head,
 * style, figure and svg are skipped.  So everything the HTML prints (栏,
 * 实施期指标, 进度, 履职, the self-evaluation) needs nothing here.
 * Sections come in source order, as model_each_table gives the tables, so
 * the i-th section is named after the i-th table.
 */
#include "emit/emit_xlsx.h"
#include "emit/emit.h"
#include "model/model.h"

#include "platform/platform.h"
#include "model/ast.h"
#include "model/compilation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
            xlsx_fail_nomem(d);
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
            xlsx_fail_nomem(d);
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
            xlsx_fail_nomem(d);
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
        xlsx_fail_nomem(d);
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
        lxw_format *f = xlsx_cell_format(d, bits, -1);
        xlsx_fail_code(d, worksheet_merge_range(ws, row, (lxw_col_t)col, row + rows - 1,
                                           (lxw_col_t)(col + cols - 1), "", f));
    }
    xlsx_write_cell(d, ws, row, col, text, bits, may_be_number);
}

/* Lines text takes in a cell avail characters wide, wrapped (CJK counted two). */
static unsigned
lines_in(const char *text, unsigned avail)
{
    unsigned lines = 0;
    if (avail == 0)
        avail = 1;
    for (const char *p = text; p != NULL; ) {
        const char *nl = strchr(p, '\n');
        size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
        char line[1024];
        size_t k = n < sizeof line - 1 ? n : sizeof line - 1;
        memcpy(line, p, k);
        line[k] = '\0';
        unsigned w = xlsx_text_width(line);
        if (n > k)
            w += (unsigned)(n - k); /* a very long line: enough for its height */
        lines += w == 0 ? 1 : (w + avail - 1) / avail;
        p = nl != NULL ? nl + 1 : NULL;
    }
    return lines;
}

/* The rows a block takes. */
static unsigned
block_rows(const struct block *b)
{
    return b->kind == BLOCK_TABLE ? b->rows : 1;
}

enum {
    XLSX_LINE_HEIGHT = 16, /* points a line of 11-point CJK text takes */
    XLSX_PORTRAIT = 95,    /* characters across A4 upright, less the margins */
    XLSX_LANDSCAPE = 140,  /* and across */
};

static void
write_section(struct emit_database *d, struct section *sec, lxw_worksheet *ws)
{
    unsigned cols = 1, rows = 0;
    for (size_t i = 0; i < sec->count; i++) {
        if (sec->blocks[i].kind == BLOCK_TABLE && sec->blocks[i].cols > cols)
            cols = sec->blocks[i].cols;
        rows += block_rows(&sec->blocks[i]);
    }
    bool landscape = sec->wide || cols > 9;
    /* Widths that fit the text of one-column cells, CJK counted two, at least 6
       and at most 40; narrowed together to the page's width, the text wrapped. */
    double width[XLSX_MAX_COLS] = {0};
    for (size_t i = 0; i < sec->count; i++)
        for (size_t k = 0; sec->blocks[i].kind == BLOCK_TABLE && k < sec->blocks[i].count; k++) {
            const struct hcell *c = &sec->blocks[i].cells[k];
            if (!c->dropped && c->colspan == 1 && c->col < XLSX_MAX_COLS && c->text != NULL) {
                double w = 0; /* its longest line */
                for (const char *p = c->text; p != NULL;) {
                    const char *nl = strchr(p, '\n');
                    size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
                    char line[256];
                    size_t m = n < sizeof line - 1 ? n : sizeof line - 1;
                    memcpy(line, p, m);
                    line[m] = '\0';
                    double lw = xlsx_text_width(line);
                    w = lw > w ? lw : w;
                    p = nl != NULL ? nl + 1 : NULL;
                }
                width[c->col] = w > width[c->col] ? w : width[c->col];
            }
        }
    unsigned ncols = cols < XLSX_MAX_COLS ? cols : XLSX_MAX_COLS;
    double total = 0, page = landscape ? XLSX_LANDSCAPE : XLSX_PORTRAIT;
    for (unsigned c = 0; c < ncols; c++) {
        width[c] += 2;
        width[c] = width[c] < 6 ? 6 : width[c] > 40 ? 40 : width[c];
        total += width[c];
    }
    for (unsigned c = 0; c < ncols && total > page; c++) {
        width[c] = (double)(unsigned)(width[c] * page / total);
        width[c] = width[c] < 6 ? 6 : width[c];
    }
    for (unsigned c = 0; c < ncols && !d->failed; c++)
        xlsx_fail_code(d, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL));
    unsigned *lines = calloc(rows > 0 ? rows : 1, sizeof *lines);
    if (lines == NULL) {
        xlsx_fail_nomem(d);
        return;
    }
    unsigned row = 0;
    int head_first = -1, head_last = -1;
    for (size_t i = 0; i < sec->count && !d->failed; i++) {
        struct block *b = &sec->blocks[i];
        switch (b->kind) {
        case BLOCK_TITLE:
            if (b->count > 0) {
                put(d, ws, row, 0, 1, cols, b->cells[0].text, CF_TITLE, false);
                lines[row] = 2; /* a 16-point title */
            }
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
            lines[row] = 1;
            break;
        case BLOCK_TABLE:
            for (size_t k = 0; k < b->count; k++) {
                struct hcell *c = &b->cells[k];
                if (c->dropped)
                    continue;
                put(d, ws, row + c->row, c->col, c->rowspan, c->colspan, c->text, c->bits,
                    c->amount);
                double avail = 0;
                for (unsigned x = c->col; x < c->col + c->colspan && x < ncols; x++)
                    avail += width[x];
                unsigned need = c->text != NULL ? lines_in(c->text, (unsigned)avail - 1) : 1;
                need = (need + c->rowspan - 1) / c->rowspan; /* shared by its rows */
                for (unsigned y = row + c->row; y < row + c->row + c->rowspan && y < rows; y++)
                    lines[y] = need > lines[y] ? need : lines[y];
            }
            if (b->head_first >= 0 && head_first < 0) {
                head_first = (int)row + b->head_first;
                head_last = (int)row + b->head_last;
            }
            break;
        }
        row += block_rows(b);
    }
    /* Row heights for the wrapped text: spreadsheets do not grow rows of merged cells. */
    for (unsigned r = 0; r < rows && !d->failed; r++)
        if (lines[r] > 1)
            xlsx_fail_code(d, worksheet_set_row(ws, r, (double)(lines[r] * XLSX_LINE_HEIGHT + 2),
                                                NULL));
    free(lines);
    /* A4, across by the number of columns, one page wide, the header rows on each page. */
    worksheet_set_paper(ws, 9);
    if (landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    if (head_first >= 0)
        xlsx_fail_code(d, worksheet_repeat_rows(ws, (lxw_row_t)head_first, (lxw_row_t)head_last));
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
    bool in_section = false, in_head = false, row_open = false, piece_closed = false;
    unsigned span_depth = 0; /* in a paragraph */
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
            xlsx_sheet_name(d, name != NULL ? name : &none, sname, sizeof sname);
            lxw_worksheet *ws = d->failed ? NULL : workbook_add_worksheet(d->wb, sname);
            if (ws == NULL)
                xlsx_fail_text(d, lxw_strerror(LXW_ERROR_SHEETNAME_ALREADY_USED));
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
                span_depth = 0;
                piece_closed = false;
            } else {
                if (cell != NULL) {
                    cell->text = text.s;
                    text = (struct text){0};
                }
                blk = NULL;
                cell = NULL;
            }
        } else if (tag_is(tag, n, "span") && blk != NULL && blk->kind == BLOCK_PARA) {
            /* A paragraph's spans are its pieces; text after one, and a span
               inside one, belong to it (the legend: <span>…</span>为计算值…). */
            if (!closing && span_depth++ == 0 && (cell == NULL || piece_closed)) {
                if (cell != NULL) {
                    cell->text = text.s;
                    text = (struct text){0};
                }
                cell = block_cell(d, blk);
                piece_closed = false;
            } else if (closing && span_depth > 0 && --span_depth == 0) {
                piece_closed = true;
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
                        xlsx_fail_nomem(d);
                        continue;
                    }
                    row_of = r;
                    row_cap = cap;
                }
                row_of[blk->count - 1] = row;
                cell->colspan = span_attribute(tag, n, "colspan");
                cell->rowspan = span_attribute(tag, n, "rowspan");
                cell->cont = has_class(tag, n, "cont");
                cell->amount = has_class(tag, n, "amount") || has_class(tag, n, "value");
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
        } else if (tag_is(tag, n, "span") && !closing && cell != NULL &&
                   has_class(tag, n, "computed") && blk != NULL && blk->kind == BLOCK_TABLE) {
            cell->bits |= CF_COMPUTED; /* HTML's dotted underline: italics */
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
            xlsx_fail_nomem(l->d);
            return;
        }
        l->tables = t;
        l->cap = cap;
    }
    l->tables[l->count++] = table;
}

void
xlsx_add_forms(struct emit_database *d, const struct compilation *c)
{
    char *html = NULL;
    size_t len = 0;
    FILE *m = platform_memstream_open(&html, &len);
    if (m == NULL) {
        xlsx_fail_nomem(d);
        return;
    }
    static const struct emit_options none;
    emit_html(c, m, &none);
    bool ok = !ferror(m);
    ok = platform_memstream_close(m) == 0 && ok;
    struct table_list l = {d, NULL, 0, 0};
    model_each_table(c, list_table, &l);
    if (!ok)
        xlsx_fail_nomem(d);
    else
        read_page(d, html, len, l.tables, l.count);
    free(l.tables);
    free(html);
}

