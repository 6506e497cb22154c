/*
 * fuzz_import.c - libFuzzer harness over goalc import's readers.
 *
 * The first byte of an input picks the reader: even, the bytes are an
 * .xlsx workbook (import_xlsx_read: libzip, expat, the sheet finder); odd,
 * they are goalc's indicators.csv, and after a form feed (\f) its
 * funds.csv (import_csv_read).  What was read is written as .goal text
 * (import_write_goal) and compiled from memory (driver_run_bytes), as
 * goalc import does.
 *
 * The oracle: the sanitizers and libFuzzer's time and memory limits, and
 *   - a reader that refuses its input has reported an error;
 *   - a reader that accepts it has reported none;
 *   - the text written is compiled without crashing (it may have errors:
 *     the command drops the refused rows and compiles again).
 * Build and run: make fuzz-import; make fuzz-replay replays the workbooks
 * of tests/import (mk/fuzz.mk).
 */
#include "base/arena.h"
#include "diag/diag.h"
#include "driver.h"
#include "front/import.h"
#include "model/compilation.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct run {
    struct import_doc *doc;
    struct compilation *c;
    const uint8_t *data;
    size_t size;
    bool ok;
    char *text;
    size_t len;
};

static void
step(void *ctx)
{
    struct run *r = ctx;
    const char *bytes = (const char *)r->data + 1;
    size_t n = r->size - 1;
    if ((r->data[0] & 1) == 0) {
        r->ok = import_xlsx_read(r->doc, &r->c->diags, bytes, n);
    } else {
        const char *ff = memchr(bytes, '\f', n);
        size_t ilen = ff ? (size_t)(ff - bytes) : n;
        r->ok = import_csv_read(r->doc, &r->c->diags, bytes, ilen, ff ? ff + 1 : NULL,
                                ff ? n - ilen - 1 : 0, "indicators.csv", "funds.csv");
    }
    if (!r->ok)
        return;
    FILE *mem = open_memstream(&r->text, &r->len);
    if (mem == NULL)
        arena_oom(r->c->arena);
    import_write_goal(mem, r->doc);
    fclose(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct compilation *c = compilation_new(DIAG_LANG_EN);
    if (c == NULL)
        return 0;
    struct import_doc doc = {.arena = c->arena, .file = "fuzz"};
    struct run r = {.doc = &doc, .c = c, .data = data, .size = size};
    if (arena_guarded(c->arena, step, &r)) {
        if (!r.ok && c->diags.errors == 0)
            abort(); /* refused without saying why */
        if (r.ok && c->diags.errors != 0)
            abort(); /* accepted with an error */
        if (r.text != NULL) {
            struct compilation *g = compilation_new(DIAG_LANG_EN);
            if (g != NULL) {
                driver_run_bytes(g, "fuzz (imported)", r.text, r.len);
                compilation_free(g);
            }
        }
    }
    free(r.text);
    compilation_free(c);
    return 0;
}
