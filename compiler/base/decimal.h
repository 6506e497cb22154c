/*
 * decimal.h - exact decimal numbers for amounts and target values.
 *
 * A value is coef / 10^scale with a 64-bit coefficient: 18 significant
 * digits, far beyond any budget (万元 with 4 decimals up to 9.2e14).
 * Every operation reports overflow instead of wrapping or rounding; there
 * is no binary floating point anywhere in goalc's arithmetic.
 */
#ifndef GOALC_DECIMAL_H
#define GOALC_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DECIMAL_MAX_SCALE 18

struct decimal {
    int64_t coef;
    int scale; /* digits after the point, 0..DECIMAL_MAX_SCALE */
};

/* Parses "6727", "63008.58", "25,656.78" (separators ignored); false on overflow or junk. */
bool
decimal_parse(const char *s, size_t len, struct decimal *out);
/* a + b and a - b at the larger scale; false on overflow. */
bool
decimal_add(struct decimal a, struct decimal b, struct decimal *out);
bool
decimal_sub(struct decimal a, struct decimal b, struct decimal *out);
/* a × b, exactly; false when the result needs more than 18 digits. */
bool
decimal_mul(struct decimal a, struct decimal b, struct decimal *out);
/* d × 10^places (places ≥ 0), exactly: the point moves before the coefficient
   grows (1.5 万元 in 元 is 15000); false on overflow. */
bool
decimal_shift(struct decimal d, int places, struct decimal *out);
/* d ÷ 10^places (places ≥ 0), exactly: false when that needs more than 18
   decimals (0.000000000001 元 in 亿元). */
bool
decimal_unshift(struct decimal d, int places, struct decimal *out);
/* a ÷ b rounded half-up (half away from zero: 19.205 → 19.21, -0.005 →
   -0.01) to places decimals (0..DECIMAL_MAX_SCALE), exactly, in integers;
   false when b is 0 or the result needs more than 18 digits. */
bool
decimal_div_round(struct decimal a, struct decimal b, int places, struct decimal *out);
/* a ÷ b exactly, with the fewest decimals that hold it (1 ÷ 8 = 0.125);
   false when b is 0 or the quotient has no exact form in 18 decimals
   (1 ÷ 3). */
bool
decimal_div_exact(struct decimal a, struct decimal b, struct decimal *out);
/* d rounded half-up to places decimals (kept at that scale: 19.2 → 19.20);
   false on overflow. */
bool
decimal_round(struct decimal d, int places, struct decimal *out);
/* The same value without trailing zeros after the point (1.50 → 1.5). */
struct decimal
decimal_normalize(struct decimal d);
/* Whether d has no fractional part. */
bool
decimal_is_whole(struct decimal d);
/* -1, 0, 1 by value: 1.50 and 1.5 are equal. */
int
decimal_cmp(struct decimal a, struct decimal b);
/* Writes the value with its scale kept ("63008.58", "-0.01"); returns the length. */
size_t
decimal_format(struct decimal d, char *buf, size_t size);

/* Enough for any decimal_format output. */
#define DECIMAL_FORMAT_MAX 48

#endif
