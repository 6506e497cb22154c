/*
 * diag.h - the one place that collects and renders diagnostics.
 *
 * A diag_sink belongs to a compilation.  Passes report by catalogue id
 * (diag.def) with a source range; the sink formats the message in the
 * selected language at report time and keeps it in the arena.  Rendering
 * sorts by position so output is in source order whatever order the
 * passes ran in.
 */
#ifndef GOALC_DIAG_H
#define GOALC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diag/diag_phrase.h"

struct arena;
struct source;

enum diag_id {
#define DIAG(code, id, name, sev, en, zh) DIAG_##id,
#include "diag/diag.def"
#undef DIAG
    DIAG_COUNT
};

enum diag_severity { DIAG_SEV_ERROR, DIAG_SEV_WARNING, DIAG_SEV_NOTE };

/* A byte range in one source; src == NULL for diagnostics without a place. */
struct diag_loc {
    const struct source *src;
    uint32_t start, end;
};

struct diagnostic {
    enum diag_id id;
    enum diag_severity severity;
    struct diag_loc loc;
    const char *message;
    struct diagnostic *notes; /* chained through next */
    struct diagnostic *next;
    size_t seq; /* report order, the tie-breaker when sorting */
};

/*
 * Which warnings are shown, as set by -Wname, -Wno-name, -Werror[=name]
 * and -w.  One policy may serve many sinks; it is only read while
 * compiling.  A sink without a policy shows every warning as a warning.
 */
enum diag_warning_state { DIAG_WARN_ON, DIAG_WARN_OFF, DIAG_WARN_ERROR };
struct diag_policy {
    unsigned char state[DIAG_COUNT]; /* enum diag_warning_state, for warnings only */
    bool all_errors;                 /* -Werror */
};

/* Applies one switch: "name", "no-name", "error", "error=name", "all"; false if unknown. */
bool
diag_policy_set(struct diag_policy *policy, const char *option);
/* The id of the warning called name, or DIAG_COUNT. */
enum diag_id
diag_warning_named(const char *name);

/*
 * Errors kept per file.  Past the limit an error of that file is counted
 * (in errors, so the exit status stays 1) but neither formatted nor
 * stored, and one E0111 at the first of them says how many were left
 * out: memory and output stay bounded however many errors a file has.
 * The errors kept are the first reported (the parser's, then each pass's
 * in the driver's order); the E0111 is rendered after every other
 * diagnostic of its file, as its last line.
 */
#define DIAG_MAX_ERRORS_PER_FILE 20

struct diag_file_errors {
    size_t kept, dropped;
    struct diagnostic *closing; /* the E0111, once one is dropped */
    char *closing_text;         /* its message, rewritten with the count */
    size_t closing_size;
};

struct diag_sink {
    struct arena *arena;
    const struct diag_policy *policy; /* NULL: the defaults */
    enum diag_lang lang;
    struct diagnostic **items;
    size_t count, cap;
    size_t errors, warnings;
    size_t promoted; /* of the errors, warnings that -Werror made errors */
    struct diag_file_errors *files; /* indexed by source id */
    size_t file_cap;
    /* Errors kept per file; 0: DIAG_MAX_ERRORS_PER_FILE.  goalc import's
       trial compilations keep every one, to tell which table has them. */
    size_t max_errors_per_file;
    struct diagnostic discarded; /* what diag_report returns for one not kept */
};

void
diag_sink_init(struct diag_sink *sink, struct arena *arena, enum diag_lang lang);

/* Reports a diagnostic; returns it so notes can be attached (notes on one
   that is not kept, a warning turned off or an error past the limit, are
   dropped with it). */
struct diagnostic *
diag_report(struct diag_sink *sink, enum diag_id id, struct diag_loc loc, ...);
struct diagnostic *
diag_vreport(struct diag_sink *sink, enum diag_id id, struct diag_loc loc, va_list ap);
void
diag_add_note(struct diag_sink *sink, struct diagnostic *d, enum diag_id id, struct diag_loc loc,
              ...);

/* Whether errors of src were left out for the limit (the parser then stops reading it). */
bool
diag_file_full(const struct diag_sink *sink, const struct source *src);

const char *
diag_code(enum diag_id id);
const char *
diag_name(enum diag_id id);
/* The catalogue's message format of one language. */
const char *
diag_text_of(enum diag_id id, enum diag_lang lang);

/* Language from --lang, else LC_ALL, LC_MESSAGES, LANG (zh* → Chinese). */
enum diag_lang
diag_lang_from_env(void);
/* 2 when the character locale (LC_ALL, LC_CTYPE, LANG) is Chinese, Japanese
   or Korean (zh_*, ja_*, ko_*), whose terminals draw “ ≥ · two columns wide;
   else 1. */
int
diag_ambiguous_width_from_env(void);

struct diag_render_options {
    bool color;
    /* Columns of a character of ambiguous East Asian width (“ ≥ ·) under
       the caret: 1 or 2; 0: from the locale (diag_ambiguous_width_from_env). */
    int ambiguous_width;
};

/* The diagnostics in the order diag_render writes them (source load order,
   offset, report order): a malloc'd array of sink->count the caller frees;
   NULL when there are none or memory ran out. */
struct diagnostic **
diag_sorted(const struct diag_sink *sink);

/* Writes every diagnostic, sorted by position, GNU style with source excerpts. */
void
diag_render(const struct diag_sink *sink, FILE *out, const struct diag_render_options *opt);

/* Messages of the command itself (usage, output files): "goalc: error: ...",
   the phrase (phrase.def) formatted with the arguments it takes. */
void
diag_tool_error(enum diag_lang lang, enum diag_phrase_id id, ...);
void
diag_tool_verror(enum diag_lang lang, enum diag_phrase_id id, va_list ap);
/* The same as a warning: "goalc: warning: ...". */
void
diag_tool_warning(enum diag_lang lang, enum diag_phrase_id id, ...);

#endif
