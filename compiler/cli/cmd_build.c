/*
 * cmd_build.c - goalc check and goalc build: compiling every input,
 * reporting its diagnostics, and for build writing each format to its
 * output path (output.c makes each file atomic) and the gathering formats'
 * rows (csv) into files of fixed names, and each database (sqlite, the
 * xlsx workbook) of every input into one file, that replace the old ones only when every input
 * compiled.  With -j, inputs are compiled and rendered by
 * worker threads (jobs.c); everything is printed and written on the main
 * thread, in input order, so the output is the same as with -j 1.
 */
#include "cli/cli.h"
#include "diag/diag.h"
#include "diag/diag_format.h"
#include "driver.h"
#include "emit/emit.h"
#include "cli/jobs.h"
#include "platform/platform.h"
#include "cli/output.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Whether a requested format gathers every input into files of fixed names (csv, sqlite). */
static bool
gathers(const struct cli_options *o)
{
    for (size_t i = 0; i < o->format_count; i++)
        if (o->formats[i]->files != NULL || o->formats[i]->database != NULL)
            return true;
    return false;
}

/* The database formats requested (sqlite, xlsx), in the order given; their number. */
static size_t
database_formats(const struct cli_options *o, const struct emit_database_ops **ops)
{
    size_t n = 0;
    for (size_t i = 0; i < o->format_count; i++)
        if (o->formats[i]->database != NULL && n < MAX_DATABASES)
            ops[n++] = o->formats[i]->database;
    return n;
}

/*
 * Whether -o names the database file itself: sqlite (or xlsx) is the only
 * format and OUT neither ends in "/" nor is an existing directory
 * (-o tables.db, -o tables.xlsx, with any number of inputs).  Otherwise
 * the database is OUT/tables.db (OUT/tables.xlsx).
 */
static bool
database_is_output(const struct cli_options *o)
{
    if (o->format_count != 1 || o->formats[0]->database == NULL || o->output == NULL)
        return false;
    size_t n = strlen(o->output);
    struct platform_stat st;
    return !platform_is_separator(o->output[n - 1]) && !(platform_stat(o->output, &st) == 0 && st.kind == PLATFORM_DIRECTORY);
}

/* The base name of an input without its directory and .goal extension. */
static char *
output_stem(const char *input)
{
    if (strcmp(input, "-") == 0)
        input = "stdin";
    const char *slash = platform_last_separator(input);
    const char *base = slash ? slash + 1 : input;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".goal") == 0)
        n -= 5;
    char *stem = malloc(n + 1);
    if (stem != NULL) {
        memcpy(stem, base, n);
        stem[n] = '\0';
    }
    return stem;
}

/*
 * csv writes two files of fixed names, so -o must be a directory: one that
 * exists, or a name ending in "/", or a new name; but an existing file is
 * refused, and so is a new name ending in ".csv", which asks for one file
 * (-o x.csv/ makes a directory of that name).  sqlite alone writes the
 * file -o names; with other formats it writes OUT/tables.db, and then a
 * new name ending in .db, .sqlite or .sqlite3 is refused the same way.
 * false (reported) when refused.
 */
static bool
gathered_output_ok(const struct cli_options *o)
{
    if (database_is_output(o))
        return true;
    size_t n = strlen(o->output);
    if (platform_is_separator(o->output[n - 1]))
        return true;
    bool csv = false;
    for (size_t i = 0; i < o->format_count; i++)
        csv = csv || o->formats[i]->files != NULL;
    struct platform_stat st;
    if (platform_stat(o->output, &st) == 0) {
        if (st.kind == PLATFORM_DIRECTORY)
            return true;
        const struct emit_database_ops *db[MAX_DATABASES];
        database_formats(o, db); /* not csv: there is one */
        cli_usage_error(o, csv ? PHRASE_CSV_OUTPUT_IS_FILE : db[0]->is_file, o->output,
                        o->output);
        return false;
    }
    if (csv && n > 4 && strcasecmp(o->output + n - 4, ".csv") == 0) {
        cli_usage_error(o, PHRASE_CSV_OUTPUT_NAMES_CSV, o->output, o->output);
        return false;
    }
    /* With other formats, -o x.db (x.xlsx) asks for the database alone. */
    const struct emit_database_ops *ops[MAX_DATABASES];
    size_t count = database_formats(o, ops);
    for (size_t f = 0; !csv && f < count; f++)
        for (const char *const *x = ops[f]->suffixes; *x != NULL; x++) {
            size_t k = strlen(*x);
            if (n > k && strcasecmp(o->output + n - k, *x) == 0) {
                cli_usage_error(o, ops[f]->names_file, o->output, o->output);
                return false;
            }
        }
    return true;
}

