/*
 * json_writer.h - JSON onto a buffered writer (writer.h): the one way goalc
 * writes JSON (the JSON back end, diagnostics as JSON Lines and SARIF, the
 * diff's JSON report).
 *
 * The caller says what comes (open an object, a key, a string, close it);
 * the writer puts the commas, the line breaks and the indentation, and
 * escapes strings through escape.c.  Each container is laid out one of two
 * ways, chosen when it is opened:
 *
 *   pretty   a member per line, two spaces per level, "[]" or "{}" when
 *            empty:                {\n  "a": 1,\n  "b": [\n    2\n  ]\n}
 *   compact  on one line, ", " between members and ": " after keys:
 *                                  {"a": 1, "b": [2]}
 *
 * Everything inside a compact container is compact; a pretty container may
 * hold compact ones (the JSON back end writes locations on one line).  A
 * compact container may still start a member on a new line where the caller
 * asks (json_writer_break), for reports laid out by hand.
 *
 * Invariants: a key is only written in an object and is followed by one
 * value; the bytes go to the writer in order, and nothing is flushed here
 * (the caller flushes the writer).  Keys are goalc's own names, written as
 * they are: they hold nothing to escape.  Nothing is allocated.
 */
#ifndef GOALC_JSON_WRITER_H
#define GOALC_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "base/writer.h"

enum json_writer_layout {
    JSON_WRITER_PRETTY,  /* a member per line, indented */
    JSON_WRITER_COMPACT, /* on one line, and everything inside it */
};

struct json_writer {
    struct writer out; /* what the JSON is written to; raw bytes (a line break between JSON
                          Lines) may be added with writer_byte(&j->out, ...) */
    int depth;        /* containers open */
    int compact_from; /* depth of the outermost compact container open; 0: none */
    int break_indent; /* the next member starts a line indented this much; -1: no */
    bool first;       /* nothing written yet in the innermost container */
    bool after_key;   /* a key was written: its value comes next, with no separator */
};

/*
 * A JSON writer onto the stream out through buf (size bytes, at least 16;
 * WRITER_BUFFER for big documents), with nothing open.  Several top-level
 * values may follow each other (JSON Lines: the caller writes the line
 * breaks between them).  As with writer.h, nothing reaches the stream
 * before json_writer_flush() or a full buffer, and errors are the stream's.
 */
void
json_writer_init(struct json_writer *j, FILE *out, char *buf, size_t size);
/* Hands what is buffered to the stream. */
static inline void
json_writer_flush(struct json_writer *j)
{
    writer_flush(&j->out);
}

/* In a compact container: the next member starts a new line indented by indent spaces (after
   its comma, if any) instead of following ", ". */
void
json_writer_break(struct json_writer *j, int indent);

/* A line break and the indent of a pretty container at the current depth, after a comma if
   asked: the separator between pretty members.  Out of line when the nesting is deep. */
void
json_writer_newline_slow(struct json_writer *j, bool comma);

static inline void
json_writer_newline_(struct json_writer *j, bool comma)
{
    /* Comma, line break and the indent of the usual nesting, in one copy. */
    static const char text[] = ",\n                                                ";
    size_t n = 1 + 2 * (size_t)j->depth;
    if (n > sizeof text - 2) {
        json_writer_newline_slow(j, comma);
        return;
    }
    writer_bytes(&j->out, comma ? text : text + 1, comma + n);
}

/* The line break json_writer_break() asked for, after a comma unless first. */
void
json_writer_break_line_(struct json_writer *j);

/* The separator before a member (a key, or a value in an array). */
static inline void
json_writer_member_(struct json_writer *j)
{
    if (j->compact_from == 0)
        json_writer_newline_(j, !j->first);
    else if (j->break_indent >= 0)
        json_writer_break_line_(j);
    else if (!j->first)
        writer_bytes(&j->out, ", ", 2);
    j->first = false;
}

/*
 * Prepares for a value the caller writes straight to &j->out (with an
 * escaper of escape.h other than JSON's, say): the separator when the value
 * is an element of an array, nothing after a key or at the top level.
 */
