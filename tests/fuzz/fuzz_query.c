/* fuzz_query.c - the parsing of queries and options over one input split
 * into sections (fuzz_entry.h), each handed to one parser:
 *
 *   === modes        fr_mode_set_parse()
 *   === criteria     fr_criteria_parse()
 *   === datetime     first line a node id (empty: none), the rest the text
 *                    for fr_network_parse_datetime() on the embedded network
 *   === scenario     a scenario file (FORMAT.md §6), written to a temporary
 *                    file, loaded and applied to the embedded network
 *
 * The programs' own option checks (examples/query_options.h) are fuzzed by
 * fuzz_options.c.
 *
 * Invariants: false/NULL exactly when an FR_ERROR is set; parsed criteria
 * are two or three distinct ones; a parsed date-time written in ISO 8601
 * and parsed again is the same instant; a scenario that applies gives a
 * network that answers a query. */
#include "fuzz_entry.h"

#include "freightroute.h"

#include <glib/gstdio.h>
#include <string.h>

/* The embedded network, loaded once; its first two nodes. */
static const fr_network *embedded(void)
{
    static fr_network *net;
    if (!net) {
        net = fr_network_load_default(NULL);
        FR_FUZZ_CHECK(net != NULL && fr_network_node_count(net) >= 2);
    }
    return net;
}

static void check_error(GError *error, bool failed)
{
    FR_FUZZ_CHECK(failed == (error != NULL));
    if (error) {
        FR_FUZZ_CHECK(error->domain == FR_ERROR && error->message[0] != '\0');
        g_error_free(error);
    }
}

static void fuzz_modes(const char *text)
{
    fr_mode_set modes = 0;
    GError *error = NULL;
    bool ok = fr_mode_set_parse(text, &modes, &error);
    check_error(error, !ok);
    FR_FUZZ_CHECK(!ok || (modes != 0 && (modes & ~(fr_mode_set)FR_MODES_ALL) == 0));
}

static void fuzz_criteria(const char *text)
{
    fr_criterion criteria[FR_CRITERION_COUNT];
    size_t n = 0;
    GError *error = NULL;
    bool ok = fr_criteria_parse(text, criteria, &n, &error);
    check_error(error, !ok);
    if (!ok)
        return;
    FR_FUZZ_CHECK(n == 2 || n == 3);
    for (size_t i = 0; i < n; i++) {
        FR_FUZZ_CHECK(criteria[i] < FR_CRITERION_COUNT);
        for (size_t j = 0; j < i; j++)
            FR_FUZZ_CHECK(criteria[i] != criteria[j]);
    }
}

/* First line: the node id (none when empty); the rest: the text. */
static void fuzz_datetime(const char *section)
{
    const char *nl = strchr(section, '\n');
    char *node = nl ? g_strndup(section, (size_t)(nl - section)) : g_strdup("");
    char *text = g_strdup(nl ? nl + 1 : "");
    g_strchomp(text);
    const char *node_id = *node ? node : NULL;
    GError *error = NULL;
    GDateTime *t = fr_network_parse_datetime(embedded(), node_id, text, &error);
    check_error(error, t == NULL);
    if (t) {
        char *written = g_date_time_format_iso8601(t);
        FR_FUZZ_CHECK(written != NULL);
        GDateTime *again = fr_network_parse_datetime(embedded(), node_id, written, NULL);
        /* ISO 8601 offsets are whole minutes; a zone's local mean time
         * before standard time (Berlin before 1893: +00:53:28) is not, and
         * GLib writes its seconds, which the parser rightly refuses */
        if (g_date_time_get_utc_offset(t) % G_TIME_SPAN_MINUTE == 0)
            FR_FUZZ_CHECK(again != NULL && g_date_time_compare(t, again) == 0);
        if (again)
            g_date_time_unref(again);
        g_free(written);
        g_date_time_unref(t);
    }
    g_free(node);
    g_free(text);
}

/* A route between the network's first two nodes, or an error; nothing
 * when a scenario left fewer than two ("all,,close" closes every node). */
static void route_first_nodes(const fr_network *net)
{
    fr_node_info a, b;
    if (!fr_network_node(net, 0, &a) || !fr_network_node(net, 1, &b))
        return;
    fr_query *query = fr_query_new(a.id, b.id);
    GError *error = NULL;
    fr_route *route = fr_network_route(net, query, &error);
    check_error(error, route == NULL);
    if (route) {
        char *json = fr_route_to_json(route);
        FR_FUZZ_CHECK(json != NULL);
        g_free(json);
        fr_route_free(route);
    }
    fr_query_free(query);
}

/* Where scenario sections are written: a directory of this process. */
static char *scenario_dir;
static void remove_scenario_dir(void)
{
    char *path = g_build_filename(scenario_dir, "fuzz.csv", NULL);
    g_remove(path);
    g_rmdir(scenario_dir);
    g_free(path);
    g_free(scenario_dir);
}

static void fuzz_scenario(const fr_fuzz_section *section)
{
    if (!scenario_dir) {
        scenario_dir = g_dir_make_tmp("fr-fuzz-XXXXXX", NULL);
        FR_FUZZ_CHECK(scenario_dir != NULL);
        atexit(remove_scenario_dir);
    }
    char *path = g_build_filename(scenario_dir, "fuzz.csv", NULL);
    FR_FUZZ_CHECK(g_file_set_contents(path, (const char *)section->data, (gssize)section->len,
                                      NULL));
    GError *error = NULL;
    fr_scenario *scenario = fr_scenario_load_file(path, &error);
    check_error(error, scenario == NULL);
    if (scenario) {
        FR_FUZZ_CHECK(g_strcmp0(fr_scenario_name(scenario), "fuzz") == 0);
        fr_network *changed = fr_network_apply_scenario(embedded(), scenario, &error);
        check_error(error, changed == NULL);
        if (changed) {
            route_first_nodes(changed);
            fr_network_free(changed);
        }
        fr_scenario_free(scenario);
    }
    g_free(path);
}

int fr_fuzz_query(const uint8_t *data, size_t size)
{
    fr_fuzz_section sections[FR_FUZZ_MAX_SECTIONS];
    size_t n = fr_fuzz_split(data, size, sections, FR_FUZZ_MAX_SECTIONS);
    for (size_t i = 0; i < n; i++) {
        const char *name = sections[i].name;
        if (strcmp(name, "scenario") == 0) {
            fuzz_scenario(&sections[i]);
            continue;
        }
        char *text = fr_fuzz_section_text(&sections[i]);
        if (strcmp(name, "modes") == 0)
            fuzz_modes(text);
        else if (strcmp(name, "criteria") == 0)
            fuzz_criteria(text);
        else if (strcmp(name, "datetime") == 0)
            fuzz_datetime(text);
        g_free(text);
    }
    return 0;
}
