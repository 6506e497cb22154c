/*
 * sema_declare.c - pass 2: the catalog from 量纲, 框架 and 划分 declarations.
 *
 * Assumes: a tree that parsed without errors; the stdlib files loaded.
 * Builds c->catalog from the stdlib first, then the user's files in
 * source order, so a user file adds to (never replaces) what the stdlib
 * says.  Declaring a dimension, a framework or a level-1 category again
 * adds to it; a unit spelling belongs to one dimension with one scale
 * (E0308), and within a framework a name or alias means one category
 * (E0409).  Attribute words are checked against the lists below (E0307),
 * scales must be positive (E0309), and stdlib files hold no tables (E0311).
 * A 划分 declares a partition name (and its English spelling) that 按 may
 * use; sema_funds warns about any other (W0206).
 * Then the quotient units (unit_quotient.c): a dimension with a unit spelt
 * X/Y of declared units names that quotient, its scales are rebased on the
 * quotient's (each unit keeps its ratio to the others), and its quotient
 * spellings must agree with what their atoms give: one quotient per
 * dimension (E0315), the scale it derives to (E0316), and one dimension per
 * quotient (E0314).
 */
#include "sema/sema.h"

#include "base/arena.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "base/name_map.h"
#include "base/decimal.h"
#include "diag/diag.h"
#include "model/compilation.h"

#include <string.h>

struct attribute_word {
    const char *zh, *en;
    unsigned flag;
};

static const struct attribute_word dimension_words[] = {
    {"整数", "whole", DIM_WHOLE},
    {"时间", "time", DIM_TIME},
    {"比率", "ratio", DIM_RATIO},
    {"金额", "money", DIM_MONEY},
};

static const struct attribute_word category_words[] = {
    {"必备", "required", CAT_REQUIRED},
    {"数量类", "quantity", CAT_QUANTITY},
    {"时效类", "timeliness", CAT_TIMELINESS},
    {"成本类", "cost", CAT_COST},
    {"满意度类", "satisfaction", CAT_SATISFACTION},
    {"量化类", "measurable", CAT_MEASURABLE},
};

struct declarer {
    struct compilation *c;
    struct catalog *cat;
    bool english;
    bool stdlib; /* declaring from a file of the stdlib */
};

static struct diag_loc
loc(const struct declarer *d, struct ast_span span)
{
    return compilation_loc(d->c, span);
}

static unsigned
attributes(const struct declarer *d, const struct ast_list *flags,
           const struct attribute_word *words, size_t count, const char *what)
{
    unsigned result = 0;
    for (const struct ast_node *f = flags->first; f != NULL; f = f->next) {
        const char *w = f->u.ref.name.text;
        size_t i = 0;
        while (i < count && strcmp(w, words[i].zh) != 0 && strcmp(w, words[i].en) != 0)
            i++;
        if (i < count) {
            result |= words[i].flag;
            continue;
        }
        const char *known = "";
        for (size_t k = 0; k < count; k++)
            known = arena_printf(d->c->arena, "%s%s%s", known,
                                 k ? diag_phrase(d->c->diags.lang, PHRASE_LIST_SEPARATOR) : "",
                                 d->english ? words[k].en : words[k].zh);
        diag_report(&d->c->diags, DIAG_UNKNOWN_ATTRIBUTE, loc(d, f->span), w, what, known);
    }
    return result;
}

/* --- dimensions and units ------------------------------------------------ */

static struct dimension *
dimension_named(struct declarer *d, const struct ast_node *decl)
{
    struct catalog *cat = d->cat;
    for (size_t i = 0; i < cat->dimension_count; i++)
        if (strcmp(cat->dimensions[i]->name, decl->u.def.name.text) == 0)
            return cat->dimensions[i];
    struct dimension *dim = arena_alloc(d->c->arena, sizeof *dim);
    memset(dim, 0, sizeof *dim);
    dim->name = decl->u.def.name.text;
    dim->english = decl->u.def.english.text ? decl->u.def.english.text : "";
    dim->decl = decl;
    *ARENA_PUSH(d->c->arena, cat->dimensions, cat->dimension_count, cat->dimension_cap) = dim;
    return dim;
}

static const char *
scale_text(const struct declarer *d, struct decimal scale)
{
    char buf[DECIMAL_FORMAT_MAX];
    decimal_format(scale, buf, sizeof buf);
    return arena_strndup(d->c->arena, buf, strlen(buf));
}

