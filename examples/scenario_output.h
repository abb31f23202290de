/* scenario_output.h - printing fr-corridors --scenario (FORMAT.md §6): for
 * each destination and corridor family, the best route's figures on the
 * base network and under each scenario, and the change (scenario - base):
 * text in days, USD and kg CO2e per TEU (labelled), CSV and JSON as the
 * route JSON's totals for the whole quantity (cost_usd, time_h, co2_kg). A family without a route on a
 * network shows "no route" (text), empty cells (CSV) or null (JSON). The
 * changes are the differences of the figures as printed, so that a table's
 * columns add up. */
#ifndef FR_SCENARIO_OUTPUT_H
#define FR_SCENARIO_OUTPUT_H

#include "corridors.h"

#include <stdio.h>

/* The CSV header: from,to,family,scenario,quantity_teu,base_cost_usd,
 * base_time_h,base_co2_kg,scenario_cost_usd,scenario_time_h,scenario_co2_kg,
 * delta_cost_usd,delta_time_h,delta_co2_kg */
void scenarios_print_csv_header(FILE *out);
/* One row per family x scenario. */
void scenarios_print_csv(FILE *out, const corridor_scenarios *cs);
/* A table per destination, headed "<from> → <to>: ..., by <by>". */
void scenarios_print_text(FILE *out, const fr_network *net, const corridor_scenarios *cs,
                          const char *by);
/* One element of the "comparisons" array (after a comma unless `first`). */
void scenarios_print_json(FILE *out, const corridor_scenarios *cs, bool first);

#endif
