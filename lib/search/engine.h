/* engine.h - internal: the query engine. Searches on the virtual graph's
 * forward CSR (and its in-edge index) with a reusable workspace: per-state
 * labels that a search resets only where it wrote (generation stamps), an
 * indexed 4-ary heap, and a stop as soon as the target is settled. A query
 * allocates nothing once its workspace has grown to the graph. The network
 * is only read, so any number of threads may search it at once, each with
 * its own workspace.
 *
 * Routes are ordered by the keys of key.h (objective, time, cost, edges).
 * Algorithms: plain Dijkstra and A* with any consistent potential
 * (engine.c), bidirectional Dijkstra (engine_bidir.c); landmarks.h supplies
 * a potential, ch.h a separate index. They return the same keys. Choosing
 * among them is the api layer's job (api/algorithm.c). */
#ifndef FR_ENGINE_H
#define FR_ENGINE_H

#include "key.h"
#include "metric.h"

/* ---- workspaces ------------------------------------------------------------ */

typedef struct fr_workspace fr_workspace;

fr_workspace *fr_workspace_new(void);
void fr_workspace_free(fr_workspace *ws);
/* The calling thread's own workspace: made on first use, freed when the
 * thread exits. For fr_network_route() and the other public calls. */
fr_workspace *fr_workspace_of_thread(void);

/* ---- goal direction ---------------------------------------------------------- */

/* A* potential: a lower bound on the objective from a state to the
 * destination, consistent along every usable edge; INFINITY when the
 * destination cannot be reached from the state. */
typedef struct {
    double (*bound)(const void *context, uint32_t state);
    const void *context;
} fr_potential;

/* ---- point-to-point ----------------------------------------------------------- */

/* The best route of spec (unbounded) by Dijkstra: true with its key, and its
 * virtual edges appended to `path` when path is not NULL; false when there
 * is none. */
bool fr_engine_dijkstra(fr_workspace *ws, const fr_vgraph *g, const fr_search_spec *spec,
                        fr_key *key, GArray *path);
/* The same answer by A* with the given potential. */
bool fr_engine_astar(fr_workspace *ws, const fr_vgraph *g, const fr_search_spec *spec,
                     const fr_potential *potential, fr_key *key, GArray *path);
/* The same answer from a bidirectional search. */
bool fr_engine_bidirectional(fr_workspace *ws, const fr_vgraph *g,
                             const fr_search_spec *spec, fr_key *key, GArray *path);

/* ---- one to many ---------------------------------------------------------------- */

/* From spec->origin (spec->destination is ignored) to every node in
 * targets[0 .. n): keys[i] and, when paths is not NULL, the route's virtual
 * edges in paths[i] (appended to a caller-made GArray; left empty when
 * unreachable). reached[i] tells whether a route exists. Stops when every
 * target is settled. Each answer equals fr_engine_dijkstra()'s for that
 * pair. A target equal to the origin is not reached (no route O -> O). */
void fr_engine_one_to_many(fr_workspace *ws, const fr_vgraph *g, const fr_search_spec *spec,
                           const uint32_t *targets, uint32_t n, bool *reached, fr_key *keys,
                           GArray **paths);

/* Every state's least total of m's weight (forward: from the roots;
 * backward: to the roots), over the edges m allows. dist[] has n_states
 * entries; INFINITY where unreachable. A plain scalar Dijkstra over all
 * states: for lower bounds and landmarks. */
void fr_engine_scalar_all(fr_workspace *ws, const fr_metric *m, const uint32_t *roots,
                          uint32_t n_roots, bool backward, double *dist);

#endif /* FR_ENGINE_H */
