/* route_bench.c - point-to-point route queries on generated road grids:
 * freightroute's search against igraph_get_shortest_path_dijkstra on the
 * same virtual graph, same pairs, same run. Prints load speed, microseconds
 * per query for each, their ratio, and checks both agree on the cost.
 *
 *   bench-route            grids of 30x30, 100x100 and 300x300 nodes
 *   bench-route --small    a quick run for CI */
#include "network.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Writes an n x n road grid with bidirectional links of random cost. */
static char *write_grid(int n, GRand *rng)
{
    char *dir = g_dir_make_tmp("fr-bench-XXXXXX", NULL);
    GString *nodes = g_string_new("id,name,kind,country,lat,lon\n");
    GString *links = g_string_new("id,from,to,mode,distance_km,time_h,cost_usd,bidirectional\n");
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            g_string_append_printf(nodes, "N%d_%d,n,junction,CN,%.4f,%.4f\n", r, c,
                                   20 + r * 0.01, 100 + c * 0.01);
            for (int d = 0; d < 2; d++) {
                int r2 = r + d, c2 = c + !d;
                if (r2 >= n || c2 >= n)
                    continue;
                double km = g_rand_double_range(rng, 5, 50);
                g_string_append_printf(links, "L%d_%d_%d,N%d_%d,N%d_%d,road,%.3f,%.3f,%.2f,1\n",
                                       r, c, d, r, c, r2, c2, km, km / 60, km * 1.1);
            }
        }
    char *np = g_build_filename(dir, "nodes.csv", NULL), *lp = g_build_filename(dir, "links.csv", NULL);
    g_file_set_contents(np, nodes->str, -1, NULL);
    g_file_set_contents(lp, links->str, -1, NULL);
    g_free(np), g_free(lp);
    g_string_free(nodes, TRUE), g_string_free(links, TRUE);
    return dir;
}

static void remove_dir(char *dir)
{
    const char *files[] = {"nodes.csv", "links.csv"};
    for (int i = 0; i < 2; i++) {
        char *p = g_build_filename(dir, files[i], NULL);
        g_remove(p);
        g_free(p);
    }
    g_rmdir(dir);
    g_free(dir);
}

/* igraph's answer for the cost from OUT(o, road) to IN(d, road). */
static double igraph_cost(const fr_network *net, igraph_vector_t *weights, uint32_t o, uint32_t d)
{
    const fr_vgraph *g = &net->vgraph;
    igraph_vector_int_t path;
    fr_igraph_enter(); /* igraph's error handler must not abort the benchmark */
    igraph_vector_int_init(&path, 0);
    igraph_integer_t from = fr_state_out((uint32_t)g->slot_of[o * FR_MODE_COUNT + FR_MODE_ROAD]);
    igraph_integer_t to = fr_state_in((uint32_t)g->slot_of[d * FR_MODE_COUNT + FR_MODE_ROAD]);
    igraph_get_shortest_path_dijkstra(&g->graph, NULL, &path, from, to, weights, IGRAPH_OUT);
    fr_igraph_leave();
    double cost = 0;
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(&path); i++)
        cost += g->cost[VECTOR(path)[i]];
    igraph_vector_int_destroy(&path);
    return cost;
}

static void bench_grid(int n, int queries, GRand *rng)
{
    char *dir = write_grid(n, rng);
    gint64 t0 = g_get_monotonic_time();
    GError *error = NULL;
    fr_network *net = fr_network_load_dir(dir, &error);
    double load_s = (g_get_monotonic_time() - t0) / 1e6;
    if (!net) {
        fprintf(stderr, "load failed: %s\n", error->message);
        g_error_free(error);
        remove_dir(dir);
        return;
    }
    size_t rows = fr_network_node_count(net) + fr_network_link_count(net);
    uint32_t *pairs = g_new(uint32_t, 2 * queries);
    for (int i = 0; i < 2 * queries; i += 2) {
        pairs[i] = (uint32_t)g_rand_int_range(rng, 0, n * n);
        do
            pairs[i + 1] = (uint32_t)g_rand_int_range(rng, 0, n * n);
        while (pairs[i + 1] == pairs[i]);
    }
    double ours_total = 0, igraph_total = 0;
    int disagreements = 0;
    t0 = g_get_monotonic_time();
    for (int i = 0; i < queries; i++) {
        fr_query *q = fr_query_new(FR_NODE(net, pairs[2 * i])->id, FR_NODE(net, pairs[2 * i + 1])->id);
        fr_route *r = fr_network_route(net, q, NULL);
        ours_total += r ? fr_route_total_cost_usd(r) : NAN;
        fr_route_free(r);
        fr_query_free(q);
    }
    double ours_us = (g_get_monotonic_time() - t0) / (double)queries;

    igraph_vector_t weights;
    igraph_vector_view(&weights, net->vgraph.cost, net->vgraph.n_edges);
    t0 = g_get_monotonic_time();
    for (int i = 0; i < queries; i++)
        igraph_total += igraph_cost(net, &weights, pairs[2 * i], pairs[2 * i + 1]);
    double igraph_us = (g_get_monotonic_time() - t0) / (double)queries;
    if (fabs(ours_total - igraph_total) > 1e-6 * fmax(1, igraph_total))
        disagreements++;

    printf("%7d %9zu %11.0f %10.1f %10.1f %8.2fx  %s\n", n * n, fr_network_virtual_edge_count(net),
           rows / load_s, ours_us, igraph_us, igraph_us / ours_us,
           disagreements ? "COSTS DIFFER" : "same costs");
    g_free(pairs);
    fr_network_free(net);
    remove_dir(dir);
}

int main(int argc, char **argv)
{
    bool small = argc > 1 && strcmp(argv[1], "--small") == 0;
    GRand *rng = g_rand_new_with_seed(42);
    printf("Point-to-point cost queries on road grids (seed 42)\n");
    printf("%7s %9s %11s %10s %10s %9s\n", "nodes", "v-edges", "load rows/s", "ours us/q",
           "igraph us/q", "speed-up");
    int sizes_small[] = {10, 30}, sizes_full[] = {30, 100, 300};
    int *sizes = small ? sizes_small : sizes_full, count = small ? 2 : 3;
    for (int i = 0; i < count; i++)
        bench_grid(sizes[i], small ? 20 : 200, rng);
    g_rand_free(rng);
    return 0;
}
