/*
 * import_xlsx.c - the .xlsx container, read for goalc import: the one
 * module that sees libzip (the zip archive) and expat (its XML parts).
 *
 * Reads xl/workbook.xml (the sheets' names, in order), its relationships
 * (which part holds which sheet), xl/sharedStrings.xml and each sheet's
 * cells and merged ranges, and hands every sheet as an import_grid to
 * import_sheet.c (or, for goalc's own workbook, to import_csv.c and
 * import_model.c).  Cell values are their text as shown: a shared or
 * inline string (its _xHHHH_ escapes decoded), or a number printed with
 * %.15g (so 63008.58 stays 63008.58 however the writer rounded it) with
 * the decimals its style's number format shows (styles.xml: 4738 as
 * 0.00 is 4738.00), a percentage format as a percentage.
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
#include "base/escape.h"
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
/* styles.xml: Excel itself allows about 250 number formats and 64000 cell
   styles; beyond these a style shows its numbers as stored, so that a
   hostile part cannot make the lookup quadratic in its size. */
#define IMPORT_XLSX_MAX_FORMATS 1024
#define IMPORT_XLSX_MAX_STYLES 65536

struct book {
    struct import_doc *doc;
    struct diag_sink *diags;
    zip_t *zip;
    zip_uint64_t unpacked; /* bytes inflated so far, all parts */
    const char **strings;  /* the shared strings */
    size_t string_count, string_cap;
    struct style *styles; /* cellXfs, by index: what a cell's s= shows of a number */
    size_t style_count, style_cap;
};

