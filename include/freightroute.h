/* freightroute.h - the public API of freightroute, a multimodal freight router.
 *
 * A network (nodes, links, transfers, emission factors; see lib/FORMAT.md)
 * is loaded once, validated and expanded into a virtual graph. It is then
 * read-only: any number of threads may query it at the same time.
 *
 *   g_autoptr(GError) err = NULL;
 *   g_autoptr(fr_network) net = fr_network_load_dir("examples/data/sample", &err);
 *   if (!net) {
 *       fprintf(stderr, "%s\n", err->message);
 *       return 1;
 *   }
 *   g_autoptr(fr_query) q = fr_query_new("CNCKG", "DEDUI");
 *   fr_query_set_objective(q, FR_OBJECTIVE_TIME);
 *   g_autoptr(fr_route) r = fr_network_route(net, q, &err);
 *   if (!r) {
 *       fprintf(stderr, "%s\n", err->message);
 *       return 1;
 *   }
 *   printf("%.1f days\n", fr_route_total_time_h(r) / 24);
 *
 * (g_autoptr frees r, q, net and err when they go out of scope.)
 *
 * Conventions
 * - Every fallible call takes a GError ** last (may be NULL) and returns
 *   NULL/false on failure. Errors are in the FR_ERROR domain; messages name
 *   the file and line for bad input ("links.csv:17: unknown node 'X'").
 * - The library never prints, aborts or exits.
 * - Strings returned as `const char *` are owned by the object they came from
 *   and live as long as it does.
 * - Networks are reference-counted: routes, route lists, matrices, departure
 *   profiles and critical lists hold a reference to their network, so they
 *   and the network may be freed in any order.
 * - All money is USD, time hours, emissions kg CO2e, distance km. Figures of
 *   links, transfers and dwells are per TEU; route totals are for the
 *   query's whole quantity (cost and CO2 scale with it, time and distance
 *   do not).
 */
#ifndef FREIGHTROUTE_H
#define FREIGHTROUTE_H

#include <gio/gio.h> /* GCancellable */
#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with hidden symbols; what this header declares is exported. */
#if defined(FR_BUILDING_LIBRARY) && defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

#define FR_VERSION_MAJOR 0
#define FR_VERSION_MINOR 1
#define FR_VERSION_PATCH 0
#define FR_VERSION_STRING "0.1.0"

/* The version of the library actually linked (may differ from the header's). */
const char *fr_version(void);

/* ---- Errors -------------------------------------------------------------- */

#define FR_ERROR (fr_error_quark())
GQuark fr_error_quark(void);

typedef enum {
    FR_ERROR_IO,       /* a file could not be read or written */
    FR_ERROR_INVALID,  /* the network data breaks FORMAT.md §1 */
    FR_ERROR_QUERY,    /* the query is impossible: unknown id, from = to, ... */
    FR_ERROR_NO_ROUTE, /* the query is valid but no route satisfies it */
    FR_ERROR_INTERNAL, /* a failure inside a dependency (igraph, memory) */
    FR_ERROR_CANCELLED /* the call's GCancellable was cancelled */
} fr_error_code;

/* Misuse. Every public call given NULL (or an index out of range) where an
 * object is expected does not crash: a fallible call fails with
 * FR_ERROR_QUERY naming the argument, an accessor returns a neutral value
 * (0, NULL, false, NAN, -1 for indices) and a _free/_unref does nothing. */

/* Progress of a long call: `fraction` from 0 to 1, called from the calling
 * thread now and then (at least once at the end). */
typedef void (*fr_progress_func)(double fraction, void *user_data);

/* ---- Enumerations and their names --------------------------------------- */

typedef enum {
    FR_MODE_RAIL,
    FR_MODE_ROAD,
    FR_MODE_RIVER,
    FR_MODE_SEA,
    FR_MODE_AIR,
    FR_MODE_COUNT
} fr_mode;

/* A set of modes, e.g. FR_MODE_BIT(FR_MODE_RAIL) | FR_MODE_BIT(FR_MODE_SEA). */
typedef unsigned fr_mode_set;
#define FR_MODE_BIT(m) (1u << (m))
#define FR_MODES_ALL ((1u << FR_MODE_COUNT) - 1u)

typedef enum {
    FR_NODE_CITY,
    FR_NODE_RAIL_TERMINAL,
    FR_NODE_RIVER_PORT,
    FR_NODE_SEAPORT,
    FR_NODE_AIRPORT,
    FR_NODE_BORDER,
    FR_NODE_JUNCTION,
    FR_NODE_KIND_COUNT
} fr_node_kind;

