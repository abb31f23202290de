/* prepare.c - preprocessing for faster queries: fr_network_prepare()
 * builds landmarks and contraction hierarchies per objective and the
 * network handle keeps them. fr_network_prepare_full() can be cancelled
 * (everything is built before the network takes any of it, so a cancelled
 * or failed call leaves it as it was) and reports its progress. */
#include "network.h"

#include "cancel.h"

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

/* Share of a preparation of both kinds that contraction hierarchies take
 * (their build is the longer one by far). */
#define CH_SHARE 0.9

/* Builds what `what` asks for into *ch and *landmarks; false (having freed
 * them) on failure or cancellation. */
static bool build_prepared(const fr_vgraph *g, fr_objective objective, unsigned what,
                           fr_cancel *cancel, fr_ch **ch, fr_landmarks **landmarks,
                           GError **error)
{
    bool both = (what & FR_PREPARE_CH) && (what & FR_PREPARE_LANDMARKS);
    if (what & FR_PREPARE_CH) {
        fr_metric m;
        fr_metric_plain(&m, g, objective);
        fr_cancel_stage(cancel, 0, both ? CH_SHARE : 1);
        *ch = fr_ch_build_cancellable(g, m.weight, cancel, NULL, error);
        if (!*ch) {
            fr_cancel_failed(cancel, error, "fr_network_prepare"); /* one wording */
            return false;
        }
    }
    if (what & FR_PREPARE_LANDMARKS) {
        fr_cancel_stage(cancel, both ? CH_SHARE : 0, 1);
        *landmarks = fr_landmarks_build_cancellable(g, objective, LANDMARK_COUNT, cancel);
        if (!*landmarks) {
            g_clear_pointer(ch, fr_ch_free);
            return fr_cancelled_error(error, "fr_network_prepare");
        }
    }
    return true;
}

bool fr_network_prepare(fr_network *net, fr_objective objective, unsigned what, GError **error)
{
    return fr_network_prepare_full(net, objective, what, NULL, NULL, NULL, error);
}

bool fr_network_prepare_full(fr_network *net, fr_objective objective, unsigned what,
                             GCancellable *cancellable, fr_progress_func progress,
                             void *user_data, GError **error)
{
    if (!fr_arg_given(net, "fr_network_prepare", "network", error))
        return false;
    if (!fr_objective_preparable(objective)) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY,
                    "only the cost, time, co2 and distance objectives can be prepared");
        return false;
    }
    if (what & ~(unsigned)(FR_PREPARE_LANDMARKS | FR_PREPARE_CH)) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "unknown preparation flags %#x", what);
        return false;
    }
    fr_cancel cancel;
    fr_cancel_init(&cancel, cancellable, progress, user_data);
    if (fr_cancel_now(&cancel))
        return fr_cancelled_error(error, "fr_network_prepare");
    fr_ch *ch = NULL;
    fr_landmarks *landmarks = NULL;
    if (!build_prepared(&net->vgraph, objective, what, fr_cancel_active(&cancel), &ch,
                        &landmarks, error))
        return false; /* the network keeps what it had */
    fr_prepared *prepared = &net->prepared[objective];
    if (ch) {
        fr_ch_free(prepared->ch);
        prepared->ch = ch;
    }
    if (landmarks) {
        fr_landmarks_free(prepared->landmarks);
        prepared->landmarks = landmarks;
    }
    fr_cancel_finish(&cancel);
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

