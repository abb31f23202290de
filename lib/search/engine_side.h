/* engine_side.h - internal to the engine: one direction of a search in a
 * workspace. Per state a label (objective, time, cost, edges), the edge that
 * reached it and its place in an indexed 4-ary heap; a generation stamp says
 * which states this search has labelled, so starting a search costs O(1)
 * and a search resets only what it wrote. The heap orders states by a
 * priority (the objective, or objective + potential for A*) and then by the
 * rest of the label, as fr_key_compare() does. Functions are inline: every
 * search's inner loop runs through them.
 *
 * A label is kept in two parts: what an edge looks at for nearly every
 * state it reaches (the objective, the heap index, the stamp: 16 bytes, four
 * to a cache line) and the tie-break figures with the predecessor edge,
 * read only when objectives are within the tolerance and written when a
 * label is set. The objectives decide almost every comparison, so the
 * labels a search reads per edge take 16 of the 40 bytes. */
#ifndef FR_ENGINE_SIDE_H
#define FR_ENGINE_SIDE_H

#include "engine.h"
#include "heap.h"

#define FR_SETTLED UINT32_MAX

typedef struct {
    double priority;
    uint32_t state;
} fr_heap_entry;

/* The part of a state's label that every edge into it reads. */
typedef struct {
    double obj;
    uint32_t pos;   /* heap index, or FR_SETTLED */
    uint32_t stamp; /* == the side's generation: labelled in this search */
} fr_label;

/* The rest: the tie-break figures and how the state was reached. */
typedef struct {
    double time, cost;
    uint32_t edges;
    uint32_t pred; /* the edge that reached the state; FR_NONE at roots */
} fr_label_tail;

typedef struct {
    uint32_t capacity;   /* states the arrays hold */
    uint32_t generation; /* stamp of the current search */
    bool exact;          /* order by exact priority alone (fr_heap_entry_before_exact) */
    fr_label *label;     /* per state: objective, heap index, stamp */
    fr_label_tail *tail; /* per state: time, cost, edges, predecessor */
    double *potential; /* A* only: per labelled state (NULL otherwise) */
    fr_heap_entry *heap;
    uint32_t heap_len;
} fr_side;

/* The scalar one-to-all search (fr_engine_scalar_all): its distances are
 * the caller's array, so per state it keeps only a heap index and the edge
 * that reached the state. */
typedef struct {
    uint32_t capacity;
    uint32_t *pos;  /* heap index of a queued state, FR_SETTLED once settled */
    uint32_t *pred; /* the edge that reached the state; FR_NONE at roots */
    fr_heap_entry *heap;
    uint32_t heap_len;
} fr_scalar_side;