typedef enum {
    FR_OBJECTIVE_COST,
    FR_OBJECTIVE_TIME,
    FR_OBJECTIVE_CO2,
    FR_OBJECTIVE_DISTANCE,
    FR_OBJECTIVE_GENERALIZED,
    FR_OBJECTIVE_COUNT
} fr_objective;

/* Names as in FORMAT.md ("rail", "river_port", "generalized"). */
const char *fr_mode_name(fr_mode mode);
const char *fr_node_kind_name(fr_node_kind kind);
const char *fr_objective_name(fr_objective objective);
/* Parse a name; false if it is not one. */
bool fr_mode_from_name(const char *name, fr_mode *out);
bool fr_objective_from_name(const char *name, fr_objective *out);
/* Parse a comma-separated list of modes ("rail,sea"); false with an
 * FR_ERROR_QUERY naming the bad item otherwise. */
bool fr_mode_set_parse(const char *list, fr_mode_set *out, GError **error);

/* Default emission factor of a mode, kg CO2e per TEU-km (FORMAT.md §4). */
double fr_mode_default_co2_factor(fr_mode mode);

/* ---- Networks ------------------------------------------------------------ */

typedef struct fr_network fr_network;

/* Load a network directory (nodes.csv, links.csv, optional transfers.csv and
 * modes.csv). Fails as a whole on the first violation of FORMAT.md §1. */
fr_network *fr_network_load_dir(const char *dir, GError **error);

/* Load the network embedded in the library (the Chongqing corridors).
 * Fails with FR_ERROR_IO when this build carries no embedded network. */
fr_network *fr_network_load_default(GError **error);

/* Write the embedded network's files (CSV and its README) into `dir`,
 * creating it, so that a planner can edit a copy and load it back. */
bool fr_network_export_default(const char *dir, GError **error);

/* Networks are reference-counted. Routes, lists, matrices, profiles and
 * critical lists hold a reference to their network, so the caller may drop
 * its own first. fr_network_free() is fr_network_unref(). fr_network_ref()
 * returns `network`. Thread-safe. */
fr_network *fr_network_ref(fr_network *network);
void fr_network_unref(fr_network *network);
void fr_network_free(fr_network *network);

/* Writes any network (loaded from a directory, embedded, built in memory or
 * made by a scenario) as a network directory that fr_network_load_dir()
 * reads back to the same network: nodes.csv, links.csv, transfers.csv,
 * modes.csv, and network.csv, services.csv and closures.csv when it has
 * such rows. Creates `dir`; a directory that exists and is not empty is an
 * FR_ERROR_IO unless flags has FR_EXPORT_OVERWRITE (which replaces only
 * those files). */
typedef enum { FR_EXPORT_OVERWRITE = 1 << 0 } fr_export_flags;
bool fr_network_export(const fr_network *network, const char *dir, unsigned flags,
                       GError **error);

/* Warnings the loader noticed without failing (e.g. a transfer row naming a
 * mode no link of its node uses). NULL-terminated; owned by the network. */
const char *const *fr_network_warnings(const fr_network *network);

/* Read-only views of a node and a link; strings owned by the network. */
typedef struct {
    const char *id;
    const char *name;
    fr_node_kind kind;
    const char *country; /* ISO 3166-1 alpha-2 */
    double lat, lon;
    double dwell_h, dwell_usd;
    const char *source; /* "" when the file gave none */
} fr_node_info;

typedef struct {
    const char *id;
    const char *from, *to; /* node ids */
    fr_mode mode;
    double distance_km, time_h, cost_usd, co2_kg; /* co2_kg resolved (§1 default) */
    bool bidirectional;
    const char *corridor; /* "" when none */
    const char *source;   /* "" when none */
} fr_link_info;

size_t fr_network_node_count(const fr_network *network);
size_t fr_network_link_count(const fr_network *network);
/* Nodes and links in file order, index 0 .. count-1; false when out of range. */
bool fr_network_node(const fr_network *network, size_t index, fr_node_info *out);
bool fr_network_link(const fr_network *network, size_t index, fr_link_info *out);
/* Index of the node with this id, or -1. */
long fr_network_find_node(const fr_network *network, const char *id);
/* True when some link carries this corridor label. */
bool fr_network_has_corridor(const fr_network *network, const char *corridor);

/* A transfer row (transfers.csv); strings owned by the network. */
typedef struct {
    const char *node; /* node id */
    fr_mode from_mode, to_mode;
    double time_h, cost_usd, co2_kg;
    const char *source; /* "" when none */
} fr_transfer_info;
size_t fr_network_transfer_count(const fr_network *network);
bool fr_network_transfer(const fr_network *network, size_t index, fr_transfer_info *out);
/* The network's emission factor of a mode, kg CO2e per TEU-km (modes.csv,
 * else the default of FORMAT.md §4); NAN for an invalid mode. */
