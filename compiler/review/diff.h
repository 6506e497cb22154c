/*
 * diff.h - the semantic comparison of two compiled goal tables.
 *
 * diff_compare() reads two error-free compilations and produces a change
 * list, per table, that the renderers of diff_render.h print.  It never
 * reports user errors and never changes either compilation; the change
 * list lives in its own arena (struct diff) and points into it only, so
 * the compilations may be freed before rendering.  `goalc diff` and a
 * future `goalc git-diff` both call this.  docs/diff.md is the reference.
 */
#ifndef GOALC_DIFF_H
#define GOALC_DIFF_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct compilation;

/* A piece of a word-level text diff. */
enum diff_op { DIFF_SAME, DIFF_REMOVED, DIFF_ADDED };
struct diff_segment {
    enum diff_op op;
    const char *text;
    size_t len;
};
struct diff_text {
    struct diff_segment *seg;
    size_t count;
};

enum diff_status { DIFF_STATUS_CHANGED, DIFF_STATUS_ADDED, DIFF_STATUS_REMOVED };

/* How a target changed. */
enum diff_class {
    DIFF_TIGHTENED,    /* fewer outcomes meet it: ≥ raised, ≤ lowered, range narrowed, earlier */
    DIFF_LOOSENED,     /* more outcomes meet it */
    DIFF_SHIFTED,      /* neither: an exact value changed, a range moved */
    DIFF_CHANGED_KIND, /* quantitative ↔ qualitative ↔ date */
    DIFF_CHANGED_UNIT, /* units of different dimensions */
    DIFF_REWORDED,     /* a qualitative target's text */
};

/*
 * Which amount of a fund line: the plain one (年初预算数) or one of the
 * self-evaluation's phases (调整后, 执行, 实施期, 决算 YEAR).
 */
enum diff_phase {
    DIFF_PHASE_BUDGET,
    DIFF_PHASE_ADJUSTED,
    DIFF_PHASE_EXECUTED,
    DIFF_PHASE_PERIOD,
    DIFF_PHASE_FINAL,
};

/* A fund line (or the total, path_len 1) whose amount changed, appeared or went. */
struct diff_fund {
    enum diff_status status;
    const char **path; /* "资金", "按 收入性质", "一般公共预算" */
    size_t path_len;
    enum diff_phase phase; /* which amount; the total is always BUDGET */
    int year;              /* FINAL: the year of the accounts */
    const char *old_amount, *new_amount; /* NULL when absent */
    const char *unit;                    /* of both amounts and the difference */
    const char *difference;              /* signed ("+50.00", "-50.00"); NULL unless changed */
    const char *percent;                 /* of the old amount, 2 decimals, signed; NULL if old is 0 */
};

/*
 * RENAMED: the same place (category), the same target and a similar name
 * (diff_similar_names), reported instead of one removed and one added.
 */
enum diff_indicator_change { DIFF_IND_ADDED, DIFF_IND_REMOVED, DIFF_IND_MOVED, DIFF_IND_RENAMED };
struct diff_indicator {
    enum diff_indicator_change change;
    const char *name;     /* the new name, but for REMOVED */
    const char *old_name; /* RENAMED; NULL otherwise */
    const char *old_category, *new_category; /* "产出指标 / 数量指标", canonical; NULL if absent */
    const char *target;                      /* ADDED, REMOVED: in the form's notation */
};

struct diff_target {
    const char *name;   /* the indicator */
    bool standard;      /* the 标准 modifier rather than the target */
    enum diff_class cls;
    const char *old_form, *new_form; /* "≥548000人"; NULL when absent (a 标准 added) */
    struct diff_text text;           /* REWORDED */
};

/* ACTUAL: the table's 实际 (年度总体目标 实际完成情况). */
enum diff_text_field { DIFF_FIELD_DUTIES, DIFF_FIELD_GOAL, DIFF_FIELD_PERIOD_GOAL, DIFF_FIELD_ACTUAL };
struct diff_text_change {
    enum diff_text_field field;
    const char *old_text, *new_text; /* NULL when absent */
    struct diff_text text;
};

/*
 * What else a table approves: its own fields and an indicator's modifiers
 * other than 标准 (which is a target, struct diff_target).
 */
enum diff_field_kind {
    DIFF_FIELD_KIND_YEAR,      /* 年度 */
    DIFF_FIELD_KIND_PERIOD,    /* 实施期, compared as a target (1 年 = 12 个月) */
    DIFF_FIELD_KIND_FRAMEWORK, /* the framework the table follows (框架) */
    DIFF_FIELD_KIND_ATTRIBUTE, /* NAME "value": 填表人, 联系电话… */
    DIFF_FIELD_KIND_WEIGHT,    /* an indicator's 分值, compared as a number */
    DIFF_FIELD_KIND_NOTE,      /* an indicator's 备注 */
    DIFF_FIELD_KIND_ITEM,      /* an indicator's 项目, the budget item it measures */
    DIFF_FIELD_KIND_DUTY,      /* a row of the duty table (履职): name is its path, the values its amount */
    /* issue 15 */
    DIFF_FIELD_KIND_COLUMN,      /* an indicator's 栏 NAME (name) */
    DIFF_FIELD_KIND_FUND_COLUMN, /* a fund line's 栏 NAME (name; indicator: the line's path) */
    DIFF_FIELD_KIND_SCHEDULE,    /* a 进度 row (name), compared as a target */
    DIFF_FIELD_KIND_COMPUTE,     /* an indicator's 计算 (indicator), as fmt writes it */
    DIFF_FIELD_KIND_SHARE,       /* a fund line's 占比 (indicator: the line's path), by value */
};
struct diff_field {
    enum diff_field_kind kind;
    enum diff_status status;             /* ADDED: old_value NULL; REMOVED: new_value NULL */
    const char *indicator;               /* WEIGHT, NOTE, ITEM, COLUMN: the indicator; FUND_COLUMN:
                                            the line's path; else NULL */
    const char *name;                    /* ATTRIBUTE, COLUMN, FUND_COLUMN, SCHEDULE: its name */
    const char *old_value, *new_value;   /* as the form writes them */
};

