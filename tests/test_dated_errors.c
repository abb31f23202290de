/* test_dated_errors.c - bad input in the files and columns of FORMAT.md §5
 * (nodes.csv timezone, links.csv valid_from/valid_to, services.csv,
 * closures.csv, network.csv) and in dated queries.
 *
 * Every bad file fails the whole load with FR_ERROR_INVALID and NULL from
 * fr_network_load_dir(), with a message that starts with "<file>:<line>:"
 * of the offending row (line 1 is the header) and quotes the offending
 * text; a bad dated query is an FR_ERROR_QUERY. The corner cases that are
 * valid (an empty zone is UTC, an open-ended validity, unknown network.csv
 * keys) do load. The tests run under AddressSanitizer, so an error path
 * that leaks fails too.
 *
 * The base network (all files valid):
 *   nodes.csv     line 2 CNCKG (Asia/Shanghai), 3 KZALA (Asia/Almaty),
 *                 4 DEDUI (Europe/Berlin)
 *   links.csv     line 2 LINK1 CNCKG-KZALA rail, bidirectional,
 *                 3 LINK2 KZALA-DEDUI rail, 4 ROAD1 CNCKG-DEDUI road
 *   services.csv  line 2 S1 on LINK1, 3 S2 on LINK2
 *   closures.csv  line 2 LINK2 closed, 3 KZALA closed
 *   network.csv   line 2 name, 3 reference_date
 * Most cases replace one line of one file. */
#include "helpers.h"

#include <math.h>
#include <string.h>

#ifndef FR_ROUTE_EXE
#error "FR_ROUTE_EXE must name the fr-route executable"
#endif

#define NODES_HDR "id,name,kind,country,lat,lon,dwell_h,dwell_usd,timezone\n"
#define NODE_CN "CNCKG,Chongqing,city,CN,29.56,106.55,0,0,Asia/Shanghai\n"
#define NODE_KZ "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,Asia/Almaty\n"
#define NODE_DE "DEDUI,Duisburg,river_port,DE,51.43,6.76,,,Europe/Berlin\n"
#define NODES_OK NODES_HDR NODE_CN NODE_KZ NODE_DE

#define LINKS_HDR "id,from,to,mode,distance_km,time_h,cost_usd,bidirectional,valid_from,valid_to\n"
#define LINK_1 "LINK1,CNCKG,KZALA,rail,3000,100,1500,1,,\n"
#define LINK_2 "LINK2,KZALA,DEDUI,rail,6000,200,3000,0,,\n"
#define LINK_3 "ROAD1,CNCKG,DEDUI,road,9000,400,9000,0,2019-01-01,2019-12-31\n"
#define LINKS_OK LINKS_HDR LINK_1 LINK_2 LINK_3

#define SVC_HDR "id,link,departures,cutoff_h,valid_from,valid_to\n"
#define SVC_1 "S1,LINK1,Mon 18:00; Thu 18:00,4,,\n"
#define SVC_2 "S2,LINK2,daily 08:30,2,2019-01-01,2019-12-31\n"
#define SVCS_OK SVC_HDR SVC_1 SVC_2

#define CLO_HDR "link,node,from,to,reason\n"
#define CLO_1 "LINK2,,2019-07-10T00:00:00+06:00,2019-07-12T00:00:00+06:00,strike\n"
#define CLO_2 ",KZALA,2019-08-01T00:00:00Z,2019-08-02T00:00:00Z,holiday\n"
#define CLOS_OK CLO_HDR CLO_1 CLO_2

#define NET_HDR "key,value\n"
#define NET_1 "name,Test network\n"
#define NET_2 "reference_date,2019-07-01\n"
#define NET_OK NET_HDR NET_1 NET_2

/* The files of a network directory; NULL: not written. */
typedef struct {
    const char *nodes, *links, *services, *closures, *network;
} netfiles;

static netfiles base_files(void)
{
    netfiles f = {NODES_OK, LINKS_OK, SVCS_OK, CLOS_OK, NET_OK};
    return f;
}

static void write_files(const char *dir, const netfiles *f)
{
    write_network(dir, f->nodes, f->links, NULL, NULL);
    write_dated_files(dir, f->services, f->closures, f->network);
}

static fr_network *load_files(const netfiles *f, GError **error)
{
    char *dir = make_tmp_dir();
    write_files(dir, f);
    fr_network *net = fr_network_load_dir(dir, error);
    remove_dir(dir);
    g_free(dir);
    return net;
}

static fr_network *load_files_ok(const netfiles *f)
{
    GError *err = NULL;
    fr_network *net = load_files(f, &err);
    return expect_loaded(net, err);
}

/* Fails unless loading f fails with FR_ERROR_INVALID, a message that starts
 * with `where` ("services.csv:3:") and contains `text` (the offending text),
 * and, when any alternatives follow (NULL-terminated), contains one of them. */
static void expect_invalid_(const netfiles *f, const char *where,
                            const char *text, const char *file, int line, ...)
{
    GError *err = NULL;
    fr_network *net = load_files(f, &err);
    char msg[1024] = "";
    if (net) {
        fr_network_free(net);
        g_clear_error(&err);
        g_snprintf(msg, sizeof msg,
                   "%s:%d: load succeeded; expected an error '%s ... %s ...'",
                   file, line, where, text);
        fail_msg("%s", msg);
    }
    if (!err)
        fail_msg("%s:%d: load failed without setting a GError", file, line);
    if (g_getenv("FR_TEST_VERBOSE"))
        print_message("%s:%d: error: %s\n", file, line, err->message);
    if (err->domain != FR_ERROR || err->code != FR_ERROR_INVALID)
        g_snprintf(msg, sizeof msg,
                   "%s:%d: expected FR_ERROR_INVALID, got %s %d: %s", file,
                   line, g_quark_to_string(err->domain), err->code,
                   err->message);
    else if (!g_str_has_prefix(err->message, where))
        g_snprintf(msg, sizeof msg, "%s:%d: message '%s' does not start with '%s'",
                   file, line, err->message, where);
    else if (text && !strstr(err->message, text))
        g_snprintf(msg, sizeof msg, "%s:%d: message '%s' lacks '%s'", file,
                   line, err->message, text);
    else {
        va_list ap;
        va_start(ap, line);
        const char *alt;
        bool any = false, found = false;
        GString *alts = g_string_new(NULL);
        while ((alt = va_arg(ap, const char *)) != NULL) {
            any = true;
            if (strstr(err->message, alt))
                found = true;
            g_string_append_printf(alts, "%s'%s'", alts->len ? " or " : "", alt);
        }
        va_end(ap);
        if (any && !found)
            g_snprintf(msg, sizeof msg, "%s:%d: message '%s' lacks %s", file,
                       line, err->message, alts->str);
        g_string_free(alts, TRUE);
    }
    g_error_free(err);
    if (msg[0])
        fail_msg("%s", msg);
}
#define expect_invalid(f, where, ...) \
    expect_invalid_((f), (where), __VA_ARGS__, __FILE__, __LINE__, NULL)
