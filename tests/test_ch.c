/* test_ch.c - contraction hierarchies (lib/search/ch_*.c) against the reference
 * plain Dijkstra (fr_engine_dijkstra with an unrestricted query).
 *
 * For every query the hierarchy must agree on reachability and on the key
 * (fr_key_compare() == 0 with the key summed along the reference path), and
 * its unpacked path must be a chain of virtual edges from an OUT(origin, .)
 * state to an IN(destination, .) state whose figures sum to that key.
 * Networks: a few hundred seeded random networks (tests/randnet.c: parallel
 * and bidirectional links, transfers, dwell, zero-cost edges, unreachable
 * pairs), all four plain objectives; a hand-built ring whose shortcuts are
 * known in any contraction order; grids full of equal-cost ties (with
 * their zero-cost dwell edges, IN to OUT at a node, they catch a query
 * that settles a side's least objective where a tied item could still
 * better it, or stops a side on its least objective instead of its first
 * key: ch_query.c's root_is_final() and side_done()); and eight threads
 * querying one hierarchy at once. Every arc of the hierarchies of
 * 40 random networks and a tie grid unpacks, by its stored halves, to a
 * chain between its ends whose sums are its objective and tie figures.
 * fr_ch_distance() gives the key's objective to the bit, and a query
 * without a key the same path. A failure prints the seed, the
 * query and the network's CSV files. */
#include "helpers.h"
#include "randnet.h"

#include "algorithm.h"
#include "ch_internal.h"

#include <string.h>

#define N_NETWORKS 320
#define PAIRS_PER_NETWORK 90
#define N_THREADS 8

static const fr_objective objectives[] = {FR_OBJECTIVE_COST, FR_OBJECTIVE_TIME, FR_OBJECTIVE_CO2,
                                          FR_OBJECTIVE_DISTANCE};
static const char *const objective_names[] = {"cost", "time", "co2", "distance"};

static const double *weights_of(const fr_vgraph *g, fr_objective objective)
{
    switch (objective) {
    case FR_OBJECTIVE_TIME: return g->time;
    case FR_OBJECTIVE_CO2: return g->co2;
    case FR_OBJECTIVE_DISTANCE: return g->distance;
    default: return g->cost;
    }
}

/* The key of a list of virtual edges, summed in order. */
static fr_key path_key(const fr_vgraph *g, const double *weight, const GArray *path)
{
    fr_key key = {0, 0, 0, 0};
    for (guint i = 0; i < path->len; i++) {
        uint32_t e = g_array_index(path, uint32_t, i);
        key.obj += weight[e];
        key.time += g->time[e];
        key.cost += g->cost[e];
        key.edges++;
    }
    return key;
}

/* The states of a node: OUT (route starts) or IN (route ends). */
static uint32_t node_states(const fr_vgraph *g, uint32_t node, bool out, uint32_t *states)
{
    uint32_t n = 0;
    for (int m = 0; m < FR_MODE_COUNT; m++) {
        int32_t slot = fr_vgraph_slot(g, node, (fr_mode)m);
        if (slot >= 0)
            states[n++] = out ? fr_state_out((uint32_t)slot) : fr_state_in((uint32_t)slot);
    }
    return n;
}

/* Bit for bit the same key (fr_key has padding: no memcmp). */
static bool same_key(const fr_key *a, const fr_key *b)
{
    return memcmp(&a->obj, &b->obj, sizeof a->obj) == 0 &&
           memcmp(&a->time, &b->time, sizeof a->time) == 0 &&
           memcmp(&a->cost, &b->cost, sizeof a->cost) == 0 && a->edges == b->edges;
}

static bool contains(const uint32_t *states, uint32_t n, uint32_t s)
{
    for (uint32_t i = 0; i < n; i++)
        if (states[i] == s)
            return true;
    return false;
}

/* ---- what a failure prints ------------------------------------------------------ */

typedef struct {
    guint32 seed; /* 0: not a random network */
    const rn_net *model;
    const fr_network *net;
    uint32_t from, to; /* node indices */
    int objective;     /* index into objectives[] */
} ctx;

