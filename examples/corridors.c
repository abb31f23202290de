/* corridors.c - corridor families and their best routes (see corridors.h).
 *
 * Candidates come from constrained queries: for every set of main modes
 * (rail, river, sea, air, each with road for the first and last mile) and
 * for cost, time and CO2, the best route; then the same again with each
 * corridor label found so far avoided; then with the transit countries the
 * routes cross avoided, growing the avoided set one country at a time (up
 * to three), to uncover the next-best corridors (Erlian through Mongolia
 * when Kazakhstan is avoided, YUMANE through Manzhouli when both are). Each candidate
 * belongs to a family (corridor_family); a family keeps its best candidate
 * and the query that found it. Dated comparisons run each family's query
 * with a departure; departure profiles and scenarios are in
 * corridors_more.c. */
#include "corridors.h"

#include <stdlib.h>
#include <string.h>

static const fr_mode main_modes[] = {FR_MODE_RAIL, FR_MODE_RIVER, FR_MODE_SEA, FR_MODE_AIR};
enum { N_MAIN = G_N_ELEMENTS(main_modes) };

char *corridor_family(const fr_route *route)
{
    double distance[FR_MODE_COUNT] = {0};
    const fr_step *first_main = NULL;
    for (size_t i = 0; i < fr_route_step_count(route); i++) {
        const fr_step *s = fr_route_step(route, i);
        if (s->type != FR_STEP_LINK)
            continue;
        distance[s->mode] += s->distance_km;
        if (!first_main && s->mode != FR_MODE_ROAD)
            first_main = s;
    }
    if (!first_main)
        return g_strdup(fr_mode_name(FR_MODE_ROAD));
    if (first_main->corridor[0])
        return g_strdup(first_main->corridor);
    int furthest = FR_MODE_RAIL;
    for (int m = 0; m < FR_MODE_COUNT; m++)
        if (m != FR_MODE_ROAD && distance[m] > distance[furthest])
            furthest = m;
    return g_strdup(fr_mode_name((fr_mode)furthest));
}

char *corridor_route_name(const fr_route *route)
{
    bool seen[FR_MODE_COUNT] = {false}, road_only = true;
    for (size_t i = 0; i < fr_route_step_count(route); i++) {
        const fr_step *s = fr_route_step(route, i);
        road_only &= s->type != FR_STEP_LINK || s->mode == FR_MODE_ROAD;
    }
    GString *name = g_string_new(NULL);
    for (size_t i = 0; i < fr_route_step_count(route); i++) {
        const fr_step *s = fr_route_step(route, i);
        if (s->type != FR_STEP_LINK || seen[s->mode] || (s->mode == FR_MODE_ROAD && !road_only))
            continue;
        seen[s->mode] = true;
        g_string_append_printf(name, "%s%s", name->len ? " + " : "", fr_mode_name(s->mode));
    }
    char *family = corridor_family(route);
    fr_mode mode;
    if (!fr_mode_from_name(family, &mode))
        g_string_append_printf(name, " (%s)", family);
    g_free(family);
    return g_string_free(name, FALSE);
}

/* The settings' objective for a route's totals (whole quantity). */
static double score(const fr_route *r, const fr_query *settings, double vot, double cp)
{
    switch (fr_query_objective(settings)) {
    case FR_OBJECTIVE_TIME: return fr_route_total_time_h(r);
    case FR_OBJECTIVE_CO2: return fr_route_total_co2_kg(r);
    case FR_OBJECTIVE_DISTANCE: return fr_route_total_distance_km(r);
    case FR_OBJECTIVE_GENERALIZED:
        return fr_route_total_cost_usd(r) +
               vot * fr_route_quantity(r) * fr_route_total_time_h(r) +
               cp * fr_route_total_co2_kg(r);
    default: return fr_route_total_cost_usd(r);
    }
}

typedef struct {
    const fr_network *net;
    const fr_query *settings;
    double value_of_time, carbon_price;
    GHashTable *best;      /* family -> corridor_option * (both owned; no name yet) */
    GPtrArray *labels;     /* corridor labels seen so far, char * */
    GPtrArray *pending;    /* sets of countries to avoid next: "KZ,MN" (char *) */
    GHashTable *visited;   /* the sets already explored or pending */
    const char *avoiding;  /* the set being explored now */
    fr_mode_set allowed;   /* --modes: every probe keeps within them */
} search_state;

