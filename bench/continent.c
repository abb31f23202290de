/* continent.c - the synthetic continent generator (see continent.h).
 *
 * Coordinates are planar in [-1, 1]^2 while generating and mapped to a
 * lat/lon box at the end of every row; distances are great-circle
 * (haversine) kilometres times a detour factor per mode. Rows are written
 * as they are made, into stdio buffers, with a number formatter of our own;
 * nothing is allocated per row. Each phase (roads, countries, rail, rivers,
 * ports, airports) draws from its own PRNG stream, so a change in one phase
 * does not reshuffle the others; so do the optional services, drawn as
 * each scheduled link is written. */
#include "continent.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK(continent-error-quark, continent_error)

/* ---- PRNG: splitmix64 seeding xoshiro256** -------------------------------- */

typedef struct {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A stream of its own for each (seed, phase). */
static void rng_seed(rng *r, uint64_t seed, uint64_t phase)
{
    uint64_t x = seed ^ (phase * 0xD1B54A32D192ED03ull);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static double rng_unit(rng *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; }
static double rng_range(rng *r, double lo, double hi) { return lo + (hi - lo) * rng_unit(r); }
static uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* ---- small containers ------------------------------------------------------ */

typedef struct {
    uint32_t *v;
    size_t n, cap;
} u32vec;

static void u32vec_push(u32vec *a, uint32_t x)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 64;
        a->v = g_renew(uint32_t, a->v, a->cap);
    }
    a->v[a->n++] = x;
}

static void u32vec_free(u32vec *a)
{
    g_free(a->v);
    memset(a, 0, sizeof *a);
}

static uint32_t uf_find(uint32_t *parent, uint32_t a)
{
    while (parent[a] != a)
        a = parent[a] = parent[parent[a]];
    return a;
}

/* True when a and b were in different sets (now merged). */
static bool uf_union(uint32_t *parent, uint32_t a, uint32_t b)
{
    a = uf_find(parent, a);
    b = uf_find(parent, b);
    if (a == b)
        return false;
    if (a < b)
        parent[b] = a;
    else
        parent[a] = b;
    return true;
}

static uint32_t *uf_new(uint32_t n)
{
    uint32_t *parent = g_new(uint32_t, n ? n : 1);
    for (uint32_t i = 0; i < n; i++)
        parent[i] = i;
    return parent;
}

/* ---- the land: a star-shaped blob r(theta) in [-1, 1]^2 ------------------- */

#define RTABLE 4096

typedef struct {
    double r[RTABLE + 1];
    double area; /* in planar units */
    double lat0, lon0, dlat, dlon;
    int centre; /* which real land area (centres[] below) */
} land;

static void land_make(land *l, rng *r)
{
    double amp[7], phase[7];
    for (int k = 2; k <= 6; k++) {
        amp[k] = rng_range(r, 0.0, 0.28 / k);
        phase[k] = rng_range(r, 0, 2 * G_PI);
    }
    l->area = 0;
    for (int i = 0; i <= RTABLE; i++) {
        double t = 2 * G_PI * i / RTABLE, f = 1;
        for (int k = 2; k <= 6; k++)
            f += amp[k] * sin(k * t + phase[k]);
        l->r[i] = 0.62 * f;
        if (i < RTABLE)
            l->area += 0.5 * l->r[i] * l->r[i] * (2 * G_PI / RTABLE);
    }
    /* centred somewhere over real land, picked by the seed */
    static const double centres[][2] = {{48, 15},  {40, -98}, {-12, -58}, {5, 22},
                                        {46, 80},  {-25, 134}, {23, 79},   {33, 108}};
    l->centre = (int)rng_below(r, G_N_ELEMENTS(centres));
    const double(*c)[2] = &centres[l->centre];
    l->lat0 = (*c)[0] + rng_range(r, -3, 3);
    l->lon0 = (*c)[1] + rng_range(r, -3, 3);
    l->dlat = 12;
    l->dlon = 12 / cos(l->lat0 * G_PI / 180);
}

static double land_radius(const land *l, double theta)
{
    double u = theta / (2 * G_PI);
    u = (u - floor(u)) * RTABLE;
    int i = (int)u;
    if (i >= RTABLE)
        i = RTABLE - 1;
    return l->r[i] + (l->r[i + 1] - l->r[i]) * (u - i);
}

static bool land_inside(const land *l, double x, double y)
{
    return x * x + y * y < pow(land_radius(l, atan2(y, x)), 2);
}

static double lat_of(const land *l, double y) { return l->lat0 + y * l->dlat; }
static double lon_of(const land *l, double x) { return l->lon0 + x * l->dlon; }

static double haversine_km(const land *l, double x1, double y1, double x2, double y2)
{
    const double rad = G_PI / 180;
    double p1 = lat_of(l, y1) * rad, p2 = lat_of(l, y2) * rad;
    double dp = p2 - p1, dl = (lon_of(l, x2) - lon_of(l, x1)) * rad;
    double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2 * 6371.0 * asin(fmin(1.0, sqrt(a)));
}

/* ---- a bucket grid for nearest-neighbour queries -------------------------- */

#define INDEX_HALF 1.25 /* cells cover [-1.25, 1.25]^2; points outside clamp */

typedef struct {
    const double *x, *y;
    double cell;
    int32_t n; /* n x n cells */
    uint32_t *start, *items;
} grid_index;

static int32_t cell_of(const grid_index *ix, double v)
{
    int32_t c = (int32_t)floor((v + INDEX_HALF) / ix->cell);
    return c < 0 ? 0 : c >= ix->n ? ix->n - 1 : c;
}

static void index_build(grid_index *ix, const double *x, const double *y, uint32_t count,
                        double cell)
{
    ix->x = x;
    ix->y = y;
    ix->n = (int32_t)ceil(2 * INDEX_HALF / cell);
    if (ix->n > 4096)
        ix->n = 4096;
    if (ix->n < 1)
        ix->n = 1;
    ix->cell = 2 * INDEX_HALF / ix->n;
    size_t cells = (size_t)ix->n * (size_t)ix->n;
    ix->start = g_new0(uint32_t, cells + 1);
    ix->items = g_new(uint32_t, count ? count : 1);
    uint32_t *key = g_new(uint32_t, count ? count : 1);
    for (uint32_t i = 0; i < count; i++) {
        key[i] = (uint32_t)(cell_of(ix, y[i]) * ix->n + cell_of(ix, x[i]));
        ix->start[key[i] + 1]++;
    }
    for (size_t c = 0; c < cells; c++)
        ix->start[c + 1] += ix->start[c];
    uint32_t *fill = g_memdup2(ix->start, cells * sizeof *fill);
    for (uint32_t i = 0; i < count; i++)
        ix->items[fill[key[i]]++] = i;
    g_free(fill);
    g_free(key);
}

