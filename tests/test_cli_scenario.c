/* test_cli_scenario.c - the programs' scenario options (FORMAT.md §3 and §6):
 * fr-route and fr-matrix --scenario FILE|NAME, --list-scenarios, and
 * fr-corridors --scenario A,B (the table, its CSV and JSON, --chart), run as
 * child processes; fr-corridors --critical; and the commands of the README's
 * "Scenarios and critical links", as written.
 *
 * The hand network (written here; every figure below is worked out by hand):
 *   AAA (CN) -L1 rail NorthRail 1000 km, 100 h, 1000 USD, 100 kg-> BBB (KZ)
 *   BBB -L2 rail NorthRail 500 km, 50 h, 500 USD, 50 kg-> DDD (DE)
 *   AAA -L3 sea 3000 km, 300 h, 600 USD, 60 kg-> CCC (SG)
 *   CCC -L4 sea 2000 km, 200 h, 400 USD, 40 kg-> DDD
 *   DDD -L5 road 100 km, 5 h, 100 USD, 10 kg-> EEE (DE)
 * Transfers at DDD from sea and from rail to road, free (to DDD each route
 * keeps its one mode; to EEE it changes mode at DDD).
 * AAA -> DDD by cost: sea L3 L4, 1000 USD, 500 h (20.83 days), 100 kg;
 *   by rail L1 L2: 1500 USD, 150 h (6.25 days), 150 kg.
 * Scenario sea-double (L4's cost x 2): the sea route costs 1000 + 400 =
 *   1400 USD and is still the cheapest (rail 1500); nothing else changes.
 *   The same network written out with L4 at 800 USD answers the same.
 * Scenario close-l3 (L3 closed): no sea route; the cheapest is rail, 1500.
 * Critical links to DDD (cost): closing L3, CCC or L4 leaves rail: +500 USD,
 *   150 - 500 = -350 h, NorthRail takes over; none is a single point (the
 *   two routes form a cycle). To EEE also L5 and DDD: no alternative, and
 *   single points (a bridge, an articulation point). */
#include "helpers.h"
#include "minijson.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#ifndef FR_ROUTE_EXE
#error "FR_ROUTE_EXE must name the fr-route executable"
#endif
#ifndef FR_MATRIX_EXE
#error "FR_MATRIX_EXE must name the fr-matrix executable"
#endif
#ifndef FR_CORRIDORS_EXE
#error "FR_CORRIDORS_EXE must name the fr-corridors executable"
#endif

static const char *hand_nodes = "id,name,kind,country,lat,lon\n"
                                "AAA,Alpha,city,CN,30,105\n"
                                "BBB,Bravo,rail_terminal,KZ,45,70\n"
                                "CCC,Charlie,seaport,SG,1,104\n"
                                "DDD,Delta,city,DE,51,7\n"
                                "EEE,Echo,city,DE,52,8\n";

#define LINKS_HEAD "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,corridor\n"
#define LINKS_L1_L3                                                                          \
    "L1,AAA,BBB,rail,1000,100,1000,100,NorthRail\n"                                          \
    "L2,BBB,DDD,rail,500,50,500,50,NorthRail\n"                                              \
    "L3,AAA,CCC,sea,3000,300,600,60,\n"
#define LINK_L5 "L5,DDD,EEE,road,100,5,100,10,\n"

static const char *hand_transfers = "node,from_mode,to_mode,time_h,cost_usd\n"
                                    "DDD,sea,road,0,0\n"
                                    "DDD,rail,road,0,0\n";

static const char *hand_links = LINKS_HEAD LINKS_L1_L3 "L4,CCC,DDD,sea,2000,200,400,40,\n" LINK_L5;
/* The hand network as the sea-double scenario makes it. */
static const char *doubled_links =
    LINKS_HEAD LINKS_L1_L3 "L4,CCC,DDD,sea,2000,200,800,40,\n" LINK_L5;

/* Temporary files: the networks and the scenario files. */
static char *dir, *hand, *doubled, *sea_double, *close_l3, *bad_op, *no_match;

static char *path_in(const char *name) { return g_build_filename(dir, name, NULL); }

