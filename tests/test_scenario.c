/* test_scenario.c - scenarios (FORMAT.md §6) against an independent
 * application of their rules.
 *
 * The test keeps its own model of a random network (plain arrays of the CSV
 * rows it writes), generates random scenario files (every selector kind,
 * &mode, every op and field, several rules in order, closes followed by
 * later rules), applies each with the library and, with its own code, to
 * its own rows, following §6 and the choices scenario_apply.c states where
 * §6 is silent:
 *   - `all` selects every node, link, transfer and service; `link:`/
 *     `node:`/`service:ID` one row; `mode:M` the links of mode M;
 *     `corridor:NAME` the links with that label; `country:CC` the nodes in
 *     CC and the links touching them; `transfer:NODE` the transfers there;
 *   - `&mode:M` keeps the links of mode M, the transfers from or to M, the
 *     nodes with a (live) link of mode M and the services of links of M;
 *   - scale/add/set change the field on the selected rows that have it
 *     (links and transfers: cost_usd, time_h, co2_kg; nodes: dwell_h,
 *     dwell_usd) and must change at least one row; close removes the
 *     rows, with a node its links and transfers, with a link its services;
 *     closed rows are gone for later rules;
 *   - a selector matching nothing, a result below zero or a link time_h of
 *     0 is an error naming the rule's line.
 * Its resulting rows are written as a second network and loaded; the two
 * networks must have the same nodes and links (figures compared exactly)
 * and answer the same routes (transfers and services are not exposed) for
 * 20 origin-destination pairs and the five objectives. Where the model
 * expects an error the library must fail with FR_ERROR_INVALID and
 * "<file>:<line>:".
 *
 * Every case also checks that the base network is unchanged (its links and
 * its answers before and after) and that the scenario network outlives it
 * (the base is freed before the scenario network is queried).
 *
 * Then: parse errors of scenario files (file:line), a missing file, and
 * four threads applying scenarios to one shared base network. */
#include "helpers.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_NODES 10
#define MAX_LINKS 20
#define MAX_TRANSFERS 80
#define MAX_SERVICES 6
#define MAX_RULES 6
#define N_PAIRS 20
#define N_BASE_PAIRS 8

static const char *const countries[] = {"CN", "KZ", "PL", "DE"};
static const char *const corridors[] = {"", "Yuxinou", "Middle", "Sea Lane"};
static const char *const kinds[] = {"city",   "rail_terminal", "river_port", "seaport",
                                    "airport", "border",        "junction"};
static const char *const mode_names[] = {"rail", "road", "river", "sea", "air"};
static const char *const field_names[] = {"", "cost_usd", "time_h", "co2_kg", "dwell_h", "dwell_usd"};
static const char *const op_names[] = {"scale", "add", "set", "close"};

enum { F_NONE, F_COST, F_TIME, F_CO2, F_DWELL_H, F_DWELL_USD };
enum { OP_SCALE, OP_ADD, OP_SET, OP_CLOSE };

/* ---- the test's own model ------------------------------------------------------ */

typedef struct {
    char id[8];
    int country, kind;
    double lat, lon, dwell_h, dwell_usd;
    bool dwell_written; /* base file: dwell cells written (else empty: 0) */
    bool alive;
} m_node;

typedef struct {
    char id[8];
    int from, to;
    fr_mode mode;
    double dist, time, cost, co2; /* co2 resolved */
    bool co2_written;
    bool bidir;
    int corridor;
    bool alive;
} m_link;

typedef struct {
    int node;
    fr_mode from_mode, to_mode;
    double time, cost, co2;
    bool co2_written;
    bool alive;
} m_transfer;

typedef struct {
    char id[8];
    int link;
    bool rev;
    char departures[48];
    double cutoff;
    bool alive;
} m_service;

typedef struct {
    int n_nodes, n_links, n_transfers, n_services;
    m_node nodes[MAX_NODES];
    m_link links[MAX_LINKS];
    m_transfer transfers[MAX_TRANSFERS];
    m_service services[MAX_SERVICES];
    bool has_modes_csv, has_services;
    double factor[FR_MODE_COUNT];
    bool mode_used[FR_MODE_COUNT];
    bool corridor_used[4], country_used[4];
} m_net;

typedef enum { S_ALL, S_LINK, S_NODE, S_MODE, S_CORRIDOR, S_COUNTRY, S_TRANSFER, S_SERVICE } s_kind;

typedef struct {
    s_kind kind;
    char arg[16];
    fr_mode sel_mode; /* S_MODE */
    bool amp;         /* &mode: */
    fr_mode amp_mode;
    int field, op;
    double value;
} m_rule;

typedef enum { OUT_OK, OUT_NOTHING, OUT_NOFIELD, OUT_BAD } outcome;

/* ---- failure context ----------------------------------------------------------- */

static struct {
    guint32 seed;
    char *nodes, *links, *transfers, *modes, *services, *scenario;
} cur;

static void dump_case(void)
{
    fprintf(stderr,
            "=== seed %u\n--- nodes.csv\n%s--- links.csv\n%s--- transfers.csv\n%s--- modes.csv\n%s"
            "--- services.csv\n%s--- scenario\n%s===\n",
            cur.seed, cur.nodes ? cur.nodes : "", cur.links ? cur.links : "",
            cur.transfers ? cur.transfers : "", cur.modes ? cur.modes : "(none)\n",
            cur.services ? cur.services : "(none)\n", cur.scenario ? cur.scenario : "");
}

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            char *m_ = g_strdup_printf(__VA_ARGS__);                                               \
            dump_case();                                                                           \
            fail_msg("%s:%d: seed %u: %s", __FILE__, __LINE__, cur.seed, m_);                      \
        }                                                                                          \
    } while (0)

static void cur_clear(void)
{
    g_clear_pointer(&cur.nodes, g_free);
    g_clear_pointer(&cur.links, g_free);
    g_clear_pointer(&cur.transfers, g_free);
    g_clear_pointer(&cur.modes, g_free);
    g_clear_pointer(&cur.services, g_free);
    g_clear_pointer(&cur.scenario, g_free);
}

/* ---- random networks ------------------------------------------------------------ */

/* A figure: k/4 or k/100 (real-ish), occasionally 0 when zero_ok. */
static double rnd_figure(GRand *g, double lo, double hi, bool zero_ok)
{
    if (zero_ok && g_rand_int_range(g, 0, 10) == 0)
        return 0;
    double v = g_rand_double_range(g, lo, hi);
    return g_rand_boolean(g) ? round(v * 4) / 4 : round(v * 100) / 100;
}

static fr_mode rnd_mode(GRand *g)
{
    static const fr_mode weighted[] = {FR_MODE_RAIL, FR_MODE_RAIL, FR_MODE_ROAD, FR_MODE_ROAD,
                                       FR_MODE_SEA,  FR_MODE_RIVER, FR_MODE_AIR};
    return weighted[g_rand_int_range(g, 0, G_N_ELEMENTS(weighted))];
}

static bool node_uses_mode(const m_net *n, int v, fr_mode m)
{
    for (int i = 0; i < n->n_links; i++)
        if (n->links[i].mode == m && (n->links[i].from == v || n->links[i].to == v))
            return true;
    return false;
}

