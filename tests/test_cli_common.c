/* test_cli_common.c - the three programs (fr-route, fr-matrix,
 * fr-corridors) speak with one voice (issue 12): each shared behaviour is
 * checked over a table of the three, against independent expectations:
 * usage errors and their exit status, --version, --list counted against
 * the library and against lib/data/links.csv read here, the figures'
 * names, the exit-3 rules on a hand network, loader warnings and --quiet,
 * --export-network's refusal and --force, names for ids, fr-corridors'
 * marks against fr_network_route() with objective time and co2, its totals
 * for --quantity 40 against 40 x those for 1 TEU, and "§" in --help under
 * C.UTF-8. */
#include "helpers.h"
#include "minijson.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

static const char *const programs[] = {FR_ROUTE_EXE, FR_MATRIX_EXE, FR_CORRIDORS_EXE};
static const char *const names[] = {"fr-route", "fr-matrix", "fr-corridors"};
#define N_PROGRAMS 3

/* Runs program p with an argument vector (NULL-terminated). */
static run_result run_v(size_t p, const char *const *argv)
{
    GPtrArray *args = g_ptr_array_new();
    g_ptr_array_add(args, (gpointer)programs[p]);
    for (const char *const *a = argv; *a; a++)
        g_ptr_array_add(args, (gpointer)*a);
    g_ptr_array_add(args, NULL);
    run_result r = {0};
    GError *err = NULL;
    if (!g_spawn_sync(NULL, (char **)args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r.out,
                      &r.err, &r.status, &err))
        fail_msg("cannot run %s: %s", programs[p], err->message);
    r.status = WIFEXITED(r.status) ? WEXITSTATUS(r.status) : -1;
    g_ptr_array_free(args, TRUE);
    return r;
}

/* Each program with its own required arguments, then `extra`: the exit
 * status must be `want` and stderr must contain `needle` (when given). */
static void expect_everywhere(const char *const *extra, int want, const char *needle)
{
    static const char *const base[N_PROGRAMS][5] = {
        {"--from", "CNCKG", "--to", "DEDUI", NULL},
        {"--from", "CNCKG", "--to", "DEDUI", NULL},
        {"--to", "DEDUI", NULL}};
    for (size_t p = 0; p < N_PROGRAMS; p++) {
        GPtrArray *argv = g_ptr_array_new();
        for (const char *const *a = base[p]; *a; a++)
            g_ptr_array_add(argv, (gpointer)*a);
        for (const char *const *a = extra; *a; a++)
            g_ptr_array_add(argv, (gpointer)*a);
        g_ptr_array_add(argv, NULL);
        run_result r = run_v(p, (const char *const *)argv->pdata);
        if (r.status != want || (needle && !strstr(r.err, needle)))
            fail_msg("%s with %s...: exit %d (want %d), stderr: %s", names[p], extra[0],
                     r.status, want, r.err);
        run_free(&r);
        g_ptr_array_free(argv, TRUE);
    }
}

