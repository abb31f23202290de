/* test_cli_matrix.c - the fr-matrix command line, run as a child process on
 * the fixture network tests/data/small (its routes are computed by hand in
 * tests/data/small/README.md) and on the embedded network:
 *   CNCKG -> DEDUI by sea (cheapest): 3070 USD, 1081 h, 2454.6 kg, 22130 km, 2 transfers
 *   CNCKG -> DEDUI by rail (fastest): 6150 USD, 362 h, 2420 kg, 11000 km
 *   ISOLA has no links.
 * Exit status as fr-route's: 0 the matrix was written, 1 invalid network or
 * input (unknown or avoided ids, unreadable files), 2 bad usage. */
#include "helpers.h"
#include "minijson.h"

#include <string.h>

#ifndef FR_MATRIX_EXE
#error "FR_MATRIX_EXE must name the fr-matrix executable"
#endif
#ifndef FR_TEST_DATA
#error "FR_TEST_DATA must name tests/data"
#endif

#define SMALL FR_TEST_DATA "/small"
#define HEADER "origin,destination,status,cost_usd,time_h,co2_kg,distance_km,transfers,objective"

/* Runs fr-matrix with the given arguments (NULL-terminated). */
static run_result run(const char *first, ...)
{
    va_list args;
    va_start(args, first);
    run_result r = run_program_v(FR_MATRIX_EXE, first, args);
    va_end(args);
    return r;
}

/* Fails unless the run exited with `code` and printed exactly `want`. */
static void expect_output_code(run_result *r, int code, const char *want, const char *what)
{
    expect_exit(r, code, what);
    expect_text(g_strdup(r->out), want, what);
    run_free(r);
}

/* Fails unless the run succeeded and printed exactly `want`. */
static void expect_output(run_result *r, const char *want, const char *what)
{
    expect_output_code(r, 0, want, what);
}

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

/* ---- CSV ------------------------------------------------------------------------- */

static void test_csv_cells(void **state)
{
    (void)state;
    run_result r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI,ISOLA", NULL);
    expect_output(&r,
                  HEADER "\n"
                         "CNCKG,DEDUI,route,3070,1081,2454.6,22130,2,3070\n"
                         "CNCKG,ISOLA,no_route,,,,,,\n",
                  "csv");
    /* the query options of fr-route: fastest, 2 TEU (cost and CO2 doubled) */
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI", "--objective", "time",
            "--quantity", "2", "--format", "csv", NULL);
    expect_output(&r, HEADER "\nCNCKG,DEDUI,route,12300,362,4840,11000,0,362\n", "time x2");
    /* rail only, Kazakhstan avoided: nothing left; the matrix is written,
     * and as no pair has a route the exit status is 3 */
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI", "--modes", "rail",
            "--avoid-country", "KZ", NULL);
    expect_output_code(&r, 3, HEADER "\nCNCKG,DEDUI,no_route,,,,,,\n", "rail without KZ");
    /* a bound on time: the rail route */
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI", "--max-time", "400", NULL);
    expect_output(&r, HEADER "\nCNCKG,DEDUI,route,6150,362,2420,11000,0,6150\n", "--max-time");
}

static void test_csv_routes_and_lists(void **state)
{
    (void)state;
    /* --from without --to: the same list both ways; repeats repeat cells */
    run_result r = run("--network", SMALL, "--from", "DEDUI,CNCKG", "--from", "DEDUI", "--routes",
                       NULL);
    expect_output(&r,
                  HEADER ",links\n"
                         "DEDUI,DEDUI,same_node,,,,,,,\n"
                         "DEDUI,CNCKG,route,3070,1081,2454.6,22130,2,3070,RD1:rev SEA1:rev YZ1:rev\n"
                         "DEDUI,DEDUI,same_node,,,,,,,\n"
                         "CNCKG,DEDUI,route,3070,1081,2454.6,22130,2,3070,YZ1 SEA1 RD1\n"
                         "CNCKG,CNCKG,same_node,,,,,,,\n"
                         "CNCKG,DEDUI,route,3070,1081,2454.6,22130,2,3070,YZ1 SEA1 RD1\n"
                         "DEDUI,DEDUI,same_node,,,,,,,\n"
                         "DEDUI,CNCKG,route,3070,1081,2454.6,22130,2,3070,RD1:rev SEA1:rev YZ1:rev\n"
                         "DEDUI,DEDUI,same_node,,,,,,,\n",
                  "--routes");

    /* --from @FILE and --to @FILE: one id per line, blank lines and comments skipped */
    char *dir = make_tmp_dir();
    const char *ids = "# origins\nCNCKG\n\n  DEDUI  \n";
    write_file_bytes(dir, "ids.txt", ids, strlen(ids));
    char *at = g_strdup_printf("@%s/ids.txt", dir);
    r = run("--network", SMALL, "--from", at, "--to", at, NULL);
    run_result direct = run("--network", SMALL, "--from", "CNCKG,DEDUI", NULL);
    expect_exit(&direct, 0, "comma list");
    expect_output(&r, direct.out, "--from @FILE --to @FILE");
    run_free(&direct);
    g_free(at);
    remove_dir(dir);
    g_free(dir);
}

