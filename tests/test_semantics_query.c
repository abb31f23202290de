/* test_semantics_query.c - what a query asks for, FORMAT.md §2 (and the
 * tolerance of §5): every objective, the generalized cost, every
 * constraint and the errors of a query, and tie-breaking (time, then cost,
 * then fewer edges), on small networks whose answers are computed by hand
 * in the comments. Shared fixtures: semantics_fixtures.c. */
#include "semantics_fixtures.h"

#include <math.h>

/* ---- objectives ------------------------------------------------------------ */

/* Six parallel links A->D, each best for something:
 *        mode   km    h     USD   kg (default = km x factor)
 *   K1   rail  1000  100    500   220
 *   K2   road   800   40    900   496
 *   K3   sea   3000  300    300   240
 *   K4   river 1200  150    600   372
 *   K5   air    900    5   5000  5418
 *   K6   rail  1100   60    560   400 (explicit)
 * cost: K3 300; time: K5 5 h; co2: K1 220; distance: K2 800. */
#define OBJ_NODES                                   \
    NODES_HDR                                       \
    "A,Alpha,city,CN,29.5,106.5,0,0\n"              \
    "D,Delta,city,DE,51.4,6.7,0,0\n"
#define OBJ_LINKS                                   \
    LINKS_HDR                                       \
    "K1,A,D,rail,1000,100,500,,0,\n"                \
    "K2,A,D,road,800,40,900,,0,\n"                  \
    "K3,A,D,sea,3000,300,300,,0,\n"                 \
    "K4,A,D,river,1200,150,600,,0,\n"               \
    "K5,A,D,air,900,5,5000,,0,\n"                   \
    "K6,A,D,rail,1100,60,560,400,0,\n"

static fr_route *route_gen(const fr_network *net, double vot, double cp)
{
    fr_query *q = fr_query_new("A", "D");
    fr_query_set_objective(q, FR_OBJECTIVE_GENERALIZED);
    fr_query_set_value_of_time(q, vot);
    fr_query_set_carbon_price(q, cp);
    fr_route *r = route_ok(net, q);
    fr_query_free(q);
    return r;
}

static void test_each_objective(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(OBJ_NODES, OBJ_LINKS, NULL, NULL);
    struct {
        fr_objective obj;
        const char *link;
        double value;
    } cases[] = {
        {FR_OBJECTIVE_COST, "K3", 300},
        {FR_OBJECTIVE_TIME, "K5", 5},
        {FR_OBJECTIVE_CO2, "K1", 220},
        {FR_OBJECTIVE_DISTANCE, "K2", 800},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        fr_route *r = route_q(net, "A", "D", cases[i].obj);
        expect_links(r, cases[i].link);
        assert_int_equal(fr_route_objective(r), cases[i].obj);
        assert_close(fr_route_objective_value(r), cases[i].value);
        fr_route_free(r);
    }
    fr_route *r = route_q(net, "A", "D", FR_OBJECTIVE_CO2);
    expect_totals(r, 500, 100, 220, 1000);
    fr_route_free(r);
    fr_network_free(net);
}

static void test_generalized(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(OBJ_NODES, OBJ_LINKS, NULL, NULL);
    /* value of time 5 USD/TEU-h, carbon price 0.5 USD/kg:
     *   K1 500 + 500 + 110  = 1110
     *   K2 900 + 200 + 248  = 1348
     *   K3 300 + 1500 + 120 = 1920
     *   K4 600 + 750 + 186  = 1536
     *   K5 5000 + 25 + 2709 = 7734
     *   K6 560 + 300 + 200  = 1060  <- best */
    fr_route *r = route_gen(net, 5, 0.5);
    expect_links(r, "K6");
    assert_close(fr_route_objective_value(r), 1060);
    expect_totals(r, 560, 60, 400, 1100);
    fr_route_free(r);

    /* value of time 0 and carbon price 0: generalized = cost -> K3, 300 */
    r = route_gen(net, 0, 0);
    expect_links(r, "K3");
    assert_close(fr_route_objective_value(r), 300);
    fr_route_free(r);

    /* value of time 100 USD/TEU-h: K1 500 + 10000 = 10500,
     * K2 900 + 4000 = 4900, K3 300 + 30000, K4 600 + 15000,
     * K5 5000 + 500 = 5500, K6 560 + 6000 = 6560: K2 wins with 4900 */
    r = route_gen(net, 100, 0);
    expect_links(r, "K2");
    assert_close(fr_route_objective_value(r), 4900);
    fr_route_free(r);

    /* carbon price 10: K1 500 + 2200 = 2700 = K3 300 + 2400; K4 4320,
     * K6 4560, K2 5860. The tie K1/K3 goes to the lower time: K1 (100 h). */
    r = route_gen(net, 0, 10);
    expect_links(r, "K1");
    assert_close(fr_route_objective_value(r), 2700);
    fr_route_free(r);
    fr_network_free(net);
}

