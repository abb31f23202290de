/* test_builder.c - networks built in memory (fr_network_builder) and any
 * network exported (fr_network_export), against independent checks:
 *
 * - round trip: the embedded network, the sample, every loadable network
 *   under tests/data and a scenario's network are exported, loaded back and
 *   compared with the original row by row (every node, link, transfer,
 *   factor, waypoint, validity, service and closure; figures compared bit
 *   for bit with memcmp) and by the totals of routes for several pairs and
 *   objectives (and dated routes on the embedded network);
 * - the builder: a hand network whose route totals are summed by hand in
 *   the test; the same rows written by the test as CSV files and loaded
 *   with fr_network_load_dir() give the same network; values with commas,
 *   quotes and line breaks, and doubles that need 17 digits, survive;
 * - bad rows through the builder: each error's code and its message naming
 *   "<file> row N" (services.csv, closures.csv, modes.csv and network.csv
 *   too); misuse (NULL, unknown file, unknown column) is FR_ERROR_QUERY;
 * - export: a non-empty directory without FR_EXPORT_OVERWRITE, with it,
 *   a file in the way, missing parents, a directory where a file goes,
 *   a closure the files cannot say; what is left on disk after each error.
 */
#include "helpers.h"
#include "network.h" /* the model behind a network: services, closures, waypoints */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static bool same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

