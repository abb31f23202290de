/* randnet.c - seeded random networks and queries (see randnet.h). */
#include "randnet.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "helpers.h"

const char *const rn_corridor_names[3] = {"", "Yuxinou", "Southern"};
const char *const rn_countries[5] = {"CN", "KZ", "RU", "DE", "PL"};

/* The test's own names (FORMAT.md §1), not the library's. */
static const char *const mode_names[FR_MODE_COUNT] = {
    [FR_MODE_RAIL] = "rail", [FR_MODE_ROAD] = "road", [FR_MODE_RIVER] = "river",
    [FR_MODE_SEA] = "sea", [FR_MODE_AIR] = "air"};
static const char *const objective_names[FR_OBJECTIVE_COUNT] = {
    [FR_OBJECTIVE_COST] = "cost", [FR_OBJECTIVE_TIME] = "time",
    [FR_OBJECTIVE_CO2] = "co2", [FR_OBJECTIVE_DISTANCE] = "distance",
    [FR_OBJECTIVE_GENERALIZED] = "generalized"};

static const double default_factor[FR_MODE_COUNT] = {
    [FR_MODE_RAIL] = 0.22, [FR_MODE_ROAD] = 0.62, [FR_MODE_RIVER] = 0.31,
    [FR_MODE_SEA] = 0.08, [FR_MODE_AIR] = 6.02};

/* A value k/1000 with k uniform in [lo*1000, hi*1000]: printed with "%.3f"
 * it reads back as exactly the same double. */
static double rand_milli(GRand *rng, double lo, double hi)
{
    gint32 a = (gint32)(lo * 1000.0 + 0.5), b = (gint32)(hi * 1000.0 + 0.5);
    return g_rand_int_range(rng, a, b + 1) / 1000.0;
}

static double rand_int(GRand *rng, int lo, int hi)
{
    return (double)g_rand_int_range(rng, lo, hi + 1);
}

static bool chance(GRand *rng, double p)
{
    return g_rand_double(rng) < p;
}

/* at[v]: the modes of the links at node v (FR_MODE_BIT set). */
static void node_modes(const rn_net *net, unsigned at[RN_MAX_NODES])
{
    memset(at, 0, RN_MAX_NODES * sizeof *at);
    for (guint i = 0; i < net->links->len; i++) {
        const rn_link *l = &g_array_index(net->links, rn_link, i);
        at[l->from] |= FR_MODE_BIT(l->mode);
        at[l->to] |= FR_MODE_BIT(l->mode);
    }
}

