/* test_pareto.c - fr_network_pareto() (FORMAT.md §2, Pareto routes) and
 * fr-route --pareto.
 *
 * Against exhaustive search on a few hundred seeded random networks: the
 * test enumerates every route of its own virtual graph (randnet.c; routes
 * that repeat a state are never needed, since dropping the repeat keeps a
 * route within every bound and no worse in any figure), keeps those within
 * the query's bounds, and computes the non-dominated vectors itself (one per
 * distinct vector, with the fewest edges; figures within a relative 1e-12
 * are equal, lib/FORMAT.md §5). The library's front must have exactly these
 * vectors, in order of the criteria, and each route the fewest edges of its
 * vector. Fronts over two and three criteria in random order, real figures
 * and small integers (many ties), with the queries' constraints and random
 * bounds; the cap must give a prefix of the front, and convex-hull thinning
 * the points that an independent test (a chord test for two criteria, a
 * vertex enumeration of the weight polygon for three) finds supported.
 *
 * By hand: air fast and dear, rail in the middle, sea cheap and slow, a
 * dominated road route and an unsupported one; equal vectors; bounds on the
 * fixture network; bad criteria and the command line. */
#include "helpers.h"
#include "randnet.h"

#include <math.h>
#include <string.h>

#define TOL 1e-12 /* figures this close (relative) are equal: lib/FORMAT.md §5 */

static bool feq(double a, double b) { return fabs(a - b) <= TOL * fmax(1, fmax(fabs(a), fabs(b))); }
static bool fle(double a, double b) { return a <= b || feq(a, b); }

/* ---- the reference front ---------------------------------------------------- */

typedef struct {
    double cost, time, co2; /* per TEU */
    int edges;
} raw_route;

typedef struct {
    double v[3];
    int edges;
} point;

static void gather(const rn_vgraph *g, const int *edges, int n_edges, void *data)
{
    raw_route r = {0, 0, 0, n_edges};
    double dist;
    rn_route_totals(g, edges, n_edges, &r.cost, &r.time, &r.co2, &dist);
    g_array_append_val((GArray *)data, r);
}

static double figure(fr_criterion c, double cost, double time, double co2)
{
    return c == FR_CRITERION_COST ? cost : c == FR_CRITERION_TIME ? time : co2;
}

static int n_crit_sort; /* for qsort */
static int compare_points(const void *pa, const void *pb)
{
    const point *a = pa, *b = pb;
    for (int d = 0; d < n_crit_sort; d++)
        if (a->v[d] != b->v[d])
            return a->v[d] < b->v[d] ? -1 : 1;
    return (a->edges > b->edges) - (a->edges < b->edges);
}

static bool same_vector(const point *a, const point *b, int n)
{
    for (int d = 0; d < n; d++)
        if (!feq(a->v[d], b->v[d]))
            return false;
    return true;
}

/* a <= b in every figure (so a dominates b, or they are equal) */
static bool covers(const point *a, const point *b, int n)
{
    for (int d = 0; d < n; d++)
        if (!fle(a->v[d], b->v[d]))
            return false;
    return true;
}

/* The non-dominated vectors of the routes within the bounds, one per
 * distinct vector with its fewest edges, sorted by the criteria. */
static GArray *reference_front(const GArray *routes, const fr_criterion *crit, int n,
                               double max_time, double max_cost, double quantity)
{
    GArray *pts = g_array_new(FALSE, FALSE, sizeof(point));
    for (guint i = 0; i < routes->len; i++) {
        const raw_route *r = &g_array_index(routes, raw_route, i);
        if (!fle(r->time, max_time) || !fle(r->cost * quantity, max_cost))
            continue;
        point p = {{0}, r->edges};
        for (int d = 0; d < n; d++)
            p.v[d] = figure(crit[d], r->cost, r->time, r->co2);
        g_array_append_val(pts, p);
    }
    n_crit_sort = n;
    g_array_sort(pts, compare_points);
    GArray *front = g_array_new(FALSE, FALSE, sizeof(point));
    for (guint i = 0; i < pts->len; i++) {
        const point *p = &g_array_index(pts, point, i);
        bool keep = true;
        for (guint j = 0; keep && j < front->len; j++) {
            point *f = &g_array_index(front, point, j);
            if (same_vector(f, p, n))
                f->edges = MIN(f->edges, p->edges);
            keep = !covers(f, p, n);
        }
        if (keep)
            g_array_append_val(front, *p);
    }
    /* near-ties can put a dominating vector after the one it dominates */
    for (guint i = 0; i < front->len;) {
        bool dominated = false;
        for (guint j = 0; !dominated && j < front->len; j++)
            dominated = j != i && covers(&g_array_index(front, point, j),
                                         &g_array_index(front, point, i), n) &&
                        !same_vector(&g_array_index(front, point, j),
                                     &g_array_index(front, point, i), n);
        if (dominated)
            g_array_remove_index(front, i);
        else
            i++;
    }
    g_array_free(pts, TRUE);
    return front;
}

