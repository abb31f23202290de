/* fr_corridors.c - the corridor comparison planners run: for each
 * destination, the best route of every corridor family (Yuxinou rail,
 * Yangtze + sea, southbound rail + sea, air, road, ...) with its days, USD
 * and kg CO2e per TEU and transfers, and which is cheapest, fastest and
 * greenest overall. Text, CSV or JSON; --chart draws days against USD.
 * Dated (FORMAT.md §5): --depart runs each family's query departing then
 * (depart and arrive columns); --depart-window FIRST/LAST [--every H] runs
 * it for every departure of the window (rows per family; --chart draws
 * transit days against the departure date); --on compares on a date. */
#include "chart.h"
#include "cli_common.h"
#include "corridors.h"
#include "critical_output.h"
#include "dated_output.h"
#include "query_options.h"
#include "scenario_output.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *prog = "fr-corridors";
static const char *default_destinations = "DEDUI,NLRTM,DEHAM,SGSIN,VNHAN,CNSHA";

typedef struct {
    char *network, *from, *to, *format, *chart, *objective, *scenario;
    double quantity, value_of_time;
    gboolean list_scenarios, critical;
    date_options dates; /* --depart, --on, --depart-window, --every */
} options;

/* What the comparison is for: the dated options parsed against the network. */
typedef struct {
    const char *from;
    date_choice dates;
} dating;

static GOptionContext *option_context(options *o)
{
    GOptionEntry own[] = {
        {"network", 'n', 0, G_OPTION_ARG_FILENAME, &o->network,
         "Network directory (default: the embedded Chongqing network)", "DIR"},
        {"from", 'f', 0, G_OPTION_ARG_STRING, &o->from, "Origin node id (default CNCKG)", "ID"},
        {"to", 't', 0, G_OPTION_ARG_STRING, &o->to,
         "Destinations (default DEDUI,NLRTM,DEHAM,SGSIN,VNHAN,CNSHA)", "LIST"},
        {"quantity", 'q', 0, G_OPTION_ARG_DOUBLE, &o->quantity, "Shipment size in TEU (default 1)",
         "TEU"},
        {"value-of-time", 0, 0, G_OPTION_ARG_DOUBLE, &o->value_of_time,
         "USD per TEU-hour: pick each family's route by cost + value of time x hours", "USD"},
        {"objective", 'o', 0, G_OPTION_ARG_STRING, &o->objective,
         "Pick each family's route by cost, time, co2, distance or generalized", "NAME"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o->format, "text, csv or json (default: text)",
         "FORMAT"},
        {"chart", 0, 0, G_OPTION_ARG_FILENAME, &o->chart,
         "Also draw days against USD per TEU (with --depart-window: transit days against "
         "the departure date) to FILE.svg or FILE.png",
         "FILE"}};
    GOptionEntry entries[G_N_ELEMENTS(own) + DATE_OPTION_ENTRIES + 4];
    size_t n = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(own); i++)
        entries[n++] = own[i];
    n += date_options_entries(&o->dates, DATE_OPTION_DEPART | DATE_OPTION_ON | DATE_OPTION_WINDOW,
                              entries + n);
    entries[n++] = scenario_option_entry(&o->scenario, true);
    entries[n++] = list_scenarios_entry(&o->list_scenarios);
    entries[n++] = (GOptionEntry){"critical", 0, 0, G_OPTION_ARG_NONE, &o->critical,
                                  "Rank the links and nodes of each destination's best route by "
                                  "what closing each costs, and the family that takes over",
                                  NULL};
    entries[n] = (GOptionEntry){NULL, 0, 0, 0, NULL, NULL, NULL};
    GOptionContext *ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx, "Compare the freight corridors from one origin to several "
                                      "destinations: the best route of each corridor family.");
    g_option_context_set_description(
        ctx, "Dates (FORMAT.md section 5): a family's route is found by one query (its modes, the\n"
             "corridor or countries it avoids, an objective); --depart runs that query\n"
             "leaving the origin then (the origin's time zone unless an offset is given)\n"
             "and prints when each family's route arrives. --depart-window FIRST/LAST runs\n"
             "it for a departure every --every hours (default 24) and prints one row per\n"
             "departure and family; with --chart it draws transit days against the\n"
             "departure date. --on compares the network as it runs on that date.\n\n"
             "Scenarios (FORMAT.md section 6): --scenario A,B compares each family on the\n"
             "network and on the network each scenario makes (a file of rules, or an\n"
             "embedded name: --list-scenarios), side by side with the change (scenario -\n"
             "base); a family a scenario leaves without a route shows \"no route\". With\n"
             "--chart an arrow joins each family's base point to its scenario point.\n\n"
             "--critical closes each link and each node of every destination's best route\n"
             "(by the objective) in turn and routes again: the items ranked, those without\n"
             "an alternative first, then by added days and USD per TEU, with the family that\n"
             "takes over and whether the item is a single point of the physical network.\n\n"
             "Examples:\n"
             "  fr-corridors --to DEDUI --depart 2019-07-02T08:00\n"
             "  fr-corridors --to DEDUI --depart-window 2019-07-01/2019-07-31 --chart days.svg\n"
             "  fr-corridors --to DEDUI,SGSIN --scenario rates-2021.csv --chart change.svg\n"
             "  fr-corridors --to DEDUI,SGSIN --critical --objective time\n\n"
             "Exit status: 0 done, 1 invalid network or input, 2 bad usage, 3 (--critical)\n"
             "a destination has no route at all.\n");
    g_option_context_add_main_entries(ctx, entries, NULL);
    return ctx;
}

