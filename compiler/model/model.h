/*
 * model.h - the queries on the checked model that back ends and the diff
 * share: walking the tables in source order, a table's fields and
 * attributes, checked amounts, and a target as the paper form writes it.
 *
 * Nothing here writes output or escapes text; it only hands its callers
 * values and pieces of the source.  Everything reads an error-free
 * compilation and changes nothing.
 */
#ifndef GOALC_MODEL_H
#define GOALC_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "model/ast.h"
#include "base/escape.h"

struct compilation;

/* ast_each_table over the compilation's root file (see ast.h). */
void
model_each_table(const struct compilation *c, ast_table_fn *fn, void *ctx);
/* The table's text of that kind, or NULL. */
const struct ast_str *
model_text(const struct ast_node *table, enum ast_text_kind which);
/* The indicator's modifier of that kind, or NULL. */
const struct ast_node *
model_modifier(const struct ast_node *indicator, enum ast_modifier_kind kind);
/* The table's year, a project's own or else its department's; 0 when none. */
int
model_year(const struct ast_node *table, const struct ast_node *parent);
/* The department a project belongs to (预算部门), or a department's own name; NULL if none. */
const struct ast_str *
model_department(const struct ast_node *table, const struct ast_node *parent);
/*
 * Where the paper form puts a table's attribute (a `name "value"` row):
 * 填报单位 and 单位 above the table, 预算部门 in a project's own row,
 * everything else (填表人, 联系电话, 填报日期…) in the footer.
 */
enum model_place { MODEL_PLACE_HEADER, MODEL_PLACE_ROW, MODEL_PLACE_FOOTER };
enum model_place
model_attribute_place(const struct ast_node *table, const struct ast_node *attribute);
/* The value of the table's attribute of that name, or NULL. */
const struct ast_str *
model_attribute(const struct ast_node *table, const char *name);
/*
 * The 1-based line where a span starts (no column: that costs a scan of
 * the line).  at holds the last line found, so that a back end going
 * through the source in order finds each line in a step or two instead of
 * a search; zero-initialise it.
 */
struct model_lines {
    unsigned file; /* the ast_span.file of line */
    unsigned line; /* 0: none yet */
};
unsigned
model_line(const struct compilation *c, struct model_lines *at, struct ast_span span);
/* Whether a category's items include 不适用. */
bool
model_not_applicable(const struct ast_node *category);
/*
 * The money unit of a 资金 that names none (资金 63008.58): 万元, the unit
 * the published forms use.  The one spelling of that default: sema_funds
 * records it in fund.money_unit.
 */
extern const char model_default_money_unit[];
/* The money unit of a 资金 node (fund.money_unit); the default for NULL, a table without 资金. */
const char *
model_money_unit(const struct ast_node *funds);
/*
 * The checked amount of a 资金 or fund line (written, or summed by
 * sema_funds) as a decimal string in buf; returns its length, 0 when
 * unknown.  buf holds DECIMAL_FORMAT_MAX bytes.
 */
size_t
model_amount(const struct ast_node *fund, char *buf);

/*
 * One phase of a 资金 or fund line (filled in by sema_funds, ast.h struct
 * ast_phase_total): NULL when the table writes no amount of that phase
 * (year: FINAL only).  AST_PHASE_BUDGET is fund.total, not asked here.
 */
const struct ast_phase_total *
model_fund_phase(const struct ast_node *fund, enum ast_phase phase, int year);
/* The fund line's modifier of that kind (the first, for 决算), or NULL. */
const struct ast_node *
model_fund_mod(const struct ast_node *fund, enum ast_fund_mod_kind kind);