enum { MAX_AVOIDED_COUNTRIES = 3 };

/* Does route a beat route b by the settings' objective (ties: time, cost)? */
static bool better(const search_state *st, const fr_route *a, const fr_route *b)
{
    double va = score(a, st->settings, st->value_of_time, st->carbon_price);
    double vb = score(b, st->settings, st->value_of_time, st->carbon_price);
    if (va != vb)
        return va < vb;
    if (fr_route_total_time_h(a) != fr_route_total_time_h(b))
        return fr_route_total_time_h(a) < fr_route_total_time_h(b);
    return fr_route_total_cost_usd(a) < fr_route_total_cost_usd(b);
}

static void remember(GPtrArray *seen, const char *item)
{
    if (*item && !g_ptr_array_find_with_equal_func(seen, item, g_str_equal, NULL))
        g_ptr_array_add(seen, g_strdup(item));
}

static const char *country_of(const fr_network *net, const char *node_id)
{
    fr_node_info node;
    fr_network_node(net, (size_t)fr_network_find_node(net, node_id), &node);
    return node.country;
}

/* Queues the set of countries being avoided plus `cc`, sorted, unless it
 * was seen or grows too large. */
static void queue_avoiding(search_state *st, const char *cc)
{
    char **set = g_strsplit(st->avoiding, ",", -1);
    guint n = g_strv_length(set);
    bool known = g_strv_contains((const char *const *)set, cc);
    if (!known && n < MAX_AVOIDED_COUNTRIES) {
        set = g_renew(char *, set, n + 2);
        set[n] = g_strdup(cc);
        set[n + 1] = NULL;
        qsort(set, n + 1, sizeof *set, (int (*)(const void *, const void *))g_strcmp0);
        char *key = g_strjoinv(",", set);
        if (*st->avoiding == '\0') {
            g_free(key);
            key = g_strdup(cc);
        }
        if (!g_hash_table_contains(st->visited, key)) {
            g_hash_table_add(st->visited, g_strdup(key));
            g_ptr_array_add(st->pending, key);
        } else {
            g_free(key);
        }
    }
    g_strfreev(set);
}

/* Notes the corridor labels a route follows, and queues the countries it
 * crosses between its origin's and destination's for avoiding. */
static void remember_labels_and_countries(search_state *st, const fr_route *route)
{
    const char *ends[2] = {country_of(st->net, fr_route_from(route)),
                           country_of(st->net, fr_route_to(route))};
    for (size_t i = 0; i < fr_route_step_count(route); i++) {
        const fr_step *s = fr_route_step(route, i);
        remember(st->labels, s->corridor);
        const char *cc = country_of(st->net, s->to_node);
        if (strcmp(cc, ends[0]) && strcmp(cc, ends[1]))
            queue_avoiding(st, cc);
    }
}

static void option_free(gpointer data)
{
    corridor_option *option = data;
    if (!option)
        return;
    g_free(option->family);
    g_free(option->name);
    fr_route_free(option->route);
    fr_query_free(option->query);
    g_free(option);
}

/* Keeps the candidate, found by `probe`, if it is the best of its family
 * so far; takes both. */
static void consider(search_state *st, fr_route *candidate, fr_query *probe)
{
    remember_labels_and_countries(st, candidate);
    char *family = corridor_family(candidate);
    corridor_option *current = g_hash_table_lookup(st->best, family);
    if (!current || better(st, candidate, current->route)) {
        corridor_option *o = g_new0(corridor_option, 1);
        o->family = g_strdup(family);
        o->route = candidate;
        o->query = probe;
        g_hash_table_replace(st->best, family, o);
    } else {
        g_free(family);
        fr_route_free(candidate);
        fr_query_free(probe);
    }
}

typedef struct {
    const char *corridor;  /* to avoid, or NULL */
    const char *countries; /* comma-separated, to avoid; "" for none */
} avoidance;

