/* metric.c - setting up what a search weighs: the objective's per-edge
 * array (or the generalized cost, computed per edge), another measure, or
 * a plain objective for preprocessing. */
#include "metric.h"

static const double *objective_weights(const fr_vgraph *g, fr_objective objective)
{
    switch (objective) {
    case FR_OBJECTIVE_COST:
        return g->cost;
    case FR_OBJECTIVE_TIME:
        return g->time;
    case FR_OBJECTIVE_CO2:
        return g->co2;
    case FR_OBJECTIVE_DISTANCE:
        return g->distance;
    default:
        return NULL; /* generalized: computed per edge */
    }
}

void fr_metric_init(fr_metric *m, const fr_vgraph *g, const fr_search_spec *spec)
{
    *m = (fr_metric){.g = g,
                     .weight = objective_weights(g, spec->objective),
                     .value_of_time = spec->value_of_time,
                     .carbon_price = spec->carbon_price,
                     .restricted = spec->restricted,
                     .spec = spec};
}

void fr_metric_measure(fr_metric *m, const fr_vgraph *g, const fr_search_spec *spec,
                       fr_measure measure)
{
    fr_metric_init(m, g, spec);
    if (measure == FR_MEASURE_TIME)
        m->weight = g->time;
    else if (measure == FR_MEASURE_CO2)
        m->weight = g->co2;
    else if (measure == FR_MEASURE_COST)
        m->weight = g->cost;
}

void fr_metric_plain(fr_metric *m, const fr_vgraph *g, fr_objective objective)
{
    *m = (fr_metric){.g = g, .weight = objective_weights(g, objective)};
}