rn_net *rn_generate(guint32 seed, int n_nodes, bool integer)
{
    g_assert(n_nodes >= 2 && n_nodes <= RN_MAX_NODES);
    GRand *rng = g_rand_new_with_seed(seed);
    rn_net *net = g_new0(rn_net, 1);
    net->integer = integer;
    net->n_nodes = n_nodes;
    net->links = g_array_new(FALSE, TRUE, sizeof(rn_link));
    net->transfers = g_array_new(FALSE, TRUE, sizeof(rn_transfer));

    /* the modes this network uses: 1 to 5 of them, mostly 2-3 */
    unsigned used = 0;
    while (used == 0)
        for (int m = 0; m < FR_MODE_COUNT; m++)
            if (chance(rng, 0.5))
                used |= FR_MODE_BIT(m);
    fr_mode used_list[FR_MODE_COUNT];
    int n_used = 0;
    for (int m = 0; m < FR_MODE_COUNT; m++)
        if (used & FR_MODE_BIT(m))
            used_list[n_used++] = (fr_mode)m;

    for (int m = 0; m < FR_MODE_COUNT; m++)
        net->factor[m] = default_factor[m];
    if (chance(rng, 0.3)) {
        net->has_modes_csv = true;
        for (int m = 0; m < FR_MODE_COUNT; m++)
            if (chance(rng, 0.5)) {
                net->factor_overridden[m] = true;
                net->factor[m] = rand_milli(rng, 0.01, 1.0);
            }
    }

    for (int i = 0; i < n_nodes; i++) {
        rn_node *n = &net->nodes[i];
        g_snprintf(n->id, sizeof n->id, "N%d", i);
        memcpy(n->country, rn_countries[g_rand_int_range(rng, 0, 5)], 3);
        n->lat = rand_milli(rng, -80, 80);
        n->lon = rand_milli(rng, -170, 170);
        if (chance(rng, 0.5)) {
            n->dwell_h = integer ? rand_int(rng, 0, 5) : rand_milli(rng, 0, 48);
            n->dwell_usd = integer ? rand_int(rng, 0, 5) : rand_milli(rng, 0, 500);
        }
    }

    int n_links = n_nodes + g_rand_int_range(rng, 0, 2 * n_nodes + 1);
    for (int i = 0; i < n_links; i++) {
        rn_link l = {0};
        g_snprintf(l.id, sizeof l.id, "E%d", i);
        l.from = g_rand_int_range(rng, 0, n_nodes);
        do
            l.to = g_rand_int_range(rng, 0, n_nodes);
        while (l.to == l.from);
        l.mode = used_list[g_rand_int_range(rng, 0, n_used)];
        if (integer) {
            l.distance_km = rand_int(rng, 1, 9);
            l.time_h = rand_int(rng, 1, 9);
            l.cost_usd = rand_int(rng, 1, 9);
            l.co2_kg = rand_int(rng, 1, 9);
            l.co2_explicit = true;
        } else {
            l.distance_km = rand_milli(rng, 10, 3000);
            l.time_h = rand_milli(rng, 0.5, 200);
            l.cost_usd = rand_milli(rng, 1, 5000);
            if (chance(rng, 0.5)) {
                l.co2_kg = rand_milli(rng, 0.5, 2000);
                l.co2_explicit = true;
            } else {
                l.co2_kg = l.distance_km * net->factor[l.mode];
            }
        }
        l.bidirectional = chance(rng, 0.4);
        l.corridor = chance(rng, 0.3) ? g_rand_int_range(rng, 1, 3) : 0;
        g_array_append_val(net->links, l);
    }

    unsigned at[RN_MAX_NODES];
    node_modes(net, at);
    for (int v = 0; v < n_nodes; v++)
        for (int m1 = 0; m1 < FR_MODE_COUNT; m1++)
            for (int m2 = 0; m2 < FR_MODE_COUNT; m2++) {
                if (m1 == m2)
                    continue;
                bool useful = (at[v] & FR_MODE_BIT(m1)) && (at[v] & FR_MODE_BIT(m2));
                if (!chance(rng, useful ? 0.4 : 0.01))
                    continue;
                rn_transfer t = {v, (fr_mode)m1, (fr_mode)m2, 0, 0, 0};
                if (integer) {
                    t.time_h = rand_int(rng, 0, 5);
                    t.cost_usd = rand_int(rng, 0, 5);
                    t.co2_kg = rand_int(rng, 0, 5);
                } else {
                    t.time_h = rand_milli(rng, 0, 24);
                    t.cost_usd = rand_milli(rng, 0, 300);
                    t.co2_kg = chance(rng, 0.5) ? rand_milli(rng, 0, 50) : 0;
                }
                g_array_append_val(net->transfers, t);
            }
    g_rand_free(rng);
    return net;
}

static void random_figures(const rn_net *net, GRand *rng, rn_link *l)
{
    if (net->integer) {
        l->distance_km = rand_int(rng, 1, 9);
        l->time_h = rand_int(rng, 1, 9);
        l->cost_usd = rand_int(rng, 1, 9);
        l->co2_kg = rand_int(rng, 1, 9);
        l->co2_explicit = true;
    } else {
        l->distance_km = rand_milli(rng, 10, 3000);
        l->time_h = rand_milli(rng, 0.5, 200);
        l->cost_usd = rand_milli(rng, 1, 5000);
        l->co2_kg = rand_milli(rng, 0.5, 2000);
        l->co2_explicit = true;
    }
}

static bool has_transfer(const rn_net *net, int node, int m1, int m2)
{
    for (guint i = 0; i < net->transfers->len; i++) {
        const rn_transfer *t = &g_array_index(net->transfers, rn_transfer, i);
        if (t->node == node && (int)t->from_mode == m1 && (int)t->to_mode == m2)
            return true;
    }
    return false;
}

