/* test_engine.c - the query engine (lib/engine*.c, landmarks.c, ch.c,
 * prepare.c) against igraph, and every algorithm against plain Dijkstra.
 *
 * - Engine Dijkstra against igraph: on seeded random networks (randnet.c;
 *   real figures, and small integers where ties are everywhere), for every
 *   objective, without and with random restrictions, for every pair of
 *   nodes: fr_engine_dijkstra()'s key.obj equals the least of igraph's
 *   distances (igraph_distances_dijkstra on the library's own virtual graph,
 *   edges filtered by the test's reading of the restrictions, the same
 *   per-edge weights) from every OUT(origin, .) to every IN(destination, .).
 *   On integer networks igraph runs on one exact weight
 *   obj*W^3 + time*W^2 + cost*W + 1, so the whole key (objective, time,
 *   cost, edges: FORMAT.md §2's tie-break) must match. The path must chain
 *   from an OUT(origin, .) to an IN(destination, .) over usable edges whose
 *   figures sum to the key.
 * - Every algorithm against Dijkstra: networks prepared with landmarks and
 *   contraction hierarchies for cost, time, co2 and distance; the engine's
 *   keys (fr_engine_route) compare equal and the paths are valid; the
 *   routes of fr_network_route() have Dijkstra's totals for DIJKSTRA,
 *   BIDIRECTIONAL, LANDMARKS, CH and AUTO; restricted queries (CH refuses
 *   them by name, AUTO never does), generalized queries (no preparation),
 *   bounded queries (only AUTO and DIJKSTRA answer).
 * - fr_engine_one_to_many() against fr_engine_dijkstra() per target, with
 *   repeated targets and the origin among them.
 * - fr_engine_scalar_all() forward and backward against igraph's distances
 *   (mode OUT and IN) from random sets of roots.
 * - One workspace across networks of different sizes, and across the wrap
 *   of its generation counters, against fresh workspaces.
 * - fr_network_prepare(), fr_network_is_prepared(), the algorithm names.
 * - By hand: ties (equal objective, then time, then cost, then fewer
 *   edges; sums within 1e-12 count as equal) for every algorithm.
 *
 * A failure prints the seed, the query and the network's CSV files. */
#include "helpers.h"
#include "randnet.h"

#include "algorithm.h"
#include "engine_side.h"
#include "vgraph_igraph.h"

#include <igraph.h>
#include <math.h>
#include <string.h>

#define W 4096.0

/* ---- context for failure reports --------------------------------------------- */

typedef struct {
    guint32 seed;
    const rn_net *net;
    rn_query q; /* the query in the model's terms (from/to updated per pair) */
    char extra[512];
} ctx;

static void dump_context(const ctx *c)
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

static void ctx_extra(ctx *c, const char *format, ...) G_GNUC_PRINTF(2, 3);
static void ctx_extra(ctx *c, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    g_vsnprintf(c->extra, sizeof c->extra, format, args);
    va_end(args);
}

static const char *const algorithm_label[FR_ALGORITHM_COUNT] = {
    "auto", "dijkstra", "bidirectional", "landmarks", "ch"};

/* ---- networks and queries ------------------------------------------------------ */

/* A random network: n_nodes in [lo, hi], sometimes densified. */
static rn_net *make_net(guint32 seed, bool integer, int lo, int hi)
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
static void plain_query(rn_query *q, int from, int to, fr_objective objective)
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
static void restricted_query(const rn_net *net, GRand *rng, rn_query *q)
{
    for (int tries = 0;; tries++) {
        rn_random_query(net, rng, q);
        if (q->modes != FR_MODES_ALL || q->avoid_node >= 0 || q->avoid_country[0] ||
            q->avoid_corridor || tries > 100)
            break;
    }
}

/* Does the query restrict the network as the library sees it (some node or
 * corridor blocked, or a mode left out)? An avoided country that no node
 * has blocks nothing. */
static bool restricts(const rn_net *net, const rn_query *q)
{
    if (q->modes != FR_MODES_ALL || q->avoid_node >= 0 || q->avoid_corridor)
        return true;
    for (int v = 0; q->avoid_country[0] && v < net->n_nodes; v++)
        if (strcmp(net->nodes[v].country, q->avoid_country) == 0)
            return true;
    return false;
}

static void make_spec(ctx *c, const fr_network *fn, fr_search_spec *spec)
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
static bool usable(const fr_network *fn, const fr_search_spec *spec, uint32_t e)
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
static double objective_weight(const fr_vgraph *g, const fr_search_spec *spec, uint32_t e)
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

/* igraph's copy of the virtual graph with the usable edges only, weighted
 * by the objective (or, for `lexicographic`, by the exact integer key). */
typedef struct {
    igraph_t graph;
    igraph_vector_t weight;
    bool lexicographic;
} ref_graph;

static void ref_build(ref_graph *r, const fr_network *fn, const fr_search_spec *spec,
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

static void ref_clear(ref_graph *r)
{
    fr_igraph_enter();
    igraph_destroy(&r->graph);
    igraph_vector_destroy(&r->weight);
    fr_igraph_leave();
}

/* Distances from (mode IGRAPH_OUT) or to (IGRAPH_IN) the roots: per state
 * the least over roots; INFINITY where unreachable. dist has n_states. */
static void ref_distances(const ref_graph *r, const uint32_t *roots, uint32_t n_roots,
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
static fr_key decode_key(double k)
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

static bool key_equal(const fr_key *a, const fr_key *b)
{
    return a->obj == b->obj && a->time == b->time && a->cost == b->cost && a->edges == b->edges;
}

static bool same_path(const GArray *a, const GArray *b)
{
    return a->len == b->len &&
           (a->len == 0 || memcmp(a->data, b->data, a->len * sizeof(uint32_t)) == 0);
}

static char *path_text(const GArray *path)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < path->len; i++)
        g_string_append_printf(s, "%s%u", i ? " " : "", g_array_index(path, uint32_t, i));
    return g_string_free(s, FALSE);
}

/* The path is a chain of usable edges from an OUT(origin, .) to an
 * IN(destination, .) whose figures add up to the key. */
