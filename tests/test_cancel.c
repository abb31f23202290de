/* test_cancel.c - cancellation and progress (issue 12): a query's
 * GCancellable and progress function, and fr_network_prepare_full().
 *
 * - The query keeps a reference to its cancellable; copies share it.
 * - A cancellable cancelled before the call fails every kind of call with
 *   FR_ERROR_CANCELLED (route plain, bounded and dated, Pareto front,
 *   alternatives, matrix, departure profile, critical links, prepare).
 * - Cancelled part-way, from the progress callback, on a generated grid
 *   large enough for many reports: FR_ERROR_CANCELLED, the progress seen
 *   before stops short of 1; a cancelled preparation leaves the network
 *   exactly as it was (its routes equal a never-prepared copy's, loaded
 *   from the same files, and what was prepared before stays prepared).
 * - A matrix cancelled from another thread while it runs.
 * - Progress: from the calling thread, in [0, 1], never decreasing, ending
 *   at 1; and a non-cancelled cancellable with progress changes no answer
 *   (every call compared with the same call on a query without them). */
#include "cancel.h"
#include "helpers.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

/* ---- progress recorder ------------------------------------------------------ */

typedef struct {
    GArray *seen;       /* double: every fraction heard */
    GThread *caller;    /* the thread the call was made from */
    bool other_thread;  /* a report came from another thread */
    GCancellable *cancel_it; /* cancelled at the first fraction >= cancel_at */
    double cancel_at;
    bool cancel_above;  /* cancel at the first fraction > cancel_at instead */
} recorder;

static void recorder_init(recorder *r, GCancellable *cancel_it, double cancel_at)
{
    *r = (recorder){g_array_new(FALSE, FALSE, sizeof(double)), g_thread_self(), false,
                    cancel_it, cancel_at, false};
}

static void recorder_clear(recorder *r)
{
    g_array_free(r->seen, TRUE);
}

static void on_progress(double fraction, void *data)
{
    recorder *r = data;
    g_array_append_val(r->seen, fraction);
    if (g_thread_self() != r->caller)
        r->other_thread = true;
    bool reached = r->cancel_above ? fraction > r->cancel_at : fraction >= r->cancel_at;
    if (r->cancel_it && reached)
        g_cancellable_cancel(r->cancel_it);
}

/* Every fraction in [0, 1], none below the one before, all from the
 * calling thread; `complete`: the last is 1, else it is below 1. */
static void check_progress(const recorder *r, bool complete, const char *what)
{
    if (r->seen->len == 0)
        fail_msg("%s: no progress reported", what);
    assert_false(r->other_thread);
    double before = 0;
    for (guint i = 0; i < r->seen->len; i++) {
        double f = g_array_index(r->seen, double, i);
        if (!(f >= 0 && f <= 1) || f < before)
            fail_msg("%s: progress %u is %g after %g", what, i, f, before);
        before = f;
    }
    if (complete && before != 1.0)
        fail_msg("%s: the last progress is %g, not 1", what, before);
    if (!complete && before >= 1.0)
        fail_msg("%s: a cancelled call reported 1", what);
}

static void expect_cancelled(GError *err, const char *what)
{
    if (!err)
        fail_msg("%s: no error, expected FR_ERROR_CANCELLED", what);
    if (err->domain != FR_ERROR || err->code != FR_ERROR_CANCELLED)
        fail_msg("%s: error %d '%s', expected FR_ERROR_CANCELLED", what, err->code,
                 err->message);
    assert_non_null(strstr(err->message, "cancelled"));
}

/* ---- networks ----------------------------------------------------------------- */

/* An n x n grid of bidirectional road links (G<row*n+col>) whose time and
 * cost pull against each other (time t from 1 to 9, cost about 10 - t), so
 * that fronts and alternatives are large. Written to files, loaded twice
 * when `twin` is given (a never-prepared copy). */