static void test_usage_errors_alike(void **state)
{
    (void)state;
    const char *const *cases[] = {
        (const char *const[]){"--avoid-country", "KZ,", NULL},
        (const char *const[]){"--avoid-country", "KZ,,BY", NULL},
        (const char *const[]){"--avoid-corridor", "", NULL},
        (const char *const[]){"--avoid", "CNCTU,", NULL},
        (const char *const[]){"--modes", "rail,,road", NULL},
        (const char *const[]){"--no-such-option", NULL},
        (const char *const[]){"--quantity", "0", NULL},
        (const char *const[]){"--objective", "fastest", NULL},
        (const char *const[]){"--format", "yaml", NULL},
        (const char *const[]){"--force", NULL},
        (const char *const[]){"--value-of-time", "10", NULL},
        (const char *const[]){"--list", "planets", NULL},
        (const char *const[]){"--every", "12", NULL},
        (const char *const[]){"--avoid-country", "kz", NULL},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
        expect_everywhere(cases[i], 2, "--help");
    expect_everywhere((const char *const[]){"--avoid-country", "KZ,", NULL}, 2, "--avoid-country");
    expect_everywhere((const char *const[]){"--force", NULL}, 2, "--export-network");
}

static void test_empty_from_to_is_usage(void **state)
{
    (void)state;
    const char *const *cases[N_PROGRAMS][2] = {
        {(const char *const[]){"--from", "", "--to", "DEDUI", NULL},
         (const char *const[]){"--from", "CNCKG", "--to", " ", NULL}},
        {(const char *const[]){"--from", "", NULL},
         (const char *const[]){"--from", "CNCKG", "--to", "", NULL}},
        {(const char *const[]){"--from", "", NULL}, (const char *const[]){"--to", "", NULL}}};
    for (size_t p = 0; p < N_PROGRAMS; p++)
        for (int k = 0; k < 2; k++) {
            run_result r = run_v(p, cases[p][k]);
            if (r.status != 2)
                fail_msg("%s case %d: exit %d, want 2 (%s)", names[p], k, r.status, r.err);
            run_free(&r);
        }
}

static void test_version_alike(void **state)
{
    (void)state;
    for (size_t p = 0; p < N_PROGRAMS; p++) {
        const char *const flags[] = {"--version", "-V"};
        for (int k = 0; k < 2; k++) {
            run_result r = run_v(p, (const char *const[]){flags[k], NULL});
            char *want = g_strdup_printf("%s (freightroute) %s\n", names[p], fr_version());
            assert_int_equal(r.status, 0);
            assert_string_equal(r.out, want);
            g_free(want);
            run_free(&r);
        }
    }
}

/* The distinct non-empty corridor labels of lib/data/links.csv, read here. */
static GHashTable *corridors_of_links_csv(void)
{
    char *path = g_build_filename(FR_SOURCE_DIR, "lib", "data", "links.csv", NULL);
    char *text = read_whole_file(path, NULL);
    char **lines = g_strsplit(text, "\n", -1);
    char **head = g_strsplit(lines[0], ",", -1);
    int column = -1;
    for (int c = 0; head[c]; c++)
        if (g_str_equal(head[c], "corridor"))
            column = c;
    assert_true(column >= 0);
    GHashTable *labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (char **line = lines + 1; *line; line++) {
        char **cells = g_strsplit(*line, ",", column + 2); /* the corridor precedes 'source' */
        if (g_strv_length(cells) > (guint)column && *cells[column])
            g_hash_table_add(labels, g_strdup(cells[column]));
        g_strfreev(cells);
    }
    g_strfreev(head), g_strfreev(lines), g_free(text), g_free(path);
    return labels;
}

/* Lines of text that are not empty. */
static size_t count_lines(const char *text)
{
    size_t n = 0;
    char **lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++)
        n += **l != '\0';
    g_strfreev(lines);
    return n;
}

static void test_list_matches_network(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *net = expect_loaded(fr_network_load_default(&err), err);
    size_t nodes = fr_network_node_count(net);
    GHashTable *labels = corridors_of_links_csv();
    for (size_t p = 0; p < N_PROGRAMS; p++) {
        run_result r = run_v(p, (const char *const[]){"--list", "nodes", "--format", "csv", NULL});
        assert_int_equal(r.status, 0);
        assert_true(g_str_has_prefix(r.out, "id,kind,country,name\n"));
        assert_int_equal(count_lines(r.out), nodes + 1);
        run_free(&r);
        r = run_v(p, (const char *const[]){"--list-nodes", NULL});
        assert_int_equal(r.status, 0);
        assert_int_equal(count_lines(r.out), nodes);
        run_free(&r);
        r = run_v(p, (const char *const[]){"--list", "corridors", "--format", "json", NULL});
        assert_int_equal(r.status, 0);
        mj_value *v = run_stdout_json(&r);
        assert_int_equal(mj_len(v), g_hash_table_size(labels));
        for (size_t i = 0; i < mj_len(v); i++)
            assert_true(g_hash_table_contains(labels, mj_get(mj_at(v, i), "corridor")->string));
        mj_free(v);
        run_free(&r);
        r = run_v(p, (const char *const[]){"--list", "countries", "--format", "csv", NULL});
        assert_int_equal(r.status, 0);
        const char *const *countries = fr_network_countries(net);
        assert_int_equal(count_lines(r.out), g_strv_length((char **)countries) + 1);
        char *joined = g_strjoinv("\n", (char **)countries);
        char *want = g_strconcat("country\n", joined, "\n", NULL);
        assert_string_equal(r.out, want);
        g_free(joined), g_free(want);
        run_free(&r);
        r = run_v(p, (const char *const[]){"--list", "modes", NULL});
        assert_int_equal(count_lines(r.out), FR_MODE_COUNT);
        run_free(&r);
        r = run_v(p, (const char *const[]){"--list", "scenarios", "--format", "csv", NULL});
        size_t scenarios = g_strv_length((char **)fr_scenario_embedded_names());
        assert_int_equal(count_lines(r.out), scenarios + 1);
        run_free(&r);
        r = run_v(p, (const char *const[]){"--list-scenarios", NULL});
        assert_int_equal(count_lines(r.out), scenarios);
        run_free(&r);
    }
    g_hash_table_destroy(labels);
    fr_network_free(net);
}

