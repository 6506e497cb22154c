/*
 * fmt.c - printing a parsed file in its canonical form (goalc fmt).
 *
 * Reads the tree as the parser left it (no semantic pass has run) plus the
 * source text, for what the tree keeps only as a span: amounts, dates and
 * names written as numbers are copied from the source byte for byte, never
 * reformatted.  Keywords and comparators come out in one spelling.
 *
 * Comments are not in the tree: the scanner records their spans, and the
 * printer interleaves them by source offset.  Before an item, every comment
 * that starts before it comes out on its own line at the item's
 * indentation; after a line, a comment that follows its last token with
 * only spacing between (on the same source line) stays at the end of that
 * line.  Every comment is printed exactly once, in source order.
 *
 * Output goes through a buffered writer over the caller's stream, strings
 * through escape_goal_to (escape.c), the one escaper of goalc's own syntax.
 *
 * Invariant: the output parses to the same tree (spans aside), and
 * formatting it again gives the same bytes.  Every block is written out one
 * item per line, except alias lists and a level-2 category's alias block,
 * which stay on their line.
 *
 * Filling (goalc fmt --fill, fmt_file_filled): on a compiled tree, the
 * printer also writes the values sema_score computed where the source
 * writes none, each where fmt would print it had it been written (see
 * "Filling in the self-evaluation" in docs/fmt.md), so the filled text is
 * canonical and filling it again adds nothing.  Written values are printed
 * as written, never replaced.  A row whose score cannot be computed gets
 * none, and a warning (W0801) in the compilation's diagnostics.
 */
#include "front/fmt.h"

#include "base/decimal.h"
#include "diag/diag.h"
#include "model/ast.h"
#include "model/compilation.h"
#include "model/keyword.h"
#include "model/model.h"
#include "front/parse.h"
#include "base/escape.h"
#include "base/source.h"
#include "base/writer.h"

#include <stdint.h>
#include <string.h>

struct fmt {
    struct writer *out;
    const char *text; /* the source, spans index it */
    uint32_t len;
    const struct parse_comment *comments;
    size_t comment_count, next_comment; /* comments before next_comment are printed */
    bool english;
    int indent;
    uint32_t last_end;   /* source offset after the last thing printed */
    bool at_block_start; /* no blank line right after an opening brace */
    /* Filling (fmt_file_filled): the compilation, else NULL; the table
       being printed and the item after which its 总分 得分 等级 go. */
    struct compilation *fill;
    const struct ast_node *table, *fill_after;
};

static void print_items(struct fmt *f, const struct ast_list *items);
static void print_target(struct fmt *f, const struct ast_node *t);

/* --- output ------------------------------------------------------------------ */

static void
put(struct fmt *f, const char *s)
{
    writer_str(f->out, s);
}

static void
put_span(struct fmt *f, struct ast_span span)
{
    writer_bytes(f->out, f->text + span.start, span.end - span.start);
}

/* A date as written; a month of a month period (2024.01-2024.12) in full, 2024-12-31. */
static void
put_date(struct fmt *f, const struct ast_date *d)
{
    if (!d->month_period) {
        put_span(f, d->span);
        return;
    }
    char buf[3 * MODEL_INT_MAX];
    size_t n = model_format_int(buf, d->year, 4);
    buf[n++] = '-';
    n += model_format_int(buf + n, d->month, 2);
    buf[n++] = '-';
    n += model_format_int(buf + n, d->day, 2);
    writer_bytes(f->out, buf, n);
}

static void
put_indent(struct fmt *f, int level)
{
    for (int i = 0; i < level; i++)
        put(f, "    ");
}

static void
put_keyword(struct fmt *f, enum keyword w)
{
    put(f, keyword_spelling(w, f->english));
}

static bool
starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* --- strings and names ------------------------------------------------------- */

static void
put_quoted(struct fmt *f, const char *s, size_t len)
{
    put(f, "\"");
    escape_goal_to(f->out, s, len, ESCAPE_GOAL_STRING);
    put(f, "\"");
}

/*
 * Whether text can be a text block at a fresh indentation: some non-blank
 * line must start without spacing (else the common indentation would eat
 * into it), and no line may be spacing only (it would become empty).
 */
static bool
fits_text_block(const char *s, size_t len)
{
    bool flush_line = false;
    for (size_t i = 0; i <= len;) {
        size_t e = i;
        while (e < len && s[e] != '\n')
            e++;
        size_t w = i;
        while (w < e && (s[w] == ' ' || s[w] == '\t'))
            w++;
        if (w == e && e > i)
            return false;
        if (w == i && e > i)
            flush_line = true;
        i = e + 1;
    }
    return flush_line;
}

/* A text block: its lines one level deeper than the line it starts on. */
static void
put_text_block(struct fmt *f, const char *s, size_t len)
{
    put(f, "\"\"\"\n");
    for (size_t i = 0; i <= len;) {
        size_t e = i;
        while (e < len && s[e] != '\n')
            e++;
        if (e > i)
            put_indent(f, f->indent + 1);
        escape_goal_to(f->out, s + i, e - i, ESCAPE_GOAL_BLOCK);
        put(f, "\n");
        i = e + 1;
    }
    put_indent(f, f->indent + 1);
    put(f, "\"\"\"");
}