double fr_network_co2_factor(const fr_network *network, fr_mode mode);
/* The distinct corridor labels of the links, and the distinct countries of
 * the nodes, sorted; NULL-terminated, owned by the network. */
const char *const *fr_network_corridors(const fr_network *network);
const char *const *fr_network_countries(const fr_network *network);

/* ---- Finding nodes -------------------------------------------------------- */

/* The node that `text` names: a node id exactly; else the one node whose id
 * or name equals it ignoring case and accents ("cnckg", "Chongqing",
 * "duisburg"). -1 with an FR_ERROR_QUERY when none or several match; the
 * message says which ("did you mean 'CNCKG' (Chongqing)?", or the
 * candidates). */
long fr_network_lookup_node(const fr_network *network, const char *text, GError **error);
/* Up to `max` node indices whose ids or names are closest to `text`
 * (ignoring case and accents), closest first, into out; returns how many. */
size_t fr_network_suggest_nodes(const fr_network *network, const char *text, size_t *out,
                                size_t max);
/* The corridor label that `text` names, ignoring case and accents (owned by
 * the network); NULL with an FR_ERROR_QUERY naming the closest labels. */
const char *fr_network_lookup_corridor(const fr_network *network, const char *text,
                                       GError **error);
/* The node nearest to (lat, lon) by great-circle distance, of kind `kind`
 * (FR_NODE_KIND_COUNT: any kind); -1 when the network has none, or the
 * point is not valid WGS84. *distance_km (may be NULL) gets its distance. */
long fr_network_nearest_node(const fr_network *network, double lat, double lon,
                             fr_node_kind kind, double *distance_km);

/* ---- Networks built in memory -------------------------------------------- */

/* For applications whose data lives elsewhere (a database): rows are added
 * as they would be read from the files of FORMAT.md §1 and §5, then built
 * into a network with the loader's own checks. */
typedef struct fr_network_builder fr_network_builder;
fr_network_builder *fr_network_builder_new(void);
void fr_network_builder_free(fr_network_builder *builder);
/* Adds one row to `file` ("nodes.csv", "links.csv", "transfers.csv",
 * "modes.csv", "network.csv", "services.csv" or "closures.csv"), given as
 * n column names and their values (NULL or "" for an empty cell). A file's
 * columns are those of its first row. FR_ERROR_QUERY for an unknown file,
 * a column not in its first row or a NULL argument; the row's content is
 * checked by fr_network_builder_build(). */
bool fr_network_builder_add_row(fr_network_builder *builder, const char *file,
                                const char *const *columns, const char *const *values,
                                size_t n, GError **error);
/* Typed forms of add_row for nodes, links and transfers: every field of the
 * info is written (a NULL string is an empty cell; a link's co2_kg NAN is
 * the mode's default). */
bool fr_network_builder_add_node(fr_network_builder *builder, const fr_node_info *node,
                                 GError **error);
bool fr_network_builder_add_link(fr_network_builder *builder, const fr_link_info *link,
                                 GError **error);
bool fr_network_builder_add_transfer(fr_network_builder *builder,
                                     const fr_transfer_info *transfer, GError **error);
/* The network of the rows added so far, checked exactly as
 * fr_network_load_dir() checks files: FR_ERROR_INVALID naming the file and
 * row as "links.csv row 3" (the third row added to it). The builder stays
 * usable (add more rows, build again). */
fr_network *fr_network_builder_build(fr_network_builder *builder, GError **error);

/* Size of the virtual graph of FORMAT.md §2 (for reports and benchmarks). */
size_t fr_network_state_count(const fr_network *network);
size_t fr_network_virtual_edge_count(const fr_network *network);

/* ---- Scenarios (FORMAT.md §6) --------------------------------------------- */

/* A scenario: rules that turn a network into another (a rate spike, a
 * closed border, a diverted sea lane), read from a CSV file. */
typedef struct fr_scenario fr_scenario;

/* Reads and checks a scenario file (its columns, selectors, fields, ops
 * and values); which rows a selector matches is checked when it is
 * applied. FR_ERROR_INVALID naming the file and line, FR_ERROR_IO when it
 * cannot be read. */
fr_scenario *fr_scenario_load_file(const char *path, GError **error);
void fr_scenario_free(fr_scenario *scenario);
/* The scenario's name: the file's name without ".csv", or the embedded
 * scenario's name. */
const char *fr_scenario_name(const fr_scenario *scenario);

/* The scenarios embedded for the default network (lib/data/scenarios/):
 * their names, NULL-terminated (static), one line describing each, and one
 * loaded by name (FR_ERROR_QUERY listing the names when it is unknown). */
