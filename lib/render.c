/* render.c - routes out: FORMAT.md §3 JSON, GeoJSON (a LineString feature
 * per link step) and a readable text itinerary. Renderers only read a route
 * and its network; they never search. Numbers are written locale-free. */
#include "route.h"

#include <math.h>
#include <string.h>

/* ---- JSON primitives ----------------------------------------------------- */

static void json_string(GString *out, const char *text)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        switch (*p) {
        case '"': g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\r': g_string_append(out, "\\r"); break;
        case '\t': g_string_append(out, "\\t"); break;
        default:
            if (*p < 0x20)
                g_string_append_printf(out, "\\u%04x", *p);
            else
                g_string_append_c(out, (char)*p);
        }
    }
    g_string_append_c(out, '"');
}

static void json_number(GString *out, double value)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (value == 0)
        value = 0; /* no "-0" */
    g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.12g", value));
}

static void json_key(GString *out, const char *key, bool first)
{
    if (!first)
        g_string_append(out, ", ");
    json_string(out, key);
    g_string_append(out, ": ");
}

static void json_str_field(GString *out, const char *key, const char *value, bool first)
{
    json_key(out, key, first);
    json_string(out, value);
}

static void json_num_field(GString *out, const char *key, double value)
{
    json_key(out, key, false);
    json_number(out, value);
}

/* The fields of a step as FORMAT.md §3 lists them, without braces. */
static void json_step_fields(GString *out, const fr_step *s)
{
    static const char *const types[] = {"link", "transfer", "dwell"};
    json_str_field(out, "type", types[s->type], true);
    if (s->type == FR_STEP_LINK) {
        json_str_field(out, "link", s->link_id, false);
        json_str_field(out, "from", s->from_node, false);
        json_str_field(out, "to", s->to_node, false);
        json_str_field(out, "mode", fr_mode_name(s->mode), false);
        json_str_field(out, "corridor", s->corridor, false);
    } else {
        json_str_field(out, "node", s->from_node, false);
        if (s->type == FR_STEP_TRANSFER) {
            json_str_field(out, "from_mode", fr_mode_name(s->mode), false);
            json_str_field(out, "to_mode", fr_mode_name(s->to_mode), false);
        }
    }
    json_num_field(out, "cost_usd", s->cost_usd);
    json_num_field(out, "time_h", s->time_h);
    if (s->type != FR_STEP_DWELL)
        json_num_field(out, "co2_kg", s->co2_kg);
    if (s->type == FR_STEP_LINK)
        json_num_field(out, "distance_km", s->distance_km);
}

static void json_route(GString *out, const fr_route *r)
{
    g_string_append_c(out, '{');
    json_str_field(out, "from", r->from, true);
    json_str_field(out, "to", r->to, false);
    json_str_field(out, "objective", fr_objective_name(r->objective), false);
    json_num_field(out, "quantity_teu", r->quantity);
    json_key(out, "total", false);
    g_string_append_c(out, '{');
    json_key(out, "cost_usd", true);
    json_number(out, fr_route_total_cost_usd(r));
    json_num_field(out, "time_h", fr_route_total_time_h(r));
    json_num_field(out, "co2_kg", fr_route_total_co2_kg(r));
    json_num_field(out, "distance_km", fr_route_total_distance_km(r));
    json_num_field(out, "transfers", (double)r->transfers);
    g_string_append(out, "}");
    json_key(out, "steps", false);
    g_string_append_c(out, '[');
    for (guint i = 0; i < r->steps->len; i++) {
        g_string_append(out, i ? ",\n  {" : "\n  {");
        json_step_fields(out, &g_array_index(r->steps, fr_step, i));
        g_string_append_c(out, '}');
    }
    g_string_append(out, "]}");
}

char *fr_route_to_json(const fr_route *r)
{
    GString *out = g_string_new(NULL);
    json_route(out, r);
    g_string_append_c(out, '\n');
    return g_string_free(out, FALSE);
}

/* ---- GeoJSON ------------------------------------------------------------- */

