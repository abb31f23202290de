/* matrix.c - origin-destination matrices: the best route of one query for
 * every origin x destination pair, computed in parallel (the matrix's
 * accessors are result/matrix.c, its CSV and JSON result/matrix_render.c).
 *
 * The query is checked once against the network, as fr_network_route()
 * checks it for a pair. Then one search per distinct origin: a one-to-many
 * Dijkstra of the engine to every distinct destination (or, for a query
 * with bounds, the constrained search of csearch.c once per pair). A
 * cell's totals are summed over its path's virtual edges in path order and
 * scaled as fr_route_new_from_path() and fr_route_total_*() do, so they
 * equal the route's to the bit.
 *
 * Where fr_network_route() would answer the pairs with the prepared
 * contraction hierarchy (uses_hierarchy(): the same decision), the matrix
 * uses it too, by the bucket method of search/ch_many.c: one backward
 * upward search per distinct destination fills the buckets (before the
 * origins' workers start, with as many threads; they look at the
 * cancellable before every destination), then each origin's search is one
 * forward upward search scanning them.
 * Its paths are fr_ch_route()'s, so the cells are again the routes'.
 * Unless routes are kept, it returns the paths' sums alone (taken in the
 * same order), without the paths, for a block of origins at once
 * (block_rows(); fr_ch_many_rows() sums the block's backward halves
 * destination by destination, from the cache).
 *
 * Parallel: a GLib thread pool whose workers each take the next distinct
 * origin (or block of them) from an atomic counter, search with a
 * workspace of their own and write only those origins' rows; nothing in a
 * search takes a lock. The calling thread waits and reports progress. With
 * one thread the calling thread does the work itself.
 *
 * Cancellation: each worker looks at the query's cancellable before every
 * origin (fr_ch_many_rows() too, inside a block; the constrained and dated
 * searches poll it through a fr_cancel of the worker's own); once one has
 * seen it cancelled the others only count their rows, and the call fails
 * with FR_ERROR_CANCELLED. The query's progress function hears the share
 * of origins done, from the calling thread, as fr_matrix_options.progress.
 *
 * Dated queries (a departure or a deadline) take the dated search once per
 * pair, each dated for its own origin (the departure's local date there);
 * a cell's time is then arrival - departure, as a dated route's. Undated
 * queries on another date than the reference date search a graph built
 * for that date. */
#include "algorithm.h"
#include "cancel.h"
#include "ch_many.h"
#include "csearch.h"
#include "dated.h"
#include "error.h"
#include "lookup.h"
#include "matrix.h"

#include <string.h>

/* ---- checking the query --------------------------------------------------- */

/* Node indices of ids; FR_ERROR_QUERY naming an unknown one and its role. */
static bool resolve_ids(const fr_network *net, const char *const *ids, size_t n, const char *role,
                        uint32_t *out, GError **error)
{
    for (size_t i = 0; i < n; i++) {
        long index = fr_model_node_lookup(&net->model, ids[i]);
        if (index < 0) {
            GString *msg = g_string_new(NULL);
            g_string_printf(msg, "unknown %s node '%s'", role, ids[i] ? ids[i] : "(none)");
            fr_lookup_append_node_hint(msg, net, ids[i]);
            fr_query_error(error, "%s", msg->str);
            g_string_free(msg, TRUE);
            return false;
        }
        out[i] = (uint32_t)index;
    }
    return true;
}

/* Whether the query names node n, or its country, among the places to avoid. */
static bool named_avoided(const fr_network *net, const fr_query *q, uint32_t n)
{
    const fr_node *node = FR_NODE(&net->model, n);
    for (guint i = 0; i < q->avoid_nodes->len; i++)
        if (g_str_equal(g_ptr_array_index(q->avoid_nodes, i), node->id))
            return true;
    for (guint i = 0; i < q->avoid_countries->len; i++)
        if (g_str_equal(g_ptr_array_index(q->avoid_countries, i), node->country))
            return true;
    return false;
}

/* Two distinct nodes to check the query with, as fr_network_route() checks
 * a pair: an origin and a destination of the lists when they have such a
 * pair, else the one listed node and another, one the query does not avoid
 * if there is one. False when the network has no other node. */