static inline void
json_writer_value(struct json_writer *j)
{
    if (j->after_key)
        j->after_key = false;
    else if (j->depth > 0)
        json_writer_member_(j);
}

static inline void
json_writer_begin_(struct json_writer *j, char bracket, enum json_writer_layout layout)
{
    json_writer_value(j);
    writer_byte(&j->out, bracket);
    j->depth++;
    if (layout == JSON_WRITER_COMPACT && j->compact_from == 0)
        j->compact_from = j->depth;
    j->first = true;
}

static inline void
json_writer_end_(struct json_writer *j, char bracket)
{
    bool compact = j->compact_from != 0;
    if (j->compact_from == j->depth)
        j->compact_from = 0;
    j->depth--;
    if (!compact && !j->first)
        json_writer_newline_(j, false);
    writer_byte(&j->out, bracket);
    j->first = false;
    j->break_indent = -1;
}

/* Opens a container laid out as layout (compact anyway inside a compact one). */
static inline void
json_writer_begin_object(struct json_writer *j, enum json_writer_layout layout)
{
    json_writer_begin_(j, '{', layout);
}

static inline void
json_writer_begin_array(struct json_writer *j, enum json_writer_layout layout)
{
    json_writer_begin_(j, '[', layout);
}

/* Closes the innermost container: on its own line when pretty and not empty. */
static inline void
json_writer_end_object(struct json_writer *j)
{
    json_writer_end_(j, '}');
}

static inline void
json_writer_end_array(struct json_writer *j)
{
    json_writer_end_(j, ']');
}

/*
 * "k": in the object open; n is strlen(k).  Always inline: keys are most of
 * what the JSON back end writes, and inline a literal key is copied
 * without a call to strlen() or memcpy().
 */
#define JSON_WRITER_HOT static inline __attribute__((always_inline))
JSON_WRITER_HOT void
json_writer_key_n(struct json_writer *j, const char *k, size_t n)
{
    json_writer_member_(j);
    writer_byte(&j->out, '"');
    writer_bytes(&j->out, k, n);
    writer_bytes(&j->out, "\": ", 3);
    j->after_key = true;
}

JSON_WRITER_HOT void
json_writer_key(struct json_writer *j, const char *k)
{
    json_writer_key_n(j, k, strlen(k));
}

/* Text that is JSON already, as a value: the digits of a number, a value serialised before. */
static inline void
json_writer_raw(struct json_writer *j, const char *s, size_t len)
{
    json_writer_value(j);
    writer_bytes(&j->out, s, len);
}

static inline void
json_writer_null(struct json_writer *j)
{
    json_writer_raw(j, "null", 4);
}

static inline void
json_writer_bool(struct json_writer *j, bool v)
{
    if (v)
        json_writer_raw(j, "true", 4);
    else
        json_writer_raw(j, "false", 5);
}

static inline void
json_writer_uint(struct json_writer *j, unsigned long v)
{
    json_writer_value(j);
    writer_uint(&j->out, v);
}

static inline void
json_writer_int(struct json_writer *j, long v)
{
    json_writer_value(j);
    writer_int(&j->out, v);
}

/* A string of len bytes of valid UTF-8 (escape_json_to); null when s is NULL. */
static inline void
json_writer_string(struct json_writer *j, const char *s, size_t len)
{
    json_writer_value(j);
    if (s == NULL)
        writer_bytes(&j->out, "null", 4);
    else
        escape_json_to(&j->out, s, len);
}

/* A NUL-terminated string, or null. */
static inline void
json_writer_cstring(struct json_writer *j, const char *s)
{
    json_writer_string(j, s, s != NULL ? strlen(s) : 0);
}

/* "k": value, for the commonest members. */
static inline void
json_writer_key_cstring(struct json_writer *j, const char *k, const char *s)
{
    json_writer_key(j, k);
    json_writer_cstring(j, s);
}

static inline void
json_writer_key_uint(struct json_writer *j, const char *k, unsigned long v)
{
    json_writer_key(j, k);
    json_writer_uint(j, v);
}

static inline void
json_writer_key_bool(struct json_writer *j, const char *k, bool v)
{
    json_writer_key(j, k);
    json_writer_bool(j, v);
}

#endif
