/* query_options.c - the query options fr-route and fr-matrix share (see
 * query_options.h): option entries, checks and the fr_query they make. */
#include "query_options.h"

#include "cli_common.h"
#include "cli_names.h"

#include <math.h>
#include <string.h>

void query_options_init(query_options *qo, query_choice *qc)
{
    /* NAN: not given (an option that would be ignored is an error) */
    *qo = (query_options){.quantity = 1, .value_of_time = NAN, .carbon_price = NAN};
    *qc = (query_choice){.objective = FR_OBJECTIVE_COST, .modes = FR_MODES_ALL,
                         .max_time = INFINITY, .max_cost = INFINITY};
}

void query_options_clear(query_options *qo)
{
    g_free(qo->network);
    g_free(qo->scenario);
    g_free(qo->objective);
    g_free(qo->modes);
    g_free(qo->max_time);
    g_free(qo->max_cost);
    g_strfreev(qo->avoid);
    g_strfreev(qo->avoid_country);
    g_strfreev(qo->avoid_corridor);
    if (qo->avoid_ids)
        g_ptr_array_unref(qo->avoid_ids);
    if (qo->avoid_labels)
        g_ptr_array_unref(qo->avoid_labels);
}

const char *query_options_first_given(const query_options *qo)
{
    const struct {
        bool given;
        const char *name;
    } options[] = {{qo->objective != NULL, "--objective"},
                   {qo->quantity != 1, "--quantity"},
                   {!isnan(qo->value_of_time), "--value-of-time"},
                   {!isnan(qo->carbon_price), "--carbon-price"},
                   {qo->modes != NULL, "--modes"},
                   {qo->avoid != NULL, "--avoid"},
                   {qo->avoid_country != NULL, "--avoid-country"},
                   {qo->avoid_corridor != NULL, "--avoid-corridor"},
                   {qo->max_time != NULL, "--max-time"},
                   {qo->max_cost != NULL, "--max-cost"}};
    for (size_t i = 0; i < G_N_ELEMENTS(options); i++)
        if (options[i].given)
            return options[i].name;
    return NULL;
}

GOptionEntry query_options_network_entry(query_options *qo)
{
    return (GOptionEntry){"network", 'n', 0, G_OPTION_ARG_FILENAME, &qo->network,
                          "Network directory (default: the embedded Chongqing network)", "DIR"};
}

GOptionEntry query_options_scenario_entry(query_options *qo)
{
    return scenario_option_entry(&qo->scenario, false);
}

/* Warns about each --avoid-country that no node of the network has. */
static void warn_unknown_countries(const char *prog, const query_options *qo,
                                   const fr_network *net)
{
    char **countries = cli_split_list(qo->avoid_country);
    for (char **cc = countries; *cc; cc++) {
        const char *const *known = fr_network_countries(net);
        if (known && g_strv_contains(known, *cc))
            continue;
        char *text = g_strdup_printf("--avoid-country %s: no node of the network is in that "
                                     "country, so it changes nothing",
                                     *cc);
        cli_warn(prog, qo->quiet, text);
        g_free(text);
    }
    g_strfreev(countries);
}

bool query_options_resolve_avoided(query_options *qo, const fr_network *net, GError **error)
{
    qo->avoid_ids = cli_read_list("--avoid", qo->avoid, error);
    if (!qo->avoid_ids || !cli_resolve_nodes(net, "--avoid", qo->avoid_ids, error))
        return false;
    qo->avoid_labels = g_ptr_array_new();
    char **labels = cli_split_list(qo->avoid_corridor);
    bool ok = true;
    for (char **label = labels; *label && ok; label++) {
        const char *known = cli_resolve_corridor(net, "--avoid-corridor", *label, error);
        ok = known != NULL;
        if (ok)
            g_ptr_array_add(qo->avoid_labels, (gpointer)known);
    }
    g_strfreev(labels);
    return ok;
}