static void test_all(void **state)
{
    (void)state;
    /* every node with a link (not ISOLA): 5 x 5 cells */
    run_result r = run("--network", SMALL, "--all", NULL);
    expect_exit(&r, 0, "--all");
    char **lines = g_strsplit(r.out, "\n", -1);
    assert_int_equal(g_strv_length(lines), 1 + 25 + 1); /* header, cells, "" after the last \n */
    assert_string_equal(lines[0], HEADER);
    assert_null(strstr(r.out, "ISOLA"));
    assert_non_null(strstr(r.out, "\nNLRTM,DEDUI,route,700,5,142.6,230,0,700\n"));
    g_strfreev(lines);
    run_free(&r);
}

/* The embedded network: any number of threads writes the same bytes. */
static void test_threads(void **state)
{
    (void)state;
    run_result one = run("--all", "--threads", "1", "--objective", "time", NULL);
    expect_exit(&one, 0, "--threads 1");
    assert_true(strlen(one.out) > 100000);
    const char *const threads[] = {"3", "0"};
    for (size_t t = 0; t < G_N_ELEMENTS(threads); t++) {
        run_result r = run("--all", "--threads", threads[t], "--objective", "time", NULL);
        expect_output(&r, one.out, threads[t]);
    }
    run_free(&one);
}

/* ---- JSON, output file, progress ----------------------------------------------------- */

static void test_json(void **state)
{
    (void)state;
    run_result r = run("--network", SMALL, "--from", "CNCKG,DEDUI", "--to", "DEDUI,ISOLA,CNCKG",
                       "--format", "json", "--routes", NULL);
    expect_exit(&r, 0, "json");
    mj_value *v = run_stdout_json(&r);
    assert_string_equal(mj_get(v, "objective")->string, "cost");
    assert_true(mj_get(v, "quantity_teu")->number == 1);
    assert_int_equal(mj_len(mj_get(v, "origins")), 2);
    assert_int_equal(mj_len(mj_get(v, "destinations")), 3);
    const mj_value *cells = mj_get(v, "cells");
    assert_int_equal(mj_len(cells), 2);
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(mj_len(mj_at(cells, i)), 3);
    const mj_value *cell = mj_at(mj_at(cells, 0), 0);
    assert_string_equal(mj_get(cell, "status")->string, "route");
    assert_true(mj_get(cell, "cost_usd")->number == 3070);
    assert_true(mj_get(cell, "transfers")->number == 2);
    assert_string_equal(mj_path(cell, "route", "from", NULL)->string, "CNCKG");
    assert_int_equal(mj_len(mj_path(cell, "route", "steps", NULL)), 5);
    assert_string_equal(mj_get(mj_at(mj_at(cells, 0), 1), "status")->string, "no_route");
    assert_string_equal(mj_get(mj_at(mj_at(cells, 1), 0), "status")->string, "same_node");
    mj_free(v);
    run_free(&r);
}

static void test_output_and_progress(void **state)
{
    (void)state;
    char *dir = make_tmp_dir();
    char *file = g_build_filename(dir, "m.csv", NULL);
    run_result r = run("--network", SMALL, "--all", "--output", file, "--progress", NULL);
    expect_exit(&r, 0, "--output");
    assert_string_equal(r.out, "");
    assert_non_null(strstr(r.err, "\rfr-matrix: 0/5 origins"));
    assert_true(g_str_has_suffix(r.err, "\rfr-matrix: 5/5 origins\n"));
    run_free(&r);
    char *written = read_whole_file(file, NULL);
    r = run("--network", SMALL, "--all", NULL);
    expect_output(&r, written, "the file's contents");
    g_free(written);
    /* not a terminal: no progress unless asked */
    r = run("--network", SMALL, "--all", "--output", file, NULL);
    expect_exit(&r, 0, "no progress");
    assert_string_equal(r.err, "");
    run_free(&r);
    remove_dir(dir);
    g_free(dir);
    g_free(file);
}

