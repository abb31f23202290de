/* test_semantics.c - route semantics of FORMAT.md §2 on small networks whose
 * answers are computed by hand in the comments: dwell, transfers,
 * bidirectional and parallel links, CO2 factors, quantity, every objective,
 * every constraint, tie-breaking, steps, and the JSON/GeoJSON/text output.
 *
 * Default CO2 factors (§4), kg per TEU-km: rail 0.22, road 0.62, river 0.31,
 * sea 0.08, air 6.02. */
#include "helpers.h"
#include "minijson.h"

#include <math.h>
#include <string.h>

#define NODES_HDR "id,name,kind,country,lat,lon,dwell_h,dwell_usd\n"
#define LINKS_HDR \
    "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,bidirectional,corridor\n"
#define TRANSFERS_HDR "node,from_mode,to_mode,time_h,cost_usd,co2_kg\n"

/* Origin A and destination C dwell too, but are never charged. */
#define ABC_NODES                                   \
    NODES_HDR                                       \
    "A,Alpha,city,CN,29.5,106.5,5,50\n"             \
    "B,Beta,junction,KZ,43.2,76.9,2,20\n"           \
    "C,Gamma,city,DE,51.4,6.7,7,70\n"

static fr_route *route_q(const fr_network *net, const char *from,
                         const char *to, fr_objective obj)
{
    fr_query *q = fr_query_new(from, to);
    fr_query_set_objective(q, obj);
    fr_route *r = route_ok(net, q);
    fr_query_free(q);
    return r;
}

static void expect_no_route(const fr_network *net, const char *from,
                            const char *to)
{
    fr_query *q = fr_query_new(from, to);
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    fr_query_free(q);
}

static void expect_links(const fr_route *r, const char *want)
{
    expect_text(route_link_ids(r), want, "route links");
}

static void expect_types(const fr_route *r, const char *want)
{
    expect_text(route_step_types(r), want, "route steps");
}

static void expect_totals(const fr_route *r, double cost, double time,
                          double co2, double dist)
{
    assert_close(fr_route_total_cost_usd(r), cost);
    assert_close(fr_route_total_time_h(r), time);
    assert_close(fr_route_total_co2_kg(r), co2);
    assert_close(fr_route_total_distance_km(r), dist);
}

/* ---- dwell --------------------------------------------------------------- */

static void test_dwell_on_pass_through_only(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(ABC_NODES,
                                  LINKS_HDR "L1,A,B,rail,100,10,100,,0,\n"
                                            "L2,B,C,rail,200,20,200,,0,\n",
                                  NULL, NULL);
    /* A->C: L1 + pass B + L2
     *   cost 100 + 20 + 200 = 320      (A's 50 and C's 70 not charged)
     *   time  10 +  2 +  20 =  32 h    (A's 5 h and C's 7 h not charged)
     *   co2  100*0.22 + 0 + 200*0.22 = 22 + 44 = 66
     *   dist 100 + 200 = 300 */
    fr_route *r = route_q(net, "A", "C", FR_OBJECTIVE_COST);
    expect_totals(r, 320, 32, 66, 300);
    assert_close(fr_route_objective_value(r), 320);
    assert_int_equal(fr_route_transfer_count(r), 0);
    expect_links(r, "L1 L2");
    expect_types(r, "link dwell link");
    const fr_step *d = fr_route_step(r, 1);
    assert_string_equal(d->from_node, "B");
    assert_string_equal(d->to_node, "B");
    assert_int_equal(d->mode, FR_MODE_RAIL);
    assert_close(d->cost_usd, 20);
    assert_close(d->time_h, 2);
    assert_close(d->co2_kg, 0);
    assert_close(d->distance_km, 0);
    assert_string_equal(fr_route_from(r), "A");
    assert_string_equal(fr_route_to(r), "C");
    assert_ptr_equal(fr_route_network(r), net);
    fr_route_free(r);

    /* A->B alone: one link, no dwell at either end: 100, 10 h */
    r = route_q(net, "A", "B", FR_OBJECTIVE_TIME);
    expect_totals(r, 100, 10, 22, 100);
    expect_types(r, "link");
    fr_route_free(r);
    fr_network_free(net);
}

/* ---- transfers ----------------------------------------------------------- */

#define TRANSFER_LINKS                  \
    LINKS_HDR                           \
    "L1,A,B,rail,100,10,100,,0,\n"      \
    "L2,B,C,road,200,20,200,,0,\n"

