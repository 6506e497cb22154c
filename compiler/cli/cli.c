/*
 * cli.c - helpers the goalc commands share: the tool's own messages (from
 * the phrase catalogue, diag/phrase.def), usage errors, output files and
 * streams with their failures reported, paths shown escaped, and where and
 * how a compilation's diagnostics are reported (text, JSON Lines or a
 * SARIF log).
 */
#include "cli/cli.h"
#include "base/escape.h"
#include "platform/platform.h"
#include "base/writer.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *
cli_tr(const struct cli_options *o, enum diag_phrase_id id)
{
    return diag_phrase(o->lang, id);
}

int
cli_usage_error(const struct cli_options *o, enum diag_phrase_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    diag_tool_verror(o->lang, id, ap);
    va_end(ap);
    diag_tool_error(o->lang, PHRASE_TRY_HELP);
    return EXIT_TROUBLE;
}

struct compilation *
cli_compilation_new(const struct cli_options *o)
{
    struct compilation *c = compilation_new(o->lang);
    if (c == NULL)
        return NULL;
    c->diags.policy = &o->policy;
    c->stdlib_dir = o->stdlib_dir;
    c->encoding = o->encoding;
    c->include_roots = o->include_roots;
    c->include_root_count = o->include_root_count;
    return c;
}

void
cli_out_of_memory(const struct cli_options *o, const char *file)
{
    if (file == NULL)
        diag_tool_error(o->lang, PHRASE_OUT_OF_MEMORY);
    else
        diag_tool_error(o->lang, PHRASE_ABOUT_FILE, file, cli_tr(o, PHRASE_OUT_OF_MEMORY));
}

char *
cli_path_shown(const char *path)
{
    size_t n = strlen(path);
    if (!escape_path_needed(path, n)) {
        char *copy = malloc(n + 1);
        if (copy != NULL)
            memcpy(copy, path, n + 1);
        return copy;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *m = platform_memstream_open(&text, &len);
    if (m == NULL)
        return NULL;
    char buf[256];
    struct writer w;
    writer_init(&w, m, buf, sizeof buf);
    escape_path_to(&w, path, n);
    writer_byte(&w, '\0');
    writer_flush(&w);
    bool ok = !ferror(m);
    if (platform_memstream_close(m) != 0 || !ok) {
        free(text);
        return NULL;
    }
    return text;
}

bool
cli_output_open(const struct cli_options *o, struct output *out, const char *path,
                enum output_mode mode)
{
    if (!output_open(out, path, mode)) {
        if (out->refused == OUTPUT_READ_ONLY)
            diag_tool_error(o->lang, PHRASE_FMT_READ_ONLY, path);
        else if (out->refused == OUTPUT_HARD_LINKED)
            diag_tool_error(o->lang, PHRASE_FMT_HARD_LINKED, path);
        else
            diag_tool_error(o->lang, PHRASE_CANNOT_WRITE, path, strerror(out->error));
        output_abort(out);
        return false;
    }
    if (out->owner_error != 0)
        diag_tool_warning(o->lang, PHRASE_OWNER_NOT_KEPT, path, strerror(out->owner_error));
    return true;
}

/* Reports that writing to standard output failed, once: a stream that failed keeps
   its error flag, and every later check would say it again. */
static void
report_stdout(const struct cli_options *o, int err)
{
    static bool reported;
    if (!reported)
        diag_tool_error(o->lang, PHRASE_CANNOT_WRITE_STDOUT, strerror(err));
    reported = true;
}

bool
cli_output_commit(const struct cli_options *o, struct output *out)
{
    char *path = out->path;
    out->path = NULL; /* kept for the message: output_commit frees what it holds */
    bool to_stdout = out->fp == stdout;
    bool ok = output_commit(out);
    if (!ok && to_stdout)
        report_stdout(o, out->error);
    else if (!ok)
        diag_tool_error(o->lang, PHRASE_CANNOT_WRITE, path != NULL ? path : "",
                        strerror(out->error));
    if (!ok)
        output_abort(out);
    free(path);
    return ok;
}

bool
cli_stream_ok(const struct cli_options *o, FILE *fp)
{
    int err = output_stream_error(fp);
    if (err != 0 && fp == stdout)
        report_stdout(o, err);
    return err == 0; /* a failed stderr cannot be told about */
}

/*
 * Where json and sarif diagnostics go: standard output, unless build
 * writes its output there (no -o, or -o -); text always goes to stderr.
 */
FILE *
cli_diagnostics_stream(const struct cli_options *o)
{
    if (o->command == CMD_BUILD && (o->output == NULL || strcmp(o->output, "-") == 0))
        return stderr;
    return stdout;
}

/* The diagnostics of one compilation, in the chosen format; sarif collects them. */
void
cli_report(const struct cli_options *o, struct diag_sarif *sarif, const struct compilation *c,
       const struct diag_render_options *render)
{
    switch (o->diagnostics) {
    case DIAG_FORMAT_TEXT:
        diag_render(&c->diags, stderr, render);
        break;
    case DIAG_FORMAT_JSON:
        diag_render_json(&c->diags, cli_diagnostics_stream(o));
        break;
    case DIAG_FORMAT_SARIF:
        diag_sarif_add(sarif, &c->diags);
        break;
    }
}
