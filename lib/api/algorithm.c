/* algorithm.c - the choice of algorithm for an unbounded query (what
 * FR_ALGORITHM_AUTO picks, and why an explicit algorithm cannot answer) and
 * running it: plain or bidirectional Dijkstra, A* with the prepared
 * landmarks, or the prepared contraction hierarchy. */
#include "algorithm.h"

#include "engine_side.h"
#include "error.h"

/* Below this many states plain Dijkstra beats starting two searches. */
#define BIDIRECTIONAL_MIN_STATES 20000

/* Why `algorithm` cannot answer an unbounded spec, or NULL when it can. */
static const char *unusable(const fr_network *net, const fr_search_spec *spec,
                            fr_algorithm algorithm, bool restricted)
{
    const fr_prepared *prepared =
        fr_objective_preparable(spec->objective) ? &net->prepared[spec->objective] : NULL;
    if (algorithm == FR_ALGORITHM_LANDMARKS && !(prepared && prepared->landmarks))
        return "no landmarks are prepared for this objective (fr_network_prepare)";
    if (algorithm == FR_ALGORITHM_CH && !(prepared && prepared->ch))
        return "no contraction hierarchies are prepared for this objective (fr_network_prepare)";
    if (algorithm == FR_ALGORITHM_CH && restricted)
        return "contraction hierarchies answer only queries without avoided places or mode "
               "limits";
    return NULL;
}

fr_algorithm fr_choose_algorithm(const fr_network *net, const fr_search_spec *spec,
                                 GError **error)
{
    bool restricted = spec->restricted;
    if (spec->algorithm != FR_ALGORITHM_AUTO) {
        const char *why = unusable(net, spec, spec->algorithm, restricted);
        if (why) {
            fr_query_error(error, "algorithm '%s' cannot answer this query: %s",
                           fr_algorithm_name(spec->algorithm), why);
            return FR_ALGORITHM_AUTO;
        }
        return spec->algorithm;
    }
    if (!unusable(net, spec, FR_ALGORITHM_CH, restricted))
        return FR_ALGORITHM_CH;
    if (!unusable(net, spec, FR_ALGORITHM_LANDMARKS, restricted))
        return FR_ALGORITHM_LANDMARKS;
    return net->vgraph.n_states >= BIDIRECTIONAL_MIN_STATES ? FR_ALGORITHM_BIDIRECTIONAL
                                                             : FR_ALGORITHM_DIJKSTRA;
}

static bool route_ch(fr_workspace *ws, const fr_network *net, const fr_search_spec *spec,
                     fr_key *key, GArray *path)
{
    const fr_vgraph *g = &net->vgraph;
    if (!ws->ch) {
        ws->ch = fr_ch_workspace_new();
        ws->ch_free = (GDestroyNotify)fr_ch_workspace_free;
    }
    uint32_t sources[FR_MODE_COUNT], targets[FR_MODE_COUNT];
    uint32_t n_sources = fr_node_states(g, spec->origin, true, sources);
    uint32_t n_targets = fr_node_states(g, spec->destination, false, targets);
    return fr_ch_route(net->prepared[spec->objective].ch, ws->ch, sources, n_sources, targets,
                       n_targets, key, path);
}

bool fr_engine_route(fr_workspace *ws, const fr_network *net, const fr_search_spec *spec,
                     fr_algorithm algorithm, fr_key *key, GArray *path)
{
    fr_key unused;
    if (!key && algorithm != FR_ALGORITHM_CH) /* the hierarchy alone can skip it */
        key = &unused;
    switch (algorithm) {
    case FR_ALGORITHM_CH:
        return route_ch(ws, net, spec, key, path);
    case FR_ALGORITHM_LANDMARKS:
        return fr_engine_landmarks(ws, &net->vgraph, spec,
                                   net->prepared[spec->objective].landmarks, key, path);
    case FR_ALGORITHM_BIDIRECTIONAL:
        return fr_engine_bidirectional(ws, &net->vgraph, spec, key, path);
    default:
        return fr_engine_dijkstra(ws, &net->vgraph, spec, key, path);
    }
}

bool fr_search_path(const fr_network *net, const fr_search_spec *spec, GArray **path,
                    GError **error)
{
    fr_algorithm algorithm = fr_choose_algorithm(net, spec, error);
    if (algorithm == FR_ALGORITHM_AUTO)
        return false;
    *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    if (!fr_engine_route(fr_workspace_of_thread(), net, spec, algorithm, NULL, *path)) {
        g_array_free(*path, TRUE);
        *path = NULL;
    }
    return true;
}