static bool
is_text_block(const struct fmt *f, const struct ast_str *s)
{
    return starts_with(f->text + s->span.start, f->len - s->span.start, "\"\"\"");
}

/* A string value: a text block stays one when it can, anything else is "…". */
static void
put_string(struct fmt *f, const struct ast_str *s)
{
    if (is_text_block(f, s) && fits_text_block(s->text, s->len))
        put_text_block(f, s->text, s->len);
    else
        put_quoted(f, s->text, s->len);
}

/* Characters a unit may hold and a bare word may not. */
static const char *const unit_symbols[] = {"%", "％", "‰", "℃", "°", "²", "³", "·", "*", "・", "/"};

static bool
has_unit_symbol(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        for (size_t k = 0; k < sizeof unit_symbols / sizeof unit_symbols[0]; k++)
            if (starts_with(s + i, len - i, unit_symbols[k]))
                return true;
    return false;
}

/*
 * A name: bare when it was a bare word, quoted when it was a string or
 * cannot be a bare word where it now stands (a fund line's name that came
 * after an amount as a unit, like "%"), as written when it was a number.
 */
static void
put_name(struct fmt *f, const struct ast_str *s)
{
    const char *at = f->text + s->span.start;
    size_t rest = f->len - s->span.start;
    if (rest > 0 && at[0] >= '0' && at[0] <= '9')
        put_span(f, s->span);
    else if (starts_with(at, rest, "\"") || starts_with(at, rest, "“") ||
             (s->text[0] >= '0' && s->text[0] <= '9') || has_unit_symbol(s->text, s->len))
        put_quoted(f, s->text, s->len);
    else
        put(f, s->text);
}

/* --- targets ----------------------------------------------------------------- */

/* Symbol units stay glued to their number (90%, 12/100000); word units get a space. */
static bool
unit_is_glued(const struct ast_str *unit)
{
    for (size_t k = 0; k < sizeof unit_symbols / sizeof unit_symbols[0]; k++)
        if (starts_with(unit->text, unit->len, unit_symbols[k]))
            return true;
    return false;
}

static void
put_quantity(struct fmt *f, const struct ast_quantity *q)
{
    put_span(f, q->value.span);
    if (q->unit.text != NULL) {
        if (!unit_is_glued(&q->unit))
            put(f, " ");
        put(f, q->unit.text);
    }
}

static void
put_comparator(struct fmt *f, enum ast_cmp cmp, enum ast_cmp_form form)
{
    if (form == AST_CMP_FORM_SUFFIX || cmp == AST_CMP_EQ)
        return;
    put(f, ast_cmp_symbol(cmp));
    put(f, " ");
}

static void
put_range_word(struct fmt *f)
{
    put(f, f->english ? " .. " : " 至 ");
}

static void
print_target(struct fmt *f, const struct ast_node *t)
{
    switch (t->u.target.kind) {
    case AST_TARGET_COMPARISON:
        put_comparator(f, t->u.target.cmp, t->u.target.cmp_form);
        put_quantity(f, &t->u.target.value);
        if (t->u.target.cmp_form == AST_CMP_FORM_SUFFIX)
            put(f, t->u.target.cmp == AST_CMP_GE ? " 以上" : " 以下");
        break;
    case AST_TARGET_RANGE:
        put_quantity(f, &t->u.target.value);
        put_range_word(f);
        put_quantity(f, &t->u.target.high);
        break;
    case AST_TARGET_DEADLINE:
        put_comparator(f, t->u.target.cmp, t->u.target.cmp_form);
        put_date(f, &t->u.target.date);
        if (t->u.target.cmp_form == AST_CMP_FORM_SUFFIX)
            put(f, " 前");
        break;
    case AST_TARGET_PERIOD:
        put_date(f, &t->u.target.date);
        put_range_word(f);
        put_date(f, &t->u.target.date_to);
        break;
    case AST_TARGET_QUALITATIVE:
        if (t->u.target.qualitative_keyword) {
            put_keyword(f, KEYWORD_QUALITATIVE);
            put(f, " ");
        }
        put_string(f, &t->u.target.text);
        break;
    }
}

/* --- filling in computed values ------------------------------------------------ */

/* A computed value as filled: trailing zeros dropped (19.20 → 19.2, 15.00 → 15). */
static void
put_filled_number(struct fmt *f, struct decimal d)
{
    char buf[DECIMAL_FORMAT_MAX];
    decimal_format(decimal_normalize(d), buf, sizeof buf);
    put(f, buf);
}

/* " KEYWORD VALUE" of a filled value. */
static void
put_filled(struct fmt *f, enum keyword w, struct decimal d, const char *unit)
{
    put(f, " ");
    put_keyword(f, w);
    put(f, " ");
    put_filled_number(f, d);
    if (unit != NULL)
        put(f, unit);
}

