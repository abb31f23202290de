/* test_ch_matrix.c - fr_network_matrix() on a prepared contraction
 * hierarchy (lib/search/ch_many.c, the bucket method) against
 * fr_network_route(), pair by pair.
 *
 * Random networks (tests/randnet.c: real figures, and small integers full
 * of ties; parallel links, transfers, unreachable pairs), prepared with
 * contraction hierarchies for every objective they support. For each
 * objective, every origin x destination (with repeated ids), routes kept
 * and not, 1 and 3 threads:
 * - the hierarchy answered (white box: ch_many.h's counters);
 * - every cell equals fr_network_route() on the same prepared network to
 *   the bit (status, cost, time, co2, distance, transfers, objective) and
 *   a kept route has its steps;
 * - every cell equals fr_network_route() on an unprepared copy (plain
 *   Dijkstra, an independent search): same status, and the key's figures
 *   (objective, time, cost) equal within key.h's tolerance. Co2 and
 *   distance may differ where two routes tie on the key: fr_network_route()
 *   itself then differs between the prepared and the unprepared network.
 *   How many cells are equal to the bit is counted; on networks of real
 *   figures every cell must be.
 * - the matrices of 1 and 3 threads, routes kept or not, are the same.
 * Grids of equal links (every pair tied many ways) the same way.
 * Queries the hierarchy cannot answer (modes, avoided places, bounds, the
 * generalized objective, an explicit algorithm) do not use it and equal
 * the matrix of the unprepared network. A cancelled query fails with
 * FR_ERROR_CANCELLED, before any search or part-way.
 *
 * ch_many.h directly: one workspace answering rows of several bucket
 * sets in turn (filled by 1 to 3 threads) gives fr_ch_route()'s keys (to
 * the bit) and paths; a cancelled cancellable gives no buckets. Blocks of
 * rows at once (fr_ch_many_rows(), 1, 3 and 40 origins, repeated ones and
 * one that is a destination), on a tied grid and on random figures, give
 * fr_ch_route()'s keys and the sums of its paths, to the bit; a cancelled
 * call stops.
 *
 * FR_TEST_QUICK=1 (the ThreadSanitizer stage) runs fewer networks. */
#include "helpers.h"
#include "randnet.h"

#include "ch_many.h"
#include "network.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

static const fr_objective objectives[] = {FR_OBJECTIVE_COST, FR_OBJECTIVE_TIME, FR_OBJECTIVE_CO2,
                                          FR_OBJECTIVE_DISTANCE};

static bool quick(void)
{
    const char *q = g_getenv("FR_TEST_QUICK");
    return q && *q && strcmp(q, "0") != 0;
}

/* ---- what a failure prints -------------------------------------------------------- */

typedef struct {
    guint32 seed;
    const rn_net *net; /* NULL: not a random network */
    fr_objective objective;
    const char *what;
} ctx;

static void dump_context(const ctx *c)
{
    char *extra = g_strdup_printf("hierarchy matrix, objective %d: %s", c->objective, c->what);
    if (c->net) {
        rn_query q = {.from = 0, .to = 0, .objective = c->objective, .quantity = 1,
                      .modes = FR_MODES_ALL, .avoid_node = -1};
        rn_print_case(c->seed, c->net, &q, extra);
    } else {
        print_message("%s\n", extra);
    }
    g_free(extra);
}

typedef struct {
    long cells, routes, no_route, same_node, kept, plain_exact, plain_routes;
} stats;

/* ---- comparing --------------------------------------------------------------------- */

static bool same_steps(const fr_route *a, const fr_route *b)
{
    if (fr_route_step_count(a) != fr_route_step_count(b))
        return false;
    for (size_t k = 0; k < fr_route_step_count(a); k++) {
        const fr_step *x = fr_route_step(a, k), *y = fr_route_step(b, k);
        if (x->type != y->type || strcmp(x->link_id, y->link_id) != 0 ||
            strcmp(x->from_node, y->from_node) != 0 || strcmp(x->to_node, y->to_node) != 0 ||
            x->mode != y->mode || x->to_mode != y->to_mode || x->cost_usd != y->cost_usd ||
            x->time_h != y->time_h || x->co2_kg != y->co2_kg || x->distance_km != y->distance_km)
            return false;
    }
    return true;
}

