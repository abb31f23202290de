/* test_matrix.c - fr_network_matrix() (origin-destination matrices).
 *
 * Against fr_network_route(), pair by pair, on a few hundred seeded random
 * networks (randnet.c; real figures and small integers with many ties):
 * every objective, random constraints (modes, an avoided node, country or
 * corridor), bounds on time and cost in a third of the queries, and random
 * origin and destination lists with repeated ids and pairs of one node. A
 * cell must have the route's status and totals (to 1e-9 relative; the
 * totals are in fact expected to the bit), and its kept route the same
 * steps. Threads 1, 2 and 8 must give the same matrix bit for bit.
 *
 * By hand: the fixture network tests/data/small (its routes are computed
 * in its README), the embedded network pair by pair for every objective,
 * the errors (unknown, avoided, empty, bad figures: the same messages as
 * fr_network_route()), a network of one node, progress reports, the CSV and
 * JSON renderings. */
#include "helpers.h"
#include "minijson.h"
#include "randnet.h"

#include <math.h>
#include <string.h>

#define SMALL FR_TEST_DATA "/small"

/* ---- comparing a matrix with fr_network_route() ------------------------------ */

typedef struct {
    guint32 seed;
    const rn_net *net;
    const rn_query *q;
    char *extra; /* the lists, bounds and options, for failure reports */
} ctx;

static void dump_context(const ctx *c)
{
    if (c->net)
        rn_print_case(c->seed, c->net, c->q, c->extra);
    else
        print_message("%s\n", c->extra);
}

typedef struct {
    long routes, no_route, same_node, bounded, exact, kept, errors_compared;
} stats;

