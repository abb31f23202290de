/* test_engine_many.c - the engine's searches from one origin
 * (lib/search/engine.c) and its workspaces.
 *
 * - fr_engine_one_to_many() against fr_engine_dijkstra() per target, with
 *   repeated targets and the origin among them.
 * - fr_engine_scalar_all() forward and backward against igraph's distances
 *   (mode OUT and IN) from random sets of roots.
 * - One workspace across networks of different sizes, and across the wrap
 *   of its generation counters, against fresh workspaces.
 *
 * Shared fixtures: engine_fixtures.c. A failure prints the seed, the query
 * and the network's CSV files. */
#include "engine_fixtures.h"

#include <math.h>
#include <string.h>

static bool same_path(const GArray *a, const GArray *b)
{
    return a->len == b->len &&
           (a->len == 0 || memcmp(a->data, b->data, a->len * sizeof(uint32_t)) == 0);
}

static char *path_text(const GArray *path)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < path->len; i++)
        g_string_append_printf(s, "%s%u", i ? " " : "", g_array_index(path, uint32_t, i));
    return g_string_free(s, FALSE);
}

/* ---- 1. one to many -------------------------------------------------------------- */

static void test_one_to_many(void **state)
{
    (void)state;
    long searches = 0, targets_checked = 0, reached_count = 0;
    fr_workspace *ws = fr_workspace_new(), *ws_p2p = fr_workspace_new();
    for (guint32 seed = 20001; seed < 20001 + 150; seed++) {
        bool integer = seed % 3 == 0;
        rn_net *net = make_net(seed, integer, 3, 30);
        fr_network *fn = rn_load(net);
        GRand *rng = g_rand_new_with_seed(seed + 77u);
        ctx cx = {.seed = seed, .net = net};
        ctx *c = &cx;
        for (int i = 0; i < 10; i++) {
            if (i % 2)
                restricted_query(net, rng, &c->q);
            else
                plain_query(&c->q, g_rand_int_range(rng, 0, net->n_nodes), 0,
                            (fr_objective)g_rand_int_range(rng, 0, FR_OBJECTIVE_COUNT));
            c->q.to = (c->q.from + 1) % net->n_nodes; /* unused by one-to-many */
            if (c->q.avoid_node == c->q.to)
                c->q.avoid_node = -1;
            if (c->q.avoid_country[0] &&
                strcmp(net->nodes[c->q.to].country, c->q.avoid_country) == 0)
                c->q.avoid_country[0] = '\0';
            fr_search_spec spec;
            make_spec(c, fn, &spec);
            /* targets: random nodes (blocked ones included), repeats, the origin */
            uint32_t n = (uint32_t)g_rand_int_range(rng, 1, 2 * net->n_nodes + 1);
            uint32_t *targets = g_new(uint32_t, n + 2);
            for (uint32_t k = 0; k < n; k++)
                targets[k] = (uint32_t)g_rand_int_range(rng, 0, net->n_nodes);
            targets[n++] = spec.origin;
            targets[n] = targets[0];
            n++;
            bool *reached = g_new0(bool, n);
            fr_key *keys = g_new0(fr_key, n);
            GArray **paths = g_new(GArray *, n);
            for (uint32_t k = 0; k < n; k++)
                paths[k] = g_array_new(FALSE, FALSE, sizeof(uint32_t));
            fr_engine_one_to_many(ws, &fn->vgraph, &spec, targets, n, reached, keys, paths);
            searches++;
            GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
            for (uint32_t k = 0; k < n; k++) {
                c->q.to = (int)targets[k];
                ctx_extra(c, "one-to-many: target %u of %u (from/to above: origin and target)",
                          k, n);
                targets_checked++;
                if (targets[k] == spec.origin) {
                    RN_CHECK(!reached[k], "the origin is reached as a target");
                    RN_CHECK(paths[k]->len == 0, "the origin has a path");
                    continue;
                }
                spec.destination = targets[k];
                fr_key key = {0};
                g_array_set_size(path, 0);
                bool found = fr_engine_dijkstra(ws_p2p, &fn->vgraph, &spec, &key, path);
                RN_CHECK(reached[k] == found, "one-to-many reached=%d, dijkstra %d", reached[k],
                         found);
                if (!found) {
                    RN_CHECK(paths[k]->len == 0, "unreached target with a path");
                    continue;
                }
                reached_count++;
                RN_CHECK(fr_key_compare(&keys[k], &key) == 0,
                         "one-to-many key (%.17g, %.17g, %.17g, %u), dijkstra (%.17g, %.17g, "
                         "%.17g, %u)",
                         keys[k].obj, keys[k].time, keys[k].cost, keys[k].edges, key.obj,
                         key.time, key.cost, key.edges);
                if (!same_path(paths[k], path)) {
                    char *a = path_text(paths[k]), *b = path_text(path);
                    RN_CHECK(false, "one-to-many path [%s], dijkstra [%s]", a, b);
                }
                check_path(c, fn, &spec, &keys[k], paths[k], "one-to-many");
            }
            g_array_free(path, TRUE);
            for (uint32_t k = 0; k < n; k++)
                g_array_free(paths[k], TRUE);
            g_free(paths);
            g_free(keys);
            g_free(reached);
            g_free(targets);
            fr_search_spec_clear(&spec);
        }
        g_rand_free(rng);
        fr_network_free(fn);
        rn_free(net);
    }
    fr_workspace_free(ws);
    fr_workspace_free(ws_p2p);
    print_message("one-to-many: %ld searches, %ld targets compared (%ld reached)\n", searches,
                  targets_checked, reached_count);
    assert_true(reached_count > 1000);
}