void rn_densify(rn_net *net, guint32 seed, int extra_links, double transfer_p)
{
    GRand *rng = g_rand_new_with_seed(seed ^ 0x5bd1e995u);
    unsigned used = 0;
    for (guint i = 0; i < net->links->len; i++)
        used |= FR_MODE_BIT(g_array_index(net->links, rn_link, i).mode);
    fr_mode modes[FR_MODE_COUNT];
    int n_modes = 0;
    for (int m = 0; m < FR_MODE_COUNT; m++)
        if (used & FR_MODE_BIT(m))
            modes[n_modes++] = (fr_mode)m;
    for (int i = 0; i < extra_links && n_modes > 0; i++) {
        rn_link l = {0};
        g_snprintf(l.id, sizeof l.id, "F%d", i);
        l.from = g_rand_int_range(rng, 0, net->n_nodes);
        do
            l.to = g_rand_int_range(rng, 0, net->n_nodes);
        while (l.to == l.from);
        l.mode = modes[g_rand_int_range(rng, 0, n_modes)];
        random_figures(net, rng, &l);
        l.bidirectional = chance(rng, 0.6);
        l.corridor = chance(rng, 0.3) ? g_rand_int_range(rng, 1, 3) : 0;
        g_array_append_val(net->links, l);
    }
    unsigned at[RN_MAX_NODES];
    node_modes(net, at);
    for (int v = 0; v < net->n_nodes; v++)
        for (int m1 = 0; m1 < FR_MODE_COUNT; m1++)
            for (int m2 = 0; m2 < FR_MODE_COUNT; m2++) {
                if (m1 == m2 || !(at[v] & FR_MODE_BIT(m1)) || !(at[v] & FR_MODE_BIT(m2)) ||
                    has_transfer(net, v, m1, m2) || !chance(rng, transfer_p))
                    continue;
                rn_transfer t = {v, (fr_mode)m1, (fr_mode)m2, 0, 0, 0};
                t.time_h = net->integer ? rand_int(rng, 0, 5) : rand_milli(rng, 0, 24);
                t.cost_usd = net->integer ? rand_int(rng, 0, 5) : rand_milli(rng, 0, 300);
                t.co2_kg = net->integer ? rand_int(rng, 0, 5) : rand_milli(rng, 0, 50);
                g_array_append_val(net->transfers, t);
            }
    g_rand_free(rng);
}

void rn_free(rn_net *net)
{
    if (!net)
        return;
    g_array_free(net->links, TRUE);
    g_array_free(net->transfers, TRUE);
    g_free(net);
}

static void add_num(GString *s, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(buf, sizeof buf, "%.3f", v);
    g_string_append(s, buf);
}

void rn_to_csv(const rn_net *net, char **nodes, char **links,
               char **transfers, char **modes)
{
    GString *s = g_string_new("id,name,kind,country,lat,lon,dwell_h,dwell_usd\n");
    for (int i = 0; i < net->n_nodes; i++) {
        const rn_node *n = &net->nodes[i];
        g_string_append_printf(s, "%s,Node %d,junction,%s,", n->id, i,
                               n->country);
        add_num(s, n->lat);
        g_string_append_c(s, ',');
        add_num(s, n->lon);
        g_string_append_c(s, ',');
        if (n->dwell_h != 0 || n->dwell_usd != 0) {
            add_num(s, n->dwell_h);
            g_string_append_c(s, ',');
            add_num(s, n->dwell_usd);
        } else if (i % 2) {
            g_string_append(s, "0,0"); /* explicit zeros or empty cells */
        } else {
            g_string_append_c(s, ',');
        }
        g_string_append_c(s, '\n');
    }
    *nodes = g_string_free(s, FALSE);

    s = g_string_new("id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,"
                     "bidirectional,corridor\n");
    for (guint i = 0; i < net->links->len; i++) {
        const rn_link *l = &g_array_index(net->links, rn_link, i);
        g_string_append_printf(s, "%s,%s,%s,%s,", l->id,
                               net->nodes[l->from].id, net->nodes[l->to].id,
                               mode_names[l->mode]);
        add_num(s, l->distance_km);
        g_string_append_c(s, ',');
        add_num(s, l->time_h);
        g_string_append_c(s, ',');
        add_num(s, l->cost_usd);
        g_string_append_c(s, ',');
        if (l->co2_explicit)
            add_num(s, l->co2_kg);
        g_string_append_printf(s, ",%s,%s\n",
                               l->bidirectional ? "1" : (i % 2 ? "0" : ""),
                               rn_corridor_names[l->corridor]);
    }
    *links = g_string_free(s, FALSE);

    if (net->transfers->len || net->integer) {
        s = g_string_new("node,from_mode,to_mode,time_h,cost_usd,co2_kg\n");
        for (guint i = 0; i < net->transfers->len; i++) {
            const rn_transfer *t = &g_array_index(net->transfers, rn_transfer, i);
            g_string_append_printf(s, "%s,%s,%s,", net->nodes[t->node].id,
                                   mode_names[t->from_mode],
                                   mode_names[t->to_mode]);
            add_num(s, t->time_h);
            g_string_append_c(s, ',');
            add_num(s, t->cost_usd);
            g_string_append_c(s, ',');
            if (t->co2_kg != 0)
                add_num(s, t->co2_kg);
            g_string_append_c(s, '\n');
        }
        *transfers = g_string_free(s, FALSE);
    } else {
        *transfers = NULL;
    }

    if (net->has_modes_csv) {
        s = g_string_new("mode,co2_kg_per_teu_km\n");
        for (int m = 0; m < FR_MODE_COUNT; m++)
            if (net->factor_overridden[m]) {
                g_string_append_printf(s, "%s,", mode_names[m]);
                add_num(s, net->factor[m]);
                g_string_append_c(s, '\n');
            }
        *modes = g_string_free(s, FALSE);
    } else {
        *modes = NULL;
    }
}