#define assert_same_double(a, b)                                                             \
    do {                                                                                     \
        double a_ = (a), b_ = (b);                                                           \
        if (!same_double(a_, b_))                                                            \
            fail_msg("%s: %.17g and %.17g differ (%s:%d)", #a, a_, b_, __FILE__, __LINE__); \
    } while (0)

static fr_network *load_dir_ok(const char *dir)
{
    GError *err = NULL;
    return expect_loaded(fr_network_load_dir(dir, &err), err);
}

static void export_ok(const fr_network *net, const char *dir, unsigned flags)
{
    GError *err = NULL;
    bool ok = fr_network_export(net, dir, flags, &err);
    if (!ok)
        fail_msg("export to %s: %s", dir, err ? err->message : "(no error)");
    assert_null(err);
}

/* ---- comparing two networks ----------------------------------------------- */

static void compare_nodes(const fr_network *a, const fr_network *b)
{
    assert_int_equal(fr_network_node_count(a), fr_network_node_count(b));
    for (size_t i = 0; i < fr_network_node_count(a); i++) {
        fr_node_info x, y;
        assert_true(fr_network_node(a, i, &x));
        assert_true(fr_network_node(b, i, &y));
        assert_string_equal(x.id, y.id);
        assert_string_equal(x.name, y.name);
        assert_int_equal(x.kind, y.kind);
        assert_string_equal(x.country, y.country);
        assert_string_equal(x.source, y.source);
        assert_same_double(x.lat, y.lat);
        assert_same_double(x.lon, y.lon);
        assert_same_double(x.dwell_h, y.dwell_h);
        assert_same_double(x.dwell_usd, y.dwell_usd);
        assert_string_equal(g_time_zone_get_identifier(fr_network_node_timezone(a, i)),
                            g_time_zone_get_identifier(fr_network_node_timezone(b, i)));
    }
}

/* A link's shape and validity, read from the model. */
static void compare_link_extras(const fr_model *ma, const fr_model *mb, size_t i)
{
    const fr_link *la = FR_LINK(ma, i), *lb = FR_LINK(mb, i);
    assert_int_equal(la->valid_from, lb->valid_from);
    assert_int_equal(la->valid_to, lb->valid_to);
    assert_int_equal(la->waypoint_count, lb->waypoint_count);
    for (uint32_t w = 0; w < la->waypoint_count; w++) {
        const fr_waypoint *pa =
            &g_array_index(ma->waypoints, fr_waypoint, la->waypoint_first + w);
        const fr_waypoint *pb =
            &g_array_index(mb->waypoints, fr_waypoint, lb->waypoint_first + w);
        assert_same_double(pa->lon, pb->lon);
        assert_same_double(pa->lat, pb->lat);
    }
}

static void compare_links(const fr_network *a, const fr_network *b)
{
    assert_int_equal(fr_network_link_count(a), fr_network_link_count(b));
    for (size_t i = 0; i < fr_network_link_count(a); i++) {
        fr_link_info x, y;
        assert_true(fr_network_link(a, i, &x));
        assert_true(fr_network_link(b, i, &y));
        assert_string_equal(x.id, y.id);
        assert_string_equal(x.from, y.from);
        assert_string_equal(x.to, y.to);
        assert_int_equal(x.mode, y.mode);
        assert_same_double(x.distance_km, y.distance_km);
        assert_same_double(x.time_h, y.time_h);
        assert_same_double(x.cost_usd, y.cost_usd);
        assert_same_double(x.co2_kg, y.co2_kg);
        assert_int_equal(x.bidirectional, y.bidirectional);
        assert_string_equal(x.corridor, y.corridor);
        assert_string_equal(x.source, y.source);
        compare_link_extras(&a->model, &b->model, i);
    }
}

static void compare_transfers_and_factors(const fr_network *a, const fr_network *b)
{
    assert_int_equal(fr_network_transfer_count(a), fr_network_transfer_count(b));
    for (size_t i = 0; i < fr_network_transfer_count(a); i++) {
        fr_transfer_info x, y;
        assert_true(fr_network_transfer(a, i, &x));
        assert_true(fr_network_transfer(b, i, &y));
        assert_string_equal(x.node, y.node);
        assert_int_equal(x.from_mode, y.from_mode);
        assert_int_equal(x.to_mode, y.to_mode);
        assert_same_double(x.time_h, y.time_h);
        assert_same_double(x.cost_usd, y.cost_usd);
        assert_same_double(x.co2_kg, y.co2_kg);
        assert_string_equal(x.source, y.source);
    }
    for (int m = 0; m < FR_MODE_COUNT; m++)
        assert_same_double(fr_network_co2_factor(a, (fr_mode)m),
                           fr_network_co2_factor(b, (fr_mode)m));
}

static void compare_services(const fr_model *a, const fr_model *b)
{
    assert_int_equal(a->services->len, b->services->len);
    for (guint i = 0; i < a->services->len; i++) {
        const fr_service *x = FR_SERVICE(a, i), *y = FR_SERVICE(b, i);
        assert_string_equal(x->id, y->id);
        assert_string_equal(x->source, y->source);
        assert_string_equal(FR_LINK(a, x->link)->id, FR_LINK(b, y->link)->id);
        assert_int_equal(x->reverse, y->reverse);
        assert_same_double(x->cutoff_h, y->cutoff_h);
        assert_int_equal(x->valid_from, y->valid_from);
        assert_int_equal(x->valid_to, y->valid_to);
        assert_int_equal(x->count, y->count);
        for (uint32_t k = 0; k < x->count; k++)
            assert_int_equal(g_array_index(a->departures, guint16, x->first + k),
                             g_array_index(b->departures, guint16, y->first + k));
    }
}

static void compare_closures(const fr_model *a, const fr_model *b)
{
    assert_int_equal(a->closures->len, b->closures->len);
    for (guint i = 0; i < a->closures->len; i++) {
        const fr_closure *x = FR_CLOSURE(a, i), *y = FR_CLOSURE(b, i);
        assert_int_equal(x->is_node, y->is_node);
        assert_string_equal(x->is_node ? FR_NODE(a, x->ref)->id : FR_LINK(a, x->ref)->id,
                            y->is_node ? FR_NODE(b, y->ref)->id : FR_LINK(b, y->ref)->id);
        assert_int_equal(x->forward, y->forward);
        assert_int_equal(x->reverse, y->reverse);
        assert_same_double(x->from, y->from);
        assert_same_double(x->to, y->to);
        assert_string_equal(x->reason, y->reason);
        assert_string_equal(x->source, y->source);
    }
    assert_int_equal(a->reference_day, b->reference_day);
    assert_true((a->name == NULL) == (b->name == NULL));
    if (a->name)
        assert_string_equal(a->name, b->name);
}

/* Both networks answer the query alike: the same links and the same totals
 * bit for bit, or the same error code. */
static void compare_route(const fr_network *a, const fr_network *b, const fr_query *q)
{
    GError *ea = NULL, *eb = NULL;
    fr_route *ra = fr_network_route(a, q, &ea), *rb = fr_network_route(b, q, &eb);
    assert_true((ra == NULL) == (rb == NULL));
    if (!ra) {
        assert_int_equal(ea->code, eb->code);
        g_error_free(ea);
        g_error_free(eb);
        return;
    }
    char *ids_a = route_link_ids(ra), *ids_b = route_link_ids(rb);
    assert_string_equal(ids_a, ids_b);
    assert_same_double(fr_route_total_cost_usd(ra), fr_route_total_cost_usd(rb));
    assert_same_double(fr_route_total_time_h(ra), fr_route_total_time_h(rb));
    assert_same_double(fr_route_total_co2_kg(ra), fr_route_total_co2_kg(rb));
    assert_same_double(fr_route_total_distance_km(ra), fr_route_total_distance_km(rb));
    g_free(ids_a);
    g_free(ids_b);
    fr_route_free(ra);
    fr_route_free(rb);
}

/* Routes between up to 12 spread pairs for every objective. */
static void compare_routes(const fr_network *a, const fr_network *b)
{
    size_t n = fr_network_node_count(a);
    for (size_t k = 0; n > 1 && k < 12; k++) {
        fr_node_info from, to;
        fr_network_node(a, (k * 5) % n, &from);
        fr_network_node(a, (k * 11 + n / 2 + 1) % n, &to);
        fr_query *q = fr_query_new(from.id, to.id);
        for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
            fr_query_set_objective(q, (fr_objective)o);
            fr_query_set_value_of_time(q, o == FR_OBJECTIVE_GENERALIZED ? 12.5 : 0);
            compare_route(a, b, q);
        }
        fr_query_free(q);
    }
}

/* Two NULL-terminated lists of strings hold the same strings in order. */
static void compare_lists(const char *const *a, const char *const *b)
{
    assert_true((a == NULL) == (b == NULL));
    for (size_t i = 0; a && (a[i] || b[i]); i++) {
        assert_non_null(a[i]);
        assert_non_null(b[i]);
        assert_string_equal(a[i], b[i]);
    }
}

static void compare_networks(const fr_network *a, const fr_network *b)
{
    compare_lists(fr_network_corridors(a), fr_network_corridors(b));
    compare_lists(fr_network_countries(a), fr_network_countries(b));
    compare_nodes(a, b);
    compare_links(a, b);
    compare_transfers_and_factors(a, b);
    compare_services(&a->model, &b->model);
    compare_closures(&a->model, &b->model);
    compare_routes(a, b);
}

