/*
 * escape.h - every escaping rule goalc output needs, in one place.
 *
 * Back ends never escape by hand: they pass text through these.  Each
 * function writes the escaped form of UTF-8 text and depends on the bytes
 * only (no locale), so output is the same everywhere.  Each comes twice:
 * escape_X_to() appends to a buffered writer (writer.h), which is what the
 * back ends use; escape_X() writes to a stdio stream, for the odd string
 * elsewhere (diagnostics, diff reports).  Both write the same bytes.
 */
#ifndef GOALC_ESCAPE_H
#define GOALC_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/writer.h"

/* A piece of text; a CSV field may be made of several (a comparator, a value, a unit). */
struct escape_span {
    const char *s;
    size_t len;
};

/* A JSON string literal, quotes included.  Control characters, U+2028/9 escaped. */
void
escape_json(FILE *out, const char *s, size_t len);
void
escape_json_to(struct writer *w, const char *s, size_t len);
/* The same for bytes that may not be UTF-8 (a path from the command line): each invalid
   sequence becomes U+FFFD, so the string is valid JSON whatever the bytes. */
void
escape_json_repair_to(struct writer *w, const char *s, size_t len);
/* A SARIF plain-text message as a JSON string, repaired as above: [ and ] (and a backslash
   before one) get a backslash, so text from a source file cannot make an embedded link. */
void
escape_sarif_text_to(struct writer *w, const char *s, size_t len);

/*
 * HTML text content: & < > as references.  Characters HTML forbids in a
 * document (controls other than TAB, LF and FF; noncharacters) become
 * U+FFFD; CR and CRLF become LF, as an HTML parser would read them.
 */
void
escape_html(FILE *out, const char *s, size_t len);
void
escape_html_to(struct writer *w, const char *s, size_t len);
/* The same for a short field in a table cell: a line break (LF, CR, CRLF) as <br>. */
void
escape_html_cell(FILE *out, const char *s, size_t len);
void
escape_html_cell_to(struct writer *w, const char *s, size_t len);
/* The same for a double-quoted attribute value: " and ' as references too. */
void
escape_html_attr(FILE *out, const char *s, size_t len);
void
escape_html_attr_to(struct writer *w, const char *s, size_t len);

/*
 * One CSV field whose text is the concatenation of the spans (RFC 4180):
 * quoted when it contains a comma, a quote, CR or LF, quotes doubled, line
 * breaks kept as they are.  A field a spreadsheet would run as a formula -
 * one starting with = + - @ TAB or CR - gets a leading apostrophe and is
 * quoted (OWASP's CSV injection advice).  Numbers (digits and a point)
 * never start with those, so they come out bare and stay numeric.
 */
void
escape_csv(FILE *out, const struct escape_span *spans, size_t count);
void
escape_csv_to(struct writer *w, const struct escape_span *spans, size_t count);
/*
 * One CSV field listing named columns (栏, docs/csv.md): "NAME: TEXT" for
 * each, one a line; in both a backslash and a line break are written
 * \\ \n \r, and in a name a colon \:, so the list reads back exactly.  next
 * gives the i-th column and returns false after the last; it is called
 * twice per column.  Quoted and neutralised as escape_csv.
 */
typedef bool escape_column_fn(void *ctx, size_t i, struct escape_span *name,
                              struct escape_span *text);
void
escape_csv_columns(FILE *out, escape_column_fn *next, void *ctx);
void
escape_csv_columns_to(struct writer *w, escape_column_fn *next, void *ctx);
/* The same list's text alone, neither quoted nor neutralised (an xlsx cell's). */
void
escape_columns_text(FILE *out, escape_column_fn *next, void *ctx);
/* True when escape_csv would neutralise a field starting with these bytes. */
bool
escape_csv_is_formula(const char *s, size_t len);

/* Where Markdown text goes. */
enum escape_md_context {
    ESCAPE_MD_BLOCK,  /* starts a line of a paragraph: line breaks become hard breaks,
                         a blank line starts a new paragraph */
    ESCAPE_MD_INLINE, /* after the start of a line (a table cell, a heading, a list
                         item's text): line breaks become <br> */
};

/*
 * GitHub-flavoured Markdown: the text reads literally.  ASCII punctuation
 * that can start inline syntax (emphasis, code, links, HTML, entities,
 * math, strikethrough, mentions, table pipes) is backslash-escaped
 * everywhere; in a block, what would start a block (- + = and "1." or "1)"
 * lists; # and > are always escaped) is escaped where a line starts, and
 * leading blanks of a line are dropped so they cannot make a code block.
 * Characters HTML forbids become U+FFFD, as in escape_html.  A URL
 * (http://, https://, ftp:// or www. after no letter or digit, up to a
 * character a URL cannot hold, less trailing . , : ; ! ? ' * _ ~ and an
 * unbalanced ")") is written as a link, <URL> or [www.…](<http://www.…>),
 * so that a GFM renderer links exactly it, unescaped (docs/html.md).
 */
void
escape_markdown(FILE *out, const char *s, size_t len, enum escape_md_context ctx);
void
escape_markdown_to(struct writer *w, const char *s, size_t len, enum escape_md_context ctx);

/*
 * A file path as the path of a URI reference (RFC 3986): every byte but
 * the unreserved characters and "/" is percent-encoded, so spaces, "%",
 * ":" and non-ASCII (as its UTF-8 bytes) come out as %XX; bytes that are
 * not UTF-8 as U+FFFD's.  The output is ASCII and needs no further
 * escaping in JSON, HTML or XML.
 */
void
escape_uri_path(FILE *out, const char *s, size_t len);
void
escape_uri_path_to(struct writer *w, const char *s, size_t len);

/* The other way, for every decoder of an escape (\u{…} in strings, _xHHHH_ in
   workbooks, %HH in URIs): the value of a hexadecimal digit, -1 for any
   other character. */
int
escape_hex_value(char c);

/*
 * Text on one line of a terminal (the diff's text report): LF as U+21B5
 * (a visible ↵), other control characters (C0, DEL) as U+FFFD, so a table
 * cannot drive the terminal.
 */
void
escape_terminal_to(struct writer *w, const char *s, size_t len);

/*
 * The character at s (len bytes left) of a source line echoed under a
 * diagnostic: TAB as a space; controls (C0, DEL, C1) and a byte of invalid
 * UTF-8 as \xNN; a character that reorders or hides text (Trojan Source)
 * as <U+NNNN>.  *n is the number of bytes it took; returns the terminal
 * columns written, so the caret can be put under it.
 */
int
escape_echo_char_to(struct writer *w, const char *s, size_t len, size_t *n);

/*
 * A file name in a message or a report header: each character as
 * escape_echo_char_to() echoes it (controls and bytes of invalid UTF-8 as
 * \xNN, bidi overrides as <U+NNNN>), TAB included (\x09), so a path
 * cannot drive the terminal and two paths that differ still look different.
 */
void
escape_path_to(struct writer *w, const char *s, size_t len);
/* Whether escape_path_to would change s. */
bool
escape_path_needed(const char *s, size_t len);

/* Where goalc's own string syntax is written (goalc fmt). */
enum escape_goal_context {
    ESCAPE_GOAL_STRING, /* inside "…": \ " LF and TAB escaped */
    ESCAPE_GOAL_BLOCK,  /* one line of a """ text block: \ and a " that starts """ */
};

/* Text in goalc's string syntax, without the quotes; other controls as \u{X}. */
void
escape_goal_to(struct writer *w, const char *s, size_t len, enum escape_goal_context ctx);

#endif
