/* chart.c - the corridor chart of fr-corridors, drawn with cairo (see chart.h):
 * one panel per destination (days from 0 to a round number above the
 * panel's longest route; USD per TEU on a log scale shared by the panels),
 * each corridor a labelled point, the cost/time Pareto front filled and
 * joined by a dashed line, dominated corridors hollow. Labels are placed
 * greedily next to their point, or further out with a leader line, so that
 * they overlap no other label or point. A destination without a route says
 * so in its panel. */
#include "chart.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <string.h>

enum { PANEL_W = 520, PANEL_H = 380, COLS = 3, TITLE_H = 50, MARGIN_L = 70, MARGIN_R = 20,
       MARGIN_T = 34, MARGIN_B = 44, MIN_WIDTH = 900 };

typedef struct {
    double max_days, day_step; /* this panel's x axis: 0 to max_days, ticks every day_step */
    double log_min, log_max;   /* y is log10(USD), shared by the panels */
} scales;

/* One panel's plotting area, in surface coordinates. */
typedef struct {
    double x0, y0, w, h;
    scales s;
} panel;

static double x_of(const panel *p, double days) { return p->x0 + days / p->s.max_days * p->w; }

static double y_of(const panel *p, double usd)
{
    double t = (log10(usd) - p->s.log_min) / (p->s.log_max - p->s.log_min);
    return p->y0 + p->h - t * p->h;
}

static double days_of(const corridor_option *o) { return fr_route_total_time_h(o->route) / 24; }
static double usd_of(const corridor_option *o)
{
    return fmax(fr_route_total_cost_usd(o->route) / fr_route_quantity(o->route), 1);
}

/* The USD range of the panels' points, as whole powers of ten. */
static void usd_range(scales *s, double min_usd, double max_usd)
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
static void day_range(scales *s, double max_days)
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

static void widen(const corridor_comparison *c, double *max_days, double *min_usd,
                  double *max_usd)
{
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        *max_days = fmax(*max_days, days_of(o));
        *min_usd = fmin(*min_usd, usd_of(o));
        *max_usd = fmax(*max_usd, usd_of(o));
    }
}

/* The shared USD range of all comparisons. */
static scales find_scales(const GPtrArray *comparisons)
{
    double max_days = 0, min_usd = INFINITY, max_usd = 10;
    for (guint c = 0; c < comparisons->len; c++)
        widen(g_ptr_array_index(comparisons, c), &max_days, &min_usd, &max_usd);
    scales s = {0};
    usd_range(&s, min_usd, max_usd);
    return s;
}

/* Panels: up to COLS a row, sharing the canvas' width (one panel fills it). */
static int canvas_cols(guint n) { return MIN(COLS, MAX(1, (int)n)); }
static int canvas_width(guint n) { return MAX(canvas_cols(n) * PANEL_W, MIN_WIDTH); }

/* Panel number c of n, its plot `top` pixels below the first row's top. */
static panel panel_at(guint c, guint n, double top, scales s)
{
    int cols = canvas_cols(n);
    double w = (double)canvas_width(n) / cols;
    panel p = {(c % cols) * w + MARGIN_L, top + (c / cols) * PANEL_H + MARGIN_T,
               w - MARGIN_L - MARGIN_R, PANEL_H - MARGIN_T - MARGIN_B, s};
    return p;
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

/* The chart's title at the top left, its font shrunk to fit `width`. */
static void draw_title(cairo_t *cr, double width, const char *title)
{
    cairo_text_extents_t ext;
    set_font(cr, 14, true);
    cairo_text_extents(cr, title, &ext);
    if (ext.x_advance > width - 40)
        set_font(cr, fmax(9, 14 * (width - 40) / ext.x_advance), true);
    cairo_set_source_rgb(cr, 0, 0, 0);
    text_at(cr, 20, 30, title);
}

static void grid_line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
}

static void draw_panel_title(cairo_t *cr, const panel *p, const char *title)
{
    set_font(cr, 12, true);
    cairo_set_source_rgb(cr, 0, 0, 0);
    text_at(cr, p->x0, p->y0 - 10, title);
}

