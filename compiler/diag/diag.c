/*
 * diag.c - collecting, sorting and rendering diagnostics.
 *
 * Owns the catalogue (diag.def), the choice of language, and everything
 * goalc writes to stderr; the words it writes around messages come from
 * the phrase catalogue (phrase.def, diag_phrase.c).  A rendered diagnostic is
 *
 *   file:line:col: error[E0109]: message
 *      12 |     "x" >= >= 5
 *         |            ^~
 *
 * Columns count characters; the caret line counts terminal columns so it
 * sits under CJK text correctly.  Control characters in an echoed line are
 * shown escaped (escape_echo_char_to), so a source file cannot drive the
 * terminal.  The text goes through a buffered writer over the stream.
 */
#include "diag/diag.h"
#include "platform/platform.h"

#include "base/arena.h"
#include "base/escape.h"
#include "base/source.h"
#include "base/utf8.h"
#include "base/writer.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct catalogue_entry {
    const char *code;
    const char *name;
    enum diag_severity severity;
    const char *text[2]; /* indexed by enum diag_lang */
};

static const struct catalogue_entry catalogue[DIAG_COUNT] = {
#define DIAG(code, id, name, sev, en, zh) [DIAG_##id] = {code, name, DIAG_SEV_##sev, {en, zh}},
#include "diag/diag.def"
#undef DIAG
};

void
diag_sink_init(struct diag_sink *sink, struct arena *arena, enum diag_lang lang)
{
    memset(sink, 0, sizeof *sink);
    sink->arena = arena;
    sink->lang = lang;
}

const char *
diag_text_of(enum diag_id id, enum diag_lang lang)
{
    return catalogue[id].text[lang];
}

const char *
diag_code(enum diag_id id)
{
    return catalogue[id].code;
}

const char *
diag_name(enum diag_id id)
{
    return catalogue[id].name;
}

/*
 * The catalogue's texts are formats chosen at run time, so the compiler
 * cannot check them at each call; test_diag checks instead that both
 * languages of every entry take the same conversions.
 */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static struct diagnostic *
make(struct diag_sink *sink, enum diag_id id, struct diag_loc loc, va_list ap)
{
    const char *fmt = catalogue[id].text[sink->lang];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *msg = arena_alloc(sink->arena, n < 0 ? 1 : (size_t)n + 1);
    if (n > 0)
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    struct diagnostic *d = arena_alloc(sink->arena, sizeof *d);
    d->id = id;
    d->severity = catalogue[id].severity;
    d->loc = loc;
    d->message = msg;
    return d;
}

struct diagnostic *
diag_report(struct diag_sink *sink, enum diag_id id, struct diag_loc loc, ...)
{
    va_list ap;
    va_start(ap, loc);
    struct diagnostic *d = diag_vreport(sink, id, loc, ap);
    va_end(ap);
    return d;
}

enum diag_id
diag_warning_named(const char *name)
{
    for (int i = 0; i < DIAG_COUNT; i++)
        if (catalogue[i].severity == DIAG_SEV_WARNING && strcmp(catalogue[i].name, name) == 0)
            return (enum diag_id)i;
    return DIAG_COUNT;
}

bool
diag_policy_set(struct diag_policy *policy, const char *option)
{
    if (strcmp(option, "error") == 0) {
        policy->all_errors = true;
        return true;
    }
    if (strcmp(option, "all") == 0 || strcmp(option, "extra") == 0) {
        for (int i = 0; i < DIAG_COUNT; i++)
            if (policy->state[i] == DIAG_WARN_OFF)
                policy->state[i] = DIAG_WARN_ON;
        return true;
    }
    enum diag_warning_state state = DIAG_WARN_ON;
    if (strncmp(option, "no-", 3) == 0) {
        option += 3;
        state = DIAG_WARN_OFF;
    } else if (strncmp(option, "error=", 6) == 0) {
        option += 6;
        state = DIAG_WARN_ERROR;
    }
    enum diag_id id = diag_warning_named(option);
    if (id == DIAG_COUNT)
        return false;
    policy->state[id] = (unsigned char)state;
    return true;
}

