/* tradeoffs_bench.c - Pareto fronts and alternatives on generated networks
 * of growing size, each against a simple baseline run in the same process
 * on the same virtual graph:
 *
 * - fronts (cost/time and cost/time/co2): the library's label setting
 *   (BOA* / NAMOA*dr with lower bounds) against a plain label-correcting
 *   search (FIFO queue, every state keeps its non-dominated labels, no
 *   lower bounds, no pruning by the front found so far); both fronts must
 *   have the same size;
 * - alternatives (k best by cost): the library's Yen/Lawler search, which
 *   also forbids entering a node twice, against igraph_get_k_shortest_paths
 *   without that rule; on one-mode networks the two problems coincide, so
 *   their costs must agree.
 *
 * Classic networks: square road grids ("grid") and random geometric graphs ("rgg":
 * nodes uniform in a square, joined within a radius), one mode (road); and
 * grids with rail along every third row and column as well ("mgrid"),
 * changing mode only where rail lines cross, so that routes may pass a node
 * in both modes (the alternatives must refine; igraph's answer differs).
 * Bidirectional links. "correlated": cost, time and CO2 follow the
 * distance within +-10%; "independent": each is the distance times its own
 * factor in [0.2, 2]. Times include the lower-bound searches (one backward
 * Dijkstra per figure and query).
 *
 * Continents of growing size (bench/continent.h, 10^3, 10^4 and 10^5 road
 * nodes, all modes): the public fr_network_pareto() over cost and time and
 * fr_network_alternatives() with k = 5, per query between random cities,
 * against one fr_network_route() by cost on the same pairs (what a single
 * best route costs); the cheapest route of the front must cost what
 * fr_network_route() finds, and no alternative less.
 *
 * All times are the thread's CPU time (other processes on a shared machine
 * do not count).
 *
 *   bench-tradeoffs                   the full run (classic sections, then continents)
 *   bench-tradeoffs --quick           the classic networks up to the middle sizes,
 *                                     k = 10 only, then continents (bench/run.sh)
 *   bench-tradeoffs --continents-only only the continents
 *   bench-tradeoffs --max N           continents up to N road nodes
 *   bench-tradeoffs --small           a quick run for CI */
#include "bench_common.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *kind; /* "grid" or "rgg" */
    int size;         /* grid side, or number of nodes */
    bool independent;
    bool slow_baseline; /* too slow over three criteria: not run */
    bool large;         /* skipped by --quick */
} spec_t;

/* ---- networks ---------------------------------------------------------------- */

static void add_link(GString *links, int id, int a, int b, double km, bool independent,
                     bool rail, GRand *rng)
{
    double fc, ft, fe;
    if (independent) {
        fc = g_rand_double_range(rng, 0.2, 2), ft = g_rand_double_range(rng, 0.2, 2);
        fe = g_rand_double_range(rng, 0.2, 2);
    } else {
        fc = g_rand_double_range(rng, 0.9, 1.1), ft = g_rand_double_range(rng, 0.9, 1.1);
        fe = g_rand_double_range(rng, 0.9, 1.1);
    }
    if (rail) /* slower, cheaper, cleaner */
        g_string_append_printf(links, "L%d,N%d,N%d,rail,%.3f,%.3f,%.2f,%.3f,1\n", id, a, b, km,
                               km / 40 * ft, km * 0.5 * fc, km * 0.22 * fe);
    else
        g_string_append_printf(links, "L%d,N%d,N%d,road,%.3f,%.3f,%.2f,%.3f,1\n", id, a, b, km,
                               km / 60 * ft, km * 1.1 * fc, km * 0.62 * fe);
}

/* mgrid: rail along every third row and column, changes to and from road
 * only where two rail lines cross. */
