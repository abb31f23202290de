/* ch_many.c - many-to-many routes on a contraction hierarchy by the bucket
 * method (ch_many.h).
 *
 * Both halves are full upward Dijkstra searches on one graph of the
 * hierarchy (ch_internal.h) with stall-on-demand, as fr_ch_route()'s two
 * sides are, without its pruning by the best meeting so far. A backward
 * search per destination leaves, for every rank it settles unstalled, a
 * bucket item (destination, key) and a link (the rank it was reached from,
 * the arc) to unpack the backward half with. A forward search per origin
 * scans the bucket of every rank it settles unstalled.
 *
 * Ties. A search marks a rank TIED when two of its candidate keys compare
 * equal (fr_key_compare_fast(), tolerance included) or when the rank it
 * was reached from is TIED; a row marks a destination uncertain when two
 * meetings compare equal or the best one's halves are TIED. Then another
 * search order could pick another path of the same key (with other co2,
 * distance or last bits), so fr_ch_route() answers that pair. Elsewhere
 * the least key has one path in the hierarchy, which fr_ch_route() finds
 * too, with the same sums in the same order: keys and paths are its own.
 *
 * Layout: items of one rank are contiguous (per rank offsets), in the
 * order of the destinations, their objectives and destinations apart from
 * the rest of their keys: a scan reads the rest only for a meeting that
 * does not come after its destination's best so far (at 10^5 road nodes,
 * 8% of the items scanned). The links, read only to unpack a path, are
 * kept destination by destination. The searches add whole keys, the arcs'
 * tie figures summed once per matrix (fr_ch_all_tails()). Unpacking takes
 * a shortcut's halves from the hierarchy, and each worker keeps a copy of
 * the edges of every arc it has unpacked: the paths of a row share their
 * forward arcs, those to a destination their backward ones.
 *
 * Sums without paths (vgraph.h's fr_path_sums, in path order): a row's
 * paths share their forward halves, so the sums along the forward tree
 * are worked out once per row, at each rank a path leaves it, and each
 * destination adds only its backward half's edges to them. A block of
 * rows (fr_ch_many_rows()) adds the backward halves last, destination by
 * destination over the block's rows: the halves to one destination share
 * their arcs, so their edges' figures are read from the processor's cache
 * (a copy of the figures side by side, 32 bytes a virtual edge, took the
 * same time). */
#include "ch_many.h"

#include "ch_internal.h"

#include <string.h>

#define TIED 1u
#define SETTLED 2u
#define ITEM_TIED 0x80000000u /* in bucket_item.dest: the backward half is TIED */
#define FILL_MAX_WORKERS 64u

/* ---- upward searches ------------------------------------------------------------ */

/* One upward search's scratch, indexed by rank, reset by generations. */
typedef struct {
    uint32_t capacity, generation;
    uint32_t *stamp;
    fr_key *key;
    uint32_t *pred;  /* the rank reached from, or NONE at a seed */
    uint32_t *arc;   /* the arc used, in the side's graph */
    uint8_t *flags;  /* TIED, SETTLED */
    uint32_t *index; /* per settled rank: its index in `settled` */
    open_list open;
    GArray *settled; /* uint32_t: ranks settled unstalled, in order */
} upward;

static void upward_init(upward *u)
{
    memset(u, 0, sizeof *u);
    u->settled = g_array_new(FALSE, FALSE, sizeof(uint32_t));
}

static void upward_clear(upward *u)
{
    g_free(u->stamp);
    g_free(u->key);
    g_free(u->pred);
    g_free(u->arc);
    g_free(u->flags);
    g_free(u->index);
    open_list_free(&u->open);
    g_array_free(u->settled, TRUE);
}

static void upward_begin(upward *u, uint32_t n)
{
    if (u->capacity < n) {
        g_free(u->stamp);
        u->stamp = g_new0(uint32_t, n);
        u->key = g_renew(fr_key, u->key, n);
        u->pred = g_renew(uint32_t, u->pred, n);
        u->arc = g_renew(uint32_t, u->arc, n);
        u->flags = g_renew(uint8_t, u->flags, n);
        u->index = g_renew(uint32_t, u->index, n);
        u->capacity = n;
        u->generation = 0;
    }
    if (++u->generation == 0) {
        memset(u->stamp, 0, (size_t)u->capacity * sizeof(uint32_t));
        u->generation = 1;
    }
    open_list_clear(&u->open);
    g_array_set_size(u->settled, 0);
}

