/*
 * diag_format.c - diagnostics as JSON Lines and as a SARIF 2.1.0 log.
 *
 * Owns the machine-readable encodings of diagnostics; diag.c keeps the
 * catalogue, the order (diag_sorted) and the rendering for people.  Both
 * encodings carry what the text shows - code, severity, message, place,
 * notes - and nothing that varies between runs.
 *
 * Positions: line and column are 1-based, the column counts Unicode scalar
 * values from the start of the line (a leading byte-order mark is not
 * counted), exactly as the text rendering's file:line:col.  The end is
 * exclusive: the position just after the last character of the range, as
 * SARIF's endColumn.  JSON also gives byte offsets from the start of the
 * file.  A diagnostic without a place (src == NULL: an unreadable root
 * file) has no position at all.
 *
 * Invariant: every string written is valid UTF-8 JSON, whatever the bytes
 * of a path or a message: invalid sequences become U+FFFD.
 */
#include "diag/diag_format.h"

#include "base/escape.h"
#include "base/json_writer.h"
#include "base/source.h"
#include "platform/platform.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

bool
diag_format_from_name(const char *name, enum diag_format *format)
{
    static const struct {
        const char *name;
        enum diag_format format;
    } names[] = {
        {"text", DIAG_FORMAT_TEXT},
        {"json", DIAG_FORMAT_JSON},
        {"sarif", DIAG_FORMAT_SARIF},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i].name) == 0) {
            *format = names[i].format;
            return true;
        }
    }
    return false;
}

static const char *
severity_name(enum diag_severity sev)
{
    switch (sev) {
    case DIAG_SEV_ERROR:
        return "error";
    case DIAG_SEV_WARNING:
        return "warning";
    case DIAG_SEV_NOTE:
        return "note";
    }
    return "";
}

/* A string that may hold any bytes (a path, a message quoting the source): repaired to UTF-8. */
static void
json_text(struct json_writer *j, const char *s)
{
    json_writer_value(j);
    escape_json_repair_to(&j->out, s, strlen(s));
}

/* A SARIF message's text: repaired, and no embedded links. */
static void
sarif_text(struct json_writer *j, const char *s)
{
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    json_writer_key(j, "text");
    json_writer_value(j);
    escape_sarif_text_to(&j->out, s, strlen(s));
    json_writer_end_object(j);
}

/* A place in a source: 1-based line and column (characters), end exclusive. */
struct place {
    unsigned line, column, end_line, end_column;
    uint32_t offset, end_offset;
};

/* at: the last start found, so that many messages on one long line cost
   linear time (they come sorted by position). */
static struct place
place_of(const struct diag_loc *loc, struct source_cursor *at)
{
    struct place p;
    uint32_t len = (uint32_t)loc->src->len;
    p.offset = loc->start < len ? loc->start : len;
    p.end_offset = loc->end < p.offset ? p.offset : loc->end < len ? loc->end : len;
    source_position_at(at, loc->src, p.offset, &p.line, &p.column);
    struct source_cursor from = *at; /* the end counts on from the start */
    source_position_at(&from, loc->src, p.end_offset, &p.end_line, &p.end_column);
    return p;
}

/* --- JSON Lines ------------------------------------------------------------ */

static void
json_diagnostic(struct json_writer *j, const struct diagnostic *d, bool with_notes,
                struct source_cursor *at, enum diag_lang lang)
{
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    json_writer_key_cstring(j, "code", diag_code(d->id));
    json_writer_key_cstring(j, "name", diag_name(d->id));
    json_writer_key_cstring(j, "severity", severity_name(d->severity));
    json_writer_key(j, "message");
    json_text(j, d->message);
    if (d->loc.src != NULL) {
        struct place p = place_of(&d->loc, at);
        json_writer_key(j, "file");
        json_text(j, d->loc.src->path);
        json_writer_key_uint(j, "line", p.line);
        json_writer_key_uint(j, "column", p.column);
        json_writer_key_uint(j, "end_line", p.end_line);
        json_writer_key_uint(j, "end_column", p.end_column);
        json_writer_key_uint(j, "offset", p.offset);
        json_writer_key_uint(j, "end_offset", p.end_offset);
    }
    const char *fix;
    size_t fix_len;
    bool suggests = diag_phrase_suggestion(lang, d->message, &fix, &fix_len);
    if (suggests) {
        json_writer_key(j, "suggestion");
        json_writer_value(j);
        escape_json_repair_to(&j->out, fix, fix_len);
    }
    if (with_notes) {
        json_writer_key(j, "notes");
        json_writer_begin_array(j, JSON_WRITER_COMPACT);
        for (const struct diagnostic *n = d->notes; n != NULL; n = n->next)
            json_diagnostic(j, n, false, at, lang);
        json_writer_end_array(j);
    }
    json_writer_end_object(j);
}

