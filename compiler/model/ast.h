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
    /* A month of a month period as forms write it (2024.01-2024.12): the
       day is its first or last, and fmt writes the date out in full. */
    bool month_period;
    /* Set by sema_targets: the year meant, written or the table's 年度
       (0: neither, E0160).  Back ends show this year. */
    int year_in_effect;
    struct ast_span span;
};

/* A value with its unit as written (unit.text NULL when none): 548000人. */
struct ast_quantity {
    struct ast_number value;
    struct ast_str unit;
};

enum ast_cmp { AST_CMP_EQ, AST_CMP_GE, AST_CMP_LE, AST_CMP_GT, AST_CMP_LT };

enum ast_text_kind {
    AST_TEXT_DUTIES,
    AST_TEXT_GOAL,
    AST_TEXT_PERIOD_GOAL,
    AST_TEXT_ACTUAL, /* 实际 "…": 年度总体目标 实际完成情况 */
};

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
    AST_MOD_ACTUAL,    /* 实际 target: the value achieved */
    AST_MOD_SCORE,     /* 得分 number: the points earned */
    AST_MOD_DEVIATION, /* 偏差 string: 偏差原因分析及改进措施 */
    AST_MOD_DIRECTION, /* 方向 word: 正向 / 反向 (judged by sema_score) */
    AST_MOD_COLUMN,    /* 栏 NAME string: a column the form prints, repeatable */
    AST_MOD_COMPUTE,   /* 计算 expression: how the value follows from others */
};
#define AST_MOD_KIND_COUNT (AST_MOD_COMPUTE + 1)

/* The modifiers of a fund line after its plain amount (年初预算). */
enum ast_fund_mod_kind {
    AST_FUNDMOD_ADJUSTED,  /* 调整后 amount: 全年预算数 / 调整后预算数 */
    AST_FUNDMOD_EXECUTED,  /* 执行 amount: 全年执行数 / 预算执行数 */
    AST_FUNDMOD_PERIOD,    /* 实施期 amount: over the whole implementation period */
    AST_FUNDMOD_FINAL,     /* 决算 year amount: the final accounts of a year */
    AST_FUNDMOD_RATE,      /* 执行率 percent, as written */
    AST_FUNDMOD_WEIGHT,    /* 分值 number: points of budget execution */
    AST_FUNDMOD_SCORE,     /* 得分 number */
    AST_FUNDMOD_DEVIATION, /* 偏差 string */
    AST_FUNDMOD_COLUMN,    /* 栏 NAME string: a column the form prints, repeatable */
    AST_FUNDMOD_SHARE,     /* 占比 percent: the share of the parent line */
};
#define AST_FUNDMOD_KIND_COUNT (AST_FUNDMOD_SHARE + 1)

/*
 * A phase of the money: each is its own tree of sums.  BUDGET is the plain
 * amount (年初预算数); FINAL phases differ by year.
 */
enum ast_phase {
    AST_PHASE_BUDGET,
    AST_PHASE_ADJUSTED,
    AST_PHASE_EXECUTED,
    AST_PHASE_PERIOD,
    AST_PHASE_FINAL,
};

/* One phase's amount of a FUNDS or FUND_LINE node, filled in by sema_funds. */
struct ast_phase_total {
    enum ast_phase phase; /* never BUDGET: that one is fund.total */
    int year;             /* FINAL: the year of the accounts */
    struct decimal total;
    bool known;    /* written, or summed from the parts */
    bool computed; /* known, and summed rather than written */
    bool written;  /* the line writes this phase itself */
};

/* The level of a row of the duty table (履职): 职能, 任务, 项目. */
enum ast_duty_level { AST_DUTY_DUTY, AST_DUTY_TASK, AST_DUTY_PROJECT };

/* Higher or lower is better, or equal is aimed at (方向, else the comparator). */
enum ast_direction { AST_DIRECTION_POSITIVE, AST_DIRECTION_NEGATIVE, AST_DIRECTION_EQUAL };

/* 等级 as written or as the total gives it; NONE when neither. */
enum ast_grade { AST_GRADE_NONE, AST_GRADE_EXCELLENT, AST_GRADE_GOOD, AST_GRADE_FAIR, AST_GRADE_POOR };

