/* test_alternatives.c - fr_network_alternatives() (FORMAT.md §2: the k best
 * routes by the objective that visit no physical node twice, in order,
 * distinct) and fr-route --alternatives; and the trade-off queries from many
 * threads at once.
 *
 * Against exhaustive search on a few hundred seeded random networks: the
 * test enumerates every route of its own virtual graph that enters no node
 * twice (origin included; randnet.c), keeps those within the query's bounds,
 * and sorts them by (objective, time, cost, edges). The library's k routes
 * must have the keys of the first k of them, in order (exactly on networks
 * of small integers, where ties abound; the objective to 1e-9 on real
 * figures), be physically simple, within the bounds, and pairwise distinct
 * in their links and transfers; fewer than k only when fewer exist.
 *
 * By hand: a network whose cheapest route passes a node twice (in two
 * modes), so that fr_network_route() and the alternatives must differ;
 * parallel equal links; the fixture network; bad k; the command line. */
#include "helpers.h"
#include "randnet.h"

#include <math.h>
#include <string.h>

#define TOL 1e-12 /* figures this close (relative) are equal: lib/FORMAT.md §5 */

static bool feq(double a, double b) { return fabs(a - b) <= TOL * fmax(1, fmax(fabs(a), fabs(b))); }
static bool fle(double a, double b) { return a <= b || feq(a, b); }

typedef struct {
    double obj, time, cost;
    int edges;
} key;

static int compare_exact(const void *pa, const void *pb)
{
    const key *a = pa, *b = pb;
    if (a->obj != b->obj)
        return a->obj < b->obj ? -1 : 1;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    return (a->edges > b->edges) - (a->edges < b->edges);
}

typedef struct {
    const rn_query *q;
    double max_time, max_cost; /* for the whole quantity */
    GArray *keys;              /* key: the routes within the bounds */
    int all;                   /* routes, bounds or not */
} gather_ctx;

static void gather(const rn_vgraph *g, const int *edges, int n_edges, void *data)
{
    gather_ctx *c = data;
    double cost, time, co2, dist;
    rn_route_totals(g, edges, n_edges, &cost, &time, &co2, &dist);
    c->all++;
    if (!fle(time, c->max_time) || !fle(cost * c->q->quantity, c->max_cost))
        return;
    key k = {rn_objective(c->q, cost, time, co2, dist), time, cost, n_edges};
    g_array_append_val(c->keys, k);
}

/* ---- checks on one route ------------------------------------------------------ */

typedef struct {
    guint32 seed;
    const rn_net *net;
    const rn_query *q;
    double max_time, max_cost;
    size_t k;
} ctx;

static void dump_context(const ctx *c)
{
    char *extra = g_strdup_printf("k %zu, max_time %.17g, max_cost %.17g", c->k, c->max_time,
                                  c->max_cost);
    rn_print_case(c->seed, c->net, c->q, extra);
    g_free(extra);
}

/* What makes a route itself: its steps ("L:E3 T:N2:rail>sea L:E7:rev"). */
static char *signature(const fr_route *r)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < fr_route_step_count(r); i++) {
        const fr_step *st = fr_route_step(r, i);
        if (st->type == FR_STEP_LINK)
            g_string_append_printf(s, "L:%s ", st->link_id);
        else if (st->type == FR_STEP_TRANSFER)
            g_string_append_printf(s, "T:%s:%s>%s ", st->from_node, fr_mode_name(st->mode),
                                   fr_mode_name(st->to_mode));
    }
    return g_string_free(s, FALSE);
}

/* Checks that the route chains from the origin to the destination, enters
 * no node twice and adds up; returns its key. */