void
diag_render_json(const struct diag_sink *sink, FILE *out)
{
    if (sink->count == 0)
        return;
    struct diagnostic **sorted = diag_sorted(sink);
    /* Out of memory: unsorted rather than lose the messages, as diag_render. */
    struct diagnostic *const *list = sorted != NULL ? sorted : sink->items;
    struct source_cursor at = {0};
    char buf[WRITER_BUFFER];
    struct json_writer j;
    json_writer_init(&j, out, buf, sizeof buf);
    for (size_t i = 0; i < sink->count; i++) {
        json_diagnostic(&j, list[i], true, &at, sink->lang);
        writer_byte(&j.out, '\n');
    }
    json_writer_flush(&j);
    free(sorted);
    fflush(out);
}

/* --- SARIF ----------------------------------------------------------------- */

struct diag_sarif {
    FILE *results; /* the results so far, compact, one per line */
    char *buf;
    size_t size;
    size_t count;
    bool failed; /* memory ran out: the results are incomplete */
    bool lang_set;
    enum diag_lang lang; /* of the rule descriptions: the first sink's */
    bool seen[DIAG_COUNT];
};

struct diag_sarif *
diag_sarif_new(void)
{
    struct diag_sarif *log = calloc(1, sizeof *log);
    if (log == NULL)
        return NULL;
    log->results = platform_memstream_open(&log->buf, &log->size);
    if (log->results == NULL) {
        free(log);
        return NULL;
    }
    return log;
}

void
diag_sarif_free(struct diag_sarif *log)
{
    if (log == NULL)
        return;
    if (log->results != NULL)
        platform_memstream_close(log->results);
    free(log->buf);
    free(log);
}

/*
 * A file path as an artifactLocation uri: relative paths stay relative
 * (to the directory goalc ran in), absolute ones become file:// URIs;
 * either way percent-encoded (RFC 3986), so spaces and CJK names are safe.
 */
static void
sarif_uri(struct json_writer *j, const char *path)
{
    json_writer_value(j);
    writer_byte(&j->out, '"'); /* escape_uri_path writes only unreserved ASCII, "/" and "%" */
    if (path[0] == '/')
        writer_str(&j->out, "file://");
    escape_uri_path_to(&j->out, path, strlen(path));
    writer_byte(&j->out, '"');
}

/* "physicalLocation": {…} in the object open. */
static void
sarif_physical(struct json_writer *j, const struct diag_loc *loc, struct source_cursor *at)
{
    struct place p = place_of(loc, at);
    json_writer_key(j, "physicalLocation");
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    json_writer_key(j, "artifactLocation");
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    json_writer_key(j, "uri");
    sarif_uri(j, loc->src->path);
    json_writer_end_object(j);
    json_writer_key(j, "region");
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    json_writer_key_uint(j, "startLine", p.line);
    json_writer_key_uint(j, "startColumn", p.column);
    json_writer_key_uint(j, "endLine", p.end_line);
    json_writer_key_uint(j, "endColumn", p.end_column);
    json_writer_end_object(j);
    json_writer_end_object(j);
}

static void
sarif_result(struct json_writer *j, const struct diagnostic *d, struct source_cursor *at)
{
    json_writer_begin_object(j, JSON_WRITER_COMPACT);
    json_writer_key_cstring(j, "ruleId", diag_code(d->id));
    json_writer_key_cstring(j, "level", severity_name(d->severity));
    json_writer_key(j, "message");
    sarif_text(j, d->message);
    if (d->loc.src != NULL) {
        json_writer_key(j, "locations");
        json_writer_begin_array(j, JSON_WRITER_COMPACT);
        json_writer_begin_object(j, JSON_WRITER_COMPACT);
        sarif_physical(j, &d->loc, at);
        json_writer_end_object(j);
        json_writer_end_array(j);
    }
    if (d->notes != NULL) {
        json_writer_key(j, "relatedLocations");
        json_writer_begin_array(j, JSON_WRITER_COMPACT);
        unsigned long id = 1;
        for (const struct diagnostic *n = d->notes; n != NULL; n = n->next, id++) {
            json_writer_begin_object(j, JSON_WRITER_COMPACT);
            json_writer_key_uint(j, "id", id);
            if (n->loc.src != NULL)
                sarif_physical(j, &n->loc, at);
            json_writer_key(j, "message");
            sarif_text(j, n->message);
            json_writer_end_object(j);
        }
        json_writer_end_array(j);
    }
    json_writer_end_object(j);
}

/* The results are kept one per line: compact JSON holds no line break. */
void
diag_sarif_add(struct diag_sarif *log, const struct diag_sink *sink)
{
    if (!log->lang_set) {
        log->lang = sink->lang;
        log->lang_set = true;
    }
    if (sink->count == 0)
        return;
    struct diagnostic **sorted = diag_sorted(sink);
    if (sorted == NULL) {
        log->failed = true;
        return;
    }
    struct source_cursor at = {0};
    char buf[WRITER_BUFFER];
    struct json_writer j;
    json_writer_init(&j, log->results, buf, sizeof buf);
    for (size_t i = 0; i < sink->count; i++) {
        const struct diagnostic *d = sorted[i];
        log->seen[d->id] = true;
        if (log->count++ > 0)
            writer_byte(&j.out, '\n');
        sarif_result(&j, d, &at);
    }
    json_writer_flush(&j);
    free(sorted);
}

