/*
 * main.c - the goalc command: arguments, usage, and which command runs.
 *
 *   goalc check FILE...
 *   goalc build [--format F[,F]] [-o OUT] [--excel] FILE...
 *   goalc fmt [--keywords zh|en] [--fill] [-w | --check] FILE...
 *   goalc diff OLD NEW, goalc git-diff (git's seven or nine arguments)
 *   goalc import FILE.xlsx|FILE.csv [-o OUT.goal]
 *   goalc help [COMMAND], goalc COMMAND --help
 *
 * A mistyped command gets "did you mean"; a directory among the FILEs of
 * check, build and fmt stands for its .goal files (inputs.c).
 * "--" ends the options: every argument after it is a file, even one
 * named like an option ("-" still means standard input; ./- is a file of
 * that name).  git-diff's arguments are all operands, and its file
 * names are files, "-" included (cmd_diff.c).
 * Exit status: 0 success, 1 the input has errors, 2 usage, I/O or memory
 * problems.  The options are a table, one row per option (its spellings,
 * how it takes a value, the commands it applies to, what it sets); every
 * message comes from diag/phrase.def and everything printed to stderr
 * goes through diag.c.  The
 * commands themselves live in cmd_build.c (check, build), cmd_diff.c
 * (diff, git-diff), cmd_fmt.c (fmt) and cmd_import.c (import); what they share is in cli.h.
 */
#include "cli/cli.h"
#include "base/suggest.h"
#include "base/transcode.h"
#include "cli/inputs.h"
#include "cli/output.h"
#include "diag/diag.h"
#include "diag/diag_format.h"
#include "review/diff_render.h"
#include "emit/emit.h"
#include "platform/platform.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
usage(FILE *out, const struct cli_options *o)
{
    fputs(cli_tr(o, PHRASE_USAGE_HEAD), out);
    emit_list_formats(out, ", ");
    fputs(cli_tr(o, PHRASE_USAGE_OPTIONS), out);
}

/* Each command's help (phrase.def); build's goes on after the list of formats. */
static const enum diag_phrase_id command_helps[] = {
    [CMD_CHECK] = PHRASE_HELP_CHECK, [CMD_BUILD] = PHRASE_HELP_BUILD,
    [CMD_FMT] = PHRASE_HELP_FMT,     [CMD_DIFF] = PHRASE_HELP_DIFF,
    [CMD_GIT_DIFF] = PHRASE_HELP_GIT_DIFF, [CMD_IMPORT] = PHRASE_HELP_IMPORT,
};

/* goalc help COMMAND, goalc COMMAND --help; CMD_NONE: the usage of them all. */
static void
command_help(FILE *out, const struct cli_options *o, enum command command)
{
    if (command == CMD_NONE) {
        usage(out, o);
        return;
    }
    fputs(cli_tr(o, command_helps[command]), out);
    if (command == CMD_BUILD) {
        emit_list_formats(out, ", ");
        fputs(cli_tr(o, PHRASE_HELP_BUILD_OPTIONS), out);
    }
}

static bool
add_formats(struct cli_options *o, const char *list)
{
    const char *p = list;
    while (*p != '\0') {
        size_t n = strcspn(p, ",");
        char name[32];
        if (n == 0 || n >= sizeof name)
            return false;
        memcpy(name, p, n);
        name[n] = '\0';
        const struct emitter *e = emit_find(name);
        if (e == NULL || o->format_count == MAX_FORMATS)
            return false;
        bool seen = false;
        for (size_t i = 0; i < o->format_count; i++)
            seen = seen || o->formats[i] == e;
        if (!seen)
            o->formats[o->format_count++] = e;
        p += n;
        if (*p == ',')
            p++;
    }
    return true;
}

/* --- the options ------------------------------------------------------------ */

/*
 * How an option's spellings are written.  A long spelling ("--lang") may
 * carry its value as --lang=VALUE; a short one ("-o") takes it from the
 * next argument, or attached ("-j4") where the syntax says so.
 */
