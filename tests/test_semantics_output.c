/* test_semantics_output.c - a route's steps and its outputs: the steps of
 * FORMAT.md §2 in order with their figures per TEU (§5), and the JSON,
 * GeoJSON and text of §3 (keys, exact figures, escapes, number precision,
 * reverse links' geometry), on the chain network of semantics_fixtures.h
 * and small ones computed by hand in the comments. */
#include "semantics_fixtures.h"
#include "minijson.h"

#include <math.h>
#include <string.h>

/* ---- steps, transfers, outputs ------------------------------------------- */

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
    /* one LineString per link step: 4, then a Point per transfer step: 2 */
    assert_int_equal(mj_len(features), 4 + 2);
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
        cmocka_unit_test(test_steps_order_and_types),
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
