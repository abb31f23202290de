/* test_lifetimes.c - safe lifetimes and misuse of the public API (issue 12):
 *
 *   - every public function of include/freightroute.h called with NULL, or
 *     an index out of range, answers what the header's "Misuse" paragraph
 *     promises (a table of cases; the header itself is read to check that
 *     the table names every declared function);
 *   - routes, lists, matrices, departure profiles and critical lists outlive
 *     the caller's reference to their network (also one made by
 *     fr_network_apply_scenario()): everything read after the network was
 *     dropped equals what was read before (ASan proves nothing was freed
 *     under them);
 *   - the network's reference count by hand: each object holds exactly one
 *     reference per route it keeps, plus its own, and gives them back;
 *   - fr_route_copy(): an independent route that outlives its list, matrix
 *     or profile and the network;
 *   - g_autoptr for every public type;
 *   - the header's example, careful and careless, with a right and a wrong
 *     path.
 *
 * Functions that other parts of issue 12 add (the builder, export, lookup,
 * read access, cancellation) are in blocks under FR_TEST_ISSUE12_API (on);
 * the renderers and parsers that still crash on NULL (files outside this
 * change) under FR_TEST_MISUSE_RENDER (off until they check). Each block,
 * when off, lists its functions by name, so that the check against the
 * header still accounts for them. */
#include "helpers.h"

#include "network.h" /* the reference count, for the white-box checks */

#include <math.h>
#include <stdio.h>
#include <string.h>

#ifndef FR_TEST_ISSUE12_API
#define FR_TEST_ISSUE12_API 1 /* 0 while those functions are missing */
#endif
#ifndef FR_TEST_MISUSE_RENDER
#define FR_TEST_MISUSE_RENDER 1
#endif

#define SAMPLE_DIR FR_SOURCE_DIR "/examples/data/sample"

/* ---- the objects every test starts from ----------------------------------- */

typedef struct {
    fr_network *net;
    fr_query *query;      /* CNCKG -> DEDUI, fastest */
    fr_route *route;      /* its answer */
    fr_route *dated;      /* the same query departing 2019-07-02T08:00Z */
    fr_route_list *list;  /* its two best alternatives */
    fr_matrix *matrix;    /* {CNCKG, CNSHA} x {DEDUI, NLRTM}, routes kept */
    fr_profile *profile;  /* departures 08:00, 09:00, 10:00 */
    fr_critical_list *critical; /* to DEDUI */
    fr_scenario *scenario;      /* every cost x 2 */
    GDateTime *departure;
} fixture;

static const char *const matrix_origins[] = {"CNCKG", "CNSHA"};
static const char *const matrix_destinations[] = {"DEDUI", "NLRTM"};
static const char *const critical_destinations[] = {"DEDUI"};
static const char scale_costs[] = "select,field,op,value\nall,cost_usd,scale,2\n";

static fr_network *load_sample(void)
{
    GError *err = NULL;
    return expect_loaded(fr_network_load_dir(SAMPLE_DIR, &err), err);
}

/* Fails the test with the error unless obj was made. */
static void *made(void *obj, GError *err, const char *what)
{
    if (!obj)
        fail_msg("%s: %s", what, err ? err->message : "(no error)");
    return obj;
}

static fr_route_list *alternatives_of(const fr_network *net, const fr_query *q)
{
    GError *err = NULL;
    return made(fr_network_alternatives(net, q, 2, &err), err, "alternatives");
}

static fr_matrix *matrix_of(const fr_network *net, const fr_query *q)
{
    GError *err = NULL;
    fr_matrix_options options = {.threads = 2, .keep_routes = true};
    return made(fr_network_matrix(net, q, matrix_origins, 2, matrix_destinations, 2, &options,
                                  &err),
                err, "matrix");
}

static fr_profile *profile_of(const fr_network *net, const fr_query *q, GDateTime *first)
{
    GError *err = NULL;
    GDateTime *last = g_date_time_add_hours(first, 2);
    fr_profile *p = fr_network_departure_profile(net, q, first, last, 1, &err);
    g_date_time_unref(last);
    return made(p, err, "profile");
}

static fr_critical_list *critical_of(const fr_network *net, const fr_query *q)
{
    GError *err = NULL;
    return made(fr_network_critical(net, q, critical_destinations, 1, &err), err, "critical");
}

static fr_route *dated_route_of(const fr_network *net, const fr_query *q, GDateTime *depart)
{
    fr_query *dated = fr_query_copy(q);
    fr_query_set_departure(dated, depart);
    fr_route *r = route_ok(net, dated);
    fr_query_free(dated);
    return r;
}

static fr_scenario *scenario_of(const char *text)
{
    char *dir = make_tmp_dir();
    write_file_bytes(dir, "costs.csv", text, strlen(text));
    char *path = g_build_filename(dir, "costs.csv", NULL);
    GError *err = NULL;
    fr_scenario *s = made(fr_scenario_load_file(path, &err), err, "scenario");
    g_free(path);
    remove_dir(dir);
    g_free(dir);
    return s;
}

static fixture *fixture_new(void)
{
    fixture *f = g_new0(fixture, 1);
    f->net = load_sample();
    f->query = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(f->query, FR_OBJECTIVE_TIME);
    f->route = route_ok(f->net, f->query);
    f->departure = g_date_time_new_utc(2019, 7, 2, 8, 0, 0);
    f->dated = dated_route_of(f->net, f->query, f->departure);
    f->list = alternatives_of(f->net, f->query);
    f->matrix = matrix_of(f->net, f->query);
    f->profile = profile_of(f->net, f->query, f->departure);
    f->critical = critical_of(f->net, f->query);
    f->scenario = scenario_of(scale_costs);
    return f;
}

static void fixture_free(fixture *f)
{
    fr_route_free(f->route);
    fr_route_free(f->dated);
    fr_route_list_free(f->list);
    fr_matrix_free(f->matrix);
    fr_profile_free(f->profile);
    fr_critical_list_free(f->critical);
    fr_scenario_free(f->scenario);
    fr_query_free(f->query);
    g_date_time_unref(f->departure);
    fr_network_unref(f->net);
    g_free(f);
}

/* ---- misuse: the table ------------------------------------------------------ */

/* What a call answered, by the type of its result. */
typedef enum { R_POINTER, R_NUMBER, R_SIZE, R_INDEX, R_BOOL, R_INT, R_VOID } result_type;
typedef struct {
    result_type type;
    const void *pointer;
    double number;
    size_t size;
    long index;
    bool truth;
    long integer; /* enums, quarks */
} outcome;

static outcome of_pointer(const void *p) { return (outcome){.type = R_POINTER, .pointer = p}; }
static outcome of_number(double x) { return (outcome){.type = R_NUMBER, .number = x}; }
static outcome of_size(size_t n) { return (outcome){.type = R_SIZE, .size = n}; }
static outcome of_index(long i) { return (outcome){.type = R_INDEX, .index = i}; }
static outcome of_bool(bool b) { return (outcome){.type = R_BOOL, .truth = b}; }
static outcome of_int(int v) { return (outcome){.type = R_INT, .integer = v}; }
static outcome of_uint(unsigned v) { return (outcome){.type = R_INT, .integer = (long)v}; }

#define OUTCOME(expr)                                                                      \
    _Generic((expr), double: of_number, size_t: of_size, long: of_index, bool: of_bool,    \
             int: of_int, unsigned: of_uint, default: of_pointer)(expr)

/* What the header promises for the call. */
typedef enum {
    E_NULL,     /* NULL */
    E_NOT_NULL, /* a value (static names, the version) */
    E_FALSE,
    E_ZERO,     /* a count of 0 */
    E_NAN,
    E_NONE,     /* an index of -1 */
    E_EQUAL,    /* the enum value `value` */
    E_FAILS,    /* NULL, false or -1, with an FR_ERROR_QUERY naming `arg` */
    E_NOTHING   /* a void call that must simply return */
} expectation;

#define NULL_ E_NULL, NULL, 0
#define NOT_NULL E_NOT_NULL, NULL, 0
#define FALSE_ E_FALSE, NULL, 0
#define ZERO E_ZERO, NULL, 0
#define NAN_ E_NAN, NULL, 0
#define NONE E_NONE, NULL, 0
#define EQUALS(v) E_EQUAL, NULL, (long)(v)
#define FAILS(arg) E_FAILS, arg, 0
#define NOTHING E_NOTHING, NULL, 0

