/* lbound.c - lower bounds for the searches that need them: one backward
 * Dijkstra over the in-adjacency, from every IN(destination, .) state, for
 * one measure (cost, time, CO2 or the query's objective). The result for a
 * state is the least figure any usable path from it to the destination can
 * have: admissible and consistent, so that A*-style searches and bound
 * pruning stay exact. INFINITY marks states that cannot reach the
 * destination at all. Scratch belongs to the call. */
#include "search.h"

typedef struct {
    double dist;
    uint32_t state;
} item;

static bool item_less(const item *a, const item *b)
{
    return a->dist < b->dist || (a->dist == b->dist && a->state < b->state);
}

static void push(GArray *heap, double dist, uint32_t state)
{
    item it = {dist, state};
    g_array_append_val(heap, it);
    item *h = (item *)heap->data;
    for (guint i = heap->len - 1; i > 0;) {
        guint parent = (i - 1) / 2;
        if (!item_less(&h[i], &h[parent]))
            break;
        item tmp = h[i];
        h[i] = h[parent];
        h[parent] = tmp;
        i = parent;
    }
}

static item pop(GArray *heap)
{
    item *h = (item *)heap->data;
    item top = h[0];
    h[0] = h[heap->len - 1];
    g_array_set_size(heap, heap->len - 1);
    for (guint i = 0, n = heap->len;;) {
        guint left = 2 * i + 1, right = left + 1, least = i;
        if (left < n && item_less(&h[left], &h[least]))
            least = left;
        if (right < n && item_less(&h[right], &h[least]))
            least = right;
        if (least == i)
            break;
        item tmp = h[i];
        h[i] = h[least];
        h[least] = tmp;
        i = least;
    }
    return top;
}

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
            push(heap, 0, fr_state_in((uint32_t)slot));
        }
    }
    while (heap->len > 0) {
        item top = pop(heap);
        if (top.dist > dist[top.state])
            continue; /* a stale entry */
        for (uint32_t i = g->in_start[top.state]; i < g->in_start[top.state + 1]; i++) {
            uint32_t e = g->in_edges[i], s = g->edge_from[e];
            if (!fr_edge_usable(net, spec, e))
                continue;
            double d = top.dist + fr_measure_edge(g, spec, m, e);
            if (d < dist[s]) {
                dist[s] = d;
                push(heap, d, s);
            }
        }
    }
    g_array_free(heap, TRUE);
    return dist;
}
