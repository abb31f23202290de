/* chart_profile.c - fr-corridors --depart-window --chart (see chart.h):
 * transit days against the departure date, a panel per destination, one
 * line with markers per corridor family (the weekly sawtooth). */
#include "chart_internal.h"

#include <math.h>
#include <string.h>

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

/* Gridlines and labels: a date at local midnights (as often as the width
 * allows: daily, every other day, weekly, monthly or quarterly), days on
 * the y axis. */
static void draw_profile_frame(cairo_t *cr, const profile_panel *p, const char *title)
{
    char label[32];
    chart_set_font(cr, 10, false);
    cairo_set_line_width(cr, 1);
    for (double d = 0; d <= p->s->max_days + 1e-9; d += p->s->day_step) {
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        chart_grid_line(cr, p->x0, py_of(p, d), p->x0 + p->w, py_of(p, d));
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        g_snprintf(label, sizeof label, "%g", d);
        chart_text_at(cr, p->x0 - 8 - 6.0 * (double)strlen(label), py_of(p, d) + 4, label);
    }
    double span_days = (p->s->t1 - p->s->t0) / 86400;
    /* labels: every day, every other day, weekly, on the 1st of each month,
     * or of each quarter: the first that leaves a date's width (70 px)
     * between labels */
    static const int label_steps[] = {1, 2, 7, 30, 91};
    double px_per_day = span_days > 0 ? p->w / span_days : p->w;
    int every = 91;
    for (size_t i = 0; i < G_N_ELEMENTS(label_steps); i++)
        if (label_steps[i] * px_per_day >= 70) {
            every = label_steps[i];
            break;
        }
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
            chart_grid_line(cr, px_of(p, t), p->y0, px_of(p, t), p->y0 + p->h);
            if (labelled) {
                char *text = g_date_time_format(day, "%Y-%m-%d");
                cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
                chart_text_at(cr, px_of(p, t) - 28, p->y0 + p->h + 14, text);
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
    chart_text_at(cr, p->x0 + p->w / 2 - 80, p->y0 + p->h + 32, "departure date (origin's time)");
    cairo_save(cr);
    cairo_move_to(cr, p->x0 - 44, p->y0 + p->h / 2 + 30);
    cairo_rotate(cr, -G_PI / 2);
    cairo_show_text(cr, "transit days");
    cairo_restore(cr);
    cairo_new_path(cr);
    chart_set_font(cr, 12, true);
    chart_text_at(cr, p->x0, p->y0 - 10, title);
}

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
    return chart_colour(GPOINTER_TO_UINT(index));
}

static void draw_legend(cairo_t *cr, const profile_panel *p, const corridor_profiles *ps,
                        GHashTable *colours)
{
    chart_set_font(cr, 10, false);
    double x = p->x0 + p->w + 14, y = p->y0 + 8;
    for (guint f = 0; f < ps->families->len; f++, y += 18) {
        const corridor_profile *cp = g_ptr_array_index(ps->families, f);
        const double *rgb = family_colour(colours, cp->family);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_set_line_width(cr, 1.8);
        chart_grid_line(cr, x, y, x + 22, y);
        cairo_new_sub_path(cr);
        cairo_arc(cr, x + 11, y, 3, 0, 2 * G_PI);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        chart_text_at(cr, x + 28, y + 4, cp->name);
    }
    if (ps->families->len == 0) {
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        chart_text_at(cr, x, y + 4, "no route");
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
    const char *origin = *from && fr_network_find_node(net, from) >= 0 ? chart_node_name(net, from)
                                                                      : from;
    char *title = g_strdup_printf("Transit days by departure date from %s: each corridor "
                                  "family's route, one line each (gaps: no route)",
                                  origin);
    cairo_set_source_rgb(cr, 0, 0, 0);
    chart_set_font(cr, 14, true);
    chart_text_at(cr, 20, 30, title);
    GHashTable *colours = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint k = 0; k < profiles->len; k++) {
        const corridor_profiles *ps = g_ptr_array_index(profiles, k);
        profile_panel p = {(k % PROFILE_COLS) * PROFILE_W + MARGIN_L,
                           TITLE_H + (k / PROFILE_COLS) * PROFILE_H + MARGIN_T,
                           PROFILE_W - MARGIN_L - PROFILE_LEGEND_W,
                           PROFILE_H - MARGIN_T - MARGIN_B, &s};
        char *panel_title = g_strdup_printf("to %s (%s)", chart_node_name(net, ps->to), ps->to);
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
    return chart_write_chart(path, width, height, draw_profiles, net, profiles, error);
}