fr_network *query_options_load_network(const char *prog, query_options *qo, int *code)
{
    GError *error = NULL;
    fr_network *net = cli_load_network(qo->network, &error);
    if (net && qo->scenario && !qo->scenario_compared) {
        cli_print_warnings(prog, qo->quiet, net);
        fr_network *changed = scenario_option_apply(prog, net, qo->scenario, NULL, code);
        fr_network_free(net);
        if (!changed)
            return NULL;
        net = changed;
    } else if (net) {
        cli_print_warnings(prog, qo->quiet, net);
    }
    if (net && query_options_resolve_avoided(qo, net, &error))
        warn_unknown_countries(prog, qo, net);
    if (error) {
        *code = cli_fail_error(prog, error);
        g_error_free(error);
        fr_network_free(net);
        return NULL;
    }
    return net;
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
         "Allowed modes, e.g. rail,road (default: all; --list modes)", "LIST"},
        {"avoid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &qo->avoid,
         "Nodes to avoid: ids or names, or @FILE (one a line)", "NODE,.."},
        {"avoid-country", 0, 0, G_OPTION_ARG_STRING_ARRAY, &qo->avoid_country,
         "Countries to avoid (ISO codes, e.g. RU,BY)", "CC,.."},
        {"avoid-corridor", 0, 0, G_OPTION_ARG_STRING_ARRAY, &qo->avoid_corridor,
         "Corridor labels to avoid, e.g. Yuxinou (--list corridors)", "NAME,.."},
        {"max-time", 0, 0, G_OPTION_ARG_STRING, &qo->max_time,
         "Only routes taking at most H hours in all", "H"},
        {"max-cost", 0, 0, G_OPTION_ARG_STRING, &qo->max_cost,
         "Only routes costing at most USD for the whole quantity", "USD"},
    };
    for (size_t i = 0; i < QUERY_OPTION_ENTRIES; i++)
        out[i] = entries[i];
    return QUERY_OPTION_ENTRIES;
}

/* An empty item in a list option: the usage message, else NULL. */
static char *lists_problem(const query_options *qo)
{
    char *modes[] = {qo->modes, NULL};
    char *problem = cli_list_problem("--modes", modes);
    if (!problem)
        problem = cli_list_problem("--avoid", qo->avoid);
    if (!problem)
        problem = cli_list_problem("--avoid-country", qo->avoid_country);
    if (!problem)
        problem = cli_list_problem("--avoid-corridor", qo->avoid_corridor);
    return problem;
}

/* An --avoid-country that is not two upper-case letters (FORMAT.md §1). */
static char *countries_problem(const query_options *qo)
{
    char **countries = cli_split_list(qo->avoid_country);
    char *problem = NULL;
    for (char **cc = countries; *cc && !problem; cc++)
        if (strlen(*cc) != 2 || !g_ascii_isupper((*cc)[0]) || !g_ascii_isupper((*cc)[1]))
            problem = g_strdup_printf("--avoid-country '%s' is not a country code (two "
                                      "upper-case letters, e.g. RU; --list countries)",
                                      *cc);
    g_strfreev(countries);
    return problem;
}

