/*
 * ast.h - the syntax tree of a goal-table source.
 *
 * One node type with a kind and a union of payloads; every node carries the
 * byte range it was parsed from.  The tree mirrors the source faithfully
 * (spellings of names and units as written, amounts as exact decimal text);
 * keyword and comparator spellings are already folded to one core form.
 * Nodes live in the compilation's arena and are never freed one by one.
 */
#ifndef GOALC_AST_H
#define GOALC_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/decimal.h"

struct arena;
struct category;
struct framework;

enum ast_kind {
#define AST_KIND(id, name) AST_##id,
#include "model/ast.def"
#undef AST_KIND
};

/* A byte range in source number `file` (its id in the compilation). */
struct ast_span {
    uint32_t file;
    uint32_t start, end;
};

/* A string from the source: decoded text (NUL-terminated) and where it was. */
struct ast_str {
    const char *text; /* NULL when absent */
    uint32_t len;     /* a source is at most 4 GB (spans are 32-bit) */
    struct ast_span span;
};

/* An exact decimal as written, without thousands separators ("25656.78"). */
struct ast_number {
    const char *digits; /* NULL when absent */
    struct ast_span span;
};

/* A calendar date as written; year 0 means "the table's year". */
struct ast_date {
    int year;
    int month;
    int day;           /* 0 when only the month is given */
    bool end_of_month; /* 12月底 */
    struct ast_span span;
};

/* A value with its unit as written (unit.text NULL when none): 548000人. */
struct ast_quantity {
    struct ast_number value;
    struct ast_str unit;
};

enum ast_cmp { AST_CMP_EQ, AST_CMP_GE, AST_CMP_LE, AST_CMP_GT, AST_CMP_LT };

enum ast_text_kind { AST_TEXT_DUTIES, AST_TEXT_GOAL, AST_TEXT_PERIOD_GOAL };

enum ast_target_kind {
    AST_TARGET_COMPARISON,  /* [cmp] value [unit] [以上|以下] */
    AST_TARGET_RANGE,       /* value [unit] .. value [unit] */
    AST_TARGET_DEADLINE,    /* [cmp] date [前] */
    AST_TARGET_PERIOD,      /* date .. date */
    AST_TARGET_QUALITATIVE, /* [定性] string */
};

/* How the comparator of a comparison or deadline was written. */
enum ast_cmp_form {
    AST_CMP_FORM_NONE,   /* a bare value: equal */
    AST_CMP_FORM_PREFIX, /* ≥ 90% */
    AST_CMP_FORM_SUFFIX, /* 90%以上, 2024-12-31前 */
};

enum ast_modifier_kind {
    AST_MOD_STANDARD, /* 标准 target */
    AST_MOD_WEIGHT,   /* 分值 number */
    AST_MOD_NOTE,     /* 备注 string */
    AST_MOD_ITEM,     /* 项目 string: the budget item measured */
};

struct ast_list {
    struct ast_node *first, *last;
    size_t count;
};

/*
 * A node is allocated only as large as its kind's member of u (a target only
 * up to the last member its target kind uses): reading another kind's
 * member is reading past the node.  The sanitizer build gives each node its
 * own block, so such a read is caught there.
 */