static bool probe_pair(const fr_network *net, const fr_query *q, const uint32_t *orig, size_t n_o,
                       const uint32_t *dest, size_t n_d, uint32_t probe[2])
{
    size_t other = 0; /* a destination other than dest[0], if any */
    while (other < n_d && dest[other] == dest[0])
        other++;
    for (size_t i = 0; i < n_o; i++)
        if (orig[i] != dest[0] || other < n_d) {
            probe[0] = orig[i];
            probe[1] = orig[i] != dest[0] ? dest[0] : dest[other];
            return true;
        }
    probe[0] = orig[0]; /* every listed id is this node */
    long any = -1;
    for (uint32_t n = 0; n < net->model.nodes->len; n++) {
        if (n == orig[0])
            continue;
        if (!named_avoided(net, q, n)) {
            probe[1] = n;
            return true;
        }
        if (any < 0)
            any = n;
    }
    probe[1] = (uint32_t)any;
    return any >= 0;
}

static bool check_not_avoided(const fr_network *net, const fr_search_spec *spec,
                              const uint32_t *nodes, size_t n, const char *role, GError **error)
{
    for (size_t i = 0; i < n; i++)
        if (spec->node_blocked[nodes[i]])
            return fr_query_error(error, "the %s '%s' (%s) is avoided by the query", role,
                                  FR_NODE(&net->model, nodes[i])->id, FR_NODE(&net->model, nodes[i])->country);
    return true;
}

/* A network of one node has no links, so no search runs on it. What
 * matters is that fr_search_spec_init() gets past the query's figures to
 * its same-node error, and that the node is not avoided. */
static bool check_single_node(const fr_network *net, const fr_query *query, uint32_t node,
                              GError **error)
{
    const fr_node *x = FR_NODE(&net->model, node);
    fr_query *copy = fr_query_copy(query);
    fr_query_set_endpoints(copy, x->id, x->id);
    fr_search_spec spec;
    GError *local = NULL;
    if (fr_search_spec_init(&spec, &net->model, copy, &local))
        fr_search_spec_clear(&spec);
    fr_query_free(copy);
    char *same = g_strdup_printf("origin and destination are the same node '%s'", x->id);
    bool figures_ok = !local || g_str_equal(local->message, same);
    g_free(same);
    if (!figures_ok) {
        g_propagate_error(error, local);
        return false;
    }
    g_clear_error(&local);
    if (named_avoided(net, query, node))
        return fr_query_error(error, "the origin '%s' (%s) is avoided by the query", x->id,
                              x->country);
    return true;
}

/* The query resolved for the matrix's searches (their endpoints are set per
 * search); FR_ERROR_QUERY as fr_network_route() gives it for some pair.
 * In a network of one node the spec stays empty: no search runs there. */
static bool matrix_spec_init(fr_search_spec *spec, const fr_network *net, const fr_query *query,
                             const uint32_t *orig, size_t n_o, const uint32_t *dest, size_t n_d,
                             GError **error)
{
    uint32_t probe[2];
    memset(spec, 0, sizeof *spec);
    if (!probe_pair(net, query, orig, n_o, dest, n_d, probe))
        return check_single_node(net, query, orig[0], error);
    fr_query *copy = fr_query_copy(query);
    fr_query_set_endpoints(copy, FR_NODE(&net->model, probe[0])->id, FR_NODE(&net->model, probe[1])->id);
    bool ok = fr_search_spec_init(spec, &net->model, copy, error);
    fr_query_free(copy);
    if (ok && (!check_not_avoided(net, spec, orig, n_o, "origin", error) ||
               !check_not_avoided(net, spec, dest, n_d, "destination", error) ||
               (spec->dated && !fr_dated_check(spec, error)))) {
        fr_search_spec_clear(spec);
        ok = false;
    }
    return ok;
}

/* ---- one origin's searches ------------------------------------------------ */

/* What every worker reads (never writes, except its own rows and the
 * counters). Origins and destinations are searched once per distinct node:
 * rows with the same origin are filled from one search. */
