/*
 * sema_framework.c - pass 12: the indicator table follows its framework.
 *
 * Assumes: sema_names set decl.framework and category.def (a table whose
 * framework did not resolve is skipped).
 * Rules, for a table with an 指标 block (a department that only holds
 * project tables is not itself checked):
 * - each category appears once: two blocks for one category, however
 *   spelt (产出 and 产出指标), are an error (E0410); two implied level-1
 *   blocks of one category (level-2 blocks under 指标, not side by side:
 *   sema_names) are E0414;
 * - every level-1 category its framework marks 必备 is there, with at
 *   least one indicator or 不适用 somewhere under it (E0406); a level-1
 *   block whose name did not resolve (reported by sema_names) stands for
 *   the category sema_names guessed (category.guess), and when it has no
 *   guess the table is not checked for missing ones: the missing category
 *   may be the one misspelt, and saying so twice is one error told twice;
 * - a level-2 block with neither an indicator nor 不适用 is a warning (W0407);
 * - indicator names are unique within the table (E0408).
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "base/name_map.h"
#include "diag/diag.h"
#include "model/compilation.h"
#include "model/keyword.h"
#include "base/source.h"

#include <string.h>

struct framework_checker {
    struct compilation *c;
    /* Emptied and filled again for each list of blocks and each table, so
       that no table costs a map of its own. */
    struct name_map *blocks;     /* category name → its first block in a list */
    struct name_map *indicators; /* indicator name → its first indicator in a table */
    bool period; /* checking a project's 实施期指标, not its 指标 */
};

static struct diag_loc
loc(const struct framework_checker *k, struct ast_span span)
{
    return compilation_loc(k->c, span);
}

static const char *
table_desc(const struct framework_checker *k, const struct ast_node *decl)
{
    const char *name = decl->u.decl.name.text;
    if (k->period) /* the 实施期指标 of project "…" */
        return diag_phrasef(&k->c->diags, PHRASE_PERIOD_INDICATORS_OF, name);
    return diag_phrasef(&k->c->diags,
                        decl->kind == AST_DEPARTMENT ? PHRASE_DEPARTMENT_NAMED : PHRASE_PROJECT_NAMED,
                        name);
}

/* Whether a category block holds an indicator or 不适用, at any depth. */
static bool
has_content(const struct ast_node *category)
{
    for (const struct ast_node *n = category->u.category.items.first; n != NULL; n = n->next)
        if (n->kind != AST_CATEGORY || has_content(n))
            return true;
    return false;
}

static void
duplicate_category(const struct framework_checker *k, const struct ast_node *again,
                   const struct ast_node *first)
{
    if (again->u.category.implied && first->u.category.implied) {
        /* Neither written: two runs of level-2 blocks under 指标 (sema_names). */
        const struct ast_node *a = again->u.category.items.first;
        const struct ast_node *f = first->u.category.items.first;
        const char *level1 = again->u.category.def->name;
        struct diagnostic *d =
            diag_report(&k->c->diags, DIAG_IMPLIED_APART, loc(k, a->u.category.name.span),
                        a->u.category.name.text, level1, f->u.category.name.text, level1);
        diag_add_note(&k->c->diags, d, DIAG_NOTE_FIRST_HERE, loc(k, f->u.category.name.span));
        return;
    }
    struct diagnostic *d =
        diag_report(&k->c->diags, DIAG_DUPLICATE_CATEGORY, loc(k, again->u.category.name.span),
                    again->u.category.def->name);
    diag_add_note(&k->c->diags, d, DIAG_NOTE_FIRST_HERE, loc(k, first->u.category.name.span));
}

/*
 * Reports a second block of a category among a list of sibling blocks.
 * Keyed by the canonical name, which stands for the category: the blocks
 * of a table resolve in one framework, where each name means one category.
 */
static void
check_siblings_unique(const struct framework_checker *k, const struct ast_list *items)
{
    name_map_clear(k->blocks);
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind != AST_CATEGORY || n->u.category.def == NULL)
            continue;
        const struct ast_node *first = name_map_put(k->blocks, n->u.category.def->name, (void *)n);
        if (first != NULL)
            duplicate_category(k, n, first);
    }
}

