/* network.h - the network handle behind the public fr_network: the loaded
 * model, its virtual graph, and what fr_network_prepare() made for each
 * objective. Only the api layer sees inside it; the layers below take the
 * model or the graph. */
#ifndef FR_NETWORK_H
#define FR_NETWORK_H

#include "ch.h"
#include "dateview.h"
#include "landmarks.h"
#include "route.h"
#include "timetable.h"

/* What fr_network_prepare() made for one objective (NULL: not prepared). */
typedef struct {
    fr_landmarks *landmarks;
    fr_ch *ch;
} fr_prepared;

struct fr_network {
    fr_model model;
    fr_vgraph vgraph; /* as undated queries see it on the reference date (§5) */
    fr_prepared prepared[FR_OBJECTIVE_COUNT];
    /* Dated queries (§5): the graph of running times (a copy only when the
     * model is dated; else `vgraph` itself) and its timetable. */
    fr_vgraph running_copy;
    const fr_vgraph *running;
    fr_timetable timetable;
    GDateTime *reference_date; /* network.csv's, at midnight UTC; NULL: none */
};

/* A network loaded from the files of `source`, its graph built; NULL with
 * the loader's error. */
fr_network *fr_network_load_source(const fr_file_source *source, GError **error);

/* What routes found on net are built from. */
static inline fr_route_context fr_network_route_context(const fr_network *net)
{
    return (fr_route_context){net, &net->model, &net->vgraph};
}

/* Builds the graphs (and timetable) of a network whose model is loaded. */
bool fr_network_build_graphs(fr_network *net, GError **error);

/* The graph an undated spec is answered on: the network's own when the
 * spec's date is the reference date (or the network is not dated), else
 * one built for the date into *scratch (clear it after). */
const fr_vgraph *fr_network_graph_on(const fr_network *net, const fr_search_spec *spec,
                                     fr_vgraph *scratch, GError **error);

/* prepare.c: frees what fr_network_prepare() made for every objective. */
void fr_network_clear_prepared(fr_network *net);
/* prepare.c: can fr_network_prepare() prepare this objective? */
bool fr_objective_preparable(fr_objective objective);

#endif /* FR_NETWORK_H */