/*
 * The severity a diagnostic of id gets under the policy: a warning may be
 * turned off (false) or made an error (*promoted).
 */
static bool
apply_policy(const struct diag_sink *sink, enum diag_id id, enum diag_severity *sev,
             bool *promoted)
{
    const struct diag_policy *p = sink->policy;
    *sev = catalogue[id].severity;
    *promoted = false;
    if (p == NULL || *sev != DIAG_SEV_WARNING)
        return true;
    if (p->state[id] == DIAG_WARN_OFF)
        return false;
    if (p->state[id] == DIAG_WARN_ERROR || p->all_errors) {
        *sev = DIAG_SEV_ERROR;
        *promoted = true;
    }
    return true;
}

static struct diag_file_errors *
file_errors(struct diag_sink *sink, unsigned id)
{
    if (id >= sink->file_cap) {
        size_t cap = sink->file_cap * 2 > id + 1u ? sink->file_cap * 2 : id + 1u;
        struct diag_file_errors *files = arena_alloc(sink->arena, cap * sizeof *files);
        memset(files, 0, cap * sizeof *files);
        if (sink->file_cap > 0)
            memcpy(files, sink->files, sink->file_cap * sizeof *files);
        sink->files = files;
        sink->file_cap = cap;
    }
    return &sink->files[id];
}

static void
push(struct diag_sink *sink, struct diagnostic *d)
{
    d->seq = sink->count;
    *ARENA_PUSH(sink->arena, sink->items, sink->count, sink->cap) = d;
}

/* The closing E0111's text for the count so far, in its buffer, made once
   as large as the largest count needs: no allocation per error. */
static void
write_closing(const struct diag_sink *sink, struct diag_file_errors *f, const struct source *src)
{
    snprintf(f->closing_text, f->closing_size, catalogue[DIAG_TOO_MANY_ERRORS].text[sink->lang],
             src->path, f->dropped);
}

/* Counts an error of a file that is past its limit; the first makes the E0111. */
static void
drop(struct diag_sink *sink, struct diag_file_errors *f, struct diag_loc loc)
{
    f->dropped++;
    if (f->closing != NULL)
        return;
    const char *fmt = catalogue[DIAG_TOO_MANY_ERRORS].text[sink->lang];
    int n = snprintf(NULL, 0, fmt, loc.src->path, (size_t)SIZE_MAX);
    f->closing_size = n < 0 ? 1 : (size_t)n + 1;
    f->closing_text = arena_alloc(sink->arena, f->closing_size);
    struct diagnostic *d = arena_alloc(sink->arena, sizeof *d);
    memset(d, 0, sizeof *d);
    d->id = DIAG_TOO_MANY_ERRORS;
    d->severity = DIAG_SEV_ERROR;
    d->loc = loc;
    d->message = f->closing_text;
    f->closing = d;
    write_closing(sink, f, loc.src);
    push(sink, d);
}

bool
diag_file_full(const struct diag_sink *sink, const struct source *src)
{
    return src != NULL && src->id < sink->file_cap && sink->files[src->id].dropped > 0;
}

struct diagnostic *
diag_vreport(struct diag_sink *sink, enum diag_id id, struct diag_loc loc, va_list ap)
{
    enum diag_severity sev;
    bool promoted;
    if (!apply_policy(sink, id, &sev, &promoted))
        return &sink->discarded;
    if (sev == DIAG_SEV_ERROR) {
        sink->errors++;
        sink->promoted += promoted;
        if (loc.src != NULL) {
            struct diag_file_errors *f = file_errors(sink, loc.src->id);
            size_t limit = sink->max_errors_per_file != 0 ? sink->max_errors_per_file
                                                          : DIAG_MAX_ERRORS_PER_FILE;
            if (f->kept >= limit) {
                drop(sink, f, loc);
                return &sink->discarded;
            }
            f->kept++;
        }
    } else if (sev == DIAG_SEV_WARNING) {
        sink->warnings++;
    }
    struct diagnostic *d = make(sink, id, loc, ap);
    if (promoted) { /* say which switch made it an error */
        d->severity = DIAG_SEV_ERROR;
        d->message = arena_printf(sink->arena, "%s [-Werror=%s]", d->message, catalogue[id].name);
    }
    push(sink, d);
    return d;
}