static void check_path(ctx *c, const fr_network *fn, const fr_search_spec *spec,
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

/* ---- 1. engine Dijkstra against igraph ------------------------------------------ */

typedef struct {
    long networks, searches, routes, no_routes, exact_keys;
} counts;

/* Every pair (origin, destination) of unblocked nodes under the spec; on
 * networks of more than MAX_ORIGINS nodes, from MAX_ORIGINS of the origins
 * (every MAX_ORIGINS-th, from a random first) to every destination. */
#define MAX_ORIGINS 12

static void dijkstra_all_pairs(ctx *c, const fr_network *fn, fr_search_spec *spec,
                               fr_workspace *ws, GRand *rng, counts *n)
{
    const fr_vgraph *g = &fn->vgraph;
    bool lexicographic = c->net->integer;
    ref_graph r;
    ref_build(&r, fn, spec, lexicographic, false);
    double *dist = g_new(double, g->n_states ? g->n_states : 1);
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    int n_nodes = c->net->n_nodes;
    int step = n_nodes > MAX_ORIGINS ? (n_nodes + MAX_ORIGINS - 1) / MAX_ORIGINS : 1;
    for (int o = step > 1 ? g_rand_int_range(rng, 0, step) : 0; o < n_nodes; o += step) {
        if (spec->node_blocked[o])
            continue;
        uint32_t roots[FR_MODE_COUNT];
        uint32_t n_roots = fr_node_states(g, (uint32_t)o, true, roots);
        ref_distances(&r, roots, n_roots, IGRAPH_OUT, dist, g->n_states);
        for (int d = 0; d < c->net->n_nodes; d++) {
            if (d == o || spec->node_blocked[d])
                continue;
            c->q.from = o;
            c->q.to = d;
            spec->origin = (uint32_t)o;
            spec->destination = (uint32_t)d;
            uint32_t targets[FR_MODE_COUNT];
            uint32_t n_targets = fr_node_states(g, (uint32_t)d, false, targets);
            double best = INFINITY;
            for (uint32_t j = 0; j < n_targets; j++)
                best = dist[targets[j]] < best ? dist[targets[j]] : best;
            fr_key key = {0};
            g_array_set_size(path, 0);
            bool found = fr_engine_dijkstra(ws, &fn->vgraph, spec, &key, path);
            n->searches++;
            RN_CHECK(found == (best < INFINITY), "engine found=%d, igraph distance %.17g",
                     found, best);
            if (!found) {
                n->no_routes++;
                continue;
            }
            n->routes++;
            if (lexicographic) {
                fr_key want = decode_key(best);
                RN_CHECK(key_equal(&key, &want),
                         "engine key (%.17g, %.17g, %.17g, %u), igraph's lexicographic "
                         "optimum (%.17g, %.17g, %.17g, %u)",
                         key.obj, key.time, key.cost, key.edges, want.obj, want.time,
                         want.cost, want.edges);
                n->exact_keys++;
            } else {
                RN_CHECK(close_rel(key.obj, best, 1e-9), "engine key.obj %.17g, igraph %.17g",
                         key.obj, best);
            }
            check_path(c, fn, spec, &key, path, "dijkstra");
        }
    }
    g_array_free(path, TRUE);
    g_free(dist);
    ref_clear(&r);
}

static void engine_vs_igraph(guint32 first, guint32 count, bool integer, int lo, int hi,
                             counts *n)
{
    fr_workspace *ws = fr_workspace_new();
    for (guint32 seed = first; seed < first + count; seed++) {
        rn_net *net = make_net(seed, integer, lo, hi);
        fr_network *fn = rn_load(net);
        GRand *rng = g_rand_new_with_seed(seed ^ 0xe9u);
        ctx cx = {.seed = seed, .net = net};
        ctx *c = &cx;
        RN_CHECK(fr_network_find_node(fn, net->nodes[net->n_nodes - 1].id) ==
                     net->n_nodes - 1,
                 "node indices are not the file order");
        for (int o = 0; o < FR_OBJECTIVE_COUNT; o++)
            for (int restricted = 0; restricted < 2; restricted++) {
                if (restricted) {
                    restricted_query(net, rng, &c->q);
                } else {
                    /* random figures (value of time, carbon price), no restriction */
                    rn_random_query(net, rng, &c->q);
                    c->q.modes = FR_MODES_ALL;
                    c->q.avoid_node = -1;
                    c->q.avoid_country[0] = '\0';
                    c->q.avoid_corridor = 0;
                }
                c->q.objective = (fr_objective)o;
                ctx_extra(c, "engine Dijkstra vs igraph, all pairs (from/to above: the "
                             "failing pair)");
                fr_search_spec spec;
                make_spec(c, fn, &spec);
                dijkstra_all_pairs(c, fn, &spec, ws, rng, n);
                fr_search_spec_clear(&spec);
            }
        n->networks++;
        g_rand_free(rng);
        fr_network_free(fn);
        rn_free(net);
    }
    fr_workspace_free(ws);
}

static void test_dijkstra_vs_igraph(void **state)
{
    (void)state;
    counts n = {0};
    engine_vs_igraph(1, 150, false, 5, 24, &n);
    engine_vs_igraph(3001, 80, true, 5, 20, &n);
    engine_vs_igraph(5001, 10, false, 40, 60, &n);
    print_message("engine Dijkstra vs igraph: %ld networks, %ld searches (%ld routes, %ld "
                  "without; %ld exact lexicographic keys)\n",
                  n.networks, n.searches, n.routes, n.no_routes, n.exact_keys);
    assert_true(n.networks >= 200);
    assert_true(n.routes > 1000 && n.no_routes > 100 && n.exact_keys > 1000);
}

/* ---- 2. every algorithm against Dijkstra ---------------------------------------- */

typedef struct {
    bool ok;
    int code;
    char *message;
    double cost, time, co2, dist, value;
    size_t links;
} answer;

static void answer_clear(answer *a)
{
    g_free(a->message);
    memset(a, 0, sizeof *a);
}

static void route_answer(const fr_network *fn, const rn_net *net, const rn_query *q,
                         fr_algorithm algorithm, double max_time, double max_cost, answer *a)
{
    memset(a, 0, sizeof *a);
    fr_query *fq = rn_make_query(net, q);
    fr_query_set_algorithm(fq, algorithm);
    if (max_time < INFINITY)
        fr_query_set_max_time(fq, max_time);
    if (max_cost < INFINITY)
        fr_query_set_max_cost(fq, max_cost);
    GError *err = NULL;
    fr_route *r = fr_network_route(fn, fq, &err);
    fr_query_free(fq);
    if (!r) {
        a->code = err ? err->code : -1;
        a->message = g_strdup(err ? err->message : "(no error set)");
        g_clear_error(&err);
        return;
    }
    a->ok = true;
    a->cost = fr_route_total_cost_usd(r);
    a->time = fr_route_total_time_h(r);
    a->co2 = fr_route_total_co2_kg(r);
    a->dist = fr_route_total_distance_km(r);
    a->value = fr_route_objective_value(r);
    a->links = route_count_steps(r, FR_STEP_LINK);
    fr_route_free(r);
}

/* Same outcome and totals. Real figures: all four totals (ties are
 * improbable, so the routes are the same). Integer figures: the key
 * (objective, time, cost, edges = 2 links - 1); tied routes may differ in
 * CO2 or distance. */
static void check_same_answer(ctx *c, const answer *got, const answer *want,
                              const char *who)
{
    RN_CHECK(got->ok == want->ok, "%s: %s, dijkstra: %s", who,
             got->ok ? "a route" : got->message, want->ok ? "a route" : want->message);
    if (!got->ok) {
        RN_CHECK(got->code == want->code, "%s: error %d (%s), dijkstra error %d (%s)", who,
                 got->code, got->message, want->code, want->message);
        return;
    }
    bool same = close_rel(got->value, want->value, 1e-9) &&
                close_rel(got->time, want->time, 1e-9) &&
                close_rel(got->cost, want->cost, 1e-9);
    if (c->net->integer)
        same = same && got->links == want->links;
    else
        same = same && close_rel(got->co2, want->co2, 1e-9) &&
               close_rel(got->dist, want->dist, 1e-9);
    RN_CHECK(same,
             "%s: (value %.17g, cost %.17g, time %.17g, co2 %.17g, distance %.17g, %zu links), "
             "dijkstra (value %.17g, cost %.17g, time %.17g, co2 %.17g, distance %.17g, %zu "
             "links)",
             who, got->value, got->cost, got->time, got->co2, got->dist, got->links, want->value,
             want->cost, want->time, want->co2, want->dist, want->links);
}

static void check_refused(ctx *c, const answer *a, const char *who, const char *why)
{
    RN_CHECK(!a->ok && a->code == FR_ERROR_QUERY, "%s: expected FR_ERROR_QUERY, got %s", who,
             a->ok ? "a route" : a->message);
    RN_CHECK(strstr(a->message, why) != NULL, "%s: message '%s' does not say '%s'", who,
             a->message, why);
}

static bool prepared_objective(fr_objective o)
{
    return o != FR_OBJECTIVE_GENERALIZED;
}

typedef struct {
    long networks, unrestricted, restricted, generalized, bounded, routes, no_routes,
        engine_keys;
} algo_counts;

/* The engine's answer by every algorithm that applies equals Dijkstra's:
 * the same key (fr_key_compare) and a valid path. */
static void check_engine_algorithms(ctx *c, const fr_network *fn, fr_workspace *ws,
                                    bool restricted, algo_counts *n)
{
    fr_search_spec spec;
    make_spec(c, fn, &spec);
    fr_key want = {0};
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    bool found = fr_engine_dijkstra(ws, &fn->vgraph, &spec, &want, NULL);
    for (int a = FR_ALGORITHM_DIJKSTRA; a < FR_ALGORITHM_COUNT; a++) {
        if ((a == FR_ALGORITHM_LANDMARKS || a == FR_ALGORITHM_CH) &&
            !prepared_objective(spec.objective))
            continue;
        if (a == FR_ALGORITHM_CH && restricted)
            continue;
        fr_key key = {0};
        g_array_set_size(path, 0);
        bool got = fr_engine_route(ws, fn, &spec, (fr_algorithm)a, &key, path);
        n->engine_keys++;
        RN_CHECK(got == found, "engine %s found=%d, dijkstra %d", algorithm_label[a], got,
                 found);
        if (!got)
            continue;
        RN_CHECK(fr_key_compare(&key, &want) == 0,
                 "engine %s key (%.17g, %.17g, %.17g, %u), dijkstra (%.17g, %.17g, %.17g, %u)",
                 algorithm_label[a], key.obj, key.time, key.cost, key.edges, want.obj,
                 want.time, want.cost, want.edges);
        check_path(c, fn, &spec, &key, path, algorithm_label[a]);
    }
    g_array_free(path, TRUE);
    fr_search_spec_clear(&spec);
}

static void check_algorithms(ctx *c, const fr_network *fn, fr_workspace *ws, algo_counts *n)
{
    const rn_query *q = &c->q;
    bool restricted = restricts(c->net, q);
    bool generalized = !prepared_objective(q->objective);
    answer want, got;
    route_answer(fn, c->net, q, FR_ALGORITHM_DIJKSTRA, INFINITY, INFINITY, &want);
    RN_CHECK(want.ok || want.code == FR_ERROR_NO_ROUTE, "dijkstra: %s", want.message);
    if (want.ok)
        n->routes++;
    else
        n->no_routes++;
    for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
        if (a == FR_ALGORITHM_DIJKSTRA)
            continue;
        route_answer(fn, c->net, q, (fr_algorithm)a, INFINITY, INFINITY, &got);
        if (generalized && (a == FR_ALGORITHM_LANDMARKS || a == FR_ALGORITHM_CH))
            check_refused(c, &got, algorithm_label[a], "fr_network_prepare");
        else if (restricted && a == FR_ALGORITHM_CH)
            check_refused(c, &got, algorithm_label[a], "contraction hierarchies answer only");
        else
            check_same_answer(c, &got, &want, algorithm_label[a]);
        answer_clear(&got);
    }
    answer_clear(&want);
    check_engine_algorithms(c, fn, ws, restricted, n);
    if (generalized)
        n->generalized++;
    else if (restricted)
        n->restricted++;
    else
        n->unrestricted++;
}

