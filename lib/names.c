/* names.c - the library's version, error domain, and the names of its
 * enumerations (modes, node kinds, objectives) as FORMAT.md spells them. */
#include "freightroute.h"

#include <string.h>

const char *fr_version(void) { return FR_VERSION_STRING; }

G_DEFINE_QUARK(fr-error-quark, fr_error)

static const char *const mode_names[FR_MODE_COUNT] = {"rail", "road", "river", "sea", "air"};

/* FORMAT.md §4: kg CO2e per TEU-km, well-to-wheel, 10 t per TEU. */
static const double mode_co2_factors[FR_MODE_COUNT] = {0.22, 0.62, 0.31, 0.08, 6.02};

static const char *const kind_names[FR_NODE_KIND_COUNT] = {
    "city", "rail_terminal", "river_port", "seaport", "airport", "border", "junction"};

static const char *const objective_names[FR_OBJECTIVE_COUNT] = {
    "cost", "time", "co2", "distance", "generalized"};

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