static bool
output_is_directory(const struct cli_options *o)
{
    if (o->output == NULL || strcmp(o->output, "-") == 0)
        return false;
    size_t n = strlen(o->output);
    struct platform_stat st;
    if (database_is_output(o))
        return false;
    return platform_is_separator(o->output[n - 1]) || o->file_count > 1 || o->format_count > 1 || gathers(o) ||
           (platform_stat(o->output, &st) == 0 && st.kind == PLATFORM_DIRECTORY);
}

/* OUT/NAME[.EXTENSION], or NULL (reported) when out of memory. */
static char *
output_path(const struct cli_options *o, const char *name, const char *extension)
{
    size_t n = strlen(o->output);
    const char *sep = platform_is_separator(o->output[n - 1]) ? "" : "/";
    size_t len = n + strlen(sep) + strlen(name) + (extension ? strlen(extension) + 1 : 0) + 1;
    char *path = malloc(len);
    if (path == NULL) {
        cli_out_of_memory(o, NULL);
        return NULL;
    }
    int at = snprintf(path, len, "%s%s%s", o->output, sep, name);
    if (extension != NULL)
        snprintf(path + at, len - (size_t)at, ".%s", extension);
    return path;
}

/* Where the database goes: -o's path, or OUT/tables.db; NULL (reported) when out of memory. */
static char *
database_path(const struct cli_options *o, const struct emit_database_ops *db)
{
    if (!database_is_output(o))
        return output_path(o, db->name, NULL);
    char *copy = malloc(strlen(o->output) + 1);
    if (copy == NULL)
        cli_out_of_memory(o, NULL);
    else
        strcpy(copy, o->output);
    return copy;
}

/* Where format e of input goes: OUT/STEM.EXTENSION when to_dir, else -o's path or
   "-"; malloc'd, NULL (reported) when out of memory. */
static char *
format_output_path(const struct cli_options *o, const char *input, const struct emitter *e,
                   bool to_dir)
{
    if (!to_dir) {
        const char *target = o->output != NULL ? o->output : "-";
        char *copy = malloc(strlen(target) + 1);
        if (copy == NULL)
            cli_out_of_memory(o, NULL);
        else
            strcpy(copy, target);
        return copy;
    }
    char *stem = output_stem(input);
    if (stem == NULL) {
        cli_out_of_memory(o, NULL);
        return NULL;
    }
    char *path = output_path(o, stem, e->extension);
    free(stem);
    return path;
}

/* Writes one format of one compiled input; returns false on I/O failure. */
static bool
write_output(const struct cli_options *o, const struct emit_options *eo,
             const struct compilation *c, const char *input, const struct emitter *e, bool to_dir,
             const char *text, size_t len)
{
    char *path = format_output_path(o, input, e, to_dir);
    if (path == NULL)
        return false;
    struct output out;
    bool ok = cli_output_open(o, &out, path, OUTPUT_CREATE);
    if (ok && e->printed) {
        ok = cli_print_pdf(o, eo, path, c, e, text, len, out.fp);
        if (!ok)
            output_abort(&out);
    } else if (ok) {
        if (text != NULL) /* written already, by a -j worker */
            fwrite(text, 1, len, out.fp);
        else
            e->emit(c, out.fp, eo);
    }
    if (ok)
        ok = cli_output_commit(o, &out);
    free(path);
    return ok;
}

