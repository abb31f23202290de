/* dated_api.h - the public calls' dated side (FORMAT.md §5): a dated
 * query's route and Pareto front on the network's timetable, and departure
 * profiles (dated_api.c, profile.c). */
#ifndef FR_DATED_API_H
#define FR_DATED_API_H

#include "network.h"

/* The dated route of spec (spec->dated), or NULL with FR_ERROR_QUERY or
 * FR_ERROR_NO_ROUTE. */
fr_route *fr_dated_network_route(const fr_network *net, const fr_query *query,
                                 const fr_search_spec *spec, GError **error);
/* The dated Pareto front (spec has a departure): routes as a list titled
 * `title`, or NULL with FR_ERROR_QUERY or FR_ERROR_NO_ROUTE. */
fr_route_list *fr_dated_network_pareto(const fr_network *net, const fr_query *query,
                                       const fr_search_spec *spec, const fr_criterion *criteria,
                                       size_t n_criteria, const fr_pareto_options *options,
                                       const char *title, GError **error);

/* The k best dated routes visiting no node twice (spec has a departure). */
fr_route_list *fr_dated_network_alternatives(const fr_network *net, const fr_query *query,
                                             const fr_search_spec *spec, size_t k,
                                             GError **error);

#endif /* FR_DATED_API_H */