static void add_rail(GString *links, GString *transfers, int side, int *id, bool independent,
                     GRand *rng)
{
    for (int a = 0; a < side * side; a++) {
        int r = a / side, c = a % side;
        if (r % 3 == 0 && c + 1 < side)
            add_link(links, (*id)++, a, a + 1, 5 + 40 * g_rand_double_range(rng, 0.8, 1.2),
                     independent, true, rng);
        if (c % 3 == 0 && r + 1 < side)
            add_link(links, (*id)++, a, a + side, 5 + 40 * g_rand_double_range(rng, 0.8, 1.2),
                     independent, true, rng);
        if (r % 3 == 0 && c % 3 == 0)
            g_string_append_printf(transfers, "N%d,road,rail,2,50\nN%d,rail,road,2,50\n", a, a);
    }
}

static char *write_network(const spec_t *s, GRand *rng)
{
    char *dir = g_dir_make_tmp("fr-bench-XXXXXX", NULL);
    bool grid = !g_str_equal(s->kind, "rgg");
    GString *transfers = g_string_new("node,from_mode,to_mode,time_h,cost_usd\n");
    GString *nodes = g_string_new("id,name,kind,country,lat,lon\n");
    GString *links = g_string_new("id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,"
                                  "bidirectional\n");
    int n = grid ? s->size * s->size : s->size, id = 0;
    double *x = g_new(double, n), *y = g_new(double, n);
    for (int i = 0; i < n; i++) {
        x[i] = grid ? i % s->size : g_rand_double_range(rng, 0, sqrt(n));
        y[i] = grid ? i / s->size : g_rand_double_range(rng, 0, sqrt(n));
        g_string_append_printf(nodes, "N%d,n,junction,CN,%.5f,%.5f\n", i, 20 + y[i] * 0.01,
                               100 + x[i] * 0.01);
    }
    /* grid: right and down neighbours; rgg: every pair within 1.5 units
     * (about 7 neighbours each) */
    for (int a = 0; a < n; a++)
        for (int b = a + 1; b < n; b++) {
            double d = hypot(x[a] - x[b], y[a] - y[b]);
            if (grid ? d < 1.01 : d < 1.5)
                add_link(links, id++, a, b, 5 + 40 * d * g_rand_double_range(rng, 0.8, 1.2),
                         s->independent, false, rng);
        }
    if (g_str_equal(s->kind, "mgrid"))
        add_rail(links, transfers, s->size, &id, s->independent, rng);
    const char *names[3] = {"nodes.csv", "links.csv", "transfers.csv"};
    GString *texts[3] = {nodes, links, transfers};
    for (int i = 0; i < 3; i++) {
        char *path = g_build_filename(dir, names[i], NULL);
        g_file_set_contents(path, texts[i]->str, -1, NULL);
        g_free(path);
        g_string_free(texts[i], TRUE);
    }
    g_free(x), g_free(y);
    return dir;
}

static void remove_dir(char *dir)
{
    const char *files[] = {"nodes.csv", "links.csv", "transfers.csv"};
    for (int i = 0; i < 3; i++) {
        char *p = g_build_filename(dir, files[i], NULL);
        g_remove(p);
        g_free(p);
    }
    g_rmdir(dir);
    g_free(dir);
}

/* ---- the front baseline: plain multi-criteria label correcting ------------- */

typedef struct {
    double g[3];
    bool alive;
} blabel;

typedef struct {
    uint32_t state, index;
} bentry;

/* a <= b in every figure: exactly, or (tolerant) within the library's
 * relative 1e-12 */
static bool covers(const double *a, const double *b, int k, bool tolerant)
{
    for (int d = 0; d < k; d++)
        if (tolerant ? fr_compare_figure(a[d], b[d]) > 0 : a[d] > b[d])
            return false;
    return true;
}

/* Adds g to the state's set unless a label there covers it; kills the
 * labels it dominates. The search compares exactly, as a plain
 * implementation would; the final front merges figures equal within the
 * library's tolerance, to be comparable. */
