/* tradeoffs.c - the public trade-off calls: a query's Pareto front and its
 * k best physically simple alternatives, checked, searched (search/pareto.c,
 * search/alternatives.c) and returned as titled route lists. */
#include "tradeoffs.h"

#include "cancel.h"
#include "dated_api.h"
#include "error.h"

/* Why a trade-off found nothing, after "no route from 'A' to 'B' ". */
#define NOTHING_FOUND "satisfies the query (check modes, transfers, avoided places and bounds)"

static char *front_title(const fr_criterion *criteria, size_t n, bool hull)
{
    GString *title = g_string_new(hull ? "supported Pareto routes over " : "Pareto routes over ");
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(title, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " and ",
                               fr_criterion_name(criteria[i]));
    return g_string_free(title, FALSE);
}

/* The routes of paths as a list titled `title`, or NULL with FR_ERROR_NO_ROUTE
 * when there are none. Frees paths. */
static fr_route_list *list_or_error(const fr_network *net, const fr_vgraph *g,
                                    const fr_query *query, const char *title, GPtrArray *paths,
                                    GError **error)
{
    fr_route_list *list = NULL;
    if (paths->len == 0) {
        fr_no_route_error(error, query->from, query->to, NOTHING_FOUND);
    } else {
        fr_route_context ctx = fr_network_route_context(net);
        ctx.g = g;
        list = fr_route_list_from_paths(&ctx, query, title, paths);
        if (!fr_route_list_totals_finite(list)) {
            fr_route_list_free(list);
            list = NULL;
            fr_overflow_error(error, query->quantity);
        }
    }
    g_ptr_array_free(paths, TRUE);
    return list;
}

fr_route_list *fr_pareto_run(const fr_network *net, const fr_query *query,
                             const fr_criterion *criteria, size_t n_criteria,
                             const fr_pareto_options *options, fr_pareto_stats *stats,
                             GError **error)
{
    if (!fr_arg_given(net, "fr_network_pareto", "network", error) ||
        !fr_arg_given(query, "fr_network_pareto", "query", error))
        return NULL;
    fr_search_spec spec;
    if (!fr_pareto_check_criteria(criteria, n_criteria, error) ||
        !fr_search_spec_init(&spec, &net->model, query, error))
        return NULL;
    fr_cancel cancel; /* polled by the searches, which report progress */
    fr_cancel_init_query(&cancel, query);
    spec.cancel = fr_cancel_active(&cancel);
    char *title = front_title(criteria, n_criteria, options && options->convex_hull);
    fr_route_list *list = NULL;
    if (fr_cancel_now(spec.cancel)) {
        /* answered below */
    } else if (spec.dated) {
        list = fr_dated_network_pareto(net, query, &spec, criteria, n_criteria, options, title,
                                       error);
    } else {
        fr_vgraph scratch = {0};
        const fr_vgraph *g = fr_network_graph_on(net, &spec, &scratch, error);
        if (g) {
            GPtrArray *paths = fr_pareto_front(g, &spec, criteria, n_criteria, options, stats);
            list = list_or_error(net, g, query, title, paths, error);
        }
        fr_vgraph_clear(&scratch);
    }
    fr_search_spec_clear(&spec);
    g_free(title);
    if (fr_cancel_failed(&cancel, error, "fr_network_pareto"))
        g_clear_pointer(&list, fr_route_list_free);
    fr_cancel_finish(&cancel);
    return list;
}

fr_route_list *fr_network_pareto(const fr_network *net, const fr_query *query,
                                 const fr_criterion *criteria, size_t n_criteria,
                                 const fr_pareto_options *options, GError **error)
{
    return fr_pareto_run(net, query, criteria, n_criteria, options, NULL, error);
}

fr_route_list *fr_alternatives_run(const fr_network *net, const fr_query *query, size_t k,
                                   fr_alternatives_stats *stats, GError **error)
{
    if (!fr_arg_given(net, "fr_network_alternatives", "network", error) ||
        !fr_arg_given(query, "fr_network_alternatives", "query", error))
        return NULL;
    if (k < 1 || k > FR_MAX_ALTERNATIVES) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY,
                    "the number of alternatives must be from 1 to %d (got %zu)",
                    FR_MAX_ALTERNATIVES, k);
        return NULL;
    }
    fr_search_spec spec;
    if (!fr_search_spec_init(&spec, &net->model, query, error))
        return NULL;
    fr_cancel cancel; /* polled by the searches, which report progress */
    fr_cancel_init_query(&cancel, query);
    spec.cancel = fr_cancel_active(&cancel);
    fr_vgraph scratch = {0};
    const fr_vgraph *g = NULL;
    fr_route_list *list = NULL;
    if (fr_cancel_now(spec.cancel)) {
        /* answered below */
    } else if (spec.dated) {
        list = fr_dated_network_alternatives(net, query, &spec, k, error);
    } else {
        g = fr_network_graph_on(net, &spec, &scratch, error);
    }
    if (g) {
        GPtrArray *paths = fr_alternatives_search(g, &spec, k, stats);
        char *title =
            g_strdup_printf("%u best route%s by %s that visit no node twice", paths->len,
                            paths->len == 1 ? "" : "s", fr_objective_name(query->objective));
        list = list_or_error(net, g, query, title, paths, error);
        g_free(title);
    }
    fr_search_spec_clear(&spec);
    fr_vgraph_clear(&scratch);
    if (fr_cancel_failed(&cancel, error, "fr_network_alternatives"))
        g_clear_pointer(&list, fr_route_list_free);
    fr_cancel_finish(&cancel);
    return list;
}

fr_route_list *fr_network_alternatives(const fr_network *net, const fr_query *query, size_t k,
                                       GError **error)
{
    return fr_alternatives_run(net, query, k, NULL, error);
}