static void dump_context(const ctx *c)
{
    const char *from = FR_NODE(&c->net->model, c->from)->id, *to = FR_NODE(&c->net->model, c->to)->id;
    char *extra = g_strdup_printf("contraction hierarchies, objective %s, %s -> %s",
                                  objective_names[c->objective], from, to);
    if (c->model) {
        rn_query q = {.from = (int)c->from, .to = (int)c->to,
                      .objective = objectives[c->objective], .quantity = 1,
                      .modes = FR_MODES_ALL, .avoid_node = -1};
        rn_print_case(c->seed, c->model, &q, extra);
    } else {
        print_message("%s\n", extra);
    }
    g_free(extra);
}

/* ---- the reference -------------------------------------------------------------- */

/* Plain Dijkstra's answer: its path (NULL when there is none) and key. */
static GArray *reference(const fr_network *net, uint32_t from, uint32_t to,
                         fr_objective objective, fr_key *key)
{
    fr_query *q = fr_query_new(FR_NODE(&net->model, from)->id, FR_NODE(&net->model, to)->id);
    fr_query_set_objective(q, objective);
    fr_search_spec spec;
    GError *error = NULL;
    if (!fr_search_spec_init(&spec, &net->model, q, &error)) {
        char *m = g_strdup(error->message);
        g_error_free(error);
        fr_query_free(q);
        fail_msg("query %u -> %u: %s", from, to, m);
    }
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    fr_key found;
    if (fr_engine_dijkstra(fr_workspace_of_thread(), &net->vgraph, &spec, &found, path)) {
        *key = path_key(&net->vgraph, weights_of(&net->vgraph, objective), path);
    } else {
        g_array_free(path, TRUE);
        path = NULL;
    }
    fr_search_spec_clear(&spec);
    fr_query_free(q);
    return path;
}

static fr_ch *build_ok(const fr_network *net, fr_objective objective, fr_ch_stats *stats)
{
    GError *error = NULL;
    fr_ch *ch = fr_ch_build(&net->vgraph, weights_of(&net->vgraph, objective), stats, &error);
    if (!ch) {
        char *m = g_strdup(error ? error->message : "(no error)");
        g_clear_error(&error);
        fail_msg("fr_ch_build: %s", m);
    }
    assert_null(error);
    return ch;
}

/* ---- one query, checked ---------------------------------------------------------- */

/* The hierarchy's path is a chain from a source to a target whose figures
 * sum to `key`. */
static void check_path(const ctx *c, const GArray *path, const fr_key *key,
                       const uint32_t *sources, uint32_t n_sources, const uint32_t *targets,
                       uint32_t n_targets)
{
    const fr_vgraph *g = &c->net->vgraph;
    RN_CHECK(path->len > 0, "empty path");
    const uint32_t *e = (const uint32_t *)path->data;
    for (guint i = 0; i < path->len; i++)
        RN_CHECK(e[i] < g->n_edges, "edge %u out of range", e[i]);
    RN_CHECK(contains(sources, n_sources, g->edge_from[e[0]]), "path starts at state %u",
             g->edge_from[e[0]]);
    RN_CHECK(contains(targets, n_targets, g->edge_to[e[path->len - 1]]), "path ends at state %u",
             g->edge_to[e[path->len - 1]]);
    for (guint i = 0; i + 1 < path->len; i++)
        RN_CHECK(g->edge_to[e[i]] == g->edge_from[e[i + 1]], "edges %u and %u do not join", e[i],
                 e[i + 1]);
    fr_key sum = path_key(g, weights_of(g, objectives[c->objective]), path);
    RN_CHECK(fr_key_compare(&sum, key) == 0,
             "path sums to (%.17g, %.17g, %.17g, %u), key is (%.17g, %.17g, %.17g, %u)", sum.obj,
             sum.time, sum.cost, sum.edges, key->obj, key->time, key->cost, key->edges);
}

/* Checks the hierarchy against the reference for one pair; returns the
 * reference path (NULL when none) for callers that compare more. */