const char *const *fr_scenario_embedded_names(void);
const char *fr_scenario_embedded_description(const char *name);
fr_scenario *fr_scenario_load_embedded(const char *name, GError **error);

/* A new network: `network` with the scenario's rules applied in file order
 * (FORMAT.md §6). The original is not changed and stays usable; the two
 * are independent (free them in any order) and each may be queried from
 * many threads. FR_ERROR_INVALID naming the scenario's file and line for a
 * selector that matches nothing or a result that is not a valid figure.
 * The new network is not prepared (fr_network_prepare()). */
fr_network *fr_network_apply_scenario(const fr_network *network, const fr_scenario *scenario,
                                      GError **error);

/* ---- Queries ------------------------------------------------------------- */

typedef struct fr_query fr_query;

/* A query from one node id to another. Defaults: objective cost, quantity 1,
 * value of time 0, carbon price 0, all modes, nothing avoided. Setters only
 * record; fr_network_route() validates the whole query against the network. */
fr_query *fr_query_new(const char *from, const char *to);
fr_query *fr_query_copy(const fr_query *query);
void fr_query_free(fr_query *query);

/* Re-aim a query (e.g. a template reused for many origin-destination pairs). */
void fr_query_set_endpoints(fr_query *query, const char *from, const char *to);
void fr_query_set_objective(fr_query *query, fr_objective objective);
void fr_query_set_quantity(fr_query *query, double teu);
void fr_query_set_value_of_time(fr_query *query, double usd_per_teu_hour);
void fr_query_set_carbon_price(fr_query *query, double usd_per_kg_co2);
void fr_query_set_modes(fr_query *query, fr_mode_set modes);
void fr_query_avoid_node(fr_query *query, const char *node_id);
void fr_query_avoid_country(fr_query *query, const char *country_code);
void fr_query_avoid_corridor(fr_query *query, const char *corridor);

/* Bounds on the route's totals for the whole quantity (FORMAT.md §2):
 * fr_network_route() then returns the best route within them, exactly, or
 * FR_ERROR_NO_ROUTE. INFINITY (the default) means no bound. */
void fr_query_set_max_time(fr_query *query, double hours);
void fr_query_set_max_cost(fr_query *query, double usd);

const char *fr_query_from(const fr_query *query);
const char *fr_query_to(const fr_query *query);
fr_objective fr_query_objective(const fr_query *query);
double fr_query_quantity(const fr_query *query);
double fr_query_value_of_time(const fr_query *query);
double fr_query_carbon_price(const fr_query *query);

/* Cancellation and progress of the calls that take a query: a cancelled
 * `cancellable` makes them stop soon with FR_ERROR_CANCELLED; `progress`
 * (may be NULL) is called by the long ones: Pareto fronts, alternatives,
 * matrices, departure profiles and critical links. The query keeps a
 * reference to the cancellable (NULL clears). */
void fr_query_set_cancellable(fr_query *query, GCancellable *cancellable);
void fr_query_set_progress(fr_query *query, fr_progress_func progress, void *user_data);
GCancellable *fr_query_cancellable(const fr_query *query);

/* ---- Dates (FORMAT.md §5) ------------------------------------------------ */

/* A query may be dated. With a departure it is answered as a timetable: the
 * box leaves the origin at that moment, boards each scheduled link at its
 * first departure (after the cut-off) and waits out closures; the route's
 * time is arrival - departure. With only a deadline (arrive by), objective
 * time asks for the latest departure that still arrives in time; other
 * objectives for the best route arriving in time. With only a date, the
 * network is taken as it was on that day (links' and services' validity,
 * closures) with mean waits. Without any, the network's reference_date
 * (network.csv) is the date. The query keeps a reference to the
 * GDateTime; NULL clears. Only the year, month and day (in its own zone) of
 * the date count.
 *
 *   g_autoptr(GDateTime) t = fr_network_parse_datetime(net, "CNCKG",
 *                                                     "2019-07-02T08:00", &err);
 *   fr_query_set_departure(q, t);
 *   fr_route *r = fr_network_route(net, q, &err);
 *   fr_timeline_iter it;
 *   fr_timeline_iter_init(&it, r);
 *   const fr_step *s;
 *   while ((s = fr_timeline_iter_next(&it))) {
 *       g_autofree char *when = g_date_time_format_iso8601(s->start);
 *       printf("%s %s\n", when, s->from_node);
 *   }
 */
void fr_query_set_departure(fr_query *query, GDateTime *departure);
void fr_query_set_arrive_by(fr_query *query, GDateTime *deadline);
void fr_query_set_date(fr_query *query, GDateTime *date);
/* Borrowed; NULL when not set. */
GDateTime *fr_query_departure(const fr_query *query);
GDateTime *fr_query_arrive_by(const fr_query *query);
GDateTime *fr_query_date(const fr_query *query);