#define expect_invalid_alt(f, where, text, ...) \
    expect_invalid_((f), (where), (text), __FILE__, __LINE__, __VA_ARGS__, NULL)

/* The base network with one file replaced. */
static void expect_nodes_fail(const char *nodes, const char *where,
                              const char *text)
{
    netfiles f = base_files();
    f.nodes = nodes;
    expect_invalid(&f, where, text);
}

/* nodes.csv with line 3 (KZALA) replaced by row. */
static void expect_node_row_fail(const char *row, const char *text)
{
    char *nodes = g_strconcat(NODES_HDR NODE_CN, row, NODE_DE, NULL);
    expect_nodes_fail(nodes, "nodes.csv:3:", text);
    g_free(nodes);
}

/* links.csv with line 3 (LINK2) replaced by row. */
static void expect_link_row_fail(const char *row, const char *text)
{
    char *links = g_strconcat(LINKS_HDR LINK_1, row, LINK_3, NULL);
    netfiles f = base_files();
    f.links = links;
    expect_invalid(&f, "links.csv:3:", text);
    g_free(links);
}

/* services.csv with line 3 (S2) replaced by row; where NULL means
 * "services.csv:3:". */
static void expect_service_row_fail_(const char *row, const char *text,
                                     const char *file, int line)
{
    char *svcs = g_strconcat(SVC_HDR SVC_1, row, NULL);
    netfiles f = base_files();
    f.services = svcs;
    expect_invalid_(&f, "services.csv:3:", text, file, line, NULL);
    g_free(svcs);
}
#define expect_service_row_fail(row, text) \
    expect_service_row_fail_((row), (text), __FILE__, __LINE__)

/* closures.csv with line 2 (the LINK2 closure) replaced by row. */
static void expect_closure_row_fail_(const char *row, const char *text,
                                     const char *file, int line)
{
    char *clos = g_strconcat(CLO_HDR, row, CLO_2, NULL);
    netfiles f = base_files();
    f.closures = clos;
    expect_invalid_(&f, "closures.csv:2:", text, file, line, NULL);
    g_free(clos);
}
#define expect_closure_row_fail(row, text) \
    expect_closure_row_fail_((row), (text), __FILE__, __LINE__)

/* network.csv with line 3 (reference_date) replaced by row. */
static void expect_network_row_fail_(const char *row, const char *text,
                                     const char *file, int line)
{
    char *net = g_strconcat(NET_HDR NET_1, row, NULL);
    netfiles f = base_files();
    f.network = net;
    expect_invalid_(&f, "network.csv:3:", text, file, line, NULL);
    g_free(net);
}
#define expect_network_row_fail(row, text) \
    expect_network_row_fail_((row), (text), __FILE__, __LINE__)

/* The UTC offset of zone tz at local noon of 2019-07-01, in seconds. */
static long offset_s(GTimeZone *tz)
{
    assert_non_null(tz);
    GDateTime *t = g_date_time_new(tz, 2019, 7, 1, 12, 0, 0);
    assert_non_null(t);
    long off = (long)(g_date_time_get_utc_offset(t) / G_TIME_SPAN_SECOND);
    g_date_time_unref(t);
    return off;
}

/* ---- sanity: the base network loads ----------------------------------- */

static void test_base_loads(void **state)
{
    (void)state;
    netfiles f = base_files();
    fr_network *net = load_files_ok(&f);
    assert_int_equal(fr_network_node_count(net), 3);
    assert_int_equal(fr_network_link_count(net), 3);
    assert_true(fr_network_is_timetabled(net));
    assert_int_equal(offset_s(fr_network_node_timezone(net, 0)), 8 * 3600);
    assert_int_equal(offset_s(fr_network_node_timezone(net, 2)), 2 * 3600);
    assert_null(fr_network_node_timezone(net, 3));
    GDateTime *ref = fr_network_reference_date(net);
    assert_non_null(ref);
    assert_int_equal(g_date_time_get_year(ref), 2019);
    assert_int_equal(g_date_time_get_month(ref), 7);
    assert_int_equal(g_date_time_get_day_of_month(ref), 1);
    assert_int_equal(g_date_time_get_hour(ref), 0);
    assert_int_equal(g_date_time_get_utc_offset(ref), 0);
    fr_network_free(net);
}

/* ---- nodes.csv: timezone ------------------------------------------------ */

static void test_node_unknown_zone(void **state)
{
    (void)state;
    expect_node_row_fail(
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,Mars/Olympus\n",
        "Mars/Olympus");
    /* zone names are case-sensitive file names on most systems, but a
     * continent that does not exist is unknown everywhere */
    expect_node_row_fail(
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,Atlantis/Poseidonia\n",
        "Atlantis/Poseidonia");
}

static void test_node_empty_zone_is_utc(void **state)
{
    (void)state;
    netfiles f = base_files();
    f.nodes = NODES_HDR NODE_CN
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,\n" NODE_DE;
    fr_network *net = load_files_ok(&f);
    assert_int_equal(offset_s(fr_network_node_timezone(net, 1)), 0);
    assert_int_equal(offset_s(fr_network_node_timezone(net, 0)), 8 * 3600);
    /* a time without an offset at that node is read as UTC */
    GError *err = NULL;
    GDateTime *t = fr_network_parse_datetime(net, "KZALA", "2019-07-02T08:00", &err);
    assert_non_null(t);
    assert_null(err);
    assert_int_equal(g_date_time_get_utc_offset(t), 0);
    assert_int_equal(g_date_time_get_hour(t), 8);
    g_date_time_unref(t);
    fr_network_free(net);

    /* no timezone column at all: every node is UTC */
    f.nodes = "id,name,kind,country,lat,lon\n"
              "CNCKG,Chongqing,city,CN,29.56,106.55\n"
              "KZALA,Almaty,rail_terminal,KZ,43.24,76.95\n"
              "DEDUI,Duisburg,river_port,DE,51.43,6.76\n";
    net = load_files_ok(&f);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(offset_s(fr_network_node_timezone(net, i)), 0);
    fr_network_free(net);
}

