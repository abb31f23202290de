/* test_critical.c - fr_network_critical() (critical links and nodes):
 *
 * - brute force on 200 seeded random networks (randnet.c): for every item,
 *   the network written again as CSV without that link (or without the
 *   node's links and transfers), loaded, and the same query routed by
 *   fr_network_route(); existence and the new route's objective, time and
 *   cost must agree (relative 1e-9), and so must the base routes and the
 *   candidates (every link and inner node of the base route, once);
 * - single_point against the test's own check: a link is a bridge when its
 *   ends are not connected without it, a node an articulation point when
 *   its neighbours are not all connected without it (breadth-first search
 *   on the test's own model);
 * - the ranking (without alternative first, added time and cost largest
 *   first, destination order, id);
 * - a hand-computed network, bounds, errors (unknown or equal destination,
 *   dated queries, no route), and a timing of the default network's six
 *   destinations from CNCKG. */
#include "helpers.h"
#include "randnet.h"

#include <math.h>
#include <string.h>

/* ---- the test's own physical network -------------------------------------- */

/* Whether a and b are connected by links other than `skip_link`, through
 * nodes other than `skip_node` (-1: none skipped). */
static bool connected(const rn_net *net, int a, int b, int skip_link, int skip_node)
{
    bool seen[RN_MAX_NODES] = {false};
    int queue[RN_MAX_NODES], head = 0, tail = 0;
    seen[a] = true;
    queue[tail++] = a;
    while (head < tail) {
        int v = queue[head++];
        if (v == b)
            return true;
        for (guint i = 0; i < net->links->len; i++) {
            const rn_link *l = &g_array_index(net->links, rn_link, i);
            if ((int)i == skip_link || (l->from != v && l->to != v))
                continue;
            int w = l->from == v ? l->to : l->from;
            if (w == skip_node || seen[w])
                continue;
            seen[w] = true;
            queue[tail++] = w;
        }
    }
    return false;
}

static bool is_bridge(const rn_net *net, int link)
{
    const rn_link *l = &g_array_index(net->links, rn_link, link);
    return !connected(net, l->from, l->to, link, -1);
}

static bool is_articulation(const rn_net *net, int node)
{
    int first = -1;
    for (guint i = 0; i < net->links->len; i++) {
        const rn_link *l = &g_array_index(net->links, rn_link, i);
        if (l->from != node && l->to != node)
            continue;
        int w = l->from == node ? l->to : l->from;
        if (first < 0)
            first = w;
        else if (!connected(net, first, w, -1, node))
            return true;
    }
    return false;
}

static int link_by_id(const rn_net *net, const char *id)
{
    for (guint i = 0; i < net->links->len; i++)
        if (!strcmp(g_array_index(net->links, rn_link, i).id, id))
            return (int)i;
    return -1;
}

static int node_by_id(const rn_net *net, const char *id)
{
    for (int i = 0; i < net->n_nodes; i++)
        if (!strcmp(net->nodes[i].id, id))
            return i;
    return -1;
}

/* A copy of net without link `link`, or without node `node`'s links and
 * transfers (its row stays: a node without links is valid). */
static rn_net *net_without(const rn_net *net, int link, int node)
{
    rn_net *copy = g_new(rn_net, 1);
    *copy = *net;
    copy->links = g_array_new(FALSE, TRUE, sizeof(rn_link));
    copy->transfers = g_array_new(FALSE, TRUE, sizeof(rn_transfer));
    for (guint i = 0; i < net->links->len; i++) {
        const rn_link *l = &g_array_index(net->links, rn_link, i);
        if ((int)i != link && l->from != node && l->to != node)
            g_array_append_val(copy->links, *l);
    }
    for (guint i = 0; i < net->transfers->len; i++) {
        const rn_transfer *t = &g_array_index(net->transfers, rn_transfer, i);
        if (t->node != node)
            g_array_append_val(copy->transfers, *t);
    }
    return copy;
}

/* ---- checks shared by the tests ---------------------------------------------- */

/* The link id of a step without ":rev" (g_free). */
static char *base_link_id(const char *id)
{
    const char *rev = g_str_has_suffix(id, ":rev") ? id + strlen(id) - 4 : NULL;
    return rev ? g_strndup(id, (gsize)(rev - id)) : g_strdup(id);
}

