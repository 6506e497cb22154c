/*
 * fmt.h - the canonical form of a parsed file (goalc fmt).
 *
 * Prints a FILE node as goalc writes it: four spaces per block level, one
 * space between the tokens of a line, one spelling per keyword and
 * comparator, amounts, dates and units exactly as written, and the file's
 * comments where they were.  See docs/fmt.md.
 */
#ifndef GOALC_FMT_H
#define GOALC_FMT_H

#include <stdbool.h>
#include <stdio.h>

struct ast_node;
struct parse_comments;
struct source;

/*
 * The keywords' language: the file's own by default, that of most of its
 * keywords (a tie, or a file without keywords, is Chinese); --keywords
 * zh|en forces one.  Comparators and the range word follow it.
 */
enum fmt_keywords { FMT_KEYWORDS_OF_FILE, FMT_KEYWORDS_ZH, FMT_KEYWORDS_EN };

struct fmt_options {
    enum fmt_keywords keywords;
};

/*
 * Writes the canonical form of root, the tree parsed from src without
 * errors, with the comments (and keyword counts) recorded while parsing it.
 */
void
fmt_file(FILE *out, const struct ast_node *root, const struct source *src,
         const struct parse_comments *comments, const struct fmt_options *options);

#endif