/* ---- constraints ----------------------------------------------------------- */

/* A(CN) -> B(KZ) -> D(DE) on corridor Yuxinou, 200 USD
 * A(CN) -> C(RU) -> D(DE) on corridor Northern, 300 USD
 * A -> D direct by road, 1000 USD */
#define CONS_NODES                                  \
    NODES_HDR                                       \
    "A,Alpha,city,CN,29.5,106.5,0,0\n"              \
    "B,Beta,border,KZ,44.2,80.4,0,0\n"              \
    "C,Gamma,border,RU,55.7,37.6,0,0\n"             \
    "D,Delta,city,DE,51.4,6.7,0,0\n"
#define CONS_LINKS                                  \
    LINKS_HDR                                       \
    "AB,A,B,rail,100,10,100,,0,Yuxinou\n"           \
    "BD,B,D,rail,100,10,100,,0,Yuxinou\n"           \
    "AC,A,C,rail,150,15,150,,0,Northern\n"          \
    "CD,C,D,rail,150,15,150,,0,Northern\n"          \
    "AD,A,D,road,500,50,1000,,0,\n"

typedef void (*query_edit)(fr_query *q);

static void cons_route(const fr_network *net, void (*edit)(fr_query *),
                       const char *want_links, double want_cost)
{
    fr_query *q = fr_query_new("A", "D");
    edit(q);
    fr_route *r = route_ok(net, q);
    expect_links(r, want_links);
    assert_close(fr_route_total_cost_usd(r), want_cost);
    fr_route_free(r);
    fr_query_free(q);
}

static void cons_fail(const fr_network *net, void (*edit)(fr_query *),
                      int code)
{
    fr_query *q = fr_query_new("A", "D");
    edit(q);
    route_fails(net, q, code);
    fr_query_free(q);
}

static void e_none(fr_query *q) { (void)q; }
static void e_avoid_b(fr_query *q) { fr_query_avoid_node(q, "B"); }
static void e_avoid_bc(fr_query *q)
{
    fr_query_avoid_node(q, "B");
    fr_query_avoid_node(q, "C");
}
static void e_avoid_kz(fr_query *q) { fr_query_avoid_country(q, "KZ"); }
static void e_avoid_kz_ru(fr_query *q)
{
    fr_query_avoid_country(q, "KZ");
    fr_query_avoid_country(q, "RU");
}
static void e_avoid_zz(fr_query *q) { fr_query_avoid_country(q, "ZZ"); }
static void e_avoid_yux(fr_query *q) { fr_query_avoid_corridor(q, "Yuxinou"); }
static void e_avoid_both_corr(fr_query *q)
{
    fr_query_avoid_corridor(q, "Yuxinou");
    fr_query_avoid_corridor(q, "Northern");
}
static void e_road(fr_query *q) { fr_query_set_modes(q, FR_MODE_BIT(FR_MODE_ROAD)); }
static void e_rail(fr_query *q) { fr_query_set_modes(q, FR_MODE_BIT(FR_MODE_RAIL)); }
static void e_rail_road(fr_query *q)
{
    fr_query_set_modes(q, FR_MODE_BIT(FR_MODE_RAIL) | FR_MODE_BIT(FR_MODE_ROAD));
}
static void e_sea(fr_query *q) { fr_query_set_modes(q, FR_MODE_BIT(FR_MODE_SEA)); }
static void e_rail_avoid_bc(fr_query *q)
{
    e_rail(q);
    e_avoid_bc(q);
}
static void e_road_avoid_b(fr_query *q)
{
    e_road(q);
    e_avoid_b(q);
}
static void e_avoid_origin(fr_query *q) { fr_query_avoid_node(q, "A"); }
static void e_avoid_dest(fr_query *q) { fr_query_avoid_node(q, "D"); }
static void e_avoid_unknown(fr_query *q) { fr_query_avoid_node(q, "NOWHERE"); }
static void e_avoid_origin_country(fr_query *q) { fr_query_avoid_country(q, "CN"); }
static void e_avoid_dest_country(fr_query *q) { fr_query_avoid_country(q, "DE"); }
static void e_avoid_bad_country(fr_query *q) { fr_query_avoid_country(q, "kz"); }
static void e_avoid_bad_country3(fr_query *q) { fr_query_avoid_country(q, "KAZ"); }
static void e_unknown_corridor(fr_query *q) { fr_query_avoid_corridor(q, "Southern"); }

