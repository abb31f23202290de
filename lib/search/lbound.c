/* lbound.c - lower bounds for the searches that need them: the engine's
 * backward scalar Dijkstra over the in-edges, from every IN(destination, .)
 * state, for one measure (cost, time, CO2 or the query's objective), on
 * the calling thread's workspace. The result for a state is the least
 * figure any usable path from it to the destination can have: admissible
 * and consistent, so that A*-style searches and bound pruning stay exact.
 * INFINITY marks states that cannot reach the destination at all. */
#include "lbound.h"

#include "engine.h"

double *fr_lower_bounds(const fr_vgraph *g, const fr_search_spec *spec, fr_measure measure)
{
    fr_metric m;
    fr_metric_measure(&m, g, spec, measure);
    uint32_t roots[FR_MODE_COUNT];
    uint32_t n_roots = fr_node_states(g, spec->destination, false, roots);
    double *dist = g_new(double, g->n_states ? g->n_states : 1);
    fr_engine_scalar_all(fr_workspace_of_thread(), &m, roots, n_roots, true, dist);
    return dist;
}
