/* cancel.c - cancellation and progress of one call (cancel.h): looking at
 * the GCancellable, mapping a stage's progress onto the call's without
 * ever going back, and the FR_ERROR_CANCELLED error every call sets. */
#include "cancel.h"

/* The callback hears of progress in steps of at least this much (and of
 * the end). */
#define PROGRESS_STEP 0.001

void fr_cancel_init(fr_cancel *c, GCancellable *cancellable, fr_progress_func progress,
                    void *user_data)
{
    *c = (fr_cancel){.cancellable = cancellable, .progress = progress, .user_data = user_data,
                     .from = 0, .to = 1, .reported = -1, .countdown = FR_CANCEL_EVERY};
}

void fr_cancel_init_query(fr_cancel *c, const fr_query *query)
{
    fr_cancel_init(c, query->cancellable, query->progress, query->progress_data);
}

bool fr_cancel_now(fr_cancel *c)
{
    if (!c)
        return false;
    if (!c->cancelled && c->cancellable && g_cancellable_is_cancelled(c->cancellable))
        c->cancelled = true;
    return c->cancelled;
}

void fr_cancel_stage(fr_cancel *c, double from, double to)
{
    if (!c)
        return;
    c->from = CLAMP(from, 0.0, 1.0);
    c->to = CLAMP(to, c->from, 1.0);
}

/* Gives `fraction` of the call to the callback if it moved on enough. */
static void report(fr_cancel *c, double fraction)
{
    bool end = fraction >= 1.0 && c->reported < 1.0;
    if (!end && fraction < c->reported + PROGRESS_STEP)
        return;
    c->reported = fraction;
    c->progress(fraction, c->user_data);
}

void fr_cancel_progress(fr_cancel *c, double fraction)
{
    if (!c || !c->progress || c->cancelled)
        return;
    if (!(fraction >= 0)) /* NaN too */
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    report(c, c->from + (c->to - c->from) * fraction);
}

void fr_cancel_finish(fr_cancel *c)
{
    if (!c || !c->progress || c->cancelled)
        return;
    report(c, 1.0);
}

bool fr_cancelled_error(GError **error, const char *what)
{
    g_set_error(error, FR_ERROR, FR_ERROR_CANCELLED, "%s: cancelled", what);
    return false;
}

bool fr_cancel_failed(const fr_cancel *c, GError **error, const char *what)
{
    if (!fr_cancel_cancelled(c))
        return false;
    g_clear_error(error);
    fr_cancelled_error(error, what);
    return true;
}
