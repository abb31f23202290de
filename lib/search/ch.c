/* ch.c - contraction hierarchies for point-to-point queries (see ch.h).
 *
 * Keys. Every arc carries the key of key.h (objective, time, cost,
 * edges); a shortcut's key is the sum of its two halves' keys
 * (fr_key_add()) and keys are only ever compared in fr_key_compare()'s
 * order (fr_key_compare_fast(): every figure is 0 or more), so the
 * hierarchy answers with plain Dijkstra's keys, ties included.
 *
 * Building. The graph still to contract is kept per state: its live
 * out-arcs in place (key, head, via), read in sequence by the witness
 * searches, and the tails of its live in-arcs. Parallel arcs are merged,
 * keeping the least key (for original edges: the edge whose figures make
 * that key). States are contracted in order of the priority
 *     2 * (shortcuts needed - arcs removed) + contracted neighbours + level
 * held in a heap with lazy deletion; after each contraction the priorities
 * of the contracted state's neighbours are estimated again. Contracting v
 * runs, from every in-neighbour u, one witness search to all of v's
 * out-neighbours: Dijkstra from u that never enters v, pruned at the
 * largest key(u,v) + key(v,w), stopped when every out-neighbour is settled
 * or after a settled-state or hop limit. A shortcut u -> w is added unless
 * a path of key <= key(u,v) + key(v,w) was found (so ties add none). An
 * estimate uses smaller limits and searches from at most a few of the
 * in-neighbours. Out-neighbours that have no other in-arc cannot have a
 * witness and are not searched for. Then v's live arcs, all to states
 * contracted later, become its rows of the two query graphs and leave the
 * live graph.
 *
 * Query graphs. Rows are numbered by rank (contraction order): the forward
 * graph holds, at rank r, the arcs from r to higher ranks; the backward
 * graph holds, at r, the arcs into r from higher ranks, reversed. An arc's
 * via is its original edge id, or for a shortcut the rank of the state it
 * bypasses: its halves are then the backward arc at that rank from the
 * shortcut's tail and the forward arc at that rank to its head, which is
 * how paths are unpacked (iteratively, with a stack).
 *
 * Querying. Bidirectional Dijkstra, forward from every source on the
 * forward graph and backward from every target on the backward graph, the
 * side with the lesser open key first, each side stopping once its least
 * open key is no better than the best meeting found; stall-on-demand skips
 * states reached more cheaply from above. The workspace is indexed by rank
 * and reset by generation stamps, so a query allocates nothing once it has
 * grown to the hierarchy. */
#include "ch.h"
#include "heap.h"

#include <math.h>
#include <string.h>

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

static const fr_key key_zero = {0, 0, 0, 0};
static const fr_key key_infinite = {INFINITY, INFINITY, INFINITY, UINT32_MAX};

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

/* ==== building ============================================================== */

/* How far a witness search may go: states settled, arcs on a path. */
typedef struct {
    uint32_t settled, hops;
} witness_limits;

/* Contraction searches furthest; a priority is estimated with less (and
 * may then miss witnesses that contraction finds). */
static const witness_limits limits_contract = {500, 8};
static const witness_limits limits_estimate = {30, 3};

/* An estimate runs witness searches from at most this many in-neighbours
 * (spread over the list) and scales the count of shortcuts they need. */
enum { ESTIMATE_SAMPLE = 4 };

enum { PRIORITY_EDGE_DIFFERENCE = 2, PRIORITY_CONTRACTED = 1, PRIORITY_LEVEL = 1 };

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

typedef struct {
    int32_t priority;
    uint32_t state;
} order_item;

FR_HEAP_TYPE(order_heap, order_item) /* its functions: the order, below */

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
    open_list wheap;
    GArray *found;  /* shortcut: those the contraction adds */
    GArray *around; /* uint32_t: neighbours of the contracted state */
    uint64_t searches, scans; /* witness searches, arcs they scanned */
    size_t peak_bytes;
    /* the hierarchy being written, row by row in rank order */
    fr_ch *ch;
    uint32_t len[2], cap[2], next_rank;
} builder;

/* ---- memory ------------------------------------------------------------------ */

static bool grow_array(builder *b, void **array, uint32_t cap, size_t size)
{
    void *bigger = g_try_realloc_n(*array, cap ? cap : 1, size);
    if (!bigger)
        return b->failed = true, false;
    *array = bigger;
    return true;
}

static uint32_t next_capacity(uint32_t cap)
{
    uint64_t next = cap < 4 ? 4 : (uint64_t)cap + cap / 2;
    return next > MAX_ITEMS ? MAX_ITEMS : (uint32_t)next;
}

static void note_peak(builder *b)
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