static void
declare_unit(struct declarer *d, struct dimension *dim, const struct ast_node *def)
{
    struct decimal one = {1, 0}, scale = one;
    const struct ast_number *written = &def->u.unit_def.scale;
    if (written->digits != NULL) {
        if (!decimal_parse(written->digits, strlen(written->digits), &scale) || scale.coef <= 0) {
            diag_report(&d->c->diags, DIAG_BAD_SCALE, loc(d, written->span),
                        def->u.unit_def.name.text, written->digits);
            return;
        }
    }
    struct unit *u = arena_alloc(d->c->arena, sizeof *u);
    u->name = def->u.unit_def.name.text;
    u->scale = decimal_normalize(scale);
    u->dimension = dim;
    u->decl = def;
    const struct unit *old = name_map_put(d->cat->units, u->name, u);
    if (old != NULL) {
        if (old->dimension == dim && decimal_cmp(old->scale, u->scale) == 0)
            return; /* the same declaration again */
        struct diagnostic *diag =
            diag_report(&d->c->diags, DIAG_UNIT_REDECLARED, loc(d, def->u.unit_def.name.span),
                        u->name, old->dimension->name, scale_text(d, old->scale));
        diag_add_note(&d->c->diags, diag, DIAG_NOTE_FIRST_HERE,
                      loc(d, old->decl->u.unit_def.name.span));
        return;
    }
    if (dim->base == NULL && decimal_cmp(u->scale, one) == 0)
        dim->base = u->name;
}

static void
declare_dimension(struct declarer *d, const struct ast_node *decl)
{
    struct dimension *dim = dimension_named(d, decl);
    dim->flags |= attributes(d, &decl->u.def.flags, dimension_words,
                             sizeof dimension_words / sizeof dimension_words[0],
                             diag_phrase(d->c->diags.lang, PHRASE_A_DIMENSION));
    for (const struct ast_node *u = decl->u.def.items.first; u != NULL; u = u->next)
        declare_unit(d, dim, u);
}

/* --- frameworks and categories ------------------------------------------- */

static struct framework *
framework_named(struct declarer *d, const struct ast_node *decl)
{
    struct catalog *cat = d->cat;
    for (size_t i = 0; i < cat->framework_count; i++)
        if (strcmp(cat->frameworks[i]->name, decl->u.def.name.text) == 0)
            return cat->frameworks[i];
    struct framework *fw = arena_alloc(d->c->arena, sizeof *fw);
    memset(fw, 0, sizeof *fw);
    fw->name = decl->u.def.name.text;
    fw->description = decl->u.def.english.text ? decl->u.def.english.text : "";
    fw->decl = decl;
    fw->names = name_map_new(d->c->arena);
    *ARENA_PUSH(d->c->arena, cat->frameworks, cat->framework_count, cat->framework_cap) = fw;
    return fw;
}

static const char *
level_word(const struct declarer *d, int level)
{
    return diag_phrase(d->c->diags.lang, level == 1 ? PHRASE_LEVEL_1 : PHRASE_LEVEL_2);
}

/* Claims name for category c in fw; false (reported) when it means another one. */
static bool
claim(struct declarer *d, struct framework *fw, const struct ast_str *name, struct category *c)
{
    const struct category *old = name_map_put(fw->names, name->text, c);
    if (old == NULL || old == c)
        return true;
    struct diagnostic *diag =
        diag_report(&d->c->diags, DIAG_CATEGORY_REDECLARED, loc(d, name->span), name->text,
                    arena_printf(d->c->arena, "%s%s", old->name,
                                 old->parent ? diag_phrasef(&d->c->diags, PHRASE_CATEGORY_UNDER,
                                                            old->parent->name)
                                             : ""),
                    fw->name);
    diag_add_note(&d->c->diags, diag, DIAG_NOTE_FIRST_HERE, loc(d, old->decl->u.def.name.span));
    return false;
}

static void
add_aliases(struct declarer *d, struct framework *fw, const struct ast_list *aliases,
            struct category *c)
{
    for (const struct ast_node *a = aliases->first; a != NULL; a = a->next)
        claim(d, fw, &a->u.ref.name, c);
}