static GArray *check_pair(const ctx *c, const fr_ch *ch, fr_ch_workspace *ws)
{
    const fr_vgraph *g = &c->net->vgraph;
    uint32_t sources[FR_MODE_COUNT], targets[FR_MODE_COUNT];
    uint32_t n_sources = node_states(g, c->from, true, sources);
    uint32_t n_targets = node_states(g, c->to, false, targets);
    fr_key want = {0, 0, 0, 0}, got;
    GArray *ref = reference(c->net, c->from, c->to, objectives[c->objective], &want);
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    bool found = fr_ch_route(ch, ws, sources, n_sources, targets, n_targets, &got, path);
    RN_CHECK(found == (ref != NULL), "reachability: hierarchy %d, Dijkstra %d", found, ref != NULL);
    if (found) {
        RN_CHECK(fr_key_compare(&got, &want) == 0,
                 "key (%.17g, %.17g, %.17g, %u), Dijkstra (%.17g, %.17g, %.17g, %u)", got.obj,
                 got.time, got.cost, got.edges, want.obj, want.time, want.cost, want.edges);
        check_path(c, path, &got, sources, n_sources, targets, n_targets);
        fr_key again;
        RN_CHECK(fr_ch_route(ch, ws, sources, n_sources, targets, n_targets, &again, NULL) &&
                     same_key(&again, &got),
                 "a query without a path gives another key");
        GArray *bare = g_array_new(FALSE, FALSE, sizeof(uint32_t));
        RN_CHECK(fr_ch_route(ch, ws, sources, n_sources, targets, n_targets, NULL, bare) &&
                     bare->len == path->len &&
                     memcmp(bare->data, path->data, path->len * sizeof(uint32_t)) == 0,
                 "a query without a key gives another path");
        g_array_free(bare, TRUE);
    } else {
        RN_CHECK(path->len == 0, "a path (%u edges) without a route", path->len);
    }
    double objective = -1;
    bool reached = fr_ch_distance(ch, ws, sources, n_sources, targets, n_targets, &objective);
    RN_CHECK(reached == found && (!found || objective == got.obj),
             "fr_ch_distance: %d, %.17g; fr_ch_route: %d, %.17g", reached, objective, found,
             found ? got.obj : -1.0);
    g_array_free(path, TRUE);
    return ref;
}

/* Every pair (small networks) or `pairs` random ones, for every objective. */
static void check_network(guint32 seed, const rn_net *model, const fr_network *net,
                          fr_ch_workspace *ws, int pairs, GRand *rng)
{
    uint32_t n = fr_network_node_count(net);
    for (int o = 0; o < (int)G_N_ELEMENTS(objectives); o++) {
        fr_ch *ch = build_ok(net, objectives[o], NULL);
        ctx c = {seed, model, net, 0, 0, o};
        bool all = (uint64_t)n * (n - 1) <= (uint64_t)pairs;
        for (uint32_t i = 0; all ? i < n * n : i < (uint32_t)pairs; i++) {
            c.from = all ? i / n : (uint32_t)g_rand_int_range(rng, 0, (gint32)n);
            c.to = all ? i % n : (uint32_t)g_rand_int_range(rng, 0, (gint32)n);
            if (c.from != c.to) {
                GArray *ref = check_pair(&c, ch, ws);
                if (ref)
                    g_array_free(ref, TRUE);
            }
        }
        fr_ch_free(ch);
    }
}

/* ---- random networks --------------------------------------------------------------- */

/* Copies of random links: some with the same figures (a tie: the lower edge
 * id must win), some dearer, some cheaper than the original. */
static void add_parallel_links(rn_net *net, guint32 seed)
{
    GRand *rng = g_rand_new_with_seed(seed ^ 0x9e3779b9u);
    guint n = net->links->len;
    for (guint i = 0; i < n; i++) {
        if (g_rand_int_range(rng, 0, 3) != 0)
            continue;
        rn_link l = g_array_index(net->links, rn_link, i);
        g_snprintf(l.id, sizeof l.id, "P%u", i);
        double factor[] = {1.0, 2.0, 0.5};
        int k = g_rand_int_range(rng, 0, 3);
        if (!net->integer || k == 0) {
            l.cost_usd *= factor[k];
            l.time_h *= factor[k];
            l.distance_km *= factor[k];
            l.co2_kg *= factor[k];
        } else {
            l.cost_usd += k; /* stays an integer */
        }
        g_array_append_val(net->links, l);
    }
    g_rand_free(rng);
}

