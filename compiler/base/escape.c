/*
 * escape.c - table-driven escaping of text for output formats.
 *
 * Every format has a table of what each ASCII byte becomes (NULL: itself);
 * the loops copy runs of unchanged bytes and write an escape where the
 * table has one.  Non-ASCII text is copied as UTF-8, except what a format
 * cannot carry: JSON escapes U+2028 and U+2029 (so the output is also valid
 * JavaScript); HTML and Markdown replace controls and noncharacters, which
 * an HTML document may not contain, with U+FFFD.
 * Invariant: output depends on the bytes only (no locale); the input is
 * valid UTF-8 (source.c checked it, escapes in strings produce scalars).
 *
 * The work is done by the escape_X_to() functions, which append to a
 * writer; escape_X() runs them through a small writer onto a stream.  The
 * loops look each byte up in a table of 256 saying whether it can need
 * anything, so that most of the text (CJK, plain ASCII) costs one load and
 * a branch per byte and is copied a run at a time.
 */
#include "base/escape.h"

#include "base/utf8.h"

#include <stdint.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Sixteen entries of a byte table: the rows of a table of 256. */
#define ROW16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v

/* The size of the writer behind escape_X(): the strings are short. */
enum { ESCAPE_STREAM_BUFFER = 256 };

static const char hex_lower[] = "0123456789abcdef";

/*
 * The escapers copy unescaped runs whole: writes the run pending since
 * `run`, then esc in place of the skip bytes at *i; moves *i to the last
 * byte replaced and returns where the next run starts.
 */
static size_t
replace(struct writer *w, const char *s, size_t run, size_t *i, const char *esc, size_t skip)
{
    writer_bytes(w, s + run, *i - run);
    writer_str(w, esc);
    *i += skip - 1;
    return *i + 1;
}

/* --- JSON ------------------------------------------------------------------ */

/* For each ASCII byte: NULL (copy as is) or its JSON escape. */
static const char *const json_escapes[128] = {
    ['"'] = "\\\"", ['\\'] = "\\\\", ['\b'] = "\\b", ['\f'] = "\\f",
    ['\n'] = "\\n", ['\r'] = "\\r",  ['\t'] = "\\t",
};

/* The bytes that may need an escape: controls, " \ DEL, and the lead byte of U+2028/9. */
static const unsigned char json_stops[256] = {
    ROW16(1), ROW16(1), ['"'] = 1, ['\\'] = 1, [0x7F] = 1, [0xE2] = 1,
};

/* The inside of a JSON string: s[0..len), valid UTF-8, without the quotes.  Inline: the
   JSON back end's strings are most of its time. */
static inline __attribute__((always_inline)) void
json_body(struct writer *w, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0; /* start of the pending unescaped run */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = u[i];
        if (!json_stops[c])
            continue;
        const char *esc;
        char buf[8];
        size_t skip = 1;
        if (c < 0x80) {
            esc = json_escapes[c];
            if (esc == NULL) { /* another control, or DEL: \u00XX as printf's %04x */
                memcpy(buf, "\\u00", 4);
                buf[4] = hex_lower[c >> 4];
                buf[5] = hex_lower[c & 0xF];
                buf[6] = '\0';
                esc = buf;
            }
        } else if (i + 2 < len && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
            esc = u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            skip = 3;
        } else {
            continue;
        }
        run = replace(w, s, run, &i, esc, skip);
    }
    writer_bytes(w, s + run, len - run);
}

void
escape_json_to(struct writer *w, const char *s, size_t len)
{
    writer_byte(w, '"');
    json_body(w, s, len);
    writer_byte(w, '"');
}

/*
 * The inside of a JSON string for bytes that may not be UTF-8: each valid
 * run through json_body, each invalid sequence as U+FFFD.  For SARIF, a
 * [ or ], or a backslash before one, gets a backslash first.
 */
static void
json_repaired_body(struct writer *w, const char *s, size_t len, bool sarif)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = u[i];
        if (c < 0x80) {
            bool bracket = c == '[' || c == ']';
            bool before_bracket = c == '\\' && i + 1 < len && (u[i + 1] == '[' || u[i + 1] == ']');
            if (sarif && (bracket || before_bracket)) {
                json_body(w, s + run, i - run);
                writer_bytes(w, "\\\\", 2); /* the backslash added, as JSON writes it */
                run = i; /* the character itself comes with the next run */
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t bad;
        size_t n = utf8_decode(u + i, len - i, &cp, &bad);
        if (n != 0) {
            i += n;
            continue;
        }
        json_body(w, s + run, i - run);
        writer_bytes(w, REPLACEMENT, sizeof REPLACEMENT - 1);
        i += bad;
        run = i;
    }
    json_body(w, s + run, len - run);
}