/*
 * Before anything is written: no two outputs are one file, and no output
 * is an input, whatever the paths look like (./x, x, a link to x; a file
 * not there yet by its directory's real path).  false (reported) when
 * they are, or memory runs out.  Standard output and devices are left
 * out: writing several things to them is appending, not overwriting.
 */
struct planned {
    char *path;
    const char *input; /* the input it is written for; NULL: every input */
    struct output_id id;
};

static bool
outputs_distinct(const struct cli_options *o, bool to_dir)
{
    size_t per_input = 0, gathered = 0;
    for (size_t f = 0; f < o->format_count; f++) {
        per_input += o->formats[f]->emit != NULL;
        gathered += o->formats[f]->file_count;
    }
    const struct emit_database_ops *ops[MAX_DATABASES];
    size_t databases = database_formats(o, ops);
    gathered += databases;
    size_t cap = o->file_count * per_input + gathered, n = 0;
    struct planned *p = calloc(cap > 0 ? cap : 1, sizeof *p);
    struct output_id *inputs = calloc(o->file_count, sizeof *inputs);
    bool ok = p != NULL && inputs != NULL, memory = ok;
    for (size_t i = 0; ok && i < o->file_count; i++)
        for (size_t f = 0; ok && f < o->format_count; f++)
            if (o->formats[f]->emit != NULL) {
                p[n].input = o->files[i];
                ok = (p[n].path = format_output_path(o, o->files[i], o->formats[f], to_dir)) != NULL;
                n += ok;
            }
    for (size_t f = 0; ok && f < o->format_count; f++)
        for (size_t k = 0; ok && k < o->formats[f]->file_count; k++) {
            ok = (p[n].path = output_path(o, o->formats[f]->files[k].name, NULL)) != NULL;
            n += ok;
        }
    for (size_t f = 0; ok && f < databases; f++) {
        ok = (p[n].path = database_path(o, ops[f])) != NULL;
        n += ok;
    }
    memory = ok;
    for (size_t i = 0; ok && i < n; i++)
        ok = memory = strcmp(p[i].path, "-") == 0 || output_id_get(&p[i].id, p[i].path);
    for (size_t i = 0; ok && i < o->file_count; i++)
        ok = memory = strcmp(o->files[i], "-") == 0 || output_id_get(&inputs[i], o->files[i]);
    for (size_t i = 0; ok && i < n; i++) {
        if (strcmp(p[i].path, "-") == 0 || (p[i].id.exists && !p[i].id.regular))
            continue;
        for (size_t j = 0; ok && j < i; j++)
            if (strcmp(p[j].path, "-") != 0 && output_id_same(&p[i].id, &p[j].id)) {
                const char *every = cli_tr(o, PHRASE_EVERY_INPUT);
                diag_tool_error(o->lang, PHRASE_OUTPUTS_SAME_FILE, p[j].path,
                                p[j].input ? p[j].input : every, p[i].path,
                                p[i].input ? p[i].input : every);
                ok = false;
            }
        for (size_t k = 0; ok && k < o->file_count; k++)
            if (strcmp(o->files[k], "-") != 0 && inputs[k].exists &&
                output_id_same(&p[i].id, &inputs[k])) {
                diag_tool_error(o->lang, PHRASE_OUTPUT_IS_INPUT, p[i].path, o->files[k]);
                ok = false;
            }
    }
    if (!memory)
        cli_out_of_memory(o, NULL);
    for (size_t i = 0; p != NULL && i < n; i++) {
        free(p[i].path);
        output_id_free(&p[i].id);
    }
    for (size_t i = 0; inputs != NULL && i < o->file_count; i++)
        output_id_free(&inputs[i]);
    free(p);
    free(inputs);
    return ok;
}

