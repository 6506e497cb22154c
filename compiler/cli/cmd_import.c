/*
 * cmd_import.c - goalc import FILE.xlsx|FILE.csv [-o OUT.goal]: a table
 * kept in a workbook or in goalc's own CSV, turned into a .goal file.
 *
 * The readers (front/import_*.c) fill an import_doc; this file writes it
 * as source, compiles that (driver_run_bytes_with_comments), drops each
 * indicator whose line the compiler refuses (kept as a comment, W0031) and
 * tries again, then prints the compiled tree through fmt, so what is
 * written is canonical and compiles.  Nothing is written when the input
 * cannot be read or the text does not compile; the output is written
 * atomically (output.c).  docs/import.md.
 */
#include "cli/cli.h"
#include "platform/platform.h"
#include "base/arena.h"
#include "base/source.h"
#include "diag/diag.h"
#include "driver.h"
#include "front/fmt.h"
#include "front/import.h"
#include "model/keyword.h"
#include "front/parse.h"
#include "cli/output.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

/* Larger inputs are refused (E0002): no workbook of goal tables comes near. */
#define IMPORT_MAX_FILE ((size_t)256 << 20)
/* Rounds of dropping refused indicators before giving up. */
#define IMPORT_MAX_ROUNDS 64

static bool
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The whole file, malloc'd; NULL (reported) when it cannot be read. */
static char *
read_all(struct compilation *c, const char *path, size_t *len)
{
    FILE *f = platform_fopen(path, "rb");
    if (f == NULL) {
        diag_report(&c->diags, DIAG_IO_ERROR, (struct diag_loc){0}, path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n == cap) {
            if (cap >= IMPORT_MAX_FILE) {
                diag_report(&c->diags, DIAG_FILE_TOO_LARGE, (struct diag_loc){0}, path,
                            "268435456");
                free(buf);
                fclose(f);
                return NULL;
            }
            char *bigger = realloc(buf, cap * 2);
            if (bigger == NULL)
                free(buf);
            buf = bigger;
            cap *= 2;
        }
    }
    bool failed = ferror(f) != 0;
    int err = errno;
    fclose(f);
    if (buf != NULL && failed) {
        diag_report(&c->diags, DIAG_IO_ERROR, (struct diag_loc){0}, path, strerror(err));
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* The other file of goalc's CSV pair beside path ("funds.csv" for "x/indicators.csv"). */
static char *
sibling(const char *path, const char *mine, const char *other)
{
    size_t dir = strlen(path) - strlen(mine);
    char *s = malloc(dir + strlen(other) + 1);
    if (s != NULL) {
        memcpy(s, path, dir);
        strcpy(s + dir, other);
    }
    return s;
}

struct reading {
    struct import_doc *doc;
    struct compilation *c;
    const char *path;
    const char *bytes, *bytes2;
    size_t len, len2;
    const char *name2;
    bool csv_funds_first; /* path is the funds file */
    const char *text_name; /* what the text written is called in messages: "FILE (imported)" */
    bool ok;
};

static void
read_step(void *ctx)
{
    struct reading *r = ctx;
    struct diag_sink *diags = &r->c->diags;
    r->text_name = diag_phrasef(diags, PHRASE_IMPORTED_TEXT, r->path);
    if (r->bytes2 == NULL && !ends_with(r->path, ".csv")) {
        r->ok = import_xlsx_read(r->doc, diags, r->bytes, r->len);
    } else if (r->csv_funds_first) {
        r->ok = import_csv_read(r->doc, diags, r->bytes2, r->len2, r->bytes, r->len, r->name2,
                                r->path);
    } else {
        r->ok = import_csv_read(r->doc, diags, r->bytes, r->len, r->bytes2, r->len2, r->path,
                                r->name2);
    }
}

/*
 * The line (1-based) of a byte offset in src as import_write_goal counts
 * them, by LF: the source's own line table (O(log lines)) when the text
 * has no CR, which also ends a line there; a count otherwise.
 */
static size_t
line_of(const struct source *src, uint32_t offset)
{
    if (src->cr_free)
        return source_line_number(src, offset);
    size_t line = 1;
    for (uint32_t i = 0; i < offset && i < src->len; i++)
        line += src->text[i] == '\n';
    return line;
}

struct written {
    char *text;
    size_t len;
};

static void
write_step(void *ctx)
{
    struct reading *r = ctx;
    struct written *w = (struct written *)r->bytes2;
    FILE *mem = platform_memstream_open(&w->text, &w->len);
    if (mem == NULL)
        arena_oom(r->c->arena);
    import_write_goal(mem, r->doc);
    platform_memstream_close(mem);
}

/*
 * The doc written and compiled, keeping every error (not the first 20 of
 * the file): the number of them (SIZE_MAX when it cannot be compiled), and
 * when per_table is not NULL, for each table the errors on its own lines
 * (a project written inside its department counts its own, not the
 * department's).  Each trial costs one compilation, so a choice is made
 * for every table from a few of them, not from a few per table.
 */
static size_t
errors_by_table(const struct cli_options *o, struct reading *r, const char *out_path,
                size_t *per_table)
{
    struct import_doc *d = r->doc;
    struct written w = {0};
    r->bytes2 = (const char *)&w;
    size_t errors = SIZE_MAX;
    if (per_table != NULL)
        memset(per_table, 0, d->table_count * sizeof *per_table);
    if (arena_guarded(r->c->arena, write_step, r)) {
        struct compilation *g = cli_compilation_new(o);
        if (g != NULL) {
            g->diags.max_errors_per_file = SIZE_MAX;
            if (driver_run_bytes(g, out_path, w.text, w.len) != COMPILE_OOM)
                errors = g->diags.errors;
        }
        const struct source *src = g != NULL ? compilation_source(g, 0) : NULL;
        size_t *owner = per_table != NULL && src != NULL && errors != SIZE_MAX
                            ? malloc((src->line_count + 1) * sizeof *owner)
                            : NULL;
        if (owner != NULL) {
            for (size_t l = 0; l <= src->line_count; l++)
                owner[l] = SIZE_MAX;
            for (int nested = 0; nested <= 1; nested++) /* a project's lines over its home's */
                for (size_t t = 0; t < d->table_count; t++) {
                    const struct import_table *tb = &d->tables[t];
                    if ((import_home_of(d, tb) != NULL) != nested)
                        continue;
                    for (size_t l = tb->first_line; l <= tb->last_line && l <= src->line_count;
                         l++)
                        owner[l] = t;
                }
            for (size_t k = 0; k < g->diags.count; k++) {
                const struct diagnostic *e = g->diags.items[k];
                if (e->severity != DIAG_SEV_ERROR || e->loc.src != src)
                    continue;
                size_t l = line_of(src, e->loc.start);
                if (l <= src->line_count && owner[l] != SIZE_MAX)
                    per_table[owner[l]]++;
            }
            free(owner);
        }
        if (g != NULL)
            compilation_free(g);
    }
    free(w.text);
    return errors;
}

static size_t
errors_with(const struct cli_options *o, struct reading *r, const char *out_path)
{
    return errors_by_table(o, r, out_path, NULL);
}

/* The 框架 of table and of the projects written inside it. */
static void
set_framework(struct import_doc *d, struct import_table *table, const char *framework)
{
    table->framework = framework;
    for (size_t k = table->first_nested; k != SIZE_MAX; k = d->tables[k].next_nested)
        d->tables[k].framework = framework;
}

/* The errors of table and of the projects written inside it, of a count per table. */
static size_t
group_errors(const struct import_doc *d, const struct import_table *table, const size_t *per_table)
{
    size_t n = per_table[table - d->tables];
    for (size_t k = table->first_nested; k != SIZE_MAX; k = d->tables[k].next_nested)
        n += per_table[k];
    return n;
}

/* Whether table (with the projects inside it) has fewer errors in after than in before. */
static bool
fewer(const struct import_doc *d, const struct import_table *table, const size_t *after,
      const size_t *before)
{
    return group_errors(d, table, after) < group_errors(d, table, before);
}

/*
 * The CSV does not say which framework (框架) a table follows: when the
 * text does not compile under the default one, each other framework of
 * the stdlib is tried, and kept when it leaves fewer errors; then, while
 * errors remain, each department (with the projects inside it) and each
 * project on its own takes the framework under which its own lines have
 * the fewest errors, so tables of different frameworks in one input each
 * get theirs (docs/import.md).  A table's errors do not depend on another
 * table's framework, so one compilation per framework tells every table's;
 * the choice is kept only if the whole then has fewer errors.
 */
static void
choose_framework(const struct cli_options *o, struct reading *r, const char *out_path)
{
    static const char *const frameworks[] = {"2013", "2021"};
    size_t best = errors_with(o, r, out_path);
    const char *chosen = NULL;
    for (size_t i = 0; best > 0 && i < sizeof frameworks / sizeof frameworks[0]; i++) {
        r->doc->framework = frameworks[i];
        size_t e = errors_with(o, r, out_path);
        if (e < best)
            best = e, chosen = frameworks[i];
    }
    r->doc->framework = chosen;
    struct import_doc *d = r->doc;
    size_t n = d->table_count;
    if (best == 0 || best == SIZE_MAX || n == 0)
        return;
    size_t *now = calloc(n, sizeof *now), *trial = calloc(n, sizeof *trial),
           *fewest = calloc(n, sizeof *fewest);
    const char **was = calloc(n, sizeof *was), **pick = calloc(n, sizeof *pick);
    if (now == NULL || trial == NULL || fewest == NULL || was == NULL || pick == NULL ||
        errors_by_table(o, r, out_path, now) != best)
        goto done;
    for (size_t t = 0; t < n; t++) {
        was[t] = pick[t] = d->tables[t].framework;
        fewest[t] = group_errors(d, &d->tables[t], now);
    }
    static const char *const all[] = {"2020", "2013", "2021"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        for (size_t t = 0; t < n; t++)
            if (import_home_of(d, &d->tables[t]) == NULL) /* a project inside follows its home */
                set_framework(d, &d->tables[t], all[i]);
        if (errors_by_table(o, r, out_path, trial) == SIZE_MAX)
            continue;
        for (size_t t = 0; t < n; t++) {
            size_t e = group_errors(d, &d->tables[t], trial);
            if (import_home_of(d, &d->tables[t]) == NULL && e < fewest[t])
                fewest[t] = e, pick[t] = all[i];
        }
    }
    for (size_t t = 0; t < n; t++)
        if (import_home_of(d, &d->tables[t]) == NULL)
            set_framework(d, &d->tables[t], pick[t]);
    if (errors_with(o, r, out_path) >= best) /* not better as a whole: as it was */
        for (size_t t = 0; t < n; t++)
            d->tables[t].framework = was[t];
done:
    free(now), free(trial), free(fewest), free(was), free(pick);
}

/*
 * A form prints each 反向 indicator's 得分 but not the table's 反向计分 (the
 * rule that gave it): when errors remain, each table with scores tries
 * `反向计分 比值` and keeps it when its lines (and those of the projects
 * inside it) have fewer errors, all tables in one compilation; kept only
 * if the whole has fewer errors then (docs/import.md).
 */
static void
choose_inverse_rule(const struct cli_options *o, struct reading *r, const char *out_path)
{
    struct import_doc *d = r->doc;
    size_t n = d->table_count;
    size_t *before = calloc(n ? n : 1, sizeof *before), *after = calloc(n ? n : 1, sizeof *after);
    bool *tried = calloc(n ? n : 1, sizeof *tried);
    size_t best = before != NULL ? errors_by_table(o, r, out_path, before) : SIZE_MAX;
    if (after == NULL || tried == NULL || best == 0 || best == SIZE_MAX)
        goto done;
    bool any = false;
    for (size_t t = 0; t < n; t++) {
        struct import_table *table = &d->tables[t];
        bool scored = false;
        for (size_t i = 0; i < table->indicator_count && !scored; i++)
            scored = table->indicators[i].score != NULL;
        if (group_errors(d, table, before) > 0 && scored && import_add_inverse_ratio(d, table))
            tried[t] = any = true;
    }
    if (!any)
        goto done;
    size_t e = errors_by_table(o, r, out_path, after);
    for (size_t t = 0; t < n; t++)
        if (tried[t] && (e == SIZE_MAX || !fewer(d, &d->tables[t], after, before)))
            tried[t] = false, d->tables[t].field_count--; /* the field it added, its last */
    if (errors_with(o, r, out_path) >= best) /* not better as a whole: none */
        for (size_t t = 0; t < n; t++)
            if (tried[t])
                d->tables[t].field_count--;
done:
    free(before), free(after), free(tried);
}

/*
 * An official form names its categories and units but not the user's own
 * 框架 and 量纲 declarations that made them known: a category that no
 * framework has (E0402) is declared in the table's framework, and a unit
 * that no dimension has (E0301) gets a dimension of its own, each said on
 * standard error (W0037), so that the indicators come back rather than
 * being dropped (docs/import.md).
 */
static void
declare_unknown(const struct cli_options *o, struct reading *r, const char *out_path)
{
    struct import_doc *d = r->doc;
    struct arena *a = d->arena;
    for (int round = 0; round < 4; round++) {
        struct written w = {0};
        r->bytes2 = (const char *)&w;
        if (!arena_guarded(r->c->arena, write_step, r)) {
            free(w.text);
            return;
        }
        struct compilation *g = cli_compilation_new(o);
        if (g == NULL || driver_run_bytes(g, out_path, w.text, w.len) == COMPILE_OOM ||
            g->diags.errors == 0) {
            if (g != NULL)
                compilation_free(g);
            free(w.text);
            return;
        }
        const struct source *src = compilation_source(g, 0);
        bool added = false;
        for (size_t k = 0; k < g->diags.count; k++) {
            const struct diagnostic *e = g->diags.items[k];
            if (e->loc.src != src || src == NULL ||
                (e->id != DIAG_UNKNOWN_CATEGORY && e->id != DIAG_UNKNOWN_UNIT))
                continue;
            const char *name = arena_strndup(a, src->text + e->loc.start, e->loc.end - e->loc.start);
            size_t line = line_of(src, e->loc.start);
            if (e->id == DIAG_UNKNOWN_UNIT) {
                if (import_add_declaration(d, import_unit_declaration(d, name))) {
                    diag_report(&r->c->diags, DIAG_IMPORT_DECLARED, (struct diag_loc){0}, d->file,
                                name, d->declarations[d->declaration_count - 1]);
                    added = true;
                }
                continue;
            }
            for (size_t t = 0; t < d->table_count; t++) {
                const struct import_table *tb = &d->tables[t];
                for (size_t i = 0; i < tb->indicator_count; i++) {
                    const struct import_indicator *ind = &tb->indicators[i];
                    bool alone = ind->l1_line == line && (ind->l2_line == line || !*ind->level2);
                    const char *decl = ind->l1_line == line || ind->l2_line == line
                                           ? import_category_declaration(d, tb, ind, alone)
                                           : NULL;
                    if (decl != NULL && import_add_declaration(d, decl)) {
                        diag_report(&r->c->diags, DIAG_IMPORT_DECLARED, (struct diag_loc){0},
                                    d->file, name, decl);
                        added = true;
                    }
                }
            }
        }
        compilation_free(g);
        free(w.text);
        if (!added)
            return;
    }
}

static void
render(const struct cli_options *o, struct compilation *c)
{
    struct diag_render_options opts = {o->color, o->ambiguous_width};
    cli_report(o, NULL, c, &opts);
}

int
cli_run_import(const struct cli_options *o)
{
    if (o->file_count != 1)
        return cli_usage_error(o, PHRASE_IMPORT_ONE_FILE);
    const char *path = o->files[0];
    const char *out_path = NULL; /* the text's name in the compiler's messages (read_step) */
    struct compilation *c = cli_compilation_new(o);
    if (c == NULL) {
        cli_out_of_memory(o, NULL);
        return EXIT_TROUBLE;
    }
    int status = EXIT_INPUT_ERRORS;
    size_t len = 0, len2 = 0;
    char *bytes = NULL, *bytes2 = NULL, *name2 = NULL;
    struct import_doc doc = {.arena = c->arena, .file = path};
    struct reading r = {.doc = &doc, .c = c, .path = path};
    bool csv = ends_with(path, ".csv"), xlsx = ends_with(path, ".xlsx");
    if (!csv && !xlsx) {
        diag_report(&c->diags, DIAG_IMPORT_FILE_KIND, (struct diag_loc){0}, path);
        goto done;
    }
    if ((bytes = read_all(c, path, &len)) == NULL) {
        status = EXIT_TROUBLE;
        goto done;
    }
    r.bytes = bytes, r.len = len;
    if (csv && (ends_with(path, "indicators.csv") || ends_with(path, "funds.csv"))) {
        r.csv_funds_first = ends_with(path, "funds.csv");
        name2 = r.csv_funds_first ? sibling(path, "funds.csv", "indicators.csv")
                                  : sibling(path, "indicators.csv", "funds.csv");
        FILE *f = name2 != NULL ? platform_fopen(name2, "rb") : NULL;
        if (f != NULL) {
            fclose(f);
            if ((bytes2 = read_all(c, name2, &len2)) == NULL) {
                status = EXIT_TROUBLE;
                goto done;
            }
            r.bytes2 = bytes2, r.len2 = len2, r.name2 = name2;
        }
    }
    if (!arena_guarded(c->arena, read_step, &r)) {
        cli_out_of_memory(o, path);
        status = EXIT_TROUBLE;
        goto done;
    }
    if (!r.ok)
        goto done;
    out_path = r.text_name;
    for (size_t i = 0; i < doc.table_count; i++)
        if (doc.tables[i].named_after_sheet)
            diag_report(&c->diags, DIAG_IMPORT_NO_NAME, (struct diag_loc){0}, path,
                        doc.tables[i].name);
    for (size_t i = 0; i < doc.note_count; i++)
        diag_report(&c->diags, DIAG_IMPORT_UNMAPPED, (struct diag_loc){0}, path,
                    doc.notes[i].where, doc.notes[i].text);
    /* goalc's workbook whose form sheets say otherwise than its data sheets */
    for (size_t i = 0; i < doc.edit_count; i++) {
        const struct import_edit *e = &doc.edits[i];
        if (e->data_at != NULL)
            diag_report(&c->diags, DIAG_IMPORT_FORM_EDITED, (struct diag_loc){0}, path, e->at,
                        e->what, e->form, e->data, e->data_at);
        else
            diag_report(&c->diags, DIAG_IMPORT_FORM_UNMATCHED, (struct diag_loc){0}, path, e->at,
                        e->what);
    }
    if (doc.edit_count > 0)
        diag_report(&c->diags, DIAG_IMPORT_FORM_HOW, (struct diag_loc){0}, path);

    import_link(&doc);
    choose_framework(o, &r, out_path);
    if (!doc.model) {
        declare_unknown(o, &r, out_path);
        choose_inverse_rule(o, &r, out_path);
    }
    /* Write, compile, drop what the compiler refuses, again. */
    for (int round = 0;; round++) {
        struct written w = {0};
        r.bytes2 = (const char *)&w;
        if (!arena_guarded(c->arena, write_step, &r)) {
            free(w.text);
            cli_out_of_memory(o, path);
            status = EXIT_TROUBLE;
            goto done;
        }
        struct compilation *g = cli_compilation_new(o);
        struct parse_comments comments = {0};
        enum compile_status st =
            g != NULL ? driver_run_bytes_with_comments(g, out_path, w.text, w.len, &comments)
                      : COMPILE_OOM;
        if (st == COMPILE_OOM) {
            if (g != NULL)
                compilation_free(g);
            free(w.text);
            cli_out_of_memory(o, path);
            status = EXIT_TROUBLE;
            goto done;
        }
        bool dropped = false;
        if (st != COMPILE_OK && round < IMPORT_MAX_ROUNDS) {
            struct diagnostic **sorted = diag_sorted(&g->diags);
            const struct source *src = compilation_source(g, 0);
            for (size_t i = 0; sorted != NULL && i < g->diags.count; i++) {
                const struct diagnostic *d = sorted[i];
                if (d->severity == DIAG_SEV_ERROR && d->loc.src == src && src != NULL)
                    dropped |= import_drop_line(&doc, line_of(src, d->loc.start));
            }
            free(sorted);
        }
        if (dropped) {
            compilation_free(g);
            free(w.text);
            continue;
        }
        if (st != COMPILE_OK) {
            render(o, g);
            diag_report(&c->diags, DIAG_IMPORT_NOT_COMPILED, (struct diag_loc){0}, path);
            compilation_free(g);
            free(w.text);
            goto done;
        }
        for (size_t t = 0; t < doc.table_count; t++) {
            const struct import_table *tb = &doc.tables[t];
            if (tb->funds_dropped)
                diag_report(&c->diags, DIAG_IMPORT_DROPPED_BLOCK, (struct diag_loc){0}, path,
                            tb->has_total ? tb->total.where : tb->lines[0].where,
                            keyword_spelling(KEYWORD_FUNDS, 0));
            for (size_t i = 0; i < tb->field_count; i++)
                if (tb->fields[i].dropped)
                    diag_report(&c->diags, DIAG_IMPORT_DROPPED_BLOCK, (struct diag_loc){0}, path,
                                tb->fields[i].where, tb->fields[i].keyword);
        }
        for (size_t t = 0; t < doc.table_count; t++)
            for (size_t i = 0; i < doc.tables[t].indicator_count; i++) {
                const struct import_indicator *ind = &doc.tables[t].indicators[i];
                if (ind->dropped)
                    diag_report(&c->diags, DIAG_IMPORT_DROPPED, (struct diag_loc){0}, path,
                                ind->where, ind->name, ind->target ? ind->target : "");
            }
        char *text = NULL;
        size_t tlen = 0;
        FILE *mem = platform_memstream_open(&text, &tlen);
        if (mem != NULL) {
            fmt_file(mem, g->root, compilation_source(g, 0), &comments, &o->fmt);
            platform_memstream_close(mem);
        }
        compilation_free(g);
        free(w.text);
        if (text == NULL) {
            cli_out_of_memory(o, path);
            status = EXIT_TROUBLE;
            goto done;
        }
        status = 0;
        if (o->output == NULL) {
            fwrite(text, 1, tlen, stdout);
        } else {
            struct output out;
            bool ok = cli_output_open(o, &out, o->output, OUTPUT_CREATE);
            if (ok) {
                fwrite(text, 1, tlen, out.fp);
                ok = cli_output_commit(o, &out);
            }
            if (!ok)
                status = EXIT_TROUBLE;
        }
        free(text);
        break;
    }
done:
    render(o, c);
    compilation_free(c);
    free(bytes);
    free(bytes2);
    free(name2);
    return status;
}
