/* matrix_bench.c - benchmark 4: origin-destination matrices by cost on a
 * generated continent of 10^5 road nodes (bench/continent.h, grid shape),
 * origins and destinations distinct random nodes of any kind:
 * - fr_network_matrix() with 1 worker thread and with 2 (one search per
 *   origin to all destinations);
 * - one fr_network_route() per pair, as an application without matrices
 *   would do it (the network is not prepared, so it searches
 *   bidirectionally): a random sample of 1000 cells (200 with --small) is
 *   timed and the time extrapolated to all cells (the table says how many
 *   were timed).
 * Then the network is prepared (contraction hierarchies for cost; the
 * time is printed) and the same matrices are computed again, which now
 * takes the hierarchy's bucket method (lib/search/ch_many.c), with 1
 * thread and 2; the second table gives their times and the ratios to the
 * one-to-many matrices of the first table (the same lists, the same run).
 * Times are wall-clock (the matrix runs threads): run it on a quiet machine.
 * An untimed two-origin matrix runs first.
 * The two matrices must be equal cell for cell, and every sampled cell
 * equal to its fr_network_route() (status and objective, relative 1e-9);
 * the hierarchy's matrices equal to each other cell for cell, and to the
 * one-to-many matrix in status and objective (relative 1e-9: ties may
 * take another route of the same key).
 * Targets: 2 threads at least 1.7x faster than 1; the hierarchy's matrix
 * 1000x1000 at least 20x faster than the one-to-many one.
 *
 *   bench-matrix            10^5 road nodes; 100x100 and 1000x1000
 *   bench-matrix --small    10^3 road nodes (CI)
 *   bench-matrix --max N    at most N road nodes */
#include "bench_common.h"

#include <math.h>
#include <string.h>

#define SEED 42
#define TARGET 1.7
#define CH_TARGET 20.0 /* hierarchy vs one-to-many, the largest matrix */

typedef struct {
    double seconds[2]; /* 1 thread, 2 threads */
    double pair_s;     /* the sampled pairs' seconds, extrapolated to all cells */
    size_t sampled;
    uint32_t differ; /* cells that differ (between threads or from the route) */
    fr_matrix *one;  /* the 1-thread matrix, kept for the hierarchy's */
} matrix_result;

static fr_matrix *timed_matrix(const fr_network *net, const fr_query *q, const char **ids,
                               size_t n, unsigned threads, double *seconds)
{
    fr_matrix_options options = {.threads = threads};
    GError *error = NULL;
    double t0 = bc_wall_now();
    fr_matrix *m = fr_network_matrix(net, q, ids, n, ids + n, n, &options, &error);
    *seconds = bc_wall_now() - t0;
    if (!m) {
        fprintf(stderr, "fr_network_matrix: %s\n", error->message);
        g_error_free(error);
    }
    return m;
}

/* An untimed matrix of two origins with two threads first: the process's
 * first large allocations fault their pages in (and set glibc's mmap
 * threshold), which would otherwise count against the 1-thread run only. */
static void warm_up(const fr_network *net, const fr_query *q, const char **ids, size_t n)
{
    fr_matrix_options options = {.threads = 2};
    fr_matrix_free(fr_network_matrix(net, q, ids, n < 2 ? n : 2, ids + n, n, &options, NULL));
}

/* Cells whose status or objective differ (objective: relative `rel`, 0:
 * exactly). */
static uint32_t count_differences(const fr_matrix *a, const fr_matrix *b, size_t n, double rel)
{
    uint32_t differ = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double x = fr_matrix_objective_value(a, i, j), y = fr_matrix_objective_value(b, i, j);
            differ += fr_matrix_status(a, i, j) != fr_matrix_status(b, i, j) ||
                      !(fr_matrix_status(a, i, j) != FR_CELL_ROUTE ||
                        (rel ? bc_same(x, y, rel) : x == y));
        }
    return differ;
}

/* Times fr_network_route() on `sample` random cells and compares them. */
static void per_pair(const fr_network *net, const fr_matrix *m, const char **ids, size_t n,
                     size_t sample, GRand *rng, matrix_result *r)
{
    fr_query *q = fr_query_new(ids[0], ids[n]);
    double total = 0;
    for (size_t k = 0; k < sample; k++) {
        size_t i = sample == n * n ? k / n : (size_t)g_rand_int_range(rng, 0, (gint32)n);
        size_t j = sample == n * n ? k % n : (size_t)g_rand_int_range(rng, 0, (gint32)n);
        fr_query_set_endpoints(q, ids[i], ids[n + j]);
        double t0 = bc_wall_now();
        fr_route *route = fr_network_route(net, q, NULL);
        total += bc_wall_now() - t0;
        /* origins and destinations are distinct: no FR_CELL_SAME_NODE */
        fr_cell_status status = fr_matrix_status(m, i, j);
        r->differ += (route != NULL) != (status == FR_CELL_ROUTE) ||
                     (route && !bc_same(fr_route_objective_value(route),
                                        fr_matrix_objective_value(m, i, j), 1e-9));
        fr_route_free(route);
    }
    fr_query_free(q);
    r->sampled = sample;
    r->pair_s = total / (double)sample * (double)(n * n);
}