void
escape_json_repair_to(struct writer *w, const char *s, size_t len)
{
    writer_byte(w, '"');
    json_repaired_body(w, s, len, false);
    writer_byte(w, '"');
}

void
escape_sarif_text_to(struct writer *w, const char *s, size_t len)
{
    writer_byte(w, '"');
    json_repaired_body(w, s, len, true);
    writer_byte(w, '"');
}

/* --- HTML ------------------------------------------------------------------ */

/*
 * Whether an HTML document may not contain the character at s[i] (HTML's
 * "control" and "noncharacter" input-stream errors); *n is its length.
 * TAB, LF, FF and CR are allowed; the callers deal with CR.
 */
static bool
html_forbidden(const char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)s[i];
    *n = 1;
    if (c < 0x80)
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7F;
    uint32_t cp;
    size_t bad;
    *n = utf8_decode((const unsigned char *)s + i, len - i, &cp, &bad);
    if (*n == 0) {
        *n = bad; /* cannot happen on checked input; never copy broken UTF-8 */
        return true;
    }
    bool c1 = cp >= 0x80 && cp <= 0x9F;
    bool nonchar = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    return c1 || nonchar;
}

/*
 * The length of the non-ASCII character at u if it is well-formed and one
 * HTML allows, decided from its bytes alone; 0 when html_forbidden() has
 * to decide.  This is the common case (CJK text and its punctuation) made
 * cheap: U+00A0 to U+07FF, U+1000 to U+CFFF and U+E000 to U+FFFF but for
 * U+FDD0..U+FDEF, U+FFFE and U+FFFF.  It never says yes where
 * html_forbidden() would say no.
 */
static size_t
html_plain_char(const unsigned char *u, size_t left)
{
    unsigned char c = u[0];
    if (c >= 0xE1 && c <= 0xEF && c != 0xED) {
        if (left < 3 || !utf8_is_continuation(u[1]) || !utf8_is_continuation(u[2]))
            return 0;
        if (c == 0xEF && ((u[1] == 0xB7 && u[2] >= 0x90 && u[2] <= 0xAF) ||
                          (u[1] == 0xBF && u[2] >= 0xBE)))
            return 0;
        return 3;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        if (left < 2 || !utf8_is_continuation(u[1]) || (c == 0xC2 && u[1] <= 0x9F))
            return 0;
        return 2;
    }
    return 0;
}

/* What a byte means to HTML text. */
enum html_class {
    HTML_PLAIN = 0,
    HTML_SPECIAL = 1, /* & < >, CR, and the controls HTML forbids */
    HTML_QUOTE = 2,   /* " and ': special in an attribute value */
    HTML_UTF8 = 4,    /* a non-ASCII byte: look at its character */
    HTML_NEWLINE = 8, /* LF: a <br> in a table cell */
};

static const unsigned char html_classes[256] = {
    /* 0x00-0x1F: controls, but TAB, LF and FF */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, HTML_NEWLINE, 1, 0, 1, 1, 1,
    ROW16(1),
    ['&'] = HTML_SPECIAL, ['<'] = HTML_SPECIAL, ['>'] = HTML_SPECIAL, [0x7F] = HTML_SPECIAL,
    ['"'] = HTML_QUOTE,   ['\''] = HTML_QUOTE,
    /* 0x80-0xFF */
    [0x80] = ROW16(HTML_UTF8), ROW16(HTML_UTF8), ROW16(HTML_UTF8), ROW16(HTML_UTF8),
    ROW16(HTML_UTF8), ROW16(HTML_UTF8), ROW16(HTML_UTF8), ROW16(HTML_UTF8),
};

static const char *const html_text_escapes[128] = {
    ['&'] = "&amp;",
    ['<'] = "&lt;",
    ['>'] = "&gt;",
};

static const char *const html_cell_escapes[128] = {
    ['&'] = "&amp;",
    ['<'] = "&lt;",
    ['>'] = "&gt;",
    ['\n'] = "<br>",
};

static const char *const html_attr_escapes[128] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