struct ast_node {
    enum ast_kind kind;
    struct ast_span span;
    struct ast_node *next; /* sibling in the enclosing list */
    union {
        struct {
            struct ast_list items;
        } file;
        struct {
            struct ast_str path;
            struct ast_node *file; /* the included FILE, set by the driver */
        } include;
        struct { /* DEPARTMENT, PROJECT */
            struct ast_str name;
            struct ast_list body;
            /* Set by sema_names: the framework the table's categories follow,
               and its year (its own 年度, else its department's; 0 if none). */
            const struct framework *framework;
            int year;
        } decl;
        struct {
            struct ast_str name;
        } department_ref;
        struct {
            struct ast_number value;
        } year;
        struct {
            struct ast_str name;
            struct ast_str value;
        } attribute;
        struct {
            enum ast_text_kind which;
            struct ast_str text;
        } text;
        struct {
            struct ast_node *value; /* a TARGET: a duration or a period of dates */
        } period;
        struct { /* FUNDS (name absent, unit optional), FUND_LINE (unit absent) */
            struct ast_str name;
            struct ast_str unit;
            struct ast_number amount;
            struct ast_list items; /* FUND_LINE, PARTITION, OF_WHICH */
            /* Filled in by sema_funds: the amount, written or summed from the parts. */
            struct decimal total;
            const char *money_unit; /* FUNDS: unit as written, or model_default_money_unit */
            bool total_known; /* false when neither written nor computable */
            bool computed;    /* total_known, and summed rather than written */
        } fund;
        struct { /* PARTITION (name = what it is by), OF_WHICH (name absent) */
            struct ast_str name;
            struct ast_list lines;
        } partition;
        struct {
            struct ast_list categories;
        } indicators;
        struct { /* level-1 (level == 1) or level-2 (level == 2) */
            int level;
            struct ast_str name;
            struct ast_list items; /* CATEGORY, INDICATOR or NOT_APPLICABLE */
            const struct category *def; /* set by sema_names */
        } category;
        struct {
            struct ast_str name;
            struct ast_node *target;
            struct ast_list modifiers;
        } indicator;
        struct { /* allocated only up to the last member its kind uses */
            enum ast_target_kind kind;
            enum ast_cmp cmp;
            enum ast_cmp_form cmp_form;
            bool qualitative_keyword; /* 定性 was written */
            union {
                struct {
                    struct ast_quantity value; /* COMPARISON, RANGE */
                    struct ast_quantity high;  /* RANGE */
                };
                struct {
                    struct ast_date date;    /* DEADLINE, PERIOD */
                    struct ast_date date_to; /* PERIOD */
                };
                struct ast_str text; /* QUALITATIVE */
            };
        } target;
        struct { /* FRAMEWORK, LEVEL (level 1 or 2), DIMENSION, PARTITION_DEF: declarations */
            struct ast_str name;
            struct ast_str english; /* FRAMEWORK: its description */
            int level;              /* LEVEL */
            struct ast_list flags;   /* NAME: attribute words (必备, 整数…) */
            struct ast_list aliases; /* NAME: other spellings (LEVEL) */
            struct ast_list items;   /* LEVEL (FRAMEWORK, level 1), UNIT_DEF (DIMENSION), NAME (PARTITION_DEF) */
        } def;
        struct { /* UNIT_DEF: a spelling and how many base units it is */
            struct ast_str name;
            struct ast_number scale; /* absent: 1 */
        } unit_def;
        struct { /* FRAMEWORK_REF, NAME */
            struct ast_str name;
        } ref;
        struct {
            enum ast_modifier_kind kind;
            struct ast_node *target; /* STANDARD */
            struct ast_number number; /* WEIGHT */
            struct ast_str text;      /* NOTE, ITEM */
        } modifier;
    } u;
};

const char *
ast_kind_name(enum ast_kind kind);
const char *
ast_cmp_name(enum ast_cmp cmp); /* "ge", "le", ... */
const char *
ast_cmp_symbol(enum ast_cmp cmp); /* "≥", "≤", ... */

void
ast_list_append(struct ast_list *list, struct ast_node *node);

/* Constructors: one per production shape, called from the grammar. */
struct ast_node *
ast_new(struct arena *a, enum ast_kind kind, struct ast_span span);
struct ast_node *
ast_new_file(struct arena *a, struct ast_span span, struct ast_list items);
struct ast_node *
ast_new_include(struct arena *a, struct ast_span span, struct ast_str path);
struct ast_node *
ast_new_decl(struct arena *a, enum ast_kind kind, struct ast_span span, struct ast_str name,
             struct ast_list body);
struct ast_node *
ast_new_department_ref(struct arena *a, struct ast_span span, struct ast_str name);
struct ast_node *
ast_new_year(struct arena *a, struct ast_span span, struct ast_number value);
struct ast_node *
ast_new_attribute(struct arena *a, struct ast_span span, struct ast_str name, struct ast_str value);
struct ast_node *
ast_new_text(struct arena *a, struct ast_span span, enum ast_text_kind which, struct ast_str text);
struct ast_node *
ast_new_period(struct arena *a, struct ast_span span, struct ast_node *value);
struct ast_node *
ast_new_fund(struct arena *a, enum ast_kind kind, struct ast_span span, struct ast_str name,
             struct ast_str unit, struct ast_number amount, struct ast_list items);
