/*
 * sema_structure.c - pass 1: one of each field per table.
 *
 * Assumes: a tree that parsed without errors, includes resolved.
 * Also: fields in the wrong kind of table (E0124), so that no field of the
 * source is silently left out of the outputs.
 * Guarantees: see sema.h.  Reports E0120-E0123 with a note at the first
 * occurrence of a duplicate.
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "model/ast.h"
#include "diag/diag.h"
#include "model/compilation.h"
#include "model/keyword.h"
#include "base/source.h"

#include <string.h>

struct checker {
    struct compilation *c;
    bool english;
};

static const char *
table_desc(const struct checker *k, const struct ast_node *decl, bool nested)
{
    const char *name = decl->u.decl.name.text;
    enum diag_phrase_id id = decl->kind == AST_DEPARTMENT ? PHRASE_DEPARTMENT_NAMED
                             : nested                     ? PHRASE_PROJECT_IN_DEPARTMENT
                                                          : PHRASE_PROJECT_NAMED;
    return diag_phrasef(&k->c->diags, id, name);
}

/* The keyword that introduces a body item, for messages. */
static enum keyword
field_word(const struct ast_node *n)
{
    switch (n->kind) {
    case AST_YEAR:
        return KEYWORD_YEAR;
    case AST_FUNDS:
        return KEYWORD_FUNDS;
    case AST_PERIOD:
        return KEYWORD_PERIOD;
    case AST_INDICATORS:
        return KEYWORD_INDICATORS;
    case AST_PERIOD_INDICATORS:
        return KEYWORD_PERIOD_INDICATORS;
    case AST_SCHEDULE:
        return KEYWORD_SCHEDULE;
    case AST_DEPARTMENT_REF:
        return KEYWORD_DEPARTMENT;
    case AST_FRAMEWORK_REF:
        return KEYWORD_FRAMEWORK;
    case AST_TEXT:
        switch (n->u.text.which) {
        case AST_TEXT_DUTIES:
            return KEYWORD_DUTIES;
        case AST_TEXT_GOAL:
            return KEYWORD_GOAL;
        case AST_TEXT_PERIOD_GOAL:
            return KEYWORD_PERIOD_GOAL;
        case AST_TEXT_ACTUAL:
            return KEYWORD_ACTUAL;
        }
        return KEYWORD_NONE;
    case AST_TOTAL_POINTS:
        return KEYWORD_TOTAL_POINTS;
    case AST_TABLE_SCORE:
        return KEYWORD_SCORE;
    case AST_GRADE:
        return KEYWORD_GRADE;
    case AST_INVERSE_RULE:
        return KEYWORD_INVERSE_RULE;
    case AST_DUTY_TABLE:
        return KEYWORD_DUTY_TABLE;
    case AST_FILE:
    case AST_INCLUDE:
    case AST_DEPARTMENT:
    case AST_PROJECT:
    case AST_ATTRIBUTE:
    case AST_FUND_LINE:
    case AST_PARTITION:
    case AST_OF_WHICH:
    case AST_CATEGORY:
    case AST_NOT_APPLICABLE:
    case AST_INDICATOR:
    case AST_TARGET:
    case AST_MODIFIER:
    case AST_FRAMEWORK:
    case AST_LEVEL:
    case AST_DIMENSION:
    case AST_PARTITION_DEF:
    case AST_UNIT_DEF:
    case AST_NAME:
    case AST_ALIASES:
    case AST_FUND_MOD:
    case AST_DUTY_ROW:
    case AST_SCHEDULE_ROW:
    case AST_EXPRESSION:
        return KEYWORD_NONE;
    }
    return KEYWORD_NONE;
}

static void
duplicate(const struct checker *k, const char *what, const char *where, struct ast_span span,
          struct ast_span first)
{
    struct diagnostic *d =
        diag_report(&k->c->diags, DIAG_DUPLICATE_FIELD, compilation_loc(k->c, span), what, where);
    diag_add_note(&k->c->diags, d, DIAG_NOTE_FIRST_HERE, compilation_loc(k->c, first));
}

