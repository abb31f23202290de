/* test_dated.c - dated routing (FORMAT.md §5, lib/FORMAT.md §7 "Dates,
 * services and closures") on small networks written by hand, one case per
 * rule; every expected value is computed by hand in the comments.
 *
 * Calendar: 2019-07-01 is a Monday (so 07-02 Tue, 07-04 Thu, 07-05 Fri,
 * 07-07 Sun, 07-08 Mon). Europe/Berlin springs forward on 2019-03-31 at
 * 02:00 CET (01:00Z) and falls back on 2019-10-27 at 03:00 CEST (01:00Z).
 *
 * Every dated route returned is also checked as a timeline
 * (check_timeline): each step has start and end, each start is the
 * previous step's end (the first the route's departure, the last end its
 * arrival), end - start = time_h, the steps' time_h sum to the total time
 * = arrival - departure, starts and ends carry the offset of their node's
 * zone, waits cost nothing, and the steps' costs sum to the total. */
#include "helpers.h"
#include "minijson.h"

#include <math.h>
#include <string.h>

#define NODES_HDR "id,name,kind,country,lat,lon,dwell_h,dwell_usd,timezone\n"
#define LINKS_HDR "id,from,to,mode,distance_km,time_h,cost_usd,bidirectional,valid_from,valid_to\n"
#define TRANSFERS_HDR "node,from_mode,to_mode,time_h,cost_usd\n"
#define SVC_HDR "id,link,departures,cutoff_h,valid_from,valid_to\n"
#define CLO_HDR "link,node,from,to,reason\n"
#define NET_HDR "key,value\n"

/* A node without dwell in a zone; with dwell. */
#define NODE(id, tz) id "," id ",city,CN,30,100,0,0," tz "\n"
#define NODE_DWELL(id, dh, du, tz) id "," id ",city,CN,30,100," #dh "," #du "," tz "\n"

#define ISO_FMT "%Y-%m-%dT%H:%M:%S%:z"

/* ---- helpers ---------------------------------------------------------------- */

typedef struct {
    const char *nodes, *links, *transfers, *services, *closures, *network;
} netfiles;

static fr_network *load_dated(const netfiles *f)
{
    char *dir = make_tmp_dir();
    write_network(dir, f->nodes, f->links, f->transfers, NULL);
    write_dated_files(dir, f->services, f->closures, f->network);
    GError *err = NULL;
    fr_network *net = fr_network_load_dir(dir, &err);
    remove_dir(dir);
    g_free(dir);
    return expect_loaded(net, err);
}

/* text parsed in node's zone (when it has no offset); fails the test on error. */
static GDateTime *when(const fr_network *net, const char *node, const char *text)
{
    GError *err = NULL;
    GDateTime *t = fr_network_parse_datetime(net, node, text, &err);
    if (!t) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "cannot parse '%s' at %s: %s", text, node,
                   err ? err->message : "(no GError)");
        g_clear_error(&err);
        fail_msg("%s", msg);
    }
    return t;
}

static fr_query *query(const char *from, const char *to, fr_objective obj)
{
    fr_query *q = fr_query_new(from, to);
    fr_query_set_objective(q, obj);
    return q;
}

/* Departure in the origin's zone (or at the offset written). */
static void depart_at(fr_query *q, const fr_network *net, const char *text)
{
    GDateTime *t = when(net, fr_query_from(q), text);
    fr_query_set_departure(q, t);
    g_date_time_unref(t);
}

/* Deadline in the destination's zone (or at the offset written). */
static void arrive_by(fr_query *q, const fr_network *net, const char *text)
{
    GDateTime *t = when(net, fr_query_to(q), text);
    fr_query_set_arrive_by(q, t);
    g_date_time_unref(t);
}

static void on_date(fr_query *q, int y, int m, int d)
{
    GDateTime *t = g_date_time_new_utc(y, m, d, 0, 0, 0);
    fr_query_set_date(q, t);
    g_date_time_unref(t);
}

static char *fmt(GDateTime *t)
{
    return t ? g_date_time_format(t, ISO_FMT) : g_strdup("(null)");
}

/* Seconds from a to b. */
static double secs(GDateTime *a, GDateTime *b)
{
    return (double)g_date_time_difference(b, a) / G_USEC_PER_SEC;
}

/* got is the instant of `want` (ISO 8601 with offset) within 1 ms, and
 * carries the same UTC offset. */
static void expect_instant_(GDateTime *got, const char *want, const char *what,
                            const char *file, int line)
{
    GDateTime *w = g_date_time_new_from_iso8601(want, NULL);
    if (!w)
        fail_msg("%s:%d: bad expected date-time '%s'", file, line, want);
    char *g = fmt(got);
    bool ok = got && fabs(secs(w, got)) <= 1e-3 &&
              g_date_time_get_utc_offset(got) == g_date_time_get_utc_offset(w);
    g_date_time_unref(w);
    if (!ok) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "%s:%d: %s: expected %s, got %s", file, line, what,
                   want, g);
        g_free(g);
        fail_msg("%s", msg);
    }
    g_free(g);
}
#define expect_instant(got, want) expect_instant_((got), (want), #got, __FILE__, __LINE__)

/* A printed date-time: ISO 8601 with an offset, the instant and offset of
 * want, to the second. */
static void expect_iso_text(const char *text, const char *want)
{
    GDateTime *t = text ? g_date_time_new_from_iso8601(text, NULL) : NULL;
    if (!t)
        fail_msg("'%s' is not an ISO 8601 date-time with offset (want %s)",
                 text ? text : "(null)", want);
    expect_instant(t, want);
    g_date_time_unref(t);
}

/* The offset of t is its node's zone's offset at that instant. */
static void expect_node_offset(const fr_network *net, const char *node, GDateTime *t,
                               const char *what)
{
    long idx = fr_network_find_node(net, node);
    assert_true(idx >= 0);
    GTimeZone *tz = fr_network_node_timezone(net, (size_t)idx);
    assert_non_null(tz);
    GDateTime *in = g_date_time_to_timezone(t, tz);
    bool ok = g_date_time_get_utc_offset(in) == g_date_time_get_utc_offset(t);
    if (!ok) {
        char *a = fmt(t), *b = fmt(in), msg[512];
        g_snprintf(msg, sizeof msg, "%s %s at %s: not in the node's zone (%s)", what, a, node, b);
        g_free(a);
        g_free(b);
        g_date_time_unref(in);
        fail_msg("%s", msg);
    }
    g_date_time_unref(in);
}

/* The timeline invariants of a dated route (see the file comment). */
static void check_timeline(const fr_network *net, const fr_route *r)
{
    assert_true(fr_route_is_dated(r));
    GDateTime *dep = fr_route_departure(r), *arr = fr_route_arrival(r);
    assert_non_null(dep);
    assert_non_null(arr);
    expect_node_offset(net, fr_route_from(r), dep, "departure");
    expect_node_offset(net, fr_route_to(r), arr, "arrival");
    fr_timeline_iter it;
    fr_timeline_iter_init(&it, r);
    const fr_step *s;
    GDateTime *prev = dep;
    double sum_t = 0, sum_c = 0;
    size_t n = 0;
    while ((s = fr_timeline_iter_next(&it)) != NULL) {
        assert_ptr_equal(s, fr_route_step(r, n));
        n++;
        assert_non_null(s->start);
        assert_non_null(s->end);
        if (fabs(secs(prev, s->start)) > 1e-3) {
            char *a = fmt(prev), *b = fmt(s->start), msg[256];
            g_snprintf(msg, sizeof msg, "step %zu starts at %s, the previous ends at %s", n, b, a);
            g_free(a);
            g_free(b);
            fail_msg("%s", msg);
        }
        if (fabs(secs(s->start, s->end) / 3600 - s->time_h) > 1e-6)
            fail_msg("step %zu: end - start = %.9f h, time_h %.9f", n,
                     secs(s->start, s->end) / 3600, s->time_h);
        expect_node_offset(net, s->from_node, s->start, "step start");
        expect_node_offset(net, s->to_node, s->end, "step end");
        if (s->type == FR_STEP_WAIT) {
            assert_string_equal(s->from_node, s->to_node);
            assert_true(s->cost_usd == 0 && s->co2_kg == 0 && s->distance_km == 0);
        }
        sum_t += s->time_h;
        sum_c += s->cost_usd;
        prev = s->end;
    }
    assert_int_equal(n, fr_route_step_count(r));
    if (fabs(secs(prev, arr)) > 1e-3)
        fail_msg("the last step ends %.3f s before the arrival", secs(prev, arr));
    assert_close(sum_t, fr_route_total_time_h(r));
    assert_true(fabs(secs(dep, arr) / 3600 - fr_route_total_time_h(r)) <= 1e-6);
    assert_close(sum_c * fr_route_quantity(r), fr_route_total_cost_usd(r));
}

static fr_route *dated_ok(const fr_network *net, const fr_query *q)
{
    fr_route *r = route_ok(net, q);
    check_timeline(net, r);
    return r;
}

/* "link:L1 transfer:B wait:B link:L2" */
static char *timeline_str(const fr_route *r)
{
    static const char *names[] = {"link", "transfer", "dwell", "wait"};
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < fr_route_step_count(r); i++) {
        const fr_step *st = fr_route_step(r, i);
        if (s->len)
            g_string_append_c(s, ' ');
        g_string_append_printf(s, "%s:%s", (unsigned)st->type < 4 ? names[st->type] : "?",
                               st->type == FR_STEP_LINK ? st->link_id : st->from_node);
    }
    return g_string_free(s, FALSE);
}

static void expect_links(const fr_route *r, const char *want)
{
    expect_text(route_link_ids(r), want, "links");
}

static void expect_timeline(const fr_route *r, const char *want)
{
    expect_text(timeline_str(r), want, "timeline");
}

/* Step i: time_h and, when given, start and end. */
static void expect_step_(const fr_route *r, size_t i, double time_h, const char *start,
                         const char *end, const char *file, int line)
{
    const fr_step *s = fr_route_step(r, i);
    if (!s)
        fail_msg("%s:%d: no step %zu", file, line, i);
    assert_close_(s->time_h, time_h, 1e-9, "step time_h", file, line);
    if (start)
        expect_instant_(s->start, start, "step start", file, line);
    if (end)
        expect_instant_(s->end, end, "step end", file, line);
}
#define expect_step(r, i, h, start, end) expect_step_((r), (i), (h), (start), (end), __FILE__, __LINE__)

/* ---- cut-offs and weekly departures ------------------------------------------ */

/* A -> B, one train Mon 18:00 and Thu 18:00 (Shanghai time), cut-off 6 h,
 * running 100 h. */
