/* test_engine_algorithms.c - every algorithm (lib/search/engine*.c,
 * landmarks.c, ch*.c; lib/api/algorithm.c, prepare.c) against plain
 * Dijkstra, the preparation API, and ties by hand.
 *
 * - Every algorithm against Dijkstra: networks prepared with landmarks and
 *   contraction hierarchies for cost, time, co2 and distance; the engine's
 *   keys (fr_engine_route) compare equal and the paths are valid; the
 *   routes of fr_network_route() have Dijkstra's totals for DIJKSTRA,
 *   BIDIRECTIONAL, LANDMARKS, CH and AUTO; restricted queries (CH refuses
 *   them by name, AUTO never does), generalized queries (no preparation),
 *   bounded queries (only AUTO and DIJKSTRA answer).
 * - fr_network_prepare(), fr_network_is_prepared(), the algorithm names.
 * - By hand: ties (equal objective, then time, then cost, then fewer
 *   edges; sums within 1e-12 count as equal) for every algorithm.
 *
 * Shared fixtures: engine_fixtures.c. A failure prints the seed, the query
 * and the network's CSV files. */
#include "engine_fixtures.h"

#include <math.h>
#include <string.h>

static const char *const algorithm_label[FR_ALGORITHM_COUNT] = {
    "auto", "dijkstra", "bidirectional", "landmarks", "ch"};

/* Does the query restrict the network as the library sees it (some node or
 * corridor blocked, or a mode left out)? An avoided country that no node
 * has blocks nothing. */
static bool restricts(const rn_net *net, const rn_query *q)
{
    if (q->modes != FR_MODES_ALL || q->avoid_node >= 0 || q->avoid_corridor)
        return true;
    for (int v = 0; q->avoid_country[0] && v < net->n_nodes; v++)
        if (strcmp(net->nodes[v].country, q->avoid_country) == 0)
            return true;
    return false;
}

/* ---- 1. every algorithm against Dijkstra ---------------------------------------- */

typedef struct {
    bool ok;
    int code;
    char *message;
    double cost, time, co2, dist, value;
    size_t links;
} answer;

static void answer_clear(answer *a)
{
    g_free(a->message);
    memset(a, 0, sizeof *a);
}

static void route_answer(const fr_network *fn, const rn_net *net, const rn_query *q,
                         fr_algorithm algorithm, double max_time, double max_cost, answer *a)
{
    memset(a, 0, sizeof *a);
    fr_query *fq = rn_make_query(net, q);
    fr_query_set_algorithm(fq, algorithm);
    if (max_time < INFINITY)
        fr_query_set_max_time(fq, max_time);
    if (max_cost < INFINITY)
        fr_query_set_max_cost(fq, max_cost);
    GError *err = NULL;
    fr_route *r = fr_network_route(fn, fq, &err);
    fr_query_free(fq);
    if (!r) {
        a->code = err ? err->code : -1;
        a->message = g_strdup(err ? err->message : "(no error set)");
        g_clear_error(&err);
        return;
    }
    a->ok = true;
    a->cost = fr_route_total_cost_usd(r);
    a->time = fr_route_total_time_h(r);
    a->co2 = fr_route_total_co2_kg(r);
    a->dist = fr_route_total_distance_km(r);
    a->value = fr_route_objective_value(r);
    a->links = route_count_steps(r, FR_STEP_LINK);
    fr_route_free(r);
}

/* Same outcome and totals. Real figures: all four totals (ties are
 * improbable, so the routes are the same). Integer figures: the key
 * (objective, time, cost, edges = 2 links - 1); tied routes may differ in
 * CO2 or distance. */
static void check_same_answer(ctx *c, const answer *got, const answer *want,
                              const char *who)
{
    RN_CHECK(got->ok == want->ok, "%s: %s, dijkstra: %s", who,
             got->ok ? "a route" : got->message, want->ok ? "a route" : want->message);
    if (!got->ok) {
        RN_CHECK(got->code == want->code, "%s: error %d (%s), dijkstra error %d (%s)", who,
                 got->code, got->message, want->code, want->message);
        return;
    }
    bool same = close_rel(got->value, want->value, 1e-9) &&
                close_rel(got->time, want->time, 1e-9) &&
                close_rel(got->cost, want->cost, 1e-9);
    if (c->net->integer)
        same = same && got->links == want->links;
    else
        same = same && close_rel(got->co2, want->co2, 1e-9) &&
               close_rel(got->dist, want->dist, 1e-9);
    RN_CHECK(same,
             "%s: (value %.17g, cost %.17g, time %.17g, co2 %.17g, distance %.17g, %zu links), "
             "dijkstra (value %.17g, cost %.17g, time %.17g, co2 %.17g, distance %.17g, %zu "
             "links)",
             who, got->value, got->cost, got->time, got->co2, got->dist, got->links, want->value,
             want->cost, want->time, want->co2, want->dist, want->links);
}