static void cell_figures(const fr_matrix *m, size_t i, size_t j, double out[5])
{
    out[0] = fr_matrix_cost_usd(m, i, j);
    out[1] = fr_matrix_time_h(m, i, j);
    out[2] = fr_matrix_co2_kg(m, i, j);
    out[3] = fr_matrix_distance_km(m, i, j);
    out[4] = fr_matrix_objective_value(m, i, j);
}

static void route_figures(const fr_route *r, double out[5])
{
    out[0] = fr_route_total_cost_usd(r);
    out[1] = fr_route_total_time_h(r);
    out[2] = fr_route_total_co2_kg(r);
    out[3] = fr_route_total_distance_km(r);
    out[4] = fr_route_objective_value(r);
}

static bool same_bits(const double *a, const double *b, size_t n)
{
    return memcmp(a, b, n * sizeof *a) == 0;
}

/* fr_network_route() for cell (i, j) on net; NULL when it finds none (any
 * other error fails the test). */
static fr_route *route_of(const ctx *c, const fr_network *net, const fr_query *template,
                          const fr_matrix *m, size_t i, size_t j)
{
    fr_query *q = fr_query_copy(template);
    fr_query_set_endpoints(q, fr_matrix_origin(m, i), fr_matrix_destination(m, j));
    GError *err = NULL;
    fr_route *r = fr_network_route(net, q, &err);
    fr_query_free(q);
    RN_CHECK(r || (err && err->code == FR_ERROR_NO_ROUTE), "%s -> %s: fr_network_route: %s",
             fr_matrix_origin(m, i), fr_matrix_destination(m, j),
             err ? err->message : "no error");
    g_clear_error(&err);
    return r;
}

/* Cell (i, j) against fr_network_route() on the prepared network (to the
 * bit) and on the unprepared one (the key). */
static void check_cell(const ctx *c, const fr_network *prepared, const fr_network *plain,
                       const fr_query *template, const fr_matrix *m, size_t i, size_t j,
                       stats *st)
{
    const char *o = fr_matrix_origin(m, i), *d = fr_matrix_destination(m, j);
    fr_cell_status status = fr_matrix_status(m, i, j);
    st->cells++;
    if (strcmp(o, d) == 0) {
        RN_CHECK(status == FR_CELL_SAME_NODE && fr_matrix_cost_usd(m, i, j) == 0 &&
                     fr_matrix_objective_value(m, i, j) == 0 && !fr_matrix_route(m, i, j),
                 "%s -> %s: status %d, expected same_node", o, d, status);
        st->same_node++;
        return;
    }
    fr_route *want = route_of(c, prepared, template, m, i, j);
    fr_route *ref = route_of(c, plain, template, m, i, j);
    RN_CHECK(!want == !ref, "%s -> %s: prepared and unprepared routes disagree on existence", o,
             d);
    if (!want) {
        RN_CHECK(status == FR_CELL_NO_ROUTE && isnan(fr_matrix_cost_usd(m, i, j)) &&
                     !fr_matrix_route(m, i, j),
                 "%s -> %s: no route, but the cell has status %d", o, d, status);
        st->no_route++;
        return;
    }
    RN_CHECK(status == FR_CELL_ROUTE, "%s -> %s: a route, but the cell has status %d", o, d,
             status);
    double got[5], exact[5], plain_fig[5];
    cell_figures(m, i, j, got);
    route_figures(want, exact);
    route_figures(ref, plain_fig);
    for (int k = 0; k < 5; k++)
        RN_CHECK(got[k] == exact[k] || (isnan(got[k]) && isnan(exact[k])),
                 "%s -> %s: figure %d is %.17g, fr_network_route (prepared) %.17g", o, d, k,
                 got[k], exact[k]);
    RN_CHECK(fr_matrix_transfer_count(m, i, j) == fr_route_transfer_count(want),
             "%s -> %s: %zu transfers, route %zu", o, d, fr_matrix_transfer_count(m, i, j),
             fr_route_transfer_count(want));
    /* the unprepared network's route: the same key (cost, time, objective) */
    const int key_figures[] = {0, 1, 4};
    for (size_t k = 0; k < G_N_ELEMENTS(key_figures); k++)
        RN_CHECK(fr_compare_figure(got[key_figures[k]], plain_fig[key_figures[k]]) == 0,
                 "%s -> %s: figure %d is %.17g, fr_network_route (unprepared) %.17g", o, d,
                 key_figures[k], got[key_figures[k]], plain_fig[key_figures[k]]);
    st->plain_routes++;
    st->plain_exact += same_bits(got, plain_fig, 5) &&
                       fr_matrix_transfer_count(m, i, j) == fr_route_transfer_count(ref);
    const fr_route *kept = fr_matrix_route(m, i, j);
    if (kept) {
        RN_CHECK(same_steps(kept, want), "%s -> %s: kept route differs from fr_network_route's",
                 o, d);
        st->kept++;
    }
    st->routes++;
    fr_route_free(want);
    fr_route_free(ref);
}

