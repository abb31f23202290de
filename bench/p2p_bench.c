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
 * agree on every pair, exactly or within the rounding; and the two
 * hierarchies' search spaces, measured by one query code (ch_space.h).
 *
 *   bench-p2p            10^4, 10^5 and 10^6 road nodes, 100 pairs
 *   bench-p2p --small    10^3 and 10^4, 20 pairs (CI)
 *   bench-p2p --max N    sizes up to N road nodes */
#include "bench_common.h"
#include "ch.h"
#include "ch_space.h"
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

/* ---- our hierarchy against RoutingKit's ----------------------------------------- */

/* One size's comparison: [0] ours, [1] RoutingKit's. */
typedef struct {
    bool built;
    double prep_s[2], distance_us[2], key_us, path_us[2];
    size_t bytes[2];
    uint64_t arcs[2];
    uint32_t pairs, same, rounding, differ; /* answers */
    uint32_t key_differs; /* pairs where fr_ch_route()'s key.obj is not fr_ch_distance()'s */
    double worst_excess; /* most RoutingKit's path costs more than ours (USD), rounding */
    uint32_t max_distance; /* RoutingKit's largest distance (scaled) */
    ch_space space[2];     /* per pair, by ch_space.c's query */
} rk_row;

typedef struct {
    const fr_ch *ch;
    fr_ch_workspace *ws;
    GArray *path;
    const uint32_t *states; /* per pair: source state, target state */
    uint32_t n;
    double *obj;       /* per pair, ours (INFINITY: no route) */
    uint32_t key_differs; /* pairs whose whole key's objective is not fr_ch_distance()'s */
    uint32_t *n_edges; /* per pair, our path's edges */
#ifdef FR_HAVE_ROUTINGKIT
    routingkit_ch *rk;
    const double *cost;      /* per virtual edge */
    const uint32_t *rounded; /* per virtual edge, RoutingKit's weight */
    uint32_t *rk_distance, *rk_edges, *rk_rounded_sum;
    double *rk_cost; /* per pair: RoutingKit's path, cost summed in doubles */
#endif
} rk_batch;

/* Microseconds per query of a batch, after one batch untimed: both
 * workspaces are allocated before the queries but touched (page faults,
 * caches) only by the first ones, which a single timed batch at 10^5 road
 * nodes would otherwise count. */
static double rk_time(void (*batch)(void *context, bool first), rk_batch *b, double min_seconds)
{
    batch(b, true);
    return 1e6 * bc_time_batches(batch, b, min_seconds) / b->n;
}

static void batch_ch_distance(void *context, bool first)
{
    rk_batch *b = context;
    for (uint32_t i = 0; i < b->n; i++) {
        double obj;
        bool found = fr_ch_distance(b->ch, b->ws, &b->states[2 * i], 1, &b->states[2 * i + 1], 1,
                                    &obj);
        if (first)
            b->obj[i] = found ? obj : INFINITY;
    }
}

/* The whole key (its time, cost and edges summed over the shortcuts):
 * what RoutingKit's distance query has no counterpart of. */
static void batch_ch_key(void *context, bool first)
{
    rk_batch *b = context;
    for (uint32_t i = 0; i < b->n; i++) {
        fr_key key;
        bool found = fr_ch_route(b->ch, b->ws, &b->states[2 * i], 1, &b->states[2 * i + 1], 1,
                                 &key, NULL);
        if (first && (found ? key.obj : INFINITY) != b->obj[i])
            b->key_differs++;
    }
}

static void batch_ch_path(void *context, bool first)
{
    rk_batch *b = context;
    for (uint32_t i = 0; i < b->n; i++) {
        g_array_set_size(b->path, 0);
        fr_ch_route(b->ch, b->ws, &b->states[2 * i], 1, &b->states[2 * i + 1], 1, NULL, b->path);
        if (first)
            b->n_edges[i] = b->path->len;
    }
}

#ifdef FR_HAVE_ROUTINGKIT
static void batch_rk_distance(void *context, bool first)
{
    rk_batch *b = context;
    for (uint32_t i = 0; i < b->n; i++) {
        uint32_t d = routingkit_ch_distance(b->rk, b->states[2 * i], b->states[2 * i + 1]);
        if (first)
            b->rk_distance[i] = d;
    }
}

