/* critical_output.h - printing fr-corridors --critical: for the
 * destinations asked, the links and nodes of each one's best route ranked
 * by what closing each costs (fr_network_critical()): the added time and
 * cost of the new best route (text: days and USD per TEU, labelled; CSV
 * and JSON: added_cost_usd and added_time_h for the whole quantity, with
 * quantity_teu), the corridor family that takes over
 * (corridor_family() of that route) or "no alternative", and whether the
 * item is a single point of the physical network. Text, CSV and JSON. */
#ifndef FR_CRITICAL_OUTPUT_H
#define FR_CRITICAL_OUTPUT_H

#include "freightroute.h"

#include <stdio.h>

/* What the items are ranked for: the network, the origin, the destinations
 * in the order given to fr_network_critical(), and how routes were chosen. */
typedef struct {
    const fr_network *net;
    const char *from;
    const char *const *destinations;
    size_t n_destinations;
    const char *by; /* "cost", "time", "generalized" */
    double quantity; /* TEU */
} critical_context;

/* The CSV header: from,to,quantity_teu,rank,item,id,name,added_cost_usd,
 * added_time_h,takes_over,single_point */
void critical_print_csv(FILE *out, const critical_context *c, const fr_critical_list *list);
void critical_print_text(FILE *out, const critical_context *c, const fr_critical_list *list);
void critical_print_json(FILE *out, const critical_context *c, const fr_critical_list *list);

#endif
