/* test_concurrency.c - one network, eight threads: every thread runs the
 * same few hundred random queries (all objectives, with constraints) in its
 * own order, and every answer must equal, bit for bit, the answer computed
 * serially beforehand. Under ThreadSanitizer or ASan this also shows data
 * races and use-after-free in the shared network.
 *
 * The engine with no locks: a network prepared with landmarks and
 * contraction hierarchies for cost and time, queried by every algorithm
 * (explicit ones that cannot answer must fail the same way every time),
 * with bounds in some queries, and fr_engine_one_to_many() run by every
 * thread on its own fr_workspace; and fr_network_matrix() with 8 threads
 * against 1 thread.
 *
 * FR_TEST_QUICK=1 in the environment (the ThreadSanitizer stage of
 * .ci/test.sh) runs one round instead of two. */
#include "helpers.h"
#include "randnet.h"

#include "algorithm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define N_THREADS 8
#define N_QUERIES 240

/* Rounds each thread runs over the queries: fewer under FR_TEST_QUICK. */
static int rounds(void)
{
    const char *quick = g_getenv("FR_TEST_QUICK");
    return quick && *quick && strcmp(quick, "0") != 0 ? 1 : 2;
}

/* One query as the threads run it: the model's query, the algorithm and
 * bounds (INFINITY: none). */
typedef struct {
    rn_query q;
    fr_algorithm algorithm;
    double max_time, max_cost;
} job;

typedef struct {
    bool ok;
    int error_code;
    char *message; /* the error's */
    double cost, time, co2, dist, value;
    size_t transfers, n_steps;
    char *links; /* link ids joined */
} answer;

typedef struct {
    const fr_network *net;
    const rn_net *model;
    const job *queries;
    const answer *expected;
    int thread;
    int mismatches;
    int first_bad; /* query index of the first mismatch, or -1 */
    char *first_msg;
} worker;

static void compute(const fr_network *net, const rn_net *model,
                    const job *jb, answer *a)
{
    memset(a, 0, sizeof *a);
    fr_query *q = rn_make_query(model, &jb->q);
    fr_query_set_algorithm(q, jb->algorithm);
    if (jb->max_time < INFINITY)
        fr_query_set_max_time(q, jb->max_time);
    if (jb->max_cost < INFINITY)
        fr_query_set_max_cost(q, jb->max_cost);
    GError *err = NULL;
    fr_route *r = fr_network_route(net, q, &err);
    fr_query_free(q);
    if (!r) {
        a->ok = false;
        a->error_code = err ? err->code : -1;
        a->message = g_strdup(err ? err->message : "");
        g_clear_error(&err);
        return;
    }
    a->ok = true;
    a->cost = fr_route_total_cost_usd(r);
    a->time = fr_route_total_time_h(r);
    a->co2 = fr_route_total_co2_kg(r);
    a->dist = fr_route_total_distance_km(r);
    a->value = fr_route_objective_value(r);
    a->transfers = fr_route_transfer_count(r);
    a->n_steps = fr_route_step_count(r);
    /* link ids (no GLib string helpers from the test's helpers.c that could
     * call cmocka from a thread) */
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < a->n_steps; i++) {
        const fr_step *st = fr_route_step(r, i);
        g_string_append_printf(s, "%d:%s/", (int)st->type,
                               st->type == FR_STEP_LINK ? st->link_id
                                                        : st->from_node);
    }
    a->links = g_string_free(s, FALSE);
    /* exercise the renderers concurrently as well */
    char *json = fr_route_to_json(r);
    g_free(json);
    fr_route_free(r);
}

static bool same(const answer *a, const answer *b)
{
    if (a->ok != b->ok)
        return false;
    if (!a->ok)
        return a->error_code == b->error_code && strcmp(a->message, b->message) == 0;
    return a->cost == b->cost && a->time == b->time && a->co2 == b->co2 &&
           a->dist == b->dist && a->value == b->value &&
           a->transfers == b->transfers && a->n_steps == b->n_steps &&
           strcmp(a->links, b->links) == 0;
}

