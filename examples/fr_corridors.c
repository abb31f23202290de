/* fr_corridors.c - the corridor comparison planners run: for each
 * destination, the best route of every corridor family (Yuxinou rail,
 * Yangtze + sea, southbound rail + sea, air, road, ...) with its days, USD
 * and kg CO2e and transfers, and which of the rows is cheapest, fastest and
 * greenest (and the fastest and greenest routes overall when no row is).
 * The options, formats and exit status are the three programs'
 * (cli_options.h, query_options.h); its own: --to LIST, --chart, --critical
 * and --scenario A,B (compared side by side). This file: the options and
 * their checks; corridors_run.c runs them, corridors_output.c prints. */
#include "cli_common.h"
#include "cli_names.h"
#include "cli_options.h"
#include "corridors_run.h"
#include "query_options.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *prog = "fr-corridors";
static const char *default_destinations = "DEDUI,NLRTM,DEHAM,SGSIN,VNHAN,CNSHA";

typedef struct {
    query_options query; /* --network, --objective .. --max-cost, --scenario A,B */
    date_options dates;  /* --depart, --arrive-by, --on, --depart-window, --every */
    cli_options cli;     /* --format, --output, --quiet, --list, --export-network, .. */
    char *from, **to, *chart;
    gboolean critical;
} options;

static GOptionContext *option_context(options *o)
{
    GOptionEntry entries[QUERY_OPTION_ENTRIES + DATE_OPTION_ENTRIES + CLI_OPTION_ENTRIES + 8];
    size_t n = 0;
    entries[n++] = query_options_network_entry(&o->query);
    entries[n++] = (GOptionEntry){"from", 'f', 0, G_OPTION_ARG_STRING, &o->from,
                                  "Origin: a node id or name (default CNCKG)", "NODE"};
    entries[n++] = (GOptionEntry){"to", 't', 0, G_OPTION_ARG_STRING_ARRAY, &o->to,
                                  "Destinations: ids or names, or @FILE (default "
                                  "DEDUI,NLRTM,DEHAM,SGSIN,VNHAN,CNSHA)",
                                  "NODE,.."};
    n += query_options_entries(&o->query, entries + n);
    entries[n++] = scenario_option_entry(&o->query.scenario, true);
    n += date_options_entries(&o->dates,
                              DATE_OPTION_DEPART | DATE_OPTION_ARRIVE_BY | DATE_OPTION_ON |
                                  DATE_OPTION_WINDOW,
                              entries + n);
    n += cli_options_entries(&o->cli, entries + n);
    entries[n++] = (GOptionEntry){"chart", 0, 0, G_OPTION_ARG_FILENAME, &o->chart,
                                  "Also draw days against USD per TEU (with --depart-window: "
                                  "transit days against the departure date) to FILE.svg or "
                                  "FILE.png",
                                  "FILE"};
    entries[n++] = (GOptionEntry){"critical", 0, 0, G_OPTION_ARG_NONE, &o->critical,
                                  "Rank the links and nodes of each destination's best route by "
                                  "what closing each costs, and the family that takes over",
                                  NULL};
    entries[n] = (GOptionEntry){NULL, 0, 0, 0, NULL, NULL, NULL};
    GOptionContext *ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx, "Compare the freight corridors from one origin to several "
                                      "destinations (FORMAT.md §2): the best route of each "
                                      "corridor family.");
    g_option_context_set_description(
        ctx, "A family's route is the best by --objective (default cost) among the routes of\n"
             "that family; --value-of-time and --carbon-price price --objective generalized,\n"
             "as in fr-route. The marks $ (cheapest), F (fastest) and G (greenest) are of\n"
             "the rows shown; when fr-route --objective time (co2) finds a faster (greener)\n"
             "route than every row, it is printed below the rows. Figures are for the whole\n"
             "--quantity; CSV and JSON name them as fr-route does (cost_usd, time_h, ...).\n\n"
             "Dates (FORMAT.md §5): --depart runs each family's query leaving the origin\n"
             "then; --arrive-by makes each arrive by then (in each destination's time zone;\n"
             "with objective time and no --depart: the latest departure that does);\n"
             "--depart-window FIRST/LAST runs it for a departure every --every hours\n"
             "(default 24), one row per departure and family; --on compares on a date.\n\n"
             "Scenarios (FORMAT.md §6): --scenario A,B compares each family on the network\n"
             "and on the network each scenario makes, side by side (--list scenarios).\n\n"
             "--critical closes each link and node of every destination's best route in\n"
             "turn and routes again, ranking them by what closing each costs.\n\n"
             CLI_EXIT_TABLE "\n"
             "Examples:\n"
             "  fr-corridors --to DEDUI --quantity 40 --format csv\n"
             "  fr-corridors --from Chongqing --to Duisburg,Singapore --modes rail,sea,road\n"
             "  fr-corridors --to DEDUI --depart-window 2019-07-01/2019-07-31 --chart days.svg\n"
             "  fr-corridors --to DEDUI,SGSIN --scenario rates-2021.csv --chart change.svg\n"
             "  fr-corridors --to DEDUI,SGSIN --critical --objective time\n");
    g_option_context_add_main_entries(ctx, entries, NULL);
    return ctx;
}