static double per_teu(double total, const fr_route *r) { return total / fr_route_quantity(r); }

/* "Alashankou | Dostyk, Brest | Małaszewicze": where the route changes mode or dwells. */
static char *route_via(const fr_network *net, const fr_route *r)
{
    GString *via = g_string_new(NULL);
    for (size_t i = 0; i < fr_route_step_count(r); i++) {
        const fr_step *s = fr_route_step(r, i);
        if (s->type == FR_STEP_LINK)
            continue;
        fr_node_info node;
        fr_network_node(net, (size_t)fr_network_find_node(net, s->from_node), &node);
        g_string_append_printf(via, "%s%s", via->len ? ", " : "", node.name);
    }
    return g_string_free(via, FALSE);
}

static const char *marks(const corridor_comparison *c, int i, char *buf, size_t size)
{
    g_snprintf(buf, size, "%s%s%s", i == c->cheapest ? "$" : "", i == c->fastest ? "F" : "",
               i == c->greenest ? "G" : "");
    return buf;
}

/* A dated route's departure and arrival, each in its node's zone (g_free);
 * NULL when the route is not dated. */
static char *route_depart(const fr_network *net, const fr_route *r)
{
    GDateTime *when = fr_route_departure(r);
    return when ? dated_format(when, dated_node_zone(net, fr_route_from(r))) : NULL;
}

static char *route_arrive(const fr_network *net, const fr_route *r)
{
    GDateTime *when = fr_route_arrival(r);
    return when ? dated_format(when, dated_node_zone(net, fr_route_to(r))) : NULL;
}

/* The departure a dated comparison is for, in the origin's zone (g_free). */
static char *comparison_depart(const fr_network *net, const corridor_comparison *c,
                               const dating *d)
{
    return dated_format(d->dates.depart, dated_node_zone(net, c->from));
}

