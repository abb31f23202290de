/* route_bench.c - benchmark 1: point-to-point queries on the embedded
 * default network, every ordered pair of its cities, per objective (cost,
 * time, co2, distance, generalized with a value of time of 50 USD per
 * TEU-hour and a carbon price of 0.1 USD per kg).
 *
 * - engine: fr_engine_dijkstra() on specs resolved once per pair outside
 *   the timing, one reused workspace and path array, path included;
 * - fr_network_route(): the whole public call (query resolution, search,
 *   route object, freeing it), for honesty about what an application pays;
 * - igraph: igraph_get_shortest_path_dijkstra() on the same node-level
 *   question: the virtual graph augmented, per node, with a source vertex
 *   joined to its OUT states and a sink vertex joined from its IN states by
 *   zero-weight edges, built once; one weight vector per objective.
 *
 * Each measurement repeats the pair set until it has used 0.2 s of CPU
 * time (the thread's: on a shared machine other processes do not count).
 * Every answer's objective value must agree (relative 1e-9) across the
 * three.
 * Target: the engine at least 8x faster than igraph.
 *
 *   bench-route           the full run
 *   bench-route --small   0.02 s per measurement (CI) */
#include "bench_common.h"

#include <math.h>

#define VALUE_OF_TIME 50.0
#define CARBON_PRICE 0.1
#define TARGET 8.0

typedef struct {
    const fr_network *net;
    uint32_t n_pairs;
    const uint32_t *pairs; /* origin, destination, ... */
    fr_objective objective;
    /* engine */
    fr_workspace *ws;
    GArray *path;
    fr_search_spec *specs;
    /* public API */
    fr_query **queries;
    /* igraph */
    const bc_augmented *augmented;
    const double *weight;
    igraph_vector_t weights;
    igraph_vector_int_t edges;
    /* the first batch's answers, per pair */
    double *engine, *route, *igraph;
} run;

static void batch_engine(void *context, bool first)
{
    run *r = context;
    for (uint32_t i = 0; i < r->n_pairs; i++) {
        fr_key key;
        g_array_set_size(r->path, 0);
        bool found = fr_engine_dijkstra(r->ws, &r->net->vgraph, &r->specs[i], &key, r->path);
        if (first)
            r->engine[i] = found ? key.obj : INFINITY;
    }
}

static void batch_route(void *context, bool first)
{
    run *r = context;
    for (uint32_t i = 0; i < r->n_pairs; i++) {
        fr_route *route = fr_network_route(r->net, r->queries[i], NULL);
        if (first)
            r->route[i] = route ? fr_route_objective_value(route) : INFINITY;
        fr_route_free(route);
    }
}

static void batch_igraph(void *context, bool first)
{
    run *r = context;
    fr_igraph_enter();
    for (uint32_t i = 0; i < r->n_pairs; i++) {
        double v = bc_augmented_path(r->augmented, &r->weights, r->weight, r->pairs[2 * i],
                                     r->pairs[2 * i + 1], &r->edges);
        if (first)
            r->igraph[i] = v;
    }
    fr_igraph_leave();
}

static bool run_init(run *r, fr_objective objective)
{
    const fr_vgraph *g = &r->net->vgraph;
    r->objective = objective;
    r->specs = g_new0(fr_search_spec, r->n_pairs);
    r->queries = g_new0(fr_query *, r->n_pairs);
    r->engine = g_new(double, r->n_pairs);
    r->route = g_new(double, r->n_pairs);
    r->igraph = g_new(double, r->n_pairs);
    bool ok = true;
    for (uint32_t i = 0; i < r->n_pairs; i++) {
        uint32_t o = r->pairs[2 * i], d = r->pairs[2 * i + 1];
        r->queries[i] = bc_query(r->net, o, d, objective, VALUE_OF_TIME, CARBON_PRICE);
        ok = ok && bc_spec(&r->specs[i], r->net, o, d, objective, VALUE_OF_TIME, CARBON_PRICE);
    }
    double *weight = bc_edge_weights(g, objective, VALUE_OF_TIME, CARBON_PRICE);
    r->weight = weight;
    bc_augmented_weights(r->augmented, weight, &r->weights);
    igraph_vector_int_init(&r->edges, 0);
    return ok;
}

static void run_clear(run *r)
{
    for (uint32_t i = 0; i < r->n_pairs; i++) {
        fr_search_spec_clear(&r->specs[i]);
        fr_query_free(r->queries[i]);
    }
    g_free(r->specs);
    g_free(r->queries);
    g_free(r->engine);
    g_free(r->route);
    g_free(r->igraph);
    g_free((double *)r->weight);
    igraph_vector_destroy(&r->weights);
    igraph_vector_int_destroy(&r->edges);
}

