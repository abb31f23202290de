/* route.h - internal: route objects (ordered steps with totals per TEU,
 * built from a path of virtual edges) and ordered lists of routes, as the
 * renderers and the public accessors read them. */
#ifndef FR_ROUTE_H
#define FR_ROUTE_H

#include "lifetime.h"
#include "query.h"
#include "timetable.h"
#include "vgraph.h"

/* What a route is built from and keeps pointing at: the network handle
 * (opaque here; fr_route_network() hands it back), the handle's reference
 * count (every route holds a reference, so its network outlives it), its
 * model and its virtual graph. `g` is read only while the route is built
 * (it may be a graph built for the query's date and freed after): a built
 * route's is NULL. */
typedef struct {
    const fr_network *handle;
    fr_lifetime *lifetime;
    const fr_model *model;
    const fr_vgraph *g;
} fr_route_context;

struct fr_route {
    fr_route_context ctx;
    const char *from, *to; /* node ids, owned by the network */
    fr_objective objective;
    double quantity, value_of_time, carbon_price;
    GArray *steps; /* fr_step */
    double cost_usd, time_h, co2_kg, distance_km; /* per TEU */
    size_t transfers;
    GDateTime *depart, *arrive; /* dated routes (steps have start/end); NULL otherwise */
};

/* route.c: a route object for a path of virtual edges answering query. */
fr_route *fr_route_new_from_path(const fr_route_context *ctx, const fr_query *query,
                                 const GArray *edges);

/* route.c: the step of virtual edge e of g (figures per TEU, the edge's). */
fr_step fr_route_edge_step(const fr_model *model, const fr_vgraph *g, uint32_t e);
/* route.c: adds a step to the route's totals and, unless it is a
 * pass-through that charges nothing, to its steps. */
void fr_route_add_step(fr_route *r, const fr_step *step);
/* route.c: whether every total of the route (for its quantity) and its
 * objective value are finite numbers (FORMAT.md §3: every figure printed
 * is; a query whose totals would overflow is invalid). */
bool fr_route_totals_finite(const fr_route *route);
/* route_list.c: the same for every route of the list. */
bool fr_route_list_totals_finite(const fr_route_list *list);

/* route.c: a route without steps yet, for query; it holds a reference to
 * ctx's network until fr_route_free(). */
fr_route *fr_route_new_empty(const fr_route_context *ctx, const fr_query *query);

/* route_dated.c: the dated route of a path of the timetable's graph
 * leaving the origin at `depart` (an instant), boarding as early as it
 * can: steps with start and end, waits as steps of their own. */
fr_route *fr_route_new_dated(const fr_route_context *ctx, const fr_query *query,
                             const fr_timetable *tt, const GArray *edges, double depart);

/* route_list.c: an ordered list of routes, owning them. `title` says what the
 * list is ("Pareto routes over cost and time") for the text rendering. */
struct fr_route_list {
    GPtrArray *routes; /* fr_route * */
    char *title;
};
fr_route_list *fr_route_list_new(const char *title);
void fr_route_list_add(fr_route_list *list, fr_route *route);
/* A list titled `title` of the routes of paths (GArray of virtual edges each). */
fr_route_list *fr_route_list_from_paths(const fr_route_context *ctx, const fr_query *query,
                                        const char *title, const GPtrArray *paths);

#endif /* FR_ROUTE_H */
