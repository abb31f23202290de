/* ch_query.c - querying contraction hierarchies (ch.h): the per-thread
 * workspace, fr_ch_route()'s bidirectional search with stall-on-demand,
 * and unpacking the path it finds into original virtual edges.
 *
 * Bidirectional Dijkstra, forward from every source on the forward graph
 * and backward from every target on the backward graph (ch_internal.h),
 * the side with the lesser open objective first, each side stopping once
 * its least open key is no better than the best meeting found;
 * stall-on-demand skips states reached more cheaply from above. Each side
 * queues its ranks in an indexed 4-ary heap (heap.h) with decrease-key,
 * ordered by objective alone; a settled rank is final, as in the engine's
 * Dijkstra. It settles the heap's root when nothing still open can tie
 * the root's objective by a path to it (root_is_final()), else the front
 * in key.h's order among the items that tie the root (ch_side.h).
 *
 * Labels keep their objective apart from the rest of their key (the tie
 * figures, ch_internal.h): inner loops add and compare objectives, and a
 * label's tie figures are summed, along its predecessors and their arcs'
 * halves, only when two objectives tie within the tolerance where the
 * answer depends on it: which label a rank keeps, which meeting is best,
 * whether a side is done, and the settling order where a tie could change
 * a settled label. Where the order of sides or a stall is all a tie would
 * decide, objectives alone decide (either way is right). A label's
 * predecessor is settled, so its figures no longer change, and the sums
 * come out as the full keys would have: keys and ties are key.h's.
 *
 * The workspace is indexed by rank and reset by generation stamps, so a
 * query allocates nothing once it has grown to the hierarchy. Shortcuts are
 * unpacked iteratively, with a stack. */
#include "ch_side.h"

#include <math.h>
#include <string.h>

struct fr_ch_workspace {
    uint32_t capacity, generation;
    query_side side[2];
    ch_tail_scratch scratch;
    GArray *chain, *stack; /* uint32_t arcs (ARC_BWD or not): the path, unpacking */
};

fr_ch_workspace *fr_ch_workspace_new(void)
{
    fr_ch_workspace *ws = g_new0(fr_ch_workspace, 1);
    ws->chain = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    ws->stack = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    return ws;
}

void fr_ch_workspace_free(fr_ch_workspace *ws)
{
    if (!ws)
        return;
    side_free(&ws->side[FWD]);
    side_free(&ws->side[BWD]);
    fr_ch_tail_scratch_clear(&ws->scratch);
    g_array_free(ws->chain, TRUE);
    g_array_free(ws->stack, TRUE);
    g_free(ws);
}

/* Grows the workspace to ch's ranks and starts a new generation. */
static void workspace_begin(fr_ch_workspace *ws, const fr_ch *ch)
{
    uint32_t n = ch->n_states;
    if (ws->capacity < n) {
        side_grow(&ws->side[FWD], n);
        side_grow(&ws->side[BWD], n);
        ws->capacity = n;
        ws->generation = 0;
    }
    if (++ws->generation == 0) {
        for (int d = FWD; d <= BWD; d++) {
            memset(ws->side[d].stamp, 0, (size_t)ws->capacity * sizeof(uint32_t));
            memset(ws->side[d].tail, 0, (size_t)ws->capacity * sizeof(label_tail_record));
        }
        ws->generation = 1;
    }
    for (int d = FWD; d <= BWD; d++) {
        query_side *s = &ws->side[d];
        s->ch = ch;
        s->d = d;
        s->generation = ws->generation;
        s->heap_len = 0;
        s->front = NONE;
        s->scratch = &ws->scratch;
    }
}

static void seed(const fr_ch *ch, query_side *s, const uint32_t *states, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (states[i] >= ch->n_states)
            continue;
        uint32_t r = ch->rank[states[i]];
        if (s->stamp[r] != s->generation)
            reach(s, r, 0, NONE, NONE);
    }
}

/* ---- the search -------------------------------------------------------------------
 * The best meeting found so far is a rank both sides have reached (NONE:
 * none yet); its key is the sum of the two labels there as they are now,
 * which can only fall. */

static double meeting_obj(const fr_ch_workspace *ws, uint32_t meet)
{
    if (meet == NONE)
        return INFINITY;
    return ws->side[FWD].label[meet].obj + ws->side[BWD].label[meet].obj;
}

static fr_key meeting_key(fr_ch_workspace *ws, uint32_t meet)
{
    if (meet == NONE)
        return (fr_key){INFINITY, INFINITY, INFINITY, UINT32_MAX};
    return fr_key_add(label_key(&ws->side[FWD], meet), label_key(&ws->side[BWD], meet));
}

/* fr_key_compare_fast() of a key (its objective o given; *full sums the
 * rest when needed) and the best meeting's. */