static void test_constraints(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CONS_NODES, CONS_LINKS, NULL, NULL);
    cons_route(net, e_none, "AB BD", 200);
    /* nodes */
    cons_route(net, e_avoid_b, "AC CD", 300);
    cons_route(net, e_avoid_bc, "AD", 1000);
    /* countries: B is in KZ, C in RU; ZZ is a valid code nobody uses */
    cons_route(net, e_avoid_kz, "AC CD", 300);
    cons_route(net, e_avoid_kz_ru, "AD", 1000);
    cons_route(net, e_avoid_zz, "AB BD", 200);
    /* corridors */
    cons_route(net, e_avoid_yux, "AC CD", 300);
    cons_route(net, e_avoid_both_corr, "AD", 1000);
    /* modes */
    cons_route(net, e_road, "AD", 1000);
    cons_route(net, e_rail, "AB BD", 200);
    cons_route(net, e_rail_road, "AB BD", 200);
    cons_route(net, e_road_avoid_b, "AD", 1000);
    cons_fail(net, e_sea, FR_ERROR_NO_ROUTE);
    cons_fail(net, e_rail_avoid_bc, FR_ERROR_NO_ROUTE);
    fr_network_free(net);
}

static void test_constraint_errors(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CONS_NODES, CONS_LINKS, NULL, NULL);
    cons_fail(net, e_avoid_origin, FR_ERROR_QUERY);
    cons_fail(net, e_avoid_dest, FR_ERROR_QUERY);
    cons_fail(net, e_avoid_unknown, FR_ERROR_QUERY);
    cons_fail(net, e_unknown_corridor, FR_ERROR_QUERY);
    /* a country is two upper-case letters */
    cons_fail(net, e_avoid_bad_country, FR_ERROR_QUERY);
    cons_fail(net, e_avoid_bad_country3, FR_ERROR_QUERY);
    /* avoiding the origin's or destination's country avoids the origin or
     * destination itself, which FORMAT §2 makes an error */
    cons_fail(net, e_avoid_origin_country, FR_ERROR_QUERY);
    cons_fail(net, e_avoid_dest_country, FR_ERROR_QUERY);
    fr_network_free(net);
}

