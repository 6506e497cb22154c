/*
 * lsp_format.c - formatting through fmt (front/fmt.h), the whole document
 * or a range.
 *
 * The document's tree and comments come from its analysis (fmt --fill
 * formats a compiled tree the same way: the passes' additions are marked
 * and fmt leaves them out).  A file that does not parse is not formatted:
 * the result is null, and the text is left alone.  The edit
 * is the one run of lines that differs between the text and its
 * canonical form (common leading and trailing lines kept), so the cursor
 * and marks elsewhere stay put.  A range request gets that edit when it
 * touches the range, else none: fmt's layout of one table depends on
 * nothing outside it, but its blank lines between tables do, so goalc
 * formats whole runs of lines rather than cutting a table in two.
 */
#include "lsp/lsp_features.h"

#include "platform/platform.h"
#include "front/fmt.h"

#include <stdlib.h>
#include <string.h>

/* The canonical text of a, malloc'd; NULL when it does not parse. */
static char *
canonical(const struct lsp_analysis *a, size_t *len)
{
    const struct source *src = lsp_analysis_root_source(a);
    if (a->c->root == NULL || src == NULL)
        return NULL;
    char *text = NULL;
    FILE *out = platform_memstream_open(&text, len);
    if (out == NULL)
        return NULL;
    struct fmt_options opt = {FMT_KEYWORDS_OF_FILE};
    fmt_file(out, a->c->root, src, &a->comments, &opt);
    if (platform_memstream_close(out) != 0) {
        free(text);
        return NULL;
    }
    if (text == NULL)
        text = calloc(1, 1);
    return text;
}

/* The edit from a's text to canonical form out; [] when they are the same. */
static struct lsp_json *
edits(const struct lsp_analysis *a, const char *out, size_t out_len, size_t from, size_t to,
      bool ranged)
{
    struct lsp_json *list = lsp_json_array();
    const char *in = a->text;
    size_t in_len = a->len;
    /* Common leading lines. */
    size_t head = 0, line_start = 0;
    while (head < in_len && head < out_len && in[head] == out[head]) {
        if (in[head] == '\n')
            line_start = head + 1;
        head++;
    }
    if (head == in_len && head == out_len)
        return list;
    head = line_start;
    /* Common trailing lines, not overlapping the head: k bytes equal at
       both ends, cut back to where a line starts (the same in both). */
    size_t max = in_len - head < out_len - head ? in_len - head : out_len - head;
    size_t k = 0;
    while (k < max && in[in_len - 1 - k] == out[out_len - 1 - k])
        k++;
    while (k > 0 && in[in_len - k - 1] != '\n')
        k--;
    size_t cut_in = in_len - k, cut_out = out_len - k;
    if (ranged && (cut_in < from || head > to))
        return list;
    struct lsp_json *e = lsp_json_object();
    lsp_json_set(e, "range", lsp_json_range(a, head, cut_in));
    lsp_json_set(e, "newText", lsp_json_strn(out + head, cut_out - head));
    return lsp_json_push(list, e);
}

static struct lsp_json *
format(struct lsp_server *s, const struct lsp_json *params, bool ranged)
{
    struct lsp_doc *d = lsp_server_doc(s, params);
    struct lsp_analysis *a = lsp_server_analysis(s, d);
    if (a == NULL)
        return NULL;
    size_t len = 0;
    char *out = canonical(a, &len);
    if (out == NULL)
        return NULL; /* does not parse: nothing to do */
    size_t from = 0, to = a->len;
    if (ranged) {
        const struct lsp_json *r = lsp_json_get(params, "range");
        const struct lsp_json *rs = lsp_json_get(r, "start"), *re = lsp_json_get(r, "end");
        from = lsp_offset(a->text, a->len, &a->lines, lsp_json_int(lsp_json_get(rs, "line"), 0),
                          lsp_json_int(lsp_json_get(rs, "character"), 0));
        to = lsp_offset(a->text, a->len, &a->lines, lsp_json_int(lsp_json_get(re, "line"), 0),
                        lsp_json_int(lsp_json_get(re, "character"), 0));
    }
    struct lsp_json *result = edits(a, out, len, from, to, ranged);
    free(out);
    return result;
}

struct lsp_json *
lsp_formatting(struct lsp_server *s, const struct lsp_json *params)
{
    return format(s, params, false);
}

struct lsp_json *
lsp_range_formatting(struct lsp_server *s, const struct lsp_json *params)
{
    return format(s, params, true);
}
