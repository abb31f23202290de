/* load_bench.c - benchmark 6: how fast fr_network_load_dir() reads and
 * validates a network, and how much memory the loaded network holds per
 * virtual edge, on synthetic continents (bench/continent.h) of 10^3 to
 * 10^6 road nodes. Beside each load it measures the I/O floor (reading the
 * same files with g_file_get_contents and nothing else) and splits the load
 * into reading, CSV parsing, validation with model building, and the
 * virtual graph; beside it, what an igraph copy of the graph would cost
 * (igraph_create; the library no longer makes one at load time).
 *
 *   bench-load               10^3, 10^4, 10^5 and 10^6 road nodes
 *   bench-load --small       10^3 and 10^4 (CI smoke test)
 *   bench-load --max N       sizes up to N road nodes
 *   bench-load --dir DIR     load an existing network directory (for profiling)
 *   bench-load --breakdown   also what the loaded network holds, per structure
 *                            (measured by freeing one structure at a time)
 *
 * Loads are timed best of 3 below 10^6 road nodes, once from there on. */
#include "continent.h"
#include "csv.h"
#include "network.h"
#include "vgraph_igraph.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static const char *const files[] = {"nodes.csv", "links.csv", "transfers.csv", "modes.csv"};
#define N_FILES 4

static double now_s(void) { return g_get_monotonic_time() / 1e6; }

/* Resident set size in bytes (VmRSS, from /proc/self/statm). */
static double rss_bytes(void)
{
    unsigned long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%lu %lu", &size, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return (double)resident * (double)sysconf(_SC_PAGESIZE);
}

/* Peak RSS in bytes since the last reset_peak() (VmHWM), 0 if unknown. */
static double peak_bytes(void)
{
    char *status = NULL;
    double kb = 0;
    if (g_file_get_contents("/proc/self/status", &status, NULL, NULL)) {
        const char *hwm = strstr(status, "VmHWM:");
        if (hwm)
            kb = g_ascii_strtod(hwm + 6, NULL);
    }
    g_free(status);
    return kb * 1024;
}

static void reset_peak(void)
{
#ifdef __GLIBC__
    malloc_trim(0); /* hand freed memory back, so growth is the network's */
#endif
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
}

/* Reads every file of `dir` (the I/O floor); with `parse`, also runs the
 * CSV reader over each file. Returns seconds, or -1 on failure. */
static double read_files(const char *dir, bool parse)
{
    double t0 = now_s();
    for (int i = 0; i < N_FILES; i++) {
        char *path = g_build_filename(dir, files[i], NULL), *data = NULL;
        gsize len = 0;
        bool ok = g_file_get_contents(path, &data, &len, NULL);
        g_free(path);
        if (!ok)
            return -1;
        if (parse) {
            fr_csv_reader csv;
            fr_csv_reader_init(&csv, files[i], data, len);
            while (fr_csv_reader_next(&csv, NULL) > 0)
                ;
            fr_csv_reader_clear(&csv);
        }
        g_free(data);
    }
    return now_s() - t0;
}

typedef struct {
    uint64_t nodes, links, transfers, rows, states, vedges;
    double load_s, cpu_s, floor_s, parse_s, graph_s, igraph_s; /* cpu_s: of the best load */
    double rss_growth, peak; /* bytes */
} result;

/* igraph_create alone on the network's virtual edges: seconds. */
static double time_igraph_create(const fr_vgraph *g)
{
    igraph_vector_int_t edges;
    igraph_t graph;
    fr_igraph_enter();
    double seconds = -1;
    if (igraph_vector_int_init(&edges, 2 * (igraph_integer_t)g->n_edges) == IGRAPH_SUCCESS) {
        for (uint32_t e = 0; e < g->n_edges; e++) {
            VECTOR(edges)[2 * e] = g->edge_from[e];
            VECTOR(edges)[2 * e + 1] = g->edge_to[e];
        }
        double t0 = now_s();
        if (igraph_create(&graph, &edges, g->n_states, IGRAPH_DIRECTED) == IGRAPH_SUCCESS) {
            seconds = now_s() - t0;
            igraph_destroy(&graph);
        }
        igraph_vector_int_destroy(&edges);
    }
    fr_igraph_leave();
    return seconds;
}

/* Rebuilds the virtual graph of a loaded network: seconds. */
static double time_graph_build(fr_network *net)
{
    fr_vgraph_clear(&net->vgraph);
    double t0 = now_s();
    bool ok = fr_vgraph_build(&net->vgraph, &net->model, NULL);
    double seconds = now_s() - t0;
    return ok ? seconds : -1;
}

