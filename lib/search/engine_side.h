/* engine_side.h - internal to the engine: one direction of a search in a
 * workspace. Per state a label (objective, time, cost, edges), the edge that
 * reached it and its place in an indexed 4-ary heap; a generation stamp says
 * which states this search has labelled, so starting a search costs O(1)
 * and a search resets only what it wrote. The heap orders states by a
 * priority (the objective, or objective + potential for A*) and then by the
 * rest of the label, as fr_key_compare() does. Functions are inline: every
 * search's inner loop runs through them. */
#ifndef FR_ENGINE_SIDE_H
#define FR_ENGINE_SIDE_H

#include "engine.h"
#include "heap.h"

#define FR_SETTLED UINT32_MAX

typedef struct {
    double priority;
    uint32_t state;
} fr_heap_entry;

/* A state's label, kept together so that a search touches one cache line
 * per state. */
typedef struct {
    double obj, time, cost;
    uint32_t edges;
    uint32_t pred;  /* the edge that reached the state; FR_NONE at roots */
    uint32_t pos;   /* heap index, or FR_SETTLED */
    uint32_t stamp; /* == the side's generation: labelled in this search */
} fr_label;

typedef struct {
    uint32_t capacity;   /* states the arrays hold */
    uint32_t generation; /* stamp of the current search */
    bool exact;          /* scalar searches: order by exact priority alone */
    fr_label *label;
    double *potential; /* A* only: per labelled state (NULL otherwise) */
    fr_heap_entry *heap;
    uint32_t heap_len;
} fr_side;

struct fr_workspace {
    fr_side side[2]; /* forward, backward */
    /* one-to-many: wanted target nodes and the state that settled each */
    uint32_t node_capacity, node_generation;
    uint32_t *node_stamp, *node_state;
    void *ch;               /* the CH query's own workspace, made on first use */
    GDestroyNotify ch_free; /* and how to free it */
};

/* Appends the edges from a root to s (following pred) to path, in order. */
void fr_side_append_path(const fr_side *side, const fr_vgraph *g, uint32_t s, GArray *path);

/* Starts a search on a graph of n_states: grows the arrays when needed. */
void fr_side_begin(fr_side *side, uint32_t n_states, bool with_potential);
void fr_side_clear(fr_side *side);

static inline bool fr_side_labelled(const fr_side *side, uint32_t s)
{
    return side->label[s].stamp == side->generation;
}

static inline bool fr_side_settled(const fr_side *side, uint32_t s)
{
    return side->label[s].stamp == side->generation && side->label[s].pos == FR_SETTLED;
}

/* Is label (o, t, c, k) below the label of s? (fr_key_compare order) */
static inline bool fr_side_improves(const fr_side *side, uint32_t s, double o, double t,
                                    double c, uint32_t k)
{
    const fr_label *l = &side->label[s];
    /* the objective decides almost always */
    int cmp = fr_compare_figure_nonneg(o, l->obj);
    if (!cmp)
        cmp = fr_compare_tail(t, c, k, l->time, l->cost, l->edges);
    return cmp < 0;
}

static inline bool fr_side_before(const fr_side *side, const fr_heap_entry *a,
                                  const fr_heap_entry *b)
{
    /* this runs a few times per heap level */
    double pa = a->priority, pb = b->priority;
    if (side->exact)
        return pa < pb || (pa == pb && a->state < b->state);
    int cmp = fr_compare_figure_nonneg(pa, pb);
    if (cmp)
        return cmp < 0;
    const fr_label *la = &side->label[a->state], *lb = &side->label[b->state];
    cmp = fr_compare_tail(la->time, la->cost, la->edges, lb->time, lb->cost, lb->edges);
    return cmp < 0 || (cmp == 0 && a->state < b->state);
}

/* The heap itself: 4-ary, each state's index kept in its label. */
static inline void fr_side_placed(fr_side *side, const fr_heap_entry *entry, uint32_t i)
{
    side->label[entry->state].pos = i;
}

FR_DEFINE_INDEXED_HEAP(fr_side_heap, fr_heap_entry, fr_side *, 4, fr_side_before, fr_side_placed)