static void
check_year(const struct checker *k, const struct ast_node *n)
{
    const char *d = n->u.year.value.digits;
    long v = 0;
    bool ok = strlen(d) == 4;
    for (const char *p = d; ok && *p != '\0'; p++) {
        ok = *p >= '0' && *p <= '9';
        v = v * 10 + (*p - '0');
    }
    if (!ok || v < 1900 || v > 2999)
        diag_report(&k->c->diags, DIAG_BAD_YEAR, compilation_loc(k->c, n->u.year.value.span), d);
}

/* The keyword that introduces each modifier, for messages. */
static const enum keyword modifier_keywords[] = {
    [AST_MOD_STANDARD] = KEYWORD_STANDARD,
    [AST_MOD_WEIGHT] = KEYWORD_WEIGHT,
    [AST_MOD_NOTE] = KEYWORD_NOTE,
    [AST_MOD_ITEM] = KEYWORD_PROJECT,
    [AST_MOD_ACTUAL] = KEYWORD_ACTUAL,
    [AST_MOD_SCORE] = KEYWORD_SCORE,
    [AST_MOD_DEVIATION] = KEYWORD_DEVIATION,
    [AST_MOD_DIRECTION] = KEYWORD_DIRECTION,
    [AST_MOD_COLUMN] = KEYWORD_COLUMN,
    [AST_MOD_COMPUTE] = KEYWORD_COMPUTE,
};

static void
duplicate_modifier(const struct checker *k, const char *row, const char *word,
                   const struct ast_node *again, const struct ast_node *first)
{
    struct diagnostic *d = diag_report(&k->c->diags, DIAG_DUPLICATE_ROW_MODIFIER,
                                       compilation_loc(k->c, again->span), row, word);
    diag_add_note(&k->c->diags, d, DIAG_NOTE_FIRST_HERE, compilation_loc(k->c, first->span));
}

/* 分值 and 得分 at most once on 指标 or a category (row: what it is, for
   messages), and nothing else: the grammar lets a level-2 header take any
   modifier, as a row without a target starts the same way (E0181). */
static void
check_group_mods(const struct checker *k, const struct ast_list *mods, const char *row)
{
    const struct ast_node *seen[AST_MOD_KIND_COUNT] = {0};
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next) {
        enum ast_modifier_kind mk = m->u.modifier.kind;
        if (mk != AST_MOD_WEIGHT && mk != AST_MOD_SCORE) {
            diag_report(&k->c->diags, DIAG_CATEGORY_MODIFIER, compilation_loc(k->c, m->span),
                        keyword_spelling(modifier_keywords[mk], k->english), row);
            continue;
        }
        if (seen[mk] == NULL)
            seen[mk] = m;
        else
            duplicate_modifier(k, row, keyword_spelling(modifier_keywords[mk], k->english), m,
                               seen[mk]);
    }
}

/* Each fund modifier at most once on a line (决算 once per year), on every line. */
static void
check_fund_mods(const struct checker *k, const struct ast_node *n)
{
    const struct ast_node *seen[AST_FUNDMOD_KIND_COUNT] = {0};
    for (const struct ast_node *m = n->u.fund.mods.first; m != NULL; m = m->next) {
        enum ast_fund_mod_kind mk = m->u.fund_mod.kind;
        const struct ast_node *first = NULL;
        if (mk == AST_FUNDMOD_COLUMN)
            continue; /* repeatable; one per name: sema_columns */
        if (mk == AST_FUNDMOD_FINAL) {
            for (const struct ast_node *p = n->u.fund.mods.first; p != m && first == NULL; p = p->next)
                if (p->u.fund_mod.kind == AST_FUNDMOD_FINAL &&
                    strcmp(p->u.fund_mod.year.digits, m->u.fund_mod.year.digits) == 0)
                    first = p;
        } else if (seen[mk] == NULL) {
            seen[mk] = m;
        } else {
            first = seen[mk];
        }
        if (first == NULL)
            continue;
        const char *row = n->kind == AST_FUNDS
                              ? diag_phrase(k->c->diags.lang, PHRASE_THE_FUNDS)
                              : diag_phrasef(&k->c->diags, PHRASE_FUND_LINE_NAMED, n->u.fund.name.text);
        const char *word = keyword_spelling(keyword_of_fund_mod(mk), k->english);
        if (mk == AST_FUNDMOD_FINAL)
            word = arena_printf(k->c->arena, "%s %s", word, m->u.fund_mod.year.digits);
        duplicate_modifier(k, row, word, m, first);
    }
    for (const struct ast_node *item = n->u.fund.items.first; item != NULL; item = item->next) {
        if (item->kind == AST_FUND_LINE)
            check_fund_mods(k, item);
        else
            for (const struct ast_node *l = item->u.partition.lines.first; l != NULL; l = l->next)
                check_fund_mods(k, l);
    }
}

