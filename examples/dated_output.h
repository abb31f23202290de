/* dated_output.h - printing what dated queries answer (FORMAT.md §5), shared
 * by fr-route and fr-corridors: date-times as ISO 8601 with the offset of
 * a node's zone, and the rows of a departure profile (one departure each:
 * depart, arrive, days, cost, corridor family) as text, CSV and JSON. */
#ifndef FR_DATED_OUTPUT_H
#define FR_DATED_OUTPUT_H

#include "freightroute.h"

#include <stdio.h>

/* `when` in `zone` (NULL: its own) as 2019-07-02T08:00:00+08:00, rounded
 * to the nearest second. g_free() it. */
char *dated_format(GDateTime *when, GTimeZone *zone);
/* The time zone of node `id` (borrowed), or NULL when the network has no
 * such node. */
GTimeZone *dated_node_zone(const fr_network *net, const char *id);

/* One row of a departure profile, ready to print. */
typedef struct {
    char *depart;      /* in the origin's zone */
    char *arrive;      /* in the destination's zone; NULL when no route */
    double days;       /* transit: arrival - departure */
    double cost_usd;   /* the route's cost: for the whole quantity, or per TEU */
    char *corridor;    /* corridor_family() of the route; NULL when no route */
} profile_row;

/* Row i of the profile; per_teu: cost per TEU instead of for the quantity. */
void profile_row_get(const fr_network *net, const fr_profile *profile, size_t i, bool per_teu,
                     profile_row *row);
void profile_row_clear(profile_row *row);

/* The rows as a table (a header line, then one line per departure), each
 * line starting with `indent`. */
void profile_print_text(FILE *out, const fr_network *net, const fr_profile *profile,
                        bool per_teu, const char *indent);
/* One CSV line per departure: `prefix` (cells already joined, ending in
 * ',', or "") then depart,arrive,time_h,cost_usd,corridor (totals for the
 * quantity; per_teu is ignored); arrive, time_h, cost_usd and corridor
 * empty when no route. */
void profile_print_csv(FILE *out, const fr_network *net, const fr_profile *profile,
                       bool per_teu, const char *prefix);
/* The JSON array of departures: {"depart", "arrive", "time_h", "cost_usd"
 * (totals; per_teu is ignored), "corridor"}, or {"depart", "route": null};
 * lines start with `indent`. */
void profile_print_json(FILE *out, const fr_network *net, const fr_profile *profile,
                        bool per_teu, const char *indent);

/* A number with thousands separators, no decimals ("26,622"). g_free() it. */
char *dated_thousands(double value);
/* The same with `decimals` decimals ("49,389.3"). g_free() it. */
char *dated_grouped(double value, int decimals);

#endif
