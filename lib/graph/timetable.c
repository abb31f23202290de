/* timetable.c - when virtual edges can be entered (see timetable.h).
 *
 * Departures are kept per edge as minutes of the week with their service;
 * a question scans the weeks from the one the box is ready in, converting
 * each candidate's wall-clock time in the `from` node's zone to an instant
 * (util/clock.c: GTimeZone's offsets, g_date_time_new() near a change).
 * Closures are kept per edge (the link's own, for its direction, and its
 * start node's) and per node, as sorted disjoint intervals. */
#include "timetable.h"

#include <math.h>
#include <stdlib.h>

#define MAX_WEEKS (10 * 53) /* a departure further away than this is none */
#define DST_MARGIN_S 7200.0 /* no zone moves its clock by more in one change */
#define BEFORE_S 1.0        /* "just before" a closure starts */
#define BOARDING_SLACK_S 1e-3 /* ready this close to a cut-off still boards (sums of hours
                                 in seconds carry rounding) */

/* ---- building ------------------------------------------------------------ */

static int by_from(const void *a, const void *b)
{
    double x = ((const fr_interval *)a)->from, y = ((const fr_interval *)b)->from;
    return (x > y) - (x < y);
}

/* Sorts and merges intervals that overlap or touch; returns how many remain. */
static size_t merge_intervals(fr_interval *v, size_t n)
{
    if (n <= 1)
        return n;
    qsort(v, n, sizeof *v, by_from);
    size_t kept = 0;
    for (size_t i = 1; i < n; i++) {
        if (v[i].from <= v[kept].to)
            v[kept].to = fmax(v[kept].to, v[i].to);
        else
            v[++kept] = v[i];
    }
    return kept + 1;
}

static bool is_link_edge(const fr_vgraph *g, uint32_t e)
{
    return g->edge_kind[e] == FR_VEDGE_LINK || g->edge_kind[e] == FR_VEDGE_REVERSE;
}

/* Whether closure c shuts edge e: its link in e's direction, or e's start node. */
static bool closure_shuts(const fr_closure *c, const fr_vgraph *g, uint32_t e)
{
    if (c->is_node)
        return g->state_node[g->edge_from[e]] == c->ref;
    if (!is_link_edge(g, e) || g->edge_ref[e] != c->ref)
        return false;
    return g->edge_kind[e] == FR_VEDGE_REVERSE ? c->reverse : c->forward;
}

static int by_minute(const void *a, const void *b)
{
    const fr_departure *x = a, *y = b;
    return x->minute != y->minute ? (int)x->minute - (int)y->minute
                                  : (x->service > y->service) - (x->service < y->service);
}

/* Per link direction, the services that run it. */
static GArray **services_per_direction(const fr_model *model)
{
    GArray **per = g_new0(GArray *, 2 * (size_t)model->links->len);
    for (guint i = 0; i < model->services->len; i++) {
        const fr_service *s = FR_SERVICE(model, i);
        GArray **list = &per[2 * (size_t)s->link + s->reverse];
        if (!*list)
            *list = g_array_new(FALSE, FALSE, sizeof(guint));
        g_array_append_val(*list, i);
    }
    return per;
}

static void index_departures(fr_timetable *tt)
{
    const fr_model *model = tt->model;
    const fr_vgraph *g = tt->g;
    GArray **per = services_per_direction(model);
    /* room for one in each array: its data, and what it leaves, is never NULL,
     * so offsets into an empty one are defined */
    GArray *deps = g_array_sized_new(FALSE, FALSE, sizeof(fr_departure), 1);
    tt->dep_start = g_new0(uint32_t, (size_t)g->n_edges + 1);
    tt->last_day = g_new(int32_t, (size_t)g->n_edges + 1);
    tt->min_cutoff_s = g_new(double, (size_t)g->n_edges + 1);
    for (uint32_t e = 0; e < g->n_edges; e++) {
        GArray *list = is_link_edge(g, e)
                           ? per[2 * (size_t)g->edge_ref[e] + (g->edge_kind[e] == FR_VEDGE_REVERSE)]
                           : NULL;
        tt->last_day[e] = FR_DAY_MIN;
        tt->min_cutoff_s[e] = INFINITY;
        for (guint k = 0; list && k < list->len; k++) {
            const fr_service *s = FR_SERVICE(model, g_array_index(list, guint, k));
            tt->last_day[e] = MAX(tt->last_day[e], s->valid_to);
            tt->min_cutoff_s[e] = fmin(tt->min_cutoff_s[e], s->cutoff_h * 3600);
            for (uint32_t j = 0; j < s->count; j++) {
                fr_departure d = {g_array_index(list, guint, k),
                                  g_array_index(model->departures, guint16, s->first + j)};
                g_array_append_val(deps, d);
            }
        }
        if (deps->len - tt->dep_start[e] > 1)
            qsort((fr_departure *)(void *)deps->data + tt->dep_start[e],
                  deps->len - tt->dep_start[e], sizeof(fr_departure), by_minute);
        tt->dep_start[e + 1] = deps->len;
    }
    for (size_t i = 0; i < 2 * (size_t)model->links->len; i++)
        if (per[i])
            g_array_free(per[i], TRUE);
    g_free(per);
    tt->deps = (fr_departure *)(void *)g_array_free(deps, FALSE);
}

