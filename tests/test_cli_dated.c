/* test_cli_dated.c - the dated options of the programs (FORMAT.md §3 and §5):
 * fr-route --depart, --arrive-by, --on, --depart-window/--every, and
 * fr-corridors --depart, --on, --depart-window (rows and --chart), run as
 * child processes.
 *
 * On a small timetabled network written here (the expected times are worked
 * out below by hand), and on the embedded network, where dated answers are
 * checked against each other: a window's rows against single --depart runs,
 * a latest departure against routing from it, every step's start against
 * the end of the step before. The commands the README's "Dated routes"
 * shows are run as written.
 *
 * The hand network (A Asia/Shanghai +08:00, B Asia/Almaty +06:00 in 2019,
 * C Europe/Berlin +02:00 in summer):
 *   L1 A->B rail, corridor Steppe, 48 h, 1000 USD; service S1 Mon 18:00 and
 *      Thu 18:00 in A's zone, cut-off 6 h, valid to 2019-08-31
 *   B: dwell 2 h, 50 USD; transfer rail->road 3 h, 40 USD (5 h, 90 USD)
 *   L2 B->C road, 10 h, 500 USD (no services: any time)
 *   closure of L1 from 2019-07-15T00:00+08:00 to 2019-07-19T00:00+08:00
 * A box boarding L1 at Thu d (A's time) reaches C at d + 48 + 5 + 10 h =
 * d + 63 h: Thu 2019-07-04 18:00+08:00 (10:00Z) -> 2019-07-07T01:00Z =
 * 2019-07-07T03:00:00+02:00. Cost 1000 + 90 + 500 = 1590 USD. */
#include "helpers.h"
#include "minijson.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#ifndef FR_ROUTE_EXE
#error "FR_ROUTE_EXE must name the fr-route executable"
#endif
#ifndef FR_CORRIDORS_EXE
#error "FR_CORRIDORS_EXE must name the fr-corridors executable"
#endif

static char *hand; /* the hand network's directory */

static const char hand_nodes[] =
    "id,name,kind,country,lat,lon,dwell_h,dwell_usd,timezone\n"
    "A,Alpha,city,CN,30,100,0,0,Asia/Shanghai\n"
    "B,Beta,border,KZ,45,80,2,50,Asia/Almaty\n"
    "C,Gamma,city,DE,51,7,0,0,Europe/Berlin\n";
static const char hand_links[] = "id,from,to,mode,distance_km,time_h,cost_usd,corridor\n"
                                 "L1,A,B,rail,1000,48,1000,Steppe\n"
                                 "L2,B,C,road,500,10,500,\n";
static const char hand_transfers[] = "node,from_mode,to_mode,time_h,cost_usd\n"
                                     "B,rail,road,3,40\n";
static const char hand_services[] = "id,link,departures,cutoff_h,valid_to\n"
                                    "S1,L1,Mon 18:00; Thu 18:00,6,2019-08-31\n";
static const char hand_closures[] =
    "link,from,to,reason\n"
    "L1,2019-07-15T00:00:00+08:00,2019-07-19T00:00:00+08:00,works\n";

static int setup(void **state)
{
    (void)state;
    hand = make_tmp_dir();
    write_network(hand, hand_nodes, hand_links, hand_transfers, NULL);
    write_file_bytes(hand, "services.csv", hand_services, strlen(hand_services));
    write_file_bytes(hand, "closures.csv", hand_closures, strlen(hand_closures));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove_dir(hand);
    g_free(hand);
    return 0;
}

/* ---- running the programs -------------------------------------------------- */

static run_result route(const char *first, ...) G_GNUC_NULL_TERMINATED;
static run_result route(const char *first, ...)
{
    va_list args;
    va_start(args, first);
    run_result r = run_program_v(FR_ROUTE_EXE, first, args);
    va_end(args);
    return r;
}

static run_result corridors(const char *first, ...) G_GNUC_NULL_TERMINATED;
static run_result corridors(const char *first, ...)
{
    va_list args;
    va_start(args, first);
    run_result r = run_program_v(FR_CORRIDORS_EXE, first, args);
    va_end(args);
    return r;
}

/* Runs exe with a NULL-terminated argument vector (built at run time). */
static run_result run_argv(const char *exe, const char *const *args)
{
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer)exe);
    for (const char *const *a = args; *a; a++)
        g_ptr_array_add(argv, (gpointer)*a);
    g_ptr_array_add(argv, NULL);
    run_result r = {-1, NULL, NULL};
    int wait_status = 0;
    GError *err = NULL;
    gboolean ok = g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait_status, &err);
    g_ptr_array_free(argv, TRUE);
    if (!ok)
        fail_msg("cannot run %s: %s", exe, err->message);
    if (WIFEXITED(wait_status))
        r.status = WEXITSTATUS(wait_status);
    return r;
}

/* ---- reading answers ----------------------------------------------------- */

static const char *str_of(const mj_value *v, const char *key)
{
    const mj_value *m = mj_get(v, key);
    if (!m || m->type != MJ_STRING)
        fail_msg("JSON \"%s\": missing or not a string", key);
    return m->string;
}

static double num_of(const mj_value *v, const char *key)
{
    const mj_value *m = mj_get(v, key);
    if (!m || m->type != MJ_NUMBER)
        fail_msg("JSON \"%s\": missing or not a number", key);
    return m->number;
}

static void expect_str(const mj_value *v, const char *key, const char *want, const char *what)
{
    const char *got = str_of(v, key);
    if (strcmp(got, want) != 0)
        fail_msg("%s: \"%s\" is '%s', expected '%s'", what, key, got, want);
}

