/*
 * sema_names.c - pass 4: names that refer to the catalog.
 *
 * Assumes: sema_declare built c->catalog; sema_resolve checked that
 * departments and projects resolve, and indexed each department's
 * projects (c->departments).
 * Sets, for the passes after it and the back ends: decl.framework and
 * decl.year of every table, category.def of every category.
 *
 * A table's framework is its own `框架 NAME`, else (a project inside a
 * department) its department's, else the `框架 NAME` at the top of its
 * file, else 2020.  A category name is looked up in that framework by its
 * name or an alias; when it is not there the message says why: it belongs
 * to another framework (E0403), sits at the other level (E0405), belongs
 * under another level-1 category (E0404), or is unknown (E0402, with a
 * suggestion).  Units must be declared (E0301).  `项目 "NAME"` on an
 * indicator of a department that declares projects must name one (E0133).
 *
 * The spellings of real forms (docs/language.md §9.1), desugared here so
 * that every later pass and back end sees 指标 → level-1 → level-2 → rows:
 * a level-2 block written directly under 指标 gets an implied level-1 block
 * (imply_level1), rows written directly in a level-1 block an implied
 * level-2 one (imply_level2: its only level-2, else E0413), and a level-2
 * block spelt like its level-1 is its only level-2 (W0411, else E0412).
 *
 * What does not resolve is marked for the passes after it (sema.h):
 * category.unresolved with the guess of what it stands for (the suggestion,
 * or a level-2 name's level-1), indicator.unresolved for an unknown unit;
 * a 年度 that sema_structure rejected is read as none.
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "base/name_map.h"
#include "diag/diag.h"
#include "model/compilation.h"
#include "model/keyword.h"
#include "sema/sema_unit_hints.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_FRAMEWORK "2020"

struct namer {
    struct compilation *c;
    const struct catalog *cat;
};

static struct diag_loc
loc(const struct namer *k, struct ast_span span)
{
    return compilation_loc(k->c, span);
}

static const char *
join(const struct namer *k, const char *const *names, size_t count)
{
    const char *s = "";
    for (size_t i = 0; i < count; i++)
        s = arena_printf(k->c->arena, "%s%s%s", s,
                         i ? diag_phrase(k->c->diags.lang, PHRASE_LIST_SEPARATOR) : "", names[i]);
    return s;
}

/* "; did you mean …?" for best (NULL: none). */
static const char *
hint_for(const struct namer *k, const char *best)
{
    if (best == NULL)
        return NULL;
    if (keyword_ascii_needs_quotes(best)) /* social benefit: written bare, it is two names */
        return diag_phrasef(&k->c->diags, PHRASE_DID_YOU_MEAN_QUOTED, best, best);
    return diag_phrasef(&k->c->diags, PHRASE_DID_YOU_MEAN, best);
}

static const char *
did_you_mean(const struct namer *k, const char *name, const char *const *names, size_t count)
{
    return hint_for(k, compilation_suggest(k->c, name, names, count));
}

/* Whether a name is spelt in ASCII: the file's names are English, and so
   are the names it is told about. */
