/* metric.h - what a search weighs and may use: the figure of a virtual edge
 * for the query's objective (or another measure), and whether the query's
 * restrictions (avoided nodes, countries, corridors; allowed modes) let a
 * search take the edge. Every search reads edges through this module. */
#ifndef FR_METRIC_H
#define FR_METRIC_H

#include "query.h"
#include "vgraph.h"

/* A figure of an edge, per TEU. */
typedef enum { FR_MEASURE_COST, FR_MEASURE_TIME, FR_MEASURE_CO2, FR_MEASURE_OBJECTIVE } fr_measure;

typedef struct {
    const fr_vgraph *g;
    const double *weight; /* the figure per edge, or NULL: generalized cost */
    double value_of_time, carbon_price; /* for the generalized cost */
    bool restricted;     /* false: every edge is usable (no filter runs) */
    const fr_search_spec *spec; /* the filter when restricted */
} fr_metric;

/* The query's objective under its restrictions. */
void fr_metric_init(fr_metric *m, const fr_vgraph *g, const fr_search_spec *spec);
/* A measure under the query's restrictions. */
void fr_metric_measure(fr_metric *m, const fr_vgraph *g, const fr_search_spec *spec,
                       fr_measure measure);
/* An objective with no restrictions (cost, time, co2 or distance), as
 * preprocessing sees the graph. */
void fr_metric_plain(fr_metric *m, const fr_vgraph *g, fr_objective objective);

/* The metric's figure of virtual edge e, per TEU. */
static inline double fr_metric_weight(const fr_metric *m, uint32_t e)
{
    const fr_vgraph *g = m->g;
    return m->weight ? m->weight[e]
                     : g->cost[e] + m->value_of_time * g->time[e] + m->carbon_price * g->co2[e];
}

/* May a search take virtual edge e? Blocked nodes cannot be entered; link
 * edges need an allowed mode and a corridor that is not avoided. */
static inline bool fr_metric_usable(const fr_metric *m, uint32_t e)
{
    if (!m->restricted)
        return true;
    const fr_vgraph *g = m->g;
    const fr_search_spec *spec = m->spec;
    if (spec->node_blocked[g->state_node[g->edge_to[e]]])
        return false;
    uint8_t mode = g->edge_mode[e];
    int32_t corridor = g->edge_corridor[e];
    return mode == FR_EDGE_NO_MODE || ((spec->modes & FR_MODE_BIT(mode)) &&
                                       (corridor < 0 || !spec->corridor_blocked[corridor]));
}

static inline bool fr_state_is_target(const fr_vgraph *g, const fr_search_spec *spec, uint32_t s)
{
    return !fr_state_is_out(s) && g->state_node[s] == spec->destination;
}

#endif /* FR_METRIC_H */
