/*
 * name_map.c - a hash map from NUL-terminated strings to pointers, in an
 * arena.
 *
 * Open addressing with linear probing, FNV-1a hashes, a load factor of at
 * most one half.  Keys are not copied: they must live as long as the map
 * (strings of the same arena).  Keys are kept in insertion order too, for
 * name_map_keys() and for a clear that touches only the slots in use.
 */
#include "base/name_map.h"

#include "base/arena.h"

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
    *ARENA_PUSH(map->arena, map->keys, map->count, map->keys_cap) = key;
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


struct arena *
name_map_arena(const struct name_map *map)
{
    return map->arena;
}