static void test_random_networks(void **state)
{
    (void)state;
    fr_ch_workspace *ws = fr_ch_workspace_new(); /* one for all: it grows and resets */
    GRand *rng = g_rand_new_with_seed(7);
    for (int i = 0; i < N_NETWORKS; i++) {
        guint32 seed = 1000u + (guint32)i;
        int n_nodes = 3 + i % 30;
        rn_net *model = rn_generate(seed, n_nodes, i % 2 == 1);
        if (i % 3 == 0)
            rn_densify(model, seed, n_nodes, 0.5);
        if (i % 4 == 1)
            add_parallel_links(model, seed);
        fr_network *net = rn_load(model);
        check_network(seed, model, net, ws, PAIRS_PER_NETWORK, rng);
        fr_network_free(net);
        rn_free(model);
    }
    g_rand_free(rng);
    fr_ch_workspace_free(ws);
}

/* ---- a ring: shortcuts known in any order --------------------------------------------- */

#define RING 7

/* One-way road links N0 -> N1 -> ... -> N6 -> N0, each doubled by a link
 * of equal figures (later id: loses the tie) and one that costs more. The
 * virtual graph, parallel arcs merged, is one directed cycle of 2 * RING
 * states, and contracting a state of a cycle of length L >= 3 always adds
 * exactly one shortcut (nothing else joins its neighbours) while L = 2 adds
 * none: 2 * RING - 2 shortcuts, whatever the order. */
static fr_network *ring_network(void)
{
    GString *nodes = g_string_new("id,name,kind,country,lat,lon,dwell_h,dwell_usd\n");
    GString *links = g_string_new("id,from,to,mode,distance_km,time_h,cost_usd\n");
    for (int i = 0; i < RING; i++) {
        g_string_append_printf(nodes, "N%d,Node %d,junction,CN,%d,%d,%d,%d\n", i, i, i, i,
                               i % 3, i % 2);
        int to = (i + 1) % RING;
        g_string_append_printf(links, "A%d,N%d,N%d,road,%d,%d,%d\n", i, i, to, 10 + i, 1 + i,
                               5 + 2 * i);
        g_string_append_printf(links, "B%d,N%d,N%d,road,%d,%d,%d\n", i, i, to, 10 + i, 1 + i,
                               5 + 2 * i);
        g_string_append_printf(links, "C%d,N%d,N%d,road,%d,%d,%d\n", i, i, to, 11 + i, 2 + i,
                               6 + 2 * i);
    }
    fr_network *net = load_net_ok(nodes->str, links->str, NULL, NULL);
    g_string_free(nodes, TRUE);
    g_string_free(links, TRUE);
    return net;
}

/* The ring's one optimal route (through the A links) equals the
 * reference path edge for edge. */
static void check_ring_pair(const ctx *c, const fr_ch *ch, fr_ch_workspace *ws)
{
    const fr_vgraph *g = &c->net->vgraph;
    GArray *ref = check_pair(c, ch, ws);
    RN_CHECK(ref != NULL, "the ring joins every pair");
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    uint32_t s, t, hops = (c->to + RING - c->from) % RING;
    node_states(g, c->from, true, &s);
    node_states(g, c->to, false, &t);
    fr_key key;
    assert_true(fr_ch_route(ch, ws, &s, 1, &t, 1, &key, path));
    RN_CHECK(path->len == ref->len &&
                 memcmp(path->data, ref->data, path->len * sizeof(uint32_t)) == 0,
             "the path differs from the reference");
    RN_CHECK(key.edges == 2 * hops - 1, "%u edges for %u links", key.edges, hops);
    g_array_free(path, TRUE);
    g_array_free(ref, TRUE);
}

static void test_ring(void **state)
{
    (void)state;
    fr_network *net = ring_network();
    assert_int_equal(net->vgraph.n_states, 2 * RING);
    fr_ch_workspace *ws = fr_ch_workspace_new();
    for (int o = 0; o < (int)G_N_ELEMENTS(objectives); o++) {
        fr_ch_stats stats, again;
        fr_ch *ch = build_ok(net, objectives[o], &stats);
        assert_int_equal(stats.shortcuts, 2 * RING - 2);
        assert_int_equal(stats.upward_edges, 2 * RING + 2 * RING - 2);
        assert_true(stats.bytes > 0);
        fr_ch_get_stats(ch, &again);
        assert_true(again.seconds == stats.seconds && again.shortcuts == stats.shortcuts &&
                    again.upward_edges == stats.upward_edges && again.bytes == stats.bytes);
        ctx pair = {0, NULL, net, 0, 0, o};
        for (pair.from = 0; pair.from < RING; pair.from++)
            for (pair.to = 0; pair.to < RING; pair.to++)
                if (pair.from != pair.to)
                    check_ring_pair(&pair, ch, ws);
        fr_ch_free(ch);
    }
    fr_ch_workspace_free(ws);
    fr_network_free(net);
}