static void generate(m_net *n, guint32 seed)
{
    GRand *g = g_rand_new_with_seed(seed);
    memset(n, 0, sizeof *n);
    n->n_nodes = g_rand_int_range(g, 4, MAX_NODES + 1);
    int n_countries = g_rand_int_range(g, 2, 5);
    for (int i = 0; i < n->n_nodes; i++) {
        m_node *v = &n->nodes[i];
        g_snprintf(v->id, sizeof v->id, "N%d", i);
        v->country = g_rand_int_range(g, 0, n_countries);
        n->country_used[v->country] = true;
        v->kind = g_rand_int_range(g, 0, G_N_ELEMENTS(kinds));
        v->lat = round(g_rand_double_range(g, -60, 70) * 1000) / 1000;
        v->lon = round(g_rand_double_range(g, -170, 170) * 1000) / 1000;
        v->dwell_written = g_rand_int_range(g, 0, 4) != 0;
        if (v->dwell_written) {
            v->dwell_h = rnd_figure(g, 0.5, 30, true);
            v->dwell_usd = rnd_figure(g, 5, 400, true);
        }
        v->alive = true;
    }
    n->n_links = g_rand_int_range(g, n->n_nodes - 1, MAX_LINKS + 1);
    for (int i = 0; i < n->n_links; i++) {
        m_link *l = &n->links[i];
        g_snprintf(l->id, sizeof l->id, "L%d", i);
        /* the first links chain the nodes, the others are random */
        if (i < n->n_nodes - 1 && g_rand_int_range(g, 0, 4) != 0) {
            l->from = i;
            l->to = i + 1;
        } else {
            l->from = g_rand_int_range(g, 0, n->n_nodes);
            do
                l->to = g_rand_int_range(g, 0, n->n_nodes);
            while (l->to == l->from);
        }
        l->mode = rnd_mode(g);
        n->mode_used[l->mode] = true;
        l->dist = rnd_figure(g, 20, 3000, false);
        l->time = rnd_figure(g, 0.5, 200, false);
        l->cost = rnd_figure(g, 10, 3000, true);
        l->co2_written = g_rand_boolean(g);
        l->co2 = rnd_figure(g, 1, 900, true); /* resolved below when not written */
        l->bidir = g_rand_int_range(g, 0, 10) < 6;
        l->corridor = g_rand_int_range(g, 0, 10) < 4 ? 0 : g_rand_int_range(g, 1, 4);
        n->corridor_used[l->corridor] = true;
        l->alive = true;
    }
    n->has_modes_csv = g_rand_int_range(g, 0, 3) == 0;
    for (int m = 0; m < FR_MODE_COUNT; m++)
        n->factor[m] = n->has_modes_csv ? round(g_rand_double_range(g, 0.01, 1.2) * 1000) / 1000
                                        : fr_mode_default_co2_factor((fr_mode)m);
    for (int i = 0; i < n->n_links; i++)
        if (!n->links[i].co2_written)
            n->links[i].co2 = n->links[i].dist * n->factor[n->links[i].mode];
    /* transfers: most pairs of modes a node uses, a few naming unused modes */
    for (int v = 0; v < n->n_nodes; v++)
        for (int a = 0; a < FR_MODE_COUNT; a++)
            for (int b = 0; b < FR_MODE_COUNT; b++) {
                if (a == b || n->n_transfers == MAX_TRANSFERS)
                    continue;
                bool used = node_uses_mode(n, v, (fr_mode)a) && node_uses_mode(n, v, (fr_mode)b);
                if (g_rand_int_range(g, 0, 100) >= (used ? 70 : 2))
                    continue;
                m_transfer *t = &n->transfers[n->n_transfers++];
                t->node = v;
                t->from_mode = (fr_mode)a;
                t->to_mode = (fr_mode)b;
                t->time = rnd_figure(g, 0.5, 48, true);
                t->cost = rnd_figure(g, 5, 500, true);
                t->co2_written = g_rand_boolean(g);
                t->co2 = t->co2_written ? rnd_figure(g, 1, 50, true) : 0;
                t->alive = true;
            }
    n->has_services = g_rand_int_range(g, 0, 10) < 4;
    if (n->has_services) {
        static const char *const deps[] = {"Mon 08:00; Thu 18:00", "daily 06:30", "Tue-Fri 12:00",
                                           "Wed 23:15", "Mon-Sun 04:00; Sat 16:45"};
        int k = g_rand_int_range(g, 1, MAX_SERVICES + 1);
        for (int i = 0; i < k; i++) {
            m_service *s = &n->services[n->n_services++];
            g_snprintf(s->id, sizeof s->id, "S%d", i);
            s->link = g_rand_int_range(g, 0, n->n_links);
            s->rev = n->links[s->link].bidir && g_rand_boolean(g);
            g_strlcpy(s->departures, deps[g_rand_int_range(g, 0, G_N_ELEMENTS(deps))],
                      sizeof s->departures);
            s->cutoff = g_rand_boolean(g) ? 0 : g_rand_int_range(g, 1, 24);
            s->alive = true;
        }
    }
    g_rand_free(g);
}

/* ---- writing a model as CSV ------------------------------------------------------ */

/* `exact`: every figure written, as the scenario network would hold it;
 * else as generated (empty cells for defaults). Only live rows. */
static void model_csv(const m_net *n, bool exact, char **nodes, char **links, char **transfers,
                      char **modes, char **services)
{
    GString *s = g_string_new("id,name,kind,country,lat,lon,dwell_h,dwell_usd,source\n");
    for (int i = 0; i < n->n_nodes; i++) {
        const m_node *v = &n->nodes[i];
        if (!v->alive)
            continue;
        g_string_append_printf(s, "%s,Node %d,%s,%s,%.17g,%.17g,", v->id, i, kinds[v->kind],
                               countries[v->country], v->lat, v->lon);
        if (exact || v->dwell_written)
            g_string_append_printf(s, "%.17g,%.17g,", v->dwell_h, v->dwell_usd);
        else
            g_string_append(s, ",,");
        g_string_append(s, i % 3 ? "\n" : "\"test, node\"\n");
    }
    *nodes = g_string_free(s, FALSE);

    s = g_string_new("id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,bidirectional,corridor\n");
    for (int i = 0; i < n->n_links; i++) {
        const m_link *l = &n->links[i];
        if (!l->alive)
            continue;
        g_string_append_printf(s, "%s,%s,%s,%s,%.17g,%.17g,%.17g,", l->id, n->nodes[l->from].id,
                               n->nodes[l->to].id, mode_names[l->mode], l->dist, l->time, l->cost);
        if (exact || l->co2_written)
            g_string_append_printf(s, "%.17g", l->co2);
        g_string_append_printf(s, ",%d,%s\n", l->bidir ? 1 : 0, corridors[l->corridor]);
    }
    *links = g_string_free(s, FALSE);

    s = g_string_new("node,from_mode,to_mode,time_h,cost_usd,co2_kg\n");
    for (int i = 0; i < n->n_transfers; i++) {
        const m_transfer *t = &n->transfers[i];
        if (!t->alive)
            continue;
        g_string_append_printf(s, "%s,%s,%s,%.17g,%.17g,", n->nodes[t->node].id,
                               mode_names[t->from_mode], mode_names[t->to_mode], t->time, t->cost);
        if (exact || t->co2_written)
            g_string_append_printf(s, "%.17g", t->co2);
        g_string_append(s, "\n");
    }
    *transfers = g_string_free(s, FALSE);

    *modes = NULL;
    if (n->has_modes_csv) {
        s = g_string_new("mode,co2_kg_per_teu_km\n");
        for (int m = 0; m < FR_MODE_COUNT; m++)
            g_string_append_printf(s, "%s,%.17g\n", mode_names[m], n->factor[m]);
        *modes = g_string_free(s, FALSE);
    }

    *services = NULL;
    if (n->has_services) {
        s = g_string_new("id,link,departures,cutoff_h\n");
        for (int i = 0; i < n->n_services; i++) {
            const m_service *v = &n->services[i];
            if (v->alive)
                g_string_append_printf(s, "%s,%s%s,%s,%g\n", v->id, n->links[v->link].id,
                                       v->rev ? ":rev" : "", v->departures, v->cutoff);
        }
        *services = g_string_free(s, FALSE);
    }
}