static const struct ast_node *
group_modifier(const struct ast_list *mods, enum ast_modifier_kind kind)
{
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next)
        if (m->kind == AST_MODIFIER && m->u.modifier.kind == kind)
            return m;
    return NULL;
}

/*
 * The score to fill in for an indicator, 指标 or a category: it has a 分值
 * and no 得分 written, and its score is computed (for a group: from every
 * weighted row).  An indicator with an 实际 whose score cannot be computed
 * is reported once, where it is printed.
 */
static bool
fill_score(struct fmt *f, const struct ast_node *n, const struct ast_list *mods,
           const struct ast_points *p, struct decimal *score)
{
    if (f->fill == NULL || group_modifier(mods, AST_MOD_WEIGHT) == NULL ||
        group_modifier(mods, AST_MOD_SCORE) != NULL)
        return false;
    if (p->computed_known && !p->incomplete) {
        *score = p->computed;
        return true;
    }
    const struct ast_node *actual =
        n->kind == AST_INDICATOR ? group_modifier(mods, AST_MOD_ACTUAL) : NULL;
    if (actual != NULL)
        diag_report(&f->fill->diags, DIAG_FILL_NOT_COMPUTABLE, compilation_loc(f->fill, n->span),
                    n->u.indicator.name.text);
    return false;
}

/* 计算: operators spaced and written × ÷, names quoted, fund paths bare. */
static void
print_expr(struct fmt *f, const struct ast_node *e)
{
    switch (e->u.expr.op) {
    case AST_EXPR_NUMBER:
        put_quantity(f, &e->u.expr.number);
        return;
    case AST_EXPR_INDICATOR:
        put_quoted(f, e->u.expr.name.text, e->u.expr.name.len);
        return;
    case AST_EXPR_FUND:
        put_keyword(f, KEYWORD_FUNDS);
        for (const struct ast_node *p = e->u.expr.path.first; p != NULL; p = p->next) {
            put(f, " ");
            put(f, p->u.ref.name.text);
        }
        return;
    case AST_EXPR_GROUP:
        put(f, "(");
        print_expr(f, e->u.expr.left);
        put(f, ")");
        return;
    case AST_EXPR_ADD:
    case AST_EXPR_SUB:
    case AST_EXPR_MUL:
    case AST_EXPR_DIV:
        print_expr(f, e->u.expr.left);
        put(f, model_expr_operator(e->u.expr.op));
        print_expr(f, e->u.expr.right);
        return;
    }
}

static void
print_modifier(struct fmt *f, const struct ast_node *m)
{
    switch (m->u.modifier.kind) {
    case AST_MOD_STANDARD:
        put_keyword(f, KEYWORD_STANDARD);
        put(f, " ");
        print_target(f, m->u.modifier.target);
        break;
    case AST_MOD_WEIGHT:
        put_keyword(f, KEYWORD_WEIGHT);
        put(f, " ");
        put_span(f, m->u.modifier.number.span);
        break;
    case AST_MOD_NOTE:
        put_keyword(f, KEYWORD_NOTE);
        put(f, " ");
        put_string(f, &m->u.modifier.text);
        break;
    case AST_MOD_ITEM:
        put_keyword(f, KEYWORD_PROJECT);
        put(f, " ");
        put_string(f, &m->u.modifier.text);
        break;
    case AST_MOD_ACTUAL:
        put_keyword(f, KEYWORD_ACTUAL);
        put(f, " ");
        print_target(f, m->u.modifier.target);
        break;
    case AST_MOD_SCORE:
        put_keyword(f, KEYWORD_SCORE);
        put(f, " ");
        put_span(f, m->u.modifier.number.span);
        break;
    case AST_MOD_DEVIATION:
        put_keyword(f, KEYWORD_DEVIATION);
        put(f, " ");
        put_string(f, &m->u.modifier.text);
        break;
    case AST_MOD_DIRECTION:
        put_keyword(f, KEYWORD_DIRECTION);
        put(f, " ");
        put_name(f, &m->u.modifier.text);
        break;
    case AST_MOD_COLUMN:
        put_keyword(f, KEYWORD_COLUMN);
        put(f, " ");
        put_name(f, &m->u.modifier.name);
        put(f, " ");
        put_string(f, &m->u.modifier.text);
        break;
    case AST_MOD_COMPUTE:
        put_keyword(f, KEYWORD_COMPUTE);
        put(f, " ");
        print_expr(f, m->u.modifier.target);
        break;
    }
}

static bool
is_evaluation_modifier(const struct ast_node *m)
{
    switch (m->u.modifier.kind) {
    case AST_MOD_ACTUAL:
    case AST_MOD_SCORE:
    case AST_MOD_DEVIATION:
    case AST_MOD_DIRECTION:
        return true;
    case AST_MOD_STANDARD:
    case AST_MOD_WEIGHT:
    case AST_MOD_NOTE:
    case AST_MOD_ITEM:
    case AST_MOD_COLUMN:
    case AST_MOD_COMPUTE:
        return false;
    }
    return false;
}


