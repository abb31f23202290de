/* one_to_all_bench.c - benchmark 2: one-to-all shortest paths by cost on
 * generated networks of 10^4, 10^5 and 10^6 road nodes (bench/continent.h,
 * grid shape: the generator has no road-only option, so these are whole
 * continents: a road grid with rail, river, sea and air on top).
 *
 * From the same sources (random nodes with one mode, so that the source is
 * one state: OUT(node, road)), in the same run on the same virtual graph:
 * - engine: fr_engine_scalar_all(), the engine's one-to-all (distances and
 *   predecessor edges);
 * - keyed: fr_engine_one_to_many() with every node as a target: full
 *   lexicographic labels (cost, then time, cost, edges as tie-breaks);
 * - igraph: igraph_distances_dijkstra() from the source to all (mode OUT)
 *   on the network's igraph copy of the virtual graph;
 * - Boost: dijkstra_shortest_paths on a compressed_sparse_row_graph built
 *   from the same CSR (bench/boost_dijkstra.cpp), when Boost was found.
 * Every state's distance must agree (relative 1e-9) across engine, igraph
 * and Boost, and every node's keyed label with the least distance of its
 * IN states. Target: the engine no slower than Boost. An untimed search
 * first grows the workspaces. Times are the thread's CPU time, so that
 * other processes on a shared machine do not count.
 *
 *   bench-one-to-all            10^4, 10^5 and 10^6 road nodes
 *   bench-one-to-all --small    10^3 and 10^4 (CI)
 *   bench-one-to-all --max N    sizes up to N road nodes */
#include "bench_common.h"
#ifdef FR_HAVE_BOOST
#include "boost_dijkstra.h"
#endif

#include <math.h>

#define SOURCES 5
#define SEED 42

typedef struct {
    const fr_network *net;
    fr_workspace *ws;
    uint32_t *all_nodes, n_nodes;
    bool *reached;
    fr_key *keys;
    double *engine_dist, *igraph_dist, *boost_dist; /* per state */
    igraph_vector_t weights;
    igraph_matrix_t matrix;
#ifdef FR_HAVE_BOOST
    boost_graph *boost;
#endif
} one_to_all;

typedef struct {
    double engine, keyed, igraph, boost; /* seconds, summed over the sources */
    uint32_t differ;                     /* sources with a disagreement */
} totals;

static bool setup(one_to_all *b, const fr_network *net)
{
    const fr_vgraph *g = &net->vgraph;
    *b = (one_to_all){.net = net, .ws = fr_workspace_new(), .n_nodes = net->model.nodes->len};
    b->all_nodes = g_new(uint32_t, b->n_nodes);
    for (uint32_t v = 0; v < b->n_nodes; v++)
        b->all_nodes[v] = v;
    b->reached = g_new(bool, b->n_nodes);
    b->keys = g_new(fr_key, b->n_nodes);
    b->engine_dist = g_new(double, g->n_states);
    b->igraph_dist = g_new(double, g->n_states);
    b->boost_dist = g_new(double, g->n_states);
    igraph_vector_view(&b->weights, g->cost, g->n_edges);
    igraph_matrix_init(&b->matrix, 0, 0);
#ifdef FR_HAVE_BOOST
    b->boost = boost_graph_new(g->n_states, g->n_edges, g->edge_from, g->edge_to, g->cost);
    if (!b->boost) {
        fprintf(stderr, "Boost could not build the graph\n");
        return false;
    }
#endif
    return true;
}

static void teardown(one_to_all *b)
{
    fr_workspace_free(b->ws);
    g_free(b->all_nodes);
    g_free(b->reached);
    g_free(b->keys);
    g_free(b->engine_dist);
    g_free(b->igraph_dist);
    g_free(b->boost_dist);
    igraph_matrix_destroy(&b->matrix);
#ifdef FR_HAVE_BOOST
    boost_graph_free(b->boost);
#endif
}

/* Does every node's keyed label equal the least distance of its IN states? */
static bool keyed_agrees(const one_to_all *b, uint32_t source_node)
{
    const fr_vgraph *g = &b->net->vgraph;
    for (uint32_t v = 0; v < b->n_nodes; v++) {
        if (v == source_node)
            continue;
        uint32_t in[FR_MODE_COUNT], n = fr_node_states(g, v, false, in);
        double least = INFINITY;
        for (uint32_t i = 0; i < n; i++)
            least = fmin(least, b->engine_dist[in[i]]);
        if (!bc_same(b->reached[v] ? b->keys[v].obj : INFINITY, least, 1e-9))
            return false;
    }
    return true;
}

static bool distances_agree(const one_to_all *b)
{
    const fr_vgraph *g = &b->net->vgraph;
    for (uint32_t s = 0; s < g->n_states; s++) {
        if (!bc_same(b->engine_dist[s], b->igraph_dist[s], 1e-9))
            return false;
#ifdef FR_HAVE_BOOST
        /* Boost leaves unreached vertices at the largest double */
        double boost = b->boost_dist[s] >= 1e300 ? INFINITY : b->boost_dist[s];
        if (!bc_same(b->engine_dist[s], boost, 1e-9))
            return false;
#endif
    }
    return true;
}