static void index_free(grid_index *ix)
{
    g_free(ix->start);
    g_free(ix->items);
    memset(ix, 0, sizeof *ix);
}

typedef bool (*accept_fn)(const void *ctx, uint32_t item);

/* The k best so far, sorted by squared distance. */
typedef struct {
    uint32_t k, found;
    uint32_t id[8];
    double d2[8];
} best_k;

static void best_offer(best_k *b, uint32_t id, double d2)
{
    if (b->found == b->k && d2 >= b->d2[b->k - 1])
        return;
    uint32_t i = b->found < b->k ? b->found++ : b->k - 1;
    for (; i > 0 && b->d2[i - 1] > d2; i--) {
        b->id[i] = b->id[i - 1];
        b->d2[i] = b->d2[i - 1];
    }
    b->id[i] = id;
    b->d2[i] = d2;
}

static void scan_cell(const grid_index *ix, int32_t cx, int32_t cy, double qx, double qy,
                      best_k *b, accept_fn ok, const void *ctx)
{
    if (cx < 0 || cy < 0 || cx >= ix->n || cy >= ix->n)
        return;
    size_t c = (size_t)cy * (size_t)ix->n + (size_t)cx;
    for (uint32_t p = ix->start[c]; p < ix->start[c + 1]; p++) {
        uint32_t id = ix->items[p];
        double dx = ix->x[id] - qx, dy = ix->y[id] - qy;
        if (ok(ctx, id))
            best_offer(b, id, dx * dx + dy * dy);
    }
}

/* Up to k (<= 8) accepted items nearest to (qx, qy), nearest first. */
static uint32_t index_nearest(const grid_index *ix, double qx, double qy, uint32_t k,
                              uint32_t *out, accept_fn ok, const void *ctx)
{
    best_k b = {.k = k};
    int32_t cx = cell_of(ix, qx), cy = cell_of(ix, qy);
    for (int32_t r = 0; r <= ix->n; r++) {
        for (int32_t dy = -r; dy <= r; dy++) {
            bool edge = dy == -r || dy == r;
            for (int32_t dx = -r; dx <= r; dx += edge ? 1 : 2 * r)
                scan_cell(ix, cx + dx, cy + dy, qx, qy, &b, ok, ctx);
        }
        if (b.found == k && sqrt(b.d2[k - 1]) <= r * ix->cell)
            break;
    }
    memcpy(out, b.id, b.found * sizeof *out);
    return b.found;
}

static bool accept_all(const void *ctx, uint32_t item)
{
    (void)ctx, (void)item;
    return true;
}

static bool accept_not_self(const void *ctx, uint32_t item)
{
    return item != *(const uint32_t *)ctx;
}

typedef struct {
    uint32_t *parent, root;
} other_component;

static bool accept_other_component(const void *ctx, uint32_t item)
{
    const other_component *oc = ctx;
    return uf_find(oc->parent, item) != oc->root;
}

/* ---- proximity graphs: k nearest neighbours, then made connected ---------- */

static bool knn_has(const uint32_t *knn, uint32_t k, uint32_t i, uint32_t j)
{
    for (uint32_t a = 0; a < k; a++)
        if (knn[(size_t)i * k + a] == j)
            return true;
    return false;
}

/* Joins every component to its nearest point in another one until one is left. */
static void connect_components(const grid_index *ix, uint32_t n, uint32_t *parent, u32vec *edges)
{
    uint8_t *handled = g_new(uint8_t, n ? n : 1);
    for (bool joined = true; joined;) {
        joined = false;
        memset(handled, 0, n);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t r = uf_find(parent, i), j;
            if (handled[r])
                continue;
            handled[r] = 1;
            other_component oc = {parent, r};
            if (index_nearest(ix, ix->x[i], ix->y[i], 1, &j, accept_other_component, &oc) == 1) {
                u32vec_push(edges, i);
                u32vec_push(edges, j);
                uf_union(parent, i, j);
                joined = true;
            }
        }
    }
    g_free(handled);
}

/* Edges (pairs in `edges`) joining each point to its k nearest, then connected. */
static void proximity_graph(const double *x, const double *y, uint32_t n, uint32_t k,
                            double cell, u32vec *edges)
{
    grid_index ix;
    index_build(&ix, x, y, n, cell);
    uint32_t *knn = g_new(uint32_t, (size_t)n * k + 1);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t got = index_nearest(&ix, x[i], y[i], k, knn + (size_t)i * k, accept_not_self, &i);
        for (uint32_t a = got; a < k; a++)
            knn[(size_t)i * k + a] = UINT32_MAX;
    }
    uint32_t *parent = uf_new(n);
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t a = 0; a < k; a++) {
            uint32_t j = knn[(size_t)i * k + a];
            if (j == UINT32_MAX || (j < i && knn_has(knn, k, j, i)))
                continue; /* j lists i too: the pair is added from j */
            u32vec_push(edges, i);
            u32vec_push(edges, j);
            uf_union(parent, i, j);
        }
    connect_components(&ix, n, parent, edges);
    g_free(parent);
    g_free(knn);
    index_free(&ix);
}

/* ---- the generator's state ------------------------------------------------- */

/* FORMAT.md node kinds and modes, in the generator's own numbering. */
enum { K_CITY, K_RAIL_TERMINAL, K_RIVER_PORT, K_SEAPORT, K_AIRPORT, K_BORDER, K_JUNCTION };
enum { M_RAIL, M_ROAD, M_RIVER, M_SEA, M_AIR, M_COUNT };

static const char *const kind_names[] = {"city",    "rail_terminal", "river_port", "seaport",
                                         "airport", "border",        "junction"};
static const char *const kind_prefix[] = {"C", "RT", "RP", "SP", "AP", "B", "J"};
static const char *const mode_names[] = {"rail", "road", "river", "sea", "air"};
static const double mode_co2[] = {0.22, 0.62, 0.31, 0.08, 6.02}; /* FORMAT.md §4 */
static const double mode_detour[] = {1.15, 1.2, 1.3, 1.35, 1.05};
static const double mode_speed_kmh[] = {45, 60, 12, 30, 750};
static const double mode_wait_h[] = {3, 0, 4, 24, 5};
static const double mode_usd_km[] = {0.55, 1.5, 0.3, 0.1, 4.5};

#define MAX_COUNTRIES 40

enum { F_NODES, F_LINKS, F_TRANSFERS, F_MODES, F_SERVICES, F_COUNT };
static const char *const file_names[F_COUNT] = {"nodes.csv", "links.csv", "transfers.csv",
                                                "modes.csv", "services.csv"};

typedef struct {
    double *x, *y;
    uint8_t *kind, *country, *mask; /* mask: modes of the node's links */
    uint32_t n, cap;
} node_table;

