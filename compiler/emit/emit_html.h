/*
 * emit_html.h - what the two halves of the HTML back end share: the
 * goal form (emit_html.c, which owns the page, its CSS and the registry's
 * entry point), the self-evaluation form (emit_html_selfeval.c) and its
 * charts (emit_html_chart.c).
 *
 * The state of one page being written, the small writers every cell goes
 * through (all source text is escaped here, never by hand), and the pieces
 * of the goal form the 自评表 prints the same way (title, attributes,
 * targets as filed, labels in the table's own wording).  Private to
 * compiler/emit/: no other layer includes it.
 */
#ifndef GOALC_EMIT_HTML_H
#define GOALC_EMIT_HTML_H

#include "base/decimal.h"
#include "base/escape.h"
#include "base/writer.h"
#include "model/ast.h"
#include "model/model.h"

#include <stdbool.h>
#include <stddef.h>

struct compilation;

struct html {
    struct writer out;
    const struct compilation *c;
    const struct ast_node *table; /* the table being written, whose labels are printed */
    bool canonical; /* targets in goalc's notation rather than as filed */
    bool any; /* a table has been written */
    int cols; /* columns of the current .info table */
    bool computed_shown; /* the 自评表 being written printed a computed value */
};

static inline void
html_lit(struct html *h, const char *s)
{
    writer_str(&h->out, s);
}

static inline void
html_number(struct html *h, int v)
{
    writer_int(&h->out, v);
}

/* Text in a cell: a line break in it is a <br>. */
static inline void
html_text(struct html *h, const char *s, size_t len)
{
    if (s != NULL)
        escape_html_cell_to(&h->out, s, len);
}

static inline void
html_str(struct html *h, const struct ast_str *s)
{
    if (s != NULL)
        html_text(h, s->text, s->len);
}

/* Text whose line breaks CSS keeps (.text: white-space:pre-line), or where
   markup is not allowed (the <title>, SVG text). */
static inline void
html_plain(struct html *h, const struct ast_str *s)
{
    if (s != NULL)
        escape_html_to(&h->out, s->text, s->len);
}

/* A target as the form prints it: as filed, or in goalc's notation. */
void
emit_html_form(struct html *h, const struct ast_node *target);
/* The checked amount of a 资金 or fund line. */
void
emit_html_amount(struct html *h, const struct ast_node *fund);
/* A label of the form, in the table's own wording when it gives one. */
void
emit_html_label(struct html *h, enum model_label which);
/* The attributes printed in one place (填报单位 above, 填表人 below). */
void
emit_html_attributes(struct html *h, const struct ast_node *table, enum model_place place,
                     const char *cls);
/* ` colspan="n"` when n > 1. */
void
emit_html_colspan(struct html *h, int n);

/*
 * Issue 15's parts of a form (emit_html.c), which the 自评表 prints too: an
 * indicator table of 指标 or 实施期指标 (inds) with a column per 栏 name;
 * the 栏 of the 资金 and its lines; the 项目实施进度计划 of a 进度; and, for
 * the 自评表's own fixed indicator table, its indicators' 栏 as a table of
 * their own.  Each writes nothing when there is nothing (NULL) to show.
 */
void
emit_html_indicator_table(struct html *h, const struct ast_node *table, const struct ast_node *inds);
void
emit_html_fund_columns(struct html *h, const struct ast_node *funds);
void
emit_html_schedule(struct html *h, const struct ast_node *schedule);
void
emit_html_indicator_columns(struct html *h, const struct ast_node *inds);

/* A number as a form prints it: as written (digits), else computed by the
   rules (value; the 自评表 marks it); known is false when neither. */
struct html_value {
    const char *digits;
    struct decimal value;
    bool known;
};

/* --- emit_html_chart.c ------------------------------------------------------- */

/* One bar of a chart: its label (name, source text, else label), the possible
   and the earned. */
struct html_bar {
    const struct ast_str *name;
    const char *label;
    struct html_value possible, earned;
    bool single; /* only the possible: an amount, no "earned / possible" */
};

/* An inline SVG bar chart of n bars, the key's words and the separator
   between the numbers given (aria: its accessible name). */
void
emit_html_bar_chart(struct html *h, const char *aria, const char *key_earned,
                    const char *key_possible, const struct html_bar *bars, int n,
                    const char *sep);

/* --- emit_html_selfeval.c ---------------------------------------------------- */

/* Whether the table is printed as a 自评表 rather than as a goal form. */
bool
emit_html_is_selfeval(const struct ast_node *table);
/* The CSS the 自评表 adds to the goal form's, written once on a page that has one. */
extern const char emit_html_selfeval_style[];
/* The form's title: 2024年项目支出绩效自评表. */
void
emit_html_selfeval_title(struct html *h, const struct ast_node *table,
                         const struct ast_node *parent);
/* One <section> holding the table's 自评表. */
void
emit_html_selfeval_section(struct html *h, const struct ast_node *table,
                           const struct ast_node *parent);

/* --- emit_html_duties.c ------------------------------------------------------ */

/* The department's 年度履职目标 table (its 履职), when it writes one. */
void
emit_html_duty_table(struct html *h, const struct ast_node *dept);

#endif