/* The same cells, bit for bit (and the same routes where both kept them). */
static void check_identical(const ctx *c, const fr_matrix *a, const fr_matrix *b,
                            const char *what)
{
    RN_CHECK(fr_matrix_origin_count(a) == fr_matrix_origin_count(b) &&
                 fr_matrix_destination_count(a) == fr_matrix_destination_count(b),
             "%s: sizes differ", what);
    for (size_t i = 0; i < fr_matrix_origin_count(a); i++)
        for (size_t j = 0; j < fr_matrix_destination_count(a); j++) {
            double x[5], y[5];
            cell_figures(a, i, j, x);
            cell_figures(b, i, j, y);
            const fr_route *ra = fr_matrix_route(a, i, j), *rb = fr_matrix_route(b, i, j);
            RN_CHECK(fr_matrix_status(a, i, j) == fr_matrix_status(b, i, j) && same_bits(x, y, 5) &&
                         fr_matrix_transfer_count(a, i, j) == fr_matrix_transfer_count(b, i, j) &&
                         (!ra || !rb || same_steps(ra, rb)),
                     "cell (%zu, %zu) differs: %s", i, j, what);
        }
}

/* The matrix, having checked whether the hierarchy answered it. */
static fr_matrix *matrix_ok(const ctx *c, const fr_network *net, const fr_query *q,
                            const char *const *ids, size_t n_o, size_t n_d, unsigned threads,
                            bool keep, bool hierarchy)
{
    fr_ch_many_counters before, after;
    fr_ch_many_get_counters(&before);
    fr_matrix_options options = {.threads = threads, .keep_routes = keep};
    GError *err = NULL;
    fr_matrix *m = fr_network_matrix(net, q, ids, n_o, ids + n_o, n_d, &options, &err);
    RN_CHECK(m, "fr_network_matrix: %s", err ? err->message : "no error");
    fr_ch_many_get_counters(&after);
    RN_CHECK((after.builds > before.builds) == hierarchy,
             "the hierarchy %s, expected %s (%u threads)",
             after.builds > before.builds ? "answered" : "did not answer",
             hierarchy ? "it to" : "not", threads);
    return m;
}

/* ids: n_o origins then n_d destinations. */
static void check_objective(const ctx *c, const fr_network *prepared, const fr_network *plain,
                            const fr_query *q, const char *const *ids, size_t n_o, size_t n_d,
                            stats *st)
{
    fr_matrix *m = matrix_ok(c, prepared, q, ids, n_o, n_d, 1, true, true);
    for (size_t i = 0; i < n_o; i++)
        for (size_t j = 0; j < n_d; j++)
            check_cell(c, prepared, plain, q, m, i, j, st);
    fr_matrix *bare = matrix_ok(c, prepared, q, ids, n_o, n_d, 1, false, true);
    check_identical(c, m, bare, "routes kept or not");
    fr_matrix *three = matrix_ok(c, prepared, q, ids, n_o, n_d, 3, true, true);
    check_identical(c, m, three, "1 or 3 threads");
    fr_matrix_free(three);
    fr_matrix_free(bare);
    fr_matrix_free(m);
}

static void prepare_ok(fr_network *net)
{
    for (size_t o = 0; o < G_N_ELEMENTS(objectives); o++) {
        GError *err = NULL;
        if (!fr_network_prepare(net, objectives[o], FR_PREPARE_CH, &err))
            fail_msg("fr_network_prepare: %s", err ? err->message : "no error");
    }
}

/* Every node, then random repeats, as origins; every node in another order
 * as destinations (n_o and n_d set). */
