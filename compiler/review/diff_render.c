/*
 * diff_render.c - the change list of diff.c as text, Markdown or JSON.
 *
 * Pure: reads a struct diff and writes one format through a buffered
 * writer (JSON through the JSON writer); the same change list always gives
 * the same bytes.  Escaping goes through escape.c (JSON, Markdown, and the
 * terminal's, which replaces control characters so a table cannot drive
 * the terminal).  The words of the text and Markdown reports come from the
 * catalogue diff.def in English or Chinese (JSON keys and values are always
 * English names).  docs/diff.md shows each format.
 */
#include "review/diff_render.h"

#include "review/diff.h"
#include "base/escape.h"
#include "base/json_writer.h"
#include "base/utf8.h"
#include "base/writer.h"

#include <string.h>

/* Code points of unchanged text kept on each side of a change in a text diff. */
enum { CONTEXT = 12 };

/* Signs of the reports, the same in both languages. */
#define ARROW " \xE2\x86\x92 "     /* " → " */
#define NONE "\xE2\x80\x94"        /* "—": no amount, no category */
#define ELLIPSIS "\xE2\x80\xA6"    /* "…": unchanged text left out */
#define OPEN_QUOTE "\xE2\x80\x9C"  /* "“" */
#define CLOSE_QUOTE "\xE2\x80\x9D" /* "”" */

struct render {
    struct writer *out;
    const struct diff_render_options *o;
};

/* Each word in both languages, indexed by enum diag_lang. */
static const char *const words[DIFF_WORD_COUNT][2] = {
#define DIFF_WORD(id, en, zh) [DIFF_WORD_##id] = {en, zh},
#include "review/diff.def"
#undef DIFF_WORD
};

const char *
diff_word(enum diff_word_id id, enum diag_lang lang)
{
    return words[id][lang];
}

static void
word(const struct render *r, enum diff_word_id id)
{
    writer_str(r->out, diff_word(id, r->o->lang));
}

/* A word between two pieces of layout: " (unchanged)", "### Funds\n\n". */
static void
word_in(const struct render *r, const char *before, enum diff_word_id id, const char *after)
{
    writer_str(r->out, before);
    word(r, id);
    writer_str(r->out, after);
}

bool
diff_format_from_name(const char *name, enum diff_format *out)
{
    if (strcmp(name, "text") == 0)
        *out = DIFF_FORMAT_TEXT;
    else if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        *out = DIFF_FORMAT_MARKDOWN;
    else if (strcmp(name, "json") == 0)
        *out = DIFF_FORMAT_JSON;
    else
        return false;
    return true;
}

static enum diff_word_id
class_word(enum diff_class cls)
{
    switch (cls) {
    case DIFF_TIGHTENED:
        return DIFF_WORD_TIGHTENED;
    case DIFF_LOOSENED:
        return DIFF_WORD_LOOSENED;
    case DIFF_SHIFTED:
        return DIFF_WORD_CHANGED;
    case DIFF_CHANGED_KIND:
        return DIFF_WORD_CHANGED_KIND;
    case DIFF_CHANGED_UNIT:
        return DIFF_WORD_CHANGED_UNIT;
    case DIFF_REWORDED:
        return DIFF_WORD_REWORDED;
    }
    return DIFF_WORD_CHANGED;
}

static enum diff_word_id
indicator_word(enum diff_indicator_change c)
{
    switch (c) {
    case DIFF_IND_ADDED:
        return DIFF_WORD_ADDED;
    case DIFF_IND_REMOVED:
        return DIFF_WORD_REMOVED;
    case DIFF_IND_MOVED:
        return DIFF_WORD_MOVED;
    case DIFF_IND_RENAMED:
        return DIFF_WORD_RENAMED;
    }
    return DIFF_WORD_CHANGED;
}

static enum diff_word_id
field_word(enum diff_text_field f)
{
    switch (f) {
    case DIFF_FIELD_DUTIES:
        return DIFF_WORD_FIELD_DUTIES;
    case DIFF_FIELD_GOAL:
        return DIFF_WORD_FIELD_GOAL;
    case DIFF_FIELD_PERIOD_GOAL:
        return DIFF_WORD_FIELD_PERIOD_GOAL;
    case DIFF_FIELD_ACTUAL:
        return DIFF_WORD_FIELD_ACTUAL;
    }
    return DIFF_WORD_FIELD_GOAL;
}

