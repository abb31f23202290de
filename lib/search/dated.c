/* dated.c - dated queries (dated.h): which search answers which query, the
 * time-dependent Dijkstra forward (earliest arrivals) and backward (latest
 * departures), and the label search's parameters per objective.
 *
 * Objective time with a departure runs in three passes: the earliest
 * arrival at every state; backward from the destination at that arrival,
 * the latest moment each state can be left and still make it (only states
 * reached in time are expanded); then the label search restricted to
 * labels no later than those moments, which settles the §2 ties (cost,
 * then fewer edges) among the routes that arrive earliest. Pareto fronts and
 * alternatives are dated_front.c's. Every search polls the spec's
 * fr_cancel and stops early when the call is cancelled. */
#include "dated.h"
#include "cancel.h"
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

/* Earliest arrival per state (`arrival`, INFINITY when not set) when
 * leaving the origin at `depart`, up to the destination's; *delivered is
 * the earliest delivery there. */
static void earliest_arrivals(const fr_dated_graph *dg, double depart, fr_stamped_time *arrival,
                              double *delivered)
{
    const fr_vgraph *g = dg->g;
    fr_stamped_time_reset(arrival, (size_t)g->n_states + 1);
    moment_heap heap = {0};
    uint32_t states[FR_MODE_COUNT];
    uint32_t n = fr_node_states(g, dg->spec->origin, true, states);
    for (uint32_t i = 0; i < n; i++) {
        fr_stamped_time_set(arrival, states[i], depart);
        moment_heap_push(&heap, &(moment){depart, states[i]}, NULL);
    }
    *delivered = INFINITY;
    while (heap.len) {
        if (fr_cancel_poll(dg->spec->cancel))
            break; /* the caller sees fr_cancel_cancelled() */
        moment m = moment_heap_pop(&heap, NULL);
        if (m.t > fr_stamped_time_get(arrival, m.state, INFINITY))
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
            if (t < fr_stamped_time_get(arrival, to, INFINITY)) {
                fr_stamped_time_set(arrival, to, t);
                moment_heap_push(&heap, &(moment){t, to}, NULL);
            }
        }
    }
    g_free(heap.items);
}

/* The latest moment per state (`latest`, -INFINITY when not set) from
 * which the destination is reached by `deadline`, down to `not_before`;
 * states a box cannot reach by then (`earliest`, may be NULL) are not
 * expanded. *origin_latest is the latest departure from the origin
 * (-INFINITY: none). */