/* ---- supported points, independently --------------------------------------- */

/* Two criteria, sorted by the first: p is unsupported when it lies strictly
 * above the chord of two other points on either side of it. */
static bool supported2_ref(const GArray *front, guint p)
{
    const point *pts = (const point *)front->data;
    double sx = pts[front->len - 1].v[0] - pts[0].v[0], sy = pts[0].v[1] - pts[front->len - 1].v[1];
    sx = sx > 0 ? sx : 1;
    sy = sy > 0 ? sy : 1;
    for (guint a = 0; a < p; a++)
        for (guint b = p + 1; b < front->len; b++) {
            double ax = pts[a].v[0] / sx, ay = pts[a].v[1] / sy;
            double bx = pts[b].v[0] / sx, by = pts[b].v[1] / sy;
            double px = pts[p].v[0] / sx, py = pts[p].v[1] / sy;
            if ((bx - ax) * (py - ay) - (by - ay) * (px - ax) > 1e-9)
                return false;
        }
    return true;
}

/* Three criteria: the weights w = (x, y, 1 - x - y) with w . (q - p) >= 0
 * for all q form a polygon; enumerate its vertices as intersections of
 * pairs of boundary lines, and ask whether their mean is inside the open
 * simplex. Figures scaled to [0, 1] first. */
static bool supported3_ref(const GArray *front, guint p)
{
    guint n = front->len;
    double lo[3], hi[3];
    for (int d = 0; d < 3; d++) {
        lo[d] = INFINITY, hi[d] = -INFINITY;
        for (guint i = 0; i < n; i++) {
            lo[d] = fmin(lo[d], g_array_index(front, point, i).v[d]);
            hi[d] = fmax(hi[d], g_array_index(front, point, i).v[d]);
        }
    }
    /* lines a x + b y + c >= 0 */
    GArray *lines = g_array_new(FALSE, FALSE, sizeof(double[3]));
    double simplex[3][3] = {{1, 0, 0}, {0, 1, 0}, {-1, -1, 1}};
    for (int i = 0; i < 3; i++)
        g_array_append_val(lines, simplex[i]);
    for (guint j = 0; j < n; j++) {
        if (j == p)
            continue;
        double dd[3];
        for (int d = 0; d < 3; d++)
            dd[d] = (g_array_index(front, point, j).v[d] - g_array_index(front, point, p).v[d]) /
                    (hi[d] > lo[d] ? hi[d] - lo[d] : 1);
        double line[3] = {dd[0] - dd[2], dd[1] - dd[2], dd[2] + 1e-10};
        g_array_append_val(lines, line);
    }
    double sx = 0, sy = 0;
    int count = 0;
    const double(*L)[3] = (const double(*)[3])lines->data;
    for (guint i = 0; i < lines->len; i++)
        for (guint j = i + 1; j < lines->len; j++) {
            double det = L[i][0] * L[j][1] - L[i][1] * L[j][0];
            if (fabs(det) < 1e-14)
                continue;
            double x = (-L[i][2] * L[j][1] + L[j][2] * L[i][1]) / det;
            double y = (-L[i][0] * L[j][2] + L[j][0] * L[i][2]) / det;
            bool ok = true;
            for (guint k = 0; ok && k < lines->len; k++)
                ok = L[k][0] * x + L[k][1] * y + L[k][2] >= -1e-9;
            if (ok) {
                sx += x, sy += y;
                count++;
            }
        }
    g_array_free(lines, TRUE);
    if (count == 0)
        return false;
    sx /= count, sy /= count;
    return sx > 1e-7 && sy > 1e-7 && 1 - sx - sy > 1e-7;
}

