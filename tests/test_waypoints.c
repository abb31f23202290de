/* test_waypoints.c - the `waypoints` column of links.csv (FORMAT.md §1,
 * lib/FORMAT.md §7): bad cells fail the load with FR_ERROR_INVALID naming
 * "links.csv:<line>" and the offending text; GeoJSON lines run from a link
 * step's start node through the link's waypoints in travel order (reversed
 * on a reverse) to its end node; no figure changes with the column.
 *
 * The network: A [lon 10, lat 20], B [30, 40], C [50, 10]; L1 A-B
 * bidirectional through (12.5, 21) and (20, 30.25); L2 B-C bidirectional
 * without waypoints; L3 C->B one way through (40, 20), dearer than L2:rev. */
#include "helpers.h"
#include "minijson.h"

#include <math.h>
#include <string.h>

#define NODES                                                  \
    "id,name,kind,country,lat,lon\n"                           \
    "A,Alpha,city,CN,20,10\n"                                  \
    "B,Beta,rail_terminal,KZ,40,30\n"                          \
    "C,Gamma,city,DE,10,50\n"

#define LINKS_HDR "id,from,to,mode,distance_km,time_h,cost_usd,bidirectional,waypoints\n"
#define LINK_L2 "L2,B,C,rail,200,20,200,1,\n"
#define LINK_L3 "L3,C,B,rail,300,30,300,0,40 20\n"
#define LINKS LINKS_HDR "L1,A,B,rail,100,10,100,1,12.5 21; 20 30.25\n" LINK_L2 LINK_L3

/* The same network without the column. */
#define LINKS_PLAIN                                                 \
    "id,from,to,mode,distance_km,time_h,cost_usd,bidirectional\n"   \
    "L1,A,B,rail,100,10,100,1\n"                                    \
    "L2,B,C,rail,200,20,200,1\n"                                    \
    "L3,C,B,rail,300,30,300,0\n"

typedef struct {
    double lon, lat;
} point;

static const point PA = {10, 20}, PB = {30, 40}, PC = {50, 10};
static const point W1 = {12.5, 21}, W2 = {20, 30.25}, W3 = {40, 20};

/* ---- helpers -------------------------------------------------------------- */

static mj_value *parse_or_fail(const char *text)
{
    char *err = NULL;
    mj_value *v = mj_parse(text, &err);
    if (!v)
        fail_msg("not JSON (%s): %s", err, text);
    return v;
}

static fr_route *route(const fr_network *net, const char *from, const char *to)
{
    fr_query *q = fr_query_new(from, to);
    fr_query_set_objective(q, FR_OBJECTIVE_COST);
    fr_route *r = route_ok(net, q);
    fr_query_free(q);
    return r;
}

/* Fails unless feature `f` is link step `link` whose line is exactly the
 * n points `want`. */
static void check_line(const mj_value *f, const char *link, const point *want, size_t n)
{
    assert_non_null(f);
    const mj_value *id = mj_path(f, "properties", "link", NULL);
    assert_non_null(id);
    assert_string_equal(id->string, link);
    const mj_value *coords = mj_path(f, "geometry", "coordinates", NULL);
    if (mj_len(coords) != n)
        fail_msg("%s: %zu points, expected %zu", link, mj_len(coords), n);
    for (size_t k = 0; k < n; k++) {
        const mj_value *p = mj_at(coords, k);
        assert_int_equal(mj_len(p), 2);
        double lon = mj_at(p, 0)->number, lat = mj_at(p, 1)->number;
        if (fabs(lon - want[k].lon) > 1e-9 || fabs(lat - want[k].lat) > 1e-9)
            fail_msg("%s: point %zu is [%g, %g], expected [%g, %g]", link, k, lon, lat,
                     want[k].lon, want[k].lat);
    }
}

/* Loads links.csv `links` and expects FR_ERROR_INVALID naming `where` and
 * containing `what`. */
static void expect_links_fail(const char *links, const char *where, const char *what)
{
    GError *err = NULL;
    fr_network *net = load_net(NODES, links, NULL, NULL, &err);
    if (net) {
        fr_network_free(net);
        fail_msg("load succeeded; expected '%s: ... %s'", where, what);
    }
    check_error(err, FR_ERROR_INVALID, where, what);
    g_error_free(err);
}

/* links.csv with L1's waypoints cell (line 2) replaced by `cell`. */
static void expect_cell_fail(const char *cell, const char *what)
{
    char *links = g_strconcat(LINKS_HDR "L1,A,B,rail,100,10,100,1,", cell, "\n", LINK_L2, LINK_L3,
                              NULL);
    expect_links_fail(links, "links.csv:2:", what);
    g_free(links);
}

