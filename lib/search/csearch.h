/* csearch.h - the constrained single-objective search behind bounded
 * routes and alternatives: the best route by key under the query's bounds
 * on time and cost, optionally entering no physical node twice, from a
 * given root and with edges barred after it. */
#ifndef FR_CSEARCH_H
#define FR_CSEARCH_H

#include "key.h"
#include "metric.h"

/* A workspace for repeated searches on one query (not shared by threads). */
typedef struct fr_csearch fr_csearch;

/* `simple`: routes may not enter a physical node twice (alternatives);
 * otherwise any path of the virtual graph counts (bounded routes). The
 * query's bounds apply either way. */
fr_csearch *fr_csearch_new(const fr_vgraph *g, const fr_search_spec *spec, bool simple);
void fr_csearch_free(fr_csearch *cs);

typedef struct {
    const uint32_t *root; /* the route's first edges, from an OUT(origin, .) */
    uint32_t n_root;      /* 0: start at every OUT(origin, .) */
    const uint32_t *banned; /* edges the route may not take right after the root */
    uint32_t n_banned;
    const fr_key *bound; /* NULL, or: only routes whose key is below it */
} fr_csearch_problem;

/* The best route (root included) of the problem by its key, with the key;
 * NULL when there is none. */
GArray *fr_csearch_run(fr_csearch *cs, const fr_csearch_problem *problem, fr_key *key);

/* The best route within the query's bounds, any path of the virtual graph
 * (fr_network_route() with bounds); NULL when none. */
GArray *fr_search_bounded_path(const fr_vgraph *g, const fr_search_spec *spec);

typedef struct {
    uint64_t searches; /* label-setting passes (with the refinements below) */
    uint64_t refinements; /* passes repeated because a node was entered twice */
    uint64_t labels;   /* labels created */
    uint32_t critical; /* nodes whose visits the labels track */
} fr_csearch_stats;
void fr_csearch_get_stats(const fr_csearch *cs, fr_csearch_stats *stats);

#endif /* FR_CSEARCH_H */
