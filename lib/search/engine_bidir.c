/* engine_bidir.c - bidirectional Dijkstra: a forward search from every
 * OUT(origin, .) and a backward search over in-edges from every
 * IN(destination, .), each step taken by the side whose next key is
 * smaller. Whenever an edge joins a state labelled by one side to a state
 * labelled by the other, the joined route is a candidate; the search stops
 * when the two sides' next keys add up to no less than the best candidate.
 * Keys add componentwise (objective, time, cost, edges) and adding keeps
 * their order, so the best candidate then has the least key of all routes:
 * the same key plain Dijkstra finds. */
#include "engine_side.h"

typedef struct {
    fr_key best;
    uint32_t edge; /* the joining edge of the best candidate, FR_NONE: none yet */
} meeting;

static fr_key edge_key(const fr_metric *m, uint32_t e)
{
    return (fr_key){fr_metric_weight(m, e), m->g->time[e], m->g->cost[e], 1};
}

/* The candidate through edge e from forward-labelled `from` to
 * backward-labelled `to`. */
static void consider(const fr_workspace *ws, const fr_metric *m, uint32_t e, meeting *meet)
{
    const fr_vgraph *g = m->g;
    uint32_t from = g->edge_from[e], to = g->edge_to[e];
    if (!fr_side_labelled(&ws->side[0], from) || !fr_side_labelled(&ws->side[1], to))
        return;
    fr_key total = fr_key_add(fr_key_add(fr_side_key(&ws->side[0], from), edge_key(m, e)),
                           fr_side_key(&ws->side[1], to));
    if (meet->edge == FR_NONE || fr_key_compare(&total, &meet->best) < 0) {
        meet->best = total;
        meet->edge = e;
    }
}

/* Settles the next state of one side and relaxes its edges. */
static void step(fr_workspace *ws, const fr_metric *m, bool backward, meeting *meet)
{
    const fr_vgraph *g = m->g;
    fr_side *side = &ws->side[backward];
    uint32_t s = fr_side_pop(side, g, backward);
    fr_key at = fr_side_key(side, s);
    const uint32_t *start = backward ? g->in_start : g->out_start;
    for (uint32_t i = start[s]; i < start[s + 1]; i++) {
        uint32_t e = backward ? g->in_edges[i] : i;
        uint32_t next = backward ? g->edge_from[e] : g->edge_to[e];
        /* going backward the filter's entered state is s, already usable */
        if (fr_side_settled(side, next) || !fr_metric_usable(m, e))
            continue;
        fr_key via = fr_key_add(at, edge_key(m, e));
        if (!fr_side_labelled(side, next) ||
            fr_side_improves(side, next, via.obj, via.time, via.cost, via.edges)) {
            fr_side_set(side, next, via.obj, via.time, via.cost, via.edges, e, via.obj);
            consider(ws, m, e, meet);
        }
    }
}

/* May the search stop? When a side is exhausted, or the next keys of the
 * two sides add up to at least the best candidate. */
static bool done(const fr_workspace *ws, const meeting *meet)
{
    const fr_side *f = &ws->side[0], *b = &ws->side[1];
    if (f->heap_len == 0 || b->heap_len == 0)
        return true;
    if (meet->edge == FR_NONE)
        return false;
    fr_key lower = fr_key_add(fr_side_key(f, f->heap[0].state), fr_side_key(b, b->heap[0].state));
    return fr_key_compare(&lower, &meet->best) >= 0;
}

/* The route through the joining edge: the forward labels' path to its
 * start, the edge, and the backward labels' path from its end. */
static void append_route(const fr_workspace *ws, const fr_vgraph *g, uint32_t edge, GArray *path)
{
    fr_side_append_path(&ws->side[0], g, g->edge_from[edge], path);
    g_array_append_val(path, edge);
    const fr_side *b = &ws->side[1];
    for (uint32_t s = g->edge_to[edge]; b->tail[s].pred != FR_NONE;
         s = g->edge_to[b->tail[s].pred])
        g_array_append_val(path, b->tail[s].pred);
}

bool fr_engine_bidirectional(fr_workspace *ws, const fr_vgraph *g,
                             const fr_search_spec *spec, fr_key *key, GArray *path)
{
    fr_metric m;
    fr_metric_init(&m, g, spec);
    uint32_t roots[FR_MODE_COUNT];
    for (int backward = 0; backward < 2; backward++) {
        fr_side *side = &ws->side[backward];
        fr_side_begin(side, g->n_states, false);
        uint32_t n = fr_node_states(g, backward ? spec->destination : spec->origin, !backward,
                                    roots);
        for (uint32_t i = 0; i < n; i++)
            fr_side_set(side, roots[i], 0, 0, 0, 0, FR_NONE, 0);
    }
    meeting meet = {.edge = FR_NONE};
    while (!done(ws, &meet)) {
        const fr_side *f = &ws->side[0], *b = &ws->side[1];
        int order = fr_compare_figure(b->heap[0].priority, f->heap[0].priority);
        step(ws, &m, order < 0 || (order == 0 && b->heap_len < f->heap_len), &meet);
    }
    if (meet.edge == FR_NONE)
        return false;
    *key = meet.best;
    if (path)
        append_route(ws, g, meet.edge, path);
    return true;
}