/* --from, --to, --chart and --scenario on their own; NULL when fine. */
static char *own_problem(const options *o)
{
    if (o->from && !*g_strstrip(o->from))
        return g_strdup("--from is empty: it takes a node id or name");
    char *problem = cli_list_problem("--to", o->to);
    if (problem)
        return problem;
    char *scenarios[] = {o->query.scenario, NULL};
    if (o->query.scenario && (problem = cli_list_problem("--scenario", scenarios)))
        return problem;
    if (o->chart && !g_str_has_suffix(o->chart, ".svg") && !g_str_has_suffix(o->chart, ".png"))
        return g_strdup("--chart needs a file name ending in .svg or .png");
    return NULL;
}

/* Options that cannot go together; NULL when fine. */
static char *combination_problem(const options *o, cli_format format)
{
    const char *dated = o->dates.depart      ? "--depart"
                        : o->dates.arrive_by ? "--arrive-by"
                        : o->dates.window    ? "--depart-window"
                                             : NULL;
    if (o->critical && dated)
        return g_strdup_printf("--critical and %s cannot be combined: it compares undated "
                               "routes (--on can date them)",
                               dated);
    if (o->critical && (o->query.scenario || o->chart))
        return g_strdup_printf("--critical and %s cannot be combined",
                               o->query.scenario ? "--scenario" : "--chart");
    if (o->query.scenario && dated)
        return g_strdup_printf("--scenario and %s cannot be combined (--on can)", dated);
    if (format == CLI_GEOJSON && (o->critical || o->query.scenario || o->dates.window))
        return g_strdup_printf("--format geojson draws the routes of a comparison; with %s "
                               "there are none to draw",
                               o->critical ? "--critical" : o->query.scenario ? "--scenario"
                                                                              : "--depart-window");
    return NULL;
}

static char *usage_problem(options *o, query_choice *qc, cli_format *format)
{
    unsigned formats = CLI_FORMAT_BIT(CLI_TEXT) | CLI_FORMAT_BIT(CLI_CSV) |
                       CLI_FORMAT_BIT(CLI_JSON) | CLI_FORMAT_BIT(CLI_GEOJSON);
    char *problem = cli_options_problem(&o->cli, formats);
    if (!problem)
        problem = own_problem(o);
    if (!problem)
        problem = query_options_figures_problem(&o->query, qc);
    if (!problem)
        problem = query_options_bounds_problem(&o->query, qc);
    *format = cli_options_format(&o->cli);
    if (!problem)
        problem = combination_problem(o, *format);
    if (!problem)
        problem = date_options_problem(&o->dates);
    return problem;
}

/* The origin and destinations resolved (names, @FILE); false after the error. */
static bool resolve_places(const options *o, const fr_network *net, corridors_request *rq,
                           int *code)
{
    GError *error = NULL;
    char *tos[] = {(char *)default_destinations, NULL};
    GPtrArray *to = cli_read_list("--to", o->to ? o->to : tos, &error);
    char *from = NULL;
    if (to && cli_resolve_nodes(net, "--to", to, &error))
        from = cli_resolve_node(net, "--from", o->from ? o->from : "CNCKG", &error);
    if (to && !error && to->len == 0)
        g_set_error(&error, FR_ERROR, FR_ERROR_QUERY, "--to names no destination");
    if (error) {
        *code = cli_fail_error(prog, error);
        g_error_free(error);
        g_free(from);
        if (to)
            g_ptr_array_unref(to);
        return false;
    }
    g_ptr_array_add(to, NULL);
    rq->from = from;
    rq->destinations = (char **)g_ptr_array_free(to, FALSE);
    return true;
}

