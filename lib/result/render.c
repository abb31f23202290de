/* render.c - routes and lists of routes out as FORMAT.md §3 JSON and as
 * GeoJSON (a LineString feature per link step, through the link's
 * waypoints, then a Point feature per transfer step, with the totals on the
 * collection: lib/FORMAT.md §7); the text renderings are in
 * render_text.c. A list's JSON holds each route exactly as a single route's
 * JSON is written. Renderers only read a route and its network; they never
 * search. Numbers are written locale-free. */
#include "route.h"

/* ---- JSON primitives ----------------------------------------------------- */

static void json_string(GString *out, const char *text)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        switch (*p) {
        case '"': g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\r': g_string_append(out, "\\r"); break;
        case '\t': g_string_append(out, "\\t"); break;
        default:
            if (*p < 0x20)
                g_string_append_printf(out, "\\u%04x", *p);
            else
                g_string_append_c(out, (char)*p);
        }
    }
    g_string_append_c(out, '"');
}

static void json_number(GString *out, double value)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (value == 0)
        value = 0; /* no "-0" */
    g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.12g", value));
}

static void json_key(GString *out, const char *key, bool first)
{
    if (!first)
        g_string_append(out, ", ");
    json_string(out, key);
    g_string_append(out, ": ");
}

static void json_str_field(GString *out, const char *key, const char *value, bool first)
{
    json_key(out, key, first);
    json_string(out, value);
}

static void json_num_field(GString *out, const char *key, double value)
{
    json_key(out, key, false);
    json_number(out, value);
}

/* An ISO 8601 date-time with its offset, to the second (§5); null for a
 * time beyond GDateTime's calendar (after the year 9999), which only a
 * matrix's kept route or a profile's can carry. */
static void json_time_field(GString *out, const char *key, GDateTime *when)
{
    if (!when) {
        json_key(out, key, false);
        g_string_append(out, "null");
        return;
    }
    char *text = g_date_time_format(when, "%Y-%m-%dT%H:%M:%S%:z");
    json_str_field(out, key, text, false);
    g_free(text);
}

/* A wait (§5): where, how long, from when to when. */
static void json_wait_fields(GString *out, const fr_step *s)
{
    json_str_field(out, "type", "wait", true);
    json_str_field(out, "node", s->from_node, false);
    json_num_field(out, "time_h", s->time_h);
    json_time_field(out, "start", s->start);
    json_time_field(out, "end", s->end);
}

/* The fields of a step as FORMAT.md §3 lists them (with §5's start and end
 * on dated routes), without braces. */
static void json_step_fields(GString *out, const fr_step *s)
{
    static const char *const types[] = {"link", "transfer", "dwell", "wait"};
    if (s->type == FR_STEP_WAIT) {
        json_wait_fields(out, s);
        return;
    }
    json_str_field(out, "type", types[s->type], true);
    if (s->type == FR_STEP_LINK) {
        json_str_field(out, "link", s->link_id, false);
        json_str_field(out, "from", s->from_node, false);
        json_str_field(out, "to", s->to_node, false);
        json_str_field(out, "mode", fr_mode_name(s->mode), false);
        json_str_field(out, "corridor", s->corridor, false);
    } else {
        json_str_field(out, "node", s->from_node, false);
        if (s->type == FR_STEP_TRANSFER) {
            json_str_field(out, "from_mode", fr_mode_name(s->mode), false);
            json_str_field(out, "to_mode", fr_mode_name(s->to_mode), false);
        }
    }
    json_num_field(out, "cost_usd", s->cost_usd);
    json_num_field(out, "time_h", s->time_h);
    if (s->type != FR_STEP_DWELL)
        json_num_field(out, "co2_kg", s->co2_kg);
    if (s->type == FR_STEP_LINK)
        json_num_field(out, "distance_km", s->distance_km);
    if (s->start) {
        json_time_field(out, "start", s->start);
        json_time_field(out, "end", s->end);
    }
}

/* A route's fields before its steps: from, to, objective, quantity_teu,
 * total (and depart, arrive when dated); without braces. */
