/* fr_route.c - the fr-route command line (FORMAT.md §3): the optimal route
 * between two nodes (within bounds on time and cost, if given), or the
 * trade-offs: the Pareto front over two or three criteria, or the k best
 * routes that visit no node twice. Printed as readable text, JSON or
 * GeoJSON. Exit status: 0 route found, 1 invalid network or input, 2 bad
 * usage, 3 no route satisfies the query. */
#include "cli_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const char *prog = "fr-route";

typedef struct {
    char *network, *from, *to, *objective, *modes, *format, *export_dir;
    char *max_time, *max_cost, *pareto, *alternatives, *max_routes;
    double quantity, value_of_time, carbon_price;
    char **avoid, **avoid_country, **avoid_corridor;
    gboolean version, list_nodes, convex_hull, verbose;
} options;

/* What the options ask for, checked and parsed. */
typedef struct {
    fr_objective objective;
    fr_mode_set modes;
    double max_time, max_cost;              /* INFINITY: no bound */
    fr_criterion criteria[FR_CRITERION_COUNT];
    size_t n_criteria;                      /* 0: no --pareto */
    size_t alternatives;                    /* 0: no --alternatives */
    fr_pareto_options pareto;
} request;

static void options_clear(options *o)
{
    g_free(o->network);
    g_free(o->from);
    g_free(o->to);
    g_free(o->objective);
    g_free(o->modes);
    g_free(o->format);
    g_free(o->export_dir);
    g_free(o->max_time);
    g_free(o->max_cost);
    g_free(o->pareto);
    g_free(o->alternatives);
    g_free(o->max_routes);
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
        {"max-time", 0, 0, G_OPTION_ARG_STRING, &o->max_time,
         "Only routes taking at most H hours in all", "H"},
        {"max-cost", 0, 0, G_OPTION_ARG_STRING, &o->max_cost,
         "Only routes costing at most USD for the whole quantity", "USD"},
        {"pareto", 0, 0, G_OPTION_ARG_STRING, &o->pareto,
         "The Pareto front over two or three of cost, time, co2 (e.g. cost,time)", "LIST"},
        {"max-routes", 0, 0, G_OPTION_ARG_STRING, &o->max_routes,
         "With --pareto: only the first N routes by the first criterion", "N"},
        {"convex-hull", 0, 0, G_OPTION_ARG_NONE, &o->convex_hull,
         "With --pareto: only the supported routes (best for some weighting)", NULL},
        {"alternatives", 'k', 0, G_OPTION_ARG_STRING, &o->alternatives,
         "The K best routes by the objective that visit no node twice (1-1000)", "K"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o->format, "text, json or geojson (default: text)",
         "FORMAT"},
        {"verbose", 'v', 0, G_OPTION_ARG_NONE, &o->verbose,
         "With --pareto or --alternatives in text: each route's itinerary too", NULL},
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
             "--max-time and --max-cost bound the totals: the answer is the best route\n"
             "within them. --pareto lists every route no other beats in all the criteria,\n"
             "sorted by the first; --alternatives the K best routes by the objective\n"
             "that visit no node twice. Bounds and constraints apply to both.\n\n"
             "Exit status: 0 route found, 1 invalid network or input, 2 bad usage,\n"
             "3 no route satisfies the query.\n\n"
             "Examples:\n  fr-route --from CNCKG --to DEDUI --objective time --avoid-country BY\n"
             "  fr-route --from CNCKG --to DEDUI --pareto cost,time,co2 --format json\n"
             "  fr-route --from CNCKG --to DEDUI --alternatives 5 --max-time 720\n");
    g_option_context_add_main_entries(ctx, entries, NULL);
    return ctx;
}

/* A bound: a finite number, 0 or more; false otherwise. */
static bool parse_bound(const char *text, double *out)
{
    char *end = NULL;
    double value = g_ascii_strtod(text, &end);
    if (end == text || *end || !isfinite(value) || value < 0)
        return false;
    *out = value;
    return true;
}

static bool parse_count(const char *text, guint64 max, size_t *out)
{
    guint64 value;
    if (!g_ascii_string_to_unsigned(text, 10, 1, max, &value, NULL))
        return false;
    *out = (size_t)value;
    return true;
}