static void expect_num(double got, double want, const char *what)
{
    if (!close_rel(got, want, 1e-9))
        fail_msg("%s = %.17g, expected %.17g", what, got, want);
}

/* An ISO 8601 date-time as seconds since 1970 (the test fails when it is
 * not one with an offset). */
static double instant(const char *iso)
{
    GDateTime *t = g_date_time_new_from_iso8601(iso, NULL);
    if (!t)
        fail_msg("'%s' is not an ISO 8601 date-time with an offset", iso);
    double s = (double)g_date_time_to_unix(t) + g_date_time_get_microsecond(t) / 1e6;
    g_date_time_unref(t);
    return s;
}

/* Every step has "start" and "end"; each starts when the one before ends;
 * the first starts at "depart" and the last ends at "arrive"; the route's
 * time is arrive - depart. Returns the hours spent in wait steps. */
static double check_timeline(const mj_value *v)
{
    double depart = instant(str_of(v, "depart")), arrive = instant(str_of(v, "arrive"));
    double total = num_of(mj_get(v, "total"), "time_h");
    if (fabs((arrive - depart) - total * 3600) > 1.01)
        fail_msg("arrive - depart is %.0f s, total.time_h %.17g h", arrive - depart, total);
    const mj_value *steps = mj_get(v, "steps");
    assert_true(mj_len(steps) > 0);
    double at = depart, waits = 0;
    for (size_t i = 0; i < mj_len(steps); i++) {
        const mj_value *s = mj_at(steps, i);
        double start = instant(str_of(s, "start")), end = instant(str_of(s, "end"));
        if (fabs(start - at) > 1)
            fail_msg("step %zu starts at %s, %.0f s after the step before ends", i,
                     str_of(s, "start"), start - at);
        if (fabs((end - start) - num_of(s, "time_h") * 3600) > 1.01)
            fail_msg("step %zu: end - start is not its time_h", i);
        if (!strcmp(str_of(s, "type"), "wait"))
            waits += num_of(s, "time_h");
        at = end;
    }
    if (fabs(at - arrive) > 1)
        fail_msg("the last step ends at %.0f, the route arrives at %.0f", at, arrive);
    return waits;
}

/* fr-route's JSON for these arguments (exit 0 expected). */
static mj_value *route_json(const char *const *args, const char *what)
{
    run_result r = run_argv(FR_ROUTE_EXE, args);
    expect_exit(&r, 0, what);
    mj_value *v = run_stdout_json(&r);
    run_free(&r);
    return v;
}

/* The "arrive" of fr-route --depart `depart` on the embedded network, by time. */
static char *embedded_arrival(const char *depart)
{
    const char *args[] = {"--from", "CNCKG", "--to", "DEDUI", "--objective", "time",
                          "--depart", depart, "--format", "json", NULL};
    mj_value *v = route_json(args, depart);
    char *arrive = g_strdup(str_of(v, "arrive"));
    expect_str(v, "depart", depart, "single --depart run");
    mj_free(v);
    return arrive;
}

/* Fails unless got is within tol of want. */
static void expect_near(double got, double want, double tol, const char *what)
{
    if (fabs(got - want) > tol)
        fail_msg("%s = %.17g, expected %.17g (within %g)", what, got, want, tol);
}

/* Lines of a text, without the empty last one (g_strfreev). */
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

/* ---- fr-route on the hand network ------------------------------------------ */

static void test_hand_depart(void **state)
{
    (void)state;
    const char *args[] = {"--network", hand, "--from", "A", "--to", "C", "--objective", "time",
                          "--depart", "2019-07-02T08:00", "--format", "json", NULL};
    mj_value *v = route_json(args, "--depart");
    /* Tuesday 08:00 at A: Monday's 18:00 has gone, Thursday's cut-off is
     * 12:00: wait 58 h, board Thursday 18:00, arrive Sunday 03:00 Berlin. */
    expect_str(v, "depart", "2019-07-02T08:00:00+08:00", "--depart");
    expect_str(v, "arrive", "2019-07-07T03:00:00+02:00", "--depart");
    expect_num(num_of(mj_get(v, "total"), "time_h"), 121, "total.time_h");
    expect_num(num_of(mj_get(v, "total"), "cost_usd"), 1590, "total.cost_usd");
    expect_num(check_timeline(v), 58, "wait hours");
    const mj_value *steps = mj_get(v, "steps");
    const mj_value *wait = mj_at(steps, 0);
    expect_str(wait, "type", "wait", "first step");
    expect_str(wait, "node", "A", "the wait");
    expect_num(num_of(wait, "time_h"), 58, "wait.time_h");
    expect_str(wait, "start", "2019-07-02T08:00:00+08:00", "the wait");
    expect_str(wait, "end", "2019-07-04T18:00:00+08:00", "the wait");
    const mj_value *l1 = mj_at(steps, 1);
    expect_str(l1, "link", "L1", "second step");
    expect_str(l1, "start", "2019-07-04T18:00:00+08:00", "L1");
    expect_str(l1, "end", "2019-07-06T16:00:00+06:00", "L1 (Almaty)");
    const mj_value *last = mj_at(steps, mj_len(steps) - 1);
    expect_str(last, "link", "L2", "last step");
    expect_str(last, "end", "2019-07-07T03:00:00+02:00", "L2 (Berlin)");
    mj_free(v);

    /* The same moment with an offset, and a bare date (its midnight at A). */
    const char *offset[] = {"--network", hand, "--from", "A", "--to", "C", "--objective",
                            "time", "--depart", "2019-07-02T00:00Z", "--format", "json", NULL};
    v = route_json(offset, "--depart with Z");
    expect_str(v, "depart", "2019-07-02T08:00:00+08:00", "--depart with Z");
    expect_str(v, "arrive", "2019-07-07T03:00:00+02:00", "--depart with Z");
    mj_free(v);
    const char *date[] = {"--network", hand, "--from", "A", "--to", "C", "--objective", "time",
                          "--depart", "2019-07-02", "--format", "json", NULL};
    v = route_json(date, "--depart DATE");
    expect_str(v, "depart", "2019-07-02T00:00:00+08:00", "--depart DATE");
    expect_str(v, "arrive", "2019-07-07T03:00:00+02:00", "--depart DATE");
    mj_free(v);

    /* Objective cost departs the same way (one route). */
    const char *cost[] = {"--network", hand, "--from", "A", "--to", "C", "--depart",
                          "2019-07-02T08:00", "--format", "json", NULL};
    v = route_json(cost, "--depart, by cost");
    expect_str(v, "arrive", "2019-07-07T03:00:00+02:00", "--depart, by cost");
    expect_num(num_of(mj_get(v, "total"), "cost_usd"), 1590, "total.cost_usd");
    mj_free(v);

    /* Text and GeoJSON render dated routes too. */
    run_result r = route("--network", hand, "--from", "A", "--to", "C", "--depart",
                         "2019-07-02T08:00", NULL);
    expect_exit(&r, 0, "--depart, text");
    assert_non_null(strstr(r.out, "2019-07-07"));
    run_free(&r);
    r = route("--network", hand, "--from", "A", "--to", "C", "--depart", "2019-07-02T08:00",
              "--format", "geojson", NULL);
    expect_exit(&r, 0, "--depart, geojson");
    mj_free(run_stdout_json(&r));
    run_free(&r);
}