typedef struct {
    const fr_network *net;
    const fr_vgraph *g;         /* the graph searched: the query's date's, or running times */
    fr_route_context ctx;       /* for the routes kept */
    const fr_query *query;      /* the template: objective, quantity, ... */
    const fr_search_spec *spec; /* its resolution; origin/destination set per search */
    const fr_ch_many *many;     /* the hierarchy's buckets of uniq_dests, or NULL */
    bool bounded, dated, keep_routes;
    fr_matrix *m;
    uint32_t *origin_nodes;      /* per row */
    uint32_t *uniq_origins;      /* distinct origin nodes, in order of first row */
    uint32_t *first_row, *next_row; /* rows of a distinct origin: a list through next_row */
    uint32_t n_uniq_origins;
    uint32_t *uniq_dests;        /* distinct destination nodes */
    uint32_t *dest_slot;         /* per column: its index in uniq_dests */
    uint32_t n_uniq_dests;
    uint32_t block;              /* distinct origins a worker claims at once (block_rows()) */
    gint next_origin;            /* the next distinct origin to claim (atomic) */
    /* progress: rows done, under `lock`; the calling thread waits on `cond` */
    GMutex lock;
    GCond cond;
    size_t rows_done;
    bool inline_run; /* the calling thread works: it reports progress itself */
    gint64 last_report;
    void (*progress)(size_t, size_t, void *);
    void *user_data;
    fr_cancel caller; /* the query's progress, from the calling thread only */
    gint cancelled;   /* a worker saw the query's cancellable cancelled (atomic) */
} matrix_job;

/* A worker's scratch, per distinct destination: reached, key, path (or
 * the path's sums alone, from the hierarchy without kept routes); reached,
 * keys and sums for each of a block's origins in turn. */
typedef struct {
    bool *reached;
    fr_key *keys;
    GArray **paths;
    fr_path_sums *sums;
    bool summed; /* this row has sums, not paths */
    double *depart, *arrive; /* dated queries: the path's departure and delivery */
    fr_query *pair_query;    /* for routes: the template with a pair's endpoints */
} scratch;

static void scratch_init(scratch *s, const matrix_job *job)
{
    uint32_t n = job->n_uniq_dests;
    size_t cells = (size_t)job->block * n;
    s->reached = g_new0(bool, cells);
    s->keys = g_new(fr_key, cells);
    s->sums = g_new(fr_path_sums, cells);
    s->summed = false;
    s->paths = g_new(GArray *, n);
    for (uint32_t k = 0; k < n; k++)
        s->paths[k] = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    s->depart = g_new(double, n);
    s->arrive = g_new(double, n);
    s->pair_query = job->keep_routes ? fr_query_copy(job->query) : NULL;
}

static void scratch_clear(scratch *s, const matrix_job *job)
{
    for (uint32_t k = 0; k < job->n_uniq_dests; k++)
        g_array_free(s->paths[k], TRUE);
    g_free(s->paths);
    g_free(s->keys);
    g_free(s->sums);
    g_free(s->reached);
    g_free(s->depart);
    g_free(s->arrive);
    fr_query_free(s->pair_query);
}

/* The dated route of one pair into slot k of s. */
static void search_dated_pair(const matrix_job *job, scratch *s, fr_search_spec *spec, uint32_t k)
{
    const fr_network *net = job->net;
    fr_search_spec_redate(spec, &net->model);
    fr_dated_graph dg;
    fr_dated_graph_init(&dg, &net->model, &net->timetable, spec);
    fr_dated_path *path = fr_dated_route(&dg, NULL); /* checked: answers, or finds none */
    if (!path)
        return;
    g_array_append_vals(s->paths[k], path->edges->data, path->edges->len);
    s->depart[k] = path->depart;
    s->arrive[k] = fr_dated_arrival(&dg, path);
    s->reached[k] = true;
    fr_dated_path_free(path);
}

/* Routes from `origin` to every distinct destination into s: one search to
 * all of them, or with bounds or dates one search per destination. */
