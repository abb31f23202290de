/* vgraph.c - expands a loaded network into the virtual graph of FORMAT.md §2.
 *
 * Each (node, mode) pair that some link uses gets a slot with two states,
 * IN and OUT. Edges: every link OUT(u,m) -> IN(v,m) (and back for
 * bidirectional links), a pass-through IN(v,m) -> OUT(v,m) charging the
 * node's dwell, and a transfer IN(v,m1) -> OUT(v,m2) for every transfer row
 * whose two modes are both in use at v. The graph is kept as edge arrays
 * sorted by start state (a forward CSR in structure-of-arrays form) with
 * an index of in-edges for backward search. Built once, then immutable. */
#include "vgraph.h"

#include <math.h>
#include <string.h>

typedef struct {
    fr_vgraph *g;
    const fr_vgraph_view *view; /* NULL: every row as loaded */
    uint32_t next;              /* next edge id */
} edge_builder;

/* The time of a link direction in the view: the link's own without one;
 * NAN when the view drops it. */
static double view_link_time(const fr_vgraph_view *view, const fr_model *model, guint link,
                             bool reverse)
{
    const fr_link *l = FR_LINK(model, link);
    if (!view)
        return l->time_h;
    if (view->node_closed && (view->node_closed[l->from] || view->node_closed[l->to]))
        return NAN;
    return view->link_time ? view->link_time[2 * (size_t)link + reverse] : l->time_h;
}

static bool view_node_open(const fr_vgraph_view *view, uint32_t node)
{
    return !view || !view->node_closed || !view->node_closed[node];
}

static void add_edge(edge_builder *b, uint32_t from, uint32_t to, fr_vedge_kind kind,
                     uint32_t ref, double cost, double time, double co2, double distance)
{
    fr_vgraph *g = b->g;
    uint32_t e = b->next++;
    g->edge_from[e] = from;
    g->edge_to[e] = to;
    g->edge_kind[e] = (uint8_t)kind;
    g->edge_ref[e] = ref;
    g->cost[e] = cost;
    g->time[e] = time;
    g->co2[e] = co2;
    g->distance[e] = distance;
}

/* Assigns a slot to every (node, mode) used by a link, by node then mode;
 * returns the slot count. */
static uint32_t assign_slots(const fr_model *model, fr_vgraph *g)
{
    uint32_t n_nodes = model->nodes->len;
    G_STATIC_ASSERT(FR_MODE_COUNT <= 8); /* a node's modes fit a byte */
    g->node_modes = g_new0(uint8_t, n_nodes ? n_nodes : 1);
    g->node_first_slot = g_new(uint32_t, n_nodes ? n_nodes : 1);
    for (guint i = 0; i < model->links->len; i++) {
        const fr_link *l = FR_LINK(model, i);
        g->node_modes[l->from] |= (uint8_t)(1u << l->mode);
        g->node_modes[l->to] |= (uint8_t)(1u << l->mode);
    }
    uint32_t n_slots = 0;
    for (uint32_t v = 0; v < n_nodes; v++) {
        g->node_first_slot[v] = n_slots;
        n_slots += (uint32_t)__builtin_popcount(g->node_modes[v]);
    }
    g->n_states = 2 * n_slots;
    g->state_node = g_new(uint32_t, g->n_states);
    g->state_mode = g_new(uint8_t, g->n_states);
    uint32_t s = 0; /* IN and OUT of each slot in turn: by node, then mode */
    for (uint32_t v = 0; v < n_nodes; v++)
        for (int m = 0; m < FR_MODE_COUNT; m++) {
            if (!(g->node_modes[v] >> m & 1u))
                continue;
            for (int in_out = 0; in_out < 2; in_out++, s++) {
                g->state_node[s] = v;
                g->state_mode[s] = (uint8_t)m;
            }
        }
    return n_slots;
}

static bool transfer_applies(const fr_vgraph *g, const fr_transfer *t)
{
    return fr_vgraph_slot(g, t->node, t->from_mode) >= 0 &&
           fr_vgraph_slot(g, t->node, t->to_mode) >= 0;
}

static void allocate_edges(fr_vgraph *g, uint32_t n)
{
    g->n_edges = n;
    g->edge_from = g_new(uint32_t, n);
    g->edge_to = g_new(uint32_t, n);
    g->edge_ref = g_new(uint32_t, n);
    g->edge_kind = g_new(uint8_t, n);
    g->cost = g_new(double, n);
    g->time = g_new(double, n);
    g->co2 = g_new(double, n);
    g->distance = g_new(double, n);
}

