/* chart.c - the corridor chart of fr-corridors, drawn with cairo (see chart.h):
 * one panel per destination on shared scales (days; USD per TEU, log), each
 * corridor a labelled point, the cost/time Pareto front filled and joined by
 * a dashed line, dominated corridors hollow. Labels are placed greedily so
 * that they do not overlap. */
#include "chart.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <string.h>

enum { PANEL_W = 520, PANEL_H = 380, COLS = 3, TITLE_H = 50, MARGIN_L = 70, MARGIN_R = 20,
       MARGIN_T = 34, MARGIN_B = 44 };

typedef struct {
    double max_days, log_min, log_max; /* shared ranges; y is log10(USD) */
} scales;

/* One panel's plotting area, in surface coordinates. */
typedef struct {
    double x0, y0, w, h;
    const scales *s;
} panel;

static double x_of(const panel *p, double days) { return p->x0 + days / p->s->max_days * p->w; }

static double y_of(const panel *p, double usd)
{
    double t = (log10(usd) - p->s->log_min) / (p->s->log_max - p->s->log_min);
    return p->y0 + p->h - t * p->h;
}

static double days_of(const corridor_option *o) { return fr_route_total_time_h(o->route) / 24; }
static double usd_of(const corridor_option *o)
{
    return fmax(fr_route_total_cost_usd(o->route) / fr_route_quantity(o->route), 1);
}

static scales find_scales(const GPtrArray *comparisons)
{
    double max_days = 1, min_usd = INFINITY, max_usd = 10;
    for (guint c = 0; c < comparisons->len; c++) {
        const corridor_comparison *cmp = g_ptr_array_index(comparisons, c);
        for (guint i = 0; i < cmp->options->len; i++) {
            const corridor_option *o = g_ptr_array_index(cmp->options, i);
            max_days = fmax(max_days, days_of(o));
            min_usd = fmin(min_usd, usd_of(o));
            max_usd = fmax(max_usd, usd_of(o));
        }
    }
    if (!isfinite(min_usd))
        min_usd = 100;
    scales s = {ceil(max_days * 1.1 / 10) * 10, floor(log10(min_usd)), ceil(log10(max_usd))};
    if (s.log_max <= s.log_min)
        s.log_max = s.log_min + 1;
    return s;
}

static void set_font(cairo_t *cr, double size, bool bold)
{
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static void text_at(cairo_t *cr, double x, double y, const char *text)
{
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text);
    cairo_new_path(cr);
}

static void grid_line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
}

static void draw_frame(cairo_t *cr, const panel *p, const char *title)
{
    char label[32];
    set_font(cr, 10, false);
    cairo_set_line_width(cr, 1);
    double step = p->s->max_days > 40 ? 10 : 5;
    for (double d = 0; d <= p->s->max_days + 1e-9; d += step) {
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        grid_line(cr, x_of(p, d), p->y0, x_of(p, d), p->y0 + p->h);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        g_snprintf(label, sizeof label, "%.0f", d);
        text_at(cr, x_of(p, d) - 5, p->y0 + p->h + 14, label);
    }
    static const double mantissas[] = {1, 2, 5};
    for (double e = p->s->log_min; e < p->s->log_max + 1e-9; e++)
        for (int k = 0; k < 3 && e + log10(mantissas[k]) <= p->s->log_max + 1e-9; k++) {
            double usd = mantissas[k] * pow(10, e);
            cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
            grid_line(cr, p->x0, y_of(p, usd), p->x0 + p->w, y_of(p, usd));
            cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
            if (usd >= 1000)
                g_snprintf(label, sizeof label, "%.0f,%03.0f", floor(usd / 1000), fmod(usd, 1000));
            else
                g_snprintf(label, sizeof label, "%.0f", usd);
            text_at(cr, p->x0 - 48, y_of(p, usd) + 4, label);
        }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, p->x0, p->y0, p->w, p->h);
    cairo_stroke(cr);
    text_at(cr, p->x0 + p->w / 2 - 20, p->y0 + p->h + 30, "days");
    set_font(cr, 12, true);
    text_at(cr, p->x0, p->y0 - 10, title);
}

/* Is option i on its destination's cost/time front? */
static bool on_front(const corridor_comparison *c, guint i)
{
    const corridor_option *o = g_ptr_array_index(c->options, i);
    for (guint j = 0; j < c->options->len; j++) {
        const corridor_option *q = g_ptr_array_index(c->options, j);
        if (j != i && days_of(q) <= days_of(o) && usd_of(q) <= usd_of(o) &&
            (days_of(q) < days_of(o) || usd_of(q) < usd_of(o)))
            return false;
    }
    return true;
}

static gint by_days(gconstpointer a, gconstpointer b)
{
    double da = days_of(*(corridor_option *const *)a), db = days_of(*(corridor_option *const *)b);
    return (da > db) - (da < db);
}

