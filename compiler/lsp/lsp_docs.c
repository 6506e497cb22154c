/*
 * lsp_docs.c - the document store and UTF-16 positions (lsp_docs.h).
 *
 * Documents are few (those the editor has open): a list.  Invariant: a
 * document's analyses describe its current text or are NULL (good may be
 * older, and is only used where an approximate tree helps: completion).
 */
#include "lsp/lsp_docs.h"

#include "base/escape.h"
#include "lsp/lsp_analysis.h"

#include <stdlib.h>
#include <string.h>

static char *
dup_bytes(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void
doc_free(struct lsp_doc *d)
{
    lsp_analysis_free(d->analysis);
    if (d->good != d->analysis)
        lsp_analysis_free(d->good);
    free(d->uri);
    free(d->path);
    free(d->text);
    free(d->lines.starts);
    free(d);
}

void
lsp_doc_forget(struct lsp_doc *d)
{
    if (d->analysis != d->good)
        lsp_analysis_free(d->analysis);
    d->analysis = NULL;
}

struct lsp_doc *
lsp_docs_find(const struct lsp_docs *docs, const char *uri)
{
    for (struct lsp_doc *d = docs->first; d != NULL; d = d->next)
        if (strcmp(d->uri, uri) == 0)
            return d;
    return NULL;
}

void
lsp_docs_close(struct lsp_docs *docs, const char *uri)
{
    for (struct lsp_doc **p = &docs->first; *p != NULL; p = &(*p)->next) {
        if (strcmp((*p)->uri, uri) == 0) {
            struct lsp_doc *d = *p;
            *p = d->next;
            doc_free(d);
            return;
        }
    }
}

void
lsp_docs_free(struct lsp_docs *docs)
{
    while (docs->first != NULL) {
        struct lsp_doc *d = docs->first;
        docs->first = d->next;
        doc_free(d);
    }
}

struct lsp_doc *
lsp_docs_open(struct lsp_docs *docs, const char *uri, const char *text, size_t len, long version)
{
    lsp_docs_close(docs, uri);
    struct lsp_doc *d = calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    d->uri = dup_bytes(uri, strlen(uri));
    d->path = lsp_uri_to_path(uri);
    d->text = dup_bytes(text, len);
    if (d->uri == NULL || d->path == NULL || d->text == NULL) {
        doc_free(d);
        return NULL;
    }
    d->len = len;
    d->cap = len + 1;
    d->version = version;
    d->lines_stale = true;
    d->dirty = true;
    d->next = docs->first;
    docs->first = d;
    return d;
}

bool
lsp_doc_replace(struct lsp_doc *d, size_t start, size_t end, const char *text, size_t len)
{
    if (end > d->len)
        end = d->len;
    if (start > end)
        start = end;
    size_t new_len = d->len - (end - start) + len;
    if (new_len + 1 > d->cap) {
        size_t cap = d->cap * 2 > new_len + 1 ? d->cap * 2 : new_len + 1;
        char *t = realloc(d->text, cap);
        if (t == NULL)
            return false;
        d->text = t;
        d->cap = cap;
    }
    memmove(d->text + start + len, d->text + end, d->len - end + 1);
    memcpy(d->text + start, text, len);
    d->len = new_len;
    d->lines_stale = true;
    d->dirty = true;
    lsp_doc_forget(d);
    return true;
}

bool
lsp_lines_build(struct lsp_lines *l, const char *text, size_t len)
{
    size_t n = 1;
    for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))) != NULL; p++)
        n++;
    uint32_t *s = realloc(l->starts, n * sizeof *s);
    if (s == NULL)
        return false;
    l->starts = s;
    l->count = 0;
    s[l->count++] = 0;
    for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))) != NULL; p++)
        s[l->count++] = (uint32_t)(p + 1 - text);
    return true;
}

const struct lsp_lines *
lsp_doc_lines(struct lsp_doc *d)
{
    if (d->lines_stale && lsp_lines_build(&d->lines, d->text, d->len))
        d->lines_stale = false;
    return &d->lines;
}

/* Bytes of the UTF-8 sequence a lead byte starts; 1 for a stray byte. */
static size_t
seq_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

size_t
lsp_offset(const char *text, size_t len, const struct lsp_lines *l, long line, long character)
{
    if (line < 0)
        return 0;
    if (l->count == 0 || (size_t)line >= l->count)
        return len;
    size_t p = l->starts[line];
    size_t stop = (size_t)line + 1 < l->count ? l->starts[line + 1] - 1 : len;
    if (stop > p && text[stop - 1] == '\r')
        stop--;
    long units = 0;
    while (p < stop && units < character) {
        size_t n = seq_len((unsigned char)text[p]);
        units += n == 4 ? 2 : 1;
        p += n;
    }
    return p > stop ? stop : p;
}

void
lsp_position(const char *text, size_t len, const struct lsp_lines *l, size_t offset, long *line,
             long *character)
{
    if (offset > len)
        offset = len;
    size_t lo = 0, hi = l->count;
    while (hi - lo > 1) { /* the last line starting at or before offset */
        size_t mid = lo + (hi - lo) / 2;
        if (l->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    long units = 0;
    for (size_t p = l->count ? l->starts[lo] : 0; p < offset;) {
        size_t n = seq_len((unsigned char)text[p]);
        units += n == 4 ? 2 : 1;
        p += n;
    }
    *line = (long)lo;
    *character = units;
}


char *
lsp_uri_to_path(const char *uri)
{
    static const char scheme[] = "file://";
    if (strncmp(uri, scheme, sizeof scheme - 1) != 0)
        return dup_bytes(uri, strlen(uri));
    const char *s = uri + sizeof scheme - 1;
    char *out = malloc(strlen(s) + 1), *o = out;
    if (out == NULL)
        return NULL;
    for (; *s; s++) {
        if (*s == '%' && escape_hex_value(s[1]) >= 0 && escape_hex_value(s[2]) >= 0 && (escape_hex_value(s[1]) || escape_hex_value(s[2]))) {
            *o++ = (char)(escape_hex_value(s[1]) * 16 + escape_hex_value(s[2]));
            s += 2;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

char *
lsp_path_to_uri(const char *path)
{
    static const char keep[] = "/-._~";
    char *out = malloc(strlen(path) * 3 + 8), *o = out;
    if (out == NULL)
        return NULL;
    memcpy(o, "file://", 7);
    o += 7;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr(keep, *p) != NULL || *p >= 0x80) {
            *o++ = (char)*p;
        } else {
            static const char digits[] = "0123456789ABCDEF";
            *o++ = '%';
            *o++ = digits[*p >> 4];
            *o++ = digits[*p & 15];
        }
    }
    *o = '\0';
    return out;
}
