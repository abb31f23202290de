/* engine.c - the query engine's workspaces and its one-directional searches:
 * point-to-point Dijkstra that stops at the first destination state
 * settled, one-to-many Dijkstra that stops when every target node is
 * settled, and a scalar one-to-all (forward or backward) for lower bounds
 * and landmarks. All run on the virtual graph's forward CSR (edge ids in
 * start-state order) or its in-edge index, with the labels and heap of
 * engine_side.h, and allocate nothing once the workspace has grown. */
#include "engine_side.h"

#include <string.h>

/* ---- workspaces ------------------------------------------------------------ */

static void side_free_arrays(fr_side *side)
{
    g_free(side->label);
    g_free(side->potential);
    g_free(side->heap);
}

void fr_side_clear(fr_side *side)
{
    side_free_arrays(side);
    memset(side, 0, sizeof *side);
}

void fr_side_begin(fr_side *side, uint32_t n_states, bool with_potential)
{
    size_t n = n_states ? n_states : 1;
    if (n_states > side->capacity) {
        side_free_arrays(side);
        side->capacity = (uint32_t)n;
        side->label = g_new0(fr_label, n);
        side->potential = NULL;
        side->heap = g_new(fr_heap_entry, n);
        side->generation = 0;
    }
    if (with_potential && !side->potential)
        side->potential = g_new(double, side->capacity);
    if (++side->generation == 0) { /* stamps wrapped: forget them all */
        for (uint32_t s = 0; s < side->capacity; s++)
            side->label[s].stamp = 0;
        side->generation = 1;
    }
    side->heap_len = 0;
    side->exact = false;
}

fr_workspace *fr_workspace_new(void)
{
    return g_new0(fr_workspace, 1);
}

void fr_workspace_free(fr_workspace *ws)
{
    if (!ws)
        return;
    fr_side_clear(&ws->side[0]);
    fr_side_clear(&ws->side[1]);
    g_free(ws->node_stamp);
    g_free(ws->node_state);
    if (ws->ch)
        ws->ch_free(ws->ch);
    g_free(ws);
}

static GPrivate thread_workspace = G_PRIVATE_INIT((GDestroyNotify)fr_workspace_free);

fr_workspace *fr_workspace_of_thread(void)
{
    fr_workspace *ws = g_private_get(&thread_workspace);
    if (!ws) {
        ws = fr_workspace_new();
        g_private_set(&thread_workspace, ws);
    }
    return ws;
}

/* ---- shared pieces of the keyed searches -------------------------------------- */

static void seed_roots(fr_side *side, const uint32_t *roots, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        fr_side_set(side, roots[i], 0, 0, 0, 0, FR_NONE, 0);
}

void fr_side_append_path(const fr_side *side, const fr_vgraph *g, uint32_t s, GArray *path)
{
    guint first = path->len;
    for (uint32_t at = s; side->label[at].pred != FR_NONE; at = g->edge_from[side->label[at].pred])
        g_array_append_val(path, side->label[at].pred);
    uint32_t *p = (uint32_t *)path->data;
    for (guint i = first, j = path->len; i + 1 < j; i++, j--) {
        uint32_t tmp = p[i];
        p[i] = p[j - 1];
        p[j - 1] = tmp;
    }
}

/* ---- point to point ----------------------------------------------------------- */

bool fr_side_run_to_node(fr_side *side, const fr_metric *m, uint32_t destination,
                         const fr_potential *goal, fr_key *key, GArray *path)
{
    const fr_vgraph *g = m->g;
    while (side->heap_len > 0) {
        uint32_t s = fr_side_pop(side, g, false);
        if (!fr_state_is_out(s) && g->state_node[s] == destination) {
            *key = fr_side_key(side, s);
            if (path)
                fr_side_append_path(side, g, s, path);
            return true;
        }
        fr_side_relax_forward(side, m, s, goal);
    }
    return false;
}

bool fr_engine_dijkstra(fr_workspace *ws, const fr_vgraph *g, const fr_search_spec *spec,
                        fr_key *key, GArray *path)
{
    fr_metric m;
    fr_metric_init(&m, g, spec);
    fr_side *side = &ws->side[0];
    fr_side_begin(side, g->n_states, false);
    uint32_t roots[FR_MODE_COUNT];
    seed_roots(side, roots, fr_node_states(g, spec->origin, true, roots));
    return fr_side_run_to_node(side, &m, spec->destination, NULL, key, path);
}

