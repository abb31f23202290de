/* cancel.h - cancellation and progress of one call (a query's GCancellable
 * and fr_progress_func, or fr_network_prepare_full()'s): what searches poll
 * to stop early and what long calls report their progress through.
 *
 * An fr_cancel belongs to one thread. Searches poll it with
 * fr_cancel_poll() every so often (it reads the GCancellable, an atomic
 * read, only every FR_CANCEL_EVERY polls) and, when it says so, stop and
 * return what they have (nothing); the api layer then sees
 * fr_cancel_cancelled() and fails with fr_cancelled_error(). Progress is
 * reported only from the calling thread: a stage of the call maps its own
 * 0..1 onto its share [from, to] of the call's, and what reaches the
 * callback never decreases. */
#ifndef FR_CANCEL_H
#define FR_CANCEL_H

#include "query.h"

/* Polls between two looks at the GCancellable. */
#define FR_CANCEL_EVERY 1024u

struct fr_cancel {
    GCancellable *cancellable; /* borrowed; NULL: never cancelled */
    fr_progress_func progress; /* NULL: none */
    void *user_data;
    double from, to;   /* the current stage's share of the call's progress */
    double reported;   /* the last fraction given to `progress` (-1: none yet) */
    uint32_t countdown; /* polls left before the next look */
    bool cancelled;    /* seen cancelled (stays so) */
};

/* A call's cancellation and progress; both may be NULL. The stage is the
 * whole call. */
void fr_cancel_init(fr_cancel *c, GCancellable *cancellable, fr_progress_func progress,
                    void *user_data);
/* The query's cancellable and progress. */
void fr_cancel_init_query(fr_cancel *c, const fr_query *query);

/* c when there is something to poll or report, else NULL (what a spec
 * then carries: searches skip every check). */
static inline fr_cancel *fr_cancel_active(fr_cancel *c)
{
    return c && (c->cancellable || c->progress) ? c : NULL;
}

/* Looks at the GCancellable now: whether the call is cancelled. */
bool fr_cancel_now(fr_cancel *c);

/* Whether the call is cancelled, looking only every FR_CANCEL_EVERY
 * calls (or `every` for fr_cancel_poll_every()); c may be NULL. */
static inline bool fr_cancel_poll_every(fr_cancel *c, uint32_t every)
{
    if (!c)
        return false;
    if (c->cancelled)
        return true;
    if (c->countdown > 1) {
        c->countdown--;
        return false;
    }
    c->countdown = every;
    return fr_cancel_now(c);
}

static inline bool fr_cancel_poll(fr_cancel *c)
{
    return fr_cancel_poll_every(c, FR_CANCEL_EVERY);
}

/* Whether a poll or a look has seen the call cancelled (c may be NULL). */
static inline bool fr_cancel_cancelled(const fr_cancel *c)
{
    return c && c->cancelled;
}

/* The next stage covers the call's progress from `from` to `to`. */
void fr_cancel_stage(fr_cancel *c, double from, double to);

/* The current stage is `fraction` (0..1, clamped) done: the callback hears
 * the call's fraction when it moved on (c may be NULL). */
void fr_cancel_progress(fr_cancel *c, double fraction);

/* The call is done: the callback hears 1 (unless cancelled). */
void fr_cancel_finish(fr_cancel *c);

/* Sets the FR_ERROR_CANCELLED error "WHAT: cancelled"; returns false. */
bool fr_cancelled_error(GError **error, const char *what);

/* After a call's searches: true when c saw the call cancelled, with
 * whatever *error holds replaced by FR_ERROR_CANCELLED (the caller then
 * discards its result, which the stopped searches left incomplete). */
bool fr_cancel_failed(const fr_cancel *c, GError **error, const char *what);

#endif /* FR_CANCEL_H */