static void print_text(const fr_network *net, const corridor_comparison *c, const char *by,
                       const dating *d)
{
    fr_node_info from, to;
    bool dated = d->dates.depart != NULL;
    fr_network_node(net, (size_t)fr_network_find_node(net, c->from), &from);
    fr_network_node(net, (size_t)fr_network_find_node(net, c->to), &to);
    char *depart = dated ? comparison_depart(net, c, d) : NULL;
    printf("%s (%s) → %s (%s): best route per corridor family%s%s, by %s\n", from.name, from.id,
           to.name, to.id, dated ? " departing " : "", dated ? depart : "", by);
    g_free(depart);
    if (c->options->len == 0) {
        printf("  no route\n\n");
        return;
    }
    printf("  %-28s ", "corridor family");
    if (dated)
        printf("%-25s  %-25s ", "depart", "arrive");
    printf("%7s %9s %11s %9s %4s  %s\n", "days", "USD/TEU", "kg CO2e/TEU", "transfers", "best",
           "via");
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        char buf[8], *via = route_via(net, o->route);
        printf("  %-28s ", o->name);
        if (dated) {
            char *from_at = route_depart(net, o->route), *to_at = route_arrive(net, o->route);
            printf("%-25s  %-25s ", from_at ? from_at : "", to_at ? to_at : "");
            g_free(from_at), g_free(to_at);
        }
        printf("%7.1f %9.0f %11.0f %9zu %4s  %s\n", fr_route_total_time_h(o->route) / 24,
               per_teu(fr_route_total_cost_usd(o->route), o->route),
               per_teu(fr_route_total_co2_kg(o->route), o->route),
               fr_route_transfer_count(o->route), marks(c, (int)i, buf, sizeof buf), via);
        g_free(via);
    }
    if (c->no_route->len) {
        printf("  no route departing then:");
        for (guint i = 0; i < c->no_route->len; i++)
            printf("%s %s", i ? "," : "", (char *)g_ptr_array_index(c->no_route, i));
        printf("\n");
    }
    const char *names[3];
    int idx[3] = {c->cheapest, c->fastest, c->greenest};
    for (int k = 0; k < 3; k++)
        names[k] = ((corridor_option *)g_ptr_array_index(c->options, idx[k]))->name;
    printf("  cheapest ($): %s; fastest (F): %s; greenest (G): %s\n\n", names[0], names[1],
           names[2]);
}

static void csv_cell(const char *text, bool last)
{
    bool quote = strpbrk(text, ",\"\n") != NULL;
    if (quote) {
        putchar('"');
        for (const char *p = text; *p; p++)
            fputs(*p == '"' ? "\"\"" : (char[]){*p, 0}, stdout);
        putchar('"');
    } else {
        fputs(text, stdout);
    }
    putchar(last ? '\n' : ',');
}

static void print_csv(const fr_network *net, const corridor_comparison *c, const dating *d)
{
    bool dated = d->dates.depart != NULL;
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        char *via = route_via(net, o->route);
        char *from_at = dated ? route_depart(net, o->route) : NULL;
        char *to_at = dated ? route_arrive(net, o->route) : NULL;
        char *figures = g_strdup_printf(
            "%.2f,%.0f,%.1f,%zu,%d,%d,%d", fr_route_total_time_h(o->route) / 24,
            per_teu(fr_route_total_cost_usd(o->route), o->route),
            per_teu(fr_route_total_co2_kg(o->route), o->route),
            fr_route_transfer_count(o->route), (int)i == c->cheapest, (int)i == c->fastest,
            (int)i == c->greenest);
        csv_cell(c->from, false);
        csv_cell(c->to, false);
        csv_cell(o->name, false);
        if (dated) {
            csv_cell(from_at ? from_at : "", false);
            csv_cell(to_at ? to_at : "", false);
        }
        fputs(figures, stdout);
        putchar(',');
        csv_cell(via, true);
        g_free(figures);
        g_free(via);
        g_free(from_at);
        g_free(to_at);
    }
    char *depart = dated && c->no_route->len ? comparison_depart(net, c, d) : NULL;
    for (guint i = 0; i < c->no_route->len; i++) {
        csv_cell(c->from, false);
        csv_cell(c->to, false);
        csv_cell(g_ptr_array_index(c->no_route, i), false);
        csv_cell(depart, false);
        fputs(",,,,,,,,", stdout);
        csv_cell("", true);
    }
    g_free(depart);
}

/* A JSON string member "key": "value", followed by ", ", for the date-times
 * of dated comparisons; nothing when value is NULL. */
static void json_when(const char *key, char *value)
{
    if (!value)
        return;
    char *quoted = cli_json_quote(value);
    printf("\"%s\": %s, ", key, quoted);
    g_free(quoted);
    g_free(value);
}