/* fr-matrix takes the same dated options: A->C departing Tuesday 08:00 at
 * A is the 121 h of test_hand_depart. Origins in two zones need an offset. */
static void test_hand_matrix(void **state)
{
    (void)state;
    const char *args[] = {"--network", hand, "--from", "A", "--to", "C", "--objective", "time",
                          "--depart", "2019-07-02T08:00", "--format", "json", "--routes", NULL};
    run_result r = run_argv(FR_MATRIX_EXE, args);
    expect_exit(&r, 0, "fr-matrix --depart");
    mj_value *v = run_stdout_json(&r);
    const mj_value *cell = mj_at(mj_at(mj_get(v, "cells"), 0), 0);
    expect_num(num_of(cell, "time_h"), 121, "cell time_h");
    expect_str(mj_get(cell, "route"), "arrive", "2019-07-07T03:00:00+02:00", "the cell's route");
    mj_free(v);
    run_free(&r);

    const char *zones[] = {"--network", hand, "--from", "A,C", "--to", "C", "--objective",
                           "time", "--depart", "2019-07-02T08:00", NULL};
    r = run_argv(FR_MATRIX_EXE, zones);
    expect_exit(&r, 2, "fr-matrix --depart without an offset, origins in two zones");
    assert_non_null(strstr(r.err, "offset"));
    run_free(&r);
    const char *offset[] = {"--network", hand, "--from", "A,C", "--to", "C", "--objective",
                            "time", "--depart", "2019-07-02T00:00Z", "--format", "csv", NULL};
    r = run_argv(FR_MATRIX_EXE, offset);
    expect_exit(&r, 0, "fr-matrix --depart with an offset");
    assert_non_null(strstr(r.out, "\nA,C,route,"));
    assert_non_null(strstr(r.out, "\nC,C,same_node,"));
    run_free(&r);
}

static void test_hand_cutoff_and_closure(void **state)
{
    (void)state;
    static const struct {
        const char *depart, *arrive;
        double waits;
    } cases[] = {
        /* Thursday 12:00 makes the 6 h cut-off of 18:00 exactly */
        {"2019-07-04T12:00", "2019-07-07T03:00:00+02:00", 6},
        /* 12:01 misses it: Monday 2019-07-08 18:00 */
        {"2019-07-04T12:01", "2019-07-11T03:00:00+02:00", 96 - 1.0 / 60 + 6},
        /* Saturday 07-13: L1 is closed on Mon 07-15 and Thu 07-18 at 18:00,
         * so Monday 07-22 18:00 (226 h of waiting) */
        {"2019-07-13T08:00", "2019-07-25T03:00:00+02:00", 226},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const char *args[] = {"--network", hand, "--from", "A", "--to", "C", "--objective",
                              "time", "--depart", cases[i].depart, "--format", "json", NULL};
        mj_value *v = route_json(args, cases[i].depart);
        expect_str(v, "arrive", cases[i].arrive, cases[i].depart);
        expect_num(check_timeline(v), cases[i].waits, "wait hours");
        mj_free(v);
    }
    /* After the service ends (valid to 2019-08-31), no route: exit 3. */
    run_result r = route("--network", hand, "--from", "A", "--to", "C", "--depart",
                         "2019-08-30T00:00", NULL);
    expect_exit(&r, 3, "--depart after the service ends");
    run_free(&r);
}

