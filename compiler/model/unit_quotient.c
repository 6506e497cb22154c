/*
 * unit_quotient.c - quotient units: any X/Y of declared units is a unit.
 *
 * 万元/公里, 人/年, 元/人·月 need no declaration: the spelling is read as
 * numerator atoms, a slash, denominator atoms (joined by · * ・, or by more
 * slashes: 元/人/月 = 元/人·月), each atom a declared unit of an atomic
 * dimension.  The quotient's dimension is the product of its atoms'
 * dimensions with their powers (金额·人数⁻¹), one struct dimension per
 * product, so that dimensions still compare by pointer: a 量纲 that
 * declares a quotient spelling (人均金额 with 元/人) names that product,
 * and a quotient nobody declared gets a dimension named after its factors
 * (金额/人数).
 *
 * Scales are exact decimals.  An atom in a numerator contributes its scale;
 * in a denominator, per ÷ its scale, where per (set by catalog_seal) is the
 * least whole number that makes every unit of its dimension divide it
 * exactly (月数: 年 = 12, 季度 = 3, so per = 3 and 元/年 = 0.25 元-per-3-月,
 * 元/月 = 3): one base of each quotient dimension then holds every unit of
 * it as a finite decimal, so conversions (0.2 万元/人 = 2000 元/人) stay
 * exact and compare with unit_to_base like any other unit.
 *
 * Derived units are kept in cat->quotients when first looked up: the only
 * mutation behind a const catalog, deterministic and idempotent.
 */
#include "model/catalog.h"

#include "base/arena.h"
#include "base/name_map.h"

#include <string.h>

/* The byte length of a joiner at s (· * ・), 0 when none. */
static size_t
joiner(const char *s)
{
    if (s[0] == '*')
        return 1;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xB7)
        return 2; /* · U+00B7 */
    if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x83 && (unsigned char)s[2] == 0xBB)
        return 3; /* ・ U+30FB */
    return 0;
}

static size_t
dimension_index(const struct catalog *cat, const struct dimension *d)
{
    for (size_t i = 0; i < cat->dimension_count; i++)
        if (cat->dimensions[i] == d)
            return i;
    return cat->dimension_count;
}

/* Adds dim^exp to q's factors, kept in declaration order; false when dim was
   on the other side of the slash. */
static bool
add_power(const struct catalog *cat, struct quotient *q, const struct dimension *dim, int exp)
{
    size_t at = dimension_index(cat, dim), i = 0;
    while (i < q->power_count && dimension_index(cat, q->powers[i].dim) < at)
        i++;
    if (i < q->power_count && q->powers[i].dim == dim) {
        if ((q->powers[i].exp > 0) != (exp > 0))
            return false;
        q->powers[i].exp += exp;
        return true;
    }
    if (q->power_count == QUOTIENT_MAX_POWERS)
        return true; /* reported as overflow by the caller */
    memmove(&q->powers[i + 1], &q->powers[i], (q->power_count - i) * sizeof q->powers[0]);
    q->powers[i] = (struct dim_power){dim, exp};
    q->power_count++;
    return true;
}

void
catalog_quotient(const struct catalog *cat, const char *spelling, struct quotient *out)
{
    memset(out, 0, sizeof *out);
    out->scale = (struct decimal){1, 0};
    const char *slash = strchr(spelling, '/');
    if (slash == NULL || slash == spelling)
        return; /* QUOTIENT_NONE: 元, /万 */
    /* First the shape: no empty atom anywhere (元/, 元//人, 元·/人). */
    for (const char *p = spelling;;) {
        size_t len = 0;
        while (p[len] != '\0' && p[len] != '/' && joiner(p + len) == 0)
            len++;
        if (len == 0)
            return;
        p += len;
        if (*p == '\0')
            break;
        p += *p == '/' ? 1 : joiner(p);
    }
    bool below = false, overflow = false;
    for (const char *p = spelling; *p != '\0';) {
        size_t len = 0;
        while (p[len] != '\0' && p[len] != '/' && joiner(p + len) == 0)
            len++;
        char *atom = arena_strndup(cat->arena, p, len);
        const struct unit *u = name_map_get(cat->units, atom);
        if (u == NULL || u->dimension->quotient) {
            out->status = QUOTIENT_UNKNOWN;
            out->atom = atom;
            out->atom_offset = (size_t)(p - spelling);
            return;
        }
        if (!add_power(cat, out, u->dimension, below ? -1 : 1)) {
            out->status = QUOTIENT_CANCELS;
            out->atom = atom;
            out->atom_offset = (size_t)(p - spelling);
            return;
        }
        struct decimal factor = u->scale;
        if (below && (u->dimension->per.coef == 0 ||
                      !decimal_div_exact(u->dimension->per, u->scale, &factor)))
            overflow = true;
        if (!overflow && !decimal_mul(out->scale, factor, &out->scale))
            overflow = true;
        p += len;
        if (*p == '/')
            below = true;
        if (*p != '\0')
            p += *p == '/' ? 1 : joiner(p);
    }
    out->scale = decimal_normalize(out->scale);
    out->status = overflow || out->power_count == QUOTIENT_MAX_POWERS ? QUOTIENT_OVERFLOW : QUOTIENT_OK;
}