static bool out_reserve(builder *b, arc_list *l, uint32_t cap)
{
    if (cap <= l->cap)
        return true;
    if (!grow_array(b, (void **)&l->arcs, cap, sizeof *l->arcs) ||
        !grow_array(b, (void **)&l->via, cap, sizeof *l->via))
        return false;
    b->list_bytes += (size_t)(cap - l->cap) * (sizeof *l->arcs + sizeof *l->via);
    l->cap = cap;
    return true;
}

static bool in_reserve(builder *b, tail_list *l, uint32_t cap)
{
    if (cap <= l->cap)
        return true;
    if (!grow_array(b, (void **)&l->tails, cap, sizeof *l->tails))
        return false;
    b->list_bytes += (size_t)(cap - l->cap) * sizeof *l->tails;
    l->cap = cap;
    return true;
}

static void lists_free(builder *b, uint32_t v)
{
    arc_list *out = &b->out[v];
    tail_list *in = &b->in[v];
    b->list_bytes -= (size_t)out->cap * (sizeof *out->arcs + sizeof *out->via) +
                     (size_t)in->cap * sizeof *in->tails;
    g_free(out->arcs);
    g_free(out->via);
    g_free(in->tails);
    *out = (arc_list){NULL, NULL, 0, 0};
    *in = (tail_list){NULL, 0, 0};
}

/* ---- the live graph ---------------------------------------------------------- */

/* The index of u's arc to w in out[u], or NONE. */
static uint32_t find_arc(const builder *b, uint32_t u, uint32_t w)
{
    const arc_list *l = &b->out[u];
    for (uint32_t i = 0; i < l->len; i++)
        if (l->arcs[i].head == w)
            return i;
    return NONE;
}

static bool add_arc(builder *b, uint32_t u, uint32_t w, const fr_key *key, uint32_t via)
{
    arc_list *out = &b->out[u];
    tail_list *in = &b->in[w];
    if (out->len == MAX_ITEMS || in->len == MAX_ITEMS) /* (a state has fewer neighbours) */
        return b->failed = true, false;
    if ((out->len == out->cap && !out_reserve(b, out, next_capacity(out->cap))) ||
        (in->len == in->cap && !in_reserve(b, in, next_capacity(in->cap))))
        return false;
    ch_arc *a = &out->arcs[out->len];
    arc_set_key(a, key);
    a->head = w;
    out->via[out->len++] = via;
    in->tails[in->len++] = u;
    return true;
}

/* Adds u -> w, or lowers the key of the arc u -> w there is. */
static void offer_arc(builder *b, uint32_t u, uint32_t w, const fr_key *key, uint32_t via)
{
    uint32_t i = find_arc(b, u, w);
    if (i == NONE) {
        add_arc(b, u, w, key, via);
        return;
    }
    fr_key old = arc_key(&b->out[u].arcs[i]);
    if (fr_key_compare_fast(key, &old) < 0) {
        arc_set_key(&b->out[u].arcs[i], key);
        b->out[u].via[i] = via;
    }
}

/* Removes the arc to `head` from a list of out-arcs (order not kept). */
static void drop_arc(arc_list *l, uint32_t head)
{
    for (uint32_t i = 0; i < l->len; i++)
        if (l->arcs[i].head == head) {
            l->arcs[i] = l->arcs[--l->len];
            l->via[i] = l->via[l->len];
            return;
        }
}

static void drop_tail(tail_list *l, uint32_t tail)
{
    for (uint32_t i = 0; i < l->len; i++)
        if (l->tails[i] == tail) {
            l->tails[i] = l->tails[--l->len];
            return;
        }
}

static bool figures_valid(double weight, double time, double cost)
{
    return weight >= 0 && time >= 0 && cost >= 0; /* false for NaN too */
}

/* Lists as long as the state's degree in the virtual graph (mark[] counts
 * the in-degrees, then is cleared). */
static bool reserve_lists(builder *b, const fr_vgraph *g)
{
    for (uint32_t e = 0; e < g->n_edges; e++)
        b->mark[g->edge_to[e]]++;
    for (uint32_t s = 0; s < b->n; s++)
        if (!out_reserve(b, &b->out[s], g->out_start[s + 1] - g->out_start[s]) ||
            !in_reserve(b, &b->in[s], b->mark[s]))
            return false;
    memset(b->mark, 0, (size_t)b->n * sizeof *b->mark);
    return true;
}

/* The virtual graph's edges as live arcs, parallel ones merged (least key,
 * then lowest edge id), loops dropped. While s's edges are read,
 * mark[t] == s + 1 says the arc s -> t exists already. */