/* Exports net, loads it back, compares, and returns the directory's files
 * removed. */
static void round_trip(const fr_network *net)
{
    char *dir = make_tmp_dir();
    export_ok(net, dir, 0); /* an empty directory needs no flag */
    fr_network *back = load_dir_ok(dir);
    compare_networks(net, back);
    fr_network_free(back);
    remove_dir(dir);
    g_free(dir);
}

/* ---- round trips ------------------------------------------------------------ */

/* Dated routes from CNCKG to DEDUI departing 2019-07-02T08:00 answer alike. */
static void compare_dated(const fr_network *a, const fr_network *b)
{
    GError *err = NULL;
    GDateTime *t = fr_network_parse_datetime(a, "CNCKG", "2019-07-02T08:00", &err);
    assert_non_null(t);
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_departure(q, t);
    for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
        fr_query_set_objective(q, (fr_objective)o);
        compare_route(a, b, q);
    }
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_route *ra = route_ok(a, q), *rb = route_ok(b, q);
    assert_true(fr_route_is_dated(ra) && fr_route_is_dated(rb));
    assert_true(g_date_time_equal(fr_route_arrival(ra), fr_route_arrival(rb)));
    fr_route_free(ra);
    fr_route_free(rb);
    fr_query_free(q);
    g_date_time_unref(t);
}

static void test_round_trip_default(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *net = expect_loaded(fr_network_load_default(&err), err);
    /* the embedded network has every kind of row the export must keep */
    assert_true(net->model.services->len > 0);
    assert_true(net->model.closures->len > 0);
    assert_true(net->model.waypoints->len > 0);
    round_trip(net);
    char *dir = make_tmp_dir();
    export_ok(net, dir, 0);
    fr_network *back = load_dir_ok(dir);
    compare_dated(net, back);
    fr_network_free(back);
    remove_dir(dir);
    g_free(dir);
    fr_network_free(net);
}

static void test_round_trip_sample_and_test_data(void **state)
{
    (void)state;
    fr_network *sample = load_dir_ok(FR_SOURCE_DIR "/examples/data/sample");
    round_trip(sample);
    fr_network_free(sample);
    GDir *data = g_dir_open(FR_TEST_DATA, 0, NULL);
    assert_non_null(data);
    int loaded = 0;
    const char *name;
    while ((name = g_dir_read_name(data))) {
        char *path = g_build_filename(FR_TEST_DATA, name, NULL);
        fr_network *net = fr_network_load_dir(path, NULL); /* those that load */
        if (net) {
            round_trip(net);
            fr_network_free(net);
            loaded++;
        }
        g_free(path);
    }
    g_dir_close(data);
    assert_true(loaded >= 1);
}

static void test_round_trip_scenarios(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *base = expect_loaded(fr_network_load_default(&err), err);
    const char *const *names = fr_scenario_embedded_names();
    assert_non_null(names[0]);
    for (const char *const *name = names; *name; name++) {
        fr_scenario *scenario = fr_scenario_load_embedded(*name, &err);
        assert_non_null(scenario);
        fr_network *changed = expect_loaded(fr_network_apply_scenario(base, scenario, &err), err);
        round_trip(changed);
        fr_network_free(changed);
        fr_scenario_free(scenario);
    }
    fr_network_free(base);
}

/* ---- the builder: a hand network --------------------------------------------- */

static void add_hand_rows(fr_network_builder *b)
{
    GError *err = NULL;
    const fr_node_info a = {"A", "Alpha", FR_NODE_CITY, "CN", 29.5, 106.5, 0, 0, "hand"};
    const fr_node_info border = {"B", "Border", FR_NODE_BORDER, "KZ", 44.2, 80.4, 5, 40, NULL};
    assert_true(fr_network_builder_add_node(b, &a, &err));
    assert_true(fr_network_builder_add_node(b, &border, &err));
    const char *node_cols[] = {"id", "name", "kind", "country", "lat", "lon"};
    const char *node_vals[] = {"C", "Gamma", "city", "DE", "51.4", "6.8"};
    assert_true(fr_network_builder_add_row(b, "nodes.csv", node_cols, node_vals, 6, &err));
    const fr_link_info l1 = {"L1",  "A",  "B",   FR_MODE_RAIL, 1000, 20, 300, NAN, false,
                             "Yuxinou", "hand"};
    const fr_link_info l2 = {"L2", "B", "C", FR_MODE_ROAD, 200, 4, 150, 12.5, true, NULL, NULL};
    assert_true(fr_network_builder_add_link(b, &l1, &err));
    assert_true(fr_network_builder_add_link(b, &l2, &err));
    const char *link_cols[] = {"id", "from", "to", "mode", "distance_km", "time_h", "cost_usd"};
    const char *link_vals[] = {"L3", "A", "C", "road", "1500", "30", "900"};
    assert_true(fr_network_builder_add_row(b, "links.csv", link_cols, link_vals, 7, &err));
    const fr_transfer_info t = {"B", FR_MODE_RAIL, FR_MODE_ROAD, 3, 25, 2, "hand"};
    assert_true(fr_network_builder_add_transfer(b, &t, &err));
    assert_null(err);
}

