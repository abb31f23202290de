/* query_options.c - the query options fr-route and fr-matrix share (see
 * query_options.h): option entries, checks and the fr_query they make. */
#include "query_options.h"

#include "cli_common.h"

#include <math.h>

void query_options_init(query_options *qo, query_choice *qc)
{
    *qo = (query_options){.quantity = 1};
    *qc = (query_choice){.objective = FR_OBJECTIVE_COST, .modes = FR_MODES_ALL,
                         .max_time = INFINITY, .max_cost = INFINITY};
}

void query_options_clear(query_options *qo)
{
    g_free(qo->network);
    g_free(qo->objective);
    g_free(qo->modes);
    g_free(qo->max_time);
    g_free(qo->max_cost);
    g_strfreev(qo->avoid);
    g_strfreev(qo->avoid_country);
    g_strfreev(qo->avoid_corridor);
}

GOptionEntry query_options_network_entry(query_options *qo)
{
    return (GOptionEntry){"network", 'n', 0, G_OPTION_ARG_FILENAME, &qo->network,
                          "Network directory (default: the embedded Chongqing network)", "DIR"};
}

size_t query_options_entries(query_options *qo, GOptionEntry *out)
{
    const GOptionEntry entries[QUERY_OPTION_ENTRIES] = {
        {"objective", 'o', 0, G_OPTION_ARG_STRING, &qo->objective,
         "cost, time, co2, distance or generalized (default: cost)", "NAME"},
        {"quantity", 'q', 0, G_OPTION_ARG_DOUBLE, &qo->quantity,
         "Shipment size in TEU (default 1)", "TEU"},
        {"value-of-time", 0, 0, G_OPTION_ARG_DOUBLE, &qo->value_of_time,
         "USD per TEU-hour, for the generalized objective", "USD"},
        {"carbon-price", 0, 0, G_OPTION_ARG_DOUBLE, &qo->carbon_price,
         "USD per kg CO2e, for the generalized objective", "USD"},
        {"modes", 'm', 0, G_OPTION_ARG_STRING, &qo->modes,
         "Allowed modes, e.g. rail,road (default: all)", "LIST"},
        {"avoid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &qo->avoid, "Node ids to avoid", "IDS"},
        {"avoid-country", 0, 0, G_OPTION_ARG_STRING_ARRAY, &qo->avoid_country,
         "Countries to avoid (ISO codes, e.g. RU,BY)", "CC,.."},
        {"avoid-corridor", 0, 0, G_OPTION_ARG_STRING_ARRAY, &qo->avoid_corridor,
         "Corridor labels to avoid, e.g. Yuxinou", "NAME,.."},
        {"max-time", 0, 0, G_OPTION_ARG_STRING, &qo->max_time,
         "Only routes taking at most H hours in all", "H"},
        {"max-cost", 0, 0, G_OPTION_ARG_STRING, &qo->max_cost,
         "Only routes costing at most USD for the whole quantity", "USD"},
    };
    for (size_t i = 0; i < QUERY_OPTION_ENTRIES; i++)
        out[i] = entries[i];
    return QUERY_OPTION_ENTRIES;
}

char *query_options_figures_problem(const query_options *qo, query_choice *qc)
{
    GError *error = NULL;
    if (qo->objective && !fr_objective_from_name(qo->objective, &qc->objective))
        return g_strdup_printf("unknown objective '%s' (expected cost, time, co2, distance, "
                               "generalized)", qo->objective);
    if (qo->modes && !fr_mode_set_parse(qo->modes, &qc->modes, &error)) {
        char *message = g_strdup_printf("--modes: %s", error->message);
        g_error_free(error);
        return message;
    }
    if (!isfinite(qo->quantity) || qo->quantity <= 0)
        return g_strdup("--quantity must be a number of TEU greater than 0");
    if (!isfinite(qo->value_of_time) || qo->value_of_time < 0)
        return g_strdup("--value-of-time must be 0 or more");
    if (!isfinite(qo->carbon_price) || qo->carbon_price < 0)
        return g_strdup("--carbon-price must be 0 or more");
    return NULL;
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

char *query_options_bounds_problem(const query_options *qo, query_choice *qc)
{
    if (qo->max_time && !parse_bound(qo->max_time, &qc->max_time))
        return g_strdup_printf("--max-time must be a number of hours, 0 or more (got '%s')",
                               qo->max_time);
    if (qo->max_cost && !parse_bound(qo->max_cost, &qc->max_cost))
        return g_strdup_printf("--max-cost must be a number of USD, 0 or more (got '%s')",
                               qo->max_cost);
    return NULL;
}

fr_query *query_options_build(const query_options *qo, const query_choice *qc, const char *from,
                              const char *to)
{
    fr_query *q = fr_query_new(from, to);
    fr_query_set_objective(q, qc->objective);
    fr_query_set_quantity(q, qo->quantity);
    fr_query_set_value_of_time(q, qo->value_of_time);
    fr_query_set_carbon_price(q, qo->carbon_price);
    fr_query_set_modes(q, qc->modes);
    fr_query_set_max_time(q, qc->max_time);
    fr_query_set_max_cost(q, qc->max_cost);
    char **lists[3] = {cli_split_list(qo->avoid), cli_split_list(qo->avoid_country),
                       cli_split_list(qo->avoid_corridor)};
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
