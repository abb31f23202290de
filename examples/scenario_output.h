/* scenario_output.h - printing fr-corridors --scenario (FORMAT.md §6): for
 * each destination and corridor family, the best route's days, USD and kg
 * CO2e per TEU on the base network and under each scenario, and the change
 * (scenario - base), as text, CSV and JSON. A family without a route on a
 * network shows "no route" (text), empty cells (CSV) or null (JSON). The
 * changes are the differences of the figures as printed, so that a table's
 * columns add up. */
#ifndef FR_SCENARIO_OUTPUT_H
#define FR_SCENARIO_OUTPUT_H

#include "corridors.h"

#include <stdio.h>

/* The CSV header: from,to,family,scenario,base_days,base_usd_per_teu,
 * base_kg_co2e_per_teu,scenario_days,scenario_usd_per_teu,
 * scenario_kg_co2e_per_teu,delta_days,delta_usd_per_teu,delta_kg_co2e_per_teu */
void scenarios_print_csv_header(FILE *out);
/* One row per family x scenario. */
void scenarios_print_csv(FILE *out, const corridor_scenarios *cs);
/* A table per destination, headed "<from> → <to>: ..., by <by>". */
void scenarios_print_text(FILE *out, const fr_network *net, const corridor_scenarios *cs,
                          const char *by);
/* One element of the "comparisons" array (after a comma unless `first`). */
void scenarios_print_json(FILE *out, const corridor_scenarios *cs, bool first);

#endif