static void check_refused(ctx *c, const answer *a, const char *who, const char *why)
{
    RN_CHECK(!a->ok && a->code == FR_ERROR_QUERY, "%s: expected FR_ERROR_QUERY, got %s", who,
             a->ok ? "a route" : a->message);
    RN_CHECK(strstr(a->message, why) != NULL, "%s: message '%s' does not say '%s'", who,
             a->message, why);
}

typedef struct {
    long networks, unrestricted, restricted, generalized, bounded, routes, no_routes,
        engine_keys;
} algo_counts;

/* The engine's answer by every algorithm that applies equals Dijkstra's:
 * the same key (fr_key_compare) and a valid path. */
static void check_engine_algorithms(ctx *c, const fr_network *fn, fr_workspace *ws,
                                    bool restricted, algo_counts *n)
{
    fr_search_spec spec;
    make_spec(c, fn, &spec);
    fr_key want = {0};
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    bool found = fr_engine_dijkstra(ws, &fn->vgraph, &spec, &want, NULL);
    for (int a = FR_ALGORITHM_DIJKSTRA; a < FR_ALGORITHM_COUNT; a++) {
        if ((a == FR_ALGORITHM_LANDMARKS || a == FR_ALGORITHM_CH) &&
            !prepared_objective(spec.objective))
            continue;
        if (a == FR_ALGORITHM_CH && restricted)
            continue;
        fr_key key = {0};
        g_array_set_size(path, 0);
        bool got = fr_engine_route(ws, fn, &spec, (fr_algorithm)a, &key, path);
        n->engine_keys++;
        RN_CHECK(got == found, "engine %s found=%d, dijkstra %d", algorithm_label[a], got,
                 found);
        if (!got)
            continue;
        RN_CHECK(fr_key_compare(&key, &want) == 0,
                 "engine %s key (%.17g, %.17g, %.17g, %u), dijkstra (%.17g, %.17g, %.17g, %u)",
                 algorithm_label[a], key.obj, key.time, key.cost, key.edges, want.obj,
                 want.time, want.cost, want.edges);
        check_path(c, fn, &spec, &key, path, algorithm_label[a]);
    }
    g_array_free(path, TRUE);
    fr_search_spec_clear(&spec);
}

static void check_algorithms(ctx *c, const fr_network *fn, fr_workspace *ws, algo_counts *n)
{
    const rn_query *q = &c->q;
    bool restricted = restricts(c->net, q);
    bool generalized = !prepared_objective(q->objective);
    answer want, got;
    route_answer(fn, c->net, q, FR_ALGORITHM_DIJKSTRA, INFINITY, INFINITY, &want);
    RN_CHECK(want.ok || want.code == FR_ERROR_NO_ROUTE, "dijkstra: %s", want.message);
    if (want.ok)
        n->routes++;
    else
        n->no_routes++;
    for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
        if (a == FR_ALGORITHM_DIJKSTRA)
            continue;
        route_answer(fn, c->net, q, (fr_algorithm)a, INFINITY, INFINITY, &got);
        if (generalized && (a == FR_ALGORITHM_LANDMARKS || a == FR_ALGORITHM_CH))
            check_refused(c, &got, algorithm_label[a], "fr_network_prepare");
        else if (restricted && a == FR_ALGORITHM_CH)
            check_refused(c, &got, algorithm_label[a], "contraction hierarchies answer only");
        else
            check_same_answer(c, &got, &want, algorithm_label[a]);
        answer_clear(&got);
    }
    answer_clear(&want);
    check_engine_algorithms(c, fn, ws, restricted, n);
    if (generalized)
        n->generalized++;
    else if (restricted)
        n->restricted++;
    else
        n->unrestricted++;
}

/* Bounded queries: only AUTO and DIJKSTRA (the constrained search) answer,
 * and with loose bounds they answer as without. */