static void print_json(const fr_network *net, const corridor_comparison *c, bool first,
                       const dating *d)
{
    bool dated = d->dates.depart != NULL;
    char *from = cli_json_quote(c->from), *to = cli_json_quote(c->to);
    printf("%s\n  {\"from\": %s, \"to\": %s, ", first ? "" : ",", from, to);
    g_free(from), g_free(to);
    if (dated) {
        json_when("depart", comparison_depart(net, c, d));
        printf("\"no_route\": [");
        for (guint i = 0; i < c->no_route->len; i++) {
            char *name = cli_json_quote(g_ptr_array_index(c->no_route, i));
            printf("%s%s", i ? ", " : "", name);
            g_free(name);
        }
        printf("], ");
    }
    printf("\"options\": [");
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        char *route = fr_route_to_json(o->route), *family = cli_json_quote(o->name);
        g_strchomp(route);
        printf("%s\n    {\"family\": %s, ", i ? "," : "", family);
        if (dated) {
            json_when("depart", route_depart(net, o->route));
            json_when("arrive", route_arrive(net, o->route));
        }
        printf("\"days\": %.3f, \"usd_per_teu\": %.2f, "
               "\"kg_co2e_per_teu\": %.2f, \"transfers\": %zu, \"cheapest\": %s, "
               "\"fastest\": %s, \"greenest\": %s, \"route\": %s}",
               fr_route_total_time_h(o->route) / 24,
               per_teu(fr_route_total_cost_usd(o->route), o->route),
               per_teu(fr_route_total_co2_kg(o->route), o->route),
               fr_route_transfer_count(o->route), (int)i == c->cheapest ? "true" : "false",
               (int)i == c->fastest ? "true" : "false", (int)i == c->greenest ? "true" : "false",
               route);
        g_free(route), g_free(family);
    }
    printf("]}");
}

static char *usage_problem(const options *o, fr_objective *objective)
{
    if (o->objective && !fr_objective_from_name(o->objective, objective))
        return g_strdup_printf("unknown objective '%s'", o->objective);
    if (!isfinite(o->quantity) || o->quantity <= 0)
        return g_strdup("--quantity must be a number of TEU greater than 0");
    if (!isfinite(o->value_of_time) || o->value_of_time < 0)
        return g_strdup("--value-of-time must be 0 or more");
    if (o->format && strcmp(o->format, "text") && strcmp(o->format, "csv") &&
        strcmp(o->format, "json"))
        return g_strdup_printf("unknown format '%s' (expected text, csv, json)", o->format);
    if (o->chart && !g_str_has_suffix(o->chart, ".svg") && !g_str_has_suffix(o->chart, ".png"))
        return g_strdup("--chart needs a file name ending in .svg or .png");
    if (o->critical && (o->dates.depart || o->dates.window))
        return g_strdup_printf("--critical and %s cannot be combined: it compares undated "
                               "routes (--on can date them)",
                               o->dates.depart ? "--depart" : "--depart-window");
    if (o->critical && (o->scenario || o->chart))
        return g_strdup_printf("--critical and %s cannot be combined",
                               o->scenario ? "--scenario" : "--chart");
    if (o->scenario && (o->dates.depart || o->dates.window))
        return g_strdup_printf("--scenario and %s cannot be combined (--on can)",
                               o->dates.depart ? "--depart" : "--depart-window");
    if (o->scenario) {
        char *values[] = {o->scenario, NULL};
        char **names = cli_split_list(values);
        bool empty = !names[0];
        g_strfreev(names);
        if (empty)
            return g_strdup("--scenario needs one or more scenario files or names");
    }
    return date_options_problem(&o->dates);
}

static void print_comparison(const fr_network *net, const corridor_comparison *c,
                             const char *format, const char *by, bool first, const dating *d)
{
    if (!format || !strcmp(format, "text"))
        print_text(net, c, by, d);
    else if (!strcmp(format, "csv"))
        print_csv(net, c, d);
    else
        print_json(net, c, first, d);
}

