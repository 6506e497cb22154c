/*
 * fuzz_compile.c - libFuzzer harness over the whole pipeline.
 *
 * Each input is compiled from memory as one file (compilation_run_bytes):
 * load and validation, lexer, parser, includes (resolved against the
 * working directory), every semantic pass.  Its diagnostics are rendered,
 * and when it compiled, every registered back end writes it to an
 * in-memory stream; a gathering format (csv) gets begin then add for each
 * of its files.  The last byte of the input picks the message language
 * and colour, so both catalogues and the colour paths are exercised.
 *
 * goalc fmt and goalc diff run too.  fmt needs a file (it parses with
 * compilation_parse_only), so the input is also written to a temporary
 * file; what fmt writes is formatted again and must come out the same
 * (fmt is idempotent).  diff compares the input with itself and with a
 * small table: both must work, and the input must not differ from itself.
 *
 * The sanitizers (ASan, UBSan) and libFuzzer's time and memory limits are
 * the oracle, plus three checks: a compilation that reports errors is not
 * COMPILE_OK, a table has no changes against itself, and fmt is
 * idempotent.  Build and run:
 * make fuzz, make fuzz-replay (see mk/fuzz.mk and docs/robustness.md).
 */
#include "diag/diag.h"
#include "review/diff.h"
#include "review/diff_render.h"
#include "driver.h"
#include "emit/emit.h"
#include "front/fmt.h"
#include "front/parse.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_FORMATS = 16 };

static const struct emitter *formats[MAX_FORMATS];
static size_t format_count;

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
            abort(); /* the listing and the registry disagree */
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
            e->emit(c, out);
        for (size_t k = 0; k < e->file_count; k++) {
            for (int excel = 0; excel <= 1; excel++) {
                opt.excel = excel;
                e->files[k].begin(out, &opt);
                e->files[k].add(c, out, &opt);
            }
        }
    }
}

/* The temporary file fmt reads the input from. */
static char fmt_path[64];

/* A small table to diff against; NULL if it does not compile. */
static struct compilation *baseline;

static void
init(void)
{
    find_formats();
    const char *dir = getenv("TMPDIR");
    snprintf(fmt_path, sizeof fmt_path, "%s/goalc-fuzz-XXXXXX",
             dir != NULL && dir[0] != '\0' && strlen(dir) < 32 ? dir : "/tmp");
    int fd = mkstemp(fmt_path);
    if (fd < 0)
        abort();
    /* Only the name is kept: fuzz_fmt creates the file and removes it each
       time (libFuzzer may end with _Exit, so atexit would not clean up). */
    close(fd);
    unlink(fmt_path);
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
        abort(); /* a table differs from itself */
    for (int f = DIFF_FORMAT_TEXT; f <= DIFF_FORMAT_JSON; f++) {
        struct diff_render_options o = {(enum diff_format)f, DIAG_LANG_ZH, f == 0, "a", "b"};
        diff_render(d, out, &o);
    }
    diff_free(d);
}

/* goalc fmt on the input, and on what it wrote. */
static void
fuzz_fmt(const uint8_t *data, size_t size, bool english, FILE *out)
{
    FILE *f = fopen(fmt_path, "wb");
    if (f == NULL)
        abort();
    if (size > 0 && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f) != 0)
        abort();
    struct fmt_options opt = {english};
    char *first = NULL;
    size_t first_len = 0;
    for (int round = 0; round < 2; round++) {
        struct compilation *c = compilation_new(DIAG_LANG_EN);
        if (c == NULL)
            abort();
        struct parse_comments comments = {0};
        if (driver_parse_only(c, fmt_path, &comments) != COMPILE_OK || c->root == NULL) {
            compilation_free(c);
            if (round == 1)
                abort(); /* fmt wrote something that does not parse */
            unlink(fmt_path);
            return;
        }
        char *text = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        if (mem == NULL)
            abort();
        fmt_file(mem, c->root, compilation_source(c, 0), &comments, &opt);
        fclose(mem);
        fwrite(text, 1, len, out);
        compilation_free(c);
        if (round == 1) {
            if (len != first_len || memcmp(text, first, len) != 0)
                abort(); /* formatting the formatted text changed it */
            free(text);
            unlink(fmt_path);
            break;
        }
        f = fopen(fmt_path, "wb");
        if (f == NULL || (len > 0 && fwrite(text, 1, len, f) != len) || fclose(f) != 0)
            abort();
        first = text;
        first_len = len;
    }
    free(first);
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
    enum compile_status st = driver_run_bytes(c, "fuzz.goal", (const char *)data, size);

    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (out == NULL)
        abort();
    diag_render(&c->diags, out, &render);
    if (st == COMPILE_OK)
        emit_all(c, out);
    if (st == COMPILE_OK && c->diags.errors != 0)
        abort(); /* the driver said OK with errors reported */
    if (st == COMPILE_OK) {
        fuzz_diff(c, c, out, true);
        if (baseline != NULL)
            fuzz_diff(baseline, c, out, false);
    }
    fuzz_fmt(data, size, (pick & 4) != 0, out);
    fclose(out);
    free(buf);
    compilation_free(c);
    return 0;
}