static void json_route_summary(GString *out, const fr_route *r)
{
    json_str_field(out, "from", r->from, true);
    json_str_field(out, "to", r->to, false);
    json_str_field(out, "objective", fr_objective_name(r->objective), false);
    json_num_field(out, "quantity_teu", r->quantity);
    json_key(out, "total", false);
    g_string_append_c(out, '{');
    json_key(out, "cost_usd", true);
    json_number(out, fr_route_total_cost_usd(r));
    json_num_field(out, "time_h", fr_route_total_time_h(r));
    json_num_field(out, "co2_kg", fr_route_total_co2_kg(r));
    json_num_field(out, "distance_km", fr_route_total_distance_km(r));
    json_num_field(out, "transfers", (double)r->transfers);
    g_string_append(out, "}");
    if (r->depart) {
        json_time_field(out, "depart", r->depart);
        json_time_field(out, "arrive", r->arrive);
    }
}

static void json_route(GString *out, const fr_route *r)
{
    g_string_append_c(out, '{');
    json_route_summary(out, r);
    json_key(out, "steps", false);
    g_string_append_c(out, '[');
    for (guint i = 0; i < r->steps->len; i++) {
        g_string_append(out, i ? ",\n  {" : "\n  {");
        json_step_fields(out, &g_array_index(r->steps, fr_step, i));
        g_string_append_c(out, '}');
    }
    g_string_append(out, "]}");
}

char *fr_route_to_json(const fr_route *r)
{
    if (!r)
        return NULL;
    GString *out = g_string_new(NULL);
    json_route(out, r);
    g_string_append_c(out, '\n');
    return g_string_free(out, FALSE);
}

char *fr_route_list_to_json(const fr_route_list *list)
{
    if (!list)
        return NULL;
    GString *out = g_string_new("{\"routes\": [");
    for (guint i = 0; i < list->routes->len; i++) {
        g_string_append(out, i ? ",\n" : "\n");
        json_route(out, g_ptr_array_index(list->routes, i));
    }
    g_string_append(out, "]}\n");
    return g_string_free(out, FALSE);
}

/* ---- GeoJSON ------------------------------------------------------------- */

static void geojson_coordinates(GString *out, double lon, double lat)
{
    g_string_append_c(out, '[');
    json_number(out, lon);
    g_string_append(out, ", ");
    json_number(out, lat);
    g_string_append_c(out, ']');
}

static void geojson_point(GString *out, const fr_model *model, const char *id)
{
    const fr_node *n = FR_NODE(model, fr_model_node_lookup(model, id));
    geojson_coordinates(out, n->lon, n->lat);
}

/* The links with waypoints that the link steps of the routes on `model`
 * travel: each step's link id ("<id>" or "<id>:rev") -> link index * 2 + 1
 * (forward) or + 2 (reverse); other steps' ids -> 0. The model has no index
 * of link ids: one scan of its links per rendering, and none when no link
 * has waypoints (NULL then). */
static GHashTable *waypointed_steps(const fr_model *model, const fr_route *const *routes, size_t n)
{
    if (model->waypoints->len == 0)
        return NULL;
    GHashTable *steps = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < n; i++)
        for (guint k = 0; routes[i]->ctx.model == model && k < routes[i]->steps->len; k++) {
            const fr_step *s = &g_array_index(routes[i]->steps, fr_step, k);
            if (s->type == FR_STEP_LINK)
                g_hash_table_insert(steps, (gpointer)s->link_id, NULL);
        }
    for (guint i = 0; i < model->links->len; i++) {
        const fr_link *l = FR_LINK(model, i);
        if (l->waypoint_count == 0)
            continue;
        if (g_hash_table_contains(steps, l->id))
            g_hash_table_insert(steps, (gpointer)l->id, GSIZE_TO_POINTER((gsize)i * 2 + 1));
        char rev_id[FR_REV_ID_SIZE];
        if (l->bidirectional && g_hash_table_contains(steps, fr_link_rev_id_in(l, rev_id)))
            g_hash_table_insert(steps, (gpointer)fr_model_rev_id(model, i),
                                GSIZE_TO_POINTER((gsize)i * 2 + 2));
    }
    return steps;
}

/* A link step's line: its start, the link's waypoints in the order it
 * travels them (reversed on a reverse), its end. */