static key route_key(const ctx *c, const fr_route *r)
{
    double qty = c->q->quantity, sc = 0, st = 0;
    int links = 0;
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    const char *at = c->net->nodes[c->q->from].id;
    g_hash_table_add(seen, (gpointer)at);
    for (size_t i = 0; i < fr_route_step_count(r); i++) {
        const fr_step *s = fr_route_step(r, i);
        sc += s->cost_usd, st += s->time_h;
        if (s->type != FR_STEP_LINK)
            continue;
        RN_CHECK(strcmp(s->from_node, at) == 0, "link %s starts at %s, not %s", s->link_id,
              s->from_node, at);
        at = s->to_node;
        RN_CHECK(!g_hash_table_contains(seen, at), "the route enters %s twice", at);
        g_hash_table_add(seen, (gpointer)at);
        links++;
    }
    g_hash_table_destroy(seen);
    RN_CHECK(strcmp(at, c->net->nodes[c->q->to].id) == 0, "route ends at %s", at);
    RN_CHECK(close_rel(fr_route_total_cost_usd(r), sc * qty, 1e-9) &&
              close_rel(fr_route_total_time_h(r), st, 1e-9),
          "totals are not the sums of the steps");
    double cost = fr_route_total_cost_usd(r) / qty, time = fr_route_total_time_h(r);
    key k = {rn_objective(c->q, cost, time, fr_route_total_co2_kg(r) / qty,
                          fr_route_total_distance_km(r)),
             time, cost, 2 * links - 1};
    return k;
}

static bool same_key(const rn_net *net, const key *a, const key *b)
{
    if (net->integer)
        return a->obj == b->obj && a->time == b->time && a->cost == b->cost &&
               a->edges == b->edges;
    return close_rel(a->obj, b->obj, 1e-9);
}

/* ---- random networks -------------------------------------------------------- */

typedef struct {
    int lists, routes, no_route, short_lists, skipped, refined;
} stats;

static void check_list(const ctx *c, const fr_route_list *list, const GArray *want)
{
    size_t expect = MIN(c->k, (size_t)want->len);
    RN_CHECK(fr_route_list_count(list) == expect, "%zu routes, expected %zu of %u",
          fr_route_list_count(list), expect, want->len);
    GHashTable *sigs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < expect; i++) {
        const fr_route *r = fr_route_list_get(list, i);
        key got = route_key(c, r);
        const key *w = &g_array_index(want, key, i);
        RN_CHECK(same_key(c->net, &got, w), "route %zu: (obj %.17g, time %.17g, cost %.17g, %d "
              "edges), expected (%.17g, %.17g, %.17g, %d)", i, got.obj, got.time, got.cost,
              got.edges, w->obj, w->time, w->cost, w->edges);
        RN_CHECK(fle(got.time, c->max_time * (1 + 1e-9)) &&
                  fle(got.cost * c->q->quantity, c->max_cost * (1 + 1e-9)),
              "route %zu breaks the bounds", i);
        char *sig = signature(r);
        RN_CHECK(!g_hash_table_contains(sigs, sig), "route %zu repeats an earlier one: %s", i, sig);
        g_hash_table_add(sigs, sig);
    }
    g_hash_table_destroy(sigs);
}

static void check_alternatives(const ctx *c, const fr_network *fn, const GArray *want,
                               stats *st)
{
    fr_query *fq = rn_make_query(c->net, c->q);
    fr_query_set_max_time(fq, c->max_time);
    fr_query_set_max_cost(fq, c->max_cost);
    GError *err = NULL;
    fr_route_list *list = fr_network_alternatives(fn, fq, c->k, &err);
    fr_query_free(fq);
    if (want->len == 0) {
        RN_CHECK(!list && err && err->code == FR_ERROR_NO_ROUTE, "expected no route, got %s",
              list ? "routes" : err ? err->message : "no error");
        g_error_free(err);
        st->no_route++;
        return;
    }
    RN_CHECK(list && !err, "library: %s; %u routes exist", err ? err->message : "no error",
          want->len);
    check_list(c, list, want);
    st->lists++;
    st->routes += (int)fr_route_list_count(list);
    st->short_lists += c->k > want->len;
    fr_route_list_free(list);
}