static bool load_arcs(builder *b, const fr_vgraph *g, const double *weight, GError **error)
{
    if (!reserve_lists(b, g))
        return false;
    for (uint32_t s = 0; s < g->n_states; s++) {
        for (uint32_t e = g->out_start[s]; e < g->out_start[s + 1]; e++) {
            uint32_t t = g->edge_to[e];
            if (!figures_valid(weight[e], g->time[e], g->cost[e])) {
                g_set_error(error, FR_ERROR, FR_ERROR_INTERNAL,
                            "contraction hierarchies: virtual edge %u has a negative or NaN "
                            "figure", e);
                return false;
            }
            fr_key key = {weight[e], g->time[e], g->cost[e], 1};
            if (t == s)
                continue;
            if (b->mark[t] == s + 1)
                offer_arc(b, s, t, &key, e);
            else if (!add_arc(b, s, t, &key, e))
                return false;
            b->mark[t] = s + 1;
        }
    }
    memset(b->mark, 0, (size_t)b->n * sizeof *b->mark);
    note_peak(b);
    return true;
}

/* ---- witness searches -------------------------------------------------------- */

/* A fresh generation for stamps[] (cleared when the counter wraps). */
static uint32_t next_generation(uint32_t *generation, uint32_t *stamps, uint32_t n)
{
    if (++*generation == 0) {
        memset(stamps, 0, (size_t)n * sizeof *stamps);
        *generation = 1;
    }
    return *generation;
}

static inline fr_key label_key(const witness_label *l)
{
    return (fr_key){l->obj, l->time, l->cost, l->edges};
}

static inline bool label_current(const builder *b, const witness_label *l)
{
    return l->stamp >> 8 == b->wgen;
}

static void set_label(builder *b, witness_label *l, const fr_key *key, uint32_t hops)
{
    l->obj = key->obj;
    l->time = key->time;
    l->cost = key->cost;
    l->edges = key->edges;
    l->stamp = b->wgen << 8 | hops;
}

/* Relaxes x's arcs. At the hop limit only marked states are queued: the
 * others would be settled without relaxing anything, and their labels are
 * witnesses all the same. */
static void relax_witness(builder *b, uint32_t x, uint32_t avoid, const fr_key *bound,
                          uint32_t max_hops)
{
    const arc_list *out = &b->out[x];
    fr_key from = label_key(&b->label[x]);
    uint32_t hops = (b->label[x].stamp & 0xff) + 1;
    bool last = hops == max_hops;
    b->scans += out->len;
    for (uint32_t i = 0; i < out->len; i++) {
        const ch_arc *a = &out->arcs[i];
        if (a->head == avoid)
            continue;
        fr_key key = key_plus_arc(&from, a);
        if (fr_key_compare_fast(&key, bound) > 0)
            continue;
        witness_label *l = &b->label[a->head];
        fr_key old = label_key(l);
        if (!label_current(b, l) || fr_key_compare_fast(&key, &old) < 0) {
            set_label(b, l, &key, hops);
            if (!last || b->mark[a->head] == b->mgen)
                open_list_push(&b->wheap, &(open_item){key, a->head}, NULL);
        }
    }
}

/* Dijkstra from u over the live graph without `avoid`, up to `bound`,
 * until the n_targets marked states are settled or a limit is reached.
 * Afterwards every current label holds the key of some path from u. */
static void witness_search(builder *b, uint32_t u, uint32_t avoid, const fr_key *bound,
                           uint32_t n_targets, const witness_limits *limits)
{
    b->searches++;
    if (++b->wgen == WITNESS_GENERATIONS) {
        for (uint32_t s = 0; s < b->n; s++)
            b->label[s].stamp = 0;
        b->wgen = 1;
    }
    open_list_clear(&b->wheap);
    set_label(b, &b->label[u], &key_zero, 0);
    open_list_push(&b->wheap, &(open_item){key_zero, u}, NULL);
    for (uint32_t settled = 0; b->wheap.len > 0;) {
        open_item top = open_list_pop(&b->wheap, NULL);
        uint32_t x = top.id;
        fr_key now = label_key(&b->label[x]);
        if (fr_key_compare_fast(&top.key, &now) != 0)
            continue; /* stale */
        if (++settled > limits->settled)
            break;
        if (b->mark[x] == b->mgen && --n_targets == 0)
            break;
        if ((b->label[x].stamp & 0xff) < limits->hops)
            relax_witness(b, x, avoid, bound, limits->hops);
    }
}

/* The largest key(u,v) + key(v,w) over the marked heads w != u of v's
 * out-arcs; false when there is none. */
static bool largest_through(const builder *b, uint32_t v, uint32_t u, const fr_key *in_key,
                            fr_key *bound)
{
    const arc_list *out = &b->out[v];
    bool any = false;
    for (uint32_t i = 0; i < out->len; i++) {
        uint32_t w = out->arcs[i].head;
        if (w == u || b->mark[w] != b->mgen)
            continue;
        fr_key through = key_plus_arc(in_key, &out->arcs[i]);
        if (!any || fr_key_compare_fast(&through, bound) > 0)
            *bound = through;
        any = true;
    }
    return any;
}

