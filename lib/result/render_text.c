/* render_text.c - routes as text people read: a single route as an
 * itinerary (one row per step) with totals; a list of routes as a table,
 * one row per route (main modes, corridors, time, USD and kg CO2e per TEU,
 * transfers), followed by each route's itinerary on request. Both share the
 * itinerary and the number formatting. Numbers are written locale-free. */
#include "route.h"

#include <string.h>

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

/* "62.5 h" below three days (air and road trips stay told apart), "3.5 d"
 * from there on. */
static void append_duration(GString *out, double hours, int width)
{
    char buf[32];
    char num[G_ASCII_DTOSTR_BUF_SIZE];
    if (hours < 72)
        g_snprintf(buf, sizeof buf, "%s h", g_ascii_formatd(num, sizeof num, "%.1f", hours));
    else
        g_snprintf(buf, sizeof buf, "%s d", g_ascii_formatd(num, sizeof num, "%.1f", hours / 24));
    append_padded(out, buf, width, true);
}

static const char *node_name(const fr_model *model, const char *id)
{
    return FR_NODE(model, fr_model_node_lookup(model, id))->name;
}

enum { W_LEG = 4, W_MODE = 6, W_CORRIDOR = 10, W_KM = 8, W_TIME = 9,
       W_USD = 10, W_CO2 = 12 };