static gpointer run_worker(gpointer data)
{
    worker *w = data;
    int n_rounds = rounds();
    for (int round = 0; round < n_rounds; round++)
        for (int k = 0; k < N_QUERIES; k++) {
            /* each thread walks the queries from its own offset, some
             * forwards and some backwards */
            int i = (w->thread * 31 + k) % N_QUERIES;
            if ((w->thread + round) % 2)
                i = N_QUERIES - 1 - i;
            answer a;
            compute(w->net, w->model, &w->queries[i], &a);
            if (!same(&a, &w->expected[i])) {
                if (w->mismatches++ == 0) {
                    w->first_bad = i;
                    w->first_msg = g_strdup_printf(
                        "thread %d query %d (algorithm %s): got ok=%d cost=%.17g "
                        "time=%.17g [%s] %s, serial ok=%d cost=%.17g time=%.17g [%s] %s",
                        w->thread, i, fr_algorithm_name(w->queries[i].algorithm), a.ok,
                        a.cost, a.time, a.links ? a.links : "",
                        a.message ? a.message : "", w->expected[i].ok,
                        w->expected[i].cost, w->expected[i].time,
                        w->expected[i].links ? w->expected[i].links : "",
                        w->expected[i].message ? w->expected[i].message : "");
                }
            }
            g_free(a.links);
            g_free(a.message);
        }
    return NULL;
}

/* Runs the queries on N_THREADS threads at once, compares every answer with
 * the serial one, frees everything, and fails the test on any mismatch. */
static void run_threads_and_compare(fr_network *net, rn_net *model, job *queries,
                                    answer *expected, GRand *rng)
{
    worker workers[N_THREADS];
    GThread *threads[N_THREADS];
    for (int t = 0; t < N_THREADS; t++) {
        workers[t] = (worker){net, model, queries, expected, t, 0, -1, NULL};
        threads[t] = g_thread_new("fr-worker", run_worker, &workers[t]);
    }
    int total = 0;
    char *first = NULL;
    for (int t = 0; t < N_THREADS; t++) {
        g_thread_join(threads[t]);
        total += workers[t].mismatches;
        if (!first && workers[t].first_msg)
            first = g_strdup(workers[t].first_msg);
        g_free(workers[t].first_msg);
    }
    for (int i = 0; i < N_QUERIES; i++) {
        g_free(expected[i].links);
        g_free(expected[i].message);
    }
    g_free(expected);
    g_free(queries);
    g_rand_free(rng);
    fr_network_free(net);
    rn_free(model);
    if (total) {
        char msg[1024];
        g_snprintf(msg, sizeof msg, "%d mismatches; first: %s", total, first);
        g_free(first);
        fail_msg("%s", msg);
    }
    g_free(first);
}

static void test_threads_agree_with_serial(void **state)
{
    (void)state;
    rn_net *model = rn_generate(4242, 50, false);
    fr_network *net = rn_load(model);
    GRand *rng = g_rand_new_with_seed(99);
    job *queries = g_new0(job, N_QUERIES);
    answer *expected = g_new0(answer, N_QUERIES);
    int found = 0;
    for (int i = 0; i < N_QUERIES; i++) {
        rn_random_query(model, rng, &queries[i].q);
        queries[i].q.objective = (fr_objective)(i % FR_OBJECTIVE_COUNT);
        queries[i].max_time = queries[i].max_cost = INFINITY;
        compute(net, model, &queries[i], &expected[i]);
        found += expected[i].ok;
        /* a valid query either routes or finds no route */
        if (!expected[i].ok)
            assert_int_equal(expected[i].error_code, FR_ERROR_NO_ROUTE);
    }
    print_message("%d of %d queries have a route\n", found, N_QUERIES);
    assert_true(found > N_QUERIES / 4);

    run_threads_and_compare(net, model, queries, expected, rng);
}