/* ISO 8601 text ("2019-07-02T08:00", "2019-07-02T08:00+08:00",
 * "2019-07-02 08:00:00Z"): with an offset as written, without one in the
 * time zone of node `node_id` (UTC when node_id is NULL). A bare date
 * ("2019-07-02") is its midnight. New reference; NULL with an
 * FR_ERROR_QUERY naming the text, or an unknown node. */
GDateTime *fr_network_parse_datetime(const fr_network *network, const char *node_id,
                                     const char *text, GError **error);
/* The node's time zone (borrowed; UTC when nodes.csv gave none), or NULL
 * when index is out of range. */
GTimeZone *fr_network_node_timezone(const fr_network *network, size_t index);
/* network.csv's reference_date at midnight UTC (borrowed), or NULL. */
GDateTime *fr_network_reference_date(const fr_network *network);
/* Whether the network says when things run (services, closures or
 * validity dates). Without, dated queries add only waits for nothing: a
 * route's dates are its departure plus its running times. */
bool fr_network_is_timetabled(const fr_network *network);

/* ---- Algorithms and preprocessing ---------------------------------------- */

/* How fr_network_route() searches. Every algorithm returns a route with the
 * same totals (the optimum of FORMAT.md §2, ties included); they differ in
 * speed and in what they need. */
typedef enum {
    FR_ALGORITHM_AUTO = 0,      /* the fastest that applies (the default):
                                   contraction hierarchies, then landmarks,
                                   then bidirectional search on large networks,
                                   else Dijkstra */
    FR_ALGORITHM_DIJKSTRA,      /* plain Dijkstra from the origin */
    FR_ALGORITHM_BIDIRECTIONAL, /* from both ends at once */
    FR_ALGORITHM_LANDMARKS,     /* A* with landmark (ALT) lower bounds; needs
                                   fr_network_prepare(FR_PREPARE_LANDMARKS) */
    FR_ALGORITHM_CH,            /* contraction hierarchies; needs
                                   fr_network_prepare(FR_PREPARE_CH) and a
                                   query without avoided places, mode limits
                                   or bounds */
    FR_ALGORITHM_COUNT
} fr_algorithm;

/* Names: "auto", "dijkstra", "bidirectional", "landmarks", "ch". */
const char *fr_algorithm_name(fr_algorithm algorithm);
bool fr_algorithm_from_name(const char *name, fr_algorithm *out);

/* An explicit algorithm that cannot answer the query is an FR_ERROR_QUERY
 * naming why; FR_ALGORITHM_AUTO never fails for that reason. Queries with
 * bounds (fr_query_set_max_time/_cost) always use the constrained search. */
void fr_query_set_algorithm(fr_query *query, fr_algorithm algorithm);
fr_algorithm fr_query_algorithm(const fr_query *query);

typedef enum {
    FR_PREPARE_LANDMARKS = 1 << 0, /* distances to and from a few landmarks */
    FR_PREPARE_CH = 1 << 1         /* contraction hierarchies */
} fr_prepare_flags;

/* Preprocesses the network for faster queries by one objective (cost, time,
 * co2 or distance; not generalized). Call it after loading and before
 * sharing the network between threads: it modifies the network, queries do
 * not. Preparing again replaces the earlier preparation. Landmarks serve
 * every query with that objective; contraction hierarchies serve queries
 * without avoided places, mode limits or bounds. */
bool fr_network_prepare(fr_network *network, fr_objective objective, unsigned what,
                        GError **error);
/* fr_network_prepare() that can be cancelled (FR_ERROR_CANCELLED; the
 * network is then as before the call) and reports its progress;
 * `cancellable` and `progress` may be NULL. */
bool fr_network_prepare_full(fr_network *network, fr_objective objective, unsigned what,
                             GCancellable *cancellable, fr_progress_func progress,
                             void *user_data, GError **error);
/* Whether fr_network_prepare() has prepared `what` for the objective. */
bool fr_network_is_prepared(const fr_network *network, fr_objective objective,
                            fr_prepare_flags what);

/* ---- Routes -------------------------------------------------------------- */

typedef struct fr_route fr_route;

/* The optimal route for the query (FORMAT.md §2: ties by time, then cost,
 * then fewer edges). FR_ERROR_QUERY for an invalid query, FR_ERROR_NO_ROUTE
 * when no route satisfies it. Thread-safe on a shared network. */
fr_route *fr_network_route(const fr_network *network, const fr_query *query,
                           GError **error);

void fr_route_free(fr_route *route);
/* A copy of `route` that the caller owns, e.g. to keep one route of a list
 * or matrix after freeing it. NULL only when route is NULL. */
