/* corridors_output.c - fr-corridors' output (see corridors_output.h). */
#include "corridors_output.h"

#include "cli_common.h"
#include "cli_output.h"
#include "dated_output.h"

#include <math.h>
#include <string.h>

/* "Alashankou | Dostyk, Brest": where the route changes mode or dwells. */
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

/* A dated route's departure or arrival in its node's zone (g_free); NULL undated. */
static char *route_when(const fr_network *net, const fr_route *r, bool arrive)
{
    GDateTime *when = arrive ? fr_route_arrival(r) : fr_route_departure(r);
    const char *node = arrive ? fr_route_to(r) : fr_route_from(r);
    return when ? dated_format(when, dated_node_zone(net, node)) : NULL;
}

static char *node_label(const fr_network *net, const char *id)
{
    fr_node_info node;
    fr_network_node(net, (size_t)fr_network_find_node(net, id), &node);
    return g_strdup_printf("%s (%s)", node.name, node.id);
}

static const char *option_name(const corridor_comparison *c, int i)
{
    return ((corridor_option *)g_ptr_array_index(c->options, i))->name;
}

static const fr_route *option_route(const corridor_comparison *c, int i)
{
    return ((corridor_option *)g_ptr_array_index(c->options, i))->route;
}

/* "fastest route overall (objective time): 12.3 days, 8,120 USD, 1,802.2 kg
 * CO2e, rail + sea (Yuxinou)" when it beats the rows' fastest (greenest). */
static void print_overall(corridor_printer *p, const corridor_comparison *c,
                          const fr_route *best, int row, bool by_time)
{
    if (!best || row < 0)
        return;
    double (*figure)(const fr_route *) = by_time ? fr_route_total_time_h : fr_route_total_co2_kg;
    if (figure(best) >= figure(option_route(c, row)) * (1 - 1e-9))
        return;
    char *name = corridor_route_name(best);
    char *usd = dated_thousands(fr_route_total_cost_usd(best));
    char *co2 = dated_grouped(fr_route_total_co2_kg(best), 1);
    fprintf(p->out,
            "  %s route overall (objective %s, not a row above): %.1f days, %s USD, %s kg "
            "CO2e, %s\n",
            by_time ? "fastest" : "greenest", by_time ? "time" : "co2",
            fr_route_total_time_h(best) / 24, usd, co2, name);
    g_free(name), g_free(usd), g_free(co2);
}

static void print_text_row(corridor_printer *p, const corridor_comparison *c, int i)
{
    const fr_route *r = option_route(c, i);
    char buf[8], *via = route_via(p->net, r);
    fprintf(p->out, "  %-28s ", option_name(c, i));
    if (p->dated) {
        char *from_at = route_when(p->net, r, false), *to_at = route_when(p->net, r, true);
        fprintf(p->out, "%-25s  %-25s ", from_at ? from_at : "", to_at ? to_at : "");
        g_free(from_at), g_free(to_at);
    }
    char *usd = dated_thousands(fr_route_total_cost_usd(r));
    char *co2 = dated_grouped(fr_route_total_co2_kg(r), 1);
    fprintf(p->out, "%7.1f %11s %11s %9zu %4s  %s\n", fr_route_total_time_h(r) / 24, usd, co2,
            fr_route_transfer_count(r), marks(c, i, buf, sizeof buf), via);
    g_free(via), g_free(usd), g_free(co2);
}

static void print_text(corridor_printer *p, const corridor_comparison *c,
                       const corridor_overall *overall)
{
    char *from = node_label(p->net, c->from), *to = node_label(p->net, c->to);
    char *depart = p->depart ? dated_format(p->depart, dated_node_zone(p->net, c->from)) : NULL;
    char *by = p->arrive_by ? dated_format(p->arrive_by, dated_node_zone(p->net, c->to)) : NULL;
    fprintf(p->out, "%s → %s: best route per corridor family%s%s%s%s, by %s, %g TEU\n", from, to,
            depart ? " departing " : "", depart ? depart : "", by ? " arriving by " : "",
            by ? by : "", p->by, p->quantity);
    g_free(from), g_free(to), g_free(depart), g_free(by);
    if (c->options->len == 0) {
        fprintf(p->out, "  no route\n\n");
        return;
    }
    fprintf(p->out, "  %-28s ", "corridor family");
    if (p->dated)
        fprintf(p->out, "%-25s  %-25s ", "depart", "arrive");
    fprintf(p->out, "%7s %11s %11s %9s %4s  %s\n", "days", "USD", "kg CO2e", "transfers", "best",
            "via");
    for (guint i = 0; i < c->options->len; i++)
        print_text_row(p, c, (int)i);
    if (c->no_route->len) {
        fprintf(p->out, "  no route %s:", p->depart ? "departing then" : "arriving in time");
        for (guint i = 0; i < c->no_route->len; i++)
            fprintf(p->out, "%s %s", i ? "," : "", (char *)g_ptr_array_index(c->no_route, i));
        fprintf(p->out, "\n");
    }
    fprintf(p->out, "  of the rows shown: cheapest ($) %s; fastest (F) %s; greenest (G) %s\n",
            option_name(c, c->cheapest), option_name(c, c->fastest),
            option_name(c, c->greenest));
    print_overall(p, c, overall->fastest, c->fastest, true);
    print_overall(p, c, overall->greenest, c->greenest, false);
    fprintf(p->out, "\n");
}

