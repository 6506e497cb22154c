/*
 * catalog.c - the lookup side of the catalog: units, frameworks and their
 * categories by spelling, the names for suggestions, unit conversion.
 *
 * The tables are name_maps (name_map.h), whose keys stay in insertion
 * order, so that suggestions and listings never depend on hash order.
 */
#include "model/catalog.h"

#include "base/arena.h"
#include "base/name_map.h"

#include <string.h>

struct catalog *
catalog_new(struct arena *arena)
{
    struct catalog *cat = arena_alloc(arena, sizeof *cat);
    memset(cat, 0, sizeof *cat);
    cat->arena = arena;
    cat->units = name_map_new(arena);
    cat->partition_names = name_map_new(arena);
    cat->quotients = name_map_new(arena);
    cat->quotient_dims = name_map_new(arena);
    return cat;
}

const struct partition_kind *
catalog_partition(const struct catalog *cat, const char *name)
{
    return name_map_get(cat->partition_names, name);
}

const struct unit *
catalog_unit(const struct catalog *cat, const char *spelling)
{
    const struct unit *u = name_map_get(cat->units, spelling);
    return u != NULL ? u : catalog_derived_unit(cat, spelling);
}

const struct framework *
catalog_framework(const struct catalog *cat, const char *name)
{
    for (size_t i = 0; i < cat->framework_count; i++)
        if (strcmp(cat->frameworks[i]->name, name) == 0)
            return cat->frameworks[i];
    return NULL;
}

const struct category *
framework_category(const struct framework *fw, const char *name)
{
    return name_map_get(fw->names, name);
}

const char **
catalog_partition_spellings(const struct catalog *cat, size_t *count)
{
    return name_map_keys(cat->partition_names, count);
}

const char **
catalog_unit_names(const struct catalog *cat, size_t *count)
{
    return name_map_keys(cat->units, count);
}

const char **
framework_names(const struct framework *fw, int level, const struct category *parent,
                size_t *count)
{
    size_t all;
    const char **keys = name_map_keys(fw->names, &all);
    const char **out = arena_alloc(name_map_arena(fw->names), (all + 1) * sizeof *out);
    size_t n = 0;
    for (size_t i = 0; i < all; i++) {
        const struct category *c = name_map_get(fw->names, keys[i]);
        if ((level == 0 || c->level == level) && (parent == NULL || c->parent == parent))
            out[n++] = keys[i];
    }
    *count = n;
    return out;
}

int
unit_money_exponent(const struct unit *u)
{
    if (u == NULL || !(u->dimension->flags & DIM_MONEY) || u->scale.scale != 0)
        return -1;
    int exponent = 0;
    int64_t coef = u->scale.coef;
    while (coef % 10 == 0) {
        coef /= 10;
        exponent++;
    }
    return coef == 1 ? exponent : -1;
}

bool
unit_to_base(const struct unit *unit, struct decimal value, struct decimal *out)
{
    return decimal_mul(value, unit->scale, out);
}

unsigned
category_kinds(const struct category *c)
{
    return c->flags | (c->parent != NULL ? c->parent->flags : 0);
}
