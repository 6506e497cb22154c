/*
 * fuzz_compile.c - libFuzzer harness over the whole pipeline.
 *
 * Each input is compiled one of three ways: from memory as one file
 * (driver_run_bytes), through a pipe on standard input (driver_run "-",
 * the stream reader of front/load.c; a writer thread feeds the pipe), or,
 * when it holds a form feed (\f), as several files: the parts between form
 * feeds are written to ROOT/main.goal, ROOT/1.goal, ROOT/2.goal … in a
 * temporary directory and ROOT/main.goal is compiled from disk, so 引用
 * "1.goal" includes the second part.  Single files resolve includes
 * against the working directory (tests/errors, where the seeds' targets
 * live).  Beside ROOT lie fixtures an include must not reveal: ../outside
 * /secret.goal (a valid table), ROOT/link.goal (a symbolic link to it),
 * ROOT/key.env and ROOT/bin.goal (not goal tables); each holds the marker
 * FUZZ_SECRET.  The last byte of the input picks the message language, the
 * colour, fmt's keyword language and the pipe.
 *
 * Then: the diagnostics are rendered as text, JSON Lines and SARIF; when
 * it compiled, every registered back end writes it to an in-memory stream
 * (a gathering format, csv, gets begin then add, plain and --excel), and
 * goalc diff compares it with itself and with a small table.  goalc fmt
 * runs on the main file as fmt -w does: parse, format, write through
 * output.c (a temporary file renamed over it), parse what was written,
 * format it again.
 *
 * The oracle: the sanitizers (ASan, UBSan) and libFuzzer's time and memory
 * limits, and
 *   - a compilation that reports errors is not COMPILE_OK;
 *   - a table has no changes against itself;
 *   - no output holds FUZZ_SECRET unless the input does (includes stay in
 *     the include root and never quote a file that is not a goal table);
 *   - for every input that parses: what fmt wrote parses, compiles with
 *     the same status and the same diagnostics (by code, in order; not
 *     for a file with E0126, which fmt repairs), has no changes against
 *     the original (goalc diff), and formats to itself byte for byte.
 * Build and run: make fuzz, make fuzz-replay (mk/fuzz.mk, docs/robustness.md).
 */
#include "diag/diag.h"
#include "review/diff.h"
#include "review/diff_render.h"
#include "driver.h"
#include "emit/emit.h"
#include "diag/diag_format.h"
#include "front/fmt.h"
#include "base/source.h"
#include "front/parse.h"
#include "cli/output.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_FORMATS = 16 };

static const struct emitter *formats[MAX_FORMATS];
static size_t format_count;

/*
 * An oracle failed: say which before aborting, so that a crash report
 * (CI prints only its tail) names the broken promise, not only the signal.
 */
static _Noreturn void
fail(const char *why)
{
    fprintf(stderr, "fuzz_compile: oracle failed: %s\n", why);
    abort();
}

/* The registry's formats, found through its public listing once. */
static void
find_formats(void)
{
    char *names = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&names, &len);
    if (f == NULL)
        abort();
    emit_list_formats(f, ",");
    if (fclose(f) != 0)
        abort();
    for (char *save = NULL, *name = strtok_r(names, ",", &save);
         name != NULL && format_count < MAX_FORMATS; name = strtok_r(NULL, ",", &save)) {
        const struct emitter *e = emit_find(name);
        if (e == NULL)
            fail("the listing and the registry disagree");
        formats[format_count++] = e;
    }
    free(names);
    if (format_count == 0)
        abort();
}