/* ---- checks on the library's answer ------------------------------------------ */

typedef struct {
    guint32 seed;
    const rn_net *net;
    const rn_query *q;
    const fr_criterion *crit;
    int n;
    double max_time, max_cost;
} ctx;

static void dump_context(const ctx *c)
{
    GString *extra = g_string_new("criteria");
    for (int d = 0; d < c->n; d++)
        g_string_append_printf(extra, " %s", fr_criterion_name(c->crit[d]));
    g_string_append_printf(extra, ", max_time %g, max_cost %g", c->max_time, c->max_cost);
    rn_print_case(c->seed, c->net, c->q, extra->str);
    g_string_free(extra, TRUE);
}

/* The route's vector (per TEU, in the criteria's order) and edge count (a
 * route of L links has 2L - 1 virtual edges); checks its totals add up. */
static point route_point(const ctx *c, const fr_route *r)
{
    double qty = fr_route_quantity(r), sc = 0, st = 0, se = 0;
    int links = 0;
    const char *at = c->net->nodes[c->q->from].id;
    for (size_t i = 0; i < fr_route_step_count(r); i++) {
        const fr_step *s = fr_route_step(r, i);
        sc += s->cost_usd, st += s->time_h, se += s->co2_kg;
        if (s->type == FR_STEP_LINK) {
            RN_CHECK(strcmp(s->from_node, at) == 0, "link %s starts at %s, not %s", s->link_id,
                  s->from_node, at);
            at = s->to_node;
            links++;
        }
    }
    RN_CHECK(strcmp(at, c->net->nodes[c->q->to].id) == 0, "route ends at %s", at);
    RN_CHECK(close_rel(fr_route_total_cost_usd(r), sc * qty, 1e-9) &&
              close_rel(fr_route_total_time_h(r), st, 1e-9) &&
              close_rel(fr_route_total_co2_kg(r), se * qty, 1e-9),
          "totals are not the sums of the steps");
    point p = {{0}, 2 * links - 1};
    for (int d = 0; d < c->n; d++)
        p.v[d] = figure(c->crit[d], fr_route_total_cost_usd(r) / qty, fr_route_total_time_h(r),
                        fr_route_total_co2_kg(r) / qty);
    return p;
}

static bool near_vector(const point *a, const point *b, int n)
{
    for (int d = 0; d < n; d++)
        if (!close_rel(a->v[d], b->v[d], 1e-9))
            return false;
    return true;
}

/* The list must hold exactly the routes of `want`, in order. */
static void check_list(const ctx *c, const fr_route_list *list, const GArray *want,
                       const char *what)
{
    RN_CHECK(fr_route_list_count(list) == want->len, "%s: %zu routes, expected %u", what,
          fr_route_list_count(list), want->len);
    for (guint i = 0; i < want->len; i++) {
        point got = route_point(c, fr_route_list_get(list, i));
        const point *w = &g_array_index(want, point, i);
        RN_CHECK(near_vector(&got, w, c->n), "%s: route %u is (%.17g, %.17g, %.17g), expected "
              "(%.17g, %.17g, %.17g)", what, i, got.v[0], got.v[1], got.v[2], w->v[0], w->v[1],
              w->v[2]);
        RN_CHECK(got.edges == w->edges, "%s: route %u has %d edges, its vector's fewest is %d",
              what, i, got.edges, w->edges);
    }
}

static fr_query *make_query(const ctx *c)
{
    fr_query *fq = rn_make_query(c->net, c->q);
    fr_query_set_max_time(fq, c->max_time);
    fr_query_set_max_cost(fq, c->max_cost);
    return fq;
}

typedef struct {
    int fronts, no_route, capped, hulls, skipped, points, largest;
} stats;