static void upward_reach(upward *u, uint32_t r, const fr_key *key, uint32_t pred, uint32_t arc,
                         uint8_t flags)
{
    u->stamp[r] = u->generation;
    u->key[r] = *key;
    u->pred[r] = pred;
    u->arc[r] = arc;
    u->flags[r] = flags;
    open_list_push(&u->open, &(open_item){*key, r}, NULL);
}

/* The hierarchy and its arcs' tie figures, which upward searches read. */
typedef struct {
    const fr_ch *ch;
    ch_tail *const *tail;
} arcs_of;

/* The key of r's label followed by graph d's arc i. */
static inline fr_key through_arc(const arcs_of *a, const upward *u, uint32_t r, int d, uint32_t i)
{
    return fr_key_add(u->key[r], key_of(a->ch->obj[d][i], a->tail[d][i]));
}

/* fr_key_compare_fast() of r's label followed by graph d's arc i and key
 * b: the objectives first, the whole key (the arc's tie figures, a
 * separate array) only when they do not decide. *through is set when the
 * result is below 0. (The objective is the sum through_arc() makes, so
 * the same double wherever doubles are evaluated as doubles.) */
static inline int compare_through(const arcs_of *a, const upward *u, uint32_t r, int d,
                                  uint32_t i, const fr_key *b, fr_key *through)
{
    int c = fr_objectives_decide(u->key[r].obj + a->ch->obj[d][i], b->obj);
    if (c > 0)
        return c;
    *through = through_arc(a, u, r, d, i);
    return c ? c : fr_key_compare_fast(through, b);
}

/* Is r reached more cheaply through a higher rank (an arc of the other
 * graph)? As ch_query.c's stall-on-demand. */
static bool upward_stalled(const arcs_of *a, const upward *u, int d, uint32_t r)
{
    const fr_ch *ch = a->ch;
    int other = 1 - d;
    for (uint32_t i = ch->off[other][r]; i < ch->off[other][r + 1]; i++) {
        uint32_t y = ch->head[other][i];
        fr_key through;
        if (u->stamp[y] == u->generation &&
            compare_through(a, u, y, other, i, &u->key[r], &through) < 0)
            return true;
    }
    return false;
}

static void upward_relax(const arcs_of *a, upward *u, int d, uint32_t r)
{
    const fr_ch *ch = a->ch;
    uint8_t inherited = u->flags[r] & TIED;
    for (uint32_t i = ch->off[d][r]; i < ch->off[d][r + 1]; i++) {
        uint32_t y = ch->head[d][i];
        fr_key key;
        if (u->stamp[y] != u->generation) {
            key = through_arc(a, u, r, d, i);
            upward_reach(u, y, &key, r, i, inherited);
            continue;
        }
        int c = compare_through(a, u, r, d, i, &u->key[y], &key);
        if (c < 0)
            upward_reach(u, y, &key, r, i, inherited);
        else if (c == 0)
            u->flags[y] |= TIED;
    }
}

/* Every rank upward of states[] on graph d, into u->settled (unstalled
 * ones, in settling order) with their keys, predecessors and ties. */
static void upward_search(const arcs_of *a, upward *u, int d, const uint32_t *states,
                          uint32_t n)
{
    const fr_ch *ch = a->ch;
    upward_begin(u, ch->n_states);
    for (uint32_t i = 0; i < n; i++) {
        if (states[i] >= ch->n_states)
            continue;
        uint32_t r = ch->rank[states[i]];
        if (u->stamp[r] != u->generation)
            upward_reach(u, r, &KEY_ZERO, NONE, NONE, 0);
    }
    while (u->open.len > 0) {
        open_item top = open_list_pop(&u->open, NULL);
        uint32_t r = top.id;
        if ((u->flags[r] & SETTLED) || fr_key_compare_fast(&top.key, &u->key[r]) != 0)
            continue; /* stale */
        u->flags[r] |= SETTLED;
        if (upward_stalled(a, u, d, r))
            continue;
        u->index[r] = u->settled->len;
        g_array_append_val(u->settled, r);
        upward_relax(a, u, d, r);
    }
}

/* ---- the buckets ------------------------------------------------------------------ */

typedef struct {
    double obj, time, cost;
    uint32_t edges, dest; /* dest | ITEM_TIED */
} bucket_item;

/* The part of a bucket item that a scan reads only when the objective
 * does not put the meeting after the destination's best so far. */
