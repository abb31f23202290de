/* critical.c - fr_network_critical(): what closing each link or node of a
 * destination's best route costs that route.
 *
 * Semantics (FORMAT.md §7, "Critical links"):
 * - Undated queries only: a departure or a deadline is an FR_ERROR_QUERY
 *   ("critical links take undated queries"). A query's date
 *   (fr_query_set_date()) is kept: every route is on that date's graph.
 * - The base route to destination D is what fr_network_route() answers for
 *   a copy of the query re-aimed at (its from, D). Every destination's query
 *   is checked before any search: an unknown destination, or one equal to
 *   the origin, is fr_network_route()'s FR_ERROR_QUERY; an empty list is an
 *   FR_ERROR_QUERY. A destination in another component of the physical
 *   network than the origin is an FR_ERROR_NO_ROUTE at once; any other
 *   destination without a route fails with fr_network_route()'s error.
 * - Candidates: every link of the base route (its id without ":rev":
 *   closing a link closes both its directions) and every node inside it
 *   (the ends of its link steps, the origin and the destination excepted),
 *   each once.
 * - Closing a node is avoiding it (§2: none of its states can be entered);
 *   closing a link drops its virtual edges. The new route is the best route
 *   of the same query by §2's key (objective, time, cost, edges) on what
 *   remains, its bounds included: the constrained search when the query has
 *   bounds or is on another date than the reference date, plain Dijkstra
 *   otherwise, whatever algorithm the query names (which serves its base
 *   routes only). Its totals are optimal; where routes tie on the whole
 *   key it may be another of them than fr_network_route() would return on
 *   a network without the link or node.
 * - added_time_h, added_cost_usd: the new route's totals minus the base
 *   route's, for the whole quantity; NAN, with alternative false and route
 *   NULL, when no route remains.
 * - single_point: the link is a bridge, the node an articulation point, of
 *   the physical network (graph/physical.h: one undirected edge per link of
 *   any mode or validity; modes, directions and transfers ignored).
 * - Order: items without an alternative first, then by added time
 *   (largest first), added cost (largest first), the destination's place
 *   in the caller's list, the id (a link before a node of the same id).
 *
 * How: no network is built per candidate. The graph the query is answered
 * on is shared with a shallow copy whose per-edge corridor array is this
 * call's own: closing a link moves its virtual edges into a corridor of
 * their own (index = the model's corridor count) that the spec blocks, so
 * the engine and the constrained search skip them through
 * fr_metric_usable(); closing a node sets the spec's node_blocked. One
 * search per candidate, on the calling thread's workspace. The list holds
 * a reference to the network (its items name the network's ids). The
 * query's cancellable is looked at before each closure (and polled by the
 * constrained search); its progress function hears the share of
 * destinations and of their routes' steps done. */
#include "cancel.h"
#include "csearch.h"
#include "engine.h"
#include "error.h"
#include "network.h"
#include "physical.h"

#include <math.h>
#include <string.h>

typedef struct {
    fr_critical_item item;
    size_t destination; /* its place in the caller's list */
} critical_entry;

struct fr_critical_list {
    GArray *entries;        /* critical_entry; items' routes owned */
    GPtrArray *base_routes; /* fr_route *, per destination */
    fr_network *net;        /* a reference: the items' ids are the network's strings */
};

/* What one call shares between its destinations and candidates. */
typedef struct {
    const fr_network *net;
    const fr_vgraph *g;   /* the graph the query is answered on */
    fr_vgraph scratch;    /* g when the query is on another date */
    fr_vgraph closed;     /* g sharing all but edge_corridor, which is ours */
    int32_t closed_corridor; /* the corridor of closed links' edges */
    uint32_t *link_edges; /* per link: its virtual edges of g, [2 * link + reverse] */
    GHashTable *link_index; /* link id -> index + 1 */
    fr_physical_cuts cuts;
    bool *seen_link, *seen_node; /* candidates taken for the current destination */
} critical_call;

size_t fr_critical_count(const fr_critical_list *list) { return list ? list->entries->len : 0; }

const fr_critical_item *fr_critical_get(const fr_critical_list *list, size_t index)
{
    if (!list || index >= list->entries->len)
        return NULL;
    return &g_array_index(list->entries, critical_entry, index).item;
}

