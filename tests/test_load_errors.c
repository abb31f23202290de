/* test_load_errors.c - the loader against FORMAT.md §1: every kind of bad
 * input fails the whole load with FR_ERROR_INVALID (FR_ERROR_IO for missing
 * files), naming "<file>:<line>" and the offending id or column; and the
 * corner cases that are valid do load.
 *
 * Line numbers: line 1 is the header. In the base files below, nodes.csv has
 * CNCKG on line 2, KZALA on line 3, DEDUI on line 4; links.csv has LINK1 on
 * line 2 and LINK2 on line 3. Most cases replace one of those lines. */
#include "helpers.h"

#include <math.h>
#include <string.h>

#define NODES_HDR "id,name,kind,country,lat,lon,dwell_h,dwell_usd\n"
#define NODE_CN "CNCKG,Chongqing,city,CN,29.56,106.55,0,0\n"
#define NODE_KZ "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10\n"
#define NODE_DE "DEDUI,Duisburg,river_port,DE,51.43,6.76,,\n"
#define NODES_OK NODES_HDR NODE_CN NODE_KZ NODE_DE

#define LINKS_HDR "id,from,to,mode,distance_km,time_h,cost_usd\n"
#define LINK_1 "LINK1,CNCKG,KZALA,rail,3000,100,1500\n"
#define LINK_2 "LINK2,KZALA,DEDUI,rail,6000,200,3000\n"
#define LINKS_OK LINKS_HDR LINK_1 LINK_2

#define TRANSFERS_HDR "node,from_mode,to_mode,time_h,cost_usd\n"
#define MODES_HDR "mode,co2_kg_per_teu_km\n"

/* Loads and expects failure with code, "where" in the message, and (when any
 * is given) one of alt1..alt3 in the message. */
static void expect_fail(const char *nodes, const char *links,
                        const char *transfers, const char *modes, int code,
                        const char *where, const char *alt1, const char *alt2,
                        const char *alt3)
{
    GError *err = NULL;
    fr_network *net = load_net(nodes, links, transfers, modes, &err);
    if (net) {
        fr_network_free(net);
        fail_msg("load succeeded; expected an error naming %s", where);
    }
    if (alt1)
        check_error(err, code, where, alt1, alt2, alt3);
    else
        check_error(err, code, where, NULL);
    g_error_free(err);
}

/* nodes.csv with line 3 (KZALA) replaced by row. */
static void expect_node_row_fail(const char *row, const char *alt1,
                                 const char *alt2, const char *alt3)
{
    char *nodes = g_strconcat(NODES_HDR NODE_CN, row, NODE_DE, NULL);
    expect_fail(nodes, LINKS_OK, NULL, NULL, FR_ERROR_INVALID, "nodes.csv:3",
                alt1, alt2, alt3);
    g_free(nodes);
}

/* links.csv with line 3 (LINK2) replaced by row. */
static void expect_link_row_fail(const char *row, const char *alt1,
                                 const char *alt2, const char *alt3)
{
    char *links = g_strconcat(LINKS_HDR LINK_1, row, NULL);
    expect_fail(NODES_OK, links, NULL, NULL, FR_ERROR_INVALID, "links.csv:3",
                alt1, alt2, alt3);
    g_free(links);
}

/* ---- sanity: the base network loads ----------------------------------- */

static void test_base_loads(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(NODES_OK, LINKS_OK, NULL, NULL);
    assert_int_equal(fr_network_node_count(net), 3);
    assert_int_equal(fr_network_link_count(net), 2);
    fr_network_free(net);
}

/* ---- nodes.csv ---------------------------------------------------------- */

static void test_duplicate_node_id(void **state)
{
    (void)state;
    expect_fail(NODES_OK "CNCKG,Again,city,CN,29,106,0,0\n", LINKS_OK, NULL,
                NULL, FR_ERROR_INVALID, "nodes.csv:5", "CNCKG", NULL, NULL);
}

static void test_bad_id_characters(void **state)
{
    (void)state;
    expect_node_row_fail("KZ/ALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10\n",
                         "KZ/ALA", NULL, NULL);
    expect_node_row_fail("KZ ALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10\n",
                         "KZ ALA", NULL, NULL);
    expect_node_row_fail("KZ\xc3\x84LA,Almaty,rail_terminal,KZ,43.24,76.95,2,10\n",
                         "KZ\xc3\x84LA", NULL, NULL);
    /* a link id is checked the same way */
    expect_link_row_fail("LINK#2,KZALA,DEDUI,rail,6000,200,3000\n", "LINK#2",
                         NULL, NULL);
}

static void test_id_too_long(void **state)
{
    (void)state;
    char id65[66];
    memset(id65, 'K', 65);
    id65[65] = '\0';
    char *row = g_strdup_printf(
        "%s,Almaty,rail_terminal,KZ,43.24,76.95,2,10\n", id65);
    expect_node_row_fail(row, "64", "long", id65);
    g_free(row);
}