typedef struct {
    const continent_params *p;
    land land;
    double spacing; /* typical distance between neighbouring road nodes */
    node_table nodes;
    uint32_t n_road;
    u32vec road_edges, cities, rail_terminals;
    grid_index road_index; /* over the road nodes */
    int n_countries;
    char code[MAX_COUNTRIES][3];
    double cx[MAX_COUNTRIES], cy[MAX_COUNTRIES];
    FILE *f[F_COUNT]; /* f[F_SERVICES] only with services */
    char source[64];
    uint64_t n_links;
    continent_stats *st;
    rng rng;      /* the current phase's stream */
    rng services; /* the services' own stream (PHASE_SERVICES) */
    bool services_on;
} gen;

/* ---- rows: built in a fixed buffer, numbers formatted here ---------------- */

typedef struct {
    char buf[512];
    size_t len;
} row;

static void put_str(row *r, const char *s)
{
    size_t n = strlen(s);
    if (n > sizeof r->buf - r->len - 1)
        n = sizeof r->buf - r->len - 1;
    memcpy(r->buf + r->len, s, n);
    r->len += n;
}

static void put_chr(row *r, char c)
{
    if (r->len < sizeof r->buf - 1)
        r->buf[r->len++] = c;
}

static void put_u(row *r, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    while (n > 0)
        put_chr(r, tmp[--n]);
}

/* v with exactly `decimals` (<= 6) digits after the point. */
static void put_fixed(row *r, double v, int decimals)
{
    static const uint64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    int64_t n = llround(v * (double)pow10[decimals]);
    if (n < 0) {
        put_chr(r, '-');
        n = -n;
    }
    put_u(r, (uint64_t)n / pow10[decimals]);
    if (decimals == 0)
        return;
    put_chr(r, '.');
    uint64_t frac = (uint64_t)n % pow10[decimals];
    for (int d = decimals - 1; d >= 0; d--)
        put_chr(r, (char)('0' + frac / pow10[d] % 10));
}

static void put_id(row *r, const gen *g, uint32_t node)
{
    put_str(r, kind_prefix[g->nodes.kind[node]]);
    put_u(r, node);
}

static void row_end(gen *g, int file, row *r)
{
    put_chr(r, ',');
    put_str(r, g->source);
    put_chr(r, '\n');
    fwrite(r->buf, 1, r->len, g->f[file]);
    r->len = 0;
}

/* A pronounceable name from the seed and a number. */
static void put_name(row *r, const gen *g, uint64_t salt, uint32_t number)
{
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "dor", "va", "sel", "tu",
                                      "bar", "ni", "os", "gra", "te", "lin", "mar", "zu"};
    uint64_t x = g->p->seed ^ (salt << 40) ^ ((uint64_t)number * 0x9E3779B97F4A7C15ull);
    uint64_t h = splitmix64(&x);
    size_t start = r->len;
    for (int i = 0, n = 2 + (int)(h % 2); i < n; i++)
        put_str(r, syl[(h >> (4 + 4 * i)) & 15]);
    if (r->len > start)
        r->buf[start] = g_ascii_toupper(r->buf[start]);
}

/* ---- nodes ----------------------------------------------------------------- */

static uint32_t node_push(gen *g, int kind, double x, double y, uint8_t country)
{
    node_table *t = &g->nodes;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 1024;
        t->x = g_renew(double, t->x, t->cap);
        t->y = g_renew(double, t->y, t->cap);
        t->kind = g_renew(uint8_t, t->kind, t->cap);
        t->country = g_renew(uint8_t, t->country, t->cap);
        t->mask = g_renew(uint8_t, t->mask, t->cap);
    }
    t->x[t->n] = x;
    t->y[t->n] = y;
    t->kind[t->n] = (uint8_t)kind;
    t->country[t->n] = country;
    t->mask[t->n] = 0;
    return t->n++;
}

/* Time zones by longitude band, per land area of land_make()'s centres[]:
 * real IANA zones, the band edges only roughly where the real ones are. */
typedef struct {
    double below; /* longitude */
    const char *zone;
} zone_band;

static const zone_band zone_bands[][3] = {
    {{2, "Europe/London"}, {22, "Europe/Berlin"}, {INFINITY, "Europe/Bucharest"}},
    {{-102, "America/Denver"}, {-87, "America/Chicago"}, {INFINITY, "America/New_York"}},
    {{-60, "America/La_Paz"}, {-50, "America/Cuiaba"}, {INFINITY, "America/Sao_Paulo"}},
    {{22, "Africa/Lagos"}, {INFINITY, "Africa/Juba"}},
    {{70, "Asia/Tashkent"}, {88, "Asia/Almaty"}, {INFINITY, "Asia/Novosibirsk"}},
    {{129, "Australia/Perth"}, {141, "Australia/Adelaide"}, {INFINITY, "Australia/Brisbane"}},
    {{70, "Asia/Karachi"}, {88, "Asia/Kolkata"}, {INFINITY, "Asia/Dhaka"}},
    {{INFINITY, "Asia/Shanghai"}}};

static const char *zone_at(const land *l, double lon)
{
    const zone_band *band = zone_bands[l->centre];
    while (lon >= band->below)
        band++;
    return band->zone;
}

static void node_row_start(const gen *g, row *r, uint32_t node)
{
    r->len = 0;
    put_id(r, g, node);
    put_chr(r, ',');
}

/* The rest of a node row after its name; a negative dwell leaves the cells empty. */
static void node_row_finish(gen *g, row *r, uint32_t node, double dwell_h, double dwell_usd)
{
    const node_table *t = &g->nodes;
    put_chr(r, ',');
    put_str(r, kind_names[t->kind[node]]);
    put_chr(r, ',');
    put_str(r, g->code[t->country[node]]);
    put_chr(r, ',');
    put_fixed(r, lat_of(&g->land, t->y[node]), 5);
    put_chr(r, ',');
    put_fixed(r, lon_of(&g->land, t->x[node]), 5);
    put_chr(r, ',');
    if (dwell_h >= 0)
        put_fixed(r, dwell_h, 2);
    put_chr(r, ',');
    if (dwell_usd >= 0)
        put_fixed(r, dwell_usd, 2);
    if (g->services_on) {
        put_chr(r, ',');
        put_str(r, zone_at(&g->land, lon_of(&g->land, t->x[node])));
    }
    row_end(g, F_NODES, r);
}

static uint8_t country_at(const gen *g, double x, double y)
{
    int best = 0;
    double best_d2 = INFINITY;
    for (int c = 0; c < g->n_countries; c++) {
        double dx = g->cx[c] - x, dy = g->cy[c] - y, d2 = dx * dx + dy * dy;
        if (d2 < best_d2) {
            best_d2 = d2;
            best = c;
        }
    }
    return (uint8_t)best;
}