/* 栏 (issue 15): whether m (a MODIFIER or a FUND_MOD) is one; its name and text. */
bool
model_is_column(const struct ast_node *m);
const struct ast_str *
model_column_name(const struct ast_node *m);
const struct ast_str *
model_column_text(const struct ast_node *m);
/* The 栏 of that name on an indicator or a fund node, or NULL. */
const struct ast_node *
model_column(const struct ast_node *row, const char *name);
/* The table's field node of that kind (AST_TOTAL_POINTS, AST_TABLE_SCORE, AST_GRADE…), or NULL. */
const struct ast_node *
model_field(const struct ast_node *table, enum ast_kind kind);
/*
 * The score that counts for a row (struct ast_points, set by sema_score):
 * 得分 as written, else the computed one; false when neither is known.
 */
bool
model_points_score(const struct ast_points *p, struct decimal *score);
/* 优 良 中 差 ("" for NONE); English: excellent, good, fair, poor. */
const char *
model_grade_name(enum ast_grade grade, bool english);
/* 正向 反向 等于; English: positive, negative, equal. */
const char *
model_direction_name(enum ast_direction direction, bool english);
/* " + ", " - ", " × ", " ÷ " for the operators of a 计算 (others: ""). */
const char *
model_expr_operator(enum ast_expr_op op);
/* A 计算 expression as text, spaced as fmt writes it; names in quotes when
   quoted (as in the source), else bare (for messages); 资金 in English when asked. */
const char *
model_expr_text(struct arena *a, const struct ast_node *expr, bool quoted, bool english);
/* The same with each number, indicator and fund operand written as leaf
   gives it ("2 万元 ÷ 10 人"). */
typedef const char *model_expr_leaf_fn(void *ctx, const struct ast_node *leaf);
const char *
model_expr_render(struct arena *a, const struct ast_node *expr, model_expr_leaf_fn *leaf, void *ctx);
/* Whether the table has a self-evaluation (decl.evaluation set by sema_score). */
bool
model_is_evaluation(const struct ast_node *table);

/*
 * The same amount in 元, whatever the table's money unit (funds, its 资金
 * node): exact, the unit's scale being a power of ten (catalog.h,
 * unit_money_exponent), the point moved and the digits kept (63008.58 万元
 * is 630085800, 1.50 元 stays 1.50).  Its length, 0 when the amount is
 * unknown or not representable (more than 18 digits).
 */
size_t
model_amount_yuan(const struct compilation *c, const struct ast_node *funds,
                  const struct ast_node *fund, char *buf);

/*
 * The department's duty table (履职), filled in by sema_duties: the
 * DUTY_TABLE node of a department, or NULL.
 */
const struct ast_node *
model_duty_table(const struct ast_node *dept);
/* A row's money unit: as written, else that of the department's 资金 (else 万元). */
const char *
model_duty_unit(const struct ast_node *dept, const struct ast_node *row);
/* A row's amount in 元 (written, or summed from its rows) into buf, DECIMAL_FORMAT_MAX
   bytes; its length, 0 when unknown. */
size_t
model_duty_yuan(const struct ast_node *row, char *buf);
/*
 * A row's amount in the department's money unit (model_money_unit of its
 * 资金), as the forms print it, into buf (DECIMAL_FORMAT_MAX bytes): the
 * digits as written when written in that unit, else converted exactly
 * (300000 元 is 30 万元), without trailing zeros.  Its length, 0 when the
 * amount is unknown; *computed: summed from the rows under it, not written.
 */
size_t
model_duty_amount(const struct compilation *c, const struct ast_node *dept,
                  const struct ast_node *row, char *buf, bool *computed);
/* The rows at the bottom of a row (itself when it has none): its height in the form. */
size_t
model_duty_leaves(const struct ast_node *row);
/* "duty", "task", "project": the level's name in JSON. */
const char *
model_duty_level_name(enum ast_duty_level level);

/*
 * v in decimal into buf, zero-padded to width characters as printf's
 * "%0*d" writes it (width 1: no padding); returns the length.  buf holds
 * MODEL_INT_MAX bytes; no NUL is written.
 */
/*
 * The days of month (1-12) of year in the Gregorian calendar.  Year 0 (not
 * known) counts as a leap year, so that 2月29日 without a year is a day; a
 * month outside 1-12 has 31, the most any month has.
 */
int
model_days_in_month(int year, int month);