static void check_bounded(ctx *c, const fr_network *fn, GRand *rng, algo_counts *n)
{
    const rn_query *q = &c->q;
    answer unbounded, want, got;
    route_answer(fn, c->net, q, FR_ALGORITHM_DIJKSTRA, INFINITY, INFINITY, &unbounded);
    double max_time = INFINITY, max_cost = INFINITY;
    bool loose = unbounded.ok && g_rand_boolean(rng);
    if (loose) {
        max_time = unbounded.time * 2 + 1;
        max_cost = unbounded.cost * 2 + 1;
    } else if (g_rand_boolean(rng)) {
        max_time = g_rand_double_range(rng, 1, 500);
    } else {
        max_cost = g_rand_double_range(rng, 1, 5000);
    }
    ctx_extra(c, "bounded: max_time %.17g, max_cost %.17g", max_time, max_cost);
    route_answer(fn, c->net, q, FR_ALGORITHM_DIJKSTRA, max_time, max_cost, &want);
    RN_CHECK(want.ok || want.code == FR_ERROR_NO_ROUTE, "bounded dijkstra: %s", want.message);
    if (loose)
        check_same_answer(c, &want, &unbounded, "bounded dijkstra (loose bounds)");
    for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
        if (a == FR_ALGORITHM_DIJKSTRA)
            continue;
        route_answer(fn, c->net, q, (fr_algorithm)a, max_time, max_cost, &got);
        if (a == FR_ALGORITHM_AUTO)
            check_same_answer(c, &got, &want, "bounded auto");
        else
            check_refused(c, &got, algorithm_label[a], "bounds");
        answer_clear(&got);
    }
    answer_clear(&want);
    answer_clear(&unbounded);
    n->bounded++;
}

static void algorithms_agree(guint32 first, guint32 count, bool integer, int lo, int hi,
                             algo_counts *n)
{
    fr_workspace *ws = fr_workspace_new();
    for (guint32 seed = first; seed < first + count; seed++) {
        rn_net *net = make_net(seed, integer, lo, hi);
        fr_network *fn = rn_load(net);
        GRand *rng = g_rand_new_with_seed(seed * 31u + 5u);
        ctx cx = {.seed = seed, .net = net};
        ctx *c = &cx;
        ctx_extra(c, "preparing");
        prepare_all(c, fn);
        /* unrestricted pairs: every pair on small networks, else a sample */
        int n_pairs = net->n_nodes <= 4 ? net->n_nodes * (net->n_nodes - 1) : 12;
        for (int i = 0; i < n_pairs; i++) {
            int from, to;
            if (net->n_nodes <= 4) {
                from = i / (net->n_nodes - 1);
                to = i % (net->n_nodes - 1);
                to += to >= from;
            } else {
                from = g_rand_int_range(rng, 0, net->n_nodes);
                do
                    to = g_rand_int_range(rng, 0, net->n_nodes);
                while (to == from);
            }
            for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
                plain_query(&c->q, from, to, (fr_objective)o);
                if (o == FR_OBJECTIVE_GENERALIZED) {
                    /* whole thousandths: the failure report prints them exactly */
                    c->q.value_of_time = integer ? g_rand_int_range(rng, 0, 4)
                                                 : g_rand_int_range(rng, 0, 50001) / 1000.0;
                    c->q.carbon_price = integer ? g_rand_int_range(rng, 0, 4)
                                                : g_rand_int_range(rng, 0, 2001) / 1000.0;
                }
                ctx_extra(c, "algorithms agree, unrestricted");
                check_algorithms(c, fn, ws, n);
            }
        }
        /* restricted queries (any objective, random quantity) */
        for (int i = 0; i < 10; i++) {
            restricted_query(net, rng, &c->q);
            ctx_extra(c, "algorithms agree, restricted (the library sees a restriction: %d)",
                      restricts(net, &c->q));
            check_algorithms(c, fn, ws, n);
        }
        /* bounded queries */
        for (int i = 0; i < 4; i++) {
            rn_random_query(net, rng, &c->q);
            check_bounded(c, fn, rng, n);
        }
        n->networks++;
        g_rand_free(rng);
        fr_network_free(fn);
        rn_free(net);
    }
    fr_workspace_free(ws);
}