static bool offer(GArray *set, const double *g, int k, bool tolerant)
{
    for (guint i = 0; i < set->len; i++) {
        blabel *l = &g_array_index(set, blabel, i);
        if (l->alive && covers(l->g, g, k, tolerant))
            return false;
    }
    for (guint i = 0; i < set->len; i++) {
        blabel *l = &g_array_index(set, blabel, i);
        if (l->alive && covers(g, l->g, k, tolerant))
            l->alive = false;
    }
    blabel l = {{g[0], g[1], k > 2 ? g[2] : 0}, true};
    g_array_append_val(set, l);
    return true;
}

static double edge_figure(const fr_vgraph *g, int d, uint32_t e)
{
    return d == 0 ? g->cost[e] : d == 1 ? g->time[e] : g->co2[e];
}

/* The size of the front: the non-dominated target labels, over every
 * IN(destination, .). */
static size_t target_front(const fr_vgraph *g, const fr_search_spec *spec, GArray **sets, int k)
{
    GArray *front = g_array_new(FALSE, FALSE, sizeof(blabel));
    for (uint32_t s = 0; s < g->n_states; s++)
        if (sets[s] && fr_state_is_target(g, spec, s))
            for (guint i = 0; i < sets[s]->len; i++)
                if (g_array_index(sets[s], blabel, i).alive)
                    offer(front, g_array_index(sets[s], blabel, i).g, k, true);
    size_t size = 0;
    for (guint i = 0; i < front->len; i++)
        size += g_array_index(front, blabel, i).alive;
    g_array_free(front, TRUE);
    return size;
}

/* Offers g at state t; queues it when it is kept. */
static void relax(GArray **sets, GArray *queue, uint32_t t, const double *g, int k,
                  uint64_t *labels)
{
    if (!sets[t])
        sets[t] = g_array_new(FALSE, FALSE, sizeof(blabel));
    if (offer(sets[t], g, k, false)) {
        bentry e = {t, sets[t]->len - 1};
        g_array_append_val(queue, e);
        (*labels)++;
    }
}

/* The size of the front over (cost, time[, co2]) by label correcting;
 * *labels counts the labels kept. */
static size_t baseline_front(const fr_network *net, const fr_search_spec *spec, int k,
                             uint64_t *labels)
{
    const fr_vgraph *g = &net->vgraph;
    GArray **sets = g_new0(GArray *, g->n_states);
    GArray *queue = g_array_new(FALSE, FALSE, sizeof(bentry));
    const double zero[3] = {0};
    uint32_t roots[FR_MODE_COUNT];
    uint32_t n_roots = fr_node_states(g, spec->origin, true, roots);
    for (uint32_t i = 0; i < n_roots; i++)
        relax(sets, queue, roots[i], zero, k, labels);
    for (guint head = 0; head < queue->len; head++) {
        bentry at = g_array_index(queue, bentry, head);
        blabel l = g_array_index(sets[at.state], blabel, at.index);
        if (!l.alive || fr_state_is_target(g, spec, at.state))
            continue;
        for (uint32_t e = g->out_start[at.state]; e < g->out_start[at.state + 1]; e++) {
            double next[3] = {0};
            for (int d = 0; d < k; d++)
                next[d] = l.g[d] + edge_figure(g, d, e);
            relax(sets, queue, g->edge_to[e], next, k, labels);
        }
    }
    size_t size = target_front(g, spec, sets, k);
    for (uint32_t s = 0; s < g->n_states; s++)
        if (sets[s])
            g_array_free(sets[s], TRUE);
    g_free(sets);
    g_array_free(queue, TRUE);
    return size;
}

/* ---- the alternatives baseline: igraph's k shortest paths ------------------- */

/* The costs of igraph's k shortest loopless paths from OUT(o, road) to
 * IN(d, road), per TEU, into costs (at most k); returns how many. */
