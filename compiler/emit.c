/*
 * emit.c - the registry of output formats.
 */
#include "emit.h"

#include <string.h>

static const struct emitter emitters[] = {
    {"json", "json", emit_json},
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
