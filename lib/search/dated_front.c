/* dated_front.c - dated Pareto fronts and alternatives (dated.h): the
 * label search's final labels measured (cost, CO2, and time as arrival -
 * departure), sorted by the criteria and thinned to one route per
 * non-dominated vector (then to the supported ones, and a cap, on request); and the k best routes that visit no node twice,
 * from the label search without dominance. */
#include "dated.h"
#include "error.h"
#include "key.h"
#include "pareto.h"

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

/* Sorts points by the criteria (insertion sort: fronts are short). */
static void sort_points(front_point *points, size_t n, const fr_criterion *criteria,
                        size_t n_criteria)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && compare_points(&points[j], &points[j - 1], criteria,
                                                   n_criteria) < 0; j--) {
            front_point x = points[j];
            points[j] = points[j - 1];
            points[j - 1] = x;
        }
}

/* Keeps, in order, the sorted points nothing kept before weakly dominates;
 * returns how many. */
static size_t thin_dominated(front_point *points, size_t n, const fr_criterion *criteria,
                             size_t n_criteria)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        bool dominated = false;
        for (size_t k = 0; k < kept && !dominated; k++)
            dominated = weakly_dominates(&points[k], &points[i], criteria, n_criteria);
        if (!dominated)
            points[kept++] = points[i];
    }
    return kept;
}

/* Keeps the supported points (pareto_hull.c), in order; returns how many. */
static size_t keep_supported(front_point *points, size_t n, const fr_criterion *criteria,
                             size_t n_criteria)
{
    double *figures = g_new(double, n * n_criteria + 1);
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < n_criteria; c++)
            figures[i * n_criteria + c] = points[i].figure[criteria[c]];
    bool *supported = fr_pareto_supported(figures, n, (int)n_criteria);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (supported[i])
            points[kept++] = points[i];
    g_free(supported);
    g_free(figures);
    return kept;
}

GPtrArray *fr_dated_pareto(const fr_dated_graph *dg, const fr_criterion *criteria,
                           size_t n_criteria, const fr_pareto_options *options)
{
    fr_label_params p = fr_dated_params(dg, dg->spec->depart);
    p.lambda = 0;
    p.generalized = false;
    p.weight = NULL;
    for (size_t i = 0; i < n_criteria; i++)
        if (criteria[i] == FR_CRITERION_CO2)
            p.weight = dg->g->co2;
    p.front = true;
    GPtrArray *found = fr_dated_labels_all(dg, &p);
    front_point *points = g_new0(front_point, found->len + 1);
    for (guint i = 0; i < found->len; i++) {
        points[i].path = g_ptr_array_index(found, i);
        measure(dg, &points[i]);
    }
    sort_points(points, found->len, criteria, n_criteria);
    size_t n = thin_dominated(points, found->len, criteria, n_criteria);
    if (options && options->convex_hull)
        n = keep_supported(points, n, criteria, n_criteria);
    if (options && options->max_routes && n > options->max_routes)
        n = options->max_routes;
    /* the kept paths move to the front; `found` frees the others */
    GPtrArray *front = g_ptr_array_new_with_free_func((GDestroyNotify)fr_dated_path_free);
    for (size_t k = 0; k < n; k++) {
        g_ptr_array_add(front, points[k].path);
        for (guint i = 0; i < found->len; i++)
            if (g_ptr_array_index(found, i) == points[k].path)
                found->pdata[i] = NULL;
    }
    g_ptr_array_unref(found);
    g_free(points);
    return front;
}

/* ---- alternatives --------------------------------------------------------- */

GPtrArray *fr_dated_alternatives(const fr_dated_graph *dg, size_t k, GError **error)
{
    fr_label_params p = fr_dated_params(dg, dg->spec->depart);
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
