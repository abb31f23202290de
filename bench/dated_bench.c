/* dated_bench.c - benchmark 7: dated routing (FORMAT.md §5) against the
 * undated query, on generated continents with timetables (bench/continent.h
 * with services: weekly departures on every rail, river, sea and air link,
 * nodes in real IANA zones) of 10^3, 10^4, 10^5 and 10^6 road nodes.
 *
 * Two sets of seeded random pairs per size: road nodes (one mode:
 * junctions) with every mode allowed - the target's; and rail terminals
 * with only the scheduled modes allowed, so that every link a search takes
 * has departures (the timetable's worst case; on road pairs few routes
 * board a service: road is the fastest mode but air). For the same pairs,
 * objective time, each the whole public call fr_network_route() (query
 * resolution, search, route object, freeing it):
 * - undated: plain Dijkstra (fr_query_set_algorithm FR_ALGORITHM_DIJKSTRA)
 *   on the network's undated graph, where a scheduled link counts its
 *   cut-off and mean wait - the baseline;
 * - dated: the earliest arrival departing 2019-07-02T08:00Z
 *   (fr_query_set_departure), the time-dependent search on the timetable.
 * Each query is timed alone (thread CPU time: other processes on a shared
 * machine do not count), the pair set run in rounds, undated then dated;
 * per pair the median over the rounds, per size the median over the pairs.
 * The check: every pair with an undated route has a dated one (waiting is
 * free and services run every week, so it must); mismatches are listed and
 * make the exit status 1.
 * Target: the dated earliest arrival within 1.5x of the undated Dijkstra
 * (road pairs; the terminals' verdict is printed apart).
 *
 * Then a departure profile on the embedded default network:
 * fr_network_departure_profile() CNCKG -> DEDUI, objective time, departing
 * 2019-07-01 .. 2019-07-31 08:00 Chongqing time every 24 h (31 departures),
 * median of several runs, against the same 31 departures as separate
 * fr_network_route() calls. Target: the profile under 50 ms.
 *
 *   bench-dated            10^3 .. 10^6 road nodes, 100 pairs (30 at 10^6), 3 rounds
 *   bench-dated --small    10^3 and 10^4, 20 pairs, 1 round (CI)
 *   bench-dated --max N    sizes up to N road nodes */
#include "bench_common.h"

#include <math.h>
#include <stdlib.h>

#define SEED 42
#define TARGET_RATIO 1.5
#define TARGET_PROFILE_MS 50.0
#define DEPART "2019-07-02T08:00Z"

/* ---- a continent with services --------------------------------------------- */

static fr_network *continent_with_services(uint64_t road_nodes, continent_stats *st)
{
    continent_options options = {.services = true};
    return bc_continent_with(road_nodes, CONTINENT_GRID, SEED, &options, st);
}