static void write_text(const char *path, const char *text)
{
    GError *error = NULL;
    if (!g_file_set_contents(path, text, -1, &error))
        fail_msg("cannot write %s: %s", path, error->message);
}

static int setup(void **state)
{
    (void)state;
    dir = make_tmp_dir();
    hand = path_in("hand");
    doubled = path_in("doubled");
    g_mkdir(hand, 0700);
    g_mkdir(doubled, 0700);
    write_network(hand, hand_nodes, hand_links, hand_transfers, NULL);
    write_network(doubled, hand_nodes, doubled_links, hand_transfers, NULL);
    sea_double = path_in("sea-double.csv");
    close_l3 = path_in("close-l3.csv");
    bad_op = path_in("bad-op.csv");
    no_match = path_in("no-match.csv");
    write_text(sea_double, "select,field,op,value,source\nlink:L4,cost_usd,scale,2,hand\n");
    write_text(close_l3, "select,field,op,value\nlink:L3,,close,\n");
    write_text(bad_op, "select,field,op,value\nall,cost_usd,scale,1\nall,cost_usd,frob,2\n");
    write_text(no_match, "select,field,op,value\nlink:NOPE,cost_usd,scale,2\n");
    return 0;
}

static void remove_network(const char *path)
{
    char *files[] = {g_build_filename(path, "nodes.csv", NULL),
                     g_build_filename(path, "links.csv", NULL),
                     g_build_filename(path, "transfers.csv", NULL)};
    for (int i = 0; i < 3; i++) {
        g_remove(files[i]);
        g_free(files[i]);
    }
    g_rmdir(path);
}

static int teardown(void **state)
{
    (void)state;
    remove_network(hand);
    remove_network(doubled);
    remove_dir(dir);
    g_free(dir), g_free(hand), g_free(doubled), g_free(sea_double), g_free(close_l3);
    g_free(bad_op), g_free(no_match);
    return 0;
}

/* ---- helpers ------------------------------------------------------------- */

/* Fails unless the run failed with `code` and a message holding `needle`. */
static void expect_failure(run_result *r, int code, const char *needle, const char *what)
{
    expect_exit(r, code, what);
    if (needle && !strstr(r->err, needle)) {
        char msg[1024];
        g_snprintf(msg, sizeof msg, "%s: stderr lacks '%s': %s", what, needle, r->err);
        run_free(r);
        fail_msg("%s", msg);
    }
    run_free(r);
}

static double number_at(const mj_value *v, const char *what)
{
    if (!v || v->type != MJ_NUMBER)
        fail_msg("%s: not a number", what);
    return v->number;
}

/* fr-route's JSON route totals on the hand network, with the scenario (or
 * none). */
static void route_totals(const char *scenario, double *cost, double *time, char **links)
{
    run_result r = scenario ? run_program(FR_ROUTE_EXE, "--network", hand, "--from", "AAA",
                                          "--to", "DDD", "--format", "json", "--scenario",
                                          scenario, NULL)
                            : run_program(FR_ROUTE_EXE, "--network", hand, "--from", "AAA",
                                          "--to", "DDD", "--format", "json", NULL);
    expect_exit(&r, 0, "fr-route --scenario");
    mj_value *v = run_stdout_json(&r);
    *cost = number_at(mj_path(v, "total", "cost_usd", NULL), "cost_usd");
    *time = number_at(mj_path(v, "total", "time_h", NULL), "time_h");
    GString *ids = g_string_new(NULL);
    const mj_value *steps = mj_get(v, "steps");
    for (size_t i = 0; i < mj_len(steps); i++) {
        const mj_value *link = mj_get(mj_at(steps, i), "link");
        if (link && link->type == MJ_STRING)
            g_string_append_printf(ids, "%s%s", ids->len ? " " : "", link->string);
    }
    *links = g_string_free(ids, FALSE);
    mj_free(v);
    run_free(&r);
}

/* The lines of a text (g_strfreev), without the empty last one. */
static char **lines_of(const char *text)
{
    char **lines = g_strsplit(text, "\n", -1);
    guint n = g_strv_length(lines);
    if (n && !*lines[n - 1]) {
        g_free(lines[n - 1]);
        lines[n - 1] = NULL;
    }
    return lines;
}

