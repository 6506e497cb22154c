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
#include "base/source.h"
#include "base/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

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

/* How text is prepared before it is escaped as a JSON string. */
enum text_kind {
    TEXT_PLAIN,       /* as it is */
    TEXT_SARIF_PLAIN, /* a SARIF plain-text message: [ and ] escaped, so
                         text from a source file cannot make an embedded link */
};

/*
 * s with invalid UTF-8 replaced by U+FFFD (a path given on the command
 * line may hold any bytes) and, for SARIF, brackets escaped; a malloc'd
 * string, or NULL when out of memory.
 */
static char *
prepare(const char *s, enum text_kind kind)
{
    size_t len = strlen(s);
    char *out = malloc(len * 3 + 1); /* an invalid byte becomes 3, a bracket 2 */
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t bad;
        size_t n = utf8_decode((const unsigned char *)s + i, len - i, &cp, &bad);
        if (n == 0) {
            memcpy(out + o, REPLACEMENT, 3);
            o += 3;
            i += bad;
            continue;
        }
        bool bracket_next = i + 1 < len && (s[i + 1] == '[' || s[i + 1] == ']');
        if (kind == TEXT_SARIF_PLAIN && (cp == '[' || cp == ']' || (cp == '\\' && bracket_next)))
            out[o++] = '\\';
        memcpy(out + o, s + i, n);
        o += n;
        i += n;
    }
    out[o] = '\0';
    return out;
}