static void geojson_point(GString *out, const fr_network *net, const char *id)
{
    const fr_node *n = FR_NODE(net, fr_network_node_lookup(net, id));
    g_string_append_c(out, '[');
    json_number(out, n->lon);
    g_string_append(out, ", ");
    json_number(out, n->lat);
    g_string_append_c(out, ']');
}

char *fr_route_to_geojson(const fr_route *r)
{
    GString *out = g_string_new("{\"type\": \"FeatureCollection\", \"features\": [");
    bool first = true;
    for (guint i = 0; i < r->steps->len; i++) {
        const fr_step *s = &g_array_index(r->steps, fr_step, i);
        if (s->type != FR_STEP_LINK)
            continue;
        g_string_append(out, first ? "\n  " : ",\n  ");
        first = false;
        g_string_append(out, "{\"type\": \"Feature\", \"geometry\": "
                             "{\"type\": \"LineString\", \"coordinates\": [");
        geojson_point(out, r->net, s->from_node);
        g_string_append(out, ", ");
        geojson_point(out, r->net, s->to_node);
        g_string_append(out, "]}, \"properties\": {");
        json_step_fields(out, s);
        g_string_append(out, "}}");
    }
    g_string_append(out, "]}\n");
    return g_string_free(out, FALSE);
}

/* ---- text ---------------------------------------------------------------- */

/* Appends a number with thousands separators and `decimals` decimals. */
static void append_grouped(GString *out, double value, int decimals)
{
    char buf[64];
    g_ascii_formatd(buf, sizeof buf, decimals ? "%.1f" : "%.0f", value);
    if (strcmp(buf, "-0") == 0 || strcmp(buf, "-0.0") == 0)
        memmove(buf, buf + 1, strlen(buf));
    const char *digits = buf + (buf[0] == '-');
    size_t int_len = strcspn(digits, ".");
    g_string_append_len(out, buf, digits - buf);
    for (size_t i = 0; i < int_len; i++) {
        if (i && (int_len - i) % 3 == 0)
            g_string_append_c(out, ',');
        g_string_append_c(out, digits[i]);
    }
    g_string_append(out, digits + int_len);
}

/* Right-aligns `text` in a column of `width` characters (UTF-8 aware). */
static void append_padded(GString *out, const char *text, int width, bool right)
{
    long pad = width - (long)g_utf8_strlen(text, -1);
    if (right)
        for (long i = 0; i < pad; i++)
            g_string_append_c(out, ' ');
    g_string_append(out, text);
    if (!right)
        for (long i = 0; i < pad; i++)
            g_string_append_c(out, ' ');
}

static void append_cell_number(GString *out, double value, int decimals, int width)
{
    GString *cell = g_string_new(NULL);
    append_grouped(cell, value, decimals);
    append_padded(out, cell->str, width, true);
    g_string_free(cell, TRUE);
}

/* "36.0 h" below two days, "3.5 d" from there on. */
static void append_duration(GString *out, double hours, int width)
{
    char buf[32];
    char num[G_ASCII_DTOSTR_BUF_SIZE];
    if (hours < 48)
        g_snprintf(buf, sizeof buf, "%s h", g_ascii_formatd(num, sizeof num, "%.1f", hours));
    else
        g_snprintf(buf, sizeof buf, "%s d", g_ascii_formatd(num, sizeof num, "%.1f", hours / 24));
    append_padded(out, buf, width, true);
}

static const char *node_name(const fr_network *net, const char *id)
{
    return FR_NODE(net, fr_network_node_lookup(net, id))->name;
}

enum { W_LEG = 4, W_MODE = 6, W_CORRIDOR = 10, W_KM = 8, W_TIME = 9,
       W_USD = 10, W_CO2 = 10 };

/* The description column of a step: "A → B", "  transfer at X: rail → sea". */
static char *step_description(const fr_network *net, const fr_step *s)
{
    if (s->type == FR_STEP_LINK)
        return g_strdup_printf("%s → %s", node_name(net, s->from_node),
                               node_name(net, s->to_node));
    if (s->type == FR_STEP_TRANSFER)
        return g_strdup_printf("  transfer at %s: %s → %s", node_name(net, s->from_node),
                               fr_mode_name(s->mode), fr_mode_name(s->to_mode));
    const fr_node *n = FR_NODE(net, fr_network_node_lookup(net, s->from_node));
    return g_strdup_printf("  %s %s", n->kind == FR_NODE_BORDER ? "border crossing at" : "dwell at",
                           n->name);
}