static void test_node_zone_garbage(void **state)
{
    (void)state;
    expect_node_row_fail(
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,Asia Almaty\n",
        "Asia Almaty");
    expect_node_row_fail(
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,Asia/Al maty\n",
        "Asia/Al maty");
    expect_node_row_fail(
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,Europe/Berlin x\n",
        "Europe/Berlin x");
    expect_node_row_fail(
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,??\n", "??");
    expect_node_row_fail(
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,\"Asia/Almaty;rm\"\n",
        "Asia/Almaty;rm");
}

static void test_node_zone_not_a_name(void **state)
{
    (void)state;
    /* an IANA zone is a name, not a path to some file */
    expect_node_row_fail(
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,../../../../etc/passwd\n",
        "../../../../etc/passwd");
    expect_node_row_fail(
        "KZALA,Almaty,rail_terminal,KZ,43.24,76.95,2,10,/usr/share/zoneinfo/Asia/Almaty\n",
        "/usr/share/zoneinfo/Asia/Almaty");
}

/* ---- links.csv: valid_from / valid_to ---------------------------------- */

static void test_link_valid_from_not_a_date(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,3000,0,2019-13-01,\n",
                         "2019-13-01");
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,3000,0,2019-02-29,\n",
                         "2019-02-29");
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,3000,0,01/07/2019,\n",
                         "01/07/2019");
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,3000,0,2019-7-1,\n",
                         "2019-7-1");
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,3000,0,2019-07-00,\n",
                         "2019-07-00");
    /* a date-time is not a date */
    expect_link_row_fail(
        "LINK2,KZALA,DEDUI,rail,6000,200,3000,0,2019-07-01T08:00,\n",
        "2019-07-01T08:00");
}

static void test_link_valid_to_not_a_date(void **state)
{
    (void)state;
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,3000,0,,2019-04-31\n",
                         "2019-04-31");
    expect_link_row_fail("LINK2,KZALA,DEDUI,rail,6000,200,3000,0,,tomorrow\n",
                         "tomorrow");
}

static void test_link_valid_to_before_from(void **state)
{
    (void)state;
    expect_link_row_fail(
        "LINK2,KZALA,DEDUI,rail,6000,200,3000,0,2019-07-02,2019-07-01\n",
        "2019-07-01");
    /* one day (from = to) is valid */
    netfiles f = base_files();
    f.links = LINKS_HDR LINK_1
        "LINK2,KZALA,DEDUI,rail,6000,200,3000,0,2019-07-02,2019-07-02\n" LINK_3;
    fr_network *net = load_files_ok(&f);
    fr_network_free(net);
}

/* Open-ended validity: only one of valid_from and valid_to is valid. */
static void test_link_open_ended_validity(void **state)
{
    (void)state;
    netfiles f = {
        "id,name,kind,country,lat,lon\nAAA,A,city,CN,30,100\nBBB,B,city,DE,50,8\n",
        "id,from,to,mode,distance_km,time_h,cost_usd,valid_from,valid_to\n"
        "L1,AAA,BBB,rail,100,10,100,2019-07-01,\n",
        NULL, NULL, NULL};
    fr_network *net = load_files_ok(&f);
    fr_query *q = fr_query_new("AAA", "BBB");
    GDateTime *before = g_date_time_new_utc(2019, 6, 30, 0, 0, 0);
    GDateTime *after = g_date_time_new_utc(2030, 1, 1, 0, 0, 0);
    fr_query_set_date(q, before);
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    fr_query_set_date(q, after);
    fr_route *r = route_ok(net, q);
    fr_route_free(r);
    fr_network_free(net);

    f.links = "id,from,to,mode,distance_km,time_h,cost_usd,valid_from,valid_to\n"
              "L1,AAA,BBB,rail,100,10,100,,2019-07-01\n";
    net = load_files_ok(&f);
    fr_query_set_date(q, before);
    r = route_ok(net, q);
    fr_route_free(r);
    fr_query_set_date(q, after);
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    fr_network_free(net);

    g_date_time_unref(before);
    g_date_time_unref(after);
    fr_query_free(q);
}

/* ---- services.csv -------------------------------------------------------- */

static void test_service_missing_column(void **state)
{
    (void)state;
    netfiles f = base_files();
    f.services = "id,departures,cutoff_h\nS1,Mon 18:00,4\n";
    expect_invalid(&f, "services.csv:1:", "link");
    f.services = "id,link,cutoff_h\nS1,LINK1,4\n";
    expect_invalid(&f, "services.csv:1:", "departures");
    f.services = "link,departures,cutoff_h\nLINK1,Mon 18:00,4\n";
    expect_invalid(&f, "services.csv:1:", "id");
}

static void test_service_missing_cell(void **state)
{
    (void)state;
    expect_service_row_fail(",LINK2,daily 08:30,,,\n", "id");
    expect_service_row_fail("S2,,daily 08:30,,,\n", "link");
    /* a row shorter than the header */
    expect_service_row_fail("S2,LINK2\n", "fields");
}

static void test_service_unknown_link(void **state)
{
    (void)state;
    expect_service_row_fail("S2,NOLINK,daily 08:30,,,\n", "NOLINK");
    /* a node id is not a link id */
    expect_service_row_fail("S2,KZALA,daily 08:30,,,\n", "KZALA");
}

static void test_service_rev_of_one_way_link(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2:rev,daily 08:30,,,\n", "LINK2:rev");
    expect_service_row_fail("S2,NOLINK:rev,daily 08:30,,,\n", "NOLINK:rev");
    /* the reverse of a bidirectional link may have services */
    netfiles f = base_files();
    f.services = SVCS_OK "S3,LINK1:rev,Tue 09:00,1,,\n";
    fr_network *net = load_files_ok(&f);
    fr_network_free(net);
}

static void test_service_duplicate_id(void **state)
{
    (void)state;
    expect_service_row_fail("S1,LINK2,daily 08:30,,,\n", "S1");
}

static void test_service_bad_id(void **state)
{
    (void)state;
    expect_service_row_fail("S 2,LINK2,daily 08:30,,,\n", "S 2");
}

static void test_service_hour_out_of_range(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,Mon 25:00,,,\n", "25:00");
    expect_service_row_fail("S2,LINK2,Mon 08:00; Tue 24:30,,,\n", "24:30");
}

static void test_service_minute_out_of_range(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,Mon 12:60,,,\n", "12:60");
    expect_service_row_fail("S2,LINK2,Mon 12:5,,,\n", "12:5");
}

static void test_service_unknown_day(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,Funday 08:00,,,\n", "Funday");
    expect_service_row_fail("S2,LINK2,Mon 08:00; Fry 09:00,,,\n", "Fry");
    expect_service_row_fail("S2,LINK2,Mon-Funday 08:00,,,\n", "Funday");
}

static void test_service_day_without_time(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,Mon,,,\n", "Mon");
    expect_service_row_fail("S2,LINK2,daily,,,\n", "daily");
    expect_service_row_fail("S2,LINK2,08:30,,,\n", "08:30");
}