/* How 反向 indicators score over their target (反向计分). */
enum ast_inverse_rule {
    AST_INVERSE_DEDUCT, /* 扣减: w·(1 − (B−A)/A), 0 from 2A: the default */
    AST_INVERSE_RATIO,  /* 比值: w·A/B */
};

/*
 * The points of a scored row, filled in by sema_score: an indicator, a
 * category, 指标, a 资金 header (budget execution) or a whole table.
 * Decimals are exact, scores at 2 decimals (half-up).
 */
struct ast_points {
    struct decimal weight; /* 分值: written, or for a group the sum of its children's */
    struct decimal score;  /* 得分 as written */
    struct decimal computed; /* what the rules give (a group: the sum of its rows' scores) */
    bool weight_known;
    bool weight_written;
    bool score_written;
    bool computed_known;
    bool incomplete; /* a group some of whose rows have no score, written or computable */
};

/* A table's self-evaluation, filled in by sema_score (NULL: none written). */
struct ast_evaluation {
    struct ast_points budget;    /* 资金 分值 / 得分: budget execution */
    struct ast_points total;     /* 总分 (weight) and 得分 (score) of the table */
    struct decimal rate;         /* 执行率 computed, in percent, 2 decimals */
    bool rate_known;
    enum ast_grade grade;          /* 等级 as written */
    enum ast_grade grade_computed; /* from 得分 ÷ 总分 × 100; NONE when unknown */
    enum ast_inverse_rule inverse_rule;
};

struct ast_list {
    struct ast_node *first, *last;
    size_t count;
};

/* The distinct 栏 names of a set of rows, in first-seen order (filled in by sema_columns). */
struct ast_columns {
    const struct ast_str **names;
    uint32_t count;
};

/* The operations of a 计算 expression (EXPRESSION nodes). */
enum ast_expr_op {
    AST_EXPR_NUMBER,    /* a number with its unit */
    AST_EXPR_INDICATOR, /* "NAME": another indicator's target value */
    AST_EXPR_FUND,      /* 资金 NAME…: a fund line's amount (no names: the total) */
    AST_EXPR_GROUP,     /* ( EXPR ) */
    AST_EXPR_ADD,
    AST_EXPR_SUB,
    AST_EXPR_MUL,
    AST_EXPR_DIV,
};

