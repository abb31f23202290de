/* key.h - the one order every search uses: route keys (objective, time,
 * cost, edges) compared as FORMAT.md §2 breaks ties, figures within a
 * relative 1e-12 of each other counting as equal (lib/FORMAT.md §5), and
 * key sums. Fast paths for the inner loops are here too, each proven equal
 * to the full comparison by tests/test_key.c. */
#ifndef FR_KEY_H
#define FR_KEY_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

/* Figures this close, relative to the larger of them (or to 1 below 1),
 * are equal. */
#define FR_FIGURE_TOLERANCE 1e-12

/* -1, 0, 1 as a is below, equal to or above b, within the tolerance. */
static inline int fr_compare_figure(double a, double b)
{
    double abs_a = fabs(a), abs_b = fabs(b);
    double scale = abs_a > abs_b ? abs_a : abs_b;
    if (scale == INFINITY) /* the tolerance below would be infinite */
        return a < b ? -1 : a > b ? 1 : 0;
    double tolerance = FR_FIGURE_TOLERANCE * (scale > 1.0 ? scale : 1.0);
    return a < b - tolerance ? -1 : a > b + tolerance ? 1 : 0;
}

/* fr_compare_figure() for figures that are 0 or more (every figure a search
 * adds up), in fewer steps. */
static inline int fr_compare_figure_nonneg(double a, double b)
{
    double larger = a > b ? a : b;
    if (larger == INFINITY)
        return a < b ? -1 : a > b ? 1 : 0;
    double tolerance = FR_FIGURE_TOLERANCE * (larger > 1.0 ? larger : 1.0);
    return a < b - tolerance ? -1 : a > b + tolerance ? 1 : 0;
}

/* The key of a (partial) route per TEU. */
typedef struct {
    double obj, time, cost;
    uint32_t edges;
} fr_key;

/* The keys' order after the objective: time, then cost, then fewer edges. */
static inline int fr_compare_tail(double time_a, double cost_a, uint32_t edges_a, double time_b,
                                  double cost_b, uint32_t edges_b)
{
    int c = fr_compare_figure(time_a, time_b);
    if (!c)
        c = fr_compare_figure(cost_a, cost_b);
    if (!c)
        c = (edges_a > edges_b) - (edges_a < edges_b);
    return c;
}

/* -1, 0, 1 as key a is below, equal to or above key b. */
static inline int fr_key_compare(const fr_key *a, const fr_key *b)
{
    int c = fr_compare_figure(a->obj, b->obj);
    return c ? c : fr_compare_tail(a->time, a->cost, a->edges, b->time, b->cost, b->edges);
}

/* For keys of figures that are 0 or more with objectives a and b: -1 or 1
 * when the objectives alone decide fr_key_compare(), 0 when the rest of
 * the keys must be looked at. Inner loops that keep objectives apart from
 * the other figures call it before touching them. */
static inline int fr_objectives_decide(double a, double b)
{
    /* objectives apart by more than this margin (never below the
     * tolerance for figures of 0 or more) decide at once */
    double margin = FR_FIGURE_TOLERANCE * (1.0 + a + b);
    if (a < b - margin)
        return -1;
    if (b < a - margin)
        return 1;
    if (a == INFINITY || b == INFINITY) /* the margin was infinite */
        return a < b ? -1 : a > b ? 1 : 0;
    return 0;
}

/* Thresholds around an objective b (0 or more or infinite): a key whose
 * objective a (0 or more) is below `below` comes before any key with
 * objective b in fr_key_compare()'s order, one above `above` after it.
 * They lie more than twice fr_objectives_decide()'s margin away (rounding
 * included; where that margin would overflow, never), for inner loops that
 * compare many objectives with one: one comparison each, no arithmetic. */
typedef struct {
    double below, above;
} fr_objective_bounds;

static inline fr_objective_bounds fr_objective_bounds_of(double b)
{
    if (b == INFINITY)
        return (fr_objective_bounds){INFINITY, INFINITY};
    double t = FR_FIGURE_TOLERANCE;
    return (fr_objective_bounds){b - 4 * t * (1.0 + 2 * b), (b + 4 * t) * (1.0 + 8 * t)};
}

/* -1 or 1 as the bounds decide a against their objective, else 0. */
static inline int fr_objective_bounds_decide(const fr_objective_bounds *bounds, double a)
{
    return a < bounds->below ? -1 : a > bounds->above ? 1 : 0;
}

/* fr_key_compare() for keys of figures that are 0 or more, deciding
 * identical keys and keys whose objectives are apart without the full
 * comparison. */
static inline int fr_key_compare_fast(const fr_key *a, const fr_key *b)
{
    int decided = fr_objectives_decide(a->obj, b->obj);
    if (decided)
        return decided;
    if (a->obj == b->obj && a->time == b->time && a->cost == b->cost && a->edges == b->edges)
        return 0;
    int c = fr_compare_figure_nonneg(a->obj, b->obj);
    return c ? c : fr_compare_tail(a->time, a->cost, a->edges, b->time, b->cost, b->edges);
}

/* The key of a route made of a then b. */
static inline fr_key fr_key_add(fr_key a, fr_key b)
{
    return (fr_key){a.obj + b.obj, a.time + b.time, a.cost + b.cost, a.edges + b.edges};
}

#endif /* FR_KEY_H */
