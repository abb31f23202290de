/* ch_query.c - querying contraction hierarchies (ch.h): the per-thread
 * workspace, fr_ch_route()'s bidirectional search with stall-on-demand,
 * and unpacking the path it finds into original virtual edges.
 *
 * Bidirectional Dijkstra, forward from every source on the forward graph
 * and backward from every target on the backward graph (ch_internal.h),
 * the side with the lesser open key first, each side stopping once its
 * least open key is no better than the best meeting found;
 * stall-on-demand skips states reached more cheaply from above. The
 * workspace is indexed by rank and reset by generation stamps, so a query
 * allocates nothing once it has grown to the hierarchy. Shortcuts are
 * unpacked iteratively, with a stack. */
#include "ch_internal.h"

#include <math.h>
#include <string.h>

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
            reach(ws, d, r, &KEY_ZERO, NONE, NONE);
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
    fr_key best = {INFINITY, INFINITY, INFINITY, UINT32_MAX};
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
