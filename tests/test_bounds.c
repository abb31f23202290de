/* test_bounds.c - fr_network_route() with bounds on total time and cost
 * (FORMAT.md §2: the best route within the bounds, or none) and fr-route
 * --max-time/--max-cost.
 *
 * Against exhaustive search on a few hundred seeded random networks: the
 * test enumerates every route of its own virtual graph that repeats no
 * state (randnet.c; a repeat adds time, so dropping it keeps a route within
 * the bounds and no worse), keeps those within the bounds (time <= max_time,
 * cost x quantity <= max_cost, ties within a relative 1e-12 inside), and
 * takes the least by (objective, time, cost, edges). Bounds are set at,
 * below and above the totals of random routes, so that they bind. The
 * library's route must have that key (exactly, on networks of small
 * integers; to 1e-9 on real figures), stay within the bounds, and add up.
 * Infinite bounds must leave fr_network_route() exactly as it is without
 * them; huge finite ones (the constrained search) must agree with it.
 *
 * By hand: the fixture network's rail and sea routes, quantities, bounds
 * at the exact totals; bad bounds and the command line. */
#include "helpers.h"
#include "randnet.h"

#include <math.h>
#include <string.h>

#define TOL 1e-12 /* figures this close (relative) are equal: lib/FORMAT.md §5 */

static bool feq(double a, double b) { return fabs(a - b) <= TOL * fmax(1, fmax(fabs(a), fabs(b))); }
static bool fle(double a, double b) { return a <= b || feq(a, b); }

typedef struct {
    double obj, time, cost, co2, dist;
    int edges;
} key;

/* FORMAT.md §2's order: objective, time, cost, fewer edges. */
static int compare_keys(const key *a, const key *b)
{
    if (!feq(a->obj, b->obj))
        return a->obj < b->obj ? -1 : 1;
    if (!feq(a->time, b->time))
        return a->time < b->time ? -1 : 1;
    if (!feq(a->cost, b->cost))
        return a->cost < b->cost ? -1 : 1;
    return (a->edges > b->edges) - (a->edges < b->edges);
}

typedef struct {
    const rn_query *q;
    GArray *routes; /* key, every route */
} gather_ctx;

static void gather(const rn_vgraph *g, const int *edges, int n_edges, void *data)
{
    gather_ctx *c = data;
    key k = {0, 0, 0, 0, 0, n_edges};
    rn_route_totals(g, edges, n_edges, &k.cost, &k.time, &k.co2, &k.dist);
    k.obj = rn_objective(c->q, k.cost, k.time, k.co2, k.dist);
    g_array_append_val(c->routes, k);
}

/* The best route within the bounds; false when none is. */
static bool reference_best(const GArray *routes, double max_time, double max_cost,
                           double quantity, key *best)
{
    bool found = false;
    for (guint i = 0; i < routes->len; i++) {
        const key *k = &g_array_index(routes, key, i);
        if (!fle(k->time, max_time) || !fle(k->cost * quantity, max_cost))
            continue;
        if (!found || compare_keys(k, best) < 0)
            *best = *k;
        found = true;
    }
    return found;
}

/* The library's route as a key (per TEU); checks that its totals add up
 * and that it runs from the origin to the destination. */
static key route_key(const rn_net *net, const rn_query *q, const fr_route *r)
{
    double qty = q->quantity, sc = 0, st = 0;
    int links = 0;
    const char *at = net->nodes[q->from].id;
    for (size_t i = 0; i < fr_route_step_count(r); i++) {
        const fr_step *s = fr_route_step(r, i);
        sc += s->cost_usd, st += s->time_h;
        if (s->type == FR_STEP_LINK) {
            assert_string_equal(s->from_node, at);
            at = s->to_node;
            links++;
        }
    }
    assert_string_equal(at, net->nodes[q->to].id);
    assert_true(close_rel(fr_route_total_cost_usd(r), sc * qty, 1e-9));
    assert_true(close_rel(fr_route_total_time_h(r), st, 1e-9));
    key k = {0, fr_route_total_time_h(r), fr_route_total_cost_usd(r) / qty,
             fr_route_total_co2_kg(r) / qty, fr_route_total_distance_km(r), 2 * links - 1};
    k.obj = rn_objective(q, k.cost, k.time, k.co2, k.dist);
    return k;
}

/* ---- random networks -------------------------------------------------------- */

