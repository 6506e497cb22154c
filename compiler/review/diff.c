/*
 * diff.c - the semantic comparison of two compiled goal tables.
 *
 * Owns a struct diff and its arena: every string of the change list is
 * copied there, so it outlives both compilations.  Reads the checked model
 * only (sema_funds' totals, sema_names' category definitions, the catalog's
 * units); both compilations must be free of errors.
 *
 * Matching is by name: tables by (kind, 预算部门, name), fund lines by their
 * path of names, indicators by name within a table, then an indicator left
 * over on each side by place, target and a similar name (a rename),
 * attributes by name and occurrence.  Categories compare by
 * their canonical names, amounts and target values by value in base units
 * (1.5 万人 is 15000 人), so spelling and layout never show as changes.
 * Targets compare as sets of acceptable outcomes (≥ 500 is [500, ∞)): a
 * strict subset is tightened, a strict superset loosened.  All arithmetic
 * is exact decimal; there is no floating point.
 */
#include "review/diff.h"

#include "base/arena.h"
#include "model/catalog.h"
#include "base/decimal.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "model/compilation.h"
#include "model/keyword.h"
#include "model/model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Beyond this many DP cells, a changed middle is shown whole as removed + added. */
enum { DIFF_LCS_MAX_CELLS = 1000000 };

/* --- small helpers ---------------------------------------------------------- */

static const char *
dup_str(struct arena *a, const struct ast_str *s)
{
    return s != NULL && s->text != NULL ? arena_strndup(a, s->text, s->len) : NULL;
}

static const char *
str_or_empty(const struct ast_str *s)
{
    return s != NULL && s->text != NULL ? s->text : "";
}