typedef struct {
    const char *call; /* the expression, as written */
    expectation expect;
    const char *arg;  /* E_FAILS: a word the message must contain */
    long value;       /* E_EQUAL */
    outcome (*run)(const fixture *f, GError **error);
} misuse_case;

static fr_node_info node_out;
static fr_link_info link_out;
static fr_timeline_iter iter_out;

/* Out of range: one past the end of what the fixture's objects hold. */
#define NODES fr_network_node_count(f->net)
#define LINKS fr_network_link_count(f->net)
#define STEPS fr_route_step_count(f->route)

/* Each case: X(name, expectation, call) for calls with a result, V(name,
 * call) for void calls. `f` is the fixture, `error` a GError ** (NULL
 * before the call). */
#define MISUSE_CASES(X, V)                                                                  \
    /* networks */                                                                          \
    X(load_dir_null, FAILS("directory"), fr_network_load_dir(NULL, error))                  \
    X(export_default_null, FAILS("directory"), fr_network_export_default(NULL, error))      \
    X(ref_null, NULL_, fr_network_ref(NULL))                                                 \
    V(unref_null, fr_network_unref(NULL))                                                   \
    V(network_free_null, fr_network_free(NULL))                                             \
    X(warnings_null, NULL_, fr_network_warnings(NULL))                                      \
    X(node_count_null, ZERO, fr_network_node_count(NULL))                                   \
    X(link_count_null, ZERO, fr_network_link_count(NULL))                                   \
    X(node_null, FALSE_, fr_network_node(NULL, 0, &node_out))                               \
    X(node_out_null, FALSE_, fr_network_node(f->net, 0, NULL))                              \
    X(node_past_end, FALSE_, fr_network_node(f->net, NODES, &node_out))                     \
    X(link_null, FALSE_, fr_network_link(NULL, 0, &link_out))                               \
    X(link_out_null, FALSE_, fr_network_link(f->net, 0, NULL))                              \
    X(link_past_end, FALSE_, fr_network_link(f->net, LINKS, &link_out))                     \
    X(find_node_null, NONE, fr_network_find_node(NULL, "CNCKG"))                            \
    X(find_node_id_null, NONE, fr_network_find_node(f->net, NULL))                          \
    X(find_node_unknown, NONE, fr_network_find_node(f->net, "XXNOPE"))                      \
    X(has_corridor_null, FALSE_, fr_network_has_corridor(NULL, "Yuxinou"))                  \
    X(has_corridor_name_null, FALSE_, fr_network_has_corridor(f->net, NULL))                \
    X(state_count_null, ZERO, fr_network_state_count(NULL))                                 \
    X(edge_count_null, ZERO, fr_network_virtual_edge_count(NULL))                           \
    /* scenarios */                                                                         \
    V(scenario_free_null, fr_scenario_free(NULL))                                           \
    X(scenario_name_null, NULL_, fr_scenario_name(NULL))                                    \
    X(scenario_names, NOT_NULL, fr_scenario_embedded_names())                               \
    X(scenario_description_null, NULL_, fr_scenario_embedded_description(NULL))             \
    X(scenario_embedded_null, FAILS("scenario"), fr_scenario_load_embedded(NULL, error))    \
    X(apply_network_null, FAILS("network"), fr_network_apply_scenario(NULL, f->scenario,    \
                                                                       error))              \
    X(apply_scenario_null, FAILS("scenario"), fr_network_apply_scenario(f->net, NULL,       \
                                                                         error))            \
    /* queries */                                                                           \
    X(query_copy_null, NULL_, fr_query_copy(NULL))                                          \
    V(query_free_null, fr_query_free(NULL))                                                 \
    V(set_endpoints_null, fr_query_set_endpoints(NULL, "CNCKG", "DEDUI"))                   \
    V(set_objective_null, fr_query_set_objective(NULL, FR_OBJECTIVE_TIME))                  \
    V(set_quantity_null, fr_query_set_quantity(NULL, 2))                                    \
    V(set_value_of_time_null, fr_query_set_value_of_time(NULL, 1))                          \
    V(set_carbon_price_null, fr_query_set_carbon_price(NULL, 1))                            \
    V(set_modes_null, fr_query_set_modes(NULL, FR_MODES_ALL))                               \
    V(avoid_node_null, fr_query_avoid_node(NULL, "CNAKO"))                                  \
    V(avoid_country_null, fr_query_avoid_country(NULL, "BY"))                               \
    V(avoid_corridor_null, fr_query_avoid_corridor(NULL, "Yuxinou"))                        \
    V(set_max_time_null, fr_query_set_max_time(NULL, 100))                                  \
    V(set_max_cost_null, fr_query_set_max_cost(NULL, 100))                                  \
    V(set_departure_null, fr_query_set_departure(NULL, f->departure))                       \
    V(set_arrive_by_null, fr_query_set_arrive_by(NULL, f->departure))                       \
    V(set_date_null, fr_query_set_date(NULL, f->departure))                                 \
    V(set_algorithm_null, fr_query_set_algorithm(NULL, FR_ALGORITHM_DIJKSTRA))              \
    X(query_from_null, NULL_, fr_query_from(NULL))                                          \
    X(query_to_null, NULL_, fr_query_to(NULL))                                              \
    X(query_objective_null, EQUALS(FR_OBJECTIVE_COST), fr_query_objective(NULL))            \
    X(query_quantity_null, NAN_, fr_query_quantity(NULL))                                   \
    X(query_value_of_time_null, NAN_, fr_query_value_of_time(NULL))                         \
    X(query_carbon_price_null, NAN_, fr_query_carbon_price(NULL))                           \
    X(query_departure_null, NULL_, fr_query_departure(NULL))                                \
    X(query_arrive_by_null, NULL_, fr_query_arrive_by(NULL))                                \
    X(query_date_null, NULL_, fr_query_date(NULL))                                          \
    X(query_algorithm_null, EQUALS(FR_ALGORITHM_AUTO), fr_query_algorithm(NULL))            \
    /* dates */                                                                             \
    X(parse_datetime_network_null, FAILS("network"),                                        \
      fr_network_parse_datetime(NULL, NULL, "2019-07-02", error))                           \
    X(parse_datetime_text_null, FAILS("text"),                                              \
      fr_network_parse_datetime(f->net, NULL, NULL, error))                                 \
    X(parse_datetime_unknown_node, FAILS("XXNOPE"),                                         \
      fr_network_parse_datetime(f->net, "XXNOPE", "2019-07-02", error))                     \
    X(node_timezone_null, NULL_, fr_network_node_timezone(NULL, 0))                         \
    X(node_timezone_past_end, NULL_, fr_network_node_timezone(f->net, NODES))               \
    X(reference_date_null, NULL_, fr_network_reference_date(NULL))                          \
    X(is_timetabled_null, FALSE_, fr_network_is_timetabled(NULL))                           \
    /* preparation */                                                                       \
    X(prepare_null, FAILS("network"), fr_network_prepare(NULL, FR_OBJECTIVE_COST,           \
                                                          FR_PREPARE_LANDMARKS, error))     \
    X(is_prepared_null, FALSE_, fr_network_is_prepared(NULL, FR_OBJECTIVE_COST,             \
                                                        FR_PREPARE_LANDMARKS))              \
    /* routes */                                                                            \
    X(route_network_null, FAILS("network"), fr_network_route(NULL, f->query, error))        \
    X(route_query_null, FAILS("query"), fr_network_route(f->net, NULL, error))              \
    X(route_from_unset, FAILS("origin"), fr_network_route(f->net, unset_query(), error))    \
    V(route_free_null, fr_route_free(NULL))                                                 \
    X(route_copy_null, NULL_, fr_route_copy(NULL))                                          \
    X(route_network_of_null, NULL_, fr_route_network(NULL))                                 \
    X(route_from_null, NULL_, fr_route_from(NULL))                                          \
    X(route_to_null, NULL_, fr_route_to(NULL))                                              \
    X(route_objective_null, EQUALS(FR_OBJECTIVE_COST), fr_route_objective(NULL))            \
    X(route_quantity_null, NAN_, fr_route_quantity(NULL))                                   \
    X(step_count_null, ZERO, fr_route_step_count(NULL))                                     \
    X(step_null, NULL_, fr_route_step(NULL, 0))                                             \
    X(step_past_end, NULL_, fr_route_step(f->route, STEPS))                                 \
    X(total_cost_null, NAN_, fr_route_total_cost_usd(NULL))                                 \
    X(total_time_null, NAN_, fr_route_total_time_h(NULL))                                   \
    X(total_co2_null, NAN_, fr_route_total_co2_kg(NULL))                                    \
    X(total_distance_null, NAN_, fr_route_total_distance_km(NULL))                          \
    X(transfer_count_null, ZERO, fr_route_transfer_count(NULL))                             \
    X(objective_value_null, NAN_, fr_route_objective_value(NULL))                           \
    X(is_dated_null, FALSE_, fr_route_is_dated(NULL))                                       \
    X(departure_null, NULL_, fr_route_departure(NULL))                                      \
    X(arrival_null, NULL_, fr_route_arrival(NULL))                                          \
    V(iter_init_null, fr_timeline_iter_init(NULL, f->route))                                \
    X(iter_next_null, NULL_, fr_timeline_iter_next(NULL))                                   \
    X(iter_next_no_route, NULL_, timeline_of(NULL))                                         \
    /* departure profiles */                                                                \
    X(profile_network_null, FAILS("network"),                                               \
      fr_network_departure_profile(NULL, f->query, f->departure, f->departure, 1, error))   \
    X(profile_query_null, FAILS("query"),                                                   \
      fr_network_departure_profile(f->net, NULL, f->departure, f->departure, 1, error))     \
    X(profile_first_null, FAILS("first"),                                                   \
      fr_network_departure_profile(f->net, f->query, NULL, f->departure, 1, error))         \
    X(profile_last_null, FAILS("last"),                                                     \
      fr_network_departure_profile(f->net, f->query, f->departure, NULL, 1, error))         \
    V(profile_free_null, fr_profile_free(NULL))                                             \
    X(profile_count_null, ZERO, fr_profile_count(NULL))                                     \
    X(profile_departure_null, NULL_, fr_profile_departure(NULL, 0))                         \
    X(profile_departure_past_end, NULL_, fr_profile_departure(f->profile, 3))               \
    X(profile_route_null, NULL_, fr_profile_route(NULL, 0))                                 \
    X(profile_route_past_end, NULL_, fr_profile_route(f->profile, 3))                       \
    /* critical links */                                                                    \
    X(critical_network_null, FAILS("network"),                                              \
      fr_network_critical(NULL, f->query, critical_destinations, 1, error))                 \
    X(critical_query_null, FAILS("query"),                                                  \
      fr_network_critical(f->net, NULL, critical_destinations, 1, error))                   \
    X(critical_destinations_null, FAILS("destination"),                                     \
      fr_network_critical(f->net, f->query, NULL, 1, error))                                \
    X(critical_count_null, ZERO, fr_critical_count(NULL))                                   \
    X(critical_get_null, NULL_, fr_critical_get(NULL, 0))                                   \
    X(critical_get_past_end, NULL_, fr_critical_get(f->critical,                            \
                                                    fr_critical_count(f->critical)))        \
    X(critical_base_null, NULL_, fr_critical_base_route(NULL, 0))                           \
    X(critical_base_past_end, NULL_, fr_critical_base_route(f->critical, 1))                \
    V(critical_free_null, fr_critical_list_free(NULL))                                      \
    /* trade-offs */                                                                        \
    X(criterion_name_bad, NOT_NULL, fr_criterion_name(FR_CRITERION_COUNT))                  \
    X(criteria_parse_null, FAILS("criteria"), fr_criteria_parse(NULL, criteria_out,         \
                                                                 &n_criteria_out, error))   \
    X(list_count_null, ZERO, fr_route_list_count(NULL))                                     \
    X(list_get_null, NULL_, fr_route_list_get(NULL, 0))                                     \
    X(list_get_past_end, NULL_, fr_route_list_get(f->list, fr_route_list_count(f->list)))   \
    V(list_free_null, fr_route_list_free(NULL))                                             \
    X(pareto_network_null, FAILS("network"),                                                \
      fr_network_pareto(NULL, f->query, two_criteria, 2, NULL, error))                      \
    X(pareto_query_null, FAILS("query"),                                                    \
      fr_network_pareto(f->net, NULL, two_criteria, 2, NULL, error))                        \
    X(pareto_criteria_null, FAILS("criteria"),                                              \
      fr_network_pareto(f->net, f->query, NULL, 2, NULL, error))                            \
    X(alternatives_network_null, FAILS("network"),                                          \
      fr_network_alternatives(NULL, f->query, 2, error))                                    \
    X(alternatives_query_null, FAILS("query"), fr_network_alternatives(f->net, NULL, 2,     \
                                                                        error))             \
    /* matrices */                                                                          \
    X(matrix_network_null, FAILS("network"),                                                \
      fr_network_matrix(NULL, f->query, matrix_origins, 2, matrix_destinations, 2, NULL,    \
                        error))                                                             \
    X(matrix_query_null, FAILS("query"),                                                    \
      fr_network_matrix(f->net, NULL, matrix_origins, 2, matrix_destinations, 2, NULL,      \
                        error))                                                             \
    X(matrix_origins_null, FAILS("origin"),                                                 \
      fr_network_matrix(f->net, f->query, NULL, 2, matrix_destinations, 2, NULL, error))    \
    X(matrix_destinations_null, FAILS("destination"),                                       \
      fr_network_matrix(f->net, f->query, matrix_origins, 2, NULL, 2, NULL, error))         \
    V(matrix_free_null, fr_matrix_free(NULL))                                               \
    X(matrix_origin_count_null, ZERO, fr_matrix_origin_count(NULL))                         \
    X(matrix_destination_count_null, ZERO, fr_matrix_destination_count(NULL))               \
    X(matrix_origin_null, NULL_, fr_matrix_origin(NULL, 0))                                 \
    X(matrix_origin_past_end, NULL_, fr_matrix_origin(f->matrix, 2))                        \
    X(matrix_destination_null, NULL_, fr_matrix_destination(NULL, 0))                       \
    X(matrix_destination_past_end, NULL_, fr_matrix_destination(f->matrix, 2))              \
    X(matrix_status_null, EQUALS(FR_CELL_NO_ROUTE), fr_matrix_status(NULL, 0, 0))           \
    X(matrix_status_past_end, EQUALS(FR_CELL_NO_ROUTE), fr_matrix_status(f->matrix, 0, 2))  \
    X(matrix_cost_null, NAN_, fr_matrix_cost_usd(NULL, 0, 0))                               \
    X(matrix_cost_past_end, NAN_, fr_matrix_cost_usd(f->matrix, 2, 0))                      \
    X(matrix_time_null, NAN_, fr_matrix_time_h(NULL, 0, 0))                                 \
    X(matrix_co2_null, NAN_, fr_matrix_co2_kg(NULL, 0, 0))                                  \
    X(matrix_distance_null, NAN_, fr_matrix_distance_km(NULL, 0, 0))                        \
    X(matrix_objective_null, NAN_, fr_matrix_objective_value(NULL, 0, 0))                   \
    X(matrix_transfers_null, ZERO, fr_matrix_transfer_count(NULL, 0, 0))                    \
    X(matrix_transfers_past_end, ZERO, fr_matrix_transfer_count(f->matrix, 0, 2))           \
    X(matrix_route_null, NULL_, fr_matrix_route(NULL, 0, 0))                                \
    X(matrix_route_past_end, NULL_, fr_matrix_route(f->matrix, 2, 2))                       \
    /* names, version, errors */                                                            \
    X(version, NOT_NULL, fr_version())                                                      \
    X(error_quark, NOT_NULL, GUINT_TO_POINTER(fr_error_quark()))                            \
    X(mode_name_bad, NOT_NULL, fr_mode_name(FR_MODE_COUNT))                                 \
    X(node_kind_name_bad, NOT_NULL, fr_node_kind_name(FR_NODE_KIND_COUNT))                  \
    X(objective_name_bad, NOT_NULL, fr_objective_name(FR_OBJECTIVE_COUNT))                  \
    X(algorithm_name_bad, NOT_NULL, fr_algorithm_name(FR_ALGORITHM_COUNT))                  \
    X(mode_from_name_null, FALSE_, fr_mode_from_name(NULL, &mode_out))                      \
    X(mode_from_name_out_null, EQUALS(true), fr_mode_from_name("rail", NULL))               \
    X(objective_from_name_null, FALSE_, fr_objective_from_name(NULL, &objective_out))       \
    X(algorithm_from_name_null, FALSE_, fr_algorithm_from_name(NULL, &algorithm_out))       \
    X(mode_set_parse_null, FAILS("modes"), fr_mode_set_parse(NULL, &modes_out, error))      \
    X(default_co2_factor_bad, NOT_NULL, &(double){fr_mode_default_co2_factor(FR_MODE_COUNT)})

