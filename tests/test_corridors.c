/* test_corridors.c - fr-corridors, the planners' corridor comparison, on the
 * embedded network: the families it reports (derived from the routes), the
 * winners it names against what the sources say (to Europe the sea is
 * cheapest and air fastest: seed-facts/000a.md:115-118), its CSV and JSON,
 * the chart files, and its errors. */
#include "helpers.h"
#include "minijson.h"

#include <string.h>

static run_result corridors(const char *first, ...) G_GNUC_NULL_TERMINATED;
static run_result corridors(const char *first, ...)
{
    va_list args;
    va_start(args, first);
    run_result r = run_program_v(FR_CORRIDORS_EXE, first, args);
    va_end(args);
    return r;
}

static mj_value *parse_or_fail(const char *text)
{
    char *error = NULL;
    mj_value *v = mj_parse(text, &error);
    if (!v)
        fail_msg("not JSON: %s", error);
    return v;
}

static const mj_value *option_named(const mj_value *options, const char *needle)
{
    for (size_t i = 0; i < mj_len(options); i++)
        if (strstr(mj_get(mj_at(options, i), "family")->string, needle))
            return mj_at(options, i);
    return NULL;
}

static bool route_uses(const mj_value *option, const char *mode)
{
    const mj_value *steps = mj_path(option, "route", "steps", NULL);
    for (size_t i = 0; i < mj_len(steps); i++) {
        const mj_value *m = mj_get(mj_at(steps, i), "mode");
        if (m && !strcmp(m->string, mode))
            return true;
    }
    return false;
}

/* To Duisburg: the corridors of the issue are there, each one what its name
 * says, and the sources' winners win. */
static void test_duisburg_families_and_winners(void **state)
{
    (void)state;
    run_result r = corridors("--to", "DEDUI", "--format", "json", NULL);
    expect_exit(&r, 0, "fr-corridors");
    mj_value *v = parse_or_fail(r.out);
    const mj_value *cmp = mj_at(mj_get(v, "comparisons"), 0);
    assert_string_equal(mj_get(cmp, "from")->string, "CNCKG");
    const mj_value *options = mj_get(cmp, "options");
    /* Erlian and Rongou too: since each train family has its own corridor label
     * and the shared Moscow-Duisburg section its own (lib/data/README.md,
     * "Corridor labels"), avoiding the Yuxinou no longer strands them. */
    const char *expected[] = {"Yuxinou", "Yangtze", "ILSTC", "YUYONG", "YUMANE", "Erlian",
                              "Rongou",  "air"};
    for (size_t i = 0; i < G_N_ELEMENTS(expected); i++)
        if (!option_named(options, expected[i]))
            fail_msg("no %s family to Duisburg", expected[i]);
    assert_true(route_uses(option_named(options, "Yuxinou"), "rail"));
    assert_true(route_uses(option_named(options, "Yangtze"), "river"));
    assert_true(route_uses(option_named(options, "Yangtze"), "sea"));
    for (size_t i = 0; i < mj_len(options); i++) {
        const mj_value *o = mj_at(options, i);
        if (mj_get(o, "cheapest")->boolean)
            assert_true(route_uses(o, "sea"));
        if (mj_get(o, "fastest")->boolean)
            assert_true(route_uses(o, "air"));
    }
    mj_free(v);
    run_free(&r);
}

/* Each family appears once per destination, and the option list is sorted
 * by the chosen objective (cost by default). */
static void test_one_row_per_family_sorted_by_cost(void **state)
{
    (void)state;
    run_result r = corridors("--format", "json", NULL);
    expect_exit(&r, 0, "fr-corridors");
    mj_value *v = parse_or_fail(r.out);
    const mj_value *all = mj_get(v, "comparisons");
    assert_int_equal(mj_len(all), 6); /* the six default destinations */
    for (size_t c = 0; c < mj_len(all); c++) {
        const mj_value *options = mj_get(mj_at(all, c), "options");
        /* Two families or more everywhere but Hanoi: on the reference date
         * (2019-07-01) Chongqing-Hanoi is by truck only, the rail service
         * starting in 2021 (lib/data/README.md, links.csv valid_from);
         * test_hanoi_has_rail_from_2021 checks the later date. */
        const char *to = mj_get(mj_at(all, c), "to")->string;
        assert_true(mj_len(options) >= (g_str_equal(to, "VNHAN") ? 1u : 2u));
        GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
        for (size_t i = 0; i < mj_len(options); i++) {
            const mj_value *o = mj_at(options, i);
            assert_false(g_hash_table_contains(seen, mj_get(o, "family")->string));
            g_hash_table_add(seen, mj_get(o, "family")->string);
            if (i > 0)
                assert_true(mj_get(mj_at(options, i - 1), "cost_usd")->number <=
                            mj_get(o, "cost_usd")->number);
        }
        g_hash_table_destroy(seen);
    }
    mj_free(v);
    run_free(&r);
}

