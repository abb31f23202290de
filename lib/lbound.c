/* lbound.c - lower bounds for the searches that need them: the engine's
 * backward scalar Dijkstra over the in-edges, from every IN(destination, .)
 * state, for one measure (cost, time, CO2 or the query's objective), on
 * the calling thread's workspace. The result for a state is the least
 * figure any usable path from it to the destination can have: admissible
 * and consistent, so that A*-style searches and bound pruning stay exact.
 * INFINITY marks states that cannot reach the destination at all. */
#include "engine.h"

double fr_measure_edge(const fr_vgraph *g, const fr_search_spec *spec, fr_measure m, uint32_t e)
{
    switch (m) {
    case FR_MEASURE_TIME:
        return g->time[e];
    case FR_MEASURE_CO2:
        return g->co2[e];
    case FR_MEASURE_OBJECTIVE:
        return fr_edge_objective(g, spec, e);
    case FR_MEASURE_COST:
    default:
        return g->cost[e];
    }
}

double *fr_lower_bounds(const fr_network *net, const fr_search_spec *spec, fr_measure measure)
{
    const fr_vgraph *g = &net->vgraph;
    fr_metric m;
    fr_metric_init(&m, net, spec); /* its weight: the objective */
    if (measure != FR_MEASURE_OBJECTIVE)
        m.weight = measure == FR_MEASURE_TIME ? g->time : measure == FR_MEASURE_CO2 ? g->co2 : g->cost;
    uint32_t roots[FR_MODE_COUNT];
    uint32_t n_roots = fr_node_states(g, spec->destination, false, roots);
    double *dist = g_new(double, g->n_states ? g->n_states : 1);
    fr_engine_scalar_all(fr_workspace_of_thread(), &m, roots, n_roots, true, dist);
    return dist;
}
