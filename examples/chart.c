/* chart.c - the corridor chart of fr-corridors, drawn with cairo (see chart.h):
 * one panel per destination (days from 0 to a round number above the
 * panel's longest route; USD per TEU on a log scale shared by the panels),
 * each corridor a labelled point, the cost/time Pareto front filled and
 * joined by a dashed line, dominated corridors hollow; labels placed by
 * chart_labels.c. A destination without a route says so in its panel. */
#include "chart_internal.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <string.h>




double chart_x_of(const panel *p, double days) { return p->x0 + days / p->s.max_days * p->w; }

double chart_y_of(const panel *p, double usd)
{
    double t = (log10(usd) - p->s.log_min) / (p->s.log_max - p->s.log_min);
    return p->y0 + p->h - t * p->h;
}

double chart_days_of(const corridor_option *o) { return fr_route_total_time_h(o->route) / 24; }
double chart_usd_of(const corridor_option *o)
{
    return fmax(fr_route_total_cost_usd(o->route) / fr_route_quantity(o->route), 1);
}

/* The USD range of the panels' points, as whole powers of ten. */
void chart_usd_range(scales *s, double min_usd, double max_usd)
{
    if (!isfinite(min_usd))
        min_usd = 100;
    s->log_min = floor(log10(min_usd));
    s->log_max = ceil(log10(fmax(max_usd, 10)));
    if (s->log_max <= s->log_min)
        s->log_max = s->log_min + 1;
}

/* The x axis of a panel whose longest route takes max_days: 0 to the first
 * multiple of a round step (at most 8 ticks) above it. */
void chart_day_range(scales *s, double max_days)
{
    static const double steps[] = {0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500};
    double top = fmax(max_days, 0.5) * 1.05;
    s->day_step = steps[G_N_ELEMENTS(steps) - 1];
    for (size_t i = 0; i < G_N_ELEMENTS(steps); i++)
        if (top / steps[i] <= 8) {
            s->day_step = steps[i];
            break;
        }
    s->max_days = ceil(top / s->day_step) * s->day_step;
}

void chart_widen(const corridor_comparison *c, double *max_days, double *min_usd,
                  double *max_usd)
{
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        *max_days = fmax(*max_days, chart_days_of(o));
        *min_usd = fmin(*min_usd, chart_usd_of(o));
        *max_usd = fmax(*max_usd, chart_usd_of(o));
    }
}

/* The shared USD range of all comparisons. */
static scales find_scales(const GPtrArray *comparisons)
{
    double max_days = 0, min_usd = INFINITY, max_usd = 10;
    for (guint c = 0; c < comparisons->len; c++)
        chart_widen(g_ptr_array_index(comparisons, c), &max_days, &min_usd, &max_usd);
    scales s = {0};
    chart_usd_range(&s, min_usd, max_usd);
    return s;
}

/* Panels: up to COLS a row, sharing the canvas' width (one panel fills it). */
static int canvas_cols(guint n) { return MIN(COLS, MAX(1, (int)n)); }
int chart_canvas_width(guint n) { return MAX(canvas_cols(n) * PANEL_W, MIN_WIDTH); }

/* Panel number c of n, its plot `top` pixels below the first row's top. */
panel chart_panel_at(guint c, guint n, double top, scales s)
{
    int cols = canvas_cols(n);
    double w = (double)chart_canvas_width(n) / cols;
    panel p = {(c % cols) * w + MARGIN_L, top + (c / cols) * PANEL_H + MARGIN_T,
               w - MARGIN_L - MARGIN_R, PANEL_H - MARGIN_T - MARGIN_B, s};
    return p;
}

void chart_set_font(cairo_t *cr, double size, bool bold)
{
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

void chart_text_at(cairo_t *cr, double x, double y, const char *text)
{
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text);
    cairo_new_path(cr);
}

/* The chart's title at the top left, its font shrunk to fit `width`. */
void chart_draw_title(cairo_t *cr, double width, const char *title)
{
    cairo_text_extents_t ext;
    chart_set_font(cr, 14, true);
    cairo_text_extents(cr, title, &ext);
    if (ext.x_advance > width - 40)
        chart_set_font(cr, fmax(9, 14 * (width - 40) / ext.x_advance), true);
    cairo_set_source_rgb(cr, 0, 0, 0);
    chart_text_at(cr, 20, 30, title);
}

void chart_grid_line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
}

