/* cli_output.c - --output and the figures' one vocabulary (see cli_output.h). */
#include "cli_output.h"

#include "cli_common.h"

#include <errno.h>
#include <string.h>

FILE *cli_output_open(const char *prog, const char *file, int *code)
{
    if (!file)
        return stdout;
    FILE *out = fopen(file, "w");
    if (!out) {
        char *message = g_strdup_printf("--output %s: %s", file, g_strerror(errno));
        *code = cli_fail(prog, EXIT_INPUT, message);
        g_free(message);
    }
    return out;
}

int cli_output_close(const char *prog, const char *file, FILE *out)
{
    bool ok = !ferror(out);
    ok = (out == stdout ? fflush(out) == 0 : fclose(out) == 0) && ok;
    if (ok)
        return EXIT_OK;
    char *message = g_strdup_printf("cannot write %s: %s", file ? file : "standard output",
                                    g_strerror(errno));
    int code = cli_fail(prog, EXIT_INPUT, message);
    g_free(message);
    return code;
}

char *cli_route_figures_csv(const fr_route *route)
{
    return g_strdup_printf("%.12g,%.12g,%.12g,%.12g,%zu", fr_route_total_cost_usd(route),
                           fr_route_total_time_h(route), fr_route_total_co2_kg(route),
                           fr_route_total_distance_km(route), fr_route_transfer_count(route));
}

char *cli_route_figures_json(const fr_route *route)
{
    return g_strdup_printf("\"cost_usd\": %.12g, \"time_h\": %.12g, \"co2_kg\": %.12g, "
                           "\"distance_km\": %.12g, \"transfers\": %zu",
                           fr_route_total_cost_usd(route), fr_route_total_time_h(route),
                           fr_route_total_co2_kg(route), fr_route_total_distance_km(route),
                           fr_route_transfer_count(route));
}

char *cli_route_links(const fr_route *route)
{
    GString *links = g_string_new(NULL);
    for (size_t i = 0; i < fr_route_step_count(route); i++) {
        const fr_step *step = fr_route_step(route, i);
        if (step->type == FR_STEP_LINK)
            g_string_append_printf(links, "%s%s", links->len ? " " : "", step->link_id);
    }
    return g_string_free(links, FALSE);
}

void cli_route_csv_header(FILE *out)
{
    fprintf(out, "from,to,objective,quantity_teu," CLI_FIGURE_COLUMNS ",depart,arrive,links\n");
}

/* A dated route's departure or arrival as ISO 8601 (g_free); "" undated. */
static char *when_text(GDateTime *when)
{
    return when ? g_date_time_format_iso8601(when) : g_strdup("");
}

void cli_route_csv_row(FILE *out, const fr_route *route, fr_objective objective)
{
    char *cells[] = {cli_csv_quote(fr_route_from(route)), cli_csv_quote(fr_route_to(route)),
                     cli_route_figures_csv(route), when_text(fr_route_departure(route)),
                     when_text(fr_route_arrival(route)), cli_route_links(route)};
    fprintf(out, "%s,%s,%s,%.12g,%s,%s,%s,%s\n", cells[0], cells[1], fr_objective_name(objective),
            fr_route_quantity(route), cells[2], cells[3], cells[4], cells[5]);
    for (size_t i = 0; i < G_N_ELEMENTS(cells); i++)
        g_free(cells[i]);
}

/* The features of one route's GeoJSON, their properties led by `extra`. */
static void append_features(GString *all, const fr_route *route, const char *extra)
{
    char *json = fr_route_to_geojson(route);
    const char *begin = strstr(json, "\"features\": [");
    const char *end = strrchr(json, ']');
    if (begin && end && end > begin + 13) {
        char *features = g_strndup(begin + 13, (size_t)(end - begin - 13));
        char *lead = g_strdup_printf("\"properties\": {%s, ", extra);
        char **parts = g_strsplit(features, "\"properties\": {", -1);
        char *joined = g_strjoinv(lead, parts);
        g_strstrip(joined);
        if (*joined)
            g_string_append_printf(all, "%s\n  %s", all->len ? "," : "", joined);
        g_strfreev(parts);
        g_free(joined), g_free(lead), g_free(features);
    }
    g_free(json);
}

void cli_geojson_routes(FILE *out, const fr_route *const *routes, char *const *extra, size_t n)
{
    GString *all = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
        append_features(all, routes[i], extra[i]);
    fprintf(out, "{\"type\": \"FeatureCollection\", \"features\": [%s]}\n", all->str);
    g_string_free(all, TRUE);
}