static fr_mode mode_out;
static fr_objective objective_out;
static fr_algorithm algorithm_out;
static fr_mode_set modes_out;
static fr_criterion criteria_out[FR_CRITERION_COUNT];
static size_t n_criteria_out;
static const fr_criterion two_criteria[] = {FR_CRITERION_COST, FR_CRITERION_TIME};

/* A query whose endpoints were never given (fr_query_new(NULL, NULL)). */
static fr_query *unset_queries[4];
static size_t n_unset;
static const fr_query *unset_query(void)
{
    g_assert(n_unset < G_N_ELEMENTS(unset_queries));
    return unset_queries[n_unset++] = fr_query_new(NULL, NULL);
}

/* The first step of the timeline of `route` (NULL: none). */
static const fr_step *timeline_of(const fr_route *route)
{
    fr_timeline_iter_init(&iter_out, route);
    return fr_timeline_iter_next(&iter_out);
}

#define CASE_FUNCTION(name, expect, expr)                                                  \
    static outcome case_##name(const fixture *f, GError **error)                           \
    {                                                                                      \
        (void)f;                                                                           \
        (void)error;                                                                       \
        return OUTCOME(expr);                                                              \
    }
#define VOID_FUNCTION(name, expr)                                                          \
    static outcome case_##name(const fixture *f, GError **error)                           \
    {                                                                                      \
        (void)f;                                                                           \
        (void)error;                                                                       \
        expr;                                                                              \
        return (outcome){.type = R_VOID};                                                  \
    }