static const char **random_lists(const rn_net *net, GRand *rng, size_t *n_o, size_t *n_d)
{
    int n = net->n_nodes, extra = g_rand_int_range(rng, 0, 4);
    const char **ids = g_new(const char *, 2 * (size_t)n + (size_t)extra);
    for (int v = 0; v < n; v++)
        ids[v] = net->nodes[v].id;
    for (int k = 0; k < extra; k++)
        ids[n + k] = net->nodes[g_rand_int_range(rng, 0, n)].id;
    for (int v = 0; v < n; v++)
        ids[n + extra + v] = net->nodes[(v * 7 + 3) % n].id;
    if (n % 7 == 0) /* (v * 7 + 3) % n is not a permutation then */
        for (int v = 0; v < n; v++)
            ids[n + extra + v] = net->nodes[n - 1 - v].id;
    *n_o = (size_t)(n + extra);
    *n_d = (size_t)n;
    return ids;
}

static void run_random(guint32 first, int count, bool integer, stats *st)
{
    for (int i = 0; i < count; i++) {
        guint32 seed = first + (guint32)i;
        GRand *rng = g_rand_new_with_seed(seed * 2654435761u + 11u);
        int n_nodes = g_rand_int_range(rng, 3, 25);
        rn_net *net = rn_generate(seed, n_nodes, integer);
        if (i % 2 == 0)
            rn_densify(net, seed, g_rand_int_range(rng, 0, 2 * n_nodes), 0.5);
        fr_network *prepared = rn_load(net), *plain = rn_load(net);
        prepare_ok(prepared);
        size_t n_o, n_d;
        const char **ids = random_lists(net, rng, &n_o, &n_d);
        for (size_t o = 0; o < G_N_ELEMENTS(objectives); o++) {
            ctx cx = {seed, net, objectives[o], "random network"}, *c = &cx;
            (void)c;
            fr_query *q = fr_query_new(NULL, NULL);
            fr_query_set_objective(q, objectives[o]);
            if (g_rand_boolean(rng))
                fr_query_set_quantity(q, g_rand_double_range(rng, 0.5, 40));
            check_objective(&cx, prepared, plain, q, ids, n_o, n_d, st);
            fr_query_free(q);
        }
        g_free(ids);
        fr_network_free(prepared);
        fr_network_free(plain);
        rn_free(net);
        g_rand_free(rng);
    }
}

/* Prints the cells' counts and the bucket pairs since `before`; returns
 * the counters' growth since then. */
static fr_ch_many_counters report(const char *what, const stats *st,
                                  const fr_ch_many_counters *before)
{
    fr_ch_many_counters now;
    fr_ch_many_get_counters(&now);
    fr_ch_many_counters since = {.pairs = now.pairs - before->pairs,
                                 .tie_pairs = now.tie_pairs - before->tie_pairs};
    print_message("%s: %ld cells: %ld routes (%ld kept; %ld equal to the unprepared network's "
                  "route to the bit), %ld without a route, %ld same-node\n",
                  what, st->cells, st->routes, st->kept, st->plain_exact, st->no_route,
                  st->same_node);
    print_message("%s: %" G_GUINT64_FORMAT " pairs from the buckets, %" G_GUINT64_FORMAT
                  " of them tied (answered by fr_ch_route)\n",
                  what, since.pairs, since.tie_pairs);
    return since;
}

static void test_random_real_figures(void **state)
{
    (void)state;
    fr_ch_many_counters before;
    fr_ch_many_get_counters(&before);
    stats st = {0};
    run_random(1, quick() ? 12 : 150, false, &st);
    report("real figures", &st, &before);
    assert_true(st.routes > (quick() ? 300 : 5000));
    assert_true(st.no_route > (quick() ? 10 : 200));
    assert_true(st.kept == st.routes);
    assert_int_equal(st.plain_exact, st.plain_routes); /* no ties but identical copies */
}

static void test_random_integer_ties(void **state)
{
    (void)state;
    fr_ch_many_counters before;
    fr_ch_many_get_counters(&before);
    stats st = {0};
    run_random(70001, quick() ? 12 : 150, true, &st);
    fr_ch_many_counters since = report("integer figures", &st, &before);
    assert_true(st.routes > (quick() ? 300 : 5000));
    assert_true(since.tie_pairs > 0); /* the ties' way is tested */
    assert_true(since.pairs > 2 * since.tie_pairs);
}

/* ---- grids full of ties ------------------------------------------------------------ */

/* tie_grid_network() (helpers.h) with a rail link and transfers at every
 * 5th node; *ids (when ids != NULL), 2 n^2 node ids: the origins in order,
 * then the destinations reversed (interned: never freed). */
