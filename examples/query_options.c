/* query_options.c - the query options fr-route and fr-matrix share (see
 * query_options.h): option entries, checks and the fr_query they make. */
#include "query_options.h"

#include "cli_common.h"

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

fr_network *query_options_load_network(const char *prog, const query_options *qo, int *code)
{
    GError *error = NULL;
    fr_network *net = cli_load_network(qo->network, &error);
    if (!net) {
        *code = cli_fail_error(prog, error);
        g_error_free(error);
        return NULL;
    }
    if (!qo->scenario)
        return net;
    fr_network *changed = scenario_option_apply(prog, net, qo->scenario, NULL, code);
    fr_network_free(net);
    return changed;
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

/* ---- Dated options ------------------------------------------------------ */

size_t date_options_entries(date_options *d, unsigned which, GOptionEntry *out)
{
    size_t n = 0;
    if (which & DATE_OPTION_DEPART)
        out[n++] = (GOptionEntry){"depart", 0, 0, G_OPTION_ARG_STRING, &d->depart,
                                  "Leave the origin then: ISO 8601, e.g. 2019-07-02T08:00 (the "
                                  "origin's time zone) or 2019-07-02T08:00+08:00",
                                  "DATETIME"};
    if (which & DATE_OPTION_ARRIVE_BY)
        out[n++] = (GOptionEntry){"arrive-by", 0, 0, G_OPTION_ARG_STRING, &d->arrive_by,
                                  "Arrive by then (the destination's time zone; a bare date is "
                                  "its end, 23:59:59); objective time without --depart: the "
                                  "latest departure",
                                  "DATETIME"};
    if (which & DATE_OPTION_ON)
        out[n++] = (GOptionEntry){"on", 0, 0, G_OPTION_ARG_STRING, &d->on,
                                  "Route the network as it runs on this date (validity, "
                                  "closures, mean waits), e.g. 2019-07-01",
                                  "DATE"};
    if (which & DATE_OPTION_WINDOW) {
        out[n++] = (GOptionEntry){"depart-window", 0, 0, G_OPTION_ARG_STRING, &d->window,
                                  "Departures from FIRST to LAST (dates or date-times in the "
                                  "origin's zone; a bare LAST date runs to its 23:59:59), one "
                                  "row each",
                                  "FIRST/LAST"};
        out[n++] = (GOptionEntry){"every", 0, 0, G_OPTION_ARG_STRING, &d->every,
                                  "With --depart-window: hours between departures (default 24)",
                                  "H"};
    }
    return n;
}

void date_options_clear(date_options *d)
{
    g_free(d->depart);
    g_free(d->arrive_by);
    g_free(d->on);
    g_free(d->window);
    g_free(d->every);
}

bool is_bare_date(const char *text)
{
    static const char shape[] = "dddd-dd-dd";
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !g_ascii_isdigit(text[i]) : text[i] != shape[i])
            return false;
    return text[sizeof shape - 1] == '\0';
}

/* --every's hours: finite and greater than 0; false otherwise. */
static bool parse_every(const char *text, double *out)
{
    char *end = NULL;
    double value = g_ascii_strtod(text, &end);
    if (end == text || *end || !isfinite(value) || value <= 0)
        return false;
    *out = value;
    return true;
}

/* FIRST and LAST of --depart-window (g_strfreev), or NULL when it is not
 * two non-empty texts joined by one '/'. */
static char **split_window(const char *text)
{
    char **parts = g_strsplit(text, "/", -1);
    if (g_strv_length(parts) != 2 || !*g_strstrip(parts[0]) || !*g_strstrip(parts[1])) {
        g_strfreev(parts);
        return NULL;
    }
    return parts;
}

char *date_options_problem(const date_options *d)
{
    double every;
    if (d->on && !is_bare_date(d->on))
        return g_strdup_printf("--on takes a date, YYYY-MM-DD (got '%s')", d->on);
    if (d->on && (d->depart || d->arrive_by || d->window))
        return g_strdup_printf("--on is the date of an undated query; %s already dates it",
                               d->depart      ? "--depart"
                               : d->arrive_by ? "--arrive-by"
                                              : "--depart-window");
    if (d->every && !d->window)
        return g_strdup("--every goes with --depart-window (the hours between its departures)");
    if (d->window && d->depart)
        return g_strdup("--depart-window and --depart cannot be combined: the window gives "
                        "the departures");
    if (d->window && d->arrive_by)
        return g_strdup("--arrive-by does not apply to --depart-window (every departure is "
                        "routed on its own); --max-time bounds the transit time");
    if (d->every && !parse_every(d->every, &every))
        return g_strdup_printf("--every must be a number of hours greater than 0 (got '%s')",
                               d->every);
    if (d->window) {
        char **parts = split_window(d->window);
        if (!parts)
            return g_strdup_printf("--depart-window takes FIRST/LAST, two dates or date-times "
                                   "(got '%s')",
                                   d->window);
        g_strfreev(parts);
    }
    return NULL;
}

