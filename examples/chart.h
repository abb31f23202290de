/* chart.h - draws a corridor comparison with cairo: days (x) against USD
 * per TEU (y, logarithmic), one colour per destination, every corridor
 * labelled, and each destination's cost/time Pareto front joined by a line. */
#ifndef FR_CHART_H
#define FR_CHART_H

#include "corridors.h"

/* comparisons: corridor_comparison *. The file name's suffix (.svg or .png)
 * picks the format. */
bool chart_draw(const fr_network *net, const GPtrArray *comparisons, const char *path,
                GError **error);

#endif