typedef struct {
    guint32 seed;
    const rn_net *net;
    const rn_query *q;
    double max_time, max_cost;
} ctx;

static void dump_context(const ctx *c)
{
    char *extra = g_strdup_printf("max_time %.17g, max_cost %.17g", c->max_time, c->max_cost);
    rn_print_case(c->seed, c->net, c->q, extra);
    g_free(extra);
}

typedef struct {
    int routes, no_route, binding, skipped;
} stats;

static bool same_key(const rn_net *net, const key *a, const key *b)
{
    if (net->integer)
        return a->obj == b->obj && a->time == b->time && a->cost == b->cost &&
               a->edges == b->edges;
    return close_rel(a->obj, b->obj, 1e-9) && close_rel(a->time, b->time, 1e-9) &&
           close_rel(a->cost, b->cost, 1e-9);
}

static void check_bounded(const ctx *c, const fr_network *fn, const GArray *routes, stats *st)
{
    key best, unbounded;
    bool found = reference_best(routes, c->max_time, c->max_cost, c->q->quantity, &best);
    bool any = reference_best(routes, INFINITY, INFINITY, c->q->quantity, &unbounded);
    fr_query *fq = rn_make_query(c->net, c->q);
    fr_query_set_max_time(fq, c->max_time);
    fr_query_set_max_cost(fq, c->max_cost);
    GError *err = NULL;
    fr_route *r = fr_network_route(fn, fq, &err);
    fr_query_free(fq);
    if (!found) {
        RN_CHECK(!r && err && err->code == FR_ERROR_NO_ROUTE, "expected no route, got %s",
              r ? "a route" : err ? err->message : "no error");
        g_error_free(err);
        st->no_route++;
        return;
    }
    RN_CHECK(r, "library: %s; the best route within the bounds has objective %.17g",
          err ? err->message : "no error", best.obj);
    key got = route_key(c->net, c->q, r);
    fr_route_free(r);
    RN_CHECK(same_key(c->net, &got, &best),
          "route (obj %.17g, time %.17g, cost %.17g, %d edges), expected (%.17g, %.17g, "
          "%.17g, %d)", got.obj, got.time, got.cost, got.edges, best.obj, best.time,
          best.cost, best.edges);
    RN_CHECK(fle(got.time, c->max_time * (1 + 1e-9)) &&
              fle(got.cost * c->q->quantity, c->max_cost * (1 + 1e-9)),
          "route (%.17g h, %.17g USD) breaks the bounds", got.time, got.cost * c->q->quantity);
    st->routes++;
    st->binding += any && compare_keys(&best, &unbounded) != 0;
}

/* No bound must mean no bound: INFINITY takes the unbounded search (the
 * same route), a huge finite bound the constrained one (the same key). */
static void check_unbounded(const ctx *c, const fr_network *fn)
{
    fr_query *fq = rn_make_query(c->net, c->q);
    GError *err = NULL;
    fr_route *plain = fr_network_route(fn, fq, &err);
    g_clear_error(&err);
    fr_query_set_max_time(fq, INFINITY);
    fr_query_set_max_cost(fq, INFINITY);
    fr_route *infinite = fr_network_route(fn, fq, &err);
    g_clear_error(&err);
    fr_query_set_max_time(fq, 1e300);
    fr_query_set_max_cost(fq, 1e300);
    fr_route *huge = fr_network_route(fn, fq, &err);
    g_clear_error(&err);
    fr_query_free(fq);
    RN_CHECK(!plain == !infinite && !plain == !huge, "a route with some bounds only");
    if (plain) {
        char *a = route_link_ids(plain), *b = route_link_ids(infinite);
        RN_CHECK(strcmp(a, b) == 0 && fr_route_total_cost_usd(plain) ==
                                      fr_route_total_cost_usd(infinite),
              "INFINITY bounds changed the route: %s vs %s", a, b);
        key kp = route_key(c->net, c->q, plain), kh = route_key(c->net, c->q, huge);
        RN_CHECK(same_key(c->net, &kp, &kh), "huge bounds: objective %.17g, unbounded %.17g",
              kh.obj, kp.obj);
        g_free(a);
        g_free(b);
    }
    fr_route_free(plain);
    fr_route_free(infinite);
    fr_route_free(huge);
}

/* Bounds on time, cost or both: at (exactly), below or above a random
 * route's totals, or just below the unbounded best route's, so that they
 * bind. */