/* The four one-to-all searches from node v (one mode: one OUT state). */
static bool run_source(one_to_all *b, uint32_t v, uint32_t other, totals *t)
{
    const fr_vgraph *g = &b->net->vgraph;
    uint32_t root;
    fr_node_states(g, v, true, &root);
    fr_metric m;
    fr_metric_plain(&m, g, FR_OBJECTIVE_COST);
    double t0 = bc_cpu_now();
    fr_engine_scalar_all(b->ws, &m, &root, 1, false, b->engine_dist);
    t->engine += bc_cpu_now() - t0;

    fr_search_spec spec; /* the destination is ignored by one-to-many */
    if (!bc_spec(&spec, b->net, v, other, FR_OBJECTIVE_COST, 0, 0))
        return false;
    t0 = bc_cpu_now();
    fr_engine_one_to_many(b->ws, &b->net->vgraph, &spec, b->all_nodes, b->n_nodes, b->reached, b->keys,
                          NULL);
    t->keyed += bc_cpu_now() - t0;
    fr_search_spec_clear(&spec);

    const igraph_t *igraph_of_net = bc_igraph_of(b->net); /* built once, outside the timing */
    fr_igraph_enter();
    t0 = bc_cpu_now();
    igraph_distances_dijkstra(igraph_of_net, &b->matrix, igraph_vss_1(root), igraph_vss_all(),
                              &b->weights, IGRAPH_OUT);
    t->igraph += bc_cpu_now() - t0;
    fr_igraph_leave();
    for (uint32_t s = 0; s < g->n_states; s++)
        b->igraph_dist[s] = MATRIX(b->matrix, 0, s);
#ifdef FR_HAVE_BOOST
    t->boost += boost_one_to_all(b->boost, root, b->boost_dist);
#endif
    t->differ += !distances_agree(b) || !keyed_agrees(b, v);
    return true;
}

static const bc_column columns[] = {
    {"road nodes", 10},   {"states", 9},          {"v-edges", 9},        {"engine ms", 9},
    {"keyed ms", 9},      {"igraph ms", 9},       {"Boost ms", 8},       {"igraph/engine", 13},
    {"Boost/engine", 12}, {"Boost/keyed", 11},    {"no slower than Boost", -21},
    {"same distances", -14}};

static void print_row(bc_table *table, uint64_t size, const fr_network *net, const totals *t)
{
    double n = SOURCES;
    bc_cell(table, "%" G_GUINT64_FORMAT, size);
    bc_cell(table, "%zu", fr_network_state_count(net));
    bc_cell(table, "%zu", fr_network_virtual_edge_count(net));
    bc_cell(table, "%.2f", 1e3 * t->engine / n);
    bc_cell(table, "%.2f", 1e3 * t->keyed / n);
    bc_cell(table, "%.2f", 1e3 * t->igraph / n);
#ifdef FR_HAVE_BOOST
    bc_cell(table, "%.2f", 1e3 * t->boost / n);
    bc_cell(table, "%.2fx", t->igraph / t->engine);
    bc_cell(table, "%.2fx", t->boost / t->engine);
    bc_cell(table, "%.2fx", t->boost / t->keyed);
    bc_cell(table, "%s", bc_verdict(t->boost >= t->engine));
#else
    bc_cell(table, "n/a");
    bc_cell(table, "%.2fx", t->igraph / t->engine);
    bc_cell(table, "n/a");
    bc_cell(table, "n/a");
    bc_cell(table, "n/a (Boost not found)");
#endif
    bc_cell(table, "%s", t->differ ? "DIFFER" : "agree");
}

static bool bench_size(uint64_t size, bc_table *table, GRand *rng)
{
    fr_network *net = bc_continent(size, CONTINENT_GRID, SEED, NULL);
    if (!net)
        return false;
    GArray *pool = bc_single_mode_nodes(net);
    uint32_t pairs[2 * SOURCES];
    bc_random_pairs(rng, (uint32_t *)pool->data, pool->len, SOURCES, pairs);
    one_to_all b;
    totals t = {0}, warm_up = {0}; /* the first search grows the workspace */
    bool ok = setup(&b, net) && run_source(&b, pairs[0], pairs[1], &warm_up);
    for (int i = 0; ok && i < SOURCES; i++)
        ok = run_source(&b, pairs[2 * i], pairs[2 * i + 1], &t);
    if (ok)
        print_row(table, size, net, &t);
    teardown(&b);
    g_array_free(pool, TRUE);
    bc_igraph_drop();
    fr_network_free(net);
    return ok;
}

int main(int argc, char **argv)
{
    bc_options options;
    bc_parse_options(&argc, &argv, "Benchmark 2: one-to-all Dijkstra against igraph and Boost.",
                     NULL, &options);
    const uint64_t full[] = {10000, 100000, 1000000, 0}, small[] = {1000, 10000, 0};
    uint64_t sizes[8];
    size_t n_sizes = bc_sizes(&options, full, small, sizes, G_N_ELEMENTS(sizes));
    printf("Benchmark 2: one-to-all by cost on generated continents (grid shape, seed %d: road "
           "grid plus rail, river, sea, air)\n", SEED);
    printf("ms per search (thread CPU time), mean over %d random sources (one-mode nodes); ratios > 1: the "
           "engine is faster\n\n", SOURCES);
    bc_table table;
    bc_table_begin(&table, columns, G_N_ELEMENTS(columns));
    GRand *rng = g_rand_new_with_seed(SEED);
    bool ok = true;
    for (size_t i = 0; ok && i < n_sizes; i++)
        ok = bench_size(sizes[i], &table, rng);
    g_rand_free(rng);
    printf("\nengine: fr_engine_scalar_all (distance + predecessor edge per state); keyed: "
           "fr_engine_one_to_many to every node (lexicographic labels).\n");
    return ok ? 0 : 1;
}
