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

struct fmt_options {
    bool english; /* English keyword spellings (--keywords en) */
};

/*
 * Writes the canonical form of root, the tree parsed from src without
 * errors, with the comments recorded while parsing it.
 */
void
fmt_file(FILE *out, const struct ast_node *root, const struct source *src,
         const struct parse_comments *comments, const struct fmt_options *options);

#endif
