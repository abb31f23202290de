/* physical.c - components, bridges and articulation points of the physical
 * network (physical.h) by igraph, inside the igraph guard. */
#include "physical.h"

#include "igraph_guard.h"

/* How many links join each unordered pair of nodes: keys[i] is link i's
 * pair, the table counts them (a link with a parallel one is never a
 * bridge, whatever igraph makes of parallel edges). */
static GHashTable *count_pairs(const fr_model *model, uint64_t *keys)
{
    GHashTable *pairs = g_hash_table_new(g_int64_hash, g_int64_equal);
    for (guint i = 0; i < model->links->len; i++) {
        const fr_link *l = FR_LINK(model, i);
        uint64_t a = l->from < l->to ? l->from : l->to, b = l->from < l->to ? l->to : l->from;
        keys[i] = a << 32 | b;
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(pairs, &keys[i]));
        g_hash_table_insert(pairs, &keys[i], GUINT_TO_POINTER(n + 1));
    }
    return pairs;
}

/* The igraph part: the graph, its components, bridges and articulation
 * points into cuts; igraph's status. */
static igraph_error_t run_igraph(fr_physical_cuts *cuts, const fr_model *model)
{
    uint32_t n_nodes = model->nodes->len, n_links = model->links->len;
    igraph_vector_int_t edges, membership, bridges, points;
    igraph_t graph;
    igraph_integer_t n_components = 0;
    igraph_error_t status = igraph_vector_int_init(&edges, 2 * (igraph_integer_t)n_links);
    if (status != IGRAPH_SUCCESS)
        return status;
    for (uint32_t i = 0; i < n_links; i++) {
        VECTOR(edges)[2 * i] = FR_LINK(model, i)->from;
        VECTOR(edges)[2 * i + 1] = FR_LINK(model, i)->to;
    }
    status = igraph_create(&graph, &edges, n_nodes, IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&edges);
    if (status != IGRAPH_SUCCESS)
        return status;
    bool have_membership = false, have_bridges = false, have_points = false;
    status = igraph_vector_int_init(&membership, 0);
    have_membership = status == IGRAPH_SUCCESS;
    if (status == IGRAPH_SUCCESS) {
        status = igraph_vector_int_init(&bridges, 0);
        have_bridges = status == IGRAPH_SUCCESS;
    }
    if (status == IGRAPH_SUCCESS) {
        status = igraph_vector_int_init(&points, 0);
        have_points = status == IGRAPH_SUCCESS;
    }
    if (status == IGRAPH_SUCCESS)
        status = igraph_connected_components(&graph, &membership, NULL, &n_components,
                                             IGRAPH_WEAK);
    if (status == IGRAPH_SUCCESS)
        status = igraph_bridges(&graph, &bridges);
    if (status == IGRAPH_SUCCESS)
        status = igraph_articulation_points(&graph, &points);
    if (status == IGRAPH_SUCCESS) {
        for (uint32_t v = 0; v < n_nodes; v++)
            cuts->component[v] = (uint32_t)VECTOR(membership)[v];
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&bridges); i++)
            cuts->bridge[VECTOR(bridges)[i]] = true;
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&points); i++)
            cuts->articulation[VECTOR(points)[i]] = true;
    }
    if (have_points)
        igraph_vector_int_destroy(&points);
    if (have_bridges)
        igraph_vector_int_destroy(&bridges);
    if (have_membership)
        igraph_vector_int_destroy(&membership);
    igraph_destroy(&graph);
    return status;
}

bool fr_physical_cuts_build(fr_physical_cuts *cuts, const fr_model *model, GError **error)
{
    uint32_t n_nodes = model->nodes->len, n_links = model->links->len;
    cuts->component = g_new0(uint32_t, n_nodes ? n_nodes : 1);
    cuts->bridge = g_new0(bool, n_links ? n_links : 1);
    cuts->articulation = g_new0(bool, n_nodes ? n_nodes : 1);
    fr_igraph_enter();
    igraph_error_t status = run_igraph(cuts, model);
    fr_igraph_leave();
    if (status != IGRAPH_SUCCESS) {
        g_set_error(error, FR_ERROR, FR_ERROR_INTERNAL,
                    "igraph could not analyse the physical network: %s", igraph_strerror(status));
        return false;
    }
    uint64_t *keys = g_new(uint64_t, n_links ? n_links : 1);
    GHashTable *pairs = count_pairs(model, keys);
    for (uint32_t i = 0; i < n_links; i++)
        if (cuts->bridge[i] && GPOINTER_TO_UINT(g_hash_table_lookup(pairs, &keys[i])) > 1)
            cuts->bridge[i] = false;
    g_hash_table_destroy(pairs);
    g_free(keys);
    return true;
}

void fr_physical_cuts_clear(fr_physical_cuts *cuts)
{
    g_free(cuts->component);
    g_free(cuts->bridge);
    g_free(cuts->articulation);
    cuts->component = NULL;
    cuts->bridge = NULL;
    cuts->articulation = NULL;
}
