/* test_property.c - fr_network_route() against an independent method on a
 * few hundred seeded random networks.
 *
 * The test builds its own virtual graph of FORMAT.md §2 from its own model
 * of the network (randnet.c), without any library internals: states
 * IN(v,m)/OUT(v,m) for every node v and mode m of a link at v; link edges
 * OUT(u,m)->IN(v,m) (and back for bidirectional links); pass-through edges
 * IN(v,m)->OUT(v,m) charged the node's dwell; transfer edges
 * IN(v,m1)->OUT(v,m2) where a transfers.csv row allows, charged dwell plus
 * handling. Constraints drop edges. igraph_distances_dijkstra() from every
 * OUT(O,.) state, minimised over every IN(D,.) state, gives the optimum.
 *
 * Two kinds of network:
 * - real figures (k/1000): ties are improbable, so the library's totals must
 *   equal the totals of igraph's shortest path, relative tolerance 1e-9;
 * - small integer figures: ties are everywhere, so igraph runs on one exact
 *   integer weight  obj*W^3 + time*W^2 + cost*W + 1  (W = 4096 exceeds any
 *   path sum of time or cost), whose minimum is the lexicographic optimum
 *   (objective, then time, then cost, then fewer edges) of FORMAT.md §2.
 * On networks of at most 6 nodes a brute-force enumeration of all simple
 * paths of the virtual graph checks the igraph answer as well.
 *
 * Every returned route is also checked for internal consistency: its steps
 * chain from O to D over allowed links, transfers only where a row allows,
 * and its totals equal the sums of its steps' figures (x quantity for cost
 * and CO2). */
#include "helpers.h"
#include "randnet.h"

#include <igraph.h>
#include <math.h>
#include <string.h>

#define W 4096.0

typedef struct {
    int from, to;
    double cost, time, co2, dist;
} vedge;

typedef struct {
    int n_states;
    int pair[RN_MAX_NODES][FR_MODE_COUNT]; /* (v,m) -> k, or -1 */
    GArray *edges;                         /* vedge */
} vgraph;

#define IN(k) (2 * (k))
#define OUT(k) (2 * (k) + 1)

static void vg_add(vgraph *g, int from, int to, double cost, double time,
                   double co2, double dist)
{
    vedge e = {from, to, cost, time, co2, dist};
    g_array_append_val(g->edges, e);
}

static void vg_build(vgraph *g, const rn_net *net, const rn_query *q)
{
    memset(g->pair, -1, sizeof g->pair);
    g->n_states = 0;
    g->edges = g_array_new(FALSE, FALSE, sizeof(vedge));
    int k = 0;
    for (guint i = 0; i < net->links->len; i++) {
        const rn_link *l = &g_array_index(net->links, rn_link, i);
        if (g->pair[l->from][l->mode] < 0)
            g->pair[l->from][l->mode] = k++;
        if (g->pair[l->to][l->mode] < 0)
            g->pair[l->to][l->mode] = k++;
    }
    g->n_states = 2 * k;
    for (guint i = 0; i < net->links->len; i++) {
        const rn_link *l = &g_array_index(net->links, rn_link, i);
        if (!rn_link_allowed(net, q, l))
            continue;
        int a = g->pair[l->from][l->mode], b = g->pair[l->to][l->mode];
        vg_add(g, OUT(a), IN(b), l->cost_usd, l->time_h, l->co2_kg,
               l->distance_km);
        if (l->bidirectional)
            vg_add(g, OUT(b), IN(a), l->cost_usd, l->time_h, l->co2_kg,
                   l->distance_km);
    }
    for (int v = 0; v < net->n_nodes; v++) {
        if (!rn_node_allowed(net, q, v))
            continue;
        const rn_node *n = &net->nodes[v];
        for (int m = 0; m < FR_MODE_COUNT; m++)
            if (g->pair[v][m] >= 0)
                vg_add(g, IN(g->pair[v][m]), OUT(g->pair[v][m]), n->dwell_usd,
                       n->dwell_h, 0, 0);
    }
    for (guint i = 0; i < net->transfers->len; i++) {
        const rn_transfer *t = &g_array_index(net->transfers, rn_transfer, i);
        if (!rn_node_allowed(net, q, t->node))
            continue;
        int a = g->pair[t->node][t->from_mode], b = g->pair[t->node][t->to_mode];
        if (a < 0 || b < 0)
            continue;
        const rn_node *n = &net->nodes[t->node];
        vg_add(g, IN(a), OUT(b), n->dwell_usd + t->cost_usd,
               n->dwell_h + t->time_h, t->co2_kg, 0);
    }
}