static fr_network *grid_network(int n, guint32 seed, fr_network **twin)
{
    GRand *rng = g_rand_new_with_seed(seed);
    GString *nodes = g_string_new("id,name,kind,country,lat,lon,dwell_h,dwell_usd\n");
    GString *links = g_string_new("id,from,to,mode,distance_km,time_h,cost_usd,bidirectional\n");
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            int id = r * n + c;
            g_string_append_printf(nodes, "G%d,Grid %d,junction,CN,%.2f,%.2f,0,0\n", id, id,
                                   30 + r * 0.05, 100 + c * 0.05);
            for (int down = 0; down < 2; down++) {
                int r2 = r + down, c2 = c + !down;
                if (r2 >= n || c2 >= n)
                    continue;
                int t = g_rand_int_range(rng, 1, 10);
                g_string_append_printf(links, "L%d_%d,G%d,G%d,road,10,%d,%d,1\n", id, down, id,
                                       r2 * n + c2, t, 10 - t + g_rand_int_range(rng, 0, 2));
            }
        }
    char *dir = make_tmp_dir();
    write_network(dir, nodes->str, links->str, NULL, NULL);
    GError *err = NULL;
    fr_network *net = expect_loaded(fr_network_load_dir(dir, &err), err);
    if (twin) {
        GError *err2 = NULL;
        *twin = expect_loaded(fr_network_load_dir(dir, &err2), err2);
    }
    remove_dir(dir);
    g_free(dir);
    g_string_free(nodes, TRUE);
    g_string_free(links, TRUE);
    g_rand_free(rng);
    return net;
}

static char *grid_id(int i) { return g_strdup_printf("G%d", i); }

static fr_network *default_network(void)
{
    GError *err = NULL;
    return expect_loaded(fr_network_load_default(&err), err);
}

/* ---- the query keeps its cancellable ------------------------------------------ */

static guint refs(GCancellable *c) { return G_OBJECT(c)->ref_count; }

static void test_query_cancellable(void **state)
{
    (void)state;
    GCancellable *c = g_cancellable_new();
    fr_query *q = fr_query_new("A", "B");
    assert_null(fr_query_cancellable(q));
    fr_query_set_cancellable(q, c);
    assert_ptr_equal(fr_query_cancellable(q), c);
    assert_int_equal(refs(c), 2);
    fr_query_set_cancellable(q, c); /* the same again: still one reference */
    assert_int_equal(refs(c), 2);
    fr_query *copy = fr_query_copy(q);
    assert_ptr_equal(fr_query_cancellable(copy), c);
    assert_int_equal(refs(c), 3);
    fr_query_free(copy);
    assert_int_equal(refs(c), 2);
    fr_query_set_cancellable(q, NULL); /* NULL clears */
    assert_null(fr_query_cancellable(q));
    assert_int_equal(refs(c), 1);
    fr_query_set_cancellable(q, c);
    fr_query_free(q); /* freeing drops it */
    assert_int_equal(refs(c), 1);
    /* misuse: no query */
    fr_query_set_cancellable(NULL, c);
    fr_query_set_progress(NULL, on_progress, NULL);
    assert_null(fr_query_cancellable(NULL));
    assert_int_equal(refs(c), 1);
    g_object_unref(c);
}

/* ---- the search layer's fr_cancel ----------------------------------------------- */