/* ---- errors ----------------------------------------------------------------------------- */

static void test_bad_ids(void **state)
{
    (void)state;
    run_result r = run("--network", SMALL, "--from", "CNCKG,NOWHERE", "--to", "DEDUI", NULL);
    expect_failure(&r, 1, "--from: unknown node 'NOWHERE'", "unknown origin");
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI,NOPE", NULL);
    expect_failure(&r, 1, "--to: unknown node 'NOPE'", "unknown destination");
    r = run("--network", SMALL, "--from", "CNCKG,KZKHO", "--to", "DEDUI", "--avoid", "KZKHO", NULL);
    expect_failure(&r, 1, "the origin 'KZKHO' (KZ) is avoided", "avoided origin");
    r = run("--network", SMALL, "--from", "CNCKG", "--to", "DEDUI", "--avoid-corridor", "Nope",
            NULL);
    expect_failure(&r, 1, "Nope", "unknown corridor");
    r = run("--network", SMALL, "--from", "@/nonexistent/freightroute/ids.txt", NULL);
    expect_failure(&r, 1, "--from", "unreadable @FILE");
}

static void test_bad_usage(void **state)
{
    (void)state;
    const char *cases[][4] = {
        {"--threads", "x", NULL, NULL},         {"--threads", "-1", NULL, NULL},
        {"--threads", "1025", NULL, NULL},      {"--threads", "", NULL, NULL},
        {"--format", "geojson", NULL, NULL},    {"--objective", "bogus", NULL, NULL},
        {"--quantity", "0", NULL, NULL},        {"--max-time", "-1", NULL, NULL},
        {"--bogus-option", NULL, NULL, NULL},   {"--to", "DEDUI", "--all", NULL},
        {"--progress", "--no-progress", NULL, NULL}, {"stray", NULL, NULL, NULL},
    };
    const char *needles[] = {"--threads", "--threads", "--threads", "--threads", "format",
                             "objective", "--quantity", "--max-time", "bogus-option", "--all",
                             "--progress", "stray"};
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        run_result r = run("--network", SMALL, "--from", "CNCKG", cases[i][0], cases[i][1],
                           cases[i][2], NULL);
        char *what = g_strdup_printf("%s %s", cases[i][0], cases[i][1] ? cases[i][1] : "");
        expect_failure(&r, 2, needles[i], what);
        g_free(what);
    }
    run_result r = run("--network", SMALL, NULL);
    expect_failure(&r, 2, "--from", "no --from");
    r = run("--network", SMALL, "--to", "DEDUI", NULL);
    expect_failure(&r, 2, "--to needs --from", "--to alone");
    r = run("--network", SMALL, "--from", ",", NULL);
    expect_failure(&r, 2, "--from ',' has an empty item", "empty --from");
    r = run("--version", NULL);
    expect_exit(&r, 0, "--version");
    assert_non_null(strstr(r.out, "fr-matrix (freightroute)"));
    run_free(&r);
}

static void test_bad_network(void **state)
{
    (void)state;
    run_result r = run("--network", "/nonexistent/freightroute/network", "--all", NULL);
    expect_failure(&r, 1, "/nonexistent/freightroute/network: no such directory",
                   "missing directory");
    char *dir = make_tmp_dir();
    write_network(dir, "id,name,kind,country,lat,lon\nAAA,A,city,CN,30,100\n",
                  "id,from,to,mode,distance_km,time_h,cost_usd\nL1,AAA,BBB,rail,100,10,100\n",
                  NULL, NULL);
    r = run("--network", dir, "--all", NULL);
    expect_failure(&r, 1, "links.csv:2", "malformed network");
    remove_dir(dir);
    g_free(dir);
    char *out = g_strdup("/nonexistent/freightroute/m.csv");
    r = run("--network", SMALL, "--all", "--output", out, NULL);
    expect_failure(&r, 1, out, "unwritable --output");
    g_free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_cells),
        cmocka_unit_test(test_csv_routes_and_lists),
        cmocka_unit_test(test_all),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_output_and_progress),
        cmocka_unit_test(test_bad_ids),
        cmocka_unit_test(test_bad_usage),
        cmocka_unit_test(test_bad_network),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
