/* number.h - parsing the plain decimal numbers of the network's CSV files
 * (FORMAT.md §1): fast for the common short decimals, and the same double
 * as g_ascii_strtod. */
#ifndef FR_NUMBER_H
#define FR_NUMBER_H

#include <stdbool.h>

/* Reads `s`, a whole plain decimal: an optional sign, digits with an
 * optional point (at least one digit in all), an optional exponent (e or E,
 * an optional sign, at least one digit), nothing before or after. Sets *out
 * to the double g_ascii_strtod gives for it (correctly rounded; ±inf when it
 * overflows) and returns true; returns false, *out untouched, when `s` is
 * not such a number ("", " 1", "1e", "0x1", "inf", "nan", "1,5").
 *
 * When the digits, read without the point, make an integer of at most 2^53
 * and the power of ten it is scaled by is within 10^-22..10^22, both are
 * exact doubles and one IEEE multiplication or division gives the result
 * (Clinger's fast path); other numbers fall back to g_ascii_strtod.
 *
 * Known limit, kept as the loader always had it: an exponent is read up to
 * six digits, so a text with some 100,000 zeros after the point and an
 * exponent of a million or more can take the fast path with a wrong power
 * of ten (a cell of over 100 KB; tests/test_number.c stays below). */
bool fr_parse_decimal(const char *s, double *out);

#endif /* FR_NUMBER_H */