static void test_fr_cancel_polls_and_stages(void **state)
{
    (void)state;
    GCancellable *c = g_cancellable_new();
    recorder r;
    recorder_init(&r, NULL, 2);
    fr_cancel cancel;
    fr_cancel_init(&cancel, c, on_progress, &r);
    assert_ptr_equal(fr_cancel_active(&cancel), &cancel);
    fr_cancel idle;
    fr_cancel_init(&idle, NULL, NULL, NULL);
    assert_null(fr_cancel_active(&idle)); /* nothing to poll: searches skip it */
    assert_false(fr_cancel_poll(NULL));
    /* polls look only every FR_CANCEL_EVERY calls; a look stays seen */
    g_cancellable_cancel(c);
    unsigned polls = 1;
    while (!fr_cancel_poll(&cancel))
        polls++;
    assert_int_equal(polls, FR_CANCEL_EVERY);
    assert_true(fr_cancel_cancelled(&cancel));
    assert_true(fr_cancel_poll(&cancel));
    GError *err = NULL;
    assert_true(fr_cancel_failed(&cancel, &err, "somewhere"));
    expect_cancelled(err, "fr_cancel_failed");
    assert_string_equal(err->message, "somewhere: cancelled");
    g_clear_error(&err);
    assert_false(fr_cancel_failed(&idle, &err, "somewhere"));
    assert_null(err);
    /* stages: [0.2, 0.6] then [0.6, 1]; a stage's 0..1 maps onto its share,
     * nothing goes back, steps below 0.001 are not told */
    cancel = (fr_cancel){0};
    fr_cancel_init(&cancel, NULL, on_progress, &r);
    fr_cancel_stage(&cancel, 0.2, 0.6);
    fr_cancel_progress(&cancel, 0.5);
    fr_cancel_progress(&cancel, 0.25);   /* back: not told */
    fr_cancel_progress(&cancel, 0.5001); /* 0.40004: too small a step */
    fr_cancel_progress(&cancel, 2);      /* clamped to the stage's end */
    fr_cancel_stage(&cancel, 0.6, 1);
    fr_cancel_progress(&cancel, NAN);    /* as 0: 0.6, not a step on */
    fr_cancel_progress(&cancel, 0.5);
    fr_cancel_finish(&cancel);
    fr_cancel_finish(&cancel); /* once */
    double want[] = {0.4, 0.6, 0.8, 1.0};
    assert_int_equal(r.seen->len, G_N_ELEMENTS(want));
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        assert_true(fabs(g_array_index(r.seen, double, i) - want[i]) < 1e-12);
    recorder_clear(&r);
    g_object_unref(c);
}

/* ---- cancelled before the call ------------------------------------------------- */

/* A query CNCKG -> DEDUI on the default network with a cancelled
 * cancellable (and a progress function that must not be told 1). */
static fr_query *cancelled_query(GCancellable *c, recorder *r)
{
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_cancellable(q, c);
    fr_query_set_progress(q, on_progress, r);
    return q;
}

static void test_cancelled_before_every_call(void **state)
{
    (void)state;
    fr_network *net = default_network();
    GCancellable *c = g_cancellable_new();
    g_cancellable_cancel(c);
    recorder r;
    recorder_init(&r, NULL, 2);
    fr_query *q = cancelled_query(c, &r);
    GError *err = NULL;

    assert_null(fr_network_route(net, q, &err)); /* plain */
    expect_cancelled(err, "route");
    g_clear_error(&err);
    fr_query_set_max_time(q, 1e6); /* bounded: the constrained search */
    assert_null(fr_network_route(net, q, &err));
    expect_cancelled(err, "bounded route");
    g_clear_error(&err);
    fr_query_set_max_time(q, INFINITY);
    GDateTime *t = fr_network_parse_datetime(net, "CNCKG", "2019-07-02T08:00", &err);
    assert_non_null(t);
    fr_query_set_departure(q, t); /* dated */
    assert_null(fr_network_route(net, q, &err));
    expect_cancelled(err, "dated route");
    g_clear_error(&err);
    fr_query_set_departure(q, NULL);

    fr_criterion criteria[2] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    assert_null(fr_network_pareto(net, q, criteria, 2, NULL, &err));
    expect_cancelled(err, "pareto");
    g_clear_error(&err);
    assert_null(fr_network_alternatives(net, q, 5, &err));
    expect_cancelled(err, "alternatives");
    g_clear_error(&err);

    const char *origins[] = {"CNCKG", "DEDUI"}, *dests[] = {"DEDUI", "CNCKG"};
    fr_matrix_options one = {.threads = 1}, two = {.threads = 2};
    assert_null(fr_network_matrix(net, q, origins, 2, dests, 2, &one, &err));
    expect_cancelled(err, "matrix, one thread");
    g_clear_error(&err);
    assert_null(fr_network_matrix(net, q, origins, 2, dests, 2, &two, &err));
    expect_cancelled(err, "matrix, two threads");
    g_clear_error(&err);

    GDateTime *last = g_date_time_add_days(t, 2);
    assert_null(fr_network_departure_profile(net, q, t, last, 12, &err));
    expect_cancelled(err, "profile");
    g_clear_error(&err);
    const char *dest[] = {"DEDUI"};
    assert_null(fr_network_critical(net, q, dest, 1, &err));
    expect_cancelled(err, "critical");
    g_clear_error(&err);

    assert_false(fr_network_prepare_full(net, FR_OBJECTIVE_COST,
                                         FR_PREPARE_CH | FR_PREPARE_LANDMARKS, c, on_progress,
                                         &r, &err));
    expect_cancelled(err, "prepare");
    g_clear_error(&err);
    assert_false(fr_network_is_prepared(net, FR_OBJECTIVE_COST, FR_PREPARE_CH));
    assert_false(fr_network_is_prepared(net, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS));
    for (guint i = 0; i < r.seen->len; i++) /* whatever was heard, never the end */
        assert_true(g_array_index(r.seen, double, i) < 1);

    g_date_time_unref(last);
    g_date_time_unref(t);
    fr_query_free(q);
    recorder_clear(&r);
    g_object_unref(c);
    fr_network_unref(net);
}

