/* route_list.c - ordered lists of routes (the answers of Pareto and
 * alternatives queries). */
#include "route.h"

fr_route_list *fr_route_list_new(const char *title)
{
    fr_route_list *list = g_new0(fr_route_list, 1);
    list->routes = g_ptr_array_new_with_free_func((GDestroyNotify)fr_route_free);
    list->title = g_strdup(title);
    return list;
}

void fr_route_list_add(fr_route_list *list, fr_route *route) { g_ptr_array_add(list->routes, route); }

size_t fr_route_list_count(const fr_route_list *list) { return list ? list->routes->len : 0; }

const fr_route *fr_route_list_get(const fr_route_list *list, size_t index)
{
    return list && index < list->routes->len ? g_ptr_array_index(list->routes, index) : NULL;
}

void fr_route_list_free(fr_route_list *list)
{
    if (!list)
        return;
    g_ptr_array_free(list->routes, TRUE);
    g_free(list->title);
    g_free(list);
}

fr_route_list *fr_route_list_from_paths(const fr_route_context *ctx, const fr_query *query,
                                        const char *title, const GPtrArray *paths)
{
    fr_route_list *list = fr_route_list_new(title);
    for (guint i = 0; i < paths->len; i++)
        fr_route_list_add(list, fr_route_new_from_path(ctx, query, paths->pdata[i]));
    return list;
}

bool fr_route_list_totals_finite(const fr_route_list *list)
{
    for (guint i = 0; i < list->routes->len; i++)
        if (!fr_route_totals_finite(g_ptr_array_index(list->routes, i)))
            return false;
    return true;
}
