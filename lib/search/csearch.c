/* csearch.c - the best route for one objective under constraints that a
 * plain Dijkstra cannot express: bounds on total time and cost (a
 * resource-constrained shortest path), and for alternatives a fixed first
 * part of the route (a "root"), edges barred right after it, and no
 * physical node entered twice.
 *
 * Label setting in the order of FORMAT.md §2 (objective, time, cost,
 * edges), A*-guided by a lower bound of the objective to the destination
 * (lbound.c). A state keeps every label no other label there dominates: L
 * dominates M when L's key is not above M's, L is not above M in the bounded
 * figures, and L has entered no tracked node that M has not. Labels whose
 * time or cost plus its lower bound exceeds a bound are dropped. The first
 * label settled at an IN(destination, .) state is the answer.
 *
 * Physical nodes ("enter no node twice") by decremental state-space
 * relaxation (Righini & Salani 2008): labels track visits only to a set of
 * critical nodes, at first empty, so the first pass is a Dijkstra over the
 * states. If its route enters a node twice, that node becomes critical and
 * the search runs again; a route that enters no node twice is the best
 * one, since every pass optimises over a superset of the allowed routes.
 * Critical nodes stay critical for later searches on the same workspace.
 *
 * The workspace is reused across searches (alternatives run many): arrays
 * per state and node are reset by generation stamps, not cleared. A
 * cancelled call (the spec's fr_cancel) ends a pass with no route. */
#include "csearch.h"

#include "cancel.h"
#include "heap.h"
#include "lbound.h"

#include <string.h>

typedef struct {
    fr_key g; /* totals so far, per TEU */
    uint32_t state, parent, edge, next; /* next: the state's next live label */
    uint8_t dead, closed, start;
} clabel;

typedef struct {
    fr_key f; /* g with the objective's lower bound added */
    uint32_t label;
} citem;

/* ---- the open list: a binary heap by (f, label index) ---------------------- */

static bool item_less(const void *unused, const citem *a, const citem *b)
{
    (void)unused;
    int c = fr_key_compare(&a->f, &b->f);
    return c < 0 || (c == 0 && a->label < b->label);
}

FR_DEFINE_HEAP(citem_heap, citem, const void *, item_less)

struct fr_csearch {
    const fr_vgraph *g;
    const fr_search_spec *spec;
    fr_metric metric;                /* the objective under the query's restrictions */
    bool simple;
    double *h_obj, *h_time, *h_cost; /* h_time/h_cost only when bounded */
    uint32_t gen;                    /* the current pass */
    uint32_t *head, *head_gen;       /* per state: first live label (valid at gen) */
    uint32_t *node_gen;              /* per node: == gen when the root visits it */
    uint32_t *node_seen, seen_gen;   /* per node: for checking a route's visits */
    int32_t *crit_bit;               /* per node: its bit in the visit masks, or -1 */
    uint32_t n_crit, words;          /* critical nodes; 64-bit mask words per label */
    GArray *labels, *masks;          /* clabel, uint64_t */
    citem_heap heap;
    uint64_t *scratch;               /* one mask */
    fr_csearch_stats stats;
};

#define LABEL(cs, i) (&g_array_index((cs)->labels, clabel, (i)))
/* A label's mask of critical nodes; NULL when there are none (words 0: the
 * masks array is empty, and an offset from its NULL data is undefined). */
#define MASK(cs, i)                                                                           \
    ((cs)->words ? &g_array_index((cs)->masks, uint64_t, (size_t)(i) * (cs)->words) : NULL)