static void draw_frame(cairo_t *cr, const panel *p, const char *title)
{
    char label[32];
    cairo_text_extents_t ext;
    set_font(cr, 10, false);
    cairo_set_line_width(cr, 1);
    for (double d = 0; d <= p->s.max_days + 1e-9; d += p->s.day_step) {
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        grid_line(cr, x_of(p, d), p->y0, x_of(p, d), p->y0 + p->h);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        g_snprintf(label, sizeof label, "%g", d);
        cairo_text_extents(cr, label, &ext);
        text_at(cr, x_of(p, d) - ext.x_advance / 2, p->y0 + p->h + 14, label);
    }
    static const double mantissas[] = {1, 2, 5};
    for (double e = p->s.log_min; e < p->s.log_max + 1e-9; e++)
        for (int k = 0; k < 3 && e + log10(mantissas[k]) <= p->s.log_max + 1e-9; k++) {
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
    text_at(cr, p->x0 + p->w / 2 - 12, p->y0 + p->h + 30, "days");
    draw_panel_title(cr, p, title);
}

/* A destination without a route: its panel's frame, and a line saying so. */
static void draw_no_route(cairo_t *cr, const panel *p, const char *title, const char *origin,
                          const char *destination)
{
    cairo_set_line_width(cr, 1);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_rectangle(cr, p->x0, p->y0, p->w, p->h);
    cairo_stroke(cr);
    char *text = g_strdup_printf("no route from %s to %s", origin, destination);
    cairo_text_extents_t ext;
    set_font(cr, 12, false);
    cairo_text_extents(cr, text, &ext);
    if (ext.x_advance > p->w - 20)
        set_font(cr, fmax(8, 12 * (p->w - 20) / ext.x_advance), false);
    cairo_text_extents(cr, text, &ext);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    text_at(cr, p->x0 + (p->w - ext.x_advance) / 2, p->y0 + p->h / 2 + 4, text);
    g_free(text);
    draw_panel_title(cr, p, title);
}

typedef struct {
    double x0, y0, x1, y1;
} segment;

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
        cairo_line_to(cr, x_of(p, days_of(o)), y_of(p, usd_of(o)));
        if (i > 0) {
            const corridor_option *q = g_ptr_array_index(front, i - 1);
            segment l = {x_of(p, days_of(q)), y_of(p, usd_of(q)), x_of(p, days_of(o)),
                         y_of(p, usd_of(o))};
            g_array_append_val(lines, l);
        }
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    g_ptr_array_free(front, TRUE);
}

typedef struct {
    double x, y, w, h;
} box;

static double overlap(const box *a, const box *b)
{
    double w = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
    double h = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);
    return w > 0 && h > 0 ? w * h : 0;
}

/* Points and placed labels, which a new label must not cover. */
static void add_obstacle(GArray *placed, double x, double y)
{
    box dot = {x - 5, y - 5, 10, 10};
    g_array_append_val(placed, dot);
}

/* A label's box w x h placed at distance r from (x, y) in direction
 * (ux, uy): the box's near side (or its middle, along an axis) faces the
 * point. */
static box label_box(double x, double y, double w, double h, double r, double ux, double uy)
{
    double ax = x + r * ux, ay = y + r * uy;
    box b = {ux > 0.3 ? ax : ux < -0.3 ? ax - w : ax - w / 2,
             uy > 0.3 ? ay : uy < -0.3 ? ay - h : ay - h / 2, w, h};
    return b;
}

/* Does the line `l` cross box `b`? (sampled every 2 pixels) */
static bool crosses(const box *b, const segment *l)
{
    int n = 1 + (int)(hypot(l->x1 - l->x0, l->y1 - l->y0) / 2);
    for (int i = 0; i <= n; i++) {
        double x = l->x0 + (l->x1 - l->x0) * i / n, y = l->y0 + (l->y1 - l->y0) * i / n;
        if (x > b->x && x < b->x + b->w && y > b->y && y < b->y + b->h)
            return true;
    }
    return false;
}

enum { NEAR_RINGS = 3 }; /* rings where a label also keeps off the lines */

/* Puts a label w x h for the point (x, y), greedily: right of the point,
 * left, above, below, then the same and the diagonals further out, taking
 * the first box in the panel that overlaps no placed label or point (else
 * the one that overlaps least). Close to the point it first looks for a box
 * that crosses none of `lines` either. Sets *away when the label is not
 * next to its point, so that it needs a leader line. */
