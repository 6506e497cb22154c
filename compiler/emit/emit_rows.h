/*
 * emit_rows.h - the rows of indicators.csv and funds.csv, field by field,
 * for a back end that lays them out itself (emit_xlsx.c's sheets
 * indicators and funds): the CSV's columns (docs/csv.md), the same
 * rows in the same order, each field's text unquoted and not neutralised.
 */
#ifndef GOALC_EMIT_ROWS_H
#define GOALC_EMIT_ROWS_H

#include "base/escape.h"
#include "diag/diag_phrase.h"

#include <stddef.h>

struct compilation;

struct emit_row_sink {
    void *ctx;
    /* One field, the concatenation of the spans (count 0 or empty: blank). */
    void (*cell)(void *ctx, const struct escape_span *spans, size_t count);
    void (*end_row)(void *ctx);
};

/* The columns' names (phrase.def), count set to their number. */
const enum diag_phrase_id *
emit_csv_indicator_columns(size_t *count);
const enum diag_phrase_id *
emit_csv_fund_columns(size_t *count);
void
emit_csv_indicator_rows(const struct compilation *c, const struct emit_row_sink *sink);
void
emit_csv_fund_rows(const struct compilation *c, const struct emit_row_sink *sink);

#endif