/* Does the best route by fr_network_route() enter a node twice? */
static bool best_revisits(const rn_net *net, const fr_network *fn, const rn_query *q)
{
    fr_query *fq = rn_make_query(net, q);
    fr_route *r = fr_network_route(fn, fq, NULL);
    fr_query_free(fq);
    bool revisits = false;
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    g_hash_table_add(seen, (gpointer)net->nodes[q->from].id);
    for (size_t i = 0; r && i < fr_route_step_count(r); i++) {
        const fr_step *s = fr_route_step(r, i);
        if (s->type == FR_STEP_LINK && !g_hash_table_add(seen, (gpointer)s->to_node))
            revisits = true;
    }
    g_hash_table_destroy(seen);
    fr_route_free(r);
    return revisits;
}

static void run_query(guint32 seed, const rn_net *net, const fr_network *fn, const rn_query *q,
                      GRand *rng, stats *st)
{
    rn_vgraph g;
    rn_vgraph_build(&g, net, q);
    for (int j = 0; j < 3; j++) {
        ctx c = {seed, net, q, INFINITY, INFINITY, 1};
        gather_ctx all = {q, INFINITY, INFINITY, g_array_new(FALSE, FALSE, sizeof(key)), 0};
        if (!rn_enumerate_routes(&g, q, true, 300000, gather, &all)) {
            st->skipped++;
            g_array_free(all.keys, TRUE);
            break;
        }
        if (j > 0 && all.keys->len > 0) { /* bounds at a random route's totals */
            const key *k = &g_array_index(all.keys, key,
                                          g_rand_int_range(rng, 0, (gint32)all.keys->len));
            int kind = g_rand_int_range(rng, 1, 4);
            c.max_time = kind & 1 ? k->time : INFINITY;
            c.max_cost = kind & 2 ? k->cost * q->quantity : INFINITY;
        }
        gather_ctx within = {q, c.max_time, c.max_cost, g_array_new(FALSE, FALSE, sizeof(key)),
                             0};
        rn_enumerate_routes(&g, q, true, 300000, gather, &within);
        g_array_sort(within.keys, compare_exact);
        /* k: small, or more than there are */
        c.k = j == 2 ? MIN(within.keys->len + 2, FR_MAX_ALTERNATIVES)
                     : (size_t)g_rand_int_range(rng, 1, 7);
        check_alternatives(&c, fn, within.keys, st);
        g_array_free(all.keys, TRUE);
        g_array_free(within.keys, TRUE);
    }
    st->refined += best_revisits(net, fn, q);
    rn_vgraph_clear(&g);
}

/* A network in two modes, rail and road: node 0 has only rail links, the
 * last node only road links, and modes change only at one or two hubs. The
 * first hub is a dead end, joined to a single node P by a rail and a road
 * link: a route from the first to the last node through it passes P twice,
 * so fr_network_route() often does, and the alternatives must not (the
 * search must refine, and may find no route at all). */
static void add_link(rn_net *net, const char *id, int from, int to, fr_mode mode)
{
    rn_link l = {0};
    g_strlcpy(l.id, id, sizeof l.id);
    l.from = from, l.to = to, l.mode = mode, l.bidirectional = true;
    l.distance_km = l.time_h = l.cost_usd = l.co2_kg = 1;
    l.co2_explicit = true;
    g_array_append_val(net->links, l);
}

static void add_transfers(rn_net *net, int hub)
{
    for (int dir = 0; dir < 2; dir++) {
        rn_transfer t = {hub, dir ? FR_MODE_RAIL : FR_MODE_ROAD,
                         dir ? FR_MODE_ROAD : FR_MODE_RAIL, 1, 1, 0};
        g_array_append_val(net->transfers, t);
    }
}