static box place_label(const panel *p, double x, double y, double w, double h, GArray *placed,
                       const GArray *lines, bool *away)
{
    static const double radii[] = {7, 18, 30, 44, 60, 80, 104, 132};
    static const double dirs[][2] = {{1, 0},          {-1, 0},           {0, -1},
                                     {0, 1},          {0.707, -0.707},   {-0.707, -0.707},
                                     {0.707, 0.707},  {-0.707, 0.707},   {0.92, -0.38},
                                     {-0.92, -0.38},  {0.92, 0.38},      {-0.92, 0.38}};
    box best = label_box(x, y, w, h, radii[0], 1, 0);
    double best_cost = INFINITY;
    bool best_away = false;
    for (int pass = 0; pass < 2; pass++)
        for (size_t r = 0; r < (pass ? G_N_ELEMENTS(radii) : NEAR_RINGS); r++)
            for (size_t d = 0; d < (r ? G_N_ELEMENTS(dirs) : 4); d++) {
                box b = label_box(x, y, w, h, radii[r], dirs[d][0], dirs[d][1]);
                if (b.x < p->x0 + 1 || b.x + b.w > p->x0 + p->w - 1 || b.y < p->y0 + 1 ||
                    b.y + b.h > p->y0 + p->h - 1)
                    continue;
                double cost = 0;
                for (guint i = 0; i < placed->len; i++)
                    cost += overlap(&b, &g_array_index(placed, box, i));
                for (guint i = 0; pass == 0 && cost == 0 && i < lines->len; i++)
                    if (crosses(&b, &g_array_index(lines, segment, i)))
                        cost = -1;
                if (cost == 0) {
                    *away = r > 0;
                    g_array_append_val(placed, b);
                    return b;
                }
                if (cost > 0 && cost < best_cost)
                    best = b, best_cost = cost, best_away = r > 0;
            }
    *away = best_away;
    g_array_append_val(placed, best);
    return best;
}

/* Writes `text` for the point (x, y) where place_label() puts it, with a
 * thin grey line from the label to the point when it sits away from it. */
static void draw_label(cairo_t *cr, const panel *p, double x, double y, const char *text,
                       GArray *placed, const GArray *lines)
{
    cairo_font_extents_t fe;
    cairo_text_extents_t ext;
    cairo_font_extents(cr, &fe);
    cairo_text_extents(cr, text, &ext);
    bool away;
    box b = place_label(p, x, y, ext.x_advance + 2, fe.ascent + fe.descent, placed, lines,
                        &away);
    if (away) {
        /* from the box's point nearest the point, to the marker's edge */
        double lx = fmin(fmax(x, b.x), b.x + b.w), ly = fmin(fmax(y, b.y), b.y + b.h);
        double dx = lx - x, dy = ly - y, length = hypot(dx, dy);
        if (length > 7) {
            cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
            cairo_set_line_width(cr, 0.6);
            grid_line(cr, x + dx / length * 6, y + dy / length * 6, lx - dx / length, ly - dy / length);
        }
    }
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text_at(cr, b.x + 1, b.y + fe.ascent, text);
}

static void draw_points(cairo_t *cr, const panel *p, const corridor_comparison *c,
                        const GArray *lines)
{
    GArray *placed = g_array_new(FALSE, FALSE, sizeof(box));
    cairo_set_line_width(cr, 1);
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        double x = x_of(p, days_of(o)), y = y_of(p, usd_of(o));
        add_obstacle(placed, x, y);
        bool front = on_front(c, i);
        cairo_set_source_rgb(cr, front ? 0.12 : 0.45, front ? 0.47 : 0.45, front ? 0.71 : 0.45);
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, 4.5, 0, 2 * G_PI);
        if (front)
            cairo_fill(cr);
        else
            cairo_stroke(cr);
    }
    set_font(cr, 10, false);
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        draw_label(cr, p, x_of(p, days_of(o)), y_of(p, usd_of(o)), o->name, placed, lines);
    }
    g_array_free(placed, TRUE);
}

