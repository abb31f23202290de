/* dated.c - dated queries (dated.h): which search answers which query, the
 * time-dependent Dijkstra forward (earliest arrivals) and backward (latest
 * departures), and Pareto fronts from the label search's final labels.
 *
 * Objective time with a departure runs in three passes: the earliest
 * arrival at every state; backward from the destination at that arrival,
 * the latest moment each state can be left and still make it (only states
 * reached in time are expanded); then the label search restricted to
 * labels no later than those moments, which settles the §2 ties (cost,
 * then fewer edges) among the routes that arrive earliest. */
#include "dated.h"
#include "error.h"
#include "heap.h"
#include "key.h"

#include <math.h>

void fr_dated_graph_init(fr_dated_graph *dg, const fr_model *model, const fr_timetable *tt,
                         const fr_search_spec *spec)
{
    *dg = (fr_dated_graph){model, tt->g, tt, spec, {0}};
    fr_metric_init(&dg->metric, tt->g, spec);
}

/* ---- time-dependent Dijkstra, both ways ---------------------------------- */

typedef struct {
    double t; /* oriented: smaller first */
    uint32_t state;
} moment;

static inline bool moment_before(void *unused, const moment *x, const moment *y)
{
    (void)unused;
    return x->t < y->t;
}
FR_DEFINE_HEAP(moment_heap, moment, void *, moment_before)

/* Earliest arrival per state when leaving the origin at `depart`, up to
 * the destination's; *delivered is the earliest delivery there. */
static double *earliest_arrivals(const fr_dated_graph *dg, double depart, double *delivered)
{
    const fr_vgraph *g = dg->g;
    double *arrival = g_new(double, (size_t)g->n_states + 1);
    for (uint32_t s = 0; s < g->n_states; s++)
        arrival[s] = INFINITY;
    moment_heap heap = {0};
    uint32_t states[FR_MODE_COUNT];
    uint32_t n = fr_node_states(g, dg->spec->origin, true, states);
    for (uint32_t i = 0; i < n; i++) {
        arrival[states[i]] = depart;
        moment_heap_push(&heap, &(moment){depart, states[i]}, NULL);
    }
    *delivered = INFINITY;
    while (heap.len) {
        moment m = moment_heap_pop(&heap, NULL);
        if (m.t > arrival[m.state])
            continue;
        if (m.t > *delivered)
            break;
        if (fr_state_is_target(g, dg->spec, m.state)) {
            *delivered = fmin(*delivered,
                              fr_timetable_deliver(dg->tt, dg->spec->destination, m.t));
            continue;
        }
        for (uint32_t e = g->out_start[m.state]; e < g->out_start[m.state + 1]; e++) {
            if (!fr_dated_edge_open(dg, e))
                continue;
            double t = fr_timetable_enter(dg->tt, e, m.t) + g->time[e] * 3600;
            uint32_t to = g->edge_to[e];
            if (t < arrival[to]) {
                arrival[to] = t;
                moment_heap_push(&heap, &(moment){t, to}, NULL);
            }
        }
    }
    g_free(heap.items);
    return arrival;
}

/* The latest moment per state from which the destination is reached by
 * `deadline`, down to `not_before`; states a box cannot reach by then
 * (`earliest`, may be NULL) are not expanded. *origin_latest is the latest
 * departure from the origin (-INFINITY: none). */
static double *latest_departures(const fr_dated_graph *dg, double deadline, double not_before,
                                 const double *earliest, double *origin_latest)
{
    const fr_vgraph *g = dg->g;
    double *latest = g_new(double, (size_t)g->n_states + 1);
    for (uint32_t s = 0; s < g->n_states; s++)
        latest[s] = -INFINITY;
    moment_heap heap = {0};
    uint32_t states[FR_MODE_COUNT];
    uint32_t n = fr_node_states(g, dg->spec->destination, false, states);
    double due = fr_timetable_deliver_latest(dg->tt, dg->spec->destination, deadline);
    for (uint32_t i = 0; i < n; i++) {
        latest[states[i]] = due;
        moment_heap_push(&heap, &(moment){-due, states[i]}, NULL);
    }
    *origin_latest = -INFINITY;
    while (heap.len) {
        moment m = moment_heap_pop(&heap, NULL);
        double t = -m.t;
        if (t < latest[m.state])
            continue;
        if (t < not_before)
            break;
        if (fr_state_is_out(m.state) && g->state_node[m.state] == dg->spec->origin) {
            *origin_latest = fmax(*origin_latest, t);
            continue;
        }
        if (earliest && fr_compare_figure(earliest[m.state], t) > 0)
            continue; /* (sums taken the other way round may differ in the last bits) */
        for (uint32_t i = g->in_start[m.state]; i < g->in_start[m.state + 1]; i++) {
            uint32_t e = g->in_edges[i];
            if (!fr_dated_edge_open(dg, e))
                continue;
            double ready = fr_timetable_latest_ready(dg->tt, e, t);
            uint32_t from = g->edge_from[e];
            if (ready > latest[from]) {
                latest[from] = ready;
                moment_heap_push(&heap, &(moment){-ready, from}, NULL);
            }
        }
    }
    g_free(heap.items);
    return latest;
}