/* ---- 2. scalar one to all --------------------------------------------------------- */

static void test_scalar_all(void **state)
{
    (void)state;
    long runs = 0, states_checked = 0, finite = 0;
    fr_workspace *ws = fr_workspace_new();
    for (guint32 seed = 30001; seed < 30001 + 120; seed++) {
        rn_net *net = make_net(seed, seed % 4 == 0, 3, 40);
        fr_network *fn = rn_load(net);
        const fr_vgraph *g = &fn->vgraph;
        GRand *rng = g_rand_new_with_seed(seed + 3u);
        ctx cx = {.seed = seed, .net = net};
        ctx *c = &cx;
        double *dist = g_new(double, g->n_states + 1), *want = g_new(double, g->n_states + 1);
        for (int i = 0; i < 8 && g->n_states > 0; i++) {
            /* plain metrics for the preparable objectives, a restricted
             * query's metric (any objective) otherwise */
            bool restricted = i >= 4;
            if (restricted)
                restricted_query(net, rng, &c->q);
            else
                plain_query(&c->q, 0, 1, (fr_objective)i);
            fr_search_spec spec;
            make_spec(c, fn, &spec);
            fr_metric m;
            if (restricted)
                fr_metric_init(&m, &fn->vgraph, &spec);
            else
                fr_metric_plain(&m, g, (fr_objective)i);
            ref_graph r;
            ref_build(&r, fn, &spec, false, !restricted);
            uint32_t roots[6];
            uint32_t n_roots = (uint32_t)g_rand_int_range(rng, 1, 6);
            for (uint32_t k = 0; k < n_roots; k++)
                roots[k] = (uint32_t)g_rand_int_range(rng, 0, (gint32)g->n_states);
            for (int backward = 0; backward < 2; backward++) {
                fr_engine_scalar_all(ws, &m, roots, n_roots, backward, dist);
                ref_distances(&r, roots, n_roots, backward ? IGRAPH_IN : IGRAPH_OUT, want,
                              g->n_states);
                runs++;
                for (uint32_t s = 0; s < g->n_states; s++) {
                    states_checked++;
                    finite += want[s] < INFINITY;
                    ctx_extra(c, "scalar_all %s, restricted=%d, %u roots (first %u), state %u",
                              backward ? "backward" : "forward", restricted, n_roots, roots[0],
                              s);
                    RN_CHECK(close_rel(dist[s], want[s], 1e-9) ||
                                 (dist[s] == INFINITY && want[s] == INFINITY),
                             "engine %.17g, igraph %.17g", dist[s], want[s]);
                }
            }
            ref_clear(&r);
            fr_search_spec_clear(&spec);
        }
        g_free(dist);
        g_free(want);
        g_rand_free(rng);
        fr_network_free(fn);
        rn_free(net);
    }
    fr_workspace_free(ws);
    print_message("scalar one-to-all: %ld runs, %ld states compared (%ld finite)\n", runs,
                  states_checked, finite);
    assert_true(finite > 10000 && finite < states_checked);
}

