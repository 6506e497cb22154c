/*
 * emit.h - the back-end interface, its registry, and what back ends share.
 *
 * A back end reads a compiled (error-free) compilation and writes one
 * format to a stream.  It never reports user errors and never changes the
 * tree; for the same input it writes the same bytes.  Adding a format is
 * one emit_<format>.c file and one row in emit.c.
 *
 * Most formats write one file per input (emit).  A gathering format (CSV)
 * writes a fixed set of files, each holding the rows of every input: the
 * driver calls begin once per file, then add for each input in turn.
 *
 * A back end writes through a writer (writer.h) with a buffer of its own
 * and flushes it before it returns, so each call leaves all its bytes with
 * the stream, and a write error with the stream's error indicator, where
 * the caller (output.c) looks for it.
 */
#ifndef GOALC_EMIT_H
#define GOALC_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "escape.h"

struct compilation;

struct emit_options {
    bool excel; /* CSV: a UTF-8 byte-order mark and CRLF line ends */
};

/* One file of a gathering format. */
struct emit_file {
    const char *name; /* in the output directory */
    void (*begin)(FILE *out, const struct emit_options *opt);
    void (*add)(const struct compilation *c, FILE *out, const struct emit_options *opt);
};

struct emitter {
    const char *name;      /* as given to --format */
    const char *extension; /* of files written with -o DIR; NULL for a gathering format */
    void (*emit)(const struct compilation *c, FILE *out); /* NULL for a gathering format */
    const struct emit_file *files;                       /* a gathering format's files */
    size_t file_count;
};

/* The emitter called name, or NULL. */
const struct emitter *
emit_find(const char *name);
/* Writes the names of all formats, separated by sep, for --help. */
void
emit_list_formats(FILE *out, const char *sep);

void
emit_json(const struct compilation *c, FILE *out);
void
emit_html(const struct compilation *c, FILE *out);
void
emit_markdown(const struct compilation *c, FILE *out);
void
emit_csv_indicators_begin(FILE *out, const struct emit_options *opt);
void
emit_csv_indicators(const struct compilation *c, FILE *out, const struct emit_options *opt);
void
emit_csv_funds_begin(FILE *out, const struct emit_options *opt);
void
emit_csv_funds(const struct compilation *c, FILE *out, const struct emit_options *opt);

/* --- reading the checked model (shared by the back ends) ------------------- */

/* ast_each_table over the compilation's root file (see ast.h). */
void
emit_each_table(const struct compilation *c, ast_table_fn *fn, void *ctx);
/* The table's text of that kind, or NULL. */
const struct ast_str *
emit_text(const struct ast_node *table, enum ast_text_kind which);
/* The indicator's modifier of that kind, or NULL. */
const struct ast_node *
emit_modifier(const struct ast_node *indicator, enum ast_modifier_kind kind);
/* The table's year, a project's own or else its department's; 0 when none. */
int
emit_year(const struct ast_node *table, const struct ast_node *parent);
/* The department a project belongs to (预算部门), or a department's own name; NULL if none. */
const struct ast_str *
emit_department(const struct ast_node *table, const struct ast_node *parent);
/*
 * Where the paper form puts a table's attribute (a `name "value"` row):
 * 填报单位 and 单位 above the table, 预算部门 in a project's own row,
 * everything else (填表人, 联系电话, 填报日期…) in the footer.
 */
enum emit_place { EMIT_PLACE_HEADER, EMIT_PLACE_ROW, EMIT_PLACE_FOOTER };
enum emit_place
emit_attribute_place(const struct ast_node *table, const struct ast_node *attribute);
/* The value of the table's attribute of that name, or NULL. */
const struct ast_str *
emit_attribute(const struct ast_node *table, const char *name);
/*
 * The 1-based line where a span starts (no column: that costs a scan of
 * the line).  at holds the last line found, so that a back end going
 * through the source in order finds each line in a step or two instead of
 * a search; zero-initialise it.
 */
struct emit_lines {
    unsigned file; /* the ast_span.file of line */
    unsigned line; /* 0: none yet */
};
unsigned
emit_line(const struct compilation *c, struct emit_lines *at, struct ast_span span);
/* Whether a category's items include 不适用. */
bool
emit_not_applicable(const struct ast_node *category);
/* The money unit of a 资金 node: as written, or 万元. */
const char *
emit_money_unit(const struct ast_node *funds);
/*
 * The checked amount of a 资金 or fund line (written, or summed by
 * sema_funds) as a decimal string in buf; returns its length, 0 when
 * unknown.  buf holds DECIMAL_FORMAT_MAX bytes.
 */
size_t
emit_amount(const struct ast_node *fund, char *buf);

/*
 * v in decimal into buf, zero-padded to width characters as printf's
 * "%0*d" writes it (width 1: no padding); returns the length.  buf holds
 * EMIT_INT_MAX bytes; no NUL is written.
 */
enum { EMIT_INT_MAX = 24 };
size_t
emit_format_int(char *buf, long v, int width);

/*
 * A target as the paper form writes it: the canonical comparator glued to
 * the value and unit (≥548000人, ≤12/100000, 95%以上 with the suffix as
 * written, 18家 for 等于 18 家 or a bare value), a range as 90～100分, a date as
 * 2024年12月31日前, a period as 2024年3月至6月底, a qualitative target as
 * its text.  The pieces point into the source or into the struct itself.
 */
enum { EMIT_FORM_PIECES = 8 };
struct emit_form {
    struct escape_span piece[EMIT_FORM_PIECES];
    size_t count;
    char buf[96]; /* dates written out */
    size_t used;
};
void
emit_form_target(const struct compilation *c, const struct ast_node *target,
                 struct emit_form *form);

#endif