double fr_dated_arrival(const fr_dated_graph *dg, const fr_dated_path *path)
{
    double t = path->depart;
    for (guint i = 0; i < path->edges->len; i++) {
        uint32_t e = g_array_index(path->edges, uint32_t, i);
        t = fr_timetable_enter(dg->tt, e, t) + dg->g->time[e] * 3600;
    }
    return fr_timetable_deliver(dg->tt, dg->spec->destination, t);
}

/* ---- which search ------------------------------------------------------- */

static fr_label_params objective_params(const fr_dated_graph *dg, double start)
{
    const fr_search_spec *spec = dg->spec;
    const fr_vgraph *g = dg->g;
    fr_label_params p = {.start = start,
                         .deadline = isnan(spec->deadline) ? INFINITY : spec->deadline,
                         .max_time_h = spec->max_time,
                         .max_cost = spec->max_cost_teu};
    switch (spec->objective) {
    case FR_OBJECTIVE_TIME: p.lambda = 1; break;
    case FR_OBJECTIVE_COST: p.weight = g->cost; break;
    case FR_OBJECTIVE_CO2: p.weight = g->co2; break;
    case FR_OBJECTIVE_DISTANCE: p.weight = g->distance; break;
    default:
        p.generalized = true;
        p.carbon_price = spec->carbon_price;
        p.lambda = spec->value_of_time;
        break;
    }
    return p;
}

/* The label search, when it cannot run out of labels (dominance on). */
static GPtrArray *labels(const fr_dated_graph *dg, const fr_label_params *p)
{
    bool too_many;
    return fr_dated_labels(dg, p, &too_many);
}

static fr_dated_path *first_path(GPtrArray *found)
{
    fr_dated_path *path = found->len ? g_ptr_array_steal_index(found, 0) : NULL;
    g_ptr_array_unref(found);
    return path;
}

/* Objective time, leaving at `depart`, no cost bound: the three passes. */
static fr_dated_path *earliest_route(const fr_dated_graph *dg, double depart)
{
    const fr_search_spec *spec = dg->spec;
    double delivered;
    double *earliest = earliest_arrivals(dg, depart, &delivered);
    fr_dated_path *path = NULL;
    bool in_time = isfinite(delivered) &&
                   (isnan(spec->deadline) || fr_compare_figure(delivered, spec->deadline) <= 0) &&
                   fr_compare_figure((delivered - depart) / 3600, spec->max_time) <= 0;
    if (in_time) {
        double origin_latest;
        double *latest = latest_departures(dg, delivered, depart, earliest, &origin_latest);
        fr_label_params p = objective_params(dg, depart);
        p.latest = latest;
        p.deadline = delivered;
        path = first_path(labels(dg, &p));
        g_free(latest);
    }
    g_free(earliest);
    return path;
}

static fr_dated_path *forward_route(const fr_dated_graph *dg, double depart)
{
    if (dg->spec->objective == FR_OBJECTIVE_TIME && dg->spec->max_cost_teu == INFINITY)
        return earliest_route(dg, depart);
    fr_label_params p = objective_params(dg, depart);
    return first_path(labels(dg, &p));
}

/* Only a deadline: search back from it. */
static fr_dated_path *deadline_route(const fr_dated_graph *dg)
{
    const fr_search_spec *spec = dg->spec;
    if (spec->objective == FR_OBJECTIVE_TIME && spec->max_cost_teu == INFINITY) {
        double depart;
        g_free(latest_departures(dg, spec->deadline, -INFINITY, NULL, &depart));
        return isfinite(depart) ? earliest_route(dg, depart) : NULL;
    }
    fr_label_params p = objective_params(dg, spec->deadline);
    p.backward = true;
    p.lambda = 0;
    p.deadline = INFINITY;
    fr_dated_path *path = first_path(labels(dg, &p));
    if (path && spec->objective == FR_OBJECTIVE_TIME) { /* the ties, from that departure */
        double depart = path->depart;
        fr_dated_path_free(path);
        path = forward_route(dg, depart);
    }
    return path;
}

