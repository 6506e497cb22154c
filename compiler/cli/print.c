/*
 * print.c - --format pdf: the HTML back end's page printed by a headless
 * Chromium.  Back ends are pure, so this is the command's part: the page
 * is written to a scratch directory ($TMPDIR/goalc-XXXXXX, holding
 * page.html, the browser's throw-away profile and page.pdf), the browser
 * prints it (spawn.c), and the PDF's bytes are copied to the output, which
 * output.c then commits whole or not at all.  The directory is removed
 * before returning, whatever happened.  No browser on PATH is a message
 * naming the package to install; nothing is written.
 */
#include "cli/cli.h"
#include "platform/platform.h"
#include "cli/spawn.h"
#include "diag/diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* dir/name in a malloc'd string, or NULL. */
static char *
join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static bool
write_file(const char *path, const char *bytes, size_t len)
{
    FILE *fp = platform_fopen(path, "wb");
    if (fp == NULL)
        return false;
    bool ok = fwrite(bytes, 1, len, fp) == len;
    return fclose(fp) == 0 && ok;
}

/* Copies the PDF at path to out; false when it is not a PDF (or unreadable). */
static bool
copy_pdf(const char *path, FILE *out)
{
    FILE *fp = platform_fopen(path, "rb");
    if (fp == NULL)
        return false;
    char buf[65536];
    size_t n, total = 0;
    bool ok = true;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (total == 0 && (n < 5 || memcmp(buf, "%PDF-", 5) != 0))
            ok = false;
        if (ok)
            fwrite(buf, 1, n, out);
        total += n;
    }
    ok = ok && !ferror(fp) && total > 0;
    fclose(fp);
    return ok;
}

bool
cli_print_pdf(const struct cli_options *o, const struct emit_options *eo, const char *shown,
              const struct compilation *c, const struct emitter *e, const char *html,
              size_t len, FILE *out)
{
    char *text = NULL;
    if (html == NULL) { /* not rendered by a -j worker: render it here */
        FILE *m = platform_memstream_open(&text, &len);
        if (m == NULL) {
            cli_out_of_memory(o, NULL);
            return false;
        }
        e->emit(c, m, eo);
        bool ok = !ferror(m);
        if (platform_memstream_close(m) != 0 || !ok) {
            free(text);
            cli_out_of_memory(o, NULL);
            return false;
        }
        html = text;
    }
    const char *tmp = platform_tmpdir();
    char *dir = join(platform_path_is_absolute(tmp) ? tmp : "/tmp", "goalc-XXXXXX");
    char *page = NULL, *pdf = NULL, *profile = NULL;
    bool ok = false, made = dir != NULL && platform_mkdtemp(dir) != NULL;
    if (!made || (page = join(dir, "page.html")) == NULL ||
        (pdf = join(dir, "page.pdf")) == NULL || (profile = join(dir, "profile")) == NULL ||
        !write_file(page, html, len)) {
        diag_tool_error(o->lang, PHRASE_CANNOT_WRITE, dir != NULL ? dir : "$TMPDIR",
                        strerror(errno != 0 ? errno : ENOMEM));
    } else {
        const char *browser = "chromium";
        int err = 0;
        int status = spawn_browser_print(page, pdf, profile, &browser, &err);
        if (status < 0 && err == ENOENT) {
            diag_tool_error(o->lang, PHRASE_NO_BROWSER, shown);
        } else if (status > 0) {
            diag_tool_error(o->lang, PHRASE_BROWSER_EXITED, shown, browser, status);
        } else if (status < 0) {
            diag_tool_error(o->lang, PHRASE_BROWSER_FAILED, shown, browser,
                            err != 0 ? strerror(err) : cli_tr(o, PHRASE_BROWSER_SIGNALLED));
        } else if (!(ok = copy_pdf(pdf, out))) {
            diag_tool_error(o->lang, PHRASE_BROWSER_FAILED, shown, browser,
                            cli_tr(o, PHRASE_BROWSER_NO_PDF));
        }
    }
    if (made)
        platform_remove_tree(dir);
    free(profile);
    free(pdf);
    free(page);
    free(dir);
    free(text);
    return ok;
}
