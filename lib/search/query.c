/* query.c - the query object (what a caller asks) and its resolution against
 * a network into a search specification (what a search needs), with the
 * errors of FORMAT.md §2: unknown ids, origin = destination, avoided
 * endpoints, unknown corridors, impossible figures and bounds. */
#include "query.h"

#include "error.h"
#include "fold.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

fr_query *fr_query_new(const char *from, const char *to)
{
    fr_query *q = g_new0(fr_query, 1);
    q->from = g_strdup(from);
    q->to = g_strdup(to);
    q->objective = FR_OBJECTIVE_COST;
    q->quantity = 1;
    q->modes = FR_MODES_ALL;
    q->max_time = INFINITY;
    q->max_cost = INFINITY;
    q->avoid_nodes = g_ptr_array_new_with_free_func(g_free);
    q->avoid_countries = g_ptr_array_new_with_free_func(g_free);
    q->avoid_corridors = g_ptr_array_new_with_free_func(g_free);
    return q;
}

static void copy_strings(GPtrArray *to, const GPtrArray *from)
{
    for (guint i = 0; i < from->len; i++)
        g_ptr_array_add(to, g_strdup(g_ptr_array_index(from, i)));
}

fr_query *fr_query_copy(const fr_query *query)
{
    if (!query)
        return NULL;
    fr_query *q = fr_query_new(query->from, query->to);
    q->objective = query->objective;
    q->quantity = query->quantity;
    q->value_of_time = query->value_of_time;
    q->carbon_price = query->carbon_price;
    q->modes = query->modes;
    q->max_time = query->max_time;
    q->max_cost = query->max_cost;
    q->algorithm = query->algorithm;
    copy_strings(q->avoid_nodes, query->avoid_nodes);
    copy_strings(q->avoid_countries, query->avoid_countries);
    copy_strings(q->avoid_corridors, query->avoid_corridors);
    fr_query_set_departure(q, query->departure);
    fr_query_set_arrive_by(q, query->arrive_by);
    fr_query_set_date(q, query->date);
    fr_query_set_cancellable(q, query->cancellable);
    fr_query_set_progress(q, query->progress, query->progress_data);
    return q;
}

void fr_query_free(fr_query *q)
{
    if (!q)
        return;
    g_free(q->from);
    g_free(q->to);
    g_ptr_array_free(q->avoid_nodes, TRUE);
    g_ptr_array_free(q->avoid_countries, TRUE);
    g_ptr_array_free(q->avoid_corridors, TRUE);
    g_clear_pointer(&q->departure, g_date_time_unref);
    g_clear_pointer(&q->arrive_by, g_date_time_unref);
    g_clear_pointer(&q->date, g_date_time_unref);
    g_clear_object(&q->cancellable);
    g_free(q);
}

static void replace_time(GDateTime **slot, GDateTime *when)
{
    if (when)
        g_date_time_ref(when);
    if (*slot)
        g_date_time_unref(*slot);
    *slot = when;
}

/* Misuse (freightroute.h): a setter given no query does nothing, an
 * accessor answers a neutral value. */
void fr_query_set_departure(fr_query *q, GDateTime *when)
{
    if (q)
        replace_time(&q->departure, when);
}

void fr_query_set_arrive_by(fr_query *q, GDateTime *when)
{
    if (q)
        replace_time(&q->arrive_by, when);
}

void fr_query_set_date(fr_query *q, GDateTime *when)
{
    if (q)
        replace_time(&q->date, when);
}

GDateTime *fr_query_departure(const fr_query *q) { return q ? q->departure : NULL; }
GDateTime *fr_query_arrive_by(const fr_query *q) { return q ? q->arrive_by : NULL; }
GDateTime *fr_query_date(const fr_query *q) { return q ? q->date : NULL; }

/* The query keeps a reference to the cancellable (cancel.h polls it). */
void fr_query_set_cancellable(fr_query *q, GCancellable *cancellable)
{
    if (!q)
        return;
    if (cancellable)
        g_object_ref(cancellable);
    if (q->cancellable)
        g_object_unref(q->cancellable);
    q->cancellable = cancellable;
}