fr_dated_path *fr_dated_route(const fr_dated_graph *dg, GError **error)
{
    const fr_search_spec *spec = dg->spec;
    if (!isnan(spec->depart))
        return forward_route(dg, spec->depart);
    if (spec->objective == FR_OBJECTIVE_GENERALIZED) {
        fr_query_error(error, "objective generalized counts time from the departure: a query "
                              "with only a deadline (arrive by) needs a departure too");
        return NULL;
    }
    if (spec->max_time < INFINITY) {
        fr_query_error(error, "a time bound counts from the departure: a query with only a "
                              "deadline (arrive by) needs a departure too");
        return NULL;
    }
    return deadline_route(dg);
}

/* ---- Pareto fronts ------------------------------------------------------ */

typedef struct {
    fr_dated_path *path;
    double figure[FR_CRITERION_COUNT]; /* per criterion: cost, time (h), co2 */
    uint32_t edges;
} front_point;

static void measure(const fr_dated_graph *dg, front_point *p)
{
    const fr_vgraph *g = dg->g;
    for (guint i = 0; i < p->path->edges->len; i++) {
        uint32_t e = g_array_index(p->path->edges, uint32_t, i);
        p->figure[FR_CRITERION_COST] += g->cost[e];
        p->figure[FR_CRITERION_CO2] += g->co2[e];
    }
    p->figure[FR_CRITERION_TIME] = (fr_dated_arrival(dg, p->path) - p->path->depart) / 3600;
    p->edges = p->path->edges->len;
}

/* -1: a before b, in the order of the criteria, then fewer edges. */
static int compare_points(const front_point *a, const front_point *b, const fr_criterion *c,
                          size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int d = fr_compare_figure(a->figure[c[i]], b->figure[c[i]]);
        if (d)
            return d;
    }
    return (a->edges > b->edges) - (a->edges < b->edges);
}

/* Whether a is no worse than b in every criterion (so b is not kept). */
static bool weakly_dominates(const front_point *a, const front_point *b, const fr_criterion *c,
                             size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fr_compare_figure(a->figure[c[i]], b->figure[c[i]]) > 0)
            return false;
    return true;
}

GPtrArray *fr_dated_pareto(const fr_dated_graph *dg, const fr_criterion *criteria,
                           size_t n_criteria)
{
    fr_label_params p = objective_params(dg, dg->spec->depart);
    p.lambda = 0;
    p.generalized = false;
    p.weight = NULL;
    for (size_t i = 0; i < n_criteria; i++)
        if (criteria[i] == FR_CRITERION_CO2)
            p.weight = dg->g->co2;
    p.front = true;
    GPtrArray *found = labels(dg, &p);
    front_point *points = g_new0(front_point, found->len + 1);
    for (guint i = 0; i < found->len; i++) {
        points[i].path = g_ptr_array_index(found, i);
        measure(dg, &points[i]);
    }
    /* insertion order by the criteria, then keep what nothing kept before dominates */
    for (guint i = 1; i < found->len; i++)
        for (guint j = i; j > 0 && compare_points(&points[j], &points[j - 1], criteria,
                                                  n_criteria) < 0; j--) {
            front_point x = points[j];
            points[j] = points[j - 1];
            points[j - 1] = x;
        }
    GPtrArray *front = g_ptr_array_new_with_free_func((GDestroyNotify)fr_dated_path_free);
    guint n_kept = 0;
    for (guint i = 0; i < found->len; i++) {
        bool dominated = false;
        for (guint k = 0; k < n_kept && !dominated; k++)
            dominated = weakly_dominates(&points[k], &points[i], criteria, n_criteria);
        if (!dominated)
            points[n_kept++] = points[i];
    }
    for (guint k = 0; k < n_kept; k++)
        g_ptr_array_add(front, points[k].path);
    /* the paths not kept are freed with `found`; the kept ones move to `front` */
    for (guint k = 0; k < n_kept; k++)
        for (guint i = 0; i < found->len; i++)
            if (g_ptr_array_index(found, i) == points[k].path)
                found->pdata[i] = NULL;
    g_ptr_array_unref(found);
    g_free(points);
    return front;
}

/* ---- alternatives --------------------------------------------------------- */

GPtrArray *fr_dated_alternatives(const fr_dated_graph *dg, size_t k, GError **error)
{
    fr_label_params p = objective_params(dg, dg->spec->depart);
    p.simple_k = k;
    bool too_many;
    GPtrArray *found = fr_dated_labels(dg, &p, &too_many);
    if (too_many) {
        g_ptr_array_unref(found);
        fr_query_error(error,
                       "the %zu best dated routes need more than %u labels on this network: "
                       "ask for fewer, or add bounds (max time, max cost) or a deadline",
                       k, FR_DATED_MAX_LABELS);
        return NULL;
    }
    return found;
}
