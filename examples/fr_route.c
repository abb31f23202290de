/* fr_route.c - the fr-route command line (FORMAT.md §3): the optimal route
 * between two nodes (within bounds on time and cost, if given), or the
 * trade-offs: the Pareto front over two or three criteria, or the k best
 * routes that visit no node twice. Printed as readable text, JSON or
 * GeoJSON. Dated (§5): --depart, --arrive-by or --on date the query;
 * --depart-window FIRST/LAST [--every H] routes one departure after another
 * and prints a row for each (text, CSV or JSON). Exit status: 0 route found
 * (with a window: the rows were printed), 1 invalid network or input, 2 bad
 * usage, 3 no route satisfies the query. */
#include "cli_common.h"
#include "dated_output.h"
#include "query_options.h"

#include <stdio.h>
#include <stdlib.h>

static const char *prog = "fr-route";

typedef struct {
    query_options query; /* --network, --objective .. --max-cost */
    date_options dates;  /* --depart, --arrive-by, --on, --depart-window, --every */
    char *from, *to, *format, *export_dir;
    char *pareto, *alternatives, *max_routes;
    gboolean version, list_nodes, list_scenarios, convex_hull, verbose;
} options;

/* What the options ask for, checked and parsed. */
typedef struct {
    query_choice query;
    fr_criterion criteria[FR_CRITERION_COUNT];
    size_t n_criteria;                      /* 0: no --pareto */
    size_t alternatives;                    /* 0: no --alternatives */
    fr_pareto_options pareto;
} request;

static void options_clear(options *o)
{
    query_options_clear(&o->query);
    date_options_clear(&o->dates);
    g_free(o->from);
    g_free(o->to);
    g_free(o->format);
    g_free(o->export_dir);
    g_free(o->pareto);
    g_free(o->alternatives);
    g_free(o->max_routes);
}

