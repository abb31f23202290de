/* test_ch_heap.c - one side of the hierarchy query's open heap
 * (lib/search/ch_side.h), driven directly: reach() queues a rank or gives a
 * queued one a new label, pop() settles the side's front. The heap is
 * ordered by objective alone and front() looks for the first in key.h's
 * order only among the items at the root that tie the least objective, so
 * every operation must leave the heap ordered by objective: a queued rank's
 * objective may rise (within the tolerance, while its key falls), and
 * reach() must then move it down as well as up.
 *
 * Random operations with a fixed seed: queue ranks with objectives from a
 * small pool full of exact ties, ties within the tolerance and values just
 * outside it; raise a queued rank's objective by up to 0.9 times the
 * tolerance several times in a row (so that the raises add up past it), or
 * lower it; settle the front. After every operation:
 *   (a) no child comes before its parent by raw_before();
 *   (b) every queued rank's label.pos is its index in the heap (and the
 *       heap holds exactly the queued ranks, with their objectives);
 *   (c) after a pop, checked against the test's own record of each reached
 *       rank's key, not against front(): the popped rank was queued and
 *       was in the cluster, the queued ranks whose objectives are not above
 *       fr_objective_bounds_of(the least queued objective).above (what
 *       front() searches), and it came first there in key.h's order
 *       (fr_key_compare()), then by rank. The test sums each label's tie
 *       figures itself: a seed's are 0; one reached from settled rank
 *       `from` by arc a has from's plus time[a], cost[a] and 1 edge, added
 *       in label_tail()'s order, so bit-equal. Tolerant comparisons are not
 *       transitive, though (a chain of ties within the tolerance can lead
 *       past the margin, e.g. seeds 0, 1.08e-12 and 0.6e-12 of ranks 9, 1
 *       and 5 reached in that order pop rank 1 first), so the cluster need
 *       not have a first, and which rank front()'s scan ends on then
 *       depends on the order it meets them. So: when some rank of the
 *       cluster comes before each other one and none before it, the popped
 *       rank must be that one, whatever the scan's order; when none does,
 *       only that it is in the cluster's top cycle (see in_top_cycle()),
 *       and a pop whose cluster has a pair decided both ways round or
 *       neither is skipped. The counts are printed; most pops must have a
 *       first, and with arcs some of those must be decided by the tie
 *       figures (the popped objective within the tolerance of another in
 *       the cluster, time, cost or edges telling them apart), so that (c)
 *       cannot pass by checking nothing.
 * Two kinds of labels: seeds only, whose tie figures are 0 (the side has no
 * hierarchy at all: s->ch is NULL, and every label's figures must be known
 * without one), and labels reached from settled ranks by arcs of a tiny
 * hand-built fr_ch, whose arcs are original edges with times and costs
 * full of ties, so that key_before() orders tied objectives by time. */
#include "helpers.h"

#include "ch_side.h"

#include <math.h>
#include <string.h>

#define SEED 20261207u
#define N_RANKS 256
#define N_ARCS 8

enum { UNSEEN, QUEUED, DONE }; /* a rank's state, as the test expects it */

typedef struct {
    query_side s;
    fr_ch ch; /* arcs only: half[FWD], time, cost */
    uint32_t half[2 * N_ARCS];
    double time[N_ARCS], cost[N_ARCS];
    ch_tail_scratch scratch;
    bool with_arcs;
    uint8_t state[N_RANKS];
    uint32_t settled[N_RANKS], n_settled; /* ranks settled, in order */
    fr_key key[N_RANKS]; /* per reached rank: its label's key, as the test sums it */
    long ops;
} fixture;

/* What (c) looked at, per kind of run (seeds only, with arcs). */
typedef struct {
    long pops, checked, top_cycle, skipped, tie_decided;
    uint64_t top_cycle_ranks, cycled_ranks; /* in those top cycles, in their clusters */
    uint32_t largest_cluster;
} pop_counts;

/* ---- figures full of ties ---------------------------------------------------------- */

