/* pareto.c - exact Pareto fronts over two or three of cost, time and CO2:
 * multi-criteria label setting on the virtual graph.
 *
 * Labels carry a vector g of figures per TEU: the criteria in the caller's
 * order, then (when the query bounds time or cost and that is not a
 * criterion) the bounded figure as an extra dimension, so that a label
 * that is worse in the criteria but needed to stay within a bound survives.
 * At most three dimensions arise. Each figure has a consistent lower bound
 * h to the destination (lbound.c) and f = g + h. The open list pops labels
 * lexicographically by (f over the criteria, edges, f over the extra
 * dimension): the front comes out sorted by the first criterion, and of
 * equal vectors the one with fewer edges comes first and is kept.
 *
 * Because labels leave the open list in this order, every label settled
 * earlier at the same state has a first figure not above the current one,
 * so dominance needs only the other dimensions (NAMOA*dr, Pulido, Mandow &
 * Pérez de la Cruz 2015; T-MDA, Maristany de las Casas et al. 2021):
 * - two dimensions: BOA* (Hernández et al. 2020): a label is dominated at a
 *   state iff its g2 is not below the least g2 settled there, an O(1) test;
 * - three dimensions: a staircase of the settled (g2, g3) per state.
 * The solutions found so far prune the same way in the criteria (f against
 * the front: g2_min of the target, or its staircase), and so do the
 * bounds (g + h beyond a bound). Solutions come out final and in order, so
 * a cap on their number stops the search early. Scratch belongs to the
 * call.
 *
 * Progress (the spec's fr_cancel) can only be estimated: labels leave the
 * open list in order of the first criterion's f, from its least value f0
 * up to the front's largest, which is not known before; the estimate is
 * 1 - f0 / f, which grows with f and reaches 1 only at the end. A
 * cancelled call stops the search (the caller discards what it found). */
#include "pareto.h"

#include "cancel.h"
#include "heap.h"
#include "key.h"
#include "lbound.h"

#include <string.h>

#define MAX_DIMS 3

typedef struct {
    double g[MAX_DIMS];
    uint32_t edges, state, parent, edge;
} plabel;

typedef struct {
    double f[MAX_DIMS];
    uint32_t edges, label;
} pitem;

FR_HEAP_TYPE(pitem_heap, pitem) /* the open list; its functions are below */

typedef struct {
    double x, y;
} point2;

typedef struct {
    const fr_vgraph *g;
    const fr_search_spec *spec;
    int n_crit, n_dims;
    fr_measure measure[MAX_DIMS];
    fr_metric metric[MAX_DIMS]; /* each dimension's figure, under the restrictions */
    double *h[MAX_DIMS];
    int time_dim, cost_dim; /* dimensions the query bounds, or -1 */
    GArray *labels;         /* plabel */
    pitem_heap heap;
    double *g2_min;         /* two dimensions: per state, the least settled g2 */
    GArray **stairs;        /* three: per state, settled (g2, g3), lazily */
    double target_min;      /* two criteria: the least f2 of a solution */
    GArray *target_stairs;  /* three criteria: the solutions' (f2, f3) */
    GArray *solutions;      /* label indices, in order */
    size_t cap;             /* stop after this many solutions; 0: never */
    fr_pareto_stats stats;
} psearch;

/* ---- the open list -------------------------------------------------------- */

static int compare_items(const psearch *ps, const pitem *a, const pitem *b)
{
    for (int d = 0; d < ps->n_crit; d++) {
        int c = fr_compare_figure(a->f[d], b->f[d]);
        if (c)
            return c;
    }
    if (a->edges != b->edges)
        return a->edges < b->edges ? -1 : 1;
    for (int d = ps->n_crit; d < ps->n_dims; d++) {
        int c = fr_compare_figure(a->f[d], b->f[d]);
        if (c)
            return c;
    }
    return (a->label > b->label) - (a->label < b->label);
}

static bool item_before(const psearch *ps, const pitem *a, const pitem *b)
{
    return compare_items(ps, a, b) < 0;
}

FR_HEAP_FUNCTIONS(pitem_heap, pitem, const psearch *, item_before)