static void search_origin(const matrix_job *job, scratch *s, fr_workspace *ws,
                          fr_ch_many_ws *many_ws, uint32_t origin, fr_cancel *cancel)
{
    fr_search_spec spec = *job->spec;
    spec.origin = origin;
    spec.cancel = cancel; /* the worker's own */
    s->summed = false;
    bool any = false;
    for (uint32_t k = 0; k < job->n_uniq_dests; k++) {
        g_array_set_size(s->paths[k], 0);
        s->reached[k] = false;
        any = any || job->uniq_dests[k] != origin;
    }
    if (!any)
        return; /* every destination is the origin (and the spec may be empty) */
    if (job->many) { /* routes kept: the paths (else search_origins() took the block) */
        fr_ch_many_row(job->many, many_ws, origin, s->reached, s->keys, s->paths, NULL);
        return;
    }
    if (!job->bounded && !job->dated) {
        fr_engine_one_to_many(ws, job->g, &spec, job->uniq_dests, job->n_uniq_dests, s->reached,
                              s->keys, s->paths);
        return;
    }
    for (uint32_t k = 0; k < job->n_uniq_dests; k++) {
        if (job->uniq_dests[k] == origin)
            continue;
        spec.destination = job->uniq_dests[k];
        if (fr_cancel_cancelled(cancel))
            return;
        if (job->dated) {
            search_dated_pair(job, s, &spec, k);
            continue;
        }
        GArray *path = fr_search_bounded_path(job->g, &spec);
        if (path) {
            g_array_append_vals(s->paths[k], path->data, path->len);
            s->reached[k] = true;
            g_array_free(path, TRUE);
        }
    }
}

/* Routes from distinct origins u .. u + count (count > 1 only with the
 * hierarchy's sums) into s: the block from the hierarchy's buckets at
 * once, row after row in s, or the one origin's. A block cancelled part
 * way is left unfinished: work() sees the cancellation and fills no row. */
static void search_origins(const matrix_job *job, scratch *s, fr_workspace *ws,
                           fr_ch_many_ws *many_ws, uint32_t u, uint32_t count, fr_cancel *cancel)
{
    if (job->many && !job->keep_routes) {
        s->summed = true;
        (void)fr_ch_many_rows(job->many, many_ws, job->uniq_origins + u, count, s->reached,
                              s->keys, s->sums, cancel);
        return;
    }
    search_origin(job, s, ws, many_ws, job->uniq_origins[u], cancel);
}

/* A route's cell: the path's figures summed in path order, per TEU, then
 * scaled to the quantity, as fr_route_new_from_path() and
 * fr_route_total_*() and fr_route_objective_value() do; a dated path's
 * time is its arrival - departure (hours), as fr_route_new_dated() has it. */
static fr_cell cell_of_sums(const fr_query *q, const fr_path_sums *sums, double dated_time)
{
    double cost = sums->cost, time = sums->time, co2 = sums->co2, distance = sums->distance;
    uint32_t transfers = sums->transfers;
    if (!isnan(dated_time))
        time = dated_time;
    fr_cell c = {cost * q->quantity, time, co2 * q->quantity, distance, 0, transfers,
                 FR_CELL_ROUTE};
    switch (q->objective) {
    case FR_OBJECTIVE_TIME: c.objective = time; break;
    case FR_OBJECTIVE_DISTANCE: c.objective = distance; break;
    case FR_OBJECTIVE_CO2: c.objective = co2 * q->quantity; break;
    case FR_OBJECTIVE_GENERALIZED:
        c.objective = q->quantity * (cost + q->value_of_time * time + q->carbon_price * co2);
        break;
    case FR_OBJECTIVE_COST:
    default: c.objective = cost * q->quantity; break;
    }
    return c;
}

/* The route of cell (i, j), searched into slot k of s. */
static fr_route *kept_route(const matrix_job *job, scratch *s, size_t i, size_t j, uint32_t k)
{
    const fr_matrix *m = job->m;
    fr_query_set_endpoints(s->pair_query, m->origins[i], m->destinations[j]);
    if (job->dated)
        return fr_route_new_dated(&job->ctx, s->pair_query, &job->net->timetable, s->paths[k],
                                  s->depart[k]);
    return fr_route_new_from_path(&job->ctx, s->pair_query, s->paths[k]);
}

/* Slot k's path sums: the search's (row b of the block's), or summed over
 * its path. */