void
diag_add_note(struct diag_sink *sink, struct diagnostic *d, enum diag_id id, struct diag_loc loc,
              ...)
{
    if (d == &sink->discarded)
        return; /* its diagnostic was not kept */
    va_list ap;
    va_start(ap, loc);
    struct diagnostic *note = make(sink, id, loc, ap);
    va_end(ap);
    struct diagnostic **tail = &d->notes;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = note;
}

static bool
starts_with_zh(const char *v)
{
    return v != NULL && strncmp(v, "zh", 2) == 0;
}

/* The locale of one category, by POSIX precedence: LC_ALL, then category,
   then LANG, the first that is set and non-empty; NULL when none is. */
static const char *
locale_of(const char *category)
{
    const char *vars[] = {"LC_ALL", category, "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && *v != '\0')
            return v;
    }
    return NULL;
}

enum diag_lang
diag_lang_from_env(void)
{
    const char *v = locale_of("LC_MESSAGES");
    if (v == NULL) /* no locale variables (Windows): what the system says */
        return platform_user_language_zh() ? DIAG_LANG_ZH : DIAG_LANG_EN;
    return starts_with_zh(v) ? DIAG_LANG_ZH : DIAG_LANG_EN;
}

int
diag_ambiguous_width_from_env(void)
{
    const char *v = locale_of("LC_CTYPE");
    return v != NULL && (strncmp(v, "zh", 2) == 0 || strncmp(v, "ja", 2) == 0 ||
                         strncmp(v, "ko", 2) == 0)
               ? 2
               : 1;
}

/* Sorting: sources in load order, then offset, then report order; a
   file's E0111 after everything else of the file (the errors it counts
   come from every pass, so they are not all after the last one shown). */
