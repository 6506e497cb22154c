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
 * Nothing here checks outputs: the sanitizers (ASan, UBSan) and libFuzzer's
 * time and memory limits are the oracle.  Build and run: make fuzz,
 * make fuzz-replay (see mk/fuzz.mk and docs/robustness.md).
 */
#include "diag.h"
#include "driver.h"
#include "emit.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (format_count == 0)
        find_formats();
    unsigned char pick = size > 0 ? data[size - 1] : 0;
    enum diag_lang lang = (pick & 1) ? DIAG_LANG_ZH : DIAG_LANG_EN;
    struct diag_render_options render = {(pick & 2) != 0};

    struct compilation *c = compilation_new(lang);
    if (c == NULL)
        abort();
    enum compile_status st = compilation_run_bytes(c, "fuzz.goal", (const char *)data, size);

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
    fclose(out);
    free(buf);
    compilation_free(c);
    return 0;
}
