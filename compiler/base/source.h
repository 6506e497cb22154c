/*
 * source.h - a source file held in memory, and positions within it.
 *
 * The text is held whole, validated as UTF-8 once by the front end
 * (load.h), and followed by two NUL bytes so flex can scan it in place.
 * Positions everywhere else are byte offsets; line and column are computed
 * from the line-start table only when something is shown to a person.
 */
#ifndef GOALC_SOURCE_H
#define GOALC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* The largest source accepted; offsets are 32-bit. */
#define SOURCE_MAX_BYTES ((size_t)1 << 30)

struct source {
    unsigned id;       /* index in its compilation, in load order */
    const char *path;  /* as shown in diagnostics and outputs */
    const char *real_path; /* canonical, for include checks; NULL for stdin and memory */
    char *text;        /* len bytes, then two NULs */
    size_t len;
    size_t body_start; /* 3 when a leading BOM is skipped, else 0 */
    uint32_t *line_starts;
    size_t line_count;
    bool cr_free; /* no CR in text: its lines are those an LF ends */
};

/*
 * A source of the len bytes at text, which are followed by two NULs and
 * owned by the arena (or by one of its slots); finds a leading BOM and
 * builds the line table.  path is copied.
 */
struct source *
source_new(struct arena *a, const char *path, unsigned id, char *text, size_t len);

/* 1-based line and column (in characters) of a byte offset. */
void
source_position(const struct source *src, uint32_t offset, unsigned *line, unsigned *column);
/* Only the 1-based line: O(log lines), where the column costs a scan of the line. */
unsigned
source_line_number(const struct source *src, uint32_t offset);
/*
 * The same, trying line near (1-based; 0 for no guess) and the few after
 * it before searching: O(1) for a caller going through the file in order.
 */
unsigned
source_line_number_near(const struct source *src, unsigned near, uint32_t offset);

/*
 * The last position found, for a caller that asks for many positions in
 * increasing order (a back end writing every location): an offset after
 * the last one on the same line is counted from there, so a file written
 * on one long line costs linear, not quadratic, time.  Zero-initialise.
 */
struct source_cursor {
    const struct source *src;
    uint32_t offset;
    unsigned line, column;
};
void
source_position_at(struct source_cursor *cur, const struct source *src, uint32_t offset,
                   unsigned *line, unsigned *column);

/* Byte range [start, end) of 1-based line, without its line terminator. */
void
source_line(const struct source *src, unsigned line, size_t *start, size_t *end);

#endif