typedef struct {
    double time, cost;
    uint32_t edges;
} item_tail;

/* A backward search's tree, kept per destination (contiguous: walking it
 * touches a few cache lines, where the items are spread over the ranks). */
typedef struct {
    uint32_t parent; /* the rank below on the way to the destination, as its index in the
                      * same search's links, or NONE at a destination's own state */
    uint32_t arc;    /* the backward graph's arc between them */
} bucket_link;

struct fr_ch_many {
    uint64_t serial; /* distinct for every fr_ch_many of the process (workers' caches) */
    const fr_ch *ch;
    const fr_vgraph *g;
    uint32_t n_dests;
    uint32_t *dest_node;
    uint32_t *target_off, *targets; /* per destination: its IN states */
    uint32_t *off;                  /* per rank, n_states + 1: its items */
    double *item_obj;     /* per item: its objective */
    uint32_t *item_dest;  /* per item: its destination | ITEM_TIED */
    item_tail *item_rest; /* per item: the rest of its key */
    uint32_t *item_link; /* per item: its link, an index into `links` */
    bucket_link *links;  /* destination by destination, in their searches' order */
    ch_tail *tail[2];    /* per arc of graph d: its tie figures (fr_ch_all_tails()) */
};

/* A backward search's item before it is placed: its rank and, for its
 * link, the index of its parent among the same search's items. */
typedef struct {
    bucket_item item;
    uint32_t rank, parent_local, arc;
} loose_item;

static GMutex counters_lock;
static fr_ch_many_counters counters;

/* Adds to the counters; returns the builds counted so far. */
static uint64_t count(uint64_t builds, uint64_t rows, uint64_t pairs, uint64_t tie_pairs,
                      uint64_t entries)
{
    g_mutex_lock(&counters_lock);
    uint64_t serial = counters.builds += builds;
    counters.rows += rows;
    counters.pairs += pairs;
    counters.tie_pairs += tie_pairs;
    counters.entries += entries;
    g_mutex_unlock(&counters_lock);
    return serial;
}

void fr_ch_many_get_counters(fr_ch_many_counters *c)
{
    g_mutex_lock(&counters_lock);
    *c = counters;
    g_mutex_unlock(&counters_lock);
}

/* Appends destination k's backward search to `loose`. */
static void search_destination(const fr_ch_many *m, upward *u, uint32_t k, GArray *loose)
{
    uint32_t first = m->target_off[k];
    arcs_of a = {m->ch, m->tail};
    upward_search(&a, u, BWD, m->targets + first, m->target_off[k + 1] - first);
    for (guint i = 0; i < u->settled->len; i++) {
        uint32_t r = g_array_index(u->settled, uint32_t, i), pred = u->pred[r];
        const fr_key *key = &u->key[r];
        loose_item x = {{key->obj, key->time, key->cost, key->edges,
                         k | ((u->flags[r] & TIED) ? ITEM_TIED : 0)},
                        r, NONE, NONE};
        if (pred != NONE) {
            x.parent_local = u->index[pred];
            x.arc = u->arc[r];
        }
        g_array_append_val(loose, x);
    }
}

/* ---- filling the buckets --------------------------------------------------------------
 * The destinations' searches are shared among up to `threads` workers (a
 * GLib thread pool; the calling thread alone for one) that each take the
 * next destination from an atomic counter and keep its items in an array
 * of their own; the calling thread then places them, destination by
 * destination, so the layout does not depend on who searched what. */

typedef struct {
    uint32_t part, start, len; /* destination k's items: parts[part][start .. start + len) */
} fill_where;

typedef struct {
    const fr_ch_many *m;
    GCancellable *cancellable;
    GArray **parts;    /* loose_item, per worker */
    fill_where *where; /* per destination, written by the worker that searched it */
    gint next_dest, next_part, cancelled; /* atomic */
} fill_job;

static void fill_work(fill_job *job)
{
    uint32_t part = (uint32_t)g_atomic_int_add(&job->next_part, 1);
    GArray *loose = job->parts[part];
    fr_cancel cancel; /* this thread's own */
    fr_cancel_init(&cancel, job->cancellable, NULL, NULL);
    upward u;
    upward_init(&u);
    for (;;) {
        gint k = g_atomic_int_add(&job->next_dest, 1);
        if (k >= (gint)job->m->n_dests || g_atomic_int_get(&job->cancelled))
            break;
        if (fr_cancel_now(&cancel)) {
            g_atomic_int_set(&job->cancelled, 1);
            break;
        }
        uint32_t start = loose->len;
        search_destination(job->m, &u, (uint32_t)k, loose);
        job->where[k] = (fill_where){part, start, loose->len - start};
    }
    upward_clear(&u);
}