/*
 * The files of the gathering formats are open from before the first input
 * to after the last, each input adding its rows; they replace the old files
 * only when every input compiled.
 */
struct gathered {
    const struct emit_file *file;
    char *path;
    struct output out;
};

static void
gather_abort(struct gathered *g, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        output_abort(&g[i].out);
        free(g[i].path);
    }
}

/* Opens the files and writes their headers; false (reported) on failure. */
static bool
gather_open(const struct cli_options *o, const struct emit_options *eo, struct gathered *g,
            size_t *count)
{
    *count = 0;
    for (size_t f = 0; f < o->format_count; f++) {
        const struct emitter *e = o->formats[f];
        for (size_t k = 0; k < e->file_count && *count < MAX_GATHERED; k++) {
            struct gathered *x = &g[*count];
            x->file = &e->files[k];
            x->path = output_path(o, x->file->name, NULL);
            if (x->path == NULL) {
                gather_abort(g, *count);
                return false;
            }
            if (!cli_output_open(o, &x->out, x->path, OUTPUT_CREATE)) {
                ++*count;
                gather_abort(g, *count);
                return false;
            }
            x->file->begin(x->out.fp, eo);
            ++*count;
        }
    }
    return true;
}

/* Moves the files into place when keep, else removes them; false (reported) on failure. */
static bool
gather_close(const struct cli_options *o, struct gathered *g, size_t count, bool keep)
{
    if (!keep) {
        gather_abort(g, count);
        return true;
    }
    bool ok = true;
    for (size_t i = 0; i < count; i++) {
        if (!cli_output_commit(o, &g[i].out))
            ok = false;
        free(g[i].path);
    }
    return ok;
}

/*
 * The database formats' files (sqlite, xlsx), open like the gathered files
 * from before the first input to after the last: each database is built
 * as the inputs come, and written to the output's temporary file and
 * moved into place only when every input compiled and nothing failed.
 */
struct database {
    const struct emit_database_ops *ops; /* NULL: not open */
    struct emit_database *db;
    char *path;
    char *scratch; /* the file a library writes to (ops->scratch), else NULL */
    struct output out;
    bool failed; /* reported */
};

static void
database_abandon(struct database *d)
{
    if (d->db != NULL)
        d->ops->close(d->db);
    d->db = NULL;
    output_abort(&d->out);
    output_scratch_remove(d->scratch);
    d->scratch = NULL;
    free(d->path);
    d->path = NULL;
    d->ops = NULL;
}

/* Opens one database format's file; false (reported) on failure. */
static bool
database_open(const struct cli_options *o, struct database *d,
              const struct emit_database_ops *ops)
{
    memset(d, 0, sizeof *d);
    if ((d->path = database_path(o, ops)) == NULL)
        return false;
    if (!cli_output_open(o, &d->out, d->path, OUTPUT_CREATE)) {
        free(d->path);
        d->path = NULL;
        return false;
    }
    d->ops = ops;
    if (ops->scratch && (d->scratch = output_scratch_file("", 0)) == NULL) {
        diag_tool_error(o->lang, PHRASE_CANNOT_WRITE, "$TMPDIR", strerror(errno));
        database_abandon(d);
        return false;
    }
    if ((d->db = ops->open(d->scratch)) == NULL) {
        cli_out_of_memory(o, NULL);
        database_abandon(d);
        return false;
    }
    return true;
}

static void
database_failed(const struct cli_options *o, struct database *d)
{
    if (!d->failed)
        diag_tool_error(o->lang, d->ops->failed, d->path, d->ops->error(d->db));
    d->failed = true;
}

/* Adds a compiled input; false (reported) on failure. */
static bool
database_add(const struct cli_options *o, struct database *d, const struct compilation *c)
{
    if (d->ops == NULL || d->failed)
        return d->ops == NULL;
    if (!d->ops->add(d->db, c))
        database_failed(o, d);
    return !d->failed;
}