static void
emit_all(const struct compilation *c, FILE *out)
{
    struct emit_options opt = {0};
    for (size_t i = 0; i < format_count; i++) {
        const struct emitter *e = formats[i];
        if (e->emit != NULL)
            e->emit(c, out, &opt);
        for (size_t k = 0; k < e->file_count; k++) {
            for (int excel = 0; excel <= 1; excel++) {
                opt.excel = excel;
                e->files[k].begin(out, &opt);
                e->files[k].add(c, out, &opt);
            }
        }
        if (e->database != NULL) { /* sqlite, xlsx: the whole database, into out */
            char *scratch = e->database->scratch ? output_scratch_file("", 0) : NULL;
            if (e->database->scratch && scratch == NULL)
                abort();
            struct emit_database *db = e->database->open(scratch);
            if (db == NULL)
                abort();
            if (!e->database->add(db, c) || !e->database->write(db, out))
                fail("a database back end failed (only out of memory could)");
            e->database->close(db);
            output_scratch_remove(scratch);
        }
    }
}

#define FUZZ_SECRET "GOALC-FUZZ-SECRET-7f3a"

enum { MAX_PARTS = 8 };

/* The temporary tree: dir/root holds the parts, dir/outside what no include may show. */
static char dir[64], root[96], main_path[128];

/* A small table to diff against; NULL if it does not compile. */
static struct compilation *baseline;

static void
write_file(const char *path, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || (len > 0 && fwrite(bytes, 1, len, f) != len) || fclose(f) != 0)
        abort();
}

static const char *
in_dir(const char *base, const char *name)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", base, name);
    return path;
}

/* libFuzzer may end with _Exit; a replay (-runs=0) ends normally and cleans up. */
static void
remove_tree(void)
{
    unlink(in_dir(root, "link.goal"));
    unlink(in_dir(root, "key.env"));
    unlink(in_dir(root, "bin.goal"));
    unlink(main_path);
    for (int k = 1; k < MAX_PARTS; k++) {
        char name[16];
        snprintf(name, sizeof name, "%d.goal", k);
        unlink(in_dir(root, name));
    }
    rmdir(root);
    unlink(in_dir(dir, "outside/secret.goal"));
    rmdir(in_dir(dir, "outside"));
    rmdir(dir);
}

static void
init(void)
{
    find_formats();
    signal(SIGPIPE, SIG_IGN); /* the pipe's writer when the reader stops early */
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/goalc-fuzz-XXXXXX",
             tmp != NULL && tmp[0] != '\0' && strlen(tmp) < 32 ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL)
        abort();
    snprintf(root, sizeof root, "%s/root", dir);
    snprintf(main_path, sizeof main_path, "%s/main.goal", root);
    if (mkdir(root, 0700) != 0 || mkdir(in_dir(dir, "outside"), 0700) != 0)
        abort();
    atexit(remove_tree);
    const char *table = "部门 \"" FUZZ_SECRET "\" { 年度 2024 }\n";
    write_file(in_dir(dir, "outside/secret.goal"), table, strlen(table));
    const char *key = "TOKEN=" FUZZ_SECRET "\n";
    write_file(in_dir(root, "key.env"), key, strlen(key));
    const char bin[] = "部门\0\"" FUZZ_SECRET "\"\xFF\n";
    write_file(in_dir(root, "bin.goal"), bin, sizeof bin - 1);
    if (symlink("../outside/secret.goal", in_dir(root, "link.goal")) != 0)
        abort();
    baseline = compilation_new(DIAG_LANG_EN);
    if (baseline == NULL ||
        driver_run_bytes(baseline, "base.goal", "部门 \"x\" { 年度 2024 资金 万元 1 }",
                         strlen("部门 \"x\" { 年度 2024 资金 万元 1 }")) != COMPILE_OK) {
        compilation_free(baseline);
        baseline = NULL;
    }
}

static void
fuzz_diff(const struct compilation *a, const struct compilation *b, FILE *out, bool same)
{
    struct diff *d = diff_compare(a, b);
    if (d == NULL)
        return; /* out of memory */
    if (same && d->change_count != 0)
        fail("a table differs from itself");
    for (int f = DIFF_FORMAT_TEXT; f <= DIFF_FORMAT_JSON; f++) {
        struct diff_render_options o = {(enum diff_format)f, DIAG_LANG_ZH, f == 0, "a", "b"};
        diff_render(d, out, &o);
    }
    diff_free(d);
}