/* Fails unless the list is in its documented order; dest_of maps a
 * destination id to its place in the caller's list. */
static void check_order(const fr_critical_list *list, const char *const *destinations, size_t n)
{
    for (size_t i = 1; i < fr_critical_count(list); i++) {
        const fr_critical_item *a = fr_critical_get(list, i - 1), *b = fr_critical_get(list, i);
        if (a->alternative != b->alternative) {
            assert_false(a->alternative);
            continue;
        }
        if (a->alternative) {
            assert_true(a->added_time_h >= b->added_time_h);
            if (a->added_time_h != b->added_time_h)
                continue;
            assert_true(a->added_cost_usd >= b->added_cost_usd);
            if (a->added_cost_usd != b->added_cost_usd)
                continue;
        }
        size_t da = n, db = n;
        for (size_t d = 0; d < n; d++) {
            if (da == n && !strcmp(destinations[d], a->destination))
                da = d;
            if (db == n && !strcmp(destinations[d], b->destination))
                db = d;
        }
        assert_true(da <= db);
        if (da != db)
            continue;
        const char *ia = a->link_id ? a->link_id : a->node_id;
        const char *ib = b->link_id ? b->link_id : b->node_id;
        assert_true(strcmp(ia, ib) <= 0);
    }
}

/* ---- brute force on random networks ------------------------------------------- */

typedef struct {
    guint32 seed;
    const rn_net *net;
    const rn_query *q;
    const char *what;
    double max_time; /* the query's bound on time (INFINITY: none) */
} brute_case;

static void dump_context(const brute_case *c)
{
    rn_print_case(c->seed, c->net, c->q, c->what);
}

/* The item of `list` for destination `dest` and the link or node id. */
static const fr_critical_item *find_item(const fr_critical_list *list, const char *dest,
                                         const char *link_id, const char *node_id)
{
    for (size_t i = 0; i < fr_critical_count(list); i++) {
        const fr_critical_item *it = fr_critical_get(list, i);
        if (strcmp(it->destination, dest))
            continue;
        if (link_id && it->link_id && !strcmp(it->link_id, link_id))
            return it;
        if (node_id && it->node_id && !strcmp(it->node_id, node_id))
            return it;
    }
    return NULL;
}

static size_t items_of(const fr_critical_list *list, const char *dest)
{
    size_t n = 0;
    for (size_t i = 0; i < fr_critical_count(list); i++)
        n += !strcmp(fr_critical_get(list, i)->destination, dest);
    return n;
}

static bool same_figure(double a, double b) { return close_rel(a, b, 1e-9); }

/* One item against the network without its link or node. */
static size_t n_single_points;