/* ---- the same answers with a cancellable and progress ---------------------------- */

static void assert_same_route(const fr_route *a, const fr_route *b, const char *what)
{
    if (!a || !b)
        fail_msg("%s: a route is missing", what);
    assert_true(fr_route_total_cost_usd(a) == fr_route_total_cost_usd(b));
    assert_true(fr_route_total_time_h(a) == fr_route_total_time_h(b));
    assert_true(fr_route_total_co2_kg(a) == fr_route_total_co2_kg(b));
    char *ia = route_link_ids(a), *ib = route_link_ids(b);
    if (strcmp(ia, ib) != 0)
        fail_msg("%s: [%s] vs [%s]", what, ia, ib);
    g_free(ia);
    g_free(ib);
}

static void assert_same_list(const fr_route_list *a, const fr_route_list *b, const char *what)
{
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(fr_route_list_count(a), fr_route_list_count(b));
    for (size_t i = 0; i < fr_route_list_count(a); i++)
        assert_same_route(fr_route_list_get(a, i), fr_route_list_get(b, i), what);
}

/* The query plain, and the same with a live cancellable and progress. */
typedef struct {
    fr_query *plain, *watched;
    GCancellable *c;
    recorder r;
} query_pair;

static void pair_init(query_pair *p, const char *from, const char *to)
{
    p->plain = fr_query_new(from, to);
    p->watched = fr_query_new(from, to);
    p->c = g_cancellable_new();
    recorder_init(&p->r, NULL, 2);
    fr_query_set_cancellable(p->watched, p->c);
    fr_query_set_progress(p->watched, on_progress, &p->r);
}

static void pair_restart(query_pair *p)
{
    g_array_set_size(p->r.seen, 0);
}

static void pair_clear(query_pair *p)
{
    fr_query_free(p->plain);
    fr_query_free(p->watched);
    g_object_unref(p->c);
    recorder_clear(&p->r);
}

static void same_tradeoffs(const fr_network *net, query_pair *p)
{
    fr_criterion criteria[3] = {FR_CRITERION_COST, FR_CRITERION_TIME, FR_CRITERION_CO2};
    for (size_t n = 2; n <= 3; n++) {
        pair_restart(p);
        fr_route_list *a = fr_network_pareto(net, p->plain, criteria, n, NULL, NULL);
        fr_route_list *b = fr_network_pareto(net, p->watched, criteria, n, NULL, NULL);
        assert_same_list(a, b, "pareto");
        check_progress(&p->r, true, "pareto");
        fr_route_list_free(a);
        fr_route_list_free(b);
    }
    pair_restart(p);
    fr_route_list *a = fr_network_alternatives(net, p->plain, 8, NULL);
    fr_route_list *b = fr_network_alternatives(net, p->watched, 8, NULL);
    assert_same_list(a, b, "alternatives");
    check_progress(&p->r, true, "alternatives");
    fr_route_list_free(a);
    fr_route_list_free(b);
}

static void same_matrix(const fr_network *net, query_pair *p, const char *const *ids, size_t n)
{
    for (unsigned threads = 1; threads <= 2; threads++) {
        pair_restart(p);
        fr_matrix_options o = {.threads = threads};
        fr_matrix *a = fr_network_matrix(net, p->plain, ids, n, ids, n, &o, NULL);
        fr_matrix *b = fr_network_matrix(net, p->watched, ids, n, ids, n, &o, NULL);
        assert_non_null(a);
        assert_non_null(b);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                assert_int_equal(fr_matrix_status(a, i, j), fr_matrix_status(b, i, j));
                if (fr_matrix_status(a, i, j) != FR_CELL_ROUTE)
                    continue;
                assert_true(fr_matrix_cost_usd(a, i, j) == fr_matrix_cost_usd(b, i, j));
                assert_true(fr_matrix_time_h(a, i, j) == fr_matrix_time_h(b, i, j));
            }
        check_progress(&p->r, true, "matrix");
        fr_matrix_free(a);
        fr_matrix_free(b);
    }
}

