/* pareto.h - exact Pareto fronts over two or three of cost, time and CO2
 * (pareto.c), and which points of a front are supported, i.e. optimal for
 * some weighting (pareto_hull.c). */
#ifndef FR_PARETO_H
#define FR_PARETO_H

#include "metric.h"

typedef struct {
    uint64_t labels_created, labels_expanded;
} fr_pareto_stats;

/* false with an FR_ERROR_QUERY unless criteria are two or three distinct
 * known criteria. */
bool fr_pareto_check_criteria(const fr_criterion *criteria, size_t n, GError **error);

/* The front of spec over the criteria (checked), in order of the first
 * criterion: a GPtrArray of paths (GArray of uint32_t virtual edges each)
 * that frees them; only the supported routes when options->convex_hull;
 * at most options->max_routes (0: all). Empty when no route exists. */
GPtrArray *fr_pareto_front(const fr_vgraph *g, const fr_search_spec *spec,
                           const fr_criterion *criteria, size_t n_criteria,
                           const fr_pareto_options *options, fr_pareto_stats *stats);

/* Which of n points (k = 2 or 3 figures each, row-major, a Pareto front)
 * minimise some strictly positive weighting of the figures. Newly
 * allocated (g_free). */
bool *fr_pareto_supported(const double *points, size_t n, int k);

#endif /* FR_PARETO_H */