static void test_query_errors(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CONS_NODES, CONS_LINKS, NULL, NULL);
    fr_query *q = fr_query_new("A", "A");
    route_fails(net, q, FR_ERROR_QUERY);
    fr_query_free(q);
    q = fr_query_new("NOWHERE", "D");
    route_fails(net, q, FR_ERROR_QUERY);
    fr_query_free(q);
    q = fr_query_new("A", "NOWHERE");
    route_fails(net, q, FR_ERROR_QUERY);
    fr_query_free(q);
    /* ids are case-sensitive */
    q = fr_query_new("a", "D");
    route_fails(net, q, FR_ERROR_QUERY);
    fr_query_free(q);

    const double bad_q[] = {0.0, -1.0, -0.0, NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < G_N_ELEMENTS(bad_q); i++) {
        q = fr_query_new("A", "D");
        fr_query_set_quantity(q, bad_q[i]);
        route_fails(net, q, FR_ERROR_QUERY);
        fr_query_free(q);
    }

    /* the error message names the unknown id */
    q = fr_query_new("A", "NOWHERE");
    GError *err = NULL;
    assert_null(fr_network_route(net, q, &err));
    check_error(err, FR_ERROR_QUERY, "NOWHERE", NULL);
    g_error_free(err);
    /* NULL error pointer is allowed */
    assert_null(fr_network_route(net, q, NULL));
    fr_query_free(q);
    fr_network_free(net);
}

/* FORMAT.md §3: every figure printed is finite; a query whose totals would
 * overflow is invalid input. The CHAIN route costs 525 USD/TEU: 1e306 TEU
 * make 5.25e308 > DBL_MAX (about 1.8e308), 1e305 TEU make 5.25e307. */
