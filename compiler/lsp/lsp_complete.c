/*
 * lsp_complete.c - completion.
 *
 * What is expected at the cursor is read from the text before it, not
 * from the tree: while a line is being typed the file rarely parses.  A
 * scan from the start keeps the stack of open blocks, each named by the
 * first word of the line that opened it (strings and # comments skipped,
 * as the lexer reads them: a """ text block over lines, a "…" or “…” to
 * its line's end at most; 「」 quote nothing), and the word being typed.
 * Then:
 *
 *   after a number (548000▮, 12 ▮)       units, with their dimension
 *   in 指标 / 实施期指标                   the framework's level-1 categories
 *   in a level-1 category                 its level-2 categories
 *   after 部门 in a top-level 项目          the departments' names
 *   after 项目 inside a block              the projects' names
 *   in a level-2 category, after a name   target words (≥, 以上, 前, 定性…)
 *   anywhere else                         keywords, spelt as the file spells them
 *
 * Names come from the document's last analysis that parsed (its tables,
 * includes too, and its catalog), the framework from the table the cursor
 * is in, else the default one, from a compiled empty file.
 */
#include "lsp/lsp_features.h"

#include "base/arena.h"
#include "front/lexutil.h"
#include "model/ast.h"
#include "model/catalog.h"
#include "model/compilation.h"
#include "model/keyword.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 64, HEAD_MAX = 64 };

/* LSP CompletionItemKind */
enum {
    KIND_CLASS = 7,
    KIND_MODULE = 9,
    KIND_UNIT = 11,
    KIND_VALUE = 12,
    KIND_KEYWORD = 14,
    KIND_REFERENCE = 18,
    KIND_OPERATOR = 24
};

struct context {
    char heads[MAX_DEPTH][HEAD_MAX]; /* first word of each open block's line */
    int depth;
    char first[HEAD_MAX]; /* the first word of the cursor's line, before the word typed */
    char prev[HEAD_MAX];  /* the word before the word typed, on its line */
    bool prev_string;     /* that word was a string */
    bool after_number;    /* a number ends right before the word typed, or is prev */
};

static bool
is_newline(char c)
{
    return c == '\n' || c == '\r';
}

/*
 * A string starting at t[i], read as grammar/lexer.l reads it: the offset
 * after it, or 0 when none starts there.  """…""" runs over lines, a
 * backslash escaping any character (a newline too), and ends at the first
 * """ not escaped, or at the end; "…" (a backslash escapes any character
 * but a line end) and “…” end at their closing quote or, unterminated
 * (E0102), before the line end, which still ends the line.  「」 are no
 * quotes in goal (E0114, pasted from a form): a word goes through them.
 */
static size_t
quote_close(const char *t, size_t i, size_t n, size_t *open_len)
{
    if (n - i >= 3 && memcmp(t + i, "\"\"\"", 3) == 0) {
        *open_len = 3;
        for (size_t j = i + 3; j < n; j++) {
            if (t[j] == '\\')
                j++;
            else if (n - j >= 3 && memcmp(t + j, "\"\"\"", 3) == 0)
                return j + 3;
        }
        return n;
    }
    if (t[i] == '"') {
        *open_len = 1;
        for (size_t j = i + 1; j < n; j++) {
            if (is_newline(t[j]))
                return j;
            if (t[j] == '\\' && j + 1 < n && !is_newline(t[j + 1]))
                j++;
            else if (t[j] == '"')
                return j + 1;
        }
        return n;
    }
    if (n - i < 3 || memcmp(t + i, "\xE2\x80\x9C", 3) != 0) /* “ */
        return 0;
    *open_len = 3;
    for (size_t j = i + 3; j < n; j++) {
        if (is_newline(t[j]))
            return j;
        if (n - j >= 3 && memcmp(t + j, "\xE2\x80\x9D", 3) == 0) /* ” */
            return j + 3;
    }
    return n;
}

