/* routingkit_ch.h - C interface to the RoutingKit baseline
 * (routingkit_ch.cpp): RoutingKit's ContractionHierarchy built on a graph
 * given as edge lists, and point-to-point queries on it with one reused
 * query object. Built only when CMake is given FR_ROUTINGKIT_DIR (see
 * bench/README.md); then FR_HAVE_ROUTINGKIT is defined.
 *
 * RoutingKit's weights are unsigned 32-bit integers (below 2^31 - 1, its
 * inf_weight), so the caller passes them scaled and rounded
 * (routingkit_weights()); a path's true weight is then summed from the
 * double weights over the arcs RoutingKit returns. */
#ifndef FR_ROUTINGKIT_CH_H
#define FR_ROUTINGKIT_CH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ROUTINGKIT_NO_PATH UINT32_MAX

typedef struct routingkit_ch routingkit_ch;

/* weight[e] * scale rounded to the nearest integer, into out[n_edges];
 * false when one of them is negative, NaN or not below (2^31 - 1) / 64.
 * Distances must stay below 2^31 - 1 too: the caller checks the largest
 * (a shortcut's weight is a shortest path's, so no sum RoutingKit forms
 * in building or querying wraps around when they all do). */
int routingkit_weights(uint32_t n_edges, const double *weight, double scale, uint32_t *out);

/* ContractionHierarchy::build() on n_vertices vertices and the edges
 * tails[e] -> heads[e] of weight weights[e] (any order; RoutingKit drops
 * loops and keeps the least of parallel edges). *seconds: the thread's
 * CPU time the build took. NULL on failure. */
routingkit_ch *routingkit_ch_build(uint32_t n_vertices, uint32_t n_edges, const uint32_t *tails,
                                   const uint32_t *heads, const uint32_t *weights,
                                   double *seconds);
void routingkit_ch_free(routingkit_ch *ch);

/* Bytes of the hierarchy's arrays (rank, order, and per side first_out,
 * head, weight, the shortcut bits and the two unpacking arrays), by their
 * sizes, as fr_ch_stats.bytes counts ours. */
size_t routingkit_ch_bytes(const routingkit_ch *ch);
/* Arcs in the forward and backward graphs together. */
uint64_t routingkit_ch_upward_arcs(const routingkit_ch *ch);

/* RoutingKit's upward graph d (0: forward, 1: backward), rows by rank:
 * *first_out (n_vertices + 1 offsets), *head (ranks) and *weight (scaled
 * integers) point at its own arrays, valid while ch lives. Returns
 * n_vertices. */
uint32_t routingkit_ch_upward(const routingkit_ch *ch, int d, const uint32_t **first_out,
                              const uint32_t **head, const uint32_t **weight);
/* Per vertex, its rank (RoutingKit's own array, n_vertices long). */
const uint32_t *routingkit_ch_rank(const routingkit_ch *ch);

/* The distance from vertex s to vertex t (scaled integer weights), or
 * ROUTINGKIT_NO_PATH: reset, add_source, add_target, run, get_distance. */
uint32_t routingkit_ch_distance(routingkit_ch *ch, uint32_t s, uint32_t t);
/* The same query, then get_arc_path(): the input edge ids of the path, in
 * order, in a buffer the driver owns until the next call; *n_arcs their
 * number. Returns the distance, or ROUTINGKIT_NO_PATH (*n_arcs 0). */
uint32_t routingkit_ch_path(routingkit_ch *ch, uint32_t s, uint32_t t, const uint32_t **arcs,
                            uint32_t *n_arcs);

#ifdef __cplusplus
}
#endif

#endif /* FR_ROUTINGKIT_CH_H */