static void batch_rk_path(void *context, bool first)
{
    rk_batch *b = context;
    for (uint32_t i = 0; i < b->n; i++) {
        const uint32_t *arcs;
        uint32_t n_arcs;
        routingkit_ch_path(b->rk, b->states[2 * i], b->states[2 * i + 1], &arcs, &n_arcs);
        if (!first)
            continue;
        double cost = 0;
        uint64_t sum = 0;
        for (uint32_t j = 0; j < n_arcs; j++) {
            cost += b->cost[arcs[j]];
            sum += b->rounded[arcs[j]];
        }
        b->rk_edges[i] = n_arcs;
        b->rk_cost[i] = cost;
        b->rk_rounded_sum[i] = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
    }
}

/* Pair i's answers: the same cost (RoutingKit's path, summed in doubles,
 * costs what ours does), or a different path within the rounding (each
 * arc's weight moved by at most half a unit: RoutingKit's distance is
 * within half a unit per arc of ours scaled), or they differ. */
static void rk_check(const rk_batch *b, rk_row *row)
{
    for (uint32_t i = 0; i < b->n; i++) {
        double ours = b->obj[i], theirs = b->rk_cost[i];
        uint32_t d = b->rk_distance[i];
        bool none = ours == INFINITY, rk_none = d == ROUTINGKIT_NO_PATH;
        if (!rk_none)
            row->max_distance = MAX(row->max_distance, d);
        if (none || rk_none) {
            if (none && rk_none)
                row->same++;
            else
                row->differ++;
            continue;
        }
        double slack = 0.5 * MAX(b->n_edges[i], b->rk_edges[i]) + 1e-6;
        if (b->rk_rounded_sum[i] != d || theirs < ours - 1e-9 * MAX(1.0, ours))
            row->differ++; /* RoutingKit's path is not its distance, or beats ours */
        else if (bc_same(theirs, ours, 1e-9))
            row->same++;
        else if (fabs((double)d - RK_SCALE * ours) <= slack) {
            row->rounding++;
            row->worst_excess = MAX(row->worst_excess, theirs - ours);
        } else
            row->differ++;
    }
}

/* RoutingKit's search space on the pairs (its weights as doubles). */
static void rk_space(const routingkit_ch *rk, const uint32_t *states, uint32_t n, ch_space *out)
{
    ch_upward_graphs g;
    double *weight[2];
    for (int d = 0; d < 2; d++) {
        const uint32_t *w;
        g.n = routingkit_ch_upward(rk, d, &g.first_out[d], &g.head[d], &w);
        uint32_t arcs = g.first_out[d][g.n];
        weight[d] = g_new(double, (size_t)arcs + 1);
        for (uint32_t i = 0; i < arcs; i++)
            weight[d][i] = w[i];
        g.weight[d] = weight[d];
    }
    g.rank = routingkit_ch_rank(rk);
    ch_space_measure(&g, states, n, out);
    g_free(weight[0]), g_free(weight[1]);
}

/* RoutingKit's side: its hierarchy on the same graph and weights. */
static bool rk_measure(rk_batch *b, const fr_vgraph *g, double min_seconds, rk_row *row)
{
    uint32_t *rounded = g_new(uint32_t, g->n_edges);
    if (!routingkit_weights(g->n_edges, g->cost, RK_SCALE, rounded)) {
        fprintf(stderr, "RoutingKit: a cost does not fit its integer weights at scale %g\n",
                RK_SCALE);
        g_free(rounded);
        return false;
    }
    b->rk = routingkit_ch_build(g->n_states, g->n_edges, g->edge_from, g->edge_to, rounded,
                                &row->prep_s[1]);
    if (!b->rk) {
        fprintf(stderr, "RoutingKit: ContractionHierarchy::build failed\n");
        g_free(rounded);
        return false;
    }
    rk_space(b->rk, b->states, b->n, &row->space[1]);
    b->cost = g->cost;
    b->rounded = rounded;
    b->rk_distance = g_new(uint32_t, b->n), b->rk_edges = g_new(uint32_t, b->n);
    b->rk_rounded_sum = g_new(uint32_t, b->n), b->rk_cost = g_new(double, b->n);
    row->bytes[1] = routingkit_ch_bytes(b->rk);
    row->arcs[1] = routingkit_ch_upward_arcs(b->rk);
    row->distance_us[1] = rk_time(batch_rk_distance, b, min_seconds);
    row->path_us[1] = rk_time(batch_rk_path, b, min_seconds);
    rk_check(b, row);
    routingkit_ch_free(b->rk);
    g_free(rounded), g_free(b->rk_distance), g_free(b->rk_edges), g_free(b->rk_rounded_sum);
    g_free(b->rk_cost);
    return true;
}
#endif

