/*
 * ast.c - constructors and small helpers for the syntax tree.
 *
 * Constructors only record what the grammar matched; they never judge it.
 * Judging (names, units, sums) is the business of the semantic passes.
 */
#include "model/ast.h"

#include "base/arena.h"

#include <stddef.h>
#include <string.h>

static const char *const kind_names[] = {
#define AST_KIND(id, name) [AST_##id] = name,
#include "model/ast.def"
#undef AST_KIND
};

const char *
ast_kind_name(enum ast_kind kind)
{
    return kind_names[kind];
}

const char *
ast_cmp_name(enum ast_cmp cmp)
{
    switch (cmp) {
    case AST_CMP_EQ:
        return "eq";
    case AST_CMP_GE:
        return "ge";
    case AST_CMP_LE:
        return "le";
    case AST_CMP_GT:
        return "gt";
    case AST_CMP_LT:
        return "lt";
    }
    return "";
}

const char *
ast_cmp_symbol(enum ast_cmp cmp)
{
    switch (cmp) {
    case AST_CMP_EQ:
        return "=";
    case AST_CMP_GE:
        return "≥";
    case AST_CMP_LE:
        return "≤";
    case AST_CMP_GT:
        return ">";
    case AST_CMP_LT:
        return "<";
    }
    return "";
}

void
ast_list_append(struct ast_list *list, struct ast_node *node)
{
    if (node == NULL)
        return; /* a production that recovered from an error */
    node->next = NULL;
    if (list->last != NULL)
        list->last->next = node;
    else
        list->first = node;
    list->last = node;
    list->count++;
}

struct ast_list
ast_list_push(struct ast_list list, struct ast_node *node)
{
    ast_list_append(&list, node);
    return list;
}

struct ast_span
ast_span_join(struct ast_span a, struct ast_span b)
{
    struct ast_span s = a;
    if (b.file == a.file && b.end > s.end)
        s.end = b.end;
    return s;
}

/* The bytes of a node whose payload is that member of u. */
#define NODE_SIZE(member) (offsetof(struct ast_node, u) + sizeof(((struct ast_node *)0)->u.member))
/* The bytes of a target node up to and including that member. */
#define TARGET_SIZE(member)                                                                       \
    (offsetof(struct ast_node, u.target.member) + sizeof(((struct ast_node *)0)->u.target.member))

static size_t
node_size(enum ast_kind kind)
{
    switch (kind) {
    case AST_FILE:
        return NODE_SIZE(file);
    case AST_INCLUDE:
        return NODE_SIZE(include);
    case AST_DEPARTMENT:
    case AST_PROJECT:
        return NODE_SIZE(decl);
    case AST_DEPARTMENT_REF:
        return NODE_SIZE(department_ref);
    case AST_YEAR:
        return NODE_SIZE(year);
    case AST_ATTRIBUTE:
        return NODE_SIZE(attribute);
    case AST_TEXT:
        return NODE_SIZE(text);
    case AST_PERIOD:
        return NODE_SIZE(period);
    case AST_FUNDS:
    case AST_FUND_LINE:
        return NODE_SIZE(fund);
    case AST_PARTITION:
    case AST_OF_WHICH:
        return NODE_SIZE(partition);
    case AST_INDICATORS:
    case AST_PERIOD_INDICATORS:
        return NODE_SIZE(indicators);
    case AST_SCHEDULE:
        return NODE_SIZE(schedule);
    case AST_SCHEDULE_ROW:
        return NODE_SIZE(schedule_row);
    case AST_CATEGORY:
        return NODE_SIZE(category);
    case AST_NOT_APPLICABLE:
        return offsetof(struct ast_node, u);
    case AST_INDICATOR:
        return NODE_SIZE(indicator);
    case AST_TARGET:
        return NODE_SIZE(target);
    case AST_MODIFIER:
        return NODE_SIZE(modifier);
    case AST_FRAMEWORK:
    case AST_LEVEL:
    case AST_DIMENSION:
    case AST_ALIASES:
    case AST_PARTITION_DEF:
        return NODE_SIZE(def);
    case AST_UNIT_DEF:
        return NODE_SIZE(unit_def);
    case AST_EXPRESSION:
        return NODE_SIZE(expr);
    case AST_FUND_MOD:
        return NODE_SIZE(fund_mod);
    case AST_TOTAL_POINTS:
    case AST_TABLE_SCORE:
    case AST_GRADE:
    case AST_INVERSE_RULE:
        return NODE_SIZE(evaluation_field);
    case AST_FRAMEWORK_REF:
    case AST_NAME:
        return NODE_SIZE(ref);
    case AST_DUTY_TABLE:
    case AST_DUTY_ROW:
        return NODE_SIZE(duty);
    }
    return sizeof(struct ast_node);
}