static void test_id_of_64_chars_is_valid(void **state)
{
    (void)state;
    char id64[65];
    memset(id64, 'K', 64);
    id64[64] = '\0';
    /* all allowed characters, too */
    char *nodes = g_strdup_printf(NODES_HDR NODE_CN
                                  "%s,Long,city,KZ,43,76,,\n"
                                  "a-Z_0.9:x,Odd,city,KZ,43,77,,\n",
                                  id64);
    char *links = g_strdup_printf(LINKS_HDR "L.1:a-b_C,CNCKG,%s,rail,1,1,1\n",
                                  id64);
    fr_network *net = load_net_ok(nodes, links, NULL, NULL);
    assert_int_equal(fr_network_find_node(net, id64), 1);
    assert_int_equal(fr_network_find_node(net, "a-Z_0.9:x"), 2);
    fr_network_free(net);
    g_free(nodes);
    g_free(links);
}

static void test_unknown_kind(void **state)
{
    (void)state;
    expect_node_row_fail("KZALA,Almaty,harbour,KZ,43.24,76.95,2,10\n",
                         "harbour", NULL, NULL);
    /* kinds are case-sensitive names */
    expect_node_row_fail("KZALA,Almaty,City,KZ,43.24,76.95,2,10\n", "City",
                         NULL, NULL);
}

static void test_bad_country(void **state)
{
    (void)state;
    expect_node_row_fail("KZALA,Almaty,city,kz,43.24,76.95,2,10\n", "'kz'",
                         "country", NULL);
    expect_node_row_fail("KZALA,Almaty,city,KAZ,43.24,76.95,2,10\n", "KAZ",
                         "country", NULL);
    expect_node_row_fail("KZALA,Almaty,city,K,43.24,76.95,2,10\n", "country",
                         "'K'", NULL);
}

static void test_lat_out_of_range(void **state)
{
    (void)state;
    expect_node_row_fail("KZALA,Almaty,city,KZ,91,76.95,2,10\n", "lat", NULL,
                         NULL);
    expect_node_row_fail("KZALA,Almaty,city,KZ,-90.5,76.95,2,10\n", "lat",
                         NULL, NULL);
}

static void test_lon_out_of_range(void **state)
{
    (void)state;
    expect_node_row_fail("KZALA,Almaty,city,KZ,43.24,181,2,10\n", "lon", NULL,
                         NULL);
    expect_node_row_fail("KZALA,Almaty,city,KZ,43.24,-180.01,2,10\n", "lon",
                         NULL, NULL);
}

static void test_lat_lon_bounds_are_valid(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(NODES_HDR
                                  "N,North,city,NO,90,180,,\n"
                                  "S,South,city,AQ,-90,-180,,\n",
                                  LINKS_HDR, NULL, NULL);
    fr_node_info n;
    assert_true(fr_network_node(net, 0, &n));
    assert_true(n.lat == 90.0 && n.lon == 180.0);
    assert_true(fr_network_node(net, 1, &n));
    assert_true(n.lat == -90.0 && n.lon == -180.0);
    fr_network_free(net);
}

static void test_negative_dwell(void **state)
{
    (void)state;
    expect_node_row_fail("KZALA,Almaty,city,KZ,43.24,76.95,-1,10\n", "dwell_h",
                         NULL, NULL);
    expect_node_row_fail("KZALA,Almaty,city,KZ,43.24,76.95,1,-10\n",
                         "dwell_usd", NULL, NULL);
}

static void test_node_non_numeric(void **state)
{
    (void)state;
    expect_node_row_fail("KZALA,Almaty,city,KZ,north,76.95,2,10\n", "north",
                         "lat", NULL);
    expect_node_row_fail("KZALA,Almaty,city,KZ,NaN,76.95,2,10\n", "NaN", "lat",
                         NULL);
    expect_node_row_fail("KZALA,Almaty,city,KZ,43.24,76.95,inf,10\n", "inf",
                         "dwell_h", NULL);
}

static void test_node_missing_cells(void **state)
{
    (void)state;
    expect_node_row_fail("KZALA,Almaty,city,KZ,,76.95,2,10\n", "lat", NULL,
                         NULL);
    expect_node_row_fail("KZALA,,city,KZ,43.24,76.95,2,10\n", "name", NULL,
                         NULL);
    expect_node_row_fail(",Almaty,city,KZ,43.24,76.95,2,10\n", "id", NULL,
                         NULL);
    /* a record shorter than the header lacks the required cells */
    expect_node_row_fail("KZALA,Almaty,city\n", "country", "lat", "fields");
}

static void test_nodes_missing_column(void **state)
{
    (void)state;
    expect_fail("id,name,kind,lat,lon\n"
                "CNCKG,Chongqing,city,29.56,106.55\n",
                LINKS_HDR, NULL, NULL, FR_ERROR_INVALID, "nodes.csv:1",
                "country", NULL, NULL);
}