/* The best routes with `modes` (plus road) and without what `avoid` names,
 * by cost, by time, by CO2 and by the settings' objective. */
static bool explore(search_state *st, fr_mode_set modes, avoidance avoid, GError **error)
{
    static const fr_objective probes[] = {FR_OBJECTIVE_COST, FR_OBJECTIVE_TIME, FR_OBJECTIVE_CO2};
    if (((modes | FR_MODE_BIT(FR_MODE_ROAD)) & st->allowed) == 0)
        return true;
    for (size_t p = 0; p <= G_N_ELEMENTS(probes); p++) {
        fr_query *probe = fr_query_copy(st->settings);
        fr_query_set_modes(probe, (modes | FR_MODE_BIT(FR_MODE_ROAD)) & st->allowed);
        if (p < G_N_ELEMENTS(probes))
            fr_query_set_objective(probe, probes[p]);
        if (avoid.corridor)
            fr_query_avoid_corridor(probe, avoid.corridor);
        char **countries = g_strsplit(avoid.countries, ",", -1);
        for (char **cc = countries; *cc; cc++)
            if (**cc)
                fr_query_avoid_country(probe, *cc);
        g_strfreev(countries);
        GError *local = NULL;
        fr_route *found = fr_network_route(st->net, probe, &local);
        if (found) {
            consider(st, found, probe);
        } else if (g_error_matches(local, FR_ERROR, FR_ERROR_NO_ROUTE)) {
            fr_query_free(probe);
            g_clear_error(&local);
        } else {
            fr_query_free(probe);
            g_propagate_error(error, local);
            return false;
        }
    }
    return true;
}

/* Every non-empty subset of the main modes, and road alone. */
static bool explore_mode_sets(search_state *st, avoidance avoid, GError **error)
{
    for (unsigned subset = 0; subset < (1u << N_MAIN); subset++) {
        fr_mode_set modes = 0;
        for (int i = 0; i < N_MAIN; i++)
            if (subset & (1u << i))
                modes |= FR_MODE_BIT(main_modes[i]);
        if (!explore(st, modes, avoid, error))
            return false;
    }
    return true;
}

static gint by_score(gconstpointer a, gconstpointer b, gpointer state)
{
    const corridor_option *x = *(corridor_option *const *)a, *y = *(corridor_option *const *)b;
    const search_state *st = state;
    return better(st, x->route, y->route) ? -1 : better(st, y->route, x->route) ? 1
                                                                              : strcmp(x->family, y->family);
}

static int index_of_min(const GPtrArray *options, double (*figure)(const fr_route *))
{
    int best = -1;
    for (guint i = 0; i < options->len; i++) {
        const corridor_option *o = g_ptr_array_index(options, i);
        if (best < 0 ||
            figure(o->route) < figure(((corridor_option *)g_ptr_array_index(options, best))->route))
            best = (int)i;
    }
    return best;
}

/* An empty comparison from `from` to `to` by `settings` (copied). */
static corridor_comparison *comparison_new(const char *from, const char *to,
                                           const fr_query *settings)
{
    corridor_comparison *c = g_new0(corridor_comparison, 1);
    c->from = g_strdup(from);
    c->to = g_strdup(to);
    c->options = g_ptr_array_new_with_free_func(option_free);
    c->settings = fr_query_copy(settings);
    c->no_route = g_ptr_array_new_with_free_func(g_free);
    c->cheapest = c->fastest = c->greenest = -1;
    return c;
}

/* Sorts the options by the settings' objective and marks the winners. */
static void rank(corridor_comparison *c, const fr_network *net)
{
    search_state st = {.net = net,
                       .settings = c->settings,
                       .value_of_time = fr_query_value_of_time(c->settings),
                       .carbon_price = fr_query_carbon_price(c->settings)};
    g_ptr_array_sort_with_data(c->options, by_score, &st);
    c->cheapest = index_of_min(c->options, fr_route_total_cost_usd);
    c->fastest = index_of_min(c->options, fr_route_total_time_h);
    c->greenest = index_of_min(c->options, fr_route_total_co2_kg);
}

