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
    fr_lifetime lifetime; /* fr_network_ref()/_unref(); routes and the rest hold it too */
    fr_model model;
    fr_vgraph vgraph; /* as undated queries see it on the reference date (§5) */
    fr_prepared prepared[FR_OBJECTIVE_COUNT];
    /* Dated queries (§5): the graph of running times (a copy only when the
     * model is dated; else `vgraph` itself) and its timetable. */
    fr_vgraph running_copy;
    const fr_vgraph *running;
    fr_timetable timetable;
    GDateTime *reference_date; /* network.csv's, at midnight UTC; NULL: none */
    /* Sorted distinct corridor labels and countries, NULL-terminated, made
     * with the graphs (network_read.c); the strings are the model's. */
    const char **corridor_list;
    const char **country_list;
};

/* A new network handle with one reference, zeroed (fr_model_init() or
 * fr_model_copy() fills its model); every network is made here, and
 * fr_network_unref() frees what it holds. */
fr_network *fr_network_alloc(void);

/* A network loaded from the files of `source`, its graph built; NULL with
 * the loader's error. */
fr_network *fr_network_load_source(const fr_file_source *source, GError **error);

/* What routes found on net are built from. A route holds a reference to
 * net: the count changes on a const network (it is not part of its value). */
static inline fr_route_context fr_network_route_context(const fr_network *net)
{
    return (fr_route_context){net, (fr_lifetime *)&net->lifetime, &net->model, &net->vgraph};
}

/* Misuse (freightroute.h): true when `arg` is given, else false with an
 * FR_ERROR_QUERY naming the function and the argument. */
static inline bool fr_arg_given(const void *arg, const char *function, const char *name,
                                GError **error)
{
    if (arg)
        return true;
    g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "%s: no %s given (NULL)", function, name);
    return false;
}

/* Builds the graphs (and timetable) of a network whose model is loaded. */
bool fr_network_build_graphs(fr_network *net, GError **error);

/* The graph an undated spec is answered on: the network's own when the
 * spec's date is the reference date (or the network is not dated), else
 * one built for the date into *scratch (clear it after). */
const fr_vgraph *fr_network_graph_on(const fr_network *net, const fr_search_spec *spec,
                                     fr_vgraph *scratch, GError **error);

/* network_read.c: fills corridor_list and country_list from the model. */
void fr_network_build_lists(fr_network *net);

/* prepare.c: frees what fr_network_prepare() made for every objective. */
void fr_network_clear_prepared(fr_network *net);
/* prepare.c: can fr_network_prepare() prepare this objective? */
bool fr_objective_preparable(fr_objective objective);

#endif /* FR_NETWORK_H */