static void test_service_empty_departures(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,,,,\n", "departure");
    expect_service_row_fail("S2,LINK2,\" ; \",,,\n", "departure");
}

static void test_service_unfinished_range(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,Mon- 08:00,,,\n", "Mon-");
    expect_service_row_fail("S2,LINK2,Mon-,,,\n", "Mon-");
    expect_service_row_fail("S2,LINK2,-Fri 08:00,,,\n", "-Fri");
}

static void test_service_missing_separator(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,Mon 18:00 Thu 18:00,,,\n", "Mon 18:00 Thu 18:00");
}

/* Loads a one-link network A->B (UTC, time_h 10) whose only service has
 * these departures. Accepted: returns true with the undated time route's
 * total time (mean wait + 10 h). Rejected: returns false with the error in
 * *err. */
static bool one_service(const char *departures, double *time_h, GError **err)
{
    char *svc = g_strdup_printf("id,link,departures\nS,L,%s\n", departures);
    netfiles f = {
        "id,name,kind,country,lat,lon\nAAA,A,city,CN,30,100\nBBB,B,city,DE,50,8\n",
        "id,from,to,mode,distance_km,time_h,cost_usd\nL,AAA,BBB,rail,100,10,100\n",
        svc, NULL, NULL};
    fr_network *net = load_files(&f, err);
    g_free(svc);
    if (!net)
        return false;
    fr_query *q = fr_query_new("AAA", "BBB");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_route *r = route_ok(net, q);
    *time_h = fr_route_total_time_h(r);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
    return true;
}

/* Mean wait over a week of headways h (hours): sum h^2 / (2 sum h). */
static double mean_wait(const double *h, size_t n)
{
    double s = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        s += h[i];
        s2 += h[i] * h[i];
    }
    return s2 / (2 * s);
}

/* "Fri-Mon": a range that wraps over the week's end is Fri, Sat, Sun, Mon
 * (four departures; util/clock.c reads "Sat-Mon" so), never Fri and Mon only
 * and never a silent empty range. */
static void test_service_wrapping_range(void **state)
{
    (void)state;
    double t = 0;
    GError *err = NULL;
    const double wrap[] = {24, 24, 24, 96}; /* Fri Sat Sun Mon, then to Fri */
    if (!one_service("Fri-Mon 08:00", &t, &err)) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "'Fri-Mon 08:00' rejected: %s", err->message);
        g_error_free(err);
        fail_msg("%s", msg);
    }
    assert_close(t, mean_wait(wrap, 4) + 10);
    assert_true(one_service("Sun-Mon 23:00", &t, NULL));
    const double sun_mon[] = {24, 144};
    assert_close(t, mean_wait(sun_mon, 2) + 10);
    /* a plain range and daily, for comparison */
    const double week[] = {24, 24, 24, 24, 72}; /* Mon..Fri */
    assert_true(one_service("Mon-Fri 08:00", &t, NULL));
    assert_close(t, mean_wait(week, 5) + 10);
    assert_true(one_service("daily 08:00", &t, NULL));
    assert_close(t, 12 + 10);
    /* a one-day range is that day */
    assert_true(one_service("Wed-Wed 08:00", &t, NULL));
    assert_close(t, 84 + 10);
}

/* "daily 8:30": a one-digit hour is accepted or rejected the same way
 * wherever it appears. */
static void test_service_one_digit_hour(void **state)
{
    (void)state;
    double t1 = 0, t2 = 0, t3 = 0;
    GError *e1 = NULL, *e2 = NULL, *e3 = NULL;
    bool ok1 = one_service("daily 8:30", &t1, &e1);
    bool ok2 = one_service("Mon 8:30", &t2, &e2);
    bool ok3 = one_service("Mon-Fri 8:30", &t3, &e3);
    if (ok1 != ok2 || ok1 != ok3) {
        g_clear_error(&e1);
        g_clear_error(&e2);
        g_clear_error(&e3);
        fail_msg("'daily 8:30' %s, 'Mon 8:30' %s, 'Mon-Fri 8:30' %s",
                 ok1 ? "accepted" : "rejected", ok2 ? "accepted" : "rejected",
                 ok3 ? "accepted" : "rejected");
    }
    if (ok1) {
        const double week[] = {24, 24, 24, 24, 72};
        assert_close(t1, 12 + 10);
        assert_close(t2, 84 + 10);
        assert_close(t3, mean_wait(week, 5) + 10);
        /* and means the same as 08:30 */
        double t0 = 0;
        assert_true(one_service("daily 08:30", &t0, NULL));
        assert_close(t0, t1);
    } else {
        check_error(e1, FR_ERROR_INVALID, "services.csv:2:", "8:30");
        check_error(e2, FR_ERROR_INVALID, "services.csv:2:", "8:30");
        check_error(e3, FR_ERROR_INVALID, "services.csv:2:", "8:30");
        g_error_free(e1);
        g_error_free(e2);
        g_error_free(e3);
    }
}

static void test_service_negative_cutoff(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,daily 08:30,-1,,\n", "cutoff_h");
    expect_service_row_fail("S2,LINK2,daily 08:30,-0.5,,\n", "-0.5");
}

static void test_service_cutoff_not_a_number(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,daily 08:30,NaN,,\n", "NaN");
    expect_service_row_fail("S2,LINK2,daily 08:30,inf,,\n", "inf");
    expect_service_row_fail("S2,LINK2,daily 08:30,4h,,\n", "4h");
}

static void test_service_valid_to_before_from(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,daily 08:30,2,2019-12-31,2019-01-01\n",
                            "2019-01-01");
    /* open-ended and one-day validities are valid */
    netfiles f = base_files();
    f.services = SVC_HDR SVC_1 "S2,LINK2,daily 08:30,2,2019-01-01,\n"
                 "S3,LINK2,Mon 10:00,2,,2019-01-01\n"
                 "S4,LINK2,Tue 10:00,2,2019-01-01,2019-01-01\n";
    fr_network *net = load_files_ok(&f);
    fr_network_free(net);
}

static void test_service_bad_validity_date(void **state)
{
    (void)state;
    expect_service_row_fail("S2,LINK2,daily 08:30,2,2019-02-29,\n", "2019-02-29");
    expect_service_row_fail("S2,LINK2,daily 08:30,2,,2019-12-32\n", "2019-12-32");
    expect_service_row_fail("S2,LINK2,daily 08:30,2,1/1/2019,\n", "1/1/2019");
}

static void test_service_line_after_blank(void **state)
{
    (void)state;
    /* line 1 header, 2 S1, 3 blank, 4 the bad row */
    netfiles f = base_files();
    f.services = SVC_HDR SVC_1 "\nS2,LINK2,Sun 99:00,,,\n";
    expect_invalid(&f, "services.csv:4:", "99:00");
}