static void test_algorithms_agree(void **state)
{
    (void)state;
    algo_counts n = {0};
    algorithms_agree(10001, 200, false, 4, 30, &n);
    algorithms_agree(12001, 100, true, 4, 24, &n);
    algorithms_agree(14001, 10, false, 50, 64, &n);
    print_message("algorithms agree: %ld networks; %ld unrestricted, %ld generalized, %ld "
                  "restricted, %ld bounded queries (each by every algorithm); %ld routes, %ld "
                  "without; %ld engine keys compared\n",
                  n.networks, n.unrestricted, n.generalized, n.restricted, n.bounded, n.routes,
                  n.no_routes, n.engine_keys);
    assert_true(n.networks >= 300);
    assert_true(n.routes > 1000 && n.no_routes > 100 && n.restricted > 1000 &&
                n.unrestricted > 1000 && n.generalized > 1000);
}

/* ---- 2. the preparation API and the algorithm names --------------------------------- */

static const char *SMALL_NODES = "id,name,kind,country,lat,lon\n"
                                 "A,A,city,CN,0,0\nB,B,city,CN,0,1\nC,C,city,CN,1,1\n";
static const char *SMALL_LINKS = "id,from,to,mode,distance_km,time_h,cost_usd\n"
                                 "AB,A,B,road,10,1,5\nBC,B,C,road,10,1,5\nAC,A,C,rail,30,5,3\n";

static fr_route *route_by_ids(const fr_network *fn, const char *from, const char *to,
                             fr_objective o, fr_algorithm a, GError **err)
{
    fr_query *q = fr_query_new(from, to);
    fr_query_set_objective(q, o);
    fr_query_set_algorithm(q, a);
    fr_route *r = fr_network_route(fn, q, err);
    fr_query_free(q);
    return r;
}

static fr_route *route_by(const fr_network *fn, fr_objective o, fr_algorithm a, GError **err)
{
    return route_by_ids(fn, "A", "C", o, a, err);
}