fr_network *rn_load(const rn_net *net)
{
    char *nodes, *links, *transfers, *modes;
    rn_to_csv(net, &nodes, &links, &transfers, &modes);
    fr_network *n = load_net_ok(nodes, links, transfers, modes);
    g_free(nodes);
    g_free(links);
    g_free(transfers);
    g_free(modes);
    return n;
}

static bool has_corridor(const rn_net *net, int c)
{
    for (guint i = 0; i < net->links->len; i++)
        if (g_array_index(net->links, rn_link, i).corridor == c)
            return true;
    return false;
}

void rn_random_query(const rn_net *net, GRand *rng, rn_query *q)
{
    memset(q, 0, sizeof *q);
    q->from = g_rand_int_range(rng, 0, net->n_nodes);
    do
        q->to = g_rand_int_range(rng, 0, net->n_nodes);
    while (q->to == q->from);
    q->objective = (fr_objective)g_rand_int_range(rng, 0, FR_OBJECTIVE_COUNT);
    if (chance(rng, 0.5))
        q->quantity = 1;
    else
        q->quantity = net->integer ? rand_int(rng, 2, 5)
                                   : rand_milli(rng, 0.5, 20);
    q->value_of_time = net->integer ? rand_int(rng, 0, 3) : rand_milli(rng, 0, 50);
    q->carbon_price = net->integer ? rand_int(rng, 0, 3) : rand_milli(rng, 0, 2);
    q->modes = FR_MODES_ALL;
    if (chance(rng, 0.25)) {
        q->modes = 0;
        while (q->modes == 0)
            q->modes = (fr_mode_set)g_rand_int_range(rng, 1, 1 << FR_MODE_COUNT);
    }
    q->avoid_node = -1;
    if (net->n_nodes > 2 && chance(rng, 0.2)) {
        int v;
        do
            v = g_rand_int_range(rng, 0, net->n_nodes);
        while (v == q->from || v == q->to);
        q->avoid_node = v;
    }
    if (chance(rng, 0.15)) {
        const char *c = rn_countries[g_rand_int_range(rng, 0, 5)];
        if (strcmp(c, net->nodes[q->from].country) != 0 &&
            strcmp(c, net->nodes[q->to].country) != 0)
            memcpy(q->avoid_country, c, 3);
    }
    if (chance(rng, 0.15)) {
        int c = g_rand_int_range(rng, 1, 3);
        if (has_corridor(net, c))
            q->avoid_corridor = c;
    }
}