static void test_nodes_line_numbers_after_blank_and_multiline(void **state)
{
    (void)state;
    /* line 1 header, 2 CNCKG, 3 blank, 4-5 a quoted two-line name, 6 the bad
     * row */
    expect_fail(NODES_HDR NODE_CN "\n"
                "KZALA,\"Almaty\nАлматы\",rail_terminal,KZ,43.24,76.95,2,10\n"
                "DEDUI,Duisburg,hamlet,DE,51.43,6.76,,\n",
                LINKS_HDR, NULL, NULL, FR_ERROR_INVALID, "nodes.csv:6",
                "hamlet", NULL, NULL);
}

static void test_nodes_invalid_utf8(void **state)
{
    (void)state;
    expect_node_row_fail("KZALA,Alm\xff\xfety,city,KZ,43.24,76.95,2,10\n",
                         "UTF-8", "utf-8", "UTF8");
}

static void test_nodes_empty_file(void **state)
{
    (void)state;
    /* zero bytes: not even a header, so every column is missing */
    expect_fail("", LINKS_HDR, NULL, NULL, FR_ERROR_INVALID, "nodes.csv", NULL,
                NULL, NULL);
}

static void test_links_empty_file(void **state)
{
    (void)state;
    expect_fail(NODES_OK, "", NULL, NULL, FR_ERROR_INVALID, "links.csv", NULL,
                NULL, NULL);
}

static void test_header_only_loads(void **state)
{
    (void)state;
    /* FORMAT §1 requires only the header: a network with no nodes and no
     * links is valid (and every query on it names an unknown node). */
    fr_network *net = load_net_ok(NODES_HDR, LINKS_HDR, TRANSFERS_HDR,
                                  MODES_HDR);
    assert_int_equal(fr_network_node_count(net), 0);
    assert_int_equal(fr_network_link_count(net), 0);
    assert_int_equal(fr_network_find_node(net, "CNCKG"), -1);
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    route_fails(net, q, FR_ERROR_QUERY);
    fr_query_free(q);
    fr_network_free(net);

    /* nodes but header-only links: nodes without links are valid */
    net = load_net_ok(NODES_OK, LINKS_HDR, NULL, NULL);
    assert_int_equal(fr_network_node_count(net), 3);
    q = fr_query_new("CNCKG", "DEDUI");
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_header_only_nodes_with_links(void **state)
{
    (void)state;
    expect_fail(NODES_HDR, LINKS_OK, NULL, NULL, FR_ERROR_INVALID,
                "links.csv:2", "CNCKG", "KZALA", NULL);
}

static void garbage(char *buf, size_t len, guint32 seed)
{
    GRand *rng = g_rand_new_with_seed(seed);
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)g_rand_int_range(rng, 0, 256);
    buf[len / 3] = '\0'; /* at least one NUL */
    buf[len / 2] = '\n';
    g_rand_free(rng);
}

static void test_binary_garbage(void **state)
{
    (void)state;
    char buf[512];
    for (guint32 seed = 1; seed <= 5; seed++) {
        garbage(buf, sizeof buf, seed);
        char *dir = make_tmp_dir();
        write_network(dir, NULL, LINKS_OK, NULL, NULL);
        write_file_bytes(dir, "nodes.csv", buf, sizeof buf);
        GError *err = NULL;
        fr_network *net = fr_network_load_dir(dir, &err);
        assert_null(net);
        check_error(err, FR_ERROR_INVALID, "nodes.csv:", NULL);
        g_clear_error(&err);

        write_network(dir, NODES_OK, NULL, NULL, NULL);
        write_file_bytes(dir, "links.csv", buf, sizeof buf);
        net = fr_network_load_dir(dir, &err);
        assert_null(net);
        check_error(err, FR_ERROR_INVALID, "links.csv:", NULL);
        g_clear_error(&err);

        write_network(dir, NULL, LINKS_OK, NULL, NULL);
        write_file_bytes(dir, "transfers.csv", buf, sizeof buf);
        net = fr_network_load_dir(dir, &err);
        assert_null(net);
        check_error(err, FR_ERROR_INVALID, "transfers.csv:", NULL);
        g_clear_error(&err);
        remove_dir(dir);
        g_free(dir);
    }
}

/* ---- missing files ------------------------------------------------------ */

static void test_missing_nodes_csv(void **state)
{
    (void)state;
    expect_fail(NULL, LINKS_OK, NULL, NULL, FR_ERROR_IO, "nodes.csv", NULL,
                NULL, NULL);
}

static void test_missing_links_csv(void **state)
{
    (void)state;
    expect_fail(NODES_OK, NULL, NULL, NULL, FR_ERROR_IO, "links.csv", NULL,
                NULL, NULL);
}