static void write_model(const char *dir, const m_net *n, bool exact, bool remember)
{
    char *nodes, *links, *transfers, *modes, *services;
    model_csv(n, exact, &nodes, &links, &transfers, &modes, &services);
    write_network(dir, nodes, links, transfers, modes);
    if (services)
        write_file_bytes(dir, "services.csv", services, strlen(services));
    if (remember) {
        cur_clear();
        cur.nodes = nodes;
        cur.links = links;
        cur.transfers = transfers;
        cur.modes = modes;
        cur.services = services;
    } else {
        g_free(nodes);
        g_free(links);
        g_free(transfers);
        g_free(modes);
        g_free(services);
    }
}

/* ---- random scenarios -------------------------------------------------------------- */

static fr_mode rnd_used_mode(GRand *g, const m_net *n)
{
    if (g_rand_int_range(g, 0, 10) == 0)
        return (fr_mode)g_rand_int_range(g, 0, FR_MODE_COUNT);
    fr_mode m;
    do
        m = (fr_mode)g_rand_int_range(g, 0, FR_MODE_COUNT);
    while (!n->mode_used[m]);
    return m;
}

/* A random row index among n, live (per `alive`) with probability 7/8. */
static int rnd_row(GRand *g, int n, const bool *alive, size_t stride)
{
    int i = g_rand_int_range(g, 0, n);
    for (int tries = 0; tries < 20 && g_rand_int_range(g, 0, 8) != 0; tries++) {
        if (*(const bool *)((const char *)alive + (size_t)i * stride))
            break;
        i = g_rand_int_range(g, 0, n);
    }
    return i;
}

#define RND_NODE(g, n) rnd_row((g), (n)->n_nodes, &(n)->nodes[0].alive, sizeof(m_node))
#define RND_LINK(g, n) rnd_row((g), (n)->n_links, &(n)->links[0].alive, sizeof(m_link))
#define RND_TRANSFER(g, n) \
    rnd_row((g), (n)->n_transfers, &(n)->transfers[0].alive, sizeof(m_transfer))
#define RND_SERVICE(g, n) rnd_row((g), (n)->n_services, &(n)->services[0].alive, sizeof(m_service))

/* The mode of a row the rule selects (a link's, a node's or a transfer's,
 * a service's link's), or `other`. */
static fr_mode fitting_mode(GRand *g, const m_net *n, const m_rule *r, fr_mode other)
{
    fr_mode found[MAX_LINKS + 2 * MAX_TRANSFERS];
    int k = 0;
    if (r->kind == S_MODE)
        return r->sel_mode;
    for (int i = 0; i < n->n_links; i++) {
        const m_link *l = &n->links[i];
        if ((r->kind == S_LINK && !strcmp(l->id, r->arg)) ||
            ((r->kind == S_NODE || r->kind == S_TRANSFER) &&
             (!strcmp(n->nodes[l->from].id, r->arg) || !strcmp(n->nodes[l->to].id, r->arg))))
            found[k++] = l->mode;
    }
    for (int i = 0; r->kind == S_TRANSFER && i < n->n_transfers; i++)
        if (!strcmp(n->nodes[n->transfers[i].node].id, r->arg)) {
            found[k++] = n->transfers[i].from_mode;
            found[k++] = n->transfers[i].to_mode;
        }
    for (int i = 0; r->kind == S_SERVICE && i < n->n_services; i++)
        if (!strcmp(n->services[i].id, r->arg))
            found[k++] = n->links[n->services[i].link].mode;
    return k ? found[g_rand_int_range(g, 0, k)] : other;
}

/* A random rule for n as the earlier rules left it (mostly aimed at live
 * rows; rules after a close often aim at closed ones). */
static void rnd_rule(GRand *g, const m_net *n, m_rule *r)
{
    memset(r, 0, sizeof *r);
    static const s_kind weighted[] = {S_ALL,      S_LINK,     S_LINK,     S_LINK,    S_NODE,
                                      S_NODE,     S_NODE,     S_MODE,     S_MODE,    S_CORRIDOR,
                                      S_CORRIDOR, S_COUNTRY,  S_COUNTRY,  S_COUNTRY, S_TRANSFER,
                                      S_TRANSFER, S_SERVICE,  S_SERVICE};
    r->kind = weighted[g_rand_int_range(g, 0, G_N_ELEMENTS(weighted))];
    if (r->kind == S_SERVICE && !n->has_services && g_rand_int_range(g, 0, 4) != 0)
        r->kind = S_LINK;
    bool stray = g_rand_int_range(g, 0, 30) == 0; /* an argument matching nothing */
    switch (r->kind) {
    case S_ALL: break;
    case S_LINK:
        g_strlcpy(r->arg, stray ? "L99" : n->links[RND_LINK(g, n)].id,
                  sizeof r->arg);
        break;
    case S_NODE:
        g_strlcpy(r->arg, stray ? "N99" : n->nodes[RND_NODE(g, n)].id,
                  sizeof r->arg);
        break;
    case S_MODE:
        r->sel_mode = rnd_used_mode(g, n);
        g_strlcpy(r->arg, mode_names[r->sel_mode], sizeof r->arg);
        break;
    case S_CORRIDOR: {
        int c;
        do
            c = g_rand_int_range(g, 1, 4);
        while (!n->corridor_used[c] && g_rand_int_range(g, 0, 5) != 0);
        g_strlcpy(r->arg, stray ? "Ghost" : corridors[c], sizeof r->arg);
        break;
    }
    case S_COUNTRY: {
        int c;
        do
            c = g_rand_int_range(g, 0, 4);
        while (!n->country_used[c] && g_rand_int_range(g, 0, 5) != 0);
        g_strlcpy(r->arg, stray ? "ZZ" : countries[c], sizeof r->arg);
        break;
    }
    case S_TRANSFER:
        if (n->n_transfers > 0 && !stray && g_rand_int_range(g, 0, 8) != 0)
            g_strlcpy(r->arg, n->nodes[n->transfers[RND_TRANSFER(g, n)].node].id,
                      sizeof r->arg);
        else
            g_strlcpy(r->arg, n->nodes[g_rand_int_range(g, 0, n->n_nodes)].id, sizeof r->arg);
        break;
    case S_SERVICE:
        if (n->n_services > 0 && !stray)
            g_strlcpy(r->arg, n->services[RND_SERVICE(g, n)].id,
                      sizeof r->arg);
        else
            g_strlcpy(r->arg, "S9", sizeof r->arg);
        break;
    }
    if (g_rand_int_range(g, 0, 4) == 0) {
        r->amp = true;
        r->amp_mode = rnd_used_mode(g, n);
        if (g_rand_int_range(g, 0, 10) < 7) /* a mode that fits the selected rows */
            r->amp_mode = fitting_mode(g, n, r, r->amp_mode);
    }
    int p = g_rand_int_range(g, 0, 100);
    r->op = p < 20 ? OP_CLOSE : p < 48 ? OP_SCALE : p < 74 ? OP_ADD : OP_SET;
    if (r->op == OP_CLOSE)
        return;
    /* a field that fits the selector most of the time */
    if (g_rand_int_range(g, 0, 12) == 0)
        r->field = g_rand_int_range(g, F_COST, F_DWELL_USD + 1);
    else if (r->kind == S_NODE)
        r->field = g_rand_boolean(g) ? F_DWELL_H : F_DWELL_USD;
    else if (r->kind == S_ALL || r->kind == S_COUNTRY)
        r->field = g_rand_int_range(g, F_COST, F_DWELL_USD + 1);
    else
        r->field = g_rand_int_range(g, F_COST, F_CO2 + 1);
    int q = g_rand_int_range(g, 0, 100);
    switch (r->op) {
    case OP_SCALE: {
        static const double v[] = {0.5, 1.5, 2, 1.1, 0.9, 3, 0.25, 1.07};
        r->value = q < 7 ? 0 : q < 12 ? -1 : v[g_rand_int_range(g, 0, G_N_ELEMENTS(v))];
        break;
    }
    case OP_ADD: {
        static const double v[] = {5, 12.5, 0.25, 100, 1.01, 0};
        r->value = q < 10 ? -0.5 : q < 15 ? -10000 : v[g_rand_int_range(g, 0, G_N_ELEMENTS(v))];
        break;
    }
    default: {
        static const double v[] = {1, 24, 300, 0.5, 42.42};
        r->value = q < 12 ? 0 : v[g_rand_int_range(g, 0, G_N_ELEMENTS(v))];
        break;
    }
    }
}

