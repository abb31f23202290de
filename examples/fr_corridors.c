/* fr_corridors.c - the corridor comparison planners run: for each
 * destination, the best route of every corridor family (Yuxinou rail,
 * Yangtze + sea, southbound rail + sea, air, road, ...) with its days, USD
 * and kg CO2e per TEU and transfers, and which is cheapest, fastest and
 * greenest overall. Text, CSV or JSON; --chart draws days against USD. */
#include "chart.h"
#include "cli_common.h"
#include "corridors.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *prog = "fr-corridors";
static const char *default_destinations = "DEDUI,NLRTM,DEHAM,SGSIN,VNHAN,CNSHA";

typedef struct {
    char *network, *from, *to, *format, *chart, *objective;
    double quantity, value_of_time;
} options;

static GOptionContext *option_context(options *o)
{
    GOptionEntry entries[] = {
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
         "Also draw days against USD per TEU to FILE.svg or FILE.png", "FILE"},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx, "Compare the freight corridors from one origin to several "
                                      "destinations: the best route of each corridor family.");
    g_option_context_set_description(
        ctx, "Exit status: 0 done, 1 invalid network or input, 2 bad usage.\n");
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

static void print_text(const fr_network *net, const corridor_comparison *c, const char *by)
{
    fr_node_info from, to;
    fr_network_node(net, (size_t)fr_network_find_node(net, c->from), &from);
    fr_network_node(net, (size_t)fr_network_find_node(net, c->to), &to);
    printf("%s (%s) → %s (%s): best route per corridor family, by %s\n", from.name, from.id,
           to.name, to.id, by);
    if (c->options->len == 0) {
        printf("  no route\n\n");
        return;
    }
    printf("  %-28s %7s %9s %11s %9s %4s  %s\n", "corridor family", "days", "USD/TEU",
           "kg CO2e/TEU", "transfers", "best", "via");
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        char buf[8], *via = route_via(net, o->route);
        printf("  %-28s %7.1f %9.0f %11.0f %9zu %4s  %s\n", o->name,
               fr_route_total_time_h(o->route) / 24,
               per_teu(fr_route_total_cost_usd(o->route), o->route),
               per_teu(fr_route_total_co2_kg(o->route), o->route),
               fr_route_transfer_count(o->route), marks(c, (int)i, buf, sizeof buf), via);
        g_free(via);
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

static void print_csv(const fr_network *net, const corridor_comparison *c)
{
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        char *via = route_via(net, o->route);
        char *figures = g_strdup_printf(
            "%.2f,%.0f,%.1f,%zu,%d,%d,%d", fr_route_total_time_h(o->route) / 24,
            per_teu(fr_route_total_cost_usd(o->route), o->route),
            per_teu(fr_route_total_co2_kg(o->route), o->route),
            fr_route_transfer_count(o->route), (int)i == c->cheapest, (int)i == c->fastest,
            (int)i == c->greenest);
        csv_cell(c->from, false);
        csv_cell(c->to, false);
        csv_cell(o->name, false);
        fputs(figures, stdout);
        putchar(',');
        csv_cell(via, true);
        g_free(figures);
        g_free(via);
    }
}

static void print_json(const corridor_comparison *c, bool first)
{
    char *from = cli_json_quote(c->from), *to = cli_json_quote(c->to);
    printf("%s\n  {\"from\": %s, \"to\": %s, \"options\": [", first ? "" : ",", from, to);
    g_free(from), g_free(to);
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        char *route = fr_route_to_json(o->route), *family = cli_json_quote(o->name);
        g_strchomp(route);
        printf("%s\n    {\"family\": %s, \"days\": %.3f, \"usd_per_teu\": %.2f, "
               "\"kg_co2e_per_teu\": %.2f, \"transfers\": %zu, \"cheapest\": %s, "
               "\"fastest\": %s, \"greenest\": %s, \"route\": %s}",
               i ? "," : "", family, fr_route_total_time_h(o->route) / 24,
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
    return NULL;
}

static void print_comparison(const fr_network *net, const corridor_comparison *c,
                             const char *format, const char *by, bool first)
{
    if (!format || !strcmp(format, "text"))
        print_text(net, c, by);
    else if (!strcmp(format, "csv"))
        print_csv(net, c);
    else
        print_json(c, first);
}

/* Compares every destination, prints and charts; returns the exit code. */
static int run(const options *o, const fr_query *settings, GError **error)
{
    fr_network *net = cli_load_network(o->network, error);
    if (!net)
        return EXIT_INPUT;
    char *tos[] = {o->to ? o->to : (char *)default_destinations, NULL};
    char **destinations = cli_split_list(tos);
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)corridor_comparison_free);
    const char *format = o->format;
    bool json = format && !strcmp(format, "json");
    char *by = o->objective ? g_strdup(o->objective)
               : o->value_of_time > 0 ? g_strdup_printf("cost + %g USD per TEU-hour", o->value_of_time)
                                      : g_strdup("cost");
    if (format && !strcmp(format, "csv"))
        printf("from,to,family,days,usd_per_teu,kg_co2e_per_teu,transfers,cheapest,fastest,"
               "greenest,via\n");
    if (json)
        printf("{\"comparisons\": [");
    int code = EXIT_OK;
    for (char **to = destinations; *to && code == EXIT_OK; to++) {
        corridor_comparison *c = corridor_compare(net, o->from ? o->from : "CNCKG", *to,
                                                  settings, error);
        if (!c) {
            code = EXIT_INPUT;
            break;
        }
        print_comparison(net, c, format, by, all->len == 0);
        g_ptr_array_add(all, c);
    }
    if (json)
        printf("\n]}\n");
    if (code == EXIT_OK && o->chart && !chart_draw(net, all, o->chart, error))
        code = EXIT_INPUT;
    else if (code == EXIT_OK && o->chart)
        fprintf(stderr, "%s: chart written to %s\n", prog, o->chart);
    g_free(by);
    g_ptr_array_free(all, TRUE);
    g_strfreev(destinations);
    fr_network_free(net);
    return code;
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
    g_free(o.objective);
    return code;
}