static void check_thinned(const ctx *c, const fr_network *fn, const GArray *front, GRand *rng,
                          stats *st)
{
    fr_query *fq = make_query(c);
    GError *err = NULL;
    /* a cap: the first routes of the front */
    fr_pareto_options cap = {(size_t)g_rand_int_range(rng, 1, (gint32)front->len + 1), false};
    GArray *prefix = g_array_new(FALSE, FALSE, sizeof(point));
    g_array_append_vals(prefix, front->data, (guint)MIN(cap.max_routes, front->len));
    fr_route_list *list = fr_network_pareto(fn, fq, c->crit, (size_t)c->n, &cap, &err);
    RN_CHECK(list, "capped front: %s", err ? err->message : "?");
    check_list(c, list, prefix, "capped front");
    fr_route_list_free(list);
    g_array_free(prefix, TRUE);
    st->capped++;
    /* the supported points */
    fr_pareto_options hull = {0, true};
    GArray *supported = g_array_new(FALSE, FALSE, sizeof(point));
    for (guint i = 0; i < front->len; i++)
        if (front->len == 1 || (c->n == 2 ? supported2_ref(front, i) : supported3_ref(front, i)))
            g_array_append_val(supported, g_array_index(front, point, i));
    list = fr_network_pareto(fn, fq, c->crit, (size_t)c->n, &hull, &err);
    RN_CHECK(list, "hull: %s", err ? err->message : "?");
    check_list(c, list, supported, "supported routes");
    fr_route_list_free(list);
    g_array_free(supported, TRUE);
    st->hulls++;
    fr_query_free(fq);
}

static void check_front(const ctx *c, const fr_network *fn, const GArray *routes, GRand *rng,
                        stats *st)
{
    GArray *front = reference_front(routes, c->crit, c->n, c->max_time, c->max_cost,
                                    c->q->quantity);
    fr_query *fq = make_query(c);
    GError *err = NULL;
    fr_route_list *list = fr_network_pareto(fn, fq, c->crit, (size_t)c->n, NULL, &err);
    fr_query_free(fq);
    if (front->len == 0) {
        RN_CHECK(!list && err && err->code == FR_ERROR_NO_ROUTE, "expected no route, got %s",
              list ? "a front" : err ? err->message : "no error");
        g_error_free(err);
        st->no_route++;
    } else {
        RN_CHECK(list && !err, "library: %s; the reference front has %u routes",
              err ? err->message : "no error", front->len);
        check_list(c, list, front, "front");
        fr_route_list_free(list);
        st->fronts++;
        st->points += (int)front->len;
        st->largest = MAX(st->largest, (int)front->len);
        if (g_rand_int_range(rng, 0, 3) == 0)
            check_thinned(c, fn, front, rng, st);
    }
    g_array_free(front, TRUE);
}

/* ---- random networks -------------------------------------------------------- */

static void random_criteria(GRand *rng, fr_criterion *crit, int *n)
{
    fr_criterion all[3] = {FR_CRITERION_COST, FR_CRITERION_TIME, FR_CRITERION_CO2};
    for (int i = 2; i > 0; i--) {
        int j = g_rand_int_range(rng, 0, i + 1);
        fr_criterion t = all[i];
        all[i] = all[j];
        all[j] = t;
    }
    *n = g_rand_int_range(rng, 2, 4);
    memcpy(crit, all, sizeof all);
}

/* No bound, or bounds at (exactly, below or above) a random route's totals. */
static void random_bounds(GRand *rng, const GArray *routes, double quantity, double *max_time,
                          double *max_cost)
{
    *max_time = *max_cost = INFINITY;
    int kind = g_rand_int_range(rng, 0, 4);
    if (kind == 0 || routes->len == 0)
        return;
    const double factors[] = {1.0, 0.7, 1.3};
    const raw_route *r = &g_array_index(routes, raw_route,
                                        g_rand_int_range(rng, 0, (gint32)routes->len));
    double f = factors[g_rand_int_range(rng, 0, 3)];
    if (kind & 1)
        *max_time = r->time * f;
    if (kind & 2)
        *max_cost = r->cost * quantity * f;
}