static bool bench_matrix(const fr_network *net, const char **ids, size_t n, size_t sample,
                         GRand *rng, matrix_result *r)
{
    fr_query *q = fr_query_new(ids[0], ids[n]);
    *r = (matrix_result){0};
    warm_up(net, q, ids, n);
    fr_matrix *one = timed_matrix(net, q, ids, n, 1, &r->seconds[0]);
    fr_matrix *two = one ? timed_matrix(net, q, ids, n, 2, &r->seconds[1]) : NULL;
    if (two) {
        r->differ = count_differences(one, two, n, 0);
        per_pair(net, one, ids, n, sample < n * n ? sample : n * n, rng, r);
        r->one = one;
    } else {
        fr_matrix_free(one);
    }
    fr_matrix_free(two);
    fr_query_free(q);
    return two != NULL;
}

static const bc_column columns[] = {
    {"matrix", -9},         {"cells", 8},           {"1 thread s", 10},
    {"2 threads s", 11},    {"1 / 2 threads", 13},  {"target 1.7x", -11},
    {"per pair s", 10},     {"pairs timed", 11},    {"per pair / 1 thr", 16},
    {"per pair / 2 thr", 16}, {"same cells", -18}};

static void print_row(bc_table *t, size_t n, const matrix_result *r)
{
    double speedup = r->seconds[0] / r->seconds[1];
    bc_cell(t, "%zux%zu", n, n);
    bc_cell(t, "%zu", n * n);
    bc_cell(t, "%.3f", r->seconds[0]);
    bc_cell(t, "%.3f", r->seconds[1]);
    bc_cell(t, "%.2fx", speedup);
    bc_cell(t, "%s", bc_verdict(speedup >= TARGET));
    bc_cell(t, "%s%.2f", r->sampled < n * n ? "~" : "", r->pair_s);
    bc_cell(t, "%zu", r->sampled);
    bc_cell(t, "%.1fx", r->pair_s / r->seconds[0]);
    bc_cell(t, "%.1fx", r->pair_s / r->seconds[1]);
    if (r->differ)
        bc_cell(t, "DIFFER (%u cells)", r->differ);
    else
        bc_cell(t, "agree");
}

/* ---- the hierarchy's matrices (the network prepared) -------------------------- */

typedef struct {
    double seconds[2]; /* 1 thread, 2 threads */
    uint32_t differ;   /* between the two, or from the one-to-many matrix */
} ch_result;

static bool bench_hierarchy(const fr_network *net, const char **ids, size_t n,
                            const fr_matrix *reference, ch_result *r)
{
    fr_query *q = fr_query_new(ids[0], ids[n]);
    *r = (ch_result){0};
    warm_up(net, q, ids, n);
    fr_matrix *one = timed_matrix(net, q, ids, n, 1, &r->seconds[0]);
    fr_matrix *two = one ? timed_matrix(net, q, ids, n, 2, &r->seconds[1]) : NULL;
    if (two)
        r->differ = count_differences(one, two, n, 0) + count_differences(one, reference, n, 1e-9);
    fr_matrix_free(one);
    fr_matrix_free(two);
    fr_query_free(q);
    return two != NULL;
}

static const bc_column ch_columns[] = {
    {"matrix", -9},          {"cells", 8},           {"CH 1 thread s", 13},
    {"CH 2 threads s", 14},  {"1 / 2 threads", 13},  {"1-to-many / CH 1 thr", 20},
    {"1-to-many / CH 2 thr", 20}, {"target 20x", -10}, {"same cells", -18}};