static enum diff_word_id
field_kind_word(enum diff_field_kind k)
{
    switch (k) {
    case DIFF_FIELD_KIND_YEAR:
        return DIFF_WORD_KIND_YEAR;
    case DIFF_FIELD_KIND_PERIOD:
        return DIFF_WORD_KIND_PERIOD;
    case DIFF_FIELD_KIND_FRAMEWORK:
        return DIFF_WORD_KIND_FRAMEWORK;
    case DIFF_FIELD_KIND_ATTRIBUTE:
        return DIFF_WORD_KIND_ATTRIBUTE;
    case DIFF_FIELD_KIND_WEIGHT:
        return DIFF_WORD_KIND_WEIGHT;
    case DIFF_FIELD_KIND_NOTE:
        return DIFF_WORD_KIND_NOTE;
    case DIFF_FIELD_KIND_ITEM:
        return DIFF_WORD_KIND_ITEM;
    case DIFF_FIELD_KIND_DUTY:
        return DIFF_WORD_KIND_DUTY;
    case DIFF_FIELD_KIND_COLUMN:
    case DIFF_FIELD_KIND_FUND_COLUMN:
        return DIFF_WORD_KIND_COLUMN;
    case DIFF_FIELD_KIND_SCHEDULE:
        return DIFF_WORD_KIND_SCHEDULE;
    case DIFF_FIELD_KIND_COMPUTE:
        return DIFF_WORD_KIND_COMPUTE;
    case DIFF_FIELD_KIND_SHARE:
        return DIFF_WORD_KIND_SHARE;
    }
    return DIFF_WORD_KIND_YEAR;
}

static enum diff_word_id
eval_word(enum diff_eval_kind k)
{
    switch (k) {
    case DIFF_EVAL_ACTUAL:
        return DIFF_WORD_EVAL_ACTUAL;
    case DIFF_EVAL_WEIGHT:
        return DIFF_WORD_EVAL_WEIGHT;
    case DIFF_EVAL_SCORE:
        return DIFF_WORD_EVAL_SCORE;
    case DIFF_EVAL_DEVIATION:
        return DIFF_WORD_EVAL_DEVIATION;
    case DIFF_EVAL_DIRECTION:
        return DIFF_WORD_EVAL_DIRECTION;
    case DIFF_EVAL_RATE:
        return DIFF_WORD_EVAL_RATE;
    case DIFF_EVAL_TOTAL_POINTS:
        return DIFF_WORD_EVAL_TOTAL_POINTS;
    case DIFF_EVAL_GRADE:
        return DIFF_WORD_EVAL_GRADE;
    }
    return DIFF_WORD_EVAL_SCORE;
}

/* The word of a fund phase; BUDGET has none. */
static bool
phase_word(enum diff_phase p, enum diff_word_id *id)
{
    switch (p) {
    case DIFF_PHASE_BUDGET:
        return false;
    case DIFF_PHASE_ADJUSTED:
        *id = DIFF_WORD_PHASE_ADJUSTED;
        return true;
    case DIFF_PHASE_EXECUTED:
        *id = DIFF_WORD_PHASE_EXECUTED;
        return true;
    case DIFF_PHASE_PERIOD:
        *id = DIFF_WORD_PHASE_PERIOD;
        return true;
    case DIFF_PHASE_FINAL:
        *id = DIFF_WORD_PHASE_FINAL;
        return true;
    }
    return false;
}

static enum diff_word_id
status_word(enum diff_status s)
{
    switch (s) {
    case DIFF_STATUS_CHANGED:
        return DIFF_WORD_CHANGED;
    case DIFF_STATUS_ADDED:
        return DIFF_WORD_ADDED;
    case DIFF_STATUS_REMOVED:
        return DIFF_WORD_REMOVED;
    }
    return DIFF_WORD_CHANGED;
}

static const char *
status_name(enum diff_status s)
{
    switch (s) {
    case DIFF_STATUS_CHANGED:
        return "changed";
    case DIFF_STATUS_ADDED:
        return "added";
    case DIFF_STATUS_REMOVED:
        return "removed";
    }
    return "";
}

static const char *
indicator_name(enum diff_indicator_change c)
{
    switch (c) {
    case DIFF_IND_ADDED:
        return "added";
    case DIFF_IND_REMOVED:
        return "removed";
    case DIFF_IND_MOVED:
        return "moved";
    case DIFF_IND_RENAMED:
        return "renamed";
    }
    return "";
}

/* The byte length of the first n code points of s (at most len). */
static size_t
cp_prefix(const char *s, size_t len, size_t n)
{
    size_t i = 0;
    while (i < len && n > 0) {
        i++;
        while (i < len && utf8_is_continuation((unsigned char)s[i]))
            i++;
        n--;
    }
    return i;
}

/* --- text ------------------------------------------------------------------- */

static void
term_str(struct writer *out, const char *s)
{
    if (s != NULL)
        escape_terminal_to(out, s, strlen(s));
}

