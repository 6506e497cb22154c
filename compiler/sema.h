/*
 * sema.h - the semantic passes, in the order the driver runs them.
 *
 * Each pass is one file exporting one function.  A pass runs only when the
 * parse (and the passes before it) left no errors, and adds diagnostics to
 * the compilation.  Passes read the tree; a pass that fills in derived
 * values says so in its header comment.
 */
#ifndef GOALC_SEMA_H
#define GOALC_SEMA_H

struct compilation;

/*
 * Pass 0, structure: each table gives each field (年度, 资金, 职能, 目标,
 * 实施期, 实施期目标, 指标) at most once, each indicator each modifier at
 * most once, and only where it belongs (no 职能 in a project, no 实施期 or
 * 实施期目标 in a department); 年度 is a plausible year; 部门 "NAME" appears only in a
 * top-level project.  Guarantees to later passes and back ends: "the first
 * field of a kind" is "the field of that kind".
 */
void
sema_structure(struct compilation *c);

/*
 * Pass 1, resolve: top-level projects name a department of the compilation;
 * departments, and projects within a department, have unique names.
 */
void
sema_resolve(struct compilation *c);

/*
 * Pass 2, funds: every breakdown of a total adds up to it exactly, 其中
 * lists stay within their total, a department's projects stay within its
 * 项目支出 line.  Fills in fund.total for every FUNDS and FUND_LINE node
 * (see sema_funds.c).
 */
void
sema_funds(struct compilation *c);

#endif