fr_csearch *fr_csearch_new(const fr_vgraph *g, const fr_search_spec *spec, bool simple)
{
    size_t n_states = g->n_states ? g->n_states : 1, n_nodes = (size_t)g->n_nodes + 1;
    fr_csearch *cs = g_new0(fr_csearch, 1);
    cs->g = g;
    cs->spec = spec;
    fr_metric_init(&cs->metric, g, spec);
    cs->simple = simple;
    cs->h_obj = fr_lower_bounds(g, spec, FR_MEASURE_OBJECTIVE);
    if (spec->max_time < INFINITY)
        cs->h_time = fr_lower_bounds(g, spec, FR_MEASURE_TIME);
    if (spec->max_cost_teu < INFINITY)
        cs->h_cost = fr_lower_bounds(g, spec, FR_MEASURE_COST);
    cs->head = g_new(uint32_t, n_states);
    cs->head_gen = g_new0(uint32_t, n_states);
    cs->node_gen = g_new0(uint32_t, n_nodes);
    cs->node_seen = g_new0(uint32_t, n_nodes);
    cs->crit_bit = g_new(int32_t, n_nodes);
    memset(cs->crit_bit, -1, n_nodes * sizeof *cs->crit_bit);
    cs->labels = g_array_new(FALSE, FALSE, sizeof(clabel));
    cs->masks = g_array_new(FALSE, FALSE, sizeof(uint64_t));
    return cs;
}

void fr_csearch_free(fr_csearch *cs)
{
    if (!cs)
        return;
    g_free(cs->h_obj);
    g_free(cs->h_time);
    g_free(cs->h_cost);
    g_free(cs->head);
    g_free(cs->head_gen);
    g_free(cs->node_gen);
    g_free(cs->node_seen);
    g_free(cs->crit_bit);
    g_array_free(cs->labels, TRUE);
    g_array_free(cs->masks, TRUE);
    citem_heap_free(&cs->heap);
    g_free(cs->scratch);
    g_free(cs);
}

void fr_csearch_get_stats(const fr_csearch *cs, fr_csearch_stats *stats)
{
    *stats = cs->stats;
    stats->critical = cs->n_crit;
}

/* ---- dominance ------------------------------------------------------------ */

static bool mask_subset(const uint64_t *a, const uint64_t *b, uint32_t words)
{
    for (uint32_t w = 0; w < words; w++)
        if (a[w] & ~b[w])
            return false;
    return true;
}

static bool dominates(const fr_csearch *cs, const fr_key *a, const uint64_t *a_mask,
                      const fr_key *b, const uint64_t *b_mask)
{
    return fr_key_compare(a, b) <= 0 &&
           (!cs->h_time || fr_compare_figure(a->time, b->time) <= 0) &&
           (!cs->h_cost || fr_compare_figure(a->cost, b->cost) <= 0) &&
           mask_subset(a_mask, b_mask, cs->words);
}

/* True when a label at `state` dominates (g, mask); kills the open labels
 * there that (g, mask) dominates. */
static bool dominated(fr_csearch *cs, uint32_t state, const fr_key *g, const uint64_t *mask)
{
    if (cs->head_gen[state] != cs->gen) {
        cs->head_gen[state] = cs->gen;
        cs->head[state] = FR_NONE;
    }
    for (uint32_t *link = &cs->head[state]; *link != FR_NONE;) {
        clabel *other = LABEL(cs, *link);
        if (dominates(cs, &other->g, MASK(cs, *link), g, mask))
            return true;
        if (!other->closed && dominates(cs, g, mask, &other->g, MASK(cs, *link))) {
            other->dead = 1;
            *link = other->next;
        } else {
            link = &other->next;
        }
    }
    return false;
}

/* ---- labels --------------------------------------------------------------- */

/* Adds a label for reaching `state` with totals g and visit mask cs->scratch,
 * unless a bound, the problem's key bound or a label there rules it out. */
static void try_add(fr_csearch *cs, const fr_csearch_problem *p, uint32_t state, const fr_key *g,
                    uint32_t parent, uint32_t edge)
{
    const fr_search_spec *spec = cs->spec;
    double h = cs->h_obj[state];
    if (h == INFINITY)
        return;
    if (cs->h_time && fr_compare_figure(g->time + cs->h_time[state], spec->max_time) > 0)
        return;
    if (cs->h_cost && fr_compare_figure(g->cost + cs->h_cost[state], spec->max_cost_teu) > 0)
        return;
    citem item = {*g, cs->labels->len};
    item.f.obj += h;
    if (p->bound && fr_key_compare(&item.f, p->bound) >= 0)
        return;
    if (dominated(cs, state, g, cs->scratch))
        return;
    clabel label = {*g, state, parent, edge, cs->head[state], 0, 0, parent == FR_NONE};
    g_array_append_val(cs->labels, label);
    if (cs->words)
        g_array_append_vals(cs->masks, cs->scratch, cs->words);
    cs->head[state] = item.label;
    citem_heap_push(&cs->heap, &item, NULL);
    cs->stats.labels++;
}