static GOptionContext *option_context(options *o)
{
    GOptionEntry entries[QUERY_OPTION_ENTRIES + DATE_OPTION_ENTRIES + 16];
    size_t n = 0;
    entries[n++] = query_options_network_entry(&o->query);
    entries[n++] = (GOptionEntry){"from", 'f', 0, G_OPTION_ARG_STRING, &o->from,
                                  "Origin node id", "ID"};
    entries[n++] = (GOptionEntry){"to", 't', 0, G_OPTION_ARG_STRING, &o->to,
                                  "Destination node id", "ID"};
    n += query_options_entries(&o->query, entries + n);
    entries[n++] = query_options_scenario_entry(&o->query);
    n += date_options_entries(&o->dates,
                              DATE_OPTION_DEPART | DATE_OPTION_ARRIVE_BY | DATE_OPTION_ON |
                                  DATE_OPTION_WINDOW,
                              entries + n);
    const GOptionEntry own[] = {
        {"pareto", 0, 0, G_OPTION_ARG_STRING, &o->pareto,
         "The Pareto front over two or three of cost, time, co2 (e.g. cost,time)", "LIST"},
        {"max-routes", 0, 0, G_OPTION_ARG_STRING, &o->max_routes,
         "With --pareto: only the first N routes by the first criterion", "N"},
        {"convex-hull", 0, 0, G_OPTION_ARG_NONE, &o->convex_hull,
         "With --pareto: only the supported routes (best for some weighting)", NULL},
        {"alternatives", 'k', 0, G_OPTION_ARG_STRING, &o->alternatives,
         "The K best routes by the objective that visit no node twice (1-1000)", "K"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o->format,
         "text, json or geojson (default: text); with --depart-window text, csv or json",
         "FORMAT"},
        {"verbose", 'v', 0, G_OPTION_ARG_NONE, &o->verbose,
         "With --pareto or --alternatives in text: each route's itinerary too", NULL},
        {"list-nodes", 0, 0, G_OPTION_ARG_NONE, &o->list_nodes,
         "List the network's nodes (id, kind, country, name) and exit", NULL},
        {"list-scenarios", 0, 0, G_OPTION_ARG_NONE, &o->list_scenarios,
         "List the embedded scenarios (name, description) and exit", NULL},
        {"export-network", 0, 0, G_OPTION_ARG_FILENAME, &o->export_dir,
         "Write the embedded network's CSV files (and its scenarios, in DIR/scenarios) "
         "into DIR and exit",
         "DIR"},
        {"version", 'V', 0, G_OPTION_ARG_NONE, &o->version, "Print the version and exit", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    for (size_t i = 0; i < G_N_ELEMENTS(own); i++)
        entries[n++] = own[i];
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
             "Dates (FORMAT.md section 5): --depart routes by the timetable, leaving then, and\n"
             "prints when each step starts and ends; --arrive-by bounds the arrival (with\n"
             "objective time and no --depart: the latest departure that arrives in time);\n"
             "--on routes an undated query on the network as it runs that day.\n"
             "--depart-window FIRST/LAST routes a departure every --every hours (default 24)\n"
             "and prints one row each: depart, arrive, days, USD, corridor family.\n"
             "Date-times are ISO 8601; without an offset, --depart and the window are in\n"
             "the origin's time zone, --arrive-by in the destination's.\n\n"
             "--scenario (FORMAT.md section 6) answers on the network changed by a scenario:\n"
             "a file of rules (a value naming an existing file or ending in .csv) or one of\n"
             "the embedded scenarios of the default network (--list-scenarios).\n\n"
             "Exit status: 0 route found, 1 invalid network or input, 2 bad usage,\n"
             "3 no route satisfies the query.\n\n"
             "Examples:\n  fr-route --from CNCKG --to DEDUI --objective time --avoid-country BY\n"
             "  fr-route --from CNCKG --to DEDUI --pareto cost,time,co2 --format json\n"
             "  fr-route --from CNCKG --to DEDUI --alternatives 5 --max-time 720\n"
             "  fr-route --from CNCKG --to DEDUI --depart 2019-07-02T08:00 --objective time\n"
             "  fr-route --from CNCKG --to DEDUI --depart-window 2019-07-01/2019-07-31 "
             "--format csv\n"
             "  fr-route --from CNCKG --to DEDUI --scenario rates-2021.csv\n");
    g_option_context_add_main_entries(ctx, entries, NULL);
    return ctx;
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
    char *problem = query_options_bounds_problem(&o->query, &rq->query);
    if (problem)
        return problem;
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

/* Checks the dated options and what goes with a window; NULL when fine. */
static char *dated_problem(const options *o)
{
    char *problem = date_options_problem(&o->dates);
    if (problem || !o->dates.window)
        return problem;
    if (o->pareto || o->alternatives)
        return g_strdup_printf("--depart-window and %s cannot be combined: a window prints one "
                               "route per departure",
                               o->pareto ? "--pareto" : "--alternatives");
    if (o->verbose)
        return g_strdup("--verbose goes with --pareto or --alternatives, not --depart-window");
    return NULL;
}

/* Checks what the options say on their own; NULL when fine, else a message. */
static char *usage_problem(const options *o, request *rq)
{
    if (!o->from || !o->to)
        return g_strdup("both --from and --to are required");
    char *problem = query_options_figures_problem(&o->query, &rq->query);
    if (problem)
        return problem;
    if (o->dates.window) {
        if (o->format && !g_str_equal(o->format, "text") && !g_str_equal(o->format, "csv") &&
            !g_str_equal(o->format, "json"))
            return g_strdup_printf("unknown format '%s' with --depart-window (expected text, "
                                   "csv, json)",
                                   o->format);
    } else if (o->format && !g_str_equal(o->format, "text") && !g_str_equal(o->format, "json") &&
               !g_str_equal(o->format, "geojson")) {
        return g_strdup_printf("unknown format '%s' (expected text, json, geojson%s)", o->format,
                               g_str_equal(o->format, "csv") ? "; csv goes with --depart-window"
                                                             : "");
    }
    if ((problem = dated_problem(o)))
        return problem;
    return tradeoff_problem(o, rq);
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

/* "Chongqing (CNCKG)", or the id alone when the network does not have it. */
static char *node_label(const fr_network *net, const char *id)
{
    fr_node_info node;
    long index = fr_network_find_node(net, id);
    if (index < 0 || !fr_network_node(net, (size_t)index, &node))
        return g_strdup(id);
    return g_strdup_printf("%s (%s)", node.name, node.id);
}

static void print_profile_text(const fr_network *net, const fr_profile *profile,
                               const fr_query *query, const date_choice *dc)
{
    char *from = node_label(net, fr_query_from(query)), *to = node_label(net, fr_query_to(query));
    GTimeZone *zone = dated_node_zone(net, fr_query_from(query));
    char *first = dated_format(dc->first, zone), *last = dated_format(dc->last, zone);
    printf("%s → %s: departures every %g h from %s to %s, best by %s, %g TEU\n\n", from, to,
           dc->every_h, first, last, fr_objective_name(fr_query_objective(query)),
           fr_query_quantity(query));
    profile_print_text(stdout, net, profile, false, "  ");
    g_free(from), g_free(to), g_free(first), g_free(last);
}

static void print_profile_json(const fr_network *net, const fr_profile *profile,
                               const fr_query *query)
{
    char *from = cli_json_quote(fr_query_from(query)), *to = cli_json_quote(fr_query_to(query));
    printf("{\"from\": %s, \"to\": %s, \"objective\": \"%s\", \"quantity_teu\": %.12g,\n "
           "\"departures\": ",
           from, to, fr_objective_name(fr_query_objective(query)), fr_query_quantity(query));
    profile_print_json(stdout, net, profile, false, "  ");
    printf("}\n");
    g_free(from), g_free(to);
}

/* --depart-window: one route per departure, printed as rows; the exit code. */
static int answer_profile(const fr_network *net, const fr_query *query, const options *o,
                          const date_choice *dc)
{
    GError *error = NULL;
    fr_profile *profile =
        fr_network_departure_profile(net, query, dc->first, dc->last, dc->every_h, &error);
    if (!profile) {
        int code = cli_fail_error(prog, error);
        g_error_free(error);
        return code;
    }
    if (o->format && g_str_equal(o->format, "csv")) {
        printf("depart,arrive,days,cost_usd,corridor\n");
        profile_print_csv(stdout, net, profile, false, "");
    } else if (o->format && g_str_equal(o->format, "json")) {
        print_profile_json(net, profile, query);
    } else {
        print_profile_text(net, profile, query, dc);
    }
    fr_profile_free(profile);
    return EXIT_OK;
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
    int code = EXIT_OK;
    fr_network *net = query_options_load_network(prog, &o->query, &code);
    if (!net)
        return code;
    date_choice dc;
    char *problem = NULL;
    if (!date_options_parse(&o->dates, net, o->from, o->to, &dc, &problem)) {
        code = cli_fail(prog, EXIT_USAGE, problem);
        g_free(problem);
        fr_network_free(net);
        return code;
    }
    fr_query *query = query_options_build(&o->query, &rq->query, o->from, o->to);
    date_choice_apply(&dc, query);
    code = dc.first ? answer_profile(net, query, o, &dc) : answer(net, query, o, rq);
    fr_query_free(query);
    date_choice_clear(&dc);
    fr_network_free(net);
    return code;
}

/* --version, --export-network, --list-scenarios and --list-nodes: -1 when
 * none was asked. */
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
    } else if (o->list_scenarios) {
        scenarios_print_list(stdout);
    } else if (o->list_nodes) {
        fr_network *net = query_options_load_network(prog, &o->query, &code);
        if (net)
            list_nodes(net);
        fr_network_free(net);
    } else {
        return -1;
    }
    g_clear_error(&error);
    return code;
}

int main(int argc, char **argv)
{
    options o = {0};
    request rq = {0};
    query_options_init(&o.query, &rq.query);
    GOptionContext *ctx = option_context(&o);
    GError *error = NULL;
    int code;
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