/* ---- closures.csv -------------------------------------------------------- */

static void test_closure_link_and_node(void **state)
{
    (void)state;
    expect_closure_row_fail(
        "LINK2,KZALA,2019-07-10T00:00:00+06:00,2019-07-12T00:00:00+06:00,x\n", "LINK2");
}

static void test_closure_neither_link_nor_node(void **state)
{
    (void)state;
    expect_closure_row_fail(",,2019-07-10T00:00:00+06:00,2019-07-12T00:00:00+06:00,x\n",
                            "link");
    /* no link or node column at all */
    netfiles f = base_files();
    f.closures = "from,to\n2019-07-10T00:00:00+06:00,2019-07-12T00:00:00+06:00\n";
    expect_invalid(&f, "closures.csv:", "link");
}

static void test_closure_missing_from_or_to(void **state)
{
    (void)state;
    expect_closure_row_fail("LINK2,,,2019-07-12T00:00:00+06:00,x\n", "from");
    expect_closure_row_fail("LINK2,,2019-07-10T00:00:00+06:00,,x\n", "to");
    netfiles f = base_files();
    f.closures = "link,from\nLINK2,2019-07-10T00:00:00+06:00\n";
    expect_invalid(&f, "closures.csv:1:", "to");
    f.closures = "link,to\nLINK2,2019-07-10T00:00:00+06:00\n";
    expect_invalid(&f, "closures.csv:1:", "from");
}

static void test_closure_unknown_link(void **state)
{
    (void)state;
    expect_closure_row_fail(
        "NOLINK,,2019-07-10T00:00:00+06:00,2019-07-12T00:00:00+06:00,x\n", "NOLINK");
    /* the reverse of a one-way link does not exist */
    expect_closure_row_fail(
        "LINK2:rev,,2019-07-10T00:00:00+06:00,2019-07-12T00:00:00+06:00,x\n",
        "LINK2:rev");
    /* that of a bidirectional one does */
    netfiles f = base_files();
    f.closures = CLOS_OK
        "LINK1:rev,,2019-07-10T00:00:00+06:00,2019-07-12T00:00:00+06:00,x\n";
    fr_network *net = load_files_ok(&f);
    fr_network_free(net);
}

static void test_closure_unknown_node(void **state)
{
    (void)state;
    expect_closure_row_fail(
        ",NONODE,2019-07-10T00:00:00+06:00,2019-07-12T00:00:00+06:00,x\n", "NONODE");
    /* a link id is not a node id */
    expect_closure_row_fail(
        ",LINK2,2019-07-10T00:00:00+06:00,2019-07-12T00:00:00+06:00,x\n", "LINK2");
}

static void test_closure_without_offset(void **state)
{
    (void)state;
    expect_closure_row_fail("LINK2,,2019-07-01T08:00,2019-07-12T00:00:00+06:00,x\n",
                            "2019-07-01T08:00");
    expect_closure_row_fail("LINK2,,2019-07-01T08:00:00+06:00,2019-07-12T00:00,x\n",
                            "2019-07-12T00:00");
    /* a bare date has no offset either */
    expect_closure_row_fail("LINK2,,2019-07-01,2019-07-12T00:00:00+06:00,x\n",
                            "2019-07-01");
}

static void test_closure_to_before_from(void **state)
{
    (void)state;
    expect_closure_row_fail(
        "LINK2,,2019-07-12T00:00:00+06:00,2019-07-10T00:00:00+06:00,x\n",
        "2019-07-10T00:00:00+06:00");
    /* the same instant written in two zones is still the same instant:
     * 2019-07-10T02:00:00+06:00 = 2019-07-09T20:00:00Z, before from */
    expect_closure_row_fail(
        "LINK2,,2019-07-09T22:00:00Z,2019-07-10T02:00:00+06:00,x\n",
        "2019-07-10T02:00:00+06:00");
}

static void test_closure_to_equals_from(void **state)
{
    (void)state;
    expect_closure_row_fail(
        "LINK2,,2019-07-10T00:00:00+06:00,2019-07-10T00:00:00+06:00,x\n",
        "2019-07-10T00:00:00+06:00");
    expect_closure_row_fail(
        "LINK2,,2019-07-09T18:00:00Z,2019-07-10T00:00:00+06:00,x\n",
        "2019-07-10T00:00:00+06:00");
}

/* FORMAT.md §3 and §5 write date-times to the minute
 * ("2019-07-01T08:00+08:00"): a closure may too, and "Z" is an offset. */
static void test_closure_minutes_accepted(void **state)
{
    (void)state;
    netfiles f = base_files();
    f.closures = CLO_HDR
        "LINK2,,2019-07-10T00:00+06:00,2019-07-12T00:00+06:00,strike\n"
        ",KZALA,2019-08-01T00:00Z,2019-08-02T00:00Z,holiday\n"
        "LINK1,,2019-09-01T08:30:15.5+08:00,2019-09-01T09:00-01:00,x\n";
    fr_network *net = load_files_ok(&f);
    fr_network_free(net);
}

static void test_closure_bad_datetime(void **state)
{
    (void)state;
    expect_closure_row_fail("LINK2,,yesterday,2019-07-12T00:00:00+06:00,x\n",
                            "yesterday");
    expect_closure_row_fail(
        "LINK2,,2019-07-32T00:00:00+06:00,2019-08-12T00:00:00+06:00,x\n",
        "2019-07-32T00:00:00+06:00");
    expect_closure_row_fail(
        "LINK2,,2019-07-10T25:00:00+06:00,2019-07-12T00:00:00+06:00,x\n",
        "2019-07-10T25:00:00+06:00");
    expect_closure_row_fail(
        "LINK2,,2019-07-10T00:00:00+06:00,2019-07-12T00:00:00+99:00,x\n",
        "2019-07-12T00:00:00+99:00");
}

/* ---- network.csv --------------------------------------------------------- */

static void test_network_reference_date_not_a_date(void **state)
{
    (void)state;
    expect_network_row_fail("reference_date,2019-02-29\n", "2019-02-29");
    expect_network_row_fail("reference_date,July 1st\n", "July 1st");
    expect_network_row_fail("reference_date,2019-07-01T00:00Z\n",
                            "2019-07-01T00:00Z");
}

static void test_network_reference_date_missing_value(void **state)
{
    (void)state;
    /* the message names the empty column */
    expect_network_row_fail("reference_date,\n", "value");
    /* given twice: which one is meant? */
    netfiles f = base_files();
    f.network = NET_OK "reference_date,2019-07-02\n";
    expect_invalid(&f, "network.csv:4:", "reference_date");
}

