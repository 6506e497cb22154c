/*
 * sema_unit_hints.c - the suggestions an unknown unit gets beyond "the
 * closest spelling": the tables of unit_hints.def (Latin abbreviations,
 * bare multipliers, the words of a name that say what it counts).  Only
 * units of the catalog are ever suggested.
 */
#include "sema/sema_unit_hints.h"

#include "model/catalog.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static const struct {
    const char *latin, *unit;
} unit_abbrevs[] = {
#define UNIT_ABBREV(latin, unit) {latin, unit},
#define UNIT_MULTIPLIER(word, money, persons, person_times)
#define UNIT_CUE(word, kind)
#include "sema/unit_hints.def"
#undef UNIT_ABBREV
#undef UNIT_MULTIPLIER
#undef UNIT_CUE
};

static const struct {
    const char *word, *units[4]; /* by enum unit_hint_kind; [0] unused */
} unit_multipliers[] = {
#define UNIT_ABBREV(latin, unit)
#define UNIT_MULTIPLIER(word, money, persons, person_times) {word, {"", money, persons, person_times}},
#define UNIT_CUE(word, kind)
#include "sema/unit_hints.def"
#undef UNIT_ABBREV
#undef UNIT_MULTIPLIER
#undef UNIT_CUE
};

static const struct {
    const char *word;
    enum unit_hint_kind kind;
} unit_cues[] = {
#define UNIT_ABBREV(latin, unit)
#define UNIT_MULTIPLIER(word, money, persons, person_times)
#define UNIT_CUE(word, kind) {word, UNIT_##kind},
#include "sema/unit_hints.def"
#undef UNIT_ABBREV
#undef UNIT_MULTIPLIER
#undef UNIT_CUE
};

static bool
ascii_case_equal(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

enum unit_hint_kind
unit_hint_kind_of_name(const char *name)
{
    for (size_t i = 0; i < sizeof unit_cues / sizeof unit_cues[0]; i++)
        if (strstr(name, unit_cues[i].word) != NULL)
            return unit_cues[i].kind;
    return UNIT_HINT_NONE;
}

static bool
known(const struct catalog *cat, const char *unit)
{
    return unit[0] != '\0' && catalog_unit(cat, unit) != NULL;
}

const char *
unit_hint_meant(const struct catalog *cat, const char *text, enum unit_hint_kind kind,
                const char **other)
{
    *other = NULL;
    for (size_t i = 0; i < sizeof unit_abbrevs / sizeof unit_abbrevs[0]; i++)
        if (ascii_case_equal(text, unit_abbrevs[i].latin) && known(cat, unit_abbrevs[i].unit))
            return unit_abbrevs[i].unit;
    for (size_t i = 0; i < sizeof unit_multipliers / sizeof unit_multipliers[0]; i++) {
        if (strcmp(text, unit_multipliers[i].word) != 0)
            continue;
        const char *const *units = unit_multipliers[i].units;
        if (kind != UNIT_HINT_NONE && known(cat, units[kind]))
            return units[kind];
        const char *money = known(cat, units[UNIT_HINT_MONEY]) ? units[UNIT_HINT_MONEY] : NULL;
        const char *persons = known(cat, units[UNIT_HINT_PERSONS]) ? units[UNIT_HINT_PERSONS] : NULL;
        if (money != NULL) {
            *other = persons;
            return money;
        }
        return persons;
    }
    return NULL;
}