/* The Chongqing-Hanoi rail service (valid from 2021-09-15 in links.csv)
 * is a family on a 2022 date and not on the 2019 reference date. */
static void test_hanoi_has_rail_from_2021(void **state)
{
    (void)state;
    run_result r = corridors("--to", "VNHAN", "--on", "2022-01-10", "--format", "json", NULL);
    expect_exit(&r, 0, "fr-corridors --on 2022-01-10");
    mj_value *v = parse_or_fail(r.out);
    const mj_value *options = mj_get(mj_at(mj_get(v, "comparisons"), 0), "options");
    assert_non_null(option_named(options, "rail"));
    mj_free(v);
    run_free(&r);
    r = corridors("--to", "VNHAN", "--format", "json", NULL);
    expect_exit(&r, 0, "fr-corridors");
    v = parse_or_fail(r.out);
    options = mj_get(mj_at(mj_get(v, "comparisons"), 0), "options");
    assert_null(option_named(options, "rail"));
    mj_free(v);
    run_free(&r);
}

/* The text table names the winners (of the rows shown); CSV has a header
 * (the figures named as the route JSON's totals) and one row per option. */
static void test_text_and_csv(void **state)
{
    (void)state;
    run_result r = corridors("--to", "SGSIN", NULL);
    expect_exit(&r, 0, "fr-corridors");
    assert_non_null(strstr(r.out, "of the rows shown: cheapest ($)"));
    assert_non_null(strstr(r.out, "Qinzhou"));
    run_free(&r);
    r = corridors("--to", "SGSIN,VNHAN", "--format", "csv", NULL);
    expect_exit(&r, 0, "fr-corridors");
    assert_true(g_str_has_prefix(r.out, "from,to,family,quantity_teu,cost_usd,time_h,co2_kg"));
    assert_non_null(strstr(r.out, "\nCNCKG,VNHAN,"));
    run_free(&r);
}

static void expect_file_starts_with(const char *path, const char *magic, size_t len)
{
    size_t size;
    char *data = read_whole_file(path, &size);
    assert_true(size > len);
    assert_memory_equal(data, magic, len);
    g_free(data);
}

static void test_chart_png_and_svg(void **state)
{
    (void)state;
    char *dir = make_tmp_dir();
    char *png = g_build_filename(dir, "c.png", NULL), *svg = g_build_filename(dir, "c.svg", NULL);
    run_result r = corridors("--to", "DEDUI,SGSIN", "--chart", png, NULL);
    expect_exit(&r, 0, "fr-corridors");
    run_free(&r);
    expect_file_starts_with(png, "\x89PNG\r\n", 6);
    r = corridors("--to", "DEDUI", "--chart", svg, NULL);
    expect_exit(&r, 0, "fr-corridors");
    run_free(&r);
    expect_file_starts_with(svg, "<?xml", 5);
    /* Vientiane South has no route on the reference date: its panel says so */
    r = corridors("--to", "DEDUI,LAVTE", "--chart", png, NULL);
    expect_exit(&r, 0, "fr-corridors");
    run_free(&r);
    expect_file_starts_with(png, "\x89PNG\r\n", 6);
    remove_dir(dir);
    g_free(png), g_free(svg), g_free(dir);
}

static void test_errors(void **state)
{
    (void)state;
    struct {
        int status;
        const char *args[4];
    } cases[] = {
        {2, {"--format", "xml", NULL}},
        {2, {"--chart", "c.gif", NULL}},
        {2, {"--quantity", "0", NULL}},
        {2, {"--objective", "fast", NULL}},
        {2, {"--bogus", NULL}},
        {1, {"--to", "NOWHERE", NULL}},
        {1, {"--from", "CNCKG", "--to", "CNCKG"}},
        {1, {"--network", "/nonexistent", NULL}},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const char **a = cases[i].args;
        run_result r = corridors(a[0], a[1], a[2], a[3], NULL);
        expect_exit(&r, cases[i].status, a[0]);
        assert_true(r.err && strlen(r.err) > 0);
        run_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duisburg_families_and_winners),
        cmocka_unit_test(test_one_row_per_family_sorted_by_cost),
        cmocka_unit_test(test_hanoi_has_rail_from_2021),
        cmocka_unit_test(test_text_and_csv),
        cmocka_unit_test(test_chart_png_and_svg),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