/* A point within `radius` of node `near`, in a random direction. */
static void point_near(gen *g, uint32_t near, double radius, double *x, double *y)
{
    double a = rng_range(&g->rng, 0, 2 * G_PI);
    *x = g->nodes.x[near] + radius * cos(a);
    *y = g->nodes.y[near] + radius * sin(a);
}

static uint32_t nearest_road_node(const gen *g, double x, double y)
{
    uint32_t r = 0;
    index_nearest(&g->road_index, x, y, 1, &r, accept_all, NULL);
    return r;
}

/* ---- services -------------------------------------------------------------- */

/* Weekly departures per link direction (fewest, most) and cut-off hours. */
static const uint32_t mode_departures[][2] = {{3, 7}, {0, 0}, {2, 8}, {1, 2}, {3, 7}};
static const double mode_cutoff_h[] = {6, 0, 12, 24, 3};

static int by_u16(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* One service on link `link` (its reverse when `reverse`): departures on
 * random distinct days (an eighth on any day) at random times on the 5
 * minutes, wall-clock in the from node's zone. */
static void write_service(gen *g, int mode, uint64_t link, bool reverse)
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    rng *s = &g->services;
    uint32_t lo = mode_departures[mode][0], hi = mode_departures[mode][1];
    uint32_t n = lo + rng_below(s, hi - lo + 1);
    uint32_t day[7] = {0, 1, 2, 3, 4, 5, 6};
    uint16_t minute[8];
    for (uint32_t i = 0; i < n; i++) {
        uint32_t d = rng_below(s, 7); /* the eighth's day */
        if (i < 7) {                   /* a partial shuffle */
            uint32_t j = i + rng_below(s, 7 - i);
            d = day[j];
            day[j] = day[i];
            day[i] = d;
        }
        minute[i] = (uint16_t)(d * 1440 + rng_below(s, 24 * 12) * 5);
    }
    qsort(minute, n, sizeof *minute, by_u16);
    row r;
    r.len = 0;
    put_chr(&r, 'S');
    put_u(&r, g->st->service_rows++);
    put_str(&r, ",L");
    put_u(&r, link);
    if (reverse)
        put_str(&r, ":rev");
    put_chr(&r, ',');
    for (uint32_t i = 0; i < n; i++) {
        if (i > 0 && minute[i] == minute[i - 1])
            continue; /* the same departure drawn twice */
        if (i > 0)
            put_str(&r, "; ");
        uint32_t hh = minute[i] % 1440 / 60, mm = minute[i] % 60;
        put_str(&r, days[minute[i] / 1440]);
        put_chr(&r, ' ');
        put_chr(&r, (char)('0' + hh / 10));
        put_chr(&r, (char)('0' + hh % 10));
        put_chr(&r, ':');
        put_chr(&r, (char)('0' + mm / 10));
        put_chr(&r, (char)('0' + mm % 10));
    }
    put_chr(&r, ',');
    put_fixed(&r, mode_cutoff_h[mode], 0);
    row_end(g, F_SERVICES, &r);
}

/* ---- links ----------------------------------------------------------------- */

/* A bidirectional link; `extra_km` is added (access roads have a minimum).
 * With services, a service each way unless it is a road. */
static void write_link(gen *g, int mode, uint32_t a, uint32_t b, double extra_km,
                       const char *corridor)
{
    node_table *t = &g->nodes;
    double km = haversine_km(&g->land, t->x[a], t->y[a], t->x[b], t->y[b]) * mode_detour[mode];
    if (mode == M_ROAD)
        km *= rng_range(&g->rng, 1.0, 1.25);
    km = fmax(km + extra_km, 0.05);
    row r;
    r.len = 0;
    put_chr(&r, 'L');
    put_u(&r, g->n_links++);
    put_chr(&r, ',');
    put_id(&r, g, a);
    put_chr(&r, ',');
    put_id(&r, g, b);
    put_chr(&r, ',');
    put_str(&r, mode_names[mode]);
    put_chr(&r, ',');
    put_fixed(&r, km, 3);
    put_chr(&r, ',');
    put_fixed(&r, km / mode_speed_kmh[mode] + mode_wait_h[mode], 4);
    put_chr(&r, ',');
    put_fixed(&r, km * mode_usd_km[mode], 2);
    put_chr(&r, ',');
    if (mode == M_AIR) /* belly and freighter mix: below the default factor */
        put_fixed(&r, km * 5.8, 2);
    put_str(&r, ",1,");
    put_str(&r, corridor);
    row_end(g, F_LINKS, &r);
    t->mask[a] |= (uint8_t)(1u << mode);
    t->mask[b] |= (uint8_t)(1u << mode);
    if (g->services_on && mode != M_ROAD) {
        write_service(g, mode, g->n_links - 1, false);
        write_service(g, mode, g->n_links - 1, true);
    }
}

/* A road or rail link; across a border it runs through a new border node. */
static void link_across(gen *g, int mode, uint32_t a, uint32_t b)
{
    node_table *t = &g->nodes;
    if (t->country[a] == t->country[b]) {
        write_link(g, mode, a, b, 0, "");
        return;
    }
    uint32_t border = node_push(g, K_BORDER, (t->x[a] + t->x[b]) / 2, (t->y[a] + t->y[b]) / 2,
                                t->country[a]);
    row r;
    node_row_start(g, &r, border);
    put_str(&r, "Border ");
    put_str(&r, g->code[t->country[a]]);
    put_chr(&r, '-');
    put_str(&r, g->code[t->country[b]]);
    bool rail = mode == M_RAIL; /* rail waits longer: gauge, paperwork */
    double dwell_h = rail ? rng_range(&g->rng, 2, 12) : rng_range(&g->rng, 0.5, 4);
    double dwell_usd = rail ? rng_range(&g->rng, 40, 200) : rng_range(&g->rng, 10, 80);
    node_row_finish(g, &r, border, dwell_h, dwell_usd);
    write_link(g, mode, a, border, 0, "");
    write_link(g, mode, border, b, 0, "");
    g->st->border_nodes++;
}

/* ---- roads ----------------------------------------------------------------- */

enum { PHASE_LAND = 1, PHASE_ROADS, PHASE_COUNTRIES, PHASE_CITIES, PHASE_ROAD_LINKS, PHASE_RAIL,
       PHASE_RIVERS, PHASE_SEAPORTS, PHASE_AIRPORTS, PHASE_TRANSFERS, PHASE_SERVICES };

typedef struct {
    double *x, *y;
    uint32_t n;
    u32vec edges, spare; /* spare: links dropped unless needed for connectivity */
} road_draft;