/* Bounded queries: only AUTO and DIJKSTRA (the constrained search) answer,
 * and with loose bounds they answer as without. */
static void check_bounded(ctx *c, const fr_network *fn, GRand *rng, algo_counts *n)
{
    const rn_query *q = &c->q;
    answer unbounded, want, got;
    route_answer(fn, c->net, q, FR_ALGORITHM_DIJKSTRA, INFINITY, INFINITY, &unbounded);
    double max_time = INFINITY, max_cost = INFINITY;
    bool loose = unbounded.ok && g_rand_boolean(rng);
    if (loose) {
        max_time = unbounded.time * 2 + 1;
        max_cost = unbounded.cost * 2 + 1;
    } else if (g_rand_boolean(rng)) {
        max_time = g_rand_double_range(rng, 1, 500);
    } else {
        max_cost = g_rand_double_range(rng, 1, 5000);
    }
    ctx_extra(c, "bounded: max_time %.17g, max_cost %.17g", max_time, max_cost);
    route_answer(fn, c->net, q, FR_ALGORITHM_DIJKSTRA, max_time, max_cost, &want);
    RN_CHECK(want.ok || want.code == FR_ERROR_NO_ROUTE, "bounded dijkstra: %s", want.message);
    if (loose)
        check_same_answer(c, &want, &unbounded, "bounded dijkstra (loose bounds)");
    for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
        if (a == FR_ALGORITHM_DIJKSTRA)
            continue;
        route_answer(fn, c->net, q, (fr_algorithm)a, max_time, max_cost, &got);
        if (a == FR_ALGORITHM_AUTO)
            check_same_answer(c, &got, &want, "bounded auto");
        else
            check_refused(c, &got, algorithm_label[a], "bounds");
        answer_clear(&got);
    }
    answer_clear(&want);
    answer_clear(&unbounded);
    n->bounded++;
}

