/* corridors_more.c - what is built on corridor comparisons (see
 * corridors.h): each family's departure profile over a window, and the
 * comparison on a base network and on scenarios' networks side by side. */
#include "corridors.h"

#include <string.h>

static void profile_free(gpointer data)
{
    corridor_profile *p = data;
    g_free(p->family);
    g_free(p->name);
    fr_profile_free(p->profile);
    g_free(p);
}

corridor_profiles *corridor_profile_window(const fr_network *net,
                                           const corridor_comparison *comparison,
                                           GDateTime *first, GDateTime *last, double every_h,
                                           GError **error)
{
    corridor_profiles *ps = g_new0(corridor_profiles, 1);
    ps->from = g_strdup(comparison->from);
    ps->to = g_strdup(comparison->to);
    ps->families = g_ptr_array_new_with_free_func(profile_free);
    for (guint i = 0; i < comparison->options->len; i++) {
        const corridor_option *family = g_ptr_array_index(comparison->options, i);
        fr_profile *profile =
            fr_network_departure_profile(net, family->query, first, last, every_h, error);
        if (!profile) {
            corridor_profiles_free(ps);
            return NULL;
        }
        corridor_profile *p = g_new0(corridor_profile, 1);
        p->family = g_strdup(family->family);
        p->name = g_strdup(family->name);
        p->profile = profile;
        g_ptr_array_add(ps->families, p);
    }
    return ps;
}

void corridor_profiles_free(corridor_profiles *ps)
{
    if (!ps)
        return;
    g_free(ps->from);
    g_free(ps->to);
    g_ptr_array_free(ps->families, TRUE);
    g_free(ps);
}

/* ---- Scenarios ------------------------------------------------------------ */

const corridor_option *corridor_find_family(const corridor_comparison *c, const char *family)
{
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        if (g_str_equal(o->family, family))
            return o;
    }
    return NULL;
}

static void add_families(GPtrArray *families, const corridor_comparison *c)
{
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        if (!g_ptr_array_find_with_equal_func(families, o->family, g_str_equal, NULL))
            g_ptr_array_add(families, o->family);
    }
}

corridor_scenarios *corridor_compare_scenarios(const fr_network *base,
                                               const fr_network *const *networks,
                                               const char *const *names, size_t n,
                                               const char *from, const char *to,
                                               const fr_query *settings, fr_mode_set allowed,
                                               GError **error)
{
    corridor_comparison *c = corridor_compare_modes(base, from, to, settings, allowed, error);
    if (!c)
        return NULL;
    corridor_scenarios *cs = g_new0(corridor_scenarios, 1);
    cs->base = c;
    cs->names = names;
    cs->scenarios = g_ptr_array_new_with_free_func((GDestroyNotify)corridor_comparison_free);
    cs->families = g_ptr_array_new();
    add_families(cs->families, c);
    for (size_t k = 0; k < n; k++) {
        corridor_comparison *other =
            corridor_compare_modes(networks[k], from, to, settings, allowed, error);
        if (!other) {
            corridor_scenarios_free(cs);
            return NULL;
        }
        g_ptr_array_add(cs->scenarios, other);
        add_families(cs->families, other);
    }
    return cs;
}

void corridor_scenarios_free(corridor_scenarios *cs)
{
    if (!cs)
        return;
    g_ptr_array_free(cs->families, TRUE);
    g_ptr_array_free(cs->scenarios, TRUE);
    corridor_comparison_free(cs->base);
    g_free(cs);
}