static void test_figure_names_alike(void **state)
{
    (void)state;
    const char *const figures = "cost_usd,time_h,co2_kg,distance_km,transfers";
    const char *const *csv[N_PROGRAMS] = {
        (const char *const[]){"--from", "CNCKG", "--to", "DEDUI", "--format", "csv", NULL},
        (const char *const[]){"--from", "CNCKG", "--to", "DEDUI", "--format", "csv", NULL},
        (const char *const[]){"--to", "DEDUI", "--format", "csv", NULL}};
    for (size_t p = 0; p < N_PROGRAMS; p++) {
        run_result r = run_v(p, csv[p]);
        assert_int_equal(r.status, 0);
        char *header = g_strndup(r.out, strcspn(r.out, "\n"));
        if (!strstr(header, figures))
            fail_msg("%s csv header '%s' lacks %s", names[p], header, figures);
        if (p != 1 && !strstr(header, "quantity_teu"))
            fail_msg("%s csv header '%s' lacks quantity_teu", names[p], header);
        g_free(header);
        run_free(&r);
    }
    const char *const *json[N_PROGRAMS] = {
        (const char *const[]){"--from", "CNCKG", "--to", "DEDUI", "--format", "json", NULL},
        (const char *const[]){"--from", "CNCKG", "--to", "DEDUI", "--format", "json", NULL},
        (const char *const[]){"--to", "DEDUI", "--format", "json", NULL}};
    size_t json_programs[N_PROGRAMS] = {0, 1, 2};
    for (int k = 0; k < N_PROGRAMS; k++) {
        run_result r = run_v(json_programs[k], json[k]);
        mj_value *v = run_stdout_json(&r);
        assert_non_null(mj_get(v, "quantity_teu"));
        assert_null(mj_get(v, "quantity"));
        mj_free(v);
        run_free(&r);
    }
}

/* A hand network: AAA-BBB by rail, CCC unreachable; transfers.csv names a
 * sea->road transfer at AAA, which has no sea link (a loader warning). */
static char *hand_network(void)
{
    char *dir = make_tmp_dir();
    write_network(dir,
                  "id,name,kind,country,lat,lon\n"
                  "AAA,Alpha,rail_terminal,CN,30,105\n"
                  "BBB,Bravo,rail_terminal,KZ,45,70\n"
                  "CCC,Charlie,seaport,SG,1,104\n",
                  "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,corridor\n"
                  "L1,AAA,BBB,rail,1000,100,1000,100,NorthRail\n",
                  "node,from_mode,to_mode,time_h,cost_usd\n"
                  "AAA,sea,road,1,1\n",
                  NULL);
    return dir;
}

static void test_exit_three_rules(void **state)
{
    (void)state;
    char *dir = hand_network();
    struct {
        size_t program;
        const char *const *args;
        int want;
    } cases[] = {
        {0, (const char *const[]){"--network", dir, "--from", "AAA", "--to", "CCC", NULL}, 3},
        {0, (const char *const[]){"--network", dir, "--from", "AAA", "--to", "BBB", NULL}, 0},
        {1, (const char *const[]){"--network", dir, "--from", "AAA", "--to", "CCC", NULL}, 3},
        {1, (const char *const[]){"--network", dir, "--from", "AAA", "--to", "BBB,CCC", NULL}, 0},
        {2, (const char *const[]){"--network", dir, "--from", "AAA", "--to", "CCC", NULL}, 3},
        {2, (const char *const[]){"--network", dir, "--from", "AAA", "--to", "CCC,BBB", NULL}, 0},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        run_result r = run_v(cases[i].program, cases[i].args);
        if (r.status != cases[i].want)
            fail_msg("case %zu (%s): exit %d, want %d: %s", i, names[cases[i].program],
                     r.status, cases[i].want, r.err);
        if (cases[i].program > 0 && strlen(r.out) == 0)
            fail_msg("case %zu: %s wrote nothing", i, names[cases[i].program]);
        run_free(&r);
    }
    remove_dir(dir);
    g_free(dir);
}