static void
color(const struct render *r, const char *code)
{
    if (r->o->color) {
        writer_bytes(r->out, "\033[", 2);
        writer_str(r->out, code);
        writer_byte(r->out, 'm');
    }
}

/* Writes a text diff compactly: long unchanged runs are cut to their ends. */
typedef void write_fn(struct writer *out, const char *s, size_t len);

static void
compact_same(struct writer *out, write_fn *w, const struct diff_segment *g, bool first, bool last)
{
    size_t n = utf8_count(g->text, g->len);
    size_t keep_head = first ? 0 : CONTEXT, keep_tail = last ? 0 : CONTEXT;
    if ((first && last) || n <= keep_head + keep_tail + 1) {
        w(out, g->text, g->len);
        return;
    }
    size_t head = cp_prefix(g->text, g->len, keep_head);
    size_t tail_from = cp_prefix(g->text, g->len, n - keep_tail);
    w(out, g->text, head);
    writer_str(out, ELLIPSIS);
    w(out, g->text + tail_from, g->len - tail_from);
}

static void
text_words(const struct render *r, const struct diff_text *t)
{
    for (size_t i = 0; i < t->count; i++) {
        const struct diff_segment *g = &t->seg[i];
        switch (g->op) {
        case DIFF_SAME:
            compact_same(r->out, escape_terminal_to, g, i == 0, i + 1 == t->count);
            break;
        case DIFF_REMOVED:
            color(r, "31");
            writer_str(r->out, "[-");
            escape_terminal_to(r->out, g->text, g->len);
            writer_str(r->out, "-]");
            color(r, "0");
            break;
        case DIFF_ADDED:
            color(r, "32");
            writer_str(r->out, "{+");
            escape_terminal_to(r->out, g->text, g->len);
            writer_str(r->out, "+}");
            color(r, "0");
            break;
        }
    }
}

/* "资金 / 按 资金来源 / 上级", then the phase: ", executed (执行)", ", final accounts (决算) 2023". */
static void
fund_label(const struct render *r, const struct diff_fund *f, write_fn *w)
{
    for (size_t i = 0; i < f->path_len; i++) {
        if (i > 0)
            writer_str(r->out, " / ");
        w(r->out, f->path[i], strlen(f->path[i]));
    }
    enum diff_word_id id;
    if (phase_word(f->phase, &id)) {
        word(r, DIFF_WORD_PHASE_SEPARATOR);
        word(r, id);
        if (f->phase == DIFF_PHASE_FINAL) {
            char year[16];
            snprintf(year, sizeof year, "%d", f->year);
            writer_str(r->out, year);
        }
    }
}

static void
text_fund(const struct render *r, const struct diff_fund *f, bool total)
{
    struct writer *out = r->out;
    writer_str(out, "    ");
    if (total)
        word(r, DIFF_WORD_TOTAL);
    else
        fund_label(r, f, escape_terminal_to);
    writer_str(out, ": ");
    term_str(out, f->old_amount ? f->old_amount : NONE);
    writer_str(out, ARROW);
    term_str(out, f->new_amount ? f->new_amount : NONE);
    if (f->difference != NULL) {
        bool zero = strspn(f->difference, "0.") == strlen(f->difference);
        if (zero) {
            word_in(r, " (", DIFF_WORD_UNCHANGED, ")");
        } else {
            color(r, f->difference[0] == '-' ? "31" : "32");
            writer_str(out, " (");
            writer_str(out, f->difference);
            if (f->percent != NULL) {
                writer_str(out, ", ");
                writer_str(out, f->percent);
                writer_byte(out, '%');
            }
            writer_byte(out, ')');
            color(r, "0");
        }
    } else if (!total) {
        word_in(r, " (", status_word(f->status), ")");
    }
    writer_byte(out, '\n');
}

static void
table_title(const struct render *r, const struct diff_table *t, write_fn *w)
{
    word(r, t->project ? DIFF_WORD_PROJECT_TITLE : DIFF_WORD_DEPARTMENT_TITLE);
    w(r->out, t->name, strlen(t->name));
    if (t->department != NULL) {
        word(r, DIFF_WORD_OF_DEPARTMENT_OPEN);
        w(r->out, t->department, strlen(t->department));
        word(r, DIFF_WORD_OF_DEPARTMENT_CLOSE);
    }
}

