/* route_list.c - ordered lists of routes (the answers of Pareto and
 * alternatives queries) and the names of the trade-off criteria. */
#include "route.h"

#include <string.h>

static const char *const criterion_names[FR_CRITERION_COUNT] = {"cost", "time", "co2"};

const char *fr_criterion_name(fr_criterion criterion)
{
    return (unsigned)criterion < FR_CRITERION_COUNT ? criterion_names[criterion] : "?";
}

static bool parse_one(const char *name, fr_criterion *out)
{
    for (int c = 0; c < FR_CRITERION_COUNT; c++)
        if (strcmp(name, criterion_names[c]) == 0) {
            *out = (fr_criterion)c;
            return true;
        }
    return false;
}

bool fr_criteria_parse(const char *list, fr_criterion *out, size_t *n_out, GError **error)
{
    char **items = g_strsplit(list ? list : "", ",", -1);
    fr_criterion found[FR_CRITERION_COUNT];
    size_t n = 0;
    bool ok = true;
    for (char **it = items; ok && *it; it++) {
        fr_criterion c = FR_CRITERION_COST;
        g_strstrip(*it);
        if (!parse_one(*it, &c))
            ok = fr_query_error(error, "unknown criterion '%s' (expected cost, time, co2)", *it);
        for (size_t i = 0; ok && i < n; i++)
            if (found[i] == c)
                ok = fr_query_error(error, "criterion '%s' is named twice", *it);
        if (ok)
            found[n++] = c;
    }
    g_strfreev(items);
    if (ok && n < 2)
        ok = fr_query_error(error, "a trade-off needs two or three criteria of cost, time, "
                                   "co2 (got '%s')", list ? list : "");
    if (ok) {
        memcpy(out, found, n * sizeof *found);
        *n_out = n;
    }
    return ok;
}

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