static size_t igraph_alternatives(const fr_network *net, uint32_t o, uint32_t d, size_t k,
                                  double *costs)
{
    const fr_vgraph *g = &net->vgraph;
    igraph_vector_t weights;
    igraph_vector_view(&weights, g->cost, g->n_edges);
    igraph_vector_int_list_t paths;
    const igraph_t *igraph_of_net = bc_igraph_of(net);
    fr_igraph_enter();
    igraph_vector_int_list_init(&paths, 0);
    igraph_integer_t from = fr_state_out((uint32_t)fr_vgraph_slot(g, (uint32_t)o, FR_MODE_ROAD));
    igraph_integer_t to = fr_state_in((uint32_t)fr_vgraph_slot(g, (uint32_t)d, FR_MODE_ROAD));
    igraph_get_k_shortest_paths(igraph_of_net, &weights, NULL, &paths, (igraph_integer_t)k, from, to,
                                IGRAPH_OUT);
    size_t n = (size_t)igraph_vector_int_list_size(&paths);
    for (size_t i = 0; i < n; i++) {
        const igraph_vector_int_t *p = igraph_vector_int_list_get_ptr(&paths, (igraph_integer_t)i);
        costs[i] = 0;
        for (igraph_integer_t j = 0; j < igraph_vector_int_size(p); j++)
            costs[i] += g->cost[VECTOR(*p)[j]];
    }
    igraph_vector_int_list_destroy(&paths);
    fr_igraph_leave();
    return n;
}

/* ---- the runs ------------------------------------------------------------------ */

typedef struct {
    fr_network *net;
    char *dir;
    uint32_t *pairs; /* origin, destination, ... */
    int n_pairs;
} instance;

static bool instance_load(instance *in, const spec_t *s, int n_pairs, GRand *rng)
{
    GError *error = NULL;
    in->dir = write_network(s, rng);
    in->net = fr_network_load_dir(in->dir, &error);
    if (!in->net) {
        fprintf(stderr, "load failed: %s\n", error->message);
        g_error_free(error);
        remove_dir(in->dir);
        return false;
    }
    uint32_t n = (uint32_t)fr_network_node_count(in->net);
    in->n_pairs = n_pairs;
    in->pairs = g_new(uint32_t, 2 * n_pairs);
    for (int i = 0; i < 2 * n_pairs; i += 2) {
        in->pairs[i] = (uint32_t)g_rand_int_range(rng, 0, (gint32)n);
        do
            in->pairs[i + 1] = (uint32_t)g_rand_int_range(rng, 0, (gint32)n);
        while (in->pairs[i + 1] == in->pairs[i]);
    }
    return true;
}

static void instance_free(instance *in)
{
    g_free(in->pairs);
    bc_igraph_drop();
    fr_network_free(in->net);
    remove_dir(in->dir);
}

static fr_query *pair_query(const instance *in, int i)
{
    return fr_query_new(FR_NODE(&in->net->model, in->pairs[2 * i])->id,
                        FR_NODE(&in->net->model, in->pairs[2 * i + 1])->id);
}

static double now_ms(void) { return 1e3 * bc_cpu_now(); }

static void bench_front(const instance *in, const spec_t *s, int k)
{
    const fr_criterion crit[3] = {FR_CRITERION_COST, FR_CRITERION_TIME, FR_CRITERION_CO2};
    double ours = 0, base = 0;
    uint64_t labels = 0, expanded = 0, base_labels = 0;
    size_t points = 0;
    int queries = 0, differ = 0;
    for (int i = 0; i < in->n_pairs; i++) {
        fr_query *q = pair_query(in, i);
        fr_pareto_stats st = {0};
        double t0 = now_ms();
        fr_route_list *list = fr_pareto_run(in->net, q, crit, (size_t)k, NULL, &st, NULL);
        ours += now_ms() - t0;
        if (list && !(k == 3 && s->slow_baseline)) {
            fr_search_spec spec;
            fr_search_spec_init(&spec, &in->net->model, q, NULL);
            t0 = now_ms();
            size_t size = baseline_front(in->net, &spec, k, &base_labels);
            base += now_ms() - t0;
            fr_search_spec_clear(&spec);
            differ += size != fr_route_list_count(list);
        }
        if (list) {
            points += fr_route_list_count(list);
            labels += st.labels_created;
            expanded += st.labels_expanded;
            queries++;
        }
        fr_route_list_free(list);
        fr_query_free(q);
    }
    if (!queries)
        return;
    printf("%-5s %-11s %6zu %8zu %4d %7.1f %10.0f ", s->kind,
           s->independent ? "independent" : "correlated", fr_network_node_count(in->net),
           fr_network_virtual_edge_count(in->net), k, (double)points / queries,
           (double)labels / queries);
    if (base > 0)
        printf("%10.0f %7.3f %9.2f %9.2f %7.1fx  %s\n", (double)base_labels / queries,
               1000 * ours / (double)labels, ours / queries, base / queries, base / ours,
               differ ? "FRONTS DIFFER" : "same fronts");
    else
        printf("%10s %7.3f %9.2f %9s %8s  (baseline too slow)\n", "-",
               1000 * ours / (double)labels, ours / queries, "-", "-");
}