static void
check_indicator_names(const struct framework_checker *k, const struct ast_node *decl,
                      const struct ast_list *items)
{
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind == AST_CATEGORY) {
            check_indicator_names(k, decl, &n->u.category.items);
            continue;
        }
        if (n->kind != AST_INDICATOR)
            continue;
        const struct ast_node *first =
            name_map_put(k->indicators, n->u.indicator.name.text, (void *)n);
        if (first == NULL)
            continue;
        struct diagnostic *d =
            diag_report(&k->c->diags, DIAG_DUPLICATE_INDICATOR, loc(k, n->u.indicator.name.span),
                        n->u.indicator.name.text, table_desc(k, decl));
        diag_add_note(&k->c->diags, d, DIAG_NOTE_FIRST_HERE,
                      loc(k, first->u.indicator.name.span));
    }
}

/* The 指标 keyword at the start of the block, for messages about the block. */
static struct ast_span
keyword_span(const struct framework_checker *k, const struct ast_node *indicators)
{
    struct ast_span s = indicators->span;
    const struct source *src = compilation_source(k->c, s.file);
    enum keyword w = indicators->kind == AST_INDICATORS ? KEYWORD_INDICATORS
                                                         : KEYWORD_PERIOD_INDICATORS;
    const char *zh = keyword_spelling(w, 0);
    size_t len = strncmp(src->text + s.start, zh, strlen(zh)) == 0 ? strlen(zh)
                                                                  : strlen(keyword_spelling(w, 1));
    s.end = s.start + (uint32_t)len;
    return s;
}

static void
check_required(const struct framework_checker *k, const struct ast_node *decl,
               const struct ast_node *indicators)
{
    const struct framework *fw = decl->u.decl.framework;
    for (const struct ast_node *n = indicators->u.indicators.categories.first; n != NULL;
         n = n->next)
        if (n->u.category.unresolved && n->u.category.guess == NULL)
            return;
    for (size_t i = 0; i < fw->level1_count; i++) {
        const struct category *want = fw->level1[i];
        if (!(want->flags & CAT_REQUIRED))
            continue;
        const struct ast_node *block = NULL;
        for (const struct ast_node *n = indicators->u.indicators.categories.first; n != NULL;
             n = n->next)
            if ((n->u.category.def != NULL ? n->u.category.def : n->u.category.guess) == want &&
                (block == NULL || has_content(n)))
                block = n;
        if (block != NULL && has_content(block))
            continue;
        struct ast_span at =
            block != NULL ? block->u.category.name.span : keyword_span(k, indicators);
        diag_report(&k->c->diags, DIAG_MISSING_CATEGORY, loc(k, at), table_desc(k, decl),
                    want->name, fw->name, want->name);
    }
}

/* One set of indicators: 指标, or a project's 实施期指标 (checked alike, each on its own). */
static void
check_set(const struct framework_checker *k, const struct ast_node *decl,
          const struct ast_node *indicators)
{
    if (indicators == NULL || decl->u.decl.framework == NULL)
        return;
    const struct ast_list *level1 = &indicators->u.indicators.categories;
    check_siblings_unique(k, level1);
    for (const struct ast_node *l1 = level1->first; l1 != NULL; l1 = l1->next) {
        check_siblings_unique(k, &l1->u.category.items);
        for (const struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next)
            if (l2->kind == AST_CATEGORY && !has_content(l2))
                diag_report(&k->c->diags, DIAG_EMPTY_CATEGORY, loc(k, l2->u.category.name.span),
                            l2->u.category.name.text);
    }
    check_required(k, decl, indicators);
    name_map_clear(k->indicators);
    check_indicator_names(k, decl, level1);
}

static void
check_table(void *ctx, const struct ast_node *decl, const struct ast_node *parent)
{
    struct framework_checker *k = ctx;
    (void)parent;
    k->period = false;
    check_set(k, decl, ast_field(decl, AST_INDICATORS));
    k->period = true;
    if (decl->kind == AST_PROJECT) /* a department's is E0124: not a set of its table */
        check_set(k, decl, ast_field(decl, AST_PERIOD_INDICATORS));
}

void
sema_framework(struct compilation *c)
{
    struct framework_checker k = {c, name_map_new(c->arena), name_map_new(c->arena), false};
    ast_each_table(c->root, check_table, &k);
}