static fr_path_sums sums_of(const matrix_job *job, const scratch *s, uint32_t b, uint32_t k)
{
    if (s->summed)
        return s->sums[(size_t)b * job->n_uniq_dests + k];
    fr_path_sums sums = {0};
    for (guint e = 0; e < s->paths[k]->len; e++)
        fr_path_sums_add(&sums, job->g, g_array_index(s->paths[k], uint32_t, e));
    return sums;
}

/* Fills row i, whose origin was just searched into s as the block's row b. */
static void fill_row(const matrix_job *job, scratch *s, uint32_t b, size_t i)
{
    fr_matrix *m = job->m;
    uint32_t origin = job->origin_nodes[i];
    const bool *reached = s->reached + (size_t)b * job->n_uniq_dests;
    for (size_t j = 0; j < m->n_destinations; j++) {
        uint32_t k = job->dest_slot[j];
        size_t cell = i * m->n_destinations + j;
        if (job->uniq_dests[k] == origin) {
            m->cells[cell] = (fr_cell){0, 0, 0, 0, 0, 0, FR_CELL_SAME_NODE};
        } else if (!reached[k]) {
            m->cells[cell] = (fr_cell){NAN, NAN, NAN, NAN, NAN, 0, FR_CELL_NO_ROUTE};
        } else {
            double time = job->dated ? (s->arrive[k] - s->depart[k]) / 3600 : NAN;
            fr_path_sums sums = sums_of(job, s, b, k);
            m->cells[cell] = cell_of_sums(job->query, &sums, time);
            if (job->keep_routes)
                m->routes[cell] = kept_route(job, s, i, j, k);
        }
    }
}

/* ---- workers and progress ------------------------------------------------- */

#define REPORT_INTERVAL (G_USEC_PER_SEC / 10)
#define MAX_WORKERS 1024 /* more threads than this only cost memory */

/* The progress callbacks, from the calling thread: the query's whenever
 * rows were done (fr_cancel_progress() keeps it to steps worth telling),
 * the options' at most once per REPORT_INTERVAL unless forced (the first
 * and the last call). */
static void report(matrix_job *job, size_t rows_done, bool force)
{
    fr_cancel_progress(&job->caller, (double)rows_done / (double)job->m->n_origins);
    gint64 now = g_get_monotonic_time();
    if (!job->progress || (!force && now - job->last_report < REPORT_INTERVAL))
        return;
    job->last_report = now;
    job->progress(rows_done, job->m->n_origins, job->user_data);
}

/* A worker finished `rows` more rows. */
static void rows_done(matrix_job *job, size_t rows)
{
    if (job->inline_run) {
        job->rows_done += rows;
        if (job->rows_done < job->m->n_origins)
            report(job, job->rows_done, false);
        return;
    }
    g_mutex_lock(&job->lock);
    job->rows_done += rows;
    g_cond_signal(&job->cond);
    g_mutex_unlock(&job->lock);
}

/* Whether the call is cancelled: seen by another worker, or now by this one. */
static bool job_cancelled(matrix_job *job, fr_cancel *cancel)
{
    if (g_atomic_int_get(&job->cancelled))
        return true;
    if (!fr_cancel_now(cancel))
        return false;
    g_atomic_int_set(&job->cancelled, 1);
    return true;
}

/* Takes distinct origins until none is left: searches each and fills its
 * rows (once the call is cancelled, only counts them). */
static void work(matrix_job *job, fr_workspace *ws)
{
    scratch s;
    scratch_init(&s, job);
    fr_cancel own; /* this thread's: searches poll it */
    fr_cancel_init(&own, job->query->cancellable, NULL, NULL);
    fr_cancel *cancel = fr_cancel_active(&own);
    fr_ch_many_ws *many_ws = job->many ? fr_ch_many_ws_new() : NULL;
    for (;;) {
        gint u = g_atomic_int_add(&job->next_origin, (gint)job->block);
        if (u >= (gint)job->n_uniq_origins)
            break;
        uint32_t count = MIN(job->block, job->n_uniq_origins - (uint32_t)u);
        bool skip = job_cancelled(job, cancel);
        if (!skip)
            search_origins(job, &s, ws, many_ws, (uint32_t)u, count, cancel);
        skip = skip || job_cancelled(job, cancel);
        size_t rows = 0;
        for (uint32_t b = 0; b < count; b++)
            for (uint32_t i = job->first_row[u + b]; i != FR_NONE; i = job->next_row[i], rows++)
                if (!skip)
                    fill_row(job, &s, b, i);
        rows_done(job, rows);
    }
    fr_ch_many_ws_free(many_ws);
    scratch_clear(&s, job);
}