fr_route *fr_route_copy(const fr_route *route);

/* FR_STEP_WAIT: waiting at a node for a departure, a cut-off or the end of
 * a closure (dated routes only); its only figure is time_h. */
typedef enum { FR_STEP_LINK, FR_STEP_TRANSFER, FR_STEP_DWELL, FR_STEP_WAIT } fr_step_type;

/* One step of a route. Figures are per TEU, as in the network. */
typedef struct {
    fr_step_type type;
    const char *link_id;   /* link steps: the link id, "<id>:rev" for reverses */
    const char *from_node; /* link: its start; transfer/dwell: the node */
    const char *to_node;   /* link: its end; transfer/dwell: the node */
    fr_mode mode;          /* link: its mode; transfer: from_mode; dwell: the mode passed through */
    fr_mode to_mode;       /* transfer: to_mode; otherwise = mode */
    const char *corridor;  /* link steps: label or ""; others "" */
    double cost_usd, time_h, co2_kg, distance_km;
    /* Dated routes: when the step starts and ends, in the time zone of the
     * node where it starts and of the node where it ends; NULL otherwise.
     * Owned by the route. */
    GDateTime *start, *end;
} fr_step;

const fr_network *fr_route_network(const fr_route *route);
const char *fr_route_from(const fr_route *route);
const char *fr_route_to(const fr_route *route);
fr_objective fr_route_objective(const fr_route *route);
double fr_route_quantity(const fr_route *route);

size_t fr_route_step_count(const fr_route *route);
const fr_step *fr_route_step(const fr_route *route, size_t index);

/* Totals for the whole quantity. */
double fr_route_total_cost_usd(const fr_route *route);
double fr_route_total_time_h(const fr_route *route);
double fr_route_total_co2_kg(const fr_route *route);
double fr_route_total_distance_km(const fr_route *route);
size_t fr_route_transfer_count(const fr_route *route);
/* The value of the query's objective for this route (per whole quantity). */
double fr_route_objective_value(const fr_route *route);

/* Dated routes (the query had a departure or a deadline): the departure
 * from the origin and the arrival at the destination, in their nodes' time
 * zones (borrowed); NULL for undated routes. The total time is arrival -
 * departure, waits included. */
bool fr_route_is_dated(const fr_route *route);
GDateTime *fr_route_departure(const fr_route *route);
GDateTime *fr_route_arrival(const fr_route *route);

/* The dated timeline of a route: its steps in order, waits included, each
 * with start and end. Works on undated routes too (start and end NULL). */
typedef struct {
    const fr_route *route;
    size_t next;
} fr_timeline_iter;
void fr_timeline_iter_init(fr_timeline_iter *iter, const fr_route *route);
/* The next step, or NULL at the end. */
const fr_step *fr_timeline_iter_next(fr_timeline_iter *iter);

/* ---- Departure profiles --------------------------------------------------- */

typedef struct fr_profile fr_profile;

/* For each departure first, first + every_h, ... up to last (inclusive):
 * the route fr_network_route() answers for `query` departing then (the
 * query's own departure and deadline are replaced; its objective,
 * constraints and bounds apply). every_h > 0; at most FR_MAX_PROFILE_ROWS
 * departures. FR_ERROR_QUERY for an invalid query or window; departures
 * with no route are rows without a route, not errors. The profile holds a
 * reference to the network. */
#define FR_MAX_PROFILE_ROWS 100000
fr_profile *fr_network_departure_profile(const fr_network *network, const fr_query *query,
                                         GDateTime *first, GDateTime *last, double every_h,
                                         GError **error);
void fr_profile_free(fr_profile *profile);
size_t fr_profile_count(const fr_profile *profile);
/* Row i's departure (borrowed), and its route or NULL when none arrives. */
GDateTime *fr_profile_departure(const fr_profile *profile, size_t i);
const fr_route *fr_profile_route(const fr_profile *profile, size_t i);

/* ---- Critical links ------------------------------------------------------- */

/* What closing one link or node (a border crossing, a terminal) of the best
 * route to a destination costs that route (FORMAT.md §6 close). */
typedef struct {
    const char *destination; /* node id */
    const char *link_id;     /* the link closed (both directions), or NULL */
    const char *node_id;     /* the node closed, or NULL */
    bool single_point;       /* a bridge or articulation point of the physical network: no
                                path of any mode around it */
    bool alternative;        /* some route remains */
    double added_time_h, added_cost_usd; /* the new best route's totals - the old ones (for the
                                            query's quantity); NAN without an alternative */
    const fr_route *route;   /* the new best route (owned by the list), or NULL */
} fr_critical_item;

typedef struct fr_critical_list fr_critical_list;