static void test_cutoff_weekly(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "Asia/Shanghai") NODE("B", "Asia/Shanghai"),
        .links = LINKS_HDR "L1,A,B,rail,1000,100,500,0,,\n",
        .services = SVC_HDR "S1,L1,Mon 18:00; Thu 18:00,6,,\n",
    };
    fr_network *net = load_dated(&f);
    assert_true(fr_network_is_timetabled(net));

    /* Ready Tue 07-02 08:00: Thu 07-04 18:00 - 6 = Thu 12:00 >= Tue 08:00;
     * wait Tue 08:00 -> Thu 18:00 = 58 h (cut-off included), run 100 h:
     * arrive Thu 18:00 + 4 d 4 h = Mon 07-08 22:00; total 158 h. */
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    depart_at(q, net, "2019-07-02T08:00");
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "wait:A link:L1");
    expect_step(r, 0, 58, "2019-07-02T08:00:00+08:00", "2019-07-04T18:00:00+08:00");
    expect_step(r, 1, 100, "2019-07-04T18:00:00+08:00", "2019-07-08T22:00:00+08:00");
    expect_instant(fr_route_departure(r), "2019-07-02T08:00:00+08:00");
    expect_instant(fr_route_arrival(r), "2019-07-08T22:00:00+08:00");
    assert_close(fr_route_total_time_h(r), 158);
    assert_close(fr_route_total_cost_usd(r), 500);
    fr_route_free(r);

    /* Ready Thu 12:00 exactly: 18:00 - 6 = 12:00 >= 12:00 (inclusive): wait
     * 6 h, arrive Mon 07-08 22:00, total 106 h. */
    depart_at(q, net, "2019-07-04T12:00");
    r = dated_ok(net, q);
    expect_timeline(r, "wait:A link:L1");
    expect_step(r, 0, 6, "2019-07-04T12:00:00+08:00", "2019-07-04T18:00:00+08:00");
    expect_instant(fr_route_arrival(r), "2019-07-08T22:00:00+08:00");
    assert_close(fr_route_total_time_h(r), 106);
    fr_route_free(r);

    /* Ready Thu 12:01: misses Thu (12:00 < 12:01); next Mon 07-08 18:00:
     * wait Thu 12:01 -> Mon 18:00 = 4 d 5 h 59 min = 101 + 59/60 h; arrive
     * Mon 18:00 + 100 h = Fri 07-12 22:00; total 201 + 59/60 h. */
    depart_at(q, net, "2019-07-04T12:01");
    r = dated_ok(net, q);
    expect_timeline(r, "wait:A link:L1");
    expect_step(r, 0, 101 + 59.0 / 60, "2019-07-04T12:01:00+08:00",
                "2019-07-08T18:00:00+08:00");
    expect_instant(fr_route_arrival(r), "2019-07-12T22:00:00+08:00");
    assert_close(fr_route_total_time_h(r), 201 + 59.0 / 60);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- time zones ---------------------------------------------------------------- */

/* A (Asia/Shanghai, +08) -> B (Europe/Berlin, +02 in July): one train
 * "Tue 10:00" written in A's zone, cut-off 0, running 200 h. */
static void test_time_zones(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "Asia/Shanghai") NODE("B", "Europe/Berlin"),
        .links = LINKS_HDR "L1,A,B,rail,8000,200,1000,0,,\n",
        .services = SVC_HDR "S1,L1,Tue 10:00,0,,\n",
    };
    fr_network *net = load_dated(&f);

    /* Without an offset the text is in the node's zone. */
    GDateTime *t_utc = when(net, "A", "2019-07-01T12:00:00Z");
    GDateTime *t_loc = when(net, "A", "2019-07-01T20:00");
    assert_true(g_date_time_difference(t_loc, t_utc) == 0);
    assert_int_equal(g_date_time_get_utc_offset(t_loc), 8 * G_TIME_SPAN_HOUR);
    g_date_time_unref(t_loc);

    /* Depart Mon 12:00Z = Mon 20:00+08. The train leaves Tue 07-02 10:00+08
     * (02:00Z): wait 14 h. Arrival 02:00Z + 200 h (8 d 8 h) = 07-10 10:00Z =
     * 12:00+02 in Berlin; total 214 h. (Read in UTC, "Tue 10:00" would be
     * 18:00+08 and the wait 22 h.) */
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    fr_query_set_departure(q, t_utc);
    g_date_time_unref(t_utc);
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "wait:A link:L1");
    expect_step(r, 0, 14, "2019-07-01T20:00:00+08:00", "2019-07-02T10:00:00+08:00");
    expect_step(r, 1, 200, "2019-07-02T10:00:00+08:00", "2019-07-10T12:00:00+02:00");
    expect_instant(fr_route_departure(r), "2019-07-01T20:00:00+08:00");
    expect_instant(fr_route_arrival(r), "2019-07-10T12:00:00+02:00");
    /* printed in each node's zone */
    expect_text(g_date_time_format(fr_route_step(r, 1)->start, ISO_FMT),
                "2019-07-02T10:00:00+08:00", "link start");
    expect_text(g_date_time_format(fr_route_step(r, 1)->end, ISO_FMT),
                "2019-07-10T12:00:00+02:00", "link end");
    expect_text(g_date_time_format(fr_route_arrival(r), ISO_FMT), "2019-07-10T12:00:00+02:00",
                "arrival");
    assert_close(fr_route_total_time_h(r), 214);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* Europe/Berlin around its 2019 changes: L1 A->B "Sun 02:30" (10 h),
 * L2 A->C "daily 12:00" (1 h), cut-offs 0. */
static void test_dst(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "Europe/Berlin") NODE("B", "Europe/Berlin")
            NODE("C", "Europe/Berlin"),
        .links = LINKS_HDR "L1,A,B,rail,500,10,100,0,,\n"
                           "L2,A,C,rail,50,1,10,0,,\n",
        .services = SVC_HDR "S1,L1,Sun 02:30,0,,\n"
                            "S2,L2,daily 12:00,0,,\n",
    };
    fr_network *net = load_dated(&f);
    GTimeZone *berlin = g_time_zone_new_identifier("Europe/Berlin");
    assert_non_null(berlin);

    /* 2019-03-31 02:30 does not exist in Berlin. lib/FORMAT.md §7: the
     * departure's instant is g_date_time_new()'s reading of it (GLib 2.74
     * reads it as 03:00+02:00 = 01:00Z). Depart 03-31 00:00+01 = 03-30 23:00Z. */
    GDateTime *x = g_date_time_new(berlin, 2019, 3, 31, 2, 30, 0);
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    depart_at(q, net, "2019-03-31T00:00");
    expect_instant(fr_query_departure(q), "2019-03-31T00:00:00+01:00");
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "wait:A link:L1");
    const fr_step *s = fr_route_step(r, 1);
    assert_true(fabs(secs(x, s->start)) <= 1e-3);
    /* after the change: +02:00 */
    assert_int_equal(g_date_time_get_utc_offset(s->start), 2 * G_TIME_SPAN_HOUR);
    assert_close(fr_route_total_time_h(r), secs(fr_query_departure(q), x) / 3600 + 10);
    fr_route_free(r);
    g_date_time_unref(x);

    /* 2019-10-27 02:30 happens twice; again g_date_time_new()'s reading.
     * Depart 10-27 00:00+02 = 10-26 22:00Z. */
    x = g_date_time_new(berlin, 2019, 10, 27, 2, 30, 0);
    depart_at(q, net, "2019-10-27T00:00");
    r = dated_ok(net, q);
    s = fr_route_step(r, 1);
    assert_true(fabs(secs(x, s->start)) <= 1e-3);
    assert_close(fr_route_total_time_h(r), secs(fr_query_departure(q), x) / 3600 + 10);
    fr_route_free(r);
    g_date_time_unref(x);
    fr_query_free(q);

    /* daily 12:00: on 03-30 it is 12:00+01 = 11:00Z, on 03-31 12:00+02 =
     * 10:00Z: 23 h apart. Depart 03-30 12:00: boards at once (1 h).
     * Depart 03-30 13:00+01 (12:00Z): next is 03-31 10:00Z, wait 22 h,
     * total 23 h. */
    q = query("A", "C", FR_OBJECTIVE_TIME);
    depart_at(q, net, "2019-03-30T12:00");
    fr_route *r1 = dated_ok(net, q);
    expect_links(r1, "L2");
    assert_int_equal(route_count_steps(r1, FR_STEP_WAIT), 0);
    expect_step(r1, 0, 1, "2019-03-30T12:00:00+01:00", "2019-03-30T13:00:00+01:00");
    assert_close(fr_route_total_time_h(r1), 1);
    depart_at(q, net, "2019-03-30T13:00");
    fr_route *r2 = dated_ok(net, q);
    expect_timeline(r2, "wait:A link:L2");
    expect_step(r2, 0, 22, "2019-03-30T13:00:00+01:00", "2019-03-31T12:00:00+02:00");
    expect_step(r2, 1, 1, "2019-03-31T12:00:00+02:00", "2019-03-31T13:00:00+02:00");
    assert_close(fr_route_total_time_h(r2), 23);
    assert_close(secs(fr_route_step(r1, 0)->start, fr_route_step(r2, 1)->start), 23 * 3600.0);
    fr_route_free(r1);
    fr_route_free(r2);
    fr_query_free(q);
    g_time_zone_unref(berlin);
    fr_network_free(net);
}

/* ---- wait steps ---------------------------------------------------------------- */

/* A -road-> B -rail-> C, all UTC. L1 5 h 100 USD; B dwell 1 h 10 USD and a
 * road->rail transfer 2 h 50 USD; L2 "Wed 06:00" cut-off 3, 20 h, 400 USD. */