MISUSE_CASES(CASE_FUNCTION, VOID_FUNCTION)

#define CASE_ENTRY(name, expect, expr) {#expr, expect, case_##name},
#define VOID_ENTRY(name, expr) {#expr, NOTHING, case_##name},
static const misuse_case misuse_cases[] = {MISUSE_CASES(CASE_ENTRY, VOID_ENTRY)};

/* ---- misuse: calls in files outside this change, and other helpers' API ---- */

#if FR_TEST_MISUSE_RENDER
#define RENDER_CASES(X, V)                                                                  \
    X(route_json_null, NULL_, fr_route_to_json(NULL))                                       \
    X(route_geojson_null, NULL_, fr_route_to_geojson(NULL))                                 \
    X(route_text_null, NULL_, fr_route_to_text(NULL))                                       \
    X(list_json_null, NULL_, fr_route_list_to_json(NULL))                                   \
    X(list_geojson_null, NULL_, fr_route_list_to_geojson(NULL))                             \
    X(list_text_null, NULL_, fr_route_list_to_text(NULL, true))                             \
    X(matrix_csv_null, NULL_, fr_matrix_to_csv(NULL))                                       \
    X(matrix_json_null, NULL_, fr_matrix_to_json(NULL))                                     \
    X(scenario_file_null, FAILS("path"), fr_scenario_load_file(NULL, error))                \
    X(mode_set_out_null, FAILS("out"), fr_mode_set_parse("rail", NULL, error))              \
    X(criteria_out_null, FAILS("out"), fr_criteria_parse("cost,time", NULL, NULL, error))
RENDER_CASES(CASE_FUNCTION, VOID_FUNCTION)
static const misuse_case render_cases[] = {RENDER_CASES(CASE_ENTRY, VOID_ENTRY)};
static const char *const render_pending[] = {NULL};
#else
static const misuse_case render_cases[] = {{NULL, E_NOTHING, NULL, 0, NULL}};
static const char *const render_pending[] = {
    "fr_route_to_json", "fr_route_to_geojson", "fr_route_to_text", "fr_route_list_to_json",
    "fr_route_list_to_geojson", "fr_route_list_to_text", "fr_matrix_to_csv",
    "fr_matrix_to_json", "fr_scenario_load_file", NULL};
#endif

#if FR_TEST_ISSUE12_API
static fr_network_builder *builder_out;
static size_t suggest_out[4];
static fr_transfer_info transfer_out;
static const char *const one_column[] = {"id"};
static const char *const one_value[] = {"X"};
static void progress_ignored(double fraction, void *data)
{
    (void)fraction;
    (void)data;
}
/* A builder for the cases that give one, freed by the test. */
static fr_network_builder *builder(void)
{
    if (!builder_out)
        builder_out = fr_network_builder_new();
    return builder_out;
}
#define ISSUE12_CASES(X, V)                                                                 \
    X(export_network_null, FAILS("network"), fr_network_export(NULL, "/tmp/x", 0, error))   \
    X(export_dir_null, FAILS("dir"), fr_network_export(f->net, NULL, 0, error))             \
    X(transfer_count_net_null, ZERO, fr_network_transfer_count(NULL))                       \
    X(transfer_null, FALSE_, fr_network_transfer(NULL, 0, &transfer_out))                   \
    X(transfer_out_null, FALSE_, fr_network_transfer(f->net, 0, NULL))                      \
    X(transfer_past_end, FALSE_, fr_network_transfer(f->net, fr_network_transfer_count(f->net),\
                                                     &transfer_out))                        \
    X(co2_factor_null, NAN_, fr_network_co2_factor(NULL, FR_MODE_RAIL))                     \
    X(co2_factor_bad_mode, NAN_, fr_network_co2_factor(f->net, FR_MODE_COUNT))              \
    X(corridors_null, NULL_, fr_network_corridors(NULL))                                    \
    X(countries_null, NULL_, fr_network_countries(NULL))                                    \
    X(lookup_node_network_null, FAILS("network"), fr_network_lookup_node(NULL, "CNCKG",     \
                                                                          error))           \
    X(lookup_node_text_null, FAILS("text"), fr_network_lookup_node(f->net, NULL, error))    \
    X(suggest_null, ZERO, fr_network_suggest_nodes(NULL, "CNCKG", suggest_out, 4))          \
    X(suggest_text_null, ZERO, fr_network_suggest_nodes(f->net, NULL, suggest_out, 4))      \
    X(suggest_out_null, ZERO, fr_network_suggest_nodes(f->net, "CNCKG", NULL, 4))           \
    X(lookup_corridor_network_null, FAILS("network"),                                       \
      fr_network_lookup_corridor(NULL, "Yuxinou", error))                                   \
    X(lookup_corridor_text_null, FAILS("text"), fr_network_lookup_corridor(f->net, NULL,    \
                                                                            error))         \
    X(nearest_null, NONE, fr_network_nearest_node(NULL, 29.5, 106.5, FR_NODE_KIND_COUNT,    \
                                                   NULL))                                   \
    X(nearest_bad_point, NONE, fr_network_nearest_node(f->net, 91, 0, FR_NODE_KIND_COUNT,   \
                                                        NULL))                              \
    X(nearest_nan, NONE, fr_network_nearest_node(f->net, NAN, 0, FR_NODE_KIND_COUNT, NULL)) \
    V(builder_free_null, fr_network_builder_free(NULL))                                     \
    X(builder_row_null, FAILS("builder"),                                                   \
      fr_network_builder_add_row(NULL, "nodes.csv", one_column, one_value, 1, error))       \
    X(builder_row_file_null, FAILS("file"),                                                 \
      fr_network_builder_add_row(builder(), NULL, one_column, one_value, 1, error))         \
    X(builder_node_null, FAILS("builder"), fr_network_builder_add_node(NULL, &node_out,     \
                                                                        error))             \
    X(builder_node_info_null, FAILS("node"), fr_network_builder_add_node(builder(), NULL,   \
                                                                          error))           \
    X(builder_link_info_null, FAILS("link"), fr_network_builder_add_link(builder(), NULL,   \
                                                                          error))           \
    X(builder_transfer_info_null, FAILS("transfer"),                                        \
      fr_network_builder_add_transfer(builder(), NULL, error))                              \
    X(builder_build_null, FAILS("builder"), fr_network_builder_build(NULL, error))          \
    V(set_cancellable_null, fr_query_set_cancellable(NULL, NULL))                           \
    V(set_progress_null, fr_query_set_progress(NULL, progress_ignored, NULL))               \
    X(cancellable_null, NULL_, fr_query_cancellable(NULL))                                  \
    X(prepare_full_null, FAILS("network"),                                                  \
      fr_network_prepare_full(NULL, FR_OBJECTIVE_COST, FR_PREPARE_LANDMARKS, NULL,          \
                              progress_ignored, NULL, error))
