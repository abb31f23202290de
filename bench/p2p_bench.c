/* p2p_bench.c - benchmark 3: random point-to-point queries by cost on
 * generated networks of 10^4, 10^5 and 10^6 road nodes (bench/continent.h,
 * grid shape: whole continents, the generator has no road-only option).
 *
 * Pairs are random nodes with one mode (road junctions), so the node-level
 * question is the state-level one OUT(o) -> IN(d), which igraph answers on
 * the network's igraph copy of the virtual graph. On the same pairs:
 * - igraph: igraph_get_shortest_path_dijkstra() (at 10^6 road nodes only
 *   the first 10 pairs: it takes about half a second each);
 * - dijkstra, bidirectional, landmarks (A* with 8 landmarks), ch
 *   (contraction hierarchies): fr_engine_route() with that algorithm, on
 *   resolved specs, one reused workspace, the path (shortcuts unpacked)
 *   included.
 * Every algorithm's key (cost, time, cost, edges) must equal plain
 * Dijkstra's, and igraph's cost too. Preprocessing (fr_network_prepare for
 * landmarks, then for CH) is timed and sized separately. Times are the
 * thread's CPU time (other processes on a shared machine do not count).
 * Target: CH at least 100x faster than igraph at 10^6 road nodes.
 *
 * Then our hierarchy against RoutingKit's ContractionHierarchy
 * (routingkit_ch.h, built when CMake has FR_ROUTINGKIT_DIR: bench/README.md)
 * on the same virtual graph and cost weights, scaled to integers
 * (RK_SCALE): preprocessing time, distance and path query time on 1,000
 * other random pairs (fr_ch_route() against RoutingKit's query object,
 * each with one reused workspace), hierarchy bytes; and whether the two
 * agree on every pair, exactly or within the rounding.
 *
 *   bench-p2p            10^4, 10^5 and 10^6 road nodes, 100 pairs
 *   bench-p2p --small    10^3 and 10^4, 20 pairs (CI)
 *   bench-p2p --max N    sizes up to N road nodes */
#include "bench_common.h"
#include "ch.h"
#include "landmarks.h"

#ifdef FR_HAVE_ROUTINGKIT
#include "routingkit_ch.h"
#endif

#include <math.h>
#include <string.h>

#define SEED 42
#define TARGET 100.0
#define TARGET_SIZE 1000000u
#define IGRAPH_FEW_PAIRS 10 /* igraph's pairs from TARGET_SIZE on */
#define RK_PAIRS 1000       /* pairs of the RoutingKit comparison (--small: 100) */
/* Cost weights (USD per TEU) scaled to RoutingKit's integers: thousandths
 * of a US dollar, rounded. */
#define RK_SCALE 1000.0

typedef struct {
    const fr_network *net;
    fr_workspace *ws;
    GArray *path;
    const uint32_t *pairs;
    fr_search_spec *specs;
    uint32_t n, n_igraph;
    fr_algorithm algorithm;
    fr_key *keys; /* per pair, the first batch's; obj INFINITY: no route */
    double *igraph; /* per igraph pair, the cost */
    igraph_vector_t weights;
    igraph_vector_int_t edges;
} p2p;

static void batch_engine(void *context, bool first)
{
    p2p *b = context;
    for (uint32_t i = 0; i < b->n; i++) {
        fr_key key = {INFINITY, INFINITY, INFINITY, 0};
        g_array_set_size(b->path, 0);
        if (!fr_engine_route(b->ws, b->net, &b->specs[i], b->algorithm, &key, b->path))
            key = (fr_key){INFINITY, INFINITY, INFINITY, 0};
        if (first)
            b->keys[i] = key;
    }
}

static void batch_igraph(void *context, bool first)
{
    p2p *b = context;
    const fr_vgraph *g = &b->net->vgraph;
    const igraph_t *graph = bc_igraph_of(b->net); /* built once, outside the timing */
    fr_igraph_enter();
    for (uint32_t i = 0; i < b->n_igraph; i++) {
        uint32_t from, to;
        fr_node_states(g, b->pairs[2 * i], true, &from);
        fr_node_states(g, b->pairs[2 * i + 1], false, &to);
        double cost = bc_igraph_path(graph, &b->weights, from, to, g->cost, g->n_edges,
                                     &b->edges);
        if (first)
            b->igraph[i] = cost;
    }
    fr_igraph_leave();
}

static const bc_column columns[] = {
    {"road nodes", 10}, {"states", 9},     {"algorithm", -13}, {"pairs", 5},
    {"us/query", 10},   {"igraph/x", 9},   {"dijkstra/x", 10}, {"target 100x", -11},
    {"same answers", -20}};

typedef struct {
    uint64_t size;
    double igraph_us, plain_us;
    const fr_key *plain; /* plain Dijkstra's keys */
    bool target_met;
} row_context;