/* stops: the html_classes that need a look (HTML_QUOTE only in an attribute). */
static void
escape_html_with(struct writer *w, const char *s, size_t len, const char *const table[128],
                 unsigned stops)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = u[i];
        if ((html_classes[c] & stops) == 0)
            continue;
        const char *esc = c < 0x80 ? table[c] : NULL;
        size_t skip = 1;
        if (c == '\r') {
            esc = table['\n'] != NULL ? table['\n'] : "\n";
            if (i + 1 < len && s[i + 1] == '\n')
                skip = 2;
        } else if (esc == NULL) { /* a control, DEL, or non-ASCII */
            size_t n = c >= 0x80 ? html_plain_char(u + i, len - i) : 0;
            if (n != 0 || !html_forbidden(s, len, i, &n)) {
                i += n - 1;
                continue;
            }
            esc = REPLACEMENT;
            skip = n;
        }
        run = replace(w, s, run, &i, esc, skip);
    }
    writer_bytes(w, s + run, len - run);
}

void
escape_html_to(struct writer *w, const char *s, size_t len)
{
    escape_html_with(w, s, len, html_text_escapes, HTML_SPECIAL | HTML_UTF8);
}

void
escape_html_cell_to(struct writer *w, const char *s, size_t len)
{
    escape_html_with(w, s, len, html_cell_escapes, HTML_SPECIAL | HTML_UTF8 | HTML_NEWLINE);
}

void
escape_html_attr_to(struct writer *w, const char *s, size_t len)
{
    escape_html_with(w, s, len, html_attr_escapes, HTML_SPECIAL | HTML_QUOTE | HTML_UTF8);
}

/* --- CSV ------------------------------------------------------------------- */

/* What a byte means to a CSV field. */
enum csv_class {
    CSV_PLAIN = 0,
    CSV_QUOTE = 1,   /* the field must be quoted */
    CSV_FORMULA = 2, /* a field starting with it runs as a formula */
};

static const unsigned char csv_classes[256] = {
    [','] = CSV_QUOTE,   ['"'] = CSV_QUOTE,   ['\n'] = CSV_QUOTE,
    ['\r'] = CSV_QUOTE | CSV_FORMULA,         ['\t'] = CSV_FORMULA,
    ['='] = CSV_FORMULA, ['+'] = CSV_FORMULA, ['-'] = CSV_FORMULA,
    ['@'] = CSV_FORMULA,
};

bool
escape_csv_is_formula(const char *s, size_t len)
{
    return len > 0 && (csv_classes[(unsigned char)s[0]] & CSV_FORMULA) != 0;
}

void
escape_csv_to(struct writer *w, const struct escape_span *spans, size_t count)
{
    bool formula = false, first = true;
    unsigned classes = 0; /* of every byte */
    for (size_t k = 0; k < count; k++) {
        const unsigned char *u = (const unsigned char *)spans[k].s;
        if (spans[k].len > 0 && first) {
            formula = (csv_classes[u[0]] & CSV_FORMULA) != 0;
            first = false;
        }
        for (size_t i = 0; i < spans[k].len; i++)
            classes |= csv_classes[u[i]];
    }
    bool quote = (classes & CSV_QUOTE) != 0;
    if (!quote && !formula) {
        for (size_t k = 0; k < count; k++)
            writer_bytes(w, spans[k].s, spans[k].len);
        return;
    }
    writer_str(w, formula ? "\"'" : "\"");
    for (size_t k = 0; k < count; k++) {
        const char *s = spans[k].s, *end = s + spans[k].len;
        const char *q;
        while (s < end && (q = memchr(s, '"', (size_t)(end - s))) != NULL) {
            writer_bytes(w, s, (size_t)(q + 1 - s)); /* up to and with the quote, */
            writer_byte(w, '"');                     /* which is doubled */
            s = q + 1;
        }
        writer_bytes(w, s, (size_t)(end - s));
    }
    writer_byte(w, '"');
}

/* --- CSV: a cell of named columns (栏) -------------------------------------- */

/* The pieces of a columns cell, walked twice: classified (w NULL), then written. */
struct csv_pieces {
    struct writer *w;
    bool started, formula, quote;
    unsigned classes;
};

