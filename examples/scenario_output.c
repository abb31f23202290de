/* scenario_output.c - fr-corridors --scenario as text, CSV and JSON (see
 * scenario_output.h). */
#include "scenario_output.h"

#include "cli_common.h"

#include <string.h>

/* A family's figures on one network, rounded as printed: in text days and
 * per TEU (labelled so); in CSV and JSON time_h, cost_usd and co2_kg for
 * the whole quantity, as the route JSON's totals. */
typedef struct {
    bool route;
    double days, usd, co2; /* text: days, USD/TEU, kg/TEU; else time_h, cost_usd, co2_kg */
} figures;

/* x as printf prints it with `digits` decimals (the same rounding as the
 * figures fr-corridors prints without scenarios), read back. */
static double rounded(double x, int digits)
{
    char text[G_ASCII_DTOSTR_BUF_SIZE];
    g_snprintf(text, sizeof text, "%.*f", digits, x);
    double r = g_ascii_strtod(text, NULL);
    return r == 0 ? 0 : r; /* no -0 */
}

/* Digits of the time, USD and kg CO2e per format; totals or per TEU. */
typedef struct {
    int days, usd, co2;
    bool per_teu_days;
} precision;

static const precision text_digits = {1, 0, 0, true}, csv_digits = {3, 2, 2, false},
                       json_digits = {3, 2, 2, false};

static figures figures_of(const corridor_option *o, precision p)
{
    if (!o)
        return (figures){false, 0, 0, 0};
    double q = p.per_teu_days ? fr_route_quantity(o->route) : 1;
    double time = fr_route_total_time_h(o->route) / (p.per_teu_days ? 24 : 1);
    return (figures){true, rounded(time, p.days),
                     rounded(fr_route_total_cost_usd(o->route) / q, p.usd),
                     rounded(fr_route_total_co2_kg(o->route) / q, p.co2)};
}

/* The change, of figures as printed (rounded again: no 0.30000000000000004). */
static figures change_of(figures base, figures scenario, precision p)
{
    if (!base.route || !scenario.route)
        return (figures){false, 0, 0, 0};
    return (figures){true, rounded(scenario.days - base.days, p.days),
                     rounded(scenario.usd - base.usd, p.usd),
                     rounded(scenario.co2 - base.co2, p.co2)};
}

/* The family's name for people: the base's route name, else the first
 * scenario's that has one. */
static const char *family_name(const corridor_scenarios *cs, const char *family)
{
    const corridor_option *o = corridor_find_family(cs->base, family);
    for (guint k = 0; !o && k < cs->scenarios->len; k++)
        o = corridor_find_family(g_ptr_array_index(cs->scenarios, k), family);
    return o ? o->name : family;
}

static const corridor_option *scenario_option(const corridor_scenarios *cs, guint k,
                                              const char *family)
{
    return corridor_find_family(g_ptr_array_index(cs->scenarios, k), family);
}

/* ---- CSV ------------------------------------------------------------------ */

void scenarios_print_csv_header(FILE *out)
{
    fputs("from,to,family,scenario,quantity_teu,base_cost_usd,base_time_h,base_co2_kg,"
          "scenario_cost_usd,scenario_time_h,scenario_co2_kg,delta_cost_usd,delta_time_h,"
          "delta_co2_kg\n",
          out);
}

static void csv_figures(FILE *out, figures f, bool last)
{
    if (f.route)
        fprintf(out, ",%.*f,%.*f,%.*f", csv_digits.usd, f.usd, csv_digits.days, f.days,
                csv_digits.co2, f.co2);
    else
        fputs(",,,", out);
    if (last)
        fputc('\n', out);
}

void scenarios_print_csv(FILE *out, const corridor_scenarios *cs)
{
    char *from = cli_csv_quote(cs->base->from), *to = cli_csv_quote(cs->base->to);
    for (guint f = 0; f < cs->families->len; f++) {
        const char *family = g_ptr_array_index(cs->families, f);
        char *name = cli_csv_quote(family_name(cs, family));
        figures base = figures_of(corridor_find_family(cs->base, family), csv_digits);
        for (guint k = 0; k < cs->scenarios->len; k++) {
            char *scenario = cli_csv_quote(cs->names[k]);
            figures other = figures_of(scenario_option(cs, k, family), csv_digits);
            fprintf(out, "%s,%s,%s,%s,%.12g", from, to, name, scenario,
                    fr_query_quantity(cs->base->settings));
            csv_figures(out, base, false);
            csv_figures(out, other, false);
            csv_figures(out, change_of(base, other, csv_digits), true);
            g_free(scenario);
        }
        g_free(name);
    }
    g_free(from), g_free(to);
}

/* ---- Text ----------------------------------------------------------------- */

static const char *node_name(const fr_network *net, const char *id)
{
    fr_node_info node;
    long index = fr_network_find_node(net, id);
    if (index < 0 || !fr_network_node(net, (size_t)index, &node))
        return id;
    return node.name;
}

