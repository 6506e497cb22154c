/*
 * emit.c - the registry of output formats: one row a format, the name
 * --format takes, the file extension, and the functions that write it
 * (pdf: the HTML, which the command has a browser print; sqlite: a
 * database of every input, emit_sqlite.c; xlsx: a workbook of every
 * input, emit_xlsx.c).
 * What the back ends read of the checked model is in model/model.h.
 */
#include "emit/emit.h"

#include <string.h>

static const struct emit_file csv_files[] = {
    {"indicators.csv", emit_csv_indicators_begin, emit_csv_indicators},
    {"funds.csv", emit_csv_funds_begin, emit_csv_funds},
};

/* Designated: a member a format does not use is zero, and a new member
   (struct emitter) leaves the other rows as they are. */
static const struct emitter emitters[] = {
    {.name = "json", .extension = "json", .emit = emit_json},
    {.name = "csv", .files = csv_files, .file_count = sizeof csv_files / sizeof csv_files[0]},
    {.name = "html", .extension = "html", .emit = emit_html},
    {.name = "md", .extension = "md", .emit = emit_markdown},
    {.name = "pdf", .extension = "pdf", .emit = emit_html, .printed = true}, /* the HTML, printed */
    {.name = "sqlite", .database = &emit_sqlite}, /* tables.db: every input (emit_sqlite.c) */
    {.name = "xlsx", .database = &emit_xlsx}, /* tables.xlsx: every input (emit_xlsx.c) */
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
