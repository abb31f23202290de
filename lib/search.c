/* search.c - the optimal route for one objective: Dijkstra on the virtual
 * graph's CSR from every OUT(origin, m) to the first IN(destination, m)
 * settled.
 *
 * Labels are compared lexicographically by (objective, time, cost, edges),
 * which is FORMAT.md §2's tie-break; all four grow along a path, so Dijkstra
 * with this order is exact. Figures that differ by less than a relative
 * 1e-12 count as equal, so that sums reached in a different order still
 * tie. The search touches no global state and allocates its own scratch:
 * any number of threads may run it on one network. The tolerant comparison,
 * the route key order and the usability of an edge are shared with the other
 * searches (search.h). */
#include "heap.h"
#include "search.h"

#include <math.h>

typedef fr_key label;

typedef struct {
    label key;
    uint32_t state;
} heap_item;

int fr_compare_figure(double a, double b)
{
    if (isinf(a) || isinf(b)) /* the tolerance below would be infinite */
        return a < b ? -1 : a > b ? 1 : 0;
    double tolerance = 1e-12 * fmax(1.0, fmax(fabs(a), fabs(b)));
    return a < b - tolerance ? -1 : a > b + tolerance ? 1 : 0;
}

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

/* ---- the open list: a heap with lazy deletion ---------------------------- */

static bool heap_less(const void *unused, const heap_item *a, const heap_item *b)
{
    (void)unused;
    int c = fr_key_compare(&a->key, &b->key);
    return c < 0 || (c == 0 && a->state < b->state);
}

FR_DEFINE_HEAP(heap, heap_item, const void *, heap_less)

/* ---- the search ------------------------------------------------------------ */

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

static GArray *trace_path(const fr_vgraph *g, const uint32_t *pred_edge, uint32_t target)
{
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (uint32_t s = target; pred_edge[s] != UINT32_MAX; s = g->edge_from[pred_edge[s]])
        g_array_prepend_val(path, pred_edge[s]);
    return path;
}

static void seed_origin(const fr_vgraph *g, uint32_t origin, label *best, GArray *heap)
{
    for (int m = 0; m < FR_MODE_COUNT; m++) {
        int32_t slot = g->slot_of[(size_t)origin * FR_MODE_COUNT + m];
        if (slot < 0)
            continue;
        uint32_t s = fr_state_out((uint32_t)slot);
        best[s] = (label){0, 0, 0, 0};
        heap_push(heap, &(heap_item){best[s], s}, NULL);
    }
}

GArray *fr_search_best_path(const fr_network *net, const fr_search_spec *spec)
{
    const fr_vgraph *g = &net->vgraph;
    label *best = g_new(label, g->n_states ? g->n_states : 1);
    uint32_t *pred_edge = g_new(uint32_t, g->n_states ? g->n_states : 1);
    bool *settled = g_new0(bool, g->n_states ? g->n_states : 1);
    for (uint32_t s = 0; s < g->n_states; s++) {
        best[s] = (label){INFINITY, INFINITY, INFINITY, UINT32_MAX};
        pred_edge[s] = UINT32_MAX;
    }
    GArray *heap = g_array_new(FALSE, FALSE, sizeof(heap_item));
    seed_origin(g, spec->origin, best, heap);

    GArray *path = NULL;
    while (heap->len > 0) {
        heap_item top = heap_pop(heap, NULL);
        uint32_t s = top.state;
        if (settled[s] || fr_key_compare(&top.key, &best[s]) != 0)
            continue;
        settled[s] = true;
        if (!fr_state_is_out(s) && g->state_node[s] == spec->destination) {
            path = trace_path(g, pred_edge, s);
            break;
        }
        for (uint32_t e = g->out_start[s]; e < g->out_start[s + 1]; e++) {
            uint32_t t = g->edge_to[e];
            if (settled[t] || !fr_edge_usable(net, spec, e))
                continue;
            label next = {best[s].obj + fr_edge_objective(g, spec, e),
                          best[s].time + g->time[e], best[s].cost + g->cost[e],
                          best[s].edges + 1};
            if (fr_key_compare(&next, &best[t]) < 0) {
                best[t] = next;
                pred_edge[t] = e;
                heap_push(heap, &(heap_item){next, t}, NULL);
            }
        }
    }
    g_array_free(heap, TRUE);
    g_free(settled);
    g_free(pred_edge);
    g_free(best);
    return path;
}
