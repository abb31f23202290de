/* ch_figures.c - what a contraction hierarchy's arc stands for, read from
 * its halves (ch_internal.h): the original edges it unpacks to, and its
 * tie figures (time, cost, edges), which the hierarchy does not store.
 *
 * Both walk a shortcut's halves down to the original edges with an
 * explicit stack (halves may nest as deep as the hierarchy has levels),
 * the first half before the second. An original edge's figures are the
 * virtual graph's; a shortcut's are the sum of its halves', as the builder
 * summed the whole keys (ch_witness.c: the arc into the bypassed state plus
 * the arc out of it), so the sums here come out to the same bits. Every
 * arc's figures at once are summed row by row upward: a shortcut's halves
 * are in the rows of the state it bypasses, which is contracted before
 * both its ends and numbered below them. Where the objective is the cost
 * or the time, that figure of an arc is its objective (ch_figure) and is
 * not summed. */
#include "ch_internal.h"

static ch_tail edge_tail(const fr_ch *ch, uint32_t edge)
{
    return (ch_tail){ch->time[edge], ch->cost[edge], 1};
}

/* edge_tail() without the figure that is the objective (left 0): one
 * memory read less per edge where the sums are long. */
static ch_tail edge_tail_apart(const fr_ch *ch, uint32_t edge)
{
    switch (ch->same_as_obj) {
    case FIGURE_COST:
        return (ch_tail){ch->time[edge], 0, 1};
    case FIGURE_TIME:
        return (ch_tail){0, ch->cost[edge], 1};
    default:
        return edge_tail(ch, edge);
    }
}

/* t with the figure that is the objective set to graph d's arc i's. */
static ch_tail with_obj(const fr_ch *ch, int d, uint32_t i, ch_tail t)
{
    if (ch->same_as_obj == FIGURE_COST)
        t.cost = ch->obj[d][i];
    else if (ch->same_as_obj == FIGURE_TIME)
        t.time = ch->obj[d][i];
    return t;
}

/* A frame of the stack: graph d's arc i, SUM_HALVES when its halves'
 * sums are on the value stack. */
#define FRAME(d, i, sum) ((uint64_t)(i) | (uint64_t)(d) << 32 | (uint64_t)(sum) << 33)
#define SUM_HALVES 1u

static void push_frame(ch_tail_scratch *s, uint32_t *len, uint64_t frame)
{
    if (*len == s->cap_frames) {
        s->cap_frames = s->cap_frames ? 2 * s->cap_frames : 64;
        s->frames = g_renew(uint64_t, s->frames, s->cap_frames);
    }
    s->frames[(*len)++] = frame;
}

static void push_value(ch_tail_scratch *s, uint32_t *len, ch_tail value)
{
    if (*len == s->cap_values) {
        s->cap_values = s->cap_values ? 2 * s->cap_values : 64;
        s->values = g_renew(ch_tail, s->values, s->cap_values);
    }
    s->values[(*len)++] = value;
}

/* The sums of arc i's halves down to its edges, but for the figure that
 * is the objective. */
static ch_tail sum_halves(const fr_ch *ch, int d, uint32_t i, ch_tail_scratch *s)
{
    uint32_t frames = 0, values = 0;
    push_frame(s, &frames, FRAME(d, i, 0));
    while (frames > 0) {
        uint64_t f = s->frames[--frames];
        int fd = (int)((f >> 32) & 1);
        uint32_t fi = (uint32_t)f;
        const uint32_t *half = &ch->half[fd][2 * (size_t)fi];
        if ((f >> 33) & SUM_HALVES) {
            values--;
            s->values[values - 1] = tail_add(s->values[values - 1], s->values[values]);
        } else if (half[1] == HALF_EDGE) {
            push_value(s, &values, edge_tail_apart(ch, half[0]));
        } else { /* the first half's sum comes out first */
            push_frame(s, &frames, FRAME(fd, fi, SUM_HALVES));
            push_frame(s, &frames, FRAME(FWD, half[1], 0));
            push_frame(s, &frames, FRAME(BWD, half[0], 0));
        }
    }
    return s->values[0];
}

ch_tail fr_ch_arc_tail(const fr_ch *ch, int d, uint32_t i, ch_tail_scratch *s)
{
    if (arc_is_edge(ch, d, i))
        return edge_tail(ch, ch->half[d][2 * (size_t)i]);
    return with_obj(ch, d, i, sum_halves(ch, d, i, s));
}

void fr_ch_append_arc_edges(const fr_ch *ch, uint32_t arc, GArray *stack, GArray *edges)
{
    g_array_set_size(stack, 0);
    g_array_append_val(stack, arc);
    while (stack->len > 0) {
        uint32_t item = g_array_index(stack, uint32_t, stack->len - 1);
        g_array_set_size(stack, stack->len - 1);
        int d = (item & ARC_BWD) ? BWD : FWD;
        const uint32_t *half = &ch->half[d][2 * (size_t)(item & ~ARC_BWD)];
        if (half[1] == HALF_EDGE) {
            g_array_append_val(edges, half[0]);
            continue;
        }
        uint32_t first = half[0] | ARC_BWD;
        g_array_append_val(stack, half[1]);
        g_array_append_val(stack, first);
    }
}

void fr_ch_tail_scratch_clear(ch_tail_scratch *s)
{
    g_free(s->frames);
    g_free(s->values);
    *s = (ch_tail_scratch){0};
}

void fr_ch_all_tails(const fr_ch *ch, ch_tail *tails[2])
{
    uint32_t n = ch->n_states;
    for (int d = FWD; d <= BWD; d++)
        tails[d] = g_new(ch_tail, (size_t)ch->off[d][n] + 1);
    for (uint32_t r = 0; r < n; r++)
        for (int d = FWD; d <= BWD; d++)
            for (uint32_t i = ch->off[d][r]; i < ch->off[d][r + 1]; i++) {
                const uint32_t *half = &ch->half[d][2 * (size_t)i];
                tails[d][i] = half[1] == HALF_EDGE
                                  ? edge_tail(ch, half[0])
                                  : tail_add(tails[BWD][half[0]], tails[FWD][half[1]]);
            }
}