static void check_item(const brute_case *c, const fr_query *qd, const fr_route *base,
                       const fr_critical_item *it, size_t *n_alternatives)
{
    n_single_points += it->single_point;
    int link = it->link_id ? link_by_id(c->net, it->link_id) : -1;
    int node = it->node_id ? node_by_id(c->net, it->node_id) : -1;
    RN_CHECK(link >= 0 || node >= 0, "item names nothing known");
    RN_CHECK(it->single_point == (link >= 0 ? is_bridge(c->net, link)
                                             : is_articulation(c->net, node)),
             "%s %s: single_point %d", it->destination, link >= 0 ? it->link_id : it->node_id,
             it->single_point);
    rn_net *without = net_without(c->net, link, node);
    fr_network *n2 = rn_load(without);
    /* the same query, but a corridor that no link carries any more cannot
     * be named */
    rn_query q2 = *c->q;
    if (q2.avoid_corridor && !fr_network_has_corridor(n2, rn_corridor_names[q2.avoid_corridor]))
        q2.avoid_corridor = 0;
    fr_query *qb = rn_make_query(without, &q2);
    fr_query_set_endpoints(qb, fr_query_from(qd), fr_query_to(qd));
    fr_query_set_max_time(qb, c->max_time);
    GError *err = NULL;
    fr_route *want = fr_network_route(n2, qb, &err);
    fr_query_free(qb);
    RN_CHECK(!!want == it->alternative, "%s %s: alternative %d, brute force %s",
             it->destination, link >= 0 ? it->link_id : it->node_id, it->alternative,
             want ? "routes" : err->message);
    if (want) {
        (*n_alternatives)++;
        const fr_route *got = it->route;
        RN_CHECK(got, "no route");
        RN_CHECK(same_figure(fr_route_objective_value(got), fr_route_objective_value(want)),
                 "%s %s: objective %.17g, brute force %.17g", it->destination,
                 link >= 0 ? it->link_id : it->node_id, fr_route_objective_value(got),
                 fr_route_objective_value(want));
        RN_CHECK(same_figure(fr_route_total_time_h(got), fr_route_total_time_h(want)) &&
                     same_figure(fr_route_total_cost_usd(got), fr_route_total_cost_usd(want)),
                 "time/cost %g/%g, brute force %g/%g", fr_route_total_time_h(got),
                 fr_route_total_cost_usd(got), fr_route_total_time_h(want),
                 fr_route_total_cost_usd(want));
        RN_CHECK(same_figure(it->added_time_h,
                             fr_route_total_time_h(want) - fr_route_total_time_h(base)) &&
                     same_figure(it->added_cost_usd,
                                 fr_route_total_cost_usd(want) - fr_route_total_cost_usd(base)),
                 "added %g h %g USD", it->added_time_h, it->added_cost_usd);
        /* the new route avoids what was closed */
        for (size_t s = 0; s < fr_route_step_count(got); s++) {
            const fr_step *st = fr_route_step(got, s);
            if (st->type != FR_STEP_LINK)
                continue;
            char *id = base_link_id(st->link_id);
            RN_CHECK(link < 0 || strcmp(id, it->link_id), "the new route takes %s", id);
            RN_CHECK(node < 0 || (strcmp(st->from_node, it->node_id) &&
                                  strcmp(st->to_node, it->node_id)),
                     "the new route passes %s", it->node_id);
            g_free(id);
        }
        fr_route_free(want);
    } else {
        RN_CHECK(!it->route && isnan(it->added_time_h) && isnan(it->added_cost_usd),
                 "an item without alternative has figures");
        g_error_free(err);
    }
    fr_network_free(n2);
    rn_free(without);
}

/* The candidates of base (links without ":rev", inner nodes) must be the
 * destination's items, each checked. */
static void check_destination(const brute_case *c, const fr_critical_list *list,
                              const fr_query *qd, const fr_route *base, const char *dest,
                              size_t *n_items, size_t *n_alternatives)
{
    GHashTable *links = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *nodes = g_hash_table_new(g_str_hash, g_str_equal);
    const char *from = fr_query_from(qd);
    for (size_t s = 0; s < fr_route_step_count(base); s++) {
        const fr_step *st = fr_route_step(base, s);
        if (st->type != FR_STEP_LINK)
            continue;
        g_hash_table_add(links, base_link_id(st->link_id));
        const char *ends[2] = {st->from_node, st->to_node};
        for (int k = 0; k < 2; k++)
            if (strcmp(ends[k], from) && strcmp(ends[k], dest))
                g_hash_table_add(nodes, (gpointer)ends[k]);
    }
    size_t want = g_hash_table_size(links) + g_hash_table_size(nodes);
    RN_CHECK(items_of(list, dest) == want, "%s: %zu items, want %zu", dest,
             items_of(list, dest), want);
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init(&iter, links);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        const fr_critical_item *it = find_item(list, dest, key, NULL);
        RN_CHECK(it && !it->node_id, "%s: no item for link %s", dest, (char *)key);
        check_item(c, qd, base, it, n_alternatives);
    }
    g_hash_table_iter_init(&iter, nodes);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        const fr_critical_item *it = find_item(list, dest, NULL, key);
        RN_CHECK(it && !it->link_id, "%s: no item for node %s", dest, (char *)key);
        check_item(c, qd, base, it, n_alternatives);
    }
    *n_items += want;
    g_hash_table_destroy(links);
    g_hash_table_destroy(nodes);
}

