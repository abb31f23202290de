/* ch_internal.h - private to contraction hierarchies (ch.h; built by
 * ch_build.c, queried by ch_query.c): the hierarchy's layout, its arcs and
 * their keys, and the open list of witness searches and queries.
 *
 * Keys. Every arc carries the key of key.h (objective, time, cost,
 * edges); a shortcut's key is the sum of its two halves' keys
 * (fr_key_add()) and keys are only ever compared in fr_key_compare()'s
 * order (fr_key_compare_fast(): every figure is 0 or more), so the
 * hierarchy answers with plain Dijkstra's keys, ties included.
 *
 * Query graphs. Rows are numbered by rank (contraction order): the forward
 * graph holds, at rank r, the arcs from r to higher ranks; the backward
 * graph holds, at r, the arcs into r from higher ranks, reversed. An arc's
 * via is its original edge id, or for a shortcut the rank of the state it
 * bypasses: its halves are then the backward arc at that rank from the
 * shortcut's tail and the forward arc at that rank to its head, which is
 * how paths are unpacked (ch_query.c). */
#ifndef FR_CH_INTERNAL_H
#define FR_CH_INTERNAL_H

#include "ch.h"
#include "heap.h"

#define NONE UINT32_MAX
#define VIA_SHORTCUT 0x80000000u /* via: a bypassed state's rank, not an edge id */
#define MAX_ITEMS 0x7fffffffu    /* states, edges and arcs per graph */

enum { FWD = 0, BWD = 1 };

/* One arc: the key it adds and the state (while building) or rank at its
 * far end. 32 bytes. */
typedef struct {
    double obj, time, cost;
    uint32_t edges, head;
} ch_arc;

struct fr_ch {
    uint32_t n_states;
    uint32_t *rank;   /* per state */
    uint32_t *off[2]; /* per rank, n_states + 1: the rows of the two graphs */
    ch_arc *arcs[2];
    uint32_t *via[2]; /* original edge id, or bypassed rank | VIA_SHORTCUT */
    fr_ch_stats stats;
};

static inline fr_key arc_key(const ch_arc *a)
{
    return (fr_key){a->obj, a->time, a->cost, a->edges};
}

static inline void arc_set_key(ch_arc *a, const fr_key *k)
{
    a->obj = k->obj;
    a->time = k->time;
    a->cost = k->cost;
    a->edges = k->edges;
}

/* The key of a path of key k followed by arc a. */
static inline fr_key key_plus_arc(const fr_key *k, const ch_arc *a)
{
    return fr_key_add(*k, arc_key(a));
}

#define KEY_ZERO ((fr_key){0, 0, 0, 0})

/* ---- open lists -------------------------------------------------------------
 * Witness searches and queries keep their open states in heap.h's binary
 * heap of (key, id), ordered by key, then id; an item whose key is no
 * longer its state's is skipped when popped. */

typedef struct {
    fr_key key;
    uint32_t id;
} open_item;

static inline bool open_before(const void *unused, const open_item *a, const open_item *b)
{
    (void)unused;
    int c = fr_key_compare_fast(&a->key, &b->key);
    return c < 0 || (c == 0 && a->id < b->id);
}

FR_DEFINE_HEAP(open_list, open_item, const void *, open_before)

#endif /* FR_CH_INTERNAL_H */