static void test_transfer_charged_with_dwell(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(ABC_NODES, TRANSFER_LINKS,
                                  TRANSFERS_HDR "B,rail,road,3,30,5\n", NULL);
    /* A->C: L1 (rail) + transfer at B rail->road + L2 (road)
     *   cost 100 + (20 dwell + 30 handling) + 200 = 350
     *   time  10 + ( 2 dwell +  3 handling) +  20 =  35 h
     *   co2  100*0.22 + 5 + 200*0.62 = 22 + 5 + 124 = 151
     *   dist 300, one transfer */
    fr_route *r = route_q(net, "A", "C", FR_OBJECTIVE_COST);
    expect_totals(r, 350, 35, 151, 300);
    assert_int_equal(fr_route_transfer_count(r), 1);
    expect_links(r, "L1 L2");
    size_t n = fr_route_step_count(r);
    assert_true(n >= 3);
    assert_int_equal(fr_route_step(r, 0)->type, FR_STEP_LINK);
    assert_int_equal(fr_route_step(r, n - 1)->type, FR_STEP_LINK);
    /* between the links: exactly one transfer step (rail -> road at B); the
     * dwell may be folded into it or be a separate dwell step at B, but the
     * figures between the links add up to the virtual edge's 50, 5 h, 5 kg */
    double c = 0, t = 0, e = 0;
    size_t transfers = 0;
    for (size_t i = 1; i + 1 < n; i++) {
        const fr_step *s = fr_route_step(r, i);
        assert_true(s->type == FR_STEP_TRANSFER || s->type == FR_STEP_DWELL);
        assert_string_equal(s->from_node, "B");
        if (s->type == FR_STEP_TRANSFER) {
            transfers++;
            assert_int_equal(s->mode, FR_MODE_RAIL);
            assert_int_equal(s->to_mode, FR_MODE_ROAD);
        }
        c += s->cost_usd;
        t += s->time_h;
        e += s->co2_kg;
    }
    assert_int_equal(transfers, 1);
    assert_close(c, 50);
    assert_close(t, 5);
    assert_close(e, 5);
    fr_route_free(r);
    fr_network_free(net);
}

static void test_transfer_needs_a_row(void **state)
{
    (void)state;
    /* no transfers.csv: rail cannot become road at B */
    fr_network *net = load_net_ok(ABC_NODES, TRANSFER_LINKS, NULL, NULL);
    expect_no_route(net, "A", "C");
    fr_network_free(net);

    /* a row in the other direction (road->rail) does not allow rail->road */
    net = load_net_ok(ABC_NODES, TRANSFER_LINKS,
                      TRANSFERS_HDR "B,road,rail,3,30,5\n", NULL);
    expect_no_route(net, "A", "C");
    /* ...but it does allow nothing else either: C->A has no links at all */
    expect_no_route(net, "C", "A");
    fr_network_free(net);

    /* a row at another node does not help */
    net = load_net_ok(ABC_NODES, TRANSFER_LINKS,
                      TRANSFERS_HDR "A,rail,road,3,30,5\nC,rail,road,1,1,1\n",
                      NULL);
    expect_no_route(net, "A", "C");
    fr_network_free(net);
}

static void test_transfer_co2_defaults_to_zero(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(ABC_NODES, TRANSFER_LINKS,
                                  "node,from_mode,to_mode,time_h,cost_usd\n"
                                  "B,rail,road,3,30\n",
                                  NULL);
    /* as above but the transfer emits nothing: co2 22 + 0 + 124 = 146 */
    fr_route *r = route_q(net, "A", "C", FR_OBJECTIVE_CO2);
    expect_totals(r, 350, 35, 146, 300);
    fr_route_free(r);
    fr_network_free(net);
}

static void test_no_transfer_needed_at_ends(void **state)
{
    (void)state;
    /* A has a rail link in and a sea link out; C has a sea link in and a
     * road link out. No transfers.csv: a route may start in any mode at its
     * origin and end in any mode at its destination.
     * A->C by S1: 500 USD, 50 h, 1000 x 0.08 = 80 kg, no transfer, no
     * dwell (A's 50 and C's 70 are not charged). */
    fr_network *net = load_net_ok(ABC_NODES,
                                  LINKS_HDR "R1,B,A,rail,100,10,100,,0,\n"
                                            "S1,A,C,sea,1000,50,500,,0,\n"
                                            "R2,C,B,road,100,10,100,,0,\n",
                                  NULL, NULL);
    fr_route *r = route_q(net, "A", "C", FR_OBJECTIVE_COST);
    expect_links(r, "S1");
    expect_types(r, "link");
    expect_totals(r, 500, 50, 80, 1000);
    assert_int_equal(fr_route_transfer_count(r), 0);
    fr_route_free(r);
    /* B->A (rail) and C->B (road) work too; B->C would need rail->sea at A */
    r = route_q(net, "B", "A", FR_OBJECTIVE_COST);
    expect_links(r, "R1");
    fr_route_free(r);
    expect_no_route(net, "B", "C");
    fr_network_free(net);
}

/* ---- bidirectional links -------------------------------------------------- */

