/* ch_side.h - private to ch_query.c (and tests/test_ch_heap.c, which
 * drives it directly): one side of a hierarchy query. Per rank a label
 * (objective, heap index, predecessor and arc) and, once summed, its tie
 * figures; a generation stamp says which ranks this query has reached. The
 * open ranks are in an indexed 4-ary heap (heap.h) ordered by objective
 * alone, and the side's front is the first of the items that tie the
 * root's objective within the tolerance (the root's cluster), in key.h's
 * order; ch_query.c settles the front, or the root where that cannot
 * differ (pop_at()). Functions are
 * static, inline where they were in ch_query.c and G_GNUC_UNUSED where not,
 * so that ch_query.c compiles to the same code as when they were its own;
 * the test makes a side with side_grow() and calls reach(), pop() (only
 * the test settles that way: always the front) and front() on it. */
#ifndef FR_CH_SIDE_H
#define FR_CH_SIDE_H

#include "ch_internal.h"

#define SETTLED UINT32_MAX     /* pos[] of a settled rank */

typedef struct {
    double obj;
    uint32_t rank;
} heap_item;

/* A rank's label as the inner loops read and write it, in one place. */
typedef struct {
    double obj;     /* the label's objective */
    double above;   /* fr_objective_bounds_of(obj).above */
    uint32_t pos;   /* its index in the heap, or SETTLED */
    uint32_t from;  /* the rank it was reached from, or NONE */
    uint32_t arc;   /* the arc (index into this side's graph), or NONE */
} rank_label; /* valid when the rank's stamp is the query's generation */

/* A label's tie figures, once summed: valid while the label still comes
 * from the same rank by the same arc (which fixes its key). */
typedef struct {
    ch_tail figures;
    uint32_t stamp, from, arc;
} label_tail_record;

/* One side of the search: its labels per rank and its open heap. */
typedef struct {
    const fr_ch *ch;
    int d;
    uint32_t generation;
    uint32_t *stamp; /* per rank: reached by this query when == generation (dense: the
                      * inner loops test it for every arc) */
    rank_label *label;
    label_tail_record *tail;
    uint32_t *walk;             /* label_tail()'s ranks still to sum */
    uint32_t *cluster;          /* front()'s heap items still to look at */
    heap_item *heap;
    uint32_t heap_len, front; /* front(): NONE until found */
    ch_tail_scratch *scratch;
} query_side;

static G_GNUC_UNUSED void side_free(query_side *s)
{
    g_free(s->stamp);
    g_free(s->label);
    g_free(s->tail);
    g_free(s->walk);
    g_free(s->cluster);
    g_free(s->heap);
}

/* Frees the side's arrays and makes them n ranks long (stamps 0). */
static G_GNUC_UNUSED void side_grow(query_side *s, uint32_t n)
{
    side_free(s);
    s->stamp = g_new0(uint32_t, n);
    s->label = g_new(rank_label, n);
    s->tail = g_new0(label_tail_record, n);
    s->walk = g_new(uint32_t, n);
    s->cluster = g_new(uint32_t, n);
    s->heap = g_new(heap_item, n);
}

/* ---- labels ------------------------------------------------------------------ */

static G_GNUC_UNUSED bool tail_known(const query_side *s, uint32_t r)
{
    const label_tail_record *t = &s->tail[r];
    const rank_label *l = &s->label[r];
    return t->stamp == s->generation && t->from == l->from && t->arc == l->arc;
}

/* The tie figures of r's label, summed along its predecessors as far as one
 * whose figures are known (a seed's are). */
static G_GNUC_UNUSED ch_tail label_tail(query_side *s, uint32_t r)
{
    uint32_t n = 0;
    for (uint32_t x = r; !tail_known(s, x); x = s->label[x].from)
        s->walk[n++] = x;
    while (n > 0) {
        uint32_t x = s->walk[--n];
        const rank_label *l = &s->label[x];
        ch_tail arc = fr_ch_arc_tail(s->ch, s->d, l->arc, s->scratch);
        s->tail[x] = (label_tail_record){tail_add(s->tail[l->from].figures, arc), s->generation,
                                         l->from, l->arc};
    }
    return s->tail[r].figures;
}

static G_GNUC_UNUSED fr_key label_key(query_side *s, uint32_t r)
{
    return key_of(s->label[r].obj, label_tail(s, r));
}