static void draft_edge(gen *g, road_draft *d, uint32_t a, uint32_t b, double drop)
{
    u32vec *to = rng_unit(&g->rng) < drop ? &d->spare : &d->edges;
    u32vec_push(to, a);
    u32vec_push(to, b);
}

/* The lattice points of a w x w grid that fall on land, numbered row by row. */
static uint32_t *grid_points(gen *g, road_draft *d, uint32_t w, double h)
{
    uint32_t *at = g_new(uint32_t, (size_t)w * w);
    d->n = 0;
    for (uint32_t j = 0; j < w; j++)
        for (uint32_t i = 0; i < w; i++) {
            bool in = land_inside(&g->land, -1 + (i + 0.5) * h, -1 + (j + 0.5) * h);
            at[(size_t)j * w + i] = in ? d->n++ : UINT32_MAX;
        }
    d->x = g_new(double, d->n ? d->n : 1);
    d->y = g_new(double, d->n ? d->n : 1);
    for (size_t c = 0; c < (size_t)w * w; c++)
        if (at[c] != UINT32_MAX) { /* jittered, so that link lengths vary */
            d->x[at[c]] = -1 + (c % w + 0.5) * h + rng_range(&g->rng, -0.2, 0.2) * h;
            d->y[at[c]] = -1 + (c / w + 0.5) * h + rng_range(&g->rng, -0.2, 0.2) * h;
        }
    return at;
}

/* A jittered lattice, 4-neighbour links (5% dropped), 3% diagonals. */
static void road_grid(gen *g, road_draft *d)
{
    double h = sqrt(g->land.area / (double)g->p->nodes);
    uint32_t w = (uint32_t)ceil(2 / h);
    uint32_t *at = grid_points(g, d, w, h);
    for (uint32_t j = 0; j < w; j++)
        for (uint32_t i = 0; i < w; i++) {
            uint32_t a = at[(size_t)j * w + i];
            if (a == UINT32_MAX)
                continue;
            if (i + 1 < w && at[(size_t)j * w + i + 1] != UINT32_MAX)
                draft_edge(g, d, a, at[(size_t)j * w + i + 1], 0.05);
            if (j + 1 < w && at[(size_t)(j + 1) * w + i] != UINT32_MAX)
                draft_edge(g, d, a, at[(size_t)(j + 1) * w + i], 0.05);
            if (i + 1 < w && j + 1 < w && at[(size_t)(j + 1) * w + i + 1] != UINT32_MAX &&
                rng_unit(&g->rng) < 0.03)
                draft_edge(g, d, a, at[(size_t)(j + 1) * w + i + 1], 0);
        }
    g->spacing = h;
    g_free(at);
}

/* Random points on land, each joined to its 3 nearest, made connected. */
static void road_geometric(gen *g, road_draft *d)
{
    d->n = (uint32_t)g->p->nodes;
    d->x = g_new(double, d->n);
    d->y = g_new(double, d->n);
    for (uint32_t i = 0; i < d->n; i++)
        do {
            d->x[i] = rng_range(&g->rng, -1, 1);
            d->y[i] = rng_range(&g->rng, -1, 1);
        } while (!land_inside(&g->land, d->x[i], d->y[i]));
    g->spacing = sqrt(g->land.area / (double)d->n);
    proximity_graph(d->x, d->y, d->n, 3, 1.5 * g->spacing, &d->edges);
}

/* The root of the largest set. */
static uint32_t largest_set(uint32_t *parent, uint32_t n)
{
    uint32_t *size = g_new0(uint32_t, n ? n : 1), best = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t r = uf_find(parent, i);
        if (++size[r] > size[best])
            best = r;
    }
    g_free(size);
    return best;
}

/* Keeps the largest connected part of the draft as the road nodes 0..n_road-1,
 * restoring dropped links where they join parts. */
static void roads_finish(gen *g, road_draft *d)
{
    uint32_t *parent = uf_new(d->n);
    for (size_t e = 0; e < d->edges.n; e += 2)
        uf_union(parent, d->edges.v[e], d->edges.v[e + 1]);
    for (size_t e = 0; e < d->spare.n; e += 2)
        if (uf_union(parent, d->spare.v[e], d->spare.v[e + 1])) {
            u32vec_push(&d->edges, d->spare.v[e]);
            u32vec_push(&d->edges, d->spare.v[e + 1]);
        }
    uint32_t root = largest_set(parent, d->n);
    uint32_t *renumber = g_new(uint32_t, d->n ? d->n : 1);
    for (uint32_t i = 0; i < d->n; i++)
        renumber[i] = uf_find(parent, i) == root ? node_push(g, K_JUNCTION, d->x[i], d->y[i], 0)
                                                 : UINT32_MAX;
    g->n_road = g->nodes.n;
    for (size_t e = 0; e < d->edges.n; e += 2)
        if (renumber[d->edges.v[e]] != UINT32_MAX) {
            u32vec_push(&g->road_edges, renumber[d->edges.v[e]]);
            u32vec_push(&g->road_edges, renumber[d->edges.v[e + 1]]);
        }
    g_free(renumber);
    g_free(parent);
}

static void make_roads(gen *g)
{
    road_draft d = {0};
    rng_seed(&g->rng, g->p->seed, PHASE_ROADS);
    if (g->p->shape == CONTINENT_GEOMETRIC)
        road_geometric(g, &d);
    else
        road_grid(g, &d);
    roads_finish(g, &d);
    g_free(d.x);
    g_free(d.y);
    u32vec_free(&d.edges);
    u32vec_free(&d.spare);
    /* the index keeps its own copy: the node table grows later */
    double *x = g_memdup2(g->nodes.x, g->n_road * sizeof(double));
    double *y = g_memdup2(g->nodes.y, g->n_road * sizeof(double));
    index_build(&g->road_index, x, y, g->n_road, 2 * g->spacing);
}

/* ---- countries and cities ---------------------------------------------------- */

static void make_countries(gen *g)
{
    rng_seed(&g->rng, g->p->seed, PHASE_COUNTRIES);
    int k = (int)(sqrt((double)g->n_road) / 8);
    g->n_countries = k < 4 ? 4 : k > MAX_COUNTRIES ? MAX_COUNTRIES : k;
    for (int c = 0; c < g->n_countries; c++) {
        do {
            g->cx[c] = rng_range(&g->rng, -1, 1);
            g->cy[c] = rng_range(&g->rng, -1, 1);
        } while (!land_inside(&g->land, g->cx[c], g->cy[c]));
        bool unique;
        do {
            g->code[c][0] = (char)('A' + rng_below(&g->rng, 26));
            g->code[c][1] = (char)('A' + rng_below(&g->rng, 26));
            g->code[c][2] = '\0';
            unique = true;
            for (int o = 0; o < c; o++)
                unique = unique && strcmp(g->code[o], g->code[c]) != 0;
        } while (!unique);
    }
    for (uint32_t i = 0; i < g->n_road; i++)
        g->nodes.country[i] = country_at(g, g->nodes.x[i], g->nodes.y[i]);
}