/* 调整后 520, 决算 2023 480, 执行率 97.5%, 偏差 "…" */
static void
print_fund_mod(struct fmt *f, const struct ast_node *m)
{
    put_keyword(f, keyword_of_fund_mod(m->u.fund_mod.kind));
    put(f, " ");
    if (m->u.fund_mod.kind == AST_FUNDMOD_DEVIATION) {
        put_string(f, &m->u.fund_mod.text);
        return;
    }
    if (m->u.fund_mod.kind == AST_FUNDMOD_COLUMN) {
        put_name(f, &m->u.fund_mod.name);
        put(f, " ");
        put_string(f, &m->u.fund_mod.text);
        return;
    }
    if (m->u.fund_mod.kind == AST_FUNDMOD_FINAL) {
        put_span(f, m->u.fund_mod.year.span);
        put(f, " ");
    }
    put_quantity(f, &m->u.fund_mod.value);
}

static bool
is_amount_mod(const struct ast_node *m)
{
    switch (m->u.fund_mod.kind) {
    case AST_FUNDMOD_ADJUSTED:
    case AST_FUNDMOD_EXECUTED:
    case AST_FUNDMOD_PERIOD:
    case AST_FUNDMOD_FINAL:
        return true;
    case AST_FUNDMOD_RATE:
    case AST_FUNDMOD_WEIGHT:
    case AST_FUNDMOD_SCORE:
    case AST_FUNDMOD_DEVIATION:
    case AST_FUNDMOD_COLUMN:
    case AST_FUNDMOD_SHARE:
        return false;
    }
    return false;
}

/*
 * The modifiers of a fund line.  Filling, the 资金 header of a table with
 * a self-evaluation also gets the 执行率 computed (after 执行, else after
 * the last amount) and the budget-execution 得分 (after 分值), where it
 * writes none.
 */
static void
print_fund_mods(struct fmt *f, const struct ast_node *n)
{
    const struct ast_evaluation *e =
        f->fill != NULL && n->kind == AST_FUNDS && f->table != NULL ? f->table->u.decl.evaluation
                                                                    : NULL;
    bool rate = e != NULL && e->rate_known && model_fund_mod(n, AST_FUNDMOD_RATE) == NULL;
    bool score = e != NULL && e->budget.computed_known &&
                 model_fund_mod(n, AST_FUNDMOD_WEIGHT) != NULL &&
                 model_fund_mod(n, AST_FUNDMOD_SCORE) == NULL;
    /* The rate goes after 执行, else after the last amount, else first. */
    const struct ast_node *rate_after = model_fund_mod(n, AST_FUNDMOD_EXECUTED);
    for (const struct ast_node *m = n->u.fund.mods.first; m != NULL && rate_after == NULL;
         m = m->next)
        if (is_amount_mod(m) && (m->next == NULL || !is_amount_mod(m->next)))
            rate_after = m;
    if (rate && rate_after == NULL) {
        put_filled(f, KEYWORD_EXECUTION_RATE, e->rate, "%");
        rate = false;
    }
    for (const struct ast_node *m = n->u.fund.mods.first; m != NULL; m = m->next) {
        put(f, " ");
        print_fund_mod(f, m);
        if (rate && m == rate_after)
            put_filled(f, KEYWORD_EXECUTION_RATE, e->rate, "%");
        if (score && m->u.fund_mod.kind == AST_FUNDMOD_WEIGHT)
            put_filled(f, KEYWORD_SCORE, e->budget.computed, NULL);
    }
}

/* The 分值 / 得分 of 指标 or a category, after its name; returns where they end. */
static uint32_t
print_group_mods(struct fmt *f, const struct ast_node *group, const struct ast_list *mods,
                 const struct ast_points *points, uint32_t header_end)
{
    for (const struct ast_node *m = mods->first; m != NULL; m = m->next) {
        put(f, " ");
        print_modifier(f, m);
        header_end = m->span.end;
    }
    struct decimal score;
    if (fill_score(f, group, mods, points, &score))
        put_filled(f, KEYWORD_SCORE, score, NULL);
    return header_end;
}

/* --- comments, lines and blocks ---------------------------------------------- */

static bool
is_spacing_at(const char *s, size_t rest, size_t *width)
{
    if (rest > 0 && (s[0] == ' ' || s[0] == '\t')) {
        *width = 1;
        return true;
    }
    if (starts_with(s, rest, "\xE3\x80\x80")) {
        *width = 3;
        return true;
    }
    if (starts_with(s, rest, "\xC2\xA0")) {
        *width = 2;
        return true;
    }
    return false;
}

/* Whether text[from, to) is spacing only (no line end, no token). */
static bool
only_spacing(const struct fmt *f, uint32_t from, uint32_t to)
{
    size_t w;
    while (from < to) {
        if (!is_spacing_at(f->text + from, to - from, &w))
            return false;
        from += (uint32_t)w;
    }
    return true;
}

/* One blank line where the source had at least one between the last thing printed and start. */
static void
blank_line_before(struct fmt *f, uint32_t start)
{
    if (f->at_block_start || start <= f->last_end)
        return;
    int breaks = 0;
    for (uint32_t i = f->last_end; i < start && breaks < 2; i++)
        if (f->text[i] == '\n' || (f->text[i] == '\r' && f->text[i + 1] != '\n'))
            breaks++;
    if (breaks >= 2)
        put(f, "\n");
}

