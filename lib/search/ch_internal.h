/* ch_internal.h - private to contraction hierarchies (ch.h; built by
 * ch_build.c, queried by ch_query.c and ch_many.c): the hierarchy's
 * layout, its arcs and their keys, and the open list of witness searches
 * and many-to-many's upward searches. (The arcs as the builder holds them
 * are in ch_builder.h.)
 *
 * Keys. Every arc stands for the key of key.h (objective, time, cost,
 * edges); a shortcut's key is the sum of its two halves' keys
 * (fr_key_add()) and keys are only ever compared in fr_key_compare()'s
 * order (fr_key_compare_fast(): every figure is 0 or more), so the
 * hierarchy answers with plain Dijkstra's keys, ties included.
 *
 * Query graphs. Rows are numbered by rank (an order in which every arc
 * leads upward: the contraction order, renumbered by ch_order.c): the forward
 * graph holds, at rank r, the arcs from r to higher ranks; the backward
 * graph holds, at r, the arcs into r from higher ranks, reversed. Each
 * graph keeps per arc only what queries read in their inner loops, the
 * rank at the far end (head) and the objective (obj), and what unpacking
 * reads, its halves: for a shortcut that bypasses rank m, the backward
 * arc at row m from the shortcut's tail and the forward arc at row m to
 * its head; for an original virtual edge, the edge id and HALF_EDGE.
 *
 * Tie figures. The rest of an arc's key (time, cost, edges: a ch_tail) is
 * not stored: ch_figures.c sums it over the halves down to the original
 * edges, in the order the builder summed the keys, so it comes out to the
 * bit. Queries need it only when two objectives tie within the tolerance
 * (fr_objectives_decide() == 0). */
#ifndef FR_CH_INTERNAL_H
#define FR_CH_INTERNAL_H

#include "ch.h"
#include "heap.h"

#define NONE UINT32_MAX
#define HALF_EDGE UINT32_MAX     /* half[2 * i + 1] of an original edge's arc */
#define ARC_BWD 0x80000000u      /* an arc named by one number: of the backward graph */
#define MAX_ITEMS 0x7fffffffu    /* states, edges and arcs per graph */

enum { FWD = 0, BWD = 1 };

/* The figures of a key after its objective: its tie-breaks. */
typedef struct {
    double time, cost;
    uint32_t edges;
} ch_tail;

/* A tie figure that is the objective itself (the weights are the virtual
 * graph's cost or time array): every arc's sum of it is then its objective,
 * to the bit, as both are summed over the same halves in the same order. */
typedef enum { FIGURE_NONE, FIGURE_TIME, FIGURE_COST } ch_figure;

struct fr_ch {
    uint32_t n_states;
    uint32_t *rank;   /* per state */
    uint32_t *off[2]; /* per rank, n_states + 1: the rows of the two graphs */
    uint32_t *head[2];
    double *obj[2];
    uint32_t *half[2];            /* two per arc (above) */
    const double *time, *cost;    /* the virtual graph's, per edge (it outlives the fr_ch) */
    ch_figure same_as_obj;        /* the tie figure the objective is, if any */
    fr_ch_stats stats;
};

static inline bool arc_is_edge(const fr_ch *ch, int d, uint32_t i)
{
    return ch->half[d][2 * (size_t)i + 1] == HALF_EDGE;
}

static inline ch_tail tail_add(ch_tail a, ch_tail b)
{
    return (ch_tail){a.time + b.time, a.cost + b.cost, a.edges + b.edges};
}

static inline fr_key key_of(double obj, ch_tail t)
{
    return (fr_key){obj, t.time, t.cost, t.edges};
}

#define TAIL_ZERO ((ch_tail){0, 0, 0})

/* ---- what an arc's halves give (ch_figures.c) ------------------------------- */

/* Scratch for summing one arc's tie figures (grows; reused). */
typedef struct {
    uint64_t *frames;
    ch_tail *values;
    uint32_t cap_frames, cap_values;
} ch_tail_scratch;

void fr_ch_tail_scratch_clear(ch_tail_scratch *s);

/* The tie figures of graph d's arc i. */
ch_tail fr_ch_arc_tail(const fr_ch *ch, int d, uint32_t i, ch_tail_scratch *s);

/* Appends the original edges of arc `arc` (ARC_BWD or not) to `edges`
 * (GArray of uint32_t), a shortcut's first half before its second;
 * `stack` (GArray of uint32_t) is scratch. */
void fr_ch_append_arc_edges(const fr_ch *ch, uint32_t arc, GArray *stack, GArray *edges);

/* Every arc's tie figures, per graph: tails[d][i] (g_free each), computed
 * row by row upward, where each shortcut's halves come before it. */
void fr_ch_all_tails(const fr_ch *ch, ch_tail *tails[2]);

#define KEY_ZERO ((fr_key){0, 0, 0, 0})

/* ---- the numbering (ch_order.c) ------------------------------------------------ */

/* Renumbers ch's ranks so that upward searches read memory that lies
 * together (every arc still leads upward). false, ch unchanged and still
 * whole, when memory runs out. */
bool fr_ch_order_for_cache(fr_ch *ch);

/* ---- open lists -------------------------------------------------------------
 * Witness searches and many-to-many's upward searches keep their open
 * states in heap.h's binary heap of (key, id), ordered by key, then id; an
 * item whose key is no longer its state's is skipped when popped. */

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
