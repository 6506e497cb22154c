/*
 * import_xlsx.c - the .xlsx container, read for goalc import: the one
 * module that sees libzip (the zip archive) and expat (its XML parts).
 *
 * Reads xl/workbook.xml (the sheets' names, in order), its relationships
 * (which part holds which sheet), xl/sharedStrings.xml and each sheet's
 * cells and merged ranges, and hands every sheet as an import_grid to
 * import_sheet.c.  Cell values are their text as stored: a shared or
 * inline string, or a number (printed with %.15g, so 63008.58 stays
 * 63008.58 however the writer rounded it); styles are not read.
 *
 * Hostile input is bounded: every part is unpacked only up to
 * IMPORT_XLSX_MAX_PART bytes, and all parts together up to
 * IMPORT_XLSX_MAX_TOTAL, counting the bytes inflated rather than the sizes
 * the archive claims (E0033, zip bombs); a part with a DTD is refused
 * before any entity is expanded (E0035); a sheet is at most
 * IMPORT_XLSX_MAX_ROWS rows by IMPORT_XLSX_MAX_COLS columns (E0037).
 * Why libzip and expat: docs/import.md.
 */
#include "front/import.h"

#include "base/arena.h"
#include "diag/diag.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define IMPORT_XLSX_MAX_PART ((zip_uint64_t)64 << 20)
#define IMPORT_XLSX_MAX_TOTAL ((zip_uint64_t)256 << 20)
#define IMPORT_XLSX_MAX_ROWS 10000
#define IMPORT_XLSX_MAX_COLS 256

struct book {
    struct import_doc *doc;
    struct diag_sink *diags;
    zip_t *zip;
    zip_uint64_t unpacked; /* bytes inflated so far, all parts */
    const char **strings;  /* the shared strings */
    size_t string_count, string_cap;
};

