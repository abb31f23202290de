/* scenario_apply.c - a scenario's rules applied to a model (FORMAT.md §6),
 * in file order, each to every row it selects:
 *
 * - `all`: every node, link, transfer and service; `link:`/`node:`/
 *   `service:ID` one row; `mode:M` the links of mode M; `corridor:NAME` the
 *   links with that label; `country:CC` the nodes in CC and the links
 *   touching them; `transfer:NODE` the transfers at that node;
 * - `&mode:M` keeps only the links of mode M, the transfers from or to M and
 *   the nodes with a link of mode M;
 * - `scale`/`add`/`set` change the field on the selected rows that have it
 *   (links and transfers: cost_usd, time_h, co2_kg; nodes: dwell_h,
 *   dwell_usd); `close` removes the rows, and with a node everything at it,
 *   with a link its services. Closed rows are gone for later rules.
 *
 * Removed rows are dropped at the end and the indices of what remains
 * renumbered. */
#include "scenario.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

typedef struct {
    bool *node, *link, *transfer, *service; /* per row */
} row_set;

static row_set rows_new(const fr_model *m)
{
    return (row_set){g_new0(bool, m->nodes->len + 1), g_new0(bool, m->links->len + 1),
                     g_new0(bool, m->transfers->len + 1), g_new0(bool, m->services->len + 1)};
}

static void rows_free(row_set *r)
{
    g_free(r->node);
    g_free(r->link);
    g_free(r->transfer);
    g_free(r->service);
}

/* ---- selecting ------------------------------------------------------------ */

static bool link_selected(const fr_model *m, const fr_rule *r, const row_set *alive, guint i)
{
    const fr_link *l = FR_LINK(m, i);
    if (!alive->link[i] || (r->has_mode && l->mode != r->mode))
        return false;
    switch (r->kind) {
    case FR_SELECT_ALL: return true;
    case FR_SELECT_LINK: return g_str_equal(l->id, r->arg);
    case FR_SELECT_MODE: return l->mode == r->select_mode;
    case FR_SELECT_CORRIDOR: return g_str_equal(fr_link_corridor(m, l), r->arg);
    case FR_SELECT_COUNTRY:
        return g_str_equal(FR_NODE(m, l->from)->country, r->arg) ||
               g_str_equal(FR_NODE(m, l->to)->country, r->arg);
    default: return false;
    }
}

/* Whether node i has a live link of the rule's &mode. */
static bool node_has_mode(const fr_model *m, const row_set *alive, guint i, fr_mode mode)
{
    for (guint l = 0; l < m->links->len; l++)
        if (alive->link[l] && FR_LINK(m, l)->mode == mode &&
            (FR_LINK(m, l)->from == i || FR_LINK(m, l)->to == i))
            return true;
    return false;
}

static bool node_selected(const fr_model *m, const fr_rule *r, const row_set *alive, guint i)
{
    const fr_node *n = FR_NODE(m, i);
    bool kind = alive->node[i] &&
                (r->kind == FR_SELECT_ALL || (r->kind == FR_SELECT_NODE && g_str_equal(n->id, r->arg)) ||
                 (r->kind == FR_SELECT_COUNTRY && g_str_equal(n->country, r->arg)));
    return kind && (!r->has_mode || node_has_mode(m, alive, i, r->mode));
}

static bool transfer_selected(const fr_model *m, const fr_rule *r, const row_set *alive, guint i)
{
    const fr_transfer *t = FR_TRANSFER(m, i);
    if (!alive->transfer[i] || (r->has_mode && t->from_mode != r->mode && t->to_mode != r->mode))
        return false;
    return r->kind == FR_SELECT_ALL ||
           (r->kind == FR_SELECT_TRANSFER && g_str_equal(FR_NODE(m, t->node)->id, r->arg));
}

static bool service_selected(const fr_model *m, const fr_rule *r, const row_set *alive, guint i)
{
    const fr_service *s = FR_SERVICE(m, i);
    if (!alive->service[i] || (r->has_mode && FR_LINK(m, s->link)->mode != r->mode))
        return false;
    return r->kind == FR_SELECT_ALL || (r->kind == FR_SELECT_SERVICE && g_str_equal(s->id, r->arg));
}