/* The same rows as files, written by hand. */
static const char hand_nodes[] =
    "id,name,kind,country,lat,lon,dwell_h,dwell_usd,source\n"
    "A,Alpha,city,CN,29.5,106.5,0,0,hand\n"
    "B,Border,border,KZ,44.2,80.4,5,40,\n"
    "C,Gamma,city,DE,51.4,6.8,,,\n";
static const char hand_links[] =
    "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,bidirectional,corridor,source\n"
    "L1,A,B,rail,1000,20,300,,0,Yuxinou,hand\n"
    "L2,B,C,road,200,4,150,12.5,1,,\n"
    "L3,A,C,road,1500,30,900,,,,\n";
static const char hand_transfers[] = "node,from_mode,to_mode,time_h,cost_usd,co2_kg,source\n"
                                     "B,rail,road,3,25,2,hand\n";

static void test_builder_hand_network(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network_builder *b = fr_network_builder_new();
    add_hand_rows(b);
    fr_network *net = expect_loaded(fr_network_builder_build(b, &err), err);
    /* cheapest: L1 + dwell and transfer at B + L2 */
    fr_query *q = fr_query_new("A", "C");
    fr_route *r = route_ok(net, q);
    expect_text(route_link_ids(r), "L1 L2", "cheapest A-C");
    assert_same_double(fr_route_total_cost_usd(r), 300 + 40 + 25 + 150);
    assert_same_double(fr_route_total_time_h(r), 20 + 5 + 3 + 4);
    assert_same_double(fr_route_total_distance_km(r), 1200);
    assert_close(fr_route_total_co2_kg(r), 1000 * fr_mode_default_co2_factor(FR_MODE_RAIL) + 2 + 12.5);
    fr_route_free(r);
    /* fastest: the direct road, 30 h against 32 */
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    r = route_ok(net, q);
    expect_text(route_link_ids(r), "L3", "fastest A-C");
    assert_same_double(fr_route_total_cost_usd(r), 900);
    assert_same_double(fr_route_total_time_h(r), 30);
    assert_close(fr_route_total_co2_kg(r), 1500 * fr_mode_default_co2_factor(FR_MODE_ROAD));
    fr_route_free(r);
    /* L2 is bidirectional: C to B on its reverse */
    fr_query_set_endpoints(q, "C", "B");
    r = route_ok(net, q);
    expect_text(route_link_ids(r), "L2:rev", "C-B");
    assert_same_double(fr_route_total_cost_usd(r), 150);
    fr_route_free(r);
    fr_query_free(q);
    /* the same rows as files */
    fr_network *files = load_net_ok(hand_nodes, hand_links, hand_transfers, NULL);
    compare_networks(net, files);
    fr_network_free(files);
    fr_network_free(net);
    fr_network_builder_free(b);
}

static void test_builder_reusable(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network_builder *b = fr_network_builder_new();
    add_hand_rows(b);
    fr_network *first = expect_loaded(fr_network_builder_build(b, &err), err);
    fr_network *again = expect_loaded(fr_network_builder_build(b, &err), err);
    compare_networks(first, again);
    const fr_node_info d = {"D", "Delta", FR_NODE_SEAPORT, "NL", 51.9, 4.5, 0, 0, ""};
    const fr_link_info l4 = {"L4", "C", "D", FR_MODE_ROAD, 250, 5, 200, NAN, false, "", ""};
    assert_true(fr_network_builder_add_node(b, &d, &err));
    assert_true(fr_network_builder_add_link(b, &l4, &err));
    fr_network *more = expect_loaded(fr_network_builder_build(b, &err), err);
    assert_int_equal(fr_network_node_count(first), 3);
    assert_int_equal(fr_network_node_count(more), 4);
    assert_int_equal(fr_network_link_count(more), 4);
    fr_query *q = fr_query_new("A", "D");
    fr_route *r = route_ok(more, q);
    assert_same_double(fr_route_total_cost_usd(r), 300 + 40 + 25 + 150 + 200);
    fr_route_free(r);
    route_fails(first, q, FR_ERROR_QUERY); /* the first network is unchanged */
    fr_query_free(q);
    fr_network_free(more);
    fr_network_free(again);
    fr_network_free(first);
    fr_network_builder_free(b);
}

/* Strings with commas, quotes and line breaks, and doubles that need 17
 * digits, come out of the builder and of an export as they went in. */