static void test_network_missing_column(void **state)
{
    (void)state;
    netfiles f = base_files();
    f.network = "key\nreference_date\n";
    expect_invalid(&f, "network.csv:1:", "value");
    f.network = "value\n2019-07-01\n";
    expect_invalid(&f, "network.csv:1:", "key");
}

static void test_network_unknown_keys_ignored(void **state)
{
    (void)state;
    netfiles f = base_files();
    f.network = "key,value,source\nowner,Someone,\n" "name,Test,\n"
                "reference_date,2019-07-01,x\ncurrency_year,2019,\n";
    fr_network *net = load_files_ok(&f);
    GDateTime *ref = fr_network_reference_date(net);
    assert_non_null(ref);
    assert_int_equal(g_date_time_get_day_of_month(ref), 1);
    fr_network_free(net);

    /* no reference_date: none */
    f.network = NET_HDR NET_1;
    net = load_files_ok(&f);
    assert_null(fr_network_reference_date(net));
    fr_network_free(net);
}

/* FORMAT.md §1: unknown keys are ignored, whatever their value, an empty
 * one included. */
static void test_network_unknown_key_empty_value(void **state)
{
    (void)state;
    netfiles f = base_files();
    f.network = NET_OK "colour,\n";
    fr_network *net = load_files_ok(&f);
    fr_network_free(net);
}

/* ---- no partial state ---------------------------------------------------- */

static void test_failed_load_leaves_nothing(void **state)
{
    (void)state;
    char *dir = make_tmp_dir();
    netfiles f = base_files();
    f.services = SVC_HDR SVC_1 "S2,LINK2,Mon 25:00,,,\n";
    write_files(dir, &f);
    GError *err = NULL;
    assert_null(fr_network_load_dir(dir, &err));
    check_error(err, FR_ERROR_INVALID, "services.csv:3:", "25:00");
    g_error_free(err);
    err = NULL;
    /* without a GError too */
    assert_null(fr_network_load_dir(dir, NULL));

    /* the same directory, repaired, loads and routes */
    f = base_files();
    write_files(dir, &f);
    fr_network *net = fr_network_load_dir(dir, &err);
    assert_non_null(net);
    assert_null(err);
    assert_true(fr_network_is_timetabled(net));
    GDateTime *t = fr_network_parse_datetime(net, "CNCKG", "2019-07-02T08:00", &err);
    assert_non_null(t);
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_query_set_departure(q, t);
    g_date_time_unref(t);
    fr_route *r = route_ok(net, q);
    assert_true(fr_route_is_dated(r));
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
    remove_dir(dir);
    g_free(dir);
}

/* One bad row of every new file, loaded with and without a GError: each
 * returns NULL and frees what it built (AddressSanitizer checks). */
static void test_every_file_fails_cleanly(void **state)
{
    (void)state;
    for (int i = 0; i < 5; i++) {
        netfiles f = base_files();
        const char *where = NULL, *text = NULL;
        switch (i) {
        case 0:
            f.nodes = NODES_HDR NODE_CN NODE_KZ
                "DEDUI,Duisburg,river_port,DE,51.43,6.76,,,Europe/Duisburg\n";
            where = "nodes.csv:4:";
            text = "Europe/Duisburg";
            break;
        case 1:
            f.links = LINKS_HDR LINK_1 LINK_2
                "ROAD1,CNCKG,DEDUI,road,9000,400,9000,0,2019-01-01,2018-12-31\n";
            where = "links.csv:4:";
            text = "2018-12-31";
            break;
        case 2:
            f.services = SVCS_OK "S3,LINK2,Mon 08:00,,2019-02-30,\n";
            where = "services.csv:4:";
            text = "2019-02-30";
            break;
        case 3:
            f.closures = CLOS_OK ",DEDUI,2019-08-01T00:00:00Z,2019-08-01T00:00,y\n";
            where = "closures.csv:4:";
            text = "2019-08-01T00:00";
            break;
        default:
            f.network = NET_HDR NET_1 "owner,x\n" "reference_date,soon\n";
            where = "network.csv:4:";
            text = "soon";
            break;
        }
        char *dir = make_tmp_dir();
        write_files(dir, &f);
        GError *err = NULL;
        fr_network *net = fr_network_load_dir(dir, &err);
        if (net) {
            fr_network_free(net);
            remove_dir(dir);
            g_free(dir);
            fail_msg("bad row %d (%s) loaded", i, where);
        }
        check_error(err, FR_ERROR_INVALID, where, text);
        assert_true(g_str_has_prefix(err->message, where));
        g_error_free(err);
        assert_null(fr_network_load_dir(dir, NULL));
        remove_dir(dir);
        g_free(dir);
    }
}

/* ---- query errors on a valid timetabled network -------------------------- */

static fr_network *timetabled(void)
{
    netfiles f = base_files();
    return load_files_ok(&f);
}

static GDateTime *parse_ok(const fr_network *net, const char *node,
                           const char *text)
{
    GError *err = NULL;
    GDateTime *t = fr_network_parse_datetime(net, node, text, &err);
    if (!t) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "cannot parse '%s' at %s: %s", text,
                   node ? node : "UTC", err ? err->message : "(no GError)");
        g_clear_error(&err);
        fail_msg("%s", msg);
    }
    return t;
}

static void test_query_deadline_before_departure(void **state)
{
    (void)state;
    fr_network *net = timetabled();
    GDateTime *dep = parse_ok(net, "CNCKG", "2019-07-02T08:00");
    GDateTime *dl = parse_ok(net, "DEDUI", "2019-07-01T00:00");
    for (int ob = 0; ob < FR_OBJECTIVE_COUNT; ob++) {
        fr_query *q = fr_query_new("CNCKG", "DEDUI");
        fr_query_set_objective(q, (fr_objective)ob);
        fr_query_set_departure(q, dep);
        fr_query_set_arrive_by(q, dl);
        GError *err = NULL;
        fr_route *r = fr_network_route(net, q, &err);
        if (r) {
            fr_route_free(r);
            fr_query_free(q);
            fail_msg("objective %s: a deadline before the departure routed",
                     fr_objective_name((fr_objective)ob));
        }
        check_error(err, FR_ERROR_QUERY, NULL, "deadline", "arrive", "before");
        g_error_free(err);
        fr_query_free(q);
    }
    /* a deadline equal to the departure: no route, whether the query is
     * called impossible or merely unanswerable */
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_departure(q, dep);
    fr_query_set_arrive_by(q, dep);
    GError *err = NULL;
    fr_route *r = fr_network_route(net, q, &err);
    if (r) {
        fr_route_free(r);
        fail_msg("a deadline equal to the departure routed");
    }
    assert_non_null(err);
    assert_true(err->domain == FR_ERROR &&
                (err->code == FR_ERROR_NO_ROUTE || err->code == FR_ERROR_QUERY));
    g_error_free(err);
    fr_query_free(q);
    g_date_time_unref(dep);
    g_date_time_unref(dl);
    fr_network_free(net);
}

