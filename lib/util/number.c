/* number.c - fr_parse_decimal (number.h): plain decimals scanned once into
 * a mantissa and a power of ten, converted exactly by Clinger's fast path
 * when it applies and by g_ascii_strtod otherwise. */
#include "number.h"

#include <float.h>
#include <glib.h>
#include <stddef.h>
#include <stdint.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Digits of a decimal as they are scanned: the value is mantissa x 10^scale
 * while `exact` (the mantissa has not overflowed). */
typedef struct {
    uint64_t mantissa;
    int scale;
    size_t digits;
    bool exact;
} decimal;

static const char *scan_digits(const char *p, decimal *d, bool fraction)
{
    for (; is_digit(*p); p++, d->digits++) {
        if (d->mantissa > (UINT64_MAX - 9) / 10) {
            d->exact = false;
            continue;
        }
        d->mantissa = d->mantissa * 10 + (uint64_t)(*p - '0');
        d->scale -= fraction;
    }
    return p;
}

/* Scans an optional exponent; NULL if it has no digits. */
static const char *scan_exponent(const char *p, decimal *d)
{
    if (*p != 'e' && *p != 'E')
        return p;
    p++;
    bool negative = *p == '-';
    if (*p == '+' || *p == '-')
        p++;
    int exponent = 0;
    const char *start = p;
    for (; is_digit(*p); p++)
        if (exponent < 100000)
            exponent = exponent * 10 + (*p - '0');
    if (p == start)
        return NULL;
    d->scale += negative ? -exponent : exponent;
    return p;
}

/* mantissa x 10^scale when one IEEE operation gives it exactly rounded
 * (Clinger's fast path: both operands exact doubles), as strtod would. */
static bool fast_value(const decimal *d, double *out)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
#if FLT_EVAL_METHOD == 0
    if (d->exact && d->mantissa <= (UINT64_C(1) << 53) && d->scale >= -22 && d->scale <= 22) {
        double m = (double)d->mantissa;
        *out = d->scale >= 0 ? m * pow10[d->scale] : m / pow10[-d->scale];
        return true;
    }
#else
    (void)d, (void)out, (void)pow10;
#endif
    return false;
}

bool fr_parse_decimal(const char *s, double *out)
{
    const char *p = s;
    bool negative = *p == '-';
    if (*p == '+' || *p == '-')
        p++;
    decimal d = {0, 0, 0, true};
    p = scan_digits(p, &d, false);
    if (*p == '.')
        p = scan_digits(p + 1, &d, true);
    if (d.digits == 0)
        return false;
    p = scan_exponent(p, &d);
    if (!p || *p != '\0')
        return false;
    if (fast_value(&d, out))
        *out = negative ? -*out : *out;
    else
        *out = g_ascii_strtod(s, NULL);
    return true;
}