/* ---- staircases: 2-D non-dominated sets, x ascending, y descending -------- */

/* The number of points whose x is not above px. */
static guint stairs_count_at_most(const GArray *st, double px)
{
    guint lo = 0, hi = st->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (fr_compare_figure(g_array_index(st, point2, mid).x, px) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Is (x, y) weakly dominated by (or equal to) a point of the staircase? */
static bool stairs_dominated(const GArray *st, double x, double y)
{
    if (!st)
        return false;
    guint n = stairs_count_at_most(st, x);
    return n > 0 && fr_compare_figure(g_array_index(st, point2, n - 1).y, y) <= 0;
}

/* Adds a point not dominated by the staircase; drops the points it dominates. */
static void stairs_insert(GArray *st, double x, double y)
{
    guint pos = stairs_count_at_most(st, x), end = pos;
    while (end < st->len && fr_compare_figure(g_array_index(st, point2, end).y, y) >= 0)
        end++;
    if (end > pos)
        g_array_remove_range(st, pos, end - pos);
    point2 p = {x, y};
    g_array_insert_val(st, pos, p);
}

/* ---- dominance ------------------------------------------------------------ */

static bool settled_dominated(const psearch *ps, uint32_t state, const double *g)
{
    if (ps->n_dims == 2)
        return fr_compare_figure(g[1], ps->g2_min[state]) >= 0;
    return stairs_dominated(ps->stairs[state], g[1], g[2]);
}

static void settle(psearch *ps, uint32_t state, const double *g)
{
    if (ps->n_dims == 2) {
        ps->g2_min[state] = g[1];
        return;
    }
    if (!ps->stairs[state])
        ps->stairs[state] = g_array_new(FALSE, FALSE, sizeof(point2));
    stairs_insert(ps->stairs[state], g[1], g[2]);
}

/* Is f, over the criteria, weakly dominated by (or equal to) a solution? */
static bool front_dominated(const psearch *ps, const double *f)
{
    if (ps->n_crit == 2)
        return fr_compare_figure(f[1], ps->target_min) >= 0;
    return stairs_dominated(ps->target_stairs, f[1], f[2]);
}

static void add_solution(psearch *ps, const pitem *item)
{
    if (ps->n_crit == 2)
        ps->target_min = item->f[1];
    else
        stairs_insert(ps->target_stairs, item->f[1], item->f[2]);
    g_array_append_val(ps->solutions, item->label);
}

static bool within_bounds(const psearch *ps, const double *f)
{
    if (ps->time_dim >= 0 && fr_compare_figure(f[ps->time_dim], ps->spec->max_time) > 0)
        return false;
    return ps->cost_dim < 0 || fr_compare_figure(f[ps->cost_dim], ps->spec->max_cost_teu) <= 0;
}

/* ---- the search ----------------------------------------------------------- */

/* Opens a label for reaching `state` with figures g, unless it cannot reach
 * the destination, breaks a bound, or a solution or a settled label
 * dominates it. */
static void try_open(psearch *ps, uint32_t state, const double *g, uint32_t edges, uint32_t parent,
                     uint32_t edge)
{
    if (ps->h[0][state] == INFINITY)
        return;
    pitem item = {{0}, edges, ps->labels->len};
    for (int d = 0; d < ps->n_dims; d++)
        item.f[d] = g[d] + ps->h[d][state];
    if (!within_bounds(ps, item.f) || front_dominated(ps, item.f))
        return;
    if (!fr_state_is_target(ps->g, ps->spec, state) && settled_dominated(ps, state, g))
        return;
    plabel label = {{0}, edges, state, parent, edge};
    memcpy(label.g, g, sizeof label.g);
    g_array_append_val(ps->labels, label);
    pitem_heap_push(&ps->heap, &item, ps);
    ps->stats.labels_created++;
}

static void expand(psearch *ps, uint32_t index)
{
    const fr_vgraph *g = ps->g;
    plabel label = g_array_index(ps->labels, plabel, index);
    for (uint32_t e = g->out_start[label.state]; e < g->out_start[label.state + 1]; e++) {
        if (!fr_metric_usable(&ps->metric[0], e))
            continue;
        double next[MAX_DIMS] = {0};
        for (int d = 0; d < ps->n_dims; d++)
            next[d] = label.g[d] + fr_metric_weight(&ps->metric[d], e);
        try_open(ps, g->edge_to[e], next, label.edges + 1, index, e);
    }
}

/* Every FR_CANCEL_EVERY labels: whether the call is cancelled, and the
 * estimated progress at first-criterion value f (f0: the first one's). */
static bool check_in(const psearch *ps, uint64_t popped, double f0, double f)
{
    fr_cancel *cancel = ps->spec->cancel;
    if (!cancel || popped % FR_CANCEL_EVERY != 0)
        return false;
    if (fr_cancel_now(cancel))
        return true;
    if (f0 > 0 && f < INFINITY)
        fr_cancel_progress(cancel, 1 - f0 / f);
    return false;
}

static void search(psearch *ps)
{
    const fr_vgraph *g = ps->g;
    const double zero[MAX_DIMS] = {0};
    uint64_t popped = 0;
    double f0 = NAN;
    uint32_t roots[FR_MODE_COUNT];
    uint32_t n_roots = fr_node_states(g, ps->spec->origin, true, roots);
    for (uint32_t i = 0; i < n_roots; i++)
        try_open(ps, roots[i], zero, 0, FR_NONE, FR_NONE);
    while (ps->heap.len > 0) {
        pitem top = pitem_heap_pop(&ps->heap, ps);
        if (isnan(f0))
            f0 = top.f[0];
        if (check_in(ps, ++popped, f0, top.f[0]))
            break;
        const plabel *label = &g_array_index(ps->labels, plabel, top.label);
        if (fr_state_is_target(g, ps->spec, label->state)) {
            if (front_dominated(ps, top.f))
                continue;
            add_solution(ps, &top);
            if (ps->cap && ps->solutions->len >= ps->cap)
                break;
            continue;
        }
        if (settled_dominated(ps, label->state, label->g) || front_dominated(ps, top.f))
            continue;
        settle(ps, label->state, label->g);
        ps->stats.labels_expanded++;
        expand(ps, top.label);
    }
}

/* ---- set-up and answer ------------------------------------------------------ */

static fr_measure criterion_measure(fr_criterion c)
{
    return c == FR_CRITERION_TIME ? FR_MEASURE_TIME
           : c == FR_CRITERION_CO2 ? FR_MEASURE_CO2
                                   : FR_MEASURE_COST;
}

/* The dimensions: the criteria, then bounded figures that are not criteria. */
static void setup_dims(psearch *ps, const fr_criterion *criteria, size_t n_criteria)
{
    ps->n_crit = ps->n_dims = (int)n_criteria;
    ps->time_dim = ps->cost_dim = -1;
    for (int d = 0; d < ps->n_crit; d++) {
        ps->measure[d] = criterion_measure(criteria[d]);
        if (ps->measure[d] == FR_MEASURE_TIME && ps->spec->max_time < INFINITY)
            ps->time_dim = d;
        if (ps->measure[d] == FR_MEASURE_COST && ps->spec->max_cost_teu < INFINITY)
            ps->cost_dim = d;
    }
    /* with two criteria at most one of time and cost is missing, so at
     * most three dimensions */
    if (ps->time_dim < 0 && ps->spec->max_time < INFINITY && ps->n_dims < MAX_DIMS) {
        ps->time_dim = ps->n_dims;
        ps->measure[ps->n_dims++] = FR_MEASURE_TIME;
    }
    if (ps->cost_dim < 0 && ps->spec->max_cost_teu < INFINITY && ps->n_dims < MAX_DIMS) {
        ps->cost_dim = ps->n_dims;
        ps->measure[ps->n_dims++] = FR_MEASURE_COST;
    }
}

static void psearch_init(psearch *ps, const fr_vgraph *g, const fr_search_spec *spec,
                         const fr_criterion *criteria, size_t n_criteria)
{
    size_t n_states = g->n_states ? g->n_states : 1;
    memset(ps, 0, sizeof *ps);
    ps->g = g;
    ps->spec = spec;
    setup_dims(ps, criteria, n_criteria);
    for (int d = 0; d < ps->n_dims; d++) {
        fr_metric_measure(&ps->metric[d], g, spec, ps->measure[d]);
        ps->h[d] = fr_lower_bounds(g, spec, ps->measure[d]);
    }
    ps->labels = g_array_new(FALSE, FALSE, sizeof(plabel));
    if (ps->n_dims == 2) {
        ps->g2_min = g_new(double, n_states);
        for (size_t s = 0; s < n_states; s++)
            ps->g2_min[s] = INFINITY;
    } else {
        ps->stairs = g_new0(GArray *, n_states);
    }
    ps->target_min = INFINITY;
    ps->target_stairs = g_array_new(FALSE, FALSE, sizeof(point2));
    ps->solutions = g_array_new(FALSE, FALSE, sizeof(uint32_t));
}

static void psearch_clear(psearch *ps)
{
    for (int d = 0; d < ps->n_dims; d++)
        g_free(ps->h[d]);
    if (ps->stairs)
        for (uint32_t s = 0; s < ps->g->n_states; s++)
            if (ps->stairs[s])
                g_array_free(ps->stairs[s], TRUE);
    g_free(ps->stairs);
    g_free(ps->g2_min);
    g_array_free(ps->labels, TRUE);
    pitem_heap_free(&ps->heap);
    g_array_free(ps->target_stairs, TRUE);
    g_array_free(ps->solutions, TRUE);
}

bool fr_pareto_check_criteria(const fr_criterion *criteria, size_t n, GError **error)
{
    if (!criteria || n < 2 || n > 3) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY,
                    "a Pareto front needs two or three criteria of cost, time, co2 (got %zu)",
                    criteria ? n : 0);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if ((unsigned)criteria[i] >= FR_CRITERION_COUNT) {
            g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "unknown criterion %d", (int)criteria[i]);
            return false;
        }
        for (size_t j = 0; j < i; j++)
            if (criteria[j] == criteria[i]) {
                g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "criterion '%s' is named twice",
                            fr_criterion_name(criteria[i]));
                return false;
            }
    }
    return true;
}

