/*
 * cmd_fmt.c - goalc fmt: print each file in the canonical layout (fmt.c),
 * rewrite it in place (-w, atomically through output.c), or with --check
 * print a `diff -u` against the canonical layout and exit 1.  Files are
 * only parsed, never checked: fmt works on a table with semantic errors.
 * With --fill a file is compiled instead (the driver, includes and stdlib
 * and all), formatted with the values goalc computes written in
 * (fmt_file_filled), and left alone when it has errors.
 */
#include "cli/cli.h"
#include "platform/platform.h"
#include "diag/diag.h"
#include "diag/diag_format.h"
#include "driver.h"
#include "front/fmt.h"
#include "cli/output.h"
#include "cli/spawn.h"
#include "front/parse.h"
#include "base/source.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- goalc fmt ------------------------------------------------------------- */

/* `diff -u` of the file as it is and as fmt writes it, on standard output. */
static void
fmt_print_diff(const struct cli_options *o, const char *name, const struct source *src,
               const char *formatted, size_t len)
{
    char *old_path = output_scratch_file(src->text, src->len);
    char *new_path = output_scratch_file(formatted, len);
    char *shown = cli_path_shown(name);
    bool printed = false;
    if (old_path != NULL && new_path != NULL && shown != NULL) {
        char *label = malloc(strlen(shown) + sizeof " (formatted)");
        if (label != NULL) {
            sprintf(label, "%s (formatted)", shown);
            printed = spawn_diff(shown, label, old_path, new_path) == 1;
            free(label);
        }
    }
    if (!printed)
        printf("%s: %s\n", shown != NULL ? shown : "", cli_tr(o, PHRASE_NOT_FORMATTED));
    free(shown);
    output_scratch_remove(old_path);
    output_scratch_remove(new_path);
}

/* The file's diagnostics on standard error. */
static void
fmt_report(const struct cli_options *o, struct compilation *c,
           const struct diag_render_options *render)
{
    if (o->diagnostics == DIAG_FORMAT_SARIF) /* no log for fmt: its messages as text */
        diag_render(&c->diags, stderr, render);
    else
        cli_report(o, NULL, c, render);
}

/* Formats one file: prints it, rewrites it (-w) or compares it (--check); an exit status. */
static int
fmt_one(const struct cli_options *o, const char *path)
{
    struct compilation *c = cli_compilation_new(o);
    if (c == NULL) {
        cli_out_of_memory(o, NULL);
        return EXIT_TROUBLE;
    }
    struct parse_comments comments;
    enum compile_status st = o->fmt_fill ? driver_run_with_comments(c, path, &comments)
                                         : driver_parse_only(c, path, &comments);
    struct diag_render_options render = {o->color, o->ambiguous_width};
    int status = 0;
    if (st != COMPILE_OK) {
        fmt_report(o, c, &render);
        if (st == COMPILE_OOM)
            cli_out_of_memory(o, path);
        status = st == COMPILE_ERRORS ? EXIT_INPUT_ERRORS : EXIT_TROUBLE;
        compilation_free(c);
        return status;
    }
    const struct source *src = compilation_source(c, 0);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = platform_memstream_open(&text, &len);
    if (mem == NULL) {
        cli_out_of_memory(o, NULL);
        compilation_free(c);
        return EXIT_TROUBLE;
    }
    if (o->fmt_fill)
        fmt_file_filled(mem, c, &comments, &o->fmt);
    else
        fmt_file(mem, c->root, src, &comments, &o->fmt);
    fmt_report(o, c, &render); /* with --fill, the warnings of what it could not fill */
    if (platform_memstream_close(mem) != 0) {
        cli_out_of_memory(o, NULL);
        free(text);
        compilation_free(c);
        return EXIT_TROUBLE;
    }
    bool same = len == src->len && memcmp(text, src->text, len) == 0;
    if (o->fmt_check) {
        if (!same) {
            fmt_print_diff(o, path, src, text, len);
            status = cli_stream_ok(o, stdout) ? EXIT_INPUT_ERRORS : EXIT_TROUBLE;
        }
    } else if (!o->fmt_write || strcmp(path, "-") == 0) {
        fwrite(text, 1, len, stdout);
        if (!cli_stream_ok(o, stdout))
            status = EXIT_TROUBLE;
    } else if (!same || o->encoding != TRANSCODE_UTF8) { /* -w writes UTF-8 */
        struct output out;
        bool ok = cli_output_open(o, &out, path, OUTPUT_REWRITE);
        if (ok) {
            fwrite(text, 1, len, out.fp);
            ok = cli_output_commit(o, &out);
        }
        if (!ok)
            status = EXIT_TROUBLE;
    }
    free(text);
    compilation_free(c);
    return status;
}

int
cli_run_fmt(const struct cli_options *o)
{
    int status = 0;
    for (size_t i = 0; i < o->file_count; i++) {
        int st = fmt_one(o, o->files[i]);
        if (st > status)
            status = st;
    }
    return status;
}