static inline int compare_to_meeting(fr_ch_workspace *ws, uint32_t meet, double o,
                                     fr_key (*full)(void *), void *arg)
{
    int c = fr_objectives_decide(o, meeting_obj(ws, meet));
    if (c)
        return c;
    fr_key key = full(arg), best = meeting_key(ws, meet);
    return fr_key_compare_fast(&key, &best);
}

typedef struct {
    fr_ch_workspace *ws;
    uint32_t r;
} meeting_ref; /* a meeting at rank r */

static fr_key meeting_ref_key(void *arg)
{
    const meeting_ref *m = arg;
    return meeting_key(m->ws, m->r);
}

typedef struct {
    query_side *s;
    uint32_t r, i;
    int d;
} label_ref; /* a rank's label, followed by graph d's arc i unless i == NONE */

static fr_key ref_key(void *arg)
{
    const label_ref *x = arg;
    fr_key k = label_key(x->s, x->r);
    if (x->i == NONE)
        return k;
    ch_tail arc = fr_ch_arc_tail(x->s->ch, x->d, x->i, x->s->scratch);
    return fr_key_add(k, key_of(x->s->ch->obj[x->d][x->i], arc));
}

/* fr_key_compare_fast() of two labels' keys, each followed by an arc or
 * not (objectives oa and ob given). */
static int compare_refs(double oa, label_ref *a, double ob, label_ref *b)
{
    int c = fr_objectives_decide(oa, ob);
    if (c)
        return c;
    fr_key ka = ref_key(a), kb = ref_key(b);
    return fr_key_compare_fast(&ka, &kb);
}

/* Whether side s is done: its least open key is no better than the best
 * meeting's (heap not empty). Only when the least open objective ties the
 * meeting's does it take the front in key.h's order. */
static bool side_done(fr_ch_workspace *ws, query_side *s, uint32_t meet)
{
    if (fr_objectives_decide(s->heap[0].obj, meeting_obj(ws, meet)) < 0)
        return false;
    const heap_item *item = &s->heap[front(s)];
    label_ref top = {s, item->rank, NONE, s->d};
    return compare_to_meeting(ws, meet, item->obj, ref_key, &top) >= 0;
}

/* The side to settle next, or -1 when both are done. Either open side
 * would do (each stops on its own); this one takes the lesser least
 * objective, the forward side when they tie. */
static int next_side(fr_ch_workspace *ws, uint32_t meet)
{
    bool open[2];
    for (int d = FWD; d <= BWD; d++)
        open[d] = ws->side[d].heap_len > 0 && !side_done(ws, &ws->side[d], meet);
    if (!open[FWD] || !open[BWD])
        return open[FWD] ? FWD : open[BWD] ? BWD : -1;
    return fr_objectives_decide(ws->side[FWD].heap[0].obj, ws->side[BWD].heap[0].obj) <= 0 ? FWD
                                                                                            : BWD;
}

/* Whether side s's heap root already has its final label, so that it may
 * be settled without comparing keys: no other item of the root's cluster
 * has an arc whose sum would tie the root's objective. A path that could
 * still give the root a better key must start with such an arc: items
 * settled later lie above the cluster's bound, and every path they start,
 * like any path from the root itself (the graph leads upward), ends above
 * it too. The cluster is nearly always the root alone. */
static bool root_is_final(query_side *s)
{
    const fr_ch *ch = s->ch;
    const uint32_t *off = ch->off[s->d];
    const double *obj = ch->obj[s->d];
    double above = fr_objective_bounds_of(s->heap[0].obj).above;
    uint32_t n = root_cluster(s);
    for (uint32_t k = 1; k < n; k++) {
        const heap_item *x = &s->heap[s->cluster[k]];
        for (uint32_t i = off[x->rank]; i < off[x->rank + 1]; i++)
            if (x->obj + obj[i] <= above)
                return false;
    }
    return true;
}

/* The heap index side s settles next: the root when its label is final,
 * else the front in key.h's order (ch_side.h). */
static uint32_t next_to_settle(query_side *s)
{
    if (s->front == NONE && root_is_final(s))
        return 0;
    return front(s);
}

/* Stall-on-demand: is r reached more cheaply through a higher rank that
 * side s has reached (via an arc of the other graph)? Only a lesser
 * objective stalls: a stall skips work that cannot matter, and not
 * stalling is never wrong, so objectives that tie are not worth their tie
 * figures here. */
static bool stalled(query_side *s, uint32_t r)
{
    const fr_ch *ch = s->ch;
    int other = 1 - s->d;
    const uint32_t *head = ch->head[other];
    const double *obj = ch->obj[other];
    double below = fr_objective_bounds_of(s->label[r].obj).below;
    for (uint32_t i = ch->off[other][r]; i < ch->off[other][r + 1]; i++) {
        uint32_t y = head[i];
        if (s->stamp[y] == s->generation && s->label[y].obj + obj[i] < below)
            return true;
    }
    return false;
}

