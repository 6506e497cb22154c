/*
 * lsp_docs.h - the open documents and positions in them.
 *
 * A document is its URI, the path it stands for (file: URIs decoded; other
 * schemes keep the URI as the name), its text (UTF-8 as the client sent
 * it) and version.  LSP positions count lines and UTF-16 code units; the
 * compiler counts bytes: lsp_offset and lsp_position convert, over a
 * table of line starts the document keeps up to date with its text.
 */
#ifndef GOALC_LSP_DOCS_H
#define GOALC_LSP_DOCS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lsp_analysis;

struct lsp_lines {
    uint32_t *starts; /* byte offset of each line's first byte */
    size_t count;
};

struct lsp_doc {
    char *uri;
    char *path;
    char *text; /* len bytes and a NUL */
    size_t len, cap;
    long version;
    struct lsp_lines lines;
    bool lines_stale;
    bool dirty;                    /* changed since its diagnostics were published */
    struct lsp_analysis *analysis; /* of the current text, or NULL */
    struct lsp_analysis *good;     /* the last that parsed, maybe of older text */
    struct lsp_doc *next;
};

struct lsp_docs {
    struct lsp_doc *first;
};

/* NULL when out of memory.  An open document of the same URI is replaced. */
struct lsp_doc *lsp_docs_open(struct lsp_docs *docs, const char *uri, const char *text, size_t len,
                              long version);
struct lsp_doc *lsp_docs_find(const struct lsp_docs *docs, const char *uri);
void lsp_docs_close(struct lsp_docs *docs, const char *uri);
void lsp_docs_free(struct lsp_docs *docs);

/* Replaces bytes [start, end) of the text; false when out of memory. */
bool lsp_doc_replace(struct lsp_doc *d, size_t start, size_t end, const char *text, size_t len);
/* Drops the document's analyses (its text changed). */
void lsp_doc_forget(struct lsp_doc *d);

/* The line table of the current text. */
const struct lsp_lines *lsp_doc_lines(struct lsp_doc *d);
/* Builds the table of text; false when out of memory. */
bool lsp_lines_build(struct lsp_lines *l, const char *text, size_t len);

/* The byte offset of an LSP position, clamped to the text (a line past the end: the end). */
size_t lsp_offset(const char *text, size_t len, const struct lsp_lines *l, long line,
                  long character);
/* The LSP position of a byte offset. */
void lsp_position(const char *text, size_t len, const struct lsp_lines *l, size_t offset,
                  long *line, long *character);

/* The path a file: URI names (percent-decoded), or the URI itself; malloc'd. */
char *lsp_uri_to_path(const char *uri);
/* The file: URI of a path, malloc'd. */
char *lsp_path_to_uri(const char *path);

#endif