static void test_prepare_api(void **state)
{
    (void)state;
    fr_network *fn = load_net_ok(SMALL_NODES, SMALL_LINKS, NULL, NULL);
    GError *err = NULL;

    /* nothing prepared */
    for (int o = 0; o < FR_OBJECTIVE_COUNT; o++)
        for (unsigned what = 0; what < 4; what++)
            assert_false(fr_network_is_prepared(fn, (fr_objective)o, what) && what != 0);
    for (int a = FR_ALGORITHM_LANDMARKS; a <= FR_ALGORITHM_CH; a++) {
        assert_null(route_by(fn, FR_OBJECTIVE_COST, (fr_algorithm)a, &err));
        check_error(err, FR_ERROR_QUERY, NULL, "fr_network_prepare");
        g_clear_error(&err);
    }
    for (int a = FR_ALGORITHM_AUTO; a <= FR_ALGORITHM_BIDIRECTIONAL; a++) {
        fr_route *r = route_by(fn, FR_OBJECTIVE_COST, (fr_algorithm)a, &err);
        assert_non_null(r);
        assert_close(fr_route_total_cost_usd(r), 3);
        fr_route_free(r);
    }

    /* what cannot be prepared */
    assert_false(fr_network_prepare(fn, FR_OBJECTIVE_GENERALIZED, FR_PREPARE_LANDMARKS, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "generalized", "cost, time");
    g_clear_error(&err);
    assert_false(fr_network_prepare(fn, FR_OBJECTIVE_COST, 1u << 5, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "flag");
    g_clear_error(&err);
    assert_false(fr_network_prepare(fn, FR_OBJECTIVE_COST, FR_PREPARE_CH | 1u << 7, &err));
    g_clear_error(&err);
    assert_false(fr_network_prepare(NULL, FR_OBJECTIVE_COST, FR_PREPARE_CH, &err));
    g_clear_error(&err);
    assert_false(fr_network_prepare(fn, FR_OBJECTIVE_COUNT, FR_PREPARE_CH, &err));
    g_clear_error(&err);
    assert_false(fr_network_prepare(fn, FR_OBJECTIVE_GENERALIZED, FR_PREPARE_CH, NULL));
    assert_false(fr_network_is_prepared(fn, FR_OBJECTIVE_COST, FR_PREPARE_CH));
    assert_false(fr_network_is_prepared(NULL, FR_OBJECTIVE_COST, FR_PREPARE_CH));
    assert_false(fr_network_is_prepared(fn, FR_OBJECTIVE_GENERALIZED, FR_PREPARE_CH));

    /* landmarks only for cost: CH still refused by name, landmarks answer */
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS, &err));
    assert_null(err);
    assert_true(fr_network_is_prepared(fn, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS));
    assert_false(fr_network_is_prepared(fn, FR_OBJECTIVE_COST, FR_PREPARE_CH));
    assert_false(fr_network_is_prepared(fn, FR_OBJECTIVE_COST,
                                        FR_PREPARE_LANDMARKS | FR_PREPARE_CH));
    assert_false(fr_network_is_prepared(fn, FR_OBJECTIVE_TIME, FR_PREPARE_LANDMARKS));
    fr_route *r = route_by(fn, FR_OBJECTIVE_COST, FR_ALGORITHM_LANDMARKS, &err);
    assert_non_null(r);
    assert_close(fr_route_total_cost_usd(r), 3);
    fr_route_free(r);
    assert_null(route_by(fn, FR_OBJECTIVE_COST, FR_ALGORITHM_CH, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "fr_network_prepare");
    assert_non_null(strstr(err->message, "ch"));
    g_clear_error(&err);
    /* prepared for cost, not for time */
    assert_null(route_by(fn, FR_OBJECTIVE_TIME, FR_ALGORITHM_LANDMARKS, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "fr_network_prepare");
    g_clear_error(&err);

    /* both, twice (the first preparation is freed: the sanitizer build
     * checks for leaks), and again landmarks alone: CH stays */
    for (int i = 0; i < 2; i++) {
        assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST,
                                       FR_PREPARE_LANDMARKS | FR_PREPARE_CH, &err));
        assert_true(fr_network_is_prepared(fn, FR_OBJECTIVE_COST,
                                           FR_PREPARE_LANDMARKS | FR_PREPARE_CH));
    }
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS, &err));
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST, FR_PREPARE_CH, &err));
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST, 0, &err)); /* nothing to do */
    assert_true(fr_network_is_prepared(fn, FR_OBJECTIVE_COST,
                                       FR_PREPARE_LANDMARKS | FR_PREPARE_CH));
    for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
        r = route_by(fn, FR_OBJECTIVE_COST, (fr_algorithm)a, &err);
        assert_non_null(r);
        assert_close(fr_route_total_cost_usd(r), 3);
        assert_string_equal(fr_route_step(r, 0)->link_id, "AC");
        fr_route_free(r);
    }
    /* other objectives, and the network freed while prepared */
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_TIME, FR_PREPARE_CH, &err));
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_CO2, FR_PREPARE_LANDMARKS, &err));
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_DISTANCE,
                                   FR_PREPARE_LANDMARKS | FR_PREPARE_CH, &err));
    r = route_by(fn, FR_OBJECTIVE_TIME, FR_ALGORITHM_CH, &err);
    assert_non_null(r);
    assert_close(fr_route_total_time_h(r), 2);
    fr_route_free(r);
    assert_null(err);

    /* a query's algorithm is kept by fr_query_copy, and checked */
    fr_query *q = fr_query_new("A", "C");
    assert_int_equal(fr_query_algorithm(q), FR_ALGORITHM_AUTO);
    fr_query_set_algorithm(q, FR_ALGORITHM_CH);
    fr_query *copy = fr_query_copy(q);
    assert_int_equal(fr_query_algorithm(copy), FR_ALGORITHM_CH);
    fr_query_set_algorithm(copy, (fr_algorithm)FR_ALGORITHM_COUNT);
    assert_null(fr_network_route(fn, copy, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "algorithm");
    g_clear_error(&err);
    fr_query_free(copy);
    fr_query_free(q);
    fr_network_free(fn);

    /* a network of one node and no links can be prepared */
    fn = load_net_ok("id,name,kind,country,lat,lon\nA,A,city,CN,0,0\n",
                     "id,from,to,mode,distance_km,time_h,cost_usd\n", NULL, NULL);
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS | FR_PREPARE_CH,
                                   &err));
    assert_null(err);
    fr_network_free(fn);
}

static void test_algorithm_names(void **state)
{
    (void)state;
    const char *names[FR_ALGORITHM_COUNT] = {"auto", "dijkstra", "bidirectional", "landmarks",
                                             "ch"};
    for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
        assert_string_equal(fr_algorithm_name((fr_algorithm)a), names[a]);
        fr_algorithm back = FR_ALGORITHM_COUNT;
        assert_true(fr_algorithm_from_name(names[a], &back));
        assert_int_equal(back, a);
    }
    const char *bad[] = {"", "Dijkstra", "CH", "alt", "astar", "auto ", "bidi", "none", NULL};
    for (int i = 0; bad[i]; i++) {
        fr_algorithm out = FR_ALGORITHM_CH;
        assert_false(fr_algorithm_from_name(bad[i], &out));
        assert_int_equal(out, FR_ALGORITHM_CH); /* untouched */
    }
    fr_algorithm out = FR_ALGORITHM_CH;
    assert_false(fr_algorithm_from_name(NULL, &out));
    assert_non_null(fr_algorithm_name(FR_ALGORITHM_COUNT));
    assert_non_null(fr_algorithm_name((fr_algorithm)-1));
}