static const char *node_name(const fr_network *net, const char *id)
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
    const char *origin = *from ? node_name(net, from) : "";
    char *title = g_strdup_printf("Freight corridors from %s: days against USD per TEU "
                                  "(log scale); filled points and dashed line: the cost/time "
                                  "front, hollow: dominated",
                                  origin);
    draw_title(cr, canvas_width(comparisons->len), title);
    for (guint c = 0; c < comparisons->len; c++) {
        const corridor_comparison *cmp = g_ptr_array_index(comparisons, c);
        double max_days = 0, min_usd = INFINITY, max_usd = 0;
        widen(cmp, &max_days, &min_usd, &max_usd);
        scales s = shared;
        day_range(&s, max_days);
        panel p = panel_at(c, comparisons->len, TITLE_H, s);
        char *panel_title = g_strdup_printf("to %s (%s)", node_name(net, cmp->to), cmp->to);
        if (cmp->options->len == 0)
            draw_no_route(cr, &p, panel_title, origin, node_name(net, cmp->to));
        else {
            draw_frame(cr, &p, panel_title);
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
static bool write_chart(const char *path, int width, int height,
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
    return write_chart(path, canvas_width(comparisons->len), TITLE_H + rows * PANEL_H, draw,
                       net, comparisons, error);
}

/* ---- Departure profiles: transit days against the departure date --------- */

enum { PROFILE_W = 780, PROFILE_H = 420, PROFILE_COLS = 2, PROFILE_LEGEND_W = 210 };

/* Seconds since 1970 of a date-time, with its fraction. */
static double instant_of(GDateTime *when)
{
    return (double)g_date_time_to_unix(when) + g_date_time_get_microsecond(when) / 1e6;
}

typedef struct {
    double t0, t1;     /* the departures' range, seconds since 1970 */
    double max_days;   /* the y axis' top */
    double day_step;   /* y tick step, days */
    GTimeZone *zone;   /* the origin's, for the date labels */
} profile_scales;

typedef struct {
    double x0, y0, w, h;
    const profile_scales *s;
} profile_panel;

static double px_of(const profile_panel *p, double t)
{
    return p->x0 + (t - p->s->t0) / (p->s->t1 - p->s->t0) * p->w;
}

static double py_of(const profile_panel *p, double days)
{
    return p->y0 + p->h - days / p->s->max_days * p->h;
}

static profile_scales find_profile_scales(const fr_network *net, const GPtrArray *profiles)
{
    profile_scales s = {INFINITY, -INFINITY, 1, 1, NULL};
    for (guint k = 0; k < profiles->len; k++) {
        const corridor_profiles *ps = g_ptr_array_index(profiles, k);
        if (!s.zone) {
            long index = fr_network_find_node(net, ps->from);
            s.zone = index < 0 ? NULL : fr_network_node_timezone(net, (size_t)index);
        }
        for (guint f = 0; f < ps->families->len; f++) {
            const corridor_profile *cp = g_ptr_array_index(ps->families, f);
            for (size_t i = 0; i < fr_profile_count(cp->profile); i++) {
                double t = instant_of(fr_profile_departure(cp->profile, i));
                s.t0 = fmin(s.t0, t);
                s.t1 = fmax(s.t1, t);
                const fr_route *r = fr_profile_route(cp->profile, i);
                if (r)
                    s.max_days = fmax(s.max_days, fr_route_total_time_h(r) / 24);
            }
        }
    }
    if (!isfinite(s.t0))
        s.t0 = 0, s.t1 = 86400;
    if (s.t1 - s.t0 < 86400)
        s.t1 = s.t0 + 86400;
    static const double steps[] = {0.5, 1, 2, 5, 10, 20, 50, 100};
    double top = s.max_days * 1.1;
    s.day_step = steps[G_N_ELEMENTS(steps) - 1];
    for (size_t i = 0; i < G_N_ELEMENTS(steps); i++)
        if (top / steps[i] <= 8) {
            s.day_step = steps[i];
            break;
        }
    s.max_days = ceil(top / s.day_step) * s.day_step;
    return s;
}

/* Gridlines and labels: a date at local midnights (every day up to two
 * weeks, else weekly or monthly), days on the y axis. */
static void draw_profile_frame(cairo_t *cr, const profile_panel *p, const char *title)
{
    char label[32];
    set_font(cr, 10, false);
    cairo_set_line_width(cr, 1);
    for (double d = 0; d <= p->s->max_days + 1e-9; d += p->s->day_step) {
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        grid_line(cr, p->x0, py_of(p, d), p->x0 + p->w, py_of(p, d));
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        g_snprintf(label, sizeof label, "%g", d);
        text_at(cr, p->x0 - 8 - 6.0 * (double)strlen(label), py_of(p, d) + 4, label);
    }
    double span_days = (p->s->t1 - p->s->t0) / 86400;
    /* labels: daily, weekly, on the 1st of each month, or of each quarter */
    int every = span_days <= 14 ? 1 : span_days <= 70 ? 7 : span_days <= 300 ? 30 : 91;
    GTimeZone *zone = p->s->zone ? g_time_zone_ref(p->s->zone) : g_time_zone_new_utc();
    GDateTime *start = g_date_time_new_from_unix_utc((gint64)floor(p->s->t0));
    GDateTime *local = g_date_time_to_timezone(start, zone);
    GDateTime *day = g_date_time_new(zone, g_date_time_get_year(local),
                                     g_date_time_get_month(local),
                                     g_date_time_get_day_of_month(local), 0, 0, 0);
    for (int n = 0; instant_of(day) <= p->s->t1 + 1; n++) {
        double t = instant_of(day);
        int mday = g_date_time_get_day_of_month(day), month = g_date_time_get_month(day);
        bool labelled = every < 30 ? n % every == 0
                                   : mday == 1 && (every == 30 || (month - 1) % 3 == 0);
        if (t >= p->s->t0 - 1 && (labelled || span_days <= 62)) {
            cairo_set_source_rgb(cr, labelled ? 0.8 : 0.93, labelled ? 0.8 : 0.93,
                                 labelled ? 0.8 : 0.93);
            grid_line(cr, px_of(p, t), p->y0, px_of(p, t), p->y0 + p->h);
            if (labelled) {
                char *text = g_date_time_format(day, "%Y-%m-%d");
                cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
                text_at(cr, px_of(p, t) - 28, p->y0 + p->h + 14, text);
                g_free(text);
            }
        }
        GDateTime *next = g_date_time_add_days(day, 1);
        g_date_time_unref(day);
        day = next;
    }
    g_date_time_unref(day);
    g_date_time_unref(local);
    g_date_time_unref(start);
    g_time_zone_unref(zone);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, p->x0, p->y0, p->w, p->h);
    cairo_stroke(cr);
    text_at(cr, p->x0 + p->w / 2 - 80, p->y0 + p->h + 32, "departure date (origin's time)");
    cairo_save(cr);
    cairo_move_to(cr, p->x0 - 44, p->y0 + p->h / 2 + 30);
    cairo_rotate(cr, -G_PI / 2);
    cairo_show_text(cr, "transit days");
    cairo_restore(cr);
    cairo_new_path(cr);
    set_font(cr, 12, true);
    text_at(cr, p->x0, p->y0 - 10, title);
}

static const double palette[][3] = {
    {0.12, 0.47, 0.71}, {1.00, 0.50, 0.05}, {0.17, 0.63, 0.17}, {0.84, 0.15, 0.16},
    {0.58, 0.40, 0.74}, {0.55, 0.34, 0.29}, {0.89, 0.47, 0.76}, {0.50, 0.50, 0.50},
    {0.74, 0.74, 0.13}, {0.09, 0.75, 0.81}};

/* One family: a line through its departures with a route (broken where
 * one has none) and a marker on each. */
static void draw_family(cairo_t *cr, const profile_panel *p, const corridor_profile *cp,
                        const double rgb[3])
{
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
    cairo_set_line_width(cr, 1.8);
    cairo_new_path(cr);
    size_t n = fr_profile_count(cp->profile);
    for (size_t i = 0; i < n; i++) {
        const fr_route *r = fr_profile_route(cp->profile, i);
        if (!r) {
            cairo_stroke(cr);
            continue;
        }
        double x = px_of(p, instant_of(fr_profile_departure(cp->profile, i)));
        double y = py_of(p, fr_route_total_time_h(r) / 24);
        cairo_line_to(cr, x, y);
    }
    cairo_stroke(cr);
    double radius = n > 200 ? 1.5 : n > 60 ? 2.2 : 3.2;
    for (size_t i = 0; i < n; i++) {
        const fr_route *r = fr_profile_route(cp->profile, i);
        if (!r)
            continue;
        cairo_new_sub_path(cr);
        cairo_arc(cr, px_of(p, instant_of(fr_profile_departure(cp->profile, i))),
                  py_of(p, fr_route_total_time_h(r) / 24), radius, 0, 2 * G_PI);
        cairo_fill(cr);
    }
}

/* A family's colour: the same in every panel, in order of first appearance. */
static const double *family_colour(GHashTable *colours, const char *family)
{
    gpointer index;
    if (!g_hash_table_lookup_extended(colours, family, NULL, &index)) {
        index = GUINT_TO_POINTER(g_hash_table_size(colours));
        g_hash_table_insert(colours, (gpointer)family, index);
    }
    return palette[GPOINTER_TO_UINT(index) % G_N_ELEMENTS(palette)];
}

static void draw_legend(cairo_t *cr, const profile_panel *p, const corridor_profiles *ps,
                        GHashTable *colours)
{
    set_font(cr, 10, false);
    double x = p->x0 + p->w + 14, y = p->y0 + 8;
    for (guint f = 0; f < ps->families->len; f++, y += 18) {
        const corridor_profile *cp = g_ptr_array_index(ps->families, f);
        const double *rgb = family_colour(colours, cp->family);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_set_line_width(cr, 1.8);
        grid_line(cr, x, y, x + 22, y);
        cairo_new_sub_path(cr);
        cairo_arc(cr, x + 11, y, 3, 0, 2 * G_PI);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        text_at(cr, x + 28, y + 4, cp->name);
    }
    if (ps->families->len == 0) {
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        text_at(cr, x, y + 4, "no route");
    }
}

static void draw_profiles(cairo_t *cr, const fr_network *net, const GPtrArray *profiles)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    profile_scales s = find_profile_scales(net, profiles);
    const char *from = profiles->len
                           ? ((corridor_profiles *)g_ptr_array_index(profiles, 0))->from
                           : "";
    const char *origin = *from && fr_network_find_node(net, from) >= 0 ? node_name(net, from)
                                                                      : from;
    char *title = g_strdup_printf("Transit days by departure date from %s: each corridor "
                                  "family's route, one line each (gaps: no route)",
                                  origin);
    cairo_set_source_rgb(cr, 0, 0, 0);
    set_font(cr, 14, true);
    text_at(cr, 20, 30, title);
    GHashTable *colours = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint k = 0; k < profiles->len; k++) {
        const corridor_profiles *ps = g_ptr_array_index(profiles, k);
        profile_panel p = {(k % PROFILE_COLS) * PROFILE_W + MARGIN_L,
                           TITLE_H + (k / PROFILE_COLS) * PROFILE_H + MARGIN_T,
                           PROFILE_W - MARGIN_L - PROFILE_LEGEND_W,
                           PROFILE_H - MARGIN_T - MARGIN_B, &s};
        char *panel_title = g_strdup_printf("to %s (%s)", node_name(net, ps->to), ps->to);
        draw_profile_frame(cr, &p, panel_title);
        for (guint f = 0; f < ps->families->len; f++) {
            const corridor_profile *cp = g_ptr_array_index(ps->families, f);
            draw_family(cr, &p, cp, family_colour(colours, cp->family));
        }
        draw_legend(cr, &p, ps, colours);
        g_free(panel_title);
    }
    g_hash_table_destroy(colours);
    g_free(title);
}