static void
csv_piece(struct csv_pieces *p, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0)
        return;
    if (p->w == NULL) {
        if (!p->started)
            p->formula = (csv_classes[u[0]] & CSV_FORMULA) != 0;
        p->started = true;
        for (size_t i = 0; i < len; i++)
            p->classes |= csv_classes[u[i]];
        return;
    }
    const char *end = s + len, *q;
    while (p->quote && s < end && (q = memchr(s, '"', (size_t)(end - s))) != NULL) {
        writer_bytes(p->w, s, (size_t)(q + 1 - s));
        writer_byte(p->w, '"');
        s = q + 1;
    }
    writer_bytes(p->w, s, (size_t)(end - s));
}

/* A name or a text of the cell: \ and line breaks as \\ \n \r; in a name also : as \:. */
static void
csv_column_text(struct csv_pieces *p, struct escape_span t, bool name)
{
    size_t run = 0;
    for (size_t i = 0; i < t.len; i++) {
        char c = t.s[i];
        const char *esc = c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                          : c == ':' && name ? "\\:" : NULL;
        if (esc == NULL)
            continue;
        csv_piece(p, t.s + run, i - run);
        csv_piece(p, esc, 2);
        run = i + 1;
    }
    csv_piece(p, t.s + run, t.len - run);
}

static void
csv_columns_walk(struct csv_pieces *p, escape_column_fn *next, void *ctx)
{
    struct escape_span name, text;
    for (size_t i = 0; next(ctx, i, &name, &text); i++) {
        if (i > 0)
            csv_piece(p, "\n", 1);
        csv_column_text(p, name, true);
        csv_piece(p, ": ", 2);
        csv_column_text(p, text, false);
    }
}

void
escape_csv_columns_to(struct writer *w, escape_column_fn *next, void *ctx)
{
    struct csv_pieces p = {0};
    csv_columns_walk(&p, next, ctx);
    p.w = w;
    p.quote = (p.classes & CSV_QUOTE) != 0 || p.formula;
    if (p.quote)
        writer_str(w, p.formula ? "\"'" : "\"");
    csv_columns_walk(&p, next, ctx);
    if (p.quote)
        writer_byte(w, '"');
}

void
escape_columns_text(FILE *out, escape_column_fn *next, void *ctx)
{
    char buf[256];
    struct writer w;
    writer_init(&w, out, buf, sizeof buf);
    struct csv_pieces p = {0};
    p.w = &w;
    csv_columns_walk(&p, next, ctx);
    writer_flush(&w);
}

/* --- Markdown -------------------------------------------------------------- */

/* What a byte means to GitHub-flavoured Markdown. */
enum md_class {
    MD_PLAIN = 0,
    MD_INLINE = 1, /* escaped anywhere: \ ` * _ [ ] < > # | ~ $ @ & */
    MD_START = 2,  /* escaped where a line starts: - + = */
    MD_DIGIT = 4,  /* "1." or "1)" at the start of a line makes a list */
};

static const unsigned char md_classes[128] = {
    ['\\'] = MD_INLINE, ['`'] = MD_INLINE, ['*'] = MD_INLINE, ['_'] = MD_INLINE,
    ['['] = MD_INLINE,  [']'] = MD_INLINE, ['<'] = MD_INLINE, ['>'] = MD_INLINE,
    ['#'] = MD_INLINE,  ['|'] = MD_INLINE, ['~'] = MD_INLINE, ['$'] = MD_INLINE,
    ['@'] = MD_INLINE,  ['&'] = MD_INLINE, ['-'] = MD_START,  ['+'] = MD_START,
    ['='] = MD_START,   ['0'] = MD_DIGIT,  ['1'] = MD_DIGIT,  ['2'] = MD_DIGIT,
    ['3'] = MD_DIGIT,   ['4'] = MD_DIGIT,  ['5'] = MD_DIGIT,  ['6'] = MD_DIGIT,
    ['7'] = MD_DIGIT,   ['8'] = MD_DIGIT,  ['9'] = MD_DIGIT,
};

static unsigned
md_class(unsigned char c)
{
    return c < 0x80 ? md_classes[c] : MD_PLAIN;
}

/*
 * Whether an ASCII byte is copied as it is once a line has started:
 * printable but for MD_INLINE, or TAB or FF.  (- + = and digits only
 * matter where a line starts; CR and LF end a run.)
 */
static bool
md_plain(unsigned char c)
{
    if (c < 0x20)
        return c == '\t' || c == '\f';
    return c != 0x7F && (md_classes[c] & MD_INLINE) == 0;
}