static void test_missing_directory(void **state)
{
    (void)state;
    GError *err = NULL;
    char *dir = make_tmp_dir();
    char *gone = g_build_filename(dir, "no-such-network", NULL);
    fr_network *net = fr_network_load_dir(gone, &err);
    assert_null(net);
    check_error(err, FR_ERROR_IO, NULL, NULL);
    g_error_free(err);
    /* a NULL error pointer is allowed */
    assert_null(fr_network_load_dir(gone, NULL));
    g_free(gone);
    remove_dir(dir);
    g_free(dir);
}

/* ---- links.csv ---------------------------------------------------------- */

static void test_unknown_node_in_link(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DUISBURGG,rail,6000,200,3000\n",
                         "DUISBURGG", NULL, NULL);
    expect_link_row_fail("LINK2,ALMATYY,DEDUI,rail,6000,200,3000\n", "ALMATYY",
                         NULL, NULL);
}

static void test_duplicate_link_id(void **state)
{
    (void)state;
    expect_link_row_fail("LINK1,KZALA,DEDUI,rail,6000,200,3000\n", "LINK1",
                         NULL, NULL);
}

static void test_link_from_equals_to(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,KZALA,rail,6000,200,3000\n", "KZALA",
                         "LINK2", NULL);
}

static void test_unknown_mode(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,hyperloop,6000,200,3000\n",
                         "hyperloop", NULL, NULL);
    expect_link_row_fail("LINK2,KZALA,DEDUI,Rail,6000,200,3000\n", "Rail",
                         NULL, NULL);
}

static void test_distance_not_positive(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,0,200,3000\n", "distance_km",
                         NULL, NULL);
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,-5,200,3000\n", "distance_km",
                         NULL, NULL);
}

static void test_time_not_positive(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,0,3000\n", "time_h",
                         NULL, NULL);
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,-1,3000\n", "time_h",
                         NULL, NULL);
}

static void test_negative_cost(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,-1\n", "cost_usd",
                         NULL, NULL);
}

static void test_zero_cost_is_valid(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(
        NODES_OK, LINKS_HDR LINK_1 "LINK2,KZALA,DEDUI,rail,6000,200,0\n", NULL,
        NULL);
    fr_network_free(net);
}

static void test_non_numeric(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,far,200,3000\n", "far",
                         "distance_km", NULL);
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,\"\"\"3000\"\"\"\n",
                         "cost_usd", NULL, NULL);
    /* hexadecimal is not a plain decimal, even though strtod reads it */
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,0x1770,200,3000\n", "0x1770",
                         "distance_km", NULL);
}

static void test_nan(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,NaN,3000\n", "NaN",
                         "time_h", NULL);
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,nan,3000\n", "nan",
                         "time_h", NULL);
}

static void test_inf(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,inf\n", "inf",
                         "cost_usd", NULL);
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,Infinity\n",
                         "Infinity", "cost_usd", NULL);
    /* overflows to infinity */
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,1e999\n", "1e999",
                         "cost_usd", NULL);
}

static void test_units_in_cell(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,12km,200,3000\n", "12km",
                         "distance_km", NULL);
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,12 h,3000\n", "12 h",
                         "time_h", NULL);
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,$3000\n", "$3000",
                         "cost_usd", NULL);
}

static void test_thousands_separator(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,\"1,234\",200,3000\n",
                         "1,234", "distance_km", NULL);
}

static void test_optional_numeric_cell_checked(void **state)
{
    (void)state;
    expect_fail(NODES_OK,
                "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg\n"
                "LINK1,CNCKG,KZALA,rail,3000,100,1500,\n"
                "LINK2,KZALA,DEDUI,rail,6000,200,3000,lots\n",
                NULL, NULL, FR_ERROR_INVALID,
                "links.csv:3", "co2_kg", "lots", NULL);
}

static void test_links_missing_column(void **state)
{
    (void)state;
    expect_fail(NODES_OK,
                "id,from,to,mode,distance_km,cost_usd\n"
                "LINK1,CNCKG,KZALA,rail,3000,1500\n",
                NULL, NULL, FR_ERROR_INVALID, "links.csv:1", "time_h", NULL,
                NULL);
}

static void test_links_missing_cell(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,\n", "cost_usd",
                         NULL, NULL);
    expect_link_row_fail("LINK2,KZALA,,rail,6000,200,3000\n", "to", NULL,
                         NULL);
    expect_link_row_fail("LINK2,KZALA,DEDUI\n", "mode", "distance_km",
                         "fields");
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,\"KZALA,DEDUI,rail,6000,200,3000\n", "quot",
                         "Quot", NULL);
}

static void test_bidirectional_not_0_or_1(void **state)
{
    (void)state;
    const char *hdr = "id,from,to,mode,distance_km,time_h,cost_usd,bidirectional\n";
    const char *rows[] = {"2", "yes", "true", "-1", "0.5"};
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *links = g_strdup_printf(
            "%sLINK1,CNCKG,KZALA,rail,3000,100,1500,1\n"
            "LINK2,KZALA,DEDUI,rail,6000,200,3000,%s\n",
            hdr, rows[i]);
        expect_fail(NODES_OK, links, NULL, NULL, FR_ERROR_INVALID,
                    "links.csv:3", "bidirectional", NULL, NULL);
        g_free(links);
    }
}