/* A pool thread's task: work with a workspace of its own, freed before the
 * task ends (not at thread exit, which comes after the pool is freed). */
static void pool_task(gpointer data, gpointer unused)
{
    (void)unused;
    fr_workspace *ws = fr_workspace_new();
    work(data, ws);
    fr_workspace_free(ws);
}

/* In the calling thread: waits until every row is done, reporting progress. */
static void wait_for_rows(matrix_job *job)
{
    size_t total = job->m->n_origins;
    g_mutex_lock(&job->lock);
    while (job->rows_done < total) {
        g_cond_wait_until(&job->cond, &job->lock, g_get_monotonic_time() + REPORT_INTERVAL);
        size_t done = job->rows_done;
        if (done < total) {
            g_mutex_unlock(&job->lock);
            report(job, done, false);
            g_mutex_lock(&job->lock);
        }
    }
    g_mutex_unlock(&job->lock);
}

/* Runs `workers` pool threads; false when not one could be started (the
 * calling thread then does the work). */
static bool run_pool(matrix_job *job, unsigned workers)
{
    GThreadPool *pool = g_thread_pool_new(pool_task, NULL, (gint)workers, TRUE, NULL);
    if (g_thread_pool_get_num_threads(pool) == 0) {
        g_thread_pool_free(pool, TRUE, TRUE);
        return false;
    }
    for (unsigned w = 0; w < workers; w++)
        g_thread_pool_push(pool, job, NULL); /* queued even where a thread failed to start */
    wait_for_rows(job);
    g_thread_pool_free(pool, FALSE, TRUE);
    return true;
}

/* Distinct origins a worker claims at once: with the hierarchy's sums
 * alone, a block that fr_ch_many_rows() answers together (up to
 * BLOCK_ROWS, BLOCK_CELLS cells of the worker's scratch, and at least two
 * blocks a worker, so that the workers finish together); else one. */
#define BLOCK_ROWS 256u
#define BLOCK_CELLS ((size_t)1 << 18)

static uint32_t block_rows(const matrix_job *job, unsigned workers)
{
    if (!job->many || job->keep_routes)
        return 1;
    size_t rows = MIN(BLOCK_ROWS, BLOCK_CELLS / MAX(job->n_uniq_dests, 1u));
    rows = MIN(rows, job->n_uniq_origins / (2 * (size_t)MAX(workers, 1u)));
    return (uint32_t)MAX(rows, 1u);
}

static void run_job(matrix_job *job, unsigned threads)
{
    if (threads == 0)
        threads = g_get_num_processors();
    unsigned workers = MIN(MIN(threads, MAX_WORKERS), job->n_uniq_origins);
    job->block = block_rows(job, workers);
    report(job, 0, true);
    if (workers <= 1 || !run_pool(job, workers)) {
        job->inline_run = true; /* the calling thread's own workspace */
        work(job, fr_workspace_of_thread());
    }
    if (!g_atomic_int_get(&job->cancelled)) /* a cancelled matrix is not done */
        report(job, job->m->n_origins, true);
}

/* ---- building a matrix ---------------------------------------------------- */

static fr_matrix *matrix_new(const fr_network *net, const fr_query *query, const uint32_t *orig,
                             size_t n_o, const uint32_t *dest, size_t n_d, bool keep_routes)
{
    fr_matrix *m = g_new0(fr_matrix, 1);
    m->net = net;
    m->lifetime = (fr_lifetime *)&net->lifetime; /* a count, not the network's value */
    fr_lifetime_hold(m->lifetime);
    m->objective = query->objective;
    m->quantity = query->quantity;
    m->n_origins = n_o;
    m->n_destinations = n_d;
    m->origins = g_new(const char *, n_o);
    m->destinations = g_new(const char *, n_d);
    for (size_t i = 0; i < n_o; i++)
        m->origins[i] = FR_NODE(&net->model, orig[i])->id;
    for (size_t j = 0; j < n_d; j++)
        m->destinations[j] = FR_NODE(&net->model, dest[j])->id;
    m->cells = g_new(fr_cell, n_o * n_d);
    m->routes = keep_routes ? g_new0(fr_route *, n_o * n_d) : NULL;
    return m;
}