fr_query *rn_make_query(const rn_net *net, const rn_query *q)
{
    fr_query *fq = fr_query_new(net->nodes[q->from].id, net->nodes[q->to].id);
    fr_query_set_objective(fq, q->objective);
    fr_query_set_quantity(fq, q->quantity);
    fr_query_set_value_of_time(fq, q->value_of_time);
    fr_query_set_carbon_price(fq, q->carbon_price);
    fr_query_set_modes(fq, q->modes);
    if (q->avoid_node >= 0)
        fr_query_avoid_node(fq, net->nodes[q->avoid_node].id);
    if (q->avoid_country[0])
        fr_query_avoid_country(fq, q->avoid_country);
    if (q->avoid_corridor)
        fr_query_avoid_corridor(fq, rn_corridor_names[q->avoid_corridor]);
    return fq;
}

char *rn_query_describe(const rn_net *net, const rn_query *q)
{
    return g_strdup_printf(
        "%s -> %s objective=%s quantity=%g vot=%g carbon=%g modes=0x%x "
        "avoid_node=%s avoid_country=%s avoid_corridor=%s",
        net->nodes[q->from].id, net->nodes[q->to].id,
        objective_names[q->objective], q->quantity, q->value_of_time,
        q->carbon_price, q->modes,
        q->avoid_node >= 0 ? net->nodes[q->avoid_node].id : "-",
        q->avoid_country[0] ? q->avoid_country : "-",
        q->avoid_corridor ? rn_corridor_names[q->avoid_corridor] : "-");
}

bool rn_node_allowed(const rn_net *net, const rn_query *q, int node)
{
    if (node == q->avoid_node)
        return false;
    if (q->avoid_country[0] &&
        strcmp(net->nodes[node].country, q->avoid_country) == 0)
        return false;
    return true;
}

bool rn_link_allowed(const rn_net *net, const rn_query *q, const rn_link *l)
{
    if (!(q->modes & FR_MODE_BIT(l->mode)))
        return false;
    if (q->avoid_corridor && l->corridor == q->avoid_corridor)
        return false;
    return rn_node_allowed(net, q, l->from) && rn_node_allowed(net, q, l->to);
}

/* ---- brute force ---------------------------------------------------------- */

static void vg_add(rn_vgraph *g, int from, int to, double cost, double time, double co2,
                   double dist, bool link)
{
    rn_vedge e = {from, to, cost, time, co2, dist, link};
    int index = (int)g->edges->len;
    g_array_append_val(g->edges, e);
    g_array_append_val((GArray *)g_ptr_array_index(g->out, from), index);
}

static void vg_states(rn_vgraph *g, const rn_net *net)
{
    memset(g->pair, -1, sizeof g->pair);
    int k = 0;
    for (guint i = 0; i < net->links->len; i++) {
        const rn_link *l = &g_array_index(net->links, rn_link, i);
        int ends[2] = {l->from, l->to};
        for (int j = 0; j < 2; j++)
            if (g->pair[ends[j]][l->mode] < 0) {
                g->state_node[2 * k] = g->state_node[2 * k + 1] = ends[j];
                g->pair[ends[j]][l->mode] = k++;
            }
    }
    g->n_states = 2 * k;
    g->edges = g_array_new(FALSE, FALSE, sizeof(rn_vedge));
    g->out = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    for (int s = 0; s < g->n_states; s++)
        g_ptr_array_add(g->out, g_array_new(FALSE, FALSE, sizeof(int)));
}

void rn_vgraph_build(rn_vgraph *g, const rn_net *net, const rn_query *q)
{
    vg_states(g, net);
    for (guint i = 0; i < net->links->len; i++) {
        const rn_link *l = &g_array_index(net->links, rn_link, i);
        if (!rn_link_allowed(net, q, l))
            continue;
        int a = g->pair[l->from][l->mode], b = g->pair[l->to][l->mode];
        vg_add(g, 2 * a + 1, 2 * b, l->cost_usd, l->time_h, l->co2_kg, l->distance_km, true);
        if (l->bidirectional)
            vg_add(g, 2 * b + 1, 2 * a, l->cost_usd, l->time_h, l->co2_kg, l->distance_km, true);
    }
    for (int v = 0; v < net->n_nodes; v++) {
        if (!rn_node_allowed(net, q, v))
            continue;
        for (int m = 0; m < FR_MODE_COUNT; m++)
            if (g->pair[v][m] >= 0)
                vg_add(g, 2 * g->pair[v][m], 2 * g->pair[v][m] + 1, net->nodes[v].dwell_usd,
                       net->nodes[v].dwell_h, 0, 0, false);
    }
    for (guint i = 0; i < net->transfers->len; i++) {
        const rn_transfer *t = &g_array_index(net->transfers, rn_transfer, i);
        int a = g->pair[t->node][t->from_mode], b = g->pair[t->node][t->to_mode];
        if (!rn_node_allowed(net, q, t->node) || a < 0 || b < 0)
            continue;
        const rn_node *n = &net->nodes[t->node];
        vg_add(g, 2 * a, 2 * b + 1, n->dwell_usd + t->cost_usd, n->dwell_h + t->time_h,
               t->co2_kg, 0, false);
    }
}

