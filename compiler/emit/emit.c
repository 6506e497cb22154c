/*
 * emit.c - the registry of output formats: one row a format, the name
 * --format takes, the file extension, and the functions that write it
 * (pdf: the HTML, which the command has a browser print).
 * What the back ends read of the checked model is in model/model.h.
 */
#include "emit/emit.h"

#include <string.h>

static const struct emit_file csv_files[] = {
    {"indicators.csv", emit_csv_indicators_begin, emit_csv_indicators},
    {"funds.csv", emit_csv_funds_begin, emit_csv_funds},
};

static const struct emitter emitters[] = {
    {"json", "json", emit_json, NULL, 0},
    {"csv", NULL, NULL, csv_files, sizeof csv_files / sizeof csv_files[0]},
    {"html", "html", emit_html, NULL, 0},
    {"md", "md", emit_markdown, NULL, 0},
    {"pdf", "pdf", emit_html, NULL, 0}, /* printed: see emit_is_printed() */
};

const struct emitter *
emit_find(const char *name)
{
    for (size_t i = 0; i < sizeof emitters / sizeof emitters[0]; i++)
        if (strcmp(emitters[i].name, name) == 0)
            return &emitters[i];
    return NULL;
}

/*
 * The per-input formats that take emit_options, beside the registry rather
 * than a column of it: most formats take none, and their rows stay as
 * they are.  An emit of a row here writes with the defaults.
 */
static const struct {
    void (*emit)(const struct compilation *c, FILE *out);
    void (*with_options)(const struct compilation *c, FILE *out, const struct emit_options *opt);
} with_options[] = {
    {emit_json, emit_json_with_options},
    {emit_html, emit_html_with_options},
};

void
emit_write(const struct emitter *e, const struct compilation *c, FILE *out,
           const struct emit_options *opt)
{
    for (size_t i = 0; i < sizeof with_options / sizeof with_options[0]; i++)
        if (with_options[i].emit == e->emit) {
            with_options[i].with_options(c, out, opt);
            return;
        }
    e->emit(c, out);
}

void
emit_list_formats(FILE *out, const char *sep)
{
    for (size_t i = 0; i < sizeof emitters / sizeof emitters[0]; i++)
        fprintf(out, "%s%s", i ? sep : "", emitters[i].name);
}

bool
emit_is_printed(const struct emitter *e)
{
    return strcmp(e->name, "pdf") == 0;
}