/* The shortcuts u -> v -> w from in-neighbour u of v that have no witness;
 * appended to b->found when `collect`. Returns how many. Only the n_marked
 * marked heads can have one, and only if u has an out-arc besides u -> v. */
static uint32_t shortcuts_from(builder *b, uint32_t v, uint32_t u, uint32_t n_marked,
                               const witness_limits *limits, bool collect)
{
    fr_key in_key = arc_key(&b->out[u].arcs[find_arc(b, u, v)]), bound = key_zero;
    bool searched = b->out[u].len > 1 && largest_through(b, v, u, &in_key, &bound);
    if (searched)
        witness_search(b, u, v, &bound, n_marked, limits);
    const arc_list *out = &b->out[v];
    uint32_t count = 0;
    for (uint32_t i = 0; i < out->len; i++) {
        uint32_t w = out->arcs[i].head;
        if (w == u)
            continue;
        fr_key through = key_plus_arc(&in_key, &out->arcs[i]);
        if (searched && b->mark[w] == b->mgen && label_current(b, &b->label[w])) {
            fr_key found = label_key(&b->label[w]);
            if (fr_key_compare_fast(&found, &through) <= 0)
                continue; /* witnessed */
        }
        count++;
        if (collect)
            g_array_append_val(b->found, ((shortcut){u, w, through}));
    }
    return count;
}

/* How many shortcuts contracting v adds (collected in b->found if asked).
 * The witness searches look for the out-neighbours that some path can
 * reach without v: those with another live in-arc (marked). */
static uint32_t shortcuts_needed(builder *b, uint32_t v, const witness_limits *limits,
                                 bool collect)
{
    const arc_list *out = &b->out[v];
    const tail_list *in = &b->in[v];
    if (out->len == 0 || in->len == 0)
        return 0;
    next_generation(&b->mgen, b->mark, b->n);
    uint32_t n_marked = 0;
    for (uint32_t i = 0; i < out->len; i++) {
        uint32_t w = out->arcs[i].head;
        if (b->in[w].len > 1) {
            b->mark[w] = b->mgen;
            n_marked++;
        }
    }
    /* an estimate of many in-neighbours asks every step-th of them */
    uint32_t step = collect || in->len <= ESTIMATE_SAMPLE ? 1 : in->len / ESTIMATE_SAMPLE;
    uint64_t count = 0, asked = 0;
    for (uint32_t j = 0; j < in->len; j += step, asked++)
        count += shortcuts_from(b, v, in->tails[j], n_marked, limits, collect);
    return (uint32_t)(count * in->len / asked);
}

/* ---- the order ------------------------------------------------------------------ */

static bool order_before(const void *unused, const order_item *a, const order_item *b)
{
    (void)unused;
    return a->priority < b->priority || (a->priority == b->priority && a->state < b->state);
}

FR_HEAP_FUNCTIONS(order_heap, order_item, const void *, order_before)

static int32_t priority_of(builder *b, uint32_t v, const witness_limits *limits)
{
    int64_t added = shortcuts_needed(b, v, limits, false);
    int64_t removed = (int64_t)b->out[v].len + b->in[v].len;
    int64_t p = PRIORITY_EDGE_DIFFERENCE * (added - removed) +
                PRIORITY_CONTRACTED * (int64_t)b->contracted_neighbours[v] +
                PRIORITY_LEVEL * (int64_t)b->level[v];
    return (int32_t)CLAMP(p, -INT32_MAX, INT32_MAX);
}

static void update_priority(builder *b, uint32_t v)
{
    int32_t p = priority_of(b, v, &limits_estimate);
    if (p != b->priority[v]) {
        b->priority[v] = p;
        order_heap_push(&b->order, &(order_item){p, v}, NULL);
    }
}

/* ---- contraction ----------------------------------------------------------------- */

static bool reserve_rows(builder *b, int d, uint32_t more)
{
    fr_ch *ch = b->ch;
    if ((uint64_t)b->len[d] + more > MAX_ITEMS)
        return b->failed = true, false;
    if (b->len[d] + more <= b->cap[d])
        return true;
    uint32_t cap = MAX(next_capacity(b->cap[d]), b->len[d] + more);
    if (!grow_array(b, (void **)&ch->arcs[d], cap, sizeof *ch->arcs[d]) ||
        !grow_array(b, (void **)&ch->via[d], cap, sizeof *ch->via[d]))
        return false;
    b->cap[d] = cap;
    note_peak(b);
    return true;
}

static void append_row_arc(builder *b, int d, const ch_arc *a, uint32_t via)
{
    b->ch->arcs[d][b->len[d]] = *a;
    b->ch->via[d][b->len[d]++] = via;
}