/* Returns list with node appended (node may be NULL: nothing is added). */
struct ast_list
ast_list_push(struct ast_list list, struct ast_node *node);
struct ast_node *
ast_new_partition(struct arena *a, enum ast_kind kind, struct ast_span span, struct ast_str name,
                  struct ast_list lines);
struct ast_node *
ast_new_indicators(struct arena *a, struct ast_span span, struct ast_list categories);
struct ast_node *
ast_new_category(struct arena *a, struct ast_span span, int level, struct ast_str name,
                 struct ast_list items);
struct ast_node *
ast_new_indicator(struct arena *a, struct ast_span span, struct ast_str name,
                  struct ast_node *target, struct ast_list modifiers);
struct ast_node *
ast_new_comparison(struct arena *a, struct ast_span span, enum ast_cmp cmp,
                   enum ast_cmp_form form, struct ast_quantity q);
struct ast_node *
ast_new_range(struct arena *a, struct ast_span span, struct ast_quantity low,
              struct ast_quantity high);
struct ast_node *
ast_new_deadline(struct arena *a, struct ast_span span, enum ast_cmp cmp, enum ast_cmp_form form,
                 struct ast_date date);
struct ast_node *
ast_new_date_period(struct arena *a, struct ast_span span, struct ast_date from,
                    struct ast_date to);
struct ast_node *
ast_new_qualitative(struct arena *a, struct ast_span span, bool keyword, struct ast_str text);
struct ast_node *
ast_new_standard(struct arena *a, struct ast_span span, struct ast_node *target);
struct ast_node *
ast_new_weight(struct arena *a, struct ast_span span, struct ast_number weight);
struct ast_node *
ast_new_text_modifier(struct arena *a, struct ast_span span, enum ast_modifier_kind kind,
                      struct ast_str text);

struct ast_node *
ast_new_def(struct arena *a, enum ast_kind kind, struct ast_span span, int level,
            struct ast_str name, struct ast_str english, struct ast_list flags,
            struct ast_list aliases, struct ast_list items);
/* A level-1 LEVEL: body holds ALIASES and level-2 LEVEL nodes; the aliases
   are gathered into def.aliases, the levels into def.items. */
struct ast_node *
ast_new_level1(struct arena *a, struct ast_span span, struct ast_str name, struct ast_str english,
               struct ast_list flags, struct ast_list body);
/* Appends every node of more to list. */
void
ast_list_concat(struct ast_list *list, struct ast_list more);
struct ast_node *
ast_new_unit_def(struct arena *a, struct ast_span span, struct ast_str name,
                 struct ast_number scale);
/* FRAMEWORK_REF or NAME */
struct ast_node *
ast_new_ref(struct arena *a, enum ast_kind kind, struct ast_span span, struct ast_str name);
/* A number used as a name (框架 2020). */
struct ast_str
ast_str_of_number(struct ast_number n);

/* The first item of a table's (DEPARTMENT or PROJECT) body of that kind, or NULL. */
const struct ast_node *
ast_field(const struct ast_node *table, enum ast_kind kind);

/*
 * Calls fn for every top-level item of a FILE in source order, and for the
 * items of an included file where its 引用 stands (the 引用 itself is not
 * passed; one whose file did not load is skipped).  The one walk over a
 * file and its includes; this order is the order of diagnostics and of
 * outputs.
 */
typedef void ast_item_fn(void *ctx, const struct ast_node *item);
void
ast_each_item(const struct ast_node *file, ast_item_fn *fn, void *ctx);

/*
 * Calls fn for every table (department or project) of a FILE in
 * ast_each_item's order, each department's projects right after it.
 * parent is the enclosing department, or NULL.  The one walk over tables
 * that passes and back ends share.
 */
typedef void ast_table_fn(void *ctx, const struct ast_node *table, const struct ast_node *parent);
void
ast_each_table(const struct ast_node *file, ast_table_fn *fn, void *ctx);

/* A span covering both (same file, a before b). */
struct ast_span
ast_span_join(struct ast_span a, struct ast_span b);

#endif