/* The rows the rule selects among the live ones; how many. */
static size_t select_rows(const fr_model *m, const fr_rule *r, const row_set *alive, row_set *sel)
{
    size_t n = 0;
    for (guint i = 0; i < m->nodes->len; i++)
        n += sel->node[i] = node_selected(m, r, alive, i);
    for (guint i = 0; i < m->links->len; i++)
        n += sel->link[i] = link_selected(m, r, alive, i);
    for (guint i = 0; i < m->transfers->len; i++)
        n += sel->transfer[i] = transfer_selected(m, r, alive, i);
    for (guint i = 0; i < m->services->len; i++)
        n += sel->service[i] = service_selected(m, r, alive, i);
    return n;
}

/* ---- changing figures ----------------------------------------------------- */

static bool rule_error(GError **error, const fr_scenario *s, const fr_rule *r, const char *format,
                       ...) G_GNUC_PRINTF(4, 5);
static bool rule_error(GError **error, const fr_scenario *s, const fr_rule *r, const char *format,
                       ...)
{
    va_list args;
    va_start(args, format);
    char *what = g_strdup_vprintf(format, args);
    va_end(args);
    g_set_error(error, FR_ERROR, FR_ERROR_INVALID, "%s:%u: %s", s->file, r->line, what);
    g_free(what);
    return false;
}

static const char *const field_names[] = {"", "cost_usd", "time_h", "co2_kg", "dwell_h",
                                          "dwell_usd"};

/* The rule's result on one figure of a row (`what`, for messages). */
static bool change(const fr_scenario *s, const fr_rule *r, double *figure, const char *what,
                   bool link_time, GError **error)
{
    double v = r->op == FR_OP_SCALE ? *figure * r->value
               : r->op == FR_OP_ADD ? *figure + r->value
                                    : r->value;
    if (!isfinite(v) || v < 0)
        return rule_error(error, s, r, "%s of %s would be %g, below zero or not a number",
                          field_names[r->field], what, v);
    if (link_time && v == 0)
        return rule_error(error, s, r, "time_h of %s would be 0", what);
    *figure = v;
    return true;
}

static double *link_field(fr_link *l, fr_rule_field f)
{
    return f == FR_FIELD_COST ? &l->cost_usd
           : f == FR_FIELD_TIME ? &l->time_h
           : f == FR_FIELD_CO2  ? &l->co2_kg
                                : NULL;
}

static double *transfer_field(fr_transfer *t, fr_rule_field f)
{
    return f == FR_FIELD_COST ? &t->cost_usd
           : f == FR_FIELD_TIME ? &t->time_h
           : f == FR_FIELD_CO2  ? &t->co2_kg
                                : NULL;
}

static double *node_field(fr_node *n, fr_rule_field f)
{
    return f == FR_FIELD_DWELL_H ? &n->dwell_h : f == FR_FIELD_DWELL_USD ? &n->dwell_usd : NULL;
}

/* Changes the field on the selected rows that have it; *changed counts them. */
static bool change_rows(fr_model *m, const fr_scenario *s, const fr_rule *r, const row_set *sel,
                        size_t *changed, GError **error)
{
    char what[160];
    for (guint i = 0; i < m->links->len; i++) {
        double *f = sel->link[i] ? link_field(FR_LINK(m, i), r->field) : NULL;
        g_snprintf(what, sizeof what, "link '%s'", FR_LINK(m, i)->id);
        if (f && !change(s, r, f, what, r->field == FR_FIELD_TIME, error))
            return false;
        *changed += f != NULL;
    }
    for (guint i = 0; i < m->transfers->len; i++) {
        double *f = sel->transfer[i] ? transfer_field(FR_TRANSFER(m, i), r->field) : NULL;
        g_snprintf(what, sizeof what, "the transfer at '%s'", FR_NODE(m, FR_TRANSFER(m, i)->node)->id);
        if (f && !change(s, r, f, what, false, error))
            return false;
        *changed += f != NULL;
    }
    for (guint i = 0; i < m->nodes->len; i++) {
        double *f = sel->node[i] ? node_field(FR_NODE(m, i), r->field) : NULL;
        g_snprintf(what, sizeof what, "node '%s'", FR_NODE(m, i)->id);
        if (f && !change(s, r, f, what, false, error))
            return false;
        *changed += f != NULL;
    }
    return true;
}

/* ---- closing -------------------------------------------------------------- */

