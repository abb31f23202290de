/* fuzz_loader.c - the whole network loader over one input split into the
 * network's files (sections "=== nodes.csv", "=== links.csv", ...; see
 * fuzz_entry.h), read through an in-memory file source as the embedded
 * network's GResource bytes are. When the files load, the graph is built
 * (by the loader), and one undated and one dated query between the first
 * two nodes are answered and rendered.
 *
 * Invariants: a failure is an FR_ERROR value with a message; a loaded
 * network's nodes are found again by their ids; a route or an error,
 * never both or neither; a route renders. */
#include "fuzz_entry.h"

#include "network.h"

#include <stdbool.h>
#include <string.h>

typedef struct {
    fr_fuzz_section sections[FR_FUZZ_MAX_SECTIONS];
    size_t n;
} sections_source;

/* fr_file_source's read: the first section named `file`, or missing. */
static bool read_section(void *context, const char *file, char **contents, gsize *len,
                         bool *missing, GError **error)
{
    (void)error;
    const sections_source *s = context;
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->sections[i].name, file) == 0) {
            /* NUL-terminated, as g_file_get_contents() reads a file */
            *len = s->sections[i].len;
            *contents = g_malloc(*len + 1);
            memcpy(*contents, s->sections[i].data, *len);
            (*contents)[*len] = '\0';
            return true;
        }
    }
    *missing = true;
    return true;
}

static void check_error(const GError *error)
{
    FR_FUZZ_CHECK(error != NULL && error->domain == FR_ERROR && error->message[0] != '\0');
}

/* The route from `from` to `to` (dated when `departure`), rendered. */
static void route_and_render(const fr_network *net, const char *from, const char *to,
                             fr_objective objective, GDateTime *departure)
{
    fr_query *query = fr_query_new(from, to);
    fr_query_set_objective(query, objective);
    if (departure)
        fr_query_set_departure(query, departure);
    GError *error = NULL;
    fr_route *route = fr_network_route(net, query, &error);
    if (route) {
        FR_FUZZ_CHECK(error == NULL);
        FR_FUZZ_CHECK(fr_route_step_count(route) >= 1 || strcmp(from, to) == 0);
        char *json = fr_route_to_json(route), *text = fr_route_to_text(route);
        FR_FUZZ_CHECK(json != NULL && text != NULL);
        g_free(json);
        g_free(text);
        fr_route_free(route);
    } else {
        check_error(error);
        g_error_free(error);
    }
    fr_query_free(query);
}

/* Every node is found by its id at its index. */
static void check_nodes(const fr_network *net)
{
    size_t n = fr_network_node_count(net);
    for (size_t i = 0; i < n; i++) {
        fr_node_info node;
        FR_FUZZ_CHECK(fr_network_node(net, i, &node));
        FR_FUZZ_CHECK(fr_network_find_node(net, node.id) == (long)i);
    }
    fr_node_info beyond;
    FR_FUZZ_CHECK(!fr_network_node(net, n, &beyond));
}

static void query_first_nodes(const fr_network *net, fr_objective objective)
{
    fr_node_info a, b;
    if (!fr_network_node(net, 0, &a))
        return;
    if (!fr_network_node(net, 1, &b))
        b = a;
    route_and_render(net, a.id, b.id, objective, NULL);
    GDateTime *reference = fr_network_reference_date(net);
    GDateTime *departure = reference ? g_date_time_add_hours(reference, 8)
                                     : g_date_time_new_utc(2019, 7, 2, 8, 0, 0);
    route_and_render(net, a.id, b.id, objective, departure);
    g_date_time_unref(departure);
}

fr_network *fr_fuzz_load_sections(const uint8_t *data, size_t size, GError **error)
{
    sections_source s;
    s.n = fr_fuzz_split(data, size, s.sections, FR_FUZZ_MAX_SECTIONS);
    fr_file_source source = {read_section, &s, "the fuzz input"};
    return fr_network_load_source(&source, error);
}

int fr_fuzz_loader(const uint8_t *data, size_t size)
{
    GError *error = NULL;
    fr_network *net = fr_fuzz_load_sections(data, size, &error);
    if (!net) {
        check_error(error);
        g_error_free(error);
        return 0;
    }
    FR_FUZZ_CHECK(error == NULL);
    check_nodes(net);
    query_first_nodes(net, (fr_objective)(size % FR_OBJECTIVE_COUNT));
    fr_network_free(net);
    return 0;
}
