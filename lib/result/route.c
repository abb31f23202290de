/* route.c - route objects: built from a path of virtual edges into ordered
 * steps (links, transfers, dwells) with totals, copied, freed, and their
 * accessors. A route holds a reference to its network (lifetime.h); every
 * accessor given NULL, or an index out of range, answers a neutral value
 * (freightroute.h, "Misuse"). */
#include "route.h"

#include <math.h>

static fr_step link_step(const fr_model *model, uint32_t link_index, bool reverse, double time_h)
{
    const fr_link *l = FR_LINK(model, link_index);
    const fr_node *from = FR_NODE(model, reverse ? l->to : l->from);
    const fr_node *to = FR_NODE(model, reverse ? l->from : l->to);
    return (fr_step){.type = FR_STEP_LINK,
                     .link_id = reverse ? fr_model_rev_id(model, link_index) : l->id,
                     .from_node = from->id,
                     .to_node = to->id,
                     .mode = l->mode,
                     .to_mode = l->mode,
                     .corridor = fr_link_corridor(model, l),
                     .cost_usd = l->cost_usd,
                     .time_h = time_h,
                     .co2_kg = l->co2_kg,
                     .distance_km = l->distance_km};
}

/* The step for virtual edge e (its figures are the edge's, per TEU: a
 * scheduled link's time on an undated graph includes the mean wait). */
fr_step fr_route_edge_step(const fr_model *model, const fr_vgraph *g, uint32_t e)
{
    fr_vedge_kind kind = (fr_vedge_kind)g->edge_kind[e];
    if (kind == FR_VEDGE_LINK || kind == FR_VEDGE_REVERSE)
        return link_step(model, g->edge_ref[e], kind == FR_VEDGE_REVERSE, g->time[e]);
    const char *node = FR_NODE(model, g->state_node[g->edge_from[e]])->id;
    return (fr_step){.type = kind == FR_VEDGE_TRANSFER ? FR_STEP_TRANSFER : FR_STEP_DWELL,
                     .link_id = "",
                     .from_node = node,
                     .to_node = node,
                     .mode = (fr_mode)g->state_mode[g->edge_from[e]],
                     .to_mode = (fr_mode)g->state_mode[g->edge_to[e]],
                     .corridor = "",
                     .cost_usd = g->cost[e],
                     .time_h = g->time[e],
                     .co2_kg = g->co2[e],
                     .distance_km = 0};
}

fr_route *fr_route_new_empty(const fr_route_context *ctx, const fr_query *query)
{
    const fr_model *model = ctx->model;
    fr_route *r = g_new0(fr_route, 1);
    r->ctx = *ctx;
    r->ctx.g = NULL; /* read while building only (it may be a scratch graph) */
    fr_lifetime_hold(ctx->lifetime);
    r->from = FR_NODE(model, fr_model_node_lookup(model, query->from))->id;
    r->to = FR_NODE(model, fr_model_node_lookup(model, query->to))->id;
    r->objective = query->objective;
    r->quantity = query->quantity;
    r->value_of_time = query->value_of_time;
    r->carbon_price = query->carbon_price;
    r->steps = g_array_new(FALSE, FALSE, sizeof(fr_step));
    return r;
}

void fr_route_add_step(fr_route *r, const fr_step *step)
{
    r->cost_usd += step->cost_usd;
    r->time_h += step->time_h;
    r->co2_kg += step->co2_kg;
    r->distance_km += step->distance_km;
    r->transfers += step->type == FR_STEP_TRANSFER;
    /* A pass-through that charges nothing is not worth a line. */
    bool free_dwell = step->type == FR_STEP_DWELL && step->cost_usd == 0 && step->time_h == 0;
    if (!free_dwell)
        g_array_append_val(r->steps, *step);
}

fr_route *fr_route_new_from_path(const fr_route_context *ctx, const fr_query *query,
                                 const GArray *edges)
{
    fr_route *r = fr_route_new_empty(ctx, query);
    for (guint i = 0; i < edges->len; i++) {
        fr_step step = fr_route_edge_step(ctx->model, ctx->g, g_array_index(edges, uint32_t, i));
        fr_route_add_step(r, &step);
    }
    return r;
}

