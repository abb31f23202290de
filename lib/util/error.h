/* error.h - the library's error helpers: GErrors of domain FR_ERROR with
 * formatted messages, set once here for every layer. */
#ifndef FR_ERROR_HELPERS_H
#define FR_ERROR_HELPERS_H

#include "freightroute.h"

/* Sets an FR_ERROR_QUERY error with a formatted message; returns false. */
bool fr_query_error(GError **error, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* Sets the FR_ERROR_NO_ROUTE error "no route from 'FROM' to 'TO' WHY";
 * returns false. */
bool fr_no_route_error(GError **error, const char *from, const char *to, const char *why);

/* Sets the FR_ERROR_QUERY error for totals that overflow (FORMAT.md §3:
 * invalid input), naming the quantity; returns false. */
bool fr_overflow_error(GError **error, double quantity);

#endif /* FR_ERROR_HELPERS_H */