static void
check_indicator(const struct checker *k, const struct ast_node *ind)
{
    const struct ast_node *seen[AST_MOD_KIND_COUNT] = {0};
    for (const struct ast_node *m = ind->u.indicator.modifiers.first; m != NULL; m = m->next) {
        enum ast_modifier_kind mk = m->u.modifier.kind;
        if (mk == AST_MOD_COLUMN)
            continue; /* repeatable; one per name: sema_columns */
        if (seen[mk] == NULL) {
            seen[mk] = m;
            continue;
        }
        struct diagnostic *d =
            diag_report(&k->c->diags, DIAG_DUPLICATE_MODIFIER, compilation_loc(k->c, m->span),
                        ind->u.indicator.name.text, keyword_spelling(modifier_keywords[mk], k->english));
        diag_add_note(&k->c->diags, d, DIAG_NOTE_FIRST_HERE, compilation_loc(k->c, seen[mk]->span));
    }
}

/*
 * 实施期指标 holds goal values only: a self-evaluation scores the year's
 * 指标, so 实际, 得分, 偏差 and 方向 there would be kept by no output (E0144).
 */
static void
check_period_values(const struct checker *k, const struct ast_list *mods)
{
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next) {
        enum ast_modifier_kind mk = m->u.modifier.kind;
        if (mk == AST_MOD_ACTUAL || mk == AST_MOD_SCORE || mk == AST_MOD_DEVIATION ||
            mk == AST_MOD_DIRECTION)
            diag_report(&k->c->diags, DIAG_EVALUATION_IN_PERIOD_INDICATORS,
                        compilation_loc(k->c, m->span),
                        keyword_spelling(modifier_keywords[mk], k->english),
                        keyword_spelling(KEYWORD_INDICATORS, k->english),
                        keyword_spelling(KEYWORD_PERIOD_INDICATORS, k->english));
    }
}

static void
check_period_set(const struct checker *k, const struct ast_list *items)
{
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind == AST_CATEGORY) {
            check_period_values(k, &n->u.category.modifiers);
            check_period_set(k, &n->u.category.items);
        } else if (n->kind == AST_INDICATOR) {
            check_period_values(k, &n->u.indicator.modifiers);
        }
    }
}

static void
check_categories(const struct checker *k, const struct ast_list *items)
{
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind == AST_CATEGORY) {
            check_group_mods(k, &n->u.category.modifiers,
                             diag_phrasef(&k->c->diags, PHRASE_CATEGORY_NAMED, n->u.category.name.text));
            check_categories(k, &n->u.category.items);
        } else if (n->kind == AST_INDICATOR)
            check_indicator(k, n);
    }
}

/*
 * A fund line's name that followed an amount on the same line was scanned
 * as a unit (中央 4193.9  省 1048.48), so the grammar takes it; but only a
 * plain word may be a bare name.  Quoted names start with a quote.
 */
static void
check_fund_names(const struct checker *k, const struct ast_list *items)
{
    static const char *const not_in_names[] = {"/", "%", "％", "‰", "·", "*", "・", "℃", "°", "²", "³"};
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind != AST_FUND_LINE) {
            check_fund_names(k, &n->u.partition.lines);
            continue;
        }
        const struct ast_str *name = &n->u.fund.name;
        const struct source *src = compilation_source(k->c, name->span.file);
        char first = src->text[name->span.start];
        bool quoted = first == '"' || (unsigned char)first == 0xE2; /* " or “ */
        for (size_t i = 0; !quoted && i < sizeof not_in_names / sizeof not_in_names[0]; i++) {
            if (strstr(name->text, not_in_names[i]) != NULL) {
                diag_report(&k->c->diags, DIAG_BAD_NAME, compilation_loc(k->c, name->span), name->text,
                            name->text);
                break;
            }
        }
        check_fund_names(k, &n->u.fund.items);
    }
}