static void brute_one(guint32 seed, size_t *n_items, size_t *n_alternatives, size_t *n_bounded)
{
    GRand *rng = g_rand_new_with_seed(seed);
    int n_nodes = g_rand_int_range(rng, 3, 10);
    bool integer = seed % 2;
    rn_net *net = rn_generate(seed, n_nodes, integer);
    if (g_rand_boolean(rng))
        rn_densify(net, seed, g_rand_int_range(rng, 0, 2 * n_nodes), 0.5);
    rn_query q;
    rn_random_query(net, rng, &q);
    fr_network *fn = rn_load(net);
    fr_query *query = rn_make_query(net, &q);
    brute_case ctx = {seed, net, &q, "critical links", INFINITY}, *c = &ctx;

    /* a bound on time, sometimes: from the route to q.to, loosened */
    if (g_rand_int_range(rng, 0, 4) == 0) {
        fr_route *r = fr_network_route(fn, query, NULL);
        if (r) {
            ctx.max_time = fr_route_total_time_h(r) * g_rand_double_range(rng, 1, 2);
            fr_query_set_max_time(query, ctx.max_time);
            (*n_bounded)++;
            fr_route_free(r);
        }
    }

    /* destinations: up to three nodes the query reaches, q.to among them when it can */
    const char *dests[3];
    fr_query *qds[3];
    fr_route *bases[3];
    size_t n = 0;
    for (int k = 0; k < n_nodes && n < 3; k++) {
        int v = (q.to + k) % n_nodes;
        if (v == q.from || (k > 0 && g_rand_boolean(rng)))
            continue;
        fr_query *qd = fr_query_copy(query);
        fr_query_set_endpoints(qd, net->nodes[q.from].id, net->nodes[v].id);
        fr_route *r = fr_network_route(fn, qd, NULL);
        if (!r) {
            fr_query_free(qd);
            continue;
        }
        dests[n] = net->nodes[v].id;
        qds[n] = qd;
        bases[n++] = r;
    }
    if (n > 0) {
        GError *err = NULL;
        fr_critical_list *list = fr_network_critical(fn, query, dests, n, &err);
        RN_CHECK(list, "fr_network_critical failed: %s", err ? err->message : "?");
        for (size_t d = 0; d < n; d++) {
            const fr_route *b = fr_critical_base_route(list, d);
            RN_CHECK(b && same_figure(fr_route_objective_value(b),
                                      fr_route_objective_value(bases[d])) &&
                         same_figure(fr_route_total_time_h(b), fr_route_total_time_h(bases[d])) &&
                         same_figure(fr_route_total_cost_usd(b),
                                     fr_route_total_cost_usd(bases[d])),
                     "base route to %s", dests[d]);
            check_destination(c, list, qds[d], b, dests[d], n_items, n_alternatives);
        }
        size_t total = 0;
        for (size_t d = 0; d < n; d++)
            total += items_of(list, dests[d]);
        RN_CHECK(fr_critical_count(list) == total, "%zu items, %zu for the destinations",
                 fr_critical_count(list), total);
        assert_null(fr_critical_base_route(list, n));
        assert_null(fr_critical_get(list, fr_critical_count(list)));
        check_order(list, dests, n);
        fr_critical_list_free(list);
    }
    for (size_t d = 0; d < n; d++) {
        fr_route_free(bases[d]);
        fr_query_free(qds[d]);
    }
    fr_query_free(query);
    fr_network_free(fn);
    rn_free(net);
    g_rand_free(rng);
}

static void test_brute_force(void **state)
{
    (void)state;
    size_t n_items = 0, n_alternatives = 0, n_bounded = 0;
    for (guint32 seed = 1; seed <= 200; seed++)
        brute_one(seed * 7919u, &n_items, &n_alternatives, &n_bounded);
    print_message("critical: 200 networks (%zu with a time bound), %zu items checked, "
                  "%zu with an alternative, %zu single points\n",
                  n_bounded, n_items, n_alternatives, n_single_points);
    assert_true(n_single_points > 20 && n_single_points < n_items);
    assert_true(n_items > 500);
    assert_true(n_alternatives > 100 && n_alternatives < n_items);
}

/* ---- a network computed by hand --------------------------------------------------- */

/*   A -L1- B -L2- C -L5- E      rail: 10 h/100 USD, 10/100, 5/50
 *   A -L3- D -L4- C             road: 30 h/300 USD each
 *   F -L6- G                    apart from the rest
 * A transfer road -> rail at C: 2 h, 20 USD. */
static const char *HAND_NODES =
    "id,name,kind,country,lat,lon\n"
    "A,A,city,CN,30,100\nB,B,city,CN,31,101\nC,C,city,CN,32,102\nD,D,city,CN,29,101\n"
    "E,E,city,CN,33,103\nF,F,city,CN,20,90\nG,G,city,CN,21,91\n";
