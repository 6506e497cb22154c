/*
 * sema_columns.c - pass 5: the 栏 columns of indicator rows and fund lines.
 *
 * Assumes: the names resolved (it runs with the checks of funds and targets).
 * Rules: a row (an indicator, a fund line, 资金) gives each column name
 * once (E0140, with a note at the first).
 * Fills in, for the back ends: indicators.columns of every 指标 and
 * 实施期指标 block and fund.columns of every 资金 node, the distinct
 * column names of their rows in first-seen order (a back end that prints
 * one column per name, the HTML form, reads them there).
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "base/name_map.h"
#include "diag/diag.h"
#include "model/ast.h"
#include "model/compilation.h"
#include "model/model.h"

#include <string.h>

struct column_pass {
    struct compilation *c;
    struct name_map *row;  /* name → its 栏 on the current row */
    struct name_map *seen; /* name → itself, for the current set */
    const struct ast_str **names;
    size_t count, cap;
};

/* A row's 栏: E0140 for a name given twice; new names added to the set's list. */
static void
check_row(struct column_pass *k, const char *row, const struct ast_list *mods)
{
    name_map_clear(k->row);
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next) {
        if (!model_is_column(m))
            continue;
        const struct ast_str *name = model_column_name(m);
        const struct ast_node *first = name_map_put(k->row, name->text, (void *)m);
        if (first != NULL) {
            struct diagnostic *d = diag_report(&k->c->diags, DIAG_DUPLICATE_COLUMN,
                                               compilation_loc(k->c, name->span), row, name->text);
            diag_add_note(&k->c->diags, d, DIAG_NOTE_FIRST_HERE,
                          compilation_loc(k->c, model_column_name(first)->span));
            continue;
        }
        if (name_map_put(k->seen, name->text, (void *)name) == NULL)
            *ARENA_PUSH(k->c->arena, k->names, k->count, k->cap) = name;
    }
}

static void
start_set(struct column_pass *k)
{
    name_map_clear(k->seen);
    k->names = NULL;
    k->count = k->cap = 0;
}

static struct ast_columns
end_set(const struct column_pass *k)
{
    return (struct ast_columns){k->names, (uint32_t)k->count};
}

static void
check_items(struct column_pass *k, const struct ast_list *items)
{
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind == AST_CATEGORY)
            check_items(k, &n->u.category.items);
        else if (n->kind == AST_INDICATOR)
            check_row(k, diag_phrasef(&k->c->diags, PHRASE_INDICATOR_NAMED, n->u.indicator.name.text),
                      &n->u.indicator.modifiers);
    }
}

static void
check_fund(struct column_pass *k, const struct ast_node *n)
{
    check_row(k,
              n->kind == AST_FUNDS
                  ? diag_phrase(k->c->diags.lang, PHRASE_THE_FUNDS)
                  : diag_phrasef(&k->c->diags, PHRASE_FUND_LINE_NAMED, n->u.fund.name.text),
              &n->u.fund.mods);
    for (const struct ast_node *item = n->u.fund.items.first; item != NULL; item = item->next) {
        if (item->kind == AST_FUND_LINE)
            check_fund(k, item);
        else
            for (const struct ast_node *l = item->u.partition.lines.first; l != NULL; l = l->next)
                check_fund(k, l);
    }
}

static void
check_table(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct column_pass *k = ctx;
    (void)parent;
    for (const struct ast_node *c = table->u.decl.body.first; c != NULL; c = c->next) {
        /* A pass fills in derived values: the walk hands out the tree read-only. */
        struct ast_node *n = (struct ast_node *)c;
        if (n->kind == AST_INDICATORS || n->kind == AST_PERIOD_INDICATORS) {
            start_set(k);
            check_items(k, &n->u.indicators.categories);
            n->u.indicators.columns = end_set(k);
        } else if (n->kind == AST_FUNDS) {
            start_set(k);
            check_fund(k, n);
            n->u.fund.columns = end_set(k);
        }
    }
}

void
sema_columns(struct compilation *c)
{
    struct column_pass k = {c, name_map_new(c->arena), name_map_new(c->arena), NULL, 0, 0};
    ast_each_table(c->root, check_table, &k);
}
