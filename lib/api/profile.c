/* profile.c - departure profiles: the route of one query for every
 * departure of a window (first, first + every, ... up to last), each an
 * independent dated query. A departure with no route is a row without
 * one. A profile holds a reference to its network. The query's
 * cancellable is looked at before each departure (and polled by each
 * dated search); its progress function hears the share of departures
 * done. */
#include "network.h"

#include "cancel.h"
#include "error.h"

#include <math.h>

typedef struct {
    GDateTime *depart;
    fr_route *route; /* NULL: none */
} profile_row;

struct fr_profile {
    GArray *rows; /* profile_row */
    fr_network *net; /* a reference, dropped by fr_profile_free() */
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
    if (!fr_arg_given(net, "fr_network_departure_profile", "network", error) ||
        !fr_arg_given(query, "fr_network_departure_profile", "query", error))
        return NULL;
    if (!check_window(first, last, every_h, &n, error))
        return NULL;
    fr_query *dated = fr_query_copy(query);
    fr_query_set_arrive_by(dated, NULL);
    fr_query_set_progress(dated, NULL, NULL); /* the profile reports, not each route */
    fr_cancel cancel;
    fr_cancel_init_query(&cancel, query);
    fr_profile *profile = g_new0(fr_profile, 1);
    profile->net = fr_network_ref((fr_network *)net); /* the count is not the network's value */
    profile->rows = g_array_sized_new(FALSE, TRUE, sizeof(profile_row), (guint)n);
    g_array_set_clear_func(profile->rows, clear_row);
    for (size_t i = 0; i < n; i++) {
        if (fr_cancel_now(&cancel)) {
            g_clear_pointer(&profile, fr_profile_free);
            break;
        }
        GTimeSpan offset = (GTimeSpan)llround(every_h * (double)i * G_TIME_SPAN_HOUR);
        profile_row row = {g_date_time_add(first, offset), NULL};
        fr_query_set_departure(dated, row.depart);
        GError *failure = NULL;
        row.route = fr_network_route(net, dated, &failure);
        bool fatal = failure && failure->code != FR_ERROR_NO_ROUTE;
        g_array_append_val(profile->rows, row);
        if (fatal) {
            if (failure->code == FR_ERROR_CANCELLED)
                fr_cancel_now(&cancel); /* for the wording below */
            g_propagate_error(error, failure);
            fr_profile_free(profile);
            profile = NULL;
            break;
        }
        g_clear_error(&failure);
        fr_cancel_progress(&cancel, (double)(i + 1) / (double)n);
    }
    fr_query_free(dated);
    if (fr_cancel_failed(&cancel, error, "fr_network_departure_profile"))
        g_clear_pointer(&profile, fr_profile_free);
    fr_cancel_finish(&cancel);
    return profile;
}

void fr_profile_free(fr_profile *profile)
{
    if (!profile)
        return;
    g_array_free(profile->rows, TRUE);
    fr_network_unref(profile->net);
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
