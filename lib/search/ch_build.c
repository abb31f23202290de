/* ch_build.c - building contraction hierarchies (ch.h): the contraction
 * order, contracting each state in turn and writing the two query graphs
 * (ch_internal.h); fr_ch_build(), fr_ch_free(), fr_ch_get_stats().
 *
 * States are contracted in order of the priority
 *     3 * (shortcuts needed - arcs removed) + contracted neighbours + level
 * held in heap.h's heap with lazy deletion; after each contraction the
 * priorities of the contracted state's neighbours are estimated again
 * (fewer witness searches, smaller limits, objectives alone: ch_witness.c),
 * and the state on top is estimated once more before it is contracted.
 * Contracting v adds the shortcuts its witness searches find needed to the
 * live graph (ch_live.c); then v's live arcs, all to states contracted
 * later, become its rows of the two query graphs and leave the live graph.
 * At the end the rows' heads and bypassed states become ranks, and
 * ch_order.c renumbers the ranks so that each upward search reads memory
 * that lies together.
 *
 * A build can be cancelled (cancel.h: polled every CANCEL_EVERY
 * contractions) and reports the share of states contracted as progress. */
#include "ch_builder.h"

#include "cancel.h"

/* Contractions (or first priorities) between two polls of the fr_cancel. */
#define CANCEL_EVERY 64u

/* Contraction searches furthest. A priority is estimated with less, on
 * objectives alone (ch_witness.c), and may then miss witnesses that
 * contraction finds: from 8 in-neighbours when a contraction updates its
 * neighbours, from all of them when the state comes to the top of the
 * order and is checked again. Estimates this thorough keep the top of the
 * hierarchy sparse: at 10^5 road nodes they cut a query's arcs by a
 * quarter (bench-p2p's search-space rows, bench/README.md). */
static const witness_limits limits_contract = {500, 8, 0};
static const witness_limits limits_estimate = {60, 4, 8};
static const witness_limits limits_recheck = {60, 4, 0};

enum { PRIORITY_EDGE_DIFFERENCE = 3, PRIORITY_CONTRACTED = 1, PRIORITY_LEVEL = 1 };

/* ---- the order ------------------------------------------------------------------ */

static bool order_before(const void *unused, const order_item *a, const order_item *b)
{
    (void)unused;
    return a->priority < b->priority || (a->priority == b->priority && a->state < b->state);
}

FR_HEAP_FUNCTIONS(order_heap, order_item, const void *, order_before)

static int32_t priority_of(builder *b, uint32_t v, const witness_limits *limits)
{
    int64_t added = fr_ch_shortcuts_needed(b, v, limits, false);
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
    if ((uint64_t)b->len[d] + more > MAX_ITEMS)
        return b->failed = true, false;
    if (b->len[d] + more <= b->cap[d])
        return true;
    uint32_t cap = MAX(next_capacity(b->cap[d]), b->len[d] + more);
    if (!grow_array(b, (void **)&b->rows[d], cap, sizeof *b->rows[d]) ||
        !grow_array(b, (void **)&b->row_via[d], cap, sizeof *b->row_via[d]))
        return false;
    b->cap[d] = cap;
    note_peak(b);
    return true;
}

