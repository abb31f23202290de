/* dated_api.c - dated routes and fronts for the public calls: the search
 * (search/dated.c) on the network's graph of running times and timetable,
 * and the routes built from what it found (result/route_dated.c). */
#include "dated_api.h"

#include "dated.h"
#include "error.h"

#define NOTHING_IN_TIME                                                                        \
    "departs and arrives as the query asks (check the dates, services, closures, modes, "     \
    "transfers and avoided places)"

static fr_route_context running_context(const fr_network *net)
{
    fr_route_context ctx = fr_network_route_context(net);
    ctx.g = net->running;
    return ctx;
}

/* Whether the route's arrival has a date: GDateTime's calendar ends with
 * the year 9999, which links of absurd running times can pass. */
static bool arrives_in_calendar(const fr_route *route, const fr_query *query, GError **error)
{
    if (route && route->arrive)
        return true;
    return fr_query_error(error, "the route from %s to %s arrives after the year 9999",
                          query->from, query->to);
}

fr_route *fr_dated_network_route(const fr_network *net, const fr_query *query,
                                 const fr_search_spec *spec, GError **error)
{
    fr_dated_graph dg;
    fr_dated_graph_init(&dg, &net->model, &net->timetable, spec);
    GError *failure = NULL;
    fr_dated_path *path = fr_dated_route(&dg, &failure);
    if (failure) {
        g_propagate_error(error, failure);
        return NULL;
    }
    if (!path) {
        fr_no_route_error(error, query->from, query->to, NOTHING_IN_TIME);
        return NULL;
    }
    fr_route_context ctx = running_context(net);
    fr_route *route = fr_route_new_dated(&ctx, query, &net->timetable, path->edges, path->depart);
    fr_dated_path_free(path);
    if (!fr_route_totals_finite(route)) {
        fr_route_free(route);
        fr_overflow_error(error, query->quantity);
        return NULL;
    }
    if (!arrives_in_calendar(route, query, error)) {
        fr_route_free(route);
        return NULL;
    }
    return route;
}

/* The routes of paths as a list titled `title`, or NULL with
 * FR_ERROR_NO_ROUTE when there are none. Frees paths. */
static fr_route_list *dated_list(const fr_network *net, const fr_query *query, const char *title,
                                 GPtrArray *paths, GError **error)
{
    fr_route_list *list = NULL;
    if (paths->len == 0) {
        fr_no_route_error(error, query->from, query->to, NOTHING_IN_TIME);
    } else {
        fr_route_context ctx = running_context(net);
        list = fr_route_list_new(title);
        for (guint i = 0; i < paths->len; i++) {
            const fr_dated_path *p = g_ptr_array_index(paths, i);
            fr_route_list_add(list, fr_route_new_dated(&ctx, query, &net->timetable, p->edges,
                                                       p->depart));
        }
        bool dated = true;
        for (size_t i = 0; dated && i < fr_route_list_count(list); i++)
            dated = arrives_in_calendar(fr_route_list_get(list, i), query, NULL);
        if (!fr_route_list_totals_finite(list) || !dated) {
            fr_route_list_free(list);
            list = NULL;
            if (dated)
                fr_overflow_error(error, query->quantity);
            else
                arrives_in_calendar(NULL, query, error);
        }
    }
    g_ptr_array_unref(paths);
    return list;
}

static bool needs_departure(const fr_search_spec *spec, const char *what, GError **error)
{
    if (!isnan(spec->depart))
        return true;
    return fr_query_error(error, "%s count time from the departure: a query with only a "
                                 "deadline (arrive by) needs a departure too",
                          what);
}

fr_route_list *fr_dated_network_alternatives(const fr_network *net, const fr_query *query,
                                             const fr_search_spec *spec, size_t k,
                                             GError **error)
{
    if (!needs_departure(spec, "dated alternatives", error))
        return NULL;
    fr_dated_graph dg;
    fr_dated_graph_init(&dg, &net->model, &net->timetable, spec);
    GPtrArray *paths = fr_dated_alternatives(&dg, k, error);
    if (!paths)
        return NULL;
    char *title = g_strdup_printf("%u best dated route%s by %s that visit no node twice",
                                  paths->len, paths->len == 1 ? "" : "s",
                                  fr_objective_name(query->objective));
    fr_route_list *list = dated_list(net, query, title, paths, error);
    g_free(title);
    return list;
}

fr_route_list *fr_dated_network_pareto(const fr_network *net, const fr_query *query,
                                       const fr_search_spec *spec, const fr_criterion *criteria,
                                       size_t n_criteria, const fr_pareto_options *options,
                                       const char *title, GError **error)
{
    if (!needs_departure(spec, "dated Pareto fronts", error))
        return NULL;
    fr_dated_graph dg;
    fr_dated_graph_init(&dg, &net->model, &net->timetable, spec);
    return dated_list(net, query, title, fr_dated_pareto(&dg, criteria, n_criteria, options),
                      error);
}
