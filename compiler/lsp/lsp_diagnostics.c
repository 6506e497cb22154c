/*
 * lsp_diagnostics.c - check's diagnostics as the protocol's, and their
 * suggestions as quick fixes.
 *
 * Every diagnostic of the compilation is published, in diag_sorted's
 * order: those of the document at their range, those of another file (an
 * included one) or of none at the document's start, with their place in
 * the message.  Notes become relatedInformation.  A suggestion is the
 * name in the catalogue's "did you mean" phrase (phrase.def) at the end
 * of the message; the fix replaces the diagnostic's range with it,
 * keeping the quotes the range was written with.
 */
#include "lsp/lsp_features.h"

#include "base/source.h"
#include "diag/diag.h"
#include "diag/diag_phrase.h"
#include "model/compilation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lsp_json *
lsp_json_position(const struct lsp_analysis *a, size_t offset)
{
    long line, ch;
    lsp_position(a->text, a->len, &a->lines, offset, &line, &ch);
    struct lsp_json *p = lsp_json_object();
    lsp_json_set(p, "line", lsp_json_num(line));
    lsp_json_set(p, "character", lsp_json_num(ch));
    return p;
}

struct lsp_json *
lsp_json_range(const struct lsp_analysis *a, size_t start, size_t end)
{
    struct lsp_json *r = lsp_json_object();
    lsp_json_set(r, "start", lsp_json_position(a, start));
    lsp_json_set(r, "end", lsp_json_position(a, end < start ? start : end));
    return r;
}

size_t
lsp_params_offset(const struct lsp_analysis *a, const struct lsp_json *params)
{
    const struct lsp_json *p = lsp_json_get(params, "position");
    return lsp_offset(a->text, a->len, &a->lines, lsp_json_int(lsp_json_get(p, "line"), 0),
                      lsp_json_int(lsp_json_get(p, "character"), 0));
}

static bool
in_root(const struct lsp_analysis *a, const struct diag_loc *loc)
{
    return loc->src != NULL && loc->src == lsp_analysis_root_source(a);
}

/* "path:line:col: " for a place outside the document, in buf. */
static void
place_of(const struct diag_loc *loc, char *buf, size_t size)
{
    buf[0] = '\0';
    if (loc->src == NULL)
        return;
    unsigned line, col;
    source_position(loc->src, loc->start, &line, &col);
    snprintf(buf, size, "%s:%u:%u: ", loc->src->path, line, col);
}

static struct lsp_json *
location(struct lsp_doc *d, const struct lsp_analysis *a, const struct diag_loc *loc)
{
    struct lsp_json *l = lsp_json_object();
    if (in_root(a, loc)) {
        lsp_json_set(l, "uri", lsp_json_str(d->uri));
        lsp_json_set(l, "range", lsp_json_range(a, loc->start, loc->end));
        return l;
    }
    char *uri = loc->src != NULL ? lsp_path_to_uri(loc->src->path) : NULL;
    lsp_json_set(l, "uri", lsp_json_str(uri != NULL ? uri : d->uri));
    free(uri);
    /* Lines of another file: its own line table. */
    unsigned line = 1, col = 1;
    if (loc->src != NULL)
        source_position(loc->src, loc->start, &line, &col);
    struct lsp_json *p = lsp_json_object();
    lsp_json_set(p, "line", lsp_json_num((long)line - 1));
    lsp_json_set(p, "character", lsp_json_num((long)col - 1));
    struct lsp_json *r = lsp_json_object();
    lsp_json_set(r, "start", p);
    lsp_json_set(r, "end", lsp_json_copy(p));
    lsp_json_set(l, "range", r);
    return l;
}

static int
severity_of(enum diag_severity s)
{
    switch (s) {
    case DIAG_SEV_ERROR:
        return 1;
    case DIAG_SEV_WARNING:
        return 2;
    case DIAG_SEV_NOTE:
        return 3;
    }
    return 1;
}

static struct lsp_json *
diagnostic(struct lsp_doc *d, const struct lsp_analysis *a, const struct diagnostic *g)
{
    struct lsp_json *j = lsp_json_object();
    bool here = in_root(a, &g->loc);
    lsp_json_set(j, "range",
                 here ? lsp_json_range(a, g->loc.start, g->loc.end) : lsp_json_range(a, 0, 0));
    lsp_json_set(j, "severity", lsp_json_num(severity_of(g->severity)));
    lsp_json_set(j, "code", lsp_json_str(diag_code(g->id)));
    lsp_json_set(j, "source", lsp_json_str("goalc"));
    char place[512];
    place_of(&g->loc, place, sizeof place);
    if (here || place[0] == '\0') {
        lsp_json_set(j, "message", lsp_json_str(g->message));
    } else {
        size_t n = strlen(place) + strlen(g->message) + 1;
        char *m = malloc(n);
        if (m != NULL) {
            snprintf(m, n, "%s%s", place, g->message);
            lsp_json_set(j, "message", lsp_json_str(m));
            free(m);
        }
    }
    struct lsp_json *related = lsp_json_array();
    for (const struct diagnostic *n = g->notes; n != NULL; n = n->next) {
        struct lsp_json *r = lsp_json_object();
        lsp_json_set(r, "location", location(d, a, &n->loc));
        lsp_json_set(r, "message", lsp_json_str(n->message));
        lsp_json_push(related, r);
    }
    lsp_json_set(j, "relatedInformation", related);
    return j;
}

