/* engine_fixtures.c - what the engine tests share (engine_fixtures.h). */
#include "engine_fixtures.h"

#include <math.h>
#include <string.h>

/* The base of the lexicographic weights (ref_build, decode_key). */
#define W 4096.0

/* ---- context for failure reports --------------------------------------------- */

void dump_context(const ctx *c)
{
    if (!c->net) {
        print_message("%s\n", c->extra);
        return;
    }
    rn_print_case(c->seed, c->net, &c->q, c->extra);
    if (c->net->has_modes_csv) {
        char *nodes, *links, *transfers, *modes;
        rn_to_csv(c->net, &nodes, &links, &transfers, &modes);
        print_message("--- modes.csv\n%s", modes);
        g_free(nodes);
        g_free(links);
        g_free(transfers);
        g_free(modes);
    }
}

void ctx_extra(ctx *c, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    g_vsnprintf(c->extra, sizeof c->extra, format, args);
    va_end(args);
}

/* ---- networks and queries ------------------------------------------------------ */

/* A random network: n_nodes in [lo, hi], sometimes densified. */
rn_net *make_net(guint32 seed, bool integer, int lo, int hi)
{
    GRand *rng = g_rand_new_with_seed(seed * 2654435761u + 11u);
    int n = g_rand_int_range(rng, lo, hi + 1);
    rn_net *net = rn_generate(seed, n, integer);
    if (g_rand_int_range(rng, 0, 3) == 0)
        rn_densify(net, seed, n, 0.5);
    g_rand_free(rng);
    return net;
}

/* A query without restrictions, bounds or anything else. */
void plain_query(rn_query *q, int from, int to, fr_objective objective)
{
    memset(q, 0, sizeof *q);
    q->from = from;
    q->to = to;
    q->objective = objective;
    q->quantity = 1;
    q->modes = FR_MODES_ALL;
    q->avoid_node = -1;
}

/* A random query that restricts something (modes, an avoided node, country
 * or corridor), as rn_random_query() makes them. */
void restricted_query(const rn_net *net, GRand *rng, rn_query *q)
{
    for (int tries = 0;; tries++) {
        rn_random_query(net, rng, q);
        if (q->modes != FR_MODES_ALL || q->avoid_node >= 0 || q->avoid_country[0] ||
            q->avoid_corridor || tries > 100)
            break;
    }
}

void make_spec(ctx *c, const fr_network *fn, fr_search_spec *spec)
{
    fr_query *fq = rn_make_query(c->net, &c->q);
    GError *err = NULL;
    bool ok = fr_search_spec_init(spec, &fn->model, fq, &err);
    fr_query_free(fq);
    RN_CHECK(ok, "fr_search_spec_init: %s", err ? err->message : "?");
}

/* ---- the test's view of the virtual graph -------------------------------------- */

/* The edge under the spec's restrictions, read from the network's links:
 * no edge enters an avoided node; a link needs an allowed mode and a
 * corridor not avoided. */
bool usable(const fr_network *fn, const fr_search_spec *spec, uint32_t e)
{
    const fr_vgraph *g = &fn->vgraph;
    if (spec->node_blocked[g->state_node[g->edge_to[e]]])
        return false;
    if (g->edge_kind[e] == FR_VEDGE_LINK || g->edge_kind[e] == FR_VEDGE_REVERSE) {
        const fr_link *l = FR_LINK(&fn->model, g->edge_ref[e]);
        if (!(spec->modes & FR_MODE_BIT(l->mode)))
            return false;
        if (l->corridor_index >= 0 && spec->corridor_blocked[l->corridor_index])
            return false;
    }
    return true;
}

/* The objective's weight of an edge, computed by the test. */
double objective_weight(const fr_vgraph *g, const fr_search_spec *spec, uint32_t e)
{
    switch (spec->objective) {
    case FR_OBJECTIVE_COST: return g->cost[e];
    case FR_OBJECTIVE_TIME: return g->time[e];
    case FR_OBJECTIVE_CO2: return g->co2[e];
    case FR_OBJECTIVE_DISTANCE: return g->distance[e];
    default:
        return g->cost[e] + spec->value_of_time * g->time[e] + spec->carbon_price * g->co2[e];
    }
}

void ref_build(ref_graph *r, const fr_network *fn, const fr_search_spec *spec,
               bool lexicographic, bool all_edges)
{
    const fr_vgraph *g = &fn->vgraph;
    igraph_vector_int_t edges;
    fr_igraph_enter();
    igraph_vector_int_init(&edges, 0);
    igraph_vector_init(&r->weight, 0);
    for (uint32_t e = 0; e < g->n_edges; e++) {
        if (!all_edges && !usable(fn, spec, e))
            continue;
        igraph_vector_int_push_back(&edges, g->edge_from[e]);
        igraph_vector_int_push_back(&edges, g->edge_to[e]);
        double w = objective_weight(g, spec, e);
        if (lexicographic)
            w = ((w * W + g->time[e]) * W + g->cost[e]) * W + 1.0;
        igraph_vector_push_back(&r->weight, w);
    }
    igraph_create(&r->graph, &edges, g->n_states, IGRAPH_DIRECTED);
    igraph_vector_int_destroy(&edges);
    fr_igraph_leave();
    r->lexicographic = lexicographic;
}