static void test_builder_exact_values(void **state)
{
    (void)state;
    GError *err = NULL;
    const char *tricky = "Port \"North\", Quay 3\nsecond line";
    const double lat = 0.1 + 0.2, lon = 1.0 / 3.0, dist = 1e-5 + 1e6, time = 2.0 / 3.0;
    fr_network_builder *b = fr_network_builder_new();
    const fr_node_info a = {"A", tricky, FR_NODE_SEAPORT, "CN", lat, lon, 0.7, 1e-7, tricky};
    const fr_node_info c = {"C", "C", FR_NODE_CITY, "CN", -lat, -lon, 0, 0, "a,b"};
    const fr_link_info l = {"L", "A", "C", FR_MODE_SEA, dist, time, 0.1 * 3, 5e-324, false,
                            "Lane, \"one\"", tricky};
    assert_true(fr_network_builder_add_node(b, &a, &err));
    assert_true(fr_network_builder_add_node(b, &c, &err));
    assert_true(fr_network_builder_add_link(b, &l, &err));
    fr_network *net = expect_loaded(fr_network_builder_build(b, &err), err);
    fr_node_info n;
    assert_true(fr_network_node(net, 0, &n));
    assert_string_equal(n.name, tricky);
    assert_string_equal(n.source, tricky);
    assert_same_double(n.lat, lat);
    assert_same_double(n.lon, lon);
    assert_same_double(n.dwell_usd, 1e-7);
    fr_link_info li;
    assert_true(fr_network_link(net, 0, &li));
    assert_same_double(li.distance_km, dist);
    assert_same_double(li.time_h, time);
    assert_same_double(li.cost_usd, 0.1 * 3);
    assert_same_double(li.co2_kg, 5e-324);
    assert_string_equal(li.corridor, "Lane, \"one\"");
    assert_string_equal(li.source, tricky);
    round_trip(net);
    fr_network_free(net);
    fr_network_builder_free(b);
}

/* A link's co2_kg left to the default is written empty, so that a changed
 * factor in modes.csv applies to it; a given one is written as given. */
static void test_export_co2_default_left_empty(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network_builder *b = fr_network_builder_new();
    add_hand_rows(b);
    fr_network *net = expect_loaded(fr_network_builder_build(b, &err), err);
    char *dir = make_tmp_dir();
    export_ok(net, dir, 0);
    char *path = g_build_filename(dir, "links.csv", NULL);
    char *text = read_whole_file(path, NULL);
    char **lines = g_strsplit(text, "\n", -1);
    char **header = g_strsplit(lines[0], ",", -1);
    int co2 = -1;
    for (int i = 0; header[i]; i++)
        if (g_str_equal(header[i], "co2_kg"))
            co2 = i;
    assert_true(co2 >= 0);
    const char *want[] = {"", "12.5", ""}; /* L1, L2, L3 */
    for (int row = 0; row < 3; row++) {
        char **cells = g_strsplit(lines[row + 1], ",", -1);
        assert_true(g_strv_length(cells) > (guint)co2);
        assert_string_equal(cells[co2], want[row]);
        g_strfreev(cells);
    }
    g_strfreev(header);
    g_strfreev(lines);
    g_free(text);
    g_free(path);
    remove_dir(dir);
    g_free(dir);
    fr_network_free(net);
    fr_network_builder_free(b);
}

/* ---- the builder: bad rows ------------------------------------------------------ */

/* Builds b and expects an error of `code` whose message contains `where`
 * and `what`. */
static void build_fails(fr_network_builder *b, int code, const char *where, const char *what)
{
    GError *err = NULL;
    fr_network *net = fr_network_builder_build(b, &err);
    assert_null(net);
    check_error(err, code, where, what);
    g_error_free(err);
}

/* A builder holding the hand rows, one more row added to `file`. */
static fr_network_builder *hand_plus(const char *file, const char *const *cols,
                                     const char *const *vals, size_t n)
{
    GError *err = NULL;
    fr_network_builder *b = fr_network_builder_new();
    add_hand_rows(b);
    if (file)
        assert_true(fr_network_builder_add_row(b, file, cols, vals, n, &err));
    assert_null(err);
    return b;
}

static void test_builder_bad_links(void **state)
{
    (void)state;
    GError *err = NULL;
    const char *cols[] = {"id", "from", "to", "mode", "distance_km", "time_h", "cost_usd"};
    const char *unknown[] = {"L4", "A", "ZZZ", "rail", "10", "1", "1"};
    fr_network_builder *b = hand_plus("links.csv", cols, unknown, 7);
    build_fails(b, FR_ERROR_INVALID, "links.csv row 4: ", "unknown node 'ZZZ'");
    fr_network_builder_free(b);

    const char *negative[] = {"L4", "A", "C", "rail", "10", "1", "-5"};
    b = hand_plus("links.csv", cols, negative, 7);
    build_fails(b, FR_ERROR_INVALID, "links.csv row 4: ",
                "column 'cost_usd' must not be negative (got -5)");
    fr_network_builder_free(b);

    const char *duplicate[] = {"L2", "A", "C", "rail", "10", "1", "1"};
    b = hand_plus("links.csv", cols, duplicate, 7);
    build_fails(b, FR_ERROR_INVALID, "links.csv row 4: ", "duplicate id 'L2' (first on row 2)");
    fr_network_builder_free(b);

    const char *mode[] = {"L4", "A", "C", "ship", "10", "1", "1"};
    b = hand_plus("links.csv", cols, mode, 7);
    build_fails(b, FR_ERROR_INVALID, "links.csv row 4: ", "unknown mode 'ship'");
    fr_network_builder_free(b);

    /* typed: an invalid mode, and a figure that is not finite */
    b = hand_plus(NULL, NULL, NULL, 0);
    const fr_link_info bad_mode = {"L4", "A", "C", (fr_mode)42, 10, 1, 1, NAN, false, "", ""};
    assert_true(fr_network_builder_add_link(b, &bad_mode, &err));
    build_fails(b, FR_ERROR_INVALID, "links.csv row 4: ", "unknown mode");
    fr_network_builder_free(b);
    b = hand_plus(NULL, NULL, NULL, 0);
    const fr_link_info infinite = {"L4", "A", "C", FR_MODE_RAIL, INFINITY, 1, 1, NAN, false,
                                   "", ""};
    assert_true(fr_network_builder_add_link(b, &infinite, &err));
    build_fails(b, FR_ERROR_INVALID, "links.csv row 4: ", "distance_km");
    fr_network_builder_free(b);
}

