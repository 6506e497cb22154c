/*
 * source.c - a source text in memory and the mapping of offsets to lines.
 *
 * Owns: the struct source of a text already read (its path, the skipped
 * byte-order mark) and its line-start table, and the offset → line and
 * column queries on it.  Line terminators are LF, CRLF and a lone CR,
 * counted the same way by the lexer and here.  Reading files and
 * validating their bytes is the front end's (front/load.c): nothing here
 * reports a diagnostic.
 */
#include "base/source.h"

#include "base/arena.h"
#include "base/utf8.h"

#include <stdbool.h>
#include <string.h>

/*
 * Where the line after the one holding offset from starts (past its LF,
 * CRLF or lone CR), or 0 when it is the last.  memchr does the work when
 * the text has no CR.
 */
static size_t
next_line_start(const char *t, size_t len, size_t from, bool cr)
{
    if (!cr) {
        const char *nl = memchr(t + from, '\n', len - from);
        return nl != NULL ? (size_t)(nl - t) + 1 : 0;
    }
    for (size_t i = from; i < len; i++)
        if ((unsigned char)t[i] <= '\r' &&
            (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= len || t[i + 1] != '\n'))))
            return i + 1;
    return 0;
}

/* Offsets of the starts of lines: counted, then recorded. */
static void
build_line_table(struct arena *a, struct source *src)
{
    const char *t = src->text;
    bool cr = memchr(t, '\r', src->len) != NULL;
    src->cr_free = !cr;
    size_t count = 1;
    for (size_t at = 0; (at = next_line_start(t, src->len, at, cr)) != 0;)
        count++;
    src->line_starts = arena_alloc(a, count * sizeof *src->line_starts);
    size_t n = 0;
    src->line_starts[n++] = 0;
    for (size_t at = 0; (at = next_line_start(t, src->len, at, cr)) != 0;)
        src->line_starts[n++] = (uint32_t)at;
    src->line_count = count;
}

struct source *
source_new(struct arena *a, const char *path, unsigned id, char *text, size_t len)
{
    struct source *src = arena_alloc(a, sizeof *src);
    src->id = id;
    src->path = arena_strndup(a, path, strlen(path));
    src->text = text;
    src->len = len;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        src->body_start = 3;
    build_line_table(a, src);
    return src;
}

unsigned
source_line_number(const struct source *src, uint32_t offset)
{
    size_t lo = 0, hi = src->line_count; /* invariant: line_starts[lo] <= offset */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (src->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return (unsigned)lo + 1;
}

unsigned
source_line_number_near(const struct source *src, unsigned near, uint32_t offset)
{
    size_t i = near > 0 ? near - 1 : 0; /* invariant below: line_starts[i] <= offset */
    if (i < src->line_count && src->line_starts[i] <= offset) {
        for (int step = 0; step < 4; step++, i++)
            if (i + 1 == src->line_count || src->line_starts[i + 1] > offset)
                return (unsigned)i + 1;
    }
    return source_line_number(src, offset);
}

void
source_position(const struct source *src, uint32_t offset, unsigned *line, unsigned *column)
{
    size_t lo = source_line_number(src, offset) - 1;
    size_t start = src->line_starts[lo];
    if (lo == 0 && offset >= src->body_start)
        start = src->body_start;
    if (offset > src->len)
        offset = (uint32_t)src->len;
    *line = (unsigned)lo + 1;
    *column = (unsigned)utf8_count(src->text + start, offset - start) + 1;
}

void
source_position_at(struct source_cursor *cur, const struct source *src, uint32_t offset,
                   unsigned *line, unsigned *column)
{
    if (offset > src->len)
        offset = (uint32_t)src->len;
    unsigned l = source_line_number_near(src, cur->src == src ? cur->line : 0, offset);
    if (cur->src == src && l == cur->line && offset >= cur->offset &&
        cur->offset >= src->body_start) {
        cur->column += (unsigned)utf8_count(src->text + cur->offset, offset - cur->offset);
    } else { /* source_position(), the line being known */
        size_t start = src->line_starts[l - 1];
        if (l == 1 && offset >= src->body_start)
            start = src->body_start;
        cur->column = (unsigned)utf8_count(src->text + start, offset - start) + 1;
        cur->src = src;
        cur->line = l;
    }
    cur->offset = offset;
    *line = cur->line;
    *column = cur->column;
}

void
source_line(const struct source *src, unsigned line, size_t *start, size_t *end)
{
    size_t i = line - 1;
    *start = src->line_starts[i];
    if (i == 0)
        *start = src->body_start;
    size_t e = i + 1 < src->line_count ? src->line_starts[i + 1] : src->len;
    while (e > *start && (src->text[e - 1] == '\n' || src->text[e - 1] == '\r'))
        e--;
    *end = e;
}