const fr_route *fr_critical_base_route(const fr_critical_list *list, size_t destination)
{
    if (!list || destination >= list->base_routes->len)
        return NULL;
    return g_ptr_array_index(list->base_routes, destination);
}

void fr_critical_list_free(fr_critical_list *list)
{
    if (!list)
        return;
    for (guint i = 0; i < list->entries->len; i++)
        fr_route_free((fr_route *)g_array_index(list->entries, critical_entry, i).item.route);
    g_array_free(list->entries, TRUE);
    g_ptr_array_free(list->base_routes, TRUE);
    fr_network_unref(list->net);
    g_free(list);
}

static void call_clear(critical_call *c)
{
    g_free(c->closed.edge_corridor);
    g_free(c->link_edges);
    if (c->link_index)
        g_hash_table_destroy(c->link_index);
    fr_physical_cuts_clear(&c->cuts);
    g_free(c->seen_link);
    g_free(c->seen_node);
    fr_vgraph_clear(&c->scratch);
}

/* The graph, its closable copy and the indexes of links for one call;
 * `spec` gives the query's date. */
static bool call_init(critical_call *c, const fr_network *net, const fr_search_spec *spec,
                      GError **error)
{
    const fr_model *model = &net->model;
    uint32_t n_links = model->links->len, n_nodes = model->nodes->len;
    c->net = net;
    if (!fr_physical_cuts_build(&c->cuts, model, error))
        return false;
    c->g = fr_network_graph_on(net, spec, &c->scratch, error);
    if (!c->g)
        return false;
    c->closed = *c->g;
    c->closed.edge_corridor = g_new(int32_t, c->g->n_edges ? c->g->n_edges : 1);
    if (c->g->n_edges)
        memcpy(c->closed.edge_corridor, c->g->edge_corridor, c->g->n_edges * sizeof(int32_t));
    c->closed_corridor = (int32_t)model->corridors->len;
    c->link_edges = g_new(uint32_t, 2 * (size_t)n_links + 1);
    for (size_t i = 0; i < 2 * (size_t)n_links; i++)
        c->link_edges[i] = FR_NONE;
    for (uint32_t e = 0; e < c->g->n_edges; e++) {
        uint8_t kind = c->g->edge_kind[e];
        if (kind == FR_VEDGE_LINK || kind == FR_VEDGE_REVERSE)
            c->link_edges[2 * (size_t)c->g->edge_ref[e] + (kind == FR_VEDGE_REVERSE)] = e;
    }
    c->link_index = g_hash_table_new(g_str_hash, g_str_equal);
    for (uint32_t i = 0; i < n_links; i++) {
        const fr_link *l = FR_LINK(model, i);
        g_hash_table_insert(c->link_index, (gpointer)l->id, GUINT_TO_POINTER(i + 1));
    }
    c->seen_link = g_new0(bool, n_links ? n_links : 1);
    c->seen_node = g_new0(bool, n_nodes ? n_nodes : 1);
    return true;
}

/* The best route of spec on the closable graph (NULL when none). */
static GArray *search_closed(const critical_call *c, const fr_search_spec *spec)
{
    if (c->g != &c->net->vgraph || fr_spec_bounded(spec))
        return fr_search_bounded_path(&c->closed, spec);
    GArray *path = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    fr_key key;
    if (!fr_engine_dijkstra(fr_workspace_of_thread(), &c->closed, spec, &key, path)) {
        g_array_free(path, TRUE);
        return NULL;
    }
    return path;
}

/* Closes link `link` (or node `node` when link is FR_NONE), routes spec
 * again and fills the entry's outcome. spec blocks the closed corridor. */