enum { MODEL_INT_MAX = 24 };
size_t
model_format_int(char *buf, long v, int width);

/*
 * A target as the paper form writes it: the canonical comparator glued to
 * the value and unit (≥548000人, ≤12/100000, 95%以上 with the suffix as
 * written, 18家 for 等于 18 家 or a bare value), a range as 90～100分, a date as
 * 2024年12月31日前, a period as 2024年3月至6月底, a qualitative target as
 * its text.  The pieces point into the source or into the struct itself.
 */
enum { MODEL_FORM_PIECES = 8 };
struct model_form {
    struct escape_span piece[MODEL_FORM_PIECES];
    size_t count;
    char buf[96]; /* dates written out */
    size_t used;
};
void
model_form_target(const struct compilation *c, const struct ast_node *target,
                 struct model_form *form);
/*
 * The same target as the source files it (the HTML form's default): a
 * comparator as written (≧, 大于等于, 不少于; an ASCII spelling, >=, as its
 * symbol ≥; 等于 and ＝ kept), the digits as written (1,000 with its
 * separator), then the unit and suffix, glued as the form prints them:
 * ≧548000人, 大于等于120人次.  Deadlines keep their comparator as written
 * too; dates, ranges, periods and qualitative targets are as above.
 */
void
model_form_target_filed(const struct compilation *c, const struct ast_node *target,
                        struct model_form *form);
/* A date alone as the form writes it (2024年6月30日, 12月底): a 进度 row's 开始/完成时间. */
void
model_form_date(const struct ast_date *d, struct model_form *form);

/*
 * The labels of the paper form a table may word as its own form does: an
 * attribute named after the label (三级指标 "指标内容", 年度预算 "年度预算申请")
 * renames it in that table's form.  Such an attribute is a label, not a
 * row of the form.  预算部门, 填报单位 and 单位 are rows with values and 备注
 * a remark, so they are not labels.
 */
enum model_label {
    MODEL_LABEL_DEPARTMENT_NAME, /* 部门名称 */
    MODEL_LABEL_BUDGET,          /* 年度预算 */
    MODEL_LABEL_FUNDS_TOTAL,     /* 资金总额 */
    MODEL_LABEL_DUTIES,          /* 部门职能 */
    MODEL_LABEL_OVERALL_GOAL,    /* 整体绩效目标 */
    MODEL_LABEL_PROJECT_NAME,    /* 项目支出名称 */
    MODEL_LABEL_OWN_AMOUNT,      /* 年度本级预算金额 */
    MODEL_LABEL_UPPER_FUNDS,     /* 该项目支出上级资金 */
    MODEL_LABEL_PERIOD,          /* 项目支出实施期 */
    MODEL_LABEL_PERIOD_GOAL,     /* 实施期绩效目标 */
    MODEL_LABEL_YEAR_GOAL,       /* 本年度绩效目标 */
    MODEL_LABEL_DEPARTMENT_INDICATORS, /* 部门整体支出年度绩效指标 */
    MODEL_LABEL_PROJECT_INDICATORS,    /* 本年度绩效指标 */
    MODEL_LABEL_LEVEL1,          /* 一级指标 */
    MODEL_LABEL_LEVEL2,          /* 二级指标 */
    MODEL_LABEL_ITEM,            /* 名称 */
    MODEL_LABEL_INDICATOR,       /* 三级指标 */
    MODEL_LABEL_VALUE,           /* 指标值及单位 */
    MODEL_LABEL_STANDARD,        /* 绩效标准 */
    MODEL_LABEL_WEIGHT,          /* 分值 */
    MODEL_LABEL_COUNT
};
/* The label's own spelling (年度本级预算金额). */
const char *
model_label_name(enum model_label label);
/* The table's wording of the label (its first attribute of that name), or NULL. */
const struct ast_str *
model_label_renamed(const struct ast_node *table, enum model_label label);
/* Whether the attribute is named after a label (and so renames it). */
bool
model_attribute_is_label(const struct ast_node *attribute);

#endif
