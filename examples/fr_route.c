/* fr_route.c - the fr-route command line (FORMAT.md §3): the optimal route
 * between two nodes (within bounds on time and cost, if given), or the
 * trade-offs: the Pareto front over two or three criteria, or the k best
 * routes that visit no node twice. Printed as readable text, CSV (one row
 * per route), JSON or GeoJSON. Dated (§5): --depart, --arrive-by or --on
 * date the query; --depart-window FIRST/LAST [--every H] routes one
 * departure after another and prints a row for each (text, CSV or JSON).
 * The options and the exit status are the three programs' (cli_options.h,
 * CLI_EXIT_TABLE); 3: no route satisfies the query. */
#include "cli_common.h"
#include "cli_names.h"
#include "cli_options.h"
#include "dated_output.h"
#include "query_options.h"

#include <stdio.h>
#include <stdlib.h>

static const char *prog = "fr-route";

typedef struct {
    query_options query; /* --network, --objective .. --max-cost */
    date_options dates;  /* --depart, --arrive-by, --on, --depart-window, --every */
    cli_options cli;     /* --format, --output, --quiet, --list, --export-network, .. */
    char *from, *to;
    char *pareto, *alternatives, *max_routes;
    gboolean convex_hull, verbose;
} options;

/* What the options ask for, checked and parsed. */
typedef struct {
    query_choice query;
    fr_criterion criteria[FR_CRITERION_COUNT];
    size_t n_criteria;                      /* 0: no --pareto */
    size_t alternatives;                    /* 0: no --alternatives */
    fr_pareto_options pareto;
    cli_format format;
} request;

static void options_clear(options *o)
{
    query_options_clear(&o->query);
    date_options_clear(&o->dates);
    cli_options_clear(&o->cli);
    g_free(o->from);
    g_free(o->to);
    g_free(o->pareto);
    g_free(o->alternatives);
    g_free(o->max_routes);
}

