// boost_dijkstra.cpp - the Boost Graph Library baseline for the benchmarks:
// dijkstra_shortest_paths on a compressed_sparse_row_graph built from the
// same CSR (start offsets, heads, weights) our engine searches. Built only
// when Boost is found; called from C through boost_dijkstra.h.
#include "boost_dijkstra.h"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <time.h>

#include <utility>
#include <vector>

namespace {
struct edge_weight {
    double weight;
};
// 32-bit vertex and edge indices, as the virtual graph's CSR (Boost's
// default is std::size_t)
using csr_graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                     edge_weight, boost::no_property, uint32_t,
                                                     uint32_t>;
// CPU time of the calling thread, the clock of the C benchmarks (bc_cpu_now)
double thread_seconds()
{
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}
} // namespace

struct boost_graph {
    csr_graph graph;
};

extern "C" boost_graph *boost_graph_new(uint32_t n_vertices, uint32_t n_edges,
                                        const uint32_t *tails, const uint32_t *heads,
                                        const double *weights)
{
    try {
        std::vector<std::pair<uint32_t, uint32_t>> edges(n_edges);
        std::vector<edge_weight> props(n_edges);
        for (uint32_t e = 0; e < n_edges; e++) {
            edges[e] = {tails[e], heads[e]};
            props[e].weight = weights[e];
        }
        auto *g = new boost_graph{csr_graph(boost::edges_are_sorted, edges.begin(), edges.end(),
                                            props.begin(), n_vertices)};
        return g;
    } catch (...) {
        return nullptr;
    }
}

extern "C" void boost_graph_free(boost_graph *g) { delete g; }

extern "C" double boost_one_to_all(const boost_graph *g, uint32_t source, double *dist)
{
    const csr_graph &graph = g->graph;
    std::vector<uint32_t> pred(num_vertices(graph));
    double start = thread_seconds();
    boost::dijkstra_shortest_paths(
        graph, source,
        boost::weight_map(boost::get(&edge_weight::weight, graph))
            .distance_map(boost::make_iterator_property_map(dist, get(boost::vertex_index, graph)))
            .predecessor_map(
                boost::make_iterator_property_map(pred.data(), get(boost::vertex_index, graph))));
    return thread_seconds() - start;
}