static void rule_select_text(const m_rule *r, char *buf, size_t size)
{
    static const char *const prefix[] = {"all",      "link:",    "node:",     "mode:",
                                         "corridor:", "country:", "transfer:", "service:"};
    g_snprintf(buf, size, "%s%s%s%s", prefix[r->kind], r->kind == S_ALL ? "" : r->arg,
               r->amp ? "&mode:" : "", r->amp ? mode_names[r->amp_mode] : "");
}

/* The scenario file's text: the columns in a random order, sometimes with
 * a source column. Rule k is on line k + 2. */
static char *scenario_csv(GRand *g, const m_rule *rules, int n_rules)
{
    int order[5] = {0, 1, 2, 3, 4};
    int n_cols = g_rand_boolean(g) ? 5 : 4;
    for (int i = n_cols - 1; i > 0; i--) {
        int j = g_rand_int_range(g, 0, i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    static const char *const header[] = {"select", "field", "op", "value", "source"};
    GString *s = g_string_new(NULL);
    for (int c = 0; c < n_cols; c++)
        g_string_append_printf(s, "%s%s", c ? "," : "", header[order[c]]);
    g_string_append_c(s, '\n');
    for (int k = 0; k < n_rules; k++) {
        const m_rule *r = &rules[k];
        for (int c = 0; c < n_cols; c++) {
            char cell[64] = "";
            switch (order[c]) {
            case 0: rule_select_text(r, cell, sizeof cell); break;
            case 1: g_strlcpy(cell, field_names[r->field], sizeof cell); break;
            case 2: g_strlcpy(cell, op_names[r->op], sizeof cell); break;
            case 3:
                if (r->op != OP_CLOSE)
                    g_snprintf(cell, sizeof cell, "%.17g", r->value);
                break;
            case 4: g_strlcpy(cell, k % 2 ? "\"estimate, 2021\"" : "press", sizeof cell); break;
            }
            g_string_append_printf(s, "%s%s", c ? "," : "", cell);
        }
        g_string_append_c(s, '\n');
    }
    return g_string_free(s, FALSE);
}

/* ---- the independent application ------------------------------------------------------ */

static bool node_has_live_mode(const m_net *n, int v, fr_mode m)
{
    for (int i = 0; i < n->n_links; i++) {
        const m_link *l = &n->links[i];
        if (l->alive && l->mode == m && (l->from == v || l->to == v))
            return true;
    }
    return false;
}

/* One figure changed by the rule; false when the result is below zero or a
 * link time of 0. */
static bool new_figure(const m_rule *r, double *x, bool link_time)
{
    double v = r->op == OP_SCALE ? *x * r->value : r->op == OP_ADD ? *x + r->value : r->value;
    if (v < 0 || (link_time && v == 0))
        return false;
    *x = v;
    return true;
}

/* Applies the rules in order to n; on an error, *bad = the rule's index. */
static outcome model_apply(m_net *n, const m_rule *rules, int n_rules, int *bad)
{
    for (int k = 0; k < n_rules; k++) {
        const m_rule *r = &rules[k];
        *bad = k;
        bool sn[MAX_NODES] = {0}, sl[MAX_LINKS] = {0}, st[MAX_TRANSFERS] = {0},
             ss[MAX_SERVICES] = {0};
        int count = 0;
        for (int i = 0; i < n->n_nodes; i++) {
            const m_node *v = &n->nodes[i];
            if (!v->alive)
                continue;
            sn[i] = r->kind == S_ALL || (r->kind == S_NODE && !strcmp(v->id, r->arg)) ||
                    (r->kind == S_COUNTRY && !strcmp(countries[v->country], r->arg));
            if (sn[i] && r->amp)
                sn[i] = node_has_live_mode(n, i, r->amp_mode);
            count += sn[i];
        }
        for (int i = 0; i < n->n_links; i++) {
            const m_link *l = &n->links[i];
            if (!l->alive || (r->amp && l->mode != r->amp_mode))
                continue;
            sl[i] = r->kind == S_ALL || (r->kind == S_LINK && !strcmp(l->id, r->arg)) ||
                    (r->kind == S_MODE && l->mode == r->sel_mode) ||
                    (r->kind == S_CORRIDOR && !strcmp(corridors[l->corridor], r->arg)) ||
                    (r->kind == S_COUNTRY &&
                     (!strcmp(countries[n->nodes[l->from].country], r->arg) ||
                      !strcmp(countries[n->nodes[l->to].country], r->arg)));
            count += sl[i];
        }
        for (int i = 0; i < n->n_transfers; i++) {
            const m_transfer *t = &n->transfers[i];
            if (!t->alive ||
                (r->amp && t->from_mode != r->amp_mode && t->to_mode != r->amp_mode))
                continue;
            st[i] = r->kind == S_ALL ||
                    (r->kind == S_TRANSFER && !strcmp(n->nodes[t->node].id, r->arg));
            count += st[i];
        }
        for (int i = 0; i < n->n_services; i++) {
            const m_service *s = &n->services[i];
            if (!s->alive || (r->amp && n->links[s->link].mode != r->amp_mode))
                continue;
            ss[i] = r->kind == S_ALL || (r->kind == S_SERVICE && !strcmp(s->id, r->arg));
            count += ss[i];
        }
        if (count == 0)
            return OUT_NOTHING;
        if (r->op == OP_CLOSE) {
            for (int i = 0; i < n->n_nodes; i++)
                if (sn[i])
                    n->nodes[i].alive = false;
            for (int i = 0; i < n->n_links; i++) {
                m_link *l = &n->links[i];
                if (sl[i] || !n->nodes[l->from].alive || !n->nodes[l->to].alive)
                    l->alive = false;
            }
            for (int i = 0; i < n->n_transfers; i++)
                if (st[i] || !n->nodes[n->transfers[i].node].alive)
                    n->transfers[i].alive = false;
            for (int i = 0; i < n->n_services; i++)
                if (ss[i] || !n->links[n->services[i].link].alive)
                    n->services[i].alive = false;
            continue;
        }
        int changed = 0;
        if (r->field == F_DWELL_H || r->field == F_DWELL_USD) {
            for (int i = 0; i < n->n_nodes; i++) {
                if (!sn[i])
                    continue;
                m_node *v = &n->nodes[i];
                if (!new_figure(r, r->field == F_DWELL_H ? &v->dwell_h : &v->dwell_usd, false))
                    return OUT_BAD;
                changed++;
            }
        } else {
            for (int i = 0; i < n->n_links; i++) {
                if (!sl[i])
                    continue;
                m_link *l = &n->links[i];
                double *x = r->field == F_COST ? &l->cost : r->field == F_TIME ? &l->time : &l->co2;
                if (!new_figure(r, x, r->field == F_TIME))
                    return OUT_BAD;
                changed++;
            }
            for (int i = 0; i < n->n_transfers; i++) {
                if (!st[i])
                    continue;
                m_transfer *t = &n->transfers[i];
                double *x = r->field == F_COST ? &t->cost : r->field == F_TIME ? &t->time : &t->co2;
                if (!new_figure(r, x, false))
                    return OUT_BAD;
                changed++;
            }
        }
        if (changed == 0)
            return OUT_NOFIELD;
    }
    return OUT_OK;
}

/* ---- answers ------------------------------------------------------------------------ */

typedef struct {
    int code; /* -1: a route */
    double cost, time, co2, dist, obj;
} answer;

static void answer_of(const fr_network *net, const char *from, const char *to, fr_objective o,
                      answer *a)
{
    fr_query *q = fr_query_new(from, to);
    fr_query_set_objective(q, o);
    fr_query_set_value_of_time(q, 7.5);
    fr_query_set_carbon_price(q, 0.05);
    GError *err = NULL;
    fr_route *r = fr_network_route(net, q, &err);
    memset(a, 0, sizeof *a);
    if (r) {
        a->code = -1;
        a->cost = fr_route_total_cost_usd(r);
        a->time = fr_route_total_time_h(r);
        a->co2 = fr_route_total_co2_kg(r);
        a->dist = fr_route_total_distance_km(r);
        a->obj = fr_route_objective_value(r);
        fr_route_free(r);
    } else {
        a->code = err && err->domain == FR_ERROR ? err->code : 1000;
        g_clear_error(&err);
    }
    fr_query_free(q);
}

static bool answers_equal(const answer *a, const answer *b)
{
    if (a->code != b->code)
        return false;
    return a->code != -1 ||
           (close_rel(a->cost, b->cost, 1e-9) && close_rel(a->time, b->time, 1e-9) &&
            close_rel(a->co2, b->co2, 1e-9) && close_rel(a->dist, b->dist, 1e-9) &&
            close_rel(a->obj, b->obj, 1e-9));
}

static void describe_answer(const answer *a, char *buf, size_t size)
{
    if (a->code == -1)
        g_snprintf(buf, size, "cost %.10g time %.10g co2 %.10g dist %.10g obj %.10g", a->cost,
                   a->time, a->co2, a->dist, a->obj);
    else
        g_snprintf(buf, size, "error code %d", a->code);
}

/* Distinct node pairs among the live nodes of n (ids). */
static int pick_pairs(GRand *g, const m_net *n, int want, int pairs[][2])
{
    int live[MAX_NODES], k = 0;
    for (int i = 0; i < n->n_nodes; i++)
        if (n->nodes[i].alive)
            live[k++] = i;
    if (k < 2)
        return 0;
    for (int p = 0; p < want; p++) {
        pairs[p][0] = live[g_rand_int_range(g, 0, k)];
        do
            pairs[p][1] = live[g_rand_int_range(g, 0, k)];
        while (pairs[p][1] == pairs[p][0]);
    }
    return want;
}

/* ---- comparing networks --------------------------------------------------------------- */

static void compare_with_model(const fr_network *net, const m_net *n, const char *what)
{
    size_t nn = 0, nl = 0;
    for (int i = 0; i < n->n_nodes; i++)
        nn += n->nodes[i].alive;
    for (int i = 0; i < n->n_links; i++)
        nl += n->links[i].alive;
    CHECK(fr_network_node_count(net) == nn, "%s: %zu nodes, expected %zu", what,
          fr_network_node_count(net), nn);
    CHECK(fr_network_link_count(net) == nl, "%s: %zu links, expected %zu", what,
          fr_network_link_count(net), nl);
    size_t k = 0;
    for (int i = 0; i < n->n_nodes; i++) {
        const m_node *v = &n->nodes[i];
        if (!v->alive)
            continue;
        fr_node_info info;
        CHECK(fr_network_node(net, k, &info), "%s: node %zu missing", what, k);
        CHECK(!strcmp(info.id, v->id), "%s: node %zu is '%s', expected '%s'", what, k, info.id,
              v->id);
        CHECK(!strcmp(info.country, countries[v->country]) && info.lat == v->lat &&
                  info.lon == v->lon && info.kind == (fr_node_kind)v->kind,
              "%s: node '%s' changed its country, place or kind", what, v->id);
        CHECK(info.dwell_h == v->dwell_h && info.dwell_usd == v->dwell_usd,
              "%s: node '%s' dwell %.17g h %.17g USD, expected %.17g h %.17g USD", what, v->id,
              info.dwell_h, info.dwell_usd, v->dwell_h, v->dwell_usd);
        CHECK(fr_network_find_node(net, v->id) == (long)k, "%s: find_node('%s') = %ld, not %zu",
              what, v->id, fr_network_find_node(net, v->id), k);
        k++;
    }
    for (int i = 0; i < n->n_nodes; i++)
        if (!n->nodes[i].alive)
            CHECK(fr_network_find_node(net, n->nodes[i].id) == -1,
                  "%s: closed node '%s' still found", what, n->nodes[i].id);
    k = 0;
    for (int i = 0; i < n->n_links; i++) {
        const m_link *l = &n->links[i];
        if (!l->alive)
            continue;
        fr_link_info info;
        CHECK(fr_network_link(net, k, &info), "%s: link %zu missing", what, k);
        CHECK(!strcmp(info.id, l->id), "%s: link %zu is '%s', expected '%s'", what, k, info.id,
              l->id);
        CHECK(info.cost_usd == l->cost && info.time_h == l->time && info.co2_kg == l->co2 &&
                  info.distance_km == l->dist,
              "%s: link '%s' cost %.17g time %.17g co2 %.17g dist %.17g, expected %.17g %.17g "
              "%.17g %.17g",
              what, l->id, info.cost_usd, info.time_h, info.co2_kg, info.distance_km, l->cost,
              l->time, l->co2, l->dist);
        CHECK(!strcmp(info.from, n->nodes[l->from].id) && !strcmp(info.to, n->nodes[l->to].id) &&
                  !strcmp(info.corridor, corridors[l->corridor]) && info.mode == l->mode &&
                  info.bidirectional == l->bidir,
              "%s: link '%s' %s->%s mode %d corridor '%s', expected %s->%s mode %d corridor '%s'",
              what, l->id, info.from, info.to, info.mode, info.corridor, n->nodes[l->from].id,
              n->nodes[l->to].id, l->mode, corridors[l->corridor]);
        k++;
    }
}

/* ---- 1 and 2: random networks and scenarios ------------------------------------------- */

static struct {
    int cases, ok, close_then_more, nothing, nofield, bad, closes, rules, routes, no_route, with_services,
        empty_result;
} stats;

static fr_network *load_dir_ok(const char *dir, const char *what)
{
    GError *err = NULL;
    fr_network *net = fr_network_load_dir(dir, &err);
    CHECK(net, "%s does not load: %s", what, err ? err->message : "?");
    return net;
}

static void run_case(guint32 seed)
{
    cur.seed = seed;
    m_net base;
    generate(&base, seed);
    GRand *g = g_rand_new_with_seed(seed ^ 0x5ca1ab1e);
    char *dir = make_tmp_dir();
    write_model(dir, &base, false, true);
    fr_network *net = load_dir_ok(dir, "the base network");
    compare_with_model(net, &base, "base");

    int n_rules = g_rand_int_range(g, 1, MAX_RULES + 1);
    m_rule rules[MAX_RULES];
    m_net scratch = base; /* the rules so far, to aim the next one */
    for (int k = 0; k < n_rules; k++) {
        rnd_rule(g, &scratch, &rules[k]);
        int ignored;
        model_apply(&scratch, &rules[k], 1, &ignored);
        stats.closes += rules[k].op == OP_CLOSE;
    }
    stats.rules += n_rules;
    cur.scenario = scenario_csv(g, rules, n_rules);
    char *file = g_strdup_printf("scen_%u.csv", seed);
    char *path = g_build_filename(dir, file, NULL);
    CHECK(g_file_set_contents(path, cur.scenario, -1, NULL), "cannot write %s", path);

    /* the base's answers before */
    int base_pairs[N_BASE_PAIRS][2];
    int n_base_pairs = pick_pairs(g, &base, N_BASE_PAIRS, base_pairs);
    answer before[N_BASE_PAIRS][FR_OBJECTIVE_COUNT];
    for (int p = 0; p < n_base_pairs; p++)
        for (int o = 0; o < FR_OBJECTIVE_COUNT; o++)
            answer_of(net, base.nodes[base_pairs[p][0]].id, base.nodes[base_pairs[p][1]].id,
                      (fr_objective)o, &before[p][o]);

    GError *err = NULL;
    fr_scenario *sc = fr_scenario_load_file(path, &err);
    CHECK(sc, "scenario does not load: %s", err ? err->message : "?");
    char *name = g_strdup_printf("scen_%u", seed);
    CHECK(!strcmp(fr_scenario_name(sc), name), "scenario name '%s'", fr_scenario_name(sc));
    g_free(name);
    fr_network *derived = fr_network_apply_scenario(net, sc, &err);
    fr_scenario_free(sc);

    m_net expect = base;
    int bad = -1;
    outcome out = model_apply(&expect, rules, n_rules, &bad);
    stats.cases++;

    /* 2: the base is unchanged, whatever happened */
    compare_with_model(net, &base, "base after the scenario");
    for (int p = 0; p < n_base_pairs; p++)
        for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
            answer a;
            answer_of(net, base.nodes[base_pairs[p][0]].id, base.nodes[base_pairs[p][1]].id,
                      (fr_objective)o, &a);
            char x[200], y[200];
            describe_answer(&a, x, sizeof x);
            describe_answer(&before[p][o], y, sizeof y);
            CHECK(answers_equal(&a, &before[p][o]),
                  "base %s->%s %s after the scenario: %s, before: %s",
                  base.nodes[base_pairs[p][0]].id, base.nodes[base_pairs[p][1]].id,
                  fr_objective_name((fr_objective)o), x, y);
        }
    fr_network_free(net); /* before the scenario network is used */

    if (out != OUT_OK) {
        char *prefix = g_strdup_printf("%s:%d:", file, bad + 2);
        static const char *const why[] = {"", "matches nothing", "changes nothing with the field",
                                          "makes a figure invalid"};
        CHECK(!derived, "the library applied the scenario; expected an error at %s (rule %d %s)",
              prefix, bad + 1, why[out]);
        CHECK(err->domain == FR_ERROR && err->code == FR_ERROR_INVALID,
              "error code %d (%s), expected FR_ERROR_INVALID", err->code, err->message);
        CHECK(g_str_has_prefix(err->message, prefix), "error '%s', expected it to start with '%s' (%s)",
              err->message, prefix, why[out]);
        if (out == OUT_NOTHING)
            CHECK(strstr(err->message, "matches nothing"), "error '%s' does not say 'matches nothing'",
                  err->message);
        stats.nothing += out == OUT_NOTHING;
        stats.nofield += out == OUT_NOFIELD;
        stats.bad += out == OUT_BAD;
        g_free(prefix);
        g_clear_error(&err);
    } else {
        CHECK(derived, "the library fails: %s; expected the scenario to apply",
              err ? err->message : "?");
        stats.ok++;
        for (int k = 0; k + 1 < n_rules; k++)
            if (rules[k].op == OP_CLOSE) {
                stats.close_then_more++;
                break;
            }
        stats.with_services += base.has_services;
        compare_with_model(derived, &expect, "scenario network");
        int pairs[N_PAIRS][2];
        int n_pairs = pick_pairs(g, &expect, N_PAIRS, pairs);
        size_t live_links = fr_network_link_count(derived);
        if (fr_network_node_count(derived) == 0 || live_links == 0)
            stats.empty_result++;
        if (n_pairs > 0) {
            /* expected: the model's rows as a network of their own */
            char *dir2 = make_tmp_dir();
            write_model(dir2, &expect, true, false);
            fr_network *mine = load_dir_ok(dir2, "the expected network");
            compare_with_model(mine, &expect, "expected network");
            for (int p = 0; p < n_pairs; p++)
                for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
                    const char *a_id = expect.nodes[pairs[p][0]].id,
                               *b_id = expect.nodes[pairs[p][1]].id;
                    answer got, want;
                    answer_of(derived, a_id, b_id, (fr_objective)o, &got);
                    answer_of(mine, a_id, b_id, (fr_objective)o, &want);
                    char x[200], y[200];
                    describe_answer(&got, x, sizeof x);
                    describe_answer(&want, y, sizeof y);
                    CHECK(answers_equal(&got, &want), "%s->%s %s: scenario network %s, expected %s",
                          a_id, b_id, fr_objective_name((fr_objective)o), x, y);
                    stats.routes++;
                    stats.no_route += got.code != -1;
                }
            fr_network_free(mine);
            remove_dir(dir2);
            g_free(dir2);
        }
        fr_network_free(derived);
    }
    remove_dir(dir);
    g_free(dir);
    g_free(path);
    g_free(file);
    g_rand_free(g);
    cur_clear();
}

