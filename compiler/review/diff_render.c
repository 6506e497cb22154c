/*
 * diff_render.c - the change list of diff.c as text, Markdown or JSON.
 *
 * Pure: reads a struct diff and writes one format; the same change list
 * always gives the same bytes.  Escaping goes through escape.c (JSON,
 * Markdown); terminal text has its control characters replaced so a table
 * cannot drive the terminal.  The fixed words come in English or Chinese
 * (JSON keys and values are always English).  docs/diff.md shows each format.
 */
#include "review/diff_render.h"

#include "review/diff.h"
#include "base/escape.h"
#include "base/utf8.h"

#include <string.h>

/* Code points of unchanged text kept on each side of a change in a text diff. */
enum { CONTEXT = 12 };

struct render {
    FILE *out;
    const struct diff_render_options *o;
};

static const char *
tr(const struct render *r, const char *en, const char *zh)
{
    return r->o->lang == DIAG_LANG_ZH ? zh : en;
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

static const char *
class_word(const struct render *r, enum diff_class cls)
{
    switch (cls) {
    case DIFF_TIGHTENED:
        return tr(r, "tightened", "收紧");
    case DIFF_LOOSENED:
        return tr(r, "loosened", "放宽");
    case DIFF_SHIFTED:
        return tr(r, "changed", "变更");
    case DIFF_CHANGED_KIND:
        return tr(r, "changed kind", "类型变更");
    case DIFF_CHANGED_UNIT:
        return tr(r, "changed unit", "单位变更");
    case DIFF_REWORDED:
        return tr(r, "reworded", "改写");
    }
    return "";
}

static const char *
indicator_word(const struct render *r, enum diff_indicator_change c)
{
    switch (c) {
    case DIFF_IND_ADDED:
        return tr(r, "added", "新增");
    case DIFF_IND_REMOVED:
        return tr(r, "removed", "删除");
    case DIFF_IND_MOVED:
        return tr(r, "moved", "移动");
    }
    return "";
}

static const char *
field_word(const struct render *r, enum diff_text_field f)
{
    switch (f) {
    case DIFF_FIELD_DUTIES:
        return tr(r, "duties (职能)", "职能");
    case DIFF_FIELD_GOAL:
        return tr(r, "goal (目标)", "目标");
    case DIFF_FIELD_PERIOD_GOAL:
        return tr(r, "period goal (实施期目标)", "实施期目标");
    }
    return "";
}

static const char *
status_word(const struct render *r, enum diff_status s)
{
    switch (s) {
    case DIFF_STATUS_CHANGED:
        return tr(r, "changed", "变更");
    case DIFF_STATUS_ADDED:
        return tr(r, "added", "新增");
    case DIFF_STATUS_REMOVED:
        return tr(r, "removed", "删除");
    }
    return "";
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

/* Text for a terminal: line breaks as ↵, other control characters as U+FFFD. */
static void
term_write(FILE *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("↵", out);
        else if (c < 0x20 || c == 0x7f)
            fputs("\xEF\xBF\xBD", out);
        else
            fputc(c, out);
    }
}

static void
term_str(FILE *out, const char *s)
{
    if (s != NULL)
        term_write(out, s, strlen(s));
}

static void
color(const struct render *r, const char *code)
{
    if (r->o->color)
        fprintf(r->out, "\033[%sm", code);
}

/* Writes a text diff compactly: long unchanged runs are cut to their ends. */
typedef void write_fn(FILE *out, const char *s, size_t len);

static void
compact_same(FILE *out, write_fn *w, const struct diff_segment *g, bool first, bool last)
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
    fputs("…", out);
    w(out, g->text + tail_from, g->len - tail_from);
}

