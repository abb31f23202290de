/* test_semantics_graph.c - the virtual graph and route totals of FORMAT.md
 * §2 (with the emission factors of §4 and modes.csv of §1) on small
 * networks whose answers are computed by hand in the comments: dwell,
 * transfers, bidirectional and parallel links, CO2 factors, quantity, and
 * the size of the virtual graph. Shared fixtures: semantics_fixtures.c. */
#include "semantics_fixtures.h"

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

/* ---- the virtual graph's size ---------------------------------------------- */

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
        cmocka_unit_test(test_virtual_graph_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