bool chart_draw_profiles(const fr_network *net, const GPtrArray *profiles, const char *path,
                         GError **error)
{
    int cols = MIN(PROFILE_COLS, MAX(1, (int)profiles->len));
    int rows = MAX(1, ((int)profiles->len + PROFILE_COLS - 1) / PROFILE_COLS);
    int width = MAX(cols * PROFILE_W, 900), height = TITLE_H + rows * PROFILE_H;
    return write_chart(path, width, height, draw_profiles, net, profiles, error);
}

/* ---- Scenarios: each family's base point -> its scenario points ----------- */

enum { SCENARIO_TITLE_H = 70 };

/* The shared USD range of the base and scenario comparisons. */
static scales find_scenario_scales(const GPtrArray *comparisons)
{
    double max_days = 0, min_usd = INFINITY, max_usd = 10;
    for (guint c = 0; c < comparisons->len; c++) {
        const corridor_scenarios *cs = g_ptr_array_index(comparisons, c);
        widen(cs->base, &max_days, &min_usd, &max_usd);
        for (guint k = 0; k < cs->scenarios->len; k++)
            widen(g_ptr_array_index(cs->scenarios, k), &max_days, &min_usd, &max_usd);
    }
    scales s = {0};
    usd_range(&s, min_usd, max_usd);
    return s;
}