bool fr_engine_astar(fr_workspace *ws, const fr_vgraph *g, const fr_search_spec *spec,
                     const fr_potential *potential, fr_key *key, GArray *path)
{
    fr_metric m;
    fr_metric_init(&m, g, spec);
    fr_side *side = &ws->side[0];
    fr_side_begin(side, g->n_states, true);
    uint32_t roots[FR_MODE_COUNT];
    uint32_t n_roots = fr_node_states(g, spec->origin, true, roots);
    for (uint32_t i = 0; i < n_roots; i++) {
        double bound = potential->bound(potential->context, roots[i]);
        if (bound == INFINITY)
            continue;
        side->potential[roots[i]] = bound;
        fr_side_set(side, roots[i], 0, 0, 0, 0, FR_NONE, bound);
    }
    return fr_side_run_to_node(side, &m, spec->destination, potential, key, path);
}

/* ---- one to many ---------------------------------------------------------------- */

/* Marks the target nodes; returns how many distinct ones are wanted. */
static uint32_t mark_targets(fr_workspace *ws, const fr_vgraph *g, uint32_t origin,
                             const uint32_t *targets, uint32_t n)
{
    uint32_t n_nodes = g->n_nodes;
    if (n_nodes > ws->node_capacity) {
        g_free(ws->node_stamp);
        g_free(ws->node_state);
        ws->node_capacity = n_nodes;
        ws->node_stamp = g_new0(uint32_t, n_nodes);
        ws->node_state = g_new(uint32_t, n_nodes);
        ws->node_generation = 0;
    }
    if (++ws->node_generation == 0) {
        memset(ws->node_stamp, 0, ws->node_capacity * sizeof *ws->node_stamp);
        ws->node_generation = 1;
    }
    uint32_t wanted = 0;
    for (uint32_t i = 0; i < n; i++)
        if (targets[i] != origin && ws->node_stamp[targets[i]] != ws->node_generation) {
            ws->node_stamp[targets[i]] = ws->node_generation;
            ws->node_state[targets[i]] = FR_NONE;
            wanted++;
        }
    return wanted;
}

void fr_engine_one_to_many(fr_workspace *ws, const fr_vgraph *g, const fr_search_spec *spec,
                           const uint32_t *targets, uint32_t n, bool *reached, fr_key *keys,
                           GArray **paths)
{
    fr_metric m;
    fr_metric_init(&m, g, spec);
    uint32_t wanted = mark_targets(ws, g, spec->origin, targets, n);
    fr_side *side = &ws->side[0];
    fr_side_begin(side, g->n_states, false);
    uint32_t roots[FR_MODE_COUNT];
    seed_roots(side, roots, fr_node_states(g, spec->origin, true, roots));
    while (wanted > 0 && side->heap_len > 0) {
        uint32_t s = fr_side_pop(side, g, false);
        uint32_t node = g->state_node[s];
        if (!fr_state_is_out(s) && ws->node_stamp[node] == ws->node_generation &&
            ws->node_state[node] == FR_NONE) {
            ws->node_state[node] = s;
            wanted--;
        }
        fr_side_relax_forward(side, &m, s, NULL);
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t node = targets[i];
        reached[i] = node != spec->origin && ws->node_state[node] != FR_NONE;
        if (!reached[i])
            continue;
        keys[i] = fr_side_key(side, ws->node_state[node]);
        if (paths)
            fr_side_append_path(side, g, ws->node_state[node], paths[i]);
    }
}

/* ---- scalar one to all ------------------------------------------------------------ */

void fr_engine_scalar_all(fr_workspace *ws, const fr_metric *m, const uint32_t *roots,
                          uint32_t n_roots, bool backward, double *dist)
{
    const fr_vgraph *g = m->g;
    fr_side *side = &ws->side[0];
    fr_side_begin(side, g->n_states, false);
    side->exact = true;
    for (uint32_t s = 0; s < g->n_states; s++)
        dist[s] = INFINITY;
    seed_roots(side, roots, n_roots);
    const uint32_t *start = backward ? g->in_start : g->out_start;
    while (side->heap_len > 0) {
        uint32_t s = fr_side_pop(side, g, backward);
        double d = dist[s] = side->label[s].obj;
        for (uint32_t i = start[s]; i < start[s + 1]; i++) {
            uint32_t e = backward ? g->in_edges[i] : i;
            uint32_t next = backward ? g->edge_from[e] : g->edge_to[e];
            /* the filter looks at the state an edge enters, which going
             * backward is the one already settled */
            if (fr_side_settled(side, next) || !fr_metric_usable(m, e))
                continue;
            double nd = d + fr_metric_weight(m, e);
            /* exact: a lower bound must not keep a sum a rounding above the least */
            if (!fr_side_labelled(side, next) || nd < side->label[next].obj)
                fr_side_set(side, next, nd, 0, 0, 0, e, nd);
        }
    }
}