static void test_threads_with_errors(void **state)
{
    (void)state;
    /* invalid queries (unknown ids, from = to) from many threads at once:
     * errors must be reported per call, not through shared state */
    rn_net *model = rn_generate(7, 20, false);
    fr_network *net = rn_load(model);
    job *queries = g_new0(job, N_QUERIES);
    answer *expected = g_new0(answer, N_QUERIES);
    GRand *rng = g_rand_new_with_seed(5);
    for (int i = 0; i < N_QUERIES; i++) {
        rn_random_query(model, rng, &queries[i].q);
        queries[i].max_time = queries[i].max_cost = INFINITY;
        if (i % 3 == 0)
            queries[i].q.to = queries[i].q.from; /* FR_ERROR_QUERY */
        compute(net, model, &queries[i], &expected[i]);
        if (i % 3 == 0) {
            assert_false(expected[i].ok);
            assert_int_equal(expected[i].error_code, FR_ERROR_QUERY);
        }
    }
    run_threads_and_compare(net, model, queries, expected, rng);
}

/* ---- the engine with no locks: every algorithm, one-to-many ---------------- */

/* fr_engine_one_to_many() from one origin: the spec (made serially, only
 * read by the threads), the targets, and the serial answers. */
typedef struct {
    fr_search_spec spec;
    uint32_t *targets;
    uint32_t n;
    bool *reached;
    fr_key *keys;
    GArray **paths;
} many_job;

#define N_MANY 40

typedef struct {
    worker w; /* the routes, as in the tests above */
    const many_job *many;
    int many_mismatches;
    char *many_msg;
} engine_worker;

static void run_many(const fr_network *net, fr_workspace *ws, const many_job *mj,
                     bool *reached, fr_key *keys, GArray **paths)
{
    for (uint32_t k = 0; k < mj->n; k++)
        g_array_set_size(paths[k], 0);
    fr_engine_one_to_many(ws, &net->vgraph, &mj->spec, mj->targets, mj->n, reached, keys, paths);
}

/* Bit for bit: reached, every figure of the key, the path's edges. */
static bool same_many(const many_job *mj, const bool *reached, const fr_key *keys,
                      GArray *const *paths)
{
    for (uint32_t k = 0; k < mj->n; k++) {
        if (reached[k] != mj->reached[k])
            return false;
        if (!reached[k])
            continue;
        const fr_key *a = &keys[k], *b = &mj->keys[k];
        if (memcmp(&a->obj, &b->obj, sizeof a->obj) || memcmp(&a->time, &b->time, sizeof a->time) ||
            memcmp(&a->cost, &b->cost, sizeof a->cost) || a->edges != b->edges ||
            paths[k]->len != mj->paths[k]->len ||
            memcmp(paths[k]->data, mj->paths[k]->data, paths[k]->len * sizeof(uint32_t)) != 0)
            return false;
    }
    return true;
}

static gpointer run_engine_worker(gpointer data)
{
    engine_worker *ew = data;
    worker *w = &ew->w;
    /* the routes (fr_network_route: the thread's own workspace) */
    run_worker(w);
    /* one-to-many on a workspace of this thread's making, in its own order */
    fr_workspace *ws = fr_workspace_new();
    uint32_t most = 0;
    for (int j = 0; j < N_MANY; j++)
        most = MAX(most, ew->many[j].n);
    bool *reached = g_new(bool, most);
    fr_key *keys = g_new(fr_key, most);
    GArray **paths = g_new(GArray *, most);
    for (uint32_t k = 0; k < most; k++)
        paths[k] = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    int n_rounds = rounds();
    for (int round = 0; round < n_rounds; round++)
        for (int k = 0; k < N_MANY; k++) {
            int j = (w->thread * 7 + k * (1 + 2 * (w->thread % 3))) % N_MANY;
            const many_job *mj = &ew->many[j];
            run_many(w->net, ws, mj, reached, keys, paths);
            if (!same_many(mj, reached, keys, paths) && ew->many_mismatches++ == 0)
                ew->many_msg = g_strdup_printf("thread %d: one-to-many from node %u (job %d) "
                                               "differs from the serial answer",
                                               w->thread, mj->spec.origin, j);
        }
    for (uint32_t k = 0; k < most; k++)
        g_array_free(paths[k], TRUE);
    g_free(paths);
    g_free(keys);
    g_free(reached);
    fr_workspace_free(ws);
    return NULL;
}

