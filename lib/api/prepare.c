/* prepare.c - preprocessing for faster queries: fr_network_prepare()
 * builds landmarks and contraction hierarchies per objective and the
 * network handle keeps them. */
#include "network.h"

#define LANDMARK_COUNT 8

bool fr_objective_preparable(fr_objective objective)
{
    return objective == FR_OBJECTIVE_COST || objective == FR_OBJECTIVE_TIME ||
           objective == FR_OBJECTIVE_CO2 || objective == FR_OBJECTIVE_DISTANCE;
}

void fr_network_clear_prepared(fr_network *net)
{
    for (int o = 0; o < FR_OBJECTIVE_COUNT; o++) {
        fr_prepared *prepared = &net->prepared[o];
        fr_landmarks_free(prepared->landmarks);
        fr_ch_free(prepared->ch);
        prepared->landmarks = NULL;
        prepared->ch = NULL;
    }
}

bool fr_network_prepare(fr_network *net, fr_objective objective, unsigned what, GError **error)
{
    if (!net || !fr_objective_preparable(objective)) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY,
                    "only the cost, time, co2 and distance objectives can be prepared");
        return false;
    }
    if (what & ~(unsigned)(FR_PREPARE_LANDMARKS | FR_PREPARE_CH)) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "unknown preparation flags %#x", what);
        return false;
    }
    const fr_vgraph *g = &net->vgraph;
    fr_prepared *prepared = &net->prepared[objective];
    if (what & FR_PREPARE_CH) {
        fr_metric m;
        fr_metric_plain(&m, g, objective);
        fr_ch *ch = fr_ch_build(g, m.weight, NULL, error);
        if (!ch)
            return false;
        fr_ch_free(prepared->ch);
        prepared->ch = ch;
    }
    if (what & FR_PREPARE_LANDMARKS) {
        fr_landmarks_free(prepared->landmarks);
        prepared->landmarks = fr_landmarks_build(g, objective, LANDMARK_COUNT);
    }
    return true;
}

bool fr_network_is_prepared(const fr_network *net, fr_objective objective, fr_prepare_flags what)
{
    if (!net || !fr_objective_preparable(objective))
        return false;
    const fr_prepared *prepared = &net->prepared[objective];
    return (!(what & FR_PREPARE_LANDMARKS) || prepared->landmarks) &&
           (!(what & FR_PREPARE_CH) || prepared->ch);
}

