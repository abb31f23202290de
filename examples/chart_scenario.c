/* chart_scenario.c - fr-corridors --scenario --chart (see chart.h): a
 * panel per destination, each family's base point joined by an arrow to its
 * point under each scenario. */
#include "chart_internal.h"

#include <math.h>
#include <string.h>

enum { SCENARIO_TITLE_H = 70 };

/* The shared USD range of the base and scenario comparisons. */
static scales find_scenario_scales(const GPtrArray *comparisons)
{
    double max_days = 0, min_usd = INFINITY, max_usd = 10;
    for (guint c = 0; c < comparisons->len; c++) {
        const corridor_scenarios *cs = g_ptr_array_index(comparisons, c);
        chart_widen(cs->base, &max_days, &min_usd, &max_usd);
        for (guint k = 0; k < cs->scenarios->len; k++)
            chart_widen(g_ptr_array_index(cs->scenarios, k), &max_days, &min_usd, &max_usd);
    }
    scales s = {0};
    chart_usd_range(&s, min_usd, max_usd);
    return s;
}

/* The longest route of one destination, on the base network or a scenario's. */
static double scenario_max_days(const corridor_scenarios *cs)
{
    double max_days = 0, min_usd = INFINITY, max_usd = 0;
    chart_widen(cs->base, &max_days, &min_usd, &max_usd);
    for (guint k = 0; k < cs->scenarios->len; k++)
        chart_widen(g_ptr_array_index(cs->scenarios, k), &max_days, &min_usd, &max_usd);
    return max_days;
}

/* A line from (x0, y0) to (x1, y1) with an arrowhead at its end. */
static void arrow(cairo_t *cr, double x0, double y0, double x1, double y1)
{
    double dx = x1 - x0, dy = y1 - y0, length = hypot(dx, dy);
    if (length < 1)
        return;
    double ux = dx / length, uy = dy / length, tip = fmin(8, length * 0.6);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1 - ux * 4.5, y1 - uy * 4.5);
    cairo_stroke(cr);
    double bx = x1 - ux * (4.5 + tip), by = y1 - uy * (4.5 + tip);
    cairo_move_to(cr, x1 - ux * 4.5, y1 - uy * 4.5);
    cairo_line_to(cr, bx - uy * tip * 0.45, by + ux * tip * 0.45);
    cairo_line_to(cr, bx + uy * tip * 0.45, by - ux * tip * 0.45);
    cairo_close_path(cr);
    cairo_fill(cr);
}

static void marker(cairo_t *cr, double x, double y, bool filled)
{
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, filled ? 4.5 : 5.5, 0, 2 * G_PI);
    if (filled)
        cairo_fill(cr);
    else
        cairo_stroke(cr);
}


