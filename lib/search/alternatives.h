/* alternatives.h - the k best routes by the objective that enter no
 * physical node twice (FORMAT.md §2), by Yen's algorithm in Lawler's
 * partition form over the constrained search. */
#ifndef FR_ALTERNATIVES_H
#define FR_ALTERNATIVES_H

#include "csearch.h"

typedef struct {
    uint64_t spur_searches;
    fr_csearch_stats search;
} fr_alternatives_stats;

/* Up to k routes in order, as a GPtrArray of paths (GArray of uint32_t
 * virtual edges each) that frees them; empty when no route exists. */
GPtrArray *fr_alternatives_search(const fr_vgraph *g, const fr_search_spec *spec, size_t k,
                                  fr_alternatives_stats *stats);

#endif /* FR_ALTERNATIVES_H */