static void test_links_line_number_after_blank_lines(void **state)
{
    (void)state;
    /* 1 header, 2 LINK1, 3 and 4 blank, 5 the bad row */
    expect_fail(NODES_OK,
                LINKS_HDR LINK_1 "\n\r\n"
                "LINK2,KZALA,DEDUI,teleport,6000,200,3000\n",
                NULL, NULL, FR_ERROR_INVALID, "links.csv:5", "teleport", NULL,
                NULL);
}

/* ---- transfers.csv ------------------------------------------------------ */

static void test_transfer_unknown_node(void **state)
{
    (void)state;
    expect_fail(NODES_OK, LINKS_OK,
                TRANSFERS_HDR "DUISBURGG,rail,road,1,10\n", NULL,
                FR_ERROR_INVALID, "transfers.csv:2", "DUISBURGG", NULL, NULL);
}

static void test_transfer_same_modes(void **state)
{
    (void)state;
    expect_fail(NODES_OK, LINKS_OK,
                TRANSFERS_HDR "KZALA,road,sea,1,10\nKZALA,rail,rail,1,10\n",
                NULL, FR_ERROR_INVALID, "transfers.csv:3", "rail", "from_mode",
                "to_mode");
}

static void test_duplicate_transfer(void **state)
{
    (void)state;
    /* (KZALA, rail, road) twice; (KZALA, road, rail) is another row */
    expect_fail(NODES_OK, LINKS_OK,
                TRANSFERS_HDR "KZALA,rail,road,1,10\n"
                              "KZALA,road,rail,1,10\n"
                              "KZALA,rail,road,2,20\n",
                NULL, FR_ERROR_INVALID, "transfers.csv:4", "KZALA",
                "duplicate", NULL);
}

static void test_transfer_unknown_mode(void **state)
{
    (void)state;
    expect_fail(NODES_OK, LINKS_OK, TRANSFERS_HDR "KZALA,rail,hyperloop,1,10\n",
                NULL, FR_ERROR_INVALID, "transfers.csv:2", "hyperloop", NULL,
                NULL);
}

static void test_transfer_negative_figures(void **state)
{
    (void)state;
    expect_fail(NODES_OK, LINKS_OK, TRANSFERS_HDR "KZALA,rail,road,-1,10\n",
                NULL, FR_ERROR_INVALID, "transfers.csv:2", "time_h", NULL,
                NULL);
    expect_fail(NODES_OK, LINKS_OK, TRANSFERS_HDR "KZALA,rail,road,1,-10\n",
                NULL, FR_ERROR_INVALID, "transfers.csv:2", "cost_usd", NULL,
                NULL);
}

static void test_transfer_missing_column(void **state)
{
    (void)state;
    expect_fail(NODES_OK, LINKS_OK,
                "node,from_mode,time_h,cost_usd\nKZALA,rail,1,10\n", NULL,
                FR_ERROR_INVALID, "transfers.csv:1", "to_mode", NULL, NULL);
}

static void test_transfer_unused_mode_loads(void **state)
{
    (void)state;
    /* FORMAT §1: a row naming a mode no link of the node uses is valid */
    fr_network *net = load_net_ok(NODES_OK, LINKS_OK,
                                  TRANSFERS_HDR "KZALA,rail,air,1,10\n"
                                                "KZALA,sea,river,1,10\n",
                                  NULL);
    const char *const *w = fr_network_warnings(net);
    assert_non_null(w);
    fr_network_free(net);
}

/* ---- modes.csv ---------------------------------------------------------- */

static void test_modes_unknown_mode(void **state)
{
    (void)state;
    expect_fail(NODES_OK, LINKS_OK, NULL, MODES_HDR "rail,0.2\nhyperloop,0.5\n",
                FR_ERROR_INVALID, "modes.csv:3", "hyperloop", NULL, NULL);
}

static void test_modes_negative_factor(void **state)
{
    (void)state;
    expect_fail(NODES_OK, LINKS_OK, NULL, MODES_HDR "rail,-0.1\n",
                FR_ERROR_INVALID, "modes.csv:2", "co2_kg_per_teu_km", "-0.1",
                NULL);
}

static void test_modes_non_numeric(void **state)
{
    (void)state;
    expect_fail(NODES_OK, LINKS_OK, NULL, MODES_HDR "rail,low\n",
                FR_ERROR_INVALID, "modes.csv:2", "low", "co2_kg_per_teu_km",
                NULL);
}

static void test_modes_missing_column(void **state)
{
    (void)state;
    expect_fail(NODES_OK, LINKS_OK, NULL, "mode,factor\nrail,0.1\n",
                FR_ERROR_INVALID, "modes.csv:1", "co2_kg_per_teu_km", NULL,
                NULL);
}

