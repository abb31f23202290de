/* engine.h - internal: the query engine. Searches on the virtual graph's
 * forward CSR (and its in-edge index) with a reusable workspace: per-state
 * labels that a search resets only where it wrote (generation stamps), an
 * indexed 4-ary heap, and a stop as soon as the target is settled. A query
 * allocates nothing once its workspace has grown to the graph. The network
 * is only read, so any number of threads may search it at once, each with
 * its own workspace.
 *
 * Routes are ordered by the key of search.h (objective, time, cost, edges).
 * Algorithms: plain Dijkstra (engine.c), bidirectional Dijkstra and A* with
 * landmark bounds (engine_goal.c, landmarks.c), contraction hierarchies
 * (ch.c); they return the same keys. */
#ifndef FR_ENGINE_H
#define FR_ENGINE_H

#include "search.h"

/* ---- workspaces ------------------------------------------------------------ */

typedef struct fr_workspace fr_workspace;

fr_workspace *fr_workspace_new(void);
void fr_workspace_free(fr_workspace *ws);
/* The calling thread's own workspace: made on first use, freed when the
 * thread exits. For fr_network_route() and the other public calls. */
fr_workspace *fr_workspace_of_thread(void);

/* ---- what a search optimises and may use ----------------------------------- */

typedef struct {
    const fr_vgraph *g;
    const double *weight; /* the objective per edge, or NULL: generalized cost */
    double value_of_time, carbon_price; /* for the generalized cost */
    bool restricted;     /* false: every edge is usable (no filter runs) */
    const fr_search_spec *spec; /* the filter when restricted */
} fr_metric;

void fr_metric_init(fr_metric *m, const fr_network *net, const fr_search_spec *spec);

static inline double fr_metric_weight(const fr_metric *m, uint32_t e)
{
    const fr_vgraph *g = m->g;
    return m->weight ? m->weight[e]
                     : g->cost[e] + m->value_of_time * g->time[e] + m->carbon_price * g->co2[e];
}

static inline bool fr_metric_usable(const fr_metric *m, uint32_t e)
{
    if (!m->restricted)
        return true;
    const fr_vgraph *g = m->g;
    const fr_search_spec *spec = m->spec;
    if (spec->node_blocked[g->state_node[g->edge_to[e]]])
        return false;
    uint8_t mode = g->edge_mode[e];
    int32_t corridor = g->edge_corridor[e];
    return mode == FR_EDGE_NO_MODE || ((spec->modes & FR_MODE_BIT(mode)) &&
                                       (corridor < 0 || !spec->corridor_blocked[corridor]));
}

/* The states a route may start at (OUT(node, .)) or end at (IN(node, .));
 * returns how many (at most FR_MODE_COUNT) written to states[]. */
uint32_t fr_node_states(const fr_vgraph *g, uint32_t node, bool out, uint32_t *states);

/* ---- point-to-point ----------------------------------------------------------- */

/* prepare.c: the algorithm for an unbounded spec: spec->algorithm when it
 * can answer (else FR_ALGORITHM_AUTO with an FR_ERROR_QUERY saying why),
 * or for FR_ALGORITHM_AUTO the fastest one prepared. */
fr_algorithm fr_choose_algorithm(const fr_network *net, const fr_search_spec *spec,
                                 bool restricted, GError **error);
/* The best route of spec by a chosen algorithm, as fr_engine_dijkstra(). */
bool fr_engine_route(fr_workspace *ws, const fr_network *net, const fr_search_spec *spec,
                     fr_algorithm algorithm, fr_key *key, GArray *path);

/* The best route of spec (unbounded) by Dijkstra: true with its key, and its
 * virtual edges appended to `path` when path is not NULL; false when there
 * is none. */
bool fr_engine_dijkstra(fr_workspace *ws, const fr_network *net, const fr_search_spec *spec,
                        fr_key *key, GArray *path);
/* The same answer from a bidirectional search. */
bool fr_engine_bidirectional(fr_workspace *ws, const fr_network *net,
                             const fr_search_spec *spec, fr_key *key, GArray *path);

/* ---- one to many ---------------------------------------------------------------- */

/* From spec->origin (spec->destination is ignored) to every node in
 * targets[0 .. n): keys[i] and, when paths is not NULL, the route's virtual
 * edges in paths[i] (appended to a caller-made GArray; left empty when
 * unreachable). reached[i] tells whether a route exists. Stops when every
 * target is settled. Each answer equals fr_engine_dijkstra()'s for that
 * pair. A target equal to the origin is not reached (no route O -> O). */
void fr_engine_one_to_many(fr_workspace *ws, const fr_network *net, const fr_search_spec *spec,
                           const uint32_t *targets, uint32_t n, bool *reached, fr_key *keys,
                           GArray **paths);

/* Every state's least total of m's weight (forward: from the roots;
 * backward: to the roots), over the edges m allows. dist[] has n_states
 * entries; INFINITY where unreachable. A plain scalar Dijkstra over all
 * states: for lower bounds and landmarks. */
void fr_engine_scalar_all(fr_workspace *ws, const fr_metric *m, const uint32_t *roots,
                          uint32_t n_roots, bool backward, double *dist);

/* ---- preprocessing (net->prepared[objective]) ------------------------------ */

/* A metric for an objective with no restrictions (cost, time, co2, distance). */
void fr_metric_plain(fr_metric *m, const fr_vgraph *g, fr_objective objective);

#endif /* FR_ENGINE_H */
