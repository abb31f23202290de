/* network.h - the library's internal model: nodes, links, transfers, emission
 * factors and the virtual graph of FORMAT.md §2, shared by the loader, the
 * graph builder, the searches and the renderers. Not installed. */
#ifndef FR_NETWORK_H
#define FR_NETWORK_H

#include "freightroute.h"

#include <igraph.h>
#include <stdint.h>

typedef struct {
    const char *id, *name, *country, *source; /* in the network's string chunk */
    fr_node_kind kind;
    double lat, lon, dwell_h, dwell_usd;
} fr_node;

typedef struct {
    const char *id, *rev_id, *corridor, *source; /* rev_id NULL unless bidirectional */
    uint32_t from, to;                           /* node indices */
    int32_t corridor_index;                      /* -1 when the link has no corridor */
    fr_mode mode;
    double distance_km, time_h, cost_usd, co2_kg;
    bool bidirectional;
} fr_link;

typedef struct {
    uint32_t node;
    fr_mode from_mode, to_mode;
    double time_h, cost_usd, co2_kg;
    const char *source;
} fr_transfer;

/* What a virtual edge stands for. */
typedef enum {
    FR_VEDGE_LINK,    /* ref: link index, forward */
    FR_VEDGE_REVERSE, /* ref: link index, the to->from direction of a bidirectional link */
    FR_VEDGE_DWELL,   /* ref: node index; IN(v,m) -> OUT(v,m) */
    FR_VEDGE_TRANSFER /* ref: transfer index; IN(v,m1) -> OUT(v,m2) */
} fr_vedge_kind;

#define FR_EDGE_NO_MODE 0xFF

/* What fr_network_prepare() made for one objective (NULL: not prepared). */
typedef struct {
    struct fr_landmarks *landmarks;
    struct fr_ch *ch;
} fr_prepared;

/* The virtual graph. States are numbered 2*slot (IN) and 2*slot+1 (OUT),
 * one slot per (node, mode) pair in use. Edges are numbered in order of
 * their start state: the out-edges of s are the ids out_start[s] ..
 * out_start[s+1] - 1, so the per-edge arrays are a forward CSR in
 * structure-of-arrays form. The in-edges of s are the ids
 * in_edges[in_start[s] .. in_start[s+1]). */
typedef struct {
    igraph_t graph; /* the same graph in igraph, for algorithms and tests */
    bool has_igraph;
    uint32_t n_states, n_edges;
    uint32_t *state_node; /* per state */
    uint8_t *state_mode;  /* per state */
    int32_t *slot_of;     /* node * FR_MODE_COUNT + mode -> slot, or -1 */
    uint32_t *edge_from, *edge_to, *edge_ref;
    uint8_t *edge_kind;
    double *cost, *time, *co2, *distance; /* per edge, per TEU */
    uint8_t *edge_mode;     /* per edge: the link's mode, FR_EDGE_NO_MODE otherwise */
    int32_t *edge_corridor; /* per edge: the link's corridor index, or -1 */
    uint32_t *out_start;    /* n_states + 1 */
    uint32_t *in_start, *in_edges; /* in-edges, for backward searches */
    fr_prepared prepared[FR_OBJECTIVE_COUNT];
} fr_vgraph;

struct fr_network {
    GStringChunk *strings;
    GArray *nodes;     /* fr_node */
    GArray *links;     /* fr_link */
    GArray *transfers; /* fr_transfer */
    GHashTable *node_index;      /* id -> GUINT_TO_POINTER(index + 1) */
    GPtrArray *corridors;        /* const char *, index = corridor_index */
    GPtrArray *warnings;         /* char *, NULL-terminated */
    double co2_factor[FR_MODE_COUNT];
    fr_vgraph vgraph;
};

#define FR_NODE(net, i) (&g_array_index((net)->nodes, fr_node, (i)))
#define FR_LINK(net, i) (&g_array_index((net)->links, fr_link, (i)))
#define FR_TRANSFER(net, i) (&g_array_index((net)->transfers, fr_transfer, (i)))

static inline uint32_t fr_state_in(uint32_t slot) { return 2 * slot; }
static inline uint32_t fr_state_out(uint32_t slot) { return 2 * slot + 1; }
static inline bool fr_state_is_out(uint32_t state) { return state & 1u; }

/* network.c */
fr_network *fr_network_new_empty(void);
bool fr_node_kind_from_name(const char *name, fr_node_kind *out);
/* -1 when the id is unknown. */
long fr_network_node_lookup(const fr_network *net, const char *id);
int32_t fr_network_corridor_lookup(const fr_network *net, const char *corridor);
void fr_network_add_warning(fr_network *net, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* load.c: a network from CSV files supplied by `source` (a directory, the
 * embedded resources). read() sets *missing for a file that does not exist. */
typedef struct {
    bool (*read)(void *context, const char *file, char **contents, gsize *len, bool *missing,
                 GError **error);
    void *context;
    const char *where; /* for messages: the directory, or "the embedded network" */
} fr_file_source;
fr_network *fr_network_load_source(const fr_file_source *source, GError **error);

/* graph.c: expands the model into net->vgraph; false on failure. */
bool fr_vgraph_build(fr_network *net, GError **error);
void fr_vgraph_clear(fr_vgraph *vgraph);

/* prepare.c: frees what fr_network_prepare() made. */
void fr_prepared_clear(fr_prepared *prepared);

/* igraph_guard.c: run igraph with its errors returned, never aborting. */
void fr_igraph_enter(void);
void fr_igraph_leave(void);

#endif /* FR_NETWORK_H */