static void test_bidirectional_reverse_ids(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(ABC_NODES,
                                  LINKS_HDR "L1,A,B,rail,100,10,100,,1,\n"
                                            "L2,C,B,rail,200,20,200,,1,\n",
                                  NULL, NULL);
    /* A->C: L1 forward, then L2 backwards (B->C): 100 + 20 + 200 = 320 */
    fr_route *r = route_q(net, "A", "C", FR_OBJECTIVE_COST);
    expect_links(r, "L1 L2:rev");
    expect_totals(r, 320, 32, 66, 300);
    const fr_step *s = fr_route_step(r, fr_route_step_count(r) - 1);
    assert_string_equal(s->link_id, "L2:rev");
    assert_string_equal(s->from_node, "B");
    assert_string_equal(s->to_node, "C");
    assert_int_equal(s->mode, FR_MODE_RAIL);
    assert_close(s->cost_usd, 200);
    assert_close(s->time_h, 20);
    assert_close(s->co2_kg, 44);
    assert_close(s->distance_km, 200);
    fr_route_free(r);

    /* C->A: L2 forward (C->B), L1 backwards (B->A): same totals */
    r = route_q(net, "C", "A", FR_OBJECTIVE_TIME);
    expect_links(r, "L2 L1:rev");
    expect_totals(r, 320, 32, 66, 300);
    s = fr_route_step(r, 0);
    assert_string_equal(s->from_node, "C");
    assert_string_equal(s->to_node, "B");
    fr_route_free(r);

    /* B->A is just the reverse of L1 */
    r = route_q(net, "B", "A", FR_OBJECTIVE_COST);
    expect_links(r, "L1:rev");
    expect_totals(r, 100, 10, 22, 100);
    fr_route_free(r);
    fr_network_free(net);
}

static void test_one_way_link(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(ABC_NODES,
                                  LINKS_HDR "L1,A,B,rail,100,10,100,,0,\n"
                                            "L2,B,C,rail,200,20,200,,,\n",
                                  NULL, NULL);
    expect_no_route(net, "B", "A");
    expect_no_route(net, "C", "A");
    expect_no_route(net, "C", "B");
    fr_route *r = route_q(net, "B", "C", FR_OBJECTIVE_COST);
    expect_links(r, "L2");
    fr_route_free(r);
    fr_network_free(net);
}

/* ---- parallel links ------------------------------------------------------ */

static void test_parallel_links(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(
        NODES_HDR "A,Alpha,city,CN,29.5,106.5,0,0\n"
                  "B,Beta,city,KZ,43.2,76.9,0,0\n",
        LINKS_HDR "P1,A,B,rail,100,30,100,,0,\n"
                  "P2,A,B,road,100,10,300,,0,\n"
                  "P3,A,B,rail,100,20,150,,0,\n",
        NULL, NULL);
    /* cost: P1 100 < P3 150 < P2 300 */
    fr_route *r = route_q(net, "A", "B", FR_OBJECTIVE_COST);
    expect_links(r, "P1");
    expect_totals(r, 100, 30, 22, 100);
    fr_route_free(r);
    /* time: P2 10 h < P3 20 h < P1 30 h */
    r = route_q(net, "A", "B", FR_OBJECTIVE_TIME);
    expect_links(r, "P2");
    expect_totals(r, 300, 10, 62, 100);
    fr_route_free(r);
    /* co2: P1 = P3 = 100*0.22 = 22 < P2 62; tie broken by time: P3 (20 h) */
    r = route_q(net, "A", "B", FR_OBJECTIVE_CO2);
    expect_links(r, "P3");
    expect_totals(r, 150, 20, 22, 100);
    fr_route_free(r);
    /* distance: all 100; tie broken by time: P2 (10 h) */
    r = route_q(net, "A", "B", FR_OBJECTIVE_DISTANCE);
    expect_links(r, "P2");
    fr_route_free(r);
    fr_network_free(net);
}

/* ---- CO2 factors ----------------------------------------------------------- */

#define CO2_NODES                               \
    NODES_HDR                                   \
    "A,A,city,CN,30,100,0,0\n"                  \
    "B,B,city,CN,31,101,0,0\n"                  \
    "C,C,city,CN,32,102,0,0\n"                  \
    "D,D,city,CN,33,103,0,0\n"                  \
    "E,E,city,CN,34,104,0,0\n"                  \
    "F,F,city,CN,35,105,0,0\n"                  \
    "G,G,city,CN,36,106,0,0\n"
#define CO2_LINKS                               \
    LINKS_HDR                                   \
    "R1,A,B,road,100,1,1,,0,\n"                 \
    "R2,A,C,rail,100,1,1,,0,\n"                 \
    "R3,A,D,river,100,1,1,,0,\n"                \
    "R4,A,E,sea,1000,1,1,,0,\n"                 \
    "R5,A,F,air,1000,1,1,,0,\n"                 \
    "R6,A,G,rail,100,1,1,5,0,\n"

static void co2_of(const fr_network *net, const char *to, double want_link,
                   size_t link_index)
{
    fr_link_info l;
    assert_true(fr_network_link(net, link_index, &l));
    assert_close(l.co2_kg, want_link);
    fr_route *r = route_q(net, "A", to, FR_OBJECTIVE_CO2);
    assert_close(fr_route_total_co2_kg(r), want_link);
    fr_route_free(r);
}