/* --depart-window: each family's rows, as text, CSV or JSON. */
static void print_profiles(const fr_network *net, const corridor_profiles *ps,
                           const char *format, const char *by, bool first, const dating *d)
{
    if (format && !strcmp(format, "csv")) {
        for (guint i = 0; i < ps->families->len; i++) {
            const corridor_profile *p = g_ptr_array_index(ps->families, i);
            char *cells[] = {cli_csv_quote(ps->from), cli_csv_quote(ps->to),
                             cli_csv_quote(p->name)};
            char *prefix = g_strdup_printf("%s,%s,%s,", cells[0], cells[1], cells[2]);
            profile_print_csv(stdout, net, p->profile, true, prefix);
            g_free(prefix);
            for (int k = 0; k < 3; k++)
                g_free(cells[k]);
        }
    } else if (format && !strcmp(format, "json")) {
        char *from = cli_json_quote(ps->from), *to = cli_json_quote(ps->to);
        printf("%s\n  {\"from\": %s, \"to\": %s, \"every_h\": %.12g, \"families\": [",
               first ? "" : ",", from, to, d->dates.every_h);
        for (guint i = 0; i < ps->families->len; i++) {
            const corridor_profile *p = g_ptr_array_index(ps->families, i);
            char *name = cli_json_quote(p->name);
            printf("%s\n    {\"family\": %s, \"departures\": ", i ? "," : "", name);
            profile_print_json(stdout, net, p->profile, true, "      ");
            printf("}");
            g_free(name);
        }
        printf("]}");
        g_free(from), g_free(to);
    } else {
        fr_node_info from, to;
        fr_network_node(net, (size_t)fr_network_find_node(net, ps->from), &from);
        fr_network_node(net, (size_t)fr_network_find_node(net, ps->to), &to);
        GTimeZone *zone = dated_node_zone(net, ps->from);
        char *first_at = dated_format(d->dates.first, zone);
        char *last_at = dated_format(d->dates.last, zone);
        printf("%s (%s) → %s (%s): each corridor family's route, by %s, departing every %g h "
               "from %s to %s\n",
               from.name, from.id, to.name, to.id, by, d->dates.every_h, first_at, last_at);
        if (ps->families->len == 0)
            printf("  no route\n");
        for (guint i = 0; i < ps->families->len; i++) {
            const corridor_profile *p = g_ptr_array_index(ps->families, i);
            printf("  %s\n", p->name);
            profile_print_text(stdout, net, p->profile, true, "    ");
        }
        printf("\n");
        g_free(first_at), g_free(last_at);
    }
}

static void print_header(const char *format, const dating *d)
{
    if (format && !strcmp(format, "csv")) {
        if (d->dates.first)
            printf("from,to,family,depart,arrive,days,usd_per_teu,corridor\n");
        else
            printf("from,to,family,%sdays,usd_per_teu,kg_co2e_per_teu,transfers,cheapest,"
                   "fastest,greenest,via\n",
                   d->dates.depart ? "depart,arrive," : "");
    }
    if (format && !strcmp(format, "json"))
        printf("{\"comparisons\": [");
}

/* The comparison for one destination, dated as asked, printed; kept in
 * `all` (comparisons) or `profiles` (with a window) for the chart. */
static bool compare_one(const fr_network *net, const options *o, const fr_query *settings,
                        const dating *d, const char *to, GPtrArray *all, GPtrArray *profiles,
                        const char *by, GError **error)
{
    bool first = all->len == 0 && profiles->len == 0;
    corridor_comparison *c = corridor_compare(net, d->from, to, settings, error);
    if (c && d->dates.depart) {
        corridor_comparison *dated = corridor_compare_at(net, c, d->dates.depart, error);
        corridor_comparison_free(c);
        c = dated;
    }
    if (!c)
        return false;
    if (!d->dates.first) {
        print_comparison(net, c, o->format, by, first, d);
        g_ptr_array_add(all, c);
        return true;
    }
    corridor_profiles *ps = corridor_profile_window(net, c, d->dates.first, d->dates.last,
                                                    d->dates.every_h, error);
    corridor_comparison_free(c);
    if (!ps)
        return false;
    print_profiles(net, ps, o->format, by, first, d);
    g_ptr_array_add(profiles, ps);
    return true;
}