ISSUE12_CASES(CASE_FUNCTION, VOID_FUNCTION)
static const misuse_case issue12_cases[] = {ISSUE12_CASES(CASE_ENTRY, VOID_ENTRY)};
static const char *const issue12_pending[] = {NULL};
#else
static const misuse_case issue12_cases[] = {{NULL, E_NOTHING, NULL, 0, NULL}};
static const char *const issue12_pending[] = {
    "fr_network_export", "fr_network_transfer_count", "fr_network_transfer",
    "fr_network_co2_factor", "fr_network_corridors", "fr_network_countries",
    "fr_network_lookup_node", "fr_network_suggest_nodes", "fr_network_lookup_corridor",
    "fr_network_nearest_node", "fr_network_builder_new", "fr_network_builder_free",
    "fr_network_builder_add_row", "fr_network_builder_add_node",
    "fr_network_builder_add_link", "fr_network_builder_add_transfer",
    "fr_network_builder_build", "fr_query_set_cancellable", "fr_query_set_progress",
    "fr_query_cancellable", "fr_network_prepare_full", NULL};
#endif

/* ---- misuse: running the table ---------------------------------------------- */

/* Below: an object's every field as text, and the comparison of two texts. */
static char *route_text(const fr_route *r);
static char *describe_matrix(const fr_matrix *m);
static void expect_same(char *before, char *after, const char *what);

static bool failure_value(const outcome *o)
{
    switch (o->type) {
    case R_POINTER: return o->pointer == NULL;
    case R_BOOL: return !o->truth;
    case R_INDEX: return o->index == -1;
    default: return false;
    }
}

/* Why outcome o breaks what case c expects, or NULL when it keeps it. */
static const char *broken(const misuse_case *c, const outcome *o, const GError *err)
{
    if (c->expect != E_FAILS && err)
        return "set an error";
    switch (c->expect) {
    case E_NULL: return o->type == R_POINTER && !o->pointer ? NULL : "not NULL";
    case E_NOT_NULL: return o->type == R_POINTER && o->pointer ? NULL : "NULL";
    case E_FALSE: return o->type == R_BOOL && !o->truth ? NULL : "not false";
    case E_ZERO: return o->type == R_SIZE && o->size == 0 ? NULL : "not 0";
    case E_NAN: return o->type == R_NUMBER && isnan(o->number) ? NULL : "not NAN";
    case E_NONE: return o->type == R_INDEX && o->index == -1 ? NULL : "not -1";
    case E_EQUAL:
        return (o->type == R_INT && o->integer == c->value) ||
                       (o->type == R_BOOL && o->truth == (c->value != 0))
                   ? NULL
                   : "not the neutral value";
    case E_NOTHING: return o->type == R_VOID ? NULL : "a result";
    case E_FAILS:
        if (!failure_value(o))
            return "did not fail";
        if (!err || err->domain != FR_ERROR || err->code != FR_ERROR_QUERY)
            return "no FR_ERROR_QUERY";
        return strstr(err->message, c->arg) ? NULL : "the message does not name the argument";
    }
    return "unknown expectation";
}

static size_t run_cases(const fixture *f, const misuse_case *cases, size_t n)
{
    size_t ran = 0;
    for (size_t i = 0; i < n && cases[i].call; i++, ran++) {
        const misuse_case *c = &cases[i];
        GError *err = NULL;
        outcome o = c->run(f, &err);
        const char *why = broken(c, &o, err);
        if (why)
            fail_msg("%s: %s (error: %s)", c->call, why, err ? err->message : "none");
        if (o.type == R_POINTER && c->expect == E_FAILS)
            g_assert(o.pointer == NULL);
        g_clear_error(&err);
        /* a NULL error pointer is allowed too, and changes nothing */
        outcome again = c->run(f, NULL);
        if (broken(c, &again, NULL) && c->expect != E_FAILS)
            fail_msg("%s with a NULL error pointer: %s", c->call, broken(c, &again, NULL));
        if (c->expect == E_FAILS && !failure_value(&again))
            fail_msg("%s with a NULL error pointer did not fail", c->call);
    }
    return ran;
}

static void test_misuse_table(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    char *route_before = route_text(f->route), *matrix_before = describe_matrix(f->matrix);
    size_t ran = run_cases(f, misuse_cases, G_N_ELEMENTS(misuse_cases));
    ran += run_cases(f, render_cases, G_N_ELEMENTS(render_cases));
    ran += run_cases(f, issue12_cases, G_N_ELEMENTS(issue12_cases));
    assert_true(ran >= G_N_ELEMENTS(misuse_cases));
#if FR_TEST_ISSUE12_API
    fr_network_builder_free(builder_out);
    builder_out = NULL;
#endif
    for (size_t i = 0; i < n_unset; i++)
        fr_query_free(unset_queries[i]);
    n_unset = 0;
    /* the objects the cases were given are untouched by them */
    expect_same(route_before, route_text(f->route), "the fixture's route after the cases");
    expect_same(matrix_before, describe_matrix(f->matrix), "the fixture's matrix after them");
    fixture_free(f);
}

/* Function names in the cases' calls (fr_... followed by '('). */
static void names_in(GHashTable *names, const misuse_case *cases, size_t n)
{
    GRegex *call = g_regex_new("\\b(fr_[a-z0-9_]+)\\s*\\(", 0, 0, NULL);
    for (size_t i = 0; i < n && cases[i].call; i++) {
        GMatchInfo *match;
        g_regex_match(call, cases[i].call, 0, &match);
        while (g_match_info_matches(match)) {
            g_hash_table_add(names, g_match_info_fetch(match, 1));
            g_match_info_next(match, NULL);
        }
        g_match_info_free(match);
    }
    g_regex_unref(call);
}

/* Every function include/freightroute.h declares is called by some case
 * (or, for the blocks that are off, listed as pending). */
static void test_misuse_covers_header(void **state)
{
    (void)state;
    GHashTable *covered = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    names_in(covered, misuse_cases, G_N_ELEMENTS(misuse_cases));
    names_in(covered, render_cases, G_N_ELEMENTS(render_cases));
    names_in(covered, issue12_cases, G_N_ELEMENTS(issue12_cases));
    for (size_t i = 0; render_pending[i]; i++)
        g_hash_table_add(covered, g_strdup(render_pending[i]));
    for (size_t i = 0; issue12_pending[i]; i++)
        g_hash_table_add(covered, g_strdup(issue12_pending[i]));
    /* fr_network_builder_new is called by builder(); the test's own helpers
     * call fr_query_new, fr_network_load_default (below) and the rest */
    g_hash_table_add(covered, g_strdup("fr_query_new"));
    g_hash_table_add(covered, g_strdup("fr_network_load_default"));
    g_hash_table_add(covered, g_strdup("fr_network_builder_new"));

    char *header = read_whole_file(FR_SOURCE_DIR "/include/freightroute.h", NULL);
    GRegex *declaration =
        g_regex_new("^(?!typedef|#|G_DEFINE)[A-Za-z][^;(\\n]*?\\b(fr_[a-z0-9_]+)\\(",
                    G_REGEX_MULTILINE, 0, NULL);
    GMatchInfo *match;
    size_t declared = 0;
    GString *missing = g_string_new(NULL);
    g_regex_match(declaration, header, 0, &match);
    while (g_match_info_matches(match)) {
        char *name = g_match_info_fetch(match, 1);
        declared++;
        if (!g_hash_table_contains(covered, name))
            g_string_append_printf(missing, " %s", name);
        g_free(name);
        g_match_info_next(match, NULL);
    }
    g_match_info_free(match);
    g_regex_unref(declaration);
    g_free(header);
    if (missing->len)
        fail_msg("public functions no misuse case calls:%s", missing->str);
    assert_true(declared > 140); /* the header was read */
    g_string_free(missing, TRUE);
    g_hash_table_destroy(covered);
}

/* NULL where an id or a whole query field is expected, beyond the table:
 * queries with NULL places to avoid, and the default network's loader. */
