/* dateview.h - the network an undated query sees on its date (FORMAT.md
 * §5): links valid that day, scheduled links timed as cut-off + mean wait
 * for the next departure + running time, links and nodes closed at some
 * moment of the day left out. */
#ifndef FR_DATEVIEW_H
#define FR_DATEVIEW_H

#include "vgraph.h"

/* Fills view for `day` (FR_DAY_MIN: no date: every dated row in effect).
 * Clear it with fr_vgraph_view_clear(). */
void fr_vgraph_view_init_undated(fr_vgraph_view *view, const fr_model *model, int32_t day);
void fr_vgraph_view_clear(fr_vgraph_view *view);

/* The mean hours from a moment uniform over the week to the departure a box
 * arriving then boards: departures `minutes` (of the week, sorted) with
 * cut-offs `cutoff_h` (one per departure); n >= 1. With one cut-off for all
 * it is cutoff + Σh²/(2Σh) over the headways h. */
double fr_mean_wait_h(const guint16 *minutes, const double *cutoff_h, size_t n);

#endif /* FR_DATEVIEW_H */