/* A quantity whose totals overflow is an input error (1) in every program
 * and format, with nothing on standard output: no "inf", and no partial
 * output (fr-corridors compares DEDUI before failing on nothing else). */
static void test_overflow_fails_without_output(void **state)
{
    (void)state;
    static const char *const formats[] = {"text", "csv", "json"};
    for (size_t p = 0; p < N_PROGRAMS; p++)
        for (size_t f = 0; f < G_N_ELEMENTS(formats); f++) {
            const char *to = p == 2 ? "DEDUI,SGSIN" : "DEDUI";
            run_result r = run_v(p, (const char *const[]){"--from", "CNCKG", "--to", to,
                                                          "--quantity", "1e308", "--format",
                                                          formats[f], NULL});
            if (r.status != 1 || r.out[0] || !strstr(r.err, "too large"))
                fail_msg("%s --format %s --quantity 1e308: exit %d, stdout '%s', stderr '%s'",
                         names[p], formats[f], r.status, r.out, r.err);
            run_free(&r);
        }
}

static void test_warnings_and_quiet(void **state)
{
    (void)state;
    char *dir = hand_network();
    for (size_t p = 0; p < N_PROGRAMS; p++) {
        run_result r = run_v(p, (const char *const[]){"--network", dir, "--from", "AAA", "--to",
                                                      "BBB", "--avoid-country", "XX", NULL});
        char *warning = g_strdup_printf("%s: warning: ", names[p]);
        assert_int_equal(r.status, 0);
        if (!strstr(r.err, warning) || !strstr(r.err, "transfers.csv") || !strstr(r.err, "XX"))
            fail_msg("%s: no warnings in '%s'", names[p], r.err);
        run_free(&r);
        r = run_v(p, (const char *const[]){"--network", dir, "--from", "AAA", "--to", "BBB",
                                           "--avoid-country", "XX", "--quiet", NULL});
        assert_int_equal(r.status, 0);
        if (strstr(r.err, "warning"))
            fail_msg("%s --quiet still warns: '%s'", names[p], r.err);
        run_free(&r);
        g_free(warning);
    }
    run_result r = run_v(0, (const char *const[]){"--network", "/no/such/dir", "--from", "A",
                                                  "--to", "B", NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no such directory"));
    run_free(&r);
    remove_dir(dir);
    g_free(dir);
}

static void test_export_refuses_then_forces(void **state)
{
    (void)state;
    for (size_t p = 0; p < N_PROGRAMS; p++) {
        char *dir = make_tmp_dir();
        write_file_bytes(dir, "mine.txt", "my edits", 8);
        run_result r = run_v(p, (const char *const[]){"--export-network", dir, NULL});
        if (r.status != 1 || !strstr(r.err, dir))
            fail_msg("%s refused with exit %d: %s", names[p], r.status, r.err);
        run_free(&r);
        char *nodes = g_build_filename(dir, "nodes.csv", NULL);
        assert_false(g_file_test(nodes, G_FILE_TEST_EXISTS));
        r = run_v(p, (const char *const[]){"--export-network", dir, "--force", NULL});
        assert_int_equal(r.status, 0);
        assert_true(g_file_test(nodes, G_FILE_TEST_EXISTS));
        run_free(&r);
        GError *err = NULL;
        fr_network *net = expect_loaded(fr_network_load_dir(dir, &err), err);
        fr_network *embedded = expect_loaded(fr_network_load_default(&err), err);
        assert_int_equal(fr_network_node_count(net), fr_network_node_count(embedded));
        fr_network_free(net), fr_network_free(embedded);
        remove_dir(dir);
        g_free(nodes), g_free(dir);
    }
}

/* --export-network writes the network the options describe: a --network
 * directory as loaded (warnings and all), the embedded one with a scenario
 * applied (read back: the scenario's network, not the embedded one). */
static void test_export_what_the_options_describe(void **state)
{
    (void)state;
    char *hand = hand_network(), *out = make_tmp_dir(), *out2 = make_tmp_dir();
    run_result r = run_v(1, (const char *const[]){"--network", hand, "--export-network", out,
                                                  "--quiet", NULL});
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "");
    run_free(&r);
    GError *err = NULL;
    fr_network *net = expect_loaded(fr_network_load_dir(out, &err), err);
    assert_int_equal(fr_network_node_count(net), 3);
    assert_int_equal(fr_network_link_count(net), 1);
    fr_network_free(net);
    r = run_v(2, (const char *const[]){"--scenario", "red-sea-2024", "--export-network", out2,
                                       NULL});
    assert_int_equal(r.status, 0);
    run_free(&r);
    fr_scenario *scenario = fr_scenario_load_embedded("red-sea-2024", &err);
    assert_non_null(scenario);
    fr_network *embedded = expect_loaded(fr_network_load_default(&err), err);
    fr_network *changed = fr_network_apply_scenario(embedded, scenario, &err);
    assert_non_null(changed);
    net = expect_loaded(fr_network_load_dir(out2, &err), err);
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_route *want = route_ok(changed, q), *got = route_ok(net, q);
    assert_close(fr_route_total_cost_usd(got), fr_route_total_cost_usd(want));
    assert_close(fr_route_total_time_h(got), fr_route_total_time_h(want));
    fr_route_free(want), fr_route_free(got), fr_query_free(q);
    fr_network_free(net), fr_network_free(changed), fr_network_free(embedded);
    fr_scenario_free(scenario);
    remove_dir(hand), remove_dir(out), remove_dir(out2);
    g_free(hand), g_free(out), g_free(out2);
}

static void test_names_for_ids(void **state)
{
    (void)state;
    run_result r = run_v(0, (const char *const[]){"--from", "chongqing", "--to", "DUISBURG",
                                                  "--format", "json", NULL});
    assert_int_equal(r.status, 0);
    mj_value *v = run_stdout_json(&r);
    assert_string_equal(mj_get(v, "from")->string, "CNCKG");
    assert_string_equal(mj_get(v, "to")->string, "DEDUI");
    mj_free(v);
    run_free(&r);
    for (size_t p = 0; p < N_PROGRAMS; p++) {
        r = run_v(p, (const char *const[]){"--from", "cnckgx", "--to", "DEDUI", NULL});
        if (r.status != 1 || !strstr(r.err, "--from") || !strstr(r.err, "did you mean"))
            fail_msg("%s --from cnckgx: exit %d, %s", names[p], r.status, r.err);
        run_free(&r);
        r = run_v(p, (const char *const[]){"--from", "CNCKG", "--to", "DEDUI",
                                           "--avoid-corridor", "nosuchcorridor", NULL});
        if (r.status != 1 || !strstr(r.err, "--avoid-corridor"))
            fail_msg("%s --avoid-corridor: exit %d, %s", names[p], r.status, r.err);
        run_free(&r);
    }
    /* a corridor in another case avoids the same as its label */
    run_result lower = run_v(0, (const char *const[]){"--from", "CNCKG", "--to", "DEDUI",
                                                      "--objective", "time", "--avoid-corridor",
                                                      "yuxinou", "--format", "csv", NULL});
    run_result exact = run_v(0, (const char *const[]){"--from", "CNCKG", "--to", "DEDUI",
                                                      "--objective", "time", "--avoid-corridor",
                                                      "Yuxinou", "--format", "csv", NULL});
    assert_int_equal(lower.status, 0);
    assert_string_equal(lower.out, exact.out);
    run_free(&lower), run_free(&exact);
}

/* --avoid by name and from @FILE (comments and blank lines skipped) avoids
 * what --avoid by id does; fr-corridors --to @FILE compares each line. */
static void test_names_and_files_in_lists(void **state)
{
    (void)state;
    char *dir = make_tmp_dir();
    const char *list = "# destinations\nDEDUI\n\nsingapore\n";
    write_file_bytes(dir, "list.txt", list, strlen(list));
    char *at = g_strdup_printf("@%s/list.txt", dir);
    /* by rail the fastest goes through Alashankou (CNAKA): avoiding it
     * changes the route, by name as by id */
    const char *by_name[] = {"--from", "CNCKG", "--to", "DEDUI", "--objective", "time",
                             "--modes", "rail,road", "--format", "csv", "--avoid", "alashankou",
                             NULL};
    const char *by_id[G_N_ELEMENTS(by_name)], *plain[G_N_ELEMENTS(by_name)];
    memcpy(by_id, by_name, sizeof by_name);
    memcpy(plain, by_name, sizeof by_name);
    by_id[11] = "CNAKA";
    plain[10] = NULL;
    run_result a = run_v(0, by_name), b = run_v(0, by_id), c = run_v(0, plain);
    assert_int_equal(a.status, 0);
    assert_string_equal(a.out, b.out);
    assert_string_not_equal(a.out, c.out);
    run_free(&a), run_free(&b), run_free(&c);
    run_result r = run_v(2, (const char *const[]){"--to", at, "--format", "json", NULL});
    assert_int_equal(r.status, 0);
    mj_value *v = run_stdout_json(&r);
    const mj_value *comparisons = mj_get(v, "comparisons");
    assert_int_equal(mj_len(comparisons), 2);
    assert_string_equal(mj_get(mj_at(comparisons, 0), "to")->string, "DEDUI");
    assert_string_equal(mj_get(mj_at(comparisons, 1), "to")->string, "SGSIN");
    mj_free(v);
    run_free(&r);
    r = run_v(1, (const char *const[]){"--from", "CNCKG", "--to", at, NULL});
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines(r.out), 3);
    run_free(&r);
    r = run_v(0, (const char *const[]){"--from", "CNCKG", "--to", "DEDUI", "--avoid",
                                       "@/no/such/file", NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "--avoid"));
    run_free(&r);
    remove_dir(dir);
    g_free(dir), g_free(at);
}

