/* alternatives.c - the k best routes by the objective that enter no
 * physical node twice (FORMAT.md §2), in order: Yen's algorithm in the
 * partition form of Lawler (1972), over the constrained search of
 * csearch.c, which also keeps every route physically simple.
 *
 * Each candidate route P is the best route of a subproblem: the routes
 * that begin with P's first d edges (the root) and do not take any of a
 * set X of edges next. Accepting P splits what is left of its subproblem
 * into the subproblems (P[0..d), X + P[d]) and, for every later index i,
 * (P[0..i), {P[i]}): disjoint, so no route is ever found twice, and
 * together they hold every route of the old subproblem except P. Solving
 * one is a "spur search" from the root's last state, which may not enter
 * the root's nodes again. Candidates wait in an array sorted by key; only
 * the k - accepted best are kept, and the worst kept one bounds the spur
 * searches (a route that could not make the list is not searched for).
 * Routes in the list differ in their sequence of virtual edges, which for
 * physically simple routes is their sequence of links and transfers.
 * Progress (the spec's fr_cancel) is the share of the k routes accepted
 * and of the last one's spur searches; a cancelled call stops early. */
#include "alternatives.h"

#include "cancel.h"

#include <string.h>

typedef struct {
    fr_key key;
    uint64_t seq;    /* creation order, for ties */
    GArray *path;    /* uint32_t virtual edges, the whole route */
    uint32_t dev;    /* the root is path[0 .. dev) */
    GArray *banned;  /* uint32_t edges barred at index dev */
} candidate;

typedef struct {
    fr_csearch *cs;
    GPtrArray *pool;     /* candidate *, best first */
    GPtrArray *accepted; /* candidate * */
    size_t k;
    uint64_t next_seq;
    fr_alternatives_stats stats;
    fr_cancel *cancel; /* the spec's; NULL: none */
} yen;

static void candidate_free(candidate *c)
{
    if (!c)
        return;
    if (c->path)
        g_array_free(c->path, TRUE);
    if (c->banned)
        g_array_free(c->banned, TRUE);
    g_free(c);
}

static int compare_candidates(const candidate *a, const candidate *b)
{
    int c = fr_key_compare(&a->key, &b->key);
    return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/* Room in the pool: candidates beyond it could never be accepted. */
static size_t pool_room(const yen *y) { return y->k - y->accepted->len; }

static void pool_insert(yen *y, candidate *c)
{
    guint pos = y->pool->len;
    while (pos > 0 && compare_candidates(g_ptr_array_index(y->pool, pos - 1), c) > 0)
        pos--;
    g_ptr_array_insert(y->pool, (gint)pos, c);
    while (y->pool->len > pool_room(y))
        candidate_free(g_ptr_array_steal_index(y->pool, y->pool->len - 1));
}

/* Solves the subproblem (path[0 .. dev), banned) and queues its best route. */
static void spur(yen *y, const GArray *path, uint32_t dev, GArray *banned)
{
    const candidate *worst = y->pool->len >= pool_room(y)
                                 ? g_ptr_array_index(y->pool, y->pool->len - 1) : NULL;
    fr_csearch_problem problem = {(const uint32_t *)path->data, dev,
                                  (const uint32_t *)banned->data, banned->len,
                                  worst ? &worst->key : NULL};
    candidate *c = g_new0(candidate, 1);
    y->stats.spur_searches++;
    c->path = fr_csearch_run(y->cs, &problem, &c->key);
    c->banned = banned;
    c->dev = dev;
    c->seq = y->next_seq++;
    if (c->path)
        pool_insert(y, c);
    else
        candidate_free(c);
}

static GArray *edge_list(const GArray *base, uint32_t extra)
{
    GArray *list = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    if (base)
        g_array_append_vals(list, base->data, base->len);
    g_array_append_val(list, extra);
    return list;
}

/* Splits what is left of accepted candidate c's subproblem. */
static void branch(yen *y, const candidate *c)
{
    double done = (double)(y->accepted->len - 1) / (double)y->k;
    for (uint32_t i = c->dev; i < c->path->len && !fr_cancel_now(y->cancel); i++) {
        uint32_t edge = g_array_index(c->path, uint32_t, i);
        spur(y, c->path, i, edge_list(i == c->dev ? c->banned : NULL, edge));
        fr_cancel_progress(y->cancel, done + (double)(i + 1 - c->dev) /
                                                 (double)(c->path->len - c->dev) / (double)y->k);
    }
}

static void run(yen *y)
{
    candidate *first = g_new0(candidate, 1);
    fr_csearch_problem all = {0};
    y->stats.spur_searches++;
    first->path = fr_csearch_run(y->cs, &all, &first->key);
    first->banned = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    if (!first->path) {
        candidate_free(first);
        return;
    }
    first->seq = y->next_seq++;
    pool_insert(y, first);
    while (y->pool->len > 0 && y->accepted->len < y->k && !fr_cancel_cancelled(y->cancel)) {
        candidate *best = g_ptr_array_steal_index(y->pool, 0);
        g_ptr_array_add(y->accepted, best);
        if (y->accepted->len < y->k)
            branch(y, best);
    }
}

GPtrArray *fr_alternatives_search(const fr_vgraph *g, const fr_search_spec *spec, size_t k,
                                  fr_alternatives_stats *stats)
{
    yen y = {fr_csearch_new(g, spec, true),
             g_ptr_array_new_with_free_func((GDestroyNotify)candidate_free),
             g_ptr_array_new_with_free_func((GDestroyNotify)candidate_free), k, 0, {0},
             spec->cancel};
    run(&y);
    GPtrArray *paths = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    for (guint i = 0; i < y.accepted->len; i++) {
        candidate *c = y.accepted->pdata[i];
        g_ptr_array_add(paths, c->path);
        c->path = NULL;
    }
    fr_csearch_get_stats(y.cs, &y.stats.search);
    if (stats)
        *stats = y.stats;
    g_ptr_array_free(y.pool, TRUE);
    g_ptr_array_free(y.accepted, TRUE);
    fr_csearch_free(y.cs);
    return paths;
}
