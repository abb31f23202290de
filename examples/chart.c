/* chart.c - the corridor chart of fr-corridors, drawn with cairo (see chart.h). */
#include "chart.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>

enum { WIDTH = 1100, HEIGHT = 700, LEFT = 90, RIGHT = 230, TOP = 60, BOTTOM = 70 };

static const double palette[][3] = {{0.12, 0.47, 0.71}, {0.84, 0.15, 0.16}, {0.17, 0.63, 0.17},
                                    {0.58, 0.40, 0.74}, {1.00, 0.50, 0.05}, {0.55, 0.34, 0.29},
                                    {0.89, 0.47, 0.76}, {0.50, 0.50, 0.50}};

typedef struct {
    double max_days, log_min, log_max; /* axis ranges; y is log10(USD) */
} axes;

static double x_of(const axes *a, double days)
{
    return LEFT + days / a->max_days * (WIDTH - LEFT - RIGHT);
}

static double y_of(const axes *a, double usd)
{
    double t = (log10(usd) - a->log_min) / (a->log_max - a->log_min);
    return HEIGHT - BOTTOM - t * (HEIGHT - TOP - BOTTOM);
}

static double days_of(const corridor_option *o) { return fr_route_total_time_h(o->route) / 24; }
static double usd_of(const corridor_option *o)
{
    return fr_route_total_cost_usd(o->route) / fr_route_quantity(o->route);
}

static axes find_axes(const GPtrArray *comparisons)
{
    double max_days = 1, min_usd = INFINITY, max_usd = 0;
    for (guint c = 0; c < comparisons->len; c++) {
        const corridor_comparison *cmp = g_ptr_array_index(comparisons, c);
        for (guint i = 0; i < cmp->options->len; i++) {
            const corridor_option *o = g_ptr_array_index(cmp->options, i);
            max_days = fmax(max_days, days_of(o));
            min_usd = fmin(min_usd, fmax(usd_of(o), 1));
            max_usd = fmax(max_usd, usd_of(o));
        }
    }
    if (!isfinite(min_usd))
        min_usd = 100, max_usd = 10000;
    axes a = {ceil(max_days * 1.08 / 5) * 5, floor(log10(min_usd)), ceil(log10(fmax(max_usd, 10)))};
    if (a.log_max <= a.log_min)
        a.log_max = a.log_min + 1;
    return a;
}

static void draw_text(cairo_t *cr, double x, double y, const char *text, double size, bool bold)
{
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text);
}

static void draw_axes(cairo_t *cr, const axes *a)
{
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_set_line_width(cr, 1);
    char label[32];
    for (double d = 0; d <= a->max_days + 1e-9; d += a->max_days > 40 ? 10 : 5) {
        cairo_move_to(cr, x_of(a, d), TOP);
        cairo_line_to(cr, x_of(a, d), HEIGHT - BOTTOM);
        cairo_stroke(cr);
        g_snprintf(label, sizeof label, "%.0f", d);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        draw_text(cr, x_of(a, d) - 6, HEIGHT - BOTTOM + 18, label, 11, false);
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    }
    static const double steps[] = {1, 2, 5};
    for (double p = a->log_min; p < a->log_max + 1e-9; p++)
        for (int k = 0; k < 3; k++) {
            double usd = steps[k] * pow(10, p);
            if (log10(usd) > a->log_max + 1e-9)
                break;
            cairo_move_to(cr, LEFT, y_of(a, usd));
            cairo_line_to(cr, WIDTH - RIGHT, y_of(a, usd));
            cairo_stroke(cr);
            if (usd >= 1000)
                g_snprintf(label, sizeof label, "%.0f,%03.0f", floor(usd / 1000), fmod(usd, 1000));
            else
                g_snprintf(label, sizeof label, "%.0f", usd);
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
            draw_text(cr, LEFT - 55, y_of(a, usd) + 4, label, 11, false);
            cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    cairo_stroke(cr);
    draw_text(cr, (WIDTH - RIGHT) / 2.0, HEIGHT - 25, "days, door to door", 13, false);
    cairo_save(cr);
    cairo_translate(cr, 25, HEIGHT / 2.0 + 70);
    cairo_rotate(cr, -G_PI / 2);
    draw_text(cr, 0, 0, "USD per TEU (log scale)", 13, false);
    cairo_restore(cr);
}

/* Is option i on its destination's cost/time front (no other option at most
 * as slow and as dear, and better in one)? */
static bool on_front(const corridor_comparison *c, guint i)
{
    const corridor_option *o = g_ptr_array_index(c->options, i);
    for (guint j = 0; j < c->options->len; j++) {
        const corridor_option *p = g_ptr_array_index(c->options, j);
        if (j != i && days_of(p) <= days_of(o) && usd_of(p) <= usd_of(o) &&
            (days_of(p) < days_of(o) || usd_of(p) < usd_of(o)))
            return false;
    }
    return true;
}

static gint by_days(gconstpointer a, gconstpointer b)
{
    double da = days_of(*(corridor_option *const *)a), db = days_of(*(corridor_option *const *)b);
    return (da > db) - (da < db);
}

static void draw_front(cairo_t *cr, const axes *a, const corridor_comparison *c)
{
    GPtrArray *front = g_ptr_array_new();
    for (guint i = 0; i < c->options->len; i++)
        if (on_front(c, i))
            g_ptr_array_add(front, g_ptr_array_index(c->options, i));
    g_ptr_array_sort(front, by_days);
    double dash[] = {6, 4};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 1.5);
    for (guint i = 0; i < front->len; i++) {
        const corridor_option *o = g_ptr_array_index(front, i);
        if (i == 0)
            cairo_move_to(cr, x_of(a, days_of(o)), y_of(a, usd_of(o)));
        else
            cairo_line_to(cr, x_of(a, days_of(o)), y_of(a, usd_of(o)));
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    g_ptr_array_free(front, TRUE);
}

static void draw_points(cairo_t *cr, const axes *a, const corridor_comparison *c)
{
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        double x = x_of(a, days_of(o)), y = y_of(a, usd_of(o));
        cairo_arc(cr, x, y, 5, 0, 2 * G_PI);
        if (on_front(c, i))
            cairo_fill(cr);
        else
            cairo_stroke(cr);
        char *label = g_strdup_printf("%s %s", c->to, o->family);
        draw_text(cr, x + 8, y - 6 + (i % 2) * 14, label, 10, false);
        g_free(label);
    }
}

