/* ch_space.c - one query code for any contraction hierarchy, counting what
 * it reads (ch_space.h). Labels are per rank, reset by generation stamps;
 * the open list is heap.h's binary heap with lazy deletion. */
#include "ch_space.h"

#include "ch_internal.h"

#include <math.h>

typedef struct {
    double dist;
    uint32_t rank;
} open_rank;

static inline bool open_rank_before(const void *unused, const open_rank *a, const open_rank *b)
{
    (void)unused;
    return a->dist < b->dist || (a->dist == b->dist && a->rank < b->rank);
}

FR_DEFINE_HEAP(rank_heap, open_rank, const void *, open_rank_before)

typedef struct {
    const ch_upward_graphs *g;
    uint32_t generation;
    uint32_t *stamp[2]; /* reached by this search when == generation */
    uint8_t *done[2];
    double *dist[2];
    rank_heap open[2];
    ch_space sum;
} counter;

void ch_space_graphs_of(const fr_ch *ch, ch_upward_graphs *g)
{
    g->n = ch->n_states;
    for (int d = FWD; d <= BWD; d++) {
        g->first_out[d] = ch->off[d];
        g->head[d] = ch->head[d];
        g->weight[d] = ch->obj[d];
    }
    g->rank = ch->rank;
}

static void reach(counter *c, int d, uint32_t r, double dist)
{
    if (c->stamp[d][r] == c->generation && dist >= c->dist[d][r])
        return;
    c->stamp[d][r] = c->generation;
    c->done[d][r] = 0;
    c->dist[d][r] = dist;
    rank_heap_push(&c->open[d], &(open_rank){dist, r}, NULL);
}

/* Side d's least open distance (stale items dropped), INFINITY if none. */
static double least_open(counter *c, int d)
{
    rank_heap *h = &c->open[d];
    while (h->len > 0) {
        const open_rank *top = &h->items[0];
        if (!c->done[d][top->rank] && top->dist == c->dist[d][top->rank])
            return top->dist;
        rank_heap_pop(h, NULL);
    }
    return INFINITY;
}

/* Is r, at distance dist on side d, reached at least as cheaply from above? */
static bool stalled(counter *c, int d, uint32_t r, double dist)
{
    const ch_upward_graphs *g = c->g;
    int o = 1 - d;
    for (uint32_t i = g->first_out[o][r]; i < g->first_out[o][r + 1]; i++) {
        c->sum.stall_arcs++;
        uint32_t y = g->head[o][i];
        if (c->stamp[d][y] == c->generation && c->dist[d][y] + g->weight[o][i] <= dist)
            return true;
    }
    return false;
}

static void settle(counter *c, int d, double *best)
{
    const ch_upward_graphs *g = c->g;
    uint32_t r = rank_heap_pop(&c->open[d], NULL).rank;
    double dist = c->dist[d][r];
    c->done[d][r] = 1;
    c->sum.settled++;
    if (c->stamp[1 - d][r] == c->generation && dist + c->dist[1 - d][r] < *best)
        *best = dist + c->dist[1 - d][r];
    if (stalled(c, d, r, dist))
        return;
    for (uint32_t i = g->first_out[d][r]; i < g->first_out[d][r + 1]; i++) {
        c->sum.relaxed++;
        reach(c, d, g->head[d][i], dist + g->weight[d][i]);
    }
}

static void query(counter *c, uint32_t s, uint32_t t)
{
    c->generation++;
    for (int d = FWD; d <= BWD; d++)
        rank_heap_clear(&c->open[d]);
    reach(c, FWD, s, 0);
    reach(c, BWD, t, 0);
    double best = INFINITY;
    for (bool forward = true;;) {
        bool forward_done = least_open(c, FWD) >= best, backward_done = least_open(c, BWD) >= best;
        if (forward_done && backward_done)
            return;
        forward = backward_done || (forward && !forward_done);
        settle(c, forward ? FWD : BWD, &best);
        forward = !forward;
    }
}

/* Counts the ranks side d's upward graph reaches from r, and their arcs. */
static void count_reachable(counter *c, int d, uint32_t r, GArray *stack)
{
    const ch_upward_graphs *g = c->g;
    c->generation++;
    c->stamp[d][r] = c->generation;
    g_array_set_size(stack, 0);
    g_array_append_val(stack, r);
    while (stack->len > 0) {
        uint32_t x = g_array_index(stack, uint32_t, stack->len - 1);
        g_array_set_size(stack, stack->len - 1);
        c->sum.reachable++;
        c->sum.reachable_arcs += g->first_out[d][x + 1] - g->first_out[d][x];
        for (uint32_t i = g->first_out[d][x]; i < g->first_out[d][x + 1]; i++) {
            uint32_t y = g->head[d][i];
            if (c->stamp[d][y] != c->generation) {
                c->stamp[d][y] = c->generation;
                g_array_append_val(stack, y);
            }
        }
    }
}

void ch_space_measure(const ch_upward_graphs *g, const uint32_t *states, uint32_t n_pairs,
                      ch_space *out)
{
    counter c = {.g = g};
    for (int d = FWD; d <= BWD; d++) {
        c.stamp[d] = g_new0(uint32_t, (size_t)g->n + 1);
        c.done[d] = g_new0(uint8_t, (size_t)g->n + 1);
        c.dist[d] = g_new(double, (size_t)g->n + 1);
    }
    GArray *stack = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (uint32_t i = 0; i < n_pairs; i++) {
        uint32_t s = g->rank[states[2 * i]], t = g->rank[states[2 * i + 1]];
        query(&c, s, t);
        count_reachable(&c, FWD, s, stack);
        count_reachable(&c, BWD, t, stack);
    }
    double n = n_pairs ? n_pairs : 1;
    *out = (ch_space){c.sum.settled / n, c.sum.relaxed / n, c.sum.stall_arcs / n,
                      c.sum.reachable / n, c.sum.reachable_arcs / n};
    for (int d = FWD; d <= BWD; d++) {
        g_free(c.stamp[d]), g_free(c.done[d]), g_free(c.dist[d]);
        rank_heap_free(&c.open[d]);
    }
    g_array_free(stack, TRUE);
}