static void test_ignored_options_are_usage(void **state)
{
    (void)state;
    struct {
        size_t program;
        const char *const *args;
    } cases[] = {
        {0, (const char *const[]){"--from", "CNCKG", "--to", "DEDUI", "--verbose", NULL}},
        {0, (const char *const[]){"--from", "CNCKG", "--to", "DEDUI", "--max-routes", "2", NULL}},
        {0, (const char *const[]){"--from", "CNCKG", "--to", "DEDUI", "--convex-hull", NULL}},
        {0, (const char *const[]){"--from", "CNCKG", "--to", "DEDUI", "--pareto", "cost,time",
                                  "--verbose", "--format", "json", NULL}},
        {0, (const char *const[]){"--from", "CNCKG", "--to", "DEDUI", "--every", "6", NULL}},
        {1, (const char *const[]){"--from", "CNCKG", "--routes", "--format", "text", NULL}},
        {1, (const char *const[]){"--from", "CNCKG", "--format", "geojson", NULL}},
        {2, (const char *const[]){"--to", "DEDUI", "--every", "6", NULL}},
        {2, (const char *const[]){"--to", "DEDUI", "--critical", "--format", "geojson", NULL}},
        {2, (const char *const[]){"--list", "nodes", "--version", NULL}},
        {1, (const char *const[]){"--export-network", "x", "--format", "json", NULL}},
        {0, (const char *const[]){"--list", "nodes", "--objective", "time", NULL}},
        {1, (const char *const[]){"--list", "corridors", "--from", "CNCKG", NULL}},
        {2, (const char *const[]){"--export-network", "x", "--to", "DEDUI", NULL}},
        {2, (const char *const[]){"--version", "--depart", "2019-07-02", NULL}},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        run_result r = run_v(cases[i].program, cases[i].args);
        if (r.status != 2)
            fail_msg("case %zu (%s): exit %d, want 2: %s", i, names[cases[i].program], r.status,
                     r.err);
        run_free(&r);
    }
}