/* Loads `dir` `runs` times (best time kept) and measures the rest once. */
static bool measure(const char *dir, int runs, result *r)
{
    r->load_s = r->floor_s = r->parse_s = G_MAXDOUBLE;
    for (int run = 0; run < runs; run++) {
        r->floor_s = MIN(r->floor_s, read_files(dir, false));
        r->parse_s = MIN(r->parse_s, read_files(dir, true));
        reset_peak();
        double rss0 = rss_bytes(), t0 = now_s();
        clock_t c0 = clock();
        GError *error = NULL;
        fr_network *net = fr_network_load_dir(dir, &error);
        double seconds = now_s() - t0, cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
        if (!net) {
            fprintf(stderr, "bench-load: %s\n", error->message);
            g_error_free(error);
            return false;
        }
        if (seconds < r->load_s) {
            r->load_s = seconds;
            r->cpu_s = cpu;
        }
        if (run == 0) {
            r->rss_growth = rss_bytes() - rss0;
            r->peak = peak_bytes() - rss0;
            r->nodes = fr_network_node_count(net);
            r->links = fr_network_link_count(net);
            r->transfers = net->model.transfers->len;
            r->states = fr_network_state_count(net);
            r->vedges = fr_network_virtual_edge_count(net);
            r->igraph_s = time_igraph_create(&net->vgraph);
            r->graph_s = time_graph_build(net);
        }
        fr_network_free(net);
    }
    return true;
}

/* ---- memory breakdown ------------------------------------------------------ */

/* RSS after handing every free page back (malloc_trim), bytes. */
static double trimmed_rss(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    return rss_bytes();
}

typedef struct {
    double before; /* trimmed RSS before the current piece was freed */
    double vedges;
} teardown;

/* Frees one piece (free_fn(piece)) and prints how much RSS that gave back. */
static void teardown_step(teardown *td, const char *what, void (*free_fn)(void *), void *piece)
{
    if (piece)
        free_fn(piece);
    double after = trimmed_rss(), bytes = td->before - after;
    printf("  %-34s %12.0f %9.1f\n", what, bytes, bytes / td->vedges);
    td->before = after;
}

static void free_array(void *a) { g_array_free(a, TRUE); }
static void free_ptr_array(void *a) { g_ptr_array_free(a, TRUE); }
static void free_id_table(void *t) { fr_id_table_clear(t); }
static void free_chunk(void *c) { g_string_chunk_free(c); }

/* The virtual graph's arrays, one by one. */
static void teardown_vgraph(teardown *td, fr_vgraph *g)
{
    struct {
        const char *what;
        void **array;
    } pieces[] = {
        {"vgraph state_node (per state)", (void **)&g->state_node},
        {"vgraph state_mode (per state)", (void **)&g->state_mode},
        {"vgraph node_first_slot (per node)", (void **)&g->node_first_slot},
        {"vgraph node_modes (per node)", (void **)&g->node_modes},
        {"vgraph out_start (per state)", (void **)&g->out_start},
        {"vgraph in_start (per state)", (void **)&g->in_start},
        {"vgraph edge_from", (void **)&g->edge_from},
        {"vgraph edge_to", (void **)&g->edge_to},
        {"vgraph edge_ref", (void **)&g->edge_ref},
        {"vgraph edge_kind", (void **)&g->edge_kind},
        {"vgraph edge_mode", (void **)&g->edge_mode},
        {"vgraph edge_corridor", (void **)&g->edge_corridor},
        {"vgraph in_edges (in-edge index)", (void **)&g->in_edges},
        {"vgraph cost (double)", (void **)&g->cost},
        {"vgraph time (double)", (void **)&g->time},
        {"vgraph co2 (double)", (void **)&g->co2},
        {"vgraph distance (double)", (void **)&g->distance},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(pieces); i++) {
        teardown_step(td, pieces[i].what, g_free, *pieces[i].array);
        *pieces[i].array = NULL;
    }
}

/* The model's structures, one by one (the model is unusable after). */
static void teardown_model(teardown *td, fr_model *m)
{
    char what[64];
    snprintf(what, sizeof what, "model node_index (%zu ids)", m->node_index.count);
    teardown_step(td, what, free_id_table, &m->node_index);
    snprintf(what, sizeof what, "model nodes (%u x %zu B)", m->nodes->len, sizeof(fr_node));
    teardown_step(td, what, free_array, m->nodes);
    snprintf(what, sizeof what, "model links (%u x %zu B)", m->links->len, sizeof(fr_link));
    teardown_step(td, what, free_array, m->links);
    teardown_step(td, "model transfers", free_array, m->transfers);
    teardown_step(td, "model waypoints", free_array, m->waypoints);
    teardown_step(td, "model strings (ids, names, ...)", free_chunk, m->strings);
    teardown_step(td, "model corridors, warnings", free_ptr_array, m->corridors);
    g_ptr_array_free(m->warnings, TRUE);
    g_ptr_array_free(m->zones, TRUE);
    g_array_free(m->services, TRUE);
    g_array_free(m->departures, TRUE);
    g_array_free(m->closures, TRUE);
    *m = (fr_model){0};
}

