/* cli_names.c - names where ids are expected (see cli_names.h). */
#include "cli_names.h"

#include "cli_common.h"

char *cli_resolve_node(const fr_network *net, const char *option, const char *text,
                       GError **error)
{
    if (fr_network_find_node(net, text) >= 0)
        return g_strdup(text);
    GError *local = NULL;
    long index = fr_network_lookup_node(net, text, &local);
    fr_node_info node;
    if (index >= 0 && fr_network_node(net, (size_t)index, &node))
        return g_strdup(node.id);
    if (!local)
        g_set_error(&local, FR_ERROR, FR_ERROR_QUERY, "unknown node '%s'", text);
    g_set_error(error, local->domain, local->code, "%s: %s", option, local->message);
    g_error_free(local);
    return NULL;
}

const char *cli_resolve_corridor(const fr_network *net, const char *option, const char *text,
                                 GError **error)
{
    GError *local = NULL;
    const char *label = fr_network_lookup_corridor(net, text, &local);
    if (label)
        return label;
    if (!local)
        g_set_error(&local, FR_ERROR, FR_ERROR_QUERY, "unknown corridor '%s'", text);
    g_set_error(error, local->domain, local->code, "%s: %s", option, local->message);
    g_error_free(local);
    return NULL;
}

/* Adds the items of FILE, one per line (blank lines and #-comments skipped). */
static bool read_list_file(const char *option, const char *file, GPtrArray *items,
                           GError **error)
{
    char *text = NULL;
    GError *local = NULL;
    if (!g_file_get_contents(file, &text, NULL, &local)) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: %s", option, local->message);
        g_error_free(local);
        return false;
    }
    char **lines = g_strsplit(text, "\n", -1);
    for (char **line = lines; *line; line++) {
        g_strstrip(*line);
        if (**line && **line != '#')
            g_ptr_array_add(items, g_strdup(*line));
    }
    g_strfreev(lines);
    g_free(text);
    return true;
}

GPtrArray *cli_read_list(const char *option, char *const *values, GError **error)
{
    GPtrArray *items = g_ptr_array_new_with_free_func(g_free);
    for (char *const *v = values; v && *v; v++) {
        char **parts = g_strsplit(*v, ",", -1);
        for (char **p = parts; *p; p++) {
            g_strstrip(*p);
            if (**p == '@' && !read_list_file(option, *p + 1, items, error)) {
                g_strfreev(parts);
                g_ptr_array_free(items, TRUE);
                return NULL;
            }
            if (**p && **p != '@')
                g_ptr_array_add(items, g_strdup(*p));
        }
        g_strfreev(parts);
    }
    return items;
}

bool cli_resolve_nodes(const fr_network *net, const char *option, GPtrArray *items,
                       GError **error)
{
    for (guint i = 0; i < items->len; i++) {
        char *id = cli_resolve_node(net, option, g_ptr_array_index(items, i), error);
        if (!id)
            return false;
        g_free(g_ptr_array_index(items, i));
        g_ptr_array_index(items, i) = id;
    }
    return true;
}