static void fill_task(gpointer data, gpointer unused)
{
    (void)unused;
    fill_work(data);
}

/* Runs the searches; false when cancelled. */
static bool fill(fill_job *job, unsigned workers)
{
    GThreadPool *pool = workers > 1 ? g_thread_pool_new(fill_task, NULL, (gint)workers, TRUE, NULL)
                                    : NULL;
    if (pool && g_thread_pool_get_num_threads(pool) == 0) { /* none started: work alone */
        g_thread_pool_free(pool, TRUE, TRUE);
        pool = NULL;
    }
    if (!pool) {
        fill_work(job);
    } else {
        for (unsigned w = 0; w < workers; w++)
            g_thread_pool_push(pool, job, NULL);
        g_thread_pool_free(pool, FALSE, TRUE); /* waits for every task */
    }
    return !g_atomic_int_get(&job->cancelled);
}

/* Places the searches' items into the per-rank layout, destination by
 * destination. Returns how many. */
static uint32_t place_items(fr_ch_many *m, const fill_job *job)
{
    uint32_t n_ranks = m->ch->n_states, total = 0;
    m->off = g_new0(uint32_t, (size_t)n_ranks + 1);
    for (uint32_t k = 0; k < m->n_dests; k++) {
        const fill_where *w = &job->where[k];
        const loose_item *x = &g_array_index(job->parts[w->part], loose_item, w->start);
        for (uint32_t i = 0; i < w->len; i++)
            m->off[x[i].rank + 1]++;
        total += w->len;
    }
    for (uint32_t r = 0; r < n_ranks; r++)
        m->off[r + 1] += m->off[r];
    uint32_t *cursor = g_memdup2(m->off, (size_t)n_ranks * sizeof(uint32_t));
    m->item_obj = g_new(double, total ? total : 1);
    m->item_dest = g_new(uint32_t, total ? total : 1);
    m->item_rest = g_new(item_tail, total ? total : 1);
    m->item_link = g_new(uint32_t, total ? total : 1);
    m->links = g_new(bucket_link, total ? total : 1);
    for (uint32_t k = 0, base = 0; k < m->n_dests; base += job->where[k++].len) {
        const fill_where *w = &job->where[k];
        const loose_item *x = &g_array_index(job->parts[w->part], loose_item, w->start);
        for (uint32_t i = 0; i < w->len; i++) {
            uint32_t at = cursor[x[i].rank]++;
            const bucket_item *b = &x[i].item;
            m->item_obj[at] = b->obj;
            m->item_dest[at] = b->dest;
            m->item_rest[at] = (item_tail){b->time, b->cost, b->edges};
            m->item_link[at] = base + i;
            uint32_t parent = x[i].parent_local == NONE ? NONE : base + x[i].parent_local;
            m->links[base + i] = (bucket_link){parent, x[i].arc};
        }
    }
    g_free(cursor);
    return total;
}

fr_ch_many *fr_ch_many_new(const fr_ch *ch, const fr_vgraph *g, const uint32_t *dests, uint32_t n,
                           unsigned threads, GCancellable *cancellable)
{
    fr_ch_many *m = g_new0(fr_ch_many, 1);
    m->ch = ch;
    m->g = g;
    m->n_dests = n;
    m->dest_node = g_memdup2(dests, (size_t)n * sizeof(uint32_t));
    m->target_off = g_new(uint32_t, (size_t)n + 1);
    m->targets = g_new(uint32_t, (size_t)n * FR_MODE_COUNT + 1);
    m->target_off[0] = 0;
    fr_ch_all_tails(ch, m->tail);
    for (uint32_t k = 0; k < n; k++)
        m->target_off[k + 1] =
            m->target_off[k] + fr_node_states(g, dests[k], false, m->targets + m->target_off[k]);
    unsigned workers = MAX(1u, MIN(MIN(threads, FILL_MAX_WORKERS), n));
    fill_job job = {m, cancellable, g_new(GArray *, workers), g_new0(fill_where, (size_t)n + 1),
                    0, 0, 0};
    for (unsigned w = 0; w < workers; w++)
        job.parts[w] = g_array_new(FALSE, FALSE, sizeof(loose_item));
    bool done = fill(&job, workers);
    if (done) {
        uint32_t entries = place_items(m, &job);
        m->serial = count(1, 0, 0, 0, entries);
    }
    for (unsigned w = 0; w < workers; w++)
        g_array_free(job.parts[w], TRUE);
    g_free(job.parts);
    g_free(job.where);
    if (!done) {
        fr_ch_many_free(m);
        return NULL;
    }
    return m;
}

