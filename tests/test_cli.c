/* test_cli.c - the fr-route command line (FORMAT.md §3), run as a child
 * process on the fixture network tests/data/small (its routes are computed
 * by hand in tests/data/small/README.md):
 *   CNCKG -> DEDUI by rail:     6150 USD, 362 h, 2420 kg, 11000 km, 0 transfers
 *   CNCKG -> DEDUI by sea:      3070 USD, 1081 h, 2454.6 kg, 22130 km, 2 transfers
 * Exit status: 0 success, 1 invalid network or input, 2 bad usage, 3 no
 * route. */
#include "helpers.h"
#include "minijson.h"

#include <string.h>
#include <sys/wait.h>

#ifndef FR_ROUTE_EXE
#error "FR_ROUTE_EXE must name the fr-route executable"
#endif
#ifndef FR_TEST_DATA
#error "FR_TEST_DATA must name tests/data"
#endif

#define SMALL FR_TEST_DATA "/small"

/* Runs fr-route with the given arguments (NULL-terminated). */
static run_result run(const char *first, ...)
{
    va_list args;
    va_start(args, first);
    run_result r = run_program_v(FR_ROUTE_EXE, first, args);
    va_end(args);
    return r;
}

static void check_num(const mj_value *v, double want, const char *what)
{
    if (!v || v->type != MJ_NUMBER)
        fail_msg("JSON %s: missing or not a number", what);
    if (!close_rel(v->number, want, 1e-9))
        fail_msg("JSON %s = %.17g, expected %.17g", what, v->number, want);
}

static void check_totals(const mj_value *route, double cost, double time,
                         double co2, double dist, double transfers)
{
    const mj_value *t = mj_get(route, "total");
    assert_non_null(t);
    check_num(mj_get(t, "cost_usd"), cost, "total.cost_usd");
    check_num(mj_get(t, "time_h"), time, "total.time_h");
    check_num(mj_get(t, "co2_kg"), co2, "total.co2_kg");
    check_num(mj_get(t, "distance_km"), dist, "total.distance_km");
    check_num(mj_get(t, "transfers"), transfers, "total.transfers");
}

/* ---- success ------------------------------------------------------------- */

static void test_json_cheapest(void **state)
{
    (void)state;
    run_result r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                       "--format", "json", NULL);
    expect_exit(&r, 0, "json");
    assert_non_null(strstr(r.out, "\"total\""));
    mj_value *v = run_stdout_json(&r);
    /* default objective cost: the sea route, 3070 USD */
    check_totals(v, 3070, 1081, 2454.6, 22130, 2);
    const mj_value *obj = mj_get(v, "objective");
    assert_non_null(obj);
    assert_string_equal(obj->string, "cost");
    check_num(mj_get(v, "quantity_teu"), 1, "quantity_teu");
    assert_string_equal(mj_get(v, "from")->string, "CNCKG");
    assert_string_equal(mj_get(v, "to")->string, "DEDUI");
    /* YZ1, transfer, SEA1, transfer, RD1 */
    const mj_value *steps = mj_get(v, "steps");
    assert_int_equal(mj_len(steps), 5);
    assert_string_equal(mj_get(mj_at(steps, 0), "link")->string, "YZ1");
    assert_string_equal(mj_get(mj_at(steps, 1), "type")->string, "transfer");
    assert_string_equal(mj_get(mj_at(steps, 4), "link")->string, "RD1");
    mj_free(v);
    run_free(&r);
}

static void test_json_fastest_and_quantity(void **state)
{
    (void)state;
    run_result r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                       "--objective", "time", "--quantity", "2", "--format",
                       "json", NULL);
    expect_exit(&r, 0, "time x2");
    mj_value *v = run_stdout_json(&r);
    /* rail: 6150 x 2 = 12300 USD, 362 h, 2420 x 2 = 4840 kg, 11000 km */
    check_totals(v, 12300, 362, 4840, 11000, 0);
    check_num(mj_get(v, "quantity_teu"), 2, "quantity_teu");
    mj_free(v);
    run_free(&r);

    /* the reverse direction uses the ':rev' links */
    r = run("--network", SMALL, "--from", "DEDUI", "--to", "CNCKG",
            "--objective", "time", "--format", "json", NULL);
    expect_exit(&r, 0, "reverse");
    v = run_stdout_json(&r);
    check_totals(v, 6150, 362, 2420, 11000, 0);
    const mj_value *steps = mj_get(v, "steps");
    assert_string_equal(mj_get(mj_at(steps, 0), "link")->string, "YX2:rev");
    mj_free(v);
    run_free(&r);
}