/* The node's id when the network has it, else NULL (UTC): an unknown
 * origin or destination is the query's error, reported when routing. */
static const char *known_node(const fr_network *net, const char *id)
{
    return id && fr_network_find_node(net, id) >= 0 ? id : NULL;
}

/* Parses `text` for `option` in the zone of `node`; a bare date is its
 * midnight, or with `end_of_day` its 23:59:59. NULL with *problem set. */
static GDateTime *parse_when(const fr_network *net, const char *node, const char *option,
                             const char *text, bool end_of_day, char **problem)
{
    GError *error = NULL;
    GDateTime *when = fr_network_parse_datetime(net, known_node(net, node), text, &error);
    if (!when) {
        *problem = strstr(error->message, text)
                       ? g_strdup_printf("%s: %s", option, error->message)
                       : g_strdup_printf("%s '%s': %s", option, text, error->message);
        g_error_free(error);
        return NULL;
    }
    if (end_of_day && is_bare_date(text)) {
        GDateTime *next = g_date_time_add_days(when, 1);
        g_date_time_unref(when);
        when = g_date_time_add_seconds(next, -1);
        g_date_time_unref(next);
    }
    return when;
}

static char *format_when(GDateTime *when)
{
    return g_date_time_format(when, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Parses --depart-window into c->first and c->last; false with *problem. */
static bool parse_window(const date_options *d, const fr_network *net, const char *from,
                         date_choice *c, char **problem)
{
    char **parts = split_window(d->window);
    if (!parts) { /* date_options_problem() refuses it first */
        *problem = g_strdup_printf("--depart-window takes FIRST/LAST (got '%s')", d->window);
        return false;
    }
    c->first = parse_when(net, from, "--depart-window", parts[0], false, problem);
    if (c->first)
        c->last = parse_when(net, from, "--depart-window", parts[1], true, problem);
    g_strfreev(parts);
    if (!c->last)
        return false;
    if (g_date_time_compare(c->last, c->first) < 0) {
        char *first = format_when(c->first), *last = format_when(c->last);
        *problem = g_strdup_printf("--depart-window: LAST (%s) is before FIRST (%s)", last,
                                   first);
        g_free(first);
        g_free(last);
        return false;
    }
    size_t count = date_choice_window_count(c);
    if (count > FR_MAX_PROFILE_ROWS) {
        *problem = g_strdup_printf("--depart-window '%s' with --every %g gives %zu departures; "
                                   "at most %d",
                                   d->window, c->every_h, count, FR_MAX_PROFILE_ROWS);
        return false;
    }
    return true;
}

bool date_options_parse(const date_options *d, const fr_network *net, const char *from,
                        const char *to, date_choice *out, char **problem)
{
    *out = (date_choice){.every_h = 24};
    *problem = NULL;
    if (d->every && !parse_every(d->every, &out->every_h))
        *problem = g_strdup_printf("--every must be a number of hours greater than 0 (got '%s')",
                                   d->every);
    if (!*problem && d->depart)
        out->depart = parse_when(net, from, "--depart", d->depart, false, problem);
    if (!*problem && d->arrive_by)
        out->arrive_by = parse_when(net, to, "--arrive-by", d->arrive_by, true, problem);
    if (!*problem && d->on) {
        if (is_bare_date(d->on))
            out->on = parse_when(net, from, "--on", d->on, false, problem);
        else
            *problem = g_strdup_printf("--on takes a date, YYYY-MM-DD (got '%s')", d->on);
    }
    if (!*problem && d->window)
        parse_window(d, net, from, out, problem);
    if (*problem) {
        date_choice_clear(out);
        return false;
    }
    return true;
}

void date_choice_clear(date_choice *c)
{
    g_clear_pointer(&c->depart, g_date_time_unref);
    g_clear_pointer(&c->arrive_by, g_date_time_unref);
    g_clear_pointer(&c->on, g_date_time_unref);
    g_clear_pointer(&c->first, g_date_time_unref);
    g_clear_pointer(&c->last, g_date_time_unref);
}

void date_choice_apply(const date_choice *c, fr_query *query)
{
    if (c->depart)
        fr_query_set_departure(query, c->depart);
    if (c->arrive_by)
        fr_query_set_arrive_by(query, c->arrive_by);
    if (c->on)
        fr_query_set_date(query, c->on);
}

size_t date_choice_window_count(const date_choice *c)
{
    if (!c->first || !c->last)
        return 0;
    double seconds = (double)g_date_time_difference(c->last, c->first) / G_USEC_PER_SEC;
    double steps = floor(seconds / (c->every_h * 3600) * (1 + 1e-12) + 1e-9);
    return steps >= (double)FR_MAX_PROFILE_ROWS ? (size_t)FR_MAX_PROFILE_ROWS + 1
                                                : (size_t)steps + 1;
}