void fr_query_set_progress(fr_query *q, fr_progress_func progress, void *user_data)
{
    if (!q)
        return;
    q->progress = progress;
    q->progress_data = progress ? user_data : NULL;
}

GCancellable *fr_query_cancellable(const fr_query *q) { return q ? q->cancellable : NULL; }

void fr_query_set_endpoints(fr_query *q, const char *from, const char *to)
{
    if (!q)
        return;
    char *old_from = q->from, *old_to = q->to;
    q->from = g_strdup(from);
    q->to = g_strdup(to);
    g_free(old_from);
    g_free(old_to);
}

/* Sets `field` of query q, which may be NULL (nothing happens). */
#define QUERY_SETTER(name, type, field)                                                    \
    void name(fr_query *q, type value)                                                     \
    {                                                                                      \
        if (q)                                                                             \
            q->field = value;                                                              \
    }
QUERY_SETTER(fr_query_set_objective, fr_objective, objective)
QUERY_SETTER(fr_query_set_quantity, double, quantity)
QUERY_SETTER(fr_query_set_value_of_time, double, value_of_time)
QUERY_SETTER(fr_query_set_carbon_price, double, carbon_price)
QUERY_SETTER(fr_query_set_modes, fr_mode_set, modes)
QUERY_SETTER(fr_query_set_max_time, double, max_time)
QUERY_SETTER(fr_query_set_max_cost, double, max_cost)
QUERY_SETTER(fr_query_set_algorithm, fr_algorithm, algorithm)

/* Adds a place to avoid to q's list `field`; no query or no place (NULL)
 * does nothing. */
#define QUERY_AVOID(name, field)                                                           \
    void name(fr_query *q, const char *place)                                              \
    {                                                                                      \
        if (q && place)                                                                    \
            g_ptr_array_add(q->field, g_strdup(place));                                    \
    }
QUERY_AVOID(fr_query_avoid_node, avoid_nodes)
QUERY_AVOID(fr_query_avoid_country, avoid_countries)
QUERY_AVOID(fr_query_avoid_corridor, avoid_corridors)

fr_algorithm fr_query_algorithm(const fr_query *q) { return q ? q->algorithm : FR_ALGORITHM_AUTO; }
const char *fr_query_from(const fr_query *q) { return q ? q->from : NULL; }
const char *fr_query_to(const fr_query *q) { return q ? q->to : NULL; }
fr_objective fr_query_objective(const fr_query *q) { return q ? q->objective : FR_OBJECTIVE_COST; }
double fr_query_quantity(const fr_query *q) { return q ? q->quantity : NAN; }
double fr_query_value_of_time(const fr_query *q) { return q ? q->value_of_time : NAN; }
double fr_query_carbon_price(const fr_query *q) { return q ? q->carbon_price : NAN; }


static bool check_figures(const fr_query *q, GError **error)
{
    if ((unsigned)q->objective >= FR_OBJECTIVE_COUNT)
        return fr_query_error(error, "unknown objective %d", (int)q->objective);
    if (!isfinite(q->quantity) || q->quantity <= 0)
        return fr_query_error(error, "quantity must be a number of TEU greater than 0 (got %g)",
                           q->quantity);
    if (!isfinite(q->value_of_time) || q->value_of_time < 0)
        return fr_query_error(error, "value of time must be 0 or more USD per TEU-hour (got %g)",
                           q->value_of_time);
    if (!isfinite(q->carbon_price) || q->carbon_price < 0)
        return fr_query_error(error, "carbon price must be 0 or more USD per kg CO2e (got %g)",
                           q->carbon_price);
    if ((unsigned)q->algorithm >= FR_ALGORITHM_COUNT)
        return fr_query_error(error, "unknown algorithm %d", (int)q->algorithm);
    if (q->modes == 0 || (q->modes & ~FR_MODES_ALL))
        return fr_query_error(error, "the set of allowed modes is empty or invalid");
    if (isnan(q->max_time) || q->max_time < 0)
        return fr_query_error(error, "the time bound must be 0 or more hours (got %g)", q->max_time);
    if (isnan(q->max_cost) || q->max_cost < 0)
        return fr_query_error(error, "the cost bound must be 0 or more USD (got %g)", q->max_cost);
    return true;
}