static fr_network *grid_network(int n, int spread, guint32 seed, const char ***ids)
{
    if (ids) {
        *ids = g_new(const char *, 2 * (size_t)(n * n));
        for (int id = 0; id < n * n; id++) {
            char name[16];
            g_snprintf(name, sizeof name, "G%d", id);
            (*ids)[id] = (*ids)[n * n + (n * n - 1 - id)] = g_intern_string(name);
        }
    }
    return tie_grid_network(n, spread, 5, seed);
}

static void test_grid_ties(void **state)
{
    (void)state;
    const int sizes[][2] = {{7, 1}, {9, 2}, {12, 3}};
    stats st = {0};
    fr_ch_many_counters before;
    fr_ch_many_get_counters(&before);
    for (size_t g = 0; g < G_N_ELEMENTS(sizes) - quick(); g++) {
        const char **ids;
        int n = sizes[g][0];
        fr_network *prepared = grid_network(n, sizes[g][1], 5 + (guint32)g, &ids);
        fr_network *plain = grid_network(n, sizes[g][1], 5 + (guint32)g, NULL);
        prepare_ok(prepared);
        for (size_t o = 0; o < G_N_ELEMENTS(objectives); o++) {
            ctx cx = {0, NULL, objectives[o], "grid"};
            fr_query *q = fr_query_new(NULL, NULL);
            fr_query_set_objective(q, objectives[o]);
            check_objective(&cx, prepared, plain, q, ids, (size_t)(n * n), (size_t)(n * n), &st);
            fr_query_free(q);
        }
        g_free(ids);
        fr_network_free(prepared);
        fr_network_free(plain);
    }
    assert_true(report("grids", &st, &before).tie_pairs > 100);
}

/* ---- queries the hierarchy does not answer ----------------------------------------------- */

typedef enum { Q_MODES, Q_AVOID_NODE, Q_AVOID_COUNTRY, Q_BOUND, Q_GENERALIZED, Q_DIJKSTRA,
               Q_UNPREPARED_OBJECTIVE, Q_AVOID_NOWHERE, Q_KINDS } query_kind;

/* A query of `kind` on net (lists: every node the query does not avoid).
 * Q_AVOID_NOWHERE avoids a country without nodes: the query is not
 * restricted, and the hierarchy answers it as it answers its routes. */
static fr_query *unanswerable_query(const rn_net *net, query_kind kind, const char **ids,
                                    size_t *n)
{
    fr_query *q = fr_query_new(NULL, NULL);
    fr_query_set_objective(q, kind == Q_UNPREPARED_OBJECTIVE ? FR_OBJECTIVE_TIME
                              : kind == Q_GENERALIZED        ? FR_OBJECTIVE_GENERALIZED
                                                             : FR_OBJECTIVE_COST);
    int skip = -1;
    const char *country = NULL;
    switch (kind) {
    case Q_MODES: fr_query_set_modes(q, FR_MODE_BIT(FR_MODE_ROAD) | FR_MODE_BIT(FR_MODE_RAIL) |
                                            FR_MODE_BIT(FR_MODE_SEA)); break;
    case Q_AVOID_NODE:
        skip = net->n_nodes - 1;
        fr_query_avoid_node(q, net->nodes[skip].id);
        break;
    case Q_AVOID_COUNTRY:
        country = net->nodes[net->n_nodes - 1].country;
        fr_query_avoid_country(q, country);
        break;
    case Q_AVOID_NOWHERE: fr_query_avoid_country(q, "ZZ"); break;
    case Q_BOUND: fr_query_set_max_time(q, 1e6); break;
    case Q_GENERALIZED: fr_query_set_value_of_time(q, 3); break;
    case Q_DIJKSTRA: fr_query_set_algorithm(q, FR_ALGORITHM_DIJKSTRA); break;
    default: break;
    }
    *n = 0;
    for (int v = 0; v < net->n_nodes; v++)
        if (v != skip && !(country && strcmp(net->nodes[v].country, country) == 0))
            ids[(*n)++] = net->nodes[v].id;
    memcpy(ids + *n, ids, *n * sizeof *ids);
    return q;
}