static void add_link_edges(const fr_model *model, edge_builder *b)
{
    const fr_vgraph *g = b->g;
    for (guint i = 0; i < model->links->len; i++) {
        const fr_link *l = FR_LINK(model, i);
        uint32_t from = (uint32_t)fr_vgraph_slot(g, l->from, l->mode);
        uint32_t to = (uint32_t)fr_vgraph_slot(g, l->to, l->mode);
        double time = view_link_time(b->view, model, i, false);
        if (!isnan(time))
            add_edge(b, fr_state_out(from), fr_state_in(to), FR_VEDGE_LINK, i, l->cost_usd, time,
                     l->co2_kg, l->distance_km);
        time = l->bidirectional ? view_link_time(b->view, model, i, true) : NAN;
        if (!isnan(time))
            add_edge(b, fr_state_out(to), fr_state_in(from), FR_VEDGE_REVERSE, i, l->cost_usd,
                     time, l->co2_kg, l->distance_km);
    }
}

static void add_node_edges(const fr_model *model, edge_builder *b)
{
    const fr_vgraph *g = b->g;
    for (uint32_t s = 0; s < g->n_states; s += 2) {
        const fr_node *n = FR_NODE(model, g->state_node[s]);
        if (view_node_open(b->view, g->state_node[s]))
            add_edge(b, s, s + 1, FR_VEDGE_DWELL, g->state_node[s], n->dwell_usd, n->dwell_h, 0,
                     0);
    }
    for (guint i = 0; i < model->transfers->len; i++) {
        const fr_transfer *t = FR_TRANSFER(model, i);
        if (!transfer_applies(g, t) || !view_node_open(b->view, t->node))
            continue;
        const fr_node *n = FR_NODE(model, t->node);
        uint32_t from = fr_state_in((uint32_t)fr_vgraph_slot(g, t->node, t->from_mode));
        uint32_t to = fr_state_out((uint32_t)fr_vgraph_slot(g, t->node, t->to_mode));
        add_edge(b, from, to, FR_VEDGE_TRANSFER, i, n->dwell_usd + t->cost_usd,
                 n->dwell_h + t->time_h, t->co2_kg, 0);
    }
}

/* Row starts of a compressed adjacency: start[s] .. start[s+1] index the
 * edges whose `key` (start or end state) is s, after a stable counting sort. */
static uint32_t *count_rows(const fr_vgraph *g, const uint32_t *key)
{
    uint32_t *start = g_new0(uint32_t, (size_t)g->n_states + 1);
    for (uint32_t e = 0; e < g->n_edges; e++)
        start[key[e] + 1]++;
    for (uint32_t s = 0; s < g->n_states; s++)
        start[s + 1] += start[s];
    return start;
}

/* The position of every edge in the stable counting sort on `key`. */
static uint32_t *sort_positions(const fr_vgraph *g, const uint32_t *start, const uint32_t *key)
{
    uint32_t *fill = g_memdup2(start, ((size_t)g->n_states + 1) * sizeof *fill);
    uint32_t *position = g_new(uint32_t, g->n_edges ? g->n_edges : 1);
    for (uint32_t e = 0; e < g->n_edges; e++)
        position[e] = fill[key[e]]++;
    g_free(fill);
    return position;
}

#define PERMUTE(array, type, position, n)                                                \
    do {                                                                                 \
        type *sorted = g_new(type, (n) ? (n) : 1);                                       \
        for (uint32_t e = 0; e < (n); e++)                                               \
            sorted[(position)[e]] = (array)[e];                                          \
        g_free(array);                                                                   \
        (array) = sorted;                                                                \
    } while (0)

/* Renumbers the edges in order of their start state (stably, so each
 * state's out-edges keep their order): the out-edges of s are then the ids
 * out_start[s] .. out_start[s+1] and the per-edge arrays are the forward
 * CSR the searches scan. In-edges are listed by id in in_start/in_edges. */
