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

void rn_random_query(const rn_net *net, GRand *rng, rn_query *q);
fr_query *rn_make_query(const rn_net *net, const rn_query *q);
/* Text for failure messages (g_free). */
char *rn_query_describe(const rn_net *net, const rn_query *q);

/* Whether the model's link/node is usable under the query's constraints. */
bool rn_node_allowed(const rn_net *net, const rn_query *q, int node);
bool rn_link_allowed(const rn_net *net, const rn_query *q, const rn_link *l);

#endif