static void run_seeds(guint32 first, guint32 count, bool integer, stats *st)
{
    for (guint32 seed = first; seed < first + count; seed++) {
        GRand *rng = g_rand_new_with_seed(seed * 2654435761u + 7u);
        int n_nodes = g_rand_int_range(rng, 5, 9);
        rn_net *net = rn_generate(seed, n_nodes, integer);
        rn_densify(net, seed, g_rand_int_range(rng, 0, 2 * n_nodes), 0.5);
        fr_network *fn = rn_load(net);
        for (int i = 0; i < 4; i++) {
            rn_query q;
            rn_random_query(net, rng, &q);
            rn_vgraph g;
            rn_vgraph_build(&g, net, &q);
            GArray *routes = g_array_new(FALSE, FALSE, sizeof(raw_route));
            if (rn_enumerate_routes(&g, &q, false, 300000, gather, routes)) {
                for (int j = 0; j < 3; j++) {
                    fr_criterion crit[3];
                    ctx c = {seed, net, &q, crit, 0, INFINITY, INFINITY};
                    random_criteria(rng, crit, &c.n);
                    if (j > 0)
                        random_bounds(rng, routes, q.quantity, &c.max_time, &c.max_cost);
                    check_front(&c, fn, routes, rng, st);
                }
            } else {
                st->skipped++;
            }
            g_array_free(routes, TRUE);
            rn_vgraph_clear(&g);
        }
        fr_network_free(fn);
        rn_free(net);
        g_rand_free(rng);
    }
}

static void report(const char *what, const stats *st)
{
    print_message("%s: %d fronts (%d routes, up to %d in one), %d without a route, %d capped, "
                  "%d thinned, %d queries skipped (too many routes to enumerate)\n",
                  what, st->fronts, st->points, st->largest, st->no_route, st->capped, st->hulls,
                  st->skipped);
    assert_true(st->fronts > 1000);
    assert_true(2 * st->points > 3 * st->fronts); /* fronts with several routes */
    assert_true(st->largest >= 8);
    assert_true(st->no_route > 10);
    assert_true(st->hulls > 50);
    assert_true(st->skipped * 10 < st->fronts);
}

static void test_random_real_figures(void **state)
{
    (void)state;
    stats st = {0};
    run_seeds(1, 200, false, &st);
    report("real", &st);
}

static void test_random_integer_ties(void **state)
{
    (void)state;
    stats st = {0};
    run_seeds(20001, 200, true, &st);
    report("integer", &st);
}

/* ---- by hand ------------------------------------------------------------------ */

/* O -> D in five ways (USD, h, kg CO2e per TEU):
 *   AIR1   9000,  10, 5000   fastest, dearest
 *   RAIL1  5000, 300, 2000
 *   RAIL2  7000, 250, 2500   on the cost/time front but above the chord RAIL1-AIR1
 *   SEA1   2000, 900, 1500   cheapest, slowest, greenest
 *   ROAD1  9500, 400, 6000   dominated by RAIL1 in everything */
static fr_network *modes_network(void)
{
    return load_net_ok("id,name,kind,country,lat,lon\n"
                       "O,Origin,city,CN,30,106\n"
                       "D,Destination,city,DE,51,7\n",
                       "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg\n"
                       "ROAD1,O,D,road,9000,400,9500,6000\n"
                       "AIR1,O,D,air,8000,10,9000,5000\n"
                       "RAIL2,O,D,rail,10000,250,7000,2500\n"
                       "RAIL1,O,D,rail,11000,300,5000,2000\n"
                       "SEA1,O,D,sea,20000,900,2000,1500\n",
                       NULL, NULL);
}

/* The front's link ids, "SEA1 RAIL1 AIR1" (g_free). */
static char *front_ids(const fr_network *net, const fr_query *q, const char *criteria,
                       const fr_pareto_options *options)
{
    fr_criterion crit[3];
    size_t n = 0;
    GError *err = NULL;
    if (!fr_criteria_parse(criteria, crit, &n, &err))
        fail_msg("criteria '%s': %s", criteria, err->message);
    fr_route_list *list = fr_network_pareto(net, q, crit, n, options, &err);
    if (!list) {
        char *message = g_strdup_printf("error %d: %s", err->code, err->message);
        g_error_free(err);
        return message;
    }
    GString *ids = g_string_new(NULL);
    for (size_t i = 0; i < fr_route_list_count(list); i++) {
        char *r = route_link_ids(fr_route_list_get(list, i));
        g_string_append_printf(ids, "%s%s", i ? " " : "", r);
        g_free(r);
    }
    fr_route_list_free(list);
    return g_string_free(ids, FALSE);
}