static void
text_words(const struct render *r, const struct diff_text *t)
{
    for (size_t i = 0; i < t->count; i++) {
        const struct diff_segment *g = &t->seg[i];
        switch (g->op) {
        case DIFF_SAME:
            compact_same(r->out, term_write, g, i == 0, i + 1 == t->count);
            break;
        case DIFF_REMOVED:
            color(r, "31");
            fputs("[-", r->out);
            term_write(r->out, g->text, g->len);
            fputs("-]", r->out);
            color(r, "0");
            break;
        case DIFF_ADDED:
            color(r, "32");
            fputs("{+", r->out);
            term_write(r->out, g->text, g->len);
            fputs("+}", r->out);
            color(r, "0");
            break;
        }
    }
}

static void
text_path(FILE *out, const struct diff_fund *f)
{
    for (size_t i = 0; i < f->path_len; i++) {
        if (i > 0)
            fputs(" / ", out);
        term_str(out, f->path[i]);
    }
}

static void
text_fund(const struct render *r, const struct diff_fund *f, bool total)
{
    FILE *out = r->out;
    fputs("    ", out);
    if (total)
        fputs(tr(r, "total", "合计"), out);
    else
        text_path(out, f);
    fputs(": ", out);
    term_str(out, f->old_amount ? f->old_amount : "—");
    fputs(" → ", out);
    term_str(out, f->new_amount ? f->new_amount : "—");
    if (f->difference != NULL) {
        bool zero = strspn(f->difference, "0.") == strlen(f->difference);
        if (zero) {
            fprintf(out, " (%s)", tr(r, "unchanged", "不变"));
        } else {
            color(r, f->difference[0] == '-' ? "31" : "32");
            fprintf(out, " (%s", f->difference);
            if (f->percent != NULL)
                fprintf(out, ", %s%%", f->percent);
            fputc(')', out);
            color(r, "0");
        }
    } else if (!total) {
        fprintf(out, " (%s)", status_word(r, f->status));
    }
    fputc('\n', out);
}

static void
table_title(const struct render *r, const struct diff_table *t, write_fn *w)
{
    FILE *out = r->out;
    fputs(t->project ? tr(r, "project ", "项目 ") : tr(r, "department ", "部门 "), out);
    w(out, t->name, strlen(t->name));
    if (t->department != NULL) {
        fputs(tr(r, " (department ", "（部门 "), out);
        w(out, t->department, strlen(t->department));
        fputs(tr(r, ")", "）"), out);
    }
}

static void
render_text(const struct render *r, const struct diff *d)
{
    FILE *out = r->out;
    for (size_t i = 0; i < d->table_count; i++) {
        const struct diff_table *t = &d->tables[i];
        color(r, "1");
        table_title(r, t, term_write);
        color(r, "0");
        if (t->status != DIFF_STATUS_CHANGED) {
            fprintf(out, ": %s\n", status_word(r, t->status));
            continue;
        }
        fputc('\n', out);
        if (t->funds_changed) {
            fprintf(out, "  %s (%s)\n", tr(r, "funds", "资金"), t->total.unit);
            for (size_t k = 0; k < t->fund_count; k++)
                text_fund(r, &t->funds[k], false);
            text_fund(r, &t->total, true);
        }
        if (t->indicator_count > 0)
            fprintf(out, "  %s\n", tr(r, "indicators", "指标"));
        for (size_t k = 0; k < t->indicator_count; k++) {
            const struct diff_indicator *x = &t->indicators[k];
            color(r, x->change == DIFF_IND_ADDED ? "32" : x->change == DIFF_IND_REMOVED ? "31" : "33");
            fprintf(out, "    %s", indicator_word(r, x->change));
            color(r, "0");
            fputs(" “", out);
            term_str(out, x->name);
            fputs("”: ", out);
            if (x->change == DIFF_IND_MOVED) {
                term_str(out, x->old_category);
                fputs(" → ", out);
                term_str(out, x->new_category);
            } else {
                term_str(out, x->change == DIFF_IND_ADDED ? x->new_category : x->old_category);
                fputs(", ", out);
                term_str(out, x->target);
            }
            fputc('\n', out);
        }
        if (t->target_count > 0)
            fprintf(out, "  %s\n", tr(r, "targets", "目标值"));
        for (size_t k = 0; k < t->target_count; k++) {
            const struct diff_target *x = &t->targets[k];
            color(r, x->cls == DIFF_TIGHTENED ? "32" : x->cls == DIFF_LOOSENED ? "31" : "33");
            fprintf(out, "    %s", class_word(r, x->cls));
            color(r, "0");
            fputs(" “", out);
            term_str(out, x->name);
            fputs("”", out);
            if (x->standard)
                fputs(tr(r, " (standard)", "（标准）"), out);
            fputs(": ", out);
            if (x->cls == DIFF_REWORDED) {
                text_words(r, &x->text);
            } else {
                term_str(out, x->old_form ? x->old_form : "—");
                fputs(" → ", out);
                term_str(out, x->new_form ? x->new_form : "—");
            }
            fputc('\n', out);
        }
        if (t->text_count > 0)
            fprintf(out, "  %s\n", tr(r, "texts", "文本"));
        for (size_t k = 0; k < t->text_count; k++) {
            fprintf(out, "    %s: ", field_word(r, t->texts[k].field));
            text_words(r, &t->texts[k].text);
            fputc('\n', out);
        }
    }
}