/* 2% of road nodes are cities, and at least two. */
static void choose_cities(gen *g)
{
    rng_seed(&g->rng, g->p->seed, PHASE_CITIES);
    for (uint32_t i = 0; i < g->n_road; i++)
        if (rng_unit(&g->rng) < 0.02)
            g->nodes.kind[i] = K_CITY;
    uint32_t count = 0;
    for (uint32_t i = 0; i < g->n_road; i++)
        count += g->nodes.kind[i] == K_CITY;
    for (uint32_t i = 0; count < 2 && i < g->n_road; i++)
        if (g->nodes.kind[i] != K_CITY) {
            g->nodes.kind[i] = K_CITY;
            count++;
        }
    for (uint32_t i = 0; i < g->n_road; i++)
        if (g->nodes.kind[i] == K_CITY)
            u32vec_push(&g->cities, i);
}

static void put_city_name(row *r, const gen *g, uint32_t city) { put_name(r, g, 1, city); }

static void write_roads(gen *g)
{
    row r;
    for (uint32_t i = 0; i < g->n_road; i++) {
        node_row_start(g, &r, i);
        if (g->nodes.kind[i] == K_CITY) {
            put_city_name(&r, g, i);
        } else {
            put_str(&r, "Junction ");
            put_u(&r, i);
        }
        node_row_finish(g, &r, i, -1, -1);
    }
    rng_seed(&g->rng, g->p->seed, PHASE_ROAD_LINKS);
    for (size_t e = 0; e < g->road_edges.n; e += 2)
        link_across(g, M_ROAD, g->road_edges.v[e], g->road_edges.v[e + 1]);
}

/* ---- terminals ----------------------------------------------------------------- */

/* A terminal of `kind` near road node `near`, in its country, with a road to it. */
static uint32_t terminal_near(gen *g, int kind, uint32_t near, double x, double y, row *name,
                              double access_km)
{
    uint32_t t = node_push(g, kind, x, y, g->nodes.country[near]);
    row r;
    node_row_start(g, &r, t);
    name->buf[name->len] = '\0';
    put_str(&r, name->buf);
    node_row_finish(g, &r, t, 0, 0);
    write_link(g, M_ROAD, near, t, access_km, "");
    return t;
}

/* Points (x, y) of the given nodes, for a proximity graph over them. */
static void coords_of(const gen *g, const uint32_t *ids, size_t n, double **x, double **y)
{
    *x = g_new(double, n ? n : 1);
    *y = g_new(double, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        (*x)[i] = g->nodes.x[ids[i]];
        (*y)[i] = g->nodes.y[ids[i]];
    }
}

/* Rail terminals at a fifth of the cities (at least two), joined by rail
 * lines to their two nearest terminals, the whole made connected. */
static void make_rail(gen *g)
{
    rng_seed(&g->rng, g->p->seed, PHASE_RAIL);
    for (size_t c = 0; c < g->cities.n; c++) {
        if (rng_unit(&g->rng) >= 0.2 && !(c < 2 && g->cities.n * 0.2 < 2))
            continue;
        uint32_t city = g->cities.v[c];
        double x, y;
        point_near(g, city, 0.3 * g->spacing, &x, &y);
        row name = {.len = 0};
        put_city_name(&name, g, city);
        put_str(&name, " rail terminal");
        u32vec_push(&g->rail_terminals, terminal_near(g, K_RAIL_TERMINAL, city, x, y, &name, 2));
    }
    double *x, *y;
    size_t n = g->rail_terminals.n;
    coords_of(g, g->rail_terminals.v, n, &x, &y);
    u32vec edges = {0};
    proximity_graph(x, y, (uint32_t)n, 2, 2 * sqrt(g->land.area / (n ? n : 1)), &edges);
    for (size_t e = 0; e < edges.n; e += 2)
        link_across(g, M_RAIL, g->rail_terminals.v[edges.v[e]],
                    g->rail_terminals.v[edges.v[e + 1]]);
    u32vec_free(&edges);
    g_free(x);
    g_free(y);
    g->st->rail_terminals = n;
}

/* A river's course: from inland towards the coast, with some meander. */
static int river_course(gen *g, double *px, double *py, int max)
{
    double a = rng_range(&g->rng, 0, 2 * G_PI);
    double r = rng_range(&g->rng, 0.05, 0.45) * land_radius(&g->land, a);
    double x = r * cos(a), y = r * sin(a), dir = a + rng_range(&g->rng, -0.5, 0.5);
    int n = 0;
    while (n < max && land_inside(&g->land, x, y)) {
        px[n] = x;
        py[n++] = y;
        double out = atan2(y, x), turn = atan2(sin(out - dir), cos(out - dir));
        dir += 0.25 * turn + rng_range(&g->rng, -0.35, 0.35);
        x += 0.05 * cos(dir);
        y += 0.05 * sin(dir);
    }
    return n;
}

static void make_river(gen *g, uint32_t number)
{
    double px[64], py[64];
    int n = river_course(g, px, py, 64);
    if (n < 2)
        return;
    row corridor = {.len = 0};
    put_name(&corridor, g, 2, number);
    corridor.buf[corridor.len] = '\0';
    uint32_t prev = 0;
    for (int k = 0; k < n; k++) {
        row name = {.len = 0};
        put_str(&name, corridor.buf);
        put_str(&name, " river port ");
        put_u(&name, (uint64_t)k + 1);
        uint32_t near = nearest_road_node(g, px[k], py[k]);
        uint32_t port = terminal_near(g, K_RIVER_PORT, near, px[k], py[k], &name, 2);
        if (k > 0)
            write_link(g, M_RIVER, prev, port, 0, corridor.buf);
        prev = port;
        g->st->river_ports++;
    }
}

static uint32_t clamp_count(uint64_t v, uint32_t lo, uint32_t hi)
{
    return v < lo ? lo : v > hi ? hi : (uint32_t)v;
}

static void make_rivers(gen *g)
{
    rng_seed(&g->rng, g->p->seed, PHASE_RIVERS);
    uint32_t rivers = g->n_road >= 100 ? clamp_count(g->n_road / 25000, 1, 16) : 0;
    for (uint32_t i = 0; i < rivers; i++)
        make_river(g, i);
}

#define MAX_PORTS 64

