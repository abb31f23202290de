/* chart.h - draws a corridor comparison with cairo: days (x) against USD
 * per TEU (y, logarithmic), one colour per destination, every corridor
 * labelled, and each destination's cost/time Pareto front joined by a line.
 * And departure profiles: transit days (y) against the departure date (x),
 * one line with markers per corridor family, a panel per destination. */
#ifndef FR_CHART_H
#define FR_CHART_H

#include "corridors.h"

/* comparisons: corridor_comparison *. The file name's suffix (.svg or .png)
 * picks the format. */
bool chart_draw(const fr_network *net, const GPtrArray *comparisons, const char *path,
                GError **error);

/* profiles: corridor_profiles *, one panel each. Departures without a
 * route break their family's line. The suffix picks the format. */
bool chart_draw_profiles(const fr_network *net, const GPtrArray *profiles, const char *path,
                         GError **error);

/* fr-corridors --scenario: a panel per destination (days against USD per
 * TEU, log), each family's base point (hollow) joined by an arrow to its
 * point under each scenario (filled, one colour per scenario, the legend
 * naming them). comparisons: corridor_scenarios *. */
bool chart_draw_scenarios(const fr_network *net, const GPtrArray *comparisons, const char *path,
                          GError **error);

#endif