/* "year (年度)", "attribute 填表人", "weight (分值) of “培训人数”". */
static void
field_label(const struct render *r, const struct diff_field *x, write_fn *w)
{
    word(r, field_kind_word(x->kind));
    if (x->name != NULL)
        w(r->out, x->name, strlen(x->name));
    if (x->name != NULL && x->indicator != NULL) /* 栏 评分标准 of “培训人数” */
        word(r, DIFF_WORD_EVAL_OF);
    if (x->indicator != NULL) {
        writer_str(r->out, OPEN_QUOTE);
        w(r->out, x->indicator, strlen(x->indicator));
        writer_str(r->out, CLOSE_QUOTE);
    }
}

/*
 * "score (得分) of “月均保障人数”", "weight (分值) of 产出指标", "grade (等级)",
 * then " (computed)" for goalc's values.
 */
static void
eval_label(const struct render *r, const struct diff_eval *x, write_fn *w)
{
    word(r, eval_word(x->kind));
    if (x->owner == DIFF_OWNER_INDICATORS) {
        word(r, DIFF_WORD_EVAL_OF);
        word(r, DIFF_WORD_EVAL_INDICATORS);
    }
    if (x->of != NULL) {
        word(r, DIFF_WORD_EVAL_OF);
        if (x->owner == DIFF_OWNER_INDICATOR)
            writer_str(r->out, OPEN_QUOTE);
        w(r->out, x->of, strlen(x->of));
        if (x->owner == DIFF_OWNER_INDICATOR)
            writer_str(r->out, CLOSE_QUOTE);
    }
    if (x->computed)
        word(r, DIFF_WORD_COMPUTED);
}

/* Green for added or tightened, red for removed or loosened, yellow for the rest. */
static const char *
indicator_color(enum diff_indicator_change c)
{
    return c == DIFF_IND_ADDED ? "32" : c == DIFF_IND_REMOVED ? "31" : "33";
}

static const char *
class_color(enum diff_class cls)
{
    return cls == DIFF_TIGHTENED ? "32" : cls == DIFF_LOOSENED ? "31" : "33";
}

/* "    WORD “NAME”", the word coloured. */
static void
text_item(const struct render *r, const char *code, enum diff_word_id id, const char *name)
{
    color(r, code);
    writer_str(r->out, "    ");
    word(r, id);
    color(r, "0");
    writer_str(r->out, " " OPEN_QUOTE);
    term_str(r->out, name);
    writer_str(r->out, CLOSE_QUOTE);
}

static void
render_text(const struct render *r, const struct diff *d)
{
    struct writer *out = r->out;
    for (size_t i = 0; i < d->table_count; i++) {
        const struct diff_table *t = &d->tables[i];
        color(r, "1");
        table_title(r, t, escape_terminal_to);
        color(r, "0");
        if (t->status != DIFF_STATUS_CHANGED) {
            word_in(r, ": ", status_word(t->status), "\n");
            continue;
        }
        writer_byte(out, '\n');
        if (t->funds_changed) {
            word_in(r, "  ", DIFF_WORD_FUNDS, " (");
            writer_str(out, t->total.unit);
            writer_str(out, ")\n");
            for (size_t k = 0; k < t->fund_count; k++)
                text_fund(r, &t->funds[k], false);
            text_fund(r, &t->total, true);
        }
        if (t->indicator_count > 0)
            word_in(r, "  ", DIFF_WORD_INDICATORS, "\n");
        for (size_t k = 0; k < t->indicator_count; k++) {
            const struct diff_indicator *x = &t->indicators[k];
            bool renamed = x->change == DIFF_IND_RENAMED;
            text_item(r, indicator_color(x->change), indicator_word(x->change),
                      renamed ? x->old_name : x->name);
            if (renamed) {
                writer_str(out, ARROW OPEN_QUOTE);
                term_str(out, x->name);
                writer_str(out, CLOSE_QUOTE);
            }
            writer_str(out, ": ");
            if (x->change == DIFF_IND_MOVED) {
                term_str(out, x->old_category);
                writer_str(out, ARROW);
                term_str(out, x->new_category);
            } else if (renamed) {
                term_str(out, x->new_category);
                writer_str(out, ", ");
                term_str(out, x->target);
            } else {
                term_str(out, x->change == DIFF_IND_ADDED ? x->new_category : x->old_category);
                writer_str(out, ", ");
                term_str(out, x->target);
            }
            writer_byte(out, '\n');
        }
        if (t->target_count > 0)
            word_in(r, "  ", DIFF_WORD_TARGETS, "\n");
        for (size_t k = 0; k < t->target_count; k++) {
            const struct diff_target *x = &t->targets[k];
            text_item(r, class_color(x->cls), class_word(x->cls), x->name);
            if (x->standard)
                word(r, DIFF_WORD_STANDARD_MARK);
            writer_str(out, ": ");
            if (x->cls == DIFF_REWORDED) {
                text_words(r, &x->text);
            } else {
                term_str(out, x->old_form ? x->old_form : NONE);
                writer_str(out, ARROW);
                term_str(out, x->new_form ? x->new_form : NONE);
            }
            writer_byte(out, '\n');
        }
        if (t->text_count > 0)
            word_in(r, "  ", DIFF_WORD_TEXTS, "\n");
        for (size_t k = 0; k < t->text_count; k++) {
            word_in(r, "    ", field_word(t->texts[k].field), ": ");
            text_words(r, &t->texts[k].text);
            writer_byte(out, '\n');
        }
        if (t->field_count > 0)
            word_in(r, "  ", DIFF_WORD_FIELDS, "\n");
        for (size_t k = 0; k < t->field_count; k++) {
            const struct diff_field *x = &t->fields[k];
            writer_str(out, "    ");
            field_label(r, x, escape_terminal_to);
            writer_str(out, ": ");
            term_str(out, x->old_value ? x->old_value : NONE);
            writer_str(out, ARROW);
            term_str(out, x->new_value ? x->new_value : NONE);
            writer_byte(out, '\n');
        }
        if (t->eval_count > 0)
            word_in(r, "  ", DIFF_WORD_EVALUATION, "\n");
        for (size_t k = 0; k < t->eval_count; k++) {
            const struct diff_eval *x = &t->evals[k];
            writer_str(out, "    ");
            eval_label(r, x, escape_terminal_to);
            writer_str(out, ": ");
            term_str(out, x->old_value ? x->old_value : NONE);
            writer_str(out, ARROW);
            term_str(out, x->new_value ? x->new_value : NONE);
            writer_byte(out, '\n');
        }
    }
}