static void test_generalized_option(void **state)
{
    (void)state;
    /* value of time 10 USD/TEU-h: rail 6150 + 3620 = 9770,
     * sea 3070 + 10810 = 13880: rail */
    run_result r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                       "--objective", "generalized", "--value-of-time", "10",
                       "--format", "json", NULL);
    expect_exit(&r, 0, "generalized");
    mj_value *v = run_stdout_json(&r);
    check_totals(v, 6150, 362, 2420, 11000, 0);
    mj_free(v);
    run_free(&r);
    /* carbon price only, 100 USD/kg: rail 6150 + 242000 = 248150,
     * sea 3070 + 245460 = 248530: rail */
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
            "--objective", "generalized", "--carbon-price", "100", "--format",
            "json", NULL);
    expect_exit(&r, 0, "carbon price");
    v = run_stdout_json(&r);
    check_totals(v, 6150, 362, 2420, 11000, 0);
    mj_free(v);
    run_free(&r);
}

static void test_constraint_options(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"--avoid", "KZKHO"},
        {"--avoid-country", "KZ"},
        {"--avoid-corridor", "Yuxinou"},
        {"--modes", "river,sea,road"},
    };
    /* fastest, but the rail route is excluded: the sea route, 1081 h */
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        run_result r = run("--network", SMALL, "--from", "CNCKG", "--to",
                           "DEDUI", "--objective", "time", cases[i][0],
                           cases[i][1], "--format", "json", NULL);
        expect_exit(&r, 0, cases[i][0]);
        mj_value *v = run_stdout_json(&r);
        check_totals(v, 3070, 1081, 2454.6, 22130, 2);
        mj_free(v);
        run_free(&r);
    }
}

static void test_text_format(void **state)
{
    (void)state;
    const char *ids[] = {"CNCKG", "CNSHA", "NLRTM", "DEDUI"};
    const char *names[] = {"Chongqing", "Shanghai", "Rotterdam", "Duisburg"};
    for (int explicit_fmt = 0; explicit_fmt < 2; explicit_fmt++) {
        run_result r = explicit_fmt
                           ? run("--network", SMALL, "--from", "CNCKG", "--to",
                                 "DEDUI", "--format", "text", NULL)
                           : run("--network", SMALL, "--from", "CNCKG", "--to",
                                 "DEDUI", NULL);
        expect_exit(&r, 0, "text");
        for (size_t i = 0; i < 4; i++)
            if (!strstr(r.out, ids[i]) && !strstr(r.out, names[i]))
                fail_msg("text itinerary lacks %s/%s:\n%s", ids[i], names[i],
                         r.out);
        /* the total cost, with or without a thousands separator */
        if (!strstr(r.out, "3070") && !strstr(r.out, "3,070"))
            fail_msg("text lacks the total cost 3070:\n%s", r.out);
        run_free(&r);
    }
}

static void test_geojson_format(void **state)
{
    (void)state;
    run_result r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                       "--format", "geojson", NULL);
    expect_exit(&r, 0, "geojson");
    mj_value *v = run_stdout_json(&r);
    assert_string_equal(mj_get(v, "type")->string, "FeatureCollection");
    /* three link steps: YZ1, SEA1, RD1 (LineStrings, first; transfer
     * Points follow them); the first starts at Chongqing, [lon 106.55, lat
     * 29.56] */
    const mj_value *f = mj_get(v, "features");
    size_t lines = 0;
    for (size_t i = 0; i < mj_len(f); i++)
        lines += g_str_equal(mj_path(mj_at(f, i), "geometry", "type", NULL)->string,
                             "LineString");
    assert_int_equal(lines, 3);
    const mj_value *p = mj_at(mj_path(mj_at(f, 0), "geometry", "coordinates",
                                      NULL),
                              0);
    check_num(mj_at(p, 0), 106.55, "lon");
    check_num(mj_at(p, 1), 29.56, "lat");
    mj_free(v);
    run_free(&r);
}

