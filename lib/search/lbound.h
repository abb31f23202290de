/* lbound.h - lower bounds to a query's destination, per state, for the
 * searches that prune with them (bounded routes, Pareto fronts,
 * alternatives). */
#ifndef FR_LBOUND_H
#define FR_LBOUND_H

#include "metric.h"

/* Per state, the least total of `measure` over the usable paths from the
 * state to any IN(destination, .); INFINITY where none. Consistent: for
 * every usable edge s->t, bound[s] <= figure + bound[t]. Newly allocated
 * (g_free). */
double *fr_lower_bounds(const fr_vgraph *g, const fr_search_spec *spec, fr_measure measure);

#endif /* FR_LBOUND_H */
