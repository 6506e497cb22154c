/*
 * sema_fund_phases.c - the phases of a table's 资金, for sema_funds: which
 * phases it writes (调整后, 执行, 实施期, each 决算 year), fund.phases on
 * every FUNDS and FUND_LINE node, and what a phase is called in messages.
 *
 * Owns the phase index (sema_fund_phases.h): 0 is the plain amount
 * (fund.total), i > 0 is fund.phases[i - 1], the same phase on every node
 * of one 资金, in the order ADJUSTED, EXECUTED, PERIOD, then FINAL by
 * ascending year.  Not a pass: sema_funds calls it before it sums.
 */
#include "sema/sema_fund_phases.h"

#include "base/arena.h"
#include "diag/diag.h"
#include "model/ast.h"
#include "model/compilation.h"
#include "model/keyword.h"

#include <string.h>

static enum ast_phase
phase_of_mod(enum ast_fund_mod_kind kind)
{
    switch (kind) {
    case AST_FUNDMOD_ADJUSTED:
        return AST_PHASE_ADJUSTED;
    case AST_FUNDMOD_EXECUTED:
        return AST_PHASE_EXECUTED;
    case AST_FUNDMOD_PERIOD:
        return AST_PHASE_PERIOD;
    case AST_FUNDMOD_FINAL:
        return AST_PHASE_FINAL;
    case AST_FUNDMOD_RATE:
    case AST_FUNDMOD_WEIGHT:
    case AST_FUNDMOD_SCORE:
    case AST_FUNDMOD_DEVIATION:
    case AST_FUNDMOD_COLUMN:
    case AST_FUNDMOD_SHARE:
        break;
    }
    return AST_PHASE_BUDGET; /* not an amount of a phase */
}

/* The year of 决算 YEAR as a number: its digits, separators skipped, capped
   (a year of nine digits is not a year: sema_structure judges years). */
static int
year_of(const struct ast_number *year)
{
    int y = 0;
    for (const char *s = year->digits; s != NULL && *s != '\0' && *s != '.'; s++)
        if (*s >= '0' && *s <= '9' && y < 100000000)
            y = y * 10 + (*s - '0');
    return y;
}

/* The modifier that writes phase p (year: FINAL only) on node n, or NULL. */
const struct ast_node *
fund_phase_mod(const struct ast_node *n, enum ast_phase p, int year)
{
    for (const struct ast_node *m = n->u.fund.mods.first; m != NULL; m = m->next)
        if (m->kind == AST_FUND_MOD && phase_of_mod(m->u.fund_mod.kind) == p &&
            (p != AST_PHASE_FINAL || year_of(&m->u.fund_mod.year) == year))
            return m;
    return NULL;
}

/* The canonical order of fund.phases: ADJUSTED, EXECUTED, PERIOD, FINAL by year. */
static int
phase_order(enum ast_phase a, int ya, enum ast_phase b, int yb)
{
    if (a != b)
        return a < b ? -1 : 1;
    return ya < yb ? -1 : ya > yb;
}

/*
 * At most this many 决算 years in one 资金 (E0209): every node of the tree
 * holds an entry per phase, so a file of thousands of 决算 years on one
 * line and thousands of lines would otherwise ask for their product.  Real
 * forms have a few years of 决算.
 */
enum { FUNDS_MAX_FINAL_YEARS = 32 };

/* The phases written anywhere in a 资金 tree, kept sorted, without repeats. */
struct phase_set {
    struct ast_phase_total *items;
    size_t count, cap;
    size_t years;  /* of them FINAL */
    bool too_many; /* E0209 said */
};

static void collect_phases(struct compilation *c, const struct ast_node *n, struct phase_set *set);

static void
collect_list_phases(struct compilation *c, const struct ast_list *items, struct phase_set *set)
{
    for (const struct ast_node *item = items->first; item != NULL; item = item->next) {
        if (item->kind == AST_FUND_LINE)
            collect_phases(c, item, set);
        else if (item->kind == AST_PARTITION || item->kind == AST_OF_WHICH)
            collect_list_phases(c, &item->u.partition.lines, set);
    }
}

/* Adds the phases n and its lines write; the first 决算 year past the limit
   is E0209, and years beyond it are not checked (nor kept). */