static void test_hand_arrive_by(void **state)
{
    (void)state;
    static const struct {
        const char *deadline, *depart, *arrive;
        double time_h;
    } cases[] = {
        /* Sunday 07-14 12:00 Berlin (10:00Z): Thursday 07-11's train (arrives
         * 07-14 01:00Z) is the last that makes it; its cut-off is 12:00 at A. */
        {"2019-07-14T12:00", "2019-07-11T12:00:00+08:00", "2019-07-14T03:00:00+02:00", 69},
        {"2019-07-14T10:00Z", "2019-07-11T12:00:00+08:00", "2019-07-14T03:00:00+02:00", 69},
        /* A minute before that arrival: Monday 07-08's train */
        {"2019-07-14T02:59", "2019-07-08T12:00:00+08:00", "2019-07-11T03:00:00+02:00", 69},
        /* A bare date is its end, 23:59:59 at C */
        {"2019-07-14", "2019-07-11T12:00:00+08:00", "2019-07-14T03:00:00+02:00", 69},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const char *args[] = {"--network", hand, "--from", "A", "--to", "C", "--objective",
                              "time", "--arrive-by", cases[i].deadline, "--format", "json", NULL};
        mj_value *v = route_json(args, cases[i].deadline);
        expect_str(v, "depart", cases[i].depart, cases[i].deadline);
        expect_str(v, "arrive", cases[i].arrive, cases[i].deadline);
        expect_num(num_of(mj_get(v, "total"), "time_h"), cases[i].time_h, "total.time_h");
        check_timeline(v);
        mj_free(v);
    }
    /* With a departure too: only routes arriving by the deadline. */
    run_result r = route("--network", hand, "--from", "A", "--to", "C", "--objective", "time",
                         "--depart", "2019-07-05T08:00", "--arrive-by", "2019-07-10T12:00",
                         NULL);
    expect_exit(&r, 3, "--depart with a deadline it cannot make");
    run_free(&r);
    const char *made[] = {"--network", hand, "--from", "A", "--to", "C", "--objective",
                          "time", "--depart", "2019-07-05T08:00", "--arrive-by",
                          "2019-07-11T12:00", "--format", "json", NULL};
    mj_value *v = route_json(made, "--depart with a deadline it makes");
    expect_str(v, "arrive", "2019-07-11T03:00:00+02:00", "--depart and --arrive-by");
    mj_free(v);
}

static void test_hand_on(void **state)
{
    (void)state;
    /* Undated on 2019-07-01: L1 counts cut-off 6 h + the mean wait of
     * headways 72 h and 96 h, (72² + 96²) / (2 x 168) h, + 48 h; then 5 h
     * at B and 10 h on L2. */
    const char *args[] = {"--network", hand, "--from", "A", "--to", "C", "--objective", "time",
                          "--on", "2019-07-01", "--format", "json", NULL};
    mj_value *v = route_json(args, "--on");
    expect_num(num_of(mj_get(v, "total"), "time_h"),
               6 + (72.0 * 72 + 96.0 * 96) / (2 * 168) + 48 + 5 + 10, "total.time_h with --on");
    assert_null(mj_get(v, "depart"));
    mj_free(v);
    /* On 2019-07-16 L1 is closed part of the day: no route. Without any
     * date (no reference_date) a link with a closure is absent too. */
    run_result r = route("--network", hand, "--from", "A", "--to", "C", "--on", "2019-07-16",
                         NULL);
    expect_exit(&r, 3, "--on a day of the closure");
    run_free(&r);
    r = route("--network", hand, "--from", "A", "--to", "C", NULL);
    expect_exit(&r, 3, "no date at all");
    run_free(&r);
}

static void test_hand_window(void **state)
{
    (void)state;
    run_result r = route("--network", hand, "--from", "A", "--to", "C", "--objective", "time",
                         "--depart-window", "2019-07-01/2019-07-07", "--format", "json", NULL);
    expect_exit(&r, 0, "--depart-window json");
    mj_value *v = run_stdout_json(&r);
    run_free(&r);
    expect_str(v, "from", "A", "window");
    expect_str(v, "to", "C", "window");
    expect_str(v, "objective", "time", "window");
    expect_num(num_of(v, "quantity_teu"), 1, "quantity_teu");
    /* Midnight at A each day: Monday boards Monday 18:00; Tuesday to
     * Thursday board Thursday's; Friday to Sunday the next Monday's. */
    static const char *arrivals[] = {"2019-07-04T03:00:00+02:00", "2019-07-07T03:00:00+02:00",
                                     "2019-07-07T03:00:00+02:00", "2019-07-07T03:00:00+02:00",
                                     "2019-07-11T03:00:00+02:00", "2019-07-11T03:00:00+02:00",
                                     "2019-07-11T03:00:00+02:00"};
    const mj_value *rows = mj_get(v, "departures");
    assert_int_equal(mj_len(rows), 7);
    for (size_t i = 0; i < 7; i++) {
        const mj_value *row = mj_at(rows, i);
        char depart[32];
        g_snprintf(depart, sizeof depart, "2019-07-%02zuT00:00:00+08:00", i + 1);
        expect_str(row, "depart", depart, "window row");
        expect_str(row, "arrive", arrivals[i], depart);
        expect_near(num_of(row, "time_h"), (instant(arrivals[i]) - instant(depart)) / 3600,
                    24e-4, "time_h");
        expect_num(num_of(row, "cost_usd"), 1590, "cost_usd");
        expect_str(row, "corridor", "Steppe", depart);
    }
    mj_free(v);

    /* CSV: the header, then Monday's row; the quantity scales the cost. */
    r = route("--network", hand, "--from", "A", "--to", "C", "--objective", "time",
              "--depart-window", "2019-07-01/2019-07-07", "--quantity", "2", "--format", "csv",
              NULL);
    expect_exit(&r, 0, "--depart-window csv");
    char **lines = lines_of(r.out);
    assert_int_equal(g_strv_length(lines), 8);
    assert_string_equal(lines[0], "depart,arrive,time_h,cost_usd,corridor");
    assert_string_equal(lines[1],
                        "2019-07-01T00:00:00+08:00,2019-07-04T03:00:00+02:00,81.0000,3180,Steppe");
    g_strfreev(lines);
    run_free(&r);

    /* Date-times, every 6 h: 00:00, 06:00, 12:00 and 18:00 of 07-04; the
     * last misses Thursday's cut-off. */
    r = route("--network", hand, "--from", "A", "--to", "C", "--objective", "time",
              "--depart-window", "2019-07-04T00:00/2019-07-04T18:00", "--every", "6", "--format",
              "json", NULL);
    expect_exit(&r, 0, "--depart-window date-times");
    v = run_stdout_json(&r);
    run_free(&r);
    rows = mj_get(v, "departures");
    assert_int_equal(mj_len(rows), 4);
    expect_str(mj_at(rows, 2), "depart", "2019-07-04T12:00:00+08:00", "row 3");
    expect_str(mj_at(rows, 2), "arrive", "2019-07-07T03:00:00+02:00", "row 3");
    expect_str(mj_at(rows, 3), "depart", "2019-07-04T18:00:00+08:00", "row 4");
    expect_str(mj_at(rows, 3), "arrive", "2019-07-11T03:00:00+02:00", "row 4");
    mj_free(v);

    /* Across the closure: every departure from 07-12 to 07-19 waits for
     * Monday 07-22. */
    r = route("--network", hand, "--from", "A", "--to", "C", "--objective", "time",
              "--depart-window", "2019-07-12/2019-07-19", "--format", "json", NULL);
    expect_exit(&r, 0, "--depart-window across the closure");
    v = run_stdout_json(&r);
    run_free(&r);
    rows = mj_get(v, "departures");
    assert_int_equal(mj_len(rows), 8);
    for (size_t i = 0; i < mj_len(rows); i++)
        expect_str(mj_at(rows, i), "arrive", "2019-07-25T03:00:00+02:00", "across the closure");
    mj_free(v);
}