static bool
same(const char *a, const char *b)
{
    return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static const char *
format_decimal(struct arena *a, struct decimal d, bool sign)
{
    char buf[DECIMAL_FORMAT_MAX];
    decimal_format(d, buf, sizeof buf);
    return arena_printf(a, "%s%s", sign && d.coef > 0 ? "+" : "", buf);
}

const char *
diff_class_name(enum diff_class cls)
{
    switch (cls) {
    case DIFF_TIGHTENED:
        return "tightened";
    case DIFF_LOOSENED:
        return "loosened";
    case DIFF_SHIFTED:
        return "changed";
    case DIFF_CHANGED_KIND:
        return "changed_kind";
    case DIFF_CHANGED_UNIT:
        return "changed_unit";
    case DIFF_REWORDED:
        return "reworded";
    }
    return "";
}

const char *
diff_field_name(enum diff_text_field field)
{
    switch (field) {
    case DIFF_FIELD_DUTIES:
        return "duties";
    case DIFF_FIELD_GOAL:
        return "goal";
    case DIFF_FIELD_PERIOD_GOAL:
        return "period_goal";
    case DIFF_FIELD_ACTUAL:
        return "actual";
    }
    return "";
}

const char *
diff_field_kind_name(enum diff_field_kind kind)
{
    switch (kind) {
    case DIFF_FIELD_KIND_YEAR:
        return "year";
    case DIFF_FIELD_KIND_PERIOD:
        return "period";
    case DIFF_FIELD_KIND_FRAMEWORK:
        return "framework";
    case DIFF_FIELD_KIND_ATTRIBUTE:
        return "attribute";
    case DIFF_FIELD_KIND_WEIGHT:
        return "weight";
    case DIFF_FIELD_KIND_NOTE:
        return "note";
    case DIFF_FIELD_KIND_ITEM:
        return "item";
    case DIFF_FIELD_KIND_DUTY:
        return "duty_row";
    case DIFF_FIELD_KIND_COLUMN:
        return "column";
    case DIFF_FIELD_KIND_FUND_COLUMN:
        return "fund_column";
    case DIFF_FIELD_KIND_SCHEDULE:
        return "schedule";
    case DIFF_FIELD_KIND_COMPUTE:
        return "compute";
    case DIFF_FIELD_KIND_SHARE:
        return "share";
    }
    return "";
}

const char *
diff_phase_name(enum diff_phase phase)
{
    switch (phase) {
    case DIFF_PHASE_BUDGET:
        return "budget";
    case DIFF_PHASE_ADJUSTED:
        return "adjusted";
    case DIFF_PHASE_EXECUTED:
        return "executed";
    case DIFF_PHASE_PERIOD:
        return "period";
    case DIFF_PHASE_FINAL:
        return "final";
    }
    return "";
}

const char *
diff_eval_kind_name(enum diff_eval_kind kind)
{
    switch (kind) {
    case DIFF_EVAL_ACTUAL:
        return "actual";
    case DIFF_EVAL_WEIGHT:
        return "weight";
    case DIFF_EVAL_SCORE:
        return "score";
    case DIFF_EVAL_DEVIATION:
        return "deviation";
    case DIFF_EVAL_DIRECTION:
        return "direction";
    case DIFF_EVAL_RATE:
        return "execution_rate";
    case DIFF_EVAL_TOTAL_POINTS:
        return "total_points";
    case DIFF_EVAL_GRADE:
        return "grade";
    }
    return "";
}

const char *
diff_eval_owner_name(enum diff_eval_owner owner)
{
    switch (owner) {
    case DIFF_OWNER_TABLE:
        return "table";
    case DIFF_OWNER_FUND:
        return "fund";
    case DIFF_OWNER_INDICATORS:
        return "indicators";
    case DIFF_OWNER_CATEGORY:
        return "category";
    case DIFF_OWNER_INDICATOR:
        return "indicator";
    }
    return "";
}

bool
diff_similar_names(const char *a, const char *b)
{
    size_t la = utf8_count(a, strlen(a)), lb = utf8_count(b, strlen(b));
    size_t d = suggest_distance(a, b);
    return d > 0 && d * 3 <= (la > lb ? la : lb);
}

/* --- word-level text diff --------------------------------------------------- */

/* Token boundaries: a run of ASCII letters and digits is one word, any other code point one. */
static size_t
tokenize(struct arena *a, const char *s, size_t len, size_t **out)
{
    size_t *start = arena_alloc(a, (len + 1) * sizeof *start);
    size_t n = 0, i = 0;
    while (i < len) {
        start[n++] = i;
        unsigned char ch = (unsigned char)s[i];
        bool word = (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
        i++;
        if (word) {
            while (i < len) {
                unsigned char c2 = (unsigned char)s[i];
                if (!((c2 >= '0' && c2 <= '9') || ((c2 | 0x20) >= 'a' && (c2 | 0x20) <= 'z')))
                    break;
                i++;
            }
        } else {
            while (i < len && utf8_is_continuation((unsigned char)s[i]))
                i++;
        }
    }
    start[n] = len;
    *out = start;
    return n;
}

static bool
token_eq(const char *a, const size_t *ta, size_t i, const char *b, const size_t *tb, size_t j)
{
    size_t la = ta[i + 1] - ta[i], lb = tb[j + 1] - tb[j];
    return la == lb && memcmp(a + ta[i], b + tb[j], la) == 0;
}

struct seg_list {
    struct diff_segment *seg;
    size_t count, cap;
};

static void
seg_add(struct arena *arena, struct seg_list *l, enum diff_op op, const char *s, size_t from,
        size_t to)
{
    if (to <= from)
        return;
    if (l->count > 0 && l->seg[l->count - 1].op == op &&
        l->seg[l->count - 1].text + l->seg[l->count - 1].len == s + from) {
        l->seg[l->count - 1].len += to - from;
        return;
    }
    struct diff_segment *g = ARENA_PUSH(arena, l->seg, l->count, l->cap);
    *g = (struct diff_segment){op, s + from, to - from};
}

/* A hunk: a[ia..ja) removed, b[ib..jb) added, in token indices. */
static void
hunk(struct arena *arena, struct seg_list *l, const char *a, const size_t *ta, size_t ia,
     size_t ja, const char *b, const size_t *tb, size_t ib, size_t jb)
{
    if (ja > ia)
        seg_add(arena, l, DIFF_REMOVED, a, ta[ia], ta[ja]);
    if (jb > ib)
        seg_add(arena, l, DIFF_ADDED, b, tb[ib], tb[jb]);
}

struct diff_text
diff_words(struct arena *arena, const char *a, size_t alen, const char *b, size_t blen)
{
    struct seg_list l = {0};
    size_t *ta, *tb;
    size_t n = tokenize(arena, a, alen, &ta), m = tokenize(arena, b, blen, &tb);
    size_t pre = 0;
    while (pre < n && pre < m && token_eq(a, ta, pre, b, tb, pre))
        pre++;
    size_t suf = 0;
    while (suf < n - pre && suf < m - pre && token_eq(a, ta, n - 1 - suf, b, tb, m - 1 - suf))
        suf++;
    seg_add(arena, &l, DIFF_SAME, a, 0, ta[pre]);
    size_t an = n - pre - suf, bn = m - pre - suf;
    uint32_t *dp = NULL;
    if (an > 0 && bn > 0 && an <= DIFF_LCS_MAX_CELLS / bn)
        dp = malloc((an + 1) * (bn + 1) * sizeof *dp);
    if (dp == NULL) {
        hunk(arena, &l, a, ta, pre, pre + an, b, tb, pre, pre + bn);
    } else {
        /* dp[i][j]: the LCS of the suffixes from i and j of the middles. */
        size_t w = bn + 1;
        for (size_t i = an + 1; i-- > 0;)
            for (size_t j = bn + 1; j-- > 0;) {
                uint32_t v = 0;
                if (i < an && j < bn) {
                    if (token_eq(a, ta, pre + i, b, tb, pre + j))
                        v = dp[(i + 1) * w + j + 1] + 1;
                    else
                        v = dp[(i + 1) * w + j] > dp[i * w + j + 1] ? dp[(i + 1) * w + j]
                                                                    : dp[i * w + j + 1];
                }
                dp[i * w + j] = v;
            }
        size_t i = 0, j = 0, hi = 0, hj = 0;
        while (i < an || j < bn) {
            if (i < an && j < bn && token_eq(a, ta, pre + i, b, tb, pre + j)) {
                hunk(arena, &l, a, ta, pre + hi, pre + i, b, tb, pre + hj, pre + j);
                seg_add(arena, &l, DIFF_SAME, a, ta[pre + i], ta[pre + i + 1]);
                i++, j++;
                hi = i, hj = j;
            } else if (j >= bn || (i < an && dp[(i + 1) * w + j] >= dp[i * w + j + 1])) {
                i++;
            } else {
                j++;
            }
        }
        hunk(arena, &l, a, ta, pre + hi, pre + i, b, tb, pre + hj, pre + j);
        free(dp);
    }
    seg_add(arena, &l, DIFF_SAME, a, ta[n - suf], alen);
    return (struct diff_text){l.seg, l.count};
}

/* --- gathering a side -------------------------------------------------------- */

struct table_ref {
    const struct ast_node *table, *parent;
    bool matched;
};

struct side {
    const struct compilation *c;
    struct arena *arena;
    struct table_ref *tables;
    size_t count, cap;
};

static void
collect_table(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    struct side *s = ctx;
    struct table_ref *t = ARENA_PUSH(s->arena, s->tables, s->count, s->cap);
    *t = (struct table_ref){table, parent, false};
}

static bool
same_table(const struct table_ref *a, const struct table_ref *b)
{
    return a->table->kind == b->table->kind &&
           strcmp(str_or_empty(&a->table->u.decl.name), str_or_empty(&b->table->u.decl.name)) == 0 &&
           strcmp(str_or_empty(model_department(a->table, a->parent)),
                  str_or_empty(model_department(b->table, b->parent))) == 0;
}

/* --- self-evaluation values ------------------------------------------------- */

/*
 * A value of one side: as written (NULL: not written) and as goalc computes
 * it (NULL: not computed).  Both strings in the diff's arena.
 */
struct eval_value {
    const char *written, *computed;
};

/* Whether two numbers ("97.5%" and "97.50%", "10" and "10.00") are one value. */
static bool
same_number(const char *a, const char *b)
{
    struct decimal x, y;
    size_t la = strcspn(a, "%"), lb = strcspn(b, "%");
    if (strcmp(a + la, b + lb) != 0)
        return false;
    if (decimal_parse(a, la, &x) && decimal_parse(b, lb, &y))
        return decimal_cmp(x, y) == 0;
    return strcmp(a, b) == 0;
}

/*
 * One value of the self-evaluation on both sides.  What either side writes
 * is compared as written; only when neither does are goalc's values compared
 * (the change is then marked computed).
 */
static void
eval_change(struct diff *d, struct diff_table *t, size_t *cap, enum diff_eval_kind kind,
            enum diff_eval_owner owner, const char *of, struct eval_value o, struct eval_value n,
            bool numeric)
{
    bool computed = o.written == NULL && n.written == NULL;
    const char *ov = computed ? o.computed : o.written;
    const char *nv = computed ? n.computed : n.written;
    if (ov == NULL && nv == NULL)
        return;
    if (ov != NULL && nv != NULL && (numeric ? same_number(ov, nv) : same(ov, nv)))
        return;
    *ARENA_PUSH(d->arena, t->evals, t->eval_count, *cap) = (struct diff_eval){
        kind,
        owner,
        ov == NULL ? DIFF_STATUS_ADDED : nv == NULL ? DIFF_STATUS_REMOVED : DIFF_STATUS_CHANGED,
        of,
        ov,
        nv,
        computed};
    d->change_count++;
}

static const char *
number_of(struct arena *a, const struct ast_number *n)
{
    return n->digits != NULL ? arena_printf(a, "%s", n->digits) : NULL;
}

/* A modifier's number (分值, 得分 of an indicator or a category), or NULL. */
static const char *
modifier_number(struct arena *a, const struct ast_node *m)
{
    return m != NULL ? number_of(a, &m->u.modifier.number) : NULL;
}

/* The modifier of that kind in a list of modifiers (a category's, 指标's), or NULL. */
static const struct ast_node *
list_modifier(const struct ast_list *mods, enum ast_modifier_kind kind)
{
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next)
        if (m->kind == AST_MODIFIER && m->u.modifier.kind == kind)
            return m;
    return NULL;
}

/* The computed score of a row or a group, 2 decimals; NULL when unknown. */
static const char *
computed_score(struct arena *a, const struct ast_points *p)
{
    return p->computed_known ? format_decimal(a, p->computed, false) : NULL;
}

/*
 * A word of the form (等级, 方向) in one spelling: the Chinese name of the
 * grade or direction it spells in either language, else as written.
 */
static const char *
grade_word(struct arena *a, const struct ast_str *w)
{
    if (w == NULL || w->text == NULL)
        return NULL;
    static const enum ast_grade grades[] = {AST_GRADE_EXCELLENT, AST_GRADE_GOOD, AST_GRADE_FAIR,
                                            AST_GRADE_POOR};
    for (size_t i = 0; i < sizeof grades / sizeof grades[0]; i++)
        if (same(w->text, model_grade_name(grades[i], false)) ||
            same(w->text, model_grade_name(grades[i], true)))
            return model_grade_name(grades[i], false);
    return dup_str(a, w);
}

static const char *
direction_word(struct arena *a, const struct ast_str *w)
{
    if (w == NULL || w->text == NULL)
        return NULL;
    static const enum ast_direction dirs[] = {AST_DIRECTION_POSITIVE, AST_DIRECTION_NEGATIVE,
                                              AST_DIRECTION_EQUAL};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        if (same(w->text, model_direction_name(dirs[i], false)) ||
            same(w->text, model_direction_name(dirs[i], true)))
            return model_direction_name(dirs[i], false);
    return dup_str(a, w);
}

/* A fund modifier's number with its unit as written ("97.5%"), or NULL. */
static const char *
fund_mod_value(struct arena *a, const struct ast_node *fund, enum ast_fund_mod_kind kind)
{
    const struct ast_node *m = fund != NULL ? model_fund_mod(fund, kind) : NULL;
    if (m == NULL || m->u.fund_mod.value.value.digits == NULL)
        return NULL;
    const struct ast_quantity *q = &m->u.fund_mod.value;
    return arena_printf(a, "%s%s", q->value.digits, q->unit.text != NULL ? q->unit.text : "");
}

/*
 * 执行率, 分值, 得分 and 偏差 of a fund line on both sides (either may be
 * NULL); the 资金 header's evaluations (oe, ne; NULL elsewhere or when a
 * side has none) give the computed 执行率 and budget-execution score.
 */
static void
diff_fund_evals(struct diff *d, struct diff_table *t, size_t *cap, const char *of,
                const struct ast_node *o, const struct ast_node *n,
                const struct ast_evaluation *oe, const struct ast_evaluation *ne)
{
    struct arena *a = d->arena;
    struct eval_value orate = {fund_mod_value(a, o, AST_FUNDMOD_RATE), NULL};
    struct eval_value nrate = {fund_mod_value(a, n, AST_FUNDMOD_RATE), NULL};
    if (oe != NULL && oe->rate_known)
        orate.computed = arena_printf(a, "%s%%", format_decimal(a, oe->rate, false));
    if (ne != NULL && ne->rate_known)
        nrate.computed = arena_printf(a, "%s%%", format_decimal(a, ne->rate, false));
    eval_change(d, t, cap, DIFF_EVAL_RATE, DIFF_OWNER_FUND, of, orate, nrate, true);
    eval_change(d, t, cap, DIFF_EVAL_WEIGHT, DIFF_OWNER_FUND, of,
                (struct eval_value){fund_mod_value(a, o, AST_FUNDMOD_WEIGHT), NULL},
                (struct eval_value){fund_mod_value(a, n, AST_FUNDMOD_WEIGHT), NULL}, true);
    eval_change(d, t, cap, DIFF_EVAL_SCORE, DIFF_OWNER_FUND, of,
                (struct eval_value){fund_mod_value(a, o, AST_FUNDMOD_SCORE),
                                    oe != NULL ? computed_score(a, &oe->budget) : NULL},
                (struct eval_value){fund_mod_value(a, n, AST_FUNDMOD_SCORE),
                                    ne != NULL ? computed_score(a, &ne->budget) : NULL},
                true);
    const struct ast_node *od = o != NULL ? model_fund_mod(o, AST_FUNDMOD_DEVIATION) : NULL;
    const struct ast_node *nd = n != NULL ? model_fund_mod(n, AST_FUNDMOD_DEVIATION) : NULL;
    eval_change(d, t, cap, DIFF_EVAL_DEVIATION, DIFF_OWNER_FUND, of,
                (struct eval_value){od != NULL ? dup_str(a, &od->u.fund_mod.text) : NULL, NULL},
                (struct eval_value){nd != NULL ? dup_str(a, &nd->u.fund_mod.text) : NULL, NULL},
                false);
}

/* --- funds ------------------------------------------------------------------- */

struct fund_entry {
    const char **path;
    size_t len;
    const char *key; /* the path joined with " / " */
    const struct ast_node *node;
    bool matched;
};

struct fund_list {
    struct fund_entry *e;
    size_t count, cap;
};

static void
fund_walk(struct arena *a, struct fund_list *l, const struct ast_node *node, const char **path,
          size_t len, const char *key)
{
    for (const struct ast_node *n = node->u.fund.items.first; n != NULL; n = n->next) {
        if (n->kind == AST_FUND_LINE) {
            const char **p = arena_alloc(a, (len + 1) * sizeof *p);
            memcpy(p, path, len * sizeof *p);
            p[len] = dup_str(a, &n->u.fund.name);
            const char *k = arena_printf(a, "%s / %s", key, p[len]);
            struct fund_entry *e = ARENA_PUSH(a, l->e, l->count, l->cap);
            *e = (struct fund_entry){p, len + 1, k, n, false};
            fund_walk(a, l, n, p, len + 1, k);
        } else if (n->kind == AST_PARTITION || n->kind == AST_OF_WHICH) {
            const char **p = arena_alloc(a, (len + 1) * sizeof *p);
            memcpy(p, path, len * sizeof *p);
            p[len] = n->kind == AST_PARTITION
                         ? arena_printf(a, "按 %s", str_or_empty(&n->u.partition.name))
                         : "其中";
            const char *k = arena_printf(a, "%s / %s", key, p[len]);
            /* The lines of a partition hang under it, as if it were a line without amount. */
            for (const struct ast_node *line = n->u.partition.lines.first; line != NULL;
                 line = line->next) {
                const char **q = arena_alloc(a, (len + 2) * sizeof *q);
                memcpy(q, p, (len + 1) * sizeof *q);
                q[len + 1] = dup_str(a, &line->u.fund.name);
                const char *lk = arena_printf(a, "%s / %s", k, q[len + 1]);
                struct fund_entry *e = ARENA_PUSH(a, l->e, l->count, l->cap);
                *e = (struct fund_entry){q, len + 2, lk, line, false};
                fund_walk(a, l, line, q, len + 2, lk);
            }
        }
    }
}

/* An amount in a money unit, converted to base units when the two sides' units differ. */
struct money {
    bool known;
    struct decimal value;
};

/* A value of that unit, converted to base units when asked. */
static struct money
in_unit(const struct compilation *c, struct money m, const char *unit, bool to_base)
{
    if (m.known && to_base) {
        const struct unit *u = catalog_unit(c->catalog, unit);
        if (u == NULL || !unit_to_base(u, m.value, &m.value))
            m.known = false;
    }
    return m;
}

static struct money
money_of(const struct compilation *c, const struct ast_node *fund, const char *unit, bool to_base)
{
    struct money m = {fund != NULL && fund->u.fund.total_known, {0, 0}};
    if (m.known)
        m.value = fund->u.fund.total;
    return in_unit(c, m, unit, to_base);
}

static const enum ast_fund_mod_kind phase_mods[] = {
    [DIFF_PHASE_ADJUSTED] = AST_FUNDMOD_ADJUSTED,
    [DIFF_PHASE_EXECUTED] = AST_FUNDMOD_EXECUTED,
    [DIFF_PHASE_PERIOD] = AST_FUNDMOD_PERIOD,
    [DIFF_PHASE_FINAL] = AST_FUNDMOD_FINAL,
};
static const enum ast_phase phase_of[] = {
    [DIFF_PHASE_BUDGET] = AST_PHASE_BUDGET,     [DIFF_PHASE_ADJUSTED] = AST_PHASE_ADJUSTED,
    [DIFF_PHASE_EXECUTED] = AST_PHASE_EXECUTED, [DIFF_PHASE_PERIOD] = AST_PHASE_PERIOD,
    [DIFF_PHASE_FINAL] = AST_PHASE_FINAL,
};

/* The year a 决算 modifier names; 0 if it is not a number. */
static int
final_year(const struct ast_node *m)
{
    const char *y = m->u.fund_mod.year.digits;
    int v = 0;
    for (; y != NULL && *y >= '0' && *y <= '9' && v < 100000; y++)
        v = v * 10 + (*y - '0');
    return v;
}

/*
 * The amount of one phase of a fund line: the checked one (sema_funds'
 * phase total, written or summed), else the modifier as written.
 */
static struct money
phase_money(const struct compilation *c, const struct ast_node *fund, enum diff_phase phase,
            int year, const char *unit, bool to_base)
{
    if (phase == DIFF_PHASE_BUDGET)
        return money_of(c, fund, unit, to_base);
    struct money m = {false, {0, 0}};
    if (fund == NULL)
        return m;
    const struct ast_phase_total *p = model_fund_phase(fund, phase_of[phase], year);
    if (p != NULL && p->known) {
        m = (struct money){true, p->total};
        return in_unit(c, m, unit, to_base);
    }
    for (const struct ast_node *x = fund->u.fund.mods.first; x != NULL && !m.known; x = x->next) {
        const char *digits = x->u.fund_mod.value.value.digits;
        if (x->kind == AST_FUND_MOD && x->u.fund_mod.kind == phase_mods[phase] &&
            (phase != DIFF_PHASE_FINAL || final_year(x) == year) && digits != NULL)
            m.known = decimal_parse(digits, strlen(digits), &m.value);
    }
    return in_unit(c, m, unit, to_base);
}

struct years {
    int *y;
    size_t count, cap;
};

static void
add_year(struct arena *a, struct years *ys, int y)
{
    for (size_t i = 0; i < ys->count; i++)
        if (ys->y[i] == y)
            return;
    *ARENA_PUSH(a, ys->y, ys->count, ys->cap) = y;
}

/* The years of the 决算 amounts of a fund line (written, or summed by sema_funds). */
static void
add_final_years(struct arena *a, struct years *ys, const struct ast_node *fund)
{
    if (fund == NULL)
        return;
    for (const struct ast_node *x = fund->u.fund.mods.first; x != NULL; x = x->next)
        if (x->kind == AST_FUND_MOD && x->u.fund_mod.kind == AST_FUNDMOD_FINAL)
            add_year(a, ys, final_year(x));
    for (uint32_t k = 0; k < fund->u.fund.phase_count; k++)
        if (fund->u.fund.phases[k].phase == AST_PHASE_FINAL)
            add_year(a, ys, fund->u.fund.phases[k].year);
}

/* 10^n as a coefficient multiplier; false on overflow. */
static bool
rescale(int64_t coef, int by, int64_t *out)
{
    while (by-- > 0)
        if (__builtin_mul_overflow(coef, 10, &coef))
            return false;
    *out = coef;
    return true;
}

/* (new - old) / old × 100 to 2 decimals, half away from zero; NULL when old is 0 or too big. */
static const char *
percent(struct arena *a, struct decimal old_v, struct decimal diff)
{
    int scale = old_v.scale > diff.scale ? old_v.scale : diff.scale;
    int64_t den, num;
    if (!rescale(old_v.coef, scale - old_v.scale, &den) ||
        !rescale(diff.coef, scale - diff.scale, &num) || den == 0 ||
        __builtin_mul_overflow(num, 10000, &num))
        return NULL;
    int64_t q = num / den, r = num % den;
    int64_t ar = r < 0 ? -r : r, ad = den < 0 ? -den : den;
    if (ar >= ad - ar)
        q += ((num < 0) != (den < 0)) ? -1 : 1;
    return format_decimal(a, (struct decimal){q, 2}, true);
}

/* Fills f from the two amounts (either may be unknown). */
static bool
fund_compare(struct arena *a, struct diff_fund *f, struct money o, struct money n,
             const char *unit)
{
    f->unit = unit;
    f->old_amount = o.known ? format_decimal(a, o.value, false) : NULL;
    f->new_amount = n.known ? format_decimal(a, n.value, false) : NULL;
    f->status = !o.known ? DIFF_STATUS_ADDED : !n.known ? DIFF_STATUS_REMOVED : DIFF_STATUS_CHANGED;
    if (!o.known || !n.known)
        return o.known != n.known;
    if (decimal_cmp(o.value, n.value) == 0) {
        struct decimal zero = {0, o.value.scale > n.value.scale ? o.value.scale : n.value.scale};
        f->difference = format_decimal(a, zero, false);
        f->percent = percent(a, o.value, zero);
        return false;
    }
    struct decimal d;
    if (decimal_sub(n.value, o.value, &d)) {
        f->difference = format_decimal(a, d, true);
        f->percent = percent(a, o.value, d);
    }
    return true;
}

/* The context of one table's funds comparison. */
struct fund_cmp {
    struct diff *d;
    struct diff_table *t;
    size_t *cap, *ecap;
    const struct compilation *oc, *nc;
    const char *ou, *nu, *unit;
    bool to_base;
};

/* Every phase of a fund line on both sides (o or n may be NULL): plain, 调整后, 执行, 实施期, 决算 by year. */
static void
fund_phases(struct fund_cmp *k, const char **path, size_t len, const struct ast_node *o,
            const struct ast_node *n, bool with_budget)
{
    struct arena *a = k->d->arena;
    struct years ys = {0};
    add_final_years(a, &ys, n);
    add_final_years(a, &ys, o);
    size_t phases = DIFF_PHASE_FINAL + ys.count;
    for (size_t i = with_budget ? 0 : 1; i < phases; i++) {
        enum diff_phase ph = i < DIFF_PHASE_FINAL ? (enum diff_phase)i : DIFF_PHASE_FINAL;
        int year = ph == DIFF_PHASE_FINAL ? ys.y[i - DIFF_PHASE_FINAL] : 0;
        struct diff_fund f = {.path = path, .path_len = len, .phase = ph, .year = year};
        if (fund_compare(a, &f, phase_money(k->oc, o, ph, year, k->ou, k->to_base),
                         phase_money(k->nc, n, ph, year, k->nu, k->to_base), k->unit))
            *ARENA_PUSH(a, k->t->funds, k->t->fund_count, *k->cap) = f;
    }
}

static const char *
path_key(struct arena *a, const char **path, size_t len)
{
    const char *k = path[0];
    for (size_t i = 1; i < len; i++)
        k = arena_printf(a, "%s / %s", k, path[i]);
    return k;
}

static void
diff_funds(struct diff *d, struct diff_table *t, size_t *ecap, const struct compilation *oc,
           const struct ast_node *ot, const struct compilation *nc, const struct ast_node *nt)
{
    struct arena *a = d->arena;
    const struct ast_node *of = ot != NULL ? ast_field(ot, AST_FUNDS) : NULL;
    const struct ast_node *nf = nt != NULL ? ast_field(nt, AST_FUNDS) : NULL;
    if (of == NULL && nf == NULL)
        return;
    const char *ou = of != NULL ? model_money_unit(of) : NULL;
    const char *nu = nf != NULL ? model_money_unit(nf) : NULL;
    const char *unit = nu != NULL ? nu : ou;
    bool to_base = ou != NULL && nu != NULL && strcmp(ou, nu) != 0;
    if (to_base) {
        const struct unit *u = catalog_unit(nc->catalog, nu);
        unit = u != NULL && u->dimension->base != NULL ? u->dimension->base : nu;
    }
    unit = arena_printf(a, "%s", unit); /* the compilations may go before the diff */
    static const char *root_path[] = {"资金"};
    struct fund_list ol = {0}, nl = {0};
    if (of != NULL)
        fund_walk(a, &ol, of, root_path, 1, "资金");
    if (nf != NULL)
        fund_walk(a, &nl, nf, root_path, 1, "资金");
    size_t cap = 0;
    struct fund_cmp k = {d, t, &cap, ecap, oc, nc, ou, nu, unit, to_base};
    /* The header's own phases first (its plain amount is the total, below). */
    fund_phases(&k, root_path, 1, of, nf, false);
    diff_fund_evals(d, t, ecap, "资金", of, nf, ot != NULL ? ot->u.decl.evaluation : NULL,
                    nt != NULL ? nt->u.decl.evaluation : NULL);
    for (size_t i = 0; i < nl.count; i++) {
        struct fund_entry *o = NULL;
        for (size_t j = 0; j < ol.count && o == NULL; j++)
            if (!ol.e[j].matched && strcmp(ol.e[j].key, nl.e[i].key) == 0)
                o = &ol.e[j];
        if (o != NULL)
            o->matched = true;
        fund_phases(&k, nl.e[i].path, nl.e[i].len, o != NULL ? o->node : NULL, nl.e[i].node,
                    true);
        diff_fund_evals(d, t, ecap, path_key(a, nl.e[i].path, nl.e[i].len),
                        o != NULL ? o->node : NULL, nl.e[i].node, NULL, NULL);
    }
    for (size_t j = 0; j < ol.count; j++)
        if (!ol.e[j].matched) {
            fund_phases(&k, ol.e[j].path, ol.e[j].len, ol.e[j].node, NULL, true);
            diff_fund_evals(d, t, ecap, path_key(a, ol.e[j].path, ol.e[j].len), ol.e[j].node,
                            NULL, NULL, NULL);
        }
    t->total.path = root_path;
    t->total.path_len = 1;
    bool total_changed =
        fund_compare(a, &t->total, money_of(oc, of, ou, to_base), money_of(nc, nf, nu, to_base),
                     unit);
    t->funds_changed = total_changed || t->fund_count > 0;
    d->change_count += t->fund_count + (total_changed && t->fund_count == 0);
}

/* --- targets ---------------------------------------------------------------- */

enum family { FAM_QUANTITY, FAM_DATE, FAM_TEXT };

struct bound {
    bool infinite;
    bool open;
    struct decimal v;
};

struct norm {
    enum family fam;
    struct bound lo, hi;
    const char *dim; /* a dimension's name, an unknown unit's spelling, or NULL (no unit) */
    bool exact;      /* converted without overflow */
    const char *text;
};

static void
quantity(const struct compilation *c, const struct ast_quantity *q, const struct ast_str *unit,
         struct norm *n, struct decimal *out)
{
    *out = (struct decimal){0, 0};
    if (q->value.digits == NULL || !decimal_parse(q->value.digits, strlen(q->value.digits), out))
        n->exact = false;
    if (unit == NULL || unit->text == NULL)
        return;
    const struct unit *u = catalog_unit(c->catalog, unit->text);
    if (u == NULL) {
        n->dim = unit->text;
        return;
    }
    n->dim = u->dimension->name;
    if (!unit_to_base(u, *out, out))
        n->exact = false;
}

/* A date as yyyymmdd; a month alone is its first day (start) or its last. */
static struct decimal
date_value(const struct ast_date *d, int year, bool start)
{
    int y = d->year != 0 ? d->year : year;
    int day = d->day != 0 ? d->day : start && !d->end_of_month ? 1 : model_days_in_month(y, d->month);
    return (struct decimal){(int64_t)y * 10000 + d->month * 100 + day, 0};
}

static void
cmp_bounds(struct norm *n, enum ast_cmp cmp, struct decimal v, bool deadline)
{
    struct bound inf = {true, false, {0, 0}}, at = {false, false, v}, open = {false, true, v};
    switch (cmp) {
    case AST_CMP_GE:
        n->lo = at, n->hi = inf;
        break;
    case AST_CMP_GT:
        n->lo = open, n->hi = inf;
        break;
    case AST_CMP_LE:
        n->lo = inf, n->hi = at;
        break;
    case AST_CMP_LT:
        n->lo = inf, n->hi = open;
        break;
    case AST_CMP_EQ: /* a bare date is a deadline: by that date */
        n->lo = deadline ? inf : at, n->hi = at;
        break;
    }
}

static struct norm
normalize(const struct compilation *c, const struct ast_node *t, int year)
{
    struct norm n = {.exact = true};
    struct decimal v, w;
    switch (t->u.target.kind) {
    case AST_TARGET_COMPARISON:
        n.fam = FAM_QUANTITY;
        quantity(c, &t->u.target.value, &t->u.target.value.unit, &n, &v);
        cmp_bounds(&n, t->u.target.cmp, v, false);
        break;
    case AST_TARGET_RANGE: {
        /* An end without a unit takes the other end's. */
        const struct ast_str *lu = &t->u.target.value.unit, *hu = &t->u.target.high.unit;
        n.fam = FAM_QUANTITY;
        quantity(c, &t->u.target.value, lu->text ? lu : hu, &n, &v);
        quantity(c, &t->u.target.high, hu->text ? hu : lu, &n, &w);
        n.lo = (struct bound){false, false, v};
        n.hi = (struct bound){false, false, w};
        break;
    }
    case AST_TARGET_DEADLINE:
        n.fam = FAM_DATE;
        cmp_bounds(&n, t->u.target.cmp, date_value(&t->u.target.date, year, false), true);
        break;
    case AST_TARGET_PERIOD:
        n.fam = FAM_DATE;
        n.lo = (struct bound){false, false, date_value(&t->u.target.date, year, true)};
        n.hi = (struct bound){false, false, date_value(&t->u.target.date_to, year, false)};
        break;
    case AST_TARGET_QUALITATIVE:
        n.fam = FAM_TEXT;
        n.text = str_or_empty(&t->u.target.text);
        break;
    }
    return n;
}

/* Lower bounds: which admits less (-1 a is looser, 0 same, 1 a is tighter). */
static int
lower_cmp(struct bound a, struct bound b)
{
    if (a.infinite || b.infinite)
        return a.infinite == b.infinite ? 0 : a.infinite ? -1 : 1;
    int k = decimal_cmp(a.v, b.v);
    return k != 0 ? k : a.open == b.open ? 0 : a.open ? 1 : -1;
}

static int
upper_cmp(struct bound a, struct bound b) /* 1: a is tighter */
{
    if (a.infinite || b.infinite)
        return a.infinite == b.infinite ? 0 : a.infinite ? -1 : 1;
    int k = decimal_cmp(b.v, a.v);
    return k != 0 ? k : a.open == b.open ? 0 : a.open ? 1 : -1;
}

/* false: no change; else *cls says how. */
static bool
classify(const struct norm *o, const struct norm *n, enum diff_class *cls)
{
    if (o->fam != n->fam) {
        *cls = DIFF_CHANGED_KIND;
        return true;
    }
    if (o->fam == FAM_TEXT) {
        *cls = DIFF_REWORDED;
        return strcmp(o->text, n->text) != 0;
    }
    /* A unit of another dimension, or a unit added to a bare number or taken off. */
    if ((o->dim == NULL) != (n->dim == NULL) ||
        (o->dim != NULL && strcmp(o->dim, n->dim) != 0)) {
        *cls = DIFF_CHANGED_UNIT;
        return true;
    }
    int lo = lower_cmp(n->lo, o->lo), hi = upper_cmp(n->hi, o->hi);
    if (lo == 0 && hi == 0)
        return false;
    *cls = lo >= 0 && hi >= 0 ? DIFF_TIGHTENED : lo <= 0 && hi <= 0 ? DIFF_LOOSENED : DIFF_SHIFTED;
    return true;
}

static const char *
form(struct arena *a, const struct compilation *c, const struct ast_node *t)
{
    if (t == NULL)
        return NULL;
    struct model_form f;
    model_form_target(c, t, &f);
    size_t len = 0;
    for (size_t i = 0; i < f.count; i++)
        len += f.piece[i].len;
    char *s = arena_alloc(a, len + 1), *p = s;
    for (size_t i = 0; i < f.count; i++) {
        memcpy(p, f.piece[i].s, f.piece[i].len);
        p += f.piece[i].len;
    }
    *p = '\0';
    return s;
}

/* --- fields ---------------------------------------------------------------- */

/* One field change; o and n are already in the diff's arena (NULL: absent). */
static void
field_change(struct diff *d, struct diff_table *t, size_t *cap, enum diff_field_kind kind,
             const char *indicator, const char *name, const char *o, const char *n)
{
    *ARENA_PUSH(d->arena, t->fields, t->field_count, *cap) = (struct diff_field){
        kind, o == NULL ? DIFF_STATUS_ADDED : n == NULL ? DIFF_STATUS_REMOVED : DIFF_STATUS_CHANGED,
        indicator, name, o, n};
    d->change_count++;
}

/* Whether two targets (either may be NULL) admit the same outcomes. */
static bool
same_target(const struct compilation *oc, const struct ast_node *ot, int oy,
            const struct compilation *nc, const struct ast_node *nt, int ny)
{
    if (ot == NULL || nt == NULL)
        return ot == nt;
    struct norm on = normalize(oc, ot, oy), nn = normalize(nc, nt, ny);
    enum diff_class cls;
    return !classify(&on, &nn, &cls);
}

static const struct ast_node *
period_of(const struct ast_node *table)
{
    const struct ast_node *p = ast_field(table, AST_PERIOD);
    return p != NULL ? p->u.period.value : NULL;
}

static const char *
framework_of(struct arena *a, const struct ast_node *table)
{
    const struct framework *f = table->u.decl.framework;
    return f != NULL && f->name != NULL ? arena_printf(a, "%s", f->name) : NULL;
}

static bool
same_attribute_name(const struct ast_node *a, const struct ast_node *b)
{
    return a->kind == AST_ATTRIBUTE && b->kind == AST_ATTRIBUTE &&
           strcmp(str_or_empty(&a->u.attribute.name), str_or_empty(&b->u.attribute.name)) == 0;
}

/* How many attributes of attr's name come before attr in its table. */
static size_t
attribute_index(const struct ast_node *table, const struct ast_node *attr)
{
    size_t k = 0;
    for (const struct ast_node *x = table->u.decl.body.first; x != attr; x = x->next)
        k += same_attribute_name(x, attr);
    return k;
}

/* The attribute of table with attr's name that has k of that name before it, or NULL. */
static const struct ast_node *
nth_attribute(const struct ast_node *table, const struct ast_node *attr, size_t k)
{
    for (const struct ast_node *x = table->u.decl.body.first; x != NULL; x = x->next)
        if (same_attribute_name(x, attr) && k-- == 0)
            return x;
    return NULL;
}

/*
 * 年度, 实施期, the framework and the attributes of a table on both sides.
 * A project that writes neither 年度 nor 框架 on either side follows its
 * department's, whose own change is reported there, not once per project.
 */
static void
diff_table_fields(struct diff *d, struct diff_table *t, size_t *cap, const struct compilation *oc,
                  const struct table_ref *o, const struct compilation *nc,
                  const struct table_ref *n)
{
    struct arena *a = d->arena;
    const struct ast_node *ot = o->table, *nt = n->table;
    int oy = model_year(ot, o->parent), ny = model_year(nt, n->parent);
    if ((ast_field(ot, AST_YEAR) != NULL || ast_field(nt, AST_YEAR) != NULL) && oy != ny)
        field_change(d, t, cap, DIFF_FIELD_KIND_YEAR, NULL, NULL,
                     oy != 0 ? arena_printf(a, "%d", oy) : NULL,
                     ny != 0 ? arena_printf(a, "%d", ny) : NULL);
    const struct ast_node *op = period_of(ot), *np = period_of(nt);
    if (!same_target(oc, op, oy, nc, np, ny))
        field_change(d, t, cap, DIFF_FIELD_KIND_PERIOD, NULL, NULL, form(a, oc, op),
                     form(a, nc, np));
    bool inherits = ot->kind == AST_PROJECT && o->parent != NULL && n->parent != NULL &&
                    ast_field(ot, AST_FRAMEWORK_REF) == NULL &&
                    ast_field(nt, AST_FRAMEWORK_REF) == NULL;
    const char *of = framework_of(a, ot), *nf = framework_of(a, nt);
    if (!inherits && !same(of, nf))
        field_change(d, t, cap, DIFF_FIELD_KIND_FRAMEWORK, NULL, NULL, of, nf);

    /* Attributes may repeat: the k-th of a name on one side is the k-th on the other. */
    for (const struct ast_node *x = nt->u.decl.body.first; x != NULL; x = x->next) {
        if (x->kind != AST_ATTRIBUTE)
            continue;
        const struct ast_node *y = nth_attribute(ot, x, attribute_index(nt, x));
        const char *name = dup_str(a, &x->u.attribute.name);
        if (y == NULL)
            field_change(d, t, cap, DIFF_FIELD_KIND_ATTRIBUTE, NULL, name, NULL,
                         dup_str(a, &x->u.attribute.value));
        else if (!same(y->u.attribute.value.text, x->u.attribute.value.text))
            field_change(d, t, cap, DIFF_FIELD_KIND_ATTRIBUTE, NULL, name,
                         dup_str(a, &y->u.attribute.value), dup_str(a, &x->u.attribute.value));
    }
    for (const struct ast_node *y = ot->u.decl.body.first; y != NULL; y = y->next)
        if (y->kind == AST_ATTRIBUTE && nth_attribute(nt, y, attribute_index(ot, y)) == NULL)
            field_change(d, t, cap, DIFF_FIELD_KIND_ATTRIBUTE, NULL,
                         dup_str(a, &y->u.attribute.name), dup_str(a, &y->u.attribute.value),
                         NULL);
}

/* --- the duty table ----------------------------------------------------------- */

/* A row of a duty table and its path of names, 公共卫生服务 / 重大疾病防控 / 疾病预防控制. */
struct duty_entry {
    const char *path;
    const struct ast_node *row;
    bool matched;
};

struct duty_list {
    struct duty_entry *items;
    size_t count, cap;
};

static void
duty_walk(struct arena *a, struct duty_list *l, const struct ast_node *row, const char *prefix)
{
    const char *path = prefix == NULL ? dup_str(a, &row->u.duty.name)
                                      : arena_printf(a, "%s / %s", prefix, row->u.duty.name.text);
    *ARENA_PUSH(a, l->items, l->count, l->cap) = (struct duty_entry){path, row, false};
    for (const struct ast_node *r = row->u.duty.rows.first; r != NULL; r = r->next)
        duty_walk(a, l, r, path);
}

static void
duty_gather(struct arena *a, struct duty_list *l, const struct ast_node *table)
{
    const struct ast_node *duties = model_duty_table(table);
    if (duties != NULL)
        for (const struct ast_node *r = duties->u.duty.rows.first; r != NULL; r = r->next)
            duty_walk(a, l, r, NULL);
}

/* A row as the diff shows it: its level's keyword and its written amount, 项目 50 万元, 任务. */
static const char *
duty_amount(struct arena *a, const struct compilation *c, const struct ast_node *table,
            const struct ast_node *row)
{
    static const enum keyword level_keyword[] = {
        [AST_DUTY_DUTY] = KEYWORD_DUTIES,
        [AST_DUTY_TASK] = KEYWORD_TASK,
        [AST_DUTY_PROJECT] = KEYWORD_PROJECT,
    };
    const char *level = keyword_spelling(level_keyword[row->u.duty.level], false);
    char buf[DECIMAL_FORMAT_MAX];
    bool computed;
    size_t n = model_duty_amount(c, table, row, buf, &computed);
    if (n == 0 || computed)
        return level;
    return arena_printf(a, "%s %.*s %s", level, (int)n, buf,
                        model_money_unit(ast_field(table, AST_FUNDS)));
}

/*
 * The rows of the duty table, matched by path (a repeated path by
 * occurrence): a row added or removed, or whose written amount changed in
 * value (50 万元 and 500000 元 are one amount), is a change.
 */
static void
diff_duties(struct diff *d, struct diff_table *t, size_t *cap, const struct compilation *oc,
            const struct ast_node *ot, const struct compilation *nc, const struct ast_node *nt)
{
    struct arena *a = d->arena;
    struct duty_list ol = {0}, nl = {0};
    duty_gather(a, &ol, ot);
    duty_gather(a, &nl, nt);
    for (size_t i = 0; i < nl.count; i++) {
        struct duty_entry *n = &nl.items[i], *o = NULL;
        for (size_t j = 0; j < ol.count && o == NULL; j++)
            if (!ol.items[j].matched && strcmp(ol.items[j].path, n->path) == 0)
                o = &ol.items[j];
        const char *nv = duty_amount(a, nc, nt, n->row);
        if (o == NULL) {
            field_change(d, t, cap, DIFF_FIELD_KIND_DUTY, NULL, n->path, NULL, nv);
            continue;
        }
        o->matched = true;
        const struct ast_node *orow = o->row, *nrow = n->row;
        bool ow = orow->u.duty.amount.value.digits != NULL && orow->u.duty.amount_known;
        bool nw = nrow->u.duty.amount.value.digits != NULL && nrow->u.duty.amount_known;
        if (ow != nw || (ow && decimal_cmp(orow->u.duty.yuan, nrow->u.duty.yuan) != 0))
            field_change(d, t, cap, DIFF_FIELD_KIND_DUTY, NULL, n->path,
                         duty_amount(a, oc, ot, orow), nv);
    }
    for (size_t j = 0; j < ol.count; j++)
        if (!ol.items[j].matched)
            field_change(d, t, cap, DIFF_FIELD_KIND_DUTY, NULL, ol.items[j].path,
                         duty_amount(a, oc, ot, ol.items[j].row), NULL);
}

/*
 * The 栏 of a matched row (an indicator, or a fund node: kind says which),
 * by name: one added, removed, or whose text changed.  row names the row.
 */
static void
diff_columns(struct diff *d, struct diff_table *t, size_t *cap, enum diff_field_kind kind,
             const char *row, const struct ast_node *o, const struct ast_node *n)
{
    struct arena *a = d->arena;
    const struct ast_list *nm = n == NULL ? NULL
                                : n->kind == AST_INDICATOR ? &n->u.indicator.modifiers
                                                           : &n->u.fund.mods;
    const struct ast_list *om = o == NULL ? NULL
                                : o->kind == AST_INDICATOR ? &o->u.indicator.modifiers
                                                           : &o->u.fund.mods;
    for (const struct ast_node *m = nm != NULL ? nm->first : NULL; m != NULL; m = m->next) {
        if (!model_is_column(m))
            continue;
        const struct ast_str *name = model_column_name(m), *text = model_column_text(m);
        const struct ast_node *x = o != NULL ? model_column(o, name->text) : NULL;
        if (x != NULL && same(model_column_text(x)->text, text->text))
            continue;
        field_change(d, t, cap, kind, row, dup_str(a, name),
                     x != NULL ? dup_str(a, model_column_text(x)) : NULL, dup_str(a, text));
    }
    for (const struct ast_node *m = om != NULL ? om->first : NULL; m != NULL; m = m->next)
        if (model_is_column(m) && (n == NULL || model_column(n, model_column_name(m)->text) == NULL))
            field_change(d, t, cap, kind, row, dup_str(a, model_column_name(m)),
                         dup_str(a, model_column_text(m)), NULL);
}

/* Whether two numbers as written (NULL: not written) differ in value: 10 and
   10.0 are one; digits that do not parse are compared as text. */
static bool
numbers_differ(const char *os, const char *ns)
{
    struct decimal ov, nv;
    if (os == NULL || ns == NULL)
        return os != ns;
    if (decimal_parse(os, strlen(os), &ov) && decimal_parse(ns, strlen(ns), &nv))
        return decimal_cmp(ov, nv) != 0;
    return strcmp(os, ns) != 0;
}

/* The 占比 of a matched fund node (o or n NULL: one side lacks the line), by
   value: 20% and 20.0% are one share.  row is the line's path. */
static void
diff_share(struct diff *d, struct diff_table *t, size_t *cap, const char *row,
           const struct ast_node *o, const struct ast_node *n)
{
    const struct ast_node *om = o != NULL ? model_fund_mod(o, AST_FUNDMOD_SHARE) : NULL;
    const struct ast_node *nm = n != NULL ? model_fund_mod(n, AST_FUNDMOD_SHARE) : NULL;
    const char *os = om != NULL ? om->u.fund_mod.value.value.digits : NULL;
    const char *ns = nm != NULL ? nm->u.fund_mod.value.value.digits : NULL;
    if (numbers_differ(os, ns))
        field_change(d, t, cap, DIFF_FIELD_KIND_SHARE, row, NULL,
                     os != NULL ? arena_printf(d->arena, "%s%%", os) : NULL,
                     ns != NULL ? arena_printf(d->arena, "%s%%", ns) : NULL);
}

/* The first row of a 进度 of that name, or NULL. */
static const struct ast_node *
schedule_row(const struct ast_node *schedule, const char *name)
{
    for (const struct ast_node *r = schedule != NULL ? schedule->u.schedule.rows.first : NULL;
         r != NULL; r = r->next)
        if (strcmp(r->u.schedule_row.name.text, name) == 0)
            return r;
    return NULL;
}

/*
 * Issue 15's fields of a matched table: the 栏 of its 资金 and fund lines
 * (matched by path, as the amounts) and its 进度 rows (by name; a row's
 * period or deadline compared as a target, 2024-06-30 前 and
 * 2024年6月30日前 being one).
 */
static void
diff_table_extras(struct diff *d, struct diff_table *t, size_t *cap, const struct compilation *oc,
                  const struct table_ref *o, const struct compilation *nc,
                  const struct table_ref *n)
{
    struct arena *a = d->arena;
    const struct ast_node *of = ast_field(o->table, AST_FUNDS), *nf = ast_field(n->table, AST_FUNDS);
    static const char *root_path[] = {"资金"};
    struct fund_list ol = {0}, nl = {0};
    if (of != NULL)
        fund_walk(a, &ol, of, root_path, 1, "资金");
    if (nf != NULL)
        fund_walk(a, &nl, nf, root_path, 1, "资金");
    if (of != NULL || nf != NULL) {
        diff_columns(d, t, cap, DIFF_FIELD_KIND_FUND_COLUMN, "资金", of, nf);
        diff_share(d, t, cap, "资金", of, nf);
    }
    for (size_t i = 0; i < nl.count; i++) {
        const struct ast_node *x = NULL;
        for (size_t j = 0; j < ol.count && x == NULL; j++)
            if (strcmp(ol.e[j].key, nl.e[i].key) == 0)
                x = ol.e[j].node, ol.e[j].matched = true;
        const char *key = path_key(a, nl.e[i].path, nl.e[i].len);
        diff_columns(d, t, cap, DIFF_FIELD_KIND_FUND_COLUMN, key, x, nl.e[i].node);
        diff_share(d, t, cap, key, x, nl.e[i].node);
    }
    for (size_t j = 0; j < ol.count; j++)
        if (!ol.e[j].matched) {
            const char *key = path_key(a, ol.e[j].path, ol.e[j].len);
            diff_columns(d, t, cap, DIFF_FIELD_KIND_FUND_COLUMN, key, ol.e[j].node, NULL);
            diff_share(d, t, cap, key, ol.e[j].node, NULL);
        }
    const struct ast_node *os = ast_field(o->table, AST_SCHEDULE), *ns = ast_field(n->table, AST_SCHEDULE);
    int oy = model_year(o->table, o->parent), ny = model_year(n->table, n->parent);
    for (const struct ast_node *r = ns != NULL ? ns->u.schedule.rows.first : NULL; r != NULL;
         r = r->next) {
        const char *name = r->u.schedule_row.name.text;
        if (schedule_row(ns, name) != r)
            continue; /* a name given twice (W0142): its first row stands for it */
        const struct ast_node *x = schedule_row(os, name);
        const struct ast_node *xv = x != NULL ? x->u.schedule_row.value : NULL;
        if (!same_target(oc, xv, oy, nc, r->u.schedule_row.value, ny))
            field_change(d, t, cap, DIFF_FIELD_KIND_SCHEDULE, NULL, dup_str(a, &r->u.schedule_row.name),
                         form(a, oc, xv), form(a, nc, r->u.schedule_row.value));
    }
    for (const struct ast_node *r = os != NULL ? os->u.schedule.rows.first : NULL; r != NULL;
         r = r->next)
        if (schedule_row(os, r->u.schedule_row.name.text) == r &&
            schedule_row(ns, r->u.schedule_row.name.text) == NULL)
            field_change(d, t, cap, DIFF_FIELD_KIND_SCHEDULE, NULL, dup_str(a, &r->u.schedule_row.name),
                         form(a, oc, r->u.schedule_row.value), NULL);
}

/* 分值 (as a number: 10 and 10.0 are one weight), 备注 and 项目 of a matched indicator. */
static void
diff_modifiers(struct diff *d, struct diff_table *t, size_t *cap, const char *name,
               const struct ast_node *oi, const struct ast_node *ni)
{
    struct arena *a = d->arena;
    const struct ast_node *ow = model_modifier(oi, AST_MOD_WEIGHT);
    const struct ast_node *nw = model_modifier(ni, AST_MOD_WEIGHT);
    const char *os = ow != NULL ? ow->u.modifier.number.digits : NULL;
    const char *ns = nw != NULL ? nw->u.modifier.number.digits : NULL;
    if (numbers_differ(os, ns))
        field_change(d, t, cap, DIFF_FIELD_KIND_WEIGHT, name, NULL,
                     os != NULL ? arena_printf(a, "%s", os) : NULL,
                     ns != NULL ? arena_printf(a, "%s", ns) : NULL);
    static const struct {
        enum ast_modifier_kind mod;
        enum diff_field_kind kind;
    } texts[] = {{AST_MOD_NOTE, DIFF_FIELD_KIND_NOTE}, {AST_MOD_ITEM, DIFF_FIELD_KIND_ITEM}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const struct ast_node *om = model_modifier(oi, texts[i].mod);
        const struct ast_node *nm = model_modifier(ni, texts[i].mod);
        const struct ast_str *o = om != NULL ? &om->u.modifier.text : NULL;
        const struct ast_str *n = nm != NULL ? &nm->u.modifier.text : NULL;
        if ((o == NULL && n == NULL) || (o != NULL && n != NULL && same(o->text, n->text)))
            continue;
        field_change(d, t, cap, texts[i].kind, name, NULL, dup_str(a, o), dup_str(a, n));
    }
    const struct ast_node *oc = model_modifier(oi, AST_MOD_COMPUTE);
    const struct ast_node *nc = model_modifier(ni, AST_MOD_COMPUTE);
    const char *oe = oc != NULL ? model_expr_text(a, oc->u.modifier.target, true, false) : NULL;
    const char *ne = nc != NULL ? model_expr_text(a, nc->u.modifier.target, true, false) : NULL;
    if (oe != NULL || ne != NULL ? oe == NULL || ne == NULL || strcmp(oe, ne) != 0 : false)
        field_change(d, t, cap, DIFF_FIELD_KIND_COMPUTE, name, NULL, oe, ne);
    diff_columns(d, t, cap, DIFF_FIELD_KIND_COLUMN, name, oi, ni);
}

/*
 * 实际 (compared as a target: 1,200 人 and 0.12 万人 are one value), 得分
 * (written, else computed), 偏差 and 方向 of a matched indicator.
 */
static void
diff_indicator_evals(struct diff *d, struct diff_table *t, size_t *cap, const char *name,
                     const struct compilation *oc, const struct ast_node *oi, int oy,
                     const struct compilation *nc, const struct ast_node *ni, int ny)
{
    struct arena *a = d->arena;
    const struct ast_node *oa = model_modifier(oi, AST_MOD_ACTUAL);
    const struct ast_node *na = model_modifier(ni, AST_MOD_ACTUAL);
    const struct ast_node *ot = oa != NULL ? oa->u.modifier.target : NULL;
    const struct ast_node *nt = na != NULL ? na->u.modifier.target : NULL;
    if (!same_target(oc, ot, oy, nc, nt, ny)) {
        /* Forms may coincide (a unit's other spelling): compare as targets, not as text. */
        *ARENA_PUSH(a, t->evals, t->eval_count, *cap) = (struct diff_eval){
            DIFF_EVAL_ACTUAL,
            DIFF_OWNER_INDICATOR,
            ot == NULL ? DIFF_STATUS_ADDED : nt == NULL ? DIFF_STATUS_REMOVED : DIFF_STATUS_CHANGED,
            name,
            form(a, oc, ot),
            form(a, nc, nt),
            false};
        d->change_count++;
    }
    eval_change(d, t, cap, DIFF_EVAL_SCORE, DIFF_OWNER_INDICATOR, name,
                (struct eval_value){modifier_number(a, model_modifier(oi, AST_MOD_SCORE)),
                                    computed_score(a, &oi->u.indicator.points)},
                (struct eval_value){modifier_number(a, model_modifier(ni, AST_MOD_SCORE)),
                                    computed_score(a, &ni->u.indicator.points)},
                true);
    const struct ast_node *od = model_modifier(oi, AST_MOD_DEVIATION);
    const struct ast_node *nd = model_modifier(ni, AST_MOD_DEVIATION);
    eval_change(d, t, cap, DIFF_EVAL_DEVIATION, DIFF_OWNER_INDICATOR, name,
                (struct eval_value){od != NULL ? dup_str(a, &od->u.modifier.text) : NULL, NULL},
                (struct eval_value){nd != NULL ? dup_str(a, &nd->u.modifier.text) : NULL, NULL},
                false);
    const struct ast_node *ow = model_modifier(oi, AST_MOD_DIRECTION);
    const struct ast_node *nw = model_modifier(ni, AST_MOD_DIRECTION);
    eval_change(d, t, cap, DIFF_EVAL_DIRECTION, DIFF_OWNER_INDICATOR, name,
                (struct eval_value){ow != NULL ? direction_word(a, &ow->u.modifier.text) : NULL,
                                    NULL},
                (struct eval_value){nw != NULL ? direction_word(a, &nw->u.modifier.text) : NULL,
                                    NULL},
                false);
}

/* --- 指标 and categories: 分值 and 得分 --------------------------------------- */

struct group_entry {
    const char *path; /* the category's canonical path; "" for 指标 itself */
    const struct ast_list *mods;
    const struct ast_points *points;
    bool matched;
};

struct group_list {
    struct group_entry *e;
    size_t count, cap;
};

static void
group_walk(struct arena *a, struct group_list *l, const struct ast_node *cat, const char *path)
{
    const char *name = cat->u.category.def != NULL ? cat->u.category.def->name
                                                   : str_or_empty(&cat->u.category.name);
    const char *p = path != NULL ? arena_printf(a, "%s / %s", path, name) : arena_printf(a, "%s", name);
    *ARENA_PUSH(a, l->e, l->count, l->cap) =
        (struct group_entry){p, &cat->u.category.modifiers, &cat->u.category.points, false};
    for (const struct ast_node *n = cat->u.category.items.first; n != NULL; n = n->next)
        if (n->kind == AST_CATEGORY)
            group_walk(a, l, n, p);
}

static void
group_gather(struct arena *a, struct group_list *l, const struct ast_node *table)
{
    const struct ast_node *ind = ast_field(table, AST_INDICATORS);
    if (ind == NULL)
        return;
    *ARENA_PUSH(a, l->e, l->count, l->cap) = (struct group_entry){
        "", &ind->u.indicators.modifiers, &ind->u.indicators.points, false};
    for (const struct ast_node *c = ind->u.indicators.categories.first; c != NULL; c = c->next)
        if (c->kind == AST_CATEGORY)
            group_walk(a, l, c, NULL);
}

static void
group_change(struct diff *d, struct diff_table *t, size_t *cap, const struct group_entry *o,
             const struct group_entry *n)
{
    struct arena *a = d->arena;
    const struct group_entry *any = n != NULL ? n : o;
    enum diff_eval_owner owner = any->path[0] == '\0' ? DIFF_OWNER_INDICATORS : DIFF_OWNER_CATEGORY;
    const char *of = owner == DIFF_OWNER_CATEGORY ? arena_printf(a, "%s", any->path) : NULL;
    struct eval_value ow = {o != NULL ? modifier_number(a, list_modifier(o->mods, AST_MOD_WEIGHT))
                                      : NULL,
                            NULL};
    struct eval_value nw = {n != NULL ? modifier_number(a, list_modifier(n->mods, AST_MOD_WEIGHT))
                                      : NULL,
                            NULL};
    eval_change(d, t, cap, DIFF_EVAL_WEIGHT, owner, of, ow, nw, true);
    /* A group's computed score counts only where it has a 分值 of its own:
       the sum of a level-2 category without one is its rows' scores again. */
    struct eval_value os = {NULL, NULL}, ns = {NULL, NULL};
    if (o != NULL)
        os = (struct eval_value){modifier_number(a, list_modifier(o->mods, AST_MOD_SCORE)),
                                 ow.written != NULL ? computed_score(a, o->points) : NULL};
    if (n != NULL)
        ns = (struct eval_value){modifier_number(a, list_modifier(n->mods, AST_MOD_SCORE)),
                                 nw.written != NULL ? computed_score(a, n->points) : NULL};
    eval_change(d, t, cap, DIFF_EVAL_SCORE, owner, of, os, ns, true);
}

/* 分值 and 得分 of 指标 and of each category, matched by canonical path. */
static void
diff_groups(struct diff *d, struct diff_table *t, size_t *cap, const struct ast_node *ot,
            const struct ast_node *nt)
{
    struct group_list ol = {0}, nl = {0};
    group_gather(d->arena, &ol, ot);
    group_gather(d->arena, &nl, nt);
    for (size_t i = 0; i < nl.count; i++) {
        struct group_entry *o = NULL;
        for (size_t j = 0; j < ol.count && o == NULL; j++)
            if (!ol.e[j].matched && strcmp(ol.e[j].path, nl.e[i].path) == 0)
                o = &ol.e[j];
        if (o != NULL)
            o->matched = true;
        group_change(d, t, cap, o, &nl.e[i]);
    }
    for (size_t j = 0; j < ol.count; j++)
        if (!ol.e[j].matched)
            group_change(d, t, cap, &ol.e[j], NULL);
}

/* 总分, 得分 and 等级 of the table: written, else computed (the evaluation, NULL: none). */
static void
diff_table_evals(struct diff *d, struct diff_table *t, size_t *cap, const struct ast_node *ot,
                 const struct ast_node *nt)
{
    struct arena *a = d->arena;
    const struct ast_evaluation *oe = ot->u.decl.evaluation, *ne = nt->u.decl.evaluation;
    const struct ast_node *x, *y;
    x = model_field(ot, AST_TOTAL_POINTS), y = model_field(nt, AST_TOTAL_POINTS);
    eval_change(d, t, cap, DIFF_EVAL_TOTAL_POINTS, DIFF_OWNER_TABLE, NULL,
                (struct eval_value){x != NULL ? number_of(a, &x->u.evaluation_field.number) : NULL,
                                    oe != NULL && oe->total.weight_known
                                        ? format_decimal(a, oe->total.weight, false)
                                        : NULL},
                (struct eval_value){y != NULL ? number_of(a, &y->u.evaluation_field.number) : NULL,
                                    ne != NULL && ne->total.weight_known
                                        ? format_decimal(a, ne->total.weight, false)
                                        : NULL},
                true);
    x = model_field(ot, AST_TABLE_SCORE), y = model_field(nt, AST_TABLE_SCORE);
    eval_change(d, t, cap, DIFF_EVAL_SCORE, DIFF_OWNER_TABLE, NULL,
                (struct eval_value){x != NULL ? number_of(a, &x->u.evaluation_field.number) : NULL,
                                    oe != NULL ? computed_score(a, &oe->total) : NULL},
                (struct eval_value){y != NULL ? number_of(a, &y->u.evaluation_field.number) : NULL,
                                    ne != NULL ? computed_score(a, &ne->total) : NULL},
                true);
    x = model_field(ot, AST_GRADE), y = model_field(nt, AST_GRADE);
    const char *og = oe != NULL && oe->grade_computed != AST_GRADE_NONE
                         ? model_grade_name(oe->grade_computed, false)
                         : NULL;
    const char *ng = ne != NULL && ne->grade_computed != AST_GRADE_NONE
                         ? model_grade_name(ne->grade_computed, false)
                         : NULL;
    eval_change(d, t, cap, DIFF_EVAL_GRADE, DIFF_OWNER_TABLE, NULL,
                (struct eval_value){x != NULL ? grade_word(a, &x->u.evaluation_field.word) : NULL,
                                    og},
                (struct eval_value){y != NULL ? grade_word(a, &y->u.evaluation_field.word) : NULL,
                                    ng},
                false);
}

/* --- indicators ------------------------------------------------------------- */

struct ind_entry {
    const struct ast_node *node;
    const char *name;
    const char *category; /* canonical path */
    bool matched;         /* an old one: some new one is its peer */
    struct ind_entry *peer; /* a new one: the old one it is, or NULL (added) */
};

struct ind_list {
    struct ind_entry *e;
    size_t count, cap;
};

static void
ind_walk(struct arena *a, struct ind_list *l, const struct ast_node *cat, const char *path)
{
    const char *name = cat->u.category.def != NULL ? cat->u.category.def->name
                                                   : str_or_empty(&cat->u.category.name);
    const char *p = path != NULL ? arena_printf(a, "%s / %s", path, name) : arena_printf(a, "%s", name);
    for (const struct ast_node *n = cat->u.category.items.first; n != NULL; n = n->next) {
        if (n->kind == AST_CATEGORY) {
            ind_walk(a, l, n, p);
        } else if (n->kind == AST_INDICATOR) {
            struct ind_entry *e = ARENA_PUSH(a, l->e, l->count, l->cap);
            *e = (struct ind_entry){n, str_or_empty(&n->u.indicator.name), p, false, NULL};
        }
    }
}

/*
 * The indicators of one set of a table: 指标, or 实施期指标 (kind), whose
 * indicators are named "NAME (实施期指标)" and whose categories start with
 * 实施期指标, so that the two sets never match each other.
 */
static void
ind_gather(struct arena *a, struct ind_list *l, const struct ast_node *table, enum ast_kind kind)
{
    const struct ast_node *ind = table != NULL ? ast_field(table, kind) : NULL;
    if (ind == NULL)
        return;
    size_t from = l->count;
    const char *set = kind == AST_PERIOD_INDICATORS ? "实施期指标" : NULL;
    for (const struct ast_node *c = ind->u.indicators.categories.first; c != NULL; c = c->next)
        if (c->kind == AST_CATEGORY)
            ind_walk(a, l, c, set);
    for (size_t i = from; set != NULL && i < l->count; i++)
        l->e[i].name = arena_printf(a, "%s (%s)", l->e[i].name, set);
}

static const struct ast_node *
standard_of(const struct ast_node *indicator)
{
    const struct ast_node *m = model_modifier(indicator, AST_MOD_STANDARD);
    return m != NULL ? m->u.modifier.target : NULL;
}

static void
diff_target(struct diff *d, struct diff_table *t, size_t *cap, const char *name, bool standard,
            const struct compilation *oc, const struct ast_node *ot, int oy,
            const struct compilation *nc, const struct ast_node *nt, int ny)
{
    if (ot == NULL && nt == NULL)
        return;
    enum diff_class cls = DIFF_SHIFTED;
    if (ot != NULL && nt != NULL) {
        struct norm on = normalize(oc, ot, oy), nn = normalize(nc, nt, ny);
        if (!classify(&on, &nn, &cls))
            return;
    }
    struct diff_target *x = ARENA_PUSH(d->arena, t->targets, t->target_count, *cap);
    *x = (struct diff_target){name, standard, cls, form(d->arena, oc, ot), form(d->arena, nc, nt),
                              {NULL, 0}};
    if (cls == DIFF_REWORDED)
        x->text = diff_words(d->arena, x->old_form, strlen(x->old_form), x->new_form,
                             strlen(x->new_form));
    d->change_count++;
}

/*
 * The old indicator that a new one left unmatched by name was renamed
 * from: one also unmatched, in the same category, with the same target
 * and a similar name (diff_similar_names); the closest name, the first
 * in OLD's order on a tie.  NULL: none, the new one was added.
 */
static struct ind_entry *
renamed_from(struct ind_list *ol, const struct ind_entry *n, const struct compilation *oc, int oy,
             const struct compilation *nc, int ny)
{
    struct ind_entry *best = NULL;
    size_t best_d = 0;
    for (size_t j = 0; j < ol->count; j++) {
        struct ind_entry *o = &ol->e[j];
        if (o->matched || strcmp(o->category, n->category) != 0 ||
            !diff_similar_names(o->name, n->name) ||
            !same_target(oc, o->node->u.indicator.target, oy, nc, n->node->u.indicator.target,
                         ny))
            continue;
        size_t dist = suggest_distance(o->name, n->name);
        if (best == NULL || dist < best_d)
            best = o, best_d = dist;
    }
    return best;
}

static void
diff_indicators(struct diff *d, struct diff_table *t, size_t *fcap, size_t *ecap,
                const struct compilation *oc,
                const struct table_ref *ot, const struct compilation *nc,
                const struct table_ref *nt)
{
    struct arena *a = d->arena;
    struct ind_list ol = {0}, nl = {0};
    for (int set = 0; set < 2; set++) {
        enum ast_kind kind = set == 0 ? AST_INDICATORS : AST_PERIOD_INDICATORS;
        ind_gather(a, &ol, ot != NULL ? ot->table : NULL, kind);
        ind_gather(a, &nl, nt != NULL ? nt->table : NULL, kind);
    }
    int oy = ot != NULL ? model_year(ot->table, ot->parent) : 0;
    int ny = nt != NULL ? model_year(nt->table, nt->parent) : 0;
    /* By name first, everywhere; only what is left may be a rename. */
    for (size_t i = 0; i < nl.count; i++)
        for (size_t j = 0; j < ol.count && nl.e[i].peer == NULL; j++)
            if (!ol.e[j].matched && strcmp(ol.e[j].name, nl.e[i].name) == 0)
                nl.e[i].peer = &ol.e[j], ol.e[j].matched = true;
    bool *renamed = arena_alloc(a, (nl.count + 1) * sizeof *renamed);
    for (size_t i = 0; i < nl.count; i++) {
        renamed[i] = false;
        if (nl.e[i].peer != NULL)
            continue;
        struct ind_entry *o = renamed_from(&ol, &nl.e[i], oc, oy, nc, ny);
        if (o != NULL)
            nl.e[i].peer = o, o->matched = true, renamed[i] = true;
    }
    size_t icap = 0, tcap = 0;
    for (size_t i = 0; i < nl.count; i++) {
        struct ind_entry *n = &nl.e[i], *o = n->peer;
        const char *name = arena_strndup(a, n->name, strlen(n->name));
        if (o == NULL) {
            *ARENA_PUSH(a, t->indicators, t->indicator_count, icap) = (struct diff_indicator){
                DIFF_IND_ADDED, name, NULL, NULL, n->category,
                form(a, nc, n->node->u.indicator.target)};
            d->change_count++;
            continue;
        }
        if (renamed[i]) {
            *ARENA_PUSH(a, t->indicators, t->indicator_count, icap) = (struct diff_indicator){
                DIFF_IND_RENAMED, name, arena_strndup(a, o->name, strlen(o->name)), o->category,
                n->category, form(a, nc, n->node->u.indicator.target)};
            d->change_count++;
        } else if (strcmp(o->category, n->category) != 0) {
            *ARENA_PUSH(a, t->indicators, t->indicator_count, icap) = (struct diff_indicator){
                DIFF_IND_MOVED, name, NULL, o->category, n->category, NULL};
            d->change_count++;
        }
        diff_target(d, t, &tcap, name, false, oc, o->node->u.indicator.target, oy, nc,
                    n->node->u.indicator.target, ny);
        diff_target(d, t, &tcap, name, true, oc, standard_of(o->node), oy, nc,
                    standard_of(n->node), ny);
        diff_modifiers(d, t, fcap, name, o->node, n->node);
        diff_indicator_evals(d, t, ecap, name, oc, o->node, oy, nc, n->node, ny);
    }
    for (size_t j = 0; j < ol.count; j++)
        if (!ol.e[j].matched) {
            struct ind_entry *o = &ol.e[j];
            *ARENA_PUSH(a, t->indicators, t->indicator_count, icap) = (struct diff_indicator){
                DIFF_IND_REMOVED, arena_strndup(a, o->name, strlen(o->name)), NULL, o->category,
                NULL, form(a, oc, o->node->u.indicator.target)};
            d->change_count++;
        }
}

/* --- texts ------------------------------------------------------------------ */

static void
diff_texts(struct diff *d, struct diff_table *t, const struct ast_node *ot,
           const struct ast_node *nt)
{
    static const struct {
        enum ast_text_kind kind;
        enum diff_text_field field;
    } fields[] = {{AST_TEXT_DUTIES, DIFF_FIELD_DUTIES},
                  {AST_TEXT_GOAL, DIFF_FIELD_GOAL},
                  {AST_TEXT_PERIOD_GOAL, DIFF_FIELD_PERIOD_GOAL},
                  {AST_TEXT_ACTUAL, DIFF_FIELD_ACTUAL}};
    size_t cap = 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const struct ast_str *o = ot != NULL ? model_text(ot, fields[i].kind) : NULL;
        const struct ast_str *n = nt != NULL ? model_text(nt, fields[i].kind) : NULL;
        const char *os = o != NULL ? o->text : NULL, *ns = n != NULL ? n->text : NULL;
        if ((os == NULL && ns == NULL) || (os != NULL && ns != NULL && same(os, ns)))
            continue;
        struct diff_text_change *x = ARENA_PUSH(d->arena, t->texts, t->text_count, cap);
        x->field = fields[i].field;
        x->old_text = dup_str(d->arena, o);
        x->new_text = dup_str(d->arena, n);
        x->text = diff_words(d->arena, x->old_text ? x->old_text : "",
                             x->old_text ? strlen(x->old_text) : 0,
                             x->new_text ? x->new_text : "", x->new_text ? strlen(x->new_text) : 0);
        d->change_count++;
    }
}