static double tolerance_at(double x)
{
    return FR_FIGURE_TOLERANCE * (x > 1.0 ? x : 1.0);
}

/* A figure near `base`: equal, an ulp away, within the tolerance, just
 * outside it, or outside fr_objectives_decide()'s margin. */
static double near(GRand *rng, double base)
{
    double unit = tolerance_at(base);
    switch (g_rand_int_range(rng, 0, 7)) {
    case 0: return base;
    case 1: return nextafter(base, INFINITY);
    case 2: return base + g_rand_double_range(rng, 0, 0.99) * unit;
    case 3: return base + g_rand_double_range(rng, 1.01, 1.5) * unit;
    case 4: return base + g_rand_double_range(rng, 2.01, 3) * unit;
    case 5: return base + 4.5 * unit;
    default: return base + 0.01 * g_rand_int_range(rng, 1, 3);
    }
}

static double base_figure(GRand *rng)
{
    switch (g_rand_int_range(rng, 0, 5)) {
    case 0: return 0.0;
    case 1: return 1.0;
    case 2: return g_rand_int_range(rng, 0, 200) / 100.0 * 1000; /* cents: exact ties */
    case 3: return 12345.67;
    default: return g_rand_double_range(rng, 0, 1e6);
    }
}

/* A pool of figures that tie among themselves in every way above. */
static void fill_pool(GRand *rng, double *pool, int n)
{
    for (int i = 0; i < n; i++)
        pool[i] = i > 0 && g_rand_int_range(rng, 0, 4)
                      ? near(rng, pool[g_rand_int_range(rng, 0, i)])
                      : base_figure(rng);
}

static double pick(GRand *rng, const double *pool, int n)
{
    return pool[g_rand_int_range(rng, 0, n)];
}

/* ---- the side ------------------------------------------------------------------------ */

/* Allocates the side's arrays (side_grow()) and starts generation 1 as
 * ch_query.c's workspace_begin() does; a hierarchy of arcs only
 * with_arcs, none otherwise. */
static void fixture_begin(fixture *f, GRand *rng, bool with_arcs)
{
    memset(f, 0, sizeof *f);
    query_side *s = &f->s;
    side_grow(s, N_RANKS);
    s->d = FWD;
    s->generation = 1;
    s->heap_len = 0;
    s->front = NONE;
    f->with_arcs = with_arcs;
    if (!with_arcs)
        return; /* s->ch and s->scratch stay NULL: nothing may need them */
    double times[5], costs[3];
    fill_pool(rng, times, G_N_ELEMENTS(times));
    fill_pool(rng, costs, G_N_ELEMENTS(costs));
    for (uint32_t i = 0; i < N_ARCS; i++) {
        f->half[2 * i] = i; /* arc i is original edge i */
        f->half[2 * i + 1] = HALF_EDGE;
        f->time[i] = pick(rng, times, G_N_ELEMENTS(times));
        f->cost[i] = pick(rng, costs, G_N_ELEMENTS(costs));
    }
    f->ch.n_states = N_RANKS;
    f->ch.half[FWD] = f->half;
    f->ch.time = f->time;
    f->ch.cost = f->cost;
    s->ch = &f->ch;
    s->scratch = &f->scratch;
}

static void fixture_clear(fixture *f)
{
    side_free(&f->s);
    fr_ch_tail_scratch_clear(&f->scratch);
}

/* (a) and (b), and without a hierarchy, that every reached label's tie
 * figures are known (label_tail() then sums nothing). */