static void test_wait_steps(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE_DWELL("B", 1, 10, "UTC") NODE("C", "UTC"),
        .links = LINKS_HDR "L1,A,B,road,300,5,100,0,,\n"
                           "L2,B,C,rail,1000,20,400,0,,\n",
        .transfers = TRANSFERS_HDR "B,road,rail,2,50\n",
        .services = SVC_HDR "S2,L2,Wed 06:00,3,,\n",
    };
    fr_network *net = load_dated(&f);
    /* Depart Mon 07-01 00:00: L1 00:00-05:00; transfer (1 + 2 h) 05:00-08:00;
     * ready Mon 08:00, Wed 06:00 - 3 = Wed 03:00 >= Mon 08:00: wait
     * Mon 08:00 -> Wed 06:00 = 46 h; L2 Wed 06:00 -> Thu 07-04 02:00.
     * Time 5 + 3 + 46 + 20 = 74 h; cost 100 + 60 + 400 = 560. */
    fr_query *q = query("A", "C", FR_OBJECTIVE_COST);
    depart_at(q, net, "2019-07-01T00:00");
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "link:L1 transfer:B wait:B link:L2");
    assert_int_equal(fr_route_step(r, 2)->type, FR_STEP_WAIT);
    expect_step(r, 0, 5, "2019-07-01T00:00:00+00:00", "2019-07-01T05:00:00+00:00");
    expect_step(r, 1, 3, "2019-07-01T05:00:00+00:00", "2019-07-01T08:00:00+00:00");
    expect_step(r, 2, 46, "2019-07-01T08:00:00+00:00", "2019-07-03T06:00:00+00:00");
    expect_step(r, 3, 20, "2019-07-03T06:00:00+00:00", "2019-07-04T02:00:00+00:00");
    assert_close(fr_route_step(r, 1)->cost_usd, 60);
    assert_close(fr_route_step(r, 2)->cost_usd, 0);
    expect_instant(fr_route_departure(r), "2019-07-01T00:00:00+00:00");
    expect_instant(fr_route_arrival(r), "2019-07-04T02:00:00+00:00");
    assert_close(fr_route_total_time_h(r), 74);
    assert_close(fr_route_total_cost_usd(r), 560);
    assert_int_equal(fr_route_transfer_count(r), 1);

    /* JSON (§5): depart and arrive beside total; the wait as a step of its
     * own with node, time_h, start and end. */
    char *json = fr_route_to_json(r), *jerr = NULL;
    mj_value *v = mj_parse(json, &jerr);
    if (!v)
        fail_msg("route JSON: %s\n%s", jerr ? jerr : "?", json);
    const mj_value *dep = mj_get(v, "depart"), *arr = mj_get(v, "arrive");
    assert_true(dep && dep->type == MJ_STRING && arr && arr->type == MJ_STRING);
    expect_iso_text(dep->string, "2019-07-01T00:00:00+00:00");
    expect_iso_text(arr->string, "2019-07-04T02:00:00+00:00");
    const mj_value *w = mj_at(mj_get(v, "steps"), 2);
    assert_non_null(w);
    assert_string_equal(mj_get(w, "type")->string, "wait");
    assert_string_equal(mj_get(w, "node")->string, "B");
    assert_close(mj_get(w, "time_h")->number, 46);
    expect_iso_text(mj_get(w, "start")->string, "2019-07-01T08:00:00+00:00");
    expect_iso_text(mj_get(w, "end")->string, "2019-07-03T06:00:00+00:00");
    mj_free(v);
    g_free(json);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- undated mean waits ---------------------------------------------------------- */

/* All UTC, no network.csv (so no date at all unless the query gives one).
 *   L1 A->B 300 h: S1 "Mon 18:00; Thu 18:00" cut-off 6.
 *   L2 A->C 10 h: S2 "Mon 00:00" cut-off 0, S3 "Mon 12:00" cut-off 24.
 *   L3 A->D 10 h: S4 "Mon 00:00" cut-off 0, S5 "Mon 12:00" cut-off 6.
 *   L4 A->E 10 h: S6 "Sun 10:00" cut-off 0; S7 "daily 06:00" from 2019-07-03.
 *   L5 A->F 10 h: S8 "daily 08:00" until 2019-06-30. */
static void test_undated_mean_wait(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "UTC") NODE("C", "UTC") NODE("D", "UTC")
            NODE("E", "UTC") NODE("F", "UTC"),
        .links = LINKS_HDR "L1,A,B,rail,1000,300,100,0,,\n"
                           "L2,A,C,rail,100,10,100,0,,\n"
                           "L3,A,D,rail,100,10,100,0,,\n"
                           "L4,A,E,rail,100,10,100,0,,\n"
                           "L5,A,F,rail,100,10,100,0,,\n",
        .services = SVC_HDR "S1,L1,Mon 18:00; Thu 18:00,6,,\n"
                            "S2,L2,Mon 00:00,0,,\n"
                            "S3,L2,Mon 12:00,24,,\n"
                            "S4,L3,Mon 00:00,0,,\n"
                            "S5,L3,Mon 12:00,6,,\n"
                            "S6,L4,Sun 10:00,0,,\n"
                            "S7,L4,daily 06:00,0,2019-07-03,\n"
                            "S8,L5,daily 08:00,0,,2019-06-30\n",
    };
    fr_network *net = load_dated(&f);
    assert_null(fr_network_reference_date(net));

    /* L1: headways Mon 18 -> Thu 18 = 72 h, Thu 18 -> Mon 18 = 96 h:
     * 6 + (72² + 96²)/(2·168) + 300 = 6 + 14400/336 + 300 = 348.857142857... */
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    fr_route *r = route_ok(net, q);
    assert_false(fr_route_is_dated(r));
    assert_null(fr_route_departure(r));
    assert_null(fr_route_step(r, 0)->start);
    assert_int_equal(route_count_steps(r, FR_STEP_WAIT), 0);
    assert_close(fr_route_total_time_h(r), 348.857142857142857);
    fr_route_free(r);
    fr_query_free(q);

    /* L2, arrival t uniform in [0, 168) h from Mon 00:00. S2 departs at 0
     * (board if t <= 0, i.e. 168), S3 at 12 (board if t <= 12 - 24 = -12,
     * i.e. 156 of the week before, departing 180). For t in (0, 168] the
     * first boardable departure is S2 at 168 (before S3's 180): wait
     * 168 - t; t = 0 boards at 0. E = 168/2 = 84 (S3 never comes first);
     * link 84 + 10 = 94. (Pooling S2/S3 by their boarding deadlines alone
     * would give (∫0^156 (180 - t) + ∫156^168 (168 - t))/168 = 95.142857.) */
    q = query("A", "C", FR_OBJECTIVE_TIME);
    r = route_ok(net, q);
    assert_close(fr_route_total_time_h(r), 94);
    fr_route_free(r);
    fr_query_free(q);

    /* L3: S4 at 0 (deadline 0), S5 at 12 (deadline 6). t in (0, 6]: S5,
     * wait 12 - t; t in (6, 168]: S4 at 168, wait 168 - t.
     * E = (∫0^6 (12 - t) dt + ∫6^168 (168 - t) dt)/168
     *   = (72 - 18 + 162²/2)/168 = (54 + 13122)/168 = 13176/168
     *   = 78.428571428571...; link 88.428571428571... */
    q = query("A", "D", FR_OBJECTIVE_TIME);
    r = route_ok(net, q);
    assert_close(fr_route_total_time_h(r), 13176.0 / 168 + 10);
    assert_close(fr_route_total_time_h(r), 88.428571428571429);
    fr_route_free(r);
    fr_query_free(q);

    /* L4 on 2019-07-01: only S6 (weekly): 168²/(2·168) = 84 -> 94 h.
     * On 2019-07-04: Mon..Sun 06:00 and Sun 10:00: headways 6 x 24 (Mon 06
     * -> Sun 06), 4 (Sun 06 -> 10), 20 (Sun 10 -> Mon 06); Σh = 168,
     * Σh² = 6·576 + 16 + 400 = 3872: 3872/336 = 11.523809523... -> 21.5238 h.
     * No date at all: every service pools, as on 07-04. */
    q = query("A", "E", FR_OBJECTIVE_TIME);
    on_date(q, 2019, 7, 1);
    r = route_ok(net, q);
    assert_false(fr_route_is_dated(r));
    assert_close(fr_route_total_time_h(r), 94);
    fr_route_free(r);
    on_date(q, 2019, 7, 4);
    r = route_ok(net, q);
    assert_close(fr_route_total_time_h(r), 3872.0 / 336 + 10);
    fr_route_free(r);
    fr_query_set_date(q, NULL);
    r = route_ok(net, q);
    assert_close(fr_route_total_time_h(r), 3872.0 / 336 + 10);
    fr_route_free(r);
    fr_query_free(q);

    /* L5: S8 ended on 2019-06-30: on 2019-07-01 the link does not exist;
     * on 2019-06-30 (daily: 24²·7/336 = 12) it counts 12 + 10 = 22 h, and
     * so it does with no date. */
    q = query("A", "F", FR_OBJECTIVE_TIME);
    on_date(q, 2019, 7, 1);
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    on_date(q, 2019, 6, 30);
    r = route_ok(net, q);
    assert_close(fr_route_total_time_h(r), 22);
    fr_route_free(r);
    fr_query_set_date(q, NULL);
    r = route_ok(net, q);
    assert_close(fr_route_total_time_h(r), 22);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- validity ------------------------------------------------------------------- */

/* All Asia/Shanghai. L1 A->B rail 10 h from 2021-12-03; L2 A->B road 50 h
 * always; L3 A->C road 10 h until 2019-07-02. */
#define VALID_NODES NODES_HDR NODE("A", "Asia/Shanghai") NODE("B", "Asia/Shanghai") \
    NODE("C", "Asia/Shanghai")
#define VALID_LINKS LINKS_HDR "L1,A,B,rail,1000,10,100,0,2021-12-03,\n" \
    "L2,A,B,road,1000,50,500,0,,\n"                                   \
    "L3,A,C,road,1000,10,100,0,,2019-07-02\n"

static void test_link_validity(void **state)
{
    (void)state;
    netfiles f = {.nodes = VALID_NODES, .links = VALID_LINKS};
    fr_network *net = load_dated(&f);
    assert_true(fr_network_is_timetabled(net));
    assert_null(fr_network_reference_date(net));
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);

    /* 2019-07-02: L1 absent -> L2, 50 h (dated: depart + 50 h) */
    depart_at(q, net, "2019-07-02T00:00");
    fr_route *r = dated_ok(net, q);
    expect_links(r, "L2");
    assert_close(fr_route_total_time_h(r), 50);
    expect_instant(fr_route_arrival(r), "2019-07-04T02:00:00+08:00");
    fr_route_free(r);
    /* 2022-01-10: L1, 10 h */
    depart_at(q, net, "2022-01-10T00:00");
    r = dated_ok(net, q);
    expect_links(r, "L1");
    assert_close(fr_route_total_time_h(r), 10);
    fr_route_free(r);
    /* undated on those dates */
    fr_query_set_departure(q, NULL);
    on_date(q, 2022, 1, 10);
    r = route_ok(net, q);
    assert_false(fr_route_is_dated(r));
    expect_links(r, "L1");
    fr_route_free(r);
    on_date(q, 2019, 7, 2);
    r = route_ok(net, q);
    expect_links(r, "L2");
    fr_route_free(r);
    /* no date at all: every link exists -> L1 */
    fr_query_set_date(q, NULL);
    r = route_ok(net, q);
    expect_links(r, "L1");
    fr_route_free(r);
    fr_query_free(q);

    /* L3 valid through 2019-07-02 (inclusive) in A's zone: depart
     * 07-02 23:00+08 -> exists (and runs into 07-03: the query's date
     * counts); depart 07-03 00:00+08 (= 07-02 16:00Z, a UTC date when it is
     * still valid) -> no route. */
    q = query("A", "C", FR_OBJECTIVE_TIME);
    depart_at(q, net, "2019-07-02T23:00");
    r = dated_ok(net, q);
    expect_links(r, "L3");
    expect_instant(fr_route_arrival(r), "2019-07-03T09:00:00+08:00");
    fr_route_free(r);
    depart_at(q, net, "2019-07-03T00:00");
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_reference_date(void **state)
{
    (void)state;
    netfiles f = {.nodes = VALID_NODES,
                  .links = VALID_LINKS,
                  .network = NET_HDR "name,Test\nreference_date,2019-07-01\n"};
    fr_network *net = load_dated(&f);
    /* reference_date at midnight UTC */
    expect_instant(fr_network_reference_date(net), "2019-07-01T00:00:00Z");
    /* no date on the query: 2019-07-01 -> L1 absent -> L2 */
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    fr_route *r = route_ok(net, q);
    expect_links(r, "L2");
    assert_close(fr_route_total_time_h(r), 50);
    fr_route_free(r);
    /* and L3 (until 2019-07-02) exists */
    fr_query_set_endpoints(q, "A", "C");
    r = route_ok(net, q);
    expect_links(r, "L3");
    fr_route_free(r);
    /* the query's own date wins: 2022-01-10 -> L1; L3 gone */
    on_date(q, 2022, 1, 10);
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    fr_query_set_endpoints(q, "A", "B");
    r = route_ok(net, q);
    expect_links(r, "L1");
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);

    f.network = NET_HDR "reference_date,2022-01-01\n";
    net = load_dated(&f);
    expect_instant(fr_network_reference_date(net), "2022-01-01T00:00:00Z");
    q = query("A", "B", FR_OBJECTIVE_TIME);
    r = route_ok(net, q);
    expect_links(r, "L1");
    assert_close(fr_route_total_time_h(r), 10);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* A (Asia/Shanghai) -> B (UTC), L1 10 h: S1 "daily 06:00" valid
 * 2019-07-03..2019-07-05, S2 "Sun 10:00" always; cut-offs 0. Validity is
 * of the departure's local date in A's zone. */