/* The category declared by decl (a LEVEL) under parent, new or existing; NULL on a clash. */
static struct category *
category_for(struct declarer *d, struct framework *fw, const struct ast_node *decl,
             struct category *parent)
{
    const char *name = decl->u.def.name.text;
    struct category *c = name_map_get(fw->names, name);
    if (c != NULL && c->level == decl->u.def.level && c->parent == parent &&
        strcmp(c->name, name) == 0)
        return c; /* declared again: add to it */
    c = arena_alloc(d->c->arena, sizeof *c);
    memset(c, 0, sizeof *c);
    c->name = name;
    c->english = decl->u.def.english.text ? decl->u.def.english.text : "";
    c->level = decl->u.def.level;
    c->parent = parent;
    c->framework = fw;
    c->decl = decl;
    if (!claim(d, fw, &decl->u.def.name, c))
        return NULL;
    if (parent != NULL) {
        *ARENA_PUSH(d->c->arena, parent->children, parent->child_count, parent->child_cap) = c;
    } else {
        *ARENA_PUSH(d->c->arena, fw->level1, fw->level1_count, fw->level1_cap) = c;
    }
    return c;
}

static void
declare_level(struct declarer *d, struct framework *fw, const struct ast_node *decl,
              struct category *parent)
{
    struct category *c = category_for(d, fw, decl, parent);
    if (c == NULL)
        return;
    c->flags |= attributes(d, &decl->u.def.flags, category_words,
                           sizeof category_words / sizeof category_words[0],
                           diag_phrasef(&d->c->diags, PHRASE_A_LEVEL_CATEGORY,
                                        level_word(d, c->level)));
    add_aliases(d, fw, &decl->u.def.aliases, c);
    /* The English name is a spelling too: tables written in English use it. */
    const struct ast_str *english = &decl->u.def.english;
    if (english->text != NULL && english->text[0] != '\0')
        claim(d, fw, english, c);
    for (const struct ast_node *child = decl->u.def.items.first; child != NULL; child = child->next)
        declare_level(d, fw, child, c);
}

static void
declare_framework(struct declarer *d, const struct ast_node *decl)
{
    struct framework *fw = framework_named(d, decl);
    if (fw->description[0] == '\0' && decl->u.def.english.text != NULL)
        fw->description = decl->u.def.english.text;
    for (const struct ast_node *l = decl->u.def.items.first; l != NULL; l = l->next)
        declare_level(d, fw, l, NULL);
}

/* --- partitions ------------------------------------------------------------ */

/* 划分 NAME ["English"] { LINE… }: declaring it again adds lines; a spelling
   names the first partition that claimed it. */
static void
declare_partition(struct declarer *d, const struct ast_node *decl)
{
    struct catalog *cat = d->cat;
    struct partition_kind *p = (struct partition_kind *)catalog_partition(cat, decl->u.def.name.text);
    if (p == NULL) {
        p = arena_alloc(d->c->arena, sizeof *p);
        memset(p, 0, sizeof *p);
        p->name = decl->u.def.name.text;
        p->english = decl->u.def.english.text ? decl->u.def.english.text : "";
        p->decl = decl;
        *ARENA_PUSH(d->c->arena, cat->partitions, cat->partition_count, cat->partition_cap) = p;
        name_map_put(cat->partition_names, p->name, p);
    }
    const char *english = decl->u.def.english.text;
    if (english != NULL && english[0] != '\0' && catalog_partition(cat, english) == NULL)
        name_map_put(cat->partition_names, english, p);
    for (const struct ast_node *l = decl->u.def.items.first; l != NULL; l = l->next)
        *ARENA_PUSH(d->c->arena, p->lines, p->line_count, p->line_cap) = l->u.ref.name.text;
}

/* --- files ---------------------------------------------------------------- */

static void
declare_item(void *ctx, const struct ast_node *n)
{
    struct declarer *d = ctx;
    if (n->kind == AST_DIMENSION)
        declare_dimension(d, n);
    else if (n->kind == AST_FRAMEWORK)
        declare_framework(d, n);
    else if (n->kind == AST_PARTITION_DEF)
        declare_partition(d, n);
    else if (d->stdlib && (n->kind == AST_DEPARTMENT || n->kind == AST_PROJECT))
        diag_report(&d->c->diags, DIAG_TABLE_IN_STDLIB, loc(d, n->u.decl.name.span),
                    diag_phrasef(&d->c->diags, PHRASE_TABLE_NAMED, n->u.decl.name.text));
}

/* --- quotient dimensions ---------------------------------------------- */