static GOptionContext *option_context(options *o)
{
    GOptionEntry entries[QUERY_OPTION_ENTRIES + DATE_OPTION_ENTRIES + CLI_OPTION_ENTRIES + 16];
    size_t n = 0;
    entries[n++] = query_options_network_entry(&o->query);
    entries[n++] = (GOptionEntry){"from", 'f', 0, G_OPTION_ARG_STRING, &o->from,
                                  "Origin: a node id or name", "NODE"};
    entries[n++] = (GOptionEntry){"to", 't', 0, G_OPTION_ARG_STRING, &o->to,
                                  "Destination: a node id or name", "NODE"};
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
        {"verbose", 'v', 0, G_OPTION_ARG_NONE, &o->verbose,
         "With --pareto or --alternatives in text: each route's itinerary too", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    n += cli_options_entries(&o->cli, entries + n);
    for (size_t i = 0; i < G_N_ELEMENTS(own); i++)
        entries[n++] = own[i];
    GOptionContext *ctx = g_option_context_new("--from NODE --to NODE");
    g_option_context_set_summary(ctx, "Find the optimal multimodal freight route between two "
                                      "nodes of a network (FORMAT.md §2).");
    g_option_context_set_description(
        ctx, "Totals cover the whole --quantity. Ties are broken by time, then cost, then\n"
             "fewer steps. A node may be named by its id or its name (--list nodes).\n"
             "CSV: one row per route: from,to,objective,quantity_teu,cost_usd,time_h,co2_kg,\n"
             "distance_km,transfers,depart,arrive,links.\n\n"
             "--max-time and --max-cost bound the totals: the answer is the best route\n"
             "within them. --pareto lists every route no other beats in all the criteria,\n"
             "sorted by the first; --alternatives the K best routes by the objective\n"
             "that visit no node twice. Bounds and constraints apply to both.\n\n"
             "Dates (FORMAT.md §5): --depart routes by the timetable, leaving then, and\n"
             "prints when each step starts and ends; --arrive-by bounds the arrival (with\n"
             "objective time and no --depart: the latest departure that arrives in time);\n"
             "--on routes an undated query on the network as it runs that day.\n"
             "--depart-window FIRST/LAST routes a departure every --every hours (default 24)\n"
             "and prints one row each: depart, arrive, time_h, cost_usd, corridor family.\n"
             "Date-times are ISO 8601; without an offset, --depart and the window are in\n"
             "the origin's time zone, --arrive-by in the destination's.\n\n"
             "--scenario (FORMAT.md §6) answers on the network changed by a scenario:\n"
             "a file of rules (a value naming an existing file or ending in .csv) or one of\n"
             "the embedded scenarios of the default network (--list-scenarios).\n\n"
             CLI_EXIT_TABLE "\n"
             "Examples:\n  fr-route --from CNCKG --to DEDUI --objective time --avoid-country BY\n"
             "  fr-route --from Chongqing --to Duisburg --format csv\n"
             "  fr-route --list corridors\n"
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

/* An empty --from or --to, a --pareto list with an empty item, --verbose
 * where it would be ignored; NULL when fine. */
static char *shape_problem(const options *o, const request *rq)
{
    if (!o->from || !o->to)
        return g_strdup("both --from and --to are required");
    if (!*g_strstrip(o->from) || !*g_strstrip(o->to))
        return g_strdup_printf("%s is empty: it takes a node id or name", *o->from ? "--to"
                                                                                   : "--from");
    char *pareto[] = {o->pareto, NULL};
    char *problem = cli_list_problem("--pareto", pareto);
    if (problem)
        return problem;
    if (o->verbose && (rq->format != CLI_TEXT || (!o->pareto && !o->alternatives)))
        return g_strdup("--verbose adds itineraries to the text of --pareto or --alternatives; "
                        "here it would be ignored");
    return NULL;
}

/* Checks what the options say on their own; NULL when fine, else a message. */
static char *usage_problem(const options *o, request *rq)
{
    unsigned formats = CLI_FORMAT_BIT(CLI_TEXT) | CLI_FORMAT_BIT(CLI_CSV) |
                       CLI_FORMAT_BIT(CLI_JSON);
    if (!o->dates.window)
        formats |= CLI_FORMAT_BIT(CLI_GEOJSON);
    char *problem = cli_options_problem(&o->cli, formats);
    if (problem)
        return problem;
    rq->format = cli_options_format(&o->cli);
    if ((problem = shape_problem(o, rq)))
        return problem;
    if ((problem = query_options_figures_problem(&o->query, &rq->query)))
        return problem;
    if ((problem = dated_problem(o)))
        return problem;
    return tradeoff_problem(o, rq);
}

static void print_route(FILE *out, const fr_route *route, const request *rq)
{
    if (rq->format == CLI_CSV) {
        cli_route_csv_header(out);
        cli_route_csv_row(out, route, rq->query.objective);
        return;
    }
    char *text = rq->format == CLI_JSON      ? fr_route_to_json(route)
                 : rq->format == CLI_GEOJSON ? fr_route_to_geojson(route)
                                             : fr_route_to_text(route);
    fputs(text, out);
    g_free(text);
}

static void print_list(FILE *out, const fr_route_list *list, const request *rq, bool verbose)
{
    if (rq->format == CLI_CSV) {
        cli_route_csv_header(out);
        for (size_t i = 0; i < fr_route_list_count(list); i++)
            cli_route_csv_row(out, fr_route_list_get(list, i), rq->query.objective);
        return;
    }
    char *text = rq->format == CLI_JSON      ? fr_route_list_to_json(list)
                 : rq->format == CLI_GEOJSON ? fr_route_list_to_geojson(list)
                                             : fr_route_list_to_text(list, verbose);
    fputs(text, out);
    g_free(text);
}

/* Answers the query as asked and prints the answer; returns the exit code. */
static int answer(FILE *out, const fr_network *net, const fr_query *query, const options *o,
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
            print_list(out, list, rq, o->verbose);
        fr_route_list_free(list);
    } else {
        fr_route *route = fr_network_route(net, query, &error);
        if (route)
            print_route(out, route, rq);
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

static void print_profile_text(FILE *out, const fr_network *net, const fr_profile *profile,
                               const fr_query *query, const date_choice *dc)
{
    char *from = node_label(net, fr_query_from(query)), *to = node_label(net, fr_query_to(query));
    GTimeZone *zone = dated_node_zone(net, fr_query_from(query));
    char *first = dated_format(dc->first, zone), *last = dated_format(dc->last, zone);
    fprintf(out, "%s → %s: departures every %g h from %s to %s, best by %s, %g TEU\n\n", from,
            to, dc->every_h, first, last, fr_objective_name(fr_query_objective(query)),
            fr_query_quantity(query));
    profile_print_text(out, net, profile, false, "  ");
    g_free(from), g_free(to), g_free(first), g_free(last);
}

static void print_profile_json(FILE *out, const fr_network *net, const fr_profile *profile,
                               const fr_query *query)
{
    char *from = cli_json_quote(fr_query_from(query)), *to = cli_json_quote(fr_query_to(query));
    fprintf(out,
            "{\"from\": %s, \"to\": %s, \"objective\": \"%s\", \"quantity_teu\": %.12g,\n "
            "\"departures\": ",
            from, to, fr_objective_name(fr_query_objective(query)), fr_query_quantity(query));
    profile_print_json(out, net, profile, false, "  ");
    fprintf(out, "}\n");
    g_free(from), g_free(to);
}

/* --depart-window: one route per departure, printed as rows; the exit code. */
static int answer_profile(FILE *out, const fr_network *net, const fr_query *query,
                          const request *rq, const date_choice *dc)
{
    GError *error = NULL;
    fr_profile *profile =
        fr_network_departure_profile(net, query, dc->first, dc->last, dc->every_h, &error);
    if (!profile) {
        int code = cli_fail_error(prog, error);
        g_error_free(error);
        return code;
    }
    if (rq->format == CLI_CSV) {
        fprintf(out, "depart,arrive,time_h,cost_usd,corridor\n");
        profile_print_csv(out, net, profile, false, "");
    } else if (rq->format == CLI_JSON) {
        print_profile_json(out, net, profile, query);
    } else {
        print_profile_text(out, net, profile, query, dc);
    }
    fr_profile_free(profile);
    return EXIT_OK;
}

/* The dated options parsed, the query built between the resolved nodes,
 * and the answer written to --output; returns the exit code. */
static int answer_for(const fr_network *net, options *o, const request *rq, const char *from,
                      const char *to)
{
    date_choice dc;
    char *problem = NULL;
    if (!date_options_parse(&o->dates, net, from, to, &dc, &problem)) {
        int code = cli_fail(prog, EXIT_USAGE, problem);
        g_free(problem);
        return code;
    }
    int code = EXIT_OK;
    FILE *out = cli_output_open(prog, o->cli.output, &code);
    if (out) {
        fr_query *query = query_options_build(&o->query, &rq->query, from, to);
        date_choice_apply(&dc, query);
        code = dc.first ? answer_profile(out, net, query, rq, &dc)
                        : answer(out, net, query, o, rq);
        int closed = cli_output_close(prog, o->cli.output, out);
        code = code == EXIT_OK ? closed : code;
        fr_query_free(query);
    }
    date_choice_clear(&dc);
    return code;
}

/* Loads the network, resolves --from and --to and answers; the exit code. */
static int run(options *o, const request *rq)
{
    int code = EXIT_OK;
    fr_network *net = query_options_load_network(prog, &o->query, &code);
    if (!net)
        return code;
    GError *error = NULL;
    char *from = cli_resolve_node(net, "--from", o->from, &error);
    char *to = from ? cli_resolve_node(net, "--to", o->to, &error) : NULL;
    if (error) {
        code = cli_fail_error(prog, error);
        g_error_free(error);
    } else {
        code = answer_for(net, o, rq, from, to);
    }
    g_free(from), g_free(to);
    fr_network_free(net);
    return code;
}

/* An option a side action (--list, --export-network, --version) would
 * ignore, or NULL. */
static const char *ignored_by_side_action(const options *o)
{
    const char *own = o->from ? "--from" : o->to ? "--to" : o->pareto ? "--pareto" : o->alternatives ? "--alternatives" : NULL;
    const char *query = own ? own : query_options_first_given(&o->query);
    return query ? query : date_options_first_given(&o->dates);
}

int main(int argc, char **argv)
{
    cli_init_locale();
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
    } else if ((problem = cli_options_problem(&o.cli, ~0u))) {
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else if (o.query.quiet = o.cli.quiet, cli_options_side_action(&o.cli)) {
        code = cli_options_run_side_action(prog, &o.cli, &o.query, ignored_by_side_action(&o));
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