static void test_unanswerable_queries(void **state)
{
    (void)state;
    int answered = 0;
    for (guint32 seed = 300; seed < (quick() ? 304u : 330u); seed++) {
        rn_net *net = rn_generate(seed, 6 + (int)seed % 12, seed % 2);
        rn_densify(net, seed, net->n_nodes, 0.5);
        fr_network *prepared = rn_load(net), *plain = rn_load(net);
        GError *err = NULL; /* only cost: the time objective stays unprepared */
        assert_true(fr_network_prepare(prepared, FR_OBJECTIVE_COST, FR_PREPARE_CH, &err));
        const char **ids = g_new(const char *, 2 * (size_t)net->n_nodes);
        for (int kind = 0; kind < Q_KINDS; kind++) {
            size_t n;
            fr_query *q = unanswerable_query(net, (query_kind)kind, ids, &n);
            if (n == 0) { /* every node in the avoided country */
                fr_query_free(q);
                continue;
            }
            ctx cx = {seed, net, FR_OBJECTIVE_COST, "a query the hierarchy cannot answer"},
                *c = &cx;
            (void)c;
            fr_matrix *m = matrix_ok(&cx, prepared, q, ids, n, n, 2, true, kind == Q_AVOID_NOWHERE);
            fr_matrix *ref = matrix_ok(&cx, plain, q, ids, n, n, 1, true, false);
            if (kind != Q_AVOID_NOWHERE) {
                check_identical(&cx, m, ref, "prepared and unprepared network");
                answered++;
            }
            fr_matrix_free(m);
            fr_matrix_free(ref);
            fr_query_free(q);
        }
        g_free(ids);
        fr_network_free(prepared);
        fr_network_free(plain);
        rn_free(net);
    }
    assert_true(answered >= 4 * (Q_KINDS - 2));
}

/* ---- cancellation ---------------------------------------------------------------------------- */

static void cancel_on_progress(double fraction, void *data)
{
    if (fraction > 0)
        g_cancellable_cancel(data);
}

static void expect_cancelled(const fr_matrix *m, GError *err, const char *what)
{
    if (m || !err || err->domain != FR_ERROR || err->code != FR_ERROR_CANCELLED)
        fail_msg("%s: expected FR_ERROR_CANCELLED, got %s", what,
                 m ? "a matrix" : err ? err->message : "no error");
    g_error_free(err);
}

static void test_cancelled(void **state)
{
    (void)state;
    const char **ids;
    const size_t n = 20 * 20;
    fr_network *net = grid_network(20, 5, 9, &ids);
    prepare_ok(net);
    fr_query *q = fr_query_new(NULL, NULL);
    GCancellable *cancel = g_cancellable_new();
    fr_query_set_cancellable(q, cancel);
    fr_ch_many_counters before, after;
    /* a cancellable cancelled before the call: no search at all */
    g_cancellable_cancel(cancel);
    fr_ch_many_get_counters(&before);
    for (unsigned threads = 1; threads <= 2; threads++) {
        fr_matrix_options options = {.threads = threads, .keep_routes = threads == 2};
        GError *err = NULL;
        fr_matrix *m = fr_network_matrix(net, q, ids, n, ids + n, n, &options, &err);
        expect_cancelled(m, err, "cancelled before the call");
    }
    fr_ch_many_get_counters(&after);
    assert_true(after.builds == before.builds && after.rows == before.rows);
    /* part-way, from the query's progress callback (one thread: rows report it) */
    g_cancellable_reset(cancel);
    fr_query_set_progress(q, cancel_on_progress, cancel);
    fr_ch_many_get_counters(&before);
    fr_matrix_options one = {.threads = 1};
    GError *err = NULL;
    fr_matrix *m = fr_network_matrix(net, q, ids, n, ids + n, n, &one, &err);
    expect_cancelled(m, err, "cancelled part-way");
    fr_ch_many_get_counters(&after);
    assert_true(after.builds == before.builds + 1); /* the buckets were built */
    assert_true(after.rows > before.rows && after.rows - before.rows < n);
    /* not cancelled: the matrix */
    g_cancellable_reset(cancel);
    fr_query_set_progress(q, NULL, NULL);
    m = fr_network_matrix(net, q, ids, n, ids + n, n, &one, &err);
    assert_non_null(m);
    fr_matrix_free(m);
    g_object_unref(cancel);
    fr_query_free(q);
    g_free(ids);
    fr_network_free(net);
}

/* ---- ch_many.h directly: one workspace for several bucket sets --------------------- */

static bool same_sums(const fr_path_sums *a, const fr_path_sums *b)
{
    return same_bits(&a->cost, &b->cost, 1) && same_bits(&a->time, &b->time, 1) &&
           same_bits(&a->co2, &b->co2, 1) && same_bits(&a->distance, &b->distance, 1) &&
           a->transfers == b->transfers;
}