static struct ast_node *
new_node(struct arena *a, enum ast_kind kind, struct ast_span span, size_t size)
{
    struct ast_node *n = arena_alloc(a, size);
    n->kind = kind;
    n->span = span;
    return n;
}

struct ast_node *
ast_new(struct arena *a, enum ast_kind kind, struct ast_span span)
{
    return new_node(a, kind, span, node_size(kind));
}

static struct ast_node *
new_target(struct arena *a, struct ast_span span, enum ast_target_kind kind)
{
    size_t size = NODE_SIZE(target);
    switch (kind) {
    case AST_TARGET_COMPARISON:
        size = TARGET_SIZE(value);
        break;
    case AST_TARGET_RANGE:
        size = TARGET_SIZE(high);
        break;
    case AST_TARGET_DEADLINE:
        size = TARGET_SIZE(date);
        break;
    case AST_TARGET_PERIOD:
        size = TARGET_SIZE(date_to);
        break;
    case AST_TARGET_QUALITATIVE:
        size = TARGET_SIZE(text);
        break;
    }
    struct ast_node *n = new_node(a, AST_TARGET, span, size);
    n->u.target.kind = kind;
    return n;
}

struct ast_node *
ast_new_file(struct arena *a, struct ast_span span, struct ast_list items)
{
    struct ast_node *n = ast_new(a, AST_FILE, span);
    n->u.file.items = items;
    return n;
}

struct ast_node *
ast_new_include(struct arena *a, struct ast_span span, struct ast_str path)
{
    struct ast_node *n = ast_new(a, AST_INCLUDE, span);
    n->u.include.path = path;
    return n;
}

struct ast_node *
ast_new_decl(struct arena *a, enum ast_kind kind, struct ast_span span, struct ast_str name,
             struct ast_list body)
{
    struct ast_node *n = ast_new(a, kind, span);
    n->u.decl.name = name;
    n->u.decl.body = body;
    return n;
}

struct ast_node *
ast_new_department_ref(struct arena *a, struct ast_span span, struct ast_str name)
{
    struct ast_node *n = ast_new(a, AST_DEPARTMENT_REF, span);
    n->u.department_ref.name = name;
    return n;
}

struct ast_node *
ast_new_year(struct arena *a, struct ast_span span, struct ast_number value)
{
    struct ast_node *n = ast_new(a, AST_YEAR, span);
    n->u.year.value = value;
    return n;
}

struct ast_node *
ast_new_attribute(struct arena *a, struct ast_span span, struct ast_str name, struct ast_str value)
{
    struct ast_node *n = ast_new(a, AST_ATTRIBUTE, span);
    n->u.attribute.name = name;
    n->u.attribute.value = value;
    return n;
}

struct ast_node *
ast_new_text(struct arena *a, struct ast_span span, enum ast_text_kind which, struct ast_str text)
{
    struct ast_node *n = ast_new(a, AST_TEXT, span);
    n->u.text.which = which;
    n->u.text.text = text;
    return n;
}

struct ast_node *
ast_new_period(struct arena *a, struct ast_span span, struct ast_node *value)
{
    struct ast_node *n = ast_new(a, AST_PERIOD, span);
    n->u.period.value = value;
    return n;
}

struct ast_node *
ast_new_duty_table(struct arena *a, struct ast_span span, struct ast_list rows)
{
    struct ast_node *n = ast_new(a, AST_DUTY_TABLE, span);
    n->u.duty.rows = rows;
    return n;
}

struct ast_node *
ast_new_duty_row(struct arena *a, struct ast_span span, enum ast_duty_level level,
                 struct ast_str name, struct ast_quantity amount, struct ast_list rows)
{
    struct ast_node *n = ast_new(a, AST_DUTY_ROW, span);
    n->u.duty.level = level;
    n->u.duty.name = name;
    n->u.duty.amount = amount;
    n->u.duty.rows = rows;
    return n;
}

struct ast_node *
ast_new_fund(struct arena *a, enum ast_kind kind, struct ast_span span, struct ast_str name,
             struct ast_str unit, struct ast_number amount, struct ast_list mods,
             struct ast_list items)
{
    struct ast_node *n = ast_new(a, kind, span);
    n->u.fund.name = name;
    n->u.fund.unit = unit;
    n->u.fund.amount = amount;
    n->u.fund.mods = mods;
    n->u.fund.items = items;
    return n;
}