/* --- the three ways in ------------------------------------------------------ */

struct pipe_writer {
    int fd;
    const uint8_t *data;
    size_t size;
};

static void *
write_pipe(void *arg)
{
    struct pipe_writer *w = arg;
    for (size_t n = 0; n < w->size;) {
        ssize_t r = write(w->fd, w->data + n, w->size - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break; /* EPIPE: the reader is done */
        n += (size_t)r;
    }
    close(w->fd);
    return NULL;
}

/* The input on standard input, through a pipe, as `goalc check -` reads it. */
static enum compile_status
compile_piped(struct compilation *c, const uint8_t *data, size_t size)
{
    int fds[2];
    if (pipe(fds) != 0)
        abort();
    struct pipe_writer w = {fds[1], data, size};
    pthread_t writer;
    if (pthread_create(&writer, NULL, write_pipe, &w) != 0)
        abort();
    int saved = dup(STDIN_FILENO);
    if (saved < 0 || dup2(fds[0], STDIN_FILENO) < 0)
        abort();
    close(fds[0]);
    enum compile_status st = driver_run(c, "-");
    if (dup2(saved, STDIN_FILENO) < 0) /* closes the read end: the writer ends */
        abort();
    close(saved);
    pthread_join(writer, NULL);
    return st;
}

/* Writes the parts between form feeds to ROOT; false when there is only one. */
static bool
write_parts(const uint8_t *data, size_t size)
{
    const uint8_t *end = data + size, *p = memchr(data, '\f', size);
    if (p == NULL)
        return false;
    write_file(main_path, data, (size_t)(p - data));
    for (int k = 1; k < MAX_PARTS && p < end; k++) {
        const uint8_t *start = p + 1;
        p = k + 1 < MAX_PARTS ? memchr(start, '\f', (size_t)(end - start)) : NULL;
        if (p == NULL)
            p = end;
        char name[16];
        snprintf(name, sizeof name, "%d.goal", k);
        write_file(in_dir(root, name), start, (size_t)(p - start));
    }
    return true;
}

/* --- fmt -------------------------------------------------------------------- */

/* fmt of the main file into *text; false when it does not parse. */
static bool
format_main(const struct fmt_options *opt, char **text, size_t *len)
{
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    if (c == NULL)
        abort();
    struct parse_comments comments = {0};
    bool parsed = driver_parse_only(c, main_path, &comments) == COMPILE_OK && c->root != NULL;
    if (parsed) {
        FILE *mem = open_memstream(text, len);
        if (mem == NULL)
            abort();
        fmt_file(mem, c->root, compilation_source(c, 0), &comments, opt);
        if (fclose(mem) != 0)
            abort();
    }
    compilation_free(c);
    return parsed;
}

/*
 * The same status and diagnostics (by code, in order), and no change by
 * goalc diff.  fmt quotes a name that cannot be bare where it stands
 * (docs/fmt.md, "Names"), so a file with E0126 is repaired, not changed:
 * its later passes, which E0126 held back, may then speak.  fmt writes a
 * month period as forms write it (2024.01-2024.12) in its canonical form,
 * and an = before a value as nothing (docs/fmt.md), so the main file's
 * W0160, and its W0621 of an 实际 written =3%, may be gone after it, and
 * only those (fmt does not touch the files it includes).
 */
static bool
fmt_repairs(const struct diagnostic *d)
{
    bool in_main = d->loc.src != NULL && d->loc.src->id == 0;
    return in_main && (d->id == DIAG_MONTH_PERIOD_SPELLING || d->id == DIAG_ACTUAL_WITH_COMPARATOR);
}

static void
same_meaning(struct compilation *a, enum compile_status sa, struct compilation *b,
             enum compile_status sb)
{
    if (sa == COMPILE_OOM || sb == COMPILE_OOM)
        return;
    for (size_t i = 0; i < a->diags.count; i++)
        if (a->diags.items[i]->id == DIAG_BAD_NAME)
            return;
    size_t j = 0;
    for (size_t i = 0; i < a->diags.count; i++) {
        const struct diagnostic *d = a->diags.items[i];
        bool same = j < b->diags.count && d->id == b->diags.items[j]->id;
        if (!same && fmt_repairs(d))
            continue;
        if (!same)
            fail("fmt changed what the compiler says about the file");
        j++;
    }
    if (sa != sb || j != b->diags.count)
        fail("fmt changed the status or the number of diagnostics");
    if (sa != COMPILE_OK)
        return;
    struct diff *d = diff_compare(a, b);
    if (d != NULL && d->change_count != 0)
        fail("fmt changed the table");
    diff_free(d);
}

/*
 * goalc fmt -w on the main file, then fmt of what it wrote; c is the
 * input's compilation (status st), compiled again from fmt's text by the
 * same way in (parts: from disk; otherwise from memory).
 */
static void
fuzz_fmt(bool english, bool parts, struct compilation *c, enum compile_status st, FILE *out)
{
    struct fmt_options opt = {english};
    char *first = NULL, *second = NULL;
    size_t first_len = 0, second_len = 0;
    if (!format_main(&opt, &first, &first_len))
        return;
    struct output w;
    if (!output_open(&w, main_path, OUTPUT_REWRITE)) /* as fmt -w */
        fail("fmt -w could not open the file");
    fwrite(first, 1, first_len, w.fp);
    if (!output_commit(&w))
        fail("fmt -w could not write the file back");
    if (!format_main(&opt, &second, &second_len))
        fail("fmt wrote something that does not parse");
    if (second_len != first_len || memcmp(first, second, first_len) != 0)
        fail("formatting the formatted text changed it");
    struct compilation *again = compilation_new(c->diags.lang);
    if (again == NULL)
        abort();
    enum compile_status st2 = parts ? driver_run(again, main_path)
                                    : driver_run_bytes(again, "fuzz.goal", first, first_len);
    same_meaning(c, st, again, st2);
    fwrite(first, 1, first_len, out);
    compilation_free(again);
    free(first);
    free(second);
}

static bool
holds(const void *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (const char *p = hay, *end = p + n; (size_t)(end - p) >= k; p++) {
        p = memchr(p, needle[0], (size_t)(end - p) - k + 1);
        if (p == NULL)
            return false;
        if (memcmp(p, needle, k) == 0)
            return true;
    }
    return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (format_count == 0)
        init();
    unsigned char pick = size > 0 ? data[size - 1] : 0;
    enum diag_lang lang = (pick & 1) ? DIAG_LANG_ZH : DIAG_LANG_EN;
    struct diag_render_options render = {(pick & 2) != 0, (pick & 4) ? 2 : 1};

    struct compilation *c = compilation_new(lang);
    if (c == NULL)
        abort();
    bool parts = write_parts(data, size);
    if (!parts)
        write_file(main_path, data, size); /* for fmt */
    enum compile_status st = parts        ? driver_run(c, main_path)
                             : (pick & 16) ? compile_piped(c, data, size)
                                          : driver_run_bytes(c, "fuzz.goal", (const char *)data, size);

    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (out == NULL)
        abort();
    diag_render(&c->diags, out, &render);
    diag_render_json(&c->diags, out);
    diag_render_sarif(&c->diags, out, "fuzz");
    if (st == COMPILE_OK)
        emit_all(c, out);
    if (st == COMPILE_OK && c->diags.errors != 0)
        fail("the driver said OK with errors reported");
    if (st == COMPILE_OK) {
        fuzz_diff(c, c, out, true);
        if (baseline != NULL)
            fuzz_diff(baseline, c, out, false);
    }
    if (fflush(out) != 0)
        abort();
    if (holds(buf, len, FUZZ_SECRET) && !holds(data, size, FUZZ_SECRET))
        fail("an include showed a file it must not");
    fuzz_fmt((pick & 4) != 0, parts, c, st, out);
    fclose(out);
    free(buf);
    compilation_free(c);
    return 0;
}