static const char *
unit_scale_text(const struct declarer *d, const struct unit *u, struct decimal f)
{
    struct decimal v;
    if (!decimal_div_exact(u->scale, f, &v) && !decimal_div_round(u->scale, f, 6, &v))
        v = u->scale;
    return scale_text(d, v);
}

/* Gives a declared quotient dimension its factors and rebases its scales. */
static void
seal_dimension(struct declarer *d, struct dimension *dim, const char **names, size_t count)
{
    struct catalog *cat = d->cat;
    const struct unit *anchor = NULL;
    struct quotient aq;
    for (size_t i = 0; i < count; i++) {
        const struct unit *u = name_map_get(cat->units, names[i]);
        if (u->dimension != dim)
            continue;
        struct quotient q;
        catalog_quotient(cat, u->name, &q);
        bool base = dim->base != NULL && strcmp(dim->base, u->name) == 0;
        if (q.status == QUOTIENT_OK && (anchor == NULL || base)) {
            anchor = u;
            aq = q;
            if (base)
                break;
        }
    }
    struct decimal f;
    if (anchor == NULL || !decimal_div_exact(aq.scale, anchor->scale, &f))
        return; /* km/h: no atoms; the dimension stays what it was declared */
    const struct dimension *other;
    const char *product = catalog_quotient_name(cat, &aq, d->english);
    if (!catalog_set_quotient(cat, dim, &aq, &other)) {
        struct diagnostic *diag = diag_report(&d->c->diags, DIAG_QUOTIENT_DIMENSION_TAKEN,
                                              loc(d, dim->decl->u.def.name.span), dim->name,
                                              product, anchor->name, other->name);
        if (other->decl != NULL)
            diag_add_note(&d->c->diags, diag, DIAG_NOTE_FIRST_HERE,
                          loc(d, other->decl->u.def.name.span));
        return;
    }
    const char *base = dim->base != NULL ? dim->base : anchor->name;
    for (size_t i = 0; i < count; i++) {
        struct unit *u = name_map_get(cat->units, names[i]);
        if (u->dimension != dim)
            continue;
        struct decimal declared = u->scale;
        if (!decimal_mul(declared, f, &u->scale)) {
            diag_report(&d->c->diags, DIAG_BAD_SCALE, loc(d, u->decl->u.unit_def.name.span),
                        u->name, scale_text(d, declared));
            continue;
        }
        u->scale = decimal_normalize(u->scale);
        struct quotient q;
        catalog_quotient(cat, u->name, &q);
        if (q.status != QUOTIENT_OK)
            continue;
        bool same = q.power_count == aq.power_count;
        for (size_t j = 0; same && j < q.power_count; j++)
            same = q.powers[j].dim == aq.powers[j].dim && q.powers[j].exp == aq.powers[j].exp;
        struct ast_span at = u->decl->u.unit_def.name.span;
        if (!same) {
            diag_report(&d->c->diags, DIAG_QUOTIENT_UNIT_CONFLICT, loc(d, at), u->name,
                        catalog_quotient_name(cat, &q, d->english), dim->name, product, anchor->name);
        } else if (decimal_cmp(q.scale, u->scale) != 0) {
            struct unit derived = *u;
            derived.scale = q.scale;
            diag_report(&d->c->diags, DIAG_QUOTIENT_SCALE_CONFLICT, loc(d, at), u->name,
                        scale_text(d, declared), base, unit_scale_text(d, &derived, f), base);
        }
    }
    if (decimal_cmp(f, (struct decimal){1, 0}) != 0)
        dim->base = NULL; /* no unit of it is one base unit of the quotient */
}

static void
seal_quotients(struct declarer *d)
{
    catalog_seal(d->cat);
    size_t count;
    const char **names = catalog_unit_names(d->cat, &count);
    for (size_t i = 0; i < d->cat->dimension_count; i++)
        if (d->cat->dimensions[i]->quotient)
            seal_dimension(d, d->cat->dimensions[i], names, count);
}

void
sema_declare(struct compilation *c)
{
    struct declarer d = {c, catalog_new(c->arena), c->diags.lang == DIAG_LANG_EN, true};
    c->catalog = d.cat;
    for (size_t i = 0; i < c->stdlib_count; i++)
        ast_each_item(c->stdlib_roots[i], declare_item, &d);
    d.stdlib = false;
    ast_each_item(c->root, declare_item, &d);
    seal_quotients(&d);
}