struct ast_node *
ast_new_fund_mod(struct arena *a, struct ast_span span, enum ast_fund_mod_kind kind,
                 struct ast_number year, struct ast_quantity value, struct ast_str text)
{
    struct ast_node *n = ast_new(a, AST_FUND_MOD, span);
    n->u.fund_mod.kind = kind;
    n->u.fund_mod.year = year;
    n->u.fund_mod.value = value;
    n->u.fund_mod.text = text;
    return n;
}

struct ast_node *
ast_new_evaluation_field(struct arena *a, enum ast_kind kind, struct ast_span span,
                         struct ast_number number, struct ast_str word)
{
    struct ast_node *n = ast_new(a, kind, span);
    n->u.evaluation_field.number = number;
    n->u.evaluation_field.word = word;
    return n;
}

struct ast_list
ast_list_concat_front(struct ast_node *first, struct ast_list rest)
{
    struct ast_list list = {0};
    ast_list_append(&list, first);
    ast_list_concat(&list, rest);
    return list;
}

struct ast_list
ast_body_push(struct ast_list body, struct ast_node *item)
{
    struct ast_list periods = {0};
    bool any = false;
    if (item != NULL && item->kind == AST_FUNDS)
        for (const struct ast_node *m = item->u.fund.mods.first; m != NULL; m = m->next)
            any = any || m->kind == AST_PERIOD;
    if (any) {
        struct ast_list *mods = &item->u.fund.mods;
        struct ast_list kept = {0};
        for (struct ast_node *m = mods->first, *next; m != NULL; m = next) {
            next = m->next;
            ast_list_append(m->kind == AST_PERIOD ? &periods : &kept, m);
        }
        *mods = kept;
        /* The 资金 ends where its last modifier (or its amount, or 资金) does. */
        uint32_t end = item->span.start;
        if (item->u.fund.unit.text != NULL)
            end = item->u.fund.unit.span.end;
        if (item->u.fund.amount.digits != NULL)
            end = item->u.fund.amount.span.end;
        if (kept.last != NULL)
            end = kept.last->span.end;
        item->span.end = end > item->span.start ? end : item->span.start + 1;
    }
    ast_list_append(&body, item);
    ast_list_concat(&body, periods);
    return body;
}

struct ast_node *
ast_new_partition(struct arena *a, enum ast_kind kind, struct ast_span span, struct ast_str name,
                  struct ast_list lines)
{
    struct ast_node *n = ast_new(a, kind, span);
    n->u.partition.name = name;
    n->u.partition.lines = lines;
    return n;
}

struct ast_node *
ast_new_indicators(struct arena *a, struct ast_span span, struct ast_list modifiers,
                   struct ast_list categories)
{
    struct ast_node *n = ast_new(a, AST_INDICATORS, span);
    n->u.indicators.modifiers = modifiers;
    n->u.indicators.categories = categories;
    return n;
}

struct ast_node *
ast_new_period_indicators(struct arena *a, struct ast_span span, struct ast_list modifiers,
                          struct ast_list categories)
{
    struct ast_node *n = ast_new(a, AST_PERIOD_INDICATORS, span);
    n->u.indicators.modifiers = modifiers;
    n->u.indicators.categories = categories;
    return n;
}

struct ast_node *
ast_new_schedule(struct arena *a, struct ast_span span, struct ast_list rows)
{
    struct ast_node *n = ast_new(a, AST_SCHEDULE, span);
    n->u.schedule.rows = rows;
    return n;
}

struct ast_node *
ast_new_schedule_row(struct arena *a, struct ast_span span, struct ast_str name,
                     struct ast_node *value)
{
    struct ast_node *n = ast_new(a, AST_SCHEDULE_ROW, span);
    n->u.schedule_row.name = name;
    n->u.schedule_row.value = value;
    return n;
}

struct ast_node *
ast_new_column(struct arena *a, struct ast_span span, bool fund, struct ast_str name,
               struct ast_str text)
{
    struct ast_node *n = ast_new(a, fund ? AST_FUND_MOD : AST_MODIFIER, span);
    if (fund) {
        n->u.fund_mod.kind = AST_FUNDMOD_COLUMN;
        n->u.fund_mod.name = name;
        n->u.fund_mod.text = text;
    } else {
        n->u.modifier.kind = AST_MOD_COLUMN;
        n->u.modifier.name = name;
        n->u.modifier.text = text;
    }
    return n;
}