static void test_same_answers_default_network(void **state)
{
    (void)state;
    fr_network *net = default_network();
    query_pair p;
    pair_init(&p, "CNCKG", "DEDUI");
    for (int bounded = 0; bounded < 2; bounded++) {
        double bound = bounded ? 2000 : INFINITY;
        fr_query_set_max_time(p.plain, bound);
        fr_query_set_max_time(p.watched, bound);
        fr_route *a = route_ok(net, p.plain), *b = route_ok(net, p.watched);
        assert_same_route(a, b, "route");
        fr_route_free(a);
        fr_route_free(b);
    }
    same_tradeoffs(net, &p);
    const char *ids[] = {"CNCKG", "DEDUI", "PLWAW", "NLRTM", "CNCTU", "KZDOS"};
    size_t n_ids = G_N_ELEMENTS(ids);
    same_matrix(net, &p, ids, n_ids);

    /* profile and critical links */
    GError *err = NULL;
    GDateTime *t = fr_network_parse_datetime(net, "CNCKG", "2019-07-02T08:00", &err);
    assert_non_null(t);
    GDateTime *last = g_date_time_add_days(t, 3);
    pair_restart(&p);
    fr_profile *pa = fr_network_departure_profile(net, p.plain, t, last, 12, &err);
    fr_profile *pb = fr_network_departure_profile(net, p.watched, t, last, 12, &err);
    assert_non_null(pa);
    assert_non_null(pb);
    assert_int_equal(fr_profile_count(pa), fr_profile_count(pb));
    for (size_t i = 0; i < fr_profile_count(pa); i++) {
        const fr_route *ra = fr_profile_route(pa, i), *rb = fr_profile_route(pb, i);
        assert_true((ra == NULL) == (rb == NULL));
        if (ra)
            assert_same_route(ra, rb, "profile");
    }
    check_progress(&p.r, true, "profile");
    fr_profile_free(pa);
    fr_profile_free(pb);
    pair_restart(&p);
    const char *dest[] = {"DEDUI"};
    fr_critical_list *ca = fr_network_critical(net, p.plain, dest, 1, &err);
    fr_critical_list *cb = fr_network_critical(net, p.watched, dest, 1, &err);
    assert_non_null(ca);
    assert_non_null(cb);
    assert_int_equal(fr_critical_count(ca), fr_critical_count(cb));
    for (size_t i = 0; i < fr_critical_count(ca); i++) {
        const fr_critical_item *x = fr_critical_get(ca, i), *y = fr_critical_get(cb, i);
        assert_string_equal(x->link_id ? x->link_id : x->node_id,
                            y->link_id ? y->link_id : y->node_id);
        assert_true(x->alternative == y->alternative);
        assert_true(x->added_time_h == y->added_time_h || (isnan(x->added_time_h) &&
                                                           isnan(y->added_time_h)));
    }
    check_progress(&p.r, true, "critical");
    fr_critical_list_free(ca);
    fr_critical_list_free(cb);
    g_date_time_unref(last);
    g_date_time_unref(t);
    pair_clear(&p);
    fr_network_unref(net);
}

/* ---- preparation: progress, and cancelled part-way --------------------------------- */

#define GRID_N 60 /* the long calls' grid */
#define PREP_N 40 /* preparation's: many reports, a fraction of the build time */

/* The key of FORMAT.md §2 (objective, time, cost, edges) is the same; the
 * grid's ties allow other paths with it. */
static void assert_same_key(const fr_route *a, const fr_route *b, const char *what)
{
    if (!a || !b)
        fail_msg("%s: a route is missing", what);
    assert_true(fr_route_total_cost_usd(a) == fr_route_total_cost_usd(b));
    assert_true(fr_route_total_time_h(a) == fr_route_total_time_h(b));
    assert_int_equal(fr_route_step_count(a), fr_route_step_count(b));
}