static void test_co2_default_factors(void **state)
{
    (void)state;
    assert_close(fr_mode_default_co2_factor(FR_MODE_ROAD), 0.62);
    assert_close(fr_mode_default_co2_factor(FR_MODE_RAIL), 0.22);
    assert_close(fr_mode_default_co2_factor(FR_MODE_RIVER), 0.31);
    assert_close(fr_mode_default_co2_factor(FR_MODE_SEA), 0.08);
    assert_close(fr_mode_default_co2_factor(FR_MODE_AIR), 6.02);
    fr_network *net = load_net_ok(CO2_NODES, CO2_LINKS, NULL, NULL);
    co2_of(net, "B", 62, 0);   /* 100 km road  x 0.62 */
    co2_of(net, "C", 22, 1);   /* 100 km rail  x 0.22 */
    co2_of(net, "D", 31, 2);   /* 100 km river x 0.31 */
    co2_of(net, "E", 80, 3);   /* 1000 km sea  x 0.08 */
    co2_of(net, "F", 6020, 4); /* 1000 km air  x 6.02 */
    co2_of(net, "G", 5, 5);    /* explicit cell */
    fr_network_free(net);
}

static void test_co2_modes_csv_override(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CO2_NODES, CO2_LINKS, NULL,
                                  "mode,co2_kg_per_teu_km,source\n"
                                  "rail,0.5,test figure\n"
                                  "sea,0,\n");
    co2_of(net, "B", 62, 0);   /* road keeps its default */
    co2_of(net, "C", 50, 1);   /* 100 km x 0.5 (override) */
    co2_of(net, "D", 31, 2);
    co2_of(net, "E", 0, 3);    /* factor 0 */
    co2_of(net, "F", 6020, 4);
    co2_of(net, "G", 5, 5);    /* the explicit cell wins over modes.csv */
    /* the default factors of the library are not changed by a network */
    assert_close(fr_mode_default_co2_factor(FR_MODE_RAIL), 0.22);
    fr_network_free(net);
}

/* ---- quantity -------------------------------------------------------------- */

static void test_quantity_scales_cost_and_co2(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(ABC_NODES, TRANSFER_LINKS,
                                  TRANSFERS_HDR "B,rail,road,3,30,5\n", NULL);
    /* per TEU (see test_transfer_charged_with_dwell): 350 USD, 35 h,
     * 151 kg, 300 km. For 3 TEU: 1050 USD, 35 h, 453 kg, 300 km. */
    fr_query *q = fr_query_new("A", "C");
    fr_query_set_quantity(q, 3);
    assert_true(fr_query_quantity(q) == 3);
    fr_route *r = route_ok(net, q);
    expect_totals(r, 1050, 35, 453, 300);
    assert_close(fr_route_objective_value(r), 1050);
    assert_true(fr_route_quantity(r) == 3);
    /* steps stay per TEU */
    assert_close(fr_route_step(r, 0)->cost_usd, 100);
    assert_close(fr_route_step(r, 0)->co2_kg, 22);
    fr_route_free(r);

    /* half a TEU, co2 objective: 175 USD, 75.5 kg, objective 75.5 */
    fr_query_set_quantity(q, 0.5);
    fr_query_set_objective(q, FR_OBJECTIVE_CO2);
    r = route_ok(net, q);
    expect_totals(r, 175, 35, 75.5, 300);
    assert_close(fr_route_objective_value(r), 75.5);
    fr_route_free(r);

    /* time and distance objectives do not scale: 35 h, 300 km */
    fr_query_set_quantity(q, 4);
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    r = route_ok(net, q);
    assert_close(fr_route_objective_value(r), 35);
    fr_route_free(r);
    fr_query_set_objective(q, FR_OBJECTIVE_DISTANCE);
    r = route_ok(net, q);
    assert_close(fr_route_objective_value(r), 300);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

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

/* ---- steps, transfers, outputs ------------------------------------------- */

/* ORIG -S1 rail-> BTWN -S2 rail-> PORT1 -S3 sea-> PORT2 -S4 road-> DEST
 * BTWN dwells 1 h / 10 USD; PORT1 and PORT2 dwell 0; ORIG and DEST dwell a
 * lot but are never charged. Transfers: PORT1 rail->sea 3 h, 30 USD, 4 kg;
 * PORT2 sea->road 1 h, 5 USD, 0 kg.
 *           cost  time   co2                 km
 *   S1       100   10    100 x 0.22 =  22    100
 *   BTWN      10    1                  0
 *   S2       100   10                 22    100
 *   PORT1     30    3                  4
 *   S3       200   50   1000 x 0.08 =  80   1000
 *   PORT2      5    1                  0
 *   S4        80    2     50 x 0.62 =  31     50
 *   total    525   77                159   1250   transfers 2 */
#define CHAIN_NODES                                         \
    NODES_HDR                                               \
    "ORIG,Origin City,city,CN,29.5,106.5,9,90\n"            \
    "BTWN,Between Yard,rail_terminal,KZ,43.2,76.9,1,10\n"   \
    "PORT1,First Port,seaport,CN,31.2,121.5,0,0\n"          \
    "PORT2,Second Port,seaport,SG,1.3,103.8,0,0\n"          \
    "DEST,Destination Town,city,MY,3.1,101.7,9,90\n"
#define CHAIN_LINKS                                         \
    LINKS_HDR                                               \
    "S1,ORIG,BTWN,rail,100,10,100,,0,Yuxinou\n"             \
    "S2,BTWN,PORT1,rail,100,10,100,,0,Yuxinou\n"            \
    "S3,PORT1,PORT2,sea,1000,50,200,,0,\n"                  \
    "S4,PORT2,DEST,road,50,2,80,,0,\n"
#define CHAIN_TRANSFERS                                     \
    TRANSFERS_HDR                                           \
    "PORT1,rail,sea,3,30,4\n"                               \
    "PORT2,sea,road,1,5,0\n"                                \
    "BTWN,rail,air,1,1,1\n"

static void test_steps_order_and_types(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CHAIN_NODES, CHAIN_LINKS, CHAIN_TRANSFERS,
                                  NULL);
    fr_route *r = route_q(net, "ORIG", "DEST", FR_OBJECTIVE_COST);
    expect_totals(r, 525, 77, 159, 1250);
    assert_int_equal(fr_route_transfer_count(r), 2);
    expect_types(r, "link dwell link transfer link transfer link");
    expect_links(r, "S1 S2 S3 S4");

    const fr_step *s = fr_route_step(r, 0);
    assert_string_equal(s->link_id, "S1");
    assert_string_equal(s->from_node, "ORIG");
    assert_string_equal(s->to_node, "BTWN");
    assert_int_equal(s->mode, FR_MODE_RAIL);
    assert_int_equal(s->to_mode, FR_MODE_RAIL);
    assert_string_equal(s->corridor, "Yuxinou");
    assert_close(s->cost_usd, 100);
    assert_close(s->co2_kg, 22);

    s = fr_route_step(r, 1);
    assert_string_equal(s->from_node, "BTWN");
    assert_string_equal(s->to_node, "BTWN");
    assert_int_equal(s->mode, FR_MODE_RAIL);
    assert_string_equal(s->corridor, "");
    assert_close(s->cost_usd, 10);
    assert_close(s->time_h, 1);

    s = fr_route_step(r, 3);
    assert_string_equal(s->from_node, "PORT1");
    assert_string_equal(s->to_node, "PORT1");
    assert_int_equal(s->mode, FR_MODE_RAIL);
    assert_int_equal(s->to_mode, FR_MODE_SEA);
    assert_close(s->cost_usd, 30);
    assert_close(s->time_h, 3);
    assert_close(s->co2_kg, 4);
    assert_close(s->distance_km, 0);

    s = fr_route_step(r, 4);
    assert_string_equal(s->link_id, "S3");
    assert_string_equal(s->corridor, "");
    assert_int_equal(s->mode, FR_MODE_SEA);

    s = fr_route_step(r, 5);
    assert_string_equal(s->from_node, "PORT2");
    assert_int_equal(s->mode, FR_MODE_SEA);
    assert_int_equal(s->to_mode, FR_MODE_ROAD);
    assert_close(s->cost_usd, 5);
    assert_close(s->time_h, 1);

    assert_null(fr_route_step(r, 7));
    fr_route_free(r);
    fr_network_free(net);
}

