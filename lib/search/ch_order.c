/* ch_order.c - renumbering a built hierarchy's ranks so that each upward
 * search reads memory that lies together (fr_ch_order_for_cache()).
 *
 * Queries only need every arc to lead from a lower number to a higher
 * one; the contraction order is one such numbering, but it scatters a
 * search space over the whole of the per-rank and per-arc arrays, and on
 * large graphs nearly every state a query settles is a cache miss. The new
 * numbering gathers search spaces: for each bottom state (no arc leads into
 * it) in turn, the states its upward searches reach and that have no new
 * number yet take the highest numbers still free, in contraction order
 * among themselves. States near the top, shared by many search spaces, end
 * up together at the end; the states below them lie next to their
 * neighbours. (The scheme is the one RoutingKit's optimize_order_for_cache()
 * applies, described in its public source; written anew here.)
 *
 * Every arc still leads upward and a shortcut's halves stay in the row of
 * the state it bypasses, now numbered below both its ends, so queries,
 * matrices and ch_figures.c's row-by-row sums work unchanged. */
#include "ch_internal.h"

#include <string.h>

static inline bool rank_before(const void *unused, const uint32_t *a, const uint32_t *b)
{
    (void)unused;
    return *a < *b;
}

FR_DEFINE_HEAP(rank_queue, uint32_t, const void *, rank_before)

/* Per old rank, whether an arc of either graph leads into it. */
static uint8_t *reached_from_below(const fr_ch *ch)
{
    uint8_t *reached = g_try_new0(uint8_t, (size_t)ch->n_states + 1);
    if (!reached)
        return NULL;
    for (int d = FWD; d <= BWD; d++)
        for (uint32_t i = 0; i < ch->off[d][ch->n_states]; i++)
            reached[ch->head[d][i]] = 1;
    return reached;
}

/* The new numbering: order[new] = old rank. */
static bool cache_order(const fr_ch *ch, uint32_t *order)
{
    uint32_t n = ch->n_states, end = n;
    uint8_t *placed = reached_from_below(ch); /* reused: 1 = not a bottom state */
    if (!placed)
        return false;
    uint8_t *bottom = g_try_new(uint8_t, (size_t)n + 1);
    if (!bottom)
        return g_free(placed), false;
    for (uint32_t r = 0; r < n; r++)
        bottom[r] = !placed[r], placed[r] = 0;
    rank_queue queue = {0};
    for (uint32_t r = 0; r < n; r++) {
        if (!bottom[r])
            continue;
        uint32_t segment_end = end;
        placed[r] = 1;
        rank_queue_push(&queue, &r, NULL);
        while (queue.len > 0) {
            uint32_t x = rank_queue_pop(&queue, NULL);
            order[--end] = x;
            for (int d = FWD; d <= BWD; d++)
                for (uint32_t i = ch->off[d][x]; i < ch->off[d][x + 1]; i++) {
                    uint32_t y = ch->head[d][i];
                    if (!placed[y]) {
                        placed[y] = 1;
                        rank_queue_push(&queue, &y, NULL);
                    }
                }
        }
        for (uint32_t i = end, j = segment_end; i + 1 < j; i++, j--) { /* ascending within */
            uint32_t t = order[i];
            order[i] = order[j - 1];
            order[j - 1] = t;
        }
    }
    rank_queue_free(&queue);
    g_free(bottom);
    g_free(placed);
    return end == 0; /* every state lies above a bottom one */
}

/* One graph's rows renumbered: row `order[q]` becomes row q, heads renamed
 * by new_of; arc_of[old arc] = new arc. Halves are renamed afterwards, once
 * both graphs' arc maps are known. */
typedef struct {
    uint32_t *off, *head, *half;
    double *obj;
} rows;

static bool permute_rows(const fr_ch *ch, int d, const uint32_t *order, const uint32_t *new_of,
                         rows *out, uint32_t *arc_of)
{
    uint32_t n = ch->n_states, len = ch->off[d][n];
    out->off = g_try_new(uint32_t, (size_t)n + 1);
    out->head = g_try_new(uint32_t, (size_t)len + 1);
    out->obj = g_try_new(double, (size_t)len + 1);
    out->half = g_try_new(uint32_t, 2 * ((size_t)len + 1));
    if (!out->off || !out->head || !out->obj || !out->half)
        return false;
    uint32_t at = 0;
    for (uint32_t q = 0; q < n; q++) {
        uint32_t r = order[q];
        out->off[q] = at;
        for (uint32_t i = ch->off[d][r]; i < ch->off[d][r + 1]; i++, at++) {
            arc_of[i] = at;
            out->head[at] = new_of[ch->head[d][i]];
            out->obj[at] = ch->obj[d][i];
            out->half[2 * (size_t)at] = ch->half[d][2 * (size_t)i];
            out->half[2 * (size_t)at + 1] = ch->half[d][2 * (size_t)i + 1];
        }
    }
    out->off[n] = at;
    return true;
}

static void rows_free(rows *r)
{
    g_free(r->off), g_free(r->head), g_free(r->obj), g_free(r->half);
}

/* A shortcut's halves name the backward and the forward graph's arcs. */
static void rename_halves(rows *out, uint32_t len, uint32_t *const arc_of[2])
{
    for (uint32_t i = 0; i < len; i++) {
        uint32_t *half = &out->half[2 * (size_t)i];
        if (half[1] == HALF_EDGE)
            continue;
        half[0] = arc_of[BWD][half[0]];
        half[1] = arc_of[FWD][half[1]];
    }
}

bool fr_ch_order_for_cache(fr_ch *ch)
{
    uint32_t n = ch->n_states;
    uint32_t *order = g_try_new(uint32_t, (size_t)n + 1);
    uint32_t *new_of = g_try_new(uint32_t, (size_t)n + 1);
    uint32_t *arc_of[2] = {g_try_new(uint32_t, (size_t)ch->off[FWD][n] + 1),
                           g_try_new(uint32_t, (size_t)ch->off[BWD][n] + 1)};
    rows out[2] = {{0}, {0}};
    bool ok = order && new_of && arc_of[FWD] && arc_of[BWD] && cache_order(ch, order);
    for (uint32_t q = 0; ok && q < n; q++)
        new_of[order[q]] = q;
    for (int d = FWD; d <= BWD && ok; d++)
        ok = permute_rows(ch, d, order, new_of, &out[d], arc_of[d]);
    if (ok) {
        for (int d = FWD; d <= BWD; d++) {
            rename_halves(&out[d], ch->off[d][n], arc_of);
            g_free(ch->off[d]), g_free(ch->head[d]), g_free(ch->obj[d]), g_free(ch->half[d]);
            ch->off[d] = out[d].off, ch->head[d] = out[d].head;
            ch->obj[d] = out[d].obj, ch->half[d] = out[d].half;
        }
        for (uint32_t v = 0; v < n; v++)
            ch->rank[v] = new_of[ch->rank[v]];
    } else {
        rows_free(&out[FWD]);
        rows_free(&out[BWD]);
    }
    g_free(order), g_free(new_of), g_free(arc_of[FWD]), g_free(arc_of[BWD]);
    return ok;
}
