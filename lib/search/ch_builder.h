/* ch_builder.h - private to building contraction hierarchies: the
 * builder's state, shared by the live graph (ch_live.c), the witness
 * searches (ch_witness.c) and the contraction order that drives them and
 * writes the hierarchy (ch_build.c); small helpers all three use. */
#ifndef FR_CH_BUILDER_H
#define FR_CH_BUILDER_H

#include "ch_internal.h"

#include <string.h>

#define VIA_SHORTCUT 0x80000000u /* a bypassed state, not an edge id */

/* One arc while building: the key it adds and the state at its far end.
 * 32 bytes. */
typedef struct {
    double obj, time, cost;
    uint32_t edges, head;
} ch_arc;

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

/* How far a witness search may go: states settled, arcs on a path; and
 * for an estimate, from how many of v's in-neighbours (spread over the
 * list) it searches, scaling the count they give (0: from all). */
typedef struct {
    uint32_t settled, hops, sample;
} witness_limits;

/* The live arcs out of a state, stored in place so that witness searches
 * read them in sequence: arcs[i] (head: the state it enters), via[i]. */
typedef struct {
    ch_arc *arcs;
    uint32_t *via;
    uint32_t len, cap;
} arc_list;

/* The tails of the live arcs into a state (their keys are at the tails). */
typedef struct {
    uint32_t *tails;
    uint32_t len, cap;
} tail_list;

/* A witness search's label of a state, all in one place: the key of the
 * best path found and, in `stamp`, the search's generation (high 24 bits:
 * the label is valid when it is the current one) and the path's arcs. */
typedef struct {
    double obj, time, cost;
    uint32_t edges, stamp;
} witness_label;

#define WITNESS_GENERATIONS (1u << 24)

/* The open list of an estimate's witness searches (ch_witness.c):
 * objectives alone, ordered exactly, then by state. */
typedef struct {
    double obj;
    uint32_t id;
} estimate_item;

static inline bool estimate_before(const void *unused, const estimate_item *a,
                                   const estimate_item *b)
{
    (void)unused;
    return a->obj < b->obj || (a->obj == b->obj && a->id < b->id);
}

FR_DEFINE_HEAP(estimate_list, estimate_item, const void *, estimate_before)

/* A state in the contraction order, with the priority it was queued at. */
typedef struct {
    int32_t priority;
    uint32_t state;
} order_item;

FR_HEAP_TYPE(order_heap, order_item) /* its functions: ch_build.c */

/* A shortcut that contracting a state adds: u -> w. */
typedef struct {
    uint32_t u, w;
    fr_key key;
} shortcut;

typedef struct {
    uint32_t n;
    bool failed; /* an allocation failed */
    arc_list *out; /* per state, while it is not contracted */
    tail_list *in;
    size_t list_bytes; /* held by the lists now */
    /* the contraction order */
    bool *contracted;
    int32_t *priority;
    uint32_t *contracted_neighbours, *level;
    order_heap order; /* stale items are skipped */
    /* witness searches */
    witness_label *label;
    uint32_t *mark; /* generation stamps of marked states */
    uint32_t wgen, mgen;
    open_list wheap;       /* a contraction's witness searches */
    estimate_list eheap;   /* an estimate's */
    GArray *found;  /* shortcut: those the contraction adds */
    GArray *around; /* uint32_t: neighbours of the contracted state */
    uint64_t searches, scans; /* witness searches, arcs they scanned */
    size_t peak_bytes;
    /* the hierarchy being written, row by row in rank order: its arcs as
     * built (heads: states) until finish() lays them out for queries */
    fr_ch *ch;
    ch_arc *rows[2];
    uint32_t *row_via[2]; /* original edge id, or bypassed state | VIA_SHORTCUT */
    uint32_t len[2], cap[2], next_rank;
} builder;

/* ---- memory ------------------------------------------------------------------ */

static inline bool grow_array(builder *b, void **array, uint32_t cap, size_t size)
{
    void *bigger = g_try_realloc_n(*array, cap ? cap : 1, size);
    if (!bigger)
        return b->failed = true, false;
    *array = bigger;
    return true;
}

static inline uint32_t next_capacity(uint32_t cap)
{
    uint64_t next = cap < 4 ? 4 : (uint64_t)cap + cap / 2;
    return next > MAX_ITEMS ? MAX_ITEMS : (uint32_t)next;
}

/* Notes the memory the builder holds now if it is the most so far. */
static inline void note_peak(builder *b)
{
    size_t per_state = sizeof(arc_list) + sizeof(tail_list) + sizeof(bool) + sizeof(int32_t) +
                       2 * sizeof(uint32_t) + sizeof(witness_label) + sizeof(uint32_t) +
                       3 * sizeof(uint32_t); /* and the hierarchy's rank and offsets */
    size_t rows = ((size_t)b->cap[FWD] + b->cap[BWD]) * (sizeof(ch_arc) + sizeof(uint32_t));
    size_t now = (size_t)b->n * per_state + b->list_bytes + rows +
                 b->order.len * sizeof(order_item);
    if (now > b->peak_bytes)
        b->peak_bytes = now;
}

/* A fresh generation for stamps[] (cleared when the counter wraps). */
static inline uint32_t next_generation(uint32_t *generation, uint32_t *stamps, uint32_t n)
{
    if (++*generation == 0) {
        memset(stamps, 0, (size_t)n * sizeof *stamps);
        *generation = 1;
    }
    return *generation;
}

/* ---- the live graph (ch_live.c) ------------------------------------------------ */

/* The index of u's arc to w in out[u], or NONE. */
static inline uint32_t find_arc(const builder *b, uint32_t u, uint32_t w)
{
    const arc_list *l = &b->out[u];
    for (uint32_t i = 0; i < l->len; i++)
        if (l->arcs[i].head == w)
            return i;
    return NONE;
}

/* The virtual graph's edges as live arcs, parallel ones merged (least key,
 * then lowest edge id), loops dropped. false on a negative or NaN figure
 * (with *error set) or when memory runs out (b->failed). */
bool fr_ch_live_load(builder *b, const fr_vgraph *g, const double *weight, GError **error);

/* Adds u -> w, or lowers the key of the arc u -> w there is. */
void fr_ch_live_offer(builder *b, uint32_t u, uint32_t w, const fr_key *key, uint32_t via);

/* Removes v and its arcs from the live graph and marks it contracted. */
void fr_ch_live_detach(builder *b, uint32_t v);

/* Frees every state's lists. */
void fr_ch_live_free(builder *b);

/* ---- witness searches (ch_witness.c) --------------------------------------------- */

/* How many shortcuts contracting v adds, by witness searches within
 * `limits`; when `collect`, they are appended to b->found (else the count
 * is an estimate: from a sample of v's in-neighbours, by searches on
 * objectives alone). */
uint32_t fr_ch_shortcuts_needed(builder *b, uint32_t v, const witness_limits *limits,
                                bool collect);

#endif /* FR_CH_BUILDER_H */
