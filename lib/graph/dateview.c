/* dateview.c - the network an undated query sees on its date (see
 * dateview.h). The mean wait is taken on the nominal 168-hour week of the
 * departures' wall-clock times (daylight saving does not move a weekly
 * timetable's headways by more than an hour twice a year). */
#include "dateview.h"

#include <math.h>
#include <stdlib.h>

#define WEEK_H 168.0

/* Same cut-off for every departure: §5's formula, term for term. */
static double mean_wait_one_cutoff(const guint16 *minutes, double cutoff_h, size_t n)
{
    double sum = 0, sum_sq = 0;
    for (size_t i = 0; i < n; i++) {
        double next = i + 1 < n ? minutes[i + 1] : minutes[0] + FR_MINUTES_PER_WEEK;
        double h = (next - minutes[i]) / 60.0;
        sum += h;
        sum_sq += h * h;
    }
    return cutoff_h + sum_sq / (2 * sum);
}

typedef struct {
    double closing, departure; /* hours from Monday 00:00, over several weeks */
} boarding;

static int by_closing(const void *a, const void *b)
{
    double x = ((const boarding *)a)->closing, y = ((const boarding *)b)->closing;
    return (x > y) - (x < y);
}

/* Different cut-offs: integrate (departure boarded - arrival moment) over a
 * week of arrival moments. A box arriving at t boards the earliest
 * departure among those whose closing time (departure - cut-off) is >= t. */
static double mean_wait_mixed(const guint16 *minutes, const double *cutoff_h, size_t n)
{
    double max_cutoff = 0;
    for (size_t i = 0; i < n; i++)
        max_cutoff = fmax(max_cutoff, cutoff_h[i]);
    int weeks = 2 + (int)ceil(max_cutoff / WEEK_H);
    size_t m = n * (size_t)weeks;
    boarding *b = g_new(boarding, m);
    for (int w = 0; w < weeks; w++)
        for (size_t i = 0; i < n; i++) {
            double dep = minutes[i] / 60.0 + w * WEEK_H;
            b[(size_t)w * n + i] = (boarding){dep - cutoff_h[i], dep};
        }
    qsort(b, m, sizeof *b, by_closing);
    double *best = g_new(double, m + 1); /* best[i]: earliest departure among b[i..] */
    best[m] = INFINITY;
    for (size_t i = m; i-- > 0;)
        best[i] = fmin(best[i + 1], b[i].departure);
    double integral = 0, t = 0;
    for (size_t i = 0; i < m && t < WEEK_H; i++) {
        if (b[i].closing <= t)
            continue;
        double end = fmin(b[i].closing, WEEK_H);
        integral += (best[i] - (t + end) / 2) * (end - t);
        t = end;
    }
    g_free(best);
    g_free(b);
    return integral / WEEK_H;
}

double fr_mean_wait_h(const guint16 *minutes, const double *cutoff_h, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (cutoff_h[i] != cutoff_h[0])
            return mean_wait_mixed(minutes, cutoff_h, n);
    return mean_wait_one_cutoff(minutes, cutoff_h[0], n);
}

static bool valid_on(int32_t from, int32_t to, int32_t day)
{
    return day == FR_DAY_MIN || (from <= day && day <= to);
}

/* Whether a closure overlaps the day in the zone (no day: any closure). */
static bool closed_that_day(const fr_closure *c, const fr_zone *zone, int32_t day)
{
    if (day == FR_DAY_MIN)
        return true;
    double start = fr_clock_instant(zone, day * FR_SECONDS_PER_DAY);
    double end = fr_clock_instant(zone, (day + 1.0) * FR_SECONDS_PER_DAY);
    return c->from < end && c->to > start;
}

typedef struct {
    GArray *minutes; /* guint16 */
    GArray *cutoffs; /* double */
    bool scheduled;  /* some service runs this direction, valid or not */
} pooled;