/* Routes of `pairs` random pairs on net equal those on the never-prepared
 * twin (same files): the same keys; with `algorithm` on net, plain
 * Dijkstra on the twin. */
static void same_routes_as_twin(const fr_network *net, const fr_network *twin,
                                fr_algorithm algorithm, int pairs, guint32 seed)
{
    GRand *rng = g_rand_new_with_seed(seed);
    for (int i = 0; i < pairs; i++) {
        int a = g_rand_int_range(rng, 0, PREP_N * PREP_N), b;
        do
            b = g_rand_int_range(rng, 0, PREP_N * PREP_N);
        while (b == a);
        char *from = grid_id(a), *to = grid_id(b);
        fr_query *q = fr_query_new(from, to);
        fr_query *q_twin = fr_query_new(from, to);
        fr_query_set_algorithm(q, algorithm);
        fr_query_set_algorithm(q_twin, FR_ALGORITHM_DIJKSTRA);
        fr_route *x = route_ok(net, q), *y = route_ok(twin, q_twin);
        if (algorithm == FR_ALGORITHM_DIJKSTRA)
            assert_same_route(x, y, "route after preparation"); /* the same search */
        else
            assert_same_key(x, y, "route after preparation");
        fr_route_free(x);
        fr_route_free(y);
        fr_query_free(q);
        fr_query_free(q_twin);
        g_free(from);
        g_free(to);
    }
    g_rand_free(rng);
}

static void test_prepare_progress(void **state)
{
    (void)state;
    fr_network *twin = NULL;
    fr_network *net = grid_network(PREP_N, 7, &twin);
    GCancellable *c = g_cancellable_new();
    unsigned kinds[3] = {FR_PREPARE_CH, FR_PREPARE_LANDMARKS,
                         FR_PREPARE_CH | FR_PREPARE_LANDMARKS};
    fr_objective objectives[3] = {FR_OBJECTIVE_COST, FR_OBJECTIVE_TIME, FR_OBJECTIVE_DISTANCE};
    for (int k = 0; k < 3; k++) {
        recorder r;
        recorder_init(&r, NULL, 2);
        GError *err = NULL;
        assert_true(fr_network_prepare_full(net, objectives[k], kinds[k], c, on_progress, &r,
                                            &err));
        assert_null(err);
        assert_true(fr_network_is_prepared(net, objectives[k], kinds[k]));
        check_progress(&r, true, "prepare");
        if (kinds[k] & FR_PREPARE_CH)
            assert_true(r.seen->len > 10); /* along the way, not only at the end */
        recorder_clear(&r);
    }
    same_routes_as_twin(net, twin, FR_ALGORITHM_CH, 30, 1);
    same_routes_as_twin(net, twin, FR_ALGORITHM_AUTO, 30, 2);
    /* no progress function, no cancellable: fr_network_prepare() itself */
    assert_true(fr_network_prepare_full(twin, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS, NULL,
                                        NULL, NULL, NULL));
    assert_true(fr_network_is_prepared(twin, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS));
    g_object_unref(c);
    fr_network_unref(net);
    fr_network_unref(twin);
}

/* Prepares `what` for cost, cancelled from progress at `at`; checks the
 * error and that progress stopped short. */
static void prepare_cancelled(fr_network *net, unsigned what, double at)
{
    GCancellable *c = g_cancellable_new();
    recorder r;
    recorder_init(&r, c, at);
    GError *err = NULL;
    assert_false(fr_network_prepare_full(net, FR_OBJECTIVE_COST, what, c, on_progress, &r, &err));
    expect_cancelled(err, "prepare part-way");
    g_error_free(err);
    check_progress(&r, false, "prepare part-way");
    double last = g_array_index(r.seen, double, r.seen->len - 1);
    assert_true(last >= at); /* it ran as far as that */
    recorder_clear(&r);
    g_object_unref(c);
}