static void make_hubbed(rn_net *net, GRand *rng)
{
    int last = net->n_nodes - 1;
    int hub = g_rand_int_range(rng, 1, last), p;
    do
        p = g_rand_int_range(rng, 1, last);
    while (p == hub);
    g_array_set_size(net->transfers, 0);
    rn_densify(net, g_rand_int(rng), 2 * net->n_nodes, 0);
    for (guint i = 0; i < net->links->len;) {
        rn_link *l = &g_array_index(net->links, rn_link, i);
        if (l->from == hub || l->to == hub) {
            g_array_remove_index(net->links, i);
            continue;
        }
        l->mode = g_rand_boolean(rng) ? FR_MODE_RAIL : FR_MODE_ROAD;
        if (l->from == 0 || l->to == 0)
            l->mode = FR_MODE_RAIL;
        if (l->from == last || l->to == last)
            l->mode = FR_MODE_ROAD;
        /* keep the figure the old mode gave it, as the CSV will hold it */
        l->co2_kg = round(l->co2_kg * 1000) / 1000;
        l->co2_explicit = true;
        i++;
    }
    add_link(net, "HUB1", p, hub, FR_MODE_RAIL);
    add_link(net, "HUB2", p, hub, FR_MODE_ROAD);
    add_transfers(net, hub);
    int other = g_rand_int_range(rng, 1, last);
    if (other != hub && g_rand_boolean(rng))
        add_transfers(net, other);
}

static void run_seeds(guint32 first, guint32 count, bool integer, bool hubbed, stats *st)
{
    for (guint32 seed = first; seed < first + count; seed++) {
        GRand *rng = g_rand_new_with_seed(seed * 69069u + 3u);
        int n_nodes = g_rand_int_range(rng, 5, 10);
        rn_net *net = rn_generate(seed, n_nodes, integer);
        if (hubbed)
            make_hubbed(net, rng);
        else
            rn_densify(net, seed, g_rand_int_range(rng, 0, 2 * n_nodes), 0.5);
        fr_network *fn = rn_load(net);
        for (int i = 0; i < 4; i++) {
            rn_query q;
            rn_random_query(net, rng, &q);
            if (hubbed && i < 2) { /* first to last, no constraints */
                q.from = 0, q.to = n_nodes - 1, q.modes = FR_MODES_ALL;
                q.avoid_node = -1, q.avoid_country[0] = 0, q.avoid_corridor = 0;
            }
            run_query(seed, net, fn, &q, rng, st);
        }
        fr_network_free(fn);
        rn_free(net);
        g_rand_free(rng);
    }
}

static void report(const char *what, const stats *st, int min_refined)
{
    print_message("%s: %d lists (%d routes, %d shorter than k), %d without a route, %d "
                  "queries whose best route enters a node twice, %d skipped (too many "
                  "routes to enumerate)\n",
                  what, st->lists, st->routes, st->short_lists, st->no_route, st->refined,
                  st->skipped);
    assert_true(st->lists > 1000);
    assert_true(st->routes > 3 * st->lists);
    assert_true(st->short_lists > 100);
    assert_true(st->no_route > 50);
    assert_true(st->refined >= min_refined);
    assert_true(st->skipped * 20 < st->lists);
}

static void test_random_real_figures(void **state)
{
    (void)state;
    stats st = {0};
    run_seeds(1, 250, false, false, &st);
    report("real", &st, 1);
}

static void test_random_integer_ties(void **state)
{
    (void)state;
    stats st = {0};
    run_seeds(40001, 250, true, false, &st);
    report("integer", &st, 1);
}

static void test_random_revisits(void **state)
{
    (void)state;
    stats st = {0};
    run_seeds(50001, 150, false, true, &st);
    run_seeds(60001, 150, true, true, &st);
    report("two modes, one or two hubs", &st, 100);
}

/* ---- by hand ------------------------------------------------------------------ */

/* The cheapest way from O to D rides rail O -> V -> W, changes to road at W
 * (V has no rail-road transfer) and comes back by road through V to D: it
 * passes V twice. Entering no node twice leaves road through X (50 USD)
 * and the sea link (100 USD). */