static double objective_of(const rn_query *q, double cost, double time,
                           double co2, double dist)
{
    switch (q->objective) {
    case FR_OBJECTIVE_COST: return cost;
    case FR_OBJECTIVE_TIME: return time;
    case FR_OBJECTIVE_CO2: return co2;
    case FR_OBJECTIVE_DISTANCE: return dist;
    default: return cost + q->value_of_time * time + q->carbon_price * co2;
    }
}

static double edge_weight(const rn_net *net, const rn_query *q, const vedge *e)
{
    double obj = objective_of(q, e->cost, e->time, e->co2, e->dist);
    if (!net->integer)
        return obj;
    return ((obj * W + e->time) * W + e->cost) * W + 1.0;
}

/* The reference answer: found, the optimal per-TEU objective, the per-TEU
 * totals of one optimal path, and (integer networks) the exact key. */
typedef struct {
    bool found;
    double obj, cost, time, co2, dist;
    double key;
    int n_edges;
} ref_answer;

static void reference_igraph(const rn_net *net, const rn_query *q,
                             const vgraph *g, ref_answer *out)
{
    memset(out, 0, sizeof *out);
    igraph_vector_int_t src, dst, edgelist;
    igraph_vector_int_init(&src, 0);
    igraph_vector_int_init(&dst, 0);
    for (int m = 0; m < FR_MODE_COUNT; m++) {
        if (g->pair[q->from][m] >= 0)
            igraph_vector_int_push_back(&src, OUT(g->pair[q->from][m]));
        if (g->pair[q->to][m] >= 0)
            igraph_vector_int_push_back(&dst, IN(g->pair[q->to][m]));
    }
    if (igraph_vector_int_size(&src) == 0 || igraph_vector_int_size(&dst) == 0) {
        igraph_vector_int_destroy(&src);
        igraph_vector_int_destroy(&dst);
        return;
    }
    igraph_vector_int_init(&edgelist, 2 * (igraph_integer_t)g->edges->len);
    igraph_vector_t w;
    igraph_vector_init(&w, (igraph_integer_t)g->edges->len);
    for (guint i = 0; i < g->edges->len; i++) {
        const vedge *e = &g_array_index(g->edges, vedge, i);
        VECTOR(edgelist)[2 * i] = e->from;
        VECTOR(edgelist)[2 * i + 1] = e->to;
        VECTOR(w)[i] = edge_weight(net, q, e);
    }
    igraph_t graph;
    igraph_create(&graph, &edgelist, g->n_states, IGRAPH_DIRECTED);
    igraph_matrix_t res;
    igraph_matrix_init(&res, 0, 0);
    igraph_distances_dijkstra(&graph, &res, igraph_vss_vector(&src),
                              igraph_vss_vector(&dst), &w, IGRAPH_OUT);
    double best = IGRAPH_INFINITY;
    igraph_integer_t bi = -1, bj = -1;
    for (igraph_integer_t i = 0; i < igraph_matrix_nrow(&res); i++)
        for (igraph_integer_t j = 0; j < igraph_matrix_ncol(&res); j++)
            if (MATRIX(res, i, j) < best) {
                best = MATRIX(res, i, j);
                bi = i;
                bj = j;
            }
    if (bi >= 0 && isfinite(best)) {
        out->found = true;
        out->key = best;
        igraph_vector_int_t path;
        igraph_vector_int_init(&path, 0);
        igraph_get_shortest_path_dijkstra(&graph, NULL, &path, VECTOR(src)[bi],
                                          VECTOR(dst)[bj], &w, IGRAPH_OUT);
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&path); i++) {
            const vedge *e = &g_array_index(g->edges, vedge, VECTOR(path)[i]);
            out->cost += e->cost;
            out->time += e->time;
            out->co2 += e->co2;
            out->dist += e->dist;
        }
        out->n_edges = (int)igraph_vector_int_size(&path);
        out->obj = objective_of(q, out->cost, out->time, out->co2, out->dist);
        if (net->integer) {
            /* decode the exact key; it must agree with the path's sums */
            double k = best;
            double edges = fmod(k, W);
            k = (k - edges) / W;
            double cost = fmod(k, W);
            k = (k - cost) / W;
            double time = fmod(k, W);
            double obj = (k - time) / W;
            g_assert(edges == out->n_edges && cost == out->cost &&
                     time == out->time && obj == out->obj);
        }
        igraph_vector_int_destroy(&path);
    }
    igraph_matrix_destroy(&res);
    igraph_destroy(&graph);
    igraph_vector_destroy(&w);
    igraph_vector_int_destroy(&edgelist);
    igraph_vector_int_destroy(&src);
    igraph_vector_int_destroy(&dst);
}

