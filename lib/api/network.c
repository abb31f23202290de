/* network.c - the network handle's lifecycle (loading from a directory or
 * the embedded data, freeing) and the public read-only views of it. */
#include "network.h"

fr_network *fr_network_load_source(const fr_file_source *source, GError **error)
{
    fr_network *net = g_new0(fr_network, 1);
    fr_model_init(&net->model);
    if (!fr_model_load(&net->model, source, error) ||
        !fr_vgraph_build(&net->vgraph, &net->model, error)) {
        fr_network_free(net);
        return NULL;
    }
    return net;
}

fr_network *fr_network_load_dir(const char *dir, GError **error)
{
    if (error && *error)
        return NULL; /* GError rule: never overwrite an error already set */
    if (!dir || !g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: not a directory", dir ? dir : "(null)");
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
    return fr_model_export_embedded(dir, error);
}

void fr_network_free(fr_network *net)
{
    if (!net)
        return;
    fr_network_clear_prepared(net);
    fr_vgraph_clear(&net->vgraph);
    fr_model_clear(&net->model);
    g_free(net);
}

const char *const *fr_network_warnings(const fr_network *net)
{
    return (const char *const *)net->model.warnings->pdata;
}

long fr_network_find_node(const fr_network *net, const char *id)
{
    return fr_model_node_lookup(&net->model, id);
}

bool fr_network_has_corridor(const fr_network *net, const char *corridor)
{
    return fr_model_corridor_lookup(&net->model, corridor) >= 0;
}

size_t fr_network_node_count(const fr_network *net) { return net->model.nodes->len; }
size_t fr_network_link_count(const fr_network *net) { return net->model.links->len; }
size_t fr_network_state_count(const fr_network *net) { return net->vgraph.n_states; }
size_t fr_network_virtual_edge_count(const fr_network *net) { return net->vgraph.n_edges; }

bool fr_network_node(const fr_network *net, size_t index, fr_node_info *out)
{
    if (index >= net->model.nodes->len)
        return false;
    const fr_node *n = FR_NODE(&net->model, index);
    *out = (fr_node_info){n->id,     n->name,    n->kind,    n->country, n->lat,
                          n->lon,    n->dwell_h, n->dwell_usd, n->source};
    return true;
}

bool fr_network_link(const fr_network *net, size_t index, fr_link_info *out)
{
    if (index >= net->model.links->len)
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
                          .corridor = l->corridor,
                          .source = l->source};
    return true;
}