static bool same_steps(const fr_route *a, const fr_route *b)
{
    if (fr_route_step_count(a) != fr_route_step_count(b) ||
        strcmp(fr_route_from(a), fr_route_from(b)) != 0 || strcmp(fr_route_to(a), fr_route_to(b)) != 0)
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

/* Cell (i, j) against fr_network_route() for its pair. */
static void check_cell(const ctx *c, const fr_network *fn, const fr_query *template,
                       const fr_matrix *m, size_t i, size_t j, stats *st)
{
    const char *o = fr_matrix_origin(m, i), *d = fr_matrix_destination(m, j);
    fr_cell_status status = fr_matrix_status(m, i, j);
    if (strcmp(o, d) == 0) {
        RN_CHECK(status == FR_CELL_SAME_NODE && fr_matrix_cost_usd(m, i, j) == 0 &&
                     fr_matrix_time_h(m, i, j) == 0 && fr_matrix_objective_value(m, i, j) == 0 &&
                     !fr_matrix_route(m, i, j),
                 "%s -> %s: status %d, expected same_node with zero totals", o, d, status);
        st->same_node++;
        return;
    }
    fr_query *q = fr_query_copy(template);
    fr_query_set_endpoints(q, o, d);
    GError *err = NULL;
    fr_route *r = fr_network_route(fn, q, &err);
    fr_query_free(q);
    if (!r) {
        RN_CHECK(err && err->code == FR_ERROR_NO_ROUTE, "%s -> %s: fr_network_route: %s", o, d,
                 err ? err->message : "no error");
        g_error_free(err);
        RN_CHECK(status == FR_CELL_NO_ROUTE && isnan(fr_matrix_cost_usd(m, i, j)) &&
                     !fr_matrix_route(m, i, j),
                 "%s -> %s: no route, but the cell has status %d", o, d, status);
        st->no_route++;
        return;
    }
    const double got[] = {fr_matrix_cost_usd(m, i, j), fr_matrix_time_h(m, i, j),
                          fr_matrix_co2_kg(m, i, j), fr_matrix_distance_km(m, i, j),
                          fr_matrix_objective_value(m, i, j)};
    const double want[] = {fr_route_total_cost_usd(r), fr_route_total_time_h(r),
                           fr_route_total_co2_kg(r), fr_route_total_distance_km(r),
                           fr_route_objective_value(r)};
    RN_CHECK(status == FR_CELL_ROUTE, "%s -> %s: a route, but the cell has status %d", o, d,
             status);
    bool exact = true;
    for (size_t k = 0; k < G_N_ELEMENTS(got); k++) {
        RN_CHECK(close_rel(got[k], want[k], 1e-9), "%s -> %s: figure %zu is %.17g, route %.17g",
                 o, d, k, got[k], want[k]);
        exact = exact && got[k] == want[k];
    }
    RN_CHECK(fr_matrix_transfer_count(m, i, j) == fr_route_transfer_count(r),
             "%s -> %s: %zu transfers, route %zu", o, d, fr_matrix_transfer_count(m, i, j),
             fr_route_transfer_count(r));
    const fr_route *kept = fr_matrix_route(m, i, j);
    if (kept) {
        RN_CHECK(same_steps(kept, r), "%s -> %s: kept route differs from fr_network_route's", o,
                 d);
        st->kept++;
    }
    st->exact += exact;
    st->routes++;
    fr_route_free(r);
}

/* The two matrices hold the same cells, bit for bit, and the same routes. */
static void check_identical(const ctx *c, const fr_matrix *a, const fr_matrix *b, unsigned threads)
{
    for (size_t i = 0; i < fr_matrix_origin_count(a); i++)
        for (size_t j = 0; j < fr_matrix_destination_count(a); j++) {
            const double x[] = {fr_matrix_cost_usd(a, i, j), fr_matrix_time_h(a, i, j),
                                fr_matrix_co2_kg(a, i, j), fr_matrix_distance_km(a, i, j),
                                fr_matrix_objective_value(a, i, j)};
            const double y[] = {fr_matrix_cost_usd(b, i, j), fr_matrix_time_h(b, i, j),
                                fr_matrix_co2_kg(b, i, j), fr_matrix_distance_km(b, i, j),
                                fr_matrix_objective_value(b, i, j)};
            const fr_route *ra = fr_matrix_route(a, i, j), *rb = fr_matrix_route(b, i, j);
            RN_CHECK(fr_matrix_status(a, i, j) == fr_matrix_status(b, i, j) &&
                         memcmp(x, y, sizeof x) == 0 &&
                         fr_matrix_transfer_count(a, i, j) == fr_matrix_transfer_count(b, i, j) &&
                         !ra == !rb && (!ra || same_steps(ra, rb)),
                     "cell (%zu, %zu) differs between 1 and %u threads", i, j, threads);
        }
}

/* ---- random networks ----------------------------------------------------------- */

/* A list of 1 to 6 ids of nodes the query does not avoid (repeats likely). */
static GPtrArray *random_ids(GRand *rng, const rn_net *net, const rn_query *q)
{
    GPtrArray *allowed = g_ptr_array_new(), *ids = g_ptr_array_new();
    for (int v = 0; v < net->n_nodes; v++)
        if (rn_node_allowed(net, q, v))
            g_ptr_array_add(allowed, (gpointer)net->nodes[v].id);
    int n = g_rand_int_range(rng, 1, 7);
    for (int k = 0; k < n && allowed->len; k++)
        g_ptr_array_add(ids, allowed->pdata[g_rand_int_range(rng, 0, (gint32)allowed->len)]);
    g_ptr_array_free(allowed, TRUE);
    return ids;
}

/* Bounds in a third of the queries: at, below or above the totals of the
 * route between the query's own endpoints, so that they bind. */
static void random_bounds(GRand *rng, const fr_network *fn, fr_query *fq, double bounds[2],
                          stats *st)
{
    bounds[0] = bounds[1] = INFINITY;
    if (g_rand_int_range(rng, 0, 3) != 0)
        return;
    fr_route *r = fr_network_route(fn, fq, NULL);
    double time = r ? fr_route_total_time_h(r) : g_rand_double_range(rng, 10, 500);
    double cost = r ? fr_route_total_cost_usd(r) : g_rand_double_range(rng, 100, 5000);
    fr_route_free(r);
    const double factors[] = {1.0, 0.9, 1.1, 0.5, 2.0};
    int kind = g_rand_int_range(rng, 1, 4);
    if (kind & 1)
        bounds[0] = time * factors[g_rand_int_range(rng, 0, 5)];
    if (kind & 2)
        bounds[1] = cost * factors[g_rand_int_range(rng, 0, 5)];
    fr_query_set_max_time(fq, bounds[0]);
    fr_query_set_max_cost(fq, bounds[1]);
    st->bounded++;
}

static char *describe_lists(const GPtrArray *from, const GPtrArray *to, const double bounds[2],
                            bool keep)
{
    GString *s = g_string_new("origins");
    for (guint k = 0; k < from->len; k++)
        g_string_append_printf(s, " %s", (const char *)from->pdata[k]);
    g_string_append(s, ", destinations");
    for (guint k = 0; k < to->len; k++)
        g_string_append_printf(s, " %s", (const char *)to->pdata[k]);
    g_string_append_printf(s, ", max_time %.17g, max_cost %.17g, routes %s", bounds[0],
                           bounds[1], keep ? "kept" : "not kept");
    return g_string_free(s, FALSE);
}

static void check_random_query(guint32 seed, GRand *rng, const rn_net *net, const fr_network *fn,
                               stats *st)
{
    rn_query q;
    rn_random_query(net, rng, &q);
    fr_query *fq = rn_make_query(net, &q);
    double bounds[2];
    random_bounds(rng, fn, fq, bounds, st);
    GPtrArray *from = random_ids(rng, net, &q), *to = random_ids(rng, net, &q);
    fr_matrix_options options = {.threads = 1, .keep_routes = g_rand_boolean(rng)};
    ctx cx = {seed, net, &q, describe_lists(from, to, bounds, options.keep_routes)}, *c = &cx;
    GError *err = NULL;
    fr_matrix *m = fr_network_matrix(fn, fq, (const char *const *)from->pdata, from->len,
                                     (const char *const *)to->pdata, to->len, &options, &err);
    RN_CHECK(m, "fr_network_matrix: %s", err ? err->message : "no error");
    for (size_t i = 0; i < from->len; i++)
        for (size_t j = 0; j < to->len; j++)
            check_cell(c, fn, fq, m, i, j, st);
    const unsigned threads[] = {2, 8};
    for (size_t t = 0; t < G_N_ELEMENTS(threads); t++) {
        options.threads = threads[t];
        fr_matrix *other = fr_network_matrix(fn, fq, (const char *const *)from->pdata, from->len,
                                             (const char *const *)to->pdata, to->len, &options,
                                             NULL);
        RN_CHECK(other, "no matrix with %u threads", threads[t]);
        check_identical(c, m, other, threads[t]);
        fr_matrix_free(other);
    }
    fr_matrix_free(m);
    g_free(cx.extra);
    g_ptr_array_free(from, TRUE);
    g_ptr_array_free(to, TRUE);
    fr_query_free(fq);
}

static void run_seeds(guint32 first, guint32 count, bool integer, stats *st)
{
    for (guint32 seed = first; seed < first + count; seed++) {
        GRand *rng = g_rand_new_with_seed(seed * 2654435761u + 7u);
        int n_nodes = g_rand_int_range(rng, 3, 11);
        rn_net *net = rn_generate(seed, n_nodes, integer);
        rn_densify(net, seed, g_rand_int_range(rng, 0, 2 * n_nodes), 0.5);
        fr_network *fn = rn_load(net);
        for (int k = 0; k < 3; k++)
            check_random_query(seed, rng, net, fn, st);
        fr_network_free(fn);
        rn_free(net);
        g_rand_free(rng);
    }
}

static void report(const char *what, const stats *st)
{
    print_message("%s: %ld route cells (%ld to the bit, %ld with kept routes), %ld without a "
                  "route, %ld same-node, %ld bounded queries\n",
                  what, st->routes, st->exact, st->kept, st->no_route, st->same_node,
                  st->bounded);
    assert_true(st->routes > 2000);
    assert_true(st->no_route > 200);
    assert_true(st->same_node > 200);
    assert_true(st->kept > 500);
    assert_true(st->bounded > 100);
    assert_int_equal(st->exact, st->routes);
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
    run_seeds(50001, 200, true, &st);
    report("integer", &st);
}

/* ---- by hand ------------------------------------------------------------------ */

static fr_network *load_ok(const char *dir)
{
    GError *err = NULL;
    fr_network *net = dir ? fr_network_load_dir(dir, &err) : fr_network_load_default(&err);
    if (!net)
        fail_msg("cannot load %s: %s", dir ? dir : "the embedded network", err->message);
    return net;
}

static fr_matrix *matrix_ok(const fr_network *net, const fr_query *q, const char *const *from,
                            size_t n_from, const char *const *to, size_t n_to,
                            const fr_matrix_options *options)
{
    GError *err = NULL;
    fr_matrix *m = fr_network_matrix(net, q, from, n_from, to, n_to, options, &err);
    if (!m)
        fail_msg("fr_network_matrix: %s", err ? err->message : "no error set");
    return m;
}

/* tests/data/small: CNCKG -> DEDUI by sea (cheapest): 3070 USD, 1081 h,
 * 2454.6 kg, 22130 km, 2 transfers; by rail (fastest): 6150 USD, 362 h,
 * 2420 kg, 11000 km. ISOLA has no links. */
static const char *const fixture_from[] = {"CNCKG", "DEDUI"};
static const char *const fixture_to[] = {"DEDUI", "ISOLA", "CNCKG"};

static void test_fixture_cells(void **state)
{
    (void)state;
    fr_network *net = load_ok(SMALL);
    fr_query *q = fr_query_new(NULL, NULL);
    fr_matrix *m = matrix_ok(net, q, fixture_from, 2, fixture_to, 3, NULL);
    assert_int_equal(fr_matrix_origin_count(m), 2);
    assert_int_equal(fr_matrix_destination_count(m), 3);
    assert_string_equal(fr_matrix_origin(m, 1), "DEDUI");
    assert_string_equal(fr_matrix_destination(m, 2), "CNCKG");
    assert_int_equal(fr_matrix_status(m, 0, 0), FR_CELL_ROUTE);
    assert_close(fr_matrix_cost_usd(m, 0, 0), 3070);
    assert_close(fr_matrix_time_h(m, 0, 0), 1081);
    assert_close(fr_matrix_co2_kg(m, 0, 0), 2454.6);
    assert_close(fr_matrix_distance_km(m, 0, 0), 22130);
    assert_close(fr_matrix_objective_value(m, 0, 0), 3070);
    assert_int_equal(fr_matrix_transfer_count(m, 0, 0), 2);
    assert_null(fr_matrix_route(m, 0, 0)); /* not kept */
    assert_int_equal(fr_matrix_status(m, 0, 1), FR_CELL_NO_ROUTE);
    assert_true(isnan(fr_matrix_cost_usd(m, 0, 1)) && isnan(fr_matrix_objective_value(m, 0, 1)));
    assert_int_equal(fr_matrix_status(m, 0, 2), FR_CELL_SAME_NODE);
    assert_true(fr_matrix_cost_usd(m, 0, 2) == 0 && fr_matrix_distance_km(m, 0, 2) == 0);
    assert_int_equal(fr_matrix_status(m, 1, 2), FR_CELL_ROUTE); /* the reverse links */
    assert_close(fr_matrix_cost_usd(m, 1, 2), 3070);
    /* out of range */
    assert_int_equal(fr_matrix_status(m, 2, 0), FR_CELL_NO_ROUTE);
    assert_true(isnan(fr_matrix_time_h(m, 0, 3)));
    assert_null(fr_matrix_origin(m, 2));
    assert_null(fr_matrix_destination(m, 3));
    assert_null(fr_matrix_route(m, 5, 5));
    fr_matrix_free(m);
    fr_matrix_free(NULL);

    /* fastest, 2 TEU: cost and CO2 for the whole quantity, time and distance not */
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_query_set_quantity(q, 2);
    fr_matrix_options keep = {.threads = 2, .keep_routes = true};
    m = matrix_ok(net, q, fixture_from, 1, fixture_to, 1, &keep);
    assert_close(fr_matrix_cost_usd(m, 0, 0), 12300);
    assert_close(fr_matrix_time_h(m, 0, 0), 362);
    assert_close(fr_matrix_co2_kg(m, 0, 0), 4840);
    assert_close(fr_matrix_distance_km(m, 0, 0), 11000);
    assert_close(fr_matrix_objective_value(m, 0, 0), 362);
    assert_int_equal(fr_matrix_transfer_count(m, 0, 0), 0);
    const fr_route *r = fr_matrix_route(m, 0, 0);
    assert_non_null(r);
    expect_text(route_link_ids(r), "YX1 YX2", "kept route");
    assert_string_equal(fr_route_from(r), "CNCKG");
    assert_string_equal(fr_route_to(r), "DEDUI");
    fr_matrix_free(m);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_fixture_bounds(void **state)
{
    (void)state;
    fr_network *net = load_ok(SMALL);
    fr_query *q = fr_query_new(NULL, NULL);
    fr_query_set_max_time(q, 500); /* the sea route takes 1081 h: rail instead */
    fr_matrix *m = matrix_ok(net, q, fixture_from, 2, fixture_to, 3, NULL);
    assert_close(fr_matrix_cost_usd(m, 0, 0), 6150);
    assert_close(fr_matrix_cost_usd(m, 1, 2), 6150);
    assert_int_equal(fr_matrix_status(m, 0, 1), FR_CELL_NO_ROUTE);
    assert_int_equal(fr_matrix_status(m, 1, 0), FR_CELL_SAME_NODE);
    fr_matrix_free(m);
    fr_query_set_max_time(q, 300); /* nothing within 300 h */
    m = matrix_ok(net, q, fixture_from, 2, fixture_to, 3, NULL);
    assert_int_equal(fr_matrix_status(m, 0, 0), FR_CELL_NO_ROUTE);
    assert_int_equal(fr_matrix_status(m, 1, 2), FR_CELL_NO_ROUTE);
    fr_matrix_free(m);
    fr_query_free(q);
    fr_network_free(net);
}

/* Every pair of the embedded network, for every objective, as fr_network_route(). */
static void test_embedded_network(void **state)
{
    (void)state;
    fr_network *net = load_ok(NULL);
    GPtrArray *ids = g_ptr_array_new();
    fr_node_info node;
    for (size_t i = 0; fr_network_node(net, i, &node); i++)
        g_ptr_array_add(ids, (gpointer)node.id);
    stats st = {0};
    for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
        fr_query *q = fr_query_new(NULL, NULL);
        fr_query_set_objective(q, (fr_objective)o);
        fr_query_set_quantity(q, 3);
        fr_query_set_value_of_time(q, 5);
        fr_query_set_carbon_price(q, 0.1);
        fr_matrix_options options = {.threads = 0, .keep_routes = o == FR_OBJECTIVE_GENERALIZED};
        fr_matrix *m = matrix_ok(net, q, (const char *const *)ids->pdata, ids->len,
                                 (const char *const *)ids->pdata, ids->len, &options);
        char *extra = g_strdup_printf("the embedded network, objective %s",
                                      fr_objective_name((fr_objective)o));
        ctx cx = {0, NULL, NULL, extra};
        for (size_t i = 0; i < ids->len; i++)
            for (size_t j = 0; j < ids->len; j++)
                check_cell(&cx, net, q, m, i, j, &st);
        g_free(extra);
        fr_matrix_free(m);
        fr_query_free(q);
    }
    print_message("embedded network: %ld route cells (%ld to the bit), %ld without a route, %ld "
                  "same-node\n", st.routes, st.exact, st.no_route, st.same_node);
    assert_true(st.routes > 10000);
    assert_int_equal(st.exact, st.routes);
    g_ptr_array_free(ids, TRUE);
    fr_network_free(net);
}

/* ---- errors ----------------------------------------------------------------------- */

static void expect_matrix_error(const fr_network *net, const fr_query *q, const char *const *from,
                                size_t n_from, const char *const *to, size_t n_to,
                                const char *want)
{
    GError *err = NULL;
    fr_matrix *m = fr_network_matrix(net, q, from, n_from, to, n_to, NULL, &err);
    if (m) {
        fr_matrix_free(m);
        fail_msg("expected an error naming '%s', got a matrix", want);
    }
    check_error(err, FR_ERROR_QUERY, want, NULL);
    g_error_free(err);
}

static void test_unknown_and_empty(void **state)
{
    (void)state;
    fr_network *net = load_ok(SMALL);
    fr_query *q = fr_query_new(NULL, NULL);
    const char *const good[] = {"CNCKG", "DEDUI"}, *const bad[] = {"CNCKG", "NOWHERE"};
    expect_matrix_error(net, q, bad, 2, good, 2, "unknown origin node 'NOWHERE'");
    expect_matrix_error(net, q, good, 2, bad, 2, "unknown destination node 'NOWHERE'");
    const char *const none[] = {"CNCKG", NULL};
    expect_matrix_error(net, q, none, 2, good, 2, "unknown origin node '(none)'");
    expect_matrix_error(net, q, good, 0, good, 2, "at least one origin and one destination");
    expect_matrix_error(net, q, good, 2, good, 0, "at least one origin and one destination");
    expect_matrix_error(net, q, NULL, 2, good, 2, "at least one origin");
    GError *err = NULL;
    assert_null(fr_network_matrix(NULL, q, good, 2, good, 2, NULL, &err));
    check_error(err, FR_ERROR_QUERY, NULL, NULL);
    g_clear_error(&err);
    assert_null(fr_network_matrix(net, NULL, good, 2, good, 2, NULL, &err));
    check_error(err, FR_ERROR_QUERY, NULL, NULL);
    g_clear_error(&err);
    assert_null(fr_network_matrix(net, q, bad, 2, good, 2, NULL, NULL)); /* no GError wanted */
    fr_query_free(q);
    fr_network_free(net);
}

static void test_avoided_endpoints(void **state)
{
    (void)state;
    fr_network *net = load_ok(SMALL);
    const char *const from[] = {"CNCKG", "KZKHO"}, *const to[] = {"DEDUI", "NLRTM"};
    fr_query *q = fr_query_new(NULL, NULL);
    fr_query_avoid_node(q, "KZKHO");
    expect_matrix_error(net, q, from, 2, to, 2, "the origin 'KZKHO' (KZ) is avoided by the query");
    expect_matrix_error(net, q, from + 1, 1, to, 2, "the origin 'KZKHO' (KZ) is avoided");
    expect_matrix_error(net, q, to, 2, from, 2, "the destination 'KZKHO' (KZ) is avoided");
    expect_matrix_error(net, q, from + 1, 1, from + 1, 1, "the origin 'KZKHO' (KZ) is avoided");
    fr_query_free(q);
    q = fr_query_new(NULL, NULL);
    fr_query_avoid_country(q, "NL");
    expect_matrix_error(net, q, from, 2, to, 2, "the destination 'NLRTM' (NL) is avoided");
    /* the same message as fr_network_route() for that pair */
    fr_query_set_endpoints(q, "CNCKG", "NLRTM");
    GError *err = NULL;
    assert_null(fr_network_route(net, q, &err));
    check_error(err, FR_ERROR_QUERY, "the destination 'NLRTM' (NL) is avoided by the query", NULL);
    g_clear_error(&err);
    fr_query_free(q);
    fr_network_free(net);
}

typedef void (*spoil_fn)(fr_query *q);
static void bad_objective(fr_query *q) { fr_query_set_objective(q, (fr_objective)99); }
static void zero_quantity(fr_query *q) { fr_query_set_quantity(q, 0); }
static void nan_quantity(fr_query *q) { fr_query_set_quantity(q, NAN); }
static void bad_value_of_time(fr_query *q) { fr_query_set_value_of_time(q, -1); }
static void no_modes(fr_query *q) { fr_query_set_modes(q, 0); }
static void bad_time_bound(fr_query *q) { fr_query_set_max_time(q, -1); }
static void unknown_avoided(fr_query *q) { fr_query_avoid_node(q, "NOWHERE"); }
static void bad_country(fr_query *q) { fr_query_avoid_country(q, "kz"); }
static void unknown_corridor(fr_query *q) { fr_query_avoid_corridor(q, "Nonexistent"); }

/* A query that cannot be answered gets fr_network_route()'s message, also
 * when every listed id is one node (all cells same_node otherwise). */
static void test_impossible_queries(void **state)
{
    (void)state;
    const spoil_fn spoil[] = {bad_objective, zero_quantity, nan_quantity, bad_value_of_time,
                              no_modes, bad_time_bound, unknown_avoided, bad_country,
                              unknown_corridor};
    fr_network *net = load_ok(SMALL);
    const char *const from[] = {"CNCKG", "DEDUI"}, *const to[] = {"DEDUI", "CNSHA"};
    for (size_t k = 0; k < G_N_ELEMENTS(spoil); k++) {
        fr_query *q = fr_query_new("CNCKG", "DEDUI");
        spoil[k](q);
        GError *route_err = NULL;
        assert_null(fr_network_route(net, q, &route_err));
        assert_non_null(route_err);
        expect_matrix_error(net, q, from, 2, to, 2, route_err->message);
        expect_matrix_error(net, q, from, 1, from, 1, route_err->message); /* CNCKG only */
        g_error_free(route_err);
        fr_query_free(q);
    }
    fr_query *q = fr_query_new(NULL, NULL);
    fr_matrix *m = matrix_ok(net, q, from, 1, from, 1, NULL);
    assert_int_equal(fr_matrix_status(m, 0, 0), FR_CELL_SAME_NODE);
    fr_matrix_free(m);
    fr_query_free(q);
    fr_network_free(net);
}

/* A network of one node: no links, every cell same_node; bad figures and
 * the avoided node are still errors. */
static void test_one_node_network(void **state)
{
    (void)state;
    fr_network *net = load_net_ok("id,name,kind,country,lat,lon\nSOLO,Solo,city,CN,30,100\n",
                                  "id,from,to,mode,distance_km,time_h,cost_usd\n", NULL, NULL);
    const char *const ids[] = {"SOLO", "SOLO"};
    fr_query *q = fr_query_new(NULL, NULL);
    fr_matrix *m = matrix_ok(net, q, ids, 2, ids, 1, NULL);
    assert_int_equal(fr_matrix_status(m, 1, 0), FR_CELL_SAME_NODE);
    fr_matrix_free(m);
    fr_query_set_quantity(q, -2);
    expect_matrix_error(net, q, ids, 2, ids, 2, "quantity");
    fr_query_set_quantity(q, 1);
    fr_query_avoid_country(q, "CN");
    expect_matrix_error(net, q, ids, 2, ids, 2, "the origin 'SOLO' (CN) is avoided");
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- progress and threads ---------------------------------------------------------- */

typedef struct {
    GArray *done; /* size_t */
    size_t total;
    GThread *thread;
    bool wrong_thread, wrong_total;
} progress_log;

static void log_progress(size_t done, size_t total, void *data)
{
    progress_log *log = data;
    g_array_append_val(log->done, done);
    log->wrong_total = log->wrong_total || total != log->total;
    log->wrong_thread = log->wrong_thread || g_thread_self() != log->thread;
}

static void test_progress(void **state)
{
    (void)state;
    fr_network *net = load_ok(NULL);
    GPtrArray *ids = g_ptr_array_new();
    fr_node_info node;
    for (size_t i = 0; fr_network_node(net, i, &node); i++)
        g_ptr_array_add(ids, (gpointer)node.id);
    fr_query *q = fr_query_new(NULL, NULL);
    const unsigned threads[] = {1, 3, 0};
    for (size_t t = 0; t < G_N_ELEMENTS(threads); t++) {
        progress_log log = {g_array_new(FALSE, FALSE, sizeof(size_t)), ids->len, g_thread_self(),
                            false, false};
        fr_matrix_options options = {threads[t], false, log_progress, &log};
        fr_matrix *m = matrix_ok(net, q, (const char *const *)ids->pdata, ids->len,
                                 (const char *const *)ids->pdata, 3, &options);
        size_t n = log.done->len;
        assert_true(n >= 2);
        assert_false(log.wrong_total);
        assert_false(log.wrong_thread);
        assert_int_equal(g_array_index(log.done, size_t, 0), 0);
        assert_int_equal(g_array_index(log.done, size_t, n - 1), ids->len);
        for (size_t k = 1; k < n; k++)
            assert_true(g_array_index(log.done, size_t, k) >= g_array_index(log.done, size_t, k - 1));
        for (size_t k = 0; k + 1 < n; k++) /* the total is reported once, at the end */
            assert_true(g_array_index(log.done, size_t, k) < ids->len);
        g_array_free(log.done, TRUE);
        fr_matrix_free(m);
    }
    fr_query_free(q);
    g_ptr_array_free(ids, TRUE);
    fr_network_free(net);
}

/* ---- renderings ---------------------------------------------------------------------- */

static void test_csv(void **state)
{
    (void)state;
    fr_network *net = load_ok(SMALL);
    fr_query *q = fr_query_new(NULL, NULL);
    fr_matrix *m = matrix_ok(net, q, fixture_from, 2, fixture_to, 3, NULL);
    expect_text(fr_matrix_to_csv(m),
                "origin,destination,status,cost_usd,time_h,co2_kg,distance_km,transfers,objective\n"
                "CNCKG,DEDUI,route,3070,1081,2454.6,22130,2,3070\n"
                "CNCKG,ISOLA,no_route,,,,,,\n"
                "CNCKG,CNCKG,same_node,,,,,,\n"
                "DEDUI,DEDUI,same_node,,,,,,\n"
                "DEDUI,ISOLA,no_route,,,,,,\n"
                "DEDUI,CNCKG,route,3070,1081,2454.6,22130,2,3070\n",
                "CSV");
    fr_matrix_free(m);
    fr_matrix_options keep = {.threads = 1, .keep_routes = true};
    m = matrix_ok(net, q, fixture_from, 2, fixture_to, 1, &keep);
    expect_text(fr_matrix_to_csv(m),
                "origin,destination,status,cost_usd,time_h,co2_kg,distance_km,transfers,objective,"
                "links\n"
                "CNCKG,DEDUI,route,3070,1081,2454.6,22130,2,3070,YZ1 SEA1 RD1\n"
                "DEDUI,DEDUI,same_node,,,,,,,\n",
                "CSV with links");
    fr_matrix_free(m);
    fr_query_free(q);
    fr_network_free(net);
}

static mj_value *parse_json(char *text)
{
    char *perr = NULL;
    mj_value *v = mj_parse(text, &perr);
    if (!v)
        fail_msg("not JSON (%s): %.300s", perr, text);
    g_free(text);
    return v;
}

static void test_json(void **state)
{
    (void)state;
    fr_network *net = load_ok(SMALL);
    fr_query *q = fr_query_new(NULL, NULL);
    fr_query_set_quantity(q, 2);
    fr_matrix_options keep = {.threads = 2, .keep_routes = true};
    fr_matrix *m = matrix_ok(net, q, fixture_from, 2, fixture_to, 3, &keep);
    mj_value *v = parse_json(fr_matrix_to_json(m));
    assert_string_equal(mj_get(v, "objective")->string, "cost");
    assert_true(mj_get(v, "quantity_teu")->number == 2);
    assert_int_equal(mj_len(mj_get(v, "origins")), 2);
    assert_string_equal(mj_at(mj_get(v, "destinations"), 1)->string, "ISOLA");
    const mj_value *cells = mj_get(v, "cells");
    assert_int_equal(mj_len(cells), 2);
    assert_int_equal(mj_len(mj_at(cells, 1)), 3);
    const mj_value *cell = mj_at(mj_at(cells, 0), 0);
    assert_string_equal(mj_get(cell, "status")->string, "route");
    assert_close(mj_get(cell, "cost_usd")->number, 6140);
    assert_close(mj_get(cell, "co2_kg")->number, 4909.2);
    assert_close(mj_get(cell, "time_h")->number, 1081);
    assert_close(mj_get(cell, "transfers")->number, 2);
    assert_close(mj_get(cell, "objective")->number, 6140);
    assert_close(mj_path(cell, "route", "total", "cost_usd", NULL)->number, 6140);
    assert_int_equal(mj_len(mj_path(cell, "route", "steps", NULL)), 5);
    assert_string_equal(mj_path(cell, "route", "to", NULL)->string, "DEDUI");
    const mj_value *none = mj_at(mj_at(cells, 0), 1), *same = mj_at(mj_at(cells, 1), 0);
    assert_string_equal(mj_get(none, "status")->string, "no_route");
    assert_int_equal(mj_len(none), 1);
    assert_string_equal(mj_get(same, "status")->string, "same_node");
    assert_int_equal(mj_len(same), 1);
    mj_free(v);
    fr_matrix_free(m);
    m = matrix_ok(net, q, fixture_from, 1, fixture_to, 1, NULL); /* no routes kept */
    v = parse_json(fr_matrix_to_json(m));
    assert_null(mj_get(mj_at(mj_at(mj_get(v, "cells"), 0), 0), "route"));
    mj_free(v);
    fr_matrix_free(m);
    fr_query_free(q);
    fr_network_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_cells),
        cmocka_unit_test(test_fixture_bounds),
        cmocka_unit_test(test_unknown_and_empty),
        cmocka_unit_test(test_avoided_endpoints),
        cmocka_unit_test(test_impossible_queries),
        cmocka_unit_test(test_one_node_network),
        cmocka_unit_test(test_progress),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_embedded_network),
        cmocka_unit_test(test_random_real_figures),
        cmocka_unit_test(test_random_integer_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
