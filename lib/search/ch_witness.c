/* ch_witness.c - building contraction hierarchies: witness searches, which
 * decide the shortcuts contracting a state v needs (ch_builder.h).
 *
 * From every in-neighbour u of v, one witness search to all of v's
 * out-neighbours: Dijkstra from u over the live graph that never enters v,
 * pruned at the largest key(u,v) + key(v,w), stopped when every
 * out-neighbour is settled or after a settled-state or hop limit. A
 * shortcut u -> w is needed unless a path of key <= key(u,v) + key(v,w)
 * was found (so ties add none). Out-neighbours that have no other in-arc
 * cannot have a witness and are not searched for.
 *
 * An estimate of a priority only counts the shortcuts: it uses smaller
 * limits (the caller's), searches from at most limits->sample of the
 * in-neighbours, scaling the count they give, and its searches weigh
 * objectives alone (below). */
#include "ch_builder.h"

static inline fr_key label_key(const witness_label *l)
{
    return (fr_key){l->obj, l->time, l->cost, l->edges};
}

static inline bool label_current(const builder *b, const witness_label *l)
{
    return l->stamp >> 8 == b->wgen;
}

/* Counts a search and starts its generation of labels. */
static void begin_search(builder *b)
{
    b->searches++;
    if (++b->wgen == WITNESS_GENERATIONS) {
        for (uint32_t s = 0; s < b->n; s++)
            b->label[s].stamp = 0;
        b->wgen = 1;
    }
}

/* A search settles x: whether that ends it (past the settled limit, or
 * the last of the n_targets marked states). */
static inline bool settling_ends_search(const builder *b, uint32_t x, uint32_t *settled,
                                        uint32_t *n_targets, const witness_limits *limits)
{
    return ++*settled > limits->settled || (b->mark[x] == b->mgen && --*n_targets == 0);
}

/* Whether the path to x has fewer arcs than the hop limit (its arcs are
 * then relaxed). */
static inline bool within_hops(const builder *b, uint32_t x, const witness_limits *limits)
{
    return (b->label[x].stamp & 0xff) < limits->hops;
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
    begin_search(b);
    open_list_clear(&b->wheap);
    set_label(b, &b->label[u], &KEY_ZERO, 0);
    open_list_push(&b->wheap, &(open_item){KEY_ZERO, u}, NULL);
    for (uint32_t settled = 0; b->wheap.len > 0;) {
        open_item top = open_list_pop(&b->wheap, NULL);
        uint32_t x = top.id;
        fr_key now = label_key(&b->label[x]);
        if (fr_key_compare_fast(&top.key, &now) != 0)
            continue; /* stale */
        if (settling_ends_search(b, x, &settled, &n_targets, limits))
            break;
        if (within_hops(b, x, limits))
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

/* The shortcuts u -> v -> w from in-neighbour u of v that have no witness,
 * appended to b->found; returns how many. Only the n_marked marked heads
 * can have one, and only if u has an out-arc besides u -> v. */
static uint32_t shortcuts_from(builder *b, uint32_t v, uint32_t u, uint32_t n_marked,
                               const witness_limits *limits)
{
    fr_key in_key = arc_key(&b->out[u].arcs[find_arc(b, u, v)]), bound = KEY_ZERO;
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
        g_array_append_val(b->found, ((shortcut){u, w, through}));
    }
    return count;
}

/* ---- estimates: the same searches on objectives alone -----------------------
 * An estimate only counts shortcuts, so its searches add and compare
 * objectives alone, exactly, and a path whose objective ties the
 * shortcut's within the tolerance counts as its witness. Labels keep just
 * their objective (witness_label.obj and stamp; the other figures are left
 * as they were) and the open list holds (objective, state): at 10^5 road
 * nodes this took a fifth off the build, for 0.1% more arcs. */

static void relax_estimate(builder *b, uint32_t x, uint32_t avoid, double bound,
                           uint32_t max_hops)
{
    const arc_list *out = &b->out[x];
    double from = b->label[x].obj;
    uint32_t hops = (b->label[x].stamp & 0xff) + 1;
    uint32_t stamp = b->wgen << 8 | hops;
    bool last = hops == max_hops;
    b->scans += out->len;
    for (uint32_t i = 0; i < out->len; i++) {
        const ch_arc *a = &out->arcs[i];
        double o = from + a->obj;
        if (o > bound || a->head == avoid)
            continue;
        witness_label *l = &b->label[a->head];
        if (label_current(b, l) && o >= l->obj)
            continue;
        l->obj = o;
        l->stamp = stamp;
        if (!last || b->mark[a->head] == b->mgen)
            estimate_list_push(&b->eheap, &(estimate_item){o, a->head}, NULL);
    }
}

/* witness_search() on objectives, up to `bound`. */
static void estimate_search(builder *b, uint32_t u, uint32_t avoid, double bound,
                            uint32_t n_targets, const witness_limits *limits)
{
    begin_search(b);
    estimate_list_clear(&b->eheap);
    b->label[u].obj = 0;
    b->label[u].stamp = b->wgen << 8;
    estimate_list_push(&b->eheap, &(estimate_item){0, u}, NULL);
    for (uint32_t settled = 0; b->eheap.len > 0;) {
        estimate_item top = estimate_list_pop(&b->eheap, NULL);
        uint32_t x = top.id;
        if (top.obj != b->label[x].obj)
            continue; /* stale */
        if (settling_ends_search(b, x, &settled, &n_targets, limits))
            break;
        if (within_hops(b, x, limits))
            relax_estimate(b, x, avoid, bound, limits->hops);
    }
}

/* shortcuts_from()'s count, by an estimate search. */
static uint32_t estimate_from(builder *b, uint32_t v, uint32_t u, uint32_t n_marked,
                              const witness_limits *limits)
{
    double in_obj = b->out[u].arcs[find_arc(b, u, v)].obj, largest = -1;
    const arc_list *out = &b->out[v];
    for (uint32_t i = 0; i < out->len; i++)
        if (out->arcs[i].head != u && b->mark[out->arcs[i].head] == b->mgen)
            largest = MAX(largest, in_obj + out->arcs[i].obj);
    bool searched = b->out[u].len > 1 && largest >= 0;
    if (searched)
        estimate_search(b, u, v, fr_objective_bounds_of(largest).above, n_marked, limits);
    uint32_t count = 0;
    for (uint32_t i = 0; i < out->len; i++) {
        uint32_t w = out->arcs[i].head;
        if (w == u)
            continue;
        const witness_label *l = &b->label[w];
        count += !(searched && b->mark[w] == b->mgen && label_current(b, l) &&
                   fr_objectives_decide(l->obj, in_obj + out->arcs[i].obj) <= 0);
    }
    return count;
}

/* The witness searches look for the out-neighbours that some path can
 * reach without v: those with another live in-arc (marked). */
uint32_t fr_ch_shortcuts_needed(builder *b, uint32_t v, const witness_limits *limits,
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
    if (collect) {
        uint32_t count = 0;
        for (uint32_t j = 0; j < in->len; j++)
            count += shortcuts_from(b, v, in->tails[j], n_marked, limits);
        return count;
    }
    /* an estimate of many in-neighbours asks every step-th of them */
    uint32_t sample = limits->sample;
    uint32_t step = sample == 0 || in->len <= sample ? 1 : in->len / sample;
    uint64_t count = 0, asked = 0;
    for (uint32_t j = 0; j < in->len; j += step, asked++)
        count += estimate_from(b, v, in->tails[j], n_marked, limits);
    return (uint32_t)(count * in->len / asked);
}
