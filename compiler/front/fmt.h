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
struct compilation;
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

/*
 * goalc fmt --fill: the canonical form of c's root file (compiled without
 * errors, with the comments recorded while parsing it), with the values
 * goalc computes written where the file writes none: each indicator's,
 * category's and 指标's 得分 (when it has a 分值 and the score is
 * computed), the 资金 header's 执行率 and 得分, and the 总分, 得分 and
 * 等级 of each table with a self-evaluation.  Written values are kept as
 * written.  An indicator with an 实际 and a 分值 whose score cannot be
 * computed gets none and a warning (W0801) in c->diags.  docs/fmt.md.
 */
void
fmt_file_filled(FILE *out, struct compilation *c, const struct parse_comments *comments,
                const struct fmt_options *options);

#endif