/* The part's bytes (NUL-terminated), NULL when absent (*missing) or unreadable (reported). */
static char *
read_part(struct book *b, const char *name, size_t *len, bool *missing)
{
    *missing = false;
    zip_int64_t index = zip_name_locate(b->zip, name, ZIP_FL_NOCASE);
    if (index < 0) {
        *missing = true;
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(b->zip, (zip_uint64_t)index, 0);
    if (f == NULL) {
        diag_report(b->diags, DIAG_IMPORT_BROKEN_ZIP, (struct diag_loc){0}, b->doc->file, name,
                    zip_strerror(b->zip));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = arena_alloc_sized(b->doc->arena, cap + 1);
    for (;;) {
        if (n == cap) {
            buf = arena_realloc_sized(b->doc->arena, buf, cap * 2 + 1);
            cap *= 2;
        }
        zip_int64_t got = zip_fread(f, buf + n, cap - n);
        if (got < 0) {
            diag_report(b->diags, DIAG_IMPORT_BROKEN_ZIP, (struct diag_loc){0}, b->doc->file,
                        name, zip_file_strerror(f));
            zip_fclose(f);
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        b->unpacked += (zip_uint64_t)got;
        if (n > IMPORT_XLSX_MAX_PART || b->unpacked > IMPORT_XLSX_MAX_TOTAL) {
            char limit[32];
            snprintf(limit, sizeof limit, "%llu",
                     (unsigned long long)(n > IMPORT_XLSX_MAX_PART ? IMPORT_XLSX_MAX_PART
                                                                   : IMPORT_XLSX_MAX_TOTAL));
            diag_report(b->diags, DIAG_IMPORT_TOO_LARGE, (struct diag_loc){0}, b->doc->file,
                        name, limit);
            zip_fclose(f);
            return NULL;
        }
    }
    zip_fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* --- XML through expat ------------------------------------------------------ */

enum part_kind { PART_WORKBOOK, PART_RELS, PART_STRINGS, PART_SHEET };

struct sheet_ref {
    const char *name, *rid, *target;
};

struct xml_state {
    struct book *b;
    XML_Parser parser;
    enum part_kind kind;
    bool dtd;
    /* text being gathered (<v>, <t>) */
    char *text;
    size_t text_len, text_cap;
    bool in_text, in_phonetic;
    /* workbook and rels */
    struct sheet_ref *sheets;
    size_t sheet_count, sheet_cap;
    /* sheet */
    struct cell {
        unsigned row, col;
        const char *text;
    } *cells;
    size_t cell_count, cell_cap;
    struct merge {
        unsigned r0, c0, r1, c1;
    } *merges;
    size_t merge_count, merge_cap;
    unsigned row, col, max_row, max_col;
    const char *cell_type;
    bool in_cell, too_big;
    const char *too_big_ref;
};

static const char *
local_name(const char *name)
{
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i] != NULL; i += 2)
        if (strcmp(local_name(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* "B12" → row 11, column 1; false when it is no cell reference. */
static bool
cell_ref(const char *ref, unsigned *row, unsigned *col)
{
    unsigned c = 0, r = 0;
    const char *p = ref;
    for (; *p >= 'A' && *p <= 'Z'; p++) {
        c = c * 26 + (unsigned)(*p - 'A' + 1);
        if (c > 1000000)
            return false;
    }
    if (p == ref || c == 0)
        return false;
    for (; *p >= '0' && *p <= '9'; p++) {
        r = r * 10 + (unsigned)(*p - '0');
        if (r > 100000000)
            return false;
    }
    if (*p != '\0' || r == 0)
        return false;
    *row = r - 1, *col = c - 1;
    return true;
}

static void
text_reset(struct xml_state *x)
{
    x->text_len = 0;
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
    struct xml_state *x = ud;
    if (!x->in_text || x->in_phonetic)
        return;
    size_t need = x->text_len + (size_t)len + 1;
    if (need > x->text_cap) {
        size_t cap = x->text_cap ? x->text_cap : 256;
        while (cap < need)
            cap *= 2;
        x->text = arena_realloc_sized(x->b->doc->arena, x->text, cap);
        x->text_cap = cap;
    }
    memcpy(x->text + x->text_len, s, (size_t)len);
    x->text_len += (size_t)len;
    x->text[x->text_len] = '\0';
}

static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
           int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    struct xml_state *x = ud;
    x->dtd = true;
    XML_StopParser(x->parser, XML_FALSE);
}

static void XMLCALL
on_start(void *ud, const XML_Char *qname, const XML_Char **atts)
{
    struct xml_state *x = ud;
    struct arena *a = x->b->doc->arena;
    const char *name = local_name(qname);
    switch (x->kind) {
    case PART_WORKBOOK:
        if (strcmp(name, "sheet") == 0) {
            const char *sname = attr(atts, "name"), *rid = attr(atts, "id");
            if (sname == NULL || rid == NULL)
                return;
            x->sheets = arena_grow(a, x->sheets, x->sheet_count, &x->sheet_cap,
                                   sizeof *x->sheets);
            x->sheets[x->sheet_count++] = (struct sheet_ref){
                arena_strndup(a, sname, strlen(sname)), arena_strndup(a, rid, strlen(rid)), NULL};
        }
        return;
    case PART_RELS:
        if (strcmp(name, "Relationship") == 0) {
            const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
            for (size_t i = 0; id && target && i < x->sheet_count; i++)
                if (strcmp(x->sheets[i].rid, id) == 0)
                    x->sheets[i].target =
                        target[0] == '/' ? arena_strndup(a, target + 1, strlen(target) - 1)
                                         : arena_printf(a, "xl/%s", target);
        }
        return;
    case PART_STRINGS:
        if (strcmp(name, "si") == 0) {
            text_reset(x);
            x->in_text = false;
        } else if (strcmp(name, "t") == 0) {
            x->in_text = true;
        } else if (strcmp(name, "rPh") == 0) {
            x->in_phonetic = true;
        }
        return;
    case PART_SHEET:
        if (strcmp(name, "row") == 0) {
            const char *r = attr(atts, "r");
            x->row = r ? (unsigned)strtoul(r, NULL, 10) - 1 : x->row + 1;
            x->col = 0;
        } else if (strcmp(name, "c") == 0) {
            const char *r = attr(atts, "r"), *t = attr(atts, "t");
            unsigned row = x->row, col = x->col;
            if (r != NULL && !cell_ref(r, &row, &col)) {
                x->too_big = true;
                x->too_big_ref = arena_strndup(a, r, strlen(r) > 20 ? 20 : strlen(r));
                XML_StopParser(x->parser, XML_FALSE);
                return;
            }
            if (row >= IMPORT_XLSX_MAX_ROWS || col >= IMPORT_XLSX_MAX_COLS) {
                x->too_big = true;
                x->too_big_ref = r ? arena_strndup(a, r, strlen(r)) : "?";
                XML_StopParser(x->parser, XML_FALSE);
                return;
            }
            x->row = row, x->col = col + 1;
            x->cell_type = t ? arena_strndup(a, t, strlen(t)) : "n";
            x->in_cell = true;
            text_reset(x);
            x->cells = arena_grow(a, x->cells, x->cell_count, &x->cell_cap,
                                  sizeof *x->cells);
            x->cells[x->cell_count++] = (struct cell){row, col, NULL};
        } else if (x->in_cell && (strcmp(name, "v") == 0 || strcmp(name, "t") == 0)) {
            x->in_text = true;
        } else if (x->in_cell && strcmp(name, "rPh") == 0) {
            x->in_phonetic = true;
        } else if (strcmp(name, "mergeCell") == 0) {
            const char *ref = attr(atts, "ref");
            const char *colon = ref ? strchr(ref, ':') : NULL;
            unsigned r0, c0, r1, c1;
            if (colon == NULL || colon - ref > 16)
                return;
            char first[17];
            memcpy(first, ref, (size_t)(colon - ref));
            first[colon - ref] = '\0';
            if (!cell_ref(first, &r0, &c0) || !cell_ref(colon + 1, &r1, &c1) || r1 < r0 ||
                c1 < c0)
                return;
            x->merges = arena_grow(a, x->merges, x->merge_count, &x->merge_cap,
                                   sizeof *x->merges);
            x->merges[x->merge_count++] = (struct merge){r0, c0, r1, c1};
        }
        return;
    }
}

/* A number as a form shows it: %.15g of the stored double (no float noise). */
static const char *
number_text(struct arena *a, const char *v)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end != '\0')
        return arena_strndup(a, v, strlen(v));
    return arena_printf(a, "%.15g", d);
}

static void XMLCALL
on_end(void *ud, const XML_Char *qname)
{
    struct xml_state *x = ud;
    struct arena *a = x->b->doc->arena;
    const char *name = local_name(qname);
    if (strcmp(name, "rPh") == 0) {
        x->in_phonetic = false;
        return;
    }
    if (x->kind == PART_STRINGS) {
        if (strcmp(name, "t") == 0)
            x->in_text = false;
        else if (strcmp(name, "si") == 0) {
            struct book *b = x->b;
            b->strings = arena_grow(a, b->strings, b->string_count, &b->string_cap,
                                    sizeof *b->strings);
            b->strings[b->string_count++] = arena_strndup(a, x->text ? x->text : "", x->text_len);
        }
        return;
    }
    if (x->kind != PART_SHEET || !x->in_cell)
        return;
    if (strcmp(name, "v") == 0 || strcmp(name, "t") == 0) {
        x->in_text = false;
    } else if (strcmp(name, "c") == 0) {
        x->in_cell = false;
        struct cell *c = &x->cells[x->cell_count - 1];
        const char *v = x->text_len ? arena_strndup(a, x->text, x->text_len) : NULL;
        if (v == NULL) {
            x->cell_count--;
            return;
        }
        if (strcmp(x->cell_type, "s") == 0) {
            unsigned long i = strtoul(v, NULL, 10);
            c->text = i < x->b->string_count ? x->b->strings[i] : NULL;
        } else if (strcmp(x->cell_type, "n") == 0) {
            c->text = number_text(a, v);
        } else if (strcmp(x->cell_type, "b") == 0) {
            c->text = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
        } else {
            c->text = v;
        }
        if (c->text == NULL || *c->text == '\0') {
            x->cell_count--;
            return;
        }
        if (c->row + 1 > x->max_row)
            x->max_row = c->row + 1;
        if (c->col + 1 > x->max_col)
            x->max_col = c->col + 1;
    }
}

static bool
parse_part(struct book *b, struct xml_state *x, const char *part, const char *bytes, size_t len)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (p == NULL)
        arena_oom(b->doc->arena);
    x->b = b;
    x->parser = p;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    enum XML_Status st = XML_Parse(p, bytes, (int)len, XML_TRUE);
    bool ok = true;
    if (x->dtd) {
        diag_report(b->diags, DIAG_IMPORT_XML_DTD, (struct diag_loc){0}, b->doc->file, part);
        ok = false;
    } else if (x->too_big) {
        diag_report(b->diags, DIAG_IMPORT_TOO_MANY_CELLS, (struct diag_loc){0}, b->doc->file,
                    part, x->too_big_ref, "10000", "256");
        ok = false;
    } else if (st != XML_STATUS_OK) {
        diag_report(b->diags, DIAG_IMPORT_BAD_XML, (struct diag_loc){0}, b->doc->file, part,
                    (unsigned long)XML_GetCurrentLineNumber(p),
                    XML_ErrorString(XML_GetErrorCode(p)));
        ok = false;
    }
    XML_ParserFree(p);
    return ok;
}

/* The grid of one sheet: cells placed, merged ranges filled from their top-left cell. */
static void
make_grid(struct arena *a, const struct xml_state *x, const char *name, struct import_grid *g)
{
    g->sheet = name;
    g->rows = x->max_row, g->cols = x->max_col;
    size_t n = g->rows * g->cols;
    g->cells = arena_alloc(a, (n ? n : 1) * sizeof *g->cells);
    g->merged = arena_alloc(a, n ? n : 1);
    memset(g->cells, 0, (n ? n : 1) * sizeof *g->cells);
    memset(g->merged, 0, n ? n : 1);
    for (size_t i = 0; i < x->cell_count; i++)
        g->cells[x->cells[i].row * g->cols + x->cells[i].col] = x->cells[i].text;
    /* Overlapping ranges could make the filling quadratic: it stops after
       as many cells as the grid has, four times over. */
    size_t budget = 4 * (n ? n : 1);
    for (size_t m = 0; m < x->merge_count && budget > 0; m++) {
        const struct merge *r = &x->merges[m];
        if (r->r0 >= g->rows || r->c0 >= g->cols)
            continue;
        const char *top = g->cells[r->r0 * g->cols + r->c0];
        for (size_t row = r->r0; row <= r->r1 && row < g->rows; row++)
            for (size_t col = r->c0; col <= r->c1 && col < g->cols; col++) {
                if (row == r->r0 && col == r->c0)
                    continue;
                g->cells[row * g->cols + col] = top;
                g->merged[row * g->cols + col] = 1;
                if (--budget == 0)
                    return;
            }
    }
}

static bool
read_book(struct book *b)
{
    size_t len;
    bool missing;
    char *wb = read_part(b, "xl/workbook.xml", &len, &missing);
    if (wb == NULL) {
        if (missing) {
            zip_error_t e;
            zip_error_init_with_code(&e, ZIP_ER_NOENT);
            diag_report(b->diags, DIAG_IMPORT_BROKEN_ZIP, (struct diag_loc){0}, b->doc->file,
                        "xl/workbook.xml", zip_error_strerror(&e));
            zip_error_fini(&e);
        }
        return false;
    }
    struct xml_state books = {.kind = PART_WORKBOOK};
    if (!parse_part(b, &books, "xl/workbook.xml", wb, len))
        return false;
    char *rels = read_part(b, "xl/_rels/workbook.xml.rels", &len, &missing);
    if (rels == NULL && !missing)
        return false;
    books.kind = PART_RELS;
    if (rels != NULL && !parse_part(b, &books, "xl/_rels/workbook.xml.rels", rels, len))
        return false;
    char *strings = read_part(b, "xl/sharedStrings.xml", &len, &missing);
    if (strings == NULL && !missing)
        return false;
    struct xml_state ss = {.kind = PART_STRINGS};
    if (strings != NULL && !parse_part(b, &ss, "xl/sharedStrings.xml", strings, len))
        return false;
    struct import_grid *grids = arena_alloc(b->doc->arena, (books.sheet_count + 1) * sizeof *grids);
    size_t ngrids = 0;
    for (size_t i = 0; i < books.sheet_count; i++) {
        const struct sheet_ref *s = &books.sheets[i];
        const char *target = s->target ? s->target
                                       : arena_printf(b->doc->arena, "xl/worksheets/sheet%zu.xml", i + 1);
        char *xml = read_part(b, target, &len, &missing);
        if (xml == NULL) {
            if (!missing)
                return false;
            continue;
        }
        struct xml_state sx = {.kind = PART_SHEET};
        sx.row = (unsigned)-1;
        if (!parse_part(b, &sx, target, xml, len))
            return false;
        make_grid(b->doc->arena, &sx, s->name, &grids[ngrids++]);
    }
    /* goalc's own workbook: the rows from `indicators` and `funds`, the texts from the forms. */
    const struct import_grid *rows[2] = {NULL, NULL};
    for (size_t i = 0; i < ngrids; i++)
        for (int k = 0; k < 2; k++)
            if (strcmp(grids[i].sheet, k ? "funds" : "indicators") == 0 &&
                import_rows_header(&grids[i], k))
                rows[k] = &grids[i];
    bool found = false;
    struct import_model model;
    if (rows[0] != NULL && rows[1] != NULL && import_model_find(grids, ngrids, &model)) {
        /* with its model sheets: the whole model from the data, no form is read */
        if (!import_model_check(b->doc, b->diags, &model))
            return false;
        import_model_read(b->doc, &model);
        import_rows_read(b->doc, rows[0], rows[1]);
        import_model_finish(b->doc, &model);
        return true;
    }
    if (rows[0] != NULL && rows[1] != NULL) {
        import_rows_read(b->doc, rows[0], rows[1]);
        for (size_t i = 0; i < ngrids; i++)
            if (&grids[i] != rows[0] && &grids[i] != rows[1])
                import_texts_of_form(b->doc, &grids[i]);
        if (b->doc->table_count == 0)
            diag_report(b->diags, DIAG_IMPORT_NO_TABLE, (struct diag_loc){0}, b->doc->file);
        return b->doc->table_count > 0;
    }
    for (size_t i = 0; i < ngrids; i++)
        found |= import_sheet_read(b->doc, &grids[i]);
    if (!found)
        diag_report(b->diags, DIAG_IMPORT_NO_TABLE, (struct diag_loc){0}, b->doc->file);
    return found;
}

bool
import_xlsx_read(struct import_doc *d, struct diag_sink *diags, const char *bytes, size_t len)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &err);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err) : NULL;
    if (zip == NULL) {
        diag_report(diags, DIAG_IMPORT_NOT_ZIP, (struct diag_loc){0}, d->file,
                    zip_error_strerror(&err));
        if (src != NULL)
            zip_source_free(src);
        zip_error_fini(&err);
        return false;
    }
    zip_error_fini(&err);
    struct book b = {.doc = d, .diags = diags, .zip = zip};
    bool ok = read_book(&b);
    zip_discard(zip);
    return ok;
}
