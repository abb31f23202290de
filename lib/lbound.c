/* lbound.c - lower bounds for the searches that need them: one backward
 * Dijkstra over the in-adjacency, from every IN(destination, .) state, for
 * one measure (cost, time, CO2 or the query's objective). The result for a
 * state is the least figure any usable path from it to the destination can
 * have: admissible and consistent, so that A*-style searches and bound
 * pruning stay exact. INFINITY marks states that cannot reach the
 * destination at all. Scratch belongs to the call. */
#include "heap.h"
#include "search.h"

typedef struct {
    double dist;
    uint32_t state;
} item;

static bool item_less(const void *unused, const item *a, const item *b)
{
    (void)unused;
    return a->dist < b->dist || (a->dist == b->dist && a->state < b->state);
}

FR_DEFINE_HEAP(heap, item, const void *, item_less)

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

double *fr_lower_bounds(const fr_network *net, const fr_search_spec *spec, fr_measure m)
{
    const fr_vgraph *g = &net->vgraph;
    double *dist = g_new(double, g->n_states ? g->n_states : 1);
    for (uint32_t s = 0; s < g->n_states; s++)
        dist[s] = INFINITY;
    GArray *heap = g_array_new(FALSE, FALSE, sizeof(item));
    for (int mode = 0; mode < FR_MODE_COUNT; mode++) {
        int32_t slot = g->slot_of[(size_t)spec->destination * FR_MODE_COUNT + mode];
        if (slot >= 0) {
            dist[fr_state_in((uint32_t)slot)] = 0;
            heap_push(heap, &(item){0, fr_state_in((uint32_t)slot)}, NULL);
        }
    }
    while (heap->len > 0) {
        item top = heap_pop(heap, NULL);
        if (top.dist > dist[top.state])
            continue; /* a stale entry */
        for (uint32_t i = g->in_start[top.state]; i < g->in_start[top.state + 1]; i++) {
            uint32_t e = g->in_edges[i], s = g->edge_from[e];
            if (!fr_edge_usable(net, spec, e))
                continue;
            double d = top.dist + fr_measure_edge(g, spec, m, e);
            if (d < dist[s]) {
                dist[s] = d;
                heap_push(heap, &(item){d, s}, NULL);
            }
        }
    }
    g_array_free(heap, TRUE);
    return dist;
}