/* Writes the database into place when keep, else removes it; false (reported) on failure. */
static bool
database_close(const struct cli_options *o, struct database *d, bool keep)
{
    if (d->ops == NULL)
        return true;
    bool ok = true;
    if (keep && !d->failed && !d->ops->write(d->db, d->out.fp)) {
        database_failed(o, d);
        ok = false;
    }
    if (keep && ok)
        ok = cli_output_commit(o, &d->out);
    else
        output_abort(&d->out);
    d->ops->close(d->db);
    d->db = NULL;
    output_scratch_remove(d->scratch);
    d->scratch = NULL;
    free(d->path);
    d->path = NULL;
    d->ops = NULL;
    return ok;
}

/* Every database format's file, for build; false (reported, none left open) on failure. */
static bool
databases_open(const struct cli_options *o, struct database *d, size_t *count)
{
    const struct emit_database_ops *ops[MAX_DATABASES];
    size_t n = o->command == CMD_BUILD ? database_formats(o, ops) : 0;
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!database_open(o, &d[i], ops[i])) {
            for (size_t k = 0; k < i; k++)
                database_abandon(&d[k]);
            return false;
        }
        *count = i + 1;
    }
    return true;
}

static bool
databases_close(const struct cli_options *o, struct database *d, size_t count, bool keep)
{
    bool ok = true;
    for (size_t i = 0; i < count; i++)
        if (!database_close(o, &d[i], keep))
            ok = false;
    return ok;
}

static bool
ensure_directory(const struct cli_options *o)
{
    if (platform_mkdir(o->output) == 0 || errno == EEXIST)
        return true;
    diag_tool_error(o->lang, PHRASE_CANNOT_CREATE_DIRECTORY, o->output, strerror(errno));
    return false;
}

/* --- -j: inputs compiled in parallel ---------------------------------------- */

/*
 * With -j N > 1 and several inputs, worker threads (jobs.c) compile the
 * inputs and write each one's formats and gathered rows into memory;
 * cli_run_build() takes them in input order and does with them what it does
 * with an input it compiled itself: diagnostics, output files, gathered
 * rows.  So every message and every byte of output is the same as with
 * -j 1.  Compilations share nothing (driver.h) and back ends are pure
 * (emit.h), which is what makes this safe; all printing and writing stays
 * on the main thread.
 */
struct prepared {
    struct compilation *c; /* NULL: out of memory */
    enum compile_status st;
    bool rendered;                          /* text[] holds the outputs */
    char *text[MAX_FORMATS + MAX_GATHERED]; /* per format, then per gathered file */
    size_t len[MAX_FORMATS + MAX_GATHERED];
};

struct parallel {
    const struct cli_options *o;
    const struct emit_options *eo;
    const struct gathered *gathered;
    size_t gathered_count;
    struct prepared *items; /* one per input */
    struct jobs *pool;      /* NULL: compile in cli_run_build(), one input after the other */
};

static void
prepared_free(struct prepared *x)
{
    compilation_free(x->c);
    x->c = NULL;
    for (size_t k = 0; k < MAX_FORMATS + MAX_GATHERED; k++) {
        free(x->text[k]);
        x->text[k] = NULL;
    }
}

/* The work of one input on a worker thread. */
static void
prepare(void *ctx, size_t i)
{
    const struct parallel *p = ctx;
    const struct cli_options *o = p->o;
    struct prepared *x = &p->items[i];
    if ((x->c = cli_compilation_new(o)) == NULL)
        return;
    x->st = driver_run(x->c, o->files[i]);
    if (x->st != COMPILE_OK || o->command != CMD_BUILD)
        return;
    bool ok = true;
    for (size_t k = 0; k < o->format_count + p->gathered_count && ok; k++) {
        FILE *m = platform_memstream_open(&x->text[k], &x->len[k]);
        if (m == NULL) {
            ok = false;
            break;
        }
        /* Only this thread uses the stream: skip the lock each of the
           emitter's many small writes would take once threads exist. */
        platform_stream_single_thread(m);
        if (k >= o->format_count)
            p->gathered[k - o->format_count].file->add(x->c, m, p->eo);
        else if (o->formats[k]->emit != NULL)
            o->formats[k]->emit(x->c, m, p->eo);
        ok = !ferror(m); /* a failed write may leave nothing for fclose to report */
        ok = platform_memstream_close(m) == 0 && ok;
    }
    x->rendered = ok;
    if (!ok) /* short of memory: cli_run_build() writes them itself */
        for (size_t k = 0; k < MAX_FORMATS + MAX_GATHERED; k++) {
            free(x->text[k]);
            x->text[k] = NULL;
        }
}