static void test_random_scenarios(void **state)
{
    (void)state;
    memset(&stats, 0, sizeof stats);
    gint64 t0 = g_get_monotonic_time();
    for (guint32 seed = 1; seed <= 1500; seed++)
        run_case(seed);
    printf("# %d scenarios (%d rules, %d closes): %d applied (%d with a close before "
           "other rules, %d with services, %d left no node or link), %d errors (%d matching nothing, %d changing no row with the field, "
           "%d invalid figures); %d route comparisons (%d without a route); %.1f s\n",
           stats.cases, stats.rules, stats.closes, stats.ok, stats.close_then_more, stats.with_services,
           stats.empty_result, stats.nothing + stats.nofield + stats.bad, stats.nothing,
           stats.nofield, stats.bad, stats.routes, stats.no_route,
           (g_get_monotonic_time() - t0) / 1e6);
    /* the generator must reach every outcome often */
    assert_true(stats.ok >= 150);
    assert_true(stats.nothing >= 30 && stats.nofield >= 20 && stats.bad >= 30);
}

/* ---- 1: hand-written cases (the stated choices, on a fixed network) -------------------- */

static const char *hand_nodes =
    "id,name,kind,country,lat,lon,dwell_h,dwell_usd\n"
    "A,A,city,CN,30,100,1,10\n"
    "B,B,border,KZ,45,80,5,50\n"
    "C,C,rail_terminal,KZ,50,70,0,0\n"
    "D,D,city,PL,52,20,2,20\n";