static void check(fixture *f)
{
    const query_side *s = &f->s;
    long op = f->ops;
    for (uint32_t i = 1; i < s->heap_len; i++) {
        uint32_t parent = (i - 1) / 4;
        if (raw_before(NULL, &s->heap[i], &s->heap[parent]))
            fail_msg("op %ld (a): heap[%u] = (%a, rank %u) comes before its parent heap[%u] = "
                     "(%a, rank %u)",
                     op, i, s->heap[i].obj, s->heap[i].rank, parent, s->heap[parent].obj,
                     s->heap[parent].rank);
    }
    uint32_t queued = 0;
    for (uint32_t r = 0; r < N_RANKS; r++) {
        bool stamped = s->stamp[r] == s->generation;
        if (f->state[r] == UNSEEN) {
            if (stamped)
                fail_msg("op %ld (b): rank %u stamped but never reached", op, r);
            continue;
        }
        if (!stamped)
            fail_msg("op %ld (b): rank %u reached but not stamped", op, r);
        uint32_t pos = s->label[r].pos;
        if (f->state[r] == DONE) {
            if (pos != SETTLED)
                fail_msg("op %ld (b): settled rank %u has label.pos %u", op, r, pos);
        } else {
            queued++;
            if (pos >= s->heap_len || s->heap[pos].rank != r)
                fail_msg("op %ld (b): queued rank %u has label.pos %u, heap_len %u, heap[pos] "
                         "holds rank %u",
                         op, r, pos, s->heap_len, pos < s->heap_len ? s->heap[pos].rank : NONE);
            if (s->heap[pos].obj != s->label[r].obj)
                fail_msg("op %ld (b): heap[%u] holds objective %a, rank %u's label %a", op, pos,
                         s->heap[pos].obj, r, s->label[r].obj);
        }
        if (!f->with_arcs && !tail_known(s, r))
            fail_msg("op %ld: seed %u's tie figures are not known", op, r);
    }
    if (queued != s->heap_len)
        fail_msg("op %ld (b): %u ranks queued, heap_len %u", op, queued, s->heap_len);
}

/* reach() with a seed's label, or one from a settled rank by some arc. */
static void do_reach(fixture *f, GRand *rng, uint32_t r, double obj)
{
    uint32_t from = NONE, arc = NONE;
    if (f->with_arcs && f->n_settled > 0 && g_rand_int_range(rng, 0, 4)) {
        from = f->settled[g_rand_int_range(rng, 0, (gint32)f->n_settled)];
        arc = (uint32_t)g_rand_int_range(rng, 0, N_ARCS);
    }
    reach(&f->s, r, obj, from, arc);
    fr_key *k = &f->key[r];
    if (from == NONE) {
        *k = (fr_key){obj, 0, 0, 0};
    } else { /* label_tail()'s sum: from's figures, then the arc's */
        const fr_key *kf = &f->key[from];
        *k = (fr_key){obj, kf->time + f->time[arc], kf->cost + f->cost[arc], kf->edges + 1};
    }
    f->state[r] = QUEUED;
    f->ops++;
    check(f);
}

/* Whether cluster rank a comes before rank b: key.h's order, then rank. */
static bool own_before(const fixture *f, uint32_t a, uint32_t b)
{
    int c = fr_key_compare(&f->key[a], &f->key[b]);
    return c < 0 || (c == 0 && a < b);
}

/* For a cluster that has no first: -1 if some pair of it is not decided
 * one way round exactly, else whether rank r is in its top cycle, the
 * fewest ranks that each come before every rank outside them (the strongly
 * connected component at the top of the tournament). A scan that keeps the
 * rank before its best so far can only end there: once its best is in the
 * top cycle it stays there, and the first rank of the top cycle it meets
 * becomes its best or comes after its best. The top k ranks by the number
 * of ranks each comes before are such a set exactly when they come before
 * k (k - 1) / 2 + k (n - k) ranks in all (Landau). Its size goes to *size. */
static int in_top_cycle(const fixture *f, const uint32_t *cluster, uint32_t n, uint32_t r,
                        uint64_t *size)
{
    uint32_t wins[N_RANKS] = {0}, with_wins[N_RANKS] = {0}, wins_r = 0;
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = i + 1; j < n; j++) {
            bool ij = own_before(f, cluster[i], cluster[j]);
            if (ij == own_before(f, cluster[j], cluster[i]))
                return -1;
            wins[ij ? i : j]++;
        }
    for (uint32_t i = 0; i < n; i++) {
        with_wins[wins[i]]++;
        if (cluster[i] == r)
            wins_r = wins[i];
    }
    uint64_t k = 0, sum = 0;
    for (uint32_t w = n; w-- > 0;) { /* whole groups: the top cycle never splits one */
        k += with_wins[w];
        sum += (uint64_t)w * with_wins[w];
        if (k > 0 && sum == k * (k - 1) / 2 + k * (n - k)) {
            *size = k;
            return wins_r >= w;
        }
    }
    return 0; /* not reached: all n ranks are such a set */
}

