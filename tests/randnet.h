/* randnet.h - seeded random networks and queries for the property and
 * concurrency tests. A network is kept as plain arrays (the test's own
 * model, independent of the library) and written out as FORMAT.md §1 CSV. */
#ifndef FR_TEST_RANDNET_H
#define FR_TEST_RANDNET_H

#include <glib.h>
#include <stdbool.h>

#include "freightroute.h"

#define RN_MAX_NODES 64

typedef struct {
    char id[16];
    char country[3];
    double lat, lon;
    double dwell_h, dwell_usd;
} rn_node;

typedef struct {
    char id[16];
    int from, to;
    fr_mode mode;
    double distance_km, time_h, cost_usd;
    double co2_kg;     /* resolved: explicit cell or distance x factor */
    bool co2_explicit; /* written in the co2_kg cell */
    bool bidirectional;
    int corridor; /* 0 none, else index into rn_corridor_names */
} rn_link;

typedef struct {
    int node;
    fr_mode from_mode, to_mode;
    double time_h, cost_usd, co2_kg;
} rn_transfer;

typedef struct {
    bool integer; /* all figures small integers (many ties) */
    int n_nodes;
    rn_node nodes[RN_MAX_NODES];
    GArray *links;     /* rn_link */
    GArray *transfers; /* rn_transfer */
    bool has_modes_csv;
    bool factor_overridden[FR_MODE_COUNT];
    double factor[FR_MODE_COUNT]; /* effective factors */
} rn_net;

extern const char *const rn_corridor_names[3]; /* [0] = "" */
extern const char *const rn_countries[5];

/* A random network of n_nodes nodes (<= RN_MAX_NODES). */
rn_net *rn_generate(guint32 seed, int n_nodes, bool integer);
void rn_free(rn_net *net);

/* CSV texts of the network (g_free each); transfers/modes may be NULL. */
void rn_to_csv(const rn_net *net, char **nodes, char **links,
               char **transfers, char **modes);

/* Loads the network through the library (test failure if it will not). */
fr_network *rn_load(const rn_net *net);

/* A query with its constraints, in the model's terms. */
typedef struct {
    int from, to;
    fr_objective objective;
    double quantity, value_of_time, carbon_price;
    fr_mode_set modes;
    int avoid_node;        /* -1: none */
    char avoid_country[3]; /* "" none */
    int avoid_corridor;    /* 0 none */
} rn_query;

/* Makes a generated network denser, in the same style: `extra_links` more
 * links (bidirectional with probability 0.6) in the modes it uses, then a
 * transfer row, with probability `transfer_p`, for every node and pair of
 * its modes that has none. */
void rn_densify(rn_net *net, guint32 seed, int extra_links, double transfer_p);

void rn_random_query(const rn_net *net, GRand *rng, rn_query *q);
fr_query *rn_make_query(const rn_net *net, const rn_query *q);
/* Text for failure messages (g_free). */
char *rn_query_describe(const rn_net *net, const rn_query *q);

/* Prints a failing case so that it can be reproduced: the seed, the query,
 * `extra` (the test's own parameters) and the network's CSV files. */
void rn_print_case(guint32 seed, const rn_net *net, const rn_query *q, const char *extra);

/* Fails the test with a formatted message after printing the case through
 * dump_context(c), which each test defines for its own context type. */
#define RN_CHECK(cond, ...)                                                               \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            char *m_ = g_strdup_printf(__VA_ARGS__);                                      \
            dump_context(c);                                                              \
            fail_msg("%s:%d: %s", __FILE__, __LINE__, m_);                                \
        }                                                                                 \
    } while (0)

/* Whether the model's link/node is usable under the query's constraints. */
bool rn_node_allowed(const rn_net *net, const rn_query *q, int node);
bool rn_link_allowed(const rn_net *net, const rn_query *q, const rn_link *l);

/* ---- brute force ---------------------------------------------------------
 * The test's own virtual graph of FORMAT.md §2 for a query (constraints drop
 * edges), and an enumeration of its routes, for checks against exhaustive
 * search. States: IN = 2k, OUT = 2k + 1 for the k-th (node, mode) pair a
 * link uses. */

typedef struct {
    int from, to;
    double cost, time, co2, dist; /* per TEU */
    bool link;                    /* a link (else a pass-through or transfer) */
} rn_vedge;

typedef struct {
    int n_states;
    int pair[RN_MAX_NODES][FR_MODE_COUNT]; /* (node, mode) -> k, or -1 */
    int state_node[2 * RN_MAX_NODES * FR_MODE_COUNT];
    GArray *edges;  /* rn_vedge */
    GPtrArray *out; /* per state: GArray of int, its out-edges */
} rn_vgraph;

void rn_vgraph_build(rn_vgraph *g, const rn_net *net, const rn_query *q);
void rn_vgraph_clear(rn_vgraph *g);

/* Called with each route found: its edges (indices into g->edges). */
typedef void (*rn_route_visit)(const rn_vgraph *g, const int *edges, int n_edges, void *data);

/* Every route from an OUT(q->from, .) to an IN(q->to, .) state that repeats
 * no state or, with `physical`, enters no node twice (the origin included).
 * Routes end at the first IN(q->to, .) reached. False (after visiting some)
 * when the enumeration needed more than `budget` steps. */
bool rn_enumerate_routes(const rn_vgraph *g, const rn_query *q, bool physical, long budget,
                         rn_route_visit visit, void *data);

/* The totals of a list of edges, per TEU. */
void rn_route_totals(const rn_vgraph *g, const int *edges, int n_edges, double *cost,
                     double *time, double *co2, double *dist);

/* The query's objective for per-TEU totals. */
double rn_objective(const rn_query *q, double cost, double time, double co2, double dist);

#endif