static void test_service_validity(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "Asia/Shanghai") NODE("B", "UTC"),
        .links = LINKS_HDR "L1,A,B,rail,1000,10,100,0,,\n",
        .services = SVC_HDR "S1,L1,daily 06:00,0,2019-07-03,2019-07-05\n"
                            "S2,L1,Sun 10:00,0,,\n",
    };
    fr_network *net = load_dated(&f);
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);

    /* Depart 07-02 12:00Z = 20:00+08 (Tue). S1 on local 07-03 06:00+08 =
     * 07-02 22:00Z (a UTC date outside its validity): wait 10 h; arrival
     * 07-03 08:00Z; total 20. */
    depart_at(q, net, "2019-07-02T12:00:00Z");
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "wait:A link:L1");
    expect_step(r, 1, 10, "2019-07-03T06:00:00+08:00", "2019-07-03T08:00:00+00:00");
    assert_close(fr_route_total_time_h(r), 20);
    fr_route_free(r);

    /* Depart Mon 07-01 07:00+08: S1 on 07-02 is before valid_from; 07-03
     * 06:00: wait 47 h, total 57. */
    depart_at(q, net, "2019-07-01T07:00");
    r = dated_ok(net, q);
    expect_step(r, 0, 47, "2019-07-01T07:00:00+08:00", "2019-07-03T06:00:00+08:00");
    assert_close(fr_route_total_time_h(r), 57);
    fr_route_free(r);

    /* Depart Fri 07-05 07:00+08: S1 on 07-06 is after valid_to; S2 Sun
     * 07-07 10:00+08: wait 51 h, total 61. */
    depart_at(q, net, "2019-07-05T07:00");
    r = dated_ok(net, q);
    expect_step(r, 0, 51, "2019-07-05T07:00:00+08:00", "2019-07-07T10:00:00+08:00");
    assert_close(fr_route_total_time_h(r), 61);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- closures -------------------------------------------------------------------- */

/* A -> B, UTC: L1 road 10 h closed [07-01 00:00Z, 05:00Z); L2 road 14 h. */
static void test_closure_link_waited_out(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "UTC"),
        .links = LINKS_HDR "L1,A,B,road,800,10,100,0,,\n"
                           "L2,A,B,road,900,14,100,0,,\n",
        .closures = CLO_HDR "L1,,2019-07-01T00:00:00Z,2019-07-01T05:00:00Z,works\n",
    };
    fr_network *net = load_dated(&f);
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    /* Depart 02:00: L1 after waiting to 05:00 (the closure's end is
     * exclusive) arrives 15:00; L2 at once arrives 16:00 -> wait for L1. */
    depart_at(q, net, "2019-07-01T02:00");
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "wait:A link:L1");
    expect_step(r, 0, 3, "2019-07-01T02:00:00Z", "2019-07-01T05:00:00Z");
    expect_step(r, 1, 10, "2019-07-01T05:00:00Z", "2019-07-01T15:00:00Z");
    assert_close(fr_route_total_time_h(r), 13);
    fr_route_free(r);
    /* Depart 00:00: L1 arrives 15:00, L2 14:00 -> avoid L1. */
    depart_at(q, net, "2019-07-01T00:00");
    r = dated_ok(net, q);
    expect_timeline(r, "link:L2");
    assert_close(fr_route_total_time_h(r), 14);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* A -> B, UTC, L1 "daily 08:00" 10 h; L1 closed [07-02 08:00Z, 07-03 08:00Z). */
static void test_closure_skips_departure(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "UTC"),
        .links = LINKS_HDR "L1,A,B,rail,800,10,100,0,,\n",
        .services = SVC_HDR "S1,L1,daily 08:00,0,,\n",
        .closures = CLO_HDR "L1,,2019-07-02T08:00:00Z,2019-07-03T08:00:00Z,strike\n",
    };
    fr_network *net = load_dated(&f);
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    /* Depart 07-01 12:00: 07-02 08:00 is in the closure (from inclusive);
     * 07-03 08:00 is its end (exclusive): board then. Wait 44 h, total 54. */
    depart_at(q, net, "2019-07-01T12:00");
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "wait:A link:L1");
    expect_step(r, 1, 10, "2019-07-03T08:00:00Z", "2019-07-03T18:00:00Z");
    assert_close(fr_route_total_time_h(r), 54);
    fr_route_free(r);
    /* Depart 07-01 06:00: 07-01 08:00, wait 2 h, total 12. */
    depart_at(q, net, "2019-07-01T06:00");
    r = dated_ok(net, q);
    expect_step(r, 1, 10, "2019-07-01T08:00:00Z", NULL);
    assert_close(fr_route_total_time_h(r), 12);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* UTC. L1 A<->B and L2 C<->D, road 10 h, bidirectional; "L1:rev" and "L2"
 * closed [07-01 00:00Z, 07-08 00:00Z). */
static void test_closure_reverse_only(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "UTC") NODE("C", "UTC") NODE("D", "UTC"),
        .links = LINKS_HDR "L1,A,B,road,800,10,100,1,,\n"
                           "L2,C,D,road,800,10,100,1,,\n",
        .closures = CLO_HDR "L1:rev,,2019-07-01T00:00:00Z,2019-07-08T00:00:00Z,\n"
                            "L2,,2019-07-01T00:00:00Z,2019-07-08T00:00:00Z,\n",
    };
    fr_network *net = load_dated(&f);
    /* Depart 07-01 02:00. A->B on L1: open, 10 h. B->A on L1:rev: wait to
     * 07-08 00:00 (166 h), total 176. L2 closes both ways: 176 each. */
    struct {
        const char *from, *to, *timeline;
        double h;
    } cases[] = {
        {"A", "B", "link:L1", 10},
        {"B", "A", "wait:B link:L1:rev", 176},
        {"C", "D", "wait:C link:L2", 176},
        {"D", "C", "wait:D link:L2:rev", 176},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        fr_query *q = query(cases[i].from, cases[i].to, FR_OBJECTIVE_TIME);
        depart_at(q, net, "2019-07-01T02:00");
        fr_route *r = dated_ok(net, q);
        expect_timeline(r, cases[i].timeline);
        assert_close(fr_route_total_time_h(r), cases[i].h);
        fr_route_free(r);
        fr_query_free(q);
    }
    fr_network_free(net);
}

/* UTC. A -L1-> B -L2-> C, road 5 h each; B dwell 1 h; node B closed
 * [07-01 04:00Z, 10:00Z). */
static void test_closure_node_pass_through(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE_DWELL("B", 1, 0, "UTC") NODE("C", "UTC"),
        .links = LINKS_HDR "L1,A,B,road,400,5,100,0,,\n"
                           "L2,B,C,road,400,5,100,0,,\n",
        .closures = CLO_HDR ",B,2019-07-01T04:00:00Z,2019-07-01T10:00:00Z,holiday\n",
    };
    fr_network *net = load_dated(&f);
    /* Depart 00:00: at B 05:00 (arriving at a closed node is allowed); the
     * pass-through waits to 10:00 (5 h); dwell 10:00-11:00; L2 11:00-16:00.
     * Total 16 h. */
    fr_query *q = query("A", "C", FR_OBJECTIVE_TIME);
    depart_at(q, net, "2019-07-01T00:00");
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "link:L1 wait:B dwell:B link:L2");
    expect_step(r, 1, 5, "2019-07-01T05:00:00Z", "2019-07-01T10:00:00Z");
    expect_step(r, 2, 1, "2019-07-01T10:00:00Z", "2019-07-01T11:00:00Z");
    expect_step(r, 3, 5, "2019-07-01T11:00:00Z", "2019-07-01T16:00:00Z");
    assert_close(fr_route_total_time_h(r), 16);
    fr_route_free(r);
    /* Depart 07-01 06:00: at B 11:00, open: 5 + 1 + 5 = 11 h, no wait. */
    depart_at(q, net, "2019-07-01T06:00");
    r = dated_ok(net, q);
    expect_timeline(r, "link:L1 dwell:B link:L2");
    assert_close(fr_route_total_time_h(r), 11);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* UTC. A -L1-> B road 5 h; node B closed [07-01 03:00Z, 12:00Z). */
static void test_closure_destination(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "UTC"),
        .links = LINKS_HDR "L1,A,B,road,400,5,100,0,,\n",
        .closures = CLO_HDR ",B,2019-07-01T03:00:00Z,2019-07-01T12:00:00Z,\n",
    };
    fr_network *net = load_dated(&f);
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    /* Depart 00:00: reaches B at 05:00, delivered at 12:00: a final wait of
     * 7 h; total 12 h. */
    depart_at(q, net, "2019-07-01T00:00");
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "link:L1 wait:B");
    expect_step(r, 1, 7, "2019-07-01T05:00:00Z", "2019-07-01T12:00:00Z");
    expect_instant(fr_route_arrival(r), "2019-07-01T12:00:00Z");
    assert_close(fr_route_total_time_h(r), 12);
    fr_route_free(r);
    /* Depart 06-30 20:00: at B 07-01 01:00, before the closure: 5 h. */
    depart_at(q, net, "2019-06-30T20:00");
    r = dated_ok(net, q);
    expect_timeline(r, "link:L1");
    assert_close(fr_route_total_time_h(r), 5);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* A (Asia/Shanghai) -> B (UTC): L1 rail 10 h 100 USD, L2 road 20 h 200 USD;
 * L1 closed [07-02 20:00Z, 21:00Z) = 07-03 04:00-05:00 in A's zone. A -> C
 * (UTC) road L3; node C closed [07-10 00:00Z, 01:00Z). */