/* --- markdown --------------------------------------------------------------- */

static void
md(FILE *out, const char *s)
{
    if (s != NULL)
        escape_markdown(out, s, strlen(s), ESCAPE_MD_INLINE);
}

static void
md_write(FILE *out, const char *s, size_t len)
{
    escape_markdown(out, s, len, ESCAPE_MD_INLINE);
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
            fputs("<del>", r->out);
            md_write(r->out, g->text, g->len);
            fputs("</del>", r->out);
            break;
        case DIFF_ADDED:
            fputs("<ins>", r->out);
            md_write(r->out, g->text, g->len);
            fputs("</ins>", r->out);
            break;
        }
    }
}

static void
md_fund_row(const struct render *r, const struct diff_fund *f, bool total)
{
    FILE *out = r->out;
    fputs("| ", out);
    if (total) {
        fprintf(out, "**%s**", tr(r, "total", "合计"));
    } else {
        for (size_t i = 0; i < f->path_len; i++) {
            if (i > 0)
                fputs(" / ", out);
            md(out, f->path[i]);
        }
    }
    fprintf(out, " | %s | %s | %s | %s%s |\n", f->old_amount ? f->old_amount : "—",
            f->new_amount ? f->new_amount : "—",
            f->difference ? f->difference : status_word(r, f->status),
            f->percent ? f->percent : "—", f->percent ? "%" : "");
}