/* ---- 3. workspace reuse ------------------------------------------------------------ */

typedef struct {
    rn_net *net;
    fr_network *fn;
} net_pair;

/* Everything one workspace can answer for a query: every algorithm, the
 * one-to-many search to all nodes, scalar distances; into a GArray of
 * doubles and uint32s (a fingerprint). */
static void fingerprint(ctx *c, fr_workspace *ws, const fr_network *fn, GArray *out)
{
    fr_search_spec spec;
    make_spec(c, fn, &spec);
    bool restricted = spec.restricted;
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (int a = FR_ALGORITHM_DIJKSTRA; a < FR_ALGORITHM_COUNT; a++) {
        if (((a == FR_ALGORITHM_LANDMARKS || a == FR_ALGORITHM_CH) &&
             !fr_network_is_prepared(fn, spec.objective, FR_PREPARE_LANDMARKS | FR_PREPARE_CH)) ||
            (a == FR_ALGORITHM_CH && restricted))
            continue;
        fr_key key = {0};
        g_array_set_size(path, 0);
        double found = fr_engine_route(ws, fn, &spec, (fr_algorithm)a, &key, path);
        double k[5] = {a, found, key.obj, key.time, key.cost};
        g_array_append_vals(out, k, 5);
        for (guint i = 0; i < path->len; i++) {
            double e = g_array_index(path, uint32_t, i);
            g_array_append_val(out, e);
        }
    }
    uint32_t n = (uint32_t)c->net->n_nodes;
    uint32_t *targets = g_new(uint32_t, n);
    for (uint32_t i = 0; i < n; i++)
        targets[i] = n - 1 - i;
    bool *reached = g_new0(bool, n);
    fr_key *keys = g_new0(fr_key, n);
    fr_engine_one_to_many(ws, &fn->vgraph, &spec, targets, n, reached, keys, NULL);
    for (uint32_t i = 0; i < n; i++) {
        double k[4] = {reached[i], reached[i] ? keys[i].obj : 0, reached[i] ? keys[i].time : 0,
                       reached[i] ? keys[i].edges : 0};
        g_array_append_vals(out, k, 4);
    }
    const fr_vgraph *g = &fn->vgraph;
    fr_metric m;
    fr_metric_init(&m, &fn->vgraph, &spec);
    double *dist = g_new(double, g->n_states + 1);
    uint32_t root = g->n_states / 2;
    for (int backward = 0; backward < 2 && g->n_states > 0; backward++) {
        fr_engine_scalar_all(ws, &m, &root, 1, backward, dist);
        g_array_append_vals(out, dist, g->n_states);
    }
    g_free(dist);
    g_free(keys);
    g_free(reached);
    g_free(targets);
    g_array_free(path, TRUE);
    fr_search_spec_clear(&spec);
}

