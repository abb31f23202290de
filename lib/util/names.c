/* names.c - the library's version and the names of its
 * enumerations (modes, node kinds, objectives, algorithms, trade-off
 * criteria) as FORMAT.md spells them: the one home for every enum name. */
#include "names.h"

#include "error.h"

#include <string.h>

const char *fr_version(void) { return FR_VERSION_STRING; }

static const char *const mode_names[FR_MODE_COUNT] = {"rail", "road", "river", "sea", "air"};

/* FORMAT.md §4: kg CO2e per TEU-km, well-to-wheel, 10 t per TEU. */
static const double mode_co2_factors[FR_MODE_COUNT] = {0.22, 0.62, 0.31, 0.08, 6.02};

static const char *const kind_names[FR_NODE_KIND_COUNT] = {
    "city", "rail_terminal", "river_port", "seaport", "airport", "border", "junction"};

static const char *const objective_names[FR_OBJECTIVE_COUNT] = {
    "cost", "time", "co2", "distance", "generalized"};

static const char *const algorithm_names[FR_ALGORITHM_COUNT] = {
    "auto", "dijkstra", "bidirectional", "landmarks", "ch"};

static int index_of(const char *const *names, int count, const char *name)
{
    for (int i = 0; name && i < count; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

const char *fr_mode_name(fr_mode mode)
{
    return (unsigned)mode < FR_MODE_COUNT ? mode_names[mode] : "?";
}

const char *fr_node_kind_name(fr_node_kind kind)
{
    return (unsigned)kind < FR_NODE_KIND_COUNT ? kind_names[kind] : "?";
}

const char *fr_objective_name(fr_objective objective)
{
    return (unsigned)objective < FR_OBJECTIVE_COUNT ? objective_names[objective] : "?";
}

double fr_mode_default_co2_factor(fr_mode mode)
{
    return (unsigned)mode < FR_MODE_COUNT ? mode_co2_factors[mode] : 0.0;
}

bool fr_mode_from_name(const char *name, fr_mode *out)
{
    int i = index_of(mode_names, FR_MODE_COUNT, name);
    if (i >= 0 && out)
        *out = (fr_mode)i;
    return i >= 0;
}

bool fr_node_kind_from_name(const char *name, fr_node_kind *out)
{
    int i = index_of(kind_names, FR_NODE_KIND_COUNT, name);
    if (i >= 0 && out)
        *out = (fr_node_kind)i;
    return i >= 0;
}

bool fr_objective_from_name(const char *name, fr_objective *out)
{
    int i = index_of(objective_names, FR_OBJECTIVE_COUNT, name);
    if (i >= 0 && out)
        *out = (fr_objective)i;
    return i >= 0;
}

bool fr_mode_set_parse(const char *list, fr_mode_set *out, GError **error)
{
    if (!out)
        return fr_query_error(error, "fr_mode_set_parse: no out given (NULL)");
    fr_mode_set set = 0;
    char **items = g_strsplit(list ? list : "", ",", -1);
    bool ok = true;
    for (char **it = items; *it; it++) {
        fr_mode mode;
        g_strstrip(*it);
        if (!fr_mode_from_name(*it, &mode)) {
            g_set_error(error, FR_ERROR, FR_ERROR_QUERY,
                        "unknown mode '%s' (expected rail, road, river, sea, air)", *it);
            ok = false;
            break;
        }
        set |= FR_MODE_BIT(mode);
    }
    g_strfreev(items);
    if (ok && set == 0) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "empty list of modes");
        ok = false;
    }
    if (ok)
        *out = set;
    return ok;
}

const char *fr_algorithm_name(fr_algorithm algorithm)
{
    return (unsigned)algorithm < FR_ALGORITHM_COUNT ? algorithm_names[algorithm] : "unknown";
}

bool fr_algorithm_from_name(const char *name, fr_algorithm *out)
{
    int i = index_of(algorithm_names, FR_ALGORITHM_COUNT, name);
    if (i >= 0 && out)
        *out = (fr_algorithm)i;
    return i >= 0;
}

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
    if (!out || !n_out)
        return fr_query_error(error, "fr_criteria_parse: no %s given (NULL)", out ? "n_out" : "out");
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