/* --- markdown --------------------------------------------------------------- */

static void
md_write(struct writer *out, const char *s, size_t len)
{
    escape_markdown_to(out, s, len, ESCAPE_MD_INLINE);
}

static void
md(struct writer *out, const char *s)
{
    if (s != NULL)
        md_write(out, s, strlen(s));
}

static void
md_words(const struct render *r, const struct diff_text *t)
{
    for (size_t i = 0; i < t->count; i++) {
        const struct diff_segment *g = &t->seg[i];
        switch (g->op) {
        case DIFF_SAME:
            compact_same(r->out, md_write, g, i == 0, i + 1 == t->count);
            break;
        case DIFF_REMOVED:
            writer_str(r->out, "<del>");
            md_write(r->out, g->text, g->len);
            writer_str(r->out, "</del>");
            break;
        case DIFF_ADDED:
            writer_str(r->out, "<ins>");
            md_write(r->out, g->text, g->len);
            writer_str(r->out, "</ins>");
            break;
        }
    }
}

/* " | s" of a table row; NONE when s is NULL.  Amounts need no escaping. */
static void
md_cell(struct writer *out, const char *s)
{
    writer_str(out, " | ");
    writer_str(out, s != NULL ? s : NONE);
}

static void
md_fund_row(const struct render *r, const struct diff_fund *f, bool total)
{
    struct writer *out = r->out;
    writer_str(out, "| ");
    if (total)
        word_in(r, "**", DIFF_WORD_TOTAL, "**");
    else
        fund_label(r, f, md_write);
    md_cell(out, f->old_amount);
    md_cell(out, f->new_amount);
    if (f->difference != NULL) {
        md_cell(out, f->difference);
    } else {
        writer_str(out, " | ");
        word(r, status_word(f->status));
    }
    md_cell(out, f->percent);
    if (f->percent != NULL)
        writer_byte(out, '%');
    writer_str(out, " |\n");
}

/* "| A | B | … |\n" and the delimiter row after it. */
static void
md_header(const struct render *r, const enum diff_word_id *ids, size_t count, const char *delimiter)
{
    for (size_t i = 0; i < count; i++) {
        word_in(r, "| ", ids[i], " ");
    }
    writer_str(r->out, "|\n");
    writer_str(r->out, delimiter);
}