static void draw_scenario_panel(cairo_t *cr, const panel *p, const corridor_scenarios *cs)
{
    GArray *placed = g_array_new(FALSE, FALSE, sizeof(box));
    GArray *lines = g_array_new(FALSE, FALSE, sizeof(segment));
    cairo_set_line_width(cr, 1.5);
    for (guint f = 0; f < cs->families->len; f++) {
        const char *family = g_ptr_array_index(cs->families, f);
        const corridor_option *base = corridor_find_family(cs->base, family);
        for (guint k = 0; k < cs->scenarios->len; k++) {
            const corridor_option *o =
                corridor_find_family(g_ptr_array_index(cs->scenarios, k), family);
            if (!o)
                continue;
            const double *rgb = chart_colour(k + 1);
            cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
            cairo_set_line_width(cr, 1.5);
            double x = chart_x_of(p, chart_days_of(o)), y = chart_y_of(p, chart_usd_of(o));
            double bx = base ? chart_x_of(p, chart_days_of(base)) : x, by = base ? chart_y_of(p, chart_usd_of(base)) : y;
            if (base && hypot(x - bx, y - by) < 2) { /* unchanged: a dot in the base ring */
                cairo_new_sub_path(cr);
                cairo_arc(cr, bx, by, 2.2, 0, 2 * G_PI);
                cairo_fill(cr);
                continue;
            }
            if (base) {
                arrow(cr, bx, by, x, y);
                segment l = {bx, by, x, y};
                g_array_append_val(lines, l);
            }
            marker(cr, x, y, true);
            chart_add_obstacle(placed, x, y);
        }
        if (base) {
            double x = chart_x_of(p, chart_days_of(base)), y = chart_y_of(p, chart_usd_of(base));
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
            cairo_set_line_width(cr, 1.5);
            marker(cr, x, y, false);
            chart_add_obstacle(placed, x, y);
        }
    }
    chart_set_font(cr, 10, false);
    for (guint f = 0; f < cs->families->len; f++) {
        const char *family = g_ptr_array_index(cs->families, f);
        const corridor_option *o = corridor_find_family(cs->base, family);
        for (guint k = 0; !o && k < cs->scenarios->len; k++)
            o = corridor_find_family(g_ptr_array_index(cs->scenarios, k), family);
        if (o)
            chart_draw_label(cr, p, chart_x_of(p, chart_days_of(o)), chart_y_of(p, chart_usd_of(o)), o->name, placed, lines);
    }
    g_array_free(lines, TRUE);
    g_array_free(placed, TRUE);
}

/* The legend under the title: the base marker, then each scenario's colour. */
static void draw_scenario_legend(cairo_t *cr, const corridor_scenarios *cs)
{
    chart_set_font(cr, 11, false);
    double x = 24, y = 52;
    cairo_set_line_width(cr, 1.5);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    marker(cr, x, y, false);
    chart_text_at(cr, x + 10, y + 4, "base (a dot inside: unchanged)");
    x += 220;
    for (guint k = 0; k < cs->scenarios->len; k++) {
        const double *rgb = chart_colour(k + 1);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        arrow(cr, x, y, x + 26, y);
        marker(cr, x + 26, y, true);
        cairo_text_extents_t ext;
        cairo_text_extents(cr, cs->names[k], &ext);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        chart_text_at(cr, x + 36, y + 4, cs->names[k]);
        x += 50 + ext.x_advance;
    }
}

static void draw_scenarios(cairo_t *cr, const fr_network *net, const GPtrArray *comparisons)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    scales shared = find_scenario_scales(comparisons);
    const corridor_scenarios *first =
        comparisons->len ? g_ptr_array_index(comparisons, 0) : NULL;
    const char *origin = first ? chart_node_name(net, first->base->from) : "";
    char *title = g_strdup_printf("Freight corridors from %s under scenarios: days against USD "
                                  "per TEU (log scale)",
                                  origin);
    chart_draw_title(cr, chart_canvas_width(comparisons->len), title);
    g_free(title);
    if (first)
        draw_scenario_legend(cr, first);
    for (guint c = 0; c < comparisons->len; c++) {
        const corridor_scenarios *cs = g_ptr_array_index(comparisons, c);
        scales s = shared;
        chart_day_range(&s, scenario_max_days(cs));
        panel p = chart_panel_at(c, comparisons->len, SCENARIO_TITLE_H, s);
        char *panel_title =
            g_strdup_printf("to %s (%s)", chart_node_name(net, cs->base->to), cs->base->to);
        if (cs->families->len == 0)
            chart_draw_no_route(cr, &p, panel_title, origin, chart_node_name(net, cs->base->to));
        else {
            chart_draw_frame(cr, &p, panel_title);
            draw_scenario_panel(cr, &p, cs);
        }
        g_free(panel_title);
    }
}

bool chart_draw_scenarios(const fr_network *net, const GPtrArray *comparisons, const char *path,
                          GError **error)
{
    int rows = MAX(1, ((int)comparisons->len + COLS - 1) / COLS);
    return chart_write_chart(path, chart_canvas_width(comparisons->len), SCENARIO_TITLE_H + rows * PANEL_H,
                       draw_scenarios, net, comparisons, error);
}