static void expect_front(const fr_network *net, const fr_query *q, const char *criteria,
                         const fr_pareto_options *options, const char *want)
{
    char *what = g_strdup_printf("front over %s", criteria);
    expect_text(front_ids(net, q, criteria, options), want, what);
    g_free(what);
}

static void test_front_shapes(void **state)
{
    (void)state;
    fr_network *net = modes_network();
    fr_query *q = fr_query_new("O", "D");
    expect_front(net, q, "cost,time", NULL, "SEA1 RAIL1 RAIL2 AIR1");
    expect_front(net, q, "time,cost", NULL, "AIR1 RAIL2 RAIL1 SEA1");
    expect_front(net, q, "cost,co2", NULL, "SEA1");
    expect_front(net, q, "co2,time", NULL, "SEA1 RAIL1 RAIL2 AIR1");
    expect_front(net, q, "cost,time,co2", NULL, "SEA1 RAIL1 RAIL2 AIR1");
    expect_front(net, q, "time,co2,cost", NULL, "AIR1 RAIL2 RAIL1 SEA1");
    /* thinning and caps */
    fr_pareto_options hull = {0, true}, two = {2, false}, hull_two = {2, true};
    fr_pareto_options big = {100, false};
    expect_front(net, q, "cost,time", &hull, "SEA1 RAIL1 AIR1");
    expect_front(net, q, "cost,time", &two, "SEA1 RAIL1");
    expect_front(net, q, "time,cost", &hull_two, "AIR1 RAIL1");
    expect_front(net, q, "cost,time", &big, "SEA1 RAIL1 RAIL2 AIR1");
    /* (co2, time): RAIL2 (2500, 250) is just below the chord RAIL1-AIR1
     * (251.7 h at 2500 kg) */
    expect_front(net, q, "co2,time", &hull, "SEA1 RAIL1 RAIL2 AIR1");
    /* bounds: within 280 h only RAIL2 and AIR1; within 6000 USD only SEA1
     * and RAIL1; for 2 TEU the cost bound is for both */
    fr_query_set_max_time(q, 280);
    expect_front(net, q, "cost,time", NULL, "RAIL2 AIR1");
    /* co2 and cost with a time bound: RAIL2 beats AIR1 in both */
    expect_front(net, q, "co2,cost", NULL, "RAIL2");
    fr_query_set_max_time(q, INFINITY);
    fr_query_set_max_cost(q, 6000);
    expect_front(net, q, "time,cost", NULL, "RAIL1 SEA1");
    fr_query_set_quantity(q, 2);
    fr_query_set_max_cost(q, 12000);
    expect_front(net, q, "time,cost", NULL, "RAIL1 SEA1");
    fr_query_set_max_cost(q, 9999); /* RAIL1: 10000 for 2 TEU */
    expect_front(net, q, "time,cost", NULL, "SEA1");
    fr_query_free(q);
    fr_network_free(net);
}

static void test_equal_vectors(void **state)
{
    (void)state;
    /* A -> B directly (X) or through M (Y1, Y2) with the same figures: one
     * route, the one with fewer edges; two identical parallel links give
     * one route too; and of two routes with the same cost, the faster. */
    fr_network *net = load_net_ok("id,name,kind,country,lat,lon\n"
                                  "A,A,city,CN,30,100\n"
                                  "M,M,junction,CN,31,101\n"
                                  "B,B,city,CN,32,102\n",
                                  "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg\n"
                                  "Y1,A,M,rail,5,5,5,5\n"
                                  "Y2,M,B,rail,5,5,5,5\n"
                                  "X,A,B,rail,10,10,10,10\n"
                                  "P1,A,B,road,20,20,4,30\n"
                                  "P2,A,B,road,20,20,4,30\n"
                                  "Z1,A,B,air,20,3,100,50\n"
                                  "Z2,A,B,air,20,2,100,50\n",
                                  NULL, NULL);
    fr_query *q = fr_query_new("A", "B");
    char *got = front_ids(net, q, "cost,time", NULL);
    /* P1/P2 (4, 20), X (10, 10), Z2 (100, 2) */
    assert_true(strcmp(got, "P1 X Z2") == 0 || strcmp(got, "P2 X Z2") == 0);
    g_free(got);
    got = front_ids(net, q, "time,cost,co2", NULL);
    assert_true(strcmp(got, "Z2 X P1") == 0 || strcmp(got, "Z2 X P2") == 0);
    g_free(got);
    fr_query_free(q);
    fr_network_free(net);
}