void fr_ch_many_free(fr_ch_many *m)
{
    if (!m)
        return;
    g_free(m->dest_node);
    g_free(m->target_off);
    g_free(m->targets);
    g_free(m->off);
    g_free(m->item_obj);
    g_free(m->item_dest);
    g_free(m->item_rest);
    g_free(m->links);
    g_free(m->item_link);
    g_free(m->tail[FWD]);
    g_free(m->tail[BWD]);
    g_free(m);
}

/* ---- rows ---------------------------------------------------------------------------- */

struct fr_ch_many_ws {
    upward fwd;
    uint32_t n_dests;      /* the size of the arrays below */
    fr_key *best;          /* per destination: the least key so far */
    double *best_above;    /* its fr_objective_bounds_of().above, INFINITY: none yet */
    uint32_t *meet_item;   /* its bucket item, or NONE: none yet */
    uint32_t *meet;        /* that item's rank */
    uint8_t *uncertain;    /* a tie could make fr_ch_route() pick another path */
    fr_ch_workspace *ch;   /* fr_ch_route() for ties */
    GArray *stack, *edges;                 /* uint32_t: unpacking's scratch, the path's edges */
    uint32_t *chain; /* the path's arcs in the hierarchy; forward_prefix()'s ranks */
    uint64_t cache_of;                     /* the serial of the buckets the cache is for */
    uint64_t *cached[2];                   /* per arc: where it is in `cache` */
    uint32_t *cache;
    size_t cache_len, cache_cap;
    GArray *unpacked; /* uint32_t: the edges of an arc not cached */
    /* per rank the forward search settled (by its index there): the sums
     * of the forward path to it, once worked out (prefix_done) */
    fr_path_sums *prefix;
    uint8_t *prefix_done;
    uint32_t prefix_cap;
    uint32_t *later; /* fr_ch_many_rows(): per cell, answer()'s `later` */
    size_t later_cap;
};

fr_ch_many_ws *fr_ch_many_ws_new(void)
{
    fr_ch_many_ws *ws = g_new0(fr_ch_many_ws, 1);
    upward_init(&ws->fwd);
    ws->ch = fr_ch_workspace_new();
    ws->stack = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    ws->edges = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    ws->unpacked = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    return ws;
}

void fr_ch_many_ws_free(fr_ch_many_ws *ws)
{
    if (!ws)
        return;
    upward_clear(&ws->fwd);
    g_free(ws->best);
    g_free(ws->best_above);
    g_free(ws->meet_item);
    g_free(ws->meet);
    g_free(ws->uncertain);
    fr_ch_workspace_free(ws->ch);
    g_array_free(ws->stack, TRUE);
    g_array_free(ws->edges, TRUE);
    g_free(ws->chain);
    g_free(ws->cached[FWD]);
    g_free(ws->cached[BWD]);
    g_free(ws->cache);
    g_array_free(ws->unpacked, TRUE);
    g_free(ws->prefix);
    g_free(ws->prefix_done);
    g_free(ws->later);
    g_free(ws);
}

static void cache_begin(const fr_ch_many *m, fr_ch_many_ws *ws);

static void row_begin(const fr_ch_many *m, fr_ch_many_ws *ws)
{
    uint32_t n = m->n_dests;
    if (ws->n_dests < n) {
        ws->best = g_renew(fr_key, ws->best, n);
        ws->best_above = g_renew(double, ws->best_above, n);
        ws->meet_item = g_renew(uint32_t, ws->meet_item, n);
        ws->meet = g_renew(uint32_t, ws->meet, n);
        ws->uncertain = g_renew(uint8_t, ws->uncertain, n);
        ws->n_dests = n;
    }
    cache_begin(m, ws);
    for (uint32_t k = 0; k < n; k++) {
        ws->meet_item[k] = NONE;
        ws->best_above[k] = INFINITY;
    }
    uint32_t settled = ws->fwd.settled->len;
    if (ws->prefix_cap < settled) {
        ws->prefix = g_renew(fr_path_sums, ws->prefix, settled);
        ws->prefix_done = g_renew(uint8_t, ws->prefix_done, settled);
        ws->prefix_cap = settled;
    }
    if (settled)
        memset(ws->prefix_done, 0, settled);
}