/* Department tables are annual and have duties; project tables have a
   period, and with it 实施期指标 and a 进度 schedule. */
static bool
field_allowed(const struct ast_node *decl, enum keyword w)
{
    if (decl->kind == AST_DEPARTMENT)
        return w != KEYWORD_PERIOD && w != KEYWORD_PERIOD_GOAL && w != KEYWORD_PERIOD_INDICATORS &&
               w != KEYWORD_SCHEDULE;
    return w != KEYWORD_DUTIES && w != KEYWORD_DUTY_TABLE;
}

static void check_table(const struct checker *k, const struct ast_node *decl, bool nested);

static void
check_table(const struct checker *k, const struct ast_node *decl, bool nested)
{
    const struct ast_node *seen[KEYWORD_COUNT] = {0}; /* first field per keyword */
    const char *where = NULL;
    for (const struct ast_node *n = decl->u.decl.body.first; n != NULL; n = n->next) {
        if (n->kind == AST_PROJECT && decl->kind == AST_PROJECT) {
            diag_report(&k->c->diags, DIAG_NESTED_PROJECT, compilation_loc(k->c, n->u.decl.name.span),
                        n->u.decl.name.text, decl->u.decl.name.text);
            continue;
        }
        if (n->kind == AST_PROJECT) {
            check_table(k, n, true);
            continue;
        }
        if (n->kind == AST_FUNDS) {
            check_fund_names(k, &n->u.fund.items);
            check_fund_mods(k, n);
        }
        enum keyword w = field_word(n);
        if (w == KEYWORD_NONE)
            continue; /* attributes may repeat: forms have several 备注-like rows */
        if (where == NULL)
            where = table_desc(k, decl, nested);
        if (n->kind == AST_DEPARTMENT_REF && (decl->kind != AST_PROJECT || nested)) {
            diag_report(&k->c->diags, DIAG_MISPLACED_DEPARTMENT_REF, compilation_loc(k->c, n->span), where);
            continue;
        }
        if (!field_allowed(decl, w)) {
            diag_report(&k->c->diags, DIAG_FIELD_NOT_ALLOWED, compilation_loc(k->c, n->span),
                        keyword_spelling(w, k->english), where);
            continue;
        }
        if (n->kind == AST_YEAR)
            check_year(k, n);
        if (n->kind == AST_INDICATORS || n->kind == AST_PERIOD_INDICATORS) {
            check_group_mods(k, &n->u.indicators.modifiers,
                             n->kind == AST_INDICATORS
                                 ? diag_phrase(k->c->diags.lang, PHRASE_THE_INDICATORS)
                                 : keyword_spelling(KEYWORD_PERIOD_INDICATORS, k->english));
            check_categories(k, &n->u.indicators.categories);
        }
        if (n->kind == AST_PERIOD_INDICATORS) {
            check_period_values(k, &n->u.indicators.modifiers);
            check_period_set(k, &n->u.indicators.categories);
        }
        if (seen[w] == NULL)
            seen[w] = n;
        else
            duplicate(k, keyword_spelling(w, k->english), where, n->span, seen[w]->span);
    }
}

/* ast_each_item's order, walked here: the 框架 seen so far belongs to one file, and an
   included file's items come between its items. */
static void
check_file(const struct checker *k, const struct ast_node *file)
{
    const struct ast_node *framework = NULL; /* one 框架 selection per file */
    for (const struct ast_node *n = file->u.file.items.first; n != NULL; n = n->next) {
        if (n->kind == AST_FRAMEWORK_REF) {
            if (framework == NULL) {
                framework = n;
                continue;
            }
            const struct source *src = compilation_source(k->c, n->span.file);
            duplicate(k, keyword_spelling(KEYWORD_FRAMEWORK, k->english),
                      diag_phrasef(&k->c->diags, PHRASE_FILE_NAMED, src->path),
                      n->span, framework->span);
            continue;
        }
        if (n->kind == AST_INCLUDE && n->u.include.file != NULL)
            check_file(k, n->u.include.file);
        else if (n->kind == AST_DEPARTMENT || n->kind == AST_PROJECT)
            check_table(k, n, false);
    }
}

void
sema_structure(struct compilation *c)
{
    struct checker k = {c, c->diags.lang == DIAG_LANG_EN};
    check_file(&k, c->root);
}
