/* error.c - the library's error domain and error helpers (error.h). */
#include "error.h"

#include <stdarg.h>

G_DEFINE_QUARK(fr-error-quark, fr_error)

bool fr_query_error(GError **error, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *message = g_strdup_vprintf(format, args);
    va_end(args);
    g_set_error_literal(error, FR_ERROR, FR_ERROR_QUERY, message);
    g_free(message);
    return false;
}

bool fr_no_route_error(GError **error, const char *from, const char *to, const char *why)
{
    g_set_error(error, FR_ERROR, FR_ERROR_NO_ROUTE, "no route from '%s' to '%s' %s", from, to,
                why);
    return false;
}

bool fr_overflow_error(GError **error, double quantity)
{
    return fr_query_error(error,
                          "the totals for a quantity of %g TEU are too large to be numbers: "
                          "ask for a smaller quantity",
                          quantity);
}