void rn_vgraph_clear(rn_vgraph *g)
{
    g_array_free(g->edges, TRUE);
    g_ptr_array_free(g->out, TRUE);
    memset(g, 0, sizeof *g);
}

typedef struct {
    const rn_vgraph *g;
    const rn_query *q;
    bool physical;
    long budget;
    bool on_path[2 * RN_MAX_NODES * FR_MODE_COUNT];
    bool node_seen[RN_MAX_NODES];
    int path[4 * RN_MAX_NODES * FR_MODE_COUNT];
    rn_route_visit visit;
    void *data;
} walker;

static void walk(walker *w, int s, int depth)
{
    if (--w->budget < 0)
        return;
    if (s % 2 == 0 && w->g->state_node[s] == w->q->to) {
        w->visit(w->g, w->path, depth, w->data);
        return;
    }
    GArray *out = g_ptr_array_index(w->g->out, s);
    for (guint i = 0; i < out->len; i++) {
        int index = g_array_index(out, int, i);
        const rn_vedge *e = &g_array_index(w->g->edges, rn_vedge, index);
        int node = w->g->state_node[e->to];
        if (w->on_path[e->to] || (w->physical && e->link && w->node_seen[node]))
            continue;
        w->on_path[e->to] = true;
        if (e->link)
            w->node_seen[node] = true;
        w->path[depth] = index;
        walk(w, e->to, depth + 1);
        w->on_path[e->to] = false;
        if (e->link)
            w->node_seen[node] = false;
    }
}

bool rn_enumerate_routes(const rn_vgraph *g, const rn_query *q, bool physical, long budget,
                         rn_route_visit visit, void *data)
{
    walker *w = g_new0(walker, 1);
    *w = (walker){.g = g, .q = q, .physical = physical, .budget = budget, .visit = visit,
                  .data = data};
    w->node_seen[q->from] = true;
    for (int m = 0; m < FR_MODE_COUNT; m++) {
        int k = g->pair[q->from][m];
        if (k < 0)
            continue;
        w->on_path[2 * k + 1] = true;
        walk(w, 2 * k + 1, 0);
        w->on_path[2 * k + 1] = false;
    }
    bool complete = w->budget >= 0;
    g_free(w);
    return complete;
}

void rn_route_totals(const rn_vgraph *g, const int *edges, int n_edges, double *cost,
                     double *time, double *co2, double *dist)
{
    *cost = *time = *co2 = *dist = 0;
    for (int i = 0; i < n_edges; i++) {
        const rn_vedge *e = &g_array_index(g->edges, rn_vedge, edges[i]);
        *cost += e->cost;
        *time += e->time;
        *co2 += e->co2;
        *dist += e->dist;
    }
}

double rn_objective(const rn_query *q, double cost, double time, double co2, double dist)
{
    switch (q->objective) {
    case FR_OBJECTIVE_COST: return cost;
    case FR_OBJECTIVE_TIME: return time;
    case FR_OBJECTIVE_CO2: return co2;
    case FR_OBJECTIVE_DISTANCE: return dist;
    default: return cost + q->value_of_time * time + q->carbon_price * co2;
    }
}

void rn_print_case(guint32 seed, const rn_net *net, const rn_query *q, const char *extra)
{
    char *desc = rn_query_describe(net, q);
    char *nodes, *links, *transfers, *modes;
    rn_to_csv(net, &nodes, &links, &transfers, &modes);
    print_message("seed %u, %s, %s\n--- nodes.csv\n%s--- links.csv\n%s--- transfers.csv\n%s",
                  seed, desc, extra, nodes, links, transfers ? transfers : "(none)\n");
    g_free(desc);
    g_free(nodes);
    g_free(links);
    g_free(transfers);
    g_free(modes);
}