static void test_help_and_version(void **state)
{
    (void)state;
    run_result r = run("--help", NULL);
    expect_exit(&r, 0, "--help");
    assert_non_null(strstr(r.out, "--from"));
    run_free(&r);
    r = run("--version", NULL);
    expect_exit(&r, 0, "--version");
    if (!strstr(r.out, FR_VERSION_STRING))
        fail_msg("--version printed '%s', expected it to contain %s", r.out,
                 FR_VERSION_STRING);
    run_free(&r);
}

/* ---- errors -------------------------------------------------------------- */

static void test_malformed_network(void **state)
{
    (void)state;
    char *dir = make_tmp_dir();
    write_network(dir,
                  "id,name,kind,country,lat,lon\n"
                  "AAA,A,city,CN,30,100\n"
                  "BBB,B,city,DE,50,8\n",
                  "id,from,to,mode,distance_km,time_h,cost_usd\n"
                  "L1,AAA,BBB,rail,100,10,100\n"
                  "L2,BBB,DUISBURGG,rail,100,10,100\n",
                  NULL, NULL);
    run_result r = run("--network", dir, "--from", "AAA", "--to", "BBB", NULL);
    expect_exit(&r, 1, "malformed network");
    if (!strstr(r.err, "links.csv:3"))
        fail_msg("stderr does not name links.csv:3: %s", r.err);
    assert_non_null(strstr(r.err, "DUISBURGG"));
    run_free(&r);
    remove_dir(dir);
    g_free(dir);

    /* a directory that does not exist */
    r = run("--network", "/nonexistent/freightroute/network", "--from", "AAA",
            "--to", "BBB", NULL);
    expect_exit(&r, 1, "missing directory");
    run_free(&r);

    /* a directory without a network */
    dir = make_tmp_dir();
    r = run("--network", dir, "--from", "AAA", "--to", "BBB", NULL);
    expect_exit(&r, 1, "empty directory");
    assert_non_null(strstr(r.err, "nodes.csv"));
    run_free(&r);
    remove_dir(dir);
    g_free(dir);
}

static void test_invalid_input(void **state)
{
    (void)state;
    run_result r = run("--network", SMALL, "--from", "CNCKG", "--to", "CNCKG",
                       NULL);
    expect_exit(&r, 1, "--from = --to");
    run_free(&r);
    r = run("--network", SMALL, "--from", "NOWHERE", "--to", "DEDUI", NULL);
    expect_exit(&r, 1, "unknown --from");
    assert_non_null(strstr(r.err, "NOWHERE"));
    run_free(&r);
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI", "--avoid",
            "NOWHERE", NULL);
    expect_exit(&r, 1, "unknown --avoid");
    run_free(&r);
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
            "--avoid-corridor", "Nonexistent", NULL);
    expect_exit(&r, 1, "unknown corridor");
    run_free(&r);
    /* FORMAT.md §3: totals that would overflow are invalid input, and no
     * "inf" is printed */
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI", "--quantity", "1e308",
            "--format", "json", NULL);
    expect_exit(&r, 1, "--quantity 1e308");
    assert_null(strstr(r.out, "inf"));
    assert_non_null(strstr(r.err, "too large"));
    run_free(&r);
}

static void test_bad_usage(void **state)
{
    (void)state;
    const char *cases[][4] = {
        {"--bogus-option", "x", NULL, NULL},
        {"--objective", "bogus", NULL, NULL},
        {"--modes", "bogus", NULL, NULL},
        {"--modes", "rail,teleport", NULL, NULL},
        {"--quantity", "-1", NULL, NULL},
        {"--quantity", "0", NULL, NULL},
        {"--quantity", "abc", NULL, NULL},
        {"--format", "bogus", NULL, NULL},
        /* options that would be ignored: the default objective is cost */
        {"--value-of-time", "5", NULL, NULL},
        {"--carbon-price", "0.1", NULL, NULL},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        run_result r = run("--network", SMALL, "--from", "CNCKG", "--to",
                           "DEDUI", cases[i][0], cases[i][1], NULL);
        char *what = g_strdup_printf("%s %s", cases[i][0], cases[i][1]);
        expect_exit(&r, 2, what);
        g_free(what);
        run_free(&r);
    }
    run_result r = run("--network", SMALL, "--from", "CNCKG", NULL);
    expect_exit(&r, 2, "missing --to");
    run_free(&r);
    r = run("--network", SMALL, "--to", "DEDUI", NULL);
    expect_exit(&r, 2, "missing --from");
    run_free(&r);
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI", "extra",
            NULL);
    expect_exit(&r, 2, "stray argument");
    run_free(&r);
}