static corridor_comparison *collect(search_state *st, const char *from, const char *to)
{
    corridor_comparison *c = comparison_new(from, to, st->settings);
    GHashTableIter it;
    gpointer family, option;
    g_hash_table_iter_init(&it, st->best);
    while (g_hash_table_iter_next(&it, &family, &option)) {
        corridor_option *o = option;
        o->name = corridor_route_name(o->route);
        g_hash_table_iter_steal(&it);
        g_free(family);
        g_ptr_array_add(c->options, o);
    }
    rank(c, st->net);
    return c;
}

corridor_comparison *corridor_compare(const fr_network *net, const char *from, const char *to,
                                      const fr_query *settings, GError **error)
{
    return corridor_compare_modes(net, from, to, settings, FR_MODES_ALL, error);
}

corridor_comparison *corridor_compare_modes(const fr_network *net, const char *from,
                                            const char *to, const fr_query *settings,
                                            fr_mode_set allowed, GError **error)
{
    fr_query *query = fr_query_copy(settings);
    fr_query_set_endpoints(query, from, to);
    search_state st = {net,
                       query,
                       fr_query_value_of_time(query),
                       fr_query_carbon_price(query),
                       g_hash_table_new_full(g_str_hash, g_str_equal, g_free, option_free),
                       g_ptr_array_new_with_free_func(g_free),
                       g_ptr_array_new_with_free_func(g_free),
                       g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                       "",
                       allowed};
    bool ok = explore_mode_sets(&st, (avoidance){NULL, ""}, error);
    for (guint i = 0; ok && i < st.labels->len; i++)
        ok = explore_mode_sets(&st, (avoidance){g_ptr_array_index(st.labels, i), ""}, error);
    for (guint i = 0; ok && i < st.pending->len; i++) {
        st.avoiding = g_ptr_array_index(st.pending, i);
        ok = explore_mode_sets(&st, (avoidance){NULL, st.avoiding}, error);
    }
    corridor_comparison *c = ok ? collect(&st, from, to) : NULL;
    g_hash_table_destroy(st.best);
    g_ptr_array_free(st.labels, TRUE);
    g_ptr_array_free(st.pending, TRUE);
    g_hash_table_destroy(st.visited);
    fr_query_free(query);
    return c;
}

void corridor_comparison_free(corridor_comparison *c)
{
    if (!c)
        return;
    g_free(c->from);
    g_free(c->to);
    g_ptr_array_free(c->options, TRUE);
    fr_query_free(c->settings);
    g_ptr_array_free(c->no_route, TRUE);
    g_free(c);
}

corridor_comparison *corridor_compare_at(const fr_network *net,
                                         const corridor_comparison *comparison,
                                         GDateTime *depart, GError **error)
{
    return corridor_compare_dated(net, comparison, depart, NULL, error);
}

corridor_comparison *corridor_compare_dated(const fr_network *net,
                                            const corridor_comparison *comparison,
                                            GDateTime *depart, GDateTime *arrive_by,
                                            GError **error)
{
    corridor_comparison *c = comparison_new(comparison->from, comparison->to,
                                            comparison->settings);
    for (guint i = 0; i < comparison->options->len; i++) {
        const corridor_option *family = g_ptr_array_index(comparison->options, i);
        fr_query *query = fr_query_copy(family->query);
        if (depart)
            fr_query_set_departure(query, depart);
        if (arrive_by)
            fr_query_set_arrive_by(query, arrive_by);
        GError *local = NULL;
        fr_route *route = fr_network_route(net, query, &local);
        if (route) {
            corridor_option *o = g_new0(corridor_option, 1);
            o->family = g_strdup(family->family);
            o->name = g_strdup(family->name);
            o->route = route;
            o->query = query;
            g_ptr_array_add(c->options, o);
            continue;
        }
        fr_query_free(query);
        if (!g_error_matches(local, FR_ERROR, FR_ERROR_NO_ROUTE)) {
            g_propagate_error(error, local);
            corridor_comparison_free(c);
            return NULL;
        }
        g_error_free(local);
        g_ptr_array_add(c->no_route, g_strdup(family->name));
    }
    rank(c, net);
    return c;
}
