/* test_dated_brute.c - dated routing (FORMAT.md §5, lib/FORMAT.md §7 "Dates,
 * services and closures") against an independent brute force, on a few
 * hundred seeded random timetabled networks.
 *
 * The networks are small (4-7 nodes in time zones with and without daylight
 * saving and with odd offsets: UTC, Asia/Shanghai, Europe/Berlin,
 * America/New_York, Asia/Kolkata, Australia/Lord_Howe, Europe/Moscow;
 * 5-12 rail/road/sea links, some bidirectional, some parallel; transfer
 * rows), with weekly services on some link directions (day ranges, wrapping
 * ranges, daily, departures in DST gaps and folds, cut-offs that may differ
 * between the services of one link, validity windows), closures of links,
 * of reverses only and of nodes, and links valid on some dates only. The
 * queries depart or arrive around daylight-saving changes, so that routes
 * cross them.
 *
 * The brute force knows nothing of the library: it enumerates every path of
 * the §2 virtual graph from an OUT(O,.) state to the first IN(D,.) state that
 * repeats no state (a physical node may be passed twice in different modes,
 * as the library's routes may; repeating a state, passing back through O or
 * going on through D never helps, since waiting is free and every edge is
 * FIFO), and simulates each path for a departure instant T:
 *   - a scheduled link direction (a services.csv row names it) boards the
 *     first departure d, over all its services valid on d's local date in the
 *     from node's zone, with d - cutoff_h >= ready and neither the link
 *     direction nor its from node closed at d; departures are made day by
 *     day with g_date_time_new(from zone, y, m, d, hh, mm, 0);
 *   - an unscheduled link is entered at the first moment >= ready not inside
 *     a closure [from, to) of the link direction or of its from node;
 *   - a pass-through (same mode) or transfer (mode change) at an intermediate
 *     node starts at the first moment not inside a closure of the node and
 *     takes dwell_h (+ the transfer's time_h);
 *   - a box reaching a closed destination is delivered when the closure ends.
 * Costs are the sums of §2 (waits are free). Links invalid on the query's
 * date (the departure's local date at the origin, else the deadline's at the
 * destination) do not exist. All zone and calendar work is GLib's
 * (GTimeZone, GDateTime, GDate). Figures are on a quarter-hour and 0.5 USD
 * grid, so every instant is a whole second and every sum exact.
 *
 * Checks, per query (four departures per network, each also giving a
 * deadline with it and a deadline alone):
 *   (a) objective time with a departure: arrival = earliest arrival, time =
 *       (arrival - T)/3600, cost = the least cost among paths arriving then;
 *       FR_ERROR_NO_ROUTE exactly when no path arrives;
 *   (a') the same with a deadline as well (none when the earliest arrival is
 *       after it), and with a max_cost bound (at some path's cost);
 *   (b) objective time with a deadline only: departure = the latest T from
 *       which some path arrives by the deadline (per path by bisection on
 *       whole seconds), arrival by the deadline and = the earliest arrival
 *       from that departure, cost = the least among paths arriving then;
 *   (b') objective cost with a deadline only: the least cost among paths that
 *       can arrive in time, departing as late as such a path can;
 *   (c) objective cost with a departure and a deadline: the least cost among
 *       paths arriving by it, then the earliest arrival; the same with the
 *       bound max_time = deadline - T instead of the deadline;
 *   (d) objective cost with a departure: the least cost among paths that
 *       arrive at all, then the earliest arrival;
 *   (e) the (cost, time) Pareto front with a departure: the same set of
 *       non-dominated vectors;
 *   (f) every dated route returned: its timeline (waits included; the same
 *       steps as fr_route_step()) chains from departure to arrival (each
 *       start = the previous end, within 1 s; each step's end - start = its
 *       time_h), starts and ends carry the offset of their node's zone,
 *       waits cost nothing, the steps' times and costs sum to the totals, its
 *       links form a path of the network valid on the date, and the brute
 *       force's simulation of that path from the route's departure arrives
 *       when the route says;
 *   (g) an undated query with a date on the timetabled network (without its
 *       closures) equals §2 on a copy without services where each scheduled
 *       direction valid on the date takes cutoff + mean wait + time_h (the
 *       §5 formula with one cut-off; with several, the expectation of
 *       departure - arrival moment for an arrival uniform over the nominal
 *       week, lib/FORMAT.md §7, integrated exactly here; the two agree when
 *       the cut-offs do, which the brute force checks of itself).
 * Boundaries are sought on purpose: deadlines equal to some path's arrival
 * (or a second before), departures just in time for a cut-off, closures
 * that start or end on a service's departure or on the moment a query's box
 * reaches a node or a link (found by walking a route while generating).
 * Seeds from DENSE_SEEDS make denser networks (10-12 links, three modes,
 * more transfers). test_glib_local_times pins down how g_date_time_new()
 * reads times in DST gaps and repeated hours on the GLib in use.
 * Times agree within 1e-6 h, latest departures within 1.5 s, costs within a
 * relative 1e-9.
 *
 * Reproducing: DATED_BRUTE_SEED=<seed> runs that network only (in every
 * group); DATED_BRUTE_KEEP_GOING=1 reports every mismatch instead of
 * stopping at the first. A failure prints the seed, the query and the
 * network's files. */
#include "helpers.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- zones ----------------------------------------------------------------- */

#define N_ZONES 7
static const char *const zone_names[N_ZONES] = {
    "UTC",          "Asia/Shanghai",       "Europe/Berlin", "America/New_York",
    "Asia/Kolkata", "Australia/Lord_Howe", "Europe/Moscow",
};
static GTimeZone *zones[N_ZONES];
static GTimeZone *odd_offset_zone; /* fixed -03:30, for datetimes handed over */
static GDateTime *epoch;

/* The first query dates: windows of 6 days around daylight-saving changes. */
typedef struct {
    int y, m, d;
    const char *what;
} window_def;
static const window_def windows[] = {
    {2019, 3, 28, "Europe spring forward 31 Mar"},
    {2019, 3, 7, "New York spring forward 10 Mar"},
    {2019, 10, 24, "Europe fall back 27 Oct"},
    {2019, 10, 31, "New York fall back 3 Nov"},
    {2019, 4, 4, "Lord Howe fall back 7 Apr"},
    {2019, 10, 3, "Lord Howe spring forward 6 Oct"},
    {2019, 6, 28, "no change"},
};
#define N_WINDOWS ((int)G_N_ELEMENTS(windows))
#define WINDOW_DAYS 6

/* ---- the test's own model -------------------------------------------------- */

#define MAX_NODES 7
#define MAX_LINKS 12
#define MAX_DIRS (2 * MAX_LINKS)
#define MAX_SVC_PER_DIR 3
#define MAX_ENTRIES 4
#define MAX_SERVICES (MAX_DIRS * MAX_SVC_PER_DIR)
#define MAX_TRANSFERS (MAX_NODES * 6)
#define MAX_CLOSURES 5
#define MAX_PATH 40
#define DEPS_PER_DAY (MAX_SVC_PER_DIR * MAX_ENTRIES)
/* Day slots of the departure cache: from 170 days before the window (the
 * bisection of latest departures looks 150 days back) to 230 after. */
#define SLOTS_BEFORE 170
#define DAY_SLOTS 400
#define OPEN_FROM INT_MIN
#define OPEN_TO INT_MAX

#define N_MODES 3
static const fr_mode net_modes[N_MODES] = {FR_MODE_RAIL, FR_MODE_ROAD, FR_MODE_SEA};

typedef struct {
    char id[8];
    int zone;
    double dwell_h, dwell_usd;
} b_node;

typedef struct {
    char id[8];
    int from, to;
    fr_mode mode;
    double distance_km, time_h, cost_usd;
    bool bidir;
    int valid_from, valid_to; /* Julian days (GDate), OPEN_* when none */
} b_link;

typedef struct {
    int node;
    fr_mode from_mode, to_mode;
    double time_h, cost_usd;
} b_transfer;

typedef struct {
    unsigned days; /* bit 0 Monday .. bit 6 Sunday */
    int minute;    /* of the day */
} b_entry;

typedef struct {
    char id[8];
    int dir; /* 2 * link + reverse */
    int n_entries;
    b_entry entries[MAX_ENTRIES];
    char departures[128]; /* the services.csv cell */
    double cutoff_h;
    int valid_from, valid_to;
} b_service;

typedef struct {
    bool is_node;
    int target;    /* node or link index */
    bool rev_only; /* "<id>:rev" */
    double from, to;
    char from_text[40], to_text[40];
} b_closure;

/* A query's endpoints and departure, chosen with the network so that
 * closures can be placed on the moments its routes reach things. */
#define N_QUERIES 4
typedef struct {
    int O, D;
    double T;
} b_query;

typedef struct {
    bool done;
    int n;
    double t[DEPS_PER_DAY];   /* departure instants of that local date */
    double cut[DEPS_PER_DAY]; /* their services' cut-offs, seconds */
} day_deps;

typedef struct {
    guint32 seed;
    int window;       /* index into windows[] */
    int window_start; /* Julian day of the window's first date */
    int slot0;        /* Julian day of day slot 0 */
    bool ties;        /* few distinct figures: many ties */
    bool dense;       /* 5-7 nodes, 10-12 links, all three modes, many transfers */
    bool multi_cutoff;
    int n_nodes, n_links, n_transfers, n_services, n_closures;
    b_node nodes[MAX_NODES];
    b_link links[MAX_LINKS];
    b_transfer transfers[MAX_TRANSFERS];
    b_service services[MAX_SERVICES];
    b_closure closures[MAX_CLOSURES];
    int n_svc_dir[MAX_DIRS];
    int last_valid[MAX_DIRS]; /* last local date any service of the direction runs */
    double min_cut[MAX_DIRS]; /* seconds */
    day_deps *cache[MAX_DIRS];
    b_query queries[N_QUERIES];
    char *nodes_csv, *links_csv, *transfers_csv, *services_csv, *closures_csv;
} b_net;

/* ---- failures ---------------------------------------------------------------- */

static bool keep_going;
static int n_failures;
static guint32 last_dumped_seed = 0xffffffffu;

typedef struct {
    b_net *net;
    char desc[600];
} ctx;

static void dump_net(const b_net *net)
{
    fprintf(stderr,
            "--- nodes.csv\n%s--- links.csv\n%s--- transfers.csv\n%s--- services.csv\n%s"
            "--- closures.csv\n%s---\n",
            net->nodes_csv, net->links_csv, net->transfers_csv,
            net->services_csv ? net->services_csv : "(none)\n",
            net->closures_csv ? net->closures_csv : "(none)\n");
}

G_GNUC_PRINTF(3, 4)
static void fail_case(const ctx *c, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    n_failures++;
    fprintf(stderr, "test_dated_brute.c:%d: seed %u (%s): %s\n  query: %s\n", line, c->net->seed,
            windows[c->net->window].what, msg, c->desc);
    if (last_dumped_seed != c->net->seed) {
        dump_net(c->net);
        last_dumped_seed = c->net->seed;
    }
    g_free(msg);
    if (!keep_going)
        fail_msg("seed %u: mismatch (see above)", c->net->seed);
}

/* On failure: report, then leave the current check function. */
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fail_case(c, __LINE__, __VA_ARGS__);                                                   \
            return;                                                                                \
        }                                                                                          \
    } while (0)

/* ---- dates and instants (GLib only) ------------------------------------------ */