/*
 * A rule's short description: its catalogue message with each printf
 * conversion shown as "…" ("… adds up to …, but the total is …").
 */
static bool
sarif_description(struct json_writer *j, enum diag_id id, enum diag_lang lang)
{
    const char *fmt = diag_text_of(id, lang);
    char *text = malloc(strlen(fmt) * 2 + 1); /* a conversion of 2+ bytes becomes 3 */
    if (text == NULL) {
        json_writer_string(j, "", 0);
        return false;
    }
    size_t o = 0;
    for (const char *p = fmt; *p != '\0'; p++) {
        if (*p != '%') {
            text[o++] = *p;
        } else if (p[1] == '%') {
            text[o++] = '%';
            p++;
        } else {
            p++;
            while (*p != '\0' && strchr("-+ #0123456789.*hlLjzt", *p) != NULL)
                p++;
            memcpy(text + o, "…", 3);
            o += 3;
            if (*p == '\0')
                break;
        }
    }
    text[o] = '\0';
    json_text(j, text);
    free(text);
    return true;
}

/* Each line of the results kept, as an element of the array open. */
static void
sarif_results(struct json_writer *j, const char *buf, size_t size)
{
    if (size == 0)
        return; /* no results: buf is NULL */
    const char *end = buf + size;
    while (buf < end) {
        const char *nl = memchr(buf, '\n', (size_t)(end - buf));
        const char *line_end = nl != NULL ? nl : end;
        json_writer_raw(j, buf, (size_t)(line_end - buf));
        buf = line_end + 1;
    }
}

bool
diag_sarif_write(struct diag_sarif *log, FILE *out, const char *tool_version)
{
    /* The results are complete: closing the stream hands over its bytes. */
    if (log->results != NULL) {
        bool bad = ferror(log->results) != 0;
        bad |= platform_memstream_close(log->results) != 0;
        log->results = NULL;
        log->failed |= bad;
    }
    if (log->failed)
        return false;
    char buf[WRITER_BUFFER];
    struct json_writer j;
    json_writer_init(&j, out, buf, sizeof buf);
    json_writer_begin_object(&j, JSON_WRITER_PRETTY);
    json_writer_key_cstring(&j, "$schema", SARIF_SCHEMA);
    json_writer_key_cstring(&j, "version", "2.1.0");
    json_writer_key(&j, "runs");
    json_writer_begin_array(&j, JSON_WRITER_PRETTY);
    json_writer_begin_object(&j, JSON_WRITER_PRETTY);
    json_writer_key(&j, "tool");
    json_writer_begin_object(&j, JSON_WRITER_PRETTY);
    json_writer_key(&j, "driver");
    json_writer_begin_object(&j, JSON_WRITER_PRETTY);
    json_writer_key_cstring(&j, "name", "goalc");
    json_writer_key(&j, "version");
    json_text(&j, tool_version);
#ifdef GOALC_INFORMATION_URI
    json_writer_key(&j, "informationUri");
    json_text(&j, GOALC_INFORMATION_URI);
#endif
    json_writer_key(&j, "rules");
    json_writer_begin_array(&j, JSON_WRITER_PRETTY);
    bool ok = true;
    for (int id = 0; id < DIAG_COUNT; id++) {
        if (!log->seen[id])
            continue;
        json_writer_begin_object(&j, JSON_WRITER_COMPACT);
        json_writer_key_cstring(&j, "id", diag_code((enum diag_id)id));
        json_writer_key_cstring(&j, "name", diag_name((enum diag_id)id));
        json_writer_key(&j, "shortDescription");
        json_writer_begin_object(&j, JSON_WRITER_COMPACT);
        json_writer_key(&j, "text");
        ok &= sarif_description(&j, (enum diag_id)id, log->lang);
        json_writer_end_object(&j);
        json_writer_end_object(&j);
    }
    json_writer_end_array(&j);
    json_writer_end_object(&j); /* driver */
    json_writer_end_object(&j); /* tool */
    json_writer_key_cstring(&j, "columnKind", "unicodeCodePoints");
    json_writer_key(&j, "results");
    json_writer_begin_array(&j, JSON_WRITER_PRETTY);
    sarif_results(&j, log->buf, log->size);
    json_writer_end_array(&j);
    json_writer_end_object(&j); /* the run */
    json_writer_end_array(&j);
    json_writer_end_object(&j);
    writer_byte(&j.out, '\n');
    json_writer_flush(&j);
    fflush(out);
    return ok;
}

bool
diag_render_sarif(const struct diag_sink *sink, FILE *out, const char *tool_version)
{
    struct diag_sarif *log = diag_sarif_new();
    if (log == NULL)
        return false;
    diag_sarif_add(log, sink);
    bool ok = diag_sarif_write(log, out, tool_version);
    diag_sarif_free(log);
    return ok;
}