/* ---- 3. ties by hand --------------------------------------------------------------- */

/* Each case: a network of road links between A, B, C, D (no dwell), a query
 * A -> D and the route that FORMAT.md §2 and §5 pick. */
typedef struct {
    const char *what;
    const char *links; /* rows after the header */
    fr_objective objective;
    const char *want; /* link ids */
} tie_case;

static const tie_case tie_cases[] = {
    {"equal cost: less time wins",
     "AB,A,B,road,100,5,10,1\nBD,B,D,road,100,5,10,1\n"
     "AC,A,C,road,100,3,12,1\nCD,C,D,road,100,3,8,1\n",
     FR_OBJECTIVE_COST, "AC CD"},
    {"equal cost within 1e-12 (0.1 + 0.2 against 0.15 + 0.15): less time wins",
     "AB,A,B,road,100,5,0.15,1\nBD,B,D,road,100,5,0.15,1\n"
     "AC,A,C,road,100,4,0.1,1\nCD,C,D,road,100,4,0.2,1\n",
     FR_OBJECTIVE_COST, "AC CD"},
    {"equal time: less cost wins",
     "AB,A,B,road,100,5,10,1\nBD,B,D,road,100,5,10,1\n"
     "AC,A,C,road,100,4,8,1\nCD,C,D,road,100,6,8,1\n",
     FR_OBJECTIVE_TIME, "AC CD"},
    {"equal co2, time and cost: fewer edges wins",
     "AB,A,B,road,100,5,10,2\nBD,B,D,road,100,5,10,2\n"
     "AD,A,D,road,50,10,20,4\n",
     FR_OBJECTIVE_CO2, "AD"},
    {"equal distance: less time beats less cost",
     "AB,A,B,road,100,5,1,1\nBD,B,D,road,100,5,1,1\n"
     "AC,A,C,road,150,4,50,1\nCD,C,D,road,50,4,50,1\n",
     FR_OBJECTIVE_DISTANCE, "AC CD"},
    {"equal time and cost (0.7 + 0.1 against 0.8): fewer edges wins",
     "AB,A,B,road,100,0.7,0.7,1\nBD,B,D,road,100,0.1,0.1,1\n"
     "AD,A,D,road,300,0.8,0.8,1\n",
     FR_OBJECTIVE_TIME, "AD"},
    {"lower objective beats less time",
     "AB,A,B,road,100,50,10,1\nBD,B,D,road,100,50,10,1\n"
     "AD,A,D,road,50,1,21,1\n",
     FR_OBJECTIVE_COST, "AB BD"},
};

static void test_ties_by_hand(void **state)
{
    (void)state;
    const char *nodes = "id,name,kind,country,lat,lon\n"
                        "A,A,city,CN,0,0\nB,B,city,CN,0,1\nC,C,city,CN,1,0\nD,D,city,CN,1,1\n";
    for (size_t i = 0; i < G_N_ELEMENTS(tie_cases); i++) {
        const tie_case *t = &tie_cases[i];
        char *links = g_strconcat("id,from,to,mode,distance_km,time_h,cost_usd,co2_kg\n",
                                  t->links, NULL);
        fr_network *fn = load_net_ok(nodes, links, NULL, NULL);
        g_free(links);
        GError *err = NULL;
        assert_true(fr_network_prepare(fn, t->objective, FR_PREPARE_LANDMARKS | FR_PREPARE_CH,
                                       &err));
        for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
            fr_route *r = route_by_ids(fn, "A", "D", t->objective, (fr_algorithm)a, &err);
            if (!r)
                fail_msg("%s, %s: %s", t->what, algorithm_label[a], err->message);
            char *ids = route_link_ids(r);
            if (strcmp(ids, t->want) != 0)
                fail_msg("%s, %s: route '%s', expected '%s'", t->what, algorithm_label[a], ids,
                         t->want);
            g_free(ids);
            fr_route_free(r);
        }
        fr_network_free(fn);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_algorithm_names),
        cmocka_unit_test(test_prepare_api),
        cmocka_unit_test(test_ties_by_hand),
        cmocka_unit_test(test_algorithms_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