static void test_prepare_cancelled_partway(void **state)
{
    (void)state;
    fr_network *twin = NULL;
    fr_network *net = grid_network(PREP_N, 11, &twin);
    /* nothing prepared before: nothing prepared after */
    prepare_cancelled(net, FR_PREPARE_CH, 0.3);
    prepare_cancelled(net, FR_PREPARE_LANDMARKS, 0.3);
    prepare_cancelled(net, FR_PREPARE_CH | FR_PREPARE_LANDMARKS, 0.3);
    prepare_cancelled(net, FR_PREPARE_CH | FR_PREPARE_LANDMARKS, 0.95); /* in the landmarks */
    for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
        assert_false(fr_network_is_prepared(net, (fr_objective)o, FR_PREPARE_CH));
        assert_false(fr_network_is_prepared(net, (fr_objective)o, FR_PREPARE_LANDMARKS));
    }
    fr_query *q = fr_query_new("G0", "G1");
    fr_query_set_algorithm(q, FR_ALGORITHM_CH);
    route_fails(net, q, FR_ERROR_QUERY); /* no hierarchy to answer with */
    fr_query_free(q);
    same_routes_as_twin(net, twin, FR_ALGORITHM_AUTO, 40, 3);
    same_routes_as_twin(net, twin, FR_ALGORITHM_DIJKSTRA, 40, 3);
    /* a hierarchy prepared before stays, and stays the one answering */
    assert_true(fr_network_prepare(net, FR_OBJECTIVE_COST, FR_PREPARE_CH, NULL));
    prepare_cancelled(net, FR_PREPARE_CH | FR_PREPARE_LANDMARKS, 0.5);
    prepare_cancelled(net, FR_PREPARE_CH | FR_PREPARE_LANDMARKS, 0.95);
    assert_true(fr_network_is_prepared(net, FR_OBJECTIVE_COST, FR_PREPARE_CH));
    assert_false(fr_network_is_prepared(net, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS));
    same_routes_as_twin(net, twin, FR_ALGORITHM_CH, 40, 4);
    fr_network_unref(net);
    fr_network_unref(twin);
}

/* ---- long calls cancelled part-way from their progress ----------------------------- */

static fr_query *grid_query(int from, int to, GCancellable *c, recorder *r)
{
    char *a = grid_id(from), *b = grid_id(to);
    fr_query *q = fr_query_new(a, b);
    g_free(a);
    g_free(b);
    fr_query_set_cancellable(q, c);
    fr_query_set_progress(q, on_progress, r);
    return q;
}

static void test_long_calls_cancelled_partway(void **state)
{
    (void)state;
    fr_network *net = grid_network(GRID_N, 5, NULL);
    int far = GRID_N * GRID_N - 1;
    for (int call = 0; call < 4; call++) {
        GCancellable *c = g_cancellable_new();
        recorder r;
        recorder_init(&r, c, 0.3);
        fr_query *q = grid_query(0, far, c, &r);
        GError *err = NULL;
        const char *what = "";
        if (call == 0) { /* a front: its estimate grows from 0, cancel at its first rise */
            what = "pareto";
            r.cancel_at = 0;
            r.cancel_above = true;
            fr_criterion criteria[2] = {FR_CRITERION_COST, FR_CRITERION_TIME};
            assert_null(fr_network_pareto(net, q, criteria, 2, NULL, &err));
        } else if (call == 1) {
            what = "alternatives"; /* 12 of 40 routes and their spur searches to 0.3 */
            fr_query_set_endpoints(q, "G0", "G610"); /* row 10, column 10 */
            assert_null(fr_network_alternatives(net, q, 40, &err));
        } else if (call == 2) {
            what = "matrix";
            char *ids[GRID_N];
            for (int i = 0; i < GRID_N; i++)
                ids[i] = grid_id(i * GRID_N + (i * 7) % GRID_N);
            fr_matrix_options o = {.threads = 2};
            assert_null(fr_network_matrix(net, q, (const char *const *)ids, GRID_N,
                                          (const char *const *)ids, GRID_N, &o, &err));
            for (int i = 0; i < GRID_N; i++)
                g_free(ids[i]);
        } else {
            what = "critical";
            char *d1 = grid_id(far), *d2 = grid_id(GRID_N - 1);
            const char *dests[] = {d1, d2};
            assert_null(fr_network_critical(net, q, dests, 2, &err));
            g_free(d1);
            g_free(d2);
        }
        expect_cancelled(err, what);
        g_error_free(err);
        check_progress(&r, false, what);
        fr_query_free(q);
        recorder_clear(&r);
        g_object_unref(c);
    }
    fr_network_unref(net);
}