/* The fixture network's two routes (tests/data/small/README.md): river/sea/
 * road 3070 USD, 1081 h, 2454.6 kg; rail 6150 USD, 362 h, 2420 kg. */
static void test_fixture_network(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *net = fr_network_load_dir(FR_TEST_DATA "/small", &err);
    assert_non_null(net);
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    expect_front(net, q, "cost,time", NULL, "YZ1 SEA1 RD1 YX1 YX2");
    expect_front(net, q, "cost,co2", NULL, "YZ1 SEA1 RD1 YX1 YX2");
    expect_front(net, q, "co2,cost", NULL, "YX1 YX2 YZ1 SEA1 RD1");
    expect_front(net, q, "time,co2", NULL, "YX1 YX2");
    fr_query_set_max_time(q, 1000);
    expect_front(net, q, "cost,co2", NULL, "YX1 YX2");
    fr_query_set_max_time(q, 300);
    fr_criterion crit[2] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    assert_null(fr_network_pareto(net, q, crit, 2, NULL, &err));
    check_error(err, FR_ERROR_NO_ROUTE, NULL, NULL);
    g_clear_error(&err);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- bad input ---------------------------------------------------------------- */

static void test_criteria_parse(void **state)
{
    (void)state;
    fr_criterion crit[3];
    size_t n = 0;
    GError *err = NULL;
    assert_true(fr_criteria_parse(" time , co2 ", crit, &n, &err));
    assert_int_equal(n, 2);
    assert_int_equal(crit[0], FR_CRITERION_TIME);
    assert_int_equal(crit[1], FR_CRITERION_CO2);
    assert_true(fr_criteria_parse("co2,cost,time", crit, &n, &err));
    assert_int_equal(n, 3);
    assert_int_equal(crit[0], FR_CRITERION_CO2);
    assert_int_equal(crit[2], FR_CRITERION_TIME);
    assert_string_equal(fr_criterion_name(FR_CRITERION_COST), "cost");
    assert_string_equal(fr_criterion_name(FR_CRITERION_CO2), "co2");
    assert_string_equal(fr_criterion_name((fr_criterion)42), "?");
    const char *bad[][2] = {
        {"cost", "two or three"},       {"", "two or three"},
        {"cost,cost", "twice"},         {"cost,time,co2,cost", "twice"},
        {"cost,speed", "speed"},        {"cost,,time", "''"},
        {"Cost,time", "Cost"},          {"cost,time,co2,distance", "distance"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        n = 99;
        assert_false(fr_criteria_parse(bad[i][0], crit, &n, &err));
        check_error(err, FR_ERROR_QUERY, bad[i][1], NULL);
        assert_int_equal(n, 99);
        g_clear_error(&err);
    }
}

static void pareto_fails(const fr_network *net, const fr_query *q, const fr_criterion *crit,
                         size_t n, int code, const char *where)
{
    GError *err = NULL;
    fr_route_list *list = fr_network_pareto(net, q, crit, n, NULL, &err);
    assert_null(list);
    check_error(err, code, where, NULL);
    g_error_free(err);
}

static void test_bad_queries(void **state)
{
    (void)state;
    fr_network *net = modes_network();
    fr_query *q = fr_query_new("O", "D");
    fr_criterion one[1] = {FR_CRITERION_COST};
    fr_criterion twice[2] = {FR_CRITERION_TIME, FR_CRITERION_TIME};
    fr_criterion unknown[2] = {FR_CRITERION_TIME, (fr_criterion)7};
    fr_criterion four[4] = {FR_CRITERION_COST, FR_CRITERION_TIME, FR_CRITERION_CO2,
                            FR_CRITERION_COST};
    fr_criterion ok[2] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    pareto_fails(net, q, one, 1, FR_ERROR_QUERY, "two or three");
    pareto_fails(net, q, four, 4, FR_ERROR_QUERY, "two or three");
    pareto_fails(net, q, NULL, 2, FR_ERROR_QUERY, "two or three");
    pareto_fails(net, q, twice, 2, FR_ERROR_QUERY, "twice");
    pareto_fails(net, q, unknown, 2, FR_ERROR_QUERY, "unknown criterion");
    const double bad_bounds[] = {-1, NAN, -INFINITY};
    for (size_t i = 0; i < G_N_ELEMENTS(bad_bounds); i++) {
        fr_query *b = fr_query_copy(q);
        fr_query_set_max_time(b, bad_bounds[i]);
        pareto_fails(net, b, ok, 2, FR_ERROR_QUERY, "time bound");
        fr_query_set_max_time(b, INFINITY);
        fr_query_set_max_cost(b, bad_bounds[i]);
        pareto_fails(net, b, ok, 2, FR_ERROR_QUERY, "cost bound");
        fr_query_free(b);
    }
    fr_query *unknown_node = fr_query_new("O", "NOWHERE");
    pareto_fails(net, unknown_node, ok, 2, FR_ERROR_QUERY, "NOWHERE");
    fr_query_free(unknown_node);
    fr_query *no_way = fr_query_new("D", "O"); /* every link runs O -> D */
    pareto_fails(net, no_way, ok, 2, FR_ERROR_NO_ROUTE, NULL);
    fr_query_free(no_way);
    fr_query_set_modes(q, FR_MODE_BIT(FR_MODE_RIVER));
    pareto_fails(net, q, ok, 2, FR_ERROR_NO_ROUTE, NULL);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- fr-route --pareto ---------------------------------------------------------- */

#define SMALL FR_TEST_DATA "/small"

static void test_cli(void **state)
{
    (void)state;
    run_result r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to",
                               "DEDUI", "--pareto", "cost,time", "--verbose", NULL);
    expect_exit(&r, 0, "--pareto text");
    /* a table row per route, then both itineraries */
    assert_non_null(strstr(r.out, "river → sea → road"));
    assert_non_null(strstr(r.out, "3,070"));
    assert_non_null(strstr(r.out, "6,150"));
    assert_non_null(strstr(r.out, "Route 2"));
    assert_non_null(strstr(r.out, "Khorgos → Duisburg"));
    run_free(&r);
    r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                    "--pareto", "cost,time", "--max-routes", "1", "--format", "geojson", NULL);
    expect_exit(&r, 0, "--pareto geojson");
    /* one route (the cheapest: YZ1, SEA1, RD1), three features of route 0 */
    assert_non_null(strstr(r.out, "\"route\": 0"));
    assert_null(strstr(r.out, "\"route\": 1"));
    assert_non_null(strstr(r.out, "\"SEA1\""));
    run_free(&r);
    const char *usage[][4] = {
        {"--pareto", "cost", NULL, NULL},
        {"--pareto", "cost,cost", NULL, NULL},
        {"--pareto", "cost,speed", NULL, NULL},
        {"--pareto", "", NULL, NULL},
        {"--pareto", "cost,time", "--alternatives", "2"},
        {"--pareto", "cost,time", "--max-routes", "0"},
        {"--pareto", "cost,time", "--max-routes", "many"},
        {"--max-routes", "2", NULL, NULL},
        {"--convex-hull", NULL, NULL, NULL},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(usage); i++) {
        r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                        usage[i][0], usage[i][1], usage[i][2], usage[i][3], NULL);
        expect_exit(&r, 2, usage[i][0]);
        run_free(&r);
    }
    r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to", "ISOLA",
                    "--pareto", "cost,time,co2", NULL);
    expect_exit(&r, 3, "--pareto to an isolated node");
    run_free(&r);
    r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "NOWHERE", "--to", "DEDUI",
                    "--pareto", "cost,time", NULL);
    expect_exit(&r, 1, "--pareto from an unknown node");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_front_shapes),
        cmocka_unit_test(test_equal_vectors),
        cmocka_unit_test(test_fixture_network),
        cmocka_unit_test(test_criteria_parse),
        cmocka_unit_test(test_bad_queries),
        cmocka_unit_test(test_cli),
        cmocka_unit_test(test_random_real_figures),
        cmocka_unit_test(test_random_integer_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