/* ---- brute force over simple paths of the virtual graph ------------------- */

typedef struct {
    const rn_net *net;
    const rn_query *q;
    const vgraph *g;
    GPtrArray *adj; /* per state: GArray of edge indices */
    bool *on_path;
    bool *is_target;
    long budget;
    bool found;
    double best_obj, best_time, best_cost;
    int best_edges;
} brute;

static bool lex_better(const brute *b, double obj, double time, double cost,
                       int edges)
{
    if (!b->found)
        return true;
    if (!b->net->integer)
        return obj < b->best_obj;
    if (obj != b->best_obj)
        return obj < b->best_obj;
    if (time != b->best_time)
        return time < b->best_time;
    if (cost != b->best_cost)
        return cost < b->best_cost;
    return edges < b->best_edges;
}

static void brute_dfs(brute *b, int s, double cost, double time, double co2,
                      double dist, int edges)
{
    if (--b->budget < 0)
        return;
    if (b->is_target[s]) {
        double obj = objective_of(b->q, cost, time, co2, dist);
        if (lex_better(b, obj, time, cost, edges)) {
            b->found = true;
            b->best_obj = obj;
            b->best_time = time;
            b->best_cost = cost;
            b->best_edges = edges;
        }
        return; /* continuing through D never helps (positive link weights) */
    }
    GArray *out = g_ptr_array_index(b->adj, s);
    for (guint i = 0; i < out->len; i++) {
        const vedge *e = &g_array_index(b->g->edges, vedge,
                                        g_array_index(out, int, i));
        if (b->on_path[e->to])
            continue;
        b->on_path[e->to] = true;
        brute_dfs(b, e->to, cost + e->cost, time + e->time, co2 + e->co2,
                  dist + e->dist, edges + 1);
        b->on_path[e->to] = false;
    }
}

/* Returns false when the enumeration ran out of budget. */
static bool reference_brute(const rn_net *net, const rn_query *q,
                            const vgraph *g, brute *b)
{
    memset(b, 0, sizeof *b);
    b->net = net;
    b->q = q;
    b->g = g;
    b->budget = 400000;
    b->adj = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    for (int s = 0; s < g->n_states; s++)
        g_ptr_array_add(b->adj, g_array_new(FALSE, FALSE, sizeof(int)));
    for (guint i = 0; i < g->edges->len; i++) {
        int idx = (int)i;
        g_array_append_val(
            (GArray *)g_ptr_array_index(
                b->adj, g_array_index(g->edges, vedge, i).from),
            idx);
    }
    b->on_path = g_new0(bool, g->n_states + 1);
    b->is_target = g_new0(bool, g->n_states + 1);
    for (int m = 0; m < FR_MODE_COUNT; m++)
        if (g->pair[q->to][m] >= 0)
            b->is_target[IN(g->pair[q->to][m])] = true;
    for (int m = 0; m < FR_MODE_COUNT; m++) {
        int k = g->pair[q->from][m];
        if (k < 0)
            continue;
        b->on_path[OUT(k)] = true;
        brute_dfs(b, OUT(k), 0, 0, 0, 0, 0);
        b->on_path[OUT(k)] = false;
    }
    g_free(b->on_path);
    g_free(b->is_target);
    g_ptr_array_free(b->adj, TRUE);
    return b->budget >= 0;
}

