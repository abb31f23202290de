/* ch.h - internal: contraction hierarchies (CH) for point-to-point queries
 * on the virtual graph with one objective and no restrictions.
 *
 * fr_ch_build() contracts every state in turn (least priority first),
 * adding a shortcut wherever a witness search finds no path at least as
 * good, and keeps the result as two upward graphs (20 bytes an arc).
 * fr_ch_route() answers a query by bidirectional Dijkstra on them and
 * unpacks the shortcuts into the original virtual edges. The keys are those of key.h (objective,
 * time, cost, edges), so answers equal plain Dijkstra's, ties included.
 *
 * An fr_ch is immutable once built: any number of threads may query it at
 * once, each with its own workspace. */
#ifndef FR_CH_H
#define FR_CH_H

#include "cancel.h"
#include "key.h"
#include "vgraph.h"

typedef struct fr_ch fr_ch;                     /* immutable once built; shared by threads */
typedef struct fr_ch_workspace fr_ch_workspace; /* per thread */

typedef struct {
    double seconds;        /* preprocessing wall time */
    uint64_t shortcuts;    /* shortcut edges added (those in the query graphs) */
    uint64_t upward_edges; /* edges in the query graphs */
    size_t bytes;          /* memory held by the fr_ch */
    uint64_t witness_searches; /* witness searches run while building */
    uint64_t witness_arcs;     /* arcs they scanned */
    size_t peak_build_bytes;   /* the most the builder's own arrays held at once */
} fr_ch_stats;

/* Contracts the virtual graph for one objective: edge e weighs the key
 * (weight[e], g->time[e], g->cost[e], 1) - weight is g->cost, g->time,
 * g->co2 or g->distance. NULL (with an FR_ERROR_INTERNAL GError) only on
 * failure. stats may be NULL. The hierarchy keeps each arc's objective
 * and reads the rest of its key from g's time and cost when objectives
 * tie, so g must outlive it unchanged (a network's own hierarchies do). */
fr_ch *fr_ch_build(const fr_vgraph *g, const double *weight, fr_ch_stats *stats, GError **error);
/* fr_ch_build() that polls `cancel` (NULL: never cancelled) and reports
 * the share of states contracted to it: NULL with FR_ERROR_CANCELLED when
 * the call is cancelled, having freed what it built. */
fr_ch *fr_ch_build_cancellable(const fr_vgraph *g, const double *weight, fr_cancel *cancel,
                               fr_ch_stats *stats, GError **error);
void fr_ch_free(fr_ch *ch);
void fr_ch_get_stats(const fr_ch *ch, fr_ch_stats *stats);

fr_ch_workspace *fr_ch_workspace_new(void);
void fr_ch_workspace_free(fr_ch_workspace *ws);

/* The least key over paths from any of sources[] (key 0 there) to any of
 * targets[] (states). false when none. Else, when key != NULL, *key, and
 * when path != NULL the ORIGINAL virtual edge ids of one optimal path
 * appended to path (GArray of uint32_t), shortcuts unpacked, in order.
 * States out of range are ignored. (The key's time, cost and edges are
 * summed over the path's shortcuts: pass NULL when only the path is
 * wanted.) */
bool fr_ch_route(const fr_ch *ch, fr_ch_workspace *ws, const uint32_t *sources, uint32_t n_sources,
                 const uint32_t *targets, uint32_t n_targets, fr_key *key, GArray *path);

/* fr_ch_route() for the least key's objective alone, into *objective. */
bool fr_ch_distance(const fr_ch *ch, fr_ch_workspace *ws, const uint32_t *sources,
                    uint32_t n_sources, const uint32_t *targets, uint32_t n_targets,
                    double *objective);

#endif /* FR_CH_H */