/* Loads `dir` once more and frees what the network holds piece by piece,
 * printing the RSS each piece gave back, in bytes and bytes per virtual
 * edge; what is left at the end is heap the allocator keeps. */
static bool print_memory_breakdown(const char *dir)
{
    reset_peak();
    double rss0 = trimmed_rss();
    GError *error = NULL;
    fr_network *net = fr_network_load_dir(dir, &error);
    if (!net) {
        fprintf(stderr, "bench-load: %s\n", error->message);
        g_error_free(error);
        return false;
    }
    double loaded = rss_bytes();
    teardown td = {trimmed_rss(), (double)MAX(fr_network_virtual_edge_count(net), 1)};
    printf("\nWhat the loaded network holds: RSS given back when each piece is freed (after "
           "malloc_trim)\n  %-34s %12s %9s\n", "piece", "bytes", "B/v-edge");
    printf("  %-34s %12.0f %9.1f\n", "(RSS growth of the load, untrimmed)", loaded - rss0,
           (loaded - rss0) / td.vedges);
    printf("  %-34s %12.0f %9.1f\n", "(freed, not yet handed back)", loaded - td.before,
           (loaded - td.before) / td.vedges);
    fr_network_clear_prepared(net);
    fr_timetable_clear(&net->timetable);
    fr_vgraph_clear(&net->running_copy);
    teardown_step(&td, "timetable, running copy", g_free, NULL);
    g_free(net->corridor_list);
    g_free(net->country_list);
    net->corridor_list = net->country_list = NULL;
    teardown_step(&td, "corridor and country lists", g_free, NULL);
    teardown_vgraph(&td, &net->vgraph);
    teardown_model(&td, &net->model);
    printf("  %-34s %12.0f %9.1f\n", "(left: heap kept, the handle)", td.before - rss0,
           (td.before - rss0) / td.vedges);
    printf("  peak RSS of the load above the start: %.1f MB\n", (peak_bytes() - rss0) / 1e6);
    g_clear_pointer(&net->reference_date, g_date_time_unref);
    g_free(net); /* its parts are freed above */
    return true;
}

static void print_headers(void)
{
    printf("%9s %9s %9s %9s %9s %9s %9s | %7s %7s %9s %6s | %7s %9s %6s | %8s %8s\n", "road",
           "nodes", "links", "transfers", "rows", "v-states", "v-edges", "load s", "cpu s",
           "rows/s", "vs 1e6", "floor s", "rows/s", "ratio", "B/v-edge", "peak MB");
}

static void print_result(uint64_t road, const result *r)
{
    double rate = r->rows / r->load_s, floor_rate = r->rows / r->floor_s;
    printf("%9" G_GUINT64_FORMAT " %9" G_GUINT64_FORMAT " %9" G_GUINT64_FORMAT
           " %9" G_GUINT64_FORMAT " %9" G_GUINT64_FORMAT " %9" G_GUINT64_FORMAT
           " %9" G_GUINT64_FORMAT
           " | %7.3f %7.3f %9.0f %5.2fx | %7.3f %9.0f %5.1fx | %8.0f %8.1f\n",
           road, r->nodes, r->links, r->transfers, r->rows, r->states, r->vedges, r->load_s,
           r->cpu_s, rate, rate / 1e6, r->floor_s, floor_rate, r->load_s / r->floor_s,
           r->rss_growth / (double)(r->vedges ? r->vedges : 1), r->peak / 1e6);
}

static void print_breakdown_header(void)
{
    printf("\nWhere the load time goes, seconds. tables: the load less the graph; csv: the CSV "
           "reader alone over\nthe files in memory; rest: the tables less csv and the I/O "
           "floor (the loader reads files 1 MiB at a\ntime, so this is approximate); graph: the virtual "
           "graph; +igraph: what an igraph copy would add (not made)\n%9s %8s %8s %8s %8s %8s %15s\n",
           "road", "floor", "tables", "csv", "rest", "graph", "(+igraph)");
}

static void print_breakdown(uint64_t road, const result *r)
{
    double tables = r->load_s - r->graph_s, csv = r->parse_s - r->floor_s;
    printf("%9" G_GUINT64_FORMAT " %8.3f %8.3f %8.3f %8.3f %8.3f %15.3f\n", road, r->floor_s,
           tables, csv, tables - csv - r->floor_s, r->graph_s, r->igraph_s);
}