/* The JSON route of fr_network_route() with `objective` from CNCKG to `to`. */
static fr_route *library_best(const fr_network *net, const char *to, fr_objective objective)
{
    fr_query *q = fr_query_new("CNCKG", to);
    fr_query_set_objective(q, objective);
    fr_route *r = route_ok(net, q);
    fr_query_free(q);
    return r;
}

/* The smallest figure among the options' routes. */
static double best_of_rows(const mj_value *options, const char *figure, const char *mark,
                           bool *marked_is_best)
{
    double best = INFINITY, marked = NAN;
    for (size_t i = 0; i < mj_len(options); i++) {
        const mj_value *o = mj_at(options, i);
        double value = mj_get(o, figure)->number;
        best = MIN(best, value);
        if (mj_get(o, mark)->boolean)
            marked = value;
    }
    *marked_is_best = marked == best;
    return best;
}

static void test_corridor_marks_true(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *net = expect_loaded(fr_network_load_default(&err), err);
    run_result r = run_v(2, (const char *const[]){"--to", "DEDUI,SGSIN", "--format", "json", NULL});
    assert_int_equal(r.status, 0);
    mj_value *v = run_stdout_json(&r);
    const mj_value *comparisons = mj_get(v, "comparisons");
    assert_int_equal(mj_len(comparisons), 2);
    for (size_t c = 0; c < 2; c++) {
        const mj_value *cmp = mj_at(comparisons, c);
        const char *to = mj_get(cmp, "to")->string;
        struct { const char *figure, *mark, *overall; fr_objective objective; } marks[] = {
            {"time_h", "fastest", "fastest_overall", FR_OBJECTIVE_TIME},
            {"co2_kg", "greenest", "greenest_overall", FR_OBJECTIVE_CO2}};
        for (int m = 0; m < 2; m++) {
            bool marked_is_best = false;
            double rows = best_of_rows(mj_get(cmp, "options"), marks[m].figure, marks[m].mark,
                                       &marked_is_best);
            assert_true(marked_is_best);
            fr_route *best = library_best(net, to, marks[m].objective);
            double truth = m ? fr_route_total_co2_kg(best) : fr_route_total_time_h(best);
            const mj_value *overall = mj_get(cmp, marks[m].overall);
            if (truth < rows * (1 - 1e-9)) {
                assert_int_equal(overall->type, MJ_OBJECT);
                assert_close(mj_path(overall, "total", marks[m].figure, NULL)->number, truth);
            }
            assert_true(truth <= rows * (1 + 1e-9));
            fr_route_free(best);
        }
    }
    mj_free(v);
    run_free(&r);
    fr_network_free(net);
}