static void test_misuse_query_fields(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_avoid_node(q, NULL);
    fr_query_avoid_country(q, NULL);
    fr_query_avoid_corridor(q, NULL);
    fr_query_set_endpoints(q, NULL, "DEDUI");
    GError *err = NULL;
    assert_null(fr_network_route(net, q, &err));
    check_error(err, FR_ERROR_QUERY, "origin", NULL);
    g_clear_error(&err);
    /* the NULL places were not recorded: the query routes once re-aimed */
    fr_query_set_endpoints(q, "CNCKG", "DEDUI");
    fr_route *r = route_ok(net, q);
    fr_route_free(r);
    fr_query_free(q);
    /* the embedded network loads or says why not */
    fr_network *def = fr_network_load_default(&err);
    assert_true(def ? err == NULL : err != NULL);
    g_clear_error(&err);
    fr_network_unref(def);
    fr_network_unref(net);
}

/* ---- what an object says, read through the public API ----------------------- */

static void append_time(GString *out, const char *what, GDateTime *when)
{
    char *text = when ? g_date_time_format_iso8601(when) : g_strdup("none");
    g_string_append_printf(out, " %s=%s", what, text);
    g_free(text);
}

static void append_step(GString *out, const fr_step *s)
{
    g_string_append_printf(out, "  step %d %s %s>%s %s>%s [%s] %.17g %.17g %.17g %.17g",
                           (int)s->type, s->link_id, s->from_node, s->to_node,
                           fr_mode_name(s->mode), fr_mode_name(s->to_mode), s->corridor,
                           s->cost_usd, s->time_h, s->co2_kg, s->distance_km);
    append_time(out, "start", s->start);
    append_time(out, "end", s->end);
    g_string_append_c(out, '\n');
}

/* Every field of the route, its steps (by index and by its timeline) and
 * its renderings. */
static void describe_route(GString *out, const fr_route *r)
{
    if (!r) {
        g_string_append(out, "no route\n");
        return;
    }
    g_string_append_printf(out, "route %s>%s %s q=%.17g cost=%.17g time=%.17g co2=%.17g "
                                "km=%.17g obj=%.17g transfers=%zu steps=%zu dated=%d",
                           fr_route_from(r), fr_route_to(r),
                           fr_objective_name(fr_route_objective(r)), fr_route_quantity(r),
                           fr_route_total_cost_usd(r), fr_route_total_time_h(r),
                           fr_route_total_co2_kg(r), fr_route_total_distance_km(r),
                           fr_route_objective_value(r), fr_route_transfer_count(r),
                           fr_route_step_count(r), fr_route_is_dated(r));
    append_time(out, "departure", fr_route_departure(r));
    append_time(out, "arrival", fr_route_arrival(r));
    g_string_append_printf(out, " network-nodes=%zu\n",
                           fr_network_node_count(fr_route_network(r)));
    for (size_t i = 0; i < fr_route_step_count(r); i++)
        append_step(out, fr_route_step(r, i));
    fr_timeline_iter it;
    fr_timeline_iter_init(&it, r);
    for (const fr_step *s; (s = fr_timeline_iter_next(&it));)
        append_step(out, s);
    char *json = fr_route_to_json(r), *geojson = fr_route_to_geojson(r);
    char *text = fr_route_to_text(r);
    g_string_append_printf(out, "%s%s%s", json, geojson, text);
    g_free(json);
    g_free(geojson);
    g_free(text);
}

static char *describe_list(const fr_route_list *list)
{
    GString *out = g_string_new(NULL);
    for (size_t i = 0; i < fr_route_list_count(list); i++)
        describe_route(out, fr_route_list_get(list, i));
    char *json = fr_route_list_to_json(list), *geojson = fr_route_list_to_geojson(list);
    char *text = fr_route_list_to_text(list, true);
    g_string_append_printf(out, "%s%s%s", json, geojson, text);
    g_free(json);
    g_free(geojson);
    g_free(text);
    return g_string_free(out, FALSE);
}

static char *describe_matrix(const fr_matrix *m)
{
    GString *out = g_string_new(NULL);
    for (size_t i = 0; i < fr_matrix_origin_count(m); i++)
        for (size_t j = 0; j < fr_matrix_destination_count(m); j++) {
            g_string_append_printf(out, "%s>%s %d %.17g %.17g %.17g %.17g %.17g %zu\n",
                                   fr_matrix_origin(m, i), fr_matrix_destination(m, j),
                                   (int)fr_matrix_status(m, i, j), fr_matrix_cost_usd(m, i, j),
                                   fr_matrix_time_h(m, i, j), fr_matrix_co2_kg(m, i, j),
                                   fr_matrix_distance_km(m, i, j),
                                   fr_matrix_objective_value(m, i, j),
                                   fr_matrix_transfer_count(m, i, j));
            describe_route(out, fr_matrix_route(m, i, j));
        }
    char *csv = fr_matrix_to_csv(m), *json = fr_matrix_to_json(m);
    g_string_append_printf(out, "%s%s", csv, json);
    g_free(csv);
    g_free(json);
    return g_string_free(out, FALSE);
}

static char *describe_profile(const fr_profile *p)
{
    GString *out = g_string_new(NULL);
    for (size_t i = 0; i < fr_profile_count(p); i++) {
        append_time(out, "row", fr_profile_departure(p, i));
        g_string_append_c(out, '\n');
        describe_route(out, fr_profile_route(p, i));
    }
    return g_string_free(out, FALSE);
}

static char *describe_critical(const fr_critical_list *c, size_t n_destinations)
{
    GString *out = g_string_new(NULL);
    for (size_t i = 0; i < fr_critical_count(c); i++) {
        const fr_critical_item *item = fr_critical_get(c, i);
        g_string_append_printf(out, "%s link=%s node=%s single=%d alt=%d %.17g %.17g\n",
                               item->destination, item->link_id ? item->link_id : "-",
                               item->node_id ? item->node_id : "-", item->single_point,
                               item->alternative, item->added_time_h, item->added_cost_usd);
        describe_route(out, item->route);
    }
    for (size_t d = 0; d < n_destinations; d++)
        describe_route(out, fr_critical_base_route(c, d));
    return g_string_free(out, FALSE);
}

static char *route_text(const fr_route *r)
{
    GString *out = g_string_new(NULL);
    describe_route(out, r);
    return g_string_free(out, FALSE);
}

/* Fails unless `after` equals `before`; frees both. */
static void expect_same(char *before, char *after, const char *what)
{
    if (strcmp(before, after) != 0)
        fail_msg("%s differs:\n--- before\n%s\n--- after\n%s", what, before, after);
    g_free(before);
    g_free(after);
}

/* ---- freeing the network first ---------------------------------------------- */

/* The fastest sample route CNCKG -> DEDUI, by hand from examples/data/sample:
 * road R-CKG-CKG 1 h, road->air at CNCKG:CKG 6 h, A1 60 h, air->road at
 * DEFRA:FRA 6 h, R-FRA 0.5 h, R-FRA-DUI 4 h = 77.5 h; 50 + 250 + 26000 +
 * 250 + 60 + 420 = 27030 USD. (Rail takes 359.5 h, the river and sea
 * 1111.5 h.) */
#define FASTEST_TIME_H 77.5
#define FASTEST_COST_USD 27030.0

static void test_route_outlives_network(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_route *r = route_ok(net, q);
    assert_close(fr_route_total_time_h(r), FASTEST_TIME_H);
    assert_close(fr_route_total_cost_usd(r), FASTEST_COST_USD);
    assert_ptr_equal(fr_route_network(r), net);
    char *before = route_text(r);
    fr_network_unref(net);
    char *after = route_text(r);
    /* the network the route holds still answers queries, the same way */
    fr_route *again = route_ok(fr_route_network(r), q);
    fr_route_free(r);
    expect_same(g_strdup(before), route_text(again), "the route found again");
    expect_same(before, after, "a route after its network was dropped");
    fr_route_free(again);
    fr_query_free(q);
}

static void test_dated_route_outlives_network(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    GDateTime *depart = g_date_time_new_utc(2019, 7, 2, 8, 0, 0);
    fr_route *r = dated_route_of(net, q, depart);
    /* an untimetabled network: the arrival is the departure plus 77.5 h */
    GDateTime *arrive = g_date_time_add_minutes(depart, (int)(FASTEST_TIME_H * 60));
    assert_true(g_date_time_equal(fr_route_arrival(r), arrive));
    assert_true(fr_route_step(r, 0)->start != NULL);
    char *before = route_text(r);
    fr_network_unref(net);
    expect_same(before, route_text(r), "a dated route");
    fr_route_free(r);
    g_date_time_unref(arrive);
    g_date_time_unref(depart);
    fr_query_free(q);
}

