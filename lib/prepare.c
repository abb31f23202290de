/* prepare.c - preprocessing for faster queries (fr_network_prepare():
 * landmarks and contraction hierarchies per objective) and the choice of
 * algorithm for a query: what FR_ALGORITHM_AUTO picks, and why an explicit
 * algorithm cannot answer. */
#include "ch.h"
#include "engine_side.h"
#include "landmarks.h"

#define LANDMARK_COUNT 8
/* Below this many states plain Dijkstra beats starting two searches. */
#define BIDIRECTIONAL_MIN_STATES 20000

static const char *const algorithm_names[FR_ALGORITHM_COUNT] = {
    "auto", "dijkstra", "bidirectional", "landmarks", "ch"};

const char *fr_algorithm_name(fr_algorithm algorithm)
{
    return (unsigned)algorithm < FR_ALGORITHM_COUNT ? algorithm_names[algorithm] : "unknown";
}

bool fr_algorithm_from_name(const char *name, fr_algorithm *out)
{
    for (int a = 0; name && a < FR_ALGORITHM_COUNT; a++)
        if (g_str_equal(name, algorithm_names[a])) {
            *out = (fr_algorithm)a;
            return true;
        }
    return false;
}

static bool preparable(fr_objective objective)
{
    return objective == FR_OBJECTIVE_COST || objective == FR_OBJECTIVE_TIME ||
           objective == FR_OBJECTIVE_CO2 || objective == FR_OBJECTIVE_DISTANCE;
}

void fr_prepared_clear(fr_prepared *prepared)
{
    fr_landmarks_free(prepared->landmarks);
    fr_ch_free(prepared->ch);
    prepared->landmarks = NULL;
    prepared->ch = NULL;
}

bool fr_network_prepare(fr_network *net, fr_objective objective, unsigned what, GError **error)
{
    if (!net || !preparable(objective)) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY,
                    "only the cost, time, co2 and distance objectives can be prepared");
        return false;
    }
    if (what & ~(unsigned)(FR_PREPARE_LANDMARKS | FR_PREPARE_CH)) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "unknown preparation flags %#x", what);
        return false;
    }
    fr_vgraph *g = &net->vgraph;
    fr_prepared *prepared = &g->prepared[objective];
    if (what & FR_PREPARE_CH) {
        fr_metric m;
        fr_metric_plain(&m, g, objective);
        fr_ch *ch = fr_ch_build(g, m.weight, NULL, error);
        if (!ch)
            return false;
        fr_ch_free(prepared->ch);
        prepared->ch = ch;
    }
    if (what & FR_PREPARE_LANDMARKS) {
        fr_landmarks_free(prepared->landmarks);
        prepared->landmarks = fr_landmarks_build(g, objective, LANDMARK_COUNT);
    }
    return true;
}

bool fr_network_is_prepared(const fr_network *net, fr_objective objective, fr_prepare_flags what)
{
    if (!net || !preparable(objective))
        return false;
    const fr_prepared *prepared = &net->vgraph.prepared[objective];
    return (!(what & FR_PREPARE_LANDMARKS) || prepared->landmarks) &&
           (!(what & FR_PREPARE_CH) || prepared->ch);
}

/* Why `algorithm` cannot answer an unbounded spec, or NULL when it can. */
static const char *unusable(const fr_network *net, const fr_search_spec *spec,
                            fr_algorithm algorithm, bool restricted)
{
    const fr_prepared *prepared = preparable(spec->objective)
                                      ? &net->vgraph.prepared[spec->objective]
                                      : NULL;
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
                                 bool restricted, GError **error)
{
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
    return fr_ch_route(g->prepared[spec->objective].ch, ws->ch, sources, n_sources, targets,
                       n_targets, key, path);
}

bool fr_engine_route(fr_workspace *ws, const fr_network *net, const fr_search_spec *spec,
                     fr_algorithm algorithm, fr_key *key, GArray *path)
{
    switch (algorithm) {
    case FR_ALGORITHM_CH:
        return route_ch(ws, net, spec, key, path);
    case FR_ALGORITHM_LANDMARKS:
        return fr_engine_landmarks(ws, net, spec, net->vgraph.prepared[spec->objective].landmarks,
                                   key, path);
    case FR_ALGORITHM_BIDIRECTIONAL:
        return fr_engine_bidirectional(ws, net, spec, key, path);
    default:
        return fr_engine_dijkstra(ws, net, spec, key, path);
    }
}