/* v's live arcs become its rows (heads still states; ranks come at the end). */
static bool write_rows(builder *b, uint32_t v)
{
    fr_ch *ch = b->ch;
    uint32_t r = b->next_rank++;
    const arc_list *out = &b->out[v];
    const tail_list *in = &b->in[v];
    ch->rank[v] = r;
    ch->off[FWD][r] = b->len[FWD];
    ch->off[BWD][r] = b->len[BWD];
    if (!reserve_rows(b, FWD, out->len) || !reserve_rows(b, BWD, in->len))
        return false;
    for (uint32_t i = 0; i < out->len; i++)
        append_row_arc(b, FWD, &out->arcs[i], out->via[i]);
    for (uint32_t j = 0; j < in->len; j++) {
        uint32_t u = in->tails[j], i = find_arc(b, u, v);
        ch_arc a = b->out[u].arcs[i];
        a.head = u;
        append_row_arc(b, BWD, &a, b->out[u].via[i]);
    }
    return true;
}

/* The distinct neighbours of v into b->around. */
static void gather_neighbours(builder *b, uint32_t v)
{
    const arc_list *out = &b->out[v];
    const tail_list *in = &b->in[v];
    g_array_set_size(b->around, 0);
    next_generation(&b->mgen, b->mark, b->n);
    for (uint32_t i = 0; i < out->len + in->len; i++) {
        uint32_t x = i < out->len ? out->arcs[i].head : in->tails[i - out->len];
        if (b->mark[x] != b->mgen) {
            b->mark[x] = b->mgen;
            g_array_append_val(b->around, x);
        }
    }
}

/* Removes v and its arcs from the live graph. */
static void detach(builder *b, uint32_t v)
{
    const arc_list *out = &b->out[v];
    for (uint32_t i = 0; i < out->len; i++)
        drop_tail(&b->in[out->arcs[i].head], v);
    const tail_list *in = &b->in[v];
    for (uint32_t j = 0; j < in->len; j++)
        drop_arc(&b->out[in->tails[j]], v);
    lists_free(b, v);
    b->contracted[v] = true;
}

static bool contract(builder *b, uint32_t v)
{
    g_array_set_size(b->found, 0);
    shortcuts_needed(b, v, &limits_contract, true);
    gather_neighbours(b, v);
    if (!write_rows(b, v))
        return false;
    detach(b, v);
    for (guint i = 0; i < b->found->len; i++) {
        const shortcut *s = &g_array_index(b->found, shortcut, i);
        offer_arc(b, s->u, s->w, &s->key, v | VIA_SHORTCUT);
    }
    for (guint i = 0; i < b->around->len; i++) {
        uint32_t x = g_array_index(b->around, uint32_t, i);
        b->contracted_neighbours[x]++;
        b->level[x] = MAX(b->level[x], b->level[v] + 1);
        update_priority(b, x);
    }
    return !b->failed;
}

/* Drops the stale items of the order heap once they outnumber the rest:
 * every state not contracted keeps one item with its priority. */
static void prune_order(builder *b)
{
    uint32_t remaining = b->n - b->next_rank;
    if (b->order.len <= 2 * (size_t)remaining + 1024)
        return;
    order_heap old = b->order;
    b->order = (order_heap){0};
    next_generation(&b->mgen, b->mark, b->n);
    for (size_t i = 0; i < old.len; i++) {
        const order_item *item = &old.items[i];
        uint32_t v = item->state;
        if (b->contracted[v] || item->priority != b->priority[v] || b->mark[v] == b->mgen)
            continue;
        b->mark[v] = b->mgen;
        order_heap_push(&b->order, item, NULL);
    }
    order_heap_free(&old);
}

/* Contracts every state, least priority first. (The neighbours of each
 * contracted state are re-evaluated at once, so the state on top is never
 * re-evaluated: measured on grids, that changed the order of a few states
 * in ten thousand and cost a tenth of the build.) */
static bool contract_all(builder *b)
{
    for (uint32_t v = 0; v < b->n; v++) {
        b->priority[v] = priority_of(b, v, &limits_estimate);
        order_heap_push(&b->order, &(order_item){b->priority[v], v}, NULL);
    }
    note_peak(b);
    while (b->order.len > 0) {
        order_item top = order_heap_pop(&b->order, NULL);
        uint32_t v = top.state;
        if (b->contracted[v] || top.priority != b->priority[v])
            continue; /* stale */
        if (!contract(b, v))
            return false;
        prune_order(b);
    }
    return true;
}

/* ---- setup and the finished hierarchy ------------------------------------------- */

