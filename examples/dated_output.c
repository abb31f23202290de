/* dated_output.c - date-times and departure-profile rows as the programs
 * print them (see dated_output.h). */
#include "dated_output.h"

#include "cli_common.h"
#include "corridors.h"

#include <math.h>
#include <string.h>

char *dated_format(GDateTime *when, GTimeZone *zone)
{
    GDateTime *local = zone ? g_date_time_to_timezone(when, zone) : g_date_time_ref(when);
    gint64 usec = g_date_time_get_microsecond(local);
    GDateTime *rounded = g_date_time_add(local, usec >= G_USEC_PER_SEC / 2 ? G_USEC_PER_SEC - usec
                                                                            : -usec);
    char *text = g_date_time_format(rounded, "%Y-%m-%dT%H:%M:%S%:z");
    g_date_time_unref(rounded);
    g_date_time_unref(local);
    return text;
}

GTimeZone *dated_node_zone(const fr_network *net, const char *id)
{
    long index = id ? fr_network_find_node(net, id) : -1;
    return index < 0 ? NULL : fr_network_node_timezone(net, (size_t)index);
}

void profile_row_get(const fr_network *net, const fr_profile *profile, size_t i, bool per_teu,
                     profile_row *row)
{
    const fr_route *route = fr_profile_route(profile, i);
    *row = (profile_row){0};
    GDateTime *depart = fr_profile_departure(profile, i);
    if (route && fr_route_departure(route))
        depart = fr_route_departure(route);
    GTimeZone *from_zone = route ? dated_node_zone(net, fr_route_from(route)) : NULL;
    row->depart = dated_format(depart, from_zone);
    if (!route)
        return;
    GDateTime *arrive = fr_route_arrival(route);
    row->arrive = arrive ? dated_format(arrive, dated_node_zone(net, fr_route_to(route)))
                         : g_strdup("");
    row->days = fr_route_total_time_h(route) / 24;
    row->cost_usd = fr_route_total_cost_usd(route) / (per_teu ? fr_route_quantity(route) : 1);
    row->corridor = corridor_family(route);
}

void profile_row_clear(profile_row *row)
{
    g_free(row->depart);
    g_free(row->arrive);
    g_free(row->corridor);
    *row = (profile_row){0};
}

char *dated_grouped(double value, int decimals)
{
    char digits[400]; /* %.*f of any finite double fits */
    g_snprintf(digits, sizeof digits, "%.*f", decimals, value);
    if (!strpbrk(digits, "123456789") && digits[0] == '-')
        memmove(digits, digits + 1, strlen(digits)); /* no "-0" */
    GString *out = g_string_new(NULL);
    const char *p = digits;
    if (*p == '-')
        g_string_append_c(out, *p++);
    size_t n = strcspn(p, ".");
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            g_string_append_c(out, ',');
        g_string_append_c(out, p[i]);
    }
    g_string_append(out, p + n);
    return g_string_free(out, FALSE);
}

char *dated_thousands(double value) { return dated_grouped(value, 0); }

void profile_print_text(FILE *out, const fr_network *net, const fr_profile *profile,
                        bool per_teu, const char *indent)
{
    fprintf(out, "%s%-25s  %-25s  %6s  %10s  %s\n", indent, "depart", "arrive", "days",
            per_teu ? "USD/TEU" : "USD", "corridor");
    for (size_t i = 0; i < fr_profile_count(profile); i++) {
        profile_row row;
        profile_row_get(net, profile, i, per_teu, &row);
        if (row.arrive) {
            char *cost = dated_thousands(row.cost_usd);
            fprintf(out, "%s%-25s  %-25s  %6.1f  %10s  %s\n", indent, row.depart, row.arrive,
                    row.days, cost, row.corridor);
            g_free(cost);
        } else {
            fprintf(out, "%s%-25s  no route\n", indent, row.depart);
        }
        profile_row_clear(&row);
    }
}

/* A CSV cell, quoted when it must be. */
static void csv_cell(FILE *out, const char *text)
{
    char *cell = cli_csv_quote(text);
    fputs(cell, out);
    g_free(cell);
}

void profile_print_csv(FILE *out, const fr_network *net, const fr_profile *profile,
                       bool per_teu, const char *prefix)
{
    (void)per_teu; /* CSV and JSON give totals (FORMAT.md §7: one vocabulary) */
    for (size_t i = 0; i < fr_profile_count(profile); i++) {
        profile_row row;
        profile_row_get(net, profile, i, false, &row);
        fputs(prefix, out);
        csv_cell(out, row.depart);
        if (row.arrive) {
            fputc(',', out);
            csv_cell(out, row.arrive);
            fprintf(out, ",%.4f,%.12g,", row.days * 24, row.cost_usd);
            csv_cell(out, row.corridor);
            fputc('\n', out);
        } else {
            fputs(",,,,\n", out);
        }
        profile_row_clear(&row);
    }
}

void profile_print_json(FILE *out, const fr_network *net, const fr_profile *profile,
                        bool per_teu, const char *indent)
{
    (void)per_teu;
    fputc('[', out);
    for (size_t i = 0; i < fr_profile_count(profile); i++) {
        profile_row row;
        profile_row_get(net, profile, i, false, &row);
        char *depart = cli_json_quote(row.depart);
        fprintf(out, "%s\n%s{\"depart\": %s, ", i ? "," : "", indent, depart);
        if (row.arrive) {
            char *arrive = cli_json_quote(row.arrive), *corridor = cli_json_quote(row.corridor);
            fprintf(out, "\"arrive\": %s, \"time_h\": %.4f, \"cost_usd\": %.12g, ", arrive,
                    row.days * 24, row.cost_usd);
            fprintf(out, "\"corridor\": %s}", corridor);
            g_free(arrive);
            g_free(corridor);
        } else {
            fputs("\"route\": null}", out);
        }
        g_free(depart);
        profile_row_clear(&row);
    }
    fputc(']', out);
}
