/* route.c - route objects: built from a path of virtual edges into ordered
 * steps (links, transfers, dwells) with totals; their accessors; and
 * fr_network_route(), the single-objective query (a Dijkstra, or with
 * bounds on time or cost the constrained search of csearch.c). */
#include "search.h"

static fr_step link_step(const fr_network *net, uint32_t link_index, bool reverse)
{
    const fr_link *l = FR_LINK(net, link_index);
    const fr_node *from = FR_NODE(net, reverse ? l->to : l->from);
    const fr_node *to = FR_NODE(net, reverse ? l->from : l->to);
    return (fr_step){.type = FR_STEP_LINK,
                     .link_id = reverse ? l->rev_id : l->id,
                     .from_node = from->id,
                     .to_node = to->id,
                     .mode = l->mode,
                     .to_mode = l->mode,
                     .corridor = l->corridor,
                     .cost_usd = l->cost_usd,
                     .time_h = l->time_h,
                     .co2_kg = l->co2_kg,
                     .distance_km = l->distance_km};
}

/* The step for virtual edge e (its figures are the edge's, per TEU). */
static fr_step edge_step(const fr_network *net, uint32_t e)
{
    const fr_vgraph *g = &net->vgraph;
    fr_vedge_kind kind = (fr_vedge_kind)g->edge_kind[e];
    if (kind == FR_VEDGE_LINK || kind == FR_VEDGE_REVERSE)
        return link_step(net, g->edge_ref[e], kind == FR_VEDGE_REVERSE);
    const char *node = FR_NODE(net, g->state_node[g->edge_from[e]])->id;
    return (fr_step){.type = kind == FR_VEDGE_TRANSFER ? FR_STEP_TRANSFER : FR_STEP_DWELL,
                     .link_id = "",
                     .from_node = node,
                     .to_node = node,
                     .mode = (fr_mode)g->state_mode[g->edge_from[e]],
                     .to_mode = (fr_mode)g->state_mode[g->edge_to[e]],
                     .corridor = "",
                     .cost_usd = g->cost[e],
                     .time_h = g->time[e],
                     .co2_kg = g->co2[e],
                     .distance_km = 0};
}

fr_route *fr_route_new_from_path(const fr_network *net, const fr_query *query,
                                 const GArray *edges)
{
    fr_route *r = g_new0(fr_route, 1);
    r->net = net;
    r->from = FR_NODE(net, fr_network_node_lookup(net, query->from))->id;
    r->to = FR_NODE(net, fr_network_node_lookup(net, query->to))->id;
    r->objective = query->objective;
    r->quantity = query->quantity;
    r->value_of_time = query->value_of_time;
    r->carbon_price = query->carbon_price;
    r->steps = g_array_new(FALSE, FALSE, sizeof(fr_step));
    for (guint i = 0; i < edges->len; i++) {
        fr_step step = edge_step(net, g_array_index(edges, uint32_t, i));
        r->cost_usd += step.cost_usd;
        r->time_h += step.time_h;
        r->co2_kg += step.co2_kg;
        r->distance_km += step.distance_km;
        r->transfers += step.type == FR_STEP_TRANSFER;
        /* A pass-through that charges nothing is not worth a line. */
        bool free_dwell = step.type == FR_STEP_DWELL && step.cost_usd == 0 && step.time_h == 0;
        if (!free_dwell)
            g_array_append_val(r->steps, step);
    }
    return r;
}

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
    *path = fr_search_bounded_path(net, spec);
    return true;
}

fr_route *fr_network_route(const fr_network *net, const fr_query *query, GError **error)
{
    if (!net || !query) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "no network or no query given");
        return NULL;
    }
    fr_search_spec spec;
    if (!fr_search_spec_init(&spec, net, query, error))
        return NULL;
    bool bounded = fr_spec_bounded(&spec);
    GArray *path = NULL;
    bool answered = bounded ? bounded_path(net, &spec, &path, error)
                            : fr_search_path(net, &spec, &path, error);
    fr_search_spec_clear(&spec);
    if (!answered)
        return NULL;
    if (!path) {
        g_set_error(error, FR_ERROR, FR_ERROR_NO_ROUTE, "no route from '%s' to '%s' %s",
                    query->from, query->to,
                    bounded ? "satisfies the query within its bounds on time and cost "
                              "(check them, modes, transfers and avoided places)"
                            : "satisfies the query (check modes, transfers and avoided places)");
        return NULL;
    }
    fr_route *route = fr_route_new_from_path(net, query, path);
    g_array_free(path, TRUE);
    return route;
}

void fr_route_free(fr_route *route)
{
    if (!route)
        return;
    g_array_free(route->steps, TRUE);
    g_free(route);
}

const fr_network *fr_route_network(const fr_route *r) { return r->net; }
const char *fr_route_from(const fr_route *r) { return r->from; }
const char *fr_route_to(const fr_route *r) { return r->to; }
fr_objective fr_route_objective(const fr_route *r) { return r->objective; }
double fr_route_quantity(const fr_route *r) { return r->quantity; }
size_t fr_route_step_count(const fr_route *r) { return r->steps->len; }
size_t fr_route_transfer_count(const fr_route *r) { return r->transfers; }
double fr_route_total_cost_usd(const fr_route *r) { return r->cost_usd * r->quantity; }
double fr_route_total_time_h(const fr_route *r) { return r->time_h; }
double fr_route_total_co2_kg(const fr_route *r) { return r->co2_kg * r->quantity; }
double fr_route_total_distance_km(const fr_route *r) { return r->distance_km; }

const fr_step *fr_route_step(const fr_route *r, size_t index)
{
    return index < r->steps->len ? &g_array_index(r->steps, fr_step, index) : NULL;
}

double fr_route_objective_value(const fr_route *r)
{
    switch (r->objective) {
    case FR_OBJECTIVE_TIME:
        return r->time_h;
    case FR_OBJECTIVE_DISTANCE:
        return r->distance_km;
    case FR_OBJECTIVE_CO2:
        return r->co2_kg * r->quantity;
    case FR_OBJECTIVE_GENERALIZED:
        return r->quantity *
               (r->cost_usd + r->value_of_time * r->time_h + r->carbon_price * r->co2_kg);
    case FR_OBJECTIVE_COST:
    default:
        return r->cost_usd * r->quantity;
    }
}