struct fr_workspace {
    fr_side side[2]; /* forward, backward */
    fr_scalar_side scalar;
    /* one-to-many: per node whether it is a wanted target (stamp == the
     * generation) and the state that settled it; together, so that a
     * settled IN state looks at one place */
    uint32_t node_capacity, node_generation;
    struct fr_target_mark {
        uint32_t stamp, state;
    } *node_mark;
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

/* fr_compare_figure_nonneg(a, b) for objectives: key.h's margin decides
 * nearly every pair, the rest go to the full comparison. */
static inline int fr_side_compare_objectives(double a, double b)
{
    int decided = fr_objectives_decide(a, b);
    return decided ? decided : fr_compare_figure_nonneg(a, b);
}

/* Is (t, c, k) below the tail of s's label? For labels whose objectives tie. */
static inline bool fr_side_tail_improves(const fr_side *side, uint32_t s, double t, double c,
                                         uint32_t k)
{
    const fr_label_tail *l = &side->tail[s];
    return fr_compare_tail(t, c, k, l->time, l->cost, l->edges) < 0;
}

/* Is label (o, t, c, k) below the label of s? (fr_key_compare order) */
static inline bool fr_side_improves(const fr_side *side, uint32_t s, double o, double t,
                                    double c, uint32_t k)
{
    /* the objective decides almost always */
    int cmp = fr_side_compare_objectives(o, side->label[s].obj);
    return cmp ? cmp < 0 : fr_side_tail_improves(side, s, t, c, k);
}

/* The scalar searches' order: exact priority, then state. */
static inline bool fr_heap_entry_before_exact(const fr_heap_entry *a, const fr_heap_entry *b)
{
    return a->priority < b->priority || (a->priority == b->priority && a->state < b->state);
}

static inline bool fr_side_before(const fr_side *side, const fr_heap_entry *a,
                                  const fr_heap_entry *b)
{
    /* this runs a few times per heap level */
    if (side->exact)
        return fr_heap_entry_before_exact(a, b);
    int cmp = fr_side_compare_objectives(a->priority, b->priority);
    if (cmp)
        return cmp < 0;
    const fr_label_tail *la = &side->tail[a->state], *lb = &side->tail[b->state];
    cmp = fr_compare_tail(la->time, la->cost, la->edges, lb->time, lb->cost, lb->edges);
    return cmp < 0 || (cmp == 0 && a->state < b->state);
}

/* fr_side_before() in one exact comparison when key.h's margin decides
 * (nearly always): the branch on that is predictable, and the one on the
 * answer no longer waits for the tolerance's arithmetic. */
static inline bool fr_side_before_fast(const fr_side *side, const fr_heap_entry *a,
                                       const fr_heap_entry *b)
{
    if (__builtin_expect(fr_objectives_decide(a->priority, b->priority) != 0, 1))
        return a->priority < b->priority;
    return fr_side_before(side, a, b);
}

/* The heap itself: 4-ary, each state's index kept in its label. It moves
 * a hole as heap.h's FR_DEFINE_INDEXED_HEAP does and asks fr_side_before()
 * the same questions in the same order, so the layout is the same; only
 * the questions are answered faster (tests/test_engine_heap.c compares
 * the two). */
static inline void fr_side_placed(fr_side *side, const fr_heap_entry *entry, uint32_t i)
{
    side->label[entry->state].pos = i;
}

static inline void fr_side_sift_up(fr_side *side, uint32_t i)
{
    fr_heap_entry *heap = side->heap, moving = heap[i];
    while (i > 0) {
        uint32_t parent = (i - 1) / 4;
        if (!fr_side_before_fast(side, &moving, &heap[parent]))
            break;
        heap[i] = heap[parent];
        fr_side_placed(side, &heap[i], i);
        i = parent;
    }
    heap[i] = moving;
    fr_side_placed(side, &moving, i);
}

/* Of heap[first .. end), the child heap.h's sift-down picks: a later one
 * only when it comes before the best so far. When every other priority is
 * above the upper bound (key.h) of the least, that child comes before each
 * of them however the others compare among themselves (the bound lies
 * twice the tolerance and more away, so both fr_side_before(least, other)
 * and not fr_side_before(other, least) hold), and exact comparisons without
 * branches find it; otherwise the comparisons are asked in full. */
static inline uint32_t fr_side_best_child(const fr_side *side, const fr_heap_entry *heap,
                                          uint32_t first, uint32_t end)
{
    uint32_t best = first;
    double least = heap[first].priority;
    for (uint32_t c = first + 1; c < end; c++) {
        double p = heap[c].priority;
        bool below = p < least;
        best = below ? c : best;
        least = below ? p : least;
    }
    double above = fr_objective_bounds_of(least).above;
    uint32_t close = 0; /* children not above the bounds, the least included */
    for (uint32_t c = first; c < end; c++)
        close += heap[c].priority <= above;
    if (__builtin_expect(close == 1, 1))
        return best;
    best = first;
    for (uint32_t c = first + 1; c < end; c++)
        if (fr_side_before(side, &heap[c], &heap[best]))
            best = c;
    return best;
}

static inline void fr_side_sift_down(fr_side *side, uint32_t i)
{
    fr_heap_entry *heap = side->heap, moving = heap[i];
    uint32_t len = side->heap_len;
    for (;;) {
        uint64_t first64 = 4 * (uint64_t)i + 1; /* (i may pass 2^30) */
        if (first64 >= len)
            break;
        uint32_t first = (uint32_t)first64;
        uint32_t best = fr_side_best_child(side, heap, first, len - first > 4 ? first + 4 : len);
        if (!fr_side_before_fast(side, &heap[best], &moving))
            break;
        heap[i] = heap[best];
        fr_side_placed(side, &heap[i], i);
        i = best;
    }
    heap[i] = moving;
    fr_side_placed(side, &moving, i);
}

/* Gives s the label (o, t, c, k) reached by edge `pred`, with heap priority
 * o + its potential (A*); queues it or moves it up the heap. */
static inline void fr_side_set(fr_side *side, uint32_t s, double o, double t, double c,
                               uint32_t k, uint32_t pred, double priority)
{
    fr_label *l = &side->label[s];
    uint32_t i = l->stamp == side->generation ? l->pos : side->heap_len++;
    *l = (fr_label){o, i, side->generation};
    side->tail[s] = (fr_label_tail){t, c, k, pred};
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
        /* the next state to settle, unless s's edges queue a better one */
        uint32_t next = side->heap[0].state;
        __builtin_prefetch(&side->tail[next]);
        __builtin_prefetch(&g->state_node[next]);
        __builtin_prefetch(backward ? &g->in_start[next] : &g->out_start[next]);
    }
    return s;
}

