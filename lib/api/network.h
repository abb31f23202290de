/* network.h - the network handle behind the public fr_network: the loaded
 * model, its virtual graph, and what fr_network_prepare() made for each
 * objective. Only the api layer sees inside it; the layers below take the
 * model or the graph. */
#ifndef FR_NETWORK_H
#define FR_NETWORK_H

#include "ch.h"
#include "landmarks.h"
#include "route.h"

/* What fr_network_prepare() made for one objective (NULL: not prepared). */
typedef struct {
    fr_landmarks *landmarks;
    fr_ch *ch;
} fr_prepared;

struct fr_network {
    fr_model model;
    fr_vgraph vgraph;
    fr_prepared prepared[FR_OBJECTIVE_COUNT];
};

/* A network loaded from the files of `source`, its graph built; NULL with
 * the loader's error. */
fr_network *fr_network_load_source(const fr_file_source *source, GError **error);

/* What routes found on net are built from. */
static inline fr_route_context fr_network_route_context(const fr_network *net)
{
    return (fr_route_context){net, &net->model, &net->vgraph};
}

/* prepare.c: frees what fr_network_prepare() made for every objective. */
void fr_network_clear_prepared(fr_network *net);
/* prepare.c: can fr_network_prepare() prepare this objective? */
bool fr_objective_preparable(fr_objective objective);

#endif /* FR_NETWORK_H */
