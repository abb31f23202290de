/* test_engine_igraph.c - the query engine's plain Dijkstra
 * (lib/search/engine.c) against igraph on the library's own virtual graph.
 *
 * On seeded random networks (randnet.c; real figures, and small integers
 * where ties are everywhere), for every objective, without and with random
 * restrictions, for every pair of nodes: fr_engine_dijkstra()'s key.obj
 * equals the least of igraph's distances (igraph_distances_dijkstra on the
 * library's own virtual graph, edges filtered by the test's reading of the
 * restrictions, the same per-edge weights) from every OUT(origin, .) to
 * every IN(destination, .). On integer networks igraph runs on one exact
 * weight obj*W^3 + time*W^2 + cost*W + 1, so the whole key (objective,
 * time, cost, edges: FORMAT.md §2's tie-break) must match. The path must
 * chain from an OUT(origin, .) to an IN(destination, .) over usable edges
 * whose figures sum to the key.
 *
 * Shared fixtures: engine_fixtures.c. A failure prints the seed, the query
 * and the network's CSV files. */
#include "engine_fixtures.h"

#include <math.h>
#include <string.h>

static bool key_equal(const fr_key *a, const fr_key *b)
{
    return a->obj == b->obj && a->time == b->time && a->cost == b->cost && a->edges == b->edges;
}

/* ---- engine Dijkstra against igraph --------------------------------------------- */

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dijkstra_vs_igraph),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