static void test_closure_undated(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "Asia/Shanghai") NODE("B", "UTC") NODE("C", "UTC"),
        .links = LINKS_HDR "L1,A,B,rail,1000,10,100,0,,\n"
                           "L2,A,B,road,1000,20,200,0,,\n"
                           "L3,A,C,road,1000,20,200,0,,\n",
        .closures = CLO_HDR "L1,,2019-07-02T20:00:00Z,2019-07-02T21:00:00Z,\n"
                            ",C,2019-07-10T00:00:00Z,2019-07-10T01:00:00Z,\n",
    };
    fr_network *net = load_dated(&f);
    fr_query *q = query("A", "B", FR_OBJECTIVE_COST);
    struct {
        int d;
        const char *links;
    } cases[] = {
        {2, "L1"}, /* 07-02 in Shanghai: [07-01 16:00Z, 07-02 16:00Z): open */
        {3, "L2"}, /* 07-03 in Shanghai holds the closure: L1 absent */
        {4, "L1"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        on_date(q, 2019, 7, cases[i].d);
        fr_route *r = route_ok(net, q);
        expect_links(r, cases[i].links);
        fr_route_free(r);
    }
    /* no date at all: a link with a closure is absent -> L2 */
    fr_query_set_date(q, NULL);
    fr_route *r = route_ok(net, q);
    expect_links(r, "L2");
    assert_close(fr_route_total_cost_usd(r), 200);
    fr_route_free(r);
    /* node C closed on 07-10 (UTC): no route there that day */
    fr_query_set_endpoints(q, "A", "C");
    on_date(q, 2019, 7, 10);
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    on_date(q, 2019, 7, 9);
    r = route_ok(net, q);
    expect_links(r, "L3");
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- deadlines -------------------------------------------------------------------- */

/* UTC. L1 A->B "Mon 18:00; Thu 18:00" cut-off 6, 100 h. L2 A->C road 10 h
 * closed [07-01 12:00Z, 07-03 00:00Z). */
static void test_deadline_latest_departure(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "UTC") NODE("C", "UTC"),
        .links = LINKS_HDR "L1,A,B,rail,1000,100,500,0,,\n"
                           "L2,A,C,road,800,10,100,0,,\n",
        .services = SVC_HDR "S1,L1,Mon 18:00; Thu 18:00,6,,\n",
        .closures = CLO_HDR "L2,,2019-07-01T12:00:00Z,2019-07-03T00:00:00Z,\n",
    };
    fr_network *net = load_dated(&f);

    /* Arrive by Tue 07-09 00:00: Thu 07-04 18:00 arrives Mon 07-08 22:00
     * (ok), Mon 07-08 18:00 arrives Fri 07-12 (late). Latest departure =
     * Thu 18:00 - 6 = Thu 12:00; total 106 h. */
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    arrive_by(q, net, "2019-07-09T00:00");
    fr_route *r = dated_ok(net, q);
    expect_instant(fr_route_departure(r), "2019-07-04T12:00:00Z");
    expect_instant(fr_route_arrival(r), "2019-07-08T22:00:00Z");
    expect_timeline(r, "wait:A link:L1");
    expect_step(r, 0, 6, "2019-07-04T12:00:00Z", "2019-07-04T18:00:00Z");
    assert_close(fr_route_total_time_h(r), 106);
    fr_route_free(r);
    /* the deadline is inclusive: by Mon 22:00 -> the same */
    arrive_by(q, net, "2019-07-08T22:00");
    r = dated_ok(net, q);
    expect_instant(fr_route_departure(r), "2019-07-04T12:00:00Z");
    fr_route_free(r);
    /* by Mon 21:59 -> Mon 07-01 18:00 (arrives Fri 07-05 22:00): latest
     * departure Mon 07-01 12:00 */
    arrive_by(q, net, "2019-07-08T21:59");
    r = dated_ok(net, q);
    expect_instant(fr_route_departure(r), "2019-07-01T12:00:00Z");
    expect_instant(fr_route_arrival(r), "2019-07-05T22:00:00Z");
    assert_close(fr_route_total_time_h(r), 106);
    fr_route_free(r);
    fr_query_free(q);

    /* L2 by 07-02 12:00: entering on 07-02 is closed; enter before the
     * closure starts: latest departure 07-01 12:00 - 1 s = 11:59:59, arrival
     * 21:59:59, 10 h. */
    q = query("A", "C", FR_OBJECTIVE_TIME);
    arrive_by(q, net, "2019-07-02T12:00");
    r = dated_ok(net, q);
    expect_instant(fr_route_departure(r), "2019-07-01T11:59:59Z");
    expect_instant(fr_route_arrival(r), "2019-07-01T21:59:59Z");
    assert_close(fr_route_total_time_h(r), 10);
    assert_int_equal(route_count_steps(r, FR_STEP_WAIT), 0);
    fr_route_free(r);
    /* by 07-03 10:00: depart at the closure's end, 07-03 00:00 */
    arrive_by(q, net, "2019-07-03T10:00");
    r = dated_ok(net, q);
    expect_instant(fr_route_departure(r), "2019-07-03T00:00:00Z");
    expect_instant(fr_route_arrival(r), "2019-07-03T10:00:00Z");
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- objectives with a departure ------------------------------------------------- */

/* UTC. CHEAP A->B road 30 h 100 USD; FAST A->B road 5 h 400 USD; TRAIN
 * B->C rail 100 h 1000 USD "Mon 18:00; Thu 18:00" cut-off 6; a free
 * road->rail transfer at B. */
#define OBJ_NODES NODES_HDR NODE("A", "UTC") NODE("B", "UTC") NODE("C", "UTC")
#define OBJ_LINKS                                   \
    LINKS_HDR "CHEAP,A,B,road,1500,30,100,0,,\n"    \
              "FAST,A,B,road,1000,5,400,0,,\n"      \
              "TRAIN,B,C,rail,5000,100,1000,0,,\n"
#define OBJ_TRANSFERS TRANSFERS_HDR "B,road,rail,0,0\n"
#define OBJ_SERVICES SVC_HDR "S1,TRAIN,Mon 18:00; Thu 18:00,6,,\n"