static void test_virtual_graph_size(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CHAIN_NODES, CHAIN_LINKS, CHAIN_TRANSFERS,
                                  NULL);
    /* modes per node: ORIG {rail}, BTWN {rail}, PORT1 {rail, sea},
     * PORT2 {sea, road}, DEST {road}: 7 (node, mode) pairs -> 14 states.
     * Edges: 4 links + 7 pass-throughs + 2 transfers (BTWN rail->air has
     * no effect: no air link at BTWN) = 13. */
    assert_int_equal(fr_network_state_count(net), 14);
    assert_int_equal(fr_network_virtual_edge_count(net), 13);
    fr_network_free(net);

    /* bidirectional links count twice: A-B and C-B rail, both ways:
     * 3 (node, mode) pairs -> 6 states; 4 link edges + 3 pass-throughs = 7 */
    net = load_net_ok(ABC_NODES,
                      LINKS_HDR "L1,A,B,rail,100,10,100,,1,\n"
                                "L2,C,B,rail,200,20,200,,1,\n",
                      NULL, NULL);
    assert_int_equal(fr_network_state_count(net), 6);
    assert_int_equal(fr_network_virtual_edge_count(net), 7);
    fr_network_free(net);
}

static char *json_error_context(const char *text)
{
    return g_strdup_printf("%.400s", text);
}

static void check_num(const mj_value *v, double want, const char *what)
{
    if (!v || v->type != MJ_NUMBER)
        fail_msg("JSON %s: missing or not a number", what);
    if (!close_rel(v->number, want, 1e-9))
        fail_msg("JSON %s = %.17g, expected %.17g", what, v->number, want);
}

static void check_str(const mj_value *v, const char *want, const char *what)
{
    if (!v || v->type != MJ_STRING)
        fail_msg("JSON %s: missing or not a string", what);
    if (strcmp(v->string, want) != 0)
        fail_msg("JSON %s = '%s', expected '%s'", what, v->string, want);
}

static mj_value *parse_or_fail(const char *text)
{
    char *perr = NULL;
    mj_value *v = mj_parse(text, &perr);
    if (!v) {
        char *ctx = json_error_context(text);
        char msg[1024];
        g_snprintf(msg, sizeof msg, "output is not JSON (%s): %s", perr, ctx);
        g_free(ctx);
        g_free(perr);
        fail_msg("%s", msg);
    }
    return v;
}