static void test_hand_window_without_routes(void **state)
{
    (void)state;
    /* The service ends on 2019-08-31: from Friday 08-30 no train leaves. */
    run_result r = route("--network", hand, "--from", "A", "--to", "C", "--objective", "time",
                         "--depart-window", "2019-08-28/2019-09-01", "--format", "json", NULL);
    expect_exit(&r, 0, "--depart-window with rows without a route");
    mj_value *v = run_stdout_json(&r);
    run_free(&r);
    const mj_value *rows = mj_get(v, "departures");
    assert_int_equal(mj_len(rows), 5);
    expect_str(mj_at(rows, 0), "arrive", "2019-09-01T03:00:00+02:00", "Wednesday");
    expect_str(mj_at(rows, 1), "arrive", "2019-09-01T03:00:00+02:00", "Thursday");
    for (size_t i = 2; i < 5; i++) {
        const mj_value *route_v = mj_get(mj_at(rows, i), "route");
        assert_non_null(route_v);
        assert_int_equal(route_v->type, MJ_NULL);
        assert_null(mj_get(mj_at(rows, i), "arrive"));
        str_of(mj_at(rows, i), "depart");
    }
    mj_free(v);
    r = route("--network", hand, "--from", "A", "--to", "C", "--objective", "time",
              "--depart-window", "2019-08-28/2019-09-01", "--format", "csv", NULL);
    expect_exit(&r, 0, "csv with rows without a route");
    char **lines = lines_of(r.out);
    assert_int_equal(g_strv_length(lines), 6);
    assert_string_equal(lines[5], "2019-09-01T00:00:00+08:00,,,,");
    g_strfreev(lines);
    run_free(&r);
    r = route("--network", hand, "--from", "A", "--to", "C", "--depart-window",
              "2019-08-28/2019-09-01", NULL);
    expect_exit(&r, 0, "text with rows without a route");
    assert_non_null(strstr(r.out, "no route"));
    assert_non_null(strstr(r.out, "Steppe"));
    run_free(&r);
}

/* ---- fr-corridors on the hand network -------------------------------------- */