static void print_notes(void)
{
    printf("\nrows: data rows of all files. cpu s: process CPU time of that load (the machine "
           "may be shared).\nvs 1e6: load rows/s over the target of 10^6. floor: reading the "
           "files only (g_file_get_contents);\nratio: load time over the floor. B/v-edge: RSS "
           "growth from the load, per virtual edge, the network\nstill held. peak MB: the "
           "load's peak RSS above the start (mapped files included).\n");
}

/* Generates a network of `road` road nodes in a temp dir, measures, removes it. */
static gboolean breakdown = FALSE; /* --breakdown */

static bool run_size(uint64_t road, continent_shape shape, uint64_t seed, result *r)
{
    GError *error = NULL;
    char *dir = continent_make_temp_dir(&error);
    continent_params params = {road, seed, shape};
    continent_stats st;
    bool ok = dir && continent_write(&params, dir, &st, &error);
    if (ok) {
        ok = measure(dir, road >= 1000000 ? 1 : 3, r);
        r->rows = st.node_rows + st.link_rows + st.transfer_rows + st.mode_rows;
        if (ok && breakdown) {
            printf("(road nodes: %" G_GUINT64_FORMAT ")", road);
            ok = print_memory_breakdown(dir);
            printf("\n");
        }
    } else {
        fprintf(stderr, "bench-load: %s\n", error->message);
        g_clear_error(&error);
    }
    if (dir && !continent_remove_dir(dir, &error)) {
        fprintf(stderr, "bench-load: %s\n", error->message);
        g_clear_error(&error);
    }
    g_free(dir);
    return ok;
}

/* --dir: one existing directory, measured as the generated ones are. */
static int run_dir(const char *dir)
{
    result r = {0};
    if (!measure(dir, 3, &r))
        return 1;
    r.rows = r.nodes + r.links + r.transfers;
    print_headers();
    print_result(0, &r);
    print_breakdown_header();
    print_breakdown(0, &r);
    return breakdown && !print_memory_breakdown(dir);
}

static int run_sizes(gboolean small, gint64 max, continent_shape shape, uint64_t seed)
{
    const uint64_t sizes[] = {1000, 10000, 100000, 1000000};
    result results[4];
    int n = 0;
    printf("bench-load: fr_network_load_dir on synthetic continents (%s, seed %" G_GUINT64_FORMAT
           "), best of 3 below 10^6 road nodes\n\n",
           continent_shape_name(shape), seed);
    print_headers();
    for (int i = 0; i < 4 && !(small && i >= 2) && (max <= 0 || sizes[i] <= (uint64_t)max); i++) {
        if (!run_size(sizes[i], shape, seed, &results[i]))
            return 1;
        print_result(sizes[i], &results[i]);
        fflush(stdout);
        n++;
    }
    print_breakdown_header();
    for (int i = 0; i < n; i++)
        print_breakdown(sizes[i], &results[i]);
    print_notes();
    return 0;
}

int main(int argc, char **argv)
{
    gboolean small = FALSE;
    gint64 max = 0, seed = 1;
    char *dir = NULL, *shape_name = NULL;
    GOptionEntry entries[] = {
        {"small", 0, 0, G_OPTION_ARG_NONE, &small, "Only 10^3 and 10^4 road nodes", NULL},
        {"max", 0, 0, G_OPTION_ARG_INT64, &max, "Only sizes up to N road nodes", "N"},
        {"shape", 0, 0, G_OPTION_ARG_STRING, &shape_name, "grid (default) or geometric", "SHAPE"},
        {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Generator seed (default 1)", "S"},
        {"dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Load this network directory instead", "DIR"},
        {"breakdown", 0, 0, G_OPTION_ARG_NONE, &breakdown,
         "Also what the loaded network holds, per structure", NULL},
        G_OPTION_ENTRY_NULL};
    GOptionContext *context = g_option_context_new("- benchmark 6: loading speed and memory");
    g_option_context_add_main_entries(context, entries, NULL);
    GError *error = NULL;
    continent_shape shape = CONTINENT_GRID;
    int status = 0;
    if (!g_option_context_parse(context, &argc, &argv, &error)) {
        fprintf(stderr, "bench-load: %s\n", error->message);
        g_error_free(error);
        status = 2;
    } else if (shape_name && !continent_shape_from_name(shape_name, &shape)) {
        fprintf(stderr, "bench-load: unknown --shape '%s'\n", shape_name);
        status = 2;
    } else {
        status = dir ? run_dir(dir) : run_sizes(small, max, shape, (uint64_t)seed);
    }
    g_option_context_free(context);
    g_free(dir);
    g_free(shape_name);
    return status;
}