static void test_workspace_reused(void **state)
{
    (void)state;
    const char **ids;
    fr_network *net = grid_network(8, 3, 21, &ids);
    prepare_ok(net);
    const fr_ch *ch = net->prepared[FR_OBJECTIVE_TIME].ch;
    const fr_vgraph *g = &net->vgraph;
    fr_ch_many_ws *ws = fr_ch_many_ws_new();
    fr_ch_workspace *cws = fr_ch_workspace_new();
    GArray *want = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (uint32_t round = 0; round < 6; round++) {
        uint32_t dests[5];
        for (uint32_t k = 0; k < 5; k++)
            dests[k] = (round * 11 + k * 13) % 64;
        /* often at a freed one's address; filled by 1, 2 or 3 threads */
        fr_ch_many *m = fr_ch_many_new(ch, g, dests, 5, 1 + round % 3, NULL);
        assert_non_null(m);
        bool reached[5];
        fr_key keys[5];
        GArray *paths[5];
        for (uint32_t k = 0; k < 5; k++)
            paths[k] = g_array_new(FALSE, FALSE, sizeof(uint32_t));
        for (uint32_t origin = 0; origin < 64; origin += 3) {
            for (uint32_t k = 0; k < 5; k++)
                g_array_set_size(paths[k], 0);
            /* sums alone (from the forward prefixes), then paths and sums */
            fr_path_sums alone[5], sums[5];
            bool reached_alone[5];
            fr_key keys_alone[5];
            fr_ch_many_row(m, ws, origin, reached_alone, keys_alone, NULL, alone);
            fr_ch_many_row(m, ws, origin, reached, keys, paths, sums);
            uint32_t sources[FR_MODE_COUNT], targets[FR_MODE_COUNT];
            uint32_t n_s = fr_node_states(g, origin, true, sources);
            for (uint32_t k = 0; k < 5; k++) {
                if (dests[k] == origin) {
                    assert_false(reached[k] || reached_alone[k]); /* no route O -> O */
                    continue;
                }
                uint32_t n_t = fr_node_states(g, dests[k], false, targets);
                g_array_set_size(want, 0);
                fr_key key;
                assert_true(reached[k]);
                assert_true(fr_ch_route(ch, cws, sources, n_s, targets, n_t, &key, want));
                assert_true(keys[k].obj == key.obj && keys[k].time == key.time &&
                            keys[k].cost == key.cost && keys[k].edges == key.edges);
                assert_int_equal(paths[k]->len, want->len);
                assert_memory_equal(paths[k]->data, want->data, want->len * sizeof(uint32_t));
                /* the sums are the path's, edge by edge in order, to the bit */
                fr_path_sums expect = {0};
                for (guint e = 0; e < want->len; e++)
                    fr_path_sums_add(&expect, g, g_array_index(want, uint32_t, e));
                assert_true(reached_alone[k]);
                assert_true(keys_alone[k].obj == key.obj && keys_alone[k].time == key.time &&
                            keys_alone[k].cost == key.cost && keys_alone[k].edges == key.edges);
                assert_true(same_sums(&sums[k], &expect) && same_sums(&alone[k], &expect));
            }
        }
        for (uint32_t k = 0; k < 5; k++)
            g_array_free(paths[k], TRUE);
        fr_ch_many_free(m);
    }
    /* a cancelled cancellable: no buckets, whatever the threads */
    GCancellable *cancel = g_cancellable_new();
    g_cancellable_cancel(cancel);
    uint32_t all[64];
    for (uint32_t k = 0; k < 64; k++)
        all[k] = k;
    for (unsigned threads = 1; threads <= 3; threads++)
        assert_null(fr_ch_many_new(ch, g, all, 64, threads, cancel));
    g_object_unref(cancel);
    g_array_free(want, TRUE);
    fr_ch_workspace_free(cws);
    fr_ch_many_ws_free(ws);
    fr_ch_many_free(NULL);
    fr_ch_many_ws_free(NULL);
    g_free(ids);
    fr_network_free(net);
}

/* fr_ch_many_rows(): blocks of origins (repeated ones, one that is a
 * destination) on a tied grid and on a real-figure one, each row against
 * fr_ch_route() and its path's sums edge by edge (to the bit); keys
 * alone; a cancelled call stops. */