/* Bucket item i, met at rank r (the forward search's key up, TIED or
 * not), against destination k's best meeting so far. */
static void meet(const fr_ch_many *m, fr_ch_many_ws *ws, uint32_t r, const fr_key *up,
                 bool up_tied, uint32_t i, uint32_t k)
{
    const item_tail *b = &m->item_rest[i];
    fr_key total = {up->obj + m->item_obj[i], up->time + b->time, up->cost + b->cost,
                    up->edges + b->edges};
    int c = ws->meet_item[k] == NONE ? -1 : fr_key_compare_fast(&total, &ws->best[k]);
    if (c < 0) {
        ws->best[k] = total;
        ws->best_above[k] = fr_objective_bounds_of(total.obj).above;
        ws->meet_item[k] = i;
        ws->meet[k] = r;
        ws->uncertain[k] = up_tied || (m->item_dest[i] & ITEM_TIED);
    } else if (c == 0) {
        ws->uncertain[k] = 1;
    }
}

/* The buckets of every rank the forward search settled: the least meeting
 * per destination, and whether a tie leaves it uncertain. An item whose
 * objective lies above its destination's best's bounds comes after it
 * (fr_objective_bounds_of()): one comparison, the rest of its key unread. */
static void scan_buckets(const fr_ch_many *m, fr_ch_many_ws *ws)
{
    const upward *u = &ws->fwd;
    for (guint s = 0; s < u->settled->len; s++) {
        uint32_t r = g_array_index(u->settled, uint32_t, s);
        const fr_key *up = &u->key[r];
        double up_obj = up->obj;
        for (uint32_t i = m->off[r]; i < m->off[r + 1]; i++) {
            uint32_t k = m->item_dest[i] & ~ITEM_TIED;
            if (up_obj + m->item_obj[i] > ws->best_above[k])
                continue;
            meet(m, ws, r, up, u->flags[r] & TIED, i, k);
        }
    }
}

/* The worker's copies of the shortcuts it has unpacked (paths share most
 * of their arcs: an origin's with its forward tree, a destination's with
 * its backward one), up to CACHE_MAX edges in all. */
#define CACHE_MAX ((size_t)1 << 24)

static void cache_begin(const fr_ch_many *m, fr_ch_many_ws *ws)
{
    if (ws->cache_of == m->serial)
        return;
    for (int d = FWD; d <= BWD; d++) {
        g_free(ws->cached[d]);
        ws->cached[d] = g_new0(uint64_t, (size_t)m->ch->off[d][m->ch->n_states] + 1);
    }
    g_free(ws->chain); /* a path has at most two arcs per rank */
    ws->chain = g_new(uint32_t, 2 * (size_t)m->ch->n_states + 1);
    ws->cache_len = 0;
    ws->cache_of = m->serial;
}

/* Arc `item`'s original edges in path order, *len of them: from the cache,
 * or unpacked into ws->unpacked (and then cached, while there is room). */
static const uint32_t *arc_edges(const fr_ch_many *m, fr_ch_many_ws *ws, uint32_t item,
                                 size_t *len)
{
    int d = (item & ARC_BWD) ? BWD : FWD;
    uint32_t i = item & ~ARC_BWD;
    if (arc_is_edge(m->ch, d, i)) {
        *len = 1;
        return &m->ch->half[d][2 * (size_t)i];
    }
    uint64_t c = ws->cached[d][i]; /* (start + 1) << 32 | length, 0: not cached */
    if (c) {
        *len = (uint32_t)c;
        return ws->cache + (uint32_t)(c >> 32) - 1;
    }
    g_array_set_size(ws->unpacked, 0);
    fr_ch_append_arc_edges(m->ch, item, ws->stack, ws->unpacked);
    const uint32_t *edges = (const uint32_t *)(void *)ws->unpacked->data;
    *len = ws->unpacked->len;
    if (ws->cache_len + *len > CACHE_MAX)
        return edges;
    if (ws->cache_len + *len > ws->cache_cap) {
        ws->cache_cap = MAX(2 * ws->cache_cap, MAX(ws->cache_len + *len, 4096));
        ws->cache = g_renew(uint32_t, ws->cache, ws->cache_cap);
    }
    memcpy(ws->cache + ws->cache_len, edges, *len * sizeof(uint32_t));
    ws->cached[d][i] = (uint64_t)(ws->cache_len + 1) << 32 | *len;
    ws->cache_len += *len;
    return edges;
}