static bool banned(const fr_csearch_problem *p, uint32_t e)
{
    for (uint32_t i = 0; i < p->n_banned; i++)
        if (p->banned[i] == e)
            return true;
    return false;
}

static void expand(fr_csearch *cs, const fr_csearch_problem *p, uint32_t index)
{
    const fr_vgraph *g = cs->g;
    clabel label = *LABEL(cs, index);
    for (uint32_t e = g->out_start[label.state]; e < g->out_start[label.state + 1]; e++) {
        uint32_t t = g->edge_to[e];
        if (!fr_metric_usable(&cs->metric, e) || (label.start && banned(p, e)))
            continue;
        if (cs->words)
            memcpy(cs->scratch, &g_array_index(cs->masks, uint64_t, (size_t)index * cs->words),
                   cs->words * sizeof(uint64_t));
        bool link = g->edge_kind[e] == FR_VEDGE_LINK || g->edge_kind[e] == FR_VEDGE_REVERSE;
        if (cs->simple && link) {
            uint32_t node = g->state_node[t];
            int32_t bit = cs->crit_bit[node];
            if (cs->node_gen[node] == cs->gen)
                continue; /* the root was there */
            if (bit >= 0 && (cs->scratch[bit / 64] >> (bit % 64) & 1u))
                continue; /* this route was there */
            if (bit >= 0)
                cs->scratch[bit / 64] |= (uint64_t)1 << (bit % 64);
        }
        fr_key next = {label.g.obj + fr_metric_weight(&cs->metric, e), label.g.time + g->time[e],
                       label.g.cost + g->cost[e], label.g.edges + 1};
        try_add(cs, p, t, &next, index, e);
    }
}

/* ---- one pass ------------------------------------------------------------- */

/* Starts a pass: new generation, the root's nodes stamped, empty pools. */
static void begin_pass(fr_csearch *cs, const fr_csearch_problem *p)
{
    const fr_vgraph *g = cs->g;
    if (++cs->gen == 0) { /* wrapped: stamps from 2^32 passes ago would match */
        memset(cs->head_gen, 0, (g->n_states ? g->n_states : 1) * sizeof *cs->head_gen);
        memset(cs->node_gen, 0, ((size_t)g->n_nodes + 1) * sizeof *cs->node_gen);
        cs->gen = 1;
    }
    cs->node_gen[cs->spec->origin] = cs->gen;
    for (uint32_t i = 0; i < p->n_root; i++)
        cs->node_gen[g->state_node[g->edge_to[p->root[i]]]] = cs->gen;
    cs->words = (cs->n_crit + 63) / 64;
    g_free(cs->scratch);
    cs->scratch = g_new0(uint64_t, cs->words ? cs->words : 1);
    g_array_set_size(cs->labels, 0);
    g_array_set_size(cs->masks, 0);
    citem_heap_clear(&cs->heap);
}

static void seed(fr_csearch *cs, const fr_csearch_problem *p)
{
    const fr_vgraph *g = cs->g;
    fr_key start = {0, 0, 0, 0};
    if (p->n_root > 0) {
        for (uint32_t i = 0; i < p->n_root; i++) {
            uint32_t e = p->root[i];
            start = (fr_key){start.obj + fr_metric_weight(&cs->metric, e), start.time + g->time[e],
                             start.cost + g->cost[e], start.edges + 1};
        }
        try_add(cs, p, g->edge_to[p->root[p->n_root - 1]], &start, FR_NONE, FR_NONE);
        return;
    }
    uint32_t roots[FR_MODE_COUNT];
    uint32_t n_roots = fr_node_states(g, cs->spec->origin, true, roots);
    for (uint32_t i = 0; i < n_roots; i++)
        try_add(cs, p, roots[i], &start, FR_NONE, FR_NONE);
}