static void test_duplicate_header_column(void **state)
{
    (void)state;
    /* a column named twice leaves its value ambiguous */
    expect_fail(NODES_OK,
                "id,from,to,mode,distance_km,time_h,cost_usd,mode\n"
                "LINK1,CNCKG,KZALA,rail,3000,100,1500,road\n",
                NULL, NULL, FR_ERROR_INVALID, "links.csv:1", "mode", NULL,
                NULL);
}

static void test_link_id_clashes_with_reverse(void **state)
{
    (void)state;
    /* LINK1 is bidirectional, so its reverse is reported as LINK1:rev; a
     * link with that id would make route steps ambiguous */
    expect_fail(NODES_OK,
                "id,from,to,mode,distance_km,time_h,cost_usd,bidirectional\n"
                "LINK1,CNCKG,KZALA,rail,3000,100,1500,1\n"
                "LINK1:rev,KZALA,DEDUI,rail,6000,200,3000,0\n",
                NULL, NULL, FR_ERROR_INVALID, "links.csv:3", "LINK1:rev", NULL,
                NULL);
    /* the same clash with the rows the other way round */
    expect_fail(NODES_OK,
                "id,from,to,mode,distance_km,time_h,cost_usd,bidirectional\n"
                "LINK1:rev,KZALA,DEDUI,rail,6000,200,3000,0\n"
                "LINK1,CNCKG,KZALA,rail,3000,100,1500,1\n",
                NULL, NULL, FR_ERROR_INVALID, "links.csv:3", "LINK1", NULL,
                NULL);
}

static void test_large_line_number(void **state)
{
    (void)state;
    /* 10000 good links on lines 2..10001, a bad one on line 10002 */
    GString *links = g_string_new(LINKS_HDR);
    for (int i = 0; i < 10000; i++)
        g_string_append_printf(links, "L%d,CNCKG,KZALA,rail,3000,100,1500\n",
                               i);
    g_string_append(links, "LBAD,CNCKG,KZALA,rail,3000,100,-1\n");
    expect_fail(NODES_OK, links->str, NULL, NULL, FR_ERROR_INVALID,
                "links.csv:10002", "cost_usd", NULL, NULL);
    g_string_free(links, TRUE);
}

static void test_default_network_round_trip(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *def = fr_network_load_default(&err);
    if (!def) {
        /* allowed: a build without an embedded network */
        check_error(err, FR_ERROR_IO, NULL, NULL);
        g_error_free(err);
        skip();
    }
    assert_true(fr_network_node_count(def) > 0);
    assert_true(fr_network_link_count(def) > 0);
    char *tmp = make_tmp_dir();
    char *dir = g_build_filename(tmp, "exported", NULL);
    if (!fr_network_export_default(dir, &err))
        fail_msg("export: %s", err->message);
    fr_network *net = fr_network_load_dir(dir, &err);
    if (!net)
        fail_msg("reloading the exported network: %s", err->message);
    /* the exported files describe the same network */
    assert_int_equal(fr_network_node_count(net), fr_network_node_count(def));
    assert_int_equal(fr_network_link_count(net), fr_network_link_count(def));
    assert_int_equal(fr_network_state_count(net), fr_network_state_count(def));
    assert_int_equal(fr_network_virtual_edge_count(net),
                     fr_network_virtual_edge_count(def));
    for (size_t i = 0; i < fr_network_node_count(def); i++) {
        fr_node_info a, b;
        assert_true(fr_network_node(def, i, &a));
        assert_true(fr_network_node(net, i, &b));
        assert_string_equal(a.id, b.id);
        assert_string_equal(a.name, b.name);
        assert_string_equal(a.country, b.country);
        assert_int_equal(a.kind, b.kind);
        assert_true(a.lat == b.lat && a.lon == b.lon);
        assert_true(a.dwell_h == b.dwell_h && a.dwell_usd == b.dwell_usd);
        assert_string_equal(a.source, b.source);
    }
    for (size_t i = 0; i < fr_network_link_count(def); i++) {
        fr_link_info a, b;
        assert_true(fr_network_link(def, i, &a));
        assert_true(fr_network_link(net, i, &b));
        assert_string_equal(a.id, b.id);
        assert_string_equal(a.from, b.from);
        assert_string_equal(a.to, b.to);
        assert_int_equal(a.mode, b.mode);
        assert_true(a.distance_km == b.distance_km && a.time_h == b.time_h &&
                    a.cost_usd == b.cost_usd && a.co2_kg == b.co2_kg);
        assert_int_equal(a.bidirectional, b.bidirectional);
        assert_string_equal(a.corridor, b.corridor);
        assert_string_equal(a.source, b.source);
    }
    /* DESIGN.md: every figure of the embedded network carries a source */
    for (size_t i = 0; i < fr_network_link_count(def); i++) {
        fr_link_info l;
        assert_true(fr_network_link(def, i, &l));
        if (l.source[0] == '\0')
            fail_msg("embedded link %s has no source", l.id);
    }
    fr_network_free(net);
    fr_network_free(def);
    remove_dir(dir);
    remove_dir(tmp);
    g_free(dir);
    g_free(tmp);
}