enum option_syntax {
    OPTION_FLAG,      /* exactly as spelt */
    OPTION_LONG_FLAG, /* as spelt, or --name=... with what follows ignored */
    OPTION_VALUE,     /* --name=VALUE, --name VALUE, -n VALUE */
    OPTION_JOINED,    /* as OPTION_VALUE, and -nVALUE */
    OPTION_PREFIX,    /* -nVALUE: the rest of the argument, possibly empty */
};

/*
 * What a handler returns: OPTION_GO_ON, an exit status, or OPTION_BAD_VALUE
 * for a value missing or not accepted, which parse_args reports with the
 * row's bad_value phrase (it takes the value).
 */
enum { OPTION_GO_ON = -1, OPTION_BAD_VALUE = -2 };

struct option {
    const char *spellings[3]; /* NULL after the last */
    enum option_syntax syntax;
    unsigned commands; /* ONLY(command) bits: the row applies after these; 0 after any */
    /* Sets what the option means; arg is the argument as given, value its
       value (NULL when missing).  NULL for a flag that sets a bool. */
    int (*set)(struct cli_options *o, const char *arg, const char *value);
    enum diag_phrase_id bad_value; /* when set returns OPTION_BAD_VALUE */
    size_t sets;                   /* without set: offsetof the bool made true */
};

#define ONLY(command) (1u << (command))

static bool
zh_or_en(const char *v)
{
    return v != NULL && (strcmp(v, "zh") == 0 || strcmp(v, "en") == 0);
}

/* --help: the command's help after a command, else the usage of them all. */
static int
set_help(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg, (void)value;
    command_help(stdout, o, o->command);
    return 0;
}

static int
set_version(struct cli_options *o, const char *arg, const char *value)
{
    (void)o, (void)arg, (void)value;
    printf("goalc %s\n", GOALC_VERSION);
    return 0;
}

/* Only checked here: parse_args has taken the language before the other options. */
static int
set_lang(struct cli_options *o, const char *arg, const char *value)
{
    (void)o, (void)arg;
    return zh_or_en(value) ? OPTION_GO_ON : OPTION_BAD_VALUE;
}

static int
set_color(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    o->color_given = true;
    if (value != NULL && strcmp(value, "always") == 0)
        o->color = true;
    else if (value != NULL && strcmp(value, "never") == 0)
        o->color = false;
    else if (value == NULL || strcmp(value, "auto") != 0)
        return OPTION_BAD_VALUE;
    return OPTION_GO_ON;
}

static int
set_ambiguous_width(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    if (value == NULL || (strcmp(value, "1") != 0 && strcmp(value, "2") != 0))
        return OPTION_BAD_VALUE;
    o->ambiguous_width = value[0] - '0';
    return OPTION_GO_ON;
}

static int
set_keywords(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    if (!zh_or_en(value))
        return OPTION_BAD_VALUE;
    o->fmt.keywords = strcmp(value, "en") == 0 ? FMT_KEYWORDS_EN : FMT_KEYWORDS_ZH;
    return OPTION_GO_ON;
}

static int
set_no_warnings(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg, (void)value;
    for (int w = 0; w < DIAG_COUNT; w++)
        o->policy.state[w] = DIAG_WARN_OFF;
    return OPTION_GO_ON;
}

static int
set_warning(struct cli_options *o, const char *arg, const char *value)
{
    return diag_policy_set(&o->policy, value) ? OPTION_GO_ON
                                               : cli_usage_error(o, PHRASE_UNKNOWN_WARNING_OPTION, arg);
}

static int
set_stdlib(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    if (value == NULL || value[0] == '\0')
        return cli_usage_error(o, PHRASE_NEEDS_DIRECTORY, "--stdlib");
    o->stdlib_dir = value;
    return OPTION_GO_ON;
}

