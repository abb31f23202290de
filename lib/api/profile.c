/* profile.c - departure profiles: the route of one query for every
 * departure of a window (first, first + every, ... up to last), each an
 * independent dated query. A departure with no route is a row without
 * one. */
#include "network.h"

#include "error.h"

#include <math.h>

typedef struct {
    GDateTime *depart;
    fr_route *route; /* NULL: none */
} profile_row;

struct fr_profile {
    GArray *rows; /* profile_row */
};

static bool check_window(GDateTime *first, GDateTime *last, double every_h, size_t *n,
                         GError **error)
{
    if (!first || !last)
        return fr_query_error(error, "a departure window needs its first and last departure");
    if (!(every_h > 0) || !isfinite(every_h))
        return fr_query_error(error, "the step between departures must be a number of hours "
                                     "above 0 (got %g)",
                              every_h);
    double span_h = (double)g_date_time_difference(last, first) / G_TIME_SPAN_HOUR;
    if (span_h < 0)
        return fr_query_error(error, "the window ends before it starts");
    double rows = floor(span_h / every_h + 1e-9) + 1;
    if (rows > FR_MAX_PROFILE_ROWS)
        return fr_query_error(error,
                              "the window holds %.0f departures, more than the %d allowed: "
                              "shorten it or step further",
                              rows, FR_MAX_PROFILE_ROWS);
    *n = (size_t)rows;
    return true;
}

static void clear_row(gpointer data)
{
    profile_row *row = data;
    g_date_time_unref(row->depart);
    fr_route_free(row->route);
}

fr_profile *fr_network_departure_profile(const fr_network *net, const fr_query *query,
                                         GDateTime *first, GDateTime *last, double every_h,
                                         GError **error)
{
    size_t n = 0;
    if (!net || !query) {
        fr_query_error(error, "no network or no query given");
        return NULL;
    }
    if (!check_window(first, last, every_h, &n, error))
        return NULL;
    fr_query *dated = fr_query_copy(query);
    fr_query_set_arrive_by(dated, NULL);
    fr_profile *profile = g_new0(fr_profile, 1);
    profile->rows = g_array_sized_new(FALSE, TRUE, sizeof(profile_row), (guint)n);
    g_array_set_clear_func(profile->rows, clear_row);
    for (size_t i = 0; i < n; i++) {
        GTimeSpan offset = (GTimeSpan)llround(every_h * (double)i * G_TIME_SPAN_HOUR);
        profile_row row = {g_date_time_add(first, offset), NULL};
        fr_query_set_departure(dated, row.depart);
        GError *failure = NULL;
        row.route = fr_network_route(net, dated, &failure);
        bool fatal = failure && failure->code != FR_ERROR_NO_ROUTE;
        g_array_append_val(profile->rows, row);
        if (fatal) {
            g_propagate_error(error, failure);
            fr_profile_free(profile);
            profile = NULL;
            break;
        }
        g_clear_error(&failure);
    }
    fr_query_free(dated);
    return profile;
}

void fr_profile_free(fr_profile *profile)
{
    if (!profile)
        return;
    g_array_free(profile->rows, TRUE);
    g_free(profile);
}

size_t fr_profile_count(const fr_profile *profile) { return profile ? profile->rows->len : 0; }

GDateTime *fr_profile_departure(const fr_profile *profile, size_t i)
{
    return profile && i < profile->rows->len
               ? g_array_index(profile->rows, profile_row, i).depart
               : NULL;
}

const fr_route *fr_profile_route(const fr_profile *profile, size_t i)
{
    return profile && i < profile->rows->len ? g_array_index(profile->rows, profile_row, i).route
                                             : NULL;
}