static void random_bounds(GRand *rng, const GArray *routes, double quantity, ctx *c)
{
    key best;
    reference_best(routes, INFINITY, INFINITY, quantity, &best);
    const key *k = &g_array_index(routes, key, g_rand_int_range(rng, 0, (gint32)routes->len));
    const double factors[] = {1.0, 0.9, 1.1, 0.5};
    double f = factors[g_rand_int_range(rng, 0, 4)];
    if (g_rand_int_range(rng, 0, 2) == 0)
        k = &best, f = 1 - 1e-6;
    int kind = g_rand_int_range(rng, 1, 4);
    c->max_time = kind & 1 ? k->time * f : INFINITY;
    c->max_cost = kind & 2 ? k->cost * quantity * f : INFINITY;
}

static void run_seeds(guint32 first, guint32 count, bool integer, stats *st)
{
    for (guint32 seed = first; seed < first + count; seed++) {
        GRand *rng = g_rand_new_with_seed(seed * 40503u + 11u);
        int n_nodes = g_rand_int_range(rng, 5, 9);
        rn_net *net = rn_generate(seed, n_nodes, integer);
        rn_densify(net, seed, g_rand_int_range(rng, 0, 2 * n_nodes), 0.5);
        fr_network *fn = rn_load(net);
        for (int i = 0; i < 4; i++) {
            rn_query q;
            rn_random_query(net, rng, &q);
            rn_vgraph g;
            rn_vgraph_build(&g, net, &q);
            gather_ctx gc = {&q, g_array_new(FALSE, FALSE, sizeof(key))};
            ctx c = {seed, net, &q, INFINITY, INFINITY};
            if (!rn_enumerate_routes(&g, &q, false, 300000, gather, &gc)) {
                st->skipped++;
            } else {
                check_unbounded(&c, fn);
                for (int j = 0; j < 4 && gc.routes->len > 0; j++) {
                    random_bounds(rng, gc.routes, q.quantity, &c);
                    check_bounded(&c, fn, gc.routes, st);
                }
            }
            g_array_free(gc.routes, TRUE);
            rn_vgraph_clear(&g);
        }
        fr_network_free(fn);
        rn_free(net);
        g_rand_free(rng);
    }
}

static void report(const char *what, const stats *st)
{
    print_message("%s: %d bounded routes (%d differ from the unbounded best), %d without a "
                  "route, %d queries skipped (too many routes to enumerate)\n",
                  what, st->routes, st->binding, st->no_route, st->skipped);
    assert_true(st->routes > 1000);
    assert_true(st->binding > 300);
    assert_true(st->no_route > 100);
    assert_true(st->skipped * 20 < st->routes);
}

static void test_random_real_figures(void **state)
{
    (void)state;
    stats st = {0};
    run_seeds(1, 250, false, &st);
    report("real", &st);
}

static void test_random_integer_ties(void **state)
{
    (void)state;
    stats st = {0};
    run_seeds(30001, 250, true, &st);
    report("integer", &st);
}

/* ---- by hand: the fixture network (tests/data/small/README.md) -----------------
 * rail: YX1, YX2           6150 USD, 362 h
 * sea:  YZ1, SEA1, RD1     3070 USD, 1081 h */

#define SMALL FR_TEST_DATA "/small"
#define RAIL "YX1 YX2"
#define SEA "YZ1 SEA1 RD1"

static fr_network *small_network(void)
{
    GError *err = NULL;
    fr_network *net = fr_network_load_dir(SMALL, &err);
    assert_non_null(net);
    return net;
}

/* The bounded route's links, or "none" for FR_ERROR_NO_ROUTE. */
static void expect_route(const fr_network *net, fr_objective objective, double quantity,
                         double max_time, double max_cost, const char *want)
{
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, objective);
    fr_query_set_quantity(q, quantity);
    fr_query_set_max_time(q, max_time);
    fr_query_set_max_cost(q, max_cost);
    GError *err = NULL;
    fr_route *r = fr_network_route(net, q, &err);
    fr_query_free(q);
    char *got = r ? route_link_ids(r) : g_strdup(err && err->code == FR_ERROR_NO_ROUTE
                                                     ? "none" : "an error");
    if (strcmp(got, want) != 0) {
        char msg[300];
        g_snprintf(msg, sizeof msg, "%s, %g TEU, max %g h, max %g USD: %s, expected %s",
                   fr_objective_name(objective), quantity, max_time, max_cost, got, want);
        g_free(got);
        fail_msg("%s", msg);
    }
    g_free(got);
    g_clear_error(&err);
    fr_route_free(r);
}