char *query_options_figures_problem(const query_options *qo, query_choice *qc)
{
    GError *error = NULL;
    char *problem = lists_problem(qo);
    if (!problem)
        problem = countries_problem(qo);
    if (problem)
        return problem;
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
    if (!isnan(qo->value_of_time) && (!isfinite(qo->value_of_time) || qo->value_of_time < 0))
        return g_strdup("--value-of-time must be 0 or more");
    if (!isnan(qo->carbon_price) && (!isfinite(qo->carbon_price) || qo->carbon_price < 0))
        return g_strdup("--carbon-price must be 0 or more");
    bool priced = !isnan(qo->value_of_time) || !isnan(qo->carbon_price);
    if (priced && qc->objective != FR_OBJECTIVE_GENERALIZED)
        return g_strdup_printf("--value-of-time and --carbon-price price the generalized "
                               "objective; with --objective %s they would be ignored (add "
                               "--objective generalized)",
                               fr_objective_name(qc->objective));
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
    fr_query_set_value_of_time(q, isnan(qo->value_of_time) ? 0 : qo->value_of_time);
    fr_query_set_carbon_price(q, isnan(qo->carbon_price) ? 0 : qo->carbon_price);
    fr_query_set_modes(q, qc->modes);
    fr_query_set_max_time(q, qc->max_time);
    fr_query_set_max_cost(q, qc->max_cost);
    for (guint i = 0; qo->avoid_ids && i < qo->avoid_ids->len; i++)
        fr_query_avoid_node(q, g_ptr_array_index(qo->avoid_ids, i));
    char **countries = cli_split_list(qo->avoid_country);
    for (char **cc = countries; *cc; cc++)
        fr_query_avoid_country(q, *cc);
    g_strfreev(countries);
    for (guint i = 0; qo->avoid_labels && i < qo->avoid_labels->len; i++)
        fr_query_avoid_corridor(q, g_ptr_array_index(qo->avoid_labels, i));
    return q;
}

/* ---- Scenarios ---------------------------------------------------------- */

GOptionEntry scenario_option_entry(char **value, bool several)
{
    if (several)
        return (GOptionEntry){"scenario", 0, 0, G_OPTION_ARG_FILENAME, value,
                              "Compare the network with scenarios (FORMAT.md section 6): "
                              "comma-separated scenario files (.csv) or embedded names "
                              "(--list-scenarios)",
                              "FILE|NAME,.."};
    return (GOptionEntry){"scenario", 0, 0, G_OPTION_ARG_FILENAME, value,
                          "Answer on the network changed by a scenario (FORMAT.md section 6): "
                          "a scenario file (.csv) or an embedded name (--list-scenarios)",
                          "FILE|NAME"};
}

GOptionEntry list_scenarios_entry(gboolean *flag)
{
    return (GOptionEntry){"list-scenarios", 0, 0, G_OPTION_ARG_NONE, flag,
                          "List the embedded scenarios (name, description) and exit", NULL};
}

void scenarios_print_list(FILE *out)
{
    const char *const *names = fr_scenario_embedded_names();
    int width = 0;
    for (const char *const *name = names; *name; name++)
        width = MAX(width, (int)strlen(*name));
    for (const char *const *name = names; *name; name++) {
        const char *description = fr_scenario_embedded_description(*name);
        fprintf(out, "%-*s  %s\n", width, *name, description ? description : "");
    }
}

bool scenario_value_is_file(const char *value)
{
    return g_str_has_suffix(value, ".csv") || g_file_test(value, G_FILE_TEST_EXISTS);
}

fr_scenario *scenario_option_load(const char *prog, const char *value, int *code)
{
    GError *error = NULL;
    bool file = scenario_value_is_file(value);
    fr_scenario *scenario =
        file ? fr_scenario_load_file(value, &error) : fr_scenario_load_embedded(value, &error);
    if (!scenario) {
        if (file) {
            *code = cli_fail(prog, EXIT_INPUT, error->message);
        } else {
            char *message = g_strdup_printf("--scenario: %s", error->message);
            *code = cli_fail(prog, EXIT_USAGE, message);
            g_free(message);
        }
        g_error_free(error);
    }
    return scenario;
}

fr_network *scenario_option_apply(const char *prog, const fr_network *net, const char *value,
                                  char **name, int *code)
{
    fr_scenario *scenario = scenario_option_load(prog, value, code);
    if (!scenario)
        return NULL;
    GError *error = NULL;
    fr_network *changed = fr_network_apply_scenario(net, scenario, &error);
    if (!changed) {
        *code = cli_fail(prog, EXIT_INPUT, error->message);
        g_error_free(error);
    } else if (name) {
        *name = g_strdup(fr_scenario_name(scenario));
    }
    fr_scenario_free(scenario);
    return changed;
}