static void
render_markdown(const struct render *r, const struct diff *d)
{
    FILE *out = r->out;
    fprintf(out, "# %s: ", tr(r, "Goal table changes", "绩效目标表变更"));
    md(out, r->o->old_name);
    fputs(" → ", out);
    md(out, r->o->new_name);
    fputs("\n\n", out);
    if (d->table_count == 0)
        fprintf(out, "%s\n", tr(r, "No changes.", "无变更。"));
    for (size_t i = 0; i < d->table_count; i++) {
        const struct diff_table *t = &d->tables[i];
        fputs("## ", out);
        table_title(r, t, md_write);
        if (t->status != DIFF_STATUS_CHANGED) {
            fprintf(out, "\n\n%s\n\n", t->status == DIFF_STATUS_ADDED
                                           ? tr(r, "Table added.", "新增此表。")
                                           : tr(r, "Table removed.", "删除此表。"));
            continue;
        }
        fputs("\n\n", out);
        if (t->funds_changed) {
            fprintf(out, "### %s (", tr(r, "Funds", "资金"));
            md(out, t->total.unit);
            fprintf(out, ")\n\n| %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---:|\n",
                    tr(r, "Line", "资金行"), tr(r, "Old", "原"), tr(r, "New", "新"),
                    tr(r, "Difference", "差额"), tr(r, "Change", "变动"));
            for (size_t k = 0; k < t->fund_count; k++)
                md_fund_row(r, &t->funds[k], false);
            md_fund_row(r, &t->total, true);
            fputc('\n', out);
        }
        if (t->indicator_count > 0) {
            fprintf(out, "### %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n",
                    tr(r, "Indicators", "指标"), tr(r, "Change", "变动"),
                    tr(r, "Indicator", "指标"), tr(r, "Old", "原"), tr(r, "New", "新"));
            for (size_t k = 0; k < t->indicator_count; k++) {
                const struct diff_indicator *x = &t->indicators[k];
                fprintf(out, "| %s | ", indicator_word(r, x->change));
                md(out, x->name);
                fputs(" | ", out);
                md(out, x->old_category ? x->old_category : "—");
                if (x->change == DIFF_IND_REMOVED) {
                    fputs(": ", out);
                    md(out, x->target);
                }
                fputs(" | ", out);
                md(out, x->new_category ? x->new_category : "—");
                if (x->change == DIFF_IND_ADDED) {
                    fputs(": ", out);
                    md(out, x->target);
                }
                fputs(" |\n", out);
            }
            fputc('\n', out);
        }
        if (t->target_count > 0) {
            fprintf(out, "### %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n",
                    tr(r, "Targets", "目标值"), tr(r, "Change", "变动"),
                    tr(r, "Indicator", "指标"), tr(r, "Old", "原"), tr(r, "New", "新"));
            for (size_t k = 0; k < t->target_count; k++) {
                const struct diff_target *x = &t->targets[k];
                fprintf(out, "| %s | ", class_word(r, x->cls));
                md(out, x->name);
                if (x->standard)
                    fputs(tr(r, " (standard)", "（标准）"), out);
                fputs(" | ", out);
                md(out, x->old_form ? x->old_form : "—");
                fputs(" | ", out);
                if (x->cls == DIFF_REWORDED)
                    md_words(r, &x->text);
                else
                    md(out, x->new_form ? x->new_form : "—");
                fputs(" |\n", out);
            }
            fputc('\n', out);
        }
        if (t->text_count > 0) {
            fprintf(out, "### %s\n\n", tr(r, "Texts", "文本"));
            for (size_t k = 0; k < t->text_count; k++) {
                fprintf(out, "- **%s**: ", field_word(r, t->texts[k].field));
                md_words(r, &t->texts[k].text);
                fputc('\n', out);
            }
            fputc('\n', out);
        }
    }
}

/* --- json ------------------------------------------------------------------- */

static void
js(FILE *out, const char *s)
{
    if (s == NULL)
        fputs("null", out);
    else
        escape_json(out, s, strlen(s));
}

static void
json_words(FILE *out, const struct diff_text *t)
{
    fputc('[', out);
    for (size_t i = 0; i < t->count; i++) {
        const struct diff_segment *g = &t->seg[i];
        fprintf(out, "%s{\"op\": \"%s\", \"text\": ", i ? ", " : "",
                g->op == DIFF_SAME ? "same" : g->op == DIFF_REMOVED ? "removed" : "added");
        escape_json(out, g->text, g->len);
        fputc('}', out);
    }
    fputc(']', out);
}

static void
json_fund(FILE *out, const struct diff_fund *f, bool with_path)
{
    fputc('{', out);
    if (with_path) {
        fputs("\"path\": [", out);
        for (size_t i = 0; i < f->path_len; i++) {
            if (i > 0)
                fputs(", ", out);
            js(out, f->path[i]);
        }
        fprintf(out, "], \"status\": \"%s\", ", status_name(f->status));
    }
    fputs("\"old\": ", out);
    js(out, f->old_amount);
    fputs(", \"new\": ", out);
    js(out, f->new_amount);
    fputs(", \"difference\": ", out);
    js(out, f->difference);
    fputs(", \"percent\": ", out);
    js(out, f->percent);
    fputc('}', out);
}