static bool builder_init(builder *b, const fr_vgraph *g)
{
    memset(b, 0, sizeof *b);
    uint32_t n = b->n = g->n_states;
    size_t rows = (size_t)n + 1;
    b->out = g_try_new0(arc_list, rows);
    b->in = g_try_new0(tail_list, rows);
    b->contracted = g_try_new0(bool, rows);
    b->priority = g_try_new0(int32_t, rows);
    b->contracted_neighbours = g_try_new0(uint32_t, rows);
    b->level = g_try_new0(uint32_t, rows);
    b->label = g_try_new0(witness_label, rows);
    b->mark = g_try_new0(uint32_t, rows);
    b->found = g_array_new(FALSE, FALSE, sizeof(shortcut));
    b->around = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    fr_ch *ch = b->ch = g_new0(fr_ch, 1);
    ch->n_states = n;
    ch->rank = g_try_new(uint32_t, rows);
    ch->off[FWD] = g_try_new0(uint32_t, rows);
    ch->off[BWD] = g_try_new0(uint32_t, rows);
    b->failed = !b->out || !b->in || !b->contracted || !b->priority ||
                !b->contracted_neighbours || !b->level || !b->label || !b->mark ||
                !ch->rank || !ch->off[FWD] || !ch->off[BWD];
    return !b->failed;
}

static void builder_clear(builder *b)
{
    for (uint32_t v = 0; v < b->n && b->out && b->in; v++)
        lists_free(b, v);
    g_free(b->out);
    g_free(b->in);
    g_free(b->contracted);
    g_free(b->priority);
    g_free(b->contracted_neighbours);
    g_free(b->level);
    g_free(b->label);
    g_free(b->mark);
    order_heap_free(&b->order);
    open_list_free(&b->wheap);
    g_array_free(b->found, TRUE);
    g_array_free(b->around, TRUE);
}

/* Heads and bypassed states become ranks; arrays shrink to their size;
 * the statistics are filled in. */
static void finish(builder *b)
{
    fr_ch *ch = b->ch;
    uint64_t shortcuts = 0;
    for (int d = FWD; d <= BWD; d++) {
        ch->off[d][b->n] = b->len[d];
        for (uint32_t i = 0; i < b->len[d]; i++) {
            ch->arcs[d][i].head = ch->rank[ch->arcs[d][i].head];
            uint32_t via = ch->via[d][i];
            if (via & VIA_SHORTCUT) {
                ch->via[d][i] = ch->rank[via & ~VIA_SHORTCUT] | VIA_SHORTCUT;
                shortcuts++;
            }
        }
        ch_arc *arcs = g_try_realloc_n(ch->arcs[d], b->len[d] ? b->len[d] : 1, sizeof *arcs);
        uint32_t *via = g_try_realloc_n(ch->via[d], b->len[d] ? b->len[d] : 1, sizeof *via);
        ch->arcs[d] = arcs ? arcs : ch->arcs[d];
        ch->via[d] = via ? via : ch->via[d];
    }
    ch->stats.shortcuts = shortcuts;
    ch->stats.upward_edges = (uint64_t)b->len[FWD] + b->len[BWD];
    ch->stats.bytes = sizeof *ch + ((size_t)b->n * 3 + 2) * sizeof(uint32_t) +
                      (size_t)ch->stats.upward_edges * (sizeof(ch_arc) + sizeof(uint32_t));
    ch->stats.witness_searches = b->searches;
    ch->stats.witness_arcs = b->scans;
    ch->stats.peak_build_bytes = b->peak_bytes;
}

fr_ch *fr_ch_build(const fr_vgraph *g, const double *weight, fr_ch_stats *stats, GError **error)
{
    gint64 start = g_get_monotonic_time();
    if (g->n_states > MAX_ITEMS || g->n_edges > MAX_ITEMS) {
        g_set_error(error, FR_ERROR, FR_ERROR_INTERNAL,
                    "contraction hierarchies: the virtual graph is too large (%u states, %u edges)",
                    g->n_states, g->n_edges);
        return NULL;
    }
    builder b;
    bool ok = builder_init(&b, g) && load_arcs(&b, g, weight, error) && contract_all(&b);
    fr_ch *ch = b.ch;
    if (ok)
        finish(&b);
    builder_clear(&b);
    if (!ok) {
        if (error && !*error)
            g_set_error(error, FR_ERROR, FR_ERROR_INTERNAL,
                        "contraction hierarchies: out of memory for %u states", g->n_states);
        fr_ch_free(ch);
        return NULL;
    }
    ch->stats.seconds = (double)(g_get_monotonic_time() - start) / 1e6;
    if (stats)
        *stats = ch->stats;
    return ch;
}

void fr_ch_free(fr_ch *ch)
{
    if (!ch)
        return;
    g_free(ch->rank);
    for (int d = FWD; d <= BWD; d++) {
        g_free(ch->off[d]);
        g_free(ch->arcs[d]);
        g_free(ch->via[d]);
    }
    g_free(ch);
}

void fr_ch_get_stats(const fr_ch *ch, fr_ch_stats *stats)
{
    *stats = ch->stats;
}

/* ==== querying ================================================================== */

/* One arc of the hierarchy on the path found, as ranks. */
typedef struct {
    uint32_t from, to, via;
} path_arc;