static inline void fr_side_sift_up(fr_side *side, uint32_t i)
{
    fr_side_heap_sift_up(side, side->heap, i);
}

static inline void fr_side_sift_down(fr_side *side, uint32_t i)
{
    fr_side_heap_sift_down(side, side->heap, side->heap_len, i);
}

/* Gives s the label (o, t, c, k) reached by edge `pred`, with heap priority
 * o + its potential (A*); queues it or moves it up the heap. */
static inline void fr_side_set(fr_side *side, uint32_t s, double o, double t, double c,
                               uint32_t k, uint32_t pred, double priority)
{
    fr_label *l = &side->label[s];
    uint32_t i = l->stamp == side->generation ? l->pos : side->heap_len++;
    *l = (fr_label){o, t, c, k, pred, i, side->generation};
    side->heap[i] = (fr_heap_entry){priority, s};
    fr_side_sift_up(side, i);
}

/* Starts loading the labels of the states s's edges lead to (forward: out-
 * edges, backward: in-edges), so that they arrive while the heap works. */
static inline void fr_side_prefetch(const fr_side *side, const fr_vgraph *g, uint32_t s,
                                    bool backward)
{
    if (backward) {
        for (uint32_t i = g->in_start[s]; i < g->in_start[s + 1]; i++)
            __builtin_prefetch(&side->label[g->edge_from[g->in_edges[i]]]);
    } else {
        for (uint32_t e = g->out_start[s]; e < g->out_start[s + 1]; e++)
            __builtin_prefetch(&side->label[g->edge_to[e]]);
    }
}

/* Removes and settles the state with the least priority (heap not empty),
 * prefetching the labels its edges lead to. */
static inline uint32_t fr_side_pop(fr_side *side, const fr_vgraph *g, bool backward)
{
    uint32_t s = side->heap[0].state;
    fr_side_prefetch(side, g, s, backward);
    side->label[s].pos = FR_SETTLED;
    if (--side->heap_len > 0) {
        side->heap[0] = side->heap[side->heap_len];
        fr_side_sift_down(side, 0);
    }
    return s;
}

/* The key of labelled state s. */
static inline fr_key fr_side_key(const fr_side *side, uint32_t s)
{
    const fr_label *l = &side->label[s];
    return (fr_key){l->obj, l->time, l->cost, l->edges};
}

/* Relaxes the out-edges of settled state s: plain Dijkstra when goal is
 * NULL (priority = objective), A* otherwise (objective + potential, the
 * potential computed once per state and kept in side->potential). */
static inline void fr_side_relax_forward(fr_side *side, const fr_metric *m, uint32_t s,
                                         const fr_potential *goal)
{
    const fr_vgraph *g = m->g;
    const fr_label *at = &side->label[s];
    double o = at->obj, t = at->time, c = at->cost;
    uint32_t k = at->edges + 1;
    for (uint32_t e = g->out_start[s]; e < g->out_start[s + 1]; e++) {
        uint32_t to = g->edge_to[e];
        bool labelled = fr_side_labelled(side, to);
        if ((labelled && side->label[to].pos == FR_SETTLED) || !fr_metric_usable(m, e))
            continue;
        double no = o + fr_metric_weight(m, e), nt = t + g->time[e], nc = c + g->cost[e];
        if (labelled && !fr_side_improves(side, to, no, nt, nc, k))
            continue;
        double potential = 0;
        if (goal) {
            potential = labelled ? side->potential[to] : goal->bound(goal->context, to);
            if (potential == INFINITY)
                continue;
            side->potential[to] = potential;
        }
        fr_side_set(side, to, no, nt, nc, k, e, no + potential);
    }
}

/* Settles states in order (A* when goal is not NULL) until the first IN
 * state of `destination`: true with its key and, when path is not NULL,
 * its edges appended; false when none is reachable. */
bool fr_side_run_to_node(fr_side *side, const fr_metric *m, uint32_t destination,
                         const fr_potential *goal, fr_key *key, GArray *path);

#endif /* FR_ENGINE_SIDE_H */