static fr_network *revisit_network(void)
{
    return load_net_ok("id,name,kind,country,lat,lon\n"
                       "O,O,city,CN,30,100\n"
                       "V,V,junction,CN,31,101\n"
                       "W,W,rail_terminal,CN,32,102\n"
                       "X,X,junction,CN,29,101\n"
                       "D,D,city,CN,31,103\n",
                       "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg\n"
                       "R1,O,V,rail,10,1,1,1\n"
                       "R2,V,W,rail,10,1,1,1\n"
                       "D1,W,V,road,10,1,1,1\n"
                       "D2,V,D,road,10,1,1,1\n"
                       "X1,O,X,road,10,10,20,1\n"
                       "X2,X,D,road,10,10,30,1\n"
                       "S1,O,D,sea,100,100,100,1\n",
                       "node,from_mode,to_mode,time_h,cost_usd\n"
                       "W,rail,road,0,0\n",
                       NULL);
}

/* The lists' link ids, routes separated by " | " (g_free). */
static char *alternative_ids(const fr_network *net, const fr_query *q, size_t k)
{
    GError *err = NULL;
    fr_route_list *list = fr_network_alternatives(net, q, k, &err);
    if (!list) {
        char *message = g_strdup_printf("error %d", err->code);
        g_error_free(err);
        return message;
    }
    GString *ids = g_string_new(NULL);
    for (size_t i = 0; i < fr_route_list_count(list); i++) {
        char *r = route_link_ids(fr_route_list_get(list, i));
        g_string_append_printf(ids, "%s%s", i ? " | " : "", r);
        g_free(r);
    }
    fr_route_list_free(list);
    return g_string_free(ids, FALSE);
}

static void expect_ids(const fr_network *net, const fr_query *q, size_t k, const char *want)
{
    char *what = g_strdup_printf("k = %zu", k);
    expect_text(alternative_ids(net, q, k), want, what);
    g_free(what);
}

static void test_no_node_twice(void **state)
{
    (void)state;
    fr_network *net = revisit_network();
    fr_query *q = fr_query_new("O", "D");
    fr_route *best = route_ok(net, q);
    char *ids = route_link_ids(best);
    assert_string_equal(ids, "R1 R2 D1 D2"); /* 4 USD, through V twice */
    g_free(ids);
    fr_route_free(best);
    expect_ids(net, q, 1, "X1 X2");
    expect_ids(net, q, 5, "X1 X2 | S1");
    fr_query_set_objective(q, FR_OBJECTIVE_CO2); /* 2 kg by X, 1 kg by sea */
    expect_ids(net, q, 2, "S1 | X1 X2");
    fr_query_set_objective(q, FR_OBJECTIVE_COST);
    fr_query_set_max_time(q, 99); /* the sea link takes 100 h */
    expect_ids(net, q, 3, "X1 X2");
    fr_query_set_max_time(q, 19.5);
    expect_ids(net, q, 3, "error 3"); /* FR_ERROR_NO_ROUTE */
    fr_query_free(q);
    fr_network_free(net);
}

static void test_ties_and_fixture(void **state)
{
    (void)state;
    /* two equal road links and a dearer rail one: three distinct routes */
    fr_network *net = load_net_ok("id,name,kind,country,lat,lon\n"
                                  "A,A,city,CN,30,100\n"
                                  "B,B,city,CN,31,101\n",
                                  "id,from,to,mode,distance_km,time_h,cost_usd\n"
                                  "P1,A,B,road,10,5,5\n"
                                  "R,A,B,rail,10,5,7\n"
                                  "P2,A,B,road,10,5,5\n",
                                  NULL, NULL);
    fr_query *q = fr_query_new("A", "B");
    char *got = alternative_ids(net, q, 3);
    assert_true(strcmp(got, "P1 | P2 | R") == 0 || strcmp(got, "P2 | P1 | R") == 0);
    g_free(got);
    fr_query_free(q);
    fr_network_free(net);

    GError *err = NULL;
    net = fr_network_load_dir(FR_TEST_DATA "/small", &err);
    assert_non_null(net);
    q = fr_query_new("CNCKG", "DEDUI");
    expect_ids(net, q, 1, "YZ1 SEA1 RD1");
    expect_ids(net, q, 2, "YZ1 SEA1 RD1 | YX1 YX2");
    expect_ids(net, q, FR_MAX_ALTERNATIVES, "YZ1 SEA1 RD1 | YX1 YX2");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    expect_ids(net, q, 2, "YX1 YX2 | YZ1 SEA1 RD1");
    fr_query_free(q);
    fr_network_free(net);
}