static void bench_alternatives(const instance *in, const spec_t *s, size_t k)
{
    double ours = 0, base = 0;
    uint64_t spurs = 0, labels = 0, refined = 0;
    int queries = 0, differ = 0;
    double *theirs = g_new(double, k);
    for (int i = 0; i < in->n_pairs; i++) {
        fr_query *q = pair_query(in, i);
        fr_alternatives_stats st = {0};
        double t0 = now_ms();
        fr_route_list *list = fr_alternatives_run(in->net, q, k, &st, NULL);
        ours += now_ms() - t0;
        if (list) {
            t0 = now_ms();
            size_t n = igraph_alternatives(in->net, in->pairs[2 * i], in->pairs[2 * i + 1], k,
                                           theirs);
            base += now_ms() - t0;
            bool same = n == fr_route_list_count(list);
            for (size_t j = 0; same && j < n; j++)
                same = fabs(fr_route_total_cost_usd(fr_route_list_get(list, j)) - theirs[j]) <=
                       1e-9 * fmax(1, theirs[j]);
            differ += !same;
            spurs += st.spur_searches;
            refined += st.search.refinements;
            labels += st.search.labels;
            queries++;
        }
        fr_route_list_free(list);
        fr_query_free(q);
    }
    g_free(theirs);
    if (!queries)
        return;
    /* with two modes the problems differ: igraph's routes may pass a node
     * twice, and start and end in road only */
    char verdict[64];
    if (g_str_equal(s->kind, "mgrid"))
        g_snprintf(verdict, sizeof verdict, "%d of %d lists differ", differ, queries);
    else
        g_strlcpy(verdict, differ ? "COSTS DIFFER" : "same costs", sizeof verdict);
    printf("%-5s %-11s %6zu %8zu %5zu %7.0f %6.0f %9.0f %7.3f %9.2f %9.2f %7.1fx  %s\n",
           s->kind, s->independent ? "independent" : "correlated",
           fr_network_node_count(in->net), fr_network_virtual_edge_count(in->net), k,
           (double)spurs / queries, (double)refined / queries, (double)labels / queries,
           1000 * ours / (double)labels, ours / queries, base / queries, base / ours, verdict);
}

/* ---- continents of growing size ------------------------------------------------ */

#define CONTINENT_PAIRS 5
#define CONTINENT_K 5

typedef struct {
    double route_s, pareto_s, alternatives_s;
    size_t front, alternatives;
    int queries, differ;
} continent_totals;

/* One pair: a best route, the cost/time front and k alternatives, timed;
 * the front's cheapest route must cost what the best route does, and no
 * alternative less. */