/* Appends arc `item`'s original edges to ws->edges. */
static void append_arc(const fr_ch_many *m, fr_ch_many_ws *ws, uint32_t item)
{
    size_t len;
    const uint32_t *edges = arc_edges(m, ws, item, &len);
    g_array_append_vals(ws->edges, edges, (guint)len);
}

/* Adds arc `item`'s edges to s, in path order. */
static void add_arc_sums(const fr_ch_many *m, fr_ch_many_ws *ws, uint32_t item, fr_path_sums *s)
{
    size_t len;
    const uint32_t *edges = arc_edges(m, ws, item, &len);
    fr_path_sums t = *s; /* kept in registers */
    for (size_t j = 0; j < len; j++)
        fr_path_sums_add(&t, m->g, edges[j]);
    *s = t;
}

/* Appends the original edges of destination k's path to `path`: its arcs
 * in the hierarchy, forward half then backward half. */
static void unpack_path(const fr_ch_many *m, fr_ch_many_ws *ws, uint32_t k, GArray *path)
{
    const upward *u = &ws->fwd;
    uint32_t n = 0;
    /* the forward half, walked from the meeting up to the origin, then reversed */
    for (uint32_t r = ws->meet[k]; u->pred[r] != NONE; r = u->pred[r])
        ws->chain[n++] = u->arc[r];
    for (uint32_t a = 0, b = n; a + 1 < b; a++, b--) {
        uint32_t t = ws->chain[a];
        ws->chain[a] = ws->chain[b - 1];
        ws->chain[b - 1] = t;
    }
    /* the backward half, walked from the meeting down */
    for (uint32_t l = m->item_link[ws->meet_item[k]]; m->links[l].parent != NONE;
         l = m->links[l].parent)
        ws->chain[n++] = m->links[l].arc | ARC_BWD;
    g_array_set_size(ws->edges, 0);
    for (uint32_t a = 0; a < n; a++)
        append_arc(m, ws, ws->chain[a]);
    g_array_append_vals(path, ws->edges->data, ws->edges->len);
}

/* The sums of the forward path from the origin to rank r, which the
 * forward search settled: worked out once per row and rank, from its
 * nearest predecessor (towards the origin) whose sums are known (the
 * ranks reached from one share their path up to there). */
static const fr_path_sums *forward_prefix(const fr_ch_many *m, fr_ch_many_ws *ws, uint32_t r)
{
    const upward *u = &ws->fwd;
    uint32_t n = 0, x = r;
    while (!ws->prefix_done[u->index[x]] && u->pred[x] != NONE) {
        ws->chain[n++] = x;
        x = u->pred[x];
    }
    if (!ws->prefix_done[u->index[x]]) { /* x is the origin's state */
        ws->prefix[u->index[x]] = (fr_path_sums){0};
        ws->prefix_done[u->index[x]] = 1;
    }
    while (n > 0) {
        uint32_t y = ws->chain[--n];
        fr_path_sums s = ws->prefix[u->index[u->pred[y]]];
        add_arc_sums(m, ws, u->arc[y], &s);
        ws->prefix[u->index[y]] = s;
        ws->prefix_done[u->index[y]] = 1;
    }
    return &ws->prefix[u->index[r]];
}

/* The sums of edges[from ..], in order. */
static void sum_edges(const fr_vgraph *g, const GArray *edges, guint from, fr_path_sums *sums)
{
    *sums = (fr_path_sums){0};
    for (guint i = from; i < edges->len; i++)
        fr_path_sums_add(sums, g, g_array_index(edges, uint32_t, i));
}

/* Destination k's answer, once the buckets are scanned: its key, path and
 * sums (either may be NULL) from the two halves, or from fr_ch_route() when
 * uncertain. Sums without a path are left half done: the forward half's,
 * with *later the bucket item whose backward half add_backward_halves()
 * adds (NONE: the sums are whole). Whether k is reached. */