/* One row: the three measurements and their agreement. */
static bool bench_objective(run *r, bc_table *table, double min_seconds)
{
    double per_pair = 1e6 / r->n_pairs;
    double engine = bc_time_batches(batch_engine, r, min_seconds) * per_pair;
    double route = bc_time_batches(batch_route, r, min_seconds) * per_pair;
    double igraph = bc_time_batches(batch_igraph, r, min_seconds) * per_pair;
    uint32_t differ = 0, unreachable = 0;
    for (uint32_t i = 0; i < r->n_pairs; i++) {
        differ += !bc_same(r->engine[i], r->igraph[i], 1e-9) ||
                  !bc_same(r->engine[i], r->route[i], 1e-9);
        unreachable += isinf(r->engine[i]);
    }
    bc_cell(table, "%s", fr_objective_name(r->objective));
    bc_cell(table, "%u", r->n_pairs);
    bc_cell(table, "%.2f", engine);
    bc_cell(table, "%.2f", route);
    bc_cell(table, "%.2f", igraph);
    bc_cell(table, "%.1fx", igraph / engine);
    bc_cell(table, "%.1fx", igraph / route);
    bc_cell(table, "%s", bc_verdict(igraph / engine >= TARGET));
    if (differ)
        bc_cell(table, "DIFFER (%u pairs)", differ);
    else
        bc_cell(table, "agree (%u unreachable)", unreachable);
    return igraph / engine >= TARGET;
}

/* Every ordered pair of distinct city nodes. */
static uint32_t city_pairs(const fr_network *net, uint32_t **pairs, uint32_t *n_cities)
{
    GArray *cities = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (uint32_t v = 0; v < net->model.nodes->len; v++)
        if (FR_NODE(&net->model, v)->kind == FR_NODE_CITY)
            g_array_append_val(cities, v);
    uint32_t n = cities->len, k = 0;
    *pairs = g_new(uint32_t, 2 * (size_t)n * n + 1);
    for (uint32_t a = 0; a < n; a++)
        for (uint32_t b = 0; b < n; b++)
            if (a != b) {
                (*pairs)[k++] = g_array_index(cities, uint32_t, a);
                (*pairs)[k++] = g_array_index(cities, uint32_t, b);
            }
    *n_cities = n;
    g_array_free(cities, TRUE);
    return k / 2;
}

static const bc_column columns[] = {
    {"objective", -11}, {"pairs", 6},       {"engine us/q", 11}, {"route() us/q", 12},
    {"igraph us/q", 11}, {"igraph/engine", 13}, {"igraph/route()", 14}, {"target 8x", 9},
    {"same answers", -24}};

static bool bench_all(const fr_network *net, double min_seconds)
{
    uint32_t *pairs, n_cities;
    uint32_t n_pairs = city_pairs(net, &pairs, &n_cities);
    bc_augmented augmented;
    if (!bc_augmented_init(&augmented, net))
        return false;
    printf("Benchmark 1: point-to-point queries on the embedded network (%zu nodes, %u cities, "
           "%zu states, %zu virtual edges)\n", fr_network_node_count(net), n_cities,
           fr_network_state_count(net), fr_network_virtual_edge_count(net));
    printf("every ordered pair of cities; us per query (thread CPU time), each measured over >= %.2f s; "
           "igraph on the augmented graph (%" IGRAPH_PRId " vertices, %" IGRAPH_PRId " edges)\n",
           min_seconds, igraph_vcount(&augmented.graph), igraph_ecount(&augmented.graph));
    printf("generalized: cost + %.0f USD/TEU-h x time + %.1f USD/kg x CO2\n\n", VALUE_OF_TIME,
           CARBON_PRICE);
    bc_table table;
    bc_table_begin(&table, columns, G_N_ELEMENTS(columns));
    bool all_met = true;
    run r = {.net = net, .n_pairs = n_pairs, .pairs = pairs, .ws = fr_workspace_new(),
             .path = g_array_new(FALSE, FALSE, sizeof(uint32_t)), .augmented = &augmented};
    for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
        bool ok = run_init(&r, (fr_objective)o);
        all_met = (ok && bench_objective(&r, &table, min_seconds)) && all_met;
        run_clear(&r);
    }
    printf("\nengine: fr_engine_dijkstra on resolved specs, path included; route(): "
           "fr_network_route + fr_route_free.\ntarget (engine >= %.0fx faster than igraph on "
           "every objective): %s\n", TARGET, bc_verdict(all_met));
    fr_workspace_free(r.ws);
    g_array_free(r.path, TRUE);
    bc_augmented_free(&augmented);
    g_free(pairs);
    return true;
}

int main(int argc, char **argv)
{
    bc_options options;
    bc_parse_options(&argc, &argv, "Benchmark 1: point-to-point queries on the embedded "
                     "network, against igraph.", NULL, &options);
    GError *error = NULL;
    fr_network *net = fr_network_load_default(&error);
    if (!net) {
        fprintf(stderr, "%s\n", error->message);
        g_error_free(error);
        return 1;
    }
    bool ok = bench_all(net, options.small ? 0.02 : 0.2);
    fr_network_free(net);
    return ok ? 0 : 1;
}