static void test_parse_datetime_garbage(void **state)
{
    (void)state;
    fr_network *net = timetabled();
    const char *bad[] = {"garbage", "", "2019-07-32T08:00", "2019-07-01T24:30",
                         "2019-02-29T08:00", "2019-07-01T08:00+25:00",
                         "08:00", "2019-07-01T08:00 Asia/Shanghai"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *err = NULL;
        GDateTime *t = fr_network_parse_datetime(net, "CNCKG", bad[i], &err);
        if (t) {
            char *s = g_date_time_format_iso8601(t);
            char msg[256];
            g_snprintf(msg, sizeof msg, "'%s' parsed as %s", bad[i], s);
            g_free(s);
            g_date_time_unref(t);
            fail_msg("%s", msg);
        }
        if (bad[i][0])
            check_error(err, FR_ERROR_QUERY, bad[i], NULL);
        else
            check_error(err, FR_ERROR_QUERY, NULL, NULL);
        g_error_free(err);
        /* without a GError too */
        assert_null(fr_network_parse_datetime(net, NULL, bad[i], NULL));
    }
    fr_network_free(net);
}

static void test_parse_datetime_unknown_node(void **state)
{
    (void)state;
    fr_network *net = timetabled();
    GError *err = NULL;
    assert_null(fr_network_parse_datetime(net, "NONODE", "2019-07-01T08:00", &err));
    check_error(err, FR_ERROR_QUERY, "NONODE", NULL);
    g_error_free(err);
    err = NULL;
    /* even when the text carries its own offset */
    assert_null(fr_network_parse_datetime(net, "NONODE", "2019-07-01T08:00Z", &err));
    check_error(err, FR_ERROR_QUERY, "NONODE", NULL);
    g_error_free(err);
    fr_network_free(net);
}

/* Expects fr_network_departure_profile() to fail with FR_ERROR_QUERY. */
static void expect_profile_fails_(const fr_network *net, const fr_query *q,
                                  GDateTime *first, GDateTime *last,
                                  double every_h, const char *file, int line)
{
    GError *err = NULL;
    fr_profile *p = fr_network_departure_profile(net, q, first, last, every_h, &err);
    if (p) {
        size_t n = fr_profile_count(p);
        fr_profile_free(p);
        g_clear_error(&err);
        fail_msg("%s:%d: profile every %g h gave %zu rows; expected an error",
                 file, line, every_h, n);
    }
    check_error_(err, FR_ERROR_QUERY, NULL, file, line, NULL);
    g_error_free(err);
}
#define expect_profile_fails(net, q, first, last, every_h) \
    expect_profile_fails_((net), (q), (first), (last), (every_h), __FILE__, __LINE__)