static int
set_encoding(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    return value != NULL && transcode_encoding_from_name(value, &o->encoding) ? OPTION_GO_ON
                                                                               : OPTION_BAD_VALUE;
}

static int
set_include_root(struct cli_options *o, const char *arg, const char *value)
{
    if (value == NULL || value[0] == '\0')
        return cli_usage_error(o, PHRASE_NEEDS_DIRECTORY, arg);
    o->include_roots[o->include_root_count++] = value;
    return OPTION_GO_ON;
}

static int
set_diagnostics_format(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    return value != NULL && diag_format_from_name(value, &o->diagnostics) ? OPTION_GO_ON
                                                                           : OPTION_BAD_VALUE;
}

static int
set_diff_format(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    return value != NULL && diff_format_from_name(value, &o->diff_format) ? OPTION_GO_ON
                                                                           : OPTION_BAD_VALUE;
}

static int
set_formats(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    return value != NULL && add_formats(o, value) ? OPTION_GO_ON : OPTION_BAD_VALUE;
}

static int
set_jobs(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    char *end = NULL;
    unsigned long n = value != NULL ? strtoul(value, &end, 10) : 0;
    if (value == NULL || end == value || *end != '\0' || n < 1 || n > 1024)
        return OPTION_BAD_VALUE;
    o->jobs = (unsigned)n;
    return OPTION_GO_ON;
}

static int
set_output(struct cli_options *o, const char *arg, const char *value)
{
    if (value == NULL || value[0] == '\0')
        return cli_usage_error(o, PHRASE_NEEDS_FILE_OR_DIRECTORY, arg);
    o->output = value;
    return OPTION_GO_ON;
}

/* An option of two values (all|none): *second says which; false for any other value. */
static bool
one_of_two(const char *value, const char *first, const char *second, bool *is_second)
{
    if (value == NULL || (strcmp(value, first) != 0 && strcmp(value, second) != 0))
        return false;
    *is_second = strcmp(value, second) == 0;
    return true;
}

static int
set_json_locations(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    if (!one_of_two(value, "all", "none", &o->json_no_locations))
        return OPTION_BAD_VALUE;
    o->json_locations_given = true;
    return OPTION_GO_ON;
}

static int
set_html_targets(struct cli_options *o, const char *arg, const char *value)
{
    (void)arg;
    if (!one_of_two(value, "filed", "canonical", &o->html_canonical_targets))
        return OPTION_BAD_VALUE;
    o->html_targets_given = true;
    return OPTION_GO_ON;
}

/*
 * Every option, one row each; the first row that has the argument's
 * spelling and applies after the command given so far wins (fmt's -w
 * before everyone's -w; an option before the command is everyone's).
 */
