/* bench_common.h - what the benchmarks share: the command line (--small,
 * --max), wall-clock timing of repeated batches, tables with fixed columns,
 * generated networks (bench/continent.h), random pairs, resolved search
 * specs, igraph baselines (state to state, and node to node on an augmented
 * graph) and the "same answer" comparisons. */
#ifndef FR_BENCH_COMMON_H
#define FR_BENCH_COMMON_H

#include "continent.h"
#include "algorithm.h"
#include "tradeoffs.h"
#include "vgraph_igraph.h"

#include <igraph.h>
#include <stdio.h>

/* ---- command line ---------------------------------------------------------- */

typedef struct {
    bool small;         /* --small: a quick run (CI) */
    uint64_t max_nodes; /* --max N: no network above N road nodes (0: no limit) */
} bc_options;

/* Parses --small and --max N, plus the program's own `extra` entries (may
 * be NULL); prints the usage and exits with status 2 on bad usage.
 * `summary` is the help text after the option list. */
void bc_parse_options(int *argc, char ***argv, const char *summary, const GOptionEntry *extra,
                      bc_options *options);

/* The sizes (road nodes) to run: `full` or `small`, each ending with 0, cut
 * at options->max_nodes. Returns how many were written to out[] (at most
 * `capacity`). */
size_t bc_sizes(const bc_options *options, const uint64_t *full, const uint64_t *small,
                uint64_t *out, size_t capacity);

/* ---- igraph copies ---------------------------------------------------------------- */

/* The network's virtual graph in igraph (fr_vgraph_to_igraph), built on
 * first use and kept for the next calls on the same network until
 * bc_igraph_drop(); one network at a time. Exits on failure. */
const igraph_t *bc_igraph_of(const fr_network *net);
/* Frees the kept copy: call before freeing its network. */
void bc_igraph_drop(void);

/* ---- time ---------------------------------------------------------------------- */

/* Seconds of CPU time the calling thread has used (CLOCK_THREAD_CPUTIME_ID).
 * Single-threaded measurements use it, so that other processes on a shared
 * machine do not count; on a quiet machine it equals the wall-clock time. */
double bc_cpu_now(void);
/* Wall-clock seconds (monotonic): for measurements with several threads. */
double bc_wall_now(void);

/* Runs batch(context) once (its answers are the ones to check), then, when
 * that took less than min_seconds, again until min_seconds have passed.
 * Returns CPU seconds per batch: the first run's when it was long enough,
 * else the mean of the repeats (warm caches). */
double bc_time_batches(void (*batch)(void *context, bool first), void *context,
                       double min_seconds);

/* ---- tables ------------------------------------------------------------------------ */

typedef struct {
    const char *title;
    int width; /* negative: left-aligned */
} bc_column;

typedef struct {
    const bc_column *columns;
    size_t n, at;
} bc_table;

/* Prints the header (titles, then a rule) and starts the first row. */
void bc_table_begin(bc_table *table, const bc_column *columns, size_t n);
/* Prints the next cell of the row, padded to its column; the row's last
 * cell ends the line. */
void bc_cell(bc_table *table, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* "met" or "NOT MET". */
const char *bc_verdict(bool met);

/* ---- networks ---------------------------------------------------------------------- */

/* A continent (bench/continent.h) of about road_nodes road nodes, written
 * to a temporary directory, loaded, and the directory removed. NULL, with a
 * message on stderr, on failure. `stats` may be NULL. Prints nothing else. */
fr_network *bc_continent(uint64_t road_nodes, continent_shape shape, uint64_t seed,
                         continent_stats *stats);
/* The same with generator options (e.g. services). */
fr_network *bc_continent_with(uint64_t road_nodes, continent_shape shape, uint64_t seed,
                              const continent_options *options, continent_stats *stats);
/* "continent grid, 10,709 nodes, 21,420 states, 50,712 virtual edges" */
char *bc_describe(const fr_network *net, continent_shape shape);

/* Nodes with exactly one mode (one OUT and one IN state, as road
 * junctions): for them a node-to-node query is a state-to-state query. */
GArray *bc_single_mode_nodes(const fr_network *net); /* uint32_t */
/* n random (origin, destination) pairs from pool[], origin != destination,
 * into pairs[2 * n]. */
void bc_random_pairs(GRand *rng, const uint32_t *pool, uint32_t n_pool, uint32_t n,
                     uint32_t *pairs);

/* The resolved spec of a query from node o to node d by `objective` (value
 * of time and carbon price for the generalized cost); false on failure
 * (message on stderr). fr_search_spec_clear() it. */
bool bc_spec(fr_search_spec *spec, const fr_network *net, uint32_t o, uint32_t d,
             fr_objective objective, double value_of_time, double carbon_price);
/* The same query as a public fr_query. */
fr_query *bc_query(const fr_network *net, uint32_t o, uint32_t d, fr_objective objective,
                   double value_of_time, double carbon_price);
/* Per virtual edge, the objective's weight (generalized: cost + value of
 * time x time + carbon price x co2). g_free it. */
double *bc_edge_weights(const fr_vgraph *g, fr_objective objective, double value_of_time,
                        double carbon_price);

/* ---- igraph baselines ----------------------------------------------------------- */

/* The virtual graph plus, per node v, a source vertex with zero-weight edges
 * to every OUT(v, .) and a sink vertex with zero-weight edges from every
 * IN(v, .): a shortest path from source(o) to sink(d) answers the node-level
 * question fr_engine_dijkstra() answers. Edges 0 .. n_edges-1 are the
 * virtual edges. */
typedef struct {
    igraph_t graph;
    uint32_t n_states, n_nodes, n_edges;
    igraph_integer_t n_all_edges;
} bc_augmented;

bool bc_augmented_init(bc_augmented *a, const fr_network *net);
void bc_augmented_free(bc_augmented *a);
/* igraph's weight vector: weight[] on the virtual edges, 0 on the added ones. */
void bc_augmented_weights(const bc_augmented *a, const double *weight, igraph_vector_t *out);

/* igraph_get_shortest_path_dijkstra from vertex `from` to `to` on `graph`
 * with `weights`: the sum of weight[] over the path's edges below
 * n_weighted (the virtual edges), INFINITY when there is no path. `edges`
 * is scratch (initialised). Call between fr_igraph_enter() and _leave(). */
double bc_igraph_path(const igraph_t *graph, const igraph_vector_t *weights,
                      igraph_integer_t from, igraph_integer_t to, const double *weight,
                      uint32_t n_weighted, igraph_vector_int_t *edges);
/* Node o to node d on the augmented graph. */
double bc_augmented_path(const bc_augmented *a, const igraph_vector_t *weights,
                         const double *weight, uint32_t o, uint32_t d, igraph_vector_int_t *edges);

/* ---- answers --------------------------------------------------------------------- */

/* Equal within a relative `tolerance` (both infinite counts as equal). */
bool bc_same(double a, double b, double tolerance);
/* "agree" or "DIFFER" */
const char *bc_agreement(bool same);

#endif /* FR_BENCH_COMMON_H */