/* --- URLs in Markdown ---

   A GFM renderer links a bare URL by itself (the autolink extension), but
   from the raw text: the backslashes that make the rest of the text read
   literally end up in the link (zwgk\_2024), and a hard break's backslash
   at the end of a line joins it.  So a URL is written as a link whose
   extent goalc chooses: <https://…> (a CommonMark autolink, where nothing
   is escaped) or, for www.…, [www.…](<http://www.…>) as GFM itself would
   link it.  Inside both, entities are decoded, so & is written &amp;. */

static bool
md_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* What a URL may hold: RFC 3986's unreserved, reserved and %, but no | (a
   table cell's end), and nothing that ends an autolink or needs escaping
   in one (space, < > " \ ` { } ^, any non-ASCII character). */
static bool
md_url_char(unsigned char c)
{
    return md_ascii_alnum(c) || (c != 0 && strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL);
}

/* Whether s starts with the ASCII prefix p, case-insensitive. */
static bool
md_starts_with(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] | 0x20) != (unsigned char)p[i])
            return false;
    return true;
}

/*
 * The length of the URL starting at s (escape.h: http://, https://,
 * ftp:// or www., then a letter or digit, then URL characters, less the
 * punctuation that ends a sentence and an unbalanced closing parenthesis,
 * as GFM trims them), or 0; *www when it starts with www. and has no
 * scheme.  The caller checks that no letter or digit comes before s.
 */
static size_t
md_url_length(const char *s, size_t len, bool *www)
{
    size_t p = 0;
    *www = false;
    if (md_starts_with(s, len, "https://"))
        p = 8;
    else if (md_starts_with(s, len, "http://") || md_starts_with(s, len, "ftp://"))
        p = s[0] == 'f' || s[0] == 'F' ? 6 : 7;
    else if (len >= 4 && memcmp(s, "www.", 4) == 0) /* GFM: lower case only */
        p = 4, *www = true;
    if (p == 0 || p >= len || !md_ascii_alnum((unsigned char)s[p]))
        return 0;
    size_t end = p, open = 0, close = 0;
    while (end < len && md_url_char((unsigned char)s[end])) {
        open += s[end] == '(';
        close += s[end] == ')';
        end++;
    }
    for (;;) {
        char last = s[end - 1];
        if (strchr(".,:;!?'*_~", last) != NULL)
            end--;
        else if (last == ')' && close > open)
            end--, close--;
        else
            break;
    }
    return end > p ? end : 0;
}

/* Whether a URL starts at s[i]: a URL's first letter after no letter or digit. */
static size_t
md_url_at(const char *s, size_t i, size_t len, bool *www)
{
    unsigned char c = (unsigned char)s[i] | 0x20;
    if (c != 'h' && c != 'w' && c != 'f')
        return 0;
    if (i > 0 && md_ascii_alnum((unsigned char)s[i - 1]))
        return 0;
    return md_url_length(s + i, len - i, www);
}

/* A URL as a link destination or autolink: & as &amp;, the rest as it is. */
static void
md_url_bytes(struct writer *w, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '&')
            writer_bytes(w, "&amp;", 5);
        else
            writer_byte(w, s[i]);
    }
}

static void
md_url(struct writer *w, const char *s, size_t n, bool www)
{
    if (!www) {
        writer_byte(w, '<');
        md_url_bytes(w, s, n);
        writer_byte(w, '>');
        return;
    }
    writer_byte(w, '[');
    for (size_t i = 0; i < n; i++) { /* the text as written: URL characters are ASCII */
        if (md_class((unsigned char)s[i]) & MD_INLINE)
            writer_byte(w, '\\');
        writer_byte(w, s[i]);
    }
    writer_bytes(w, "](<http://", 10);
    md_url_bytes(w, s, n);
    writer_bytes(w, ">)", 2);
}

/* The end of the run of text from i that is copied as it is, not at a line
   start; it stops before a URL other than one at i (the caller's to find). */
static size_t
md_plain_run(const char *s, size_t i, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t from = i;
    bool www;
    while (i < len) {
        if (u[i] < 0x80) {
            if (!md_plain(u[i]) || (i > from && md_url_at(s, i, len, &www) > 0))
                break;
            i++;
        } else {
            size_t n = html_plain_char(u + i, len - i);
            if (n == 0)
                break;
            i += n;
        }
    }
    return i;
}