static void test_profile_cancelled_partway(void **state)
{
    (void)state;
    fr_network *net = default_network();
    GCancellable *c = g_cancellable_new();
    recorder r;
    recorder_init(&r, c, 0.3);
    fr_query *q = cancelled_query(c, &r); /* not cancelled yet */
    GError *err = NULL;
    GDateTime *t = fr_network_parse_datetime(net, "CNCKG", "2019-07-02T08:00", &err);
    GDateTime *last = g_date_time_add_days(t, 10);
    assert_null(fr_network_departure_profile(net, q, t, last, 24, &err)); /* 11 departures */
    expect_cancelled(err, "profile part-way");
    g_error_free(err);
    check_progress(&r, false, "profile part-way");
    /* a departure's share each: it stopped after the fourth (4/11 >= 0.3) */
    assert_int_equal(r.seen->len, 4);
    assert_true(g_array_index(r.seen, double, 3) == 4.0 / 11.0);
    g_date_time_unref(last);
    g_date_time_unref(t);
    fr_query_free(q);
    recorder_clear(&r);
    g_object_unref(c);
    fr_network_unref(net);
}

/* ---- a matrix cancelled from another thread ------------------------------------------ */

typedef struct {
    GMutex lock;
    GCond cond;
    bool started;
    GCancellable *c;
} canceller;

static void matrix_started(size_t done, size_t total, void *data)
{
    (void)done;
    (void)total;
    canceller *k = data;
    g_mutex_lock(&k->lock);
    k->started = true;
    g_cond_signal(&k->cond);
    g_mutex_unlock(&k->lock);
}

static gpointer cancel_soon(gpointer data)
{
    canceller *k = data;
    g_mutex_lock(&k->lock);
    while (!k->started)
        g_cond_wait(&k->cond, &k->lock);
    g_mutex_unlock(&k->lock);
    g_usleep(20 * 1000);
    g_cancellable_cancel(k->c);
    return NULL;
}

static void test_matrix_cancelled_from_thread(void **state)
{
    (void)state;
    fr_network *net = grid_network(GRID_N, 9, NULL);
    size_t n = GRID_N * GRID_N;
    char **ids = g_new(char *, n);
    for (size_t i = 0; i < n; i++)
        ids[i] = grid_id((int)i);
    for (int bounded = 0; bounded < 2; bounded++) {
        canceller k = {.c = g_cancellable_new()};
        g_mutex_init(&k.lock);
        g_cond_init(&k.cond);
        fr_query *q = fr_query_new("G0", "G1");
        fr_query_set_cancellable(q, k.c);
        if (bounded)
            fr_query_set_max_time(q, 1e6); /* constrained search per pair: polled inside */
        fr_matrix_options o = {.threads = 2, .progress = matrix_started, .user_data = &k};
        GThread *t = g_thread_new("canceller", cancel_soon, &k);
        GError *err = NULL;
        gint64 start = g_get_monotonic_time();
        /* all n origins to n (plain) or 40 (bounded) destinations: seconds of work */
        fr_matrix *m = fr_network_matrix(net, q, (const char *const *)ids, n,
                                         (const char *const *)ids, bounded ? 40 : n, &o, &err);
        double seconds = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
        g_thread_join(t);
        assert_null(m);
        expect_cancelled(err, bounded ? "bounded matrix from a thread" : "matrix from a thread");
        g_error_free(err);
        assert_true(seconds < 30);
        fr_query_free(q);
        g_object_unref(k.c);
        g_mutex_clear(&k.lock);
        g_cond_clear(&k.cond);
    }
    for (size_t i = 0; i < n; i++)
        g_free(ids[i]);
    g_free(ids);
    fr_network_unref(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_cancellable),
        cmocka_unit_test(test_fr_cancel_polls_and_stages),
        cmocka_unit_test(test_cancelled_before_every_call),
        cmocka_unit_test(test_same_answers_default_network),
        cmocka_unit_test(test_prepare_progress),
        cmocka_unit_test(test_prepare_cancelled_partway),
        cmocka_unit_test(test_long_calls_cancelled_partway),
        cmocka_unit_test(test_profile_cancelled_partway),
        cmocka_unit_test(test_matrix_cancelled_from_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