static void alternatives_fail(const fr_network *net, const fr_query *q, size_t k, int code,
                              const char *where)
{
    GError *err = NULL;
    assert_null(fr_network_alternatives(net, q, k, &err));
    check_error(err, code, where, NULL);
    g_error_free(err);
}

static void test_bad_queries(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *net = fr_network_load_dir(FR_TEST_DATA "/small", &err);
    assert_non_null(net);
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    alternatives_fail(net, q, 0, FR_ERROR_QUERY, "from 1 to");
    alternatives_fail(net, q, FR_MAX_ALTERNATIVES + 1, FR_ERROR_QUERY, "from 1 to");
    alternatives_fail(net, q, (size_t)-1, FR_ERROR_QUERY, "from 1 to");
    fr_query_set_max_cost(q, -1);
    alternatives_fail(net, q, 2, FR_ERROR_QUERY, "cost bound");
    fr_query_free(q);
    q = fr_query_new("CNCKG", "NOWHERE");
    alternatives_fail(net, q, 2, FR_ERROR_QUERY, "NOWHERE");
    fr_query_free(q);
    q = fr_query_new("CNCKG", "ISOLA");
    alternatives_fail(net, q, 2, FR_ERROR_NO_ROUTE, NULL);
    fr_query_free(q);
    q = fr_query_new("CNCKG", "DEDUI");
    fr_query_avoid_node(q, "KZKHO");
    fr_query_avoid_node(q, "NLRTM");
    alternatives_fail(net, q, 2, FR_ERROR_NO_ROUTE, NULL);
    fr_query_free(q);
    fr_network_free(net);
}

#define SMALL FR_TEST_DATA "/small"

static void test_cli(void **state)
{
    (void)state;
    run_result r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to",
                               "DEDUI", "--alternatives", "3", "--verbose", NULL);
    expect_exit(&r, 0, "--alternatives text");
    assert_non_null(strstr(r.out, "Route 2"));
    assert_non_null(strstr(r.out, "transfer at Shanghai"));
    run_free(&r);
    r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                    "-k", "2", "--format", "geojson", NULL);
    expect_exit(&r, 0, "--alternatives geojson");
    assert_non_null(strstr(r.out, "\"route\": 1, \"type\": \"link\", \"link\": \"YX2\""));
    run_free(&r);
    const char *usage[] = {"0", "-1", "1001", "abc", "2.5", "", "99999999999999999999"};
    for (size_t i = 0; i < G_N_ELEMENTS(usage); i++) {
        r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                        "--alternatives", usage[i], NULL);
        expect_exit(&r, 2, usage[i]);
        run_free(&r);
    }
    r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to", "ISOLA",
                    "--alternatives", "2", NULL);
    expect_exit(&r, 3, "--alternatives to an isolated node");
    run_free(&r);
    r = run_program(FR_ROUTE_EXE, "--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                    "--alternatives", "2", "--avoid", "NOWHERE", NULL);
    expect_exit(&r, 1, "--alternatives avoiding an unknown node");
    run_free(&r);
}

/* ---- many threads ------------------------------------------------------------ */

#define N_THREADS 8
#define N_QUERIES 60

typedef struct {
    rn_query q;
    fr_criterion crit[3];
    size_t n_crit, k;
    double max_time, max_cost;
} tq;

/* Every answer to a query as text: the front, the alternatives, the bounded
 * route (link ids and totals, bit for bit), or the error codes. */