static void
render_markdown(const struct render *r, const struct diff *d)
{
    static const enum diff_word_id fund_header[] = {DIFF_WORD_MD_LINE, DIFF_WORD_MD_OLD,
                                                    DIFF_WORD_MD_NEW, DIFF_WORD_MD_DIFFERENCE,
                                                    DIFF_WORD_MD_CHANGE};
    static const enum diff_word_id change_header[] = {DIFF_WORD_MD_CHANGE, DIFF_WORD_MD_INDICATOR,
                                                      DIFF_WORD_MD_OLD, DIFF_WORD_MD_NEW};
    static const enum diff_word_id field_header[] = {DIFF_WORD_MD_FIELD, DIFF_WORD_MD_OLD,
                                                     DIFF_WORD_MD_NEW};
    struct writer *out = r->out;
    word_in(r, "# ", DIFF_WORD_MD_TITLE, ": ");
    md(out, r->o->old_name);
    writer_str(out, ARROW);
    md(out, r->o->new_name);
    writer_str(out, "\n\n");
    if (d->table_count == 0) {
        word_in(r, "", DIFF_WORD_MD_NO_CHANGES, "\n");
    }
    for (size_t i = 0; i < d->table_count; i++) {
        const struct diff_table *t = &d->tables[i];
        writer_str(out, "## ");
        table_title(r, t, md_write);
        if (t->status != DIFF_STATUS_CHANGED) {
            word_in(r, "\n\n",
                    t->status == DIFF_STATUS_ADDED ? DIFF_WORD_MD_TABLE_ADDED
                                                   : DIFF_WORD_MD_TABLE_REMOVED,
                    "\n\n");
            continue;
        }
        writer_str(out, "\n\n");
        if (t->funds_changed) {
            word_in(r, "### ", DIFF_WORD_MD_FUNDS, " (");
            md(out, t->total.unit);
            writer_str(out, ")\n\n");
            md_header(r, fund_header, sizeof fund_header / sizeof fund_header[0],
                      "|---|---:|---:|---:|---:|\n");
            for (size_t k = 0; k < t->fund_count; k++)
                md_fund_row(r, &t->funds[k], false);
            md_fund_row(r, &t->total, true);
            writer_byte(out, '\n');
        }
        if (t->indicator_count > 0) {
            word_in(r, "### ", DIFF_WORD_MD_INDICATORS, "\n\n");
            md_header(r, change_header, sizeof change_header / sizeof change_header[0],
                      "|---|---|---|---|\n");
            for (size_t k = 0; k < t->indicator_count; k++) {
                const struct diff_indicator *x = &t->indicators[k];
                word_in(r, "| ", indicator_word(x->change), " | ");
                md(out, x->name);
                writer_str(out, " | ");
                if (x->change == DIFF_IND_RENAMED) {
                    md(out, x->old_name);
                    writer_str(out, " | ");
                    md(out, x->name);
                    writer_str(out, " |\n");
                    continue;
                }
                md(out, x->old_category ? x->old_category : NONE);
                if (x->change == DIFF_IND_REMOVED) {
                    writer_str(out, ": ");
                    md(out, x->target);
                }
                writer_str(out, " | ");
                md(out, x->new_category ? x->new_category : NONE);
                if (x->change == DIFF_IND_ADDED) {
                    writer_str(out, ": ");
                    md(out, x->target);
                }
                writer_str(out, " |\n");
            }
            writer_byte(out, '\n');
        }
        if (t->target_count > 0) {
            word_in(r, "### ", DIFF_WORD_MD_TARGETS, "\n\n");
            md_header(r, change_header, sizeof change_header / sizeof change_header[0],
                      "|---|---|---|---|\n");
            for (size_t k = 0; k < t->target_count; k++) {
                const struct diff_target *x = &t->targets[k];
                word_in(r, "| ", class_word(x->cls), " | ");
                md(out, x->name);
                if (x->standard)
                    word(r, DIFF_WORD_STANDARD_MARK);
                writer_str(out, " | ");
                md(out, x->old_form ? x->old_form : NONE);
                writer_str(out, " | ");
                if (x->cls == DIFF_REWORDED)
                    md_words(r, &x->text);
                else
                    md(out, x->new_form ? x->new_form : NONE);
                writer_str(out, " |\n");
            }
            writer_byte(out, '\n');
        }
        if (t->text_count > 0) {
            word_in(r, "### ", DIFF_WORD_MD_TEXTS, "\n\n");
            for (size_t k = 0; k < t->text_count; k++) {
                word_in(r, "- **", field_word(t->texts[k].field), "**: ");
                md_words(r, &t->texts[k].text);
                writer_byte(out, '\n');
            }
            writer_byte(out, '\n');
        }
        if (t->field_count > 0) {
            word_in(r, "### ", DIFF_WORD_MD_FIELDS, "\n\n");
            md_header(r, field_header, sizeof field_header / sizeof field_header[0],
                      "|---|---|---|\n");
            for (size_t k = 0; k < t->field_count; k++) {
                const struct diff_field *x = &t->fields[k];
                writer_str(out, "| ");
                field_label(r, x, md_write);
                writer_str(out, " | ");
                md(out, x->old_value ? x->old_value : NONE);
                writer_str(out, " | ");
                md(out, x->new_value ? x->new_value : NONE);
                writer_str(out, " |\n");
            }
            writer_byte(out, '\n');
        }
        if (t->eval_count > 0) {
            word_in(r, "### ", DIFF_WORD_MD_EVALUATION, "\n\n");
            md_header(r, field_header, sizeof field_header / sizeof field_header[0],
                      "|---|---|---|\n");
            for (size_t k = 0; k < t->eval_count; k++) {
                const struct diff_eval *x = &t->evals[k];
                writer_str(out, "| ");
                eval_label(r, x, md_write);
                writer_str(out, " | ");
                md(out, x->old_value ? x->old_value : NONE);
                writer_str(out, " | ");
                md(out, x->new_value ? x->new_value : NONE);
                writer_str(out, " |\n");
            }
            writer_byte(out, '\n');
        }
    }
}