static void prepare_all(ctx *c, fr_network *fn)
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

static void algorithms_agree(guint32 first, guint32 count, bool integer, int lo, int hi,
                             algo_counts *n)
{
    fr_workspace *ws = fr_workspace_new();
    for (guint32 seed = first; seed < first + count; seed++) {
        rn_net *net = make_net(seed, integer, lo, hi);
        fr_network *fn = rn_load(net);
        GRand *rng = g_rand_new_with_seed(seed * 31u + 5u);
        ctx cx = {.seed = seed, .net = net};
        ctx *c = &cx;
        ctx_extra(c, "preparing");
        prepare_all(c, fn);
        /* unrestricted pairs: every pair on small networks, else a sample */
        int n_pairs = net->n_nodes <= 4 ? net->n_nodes * (net->n_nodes - 1) : 12;
        for (int i = 0; i < n_pairs; i++) {
            int from, to;
            if (net->n_nodes <= 4) {
                from = i / (net->n_nodes - 1);
                to = i % (net->n_nodes - 1);
                to += to >= from;
            } else {
                from = g_rand_int_range(rng, 0, net->n_nodes);
                do
                    to = g_rand_int_range(rng, 0, net->n_nodes);
                while (to == from);
            }
            for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
                plain_query(&c->q, from, to, (fr_objective)o);
                if (o == FR_OBJECTIVE_GENERALIZED) {
                    /* whole thousandths: the failure report prints them exactly */
                    c->q.value_of_time = integer ? g_rand_int_range(rng, 0, 4)
                                                 : g_rand_int_range(rng, 0, 50001) / 1000.0;
                    c->q.carbon_price = integer ? g_rand_int_range(rng, 0, 4)
                                                : g_rand_int_range(rng, 0, 2001) / 1000.0;
                }
                ctx_extra(c, "algorithms agree, unrestricted");
                check_algorithms(c, fn, ws, n);
            }
        }
        /* restricted queries (any objective, random quantity) */
        for (int i = 0; i < 10; i++) {
            restricted_query(net, rng, &c->q);
            ctx_extra(c, "algorithms agree, restricted (the library sees a restriction: %d)",
                      restricts(net, &c->q));
            check_algorithms(c, fn, ws, n);
        }
        /* bounded queries */
        for (int i = 0; i < 4; i++) {
            rn_random_query(net, rng, &c->q);
            check_bounded(c, fn, rng, n);
        }
        n->networks++;
        g_rand_free(rng);
        fr_network_free(fn);
        rn_free(net);
    }
    fr_workspace_free(ws);
}

static void test_algorithms_agree(void **state)
{
    (void)state;
    algo_counts n = {0};
    algorithms_agree(10001, 200, false, 4, 30, &n);
    algorithms_agree(12001, 100, true, 4, 24, &n);
    algorithms_agree(14001, 10, false, 50, 64, &n);
    print_message("algorithms agree: %ld networks; %ld unrestricted, %ld generalized, %ld "
                  "restricted, %ld bounded queries (each by every algorithm); %ld routes, %ld "
                  "without; %ld engine keys compared\n",
                  n.networks, n.unrestricted, n.generalized, n.restricted, n.bounded, n.routes,
                  n.no_routes, n.engine_keys);
    assert_true(n.networks >= 300);
    assert_true(n.routes > 1000 && n.no_routes > 100 && n.restricted > 1000 &&
                n.unrestricted > 1000 && n.generalized > 1000);
}

/* ---- 3. one to many -------------------------------------------------------------- */