/* pop(), then (c). */
static void do_pop(fixture *f, pop_counts *counts)
{
    query_side *s = &f->s;
    /* the cluster, from the test's own records ((b) holds them equal to the heap's) */
    double least = INFINITY;
    for (uint32_t r = 0; r < N_RANKS; r++)
        if (f->state[r] == QUEUED && f->key[r].obj < least)
            least = f->key[r].obj;
    double above = fr_objective_bounds_of(least).above;
    uint32_t cluster[N_RANKS], n = 0;
    for (uint32_t r = 0; r < N_RANKS; r++)
        if (f->state[r] == QUEUED && f->key[r].obj <= above)
            cluster[n++] = r;
    uint32_t r = pop(s);
    f->ops++;
    long op = f->ops;
    if (f->state[r] != QUEUED)
        fail_msg("op %ld (c): pop() took rank %u, which was not queued", op, r);
    f->state[r] = DONE;
    f->settled[f->n_settled++] = r;
    counts->pops++;
    if (n > counts->largest_cluster)
        counts->largest_cluster = n;
    if (f->key[r].obj > above)
        fail_msg("op %ld (c): popped rank %u with objective %a, above %a, the bound of the "
                 "least queued objective %a",
                 op, r, f->key[r].obj, above, least);
    /* the cluster's first: before every other rank of it, none before it */
    uint32_t first = cluster[0];
    for (uint32_t i = 1; i < n; i++)
        if (own_before(f, cluster[i], first))
            first = cluster[i];
    for (uint32_t i = 0; i < n && first != NONE; i++)
        if (cluster[i] != first &&
            (!own_before(f, first, cluster[i]) || own_before(f, cluster[i], first)))
            first = NONE;
    if (first == NONE) {
        uint64_t size = n;
        int top = in_top_cycle(f, cluster, n, r, &size);
        if (top < 0)
            counts->skipped++;
        if (top == 0)
            fail_msg("op %ld (c): popped rank %u, outside the top cycle of its cluster of %u "
                     "ranks (they have no first): ranks of the top cycle come before it",
                     op, r, n);
        if (top > 0) {
            counts->top_cycle++;
            counts->top_cycle_ranks += size;
            counts->cycled_ranks += n;
        }
        check(f);
        return;
    }
    counts->checked++;
    bool tie_decided = false;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = cluster[i];
        if (x == r)
            continue;
        const fr_key *kx = &f->key[x], *kr = &f->key[r];
        if (own_before(f, x, r))
            fail_msg("op %ld (c): popped rank %u, key (%a, %a, %a, %u), while rank %u of the "
                     "cluster of %u has key (%a, %a, %a, %u), %s",
                     op, r, kr->obj, kr->time, kr->cost, kr->edges, x, n, kx->obj, kx->time,
                     kx->cost, kx->edges,
                     fr_key_compare(kx, kr) < 0 ? "before it" : "equal and a lower rank");
        tie_decided |= fr_compare_figure(kx->obj, kr->obj) == 0 &&
                       fr_compare_tail(kx->time, kx->cost, kx->edges, kr->time, kr->cost,
                                       kr->edges) != 0;
    }
    counts->tie_decided += tie_decided;
    check(f);
}

/* A queued rank: the root, one near it, or any. */
static uint32_t some_queued(const query_side *s, GRand *rng)
{
    uint32_t n = s->heap_len;
    switch (g_rand_int_range(rng, 0, 3)) {
    case 0: return s->heap[0].rank;
    case 1: return s->heap[g_rand_int_range(rng, 0, (gint32)(n < 21 ? n : 21))].rank;
    default: return s->heap[g_rand_int_range(rng, 0, (gint32)n)].rank;
    }
}