/* The distinct nodes of nodes[0 .. n) in order of first appearance into
 * uniq; slot[i] = the index of nodes[i] in uniq. Returns how many. */
static uint32_t distinct_nodes(const fr_network *net, const uint32_t *nodes, size_t n,
                               uint32_t *uniq, uint32_t *slot)
{
    uint32_t *index = g_new(uint32_t, net->model.nodes->len ? net->model.nodes->len : 1);
    for (guint v = 0; v < net->model.nodes->len; v++)
        index[v] = FR_NONE;
    uint32_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (index[nodes[i]] == FR_NONE) {
            index[nodes[i]] = count;
            uniq[count++] = nodes[i];
        }
        slot[i] = index[nodes[i]];
    }
    g_free(index);
    return count;
}

static void job_init(matrix_job *job, fr_matrix *m, const fr_query *query,
                     const fr_search_spec *spec, const fr_vgraph *g, const uint32_t *orig,
                     const uint32_t *dest, const fr_matrix_options *options)
{
    size_t n_o = m->n_origins, n_d = m->n_destinations;
    *job = (matrix_job){.net = m->net, .g = g, .ctx = fr_network_route_context(m->net),
                        .query = query, .spec = spec, .bounded = fr_spec_bounded(spec),
                        .dated = spec->dated, .keep_routes = m->routes != NULL, .m = m,
                        .progress = options ? options->progress : NULL,
                        .user_data = options ? options->user_data : NULL};
    fr_cancel_init(&job->caller, NULL, query->progress, query->progress_data);
    job->ctx.g = g;
    job->origin_nodes = g_memdup2(orig, n_o * sizeof *orig);
    job->uniq_origins = g_new(uint32_t, n_o);
    uint32_t *origin_slot = g_new(uint32_t, n_o);
    job->n_uniq_origins = distinct_nodes(m->net, orig, n_o, job->uniq_origins, origin_slot);
    job->first_row = g_new(uint32_t, job->n_uniq_origins);
    job->next_row = g_new(uint32_t, n_o);
    for (uint32_t u = 0; u < job->n_uniq_origins; u++)
        job->first_row[u] = FR_NONE;
    for (size_t i = n_o; i-- > 0;) { /* each list in row order */
        job->next_row[i] = job->first_row[origin_slot[i]];
        job->first_row[origin_slot[i]] = (uint32_t)i;
    }
    g_free(origin_slot);
    job->uniq_dests = g_new(uint32_t, n_d);
    job->dest_slot = g_new(uint32_t, n_d);
    job->n_uniq_dests = distinct_nodes(m->net, dest, n_d, job->uniq_dests, job->dest_slot);
    g_mutex_init(&job->lock);
    g_cond_init(&job->cond);
}

static void job_clear(matrix_job *job)
{
    g_free(job->origin_nodes);
    g_free(job->uniq_origins);
    g_free(job->first_row);
    g_free(job->next_row);
    g_free(job->uniq_dests);
    g_free(job->dest_slot);
    g_mutex_clear(&job->lock);
    g_cond_clear(&job->cond);
}

/* Whether fr_network_route() answers the spec's pairs on g with the
 * prepared hierarchy: an undated, unbounded query on the network's own
 * graph (route.c's undated_path()) for which fr_choose_algorithm() picks
 * it. An algorithm it refuses leaves the matrix to the engine, as ever. */
static bool uses_hierarchy(const fr_network *net, const fr_search_spec *spec, const fr_vgraph *g)
{
    if (spec->dated || g != &net->vgraph || fr_spec_bounded(spec))
        return false;
    return fr_choose_algorithm(net, spec, NULL) == FR_ALGORITHM_CH;
}