static const char *HAND_LINKS =
    "id,from,to,mode,distance_km,time_h,cost_usd,bidirectional\n"
    "L1,A,B,rail,100,10,100,1\nL2,B,C,rail,100,10,100,0\nL3,A,D,road,100,30,300,0\n"
    "L4,D,C,road,100,30,300,0\nL5,C,E,rail,100,5,50,0\nL6,F,G,road,10,1,1,1\n";
static const char *HAND_TRANSFERS =
    "node,from_mode,to_mode,time_h,cost_usd\nC,road,rail,2,20\n";

typedef struct {
    const char *destination, *link, *node;
    bool single_point, alternative;
    double added_time, added_cost;
} want_item;

static void expect_items(const fr_critical_list *list, const want_item *want, size_t n)
{
    assert_int_equal(fr_critical_count(list), n);
    for (size_t i = 0; i < n; i++) {
        const fr_critical_item *it = fr_critical_get(list, i);
        assert_string_equal(it->destination, want[i].destination);
        if (want[i].link) {
            assert_non_null(it->link_id);
            assert_string_equal(it->link_id, want[i].link);
            assert_null(it->node_id);
        } else {
            assert_null(it->link_id);
            assert_string_equal(it->node_id, want[i].node);
        }
        assert_int_equal(it->single_point, want[i].single_point);
        assert_int_equal(it->alternative, want[i].alternative);
        if (want[i].alternative) {
            assert_close(it->added_time_h, want[i].added_time);
            assert_close(it->added_cost_usd, want[i].added_cost);
            assert_non_null(it->route);
        } else {
            assert_true(isnan(it->added_time_h) && isnan(it->added_cost_usd));
            assert_null(it->route);
        }
    }
}

static void test_by_hand(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(HAND_NODES, HAND_LINKS, HAND_TRANSFERS, NULL);
    fr_query *q = fr_query_new("A", "ignored");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    const char *dests[] = {"E", "C"};
    GError *err = NULL;
    fr_critical_list *list = fr_network_critical(net, q, dests, 2, &err);
    assert_non_null(list);
    const want_item want[] = {
        {"E", NULL, "C", true, false, 0, 0},  {"E", "L5", NULL, true, false, 0, 0},
        {"E", NULL, "B", false, true, 42, 420}, {"E", "L1", NULL, false, true, 42, 420},
        {"E", "L2", NULL, false, true, 42, 420}, {"C", NULL, "B", false, true, 40, 400},
        {"C", "L1", NULL, false, true, 40, 400}, {"C", "L2", NULL, false, true, 40, 400},
    };
    expect_items(list, want, G_N_ELEMENTS(want));
    char *ids = route_link_ids(fr_critical_base_route(list, 0));
    expect_text(ids, "L1 L2 L5", "base route to E");
    ids = route_link_ids(fr_critical_base_route(list, 1));
    expect_text(ids, "L1 L2", "base route to C");
    ids = route_link_ids(fr_critical_get(list, 2)->route);
    expect_text(ids, "L3 L4 L5", "route without B");
    assert_string_equal(fr_route_from(fr_critical_get(list, 2)->route), "A");
    assert_string_equal(fr_route_to(fr_critical_get(list, 2)->route), "E");
    assert_null(fr_critical_base_route(list, 2));
    fr_critical_list_free(list);

    /* a bound on time: the detour (67 h) no longer fits 50 h; the quantity
     * scales cost, not time */
    fr_query_set_max_time(q, 50);
    fr_query_set_quantity(q, 2);
    list = fr_network_critical(net, q, dests, 1, &err);
    assert_non_null(list);
    const want_item bounded[] = {
        {"E", NULL, "B", false, false, 0, 0}, {"E", NULL, "C", true, false, 0, 0},
        {"E", "L1", NULL, false, false, 0, 0}, {"E", "L2", NULL, false, false, 0, 0},
        {"E", "L5", NULL, true, false, 0, 0},
    };
    expect_items(list, bounded, G_N_ELEMENTS(bounded));
    fr_critical_list_free(list);
    fr_query_set_max_time(q, INFINITY);
    list = fr_network_critical(net, q, dests, 1, &err);
    assert_non_null(list);
    assert_close(fr_critical_get(list, 2)->added_cost_usd, 840);
    fr_critical_list_free(list);

    /* a query's date is allowed (this network has none: the same answer) */
    GDateTime *day = g_date_time_new_utc(2020, 1, 1, 0, 0, 0);
    fr_query_set_date(q, day);
    list = fr_network_critical(net, q, dests, 1, &err);
    assert_non_null(list);
    assert_int_equal(fr_critical_count(list), 5);
    fr_critical_list_free(list);
    g_date_time_unref(day);

    /* a reverse direction is reported under the link's own id */
    fr_query *back = fr_query_new("B", "x");
    const char *to_a[] = {"A"};
    list = fr_network_critical(net, back, to_a, 1, &err);
    assert_non_null(list);
    assert_int_equal(fr_critical_count(list), 1);
    assert_string_equal(fr_critical_get(list, 0)->link_id, "L1");
    assert_false(fr_critical_get(list, 0)->alternative);
    fr_critical_list_free(list);
    fr_query_free(back);
    fr_query_free(q);
    fr_network_free(net);
}