static void test_lists_outlive_network(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_route_list *alternatives = alternatives_of(net, q);
    GError *err = NULL;
    fr_criterion criteria[] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    fr_route_list *front = made(fr_network_pareto(net, q, criteria, 2, NULL, &err), err,
                                "pareto");
    assert_int_equal(fr_route_list_count(alternatives), 2);
    assert_true(fr_route_list_count(front) >= 2); /* river and sea, air */
    char *before_alt = describe_list(alternatives), *before_front = describe_list(front);
    fr_network_unref(net);
    expect_same(before_alt, describe_list(alternatives), "alternatives");
    expect_same(before_front, describe_list(front), "a Pareto front");
    fr_route_list_free(front);
    fr_route_list_free(alternatives);
    fr_query_free(q);
}

static void test_matrix_outlives_network(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_matrix *m = matrix_of(net, q);
    assert_close(fr_matrix_time_h(m, 0, 0), FASTEST_TIME_H);
    assert_non_null(fr_matrix_route(m, 1, 1));
    char *before = describe_matrix(m);
    fr_network_unref(net);
    expect_same(before, describe_matrix(m), "a matrix");
    fr_matrix_free(m);
    /* a matrix without routes holds the network as well (its ids are the
     * network's strings) */
    net = load_sample();
    GError *err = NULL;
    m = made(fr_network_matrix(net, q, matrix_origins, 2, matrix_destinations, 2, NULL, &err),
             err, "matrix");
    before = describe_matrix(m);
    fr_network_unref(net);
    expect_same(before, describe_matrix(m), "a matrix without routes");
    fr_matrix_free(m);
    fr_query_free(q);
}

static void test_profile_outlives_network(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    GDateTime *first = g_date_time_new_utc(2019, 7, 2, 8, 0, 0);
    fr_profile *p = profile_of(net, q, first);
    assert_int_equal(fr_profile_count(p), 3);
    assert_non_null(fr_profile_route(p, 2));
    char *before = describe_profile(p);
    fr_network_unref(net);
    expect_same(before, describe_profile(p), "a departure profile");
    fr_profile_free(p);
    g_date_time_unref(first);
    fr_query_free(q);
}

static void test_critical_outlives_network(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_critical_list *c = critical_of(net, q);
    /* the air route's 4 links (R-CKG-CKG, A1, R-FRA, R-FRA-DUI) and its 3
     * inner nodes (CNCKG:CKG, DEFRA:FRA, DEFRA) */
    assert_int_equal(fr_critical_count(c), 4 + 3);
    char *before = describe_critical(c, 1);
    fr_network_unref(net);
    expect_same(before, describe_critical(c, 1), "a critical list");
    fr_critical_list_free(c);
    fr_query_free(q);
}

/* A scenario network and its base are independent: either may go first,
 * and routes on each outlive both. */
static void test_scenario_network_lifetimes(void **state)
{
    (void)state;
    fr_network *base = load_sample();
    fr_scenario *s = scenario_of(scale_costs);
    GError *err = NULL;
    fr_network *derived = made(fr_network_apply_scenario(base, s, &err), err, "scenario");
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_route *on_base = route_ok(base, q);
    fr_network_unref(base); /* first the base: the derived network does not need it */
    fr_route *on_derived = route_ok(derived, q);
    /* every cost doubled, times unchanged: the same fastest route */
    assert_close(fr_route_total_time_h(on_derived), FASTEST_TIME_H);
    assert_close(fr_route_total_cost_usd(on_derived), 2 * FASTEST_COST_USD);
    fr_matrix *m = matrix_of(derived, q);
    char *before_route = route_text(on_derived), *before_matrix = describe_matrix(m);
    fr_network_unref(derived);
    expect_same(before_route, route_text(on_derived), "a route on a scenario network");
    expect_same(before_matrix, describe_matrix(m), "a matrix on a scenario network");
    assert_close(fr_route_total_cost_usd(on_base), FASTEST_COST_USD);
    fr_matrix_free(m);
    fr_route_free(on_derived);
    fr_route_free(on_base);
    fr_query_free(q);
    fr_scenario_free(s);
}

/* ---- the reference count, by hand ------------------------------------------- */

static int refs(const fr_network *net) { return g_atomic_int_get(&net->lifetime.count); }

static size_t kept_routes(const fr_matrix *m)
{
    size_t n = 0;
    for (size_t i = 0; i < fr_matrix_origin_count(m); i++)
        for (size_t j = 0; j < fr_matrix_destination_count(m); j++)
            n += fr_matrix_route(m, i, j) != NULL;
    return n;
}

static size_t profile_routes(const fr_profile *p)
{
    size_t n = 0;
    for (size_t i = 0; i < fr_profile_count(p); i++)
        n += fr_profile_route(p, i) != NULL;
    return n;
}

static size_t critical_routes(const fr_critical_list *c, size_t n_destinations)
{
    size_t n = n_destinations; /* the base routes */
    for (size_t i = 0; i < fr_critical_count(c); i++)
        n += fr_critical_get(c, i)->route != NULL;
    return n;
}

static void test_reference_counts(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    assert_int_equal(refs(net), 1);
    assert_ptr_equal(fr_network_ref(net), net);
    assert_int_equal(refs(net), 2);
    fr_network_unref(net);
    assert_int_equal(refs(net), 1);

    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_route *r = route_ok(net, q);
    assert_int_equal(refs(net), 2); /* the route's */
    fr_route *copy = fr_route_copy(r);
    assert_int_equal(refs(net), 3); /* and the copy's */
    fr_route_free(r);
    fr_route_free(copy);
    assert_int_equal(refs(net), 1);

    fr_route_list *list = alternatives_of(net, q);
    assert_int_equal(refs(net), 1 + (int)fr_route_list_count(list)); /* one per route */
    fr_route_list_free(list);
    assert_int_equal(refs(net), 1);

    fr_matrix *m = matrix_of(net, q);
    assert_int_equal(kept_routes(m), 4); /* no origin is a destination */
    assert_int_equal(refs(net), 1 + 1 + 4); /* the matrix's and its routes' */
    fr_matrix_free(m);
    assert_int_equal(refs(net), 1);

    GDateTime *first = g_date_time_new_utc(2019, 7, 2, 8, 0, 0);
    fr_profile *p = profile_of(net, q, first);
    assert_int_equal(refs(net), 1 + 1 + (int)profile_routes(p));
    fr_profile_free(p);
    assert_int_equal(refs(net), 1);

    fr_critical_list *c = critical_of(net, q);
    assert_int_equal(refs(net), 1 + 1 + (int)critical_routes(c, 1));
    fr_critical_list_free(c);
    assert_int_equal(refs(net), 1);

    /* a failed call keeps no reference */
    fr_query_set_endpoints(q, "CNCKG", "XXNOPE");
    GError *err = NULL;
    assert_null(fr_network_route(net, q, &err));
    g_clear_error(&err);
    assert_int_equal(refs(net), 1);

    g_date_time_unref(first);
    fr_query_free(q);
    fr_network_unref(net);
}

/* Threads route on a shared network, each with its own reference, while
 * the caller drops its reference at once; the last route freed frees the
 * network. */
typedef struct {
    fr_network *net; /* this thread's reference */
    const fr_query *query;
    char *first_text;
} router;

static gpointer route_many(gpointer data)
{
    router *job = data;
    fr_route *routes[40];
    for (size_t i = 0; i < G_N_ELEMENTS(routes); i++)
        routes[i] = fr_network_route(job->net, job->query, NULL);
    fr_network_unref(job->net); /* the routes keep it */
    job->first_text = route_text(routes[0]);
    for (size_t i = 0; i < G_N_ELEMENTS(routes); i++) {
        char *text = route_text(routes[i]);
        if (strcmp(text, job->first_text) != 0)
            job->first_text[0] = '!';
        g_free(text);
        fr_route_free(routes[i]);
    }
    return NULL;
}