static void test_one_to_many(void **state)
{
    (void)state;
    long searches = 0, targets_checked = 0, reached_count = 0;
    fr_workspace *ws = fr_workspace_new(), *ws_p2p = fr_workspace_new();
    for (guint32 seed = 20001; seed < 20001 + 150; seed++) {
        bool integer = seed % 3 == 0;
        rn_net *net = make_net(seed, integer, 3, 30);
        fr_network *fn = rn_load(net);
        GRand *rng = g_rand_new_with_seed(seed + 77u);
        ctx cx = {.seed = seed, .net = net};
        ctx *c = &cx;
        for (int i = 0; i < 10; i++) {
            if (i % 2)
                restricted_query(net, rng, &c->q);
            else
                plain_query(&c->q, g_rand_int_range(rng, 0, net->n_nodes), 0,
                            (fr_objective)g_rand_int_range(rng, 0, FR_OBJECTIVE_COUNT));
            c->q.to = (c->q.from + 1) % net->n_nodes; /* unused by one-to-many */
            if (c->q.avoid_node == c->q.to)
                c->q.avoid_node = -1;
            if (c->q.avoid_country[0] &&
                strcmp(net->nodes[c->q.to].country, c->q.avoid_country) == 0)
                c->q.avoid_country[0] = '\0';
            fr_search_spec spec;
            make_spec(c, fn, &spec);
            /* targets: random nodes (blocked ones included), repeats, the origin */
            uint32_t n = (uint32_t)g_rand_int_range(rng, 1, 2 * net->n_nodes + 1);
            uint32_t *targets = g_new(uint32_t, n + 2);
            for (uint32_t k = 0; k < n; k++)
                targets[k] = (uint32_t)g_rand_int_range(rng, 0, net->n_nodes);
            targets[n++] = spec.origin;
            targets[n] = targets[0];
            n++;
            bool *reached = g_new0(bool, n);
            fr_key *keys = g_new0(fr_key, n);
            GArray **paths = g_new(GArray *, n);
            for (uint32_t k = 0; k < n; k++)
                paths[k] = g_array_new(FALSE, FALSE, sizeof(uint32_t));
            fr_engine_one_to_many(ws, &fn->vgraph, &spec, targets, n, reached, keys, paths);
            searches++;
            GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
            for (uint32_t k = 0; k < n; k++) {
                c->q.to = (int)targets[k];
                ctx_extra(c, "one-to-many: target %u of %u (from/to above: origin and target)",
                          k, n);
                targets_checked++;
                if (targets[k] == spec.origin) {
                    RN_CHECK(!reached[k], "the origin is reached as a target");
                    RN_CHECK(paths[k]->len == 0, "the origin has a path");
                    continue;
                }
                spec.destination = targets[k];
                fr_key key = {0};
                g_array_set_size(path, 0);
                bool found = fr_engine_dijkstra(ws_p2p, &fn->vgraph, &spec, &key, path);
                RN_CHECK(reached[k] == found, "one-to-many reached=%d, dijkstra %d", reached[k],
                         found);
                if (!found) {
                    RN_CHECK(paths[k]->len == 0, "unreached target with a path");
                    continue;
                }
                reached_count++;
                RN_CHECK(fr_key_compare(&keys[k], &key) == 0,
                         "one-to-many key (%.17g, %.17g, %.17g, %u), dijkstra (%.17g, %.17g, "
                         "%.17g, %u)",
                         keys[k].obj, keys[k].time, keys[k].cost, keys[k].edges, key.obj,
                         key.time, key.cost, key.edges);
                if (!same_path(paths[k], path)) {
                    char *a = path_text(paths[k]), *b = path_text(path);
                    RN_CHECK(false, "one-to-many path [%s], dijkstra [%s]", a, b);
                }
                check_path(c, fn, &spec, &keys[k], paths[k], "one-to-many");
            }
            g_array_free(path, TRUE);
            for (uint32_t k = 0; k < n; k++)
                g_array_free(paths[k], TRUE);
            g_free(paths);
            g_free(keys);
            g_free(reached);
            g_free(targets);
            fr_search_spec_clear(&spec);
        }
        g_rand_free(rng);
        fr_network_free(fn);
        rn_free(net);
    }
    fr_workspace_free(ws);
    fr_workspace_free(ws_p2p);
    print_message("one-to-many: %ld searches, %ld targets compared (%ld reached)\n", searches,
                  targets_checked, reached_count);
    assert_true(reached_count > 1000);
}

/* ---- 4. scalar one to all --------------------------------------------------------- */

static void test_scalar_all(void **state)
{
    (void)state;
    long runs = 0, states_checked = 0, finite = 0;
    fr_workspace *ws = fr_workspace_new();
    for (guint32 seed = 30001; seed < 30001 + 120; seed++) {
        rn_net *net = make_net(seed, seed % 4 == 0, 3, 40);
        fr_network *fn = rn_load(net);
        const fr_vgraph *g = &fn->vgraph;
        GRand *rng = g_rand_new_with_seed(seed + 3u);
        ctx cx = {.seed = seed, .net = net};
        ctx *c = &cx;
        double *dist = g_new(double, g->n_states + 1), *want = g_new(double, g->n_states + 1);
        for (int i = 0; i < 8 && g->n_states > 0; i++) {
            /* plain metrics for the preparable objectives, a restricted
             * query's metric (any objective) otherwise */
            bool restricted = i >= 4;
            if (restricted)
                restricted_query(net, rng, &c->q);
            else
                plain_query(&c->q, 0, 1, (fr_objective)i);
            fr_search_spec spec;
            make_spec(c, fn, &spec);
            fr_metric m;
            if (restricted)
                fr_metric_init(&m, &fn->vgraph, &spec);
            else
                fr_metric_plain(&m, g, (fr_objective)i);
            ref_graph r;
            ref_build(&r, fn, &spec, false, !restricted);
            uint32_t roots[6];
            uint32_t n_roots = (uint32_t)g_rand_int_range(rng, 1, 6);
            for (uint32_t k = 0; k < n_roots; k++)
                roots[k] = (uint32_t)g_rand_int_range(rng, 0, (gint32)g->n_states);
            for (int backward = 0; backward < 2; backward++) {
                fr_engine_scalar_all(ws, &m, roots, n_roots, backward, dist);
                ref_distances(&r, roots, n_roots, backward ? IGRAPH_IN : IGRAPH_OUT, want,
                              g->n_states);
                runs++;
                for (uint32_t s = 0; s < g->n_states; s++) {
                    states_checked++;
                    finite += want[s] < INFINITY;
                    ctx_extra(c, "scalar_all %s, restricted=%d, %u roots (first %u), state %u",
                              backward ? "backward" : "forward", restricted, n_roots, roots[0],
                              s);
                    RN_CHECK(close_rel(dist[s], want[s], 1e-9) ||
                                 (dist[s] == INFINITY && want[s] == INFINITY),
                             "engine %.17g, igraph %.17g", dist[s], want[s]);
                }
            }
            ref_clear(&r);
            fr_search_spec_clear(&spec);
        }
        g_free(dist);
        g_free(want);
        g_rand_free(rng);
        fr_network_free(fn);
        rn_free(net);
    }
    fr_workspace_free(ws);
    print_message("scalar one-to-all: %ld runs, %ld states compared (%ld finite)\n", runs,
                  states_checked, finite);
    assert_true(finite > 10000 && finite < states_checked);
}

/* ---- 5. workspace reuse ------------------------------------------------------------ */

typedef struct {
    rn_net *net;
    fr_network *fn;
} net_pair;

/* Everything one workspace can answer for a query: every algorithm, the
 * one-to-many search to all nodes, scalar distances; into a GArray of
 * doubles and uint32s (a fingerprint). */