static void test_fixture_network(void **state)
{
    (void)state;
    fr_network *net = small_network();
    const double inf = INFINITY;
    expect_route(net, FR_OBJECTIVE_COST, 1, inf, inf, SEA);
    expect_route(net, FR_OBJECTIVE_COST, 1, 500, inf, RAIL);
    expect_route(net, FR_OBJECTIVE_COST, 1, 362, inf, RAIL); /* a bound is inclusive */
    expect_route(net, FR_OBJECTIVE_COST, 1, 361.99, inf, "none");
    expect_route(net, FR_OBJECTIVE_COST, 1, 0, inf, "none");
    expect_route(net, FR_OBJECTIVE_TIME, 1, inf, inf, RAIL);
    expect_route(net, FR_OBJECTIVE_TIME, 1, inf, 5000, SEA);
    expect_route(net, FR_OBJECTIVE_TIME, 1, inf, 3070, SEA);
    expect_route(net, FR_OBJECTIVE_TIME, 1, inf, 3069.99, "none");
    /* the cost bound is for the whole quantity: 2 TEU by sea cost 6140 */
    expect_route(net, FR_OBJECTIVE_TIME, 2, inf, 6140, SEA);
    expect_route(net, FR_OBJECTIVE_TIME, 2, inf, 6139, "none");
    expect_route(net, FR_OBJECTIVE_TIME, 2, inf, 12300, RAIL);
    expect_route(net, FR_OBJECTIVE_CO2, 1, 1100, 4000, SEA);
    expect_route(net, FR_OBJECTIVE_COST, 1, 1000, 7000, RAIL);
    expect_route(net, FR_OBJECTIVE_COST, 1, 1000, 6000, "none");
    expect_route(net, FR_OBJECTIVE_GENERALIZED, 1, 1081, 6150, SEA);
    fr_network_free(net);
}

static void test_bad_bounds(void **state)
{
    (void)state;
    fr_network *net = small_network();
    const double bad[] = {-1, -1e-9, NAN, -INFINITY};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        fr_query *q = fr_query_new("CNCKG", "DEDUI");
        GError *err = NULL;
        fr_query_set_max_time(q, bad[i]);
        assert_null(fr_network_route(net, q, &err));
        check_error(err, FR_ERROR_QUERY, "time bound", NULL);
        g_clear_error(&err);
        fr_query_set_max_time(q, 100);
        fr_query_set_max_cost(q, bad[i]);
        assert_null(fr_network_route(net, q, &err));
        check_error(err, FR_ERROR_QUERY, "cost bound", NULL);
        g_clear_error(&err);
        /* the copy keeps the bounds */
        fr_query *copy = fr_query_copy(q);
        assert_null(fr_network_route(net, copy, &err));
        check_error(err, FR_ERROR_QUERY, "cost bound", NULL);
        g_clear_error(&err);
        fr_query_free(copy);
        fr_query_free(q);
    }
    fr_network_free(net);
}

static void test_cli(void **state)
{
    (void)state;
    const char *usage[][2] = {
        {"--max-time", "-1"},  {"--max-time", "nan"}, {"--max-time", "inf"},
        {"--max-time", "abc"}, {"--max-time", ""},    {"--max-time", "5h"},
        {"--max-cost", "-5"},  {"--max-cost", "1e999"}, {"--max-cost", "NaN"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(usage); i++) {
        run_result r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to",
                                   "DEDUI", usage[i][0], usage[i][1], NULL);
        char *what = g_strdup_printf("%s '%s'", usage[i][0], usage[i][1]);
        expect_exit(&r, 2, what);
        g_free(what);
        run_free(&r);
    }
    run_result r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to",
                               "DEDUI", "--objective", "time", "--quantity", "2",
                               "--max-cost", "6139", NULL);
    expect_exit(&r, 3, "--max-cost below every route");
    assert_non_null(strstr(r.err, "bound"));
    run_free(&r);
    r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                    "--max-time", "400", "--max-cost", "6150", NULL);
    expect_exit(&r, 0, "both bounds");
    assert_non_null(strstr(r.out, "Khorgos"));
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_network),
        cmocka_unit_test(test_bad_bounds),
        cmocka_unit_test(test_cli),
        cmocka_unit_test(test_random_real_figures),
        cmocka_unit_test(test_random_integer_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
