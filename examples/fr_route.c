/* fr_route.c - the fr-route command line (FORMAT.md §3): one optimal route
 * between two nodes, printed as a readable itinerary, JSON or GeoJSON.
 * Exit status: 0 route found, 1 invalid network or input, 2 bad usage,
 * 3 no route satisfies the query. */
#include "cli_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const char *prog = "fr-route";

typedef struct {
    char *network, *from, *to, *objective, *modes, *format, *export_dir;
    double quantity, value_of_time, carbon_price;
    char **avoid, **avoid_country, **avoid_corridor;
    gboolean version, list_nodes;
} options;

static void options_clear(options *o)
{
    g_free(o->network);
    g_free(o->from);
    g_free(o->to);
    g_free(o->objective);
    g_free(o->modes);
    g_free(o->format);
    g_free(o->export_dir);
    g_strfreev(o->avoid);
    g_strfreev(o->avoid_country);
    g_strfreev(o->avoid_corridor);
}

static GOptionContext *option_context(options *o)
{
    GOptionEntry entries[] = {
        {"network", 'n', 0, G_OPTION_ARG_FILENAME, &o->network,
         "Network directory (default: the embedded Chongqing network)", "DIR"},
        {"from", 'f', 0, G_OPTION_ARG_STRING, &o->from, "Origin node id", "ID"},
        {"to", 't', 0, G_OPTION_ARG_STRING, &o->to, "Destination node id", "ID"},
        {"objective", 'o', 0, G_OPTION_ARG_STRING, &o->objective,
         "cost, time, co2, distance or generalized (default: cost)", "NAME"},
        {"quantity", 'q', 0, G_OPTION_ARG_DOUBLE, &o->quantity,
         "Shipment size in TEU (default 1)", "TEU"},
        {"value-of-time", 0, 0, G_OPTION_ARG_DOUBLE, &o->value_of_time,
         "USD per TEU-hour, for the generalized objective", "USD"},
        {"carbon-price", 0, 0, G_OPTION_ARG_DOUBLE, &o->carbon_price,
         "USD per kg CO2e, for the generalized objective", "USD"},
        {"modes", 'm', 0, G_OPTION_ARG_STRING, &o->modes,
         "Allowed modes, e.g. rail,road (default: all)", "LIST"},
        {"avoid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->avoid, "Node ids to avoid", "IDS"},
        {"avoid-country", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->avoid_country,
         "Countries to avoid (ISO codes, e.g. RU,BY)", "CC,.."},
        {"avoid-corridor", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->avoid_corridor,
         "Corridor labels to avoid, e.g. Yuxinou", "NAME,.."},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o->format, "text, json or geojson (default: text)",
         "FORMAT"},
        {"list-nodes", 0, 0, G_OPTION_ARG_NONE, &o->list_nodes,
         "List the network's nodes (id, kind, country, name) and exit", NULL},
        {"export-network", 0, 0, G_OPTION_ARG_FILENAME, &o->export_dir,
         "Write the embedded network's CSV files into DIR and exit", "DIR"},
        {"version", 'V', 0, G_OPTION_ARG_NONE, &o->version, "Print the version and exit", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx = g_option_context_new("--from ID --to ID");
    g_option_context_set_summary(ctx, "Find the optimal multimodal freight route between two "
                                      "nodes of a network (FORMAT.md §2).");
    g_option_context_set_description(
        ctx, "Figures are per TEU; totals cover the whole --quantity. Ties are broken by time,\n"
             "then cost, then fewer steps.\n\n"
             "Exit status: 0 route found, 1 invalid network or input, 2 bad usage,\n"
             "3 no route satisfies the query.\n\n"
             "Example:\n  fr-route --from CNCKG --to DEDUI --objective time --avoid-country BY\n");
    g_option_context_add_main_entries(ctx, entries, NULL);
    return ctx;
}

/* Checks what the options say on their own; NULL when fine, else a message. */
static char *usage_problem(const options *o, fr_objective *objective, fr_mode_set *modes)
{
    GError *error = NULL;
    if (!o->from || !o->to)
        return g_strdup("both --from and --to are required");
    if (o->objective && !fr_objective_from_name(o->objective, objective))
        return g_strdup_printf("unknown objective '%s' (expected cost, time, co2, distance, "
                               "generalized)", o->objective);
    if (o->modes && !fr_mode_set_parse(o->modes, modes, &error)) {
        char *message = g_strdup_printf("--modes: %s", error->message);
        g_error_free(error);
        return message;
    }
    if (!isfinite(o->quantity) || o->quantity <= 0)
        return g_strdup("--quantity must be a number of TEU greater than 0");
    if (!isfinite(o->value_of_time) || o->value_of_time < 0)
        return g_strdup("--value-of-time must be 0 or more");
    if (!isfinite(o->carbon_price) || o->carbon_price < 0)
        return g_strdup("--carbon-price must be 0 or more");
    if (o->format && !g_str_equal(o->format, "text") && !g_str_equal(o->format, "json") &&
        !g_str_equal(o->format, "geojson"))
        return g_strdup_printf("unknown format '%s' (expected text, json, geojson)", o->format);
    return NULL;
}

static fr_query *build_query(const options *o, fr_objective objective, fr_mode_set modes)
{
    fr_query *q = fr_query_new(o->from, o->to);
    fr_query_set_objective(q, objective);
    fr_query_set_quantity(q, o->quantity);
    fr_query_set_value_of_time(q, o->value_of_time);
    fr_query_set_carbon_price(q, o->carbon_price);
    fr_query_set_modes(q, modes);
    char **lists[3] = {cli_split_list(o->avoid), cli_split_list(o->avoid_country),
                       cli_split_list(o->avoid_corridor)};
    for (char **id = lists[0]; *id; id++)
        fr_query_avoid_node(q, *id);
    for (char **cc = lists[1]; *cc; cc++)
        fr_query_avoid_country(q, *cc);
    for (char **name = lists[2]; *name; name++)
        fr_query_avoid_corridor(q, *name);
    for (int i = 0; i < 3; i++)
        g_strfreev(lists[i]);
    return q;
}

static void print_route(const fr_route *route, const char *format)
{
    char *text;
    if (format && g_str_equal(format, "json"))
        text = fr_route_to_json(route);
    else if (format && g_str_equal(format, "geojson"))
        text = fr_route_to_geojson(route);
    else
        text = fr_route_to_text(route);
    fputs(text, stdout);
    g_free(text);
}

static void list_nodes(const fr_network *net)
{
    fr_node_info node;
    for (size_t i = 0; fr_network_node(net, i, &node); i++)
        printf("%-14s %-14s %s  %s\n", node.id, fr_node_kind_name(node.kind), node.country,
               node.name);
}

/* Loads the network and answers the query; returns the exit code. */
static int run(const options *o, fr_objective objective, fr_mode_set modes)
{
    GError *error = NULL;
    fr_network *net = cli_load_network(o->network, &error);
    if (!net) {
        int code = cli_fail_error(prog, error);
        g_error_free(error);
        return code;
    }
    int code = EXIT_OK;
    fr_query *query = build_query(o, objective, modes);
    fr_route *route = fr_network_route(net, query, &error);
    if (route)
        print_route(route, o->format);
    else
        code = cli_fail_error(prog, error);
    g_clear_error(&error);
    fr_route_free(route);
    fr_query_free(query);
    fr_network_free(net);
    return code;
}

/* --version, --export-network and --list-nodes: -1 when none was asked. */
static int run_side_action(const options *o)
{
    GError *error = NULL;
    int code = EXIT_OK;
    if (o->version) {
        printf("fr-route (freightroute) %s\n", fr_version());
    } else if (o->export_dir) {
        if (fr_network_export_default(o->export_dir, &error))
            printf("wrote the embedded network to %s\n", o->export_dir);
        else
            code = cli_fail_error(prog, error);
    } else if (o->list_nodes) {
        fr_network *net = cli_load_network(o->network, &error);
        if (net)
            list_nodes(net);
        else
            code = cli_fail_error(prog, error);
        fr_network_free(net);
    } else {
        return -1;
    }
    g_clear_error(&error);
    return code;
}

int main(int argc, char **argv)
{
    options o = {.quantity = 1};
    GOptionContext *ctx = option_context(&o);
    GError *error = NULL;
    int code;
    fr_objective objective = FR_OBJECTIVE_COST;
    fr_mode_set modes = FR_MODES_ALL;
    char *problem = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        code = cli_fail(prog, EXIT_USAGE, error->message);
        g_error_free(error);
    } else if (argc > 1) {
        problem = g_strdup_printf("unexpected argument '%s'", argv[1]);
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else if ((code = run_side_action(&o)) >= 0) {
        /* done */
    } else if ((problem = usage_problem(&o, &objective, &modes))) {
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else {
        code = run(&o, objective, modes);
    }
    g_free(problem);
    g_option_context_free(ctx);
    options_clear(&o);
    return code;
}
