/* test_engine_heap.c - the engine's 4-ary heap (lib/search/engine_side.h)
 * against heap.h's FR_DEFINE_INDEXED_HEAP with the same order,
 * fr_side_before(). The engine's sift-up and sift-down answer most
 * comparisons from the priorities alone (key.h's margin and bounds) and
 * pick the least of four children without branches; the layout must stay
 * the one the plain heap makes, because with figures compared within a
 * tolerance the order is not transitive and the layout decides which of
 * two tied routes a search settles first.
 *
 * Two sides get the same labels and the same operations (queue a state or
 * move it up, settle the first); after each, their heaps must hold the same
 * entries in the same places and every state must record the same index.
 * Priorities come from a small pool of figures full of exact ties, ties
 * within the tolerance, pairs just outside it, tiny, huge and infinite
 * ones; labels tie often on time, cost and edges too. Both the tolerant
 * order and the exact one (scalar searches) are run. */
#include "helpers.h"

#include "engine_side.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define SEED 20261203u
#define N_STATES 512

/* The reference: heap.h's generic sift-up and sift-down. */
FR_DEFINE_INDEXED_HEAP(reference_heap, fr_heap_entry, fr_side *, 4, fr_side_before,
                       fr_side_placed)

/* ---- figures full of ties ---------------------------------------------------------- */

/* A figure near `base`: equal, an ulp away, within the tolerance, just
 * outside it, or a step of a cent away. */
static double near(GRand *rng, double base)
{
    double unit = FR_FIGURE_TOLERANCE * (base > 1.0 ? base : 1.0);
    switch (g_rand_int_range(rng, 0, 7)) {
    case 0: return base;
    case 1: return nextafter(base, INFINITY);
    case 2: return base + g_rand_double_range(rng, 0, 0.99) * unit;
    case 3: return base + g_rand_double_range(rng, 1.01, 3) * unit;
    case 4: return base + 4 * unit * (1 + g_rand_double_range(rng, -1e-3, 1e-3));
    case 5: return base + 0.01 * g_rand_int_range(rng, 1, 4);
    default: return base * 2;
    }
}

static double base_figure(GRand *rng)
{
    switch (g_rand_int_range(rng, 0, 8)) {
    case 0: return 0.0;
    case 1: return g_rand_double_range(rng, 0, 4e-12);
    case 2: return 1.0;
    case 3: return g_rand_int_range(rng, 0, 200) / 100.0 * 1000; /* cents: exact ties */
    case 4: return ldexp(g_rand_double_range(rng, 1, 2), g_rand_int_range(rng, 900, 1020));
    case 5: return g_rand_int_range(rng, 0, 64) == 0 ? INFINITY : 12345.67;
    default: return g_rand_double_range(rng, 0, 1e6);
    }
}

/* A pool of figures that tie among themselves in every way above. */
static void fill_pool(GRand *rng, double *pool, int n)
{
    for (int i = 0; i < n; i++)
        pool[i] = i > 0 && g_rand_int_range(rng, 0, 3) ? near(rng, pool[g_rand_int_range(rng, 0, i)])
                                                        : base_figure(rng);
}

static double pick(GRand *rng, const double *pool, int n)
{
    return pool[g_rand_int_range(rng, 0, n)];
}

/* ---- two sides, one operation at a time -------------------------------------------- */

typedef struct {
    fr_side engine, reference;
    fr_vgraph g; /* edgeless: fr_side_pop() prefetches along it */
    uint32_t *zeros;
} pair;

static void pair_begin(pair *p, bool exact)
{
    fr_side_begin(&p->engine, N_STATES, false);
    fr_side_begin(&p->reference, N_STATES, false);
    p->engine.exact = p->reference.exact = exact;
}

/* fr_side_set() on the engine's side; the same steps with heap.h's sift-up
 * on the reference. */
static void pair_set(pair *p, uint32_t s, const fr_key *k, double priority)
{
    fr_side_set(&p->engine, s, k->obj, k->time, k->cost, k->edges, s, priority);
    fr_side *r = &p->reference;
    fr_label *l = &r->label[s];
    uint32_t i = l->stamp == r->generation ? l->pos : r->heap_len++;
    *l = (fr_label){k->obj, i, r->generation};
    r->tail[s] = (fr_label_tail){k->time, k->cost, k->edges, s};
    r->heap[i] = (fr_heap_entry){priority, s};
    reference_heap_sift_up(r, r->heap, i);
}

static uint32_t pair_pop(pair *p)
{
    uint32_t s = fr_side_pop(&p->engine, &p->g, false);
    fr_side *r = &p->reference;
    uint32_t want = r->heap[0].state;
    r->label[want].pos = FR_SETTLED;
    if (--r->heap_len > 0) {
        r->heap[0] = r->heap[r->heap_len];
        reference_heap_sift_down(r, r->heap, r->heap_len, 0);
    }
    assert_int_equal(s, want);
    return s;
}

