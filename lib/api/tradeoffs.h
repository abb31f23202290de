/* tradeoffs.h - Pareto fronts and alternatives for a query as route lists,
 * with the searches' statistics for the benchmarks. */
#ifndef FR_TRADEOFFS_H
#define FR_TRADEOFFS_H

#include "alternatives.h"
#include "network.h"
#include "pareto.h"

/* fr_network_pareto() with statistics (stats may be NULL). */
fr_route_list *fr_pareto_run(const fr_network *net, const fr_query *query,
                             const fr_criterion *criteria, size_t n_criteria,
                             const fr_pareto_options *options, fr_pareto_stats *stats,
                             GError **error);

/* fr_network_alternatives() with statistics (stats may be NULL). */
fr_route_list *fr_alternatives_run(const fr_network *net, const fr_query *query, size_t k,
                                   fr_alternatives_stats *stats, GError **error);

#endif /* FR_TRADEOFFS_H */