/* from,to,family,quantity_teu,[depart,arrive,] the figures, the marks, via. */
static void print_csv_row(corridor_printer *p, const corridor_comparison *c, int i)
{
    const fr_route *r = option_route(c, i);
    char *cells[] = {cli_csv_quote(c->from), cli_csv_quote(c->to),
                     cli_csv_quote(option_name(c, i)), cli_route_figures_csv(r), NULL};
    char *via = route_via(p->net, r), *quoted_via = cli_csv_quote(via);
    fprintf(p->out, "%s,%s,%s,%.12g,", cells[0], cells[1], cells[2], p->quantity);
    if (p->dated) {
        char *from_at = route_when(p->net, r, false), *to_at = route_when(p->net, r, true);
        fprintf(p->out, "%s,%s,", from_at ? from_at : "", to_at ? to_at : "");
        g_free(from_at), g_free(to_at);
    }
    fprintf(p->out, "%s,%d,%d,%d,%s\n", cells[3], i == c->cheapest, i == c->fastest,
            i == c->greenest, quoted_via);
    for (int k = 0; cells[k]; k++)
        g_free(cells[k]);
    g_free(via), g_free(quoted_via);
}

static void print_csv(corridor_printer *p, const corridor_comparison *c)
{
    for (guint i = 0; i < c->options->len; i++)
        print_csv_row(p, c, (int)i);
    char *depart = p->depart ? dated_format(p->depart, dated_node_zone(p->net, c->from)) : NULL;
    for (guint i = 0; i < c->no_route->len; i++) {
        char *cells[] = {cli_csv_quote(c->from), cli_csv_quote(c->to),
                         cli_csv_quote(g_ptr_array_index(c->no_route, i))};
        fprintf(p->out, "%s,%s,%s,%.12g,%s,,,,,,,,,,\n", cells[0], cells[1], cells[2],
                p->quantity, depart ? depart : "");
        for (int k = 0; k < 3; k++)
            g_free(cells[k]);
    }
    g_free(depart);
}

/* "key": the route's JSON, or null. */
static void print_json_route(FILE *out, const char *key, const fr_route *r)
{
    char *json = r ? fr_route_to_json(r) : g_strdup("null");
    g_strchomp(json);
    fprintf(out, ", \"%s\": %s", key, json);
    g_free(json);
}

static void print_json_option(corridor_printer *p, const corridor_comparison *c, int i)
{
    const fr_route *r = option_route(c, i);
    char *family = cli_json_quote(option_name(c, i)), *figures = cli_route_figures_json(r);
    fprintf(p->out, "%s\n    {\"family\": %s, ", i ? "," : "", family);
    char *when[2] = {route_when(p->net, r, false), route_when(p->net, r, true)};
    for (int k = 0; k < 2; k++)
        if (when[k]) {
            char *quoted = cli_json_quote(when[k]);
            fprintf(p->out, "\"%s\": %s, ", k ? "arrive" : "depart", quoted);
            g_free(quoted);
        }
    fprintf(p->out, "%s, \"cheapest\": %s, \"fastest\": %s, \"greenest\": %s", figures,
            i == c->cheapest ? "true" : "false", i == c->fastest ? "true" : "false",
            i == c->greenest ? "true" : "false");
    print_json_route(p->out, "route", r);
    fputc('}', p->out);
    g_free(family), g_free(figures), g_free(when[0]), g_free(when[1]);
}

static void print_json(corridor_printer *p, const corridor_comparison *c,
                       const corridor_overall *overall)
{
    char *from = cli_json_quote(c->from), *to = cli_json_quote(c->to);
    fprintf(p->out, "%s\n  {\"from\": %s, \"to\": %s, ", p->printed ? "," : "", from, to);
    GDateTime *when[2] = {p->depart, p->arrive_by};
    const char *node[2] = {c->from, c->to}, *key[2] = {"depart", "arrive_by"};
    for (int k = 0; k < 2; k++)
        if (when[k]) {
            char *at = dated_format(when[k], dated_node_zone(p->net, node[k]));
            char *quoted = cli_json_quote(at);
            fprintf(p->out, "\"%s\": %s, ", key[k], quoted);
            g_free(at), g_free(quoted);
        }
    fprintf(p->out, "\"no_route\": [");
    for (guint i = 0; i < c->no_route->len; i++) {
        char *name = cli_json_quote(g_ptr_array_index(c->no_route, i));
        fprintf(p->out, "%s%s", i ? ", " : "", name);
        g_free(name);
    }
    fprintf(p->out, "], \"options\": [");
    for (guint i = 0; i < c->options->len; i++)
        print_json_option(p, c, (int)i);
    fprintf(p->out, "]");
    print_json_route(p->out, "fastest_overall", overall->fastest);
    print_json_route(p->out, "greenest_overall", overall->greenest);
    fprintf(p->out, "}");
    g_free(from), g_free(to);
}

