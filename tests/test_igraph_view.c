/* test_igraph_view.c - fr_vgraph_to_igraph() (lib/graph/vgraph_igraph.h):
 * the igraph copy of the virtual graph has vertex i = state i and edge e =
 * virtual edge e.
 *
 * On seeded random networks (randnet.c: real and small-integer figures,
 * parallel and bidirectional links, transfers, some densified), on
 * networks with one node and no links, and on the embedded network
 * (fr_network_load_default):
 * - the graph is directed, vcount == n_states, ecount == n_edges;
 * - igraph's edge e runs from edge_from[e] to edge_to[e] (igraph_edge and
 *   igraph_get_edgelist), and igraph's out- and in-degrees are those of the
 *   virtual graph's CSR (out_start, in_start);
 * - on the random networks, the edges, read as (node, mode, IN/OUT) to
 *   (node, mode, IN/OUT), are exactly those of the test's own expansion of
 *   FORMAT.md §2 (rn_vgraph_build, no constraints), as multisets.
 * igraph runs only between fr_igraph_enter() and fr_igraph_leave(); what it
 * answers is copied out and checked after fr_igraph_leave(), so that a
 * failing check never leaves the guard held. */
#include "helpers.h"
#include "randnet.h"

#include "network.h"
#include "vgraph_igraph.h"

#include <string.h>

/* What igraph says about its copy of a virtual graph. */
typedef struct {
    bool built;
    char *error;
    bool directed;
    igraph_integer_t vcount, ecount;
    igraph_integer_t *from, *to;         /* per edge, by igraph_edge() */
    igraph_integer_t *list;              /* igraph_get_edgelist(): from, to, from, to, ... */
    igraph_integer_t *out_deg, *in_deg;  /* per vertex */
    igraph_error_t status;               /* of the queries */
} view;

static void view_read(const fr_vgraph *g, view *v)
{
    memset(v, 0, sizeof *v);
    igraph_t graph;
    GError *err = NULL;
    v->built = fr_vgraph_to_igraph(g, &graph, &err);
    if (!v->built) {
        v->error = g_strdup(err ? err->message : "(no error set)");
        g_clear_error(&err);
        return;
    }
    fr_igraph_enter();
    v->directed = igraph_is_directed(&graph);
    v->vcount = igraph_vcount(&graph);
    v->ecount = igraph_ecount(&graph);
    /* g's sizes: a wrong count is reported after leaving, not read past */
    igraph_integer_t ne = v->ecount < (igraph_integer_t)g->n_edges ? v->ecount : g->n_edges;
    igraph_integer_t nv = v->vcount;
    v->from = g_new0(igraph_integer_t, ne + 1);
    v->to = g_new0(igraph_integer_t, ne + 1);
    v->list = g_new0(igraph_integer_t, 2 * v->ecount + 1);
    v->out_deg = g_new0(igraph_integer_t, nv + 1);
    v->in_deg = g_new0(igraph_integer_t, nv + 1);
    igraph_error_t status = IGRAPH_SUCCESS;
    for (igraph_integer_t e = 0; e < ne && status == IGRAPH_SUCCESS; e++)
        status = igraph_edge(&graph, e, &v->from[e], &v->to[e]);
    igraph_vector_int_t list, out_deg, in_deg;
    igraph_vector_int_init(&list, 0);
    igraph_vector_int_init(&out_deg, 0);
    igraph_vector_int_init(&in_deg, 0);
    if (status == IGRAPH_SUCCESS)
        status = igraph_get_edgelist(&graph, &list, false);
    if (status == IGRAPH_SUCCESS)
        status = igraph_degree(&graph, &out_deg, igraph_vss_all(), IGRAPH_OUT, true);
    if (status == IGRAPH_SUCCESS)
        status = igraph_degree(&graph, &in_deg, igraph_vss_all(), IGRAPH_IN, true);
    if (status == IGRAPH_SUCCESS) {
        for (igraph_integer_t i = 0; i < 2 * v->ecount; i++)
            v->list[i] = VECTOR(list)[i];
        for (igraph_integer_t s = 0; s < nv; s++) {
            v->out_deg[s] = VECTOR(out_deg)[s];
            v->in_deg[s] = VECTOR(in_deg)[s];
        }
    }
    v->status = status;
    igraph_vector_int_destroy(&list);
    igraph_vector_int_destroy(&out_deg);
    igraph_vector_int_destroy(&in_deg);
    igraph_destroy(&graph);
    fr_igraph_leave();
}