/* The longest route of one destination, on the base network or a scenario's. */
static double scenario_max_days(const corridor_scenarios *cs)
{
    double max_days = 0, min_usd = INFINITY, max_usd = 0;
    widen(cs->base, &max_days, &min_usd, &max_usd);
    for (guint k = 0; k < cs->scenarios->len; k++)
        widen(g_ptr_array_index(cs->scenarios, k), &max_days, &min_usd, &max_usd);
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
            const double *rgb = palette[(k + 1) % G_N_ELEMENTS(palette)];
            cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
            cairo_set_line_width(cr, 1.5);
            double x = x_of(p, days_of(o)), y = y_of(p, usd_of(o));
            double bx = base ? x_of(p, days_of(base)) : x, by = base ? y_of(p, usd_of(base)) : y;
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
            add_obstacle(placed, x, y);
        }
        if (base) {
            double x = x_of(p, days_of(base)), y = y_of(p, usd_of(base));
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
            cairo_set_line_width(cr, 1.5);
            marker(cr, x, y, false);
            add_obstacle(placed, x, y);
        }
    }
    set_font(cr, 10, false);
    for (guint f = 0; f < cs->families->len; f++) {
        const char *family = g_ptr_array_index(cs->families, f);
        const corridor_option *o = corridor_find_family(cs->base, family);
        for (guint k = 0; !o && k < cs->scenarios->len; k++)
            o = corridor_find_family(g_ptr_array_index(cs->scenarios, k), family);
        if (o)
            draw_label(cr, p, x_of(p, days_of(o)), y_of(p, usd_of(o)), o->name, placed, lines);
    }
    g_array_free(lines, TRUE);
    g_array_free(placed, TRUE);
}