static void geojson_line(GString *out, const fr_model *model, GHashTable *waypointed,
                         const fr_step *s)
{
    geojson_point(out, model, s->from_node);
    gsize found = waypointed ? GPOINTER_TO_SIZE(g_hash_table_lookup(waypointed, s->link_id)) : 0;
    if (found) {
        const fr_link *l = FR_LINK(model, (found - 1) / 2);
        bool reverse = (found - 1) % 2 == 1;
        const fr_waypoint *w = &g_array_index(model->waypoints, fr_waypoint, l->waypoint_first);
        for (guint k = 0; k < l->waypoint_count; k++) {
            const fr_waypoint *p = &w[reverse ? l->waypoint_count - 1 - k : k];
            g_string_append(out, ", ");
            geojson_coordinates(out, p->lon, p->lat);
        }
    }
    g_string_append(out, ", ");
    geojson_point(out, model, s->to_node);
}

/* The features of a route's steps of one type: a LineString per link step
 * (waypointed: see waypointed_steps()), a Point at the node of each
 * transfer step. `index` >= 0 adds a "route" property (the route's place
 * in a list). *first: no feature written yet. */
static void geojson_features(GString *out, const fr_route *r, fr_step_type type,
                             GHashTable *waypointed, long index, bool *first)
{
    for (guint i = 0; i < r->steps->len; i++) {
        const fr_step *s = &g_array_index(r->steps, fr_step, i);
        if (s->type != type)
            continue;
        g_string_append(out, *first ? "\n  " : ",\n  ");
        *first = false;
        if (type == FR_STEP_LINK) {
            g_string_append(out, "{\"type\": \"Feature\", \"geometry\": "
                                 "{\"type\": \"LineString\", \"coordinates\": [");
            geojson_line(out, r->ctx.model, waypointed, s);
            g_string_append(out, "]}, \"properties\": {");
        } else {
            g_string_append(out, "{\"type\": \"Feature\", \"geometry\": "
                                 "{\"type\": \"Point\", \"coordinates\": ");
            geojson_point(out, r->ctx.model, s->from_node);
            g_string_append(out, "}, \"properties\": {");
        }
        if (index >= 0)
            g_string_append_printf(out, "\"route\": %ld, ", index);
        json_step_fields(out, s);
        g_string_append(out, "}}");
    }
}

/* The routes' totals as foreign members of the collection: a single
 * route's as "properties", a list's as "routes" (one object per route). */
static void geojson_totals(GString *out, const fr_route *const *routes, size_t n, bool indexed)
{
    if (!indexed) {
        g_string_append(out, ", \"properties\": {");
        json_route_summary(out, routes[0]);
        g_string_append_c(out, '}');
        return;
    }
    g_string_append(out, ", \"routes\": [");
    for (size_t i = 0; i < n; i++) {
        g_string_append(out, i ? ",\n  {" : "\n  {");
        json_route_summary(out, routes[i]);
        g_string_append_c(out, '}');
    }
    g_string_append_c(out, ']');
}

/* Every route's link features (in route and step order, as before transfer
 * points existed), then every route's transfer points. */
static char *geojson_collection(const fr_route *const *routes, size_t n, bool indexed)
{
    GString *out = g_string_new("{\"type\": \"FeatureCollection\"");
    geojson_totals(out, routes, n, indexed);
    g_string_append(out, ", \"features\": [");
    const fr_model *model = NULL; /* the one `waypointed` is for (a list's routes share it) */
    GHashTable *waypointed = NULL;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (routes[i]->ctx.model != model) {
            if (waypointed)
                g_hash_table_destroy(waypointed);
            model = routes[i]->ctx.model;
            waypointed = waypointed_steps(model, routes + i, n - i);
        }
        geojson_features(out, routes[i], FR_STEP_LINK, waypointed, indexed ? (long)i : -1,
                         &first);
    }
    if (waypointed)
        g_hash_table_destroy(waypointed);
    for (size_t i = 0; i < n; i++)
        geojson_features(out, routes[i], FR_STEP_TRANSFER, NULL, indexed ? (long)i : -1, &first);
    g_string_append(out, "]}\n");
    return g_string_free(out, FALSE);
}

char *fr_route_to_geojson(const fr_route *r)
{
    return r ? geojson_collection(&r, 1, false) : NULL;
}

char *fr_route_list_to_geojson(const fr_route_list *list)
{
    if (!list)
        return NULL;
    return geojson_collection((const fr_route *const *)list->routes->pdata, list->routes->len,
                              true);
}