/* --scenario: each destination on the base network and on every scenario's,
 * printed and charted; returns the exit code. */
static int run_scenarios(const fr_network *net, const options *o, const fr_query *settings,
                         const char *from, char **destinations, const char *by);

/* --critical: the items of every destination's best route ranked, printed;
 * returns the exit code. */
static int run_critical(const fr_network *net, const options *o, const fr_query *settings,
                        const char *from, char **destinations, const char *by);

/* Compares every destination, prints and charts; returns the exit code. */
static int run(const options *o, const fr_query *base, GError **error)
{
    fr_network *net = cli_load_network(o->network, error);
    if (!net)
        return EXIT_INPUT;
    dating d = {.from = o->from ? o->from : "CNCKG"};
    char *problem = NULL;
    if (!date_options_parse(&o->dates, net, d.from, NULL, &d.dates, &problem)) {
        int usage = cli_fail(prog, EXIT_USAGE, problem);
        g_free(problem);
        fr_network_free(net);
        return usage;
    }
    /* The families are found on the network of the date asked for. */
    fr_query *settings = fr_query_copy(base);
    GDateTime *date = d.dates.depart ? d.dates.depart : d.dates.first ? d.dates.first : d.dates.on;
    if (date)
        fr_query_set_date(settings, date);
    char *tos[] = {o->to ? o->to : (char *)default_destinations, NULL};
    char **destinations = cli_split_list(tos);
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)corridor_comparison_free);
    GPtrArray *profiles = g_ptr_array_new_with_free_func((GDestroyNotify)corridor_profiles_free);
    const char *format = o->format;
    bool json = format && !strcmp(format, "json");
    char *by = o->objective ? g_strdup(o->objective)
               : o->value_of_time > 0 ? g_strdup_printf("cost + %g USD per TEU-hour", o->value_of_time)
                                      : g_strdup("cost");
    if (o->scenario || o->critical) {
        int code = o->scenario ? run_scenarios(net, o, settings, d.from, destinations, by)
                               : run_critical(net, o, settings, d.from, destinations, by);
        g_free(by);
        g_ptr_array_free(all, TRUE);
        g_ptr_array_free(profiles, TRUE);
        g_strfreev(destinations);
        fr_query_free(settings);
        date_choice_clear(&d.dates);
        fr_network_free(net);
        return code;
    }
    print_header(format, &d);
    int code = EXIT_OK;
    for (char **to = destinations; *to && code == EXIT_OK; to++)
        if (!compare_one(net, o, settings, &d, *to, all, profiles, by, error))
            code = EXIT_INPUT;
    if (json)
        printf("\n]}\n");
    if (code == EXIT_OK && o->chart) {
        bool drawn = d.dates.first ? chart_draw_profiles(net, profiles, o->chart, error)
                                   : chart_draw(net, all, o->chart, error);
        if (drawn)
            fprintf(stderr, "%s: chart written to %s\n", prog, o->chart);
        else
            code = EXIT_INPUT;
    }
    g_free(by);
    g_ptr_array_free(all, TRUE);
    g_ptr_array_free(profiles, TRUE);
    g_strfreev(destinations);
    fr_query_free(settings);
    date_choice_clear(&d.dates);
    fr_network_free(net);
    return code;
}