/* ---- checks on the library's route ---------------------------------------- */

typedef struct {
    guint32 seed;
    const rn_net *net;
    const rn_query *q;
    char *desc;
} ctx;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            char *m_ = g_strdup_printf(__VA_ARGS__);                         \
            print_message("seed %u, %s\n", c->seed, c->desc);                \
            dump_net(c->net);                                                \
            fail_msg("%s:%d: %s", __FILE__, __LINE__, m_);                   \
        }                                                                    \
    } while (0)

static void dump_net(const rn_net *net)
{
    char *nodes, *links, *transfers, *modes;
    rn_to_csv(net, &nodes, &links, &transfers, &modes);
    print_message("--- nodes.csv\n%s--- links.csv\n%s--- transfers.csv\n%s"
                  "--- modes.csv\n%s---\n",
                  nodes, links, transfers ? transfers : "(none)\n",
                  modes ? modes : "(none)\n");
    g_free(nodes);
    g_free(links);
    g_free(transfers);
    g_free(modes);
}

static int find_model_node(const rn_net *net, const char *id)
{
    for (int i = 0; i < net->n_nodes; i++)
        if (strcmp(net->nodes[i].id, id) == 0)
            return i;
    return -1;
}

static const rn_transfer *find_transfer(const rn_net *net, int node,
                                        fr_mode m1, fr_mode m2)
{
    for (guint i = 0; i < net->transfers->len; i++) {
        const rn_transfer *t = &g_array_index(net->transfers, rn_transfer, i);
        if (t->node == node && t->from_mode == m1 && t->to_mode == m2)
            return t;
    }
    return NULL;
}

static bool near(double a, double b)
{
    return close_rel(a, b, 1e-9);
}

