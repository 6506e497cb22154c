/*
 * rational.c - exact fractions: num / den in lowest terms, den > 0.
 *
 * Every operation works in 128 bits, reduces by the greatest common
 * divisor, and fails (returns false, *out untouched) when the reduced
 * result does not fit 64 bits.
 */
#include "base/rational.h"

__extension__ typedef __int128 wide;

static wide
wide_gcd(wide a, wide b)
{
    if (a < 0)
        a = -a;
    if (b < 0)
        b = -b;
    while (b != 0) {
        wide t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* num / den reduced into *out; false when den is 0 or it does not fit. */
static bool
make(wide num, wide den, struct rational *out)
{
    if (den == 0)
        return false;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    wide g = wide_gcd(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    if (num > INT64_MAX || num < -INT64_MAX || den > INT64_MAX)
        return false;
    *out = (struct rational){(int64_t)num, (int64_t)den};
    return true;
}

bool
rational_from_decimal(struct decimal d, struct rational *out)
{
    wide den = 1;
    for (int i = 0; i < d.scale; i++)
        den *= 10;
    return make(d.coef, den, out);
}

bool
rational_add(struct rational a, struct rational b, struct rational *out)
{
    /* a.num·b.den fits 127 bits; the sum of two such may not: check. */
    wide x = (wide)a.num * b.den, y = (wide)b.num * a.den, s;
    if (__builtin_add_overflow(x, y, &s))
        return false;
    return make(s, (wide)a.den * b.den, out);
}

bool
rational_sub(struct rational a, struct rational b, struct rational *out)
{
    return b.num != INT64_MIN && rational_add(a, (struct rational){-b.num, b.den}, out);
}

bool
rational_mul(struct rational a, struct rational b, struct rational *out)
{
    return make((wide)a.num * b.num, (wide)a.den * b.den, out);
}

bool
rational_div(struct rational a, struct rational b, struct rational *out)
{
    if (b.num == 0)
        return false;
    return make((wide)a.num * b.den, (wide)a.den * b.num, out);
}

int
rational_cmp(struct rational a, struct rational b)
{
    wide x = (wide)a.num * b.den, y = (wide)b.num * a.den;
    return (x > y) - (x < y);
}

bool
rational_round(struct rational r, int places, struct decimal *out)
{
    if (places < 0 || places > DECIMAL_MAX_SCALE)
        return false;
    wide num = r.num;
    for (int i = 0; i < places; i++)
        if (__builtin_mul_overflow(num, (wide)10, &num))
            return false;
    wide q = num / r.den, rem = num % r.den;
    wide twice = rem < 0 ? -2 * rem : 2 * rem;
    if (twice >= r.den)
        q += num < 0 ? -1 : 1;
    if (q > INT64_MAX || q < -INT64_MAX)
        return false;
    *out = (struct decimal){(int64_t)q, places};
    return true;
}

bool
rational_to_decimal(struct rational r, struct decimal *out)
{
    /* Exact in decimals only when den has no prime factor but 2 and 5. */
    int64_t d = r.den;
    int twos = 0, fives = 0;
    while (d % 2 == 0) {
        d /= 2;
        twos++;
    }
    while (d % 5 == 0) {
        d /= 5;
        fives++;
    }
    int places = twos > fives ? twos : fives;
    if (d != 1 || places > DECIMAL_MAX_SCALE)
        return false;
    struct decimal v;
    if (!rational_round(r, places, &v))
        return false;
    *out = decimal_normalize(v);
    return true;
}