/* What sema_relations computed for a 计算 or a 占比 (NULL: not checked). */
struct ast_relation {
    const char *expression; /* 计算: the expression as fmt writes it */
    bool known;             /* value computed */
    struct decimal value; /* in unit, at the decimals it was compared at */
    const char *unit;     /* the unit of what it is compared with; NULL: none */
    bool matches;         /* equal to what is written, at those decimals */
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
            /* Set by sema_score: the self-evaluation, NULL when the table has none. */
            struct ast_evaluation *evaluation;
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
            struct ast_list mods;  /* FUND_MOD, in source order */
            /* Filled in by sema_funds: each phase other than the plain
               amount, in the same order for every node of a table's 资金
               (ADJUSTED, EXECUTED, PERIOD, then FINAL by year). */
            struct ast_phase_total *phases;
            uint32_t phase_count;
            /* Filled in by sema_funds: the amount, written or summed from the parts. */
            struct decimal total;
            const char *money_unit; /* FUNDS: unit as written, or model_default_money_unit */
            bool total_known; /* false when neither written nor computable */
            bool computed;    /* total_known, and summed rather than written */
            struct ast_columns columns; /* FUNDS: the 栏 of every node of it (sema_columns) */
        } fund;
        struct { /* PARTITION (name = what it is by), OF_WHICH (name absent) */
            struct ast_str name;
            struct ast_list lines;
        } partition;
        struct {
            struct ast_list categories;
            struct ast_list modifiers; /* MODIFIER: 分值, 得分 */
            struct ast_points points;  /* set by sema_score */
            struct ast_columns columns; /* the 栏 of its indicators (sema_columns) */
        } indicators;
        struct { /* level-1 (level == 1) or level-2 (level == 2) */
            int level;
            struct ast_str name;
            struct ast_list items; /* CATEGORY, INDICATOR or NOT_APPLICABLE */
            const struct category *def; /* set by sema_names */
            /* Set by sema_names when def is NULL: the name was reported (or
               sits under a level-1 that was), and guess is the category it
               most likely stands for (NULL: none), so that the passes after
               it neither report it again nor miss it (sema.h). */
            bool unresolved;
            const struct category *guess;
            /* Made by sema_names, not written: the level-1 of a level-2
               block written directly under 指标, or the level-2 of rows
               written directly in a level-1 block (its only one).  Its name
               is the category's canonical one; fmt prints its items only. */
            bool implied;
            struct ast_list modifiers;  /* MODIFIER: 分值, 得分 */
            struct ast_points points;   /* set by sema_score */
        } category;
        struct {
            struct ast_str name;
            struct ast_node *target;
            struct ast_list modifiers;
            /* Set by sema_score. */
            struct ast_points points;
            enum ast_direction direction; /* 方向 as written, else from the comparator */
            /* Set by sema_names: a unit of its target, 标准 or 实际 is unknown
               (reported); the checks of values and scores leave it alone. */
            bool unresolved;
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
            struct ast_str text;      /* NOTE, ITEM, DEVIATION, DIRECTION, COLUMN */
            struct ast_str name;      /* COLUMN: the column's name */
        } modifier;
        struct {
            enum ast_fund_mod_kind kind;
            struct ast_number year;     /* FINAL */
            struct ast_quantity value;  /* the amounts, RATE (unit %), WEIGHT, SCORE */
            struct ast_str text;        /* DEVIATION, COLUMN */
            struct ast_str name;        /* COLUMN: the column's name */
            struct ast_relation *relation; /* SHARE: set by sema_relations */
        } fund_mod;
        struct { /* DUTY_TABLE (rows: the 职能 rows), DUTY_ROW */
            enum ast_duty_level level; /* DUTY_ROW */
            struct ast_str name;       /* DUTY_ROW */
            struct ast_quantity amount; /* DUTY_ROW: value.digits NULL when none; unit as written */
            struct ast_list rows;       /* the rows one level down */
            /* Set by sema_duties: a 项目 row's project (NULL when unknown); the
               amount in 元 (amount_known false when none or not convertible). */
            const struct ast_node *project;
            struct decimal yuan;
            bool amount_known;
        } duty;
        struct {
            enum ast_expr_op op;
            struct ast_node *left, *right; /* ADD…DIV: both; GROUP: left */
            struct ast_quantity number;    /* NUMBER */
            struct ast_str name;           /* INDICATOR */
            struct ast_list path;          /* FUND: NAME nodes, the lines from the top */
            struct ast_relation *relation; /* the whole expression: set by sema_relations */
        } expr;
        struct { /* TOTAL_POINTS (总分), TABLE_SCORE (得分), GRADE (等级), INVERSE_RULE (反向计分) */
            struct ast_number number; /* TOTAL_POINTS, TABLE_SCORE */
            struct ast_str word;      /* GRADE, INVERSE_RULE: as written, judged by sema_score */
        } evaluation_field;
        struct { /* SCHEDULE: 进度 { rows } */
            struct ast_list rows; /* SCHEDULE_ROW */
        } schedule;
        struct { /* SCHEDULE_ROW: NAME and a period, a deadline or a string (a TARGET) */
            struct ast_str name;
            struct ast_node *value;
        } schedule_row;
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
             struct ast_str unit, struct ast_number amount, struct ast_list mods,
             struct ast_list items);
/* A FUND_MOD: 调整后/执行/实施期/执行率/分值/得分 value, 决算 year value, 偏差 text. */
struct ast_node *
ast_new_fund_mod(struct arena *a, struct ast_span span, enum ast_fund_mod_kind kind,
                 struct ast_number year, struct ast_quantity value, struct ast_str text);
/* 履职 { rows }: the duty table of a department. */
struct ast_node *
ast_new_duty_table(struct arena *a, struct ast_span span, struct ast_list rows);
/* 职能 / 任务 / 项目 NAME [AMOUNT [UNIT]] [{ rows }]: a row of the duty table. */
struct ast_node *
ast_new_duty_row(struct arena *a, struct ast_span span, enum ast_duty_level level,
                 struct ast_str name, struct ast_quantity amount, struct ast_list rows);
