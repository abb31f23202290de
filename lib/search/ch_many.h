/* ch_many.h - internal: many-to-many routes on a contraction hierarchy
 * (ch.h) by the bucket method (Knopp et al. 2007; OSRM's table service),
 * for origin-destination matrices of unrestricted queries.
 *
 * fr_ch_many_new() runs one backward upward search per destination (in
 * parallel) and
 * keeps, per rank, a bucket of (destination, key) for every rank such a
 * search settled; the result is immutable, so any number of threads may
 * then answer origins from it at once, each with its own workspace.
 * fr_ch_many_row() runs one forward upward search from an origin and scans
 * the buckets of every rank it settles, keeping per destination the least
 * key (key.h's order) and where the two halves meet; each path is then
 * unpacked into original virtual edges. fr_ch_many_rows() answers a block
 * of origins at once when only the paths' sums are wanted.
 *
 * Every answer is fr_ch_route()'s for that pair: key and path. Where the
 * two searches leave a choice between paths of equal keys (a tie at a
 * meeting or inside either half), which fr_ch_route() could resolve
 * otherwise, that pair is answered by fr_ch_route() itself. */
#ifndef FR_CH_MANY_H
#define FR_CH_MANY_H

#include "cancel.h"
#include "ch.h"

typedef struct fr_ch_many fr_ch_many;       /* the destinations' buckets; shared */
typedef struct fr_ch_many_ws fr_ch_many_ws; /* per thread */

/* The buckets of dests[0 .. n) (node indices of g, the graph ch was built
 * on; repeats allowed, each searched again), searched by up to `threads`
 * threads (0 or 1: the calling thread alone); the result does not depend
 * on their number. Looks at `cancellable` (may be NULL) before every
 * destination: NULL when it is cancelled. */
fr_ch_many *fr_ch_many_new(const fr_ch *ch, const fr_vgraph *g, const uint32_t *dests, uint32_t n,
                           unsigned threads, GCancellable *cancellable);
void fr_ch_many_free(fr_ch_many *m);

fr_ch_many_ws *fr_ch_many_ws_new(void);
void fr_ch_many_ws_free(fr_ch_many_ws *ws);

/* From node `origin` to every destination k: reached[k], keys[k], the
 * route's virtual edges appended to paths[k] (a caller-made GArray of
 * uint32_t) and the sums of its figures in sums[k] (vgraph.h: equal to the
 * sums over that path); paths and sums may be NULL. Sums without paths
 * take each forward half's sums once per row, not once per destination. A
 * destination equal to the origin is not reached (no route O -> O), as
 * fr_engine_one_to_many() has it. */
void fr_ch_many_row(const fr_ch_many *m, fr_ch_many_ws *ws, uint32_t origin, bool *reached,
                    fr_key *keys, GArray **paths, fr_path_sums *sums);

/* fr_ch_many_row() without paths for origins[0 .. n) at once: row b's
 * answers at [b * d + k] of reached, keys and sums (d the number of
 * destinations; sums may be NULL), the same as n calls would give. The
 * backward halves' sums are added destination by destination over the n
 * rows, while that destination's part of the hierarchy is in the cache:
 * at 10^5 road nodes, 256 rows at once take 0.76 times the time of one at
 * a time. Looks at `cancel` (may be NULL) before every origin: false, the
 * rows unfinished, when it is cancelled. */
bool fr_ch_many_rows(const fr_ch_many *m, fr_ch_many_ws *ws, const uint32_t *origins, uint32_t n,
                     bool *reached, fr_key *keys, fr_path_sums *sums, fr_cancel *cancel);

/* What the process has done so far, for tests and benchmarks (white box):
 * bucket sets built, rows answered, pairs found, pairs handed to
 * fr_ch_route() because of a tie, bucket entries stored. */
typedef struct {
    uint64_t builds, rows, pairs, tie_pairs, entries;
} fr_ch_many_counters;

void fr_ch_many_get_counters(fr_ch_many_counters *c);

#endif /* FR_CH_MANY_H */
