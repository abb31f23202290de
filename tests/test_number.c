/* test_number.c - unit tests of fr_parse_decimal (lib/util/number.h), the
 * loader's number parser, against the C library's strtod.
 *
 * Every text the parser accepts must give bit for bit the double strtod
 * gives for it (the sign of zero, infinities and subnormals included), on
 * its exact fast path as on its g_ascii_strtod fallback; every other text
 * must be refused with the output untouched. Millions of generated
 * decimals cover both paths (the tests count them), random strings over
 * the characters of numbers are checked against the test's own statement
 * of the syntax, and a table by hand covers the edges: 2^53, 10^22, 1e23,
 * long mantissas, leading and trailing zeros, overflow and underflow. */
#include "helpers.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"

#define UNTOUCHED 12345.678 /* *out before a call that must refuse */

static unsigned below(uint64_t *state, unsigned n) { return (unsigned)(test_random(state) % n); }

/* The test's own statement of a plain decimal (number.h): an optional sign,
 * digits with an optional point and at least one digit, an optional
 * exponent of e or E, an optional sign and at least one digit. */
static bool is_plain_decimal(const char *s)
{
    size_t digits = 0;
    if (*s == '+' || *s == '-')
        s++;
    for (; *s >= '0' && *s <= '9'; s++)
        digits++;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            digits++;
    if (digits == 0)
        return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* Whether the text, a plain decimal, can take the exact fast path: its
 * digits without the point an integer of at most 2^53 (no overflow on the
 * way), and its power of ten within -22..22. Counted only, to show that
 * the generated texts exercise both paths. */
static bool fast_path_case(const char *s)
{
    uint64_t mantissa = 0;
    long scale = 0;
    bool fraction = false;
    if (*s == '+' || *s == '-')
        s++;
    for (; (*s >= '0' && *s <= '9') || *s == '.'; s++) {
        if (*s == '.') {
            fraction = true;
            continue;
        }
        if (mantissa > (UINT64_MAX - 9) / 10)
            return false;
        mantissa = mantissa * 10 + (uint64_t)(*s - '0');
        scale -= fraction;
    }
    if (*s == 'e' || *s == 'E')
        scale += strtol(s + 1, NULL, 10);
    return mantissa <= (UINT64_C(1) << 53) && scale >= -22 && scale <= 22;
}

/* fr_parse_decimal(s) must give exactly strtod(s)'s double. */
static void check_same_as_strtod(const char *s)
{
    char *end = NULL;
    double want = strtod(s, &end);
    if (*end != '\0')
        fail_msg("'%s': strtod stops at '%s', the test made a text that is not a number", s, end);
    double got = UNTOUCHED;
    if (!fr_parse_decimal(s, &got))
        fail_msg("'%s' refused, but it is a plain decimal", s);
    if (memcmp(&got, &want, sizeof got) != 0)
        fail_msg("'%s' gives %.17g (%a), strtod gives %.17g (%a)", s, got, got, want, want);
}

static void check_refused(const char *s)
{
    double out = UNTOUCHED;
    if (fr_parse_decimal(s, &out))
        fail_msg("'%s' accepted as %.17g, but it is not a plain decimal", s, out);
    if (out != UNTOUCHED)
        fail_msg("'%s' refused, but *out changed to %.17g", s, out);
}

static void append_digits(GString *s, uint64_t *state, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        g_string_append_c(s, (char)('0' + below(state, 10)));
}

/* A random plain decimal: a sign or not, up to `max_int` digits before the
 * point and up to `max_frac` after it (at least one in all), an exponent
 * or not, within +-`max_exp`, sometimes with leading zeros. */
static void random_decimal(GString *s, uint64_t *state, unsigned max_int, unsigned max_frac,
                           unsigned max_exp)
{
    g_string_truncate(s, 0);
    unsigned sign = below(state, 4);
    if (sign == 1)
        g_string_append_c(s, '-');
    else if (sign == 2)
        g_string_append_c(s, '+');
    unsigned n_int = below(state, max_int + 1), n_frac = below(state, max_frac + 1);
    if (n_int + n_frac == 0)
        n_int = 1;
    if (below(state, 8) == 0)
        g_string_append(s, "000");
    append_digits(s, state, n_int);
    if (n_frac > 0 || below(state, 8) == 0) {
        g_string_append_c(s, '.');
        append_digits(s, state, n_frac);
    }
    if (max_exp > 0 && below(state, 3) == 0) {
        g_string_append_c(s, below(state, 2) ? 'e' : 'E');
        unsigned esign = below(state, 3);
        if (esign)
            g_string_append_c(s, esign == 1 ? '-' : '+');
        if (below(state, 8) == 0)
            g_string_append_c(s, '0');
        g_string_append_printf(s, "%u", below(state, max_exp + 1));
    }
}

/* Decimals as a network's files hold them (a few digits each side of the
 * point), then long ones and far exponents: both paths, many times over. */
static void test_generated_decimals(void **state)
{
    (void)state;
    static const struct {
        unsigned max_int, max_frac, max_exp, count;
    } kinds[] = {
        {6, 6, 0, 400000},   /* lat, lon, km, hours, USD */
        {9, 9, 25, 400000},  /* around the fast path's edges */
        {20, 20, 30, 300000}, /* mantissas past 2^53 and past 64 bits */
        {3, 3, 400, 300000}, /* overflow to infinity, subnormals, zero */
        {40, 40, 340, 100000},
    };
    uint64_t rng = 20240611;
    GString *s = g_string_new(NULL);
    unsigned long fast = 0, fallback = 0;
    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++)
        for (unsigned i = 0; i < kinds[k].count; i++) {
            random_decimal(s, &rng, kinds[k].max_int, kinds[k].max_frac, kinds[k].max_exp);
            check_same_as_strtod(s->str);
            if (fast_path_case(s->str))
                fast++;
            else
                fallback++;
        }
    g_string_free(s, TRUE);
    /* both paths well exercised */
    assert_true(fast > 500000);
    assert_true(fallback > 200000);
}