static void relax(fr_ch_workspace *ws, query_side *s, uint32_t r, uint32_t meet)
{
    const fr_ch *ch = s->ch;
    const uint32_t *head = ch->head[s->d];
    const double *obj = ch->obj[s->d];
    double base = s->label[r].obj;
    fr_objective_bounds best = fr_objective_bounds_of(meeting_obj(ws, meet));
    for (uint32_t i = ch->off[s->d][r]; i < ch->off[s->d][r + 1]; i++) {
        uint32_t y = head[i];
        double o = base + obj[i];
        int c = fr_objective_bounds_decide(&best, o);
        if (c > 0)
            continue;
        label_ref through = {s, r, i, s->d};
        if (c == 0 && compare_to_meeting(ws, meet, o, ref_key, &through) >= 0)
            continue;
        if (s->stamp[y] != s->generation) {
            reach(s, y, o, r, i);
        } else {
            const rank_label *at = &s->label[y];
            if (o > at->above || at->pos == SETTLED)
                continue;
            label_ref at_y = {s, y, NONE, s->d};
            if (compare_refs(o, &through, at->obj, &at_y) >= 0)
                continue;
            reach(s, y, o, r, i);
        }
        if (y == meet) /* the best meeting got better */
            best = fr_objective_bounds_of(meeting_obj(ws, meet));
    }
}

/* Settles the least open rank of side d; a meeting better than the best
 * becomes the best. */
static void settle(fr_ch_workspace *ws, int d, uint32_t *meet)
{
    query_side *s = &ws->side[d], *other = &ws->side[1 - d];
    uint32_t r = pop_at(s, next_to_settle(s));
    if (other->stamp[r] == ws->generation && r != *meet) { /* (r as the meeting: no change) */
        meeting_ref at = {ws, r};
        double o = s->label[r].obj + other->label[r].obj;
        if (compare_to_meeting(ws, *meet, o, meeting_ref_key, &at) < 0)
            *meet = r;
    }
    if (!stalled(s, r))
        relax(ws, s, r, *meet);
}

/* ---- the path --------------------------------------------------------------------- */

/* The hierarchy's arcs of the path through `meet`, in order, into ws->chain. */
static void chain_path(fr_ch_workspace *ws, uint32_t meet)
{
    const query_side *f = &ws->side[FWD], *b = &ws->side[BWD];
    GArray *chain = ws->chain;
    g_array_set_size(chain, 0);
    for (uint32_t r = meet; f->label[r].from != NONE; r = f->label[r].from)
        g_array_append_val(chain, f->label[r].arc);
    uint32_t *p = (uint32_t *)chain->data;
    for (guint i = 0, j = chain->len; i + 1 < j; i++, j--) {
        uint32_t t = p[i];
        p[i] = p[j - 1];
        p[j - 1] = t;
    }
    for (uint32_t r = meet; b->label[r].from != NONE; r = b->label[r].from) {
        uint32_t arc = b->label[r].arc | ARC_BWD;
        g_array_append_val(chain, arc);
    }
}

/* Appends the original edges of ws->chain to path. */
static void unpack(const fr_ch *ch, fr_ch_workspace *ws, GArray *path)
{
    for (guint i = 0; i < ws->chain->len; i++)
        fr_ch_append_arc_edges(ch, g_array_index(ws->chain, uint32_t, i), ws->stack, path);
}

/* The search: the best meeting's rank, or NONE when no target is reached. */
static uint32_t search(const fr_ch *ch, fr_ch_workspace *ws, const uint32_t *sources,
                       uint32_t n_sources, const uint32_t *targets, uint32_t n_targets)
{
    workspace_begin(ws, ch);
    seed(ch, &ws->side[FWD], sources, n_sources);
    seed(ch, &ws->side[BWD], targets, n_targets);
    uint32_t meet = NONE;
    for (int d; (d = next_side(ws, meet)) >= 0;)
        settle(ws, d, &meet);
    return meet;
}

bool fr_ch_route(const fr_ch *ch, fr_ch_workspace *ws, const uint32_t *sources, uint32_t n_sources,
                 const uint32_t *targets, uint32_t n_targets, fr_key *key, GArray *path)
{
    uint32_t meet = search(ch, ws, sources, n_sources, targets, n_targets);
    if (meet == NONE)
        return false;
    if (key) /* the labels now at `meet` are those of the path its predecessors give */
        *key = meeting_key(ws, meet);
    if (path) {
        chain_path(ws, meet);
        unpack(ch, ws, path);
    }
    return true;
}

bool fr_ch_distance(const fr_ch *ch, fr_ch_workspace *ws, const uint32_t *sources,
                    uint32_t n_sources, const uint32_t *targets, uint32_t n_targets,
                    double *objective)
{
    uint32_t meet = search(ch, ws, sources, n_sources, targets, n_targets);
    if (meet == NONE)
        return false;
    *objective = meeting_obj(ws, meet);
    return true;
}