static const struct option options[] = {
    {{"--help", "-h"}, OPTION_LONG_FLAG, 0, .set = set_help},
    {{"--version", "-V"}, OPTION_LONG_FLAG, 0, .set = set_version},
    {{"--lang"}, OPTION_VALUE, 0, .set = set_lang, .bad_value = PHRASE_LANG_VALUE},
    {{"--color", "--colour"}, OPTION_VALUE, 0, .set = set_color, .bad_value = PHRASE_COLOR_VALUE},
    {{"-w", "--write"}, OPTION_FLAG, ONLY(CMD_FMT), .sets = offsetof(struct cli_options, fmt_write)},
    {{"--check"}, OPTION_FLAG, ONLY(CMD_FMT), .sets = offsetof(struct cli_options, fmt_check)},
    {{"--fill"}, OPTION_FLAG, ONLY(CMD_FMT), .sets = offsetof(struct cli_options, fmt_fill)},
    {{"--keywords"}, OPTION_VALUE, ONLY(CMD_FMT), .set = set_keywords,
     .bad_value = PHRASE_KEYWORDS_VALUE},
    {{"-w"}, OPTION_FLAG, 0, .set = set_no_warnings},
    {{"-W"}, OPTION_PREFIX, 0, .set = set_warning},
    {{"--stdlib"}, OPTION_VALUE, 0, .set = set_stdlib},
    {{"--encoding"}, OPTION_VALUE, 0, .set = set_encoding, .bad_value = PHRASE_ENCODING_VALUE},
    {{"--include-root"}, OPTION_VALUE, 0, .set = set_include_root},
    {{"--diagnostics-format"}, OPTION_VALUE, 0, .set = set_diagnostics_format,
     .bad_value = PHRASE_DIAGNOSTICS_FORMAT_VALUE},
    {{"--format", "-f"}, OPTION_VALUE, ONLY(CMD_DIFF), .set = set_diff_format,
     .bad_value = PHRASE_DIFF_FORMAT_VALUE},
    {{"--format", "-f"}, OPTION_VALUE, 0, .set = set_formats,
     .bad_value = PHRASE_UNKNOWN_OUTPUT_FORMAT},
    {{"-j", "--jobs"}, OPTION_JOINED, 0, .set = set_jobs, .bad_value = PHRASE_JOBS_VALUE},
    {{"--excel"}, OPTION_FLAG, 0, .sets = offsetof(struct cli_options, excel)},
    {{"--output", "-o"}, OPTION_VALUE, 0, .set = set_output},
    {{"--json-locations"}, OPTION_VALUE, ONLY(CMD_BUILD), .set = set_json_locations,
     .bad_value = PHRASE_JSON_LOCATIONS_VALUE},
    {{"--ambiguous-width"}, OPTION_VALUE, 0, .set = set_ambiguous_width,
     .bad_value = PHRASE_AMBIGUOUS_WIDTH_VALUE},
    {{"--html-targets"}, OPTION_VALUE, ONLY(CMD_BUILD), .set = set_html_targets,
     .bad_value = PHRASE_HTML_TARGETS_VALUE},
};

/* Whether arg is spelling s written in syntax; *attached: the value arg
   carries itself ("--lang=zh", "-j4", "-Wno-x"), or NULL. */
static bool
spelling_matches(const char *arg, const char *s, enum option_syntax syntax, const char **attached)
{
    size_t n = strlen(s);
    bool is_long = s[1] == '-';
    *attached = NULL;
    if (strncmp(arg, s, n) != 0)
        return false;
    switch (syntax) {
    case OPTION_FLAG:
        return arg[n] == '\0';
    case OPTION_PREFIX:
        *attached = arg + n;
        return true;
    case OPTION_LONG_FLAG:
    case OPTION_VALUE:
    case OPTION_JOINED:
        if (arg[n] == '\0')
            return true;
        if (is_long ? arg[n] == '=' : syntax == OPTION_JOINED) {
            *attached = arg + n + is_long;
            return true;
        }
        return false;
    }
    return false;
}

/* The row for arg after command, or NULL; *attached as for spelling_matches. */
static const struct option *
option_find(const char *arg, enum command command, const char **attached)
{
    for (size_t r = 0; r < sizeof options / sizeof options[0]; r++) {
        const struct option *opt = &options[r];
        if (opt->commands != 0 && (opt->commands & ONLY(command)) == 0)
            continue;
        for (size_t s = 0; s < 3 && opt->spellings[s] != NULL; s++)
            if (spelling_matches(arg, opt->spellings[s], opt->syntax, attached))
                return opt;
    }
    return NULL;
}

/* The option's value: attached, or the next argument for the syntaxes that take one. */
static const char *
option_value(const struct option *opt, const char *attached, int argc, char **argv, int *i)
{
    if (attached != NULL || (opt->syntax != OPTION_VALUE && opt->syntax != OPTION_JOINED))
        return attached;
    return *i + 1 < argc ? argv[++*i] : NULL;
}

static const struct {
    const char *name;
    enum command command;
} commands[] = {
    {"check", CMD_CHECK}, {"build", CMD_BUILD}, {"fmt", CMD_FMT},
    {"diff", CMD_DIFF},   {"git-diff", CMD_GIT_DIFF}, {"import", CMD_IMPORT},
};

