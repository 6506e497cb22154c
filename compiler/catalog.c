/*
 * catalog.c - the lookup side of the catalog, and its name tables.
 *
 * A name_map is an open-addressing hash table (FNV-1a, linear probing,
 * kept at most half full) whose keys also stay in insertion order, so
 * that suggestions and listings never depend on hash order.  Nothing is
 * ever removed except by name_map_clear, which empties the whole map.
 */
#include "catalog.h"

#include "arena.h"

#include <stdint.h>
#include <string.h>

struct name_slot {
    const char *key;
    void *value;
};

struct name_map {
    struct arena *arena;
    struct name_slot *slots;
    size_t cap; /* a power of two */
    const char **keys;
    size_t count, keys_cap;
};

static uint64_t
hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h;
}

struct name_map *
name_map_new(struct arena *arena)
{
    return name_map_new_sized(arena, 32);
}

struct name_map *
name_map_new_sized(struct arena *arena, size_t expected)
{
    struct name_map *m = arena_alloc(arena, sizeof *m);
    memset(m, 0, sizeof *m);
    m->arena = arena;
    m->cap = 4;
    while (m->cap < expected * 2)
        m->cap *= 2;
    m->slots = arena_alloc(arena, m->cap * sizeof *m->slots);
    memset(m->slots, 0, m->cap * sizeof *m->slots);
    return m;
}

static struct name_slot *
find_slot(struct name_slot *slots, size_t cap, const char *key)
{
    size_t i = (size_t)hash(key) & (cap - 1);
    while (slots[i].key != NULL && strcmp(slots[i].key, key) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

void *
name_map_get(const struct name_map *map, const char *key)
{
    return find_slot(map->slots, map->cap, key)->value;
}

static void
grow(struct name_map *m)
{
    size_t cap = m->cap * 2;
    struct name_slot *slots = arena_alloc(m->arena, cap * sizeof *slots);
    memset(slots, 0, cap * sizeof *slots);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key != NULL)
            *find_slot(slots, cap, m->slots[i].key) = m->slots[i];
    m->slots = slots;
    m->cap = cap;
}

void *
name_map_put(struct name_map *map, const char *key, void *value)
{
    struct name_slot *s = find_slot(map->slots, map->cap, key);
    if (s->key != NULL)
        return s->value;
    s->key = key;
    s->value = value;
    if (map->count == map->keys_cap) {
        size_t cap = map->keys_cap ? map->keys_cap * 2 : map->cap / 2;
        const char **keys = arena_alloc(map->arena, cap * sizeof *keys);
        if (map->count > 0)
            memcpy(keys, map->keys, map->count * sizeof *keys);
        map->keys = keys;
        map->keys_cap = cap;
    }
    map->keys[map->count++] = key;
    if (map->count * 2 > map->cap)
        grow(map);
    return NULL;
}

void
name_map_clear(struct name_map *map)
{
    /* Wiping a slot costs far less than hashing a key: wipe them all unless
       the map is large and holds few keys (it grew for an earlier table). */
    if (map->cap <= 32 * map->count) {
        memset(map->slots, 0, map->cap * sizeof *map->slots);
        map->count = 0;
        return;
    }
    for (size_t k = 0; k < map->count; k++) {
        /* Not find_slot: a slot emptied just before may lie on this key's probe path. */
        size_t i = (size_t)hash(map->keys[k]) & (map->cap - 1);
        while (map->slots[i].key != map->keys[k])
            i = (i + 1) & (map->cap - 1);
        map->slots[i] = (struct name_slot){NULL, NULL};
    }
    map->count = 0;
}

const char **
name_map_keys(const struct name_map *map, size_t *count)
{
    *count = map->count;
    return map->keys;
}

struct catalog *
catalog_new(struct arena *arena)
{
    struct catalog *cat = arena_alloc(arena, sizeof *cat);
    memset(cat, 0, sizeof *cat);
    cat->arena = arena;
    cat->units = name_map_new(arena);
    return cat;
}

const struct unit *
catalog_unit(const struct catalog *cat, const char *spelling)
{
    return name_map_get(cat->units, spelling);
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
    const char **out = arena_alloc(fw->names->arena, (all + 1) * sizeof *out);
    size_t n = 0;
    for (size_t i = 0; i < all; i++) {
        const struct category *c = name_map_get(fw->names, keys[i]);
        if ((level == 0 || c->level == level) && (parent == NULL || c->parent == parent))
            out[n++] = keys[i];
    }
    *count = n;
    return out;
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