static void latest_departures(const fr_dated_graph *dg, double deadline, double not_before,
                              const fr_stamped_time *earliest, fr_stamped_time *latest,
                              double *origin_latest)
{
    const fr_vgraph *g = dg->g;
    fr_stamped_time_reset(latest, (size_t)g->n_states + 1);
    moment_heap heap = {0};
    uint32_t states[FR_MODE_COUNT];
    uint32_t n = fr_node_states(g, dg->spec->destination, false, states);
    double due = fr_timetable_deliver_latest(dg->tt, dg->spec->destination, deadline);
    for (uint32_t i = 0; i < n; i++) {
        fr_stamped_time_set(latest, states[i], due);
        moment_heap_push(&heap, &(moment){-due, states[i]}, NULL);
    }
    *origin_latest = -INFINITY;
    while (heap.len) {
        if (fr_cancel_poll(dg->spec->cancel))
            break; /* the caller sees fr_cancel_cancelled() */
        moment m = moment_heap_pop(&heap, NULL);
        double t = -m.t;
        if (t < fr_stamped_time_get(latest, m.state, -INFINITY))
            continue;
        if (t < not_before)
            break;
        if (fr_state_is_out(m.state) && g->state_node[m.state] == dg->spec->origin) {
            *origin_latest = fmax(*origin_latest, t);
            continue;
        }
        if (earliest &&
            fr_compare_figure(fr_stamped_time_get(earliest, m.state, INFINITY), t) > 0)
            continue; /* (sums taken the other way round may differ in the last bits) */
        for (uint32_t i = g->in_start[m.state]; i < g->in_start[m.state + 1]; i++) {
            uint32_t e = g->in_edges[i];
            if (!fr_dated_edge_open(dg, e))
                continue;
            double ready = fr_timetable_latest_ready(dg->tt, e, t);
            uint32_t from = g->edge_from[e];
            if (ready > fr_stamped_time_get(latest, from, -INFINITY)) {
                fr_stamped_time_set(latest, from, ready);
                moment_heap_push(&heap, &(moment){-ready, from}, NULL);
            }
        }
    }
    g_free(heap.items);
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

fr_label_params fr_dated_params(const fr_dated_graph *dg, double start)
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

GPtrArray *fr_dated_labels_all(const fr_dated_graph *dg, const fr_label_params *p)
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
    fr_dated_ws *ws = fr_dated_ws_of_thread();
    double delivered;
    earliest_arrivals(dg, depart, &ws->earliest, &delivered);
    fr_dated_path *path = NULL;
    bool in_time = isfinite(delivered) &&
                   (isnan(spec->deadline) || fr_compare_figure(delivered, spec->deadline) <= 0) &&
                   fr_compare_figure((delivered - depart) / 3600, spec->max_time) <= 0;
    if (in_time) {
        double origin_latest;
        latest_departures(dg, delivered, depart, &ws->earliest, &ws->latest, &origin_latest);
        fr_label_params p = fr_dated_params(dg, depart);
        p.latest = &ws->latest;
        p.deadline = delivered;
        path = first_path(fr_dated_labels_all(dg, &p));
    }
    return path;
}

static fr_dated_path *forward_route(const fr_dated_graph *dg, double depart)
{
    if (dg->spec->objective == FR_OBJECTIVE_TIME && dg->spec->max_cost_teu == INFINITY)
        return earliest_route(dg, depart);
    fr_label_params p = fr_dated_params(dg, depart);
    return first_path(fr_dated_labels_all(dg, &p));
}

/* Only a deadline: search back from it. */
static fr_dated_path *deadline_route(const fr_dated_graph *dg)
{
    const fr_search_spec *spec = dg->spec;
    if (spec->objective == FR_OBJECTIVE_TIME && spec->max_cost_teu == INFINITY) {
        double depart;
        latest_departures(dg, spec->deadline, -INFINITY, NULL, &fr_dated_ws_of_thread()->latest,
                          &depart);
        return isfinite(depart) ? earliest_route(dg, depart) : NULL;
    }
    fr_label_params p = fr_dated_params(dg, spec->deadline);
    p.backward = true;
    p.lambda = 0;
    p.deadline = INFINITY;
    fr_dated_path *path = first_path(fr_dated_labels_all(dg, &p));
    if (path && spec->objective == FR_OBJECTIVE_TIME) { /* the ties, from that departure */
        double depart = path->depart;
        fr_dated_path_free(path);
        path = forward_route(dg, depart);
    }
    return path;
}

bool fr_dated_check(const fr_search_spec *spec, GError **error)
{
    if (!isnan(spec->depart))
        return true;
    if (spec->objective == FR_OBJECTIVE_GENERALIZED)
        return fr_query_error(error, "objective generalized counts time from the departure: a "
                                     "query with only a deadline (arrive by) needs a departure "
                                     "too");
    if (spec->max_time < INFINITY)
        return fr_query_error(error, "a time bound counts from the departure: a query with only "
                                     "a deadline (arrive by) needs a departure too");
    return true;
}

fr_dated_path *fr_dated_route(const fr_dated_graph *dg, GError **error)
{
    const fr_search_spec *spec = dg->spec;
    if (!fr_dated_check(spec, error))
        return NULL;
    return isnan(spec->depart) ? deadline_route(dg) : forward_route(dg, spec->depart);
}