/* 计算 EXPR and its parts. */
struct ast_node *
ast_new_compute(struct arena *a, struct ast_span span, struct ast_node *expr);
struct ast_node *
ast_new_expr_binary(struct arena *a, struct ast_span span, enum ast_expr_op op,
                    struct ast_node *left, struct ast_node *right);
struct ast_node *
ast_new_expr_group(struct arena *a, struct ast_span span, struct ast_node *inner);
struct ast_node *
ast_new_expr_number(struct arena *a, struct ast_span span, struct ast_quantity number);
struct ast_node *
ast_new_expr_indicator(struct arena *a, struct ast_span span, struct ast_str name);
struct ast_node *
ast_new_expr_fund(struct arena *a, struct ast_span span, struct ast_list path);
/* 总分 N, 得分 N (number) or 等级 WORD, 反向计分 WORD (word). */
struct ast_node *
ast_new_evaluation_field(struct arena *a, enum ast_kind kind, struct ast_span span,
                         struct ast_number number, struct ast_str word);
/*
 * Appends a table body item; a 资金 whose modifiers end in 实施期 with a
 * unit or dates (资金 500 实施期 3 年) was the table's 实施期 field after
 * its header: that PERIOD node is taken out of the modifiers and appended
 * after the 资金.
 */
struct ast_list
ast_body_push(struct ast_list body, struct ast_node *item);
/* Returns list with node appended (node may be NULL: nothing is added). */
struct ast_list
ast_list_push(struct ast_list list, struct ast_node *node);
struct ast_node *
ast_new_partition(struct arena *a, enum ast_kind kind, struct ast_span span, struct ast_str name,
                  struct ast_list lines);
struct ast_node *
ast_new_indicators(struct arena *a, struct ast_span span, struct ast_list modifiers,
                   struct ast_list categories);
struct ast_node *
ast_new_category(struct arena *a, struct ast_span span, int level, struct ast_str name,
                 struct ast_list modifiers, struct ast_list items);
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
/* 分值 N (AST_MOD_WEIGHT) or 得分 N (AST_MOD_SCORE). */
struct ast_node *
ast_new_number_modifier(struct arena *a, struct ast_span span, enum ast_modifier_kind kind,
                        struct ast_number number);
/* 实际 target. */
struct ast_node *
ast_new_actual(struct arena *a, struct ast_span span, struct ast_node *target);
struct ast_node *
ast_new_text_modifier(struct arena *a, struct ast_span span, enum ast_modifier_kind kind,
                      struct ast_str text);

/* Issue 15: 栏 NAME STRING on an indicator (a MODIFIER) or a fund line (a FUND_MOD). */
struct ast_node *
ast_new_column(struct arena *a, struct ast_span span, bool fund, struct ast_str name,
               struct ast_str text);
/* 实施期指标 { … }: an INDICATORS payload of kind PERIOD_INDICATORS. */
struct ast_node *
ast_new_period_indicators(struct arena *a, struct ast_span span, struct ast_list modifiers,
                          struct ast_list categories);
/* 进度 { rows } and one row NAME VALUE (value a deadline, a period or a string TARGET). */
struct ast_node *
ast_new_schedule(struct arena *a, struct ast_span span, struct ast_list rows);
struct ast_node *
ast_new_schedule_row(struct arena *a, struct ast_span span, struct ast_str name,
                     struct ast_node *value);

struct ast_node *
ast_new_def(struct arena *a, enum ast_kind kind, struct ast_span span, int level,
            struct ast_str name, struct ast_str english, struct ast_list flags,
            struct ast_list aliases, struct ast_list items);
/* A level-1 LEVEL: body holds ALIASES and level-2 LEVEL nodes; the aliases
   are gathered into def.aliases, the levels into def.items. */
struct ast_node *
ast_new_level1(struct arena *a, struct ast_span span, struct ast_str name, struct ast_str english,
               struct ast_list flags, struct ast_list body);
/* The list of first followed by the nodes of rest. */
struct ast_list
ast_list_concat_front(struct ast_node *first, struct ast_list rest);
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