static bool
is_ascii(const char *s)
{
    for (; *s != '\0'; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* A category as the file would write it: in its language, quoted if it must be. */
static const char *
spelt_as_file(const struct namer *k, const struct category *c, bool english)
{
    const char *name = english && c->english[0] != '\0' ? c->english : c->name;
    if (keyword_ascii_needs_quotes(name))
        return diag_phrasef(&k->c->diags, PHRASE_QUOTED_NAME, name);
    return name;
}

/* --- frameworks ----------------------------------------------------------- */

static const struct framework *
framework_of_ref(const struct namer *k, const struct ast_node *ref)
{
    const char *name = ref->u.ref.name.text;
    const struct framework *fw = catalog_framework(k->cat, name);
    if (fw != NULL)
        return fw;
    const char **names = arena_alloc(k->c->arena, (k->cat->framework_count + 1) * sizeof *names);
    for (size_t i = 0; i < k->cat->framework_count; i++)
        names[i] = k->cat->frameworks[i]->name;
    diag_report(&k->c->diags, DIAG_UNKNOWN_FRAMEWORK, loc(k, ref->u.ref.name.span), name,
                join(k, names, k->cat->framework_count));
    return NULL;
}

/* A table's 年度; 0 when it has none, or one sema_structure rejected (E0121):
   the dates checked against it would only repeat that error. */
static int
year_of(const struct ast_node *decl)
{
    const struct ast_node *y = ast_field(decl, AST_YEAR);
    if (y == NULL || strlen(y->u.year.value.digits) != 4)
        return 0;
    int v = atoi(y->u.year.value.digits);
    return v >= 1900 && v <= 2999 ? v : 0;
}

/* --- categories ----------------------------------------------------------- */

static const char *
level_word(const struct namer *k, int level)
{
    return diag_phrase(k->c->diags.lang, level == 1 ? PHRASE_LEVEL_1 : PHRASE_LEVEL_2);
}

/*
 * "; framework X puts it there…" when another framework has name at this
 * place: at level 1, or at level 2 under parent.
 */
static const char *
other_layout(const struct namer *k, const struct framework *fw, const char *name, int level,
             const struct category *parent)
{
    for (size_t i = 0; i < k->cat->framework_count; i++) {
        const struct framework *other = k->cat->frameworks[i];
        const struct category *c = other != fw ? framework_category(other, name) : NULL;
        bool there = c != NULL && c->level == level &&
                     (level == 1 ? c->parent == NULL
                                 : parent != NULL && c->parent != NULL &&
                                       framework_category(other, parent->name) == c->parent);
        if (there)
            return diag_phrasef(&k->c->diags, PHRASE_OTHER_FRAMEWORK_LAYOUT, other->name,
                                other->name);
    }
    return "";
}

/* Explains why name is no category at this place of fw; returns the
   category the block most likely stands for (NULL: none). */
static const struct category *
unresolved(const struct namer *k, const struct ast_node *node, const struct framework *fw,
           const struct category *found, const struct category *parent)
{
    const struct ast_str *name = &node->u.category.name;
    int level = node->u.category.level;
    struct diag_sink *diags = &k->c->diags;
    if (found != NULL && found->level != level) {
        /* At level 1 a level-2 block is wrong only beside a block of its
           level-1 or holding categories (imply_level1): say where it goes. */
        const char *where = other_layout(k, fw, name->text, level, parent);
        if (where[0] == '\0' && found->level == 2)
            where = diag_phrasef(&k->c->diags, PHRASE_INSIDE_LEVEL1, found->parent->name);
        diag_report(diags, DIAG_WRONG_LEVEL, loc(k, name->span), name->text,
                    level_word(k, found->level), fw->name, level_word(k, level), where);
        return found->level == 2 ? found->parent : NULL;
    }
    if (found != NULL) { /* a level-2 category under the wrong level-1 */
        diag_report(diags, DIAG_MISPLACED_CATEGORY, loc(k, name->span), name->text,
                    found->parent->name, parent->name, other_layout(k, fw, name->text, level, parent));
        return found;
    }
    for (size_t i = 0; i < k->cat->framework_count; i++) {
        const struct framework *other = k->cat->frameworks[i];
        if (other != fw && framework_category(other, name->text) != NULL) {
            diag_report(diags, DIAG_FOREIGN_CATEGORY, loc(k, name->span), name->text, other->name,
                        fw->name, other->name);
            return NULL;
        }
    }
    size_t count;
    const char **names = framework_names(fw, level, parent, &count);
    const char *best = compilation_suggest(k->c, name->text, names, count);
    const struct category *guess = best != NULL ? framework_category(fw, best) : NULL;
    const char *hint = hint_for(k, best);
    if (hint == NULL) {
        /* List the canonical names only: the aliases would drown them. */
        size_t n = 0;
        bool english = is_ascii(name->text);
        if (level == 1) {
            for (size_t i = 0; i < fw->level1_count; i++)
                names[n++] = spelt_as_file(k, fw->level1[i], english);
        } else {
            for (size_t i = 0; i < parent->child_count; i++)
                names[n++] = spelt_as_file(k, parent->children[i], english);
        }
        hint = diag_phrasef(&k->c->diags, PHRASE_KNOWN_NAMES, join(k, names, n));
    }
    diag_report(diags, DIAG_UNKNOWN_CATEGORY, loc(k, name->span), name->text, level_word(k, level),
                fw->name, hint);
    return guess;
}

/* The canonical names of a level-1's level-2 categories, for messages. */
static const char *
children_list(const struct namer *k, const struct category *c1)
{
    const char **names = arena_alloc(k->c->arena, (c1->child_count + 1) * sizeof *names);
    for (size_t i = 0; i < c1->child_count; i++)
        names[i] = c1->children[i]->name;
    return join(k, names, c1->child_count);
}

static const struct category *
resolve_category(const struct namer *k, struct ast_node *node, const struct framework *fw,
                 const struct category *parent)
{
    const struct category *c = framework_category(fw, node->u.category.name.text);
    if (c != NULL && c->level == node->u.category.level && c->parent == parent) {
        node->u.category.def = c;
        return c;
    }
    /* A level-2 block spelt like its level-1 (满意度指标 { 满意度指标 { … } }):
       its only level-2 category, else there is no telling which. */
    if (c != NULL && parent != NULL && c == parent) {
        const struct ast_str *name = &node->u.category.name;
        if (parent->child_count == 1) {
            node->u.category.def = parent->children[0];
            diag_report(&k->c->diags, DIAG_CATEGORY_AS_PARENT, loc(k, name->span), name->text,
                        parent->name, parent->children[0]->name);
            return node->u.category.def;
        }
        node->u.category.unresolved = true;
        diag_report(&k->c->diags, DIAG_CATEGORY_AS_PARENT_AMBIGUOUS, loc(k, name->span), name->text,
                    parent->name, children_list(k, parent));
        return NULL;
    }
    node->u.category.unresolved = true;
    node->u.category.guess = unresolved(k, node, fw, c, parent);
    return NULL;
}

/* --- units ---------------------------------------------------------------- */

/*
 * What the context says a unit measures: the dimension of another unit
 * of the same indicator (the other end of a range, the target beside its
 * 标准), else the kind of its category (成本类: money, 时效类: time,
 * 满意度类: a rate).  Units of that kind are preferred as suggestions.
 */
struct unit_context {
    const struct dimension *dimension; /* NULL: none known */
    unsigned flags;                    /* enum dimension_flag; 0: none */
    const char *name;                  /* the indicator's name, or NULL */
};

static bool
fits_context(const struct unit *u, const struct unit_context *ctx)
{
    if (u == NULL || ctx == NULL)
        return false;
    if (ctx->dimension != NULL)
        return u->dimension == ctx->dimension;
    return ctx->flags != 0 && (u->dimension->flags & ctx->flags) != 0;
}

/* The help for a Latin abbreviation (KM → 公里) or a bare multiplier
   (万 → 万元 beside money, 万人 beside persons, else both); NULL when text
   is neither (sema_unit_hints.c). */
static const char *
meant_unit(const struct namer *k, const char *text, const struct unit_context *ctx)
{
    enum unit_hint_kind kind = UNIT_HINT_NONE;
    if (ctx != NULL && ((ctx->flags & DIM_MONEY) ||
                        (ctx->dimension != NULL && (ctx->dimension->flags & DIM_MONEY))))
        kind = UNIT_HINT_MONEY;
    else if (ctx != NULL && ctx->name != NULL)
        kind = unit_hint_kind_of_name(ctx->name);
    const char *other = NULL;
    const char *meant = unit_hint_meant(k->cat, text, kind, &other);
    if (meant == NULL)
        return NULL;
    return other != NULL ? diag_phrasef(&k->c->diags, PHRASE_DID_YOU_MEAN_EITHER, meant, other)
                         : diag_phrasef(&k->c->diags, PHRASE_DID_YOU_MEAN, meant);
}

/* The help of an unknown unit: what was meant (meant_unit), else the
   closest known one, preferring the context's. */
static const char *
unit_hint(const struct namer *k, const char *text, const struct unit_context *ctx)
{
    const char *meant = meant_unit(k, text, ctx);
    if (meant != NULL)
        return meant;
    size_t count;
    const char **names = catalog_unit_names(k->cat, &count);
    bool *preferred = arena_alloc(k->c->arena, (count + 1) * sizeof *preferred);
    for (size_t i = 0; i < count; i++)
        preferred[i] = fits_context(catalog_unit(k->cat, names[i]), ctx);
    const char *best = compilation_suggest_preferring(k->c, text, names, count, preferred);
    const char *hint = best != NULL ? diag_phrasef(&k->c->diags, PHRASE_DID_YOU_MEAN, best) : NULL;
    return hint != NULL ? hint : diag_phrase(k->c->diags.lang, PHRASE_DECLARE_UNIT);
}

/* A quotient (元/狗) with an atom that is no unit (E0312) or that cancels
   (E0313); false when the spelling is no quotient of that kind. */
static bool
check_quotient(const struct namer *k, const struct ast_quantity *q)
{
    struct quotient qt;
    catalog_quotient(k->cat, q->unit.text, &qt);
    if (qt.status != QUOTIENT_UNKNOWN && qt.status != QUOTIENT_CANCELS)
        return false;
    struct ast_span at = q->unit.span;
    if (at.end - at.start == strlen(q->unit.text)) { /* written as read: point at the atom */
        at.start += (uint32_t)qt.atom_offset;
        at.end = at.start + (uint32_t)strlen(qt.atom);
    }
    if (qt.status == QUOTIENT_UNKNOWN) {
        diag_report(&k->c->diags, DIAG_UNKNOWN_UNIT_ATOM, loc(k, at), qt.atom, q->unit.text,
                    unit_hint(k, qt.atom, NULL));
    } else {
        const struct unit *u = catalog_unit(k->cat, qt.atom);
        diag_report(&k->c->diags, DIAG_QUOTIENT_CANCELS, loc(k, at), q->unit.text, qt.atom,
                    dimension_label(u->dimension, k->c->diags.lang == DIAG_LANG_EN));
    }
    return true;
}

/* False when the unit is unknown (reported). */
static bool
check_unit(const struct namer *k, const struct ast_quantity *q, const struct unit_context *ctx)
{
    if (q->unit.text == NULL || catalog_unit(k->cat, q->unit.text) != NULL)
        return true;
    if (!check_quotient(k, q))
        diag_report(&k->c->diags, DIAG_UNKNOWN_UNIT, loc(k, q->unit.span), q->unit.text,
                    unit_hint(k, q->unit.text, ctx));
    return false;
}

/* False when a unit of the target is unknown (reported). */
static bool
check_target_units(const struct namer *k, const struct ast_node *t, const struct unit_context *ctx)
{
    bool ok = true;
    if (t == NULL)
        return ok;
    if (t->u.target.kind == AST_TARGET_COMPARISON || t->u.target.kind == AST_TARGET_RANGE)
        ok = check_unit(k, &t->u.target.value, ctx);
    if (t->u.target.kind == AST_TARGET_RANGE)
        ok = check_unit(k, &t->u.target.high, ctx) && ok;
    return ok;
}

/* The first known unit among a target's quantities. */
static const struct unit *
known_unit(const struct namer *k, const struct ast_node *t)
{
    if (t == NULL || (t->u.target.kind != AST_TARGET_COMPARISON && t->u.target.kind != AST_TARGET_RANGE))
        return NULL;
    const struct unit *u =
        t->u.target.value.unit.text != NULL ? catalog_unit(k->cat, t->u.target.value.unit.text) : NULL;
    if (u == NULL && t->u.target.kind == AST_TARGET_RANGE && t->u.target.high.unit.text != NULL)
        u = catalog_unit(k->cat, t->u.target.high.unit.text);
    return u;
}

static struct unit_context
indicator_context(const struct namer *k, const struct ast_node *ind, const struct category *c2)
{
    struct unit_context ctx = {NULL, 0, ind->u.indicator.name.text};
    const struct unit *u = known_unit(k, ind->u.indicator.target);
    for (const struct ast_node *m = ind->u.indicator.modifiers.first; m != NULL && u == NULL;
         m = m->next)
        if (m->u.modifier.kind == AST_MOD_STANDARD)
            u = known_unit(k, m->u.modifier.target);
    if (u != NULL) {
        ctx.dimension = u->dimension;
        return ctx;
    }
    unsigned kinds = c2 != NULL ? category_kinds(c2) : 0;
    if (kinds & CAT_COST)
        ctx.flags = DIM_MONEY;
    else if (kinds & CAT_TIMELINESS)
        ctx.flags = DIM_TIME;
    else if (kinds & CAT_SATISFACTION)
        ctx.flags = DIM_RATIO;
    return ctx;
}

/* --- 项目 "NAME" on indicators ---------------------------------------------- */

/* projects: the department's project names (sema_department). */
static void
check_item(const struct namer *k, const struct ast_node *m, const struct ast_node *dept,
           const struct name_map *projects)
{
    const char *name = m->u.modifier.text.text;
    if (name_map_get(projects, name) != NULL)
        return;
    size_t count;
    const char **names = name_map_keys(projects, &count);
    const char *hint = did_you_mean(k, name, names, count);
    const char *where = diag_phrasef(&k->c->diags, PHRASE_DEPARTMENT_NAMED, dept->u.decl.name.text);
    diag_report(&k->c->diags, DIAG_UNKNOWN_PROJECT_ITEM, loc(k, m->u.modifier.text.span), name,
                where, hint != NULL ? hint : "");
}

/* --- implied categories ---------------------------------------------------- */

/* A category block goalc adds (ast.h: category.implied), named name, standing where span is. */
static struct ast_node *
implied_category(const struct namer *k, int level, const char *name, struct ast_span span,
                 struct ast_span name_span)
{
    struct ast_node *n = ast_new(k->c->arena, AST_CATEGORY, span);
    n->u.category.level = level;
    n->u.category.name = (struct ast_str){name, strlen(name), name_span};
    n->u.category.implied = true;
    return n;
}

static bool
holds_categories(const struct ast_node *block)
{
    for (const struct ast_node *n = block->u.category.items.first; n != NULL; n = n->next)
        if (n->kind == AST_CATEGORY)
            return true;
    return false;
}

/* Whether a level-1 block of the table is written for c1 (by any spelling). */
static bool
level1_written(const struct framework *fw, const struct ast_list *level1, const struct category *c1)
{
    for (const struct ast_node *n = level1->first; n != NULL; n = n->next)
        if (framework_category(fw, n->u.category.name.text) == c1)
            return true;
    return false;
}

/*
 * A level-2 block written directly under 指标 (数量指标 { … }, forms whose
 * 一级 column holds 数量/质量/成本) is filed under an implied block of its
 * level-1; neighbouring blocks of one level-1 share it.  Not when the table
 * writes that level-1 too, nor when the block holds categories: then the
 * level is wrong, and resolve_category says so (E0405).
 */
static void
imply_level1(const struct namer *k, struct ast_node *indicators, const struct framework *fw)
{
    struct ast_list *level1 = &indicators->u.indicators.categories;
    struct ast_list out = {0};
    struct ast_node *group = NULL, *next;
    const struct category *group_of = NULL;
    for (struct ast_node *n = level1->first; n != NULL; n = next) {
        next = n->next;
        const struct category *c = framework_category(fw, n->u.category.name.text);
        bool lift = c != NULL && c->level == 2 && !holds_categories(n) &&
                    !level1_written(fw, level1, c->parent);
        if (!lift) {
            group = NULL;
            ast_list_append(&out, n);
            continue;
        }
        if (group == NULL || group_of != c->parent) {
            group = implied_category(k, 1, c->parent->name, n->span, n->u.category.name.span);
            group_of = c->parent;
            ast_list_append(&out, group);
        }
        n->u.category.level = 2;
        ast_list_append(&group->u.category.items, n);
        group->span.end = n->span.end;
    }
    *level1 = out;
}

/*
 * Rows written directly in a level-1 block go into an implied level-2
 * block, one per run of rows: the level-1's only level-2 category
 * (满意度指标 { "满意度" ≥ 90% }), else none, which is an error naming the
 * candidates (E0413) when the level-1 itself resolved (c1).  Wrapped even
 * then, so that every pass after this one meets rows inside level-2 blocks.
 */
static void
imply_level2(const struct namer *k, struct ast_node *l1, const struct category *c1)
{
    const struct category *only = c1 != NULL && c1->child_count == 1 ? c1->children[0] : NULL;
    struct ast_list out = {0};
    struct ast_node *run = NULL, *next;
    bool reported = false;
    for (struct ast_node *n = l1->u.category.items.first; n != NULL; n = next) {
        next = n->next;
        if (n->kind != AST_INDICATOR) {
            run = NULL;
            ast_list_append(&out, n);
            continue;
        }
        if (run == NULL) {
            run = implied_category(k, 2, only != NULL ? only->name : l1->u.category.name.text,
                                   n->span, n->u.indicator.name.span);
            run->u.category.def = only;
            run->u.category.unresolved = only == NULL;
            if (only == NULL && c1 != NULL && !reported) {
                reported = true;
                diag_report(&k->c->diags, DIAG_ROWS_NEED_LEVEL2,
                            loc(k, n->u.indicator.name.span), l1->u.category.name.text,
                            children_list(k, c1));
            }
            ast_list_append(&out, run);
        }
        ast_list_append(&run->u.category.items, n);
        run->span.end = n->span.end;
    }
    l1->u.category.items = out;
}

/* --- tables --------------------------------------------------------------- */

static void
resolve_indicators(const struct namer *k, const struct ast_node *decl,
                   struct ast_node *indicators, const struct name_map *projects)
{
    const struct framework *fw = decl->u.decl.framework;
    if (fw != NULL)
        imply_level1(k, indicators, fw);
    for (struct ast_node *l1 = indicators->u.indicators.categories.first; l1 != NULL;
         l1 = l1->next) {
        const struct category *c1 = fw ? resolve_category(k, l1, fw, NULL) : NULL;
        imply_level2(k, l1, c1);
        for (struct ast_node *l2 = l1->u.category.items.first; l2 != NULL; l2 = l2->next) {
            if (l2->kind != AST_CATEGORY)
                continue;
            bool done = l2->u.category.implied; /* imply_level2 set what it knows */
            const struct category *c2 =
                done ? l2->u.category.def : c1 != NULL ? resolve_category(k, l2, fw, c1) : NULL;
            if (c1 == NULL) /* not looked up: its level-1 is what is wrong */
                l2->u.category.unresolved = true;
            for (struct ast_node *ind = l2->u.category.items.first; ind != NULL;
                 ind = ind->next) {
                if (ind->kind != AST_INDICATOR)
                    continue;
                struct unit_context ctx = indicator_context(k, ind, c2);
                bool known = check_target_units(k, ind->u.indicator.target, &ctx);
                for (const struct ast_node *m = ind->u.indicator.modifiers.first; m != NULL;
                     m = m->next) {
                    if (m->u.modifier.kind == AST_MOD_STANDARD ||
                        m->u.modifier.kind == AST_MOD_ACTUAL)
                        known = check_target_units(k, m->u.modifier.target, &ctx) && known;
                    else if (m->u.modifier.kind == AST_MOD_ITEM && projects != NULL)
                        check_item(k, m, decl, projects);
                }
                ind->u.indicator.unresolved = !known;
            }
        }
    }
}

static void
resolve_table(const struct namer *k, struct ast_node *decl, const struct ast_node *dept,
              const struct framework *file_fw, bool file_fw_bad, const struct name_map *projects)
{
    const struct ast_node *ref = ast_field(decl, AST_FRAMEWORK_REF);
    const struct framework *fw;
    if (ref != NULL)
        fw = framework_of_ref(k, ref);
    else if (dept != NULL)
        fw = dept->u.decl.framework;
    else if (file_fw != NULL || file_fw_bad)
        fw = file_fw;
    else if ((fw = catalog_framework(k->cat, DEFAULT_FRAMEWORK)) == NULL &&
             (ast_field(decl, AST_INDICATORS) != NULL ||
              ast_field(decl, AST_PERIOD_INDICATORS) != NULL)) {
        struct ast_node fake = {0};
        fake.u.ref.name = (struct ast_str){DEFAULT_FRAMEWORK, 4, decl->u.decl.name.span};
        fw = framework_of_ref(k, &fake);
    }
    decl->u.decl.framework = fw;
    decl->u.decl.year = year_of(decl);
    if (decl->u.decl.year == 0 && dept != NULL)
        decl->u.decl.year = dept->u.decl.year;
    const struct ast_node *period = ast_field(decl, AST_PERIOD);
    if (period != NULL && period->u.period.value->u.target.kind == AST_TARGET_COMPARISON)
        check_unit(k, &period->u.period.value->u.target.value,
                   &(struct unit_context){NULL, DIM_TIME, NULL});
    struct ast_node *indicators = (struct ast_node *)ast_field(decl, AST_INDICATORS);
    if (indicators != NULL)
        resolve_indicators(k, decl, indicators, projects);
    indicators = (struct ast_node *)ast_field(decl, AST_PERIOD_INDICATORS); /* 实施期指标: the same rules */
    if (indicators != NULL)
        resolve_indicators(k, decl, indicators, projects);
}

/* A top-level project without 年度 takes its 部门's (§4.2), as one written inside it does;
   the department may stand later in the file or in another one, so its 年度 is read here. */
static void
inherit_department_year(const struct namer *k, struct ast_node *project)
{
    const struct ast_node *ref = ast_field(project, AST_DEPARTMENT_REF);
    if (project->u.decl.year != 0 || ref == NULL || ref->u.department_ref.name.text == NULL)
        return;
    const struct compilation_department *d =
        compilation_department(k->c, ref->u.department_ref.name.text);
    if (d != NULL)
        project->u.decl.year = year_of(d->decl);
}

/* ast_each_item's order, walked here: a file's own 框架 is looked up before its items, and
   an included file's items come between them. */
static void
resolve_file(const struct namer *k, const struct ast_node *file)
{
    const struct framework *file_fw = NULL;
    bool file_fw_bad = false;
    for (const struct ast_node *n = file->u.file.items.first; n != NULL; n = n->next) {
        if (n->kind == AST_FRAMEWORK_REF && !file_fw_bad && file_fw == NULL) {
            file_fw = framework_of_ref(k, n);
            file_fw_bad = file_fw == NULL;
        }
    }
    for (struct ast_node *n = file->u.file.items.first; n != NULL; n = n->next) {
        if (n->kind == AST_INCLUDE && n->u.include.file != NULL) {
            resolve_file(k, n->u.include.file);
        } else if (n->kind == AST_DEPARTMENT) {
            /* A department declared again (E0132) has no projects of its own to name. */
            const struct compilation_department *d =
                compilation_department(k->c, n->u.decl.name.text);
            resolve_table(k, n, NULL, file_fw, file_fw_bad, d->decl == n ? d->project_names : NULL);
            for (struct ast_node *p = n->u.decl.body.first; p != NULL; p = p->next)
                if (p->kind == AST_PROJECT)
                    resolve_table(k, p, n, file_fw, file_fw_bad, NULL);
        } else if (n->kind == AST_PROJECT) {
            resolve_table(k, n, NULL, file_fw, file_fw_bad, NULL);
            inherit_department_year(k, n);
        }
    }
}

void
sema_names(struct compilation *c)
{
    struct namer k = {c, c->catalog};
    resolve_file(&k, c->root);
}
