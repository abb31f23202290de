/* lookup.c - finding nodes and corridors the way people name them: by id,
 * or by id or name ignoring case and accents (util/fold.h), with the
 * closest candidates when nothing or several things match; and the node
 * nearest to a point by great-circle distance. Each call scans the nodes
 * (or corridor labels) once, folding every id and name: about a second
 * per call at 10^6 nodes, which is fine for interactive use but would want
 * a folded index made at load for bulk lookups. */
#include "lookup.h"

#include "fold.h"

#include <math.h>
#include <string.h>

static fr_fold_entry node_entry(const void *items, size_t index)
{
    const fr_node *node = FR_NODE((const fr_model *)items, index);
    return (fr_fold_entry){node->id, node->name};
}

static fr_fold_entry corridor_entry(const void *items, size_t index)
{
    return (fr_fold_entry){((const char *const *)items)[index], NULL};
}

void fr_lookup_append_node_hint(GString *msg, const fr_network *net, const char *text)
{
    fr_fold_append_hint(msg, text, &net->model, net->model.nodes->len, node_entry);
}

/* Whether `text` (folded: `folded`) equals s ignoring case and accents. */
static bool folds_equal(const char *folded, const char *s)
{
    char *other = fr_fold(s);
    bool equal = other && strcmp(other, folded) == 0;
    g_free(other);
    return equal;
}

/* The indices of the nodes whose id or name folds to `folded`. */
static GArray *nodes_folding_to(const fr_model *model, const char *folded)
{
    GArray *matches = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t i = 0; i < model->nodes->len; i++) {
        const fr_node *node = FR_NODE(model, i);
        if (folds_equal(folded, node->id) || folds_equal(folded, node->name))
            g_array_append_val(matches, i);
    }
    return matches;
}

/* "'Chongqing' is ambiguous: A (name, kind), B (name, kind)". */
static void ambiguous_node_error(const fr_model *model, const char *text, const GArray *matches,
                                 GError **error)
{
    GString *msg = g_string_new(NULL);
    g_string_printf(msg, "'%s' is ambiguous:", text);
    for (guint i = 0; i < matches->len; i++) {
        const fr_node *node = FR_NODE(model, g_array_index(matches, size_t, i));
        char *kind = g_strdelimit(g_strdup(fr_node_kind_name(node->kind)), "_", ' ');
        g_string_append_printf(msg, "%s %s (%s, %s)", i ? "," : "", node->id, node->name, kind);
        g_free(kind);
    }
    g_set_error_literal(error, FR_ERROR, FR_ERROR_QUERY, msg->str);
    g_string_free(msg, TRUE);
}

static void unknown_node_error(const fr_network *net, const char *text, GError **error)
{
    GString *msg = g_string_new(NULL);
    g_string_printf(msg, "unknown node '%s'", text);
    fr_lookup_append_node_hint(msg, net, text);
    g_set_error_literal(error, FR_ERROR, FR_ERROR_QUERY, msg->str);
    g_string_free(msg, TRUE);
}

long fr_network_lookup_node(const fr_network *net, const char *text, GError **error)
{
    if (!fr_arg_given(net, "fr_network_lookup_node", "network", error) ||
        !fr_arg_given(text, "fr_network_lookup_node", "text", error))
        return -1;
    long exact = fr_model_node_lookup(&net->model, text);
    if (exact >= 0)
        return exact;
    char *folded = fr_fold(text);
    GArray *matches = folded ? nodes_folding_to(&net->model, folded) : NULL;
    long found = -1;
    if (matches && matches->len == 1)
        found = (long)g_array_index(matches, size_t, 0);
    else if (matches && matches->len > 1)
        ambiguous_node_error(&net->model, text, matches, error);
    else
        unknown_node_error(net, text, error);
    if (matches)
        g_array_free(matches, TRUE);
    g_free(folded);
    return found;
}

size_t fr_network_suggest_nodes(const fr_network *net, const char *text, size_t *out, size_t max)
{
    if (!net || !text || !out)
        return 0;
    return fr_fold_rank(text, &net->model, net->model.nodes->len, node_entry, false, out, max);
}

