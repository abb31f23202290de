/* gen_network.c - fr-gen-network: writes a synthetic continent network (see
 * bench/continent.h) into a directory, for benchmarks and for trying the
 * library on networks of any size.
 *
 *   fr-gen-network --nodes N [--seed S] [--shape grid|geometric] [--services]
 *                  --out DIR [--check]
 *
 * --services also writes services.csv (weekly departures on every rail,
 * river, sea and air link, both ways) and a timezone column in nodes.csv,
 * for dated queries (FORMAT.md §5).
 *
 * Prints a one-line summary. --check then loads the directory with
 * fr_network_load_dir() and routes from the first road node to the last.
 * Exit status: 0 done, 1 the files could not be written or the check
 * failed, 2 bad usage. */
#include "continent.h"
#include "freightroute.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
    gint64 nodes, seed;
    char *shape, *out;
    gboolean check, services;
} options;

static int usage_error(GOptionContext *context, const char *message)
{
    fprintf(stderr, "fr-gen-network: %s\n(see fr-gen-network --help)\n", message);
    g_option_context_free(context);
    return 2;
}

/* Parses argv into opts, params and extras; 0 on success, else the exit status. */
static int parse_args(int argc, char **argv, options *opts, continent_params *params,
                      continent_options *extras)
{
    GOptionEntry entries[] = {
        {"nodes", 'n', 0, G_OPTION_ARG_INT64, &opts->nodes,
         "Approximate number of road nodes (>= 4)", "N"},
        {"seed", 's', 0, G_OPTION_ARG_INT64, &opts->seed,
         "Seed (default 1); same seed, same files", "S"},
        {"shape", 0, 0, G_OPTION_ARG_STRING, &opts->shape,
         "Road network: grid (default) or geometric", "SHAPE"},
        {"out", 'o', 0, G_OPTION_ARG_FILENAME, &opts->out,
         "Directory to write (created if missing)", "DIR"},
        {"services", 0, 0, G_OPTION_ARG_NONE, &opts->services,
         "Also write services.csv and nodes' time zones (timetables)", NULL},
        {"check", 0, 0, G_OPTION_ARG_NONE, &opts->check,
         "Load the network and route from the first road node to the last", NULL},
        G_OPTION_ENTRY_NULL};
    GOptionContext *context = g_option_context_new("- write a synthetic continent freight network");
    g_option_context_add_main_entries(context, entries, NULL);
    g_option_context_set_description(
        context, "Writes nodes.csv, links.csv, transfers.csv and modes.csv (FORMAT.md), with\n"
                 "--services also services.csv, into DIR and prints a one-line summary.\n"
                 "Exit status: 0 written (and checked), 1 the files could not be written or\n"
                 "the check failed, 2 bad usage.");
    GError *error = NULL;
    if (!g_option_context_parse(context, &argc, &argv, &error)) {
        int status = usage_error(context, error->message);
        g_error_free(error);
        return status;
    }
    if (argc > 1)
        return usage_error(context, "unexpected argument");
    if (opts->nodes < (gint64)CONTINENT_MIN_NODES || opts->nodes > (gint64)CONTINENT_MAX_NODES)
        return usage_error(context, opts->nodes == 0 ? "--nodes N is required"
                                                     : "--nodes must be between 4 and 50000000");
    if (opts->seed < 0)
        return usage_error(context, "--seed must not be negative");
    params->nodes = (uint64_t)opts->nodes;
    params->seed = (uint64_t)opts->seed;
    params->shape = CONTINENT_GRID;
    extras->services = opts->services;
    if (opts->shape && !continent_shape_from_name(opts->shape, &params->shape))
        return usage_error(context, "unknown --shape (expected grid or geometric)");
    if (!opts->out)
        return usage_error(context, "--out DIR is required");
    g_option_context_free(context);
    return 0;
}

/* Loads `dir` and routes between the two road nodes; 0 on success, else 1. */
static int check(const char *dir, const continent_stats *st)
{
    GError *error = NULL;
    gint64 t0 = g_get_monotonic_time();
    fr_network *net = fr_network_load_dir(dir, &error);
    double load_s = (g_get_monotonic_time() - t0) / 1e6;
    fr_route *route = NULL;
    if (net) {
        fr_query *q = fr_query_new(st->first_road_node, st->last_road_node);
        route = fr_network_route(net, q, &error);
        fr_query_free(q);
    }
    if (route)
        printf("check: loaded %zu nodes, %zu links, %zu virtual edges in %.2f s; %s -> %s: "
               "USD %.0f, %.1f h\n",
               fr_network_node_count(net), fr_network_link_count(net),
               fr_network_virtual_edge_count(net), load_s, st->first_road_node,
               st->last_road_node, fr_route_total_cost_usd(route), fr_route_total_time_h(route));
    else
        fprintf(stderr, "fr-gen-network: check failed: %s\n", error->message);
    g_clear_error(&error);
    fr_route_free(route);
    fr_network_free(net);
    return route ? 0 : 1;
}

int main(int argc, char **argv)
{
    options opts = {.seed = 1};
    continent_params params;
    continent_options extras = {0};
    int status = parse_args(argc, argv, &opts, &params, &extras);
    if (status == 0) {
        continent_stats st;
        GError *error = NULL;
        gint64 t0 = g_get_monotonic_time();
        if (continent_write_with(&params, &extras, opts.out, &st, &error)) {
            char services[48] = "";
            if (extras.services)
                g_snprintf(services, sizeof services, ", %" G_GUINT64_FORMAT " services",
                           st.service_rows);
            printf("%s: %" G_GUINT64_FORMAT " nodes (%" G_GUINT64_FORMAT " road, %" G_GUINT64_FORMAT
                   " border), %" G_GUINT64_FORMAT " links, %" G_GUINT64_FORMAT
                   " transfers%s, %" G_GUINT64_FORMAT " countries, %" G_GUINT64_FORMAT
                   " virtual edges, %.1f MB; %s, seed %" G_GUINT64_FORMAT ", %.2f s\n",
                   opts.out, st.node_rows, st.road_nodes, st.border_nodes, st.link_rows,
                   st.transfer_rows, services, st.countries, st.virtual_edges, st.bytes / 1e6,
                   continent_shape_name(params.shape), params.seed,
                   (g_get_monotonic_time() - t0) / 1e6);
            status = opts.check ? check(opts.out, &st) : 0;
        } else {
            fprintf(stderr, "fr-gen-network: %s\n", error->message);
            g_error_free(error);
            status = 1;
        }
    }
    g_free(opts.shape);
    g_free(opts.out);
    return status;
}
