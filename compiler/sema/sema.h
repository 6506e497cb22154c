/*
 * sema.h - the semantic passes, in the order the driver runs them.
 *
 * Each pass is one file exporting one function.  The passes run once every
 * file parsed, all of them whatever the ones before found (lint only when
 * none found an error), and add diagnostics to the compilation.  A pass
 * leaves alone what an earlier one found broken and marked: the first of a
 * field given twice is the field; a category whose name did not resolve has
 * def NULL and category.unresolved (with category.guess, what it likely
 * stands for); an indicator with an unknown unit has indicator.unresolved;
 * a project naming no department belongs to none; a table whose framework
 * is unknown has none.  So each error is reported once, by the pass that
 * finds it.  Passes read the tree; a pass that fills in derived values says
 * so in its header comment.
 */
#ifndef GOALC_SEMA_H
#define GOALC_SEMA_H

#include <stdbool.h>
#include <stddef.h>

struct ast_node;
struct compilation;
struct name_map;

/*
 * Pass 1, structure: each table gives each field (年度, 资金, 职能, 目标,
 * 实施期, 实施期目标, 指标) at most once, each indicator each modifier at
 * most once, and only where it belongs (no 职能 in a project, no 实施期 or
 * 实施期目标 in a department); 年度 is a plausible year; 部门 "NAME" appears only in a
 * top-level project.  Guarantees to later passes and back ends: "the first
 * field of a kind" is "the field of that kind".
 */
void
sema_structure(struct compilation *c);

/*
 * Pass 2, declare: builds c->catalog (catalog.h) from the 量纲 and 框架
 * declarations of the stdlib and then of the user's files.
 */
void
sema_declare(struct compilation *c);

/*
 * Pass 3, resolve: top-level projects name a department of the compilation;
 * departments, and projects within a department, have unique names.
 * Builds c->departments (compilation.h) for the passes after it.
 */
void
sema_resolve(struct compilation *c);

/*
 * Pass 4, names: each table's framework (框架, inherited from its
 * department, its file, else 2020: decl.framework) and year (decl.year);
 * level-1 and level-2 category names against that framework
 * (category.def), with the errors of a category of another framework, of
 * the wrong level or under the wrong level-1; the spellings of real forms
 * (implied categories, category.implied); units (of targets, 标准 and
 * 实际) against the catalog;
 * 项目 "NAME" modifiers against the department's projects.
 */
void
sema_names(struct compilation *c);

/*
 * Pass 5, columns: a row's 栏 names are unique; fills in the
 * distinct names of each indicator set and each 资金 (indicators.columns,
 * fund.columns).
 */
void
sema_columns(struct compilation *c);

/*
 * Pass 6, funds: every breakdown of a total adds up to it exactly, 其中
 * lists stay within their total, a department's projects stay within its
 * 项目支出 line, in the plain amounts and in every phase (调整后, 执行,
 * 实施期, 决算 YEAR).  Fills in fund.total and fund.phases for every FUNDS
 * and FUND_LINE node, and fund.money_unit for every FUNDS node (see
 * sema_funds.c).
 */
void
sema_funds(struct compilation *c);

/*
 * Pass 7, duties: a department's duty table (履职): each 项目 row names a
 * project of the department (E0730), each amount is a money amount
 * (E0734) and is the exact sum of the rows under it (E0732), a project's
 * amount stays within its 资金 (E0733; W0731 when it has none), a task
 * lists a project once (W0730).  Fills in duty.project, duty.yuan and
 * duty.amount_known of every DUTY_ROW (see sema_duties.c).
 */
void
sema_duties(struct compilation *c);

/*
 * Pass 8, targets: the units of a range's ends, of a target and its 标准
 * are of one dimension; counts are whole; percentages lie in 0..100 (a
 * warning); dates are not before the table's year; ranges run low to high.
 */
void
sema_targets(struct compilation *c);

/*
 * Pass 9, relations: each 计算 of an indicator evaluates, exactly and with
 * its units, to the indicator's target; each 占比 of a fund line is its
 * share of its parent (see sema_relations.c).  Sets expr.relation and
 * fund_mod.relation.
 */
void
sema_relations(struct compilation *c);

/*
 * Pass 10, schedule: a project's 进度 rows: periods run forward,
 * lie within a 实施期 of dates (a warning), row names are unique (a warning).
 */
void
sema_schedule(struct compilation *c);

/*
 * Pass 11, score: a self-evaluation's execution rates, scores, sums,
 * weights and grade against the official rules (model/score.h), in the
 * same run as the checks of funds and targets.  Fills in indicator.points
 * and indicator.direction, category.points, indicators.points and
 * decl.evaluation (see sema_score.c).
 */
void
sema_score(struct compilation *c);

/*
 * Pass 12, framework: every required level-1 category is present in a
 * table with 指标, with an indicator or 不适用; no category is given twice;
 * empty level-2 blocks (a warning); indicator names unique in a table.
 */
void
sema_framework(struct compilation *c);

/*
 * Pass 13, lint: warnings a reviewer would raise, each with its own name
 * for -W switches (W05xx in diag.def).
 */
void
sema_lint(struct compilation *c);

/* Whether an indicator's name says it is a rate that cannot exceed 100%
   (覆盖率, 合格率, 满意度…); shared by sema_targets and sema_lint. */
bool
sema_is_bounded_rate(const char *indicator_name);

#endif