/* Checks the options of bounds and trade-offs; NULL when fine, else a message. */
static char *tradeoff_problem(const options *o, request *rq)
{
    GError *error = NULL;
    if (o->max_time && !parse_bound(o->max_time, &rq->max_time))
        return g_strdup_printf("--max-time must be a number of hours, 0 or more (got '%s')",
                               o->max_time);
    if (o->max_cost && !parse_bound(o->max_cost, &rq->max_cost))
        return g_strdup_printf("--max-cost must be a number of USD, 0 or more (got '%s')",
                               o->max_cost);
    if (o->pareto && o->alternatives)
        return g_strdup("--pareto and --alternatives cannot be combined");
    if (o->pareto && !fr_criteria_parse(o->pareto, rq->criteria, &rq->n_criteria, &error)) {
        char *message = g_strdup_printf("--pareto: %s", error->message);
        g_error_free(error);
        return message;
    }
    if (o->alternatives && !parse_count(o->alternatives, FR_MAX_ALTERNATIVES, &rq->alternatives))
        return g_strdup_printf("--alternatives must be a whole number from 1 to %d (got '%s')",
                               FR_MAX_ALTERNATIVES, o->alternatives);
    if ((o->max_routes || o->convex_hull) && !o->pareto)
        return g_strdup("--max-routes and --convex-hull go with --pareto");
    if (o->max_routes && !parse_count(o->max_routes, G_MAXUINT32, &rq->pareto.max_routes))
        return g_strdup_printf("--max-routes must be a whole number, 1 or more (got '%s')",
                               o->max_routes);
    rq->pareto.convex_hull = o->convex_hull;
    return NULL;
}

/* Checks what the options say on their own; NULL when fine, else a message. */
static char *usage_problem(const options *o, request *rq)
{
    GError *error = NULL;
    if (!o->from || !o->to)
        return g_strdup("both --from and --to are required");
    if (o->objective && !fr_objective_from_name(o->objective, &rq->objective))
        return g_strdup_printf("unknown objective '%s' (expected cost, time, co2, distance, "
                               "generalized)", o->objective);
    if (o->modes && !fr_mode_set_parse(o->modes, &rq->modes, &error)) {
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
    return tradeoff_problem(o, rq);
}

static fr_query *build_query(const options *o, const request *rq)
{
    fr_query *q = fr_query_new(o->from, o->to);
    fr_query_set_objective(q, rq->objective);
    fr_query_set_quantity(q, o->quantity);
    fr_query_set_value_of_time(q, o->value_of_time);
    fr_query_set_carbon_price(q, o->carbon_price);
    fr_query_set_modes(q, rq->modes);
    fr_query_set_max_time(q, rq->max_time);
    fr_query_set_max_cost(q, rq->max_cost);
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

static void print_list(const fr_route_list *list, const char *format, bool verbose)
{
    char *text;
    if (format && g_str_equal(format, "json"))
        text = fr_route_list_to_json(list);
    else if (format && g_str_equal(format, "geojson"))
        text = fr_route_list_to_geojson(list);
    else
        text = fr_route_list_to_text(list, verbose);
    fputs(text, stdout);
    g_free(text);
}

/* Answers the query as asked and prints the answer; returns the exit code. */
static int answer(const fr_network *net, const fr_query *query, const options *o,
                  const request *rq)
{
    GError *error = NULL;
    int code = EXIT_OK;
    if (rq->n_criteria || rq->alternatives) {
        fr_route_list *list =
            rq->n_criteria
                ? fr_network_pareto(net, query, rq->criteria, rq->n_criteria, &rq->pareto, &error)
                : fr_network_alternatives(net, query, rq->alternatives, &error);
        if (list)
            print_list(list, o->format, o->verbose);
        fr_route_list_free(list);
    } else {
        fr_route *route = fr_network_route(net, query, &error);
        if (route)
            print_route(route, o->format);
        fr_route_free(route);
    }
    if (error)
        code = cli_fail_error(prog, error);
    g_clear_error(&error);
    return code;
}

static void list_nodes(const fr_network *net)
{
    fr_node_info node;
    for (size_t i = 0; fr_network_node(net, i, &node); i++)
        printf("%-14s %-14s %s  %s\n", node.id, fr_node_kind_name(node.kind), node.country,
               node.name);
}

/* Loads the network and answers the query; returns the exit code. */
static int run(const options *o, const request *rq)
{
    GError *error = NULL;
    fr_network *net = cli_load_network(o->network, &error);
    if (!net) {
        int code = cli_fail_error(prog, error);
        g_error_free(error);
        return code;
    }
    fr_query *query = build_query(o, rq);
    int code = answer(net, query, o, rq);
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
    request rq = {.objective = FR_OBJECTIVE_COST, .modes = FR_MODES_ALL,
                  .max_time = INFINITY, .max_cost = INFINITY};
    char *problem = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        code = cli_fail(prog, EXIT_USAGE, error->message);
        g_error_free(error);
    } else if (argc > 1) {
        problem = g_strdup_printf("unexpected argument '%s'", argv[1]);
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else if ((code = run_side_action(&o)) >= 0) {
        /* done */
    } else if ((problem = usage_problem(&o, &rq))) {
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else {
        code = run(&o, &rq);
    }
    g_free(problem);
    g_option_context_free(ctx);
    options_clear(&o);
    return code;
}