/* Starts the workers when -j and the inputs call for them. */
static void
parallel_start(struct parallel *p)
{
    const struct cli_options *o = p->o;
    unsigned jobs = o->jobs != 0 ? o->jobs : jobs_default_threads();
    if (jobs < 2 || o->file_count < 2)
        return;
    for (size_t i = 0; i < o->file_count; i++)
        if (strcmp(o->files[i], "-") == 0)
            return; /* standard input is read once, in order */
    if ((p->items = calloc(o->file_count, sizeof *p->items)) == NULL)
        return;
    if (jobs > o->file_count)
        jobs = (unsigned)o->file_count;
    /* Two inputs ahead per worker keeps them busy and bounds the memory held. */
    p->pool = jobs_start(o->file_count, jobs, 2 * (size_t)jobs, prepare, p);
    if (p->pool == NULL) {
        free(p->items);
        p->items = NULL;
    }
}

/* Input i, compiled by a worker; NULL when cli_run_build() compiles it itself. */
static struct prepared *
parallel_take(struct parallel *p, size_t i)
{
    if (p->pool == NULL)
        return NULL;
    jobs_wait(p->pool, i);
    return &p->items[i];
}

/* Done with input i (its compilation already freed by cli_run_build()). */
static void
parallel_done(struct parallel *p, size_t i)
{
    if (p->pool == NULL)
        return;
    p->items[i].c = NULL;
    prepared_free(&p->items[i]);
    jobs_release(p->pool, i);
}

/* Stops the workers; frees what they prepared from input `from` on. */
static void
parallel_end(struct parallel *p, size_t from)
{
    if (p->pool == NULL)
        return;
    size_t worked = jobs_finish(p->pool);
    for (size_t i = from; i < worked; i++)
        prepared_free(&p->items[i]);
    free(p->items);
    p->pool = NULL;
    p->items = NULL;
}