/* For each destination, the best route of `query` (its objective,
 * constraints; its own `to` is ignored) from its origin, then every link
 * and every node inside that route closed in turn and the route searched
 * again. Items ranked by added time, then added cost, those without an
 * alternative first; the list holds each destination's base route too.
 * FR_ERROR_QUERY for an invalid query or unknown destination, FR_ERROR_NO_ROUTE
 * when a destination has no route at all. Undated queries only. */
fr_critical_list *fr_network_critical(const fr_network *network, const fr_query *query,
                                      const char *const *destinations, size_t n_destinations,
                                      GError **error);
size_t fr_critical_count(const fr_critical_list *list);
const fr_critical_item *fr_critical_get(const fr_critical_list *list, size_t index);
/* The base route to destination i (in the order given). */
const fr_route *fr_critical_base_route(const fr_critical_list *list, size_t destination);
void fr_critical_list_free(fr_critical_list *list);

/* ---- Trade-offs: Pareto fronts and alternatives --------------------------- */

typedef enum { FR_CRITERION_COST, FR_CRITERION_TIME, FR_CRITERION_CO2, FR_CRITERION_COUNT } fr_criterion;

const char *fr_criterion_name(fr_criterion criterion);
/* Parse "cost,time" or "cost,time,co2": two or three distinct criteria into
 * `out`, which must hold FR_CRITERION_COUNT entries; *n_out gets how many.
 * FR_ERROR_QUERY naming the problem otherwise. */
bool fr_criteria_parse(const char *list, fr_criterion *out, size_t *n_out, GError **error);

/* An ordered list of routes; owns them. */
typedef struct fr_route_list fr_route_list;
size_t fr_route_list_count(const fr_route_list *list);
const fr_route *fr_route_list_get(const fr_route_list *list, size_t index);
void fr_route_list_free(fr_route_list *list);

/* Options of a Pareto query. */
typedef struct {
    size_t max_routes; /* 0: no cap; else the first max_routes by the first criterion */
    bool convex_hull;  /* keep only the supported routes: optimal for some
                          positive weighting of the criteria */
} fr_pareto_options;

/* The exact Pareto front of the query's routes over n_criteria (2 or 3)
 * distinct criteria: one route per non-dominated vector of totals, sorted by
 * the first criterion (then the others). Constraints and bounds of the
 * query apply. `options` may be NULL (exact, uncapped). With a departure
 * (fr_query_set_departure) the front is of dated routes, time being
 * arrival - departure; a deadline then bounds the arrival (a deadline
 * alone is an FR_ERROR_QUERY). */
fr_route_list *fr_network_pareto(const fr_network *network, const fr_query *query,
                                 const fr_criterion *criteria, size_t n_criteria,
                                 const fr_pareto_options *options, GError **error);

/* The k best routes by the query's objective that visit no physical node
 * twice, in increasing order, each differing from the others in at least one
 * link or transfer. Fewer than k when fewer exist; FR_ERROR_NO_ROUTE when
 * none. k from 1 to FR_MAX_ALTERNATIVES. With a departure they are dated
 * routes (FR_ERROR_QUERY when the search would need too many labels, or
 * with a deadline alone). */
#define FR_MAX_ALTERNATIVES 1000
fr_route_list *fr_network_alternatives(const fr_network *network, const fr_query *query,
                                       size_t k, GError **error);

/* ---- Origin-destination matrices ----------------------------------------- */

typedef struct fr_matrix fr_matrix;

/* What a cell of a matrix holds. */
typedef enum {
    FR_CELL_ROUTE,    /* a route exists; its totals are in the matrix */
    FR_CELL_NO_ROUTE, /* no route satisfies the query */
    FR_CELL_SAME_NODE /* origin = destination: totals 0, no route */
} fr_cell_status;

typedef struct {
    unsigned threads;  /* worker threads; 0: one per processor */
    bool keep_routes;  /* keep every cell's route (fr_matrix_route()); costs memory */
    /* Called from the calling thread now and then with the origins done so
     * far; may be NULL. */
    void (*progress)(size_t origins_done, size_t origins_total, void *user_data);
    void *user_data;
} fr_matrix_options;

/* The best route of `query` (objective, quantity, modes, avoided places,
 * bounds; its own endpoints are ignored) for every origin x destination
 * pair of node ids, computed in parallel: one search per distinct origin
 * reaching all destinations (per pair only when the query has bounds).
 * Each cell equals what fr_network_route() answers for that pair. Ids may
 * repeat (their cells repeat). FR_ERROR_QUERY for an empty list, an
 * unknown or avoided origin or destination (the message names it and its
 * role) or an impossible query (as fr_network_route() words it);
 * unreachable pairs are cells, not errors. `options` may be NULL (one
 * thread per processor, no routes kept, no progress). A matrix holds a
 * reference to its network (free them in any order). A dated query (a
 * departure or a deadline) gives each pair its dated route, dated at its
 * own origin; its cell's time is arrival - departure. */
