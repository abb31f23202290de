/* route.h - internal: queries, their resolution against a network, the
 * single-objective search, and route construction from a virtual path. */
#ifndef FR_ROUTE_H
#define FR_ROUTE_H

#include "network.h"

#include <math.h>

struct fr_query {
    char *from, *to;
    fr_objective objective;
    double quantity, value_of_time, carbon_price;
    fr_mode_set modes;
    GPtrArray *avoid_nodes, *avoid_countries, *avoid_corridors; /* char * */
    double max_time, max_cost; /* totals for the whole quantity; INFINITY: none */
    fr_algorithm algorithm;
};

/* A query checked against a network, in the terms a search needs. */
typedef struct {
    uint32_t origin, destination; /* node indices */
    fr_objective objective;
    double value_of_time, carbon_price;
    fr_mode_set modes;
    bool *node_blocked;     /* per node: avoided node or country */
    bool *corridor_blocked; /* per corridor index */
    double max_time;        /* hours; INFINITY when unbounded */
    double max_cost_teu;    /* USD per TEU (the query's bound / quantity); INFINITY: none */
    fr_algorithm algorithm;
    bool restricted; /* some node or corridor blocked, or not every mode allowed */
} fr_search_spec;

static inline bool fr_spec_bounded(const fr_search_spec *spec)
{
    return spec->max_time < INFINITY || spec->max_cost_teu < INFINITY;
}

/* query.c: sets an FR_ERROR_QUERY error with a formatted message; returns false. */
bool fr_query_error(GError **error, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* query.c: FR_ERROR_QUERY naming the problem when the query is impossible. */
bool fr_search_spec_init(fr_search_spec *spec, const fr_network *net, const fr_query *query,
                         GError **error);
void fr_search_spec_clear(fr_search_spec *spec);

/* search.c: the virtual edges of the optimal path (ties as in FORMAT.md §2)
 * by plain Dijkstra, or NULL when no route exists. */
GArray *fr_search_best_path(const fr_network *net, const fr_search_spec *spec);
/* The same for an unbounded spec by spec->algorithm (FR_ALGORITHM_AUTO:
 * the fastest prepared one): true with *path (NULL when no route exists),
 * or false with an FR_ERROR_QUERY when the algorithm cannot answer. */
bool fr_search_path(const fr_network *net, const fr_search_spec *spec, GArray **path,
                    GError **error);
/* The objective's weight of one virtual edge, per TEU. */
double fr_edge_objective(const fr_vgraph *g, const fr_search_spec *spec, uint32_t edge);

struct fr_route {
    const fr_network *net;
    const char *from, *to; /* node ids, owned by the network */
    fr_objective objective;
    double quantity, value_of_time, carbon_price;
    GArray *steps; /* fr_step */
    double cost_usd, time_h, co2_kg, distance_km; /* per TEU */
    size_t transfers;
};

/* route.c: a route object for a path of virtual edges. */
fr_route *fr_route_new_from_path(const fr_network *net, const fr_query *query,
                                 const GArray *edges);

/* route_list.c: an ordered list of routes, owning them. `title` says what the
 * list is ("Pareto routes over cost and time") for the text rendering. */
struct fr_route_list {
    GPtrArray *routes; /* fr_route * */
    char *title;
};
fr_route_list *fr_route_list_new(const char *title);
void fr_route_list_add(fr_route_list *list, fr_route *route);

#endif /* FR_ROUTE_H */