/* --- tables ------------------------------------------------------------------ */

static void
diff_table(struct diff *d, size_t *cap, const struct compilation *oc, const struct table_ref *o,
           const struct compilation *nc, const struct table_ref *n)
{
    const struct table_ref *any = n != NULL ? n : o;
    struct diff_table t = {
        .status = o == NULL ? DIFF_STATUS_ADDED : n == NULL ? DIFF_STATUS_REMOVED
                                                            : DIFF_STATUS_CHANGED,
        .project = any->table->kind == AST_PROJECT,
        .name = dup_str(d->arena, &any->table->u.decl.name),
        .department = any->table->kind == AST_PROJECT
                          ? dup_str(d->arena, model_department(any->table, any->parent))
                          : NULL,
    };
    size_t before = d->change_count;
    if (t.status != DIFF_STATUS_CHANGED) {
        d->change_count++;
    } else {
        size_t field_cap = 0, eval_cap = 0;
        diff_funds(d, &t, &eval_cap, oc, o->table, nc, n->table);
        diff_table_fields(d, &t, &field_cap, oc, o, nc, n);
        diff_duties(d, &t, &field_cap, oc, o->table, nc, n->table);
        diff_table_extras(d, &t, &field_cap, oc, o, nc, n);
        diff_groups(d, &t, &eval_cap, o->table, n->table);
        diff_indicators(d, &t, &field_cap, &eval_cap, oc, o, nc, n);
        diff_table_evals(d, &t, &eval_cap, o->table, n->table);
        diff_texts(d, &t, o->table, n->table);
    }
    if (d->change_count > before)
        *ARENA_PUSH(d->arena, d->tables, d->table_count, *cap) = t;
}