static void test_json_output(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CHAIN_NODES, CHAIN_LINKS, CHAIN_TRANSFERS,
                                  NULL);
    fr_query *q = fr_query_new("ORIG", "DEST");
    fr_query_set_quantity(q, 2);
    fr_route *r = route_ok(net, q);
    char *json = fr_route_to_json(r);
    assert_non_null(json);
    /* keys of FORMAT §3 */
    const char *keys[] = {"\"from\"", "\"to\"", "\"objective\"",
                          "\"quantity_teu\"", "\"total\"", "\"cost_usd\"",
                          "\"time_h\"", "\"co2_kg\"", "\"distance_km\"",
                          "\"transfers\"", "\"steps\"", "\"type\"",
                          "\"link\"", "\"mode\"", "\"corridor\"", "\"node\"",
                          "\"from_mode\"", "\"to_mode\""};
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
        if (!strstr(json, keys[i]))
            fail_msg("JSON lacks %s", keys[i]);

    /* exact figures, 2 TEU: totals are for the whole quantity (cost and CO2
     * doubled: 1050 USD, 318 kg; 77 h, 1250 km), steps per TEU as in the
     * API's fr_step */
    mj_value *v = parse_or_fail(json);
    check_str(mj_get(v, "from"), "ORIG", "from");
    check_str(mj_get(v, "to"), "DEST", "to");
    check_str(mj_get(v, "objective"), "cost", "objective");
    check_num(mj_get(v, "quantity_teu"), 2, "quantity_teu");
    check_num(mj_path(v, "total", "cost_usd", NULL), 1050, "total.cost_usd");
    check_num(mj_path(v, "total", "time_h", NULL), 77, "total.time_h");
    check_num(mj_path(v, "total", "co2_kg", NULL), 318, "total.co2_kg");
    check_num(mj_path(v, "total", "distance_km", NULL), 1250,
              "total.distance_km");
    check_num(mj_path(v, "total", "transfers", NULL), 2, "total.transfers");
    const mj_value *steps = mj_get(v, "steps");
    assert_non_null(steps);
    assert_int_equal(steps->type, MJ_ARRAY);
    assert_int_equal(mj_len(steps), 7);
    const char *types[] = {"link", "dwell", "link", "transfer",
                           "link", "transfer", "link"};
    for (size_t i = 0; i < 7; i++)
        check_str(mj_get(mj_at(steps, i), "type"), types[i], "steps[].type");
    const mj_value *s0 = mj_at(steps, 0);
    check_str(mj_get(s0, "link"), "S1", "steps[0].link");
    check_str(mj_get(s0, "from"), "ORIG", "steps[0].from");
    check_str(mj_get(s0, "to"), "BTWN", "steps[0].to");
    check_str(mj_get(s0, "mode"), "rail", "steps[0].mode");
    check_str(mj_get(s0, "corridor"), "Yuxinou", "steps[0].corridor");
    check_num(mj_get(s0, "cost_usd"), 100, "steps[0].cost_usd");
    check_num(mj_get(s0, "time_h"), 10, "steps[0].time_h");
    check_num(mj_get(s0, "co2_kg"), 22, "steps[0].co2_kg");
    check_num(mj_get(s0, "distance_km"), 100, "steps[0].distance_km");
    const mj_value *s1 = mj_at(steps, 1);
    check_str(mj_get(s1, "node"), "BTWN", "steps[1].node");
    check_num(mj_get(s1, "cost_usd"), 10, "steps[1].cost_usd");
    check_num(mj_get(s1, "time_h"), 1, "steps[1].time_h");
    const mj_value *s3 = mj_at(steps, 3);
    check_str(mj_get(s3, "node"), "PORT1", "steps[3].node");
    check_str(mj_get(s3, "from_mode"), "rail", "steps[3].from_mode");
    check_str(mj_get(s3, "to_mode"), "sea", "steps[3].to_mode");
    check_num(mj_get(s3, "cost_usd"), 30, "steps[3].cost_usd");
    check_num(mj_get(s3, "time_h"), 3, "steps[3].time_h");
    check_num(mj_get(s3, "co2_kg"), 4, "steps[3].co2_kg");
    const mj_value *s6 = mj_at(steps, 6);
    check_str(mj_get(s6, "link"), "S4", "steps[6].link");
    check_str(mj_get(s6, "mode"), "road", "steps[6].mode");
    check_num(mj_get(s6, "co2_kg"), 31, "steps[6].co2_kg");
    mj_free(v);
    g_free(json);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* A link whose corridor cell is `csv_cell` (as written in links.csv) must
 * come out in JSON holding exactly `label`, and its GeoJSON must parse. */