/* Exactly representable values printed in many ways: integers up to 2^53
 * times or over powers of ten up to 10^22, the fast path's whole range. */
static void test_fast_path_range(void **state)
{
    (void)state;
    uint64_t rng = 7;
    char text[64];
    for (int i = 0; i < 300000; i++) {
        uint64_t mantissa = test_random(&rng) >> (11 + below(&rng, 53));
        int scale = (int)below(&rng, 45) - 22;
        switch (below(&rng, 3)) {
        case 0: /* mantissa and exponent */
            g_snprintf(text, sizeof text, "%" G_GUINT64_FORMAT "e%d", mantissa, scale);
            break;
        case 1: /* a point within or before the digits, when the scale allows */
            if (scale < 0 && scale >= -20) {
                char digits[32];
                int n = g_snprintf(digits, sizeof digits, "%020" G_GUINT64_FORMAT, mantissa);
                g_snprintf(text, sizeof text, "%.*s.%s", n + scale, digits, digits + n + scale);
                break;
            }
            /* fall through */
        default:
            g_snprintf(text, sizeof text, "-%" G_GUINT64_FORMAT "E%+d", mantissa, scale);
            break;
        }
        check_same_as_strtod(text);
    }
}

/* The edges, by hand. */
static void test_edges(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "0", "-0", "+0", "0.0", "-0.0e10", "0e-400", ".5", "5.", "-.5", "+5.", "007",
        "1.50", "0.1", "0.2", "0.3", "106.551556", "-33.8688", "1234.5678",
        "9007199254740992",    /* 2^53: the fast path's largest mantissa */
        "9007199254740993",    /* 2^53 + 1: falls back, rounds to even */
        "9007199254740993e-5", "90071992547409931",
        "18446744073709551615", /* 2^64 - 1 */
        "18446744073709551616", "123456789012345678901234567890",
        "1.000000000000000000000000000001", /* mantissa overflows: falls back */
        "00000000000000000000000000000000000001.5", /* leading zeros stay exact */
        "1.5000000000000000000000000000000000000",
        "1e22", "1e23", /* 10^22 is the last exact power; 1e23 is not 10^23 * 1 */
        "1e-22", "1e-23", "123e20", "123e21", "0.000000000000000000001",
        "8.98846567431158e307", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "1e309", "-1e400", "1e99999999999",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "-1e-99999999999",
        "1E5", "1e+5", "1e-05", "1e0005", "0.1e1", "100e-2",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        check_same_as_strtod(texts[i]);
    double out = 0;
    assert_true(fr_parse_decimal("1e400", &out) && isinf(out) && out > 0);
    assert_true(fr_parse_decimal("-0", &out) && out == 0 && signbit(out));
}

static void test_refused(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "", "+", "-", ".", "+.", "-.", "e5", ".e5", "E", "1e", "1e+", "1e-", "1E+-5",
        "1.2.3", "1..2", " 1", "1 ", "\t1", "1\n", "0x10", "0X1p3", "inf", "-inf",
        "infinity", "nan", "NaN", "1,5", "1_000", "--1", "+-1", "-+1", "1e5.5", "1ee5",
        "1e5e5", "1d", "1f", "1.5L", "12a", "a12", "1e 5", "1 e5", "\xd9\xa1", "1\xc2\xa0",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        check_refused(texts[i]);
}

/* Random strings over the characters of numbers: accepted exactly when
 * they are plain decimals, and then strtod's value. */
static void test_random_strings(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789012345678901234567890123456789+-..eE x";
    uint64_t rng = 99;
    char text[16];
    unsigned long accepted = 0;
    for (int i = 0; i < 1000000; i++) {
        unsigned len = below(&rng, sizeof text);
        for (unsigned j = 0; j < len; j++)
            text[j] = alphabet[below(&rng, sizeof alphabet - 1)];
        text[len] = '\0';
        if (is_plain_decimal(text)) {
            check_same_as_strtod(text);
            accepted++;
        } else {
            check_refused(text);
        }
    }
    assert_true(accepted > 50000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated_decimals),
        cmocka_unit_test(test_fast_path_range),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_random_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