static void pair_check(const pair *p, long step)
{
    const fr_side *e = &p->engine, *r = &p->reference;
    assert_int_equal(e->heap_len, r->heap_len);
    for (uint32_t i = 0; i < e->heap_len; i++) {
        if (e->heap[i].state != r->heap[i].state || e->heap[i].priority != r->heap[i].priority)
            fail_msg("step %ld: heap[%u] holds (%a, %u), heap.h's heap (%a, %u)", step, i,
                     e->heap[i].priority, e->heap[i].state, r->heap[i].priority,
                     r->heap[i].state);
        assert_int_equal(e->label[e->heap[i].state].pos, i);
    }
}

/* A pair over a graph of N_STATES states without edges. */
static void pair_init(pair *p)
{
    memset(p, 0, sizeof *p);
    p->zeros = g_new0(uint32_t, N_STATES + 1);
    p->g.n_states = N_STATES;
    p->g.out_start = p->g.in_start = p->zeros;
    p->g.state_node = p->zeros;
}

static void pair_clear(pair *p)
{
    fr_side_clear(&p->engine);
    fr_side_clear(&p->reference);
    g_free(p->zeros);
}

/* Settles every queued state, checking after each; returns the steps run. */
static long pair_drain(pair *p, long steps)
{
    while (p->engine.heap_len > 0) {
        pair_pop(p);
        pair_check(p, steps++);
    }
    return steps;
}

/* A random run of operations: mostly queueing or improving a state, with
 * settling in between, until the heap empties. Returns the steps run. */
static long run_once(pair *p, GRand *rng, bool exact)
{
    double objectives[24], times[6], costs[6];
    fill_pool(rng, objectives, G_N_ELEMENTS(objectives));
    fill_pool(rng, times, G_N_ELEMENTS(times));
    fill_pool(rng, costs, G_N_ELEMENTS(costs));
    pair_begin(p, exact);
    long steps = 0;
    for (int round = 0; round < 4 * N_STATES; round++, steps++) {
        uint32_t s = (uint32_t)g_rand_int_range(rng, 0, N_STATES);
        bool settled = fr_side_settled(&p->engine, s); /* a label no longer changes */
        if (settled && p->engine.heap_len == 0)
            continue;
        if (settled || (p->engine.heap_len > 0 && g_rand_int_range(rng, 0, 3) == 0)) {
            pair_pop(p);
        } else {
            fr_key k = {pick(rng, objectives, G_N_ELEMENTS(objectives)),
                        pick(rng, times, G_N_ELEMENTS(times)),
                        pick(rng, costs, G_N_ELEMENTS(costs)),
                        (uint32_t)g_rand_int_range(rng, 0, 3)};
            double priority = g_rand_int_range(rng, 0, 4) ? k.obj
                                                          : near(rng, k.obj); /* A*-like */
            pair_set(p, s, &k, priority);
        }
        pair_check(p, steps);
    }
    return pair_drain(p, steps);
}

static void test_heap_as_heap_h(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(SEED);
    pair p;
    pair_init(&p);
    const char *quick = g_getenv("FR_TEST_QUICK");
    int runs = quick && *quick ? 60 : 400;
    long steps = 0;
    for (int run = 0; run < runs; run++)
        steps += run_once(&p, rng, run % 4 == 3);
    pair_clear(&p);
    g_rand_free(rng);
    print_message("engine heap: %d runs, %ld operations, the same layout as heap.h's\n", runs,
                  steps);
}

/* Children whose least priority is or is not clear of the others, by
 * hand: ties, ties within the tolerance and a tie broken by the labels. */
static void test_heap_by_hand(void **state)
{
    (void)state;
    pair p;
    pair_init(&p);
    static const double sets[][6] = {
        {5, 4, 3, 2, 1, 0},
        {1, 1, 1, 1, 1, 1},
        {100, 100 * (1 + 0.5e-12), 100 * (1 - 0.5e-12), 100, 99, 101},
        {0, 1e-13, 2e-13, 0, 5e-12, 1e-12},
        {INFINITY, INFINITY, 7, 7, DBL_MAX, 0},
    };
    long steps = 0;
    for (size_t set = 0; set < G_N_ELEMENTS(sets); set++)
        for (int exact = 0; exact < 2; exact++) {
            pair_begin(&p, exact);
            for (uint32_t s = 0; s < 6; s++) {
                /* later states are faster: ties on the objective go to them */
                fr_key k = {sets[set][s], 10.0 - s, 1.0, s % 2};
                pair_set(&p, 5 - s, &k, k.obj);
                pair_check(&p, steps++);
            }
            steps = pair_drain(&p, steps);
        }
    pair_clear(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heap_by_hand),
        cmocka_unit_test(test_heap_as_heap_h),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