static void view_clear(view *v)
{
    g_free(v->error);
    g_free(v->from);
    g_free(v->to);
    g_free(v->list);
    g_free(v->out_deg);
    g_free(v->in_deg);
    memset(v, 0, sizeof *v);
}

/* The checks on a view of g; `what` names the network in messages. */
static void check_view(const fr_vgraph *g, const view *v, const char *what)
{
    if (!v->built)
        fail_msg("%s: fr_vgraph_to_igraph failed: %s", what, v->error);
    if (v->status != IGRAPH_SUCCESS)
        fail_msg("%s: igraph could not read its graph: %s", what, igraph_strerror(v->status));
    if (!v->directed)
        fail_msg("%s: the igraph graph is undirected", what);
    if (v->vcount != (igraph_integer_t)g->n_states || v->ecount != (igraph_integer_t)g->n_edges)
        fail_msg("%s: igraph has %" IGRAPH_PRId " vertices and %" IGRAPH_PRId
                 " edges, the virtual graph %u states and %u edges",
                 what, v->vcount, v->ecount, g->n_states, g->n_edges);
    for (uint32_t e = 0; e < g->n_edges; e++) {
        if (v->from[e] != g->edge_from[e] || v->to[e] != g->edge_to[e])
            fail_msg("%s: igraph edge %u runs %" IGRAPH_PRId " -> %" IGRAPH_PRId
                     ", virtual edge %u runs %u -> %u",
                     what, e, v->from[e], v->to[e], e, g->edge_from[e], g->edge_to[e]);
        if (v->list[2 * e] != g->edge_from[e] || v->list[2 * e + 1] != g->edge_to[e])
            fail_msg("%s: igraph's edge list has %" IGRAPH_PRId " -> %" IGRAPH_PRId
                     " at %u, virtual edge %u runs %u -> %u",
                     what, v->list[2 * e], v->list[2 * e + 1], e, e, g->edge_from[e],
                     g->edge_to[e]);
    }
    for (uint32_t s = 0; s < g->n_states; s++) {
        igraph_integer_t out = g->out_start[s + 1] - g->out_start[s];
        igraph_integer_t in = g->in_start[s + 1] - g->in_start[s];
        if (v->out_deg[s] != out || v->in_deg[s] != in)
            fail_msg("%s: state %u has igraph degrees out %" IGRAPH_PRId ", in %" IGRAPH_PRId
                     "; the virtual graph out %" IGRAPH_PRId ", in %" IGRAPH_PRId,
                     what, s, v->out_deg[s], v->in_deg[s], out, in);
    }
}

/* ---- the test's own expansion ---------------------------------------------------- */

/* An edge as (node, mode, OUT?) -> (node, mode, OUT?) in one number. */
static guint64 edge_code(uint32_t from_node, unsigned from_mode, bool from_out, uint32_t to_node,
                         unsigned to_mode, bool to_out)
{
    guint64 from = ((guint64)from_node * FR_MODE_COUNT + from_mode) * 2 + from_out;
    guint64 to = ((guint64)to_node * FR_MODE_COUNT + to_mode) * 2 + to_out;
    return from << 32 | to;
}

static gint compare_code(gconstpointer a, gconstpointer b)
{
    guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
    return x < y ? -1 : x > y;
}

/* The view's edges against rn_vgraph_build() on the model without
 * constraints; the igraph endpoints are named by the library's states. */