static GArray *solution_path(const psearch *ps, uint32_t index)
{
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (const plabel *l = &g_array_index(ps->labels, plabel, index); l->parent != FR_NONE;
         l = &g_array_index(ps->labels, plabel, l->parent))
        g_array_prepend_val(path, l->edge);
    return path;
}

/* The answer: the solutions (only the supported ones for convex_hull), at
 * most max_routes of them, as paths. */
static GPtrArray *front_paths(const psearch *ps, const fr_pareto_options *options)
{
    bool hull = options && options->convex_hull;
    size_t n = ps->solutions->len, cap = options ? options->max_routes : 0;
    bool *keep = NULL;
    if (hull) {
        double *points = g_new(double, n * ps->n_crit);
        for (size_t i = 0; i < n; i++) {
            const plabel *l = &g_array_index(ps->labels, plabel,
                                             g_array_index(ps->solutions, uint32_t, i));
            memcpy(points + i * ps->n_crit, l->g, ps->n_crit * sizeof(double));
        }
        keep = fr_pareto_supported(points, n, ps->n_crit);
        g_free(points);
    }
    GPtrArray *paths = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    for (size_t i = 0; i < n && (!cap || paths->len < cap); i++)
        if (!keep || keep[i])
            g_ptr_array_add(paths, solution_path(ps, g_array_index(ps->solutions, uint32_t, i)));
    g_free(keep);
    return paths;
}

GPtrArray *fr_pareto_front(const fr_vgraph *g, const fr_search_spec *spec,
                           const fr_criterion *criteria, size_t n_criteria,
                           const fr_pareto_options *options, fr_pareto_stats *stats)
{
    psearch ps;
    psearch_init(&ps, g, spec, criteria, n_criteria);
    /* the supported routes are known only from the whole front */
    ps.cap = options && !options->convex_hull ? options->max_routes : 0;
    search(&ps);
    if (stats)
        *stats = ps.stats;
    GPtrArray *paths = front_paths(&ps, options);
    psearch_clear(&ps);
    return paths;
}
