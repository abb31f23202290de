/* route_dated.c - dated routes (FORMAT.md §5): a path of the timetable's
 * graph run from its departure, boarding every link as early as it can.
 * Each step gets its start and end in the zones of the nodes where it
 * starts and ends; a wait for a departure (cut-off included), for the end
 * of a closure or for a closed destination to open is a step of its own.
 * The route's time is arrival - departure; other figures are sums. */
#include "route.h"

static const fr_zone *zone_of(const fr_model *model, const char *node_id)
{
    return g_ptr_array_index(model->zones, FR_NODE(model, fr_model_node_lookup(model, node_id))->zone);
}

/* Dates a step from `start` to `end` (instants) and adds it. */
static void add_dated(fr_route *r, fr_step *step, double start, double end)
{
    const fr_model *model = r->ctx.model;
    bool listed = !(step->type == FR_STEP_DWELL && step->cost_usd == 0 && step->time_h == 0);
    if (listed) {
        step->start = fr_clock_datetime(zone_of(model, step->from_node), start);
        step->end = fr_clock_datetime(zone_of(model, step->to_node), end);
    }
    fr_route_add_step(r, step);
}

static void add_wait(fr_route *r, uint32_t node, fr_mode mode, double from, double to)
{
    const char *id = FR_NODE(r->ctx.model, node)->id;
    fr_step wait = {.type = FR_STEP_WAIT,
                    .link_id = "",
                    .from_node = id,
                    .to_node = id,
                    .mode = mode,
                    .to_mode = mode,
                    .corridor = "",
                    .time_h = (to - from) / 3600};
    add_dated(r, &wait, from, to);
}

fr_route *fr_route_new_dated(const fr_route_context *ctx, const fr_query *query,
                             const fr_timetable *tt, const GArray *edges, double depart)
{
    const fr_vgraph *g = tt->g;
    fr_route *r = fr_route_new_empty(ctx, query);
    double t = depart;
    fr_mode last_mode = FR_MODE_ROAD;
    for (guint i = 0; i < edges->len; i++) {
        uint32_t e = g_array_index(edges, uint32_t, i);
        double enter = fr_timetable_enter(tt, e, t);
        uint32_t node = g->state_node[g->edge_from[e]];
        if (enter > t)
            add_wait(r, node, (fr_mode)g->state_mode[g->edge_from[e]], t, enter);
        fr_step step = fr_route_edge_step(ctx->model, g, e);
        double end = enter + step.time_h * 3600;
        add_dated(r, &step, enter, end);
        last_mode = step.to_mode;
        t = end;
    }
    uint32_t destination = (uint32_t)fr_model_node_lookup(ctx->model, r->to);
    double delivered = fr_timetable_deliver(tt, destination, t);
    if (delivered > t)
        add_wait(r, destination, last_mode, t, delivered);
    r->time_h = (delivered - depart) / 3600; /* waits included, to the instant */
    r->depart = fr_clock_datetime(zone_of(ctx->model, r->from), depart);
    r->arrive = fr_clock_datetime(zone_of(ctx->model, r->to), delivered);
    return r;
}
