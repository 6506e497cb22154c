/*
 * sema_fund_phases.h - the phases of a 资金 (sema_fund_phases.c), for
 * sema_funds.  A phase index ph is 0 for the plain amount (fund.total) and
 * i > 0 for fund.phases[i - 1]; it means the same phase on every node of
 * one 资金.
 */
#ifndef GOALC_SEMA_FUND_PHASES_H
#define GOALC_SEMA_FUND_PHASES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/ast.h"

struct compilation;

/* Gives every FUNDS and FUND_LINE node of the 资金 funds its fund.phases:
   every phase written anywhere in it, none known yet, each marked written
   where the node writes it; E0209 past 32 决算 years (those are dropped). */
void
fund_phases_give(struct compilation *c, struct ast_node *funds);

/* The modifier that writes phase p (year: FINAL only) on node n, or NULL. */
const struct ast_node *
fund_phase_mod(const struct ast_node *n, enum ast_phase p, int year);

/* The index of phase p in n's phases (the first 决算 for FINAL); 0 when absent. */
size_t
fund_phase_index(const struct ast_node *n, enum ast_phase p);

/* What phase ph is called after what a message compares: "" for the plain
   amount, else " (调整后)", " (决算 2023)" (in the sink's language's
   parentheses; the keyword in Chinese). */
const char *
fund_phase_suffix(struct compilation *c, const struct ast_node *n, size_t ph);

/* Node n, or a line anywhere below it, writes an amount of phase ph. */
bool
fund_phase_present(const struct ast_node *n, size_t ph);

/* Some FUND_LINE of the list is present in phase ph: in that phase, the
   others count as 0. */
bool
fund_phase_in_list(const struct ast_list *lines, size_t ph);

#endif