static void test_hand_corridors(void **state)
{
    (void)state;
    run_result r = corridors("--network", hand, "--from", "A", "--to", "C", "--depart",
                             "2019-07-02T08:00", "--format", "json", NULL);
    expect_exit(&r, 0, "fr-corridors --depart");
    mj_value *v = run_stdout_json(&r);
    run_free(&r);
    const mj_value *cmp = mj_at(mj_get(v, "comparisons"), 0);
    expect_str(cmp, "depart", "2019-07-02T08:00:00+08:00", "comparison");
    const mj_value *options = mj_get(cmp, "options");
    assert_int_equal(mj_len(options), 1);
    const mj_value *o = mj_at(options, 0);
    expect_str(o, "family", "rail (Steppe)", "family");
    expect_str(o, "depart", "2019-07-02T08:00:00+08:00", "family");
    expect_str(o, "arrive", "2019-07-07T03:00:00+02:00", "family");
    expect_near(num_of(o, "time_h"), 121.0, 24e-3, "time_h");
    expect_str(mj_get(o, "route"), "arrive", "2019-07-07T03:00:00+02:00", "the family's route");
    assert_int_equal(mj_len(mj_get(cmp, "no_route")), 0);
    mj_free(v);

    r = corridors("--network", hand, "--from", "A", "--to", "C", "--depart", "2019-07-02T08:00",
                  "--format", "csv", NULL);
    expect_exit(&r, 0, "fr-corridors --depart csv");
    char **lines = lines_of(r.out);
    assert_int_equal(g_strv_length(lines), 2);
    assert_true(g_str_has_prefix(lines[0], "from,to,family,quantity_teu,depart,arrive,cost_usd,"
                                           "time_h,"));
    assert_true(g_str_has_prefix(
        lines[1], "A,C,rail (Steppe),1,2019-07-02T08:00:00+08:00,2019-07-07T03:00:00+02:00,"));
    g_strfreev(lines);
    run_free(&r);

    r = corridors("--network", hand, "--from", "A", "--to", "C", "--depart", "2019-07-02T08:00",
                  NULL);
    expect_exit(&r, 0, "fr-corridors --depart text");
    assert_non_null(strstr(r.out, "arrive"));
    assert_non_null(strstr(r.out, "2019-07-07T03:00:00+02:00"));
    run_free(&r);

    /* The window: one row per departure of the family, totals for the 2 TEU
     * (1590 USD per TEU), time_h 3.375 and 4.375 days. */
    r = corridors("--network", hand, "--from", "A", "--to", "C", "--depart-window",
                  "2019-07-01/2019-07-07", "--quantity", "2", "--format", "csv", NULL);
    expect_exit(&r, 0, "fr-corridors --depart-window csv");
    lines = lines_of(r.out);
    assert_int_equal(g_strv_length(lines), 8);
    assert_string_equal(lines[0],
                        "from,to,family,quantity_teu,depart,arrive,time_h,cost_usd,corridor");
    assert_string_equal(lines[1], "A,C,rail (Steppe),2,2019-07-01T00:00:00+08:00,"
                                  "2019-07-04T03:00:00+02:00,81.0000,3180,Steppe");
    assert_string_equal(lines[7], "A,C,rail (Steppe),2,2019-07-07T00:00:00+08:00,"
                                  "2019-07-11T03:00:00+02:00,105.0000,3180,Steppe");
    g_strfreev(lines);
    run_free(&r);

    r = corridors("--network", hand, "--from", "A", "--to", "C", "--depart-window",
                  "2019-07-01/2019-07-07", "--format", "json", NULL);
    expect_exit(&r, 0, "fr-corridors --depart-window json");
    v = run_stdout_json(&r);
    run_free(&r);
    cmp = mj_at(mj_get(v, "comparisons"), 0);
    expect_num(num_of(cmp, "every_h"), 24, "every_h");
    const mj_value *family = mj_at(mj_get(cmp, "families"), 0);
    expect_str(family, "family", "rail (Steppe)", "window family");
    assert_int_equal(mj_len(mj_get(family, "departures")), 7);
    expect_str(mj_at(mj_get(family, "departures"), 4), "arrive", "2019-07-11T03:00:00+02:00",
               "Friday");
    mj_free(v);
}

/* ---- the embedded network ------------------------------------------------ */

/* The README's "Dated routes", as written (the chart into a scratch
 * directory made the current one). */
static void test_readme_commands(void **state)
{
    (void)state;
    run_result r = route("--from", "CNCKG", "--to", "DEDUI", "--depart", "2019-07-02T08:00",
                         "--objective", "time", NULL);
    expect_exit(&r, 0, "README: fr-route --depart");
    assert_non_null(strstr(r.out, "2019-07-02"));
    run_free(&r);

    r = route("--from", "CNCKG", "--to", "DEDUI", "--arrive-by", "2019-07-31T12:00",
              "--objective", "time", NULL);
    expect_exit(&r, 0, "README: fr-route --arrive-by");
    assert_non_null(strstr(r.out, "2019-07-3"));
    run_free(&r);

    r = route("--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31",
              "--objective", "time", "--format", "csv", NULL);
    expect_exit(&r, 0, "README: fr-route --depart-window");
    char **lines = lines_of(r.out);
    assert_int_equal(g_strv_length(lines), 32);
    assert_string_equal(lines[0], "depart,arrive,time_h,cost_usd,corridor");
    g_strfreev(lines);
    run_free(&r);

    r = corridors("--to", "DEDUI", "--depart", "2019-07-02T08:00", NULL);
    expect_exit(&r, 0, "README: fr-corridors --depart");
    assert_non_null(strstr(r.out, "arrive"));
    run_free(&r);

    char *dir = make_tmp_dir(), *cwd = g_get_current_dir();
    assert_int_equal(g_chdir(dir), 0);
    r = corridors("--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31", "--chart",
                  "sawtooth.svg", NULL);
    assert_int_equal(g_chdir(cwd), 0);
    char *svg = g_build_filename(dir, "sawtooth.svg", NULL);
    expect_exit(&r, 0, "README: fr-corridors --depart-window --chart");
    size_t len = 0;
    char *content = read_whole_file(svg, &len);
    assert_true(len > 1000);
    assert_non_null(strstr(content, "<svg"));
    g_free(content);
    run_free(&r);
    remove_dir(dir);
    g_free(svg), g_free(dir), g_free(cwd);
}

static void test_embedded_depart(void **state)
{
    (void)state;
    const char *args[] = {"--from", "CNCKG", "--to", "DEDUI", "--depart", "2019-07-02T08:00",
                          "--objective", "time", "--format", "json", NULL};
    mj_value *v = route_json(args, "--depart on the embedded network");
    assert_true(g_str_has_prefix(str_of(v, "depart"), "2019-07-02T08:00:00"));
    check_timeline(v);
    assert_non_null(mj_get(v, "total"));
    mj_free(v);
    /* Every objective dates its route. */
    static const char *objectives[] = {"cost", "co2", "distance"};
    for (size_t i = 0; i < G_N_ELEMENTS(objectives); i++) {
        const char *by[] = {"--from", "CNCKG", "--to", "DEDUI", "--depart", "2019-07-02T08:00",
                            "--objective", objectives[i], "--format", "json", NULL};
        v = route_json(by, objectives[i]);
        check_timeline(v);
        mj_free(v);
    }
}