static int
compare(const void *pa, const void *pb)
{
    const struct diagnostic *a = *(const struct diagnostic *const *)pa;
    const struct diagnostic *b = *(const struct diagnostic *const *)pb;
    unsigned fa = a->loc.src ? a->loc.src->id + 1 : 0;
    unsigned fb = b->loc.src ? b->loc.src->id + 1 : 0;
    if (fa != fb)
        return fa < fb ? -1 : 1;
    bool ca = a->id == DIAG_TOO_MANY_ERRORS, cb = b->id == DIAG_TOO_MANY_ERRORS;
    if (ca != cb)
        return ca ? 1 : -1;
    if (a->loc.start != b->loc.start)
        return a->loc.start < b->loc.start ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct diagnostic **
diag_sorted(const struct diag_sink *sink)
{
    if (sink->count == 0)
        return NULL;
    /* The closing E0111s say how many errors of their file were left out, all told. */
    for (size_t i = 0; i < sink->file_cap; i++)
        if (sink->files[i].closing != NULL)
            write_closing(sink, &sink->files[i], sink->files[i].closing->loc.src);
    struct diagnostic **sorted = malloc(sink->count * sizeof *sorted);
    if (sorted == NULL)
        return NULL;
    memcpy(sorted, sink->items, sink->count * sizeof *sorted);
    qsort(sorted, sink->count, sizeof *sorted, compare);
    return sorted;
}

/* Lines longer than this many bytes are shown as a window around the position. */
enum { EXCERPT_MAX_BYTES = 240, EXCERPT_BEFORE = 80 };

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"

static const char *
severity_word(enum diag_severity sev, enum diag_lang lang)
{
    switch (sev) {
    case DIAG_SEV_ERROR:
        return diag_phrase(lang, PHRASE_SEVERITY_ERROR);
    case DIAG_SEV_WARNING:
        return diag_phrase(lang, PHRASE_SEVERITY_WARNING);
    case DIAG_SEV_NOTE:
        return diag_phrase(lang, PHRASE_SEVERITY_NOTE);
    }
    return "";
}

static const char *
severity_color(enum diag_severity sev)
{
    switch (sev) {
    case DIAG_SEV_ERROR:
        return C_RED;
    case DIAG_SEV_WARNING:
        return C_MAGENTA;
    case DIAG_SEV_NOTE:
        return C_CYAN;
    }
    return "";
}

static void
spaces(struct writer *out, int n)
{
    for (int i = 0; i < n; i++)
        writer_byte(out, ' ');
}

/* ambiguous: the columns of a character of ambiguous East Asian width (1 or 2). */
static void
render_excerpt(const struct diagnostic *d, struct writer *out, bool color, int ambiguous)
{
    const struct source *src = d->loc.src;
    unsigned line = source_line_number(src, d->loc.start); /* no column: a scan of the line */
    size_t start, end;
    source_line(src, line, &start, &end);
    char gutter[16];
    int gw = snprintf(gutter, sizeof gutter, "%u", line);
    writer_byte(out, ' ');
    writer_str(out, gutter);
    writer_str(out, " | ");
    /* A long line is shown as a window around the position, marked with "…". */
    int cols = 0;
    bool cut_tail = false;
    if (end - start > EXCERPT_MAX_BYTES) {
        size_t from = d->loc.start > start + EXCERPT_BEFORE ? d->loc.start - EXCERPT_BEFORE : start;
        while (from > start && utf8_is_continuation((unsigned char)src->text[from]))
            from--; /* not inside a character */
        size_t to = from + EXCERPT_MAX_BYTES < end ? from + EXCERPT_MAX_BYTES : end;
        while (to < end && utf8_is_continuation((unsigned char)src->text[to]))
            to++;
        if (from > start) {
            writer_str(out, "…");
            cols = 1;
        }
        cut_tail = to < end;
        start = from;
        end = to;
    }
    /* Echo the line (escape.c keeps controls and bidi overrides off the terminal),
       measuring where the caret and the underline go. */
    int caret_col = -1, under_cols = 0;
    size_t i = start;
    size_t mark_end = d->loc.end > d->loc.start ? d->loc.end : d->loc.start + 1;
    while (i < end) {
        size_t len;
        if (i == d->loc.start)
            caret_col = cols;
        int w = escape_echo_char_to(out, src->text + i, end - i, &len);
        if (ambiguous == 2 && w == 1 && len > 1) { /* shown as it is: one column, or two */
            uint32_t cp;
            size_t bad;
            if (utf8_decode((const unsigned char *)src->text + i, end - i, &cp, &bad) > 0 &&
                utf8_is_ambiguous_width(cp))
                w = 2;
        }
        if (i >= d->loc.start && i < mark_end)
            under_cols += w;
        cols += w;
        i += len;
    }
    if (caret_col < 0)
        caret_col = cols; /* the position is the end of the line */
    if (cut_tail)
        writer_str(out, "…");
    writer_byte(out, '\n');
    writer_byte(out, ' ');
    spaces(out, gw);
    writer_str(out, " | ");
    spaces(out, caret_col);
    if (color)
        writer_str(out, C_GREEN);
    writer_byte(out, '^');
    for (int k = 1; k < under_cols; k++)
        writer_byte(out, '~');
    if (color)
        writer_str(out, C_RESET);
    writer_byte(out, '\n');
}

/* at: the last position rendered, so that many messages on one long line
   cost linear time (they come sorted by position). */
static void
render_one(const struct diagnostic *d, struct writer *out, const struct diag_render_options *opt,
           enum diag_lang lang, struct source_cursor *at)
{
    bool color = opt->color;
    if (color)
        writer_str(out, C_BOLD);
    if (d->loc.src != NULL) {
        unsigned line, col;
        source_position_at(at, d->loc.src, d->loc.start, &line, &col);
        escape_path_to(out, d->loc.src->path, strlen(d->loc.src->path));
        writer_byte(out, ':');
        writer_uint(out, line);
        writer_byte(out, ':');
        writer_uint(out, col);
        writer_str(out, ": ");
    } else {
        writer_str(out, "goalc: ");
    }
    if (color) {
        writer_str(out, C_RESET);
        writer_str(out, severity_color(d->severity));
    }
    writer_str(out, severity_word(d->severity, lang));
    if (d->severity != DIAG_SEV_NOTE) {
        writer_byte(out, '[');
        writer_str(out, catalogue[d->id].code);
        writer_byte(out, ']');
    }
    if (color)
        writer_str(out, C_RESET C_BOLD);
    writer_str(out, ": ");
    if (d->loc.src == NULL) /* about a file as a whole: the message names it by its path */
        escape_path_to(out, d->message, strlen(d->message));
    else
        writer_str(out, d->message);
    writer_byte(out, '\n');
    if (color)
        writer_str(out, C_RESET);
    if (d->loc.src != NULL)
        render_excerpt(d, out, color, opt->ambiguous_width);
    for (const struct diagnostic *n = d->notes; n != NULL; n = n->next)
        render_one(n, out, opt, lang, at);
}

/* stderr is unbuffered: the writer gathers the text and hands it over a
   buffer at a time, not with a system call per character of every caret line. */
void
diag_render(const struct diag_sink *sink, FILE *out, const struct diag_render_options *opt)
{
    if (sink->count == 0)
        return;
    struct diagnostic **sorted = diag_sorted(sink);
    /* Out of memory: unsorted rather than lose the messages. */
    struct diagnostic *const *list = sorted != NULL ? sorted : sink->items;
    struct source_cursor at = {0};
    /* The locale is read once, not for every excerpt. */
    struct diag_render_options resolved = *opt;
    if (resolved.ambiguous_width == 0)
        resolved.ambiguous_width = diag_ambiguous_width_from_env();
    char buf[WRITER_BUFFER];
    struct writer w;
    writer_init(&w, out, buf, sizeof buf);
    for (size_t i = 0; i < sink->count; i++)
        render_one(list[i], &w, &resolved, sink->lang, &at);
    writer_flush(&w);
    free(sorted);
    fflush(out);
}

void
diag_tool_error(enum diag_lang lang, enum diag_phrase_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    diag_tool_verror(lang, id, ap);
    va_end(ap);
}

/* "goalc: " HEAD, the phrase with its arguments, escaped: the arguments are paths
   and arguments from the command line, which must not drive the terminal. */
static void
tool_message(enum diag_lang lang, enum diag_phrase_id head, enum diag_phrase_id id, va_list ap)
{
    char small[512];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, diag_phrase(lang, id), ap);
    char *text = small;
    if (n >= (int)sizeof small && (text = malloc((size_t)n + 1)) != NULL)
        vsnprintf(text, (size_t)n + 1, diag_phrase(lang, id), again);
    va_end(again);
    if (text == NULL) { /* out of memory: the message cut short rather than lost */
        text = small;
        n = (int)sizeof small - 1;
    }
    char buf[WRITER_BUFFER];
    struct writer w;
    writer_init(&w, stderr, buf, sizeof buf);
    writer_str(&w, "goalc: ");
    writer_str(&w, diag_phrase(lang, head));
    if (n > 0)
        escape_path_to(&w, text, (size_t)n);
    writer_byte(&w, '\n');
    writer_flush(&w);
    if (text != small)
        free(text);
}

void
diag_tool_verror(enum diag_lang lang, enum diag_phrase_id id, va_list ap)
{
    tool_message(lang, PHRASE_TOOL_ERROR, id, ap);
}

void
diag_tool_warning(enum diag_lang lang, enum diag_phrase_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    tool_message(lang, PHRASE_TOOL_WARNING, id, ap);
    va_end(ap);
}