void
escape_markdown_to(struct writer *w, const char *s, size_t len, enum escape_md_context ctx)
{
    bool line_start = true;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r' || c == '\n') {
            i += c == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
            if (ctx == ESCAPE_MD_INLINE) {
                writer_bytes(w, "<br>", 4);
                continue;
            }
            /* A hard break inside a paragraph; a blank line (or the end) ends it. */
            size_t j = i;
            while (j < len && (s[j] == ' ' || s[j] == '\t'))
                j++;
            bool blank = line_start || j >= len || s[j] == '\n' || s[j] == '\r';
            writer_str(w, blank ? "\n" : "\\\n");
            line_start = true;
            continue;
        }
        if (line_start && ctx == ESCAPE_MD_BLOCK && (c == ' ' || c == '\t')) {
            i++; /* four blanks would start a code block */
            continue;
        }
        bool www;
        size_t url = md_url_at(s, i, len, &www);
        if (url > 0) {
            md_url(w, s + i, url, www);
            i += url;
            line_start = false;
            continue;
        }
        unsigned cls = md_class(c);
        line_start = line_start && ctx == ESCAPE_MD_BLOCK;
        if (line_start && (cls & MD_DIGIT)) {
            /* "2024." or "1)" would start an ordered list: escape the mark. */
            size_t j = i;
            while (j < len && (md_class((unsigned char)s[j]) & MD_DIGIT))
                j++;
            writer_bytes(w, s + i, j - i);
            if (j < len && (s[j] == '.' || s[j] == ')')) {
                writer_byte(w, '\\');
                writer_byte(w, s[j]);
                j++;
            }
            i = j;
            line_start = false;
            continue;
        }
        if ((cls & MD_INLINE) || (line_start && (cls & MD_START))) {
            writer_byte(w, '\\');
            writer_byte(w, (char)c);
            i++;
        } else {
            size_t j = md_plain_run(s, i, len);
            if (j > i) { /* the character at i, and what follows it that needs nothing */
                writer_bytes(w, s + i, j - i);
                i = j;
            } else { /* a control, DEL, or a character html_forbidden() decides */
                size_t n;
                if (html_forbidden(s, len, i, &n))
                    writer_bytes(w, REPLACEMENT, sizeof REPLACEMENT - 1);
                else
                    writer_bytes(w, s + i, n);
                i += n;
            }
        }
        line_start = false;
    }
}

/* --- URI ------------------------------------------------------------------- */

/*
 * RFC 3986 unreserved characters, and "/" which separates path segments.
 * Everything else is percent-encoded, including sub-delims and ":" that a
 * path may carry: an encoded colon cannot be read as a scheme.
 */
static bool
uri_keeps(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

static void
uri_bytes(struct writer *w, const unsigned char *u, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        if (uri_keeps(u[i])) {
            writer_byte(w, (char)u[i]);
        } else {
            writer_byte(w, '%');
            writer_byte(w, hex[u[i] >> 4]);
            writer_byte(w, hex[u[i] & 0xF]);
        }
    }
}

void
escape_uri_path_to(struct writer *w, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t bad;
        size_t n = u[i] < 0x80 ? 1 : utf8_decode(u + i, len - i, &cp, &bad);
        if (n == 0) { /* invalid UTF-8: U+FFFD's bytes, as a repaired path would have */
            uri_bytes(w, (const unsigned char *)REPLACEMENT, sizeof REPLACEMENT - 1);
            i += bad;
        } else {
            uri_bytes(w, u + i, n);
            i += n;
        }
    }
}

/* --- terminals ------------------------------------------------------------- */

void
escape_terminal_to(struct writer *w, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != 0x7F)
            continue;
        writer_bytes(w, s + run, i - run);
        if (c == '\n')
            writer_bytes(w, "\xE2\x86\xB5", 3); /* U+21B5 ↵ */
        else
            writer_bytes(w, REPLACEMENT, sizeof REPLACEMENT - 1);
        run = i + 1;
    }
    writer_bytes(w, s + run, len - run);
}

/* n hexadecimal digits (upper case) of v, at least min of them. */
static void
hex_upper(struct writer *w, uint32_t v, int min)
{
    static const char hex[] = "0123456789ABCDEF";
    char buf[8];
    int n = 0;
    do {
        buf[n++] = hex[v & 0xF];
        v >>= 4;
    } while (v != 0 || n < min);
    while (n > 0)
        writer_byte(w, buf[--n]);
}

