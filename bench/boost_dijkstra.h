/* boost_dijkstra.h - C interface to the Boost Graph Library baseline
 * (boost_dijkstra.cpp): a CSR graph and a one-to-all Dijkstra on it. */
#ifndef FR_BOOST_DIJKSTRA_H
#define FR_BOOST_DIJKSTRA_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct boost_graph boost_graph;

/* Edges sorted by tail (as the virtual graph numbers them). NULL on failure. */
boost_graph *boost_graph_new(uint32_t n_vertices, uint32_t n_edges, const uint32_t *tails,
                             const uint32_t *heads, const double *weights);
void boost_graph_free(boost_graph *g);
/* Distances from source into dist[n_vertices]; returns the CPU seconds
 * (CLOCK_THREAD_CPUTIME_ID) the search took, the predecessor array's
 * allocation excluded. */
double boost_one_to_all(const boost_graph *g, uint32_t source, double *dist);

#ifdef __cplusplus
}
#endif

#endif /* FR_BOOST_DIJKSTRA_H */