/* The settings every family's query starts from, on the date asked for. */
static fr_query *settings_for(const options *o, const query_choice *qc, const date_choice *dc)
{
    fr_query *settings = query_options_build(&o->query, qc, NULL, NULL);
    GDateTime *date = dc->depart      ? dc->depart
                      : dc->first     ? dc->first
                      : dc->arrive_by ? dc->arrive_by
                                      : dc->on;
    if (date)
        fr_query_set_date(settings, date);
    return settings;
}

/* Runs what the options ask for on the resolved places; the exit code. */
static int run_request(const options *o, corridors_request *rq, cli_format format)
{
    int code = EXIT_OK;
    FILE *out = cli_output_open(prog, o->cli.output, &code);
    if (!out)
        return code;
    if (o->query.scenario) {
        code = corridors_run_scenarios(rq, out, format);
    } else if (o->critical) {
        code = corridors_run_critical(rq, out, format);
    } else {
        corridor_printer p = {.out = out, .net = rq->net, .format = format, .by = rq->by,
                              .quantity = o->query.quantity, .depart = rq->dates.depart,
                              .dated = rq->dates.depart || rq->dates.arrive_by,
                              .first = rq->dates.first, .last = rq->dates.last,
                              .every_h = rq->dates.every_h};
        code = corridors_run_compare(rq, &p);
    }
    int closed = cli_output_close(prog, o->cli.output, out);
    return code == EXIT_OK ? closed : code;
}

/* Loads the network, resolves the places and dates, runs; the exit code. */
static int run(options *o, const query_choice *qc, cli_format format)
{
    int code = EXIT_OK;
    fr_network *net = query_options_load_network(prog, &o->query, &code);
    if (!net)
        return code;
    corridors_request rq = {.prog = prog, .net = net, .modes = qc->modes, .chart = o->chart,
                            .date_texts = &o->dates,
                            .scenarios = o->query.scenario, .quiet = o->query.quiet};
    char *problem = NULL;
    if (resolve_places(o, net, &rq, &code) &&
        !date_options_parse(&o->dates, net, rq.from, NULL, &rq.dates, &problem))
        code = cli_fail(prog, EXIT_USAGE, problem);
    if (rq.destinations && !problem) {
        fr_query *settings = settings_for(o, qc, &rq.dates);
        char *by = g_strdup(fr_objective_name(qc->objective));
        rq.settings = settings, rq.by = by;
        code = run_request(o, &rq, format);
        fr_query_free(settings);
        g_free(by);
        date_choice_clear(&rq.dates);
    }
    g_free(problem);
    g_free((char *)rq.from);
    g_strfreev(rq.destinations);
    fr_network_free(net);
    return code;
}

/* An option a side action (--list, --export-network, --version) would
 * ignore, or NULL. */
static const char *ignored_by_side_action(const options *o)
{
    const char *own = o->from ? "--from" : o->to ? "--to" : o->chart ? "--chart" : o->critical ? "--critical" : NULL;
    const char *query = own ? own : query_options_first_given(&o->query);
    return query ? query : date_options_first_given(&o->dates);
}

int main(int argc, char **argv)
{
    cli_init_locale();
    options o = {0};
    query_choice qc;
    query_options_init(&o.query, &qc);
    o.query.scenario_compared = true;
    GOptionContext *ctx = option_context(&o);
    GError *error = NULL;
    cli_format format = CLI_TEXT;
    char *problem = NULL;
    int code;
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        code = cli_fail(prog, EXIT_USAGE, error->message);
    } else if (argc > 1) {
        problem = g_strdup_printf("unexpected argument '%s'", argv[1]);
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else if ((problem = cli_options_problem(&o.cli, ~0u))) {
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else if (o.query.quiet = o.cli.quiet, cli_options_side_action(&o.cli)) {
        o.query.scenario_compared = false; /* --export-network: the scenario applied */
        code = cli_options_run_side_action(prog, &o.cli, &o.query, ignored_by_side_action(&o));
    } else if ((problem = usage_problem(&o, &qc, &format))) {
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else {
        code = run(&o, &qc, format);
    }
    g_clear_error(&error);
    g_free(problem);
    g_option_context_free(ctx);
    query_options_clear(&o.query);
    date_options_clear(&o.dates);
    cli_options_clear(&o.cli);
    g_free(o.from), g_strfreev(o.to), g_free(o.chart);
    return code;
}