static void fingerprint(ctx *c, fr_workspace *ws, const fr_network *fn, GArray *out)
{
    fr_search_spec spec;
    make_spec(c, fn, &spec);
    bool restricted = spec.restricted;
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (int a = FR_ALGORITHM_DIJKSTRA; a < FR_ALGORITHM_COUNT; a++) {
        if (((a == FR_ALGORITHM_LANDMARKS || a == FR_ALGORITHM_CH) &&
             !fr_network_is_prepared(fn, spec.objective, FR_PREPARE_LANDMARKS | FR_PREPARE_CH)) ||
            (a == FR_ALGORITHM_CH && restricted))
            continue;
        fr_key key = {0};
        g_array_set_size(path, 0);
        double found = fr_engine_route(ws, fn, &spec, (fr_algorithm)a, &key, path);
        double k[5] = {a, found, key.obj, key.time, key.cost};
        g_array_append_vals(out, k, 5);
        for (guint i = 0; i < path->len; i++) {
            double e = g_array_index(path, uint32_t, i);
            g_array_append_val(out, e);
        }
    }
    uint32_t n = (uint32_t)c->net->n_nodes;
    uint32_t *targets = g_new(uint32_t, n);
    for (uint32_t i = 0; i < n; i++)
        targets[i] = n - 1 - i;
    bool *reached = g_new0(bool, n);
    fr_key *keys = g_new0(fr_key, n);
    fr_engine_one_to_many(ws, &fn->vgraph, &spec, targets, n, reached, keys, NULL);
    for (uint32_t i = 0; i < n; i++) {
        double k[4] = {reached[i], reached[i] ? keys[i].obj : 0, reached[i] ? keys[i].time : 0,
                       reached[i] ? keys[i].edges : 0};
        g_array_append_vals(out, k, 4);
    }
    const fr_vgraph *g = &fn->vgraph;
    fr_metric m;
    fr_metric_init(&m, &fn->vgraph, &spec);
    double *dist = g_new(double, g->n_states + 1);
    uint32_t root = g->n_states / 2;
    for (int backward = 0; backward < 2 && g->n_states > 0; backward++) {
        fr_engine_scalar_all(ws, &m, &root, 1, backward, dist);
        g_array_append_vals(out, dist, g->n_states);
    }
    g_free(dist);
    g_free(keys);
    g_free(reached);
    g_free(targets);
    g_array_free(path, TRUE);
    fr_search_spec_clear(&spec);
}

static void compare_fingerprints(ctx *c, fr_workspace *shared, const fr_network *fn,
                                 const char *when)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *b = g_array_new(FALSE, FALSE, sizeof(double));
    fingerprint(c, shared, fn, a);
    fr_workspace *fresh = fr_workspace_new();
    fingerprint(c, fresh, fn, b);
    fr_workspace_free(fresh);
    guint bad = a->len;
    for (guint i = 0; i < a->len && i < b->len && bad == a->len; i++) {
        double x = g_array_index(a, double, i), y = g_array_index(b, double, i);
        if (!(x == y || (isnan(x) && isnan(y))))
            bad = i;
    }
    ctx_extra(c, "workspace reuse (%s)", when);
    RN_CHECK(a->len == b->len && bad == a->len,
             "the shared workspace answers differently from a fresh one (lengths %u and %u, "
             "first difference at %u: %.17g vs %.17g)",
             a->len, b->len, bad, bad < a->len ? g_array_index(a, double, bad) : 0,
             bad < b->len ? g_array_index(b, double, bad) : 0);
    g_array_free(a, TRUE);
    g_array_free(b, TRUE);
}

static void test_workspace_reuse(void **state)
{
    (void)state;
    /* networks of very different sizes, used in alternation */
    const int sizes[] = {64, 4, 40, 9, 25, 2};
    enum { N_NETS = G_N_ELEMENTS(sizes) };
    net_pair nets[N_NETS];
    for (int i = 0; i < N_NETS; i++) {
        nets[i].net = make_net(40001 + (guint32)i, i % 2, sizes[i], sizes[i]);
        nets[i].fn = rn_load(nets[i].net);
        ctx cx = {.seed = 40001 + (guint32)i, .net = nets[i].net};
        ctx *c = &cx;
        if (i % 3 != 2) /* some prepared, some not */
            prepare_all(c, nets[i].fn);
    }
    fr_workspace *ws = fr_workspace_new();
    GRand *rng = g_rand_new_with_seed(4242);
    long compared = 0, wrapped = 0;
    for (int round = 0; round < 8; round++) {
        if (round >= 2) {
            /* across the wrap of the generation counters: a new workspace
             * labels states in its first searches (stamps 1, 2, ...), then
             * the counters jump to just below UINT32_MAX, so that the
             * searches after the wrap run with those small stamps again:
             * the stale labels must not count */
            fr_workspace_free(ws);
            ws = fr_workspace_new();
        }
        for (int k = 0; k < 30; k++) {
            /* the largest network first: the arrays then never grow (which
             * would reset the counters) */
            int i = k == 0 ? 0 : g_rand_int_range(rng, 0, N_NETS);
            if (round >= 2 && k == 1) {
                ws->side[0].generation = UINT32_MAX - 1;
                ws->side[1].generation = UINT32_MAX - (uint32_t)round % 3;
                ws->node_generation = UINT32_MAX - 1;
            }
            ctx cx = {.seed = 40001 + (guint32)i, .net = nets[i].net};
            ctx *c = &cx;
            if (g_rand_boolean(rng)) {
                restricted_query(c->net, rng, &c->q);
            } else {
                plain_query(&c->q, g_rand_int_range(rng, 0, c->net->n_nodes), 0,
                            (fr_objective)g_rand_int_range(rng, 0, FR_OBJECTIVE_COUNT));
                c->q.to = (c->q.from + 1 + g_rand_int_range(rng, 0, c->net->n_nodes - 1)) %
                          c->net->n_nodes;
            }
            compare_fingerprints(c, ws, nets[i].fn, round >= 2 ? "across the wrap" : "mixed");
            compared++;
        }
        if (round >= 2) {
            /* the counters did wrap (and were not reset by growing arrays) */
            assert_true(ws->side[0].generation < 1000 && ws->side[1].generation < 1000 &&
                        ws->node_generation < 1000);
            wrapped++;
        }
    }
    g_rand_free(rng);
    fr_workspace_free(ws);
    for (int i = 0; i < N_NETS; i++) {
        fr_network_free(nets[i].fn);
        rn_free(nets[i].net);
    }
    print_message("workspace reuse: %ld queries on %d networks, all algorithms each; %ld "
                  "workspaces across the wrap of their counters\n",
                  compared, (int)N_NETS, wrapped);
}

/* ---- 6. the preparation API and the algorithm names --------------------------------- */

static const char *SMALL_NODES = "id,name,kind,country,lat,lon\n"
                                 "A,A,city,CN,0,0\nB,B,city,CN,0,1\nC,C,city,CN,1,1\n";
