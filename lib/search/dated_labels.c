/* dated_labels.c - the exact label search of dated queries (dated.h).
 *
 * A label is a path from the origin (or, backward, to the destination)
 * with its summed objective figure `a`, its moment `t` (forward: arrival;
 * backward: the latest moment a box may be there), its cost and its number
 * of edges. Labels leave the queue in order of (a + lambda * hours, moment,
 * cost, edges) - forward the moment counts earlier first, backward later
 * first - which no extension decreases; one is dropped when a label already
 * settled at its state is no worse in all four (edges only when the costs
 * tie), since every extension keeps that order (FIFO edges, figures >= 0).
 * So the first final label out is the optimum, ties included, and the
 * final labels not dominated form a superset of any front over them. A
 * cancelled call (the spec's fr_cancel) ends the search early. */
#include "dated.h"
#include "cancel.h"
#include "heap.h"
#include "key.h"

#include <math.h>

static void dated_ws_free(fr_dated_ws *ws)
{
    fr_stamped_time_free(&ws->earliest);
    fr_stamped_time_free(&ws->latest);
    fr_stamped_index_free(&ws->settled);
    g_free(ws);
}

static GPrivate thread_ws = G_PRIVATE_INIT((GDestroyNotify)dated_ws_free);

fr_dated_ws *fr_dated_ws_of_thread(void)
{
    fr_dated_ws *ws = g_private_get(&thread_ws);
    if (!ws) {
        ws = g_new0(fr_dated_ws, 1);
        g_private_set(&thread_ws, ws);
    }
    return ws;
}

typedef struct {
    double a, t, cost;
    uint32_t n, state, pred, edge, next_settled;
    bool final;
} label;

typedef struct {
    double key, t, cost;
    uint32_t n, label;
} queued;

typedef struct {
    const fr_label_params *params;
    GArray *labels; /* label */
} search;

/* The moment, oriented so that smaller is better. */
static inline double better_time(const search *s, double t)
{
    return s->params->backward ? -t : t;
}

static inline bool queued_before(const search *s, const queued *x, const queued *y)
{
    (void)s;
    int c = fr_compare_figure(x->key, y->key);
    if (c == 0)
        c = fr_compare_figure(x->t, y->t);
    if (c == 0)
        c = fr_compare_figure(x->cost, y->cost);
    return c < 0 || (c == 0 && x->n < y->n);
}
FR_DEFINE_HEAP(label_heap, queued, const search *, queued_before)

#define LABEL(s, i) (&g_array_index((s)->labels, label, (i)))

static bool dominates(const label *x, const label *y, bool backward)
{
    int t = backward ? fr_compare_figure(y->t, x->t) : fr_compare_figure(x->t, y->t);
    if (fr_compare_figure(x->a, y->a) > 0 || t > 0)
        return false;
    int c = fr_compare_figure(x->cost, y->cost);
    return c < 0 || (c == 0 && x->n <= y->n);
}

static void push(search *s, label_heap *heap, const label *l)
{
    const fr_label_params *p = s->params;
    double hours = p->backward ? (p->start - l->t) / 3600 : (l->t - p->start) / 3600;
    queued q = {l->a + p->lambda * hours, better_time(s, l->t), l->cost, l->n,
                s->labels->len};
    g_array_append_val(s->labels, *l);
    label_heap_push(heap, &q, s);
}

static double edge_weight(const fr_dated_graph *dg, const fr_label_params *p, uint32_t e)
{
    if (p->weight)
        return p->weight[e];
    return p->generalized ? dg->g->cost[e] + p->carbon_price * dg->g->co2[e] : 0;
}

/* The moment after taking edge e from a label at moment t; +-INFINITY: never. */
static double step(const fr_dated_graph *dg, const fr_label_params *p, uint32_t e, double t)
{
    if (p->backward)
        return fr_timetable_latest_ready(dg->tt, e, t);
    double enter = fr_timetable_enter(dg->tt, e, t);
    return enter + dg->g->time[e] * 3600;
}

/* Whether a label may go on at all: within bounds and still in time. */
static bool viable(const fr_label_params *p, const label *l)
{
    if (l->cost > p->max_cost * (1 + FR_FIGURE_TOLERANCE))
        return false;
    if (p->backward)
        return isfinite(l->t);
    if (!isfinite(l->t) ||
        (p->latest &&
         fr_compare_figure(l->t, fr_stamped_time_get(p->latest, l->state, -INFINITY)) > 0))
        return false;
    return fr_compare_figure((l->t - p->start) / 3600, p->max_time_h) <= 0;
}

/* Whether the path of label `from` already visits `node`. */
static bool visits(const search *s, uint32_t from, uint32_t node, const fr_vgraph *g)
{
    for (uint32_t i = from; i != FR_NONE; i = LABEL(s, i)->pred)
        if (g->state_node[LABEL(s, i)->state] == node)
            return true;
    return false;
}

static void extend(const fr_dated_graph *dg, search *s, label_heap *heap, uint32_t index)
{
    const fr_vgraph *g = dg->g;
    const fr_label_params *p = s->params;
    label from = *LABEL(s, index);
    uint32_t first = p->backward ? g->in_start[from.state] : g->out_start[from.state];
    uint32_t last = p->backward ? g->in_start[from.state + 1] : g->out_start[from.state + 1];
    for (uint32_t i = first; i < last; i++) {
        uint32_t e = p->backward ? g->in_edges[i] : i;
        if (!fr_dated_edge_open(dg, e))
            continue;
        label next = {from.a + edge_weight(dg, p, e), step(dg, p, e, from.t),
                      from.cost + g->cost[e], from.n + 1,
                      p->backward ? g->edge_from[e] : g->edge_to[e], index, e, FR_NONE, false};
        bool new_node = g->state_node[next.state] != g->state_node[from.state];
        if (p->simple_k && new_node && visits(s, index, g->state_node[next.state], g))
            continue;
        if (viable(p, &next))
            push(s, heap, &next);
    }
}