/* ---- valid corner cases ------------------------------------------------- */

static void test_columns_any_order_unknown_ignored(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(
        "\xEF\xBB\xBF" "notes,lon,lat,country,kind,name,id\r\n"
        "\"a note, with comma\",106.55,29.56,CN,city,\"Chongqing \"\"CQ\"\"\",CNCKG\r\n"
        ",76.95,43.24,KZ,border,Khorgos,KZKHO\r\n",
        "cost_usd,time_h,distance_km,mode,to,from,id,comment\n"
        "1500,100,3000,rail,KZKHO,CNCKG,LINK1,whatever\n",
        NULL, NULL);
    assert_int_equal(fr_network_node_count(net), 2);
    fr_node_info n;
    assert_true(fr_network_node(net, 0, &n));
    assert_string_equal(n.id, "CNCKG");
    assert_string_equal(n.name, "Chongqing \"CQ\"");
    assert_int_equal(n.kind, FR_NODE_CITY);
    assert_string_equal(n.country, "CN");
    assert_true(n.lat == 29.56 && n.lon == 106.55);
    assert_true(n.dwell_h == 0.0 && n.dwell_usd == 0.0);
    assert_string_equal(n.source, "");
    assert_true(fr_network_node(net, 1, &n));
    assert_int_equal(n.kind, FR_NODE_BORDER);
    assert_false(fr_network_node(net, 2, &n));

    fr_link_info l;
    assert_true(fr_network_link(net, 0, &l));
    assert_string_equal(l.id, "LINK1");
    assert_string_equal(l.from, "CNCKG");
    assert_string_equal(l.to, "KZKHO");
    assert_int_equal(l.mode, FR_MODE_RAIL);
    assert_true(l.distance_km == 3000 && l.time_h == 100 && l.cost_usd == 1500);
    /* default co2: 3000 km x 0.22 = 660 */
    assert_close(l.co2_kg, 660.0);
    assert_false(l.bidirectional);
    assert_string_equal(l.corridor, "");
    assert_string_equal(l.source, "");
    assert_false(fr_network_link(net, 1, &l));
    fr_network_free(net);
}

static void test_node_info_and_lookup(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(
        "id,name,kind,country,lat,lon,dwell_h,dwell_usd,source\n"
        "CNCKG,Chongqing,city,CN,29.56,106.55,0,0,\n"
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2.5,10,estimate: guess\n"
        "P1,Port,river_port,DE,51,6,,,\n"
        "P2,Sea,seaport,NL,51.9,4.1,,,\n"
        "P3,Air,airport,CN,29.7,106.6,,,\n"
        "P4,Jct,junction,PL,52,21,,,\n",
        "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,bidirectional,corridor,source\n"
        "LINK1,CNCKG,KZALA,rail,3000,100,1500,123.5,1,Yuxinou,UIC 2020\n",
        NULL, NULL);
    assert_int_equal(fr_network_find_node(net, "KZALA"), 1);
    assert_int_equal(fr_network_find_node(net, "P4"), 5);
    assert_int_equal(fr_network_find_node(net, "kzala"), -1);
    assert_int_equal(fr_network_find_node(net, "NOPE"), -1);
    fr_node_info n;
    assert_true(fr_network_node(net, 1, &n));
    assert_int_equal(n.kind, FR_NODE_RAIL_TERMINAL);
    assert_true(n.dwell_h == 2.5 && n.dwell_usd == 10.0);
    assert_string_equal(n.source, "estimate: guess");
    const fr_node_kind kinds[] = {FR_NODE_CITY, FR_NODE_RAIL_TERMINAL,
                                  FR_NODE_RIVER_PORT, FR_NODE_SEAPORT,
                                  FR_NODE_AIRPORT, FR_NODE_JUNCTION};
    for (size_t i = 0; i < 6; i++) {
        assert_true(fr_network_node(net, i, &n));
        assert_int_equal(n.kind, kinds[i]);
    }
    fr_link_info l;
    assert_true(fr_network_link(net, 0, &l));
    assert_true(l.co2_kg == 123.5);
    assert_true(l.bidirectional);
    assert_string_equal(l.corridor, "Yuxinou");
    assert_string_equal(l.source, "UIC 2020");
    assert_true(fr_network_has_corridor(net, "Yuxinou"));
    assert_false(fr_network_has_corridor(net, "yuxinou"));
    assert_false(fr_network_has_corridor(net, "Southern"));
    fr_network_free(net);
}