/* The whole route of a settled label: the root, then the label's edges. */
static GArray *trace(const fr_csearch *cs, const fr_csearch_problem *p, uint32_t index)
{
    GArray *tail = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (const clabel *l = LABEL(cs, index); l->parent != FR_NONE; l = LABEL(cs, l->parent))
        g_array_append_val(tail, l->edge);
    GArray *path = g_array_sized_new(FALSE, FALSE, sizeof(uint32_t), p->n_root + tail->len);
    g_array_append_vals(path, p->root, p->n_root);
    for (guint i = tail->len; i-- > 0;)
        g_array_append_val(path, g_array_index(tail, uint32_t, i));
    g_array_free(tail, TRUE);
    return path;
}

static GArray *search_pass(fr_csearch *cs, const fr_csearch_problem *p, fr_key *key)
{
    const fr_vgraph *g = cs->g;
    begin_pass(cs, p);
    seed(cs, p);
    cs->stats.searches++;
    while (cs->heap.len > 0) {
        if (fr_cancel_poll(cs->spec->cancel))
            return NULL; /* the caller sees fr_cancel_cancelled() */
        citem top = citem_heap_pop(&cs->heap, NULL);
        clabel *label = LABEL(cs, top.label);
        if (label->dead)
            continue;
        label->closed = 1;
        if (fr_state_is_target(g, cs->spec, label->state)) {
            *key = label->g;
            return trace(cs, p, top.label);
        }
        expand(cs, p, top.label);
    }
    return NULL;
}

/* ---- refinement: nodes entered twice become critical ---------------------- */

typedef enum { ROUTE_SIMPLE, ROUTE_REFINED, ROUTE_STUCK } repeat_result;

static repeat_result mark_repeats(fr_csearch *cs, const GArray *path)
{
    const fr_vgraph *g = cs->g;
    if (++cs->seen_gen == 0) {
        memset(cs->node_seen, 0, ((size_t)g->n_nodes + 1) * sizeof *cs->node_seen);
        cs->seen_gen = 1;
    }
    cs->node_seen[cs->spec->origin] = cs->seen_gen;
    bool repeated = false, refined = false;
    for (guint i = 0; i < path->len; i++) {
        uint32_t e = g_array_index(path, uint32_t, i);
        if (g->edge_kind[e] != FR_VEDGE_LINK && g->edge_kind[e] != FR_VEDGE_REVERSE)
            continue;
        uint32_t node = g->state_node[g->edge_to[e]];
        if (cs->node_seen[node] != cs->seen_gen) {
            cs->node_seen[node] = cs->seen_gen;
            continue;
        }
        repeated = true;
        if (cs->crit_bit[node] < 0) {
            cs->crit_bit[node] = (int32_t)cs->n_crit++;
            refined = true;
        }
    }
    return !repeated ? ROUTE_SIMPLE : refined ? ROUTE_REFINED : ROUTE_STUCK;
}

GArray *fr_csearch_run(fr_csearch *cs, const fr_csearch_problem *p, fr_key *key)
{
    for (;;) {
        GArray *path = search_pass(cs, p, key);
        if (!path || !cs->simple)
            return path;
        repeat_result r = mark_repeats(cs, path);
        if (r == ROUTE_SIMPLE)
            return path;
        g_array_free(path, TRUE);
        /* A critical node cannot be entered twice, so a pass never repeats
         * one: ROUTE_STUCK would be a bug, reported as "no route" rather
         * than as a route that breaks the rule. */
        if (r == ROUTE_STUCK)
            return NULL;
        cs->stats.refinements++;
    }
}

GArray *fr_search_bounded_path(const fr_vgraph *g, const fr_search_spec *spec)
{
    fr_csearch *cs = fr_csearch_new(g, spec, false);
    fr_csearch_problem problem = {0};
    fr_key key;
    GArray *path = fr_csearch_run(cs, &problem, &key);
    fr_csearch_free(cs);
    return path;
}