static void close_one(critical_call *c, fr_search_spec *spec, const fr_query *query,
                      const fr_route *base, uint32_t link, uint32_t node, critical_entry *entry)
{
    const fr_model *model = &c->net->model;
    bool restricted = spec->restricted;
    spec->restricted = true;
    if (link != FR_NONE) {
        for (int r = 0; r < 2; r++) {
            uint32_t e = c->link_edges[2 * (size_t)link + r];
            if (e != FR_NONE)
                c->closed.edge_corridor[e] = c->closed_corridor;
        }
        entry->item.link_id = FR_LINK(model, link)->id;
        entry->item.single_point = c->cuts.bridge[link];
    } else {
        spec->node_blocked[node] = true;
        entry->item.node_id = FR_NODE(model, node)->id;
        entry->item.single_point = c->cuts.articulation[node];
    }
    GArray *path = search_closed(c, spec);
    if (link != FR_NONE) {
        for (int r = 0; r < 2; r++) {
            uint32_t e = c->link_edges[2 * (size_t)link + r];
            if (e != FR_NONE)
                c->closed.edge_corridor[e] = c->g->edge_corridor[e];
        }
    } else {
        spec->node_blocked[node] = false;
    }
    spec->restricted = restricted;
    entry->item.added_time_h = entry->item.added_cost_usd = NAN;
    if (!path)
        return;
    fr_route_context ctx = fr_network_route_context(c->net);
    ctx.g = c->g;
    fr_route *route = fr_route_new_from_path(&ctx, query, path);
    g_array_free(path, TRUE);
    entry->item.alternative = true;
    entry->item.route = route;
    entry->item.added_time_h = fr_route_total_time_h(route) - fr_route_total_time_h(base);
    entry->item.added_cost_usd = fr_route_total_cost_usd(route) - fr_route_total_cost_usd(base);
}

/* The link a step runs on, by its id or reverse id "<id>:rev"; FR_NONE
 * when unknown. */
static uint32_t step_link(const critical_call *c, const char *link_id)
{
    gpointer found = g_hash_table_lookup(c->link_index, link_id);
    char base[FR_REV_ID_SIZE];
    if (!found && fr_rev_id_base(link_id, base)) {
        found = g_hash_table_lookup(c->link_index, base);
        if (found && !FR_LINK(&c->net->model, GPOINTER_TO_UINT(found) - 1)->bidirectional)
            found = NULL;
    }
    return GPOINTER_TO_UINT(found) - 1;
}

/* Every candidate of destination d's base route, closed in turn. */
static void close_candidates(critical_call *c, fr_search_spec *spec, const fr_query *query,
                             const fr_route *base, size_t d, GArray *entries)
{
    const fr_model *model = &c->net->model;
    memset(c->seen_link, 0, model->links->len * sizeof(bool));
    memset(c->seen_node, 0, model->nodes->len * sizeof(bool));
    const char *destination = FR_NODE(model, spec->destination)->id;
    size_t n_steps = fr_route_step_count(base);
    for (size_t s = 0; s < n_steps && !fr_cancel_now(spec->cancel); s++) {
        fr_cancel_progress(spec->cancel, (double)s / (double)n_steps);
        const fr_step *step = fr_route_step(base, s);
        if (step->type != FR_STEP_LINK)
            continue;
        uint32_t link = step_link(c, step->link_id);
        long ends[2] = {fr_model_node_lookup(model, step->from_node),
                        fr_model_node_lookup(model, step->to_node)};
        for (int k = 0; k < 3; k++) {
            critical_entry entry = {.item = {.destination = destination}, .destination = d};
            if (k == 1) {
                if (link == FR_NONE || c->seen_link[link])
                    continue;
                c->seen_link[link] = true;
                close_one(c, spec, query, base, link, FR_NONE, &entry);
            } else {
                long v = ends[k / 2];
                if (v < 0 || (uint32_t)v == spec->origin || (uint32_t)v == spec->destination ||
                    c->seen_node[v])
                    continue;
                c->seen_node[v] = true;
                close_one(c, spec, query, base, FR_NONE, (uint32_t)v, &entry);
            }
            g_array_append_val(entries, entry);
        }
    }
}

/* Larger first; NAN (no alternative) is handled before. */
static int compare_desc(double a, double b) { return a > b ? -1 : a < b ? 1 : 0; }

static int compare_entries(gconstpointer pa, gconstpointer pb)
{
    const critical_entry *a = pa, *b = pb;
    if (a->item.alternative != b->item.alternative)
        return a->item.alternative ? 1 : -1;
    int c = 0;
    if (a->item.alternative) {
        c = compare_desc(a->item.added_time_h, b->item.added_time_h);
        if (!c)
            c = compare_desc(a->item.added_cost_usd, b->item.added_cost_usd);
    }
    if (!c)
        c = (a->destination > b->destination) - (a->destination < b->destination);
    if (!c) {
        const char *ida = a->item.link_id ? a->item.link_id : a->item.node_id;
        const char *idb = b->item.link_id ? b->item.link_id : b->item.node_id;
        c = strcmp(ida, idb);
    }
    if (!c)
        c = (a->item.link_id == NULL) - (b->item.link_id == NULL);
    return c;
}