/* The command called name, or CMD_NONE. */
static enum command
command_named(const char *name)
{
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        if (strcmp(name, commands[c].name) == 0)
            return commands[c].command;
    return CMD_NONE;
}

/* "unknown command", with the closest command's name when there is one. */
static int
unknown_command(const struct cli_options *o, const char *name)
{
    const char *names[sizeof commands / sizeof commands[0] + 2];
    size_t n = 0;
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        names[n++] = commands[c].name;
    names[n++] = "help";
    names[n++] = "lsp";
    const char *near = suggest_closest(name, names, n);
    if (near != NULL)
        return cli_usage_error(o, PHRASE_UNKNOWN_COMMAND_DID_YOU_MEAN, name, near);
    return cli_usage_error(o, PHRASE_UNKNOWN_COMMAND, name);
}

/* Returns -1 to go on, or an exit status. */
static int
parse_args(int argc, char **argv, struct cli_options *o)
{
    o->lang = diag_lang_from_env();
    const char *no_color = getenv("NO_COLOR");
    o->color = platform_isatty(2) && (no_color == NULL || no_color[0] == '\0');
    /* --lang first, so every later message is in the right language (not among
       git-diff's operands, which are git's). */
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0 && strcmp(argv[i], "git-diff") != 0;
         i++) {
        const char *attached;
        const struct option *opt = option_find(argv[i], CMD_NONE, &attached);
        int j = i;
        const char *v = opt != NULL && opt->set == set_lang
                            ? option_value(opt, attached, argc, argv, &j)
                            : NULL;
        if (zh_or_en(v)) {
            o->lang = strcmp(v, "zh") == 0 ? DIAG_LANG_ZH : DIAG_LANG_EN;
            o->lang_given = true;
        }
    }
    o->files = calloc((size_t)argc, sizeof *o->files);
    o->include_roots = calloc((size_t)argc, sizeof *o->include_roots);
    if (o->files == NULL || o->include_roots == NULL) {
        cli_out_of_memory(o, NULL);
        return EXIT_TROUBLE;
    }
    bool only_files = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            if (o->command != CMD_NONE) {
                o->files[o->file_count++] = a;
                continue;
            }
            if (strcmp(a, "help") == 0) { /* goalc help [COMMAND] */
                if (i + 1 < argc && strcmp(argv[i + 1], "lsp") == 0) { /* not a CMD_: cmd_lsp.c */
                    fputs(cli_tr(o, PHRASE_HELP_LSP), stdout);
                    return 0;
                }
                enum command about = i + 1 < argc ? command_named(argv[i + 1]) : CMD_NONE;
                if (i + 1 < argc && about == CMD_NONE)
                    return unknown_command(o, argv[i + 1]);
                command_help(stdout, o, about);
                return 0;
            }
            o->command = command_named(a);
            if (o->command == CMD_NONE)
                return unknown_command(o, a);
            if (o->command == CMD_GIT_DIFF)
                only_files = true; /* git's arguments, whatever they look like */
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = true;
            continue;
        }
        const char *attached;
        const struct option *opt = option_find(a, o->command, &attached);
        if (opt == NULL)
            return cli_usage_error(o, PHRASE_UNKNOWN_OPTION, a);
        if (opt->set == NULL) {
            *(bool *)((char *)o + opt->sets) = true;
            continue;
        }
        const char *v = option_value(opt, attached, argc, argv, &i);
        int status = opt->set(o, a, v);
        if (status == OPTION_BAD_VALUE)
            return cli_usage_error(o, opt->bad_value, v != NULL ? v : "");
        if (status != OPTION_GO_ON)
            return status;
    }
    if (o->command == CMD_NONE) {
        usage(stderr, o);
        return EXIT_TROUBLE;
    }
    if (o->file_count == 0)
        return cli_usage_error(o, PHRASE_NO_INPUT_FILES);
    if (o->command == CMD_FMT && (o->output != NULL || o->format_count > 0 || o->excel))
        return cli_usage_error(o, PHRASE_FMT_WRITES_FILES);
    if (o->command == CMD_FMT && o->fmt_write && o->fmt_check)
        return cli_usage_error(o, PHRASE_FMT_WRITE_OR_CHECK);
    if (o->command == CMD_CHECK && (o->output != NULL || o->format_count > 0))
        return cli_usage_error(o, PHRASE_CHECK_WRITES_NO_OUTPUT, o->output ? "--output" : "--format");
    if (o->command == CMD_GIT_DIFF && o->file_count != 7 && o->file_count != 9)
        return cli_usage_error(o, PHRASE_GIT_DIFF_ARGUMENTS);
    if (o->command == CMD_DIFF && (o->file_count != 2 || o->output != NULL))
        return cli_usage_error(o, PHRASE_DIFF_TWO_FILES);
    if (o->command == CMD_IMPORT && (o->format_count > 0 || o->excel))
        return cli_usage_error(o, PHRASE_IMPORT_WRITES_GOAL);
    if (o->command == CMD_BUILD && o->format_count == 0)
        add_formats(o, "json");
    bool csv = false;
    for (size_t i = 0; i < o->format_count; i++)
        csv = csv || o->formats[i] == emit_find("csv");
    if (o->excel && !csv)
        return cli_usage_error(o, PHRASE_EXCEL_CSV_ONLY);
    bool json = false;
    for (size_t i = 0; i < o->format_count; i++)
        json = json || o->formats[i] == emit_find("json");
    if (o->json_locations_given && !json)
        return cli_usage_error(o, PHRASE_JSON_LOCATIONS_JSON_ONLY);
    bool html = false;
    for (size_t i = 0; i < o->format_count; i++)
        html = html || o->formats[i] == emit_find("html") || o->formats[i] == emit_find("pdf");
    if (o->html_targets_given && !html)
        return cli_usage_error(o, PHRASE_HTML_TARGETS_HTML_ONLY);
    return -1;
}