/* ---- grids full of ties ------------------------------------------------------------------ */

static void test_grid_ties(void **state)
{
    (void)state;
    fr_ch_workspace *ws = fr_ch_workspace_new();
    GRand *rng = g_rand_new_with_seed(11);
    fr_network *flat = tie_grid_network(9, 1, 0, 1); /* every pair, all links equal */
    check_network(0, NULL, flat, ws, 9 * 9 * 8, rng);
    fr_network_free(flat);
    fr_network *coarse = tie_grid_network(24, 2, 5, 2); /* figures 1 or 2, rail and transfers */
    check_network(0, NULL, coarse, ws, 400, rng);
    fr_network_free(coarse);
    for (guint32 seed = 1; seed <= 4; seed++) { /* costs tie within the tolerance, unequal */
        fr_network *drift = drift_grid_network(14, 3, seed);
        check_network(0, NULL, drift, ws, 600, rng);
        fr_network_free(drift);
    }
    g_rand_free(rng);
    fr_ch_workspace_free(ws);
}

/* ---- every arc's halves and tie figures ------------------------------------------------- */

/* Appends arc i of graph d's original edges to `edges`, shortcuts by their
 * halves (recursively: test networks are small). */
static void arc_edges(const fr_ch *ch, int d, uint32_t i, GArray *edges)
{
    const uint32_t *half = &ch->half[d][2 * (size_t)i];
    if (half[1] == HALF_EDGE) {
        g_array_append_val(edges, half[0]);
        return;
    }
    arc_edges(ch, BWD, half[0], edges);
    arc_edges(ch, FWD, half[1], edges);
}

/* The row of graph d that holds arc i. */
static uint32_t row_of_arc(const fr_ch *ch, int d, uint32_t i)
{
    uint32_t lo = 0, hi = ch->n_states; /* off[d][lo] <= i < off[d][hi] */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ch->off[d][mid] <= i)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The numbering (ch_order.c renumbers the contraction order): ranks are a
 * permutation of the states, every arc leads to a higher rank, and a
 * shortcut's halves are the backward and the forward arc of one row,
 * below both the shortcut's ends. */
static void check_layout(const fr_ch *ch)
{
    uint32_t n = ch->n_states;
    bool *seen = g_new0(bool, n);
    for (uint32_t v = 0; v < n; v++) {
        assert_true(ch->rank[v] < n && !seen[ch->rank[v]]);
        seen[ch->rank[v]] = true;
    }
    for (int d = FWD; d <= BWD; d++)
        for (uint32_t r = 0; r < n; r++)
            for (uint32_t i = ch->off[d][r]; i < ch->off[d][r + 1]; i++) {
                assert_true(ch->head[d][i] > r && ch->head[d][i] < n);
                if (arc_is_edge(ch, d, i))
                    continue;
                const uint32_t *half = &ch->half[d][2 * (size_t)i];
                uint32_t m = row_of_arc(ch, BWD, half[0]);
                assert_int_equal(row_of_arc(ch, FWD, half[1]), m);
                assert_true(m < r && m < ch->head[d][i]);
            }
    g_free(seen);
}

/* Every arc of the hierarchy: its halves unpack to a chain of virtual
 * edges from its tail state to its head state; its objective and its tie
 * figures as ch_figures.c sums them (one arc at a time, and all at once:
 * the same bits) are that chain's sums, within the tolerance, and its edge
 * count exactly. */