static void test_threads_engine_no_locks(void **state)
{
    (void)state;
    rn_net *model = rn_generate(2024, 60, false);
    rn_densify(model, 2024, 60, 0.5);
    fr_network *net = rn_load(model);
    GError *err = NULL;
    assert_true(fr_network_prepare(net, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS | FR_PREPARE_CH,
                                   &err));
    assert_true(fr_network_prepare(net, FR_OBJECTIVE_TIME, FR_PREPARE_LANDMARKS | FR_PREPARE_CH,
                                   &err));
    assert_null(err);

    /* the routes: every algorithm; cost and time mostly (prepared), the
     * other objectives too (landmarks and CH refuse them); half of them
     * restricted (CH refuses those); a bound in every seventh */
    GRand *rng = g_rand_new_with_seed(31);
    job *queries = g_new0(job, N_QUERIES);
    answer *expected = g_new0(answer, N_QUERIES);
    int outcome[FR_ALGORITHM_COUNT][3] = {{0}}; /* route, no route, refused */
    for (int i = 0; i < N_QUERIES; i++) {
        job *jb = &queries[i];
        rn_random_query(model, rng, &jb->q);
        int kind = (i / 10) % 4;
        jb->q.objective = kind == 3 ? (fr_objective)g_rand_int_range(rng, 0, FR_OBJECTIVE_COUNT)
                                    : kind == 2 ? FR_OBJECTIVE_TIME : FR_OBJECTIVE_COST;
        if ((i / FR_ALGORITHM_COUNT) % 2 == 0) {
            jb->q.modes = FR_MODES_ALL;
            jb->q.avoid_node = -1;
            jb->q.avoid_country[0] = '\0';
            jb->q.avoid_corridor = 0;
        }
        jb->algorithm = (fr_algorithm)(i % FR_ALGORITHM_COUNT);
        jb->max_time = jb->max_cost = INFINITY;
        if (i % 7 == 3)
            jb->max_time = g_rand_double_range(rng, 100, 1500);
        compute(net, model, jb, &expected[i]);
        if (!expected[i].ok)
            assert_true(expected[i].error_code == FR_ERROR_NO_ROUTE ||
                        expected[i].error_code == FR_ERROR_QUERY);
        outcome[jb->algorithm][expected[i].ok ? 0
                               : expected[i].error_code == FR_ERROR_NO_ROUTE ? 1 : 2]++;
    }
    for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
        print_message("%-13s %3d routes, %3d without, %3d refused\n",
                      fr_algorithm_name((fr_algorithm)a), outcome[a][0], outcome[a][1],
                      outcome[a][2]);
        assert_true(outcome[a][0] >= 10); /* every algorithm answers some */
    }
    assert_true(outcome[FR_ALGORITHM_CH][2] > 0 && outcome[FR_ALGORITHM_AUTO][2] == 0);

    /* one-to-many jobs: cost, time and the others, some restricted */
    many_job *many = g_new0(many_job, N_MANY);
    long reached_total = 0;
    for (int j = 0; j < N_MANY; j++) {
        many_job *mj = &many[j];
        rn_query q;
        rn_random_query(model, rng, &q);
        if (j % 2 == 0) {
            q.modes = FR_MODES_ALL;
            q.avoid_node = -1;
            q.avoid_country[0] = '\0';
            q.avoid_corridor = 0;
        }
        fr_query *fq = rn_make_query(model, &q);
        assert_true(fr_search_spec_init(&mj->spec, &net->model, fq, &err));
        fr_query_free(fq);
        mj->n = (uint32_t)g_rand_int_range(rng, 1, 2 * model->n_nodes);
        mj->targets = g_new(uint32_t, mj->n);
        for (uint32_t k = 0; k < mj->n; k++)
            mj->targets[k] = (uint32_t)g_rand_int_range(rng, 0, model->n_nodes);
        mj->reached = g_new(bool, mj->n);
        mj->keys = g_new(fr_key, mj->n);
        mj->paths = g_new(GArray *, mj->n);
        for (uint32_t k = 0; k < mj->n; k++)
            mj->paths[k] = g_array_new(FALSE, FALSE, sizeof(uint32_t));
        fr_workspace *ws = fr_workspace_new();
        run_many(net, ws, mj, mj->reached, mj->keys, mj->paths);
        fr_workspace_free(ws);
        for (uint32_t k = 0; k < mj->n; k++)
            reached_total += mj->reached[k];
    }
    print_message("one-to-many: %d searches, %ld targets reached\n", N_MANY, reached_total);
    assert_true(reached_total > 100);

    engine_worker workers[N_THREADS];
    GThread *threads[N_THREADS];
    for (int t = 0; t < N_THREADS; t++) {
        workers[t] = (engine_worker){{net, model, queries, expected, t, 0, -1, NULL}, many, 0,
                                     NULL};
        threads[t] = g_thread_new("fr-engine", run_engine_worker, &workers[t]);
    }
    int route_bad = 0, many_bad = 0;
    char *first = NULL;
    for (int t = 0; t < N_THREADS; t++) {
        g_thread_join(threads[t]);
        route_bad += workers[t].w.mismatches;
        many_bad += workers[t].many_mismatches;
        if (!first && (workers[t].w.first_msg || workers[t].many_msg))
            first = g_strdup(workers[t].w.first_msg ? workers[t].w.first_msg
                                                    : workers[t].many_msg);
        g_free(workers[t].w.first_msg);
        g_free(workers[t].many_msg);
    }
    for (int j = 0; j < N_MANY; j++) {
        for (uint32_t k = 0; k < many[j].n; k++)
            g_array_free(many[j].paths[k], TRUE);
        g_free(many[j].paths);
        g_free(many[j].keys);
        g_free(many[j].reached);
        g_free(many[j].targets);
        fr_search_spec_clear(&many[j].spec);
    }
    g_free(many);
    run_threads_and_compare(net, model, queries, expected, rng); /* and frees them */
    if (route_bad || many_bad) {
        char msg[1024];
        g_snprintf(msg, sizeof msg, "%d route and %d one-to-many mismatches; first: %s",
                   route_bad, many_bad, first);
        g_free(first);
        fail_msg("%s", msg);
    }
    g_free(first);
}