/* The key of a product of dimensions: their indexes with their powers. */
static const char *
powers_key(const struct catalog *cat, const struct dim_power *p, size_t n)
{
    const char *key = "";
    for (size_t i = 0; i < n; i++)
        key = arena_printf(cat->arena, "%s%zu^%d;", key, dimension_index(cat, p[i].dim), p[i].exp);
    return key;
}

/* Whole numbers up to this stay exact through every product of scales. */
#define PER_LIMIT 1000000000LL

static int64_t
gcd(int64_t a, int64_t b)
{
    while (b != 0) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

void
catalog_seal(struct catalog *cat)
{
    size_t count;
    const char **names = name_map_keys(cat->units, &count);
    for (size_t i = 0; i < cat->dimension_count; i++) {
        cat->dimensions[i]->per = (struct decimal){1, 0};
        cat->dimensions[i]->quotient = false;
    }
    for (size_t i = 0; i < count; i++) {
        struct unit *u = name_map_get(cat->units, names[i]);
        struct dimension *d = (struct dimension *)u->dimension;
        const char *slash = strchr(u->name, '/');
        if (slash != NULL && slash != u->name)
            d->quotient = true;
        /* per: the least common multiple of the scales' coefficients without
           their factors 2 and 5, which any power of ten absorbs. */
        int64_t c = decimal_normalize(u->scale).coef;
        while (c > 0 && c % 2 == 0)
            c /= 2;
        while (c > 0 && c % 5 == 0)
            c /= 5;
        int64_t per = d->per.coef;
        if (per == 0 || c <= 0)
            continue;
        int64_t lcm = per / gcd(per, c);
        d->per.coef = lcm > PER_LIMIT / c ? 0 : lcm * c; /* 0: never below a slash */
    }
}

bool
catalog_set_quotient(struct catalog *cat, struct dimension *dim, const struct quotient *q,
                     const struct dimension **other)
{
    const char *key = powers_key(cat, q->powers, q->power_count);
    const struct dimension *old = name_map_get(cat->quotient_dims, key);
    if (old != NULL && old != dim) {
        *other = old;
        return false;
    }
    struct dim_power *powers = arena_alloc(cat->arena, (q->power_count + 1) * sizeof *powers);
    memcpy(powers, q->powers, q->power_count * sizeof *powers);
    dim->powers = powers;
    dim->power_count = q->power_count;
    name_map_put(cat->quotient_dims, key, dim);
    return true;
}

/* 金额/人数·月数, or money/persons·months: the name of a product nobody declared. */
const char *
catalog_quotient_name(const struct catalog *cat, const struct quotient *q, bool english)
{
    const char *top = "", *bottom = "";
    for (size_t i = 0; i < q->power_count; i++) {
        const struct dimension *d = q->powers[i].dim;
        const char *name = english && d->english[0] != '\0' ? d->english : d->name;
        int exp = q->powers[i].exp;
        for (int n = exp > 0 ? exp : -exp; n > 0; n--) {
            const char **side = exp > 0 ? &top : &bottom;
            *side = arena_printf(cat->arena, "%s%s%s", *side, (*side)[0] != '\0' ? "·" : "", name);
        }
    }
    if (bottom[0] == '\0')
        return top;
    return arena_printf(cat->arena, "%s/%s", top[0] != '\0' ? top : "1", bottom);
}

const char *
catalog_quotient_label(const struct catalog *cat, const struct quotient *q, bool english)
{
    struct quotient sorted = *q;
    sorted.power_count = 0;
    for (size_t i = 0; i < q->power_count; i++)
        add_power(cat, &sorted, q->powers[i].dim, q->powers[i].exp);
    const struct dimension *d =
        name_map_get(cat->quotient_dims, powers_key(cat, sorted.powers, sorted.power_count));
    return d != NULL ? dimension_label(d, english) : catalog_quotient_name(cat, &sorted, english);
}

const struct unit *
catalog_derived_unit(const struct catalog *cat, const char *spelling)
{
    const struct unit *known = name_map_get(cat->quotients, spelling);
    if (known != NULL)
        return known;
    struct quotient q;
    catalog_quotient(cat, spelling, &q);
    if (q.status != QUOTIENT_OK)
        return NULL;
    const char *key = powers_key(cat, q.powers, q.power_count);
    struct dimension *dim = name_map_get(cat->quotient_dims, key);
    if (dim == NULL) {
        dim = arena_alloc(cat->arena, sizeof *dim);
        memset(dim, 0, sizeof *dim);
        dim->name = catalog_quotient_name(cat, &q, false);
        dim->english = catalog_quotient_name(cat, &q, true);
        dim->quotient = true;
        struct dim_power *powers = arena_alloc(cat->arena, (q.power_count + 1) * sizeof *powers);
        memcpy(powers, q.powers, q.power_count * sizeof *powers);
        dim->powers = powers;
        dim->power_count = q.power_count;
        name_map_put(cat->quotient_dims, key, dim);
    }
    struct unit *u = arena_alloc(cat->arena, sizeof *u);
    memset(u, 0, sizeof *u);
    u->name = arena_strndup(cat->arena, spelling, strlen(spelling));
    u->scale = q.scale;
    u->dimension = dim;
    name_map_put(cat->quotients, u->name, u);
    return u;
}

const char *
dimension_label(const struct dimension *d, bool english)
{
    return english && d->english[0] != '\0' ? d->english : d->name;
}
