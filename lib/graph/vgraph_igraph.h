/* vgraph_igraph.h - the virtual graph as an igraph graph, built on demand
 * where igraph's algorithms are the right tool (connectivity, reference
 * shortest paths in tests and benchmarks). Nothing keeps a copy: the
 * caller destroys what it asked for. */
#ifndef FR_VGRAPH_IGRAPH_H
#define FR_VGRAPH_IGRAPH_H

#include "igraph_guard.h"
#include "vgraph.h"

/* A directed igraph graph with vertex i = state i and edge e = virtual
 * edge e (its ids equal the virtual graph's). false with an
 * FR_ERROR_INTERNAL when igraph fails; *out is then not initialised. Call
 * igraph on the result only between fr_igraph_enter() and
 * fr_igraph_leave(); igraph_destroy() it there too. */
bool fr_vgraph_to_igraph(const fr_vgraph *g, igraph_t *out, GError **error);

#endif /* FR_VGRAPH_IGRAPH_H */