/* ---- fr_network_matrix: 8 threads against 1 -------------------------------- */

static bool same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* Fails the test unless the two matrices agree cell by cell, bit for bit,
 * kept routes included. */
static void check_same_matrix(const fr_matrix *a, const fr_matrix *b, const char *what)
{
    assert_int_equal(fr_matrix_origin_count(a), fr_matrix_origin_count(b));
    assert_int_equal(fr_matrix_destination_count(a), fr_matrix_destination_count(b));
    for (size_t i = 0; i < fr_matrix_origin_count(a); i++)
        for (size_t j = 0; j < fr_matrix_destination_count(a); j++) {
            const fr_route *ra = fr_matrix_route(a, i, j), *rb = fr_matrix_route(b, i, j);
            char *la = ra ? route_link_ids(ra) : g_strdup("-");
            char *lb = rb ? route_link_ids(rb) : g_strdup("-");
            bool same = fr_matrix_status(a, i, j) == fr_matrix_status(b, i, j) &&
                        same_double(fr_matrix_cost_usd(a, i, j), fr_matrix_cost_usd(b, i, j)) &&
                        same_double(fr_matrix_time_h(a, i, j), fr_matrix_time_h(b, i, j)) &&
                        same_double(fr_matrix_co2_kg(a, i, j), fr_matrix_co2_kg(b, i, j)) &&
                        same_double(fr_matrix_distance_km(a, i, j),
                                    fr_matrix_distance_km(b, i, j)) &&
                        same_double(fr_matrix_objective_value(a, i, j),
                                    fr_matrix_objective_value(b, i, j)) &&
                        fr_matrix_transfer_count(a, i, j) == fr_matrix_transfer_count(b, i, j) &&
                        strcmp(la, lb) == 0;
            if (!same)
                fail_msg("%s: cell (%s, %s) differs: status %d / %d, cost %.17g / %.17g, "
                         "time %.17g / %.17g, links [%s] / [%s]",
                         what, fr_matrix_origin(a, i), fr_matrix_destination(a, j),
                         fr_matrix_status(a, i, j), fr_matrix_status(b, i, j),
                         fr_matrix_cost_usd(a, i, j), fr_matrix_cost_usd(b, i, j),
                         fr_matrix_time_h(a, i, j), fr_matrix_time_h(b, i, j), la, lb);
            g_free(la);
            g_free(lb);
        }
}