static const char *hand_links =
    "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,bidirectional,corridor\n"
    "AB,A,B,rail,1000,20,1000,100,1,Yuxinou\n"
    "AB2,A,B,road,1100,30,1500,300,1,\n"
    "BC,B,C,rail,500,10,400,50,1,Yuxinou\n"
    "CD,C,D,rail,3000,60,2000,300,1,Yuxinou\n"
    "BD,B,D,road,3500,80,4000,900,1,\n";
static const char *hand_transfers =
    "node,from_mode,to_mode,time_h,cost_usd\n"
    "B,road,rail,4,100\n"
    "B,rail,road,4,100\n";

static fr_network *hand_apply(const char *scenario, GError **err)
{
    char *dir = make_tmp_dir();
    write_network(dir, hand_nodes, hand_links, hand_transfers, NULL);
    write_file_bytes(dir, "hand.csv", scenario, strlen(scenario));
    fr_network *base = load_dir_ok(dir, "the hand network");
    char *path = g_build_filename(dir, "hand.csv", NULL);
    fr_scenario *sc = fr_scenario_load_file(path, err);
    fr_network *out = sc ? fr_network_apply_scenario(base, sc, err) : NULL;
    fr_scenario_free(sc);
    fr_network_free(base);
    remove_dir(dir);
    g_free(dir);
    g_free(path);
    return out;
}

static double hand_route_time(const fr_network *net, const char *from, const char *to)
{
    answer a;
    answer_of(net, from, to, FR_OBJECTIVE_TIME, &a);
    return a.code == -1 ? a.time : -1;
}