static void print_ch_row(bc_table *t, size_t n, const matrix_result *base, const ch_result *r,
                         bool largest)
{
    double ratio[2] = {base->seconds[0] / r->seconds[0], base->seconds[1] / r->seconds[1]};
    bc_cell(t, "%zux%zu", n, n);
    bc_cell(t, "%zu", n * n);
    bc_cell(t, "%.3f", r->seconds[0]);
    bc_cell(t, "%.3f", r->seconds[1]);
    bc_cell(t, "%.2fx", r->seconds[0] / r->seconds[1]);
    bc_cell(t, "%.1fx", ratio[0]);
    bc_cell(t, "%.1fx", ratio[1]);
    bc_cell(t, "%s", largest ? bc_verdict(ratio[0] >= CH_TARGET) : "-");
    if (r->differ)
        bc_cell(t, "DIFFER (%u cells)", r->differ);
    else
        bc_cell(t, "agree");
}

static bool prepare_timed(fr_network *net)
{
    GError *error = NULL;
    double t0 = bc_wall_now();
    bool ok = fr_network_prepare(net, FR_OBJECTIVE_COST, FR_PREPARE_CH, &error);
    double seconds = bc_wall_now() - t0;
    if (!ok) {
        fprintf(stderr, "fr_network_prepare: %s\n", error->message);
        g_error_free(error);
        return false;
    }
    printf("\nThe network prepared (contraction hierarchies, cost) in %.1f s; the same matrices "
           "on the hierarchy (bucket method), times including the destinations' searches:\n\n",
           seconds);
    return true;
}

/* 2n distinct random node ids: n origins, then n destinations (fewer when
 * the network is smaller; returns n). */
static size_t random_ids(const fr_network *net, size_t n, GRand *rng, const char **ids)
{
    uint32_t n_nodes = net->model.nodes->len;
    uint32_t *order = g_new(uint32_t, n_nodes);
    for (uint32_t v = 0; v < n_nodes; v++)
        order[v] = v;
    for (uint32_t v = n_nodes; v > 1; v--) { /* Fisher-Yates */
        uint32_t k = (uint32_t)g_rand_int_range(rng, 0, (gint32)v), tmp = order[v - 1];
        order[v - 1] = order[k];
        order[k] = tmp;
    }
    if (n > n_nodes / 2)
        n = n_nodes / 2;
    for (size_t i = 0; i < 2 * n; i++)
        ids[i] = FR_NODE(&net->model, order[i])->id;
    g_free(order);
    return n;
}

int main(int argc, char **argv)
{
    bc_options options;
    bc_parse_options(&argc, &argv, "Benchmark 4: OD matrices, 1 vs 2 threads vs per pair.", NULL,
                     &options);
    uint64_t size = options.small ? 1000 : 100000;
    if (options.max_nodes && size > options.max_nodes)
        size = options.max_nodes;
    fr_network *net = bc_continent(size, CONTINENT_GRID, SEED, NULL);
    if (!net)
        return 1;
    char *what = bc_describe(net, CONTINENT_GRID);
    printf("Benchmark 4: OD matrices by cost on a %s (%" G_GUINT64_FORMAT " road nodes, "
           "seed %d)\n", what, size, SEED);
    printf("wall-clock seconds per matrix; per pair: fr_network_route per cell (unprepared network), "
           "~ = extrapolated from the pairs timed\n\n");
    g_free(what);
    bc_table table;
    bc_table_begin(&table, columns, G_N_ELEMENTS(columns));
    GRand *rng = g_rand_new_with_seed(SEED);
    enum { SIDES = 2 };
    const size_t sides[SIDES] = {100, 1000};
    size_t sample = options.small ? 200 : 1000;
    bool ok = true;
    const char **ids[SIDES] = {NULL};
    size_t n[SIDES] = {0};
    matrix_result r[SIDES];
    memset(r, 0, sizeof r);
    for (size_t s = 0; ok && s < SIDES; s++) {
        ids[s] = g_new(const char *, 2 * sides[s]);
        n[s] = random_ids(net, sides[s], rng, ids[s]);
        ok = bench_matrix(net, ids[s], n[s], sample, rng, &r[s]);
        if (ok)
            print_row(&table, n[s], &r[s]);
    }
    ok = ok && prepare_timed(net);
    if (ok)
        bc_table_begin(&table, ch_columns, G_N_ELEMENTS(ch_columns));
    for (size_t s = 0; ok && s < SIDES; s++) {
        ch_result ch;
        ok = bench_hierarchy(net, ids[s], n[s], r[s].one, &ch);
        if (ok)
            print_ch_row(&table, n[s], &r[s], &ch, s == SIDES - 1);
    }
    for (size_t s = 0; s < SIDES; s++) {
        fr_matrix_free(r[s].one);
        g_free(ids[s]);
    }
    g_rand_free(rng);
    fr_network_free(net);
    return ok ? 0 : 1;
}