/* --arrive-by in all three; fr-corridors: every family's route arrives by
 * the deadline, read in each destination's zone (Duisburg +02:00 in
 * August, Singapore +08:00). */
static void test_arrive_by_everywhere(void **state)
{
    (void)state;
    expect_everywhere((const char *const[]){"--arrive-by", "2019-08-20", "--objective", "time",
                                            NULL},
                      0, NULL);
    run_result r = run_v(2, (const char *const[]){"--to", "DEDUI,SGSIN", "--arrive-by",
                                                  "2019-08-20", "--format", "json", NULL});
    assert_int_equal(r.status, 0);
    mj_value *v = run_stdout_json(&r);
    const mj_value *comparisons = mj_get(v, "comparisons");
    const char *deadlines[] = {"2019-08-20T23:59:59+02:00", "2019-08-20T23:59:59+08:00"};
    assert_int_equal(mj_len(comparisons), 2);
    for (size_t c = 0; c < 2; c++) {
        const mj_value *cmp = mj_at(comparisons, c);
        assert_string_equal(mj_get(cmp, "arrive_by")->string, deadlines[c]);
        GDateTime *deadline = g_date_time_new_from_iso8601(deadlines[c], NULL);
        const mj_value *options = mj_get(cmp, "options");
        assert_true(mj_len(options) > 1);
        for (size_t i = 0; i < mj_len(options); i++) {
            GDateTime *arrive =
                g_date_time_new_from_iso8601(mj_get(mj_at(options, i), "arrive")->string, NULL);
            assert_non_null(arrive);
            assert_true(g_date_time_compare(arrive, deadline) <= 0);
            g_date_time_unref(arrive);
        }
        g_date_time_unref(deadline);
    }
    mj_free(v);
    run_free(&r);
}

/* family -> cost_usd of fr-corridors --format csv for `quantity`. */
static GHashTable *corridor_costs(const char *quantity)
{
    run_result r = run_v(2, (const char *const[]){"--to", "DEDUI", "--format", "csv",
                                                  "--quantity", quantity, NULL});
    assert_int_equal(r.status, 0);
    char **lines = g_strsplit(r.out, "\n", -1);
    assert_string_equal(lines[0], "from,to,family,quantity_teu,cost_usd,time_h,co2_kg,"
                                  "distance_km,transfers,cheapest,fastest,greenest,via");
    GHashTable *costs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (char **line = lines + 1; *line && **line; line++) {
        char **cells = g_strsplit(*line, ",", 6); /* family names hold no comma */
        assert_string_equal(cells[3], quantity);
        g_hash_table_insert(costs, g_strdup(cells[2]), g_memdup2(&(double){g_ascii_strtod(cells[4], NULL)}, sizeof(double)));
        g_strfreev(cells);
    }
    g_strfreev(lines);
    run_free(&r);
    return costs;
}