/* Checks the route's steps against the model; returns the number of links. */
static int check_steps(const ctx *c, const fr_route *r)
{
    const rn_net *net = c->net;
    const rn_query *q = c->q;
    size_t n = fr_route_step_count(r);
    CHECK(n >= 1, "route without steps");
    double sc = 0, st = 0, se = 0, sd = 0;
    size_t n_transfer_steps = 0;
    int n_links = 0;
    const rn_link *prev = NULL;
    int prev_end = -1;
    fr_mode prev_mode = FR_MODE_RAIL;
    /* figures of the non-link steps since the last link */
    double jc = 0, jt = 0, je = 0, jd = 0;
    int j_transfers = 0;
    fr_mode j_from = FR_MODE_RAIL, j_to = FR_MODE_RAIL;

    for (size_t i = 0; i < n; i++) {
        const fr_step *s = fr_route_step(r, i);
        CHECK(s != NULL, "step %zu is NULL", i);
        sc += s->cost_usd;
        st += s->time_h;
        se += s->co2_kg;
        sd += s->distance_km;
        if (s->type == FR_STEP_LINK) {
            CHECK(s->link_id != NULL, "link step without id");
            char *base = g_strdup(s->link_id);
            bool rev = g_str_has_suffix(base, ":rev");
            if (rev)
                base[strlen(base) - 4] = '\0';
            const rn_link *l = NULL;
            for (guint k = 0; k < net->links->len; k++)
                if (strcmp(g_array_index(net->links, rn_link, k).id, base) == 0)
                    l = &g_array_index(net->links, rn_link, k);
            g_free(base);
            CHECK(l != NULL, "unknown link id '%s'", s->link_id);
            CHECK(!rev || l->bidirectional,
                  "'%s' reverses a one-way link", s->link_id);
            int a = rev ? l->to : l->from, b = rev ? l->from : l->to;
            CHECK(strcmp(s->from_node, net->nodes[a].id) == 0 &&
                      strcmp(s->to_node, net->nodes[b].id) == 0,
                  "link step %s runs %s->%s, expected %s->%s", s->link_id,
                  s->from_node, s->to_node, net->nodes[a].id,
                  net->nodes[b].id);
            CHECK(s->mode == l->mode, "link step %s has mode %d, link %d",
                  s->link_id, s->mode, l->mode);
            CHECK(near(s->cost_usd, l->cost_usd) && near(s->time_h, l->time_h) &&
                      near(s->co2_kg, l->co2_kg) &&
                      near(s->distance_km, l->distance_km),
                  "link step %s figures (%g, %g, %g, %g), link (%g, %g, %g, %g)",
                  s->link_id, s->cost_usd, s->time_h, s->co2_kg,
                  s->distance_km, l->cost_usd, l->time_h, l->co2_kg,
                  l->distance_km);
            CHECK(rn_link_allowed(net, q, l), "link %s breaks a constraint",
                  s->link_id);
            CHECK(strcmp(s->corridor ? s->corridor : "",
                         rn_corridor_names[l->corridor]) == 0,
                  "link %s corridor '%s', expected '%s'", s->link_id,
                  s->corridor, rn_corridor_names[l->corridor]);
            if (!prev) {
                CHECK(a == q->from, "route starts at %s", s->from_node);
                CHECK(i == 0, "steps before the first link");
            } else {
                /* the junction between prev and l at node a */
                CHECK(a == prev_end, "link %s does not start where the "
                      "previous link ended", s->link_id);
                const rn_node *v = &net->nodes[a];
                if (prev_mode == l->mode) {
                    CHECK(j_transfers == 0, "transfer between two %d links",
                          l->mode);
                    CHECK(near(jc, v->dwell_usd) && near(jt, v->dwell_h) &&
                              near(je, 0) && near(jd, 0),
                          "pass-through at %s charged (%g USD, %g h, %g kg), "
                          "expected the dwell (%g USD, %g h)",
                          v->id, jc, jt, je, v->dwell_usd, v->dwell_h);
                } else {
                    CHECK(j_transfers == 1, "%d transfer steps at a mode change",
                          j_transfers);
                    CHECK(j_from == prev_mode && j_to == l->mode,
                          "transfer %d->%d between %d and %d links", j_from,
                          j_to, prev_mode, l->mode);
                    const rn_transfer *t = find_transfer(net, a, prev_mode,
                                                         l->mode);
                    CHECK(t != NULL, "transfer at %s %d->%d without a row",
                          v->id, prev_mode, l->mode);
                    CHECK(near(jc, v->dwell_usd + t->cost_usd) &&
                              near(jt, v->dwell_h + t->time_h) &&
                              near(je, t->co2_kg) && near(jd, 0),
                          "transfer at %s charged (%g, %g, %g), expected "
                          "(%g, %g, %g)",
                          v->id, jc, jt, je, v->dwell_usd + t->cost_usd,
                          v->dwell_h + t->time_h, t->co2_kg);
                }
            }
            prev = l;
            prev_end = b;
            prev_mode = l->mode;
            jc = jt = je = jd = 0;
            j_transfers = 0;
            n_links++;
        } else {
            CHECK(prev != NULL, "step %zu (type %d) before any link", i,
                  s->type);
            CHECK(s->type == FR_STEP_TRANSFER || s->type == FR_STEP_DWELL,
                  "step %zu has type %d", i, s->type);
            int v = find_model_node(net, s->from_node);
            CHECK(v == prev_end, "step %zu at %s, not at the junction %s", i,
                  s->from_node, net->nodes[prev_end].id);
            CHECK(rn_node_allowed(net, q, v), "route passes avoided node %s",
                  s->from_node);
            if (s->type == FR_STEP_TRANSFER) {
                j_transfers++;
                n_transfer_steps++;
                j_from = s->mode;
                j_to = s->to_mode;
            }
            jc += s->cost_usd;
            jt += s->time_h;
            je += s->co2_kg;
            jd += s->distance_km;
        }
    }
    CHECK(fr_route_step(r, n - 1)->type == FR_STEP_LINK,
          "route does not end with a link");
    CHECK(prev_end == q->to, "route ends at %s",
          net->nodes[prev_end].id);
    double qty = q->quantity;
    CHECK(near(fr_route_total_cost_usd(r), sc * qty),
          "total cost %.17g != sum of steps %.17g x %g",
          fr_route_total_cost_usd(r), sc, qty);
    CHECK(near(fr_route_total_co2_kg(r), se * qty),
          "total co2 %.17g != sum of steps %.17g x %g",
          fr_route_total_co2_kg(r), se, qty);
    CHECK(near(fr_route_total_time_h(r), st),
          "total time %.17g != sum of steps %.17g", fr_route_total_time_h(r),
          st);
    CHECK(near(fr_route_total_distance_km(r), sd),
          "total distance %.17g != sum of steps %.17g",
          fr_route_total_distance_km(r), sd);
    CHECK(fr_route_transfer_count(r) == n_transfer_steps,
          "transfer count %zu, transfer steps %zu",
          fr_route_transfer_count(r), n_transfer_steps);
    return n_links;
}