static void test_profile_bad_window(void **state)
{
    (void)state;
    fr_network *net = timetabled();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    GDateTime *first = parse_ok(net, "CNCKG", "2019-07-02T08:00");
    GDateTime *before = parse_ok(net, "CNCKG", "2019-07-01T08:00");
    GDateTime *last = parse_ok(net, "CNCKG", "2019-07-03T08:00");

    /* last before first */
    expect_profile_fails(net, q, first, before, 1);
    /* every_h <= 0 or not a number */
    expect_profile_fails(net, q, first, last, 0);
    expect_profile_fails(net, q, first, last, -1);
    expect_profile_fails(net, q, first, last, NAN);
    expect_profile_fails(net, q, first, last, -INFINITY);

    /* a window that is fine: every 2 h over a day, 13 rows */
    GError *err = NULL;
    fr_profile *p = fr_network_departure_profile(net, q, first, last, 2, &err);
    assert_non_null(p);
    assert_int_equal(fr_profile_count(p), 13);
    fr_profile_free(p);
    /* first = last: one row */
    p = fr_network_departure_profile(net, q, first, first, 1, &err);
    assert_non_null(p);
    assert_int_equal(fr_profile_count(p), 1);
    fr_profile_free(p);

    g_date_time_unref(first);
    g_date_time_unref(before);
    g_date_time_unref(last);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_profile_too_many_rows(void **state)
{
    (void)state;
    fr_network *net = timetabled();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    GDateTime *first = parse_ok(net, "CNCKG", "2019-07-02T08:00");
    /* FR_MAX_PROFILE_ROWS + 1 departures, one an hour */
    GDateTime *last = g_date_time_add_hours(first, FR_MAX_PROFILE_ROWS);
    expect_profile_fails(net, q, first, last, 1);
    /* a tiny step over a day: ~8.6e13 rows, refused before anything is
     * allocated */
    GDateTime *day = g_date_time_add_days(first, 1);
    expect_profile_fails(net, q, first, day, 1e-9);
    /* a denormal step */
    expect_profile_fails(net, q, first, day, 5e-324);
    g_date_time_unref(day);
    g_date_time_unref(last);
    g_date_time_unref(first);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_deadline_only_generalized(void **state)
{
    (void)state;
    fr_network *net = timetabled();
    GDateTime *dl = parse_ok(net, "DEDUI", "2019-08-01T00:00");
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_GENERALIZED);
    fr_query_set_value_of_time(q, 10);
    fr_query_set_arrive_by(q, dl);
    GError *err = NULL;
    fr_route *r = fr_network_route(net, q, &err);
    if (r) {
        fr_route_free(r);
        fail_msg("generalized with a deadline only routed");
    }
    check_error(err, FR_ERROR_QUERY, NULL, "generalized", "departure");
    g_error_free(err);

    /* the other objectives are answered (lib/FORMAT.md §7) */
    fr_query_set_objective(q, FR_OBJECTIVE_COST);
    r = route_ok(net, q);
    fr_route_free(r);
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    r = route_ok(net, q);
    fr_route_free(r);

    g_date_time_unref(dl);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_deadline_only_pareto_and_alternatives(void **state)
{
    (void)state;
    fr_network *net = timetabled();
    GDateTime *dl = parse_ok(net, "DEDUI", "2019-08-01T00:00");
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_arrive_by(q, dl);
    const fr_criterion crit[] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    GError *err = NULL;
    fr_route_list *l = fr_network_pareto(net, q, crit, 2, NULL, &err);
    if (l) {
        fr_route_list_free(l);
        fail_msg("a Pareto front with a deadline only was answered");
    }
    check_error(err, FR_ERROR_QUERY, NULL, "departure", "Pareto", "pareto");
    g_error_free(err);
    err = NULL;

    l = fr_network_alternatives(net, q, 3, &err);
    if (l) {
        fr_route_list_free(l);
        fail_msg("alternatives with a deadline only were answered");
    }
    check_error(err, FR_ERROR_QUERY, NULL, "departure", "alternative");
    g_error_free(err);

    /* with a departure as well they are answered */
    GDateTime *dep = parse_ok(net, "CNCKG", "2019-07-02T08:00");
    fr_query_set_departure(q, dep);
    err = NULL;
    l = fr_network_pareto(net, q, crit, 2, NULL, &err);
    assert_non_null(l);
    fr_route_list_free(l);

    g_date_time_unref(dep);
    g_date_time_unref(dl);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- fr-route ------------------------------------------------------------ */

static run_result run_on_base(const netfiles *f, const char *a1, const char *a2,
                              const char *a3, const char *a4)
{
    char *dir = make_tmp_dir();
    write_files(dir, f);
    run_result r = run_program(FR_ROUTE_EXE, "--network", dir, "--from", "CNCKG",
                               "--to", "DEDUI", a1, a2, a3, a4, NULL);
    remove_dir(dir);
    g_free(dir);
    return r;
}

static void test_cli_depart_garbage(void **state)
{
    (void)state;
    netfiles f = base_files();
    run_result r = run_on_base(&f, "--depart", "garbage", NULL, NULL);
    expect_exit(&r, 2, "--depart garbage");
    if (!strstr(r.err, "garbage")) {
        char msg[600];
        g_snprintf(msg, sizeof msg, "stderr does not quote 'garbage': %.500s", r.err);
        run_free(&r);
        fail_msg("%s", msg);
    }
    run_free(&r);
    r = run_on_base(&f, "--arrive-by", "2019-13-01T00:00", NULL, NULL);
    expect_exit(&r, 2, "--arrive-by 2019-13-01T00:00");
    run_free(&r);
    r = run_on_base(&f, "--on", "2019-07-01T08:00:junk", NULL, NULL);
    expect_exit(&r, 2, "--on junk");
    run_free(&r);
}

static void test_cli_deadline_before_departure(void **state)
{
    (void)state;
    netfiles f = base_files();
    run_result r = run_on_base(&f, "--depart", "2019-07-02T08:00", "--arrive-by",
                               "2019-07-01T00:00");
    expect_exit(&r, 1, "--arrive-by before --depart");
    run_free(&r);
}

static void test_cli_bad_services(void **state)
{
    (void)state;
    netfiles f = base_files();
    f.services = SVC_HDR SVC_1 "S2,LINK2,Funday 08:30,2,,\n";
    run_result r = run_on_base(&f, NULL, NULL, NULL, NULL);
    expect_exit(&r, 1, "bad services.csv");
    if (!strstr(r.err, "services.csv:3") || !strstr(r.err, "Funday")) {
        char msg[600];
        g_snprintf(msg, sizeof msg, "stderr does not name services.csv:3 and 'Funday': %.500s",
                   r.err);
        run_free(&r);
        fail_msg("%s", msg);
    }
    run_free(&r);
    /* the same with a dated query */
    r = run_on_base(&f, "--depart", "2019-07-02T08:00", NULL, NULL);
    expect_exit(&r, 1, "bad services.csv, dated");
    assert_non_null(strstr(r.err, "services.csv:3"));
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_loads),
        /* nodes.csv */
        cmocka_unit_test(test_node_unknown_zone),
        cmocka_unit_test(test_node_empty_zone_is_utc),
        cmocka_unit_test(test_node_zone_garbage),
        cmocka_unit_test(test_node_zone_not_a_name),
        /* links.csv */
        cmocka_unit_test(test_link_valid_from_not_a_date),
        cmocka_unit_test(test_link_valid_to_not_a_date),
        cmocka_unit_test(test_link_valid_to_before_from),
        cmocka_unit_test(test_link_open_ended_validity),
        /* services.csv */
        cmocka_unit_test(test_service_missing_column),
        cmocka_unit_test(test_service_missing_cell),
        cmocka_unit_test(test_service_unknown_link),
        cmocka_unit_test(test_service_rev_of_one_way_link),
        cmocka_unit_test(test_service_duplicate_id),
        cmocka_unit_test(test_service_bad_id),
        cmocka_unit_test(test_service_hour_out_of_range),
        cmocka_unit_test(test_service_minute_out_of_range),
        cmocka_unit_test(test_service_unknown_day),
        cmocka_unit_test(test_service_day_without_time),
        cmocka_unit_test(test_service_empty_departures),
        cmocka_unit_test(test_service_unfinished_range),
        cmocka_unit_test(test_service_missing_separator),
        cmocka_unit_test(test_service_wrapping_range),
        cmocka_unit_test(test_service_one_digit_hour),
        cmocka_unit_test(test_service_negative_cutoff),
        cmocka_unit_test(test_service_cutoff_not_a_number),
        cmocka_unit_test(test_service_valid_to_before_from),
        cmocka_unit_test(test_service_bad_validity_date),
        cmocka_unit_test(test_service_line_after_blank),
        /* closures.csv */
        cmocka_unit_test(test_closure_link_and_node),
        cmocka_unit_test(test_closure_neither_link_nor_node),
        cmocka_unit_test(test_closure_missing_from_or_to),
        cmocka_unit_test(test_closure_unknown_link),
        cmocka_unit_test(test_closure_unknown_node),
        cmocka_unit_test(test_closure_without_offset),
        cmocka_unit_test(test_closure_to_before_from),
        cmocka_unit_test(test_closure_to_equals_from),
        cmocka_unit_test(test_closure_minutes_accepted),
        cmocka_unit_test(test_closure_bad_datetime),
        /* network.csv */
        cmocka_unit_test(test_network_reference_date_not_a_date),
        cmocka_unit_test(test_network_reference_date_missing_value),
        cmocka_unit_test(test_network_missing_column),
        cmocka_unit_test(test_network_unknown_keys_ignored),
        cmocka_unit_test(test_network_unknown_key_empty_value),
        /* no partial state */
        cmocka_unit_test(test_failed_load_leaves_nothing),
        cmocka_unit_test(test_every_file_fails_cleanly),
        /* queries */
        cmocka_unit_test(test_query_deadline_before_departure),
        cmocka_unit_test(test_parse_datetime_garbage),
        cmocka_unit_test(test_parse_datetime_unknown_node),
        cmocka_unit_test(test_profile_bad_window),
        cmocka_unit_test(test_profile_too_many_rows),
        cmocka_unit_test(test_deadline_only_generalized),
        cmocka_unit_test(test_deadline_only_pareto_and_alternatives),
        /* fr-route */
        cmocka_unit_test(test_cli_depart_garbage),
        cmocka_unit_test(test_cli_deadline_before_departure),
        cmocka_unit_test(test_cli_bad_services),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