static void test_time_tie_same_train(void **state)
{
    (void)state;
    netfiles f = {.nodes = OBJ_NODES, .links = OBJ_LINKS, .transfers = OBJ_TRANSFERS,
                  .services = OBJ_SERVICES};
    fr_network *net = load_dated(&f);
    /* Depart Mon 07-01 12:00. FAST at B Mon 17:00, CHEAP Tue 18:00; the Mon
     * 18:00 train closes at 12:00: both take Thu 18:00 (closes Thu 12:00),
     * arriving Mon 07-08 22:00: 178 h each. Tie on time -> the lower cost:
     * CHEAP, 1100 USD (FAST would be 1400). */
    fr_query *q = query("A", "C", FR_OBJECTIVE_TIME);
    depart_at(q, net, "2019-07-01T12:00");
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "link:CHEAP transfer:B wait:B link:TRAIN");
    expect_step(r, 2, 48, "2019-07-02T18:00:00Z", "2019-07-04T18:00:00Z");
    expect_instant(fr_route_arrival(r), "2019-07-08T22:00:00Z");
    assert_close(fr_route_total_time_h(r), 178);
    assert_close(fr_route_total_cost_usd(r), 1100);
    fr_route_free(r);
    /* Depart Mon 00:00: FAST (at B 05:00) makes Mon 18:00, arriving Fri
     * 07-05 22:00: 118 h, 1400 USD. */
    depart_at(q, net, "2019-07-01T00:00");
    r = dated_ok(net, q);
    expect_links(r, "FAST TRAIN");
    assert_close(fr_route_total_time_h(r), 118);
    assert_close(fr_route_total_cost_usd(r), 1400);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_other_objectives(void **state)
{
    (void)state;
    netfiles f = {.nodes = OBJ_NODES, .links = OBJ_LINKS, .transfers = OBJ_TRANSFERS,
                  .services = OBJ_SERVICES};
    fr_network *net = load_dated(&f);
    /* Depart Mon 00:00. CHEAP TRAIN: at B Tue 06:00 -> Thu 18:00 -> Mon
     * 07-08 22:00: 190 h, 1100 USD. FAST TRAIN: 118 h, 1400 USD. */
    fr_query *q = query("A", "C", FR_OBJECTIVE_COST);
    depart_at(q, net, "2019-07-01T00:00");
    fr_route *r = dated_ok(net, q);
    expect_links(r, "CHEAP TRAIN");
    assert_close(fr_route_total_cost_usd(r), 1100);
    assert_close(fr_route_total_time_h(r), 190);
    fr_route_free(r);
    /* Deadline Sat 07-06 00:00: CHEAP TRAIN arrives Mon 07-08, too late:
     * FAST TRAIN, 1400 USD, 118 h. */
    arrive_by(q, net, "2019-07-06T00:00");
    r = dated_ok(net, q);
    expect_links(r, "FAST TRAIN");
    assert_close(fr_route_total_cost_usd(r), 1400);
    assert_close(fr_route_total_time_h(r), 118);
    expect_instant(fr_route_departure(r), "2019-07-01T00:00:00Z");
    fr_route_free(r);
    /* Deadline only, objective cost: CHEAP TRAIN can make it on the Mon
     * 07-01 18:00 train if at B by Mon 12:00, i.e. leaving A 30 h earlier,
     * Sun 06-30 06:00 (the latest it can); arrival Fri 07-05 22:00:
     * 5 d 16 h = 136 h. */
    fr_query_set_departure(q, NULL);
    r = dated_ok(net, q);
    expect_links(r, "CHEAP TRAIN");
    assert_close(fr_route_total_cost_usd(r), 1100);
    expect_instant(fr_route_departure(r), "2019-06-30T06:00:00Z");
    expect_instant(fr_route_arrival(r), "2019-07-05T22:00:00Z");
    assert_close(fr_route_total_time_h(r), 136);
    fr_route_free(r);
    fr_query_free(q);

    /* Generalized, depart Mon 00:00, waits counted in the time:
     *   vot 5: CHEAP TRAIN 1100 + 5·190 = 2050, FAST TRAIN 1400 + 5·118 =
     *          1990 -> FAST (without waits, 130 h vs 105 h, it would be
     *          1750 vs 1925 -> CHEAP);
     *   vot 3: 1100 + 570 = 1670 vs 1400 + 354 = 1754 -> CHEAP. */
    q = query("A", "C", FR_OBJECTIVE_GENERALIZED);
    depart_at(q, net, "2019-07-01T00:00");
    fr_query_set_value_of_time(q, 5);
    r = dated_ok(net, q);
    expect_links(r, "FAST TRAIN");
    assert_close(fr_route_objective_value(r), 1990);
    fr_route_free(r);
    fr_query_set_value_of_time(q, 3);
    r = dated_ok(net, q);
    expect_links(r, "CHEAP TRAIN");
    assert_close(fr_route_objective_value(r), 1670);
    fr_route_free(r);
    /* vot 5 from Mon 12:00: CHEAP 1100 + 5·178 = 1990, FAST 1400 + 890 ->
     * CHEAP */
    fr_query_set_value_of_time(q, 5);
    depart_at(q, net, "2019-07-01T12:00");
    r = dated_ok(net, q);
    expect_links(r, "CHEAP TRAIN");
    assert_close(fr_route_objective_value(r), 1990);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- Pareto fronts and bounds ------------------------------------------------------ */

/* OBJ network plus TRUCK B->C road 150 h 1500 USD and AIR A->C air 20 h
 * 5000 USD. */
#define PARETO_LINKS OBJ_LINKS "TRUCK,B,C,road,5000,150,1500,0,,\n" \
                               "AIR,A,C,air,6000,20,5000,0,,\n"

static void expect_front(const fr_network *net, fr_route_list *list, size_t n,
                         const char *const *links, const double *cost, const double *time)
{
    assert_non_null(list);
    assert_int_equal(fr_route_list_count(list), n);
    for (size_t i = 0; i < n; i++) {
        const fr_route *r = fr_route_list_get(list, i);
        check_timeline(net, r);
        expect_links(r, links[i]);
        assert_close(fr_route_total_cost_usd(r), cost[i]);
        assert_close(fr_route_total_time_h(r), time[i]);
    }
}

static void test_pareto_dated(void **state)
{
    (void)state;
    netfiles f = {.nodes = OBJ_NODES, .links = PARETO_LINKS, .transfers = OBJ_TRANSFERS,
                  .services = OBJ_SERVICES};
    fr_network *net = load_dated(&f);
    const fr_criterion crit[2] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    fr_query *q = query("A", "C", FR_OBJECTIVE_COST);
    GError *err = NULL;

    /* Depart Mon 00:00:
     *   CHEAP TRAIN (1100, 190)  FAST TRAIN (1400, 118)
     *   CHEAP TRUCK (1600, 30 + 150 = 180)  FAST TRUCK (1900, 155)
     *   AIR (5000, 20)
     * The trucks are dominated by FAST TRAIN. */
    depart_at(q, net, "2019-07-01T00:00");
    fr_route_list *list = fr_network_pareto(net, q, crit, 2, NULL, &err);
    if (!list)
        fail_msg("pareto: %s", err ? err->message : "?");
    {
        const char *links[] = {"CHEAP TRAIN", "FAST TRAIN", "AIR"};
        const double cost[] = {1100, 1400, 5000}, time[] = {190, 118, 20};
        expect_front(net, list, 3, links, cost, time);
    }
    fr_route_list_free(list);
    /* The same front capped at two routes: the first two by cost. All
     * three are supported: FAST TRAIN (1400, 118) lies below the line from
     * (1100, 190) to (5000, 20), which passes 176.9 h at 1400 USD. */
    fr_pareto_options capped = {.max_routes = 2, .convex_hull = true};
    list = fr_network_pareto(net, q, crit, 2, &capped, &err);
    if (!list)
        fail_msg("pareto capped: %s", err ? err->message : "?");
    {
        const char *links[] = {"CHEAP TRAIN", "FAST TRAIN"};
        const double cost[] = {1100, 1400}, time[] = {190, 118};
        expect_front(net, list, 2, links, cost, time);
    }
    fr_route_list_free(list);

    /* Depart Mon 12:00: both trains are Thu's: CHEAP TRAIN (1100, 178),
     * FAST TRAIN (1400, 178) dominated; CHEAP TRUCK (1600, 180) dominated;
     * FAST TRUCK (1900, 155); AIR (5000, 20). */
    depart_at(q, net, "2019-07-01T12:00");
    list = fr_network_pareto(net, q, crit, 2, NULL, &err);
    if (!list)
        fail_msg("pareto: %s", err ? err->message : "?");
    {
        const char *links[] = {"CHEAP TRAIN", "FAST TRUCK", "AIR"};
        const double cost[] = {1100, 1900, 5000}, time[] = {178, 155, 20};
        expect_front(net, list, 3, links, cost, time);
    }
    fr_route_list_free(list);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_bounds_dated(void **state)
{
    (void)state;
    netfiles f = {.nodes = OBJ_NODES, .links = OBJ_LINKS, .transfers = OBJ_TRANSFERS,
                  .services = OBJ_SERVICES};
    fr_network *net = load_dated(&f);
    fr_query *q = query("A", "C", FR_OBJECTIVE_COST);
    depart_at(q, net, "2019-07-01T00:00");
    /* CHEAP TRAIN takes 190 h with its waits (130 h running): max 150 ->
     * FAST TRAIN (118 h, 1400) */
    fr_query_set_max_time(q, 150);
    fr_route *r = dated_ok(net, q);
    expect_links(r, "FAST TRAIN");
    assert_close(fr_route_total_time_h(r), 118);
    fr_route_free(r);
    /* inclusive: 118 */
    fr_query_set_max_time(q, 118);
    r = dated_ok(net, q);
    expect_links(r, "FAST TRAIN");
    fr_route_free(r);
    fr_query_set_max_time(q, 117);
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    fr_query_set_max_time(q, 190);
    r = dated_ok(net, q);
    expect_links(r, "CHEAP TRAIN");
    fr_route_free(r);
    fr_query_free(q);

    /* objective time with max_cost 1200: CHEAP TRAIN, 190 h */
    q = query("A", "C", FR_OBJECTIVE_TIME);
    depart_at(q, net, "2019-07-01T00:00");
    fr_query_set_max_cost(q, 1200);
    r = dated_ok(net, q);
    expect_links(r, "CHEAP TRAIN");
    assert_close(fr_route_total_time_h(r), 190);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- departure profiles ------------------------------------------------------------- */

/* UTC. L1 A->B "Mon 18:00; Thu 18:00" cut-off 6, 100 h; L2 A->C the same
 * but its service ends on 2019-07-04. */
static void test_departure_profile(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "UTC") NODE("C", "UTC"),
        .links = LINKS_HDR "L1,A,B,rail,1000,100,500,0,,\n"
                           "L2,A,C,rail,1000,100,500,0,,\n",
        .services = SVC_HDR "S1,L1,Mon 18:00; Thu 18:00,6,,\n"
                            "S2,L2,Mon 18:00; Thu 18:00,6,,2019-07-04\n",
    };
    fr_network *net = load_dated(&f);
    GDateTime *first = when(net, "A", "2019-07-01T00:00");
    GDateTime *last = when(net, "A", "2019-07-07T00:00");
    GError *err = NULL;

    /* Daily at 00:00, Mon 07-01 .. Sun 07-07:
     *   Mon: Mon 18:00 -> Fri 07-05 22:00, 118 h
     *   Tue: Thu 18:00 -> Mon 07-08 22:00, 166 h;  Wed 142;  Thu 118
     *   Fri: Mon 07-08 18:00 -> Fri 07-12 22:00, 190 h;  Sat 166;  Sun 142 */
    static const double want[7] = {118, 166, 142, 118, 190, 166, 142};
    static const char *const arrive[7] = {
        "2019-07-05T22:00:00Z", "2019-07-08T22:00:00Z", "2019-07-08T22:00:00Z",
        "2019-07-08T22:00:00Z", "2019-07-12T22:00:00Z", "2019-07-12T22:00:00Z",
        "2019-07-12T22:00:00Z",
    };
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    fr_profile *p = fr_network_departure_profile(net, q, first, last, 24, &err);
    if (!p)
        fail_msg("profile: %s", err ? err->message : "?");
    assert_int_equal(fr_profile_count(p), 7);
    for (size_t i = 0; i < 7; i++) {
        GDateTime *d = fr_profile_departure(p, i);
        assert_close(secs(first, d), 24 * 3600.0 * (double)i);
        const fr_route *r = fr_profile_route(p, i);
        assert_non_null(r);
        check_timeline(net, r);
        assert_true(fabs(secs(d, fr_route_departure(r))) <= 1e-3);
        assert_close(fr_route_total_time_h(r), want[i]);
        expect_instant(fr_route_arrival(r), arrive[i]);
    }
    fr_profile_free(p);

    /* max_time 150: the rows over it (Tue 166, Fri 190, Sat 166) have none */
    fr_query_set_max_time(q, 150);
    p = fr_network_departure_profile(net, q, first, last, 24, &err);
    if (!p)
        fail_msg("profile: %s", err ? err->message : "?");
    assert_int_equal(fr_profile_count(p), 7);
    for (size_t i = 0; i < 7; i++) {
        const fr_route *r = fr_profile_route(p, i);
        if (want[i] > 150) {
            assert_null(r);
        } else {
            assert_non_null(r);
            assert_close(fr_route_total_time_h(r), want[i]);
        }
    }
    fr_profile_free(p);
    fr_query_free(q);

    /* A->C: S2 ends on Thu 07-04: Fri, Sat and Sun rows have no route */
    q = query("A", "C", FR_OBJECTIVE_TIME);
    p = fr_network_departure_profile(net, q, first, last, 24, &err);
    if (!p)
        fail_msg("profile: %s", err ? err->message : "?");
    assert_int_equal(fr_profile_count(p), 7);
    for (size_t i = 0; i < 7; i++) {
        const fr_route *r = fr_profile_route(p, i);
        if (i >= 4) {
            assert_null(r);
        } else {
            assert_non_null(r);
            assert_close(fr_route_total_time_h(r), want[i]);
        }
    }
    fr_profile_free(p);
    fr_query_free(q);
    g_date_time_unref(first);
    g_date_time_unref(last);
    fr_network_free(net);
}

/* ---- networks without dates ---------------------------------------------------------- */

/* No timezone column, no services, closures or validity. A -L1 rail 10 h
 * 100-> B (dwell 1 h 5 USD) -L2 sea 20 h 50-> C, transfer rail->sea at B 2 h
 * 30 USD; L3 A->C road 40 h 500. */
static void test_untimetabled(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = "id,name,kind,country,lat,lon,dwell_h,dwell_usd\n"
                 "A,A,city,CN,30,100,0,0\n"
                 "B,B,seaport,CN,30,101,1,5\n"
                 "C,C,seaport,DE,51,7,0,0\n",
        .links = "id,from,to,mode,distance_km,time_h,cost_usd,bidirectional\n"
                 "L1,A,B,rail,1000,10,100,0\n"
                 "L2,B,C,sea,2000,20,50,0\n"
                 "L3,A,C,road,2500,40,500,0\n",
        .transfers = TRANSFERS_HDR "B,rail,sea,2,30\n",
    };
    fr_network *net = load_dated(&f);
    assert_false(fr_network_is_timetabled(net));
    assert_null(fr_network_reference_date(net));

    /* undated, as §2: via B cost 100 + (5 + 30) + 50 = 185, time 10 + 3 +
     * 20 = 33; L3 500 USD, 40 h. */
    fr_query *q = query("A", "C", FR_OBJECTIVE_COST);
    fr_route *r = route_ok(net, q);
    assert_false(fr_route_is_dated(r));
    expect_timeline(r, "link:L1 transfer:B link:L2");
    assert_close(fr_route_total_cost_usd(r), 185);
    assert_close(fr_route_total_time_h(r), 33);
    for (size_t i = 0; i < fr_route_step_count(r); i++) {
        assert_null(fr_route_step(r, i)->start);
        assert_null(fr_route_step(r, i)->end);
    }
    fr_route_free(r);
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    r = route_ok(net, q);
    expect_links(r, "L1 L2");
    assert_close(fr_route_total_time_h(r), 33);
    fr_route_free(r);

    /* dated: depart 07-01 08:00Z, no waits: L1 08:00-18:00, transfer
     * 18:00-21:00, L2 21:00 -> 07-02 17:00. */
    fr_query_set_objective(q, FR_OBJECTIVE_COST);
    depart_at(q, net, "2019-07-01T08:00");
    r = dated_ok(net, q);
    expect_timeline(r, "link:L1 transfer:B link:L2");
    expect_step(r, 0, 10, "2019-07-01T08:00:00Z", "2019-07-01T18:00:00Z");
    expect_step(r, 1, 3, "2019-07-01T18:00:00Z", "2019-07-01T21:00:00Z");
    expect_step(r, 2, 20, "2019-07-01T21:00:00Z", "2019-07-02T17:00:00Z");
    expect_instant(fr_route_arrival(r), "2019-07-02T17:00:00Z");
    assert_close(fr_route_total_cost_usd(r), 185);
    assert_close(fr_route_total_time_h(r), 33);
    fr_route_free(r);
    /* deadline only, objective time: latest departure = deadline - 33 h */
    fr_query_set_departure(q, NULL);
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    arrive_by(q, net, "2019-07-02T17:00");
    r = dated_ok(net, q);
    expect_links(r, "L1 L2");
    expect_instant(fr_route_departure(r), "2019-07-01T08:00:00Z");
    assert_int_equal(route_count_steps(r, FR_STEP_WAIT), 0);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- day ranges, services on reverses, closed origins ------------------------------ */

/* UTC. L1 A->B 10 h "Mon-Fri 09:00" cut-off 30; L2 A->C 10 h "Sat-Mon 09:00"
 * (a range wrapping the week's end) cut-off 0. */
static void test_day_ranges(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "UTC") NODE("C", "UTC"),
        .links = LINKS_HDR "L1,A,B,rail,1000,10,100,0,,\n"
                           "L2,A,C,rail,1000,10,100,0,,\n",
        .services = SVC_HDR "S1,L1,Mon-Fri 09:00,30,,\n"
                            "S2,L2,Sat-Mon 09:00,0,,\n",
    };
    fr_network *net = load_dated(&f);
    struct {
        const char *to, *depart, *board;
        double wait;
    } cases[] = {
        /* Fri 07-05 04:00: Fri 09:00 closes Thu 03:00 (missed); no Sat/Sun;
         * Mon 07-08 09:00 closes Sun 03:00: wait 3 d 5 h = 77 h */
        {"B", "2019-07-05T04:00", "2019-07-08T09:00:00Z", 77},
        /* Thu 07-04 03:00 = Fri 09:00 - 30 h exactly: wait 30 h */
        {"B", "2019-07-04T03:00", "2019-07-05T09:00:00Z", 30},
        /* Tue 07-02 00:00 -> Sat 07-06 09:00: 4 d 9 h = 105 h */
        {"C", "2019-07-02T00:00", "2019-07-06T09:00:00Z", 105},
        /* Sun 07-07 10:00 -> Mon 07-08 09:00: 23 h */
        {"C", "2019-07-07T10:00", "2019-07-08T09:00:00Z", 23},
        /* Mon 07-08 10:00 -> Sat 07-13 09:00: 4 d 23 h = 119 h */
        {"C", "2019-07-08T10:00", "2019-07-13T09:00:00Z", 119},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        fr_query *q = query("A", cases[i].to, FR_OBJECTIVE_TIME);
        depart_at(q, net, cases[i].depart);
        fr_route *r = dated_ok(net, q);
        expect_step(r, 0, cases[i].wait, NULL, cases[i].board);
        assert_close(fr_route_total_time_h(r), cases[i].wait + 10);
        fr_route_free(r);
        fr_query_free(q);
    }
    /* undated, no date:
     *   L1: headways 24 x 4 and 72 (Fri -> Mon): Σh² = 4·576 + 5184 = 7488,
     *       7488/336 = 22.285714..., + 30 + 10 = 62.285714...
     *   L2: Sat -> Sun 24, Sun -> Mon 24, Mon -> Sat 120: Σh² = 15552,
     *       15552/336 = 46.285714..., + 10 = 56.285714... */
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    fr_route *r = route_ok(net, q);
    assert_close(fr_route_total_time_h(r), 7488.0 / 336 + 40);
    fr_route_free(r);
    fr_query_set_endpoints(q, "A", "C");
    r = route_ok(net, q);
    assert_close(fr_route_total_time_h(r), 15552.0 / 336 + 10);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* UTC. L1 A<->B rail 10 h, bidirectional; one service on L1:rev only,
 * "daily 08:00": A->B runs at any moment, B->A is scheduled. */