typedef struct {
    int routes, no_routes, brute_checked, brute_skipped;
} stats;

static void check_query(guint32 seed, const rn_net *net, const fr_network *fn,
                        const rn_query *q, stats *stt)
{
    ctx cx = {seed, net, q, rn_query_describe(net, q)};
    const ctx *c = &cx;
    vgraph g;
    vg_build(&g, net, q);
    ref_answer ref;
    reference_igraph(net, q, &g, &ref);

    if (net->n_nodes <= 6) {
        brute b;
        if (reference_brute(net, q, &g, &b)) {
            stt->brute_checked++;
            CHECK(b.found == ref.found, "brute force found=%d, igraph %d",
                  b.found, ref.found);
            if (b.found) {
                CHECK(near(b.best_obj, ref.obj),
                      "brute force objective %.17g, igraph %.17g", b.best_obj,
                      ref.obj);
                if (net->integer)
                    CHECK(b.best_time == ref.time && b.best_cost == ref.cost &&
                              b.best_edges == ref.n_edges,
                          "brute force (%g, %g, %d), igraph (%g, %g, %d)",
                          b.best_time, b.best_cost, b.best_edges, ref.time,
                          ref.cost, ref.n_edges);
            }
        } else {
            stt->brute_skipped++;
        }
    }

    fr_query *fq = rn_make_query(net, q);
    GError *err = NULL;
    fr_route *r = fr_network_route(fn, fq, &err);
    fr_query_free(fq);
    if (!ref.found) {
        CHECK(r == NULL, "library found a route, the reference none");
        CHECK(err && err->domain == FR_ERROR && err->code == FR_ERROR_NO_ROUTE,
              "expected FR_ERROR_NO_ROUTE, got %s",
              err ? err->message : "no error");
        g_error_free(err);
        stt->no_routes++;
    } else {
        CHECK(r != NULL, "library: %s; reference found objective %.17g",
              err ? err->message : "(no error)", ref.obj);
        CHECK(err == NULL, "route returned with an error set");
        stt->routes++;
        int n_links = check_steps(c, r);
        double qty = q->quantity;
        double cost = fr_route_total_cost_usd(r) / qty;
        double time = fr_route_total_time_h(r);
        double co2 = fr_route_total_co2_kg(r) / qty;
        double dist = fr_route_total_distance_km(r);
        double obj = objective_of(q, cost, time, co2, dist);
        CHECK(near(obj, ref.obj),
              "objective per TEU %.17g, reference optimum %.17g", obj, ref.obj);
        if (net->integer) {
            /* exact lexicographic optimum: objective, time, cost, edges; a
             * route of L links has 2L-1 virtual edges */
            CHECK(obj == ref.obj && time == ref.time && cost == ref.cost,
                  "(objective, time, cost) = (%g, %g, %g), reference "
                  "(%g, %g, %g)",
                  obj, time, cost, ref.obj, ref.time, ref.cost);
            CHECK(2 * n_links - 1 == ref.n_edges,
                  "route has %d links (%d virtual edges), the tie-break "
                  "optimum %d edges",
                  n_links, 2 * n_links - 1, ref.n_edges);
        } else {
            CHECK(near(cost, ref.cost) && near(time, ref.time) &&
                      near(co2, ref.co2) && near(dist, ref.dist),
                  "per-TEU totals (%.17g, %.17g, %.17g, %.17g), reference "
                  "path (%.17g, %.17g, %.17g, %.17g)",
                  cost, time, co2, dist, ref.cost, ref.time, ref.co2, ref.dist);
        }
        /* the objective value is for the whole quantity: cost and CO2 (and
         * so generalized, whose value of time is per TEU-hour) scale */
        double want_value;
        switch (q->objective) {
        case FR_OBJECTIVE_COST: want_value = fr_route_total_cost_usd(r); break;
        case FR_OBJECTIVE_TIME: want_value = time; break;
        case FR_OBJECTIVE_CO2: want_value = fr_route_total_co2_kg(r); break;
        case FR_OBJECTIVE_DISTANCE: want_value = dist; break;
        default: want_value = obj * qty; break;
        }
        CHECK(near(fr_route_objective_value(r), want_value),
              "objective value %.17g, expected %.17g",
              fr_route_objective_value(r), want_value);
        CHECK(fr_route_objective(r) == q->objective, "objective not kept");
        CHECK(fr_route_quantity(r) == qty, "quantity not kept");
        CHECK(strcmp(fr_route_from(r), net->nodes[q->from].id) == 0 &&
                  strcmp(fr_route_to(r), net->nodes[q->to].id) == 0,
              "from/to not kept");
        fr_route_free(r);
    }
    g_array_free(g.edges, TRUE);
    g_free(cx.desc);
}