static bool
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
copy_word(char *dst, const char *s, size_t n)
{
    if (n >= HEAD_MAX)
        n = HEAD_MAX - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

struct word {
    size_t start, len;
    bool string;
};

enum { LINE_WORDS = 32 };

/* Reads the text before the cursor (t[0..n)); *typed is where the word being typed starts. */
static void
scan(const char *t, size_t n, struct context *k, size_t *typed)
{
    memset(k, 0, sizeof *k);
    struct word line[LINE_WORDS]; /* the words since the line (or a brace) began */
    size_t count = 0;
    size_t i = 0;
    while (i < n) {
        char c = t[i];
        if (is_newline(c) || c == '{' || c == '}') {
            if (c == '{') {
                if (k->depth < MAX_DEPTH) {
                    if (count > 0)
                        copy_word(k->heads[k->depth], t + line[0].start, line[0].len);
                    else
                        k->heads[k->depth][0] = '\0';
                }
                k->depth++;
            } else if (c == '}' && k->depth > 0) {
                k->depth--;
            }
            count = 0;
            i++;
            continue;
        }
        if (is_space(c)) {
            i++;
            continue;
        }
        if (c == '#') {
            while (i < n && !is_newline(t[i]))
                i++;
            continue;
        }
        size_t open = 0, end = quote_close(t, i, n, &open);
        bool string = end != 0;
        if (!string) {
            end = i;
            while (end < n && !is_space(t[end]) && t[end] != '{' && t[end] != '}' &&
                   t[end] != '#' && quote_close(t, end, n, &open) == 0)
                end++;
        }
        if (count < LINE_WORDS)
            line[count++] = (struct word){i, end - i, string};
        else
            line[LINE_WORDS - 1] = (struct word){i, end - i, string};
        i = end;
    }
    *typed = n;
    if (count > 0 && !line[count - 1].string && line[count - 1].start + line[count - 1].len == n) {
        struct word w = line[--count];
        *typed = w.start;
        /* 548000人: the digits are the number, what follows the word typed. */
        size_t d = w.len;
        while (d > 0 && !(t[w.start + d - 1] >= '0' && t[w.start + d - 1] <= '9'))
            d--;
        if (d > 0) {
            k->after_number = true;
            *typed = w.start + d;
        }
    }
    if (count > 0) {
        struct word p = line[count - 1];
        copy_word(k->prev, t + p.start, p.len);
        k->prev_string = p.string;
        char e = t[p.start + p.len - 1];
        if (!p.string && e >= '0' && e <= '9')
            k->after_number = true;
        copy_word(k->first, t + line[0].start, line[0].len);
    }
}

static bool
is_keyword(const char *w, enum keyword kw)
{
    return strcmp(w, keyword_spelling(kw, 0)) == 0 || strcmp(w, keyword_spelling(kw, 1)) == 0;
}

struct items {
    struct lsp_json *list;
};

static void
add(struct items *it, const char *label, int kind, const char *detail, const char *insert)
{
    struct lsp_json *i = lsp_json_object();
    lsp_json_set(i, "label", lsp_json_str(label));
    lsp_json_set(i, "kind", lsp_json_num(kind));
    if (detail != NULL && detail[0] != '\0')
        lsp_json_set(i, "detail", lsp_json_str(detail));
    if (insert != NULL)
        lsp_json_set(i, "insertText", lsp_json_str(insert));
    lsp_json_push(it->list, i);
}

static void
add_category(struct items *it, const struct category *c)
{
    add(it, c->name, KIND_CLASS, c->english, NULL);
}

struct unit_names {
    const struct catalog *cat;
    const char **names;
    size_t count;
};

static void
get_unit_names(void *ctx)
{
    struct unit_names *u = ctx;
    u->names = catalog_unit_names(u->cat, &u->count);
}

static int
compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
add_units(struct items *it, const struct catalog *cat, bool english)
{
    struct unit_names u = {cat, NULL, 0};
    if (!arena_guarded(cat->arena, get_unit_names, &u) || u.names == NULL)
        return;
    qsort(u.names, u.count, sizeof *u.names, compare_strings);
    for (size_t i = 0; i < u.count; i++) {
        const struct unit *unit = catalog_unit(cat, u.names[i]);
        add(it, u.names[i], KIND_UNIT,
            unit != NULL ? dimension_label(unit->dimension, english) : NULL, NULL);
    }
}

struct tables {
    struct items *it;
    enum ast_kind kind;
    bool quote;
};

static void
add_table(void *ctx, const struct ast_node *table, const struct ast_node *parent)
{
    (void)parent;
    struct tables *t = ctx;
    if (table->kind != t->kind || table->u.decl.name.text == NULL)
        return;
    const char *name = table->u.decl.name.text;
    size_t n = strlen(name);
    char *quoted = malloc(n + 3);
    if (quoted == NULL)
        return;
    quoted[0] = '"';
    memcpy(quoted + 1, name, n);
    quoted[n + 1] = '"';
    quoted[n + 2] = '\0';
    add(t->it, name, t->kind == AST_DEPARTMENT ? KIND_MODULE : KIND_REFERENCE, NULL,
        t->quote ? quoted : name);
    free(quoted);
}

static void
add_keywords(struct items *it, int english)
{
    for (int k = KEYWORD_NONE + 1; k < KEYWORD_COUNT; k++)
        add(it, keyword_spelling((enum keyword)k, english), KIND_KEYWORD, NULL, NULL);
}

static void
add_target_words(struct items *it, int english)
{
    static const char *const symbols[] = {"\xE2\x89\xA5", "\xE2\x89\xA4", ">", "<", "="};
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
        add(it, symbols[i], KIND_OPERATOR, NULL, NULL);
    const char *w;
    for (size_t i = 0; (w = lex_word_spelling(i)) != NULL; i++)
        if (w[0] != '\0' && ((w[0] & 0x80) != 0) != (english != 0))
            add(it, w, KIND_OPERATOR, NULL, NULL);
    static const enum keyword words[] = {KEYWORD_QUALITATIVE, KEYWORD_NA,   KEYWORD_WEIGHT,
                                         KEYWORD_STANDARD,    KEYWORD_NOTE, KEYWORD_ACTUAL};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        add(it, keyword_spelling(words[i], english), KIND_KEYWORD, NULL, NULL);
}

/* The framework of the table at offset in a, else the default. */
static const struct framework *
framework_at(const struct lsp_analysis *a, const struct catalog *cat, size_t offset)
{
    if (a != NULL) {
        const struct ast_node *table = NULL;
        lsp_node_at(a, offset, &table);
        if (table != NULL && table->u.decl.framework != NULL)
            return table->u.decl.framework;
    }
    const struct framework *fw = catalog_framework(cat, "2020");
    return fw != NULL ? fw : cat->framework_count > 0 ? cat->frameworks[0] : NULL;
}

struct lsp_json *
lsp_completion(struct lsp_server *s, const struct lsp_json *params)
{
    struct lsp_doc *d = lsp_server_doc(s, params);
    const struct lsp_lines *lines = lsp_doc_lines(d);
    const struct lsp_json *pos = lsp_json_get(params, "position");
    size_t offset = lsp_offset(d->text, d->len, lines, lsp_json_int(lsp_json_get(pos, "line"), 0),
                               lsp_json_int(lsp_json_get(pos, "character"), 0));
    lsp_server_analysis(s, d);
    const struct lsp_analysis *good = d->good;
    const struct catalog *cat =
        good != NULL && good->c->catalog != NULL ? good->c->catalog : s->empty->c->catalog;
    int english = good != NULL && good->comments.keywords_en > good->comments.keywords_zh;
    bool english_messages = s->lang == DIAG_LANG_EN;
    struct context k;
    size_t typed;
    scan(d->text, offset, &k, &typed);
    struct items it = {lsp_json_array()};
    const char *top = k.depth > 0 && k.depth <= MAX_DEPTH ? k.heads[k.depth - 1] : "";
    const struct framework *fw = cat != NULL ? framework_at(good, cat, offset) : NULL;
    const struct category *block = fw != NULL && top[0] ? framework_category(fw, top) : NULL;
    if (cat == NULL) {
        add_keywords(&it, english);
    } else if (k.after_number) {
        add_units(&it, cat, english_messages);
    } else if (is_keyword(k.prev, KEYWORD_DEPARTMENT) && k.depth == 1 &&
               is_keyword(top, KEYWORD_PROJECT)) {
        struct tables t = {&it, AST_DEPARTMENT, true};
        if (good != NULL && good->c->root != NULL)
            ast_each_table(good->c->root, add_table, &t);
    } else if (is_keyword(k.prev, KEYWORD_PROJECT) && k.depth >= 1) {
        struct tables t = {&it, AST_PROJECT, true};
        if (good != NULL && good->c->root != NULL)
            ast_each_table(good->c->root, add_table, &t);
    } else if (fw != NULL &&
               (is_keyword(top, KEYWORD_INDICATORS) ||
                is_keyword(top, KEYWORD_PERIOD_INDICATORS)) &&
               k.prev[0] == '\0') {
        for (size_t i = 0; i < fw->level1_count; i++)
            add_category(&it, fw->level1[i]);
    } else if (block != NULL && block->level == 1 && k.prev[0] == '\0') {
        for (size_t i = 0; i < block->child_count; i++)
            add_category(&it, block->children[i]);
    } else if (block != NULL && block->level == 2 && k.prev_string) {
        add_target_words(&it, english);
    } else {
        add_keywords(&it, english);
    }
    struct lsp_json *r = lsp_json_object();
    lsp_json_set(r, "isIncomplete", lsp_json_boolean(false));
    lsp_json_set(r, "items", it.list);
    return r;
}