static int jday(int y, int m, int d)
{
    GDate g;
    g_date_clear(&g, 1);
    g_date_set_dmy(&g, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    return (int)g_date_get_julian(&g);
}

/* y/m/d and weekday (0 Monday .. 6 Sunday) of a Julian day. */
static void jday_split(int j, int *y, int *m, int *d, int *wd)
{
    GDate g;
    g_date_clear(&g, 1);
    g_date_set_julian(&g, (guint32)j);
    *y = g_date_get_year(&g);
    *m = g_date_get_month(&g);
    *d = g_date_get_day(&g);
    if (wd)
        *wd = (int)g_date_get_weekday(&g) - 1;
}

static void date_text(int j, char *buf, size_t size)
{
    int y, m, d;
    jday_split(j, &y, &m, &d, NULL);
    g_snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

static double instant_of(GDateTime *dt)
{
    return (double)g_date_time_difference(dt, epoch) / 1e6;
}

static GDateTime *datetime_in(GTimeZone *z, double t)
{
    GDateTime *u = g_date_time_new_from_unix_utc((gint64)floor(t));
    GDateTime *l = g_date_time_to_timezone(u, z);
    g_date_time_unref(u);
    return l;
}

/* The local date (Julian day) of an instant in a zone. */
static int local_day(GTimeZone *z, double t)
{
    GDateTime *l = datetime_in(z, t);
    int y, m, d;
    g_date_time_get_ymd(l, &y, &m, &d);
    g_date_time_unref(l);
    return jday(y, m, d);
}

/* The UTC offset (seconds) of a zone at an instant. */
static gint64 zone_offset_at(GTimeZone *z, double t)
{
    GDateTime *l = datetime_in(z, t);
    gint64 off = g_date_time_get_utc_offset(l) / G_TIME_SPAN_SECOND;
    g_date_time_unref(l);
    return off;
}

/* "2019-03-31T03:30:00+02:00 (Europe/Berlin)" for messages, static buffer ring. */
static const char *show(const b_net *net, int node, double t)
{
    static char ring[8][96];
    static int k;
    char *buf = ring[k++ % 8];
    if (!isfinite(t)) {
        g_snprintf(buf, 96, "%s", t > 0 ? "never" : "none");
        return buf;
    }
    GTimeZone *z = node >= 0 ? zones[net->nodes[node].zone] : zones[0];
    GDateTime *l = datetime_in(z, t);
    char *s = g_date_time_format(l, "%Y-%m-%dT%H:%M:%S%:z");
    g_snprintf(buf, 96, "%s (%.0f)", s, t);
    g_free(s);
    g_date_time_unref(l);
    return buf;
}

/* ---- the model's accessors ------------------------------------------------------ */

static const b_link *dir_link(const b_net *net, int dir)
{
    return &net->links[dir / 2];
}
static int dir_from(const b_net *net, int dir)
{
    return dir % 2 ? net->links[dir / 2].to : net->links[dir / 2].from;
}
static int dir_to(const b_net *net, int dir)
{
    return dir % 2 ? net->links[dir / 2].from : net->links[dir / 2].to;
}
static bool dir_exists(const b_net *net, int dir)
{
    return dir % 2 == 0 || net->links[dir / 2].bidir;
}
static bool link_valid_on(const b_link *l, int day)
{
    return l->valid_from <= day && day <= l->valid_to;
}
static const b_transfer *find_transfer(const b_net *net, int node, fr_mode a, fr_mode b)
{
    for (int i = 0; i < net->n_transfers; i++) {
        const b_transfer *t = &net->transfers[i];
        if (t->node == node && t->from_mode == a && t->to_mode == b)
            return t;
    }
    return NULL;
}
static int node_index(const b_net *net, const char *id)
{
    for (int i = 0; i < net->n_nodes; i++)
        if (strcmp(net->nodes[i].id, id) == 0)
            return i;
    return -1;
}
/* The direction named by a route step's link id, or -1. */
static int dir_of_id(const b_net *net, const char *id)
{
    for (int i = 0; i < net->n_links; i++) {
        const char *lid = net->links[i].id;
        size_t n = strlen(lid);
        if (strcmp(id, lid) == 0)
            return 2 * i;
        if (net->links[i].bidir && strncmp(id, lid, n) == 0 && strcmp(id + n, ":rev") == 0)
            return 2 * i + 1;
    }
    return -1;
}

/* ---- closures --------------------------------------------------------------------- */

static bool closure_hits_dir(const b_net *net, const b_closure *cl, int dir)
{
    if (cl->is_node)
        return cl->target == dir_from(net, dir);
    return cl->target == dir / 2 && (!cl->rev_only || dir % 2 == 1);
}

/* Whether the link direction cannot be entered at t (the link, its reverse
 * closure or its from node is closed then). */
static bool dir_closed_at(const b_net *net, int dir, double t)
{
    for (int i = 0; i < net->n_closures; i++) {
        const b_closure *cl = &net->closures[i];
        if (closure_hits_dir(net, cl, dir) && cl->from <= t && t < cl->to)
            return true;
    }
    return false;
}

/* The first moment >= t at which the link direction can be entered. */
static double dir_free_from(const b_net *net, int dir, double t)
{
    bool moved = true;
    while (moved) {
        moved = false;
        for (int i = 0; i < net->n_closures; i++) {
            const b_closure *cl = &net->closures[i];
            if (closure_hits_dir(net, cl, dir) && cl->from <= t && t < cl->to) {
                t = cl->to;
                moved = true;
            }
        }
    }
    return t;
}

/* The first moment >= t at which the node is open. */
static double node_free_from(const b_net *net, int node, double t)
{
    bool moved = true;
    while (moved) {
        moved = false;
        for (int i = 0; i < net->n_closures; i++) {
            const b_closure *cl = &net->closures[i];
            if (cl->is_node && cl->target == node && cl->from <= t && t < cl->to) {
                t = cl->to;
                moved = true;
            }
        }
    }
    return t;
}

/* ---- departures ---------------------------------------------------------------------- */

/* The departures of a direction on a local date of its from node, made with
 * g_date_time_new() in that zone, with their services' cut-offs. */
static const day_deps *deps_on(b_net *net, int dir, int day)
{
    int slot = day - net->slot0;
    if (slot < 0 || slot >= DAY_SLOTS)
        fail_msg("seed %u: the brute force's departure horizon is exceeded (slot %d)", net->seed,
                 slot);
    if (!net->cache[dir])
        net->cache[dir] = g_new0(day_deps, DAY_SLOTS);
    day_deps *dd = &net->cache[dir][slot];
    if (dd->done)
        return dd;
    int y, m, d, wd;
    jday_split(day, &y, &m, &d, &wd);
    GTimeZone *z = zones[net->nodes[dir_from(net, dir)].zone];
    for (int s = 0; s < net->n_services; s++) {
        const b_service *sv = &net->services[s];
        if (sv->dir != dir || day < sv->valid_from || day > sv->valid_to)
            continue;
        for (int e = 0; e < sv->n_entries; e++) {
            if (!(sv->entries[e].days & (1u << wd)))
                continue;
            GDateTime *dt = g_date_time_new(z, y, m, d, sv->entries[e].minute / 60,
                                            sv->entries[e].minute % 60, 0);
            g_assert_nonnull(dt);
            g_assert_true(dd->n < DEPS_PER_DAY);
            dd->t[dd->n] = instant_of(dt);
            dd->cut[dd->n] = sv->cutoff_h * 3600.0;
            dd->n++;
            g_date_time_unref(dt);
        }
    }
    dd->done = true;
    return dd;
}

/* The first departure d of a scheduled direction with d - cutoff >= ready,
 * its service valid on d's local date and the direction not closed at d;
 * INFINITY when none will ever come. */
static double first_departure(b_net *net, int dir, double ready)
{
    GTimeZone *z = zones[net->nodes[dir_from(net, dir)].zone];
    int day = local_day(z, ready + net->min_cut[dir]) - 1;
    double best = INFINITY;
    int found_day = 0;
    for (;; day++) {
        /* local dates and instants agree in order up to a DST shift (< 1 day) */
        if (isfinite(best) && day > found_day + 1)
            break;
        if (day > net->last_valid[dir])
            break;
        const day_deps *dd = deps_on(net, dir, day);
        for (int k = 0; k < dd->n; k++) {
            double d = dd->t[k];
            if (d - dd->cut[k] >= ready && d < best && !dir_closed_at(net, dir, d)) {
                if (!isfinite(best))
                    found_day = day;
                best = d;
            }
        }
    }
    return best;
}

/* ---- paths ---------------------------------------------------------------------------- */

typedef struct {
    int n;
    bool simple; /* visits no physical node twice */
    int dir[MAX_PATH];
} b_path;

/* Simulates a path departing from its origin at T: the arrival (delivery)
 * instant, INFINITY when it never arrives; the cost in *cost. */
static double simulate(b_net *net, const int *dirs, int n, double T, double *cost)
{
    double t = T, c = 0;
    for (int i = 0; i < n; i++) {
        int d = dirs[i];
        const b_link *l = dir_link(net, d);
        if (i > 0) {
            int v = dir_from(net, d);
            fr_mode m1 = dir_link(net, dirs[i - 1])->mode;
            double dh = net->nodes[v].dwell_h, du = net->nodes[v].dwell_usd;
            if (m1 != l->mode) {
                const b_transfer *tr = find_transfer(net, v, m1, l->mode);
                g_assert_nonnull(tr);
                dh += tr->time_h;
                du += tr->cost_usd;
            }
            t = node_free_from(net, v, t) + dh * 3600.0;
            c += du;
        }
        if (net->n_svc_dir[d] > 0) {
            t = first_departure(net, d, t);
            if (!isfinite(t))
                return INFINITY;
        } else {
            t = dir_free_from(net, d, t);
        }
        t += l->time_h * 3600.0;
        c += l->cost_usd;
    }
    t = node_free_from(net, dir_to(net, dirs[n - 1]), t);
    if (cost)
        *cost = c;
    return t;
}

/* The fixed durations of a path (running, dwell and transfer times), seconds. */
static double path_min_duration(const b_net *net, const b_path *p)
{
    double s = 0;
    for (int i = 0; i < p->n; i++) {
        const b_link *l = dir_link(net, p->dir[i]);
        s += l->time_h * 3600.0;
        if (i > 0) {
            int v = dir_from(net, p->dir[i]);
            fr_mode m1 = dir_link(net, p->dir[i - 1])->mode;
            s += net->nodes[v].dwell_h * 3600.0;
            if (m1 != l->mode)
                s += find_transfer(net, v, m1, l->mode)->time_h * 3600.0;
        }
    }
    return s;
}

/* The cost of a path (waits are free, so it does not depend on times). */
static double path_cost(const b_net *net, const b_path *p)
{
    double c = 0;
    for (int i = 0; i < p->n; i++) {
        const b_link *l = dir_link(net, p->dir[i]);
        c += l->cost_usd;
        if (i > 0) {
            int v = dir_from(net, p->dir[i]);
            fr_mode m1 = dir_link(net, p->dir[i - 1])->mode;
            c += net->nodes[v].dwell_usd;
            if (m1 != l->mode)
                c += find_transfer(net, v, m1, l->mode)->cost_usd;
        }
    }
    return c;
}

/* The latest whole second T with simulate(T) <= A, or -INFINITY when none
 * within 150 days before A (arrival never decreases with T). */
static double latest_departure(b_net *net, const b_path *p, double A)
{
    double hi = A - path_min_duration(net, p) + 1; /* infeasible: arrives >= A + 1 */
    double lo = hi - 1;
    if (simulate(net, p->dir, p->n, lo, NULL) <= A)
        return lo;
    lo = hi - 8 * 86400.0;
    if (!(simulate(net, p->dir, p->n, lo, NULL) <= A)) {
        hi = lo;
        lo = floor(A - 150 * 86400.0);
        if (!(simulate(net, p->dir, p->n, lo, NULL) <= A))
            return -INFINITY;
    }
    while (hi - lo > 1) {
        double mid = floor((lo + hi) / 2);
        if (simulate(net, p->dir, p->n, mid, NULL) <= A)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

typedef struct {
    b_net *net;
    int O, D;
    bool valid[MAX_DIRS];
    bool in_vis[MAX_NODES][FR_MODE_COUNT], out_vis[MAX_NODES][FR_MODE_COUNT];
    int stack[MAX_PATH];
    int depth;
    GArray *paths; /* b_path */
} enum_state;

static void record_path(enum_state *e)
{
    b_path p;
    memset(&p, 0, sizeof p);
    p.n = e->depth;
    memcpy(p.dir, e->stack, sizeof(int) * (size_t)e->depth);
    bool seen[MAX_NODES] = {false};
    seen[e->O] = true;
    p.simple = true;
    for (int i = 0; i < p.n; i++) {
        int v = dir_to(e->net, p.dir[i]);
        if (seen[v])
            p.simple = false;
        seen[v] = true;
    }
    g_array_append_val(e->paths, p);
}

/* From OUT(u, m): every link direction, then the pass-through or a transfer. */
static void dfs_out(enum_state *e, int u, fr_mode m)
{
    const b_net *net = e->net;
    for (int d = 0; d < 2 * net->n_links; d++) {
        if (!e->valid[d] || dir_from(net, d) != u || dir_link(net, d)->mode != m)
            continue;
        int v = dir_to(net, d);
        if (v == e->O || e->in_vis[v][m])
            continue;
        g_assert_true(e->depth < MAX_PATH);
        e->stack[e->depth++] = d;
        if (v == e->D) {
            record_path(e);
        } else {
            e->in_vis[v][m] = true;
            for (int k = 0; k < N_MODES; k++) {
                fr_mode m2 = net_modes[k];
                if (e->out_vis[v][m2])
                    continue;
                if (m2 != m && !find_transfer(net, v, m, m2))
                    continue;
                e->out_vis[v][m2] = true;
                dfs_out(e, v, m2);
                e->out_vis[v][m2] = false;
            }
            e->in_vis[v][m] = false;
        }
        e->depth--;
    }
}

/* Every route of the network as it is on `day` from O to the first IN(D,.). */
static GArray *enumerate_paths(b_net *net, int day, int O, int D)
{
    enum_state *e = g_new0(enum_state, 1);
    e->net = net;
    e->O = O;
    e->D = D;
    e->paths = g_array_new(FALSE, FALSE, sizeof(b_path));
    for (int d = 0; d < 2 * net->n_links; d++)
        e->valid[d] = dir_exists(net, d) && link_valid_on(dir_link(net, d), day);
    for (int k = 0; k < N_MODES; k++) {
        e->out_vis[O][net_modes[k]] = true;
        dfs_out(e, O, net_modes[k]);
        e->out_vis[O][net_modes[k]] = false;
    }
    GArray *paths = e->paths;
    g_free(e);
    return paths;
}

static void describe_path(const b_net *net, const b_path *p, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int i = 0; i < p->n; i++) {
        const b_link *l = dir_link(net, p->dir[i]);
        char one[40];
        g_snprintf(one, sizeof one, "%s%s%s", i ? " " : "", l->id, p->dir[i] % 2 ? ":rev" : "");
        g_strlcat(buf, one, size);
    }
}

/* ---- generation ------------------------------------------------------------------------- */

static int rnd(GRand *r, int lo, int hi) /* inclusive */
{
    return g_rand_int_range(r, lo, hi + 1);
}
static bool chance(GRand *r, double p)
{
    return g_rand_double(r) < p;
}
static double quarter(GRand *r, double lo, double hi)
{
    return lo + 0.25 * rnd(r, 0, (int)((hi - lo) * 4));
}
static double halves(GRand *r, double lo, double hi)
{
    return lo + 0.5 * rnd(r, 0, (int)((hi - lo) * 2));
}

static const char *const day_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* A departure time, often one that a daylight-saving change skips or repeats
 * on a Sunday. */
static void random_entry(GRand *r, b_entry *e, char *text, size_t size)
{
    static const int critical[] = {60, 75, 90, 105, 120, 130, 135, 150, 165, 179};
    char days[16];
    int kind = rnd(r, 0, 9);
    if (kind < 3) { /* a critical Sunday time */
        e->days = 1u << 6;
        e->minute = critical[rnd(r, 0, (int)G_N_ELEMENTS(critical) - 1)];
        g_strlcpy(days, "Sun", sizeof days);
    } else {
        e->minute = rnd(r, 0, 23) * 60 + 5 * rnd(r, 0, 11);
        if (kind < 6) {
            int d = rnd(r, 0, 6);
            e->days = 1u << d;
            g_strlcpy(days, day_names[d], sizeof days);
        } else if (kind < 8) {
            int a = rnd(r, 0, 6), b = (a + rnd(r, 1, 5)) % 7; /* may wrap (Sat-Mon) */
            e->days = 0;
            for (int i = a;; i = (i + 1) % 7) {
                e->days |= 1u << i;
                if (i == b)
                    break;
            }
            g_snprintf(days, sizeof days, "%s-%s", day_names[a], day_names[b]);
        } else {
            e->days = 0x7f;
            g_strlcpy(days, "daily", sizeof days);
        }
    }
    g_snprintf(text, size, "%s %02d:%02d", days, e->minute / 60, e->minute % 60);
}

/* A closure's instant as text with the offset of a random zone ("Z" sometimes). */
static void closure_text(GRand *r, double t, char *buf, size_t size)
{
    GTimeZone *z = chance(r, 0.15) ? odd_offset_zone : zones[rnd(r, 0, N_ZONES - 1)];
    GDateTime *l = datetime_in(z, t);
    char *s;
    if (g_date_time_get_utc_offset(l) == 0 && chance(r, 0.5))
        s = g_date_time_format(l, "%Y-%m-%dT%H:%MZ");
    else
        s = g_date_time_format(l, "%Y-%m-%dT%H:%M%:z");
    g_strlcpy(buf, s, size);
    g_free(s);
    g_date_time_unref(l);
}

static void add_link(b_net *net, GRand *r, int from, int to, fr_mode mode)
{
    b_link *l = &net->links[net->n_links];
    g_snprintf(l->id, sizeof l->id, "L%d", net->n_links);
    net->n_links++;
    l->from = from;
    l->to = to;
    l->mode = mode;
    l->distance_km = rnd(r, 10, 5000);
    if (net->ties) {
        static const double times[] = {6, 12, 24, 36};
        l->time_h = times[rnd(r, 0, 3)];
        l->cost_usd = 100.0 * rnd(r, 1, 3);
    } else {
        l->time_h = quarter(r, 1, 60);
        l->cost_usd = halves(r, 0, 1500);
    }
    l->bidir = chance(r, net->dense ? 0.65 : 0.5);
    l->valid_from = OPEN_FROM;
    l->valid_to = OPEN_TO;
    if (chance(r, 0.15)) {
        if (chance(r, 0.7))
            l->valid_from = net->window_start + rnd(r, -5, 4);
        if (chance(r, 0.7) || l->valid_from == OPEN_FROM)
            l->valid_to =
                (l->valid_from == OPEN_FROM ? net->window_start : l->valid_from) + rnd(r, 0, 6);
    }
}

static fr_mode random_mode(GRand *r, int n_modes)
{
    return net_modes[rnd(r, 0, n_modes - 1)];
}

/* A departure instant of a scheduled direction in the window, or NAN. */
static double random_departure(b_net *net, GRand *r, int dir)
{
    for (int tries = 0; tries < 4; tries++) {
        const day_deps *dd = deps_on(net, dir, net->window_start + rnd(r, -1, WINDOW_DAYS));
        if (dd->n > 0)
            return dd->t[rnd(r, 0, dd->n - 1)];
    }
    return NAN;
}

/* Walks a few links of a route of query bq (with the closures made so far)
 * and picks a moment when the box reaches a node or is ready to enter a
 * link: *cl gets that node or link as its target. False when the walk
 * goes nowhere. */
static bool walk_moment(b_net *net, GRand *r, const b_query *bq, b_closure *cl, double *moment)
{
    int day = local_day(zones[net->nodes[bq->O].zone], bq->T);
    int u = bq->O, prev = -1;
    double t = bq->T;
    int n_moments = 0;
    struct {
        bool is_node;
        int target; /* node, or link direction */
        double t;
    } moments[16];
    int steps = rnd(r, 1, 3);
    for (int step = 0; step < steps; step++) {
        int cand[MAX_DIRS], n = 0;
        for (int d = 0; d < 2 * net->n_links; d++) {
            if (!dir_exists(net, d) || !link_valid_on(dir_link(net, d), day) ||
                dir_from(net, d) != u)
                continue;
            fr_mode m = dir_link(net, d)->mode;
            if (prev >= 0 && dir_link(net, prev)->mode != m &&
                !find_transfer(net, u, dir_link(net, prev)->mode, m))
                continue;
            cand[n++] = d;
        }
        if (n == 0)
            break;
        int d = cand[rnd(r, 0, n - 1)];
        if (prev >= 0) {
            fr_mode m1 = dir_link(net, prev)->mode;
            double dh = net->nodes[u].dwell_h;
            if (m1 != dir_link(net, d)->mode)
                dh += find_transfer(net, u, m1, dir_link(net, d)->mode)->time_h;
            t = node_free_from(net, u, t) + dh * 3600.0;
        }
        if (net->n_svc_dir[d] > 0) {
            t = first_departure(net, d, t);
            if (!isfinite(t))
                break;
        } else {
            t = dir_free_from(net, d, t);
        }
        moments[n_moments].is_node = false;
        moments[n_moments].target = d;
        moments[n_moments++].t = t;
        t += dir_link(net, d)->time_h * 3600.0;
        u = dir_to(net, d);
        prev = d;
        moments[n_moments].is_node = true;
        moments[n_moments].target = u;
        moments[n_moments++].t = t;
    }
    if (n_moments == 0)
        return false;
    int k = rnd(r, 0, n_moments - 1);
    cl->is_node = moments[k].is_node;
    if (cl->is_node) {
        cl->target = moments[k].target;
    } else {
        cl->target = moments[k].target / 2;
        cl->rev_only = moments[k].target % 2 == 1 && chance(r, 0.5);
    }
    *moment = moments[k].t;
    return true;
}

static char *csv_nodes(const b_net *net)
{
    GString *s = g_string_new("id,name,kind,country,lat,lon,dwell_h,dwell_usd,timezone\n");
    for (int i = 0; i < net->n_nodes; i++) {
        const b_node *n = &net->nodes[i];
        g_string_append_printf(s, "%s,Node %d,junction,XX,%d.5,%d.25,%.17g,%.17g,%s\n", n->id, i,
                               10 + i, 20 + 3 * i, n->dwell_h, n->dwell_usd, zone_names[n->zone]);
    }
    return g_string_free(s, FALSE);
}

static char *csv_transfers(const b_net *net)
{
    GString *s = g_string_new("node,from_mode,to_mode,time_h,cost_usd\n");
    for (int i = 0; i < net->n_transfers; i++) {
        const b_transfer *t = &net->transfers[i];
        g_string_append_printf(s, "%s,%s,%s,%.17g,%.17g\n", net->nodes[t->node].id,
                               fr_mode_name(t->from_mode), fr_mode_name(t->to_mode), t->time_h,
                               t->cost_usd);
    }
    return g_string_free(s, FALSE);
}

static void validity_cells(int from, int to, char *a, char *b)
{
    a[0] = b[0] = '\0';
    if (from != OPEN_FROM)
        date_text(from, a, 16);
    if (to != OPEN_TO)
        date_text(to, b, 16);
}

/* Seeds from DENSE_SEEDS on make dense networks. */
#define DENSE_SEEDS 2001u

static b_net *generate(guint32 seed)
{
    b_net *net = g_new0(b_net, 1);
    GRand *r = g_rand_new_with_seed(seed * 2654435761u + 12345u);
    net->seed = seed;
    net->window = rnd(r, 0, N_WINDOWS - 1);
    const window_def *w = &windows[net->window];
    net->window_start = jday(w->y, w->m, w->d);
    net->slot0 = net->window_start - SLOTS_BEFORE;
    net->ties = chance(r, 0.3);
    net->multi_cutoff = chance(r, 0.4);

    /* nodes: zones biased to those that change in this window */
    net->dense = seed >= DENSE_SEEDS;
    net->n_nodes = net->dense ? rnd(r, 5, 7) : rnd(r, 4, 7);
    for (int i = 0; i < net->n_nodes; i++) {
        b_node *n = &net->nodes[i];
        g_snprintf(n->id, sizeof n->id, "N%d", i);
        n->zone = rnd(r, 0, N_ZONES - 1);
        if (chance(r, 0.35))
            n->zone = (net->window == 0 || net->window == 2)   ? 2 /* Berlin */
                      : (net->window == 1 || net->window == 3) ? 3 /* New York */
                      : (net->window == 4 || net->window == 5) ? 5 /* Lord Howe */
                                                               : n->zone;
        if (net->ties) {
            n->dwell_h = chance(r, 0.5) ? 0 : 2;
            n->dwell_usd = chance(r, 0.5) ? 0 : 50;
        } else {
            n->dwell_h = chance(r, 0.4) ? 0 : quarter(r, 0.25, 8);
            n->dwell_usd = chance(r, 0.4) ? 0 : halves(r, 0.5, 100);
        }
    }

    /* links: a connected skeleton, then more (some parallel) */
    int n_modes = net->dense ? 3 : rnd(r, 2, 3);
    int target = net->dense ? rnd(r, 10, MAX_LINKS) : rnd(r, MAX(5, net->n_nodes - 1), MAX_LINKS);
    for (int i = 1; i < net->n_nodes; i++) {
        int j = rnd(r, 0, i - 1);
        if (chance(r, 0.5))
            add_link(net, r, i, j, random_mode(r, n_modes));
        else
            add_link(net, r, j, i, random_mode(r, n_modes));
    }
    while (net->n_links < target) {
        if (chance(r, 0.25)) { /* parallel to an existing link */
            const b_link *o = &net->links[rnd(r, 0, net->n_links - 1)];
            int a = o->from, b = o->to;
            if (chance(r, 0.3)) {
                int t = a;
                a = b;
                b = t;
            }
            add_link(net, r, a, b, random_mode(r, n_modes));
        } else {
            int a = rnd(r, 0, net->n_nodes - 1), b = rnd(r, 0, net->n_nodes - 2);
            if (b >= a)
                b++;
            add_link(net, r, a, b, random_mode(r, n_modes));
        }
    }

    /* transfers between modes a node uses */
    for (int v = 0; v < net->n_nodes; v++) {
        bool uses[FR_MODE_COUNT] = {false};
        for (int i = 0; i < net->n_links; i++)
            if (net->links[i].from == v || net->links[i].to == v)
                uses[net->links[i].mode] = true;
        for (int a = 0; a < N_MODES; a++)
            for (int b = 0; b < N_MODES; b++) {
                fr_mode ma = net_modes[a], mb = net_modes[b];
                if (a == b || !uses[ma] || !uses[mb] || !chance(r, net->dense ? 0.8 : 0.6))
                    continue;
                b_transfer *t = &net->transfers[net->n_transfers++];
                t->node = v;
                t->from_mode = ma;
                t->to_mode = mb;
                t->time_h = net->ties ? 3 * rnd(r, 0, 1) : quarter(r, 0, 6);
                t->cost_usd = net->ties ? 50 * rnd(r, 0, 2) : halves(r, 0, 200);
            }
    }

    /* services */
    for (int d = 0; d < 2 * net->n_links; d++) {
        net->last_valid[d] = INT_MIN;
        net->min_cut[d] = INFINITY;
        if (!dir_exists(net, d) || !chance(r, 0.5))
            continue;
        int n_svc = chance(r, 0.6) ? 1 : chance(r, 0.75) ? 2 : 3;
        double shared_cut = chance(r, 0.3) ? 0 : quarter(r, 0.25, 30);
        for (int s = 0; s < n_svc; s++) {
            b_service *sv = &net->services[net->n_services];
            g_snprintf(sv->id, sizeof sv->id, "S%d", net->n_services);
            net->n_services++;
            sv->dir = d;
            sv->n_entries = rnd(r, 1, MAX_ENTRIES);
            sv->departures[0] = '\0';
            for (int e = 0; e < sv->n_entries; e++) {
                char one[32];
                random_entry(r, &sv->entries[e], one, sizeof one);
                if (e)
                    g_strlcat(sv->departures, "; ", sizeof sv->departures);
                g_strlcat(sv->departures, one, sizeof sv->departures);
            }
            sv->cutoff_h = net->multi_cutoff && chance(r, 0.6)
                               ? (chance(r, 0.3) ? 0 : quarter(r, 0.25, 30))
                               : shared_cut;
            sv->valid_from = OPEN_FROM;
            sv->valid_to = OPEN_TO;
            if (chance(r, 0.25)) {
                if (chance(r, 0.6))
                    sv->valid_from = net->window_start + rnd(r, -10, 4);
                if (chance(r, 0.6) || sv->valid_from == OPEN_FROM)
                    sv->valid_to =
                        (sv->valid_from == OPEN_FROM ? net->window_start - 3 : sv->valid_from) +
                        rnd(r, 0, 14);
            }
            net->n_svc_dir[d]++;
            net->last_valid[d] = MAX(net->last_valid[d], sv->valid_to);
            net->min_cut[d] = MIN(net->min_cut[d], sv->cutoff_h * 3600.0);
        }
    }

    /* the queries' departures: in the origin's zone, in the window, often at
     * night (when clocks change), sometimes just in time for a departure */
    for (int qi = 0; qi < N_QUERIES; qi++) {
        b_query *bq = &net->queries[qi];
        bq->O = rnd(r, 0, net->n_nodes - 1);
        bq->D = rnd(r, 0, net->n_nodes - 2);
        if (bq->D >= bq->O)
            bq->D++;
        int y, m, d;
        jday_split(net->window_start + rnd(r, 0, WINDOW_DAYS - 1), &y, &m, &d, NULL);
        int hh = chance(r, 0.3) ? rnd(r, 0, 3) : rnd(r, 0, 23);
        int mm = chance(r, 0.5) ? 15 * rnd(r, 0, 3) : rnd(r, 0, 59);
        GDateTime *local = g_date_time_new(zones[net->nodes[bq->O].zone], y, m, d, hh, mm, 0);
        bq->T = instant_of(local);
        g_date_time_unref(local);
        if (chance(r, 0.25)) {
            for (int dir = 0; dir < 2 * net->n_links; dir++) {
                if (!dir_exists(net, dir) || net->n_svc_dir[dir] == 0 ||
                    dir_from(net, dir) != bq->O)
                    continue;
                const day_deps *dd =
                    deps_on(net, dir, net->window_start + rnd(r, 0, WINDOW_DAYS - 1));
                if (dd->n > 0) {
                    int j = rnd(r, 0, dd->n - 1);
                    bq->T = dd->t[j] - dd->cut[j];
                    break;
                }
            }
        }
    }

    /* closures */
    if (chance(r, 0.5)) {
        GDateTime *w0 = g_date_time_new_utc(w->y, w->m, w->d, 0, 0, 0);
        double t0 = instant_of(w0);
        g_date_time_unref(w0);
        int n_closures = rnd(r, 1, MAX_CLOSURES - 1);
        for (int i = 0; i < n_closures; i++) {
            b_closure *cl = &net->closures[i];
            memset(cl, 0, sizeof *cl);
            double len = 60.0 * (chance(r, 0.5) ? rnd(r, 1, 6 * 60) : rnd(r, 60, 72 * 60));
            double moment;
            if (chance(r, 0.4) &&
                walk_moment(net, r, &net->queries[rnd(r, 0, N_QUERIES - 1)], cl, &moment)) {
                /* starting or ending when a query's box gets there */
                cl->from = chance(r, 0.5) ? moment : moment - len;
            } else {
                cl->is_node = chance(r, 0.4);
                if (cl->is_node) {
                    cl->target = rnd(r, 0, net->n_nodes - 1);
                } else {
                    cl->target = rnd(r, 0, net->n_links - 1);
                    cl->rev_only = net->links[cl->target].bidir && chance(r, 0.4);
                }
                cl->from = t0 + 60.0 * rnd(r, -2 * 24 * 60, 8 * 24 * 60);
                if (chance(r, 0.5)) { /* on quarter hours, like the figures */
                    cl->from = 900.0 * floor(cl->from / 900.0);
                    len = 900.0 * ceil(len / 900.0);
                }
                /* often starting or ending on a departure of a service it hits */
                int sched = -1;
                for (int dir = 0; dir < 2 * net->n_links && sched < 0; dir++)
                    if (net->n_svc_dir[dir] > 0 && closure_hits_dir(net, cl, dir) && chance(r, 0.7))
                        sched = dir;
                if (sched >= 0 && chance(r, 0.6)) {
                    double d = random_departure(net, r, sched);
                    if (!isnan(d))
                        cl->from = chance(r, 0.5) ? d : d - len;
                }
            }
            cl->to = cl->from + len;
            closure_text(r, cl->from, cl->from_text, sizeof cl->from_text);
            closure_text(r, cl->to, cl->to_text, sizeof cl->to_text);
            net->n_closures++; /* in effect for the next walks */
        }
    }
    g_rand_free(r);

    /* files */
    net->nodes_csv = csv_nodes(net);
    GString *s = g_string_new(
        "id,from,to,mode,distance_km,time_h,cost_usd,bidirectional,valid_from,valid_to\n");
    for (int i = 0; i < net->n_links; i++) {
        const b_link *l = &net->links[i];
        char vf[16], vt[16];
        validity_cells(l->valid_from, l->valid_to, vf, vt);
        g_string_append_printf(s, "%s,%s,%s,%s,%.17g,%.17g,%.17g,%d,%s,%s\n", l->id,
                               net->nodes[l->from].id, net->nodes[l->to].id, fr_mode_name(l->mode),
                               l->distance_km, l->time_h, l->cost_usd, l->bidir ? 1 : 0, vf, vt);
    }
    net->links_csv = g_string_free(s, FALSE);
    net->transfers_csv = csv_transfers(net);
    if (net->n_services > 0) {
        s = g_string_new("id,link,departures,cutoff_h,valid_from,valid_to\n");
        for (int i = 0; i < net->n_services; i++) {
            const b_service *sv = &net->services[i];
            char vf[16], vt[16];
            validity_cells(sv->valid_from, sv->valid_to, vf, vt);
            g_string_append_printf(s, "%s,%s%s,%s,%.17g,%s,%s\n", sv->id,
                                   dir_link(net, sv->dir)->id, sv->dir % 2 ? ":rev" : "",
                                   sv->departures, sv->cutoff_h, vf, vt);
        }
        net->services_csv = g_string_free(s, FALSE);
    }
    if (net->n_closures > 0) {
        s = g_string_new("link,node,from,to,reason\n");
        for (int i = 0; i < net->n_closures; i++) {
            const b_closure *cl = &net->closures[i];
            if (cl->is_node)
                g_string_append_printf(s, ",%s,%s,%s,test\n", net->nodes[cl->target].id,
                                       cl->from_text, cl->to_text);
            else
                g_string_append_printf(s, "%s%s,,%s,%s,test\n", net->links[cl->target].id,
                                       cl->rev_only ? ":rev" : "", cl->from_text, cl->to_text);
        }
        net->closures_csv = g_string_free(s, FALSE);
    }
    return net;
}

static void free_net(b_net *net)
{
    for (int d = 0; d < MAX_DIRS; d++)
        g_free(net->cache[d]);
    g_free(net->nodes_csv);
    g_free(net->links_csv);
    g_free(net->transfers_csv);
    g_free(net->services_csv);
    g_free(net->closures_csv);
    g_free(net);
}

/* Writes a file (NULL: none) without syncing it: the directory is gone a
 * moment later. */
static void write_text(const char *dir, const char *name, const char *text)
{
    if (!text)
        return;
    char *path = g_build_filename(dir, name, NULL);
    GError *err = NULL;
    gboolean ok = g_file_set_contents_full(path, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, &err);
    g_free(path);
    if (!ok) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "cannot write %s: %s", name, err->message);
        g_error_free(err);
        fail_msg("%s", msg);
    }
}

/* Loads files through the library (test failure if it will not). */
static fr_network *load_files(const b_net *net, const char *nodes, const char *links,
                              const char *transfers, const char *services, const char *closures)
{
    char *dir = make_tmp_dir();
    write_text(dir, "nodes.csv", nodes);
    write_text(dir, "links.csv", links);
    write_text(dir, "transfers.csv", transfers);
    write_text(dir, "services.csv", services);
    write_text(dir, "closures.csv", closures);
    GError *err = NULL;
    fr_network *fn = fr_network_load_dir(dir, &err);
    remove_dir(dir);
    g_free(dir);
    if (!fn) {
        dump_net(net);
        fail_msg("seed %u: the network does not load: %s", net->seed, err ? err->message : "?");
    }
    return fn;
}

/* ---- statistics ---------------------------------------------------------------------- */

typedef struct {
    int networks, queries;
    int time_dep, time_dep_none;           /* (a) */
    int time_dep_deadline;                 /* (a') */
    int deadline_time, deadline_none;      /* (b) */
    int deadline_cost;                     /* (b') */
    int cost_deadline, cost_deadline_none; /* (c) */
    int cost_dep;                          /* (d) */
    int pareto, pareto_routes;             /* (e) */
    int bounds;                            /* max_time / max_cost with a departure */
    int timelines, waits, dst_crossed;     /* (f) */
    int undated, undated_multi_cutoff;     /* (g) */
    long paths;
    int nonsimple_needed;   /* the earliest arrival needs a node passed twice */
    int boundary_deadlines; /* deadlines equal to some path's arrival */
} stats;

/* ---- checks of one route ---------------------------------------------------------------- */

/* What a dated route says, read back. */
typedef struct {
    double dep, arr, time_h, cost;
    b_path path;
} got_route;

/* (f): the timeline of a dated route, and its path, simulated. `T` is the
 * query's departure (NAN with a deadline only). */
static void check_route(const ctx *c, stats *st, const fr_route *r, int O, int D, int day, double T,
                        got_route *g, bool *ok)
{
    b_net *net = c->net;
    *ok = false;
    CHECK(fr_route_is_dated(r), "the route is not dated");
    GDateTime *dep = fr_route_departure(r), *arr = fr_route_arrival(r);
    CHECK(dep && arr, "a dated route without departure or arrival");
    g->dep = instant_of(dep);
    g->arr = instant_of(arr);
    g->time_h = fr_route_total_time_h(r);
    g->cost = fr_route_total_cost_usd(r);
    CHECK(strcmp(fr_route_from(r), net->nodes[O].id) == 0 &&
              strcmp(fr_route_to(r), net->nodes[D].id) == 0,
          "route from %s to %s", fr_route_from(r), fr_route_to(r));
    if (!isnan(T))
        CHECK(fabs(g->dep - T) <= 1.0, "departure %s, the query departs %s", show(net, O, g->dep),
              show(net, O, T));
    CHECK(fabs(g->time_h - (g->arr - g->dep) / 3600.0) <= 1e-6,
          "total time %.9f h, arrival - departure %.9f h", g->time_h, (g->arr - g->dep) / 3600.0);
    CHECK(g_date_time_get_utc_offset(dep) / G_TIME_SPAN_SECOND ==
              zone_offset_at(zones[net->nodes[O].zone], g->dep),
          "departure %s not in the origin's zone", show(net, -1, g->dep));
    CHECK(g_date_time_get_utc_offset(arr) / G_TIME_SPAN_SECOND ==
              zone_offset_at(zones[net->nodes[D].zone], g->arr),
          "arrival not in the destination's zone");

    fr_timeline_iter it;
    fr_timeline_iter_init(&it, r);
    const fr_step *s;
    double prev_end = g->dep, sum_time = 0, sum_cost = 0;
    int k = 0;
    g->path.n = 0;
    g->path.simple = true;
    bool crossed = false;
    while ((s = fr_timeline_iter_next(&it))) {
        CHECK(fr_route_step(r, (size_t)k) == s, "timeline step %d is not fr_route_step(%d)", k, k);
        CHECK(s->start && s->end, "step %d has no start or end", k);
        double a = instant_of(s->start), b = instant_of(s->end);
        CHECK(fabs(a - prev_end) <= 1.0, "step %d starts %s, the previous step ended %s", k,
              show(net, -1, a), show(net, -1, prev_end));
        CHECK(fabs((b - a) - s->time_h * 3600.0) <= 1.0,
              "step %d lasts %.0f s but its time_h is %.9f", k, b - a, s->time_h);
        int from = node_index(net, s->from_node), to = node_index(net, s->to_node);
        CHECK(from >= 0 && to >= 0, "step %d names unknown nodes", k);
        GTimeZone *zf = zones[net->nodes[from].zone], *zt = zones[net->nodes[to].zone];
        CHECK(g_date_time_get_utc_offset(s->start) / G_TIME_SPAN_SECOND == zone_offset_at(zf, a),
              "step %d's start is not in the zone of %s", k, s->from_node);
        CHECK(g_date_time_get_utc_offset(s->end) / G_TIME_SPAN_SECOND == zone_offset_at(zt, b),
              "step %d's end is not in the zone of %s", k, s->to_node);
        if (zone_offset_at(zf, a) != zone_offset_at(zf, b) ||
            zone_offset_at(zt, a) != zone_offset_at(zt, b))
            crossed = true;
        if (s->type == FR_STEP_WAIT) {
            CHECK(s->cost_usd == 0 && s->co2_kg == 0, "wait step %d costs %g", k, s->cost_usd);
            CHECK(from == to, "wait step %d moves", k);
            st->waits++;
        }
        if (s->type == FR_STEP_LINK) {
            int d = dir_of_id(net, s->link_id);
            CHECK(d >= 0, "step %d: unknown link '%s'", k, s->link_id);
            CHECK(link_valid_on(dir_link(net, d), day), "step %d: link %s is not valid on the date",
                  k, s->link_id);
            CHECK(dir_from(net, d) == from && dir_to(net, d) == to, "step %d: %s runs %s-%s", k,
                  s->link_id, s->from_node, s->to_node);
            CHECK(s->time_h == dir_link(net, d)->time_h &&
                      s->cost_usd == dir_link(net, d)->cost_usd,
                  "step %d: link %s's figures %g h %g USD", k, s->link_id, s->time_h, s->cost_usd);
            CHECK(g->path.n < MAX_PATH, "too many links");
            if (g->path.n > 0) {
                int pd = g->path.dir[g->path.n - 1];
                CHECK(dir_to(net, pd) == from, "step %d does not start where the last link ended",
                      k);
                fr_mode m1 = dir_link(net, pd)->mode;
                CHECK(m1 == dir_link(net, d)->mode ||
                          find_transfer(net, from, m1, dir_link(net, d)->mode),
                      "step %d: a change of mode at %s without a transfer row", k, s->from_node);
            } else {
                CHECK(from == O, "the first link does not leave the origin");
            }
            g->path.dir[g->path.n++] = d;
        }
        sum_time += s->time_h;
        sum_cost += s->cost_usd;
        prev_end = b;
        k++;
    }
    CHECK((size_t)k == fr_route_step_count(r), "%d timeline steps, fr_route_step_count %zu", k,
          fr_route_step_count(r));
    CHECK(fabs(prev_end - g->arr) <= 1.0, "the last step ends %s, the route arrives %s",
          show(net, D, prev_end), show(net, D, g->arr));
    CHECK(fabs(sum_time - g->time_h) <= 1e-6, "the steps' times sum to %.9f h, total %.9f h",
          sum_time, g->time_h);
    CHECK(close_rel(sum_cost, g->cost, 1e-9), "the steps' costs sum to %.17g, total %.17g",
          sum_cost, g->cost);
    CHECK(g->path.n > 0 && dir_to(net, g->path.dir[g->path.n - 1]) == D,
          "the links do not end at the destination");
    st->timelines++;
    if (crossed)
        st->dst_crossed++;
    *ok = true;
}

/* The route's own path simulated by the brute force from the route's
 * departure arrives as the route says (`exact`) or no later. */
static void check_route_sim(const ctx *c, const got_route *g, int D, bool exact)
{
    b_net *net = c->net;
    double cost;
    double a = simulate(net, g->path.dir, g->path.n, g->dep, &cost);
    char buf[256];
    describe_path(net, &g->path, buf, sizeof buf);
    if (exact)
        CHECK(fabs(a - g->arr) <= 0.0036,
              "the route's path [%s] simulated from its departure arrives %s, the route says %s",
              buf, show(net, D, a), show(net, D, g->arr));
    else
        CHECK(a <= g->arr + 0.0036,
              "the route's path [%s] simulated from its departure arrives %s, after the route's %s",
              buf, show(net, D, a), show(net, D, g->arr));
    CHECK(close_rel(cost, g->cost, 1e-9), "the route's path [%s] costs %.17g, the route says %.17g",
          buf, cost, g->cost);
}

static fr_route *run_route(const fr_network *fn, fr_query *q, GError **err)
{
    *err = NULL;
    return fr_network_route(fn, q, err);
}

static void expect_no_route(const ctx *c, fr_route *r, GError *err, const char *what)
{
    b_net *net = c->net;
    if (r) {
        GDateTime *a = fr_route_arrival(r);
        double t = a ? instant_of(a) : NAN;
        double cost = fr_route_total_cost_usd(r);
        fr_route_free(r);
        CHECK(false, "%s: expected no route, got one arriving %s costing %.17g", what,
              show(net, -1, t), cost);
    }
    CHECK(err && err->domain == FR_ERROR && err->code == FR_ERROR_NO_ROUTE,
          "%s: expected FR_ERROR_NO_ROUTE, got %s", what, err ? err->message : "no error");
}

/* ---- the dated queries of one origin-destination pair ------------------------------------- */

typedef struct {
    const fr_network *fn;
    GRand *rng;
    int O, D;
    double T; /* departure */
    GDateTime *T_dt;
    int day; /* the query's date */
    GArray *paths;
    double *arr, *cost;
    stats *st;
} dep_case;

static fr_query *new_query(const b_net *net, int O, int D, fr_objective obj)
{
    fr_query *q = fr_query_new(net->nodes[O].id, net->nodes[D].id);
    fr_query_set_objective(q, obj);
    return q;
}

/* An instant handed to the library as a GDateTime: mostly in the node's own
 * zone, sometimes in UTC or at a fixed odd offset (the same instant). */
static GDateTime *handover(GRand *r, GTimeZone *home, double t)
{
    int k = rnd(r, 0, 19);
    return datetime_in(k < 14 ? home : k < 17 ? zones[0] : odd_offset_zone, t);
}

static void set_deadline(const b_net *net, GRand *r, fr_query *q, int D, double A)
{
    GDateTime *a = handover(r, zones[net->nodes[D].zone], A);
    fr_query_set_arrive_by(q, a);
    g_date_time_unref(a);
}

/* (a) and (a'): objective time with a departure (and a deadline A, or NAN). */
static void check_time_dep(ctx *c, dep_case *k, double A, double max_cost)
{
    b_net *net = c->net;
    double best = INFINITY, best_cost = INFINITY, best_simple = INFINITY;
    for (guint i = 0; i < k->paths->len; i++) {
        const b_path *p = &g_array_index(k->paths, b_path, i);
        if (!isnan(max_cost) && k->cost[i] > max_cost)
            continue;
        if (k->arr[i] < best || (k->arr[i] == best && k->cost[i] < best_cost)) {
            best = k->arr[i];
            best_cost = k->cost[i];
        }
        if (p->simple && k->arr[i] < best_simple)
            best_simple = k->arr[i];
    }
    bool plain = isnan(A) && isnan(max_cost);
    if (plain && isfinite(best) && best_simple != best)
        k->st->nonsimple_needed++;
    bool none = !isfinite(best) || (!isnan(A) && best > A);
    fr_query *q = new_query(net, k->O, k->D, FR_OBJECTIVE_TIME);
    fr_query_set_departure(q, k->T_dt);
    char bound[64] = "";
    if (!isnan(max_cost)) {
        fr_query_set_max_cost(q, max_cost);
        g_snprintf(bound, sizeof bound, ", max cost %.17g", max_cost);
        k->st->bounds++;
    }
    g_snprintf(c->desc, sizeof c->desc, "%s -> %s, objective time, depart %s%s%s%s",
               net->nodes[k->O].id, net->nodes[k->D].id, show(net, k->O, k->T),
               isnan(A) ? "" : ", arrive by ", isnan(A) ? "" : show(net, k->D, A), bound);
    if (!isnan(A)) {
        set_deadline(net, k->rng, q, k->D, A);
        k->st->time_dep_deadline++;
    } else if (plain) {
        k->st->time_dep++;
        if (none)
            k->st->time_dep_none++;
    }
    GError *err = NULL;
    fr_route *r = run_route(k->fn, q, &err);
    fr_query_free(q);
    if (none) {
        expect_no_route(c, r, err, "objective time");
        g_clear_error(&err);
        return;
    }
    if (!r) {
        char msg[256];
        g_snprintf(msg, sizeof msg, "%s", err ? err->message : "?");
        g_clear_error(&err);
        CHECK(false, "expected a route arriving %s costing %.17g, got an error: %s",
              show(net, k->D, best), best_cost, msg);
    }
    got_route g;
    bool ok;
    check_route(c, k->st, r, k->O, k->D, k->day, k->T, &g, &ok);
    fr_route_free(r);
    if (!ok)
        return;
    CHECK(fabs(g.arr - best) <= 0.0036, "arrival %s, expected the earliest %s",
          show(net, k->D, g.arr), show(net, k->D, best));
    CHECK(fabs(g.time_h - (best - k->T) / 3600.0) <= 1e-6, "time %.9f h, expected %.9f h", g.time_h,
          (best - k->T) / 3600.0);
    CHECK(close_rel(g.cost, best_cost, 1e-9),
          "cost %.17g, expected %.17g (the least among routes arriving %s)", g.cost, best_cost,
          show(net, k->D, best));
    check_route_sim(c, &g, k->D, true);
}

/* (c) and (d): objective cost with a departure (and a deadline A, or NAN). */
/* (c) and (d): objective cost with a departure (and a deadline A, or NAN;
 * with `as_bound`, the bound max_time = A - T instead of the deadline). */
static void check_cost_dep(ctx *c, dep_case *k, double A, bool as_bound)
{
    b_net *net = c->net;
    double best_cost = INFINITY, best_arr = INFINITY;
    for (guint i = 0; i < k->paths->len; i++) {
        if (!isfinite(k->arr[i]) || (!isnan(A) && k->arr[i] > A))
            continue;
        if (k->cost[i] < best_cost || (k->cost[i] == best_cost && k->arr[i] < best_arr)) {
            best_cost = k->cost[i];
            best_arr = k->arr[i];
        }
    }
    fr_query *q = new_query(net, k->O, k->D, FR_OBJECTIVE_COST);
    fr_query_set_departure(q, k->T_dt);
    g_snprintf(c->desc, sizeof c->desc, "%s -> %s, objective cost, depart %s%s%s",
               net->nodes[k->O].id, net->nodes[k->D].id, show(net, k->O, k->T),
               isnan(A)   ? ""
               : as_bound ? ", max time (h) to "
                          : ", arrive by ",
               isnan(A) ? "" : show(net, k->D, A));
    if (as_bound) {
        fr_query_set_max_time(q, (A - k->T) / 3600.0);
        k->st->bounds++;
    } else if (!isnan(A)) {
        set_deadline(net, k->rng, q, k->D, A);
        k->st->cost_deadline++;
        if (!isfinite(best_cost))
            k->st->cost_deadline_none++;
    } else {
        k->st->cost_dep++;
    }
    GError *err = NULL;
    fr_route *r = run_route(k->fn, q, &err);
    fr_query_free(q);
    if (!isfinite(best_cost)) {
        expect_no_route(c, r, err, "objective cost");
        g_clear_error(&err);
        return;
    }
    if (!r) {
        char msg[256];
        g_snprintf(msg, sizeof msg, "%s", err ? err->message : "?");
        g_clear_error(&err);
        CHECK(false, "expected a route costing %.17g arriving %s, got an error: %s", best_cost,
              show(net, k->D, best_arr), msg);
    }
    got_route g;
    bool ok;
    check_route(c, k->st, r, k->O, k->D, k->day, k->T, &g, &ok);
    fr_route_free(r);
    if (!ok)
        return;
    CHECK(close_rel(g.cost, best_cost, 1e-9), "cost %.17g, expected %.17g", g.cost, best_cost);
    CHECK(fabs(g.arr - best_arr) <= 0.0036,
          "arrival %s, expected %s (the earliest among routes costing %.17g)",
          show(net, k->D, g.arr), show(net, k->D, best_arr), best_cost);
    check_route_sim(c, &g, k->D, true);
}

typedef struct {
    double cost, time_h;
} vec2;

static int vec2_cmp(const void *a, const void *b)
{
    const vec2 *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    if (x->time_h != y->time_h)
        return x->time_h < y->time_h ? -1 : 1;
    return 0;
}

/* (e): the (cost, time) Pareto front with a departure. */
static void check_pareto(ctx *c, dep_case *k)
{
    b_net *net = c->net;
    GArray *all = g_array_new(FALSE, FALSE, sizeof(vec2));
    for (guint i = 0; i < k->paths->len; i++)
        if (isfinite(k->arr[i])) {
            vec2 v = {k->cost[i], (k->arr[i] - k->T) / 3600.0};
            g_array_append_val(all, v);
        }
    g_array_sort(all, vec2_cmp);
    vec2 front[64];
    int n_front = 0;
    double best_time = INFINITY;
    for (guint i = 0; i < all->len; i++) {
        vec2 v = g_array_index(all, vec2, i);
        if (v.time_h < best_time) {
            g_assert_true(n_front < 64);
            front[n_front++] = v;
            best_time = v.time_h;
        }
    }
    g_array_free(all, TRUE);
    k->st->pareto++;
    fr_query *q = new_query(net, k->O, k->D, FR_OBJECTIVE_COST);
    fr_query_set_departure(q, k->T_dt);
    g_snprintf(c->desc, sizeof c->desc, "%s -> %s, Pareto cost,time, depart %s",
               net->nodes[k->O].id, net->nodes[k->D].id, show(net, k->O, k->T));
    const fr_criterion crit[2] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    GError *err = NULL;
    fr_route_list *list = fr_network_pareto(k->fn, q, crit, 2, NULL, &err);
    fr_query_free(q);
    if (n_front == 0) {
        size_t n = list ? fr_route_list_count(list) : 0;
        if (list)
            fr_route_list_free(list);
        bool no_route = err && err->domain == FR_ERROR && err->code == FR_ERROR_NO_ROUTE;
        g_clear_error(&err);
        CHECK(n == 0 && no_route, "expected no route (FR_ERROR_NO_ROUTE), got %zu routes", n);
        return;
    }
    if (!list) {
        char msg[256];
        g_snprintf(msg, sizeof msg, "%s", err ? err->message : "?");
        g_clear_error(&err);
        CHECK(false, "expected a front of %d routes, got an error: %s", n_front, msg);
    }
    GString *want = g_string_new(""), *got = g_string_new("");
    for (int i = 0; i < n_front; i++)
        g_string_append_printf(want, " (%.17g USD, %.6f h)", front[i].cost, front[i].time_h);
    size_t n = fr_route_list_count(list);
    bool same = n == (size_t)n_front;
    for (size_t i = 0; i < n; i++) {
        const fr_route *r = fr_route_list_get(list, i);
        double rc = fr_route_total_cost_usd(r), rt = fr_route_total_time_h(r);
        g_string_append_printf(got, " (%.17g USD, %.6f h)", rc, rt);
        if (same && (!close_rel(rc, front[i].cost, 1e-9) || fabs(rt - front[i].time_h) > 1e-6))
            same = false;
    }
    char *w = g_string_free(want, FALSE), *gt = g_string_free(got, FALSE);
    if (!same) {
        fr_route_list_free(list);
        fail_case(c, __LINE__, "front%s, expected%s", gt, w);
        g_free(w);
        g_free(gt);
        return;
    }
    g_free(w);
    g_free(gt);
    k->st->pareto_routes += (int)n;
    for (size_t i = 0; i < n; i++) {
        got_route g;
        bool ok;
        check_route(c, k->st, fr_route_list_get(list, i), k->O, k->D, k->day, k->T, &g, &ok);
        if (!ok)
            break;
        check_route_sim(c, &g, k->D, true);
    }
    fr_route_list_free(list);
}

/* (b) and (b'): a deadline only, objective time and cost. */
static void check_deadline(ctx *c, const fr_network *fn, GRand *rng, stats *st, int O, int D,
                           double A)
{
    b_net *net = c->net;
    int day = local_day(zones[net->nodes[D].zone], A);
    GArray *paths = enumerate_paths(net, day, O, D);
    st->paths += paths->len;
    double *latest = g_new(double, paths->len + 1);
    double L = -INFINITY, cmin = INFINITY, Lc = -INFINITY;
    for (guint i = 0; i < paths->len; i++) {
        const b_path *p = &g_array_index(paths, b_path, i);
        double cost = path_cost(net, p);
        latest[i] = latest_departure(net, p, A);
        if (!isfinite(latest[i]))
            continue;
        L = MAX(L, latest[i]);
        if (cost < cmin || (cost == cmin && latest[i] > Lc)) {
            cmin = cost;
            Lc = latest[i];
        }
    }
    /* from the latest departure: the earliest arrival, then the least cost */
    double best_arr = INFINITY, best_cost = INFINITY;
    if (isfinite(L))
        for (guint i = 0; i < paths->len; i++) {
            const b_path *p = &g_array_index(paths, b_path, i);
            double cost;
            double a = simulate(net, p->dir, p->n, L, &cost);
            if (a < best_arr || (a == best_arr && cost < best_cost)) {
                best_arr = a;
                best_cost = cost;
            }
        }
    g_free(latest);
    g_array_free(paths, TRUE);

    for (int pass = 0; pass < 2; pass++) {
        fr_objective obj = pass == 0 ? FR_OBJECTIVE_TIME : FR_OBJECTIVE_COST;
        fr_query *q = new_query(net, O, D, obj);
        set_deadline(net, rng, q, D, A);
        g_snprintf(c->desc, sizeof c->desc, "%s -> %s, objective %s, arrive by %s (only)",
                   net->nodes[O].id, net->nodes[D].id, fr_objective_name(obj), show(net, D, A));
        if (pass == 0) {
            st->deadline_time++;
            if (!isfinite(L))
                st->deadline_none++;
        } else {
            st->deadline_cost++;
        }
        GError *err = NULL;
        fr_route *r = run_route(fn, q, &err);
        fr_query_free(q);
        if (!isfinite(L)) {
            expect_no_route(c, r, err, "deadline only");
            g_clear_error(&err);
            continue;
        }
        if (!r) {
            char msg[256];
            g_snprintf(msg, sizeof msg, "%s", err ? err->message : "?");
            g_clear_error(&err);
            CHECK(false, "expected a route departing %s, got an error: %s", show(net, O, L), msg);
        }
        got_route g;
        bool ok;
        check_route(c, st, r, O, D, day, NAN, &g, &ok);
        fr_route_free(r);
        if (!ok)
            return;
        CHECK(g.arr <= A + 0.0036, "arrival %s after the deadline", show(net, D, g.arr));
        if (pass == 0) {
            CHECK(fabs(g.dep - L) <= 1.5, "departure %s, expected the latest %s",
                  show(net, O, g.dep), show(net, O, L));
            CHECK(fabs(g.arr - best_arr) <= 0.0036,
                  "arrival %s, expected %s (the earliest from the latest departure)",
                  show(net, D, g.arr), show(net, D, best_arr));
            CHECK(close_rel(g.cost, best_cost, 1e-9), "cost %.17g, expected %.17g", g.cost,
                  best_cost);
            check_route_sim(c, &g, D, true);
        } else {
            CHECK(close_rel(g.cost, cmin, 1e-9), "cost %.17g, expected %.17g", g.cost, cmin);
            CHECK(fabs(g.dep - Lc) <= 1.5,
                  "departure %s, expected %s (the latest of the cheapest routes)",
                  show(net, O, g.dep), show(net, O, Lc));
            check_route_sim(c, &g, D, false);
        }
    }
}

/* ---- (g) undated queries with a date: the mean wait ------------------------------------------ */

#define WEEK_MIN 10080.0

typedef struct {
    double e, dep; /* latest ready moment (dep - cutoff) and departure, minutes */
} ready_dep;

static int ready_dep_cmp(const void *a, const void *b)
{
    const ready_dep *x = a, *y = b;
    return x->e < y->e ? -1 : x->e > y->e ? 1 : 0;
}

/* The hours a scheduled direction counts beyond time_h on an undated query
 * of `day`: cutoff + Σh²/(2Σh) with one cut-off, else the expectation of
 * (departure - arrival moment) for an arrival uniform over the nominal week.
 * False when no service runs on that date. */
static bool mean_extra_h(const b_net *net, int dir, int day, double *extra, bool *multi)
{
    double mins[DEPS_PER_DAY * 7], cuts[DEPS_PER_DAY * 7];
    int n = 0;
    for (int s = 0; s < net->n_services; s++) {
        const b_service *sv = &net->services[s];
        if (sv->dir != dir || day < sv->valid_from || day > sv->valid_to)
            continue;
        for (int e = 0; e < sv->n_entries; e++)
            for (int wd = 0; wd < 7; wd++)
                if (sv->entries[e].days & (1u << wd)) {
                    mins[n] = wd * 1440.0 + sv->entries[e].minute;
                    cuts[n] = sv->cutoff_h * 60.0;
                    n++;
                }
    }
    if (n == 0)
        return false;
    *multi = false;
    for (int i = 1; i < n; i++)
        if (cuts[i] != cuts[0])
            *multi = true;
    /* the expectation, exactly: g(t) = min{dep : e >= t} over the shifted
     * copies, integrated over (0, W] piece by piece */
    ready_dep rd[DEPS_PER_DAY * 7 * 4];
    int m = 0;
    for (int i = 0; i < n; i++)
        for (int k = -1; k <= 2; k++) {
            rd[m].e = mins[i] - cuts[i] + k * WEEK_MIN;
            rd[m].dep = mins[i] + k * WEEK_MIN;
            m++;
        }
    qsort(rd, (size_t)m, sizeof rd[0], ready_dep_cmp);
    double suffix[DEPS_PER_DAY * 7 * 4 + 1];
    suffix[m] = INFINITY;
    for (int i = m - 1; i >= 0; i--)
        suffix[i] = MIN(suffix[i + 1], rd[i].dep);
    double integral = 0, prev = 0;
    for (int i = 0; i < m && prev < WEEK_MIN; i++) {
        double b = MIN(rd[i].e, WEEK_MIN);
        if (b <= prev)
            continue;
        g_assert_true(isfinite(suffix[i]));
        integral += suffix[i] * (b - prev) - (b * b - prev * prev) / 2;
        prev = b;
    }
    g_assert_true(prev >= WEEK_MIN);
    double expect_min = integral / WEEK_MIN;
    if (!*multi) {
        /* §5's formula, and the brute force's own consistency */
        double sorted[DEPS_PER_DAY * 7];
        memcpy(sorted, mins, sizeof(double) * (size_t)n);
        for (int i = 1; i < n; i++) /* insertion sort */
            for (int j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
                double t = sorted[j];
                sorted[j] = sorted[j - 1];
                sorted[j - 1] = t;
            }
        double sh = 0, sh2 = 0;
        for (int i = 0; i < n; i++) {
            double h = i + 1 < n ? sorted[i + 1] - sorted[i] : sorted[0] + WEEK_MIN - sorted[i];
            sh += h;
            sh2 += h * h;
        }
        double formula_h = cuts[0] / 60.0 + sh2 / (2 * sh) / 60.0;
        if (fabs(formula_h - expect_min / 60.0) > 1e-9)
            fail_msg("seed %u: the brute force's mean wait disagrees with itself: %.12f h by the "
                     "formula, %.12f h by the integral",
                     net->seed, formula_h, expect_min / 60.0);
        *extra = formula_h;
    } else {
        *extra = expect_min / 60.0;
    }
    return true;
}

/* (g): undated queries on `day` against §2 on a copy with the mean waits. */
static void check_undated(ctx *c, const fr_network *fn, GRand *rng, stats *st)
{
    b_net *net = c->net;
    int day = net->window_start + rnd(rng, 0, WINDOW_DAYS - 1);
    bool any_multi = false;
    GString *s = g_string_new("id,from,to,mode,distance_km,time_h,cost_usd\n");
    for (int d = 0; d < 2 * net->n_links; d++) {
        const b_link *l = dir_link(net, d);
        if (!dir_exists(net, d) || !link_valid_on(l, day))
            continue;
        double time_h = l->time_h;
        if (net->n_svc_dir[d] > 0) {
            double extra;
            bool multi;
            if (!mean_extra_h(net, d, day, &extra, &multi))
                continue;
            any_multi |= multi;
            time_h += extra;
        }
        g_string_append_printf(s, "%s%s,%s,%s,%s,%.17g,%.17g,%.17g\n", l->id, d % 2 ? "r" : "",
                               net->nodes[dir_from(net, d)].id, net->nodes[dir_to(net, d)].id,
                               fr_mode_name(l->mode), l->distance_km, time_h, l->cost_usd);
    }
    char *links2 = g_string_free(s, FALSE);
    fr_network *fn2 = load_files(net, net->nodes_csv, links2, net->transfers_csv, NULL, NULL);
    int y, m, dd;
    jday_split(day, &y, &m, &dd, NULL);
    GDateTime *date = g_date_time_new_utc(y, m, dd, 12, 0, 0);
    for (int pair = 0; pair < 2; pair++) {
        int O = rnd(rng, 0, net->n_nodes - 1), D = rnd(rng, 0, net->n_nodes - 2);
        if (D >= O)
            D++;
        for (int pass = 0; pass < 2; pass++) {
            fr_objective obj = pass == 0 ? FR_OBJECTIVE_TIME : FR_OBJECTIVE_COST;
            g_snprintf(c->desc, sizeof c->desc,
                       "%s -> %s, objective %s, undated on %04d-%02d-%02d (closures left out)\n"
                       "--- the §2 copy's links.csv\n%s",
                       net->nodes[O].id, net->nodes[D].id, fr_objective_name(obj), y, m, dd,
                       links2);
            st->undated++;
            if (any_multi)
                st->undated_multi_cutoff++;
            fr_query *q1 = new_query(net, O, D, obj);
            fr_query_set_date(q1, date);
            fr_query *q2 = new_query(net, O, D, obj);
            GError *e1 = NULL, *e2 = NULL;
            fr_route *r1 = fr_network_route(fn, q1, &e1);
            fr_route *r2 = fr_network_route(fn2, q2, &e2);
            fr_query_free(q1);
            fr_query_free(q2);
            bool none1 = !r1 && e1 && e1->code == FR_ERROR_NO_ROUTE;
            bool none2 = !r2 && e2 && e2->code == FR_ERROR_NO_ROUTE;
            char m1[256] = "", m2[256] = "";
            if (e1)
                g_strlcpy(m1, e1->message, sizeof m1);
            if (e2)
                g_strlcpy(m2, e2->message, sizeof m2);
            g_clear_error(&e1);
            g_clear_error(&e2);
            double t1 = r1 ? fr_route_total_time_h(r1) : NAN,
                   t2 = r2 ? fr_route_total_time_h(r2) : NAN;
            double c1 = r1 ? fr_route_total_cost_usd(r1) : NAN,
                   c2 = r2 ? fr_route_total_cost_usd(r2) : NAN;
            bool dated =
                r1 && (fr_route_is_dated(r1) || fr_route_departure(r1) || fr_route_arrival(r1));
            char *l1 = r1 ? route_link_ids(r1) : g_strdup("-");
            char *l2 = r2 ? route_link_ids(r2) : g_strdup("-");
            if (r1)
                fr_route_free(r1);
            if (r2)
                fr_route_free(r2);
            bool same = (none1 && none2) || (!isnan(t1) && !isnan(t2) && fabs(t1 - t2) <= 1e-6 &&
                                             close_rel(c1, c2, 1e-9));
            if (!same || dated) {
                fail_case(
                    c, __LINE__,
                    "undated: %s%s%.9f h %.17g USD [%s], the §2 copy: %s%.9f h %.17g USD [%s]%s",
                    m1, *m1 ? " " : "", t1, c1, l1, m2, t2, c2, l2,
                    dated ? " (and the undated route is dated)" : "");
                g_free(l1);
                g_free(l2);
                goto out;
            }
            g_free(l1);
            g_free(l2);
        }
    }
out:
    g_date_time_unref(date);
    fr_network_free(fn2);
    g_free(links2);
}

/* ---- one network ------------------------------------------------------------------------------
 */

static void run_network(guint32 seed, stats *st)
{
    b_net *net = generate(seed);
    ctx cx = {net, ""};
    ctx *c = &cx;
    fr_network *fn = load_files(net, net->nodes_csv, net->links_csv, net->transfers_csv,
                                net->services_csv, net->closures_csv);
    GRand *rng = g_rand_new_with_seed(seed * 40503u + 7u);
    st->networks++;
    const window_def *w = &windows[net->window];

    for (int qi = 0; qi < N_QUERIES; qi++) {
        dep_case k;
        memset(&k, 0, sizeof k);
        k.fn = fn;
        k.rng = rng;
        k.st = st;
        k.O = net->queries[qi].O;
        k.D = net->queries[qi].D;
        k.T = net->queries[qi].T;
        GTimeZone *zo = zones[net->nodes[k.O].zone];
        k.T_dt = handover(rng, zo, k.T);
        k.day = local_day(zo, k.T);
        k.paths = enumerate_paths(net, k.day, k.O, k.D);
        st->paths += k.paths->len;
        st->queries++;
        k.arr = g_new(double, k.paths->len + 1);
        k.cost = g_new(double, k.paths->len + 1);
        double earliest = INFINITY;
        int n_finite = 0;
        for (guint i = 0; i < k.paths->len; i++) {
            const b_path *p = &g_array_index(k.paths, b_path, i);
            k.arr[i] = simulate(net, p->dir, p->n, k.T, NULL);
            k.cost[i] = path_cost(net, p);
            earliest = MIN(earliest, k.arr[i]);
            n_finite += isfinite(k.arr[i]);
        }
        check_time_dep(c, &k, NAN, NAN);
        check_cost_dep(c, &k, NAN, false);
        check_pareto(c, &k);

        /* a deadline with the departure: at some route's arrival exactly,
         * before or after the earliest arrival */
        double A;
        int pick = rnd(rng, 0, 19);
        if (!isfinite(earliest)) {
            A = k.T + 3600.0 * rnd(rng, 1, 240);
        } else if (pick < 8) {
            int j = rnd(rng, 0, n_finite - 1);
            A = earliest;
            for (guint i = 0; i < k.paths->len; i++)
                if (isfinite(k.arr[i]) && j-- == 0)
                    A = k.arr[i];
            st->boundary_deadlines++;
        } else if (pick < 13) {
            double before = earliest - 60.0 * rnd(rng, 1, 180);
            A = MAX(k.T + 60, before);
        } else {
            A = earliest + 60.0 * rnd(rng, 0, 48 * 60);
        }
        check_time_dep(c, &k, A, NAN);
        check_cost_dep(c, &k, A, false);
        /* the same as bounds: max_time (h) = A - T, and max_cost at some
         * route's cost */
        check_cost_dep(c, &k, A, true);
        if (k.paths->len > 0)
            check_time_dep(c, &k, NAN, k.cost[rnd(rng, 0, (int)k.paths->len - 1)]);

        /* a deadline only: at a route's arrival (or a second before), or in
         * the days after the window */
        pick = rnd(rng, 0, 9);
        if (isfinite(earliest) && pick < 5) {
            int j = rnd(rng, 0, n_finite - 1);
            for (guint i = 0; i < k.paths->len; i++)
                if (isfinite(k.arr[i]) && j-- == 0)
                    A = k.arr[i] - (pick == 0 ? 1 : 0);
            st->boundary_deadlines++;
        } else {
            GDateTime *w0 = g_date_time_new_utc(w->y, w->m, w->d, 0, 0, 0);
            A = instant_of(w0) + 60.0 * rnd(rng, 24 * 60, 9 * 24 * 60);
            g_date_time_unref(w0);
        }
        check_deadline(c, fn, rng, st, k.O, k.D, A);

        g_date_time_unref(k.T_dt);
        g_free(k.arr);
        g_free(k.cost);
        g_array_free(k.paths, TRUE);
    }

    /* (g) on the network without its closures */
    if (net->n_closures > 0) {
        fr_network *fn3 = load_files(net, net->nodes_csv, net->links_csv, net->transfers_csv,
                                     net->services_csv, NULL);
        check_undated(c, fn3, rng, st);
        fr_network_free(fn3);
    } else {
        check_undated(c, fn, rng, st);
    }

    g_rand_free(rng);
    fr_network_free(fn);
    free_net(net);
}

static void run_seeds(const char *name, guint32 first, guint32 count)
{
    stats st;
    memset(&st, 0, sizeof st);
    n_failures = 0;
    const char *only = g_getenv("DATED_BRUTE_SEED");
    gint64 t0 = g_get_monotonic_time();
    if (only) {
        guint32 seed = (guint32)strtoul(only, NULL, 10);
        if (seed < first || seed >= first + count)
            return;
        run_network(seed, &st);
    } else {
        for (guint32 seed = first; seed < first + count; seed++)
            run_network(seed, &st);
    }
    print_message(
        "%s: %d networks (%.1f s), %d departures (%ld paths enumerated); "
        "(a) time+departure %d (%d no route), time+departure+deadline %d; "
        "(b) deadline only: time %d (%d no route), cost %d; "
        "(c) cost+departure+deadline %d (%d no route); (d) cost+departure %d; "
        "(e) Pareto %d (%d routes); bounds %d; (f) timelines %d (%d wait steps, %d across a "
        "DST change); (g) undated %d (%d with several cut-offs); "
        "deadlines on an arrival %d; earliest arrival needing a node twice %d\n",
        name, st.networks, (double)(g_get_monotonic_time() - t0) / 1e6, st.queries, st.paths,
        st.time_dep, st.time_dep_none, st.time_dep_deadline, st.deadline_time, st.deadline_none,
        st.deadline_cost, st.cost_deadline, st.cost_deadline_none, st.cost_dep, st.pareto,
        st.pareto_routes, st.bounds, st.timelines, st.waits, st.dst_crossed, st.undated,
        st.undated_multi_cutoff, st.boundary_deadlines, st.nonsimple_needed);
    if (n_failures > 0)
        fail_msg("%d mismatches (see above)", n_failures);
    if (!only) {
        /* the generator must exercise both outcomes and the waits */
        assert_true(st.time_dep - st.time_dep_none > st.time_dep / 2);
        assert_true(st.time_dep_none > 0 || count < 50);
        assert_true(st.waits > 0);
    }
}

/* ---- GLib's reading of local times ---------------------------------------------------------
 * lib/FORMAT.md §7: a departure's instant is what g_date_time_new() gives
 * for its local date and time, and the brute force asks g_date_time_new()
 * itself. This pins down what that is with the GLib the tests run on: a
 * time in a spring-forward gap is moved to the end of the gap, and a time
 * repeated on a fall-back night is read in standard time (its second
 * occurrence). */

static void expect_local(GTimeZone *z, int y, int m, int d, int hh, int mm, const char *utc)
{
    GDateTime *a = g_date_time_new(z, y, m, d, hh, mm, 0);
    GDateTime *b = g_date_time_new_from_iso8601(utc, NULL);
    assert_non_null(a);
    assert_non_null(b);
    if (!g_date_time_equal(a, b)) {
        char *got = g_date_time_format_iso8601(a);
        fail_msg("%04d-%02d-%02d %02d:%02d in %s is %s, expected %s", y, m, d, hh, mm,
                 g_time_zone_get_identifier(z), got, utc);
    }
    g_date_time_unref(a);
    g_date_time_unref(b);
}

static void test_glib_local_times(void **state)
{
    (void)state;
    /* gaps: to the end of the gap */
    expect_local(zones[2], 2019, 3, 31, 2, 30, "2019-03-31T01:00:00Z"); /* 03:00 CEST */
    expect_local(zones[3], 2019, 3, 10, 2, 30, "2019-03-10T07:00:00Z"); /* 03:00 EDT */
    expect_local(zones[5], 2019, 10, 6, 2, 15, "2019-10-05T15:30:00Z"); /* 02:30 +11 */
    /* repeated hours: standard time */
    expect_local(zones[2], 2019, 10, 27, 2, 30, "2019-10-27T01:30:00Z"); /* +01:00 */
    expect_local(zones[3], 2019, 11, 3, 1, 30, "2019-11-03T06:30:00Z");  /* -05:00 */
    expect_local(zones[5], 2019, 4, 7, 1, 45, "2019-04-06T15:15:00Z");   /* +10:30 */
    /* ordinary times, odd offsets */
    expect_local(zones[4], 2019, 7, 1, 8, 0, "2019-07-01T02:30:00Z");  /* +05:30 */
    expect_local(zones[5], 2019, 7, 1, 8, 0, "2019-06-30T21:30:00Z");  /* +10:30 */
    expect_local(zones[5], 2019, 12, 1, 8, 0, "2019-11-30T21:00:00Z"); /* +11:00 */
}

static void test_small_networks(void **state)
{
    (void)state;
    run_seeds("4-7 nodes, seeds 1-300", 1, 300);
}

static void test_more_networks(void **state)
{
    (void)state;
    run_seeds("4-7 nodes, seeds 1001-1200", 1001, 200);
}

static void test_dense_networks(void **state)
{
    (void)state;
    run_seeds("dense, 5-7 nodes and 10-12 links, seeds 2001-2250", DENSE_SEEDS, 250);
}

static int setup(void **state)
{
    (void)state;
    for (int i = 0; i < N_ZONES; i++) {
        zones[i] = g_time_zone_new_identifier(zone_names[i]);
        if (!zones[i]) {
            fprintf(stderr, "time zone %s is not installed\n", zone_names[i]);
            return -1;
        }
    }
    odd_offset_zone = g_time_zone_new_offset(-(3 * 3600 + 1800));
    epoch = g_date_time_new_from_unix_utc(0);
    keep_going = g_getenv("DATED_BRUTE_KEEP_GOING") != NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < N_ZONES; i++)
        if (zones[i])
            g_time_zone_unref(zones[i]);
    if (odd_offset_zone)
        g_time_zone_unref(odd_offset_zone);
    if (epoch)
        g_date_time_unref(epoch);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glib_local_times),
        cmocka_unit_test(test_small_networks),
        cmocka_unit_test(test_more_networks),
        cmocka_unit_test(test_dense_networks),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