/* --- json ------------------------------------------------------------------- */

/*
 * The report is pretty at the top and one table per element of "tables",
 * each table compact but for its four lists, which start lines of their
 * own (indented 5), and their elements (indented 7):
 *
 *     {"kind": "department", "name": …, "status": "changed",
 *      "funds": {"unit": …, "total": {…}, "changes": [
 *        {…},
 *        {…}]},
 *      "indicators": [], …}
 */
enum { JSON_LIST_INDENT = 5, JSON_ELEMENT_INDENT = 7 };

static const char *
op_name(enum diff_op op)
{
    return op == DIFF_SAME ? "same" : op == DIFF_REMOVED ? "removed" : "added";
}

static void
json_words(struct json_writer *j, const struct diff_text *t)
{
    json_writer_begin_array(j, JSON_WRITER_COMPACT);
    for (size_t i = 0; i < t->count; i++) {
        const struct diff_segment *g = &t->seg[i];
        json_writer_begin_object(j, JSON_WRITER_COMPACT);
        json_writer_key_cstring(j, "op", op_name(g->op));
        json_writer_key(j, "text");
        json_writer_string(j, g->text, g->len);
        json_writer_end_object(j);
    }
    json_writer_end_array(j);
}

static void
json_fund(struct json_writer *j, const struct diff_fund *f, bool with_path)
{
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    if (with_path) {
        json_writer_key(j, "path");
        json_writer_begin_array(j, JSON_WRITER_COMPACT);
        for (size_t i = 0; i < f->path_len; i++)
            json_writer_cstring(j, f->path[i]);
        json_writer_end_array(j);
        json_writer_key_cstring(j, "status", status_name(f->status));
        json_writer_key_cstring(j, "phase", diff_phase_name(f->phase));
        json_writer_key(j, "year");
        if (f->phase == DIFF_PHASE_FINAL)
            json_writer_int(j, f->year);
        else
            json_writer_null(j);
    }
    json_writer_key_cstring(j, "old", f->old_amount);
    json_writer_key_cstring(j, "new", f->new_amount);
    json_writer_key_cstring(j, "difference", f->difference);
    json_writer_key_cstring(j, "percent", f->percent);
    json_writer_end_object(j);
}

/* A list of a table: "k": [ on a line of its own; each element starts a line too. */
static void
json_list(struct json_writer *j, const char *k)
{
    json_writer_break(j, JSON_LIST_INDENT);
    json_writer_key(j, k);
    json_writer_begin_array(j, JSON_WRITER_COMPACT);
}

/* An object in a list of a table, on a line of its own. */
static void
json_element(struct json_writer *j)
{
    json_writer_break(j, JSON_ELEMENT_INDENT);
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
}