static void test_builder_bad_nodes(void **state)
{
    (void)state;
    const char *cols[] = {"id", "name", "kind", "country", "lat", "lon"};
    const char *duplicate[] = {"A", "Again", "city", "CN", "1", "2"};
    fr_network_builder *b = hand_plus("nodes.csv", cols, duplicate, 6);
    build_fails(b, FR_ERROR_INVALID, "nodes.csv row 4: ", "duplicate id 'A' (first on row 1)");
    fr_network_builder_free(b);

    /* the first row's columns are the file's: timezone must come first */
    GError *err = NULL;
    b = fr_network_builder_new();
    const char *zone_cols[] = {"id", "name", "kind", "country", "lat", "lon", "timezone"};
    const char *good[] = {"A", "Alpha", "city", "CN", "1", "2", "Asia/Shanghai"};
    const char *bad[] = {"B", "Beta", "city", "CN", "1", "2", "Mars/Olympus"};
    assert_true(fr_network_builder_add_row(b, "nodes.csv", zone_cols, good, 7, &err));
    assert_true(fr_network_builder_add_row(b, "nodes.csv", zone_cols, bad, 7, &err));
    build_fails(b, FR_ERROR_INVALID, "nodes.csv row 2: ", "unknown time zone 'Mars/Olympus'");
    fr_network_builder_free(b);

    /* a value spanning lines does not shift the rows' numbers */
    b = fr_network_builder_new();
    const char *multi[] = {"A", "two\nlines\nname", "city", "CN", "1", "2", ""};
    const char *latitude[] = {"B", "Beta", "city", "CN", "91", "2", ""};
    assert_true(fr_network_builder_add_row(b, "nodes.csv", zone_cols, multi, 7, &err));
    assert_true(fr_network_builder_add_row(b, "nodes.csv", zone_cols, latitude, 7, &err));
    build_fails(b, FR_ERROR_INVALID, "nodes.csv row 2: ", "lat 91 is outside [-90, 90]");
    fr_network_builder_free(b);

    /* invalid UTF-8 is named by row and column */
    b = fr_network_builder_new();
    const char *latin1[] = {"A", "Z\xfcrich", "city", "CH", "1", "2", ""};
    assert_true(fr_network_builder_add_row(b, "nodes.csv", zone_cols, latin1, 7, &err));
    build_fails(b, FR_ERROR_INVALID, "nodes.csv row 1: ", "column 'name' is not valid UTF-8");
    fr_network_builder_free(b);

    /* nodes.csv is required */
    b = fr_network_builder_new();
    build_fails(b, FR_ERROR_INVALID, "nodes.csv", "missing from the network builder");
    fr_network_builder_free(b);
    assert_null(err);
}

static void test_builder_bad_other_files(void **state)
{
    (void)state;
    const char *mode_cols[] = {"mode", "co2_kg_per_teu_km"};
    const char *rail[] = {"rail", "0.02"};
    fr_network_builder *b = hand_plus("modes.csv", mode_cols, rail, 2);
    GError *err = NULL;
    assert_true(fr_network_builder_add_row(b, "modes.csv", mode_cols, rail, 2, &err));
    build_fails(b, FR_ERROR_INVALID, "modes.csv row 2: ", "mode 'rail' is listed twice");
    fr_network_builder_free(b);

    const char *net_cols[] = {"key", "value"};
    const char *date[] = {"reference_date", "2019-02-30"};
    b = hand_plus("network.csv", net_cols, date, 2);
    build_fails(b, FR_ERROR_INVALID, "network.csv row 1: ", "reference_date '2019-02-30'");
    fr_network_builder_free(b);

    const char *service_cols[] = {"id", "link", "departures"};
    const char *s1[] = {"S1", "L2:rev", "Mon 08:00"};
    const char *s2[] = {"S2", "L1:rev", "Tue 08:00"};
    b = hand_plus("services.csv", service_cols, s1, 3);
    assert_true(fr_network_builder_add_row(b, "services.csv", service_cols, s2, 3, &err));
    build_fails(b, FR_ERROR_INVALID, "services.csv row 2: ", "'L1' is not bidirectional");
    fr_network_builder_free(b);

    const char *s3[] = {"S1", "L2", "Mon 09:00"};
    b = hand_plus("services.csv", service_cols, s1, 3);
    assert_true(fr_network_builder_add_row(b, "services.csv", service_cols, s3, 3, &err));
    build_fails(b, FR_ERROR_INVALID, "services.csv row 2: ",
                "duplicate service id 'S1' (first on row 1)");
    fr_network_builder_free(b);

    const char *tr_dup_cols[] = {"node", "from_mode", "to_mode", "time_h", "cost_usd"};
    const char *tr_dup[] = {"B", "rail", "road", "1", "1"};
    b = hand_plus("transfers.csv", tr_dup_cols, tr_dup, 5);
    build_fails(b, FR_ERROR_INVALID, "transfers.csv row 2: ",
                "duplicate transfer at 'B' from rail to road (first on row 1)");
    fr_network_builder_free(b);

    const char *closure_cols[] = {"from", "to", "link", "node"};
    const char *neither[] = {"2019-07-01T00:00Z", "2019-07-02T00:00Z", "", ""};
    b = hand_plus("closures.csv", closure_cols, neither, 4);
    build_fails(b, FR_ERROR_INVALID, "closures.csv row 1: ", "a closure needs a link or a node");
    fr_network_builder_free(b);

    /* a transfer that has no effect warns, naming its row */
    const char *tr_cols[] = {"node", "from_mode", "to_mode", "time_h", "cost_usd"};
    const char *useless[] = {"A", "sea", "rail", "1", "1"};
    b = hand_plus("transfers.csv", tr_cols, useless, 5);
    fr_network *net = expect_loaded(fr_network_builder_build(b, &err), err);
    const char *const *warnings = fr_network_warnings(net);
    assert_non_null(warnings[0]);
    assert_non_null(strstr(warnings[0], "transfers.csv row 2: no sea link at 'A'"));
    fr_network_free(net);
    fr_network_builder_free(b);
}

