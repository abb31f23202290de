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
} corridor_option;

typedef struct {
    char *from, *to;
    GPtrArray *options; /* corridor_option *, by increasing objective value */
    int cheapest, fastest, greenest; /* indices into options, -1 when empty */
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
void corridor_comparison_free(corridor_comparison *comparison);

#endif