static void check_corridor_label_json(const char *csv_cell, const char *label)
{
    char *links = g_strdup_printf(LINKS_HDR "Q1,A,B,rail,100,10,100,,0,%s\n", csv_cell);
    fr_network *net = load_net_ok(
        NODES_HDR "A,A,city,CN,30,100,0,0\nB,B,city,CN,31,101,0,0\n", links, NULL, NULL);
    g_free(links);
    fr_route *r = route_q(net, "A", "B", FR_OBJECTIVE_COST);
    char *json = fr_route_to_json(r);
    mj_value *v = parse_or_fail(json);
    check_str(mj_get(mj_at(mj_get(v, "steps"), 0), "corridor"), label, "steps[0].corridor");
    mj_free(v);
    g_free(json);
    char *geo = fr_route_to_geojson(r);
    v = parse_or_fail(geo);
    mj_free(v);
    g_free(geo);
    fr_route_free(r);
    fr_network_free(net);
}

static void test_json_escapes_strings(void **state)
{
    (void)state;
    /* a quote, a backslash and non-ASCII text */
    check_corridor_label_json("\"Say \"\"hi\"\" \\ 渝新欧\"", "Say \"hi\" \\ 渝新欧");
}

static void test_json_number_precision(void **state)
{
    (void)state;
    /* small and large figures survive the JSON output to 1e-9 (relative):
     * A-B rail 0.001 km, 0.001 h, 0.001 USD, explicit 0.000123 kg;
     * B-C sea 98765432.125 km, 1234567.5 h, 987654321.75 USD, default CO2
     * 98765432.125 x 0.08 = 7901234.57 kg. B dwells 0.
     * Totals, 3 TEU: cost 3 x 987654321.751 = 2962962965.253,
     * time 1234567.501, co2 3 x (0.000123 + 7901234.57) = 23703703.710369,
     * distance 98765432.126. */
    fr_network *net = load_net_ok(
        NODES_HDR "A,A,city,CN,30,100,0,0\nB,B,seaport,CN,31,121,0,0\n"
                  "C,C,seaport,NL,52,4,0,0\n",
        LINKS_HDR "T1,A,B,rail,0.001,0.001,0.001,0.000123,0,\n"
                  "T2,B,C,sea,98765432.125,1234567.5,987654321.75,,0,\n",
        TRANSFERS_HDR "B,rail,sea,0,0,0\n", NULL);
    fr_query *q = fr_query_new("A", "C");
    fr_query_set_quantity(q, 3);
    fr_route *r = route_ok(net, q);
    expect_totals(r, 2962962965.253, 1234567.501, 23703703.710369,
                  98765432.126);
    char *json = fr_route_to_json(r);
    mj_value *v = parse_or_fail(json);
    check_num(mj_path(v, "total", "cost_usd", NULL), 2962962965.253,
              "total.cost_usd");
    check_num(mj_path(v, "total", "time_h", NULL), 1234567.501,
              "total.time_h");
    check_num(mj_path(v, "total", "co2_kg", NULL), 23703703.710369,
              "total.co2_kg");
    check_num(mj_path(v, "total", "distance_km", NULL), 98765432.126,
              "total.distance_km");
    const mj_value *s0 = mj_at(mj_get(v, "steps"), 0);
    const mj_value *co2 = mj_get(s0, "co2_kg");
    assert_non_null(co2);
    if (fabs(co2->number - 0.000123) > 1e-12)
        fail_msg("steps[0].co2_kg = %.17g, expected 0.000123", co2->number);
    const mj_value *cost = mj_get(s0, "cost_usd");
    assert_non_null(cost);
    if (fabs(cost->number - 0.001) > 1e-12)
        fail_msg("steps[0].cost_usd = %.17g, expected 0.001", cost->number);
    mj_free(v);
    g_free(json);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_json_control_characters(void **state)
{
    (void)state;
    /* a line break and a tab (a quoted CSV field) */
    check_corridor_label_json("\"two\nlines\tand tab\"", "two\nlines\tand tab");
}

static void test_geojson_reverse_link(void **state)
{
    (void)state;
    /* L2 is defined C->B; travelled B->C as L2:rev its line runs from B
     * [lon 76.9, lat 43.2] to C [lon 6.7, lat 51.4] */
    fr_network *net = load_net_ok(ABC_NODES,
                                  LINKS_HDR "L1,A,B,rail,100,10,100,,1,\n"
                                            "L2,C,B,rail,200,20,200,,1,\n",
                                  NULL, NULL);
    fr_route *r = route_q(net, "A", "C", FR_OBJECTIVE_COST);
    char *geo = fr_route_to_geojson(r);
    mj_value *v = parse_or_fail(geo);
    const mj_value *f = mj_at(mj_get(v, "features"), 1);
    check_str(mj_path(f, "properties", "link", NULL), "L2:rev",
              "properties.link");
    const mj_value *c = mj_path(f, "geometry", "coordinates", NULL);
    check_num(mj_at(mj_at(c, 0), 0), 76.9, "start lon");
    check_num(mj_at(mj_at(c, 0), 1), 43.2, "start lat");
    check_num(mj_at(mj_at(c, 1), 0), 6.7, "end lon");
    check_num(mj_at(mj_at(c, 1), 1), 51.4, "end lat");
    mj_free(v);
    g_free(geo);
    fr_route_free(r);
    fr_network_free(net);
}

static void test_geojson_output(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CHAIN_NODES, CHAIN_LINKS, CHAIN_TRANSFERS,
                                  NULL);
    fr_route *r = route_q(net, "ORIG", "DEST", FR_OBJECTIVE_COST);
    char *geo = fr_route_to_geojson(r);
    assert_non_null(geo);
    assert_non_null(strstr(geo, "FeatureCollection"));
    assert_non_null(strstr(geo, "LineString"));
    mj_value *v = parse_or_fail(geo);
    check_str(mj_get(v, "type"), "FeatureCollection", "type");
    const mj_value *features = mj_get(v, "features");
    /* one LineString per link step: 4 */
    assert_int_equal(mj_len(features), 4);
    /* [lon, lat] of each link's ends */
    const double ends[4][2][2] = {
        {{106.5, 29.5}, {76.9, 43.2}},  /* S1 ORIG -> BTWN */
        {{76.9, 43.2}, {121.5, 31.2}},  /* S2 BTWN -> PORT1 */
        {{121.5, 31.2}, {103.8, 1.3}},  /* S3 PORT1 -> PORT2 */
        {{103.8, 1.3}, {101.7, 3.1}},   /* S4 PORT2 -> DEST */
    };
    const char *ids[] = {"S1", "S2", "S3", "S4"};
    for (size_t i = 0; i < 4; i++) {
        const mj_value *f = mj_at(features, i);
        check_str(mj_get(f, "type"), "Feature", "features[].type");
        check_str(mj_path(f, "geometry", "type", NULL), "LineString",
                  "geometry.type");
        const mj_value *coords = mj_path(f, "geometry", "coordinates", NULL);
        assert_int_equal(mj_len(coords), 2);
        for (size_t k = 0; k < 2; k++) {
            const mj_value *pt = mj_at(coords, k);
            assert_true(mj_len(pt) >= 2);
            const mj_value *lon = mj_at(pt, 0), *lat = mj_at(pt, 1);
            assert_non_null(lon);
            assert_non_null(lat);
            if (fabs(lon->number - ends[i][k][0]) > 1e-6 ||
                fabs(lat->number - ends[i][k][1]) > 1e-6)
                fail_msg("feature %zu point %zu is [%g, %g], expected "
                         "[lon %g, lat %g]",
                         i, k, lon->number, lat->number, ends[i][k][0],
                         ends[i][k][1]);
        }
        check_str(mj_path(f, "properties", "link", NULL), ids[i],
                  "properties.link");
    }
    check_str(mj_path(mj_at(features, 2), "properties", "mode", NULL), "sea",
              "properties.mode");
    mj_free(v);
    g_free(geo);
    fr_route_free(r);
    fr_network_free(net);
}