/* Misuse is an FR_ERROR_QUERY at once; the row is not added. */
static void test_builder_misuse(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network_builder *b = fr_network_builder_new();
    add_hand_rows(b);
    const char *cols[] = {"id", "name", "kind", "country", "lat", "lon", "timezone"};
    const char *vals[] = {"D", "Delta", "city", "CN", "1", "2", "UTC"};
    assert_false(fr_network_builder_add_row(b, "stations.csv", cols, vals, 6, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "unknown file 'stations.csv'");
    g_clear_error(&err);
    assert_false(fr_network_builder_add_row(b, "nodes.csv", cols, vals, 7, &err));
    check_error(err, FR_ERROR_QUERY, "nodes.csv", "column 'timezone' is not in the file's first row");
    g_clear_error(&err);
    const char *twice[] = {"id", "id"};
    assert_false(fr_network_builder_add_row(b, "nodes.csv", twice, vals, 2, &err));
    check_error(err, FR_ERROR_QUERY, "nodes.csv", "column 'id' is given twice");
    g_clear_error(&err);
    assert_false(fr_network_builder_add_row(NULL, "nodes.csv", cols, vals, 6, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "builder is NULL");
    g_clear_error(&err);
    assert_false(fr_network_builder_add_row(b, NULL, cols, vals, 6, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "file is NULL");
    g_clear_error(&err);
    assert_false(fr_network_builder_add_row(b, "nodes.csv", NULL, vals, 6, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "columns is NULL");
    g_clear_error(&err);
    assert_false(fr_network_builder_add_row(b, "nodes.csv", cols, NULL, 6, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "values is NULL");
    g_clear_error(&err);
    const char *no_name[] = {"id", NULL};
    assert_false(fr_network_builder_add_row(b, "nodes.csv", no_name, vals, 2, &err));
    check_error(err, FR_ERROR_QUERY, "nodes.csv", "column 2 of the row has no name");
    g_clear_error(&err);
    assert_false(fr_network_builder_add_node(b, NULL, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "node is NULL");
    g_clear_error(&err);
    assert_false(fr_network_builder_add_link(b, NULL, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "link is NULL");
    g_clear_error(&err);
    assert_false(fr_network_builder_add_transfer(b, NULL, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "transfer is NULL");
    g_clear_error(&err);
    assert_null(fr_network_builder_build(NULL, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "builder is NULL");
    g_clear_error(&err);
    fr_network_builder_free(NULL);
    /* none of the refused rows was added */
    fr_network *net = expect_loaded(fr_network_builder_build(b, &err), err);
    assert_int_equal(fr_network_node_count(net), 3);
    fr_network_free(net);
    fr_network_builder_free(b);
}

/* ---- export: the directory --------------------------------------------------------- */

static fr_network *sample_network(void)
{
    return load_dir_ok(FR_SOURCE_DIR "/examples/data/sample");
}

static void write_text(const char *dir, const char *name, const char *text)
{
    char *path = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    g_free(path);
}

static bool exists_in(const char *dir, const char *name)
{
    char *path = g_build_filename(dir, name, NULL);
    bool exists = g_file_test(path, G_FILE_TEST_EXISTS);
    g_free(path);
    return exists;
}

static void expect_text_file(const char *dir, const char *name, const char *want)
{
    char *path = g_build_filename(dir, name, NULL);
    expect_text(read_whole_file(path, NULL), want, name);
    g_free(path);
}

static void test_export_refuses_non_empty(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *net = sample_network();
    char *dir = make_tmp_dir();
    write_text(dir, "notes.txt", "mine");
    assert_false(fr_network_export(net, dir, 0, &err));
    check_error(err, FR_ERROR_IO, dir, "not empty");
    g_clear_error(&err);
    assert_false(exists_in(dir, "nodes.csv"));
    /* with the flag: written, and nothing else touched */
    export_ok(net, dir, FR_EXPORT_OVERWRITE);
    expect_text_file(dir, "notes.txt", "mine");
    fr_network *back = load_dir_ok(dir);
    compare_networks(net, back);
    fr_network_free(back);
    remove_dir(dir);
    g_free(dir);
    fr_network_free(net);
}

/* Overwriting a dated network's files with an undated one removes the
 * services, closures and network.csv it has no rows for. */
static void test_export_overwrite_removes_stale(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *dated = expect_loaded(fr_network_load_default(&err), err);
    fr_network *plain = sample_network();
    char *dir = make_tmp_dir();
    export_ok(dated, dir, 0);
    assert_true(exists_in(dir, "services.csv") && exists_in(dir, "closures.csv") &&
                exists_in(dir, "network.csv"));
    export_ok(plain, dir, FR_EXPORT_OVERWRITE);
    assert_false(exists_in(dir, "services.csv") || exists_in(dir, "closures.csv") ||
                 exists_in(dir, "network.csv"));
    fr_network *back = load_dir_ok(dir);
    compare_networks(plain, back);
    assert_false(fr_network_is_timetabled(back));
    fr_network_free(back);
    remove_dir(dir);
    g_free(dir);
    fr_network_free(plain);
    fr_network_free(dated);
}

static void test_export_path_problems(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *net = sample_network();
    char *dir = make_tmp_dir();
    /* a file where the directory should be: left as it was */
    char *file = g_build_filename(dir, "plain-file", NULL);
    write_text(dir, "plain-file", "data");
    assert_false(fr_network_export(net, file, FR_EXPORT_OVERWRITE, &err));
    check_error(err, FR_ERROR_IO, file, "is not a directory");
    g_clear_error(&err);
    expect_text_file(dir, "plain-file", "data");
    /* a file in the way of a parent */
    char *below = g_build_filename(file, "net", NULL);
    assert_false(fr_network_export(net, below, 0, &err));
    check_error(err, FR_ERROR_IO, below, "cannot create the directory");
    g_clear_error(&err);
    /* missing parents are made */
    char *deep = g_build_filename(dir, "a", "b", "c", NULL);
    export_ok(net, deep, 0);
    fr_network *back = load_dir_ok(deep);
    compare_networks(net, back);
    fr_network_free(back);
    /* NULL arguments */
    assert_false(fr_network_export(NULL, deep, 0, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "network is NULL");
    g_clear_error(&err);
    assert_false(fr_network_export(net, NULL, 0, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "dir is NULL");
    g_clear_error(&err);
    g_free(deep);
    g_free(below);
    g_free(file);
    remove_dir(dir);
    g_free(dir);
    fr_network_free(net);
}

/* A directory where links.csv goes: refused before anything is written. */
static void test_export_directory_in_the_way(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *net = sample_network();
    char *dir = make_tmp_dir();
    write_text(dir, "nodes.csv", "old nodes");
    char *blocker = g_build_filename(dir, "links.csv", NULL);
    assert_int_equal(g_mkdir(blocker, 0755), 0);
    assert_false(fr_network_export(net, dir, FR_EXPORT_OVERWRITE, &err));
    check_error(err, FR_ERROR_IO, "links.csv", "is a directory");
    g_clear_error(&err);
    expect_text_file(dir, "nodes.csv", "old nodes");
    GDir *d = g_dir_open(dir, 0, NULL);
    int entries = 0;
    while (g_dir_read_name(d))
        entries++;
    g_dir_close(d);
    assert_int_equal(entries, 2); /* nodes.csv and the directory: no part written */
    g_free(blocker);
    remove_dir(dir);
    g_free(dir);
    fr_network_free(net);
}

/* A closure of only the forward direction of a bidirectional link cannot
 * be said in closures.csv: an error, and the directory is not made. */
static void test_export_unwritable_closure(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *net = expect_loaded(fr_network_load_default(&err), err);
    fr_model *model = &net->model;
    guint c = 0;
    while (c < model->closures->len &&
           (FR_CLOSURE(model, c)->is_node || !FR_LINK(model, FR_CLOSURE(model, c)->ref)->bidirectional))
        c++;
    if (c == model->closures->len)
        skip(); /* the embedded data has no closure of a bidirectional link */
    fr_closure saved = *FR_CLOSURE(model, c);
    FR_CLOSURE(model, c)->forward = true;
    FR_CLOSURE(model, c)->reverse = false;
    char *dir = make_tmp_dir();
    char *target = g_build_filename(dir, "out", NULL);
    assert_false(fr_network_export(net, target, 0, &err));
    check_error(err, FR_ERROR_INVALID, "closures.csv", "cannot be written");
    g_clear_error(&err);
    assert_false(g_file_test(target, G_FILE_TEST_EXISTS));
    *FR_CLOSURE(model, c) = saved;
    g_free(target);
    remove_dir(dir);
    g_free(dir);
    fr_network_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_default),
        cmocka_unit_test(test_round_trip_sample_and_test_data),
        cmocka_unit_test(test_round_trip_scenarios),
        cmocka_unit_test(test_builder_hand_network),
        cmocka_unit_test(test_builder_reusable),
        cmocka_unit_test(test_builder_exact_values),
        cmocka_unit_test(test_export_co2_default_left_empty),
        cmocka_unit_test(test_builder_bad_links),
        cmocka_unit_test(test_builder_bad_nodes),
        cmocka_unit_test(test_builder_bad_other_files),
        cmocka_unit_test(test_builder_misuse),
        cmocka_unit_test(test_export_refuses_non_empty),
        cmocka_unit_test(test_export_overwrite_removes_stale),
        cmocka_unit_test(test_export_path_problems),
        cmocka_unit_test(test_export_directory_in_the_way),
        cmocka_unit_test(test_export_unwritable_closure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
