/* search.h - internal: what the searches share. The tolerant comparison of
 * figures, the usability of a virtual edge under a query, route keys in the
 * order of FORMAT.md §2, lower bounds by backward search (lbound.c), the
 * constrained single-objective search behind bounded queries and
 * alternatives (csearch.c), and the entry points that report statistics to
 * the benchmarks (pareto.c, alternatives.c). */
#ifndef FR_SEARCH_H
#define FR_SEARCH_H

#include "route.h"

#define FR_NONE UINT32_MAX

/* -1, 0, 1 as a is below, equal to or above b, where figures within a
 * relative 1e-12 of each other are equal (lib/FORMAT.md §5). */
static inline int fr_compare_figure(double a, double b)
{
    double abs_a = fabs(a), abs_b = fabs(b);
    double scale = abs_a > abs_b ? abs_a : abs_b;
    if (scale == INFINITY) /* the tolerance below would be infinite */
        return a < b ? -1 : a > b ? 1 : 0;
    double tolerance = 1e-12 * (scale > 1.0 ? scale : 1.0);
    return a < b - tolerance ? -1 : a > b + tolerance ? 1 : 0;
}

/* May a search use virtual edge e? Blocked nodes cannot be entered; link
 * edges need an allowed mode and a corridor that is not avoided. */
bool fr_edge_usable(const fr_network *net, const fr_search_spec *spec, uint32_t e);

static inline bool fr_state_is_target(const fr_vgraph *g, const fr_search_spec *spec, uint32_t s)
{
    return !fr_state_is_out(s) && g->state_node[s] == spec->destination;
}

/* The key of a (partial) route per TEU, ordered as FORMAT.md §2 breaks
 * ties: objective, then time, then cost, then fewer edges. */
typedef struct {
    double obj, time, cost;
    uint32_t edges;
} fr_key;

int fr_key_compare(const fr_key *a, const fr_key *b);

/* ---- lbound.c: lower bounds to the destination --------------------------- */

typedef enum { FR_MEASURE_COST, FR_MEASURE_TIME, FR_MEASURE_CO2, FR_MEASURE_OBJECTIVE } fr_measure;

/* The figure of virtual edge e for a measure, per TEU. */
double fr_measure_edge(const fr_vgraph *g, const fr_search_spec *spec, fr_measure m, uint32_t e);
/* Per state, the least total of `m` over the usable paths from the state to
 * any IN(destination, .); INFINITY where none. Consistent: for every usable
 * edge s->t, bound[s] <= figure + bound[t]. Newly allocated (g_free). */
double *fr_lower_bounds(const fr_network *net, const fr_search_spec *spec, fr_measure m);

/* ---- csearch.c: constrained single-objective search ---------------------- */

/* A workspace for repeated searches on one query (not shared by threads). */
typedef struct fr_csearch fr_csearch;

/* `simple`: routes may not enter a physical node twice (alternatives);
 * otherwise any path of the virtual graph counts (bounded routes). The
 * query's bounds apply either way. */
fr_csearch *fr_csearch_new(const fr_network *net, const fr_search_spec *spec, bool simple);
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
GArray *fr_search_bounded_path(const fr_network *net, const fr_search_spec *spec);

typedef struct {
    uint64_t searches; /* label-setting passes (with the refinements below) */
    uint64_t refinements; /* passes repeated because a node was entered twice */
    uint64_t labels;   /* labels created */
    uint32_t critical; /* nodes whose visits the labels track */
} fr_csearch_stats;
void fr_csearch_get_stats(const fr_csearch *cs, fr_csearch_stats *stats);

/* ---- trade-offs with statistics, for the benchmarks ---------------------- */

typedef struct {
    uint64_t labels_created, labels_expanded;
} fr_pareto_stats;
fr_route_list *fr_pareto_run(const fr_network *net, const fr_query *query,
                             const fr_criterion *criteria, size_t n_criteria,
                             const fr_pareto_options *options, fr_pareto_stats *stats,
                             GError **error);

typedef struct {
    uint64_t spur_searches;
    fr_csearch_stats search;
} fr_alternatives_stats;
fr_route_list *fr_alternatives_run(const fr_network *net, const fr_query *query, size_t k,
                                   fr_alternatives_stats *stats, GError **error);

/* pareto_hull.c: which of n points (k = 2 or 3 figures each, row-major, a
 * Pareto front) minimise some strictly positive weighting of the figures.
 * Newly allocated (g_free). */
bool *fr_pareto_supported(const double *points, size_t n, int k);

#endif /* FR_SEARCH_H */