static void continent_pair(const fr_network *net, uint32_t o, uint32_t d, continent_totals *t)
{
    const fr_criterion criteria[2] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    fr_query *q = bc_query(net, o, d, FR_OBJECTIVE_COST, 0, 0);
    double t0 = bc_cpu_now();
    fr_route *best = fr_network_route(net, q, NULL);
    double t1 = bc_cpu_now();
    fr_route_list *front = fr_network_pareto(net, q, criteria, 2, NULL, NULL);
    double t2 = bc_cpu_now();
    fr_route_list *alternatives = fr_network_alternatives(net, q, CONTINENT_K, NULL);
    double t3 = bc_cpu_now();
    if (best && front && alternatives) {
        double cost = fr_route_total_cost_usd(best);
        t->route_s += t1 - t0, t->pareto_s += t2 - t1, t->alternatives_s += t3 - t2;
        t->front += fr_route_list_count(front);
        t->alternatives += fr_route_list_count(alternatives);
        t->differ += !bc_same(fr_route_total_cost_usd(fr_route_list_get(front, 0)), cost, 1e-9) ||
                     fr_compare_figure(fr_route_total_cost_usd(fr_route_list_get(alternatives, 0)),
                                       cost) < 0;
        t->queries++;
    } else if (best || front || alternatives) {
        t->differ++; /* one found a route, another not */
    }
    fr_route_free(best);
    fr_route_list_free(front);
    fr_route_list_free(alternatives);
    fr_query_free(q);
}

static const bc_column continent_columns[] = {
    {"road nodes", 10}, {"states", 9},          {"v-edges", 9},      {"pairs", 5},
    {"route ms", 9},    {"front", 6},           {"pareto ms", 10},   {"pareto/route", 12},
    {"alts", 5},        {"alternatives ms", 15}, {"alts/route", 10}, {"same answers", -12}};

static bool bench_continent(uint64_t size, int n_pairs, bc_table *table, GRand *rng)
{
    fr_network *net = bc_continent(size, CONTINENT_GRID, 42, NULL);
    if (!net)
        return false;
    GArray *cities = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (uint32_t v = 0; v < net->model.nodes->len; v++)
        if (FR_NODE(&net->model, v)->kind == FR_NODE_CITY)
            g_array_append_val(cities, v);
    uint32_t *pairs = g_new(uint32_t, 2 * n_pairs);
    bc_random_pairs(rng, (uint32_t *)cities->data, cities->len, (uint32_t)n_pairs, pairs);
    continent_totals t = {0};
    for (int i = 0; cities->len > 1 && i < n_pairs; i++)
        continent_pair(net, pairs[2 * i], pairs[2 * i + 1], &t);
    double q = t.queries ? t.queries : 1;
    bc_cell(table, "%" G_GUINT64_FORMAT, size);
    bc_cell(table, "%zu", fr_network_state_count(net));
    bc_cell(table, "%zu", fr_network_virtual_edge_count(net));
    bc_cell(table, "%d", t.queries);
    bc_cell(table, "%.2f", 1e3 * t.route_s / q);
    bc_cell(table, "%.1f", t.front / q);
    bc_cell(table, "%.1f", 1e3 * t.pareto_s / q);
    bc_cell(table, "%.1fx", t.pareto_s / t.route_s);
    bc_cell(table, "%.1f", t.alternatives / q);
    bc_cell(table, "%.1f", 1e3 * t.alternatives_s / q);
    bc_cell(table, "%.1fx", t.alternatives_s / t.route_s);
    bc_cell(table, "%s", t.differ ? "DIFFER" : "agree");
    g_free(pairs);
    g_array_free(cities, TRUE);
    bc_igraph_drop();
    fr_network_free(net);
    return true;
}

static bool bench_continents(const bc_options *options, GRand *rng)
{
    const uint64_t full[] = {1000, 10000, 100000, 0}, small[] = {1000, 0};
    uint64_t sizes[4];
    size_t n = bc_sizes(options, full, small, sizes, G_N_ELEMENTS(sizes));
    int n_pairs = options->small ? 2 : CONTINENT_PAIRS;
    printf("\nContinents (bench/continent.h, grid shape, seed 42; %d random city pairs each): "
           "fr_network_pareto over cost and time, fr_network_alternatives k = %d, CPU ms per query;\n"
           "ratios against one fr_network_route by cost on the same pairs\n",
           n_pairs, CONTINENT_K);
    bc_table table;
    bc_table_begin(&table, continent_columns, G_N_ELEMENTS(continent_columns));
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = bench_continent(sizes[i], n_pairs, &table, rng);
    return ok;
}