static void
json_table(struct json_writer *j, const struct diff_table *t)
{
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    json_writer_key_cstring(j, "kind", t->project ? "project" : "department");
    json_writer_key_cstring(j, "name", t->name);
    json_writer_key_cstring(j, "department", t->department);
    json_writer_key_cstring(j, "status", status_name(t->status));
    json_writer_break(j, JSON_LIST_INDENT);
    json_writer_key(j, "funds");
    if (!t->funds_changed) {
        json_writer_null(j);
    } else {
        json_writer_begin_object(j, JSON_WRITER_COMPACT);
        json_writer_key_cstring(j, "unit", t->total.unit);
        json_writer_key(j, "total");
        json_fund(j, &t->total, false);
        json_writer_key(j, "changes");
        json_writer_begin_array(j, JSON_WRITER_COMPACT);
        for (size_t k = 0; k < t->fund_count; k++) {
            json_writer_break(j, JSON_ELEMENT_INDENT);
            json_fund(j, &t->funds[k], true);
        }
        json_writer_end_array(j);
        json_writer_end_object(j);
    }
    json_list(j, "indicators");
    for (size_t k = 0; k < t->indicator_count; k++) {
        const struct diff_indicator *x = &t->indicators[k];
        json_element(j);
        json_writer_key_cstring(j, "change", indicator_name(x->change));
        json_writer_key_cstring(j, "name", x->name);
        json_writer_key_cstring(j, "old_name", x->old_name);
        json_writer_key_cstring(j, "old_category", x->old_category);
        json_writer_key_cstring(j, "new_category", x->new_category);
        json_writer_key_cstring(j, "target", x->target);
        json_writer_end_object(j);
    }
    json_writer_end_array(j);
    json_list(j, "targets");
    for (size_t k = 0; k < t->target_count; k++) {
        const struct diff_target *x = &t->targets[k];
        json_element(j);
        json_writer_key_cstring(j, "name", x->name);
        json_writer_key_bool(j, "standard", x->standard);
        json_writer_key_cstring(j, "class", diff_class_name(x->cls));
        json_writer_key_cstring(j, "old", x->old_form);
        json_writer_key_cstring(j, "new", x->new_form);
        if (x->cls == DIFF_REWORDED) {
            json_writer_key(j, "diff");
            json_words(j, &x->text);
        }
        json_writer_end_object(j);
    }
    json_writer_end_array(j);
    json_list(j, "texts");
    for (size_t k = 0; k < t->text_count; k++) {
        const struct diff_text_change *x = &t->texts[k];
        json_element(j);
        json_writer_key_cstring(j, "field", diff_field_name(x->field));
        json_writer_key_cstring(j, "old", x->old_text);
        json_writer_key_cstring(j, "new", x->new_text);
        json_writer_key(j, "diff");
        json_words(j, &x->text);
        json_writer_end_object(j);
    }
    json_writer_end_array(j);
    json_list(j, "fields");
    for (size_t k = 0; k < t->field_count; k++) {
        const struct diff_field *x = &t->fields[k];
        json_element(j);
        json_writer_key_cstring(j, "field", diff_field_kind_name(x->kind));
        json_writer_key_cstring(j, "status", status_name(x->status));
        json_writer_key_cstring(j, "indicator", x->indicator);
        json_writer_key_cstring(j, "name", x->name);
        json_writer_key_cstring(j, "old", x->old_value);
        json_writer_key_cstring(j, "new", x->new_value);
        json_writer_end_object(j);
    }
    json_writer_end_array(j);
    json_list(j, "evaluation");
    for (size_t k = 0; k < t->eval_count; k++) {
        const struct diff_eval *x = &t->evals[k];
        json_element(j);
        json_writer_key_cstring(j, "field", diff_eval_kind_name(x->kind));
        json_writer_key_cstring(j, "owner", diff_eval_owner_name(x->owner));
        json_writer_key_cstring(j, "of", x->of);
        json_writer_key_cstring(j, "status", status_name(x->status));
        json_writer_key_cstring(j, "old", x->old_value);
        json_writer_key_cstring(j, "new", x->new_value);
        json_writer_key_bool(j, "computed", x->computed);
        json_writer_end_object(j);
    }
    json_writer_end_array(j);
    json_writer_end_object(j);
}

static void
render_json(struct json_writer *j, const struct diff *d, const struct diff_render_options *o)
{
    json_writer_begin_object(j, JSON_WRITER_PRETTY);
    json_writer_key_cstring(j, "old", o->old_name);
    json_writer_key_cstring(j, "new", o->new_name);
    json_writer_key_bool(j, "changed", d->change_count > 0);
    json_writer_key_uint(j, "change_count", d->change_count);
    json_writer_key(j, "tables");
    json_writer_begin_array(j, JSON_WRITER_PRETTY);
    for (size_t i = 0; i < d->table_count; i++)
        json_table(j, &d->tables[i]);
    json_writer_end_array(j);
    json_writer_end_object(j);
    writer_byte(&j->out, '\n');
}

void
diff_render(const struct diff *d, FILE *out, const struct diff_render_options *o)
{
    char buf[WRITER_BUFFER];
    if (o->format == DIFF_FORMAT_JSON) {
        struct json_writer j;
        json_writer_init(&j, out, buf, sizeof buf);
        render_json(&j, d, o);
        json_writer_flush(&j);
        return;
    }
    struct writer w;
    writer_init(&w, out, buf, sizeof buf);
    struct render r = {&w, o};
    switch (o->format) {
    case DIFF_FORMAT_TEXT:
        render_text(&r, d);
        break;
    case DIFF_FORMAT_MARKDOWN:
        render_markdown(&r, d);
        break;
    case DIFF_FORMAT_JSON:
        break;
    }
    writer_flush(&w);
}