static bool answer(const fr_ch_many *m, fr_ch_many_ws *ws, const uint32_t *sources,
                   uint32_t n_sources, uint32_t k, fr_key *key, GArray *path, fr_path_sums *sums,
                   uint32_t *later)
{
    *later = NONE;
    if (ws->meet_item[k] == NONE)
        return false;
    GArray *edges = path ? path : ws->edges;
    guint before = path ? path->len : 0;
    if (ws->uncertain[k]) {
        uint32_t first = m->target_off[k];
        g_array_set_size(ws->edges, 0);
        if (!fr_ch_route(m->ch, ws->ch, sources, n_sources, m->targets + first,
                         m->target_off[k + 1] - first, key, path || sums ? edges : NULL))
            return false;
    } else {
        *key = ws->best[k];
        if (path) {
            unpack_path(m, ws, k, path);
        } else if (sums) {
            *sums = *forward_prefix(m, ws, ws->meet[k]);
            *later = ws->meet_item[k];
        }
        if (!path || !sums)
            return true;
    }
    if (sums)
        sum_edges(m->g, edges, before, sums);
    return true;
}

/* One row: the forward search from `origin`, its scan of the buckets and
 * every destination's answer (later: per destination, answer()'s, or
 * NULL when there are paths or no sums). Adds to the pair counts. */
static void answer_row(const fr_ch_many *m, fr_ch_many_ws *ws, uint32_t origin, bool *reached,
                       fr_key *keys, GArray **paths, fr_path_sums *sums, uint32_t *later,
                       uint64_t *pairs, uint64_t *ties)
{
    uint32_t sources[FR_MODE_COUNT];
    uint32_t n_sources = fr_node_states(m->g, origin, true, sources);
    arcs_of a = {m->ch, m->tail};
    upward_search(&a, &ws->fwd, FWD, sources, n_sources);
    row_begin(m, ws);
    scan_buckets(m, ws);
    for (uint32_t k = 0; k < m->n_dests; k++) {
        uint32_t none;
        uint32_t *later_k = later ? &later[k] : &none;
        *later_k = NONE;
        reached[k] = m->dest_node[k] != origin &&
                     answer(m, ws, sources, n_sources, k, &keys[k], paths ? paths[k] : NULL,
                            sums ? &sums[k] : NULL, later_k);
        *pairs += reached[k];
        *ties += reached[k] && ws->uncertain[k];
    }
}

/* Adds to the n rows' sums (n_dests apart) the backward halves answer()
 * left: destination by destination, so that the part of the hierarchy a
 * destination's halves go through is read for all the rows at once. */
static void add_backward_halves(const fr_ch_many *m, fr_ch_many_ws *ws, uint32_t n,
                                fr_path_sums *sums, const uint32_t *later)
{
    for (uint32_t k = 0; k < m->n_dests; k++)
        for (uint32_t b = 0; b < n; b++) {
            size_t at = (size_t)b * m->n_dests + k;
            if (later[at] == NONE)
                continue;
            fr_path_sums s = sums[at];
            for (uint32_t l = m->item_link[later[at]]; m->links[l].parent != NONE;
                 l = m->links[l].parent)
                add_arc_sums(m, ws, m->links[l].arc | ARC_BWD, &s);
            sums[at] = s;
        }
}

bool fr_ch_many_rows(const fr_ch_many *m, fr_ch_many_ws *ws, const uint32_t *origins, uint32_t n,
                     bool *reached, fr_key *keys, fr_path_sums *sums, fr_cancel *cancel)
{
    size_t cells = (size_t)n * m->n_dests;
    if (sums && ws->later_cap < cells) {
        ws->later = g_renew(uint32_t, ws->later, cells);
        ws->later_cap = cells;
    }
    uint64_t pairs = 0, ties = 0;
    for (uint32_t b = 0; b < n; b++) {
        if (cancel && fr_cancel_now(cancel))
            return false;
        size_t at = (size_t)b * m->n_dests;
        answer_row(m, ws, origins[b], reached + at, keys + at, NULL, sums ? sums + at : NULL,
                   sums ? ws->later + at : NULL, &pairs, &ties);
    }
    if (sums)
        add_backward_halves(m, ws, n, sums, ws->later);
    count(0, n, pairs, ties, 0);
    return true;
}

void fr_ch_many_row(const fr_ch_many *m, fr_ch_many_ws *ws, uint32_t origin, bool *reached,
                    fr_key *keys, GArray **paths, fr_path_sums *sums)
{
    if (!paths) {
        fr_ch_many_rows(m, ws, &origin, 1, reached, keys, sums, NULL);
        return;
    }
    uint64_t pairs = 0, ties = 0;
    answer_row(m, ws, origin, reached, keys, paths, sums, NULL, &pairs, &ties);
    count(0, 1, pairs, ties, 0);
}
