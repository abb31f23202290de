/* chart_internal.h - what the three charts of fr-corridors share (chart.c:
 * the corridor chart and the primitives; chart_profile.c: departure
 * profiles; chart_scenario.c: scenarios): the panel geometry and scales, text
 * and frames, label placement, and writing a PNG or SVG. */
#ifndef FR_CHART_INTERNAL_H
#define FR_CHART_INTERNAL_H

#include "chart.h"

#include <cairo.h>

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

typedef struct {
    double x0, y0, x1, y1;
} segment;

void chart_grid_line(cairo_t *cr, double x0, double y0, double x1, double y1);
const char *chart_node_name(const fr_network *net, const char *id);
void chart_set_font(cairo_t *cr, double size, bool bold);
void chart_text_at(cairo_t *cr, double x, double y, const char *text);
bool chart_write_chart(const char *path, int width, int height,
                       void (*paint)(cairo_t *cr, const fr_network *net, const GPtrArray *items),
                       const fr_network *net, const GPtrArray *items, GError **error);
void chart_add_obstacle(GArray *placed, double x, double y);
int chart_canvas_width(guint n);
void chart_day_range(scales *s, double max_days);
double chart_days_of(const corridor_option *o);
void chart_draw_frame(cairo_t *cr, const panel *p, const char *title);
void chart_draw_label(cairo_t *cr, const panel *p, double x, double y, const char *text,
                       GArray *placed, const GArray *lines);
void chart_draw_no_route(cairo_t *cr, const panel *p, const char *title, const char *origin,
                          const char *destination);
void chart_draw_title(cairo_t *cr, double width, const char *title);
panel chart_panel_at(guint c, guint n, double top, scales s);
double chart_usd_of(const corridor_option *o);
void chart_usd_range(scales *s, double min_usd, double max_usd);
void chart_widen(const corridor_comparison *c, double *max_days, double *min_usd,
                  double *max_usd);
double chart_x_of(const panel *p, double days);
double chart_y_of(const panel *p, double usd);

/* Label boxes (for placement) and a colour of the charts' palette. */
typedef struct {
    double x, y, w, h;
} box;
const double *chart_colour(size_t k);

#endif