/* GeoJSON: the rows' routes kept, with their destination and family. */
static void collect_geojson(corridor_printer *p, const corridor_comparison *c)
{
    for (guint i = 0; i < c->options->len; i++) {
        char *to = cli_json_quote(c->to), *family = cli_json_quote(option_name(c, (int)i));
        g_ptr_array_add(p->geojson_routes, (gpointer)option_route(c, (int)i));
        g_ptr_array_add(p->geojson_extra,
                        g_strdup_printf("\"destination\": %s, \"family\": %s", to, family));
        g_free(to), g_free(family);
    }
}

void corridor_print_comparison(corridor_printer *p, const corridor_comparison *c,
                               const corridor_overall *overall)
{
    if (p->format == CLI_TEXT)
        print_text(p, c, overall);
    else if (p->format == CLI_CSV)
        print_csv(p, c);
    else if (p->format == CLI_JSON)
        print_json(p, c, overall);
    else
        collect_geojson(p, c);
    p->printed++;
}

void corridor_print_begin(corridor_printer *p)
{
    if (p->format == CLI_CSV && p->first)
        fprintf(p->out, "from,to,family,quantity_teu,depart,arrive,time_h,cost_usd,corridor\n");
    else if (p->format == CLI_CSV)
        fprintf(p->out, "from,to,family,quantity_teu,%s" CLI_FIGURE_COLUMNS
                        ",cheapest,fastest,greenest,via\n",
                p->dated ? "depart,arrive," : "");
    if (p->format == CLI_JSON)
        fprintf(p->out, "{\"quantity_teu\": %.12g, \"comparisons\": [", p->quantity);
    p->geojson_routes = g_ptr_array_new();
    p->geojson_extra = g_ptr_array_new_with_free_func(g_free);
}

void corridor_print_end(corridor_printer *p)
{
    if (p->format == CLI_JSON)
        fprintf(p->out, "\n]}\n");
    if (p->format == CLI_GEOJSON)
        cli_geojson_routes(p->out, (const fr_route *const *)p->geojson_routes->pdata,
                           (char *const *)p->geojson_extra->pdata, p->geojson_routes->len);
    g_ptr_array_free(p->geojson_routes, TRUE);
    g_ptr_array_free(p->geojson_extra, TRUE);
}

static void print_profiles_csv(corridor_printer *p, const corridor_profiles *ps)
{
    for (guint i = 0; i < ps->families->len; i++) {
        const corridor_profile *f = g_ptr_array_index(ps->families, i);
        char *cells[] = {cli_csv_quote(ps->from), cli_csv_quote(ps->to), cli_csv_quote(f->name)};
        char *prefix = g_strdup_printf("%s,%s,%s,%.12g,", cells[0], cells[1], cells[2],
                                       p->quantity);
        profile_print_csv(p->out, p->net, f->profile, false, prefix);
        g_free(prefix);
        for (int k = 0; k < 3; k++)
            g_free(cells[k]);
    }
}

static void print_profiles_json(corridor_printer *p, const corridor_profiles *ps)
{
    char *from = cli_json_quote(ps->from), *to = cli_json_quote(ps->to);
    fprintf(p->out, "%s\n  {\"from\": %s, \"to\": %s, \"every_h\": %.12g, \"families\": [",
            p->printed ? "," : "", from, to, p->every_h);
    for (guint i = 0; i < ps->families->len; i++) {
        const corridor_profile *f = g_ptr_array_index(ps->families, i);
        char *name = cli_json_quote(f->name);
        fprintf(p->out, "%s\n    {\"family\": %s, \"departures\": ", i ? "," : "", name);
        profile_print_json(p->out, p->net, f->profile, false, "      ");
        fprintf(p->out, "}");
        g_free(name);
    }
    fprintf(p->out, "]}");
    g_free(from), g_free(to);
}

static void print_profiles_text(corridor_printer *p, const corridor_profiles *ps)
{
    char *from = node_label(p->net, ps->from), *to = node_label(p->net, ps->to);
    GTimeZone *zone = dated_node_zone(p->net, ps->from);
    char *first = dated_format(p->first, zone), *last = dated_format(p->last, zone);
    fprintf(p->out,
            "%s → %s: each corridor family's route, by %s, %g TEU, departing every %g h from "
            "%s to %s\n",
            from, to, p->by, p->quantity, p->every_h, first, last);
    if (ps->families->len == 0)
        fprintf(p->out, "  no route\n");
    for (guint i = 0; i < ps->families->len; i++) {
        const corridor_profile *f = g_ptr_array_index(ps->families, i);
        fprintf(p->out, "  %s\n", f->name);
        profile_print_text(p->out, p->net, f->profile, false, "    ");
    }
    fprintf(p->out, "\n");
    g_free(from), g_free(to), g_free(first), g_free(last);
}

void corridor_print_profiles(corridor_printer *p, const corridor_profiles *ps)
{
    if (p->format == CLI_CSV)
        print_profiles_csv(p, ps);
    else if (p->format == CLI_JSON)
        print_profiles_json(p, ps);
    else
        print_profiles_text(p, ps);
    p->printed++;
}