struct fr_ch_workspace {
    uint32_t capacity, generation;
    uint32_t *stamp[2];     /* per rank: reached by this query when == generation */
    fr_key *key[2];         /* per rank: the best key from a source / to a target */
    uint32_t *pred_from[2]; /* per rank: the rank it was reached from, or NONE */
    uint32_t *pred_arc[2];  /* per rank: the arc (index into that side's graph) */
    open_list open[2];      /* ids: ranks */
    GArray *chain, *stack;  /* path_arc: the path in the hierarchy, unpacking */
};

fr_ch_workspace *fr_ch_workspace_new(void)
{
    fr_ch_workspace *ws = g_new0(fr_ch_workspace, 1);
    ws->chain = g_array_new(FALSE, FALSE, sizeof(path_arc));
    ws->stack = g_array_new(FALSE, FALSE, sizeof(path_arc));
    return ws;
}

void fr_ch_workspace_free(fr_ch_workspace *ws)
{
    if (!ws)
        return;
    for (int d = FWD; d <= BWD; d++) {
        g_free(ws->stamp[d]);
        g_free(ws->key[d]);
        g_free(ws->pred_from[d]);
        g_free(ws->pred_arc[d]);
        open_list_free(&ws->open[d]);
    }
    g_array_free(ws->chain, TRUE);
    g_array_free(ws->stack, TRUE);
    g_free(ws);
}

/* Grows the workspace to n ranks and starts a new generation. */
static void workspace_begin(fr_ch_workspace *ws, uint32_t n)
{
    if (ws->capacity < n) {
        for (int d = FWD; d <= BWD; d++) {
            g_free(ws->stamp[d]);
            ws->stamp[d] = g_new0(uint32_t, n);
            ws->key[d] = g_renew(fr_key, ws->key[d], n);
            ws->pred_from[d] = g_renew(uint32_t, ws->pred_from[d], n);
            ws->pred_arc[d] = g_renew(uint32_t, ws->pred_arc[d], n);
        }
        ws->capacity = n;
        ws->generation = 0;
    }
    if (++ws->generation == 0) {
        for (int d = FWD; d <= BWD; d++)
            memset(ws->stamp[d], 0, (size_t)ws->capacity * sizeof(uint32_t));
        ws->generation = 1;
    }
    for (int d = FWD; d <= BWD; d++)
        open_list_clear(&ws->open[d]);
}

static void reach(fr_ch_workspace *ws, int d, uint32_t r, const fr_key *key, uint32_t from,
                  uint32_t arc)
{
    ws->stamp[d][r] = ws->generation;
    ws->key[d][r] = *key;
    ws->pred_from[d][r] = from;
    ws->pred_arc[d][r] = arc;
    open_list_push(&ws->open[d], &(open_item){*key, r}, NULL);
}

static void seed(const fr_ch *ch, fr_ch_workspace *ws, int d, const uint32_t *states, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (states[i] >= ch->n_states)
            continue;
        uint32_t r = ch->rank[states[i]];
        if (ws->stamp[d][r] != ws->generation)
            reach(ws, d, r, &key_zero, NONE, NONE);
    }
}

/* The side to settle next (the lesser open key), or -1 when both are done:
 * a side is done when its least open key is no better than `best`. */
static int next_side(const fr_ch_workspace *ws, const fr_key *best)
{
    bool open[2];
    for (int d = FWD; d <= BWD; d++)
        open[d] = ws->open[d].len > 0 && fr_key_compare_fast(&ws->open[d].items[0].key, best) < 0;
    if (!open[FWD] || !open[BWD])
        return open[FWD] ? FWD : open[BWD] ? BWD : -1;
    return fr_key_compare_fast(&ws->open[FWD].items[0].key, &ws->open[BWD].items[0].key) <= 0
               ? FWD
               : BWD;
}

/* Stall-on-demand: is r reached more cheaply through a higher rank that
 * this side has reached (via an arc of the other graph)? */
static bool stalled(const fr_ch *ch, const fr_ch_workspace *ws, int d, uint32_t r)
{
    int other = 1 - d;
    const ch_arc *arcs = ch->arcs[other];
    for (uint32_t i = ch->off[other][r]; i < ch->off[other][r + 1]; i++) {
        uint32_t y = arcs[i].head;
        if (ws->stamp[d][y] != ws->generation)
            continue;
        fr_key through = key_plus_arc(&ws->key[d][y], &arcs[i]);
        if (fr_key_compare_fast(&through, &ws->key[d][r]) < 0)
            return true;
    }
    return false;
}