/* The scenario's copy of the model still names reverse directions and
 * corridors: D -> A by time runs CD, BC and AB backwards on Yuxinou. */
static void expect_reverse_steps(const fr_network *n)
{
    fr_query *q = fr_query_new("D", "A");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_route *r = fr_network_route(n, q, NULL);
    fr_query_free(q);
    assert_non_null(r);
    const char *expected[] = {"CD:rev", "BC:rev", "AB:rev"};
    size_t found = 0;
    for (size_t i = 0; i < fr_route_step_count(r); i++) {
        const fr_step *step = fr_route_step(r, i);
        if (step->type != FR_STEP_LINK)
            continue;
        assert_true(found < G_N_ELEMENTS(expected));
        assert_string_equal(step->link_id, expected[found++]);
        assert_string_equal(step->corridor, "Yuxinou");
    }
    assert_int_equal(found, G_N_ELEMENTS(expected));
    fr_route_free(r);
}

static void test_hand_cases(void **state)
{
    (void)state;
    GError *err = NULL;
    cur.seed = 0;
    /* country:KZ&mode:road closes the road links touching KZ and the KZ nodes with a
     * road link: B (and with it all its links); C has only rail links and stays */
    fr_network *n = hand_apply("select,field,op,value\ncountry:KZ&mode:road,,close,\n", &err);
    assert_non_null(n);
    assert_int_equal(fr_network_node_count(n), 3); /* B closed: it has a road link */
    assert_int_equal(fr_network_link_count(n), 1);  /* only CD */
    fr_network_free(n);
    /* mode:rail&mode:road: the links of mode rail that are of mode road, none: an error */
    n = hand_apply("select,field,op,value\nlink:AB,cost_usd,add,1\nmode:rail&mode:road,cost_usd,"
                   "scale,2\n",
                   &err);
    assert_null(n);
    check_error(err, FR_ERROR_INVALID, "hand.csv:3:", "matches nothing");
    g_clear_error(&err);
    /* a closed link is gone for later rules */
    n = hand_apply("select,field,op,value\nlink:AB,,close,\nlink:AB,time_h,scale,2\n", &err);
    assert_null(n);
    check_error(err, FR_ERROR_INVALID, "hand.csv:3:", "matches nothing");
    g_clear_error(&err);
    /* a closed node takes its links: BC is gone after node:C closes */
    n = hand_apply("select,field,op,value\nnode:C,,close,\nlink:BC,time_h,scale,2\n", &err);
    assert_null(n);
    check_error(err, FR_ERROR_INVALID, "hand.csv:3:", "matches nothing");
    g_clear_error(&err);
    /* ... and its transfers */
    n = hand_apply("select,field,op,value\nnode:B,,close,\ntransfer:B,time_h,add,1\n", &err);
    assert_null(n);
    check_error(err, FR_ERROR_INVALID, "hand.csv:3:", "matches nothing");
    g_clear_error(&err);
    /* a field no selected row has */
    n = hand_apply("select,field,op,value\nnode:A,cost_usd,scale,2\n", &err);
    assert_null(n);
    check_error(err, FR_ERROR_INVALID, "hand.csv:2:", NULL);
    g_clear_error(&err);
    /* link time 0; transfer time 0 is fine */
    n = hand_apply("select,field,op,value\ntransfer:B,time_h,set,0\ncorridor:Yuxinou,time_h,"
                   "scale,0\n",
                   &err);
    assert_null(n);
    check_error(err, FR_ERROR_INVALID, "hand.csv:3:", NULL);
    g_clear_error(&err);
    n = hand_apply("select,field,op,value\ntransfer:B,time_h,set,0\n", &err);
    assert_non_null(n);
    fr_network_free(n);
    /* below zero */
    n = hand_apply("select,field,op,value\nall,dwell_usd,add,-10\n", &err);
    assert_null(n);
    check_error(err, FR_ERROR_INVALID, "hand.csv:2:", NULL);
    g_clear_error(&err);
    /* a corridor's time x1.1: A->D by rail 1.1 (20+10+60) + dwell 5 at B, 0 at C (the road,
     * 30+5+80, stays slower) */
    n = hand_apply("select,field,op,value\ncorridor:Yuxinou,time_h,scale,1.1\n", &err);
    assert_non_null(n);
    assert_close(hand_route_time(n, "A", "D"), 1.1 * 20 + 5 + 1.1 * 10 + 0 + 1.1 * 60);
    expect_reverse_steps(n);
    fr_network_free(n);
    /* the border closed for rail: A->D goes by road through B */
    n = hand_apply("select,field,op,value\nlink:BC,,close,\n", &err);
    assert_non_null(n);
    assert_close(hand_route_time(n, "A", "D"), 20 + 5 + 4 + 80);
    fr_network_free(n);
}

/* ---- 3: parse errors ------------------------------------------------------------------ */

static void expect_parse_error(const char *text, int line, const char *also)
{
    char *dir = make_tmp_dir();
    write_file_bytes(dir, "bad_rules.csv", text, strlen(text));
    char *path = g_build_filename(dir, "bad_rules.csv", NULL);
    GError *err = NULL;
    fr_scenario *sc = fr_scenario_load_file(path, &err);
    if (sc)
        fail_msg("scenario loaded, expected an error at line %d:\n%s", line, text);
    char *prefix = g_strdup_printf("bad_rules.csv:%d:", line);
    if (!err || err->domain != FR_ERROR || err->code != FR_ERROR_INVALID ||
        !g_str_has_prefix(err->message, prefix) || (also && !strstr(err->message, also)))
        fail_msg("scenario\n%s\nerror '%s' (code %d), expected FR_ERROR_INVALID starting '%s'%s%s",
                 text, err ? err->message : "(none)", err ? err->code : -1, prefix,
                 also ? " and naming " : "", also ? also : "");
    g_clear_error(&err);
    g_free(prefix);
    remove_dir(dir);
    g_free(dir);
    g_free(path);
}