static void engine_row(p2p *b, bc_table *table, row_context *rc, double min_seconds)
{
    double us = 1e6 * bc_time_batches(batch_engine, b, min_seconds) / b->n;
    uint32_t differ = 0;
    for (uint32_t i = 0; rc->plain && i < b->n; i++)
        differ += fr_key_compare(&b->keys[i], &rc->plain[i]) != 0;
    if (b->algorithm == FR_ALGORITHM_DIJKSTRA)
        rc->plain_us = us;
    bc_cell(table, "%" G_GUINT64_FORMAT, rc->size);
    bc_cell(table, "%zu", fr_network_state_count(b->net));
    bc_cell(table, "%s", fr_algorithm_name(b->algorithm));
    bc_cell(table, "%u", b->n);
    bc_cell(table, "%.1f", us);
    bc_cell(table, "%.1fx", rc->igraph_us / us);
    bc_cell(table, "%.1fx", rc->plain_us / us);
    bool target_row = b->algorithm == FR_ALGORITHM_CH && rc->size >= TARGET_SIZE;
    if (target_row)
        rc->target_met = rc->igraph_us / us >= TARGET;
    bc_cell(table, "%s", target_row ? bc_verdict(rc->target_met) : "");
    if (!rc->plain)
        bc_cell(table, "(reference)");
    else if (differ)
        bc_cell(table, "DIFFER (%u pairs)", differ);
    else
        bc_cell(table, "agree");
}

static void igraph_row(p2p *b, bc_table *table, row_context *rc, double min_seconds)
{
    rc->igraph_us = 1e6 * bc_time_batches(batch_igraph, b, min_seconds) / b->n_igraph;
    bc_cell(table, "%" G_GUINT64_FORMAT, rc->size);
    bc_cell(table, "%zu", fr_network_state_count(b->net));
    bc_cell(table, "igraph");
    bc_cell(table, "%u", b->n_igraph);
    bc_cell(table, "%.1f", rc->igraph_us);
    bc_cell(table, "1.0x");
    bc_cell(table, "%s", "");
    bc_cell(table, "%s", "");
    bc_cell(table, "%s", "(checked below)");
}

/* The rows of one size; *met tells the CH target (when size >= 10^6). */
static void query_rows(p2p *b, bc_table *table, uint64_t size, double min_seconds, bool *met)
{
    row_context rc = {.size = size};
    igraph_row(b, table, &rc, min_seconds);
    fr_key *plain = g_new(fr_key, b->n);
    const fr_algorithm algorithms[] = {FR_ALGORITHM_DIJKSTRA, FR_ALGORITHM_BIDIRECTIONAL,
                                       FR_ALGORITHM_LANDMARKS, FR_ALGORITHM_CH};
    for (size_t a = 0; a < G_N_ELEMENTS(algorithms); a++) {
        b->algorithm = algorithms[a];
        engine_row(b, table, &rc, min_seconds);
        if (a == 0) {
            memcpy(plain, b->keys, b->n * sizeof *plain);
            rc.plain = plain;
        }
    }
    uint32_t differ = 0;
    for (uint32_t i = 0; i < b->n_igraph; i++)
        differ += !bc_same(b->igraph[i], plain[i].obj, 1e-9);
    if (differ)
        printf("igraph's costs DIFFER from the engine's on %u of %u pairs\n", differ,
               b->n_igraph);
    if (size >= TARGET_SIZE)
        *met = rc.target_met;
    g_free(plain);
}

typedef struct {
    uint64_t size;
    size_t states;
    double landmark_s, ch_s;
    size_t landmark_bytes;
    fr_ch_stats ch;
} prep;

/* fr_network_prepare() for landmarks, then for CH, each timed. */
static bool prepare(fr_network *net, uint64_t size, prep *p)
{
    GError *error = NULL;
    const fr_prepared *prepared = &net->prepared[FR_OBJECTIVE_COST];
    *p = (prep){.size = size, .states = fr_network_state_count(net)};
    double t0 = bc_cpu_now();
    bool ok = fr_network_prepare(net, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS, &error);
    p->landmark_s = bc_cpu_now() - t0;
    t0 = bc_cpu_now();
    ok = ok && fr_network_prepare(net, FR_OBJECTIVE_COST, FR_PREPARE_CH, &error);
    p->ch_s = bc_cpu_now() - t0;
    if (!ok) {
        fprintf(stderr, "fr_network_prepare: %s\n", error->message);
        g_error_free(error);
        return false;
    }
    p->landmark_bytes = fr_landmarks_bytes(prepared->landmarks);
    fr_ch_get_stats(prepared->ch, &p->ch);
    return true;
}