static void
put_comment(struct fmt *f, const struct parse_comment *c)
{
    uint32_t end = c->end;
    while (end > c->start && (f->text[end - 1] == ' ' || f->text[end - 1] == '\t'))
        end--;
    writer_bytes(f->out, f->text + c->start, end - c->start);
    f->last_end = c->end;
}

/* The comments that start before offset, each on its own line. */
static void
leading_comments(struct fmt *f, uint32_t before)
{
    while (f->next_comment < f->comment_count && f->comments[f->next_comment].start < before) {
        const struct parse_comment *c = &f->comments[f->next_comment++];
        blank_line_before(f, c->start);
        put_indent(f, f->indent);
        put_comment(f, c);
        put(f, "\n");
        f->at_block_start = false;
    }
}

/* A comment after the source offset `after` on the same line, with nothing between. */
static void
trailing_comment(struct fmt *f, uint32_t after)
{
    if (f->next_comment >= f->comment_count)
        return;
    const struct parse_comment *c = &f->comments[f->next_comment];
    if (c->start < after || !only_spacing(f, after, c->start))
        return;
    f->next_comment++;
    put(f, " ");
    put_comment(f, c);
}

static void
line_begin(struct fmt *f, uint32_t start)
{
    leading_comments(f, start);
    blank_line_before(f, start);
    put_indent(f, f->indent);
    f->at_block_start = false;
}

static void
line_end(struct fmt *f, uint32_t end)
{
    if (end > f->last_end)
        f->last_end = end;
    trailing_comment(f, end);
    put(f, "\n");
}

/* The offset of the '{' that opens a block, searching from the end of its header. */
static uint32_t
find_open_brace(const struct fmt *f, uint32_t from)
{
    uint32_t i = from;
    while (i < f->len && f->text[i] != '{') {
        if (f->text[i] == '#')
            while (i < f->len && f->text[i] != '\n' && f->text[i] != '\r')
                i++;
        else
            i++;
    }
    return i;
}

static bool
ends_with_block(const struct fmt *f, const struct ast_node *n)
{
    return n->span.end > n->span.start && f->text[n->span.end - 1] == '}';
}

/* " { items }" for the node n, whose header ends at header_end; then the line ends. */
static void
print_block(struct fmt *f, const struct ast_node *n, uint32_t header_end,
            const struct ast_list *items)
{
    uint32_t open = find_open_brace(f, header_end);
    uint32_t close = n->span.end - 1;
    bool comments_inside = f->next_comment < f->comment_count &&
                           f->comments[f->next_comment].start < close;
    if (items->count == 0 && !comments_inside) {
        put(f, " {}");
        line_end(f, n->span.end);
        return;
    }
    put(f, " {");
    f->last_end = open + 1;
    trailing_comment(f, open + 1);
    put(f, "\n");
    f->indent++;
    f->at_block_start = true;
    print_items(f, items);
    leading_comments(f, close);
    f->indent--;
    f->at_block_start = false;
    put_indent(f, f->indent);
    put(f, "}");
    line_end(f, n->span.end);
}

static uint32_t
str_end(const struct ast_str *s, uint32_t otherwise)
{
    return s->text != NULL && s->span.end > otherwise ? s->span.end : otherwise;
}

/* " NAME ["English"] FLAG…" of a framework, level or dimension; returns where it ends. */
static uint32_t
put_def_header(struct fmt *f, const struct ast_node *n)
{
    uint32_t end = n->span.start;
    put(f, " ");
    put_name(f, &n->u.def.name);
    end = str_end(&n->u.def.name, end);
    if (n->u.def.english.text != NULL) {
        put(f, " ");
        put_quoted(f, n->u.def.english.text, n->u.def.english.len);
        end = str_end(&n->u.def.english, end);
    }
    for (const struct ast_node *flag = n->u.def.flags.first; flag != NULL; flag = flag->next) {
        put(f, " ");
        /* The grammar takes only a bare word here: never quote it (put_name
           would quote 必备・x for the unit joiner ・ in it). */
        put(f, flag->u.ref.name.text);
        end = str_end(&flag->u.ref.name, end);
    }
    return end;
}

/* 别名 { NAME… } on the current line. */
static void
put_aliases(struct fmt *f, const struct ast_list *aliases)
{
    put_keyword(f, KEYWORD_ALIAS);
    put(f, " {");
    for (const struct ast_node *a = aliases->first; a != NULL; a = a->next) {
        put(f, " ");
        put_name(f, &a->u.ref.name);
    }
    put(f, " }");
}

/*
 * Where a table's filled 总分 得分 等级 go: after the last of them it
 * writes, else after its 指标, else after its last item of its own (not a
 * nested project).  NULL: nothing to fill (no self-evaluation, not filling).
 */
