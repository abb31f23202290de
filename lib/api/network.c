/* network.c - the network handle's lifecycle (loading from a directory or
 * the embedded data; references: the handle is freed with the last of the
 * caller's and its routes', matrices', profiles' and critical lists') and
 * the public read-only views of it, neutral when given NULL. */
#include "network.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* The graph an undated query sees on `day` (FORMAT.md §5). */
static bool build_on_day(fr_vgraph *g, const fr_model *model, int32_t day, GError **error)
{
    fr_vgraph_view view;
    fr_vgraph_view_init_undated(&view, model, day);
    bool ok = fr_vgraph_build_view(g, model, &view, error);
    fr_vgraph_view_clear(&view);
    return ok;
}

/* The graphs: a network without dates has one; a dated one an undated
 * graph for its reference date and a graph of running times. */
bool fr_network_build_graphs(fr_network *net, GError **error)
{
    const fr_model *model = &net->model;
    if (!fr_model_is_dated(model)) {
        if (!fr_vgraph_build(&net->vgraph, model, error))
            return false;
        net->running = &net->vgraph;
    } else {
        if (!build_on_day(&net->vgraph, model, model->reference_day, error) ||
            !fr_vgraph_build(&net->running_copy, model, error))
            return false;
        net->running = &net->running_copy;
    }
    fr_timetable_build(&net->timetable, model, net->running);
    if (model->reference_day != FR_DAY_MIN)
        net->reference_date = fr_clock_day_datetime(model->reference_day);
    fr_network_build_lists(net);
    return true;
}

/* Gives the pages of the load's freed scratch (id indexes, line numbers,
 * the graph's sorting arrays: about 5 bytes a virtual edge) back to the
 * system. glibc keeps freed heap memory below the top otherwise. */
static void give_back_scratch(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

fr_network *fr_network_load_source(const fr_file_source *source, GError **error)
{
    fr_network *net = fr_network_alloc();
    fr_model_init(&net->model);
    if (!fr_model_load(&net->model, source, error) || !fr_network_build_graphs(net, error)) {
        fr_network_free(net);
        return NULL;
    }
    give_back_scratch();
    return net;
}

const fr_vgraph *fr_network_graph_on(const fr_network *net, const fr_search_spec *spec,
                                     fr_vgraph *scratch, GError **error)
{
    if (!fr_model_is_dated(&net->model) || spec->day == net->model.reference_day)
        return &net->vgraph;
    return build_on_day(scratch, &net->model, spec->day, error) ? scratch : NULL;
}

fr_network *fr_network_load_dir(const char *dir, GError **error)
{
    if (error && *error)
        return NULL; /* GError rule: never overwrite an error already set */
    if (!fr_arg_given(dir, "fr_network_load_dir", "directory", error))
        return NULL;
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: %s", dir,
                    g_file_test(dir, G_FILE_TEST_EXISTS) ? "not a directory"
                                                         : "no such directory");
        return NULL;
    }
    fr_file_source source = fr_file_source_dir(dir);
    return fr_network_load_source(&source, error);
}

fr_network *fr_network_load_default(GError **error)
{
    fr_file_source source;
    return fr_file_source_embedded(&source, error) ? fr_network_load_source(&source, error)
                                                    : NULL;
}

bool fr_network_export_default(const char *dir, GError **error)
{
    if (!fr_arg_given(dir, "fr_network_export_default", "directory", error))
        return false;
    return fr_model_export_embedded(dir, error);
}

/* The last reference is gone: frees what the handle holds. */
static void network_destroy(fr_lifetime *lifetime)
{
    fr_network *net = (fr_network *)((char *)lifetime - G_STRUCT_OFFSET(fr_network, lifetime));
    fr_network_clear_prepared(net);
    fr_timetable_clear(&net->timetable);
    fr_vgraph_clear(&net->running_copy);
    g_clear_pointer(&net->reference_date, g_date_time_unref);
    g_free(net->corridor_list);
    g_free(net->country_list);
    fr_vgraph_clear(&net->vgraph);
    fr_model_clear(&net->model);
    g_free(net);
}

fr_network *fr_network_alloc(void)
{
    fr_network *net = g_new0(fr_network, 1);
    fr_lifetime_init(&net->lifetime, network_destroy);
    return net;
}

fr_network *fr_network_ref(fr_network *net)
{
    if (net)
        fr_lifetime_hold(&net->lifetime);
    return net;
}

