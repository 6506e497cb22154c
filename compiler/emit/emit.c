/*
 * emit.c - the registry of output formats: one row a format, the name
 * --format takes, the file extension, and the functions that write it
 * (pdf: the HTML, which the command has a browser print; sqlite: a
 * database of every input, emit_sqlite.c).
 * What the back ends read of the checked model is in model/model.h.
 */
#include "emit/emit.h"

#include <string.h>

static const struct emit_file csv_files[] = {
    {"indicators.csv", emit_csv_indicators_begin, emit_csv_indicators},
    {"funds.csv", emit_csv_funds_begin, emit_csv_funds},
};

static const struct emitter emitters[] = {
    {"json", "json", emit_json, NULL, 0, false, NULL},
    {"csv", NULL, NULL, csv_files, sizeof csv_files / sizeof csv_files[0], false, NULL},
    {"html", "html", emit_html, NULL, 0, false, NULL},
    {"md", "md", emit_markdown, NULL, 0, false, NULL},
    {"pdf", "pdf", emit_html, NULL, 0, true, NULL}, /* the HTML, printed by a browser */
    {"sqlite", NULL, NULL, NULL, 0, false, &emit_sqlite}, /* tables.db: every input */
};

const struct emitter *
emit_find(const char *name)
{
    for (size_t i = 0; i < sizeof emitters / sizeof emitters[0]; i++)
        if (strcmp(emitters[i].name, name) == 0)
            return &emitters[i];
    return NULL;
}

void
emit_list_formats(FILE *out, const char *sep)
{
    for (size_t i = 0; i < sizeof emitters / sizeof emitters[0]; i++)
        fprintf(out, "%s%s", i ? sep : "", emitters[i].name);
}