/* Pads `text` to `width` characters (not bytes: names may be UTF-8). */
static void put_padded(FILE *out, const char *text, long width)
{
    fputs(text, out);
    for (long n = g_utf8_strlen(text, -1); n < width; n++)
        fputc(' ', out);
}

static void text_figures(FILE *out, figures f)
{
    if (f.route)
        fprintf(out, "%7.1f %9.0f %11.0f", f.days, f.usd, f.co2);
    else
        fputs("no route", out);
}

void scenarios_print_text(FILE *out, const fr_network *net, const corridor_scenarios *cs,
                          const char *by)
{
    fprintf(out, "%s (%s) → %s (%s): best route per corridor family, by %s; base and ",
            node_name(net, cs->base->from), cs->base->from, node_name(net, cs->base->to),
            cs->base->to, by);
    for (guint k = 0; k < cs->scenarios->len; k++)
        fprintf(out, "%s%s", k ? ", " : "", cs->names[k]);
    fputc('\n', out);
    if (cs->families->len == 0) {
        fputs("  no route\n\n", out);
        return;
    }
    long name_w = 28, scenario_w = 12;
    for (guint f = 0; f < cs->families->len; f++)
        name_w = MAX(name_w, g_utf8_strlen(family_name(cs, g_ptr_array_index(cs->families, f)),
                                           -1));
    for (guint k = 0; k < cs->scenarios->len; k++)
        scenario_w = MAX(scenario_w, g_utf8_strlen(cs->names[k], -1));
    fputs("  ", out);
    put_padded(out, "corridor family", name_w);
    fputc(' ', out);
    put_padded(out, "network", scenario_w);
    fprintf(out, " %7s %9s %11s  %8s %10s %12s\n", "days", "USD/TEU", "kg CO2e/TEU", "Δ days",
            "Δ USD/TEU", "Δ kg CO2e");
    for (guint f = 0; f < cs->families->len; f++) {
        const char *family = g_ptr_array_index(cs->families, f);
        figures base = figures_of(corridor_find_family(cs->base, family), text_digits);
        fputs("  ", out);
        put_padded(out, family_name(cs, family), name_w);
        fputc(' ', out);
        put_padded(out, "base", scenario_w);
        fputc(' ', out);
        text_figures(out, base);
        fputc('\n', out);
        for (guint k = 0; k < cs->scenarios->len; k++) {
            figures other = figures_of(scenario_option(cs, k, family), text_digits);
            figures change = change_of(base, other, text_digits);
            fprintf(out, "  %*s ", (int)name_w, "");
            put_padded(out, cs->names[k], scenario_w);
            fputc(' ', out);
            text_figures(out, other);
            if (change.route)
                fprintf(out, "  %+7.1f %+9.0f %+11.0f", change.days, change.usd, change.co2);
            fputc('\n', out);
        }
    }
    fputc('\n', out);
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_figures(FILE *out, const char *key, figures f)
{
    if (!f.route) {
        fprintf(out, "\"%s\": null", key);
        return;
    }
    fprintf(out, "\"%s\": {\"cost_usd\": %.*f, \"time_h\": %.*f, \"co2_kg\": %.*f}", key,
            json_digits.usd, f.usd, json_digits.days, f.days, json_digits.co2, f.co2);
}

void scenarios_print_json(FILE *out, const corridor_scenarios *cs, bool first)
{
    char *from = cli_json_quote(cs->base->from), *to = cli_json_quote(cs->base->to);
    fprintf(out, "%s\n  {\"from\": %s, \"to\": %s, \"quantity_teu\": %.12g, \"families\": [",
            first ? "" : ",", from, to, fr_query_quantity(cs->base->settings));
    for (guint f = 0; f < cs->families->len; f++) {
        const char *family = g_ptr_array_index(cs->families, f);
        char *key = cli_json_quote(family), *name = cli_json_quote(family_name(cs, family));
        figures base = figures_of(corridor_find_family(cs->base, family), json_digits);
        fprintf(out, "%s\n    {\"family\": %s, \"name\": %s, ", f ? "," : "", key, name);
        json_figures(out, "base", base);
        fputs(", \"scenarios\": [", out);
        for (guint k = 0; k < cs->scenarios->len; k++) {
            char *scenario = cli_json_quote(cs->names[k]);
            figures other = figures_of(scenario_option(cs, k, family), json_digits);
            fprintf(out, "%s\n      {\"scenario\": %s, ", k ? "," : "", scenario);
            json_figures(out, "figures", other);
            fputs(", ", out);
            json_figures(out, "change", change_of(base, other, json_digits));
            fputc('}', out);
            g_free(scenario);
        }
        fputs("]}", out);
        g_free(key), g_free(name);
    }
    fputs("]}", out);
    g_free(from), g_free(to);
}