void fr_network_unref(fr_network *net)
{
    if (net)
        fr_lifetime_release(&net->lifetime);
}

void fr_network_free(fr_network *net) { fr_network_unref(net); }

const char *const *fr_network_warnings(const fr_network *net)
{
    return net ? (const char *const *)net->model.warnings->pdata : NULL;
}

long fr_network_find_node(const fr_network *net, const char *id)
{
    return net && id ? fr_model_node_lookup(&net->model, id) : -1;
}

bool fr_network_has_corridor(const fr_network *net, const char *corridor)
{
    return net && corridor && fr_model_corridor_lookup(&net->model, corridor) >= 0;
}

size_t fr_network_node_count(const fr_network *net) { return net ? net->model.nodes->len : 0; }
size_t fr_network_link_count(const fr_network *net) { return net ? net->model.links->len : 0; }
size_t fr_network_state_count(const fr_network *net) { return net ? net->vgraph.n_states : 0; }

size_t fr_network_virtual_edge_count(const fr_network *net)
{
    return net ? net->vgraph.n_edges : 0;
}

bool fr_network_node(const fr_network *net, size_t index, fr_node_info *out)
{
    if (!net || !out || index >= net->model.nodes->len)
        return false;
    const fr_node *n = FR_NODE(&net->model, index);
    *out = (fr_node_info){n->id,     n->name,    n->kind,    n->country, n->lat,
                          n->lon,    n->dwell_h, n->dwell_usd, n->source};
    return true;
}

bool fr_network_link(const fr_network *net, size_t index, fr_link_info *out)
{
    if (!net || !out || index >= net->model.links->len)
        return false;
    const fr_model *model = &net->model;
    const fr_link *l = FR_LINK(model, index);
    *out = (fr_link_info){.id = l->id,
                          .from = FR_NODE(model, l->from)->id,
                          .to = FR_NODE(model, l->to)->id,
                          .mode = l->mode,
                          .distance_km = l->distance_km,
                          .time_h = l->time_h,
                          .cost_usd = l->cost_usd,
                          .co2_kg = l->co2_kg,
                          .bidirectional = l->bidirectional,
                          .corridor = fr_link_corridor(model, l),
                          .source = l->source};
    return true;
}

GTimeZone *fr_network_node_timezone(const fr_network *net, size_t index)
{
    if (!net || index >= net->model.nodes->len)
        return NULL;
    const fr_zone *zone = g_ptr_array_index(net->model.zones, FR_NODE(&net->model, index)->zone);
    return zone->tz;
}

GDateTime *fr_network_reference_date(const fr_network *net)
{
    return net ? net->reference_date : NULL;
}

bool fr_network_is_timetabled(const fr_network *net)
{
    return net && fr_model_is_dated(&net->model);
}

GDateTime *fr_network_parse_datetime(const fr_network *net, const char *node_id,
                                     const char *text, GError **error)
{
    if (!fr_arg_given(net, "fr_network_parse_datetime", "network", error) ||
        !fr_arg_given(text, "fr_network_parse_datetime", "text", error))
        return NULL;
    GTimeZone *zone = NULL;
    if (node_id) {
        long node = fr_model_node_lookup(&net->model, node_id);
        if (node < 0) {
            g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "unknown node '%s'", node_id);
            return NULL;
        }
        zone = fr_network_node_timezone(net, (size_t)node);
    }
    GTimeZone *utc = zone ? NULL : g_time_zone_new_utc();
    GDateTime *when = NULL;
    int32_t day;
    if (fr_clock_parse_date(text, &day)) { /* a bare date: its midnight there */
        GDateTime *midnight = fr_clock_day_datetime(day);
        when = g_date_time_new(zone ? zone : utc, g_date_time_get_year(midnight),
                               g_date_time_get_month(midnight),
                               g_date_time_get_day_of_month(midnight), 0, 0, 0);
        g_date_time_unref(midnight);
    } else {
        when = fr_clock_parse_datetime(text, zone ? zone : utc);
    }
    if (utc)
        g_time_zone_unref(utc);
    if (!when)
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY,
                    "'%s' is not an ISO 8601 date-time (e.g. 2019-07-02T08:00, "
                    "2019-07-02T08:00+08:00) or date (2019-07-02)",
                    text);
    return when;
}
