/* corridors_run.c - fr-corridors' runs (see corridors_run.h). */
#define _POSIX_C_SOURCE 200809L /* open_memstream() */
#include "corridors_run.h"

#include "chart.h"
#include "cli_common.h"
#include "critical_output.h"
#include "scenario_output.h"

#include <string.h>

/* The best route overall by `objective` from `c`'s origin to its
 * destination with the comparison's settings; NULL when none. */
static fr_route *best_overall(const corridors_request *rq, const char *to, fr_objective objective)
{
    fr_query *query = fr_query_copy(rq->settings);
    fr_query_set_endpoints(query, rq->from, to);
    fr_query_set_objective(query, objective);
    fr_route *route = fr_network_route(rq->net, query, NULL);
    fr_query_free(query);
    return route;
}

/* --arrive-by in the zone of destination `to` (NULL without it). */
static GDateTime *deadline_at(const corridors_request *rq, const char *to, GError **error)
{
    if (!rq->date_texts->arrive_by)
        return NULL;
    date_choice dc;
    char *problem = NULL;
    if (!date_options_parse(rq->date_texts, rq->net, rq->from, to, &dc, &problem)) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "%s", problem);
        g_free(problem);
        return NULL;
    }
    GDateTime *deadline = g_date_time_ref(dc.arrive_by);
    date_choice_clear(&dc);
    return deadline;
}

/* The comparison to `to`, dated by --depart and --arrive-by when given. */
static corridor_comparison *compare_dated(const corridors_request *rq, corridor_printer *p,
                                          const char *to, GError **error)
{
    corridor_comparison *c =
        corridor_compare_modes(rq->net, rq->from, to, rq->settings, rq->modes, error);
    g_clear_pointer(&p->arrive_by, g_date_time_unref);
    if (!c || !p->dated)
        return c;
    p->arrive_by = deadline_at(rq, to, error);
    corridor_comparison *dated =
        (p->arrive_by || !rq->date_texts->arrive_by)
            ? corridor_compare_dated(rq->net, c, rq->dates.depart, p->arrive_by, error)
            : NULL;
    corridor_comparison_free(c);
    return dated;
}

/* One destination, dated as asked, printed; kept in `all` (comparisons)
 * or `profiles` (with a window) for the chart. *routes counts the routes. */
static bool compare_one(const corridors_request *rq, corridor_printer *p, const char *to,
                        GPtrArray *all, GPtrArray *profiles, size_t *routes, GError **error)
{
    corridor_comparison *c = compare_dated(rq, p, to, error);
    if (!c)
        return false;
    if (!rq->dates.first) {
        corridor_overall overall = {NULL, NULL};
        if (!p->dated && c->options->len) {
            overall.fastest = best_overall(rq, to, FR_OBJECTIVE_TIME);
            overall.greenest = best_overall(rq, to, FR_OBJECTIVE_CO2);
        }
        corridor_print_comparison(p, c, &overall);
        fr_route_free(overall.fastest);
        fr_route_free(overall.greenest);
        *routes += c->options->len;
        g_ptr_array_add(all, c);
        return true;
    }
    corridor_profiles *ps = corridor_profile_window(rq->net, c, rq->dates.first, rq->dates.last,
                                                    rq->dates.every_h, error);
    corridor_comparison_free(c);
    if (!ps)
        return false;
    corridor_print_profiles(p, ps);
    *routes += ps->families->len;
    g_ptr_array_add(profiles, ps);
    return true;
}

static bool draw_chart(const corridors_request *rq, GPtrArray *all, GPtrArray *profiles,
                       GError **error)
{
    bool drawn = rq->dates.first ? chart_draw_profiles(rq->net, profiles, rq->chart, error)
                                 : chart_draw(rq->net, all, rq->chart, error);
    if (drawn && !rq->quiet)
        fprintf(stderr, "%s: chart written to %s\n", rq->prog, rq->chart);
    return drawn;
}

/* Compares every destination, printing into memory: the output is written
 * only when every destination was compared, so a failure (an overflowing
 * quantity at the second destination, say) leaves no partial output. */
static bool compare_all(const corridors_request *rq, corridor_printer *p, GPtrArray *all,
                        GPtrArray *profiles, size_t *routes, GError **error)
{
    FILE *out = p->out;
    char *text = NULL;
    size_t length = 0;
    p->out = open_memstream(&text, &length);
    if (!p->out) {
        p->out = out;
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "no memory for the output");
        return false;
    }
    corridor_print_begin(p);
    bool ok = true;
    for (char **to = rq->destinations; *to && ok; to++)
        ok = compare_one(rq, p, *to, all, profiles, routes, error);
    corridor_print_end(p);
    fclose(p->out);
    p->out = out;
    if (ok)
        fwrite(text, 1, length, out);
    free(text);
    return ok;
}

