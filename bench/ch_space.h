/* ch_space.h - the search space of a contraction hierarchy, measured by one
 * query code whatever built the hierarchy (ch_space.c), so that bench-p2p
 * can compare ours with RoutingKit's on the same pairs: what each
 * hierarchy makes a query read, apart from how fast each query code reads
 * it.
 *
 * The query is RoutingKit's plain one: bidirectional Dijkstra on the two
 * upward graphs, the sides strictly alternating, each stopping when its
 * least open distance reaches the best meeting, stall-on-demand with <=,
 * no pruning of relaxations; distances are doubles. Also counted: each
 * pair's upward-reachable sets (every rank an upward search could reach,
 * with no pruning at all), which depend on the hierarchy alone. */
#ifndef FR_BENCH_CH_SPACE_H
#define FR_BENCH_CH_SPACE_H

#include "ch.h"

#include <stdint.h>

/* A hierarchy's two upward graphs (0: forward, 1: backward), rows by rank:
 * row r of graph d holds first_out[d][r] .. first_out[d][r + 1] - 1, with
 * head ranks and weights. rank[state]: a state's rank. */
typedef struct {
    uint32_t n;
    const uint32_t *first_out[2], *head[2];
    const double *weight[2];
    const uint32_t *rank;
} ch_upward_graphs;

/* Per pair, on average. */
typedef struct {
    double settled, relaxed, stall_arcs; /* the query: ranks, arcs relaxed, arcs the stall test read */
    double reachable, reachable_arcs;    /* both upward-reachable sets: ranks, their arcs */
} ch_space;

/* Our hierarchy's graphs (its own arrays: valid while ch lives). */
void ch_space_graphs_of(const fr_ch *ch, ch_upward_graphs *g);

/* The averages over n_pairs pairs of states (states[2i] -> states[2i + 1]). */
void ch_space_measure(const ch_upward_graphs *g, const uint32_t *states, uint32_t n_pairs,
                      ch_space *out);

#endif /* FR_BENCH_CH_SPACE_H */
