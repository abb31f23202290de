/* pareto_hull.c - the supported routes of a Pareto front: those that
 * minimise w . f for some weighting w > 0 of the criteria (the front's
 * points on its lower-left convex hull, ties on a hull facet included).
 *
 * For each point p, the weightings for which p is optimal form a convex set
 * inside the simplex {w >= 0, sum w = 1}: w . (q - p) >= 0 for every other
 * point q. With two criteria that set is an interval of w1; with three a
 * polygon in (w1, w2), cut out of the triangle one half-plane at a time.
 * p is supported when the set reaches into the open simplex (w > 0), which
 * for a convex set is when the mean of its vertices does. Figures are
 * first scaled to [0, 1] per criterion; a slack of EPS keeps ties (points
 * exactly on a facet) supported despite rounding. O(n^2) per front. */
#include "pareto.h"

#include <string.h>

#define EPS 1e-10      /* slack of each inequality, in scaled units */
#define INTERIOR 1e-7 /* how far inside the simplex a weighting must be */

/* Points scaled to [0, 1] per criterion (a constant criterion becomes 0). */
static double *scaled(const double *points, size_t n, int k)
{
    double *out = g_new(double, n * k);
    for (int d = 0; d < k; d++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            lo = fmin(lo, points[i * k + d]);
            hi = fmax(hi, points[i * k + d]);
        }
        double range = hi > lo ? hi - lo : 1;
        for (size_t i = 0; i < n; i++)
            out[i * k + d] = (points[i * k + d] - lo) / range;
    }
    return out;
}

/* Two criteria: w = (t, 1 - t), t in [0, 1]. */
static bool supported2(const double *q, size_t n, size_t p)
{
    double lo = 0, hi = 1;
    for (size_t j = 0; j < n && lo <= hi; j++) {
        if (j == p)
            continue;
        double a = q[2 * j] - q[2 * p], b = q[2 * j + 1] - q[2 * p + 1];
        /* t a + (1 - t) b >= -EPS  <=>  t (a - b) >= -EPS - b */
        double slope = a - b, rhs = -EPS - b;
        if (slope > 0)
            lo = fmax(lo, rhs / slope);
        else if (slope < 0)
            hi = fmin(hi, rhs / slope);
        else if (rhs > 0)
            return false;
    }
    double mid = (lo + hi) / 2;
    return lo <= hi && mid > INTERIOR && mid < 1 - INTERIOR;
}

/* Cuts the convex polygon v (n vertices, (x, y) pairs) by c0 x + c1 y + c2
 * >= 0 into out; returns the new vertex count. */
static size_t clip(const double *v, size_t n, double c0, double c1, double c2, double *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const double *a = v + 2 * i, *b = v + 2 * ((i + 1) % n);
        double fa = c0 * a[0] + c1 * a[1] + c2, fb = c0 * b[0] + c1 * b[1] + c2;
        if (fa >= 0) {
            out[2 * m] = a[0];
            out[2 * m++ + 1] = a[1];
        }
        if ((fa >= 0) != (fb >= 0)) {
            double t = fa / (fa - fb);
            out[2 * m] = a[0] + t * (b[0] - a[0]);
            out[2 * m++ + 1] = a[1] + t * (b[1] - a[1]);
        }
    }
    return m;
}

/* Three criteria: w = (x, y, 1 - x - y) in the triangle x, y >= 0, x + y <= 1. */
static bool supported3(const double *q, size_t n, size_t p, double *buf_a, double *buf_b)
{
    double *poly = buf_a, *next = buf_b;
    const double triangle[6] = {0, 0, 1, 0, 0, 1};
    memcpy(poly, triangle, sizeof triangle);
    size_t m = 3;
    for (size_t j = 0; j < n && m > 0; j++) {
        if (j == p)
            continue;
        const double *a = q + 3 * j, *b = q + 3 * p;
        double d0 = a[0] - b[0], d1 = a[1] - b[1], d2 = a[2] - b[2];
        m = clip(poly, m, d0 - d2, d1 - d2, d2 + EPS, next);
        double *tmp = poly;
        poly = next;
        next = tmp;
    }
    if (m == 0)
        return false;
    double x = 0, y = 0;
    for (size_t i = 0; i < m; i++) {
        x += poly[2 * i] / m;
        y += poly[2 * i + 1] / m;
    }
    return x > INTERIOR && y > INTERIOR && 1 - x - y > INTERIOR;
}

bool *fr_pareto_supported(const double *points, size_t n, int k)
{
    bool *keep = g_new0(bool, n ? n : 1);
    double *q = scaled(points, n, k);
    /* each cut adds at most one vertex to the triangle */
    double *buf_a = g_new(double, 2 * (n + 4)), *buf_b = g_new(double, 2 * (n + 4));
    for (size_t p = 0; p < n; p++)
        keep[p] = n == 1 || (k == 2 ? supported2(q, n, p) : supported3(q, n, p, buf_a, buf_b));
    g_free(buf_a);
    g_free(buf_b);
    g_free(q);
    return keep;
}
