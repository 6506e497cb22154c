/*
 * web_api.c - the library interface the web page calls (web_api.h): the
 * web layer, beside cli above the driver.
 *
 * It does for one file what cli/cmd_build.c and cli/cmd_fmt.c do for the
 * command, with the command's defaults (every warning on, the built-in
 * stdlib, UTF-8, English CSV headers, JSON with locations), and writes
 * into memory instead of files: the diagnostics through diag_format's
 * JSON Lines, the output through the same back ends and registry, so both
 * are byte for byte what the command writes.  Owns the two result buffers
 * (freed at the next call); holds no compilation between calls.  A
 * database format whose library writes only to a named file (xlsx) gets
 * the scratch file WEB_SCRATCH, removed before returning.
 */
#include "web/web_api.h"

#include "platform/platform.h"
#include "diag/diag.h"
#include "diag/diag_format.h"
#include "driver.h"
#include "emit/emit.h"
#include "front/fmt.h"
#include "front/parse.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WEB_SCRATCH "/tmp/goalc-web-scratch"

static char *diagnostics, *output;
static size_t diagnostics_len, output_len;

static void
results_free(void)
{
    free(diagnostics);
    free(output);
    diagnostics = output = NULL;
    diagnostics_len = output_len = 0;
}

/* The file NAME of a gathering format, for "csv:NAME"; NULL when there is none. */
static const struct emit_file *
gathered_file(const struct emitter *e, const char *name)
{
    for (size_t k = 0; k < e->file_count; k++)
        if (strcmp(e->files[k].name, name) == 0)
            return &e->files[k];
    return NULL;
}

/* Writes format of the compiled c into out; false when it cannot. */
static bool
render(const struct compilation *c, const char *format, FILE *out)
{
    struct emit_options eo = {0}; /* the command's defaults */
    char name[16];
    const char *colon = strchr(format, ':');
    size_t n = colon != NULL ? (size_t)(colon - format) : strlen(format);
    if (n >= sizeof name)
        return false;
    memcpy(name, format, n);
    name[n] = '\0';
    const struct emitter *e = emit_find(name);
    if (e == NULL || e->printed)
        return false;
    if (colon != NULL) {
        const struct emit_file *f = gathered_file(e, colon + 1);
        if (f == NULL)
            return false;
        f->begin(out, &eo);
        f->add(c, out, &eo);
        return true;
    }
    if (e->emit != NULL) {
        e->emit(c, out, &eo);
        return true;
    }
    if (e->database == NULL)
        return false;
    const struct emit_database_ops *ops = e->database;
    struct emit_database *db = ops->open(ops->scratch ? WEB_SCRATCH : NULL);
    if (db == NULL)
        return false;
    bool ok = ops->add(db, c) && ops->write(db, out);
    ops->close(db);
    if (ops->scratch)
        remove(WEB_SCRATCH);
    return ok;
}

/* goalc fmt of the file: parsed only, written in the canonical layout. */
static bool
render_fmt(struct compilation *c, const struct parse_comments *comments, FILE *out)
{
    struct fmt_options options = {FMT_KEYWORDS_OF_FILE};
    fmt_file(out, c->root, compilation_source(c, 0), comments, &options);
    return true;
}

int
web_compile(const char *path, const char *format, int lang)
{
    results_free();
    struct compilation *c = compilation_new(lang == 1 ? DIAG_LANG_ZH : DIAG_LANG_EN);
    if (c == NULL)
        return 2;
    bool fmt = strcmp(format, "fmt") == 0;
    struct parse_comments comments;
    enum compile_status st = fmt ? driver_parse_only(c, path, &comments) : driver_run(c, path);
    int status = st == COMPILE_OK ? 0 : st == COMPILE_ERRORS ? 1 : 2;
    FILE *d = platform_memstream_open(&diagnostics, &diagnostics_len);
    if (d == NULL) {
        compilation_free(c);
        return 2;
    }
    diag_render_json(&c->diags, d);
    if (platform_memstream_close(d) != 0)
        status = 2;
    if (status == 0 && format[0] != '\0') {
        FILE *o = platform_memstream_open(&output, &output_len);
        bool ok = o != NULL && (fmt ? render_fmt(c, &comments, o) : render(c, format, o));
        ok = o != NULL && !ferror(o) && ok;
        if (o != NULL && platform_memstream_close(o) != 0)
            ok = false;
        if (!ok) {
            free(output);
            output = NULL;
            output_len = 0;
            status = 2;
        }
    }
    compilation_free(c);
    return status;
}

const char *
web_diagnostics(void)
{
    return diagnostics != NULL ? diagnostics : "";
}

size_t
web_diagnostics_length(void)
{
    return diagnostics_len;
}

const unsigned char *
web_output(void)
{
    return (const unsigned char *)output;
}

size_t
web_output_length(void)
{
    return output_len;
}