/* A query on another date than the reference date is answered on that
 * date's graph: without L3 (valid to 2020-06-30) there is no detour. */
static void test_other_date(void **state)
{
    (void)state;
    char *dir = make_tmp_dir();
    GString *dated = g_string_new("");
    char **rows = g_strsplit(HAND_LINKS, "\n", -1);
    for (char **r = rows; *r && **r; r++)
        g_string_append_printf(dated, "%s,%s\n", *r,
                               r == rows ? "valid_to" : g_str_has_prefix(*r, "L3,") ? "2020-06-30" : "");
    write_network(dir, HAND_NODES, dated->str, HAND_TRANSFERS, NULL);
    const char *network_csv = "key,value\nreference_date,2020-01-01\n";
    write_file_bytes(dir, "network.csv", network_csv, strlen(network_csv));
    GError *err = NULL;
    fr_network *net = fr_network_load_dir(dir, &err);
    if (!net)
        fail_msg("load: %s", err->message);
    remove_dir(dir);
    fr_query *q = fr_query_new("A", "E");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    const char *dests[] = {"E"};
    fr_critical_list *list = fr_network_critical(net, q, dests, 1, &err);
    assert_non_null(list);
    assert_int_equal(fr_critical_count(list), 5);
    assert_true(fr_critical_get(list, 2)->alternative);
    fr_critical_list_free(list);
    GDateTime *day = g_date_time_new_utc(2020, 7, 1, 0, 0, 0);
    fr_query_set_date(q, day);
    list = fr_network_critical(net, q, dests, 1, &err);
    assert_non_null(list);
    const want_item want[] = {
        {"E", NULL, "B", false, false, 0, 0}, {"E", NULL, "C", true, false, 0, 0},
        {"E", "L1", NULL, false, false, 0, 0}, {"E", "L2", NULL, false, false, 0, 0},
        {"E", "L5", NULL, true, false, 0, 0},
    };
    expect_items(list, want, G_N_ELEMENTS(want));
    fr_critical_list_free(list);
    g_date_time_unref(day);
    fr_query_free(q);
    fr_network_free(net);
    g_strfreev(rows);
    g_string_free(dated, TRUE);
    g_free(dir);
}

static void critical_fails(const fr_network *net, const fr_query *q, const char *const *dests,
                           size_t n, int code, const char *text)
{
    GError *err = NULL;
    fr_critical_list *list = fr_network_critical(net, q, dests, n, &err);
    assert_null(list);
    check_error(err, code, NULL, text);
    g_error_free(err);
}

