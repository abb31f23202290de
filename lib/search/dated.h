/* dated.h - exact searches for dated queries (FORMAT.md §5): routes as
 * timetables, on the graph of running times and its timetable. A
 * time-dependent Dijkstra gives earliest arrivals, a backward one latest
 * departures; a label search over (objective, arrival, cost, edges) gives
 * the best route by any objective with its ties, bounds and deadlines, and
 * Pareto fronts. Waiting is free and allowed anywhere; every edge is FIFO,
 * so a path's best schedule is to board as early as it can. */
#ifndef FR_DATED_H
#define FR_DATED_H

#include "dated_ws.h"
#include "metric.h"
#include "timetable.h"

typedef struct {
    const fr_model *model;
    const fr_vgraph *g; /* running times; the timetable's graph */
    const fr_timetable *tt;
    const fr_search_spec *spec;
    fr_metric metric; /* the query's restrictions */
} fr_dated_graph;

void fr_dated_graph_init(fr_dated_graph *dg, const fr_model *model, const fr_timetable *tt,
                         const fr_search_spec *spec);

/* Whether a dated search may take edge e: the query's restrictions, and
 * the link valid on the query's date. */
static inline bool fr_dated_edge_open(const fr_dated_graph *dg, uint32_t e)
{
    if (!fr_metric_usable(&dg->metric, e))
        return false;
    const fr_vgraph *g = dg->g;
    if (!dg->model->has_validity || dg->spec->day == FR_DAY_MIN ||
        g->edge_mode[e] == FR_EDGE_NO_MODE)
        return true;
    const fr_link *l = FR_LINK(dg->model, g->edge_ref[e]);
    return l->valid_from <= dg->spec->day && dg->spec->day <= l->valid_to;
}

/* A dated route found: its virtual edges and its departure from the origin
 * (the instant; the schedule follows by boarding as early as possible). */
typedef struct {
    GArray *edges; /* uint32_t */
    double depart;
} fr_dated_path;
/* dated_labels.c */
void fr_dated_path_free(fr_dated_path *path);

/* The best dated route of the spec (which is dated: a departure, a
 * deadline or both), or NULL when none satisfies it. Objective time with
 * a departure: the earliest arrival; with only a deadline: the latest
 * departure. Other objectives: the best objective (ties: earlier arrival,
 * or with only a deadline later departure; then cost, then fewer edges).
 * FR_ERROR_QUERY for what needs a departure and has none (generalized, a
 * time bound). */
fr_dated_path *fr_dated_route(const fr_dated_graph *dg, GError **error);
/* Whether fr_dated_route() can answer the spec at all (the FR_ERROR_QUERY
 * it would give, whatever the origin and destination). */
bool fr_dated_check(const fr_search_spec *spec, GError **error);

/* dated_front.c. The Pareto front over the criteria (checked by the caller) of routes
 * departing at the spec's departure (required): fr_dated_path *, sorted by
 * the criteria in order, one per distinct vector; `options` (may be NULL)
 * as fr_network_pareto() takes them. */
GPtrArray *fr_dated_pareto(const fr_dated_graph *dg, const fr_criterion *criteria,
                           size_t n_criteria, const fr_pareto_options *options);

/* The instant a path departing at path->depart is delivered at its end,
 * boarding as early as it can. */
double fr_dated_arrival(const fr_dated_graph *dg, const fr_dated_path *path);

/* ---- dated_labels.c: the label search both of them use ---- */

typedef struct {
    bool backward;        /* from the destination at `start` (a deadline) */
    double start;         /* forward: the departure; backward: the deadline */
    const double *weight; /* the objective figure per edge (summed); NULL: see next */
    bool generalized;     /* weight NULL: cost + carbon_price * co2 if set, else 0 */
    double carbon_price;
    double lambda;        /* key = objective + lambda * hours since start (forward) */
    const fr_stamped_time *latest; /* forward: per state, the latest useful arrival
                                      (-INFINITY when not set); NULL: none */
    double deadline;      /* forward: delivered by then (INFINITY: none) */
    double max_time_h, max_cost; /* bounds, per TEU; INFINITY: none */
    bool front;           /* collect every non-dominated final label, not the first */
    size_t simple_k;      /* > 0: no dominance; the first simple_k final labels of paths
                             that visit no node twice (alternatives) */
} fr_label_params;

/* At most this many labels for alternatives (which cannot drop dominated
 * ones); beyond, fr_dated_labels() stops and sets *too_many. */
#define FR_DATED_MAX_LABELS 4000000u

/* The first final label's path (NULL: none), or with `front` every final
 * one's (GPtrArray of fr_dated_path; criteria decide the front later). */
GPtrArray *fr_dated_labels(const fr_dated_graph *dg, const fr_label_params *params,
                           bool *too_many);

/* The k best dated routes departing at the spec's departure that visit no
 * physical node twice, in order of the objective (as fr_dated_route() ranks
 * them): fr_dated_path *. NULL with FR_ERROR_QUERY when the search would
 * need more than FR_DATED_MAX_LABELS labels. */
GPtrArray *fr_dated_alternatives(const fr_dated_graph *dg, size_t k, GError **error);

/* dated.c: the label search's parameters for the spec's objective, bounds
 * and deadline, leaving at `start`; and the search run with dominance (so
 * it cannot run out of labels). */
fr_label_params fr_dated_params(const fr_dated_graph *dg, double start);
GPtrArray *fr_dated_labels_all(const fr_dated_graph *dg, const fr_label_params *params);

#endif /* FR_DATED_H */