/* How a cell style shows a number: the decimals of its format, and whether it is a percentage. */
struct style {
    int decimals; /* -1: General (the number as stored) */
    bool percent;
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

enum part_kind { PART_WORKBOOK, PART_RELS, PART_STRINGS, PART_STYLES, PART_SHEET };

/* A number format of styles.xml: its id and code. */
struct num_format {
    unsigned id;
    const char *code;
};

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
    unsigned cell_style; /* its s=: an index of book.styles */
    /* styles */
    struct num_format *formats;
    size_t format_count, format_cap;
    bool in_cell_xfs;
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

/*
 * What number format id shows: the built-in ones of ECMA-376 (18.8.30) that
 * a writer uses for amounts (0, 0.00, #,##0, #,##0.00, 0%, 0.00%), or a
 * numFmt of the part, read by its code: the 0s after the point (outside
 * quoted text) are the decimals, a % makes it a percentage.  Any other
 * format shows the number as stored.
 */
static struct style
style_of(const struct xml_state *x, unsigned id)
{
    static const struct {
        unsigned id;
        int decimals;
        bool percent;
    } builtin[] = {{1, 0, false}, {2, 2, false}, {3, 0, false}, {4, 2, false},
                   {9, 0, true},  {10, 2, true}};
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
        if (builtin[i].id == id)
            return (struct style){builtin[i].decimals, builtin[i].percent};
    const char *code = NULL;
    for (size_t i = 0; i < x->format_count; i++)
        if (x->formats[i].id == id)
            code = x->formats[i].code;
    struct style st = {-1, false};
    if (code == NULL)
        return st;
    bool quoted = false, after = false;
    for (const char *p = code; *p && *p != ';'; p++) { /* the first section: positive numbers */
        if (*p == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*p == '\\' && p[1])
            p++;
        else if (*p == '0' || *p == '#')
            st.decimals = st.decimals < 0 ? 0 : st.decimals + after;
        else if (*p == '.')
            after = true, st.decimals = st.decimals < 0 ? 0 : st.decimals;
        else if (*p == '%')
            st.percent = true;
        else if (*p == 'E' || *p == 'e' || *p == '@' || *p == 'y' || *p == 'd' || *p == 'h')
            return (struct style){-1, false}; /* scientific, text or a date: as stored */
    }
    return st;
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
    case PART_STYLES:
        if (strcmp(name, "numFmt") == 0) {
            const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
            if (id == NULL || code == NULL || x->format_count >= IMPORT_XLSX_MAX_FORMATS)
                return;
            x->formats = arena_grow(a, x->formats, x->format_count, &x->format_cap,
                                    sizeof *x->formats);
            x->formats[x->format_count++] =
                (struct num_format){(unsigned)strtoul(id, NULL, 10), arena_strndup(a, code, strlen(code))};
        } else if (strcmp(name, "cellXfs") == 0) {
            x->in_cell_xfs = true;
        } else if (x->in_cell_xfs && strcmp(name, "xf") == 0 &&
                   x->b->style_count < IMPORT_XLSX_MAX_STYLES) {
            const char *id = attr(atts, "numFmtId");
            struct book *b = x->b;
            b->styles = arena_grow(a, b->styles, b->style_count, &b->style_cap, sizeof *b->styles);
            b->styles[b->style_count++] = style_of(x, id ? (unsigned)strtoul(id, NULL, 10) : 0);
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
            const char *st = attr(atts, "s");
            x->cell_style = st ? (unsigned)strtoul(st, NULL, 10) : 0;
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


/*
 * A string as OOXML stores it (ST_Xstring): `_xHHHH_` is the character
 * U+HHHH, so that a control character survives XML (`_x000D_` for CR,
 * `_x005F_` for the `_` of a literal `_x…_`).  Writers escape exactly so.
 */
static const char *
xstring(struct arena *a, const char *s, size_t len)
{
    if (memchr(s, '_', len) == NULL)
        return arena_strndup(a, s, len);
    char *out = arena_alloc_bytes(a, len + 1), *o = out;
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        bool esc = i + 7 <= len && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
        for (size_t k = 2; esc && k < 6; k++) {
            int h = escape_hex_value(s[i + k]);
            esc = h >= 0;
            cp = cp * 16 + (unsigned)(h < 0 ? 0 : h);
        }
        if (!esc) {
            *o++ = s[i++];
            continue;
        }
        i += 7;
        if (cp < 0x80) {
            *o++ = (char)cp;
        } else if (cp < 0x800) {
            *o++ = (char)(0xC0 | cp >> 6), *o++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *o++ = (char)(0xE0 | cp >> 12), *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        }
    }
    *o = '\0';
    return out;
}

/*
 * A number as its cell shows it: %.15g of the stored double (no float
 * noise), with as many decimals as its style's format shows (4738 with
 * 0.00 is 4738.00: the decimals written), never fewer than it has; a
 * percentage format shows it times 100 with `%` (0.95 with 0% is 95%).
 */
static const char *
number_text(struct arena *a, const char *v, struct style st)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end != '\0')
        return arena_strndup(a, v, strlen(v));
    char *text = arena_printf(a, "%.15g", st.percent ? d * 100 : d);
    if (strchr(text, 'e') != NULL || st.decimals <= 0)
        return st.percent ? arena_printf(a, "%s%%", text) : text;
    const char *point = strchr(text, '.');
    int have = point ? (int)strlen(point + 1) : 0;
    if (have < st.decimals)
        text = arena_printf(a, "%s%s%.*s", text, point ? "" : ".", st.decimals - have,
                            "000000000000000000000000000000");
    return st.percent ? arena_printf(a, "%s%%", text) : text;
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
    if (strcmp(name, "cellXfs") == 0) {
        x->in_cell_xfs = false;
        return;
    }
    if (x->kind == PART_STRINGS) {
        if (strcmp(name, "t") == 0)
            x->in_text = false;
        else if (strcmp(name, "si") == 0) {
            struct book *b = x->b;
            b->strings = arena_grow(a, b->strings, b->string_count, &b->string_cap,
                                    sizeof *b->strings);
            b->strings[b->string_count++] = xstring(a, x->text ? x->text : "", x->text_len);
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
            struct style st = {-1, false};
            if (x->cell_style < x->b->style_count)
                st = x->b->styles[x->cell_style];
            c->text = number_text(a, v, st);
        } else if (strcmp(x->cell_type, "b") == 0) {
            c->text = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
        } else if (strcmp(x->cell_type, "inlineStr") == 0 || strcmp(x->cell_type, "str") == 0) {
            c->text = xstring(a, v, strlen(v));
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
    char *styles = read_part(b, "xl/styles.xml", &len, &missing);
    if (styles == NULL && !missing)
        return false;
    struct xml_state sty = {.kind = PART_STYLES};
    if (styles != NULL && !parse_part(b, &sty, "xl/styles.xml", styles, len))
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
        /* the form sheets are not read, but an edit made there is reported (W0034) */
        const struct import_grid *const data[] = {rows[0], rows[1], model.tables, model.categories,
                                                  model.attributes, model.schedule, model.duties,
                                                  model.declarations};
        for (size_t i = 0; i < ngrids; i++) {
            bool form = true;
            for (size_t k = 0; k < sizeof data / sizeof data[0]; k++)
                form &= data[k] != &grids[i];
            if (form)
                import_form_check(b->doc, &grids[i], rows[0], rows[1], &model);
        }
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