static void check_against_model(const rn_net *net, const fr_vgraph *g, const view *v,
                                const char *what)
{
    rn_query q;
    memset(&q, 0, sizeof q);
    q.modes = FR_MODES_ALL;
    q.avoid_node = -1;
    q.quantity = 1;
    rn_vgraph ref;
    rn_vgraph_build(&ref, net, &q);
    int mode_of[2 * RN_MAX_NODES * FR_MODE_COUNT];
    for (int n = 0; n < net->n_nodes; n++)
        for (int m = 0; m < FR_MODE_COUNT; m++)
            if (ref.pair[n][m] >= 0)
                mode_of[2 * ref.pair[n][m]] = mode_of[2 * ref.pair[n][m] + 1] = m;
    guint n_ref = ref.edges->len;
    GArray *want = g_array_new(FALSE, FALSE, sizeof(guint64));
    for (guint i = 0; i < n_ref; i++) {
        const rn_vedge *e = &g_array_index(ref.edges, rn_vedge, i);
        guint64 code = edge_code((uint32_t)ref.state_node[e->from], (unsigned)mode_of[e->from],
                                 e->from % 2 == 1, (uint32_t)ref.state_node[e->to],
                                 (unsigned)mode_of[e->to], e->to % 2 == 1);
        g_array_append_val(want, code);
    }
    int ref_states = ref.n_states;
    rn_vgraph_clear(&ref);
    GArray *got = g_array_new(FALSE, FALSE, sizeof(guint64));
    for (igraph_integer_t e = 0; e < v->ecount; e++) {
        igraph_integer_t a = v->from[e], b = v->to[e];
        guint64 code = edge_code(g->state_node[a], g->state_mode[a], (a & 1) == 1,
                                 g->state_node[b], g->state_mode[b], (b & 1) == 1);
        g_array_append_val(got, code);
    }
    g_array_sort(want, compare_code);
    g_array_sort(got, compare_code);
    guint bad = got->len == want->len ? got->len : 0;
    for (guint i = 0; i < got->len && i < want->len && bad == got->len; i++)
        if (g_array_index(got, guint64, i) != g_array_index(want, guint64, i))
            bad = i;
    bool same = got->len == want->len && bad == got->len;
    guint n_got = got->len;
    guint64 x = bad < got->len ? g_array_index(got, guint64, bad) : 0;
    guint64 y = bad < want->len ? g_array_index(want, guint64, bad) : 0;
    g_array_free(got, TRUE);
    g_array_free(want, TRUE);
    if (v->vcount != ref_states)
        fail_msg("%s: igraph has %" IGRAPH_PRId " vertices, the test's expansion %d states",
                 what, v->vcount, ref_states);
    if (!same)
        fail_msg("%s: igraph's %u edges differ from the test's %u expanded ones (first "
                 "difference in sorted order at %u: %#" G_GINT64_MODIFIER "x against %#"
                 G_GINT64_MODIFIER "x)",
                 what, n_got, n_ref, bad, x, y);
}

/* ---- tests ------------------------------------------------------------------------- */

static void test_random_networks(void **state)
{
    (void)state;
    long networks = 0, states = 0, edges = 0;
    for (guint32 seed = 1; seed <= 300; seed++) {
        GRand *rng = g_rand_new_with_seed(seed * 7919u + 3u);
        int n = g_rand_int_range(rng, 2, RN_MAX_NODES + 1);
        rn_net *net = rn_generate(seed, n, seed % 3 == 0);
        if (g_rand_int_range(rng, 0, 3) == 0)
            rn_densify(net, seed, n, 0.5);
        g_rand_free(rng);
        fr_network *fn = rn_load(net);
        char what[64];
        g_snprintf(what, sizeof what, "random network %u (%d nodes)", seed, n);
        view v;
        view_read(&fn->vgraph, &v);
        check_view(&fn->vgraph, &v, what);
        check_against_model(net, &fn->vgraph, &v, what);
        view_clear(&v);
        /* a second copy of the same graph is the same */
        view_read(&fn->vgraph, &v);
        check_view(&fn->vgraph, &v, what);
        view_clear(&v);
        networks++;
        states += fn->vgraph.n_states;
        edges += fn->vgraph.n_edges;
        fr_network_free(fn);
        rn_free(net);
    }
    print_message("igraph view: %ld random networks, %ld states and %ld edges in all\n",
                  networks, states, edges);
    assert_true(edges > 10000);
}

static void test_empty_graph(void **state)
{
    (void)state;
    /* one node and no links: no states, no edges */
    fr_network *fn = load_net_ok("id,name,kind,country,lat,lon\nA,A,city,CN,0,0\n",
                                 "id,from,to,mode,distance_km,time_h,cost_usd\n", NULL, NULL);
    assert_int_equal(fn->vgraph.n_states, 0);
    assert_int_equal(fn->vgraph.n_edges, 0);
    view v;
    view_read(&fn->vgraph, &v);
    check_view(&fn->vgraph, &v, "one node, no links");
    view_clear(&v);
    fr_network_free(fn);
}

static void test_embedded_network(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *fn = fr_network_load_default(&err);
    if (!fn)
        fail_msg("embedded network: %s", err ? err->message : "?");
    assert_true(fn->vgraph.n_states > 0 && fn->vgraph.n_edges > 0);
    view v;
    view_read(&fn->vgraph, &v);
    check_view(&fn->vgraph, &v, "the embedded network");
    print_message("igraph view of the embedded network: %" IGRAPH_PRId " vertices, %" IGRAPH_PRId
                  " edges\n",
                  v.vcount, v.ecount);
    view_clear(&v);
    fr_network_free(fn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_graph),
        cmocka_unit_test(test_random_networks),
        cmocka_unit_test(test_embedded_network),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