static void text_row(GString *out, const char *leg, const char *what, int what_width,
                     const char *mode, const char *corridor)
{
    g_string_append(out, "  ");
    append_padded(out, leg, W_LEG, true);
    g_string_append(out, "  ");
    append_padded(out, what, what_width + 2, false);
    append_padded(out, mode, W_MODE, false);
    g_string_append_c(out, ' ');
    append_padded(out, corridor, W_CORRIDOR, false);
}

static void text_step(GString *out, const fr_network *net, const fr_step *s, int leg,
                      int what_width)
{
    char legno[16] = "";
    if (s->type == FR_STEP_LINK)
        g_snprintf(legno, sizeof legno, "%d", leg);
    char *what = step_description(net, s);
    text_row(out, legno, what, what_width, s->type == FR_STEP_LINK ? fr_mode_name(s->mode) : "",
             s->corridor);
    g_free(what);
    if (s->type == FR_STEP_LINK)
        append_cell_number(out, s->distance_km, 0, W_KM);
    else
        append_padded(out, "", W_KM, true);
    append_duration(out, s->time_h, W_TIME + 1);
    append_cell_number(out, s->cost_usd, 0, W_USD + 1);
    append_cell_number(out, s->co2_kg, 1, W_CO2 + 1);
    g_string_append_c(out, '\n');
}

static void text_totals(GString *out, const fr_route *r)
{
    double hours = fr_route_total_time_h(r);
    g_string_append(out, "\n  Total: ");
    append_grouped(out, fr_route_total_distance_km(r), 0);
    g_string_append(out, " km, ");
    if (hours >= 48) {
        append_grouped(out, hours / 24, 1);
        g_string_append(out, " days (");
        append_grouped(out, hours, 1);
        g_string_append(out, " h)");
    } else {
        append_grouped(out, hours, 1);
        g_string_append(out, " h");
    }
    g_string_append(out, ", USD ");
    append_grouped(out, fr_route_total_cost_usd(r), 0);
    g_string_append(out, ", ");
    append_grouped(out, fr_route_total_co2_kg(r), 1);
    g_string_append_printf(out, " kg CO2e, %zu transfer%s\n", r->transfers,
                           r->transfers == 1 ? "" : "s");
}

char *fr_route_to_text(const fr_route *r)
{
    GString *out = g_string_new(NULL);
    char qty[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(out, "%s (%s) → %s (%s): best by %s, %s TEU%s\n\n",
                           node_name(r->net, r->from), r->from, node_name(r->net, r->to), r->to,
                           fr_objective_name(r->objective),
                           g_ascii_formatd(qty, sizeof qty, "%g", r->quantity),
                           r->quantity == 1 ? "" : " (USD and CO2e for the whole shipment)");
    int what_width = (int)g_utf8_strlen("from → to", -1);
    for (guint i = 0; i < r->steps->len; i++) {
        char *what = step_description(r->net, &g_array_index(r->steps, fr_step, i));
        what_width = MAX(what_width, (int)g_utf8_strlen(what, -1));
        g_free(what);
    }
    text_row(out, "leg", "from → to", what_width, "mode", "corridor");
    append_padded(out, "km", W_KM, true);
    append_padded(out, "time", W_TIME + 1, true);
    append_padded(out, "USD/TEU", W_USD + 1, true);
    append_padded(out, "kg CO2e", W_CO2 + 1, true);
    g_string_append_c(out, '\n');
    int leg = 0;
    for (guint i = 0; i < r->steps->len; i++) {
        const fr_step *s = &g_array_index(r->steps, fr_step, i);
        text_step(out, r->net, s, s->type == FR_STEP_LINK ? ++leg : leg, what_width);
    }
    text_totals(out, r);
    return g_string_free(out, FALSE);
}