/* ---- medians --------------------------------------------------------------- */

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of v[0..n) (reorders v); NAN when n is 0. */
static double median(double *v, size_t n)
{
    if (n == 0)
        return NAN;
    qsort(v, n, sizeof *v, by_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- one size ---------------------------------------------------------------- */

typedef struct {
    const fr_network *net;
    uint32_t n, rounds;
    fr_query **queries;
    double *seconds; /* [round * n + pair] */
    double *hours;   /* per pair, the route's total time; NAN: no route */
    uint32_t boarding; /* routes that take a scheduled link (not road) */
} query_set;

/* Whether the route takes a link of a scheduled mode (all but road have
 * services in these continents). */
static bool boards(const fr_route *route)
{
    for (size_t i = 0; i < fr_route_step_count(route); i++) {
        const fr_step *step = fr_route_step(route, i);
        if (step->type == FR_STEP_LINK && step->mode != FR_MODE_ROAD)
            return true;
    }
    return false;
}

/* Every query once, each timed alone; round 0 keeps the answers. */
static void run_round(query_set *s, uint32_t round)
{
    for (uint32_t i = 0; i < s->n; i++) {
        double t0 = bc_cpu_now();
        fr_route *route = fr_network_route(s->net, s->queries[i], NULL);
        s->seconds[(size_t)round * s->n + i] = bc_cpu_now() - t0;
        if (round == 0) {
            s->hours[i] = route ? fr_route_total_time_h(route) : NAN;
            s->boarding += route && boards(route);
        }
        fr_route_free(route);
    }
}

/* Per pair, the median over the rounds, in microseconds, into per_pair[]. */
static void pair_medians(const query_set *s, double *per_pair)
{
    double *v = g_new(double, s->rounds);
    for (uint32_t i = 0; i < s->n; i++) {
        for (uint32_t r = 0; r < s->rounds; r++)
            v[r] = s->seconds[(size_t)r * s->n + i];
        per_pair[i] = 1e6 * median(v, s->rounds);
    }
    g_free(v);
}

static void query_set_init(query_set *s, const fr_network *net, uint32_t n, uint32_t rounds,
                           const uint32_t *pairs, GDateTime *depart)
{
    *s = (query_set){net, n, rounds, g_new(fr_query *, n), g_new(double, (size_t)n * rounds),
                     g_new(double, n), 0};
    for (uint32_t i = 0; i < n; i++) {
        s->queries[i] = bc_query(net, pairs[2 * i], pairs[2 * i + 1], FR_OBJECTIVE_TIME, 0, 0);
        if (depart)
            fr_query_set_departure(s->queries[i], depart);
        else
            fr_query_set_algorithm(s->queries[i], FR_ALGORITHM_DIJKSTRA);
    }
}

static void query_set_clear(query_set *s)
{
    for (uint32_t i = 0; i < s->n; i++)
        fr_query_free(s->queries[i]);
    g_free(s->queries);
    g_free(s->seconds);
    g_free(s->hours);
}

static const bc_column columns[] = {
    {"road nodes", 10}, {"pairs of", -10},   {"states", 9},          {"services", 8},
    {"pairs", 5},       {"undated us", 10},  {"dated us", 10},       {"dated/undated", 13},
    {"per pair", 8},    {"target 1.5x", -11}, {"boarding", 8},       {"hours d/u", 9},
    {"check", -24}};

/* What the pairs are: road nodes with every mode (the target's), or rail
 * terminals with only the scheduled modes, so that every link a search
 * takes has departures (the timetable's worst case). */
typedef enum { PAIRS_ROAD, PAIRS_TERMINALS, PAIRS_COUNT } pair_kind;
static const char *const pair_names[] = {"road", "terminals"};

static GArray *pair_pool(const fr_network *net, pair_kind kind)
{
    if (kind == PAIRS_ROAD)
        return bc_single_mode_nodes(net);
    GArray *pool = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (uint32_t v = 0; v < net->model.nodes->len; v++)
        if (FR_NODE(&net->model, v)->kind == FR_NODE_RAIL_TERMINAL)
            g_array_append_val(pool, v);
    return pool;
}

typedef struct {
    uint64_t size;
    const fr_network *net;
    const continent_stats *st;
    GDateTime *depart;
    uint32_t n, rounds;
} size_run;

/* One row; false when a check failed. *ratio gets the ratio of the medians. */
static bool bench_pairs(const size_run *run, pair_kind kind, bc_table *table, double *ratio)
{
    const fr_network *net = run->net;
    uint32_t n = run->n, rounds = run->rounds;
    GRand *rng = g_rand_new_with_seed(SEED);
    GArray *pool = pair_pool(net, kind);
    uint32_t *pairs = g_new(uint32_t, 2 * n);
    bc_random_pairs(rng, (uint32_t *)pool->data, pool->len, n, pairs);
    query_set undated, dated;
    query_set_init(&undated, net, n, rounds, pairs, NULL);
    query_set_init(&dated, net, n, rounds, pairs, run->depart);
    if (kind == PAIRS_TERMINALS) {
        fr_mode_set scheduled = FR_MODE_BIT(FR_MODE_RAIL) | FR_MODE_BIT(FR_MODE_RIVER) |
                                FR_MODE_BIT(FR_MODE_SEA) | FR_MODE_BIT(FR_MODE_AIR);
        for (uint32_t i = 0; i < n; i++) {
            fr_query_set_modes(undated.queries[i], scheduled);
            fr_query_set_modes(dated.queries[i], scheduled);
        }
    }
    for (uint32_t r = 0; r < rounds; r++) {
        run_round(&undated, r);
        run_round(&dated, r);
    }
    double *u = g_new(double, n), *d = g_new(double, n), *pr = g_new(double, n),
           *hr = g_new(double, n);
    pair_medians(&undated, u);
    pair_medians(&dated, d);
    uint32_t missing = 0, extra = 0, n_hours = 0;
    for (uint32_t i = 0; i < n; i++) {
        pr[i] = d[i] / u[i];
        bool has_u = !isnan(undated.hours[i]), has_d = !isnan(dated.hours[i]);
        if (has_u && !has_d && missing++ < 5)
            fprintf(stderr, "%" G_GUINT64_FORMAT " %s: no dated route %s -> %s, undated %.1f h\n",
                    run->size, pair_names[kind], FR_NODE(&net->model, pairs[2 * i])->id,
                    FR_NODE(&net->model, pairs[2 * i + 1])->id, undated.hours[i]);
        extra += has_d && !has_u;
        if (has_u && has_d)
            hr[n_hours++] = dated.hours[i] / undated.hours[i];
    }
    double per_pair = median(pr, n), hours = median(hr, n_hours);
    double mu = median(u, n), md = median(d, n);
    *ratio = md / mu;
    bc_cell(table, "%" G_GUINT64_FORMAT, run->size);
    bc_cell(table, "%s", pair_names[kind]);
    bc_cell(table, "%zu", fr_network_state_count(net));
    bc_cell(table, "%" G_GUINT64_FORMAT, run->st->service_rows);
    bc_cell(table, "%u", n);
    bc_cell(table, "%.1f", mu);
    bc_cell(table, "%.1f", md);
    bc_cell(table, "%.2fx", *ratio);
    bc_cell(table, "%.2fx", per_pair);
    bc_cell(table, "%s", bc_verdict(*ratio <= TARGET_RATIO));
    bc_cell(table, "%u", dated.boarding);
    bc_cell(table, "%.2f", hours);
    if (missing || extra)
        bc_cell(table, "DIFFER (%u missing, %u extra)", missing, extra);
    else
        bc_cell(table, "agree (%u of %u routed)", n_hours, n);
    g_free(u), g_free(d), g_free(pr), g_free(hr);
    query_set_clear(&undated);
    query_set_clear(&dated);
    g_free(pairs);
    g_array_free(pool, TRUE);
    g_rand_free(rng);
    return missing == 0 && extra == 0;
}

/* The rows of one size; false when the network could not be made or a
 * check failed. ratio[kind] gets each row's ratio of the medians. */
static bool bench_size(uint64_t size, const bc_options *options, bc_table *table, double *ratio)
{
    continent_stats st;
    fr_network *net = continent_with_services(size, &st);
    if (!net)
        return false;
    GError *error = NULL;
    size_run run = {size, net, &st, fr_network_parse_datetime(net, NULL, DEPART, &error),
                    options->small ? 20 : size >= 1000000 ? 30 : 100, options->small ? 1 : 3};
    bool ok = run.depart != NULL;
    if (!ok) {
        fprintf(stderr, "%s\n", error->message);
        g_error_free(error);
    }
    for (int kind = 0; ok && kind < PAIRS_COUNT; kind++)
        ok = bench_pairs(&run, (pair_kind)kind, table, &ratio[kind]) && ok;
    if (run.depart)
        g_date_time_unref(run.depart);
    fr_network_free(net);
    return ok;
}

/* ---- the departure profile ------------------------------------------------------ */

typedef struct {
    double profile_ms, single_ms;
    size_t rows, routed;
} profile_result;

static bool bench_profile(uint32_t runs, profile_result *out)
{
    GError *error = NULL;
    fr_network *net = fr_network_load_default(&error);
    GDateTime *first = NULL, *last = NULL;
    if (net) {
        first = fr_network_parse_datetime(net, "CNCKG", "2019-07-01T08:00", &error);
        if (first)
            last = fr_network_parse_datetime(net, "CNCKG", "2019-07-31T08:00", &error);
    }
    if (!last) {
        fprintf(stderr, "default network: %s\n", error->message);
        g_error_free(error);
        if (first)
            g_date_time_unref(first);
        fr_network_free(net);
        return false;
    }
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    double *profile_s = g_new(double, runs), *single_s = g_new(double, runs);
    bool ok = true;
    *out = (profile_result){0};
    for (uint32_t r = 0; r < runs && ok; r++) {
        double t0 = bc_cpu_now();
        fr_profile *p = fr_network_departure_profile(net, q, first, last, 24, &error);
        profile_s[r] = bc_cpu_now() - t0;
        if (!p) {
            fprintf(stderr, "fr_network_departure_profile: %s\n", error->message);
            g_clear_error(&error);
            ok = false;
            break;
        }
        out->rows = fr_profile_count(p);
        out->routed = 0;
        for (size_t i = 0; i < out->rows; i++)
            out->routed += fr_profile_route(p, i) != NULL;
        fr_profile_free(p);
        /* the same departures, one fr_network_route() each */
        fr_query *one = fr_query_copy(q);
        t0 = bc_cpu_now();
        for (int day = 0; day < 31; day++) {
            GDateTime *when = g_date_time_add_days(first, day);
            fr_query_set_departure(one, when);
            fr_route_free(fr_network_route(net, one, NULL));
            g_date_time_unref(when);
        }
        single_s[r] = bc_cpu_now() - t0;
        fr_query_free(one);
    }
    out->profile_ms = 1e3 * median(profile_s, runs);
    out->single_ms = 1e3 * median(single_s, runs);
    g_free(profile_s), g_free(single_s);
    fr_query_free(q);
    g_date_time_unref(first);
    g_date_time_unref(last);
    fr_network_free(net);
    return ok;
}

int main(int argc, char **argv)
{
    bc_options options;
    bc_parse_options(&argc, &argv, "Benchmark 7: dated earliest-arrival queries against the "
                     "undated Dijkstra, and a departure profile.", NULL, &options);
    const uint64_t full[] = {1000, 10000, 100000, 1000000, 0}, small[] = {1000, 10000, 0};
    uint64_t sizes[4];
    size_t n_sizes = bc_sizes(&options, full, small, sizes, G_N_ELEMENTS(sizes));
    printf("Benchmark 7: dated routing. Continents (grid shape, seed %d) with services on every "
           "rail, river, sea and air\nlink; random pairs, objective time, "
           "fr_network_route() per query, median us (thread CPU time).\nundated: plain Dijkstra "
           "on the graph with mean waits; dated: earliest arrival departing %s.\n\n",
           SEED, DEPART);
    bc_table table;
    bc_table_begin(&table, columns, G_N_ELEMENTS(columns));
    bool ok = true, met[PAIRS_COUNT] = {true, true};
    for (size_t i = 0; i < n_sizes; i++) {
        double ratio[PAIRS_COUNT] = {INFINITY, INFINITY};
        ok = bench_size(sizes[i], &options, &table, ratio) && ok;
        for (int kind = 0; kind < PAIRS_COUNT; kind++)
            met[kind] = met[kind] && ratio[kind] <= TARGET_RATIO;
    }
    printf("\npairs of: road nodes, all modes (the target's); terminals: rail terminals, "
           "scheduled modes only (every link\nhas departures). dated/undated: the ratio of the "
           "medians; per pair: the median of the pairs' ratios;\nboarding: dated routes that "
           "take a scheduled link; hours d/u: the median of the pairs' dated route time\nover "
           "the undated one (earliest arrival against mean waits); check: a dated route for "
           "every pair with\nan undated one.\n"
           "target (dated earliest arrival within %.1fx of the undated Dijkstra at every size, "
           "road pairs): %s\n(terminals, every link scheduled, for the timetable's cost: "
           "%s)\n\n", TARGET_RATIO, bc_verdict(met[PAIRS_ROAD]), bc_verdict(met[PAIRS_TERMINALS]));

    uint32_t runs = options.small ? 5 : 11;
    profile_result p;
    if (bench_profile(runs, &p)) {
        printf("Departure profile on the embedded network: CNCKG -> DEDUI, objective time, "
               "2019-07-01 .. 2019-07-31 08:00\n+08:00 every 24 h: %zu departures, %zu with a "
               "route; median of %u runs (thread CPU time)\n", p.rows, p.routed, runs);
        printf("  fr_network_departure_profile: %.2f ms (%.3f ms per departure)\n", p.profile_ms,
               p.profile_ms / (double)(p.rows ? p.rows : 1));
        printf("  31 fr_network_route() calls:  %.2f ms; profile/calls %.2fx\n", p.single_ms,
               p.profile_ms / p.single_ms);
        printf("target (profile under %.0f ms): %s\n", TARGET_PROFILE_MS,
               bc_verdict(p.profile_ms < TARGET_PROFILE_MS));
        if (p.rows != 31 || p.routed != p.rows) {
            printf("check: expected 31 departures, all routed: DIFFER\n");
            ok = false;
        }
    } else {
        ok = false;
    }
    return ok ? 0 : 1;
}