static void test_text_output(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(CHAIN_NODES, CHAIN_LINKS, CHAIN_TRANSFERS,
                                  NULL);
    fr_route *r = route_q(net, "ORIG", "DEST", FR_OBJECTIVE_COST);
    char *text = fr_route_to_text(r);
    assert_non_null(text);
    assert_true(g_utf8_validate(text, -1, NULL));
    /* every node of the itinerary is named, by id or by name */
    const char *ids[] = {"ORIG", "BTWN", "PORT1", "PORT2", "DEST"};
    const char *names[] = {"Origin City", "Between Yard", "First Port",
                           "Second Port", "Destination Town"};
    for (size_t i = 0; i < 5; i++)
        if (!strstr(text, ids[i]) && !strstr(text, names[i]))
            fail_msg("text lacks %s / %s:\n%s", ids[i], names[i], text);
    /* and the total cost, 525 */
    assert_non_null(strstr(text, "525"));
    g_free(text);
    fr_route_free(r);
    fr_network_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dwell_on_pass_through_only),
        cmocka_unit_test(test_transfer_charged_with_dwell),
        cmocka_unit_test(test_transfer_needs_a_row),
        cmocka_unit_test(test_transfer_co2_defaults_to_zero),
        cmocka_unit_test(test_no_transfer_needed_at_ends),
        cmocka_unit_test(test_bidirectional_reverse_ids),
        cmocka_unit_test(test_one_way_link),
        cmocka_unit_test(test_parallel_links),
        cmocka_unit_test(test_co2_default_factors),
        cmocka_unit_test(test_co2_modes_csv_override),
        cmocka_unit_test(test_quantity_scales_cost_and_co2),
        cmocka_unit_test(test_each_objective),
        cmocka_unit_test(test_generalized),
        cmocka_unit_test(test_constraints),
        cmocka_unit_test(test_constraint_errors),
        cmocka_unit_test(test_query_errors),
        cmocka_unit_test(test_query_copy_and_getters),
        cmocka_unit_test(test_tie_lower_time_wins),
        cmocka_unit_test(test_tie_then_lower_cost_wins),
        cmocka_unit_test(test_tie_then_fewer_edges_wins),
        cmocka_unit_test(test_steps_order_and_types),
        cmocka_unit_test(test_virtual_graph_size),
        cmocka_unit_test(test_json_output),
        cmocka_unit_test(test_json_escapes_strings),
        cmocka_unit_test(test_json_number_precision),
        cmocka_unit_test(test_json_control_characters),
        cmocka_unit_test(test_geojson_reverse_link),
        cmocka_unit_test(test_geojson_output),
        cmocka_unit_test(test_text_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
