/* search.c - what every search shares: the order of route keys, the
 * objective and usability of a virtual edge, and the entry points that run
 * the optimal single-objective search on the calling thread's workspace
 * (the algorithms themselves are in engine*.c, landmarks.c and ch.c).
 *
 * Keys are compared lexicographically by (objective, time, cost, edges),
 * which is FORMAT.md §2's tie-break; all four grow along a path, so
 * Dijkstra with this order is exact. Figures that differ by less than a
 * relative 1e-12 count as equal, so that sums reached in a different order
 * still tie. */
#include "engine.h"

#include <math.h>

int fr_key_compare(const fr_key *a, const fr_key *b)
{
    int c = fr_compare_figure(a->obj, b->obj);
    if (!c)
        c = fr_compare_figure(a->time, b->time);
    if (!c)
        c = fr_compare_figure(a->cost, b->cost);
    if (!c)
        c = (a->edges > b->edges) - (a->edges < b->edges);
    return c;
}

double fr_edge_objective(const fr_vgraph *g, const fr_search_spec *spec, uint32_t e)
{
    switch (spec->objective) {
    case FR_OBJECTIVE_TIME:
        return g->time[e];
    case FR_OBJECTIVE_CO2:
        return g->co2[e];
    case FR_OBJECTIVE_DISTANCE:
        return g->distance[e];
    case FR_OBJECTIVE_GENERALIZED:
        return g->cost[e] + spec->value_of_time * g->time[e] + spec->carbon_price * g->co2[e];
    case FR_OBJECTIVE_COST:
    default:
        return g->cost[e];
    }
}

bool fr_edge_usable(const fr_network *net, const fr_search_spec *spec, uint32_t e)
{
    const fr_vgraph *g = &net->vgraph;
    if (spec->node_blocked[g->state_node[g->edge_to[e]]])
        return false;
    uint8_t mode = g->edge_mode[e];
    int32_t corridor = g->edge_corridor[e];
    return mode == FR_EDGE_NO_MODE ||
           ((spec->modes & FR_MODE_BIT(mode)) && (corridor < 0 || !spec->corridor_blocked[corridor]));
}

bool fr_search_path(const fr_network *net, const fr_search_spec *spec, GArray **path,
                    GError **error)
{
    fr_algorithm algorithm =
        fr_choose_algorithm(net, spec, spec->restricted, error);
    if (algorithm == FR_ALGORITHM_AUTO)
        return false;
    *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    fr_key key;
    if (!fr_engine_route(fr_workspace_of_thread(), net, spec, algorithm, &key, *path)) {
        g_array_free(*path, TRUE);
        *path = NULL;
    }
    return true;
}

GArray *fr_search_best_path(const fr_network *net, const fr_search_spec *spec)
{
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    fr_key key;
    if (fr_engine_dijkstra(fr_workspace_of_thread(), net, spec, &key, path))
        return path;
    g_array_free(path, TRUE);
    return NULL;
}
