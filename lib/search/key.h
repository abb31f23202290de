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

/* fr_key_compare() for keys of figures that are 0 or more, deciding
 * identical keys and keys whose objectives are apart without the full
 * comparison. */
static inline int fr_key_compare_fast(const fr_key *a, const fr_key *b)
{
    /* objectives apart by more than this margin (never below the
     * tolerance for figures of 0 or more) decide at once */
    double margin = FR_FIGURE_TOLERANCE * (1.0 + a->obj + b->obj);
    if (a->obj < b->obj - margin)
        return -1;
    if (b->obj < a->obj - margin)
        return 1;
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