static void draw_panel_title(cairo_t *cr, const panel *p, const char *title)
{
    chart_set_font(cr, 12, true);
    cairo_set_source_rgb(cr, 0, 0, 0);
    chart_text_at(cr, p->x0, p->y0 - 10, title);
}

void chart_draw_frame(cairo_t *cr, const panel *p, const char *title)
{
    char label[32];
    cairo_text_extents_t ext;
    chart_set_font(cr, 10, false);
    cairo_set_line_width(cr, 1);
    for (double d = 0; d <= p->s.max_days + 1e-9; d += p->s.day_step) {
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        chart_grid_line(cr, chart_x_of(p, d), p->y0, chart_x_of(p, d), p->y0 + p->h);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        g_snprintf(label, sizeof label, "%g", d);
        cairo_text_extents(cr, label, &ext);
        chart_text_at(cr, chart_x_of(p, d) - ext.x_advance / 2, p->y0 + p->h + 14, label);
    }
    static const double mantissas[] = {1, 2, 5};
    for (double e = p->s.log_min; e < p->s.log_max + 1e-9; e++)
        for (int k = 0; k < 3 && e + log10(mantissas[k]) <= p->s.log_max + 1e-9; k++) {
            double usd = mantissas[k] * pow(10, e);
            cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
            chart_grid_line(cr, p->x0, chart_y_of(p, usd), p->x0 + p->w, chart_y_of(p, usd));
            cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
            if (usd >= 1000)
                g_snprintf(label, sizeof label, "%.0f,%03.0f", floor(usd / 1000), fmod(usd, 1000));
            else
                g_snprintf(label, sizeof label, "%.0f", usd);
            chart_text_at(cr, p->x0 - 48, chart_y_of(p, usd) + 4, label);
        }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, p->x0, p->y0, p->w, p->h);
    cairo_stroke(cr);
    chart_text_at(cr, p->x0 + p->w / 2 - 12, p->y0 + p->h + 30, "days");
    draw_panel_title(cr, p, title);
}

/* A destination without a route: its panel's frame, and a line saying so. */
void chart_draw_no_route(cairo_t *cr, const panel *p, const char *title, const char *origin,
                          const char *destination)
{
    cairo_set_line_width(cr, 1);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_rectangle(cr, p->x0, p->y0, p->w, p->h);
    cairo_stroke(cr);
    char *text = g_strdup_printf("no route from %s to %s", origin, destination);
    cairo_text_extents_t ext;
    chart_set_font(cr, 12, false);
    cairo_text_extents(cr, text, &ext);
    if (ext.x_advance > p->w - 20)
        chart_set_font(cr, fmax(8, 12 * (p->w - 20) / ext.x_advance), false);
    cairo_text_extents(cr, text, &ext);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    chart_text_at(cr, p->x0 + (p->w - ext.x_advance) / 2, p->y0 + p->h / 2 + 4, text);
    g_free(text);
    draw_panel_title(cr, p, title);
}


/* Is option i on its destination's cost/time front? */
static bool on_front(const corridor_comparison *c, guint i)
{
    const corridor_option *o = g_ptr_array_index(c->options, i);
    for (guint j = 0; j < c->options->len; j++) {
        const corridor_option *q = g_ptr_array_index(c->options, j);
        if (j != i && chart_days_of(q) <= chart_days_of(o) && chart_usd_of(q) <= chart_usd_of(o) &&
            (chart_days_of(q) < chart_days_of(o) || chart_usd_of(q) < chart_usd_of(o)))
            return false;
    }
    return true;
}

static gint by_days(gconstpointer a, gconstpointer b)
{
    double da = chart_days_of(*(corridor_option *const *)a), db = chart_days_of(*(corridor_option *const *)b);
    return (da > db) - (da < db);
}

/* The dashed front line; its segments go to `lines`. */
static void draw_front(cairo_t *cr, const panel *p, const corridor_comparison *c,
                       GArray *lines)
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
        cairo_line_to(cr, chart_x_of(p, chart_days_of(o)), chart_y_of(p, chart_usd_of(o)));
        if (i > 0) {
            const corridor_option *q = g_ptr_array_index(front, i - 1);
            segment l = {chart_x_of(p, chart_days_of(q)), chart_y_of(p, chart_usd_of(q)), chart_x_of(p, chart_days_of(o)),
                         chart_y_of(p, chart_usd_of(o))};
            g_array_append_val(lines, l);
        }
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    g_ptr_array_free(front, TRUE);
}