static void test_service_on_reverse(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "UTC"),
        .links = LINKS_HDR "L1,A,B,rail,1000,10,100,1,,\n",
        .services = SVC_HDR "S1,L1:rev,daily 08:00,0,,\n",
    };
    fr_network *net = load_dated(&f);
    /* undated: A->B 10 h; B->A 24²·7/336 = 12 + 10 = 22 h */
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    fr_route *r = route_ok(net, q);
    assert_close(fr_route_total_time_h(r), 10);
    fr_route_free(r);
    fr_query_set_endpoints(q, "B", "A");
    r = route_ok(net, q);
    expect_links(r, "L1:rev");
    assert_close(fr_route_total_time_h(r), 22);
    fr_route_free(r);
    /* depart 07-01 00:00: B->A waits to 08:00, 18 h; A->B 10 h, no wait */
    depart_at(q, net, "2019-07-01T00:00");
    r = dated_ok(net, q);
    expect_timeline(r, "wait:B link:L1:rev");
    assert_close(fr_route_total_time_h(r), 18);
    fr_route_free(r);
    fr_query_set_endpoints(q, "A", "B");
    r = dated_ok(net, q);
    expect_timeline(r, "link:L1");
    assert_close(fr_route_total_time_h(r), 10);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* UTC. L1 A->B road 5 h; L2 A->C rail "daily 02:00" 10 h; node A closed
 * [07-01 00:00Z, 03:00Z): nothing starts there meanwhile. */
static void test_closure_origin(void **state)
{
    (void)state;
    netfiles f = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "UTC") NODE("C", "UTC"),
        .links = LINKS_HDR "L1,A,B,road,400,5,100,0,,\n"
                           "L2,A,C,rail,1000,10,100,0,,\n",
        .services = SVC_HDR "S2,L2,daily 02:00,0,,\n",
        .closures = CLO_HDR ",A,2019-07-01T00:00:00Z,2019-07-01T03:00:00Z,\n",
    };
    fr_network *net = load_dated(&f);
    /* A->B from 00:00: wait 3 h, L1 03:00-08:00, 8 h */
    fr_query *q = query("A", "B", FR_OBJECTIVE_TIME);
    depart_at(q, net, "2019-07-01T00:00");
    fr_route *r = dated_ok(net, q);
    expect_timeline(r, "wait:A link:L1");
    expect_step(r, 1, 5, "2019-07-01T03:00:00Z", "2019-07-01T08:00:00Z");
    assert_close(fr_route_total_time_h(r), 8);
    fr_route_free(r);
    /* A->C from 00:00: the 07-01 02:00 train leaves a closed node: skipped;
     * 07-02 02:00: wait 26 h, total 36 */
    fr_query_set_endpoints(q, "A", "C");
    r = dated_ok(net, q);
    expect_step(r, 0, 26, "2019-07-01T00:00:00Z", "2019-07-02T02:00:00Z");
    assert_close(fr_route_total_time_h(r), 36);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- dated queries: quantity, errors, deadlines with dates ------------------------- */