struct comparison {
    const struct compilation *old_c, *new_c;
    struct arena *arena;
    struct diff *diff; /* the result */
};

static void
compare(void *ctx)
{
    struct comparison *k = ctx;
    const struct compilation *old_c = k->old_c, *new_c = k->new_c;
    struct arena *a = k->arena;
    struct diff *d = arena_alloc(a, sizeof *d);
    d->arena = a;
    struct side os = {old_c, a, NULL, 0, 0}, ns = {new_c, a, NULL, 0, 0};
    model_each_table(old_c, collect_table, &os);
    model_each_table(new_c, collect_table, &ns);
    size_t cap = 0;
    for (size_t i = 0; i < ns.count; i++) {
        struct table_ref *o = NULL;
        for (size_t j = 0; j < os.count && o == NULL; j++)
            if (!os.tables[j].matched && same_table(&os.tables[j], &ns.tables[i]))
                o = &os.tables[j];
        if (o != NULL)
            o->matched = true;
        diff_table(d, &cap, old_c, o, new_c, &ns.tables[i]);
    }
    for (size_t j = 0; j < os.count; j++)
        if (!os.tables[j].matched)
            diff_table(d, &cap, old_c, &os.tables[j], new_c, NULL);
    k->diff = d;
}

struct diff *
diff_compare(const struct compilation *old_c, const struct compilation *new_c)
{
    struct arena *a = arena_create();
    if (a == NULL)
        return NULL;
    struct comparison k = {old_c, new_c, a, NULL};
    if (!arena_guarded(a, compare, &k)) {
        arena_destroy(a);
        return NULL;
    }
    return k.diff;
}

void
diff_free(struct diff *d)
{
    if (d != NULL)
        arena_destroy(d->arena);
}
