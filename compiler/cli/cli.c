/*
 * cli.c - helpers the goalc commands share: the tool's own messages (from
 * the phrase catalogue, diag/phrase.def), usage errors, and where and how a compilation's
 * diagnostics are reported (text, JSON Lines or a SARIF log).
 */
#include "cli/cli.h"

#include <stdarg.h>
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

void
cli_out_of_memory(const struct cli_options *o, const char *file)
{
    if (file == NULL)
        diag_tool_error(o->lang, PHRASE_OUT_OF_MEMORY);
    else
        diag_tool_error(o->lang, PHRASE_ABOUT_FILE, file, cli_tr(o, PHRASE_OUT_OF_MEMORY));
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