/* Searches and fills the matrix; whether cancelled. */
static bool run_matrix(matrix_job *job, const fr_network *net, const fr_query *query,
                       const fr_search_spec *spec, const fr_vgraph *g,
                       const fr_matrix_options *options)
{
    if (query->cancellable && g_cancellable_is_cancelled(query->cancellable))
        return true; /* before any search */
    unsigned threads = options ? options->threads : 0;
    fr_ch_many *many = NULL;
    if (uses_hierarchy(net, spec, g)) {
        many = fr_ch_many_new(net->prepared[spec->objective].ch, g, job->uniq_dests,
                              job->n_uniq_dests, threads ? threads : g_get_num_processors(),
                              query->cancellable);
        if (!many)
            return true;
    }
    job->many = many;
    run_job(job, threads);
    fr_ch_many_free(many);
    return g_atomic_int_get(&job->cancelled);
}

/* Whether every route cell's totals are finite (FORMAT.md §3). */
static bool cells_finite(const fr_matrix *m)
{
    for (size_t c = 0; c < m->n_origins * m->n_destinations; c++) {
        const fr_cell *cell = &m->cells[c];
        if (cell->status == FR_CELL_ROUTE &&
            !(isfinite(cell->cost) && isfinite(cell->co2) && isfinite(cell->time) &&
              isfinite(cell->objective)))
            return false;
    }
    return true;
}

/* The lists' sizes: at least one id each, and a cell count that fits. */
static bool check_sizes(const char *const *origins, size_t n_o, const char *const *destinations,
                        size_t n_d, GError **error)
{
    if (!origins || !destinations || n_o == 0 || n_d == 0)
        return fr_query_error(error, "an origin-destination matrix needs at least one origin "
                                     "and one destination (got %zu origins, %zu destinations)",
                              origins ? n_o : 0, destinations ? n_d : 0);
    if (n_o >= FR_NONE || n_d >= FR_NONE || n_o > SIZE_MAX / sizeof(fr_cell) / n_d)
        return fr_query_error(error, "an origin-destination matrix of %zu x %zu cells is too "
                                     "large", n_o, n_d);
    return true;
}

fr_matrix *fr_network_matrix(const fr_network *net, const fr_query *query,
                             const char *const *origins, size_t n_origins,
                             const char *const *destinations, size_t n_destinations,
                             const fr_matrix_options *options, GError **error)
{
    if (!fr_arg_given(net, "fr_network_matrix", "network", error) ||
        !fr_arg_given(query, "fr_network_matrix", "query", error))
        return NULL;
    if (!check_sizes(origins, n_origins, destinations, n_destinations, error))
        return NULL;
    uint32_t *orig = g_new(uint32_t, n_origins), *dest = g_new(uint32_t, n_destinations);
    fr_search_spec spec;
    fr_matrix *m = NULL;
    if (resolve_ids(net, origins, n_origins, "origin", orig, error) &&
        resolve_ids(net, destinations, n_destinations, "destination", dest, error) &&
        matrix_spec_init(&spec, net, query, orig, n_origins, dest, n_destinations, error)) {
        fr_vgraph day_graph = {0};
        const fr_vgraph *g =
            spec.dated ? net->running : fr_network_graph_on(net, &spec, &day_graph, error);
        if (g) {
            m = matrix_new(net, query, orig, n_origins, dest, n_destinations,
                           options && options->keep_routes);
            matrix_job job;
            job_init(&job, m, query, &spec, g, orig, dest, options);
            if (run_matrix(&job, net, query, &spec, g, options))
                job.cancelled = 1;
            job_clear(&job);
            if (job.cancelled) {
                g_clear_pointer(&m, fr_matrix_free);
                fr_cancelled_error(error, "fr_network_matrix");
            } else if (!cells_finite(m)) {
                fr_matrix_free(m);
                m = NULL;
                fr_overflow_error(error, query->quantity);
            }
        }
        fr_vgraph_clear(&day_graph);
        fr_search_spec_clear(&spec);
    }
    g_free(orig);
    g_free(dest);
    return m;
}

/* ---- accessors ------------------------------------------------------------ */