static void test_no_route(void **state)
{
    (void)state;
    run_result r = run("--network", SMALL, "--from", "CNCKG", "--to", "ISOLA",
                       NULL);
    expect_exit(&r, 3, "isolated node");
    run_free(&r);
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI", "--modes",
            "air", NULL);
    expect_exit(&r, 3, "--modes air");
    run_free(&r);
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI", "--avoid",
            "KZKHO,CNSHA", NULL);
    expect_exit(&r, 3, "--avoid both ways");
    run_free(&r);
}

/* ---- §3 options beyond the library's single-route API --------------------- */

static void test_pareto(void **state)
{
    (void)state;
    /* cost/time: sea (3070, 1081) and rail (6150, 362), neither dominates;
     * sorted by cost */
    run_result r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                       "--pareto", "cost,time", "--format", "json", NULL);
    expect_exit(&r, 0, "--pareto");
    mj_value *v = run_stdout_json(&r);
    const mj_value *routes = mj_get(v, "routes");
    assert_int_equal(mj_len(routes), 2);
    check_totals(mj_at(routes, 0), 3070, 1081, 2454.6, 22130, 2);
    check_totals(mj_at(routes, 1), 6150, 362, 2420, 11000, 0);
    mj_free(v);
    run_free(&r);
}

static void test_alternatives(void **state)
{
    (void)state;
    run_result r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                       "--alternatives", "2", "--format", "json", NULL);
    expect_exit(&r, 0, "--alternatives");
    mj_value *v = run_stdout_json(&r);
    const mj_value *routes = mj_get(v, "routes");
    assert_int_equal(mj_len(routes), 2);
    check_totals(mj_at(routes, 0), 3070, 1081, 2454.6, 22130, 2);
    check_totals(mj_at(routes, 1), 6150, 362, 2420, 11000, 0);
    mj_free(v);
    run_free(&r);
}

static void test_bounds(void **state)
{
    (void)state;
    /* cheapest within 500 h: only the rail route (362 h) qualifies */
    run_result r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
                       "--max-time", "500", "--format", "json", NULL);
    expect_exit(&r, 0, "--max-time 500");
    mj_value *v = run_stdout_json(&r);
    check_totals(v, 6150, 362, 2420, 11000, 0);
    mj_free(v);
    run_free(&r);
    /* fastest within 5000 USD: only the sea route (3070) */
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
            "--objective", "time", "--max-cost", "5000", "--format", "json",
            NULL);
    expect_exit(&r, 0, "--max-cost 5000");
    v = run_stdout_json(&r);
    check_totals(v, 3070, 1081, 2454.6, 22130, 2);
    mj_free(v);
    run_free(&r);
    /* nothing within 300 h */
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI",
            "--max-time", "300", NULL);
    expect_exit(&r, 3, "--max-time 300");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest basic[] = {
        cmocka_unit_test(test_json_cheapest),
        cmocka_unit_test(test_json_fastest_and_quantity),
        cmocka_unit_test(test_generalized_option),
        cmocka_unit_test(test_constraint_options),
        cmocka_unit_test(test_text_format),
        cmocka_unit_test(test_geojson_format),
        cmocka_unit_test(test_help_and_version),
        cmocka_unit_test(test_malformed_network),
        cmocka_unit_test(test_invalid_input),
        cmocka_unit_test(test_bad_usage),
        cmocka_unit_test(test_no_route),
    };
    /* test_cli_tradeoffs: the options of FORMAT.md §3 that come with the
     * trade-offs work (see CMakeLists.txt, FR_CLI_TRADEOFFS) */
    const struct CMUnitTest tradeoffs[] = {
        cmocka_unit_test(test_pareto),
        cmocka_unit_test(test_alternatives),
        cmocka_unit_test(test_bounds),
    };
#ifndef FR_CLI_TRADEOFFS
    (void)tradeoffs;
    return cmocka_run_group_tests_name("test_cli", basic, NULL, NULL);
#else
    (void)basic;
    return cmocka_run_group_tests_name("test_cli_tradeoffs", tradeoffs, NULL,
                                       NULL);
#endif
}