/* A window's rows are the single --depart runs at its departures. */
static void test_embedded_window_rows(void **state)
{
    (void)state;
    run_result r = route("--from", "CNCKG", "--to", "DEDUI", "--objective", "time",
                         "--depart-window", "2019-07-01/2019-07-31", "--format", "json", NULL);
    expect_exit(&r, 0, "--depart-window, every 24 h");
    mj_value *v = run_stdout_json(&r);
    run_free(&r);
    const mj_value *rows = mj_get(v, "departures");
    assert_int_equal(mj_len(rows), 31);
    for (size_t i = 0; i < mj_len(rows); i++) {
        const mj_value *row = mj_at(rows, i);
        const char *depart = str_of(row, "depart");
        char *day = g_strdup_printf("2019-07-%02zuT00:00:00", i + 1);
        if (!g_str_has_prefix(depart, day))
            fail_msg("row %zu departs %s, expected %s", i, depart, day);
        g_free(day);
        char *arrive = embedded_arrival(depart);
        if (strcmp(arrive, str_of(row, "arrive")))
            fail_msg("row %zu (%s) arrives %s; fr-route --depart says %s", i, depart,
                     str_of(row, "arrive"), arrive);
        expect_near(num_of(row, "time_h"), (instant(arrive) - instant(depart)) / 3600, 36e-4,
                    "time_h");
        str_of(row, "corridor");
        num_of(row, "cost_usd");
        g_free(arrive);
    }
    mj_free(v);

    r = route("--from", "CNCKG", "--to", "DEDUI", "--objective", "time", "--depart-window",
              "2019-07-01/2019-07-31", "--every", "6", "--format", "json", NULL);
    expect_exit(&r, 0, "--depart-window, every 6 h");
    v = run_stdout_json(&r);
    run_free(&r);
    rows = mj_get(v, "departures");
    assert_int_equal(mj_len(rows), 124);
    for (size_t i = 0; i < mj_len(rows); i += 13) {
        const mj_value *row = mj_at(rows, i);
        char *arrive = embedded_arrival(str_of(row, "depart"));
        assert_string_equal(arrive, str_of(row, "arrive"));
        g_free(arrive);
    }
    expect_num(instant(str_of(mj_at(rows, 123), "depart")) -
                   instant(str_of(mj_at(rows, 0), "depart")),
               123 * 6 * 3600.0, "the last departure");
    mj_free(v);
}

/* The latest departure of --arrive-by, routed with --depart, arrives the same. */
static void test_embedded_arrive_by(void **state)
{
    (void)state;
    const char *args[] = {"--from", "CNCKG", "--to", "DEDUI", "--objective", "time",
                          "--arrive-by", "2019-07-31T12:00+02:00", "--format", "json", NULL};
    mj_value *v = route_json(args, "--arrive-by");
    const char *depart = str_of(v, "depart"), *arrive = str_of(v, "arrive");
    assert_true(instant(arrive) <= instant("2019-07-31T12:00:00+02:00"));
    check_timeline(v);
    char *again = embedded_arrival(depart);
    assert_string_equal(again, arrive);
    g_free(again);
    mj_free(v);
}