/* Per edge (or per node), the closures that shut it, merged. */
static void index_closures(fr_timetable *tt)
{
    const fr_model *model = tt->model;
    const fr_vgraph *g = tt->g;
    GArray *all = g_array_sized_new(FALSE, FALSE, sizeof(fr_interval), 1);
    tt->closed_start = g_new0(uint32_t, (size_t)g->n_edges + 1);
    for (uint32_t e = 0; e < g->n_edges; e++) {
        for (guint i = 0; i < model->closures->len; i++) {
            const fr_closure *c = FR_CLOSURE(model, i);
            if (closure_shuts(c, g, e)) {
                fr_interval v = {c->from, c->to};
                g_array_append_val(all, v);
            }
        }
        size_t n = merge_intervals((fr_interval *)(void *)all->data + tt->closed_start[e],
                                   all->len - tt->closed_start[e]);
        g_array_set_size(all, tt->closed_start[e] + (guint)n);
        tt->closed_start[e + 1] = all->len;
    }
    tt->closed = (fr_interval *)(void *)g_array_free(all, FALSE);
    all = g_array_sized_new(FALSE, FALSE, sizeof(fr_interval), 1);
    tt->node_start = g_new0(uint32_t, (size_t)model->nodes->len + 1);
    for (guint v = 0; v < model->nodes->len; v++) {
        for (guint i = 0; i < model->closures->len; i++) {
            const fr_closure *c = FR_CLOSURE(model, i);
            if (c->is_node && c->ref == v) {
                fr_interval x = {c->from, c->to};
                g_array_append_val(all, x);
            }
        }
        size_t n = merge_intervals((fr_interval *)(void *)all->data + tt->node_start[v],
                                   all->len - tt->node_start[v]);
        g_array_set_size(all, tt->node_start[v] + (guint)n);
        tt->node_start[v + 1] = all->len;
    }
    tt->node_closed = (fr_interval *)(void *)g_array_free(all, FALSE);
}

void fr_timetable_build(fr_timetable *tt, const fr_model *model, const fr_vgraph *g)
{
    *tt = (fr_timetable){.model = model, .g = g};
    if (model->services->len)
        index_departures(tt);
    if (model->closures->len)
        index_closures(tt);
}

void fr_timetable_clear(fr_timetable *tt)
{
    g_free(tt->dep_start);
    g_free(tt->deps);
    g_free(tt->last_day);
    g_free(tt->min_cutoff_s);
    g_free(tt->closed_start);
    g_free(tt->closed);
    g_free(tt->node_start);
    g_free(tt->node_closed);
    *tt = (fr_timetable){0};
}

/* ---- closures ------------------------------------------------------------ */

/* The interval of v[0..n) holding t, or NULL. */
static const fr_interval *holding(const fr_interval *v, uint32_t n, double t)
{
    uint32_t lo = 0, hi = n; /* first interval with to > t */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (v[mid].to > t)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo < n && v[lo].from <= t ? &v[lo] : NULL;
}

/* The first moment >= t outside the intervals. */
static double after(const fr_interval *v, uint32_t n, double t)
{
    const fr_interval *x = n ? holding(v, n, t) : NULL;
    return x ? x->to : t; /* merged: the end of one is outside all */
}

/* The last moment <= t outside the intervals. */
static double before(const fr_interval *v, uint32_t n, double t)
{
    const fr_interval *x;
    while (n && (x = holding(v, n, t)))
        t = x->from - BEFORE_S;
    return t;
}

static uint32_t edge_closures(const fr_timetable *tt, uint32_t e, const fr_interval **v)
{
    if (!tt->closed_start)
        return 0;
    *v = tt->closed + tt->closed_start[e];
    return tt->closed_start[e + 1] - tt->closed_start[e];
}

double fr_timetable_deliver(const fr_timetable *tt, uint32_t node, double t)
{
    if (!tt->node_start)
        return t;
    uint32_t n = tt->node_start[node + 1] - tt->node_start[node];
    return after(tt->node_closed + tt->node_start[node], n, t);
}

double fr_timetable_deliver_latest(const fr_timetable *tt, uint32_t node, double due)
{
    if (!tt->node_start)
        return due;
    uint32_t n = tt->node_start[node + 1] - tt->node_start[node];
    return before(tt->node_closed + tt->node_start[node], n, due);
}

