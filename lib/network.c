/* network.c - the network object: construction, lookup, read-only views,
 * warnings and release. Loading lives in load.c, the virtual graph in graph.c. */
#include "network.h"

#include <stdarg.h>

fr_network *fr_network_new_empty(void)
{
    fr_network *net = g_new0(fr_network, 1);
    net->strings = g_string_chunk_new(64 * 1024); /* ids and names of large networks */
    net->nodes = g_array_new(FALSE, TRUE, sizeof(fr_node));
    net->links = g_array_new(FALSE, TRUE, sizeof(fr_link));
    net->transfers = g_array_new(FALSE, TRUE, sizeof(fr_transfer));
    net->node_index = g_hash_table_new(g_str_hash, g_str_equal);
    net->corridors = g_ptr_array_new();
    net->warnings = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(net->warnings, NULL);
    for (int m = 0; m < FR_MODE_COUNT; m++)
        net->co2_factor[m] = fr_mode_default_co2_factor((fr_mode)m);
    return net;
}

void fr_network_free(fr_network *net)
{
    if (!net)
        return;
    fr_vgraph_clear(&net->vgraph);
    g_hash_table_destroy(net->node_index);
    g_ptr_array_free(net->corridors, TRUE);
    g_ptr_array_free(net->warnings, TRUE);
    g_array_free(net->transfers, TRUE);
    g_array_free(net->links, TRUE);
    g_array_free(net->nodes, TRUE);
    g_string_chunk_free(net->strings);
    g_free(net);
}

void fr_network_add_warning(fr_network *net, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = g_strdup_vprintf(format, args);
    va_end(args);
    /* Keep the array NULL-terminated: replace the terminator, add a new one. */
    g_ptr_array_index(net->warnings, net->warnings->len - 1) = text;
    g_ptr_array_add(net->warnings, NULL);
}

const char *const *fr_network_warnings(const fr_network *net)
{
    return (const char *const *)net->warnings->pdata;
}

long fr_network_node_lookup(const fr_network *net, const char *id)
{
    gpointer value = id ? g_hash_table_lookup(net->node_index, id) : NULL;
    return value ? (long)GPOINTER_TO_UINT(value) - 1 : -1;
}

long fr_network_find_node(const fr_network *net, const char *id)
{
    return fr_network_node_lookup(net, id);
}

int32_t fr_network_corridor_lookup(const fr_network *net, const char *corridor)
{
    for (guint i = 0; corridor && i < net->corridors->len; i++)
        if (g_str_equal(g_ptr_array_index(net->corridors, i), corridor))
            return (int32_t)i;
    return -1;
}

bool fr_network_has_corridor(const fr_network *net, const char *corridor)
{
    return fr_network_corridor_lookup(net, corridor) >= 0;
}

size_t fr_network_node_count(const fr_network *net) { return net->nodes->len; }
size_t fr_network_link_count(const fr_network *net) { return net->links->len; }
size_t fr_network_state_count(const fr_network *net) { return net->vgraph.n_states; }
size_t fr_network_virtual_edge_count(const fr_network *net) { return net->vgraph.n_edges; }

bool fr_network_node(const fr_network *net, size_t index, fr_node_info *out)
{
    if (index >= net->nodes->len)
        return false;
    const fr_node *n = FR_NODE(net, index);
    *out = (fr_node_info){n->id,     n->name,    n->kind,    n->country, n->lat,
                          n->lon,    n->dwell_h, n->dwell_usd, n->source};
    return true;
}

bool fr_network_link(const fr_network *net, size_t index, fr_link_info *out)
{
    if (index >= net->links->len)
        return false;
    const fr_link *l = FR_LINK(net, index);
    *out = (fr_link_info){.id = l->id,
                          .from = FR_NODE(net, l->from)->id,
                          .to = FR_NODE(net, l->to)->id,
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