static void test_corridor_quantity_totals(void **state)
{
    (void)state;
    GHashTable *one = corridor_costs("1"), *forty = corridor_costs("40");
    assert_true(g_hash_table_size(one) > 3);
    assert_int_equal(g_hash_table_size(one), g_hash_table_size(forty));
    GHashTableIter it;
    gpointer family, cost;
    g_hash_table_iter_init(&it, one);
    while (g_hash_table_iter_next(&it, &family, &cost)) {
        double *total = g_hash_table_lookup(forty, family);
        assert_non_null(total);
        assert_close(*total, 40 * *(double *)cost);
    }
    g_hash_table_destroy(one), g_hash_table_destroy(forty);
}

/* The number as the text tables print it, grouped by hand: "90,924.0". */
static char *grouped_by_hand(double value, int decimals)
{
    char *plain = g_strdup_printf("%.*f", decimals, value);
    char *dot = strchr(plain, '.');
    size_t whole = dot ? (size_t)(dot - plain) : strlen(plain);
    GString *out = g_string_new(NULL);
    for (size_t i = 0; i < whole; i++) {
        if (i > 0 && (whole - i) % 3 == 0)
            g_string_append_c(out, ',');
        g_string_append_c(out, plain[i]);
    }
    g_string_append(out, plain + whole);
    g_free(plain);
    return g_string_free(out, FALSE);
}

/* fr-corridors' text rows show the CSV's totals for the whole quantity:
 * USD grouped without decimals, kg CO2e grouped with one, as fr-route's
 * tables do. */
static void test_corridor_text_matches_csv(void **state)
{
    (void)state;
    run_result csv = run_v(2, (const char *const[]){"--to", "DEDUI", "--format", "csv",
                                                    "--quantity", "40", NULL});
    run_result text = run_v(2, (const char *const[]){"--to", "DEDUI", "--quantity", "40", NULL});
    assert_int_equal(csv.status, 0);
    assert_int_equal(text.status, 0);
    char **lines = g_strsplit(csv.out, "\n", -1);
    size_t rows = 0;
    for (char **line = lines + 1; *line && **line; line++, rows++) {
        char **cells = g_strsplit(*line, ",", 8);
        char *usd = grouped_by_hand(g_ascii_strtod(cells[4], NULL), 0);
        char *co2 = grouped_by_hand(g_ascii_strtod(cells[6], NULL), 1);
        char *row = g_strdup_printf("  %-28s ", cells[2]);
        const char *at = strstr(text.out, row);
        if (!at || !strstr(at, usd) || !strstr(at, co2) ||
            strstr(at, co2) > strchr(at + 1, '\n'))
            fail_msg("fr-corridors text lacks the row '%s' with %s USD and %s kg: %s", cells[2],
                     usd, co2, text.out);
        g_free(usd), g_free(co2), g_free(row);
        g_strfreev(cells);
    }
    assert_true(rows > 3);
    g_strfreev(lines);
    run_free(&csv), run_free(&text);
}

static void test_help_section_sign_under_utf8(void **state)
{
    (void)state;
    g_setenv("LANG", "C.UTF-8", TRUE);
    g_unsetenv("LC_ALL");
    g_unsetenv("LC_MESSAGES");
    g_unsetenv("LC_CTYPE");
    for (size_t p = 0; p < N_PROGRAMS; p++) {
        run_result r = run_v(p, (const char *const[]){"--help", NULL});
        assert_int_equal(r.status, 0);
        if (!strstr(r.out, "§") || !strstr(r.out, "Exit status:") || strstr(r.out, "FORMAT.md ?"))
            fail_msg("%s --help under C.UTF-8: %s", names[p], r.out);
        run_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usage_errors_alike),
        cmocka_unit_test(test_empty_from_to_is_usage),
        cmocka_unit_test(test_version_alike),
        cmocka_unit_test(test_list_matches_network),
        cmocka_unit_test(test_figure_names_alike),
        cmocka_unit_test(test_exit_three_rules),
        cmocka_unit_test(test_warnings_and_quiet),
        cmocka_unit_test(test_export_refuses_then_forces),
        cmocka_unit_test(test_export_what_the_options_describe),
        cmocka_unit_test(test_names_for_ids),
        cmocka_unit_test(test_names_and_files_in_lists),
        cmocka_unit_test(test_ignored_options_are_usage),
        cmocka_unit_test(test_corridor_marks_true),
        cmocka_unit_test(test_corridor_quantity_totals),
        cmocka_unit_test(test_corridor_text_matches_csv),
        cmocka_unit_test(test_overflow_fails_without_output),
        cmocka_unit_test(test_arrive_by_everywhere),
        cmocka_unit_test(test_help_section_sign_under_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
