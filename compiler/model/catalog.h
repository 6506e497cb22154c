/*
 * catalog.h - what the compiler knows: units and indicator frameworks.
 *
 * Nothing here is built into the C code.  The catalog is gathered from the
 * 量纲 (dimension) and 框架 (framework) declarations of the stdlib
 * (the .goal files of stdlib/, embedded at build time or read from --stdlib DIR) and of
 * the user's own files, by sema_declare.  Later passes and back ends only
 * look things up.  Everything lives in the compilation's arena.
 */
#ifndef GOALC_CATALOG_H
#define GOALC_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/decimal.h"

struct arena;
struct ast_node;

/* Attribute words of a 量纲 declaration. */
enum dimension_flag {
    DIM_WHOLE = 1 << 0, /* 整数: counts, whole in base units */
    DIM_TIME = 1 << 1,  /* 时间: a duration */
    DIM_RATIO = 1 << 2, /* 比率: a rate, base unit the percent */
    DIM_MONEY = 1 << 3, /* 金额 */
};

/* Attribute words of a 一级 / 二级 declaration. */
enum category_flag {
    CAT_REQUIRED = 1 << 0,     /* 必备: a table with 指标 must have it (level 1) */
    CAT_QUANTITY = 1 << 1,     /* 数量类 */
    CAT_TIMELINESS = 1 << 2,   /* 时效类 */
    CAT_COST = 1 << 3,         /* 成本类 */
    CAT_SATISFACTION = 1 << 4, /* 满意度类 */
    CAT_MEASURABLE = 1 << 5,   /* 量化类: the guidance asks for measurable targets */
};

struct dimension;

/* One factor of a quotient dimension: an atomic dimension and its power. */
struct dim_power {
    const struct dimension *dim;
    int exp; /* ≠ 0: 1 in a numerator, -1 per denominator */
};

struct dimension {
    const char *name;
    const char *english; /* "" when not given */
    unsigned flags;      /* enum dimension_flag */
    const char *base;    /* the spelling whose scale is 1, or NULL */
    const struct ast_node *decl; /* NULL: a quotient no declaration names */
    /* Quotient units (unit_quotient.c).  A dimension with a unit spelt as a
       quotient of other units (元/人) is a quotient dimension: its factors
       are set by catalog_seal, and its units are never atoms of another
       quotient.  per: one unit of this atomic dimension in a denominator is
       per base units of the quotient, so that every quotient's scale is an
       exact decimal (1 年 = 12 个月: per is 3, 元/年 is 0.25 and 元/月 3). */
    bool quotient;
    const struct dim_power *powers;
    size_t power_count;
    struct decimal per;
};

struct unit {
    const char *name;
    struct decimal scale; /* how many base units one of this unit is */
    const struct dimension *dimension;
    const struct ast_node *decl; /* the UNIT_DEF */
};

struct framework;

struct category {
    const char *name; /* canonical */
    const char *english;
    int level;      /* 1 or 2 */
    unsigned flags; /* enum category_flag, as declared; see category_kinds() */
    const struct category *parent; /* level 2: its level-1 category */
    const struct framework *framework;
    const struct ast_node *decl; /* the first LEVEL that declared it */
    struct category **children;  /* level 1: its level-2 categories, in order */
    size_t child_count, child_cap;
};

struct name_map; /* spelling → pointer (name_map.h) */

struct framework {
    const char *name;
    const char *description;
    const struct ast_node *decl;
    struct category **level1; /* in declaration order */
    size_t level1_count, level1_cap;
    struct name_map *names; /* canonical names and aliases → category */
};

/* A partition a 资金 total may be split by (按 NAME), from a 划分 declaration. */
struct partition_kind {
    const char *name;
    const char *english; /* "" when not given; a spelling too */
    const char **lines;  /* the lines the official form has, in order */
    size_t line_count, line_cap;
    const struct ast_node *decl; /* the first declaration */
};