int
cli_run_build(const struct cli_options *o)
{
    int status = 0;
    bool to_dir = o->command == CMD_BUILD && output_is_directory(o);
    if (o->command == CMD_BUILD && o->output == NULL && o->format_count > 1)
        return cli_usage_error(o, PHRASE_SEVERAL_FORMATS_NEED_DIR);
    /* -o - is standard output, never a directory called "-". */
    if (o->command == CMD_BUILD && o->output != NULL && strcmp(o->output, "-") == 0 &&
        (o->file_count > 1 || o->format_count > 1))
        return cli_usage_error(o, PHRASE_STDOUT_TAKES_ONE);
    if (o->command == CMD_BUILD && gathers(o) &&
        (o->output == NULL || strcmp(o->output, "-") == 0))
        return cli_usage_error(o, o->format_count == 1 && o->formats[0]->database != NULL
                                      ? o->formats[0]->database->needs_output
                                      : PHRASE_CSV_NEEDS_DIR);
    if (o->command == CMD_BUILD && gathers(o) && !gathered_output_ok(o))
        return EXIT_TROUBLE;
    if (o->command == CMD_BUILD && !outputs_distinct(o, to_dir))
        return EXIT_TROUBLE;
    if (to_dir && !ensure_directory(o))
        return EXIT_TROUBLE;
    /* Chinese CSV headers only when asked for on the command line, never from
       the locale: pipelines read the English names (docs/csv.md). */
    struct emit_options eo = {.excel = o->excel,
                              .headers_zh = o->lang_given && o->lang == DIAG_LANG_ZH,
                              .no_locations = o->json_no_locations,
                              .canonical_targets = o->html_canonical_targets};
    struct gathered gathered[MAX_GATHERED];
    size_t gathered_count = 0;
    if (o->command == CMD_BUILD && gathers(o) &&
        !gather_open(o, &eo, gathered, &gathered_count))
        return EXIT_TROUBLE;
    struct database database[MAX_DATABASES];
    size_t database_count = 0;
    if (!databases_open(o, database, &database_count)) {
        gather_abort(gathered, gathered_count);
        return EXIT_TROUBLE;
    }
    struct diag_render_options render = {o->color, o->ambiguous_width};
    struct diag_sarif *sarif = NULL; /* one log for every input */
    if (o->diagnostics == DIAG_FORMAT_SARIF && (sarif = diag_sarif_new()) == NULL) {
        cli_out_of_memory(o, NULL);
        gather_abort(gathered, gathered_count);
        databases_close(o, database, database_count, false);
        return EXIT_TROUBLE;
    }
    struct parallel par = {o, &eo, gathered, gathered_count, NULL, NULL};
    parallel_start(&par);
    for (size_t i = 0; i < o->file_count; i++) {
        struct prepared *x = parallel_take(&par, i);
        struct compilation *c = x != NULL ? x->c : cli_compilation_new(o);
        if (c == NULL) {
            cli_out_of_memory(o, NULL);
            parallel_end(&par, i);
            gather_abort(gathered, gathered_count);
            databases_close(o, database, database_count, false);
            diag_sarif_free(sarif);
            return EXIT_TROUBLE;
        }
        bool pre = x != NULL && x->rendered;
        enum compile_status st = x != NULL ? x->st : driver_run(c, o->files[i]);
        cli_report(o, sarif, c, &render);
        switch (st) {
        case COMPILE_OK:
            if (o->command == CMD_BUILD) {
                for (size_t f = 0; f < o->format_count; f++)
                    if (o->formats[f]->emit != NULL &&
                        !write_output(o, &eo, c, o->files[i], o->formats[f], to_dir,
                                      pre ? x->text[f] : NULL, pre ? x->len[f] : 0))
                        status = EXIT_TROUBLE;
                for (size_t f = 0; f < gathered_count; f++)
                    if (pre)
                        fwrite(x->text[o->format_count + f], 1, x->len[o->format_count + f],
                               gathered[f].out.fp);
                    else
                        gathered[f].file->add(c, gathered[f].out.fp, &eo);
                for (size_t f = 0; f < database_count; f++)
                    if (!database_add(o, &database[f], c)) /* on this thread, in input order */
                        status = EXIT_TROUBLE;
            }
            break;
        case COMPILE_ERRORS:
            if (status == 0)
                status = EXIT_INPUT_ERRORS;
            break;
        case COMPILE_IO_ERROR:
            status = EXIT_TROUBLE;
            break;
        case COMPILE_OOM:
            cli_out_of_memory(o, o->files[i]);
            status = EXIT_TROUBLE;
            break;
        }
        compilation_free(c);
        parallel_done(&par, i);
    }
    parallel_end(&par, o->file_count);
    if (sarif != NULL && !diag_sarif_write(sarif, cli_diagnostics_stream(o), GOALC_VERSION)) {
        cli_out_of_memory(o, NULL);
        status = EXIT_TROUBLE;
    }
    if (!cli_stream_ok(o, cli_diagnostics_stream(o)))
        status = EXIT_TROUBLE; /* the JSON or SARIF diagnostics did not all get there */
    diag_sarif_free(sarif);
    if (!gather_close(o, gathered, gathered_count, status == 0))
        status = EXIT_TROUBLE;
    if (!databases_close(o, database, database_count, status == 0))
        status = EXIT_TROUBLE;
    return status;
}