static void test_dated_query_rules(void **state)
{
    (void)state;
    netfiles f = {.nodes = OBJ_NODES, .links = OBJ_LINKS, .transfers = OBJ_TRANSFERS,
                  .services = OBJ_SERVICES};
    fr_network *net = load_dated(&f);
    /* quantity 3: cost x 3 (3300), time unchanged (190), steps per TEU */
    fr_query *q = query("A", "C", FR_OBJECTIVE_COST);
    fr_query_set_quantity(q, 3);
    depart_at(q, net, "2019-07-01T00:00");
    fr_route *r = dated_ok(net, q);
    expect_links(r, "CHEAP TRAIN");
    assert_close(fr_route_total_cost_usd(r), 3300);
    assert_close(fr_route_total_time_h(r), 190);
    assert_close(fr_route_step(r, 0)->cost_usd, 100);
    fr_route_free(r);
    fr_query_free(q);

    /* objective time with a departure and a deadline it cannot make: the
     * earliest arrival from Mon 00:00 is Fri 07-05 22:00 */
    q = query("A", "C", FR_OBJECTIVE_TIME);
    depart_at(q, net, "2019-07-01T00:00");
    arrive_by(q, net, "2019-07-05T21:59");
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    arrive_by(q, net, "2019-07-05T22:00");
    r = dated_ok(net, q);
    expect_links(r, "FAST TRAIN");
    fr_route_free(r);
    fr_query_free(q);

    /* generalized and Pareto fronts need a departure (lib/FORMAT.md §7) */
    q = query("A", "C", FR_OBJECTIVE_GENERALIZED);
    fr_query_set_value_of_time(q, 5);
    arrive_by(q, net, "2019-07-09T00:00");
    route_fails(net, q, FR_ERROR_QUERY);
    const fr_criterion crit[2] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    GError *err = NULL;
    fr_route_list *l = fr_network_pareto(net, q, crit, 2, NULL, &err);
    assert_null(l);
    check_error(err, FR_ERROR_QUERY, NULL, NULL);
    g_clear_error(&err);
    fr_query_free(q);
    fr_network_free(net);

    /* A (UTC) -> B (Asia/Shanghai) road 10 h, valid until 2019-07-02. With a
     * deadline only, the date is the deadline's in B's zone:
     * 07-02 23:00+08 -> valid, latest departure 07-02 05:00Z;
     * 07-03 02:00+08 (still 07-02 in UTC) -> invalid, no route. */
    netfiles g = {
        .nodes = NODES_HDR NODE("A", "UTC") NODE("B", "Asia/Shanghai"),
        .links = LINKS_HDR "L1,A,B,road,800,10,100,0,,2019-07-02\n",
    };
    net = load_dated(&g);
    q = query("A", "B", FR_OBJECTIVE_TIME);
    arrive_by(q, net, "2019-07-02T23:00");
    r = dated_ok(net, q);
    expect_instant(fr_route_departure(r), "2019-07-02T05:00:00Z");
    expect_instant(fr_route_arrival(r), "2019-07-02T23:00:00+08:00");
    fr_route_free(r);
    arrive_by(q, net, "2019-07-03T02:00");
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- threads --------------------------------------------------------------------------- */

#define N_THREADS 8
#define N_ROUNDS 10

typedef struct {
    fr_objective obj;
    const char *depart, *deadline; /* UTC text or NULL */
    double vot;
    bool pareto;
} tq;

static const tq thread_queries[] = {
    {FR_OBJECTIVE_COST, "2019-07-01T00:00", NULL, 0, false},
    {FR_OBJECTIVE_COST, "2019-07-01T12:00", NULL, 0, false},
    {FR_OBJECTIVE_TIME, "2019-07-01T00:00", NULL, 0, false},
    {FR_OBJECTIVE_GENERALIZED, "2019-07-01T00:00", NULL, 5, false},
    {FR_OBJECTIVE_COST, "2019-07-01T00:00", "2019-07-06T00:00", 0, false},
    {FR_OBJECTIVE_TIME, NULL, "2019-07-09T00:00", 0, false},
    {FR_OBJECTIVE_COST, NULL, "2019-07-06T00:00", 0, false},
    {FR_OBJECTIVE_COST, "2019-07-01T00:00", NULL, 0, true},
    {FR_OBJECTIVE_COST, "2019-07-01T12:00", NULL, 0, true},
};
#define N_TQ G_N_ELEMENTS(thread_queries)

static void append_route(GString *s, const fr_route *r)
{
    char *ids = route_link_ids(r);
    char *dep = fmt(fr_route_departure(r)), *arr = fmt(fr_route_arrival(r));
    g_string_append_printf(s, "[%s|%.17g|%.17g|%s|%s]", ids, fr_route_total_time_h(r),
                           fr_route_total_cost_usd(r), dep, arr);
    g_free(ids);
    g_free(dep);
    g_free(arr);
}

/* The answer to query i as text (no cmocka calls: runs in threads). */
static char *answer(const fr_network *net, fr_query *const *queries, size_t i)
{
    const fr_criterion crit[2] = {FR_CRITERION_COST, FR_CRITERION_TIME};
    GString *s = g_string_new(NULL);
    fr_query *q = fr_query_copy(queries[i]);
    GError *err = NULL;
    if (thread_queries[i].pareto) {
        fr_route_list *l = fr_network_pareto(net, q, crit, 2, NULL, &err);
        if (l) {
            for (size_t k = 0; k < fr_route_list_count(l); k++)
                append_route(s, fr_route_list_get(l, k));
            fr_route_list_free(l);
        }
    } else {
        fr_route *r = fr_network_route(net, q, &err);
        if (r) {
            append_route(s, r);
            fr_route_free(r);
        }
    }
    if (err) {
        g_string_append_printf(s, "error %d: %s", err->code, err->message);
        g_error_free(err);
    }
    fr_query_free(q);
    return g_string_free(s, FALSE);
}

typedef struct {
    const fr_network *net;
    fr_query *const *queries;
    char **reference;
    int offset;
    int mismatches;
} worker;

static gpointer run_worker(gpointer data)
{
    worker *w = data;
    for (int round = 0; round < N_ROUNDS; round++)
        for (size_t k = 0; k < N_TQ; k++) {
            size_t i = (k + (size_t)w->offset) % N_TQ;
            char *got = answer(w->net, w->queries, i);
            if (strcmp(got, w->reference[i]) != 0)
                w->mismatches++;
            g_free(got);
        }
    return NULL;
}

/* A dated matrix (OBJ network, objective time, departing Mon 2019-07-01
 * 00:00Z): A->B by the fast truck, 5 h; A->C the fast truck then the Mon
 * 18:00 train (ready at 05:00, cut-off 6 h), arriving Fri 22:00: 118 h;
 * B->C the same train: 118 h, USD 1,000. With only a deadline of Fri
 * 2019-07-05 22:00 at C, A->C leaves A at the latest Mon 07:00 (the truck's
 * 5 h to make the 12:00 cut-off): 111 h. Cells equal single routes. */
static void test_matrix_dated(void **state)
{
    (void)state;
    netfiles f = {.nodes = OBJ_NODES, .links = OBJ_LINKS, .transfers = OBJ_TRANSFERS,
                  .services = OBJ_SERVICES};
    fr_network *net = load_dated(&f);
    fr_query *q = query("A", "C", FR_OBJECTIVE_TIME);
    depart_at(q, net, "2019-07-01T00:00");
    const char *origins[] = {"A", "B"}, *dests[] = {"B", "C"};
    fr_matrix_options options = {.threads = 2, .keep_routes = true};
    GError *err = NULL;
    fr_matrix *m = fr_network_matrix(net, q, origins, 2, dests, 2, &options, &err);
    if (!m)
        fail_msg("matrix: %s", err->message);
    assert_close(fr_matrix_time_h(m, 0, 0), 5);
    assert_close(fr_matrix_time_h(m, 0, 1), 118);
    assert_int_equal(fr_matrix_status(m, 1, 0), FR_CELL_SAME_NODE);
    assert_close(fr_matrix_time_h(m, 1, 1), 118);
    assert_close(fr_matrix_cost_usd(m, 1, 1), 1000);
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 2; j++) {
            if (fr_matrix_status(m, i, j) != FR_CELL_ROUTE)
                continue;
            fr_query_set_endpoints(q, origins[i], dests[j]);
            fr_route *r = dated_ok(net, q);
            assert_true(fr_matrix_time_h(m, i, j) == fr_route_total_time_h(r));
            assert_true(fr_matrix_cost_usd(m, i, j) == fr_route_total_cost_usd(r));
            const fr_route *kept = fr_matrix_route(m, i, j);
            assert_true(fr_route_is_dated(kept));
            assert_true(g_date_time_equal(fr_route_arrival(kept), fr_route_arrival(r)));
            fr_route_free(r);
        }
    fr_matrix_free(m);
    fr_query_set_departure(q, NULL);
    arrive_by(q, net, "2019-07-05T22:00");
    m = fr_network_matrix(net, q, origins, 1, dests + 1, 1, NULL, &err);
    if (!m)
        fail_msg("matrix: %s", err->message);
    assert_close(fr_matrix_time_h(m, 0, 0), 111);
    fr_matrix_free(m);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_threads(void **state)
{
    (void)state;
    netfiles f = {.nodes = OBJ_NODES, .links = PARETO_LINKS, .transfers = OBJ_TRANSFERS,
                  .services = OBJ_SERVICES};
    fr_network *net = load_dated(&f);
    fr_query *queries[N_TQ];
    char *reference[N_TQ];
    for (size_t i = 0; i < N_TQ; i++) {
        const tq *t = &thread_queries[i];
        queries[i] = query("A", "C", t->obj);
        fr_query_set_value_of_time(queries[i], t->vot);
        if (t->depart)
            depart_at(queries[i], net, t->depart);
        if (t->deadline)
            arrive_by(queries[i], net, t->deadline);
        reference[i] = answer(net, queries, i);
        if (strstr(reference[i], "error") || reference[i][0] == '\0')
            fail_msg("query %zu: %s", i, reference[i]);
    }
    /* a few of them by hand (see test_other_objectives, test_pareto_dated):
     * cost from Mon 00:00 -> CHEAP TRAIN 190 h 1100; generalized vot 5 ->
     * FAST TRAIN 1990 (trucks 2500, 2675; AIR 5100); time by Tue 07-09 00:00
     * with AIR (20 h, unscheduled) -> depart Mon 07-08 04:00. */
    expect_text(g_strdup(reference[0]),
                "[CHEAP TRAIN|190|1100|2019-07-01T00:00:00+00:00|2019-07-08T22:00:00+00:00]",
                "reference 0");
    expect_text(g_strdup(reference[3]),
                "[FAST TRAIN|118|1400|2019-07-01T00:00:00+00:00|2019-07-05T22:00:00+00:00]",
                "reference 3");
    expect_text(g_strdup(reference[5]),
                "[AIR|20|5000|2019-07-08T04:00:00+00:00|2019-07-09T00:00:00+00:00]",
                "reference 5");

    worker workers[N_THREADS];
    GThread *threads[N_THREADS];
    for (int t = 0; t < N_THREADS; t++) {
        workers[t] = (worker){net, queries, reference, t, 0};
        threads[t] = g_thread_new("dated", run_worker, &workers[t]);
    }
    int mismatches = 0;
    for (int t = 0; t < N_THREADS; t++) {
        g_thread_join(threads[t]);
        mismatches += workers[t].mismatches;
    }
    assert_int_equal(mismatches, 0);
    for (size_t i = 0; i < N_TQ; i++) {
        g_free(reference[i]);
        fr_query_free(queries[i]);
    }
    fr_network_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cutoff_weekly),
        cmocka_unit_test(test_time_zones),
        cmocka_unit_test(test_dst),
        cmocka_unit_test(test_wait_steps),
        cmocka_unit_test(test_undated_mean_wait),
        cmocka_unit_test(test_link_validity),
        cmocka_unit_test(test_reference_date),
        cmocka_unit_test(test_service_validity),
        cmocka_unit_test(test_closure_link_waited_out),
        cmocka_unit_test(test_closure_skips_departure),
        cmocka_unit_test(test_closure_reverse_only),
        cmocka_unit_test(test_closure_node_pass_through),
        cmocka_unit_test(test_closure_destination),
        cmocka_unit_test(test_closure_undated),
        cmocka_unit_test(test_deadline_latest_departure),
        cmocka_unit_test(test_time_tie_same_train),
        cmocka_unit_test(test_other_objectives),
        cmocka_unit_test(test_pareto_dated),
        cmocka_unit_test(test_bounds_dated),
        cmocka_unit_test(test_departure_profile),
        cmocka_unit_test(test_untimetabled),
        cmocka_unit_test(test_day_ranges),
        cmocka_unit_test(test_service_on_reverse),
        cmocka_unit_test(test_closure_origin),
        cmocka_unit_test(test_dated_query_rules),
        cmocka_unit_test(test_matrix_dated),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