static void test_names_round_trip(void **state)
{
    (void)state;
    const char *modes[] = {"rail", "road", "river", "sea", "air"};
    for (int m = 0; m < FR_MODE_COUNT; m++) {
        assert_string_equal(fr_mode_name((fr_mode)m), modes[m]);
        fr_mode out;
        assert_true(fr_mode_from_name(modes[m], &out));
        assert_int_equal(out, m);
    }
    fr_mode out;
    assert_false(fr_mode_from_name("hyperloop", &out));
    const char *kinds[] = {"city", "rail_terminal", "river_port", "seaport",
                           "airport", "border", "junction"};
    for (int k = 0; k < FR_NODE_KIND_COUNT; k++)
        assert_string_equal(fr_node_kind_name((fr_node_kind)k), kinds[k]);
    const char *objs[] = {"cost", "time", "co2", "distance", "generalized"};
    for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
        assert_string_equal(fr_objective_name((fr_objective)o), objs[o]);
        fr_objective ob;
        assert_true(fr_objective_from_name(objs[o], &ob));
        assert_int_equal(ob, o);
    }
    fr_objective ob;
    assert_false(fr_objective_from_name("bogus", &ob));

    fr_mode_set set = 0;
    assert_true(fr_mode_set_parse("rail,sea", &set, NULL));
    assert_int_equal(set, FR_MODE_BIT(FR_MODE_RAIL) | FR_MODE_BIT(FR_MODE_SEA));
    GError *err = NULL;
    assert_false(fr_mode_set_parse("rail,teleport", &set, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "teleport");
    g_error_free(err);

    assert_string_equal(fr_version(), FR_VERSION_STRING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_loads),
        cmocka_unit_test(test_duplicate_node_id),
        cmocka_unit_test(test_bad_id_characters),
        cmocka_unit_test(test_id_too_long),
        cmocka_unit_test(test_id_of_64_chars_is_valid),
        cmocka_unit_test(test_unknown_kind),
        cmocka_unit_test(test_bad_country),
        cmocka_unit_test(test_lat_out_of_range),
        cmocka_unit_test(test_lon_out_of_range),
        cmocka_unit_test(test_lat_lon_bounds_are_valid),
        cmocka_unit_test(test_negative_dwell),
        cmocka_unit_test(test_node_non_numeric),
        cmocka_unit_test(test_node_missing_cells),
        cmocka_unit_test(test_nodes_missing_column),
        cmocka_unit_test(test_nodes_line_numbers_after_blank_and_multiline),
        cmocka_unit_test(test_nodes_invalid_utf8),
        cmocka_unit_test(test_nodes_empty_file),
        cmocka_unit_test(test_links_empty_file),
        cmocka_unit_test(test_header_only_nodes_with_links),
        cmocka_unit_test(test_binary_garbage),
        cmocka_unit_test(test_missing_nodes_csv),
        cmocka_unit_test(test_missing_links_csv),
        cmocka_unit_test(test_missing_directory),
        cmocka_unit_test(test_unknown_node_in_link),
        cmocka_unit_test(test_duplicate_link_id),
        cmocka_unit_test(test_link_from_equals_to),
        cmocka_unit_test(test_unknown_mode),
        cmocka_unit_test(test_distance_not_positive),
        cmocka_unit_test(test_time_not_positive),
        cmocka_unit_test(test_negative_cost),
        cmocka_unit_test(test_zero_cost_is_valid),
        cmocka_unit_test(test_non_numeric),
        cmocka_unit_test(test_nan),
        cmocka_unit_test(test_inf),
        cmocka_unit_test(test_units_in_cell),
        cmocka_unit_test(test_thousands_separator),
        cmocka_unit_test(test_optional_numeric_cell_checked),
        cmocka_unit_test(test_links_missing_column),
        cmocka_unit_test(test_links_missing_cell),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_bidirectional_not_0_or_1),
        cmocka_unit_test(test_links_line_number_after_blank_lines),
        cmocka_unit_test(test_transfer_unknown_node),
        cmocka_unit_test(test_transfer_same_modes),
        cmocka_unit_test(test_duplicate_transfer),
        cmocka_unit_test(test_transfer_unknown_mode),
        cmocka_unit_test(test_transfer_negative_figures),
        cmocka_unit_test(test_transfer_missing_column),
        cmocka_unit_test(test_transfer_unused_mode_loads),
        cmocka_unit_test(test_modes_unknown_mode),
        cmocka_unit_test(test_modes_negative_factor),
        cmocka_unit_test(test_modes_non_numeric),
        cmocka_unit_test(test_modes_missing_column),
        cmocka_unit_test(test_duplicate_header_column),
        cmocka_unit_test(test_link_id_clashes_with_reverse),
        cmocka_unit_test(test_large_line_number),
        cmocka_unit_test(test_default_network_round_trip),
        cmocka_unit_test(test_columns_any_order_unknown_ignored),
        cmocka_unit_test(test_node_info_and_lookup),
        cmocka_unit_test(test_names_round_trip),
        /* last: an empty network is the likeliest to trip a sanitizer that
         * stops the whole process */
        cmocka_unit_test(test_header_only_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