/* Pools the departures of the services valid on the day, per link direction. */
static pooled *pool_services(const fr_model *model, int32_t day)
{
    pooled *p = g_new0(pooled, 2 * (size_t)model->links->len);
    for (guint i = 0; i < model->services->len; i++) {
        const fr_service *s = FR_SERVICE(model, i);
        pooled *dir = &p[2 * (size_t)s->link + s->reverse];
        dir->scheduled = true;
        if (!valid_on(s->valid_from, s->valid_to, day))
            continue;
        if (!dir->minutes) {
            dir->minutes = g_array_new(FALSE, FALSE, sizeof(guint16));
            dir->cutoffs = g_array_new(FALSE, FALSE, sizeof(double));
        }
        for (uint32_t k = 0; k < s->count; k++) {
            guint16 minute = g_array_index(model->departures, guint16, s->first + k);
            g_array_append_val(dir->minutes, minute);
            g_array_append_val(dir->cutoffs, s->cutoff_h);
        }
    }
    return p;
}

/* Sorts one direction's pooled departures by minute (cut-offs along). */
static double pooled_mean_wait(pooled *dir)
{
    size_t n = dir->minutes->len;
    guint16 *m = (guint16 *)(void *)dir->minutes->data;
    double *c = (double *)(void *)dir->cutoffs->data;
    for (size_t i = 1; i < n; i++) /* insertion sort: a week's departures */
        for (size_t j = i; j > 0 && (m[j - 1] > m[j] || (m[j - 1] == m[j] && c[j - 1] > c[j])); j--) {
            guint16 tm = m[j]; m[j] = m[j - 1]; m[j - 1] = tm;
            double tc = c[j]; c[j] = c[j - 1]; c[j - 1] = tc;
        }
    return fr_mean_wait_h(m, c, n);
}

static void time_links(fr_vgraph_view *view, const fr_model *model, int32_t day, pooled *p)
{
    for (guint i = 0; i < model->links->len; i++) {
        const fr_link *l = FR_LINK(model, i);
        bool exists = valid_on(l->valid_from, l->valid_to, day);
        for (int rev = 0; rev < 2; rev++) {
            pooled *dir = &p[2 * (size_t)i + rev];
            double time = l->time_h;
            if (!exists || (dir->scheduled && !dir->minutes))
                time = NAN;
            else if (dir->minutes)
                time = pooled_mean_wait(dir) + l->time_h;
            view->link_time[2 * (size_t)i + rev] = time;
            if (dir->minutes) {
                g_array_free(dir->minutes, TRUE);
                g_array_free(dir->cutoffs, TRUE);
            }
        }
    }
}

static void apply_closures(fr_vgraph_view *view, const fr_model *model, int32_t day)
{
    for (guint i = 0; i < model->closures->len; i++) {
        const fr_closure *c = FR_CLOSURE(model, i);
        uint32_t node = c->is_node ? c->ref : FR_LINK(model, c->ref)->from;
        const fr_zone *zone = g_ptr_array_index(model->zones, FR_NODE(model, node)->zone);
        if (!closed_that_day(c, zone, day))
            continue;
        if (c->is_node) {
            view->node_closed[c->ref] = true;
            continue;
        }
        if (c->forward)
            view->link_time[2 * (size_t)c->ref] = NAN;
        if (c->reverse)
            view->link_time[2 * (size_t)c->ref + 1] = NAN;
    }
}

void fr_vgraph_view_init_undated(fr_vgraph_view *view, const fr_model *model, int32_t day)
{
    view->link_time = g_new(double, 2 * (size_t)model->links->len + 1);
    view->node_closed = g_new0(bool, (size_t)model->nodes->len + 1);
    pooled *p = pool_services(model, day);
    time_links(view, model, day, p);
    g_free(p);
    apply_closures(view, model, day);
}

void fr_vgraph_view_clear(fr_vgraph_view *view)
{
    g_free(view->link_time);
    g_free(view->node_closed);
    *view = (fr_vgraph_view){0};
}
