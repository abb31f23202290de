/* bench_common.c - helpers shared by the benchmarks (bench_common.h). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "bench_common.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- command line ---------------------------------------------------------- */

void bc_parse_options(int *argc, char ***argv, const char *summary, const GOptionEntry *extra,
                      bc_options *options)
{
    gboolean small = FALSE;
    gint64 max_nodes = 0;
    const GOptionEntry entries[] = {
        {"small", 0, 0, G_OPTION_ARG_NONE, &small, "A quick run at small sizes (CI)", NULL},
        {"max", 0, 0, G_OPTION_ARG_INT64, &max_nodes, "No network above N road nodes", "N"},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *context = g_option_context_new(NULL);
    g_option_context_add_main_entries(context, entries, NULL);
    if (extra)
        g_option_context_add_main_entries(context, extra, NULL);
    g_option_context_set_description(context, summary);
    GError *error = NULL;
    bool ok = g_option_context_parse(context, argc, argv, &error) && *argc == 1 && max_nodes >= 0;
    if (!ok) {
        fprintf(stderr, "%s\n", error ? error->message : "bad arguments");
        char *help = g_option_context_get_help(context, TRUE, NULL);
        fputs(help, stderr);
        g_free(help);
        exit(2);
    }
    g_option_context_free(context);
    options->small = small;
    options->max_nodes = (uint64_t)max_nodes;
    setvbuf(stdout, NULL, _IOLBF, 0); /* rows as they come, also through a pipe */
}

size_t bc_sizes(const bc_options *options, const uint64_t *full, const uint64_t *small,
                uint64_t *out, size_t capacity)
{
    const uint64_t *sizes = options->small ? small : full;
    size_t n = 0;
    for (size_t i = 0; sizes[i] && n < capacity; i++)
        if (!options->max_nodes || sizes[i] <= options->max_nodes)
            out[n++] = sizes[i];
    return n;
}

/* ---- time ---------------------------------------------------------------------- */

double bc_cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

double bc_wall_now(void) { return (double)g_get_monotonic_time() / 1e6; }

double bc_time_batches(void (*batch)(void *context, bool first), void *context,
                       double min_seconds)
{
    double t0 = bc_cpu_now();
    batch(context, true);
    double first = bc_cpu_now() - t0;
    if (first >= min_seconds)
        return first;
    int runs = 0;
    t0 = bc_cpu_now();
    do {
        batch(context, false);
        runs++;
    } while (bc_cpu_now() - t0 < min_seconds);
    return (bc_cpu_now() - t0) / runs;
}

/* ---- tables ------------------------------------------------------------------------ */

void bc_table_begin(bc_table *table, const bc_column *columns, size_t n)
{
    *table = (bc_table){columns, n, 0};
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        int w = columns[i].width;
        printf("%s%*s", i ? "  " : "", i + 1 == n && w < 0 ? 0 : w, columns[i].title);
        total += abs(w) + (i ? 2 : 0);
    }
    printf("\n");
    for (int i = 0; i < total; i++)
        putchar('-');
    printf("\n");
}

void bc_cell(bc_table *table, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = g_strdup_vprintf(format, args);
    va_end(args);
    int width = table->columns[table->at].width;
    bool last = table->at + 1 == table->n;
    printf("%s%*s", table->at ? "  " : "", last && width < 0 ? 0 : width, text);
    g_free(text);
    if (++table->at == table->n) {
        printf("\n");
        table->at = 0;
    }
}

const char *bc_verdict(bool met) { return met ? "met" : "NOT MET"; }

/* ---- networks ---------------------------------------------------------------------- */

fr_network *bc_continent(uint64_t road_nodes, continent_shape shape, uint64_t seed,
                         continent_stats *stats)
{
    return bc_continent_with(road_nodes, shape, seed, NULL, stats);
}

