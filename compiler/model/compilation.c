/*
 * compilation.c - the compilation and the helpers every stage uses on it.
 *
 * Owns: creating and freeing a compilation (one arena, one diagnostic
 * sink), the table of its sources by id, turning tree spans into
 * diagnostic locations and text, the per-compilation budget of "did you
 * mean" comparisons, and the lookup of a department's projects.  Knows
 * nothing of the order of the stages: that is the driver's.
 */
#include "model/compilation.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "base/name_map.h"
#include "base/source.h"
#include "base/suggest.h"

#include <stdlib.h>
#include <string.h>

struct compilation *
compilation_new(enum diag_lang lang)
{
    struct compilation *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->arena = arena_create();
    if (c->arena == NULL) {
        free(c);
        return NULL;
    }
    diag_sink_init(&c->diags, c->arena, lang);
    c->suggest_left = COMPILATION_SUGGEST_BUDGET;
    return c;
}

void
compilation_free(struct compilation *c)
{
    if (c == NULL)
        return;
    arena_destroy(c->arena);
    free(c);
}

const struct source *
compilation_source(const struct compilation *c, unsigned id)
{
    return id < c->source_count ? c->sources[id] : NULL;
}

void
compilation_add_source(struct compilation *c, struct source *src)
{
    *ARENA_PUSH(c->arena, c->sources, c->source_count, c->source_cap) = src;
}

struct diag_loc
compilation_loc(const struct compilation *c, struct ast_span span)
{
    struct diag_loc loc = {compilation_source(c, span.file), span.start, span.end};
    return loc;
}

const char *
compilation_text(const struct compilation *c, struct ast_span span)
{
    const struct source *src = compilation_source(c, span.file);
    return arena_strndup(c->arena, src->text + span.start, span.end - span.start);
}

const char *
compilation_suggest(struct compilation *c, const char *name, const char *const *candidates,
                    size_t count)
{
    return compilation_suggest_preferring(c, name, candidates, count, NULL);
}

const char *
compilation_suggest_preferring(struct compilation *c, const char *name,
                               const char *const *candidates, size_t count, const bool *preferred)
{
    if (count > c->suggest_left)
        return NULL;
    c->suggest_left -= count;
    return suggest_closest_preferring(name, candidates, count, preferred);
}

const struct compilation_department *
compilation_department(const struct compilation *c, const char *name)
{
    return name_map_get(c->departments, name);
}
