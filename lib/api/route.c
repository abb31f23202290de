/* route.c - fr_network_route(), the single-objective query: the chosen
 * algorithm for an unbounded query, the constrained search (csearch.c)
 * for one with bounds on time or cost, or on another date than the
 * network's reference date (its graph is built for the query); dated
 * queries go to dated.c. The query's cancellable is looked at before the
 * search and polled by the constrained and dated searches (not by the
 * engine's inner loop). */
#include "algorithm.h"
#include "cancel.h"
#include "csearch.h"
#include "dated_api.h"
#include "error.h"

/* Bounded queries take the constrained search, which plain Dijkstra's
 * name covers; the speed-ups do not apply to it. */
static bool bounded_path(const fr_network *net, const fr_search_spec *spec, GArray **path,
                         GError **error)
{
    if (spec->algorithm != FR_ALGORITHM_AUTO && spec->algorithm != FR_ALGORITHM_DIJKSTRA)
        return fr_query_error(error,
                              "algorithm '%s' cannot answer this query: queries with bounds on "
                              "time or cost use the constrained search ('auto' or 'dijkstra')",
                              fr_algorithm_name(spec->algorithm));
    *path = fr_search_bounded_path(&net->vgraph, spec);
    return true;
}

/* The path of an undated spec: on the network's graph with the chosen
 * algorithm, or on another date's graph (built into *scratch) with the
 * constrained search. False with an error when the algorithm cannot answer. */
static bool undated_path(const fr_network *net, const fr_search_spec *spec, const fr_vgraph **g,
                         fr_vgraph *scratch, GArray **path, GError **error)
{
    *g = fr_network_graph_on(net, spec, scratch, error);
    if (!*g)
        return false;
    if (*g != &net->vgraph) { /* another date: no preparation applies */
        *path = fr_search_bounded_path(*g, spec);
        return true;
    }
    return fr_spec_bounded(spec) ? bounded_path(net, spec, path, error)
                                 : fr_search_path(net, spec, path, error);
}

fr_route *fr_network_route(const fr_network *net, const fr_query *query, GError **error)
{
    if (!fr_arg_given(net, "fr_network_route", "network", error) ||
        !fr_arg_given(query, "fr_network_route", "query", error))
        return NULL;
    fr_search_spec spec;
    if (!fr_search_spec_init(&spec, &net->model, query, error))
        return NULL;
    fr_cancel cancel; /* checked here and by the constrained and dated searches */
    fr_cancel_init_query(&cancel, query);
    spec.cancel = fr_cancel_active(&cancel);
    if (fr_cancel_now(spec.cancel)) {
        fr_search_spec_clear(&spec);
        fr_cancelled_error(error, "fr_network_route");
        return NULL;
    }
    if (spec.dated) {
        fr_route *route = fr_dated_network_route(net, query, &spec, error);
        fr_search_spec_clear(&spec);
        if (fr_cancel_failed(&cancel, error, "fr_network_route"))
            g_clear_pointer(&route, fr_route_free);
        return route;
    }
    fr_vgraph scratch = {0};
    const fr_vgraph *g = NULL;
    GArray *path = NULL;
    bool bounded = fr_spec_bounded(&spec);
    bool answered = undated_path(net, &spec, &g, &scratch, &path, error);
    fr_search_spec_clear(&spec);
    fr_route *route = NULL;
    if (answered && !path)
        fr_no_route_error(error, query->from, query->to,
                          bounded ? "satisfies the query within its bounds on time and cost "
                                    "(check them, modes, transfers and avoided places)"
                                  : "satisfies the query (check modes, transfers and avoided "
                                    "places)");
    if (path) {
        fr_route_context ctx = fr_network_route_context(net);
        ctx.g = g;
        route = fr_route_new_from_path(&ctx, query, path);
        g_array_free(path, TRUE);
    }
    fr_vgraph_clear(&scratch);
    if (fr_cancel_failed(&cancel, error, "fr_network_route"))
        g_clear_pointer(&route, fr_route_free);
    if (route && !fr_route_totals_finite(route)) {
        fr_route_free(route);
        fr_overflow_error(error, query->quantity);
        return NULL;
    }
    return route;
}