static void check_arcs(const fr_network *net, fr_objective objective, const fr_ch *ch)
{
    const fr_vgraph *g = &net->vgraph;
    const double *weight = weights_of(g, objective);
    check_layout(ch);
    uint32_t n = ch->n_states, *state_of = g_new(uint32_t, n + 1);
    for (uint32_t v = 0; v < n; v++)
        state_of[ch->rank[v]] = v;
    ch_tail *all[2];
    fr_ch_all_tails(ch, all);
    ch_tail_scratch scratch = {0};
    GArray *edges = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (int d = FWD; d <= BWD; d++)
        for (uint32_t r = 0; r < n; r++)
            for (uint32_t i = ch->off[d][r]; i < ch->off[d][r + 1]; i++) {
                uint32_t from = state_of[d == FWD ? r : ch->head[d][i]];
                uint32_t to = state_of[d == FWD ? ch->head[d][i] : r];
                g_array_set_size(edges, 0);
                arc_edges(ch, d, i, edges);
                const uint32_t *e = (const uint32_t *)edges->data;
                assert_int_equal(g->edge_from[e[0]], from);
                assert_int_equal(g->edge_to[e[edges->len - 1]], to);
                fr_key sum = {0, 0, 0, 0};
                for (guint k = 0; k < edges->len; k++) {
                    if (k > 0)
                        assert_int_equal(g->edge_to[e[k - 1]], g->edge_from[e[k]]);
                    sum = fr_key_add(sum, (fr_key){weight[e[k]], g->time[e[k]], g->cost[e[k]], 1});
                }
                ch_tail one = fr_ch_arc_tail(ch, d, i, &scratch);
                assert_true(one.time == all[d][i].time && one.cost == all[d][i].cost &&
                            one.edges == all[d][i].edges);
                fr_key arc = key_of(ch->obj[d][i], one);
                assert_int_equal(fr_key_compare(&arc, &sum), 0);
                assert_int_equal(arc.edges, edges->len);
            }
    g_array_free(edges, TRUE);
    fr_ch_tail_scratch_clear(&scratch);
    g_free(all[FWD]);
    g_free(all[BWD]);
    g_free(state_of);
}

static void test_arc_halves_and_figures(void **state)
{
    (void)state;
    for (int i = 0; i < 40; i++) {
        guint32 seed = 5000u + (guint32)i;
        int n_nodes = 4 + i % 25;
        rn_net *model = rn_generate(seed, n_nodes, i % 2 == 1);
        if (i % 3 == 0)
            rn_densify(model, seed, n_nodes, 0.5);
        fr_network *net = rn_load(model);
        fr_objective objective = objectives[i % 4];
        fr_ch *ch = build_ok(net, objective, NULL);
        check_arcs(net, objective, ch);
        fr_ch_free(ch);
        fr_network_free(net);
        rn_free(model);
    }
    fr_network *grid = tie_grid_network(24, 2, 5, 2);
    fr_ch *ch = build_ok(grid, FR_OBJECTIVE_COST, NULL);
    check_arcs(grid, FR_OBJECTIVE_COST, ch);
    fr_ch_free(ch);
    fr_network_free(grid);
}

/* ---- the API's edges ---------------------------------------------------------------------- */

static void test_edge_cases(void **state)
{
    (void)state;
    fr_network *net = ring_network();
    const fr_vgraph *g = &net->vgraph;
    fr_ch *ch = build_ok(net, FR_OBJECTIVE_COST, NULL);
    fr_ch_workspace *ws = fr_ch_workspace_new();
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    uint32_t s = 1, t = 4, far = g->n_states + 5;
    fr_key key;
    assert_false(fr_ch_route(ch, ws, NULL, 0, &t, 1, &key, path)); /* no source */
    assert_false(fr_ch_route(ch, ws, &s, 1, NULL, 0, &key, path)); /* no target */
    assert_false(fr_ch_route(ch, ws, &far, 1, &t, 1, &key, path)); /* out of range: ignored */
    assert_int_equal(path->len, 0);
    /* a state that is both: the empty path */
    assert_true(fr_ch_route(ch, ws, &s, 1, &s, 1, &key, path));
    assert_int_equal(path->len, 0);
    assert_true(key.obj == 0 && key.time == 0 && key.cost == 0 && key.edges == 0);
    /* duplicates and out-of-range states among good ones; paths are appended */
    uint32_t sources[] = {far, s, s}, targets[] = {t, far, t};
    uint32_t sentinel = 12345;
    g_array_append_val(path, sentinel);
    assert_true(fr_ch_route(ch, ws, sources, 3, targets, 3, &key, path));
    assert_int_equal(g_array_index(path, uint32_t, 0), sentinel);
    assert_int_equal(path->len, 1 + key.edges);
    assert_true(fr_ch_route(ch, ws, sources, 3, targets, 3, NULL, NULL));
    /* a negative figure: an error, no hierarchy */
    double *weight = g_memdup2(g->cost, g->n_edges * sizeof(double));
    weight[g->n_edges / 2] = -1;
    GError *error = NULL;
    assert_null(fr_ch_build(g, weight, NULL, &error));
    assert_true(error && error->domain == FR_ERROR && error->code == FR_ERROR_INTERNAL);
    g_error_free(error);
    g_free(weight);
    g_array_free(path, TRUE);
    fr_ch_workspace_free(ws);
    fr_ch_free(ch);
    fr_ch_free(NULL);
    fr_ch_workspace_free(NULL);
    fr_network_free(net);
}

