/* engine_fixtures.h - what the engine tests (test_engine_igraph.c,
 * test_engine_algorithms.c, test_engine_many.c) share: the context a
 * failure prints, random networks and queries, the search spec of a query,
 * the test's own reading of the virtual graph (usable edges, objective
 * weights), igraph's copy of it as the reference, the check of an engine
 * path, and preparing a network for every objective. */
#ifndef FR_TEST_ENGINE_FIXTURES_H
#define FR_TEST_ENGINE_FIXTURES_H

#include "helpers.h"
#include "randnet.h"

#include "algorithm.h"
#include "engine_side.h"
#include "vgraph_igraph.h"

#include <igraph.h>

/* ---- context for failure reports --------------------------------------------- */

typedef struct {
    guint32 seed;
    const rn_net *net;
    rn_query q; /* the query in the model's terms (from/to updated per pair) */
    char extra[512];
} ctx;

/* Prints the case (seed, query, `extra`, the network's CSV files); RN_CHECK
 * calls it. */
void dump_context(const ctx *c);
/* Sets c->extra, the test's own words on what was being checked. */
void ctx_extra(ctx *c, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* ---- networks and queries ------------------------------------------------------ */

/* A random network: n_nodes in [lo, hi], sometimes densified. */
rn_net *make_net(guint32 seed, bool integer, int lo, int hi);
/* A query without restrictions, bounds or anything else. */
void plain_query(rn_query *q, int from, int to, fr_objective objective);
/* A random query that restricts something (modes, an avoided node, country
 * or corridor), as rn_random_query() makes them. */
void restricted_query(const rn_net *net, GRand *rng, rn_query *q);
/* The library's search spec of c->q on fn (test failure when refused). */
void make_spec(ctx *c, const fr_network *fn, fr_search_spec *spec);

/* ---- the test's view of the virtual graph -------------------------------------- */

/* The edge under the spec's restrictions, read from the network's links:
 * no edge enters an avoided node; a link needs an allowed mode and a
 * corridor not avoided. */
bool usable(const fr_network *fn, const fr_search_spec *spec, uint32_t e);
/* The objective's weight of an edge, computed by the test. */
double objective_weight(const fr_vgraph *g, const fr_search_spec *spec, uint32_t e);

/* igraph's copy of the virtual graph with the usable edges only, weighted
 * by the objective (or, for `lexicographic`, by the exact integer key). */
typedef struct {
    igraph_t graph;
    igraph_vector_t weight;
    bool lexicographic;
} ref_graph;

/* Builds r from fn's virtual graph: the usable edges under spec (every
 * edge with all_edges), weighted by objective_weight(), or, lexicographic,
 * by obj*W^3 + time*W^2 + cost*W + 1 (W = 4096; integer figures only). */
void ref_build(ref_graph *r, const fr_network *fn, const fr_search_spec *spec,
               bool lexicographic, bool all_edges);
void ref_clear(ref_graph *r);
/* Distances from (mode IGRAPH_OUT) or to (IGRAPH_IN) the roots: per state
 * the least over roots; INFINITY where unreachable. dist has n_states. */
void ref_distances(const ref_graph *r, const uint32_t *roots, uint32_t n_roots,
                   igraph_neimode_t mode, double *dist, uint32_t n_states);
/* The key encoded by a lexicographic weight. */
fr_key decode_key(double k);

/* ---- checks on engine answers --------------------------------------------------- */

/* The path is a chain of usable edges from an OUT(origin, .) to an
 * IN(destination, .) whose figures add up to the key. */
void check_path(ctx *c, const fr_network *fn, const fr_search_spec *spec, const fr_key *key,
                const GArray *path, const char *who);

/* ---- preparation ------------------------------------------------------------------ */

/* Can fr_network_prepare() prepare the objective (all but generalized)? */
bool prepared_objective(fr_objective o);
/* Landmarks and contraction hierarchies for every such objective. */
void prepare_all(ctx *c, fr_network *fn);

#endif