/* Our hierarchy (already prepared: p) and, when built, RoutingKit's, on
 * RK_PAIRS random pairs of their own. */
static void rk_compare(const fr_network *net, const prep *p, bool small, rk_row *row)
{
    const fr_vgraph *g = &net->vgraph;
    GRand *rng = g_rand_new_with_seed(SEED + 1);
    GArray *pool = bc_single_mode_nodes(net);
    uint32_t n = small ? RK_PAIRS / 10 : RK_PAIRS;
    uint32_t *pairs = g_new(uint32_t, 2 * n), *states = g_new(uint32_t, 2 * n);
    bc_random_pairs(rng, (uint32_t *)pool->data, pool->len, n, pairs);
    for (uint32_t i = 0; i < n; i++) {
        fr_node_states(g, pairs[2 * i], true, &states[2 * i]);
        fr_node_states(g, pairs[2 * i + 1], false, &states[2 * i + 1]);
    }
    double min_seconds = small ? 0.02 : 0.2;
    rk_batch b = {.ch = net->prepared[FR_OBJECTIVE_COST].ch, .ws = fr_ch_workspace_new(),
                  .path = g_array_new(FALSE, FALSE, sizeof(uint32_t)), .states = states, .n = n,
                  .obj = g_new(double, n), .n_edges = g_new(uint32_t, n)};
    *row = (rk_row){.pairs = n, .prep_s[0] = p->ch_s, .bytes[0] = p->ch.bytes,
                    .arcs[0] = p->ch.upward_edges};
    row->distance_us[0] = rk_time(batch_ch_distance, &b, min_seconds);
    row->key_us = rk_time(batch_ch_key, &b, min_seconds);
    row->path_us[0] = rk_time(batch_ch_path, &b, min_seconds);
    row->key_differs = b.key_differs;
    ch_upward_graphs ours;
    ch_space_graphs_of(b.ch, &ours);
    ch_space_measure(&ours, states, n, &row->space[0]);
#ifdef FR_HAVE_ROUTINGKIT
    row->built = rk_measure(&b, g, min_seconds, row);
#endif
    fr_ch_workspace_free(b.ws);
    g_array_free(b.path, TRUE);
    g_free(b.obj), g_free(b.n_edges), g_free(pairs), g_free(states);
    g_array_free(pool, TRUE);
    g_rand_free(rng);
}

static const bc_column rk_columns[] = {{"road nodes", 10}, {"states", 9},       {"figure", -20},
                                       {"ours", 10},       {"RoutingKit", 10}, {"ours/RK", 8}};

static void rk_figure(bc_table *t, const rk_row *r, const prep *p, const char *name,
                      const char *format, double ours, double theirs)
{
    bc_cell(t, "%" G_GUINT64_FORMAT, p->size);
    bc_cell(t, "%zu", p->states);
    bc_cell(t, "%s", name);
    bc_cell(t, format, ours);
    if (r->built)
        bc_cell(t, format, theirs), bc_cell(t, "%.2f", ours / theirs);
    else
        bc_cell(t, "-"), bc_cell(t, "-");
}