/* L1's line A -> B when its waypoints cell is `cell` (which must load). */
static void check_cell_line(const char *cell, const point *want, size_t n)
{
    char *links = g_strconcat(LINKS_HDR "L1,A,B,rail,100,10,100,1,", cell, "\n", LINK_L2, LINK_L3,
                              NULL);
    fr_network *net = load_net_ok(NODES, links, NULL, NULL);
    fr_route *r = route(net, "A", "B");
    char *geo = fr_route_to_geojson(r);
    mj_value *v = parse_or_fail(geo);
    assert_int_equal(mj_len(mj_get(v, "features")), 1);
    check_line(mj_at(mj_get(v, "features"), 0), "L1", want, n);
    mj_free(v);
    g_free(geo);
    fr_route_free(r);
    fr_network_free(net);
    g_free(links);
}

/* ---- bad cells ------------------------------------------------------------ */

static void test_not_lon_lat(void **state)
{
    (void)state;
    expect_cell_fail("43.4", "waypoint '43.4' is not 'lon lat'");
    expect_cell_fail("12.5 21; 43.4", "waypoint '43.4' is not 'lon lat'");
    expect_cell_fail("1 2 3", "waypoint '1 2 3' is not 'lon lat'");
    expect_cell_fail("12.5 21;;20 30", "waypoint '' is not 'lon lat'");
    expect_cell_fail(";", "waypoint '' is not 'lon lat'");
    expect_cell_fail(";12.5 21", "waypoint '' is not 'lon lat'");
    expect_cell_fail("12.5 21;;", "waypoint '' is not 'lon lat'");
    expect_cell_fail("\"12.5, 21\"", "waypoint lon '12.5,' is not a plain decimal number");
}

static void test_not_a_number(void **state)
{
    (void)state;
    expect_cell_fail("nan 21", "waypoint lon 'nan' is not a plain decimal number");
    expect_cell_fail("12.5 inf", "waypoint lat 'inf' is not a plain decimal number");
    expect_cell_fail("12.5km 21", "waypoint lon '12.5km' is not a plain decimal number");
    expect_cell_fail("0x10 21", "waypoint lon '0x10' is not a plain decimal number");
    expect_cell_fail("\"12,5 21\"", "waypoint lon '12,5' is not a plain decimal number");
    expect_cell_fail("12.5 21; 20 -", "waypoint lat '-' is not a plain decimal number");
}

static void test_out_of_range(void **state)
{
    (void)state;
    expect_cell_fail("12.5 95", "waypoint lat 95 is outside [-90, 90]");
    expect_cell_fail("12.5 -90.5", "waypoint lat -90.5 is outside [-90, 90]");
    expect_cell_fail("180.01 0", "waypoint lon 180.01 is outside [-180, 180]");
    expect_cell_fail("-181 0", "waypoint lon -181 is outside [-180, 180]");
    expect_cell_fail("1e999 0", "waypoint lon 1e999 is outside [-180, 180]");
    expect_cell_fail("0 -1e999", "waypoint lat -1e999 is outside [-90, 90]");
}

static void test_error_line(void **state)
{
    (void)state;
    /* the bad cell on line 4 (L3), after two good rows */
    expect_links_fail(LINKS_HDR "L1,A,B,rail,100,10,100,1,12.5 21; 20 30.25\n" LINK_L2
                                "L3,C,B,rail,300,30,300,0,40 91\n",
                      "links.csv:4:", "waypoint lat 91 is outside [-90, 90]");
}

static char *many_points(size_t n)
{
    GString *cell = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(cell, "%s%zu.5 %zu", i ? ";" : "", i % 180, i % 90);
    return g_string_free(cell, FALSE);
}

static void test_too_many(void **state)
{
    (void)state;
    char *cell = many_points(10001);
    expect_cell_fail(cell, "more than 10000 waypoints");
    g_free(cell);

    cell = many_points(10000); /* the most a link may have */
    char *links = g_strconcat(LINKS_HDR "L1,A,B,rail,100,10,100,1,", cell, "\n", LINK_L2, LINK_L3,
                              NULL);
    fr_network *net = load_net_ok(NODES, links, NULL, NULL);
    fr_route *r = route(net, "B", "A");
    char *geo = fr_route_to_geojson(r);
    mj_value *v = parse_or_fail(geo);
    const mj_value *coords = mj_path(mj_at(mj_get(v, "features"), 0), "geometry", "coordinates",
                                     NULL);
    assert_int_equal(mj_len(coords), 10002);
    /* reversed: the last waypoint (9999 % 180 = 99, 9999 % 90 = 9) first */
    assert_true(fabs(mj_at(mj_at(coords, 1), 0)->number - 99.5) < 1e-9);
    assert_true(fabs(mj_at(mj_at(coords, 1), 1)->number - 9) < 1e-9);
    assert_true(fabs(mj_at(mj_at(coords, 10000), 0)->number - 0.5) < 1e-9);
    mj_free(v);
    g_free(geo);
    fr_route_free(r);
    fr_network_free(net);
    g_free(links);
    g_free(cell);
}

/* ---- cells that load ------------------------------------------------------ */