static const struct ast_node *
table_fill_anchor(const struct fmt *f, const struct ast_node *table)
{
    if (f->fill == NULL || !model_is_evaluation(table))
        return NULL;
    const struct ast_node *field = NULL, *indicators = NULL, *own = NULL;
    for (const struct ast_node *n = table->u.decl.body.first; n != NULL; n = n->next) {
        if (n->kind == AST_TOTAL_POINTS || n->kind == AST_TABLE_SCORE || n->kind == AST_GRADE)
            field = n;
        if (n->kind == AST_INDICATORS)
            indicators = n;
        if (n->kind != AST_PROJECT)
            own = n;
    }
    return field != NULL ? field : indicators != NULL ? indicators : own;
}

/* One line of a filled table field: KEYWORD VALUE. */
static void
put_filled_line(struct fmt *f, enum keyword w, const char *word, struct decimal d)
{
    put_indent(f, f->indent);
    put_keyword(f, w);
    put(f, " ");
    if (word != NULL)
        put(f, word);
    else
        put_filled_number(f, d);
    put(f, "\n");
}

/* The table's 总分, 得分 and 等级 that it does not write, each on its line. */
static void
print_table_fill(struct fmt *f)
{
    const struct ast_node *t = f->table;
    const struct ast_evaluation *e = t->u.decl.evaluation;
    bool complete = !e->total.incomplete;
    bool total = model_field(t, AST_TOTAL_POINTS) == NULL && e->total.weight_known;
    bool score = model_field(t, AST_TABLE_SCORE) == NULL && e->total.computed_known && complete;
    bool grade =
        model_field(t, AST_GRADE) == NULL && e->grade_computed != AST_GRADE_NONE && complete;
    /* A 得分 right below a 资金 written without a block would be read as the 资金's. */
    if (score && !total && model_field(t, AST_TOTAL_POINTS) != f->fill_after &&
        f->fill_after->kind == AST_FUNDS && !ends_with_block(f, f->fill_after))
        score = false;
    if (total)
        put_filled_line(f, KEYWORD_TOTAL_POINTS, NULL, e->total.weight);
    if (score)
        put_filled_line(f, KEYWORD_SCORE, NULL, e->total.computed);
    if (grade)
        put_filled_line(f, KEYWORD_GRADE, model_grade_name(e->grade_computed, f->english),
                        (struct decimal){0, 0});
}