static void sort_edges(fr_vgraph *g)
{
    g->out_start = count_rows(g, g->edge_from);
    uint32_t *position = sort_positions(g, g->out_start, g->edge_from);
    uint32_t n = g->n_edges;
    PERMUTE(g->edge_from, uint32_t, position, n);
    PERMUTE(g->edge_to, uint32_t, position, n);
    PERMUTE(g->edge_ref, uint32_t, position, n);
    PERMUTE(g->edge_kind, uint8_t, position, n);
    PERMUTE(g->cost, double, position, n);
    PERMUTE(g->time, double, position, n);
    PERMUTE(g->co2, double, position, n);
    PERMUTE(g->distance, double, position, n);
    g_free(position);
    g->in_start = count_rows(g, g->edge_to);
    position = sort_positions(g, g->in_start, g->edge_to);
    g->in_edges = g_new(uint32_t, n ? n : 1);
    for (uint32_t e = 0; e < n; e++)
        g->in_edges[position[e]] = e;
    g_free(position);
}

/* What a query's restrictions need per edge: the link's mode (FR_EDGE_NO_MODE
 * for dwells and transfers) and corridor index (-1: none). */
static void index_edge_filters(const fr_model *model, fr_vgraph *g)
{
    g->edge_mode = g_new(uint8_t, g->n_edges ? g->n_edges : 1);
    g->edge_corridor = g_new(int32_t, g->n_edges ? g->n_edges : 1);
    for (uint32_t e = 0; e < g->n_edges; e++) {
        bool is_link = g->edge_kind[e] == FR_VEDGE_LINK || g->edge_kind[e] == FR_VEDGE_REVERSE;
        const fr_link *l = is_link ? FR_LINK(model, g->edge_ref[e]) : NULL;
        g->edge_mode[e] = l ? (uint8_t)l->mode : FR_EDGE_NO_MODE;
        g->edge_corridor[e] = l ? l->corridor_index : -1;
    }
}

/* How many edges the graph will have (at most, with a view). */
static uint64_t count_edges(const fr_model *model, const fr_vgraph *g, uint32_t n_slots)
{
    uint64_t n_edges = n_slots;
    for (guint i = 0; i < model->links->len; i++)
        n_edges += FR_LINK(model, i)->bidirectional ? 2 : 1;
    for (guint i = 0; i < model->transfers->len; i++)
        n_edges += transfer_applies(g, FR_TRANSFER(model, i));
    return n_edges;
}

bool fr_vgraph_build(fr_vgraph *g, const fr_model *model, GError **error)
{
    return fr_vgraph_build_view(g, model, NULL, error);
}

bool fr_vgraph_build_view(fr_vgraph *g, const fr_model *model, const fr_vgraph_view *view,
                          GError **error)
{
    g->n_nodes = model->nodes->len;
    uint32_t n_slots = assign_slots(model, g);
    uint64_t n_edges = count_edges(model, g, n_slots);
    if (n_edges >= UINT32_MAX || g->n_states >= UINT32_MAX / 2) {
        g_set_error(error, FR_ERROR, FR_ERROR_INVALID,
                    "network too large: %" G_GUINT64_FORMAT " virtual edges", n_edges);
        return false;
    }
    allocate_edges(g, (uint32_t)n_edges);
    edge_builder b = {g, view, 0};
    add_link_edges(model, &b);
    add_node_edges(model, &b);
    g->n_edges = b.next; /* a view may have dropped some */
    sort_edges(g);
    index_edge_filters(model, g);
    return true;
}

void fr_vgraph_clear(fr_vgraph *g)
{
    g_free(g->node_first_slot);
    g_free(g->node_modes);
    g_free(g->state_node);
    g_free(g->state_mode);
    g_free(g->edge_from);
    g_free(g->edge_to);
    g_free(g->edge_ref);
    g_free(g->edge_kind);
    g_free(g->cost);
    g_free(g->time);
    g_free(g->co2);
    g_free(g->distance);
    g_free(g->edge_mode);
    g_free(g->edge_corridor);
    g_free(g->out_start);
    g_free(g->in_start);
    g_free(g->in_edges);
    memset(g, 0, sizeof *g);
}

uint32_t fr_node_states(const fr_vgraph *g, uint32_t node, bool out, uint32_t *states)
{
    uint32_t n = 0;
    for (int m = 0; m < FR_MODE_COUNT; m++) {
        int32_t slot = fr_vgraph_slot(g, node, (fr_mode)m);
        if (slot >= 0)
            states[n++] = out ? fr_state_out((uint32_t)slot) : fr_state_in((uint32_t)slot);
    }
    return n;
}