void fr_route_free(fr_route *route)
{
    if (!route)
        return;
    for (guint i = 0; i < route->steps->len; i++) {
        fr_step *s = &g_array_index(route->steps, fr_step, i);
        g_clear_pointer(&s->start, g_date_time_unref);
        g_clear_pointer(&s->end, g_date_time_unref);
    }
    g_clear_pointer(&route->depart, g_date_time_unref);
    g_clear_pointer(&route->arrive, g_date_time_unref);
    g_array_free(route->steps, TRUE);
    fr_lifetime_release(route->ctx.lifetime); /* may free the network: last */
    g_free(route);
}

static GDateTime *ref_or_null(GDateTime *when) { return when ? g_date_time_ref(when) : NULL; }

/* The steps' strings belong to the network, which the copy holds too; its
 * dates are references of their own (GDateTime never changes). */
fr_route *fr_route_copy(const fr_route *route)
{
    if (!route)
        return NULL;
    fr_route *copy = g_memdup2(route, sizeof *route);
    fr_lifetime_hold(copy->ctx.lifetime);
    copy->steps = g_array_sized_new(FALSE, FALSE, sizeof(fr_step), route->steps->len);
    g_array_append_vals(copy->steps, route->steps->data, route->steps->len);
    for (guint i = 0; i < copy->steps->len; i++) {
        fr_step *s = &g_array_index(copy->steps, fr_step, i);
        s->start = ref_or_null(s->start);
        s->end = ref_or_null(s->end);
    }
    copy->depart = ref_or_null(route->depart);
    copy->arrive = ref_or_null(route->arrive);
    return copy;
}

const fr_network *fr_route_network(const fr_route *r) { return r ? r->ctx.handle : NULL; }
const char *fr_route_from(const fr_route *r) { return r ? r->from : NULL; }
const char *fr_route_to(const fr_route *r) { return r ? r->to : NULL; }
fr_objective fr_route_objective(const fr_route *r) { return r ? r->objective : FR_OBJECTIVE_COST; }
double fr_route_quantity(const fr_route *r) { return r ? r->quantity : NAN; }
size_t fr_route_step_count(const fr_route *r) { return r ? r->steps->len : 0; }
size_t fr_route_transfer_count(const fr_route *r) { return r ? r->transfers : 0; }
double fr_route_total_cost_usd(const fr_route *r) { return r ? r->cost_usd * r->quantity : NAN; }
double fr_route_total_time_h(const fr_route *r) { return r ? r->time_h : NAN; }
double fr_route_total_co2_kg(const fr_route *r) { return r ? r->co2_kg * r->quantity : NAN; }
double fr_route_total_distance_km(const fr_route *r) { return r ? r->distance_km : NAN; }

const fr_step *fr_route_step(const fr_route *r, size_t index)
{
    return r && index < r->steps->len ? &g_array_index(r->steps, fr_step, index) : NULL;
}

double fr_route_objective_value(const fr_route *r)
{
    if (!r)
        return NAN;
    switch (r->objective) {
    case FR_OBJECTIVE_TIME:
        return r->time_h;
    case FR_OBJECTIVE_DISTANCE:
        return r->distance_km;
    case FR_OBJECTIVE_CO2:
        return r->co2_kg * r->quantity;
    case FR_OBJECTIVE_GENERALIZED:
        return r->quantity *
               (r->cost_usd + r->value_of_time * r->time_h + r->carbon_price * r->co2_kg);
    case FR_OBJECTIVE_COST:
    default:
        return r->cost_usd * r->quantity;
    }
}

bool fr_route_is_dated(const fr_route *r) { return r && r->depart; }
GDateTime *fr_route_departure(const fr_route *r) { return r ? r->depart : NULL; }
GDateTime *fr_route_arrival(const fr_route *r) { return r ? r->arrive : NULL; }

void fr_timeline_iter_init(fr_timeline_iter *iter, const fr_route *route)
{
    if (iter)
        *iter = (fr_timeline_iter){route, 0};
}

const fr_step *fr_timeline_iter_next(fr_timeline_iter *iter)
{
    if (!iter || !iter->route || iter->next >= iter->route->steps->len)
        return NULL;
    return &g_array_index(iter->route->steps, fr_step, iter->next++);
}

bool fr_route_totals_finite(const fr_route *r)
{
    return isfinite(fr_route_total_cost_usd(r)) && isfinite(fr_route_total_time_h(r)) &&
           isfinite(fr_route_total_co2_kg(r)) && isfinite(fr_route_total_distance_km(r)) &&
           isfinite(fr_route_objective_value(r));
}