static void test_valid_cells(void **state)
{
    (void)state;
    const point two[] = {PA, W1, W2, PB};
    check_cell_line("12.5 21; 20 30.25", two, 4);
    check_cell_line("12.5 21;20 30.25", two, 4);
    check_cell_line("  12.5\t 21 ;  20   30.25  ", two, 4); /* blanks around numbers */
    check_cell_line("\" 12.5 21; 20 30.25 \"", two, 4);    /* quoted */
    check_cell_line("12.5 21; 20 30.25;", two, 4);         /* one ';' may end the cell */
    check_cell_line("12.5 21; 20 30.25 ; ", two, 4);
    check_cell_line("1.25e1 +21.0; 2E1 3025e-2", two, 4);  /* as every number of §1 */
    const point none[] = {PA, PB};
    check_cell_line("", none, 2);
    check_cell_line("  ", none, 2);
    const point bounds[] = {PA, {-180, -90}, {180, 90}, {0, 0}, PB};
    check_cell_line("-180 -90; 180 90; -0 0", bounds, 5);
}

/* ---- GeoJSON -------------------------------------------------------------- */

static void test_geojson_forward_and_reverse(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(NODES, LINKS, NULL, NULL);

    /* A -> C: L1 through its waypoints, L2 straight */
    fr_route *r = route(net, "A", "C");
    char *geo = fr_route_to_geojson(r);
    mj_value *v = parse_or_fail(geo);
    const mj_value *features = mj_get(v, "features");
    assert_int_equal(mj_len(features), 2);
    const point l1[] = {PA, W1, W2, PB}, l2[] = {PB, PC};
    check_line(mj_at(features, 0), "L1", l1, 4);
    check_line(mj_at(features, 1), "L2", l2, 2);
    mj_free(v);
    g_free(geo);
    fr_route_free(r);

    /* C -> A: L2:rev straight, L1:rev through the waypoints backwards; each
     * line starts and ends at its step's nodes */
    r = route(net, "C", "A");
    geo = fr_route_to_geojson(r);
    v = parse_or_fail(geo);
    features = mj_get(v, "features");
    assert_int_equal(mj_len(features), 2);
    const point l2r[] = {PC, PB}, l1r[] = {PB, W2, W1, PA};
    check_line(mj_at(features, 0), "L2:rev", l2r, 2);
    check_line(mj_at(features, 1), "L1:rev", l1r, 4);
    mj_free(v);
    g_free(geo);
    fr_route_free(r);
    fr_network_free(net);
}

static void test_geojson_list(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(NODES, LINKS, NULL, NULL);
    fr_query *q = fr_query_new("C", "B");
    fr_query_set_objective(q, FR_OBJECTIVE_COST);
    GError *err = NULL;
    fr_route_list *list = fr_network_alternatives(net, q, 2, &err);
    if (!list)
        fail_msg("alternatives: %s", err->message);
    assert_int_equal(fr_route_list_count(list), 2);
    char *geo = fr_route_list_to_geojson(list);
    mj_value *v = parse_or_fail(geo);
    const mj_value *features = mj_get(v, "features");
    assert_int_equal(mj_len(features), 2);
    const point l2r[] = {PC, PB}, l3[] = {PC, W3, PB};
    check_line(mj_at(features, 0), "L2:rev", l2r, 2);
    check_line(mj_at(features, 1), "L3", l3, 3);
    assert_int_equal((int)mj_path(mj_at(features, 1), "properties", "route", NULL)->number, 1);
    mj_free(v);
    g_free(geo);
    fr_route_list_free(list);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- no figure changes ---------------------------------------------------- */

static void expect_same_route(const fr_network *with, const fr_network *without, const char *from,
                              const char *to)
{
    fr_route *a = route(with, from, to), *b = route(without, from, to);
    assert_true(fr_route_total_cost_usd(a) == fr_route_total_cost_usd(b));
    assert_true(fr_route_total_time_h(a) == fr_route_total_time_h(b));
    assert_true(fr_route_total_co2_kg(a) == fr_route_total_co2_kg(b));
    assert_true(fr_route_total_distance_km(a) == fr_route_total_distance_km(b));
    char *json_b = fr_route_to_json(b);
    expect_text(fr_route_to_json(a), json_b, "route JSON");
    g_free(json_b);
    char *text_b = fr_route_to_text(b);
    expect_text(fr_route_to_text(a), text_b, "route text");
    g_free(text_b);
    fr_route_free(a);
    fr_route_free(b);
}

static void test_figures_unchanged(void **state)
{
    (void)state;
    fr_network *with = load_net_ok(NODES, LINKS, NULL, NULL);
    fr_network *without = load_net_ok(NODES, LINKS_PLAIN, NULL, NULL);
    expect_same_route(with, without, "A", "C");
    expect_same_route(with, without, "C", "A");
    expect_same_route(with, without, "B", "A");
    fr_network_free(with);
    fr_network_free(without);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_lon_lat),
        cmocka_unit_test(test_not_a_number),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_error_line),
        cmocka_unit_test(test_too_many),
        cmocka_unit_test(test_valid_cells),
        cmocka_unit_test(test_geojson_forward_and_reverse),
        cmocka_unit_test(test_geojson_list),
        cmocka_unit_test(test_figures_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