struct lsp_json *
lsp_publish_params(struct lsp_server *s, struct lsp_doc *d, struct lsp_analysis *a)
{
    (void)s;
    struct lsp_json *p = lsp_json_object();
    lsp_json_set(p, "uri", lsp_json_str(d->uri));
    lsp_json_set(p, "version", lsp_json_num(a->version));
    struct lsp_json *list = lsp_json_array();
    struct diagnostic **sorted = diag_sorted(&a->c->diags);
    for (size_t i = 0; sorted != NULL && i < a->c->diags.count; i++)
        lsp_json_push(list, diagnostic(d, a, sorted[i]));
    free(sorted);
    lsp_json_set(p, "diagnostics", list);
    return p;
}

/* --- quick fixes ----------------------------------------------------------- */

/*
 * The suggestion in message (diag_phrase_suggestion: the name a "did you
 * mean" hint proposes, in quotes when it is to be written so), malloc'd;
 * NULL when the message makes none.
 */
static char *
suggestion(const char *message, enum diag_lang lang)
{
    const char *start;
    size_t len;
    if (!diag_phrase_suggestion(lang, message, &start, &len) || len == 0)
        return NULL;
    char *out = malloc(len + 1);
    if (out != NULL) {
        memcpy(out, start, len);
        out[len] = '\0';
    }
    return out;
}

/* Whether the text opens with a quote goalc reads as one ("…", “…”, 「…」). */
static size_t
quote_len(const char *t, size_t n)
{
    if (n >= 1 && t[0] == '"')
        return 1;
    if (n >= 3 && (memcmp(t, "\xE2\x80\x9C", 3) == 0 || memcmp(t, "\xE3\x80\x8C", 3) == 0))
        return 3;
    return 0;
}

static struct lsp_json *
quick_fix(struct lsp_doc *d, const struct lsp_analysis *a, const struct diagnostic *g,
          char *name)
{
    size_t start = g->loc.start, end = g->loc.end;
    size_t q = quote_len(a->text + start, end - start);
    size_t n = strlen(name);
    if (q > 0 && end - start >= 2 * q) { /* keep the source's quotes: replace what is inside */
        start += q;
        end -= q;
        if (n >= 2 && name[0] == '"' && name[n - 1] == '"') { /* a quoted suggestion: its inside */
            memmove(name, name + 1, n - 2);
            name[n - 2] = '\0';
        }
    }
    struct lsp_json *edit = lsp_json_object();
    lsp_json_set(edit, "range", lsp_json_range(a, start, end));
    lsp_json_set(edit, "newText", lsp_json_str(name));
    struct lsp_json *edits = lsp_json_push(lsp_json_array(), edit);
    struct lsp_json *changes = lsp_json_set(lsp_json_object(), d->uri, edits);
    struct lsp_json *action = lsp_json_object();
    lsp_json_set(action, "title", lsp_json_str(name));
    lsp_json_set(action, "kind", lsp_json_str("quickfix"));
    lsp_json_set(action, "diagnostics", lsp_json_push(lsp_json_array(), diagnostic(d, a, g)));
    lsp_json_set(action, "isPreferred", lsp_json_boolean(true));
    lsp_json_set(action, "edit", lsp_json_set(lsp_json_object(), "changes", changes));
    return action;
}

struct lsp_json *
lsp_code_actions(struct lsp_server *s, const struct lsp_json *params)
{
    struct lsp_doc *d = lsp_server_doc(s, params);
    struct lsp_analysis *a = lsp_server_analysis(s, d);
    struct lsp_json *actions = lsp_json_array();
    if (a == NULL)
        return actions;
    const struct lsp_json *range = lsp_json_get(params, "range");
    const struct lsp_json *rs = lsp_json_get(range, "start"), *re = lsp_json_get(range, "end");
    size_t from = lsp_offset(a->text, a->len, &a->lines, lsp_json_int(lsp_json_get(rs, "line"), 0),
                             lsp_json_int(lsp_json_get(rs, "character"), 0));
    size_t to = lsp_offset(a->text, a->len, &a->lines, lsp_json_int(lsp_json_get(re, "line"), 0),
                           lsp_json_int(lsp_json_get(re, "character"), 0));
    struct diagnostic **sorted = diag_sorted(&a->c->diags);
    for (size_t i = 0; sorted != NULL && i < a->c->diags.count; i++) {
        const struct diagnostic *g = sorted[i];
        if (!in_root(a, &g->loc) || g->loc.end < from || g->loc.start > to)
            continue;
        char *name = suggestion(g->message, a->c->diags.lang);
        if (name != NULL)
            lsp_json_push(actions, quick_fix(d, a, g, name));
        free(name);
    }
    free(sorted);
    return actions;
}
