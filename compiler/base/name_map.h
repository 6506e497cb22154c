/*
 * name_map.h - spelling → pointer: the one hash map of the compiler, for
 * units, categories, departments and project names.  It lives in an arena
 * and grows there.
 */
#ifndef GOALC_NAME_MAP_H
#define GOALC_NAME_MAP_H

#include <stddef.h>

struct arena;
struct name_map;

/* Spelling → pointer table, growing in the arena. */
struct name_map *
name_map_new(struct arena *arena);
/* The same, with room for `expected` keys before it grows: small maps by the thousand. */
struct name_map *
name_map_new_sized(struct arena *arena, size_t expected);
void *
name_map_get(const struct name_map *map, const char *key);
/* Adds key; returns the value already there (and keeps it), or NULL when added. */
void *
name_map_put(struct name_map *map, const char *key, void *value);
/* Removes every key, in time proportional to their number (not to the
   map's capacity), so that one map can serve table after table. */
void
name_map_clear(struct name_map *map);
/* All keys in insertion order. */
const char **
name_map_keys(const struct name_map *map, size_t *count);

/* The arena the map lives in, for results that go with it. */
struct arena *
name_map_arena(const struct name_map *map);

#endif
