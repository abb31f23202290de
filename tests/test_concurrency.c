/* test_concurrency.c - one network, eight threads: every thread runs the
 * same few hundred random queries (all objectives, with constraints) in its
 * own order, and every answer must equal, bit for bit, the answer computed
 * serially beforehand. Under ThreadSanitizer or ASan this also shows data
 * races and use-after-free in the shared network. */
#include "helpers.h"
#include "randnet.h"

#include <string.h>

#define N_THREADS 8
#define N_QUERIES 240
#define ROUNDS 2

typedef struct {
    bool ok;
    int error_code;
    double cost, time, co2, dist, value;
    size_t transfers, n_steps;
    char *links; /* link ids joined */
} answer;

typedef struct {
    const fr_network *net;
    const rn_net *model;
    const rn_query *queries;
    const answer *expected;
    int thread;
    int mismatches;
    int first_bad; /* query index of the first mismatch, or -1 */
    char *first_msg;
} worker;

static void compute(const fr_network *net, const rn_net *model,
                    const rn_query *rq, answer *a)
{
    memset(a, 0, sizeof *a);
    fr_query *q = rn_make_query(model, rq);
    GError *err = NULL;
    fr_route *r = fr_network_route(net, q, &err);
    fr_query_free(q);
    if (!r) {
        a->ok = false;
        a->error_code = err ? err->code : -1;
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
        return a->error_code == b->error_code;
    return a->cost == b->cost && a->time == b->time && a->co2 == b->co2 &&
           a->dist == b->dist && a->value == b->value &&
           a->transfers == b->transfers && a->n_steps == b->n_steps &&
           strcmp(a->links, b->links) == 0;
}

static gpointer run_worker(gpointer data)
{
    worker *w = data;
    for (int round = 0; round < ROUNDS; round++)
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
                        "thread %d query %d: got ok=%d cost=%.17g time=%.17g "
                        "[%s], serial ok=%d cost=%.17g time=%.17g [%s]",
                        w->thread, i, a.ok, a.cost, a.time,
                        a.links ? a.links : "", w->expected[i].ok,
                        w->expected[i].cost, w->expected[i].time,
                        w->expected[i].links ? w->expected[i].links : "");
                }
            }
            g_free(a.links);
        }
    return NULL;
}

/* Runs the queries on N_THREADS threads at once, compares every answer with
 * the serial one, frees everything, and fails the test on any mismatch. */
static void run_threads_and_compare(fr_network *net, rn_net *model, rn_query *queries,
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
    for (int i = 0; i < N_QUERIES; i++)
        g_free(expected[i].links);
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
    rn_query *queries = g_new0(rn_query, N_QUERIES);
    answer *expected = g_new0(answer, N_QUERIES);
    int found = 0;
    for (int i = 0; i < N_QUERIES; i++) {
        rn_random_query(model, rng, &queries[i]);
        queries[i].objective = (fr_objective)(i % FR_OBJECTIVE_COUNT);
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
    rn_query *queries = g_new0(rn_query, N_QUERIES);
    answer *expected = g_new0(answer, N_QUERIES);
    GRand *rng = g_rand_new_with_seed(5);
    for (int i = 0; i < N_QUERIES; i++) {
        rn_random_query(model, rng, &queries[i]);
        if (i % 3 == 0)
            queries[i].to = queries[i].from; /* FR_ERROR_QUERY */
        compute(net, model, &queries[i], &expected[i]);
        if (i % 3 == 0) {
            assert_false(expected[i].ok);
            assert_int_equal(expected[i].error_code, FR_ERROR_QUERY);
        }
    }
    run_threads_and_compare(net, model, queries, expected, rng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_agree_with_serial),
        cmocka_unit_test(test_threads_with_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