/* ---- fr-route and fr-matrix --scenario ------------------------------------ */

static void test_route_scenario_file(void **state)
{
    (void)state;
    double cost, time;
    char *links;
    route_totals(NULL, &cost, &time, &links);
    assert_close(cost, 1000);
    assert_close(time, 500);
    expect_text(links, "L3 L4", "base route");
    /* L4's cost x 2: the same route, dearer by L4's cost */
    route_totals(sea_double, &cost, &time, &links);
    assert_close(cost, 1000 + 400);
    assert_close(time, 500);
    expect_text(links, "L3 L4", "sea-double route");
    /* L3 closed: the other route */
    route_totals(close_l3, &cost, &time, &links);
    assert_close(cost, 1500);
    assert_close(time, 150);
    expect_text(links, "L1 L2", "close-l3 route");
    /* fr-matrix takes the same option */
    run_result r = run_program(FR_MATRIX_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                               "--scenario", sea_double, NULL);
    expect_exit(&r, 0, "fr-matrix --scenario");
    expect_text(g_strdup(r.out),
                "origin,destination,status,cost_usd,time_h,co2_kg,distance_km,transfers,"
                "objective\nAAA,DDD,route,1400,500,100,5000,0,1400\n",
                "fr-matrix --scenario");
    run_free(&r);
    r = run_program(FR_MATRIX_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--scenario", close_l3, NULL);
    expect_exit(&r, 0, "fr-matrix --scenario close");
    assert_non_null(strstr(r.out, "AAA,DDD,route,1500,150,150,1500,0,1500\n"));
    run_free(&r);
}

static void test_scenario_errors(void **state)
{
    (void)state;
    /* a bad file: 1, the library's file:line message */
    run_result r = run_program(FR_ROUTE_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                               "--scenario", bad_op, NULL);
    expect_failure(&r, 1, "bad-op.csv:3:", "bad op");
    r = run_program(FR_ROUTE_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--scenario", no_match, NULL);
    expect_failure(&r, 1, "no-match.csv:2:", "selector matching nothing");
    r = run_program(FR_MATRIX_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--scenario", no_match, NULL);
    expect_failure(&r, 1, "no-match.csv:2:", "fr-matrix: selector matching nothing");
    r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--scenario", bad_op, NULL);
    expect_failure(&r, 1, "bad-op.csv:3:", "fr-corridors: bad op");
    char *missing = path_in("missing.csv");
    r = run_program(FR_ROUTE_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--scenario", missing, NULL);
    expect_failure(&r, 1, "missing.csv", "missing file");
    g_free(missing);
    /* an unknown name: usage, listing the names */
    const char *const *names = fr_scenario_embedded_names();
    const char *listed = names[0] ? names[0] : "none";
    r = run_program(FR_ROUTE_EXE, "--from", "CNCKG", "--to", "DEDUI", "--scenario",
                    "no-such-scenario", NULL);
    expect_failure(&r, 2, "unknown scenario 'no-such-scenario'", "unknown name");
    r = run_program(FR_ROUTE_EXE, "--from", "CNCKG", "--to", "DEDUI", "--scenario",
                    "no-such-scenario", NULL);
    expect_failure(&r, 2, listed, "unknown name lists the names");
    r = run_program(FR_MATRIX_EXE, "--from", "CNCKG", "--to", "DEDUI", "--scenario",
                    "no-such-scenario", NULL);
    expect_failure(&r, 2, "unknown scenario", "fr-matrix: unknown name");
    r = run_program(FR_CORRIDORS_EXE, "--to", "DEDUI", "--scenario",
                    "no-such-scenario", NULL);
    expect_failure(&r, 2, listed, "fr-corridors: unknown name");
    /* fr-corridors: scenarios compare undated routes (or on a date) */
    r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--scenario", sea_double, "--depart", "2019-07-01", NULL);
    expect_failure(&r, 2, "--depart", "--scenario with --depart");
    r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--scenario", ",", NULL);
    expect_failure(&r, 2, "--scenario", "empty --scenario");
}

/* ---- embedded scenarios --------------------------------------------------- */

static void test_list_scenarios(void **state)
{
    (void)state;
    const char *const *names = fr_scenario_embedded_names();
    const char *exes[] = {FR_CORRIDORS_EXE, FR_ROUTE_EXE};
    for (size_t e = 0; e < G_N_ELEMENTS(exes); e++) {
        run_result r = run_program(exes[e], "--list-scenarios", NULL);
        expect_exit(&r, 0, "--list-scenarios");
        char **lines = lines_of(r.out);
        assert_int_equal(g_strv_length(lines), g_strv_length((char **)names));
        for (size_t i = 0; names[i]; i++) {
            assert_true(g_str_has_prefix(lines[i], names[i]));
            assert_true(lines[i][strlen(names[i])] == ' ');
            assert_non_null(strstr(lines[i], fr_scenario_embedded_description(names[i])));
        }
        g_strfreev(lines);
        run_free(&r);
    }
}

/* Each embedded scenario: fr-route answers what the library answers on the
 * default network with that scenario applied. */
static void test_route_embedded(void **state)
{
    (void)state;
    const char *const *names = fr_scenario_embedded_names();
    if (!names[0])
        skip();
    GError *error = NULL;
    fr_network *base = fr_network_load_default(&error);
    assert_non_null(base);
    for (size_t i = 0; names[i]; i++) {
        fr_scenario *scenario = fr_scenario_load_embedded(names[i], &error);
        assert_non_null(scenario);
        fr_network *net = fr_network_apply_scenario(base, scenario, &error);
        if (!net)
            fail_msg("%s: %s", names[i], error->message);
        fr_query *q = fr_query_new("CNCKG", "DEDUI");
        fr_route *route = fr_network_route(net, q, &error);
        run_result r = run_program(FR_ROUTE_EXE, "--from", "CNCKG", "--to", "DEDUI", "--format",
                                   "json", "--scenario", names[i], NULL);
        if (!route) {
            assert_true(g_error_matches(error, FR_ERROR, FR_ERROR_NO_ROUTE));
            g_clear_error(&error);
            expect_exit(&r, 3, names[i]);
        } else {
            expect_exit(&r, 0, names[i]);
            mj_value *v = run_stdout_json(&r);
            assert_close_(number_at(mj_path(v, "total", "cost_usd", NULL), "cost"),
                          fr_route_total_cost_usd(route), 1e-6, names[i], __FILE__, __LINE__);
            assert_close_(number_at(mj_path(v, "total", "time_h", NULL), "time"),
                          fr_route_total_time_h(route), 1e-6, names[i], __FILE__, __LINE__);
            mj_free(v);
        }
        run_free(&r);
        fr_route_free(route);
        fr_query_free(q);
        fr_network_free(net);
        fr_scenario_free(scenario);
    }
    fr_network_free(base);
}

/* ---- fr-corridors --scenario A,B ------------------------------------------- */

#define SCENARIO_HEADER                                                                      \
    "from,to,family,scenario,quantity_teu,base_cost_usd,base_time_h,base_co2_kg,"             \
    "scenario_cost_usd,scenario_time_h,scenario_co2_kg,delta_cost_usd,delta_time_h,"         \
    "delta_co2_kg"

/* A scenario CSV figure (rounded to 2 or 3 decimals) against an unrounded
 * one: at most half a cent (0.005) apart. */
#define assert_printed(got, want)                                                           \
    do {                                                                                    \
        double got_ = (got), want_ = (want);                                                \
        if (!(fabs(got_ - want_) <= 0.005 + 1e-9))                                          \
            fail_msg("%s = %.17g, printed from %.17g", #got, got_, want_);                  \
    } while (0)

/* A plain fr-corridors CSV row's cost_usd, time_h and co2_kg (columns 5-7),
 * by family name: out[0..2]; false when the family is not there. */
static bool plain_figures(char **lines, const char *family, double out[3])
{
    for (size_t i = 1; lines[i]; i++) {
        char **cells = g_strsplit(lines[i], ",", -1);
        bool found = g_strv_length(cells) >= 7 && g_str_equal(cells[2], family);
        for (int k = 0; found && k < 3; k++)
            out[k] = g_ascii_strtod(cells[4 + k], NULL);
        g_strfreev(cells);
        if (found)
            return true;
    }
    return false;
}

static char **corridors_csv(const char *network)
{
    run_result r = run_program(FR_CORRIDORS_EXE, "--network", network, "--from", "AAA", "--to",
                               "DDD", "--format", "csv", NULL);
    expect_exit(&r, 0, "fr-corridors");
    char **lines = lines_of(r.out);
    run_free(&r);
    return lines;
}

static void test_corridors_csv(void **state)
{
    (void)state;
    char *both = g_strdup_printf("%s,%s", sea_double, close_l3);
    run_result r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to",
                               "DDD", "--scenario", both, "--format", "csv", NULL);
    g_free(both);
    expect_exit(&r, 0, "fr-corridors --scenario csv");
    /* by hand: one row per family x scenario */
    expect_text(g_strdup(r.out),
                SCENARIO_HEADER "\n"
                "AAA,DDD,sea,sea-double,1,1000.00,500.000,100.00,1400.00,500.000,100.00,400.00,"
                "0.000,0.00\n"
                "AAA,DDD,sea,close-l3,1,1000.00,500.000,100.00,,,,,,\n"
                "AAA,DDD,rail (NorthRail),sea-double,1,1500.00,150.000,150.00,1500.00,150.000,"
                "150.00,0.00,0.000,0.00\n"
                "AAA,DDD,rail (NorthRail),close-l3,1,1500.00,150.000,150.00,1500.00,150.000,"
                "150.00,0.00,0.000,0.00\n",
                "scenario csv");
    /* and as fr-corridors answers on each network on its own: base columns
     * from the hand network, sea-double's from the network it makes */
    char **rows = lines_of(r.out), **base = corridors_csv(hand), **other = corridors_csv(doubled);
    for (size_t i = 1; rows[i]; i++) {
        char **cells = g_strsplit(rows[i], ",", -1);
        double want_base[3], want_other[3];
        assert_int_equal(g_strv_length(cells), 14);
        assert_true(plain_figures(base, cells[2], want_base));
        for (int k = 0; k < 3; k++)
            assert_close(g_ascii_strtod(cells[5 + k], NULL), want_base[k]);
        if (g_str_equal(cells[3], "sea-double")) {
            assert_true(plain_figures(other, cells[2], want_other));
            for (int k = 0; k < 3; k++) {
                assert_close(g_ascii_strtod(cells[8 + k], NULL), want_other[k]);
                assert_close(g_ascii_strtod(cells[11 + k], NULL), want_other[k] - want_base[k]);
            }
        }
        g_strfreev(cells);
    }
    g_strfreev(rows), g_strfreev(base), g_strfreev(other);
    run_free(&r);
}

static void test_corridors_text_and_json(void **state)
{
    (void)state;
    char *both = g_strdup_printf("%s,%s", sea_double, close_l3);
    run_result r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to",
                               "DDD", "--scenario", both, NULL);
    expect_exit(&r, 0, "fr-corridors --scenario text");
    expect_text(g_strdup(r.out),
                "Alpha (AAA) → Delta (DDD): best route per corridor family, by cost; base and "
                "sea-double, close-l3\n"
                "  corridor family              network         days   USD/TEU kg CO2e/TEU   "
                "Δ days Δ USD/TEU   Δ kg CO2e\n"
                "  sea                          base            20.8      1000         100\n"
                "                               sea-double      20.8      1400         100     "
                "+0.0      +400          +0\n"
                "                               close-l3     no route\n"
                "  rail (NorthRail)             base             6.2      1500         150\n"
                "                               sea-double       6.2      1500         150     "
                "+0.0        +0          +0\n"
                "                               close-l3         6.2      1500         150     "
                "+0.0        +0          +0\n\n",
                "scenario text");
    run_free(&r);
    r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to", "DDD,EEE",
                    "--scenario", both, "--format", "json", NULL);
    g_free(both);
    expect_exit(&r, 0, "fr-corridors --scenario json");
    mj_value *v = run_stdout_json(&r);
    const mj_value *names = mj_get(v, "scenarios"), *comparisons = mj_get(v, "comparisons");
    assert_int_equal(mj_len(names), 2);
    assert_string_equal(mj_at(names, 0)->string, "sea-double");
    assert_string_equal(mj_at(names, 1)->string, "close-l3");
    assert_int_equal(mj_len(comparisons), 2);
    const mj_value *to_d = mj_at(comparisons, 0);
    assert_string_equal(mj_get(to_d, "to")->string, "DDD");
    const mj_value *sea = mj_at(mj_get(to_d, "families"), 0);
    assert_string_equal(mj_get(sea, "family")->string, "sea");
    assert_close(number_at(mj_path(sea, "base", "cost_usd", NULL), "base"), 1000);
    const mj_value *doubled_sea = mj_at(mj_get(sea, "scenarios"), 0);
    assert_string_equal(mj_get(doubled_sea, "scenario")->string, "sea-double");
    assert_close(number_at(mj_path(doubled_sea, "figures", "cost_usd", NULL), "usd"), 1400);
    assert_close(number_at(mj_path(doubled_sea, "change", "cost_usd", NULL), "change"), 400);
    assert_close(number_at(mj_path(doubled_sea, "change", "time_h", NULL), "time"), 0);
    const mj_value *closed_sea = mj_at(mj_get(sea, "scenarios"), 1);
    assert_int_equal(mj_get(closed_sea, "figures")->type, MJ_NULL);
    assert_int_equal(mj_get(closed_sea, "change")->type, MJ_NULL);
    /* to EEE: by sea then road, 1000 + 100 USD */
    const mj_value *sea_e = mj_at(mj_get(mj_at(comparisons, 1), "families"), 0);
    assert_close(number_at(mj_path(sea_e, "base", "cost_usd", NULL), "EEE"), 1100);
    mj_free(v);
    run_free(&r);
}

static void test_corridors_chart(void **state)
{
    (void)state;
    const char *suffixes[] = {"svg", "png"};
    char *both = g_strdup_printf("%s,%s", sea_double, close_l3);
    for (size_t i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        char *name = g_strdup_printf("change.%s", suffixes[i]), *chart = path_in(name);
        run_result r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to",
                                   "DDD,EEE", "--scenario", both, "--chart", chart, NULL);
        expect_exit(&r, 0, "--scenario --chart");
        assert_non_null(strstr(r.err, "chart written to"));
        size_t len = 0;
        char *data = read_whole_file(chart, &len);
        assert_true(len > 1000);
        if (i == 0)
            assert_non_null(strstr(data, "<svg"));
        else
            assert_memory_equal(data, "\x89PNG", 4);
        g_free(data);
        g_remove(chart);
        run_free(&r);
        g_free(name), g_free(chart);
    }
    g_free(both);
}

/* On the embedded network: the base columns are fr-corridors' own figures,
 * and a scenario that scales sea costs by 3 raises the cost of every family
 * that goes by sea and leaves the others. */
static void test_corridors_default_network(void **state)
{
    (void)state;
    char *sea = path_in("sea-x3.csv");
    write_text(sea, "select,field,op,value\nmode:sea,cost_usd,scale,3\n");
    run_result r = run_program(FR_CORRIDORS_EXE, "--to", "SGSIN", "--scenario", sea, "--format",
                               "csv", NULL);
    run_result plain = run_program(FR_CORRIDORS_EXE, "--to", "SGSIN", "--format", "csv", NULL);
    expect_exit(&r, 0, "default network --scenario");
    expect_exit(&plain, 0, "default network");
    char **rows = lines_of(r.out), **base = lines_of(plain.out);
    assert_string_equal(rows[0], SCENARIO_HEADER);
    assert_int_equal(g_strv_length(rows), g_strv_length(base)); /* no family appears or goes */
    for (size_t i = 1; rows[i]; i++) {
        char **cells = g_strsplit(rows[i], ",", -1);
        guint n = g_strv_length(cells);
        double want[3];
        /* family names may hold no comma here: 14 cells */
        assert_int_equal(n, 14);
        assert_true(plain_figures(base, cells[2], want));
        for (int k = 0; k < 3; k++)
            assert_printed(g_ascii_strtod(cells[5 + k], NULL), want[k]);
        double delta = g_ascii_strtod(cells[11], NULL); /* delta_cost_usd */
        assert_true(strstr(cells[2], "sea") ? delta > 0 : delta == 0);
        g_strfreev(cells);
    }
    g_strfreev(rows), g_strfreev(base);
    run_free(&r), run_free(&plain);
    g_remove(sea);
    g_free(sea);
}

/* ---- fr-corridors --critical ---------------------------------------------- */

static void test_critical(void **state)
{
    (void)state;
    run_result r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to",
                               "DDD,EEE", "--critical", "--format", "csv", NULL);
    expect_exit(&r, 0, "--critical csv");
    /* by hand: to EEE, DDD and L5 have no way around (single points); closing
     * CCC, L3 or L4 leaves the rail route: 1500 - 1000 USD, 150 - 500 h */
    expect_text(g_strdup(r.out),
                "from,to,quantity_teu,rank,item,id,name,added_cost_usd,added_time_h,takes_over,"
                "single_point\n"
                "AAA,EEE,1,1,node,DDD,Delta,,,no alternative,1\n"
                "AAA,EEE,1,2,link,L5,Delta → Echo (road),,,no alternative,1\n"
                "AAA,DDD,1,3,node,CCC,Charlie,500,-350,NorthRail,0\n"
                "AAA,DDD,1,4,link,L3,Alpha → Charlie (sea),500,-350,NorthRail,0\n"
                "AAA,DDD,1,5,link,L4,Charlie → Delta (sea),500,-350,NorthRail,0\n"
                "AAA,EEE,1,6,node,CCC,Charlie,500,-350,NorthRail,0\n"
                "AAA,EEE,1,7,link,L3,Alpha → Charlie (sea),500,-350,NorthRail,0\n"
                "AAA,EEE,1,8,link,L4,Charlie → Delta (sea),500,-350,NorthRail,0\n",
                "--critical csv");
    run_free(&r);
    /* closing L3 is what the close-l3 scenario does: the same new route */
    double cost, time;
    char *links;
    route_totals(close_l3, &cost, &time, &links);
    g_free(links);
    r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--critical", "--format", "json", NULL);
    expect_exit(&r, 0, "--critical json");
    mj_value *v = run_stdout_json(&r);
    const mj_value *items = mj_get(v, "items");
    assert_int_equal(mj_len(items), 3);
    assert_close(number_at(mj_path(mj_at(mj_get(v, "destinations"), 0), "cost_usd", NULL),
                           "base"), 1000);
    bool seen_l3 = false;
    for (size_t i = 0; i < mj_len(items); i++) {
        const mj_value *item = mj_at(items, i);
        assert_string_equal(mj_get(item, "takes_over")->string, "NorthRail");
        assert_false(mj_get(item, "single_point")->boolean);
        const mj_value *link = mj_get(item, "link");
        if (link->type == MJ_STRING && g_str_equal(link->string, "L3")) {
            seen_l3 = true;
            assert_close(number_at(mj_get(item, "added_cost_usd"), "usd"), cost - 1000);
            assert_close(number_at(mj_get(item, "added_time_h"), "hours"), time - 500);
        }
    }
    assert_true(seen_l3);
    mj_free(v);
    run_free(&r);
    /* text: the base routes, then the table with its markers */
    r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to", "DDD,EEE",
                    "--critical", NULL);
    expect_exit(&r, 0, "--critical text");
    assert_true(g_str_has_prefix(r.out, "Alpha (AAA): closing each link and node of the best "
                                        "route, by cost\n"
                                        "  to Delta (DDD): sea, 20.8 days, 1000 USD/TEU\n"
                                        "  to Echo (EEE): sea, 21.0 days, 1100 USD/TEU\n"));
    assert_non_null(strstr(r.out, "no alternative  single point\n"));
    assert_non_null(strstr(r.out, "-14.6          +500  NorthRail\n"));
    assert_string_equal(r.err, ""); /* no timing noise */
    run_free(&r);
    /* undated only; not with --scenario */
    r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--critical", "--depart", "2019-07-01", NULL);
    expect_failure(&r, 2, "--critical", "--critical --depart");
    r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--critical", "--scenario", close_l3, NULL);
    expect_failure(&r, 2, "--critical", "--critical --scenario");
    r = run_program(FR_CORRIDORS_EXE, "--network", hand, "--from", "AAA", "--to", "DDD",
                    "--critical", "--objective", "time", "--quantity", "2", "--format", "csv",
                    NULL);
    expect_exit(&r, 0, "--critical by time");
    /* by time the rail route: closing L1, BBB or L2 leaves sea, 350 h more, 500 USD less
     * per TEU: 1000 for the 2 TEU */
    assert_non_null(strstr(r.out, "AAA,DDD,2,1,node,BBB,Bravo,-1000,350,sea,0\n"));
    run_free(&r);
}

