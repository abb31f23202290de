/* corridors.h - corridor comparison: for one origin and destination, the
 * best route of every corridor family the network offers (Yuxinou rail,
 * Yangtze + sea, southbound rail + sea, air, road, ...), and which route is
 * cheapest, fastest and greenest overall. Used by fr-corridors and by
 * bench/corridors. Families are derived from each route (the corridor its
 * main haul starts on), never listed per destination. */
#ifndef FR_CORRIDORS_H
#define FR_CORRIDORS_H

#include "freightroute.h"

typedef struct {
    char *family;   /* the family: a corridor label ("Yuxinou") or a mode ("air") */
    char *name;     /* for people: "rail (Yuxinou)", "river + sea (Yangtze)", "air" */
    fr_route *route;
    fr_query *query; /* the query that found the route (objective, modes, avoided
                        corridor or countries); its dated runs give the family's
                        dated routes */
} corridor_option;

typedef struct {
    char *from, *to;
    GPtrArray *options; /* corridor_option *, by increasing objective value */
    int cheapest, fastest, greenest; /* indices into options, -1 when empty */
    fr_query *settings;  /* the settings compared by, with these endpoints */
    GPtrArray *no_route; /* corridor_compare_at(): names of the families with
                            no route departing then (char *); else empty */
} corridor_comparison;

/* The family of a route: the corridor label of its first link that is not
 * road, or when that link has none, the mode that carries it furthest.
 * A route by road alone is "road". g_free() it. */
char *corridor_family(const fr_route *route);
/* A route's name for people: its main modes in order, and the family when
 * that is a corridor label ("rail + sea (ILSTC)"). g_free() it. */
char *corridor_route_name(const fr_route *route);

/* Compares the corridor families from `from` to `to`. `settings` supplies
 * the objective that picks the best route within a family, the quantity and
 * the value of time (its from/to are ignored). No route at all is not an
 * error: the comparison is empty. */
corridor_comparison *corridor_compare(const fr_network *net, const char *from, const char *to,
                                      const fr_query *settings, GError **error);
/* The same with every family's route within the modes `allowed` (--modes;
 * road is added to a family's modes only when allowed). */
corridor_comparison *corridor_compare_modes(const fr_network *net, const char *from,
                                            const char *to, const fr_query *settings,
                                            fr_mode_set allowed, GError **error);
void corridor_comparison_free(corridor_comparison *comparison);

/* The families of `comparison` departing at `depart`: each family's query
 * (corridor_option.query) with that departure, so each family is answered
 * the way its route was found. A family without a route then goes to
 * no_route (not an error). Sorted, and cheapest, fastest and greenest
 * marked, as corridor_compare() does. */
corridor_comparison *corridor_compare_at(const fr_network *net,
                                         const corridor_comparison *comparison,
                                         GDateTime *depart, GError **error);
/* The same with a departure, a deadline (--arrive-by) or both (either may
 * be NULL, not both): each family's query dated so. */
corridor_comparison *corridor_compare_dated(const fr_network *net,
                                            const corridor_comparison *comparison,
                                            GDateTime *depart, GDateTime *arrive_by,
                                            GError **error);

/* A family's departure profile: its query departing at every departure of
 * a window (fr_network_departure_profile()). */
typedef struct {
    char *family, *name;
    fr_profile *profile;
} corridor_profile;

typedef struct {
    char *from, *to;
    GPtrArray *families; /* corridor_profile *, in the comparison's order */
} corridor_profiles;

/* The profile of every family of `comparison` from `first` to `last`,
 * every `every_h` hours. */
corridor_profiles *corridor_profile_window(const fr_network *net,
                                           const corridor_comparison *comparison,
                                           GDateTime *first, GDateTime *last, double every_h,
                                           GError **error);
void corridor_profiles_free(corridor_profiles *profiles);

/* ---- Scenarios: the comparison on the base network and on others ------- */

/* One destination compared on the base network and on each scenario's
 * network (fr_network_apply_scenario()), family by family. */
typedef struct {
    corridor_comparison *base;
    GPtrArray *scenarios;          /* corridor_comparison *, one per name */
    const char *const *names;      /* the scenarios' names (borrowed), NULL-terminated */
    GPtrArray *families;           /* the family keys (char *, borrowed from the options):
                                      the base's in its order, then those only some
                                      scenario has, in order of appearance */
} corridor_scenarios;

/* The comparison from `from` to `to` on `base` and on each network of
 * `networks` (n of them, named by `names`), with the same settings and
 * modes allowed. */
corridor_scenarios *corridor_compare_scenarios(const fr_network *base,
                                               const fr_network *const *networks,
                                               const char *const *names, size_t n,
                                               const char *from, const char *to,
                                               const fr_query *settings, fr_mode_set allowed,
                                               GError **error);
void corridor_scenarios_free(corridor_scenarios *cs);
/* The option of `family` (a family key) in the comparison, or NULL when
 * that family has no route there. */
const corridor_option *corridor_find_family(const corridor_comparison *c, const char *family);

#endif