static void run_seeds(guint32 first, guint32 count, bool integer,
                      int min_nodes, int max_nodes)
{
    stats stt = {0};
    for (guint32 seed = first; seed < first + count; seed++) {
        GRand *rng = g_rand_new_with_seed(seed * 7919u + 17u);
        int n_nodes = g_rand_int_range(rng, min_nodes, max_nodes + 1);
        rn_net *net = rn_generate(seed, n_nodes, integer);
        fr_network *fn = rn_load(net);
        for (int i = 0; i < 6; i++) {
            rn_query q;
            rn_random_query(net, rng, &q);
            for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
                q.objective = (fr_objective)o;
                check_query(seed, net, fn, &q, &stt);
            }
        }
        fr_network_free(fn);
        rn_free(net);
        g_rand_free(rng);
    }
    print_message("%s: %u networks, %d routes, %d no-route, brute force "
                  "%d checked / %d skipped\n",
                  integer ? "integer" : "real", count, stt.routes,
                  stt.no_routes, stt.brute_checked, stt.brute_skipped);
    /* the generator must exercise both outcomes */
    assert_true(stt.routes > 100);
    assert_true(stt.no_routes > 10);
}

static void test_random_real_figures(void **state)
{
    (void)state;
    run_seeds(1, 200, false, 5, 12);
}

static void test_random_integer_ties(void **state)
{
    (void)state;
    run_seeds(1001, 150, true, 5, 12);
}

static void test_random_larger_networks(void **state)
{
    (void)state;
    /* longer routes: 20-40 nodes (no brute force at this size) */
    run_seeds(5001, 25, false, 20, 40);
    run_seeds(6001, 25, true, 20, 40);
}

int main(void)
{
    /* igraph's default error handler aborts: fine for a test (no error is
     * expected from these calls). */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_real_figures),
        cmocka_unit_test(test_random_integer_ties),
        cmocka_unit_test(test_random_larger_networks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