static bool bench_size(uint64_t size, const bc_options *options, bc_table *table, prep *p,
                       bool *met)
{
    fr_network *net = bc_continent(size, CONTINENT_GRID, SEED, NULL);
    if (!net || !prepare(net, size, p))
        return (bc_igraph_drop(), fr_network_free(net), false);
    GRand *rng = g_rand_new_with_seed(SEED);
    GArray *pool = bc_single_mode_nodes(net);
    uint32_t n = options->small ? 20 : 100;
    p2p b = {.net = net, .ws = fr_workspace_new(), .path = g_array_new(FALSE, FALSE, 4),
             .pairs = g_new(uint32_t, 2 * n), .specs = g_new0(fr_search_spec, n), .n = n,
             .n_igraph = size >= TARGET_SIZE ? IGRAPH_FEW_PAIRS : n, .keys = g_new(fr_key, n)};
    b.igraph = g_new(double, b.n_igraph);
    bc_random_pairs(rng, (uint32_t *)pool->data, pool->len, n, (uint32_t *)b.pairs);
    bool ok = true;
    for (uint32_t i = 0; i < n; i++)
        ok = bc_spec(&b.specs[i], net, b.pairs[2 * i], b.pairs[2 * i + 1], FR_OBJECTIVE_COST, 0,
                     0) && ok;
    igraph_vector_view(&b.weights, net->vgraph.cost, net->vgraph.n_edges);
    igraph_vector_int_init(&b.edges, 0);
    if (ok)
        query_rows(&b, table, size, options->small ? 0.02 : 0.2, met);
    for (uint32_t i = 0; i < n; i++)
        fr_search_spec_clear(&b.specs[i]);
    igraph_vector_int_destroy(&b.edges);
    fr_workspace_free(b.ws);
    g_array_free(b.path, TRUE);
    g_free((uint32_t *)b.pairs), g_free(b.specs), g_free(b.keys), g_free(b.igraph);
    g_array_free(pool, TRUE);
    g_rand_free(rng);
    bc_igraph_drop();
    fr_network_free(net);
    return ok;
}

static const bc_column prep_columns[] = {
    {"road nodes", 10}, {"states", 9},       {"preprocessing", -13}, {"seconds", 8},
    {"MB", 7},          {"bytes/state", 11}, {"shortcuts", 10},      {"upward edges", 12}};

static void print_preparation(const prep *p, size_t n)
{
    printf("\nPreprocessing for the cost objective (fr_network_prepare, thread CPU time around the "
           "call; memory held afterwards)\n");
    bc_table t;
    bc_table_begin(&t, prep_columns, G_N_ELEMENTS(prep_columns));
    for (size_t i = 0; i < n; i++) {
        bc_cell(&t, "%" G_GUINT64_FORMAT, p[i].size);
        bc_cell(&t, "%zu", p[i].states);
        bc_cell(&t, "landmarks (8)");
        bc_cell(&t, "%.2f", p[i].landmark_s);
        bc_cell(&t, "%.1f", p[i].landmark_bytes / 1e6);
        bc_cell(&t, "%.1f", (double)p[i].landmark_bytes / p[i].states);
        bc_cell(&t, "-");
        bc_cell(&t, "-");
        bc_cell(&t, "%" G_GUINT64_FORMAT, p[i].size);
        bc_cell(&t, "%zu", p[i].states);
        bc_cell(&t, "ch");
        bc_cell(&t, "%.2f", p[i].ch_s);
        bc_cell(&t, "%.1f", p[i].ch.bytes / 1e6);
        bc_cell(&t, "%.1f", (double)p[i].ch.bytes / p[i].states);
        bc_cell(&t, "%" G_GUINT64_FORMAT, p[i].ch.shortcuts);
        bc_cell(&t, "%" G_GUINT64_FORMAT, p[i].ch.upward_edges);
    }
}

int main(int argc, char **argv)
{
    bc_options options;
    bc_parse_options(&argc, &argv, "Benchmark 3: point-to-point algorithms against igraph.",
                     NULL, &options);
    const uint64_t full[] = {10000, 100000, 1000000, 0}, small[] = {1000, 10000, 0};
    uint64_t sizes[8];
    size_t n_sizes = bc_sizes(&options, full, small, sizes, G_N_ELEMENTS(sizes));
    printf("Benchmark 3: random point-to-point queries by cost on generated continents (grid "
           "shape, seed %d)\n", SEED);
    printf("us per query (thread CPU time, path included), each measured over >= %.2f s; ratios > 1: faster "
           "than igraph / than plain Dijkstra\n\n", options.small ? 0.02 : 0.2);
    bc_table table;
    bc_table_begin(&table, columns, G_N_ELEMENTS(columns));
    prep preps[8];
    bool ok = true, met = false, measured = false;
    for (size_t i = 0; ok && i < n_sizes; i++) {
        ok = bench_size(sizes[i], &options, &table, &preps[i], &met);
        measured = measured || sizes[i] >= TARGET_SIZE;
    }
    if (n_sizes && sizes[n_sizes - 1] >= TARGET_SIZE)
        printf("(igraph at %u road nodes: the first %d pairs only; its us/query is their mean)\n",
               TARGET_SIZE, IGRAPH_FEW_PAIRS);
    if (ok)
        print_preparation(preps, n_sizes);
    printf("\ntarget (CH >= %.0fx faster than igraph at %u road nodes): %s\n", TARGET,
           TARGET_SIZE, measured ? bc_verdict(met) : "not measured at this size");
    return ok ? 0 : 1;
}