/* Destination d: its base route into the list, then its candidates. */
static bool critical_destination(critical_call *c, fr_search_spec *spec, const fr_query *query,
                                 size_t d, fr_critical_list *list, GError **error)
{
    const fr_model *model = &c->net->model;
    if (c->cuts.component[spec->origin] != c->cuts.component[spec->destination])
        return fr_no_route_error(error, FR_NODE(model, spec->origin)->id,
                                 FR_NODE(model, spec->destination)->id,
                                 "exists: no link of any mode connects them");
    fr_route *base = fr_network_route(c->net, query, error);
    if (!base)
        return false;
    g_ptr_array_add(list->base_routes, base);
    /* closed links' edges are in a corridor of their own, which the spec blocks */
    uint32_t n_corridors = model->corridors->len;
    bool *blocked = g_new0(bool, n_corridors + 1), *theirs = spec->corridor_blocked;
    memcpy(blocked, theirs, n_corridors * sizeof(bool));
    blocked[c->closed_corridor] = true;
    spec->corridor_blocked = blocked;
    close_candidates(c, spec, query, base, d, list->entries);
    spec->corridor_blocked = theirs;
    g_free(blocked);
    return true;
}

fr_critical_list *fr_network_critical(const fr_network *network, const fr_query *query,
                                      const char *const *destinations, size_t n_destinations,
                                      GError **error)
{
    if (error && *error)
        return NULL;
    if (!fr_arg_given(network, "fr_network_critical", "network", error) ||
        !fr_arg_given(query, "fr_network_critical", "query", error))
        return NULL;
    if (!destinations || n_destinations == 0) {
        fr_query_error(error, "no destination given");
        return NULL;
    }
    if (fr_query_departure(query) || fr_query_arrive_by(query)) {
        fr_query_error(error, "critical links take undated queries (no departure or deadline)");
        return NULL;
    }
    fr_query **queries = g_new0(fr_query *, n_destinations);
    fr_search_spec *specs = g_new0(fr_search_spec, n_destinations);
    size_t n_specs = 0;
    bool ok = true;
    for (size_t d = 0; d < n_destinations && ok; d++) {
        queries[d] = fr_query_copy(query);
        fr_query_set_endpoints(queries[d], fr_query_from(query), destinations[d]);
        ok = fr_search_spec_init(&specs[d], &network->model, queries[d], error);
        n_specs += ok;
    }
    fr_cancel cancel; /* one for the whole call: every spec points at it */
    fr_cancel_init_query(&cancel, query);
    for (size_t d = 0; d < n_specs; d++)
        specs[d].cancel = fr_cancel_active(&cancel);
    critical_call call = {0};
    fr_critical_list *list = NULL;
    if (ok && fr_cancel_now(&cancel))
        ok = fr_cancelled_error(error, "fr_network_critical");
    if (ok)
        ok = call_init(&call, network, &specs[0], error);
    if (ok) {
        list = g_new0(fr_critical_list, 1);
        list->net = fr_network_ref((fr_network *)network); /* a count, not its value */
        list->entries = g_array_new(FALSE, FALSE, sizeof(critical_entry));
        list->base_routes = g_ptr_array_new_with_free_func((GDestroyNotify)fr_route_free);
        for (size_t d = 0; d < n_destinations && ok; d++) {
            fr_cancel_stage(&cancel, (double)d / n_destinations, (double)(d + 1) / n_destinations);
            ok = critical_destination(&call, &specs[d], queries[d], d, list, error);
        }
        if (!ok)
            fr_cancel_now(&cancel); /* a base route may have failed for it */
        if (fr_cancel_failed(&cancel, error, "fr_network_critical"))
            ok = false;
        if (ok)
            g_array_sort(list->entries, compare_entries);
        else
            g_clear_pointer(&list, fr_critical_list_free);
    }
    call_clear(&call);
    for (size_t d = 0; d < n_specs; d++)
        fr_search_spec_clear(&specs[d]);
    for (size_t d = 0; d < n_destinations; d++)
        fr_query_free(queries[d]);
    g_free(specs);
    g_free(queries);
    if (list)
        fr_cancel_finish(&cancel);
    return list;
}