static void append_row_arc(builder *b, int d, const ch_arc *a, uint32_t via)
{
    b->rows[d][b->len[d]] = *a;
    b->row_via[d][b->len[d]++] = via;
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

static bool contract(builder *b, uint32_t v)
{
    g_array_set_size(b->found, 0);
    fr_ch_shortcuts_needed(b, v, &limits_contract, true);
    gather_neighbours(b, v);
    if (!write_rows(b, v))
        return false;
    fr_ch_live_detach(b, v);
    for (guint i = 0; i < b->found->len; i++) {
        const shortcut *s = &g_array_index(b->found, shortcut, i);
        fr_ch_live_offer(b, s->u, s->w, &s->key, v | VIA_SHORTCUT);
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

/* Estimates v, just taken from the top of the order, once more from a
 * larger sample: when its priority rose above the one now on top (a stale
 * item's, possibly), v goes back into the order. Whether it did. (Without
 * a contraction in between, v's next estimate is the same, so it is put
 * back at most once per contraction.) */
static bool pushed_back(builder *b, uint32_t v)
{
    if (b->order.len == 0)
        return false;
    int32_t p = priority_of(b, v, &limits_recheck);
    if (p == b->priority[v] || p <= b->order.items[0].priority)
        return false;
    b->priority[v] = p;
    order_heap_push(&b->order, &(order_item){p, v}, NULL);
    return true;
}

/* Contracts every state, least priority first. The neighbours of each
 * contracted state are estimated again at once (limits_estimate); the
 * state on top is estimated once more from all its in-neighbours
 * (limits_recheck) and goes back into the order if its priority rose
 * above the next one's. */
static bool contract_all(builder *b, fr_cancel *cancel)
{
    for (uint32_t v = 0; v < b->n; v++) {
        if (fr_cancel_poll_every(cancel, CANCEL_EVERY))
            return false;
        b->priority[v] = priority_of(b, v, &limits_estimate);
        order_heap_push(&b->order, &(order_item){b->priority[v], v}, NULL);
    }
    note_peak(b);
    while (b->order.len > 0) {
        order_item top = order_heap_pop(&b->order, NULL);
        uint32_t v = top.state;
        if (b->contracted[v] || top.priority != b->priority[v])
            continue; /* stale */
        if (pushed_back(b, v)) {
            if (fr_cancel_poll_every(cancel, CANCEL_EVERY))
                return false;
            continue;
        }
        if (!contract(b, v))
            return false;
        prune_order(b);
        if (fr_cancel_poll_every(cancel, CANCEL_EVERY))
            return false;
        if (b->next_rank % CANCEL_EVERY == 0)
            fr_cancel_progress(cancel, (double)b->next_rank / b->n);
    }
    return true;
}

/* ---- setup and the finished hierarchy ------------------------------------------- */

static bool builder_init(builder *b, const fr_vgraph *g, const double *weight)
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
    ch->time = g->time;
    ch->cost = g->cost;
    ch->same_as_obj = weight == g->cost ? FIGURE_COST
                      : weight == g->time ? FIGURE_TIME : FIGURE_NONE;
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
    fr_ch_live_free(b);
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
    estimate_list_free(&b->eheap);
    g_array_free(b->found, TRUE);
    g_array_free(b->around, TRUE);
    for (int d = FWD; d <= BWD; d++) {
        g_free(b->rows[d]);
        g_free(b->row_via[d]);
    }
}

/* ---- the query layout ------------------------------------------------------------
 * finish() turns the rows as built (heads: states; vias: edge ids or
 * bypassed states) into the query graphs of ch_internal.h: heads become
 * ranks, objectives move to their own array, and each shortcut gets its
 * halves. The parallel arcs of the live graph were merged, so a row holds
 * at most one arc per head: the halves are the arcs of the bypassed
 * state's rows whose heads are the shortcut's ends. Shortcuts are grouped
 * by the state they bypass, and each such state's rows are indexed by
 * head once. */

/* The states graph d's row arc i joins, from and to along paths. */
static void row_arc_ends(const builder *b, const uint32_t *state_of, int d, uint32_t r,
                         uint32_t i, uint32_t *from, uint32_t *to)
{
    uint32_t head = b->rows[d][i].head;
    *from = d == FWD ? state_of[r] : head;
    *to = d == FWD ? head : state_of[r];
}

/* Shortcuts grouped by the rank they bypass: (d, arc, row) triples. */
typedef struct {
    uint32_t *first; /* per rank, n + 1 */
    uint32_t *items;
} by_bypassed;

static bool group_shortcuts(const builder *b, by_bypassed *g)
{
    const fr_ch *ch = b->ch;
    uint32_t n = b->n;
    g->first = g_try_new0(uint32_t, (size_t)n + 2);
    if (!g->first)
        return false;
    for (int d = FWD; d <= BWD; d++)
        for (uint32_t i = 0; i < b->len[d]; i++)
            if (b->row_via[d][i] & VIA_SHORTCUT)
                g->first[ch->rank[b->row_via[d][i] & ~VIA_SHORTCUT] + 2]++;
    for (uint32_t r = 0; r < n; r++)
        g->first[r + 2] += g->first[r + 1];
    g->items = g_try_new(uint32_t, 3 * (size_t)g->first[n + 1] + 1);
    if (!g->items)
        return false;
    for (int d = FWD; d <= BWD; d++)
        for (uint32_t r = 0; r < n; r++)
            for (uint32_t i = ch->off[d][r]; i < ch->off[d][r + 1]; i++)
                if (b->row_via[d][i] & VIA_SHORTCUT) {
                    uint32_t *at = &g->items[3 * (size_t)g->first[ch->rank[b->row_via[d][i] &
                                                                            ~VIA_SHORTCUT] + 1]++];
                    at[0] = (uint32_t)d, at[1] = i, at[2] = r;
                }
    return true; /* first[m] .. first[m + 1]: the shortcuts bypassing rank m */
}

/* Each shortcut's halves into ch->half; false when memory runs out, or
 * (with *error set) when a half is missing, which a built hierarchy never
 * has. */
static bool find_halves(builder *b, const uint32_t *state_of, GError **error)
{
    fr_ch *ch = b->ch;
    by_bypassed g = {0};
    uint32_t *arc_to[2] = {g_try_new(uint32_t, (size_t)b->n + 1),
                           g_try_new(uint32_t, (size_t)b->n + 1)};
    bool ok = arc_to[FWD] && arc_to[BWD] && group_shortcuts(b, &g);
    for (uint32_t v = 0; ok && v < b->n; v++)
        arc_to[FWD][v] = arc_to[BWD][v] = NONE;
    for (uint32_t m = 0; ok && m < b->n; m++) {
        if (g.first[m] == g.first[m + 1])
            continue;
        for (int e = FWD; e <= BWD; e++) /* row m of graph e, by head state */
            for (uint32_t i = ch->off[e][m]; i < ch->off[e][m + 1]; i++)
                arc_to[e][b->rows[e][i].head] = i;
        for (uint32_t k = g.first[m]; k < g.first[m + 1]; k++) {
            const uint32_t *at = &g.items[3 * (size_t)k];
            uint32_t from, to;
            row_arc_ends(b, state_of, (int)at[0], at[2], at[1], &from, &to);
            ch->half[at[0]][2 * (size_t)at[1]] = arc_to[BWD][from];
            ch->half[at[0]][2 * (size_t)at[1] + 1] = arc_to[FWD][to];
            if (arc_to[BWD][from] == NONE || arc_to[FWD][to] == NONE) {
                g_set_error(error, FR_ERROR, FR_ERROR_INTERNAL,
                            "contraction hierarchies: a shortcut bypassing state %u has no "
                            "halves", state_of[m]);
                ok = false;
                break;
            }
        }
        for (int e = FWD; e <= BWD; e++)
            for (uint32_t i = ch->off[e][m]; i < ch->off[e][m + 1]; i++)
                arc_to[e][b->rows[e][i].head] = NONE;
    }
    g_free(arc_to[FWD]);
    g_free(arc_to[BWD]);
    g_free(g.first);
    g_free(g.items);
    return ok;
}

/* The query graphs from the rows; false when memory runs out (or as
 * find_halves() fails). */
static bool lay_out(builder *b, GError **error)
{
    fr_ch *ch = b->ch;
    uint32_t *state_of = g_try_new(uint32_t, (size_t)b->n + 1);
    if (!state_of)
        return false;
    for (uint32_t v = 0; v < b->n; v++)
        state_of[ch->rank[v]] = v;
    bool ok = true;
    for (int d = FWD; d <= BWD && ok; d++) {
        size_t len = (size_t)b->len[d] + 1;
        ch->off[d][b->n] = b->len[d];
        ch->head[d] = g_try_new(uint32_t, len);
        ch->obj[d] = g_try_new(double, len);
        ch->half[d] = g_try_new(uint32_t, 2 * len);
        ok = ch->head[d] && ch->obj[d] && ch->half[d];
        for (uint32_t i = 0; ok && i < b->len[d]; i++) {
            ch->head[d][i] = ch->rank[b->rows[d][i].head];
            ch->obj[d][i] = b->rows[d][i].obj;
            bool edge = !(b->row_via[d][i] & VIA_SHORTCUT);
            ch->half[d][2 * (size_t)i] = edge ? b->row_via[d][i] : NONE;
            ch->half[d][2 * (size_t)i + 1] = edge ? HALF_EDGE : NONE;
        }
    }
    ok = ok && find_halves(b, state_of, error);
    g_free(state_of);
    return ok;
}

/* The query layout and the statistics; false as lay_out() fails. */
static bool finish(builder *b, GError **error)
{
    fr_ch *ch = b->ch;
    if (!lay_out(b, error))
        return b->failed = true, false;
    uint64_t shortcuts = 0;
    for (int d = FWD; d <= BWD; d++)
        for (uint32_t i = 0; i < b->len[d]; i++)
            shortcuts += !arc_is_edge(ch, d, i);
    size_t per_arc = sizeof *ch->head[0] + sizeof *ch->obj[0] + 2 * sizeof *ch->half[0];
    ch->stats.shortcuts = shortcuts;
    ch->stats.upward_edges = (uint64_t)b->len[FWD] + b->len[BWD];
    ch->stats.bytes = sizeof *ch + ((size_t)b->n * 3 + 2) * sizeof(uint32_t) +
                      (size_t)ch->stats.upward_edges * per_arc;
    ch->stats.witness_searches = b->searches;
    ch->stats.witness_arcs = b->scans;
    ch->stats.peak_build_bytes = b->peak_bytes;
    return true;
}

fr_ch *fr_ch_build(const fr_vgraph *g, const double *weight, fr_ch_stats *stats, GError **error)
{
    return fr_ch_build_cancellable(g, weight, NULL, stats, error);
}

fr_ch *fr_ch_build_cancellable(const fr_vgraph *g, const double *weight, fr_cancel *cancel,
                               fr_ch_stats *stats, GError **error)
{
    gint64 start = g_get_monotonic_time();
    if (g->n_states > MAX_ITEMS || g->n_edges > MAX_ITEMS) {
        g_set_error(error, FR_ERROR, FR_ERROR_INTERNAL,
                    "contraction hierarchies: the virtual graph is too large (%u states, %u edges)",
                    g->n_states, g->n_edges);
        return NULL;
    }
    builder b;
    bool ok = builder_init(&b, g, weight) && fr_ch_live_load(&b, g, weight, error) &&
              contract_all(&b, cancel);
    fr_ch *ch = b.ch;
    ok = ok && finish(&b, error);
    builder_clear(&b);
    if (ok) /* a speed-up only: when memory runs out, ch keeps the contraction order */
        fr_ch_order_for_cache(ch);
    if (!ok) {
        if (fr_cancel_cancelled(cancel))
            fr_cancelled_error(error, "contraction hierarchies");
        else if (error && !*error)
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
        g_free(ch->head[d]);
        g_free(ch->obj[d]);
        g_free(ch->half[d]);
    }
    g_free(ch);
}

void fr_ch_get_stats(const fr_ch *ch, fr_ch_stats *stats)
{
    *stats = ch->stats;
}