static void check_rows(const fr_ch *ch, const fr_vgraph *g, const fr_ch_many *m,
                       fr_ch_many_ws *ws, fr_ch_workspace *cws, const uint32_t *dests,
                       uint32_t n_dests, const uint32_t *origins, uint32_t n)
{
    size_t cells = (size_t)n * n_dests;
    bool *reached = g_new(bool, cells), *reached_keys = g_new(bool, cells);
    fr_key *keys = g_new(fr_key, cells), *keys_alone = g_new(fr_key, cells);
    fr_path_sums *sums = g_new(fr_path_sums, cells);
    assert_true(fr_ch_many_rows(m, ws, origins, n, reached, keys, sums, NULL));
    assert_true(fr_ch_many_rows(m, ws, origins, n, reached_keys, keys_alone, NULL, NULL));
    GArray *want = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (uint32_t b = 0; b < n; b++) {
        uint32_t sources[FR_MODE_COUNT], targets[FR_MODE_COUNT];
        uint32_t n_s = fr_node_states(g, origins[b], true, sources);
        for (uint32_t k = 0; k < n_dests; k++) {
            size_t at = (size_t)b * n_dests + k;
            uint32_t n_t = fr_node_states(g, dests[k], false, targets);
            g_array_set_size(want, 0);
            fr_key key;
            bool found = dests[k] != origins[b] &&
                         fr_ch_route(ch, cws, sources, n_s, targets, n_t, &key, want);
            assert_int_equal(reached[at], found);
            assert_int_equal(reached_keys[at], found);
            if (!found)
                continue;
            fr_path_sums expect = {0};
            for (guint e = 0; e < want->len; e++)
                fr_path_sums_add(&expect, g, g_array_index(want, uint32_t, e));
            assert_true(same_sums(&sums[at], &expect));
            for (int alone = 0; alone < 2; alone++) {
                const fr_key *got = alone ? &keys_alone[at] : &keys[at];
                assert_true(got->obj == key.obj && got->time == key.time &&
                            got->cost == key.cost && got->edges == key.edges);
            }
        }
    }
    g_array_free(want, TRUE);
    g_free(reached);
    g_free(reached_keys);
    g_free(keys);
    g_free(keys_alone);
    g_free(sums);
}

static void test_rows_at_once(void **state)
{
    (void)state;
    fr_ch_many_ws *ws = fr_ch_many_ws_new();
    fr_ch_workspace *cws = fr_ch_workspace_new();
    for (int grid = 0; grid < 2; grid++) {
        /* a grid of equal links (ties everywhere) and one of random figures */
        fr_network *net = grid ? grid_network(9, 2, 33, NULL) : NULL;
        if (!net) {
            rn_net *rn = rn_generate(7, 40, false);
            net = rn_load(rn);
            rn_free(rn);
        }
        prepare_ok(net);
        const fr_ch *ch = net->prepared[FR_OBJECTIVE_TIME].ch;
        const fr_vgraph *g = &net->vgraph;
        uint32_t n_nodes = net->model.nodes->len, dests[12], origins[40];
        for (uint32_t k = 0; k < 12; k++)
            dests[k] = (k * 7 + 3) % n_nodes;
        for (uint32_t b = 0; b < 40; b++) /* repeats, and dests[0] among them */
            origins[b] = (b * 5) % n_nodes;
        origins[17] = dests[0];
        fr_ch_many *m = fr_ch_many_new(ch, g, dests, 12, 2, NULL);
        assert_non_null(m);
        const uint32_t blocks[] = {1, 3, 40};
        for (size_t i = 0; i < G_N_ELEMENTS(blocks); i++)
            for (uint32_t b = 0; b < 40; b += blocks[i])
                check_rows(ch, g, m, ws, cws, dests, 12, origins + b, MIN(blocks[i], 40 - b));
        /* a cancelled call stops before its first origin */
        GCancellable *cancellable = g_cancellable_new();
        g_cancellable_cancel(cancellable);
        fr_cancel cancel;
        fr_cancel_init(&cancel, cancellable, NULL, NULL);
        bool reached[12];
        fr_key keys[12];
        assert_false(fr_ch_many_rows(m, ws, origins, 1, reached, keys, NULL, &cancel));
        g_object_unref(cancellable);
        fr_ch_many_free(m);
        fr_network_free(net);
    }
    fr_ch_workspace_free(cws);
    fr_ch_many_ws_free(ws);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workspace_reused),
        cmocka_unit_test(test_rows_at_once),
        cmocka_unit_test(test_cancelled),
        cmocka_unit_test(test_unanswerable_queries),
        cmocka_unit_test(test_grid_ties),
        cmocka_unit_test(test_random_real_figures),
        cmocka_unit_test(test_random_integer_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