static void test_parse_errors(void **state)
{
    (void)state;
    static const struct {
        const char *bad_row; /* on line 3 after a valid rule */
        const char *also;
    } rows[] = {
        {"port:CNCKG,cost_usd,scale,2", "port:CNCKG"},      /* unknown selector */
        {"links:L1,cost_usd,scale,2", "links:L1"},          /* unknown selector */
        {"ALL,cost_usd,scale,2", "ALL"},                    /* case matters */
        {"node:,cost_usd,scale,2", NULL},                   /* no id */
        {"country:kz,cost_usd,scale,2", "kz"},              /* bad country code */
        {"country:KAZ,time_h,add,1", "KAZ"},
        {"country:K,time_h,add,1", NULL},
        {"country:K1,time_h,add,1", NULL},
        {"mode:ship,cost_usd,scale,2", "ship"},             /* unknown mode */
        {"mode:Rail,cost_usd,scale,2", "Rail"},
        {"country:KZ&mode:boat,cost_usd,scale,2", "boat"},  /* unknown &mode */
        {"link:L1&mode:,cost_usd,scale,2", NULL},
        {"link:L1&mod:rail,cost_usd,scale,2", NULL},
        {"all,cost_usd,multiply,2", "multiply"},            /* unknown op */
        {"all,cost_usd,,2", NULL},                          /* no op */
        {"all,,scale,2", NULL},                             /* scale without a field */
        {"all,,add,2", NULL},
        {"all,,set,2", NULL},
        {"all,distance_km,scale,2", "distance_km"},         /* not a field of the list */
        {"all,cost,scale,2", NULL},
        {"all,cost_usd,scale,", NULL},                      /* value missing */
        {"all,cost_usd,set,", NULL},
        {"all,cost_usd,scale,NaN", NULL},                   /* value not a number */
        {"all,cost_usd,add,nan", NULL},
        {"all,cost_usd,scale,inf", NULL},
        {"all,cost_usd,scale,2x", NULL},
        {"link:L1,cost_usd,close,", NULL},                  /* close with a field */
        {"link:L1,time_h,close,", NULL},
        {",cost_usd,scale,2", NULL},                        /* no selector */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        char *text = g_strdup_printf("select,field,op,value\nlink:L1,cost_usd,scale,1.5\n%s\n"
                                     "all,time_h,add,1\n",
                                     rows[i].bad_row);
        expect_parse_error(text, 3, rows[i].also);
        g_free(text);
    }
    /* the line counts physical lines: a blank line and a quoted cell spanning two lines */
    expect_parse_error("select,field,op,value,source\nall,cost_usd,scale,2,\"two\nlines\"\n\n"
                       "mode:boat,cost_usd,scale,2,\n",
                       5, "boat");
    /* the first rule bad, columns in another order */
    expect_parse_error("op,value,select,field\nscale,2,mode:ship,cost_usd\n", 2, "ship");

    /* a file that does not exist */
    GError *err = NULL;
    char *dir = make_tmp_dir();
    char *path = g_build_filename(dir, "absent.csv", NULL);
    assert_null(fr_scenario_load_file(path, &err));
    check_error(err, FR_ERROR_IO, NULL, NULL);
    g_clear_error(&err);
    /* a valid file loads, named after its file */
    write_file_bytes(dir, "rate_spike.csv", "select,op,field,value\nall,scale,cost_usd,2\n",
                     strlen("select,op,field,value\nall,scale,cost_usd,2\n"));
    char *ok_path = g_build_filename(dir, "rate_spike.csv", NULL);
    fr_scenario *sc = fr_scenario_load_file(ok_path, &err);
    assert_non_null(sc);
    assert_string_equal(fr_scenario_name(sc), "rate_spike");
    fr_scenario_free(sc);
    remove_dir(dir);
    g_free(dir);
    g_free(path);
    g_free(ok_path);
}

/* ---- 4: threads ----------------------------------------------------------------------- */

#define T_SCEN 8
#define T_THREADS 4
#define T_ROUNDS 3
#define T_PAIRS 12

typedef struct {
    const fr_network *base;
    char *paths[T_SCEN];
    bool ok[T_SCEN];
    char *message[T_SCEN];                             /* the error of a failing one */
    answer serial[T_SCEN][T_PAIRS][FR_OBJECTIVE_COUNT]; /* the serial run */
    char ids[T_PAIRS][2][8];
} t_shared;

typedef struct {
    t_shared *sh;
    int index;
    int mismatches;
    char first[400];
} t_worker;

/* Applies scenario j to the base and answers the queries; false when it
 * does not apply (*message set). */
static bool t_run(const t_shared *sh, int j, answer out[T_PAIRS][FR_OBJECTIVE_COUNT],
                  char **message)
{
    GError *err = NULL;
    fr_scenario *sc = fr_scenario_load_file(sh->paths[j], &err);
    fr_network *net = sc ? fr_network_apply_scenario(sh->base, sc, &err) : NULL;
    fr_scenario_free(sc);
    if (!net) {
        *message = g_strdup(err ? err->message : "?");
        g_clear_error(&err);
        return false;
    }
    for (int p = 0; p < T_PAIRS; p++)
        for (int o = 0; o < FR_OBJECTIVE_COUNT; o++)
            answer_of(net, sh->ids[p][0], sh->ids[p][1], (fr_objective)o, &out[p][o]);
    fr_network_free(net);
    *message = NULL;
    return true;
}

static gpointer t_main(gpointer data)
{
    t_worker *w = data;
    answer (*got)[FR_OBJECTIVE_COUNT] = g_malloc(sizeof(answer) * T_PAIRS * FR_OBJECTIVE_COUNT);
    for (int round = 0; round < T_ROUNDS; round++)
        for (int k = 0; k < T_SCEN; k++) {
            int j = (k + w->index * 3 + round) % T_SCEN;
            char *message = NULL;
            bool ok = t_run(w->sh, j, got, &message);
            bool same = ok == w->sh->ok[j];
            if (same && !ok)
                same = !strcmp(message, w->sh->message[j]);
            for (int p = 0; same && ok && p < T_PAIRS; p++)
                for (int o = 0; same && o < FR_OBJECTIVE_COUNT; o++)
                    same = answers_equal(&got[p][o], &w->sh->serial[j][p][o]);
            if (!same && w->mismatches++ == 0)
                g_snprintf(w->first, sizeof w->first, "thread %d, scenario %d: %s", w->index, j,
                           ok ? "answers differ from the serial run" : message);
            g_free(message);
        }
    g_free(got);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    guint32 seed = 4242;
    m_net base;
    /* a network with services and enough links */
    do
        generate(&base, ++seed);
    while (!base.has_services || base.n_links < 12 || base.n_nodes < 7);
    cur.seed = seed;
    char *dir = make_tmp_dir();
    write_model(dir, &base, false, true);
    fr_network *net = load_dir_ok(dir, "the threads' base network");
    t_shared *sh = g_new0(t_shared, 1);
    sh->base = net;
    GRand *g = g_rand_new_with_seed(seed);
    int pairs[T_PAIRS][2];
    pick_pairs(g, &base, T_PAIRS, pairs);
    for (int p = 0; p < T_PAIRS; p++)
        for (int e = 0; e < 2; e++)
            g_strlcpy(sh->ids[p][e], base.nodes[pairs[p][e]].id, sizeof sh->ids[p][e]);
    /* six scenarios that apply and two that fail */
    int n_ok = 0, n_fail = 0, j = 0;
    while (j < T_SCEN) {
        m_rule rules[MAX_RULES];
        int n_rules = g_rand_int_range(g, 1, 5);
        m_net copy = base;
        for (int k = 0; k < n_rules; k++) {
            rnd_rule(g, &copy, &rules[k]);
            int ignored;
            model_apply(&copy, &rules[k], 1, &ignored);
        }
        copy = base;
        int bad;
        bool ok = model_apply(&copy, rules, n_rules, &bad) == OUT_OK;
        if ((ok && n_ok == 6) || (!ok && n_fail == 2))
            continue;
        n_ok += ok;
        n_fail += !ok;
        char *text = scenario_csv(g, rules, n_rules);
        char *file = g_strdup_printf("threads_%d.csv", j);
        sh->paths[j] = g_build_filename(dir, file, NULL);
        write_file_bytes(dir, file, text, strlen(text));
        g_free(text);
        g_free(file);
        j++;
    }
    g_rand_free(g);
    for (j = 0; j < T_SCEN; j++)
        sh->ok[j] = t_run(sh, j, sh->serial[j], &sh->message[j]);
    int applied = 0;
    for (j = 0; j < T_SCEN; j++)
        applied += sh->ok[j];
    assert_int_equal(applied, 6);

    t_worker workers[T_THREADS];
    GThread *threads[T_THREADS];
    for (int t = 0; t < T_THREADS; t++) {
        workers[t] = (t_worker){.sh = sh, .index = t};
        threads[t] = g_thread_new("scenario", t_main, &workers[t]);
    }
    int mismatches = 0;
    for (int t = 0; t < T_THREADS; t++) {
        g_thread_join(threads[t]);
        if (workers[t].mismatches)
            fprintf(stderr, "%s\n", workers[t].first);
        mismatches += workers[t].mismatches;
    }
    assert_int_equal(mismatches, 0);
    /* the shared base still answers as its own model says */
    compare_with_model(net, &base, "threads' base after the runs");
    for (j = 0; j < T_SCEN; j++) {
        g_free(sh->paths[j]);
        g_free(sh->message[j]);
    }
    g_free(sh);
    fr_network_free(net);
    remove_dir(dir);
    g_free(dir);
    cur_clear();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_cases),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_random_scenarios),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
