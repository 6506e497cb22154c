/*
 * cli.h - what the goalc command's files share: the parsed options, the
 * exit statuses and limits, the helpers every command uses, and one entry
 * point per command (cmd_build.c, cmd_diff.c, cmd_fmt.c, cmd_import.c).
 *
 * Only the goalc executable sees this header: main.c, cli.c and cmd_*.c
 * are not part of libgoalc.a, which the unit tests and the fuzz harness
 * link.
 */
#ifndef GOALC_CLI_H
#define GOALC_CLI_H

#include "base/transcode.h"
#include "diag/diag.h"
#include "diag/diag_format.h"
#include "review/diff_render.h"
#include "driver.h"
#include "emit/emit.h"
#include "front/fmt.h"
#include "cli/output.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifndef GOALC_VERSION
#define GOALC_VERSION "0.1.0"
#endif

enum { EXIT_INPUT_ERRORS = 1, EXIT_TROUBLE = 2, MAX_FORMATS = 8, MAX_GATHERED = 16,
       MAX_DATABASES = 2 /* sqlite, xlsx */ };

enum command { CMD_NONE, CMD_CHECK, CMD_BUILD, CMD_FMT, CMD_DIFF, CMD_GIT_DIFF, CMD_IMPORT };

struct cli_options {
    enum command command;
    enum diag_lang lang;
    bool lang_given; /* --lang was on the command line, not taken from the locale */
    struct diag_policy policy; /* -W switches */
    const char *stdlib_dir;    /* --stdlib DIR */
    enum transcode_encoding encoding; /* --encoding */
    const char **include_roots; /* --include-root DIR, each time given */
    size_t include_root_count;
    bool color;
    const char *output;
    const struct emitter *formats[MAX_FORMATS];
    size_t format_count;
    bool excel; /* --excel: CSV for Excel */
    bool json_no_locations; /* --json-locations none */
    bool json_locations_given; /* --json-locations, which needs json among the formats */
    bool html_canonical_targets; /* --html-targets canonical */
    bool html_targets_given; /* --html-targets, which needs html or pdf among the formats */
    unsigned jobs; /* -j N: inputs compiled at once; 0 means one per core */
    struct fmt_options fmt; /* fmt --keywords */
    bool fmt_write;         /* fmt -w */
    bool fmt_check;         /* fmt --check */
    bool fmt_fill;          /* fmt --fill: compile, and write the computed values */
    enum diag_format diagnostics; /* --diagnostics-format */
    enum diff_format diff_format; /* diff --format */
    int ambiguous_width;          /* --ambiguous-width 1|2; 0: from the locale */
    bool color_given;             /* --color was given: diff colours even off a terminal */
    const char **files;
    size_t file_count;
};

/* A phrase (phrase.def) in the language of the command's messages. */
const char *
cli_tr(const struct cli_options *o, enum diag_phrase_id id);

/* Reports a usage error, the phrase formatted with its arguments, and the
   hint to try --help; returns EXIT_TROUBLE. */
int
cli_usage_error(const struct cli_options *o, enum diag_phrase_id id, ...);

/*
 * A compilation set up as the options say: the -W policy, --stdlib,
 * --encoding and --include-root.  NULL when memory runs out, not reported:
 * a -j worker must leave the message to the main thread.
 */
struct compilation *
cli_compilation_new(const struct cli_options *o);

/* Reports running out of memory, while reading file when it is not NULL. */
void
cli_out_of_memory(const struct cli_options *o, const char *file);

/*
 * path as it is shown on standard output (the git-diff heading, fmt
 * --check, diff's labels): control characters and bidi overrides escaped
 * (escape_path_to; diag.c does the same for messages).  malloc'd, or NULL
 * when out of memory.
 */
char *
cli_path_shown(const char *path);

/* output_open() and output_commit() with their failures, refusals and warnings
   reported in the user's language; a failed commit is aborted. */
bool
cli_output_open(const struct cli_options *o, struct output *out, const char *path,
                enum output_mode mode);
bool
cli_output_commit(const struct cli_options *o, struct output *out);

/*
 * Whether everything written to fp (stdout or stderr) so far reached it;
 * when not, reports it (but not on stderr, which is what failed).  Every
 * command's exit status goes through it (main.c): a lost byte is exit 2.
 */
bool
cli_stream_ok(const struct cli_options *o, FILE *fp);

FILE *
cli_diagnostics_stream(const struct cli_options *o);
void
cli_report(const struct cli_options *o, struct diag_sarif *sarif, const struct compilation *c,
       const struct diag_render_options *render);

/*
 * --format pdf (print.c): the page e writes for c (or html, len bytes of
 * it, rendered by a -j worker) printed by a headless browser and copied
 * to out.  false (reported, shown naming the output) when there is no
 * browser or it fails; then nothing has been written to out.
 */
bool
cli_print_pdf(const struct cli_options *o, const struct emit_options *eo, const char *shown,
              const struct compilation *c, const struct emitter *e, const char *html,
              size_t len, FILE *out);

/* The commands; each returns the exit status. */
int
cli_run_build(const struct cli_options *o); /* check and build */
int
cli_run_diff(const struct cli_options *o);
int
cli_run_git_diff(const struct cli_options *o);
int
cli_run_fmt(const struct cli_options *o);
int
cli_run_import(const struct cli_options *o); /* cmd_import.c */
/* goalc lsp: the language server (cmd_lsp.c); its own arguments. */
int
cli_run_lsp(int argc, char **argv);

#endif