/* The final label of a label at an end state, if it is one: delivered at
 * the destination (forward) or departing from the origin (backward). */
static bool finish(const fr_dated_graph *dg, const search *s, const label *l, label *out)
{
    const fr_label_params *p = s->params;
    const fr_vgraph *g = dg->g;
    if (p->backward) {
        if (!fr_state_is_out(l->state) || g->state_node[l->state] != dg->spec->origin)
            return false;
        *out = *l;
    } else {
        if (!fr_state_is_target(g, dg->spec, l->state))
            return false;
        *out = *l;
        out->t = fr_timetable_deliver(dg->tt, dg->spec->destination, l->t);
        if (fr_compare_figure(out->t, p->deadline) > 0 ||
            fr_compare_figure((out->t - p->start) / 3600, p->max_time_h) > 0)
            return false;
    }
    out->final = true;
    out->pred = (uint32_t)(l - LABEL(s, 0));
    return true;
}

/* Whether the label is dominated by one in the list at *head; if not it
 * joins the list. */
static bool settle_in(search *s, uint32_t *head, uint32_t index)
{
    label *l = LABEL(s, index);
    for (uint32_t j = *head; j != FR_NONE; j = LABEL(s, j)->next_settled)
        if (dominates(LABEL(s, j), l, s->params->backward))
            return false;
    l->next_settled = *head;
    *head = index;
    return true;
}

/* The same at the label's state. */
static bool settle(search *s, fr_stamped_index *settled, uint32_t index)
{
    uint32_t state = LABEL(s, index)->state;
    uint32_t head = fr_stamped_index_get(settled, state, FR_NONE);
    if (!settle_in(s, &head, index))
        return false;
    fr_stamped_index_set(settled, state, head);
    return true;
}

void fr_dated_path_free(fr_dated_path *path)
{
    if (!path)
        return;
    g_array_free(path->edges, TRUE);
    g_free(path);
}

static fr_dated_path *path_of(const search *s, uint32_t final_index)
{
    fr_dated_path *path = g_new0(fr_dated_path, 1);
    path->edges = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    const label *l = LABEL(s, final_index);
    path->depart = s->params->backward ? l->t : s->params->start;
    for (uint32_t i = l->pred; LABEL(s, i)->pred != FR_NONE; i = LABEL(s, i)->pred)
        g_array_append_val(path->edges, LABEL(s, i)->edge);
    if (!s->params->backward) /* collected from the end */
        for (guint i = 0, j = path->edges->len; i + 1 < j; i++, j--) {
            uint32_t x = g_array_index(path->edges, uint32_t, i);
            g_array_index(path->edges, uint32_t, i) = g_array_index(path->edges, uint32_t, j - 1);
            g_array_index(path->edges, uint32_t, j - 1) = x;
        }
    return path;
}

static void seed(const fr_dated_graph *dg, search *s, label_heap *heap)
{
    const fr_label_params *p = s->params;
    uint32_t states[FR_MODE_COUNT];
    uint32_t node = p->backward ? dg->spec->destination : dg->spec->origin;
    uint32_t n = fr_node_states(dg->g, node, !p->backward, states);
    double t = p->backward ? fr_timetable_deliver_latest(dg->tt, node, p->start) : p->start;
    for (uint32_t i = 0; i < n; i++) {
        label l = {0, t, 0, 0, states[i], FR_NONE, FR_NONE, FR_NONE, false};
        push(s, heap, &l);
    }
}

GPtrArray *fr_dated_labels(const fr_dated_graph *dg, const fr_label_params *params,
                           bool *too_many)
{
    search s = {params, g_array_new(FALSE, FALSE, sizeof(label))};
    label_heap heap = {0};
    fr_stamped_index *settled = &fr_dated_ws_of_thread()->settled;
    fr_stamped_index_reset(settled, (size_t)dg->g->n_states + 1);
    uint32_t final_head = FR_NONE; /* the final labels settle in a list of their own */
    GPtrArray *found = g_ptr_array_new_with_free_func((GDestroyNotify)fr_dated_path_free);
    seed(dg, &s, &heap);
    *too_many = false;
    while (heap.len) {
        if (fr_cancel_poll(dg->spec->cancel))
            break; /* the caller sees fr_cancel_cancelled() and discards `found` */
        if (params->simple_k && s.labels->len > FR_DATED_MAX_LABELS) {
            *too_many = true;
            break;
        }
        queued q = label_heap_pop(&heap, &s);
        label *l = LABEL(&s, q.label);
        if (l->final && params->simple_k) { /* every distinct path counts */
            g_ptr_array_add(found, path_of(&s, q.label));
            if (found->len == params->simple_k)
                break;
            continue;
        }
        if (l->final) {
            bool fresh = settle_in(&s, &final_head, q.label);
            if (fresh)
                g_ptr_array_add(found, path_of(&s, q.label));
            if (fresh && !params->front)
                break;
            continue;
        }
        if (!params->simple_k && !settle(&s, settled, q.label))
            continue;
        label done;
        if (finish(dg, &s, LABEL(&s, q.label), &done)) {
            push(&s, &heap, &done);
            continue; /* routes end at their destination (backward: start at the origin) */
        }
        extend(dg, &s, &heap, q.label);
    }
    g_free(heap.items);
    g_array_free(s.labels, TRUE);
    return found;
}
