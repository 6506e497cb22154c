/*
 * fuzz_import.c - libFuzzer harness over goalc import's readers, and over
 * the command itself (cli_run_import, compiler/cli/cmd_import.c).
 *
 * The first byte of an input picks the reader: even, the bytes are an
 * .xlsx workbook (import_xlsx_read: libzip, expat, the sheet finder); odd,
 * they are goalc's indicators.csv, and after a form feed (\f) its
 * funds.csv (import_csv_read).  What was read is written as .goal text
 * (import_write_goal) and compiled from memory (driver_run_bytes).  When
 * the reader accepted the input, the command runs on it in process, as
 * `goalc import --diagnostics-format json FILE -o OUT.goal` on the same
 * bytes in a temporary directory (in.xlsx, or indicators.csv and
 * funds.csv): the framework chosen, refused lines dropped, fmt.
 *
 * The oracle: the sanitizers and libFuzzer's time and memory limits, and
 *   - a reader that refuses its input has reported an error;
 *   - a reader that accepts it has reported none;
 *   - the text written is compiled without crashing (it may have errors:
 *     the command drops the refused rows and compiles again);
 *   - the command exits 0 or 1, never 2 (no input makes it run out of
 *     memory or fail to write);
 *   - exit 0: it wrote OUT.goal, which compiles with no error, and which
 *     fmt leaves as it is (import prints through fmt);
 *   - exit 1: it reported an error and wrote nothing.
 * Each says why it failed before aborting (fail()).
 * Build and run: make fuzz-import; make fuzz-replay replays the workbooks
 * of tests/import (mk/fuzz.mk).
 */
#include "base/arena.h"
#include "cli/cli.h"
#include "diag/diag.h"
#include "driver.h"
#include "front/fmt.h"
#include "front/import.h"
#include "front/parse.h"
#include "model/compilation.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* An oracle failed: say which before aborting (a crash report shows its tail). */
static _Noreturn void
fail(const char *why)
{
    fprintf(stderr, "fuzz_import: oracle failed: %s\n", why);
    abort();
}

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

/* --- the command --------------------------------------------------------- */

static char dir[256]; /* the temporary directory, made once */

static const char *
in_dir(const char *name)
{
    static char path[300];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static void
write_file(const char *name, const void *bytes, size_t len)
{
    FILE *f = fopen(in_dir(name), "wb");
    if (f == NULL || fwrite(bytes, 1, len, f) != len || fclose(f) != 0)
        abort();
}

/* The whole file, malloc'd and NUL-terminated; NULL when it is not there. */
static char *
read_file(const char *name, size_t *len)
{
    FILE *f = fopen(in_dir(name), "rb");
    if (f == NULL)
        return NULL;
    char *text = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (cap - *len < 4096) {
            cap = cap ? 2 * cap : 65536;
            if ((text = realloc(text, cap + 1)) == NULL)
                abort();
        }
        size_t got = fread(text + *len, 1, cap - *len, f);
        *len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    text[*len] = '\0';
    return text;
}

/* out.goal compiles with no error, and fmt leaves it as it is. */
static void
check_written(const char *text, size_t len)
{
    struct compilation *g = compilation_new(DIAG_LANG_EN);
    if (g == NULL)
        abort();
    struct parse_comments comments = {0};
    enum compile_status st =
        driver_run_bytes_with_comments(g, in_dir("out.goal"), text, len, &comments);
    if (st != COMPILE_OK || g->diags.errors != 0)
        fail("goalc import exited 0, but what it wrote does not compile");
    char *again = NULL;
    size_t again_len = 0;
    FILE *mem = open_memstream(&again, &again_len);
    if (mem == NULL)
        abort();
    struct fmt_options opt = {0};
    fmt_file(mem, g->root, compilation_source(g, 0), &comments, &opt);
    if (fclose(mem) != 0)
        abort();
    if (again_len != len || memcmp(again, text, len) != 0)
        fail("goalc import wrote text that fmt changes");
    free(again);
    compilation_free(g);
}

static const char *const names[] = {"in.xlsx", "indicators.csv", "funds.csv", "out.goal",
                                    "diagnostics"};

static void
clear_dir(void)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(in_dir(names[i]));
}

/* At exit: a finished run leaves no directory behind (one stopped by a crash does). */
static void
remove_dir(void)
{
    clear_dir();
    rmdir(dir);
}

/* goalc import on the input's bytes, its diagnostics (JSON Lines) caught from stdout. */
static void
run_command(const uint8_t *data, size_t size)
{
    if (dir[0] == '\0') {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/goalc-fuzz-import-XXXXXX", tmp != NULL ? tmp : "/tmp");
        if (mkdtemp(dir) == NULL)
            abort();
        atexit(remove_dir);
    }
    clear_dir();
    const char *bytes = (const char *)data + 1;
    size_t n = size - 1;
    const char *input = "in.xlsx";
    if ((data[0] & 1) != 0) {
        input = "indicators.csv";
        const char *ff = memchr(bytes, '\f', n);
        size_t ilen = ff ? (size_t)(ff - bytes) : n;
        write_file(input, bytes, ilen);
        if (ff != NULL)
            write_file("funds.csv", ff + 1, n - ilen - 1);
    } else {
        write_file(input, bytes, n);
    }
    char in_path[300], out_path[300];
    snprintf(in_path, sizeof in_path, "%s", in_dir(input));
    snprintf(out_path, sizeof out_path, "%s", in_dir("out.goal"));
    const char *files[] = {in_path};
    struct cli_options o = {.command = CMD_IMPORT, .lang = DIAG_LANG_EN, .output = out_path,
                            .diagnostics = DIAG_FORMAT_JSON, .files = files, .file_count = 1};
    fflush(stdout);
    int saved = dup(1);
    int fd = open(in_dir("diagnostics"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (saved < 0 || fd < 0 || dup2(fd, 1) < 0)
        abort();
    close(fd);
    int status = cli_run_import(&o);
    fflush(stdout);
    if (dup2(saved, 1) < 0)
        abort();
    close(saved);
    size_t len, dlen;
    char *said = read_file("diagnostics", &dlen);
    char *text = read_file("out.goal", &len);
    bool error = said != NULL && strstr(said, "\"severity\": \"error\"") != NULL;
    if (status != 0 && status != 1)
        fail("goalc import exited neither 0 nor 1");
    if (status == 0 && text == NULL)
        fail("goalc import exited 0 without writing its output");
    if (status == 0 && error)
        fail("goalc import exited 0 with an error reported");
    if (status == 1 && text != NULL)
        fail("goalc import exited 1 but wrote its output");
    if (status == 1 && !error)
        fail("goalc import exited 1 without reporting an error");
    if (status == 0)
        check_written(text, len);
    free(text);
    free(said);
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
            fail("a reader refused its input without an error");
        if (r.ok && c->diags.errors != 0)
            fail("a reader accepted its input with an error");
        if (r.text != NULL) {
            struct compilation *g = compilation_new(DIAG_LANG_EN);
            if (g != NULL) {
                driver_run_bytes(g, "fuzz (imported)", r.text, r.len);
                compilation_free(g);
            }
        }
    }
    bool accepted = r.ok;
    free(r.text);
    compilation_free(c);
    if (accepted)
        run_command(data, size);
    return 0;
}
