/* vgraph_igraph.c - the virtual graph copied into igraph on demand
 * (vgraph_igraph.h), inside the igraph guard. */
#include "vgraph_igraph.h"

bool fr_vgraph_to_igraph(const fr_vgraph *g, igraph_t *out, GError **error)
{
    igraph_vector_int_t edges;
    fr_igraph_enter();
    igraph_error_t status = igraph_vector_int_init(&edges, 2 * (igraph_integer_t)g->n_edges);
    if (status == IGRAPH_SUCCESS) {
        for (uint32_t e = 0; e < g->n_edges; e++) {
            VECTOR(edges)[2 * e] = g->edge_from[e];
            VECTOR(edges)[2 * e + 1] = g->edge_to[e];
        }
        status = igraph_create(out, &edges, g->n_states, IGRAPH_DIRECTED);
        igraph_vector_int_destroy(&edges);
    }
    fr_igraph_leave();
    if (status != IGRAPH_SUCCESS) {
        g_set_error(error, FR_ERROR, FR_ERROR_INTERNAL, "igraph could not build the graph: %s",
                    igraph_strerror(status));
        return false;
    }
    return true;
}