void ref_clear(ref_graph *r)
{
    fr_igraph_enter();
    igraph_destroy(&r->graph);
    igraph_vector_destroy(&r->weight);
    fr_igraph_leave();
}

/* Distances from (mode IGRAPH_OUT) or to (IGRAPH_IN) the roots: per state
 * the least over roots; INFINITY where unreachable. dist has n_states. */
void ref_distances(const ref_graph *r, const uint32_t *roots, uint32_t n_roots,
                   igraph_neimode_t mode, double *dist, uint32_t n_states)
{
    for (uint32_t s = 0; s < n_states; s++)
        dist[s] = INFINITY;
    if (n_roots == 0)
        return;
    igraph_vector_int_t from;
    igraph_matrix_t res;
    fr_igraph_enter();
    igraph_vector_int_init(&from, n_roots);
    for (uint32_t i = 0; i < n_roots; i++)
        VECTOR(from)[i] = roots[i];
    igraph_matrix_init(&res, 0, 0);
    igraph_error_t status = igraph_distances_dijkstra(&r->graph, &res, igraph_vss_vector(&from),
                                                      igraph_vss_all(), &r->weight, mode);
    if (status == IGRAPH_SUCCESS)
        for (uint32_t i = 0; i < n_roots; i++)
            for (uint32_t s = 0; s < n_states; s++)
                if (MATRIX(res, i, s) < dist[s])
                    dist[s] = MATRIX(res, i, s);
    igraph_matrix_destroy(&res);
    igraph_vector_int_destroy(&from);
    fr_igraph_leave();
    assert_int_equal(status, IGRAPH_SUCCESS);
}

/* The key encoded by a lexicographic weight. */
fr_key decode_key(double k)
{
    fr_key key;
    double edges = fmod(k, W);
    k = (k - edges) / W;
    double cost = fmod(k, W);
    k = (k - cost) / W;
    double time = fmod(k, W);
    key.obj = (k - time) / W;
    key.time = time;
    key.cost = cost;
    key.edges = (uint32_t)edges;
    return key;
}

/* ---- checks on engine answers --------------------------------------------------- */

/* The path is a chain of usable edges from an OUT(origin, .) to an
 * IN(destination, .) whose figures add up to the key. */
void check_path(ctx *c, const fr_network *fn, const fr_search_spec *spec,
                const fr_key *key, const GArray *path, const char *who)
{
    const fr_vgraph *g = &fn->vgraph;
    RN_CHECK(path->len > 0, "%s: empty path", who);
    RN_CHECK(path->len == key->edges, "%s: path of %u edges, key says %u", who, path->len,
             key->edges);
    double obj = 0, time = 0, cost = 0;
    for (guint i = 0; i < path->len; i++) {
        uint32_t e = g_array_index(path, uint32_t, i);
        RN_CHECK(e < g->n_edges, "%s: edge %u out of range", who, e);
        RN_CHECK(usable(fn, spec, e), "%s: edge %u is not usable under the query", who, e);
        if (i == 0)
            RN_CHECK(fr_state_is_out(g->edge_from[e]) &&
                         g->state_node[g->edge_from[e]] == spec->origin,
                     "%s: path starts at state %u, not at an OUT(origin, .)", who,
                     g->edge_from[e]);
        else
            RN_CHECK(g->edge_from[e] == g->edge_to[g_array_index(path, uint32_t, i - 1)],
                     "%s: edge %u does not start where edge %u ends", who, e,
                     g_array_index(path, uint32_t, i - 1));
        obj += objective_weight(g, spec, e);
        time += g->time[e];
        cost += g->cost[e];
    }
    uint32_t last = g->edge_to[g_array_index(path, uint32_t, path->len - 1)];
    RN_CHECK(!fr_state_is_out(last) && g->state_node[last] == spec->destination,
             "%s: path ends at state %u, not at an IN(destination, .)", who, last);
    RN_CHECK(close_rel(obj, key->obj, 1e-9) && close_rel(time, key->time, 1e-9) &&
                 close_rel(cost, key->cost, 1e-9),
             "%s: path sums (%.17g, %.17g, %.17g), key (%.17g, %.17g, %.17g)", who, obj, time,
             cost, key->obj, key->time, key->cost);
}

/* ---- preparation ------------------------------------------------------------------ */

bool prepared_objective(fr_objective o)
{
    return o != FR_OBJECTIVE_GENERALIZED;
}

void prepare_all(ctx *c, fr_network *fn)
{
    for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
        if (!prepared_objective((fr_objective)o))
            continue;
        GError *err = NULL;
        bool ok = fr_network_prepare(fn, (fr_objective)o, FR_PREPARE_LANDMARKS | FR_PREPARE_CH,
                                     &err);
        RN_CHECK(ok, "fr_network_prepare(%d): %s", o, err ? err->message : "?");
    }
}