static void relax(const fr_ch *ch, fr_ch_workspace *ws, int d, uint32_t r, const fr_key *best)
{
    const ch_arc *arcs = ch->arcs[d];
    for (uint32_t i = ch->off[d][r]; i < ch->off[d][r + 1]; i++) {
        uint32_t y = arcs[i].head;
        fr_key key = key_plus_arc(&ws->key[d][r], &arcs[i]);
        if (fr_key_compare_fast(&key, best) >= 0)
            continue;
        if (ws->stamp[d][y] != ws->generation || fr_key_compare_fast(&key, &ws->key[d][y]) < 0)
            reach(ws, d, y, &key, r, i);
    }
}

/* Settles the least open state of side d; a meeting better than *best
 * becomes the best. */
static void settle(const fr_ch *ch, fr_ch_workspace *ws, int d, fr_key *best, uint32_t *meet)
{
    open_item top = open_list_pop(&ws->open[d], NULL);
    uint32_t r = top.id;
    if (fr_key_compare_fast(&top.key, &ws->key[d][r]) != 0)
        return; /* stale */
    if (ws->stamp[1 - d][r] == ws->generation) {
        fr_key total = fr_key_add(ws->key[FWD][r], ws->key[BWD][r]);
        if (fr_key_compare_fast(&total, best) < 0) {
            *best = total;
            *meet = r;
        }
    }
    if (!stalled(ch, ws, d, r))
        relax(ch, ws, d, r, best);
}

/* The hierarchy's arcs of the path through `meet`, in order, into ws->chain. */
static void chain_path(const fr_ch *ch, fr_ch_workspace *ws, uint32_t meet)
{
    GArray *chain = ws->chain;
    g_array_set_size(chain, 0);
    for (uint32_t r = meet; ws->pred_from[FWD][r] != NONE; r = ws->pred_from[FWD][r]) {
        path_arc a = {ws->pred_from[FWD][r], r, ch->via[FWD][ws->pred_arc[FWD][r]]};
        g_array_append_val(chain, a);
    }
    path_arc *p = (path_arc *)chain->data;
    for (guint i = 0, j = chain->len; i + 1 < j; i++, j--) {
        path_arc t = p[i];
        p[i] = p[j - 1];
        p[j - 1] = t;
    }
    for (uint32_t r = meet; ws->pred_from[BWD][r] != NONE; r = ws->pred_from[BWD][r]) {
        path_arc a = {r, ws->pred_from[BWD][r], ch->via[BWD][ws->pred_arc[BWD][r]]};
        g_array_append_val(chain, a);
    }
}

/* The via of the arc between ranks `other` and m in m's row of graph d. */
static uint32_t row_via(const fr_ch *ch, int d, uint32_t m, uint32_t other)
{
    for (uint32_t i = ch->off[d][m]; i < ch->off[d][m + 1]; i++)
        if (ch->arcs[d][i].head == other)
            return ch->via[d][i];
    return NONE;
}

/* Appends the original edges of ws->chain to path; false (path as it was)
 * if a shortcut's halves are missing, which a built hierarchy never has. */
static bool unpack(const fr_ch *ch, fr_ch_workspace *ws, GArray *path)
{
    guint old_len = path->len;
    GArray *stack = ws->stack;
    g_array_set_size(stack, 0);
    for (guint i = ws->chain->len; i-- > 0;)
        g_array_append_val(stack, g_array_index(ws->chain, path_arc, i));
    while (stack->len > 0) {
        path_arc a = g_array_index(stack, path_arc, stack->len - 1);
        g_array_set_size(stack, stack->len - 1);
        if (!(a.via & VIA_SHORTCUT)) {
            g_array_append_val(path, a.via);
            continue;
        }
        uint32_t m = a.via & ~VIA_SHORTCUT;
        path_arc first = {a.from, m, row_via(ch, BWD, m, a.from)};
        path_arc second = {m, a.to, row_via(ch, FWD, m, a.to)};
        if (first.via == NONE || second.via == NONE) {
            g_array_set_size(path, old_len);
            return false;
        }
        g_array_append_val(stack, second);
        g_array_append_val(stack, first);
    }
    return true;
}

bool fr_ch_route(const fr_ch *ch, fr_ch_workspace *ws, const uint32_t *sources, uint32_t n_sources,
                 const uint32_t *targets, uint32_t n_targets, fr_key *key, GArray *path)
{
    workspace_begin(ws, ch->n_states);
    seed(ch, ws, FWD, sources, n_sources);
    seed(ch, ws, BWD, targets, n_targets);
    fr_key best = key_infinite;
    uint32_t meet = NONE;
    for (int d; (d = next_side(ws, &best)) >= 0;)
        settle(ch, ws, d, &best, &meet);
    if (meet == NONE)
        return false;
    /* the keys now at `meet` are those of the path its predecessors give */
    if (key)
        *key = fr_key_add(ws->key[FWD][meet], ws->key[BWD][meet]);
    if (!path)
        return true;
    chain_path(ch, ws, meet);
    return unpack(ch, ws, path);
}
