/*
 * emit_rows.h - the rows of indicators.csv and funds.csv, field by field,
 * for a back end that lays them out itself (emit_xlsx.c's sheets
 * indicators and funds): the CSV's columns (docs/csv.md), the same
 * rows in the same order, each field's text unquoted and not neutralised;
 * and the rows of the workbook's own model sheets.
 */
#ifndef GOALC_EMIT_ROWS_H
#define GOALC_EMIT_ROWS_H

#include "base/escape.h"
#include "diag/diag_phrase.h"

#include <stdbool.h>
#include <stddef.h>

struct compilation;

struct emit_row_sink {
    void *ctx;
    /* One field, the concatenation of the spans (count 0 or empty: blank). */
    void (*cell)(void *ctx, const struct escape_span *spans, size_t count);
    void (*end_row)(void *ctx);
};

/* The columns' names (phrase.def), count set to their number; workbook:
   the workbook's too, after the CSV's (compute, share: docs/xlsx.md), whose
   fields the rows to a sink always have. */
const enum diag_phrase_id *
emit_csv_indicator_columns(size_t *count, bool workbook);
const enum diag_phrase_id *
emit_csv_fund_columns(size_t *count, bool workbook);
void
emit_csv_indicator_rows(const struct compilation *c, const struct emit_row_sink *sink);
void
emit_csv_fund_rows(const struct compilation *c, const struct emit_row_sink *sink);

/*
 * The workbook's model sheets (emit_model_rows.c, docs/xlsx.md "The model
 * sheets"), numbered 0 .. EMIT_MODEL_SHEETS-1 in the order they are
 * written: tables, categories, attributes, schedule, duties, declarations.
 */
enum { EMIT_MODEL_SHEETS = 6 };
const char *
emit_model_sheet_name(size_t sheet);
const enum diag_phrase_id *
emit_model_columns(size_t sheet, size_t *count);
void
emit_model_rows(const struct compilation *c, size_t sheet, const struct emit_row_sink *sink);

#endif