/* Removes the selected rows and what depends on them from `alive`. */
static void close_rows(const fr_model *m, const row_set *sel, row_set *alive)
{
    for (guint i = 0; i < m->nodes->len; i++)
        alive->node[i] = alive->node[i] && !sel->node[i];
    for (guint i = 0; i < m->links->len; i++) {
        const fr_link *l = FR_LINK(m, i);
        alive->link[i] = alive->link[i] && !sel->link[i] && alive->node[l->from] && alive->node[l->to];
    }
    for (guint i = 0; i < m->transfers->len; i++)
        alive->transfer[i] = alive->transfer[i] && !sel->transfer[i] &&
                             alive->node[FR_TRANSFER(m, i)->node];
    for (guint i = 0; i < m->services->len; i++)
        alive->service[i] = alive->service[i] && !sel->service[i] &&
                            alive->link[FR_SERVICE(m, i)->link];
}

/* ---- the rules -------------------------------------------------------------- */

static bool apply_rule(fr_model *m, const fr_scenario *s, const fr_rule *r, row_set *alive,
                       GError **error)
{
    row_set sel = rows_new(m);
    bool ok = true;
    size_t changed = 0;
    if (select_rows(m, r, alive, &sel) == 0)
        ok = rule_error(error, s, r, "%s matches nothing", r->select);
    else if (r->op == FR_OP_CLOSE)
        close_rows(m, &sel, alive);
    else if ((ok = change_rows(m, s, r, &sel, &changed, error)) && changed == 0)
        ok = rule_error(error, s, r, "%s selects nothing with a %s", r->select,
                        field_names[r->field]);
    rows_free(&sel);
    return ok;
}

/* ---- dropping the closed rows ---------------------------------------------- */

/* Keeps the live elements of `array` in order; map[old] = new index or
 * UINT32_MAX for dropped ones (map may be NULL). */
static void keep_alive(GArray *array, const bool *alive, uint32_t *map)
{
    guint size = g_array_get_element_size(array), kept = 0;
    for (guint i = 0; i < array->len; i++) {
        if (map)
            map[i] = alive[i] ? kept : UINT32_MAX;
        if (!alive[i])
            continue;
        if (kept != i)
            memmove(array->data + (size_t)kept * size, array->data + (size_t)i * size, size);
        kept++;
    }
    g_array_set_size(array, kept);
}

static void drop_closed(fr_model *m, const row_set *alive)
{
    uint32_t *node_map = g_new(uint32_t, m->nodes->len + 1);
    uint32_t *link_map = g_new(uint32_t, m->links->len + 1);
    keep_alive(m->nodes, alive->node, node_map);
    keep_alive(m->links, alive->link, link_map);
    keep_alive(m->transfers, alive->transfer, NULL);
    keep_alive(m->services, alive->service, NULL);
    for (guint i = 0; i < m->links->len; i++) {
        FR_LINK(m, i)->from = node_map[FR_LINK(m, i)->from];
        FR_LINK(m, i)->to = node_map[FR_LINK(m, i)->to];
    }
    for (guint i = 0; i < m->transfers->len; i++)
        FR_TRANSFER(m, i)->node = node_map[FR_TRANSFER(m, i)->node];
    for (guint i = 0; i < m->services->len; i++)
        FR_SERVICE(m, i)->link = link_map[FR_SERVICE(m, i)->link];
    bool *closure_alive = g_new(bool, m->closures->len + 1);
    for (guint i = 0; i < m->closures->len; i++) {
        fr_closure *c = FR_CLOSURE(m, i);
        c->ref = c->is_node ? node_map[c->ref] : link_map[c->ref];
        closure_alive[i] = c->ref != UINT32_MAX;
    }
    keep_alive(m->closures, closure_alive, NULL);
    fr_id_table_build(&m->node_index, m->nodes);
    g_free(closure_alive);
    g_free(link_map);
    g_free(node_map);
}

bool fr_scenario_apply_model(fr_model *model, const fr_scenario *scenario, GError **error)
{
    row_set alive = rows_new(model);
    memset(alive.node, 1, model->nodes->len);
    memset(alive.link, 1, model->links->len);
    memset(alive.transfer, 1, model->transfers->len);
    memset(alive.service, 1, model->services->len);
    bool ok = true;
    for (guint i = 0; ok && i < scenario->rules->len; i++)
        ok = apply_rule(model, scenario, &g_array_index(scenario->rules, fr_rule, i), &alive,
                        error);
    if (ok)
        drop_closed(model, &alive);
    rows_free(&alive);
    return ok;
}
