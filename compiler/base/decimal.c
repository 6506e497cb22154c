/*
 * decimal.c - exact, overflow-checked decimal arithmetic.
 *
 * Invariant: scale stays within 0..DECIMAL_MAX_SCALE; every function that
 * can overflow says so in its result rather than producing a wrong value.
 */
#include "base/decimal.h"

#include <stdio.h>

static const int64_t pow10_table[DECIMAL_MAX_SCALE + 1] = {
    1,
    10,
    100,
    1000,
    10000,
    100000,
    1000000,
    10000000,
    100000000,
    1000000000,
    10000000000,
    100000000000,
    1000000000000,
    10000000000000,
    100000000000000,
    1000000000000000,
    10000000000000000,
    100000000000000000,
    1000000000000000000,
};

bool
decimal_parse(const char *s, size_t len, struct decimal *out)
{
    int64_t coef = 0;
    int scale = 0;
    bool point = false, digits = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ',' && !point)
            continue;
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (c < '0' || c > '9')
            return false;
        if (point && ++scale > DECIMAL_MAX_SCALE)
            return false;
        if (__builtin_mul_overflow(coef, 10, &coef) || __builtin_add_overflow(coef, c - '0', &coef))
            return false;
        digits = true;
    }
    if (!digits)
        return false;
    out->coef = coef;
    out->scale = scale;
    return true;
}

/* Brings d to a larger scale; false on overflow. */
static bool
rescale(struct decimal d, int scale, int64_t *coef)
{
    return !__builtin_mul_overflow(d.coef, pow10_table[scale - d.scale], coef);
}

bool
decimal_add(struct decimal a, struct decimal b, struct decimal *out)
{
    int scale = a.scale > b.scale ? a.scale : b.scale;
    int64_t x, y;
    if (!rescale(a, scale, &x) || !rescale(b, scale, &y) || __builtin_add_overflow(x, y, &x))
        return false;
    out->coef = x;
    out->scale = scale;
    return true;
}

bool
decimal_sub(struct decimal a, struct decimal b, struct decimal *out)
{
    if (b.coef == INT64_MIN)
        return false;
    b.coef = -b.coef;
    return decimal_add(a, b, out);
}

int
decimal_cmp(struct decimal a, struct decimal b)
{
    int scale = a.scale > b.scale ? a.scale : b.scale;
    int64_t x, y;
    if (rescale(a, scale, &x) && rescale(b, scale, &y))
        return (x > y) - (x < y);
    /* Too big to align: compare whole parts, then the fractions (which always fit). */
    int64_t wa = a.coef / pow10_table[a.scale], wb = b.coef / pow10_table[b.scale];
    if (wa != wb)
        return (wa > wb) - (wa < wb);
    int64_t fa = (a.coef % pow10_table[a.scale]) * pow10_table[scale - a.scale];
    int64_t fb = (b.coef % pow10_table[b.scale]) * pow10_table[scale - b.scale];
    return (fa > fb) - (fa < fb);
}

size_t
decimal_format(struct decimal d, char *buf, size_t size)
{
    /* Work on the magnitude as unsigned so INT64_MIN formats too. */
    uint64_t mag = d.coef < 0 ? (uint64_t)0 - (uint64_t)d.coef : (uint64_t)d.coef;
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag);
    char tmp[DECIMAL_FORMAT_MAX];
    size_t o = 0;
    if (d.coef < 0)
        tmp[o++] = '-';
    if (n <= d.scale) { /* 0.0x */
        tmp[o++] = '0';
        tmp[o++] = '.';
        for (int i = n; i < d.scale; i++)
            tmp[o++] = '0';
        for (int i = 0; i < n; i++)
            tmp[o++] = digits[i];
    } else {
        for (int i = 0; i < n; i++) {
            if (i == n - d.scale)
                tmp[o++] = '.';
            tmp[o++] = digits[i];
        }
    }
    tmp[o] = '\0';
    return (size_t)snprintf(buf, size, "%s", tmp);
}

struct decimal
decimal_normalize(struct decimal d)
{
    while (d.scale > 0 && d.coef % 10 == 0) {
        d.coef /= 10;
        d.scale--;
    }
    return d;
}

bool
decimal_mul(struct decimal a, struct decimal b, struct decimal *out)
{
    a = decimal_normalize(a);
    b = decimal_normalize(b);
    int64_t coef;
    if (__builtin_mul_overflow(a.coef, b.coef, &coef))
        return false;
    struct decimal r = decimal_normalize((struct decimal){coef, a.scale + b.scale});
    if (r.scale > DECIMAL_MAX_SCALE)
        return false;
    *out = r;
    return true;
}

bool
decimal_shift(struct decimal d, int places, struct decimal *out)
{
    for (; places > 0 && d.scale > 0; places--)
        d.scale--;
    for (; places > 0; places--)
        if (__builtin_mul_overflow(d.coef, 10, &d.coef))
            return false;
    *out = d;
    return true;
}

bool
decimal_unshift(struct decimal d, int places, struct decimal *out)
{
    d.scale += places;
    while (d.scale > DECIMAL_MAX_SCALE && d.coef % 10 == 0) {
        d.coef /= 10;
        d.scale--;
    }
    if (d.scale > DECIMAL_MAX_SCALE)
        return false;
    *out = d;
    return true;
}

bool
decimal_is_whole(struct decimal d)
{
    return d.coef % pow10_table[d.scale] == 0;
}

/* A 128-bit integer: enough for an 18-digit coefficient times 10^20. */
__extension__ typedef __int128 wide_int;

static bool
wide_scale(wide_int v, int places, wide_int *out)
{
    for (; places > 0; places--)
        if (__builtin_mul_overflow(v, (wide_int)10, &v))
            return false;
    *out = v;
    return true;
}

bool
decimal_div_round(struct decimal a, struct decimal b, int places, struct decimal *out)
{
    if (b.coef == 0 || places < 0 || places > DECIMAL_MAX_SCALE)
        return false;
    a = decimal_normalize(a);
    b = decimal_normalize(b);
    /* a/b × 10^places = a.coef × 10^(b.scale + places) ÷ (b.coef × 10^a.scale) */
    wide_int num, den;
    if (!wide_scale(a.coef, b.scale + places, &num) || !wide_scale(b.coef, a.scale, &den))
        return false;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    wide_int q = num / den, r = num % den;
    wide_int twice = r < 0 ? -2 * r : 2 * r;
    if (twice >= den)
        q += num < 0 ? -1 : 1;
    if (q > INT64_MAX || q < -INT64_MAX)
        return false;
    *out = (struct decimal){(int64_t)q, places};
    return true;
}

bool
decimal_div_exact(struct decimal a, struct decimal b, struct decimal *out)
{
    for (int places = 0; places <= DECIMAL_MAX_SCALE; places++) {
        struct decimal q, back;
        if (decimal_div_round(a, b, places, &q) && decimal_mul(q, b, &back) &&
            decimal_cmp(back, a) == 0) {
            *out = decimal_normalize(q);
            return true;
        }
    }
    return false;
}

bool
decimal_round(struct decimal d, int places, struct decimal *out)
{
    return decimal_div_round(d, (struct decimal){1, 0}, places, out);
}