/* ---- the README's "Scenarios and critical links" ------------------------- */

/* The README's section, as written: its CSV block saved as rates.csv and
 * each ./build/ command run, the file names in a scratch directory. */
static void test_readme(void **state)
{
    (void)state;
    char *readme = read_whole_file(FR_TEST_DATA "/../../README.md", NULL);
    char *start = strstr(readme, "### Scenarios and critical links\n");
    assert_non_null(start);
    char *end = strstr(start + 4, "\n## ");
    char *section = end ? g_strndup(start, (size_t)(end - start)) : g_strdup(start);
    g_free(readme);
    char *csv = strstr(section, "```csv\n");
    assert_non_null(csv);
    csv += strlen("```csv\n");
    char *rates_text = g_strndup(csv, (size_t)(strstr(csv, "```") - csv));
    char *rates = path_in("rates.csv"), *chart = path_in("scenarios.svg");
    write_text(rates, rates_text);
    g_free(rates_text);
    char **lines = lines_of(section);
    int commands = 0;
    for (char **line = lines; *line; line++) {
        if (!g_str_has_prefix(*line, "./build/"))
            continue;
        char **argv = g_strsplit(*line, " ", -1);
        GPtrArray *args = g_ptr_array_new();
        const char *exe = g_str_equal(argv[0], "./build/fr-route")       ? FR_ROUTE_EXE
                          : g_str_equal(argv[0], "./build/fr-corridors") ? FR_CORRIDORS_EXE
                          : g_str_equal(argv[0], "./build/fr-matrix")    ? FR_MATRIX_EXE
                                                                         : NULL;
        assert_non_null(exe);
        g_ptr_array_add(args, (char *)exe);
        for (char **a = argv + 1; *a; a++)
            g_ptr_array_add(args, g_str_equal(*a, "rates.csv")       ? rates
                                  : g_str_equal(*a, "scenarios.svg") ? chart
                                                                     : *a);
        g_ptr_array_add(args, NULL);
        char *out = NULL, *err = NULL;
        int status = -1;
        GError *error = NULL;
        if (!g_spawn_sync(NULL, (char **)args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                          &err, &status, &error))
            fail_msg("%s: %s", *line, error->message);
        if (!g_spawn_check_wait_status(status, NULL) || !*out)
            fail_msg("README: '%s' failed: %s", *line, err);
        if (strstr(*line, "--list-scenarios")) {
            char **listed = lines_of(out);
            assert_int_equal(g_strv_length(listed),
                             g_strv_length((char **)fr_scenario_embedded_names()));
            g_strfreev(listed);
        }
        g_free(out), g_free(err);
        g_ptr_array_free(args, TRUE);
        g_strfreev(argv);
        commands++;
    }
    assert_int_equal(commands, 5);
    size_t len = 0;
    char *svg = read_whole_file(chart, &len);
    assert_non_null(strstr(svg, "<svg"));
    g_free(svg);
    g_remove(chart), g_remove(rates);
    g_free(chart), g_free(rates);
    g_strfreev(lines);
    g_free(section);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_route_scenario_file),
        cmocka_unit_test(test_scenario_errors),
        cmocka_unit_test(test_list_scenarios),
        cmocka_unit_test(test_route_embedded),
        cmocka_unit_test(test_corridors_csv),
        cmocka_unit_test(test_corridors_text_and_json),
        cmocka_unit_test(test_corridors_chart),
        cmocka_unit_test(test_corridors_default_network),
        cmocka_unit_test(test_critical),
        cmocka_unit_test(test_readme),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