/* "Did you mean" hints (util/fold.h) for unknown node ids and corridors. */
static fr_fold_entry node_entry(const void *model, size_t index)
{
    const fr_node *node = FR_NODE((const fr_model *)model, index);
    return (fr_fold_entry){node->id, node->name};
}

static fr_fold_entry corridor_entry(const void *labels, size_t index)
{
    return (fr_fold_entry){((const char *const *)labels)[index], NULL};
}

/* "<what> 'ID'; did you mean 'CNCKG' (Chongqing)?"; returns false. */
static bool unknown_node_error(GError **error, const fr_model *model, const char *what,
                               const char *id)
{
    GString *msg = g_string_new(NULL);
    g_string_printf(msg, "%s '%s'", what, id ? id : "(none)");
    fr_fold_append_hint(msg, id, model, model->nodes->len, node_entry);
    fr_query_error(error, "%s", msg->str);
    g_string_free(msg, TRUE);
    return false;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "cannot avoid unknown corridor 'X'; did you mean 'Y'? corridors: A, B";
 * returns false. */
static bool unknown_corridor_error(GError **error, const fr_model *model, const char *name)
{
    GString *msg = g_string_new(NULL);
    g_string_printf(msg, "cannot avoid unknown corridor '%s'", name);
    gsize plain = msg->len;
    const char *const *labels = (const char *const *)model->corridors->pdata;
    fr_fold_append_hint(msg, name, labels, model->corridors->len, corridor_entry);
    GPtrArray *sorted = g_ptr_array_new();
    for (guint i = 0; i < model->corridors->len; i++)
        g_ptr_array_add(sorted, (gpointer)labels[i]);
    g_ptr_array_sort(sorted, by_text);
    g_ptr_array_add(sorted, NULL);
    char *all = g_strjoinv(", ", (char **)sorted->pdata);
    g_string_append_printf(msg, "%s corridors: %s", msg->len > plain ? "" : ";",
                           sorted->len > 1 ? all : "(none)");
    fr_query_error(error, "%s", msg->str);
    g_free(all);
    g_ptr_array_free(sorted, TRUE);
    g_string_free(msg, TRUE);
    return false;
}

static bool find_endpoint(const fr_model *model, const char *id, const char *role,
                          uint32_t *out, GError **error)
{
    long index = fr_model_node_lookup(model, id);
    if (index < 0) {
        char *what = g_strdup_printf("unknown %s node", role);
        unknown_node_error(error, model, what, id);
        g_free(what);
        return false;
    }
    *out = (uint32_t)index;
    return true;
}

static bool valid_country_code(const char *cc)
{
    return strlen(cc) == 2 && g_ascii_isupper(cc[0]) && g_ascii_isupper(cc[1]);
}

static bool block_nodes(fr_search_spec *spec, const fr_model *model, const fr_query *q,
                        GError **error)
{
    for (guint i = 0; i < q->avoid_nodes->len; i++) {
        const char *id = g_ptr_array_index(q->avoid_nodes, i);
        long index = fr_model_node_lookup(model, id);
        if (index < 0)
            return unknown_node_error(error, model, "cannot avoid unknown node", id);
        spec->node_blocked[index] = true;
    }
    for (guint i = 0; i < q->avoid_countries->len; i++) {
        const char *cc = g_ptr_array_index(q->avoid_countries, i);
        if (!valid_country_code(cc))
            return fr_query_error(error, "'%s' is not a two-letter upper-case country code", cc);
        for (guint n = 0; n < model->nodes->len; n++)
            if (g_str_equal(FR_NODE(model, n)->country, cc))
                spec->node_blocked[n] = true;
    }
    const char *roles[2] = {"origin", "destination"};
    uint32_t ends[2] = {spec->origin, spec->destination};
    for (int i = 0; i < 2; i++)
        if (spec->node_blocked[ends[i]])
            return fr_query_error(error, "the %s '%s' (%s) is avoided by the query", roles[i],
                               FR_NODE(model, ends[i])->id, FR_NODE(model, ends[i])->country);
    return true;
}

static bool block_corridors(fr_search_spec *spec, const fr_model *model, const fr_query *q,
                            GError **error)
{
    for (guint i = 0; i < q->avoid_corridors->len; i++) {
        const char *name = g_ptr_array_index(q->avoid_corridors, i);
        int32_t index = fr_model_corridor_lookup(model, name);
        if (index < 0)
            return unknown_corridor_error(error, model, name);
        spec->corridor_blocked[index] = true;
    }
    return true;
}

/* Does the spec block a node or a corridor? (Avoiding a country without
 * nodes blocks nothing.) */
static bool blocks_something(const fr_search_spec *spec, const fr_model *model)
{
    for (guint n = 0; n < model->nodes->len; n++)
        if (spec->node_blocked[n])
            return true;
    for (guint c = 0; c < model->corridors->len; c++)
        if (spec->corridor_blocked[c])
            return true;
    return false;
}

static int32_t local_day(const fr_model *model, uint32_t node, double instant)
{
    const fr_zone *zone = g_ptr_array_index(model->zones, FR_NODE(model, node)->zone);
    return fr_clock_day(fr_clock_wall(zone, instant));
}

void fr_search_spec_redate(fr_search_spec *spec, const fr_model *model)
{
    if (!isnan(spec->depart))
        spec->day = local_day(model, spec->origin, spec->depart);
    else if (!isnan(spec->deadline))
        spec->day = local_day(model, spec->destination, spec->deadline);
}

/* The query's instants and date (FORMAT.md §5 "The date of a query"). */
static bool date_query(fr_search_spec *spec, const fr_model *model, const fr_query *q,
                       GError **error)
{
    spec->depart = q->departure ? fr_clock_instant_of(q->departure) : NAN;
    spec->deadline = q->arrive_by ? fr_clock_instant_of(q->arrive_by) : NAN;
    spec->dated = q->departure || q->arrive_by;
    if (q->departure && q->arrive_by && spec->deadline < spec->depart) {
        char *d = g_date_time_format_iso8601(q->departure), *a = g_date_time_format_iso8601(q->arrive_by);
        fr_query_error(error, "the deadline %s is before the departure %s", a, d);
        g_free(d);
        g_free(a);
        return false;
    }
    if (spec->dated)
        fr_search_spec_redate(spec, model);
    else if (q->date)
        spec->day = fr_clock_day_of(q->date);
    else
        spec->day = model->reference_day;
    return true;
}

bool fr_search_spec_init(fr_search_spec *spec, const fr_model *model, const fr_query *q,
                         GError **error)
{
    memset(spec, 0, sizeof *spec);
    if (!check_figures(q, error) || !find_endpoint(model, q->from, "origin", &spec->origin, error) ||
        !find_endpoint(model, q->to, "destination", &spec->destination, error))
        return false;
    if (spec->origin == spec->destination)
        return fr_query_error(error, "origin and destination are the same node '%s'", q->from);
    spec->objective = q->objective;
    spec->value_of_time = q->value_of_time;
    spec->carbon_price = q->carbon_price;
    spec->modes = q->modes;
    spec->max_time = q->max_time;
    spec->max_cost_teu = q->max_cost / q->quantity; /* INFINITY stays INFINITY */
    spec->algorithm = q->algorithm;
    spec->node_blocked = g_new0(bool, model->nodes->len ? model->nodes->len : 1);
    spec->corridor_blocked = g_new0(bool, model->corridors->len + 1);
    if (!block_nodes(spec, model, q, error) || !block_corridors(spec, model, q, error)) {
        fr_search_spec_clear(spec);
        return false;
    }
    spec->restricted = q->modes != FR_MODES_ALL || blocks_something(spec, model);
    if (!date_query(spec, model, q, error)) {
        fr_search_spec_clear(spec);
        return false;
    }
    return true;
}

void fr_search_spec_clear(fr_search_spec *spec)
{
    g_free(spec->node_blocked);
    g_free(spec->corridor_blocked);
    memset(spec, 0, sizeof *spec);
}
