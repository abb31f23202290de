/* chart_labels.c - placing the charts' labels (see chart_internal.h):
 * greedily next to their point (right, left, above, below, then further
 * out), keeping off the labels and points placed so far and the lines
 * given, with a thin leader line when a label moved away from its point. */
#include "chart_internal.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

static double overlap(const box *a, const box *b)
{
    double w = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
    double h = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);
    return w > 0 && h > 0 ? w * h : 0;
}

/* Points and placed labels, which a new label must not cover. */
void chart_add_obstacle(GArray *placed, double x, double y)
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
void chart_draw_label(cairo_t *cr, const panel *p, double x, double y, const char *text,
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
            chart_grid_line(cr, x + dx / length * 6, y + dy / length * 6, lx - dx / length, ly - dy / length);
        }
    }
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    chart_text_at(cr, b.x + 1, b.y + fe.ascent, text);
}