static void print_routingkit(const rk_row *rows, const prep *p, size_t n)
{
    printf("\nContraction hierarchies against RoutingKit (cost weights; RoutingKit's in 1/%.0f "
           "USD, rounded; thread CPU time; ours/RK > 1: ours slower or bigger)\n",
           RK_SCALE);
#ifndef FR_HAVE_ROUTINGKIT
    printf("RoutingKit: not built (see bench/README.md)\n");
#endif
    bc_table t;
    bc_table_begin(&t, rk_columns, G_N_ELEMENTS(rk_columns));
    for (size_t i = 0; i < n; i++) {
        const rk_row *r = &rows[i];
        rk_figure(&t, r, &p[i], "preprocessing s", "%.2f", r->prep_s[0], r->prep_s[1]);
        rk_figure(&t, r, &p[i], "distance us/query", "%.2f", r->distance_us[0],
                  r->distance_us[1]);
        rk_figure(&t, r, &p[i], "whole key us/query", "%.2f", r->key_us, r->distance_us[1]);
        rk_figure(&t, r, &p[i], "path us/query", "%.2f", r->path_us[0], r->path_us[1]);
        rk_figure(&t, r, &p[i], "hierarchy MB", "%.2f", r->bytes[0] / 1e6, r->bytes[1] / 1e6);
        rk_figure(&t, r, &p[i], "upward arcs", "%.0f", (double)r->arcs[0], (double)r->arcs[1]);
        const ch_space *s = r->space;
        rk_figure(&t, r, &p[i], "settled/query (*)", "%.1f", s[0].settled, s[1].settled);
        rk_figure(&t, r, &p[i], "relaxed/query (*)", "%.1f", s[0].relaxed, s[1].relaxed);
        rk_figure(&t, r, &p[i], "stall arcs/query (*)", "%.1f", s[0].stall_arcs, s[1].stall_arcs);
        rk_figure(&t, r, &p[i], "reachable arcs (*)", "%.1f", s[0].reachable_arcs,
                  s[1].reachable_arcs);
    }
    printf("(*) one query code on both hierarchies (bench/ch_space.h): ranks settled, arcs "
           "relaxed and arcs the stall test read per query; arcs of both upward-reachable sets "
           "per pair\n");
    for (size_t i = 0; i < n; i++) {
        const rk_row *r = &rows[i];
        if (!r->built)
            continue;
        char excess[64] = "";
        if (r->rounding)
            g_snprintf(excess, sizeof excess, " (RoutingKit's path at most %.3g USD dearer)",
                       r->worst_excess);
        printf("%" G_GUINT64_FORMAT " road nodes, %u pairs: %u same cost, %u within the rounding%s, "
               "%u %s; largest distance %u (%.1f%% of RoutingKit's 2^31 - 1)\n",
               p[i].size, r->pairs, r->same, r->rounding, excess, r->differ,
               r->differ ? "DIFFER" : "differ", r->max_distance,
               100.0 * r->max_distance / 2147483647.0);
        if (r->key_differs)
            printf("%" G_GUINT64_FORMAT " road nodes: fr_ch_route()'s key and fr_ch_distance() "
                   "DIFFER on %u pairs\n", p[i].size, r->key_differs);
    }
}

static bool bench_size(uint64_t size, const bc_options *options, bc_table *table, prep *p,
                       bool *met, rk_row *rk)
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
    if (ok)
        rk_compare(net, p, options->small, rk);
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
    rk_row rk[8];
    bool ok = true, met = false, measured = false;
    for (size_t i = 0; ok && i < n_sizes; i++) {
        ok = bench_size(sizes[i], &options, &table, &preps[i], &met, &rk[i]);
        measured = measured || sizes[i] >= TARGET_SIZE;
    }
    if (n_sizes && sizes[n_sizes - 1] >= TARGET_SIZE)
        printf("(igraph at %u road nodes: the first %d pairs only; its us/query is their mean)\n",
               TARGET_SIZE, IGRAPH_FEW_PAIRS);
    if (ok)
        print_preparation(preps, n_sizes);
    if (ok)
        print_routingkit(rk, preps, n_sizes);
    printf("\ntarget (CH >= %.0fx faster than igraph at %u road nodes): %s\n", TARGET,
           TARGET_SIZE, measured ? bc_verdict(met) : "not measured at this size");
    return ok ? 0 : 1;
}