int
escape_echo_char_to(struct writer *w, const char *s, size_t len, size_t *n)
{
    uint32_t cp;
    size_t bad;
    *n = utf8_decode((const unsigned char *)s, len, &cp, &bad);
    bool invalid = *n == 0;
    if (invalid) { /* a byte of invalid UTF-8 (the one reported, surely): as a control */
        *n = 1;
        cp = (unsigned char)s[0];
    } else if (cp == '\t') {
        writer_byte(w, ' ');
        return 1;
    }
    if (invalid || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
        writer_bytes(w, "\\x", 2);
        hex_upper(w, cp, 2);
        return 4;
    }
    if (utf8_is_forbidden_invisible(cp)) { /* never let a bidi override reach the terminal */
        writer_bytes(w, "<U+", 3);
        hex_upper(w, cp, 4);
        writer_byte(w, '>');
        return cp > 0xFFFFF ? 10 : cp > 0xFFFF ? 9 : 8; /* "<U+" "HHHH" to "HHHHHH" ">" */
    }
    writer_bytes(w, s, *n);
    return utf8_width(cp);
}

void
escape_path_to(struct writer *w, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n;
        if (s[i] == '\t') {
            writer_bytes(w, "\\x09", 4);
            n = 1;
        } else {
            escape_echo_char_to(w, s + i, len - i, &n);
        }
        i += n;
    }
}

bool
escape_path_needed(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t bad;
        size_t n = utf8_decode((const unsigned char *)s + i, len - i, &cp, &bad);
        if (n == 0 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
            utf8_is_forbidden_invisible(cp))
            return true;
        i += n;
    }
    return false;
}

/* --- goalc's own strings --------------------------------------------------- */

void
escape_goal_to(struct writer *w, const char *s, size_t len, enum escape_goal_context ctx)
{
    bool block = ctx == ESCAPE_GOAL_BLOCK;
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc;
        if (c == '\\')
            esc = "\\\\";
        else if (c == '"' && (!block || (i + 2 < len && s[i + 1] == '"' && s[i + 2] == '"')))
            esc = "\\\"";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\t' && !block)
            esc = "\\t";
        else if ((c < 0x20 && c != '\t') || c == 0x7F)
            esc = NULL; /* \u{X} */
        else
            continue;
        writer_bytes(w, s + run, i - run);
        if (esc != NULL) {
            writer_str(w, esc);
        } else {
            writer_bytes(w, "\\u{", 3);
            hex_upper(w, c, 1);
            writer_byte(w, '}');
        }
        run = i + 1;
    }
    writer_bytes(w, s + run, len - run);
}

/* --- onto a stream --------------------------------------------------------- */

/* Runs call, which writes to the writer w, through a small writer onto out. */
#define ESCAPE_ONTO(out, call)                                                                     \
    do {                                                                                           \
        char buf_[ESCAPE_STREAM_BUFFER];                                                           \
        struct writer w_;                                                                          \
        writer_init(&w_, out, buf_, sizeof buf_);                                                  \
        call;                                                                                      \
        writer_flush(&w_);                                                                         \
    } while (0)

void
escape_json(FILE *out, const char *s, size_t len)
{
    ESCAPE_ONTO(out, escape_json_to(&w_, s, len));
}

void
escape_html(FILE *out, const char *s, size_t len)
{
    ESCAPE_ONTO(out, escape_html_to(&w_, s, len));
}

void
escape_html_cell(FILE *out, const char *s, size_t len)
{
    ESCAPE_ONTO(out, escape_html_cell_to(&w_, s, len));
}

void
escape_html_attr(FILE *out, const char *s, size_t len)
{
    ESCAPE_ONTO(out, escape_html_attr_to(&w_, s, len));
}

void
escape_csv(FILE *out, const struct escape_span *spans, size_t count)
{
    ESCAPE_ONTO(out, escape_csv_to(&w_, spans, count));
}

void
escape_csv_columns(FILE *out, escape_column_fn *next, void *ctx)
{
    ESCAPE_ONTO(out, escape_csv_columns_to(&w_, next, ctx));
}

void
escape_markdown(FILE *out, const char *s, size_t len, enum escape_md_context ctx)
{
    ESCAPE_ONTO(out, escape_markdown_to(&w_, s, len, ctx));
}

void
escape_uri_path(FILE *out, const char *s, size_t len)
{
    ESCAPE_ONTO(out, escape_uri_path_to(&w_, s, len));
}

int
escape_hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
