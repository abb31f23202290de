/* landmarks.c - goal-directed search with landmarks (ALT: A*, landmarks,
 * triangle inequality). Preprocessing picks a few landmark states far
 * apart and stores every state's objective distance from and to each, on
 * the unrestricted graph. For a destination t, d(L,t) - d(L,s) and
 * d(s,L) - d(t,L) are lower bounds on d(s,t); restricting a query (avoided
 * places, modes) only lengthens routes, so the bounds stay valid for every
 * query with that objective. The potential of a state is the largest bound
 * over landmarks, the least over the destination's IN states; it is
 * consistent, so A* with it settles the destination with the key plain
 * Dijkstra finds. A build can be cancelled between two landmarks' searches
 * (cancel.h) and reports the share of landmarks measured as progress. */
#include "landmarks.h"

#include "cancel.h"

#include <string.h>

struct fr_landmarks {
    uint32_t k, n_states;
    double *from; /* from[s * k + i]: d(landmark i, s) */
    double *to;   /* to[s * k + i]: d(s, landmark i) */
};

/* The state farthest from the chosen landmarks (by the least forward
 * distance from any of them); FR_NONE when no state is farther than 0. */
static uint32_t farthest_state(const double *nearest, uint32_t n)
{
    uint32_t best = FR_NONE;
    double best_d = 0;
    for (uint32_t s = 0; s < n; s++)
        if (nearest[s] < INFINITY && nearest[s] > best_d) {
            best_d = nearest[s];
            best = s;
        }
    return best;
}

/* Distances of every state from and to `landmark` into column i. */
static void measure(fr_landmarks *lm, fr_workspace *ws, const fr_metric *m, uint32_t landmark,
                    uint32_t i, double *scratch)
{
    for (int backward = 0; backward < 2; backward++) {
        fr_engine_scalar_all(ws, m, &landmark, 1, backward, scratch);
        double *column = backward ? lm->to : lm->from;
        for (uint32_t s = 0; s < lm->n_states; s++)
            column[(size_t)s * lm->k + i] = scratch[s];
    }
}

fr_landmarks *fr_landmarks_build(const fr_vgraph *g, fr_objective objective, uint32_t k)
{
    return fr_landmarks_build_cancellable(g, objective, k, NULL);
}

fr_landmarks *fr_landmarks_build_cancellable(const fr_vgraph *g, fr_objective objective,
                                             uint32_t k, fr_cancel *cancel)
{
    fr_landmarks *lm = g_new0(fr_landmarks, 1);
    lm->k = k;
    lm->n_states = g->n_states;
    size_t cells = (size_t)g->n_states * k;
    lm->from = g_new(double, cells ? cells : 1);
    lm->to = g_new(double, cells ? cells : 1);
    for (size_t c = 0; c < cells; c++)
        lm->from[c] = lm->to[c] = INFINITY; /* unused columns bound nothing */
    fr_metric m;
    fr_metric_plain(&m, g, objective);
    fr_workspace *ws = fr_workspace_new();
    double *scratch = g_new(double, g->n_states ? g->n_states : 1);
    double *nearest = g_new(double, g->n_states ? g->n_states : 1);
    /* start from the state farthest from state 0, then keep adding the
     * state farthest from all landmarks so far */
    uint32_t start = 0;
    if (g->n_states > 0)
        fr_engine_scalar_all(ws, &m, &start, 1, false, nearest);
    uint32_t landmark = g->n_states > 0 ? farthest_state(nearest, g->n_states) : FR_NONE;
    for (uint32_t i = 0; i < k && landmark != FR_NONE && !fr_cancel_now(cancel); i++) {
        measure(lm, ws, &m, landmark, i, scratch);
        fr_cancel_progress(cancel, (double)(i + 1) / k);
        for (uint32_t s = 0; s < g->n_states; s++) {
            double d = lm->from[(size_t)s * k + i];
            nearest[s] = i == 0 || d < nearest[s] ? d : nearest[s];
        }
        landmark = farthest_state(nearest, g->n_states);
    }
    g_free(nearest);
    g_free(scratch);
    fr_workspace_free(ws);
    if (fr_cancel_now(cancel))
        g_clear_pointer(&lm, fr_landmarks_free);
    return lm;
}

void fr_landmarks_free(fr_landmarks *lm)
{
    if (!lm)
        return;
    g_free(lm->from);
    g_free(lm->to);
    g_free(lm);
}

size_t fr_landmarks_bytes(const fr_landmarks *lm)
{
    return sizeof *lm + 2 * (size_t)lm->n_states * lm->k * sizeof(double);
}

/* ---- the query ----------------------------------------------------------------- */

/* The goal of one query: the landmarks and the destination's IN states. */
typedef struct {
    const fr_landmarks *lm;
    uint32_t targets[FR_MODE_COUNT], n_targets;
} goal;

/* A lower bound on d(s, t) from landmark i; INFINITY when t is unreachable. */
static double bound(const fr_landmarks *lm, uint32_t s, uint32_t t, uint32_t i)
{
    double l_s = lm->from[(size_t)s * lm->k + i], l_t = lm->from[(size_t)t * lm->k + i];
    double s_l = lm->to[(size_t)s * lm->k + i], t_l = lm->to[(size_t)t * lm->k + i];
    if ((l_s < INFINITY && l_t == INFINITY) || (s_l == INFINITY && t_l < INFINITY))
        return INFINITY; /* s reaches what t does not, or t reaches what s does not */
    double b = 0;
    if (l_s < INFINITY && l_t - l_s > b)
        b = l_t - l_s;
    if (t_l < INFINITY && s_l - t_l > b)
        b = s_l - t_l;
    return b;
}

/* The potential of state s: the largest bound over landmarks, the least
 * over the destination's states (an fr_potential). */
static double goal_potential(const void *context, uint32_t s)
{
    const goal *to = context;
    double least = INFINITY;
    for (uint32_t j = 0; j < to->n_targets; j++) {
        double largest = 0;
        for (uint32_t i = 0; i < to->lm->k && largest < INFINITY; i++) {
            double b = bound(to->lm, s, to->targets[j], i);
            largest = b > largest ? b : largest;
        }
        least = largest < least ? largest : least;
    }
    return least;
}

bool fr_engine_landmarks(fr_workspace *ws, const fr_vgraph *g, const fr_search_spec *spec,
                         const fr_landmarks *lm, fr_key *key, GArray *path)
{
    goal to = {.lm = lm};
    to.n_targets = fr_node_states(g, spec->destination, false, to.targets);
    fr_potential potential = {goal_potential, &to};
    return fr_engine_astar(ws, g, spec, &potential, key, path);
}
