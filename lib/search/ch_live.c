/* ch_live.c - building contraction hierarchies: the graph still to
 * contract (ch_builder.h). It is kept per state: its live out-arcs in place
 * (key, head, via), read in sequence by the witness searches, and the tails
 * of its live in-arcs. Parallel arcs are merged, keeping the least key (for
 * original edges: the edge whose figures make that key). A contracted
 * state leaves it with all its arcs; the shortcuts its contraction needs
 * come in as arcs whose via is the state. */
#include "ch_builder.h"

/* ---- the lists' memory ------------------------------------------------------------ */

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

/* ---- arcs ------------------------------------------------------------------------ */

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

void fr_ch_live_offer(builder *b, uint32_t u, uint32_t w, const fr_key *key, uint32_t via)
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

/* While s's edges are read, mark[t] == s + 1 says the arc s -> t exists
 * already. */
bool fr_ch_live_load(builder *b, const fr_vgraph *g, const double *weight, GError **error)
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
                fr_ch_live_offer(b, s, t, &key, e);
            else if (!add_arc(b, s, t, &key, e))
                return false;
            b->mark[t] = s + 1;
        }
    }
    memset(b->mark, 0, (size_t)b->n * sizeof *b->mark);
    note_peak(b);
    return true;
}

void fr_ch_live_detach(builder *b, uint32_t v)
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

void fr_ch_live_free(builder *b)
{
    for (uint32_t v = 0; v < b->n && b->out && b->in; v++)
        lists_free(b, v);
}