int corridors_run_compare(const corridors_request *rq, corridor_printer *p)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)corridor_comparison_free);
    GPtrArray *profiles = g_ptr_array_new_with_free_func((GDestroyNotify)corridor_profiles_free);
    GError *error = NULL;
    size_t routes = 0;
    bool ok = compare_all(rq, p, all, profiles, &routes, &error);
    g_clear_pointer(&p->arrive_by, g_date_time_unref);
    if (ok && rq->chart)
        ok = draw_chart(rq, all, profiles, &error);
    int code = ok ? (routes ? EXIT_OK : EXIT_NO_ROUTE) : cli_fail_error(rq->prog, error);
    if (ok && !routes)
        cli_fail(rq->prog, code, "no destination has any route");
    g_clear_error(&error);
    g_ptr_array_free(all, TRUE);
    g_ptr_array_free(profiles, TRUE);
    return code;
}

/* Prints the scenarios' JSON opening: the names, then "comparisons". */
static void scenarios_json_begin(FILE *out, char **names, size_t n)
{
    fprintf(out, "{\"scenarios\": [");
    for (size_t k = 0; k < n; k++) {
        char *name = cli_json_quote(names[k]);
        fprintf(out, "%s%s", k ? ", " : "", name);
        g_free(name);
    }
    fprintf(out, "], \"comparisons\": [");
}

/* Each destination compared on the base and the scenarios' networks. */
static int compare_scenarios(const corridors_request *rq, FILE *out, cli_format format,
                             fr_network **networks, char **names, size_t n, GPtrArray *all)
{
    if (format == CLI_CSV)
        scenarios_print_csv_header(out);
    if (format == CLI_JSON)
        scenarios_json_begin(out, names, n);
    GError *error = NULL;
    int code = EXIT_OK;
    for (char **to = rq->destinations; *to && code == EXIT_OK; to++) {
        corridor_scenarios *cs = corridor_compare_scenarios(
            rq->net, (const fr_network *const *)networks, (const char *const *)names, n,
            rq->from, *to, rq->settings, rq->modes, &error);
        if (!cs) {
            code = cli_fail_error(rq->prog, error);
            g_clear_error(&error);
            break;
        }
        if (format == CLI_JSON)
            scenarios_print_json(out, cs, all->len == 0);
        else if (format == CLI_CSV)
            scenarios_print_csv(out, cs);
        else
            scenarios_print_text(out, rq->net, cs, rq->by);
        g_ptr_array_add(all, cs);
    }
    if (format == CLI_JSON)
        fprintf(out, "\n]}\n");
    if (code == EXIT_OK && rq->chart) {
        if (chart_draw_scenarios(rq->net, all, rq->chart, &error)) {
            if (!rq->quiet)
                fprintf(stderr, "%s: chart written to %s\n", rq->prog, rq->chart);
        } else {
            code = cli_fail_error(rq->prog, error);
            g_clear_error(&error);
        }
    }
    return code;
}

int corridors_run_scenarios(const corridors_request *rq, FILE *out, cli_format format)
{
    char *values[] = {(char *)rq->scenarios, NULL};
    char **wanted = cli_split_list(values);
    size_t n = g_strv_length(wanted);
    fr_network **networks = g_new0(fr_network *, n);
    char **names = g_new0(char *, n + 1);
    int code = EXIT_OK;
    for (size_t k = 0; k < n && code == EXIT_OK; k++)
        networks[k] = scenario_option_apply(rq->prog, rq->net, wanted[k], &names[k], &code);
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)corridor_scenarios_free);
    if (code == EXIT_OK)
        code = compare_scenarios(rq, out, format, networks, names, n, all);
    g_ptr_array_free(all, TRUE);
    for (size_t k = 0; k < n; k++)
        fr_network_free(networks[k]);
    g_free(networks);
    g_strfreev(names);
    g_strfreev(wanted);
    return code;
}

int corridors_run_critical(const corridors_request *rq, FILE *out, cli_format format)
{
    GError *error = NULL;
    size_t n = g_strv_length(rq->destinations);
    fr_query *query = fr_query_copy(rq->settings);
    fr_query_set_endpoints(query, rq->from, rq->destinations[0]);
    fr_critical_list *list = fr_network_critical(
        rq->net, query, (const char *const *)rq->destinations, n, &error);
    fr_query_free(query);
    if (!list) {
        int code = cli_fail_error(rq->prog, error);
        g_error_free(error);
        return code;
    }
    critical_context c = {rq->net, rq->from, (const char *const *)rq->destinations, n, rq->by,
                          fr_query_quantity(rq->settings)};
    if (format == CLI_CSV)
        critical_print_csv(out, &c, list);
    else if (format == CLI_JSON)
        critical_print_json(out, &c, list);
    else
        critical_print_text(out, &c, list);
    fr_critical_list_free(list);
    return EXIT_OK;
}