static const char *SMALL_LINKS = "id,from,to,mode,distance_km,time_h,cost_usd\n"
                                 "AB,A,B,road,10,1,5\nBC,B,C,road,10,1,5\nAC,A,C,rail,30,5,3\n";

static fr_route *route_by_ids(const fr_network *fn, const char *from, const char *to,
                             fr_objective o, fr_algorithm a, GError **err)
{
    fr_query *q = fr_query_new(from, to);
    fr_query_set_objective(q, o);
    fr_query_set_algorithm(q, a);
    fr_route *r = fr_network_route(fn, q, err);
    fr_query_free(q);
    return r;
}

static fr_route *route_by(const fr_network *fn, fr_objective o, fr_algorithm a, GError **err)
{
    return route_by_ids(fn, "A", "C", o, a, err);
}

static void test_prepare_api(void **state)
{
    (void)state;
    fr_network *fn = load_net_ok(SMALL_NODES, SMALL_LINKS, NULL, NULL);
    GError *err = NULL;

    /* nothing prepared */
    for (int o = 0; o < FR_OBJECTIVE_COUNT; o++)
        for (unsigned what = 0; what < 4; what++)
            assert_false(fr_network_is_prepared(fn, (fr_objective)o, what) && what != 0);
    for (int a = FR_ALGORITHM_LANDMARKS; a <= FR_ALGORITHM_CH; a++) {
        assert_null(route_by(fn, FR_OBJECTIVE_COST, (fr_algorithm)a, &err));
        check_error(err, FR_ERROR_QUERY, NULL, "fr_network_prepare");
        g_clear_error(&err);
    }
    for (int a = FR_ALGORITHM_AUTO; a <= FR_ALGORITHM_BIDIRECTIONAL; a++) {
        fr_route *r = route_by(fn, FR_OBJECTIVE_COST, (fr_algorithm)a, &err);
        assert_non_null(r);
        assert_close(fr_route_total_cost_usd(r), 3);
        fr_route_free(r);
    }

    /* what cannot be prepared */
    assert_false(fr_network_prepare(fn, FR_OBJECTIVE_GENERALIZED, FR_PREPARE_LANDMARKS, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "generalized", "cost, time");
    g_clear_error(&err);
    assert_false(fr_network_prepare(fn, FR_OBJECTIVE_COST, 1u << 5, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "flag");
    g_clear_error(&err);
    assert_false(fr_network_prepare(fn, FR_OBJECTIVE_COST, FR_PREPARE_CH | 1u << 7, &err));
    g_clear_error(&err);
    assert_false(fr_network_prepare(NULL, FR_OBJECTIVE_COST, FR_PREPARE_CH, &err));
    g_clear_error(&err);
    assert_false(fr_network_prepare(fn, FR_OBJECTIVE_COUNT, FR_PREPARE_CH, &err));
    g_clear_error(&err);
    assert_false(fr_network_prepare(fn, FR_OBJECTIVE_GENERALIZED, FR_PREPARE_CH, NULL));
    assert_false(fr_network_is_prepared(fn, FR_OBJECTIVE_COST, FR_PREPARE_CH));
    assert_false(fr_network_is_prepared(NULL, FR_OBJECTIVE_COST, FR_PREPARE_CH));
    assert_false(fr_network_is_prepared(fn, FR_OBJECTIVE_GENERALIZED, FR_PREPARE_CH));

    /* landmarks only for cost: CH still refused by name, landmarks answer */
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS, &err));
    assert_null(err);
    assert_true(fr_network_is_prepared(fn, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS));
    assert_false(fr_network_is_prepared(fn, FR_OBJECTIVE_COST, FR_PREPARE_CH));
    assert_false(fr_network_is_prepared(fn, FR_OBJECTIVE_COST,
                                        FR_PREPARE_LANDMARKS | FR_PREPARE_CH));
    assert_false(fr_network_is_prepared(fn, FR_OBJECTIVE_TIME, FR_PREPARE_LANDMARKS));
    fr_route *r = route_by(fn, FR_OBJECTIVE_COST, FR_ALGORITHM_LANDMARKS, &err);
    assert_non_null(r);
    assert_close(fr_route_total_cost_usd(r), 3);
    fr_route_free(r);
    assert_null(route_by(fn, FR_OBJECTIVE_COST, FR_ALGORITHM_CH, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "fr_network_prepare");
    assert_non_null(strstr(err->message, "ch"));
    g_clear_error(&err);
    /* prepared for cost, not for time */
    assert_null(route_by(fn, FR_OBJECTIVE_TIME, FR_ALGORITHM_LANDMARKS, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "fr_network_prepare");
    g_clear_error(&err);

    /* both, twice (the first preparation is freed: the sanitizer build
     * checks for leaks), and again landmarks alone: CH stays */
    for (int i = 0; i < 2; i++) {
        assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST,
                                       FR_PREPARE_LANDMARKS | FR_PREPARE_CH, &err));
        assert_true(fr_network_is_prepared(fn, FR_OBJECTIVE_COST,
                                           FR_PREPARE_LANDMARKS | FR_PREPARE_CH));
    }
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS, &err));
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST, FR_PREPARE_CH, &err));
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST, 0, &err)); /* nothing to do */
    assert_true(fr_network_is_prepared(fn, FR_OBJECTIVE_COST,
                                       FR_PREPARE_LANDMARKS | FR_PREPARE_CH));
    for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
        r = route_by(fn, FR_OBJECTIVE_COST, (fr_algorithm)a, &err);
        assert_non_null(r);
        assert_close(fr_route_total_cost_usd(r), 3);
        assert_string_equal(fr_route_step(r, 0)->link_id, "AC");
        fr_route_free(r);
    }
    /* other objectives, and the network freed while prepared */
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_TIME, FR_PREPARE_CH, &err));
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_CO2, FR_PREPARE_LANDMARKS, &err));
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_DISTANCE,
                                   FR_PREPARE_LANDMARKS | FR_PREPARE_CH, &err));
    r = route_by(fn, FR_OBJECTIVE_TIME, FR_ALGORITHM_CH, &err);
    assert_non_null(r);
    assert_close(fr_route_total_time_h(r), 2);
    fr_route_free(r);
    assert_null(err);

    /* a query's algorithm is kept by fr_query_copy, and checked */
    fr_query *q = fr_query_new("A", "C");
    assert_int_equal(fr_query_algorithm(q), FR_ALGORITHM_AUTO);
    fr_query_set_algorithm(q, FR_ALGORITHM_CH);
    fr_query *copy = fr_query_copy(q);
    assert_int_equal(fr_query_algorithm(copy), FR_ALGORITHM_CH);
    fr_query_set_algorithm(copy, (fr_algorithm)FR_ALGORITHM_COUNT);
    assert_null(fr_network_route(fn, copy, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "algorithm");
    g_clear_error(&err);
    fr_query_free(copy);
    fr_query_free(q);
    fr_network_free(fn);

    /* a network of one node and no links can be prepared */
    fn = load_net_ok("id,name,kind,country,lat,lon\nA,A,city,CN,0,0\n",
                     "id,from,to,mode,distance_km,time_h,cost_usd\n", NULL, NULL);
    assert_true(fr_network_prepare(fn, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS | FR_PREPARE_CH,
                                   &err));
    assert_null(err);
    fr_network_free(fn);
}