fr_network *bc_continent_with(uint64_t road_nodes, continent_shape shape, uint64_t seed,
                              const continent_options *options, continent_stats *stats)
{
    continent_params params = {road_nodes, seed, shape};
    continent_stats own;
    GError *error = NULL;
    char *dir = continent_make_temp_dir(&error);
    fr_network *net = NULL;
    if (dir && continent_write_with(&params, options, dir, stats ? stats : &own, &error))
        net = fr_network_load_dir(dir, &error);
    if (!net)
        fprintf(stderr, "continent of %" G_GUINT64_FORMAT " road nodes: %s\n", road_nodes,
                error ? error->message : "failed");
    g_clear_error(&error);
    if (dir && !continent_remove_dir(dir, &error)) {
        fprintf(stderr, "%s: %s\n", dir, error->message);
        g_clear_error(&error);
    }
    g_free(dir);
    return net;
}

char *bc_describe(const fr_network *net, continent_shape shape)
{
    return g_strdup_printf("continent (%s shape): %zu nodes, %zu states, %zu virtual edges",
                           continent_shape_name(shape), fr_network_node_count(net),
                           fr_network_state_count(net), fr_network_virtual_edge_count(net));
}

GArray *bc_single_mode_nodes(const fr_network *net)
{
    const fr_vgraph *g = &net->vgraph;
    GArray *nodes = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    uint32_t states[FR_MODE_COUNT];
    for (uint32_t v = 0; v < net->model.nodes->len; v++)
        if (fr_node_states(g, v, true, states) == 1)
            g_array_append_val(nodes, v);
    return nodes;
}

void bc_random_pairs(GRand *rng, const uint32_t *pool, uint32_t n_pool, uint32_t n,
                     uint32_t *pairs)
{
    for (uint32_t i = 0; i < n; i++) {
        pairs[2 * i] = pool[g_rand_int_range(rng, 0, (gint32)n_pool)];
        do
            pairs[2 * i + 1] = pool[g_rand_int_range(rng, 0, (gint32)n_pool)];
        while (pairs[2 * i + 1] == pairs[2 * i] && n_pool > 1);
    }
}

fr_query *bc_query(const fr_network *net, uint32_t o, uint32_t d, fr_objective objective,
                   double value_of_time, double carbon_price)
{
    fr_query *q = fr_query_new(FR_NODE(&net->model, o)->id, FR_NODE(&net->model, d)->id);
    fr_query_set_objective(q, objective);
    if (objective == FR_OBJECTIVE_GENERALIZED) {
        fr_query_set_value_of_time(q, value_of_time);
        fr_query_set_carbon_price(q, carbon_price);
    }
    return q;
}

bool bc_spec(fr_search_spec *spec, const fr_network *net, uint32_t o, uint32_t d,
             fr_objective objective, double value_of_time, double carbon_price)
{
    fr_query *q = bc_query(net, o, d, objective, value_of_time, carbon_price);
    GError *error = NULL;
    bool ok = fr_search_spec_init(spec, &net->model, q, &error);
    if (!ok) {
        fprintf(stderr, "query %s -> %s: %s\n", FR_NODE(&net->model, o)->id, FR_NODE(&net->model, d)->id,
                error->message);
        g_error_free(error);
    }
    fr_query_free(q);
    return ok;
}

double *bc_edge_weights(const fr_vgraph *g, fr_objective objective, double value_of_time,
                        double carbon_price)
{
    double *w = g_new(double, g->n_edges ? g->n_edges : 1);
    fr_metric m;
    fr_metric_plain(&m, g, objective);
    for (uint32_t e = 0; e < g->n_edges; e++)
        w[e] = m.weight ? m.weight[e]
                        : g->cost[e] + value_of_time * g->time[e] + carbon_price * g->co2[e];
    return w;
}

/* ---- igraph copies ---------------------------------------------------------------- */

static const fr_network *kept_net;
static igraph_t kept_graph;

const igraph_t *bc_igraph_of(const fr_network *net)
{
    if (kept_net == net)
        return &kept_graph;
    bc_igraph_drop();
    GError *error = NULL;
    if (!fr_vgraph_to_igraph(&net->vgraph, &kept_graph, &error)) {
        fprintf(stderr, "%s\n", error->message);
        exit(1);
    }
    kept_net = net;
    return &kept_graph;
}