static void draw_front(cairo_t *cr, const panel *p, const corridor_comparison *c)
{
    GPtrArray *front = g_ptr_array_new();
    for (guint i = 0; i < c->options->len; i++)
        if (on_front(c, i))
            g_ptr_array_add(front, g_ptr_array_index(c->options, i));
    g_ptr_array_sort(front, by_days);
    double dash[] = {6, 4};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 1.5);
    cairo_set_source_rgb(cr, 0.12, 0.47, 0.71);
    cairo_new_path(cr);
    for (guint i = 0; i < front->len; i++) {
        const corridor_option *o = g_ptr_array_index(front, i);
        cairo_line_to(cr, x_of(p, days_of(o)), y_of(p, usd_of(o)));
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    g_ptr_array_free(front, TRUE);
}

typedef struct {
    double x, y, w, h;
} box;

static bool overlaps(const box *a, const box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Puts a label near (x, y) where it overlaps no placed label and stays in the panel. */
static box place_label(cairo_t *cr, const panel *p, double x, double y, const char *text,
                       GArray *placed)
{
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text, &ext);
    static const double dy[] = {-4, 12, -16, 24, -28, 36, -40, 48, -52};
    box best = {x + 8, y - 4 - ext.height, ext.x_advance, ext.height + 2};
    for (int side = 0; side < 2; side++)
        for (size_t k = 0; k < G_N_ELEMENTS(dy); k++) {
            box b = {side ? x - 8 - ext.x_advance : x + 8, y + dy[k] - ext.height,
                     ext.x_advance, ext.height + 2};
            bool free = b.x >= p->x0 && b.x + b.w <= p->x0 + p->w && b.y >= p->y0 &&
                        b.y + b.h <= p->y0 + p->h;
            for (guint i = 0; free && i < placed->len; i++)
                free = !overlaps(&b, &g_array_index(placed, box, i));
            if (free) {
                g_array_append_val(placed, b);
                return b;
            }
        }
    g_array_append_val(placed, best);
    return best;
}

static void draw_points(cairo_t *cr, const panel *p, const corridor_comparison *c)
{
    GArray *placed = g_array_new(FALSE, FALSE, sizeof(box));
    set_font(cr, 10, false);
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        double x = x_of(p, days_of(o)), y = y_of(p, usd_of(o));
        box dot = {x - 5, y - 5, 10, 10};
        g_array_append_val(placed, dot);
        bool front = on_front(c, i);
        cairo_set_source_rgb(cr, front ? 0.12 : 0.45, front ? 0.47 : 0.45, front ? 0.71 : 0.45);
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, 4.5, 0, 2 * G_PI);
        if (front)
            cairo_fill(cr);
        else
            cairo_stroke(cr);
    }
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        box b = place_label(cr, p, x_of(p, days_of(o)), y_of(p, usd_of(o)), o->name, placed);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        text_at(cr, b.x, b.y + b.h - 2, o->name);
    }
    g_array_free(placed, TRUE);
}

static const char *node_name(const fr_network *net, const char *id)
{
    fr_node_info node;
    fr_network_node(net, (size_t)fr_network_find_node(net, id), &node);
    return node.name;
}

static void draw(cairo_t *cr, const fr_network *net, const GPtrArray *comparisons)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    scales s = find_scales(comparisons);
    const char *from = comparisons->len
                           ? ((corridor_comparison *)g_ptr_array_index(comparisons, 0))->from
                           : "";
    const char *origin = *from ? node_name(net, from) : "";
    char *title = g_strdup_printf("Freight corridors from %s: days against USD per TEU "
                                  "(log scale); filled points and dashed line: the cost/time "
                                  "front, hollow: dominated",
                                  origin);
    cairo_set_source_rgb(cr, 0, 0, 0);
    set_font(cr, 14, true);
    text_at(cr, 20, 30, title);
    for (guint c = 0; c < comparisons->len; c++) {
        const corridor_comparison *cmp = g_ptr_array_index(comparisons, c);
        panel p = {(c % COLS) * PANEL_W + MARGIN_L, TITLE_H + (c / COLS) * PANEL_H + MARGIN_T,
                   PANEL_W - MARGIN_L - MARGIN_R, PANEL_H - MARGIN_T - MARGIN_B, &s};
        char *panel_title = g_strdup_printf("to %s (%s)", node_name(net, cmp->to), cmp->to);
        draw_frame(cr, &p, panel_title);
        draw_front(cr, &p, cmp);
        draw_points(cr, &p, cmp);
        g_free(panel_title);
    }
    g_free(title);
}

bool chart_draw(const fr_network *net, const GPtrArray *comparisons, const char *path,
                GError **error)
{
    int cols = MIN(COLS, MAX(1, (int)comparisons->len));
    int rows = MAX(1, ((int)comparisons->len + COLS - 1) / COLS);
    int width = MAX(cols * PANEL_W, 900), height = TITLE_H + rows * PANEL_H;
    bool png = g_str_has_suffix(path, ".png");
    cairo_surface_t *surface = png ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)
                                   : cairo_svg_surface_create(path, width, height);
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