static void
collect_phases(struct compilation *c, const struct ast_node *n, struct phase_set *set)
{
    for (const struct ast_node *m = n->u.fund.mods.first; m != NULL; m = m->next) {
        enum ast_phase p =
            m->kind == AST_FUND_MOD ? phase_of_mod(m->u.fund_mod.kind) : AST_PHASE_BUDGET;
        if (p == AST_PHASE_BUDGET)
            continue;
        int year = p == AST_PHASE_FINAL ? year_of(&m->u.fund_mod.year) : 0;
        size_t at = 0;
        int order = 1;
        while (at < set->count &&
               (order = phase_order(set->items[at].phase, set->items[at].year, p, year)) < 0)
            at++;
        if (at < set->count && order == 0)
            continue;
        if (p == AST_PHASE_FINAL && set->years == FUNDS_MAX_FINAL_YEARS) {
            if (!set->too_many)
                diag_report(&c->diags, DIAG_TOO_MANY_FINAL_YEARS, compilation_loc(c, m->span),
                            FUNDS_MAX_FINAL_YEARS);
            set->too_many = true;
            continue;
        }
        set->years += p == AST_PHASE_FINAL;
        set->items = arena_grow(c->arena, set->items, set->count, &set->cap, sizeof *set->items);
        memmove(&set->items[at + 1], &set->items[at], (set->count - at) * sizeof *set->items);
        set->items[at] = (struct ast_phase_total){.phase = p, .year = year};
        set->count++;
    }
    collect_list_phases(c, &n->u.fund.items, set);
}

static void give_phases(struct arena *a, struct ast_node *n, const struct phase_set *set);

static void
give_list_phases(struct arena *a, const struct ast_list *items, const struct phase_set *set)
{
    for (struct ast_node *item = items->first; item != NULL; item = item->next) {
        if (item->kind == AST_FUND_LINE)
            give_phases(a, item, set);
        else if (item->kind == AST_PARTITION || item->kind == AST_OF_WHICH)
            give_list_phases(a, &item->u.partition.lines, set);
    }
}

/* Each node its own copy of the phases, marked with those it writes. */
static void
give_phases(struct arena *a, struct ast_node *n, const struct phase_set *set)
{
    n->u.fund.phase_count = (uint32_t)set->count;
    n->u.fund.phases = NULL;
    if (set->count > 0) {
        n->u.fund.phases = arena_alloc(a, set->count * sizeof *n->u.fund.phases);
        for (size_t i = 0; i < set->count; i++) {
            struct ast_phase_total p = {.phase = set->items[i].phase, .year = set->items[i].year};
            p.written = fund_phase_mod(n, p.phase, p.year) != NULL;
            n->u.fund.phases[i] = p;
        }
    }
    give_list_phases(a, &n->u.fund.items, set);
}

/* What phase ph is called in messages: "" for the plain amount, else
   " (调整后)", " (决算 2023)". */
const char *
fund_phase_suffix(struct compilation *c, const struct ast_node *n, size_t ph)
{
    if (ph == 0)
        return "";
    const struct ast_phase_total *p = &n->u.fund.phases[ph - 1];
    enum keyword word = p->phase == AST_PHASE_ADJUSTED   ? KEYWORD_ADJUSTED
                        : p->phase == AST_PHASE_EXECUTED ? KEYWORD_EXECUTED
                        : p->phase == AST_PHASE_PERIOD   ? KEYWORD_PERIOD
                                                         : KEYWORD_FINAL_ACCOUNTS;
    const char *name = keyword_spelling(word, 0);
    if (p->phase == AST_PHASE_FINAL)
        name = arena_printf(c->arena, "%s %d", name, p->year);
    return diag_phrasef(&c->diags, PHRASE_IN_PHASE, name);
}

/* The index of phase p in a 资金's phases; 0 (the plain amount's) when absent. */
size_t
fund_phase_index(const struct ast_node *n, enum ast_phase p)
{
    for (uint32_t i = 0; i < n->u.fund.phase_count; i++)
        if (n->u.fund.phases[i].phase == p)
            return i + 1;
    return 0;
}

/* Node n, or a line anywhere below it, writes an amount of phase ph. */
bool
fund_phase_present(const struct ast_node *n, size_t ph)
{
    if (ph == 0 ? n->u.fund.amount.digits != NULL : n->u.fund.phases[ph - 1].written)
        return true;
    for (const struct ast_node *item = n->u.fund.items.first; item != NULL; item = item->next) {
        if (item->kind == AST_FUND_LINE) {
            if (fund_phase_present(item, ph))
                return true;
        } else {
            for (const struct ast_node *l = item->u.partition.lines.first; l != NULL; l = l->next)
                if (l->kind == AST_FUND_LINE && fund_phase_present(l, ph))
                    return true;
        }
    }
    return false;
}

/* Some line of the list has phase ph: the others count as 0 in it. */
bool
fund_phase_in_list(const struct ast_list *lines, size_t ph)
{
    for (const struct ast_node *l = lines->first; l != NULL; l = l->next)
        if (l->kind == AST_FUND_LINE && fund_phase_present(l, ph))
            return true;
    return false;
}

void
fund_phases_give(struct compilation *c, struct ast_node *funds)
{
    struct phase_set phases = {0};
    collect_phases(c, funds, &phases);
    give_phases(c->arena, funds, &phases);
}
