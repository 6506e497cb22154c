/*
 * sema_unit_hints.h - what a person meant by a unit goalc does not know
 * (sema_unit_hints.c, with the table unit_hints.def), for the help lines
 * of E0301 (sema_names) and E0205 (sema_funds).
 */
#ifndef GOALC_SEMA_UNIT_HINTS_H
#define GOALC_SEMA_UNIT_HINTS_H

struct catalog;

/* What the context says is measured. */
enum unit_hint_kind {
    UNIT_HINT_NONE,
    UNIT_HINT_MONEY,
    UNIT_HINT_PERSONS,
    UNIT_HINT_PERSON_TIMES,
};

/* What an indicator's name speaks of (培训人次: person-times, 人均补助: money). */
enum unit_hint_kind
unit_hint_kind_of_name(const char *name);

/* The unit meant by text: a Latin abbreviation's Chinese unit (KM → 公里),
   or the unit a bare multiplier makes for kind (万 → 万元); with no kind,
   the money one, and in *other the persons one when both exist.  NULL
   when text is neither, or the unit is not in the catalog. */
const char *
unit_hint_meant(const struct catalog *cat, const char *text, enum unit_hint_kind kind,
                const char **other);

#endif
