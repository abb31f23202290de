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
    g_free(side->tail);
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
        side->tail = g_new(fr_label_tail, n);
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
    g_free(ws->scalar.pos);
    g_free(ws->scalar.pred);
    g_free(ws->scalar.heap);
    g_free(ws->node_mark);
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
    for (uint32_t at = s; side->tail[at].pred != FR_NONE; at = g->edge_from[side->tail[at].pred])
        g_array_append_val(path, side->tail[at].pred);
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
        g_free(ws->node_mark);
        ws->node_capacity = n_nodes;
        ws->node_mark = g_new0(struct fr_target_mark, n_nodes);
        ws->node_generation = 0;
    }
    if (++ws->node_generation == 0) {
        memset(ws->node_mark, 0, ws->node_capacity * sizeof *ws->node_mark);
        ws->node_generation = 1;
    }
    uint32_t wanted = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct fr_target_mark *mark = &ws->node_mark[targets[i]];
        if (targets[i] != origin && mark->stamp != ws->node_generation) {
            *mark = (struct fr_target_mark){ws->node_generation, FR_NONE};
            wanted++;
        }
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
        if (!fr_state_is_out(s)) {
            struct fr_target_mark *mark = &ws->node_mark[g->state_node[s]];
            if (mark->stamp == ws->node_generation && mark->state == FR_NONE) {
                mark->state = s;
                wanted--;
            }
        }
        fr_side_relax_forward(side, &m, s, NULL);
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t node = targets[i];
        reached[i] = node != spec->origin && ws->node_mark[node].state != FR_NONE;
        if (!reached[i])
            continue;
        keys[i] = fr_side_key(side, ws->node_mark[node].state);
        if (paths)
            fr_side_append_path(side, g, ws->node_mark[node].state, paths[i]);
    }
}

/* ---- scalar one to all ------------------------------------------------------------ */

/* Its own heap: entries ordered by exact priority, then state; each
 * queued state's index kept in scalar->pos. */
static inline bool scalar_before(const fr_scalar_side *scalar, const fr_heap_entry *a,
                                 const fr_heap_entry *b)
{
    (void)scalar;
    return fr_heap_entry_before_exact(a, b);
}

static inline void scalar_placed(fr_scalar_side *scalar, const fr_heap_entry *entry, uint32_t i)
{
    scalar->pos[entry->state] = i;
}

FR_DEFINE_INDEXED_HEAP(scalar_heap, fr_heap_entry, fr_scalar_side *, 4, scalar_before,
                       scalar_placed)

static void scalar_begin(fr_scalar_side *scalar, uint32_t n_states)
{
    if (n_states > scalar->capacity || !scalar->pos) {
        size_t n = n_states ? n_states : 1;
        g_free(scalar->pos);
        g_free(scalar->pred);
        g_free(scalar->heap);
        scalar->capacity = (uint32_t)n;
        scalar->pos = g_new(uint32_t, n);
        scalar->pred = g_new(uint32_t, n);
        scalar->heap = g_new(fr_heap_entry, n);
    }
    scalar->heap_len = 0;
}

/* dist[s] falls to d by edge `pred` (FR_NONE at roots): queues s, or moves
 * it up the heap. A state is queued when its distance is finite; a settled
 * state never improves (weights are 0 or more), and is left alone if a
 * rounding said otherwise. */
static inline void scalar_improve(fr_scalar_side *scalar, double *dist, uint32_t s, double d,
                                  uint32_t pred)
{
    uint32_t i;
    if (dist[s] == INFINITY)
        i = scalar->heap_len++;
    else if ((i = scalar->pos[s]) == FR_SETTLED)
        return;
    dist[s] = d;
    scalar->pred[s] = pred;
    scalar->heap[i] = (fr_heap_entry){d, s};
    scalar_heap_sift_up(scalar, scalar->heap, i);
}

/* Removes and settles the state with the least distance (heap not empty),
 * prefetching the distances of the states its edges lead to. */
static inline uint32_t scalar_pop(fr_scalar_side *scalar, const fr_vgraph *g, const double *dist,
                                  bool backward)
{
    uint32_t s = scalar->heap[0].state;
    if (backward) {
        for (uint32_t i = g->in_start[s]; i < g->in_start[s + 1]; i++)
            __builtin_prefetch(&dist[g->edge_from[g->in_edges[i]]]);
    } else {
        for (uint32_t e = g->out_start[s]; e < g->out_start[s + 1]; e++)
            __builtin_prefetch(&dist[g->edge_to[e]]);
    }
    scalar->pos[s] = FR_SETTLED;
    if (--scalar->heap_len > 0) {
        scalar->heap[0] = scalar->heap[scalar->heap_len];
        scalar_heap_sift_down(scalar, scalar->heap, scalar->heap_len, 0);
        /* the next state to settle, unless s's edges queue a better one */
        uint32_t next = scalar->heap[0].state;
        __builtin_prefetch(backward ? &g->in_start[next] : &g->out_start[next]);
    }
    return s;
}

/* The out-edges of settled state s, for a metric without restrictions and
 * with a weight array: the common case, without a test per edge. */
static void scalar_relax_plain(fr_scalar_side *scalar, const fr_vgraph *g, const double *weight,
                               uint32_t s, double *dist)
{
    double d = dist[s];
    for (uint32_t e = g->out_start[s]; e < g->out_start[s + 1]; e++) {
        uint32_t next = g->edge_to[e];
        double nd = d + weight[e];
        if (nd < dist[next])
            scalar_improve(scalar, dist, next, nd, e);
    }
}

/* The edges of settled state s (forward: out-edges, backward: in-edges)
 * under any metric. */
static void scalar_relax(fr_scalar_side *scalar, const fr_metric *m, uint32_t s, bool backward,
                         double *dist)
{
    const fr_vgraph *g = m->g;
    const uint32_t *start = backward ? g->in_start : g->out_start;
    double d = dist[s];
    for (uint32_t i = start[s]; i < start[s + 1]; i++) {
        uint32_t e = backward ? g->in_edges[i] : i;
        uint32_t next = backward ? g->edge_from[e] : g->edge_to[e];
        /* the filter looks at the state an edge enters, which going
         * backward is the one already settled */
        if (!fr_metric_usable(m, e))
            continue;
        /* exact: a lower bound must not keep a sum a rounding above the least */
        double nd = d + fr_metric_weight(m, e);
        if (nd < dist[next])
            scalar_improve(scalar, dist, next, nd, e);
    }
}

void fr_engine_scalar_all(fr_workspace *ws, const fr_metric *m, const uint32_t *roots,
                          uint32_t n_roots, bool backward, double *dist)
{
    const fr_vgraph *g = m->g;
    fr_scalar_side *scalar = &ws->scalar;
    scalar_begin(scalar, g->n_states);
    for (uint32_t s = 0; s < g->n_states; s++)
        dist[s] = INFINITY;
    for (uint32_t i = 0; i < n_roots; i++)
        if (dist[roots[i]] == INFINITY)
            scalar_improve(scalar, dist, roots[i], 0, FR_NONE);
    bool plain = !backward && !m->restricted && m->weight;
    while (scalar->heap_len > 0) {
        uint32_t s = scalar_pop(scalar, g, dist, backward);
        if (plain)
            scalar_relax_plain(scalar, g, m->weight, s, dist);
        else
            scalar_relax(scalar, m, s, backward, dist);
    }
}
