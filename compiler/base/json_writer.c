/*
 * json_writer.c - the out-of-line half of the JSON writer (json_writer.h):
 * what is not worth inlining (setting up, deep indentation, breaks).
 *
 * Owns nothing: the buffer and the stream are the caller's.  Invariant:
 * compact_from is 0 or the depth of a compact container still open, and
 * every container opened inside it is compact too; break_indent is -1
 * except between json_writer_break() and the member it breaks before.
 */
#include "base/json_writer.h"

void
json_writer_init(struct json_writer *j, FILE *out, char *buf, size_t size)
{
    *j = (struct json_writer){.break_indent = -1, .first = true};
    writer_init(&j->out, out, buf, size);
}

void
json_writer_newline_slow(struct json_writer *j, bool comma)
{
    if (comma)
        writer_byte(&j->out, ',');
    writer_byte(&j->out, '\n');
    for (int i = 0; i < j->depth; i++)
        writer_bytes(&j->out, "  ", 2);
}

void
json_writer_break(struct json_writer *j, int indent)
{
    j->break_indent = indent;
}

void
json_writer_break_line_(struct json_writer *j)
{
    if (!j->first)
        writer_byte(&j->out, ',');
    writer_byte(&j->out, '\n');
    for (int i = 0; i < j->break_indent; i++)
        writer_byte(&j->out, ' ');
    j->break_indent = -1;
}