static void draw_legend(cairo_t *cr, const fr_network *net, const GPtrArray *comparisons)
{
    double x = WIDTH - RIGHT + 20, y = TOP + 10;
    cairo_set_source_rgb(cr, 0, 0, 0);
    draw_text(cr, x, y, "destination", 12, true);
    for (guint c = 0; c < comparisons->len; c++) {
        const corridor_comparison *cmp = g_ptr_array_index(comparisons, c);
        const double *rgb = palette[c % G_N_ELEMENTS(palette)];
        fr_node_info node;
        fr_network_node(net, (size_t)fr_network_find_node(net, cmp->to), &node);
        y += 20;
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_arc(cr, x + 5, y - 4, 5, 0, 2 * G_PI);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        char *label = g_strdup_printf("%s %s", node.id, node.name);
        draw_text(cr, x + 16, y, label, 11, false);
        g_free(label);
    }
    y += 34;
    draw_text(cr, x, y, "filled, dashed: cost/time", 11, false);
    draw_text(cr, x, y + 15, "Pareto front per destination;", 11, false);
    draw_text(cr, x, y + 30, "hollow: dominated corridor", 11, false);
}

static void draw(cairo_t *cr, const fr_network *net, const GPtrArray *comparisons)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    axes a = find_axes(comparisons);
    draw_axes(cr, &a);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const char *from = comparisons->len
                           ? ((corridor_comparison *)g_ptr_array_index(comparisons, 0))->from
                           : "";
    char *title = g_strdup_printf("Corridors from %s: days against USD per TEU, best route per "
                                  "corridor family",
                                  from);
    draw_text(cr, LEFT, 35, title, 15, true);
    g_free(title);
    for (guint c = 0; c < comparisons->len; c++) {
        const double *rgb = palette[c % G_N_ELEMENTS(palette)];
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        draw_front(cr, &a, g_ptr_array_index(comparisons, c));
        draw_points(cr, &a, g_ptr_array_index(comparisons, c));
    }
    draw_legend(cr, net, comparisons);
}

bool chart_draw(const fr_network *net, const GPtrArray *comparisons, const char *path,
                GError **error)
{
    bool png = g_str_has_suffix(path, ".png");
    cairo_surface_t *surface = png ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, WIDTH, HEIGHT)
                                   : cairo_svg_surface_create(path, WIDTH, HEIGHT);
    cairo_t *cr = cairo_create(surface);
    draw(cr, net, comparisons);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    cairo_status_t status = png ? cairo_surface_write_to_png(surface, path)
                                : cairo_surface_status(surface);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: cannot write the chart (%s)", path,
                    cairo_status_to_string(status));
        return false;
    }
    return true;
}