/* The description column of a step: "A → B", "  transfer at X: rail → sea". */
static char *step_description(const fr_model *model, const fr_step *s)
{
    if (s->type == FR_STEP_LINK)
        return g_strdup_printf("%s → %s", node_name(model, s->from_node),
                               node_name(model, s->to_node));
    if (s->type == FR_STEP_TRANSFER)
        return g_strdup_printf("  transfer at %s: %s → %s", node_name(model, s->from_node),
                               fr_mode_name(s->mode), fr_mode_name(s->to_mode));
    if (s->type == FR_STEP_WAIT)
        return g_strdup_printf("  wait at %s", node_name(model, s->from_node));
    const fr_node *n = FR_NODE(model, fr_model_node_lookup(model, s->from_node));
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

static void text_step(GString *out, const fr_model *model, const fr_step *s, int leg,
                      int what_width)
{
    char legno[16] = "";
    if (s->type == FR_STEP_LINK)
        g_snprintf(legno, sizeof legno, "%d", leg);
    char *what = step_description(model, s);
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
    if (s->start) {
        char *when = g_date_time_format(s->start, "  %a %Y-%m-%d %H:%M %:z");
        g_string_append(out, when);
        g_free(when);
    }
    g_string_append_c(out, '\n');
}

/* "Departs Tue 2019-07-02 08:00 +08:00, arrives ..." for dated routes. */
static void text_dates(GString *out, const fr_route *r)
{
    if (!r->depart)
        return;
    char *depart = g_date_time_format(r->depart, "%a %Y-%m-%d %H:%M %:z");
    char *arrive = r->arrive ? g_date_time_format(r->arrive, "%a %Y-%m-%d %H:%M %:z")
                             : g_strdup("after the year 9999");
    g_string_append_printf(out, "  Departs %s, arrives %s\n", depart, arrive);
    g_free(depart);
    g_free(arrive);
}

/* "Total for 40 TEU: ..." (the steps above are per TEU). */
static void text_totals(GString *out, const fr_route *r)
{
    double hours = fr_route_total_time_h(r);
    char qty[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(out, "\n  Total for %s TEU: ",
                           g_ascii_formatd(qty, sizeof qty, "%g", r->quantity));
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

/* The steps as a table, then the totals. */
static void text_itinerary(GString *out, const fr_route *r)
{
    int what_width = (int)g_utf8_strlen("from → to", -1);
    for (guint i = 0; i < r->steps->len; i++) {
        char *what = step_description(r->ctx.model, &g_array_index(r->steps, fr_step, i));
        what_width = MAX(what_width, (int)g_utf8_strlen(what, -1));
        g_free(what);
    }
    text_row(out, "leg", "from → to", what_width, "mode", "corridor");
    append_padded(out, "km", W_KM, true);
    append_padded(out, "time", W_TIME + 1, true);
    append_padded(out, "USD/TEU", W_USD + 1, true);
    append_padded(out, "kg CO2e/TEU", W_CO2 + 1, true);
    if (r->depart)
        g_string_append(out, "  starts (local time)");
    g_string_append_c(out, '\n');
    int leg = 0;
    for (guint i = 0; i < r->steps->len; i++) {
        const fr_step *s = &g_array_index(r->steps, fr_step, i);
        text_step(out, r->ctx.model, s, s->type == FR_STEP_LINK ? ++leg : leg, what_width);
    }
    text_totals(out, r);
    text_dates(out, r);
}

char *fr_route_to_text(const fr_route *r)
{
    if (!r)
        return NULL;
    GString *out = g_string_new(NULL);
    char qty[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(out, "%s (%s) → %s (%s): best by %s, %s TEU%s\n\n",
                           node_name(r->ctx.model, r->from), r->from, node_name(r->ctx.model, r->to), r->to,
                           fr_objective_name(r->objective),
                           g_ascii_formatd(qty, sizeof qty, "%g", r->quantity),
                           r->quantity == 1 ? ""
                                            : " (steps per TEU, totals for the whole shipment)");
    text_itinerary(out, r);
    return g_string_free(out, FALSE);
}

/* ---- lists ------------------------------------------------------------------ */

/* The modes of the route's links in order, repeats merged: "river → sea → road". */
static char *main_modes(const fr_route *r)
{
    GString *s = g_string_new(NULL);
    int last = -1;
    for (guint i = 0; i < r->steps->len; i++) {
        const fr_step *step = &g_array_index(r->steps, fr_step, i);
        if (step->type != FR_STEP_LINK || (int)step->mode == last)
            continue;
        g_string_append_printf(s, "%s%s", last < 0 ? "" : " → ", fr_mode_name(step->mode));
        last = (int)step->mode;
    }
    return g_string_free(s, FALSE);
}

/* The corridor labels of the route's links, each once, in order; "-" if none. */
static char *corridor_names(const fr_route *r)
{
    GPtrArray *seen = g_ptr_array_new();
    for (guint i = 0; i < r->steps->len; i++) {
        const fr_step *step = &g_array_index(r->steps, fr_step, i);
        bool known = !step->corridor[0];
        for (guint j = 0; !known && j < seen->len; j++)
            known = strcmp(g_ptr_array_index(seen, j), step->corridor) == 0;
        if (!known)
            g_ptr_array_add(seen, (gpointer)step->corridor);
    }
    g_ptr_array_add(seen, NULL);
    char *joined = seen->len > 1 ? g_strjoinv(", ", (char **)seen->pdata) : g_strdup("-");
    g_ptr_array_free(seen, TRUE);
    return joined;
}

enum { W_INDEX = 3, W_DAYS = 7, W_PER_TEU = 10, W_TRANSFERS = 10 };

static void list_row(GString *out, const char *index, const char *modes, int modes_width,
                     const char *corridors, int corridors_width)
{
    g_string_append(out, "  ");
    append_padded(out, index, W_INDEX, true);
    g_string_append(out, "  ");
    append_padded(out, modes, modes_width + 2, false);
    append_padded(out, corridors, corridors_width, false);
}

static void list_table(GString *out, const fr_route_list *list)
{
    guint n = list->routes->len;
    char **modes = g_new0(char *, n + 1), **corridors = g_new0(char *, n + 1);
    int modes_width = (int)strlen("modes"), corridors_width = (int)strlen("corridors");
    for (guint i = 0; i < n; i++) {
        modes[i] = main_modes(g_ptr_array_index(list->routes, i));
        corridors[i] = corridor_names(g_ptr_array_index(list->routes, i));
        modes_width = MAX(modes_width, (int)g_utf8_strlen(modes[i], -1));
        corridors_width = MAX(corridors_width, (int)g_utf8_strlen(corridors[i], -1));
    }
    list_row(out, "#", "modes", modes_width, "corridors", corridors_width);
    append_padded(out, "time", W_DAYS + 1, true);
    append_padded(out, "USD/TEU", W_PER_TEU + 1, true);
    append_padded(out, "kg CO2e/TEU", W_PER_TEU + 2, true);
    append_padded(out, "transfers", W_TRANSFERS + 1, true);
    g_string_append_c(out, '\n');
    for (guint i = 0; i < n; i++) {
        const fr_route *r = g_ptr_array_index(list->routes, i);
        char index[16];
        g_snprintf(index, sizeof index, "%u", i + 1);
        list_row(out, index, modes[i], modes_width, corridors[i], corridors_width);
        append_duration(out, r->time_h, W_DAYS + 1); /* hours below two days */
        append_cell_number(out, r->cost_usd, 0, W_PER_TEU + 1);
        append_cell_number(out, r->co2_kg, 1, W_PER_TEU + 2);
        append_cell_number(out, (double)r->transfers, 0, W_TRANSFERS + 1);
        g_string_append_c(out, '\n');
    }
    g_strfreev(modes);
    g_strfreev(corridors);
}

char *fr_route_list_to_text(const fr_route_list *list, bool verbose)
{
    if (!list)
        return NULL;
    GString *out = g_string_new(NULL);
    if (list->routes->len == 0) {
        g_string_append_printf(out, "no %s\n", list->title ? list->title : "routes");
        return g_string_free(out, FALSE);
    }
    const fr_route *first = g_ptr_array_index(list->routes, 0);
    char qty[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(out, "%s (%s) → %s (%s): %s, %s TEU%s\n\n",
                           node_name(first->ctx.model, first->from), first->from,
                           node_name(first->ctx.model, first->to), first->to,
                           list->title ? list->title : "routes",
                           g_ascii_formatd(qty, sizeof qty, "%g", first->quantity),
                           first->quantity == 1 ? "" : " (table per TEU, itineraries' totals "
                                                       "for the whole shipment)");
    list_table(out, list);
    for (guint i = 0; verbose && i < list->routes->len; i++) {
        g_string_append_printf(out, "\nRoute %u\n", i + 1);
        text_itinerary(out, g_ptr_array_index(list->routes, i));
    }
    return g_string_free(out, FALSE);
}