static void test_threads_share_references(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_route *r = route_ok(net, q);
    char *want = route_text(r);
    fr_route_free(r);
    router jobs[4];
    GThread *threads[4];
    for (int t = 0; t < 4; t++) {
        jobs[t] = (router){fr_network_ref(net), q, NULL};
        threads[t] = g_thread_new("router", route_many, &jobs[t]);
    }
    fr_network_unref(net);
    for (int t = 0; t < 4; t++) {
        g_thread_join(threads[t]);
        assert_string_equal(jobs[t].first_text, want);
        g_free(jobs[t].first_text);
    }
    g_free(want);
    fr_query_free(q);
}

/* ---- fr_route_copy ------------------------------------------------------------ */

static void expect_independent(const fr_route *copy, const fr_route *original)
{
    assert_non_null(copy);
    assert_ptr_not_equal(copy, original);
    if (fr_route_step_count(original) > 0)
        assert_ptr_not_equal(fr_route_step(copy, 0), fr_route_step(original, 0));
}

static void test_copy_outlives_list_and_network(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_route_list *list = alternatives_of(net, q);
    const fr_route *second = fr_route_list_get(list, 1);
    char *want = route_text(second);
    fr_route *copy = fr_route_copy(second);
    expect_independent(copy, second);
    fr_route_list_free(list);
    fr_network_unref(net);
    expect_same(want, route_text(copy), "a copy of a listed route");
    /* a copy of the copy, freed in the other order */
    fr_route *copy2 = fr_route_copy(copy);
    want = route_text(copy);
    fr_route_free(copy);
    expect_same(want, route_text(copy2), "a copy of a copy");
    fr_route_free(copy2);
    fr_query_free(q);
}

static void test_copy_outlives_matrix_and_network(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_matrix *m = matrix_of(net, q);
    const fr_route *cell = fr_matrix_route(m, 0, 0);
    char *want = route_text(cell);
    double want_time = fr_matrix_time_h(m, 0, 0);
    fr_route *copy = fr_route_copy(cell);
    expect_independent(copy, cell);
    fr_network_unref(net);
    fr_matrix_free(m);
    expect_same(want, route_text(copy), "a copy of a matrix's route");
    assert_close(fr_route_total_time_h(copy), want_time);
    assert_close(fr_route_total_time_h(copy), FASTEST_TIME_H);
    fr_route_free(copy);
    fr_query_free(q);
}

/* A dated route's copy has its own dates: equal to the original's, alive
 * after the original, its profile and the network are gone. */
static void test_copy_of_dated_route(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    GDateTime *first = g_date_time_new_utc(2019, 7, 2, 8, 0, 0);
    fr_profile *p = profile_of(net, q, first);
    const fr_route *row = fr_profile_route(p, 1);
    assert_true(fr_route_is_dated(row));
    char *want = route_text(row);
    GDateTime *want_departure = g_date_time_ref(fr_route_departure(row));
    GDateTime *want_start = g_date_time_ref(fr_route_step(row, 0)->start);
    fr_route *copy = fr_route_copy(row);
    expect_independent(copy, row);
    fr_profile_free(p);
    fr_network_unref(net);
    expect_same(want, route_text(copy), "a copy of a dated route");
    assert_true(g_date_time_equal(fr_route_departure(copy), want_departure));
    assert_true(g_date_time_equal(fr_route_step(copy, 0)->start, want_start));
    /* the second row departs an hour after the first */
    GDateTime *second = g_date_time_add_hours(first, 1);
    assert_true(g_date_time_equal(fr_route_departure(copy), second));
    fr_route_free(copy);
    g_date_time_unref(second);
    g_date_time_unref(want_start);
    g_date_time_unref(want_departure);
    g_date_time_unref(first);
    fr_query_free(q);
}

/* ---- g_autoptr ------------------------------------------------------------------ */

/* Every public type in one scope; leaving it frees them all (the network's
 * count shows the objects holding it let go; ASan shows the rest). */
static void test_autoptr(void **state)
{
    (void)state;
    fr_network *net = load_sample();
    {
        g_autoptr(fr_network) mine = fr_network_ref(net);
        g_autoptr(fr_query) q = fr_query_new("CNCKG", "DEDUI");
        g_autoptr(fr_route) r = route_ok(mine, q);
        g_autoptr(fr_route_list) list = alternatives_of(mine, q);
        g_autoptr(fr_matrix) m = matrix_of(mine, q);
        g_autoptr(GDateTime) first = g_date_time_new_utc(2019, 7, 2, 8, 0, 0);
        g_autoptr(fr_profile) p = profile_of(mine, q, first);
        g_autoptr(fr_critical_list) c = critical_of(mine, q);
        g_autoptr(fr_scenario) s = scenario_of(scale_costs);
        g_autoptr(GError) err = NULL;
        g_autoptr(fr_network) derived = fr_network_apply_scenario(mine, s, &err);
        assert_non_null(derived);
#if FR_TEST_ISSUE12_API
        g_autoptr(fr_network_builder) b = fr_network_builder_new();
        assert_non_null(b);
#endif
        assert_true(refs(net) > 2);
        /* NULL autoptrs are fine too */
        g_autoptr(fr_route) none = NULL;
        g_autoptr(fr_matrix) no_matrix = NULL;
        (void)none;
        (void)no_matrix;
    }
    assert_int_equal(refs(net), 1);
    fr_network_unref(net);
}

/* ---- the header's example ------------------------------------------------------- */

/* The example at the top of freightroute.h, as written there, with stderr
 * and stdout collected. */
static int header_example(const char *dir, GString *err_out, GString *out)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(fr_network) net = fr_network_load_dir(dir, &err);
    if (!net) {
        g_string_append_printf(err_out, "%s\n", err->message);
        return 1;
    }
    g_autoptr(fr_query) q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    g_autoptr(fr_route) r = fr_network_route(net, q, &err);
    if (!r) {
        g_string_append_printf(err_out, "%s\n", err->message);
        return 1;
    }
    g_string_append_printf(out, "%.1f days\n", fr_route_total_time_h(r) / 24);
    return 0;
}

/* The example as it read before, checking nothing: with a wrong path every
 * call gets NULL and answers neutrally. */
static double careless_example(const char *dir, size_t *steps)
{
    GError *err = NULL;
    fr_network *net = fr_network_load_dir(dir, &err);
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_route *r = fr_network_route(net, q, NULL);
    double days = fr_route_total_time_h(r) / 24;
    *steps = fr_route_step_count(r);
    for (size_t i = 0; i < *steps; i++)
        assert_non_null(fr_route_step(r, i));
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
    g_clear_error(&err);
    return days;
}

static void test_header_example(void **state)
{
    (void)state;
    GString *err = g_string_new(NULL), *out = g_string_new(NULL);
    assert_int_equal(header_example(SAMPLE_DIR, err, out), 0);
    assert_string_equal(out->str, "3.2 days\n"); /* 77.5 h */
    assert_int_equal(err->len, 0);
    g_string_truncate(out, 0);
    assert_int_equal(header_example(FR_SOURCE_DIR "/examples/data/no-such-dir", err, out), 1);
    assert_non_null(strstr(err->str, "no-such-dir"));
    assert_int_equal(out->len, 0);
    g_string_free(err, TRUE);
    g_string_free(out, TRUE);

    size_t steps = 99;
    assert_true(isnan(careless_example(FR_SOURCE_DIR "/examples/data/no-such-dir", &steps)));
    assert_int_equal(steps, 0);
    double days = careless_example(SAMPLE_DIR, &steps);
    assert_close(days * 24, FASTEST_TIME_H);
    assert_int_equal(steps, 6); /* road, transfer, air, transfer, road, road */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_misuse_table),
        cmocka_unit_test(test_misuse_covers_header),
        cmocka_unit_test(test_misuse_query_fields),
        cmocka_unit_test(test_route_outlives_network),
        cmocka_unit_test(test_dated_route_outlives_network),
        cmocka_unit_test(test_lists_outlive_network),
        cmocka_unit_test(test_matrix_outlives_network),
        cmocka_unit_test(test_profile_outlives_network),
        cmocka_unit_test(test_critical_outlives_network),
        cmocka_unit_test(test_scenario_network_lifetimes),
        cmocka_unit_test(test_reference_counts),
        cmocka_unit_test(test_threads_share_references),
        cmocka_unit_test(test_copy_outlives_list_and_network),
        cmocka_unit_test(test_copy_outlives_matrix_and_network),
        cmocka_unit_test(test_copy_of_dated_route),
        cmocka_unit_test(test_autoptr),
        cmocka_unit_test(test_header_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