static void test_algorithm_names(void **state)
{
    (void)state;
    const char *names[FR_ALGORITHM_COUNT] = {"auto", "dijkstra", "bidirectional", "landmarks",
                                             "ch"};
    for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
        assert_string_equal(fr_algorithm_name((fr_algorithm)a), names[a]);
        fr_algorithm back = FR_ALGORITHM_COUNT;
        assert_true(fr_algorithm_from_name(names[a], &back));
        assert_int_equal(back, a);
    }
    const char *bad[] = {"", "Dijkstra", "CH", "alt", "astar", "auto ", "bidi", "none", NULL};
    for (int i = 0; bad[i]; i++) {
        fr_algorithm out = FR_ALGORITHM_CH;
        assert_false(fr_algorithm_from_name(bad[i], &out));
        assert_int_equal(out, FR_ALGORITHM_CH); /* untouched */
    }
    fr_algorithm out = FR_ALGORITHM_CH;
    assert_false(fr_algorithm_from_name(NULL, &out));
    assert_non_null(fr_algorithm_name(FR_ALGORITHM_COUNT));
    assert_non_null(fr_algorithm_name((fr_algorithm)-1));
}

/* ---- 7. ties by hand --------------------------------------------------------------- */

/* Each case: a network of road links between A, B, C, D (no dwell), a query
 * A -> D and the route that FORMAT.md §2 and §5 pick. */
typedef struct {
    const char *what;
    const char *links; /* rows after the header */
    fr_objective objective;
    const char *want; /* link ids */
} tie_case;

static const tie_case tie_cases[] = {
    {"equal cost: less time wins",
     "AB,A,B,road,100,5,10,1\nBD,B,D,road,100,5,10,1\n"
     "AC,A,C,road,100,3,12,1\nCD,C,D,road,100,3,8,1\n",
     FR_OBJECTIVE_COST, "AC CD"},
    {"equal cost within 1e-12 (0.1 + 0.2 against 0.15 + 0.15): less time wins",
     "AB,A,B,road,100,5,0.15,1\nBD,B,D,road,100,5,0.15,1\n"
     "AC,A,C,road,100,4,0.1,1\nCD,C,D,road,100,4,0.2,1\n",
     FR_OBJECTIVE_COST, "AC CD"},
    {"equal time: less cost wins",
     "AB,A,B,road,100,5,10,1\nBD,B,D,road,100,5,10,1\n"
     "AC,A,C,road,100,4,8,1\nCD,C,D,road,100,6,8,1\n",
     FR_OBJECTIVE_TIME, "AC CD"},
    {"equal co2, time and cost: fewer edges wins",
     "AB,A,B,road,100,5,10,2\nBD,B,D,road,100,5,10,2\n"
     "AD,A,D,road,50,10,20,4\n",
     FR_OBJECTIVE_CO2, "AD"},
    {"equal distance: less time beats less cost",
     "AB,A,B,road,100,5,1,1\nBD,B,D,road,100,5,1,1\n"
     "AC,A,C,road,150,4,50,1\nCD,C,D,road,50,4,50,1\n",
     FR_OBJECTIVE_DISTANCE, "AC CD"},
    {"equal time and cost (0.7 + 0.1 against 0.8): fewer edges wins",
     "AB,A,B,road,100,0.7,0.7,1\nBD,B,D,road,100,0.1,0.1,1\n"
     "AD,A,D,road,300,0.8,0.8,1\n",
     FR_OBJECTIVE_TIME, "AD"},
    {"lower objective beats less time",
     "AB,A,B,road,100,50,10,1\nBD,B,D,road,100,50,10,1\n"
     "AD,A,D,road,50,1,21,1\n",
     FR_OBJECTIVE_COST, "AB BD"},
};

static void test_ties_by_hand(void **state)
{
    (void)state;
    const char *nodes = "id,name,kind,country,lat,lon\n"
                        "A,A,city,CN,0,0\nB,B,city,CN,0,1\nC,C,city,CN,1,0\nD,D,city,CN,1,1\n";
    for (size_t i = 0; i < G_N_ELEMENTS(tie_cases); i++) {
        const tie_case *t = &tie_cases[i];
        char *links = g_strconcat("id,from,to,mode,distance_km,time_h,cost_usd,co2_kg\n",
                                  t->links, NULL);
        fr_network *fn = load_net_ok(nodes, links, NULL, NULL);
        g_free(links);
        GError *err = NULL;
        assert_true(fr_network_prepare(fn, t->objective, FR_PREPARE_LANDMARKS | FR_PREPARE_CH,
                                       &err));
        for (int a = 0; a < FR_ALGORITHM_COUNT; a++) {
            fr_route *r = route_by_ids(fn, "A", "D", t->objective, (fr_algorithm)a, &err);
            if (!r)
                fail_msg("%s, %s: %s", t->what, algorithm_label[a], err->message);
            char *ids = route_link_ids(r);
            if (strcmp(ids, t->want) != 0)
                fail_msg("%s, %s: route '%s', expected '%s'", t->what, algorithm_label[a], ids,
                         t->want);
            g_free(ids);
            fr_route_free(r);
        }
        fr_network_free(fn);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_algorithm_names),
        cmocka_unit_test(test_prepare_api),
        cmocka_unit_test(test_ties_by_hand),
        cmocka_unit_test(test_workspace_reuse),
        cmocka_unit_test(test_one_to_many),
        cmocka_unit_test(test_scalar_all),
        cmocka_unit_test(test_dijkstra_vs_igraph),
        cmocka_unit_test(test_algorithms_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