/*
 * The self-evaluation's values (language.md §13) other than the fund
 * phases (struct diff_fund) and the table's 实际 text (a text change):
 * what they belong to, and which value.  A score, 执行率, 总分 or 等级
 * that neither side writes is compared as goalc computes it (computed).
 */
enum diff_eval_owner {
    DIFF_OWNER_TABLE,      /* 总分, 得分, 等级 of the table */
    DIFF_OWNER_FUND,       /* a fund line: of is its path, "资金 / 按 资金来源 / 上级" */
    DIFF_OWNER_INDICATORS, /* 指标 itself: of is NULL */
    DIFF_OWNER_CATEGORY,   /* of is its canonical path, "产出指标 / 数量指标" */
    DIFF_OWNER_INDICATOR,  /* of is its name */
};
enum diff_eval_kind {
    DIFF_EVAL_ACTUAL,       /* an indicator's 实际, in the form's notation */
    DIFF_EVAL_WEIGHT,       /* 分值 of a fund line or a category (an indicator's: a field) */
    DIFF_EVAL_SCORE,        /* 得分 */
    DIFF_EVAL_DEVIATION,    /* 偏差 */
    DIFF_EVAL_DIRECTION,    /* 方向, as 正向 / 反向 / 等于 */
    DIFF_EVAL_RATE,         /* 执行率, with its % */
    DIFF_EVAL_TOTAL_POINTS, /* 总分 */
    DIFF_EVAL_GRADE,        /* 等级, as 优 / 良 / 中 / 差 */
};
struct diff_eval {
    enum diff_eval_kind kind;
    enum diff_eval_owner owner;
    enum diff_status status;           /* ADDED: old_value NULL; REMOVED: new_value NULL */
    const char *of;                    /* NULL for the table and for 指标 */
    const char *old_value, *new_value; /* as written (a number, a grade in Chinese) */
    bool computed;                     /* neither side writes it: goalc's values */
};

struct diff_table {
    enum diff_status status;
    bool project;
    const char *name;
    const char *department; /* a project's 预算部门; NULL if none */
    /* The 资金 total before and after (NULL when a side has none), in money_unit. */
    struct diff_fund total;
    bool funds_changed; /* some fund line changed: then total is reported */
    struct diff_fund *funds;
    size_t fund_count;
    struct diff_indicator *indicators;
    size_t indicator_count;
    struct diff_target *targets;
    size_t target_count;
    struct diff_text_change *texts;
    size_t text_count;
    struct diff_field *fields; /* the table's fields, then its indicators' modifiers */
    size_t field_count;
    struct diff_eval *evals; /* the fund header and lines, 指标 and categories, indicators, the table */
    size_t eval_count;
};

struct diff {
    struct arena *arena;
    struct diff_table *tables; /* only the tables with changes, in the new side's order,
                                  then the removed ones in the old side's order */
    size_t table_count;
    size_t change_count; /* every reported change, tables added and removed counting one */
};

/* The comparison of old with new; NULL when out of memory. */
struct diff *
diff_compare(const struct compilation *old_c, const struct compilation *new_c);
void
diff_free(struct diff *d);

/* Names for JSON and docs. */
const char *
diff_class_name(enum diff_class cls); /* "tightened", … */
const char *
diff_field_name(enum diff_text_field field); /* "duties", "goal", "period_goal" */
const char *
diff_field_kind_name(enum diff_field_kind kind); /* "year", "period", "framework", … */
const char *
diff_phase_name(enum diff_phase phase); /* "budget", "adjusted", "executed", "period", "final" */
const char *
diff_eval_kind_name(enum diff_eval_kind kind); /* "actual", "weight", "score", … */
const char *
diff_eval_owner_name(enum diff_eval_owner owner); /* "table", "fund", "indicators", … */

/*
 * Whether two indicator names are similar enough for a rename: they differ,
 * and their edit distance in characters is at most a third of the longer
 * name's length (中医药适宜技术推广率 → 中医药适宜技术推广比例: 2 of 11).
 */
bool
diff_similar_names(const char *a, const char *b);

/*
 * A code-point LCS diff of a and b, merged into runs; prefix and suffix in
 * common are trimmed first, and a middle longer than a few thousand code
 * points each side is shown as removed + added rather than searched.
 */
struct diff_text
diff_words(struct arena *arena, const char *a, size_t alen, const char *b, size_t blen);

#endif
