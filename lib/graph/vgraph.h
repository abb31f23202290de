/* vgraph.h - the virtual graph of FORMAT.md §2, built once from a model and
 * immutable after: (node, mode) states, and virtual edges for links,
 * dwells and transfers with their figures per TEU, as a forward CSR with
 * an in-edge index. Every search runs on it. */
#ifndef FR_VGRAPH_H
#define FR_VGRAPH_H

#include "model.h"

/* What a virtual edge stands for. */
typedef enum {
    FR_VEDGE_LINK,    /* ref: link index, forward */
    FR_VEDGE_REVERSE, /* ref: link index, the to->from direction of a bidirectional link */
    FR_VEDGE_DWELL,   /* ref: node index; IN(v,m) -> OUT(v,m) */
    FR_VEDGE_TRANSFER /* ref: transfer index; IN(v,m1) -> OUT(v,m2) */
} fr_vedge_kind;

#define FR_EDGE_NO_MODE 0xFF
/* No state, edge or index. */
#define FR_NONE UINT32_MAX

/* States are numbered 2*slot (IN) and 2*slot+1 (OUT), one slot per (node,
 * mode) pair in use. Edges are numbered in order of their start state: the
 * out-edges of s are the ids out_start[s] .. out_start[s+1] - 1, so the
 * per-edge arrays are a forward CSR in structure-of-arrays form. The
 * in-edges of s are the ids in_edges[in_start[s] .. in_start[s+1]). */
typedef struct {
    uint32_t n_nodes; /* of the model it was built from */
    uint32_t n_states, n_edges;
    uint32_t *state_node; /* per state */
    uint8_t *state_mode;  /* per state */
    uint32_t *node_first_slot; /* per node: its first slot (fr_vgraph_slot()) */
    uint8_t *node_modes;       /* per node: bit m set when (node, m) has a slot */
    uint32_t *edge_from, *edge_to, *edge_ref;
    uint8_t *edge_kind;
    double *cost, *time, *co2, *distance; /* per edge, per TEU */
    uint8_t *edge_mode;     /* per edge: the link's mode, FR_EDGE_NO_MODE otherwise */
    int32_t *edge_corridor; /* per edge: the link's corridor index, or -1 */
    uint32_t *out_start;    /* n_states + 1 */
    uint32_t *in_start, *in_edges; /* in-edges, for backward searches */
} fr_vgraph;

static inline uint32_t fr_state_in(uint32_t slot) { return 2 * slot; }
static inline uint32_t fr_state_out(uint32_t slot) { return 2 * slot + 1; }
static inline bool fr_state_is_out(uint32_t state) { return state & 1u; }

/* The slot of (node, mode), or -1 when no link of that mode touches the
 * node: slots are numbered by node, then mode. */
static inline int32_t fr_vgraph_slot(const fr_vgraph *g, uint32_t node, fr_mode mode)
{
    unsigned modes = g->node_modes[node];
    if (!(modes >> mode & 1u))
        return -1;
    return (int32_t)(g->node_first_slot[node] +
                     (uint32_t)__builtin_popcount(modes & ((1u << mode) - 1u)));
}

/* A path's figures per TEU and its transfers, summed edge by edge in path
 * order: the order a route's totals are summed in (result/route.c), so
 * sums made this way equal them to the bit. Start from {0}. */
typedef struct {
    double cost, time, co2, distance;
    uint32_t transfers;
} fr_path_sums;

static inline void fr_path_sums_add(fr_path_sums *s, const fr_vgraph *g, uint32_t e)
{
    s->cost += g->cost[e];
    s->time += g->time[e];
    s->co2 += g->co2[e];
    s->distance += g->distance[e];
    s->transfers += g->edge_kind[e] == FR_VEDGE_TRANSFER;
}

/* Expands the model into g (zeroed or cleared); false with an
 * FR_ERROR_INVALID when the graph would be too large. */
bool fr_vgraph_build(fr_vgraph *g, const fr_model *model, GError **error);

/* The network as an undated query sees it on one date (FORMAT.md §5,
 * dateview.c): per link direction ([2 * link + reverse]) its time, NAN when
 * it does not exist that day; per node whether it is closed (no edge at
 * it). Either array may be NULL: the rows as loaded. */
typedef struct {
    double *link_time;
    bool *node_closed;
} fr_vgraph_view;
bool fr_vgraph_build_view(fr_vgraph *g, const fr_model *model, const fr_vgraph_view *view,
                          GError **error);
void fr_vgraph_clear(fr_vgraph *g);

/* The states a route may start at (OUT(node, .)) or end at (IN(node, .));
 * returns how many (at most FR_MODE_COUNT) written to states[]. */
uint32_t fr_node_states(const fr_vgraph *g, uint32_t node, bool out, uint32_t *states);

#endif /* FR_VGRAPH_H */