/* The legend under the title: the base marker, then each scenario's colour. */
static void draw_scenario_legend(cairo_t *cr, const corridor_scenarios *cs)
{
    set_font(cr, 11, false);
    double x = 24, y = 52;
    cairo_set_line_width(cr, 1.5);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    marker(cr, x, y, false);
    text_at(cr, x + 10, y + 4, "base (a dot inside: unchanged)");
    x += 220;
    for (guint k = 0; k < cs->scenarios->len; k++) {
        const double *rgb = palette[(k + 1) % G_N_ELEMENTS(palette)];
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        arrow(cr, x, y, x + 26, y);
        marker(cr, x + 26, y, true);
        cairo_text_extents_t ext;
        cairo_text_extents(cr, cs->names[k], &ext);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        text_at(cr, x + 36, y + 4, cs->names[k]);
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
    const char *origin = first ? node_name(net, first->base->from) : "";
    char *title = g_strdup_printf("Freight corridors from %s under scenarios: days against USD "
                                  "per TEU (log scale)",
                                  origin);
    draw_title(cr, canvas_width(comparisons->len), title);
    g_free(title);
    if (first)
        draw_scenario_legend(cr, first);
    for (guint c = 0; c < comparisons->len; c++) {
        const corridor_scenarios *cs = g_ptr_array_index(comparisons, c);
        scales s = shared;
        day_range(&s, scenario_max_days(cs));
        panel p = panel_at(c, comparisons->len, SCENARIO_TITLE_H, s);
        char *panel_title =
            g_strdup_printf("to %s (%s)", node_name(net, cs->base->to), cs->base->to);
        if (cs->families->len == 0)
            draw_no_route(cr, &p, panel_title, origin, node_name(net, cs->base->to));
        else {
            draw_frame(cr, &p, panel_title);
            draw_scenario_panel(cr, &p, cs);
        }
        g_free(panel_title);
    }
}

bool chart_draw_scenarios(const fr_network *net, const GPtrArray *comparisons, const char *path,
                          GError **error)
{
    int rows = MAX(1, ((int)comparisons->len + COLS - 1) / COLS);
    return write_chart(path, canvas_width(comparisons->len), SCENARIO_TITLE_H + rows * PANEL_H,
                       draw_scenarios, net, comparisons, error);
}