static void test_threads_matrix(void **state)
{
    (void)state;
    rn_net *model = rn_generate(8080, 40, false);
    rn_densify(model, 8080, 30, 0.5);
    fr_network *net = rn_load(model);
    GError *err = NULL;
    assert_true(fr_network_prepare(net, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS | FR_PREPARE_CH,
                                   &err));
    assert_true(fr_network_prepare(net, FR_OBJECTIVE_TIME, FR_PREPARE_LANDMARKS, &err));
    /* every node as an origin and a destination, some twice */
    int n = model->n_nodes;
    const char **origins = g_new(const char *, n + 5), **dests = g_new(const char *, n + 5);
    for (int i = 0; i < n; i++) {
        origins[i] = model->nodes[i].id;
        dests[i] = model->nodes[n - 1 - i].id;
    }
    for (int i = 0; i < 5; i++) {
        origins[n + i] = model->nodes[(7 * i) % n].id;
        dests[n + i] = model->nodes[(11 * i + 3) % n].id;
    }
    GRand *rng = g_rand_new_with_seed(8);
    int routes = 0;
    int n_queries = rounds() == 1 ? 4 : 8;
    for (int k = 0; k < n_queries; k++) {
        rn_query rq;
        rn_random_query(model, rng, &rq);
        if (k % 2 == 0) { /* unrestricted: CH for cost, landmarks for time */
            rq.modes = FR_MODES_ALL;
            rq.avoid_node = -1;
            rq.avoid_country[0] = '\0';
            rq.avoid_corridor = 0;
        }
        rq.objective = k % 4 < 2 ? FR_OBJECTIVE_COST
                                 : k % 4 == 2 ? FR_OBJECTIVE_TIME : rq.objective;
        if (rq.avoid_node >= 0) /* avoided origins and destinations are errors */
            rq.avoid_node = -1;
        rq.avoid_country[0] = '\0';
        fr_query *q = rn_make_query(model, &rq);
        if (k == 3)
            fr_query_set_max_time(q, 400); /* per pair: the constrained search */
        fr_matrix_options one = {.threads = 1, .keep_routes = true};
        fr_matrix_options eight = {.threads = 8, .keep_routes = true};
        fr_matrix *m1 = fr_network_matrix(net, q, origins, (size_t)n + 5, dests, (size_t)n + 5,
                                          &one, &err);
        if (!m1)
            fail_msg("matrix, 1 thread: %s", err->message);
        fr_matrix *m8 = fr_network_matrix(net, q, origins, (size_t)n + 5, dests, (size_t)n + 5,
                                          &eight, &err);
        if (!m8)
            fail_msg("matrix, 8 threads: %s", err->message);
        char what[64];
        g_snprintf(what, sizeof what, "matrix query %d", k);
        check_same_matrix(m1, m8, what);
        for (size_t i = 0; i < fr_matrix_origin_count(m1); i++)
            for (size_t j = 0; j < fr_matrix_destination_count(m1); j++)
                routes += fr_matrix_status(m1, i, j) == FR_CELL_ROUTE;
        fr_matrix_free(m1);
        fr_matrix_free(m8);
        fr_query_free(q);
    }
    print_message("matrices: %d queries, %d x %d cells each, %d routes\n", n_queries, n + 5,
                  n + 5, routes);
    assert_true(routes > 100);
    g_rand_free(rng);
    g_free(origins);
    g_free(dests);
    fr_network_free(net);
    rn_free(model);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_agree_with_serial),
        cmocka_unit_test(test_threads_with_errors),
        cmocka_unit_test(test_threads_engine_no_locks),
        cmocka_unit_test(test_threads_matrix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