/* Links pairs of nodes once each; `linked` is a MAX_PORTS^2 matrix. */
static void link_once(gen *g, int mode, const uint32_t *nodes, uint32_t a, uint32_t b,
                      bool *linked)
{
    if (a == b || linked[a * MAX_PORTS + b])
        return;
    linked[a * MAX_PORTS + b] = linked[b * MAX_PORTS + a] = true;
    write_link(g, mode, nodes[a], nodes[b], 0, "");
}

static uint32_t nearest_rail_terminal(const gen *g, uint32_t node)
{
    uint32_t best = UINT32_MAX;
    double best_d2 = INFINITY;
    for (size_t i = 0; i < g->rail_terminals.n; i++) {
        uint32_t t = g->rail_terminals.v[i];
        double dx = g->nodes.x[t] - g->nodes.x[node], dy = g->nodes.y[t] - g->nodes.y[node];
        if (dx * dx + dy * dy < best_d2) {
            best_d2 = dx * dx + dy * dy;
            best = t;
        }
    }
    return best;
}

/* Seaports spread along the coast, each on rail; sea links to the next port
 * along the coast and across to one on the far side. */
static void make_seaports(gen *g)
{
    rng_seed(&g->rng, g->p->seed, PHASE_SEAPORTS);
    uint32_t n = g->n_road >= 50 ? clamp_count(g->n_road / 2000, 2, MAX_PORTS) : 0;
    uint32_t ports[MAX_PORTS];
    for (uint32_t k = 0; k < n; k++) {
        double a = 2 * G_PI * (k + rng_range(&g->rng, -0.3, 0.3)) / n;
        double rad = 0.96 * land_radius(&g->land, a), x = rad * cos(a), y = rad * sin(a);
        row name = {.len = 0};
        put_str(&name, "Port of ");
        put_name(&name, g, 3, k);
        ports[k] = terminal_near(g, K_SEAPORT, nearest_road_node(g, x, y), x, y, &name, 2);
        uint32_t rail = nearest_rail_terminal(g, ports[k]);
        if (rail != UINT32_MAX)
            link_across(g, M_RAIL, ports[k], rail);
    }
    bool *linked = g_new0(bool, MAX_PORTS * MAX_PORTS);
    for (uint32_t k = 0; k < n; k++) {
        link_once(g, M_SEA, ports, k, (k + 1) % n, linked);
        if (n >= 5)
            link_once(g, M_SEA, ports, k, (k + n / 2 + rng_below(&g->rng, 3) - 1) % n, linked);
    }
    g_free(linked);
    g->st->seaports = n;
}

/* Airports at randomly chosen hub cities; air links to the three nearest
 * airports and to the first hub. */
static void make_airports(gen *g)
{
    rng_seed(&g->rng, g->p->seed, PHASE_AIRPORTS);
    uint32_t n = g->n_road >= 50 ? clamp_count(g->n_road / 10000, 2, 40) : 0;
    if (n > g->cities.n)
        n = (uint32_t)g->cities.n;
    uint32_t *hubs = g_memdup2(g->cities.v, g->cities.n * sizeof(uint32_t) + 1);
    uint32_t airports[MAX_PORTS];
    for (uint32_t k = 0; k < n; k++) {
        uint32_t pick = k + rng_below(&g->rng, (uint32_t)g->cities.n - k), city = hubs[pick];
        hubs[pick] = hubs[k];
        double x, y;
        point_near(g, city, 0.4 * g->spacing, &x, &y);
        row name = {.len = 0};
        put_city_name(&name, g, city);
        put_str(&name, " airport");
        airports[k] = terminal_near(g, K_AIRPORT, city, x, y, &name, 5);
    }
    g_free(hubs);
    double *x, *y;
    coords_of(g, airports, n, &x, &y);
    u32vec edges = {0};
    proximity_graph(x, y, n, 3, 0.3, &edges);
    bool *linked = g_new0(bool, MAX_PORTS * MAX_PORTS);
    for (size_t e = 0; e < edges.n; e += 2)
        link_once(g, M_AIR, airports, edges.v[e], edges.v[e + 1], linked);
    for (uint32_t k = 1; k < n; k++)
        link_once(g, M_AIR, airports, 0, k, linked);
    g_free(linked);
    u32vec_free(&edges);
    g_free(x);
    g_free(y);
    g->st->airports = n;
}

/* ---- transfers and modes -------------------------------------------------------- */

/* Handling both ways between modes a and b at `node`, around the given figures. */
static void write_transfers(gen *g, uint32_t node, int a, int b, double hours, double usd,
                            double co2)
{
    for (int way = 0; way < 2; way++) {
        row r;
        r.len = 0;
        put_id(&r, g, node);
        put_chr(&r, ',');
        put_str(&r, mode_names[way ? b : a]);
        put_chr(&r, ',');
        put_str(&r, mode_names[way ? a : b]);
        put_chr(&r, ',');
        put_fixed(&r, hours * rng_range(&g->rng, 0.75, 1.25), 2);
        put_chr(&r, ',');
        put_fixed(&r, usd * rng_range(&g->rng, 0.75, 1.25), 2);
        put_chr(&r, ',');
        put_fixed(&r, co2, 1);
        row_end(g, F_TRANSFERS, &r);
        g->st->transfer_rows++;
        uint8_t mask = g->nodes.mask[node];
        if ((mask >> a & 1) && (mask >> b & 1))
            g->st->virtual_edges++; /* the transfer applies */
    }
}

static void make_transfers(gen *g)
{
    rng_seed(&g->rng, g->p->seed, PHASE_TRANSFERS);
    for (uint32_t i = g->n_road; i < g->nodes.n; i++) {
        switch (g->nodes.kind[i]) {
        case K_RAIL_TERMINAL:
            write_transfers(g, i, M_ROAD, M_RAIL, 4, 60, 3);
            break;
        case K_RIVER_PORT:
            write_transfers(g, i, M_ROAD, M_RIVER, 6, 45, 4);
            break;
        case K_SEAPORT:
            write_transfers(g, i, M_ROAD, M_SEA, 12, 110, 6);
            if (g->nodes.mask[i] & (1u << M_RAIL))
                write_transfers(g, i, M_RAIL, M_SEA, 10, 95, 5);
            break;
        case K_AIRPORT:
            write_transfers(g, i, M_ROAD, M_AIR, 3, 140, 8);
            break;
        default:
            break;
        }
    }
}

static void write_modes(gen *g)
{
    for (int m = 0; m < M_COUNT; m++) {
        row r;
        r.len = 0;
        put_str(&r, mode_names[m]);
        put_chr(&r, ',');
        put_fixed(&r, mode_co2[m], 2);
        row_end(g, F_MODES, &r);
        g->st->mode_rows++;
    }
}

/* ---- files and the whole run ---------------------------------------------------- */