fr_matrix *fr_network_matrix(const fr_network *network, const fr_query *query,
                             const char *const *origins, size_t n_origins,
                             const char *const *destinations, size_t n_destinations,
                             const fr_matrix_options *options, GError **error);
void fr_matrix_free(fr_matrix *matrix);

size_t fr_matrix_origin_count(const fr_matrix *matrix);
size_t fr_matrix_destination_count(const fr_matrix *matrix);
const char *fr_matrix_origin(const fr_matrix *matrix, size_t i);
const char *fr_matrix_destination(const fr_matrix *matrix, size_t j);
/* Cell (i, j): origin i to destination j. Totals are for the query's whole
 * quantity, as fr_route_total_*(); NAN unless the status is FR_CELL_ROUTE
 * (0 for FR_CELL_SAME_NODE). */
fr_cell_status fr_matrix_status(const fr_matrix *matrix, size_t i, size_t j);
double fr_matrix_cost_usd(const fr_matrix *matrix, size_t i, size_t j);
double fr_matrix_time_h(const fr_matrix *matrix, size_t i, size_t j);
double fr_matrix_co2_kg(const fr_matrix *matrix, size_t i, size_t j);
double fr_matrix_distance_km(const fr_matrix *matrix, size_t i, size_t j);
double fr_matrix_objective_value(const fr_matrix *matrix, size_t i, size_t j);
/* The cell's number of transfers (changes of mode); 0 unless FR_CELL_ROUTE. */
size_t fr_matrix_transfer_count(const fr_matrix *matrix, size_t i, size_t j);
/* The cell's route when the matrix kept routes and the status is
 * FR_CELL_ROUTE; NULL otherwise. Owned by the matrix. */
const fr_route *fr_matrix_route(const fr_matrix *matrix, size_t i, size_t j);

/* Renderings, newly allocated (g_free). CSV: one row per cell, origin by
 * origin, with the header
 *   origin,destination,status,cost_usd,time_h,co2_kg,distance_km,transfers,objective
 * (status route, no_route or same_node; the figures empty unless route)
 * and, when routes were kept, a last column `links`: the route's link ids
 * joined by spaces. JSON: {"objective": "cost", "quantity_teu": 1,
 * "origins": [...], "destinations": [...], "cells": [[...], ...]}, a row
 * of cells per origin, each {"status": "route", "cost_usd": ...,
 * "time_h": ..., "co2_kg": ..., "distance_km": ..., "transfers": ...,
 * "objective": ...} (with "route": the route as fr_route_to_json() writes
 * it, when kept) or {"status": "no_route"} or {"status": "same_node"}. */
char *fr_matrix_to_csv(const fr_matrix *matrix);
char *fr_matrix_to_json(const fr_matrix *matrix);

/* ---- Output -------------------------------------------------------------- */

/* Renderings of a route, newly allocated (g_free). JSON is FORMAT.md §3;
 * GeoJSON a FeatureCollection with a LineString per link step, then a
 * Point per transfer step (at its node), and the route's from, to,
 * objective, quantity_teu and total as the collection's "properties"; text
 * a readable itinerary (figures per TEU) with totals for the quantity. */
char *fr_route_to_json(const fr_route *route);
char *fr_route_to_geojson(const fr_route *route);
char *fr_route_to_text(const fr_route *route);

/* A list of routes: JSON {"routes": [...]}; GeoJSON with a "route" index
 * property on every feature (every route's lines, then every route's
 * transfer points) and each route's totals in the collection's "routes";
 * text as a table, one row per route (main modes,
 * corridors, days, USD/TEU, kg CO2e/TEU, transfers), followed by each
 * route's itinerary when `verbose`. */
char *fr_route_list_to_json(const fr_route_list *list);
char *fr_route_list_to_geojson(const fr_route_list *list);
char *fr_route_list_to_text(const fr_route_list *list, bool verbose);

/* ---- Automatic cleanup --------------------------------------------------- */

/* g_autoptr(fr_network) net = fr_network_load_default(&err); ... */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fr_network, fr_network_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fr_network_builder, fr_network_builder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fr_scenario, fr_scenario_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fr_query, fr_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fr_route, fr_route_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fr_route_list, fr_route_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fr_profile, fr_profile_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fr_critical_list, fr_critical_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fr_matrix, fr_matrix_free)

#if defined(FR_BUILDING_LIBRARY) && defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* FREIGHTROUTE_H */