static void
render_json(const struct render *r, const struct diff *d)
{
    FILE *out = r->out;
    fputs("{\n  \"old\": ", out);
    js(out, r->o->old_name);
    fputs(",\n  \"new\": ", out);
    js(out, r->o->new_name);
    fprintf(out, ",\n  \"changed\": %s,\n  \"change_count\": %zu,\n  \"tables\": [",
            d->change_count > 0 ? "true" : "false", d->change_count);
    for (size_t i = 0; i < d->table_count; i++) {
        const struct diff_table *t = &d->tables[i];
        fprintf(out, "%s\n    {\"kind\": \"%s\", \"name\": ", i ? "," : "",
                t->project ? "project" : "department");
        js(out, t->name);
        fputs(", \"department\": ", out);
        js(out, t->department);
        fprintf(out, ", \"status\": \"%s\",\n     \"funds\": ", status_name(t->status));
        if (!t->funds_changed) {
            fputs("null", out);
        } else {
            fputs("{\"unit\": ", out);
            js(out, t->total.unit);
            fputs(", \"total\": ", out);
            json_fund(out, &t->total, false);
            fputs(", \"changes\": [", out);
            for (size_t k = 0; k < t->fund_count; k++) {
                fputs(k ? ",\n       " : "\n       ", out);
                json_fund(out, &t->funds[k], true);
            }
            fputs("]}", out);
        }
        fputs(",\n     \"indicators\": [", out);
        for (size_t k = 0; k < t->indicator_count; k++) {
            const struct diff_indicator *x = &t->indicators[k];
            fprintf(out, "%s{\"change\": \"%s\", \"name\": ", k ? ",\n       " : "\n       ",
                    indicator_name(x->change));
            js(out, x->name);
            fputs(", \"old_category\": ", out);
            js(out, x->old_category);
            fputs(", \"new_category\": ", out);
            js(out, x->new_category);
            fputs(", \"target\": ", out);
            js(out, x->target);
            fputc('}', out);
        }
        fputs("],\n     \"targets\": [", out);
        for (size_t k = 0; k < t->target_count; k++) {
            const struct diff_target *x = &t->targets[k];
            fputs(k ? ",\n       " : "\n       ", out);
            fputs("{\"name\": ", out);
            js(out, x->name);
            fprintf(out, ", \"standard\": %s, \"class\": \"%s\", \"old\": ",
                    x->standard ? "true" : "false", diff_class_name(x->cls));
            js(out, x->old_form);
            fputs(", \"new\": ", out);
            js(out, x->new_form);
            if (x->cls == DIFF_REWORDED) {
                fputs(", \"diff\": ", out);
                json_words(out, &x->text);
            }
            fputc('}', out);
        }
        fputs("],\n     \"texts\": [", out);
        for (size_t k = 0; k < t->text_count; k++) {
            const struct diff_text_change *x = &t->texts[k];
            fprintf(out, "%s{\"field\": \"%s\", \"old\": ", k ? ",\n       " : "\n       ",
                    diff_field_name(x->field));
            js(out, x->old_text);
            fputs(", \"new\": ", out);
            js(out, x->new_text);
            fputs(", \"diff\": ", out);
            json_words(out, &x->text);
            fputc('}', out);
        }
        fputs("]}", out);
    }
    fputs(d->table_count ? "\n  ]\n}\n" : "]\n}\n", out);
}

void
diff_render(const struct diff *d, FILE *out, const struct diff_render_options *o)
{
    struct render r = {out, o};
    switch (o->format) {
    case DIFF_FORMAT_TEXT:
        render_text(&r, d);
        break;
    case DIFF_FORMAT_MARKDOWN:
        render_markdown(&r, d);
        break;
    case DIFF_FORMAT_JSON:
        render_json(&r, d);
        break;
    }
}