static const char *const headers[F_COUNT] = {
    "id,name,kind,country,lat,lon,dwell_h,dwell_usd,source\n",
    "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,bidirectional,corridor,source\n",
    "node,from_mode,to_mode,time_h,cost_usd,co2_kg,source\n",
    "mode,co2_kg_per_teu_km,source\n",
    "id,link,departures,cutoff_h,source\n"};
/* nodes.csv's header with services */
static const char nodes_header_zones[] =
    "id,name,kind,country,lat,lon,dwell_h,dwell_usd,timezone,source\n";

static bool io_error(GError **error, int err, const char *path, const char *what)
{
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err), "%s: cannot %s (%s)", path,
                what, g_strerror(err));
    return false;
}

static bool open_files(gen *g, const char *dir, GError **error)
{
    if (g_mkdir_with_parents(dir, 0755) != 0)
        return io_error(error, errno, dir, "create the directory");
    for (int i = 0; i < F_COUNT; i++) {
        if (i == F_SERVICES && !g->services_on)
            continue;
        char *path = g_build_filename(dir, file_names[i], NULL);
        g->f[i] = fopen(path, "wb");
        bool ok = g->f[i] != NULL || io_error(error, errno, path, "write");
        g_free(path);
        if (!ok)
            return false;
        setvbuf(g->f[i], NULL, _IOFBF, 1 << 20);
        fputs(i == F_NODES && g->services_on ? nodes_header_zones : headers[i], g->f[i]);
    }
    return true;
}

/* Closes every open file; false (first error kept) if a write failed. */
static bool close_files(gen *g, const char *dir, GError **error)
{
    bool ok = true;
    for (int i = 0; i < F_COUNT; i++) {
        if (!g->f[i])
            continue;
        fflush(g->f[i]);
        long size = ftell(g->f[i]);
        int failed = ferror(g->f[i]);
        int err = errno;
        if (fclose(g->f[i]) != 0 && !failed) {
            failed = 1;
            err = errno;
        }
        g->f[i] = NULL;
        g->st->bytes += size > 0 ? (uint64_t)size : 0;
        if (failed && ok) {
            char *path = g_build_filename(dir, file_names[i], NULL);
            ok = io_error(error, err, path, "write");
            g_free(path);
        }
    }
    return ok;
}

static void fill_stats(gen *g)
{
    continent_stats *st = g->st;
    st->node_rows = g->nodes.n;
    st->link_rows = g->n_links;
    st->road_nodes = g->n_road;
    st->cities = g->cities.n;
    st->countries = (uint64_t)g->n_countries;
    uint64_t slots = 0;
    for (uint32_t i = 0; i < g->nodes.n; i++)
        slots += (uint64_t)__builtin_popcount(g->nodes.mask[i]);
    st->virtual_states = 2 * slots;
    st->virtual_edges += slots + 2 * g->n_links; /* dwells, links both ways; transfers added */
    g_snprintf(st->first_road_node, sizeof st->first_road_node, "%s0",
               kind_prefix[g->nodes.kind[0]]);
    g_snprintf(st->last_road_node, sizeof st->last_road_node, "%s%u",
               kind_prefix[g->nodes.kind[g->n_road - 1]], g->n_road - 1);
}

static void generate(gen *g)
{
    rng_seed(&g->services, g->p->seed, PHASE_SERVICES);
    rng_seed(&g->rng, g->p->seed, PHASE_LAND);
    land_make(&g->land, &g->rng);
    make_roads(g);
    make_countries(g);
    choose_cities(g);
    write_roads(g);
    make_rail(g);
    make_rivers(g);
    make_seaports(g);
    make_airports(g);
    make_transfers(g);
    write_modes(g);
    fill_stats(g);
}

static void gen_free(gen *g)
{
    node_table *t = &g->nodes;
    g_free(t->x), g_free(t->y), g_free(t->kind), g_free(t->country), g_free(t->mask);
    u32vec_free(&g->road_edges);
    u32vec_free(&g->cities);
    u32vec_free(&g->rail_terminals);
    g_free((double *)g->road_index.x);
    g_free((double *)g->road_index.y);
    index_free(&g->road_index);
    g_free(g);
}

static bool check_params(const continent_params *p, GError **error)
{
    if (p->nodes < CONTINENT_MIN_NODES || p->nodes > CONTINENT_MAX_NODES) {
        g_set_error(error, CONTINENT_ERROR, 0,
                    "the number of road nodes must be between %u and %u (got %" G_GUINT64_FORMAT
                    ")",
                    CONTINENT_MIN_NODES, CONTINENT_MAX_NODES, p->nodes);
        return false;
    }
    if (p->shape != CONTINENT_GRID && p->shape != CONTINENT_GEOMETRIC) {
        g_set_error(error, CONTINENT_ERROR, 0, "unknown shape %d", (int)p->shape);
        return false;
    }
    return true;
}

bool continent_write(const continent_params *params, const char *dir, continent_stats *stats,
                     GError **error)
{
    return continent_write_with(params, NULL, dir, stats, error);
}

bool continent_write_with(const continent_params *params, const continent_options *options,
                          const char *dir, continent_stats *stats, GError **error)
{
    if (!check_params(params, error))
        return false;
    continent_stats local;
    gen *g = g_new0(gen, 1);
    g->p = params;
    g->services_on = options && options->services;
    g->st = stats ? stats : &local;
    memset(g->st, 0, sizeof *g->st);
    g_snprintf(g->source, sizeof g->source, "estimate: synthetic generator seed %" G_GUINT64_FORMAT,
               params->seed);
    bool ok = open_files(g, dir, error);
    if (ok)
        generate(g);
    ok = close_files(g, dir, ok ? error : NULL) && ok;
    gen_free(g);
    return ok;
}

const char *continent_shape_name(continent_shape shape)
{
    return shape == CONTINENT_GEOMETRIC ? "geometric" : "grid";
}

bool continent_shape_from_name(const char *name, continent_shape *out)
{
    if (name && strcmp(name, "grid") == 0)
        *out = CONTINENT_GRID;
    else if (name && strcmp(name, "geometric") == 0)
        *out = CONTINENT_GEOMETRIC;
    else
        return false;
    return true;
}

char *continent_make_temp_dir(GError **error)
{
    return g_dir_make_tmp("fr-continent-XXXXXX", error);
}

bool continent_remove_dir(const char *dir, GError **error)
{
    for (int i = 0; i < F_COUNT; i++) {
        char *path = g_build_filename(dir, file_names[i], NULL);
        int failed = g_remove(path) != 0 && errno != ENOENT;
        int err = errno;
        bool ok = !failed || io_error(error, err, path, "remove");
        g_free(path);
        if (!ok)
            return false;
    }
    if (g_rmdir(dir) != 0)
        return io_error(error, errno, dir, "remove the directory");
    return true;
}