/* check, build and fmt read the .goal files of a directory operand (inputs.c). */
static int
expand_directories(struct cli_options *o, struct inputs *in)
{
    if (o->command != CMD_CHECK && o->command != CMD_BUILD && o->command != CMD_FMT)
        return -1;
    bool oom;
    if (inputs_expand(in, &o->files, &o->file_count, o->lang, &oom))
        return -1;
    if (oom)
        cli_out_of_memory(o, NULL);
    return EXIT_TROUBLE;
}

int
main(int argc, char **argv)
{
    platform_init(&argc, &argv); /* Windows: the UTF-8 command line, binary streams */
    output_guard_standard_streams();
    /* goalc [--lang L] lsp …: a server with arguments of its own (cmd_lsp.c). */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0) {
            i++;
            continue;
        }
        if (argv[i][0] != '-') {
            if (strcmp(argv[i], "lsp") == 0)
                return cli_run_lsp(argc, argv);
            break;
        }
    }
    struct cli_options o = {0};
    struct inputs in = {0};
    int status = parse_args(argc, argv, &o);
    const char **operands = o.files;
    if (status < 0)
        status = expand_directories(&o, &in);
    if (status < 0)
        status = o.command == CMD_FMT        ? cli_run_fmt(&o)
                 : o.command == CMD_IMPORT   ? cli_run_import(&o)
                 : o.command == CMD_DIFF     ? cli_run_diff(&o)
                 : o.command == CMD_GIT_DIFF ? cli_run_git_diff(&o)
                                             : cli_run_build(&o);
    inputs_free(&in);
    free(operands);
    free(o.include_roots);
    /* Whatever the command said, a byte that did not reach its stream is trouble. */
    bool out_ok = cli_stream_ok(&o, stdout);
    if (!cli_stream_ok(&o, stderr) || !out_ok)
        status = EXIT_TROUBLE;
    return status;
}