static void test_totals_overflow(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CHAIN_NODES, CHAIN_LINKS, CHAIN_TRANSFERS, NULL);
    fr_query *q = fr_query_new("ORIG", "DEST");
    fr_query_set_quantity(q, 1e305);
    fr_route *r = route_ok(net, q);
    assert_close(fr_route_total_cost_usd(r), 525 * 1e305);
    fr_route_free(r);
    fr_query_set_quantity(q, 1e306);
    GError *err = NULL;
    assert_null(fr_network_route(net, q, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "too large", NULL);
    g_clear_error(&err);
    const fr_criterion crit[2] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    assert_null(fr_network_pareto(net, q, crit, 2, NULL, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "too large", NULL);
    g_clear_error(&err);
    assert_null(fr_network_alternatives(net, q, 2, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "too large", NULL);
    g_clear_error(&err);
    const char *from[] = {"ORIG"}, *to[] = {"DEST"};
    assert_null(fr_network_matrix(net, q, from, 1, to, 1, NULL, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "too large", NULL);
    g_clear_error(&err);
    GDateTime *t = fr_network_parse_datetime(net, "ORIG", "2019-07-02T08:00", &err);
    fr_query_set_departure(q, t);
    g_date_time_unref(t);
    assert_null(fr_network_route(net, q, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "too large", NULL);
    g_clear_error(&err);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_query_copy_and_getters(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CONS_NODES, CONS_LINKS, NULL, NULL);
    fr_query *q = fr_query_new("A", "D");
    assert_string_equal(fr_query_from(q), "A");
    assert_string_equal(fr_query_to(q), "D");
    assert_int_equal(fr_query_objective(q), FR_OBJECTIVE_COST);
    assert_true(fr_query_quantity(q) == 1.0);
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_query_avoid_node(q, "B");
    fr_query_set_quantity(q, 2);
    fr_query *c = fr_query_copy(q);
    fr_query_free(q);
    assert_int_equal(fr_query_objective(c), FR_OBJECTIVE_TIME);
    /* the copy keeps the avoided node: A-C-D, 2 x 300 USD, 30 h */
    fr_route *r = route_ok(net, c);
    expect_links(r, "AC CD");
    expect_totals(r, 600, 30, 2 * 300 * 0.22, 300);
    assert_close(fr_route_objective_value(r), 30);
    fr_route_free(r);

    /* re-aimed: D -> A has no route (all links run towards D) */
    fr_query_set_endpoints(c, "D", "A");
    assert_string_equal(fr_query_from(c), "D");
    assert_string_equal(fr_query_to(c), "A");
    route_fails(net, c, FR_ERROR_NO_ROUTE);
    /* and back again, now from C: C-D, 2 x 150 = 300 USD, 15 h */
    fr_query_set_endpoints(c, "C", "D");
    r = route_ok(net, c);
    expect_links(r, "CD");
    expect_totals(r, 300, 15, 2 * 150 * 0.22, 150);
    fr_route_free(r);
    fr_query_free(c);

    q = fr_query_new("A", "D");
    assert_true(fr_query_value_of_time(q) == 0 && fr_query_carbon_price(q) == 0);
    fr_query_set_value_of_time(q, 12.5);
    fr_query_set_carbon_price(q, 0.25);
    assert_true(fr_query_value_of_time(q) == 12.5);
    assert_true(fr_query_carbon_price(q) == 0.25);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- tie-breaking ---------------------------------------------------------- */

static void test_tie_lower_time_wins(void **state)
{
    (void)state;
    /* cost objective, X1 and X2 both 100 USD; X2 takes 20 h < 30 h */
    fr_network *net = load_net_ok(
        NODES_HDR "A,A,city,CN,30,100,0,0\nB,B,city,CN,31,101,0,0\n",
        LINKS_HDR "X1,A,B,rail,100,30,100,,0,\nX2,A,B,road,90,20,100,,0,\n",
        NULL, NULL);
    fr_route *r = route_q(net, "A", "B", FR_OBJECTIVE_COST);
    expect_links(r, "X2");
    fr_route_free(r);
    fr_network_free(net);
}

static void test_tie_then_lower_cost_wins(void **state)
{
    (void)state;
    /* time objective, Y1 and Y2 both 20 h; Y2 costs 150 < 200 */
    fr_network *net = load_net_ok(
        NODES_HDR "A,A,city,CN,30,100,0,0\nB,B,city,CN,31,101,0,0\n",
        LINKS_HDR "Y1,A,B,rail,100,20,200,,0,\nY2,A,B,road,100,20,150,,0,\n",
        NULL, NULL);
    fr_route *r = route_q(net, "A", "B", FR_OBJECTIVE_TIME);
    expect_links(r, "Y2");
    fr_route_free(r);
    /* distance objective: all 100 km and 20 h; cost decides: Y2 */
    r = route_q(net, "A", "B", FR_OBJECTIVE_DISTANCE);
    expect_links(r, "Y2");
    fr_route_free(r);
    fr_network_free(net);
}

static void test_tie_then_fewer_edges_wins(void **state)
{
    (void)state;
    /* cost objective. A-M-D: 100 + 0 (M dwells 0) + 100 = 200 USD,
     * 10 + 0 + 10 = 20 h. Z1 direct: 200 USD, 20 h. Equal cost and time:
     * the direct link has fewer edges (1 against 3). */
    fr_network *net = load_net_ok(
        NODES_HDR "A,A,city,CN,30,100,0,0\n"
                  "M,M,junction,CN,31,101,0,0\n"
                  "D,D,city,CN,32,102,0,0\n",
        LINKS_HDR "Z2,A,M,rail,100,10,100,,0,\n"
                  "Z3,M,D,rail,100,10,100,,0,\n"
                  "Z1,A,D,road,300,20,200,,0,\n",
        NULL, NULL);
    fr_route *r = route_q(net, "A", "D", FR_OBJECTIVE_COST);
    expect_links(r, "Z1");
    fr_route_free(r);
    r = route_q(net, "A", "D", FR_OBJECTIVE_TIME);
    expect_links(r, "Z1");
    fr_route_free(r);
    /* distance objective: A-M-D is 200 km < 300: no tie */
    r = route_q(net, "A", "D", FR_OBJECTIVE_DISTANCE);
    expect_links(r, "Z2 Z3");
    fr_route_free(r);
    fr_network_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_objective),
        cmocka_unit_test(test_generalized),
        cmocka_unit_test(test_constraints),
        cmocka_unit_test(test_constraint_errors),
        cmocka_unit_test(test_query_errors),
        cmocka_unit_test(test_totals_overflow),
        cmocka_unit_test(test_query_copy_and_getters),
        cmocka_unit_test(test_tie_lower_time_wins),
        cmocka_unit_test(test_tie_then_lower_cost_wins),
        cmocka_unit_test(test_tie_then_fewer_edges_wins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