/* A JSON string literal of s; false when out of memory (then "" is written). */
static bool
json_text(FILE *out, const char *s, enum text_kind kind)
{
    char *p = prepare(s, kind);
    if (p == NULL) {
        fputs("\"\"", out);
        return false;
    }
    escape_json(out, p, strlen(p));
    free(p);
    return true;
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

static bool
json_diagnostic(FILE *out, const struct diagnostic *d, bool with_notes, struct source_cursor *at)
{
    bool ok = true;
    fprintf(out, "{\"code\": \"%s\", \"name\": \"%s\", \"severity\": \"%s\", \"message\": ",
            diag_code(d->id), diag_name(d->id), severity_name(d->severity));
    ok &= json_text(out, d->message, TEXT_PLAIN);
    if (d->loc.src != NULL) {
        struct place p = place_of(&d->loc, at);
        fputs(", \"file\": ", out);
        ok &= json_text(out, d->loc.src->path, TEXT_PLAIN);
        fprintf(out,
                ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u"
                ", \"offset\": %lu, \"end_offset\": %lu",
                p.line, p.column, p.end_line, p.end_column, (unsigned long)p.offset,
                (unsigned long)p.end_offset);
    }
    if (with_notes) {
        fputs(", \"notes\": [", out);
        for (const struct diagnostic *n = d->notes; n != NULL; n = n->next) {
            if (n != d->notes)
                fputs(", ", out);
            ok &= json_diagnostic(out, n, false, at);
        }
        fputc(']', out);
    }
    fputc('}', out);
    return ok;
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
    for (size_t i = 0; i < sink->count; i++) {
        json_diagnostic(out, list[i], true, &at);
        fputc('\n', out);
    }
    free(sorted);
    fflush(out);
}

/* --- SARIF ----------------------------------------------------------------- */

struct diag_sarif {
    FILE *results; /* the results so far, one per line, without the separating commas */
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
    log->results = open_memstream(&log->buf, &log->size);
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
    fclose(log->results);
    free(log->buf);
    free(log);
}

/*
 * A file path as an artifactLocation uri: relative paths stay relative
 * (to the directory goalc ran in), absolute ones become file:// URIs;
 * either way percent-encoded (RFC 3986), so spaces and CJK names are safe.
 */
static bool
sarif_uri(FILE *out, const char *path)
{
    char *p = prepare(path, TEXT_PLAIN); /* percent-encode valid UTF-8 only */
    if (p == NULL) {
        fputs("\"\"", out);
        return false;
    }
    fputc('"', out); /* escape_uri_path writes only unreserved ASCII, "/" and "%" */
    if (p[0] == '/')
        fputs("file://", out);
    escape_uri_path(out, p, strlen(p));
    fputc('"', out);
    free(p);
    return true;
}

static bool
sarif_physical(FILE *out, const struct diag_loc *loc, struct source_cursor *at)
{
    struct place p = place_of(loc, at);
    fputs("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
    bool ok = sarif_uri(out, loc->src->path);
    fprintf(out,
            "}, \"region\": {\"startLine\": %u, \"startColumn\": %u, \"endLine\": %u, "
            "\"endColumn\": %u}}",
            p.line, p.column, p.end_line, p.end_column);
    return ok;
}

static bool
sarif_result(FILE *out, const struct diagnostic *d, struct source_cursor *at)
{
    bool ok = true;
    fprintf(out,
            "{\"ruleId\": \"%s\", \"level\": \"%s\", \"message\": {\"text\": ", diag_code(d->id),
            severity_name(d->severity));
    ok &= json_text(out, d->message, TEXT_SARIF_PLAIN);
    fputc('}', out);
    if (d->loc.src != NULL) {
        fputs(", \"locations\": [{", out);
        ok &= sarif_physical(out, &d->loc, at);
        fputs("}]", out);
    }
    if (d->notes != NULL) {
        fputs(", \"relatedLocations\": [", out);
        int id = 1;
        for (const struct diagnostic *n = d->notes; n != NULL; n = n->next, id++) {
            fprintf(out, "%s{\"id\": %d, ", n != d->notes ? ", " : "", id);
            if (n->loc.src != NULL) {
                ok &= sarif_physical(out, &n->loc, at);
                fputs(", ", out);
            }
            fputs("\"message\": {\"text\": ", out);
            ok &= json_text(out, n->message, TEXT_SARIF_PLAIN);
            fputs("}}", out);
        }
        fputc(']', out);
    }
    fputc('}', out);
    return ok;
}

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
    for (size_t i = 0; i < sink->count; i++) {
        const struct diagnostic *d = sorted[i];
        log->seen[d->id] = true;
        fputs(log->count++ > 0 ? ",\n        " : "        ", log->results);
        if (!sarif_result(log->results, d, &at))
            log->failed = true;
    }
    free(sorted);
}

/*
 * A rule's short description: its catalogue message with each printf
 * conversion shown as "…" ("… adds up to …, but the total is …").
 */
static bool
sarif_description(FILE *out, enum diag_id id, enum diag_lang lang)
{
    const char *fmt = diag_text_of(id, lang);
    char *text = malloc(strlen(fmt) * 2 + 1); /* a conversion of 2+ bytes becomes 3 */
    if (text == NULL) {
        fputs("\"\"", out);
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
    bool ok = json_text(out, text, TEXT_PLAIN);
    free(text);
    return ok;
}

bool
diag_sarif_write(const struct diag_sarif *log, FILE *out, const char *tool_version)
{
    if (log->failed || fflush(log->results) != 0 || ferror(log->results))
        return false;
    fputs("{\n"
          "  \"$schema\": \"" SARIF_SCHEMA "\",\n"
          "  \"version\": \"2.1.0\",\n"
          "  \"runs\": [\n"
          "    {\n"
          "      \"tool\": {\n"
          "        \"driver\": {\n"
          "          \"name\": \"goalc\",\n"
          "          \"version\": ",
          out);
    bool ok = json_text(out, tool_version, TEXT_PLAIN);
#ifdef GOALC_INFORMATION_URI
    fputs(",\n          \"informationUri\": ", out);
    ok &= json_text(out, GOALC_INFORMATION_URI, TEXT_PLAIN);
#endif
    fputs(",\n          \"rules\": [", out);
    bool first = true;
    for (int id = 0; id < DIAG_COUNT; id++) {
        if (!log->seen[id])
            continue;
        fprintf(out,
                "%s\n            {\"id\": \"%s\", \"name\": \"%s\", \"shortDescription\": "
                "{\"text\": ",
                first ? "" : ",", diag_code((enum diag_id)id), diag_name((enum diag_id)id));
        ok &= sarif_description(out, (enum diag_id)id, log->lang);
        fputs("}}", out);
        first = false;
    }
    fputs(first ? "]\n" : "\n          ]\n", out);
    fputs("        }\n"
          "      },\n"
          "      \"columnKind\": \"unicodeCodePoints\",\n"
          "      \"results\": [",
          out);
    if (log->count > 0) {
        fputc('\n', out);
        fwrite(log->buf, 1, log->size, out);
        fputs("\n      ]\n", out);
    } else {
        fputs("]\n", out);
    }
    fputs("    }\n"
          "  ]\n"
          "}\n",
          out);
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