struct catalog {
    struct arena *arena;
    struct name_map *units; /* spelling → unit */
    struct dimension **dimensions;
    size_t dimension_count, dimension_cap;
    struct framework **frameworks;
    size_t framework_count, framework_cap;
    struct partition_kind **partitions; /* in declaration order */
    size_t partition_count, partition_cap;
    struct name_map *partition_names;   /* name and English → partition_kind */
    struct name_map *quotients;         /* derived units: spelling → unit */
    struct name_map *quotient_dims;     /* a quotient's factors (its key) → dimension */
};

struct catalog *
catalog_new(struct arena *arena);

/* Lookups; NULL when unknown.  A unit is a declared spelling, or a quotient
   of declared units (万元/公里, 元/人·月): derived when first looked up and
   kept, with the dimension of that quotient (unit_quotient.c). */
const struct unit *
catalog_unit(const struct catalog *cat, const char *spelling);

/* --- quotient units (unit_quotient.c) ------------------------------------ */

enum quotient_status {
    QUOTIENT_NONE,     /* not spelt X/Y with units on both sides of the slash */
    QUOTIENT_OK,
    QUOTIENT_UNKNOWN,  /* atom is no declared unit (or one of a quotient dimension) */
    QUOTIENT_CANCELS,  /* atom's dimension is above and below the slash (元/万元) */
    QUOTIENT_OVERFLOW, /* the scale has no exact form in 18 digits */
};

#define QUOTIENT_MAX_POWERS 8

struct quotient {
    enum quotient_status status;
    const char *atom; /* UNKNOWN, CANCELS: the atom, in the arena */
    size_t atom_offset; /* its byte offset in the spelling */
    struct dim_power powers[QUOTIENT_MAX_POWERS]; /* by declaration order of the dimensions */
    size_t power_count;
    struct decimal scale; /* in base units of the quotient (see struct dimension) */
};

/* Reads spelling as a quotient: numerator atoms joined by · * ・, then one or
   more / each followed by denominator atoms so joined (元/人/月 = 元/人·月). */
void
catalog_quotient(const struct catalog *cat, const char *spelling, struct quotient *out);
/* After every declaration: marks quotient dimensions and sets each atomic
   dimension's per.  The caller then gives each declared quotient
   dimension its factors with catalog_set_quotient. */
void
catalog_seal(struct catalog *cat);
/* Gives dim the factors of q; false when another dimension has them (*other). */
bool
catalog_set_quotient(struct catalog *cat, struct dimension *dim, const struct quotient *q,
                     const struct dimension **other);
/* The derived unit of a quotient spelling (kept in cat->quotients), or NULL. */
const struct unit *
catalog_derived_unit(const struct catalog *cat, const char *spelling);
/* The product q is, by its factors' names (金额/人数·月数) or English ones. */
const char *
catalog_quotient_name(const struct catalog *cat, const struct quotient *q, bool english);
/* The same, or the name of the dimension that names that quotient (人均金额). */
const char *
catalog_quotient_label(const struct catalog *cat, const struct quotient *q, bool english);
/* A dimension's text: its name, or English when asked and known. */
const char *
dimension_label(const struct dimension *d, bool english);
const struct framework *
catalog_framework(const struct catalog *cat, const char *name);
/* A declared partition by its name or English name. */
const struct partition_kind *
catalog_partition(const struct catalog *cat, const char *name);
/* A category of the framework by its name or an alias, at any level. */
const struct category *
framework_category(const struct framework *fw, const char *name);

/* Every partition name and English spelling, for suggestions. */
const char **
catalog_partition_spellings(const struct catalog *cat, size_t *count);
/* Every unit spelling, or every name and alias of fw (level 0: any), for suggestions. */
const char **
catalog_unit_names(const struct catalog *cat, size_t *count);
const char **
framework_names(const struct framework *fw, int level, const struct category *parent,
                size_t *count);

/* The flags of a category with those of its level-1 category. */
unsigned
category_kinds(const struct category *c);

/* Powers of ten from a money unit to 元 (万元: 4); -1 when u is not one: the
   money units are those of a dimension marked 金额 whose scale is a power of
   ten (元, 千元, 万元, 亿元 in the stdlib). */
int
unit_money_exponent(const struct unit *u);

/* value in unit, in base units of its dimension; false on overflow. */
bool
unit_to_base(const struct unit *unit, struct decimal value, struct decimal *out);

#endif