struct ast_node *
ast_new_category(struct arena *a, struct ast_span span, int level, struct ast_str name,
                 struct ast_list modifiers, struct ast_list items)
{
    struct ast_node *n = ast_new(a, AST_CATEGORY, span);
    n->u.category.modifiers = modifiers;
    n->u.category.level = level;
    n->u.category.name = name;
    n->u.category.items = items;
    return n;
}

struct ast_node *
ast_new_indicator(struct arena *a, struct ast_span span, struct ast_str name,
                  struct ast_node *target, struct ast_list modifiers)
{
    struct ast_node *n = ast_new(a, AST_INDICATOR, span);
    n->u.indicator.name = name;
    n->u.indicator.target = target;
    n->u.indicator.modifiers = modifiers;
    return n;
}

struct ast_node *
ast_new_comparison(struct arena *a, struct ast_span span, enum ast_cmp cmp,
                   enum ast_cmp_form form, struct ast_quantity q)
{
    struct ast_node *n = new_target(a, span, AST_TARGET_COMPARISON);
    n->u.target.cmp = cmp;
    n->u.target.cmp_form = form;
    n->u.target.value = q;
    return n;
}

struct ast_node *
ast_new_range(struct arena *a, struct ast_span span, struct ast_quantity low,
              struct ast_quantity high)
{
    struct ast_node *n = new_target(a, span, AST_TARGET_RANGE);
    n->u.target.value = low;
    n->u.target.high = high;
    return n;
}

struct ast_node *
ast_new_deadline(struct arena *a, struct ast_span span, enum ast_cmp cmp, enum ast_cmp_form form,
                 struct ast_date date)
{
    struct ast_node *n = new_target(a, span, AST_TARGET_DEADLINE);
    n->u.target.cmp = cmp;
    n->u.target.cmp_form = form;
    n->u.target.date = date;
    return n;
}

struct ast_node *
ast_new_date_period(struct arena *a, struct ast_span span, struct ast_date from,
                    struct ast_date to)
{
    struct ast_node *n = new_target(a, span, AST_TARGET_PERIOD);
    n->u.target.date = from;
    n->u.target.date_to = to;
    return n;
}

struct ast_node *
ast_new_qualitative(struct arena *a, struct ast_span span, bool keyword, struct ast_str text)
{
    struct ast_node *n = new_target(a, span, AST_TARGET_QUALITATIVE);
    n->u.target.qualitative_keyword = keyword;
    n->u.target.text = text;
    return n;
}

static struct ast_node *
new_modifier(struct arena *a, struct ast_span span, enum ast_modifier_kind kind)
{
    struct ast_node *n = ast_new(a, AST_MODIFIER, span);
    n->u.modifier.kind = kind;
    return n;
}

struct ast_node *
ast_new_standard(struct arena *a, struct ast_span span, struct ast_node *target)
{
    struct ast_node *n = new_modifier(a, span, AST_MOD_STANDARD);
    n->u.modifier.target = target;
    return n;
}

struct ast_node *
ast_new_number_modifier(struct arena *a, struct ast_span span, enum ast_modifier_kind kind,
                        struct ast_number number)
{
    struct ast_node *n = new_modifier(a, span, kind);
    n->u.modifier.number = number;
    return n;
}

struct ast_node *
ast_new_actual(struct arena *a, struct ast_span span, struct ast_node *target)
{
    struct ast_node *n = new_modifier(a, span, AST_MOD_ACTUAL);
    n->u.modifier.target = target;
    return n;
}

struct ast_node *
ast_new_text_modifier(struct arena *a, struct ast_span span, enum ast_modifier_kind kind,
                      struct ast_str text)
{
    struct ast_node *n = new_modifier(a, span, kind);
    n->u.modifier.text = text;
    return n;
}

struct ast_node *
ast_new_def(struct arena *a, enum ast_kind kind, struct ast_span span, int level,
            struct ast_str name, struct ast_str english, struct ast_list flags,
            struct ast_list aliases, struct ast_list items)
{
    struct ast_node *n = ast_new(a, kind, span);
    n->u.def.name = name;
    n->u.def.english = english;
    n->u.def.level = level;
    n->u.def.flags = flags;
    n->u.def.aliases = aliases;
    n->u.def.items = items;
    return n;
}

struct ast_node *
ast_new_unit_def(struct arena *a, struct ast_span span, struct ast_str name,
                 struct ast_number scale)
{
    struct ast_node *n = ast_new(a, AST_UNIT_DEF, span);
    n->u.unit_def.name = name;
    n->u.unit_def.scale = scale;
    return n;
}