/* The key of labelled state s. */
static inline fr_key fr_side_key(const fr_side *side, uint32_t s)
{
    const fr_label_tail *l = &side->tail[s];
    return (fr_key){side->label[s].obj, l->time, l->cost, l->edges};
}

/* Relaxes the out-edges of settled state s: plain Dijkstra when goal is
 * NULL (priority = objective), A* otherwise (objective + potential, the
 * potential computed once per state and kept in side->potential). An
 * edge's time and cost are added only when the label is set or the
 * objectives tie. */
static inline void fr_side_relax_forward(fr_side *side, const fr_metric *m, uint32_t s,
                                         const fr_potential *goal)
{
    const fr_vgraph *g = m->g;
    const fr_label_tail *at = &side->tail[s];
    double o = side->label[s].obj, t = at->time, c = at->cost;
    uint32_t k = at->edges + 1;
    for (uint32_t e = g->out_start[s]; e < g->out_start[s + 1]; e++) {
        uint32_t to = g->edge_to[e];
        const fr_label *l = &side->label[to];
        bool labelled = l->stamp == side->generation;
        if ((labelled && l->pos == FR_SETTLED) || !fr_metric_usable(m, e))
            continue;
        double no = o + fr_metric_weight(m, e);
        if (labelled) {
            int decided = fr_objectives_decide(no, l->obj);
            if (decided > 0 ||
                (!decided && !fr_side_improves(side, to, no, t + g->time[e], c + g->cost[e], k)))
                continue;
        }
        double potential = 0;
        if (goal) {
            potential = labelled ? side->potential[to] : goal->bound(goal->context, to);
            if (potential == INFINITY)
                continue;
            side->potential[to] = potential;
        }
        fr_side_set(side, to, no, t + g->time[e], c + g->cost[e], k, e, no + potential);
    }
}

/* Settles states in order (A* when goal is not NULL) until the first IN
 * state of `destination`: true with its key and, when path is not NULL,
 * its edges appended; false when none is reachable. */
bool fr_side_run_to_node(fr_side *side, const fr_metric *m, uint32_t destination,
                         const fr_potential *goal, fr_key *key, GArray *path);

#endif /* FR_ENGINE_SIDE_H */