static char *answer(const fr_network *fn, const rn_net *net, const tq *t)
{
    GString *s = g_string_new(NULL);
    fr_query *fq = rn_make_query(net, &t->q);
    fr_query_set_max_time(fq, t->max_time);
    fr_query_set_max_cost(fq, t->max_cost);
    GError *err = NULL;
    fr_route_list *lists[2] = {fr_network_pareto(fn, fq, t->crit, t->n_crit, NULL, &err), NULL};
    g_string_append_printf(s, "%d;", err ? err->code : -1);
    g_clear_error(&err);
    lists[1] = fr_network_alternatives(fn, fq, t->k, &err);
    g_string_append_printf(s, "%d;", err ? err->code : -1);
    g_clear_error(&err);
    for (int l = 0; l < 2; l++) {
        char *json = lists[l] ? fr_route_list_to_json(lists[l]) : g_strdup("-");
        g_string_append_printf(s, "%s;", json);
        g_free(json);
        fr_route_list_free(lists[l]);
    }
    fr_route *r = fr_network_route(fn, fq, &err);
    g_string_append_printf(s, "%d;%a", err ? err->code : -1, r ? fr_route_total_cost_usd(r) : 0);
    if (r) {
        char *text = fr_route_to_text(r);
        g_string_append(s, text);
        g_free(text);
    }
    g_clear_error(&err);
    fr_route_free(r);
    fr_query_free(fq);
    return g_string_free(s, FALSE);
}

typedef struct {
    const fr_network *fn;
    const rn_net *net;
    const tq *queries;
    char **expected;
    int thread, mismatches;
} worker;

static gpointer work(gpointer data)
{
    worker *w = data;
    for (int i = 0; i < N_QUERIES; i++) {
        int j = (i * 7 + w->thread * 13) % N_QUERIES; /* each thread its own order */
        char *got = answer(w->fn, w->net, &w->queries[j]);
        w->mismatches += strcmp(got, w->expected[j]) != 0;
        g_free(got);
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    rn_net *net = rn_generate(777, 12, false);
    rn_densify(net, 777, 12, 0.5);
    fr_network *fn = rn_load(net);
    GRand *rng = g_rand_new_with_seed(778);
    tq queries[N_QUERIES];
    char *expected[N_QUERIES];
    for (int i = 0; i < N_QUERIES; i++) {
        tq *t = &queries[i];
        rn_random_query(net, rng, &t->q);
        t->n_crit = (size_t)g_rand_int_range(rng, 2, 4);
        fr_criterion order[3] = {FR_CRITERION_TIME, FR_CRITERION_CO2, FR_CRITERION_COST};
        memcpy(t->crit, order, sizeof order);
        t->k = (size_t)g_rand_int_range(rng, 1, 8);
        t->max_time = i % 3 == 0 ? g_rand_double_range(rng, 50, 800) : INFINITY;
        t->max_cost = i % 4 == 0 ? g_rand_double_range(rng, 500, 20000) : INFINITY;
        expected[i] = answer(fn, net, t);
    }
    worker workers[N_THREADS];
    GThread *threads[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        workers[i] = (worker){fn, net, queries, expected, i, 0};
        threads[i] = g_thread_new("query", work, &workers[i]);
    }
    int mismatches = 0;
    for (int i = 0; i < N_THREADS; i++) {
        g_thread_join(threads[i]);
        mismatches += workers[i].mismatches;
    }
    for (int i = 0; i < N_QUERIES; i++)
        g_free(expected[i]);
    g_rand_free(rng);
    fr_network_free(fn);
    rn_free(net);
    assert_int_equal(mismatches, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_node_twice),
        cmocka_unit_test(test_ties_and_fixture),
        cmocka_unit_test(test_bad_queries),
        cmocka_unit_test(test_cli),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_random_real_figures),
        cmocka_unit_test(test_random_integer_ties),
        cmocka_unit_test(test_random_revisits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
