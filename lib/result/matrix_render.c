/* matrix_render.c - origin-destination matrices out as CSV (one row per
 * cell) and JSON (cells as rows of objects, with each kept route as
 * FORMAT.md §3 writes it). Numbers as lib/render.c writes them. */
#include "matrix.h"
#include "csv.h"

#include <string.h>

static const char *const status_names[] = {"route", "no_route", "same_node"};

/* Numbers as lib/render.c writes them: locale-free %.12g, no "-0". */
static void append_number(GString *out, double value)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (value == 0)
        value = 0;
    g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.12g", value));
}

static void append_json_string(GString *out, const char *text)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(out, "\\%c", *p);
        else if (*p < 0x20)
            g_string_append_printf(out, "\\u%04x", *p);
        else
            g_string_append_c(out, (char)*p);
    }
    g_string_append_c(out, '"');
}

/* The link ids of a route's link steps, joined by spaces. */
static void append_link_ids(GString *out, const fr_route *route)
{
    bool first = true;
    for (size_t k = 0; route && k < fr_route_step_count(route); k++) {
        const fr_step *step = fr_route_step(route, k);
        if (step->type != FR_STEP_LINK)
            continue;
        if (!first)
            g_string_append_c(out, ' ');
        g_string_append(out, step->link_id);
        first = false;
    }
}

static void csv_row(GString *out, const fr_matrix *m, size_t i, size_t j)
{
    const fr_cell *c = fr_matrix_cell(m, i, j);
    fr_csv_append_field(out, m->origins[i], false);
    g_string_append_c(out, ',');
    fr_csv_append_field(out, m->destinations[j], false);
    g_string_append_printf(out, ",%s", status_names[c->status]);
    if (c->status == FR_CELL_ROUTE) {
        const double figures[] = {c->cost, c->time, c->co2, c->distance, c->transfers,
                                  c->objective};
        for (size_t k = 0; k < G_N_ELEMENTS(figures); k++) {
            g_string_append_c(out, ',');
            append_number(out, figures[k]);
        }
    } else {
        g_string_append(out, ",,,,,,");
    }
    if (m->routes) {
        g_string_append_c(out, ',');
        GString *links = g_string_new(NULL);
        append_link_ids(links, fr_matrix_route(m, i, j));
        fr_csv_append_field(out, links->str, false);
        g_string_free(links, TRUE);
    }
    g_string_append_c(out, '\n');
}

char *fr_matrix_to_csv(const fr_matrix *m)
{
    if (!m)
        return NULL;
    GString *out = g_string_new("origin,destination,status,cost_usd,time_h,co2_kg,distance_km,"
                                "transfers,objective");
    g_string_append(out, m->routes ? ",links\n" : "\n");
    for (size_t i = 0; i < m->n_origins; i++)
        for (size_t j = 0; j < m->n_destinations; j++)
            csv_row(out, m, i, j);
    return g_string_free(out, FALSE);
}

static void json_id_list(GString *out, const char *key, const char *const *ids, size_t n)
{
    g_string_append_printf(out, ", \"%s\": [", key);
    for (size_t k = 0; k < n; k++) {
        if (k)
            g_string_append(out, ", ");
        append_json_string(out, ids[k]);
    }
    g_string_append_c(out, ']');
}

static void json_cell(GString *out, const fr_matrix *m, size_t i, size_t j)
{
    const fr_cell *c = fr_matrix_cell(m, i, j);
    g_string_append_printf(out, "{\"status\": \"%s\"", status_names[c->status]);
    if (c->status == FR_CELL_ROUTE) {
        const char *const keys[] = {"cost_usd", "time_h", "co2_kg", "distance_km", "transfers",
                                    "objective"};
        const double figures[] = {c->cost, c->time, c->co2, c->distance, c->transfers,
                                  c->objective};
        for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
            g_string_append_printf(out, ", \"%s\": ", keys[k]);
            append_number(out, figures[k]);
        }
    }
    const fr_route *route = fr_matrix_route(m, i, j);
    if (route) {
        char *json = fr_route_to_json(route);
        g_strchomp(json);
        g_string_append_printf(out, ", \"route\": %s", json);
        g_free(json);
    }
    g_string_append_c(out, '}');
}

char *fr_matrix_to_json(const fr_matrix *m)
{
    if (!m)
        return NULL;
    GString *out = g_string_new("{\"objective\": ");
    append_json_string(out, fr_objective_name(m->objective));
    g_string_append(out, ", \"quantity_teu\": "); /* the route JSON's key */
    append_number(out, m->quantity);
    json_id_list(out, "origins", m->origins, m->n_origins);
    json_id_list(out, "destinations", m->destinations, m->n_destinations);
    g_string_append(out, ",\n \"cells\": [");
    for (size_t i = 0; i < m->n_origins; i++) {
        g_string_append(out, i ? ",\n  [" : "\n  [");
        for (size_t j = 0; j < m->n_destinations; j++) {
            if (j)
                g_string_append(out, ", ");
            json_cell(out, m, i, j);
        }
        g_string_append_c(out, ']');
    }
    g_string_append(out, "]}\n");
    return g_string_free(out, FALSE);
}