/* A random run until every rank is settled; returns the operations run. */
static long run_once(fixture *f, GRand *rng, bool with_arcs, pop_counts *counts)
{
    fixture_begin(f, rng, with_arcs);
    query_side *s = &f->s;
    double pool[16];
    fill_pool(rng, pool, G_N_ELEMENTS(pool));
    uint32_t order[N_RANKS]; /* ranks in the order they are first reached */
    for (uint32_t r = 0; r < N_RANKS; r++)
        order[r] = r;
    for (uint32_t r = N_RANKS - 1; r > 0; r--) {
        uint32_t j = (uint32_t)g_rand_int_range(rng, 0, (gint32)r + 1), t = order[r];
        order[r] = order[j];
        order[j] = t;
    }
    uint32_t next = 0;
    while (next < N_RANKS || s->heap_len > 0) {
        int op = g_rand_int_range(rng, 0, 10);
        if (s->heap_len == 0 || (op < 4 && next < N_RANKS)) {
            do_reach(f, rng, order[next++], pick(rng, pool, G_N_ELEMENTS(pool)));
        } else if (op < 7) { /* raises that add up past the tolerance */
            uint32_t r = some_queued(s, rng);
            for (int times = g_rand_int_range(rng, 1, 6); times > 0; times--) {
                double obj = s->label[r].obj;
                do_reach(f, rng, r, obj + g_rand_double_range(rng, 0, 0.9) * tolerance_at(obj));
            }
        } else if (op < 8) { /* lower: within the tolerance, or to the pool */
            uint32_t r = some_queued(s, rng);
            double obj = s->label[r].obj;
            double lower = g_rand_boolean(rng)
                               ? obj - g_rand_double_range(rng, 0, 0.9) * tolerance_at(obj)
                               : pick(rng, pool, G_N_ELEMENTS(pool));
            do_reach(f, rng, r, lower < 0 ? 0 : lower < obj ? lower : obj);
        } else {
            do_pop(f, counts);
        }
    }
    long ops = f->ops;
    fixture_clear(f);
    return ops;
}

static void test_side_heap(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(SEED);
    fixture f;
    const char *quick = g_getenv("FR_TEST_QUICK");
    int runs = quick && *quick ? 10 : 30;
    long ops = 0;
    pop_counts counts[2] = {{0}}; /* seeds only, with arcs */
    for (int run = 0; run < runs; run++)
        ops += run_once(&f, rng, run % 2 == 1, &counts[run % 2]);
    g_rand_free(rng);
    print_message("ch side heap: %d runs, %ld operations, heap ordered after each\n", runs, ops);
    for (int with_arcs = 0; with_arcs < 2; with_arcs++) {
        const pop_counts *c = &counts[with_arcs];
        print_message("  %s: %ld pops: %ld the first of a cluster that has one (%ld of them "
                      "decided by the tie figures), %ld in the top cycle of one that has none "
                      "(%.1f of %.1f ranks on average), %ld skipped (a pair not decided one way "
                      "round); largest cluster %u\n",
                      with_arcs ? "with arcs" : "seeds only", c->pops, c->checked,
                      c->tie_decided, c->top_cycle,
                      (double)c->top_cycle_ranks / (double)(c->top_cycle ? c->top_cycle : 1),
                      (double)c->cycled_ranks / (double)(c->top_cycle ? c->top_cycle : 1),
                      c->skipped, c->largest_cluster);
        if (2 * c->checked <= c->pops)
            fail_msg("(c): only %ld of %ld pops %s had a first to check", c->checked, c->pops,
                     with_arcs ? "with arcs" : "of seeds");
    }
    if (counts[1].tie_decided == 0)
        fail_msg("(c): no pop with arcs was decided by the tie figures");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_side_heap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