static void
print_item(struct fmt *f, const struct ast_node *n)
{
    line_begin(f, n->span.start);
    switch (n->kind) {
    case AST_FILE:
        print_items(f, &n->u.file.items);
        return;
    case AST_INCLUDE:
        put_keyword(f, KEYWORD_INCLUDE);
        put(f, " ");
        put_quoted(f, n->u.include.path.text, n->u.include.path.len);
        break;
    case AST_DEPARTMENT:
    case AST_PROJECT:
        put_keyword(f, n->kind == AST_DEPARTMENT ? KEYWORD_DEPARTMENT : KEYWORD_PROJECT);
        put(f, " ");
        put_name(f, &n->u.decl.name);
        {
            const struct ast_node *table = f->table, *fill_after = f->fill_after;
            f->table = n;
            f->fill_after = table_fill_anchor(f, n);
            print_block(f, n, n->u.decl.name.span.end, &n->u.decl.body);
            f->table = table;
            f->fill_after = fill_after;
        }
        return;
    case AST_DEPARTMENT_REF:
        put_keyword(f, KEYWORD_DEPARTMENT);
        put(f, " ");
        put_name(f, &n->u.department_ref.name);
        break;
    case AST_YEAR:
        put_keyword(f, KEYWORD_YEAR);
        put(f, " ");
        put_span(f, n->u.year.value.span);
        break;
    case AST_ATTRIBUTE:
        put_name(f, &n->u.attribute.name);
        put(f, " ");
        put_string(f, &n->u.attribute.value);
        break;
    case AST_TEXT:
        switch (n->u.text.which) {
        case AST_TEXT_DUTIES:
            put_keyword(f, KEYWORD_DUTIES);
            break;
        case AST_TEXT_GOAL:
            put_keyword(f, KEYWORD_GOAL);
            break;
        case AST_TEXT_PERIOD_GOAL:
            put_keyword(f, KEYWORD_PERIOD_GOAL);
            break;
        case AST_TEXT_ACTUAL:
            put_keyword(f, KEYWORD_ACTUAL);
            break;
        }
        put(f, " ");
        put_string(f, &n->u.text.text);
        break;
    case AST_PERIOD:
        put_keyword(f, KEYWORD_PERIOD);
        put(f, " ");
        print_target(f, n->u.period.value);
        break;
    case AST_FUNDS:
    case AST_FUND_LINE: {
        uint32_t header_end = n->span.start;
        if (n->kind == AST_FUNDS) {
            put_keyword(f, KEYWORD_FUNDS);
        } else {
            put_name(f, &n->u.fund.name);
            header_end = str_end(&n->u.fund.name, header_end);
        }
        if (n->u.fund.unit.text != NULL) {
            put(f, " ");
            put(f, n->u.fund.unit.text);
            header_end = str_end(&n->u.fund.unit, header_end);
        }
        if (n->u.fund.amount.digits != NULL) {
            put(f, " ");
            put_span(f, n->u.fund.amount.span);
            header_end = n->u.fund.amount.span.end;
        }
        print_fund_mods(f, n);
        if (n->u.fund.mods.last != NULL)
            header_end = n->u.fund.mods.last->span.end;
        if (ends_with_block(f, n)) {
            print_block(f, n, header_end, &n->u.fund.items);
            return;
        }
        break;
    }
    case AST_PARTITION:
        put_keyword(f, KEYWORD_BY);
        put(f, " ");
        put_name(f, &n->u.partition.name);
        print_block(f, n, n->u.partition.name.span.end, &n->u.partition.lines);
        return;
    case AST_OF_WHICH:
        put_keyword(f, KEYWORD_OF_WHICH);
        print_block(f, n, n->span.start, &n->u.partition.lines);
        return;
    case AST_INDICATORS:
    case AST_PERIOD_INDICATORS:
        put_keyword(f, n->kind == AST_INDICATORS ? KEYWORD_INDICATORS : KEYWORD_PERIOD_INDICATORS);
        print_block(f, n,
                    print_group_mods(f, n, &n->u.indicators.modifiers, &n->u.indicators.points,
                                     n->span.start),
                    &n->u.indicators.categories);
        return;
    case AST_CATEGORY:
        put_name(f, &n->u.category.name);
        print_block(f, n,
                    print_group_mods(f, n, &n->u.category.modifiers, &n->u.category.points,
                                     n->u.category.name.span.end),
                    &n->u.category.items);
        return;
    case AST_NOT_APPLICABLE:
        put_keyword(f, KEYWORD_NA);
        break;
    case AST_DUTY_TABLE:
        put_keyword(f, KEYWORD_DUTY_TABLE);
        print_block(f, n, n->span.start, &n->u.duty.rows);
        return;
    case AST_DUTY_ROW: {
        static const enum keyword level_keyword[] = {
            [AST_DUTY_DUTY] = KEYWORD_DUTIES,
            [AST_DUTY_TASK] = KEYWORD_TASK,
            [AST_DUTY_PROJECT] = KEYWORD_PROJECT,
        };
        put_keyword(f, level_keyword[n->u.duty.level]);
        put(f, " ");
        put_name(f, &n->u.duty.name);
        uint32_t header_end = n->u.duty.name.span.end;
        if (n->u.duty.amount.value.digits != NULL) {
            put(f, " ");
            put_quantity(f, &n->u.duty.amount);
            header_end = str_end(&n->u.duty.amount.unit, n->u.duty.amount.value.span.end);
        }
        if (ends_with_block(f, n)) {
            print_block(f, n, header_end, &n->u.duty.rows);
            return;
        }
        break;
    }
    case AST_INDICATOR:
        put_name(f, &n->u.indicator.name);
        if (n->u.indicator.target != NULL) { /* a row without one: the modifiers follow the name */
            put(f, " ");
            print_target(f, n->u.indicator.target);
        }
        /* The goal table's modifiers on the line, the self-evaluation's
           (实际 得分 偏差 方向) on one continuation line below it; a filled
           得分 right after the 实际. */
        struct decimal score;
        bool filling = fill_score(f, n, &n->u.indicator.modifiers, &n->u.indicator.points, &score);
        /* A row with neither a target nor a goal table's modifier keeps its
           self-evaluation on the name's line: a name alone reads as cut off. */
        bool wrap = n->u.indicator.target != NULL;
        for (const struct ast_node *m = n->u.indicator.modifiers.first; m != NULL && !wrap;
             m = m->next)
            wrap = !is_evaluation_modifier(m);
        for (int evaluation = 0; evaluation <= 1; evaluation++) {
            bool first = true;
            for (const struct ast_node *m = n->u.indicator.modifiers.first; m != NULL; m = m->next) {
                if (is_evaluation_modifier(m) != evaluation)
                    continue;
                if (evaluation && first && wrap) {
                    put(f, "\n");
                    put_indent(f, f->indent + 1);
                } else {
                    put(f, " ");
                }
                first = false;
                print_modifier(f, m);
                if (filling && m->u.modifier.kind == AST_MOD_ACTUAL) {
                    put_filled(f, KEYWORD_SCORE, score, NULL);
                    filling = false;
                }
            }
        }
        break;
    case AST_TARGET:
        print_target(f, n);
        break;
    case AST_MODIFIER:
        print_modifier(f, n);
        break;
    case AST_FRAMEWORK:
        put_keyword(f, KEYWORD_FRAMEWORK);
        print_block(f, n, put_def_header(f, n), &n->u.def.items);
        return;
    case AST_FRAMEWORK_REF:
        put_keyword(f, KEYWORD_FRAMEWORK);
        put(f, " ");
        put_name(f, &n->u.ref.name);
        break;
    case AST_LEVEL:
        put_keyword(f, n->u.def.level == 1 ? KEYWORD_LEVEL1 : KEYWORD_LEVEL2);
        if (n->u.def.level == 1) {
            uint32_t header_end = put_def_header(f, n);
            if (n->u.def.aliases.count == 0) {
                print_block(f, n, header_end, &n->u.def.items);
                return;
            }
            /* The aliases first, on one line, then the level-2 categories. */
            put(f, " {");
            uint32_t open = find_open_brace(f, header_end);
            f->last_end = open + 1;
            trailing_comment(f, open + 1);
            put(f, "\n");
            f->indent++;
            f->at_block_start = true;
            line_begin(f, n->u.def.aliases.first->span.start);
            put_aliases(f, &n->u.def.aliases);
            line_end(f, n->u.def.aliases.last->span.end);
            print_items(f, &n->u.def.items);
            leading_comments(f, n->span.end - 1);
            f->indent--;
            put_indent(f, f->indent);
            put(f, "}");
            break;
        }
        put_def_header(f, n);
        if (n->u.def.aliases.count > 0) {
            put(f, " { ");
            put_aliases(f, &n->u.def.aliases);
            put(f, " }");
        }
        break;
    case AST_DIMENSION:
        put_keyword(f, KEYWORD_DIMENSION);
        print_block(f, n, put_def_header(f, n), &n->u.def.items);
        return;
    case AST_PARTITION_DEF:
        put_keyword(f, KEYWORD_PARTITION);
        print_block(f, n, put_def_header(f, n), &n->u.def.items);
        return;
    case AST_FUND_MOD:
        print_fund_mod(f, n);
        break;
    case AST_EXPRESSION:
        print_expr(f, n);
        break;
    case AST_TOTAL_POINTS:
    case AST_TABLE_SCORE:
        put_keyword(f, n->kind == AST_TOTAL_POINTS ? KEYWORD_TOTAL_POINTS : KEYWORD_SCORE);
        put(f, " ");
        put_span(f, n->u.evaluation_field.number.span);
        break;
    case AST_GRADE:
    case AST_INVERSE_RULE:
        put_keyword(f, n->kind == AST_GRADE ? KEYWORD_GRADE : KEYWORD_INVERSE_RULE);
        put(f, " ");
        put_name(f, &n->u.evaluation_field.word);
        break;
    case AST_UNIT_DEF:
        put_name(f, &n->u.unit_def.name);
        if (n->u.unit_def.scale.digits != NULL) {
            put(f, " ");
            put_span(f, n->u.unit_def.scale.span);
        }
        break;
    case AST_NAME:
        put_name(f, &n->u.ref.name);
        break;
    case AST_ALIASES:
        put_aliases(f, &n->u.def.aliases);
        break;
    case AST_SCHEDULE:
        put_keyword(f, KEYWORD_SCHEDULE);
        print_block(f, n, n->span.start, &n->u.schedule.rows);
        return;
    case AST_SCHEDULE_ROW:
        put_name(f, &n->u.schedule_row.name);
        put(f, " ");
        print_target(f, n->u.schedule_row.value);
        break;
    }
    line_end(f, n->span.end);
}