/* ---- threads -------------------------------------------------------------------------------- */

typedef struct {
    uint32_t from, to; /* states */
    bool found;
    fr_key key;
    GArray *path;
} answer;

typedef struct {
    const fr_ch *ch;
    const answer *expected;
    int n, thread, mismatches, first_bad;
} worker;

static bool same_answer(const answer *a, bool found, const fr_key *key, const GArray *path)
{
    return a->found == found &&
           (!found || (same_key(&a->key, key) && a->path->len == path->len &&
                       memcmp(a->path->data, path->data, path->len * sizeof(uint32_t)) == 0));
}

static gpointer run_worker(gpointer data)
{
    worker *w = data;
    fr_ch_workspace *ws = fr_ch_workspace_new();
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (int round = 0; round < 3; round++)
        for (int k = 0; k < w->n; k++) {
            int i = (k * 7 + w->thread * 31 + round) % w->n; /* each thread its own order */
            const answer *a = &w->expected[i];
            fr_key key;
            g_array_set_size(path, 0);
            bool found = fr_ch_route(w->ch, ws, &a->from, 1, &a->to, 1, &key, path);
            if (!same_answer(a, found, &key, path) && w->mismatches++ == 0)
                w->first_bad = i;
        }
    g_array_free(path, TRUE);
    fr_ch_workspace_free(ws);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    fr_network *net = tie_grid_network(20, 9, 7, 3);
    const fr_vgraph *g = &net->vgraph;
    fr_ch *ch = build_ok(net, FR_OBJECTIVE_TIME, NULL);
    enum { N_ANSWERS = 300 };
    answer *expected = g_new0(answer, N_ANSWERS);
    fr_ch_workspace *ws = fr_ch_workspace_new();
    GRand *rng = g_rand_new_with_seed(5);
    for (int i = 0; i < N_ANSWERS; i++) {
        answer *a = &expected[i];
        a->from = 2 * (uint32_t)g_rand_int_range(rng, 0, (gint32)g->n_states / 2) + 1;
        a->to = 2 * (uint32_t)g_rand_int_range(rng, 0, (gint32)g->n_states / 2);
        a->path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
        a->found = fr_ch_route(ch, ws, &a->from, 1, &a->to, 1, &a->key, a->path);
    }
    worker workers[N_THREADS];
    GThread *threads[N_THREADS];
    for (int t = 0; t < N_THREADS; t++) {
        workers[t] = (worker){ch, expected, N_ANSWERS, t, 0, -1};
        threads[t] = g_thread_new("ch-query", run_worker, &workers[t]);
    }
    for (int t = 0; t < N_THREADS; t++)
        g_thread_join(threads[t]);
    for (int t = 0; t < N_THREADS; t++)
        if (workers[t].mismatches)
            fail_msg("thread %d: %d answers differ from the serial ones, first states %u -> %u",
                     t, workers[t].mismatches, expected[workers[t].first_bad].from,
                     expected[workers[t].first_bad].to);
    for (int i = 0; i < N_ANSWERS; i++)
        g_array_free(expected[i].path, TRUE);
    g_free(expected);
    g_rand_free(rng);
    fr_ch_workspace_free(ws);
    fr_ch_free(ch);
    fr_network_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ring),
        cmocka_unit_test(test_edge_cases),
        cmocka_unit_test(test_grid_ties),
        cmocka_unit_test(test_arc_halves_and_figures),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_random_networks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