/* ---- departures ---------------------------------------------------------- */

/* One edge's departures and what they need. */
typedef struct {
    const fr_departure *dep;
    uint32_t n;
    const fr_zone *zone;
    const fr_interval *closed;
    uint32_t n_closed;
    int32_t last_day;
    double min_cutoff_s;
} schedule;

static schedule schedule_of(const fr_timetable *tt, uint32_t e)
{
    const fr_model *model = tt->model;
    const fr_node *from = FR_NODE(model, tt->g->state_node[tt->g->edge_from[e]]);
    schedule s = {tt->deps + tt->dep_start[e], tt->dep_start[e + 1] - tt->dep_start[e],
                  g_ptr_array_index(model->zones, from->zone), NULL, 0, tt->last_day[e],
                  tt->min_cutoff_s[e]};
    s.n_closed = edge_closures(tt, e, &s.closed);
    return s;
}

static double week_wall(int64_t week)
{
    return FR_WALL_MONDAY + (double)week * FR_SECONDS_PER_WEEK;
}

static int64_t week_of(double wall)
{
    return (int64_t)floor((wall - FR_WALL_MONDAY) / FR_SECONDS_PER_WEEK);
}

/* Departure i of the week at `start` (a wall-clock Monday 00:00), if its
 * service runs on that local date and the edge is open then: its instant
 * and service; NAN otherwise. */
static double runs(const fr_timetable *tt, const schedule *s, uint32_t i, double start,
                   const fr_service **service)
{
    double wall = start + s->dep[i].minute * 60.0;
    int32_t day = fr_clock_day(wall);
    *service = FR_SERVICE(tt->model, s->dep[i].service);
    if (day < (*service)->valid_from || day > (*service)->valid_to)
        return NAN;
    double instant = fr_clock_instant(s->zone, wall);
    if (s->n_closed && holding(s->closed, s->n_closed, instant))
        return NAN;
    return instant;
}

/* The first departure d of the schedule with d - cut-off >= ready. */
static double first_departure(const fr_timetable *tt, const schedule *s, double ready)
{
    double earliest_wall = fr_clock_wall(s->zone, ready + s->min_cutoff_s) - DST_MARGIN_S;
    int64_t week = week_of(earliest_wall);
    for (int k = 0; k < MAX_WEEKS; k++, week++) {
        double start = week_wall(week);
        if (s->last_day != FR_DAY_MAX && fr_clock_day(start) > s->last_day)
            return INFINITY;
        for (uint32_t i = 0; i < s->n; i++) {
            const fr_service *service;
            if (start + s->dep[i].minute * 60.0 < earliest_wall)
                continue;
            double d = runs(tt, s, i, start, &service);
            if (!isnan(d) && d - service->cutoff_h * 3600 >= ready - BOARDING_SLACK_S)
                return d;
        }
    }
    return INFINITY;
}

/* The latest d - cut-off over departures d <= last_departure. */
static double latest_boarding(const fr_timetable *tt, const schedule *s, double last_departure)
{
    double latest_wall = fr_clock_wall(s->zone, last_departure) + DST_MARGIN_S;
    int64_t week = week_of(latest_wall);
    double best = -INFINITY;
    for (int k = 0; k < MAX_WEEKS; k++, week--) {
        double start = week_wall(week);
        for (uint32_t i = s->n; i-- > 0;) {
            const fr_service *service;
            if (start + s->dep[i].minute * 60.0 > latest_wall)
                continue;
            double d = runs(tt, s, i, start, &service);
            if (!isnan(d) && d <= last_departure)
                best = fmax(best, d - service->cutoff_h * 3600);
        }
        /* Earlier weeks depart before this one starts: they cannot board later. */
        if (best >= fr_clock_instant(s->zone, start) + DST_MARGIN_S)
            break;
    }
    return best;
}

double fr_timetable_enter(const fr_timetable *tt, uint32_t e, double ready)
{
    if (fr_timetable_scheduled(tt, e)) {
        schedule s = schedule_of(tt, e);
        return first_departure(tt, &s, ready);
    }
    const fr_interval *v = NULL;
    uint32_t n = edge_closures(tt, e, &v);
    return after(v, n, ready);
}

double fr_timetable_latest_ready(const fr_timetable *tt, uint32_t e, double due)
{
    double last_entry = due - tt->g->time[e] * 3600;
    if (fr_timetable_scheduled(tt, e)) {
        schedule s = schedule_of(tt, e);
        return latest_boarding(tt, &s, last_entry);
    }
    const fr_interval *v = NULL;
    uint32_t n = edge_closures(tt, e, &v);
    return before(v, n, last_entry);
}
