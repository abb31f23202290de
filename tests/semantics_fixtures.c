/* semantics_fixtures.c - route assertions shared by the route-semantics
 * tests (semantics_fixtures.h). */
#include "semantics_fixtures.h"

fr_route *route_q(const fr_network *net, const char *from,
                  const char *to, fr_objective obj)
{
    fr_query *q = fr_query_new(from, to);
    fr_query_set_objective(q, obj);
    fr_route *r = route_ok(net, q);
    fr_query_free(q);
    return r;
}

void expect_no_route(const fr_network *net, const char *from,
                     const char *to)
{
    fr_query *q = fr_query_new(from, to);
    route_fails(net, q, FR_ERROR_NO_ROUTE);
    fr_query_free(q);
}

void expect_links(const fr_route *r, const char *want)
{
    expect_text(route_link_ids(r), want, "route links");
}

void expect_types(const fr_route *r, const char *want)
{
    expect_text(route_step_types(r), want, "route steps");
}

void expect_totals(const fr_route *r, double cost, double time,
                   double co2, double dist)
{
    assert_close(fr_route_total_cost_usd(r), cost);
    assert_close(fr_route_total_time_h(r), time);
    assert_close(fr_route_total_co2_kg(r), co2);
    assert_close(fr_route_total_distance_km(r), dist);
}