static void test_usage_errors(void **state)
{
    (void)state;
    static const struct {
        bool in_corridors;
        const char *args[14];
        const char *says[3];
    } cases[] = {
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart", "soon", NULL},
         {"--depart", "soon"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart", "2019-02-29T08:00", NULL},
         {"--depart", "2019-02-29T08:00"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--arrive-by", "2019-07-32", NULL},
         {"--arrive-by", "2019-07-32"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--on", "2019-07-01T08:00", NULL},
         {"--on", "2019-07-01T08:00"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--on", "2019-07-01", "--depart",
                "2019-07-02T08:00", NULL},
         {"--on", "--depart"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--on", "2019-07-01", "--arrive-by",
                "2019-07-20", NULL},
         {"--on", "--arrive-by"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--every", "6", NULL},
         {"--every", "--depart-window"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31",
                "--every", "0", NULL},
         {"--every", "'0'"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-01", NULL},
         {"--depart-window", "FIRST/LAST"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-31/2019-07-01",
                NULL},
         {"--depart-window", "before"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-01/later", NULL},
         {"--depart-window", "later"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31",
                "--depart", "2019-07-02T08:00", NULL},
         {"--depart-window", "--depart"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31",
                "--arrive-by", "2019-08-31", NULL},
         {"--depart-window", "--arrive-by"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31",
                "--pareto", "cost,time", NULL},
         {"--depart-window", "--pareto"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31",
                "--alternatives", "3", NULL},
         {"--depart-window", "--alternatives"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31",
                "--on", "2019-07-01", NULL},
         {"--on", "--depart-window"}},
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31",
                "--format", "geojson", NULL},
         {"geojson"}},
        /* (--format csv without a window is fr-route's one row per route now) */
        {false, {"--from", "CNCKG", "--to", "DEDUI", "--depart-window", "2019-01-01/2030-12-31",
                "--every", "0.5", NULL},
         {"--depart-window", "at most"}},
        {true, {"--to", "DEDUI", "--depart", "tomorrow", NULL}, {"--depart", "tomorrow"}},
        {true, {"--to", "DEDUI", "--every", "6", NULL}, {"--every", "--depart-window"}},
        {true, {"--to", "DEDUI", "--on", "2019-07-01", "--depart", "2019-07-02", NULL},
         {"--on", "--depart"}},
        {true, {"--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31", "--depart",
              "2019-07-02", NULL},
         {"--depart-window", "--depart"}},
        {true, {"--to", "DEDUI", "--depart-window", "x/y", NULL}, {"--depart-window", "x"}},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const char *exe = cases[i].in_corridors ? FR_CORRIDORS_EXE : FR_ROUTE_EXE;
        run_result r = run_argv(exe, cases[i].args);
        char what[64];
        g_snprintf(what, sizeof what, "usage case %zu", i);
        expect_exit(&r, 2, what);
        for (size_t k = 0; k < G_N_ELEMENTS(cases[i].says) && cases[i].says[k]; k++)
            if (!strstr(r.err, cases[i].says[k]))
                fail_msg("case %zu: standard error does not name '%s': %s", i, cases[i].says[k],
                         r.err);
        assert_null(strstr(r.out, "{"));
        run_free(&r);
    }
    /* An unknown origin stays invalid input (1), dated or not. */
    run_result r = route("--from", "XXNOPE", "--to", "DEDUI", "--depart", "2019-07-02T08:00",
                         NULL);
    expect_exit(&r, 1, "unknown origin with --depart");
    run_free(&r);
    r = route("--from", "XXNOPE", "--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-02",
              NULL);
    expect_exit(&r, 1, "unknown origin with --depart-window");
    run_free(&r);
}

/* fr-corridors --depart: one dated row per family of the comparison on
 * that date. */
static void test_embedded_corridors_depart(void **state)
{
    (void)state;
    run_result r = corridors("--to", "DEDUI", "--on", "2019-07-02", "--format", "json", NULL);
    expect_exit(&r, 0, "fr-corridors --on");
    mj_value *undated = run_stdout_json(&r);
    run_free(&r);
    r = corridors("--to", "DEDUI", "--depart", "2019-07-02T08:00", "--format", "json", NULL);
    expect_exit(&r, 0, "fr-corridors --depart");
    mj_value *dated = run_stdout_json(&r);
    run_free(&r);
    const mj_value *u = mj_get(mj_at(mj_get(undated, "comparisons"), 0), "options");
    const mj_value *cmp = mj_at(mj_get(dated, "comparisons"), 0);
    const mj_value *d = mj_get(cmp, "options");
    assert_true(mj_len(u) >= 5);
    assert_int_equal(mj_len(d) + mj_len(mj_get(cmp, "no_route")), mj_len(u));
    for (size_t i = 0; i < mj_len(u); i++) {
        const char *family = str_of(mj_at(u, i), "family");
        size_t found = 0;
        for (size_t j = 0; j < mj_len(d); j++)
            found += !strcmp(str_of(mj_at(d, j), "family"), family);
        for (size_t j = 0; j < mj_len(mj_get(cmp, "no_route")); j++)
            found += !strcmp(mj_at(mj_get(cmp, "no_route"), j)->string, family);
        if (found != 1)
            fail_msg("family %s: %zu dated rows", family, found);
    }
    for (size_t j = 0; j < mj_len(d); j++) {
        const mj_value *o = mj_at(d, j);
        assert_true(g_str_has_prefix(str_of(o, "depart"), "2019-07-02T08:00:00"));
        double transit = instant(str_of(o, "arrive")) - instant(str_of(o, "depart"));
        if (fabs(transit / 3600 - num_of(o, "time_h")) > 24e-3)
            fail_msg("%s: arrive - depart is not its time_h", str_of(o, "family"));
        check_timeline(mj_get(o, "route"));
    }
    mj_free(undated);
    mj_free(dated);

    r = corridors("--to", "DEDUI,SGSIN", "--depart", "2019-07-02T08:00", "--format", "csv",
                  NULL);
    expect_exit(&r, 0, "fr-corridors --depart csv");
    assert_true(g_str_has_prefix(r.out, "from,to,family,quantity_teu,depart,arrive,cost_usd,"));
    run_free(&r);
}

/* fr-corridors --depart-window: 31 rows per family; --every 12: 62. */
static void test_embedded_corridors_window(void **state)
{
    (void)state;
    run_result r = corridors("--to", "DEDUI", "--depart-window", "2019-07-01/2019-07-31",
                             "--format", "json", NULL);
    expect_exit(&r, 0, "fr-corridors --depart-window json");
    mj_value *v = run_stdout_json(&r);
    run_free(&r);
    const mj_value *families = mj_get(mj_at(mj_get(v, "comparisons"), 0), "families");
    assert_true(mj_len(families) >= 5);
    for (size_t i = 0; i < mj_len(families); i++)
        assert_int_equal(mj_len(mj_get(mj_at(families, i), "departures")), 31);
    mj_free(v);

    char *dir = make_tmp_dir();
    char *png = g_build_filename(dir, "profile.png", NULL);
    r = corridors("--to", "DEDUI,SGSIN", "--depart-window", "2019-07-01/2019-07-14", "--every",
                  "12", "--chart", png, "--format", "csv", NULL);
    expect_exit(&r, 0, "fr-corridors --depart-window --chart png");
    char **lines = lines_of(r.out);
    assert_string_equal(lines[0],
                        "from,to,family,quantity_teu,depart,arrive,time_h,cost_usd,corridor");
    assert_true(g_strv_length(lines) > 1);
    assert_int_equal((g_strv_length(lines) - 1) % 28, 0);
    g_strfreev(lines);
    size_t len = 0;
    char *content = read_whole_file(png, &len);
    assert_true(len > 1000);
    assert_memory_equal(content, "\x89PNG", 4);
    g_free(content);
    run_free(&r);
    remove_dir(dir);
    g_free(png), g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_depart),
        cmocka_unit_test(test_hand_matrix),
        cmocka_unit_test(test_hand_cutoff_and_closure),
        cmocka_unit_test(test_hand_arrive_by),
        cmocka_unit_test(test_hand_on),
        cmocka_unit_test(test_hand_window),
        cmocka_unit_test(test_hand_window_without_routes),
        cmocka_unit_test(test_hand_corridors),
        cmocka_unit_test(test_readme_commands),
        cmocka_unit_test(test_embedded_depart),
        cmocka_unit_test(test_embedded_window_rows),
        cmocka_unit_test(test_embedded_arrive_by),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_embedded_corridors_depart),
        cmocka_unit_test(test_embedded_corridors_window),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
