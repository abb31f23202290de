// routingkit_ch.cpp - the RoutingKit baseline for benchmark 3 (p2p_bench.c):
// RoutingKit's ContractionHierarchy built on the virtual graph with its
// weights scaled to integers, and distance and path queries with one reused
// ContractionHierarchyQuery (RoutingKit's per-thread query object). Built
// only when CMake is given FR_ROUTINGKIT_DIR; called from C through
// routingkit_ch.h.
#include "routingkit_ch.h"

#include <routingkit/constants.h>
#include <routingkit/contraction_hierarchy.h>

#include <time.h>

#include <cmath>
#include <vector>

namespace {
// CPU time of the calling thread, the clock of the C benchmarks (bc_cpu_now)
double thread_seconds()
{
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

template <class T> size_t bytes_of(const std::vector<T> &v) { return v.size() * sizeof(T); }

size_t side_bytes(const RoutingKit::ContractionHierarchy::Side &s)
{
    return bytes_of(s.first_out) + bytes_of(s.head) + bytes_of(s.weight) +
           (s.is_shortcut_an_original_arc.size() + 7) / 8 + bytes_of(s.shortcut_first_arc) +
           bytes_of(s.shortcut_second_arc);
}
} // namespace

struct routingkit_ch {
    RoutingKit::ContractionHierarchy ch;
    RoutingKit::ContractionHierarchyQuery query;
    std::vector<unsigned> path;
};

extern "C" int routingkit_weights(uint32_t n_edges, const double *weight, double scale,
                                  uint32_t *out)
{
    const double limit = RoutingKit::inf_weight / 64.0;
    for (uint32_t e = 0; e < n_edges; e++) {
        double w = std::nearbyint(weight[e] * scale);
        if (!(w >= 0 && w < limit))
            return 0;
        out[e] = static_cast<uint32_t>(w);
    }
    return 1;
}

extern "C" routingkit_ch *routingkit_ch_build(uint32_t n_vertices, uint32_t n_edges,
                                              const uint32_t *tails, const uint32_t *heads,
                                              const uint32_t *weights, double *seconds)
{
    try {
        std::vector<unsigned> tail(tails, tails + n_edges), head(heads, heads + n_edges),
            weight(weights, weights + n_edges);
        auto *r = new routingkit_ch;
        double start = thread_seconds();
        r->ch = RoutingKit::ContractionHierarchy::build(n_vertices, std::move(tail),
                                                        std::move(head), std::move(weight));
        *seconds = thread_seconds() - start;
        r->query.reset(r->ch);
        return r;
    } catch (...) {
        return nullptr;
    }
}

extern "C" void routingkit_ch_free(routingkit_ch *ch) { delete ch; }

extern "C" size_t routingkit_ch_bytes(const routingkit_ch *r)
{
    return bytes_of(r->ch.rank) + bytes_of(r->ch.order) + side_bytes(r->ch.forward) +
           side_bytes(r->ch.backward);
}

extern "C" uint64_t routingkit_ch_upward_arcs(const routingkit_ch *r)
{
    return static_cast<uint64_t>(r->ch.forward.head.size()) + r->ch.backward.head.size();
}

static_assert(sizeof(unsigned) == sizeof(uint32_t), "RoutingKit's ids are 32 bits");

extern "C" uint32_t routingkit_ch_upward(const routingkit_ch *r, int d, const uint32_t **first_out,
                                         const uint32_t **head, const uint32_t **weight)
{
    const RoutingKit::ContractionHierarchy::Side &s = d == 0 ? r->ch.forward : r->ch.backward;
    *first_out = s.first_out.data();
    *head = s.head.data();
    *weight = s.weight.data();
    return static_cast<uint32_t>(r->ch.rank.size());
}

extern "C" const uint32_t *routingkit_ch_rank(const routingkit_ch *r) { return r->ch.rank.data(); }

namespace {
unsigned run(routingkit_ch *r, uint32_t s, uint32_t t)
{
    r->query.reset().add_source(s).add_target(t).run();
    unsigned d = r->query.get_distance();
    return d == RoutingKit::inf_weight ? ROUTINGKIT_NO_PATH : d;
}
} // namespace

extern "C" uint32_t routingkit_ch_distance(routingkit_ch *r, uint32_t s, uint32_t t)
{
    return run(r, s, t);
}

extern "C" uint32_t routingkit_ch_path(routingkit_ch *r, uint32_t s, uint32_t t,
                                       const uint32_t **arcs, uint32_t *n_arcs)
{
    unsigned d = run(r, s, t);
    if (d == ROUTINGKIT_NO_PATH)
        r->path.clear();
    else
        r->path = r->query.get_arc_path();
    *arcs = r->path.data();
    *n_arcs = static_cast<uint32_t>(r->path.size());
    return d;
}