/* ---- corridors ------------------------------------------------------------ */

static size_t count_texts(const char *const *texts)
{
    size_t n = 0;
    while (texts[n])
        n++;
    return n;
}

/* "unknown corridor 'X'; did you mean 'A'? corridors: A, B" or "'X' is
 * ambiguous: A, B" when several labels fold alike. */
static void corridor_error(const char *const *labels, const char *text, const GArray *matches,
                           GError **error)
{
    GString *msg = g_string_new(NULL);
    if (matches && matches->len > 1) {
        g_string_printf(msg, "'%s' is ambiguous:", text);
        for (guint i = 0; i < matches->len; i++)
            g_string_append_printf(msg, "%s '%s'", i ? "," : "",
                                   labels[g_array_index(matches, size_t, i)]);
    } else {
        g_string_printf(msg, "unknown corridor '%s'", text);
        gsize plain = msg->len;
        fr_fold_append_hint(msg, text, labels, count_texts(labels), corridor_entry);
        char *all = g_strjoinv(", ", (char **)labels);
        g_string_append_printf(msg, "%s corridors: %s", msg->len > plain ? "" : ";",
                               labels[0] ? all : "(none)");
        g_free(all);
    }
    g_set_error_literal(error, FR_ERROR, FR_ERROR_QUERY, msg->str);
    g_string_free(msg, TRUE);
}

const char *fr_network_lookup_corridor(const fr_network *net, const char *text, GError **error)
{
    if (!fr_arg_given(net, "fr_network_lookup_corridor", "network", error) ||
        !fr_arg_given(text, "fr_network_lookup_corridor", "text", error))
        return NULL;
    const char *const *labels = fr_network_corridors(net);
    for (size_t i = 0; labels[i]; i++)
        if (strcmp(labels[i], text) == 0)
            return labels[i];
    char *folded = fr_fold(text);
    GArray *matches = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t i = 0; folded && labels[i]; i++)
        if (folds_equal(folded, labels[i]))
            g_array_append_val(matches, i);
    const char *found = NULL;
    if (matches->len == 1)
        found = labels[g_array_index(matches, size_t, 0)];
    else
        corridor_error(labels, text, matches, error);
    g_array_free(matches, TRUE);
    g_free(folded);
    return found;
}

/* ---- nearest node ---------------------------------------------------------- */

#define EARTH_MEAN_RADIUS_KM 6371.0088 /* IUGG mean radius R1 */

static double radians(double degrees) { return degrees * (G_PI / 180.0); }

/* Great-circle distance by the haversine formula, in km. */
static double haversine_km(double lat1, double lon1, double lat2, double lon2)
{
    double dlat = radians(lat2 - lat1), dlon = radians(lon2 - lon1);
    double s = sin(dlat / 2), t = sin(dlon / 2);
    double a = s * s + cos(radians(lat1)) * cos(radians(lat2)) * t * t;
    return 2 * EARTH_MEAN_RADIUS_KM * asin(sqrt(fmin(1.0, a)));
}

static bool valid_point(double lat, double lon)
{
    return isfinite(lat) && isfinite(lon) && fabs(lat) <= 90 && fabs(lon) <= 180;
}

long fr_network_nearest_node(const fr_network *net, double lat, double lon, fr_node_kind kind,
                             double *distance_km)
{
    if (distance_km)
        *distance_km = NAN;
    if (!net || !valid_point(lat, lon) || (unsigned)kind > FR_NODE_KIND_COUNT)
        return -1;
    long best = -1;
    double best_km = INFINITY;
    for (size_t i = 0; i < net->model.nodes->len; i++) {
        const fr_node *node = FR_NODE(&net->model, i);
        if (kind != FR_NODE_KIND_COUNT && node->kind != kind)
            continue;
        double km = haversine_km(lat, lon, node->lat, node->lon);
        if (km < best_km) {
            best_km = km;
            best = (long)i;
        }
    }
    if (best >= 0 && distance_km)
        *distance_km = best_km;
    return best;
}