static void draw_points(cairo_t *cr, const panel *p, const corridor_comparison *c,
                        const GArray *lines)
{
    GArray *placed = g_array_new(FALSE, FALSE, sizeof(box));
    cairo_set_line_width(cr, 1);
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        double x = chart_x_of(p, chart_days_of(o)), y = chart_y_of(p, chart_usd_of(o));
        chart_add_obstacle(placed, x, y);
        bool front = on_front(c, i);
        cairo_set_source_rgb(cr, front ? 0.12 : 0.45, front ? 0.47 : 0.45, front ? 0.71 : 0.45);
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, 4.5, 0, 2 * G_PI);
        if (front)
            cairo_fill(cr);
        else
            cairo_stroke(cr);
    }
    chart_set_font(cr, 10, false);
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        chart_draw_label(cr, p, chart_x_of(p, chart_days_of(o)), chart_y_of(p, chart_usd_of(o)), o->name, placed, lines);
    }
    g_array_free(placed, TRUE);
}

const char *chart_node_name(const fr_network *net, const char *id)
{
    fr_node_info node;
    long index = fr_network_find_node(net, id);
    if (index < 0)
        return id;
    fr_network_node(net, (size_t)index, &node);
    return node.name;
}

static void draw(cairo_t *cr, const fr_network *net, const GPtrArray *comparisons)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    scales shared = find_scales(comparisons);
    const char *from = comparisons->len
                           ? ((corridor_comparison *)g_ptr_array_index(comparisons, 0))->from
                           : "";
    const char *origin = *from ? chart_node_name(net, from) : "";
    char *title = g_strdup_printf("Freight corridors from %s: days against USD per TEU "
                                  "(log scale); filled points and dashed line: the cost/time "
                                  "front, hollow: dominated",
                                  origin);
    chart_draw_title(cr, chart_canvas_width(comparisons->len), title);
    for (guint c = 0; c < comparisons->len; c++) {
        const corridor_comparison *cmp = g_ptr_array_index(comparisons, c);
        double max_days = 0, min_usd = INFINITY, max_usd = 0;
        chart_widen(cmp, &max_days, &min_usd, &max_usd);
        scales s = shared;
        chart_day_range(&s, max_days);
        panel p = chart_panel_at(c, comparisons->len, TITLE_H, s);
        char *panel_title = g_strdup_printf("to %s (%s)", chart_node_name(net, cmp->to), cmp->to);
        if (cmp->options->len == 0)
            chart_draw_no_route(cr, &p, panel_title, origin, chart_node_name(net, cmp->to));
        else {
            chart_draw_frame(cr, &p, panel_title);
            GArray *lines = g_array_new(FALSE, FALSE, sizeof(segment));
            draw_front(cr, &p, cmp, lines);
            draw_points(cr, &p, cmp, lines);
            g_array_free(lines, TRUE);
        }
        g_free(panel_title);
    }
    g_free(title);
}

/* Draws with `paint` onto a width x height surface written to `path`
 * (.png, else SVG). */
bool chart_write_chart(const char *path, int width, int height,
                        void (*paint)(cairo_t *cr, const fr_network *net, const GPtrArray *items),
                        const fr_network *net, const GPtrArray *items, GError **error)
{
    bool png = g_str_has_suffix(path, ".png");
    cairo_surface_t *surface = png ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)
                                   : cairo_svg_surface_create(path, width, height);
    cairo_t *cr = cairo_create(surface);
    paint(cr, net, items);
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

bool chart_draw(const fr_network *net, const GPtrArray *comparisons, const char *path,
                GError **error)
{
    int rows = MAX(1, ((int)comparisons->len + COLS - 1) / COLS);
    return chart_write_chart(path, chart_canvas_width(comparisons->len), TITLE_H + rows * PANEL_H, draw,
                       net, comparisons, error);
}

/* ---- colours -------------------------------------------------------------- */

static const double palette[][3] = {
    {0.12, 0.47, 0.71}, {1.00, 0.50, 0.05}, {0.17, 0.63, 0.17}, {0.84, 0.15, 0.16},
    {0.58, 0.40, 0.74}, {0.55, 0.34, 0.29}, {0.89, 0.47, 0.76}, {0.50, 0.50, 0.50},
    {0.74, 0.74, 0.13}, {0.09, 0.75, 0.81}};

const double *chart_colour(size_t k)
{
    return palette[k % G_N_ELEMENTS(palette)];
}