static int run_scenarios(const fr_network *net, const options *o, const fr_query *settings,
                         const char *from, char **destinations, const char *by)
{
    char *values[] = {o->scenario, NULL};
    char **wanted = cli_split_list(values);
    size_t n = g_strv_length(wanted);
    fr_network **networks = g_new0(fr_network *, n);
    char **names = g_new0(char *, n + 1);
    int code = EXIT_OK;
    for (size_t k = 0; k < n && code == EXIT_OK; k++)
        networks[k] = scenario_option_apply(prog, net, wanted[k], &names[k], &code);
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)corridor_scenarios_free);
    bool json = o->format && !strcmp(o->format, "json"), opened = false;
    if (code == EXIT_OK) {
        opened = json;
        if (o->format && !strcmp(o->format, "csv"))
            scenarios_print_csv_header(stdout);
        if (json) {
            printf("{\"scenarios\": [");
            for (size_t k = 0; k < n; k++) {
                char *name = cli_json_quote(names[k]);
                printf("%s%s", k ? ", " : "", name);
                g_free(name);
            }
            printf("], \"comparisons\": [");
        }
    }
    GError *error = NULL;
    for (char **to = destinations; *to && code == EXIT_OK; to++) {
        corridor_scenarios *cs =
            corridor_compare_scenarios(net, (const fr_network *const *)networks,
                                       (const char *const *)names, n, from, *to, settings,
                                       &error);
        if (!cs) {
            code = cli_fail_error(prog, error);
            g_clear_error(&error);
            break;
        }
        if (json)
            scenarios_print_json(stdout, cs, all->len == 0);
        else if (o->format && !strcmp(o->format, "csv"))
            scenarios_print_csv(stdout, cs);
        else
            scenarios_print_text(stdout, net, cs, by);
        g_ptr_array_add(all, cs);
    }
    if (opened)
        printf("\n]}\n");
    if (code == EXIT_OK && o->chart) {
        if (chart_draw_scenarios(net, all, o->chart, &error)) {
            fprintf(stderr, "%s: chart written to %s\n", prog, o->chart);
        } else {
            code = cli_fail_error(prog, error);
            g_clear_error(&error);
        }
    }
    g_ptr_array_free(all, TRUE);
    for (size_t k = 0; k < n; k++)
        fr_network_free(networks[k]);
    g_free(networks);
    g_strfreev(names);
    g_strfreev(wanted);
    return code;
}

static int run_critical(const fr_network *net, const options *o, const fr_query *settings,
                        const char *from, char **destinations, const char *by)
{
    GError *error = NULL;
    size_t n = g_strv_length(destinations);
    fr_query *query = fr_query_copy(settings);
    fr_query_set_endpoints(query, from, destinations[0]);
    fr_critical_list *list = fr_network_critical(net, query, (const char *const *)destinations,
                                                 n, &error);
    fr_query_free(query);
    if (!list) {
        int code = cli_fail_error(prog, error);
        g_error_free(error);
        return code;
    }
    critical_context c = {net, from, (const char *const *)destinations, n, by};
    if (o->format && !strcmp(o->format, "csv"))
        critical_print_csv(stdout, &c, list);
    else if (o->format && !strcmp(o->format, "json"))
        critical_print_json(stdout, &c, list);
    else
        critical_print_text(stdout, &c, list);
    fr_critical_list_free(list);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    options o = {.quantity = 1};
    GOptionContext *ctx = option_context(&o);
    GError *error = NULL;
    fr_objective objective = FR_OBJECTIVE_COST;
    char *problem = NULL;
    int code;
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        code = cli_fail(prog, EXIT_USAGE, error->message);
    } else if (argc > 1) {
        problem = g_strdup_printf("unexpected argument '%s'", argv[1]);
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else if (o.list_scenarios) {
        scenarios_print_list(stdout);
        code = EXIT_OK;
    } else if ((problem = usage_problem(&o, &objective))) {
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else {
        if (!o.objective && o.value_of_time > 0)
            objective = FR_OBJECTIVE_GENERALIZED;
        fr_query *settings = fr_query_new(NULL, NULL);
        fr_query_set_objective(settings, objective);
        fr_query_set_quantity(settings, o.quantity);
        fr_query_set_value_of_time(settings, o.value_of_time);
        code = run(&o, settings, &error);
        if (error)
            code = cli_fail_error(prog, error);
        fr_query_free(settings);
    }
    g_clear_error(&error);
    g_free(problem);
    g_option_context_free(ctx);
    g_free(o.network), g_free(o.from), g_free(o.to), g_free(o.format), g_free(o.chart);
    g_free(o.objective), g_free(o.scenario);
    date_options_clear(&o.dates);
    return code;
}