struct ast_node *
ast_new_ref(struct arena *a, enum ast_kind kind, struct ast_span span, struct ast_str name)
{
    struct ast_node *n = ast_new(a, kind, span);
    n->u.ref.name = name;
    return n;
}

struct ast_str
ast_str_of_number(struct ast_number n)
{
    struct ast_str s = {n.digits, n.digits ? strlen(n.digits) : 0, n.span};
    return s;
}

void
ast_list_concat(struct ast_list *list, struct ast_list more)
{
    if (more.first == NULL)
        return;
    if (list->last != NULL)
        list->last->next = more.first;
    else
        list->first = more.first;
    list->last = more.last;
    list->count += more.count;
}

struct ast_node *
ast_new_level1(struct arena *a, struct ast_span span, struct ast_str name, struct ast_str english,
               struct ast_list flags, struct ast_list body)
{
    struct ast_list aliases = {0}, levels = {0};
    struct ast_node *next;
    for (struct ast_node *n = body.first; n != NULL; n = next) {
        next = n->next;
        n->next = NULL;
        if (n->kind == AST_ALIASES)
            ast_list_concat(&aliases, n->u.def.aliases);
        else
            ast_list_append(&levels, n);
    }
    return ast_new_def(a, AST_LEVEL, span, 1, name, english, flags, aliases, levels);
}

void
ast_each_item(const struct ast_node *file, ast_item_fn *fn, void *ctx)
{
    for (const struct ast_node *n = file->u.file.items.first; n != NULL; n = n->next) {
        if (n->kind != AST_INCLUDE)
            fn(ctx, n);
        else if (n->u.include.file != NULL)
            ast_each_item(n->u.include.file, fn, ctx);
    }
}

struct table_walk {
    ast_table_fn *fn;
    void *ctx;
};

static void
table_item(void *ctx, const struct ast_node *n)
{
    const struct table_walk *w = ctx;
    if (n->kind == AST_DEPARTMENT) {
        w->fn(w->ctx, n, NULL);
        for (const struct ast_node *p = n->u.decl.body.first; p != NULL; p = p->next)
            if (p->kind == AST_PROJECT)
                w->fn(w->ctx, p, n);
    } else if (n->kind == AST_PROJECT) {
        w->fn(w->ctx, n, NULL);
    }
}

void
ast_each_table(const struct ast_node *file, ast_table_fn *fn, void *ctx)
{
    struct table_walk w = {fn, ctx};
    ast_each_item(file, table_item, &w);
}

const struct ast_node *
ast_field(const struct ast_node *table, enum ast_kind kind)
{
    for (const struct ast_node *n = table->u.decl.body.first; n != NULL; n = n->next)
        if (n->kind == kind)
            return n;
    return NULL;
}

/* --- 计算 expressions ---------------------------------------------------- */

struct ast_node *
ast_new_compute(struct arena *a, struct ast_span span, struct ast_node *expr)
{
    struct ast_node *n = new_modifier(a, span, AST_MOD_COMPUTE);
    n->u.modifier.target = expr;
    return n;
}

static struct ast_node *
new_expr(struct arena *a, struct ast_span span, enum ast_expr_op op)
{
    struct ast_node *n = ast_new(a, AST_EXPRESSION, span);
    n->u.expr.op = op;
    return n;
}

struct ast_node *
ast_new_expr_binary(struct arena *a, struct ast_span span, enum ast_expr_op op,
                    struct ast_node *left, struct ast_node *right)
{
    struct ast_node *n = new_expr(a, span, op);
    n->u.expr.left = left;
    n->u.expr.right = right;
    return n;
}

struct ast_node *
ast_new_expr_group(struct arena *a, struct ast_span span, struct ast_node *inner)
{
    struct ast_node *n = new_expr(a, span, AST_EXPR_GROUP);
    n->u.expr.left = inner;
    return n;
}

struct ast_node *
ast_new_expr_number(struct arena *a, struct ast_span span, struct ast_quantity number)
{
    struct ast_node *n = new_expr(a, span, AST_EXPR_NUMBER);
    n->u.expr.number = number;
    return n;
}

struct ast_node *
ast_new_expr_indicator(struct arena *a, struct ast_span span, struct ast_str name)
{
    struct ast_node *n = new_expr(a, span, AST_EXPR_INDICATOR);
    n->u.expr.name = name;
    return n;
}

struct ast_node *
ast_new_expr_fund(struct arena *a, struct ast_span span, struct ast_list path)
{
    struct ast_node *n = new_expr(a, span, AST_EXPR_FUND);
    n->u.expr.path = path;
    return n;
}