/* ---- the open heap ---------------------------------------------------------------
 * The heap orders its items by objective alone, then rank (one comparison
 * of doubles). Items whose objectives tie the least one within the
 * tolerance form a subtree at the root; the side's front, the item that
 * comes first in key.h's order, is found among them (usually the root
 * alone) whenever the heap has changed. */

static inline bool raw_before(const void *unused, const heap_item *a, const heap_item *b)
{
    (void)unused;
    return a->obj < b->obj || (a->obj == b->obj && a->rank < b->rank);
}

static inline void side_placed(query_side *s, const heap_item *item, uint32_t i)
{
    s->label[item->rank].pos = i;
}

FR_DEFINE_INDEXED_HEAP(side_heap, heap_item, query_side *, 4, raw_before, side_placed)

/* Whether heap item a comes before item b in key.h's order, then by rank. */
static G_GNUC_UNUSED bool key_before(query_side *s, const heap_item *a, const heap_item *b)
{
    int c = fr_objectives_decide(a->obj, b->obj);
    if (!c) {
        fr_key ka = label_key(s, a->rank), kb = label_key(s, b->rank);
        c = fr_key_compare_fast(&ka, &kb);
    }
    return c < 0 || (c == 0 && a->rank < b->rank);
}

/* The heap indices of the root's cluster, the items whose objectives are
 * not above the root's bound (a subtree at the root), into s->cluster, the
 * root first; returns how many (heap not empty). */
static G_GNUC_UNUSED uint32_t root_cluster(query_side *s)
{
    fr_objective_bounds bounds = fr_objective_bounds_of(s->heap[0].obj);
    uint32_t n = 1;
    s->cluster[0] = 0;
    for (uint32_t k = 0; k < n; k++) {
        uint64_t i = s->cluster[k];
        for (uint64_t c = 4 * i + 1; c <= 4 * i + 4 && c < s->heap_len; c++)
            if (fr_objective_bounds_decide(&bounds, s->heap[c].obj) <= 0)
                s->cluster[n++] = (uint32_t)c;
    }
    return n;
}

/* The heap index of the side's front (heap not empty). */
static G_GNUC_UNUSED uint32_t front(query_side *s)
{
    if (s->front != NONE)
        return s->front;
    uint32_t best = 0, n = root_cluster(s);
    for (uint32_t k = 1; k < n; k++)
        if (key_before(s, &s->heap[s->cluster[k]], &s->heap[best]))
            best = s->cluster[k];
    return s->front = best;
}

/* Gives r the label (obj, from, arc), queued or moved in the heap; from
 * NONE: a seed, whose tie figures are 0. */
static inline void reach(query_side *s, uint32_t r, double obj, uint32_t from, uint32_t arc)
{
    bool queued = s->stamp[r] == s->generation;
    rank_label *l = &s->label[r];
    s->stamp[r] = s->generation;
    l->obj = obj;
    l->above = fr_objective_bounds_of(obj).above;
    l->from = from;
    l->arc = arc;
    if (from == NONE) /* a seed */
        s->tail[r] = (label_tail_record){TAIL_ZERO, s->generation, NONE, NONE};
    uint32_t at = queued ? s->label[r].pos : s->heap_len++;
    s->heap[at] = (heap_item){obj, r};
    side_heap_sift_up(s, s->heap, at);
    if (queued) /* a key can fall while its objective rises (within the tolerance) */
        side_heap_sift_down(s, s->heap, s->heap_len, s->label[r].pos);
    s->front = NONE;
}

/* Takes heap item `at` off the heap and returns its rank. */
static G_GNUC_UNUSED uint32_t pop_at(query_side *s, uint32_t at)
{
    uint32_t r = s->heap[at].rank;
    s->label[r].pos = SETTLED;
    if (at < --s->heap_len) {
        s->heap[at] = s->heap[s->heap_len];
        side_heap_sift_up(s, s->heap, at);
        side_heap_sift_down(s, s->heap, s->heap_len, s->label[s->heap[at].rank].pos);
    }
    s->front = NONE;
    return r;
}

/* Takes the side's front off the heap and returns its rank. */
static G_GNUC_UNUSED uint32_t pop(query_side *s)
{
    return pop_at(s, front(s));
}

#endif /* FR_CH_SIDE_H */