static void compare_fingerprints(ctx *c, fr_workspace *shared, const fr_network *fn,
                                 const char *when)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *b = g_array_new(FALSE, FALSE, sizeof(double));
    fingerprint(c, shared, fn, a);
    fr_workspace *fresh = fr_workspace_new();
    fingerprint(c, fresh, fn, b);
    fr_workspace_free(fresh);
    guint bad = a->len;
    for (guint i = 0; i < a->len && i < b->len && bad == a->len; i++) {
        double x = g_array_index(a, double, i), y = g_array_index(b, double, i);
        if (!(x == y || (isnan(x) && isnan(y))))
            bad = i;
    }
    ctx_extra(c, "workspace reuse (%s)", when);
    RN_CHECK(a->len == b->len && bad == a->len,
             "the shared workspace answers differently from a fresh one (lengths %u and %u, "
             "first difference at %u: %.17g vs %.17g)",
             a->len, b->len, bad, bad < a->len ? g_array_index(a, double, bad) : 0,
             bad < b->len ? g_array_index(b, double, bad) : 0);
    g_array_free(a, TRUE);
    g_array_free(b, TRUE);
}

static void test_workspace_reuse(void **state)
{
    (void)state;
    /* networks of very different sizes, used in alternation */
    const int sizes[] = {64, 4, 40, 9, 25, 2};
    enum { N_NETS = G_N_ELEMENTS(sizes) };
    net_pair nets[N_NETS];
    for (int i = 0; i < N_NETS; i++) {
        nets[i].net = make_net(40001 + (guint32)i, i % 2, sizes[i], sizes[i]);
        nets[i].fn = rn_load(nets[i].net);
        ctx cx = {.seed = 40001 + (guint32)i, .net = nets[i].net};
        ctx *c = &cx;
        if (i % 3 != 2) /* some prepared, some not */
            prepare_all(c, nets[i].fn);
    }
    fr_workspace *ws = fr_workspace_new();
    GRand *rng = g_rand_new_with_seed(4242);
    long compared = 0, wrapped = 0;
    for (int round = 0; round < 8; round++) {
        if (round >= 2) {
            /* across the wrap of the generation counters: a new workspace
             * labels states in its first searches (stamps 1, 2, ...), then
             * the counters jump to just below UINT32_MAX, so that the
             * searches after the wrap run with those small stamps again:
             * the stale labels must not count */
            fr_workspace_free(ws);
            ws = fr_workspace_new();
        }
        for (int k = 0; k < 30; k++) {
            /* the largest network first: the arrays then never grow (which
             * would reset the counters) */
            int i = k == 0 ? 0 : g_rand_int_range(rng, 0, N_NETS);
            if (round >= 2 && k == 1) {
                ws->side[0].generation = UINT32_MAX - 1;
                ws->side[1].generation = UINT32_MAX - (uint32_t)round % 3;
                ws->node_generation = UINT32_MAX - 1;
            }
            ctx cx = {.seed = 40001 + (guint32)i, .net = nets[i].net};
            ctx *c = &cx;
            if (g_rand_boolean(rng)) {
                restricted_query(c->net, rng, &c->q);
            } else {
                plain_query(&c->q, g_rand_int_range(rng, 0, c->net->n_nodes), 0,
                            (fr_objective)g_rand_int_range(rng, 0, FR_OBJECTIVE_COUNT));
                c->q.to = (c->q.from + 1 + g_rand_int_range(rng, 0, c->net->n_nodes - 1)) %
                          c->net->n_nodes;
            }
            compare_fingerprints(c, ws, nets[i].fn, round >= 2 ? "across the wrap" : "mixed");
            compared++;
        }
        if (round >= 2) {
            /* the counters did wrap (and were not reset by growing arrays) */
            assert_true(ws->side[0].generation < 1000 && ws->side[1].generation < 1000 &&
                        ws->node_generation < 1000);
            wrapped++;
        }
    }
    g_rand_free(rng);
    fr_workspace_free(ws);
    for (int i = 0; i < N_NETS; i++) {
        fr_network_free(nets[i].fn);
        rn_free(nets[i].net);
    }
    print_message("workspace reuse: %ld queries on %d networks, all algorithms each; %ld "
                  "workspaces across the wrap of their counters\n",
                  compared, (int)N_NETS, wrapped);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workspace_reuse),
        cmocka_unit_test(test_one_to_many),
        cmocka_unit_test(test_scalar_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