/* ---- the classic sections ---------------------------------------------------------- */

static bool bench_classic(bool small, bool quick, GRand *rng)
{
    const spec_t full[] = {
        {"grid", 10, false, false, false},  {"grid", 10, true, false, false},
        {"grid", 20, false, false, false},  {"grid", 20, true, false, false},
        {"grid", 40, false, false, true},   {"grid", 40, true, true, true},
        {"rgg", 100, false, false, false},  {"rgg", 100, true, false, false},
        {"rgg", 400, false, false, false},  {"rgg", 400, true, false, false},
        {"rgg", 1600, false, false, true},  {"rgg", 1600, true, true, true},
        {"mgrid", 20, false, false, false}, {"mgrid", 20, true, false, false},
        {"mgrid", 40, false, true, true},   {"mgrid", 40, true, true, true}};
    const spec_t tiny[] = {{"grid", 6, true, false, false}, {"rgg", 60, true, false, false},
                           {"mgrid", 10, true, false, false}};
    spec_t specs[G_N_ELEMENTS(full)];
    size_t n_specs = 0;
    for (size_t i = 0; i < (small ? G_N_ELEMENTS(tiny) : G_N_ELEMENTS(full)); i++)
        if (small || !quick || !full[i].large)
            specs[n_specs++] = small ? tiny[i] : full[i];
    int n_pairs = small ? 2 : 6;
    instance *inst = g_new0(instance, n_specs);
    for (size_t i = 0; i < n_specs; i++)
        if (!instance_load(&inst[i], &specs[i], n_pairs, rng))
            return false;

    printf("Pareto fronts (seed 42, %d random pairs each; baseline: label correcting)\n", n_pairs);
    printf("%-5s %-11s %6s %8s %4s %7s %10s %10s %7s %9s %9s %8s\n", "graph", "criteria", "nodes",
           "v-edges", "crit", "front", "labels", "base lab.", "us/lab", "ours ms", "base ms",
           "speed-up");
    for (int k = 2; k <= 3; k++)
        for (size_t i = 0; i < n_specs; i++)
            bench_front(&inst[i], &specs[i], k);

    printf("\nAlternatives by cost (seed 42; baseline: igraph_get_k_shortest_paths, which "
           "does not forbid revisits)\n");
    printf("%-5s %-11s %6s %8s %5s %7s %6s %9s %7s %9s %9s %8s\n", "graph", "criteria",
           "nodes", "v-edges", "k", "spurs", "refine", "labels", "us/lab", "ours ms",
           "igraph ms", "speed-up");
    const size_t ks[] = {10, 100};
    for (size_t j = 0; j < (small || quick ? 1u : 2u); j++)
        for (size_t i = 0; i < n_specs; i++)
            if (specs[i].independent || !small)
                bench_alternatives(&inst[i], &specs[i], ks[j]);
    for (size_t i = 0; i < n_specs; i++)
        instance_free(&inst[i]);
    g_free(inst);
    return true;
}

int main(int argc, char **argv)
{
    gboolean quick = FALSE, continents_only = FALSE;
    const GOptionEntry extra[] = {
        {"quick", 0, 0, G_OPTION_ARG_NONE, &quick,
         "Classic networks up to the middle sizes, k = 10 only", NULL},
        {"continents-only", 0, 0, G_OPTION_ARG_NONE, &continents_only,
         "Only the continents of growing size", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    bc_options options;
    bc_parse_options(&argc, &argv, "Benchmark 5: Pareto fronts and alternatives.", extra,
                     &options);
    GRand *rng = g_rand_new_with_seed(42);
    bool ok = continents_only || bench_classic(options.small, quick, rng);
    ok = ok && bench_continents(&options, rng);
    g_rand_free(rng);
    return ok ? 0 : 1;
}