static void
print_items(struct fmt *f, const struct ast_list *items)
{
    for (const struct ast_node *n = items->first; n != NULL; n = n->next) {
        if (n->kind == AST_CATEGORY && n->u.category.implied) {
            print_items(f, &n->u.category.items); /* not written: its items are */
            continue;
        }
        print_item(f, n);
        if (n == f->fill_after)
            print_table_fill(f);
    }
}

/* Whether to spell keywords in English (fmt.h: the file's own language by default). */
static bool
keywords_english(const struct parse_comments *comments, const struct fmt_options *options)
{
    switch (options->keywords) {
    case FMT_KEYWORDS_ZH:
        return false;
    case FMT_KEYWORDS_EN:
        return true;
    case FMT_KEYWORDS_OF_FILE:
        return comments != NULL && comments->keywords_en > comments->keywords_zh;
    }
    return false;
}

static void
format(FILE *out, const struct ast_node *root, const struct source *src,
       const struct parse_comments *comments, const struct fmt_options *options,
       struct compilation *fill)
{
    char buf[WRITER_BUFFER];
    struct writer w;
    writer_init(&w, out, buf, sizeof buf);
    struct fmt f = {
        .out = &w,
        .text = src->text,
        .len = (uint32_t)src->len,
        .comments = comments != NULL ? comments->items : NULL,
        .comment_count = comments != NULL ? comments->count : 0,
        .english = keywords_english(comments, options),
        .last_end = (uint32_t)src->body_start,
        .at_block_start = true,
        .fill = fill,
    };
    print_items(&f, &root->u.file.items);
    leading_comments(&f, UINT32_MAX);
    writer_flush(&w);
}

void
fmt_file(FILE *out, const struct ast_node *root, const struct source *src,
         const struct parse_comments *comments, const struct fmt_options *options)
{
    format(out, root, src, comments, options, NULL);
}

void
fmt_file_filled(FILE *out, struct compilation *c, const struct parse_comments *comments,
                const struct fmt_options *options)
{
    format(out, c->root, compilation_source(c, 0), comments, options, c);
}
