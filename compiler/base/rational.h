/*
 * rational.h - exact fractions for the arithmetic of 计算 (sema_relations).
 *
 * A value is num / den in lowest terms, den > 0, both 64-bit; products and
 * sums go through 128 bits and report overflow instead of wrapping.  No
 * floating point: a quotient such as 2 ÷ 3 stays exact until it is shown,
 * rounded half-up to the decimals asked for.
 */
#ifndef GOALC_RATIONAL_H
#define GOALC_RATIONAL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/decimal.h"

struct rational {
    int64_t num;
    int64_t den; /* > 0 */
};

/* The value of d; false when it does not fit. */
bool
rational_from_decimal(struct decimal d, struct rational *out);
/* a + b, a - b, a × b, a ÷ b; false on overflow or (÷) when b is 0. */
bool
rational_add(struct rational a, struct rational b, struct rational *out);
bool
rational_sub(struct rational a, struct rational b, struct rational *out);
bool
rational_mul(struct rational a, struct rational b, struct rational *out);
bool
rational_div(struct rational a, struct rational b, struct rational *out);
/* -1, 0, 1 by value. */
int
rational_cmp(struct rational a, struct rational b);
/* r rounded half-up (away from zero) to places decimals; false on overflow. */
bool
rational_round(struct rational r, int places, struct decimal *out);
/* r as an exact decimal; false when it has none in 18 decimals (2/3). */
bool
rational_to_decimal(struct rational r, struct decimal *out);

#endif