static void test_errors(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(HAND_NODES, HAND_LINKS, HAND_TRANSFERS, NULL);
    fr_query *q = fr_query_new("A", "E");
    const char *unknown[] = {"E", "NOPE"};
    critical_fails(net, q, unknown, 2, FR_ERROR_QUERY, "unknown destination node 'NOPE'");
    const char *same[] = {"A"};
    critical_fails(net, q, same, 1, FR_ERROR_QUERY, "same node");
    critical_fails(net, q, same, 0, FR_ERROR_QUERY, "no destination");
    critical_fails(NULL, q, same, 1, FR_ERROR_QUERY, "no network");
    critical_fails(net, NULL, same, 1, FR_ERROR_QUERY, "no query");
    const char *apart[] = {"E", "G"};
    critical_fails(net, q, apart, 2, FR_ERROR_NO_ROUTE, "no link of any mode");
    /* connected, but not in the allowed modes */
    const char *d[] = {"D"};
    fr_query *rail = fr_query_copy(q);
    fr_query_set_modes(rail, FR_MODE_BIT(FR_MODE_RAIL));
    critical_fails(net, rail, d, 1, FR_ERROR_NO_ROUTE, "no route");
    fr_query_free(rail);
    /* an avoided destination is fr_network_route()'s error */
    fr_query *avoid = fr_query_copy(q);
    fr_query_avoid_node(avoid, "D");
    critical_fails(net, avoid, d, 1, FR_ERROR_QUERY, "avoided");
    fr_query_free(avoid);
    /* dated queries */
    GDateTime *t = g_date_time_new_utc(2020, 1, 1, 8, 0, 0);
    fr_query *dated = fr_query_copy(q);
    fr_query_set_departure(dated, t);
    critical_fails(net, dated, d, 1, FR_ERROR_QUERY, "undated");
    fr_query_set_departure(dated, NULL);
    fr_query_set_arrive_by(dated, t);
    critical_fails(net, dated, d, 1, FR_ERROR_QUERY, "undated");
    fr_query_free(dated);
    g_date_time_unref(t);
    /* an error already set is kept */
    GError *err = g_error_new(FR_ERROR, FR_ERROR_IO, "earlier");
    assert_null(fr_network_critical(net, q, d, 1, &err));
    assert_string_equal(err->message, "earlier");
    g_error_free(err);
    fr_critical_list_free(NULL);
    assert_int_equal(fr_critical_count(NULL), 0);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- the default network ---------------------------------------------------------- */

static void test_default_network(void **state)
{
    (void)state;
    GError *err = NULL;
    fr_network *net = fr_network_load_default(&err);
    if (!net) {
        print_message("no embedded network: %s\n", err->message);
        g_error_free(err);
        skip();
    }
    const char *dests[] = {"DEDUI", "NLRTM", "DEHAM", "SGSIN", "VNHAN", "CNSHA"};
    for (fr_objective o = FR_OBJECTIVE_COST; o <= FR_OBJECTIVE_TIME; o++) {
        fr_query *q = fr_query_new("CNCKG", "x");
        fr_query_set_objective(q, o);
        gint64 start = g_get_monotonic_time();
        fr_critical_list *list = fr_network_critical(net, q, dests, G_N_ELEMENTS(dests), &err);
        double ms = (double)(g_get_monotonic_time() - start) / 1000.0;
        if (!list)
            fail_msg("critical on the default network: %s", err->message);
        size_t steps = 0, none = 0, single = 0;
        for (size_t d = 0; d < G_N_ELEMENTS(dests); d++)
            steps += route_count_steps(fr_critical_base_route(list, d), FR_STEP_LINK);
        for (size_t i = 0; i < fr_critical_count(list); i++) {
            none += !fr_critical_get(list, i)->alternative;
            single += fr_critical_get(list, i)->single_point;
        }
        print_message("default network, objective %s: 6 destinations, %zu link steps, %zu "
                      "items (%zu without alternative, %zu single points) in %.1f ms\n",
                      fr_objective_name(o), steps, fr_critical_count(list), none, single, ms);
        assert_true(fr_critical_count(list) >= steps);
        check_order(list, dests, G_N_ELEMENTS(dests));
        /* an item's route is the best without it: never better than the base */
        for (size_t i = 0; i < fr_critical_count(list); i++) {
            const fr_critical_item *it = fr_critical_get(list, i);
            if (!it->alternative)
                continue;
            size_t d = 0;
            while (strcmp(dests[d], it->destination))
                d++;
            assert_true(fr_route_objective_value(it->route) >=
                        fr_route_objective_value(fr_critical_base_route(list, d)) *
                            (1 - 1e-12));
        }
        fr_critical_list_free(list);
        fr_query_free(q);
    }
    fr_network_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_other_date),
        cmocka_unit_test(test_brute_force),
        cmocka_unit_test(test_default_network),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