void bc_igraph_drop(void)
{
    if (!kept_net)
        return;
    fr_igraph_enter();
    igraph_destroy(&kept_graph);
    fr_igraph_leave();
    kept_net = NULL;
}

/* ---- igraph baselines ----------------------------------------------------------- */

static igraph_integer_t source_vertex(const bc_augmented *a, uint32_t v)
{
    return (igraph_integer_t)a->n_states + v;
}

static igraph_integer_t sink_vertex(const bc_augmented *a, uint32_t v)
{
    return (igraph_integer_t)a->n_states + a->n_nodes + v;
}

bool bc_augmented_init(bc_augmented *a, const fr_network *net)
{
    const fr_vgraph *g = &net->vgraph;
    *a = (bc_augmented){.n_states = g->n_states, .n_nodes = net->model.nodes->len,
                        .n_edges = g->n_edges};
    igraph_vector_int_t edges;
    fr_igraph_enter();
    igraph_error_t status = igraph_vector_int_init(&edges, 2 * (igraph_integer_t)g->n_edges);
    for (uint32_t e = 0; status == IGRAPH_SUCCESS && e < g->n_edges; e++) {
        VECTOR(edges)[2 * e] = g->edge_from[e];
        VECTOR(edges)[2 * e + 1] = g->edge_to[e];
    }
    for (uint32_t s = 0; status == IGRAPH_SUCCESS && s < g->n_states; s++) {
        uint32_t v = g->state_node[s];
        bool out = fr_state_is_out(s);
        status = igraph_vector_int_push_back(&edges, out ? source_vertex(a, v) : s);
        if (status == IGRAPH_SUCCESS)
            status = igraph_vector_int_push_back(&edges, out ? s : sink_vertex(a, v));
    }
    if (status == IGRAPH_SUCCESS) {
        a->n_all_edges = igraph_vector_int_size(&edges) / 2;
        status = igraph_create(&a->graph, &edges, (igraph_integer_t)g->n_states + 2 * a->n_nodes,
                               IGRAPH_DIRECTED);
        igraph_vector_int_destroy(&edges);
    }
    fr_igraph_leave();
    if (status != IGRAPH_SUCCESS)
        fprintf(stderr, "igraph: %s\n", igraph_strerror(status));
    return status == IGRAPH_SUCCESS;
}

void bc_augmented_free(bc_augmented *a)
{
    fr_igraph_enter();
    igraph_destroy(&a->graph);
    fr_igraph_leave();
}

void bc_augmented_weights(const bc_augmented *a, const double *weight, igraph_vector_t *out)
{
    fr_igraph_enter();
    igraph_vector_init(out, a->n_all_edges);
    fr_igraph_leave();
    memcpy(VECTOR(*out), weight, a->n_edges * sizeof(double));
}

double bc_igraph_path(const igraph_t *graph, const igraph_vector_t *weights,
                      igraph_integer_t from, igraph_integer_t to, const double *weight,
                      uint32_t n_weighted, igraph_vector_int_t *edges)
{
    if (igraph_get_shortest_path_dijkstra(graph, NULL, edges, from, to, weights, IGRAPH_OUT) !=
            IGRAPH_SUCCESS ||
        igraph_vector_int_size(edges) == 0)
        return INFINITY;
    double sum = 0;
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(edges); i++) {
        igraph_integer_t e = VECTOR(*edges)[i];
        if (e < (igraph_integer_t)n_weighted)
            sum += weight[e];
    }
    return sum;
}

double bc_augmented_path(const bc_augmented *a, const igraph_vector_t *weights,
                         const double *weight, uint32_t o, uint32_t d, igraph_vector_int_t *edges)
{
    return bc_igraph_path(&a->graph, weights, source_vertex(a, o), sink_vertex(a, d), weight,
                          a->n_edges, edges);
}

/* ---- answers --------------------------------------------------------------------- */

bool bc_same(double a, double b, double tolerance)
{
    if (isinf(a) || isinf(b))
        return a == b;
    return fabs(a - b) <= tolerance * fmax(1.0, fmax(fabs(a), fabs(b)));
}

const char *bc_agreement(bool same) { return same ? "agree" : "DIFFER"; }
