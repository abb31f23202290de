/* load_dates.c - the parts of a network directory that say when things run
 * (FORMAT.md §5): the `timezone` of nodes, the `valid_from`/`valid_to` of
 * links, and the files network.csv, services.csv and closures.csv, read
 * after the files of §1 with the same standard of errors ("<file>:<line>:
 * <problem>"). Time zones are GLib's (tzdata); dates and date-times are
 * read by util/clock.c. */
#include "load_internal.h"

#include <string.h>

/* ---- cells of nodes.csv and links.csv ------------------------------------ */

/* An IANA name ("Asia/Shanghai", "UTC", "Etc/GMT-8"), not a file path or
 * an offset, which GLib would also take. */
static bool zone_name_ok(const char *name)
{
    if (!g_ascii_isalpha(name[0]) || strstr(name, ".."))
        return false;
    for (const char *p = name; *p; p++)
        if (!g_ascii_isalnum(*p) && !strchr("/_+-", *p))
            return false;
    return true;
}

/* The index of a zone in the model, adding it on first use; 0 (UTC) for "". */
bool fr_load_zone_cell(const fr_table *t, int col, fr_model *model, load_state *ls,
                       uint32_t *zone, GError **error)
{
    const char *name = fr_table_cell(t, col);
    if (*name == '\0') {
        *zone = 0;
        return true;
    }
    gpointer known = g_hash_table_lookup(ls->zone_index, name);
    if (!known) {
        GTimeZone *tz = zone_name_ok(name) ? g_time_zone_new_identifier(name) : NULL;
        if (!tz)
            return fr_table_error(t, error,
                                  "unknown time zone '%s' (an IANA name such as Asia/Shanghai "
                                  "or Europe/Berlin)",
                                  name);
        g_ptr_array_add(model->zones, fr_zone_new(tz));
        g_time_zone_unref(tz);
        known = GUINT_TO_POINTER(model->zones->len); /* index + 1 */
        g_hash_table_insert(ls->zone_index, (gpointer)fr_load_store(model, name), known);
    }
    *zone = GPOINTER_TO_UINT(known) - 1;
    return true;
}

static bool date_cell(const fr_table *t, int col, int32_t fallback, int32_t *out, GError **error)
{
    const char *text = fr_table_cell(t, col);
    if (*text == '\0') {
        *out = fallback;
        return true;
    }
    if (!fr_clock_parse_date(text, out))
        return fr_table_error(t, error, "%s '%s' is not a date (YYYY-MM-DD, e.g. 2021-12-03)",
                              t->known[col], text);
    return true;
}

bool fr_load_validity_cells(const fr_table *t, int col_from, int col_to, int32_t *from,
                            int32_t *to, GError **error)
{
    if (!date_cell(t, col_from, FR_DAY_MIN, from, error) ||
        !date_cell(t, col_to, FR_DAY_MAX, to, error))
        return false;
    if (*to < *from)
        return fr_table_error(t, error, "valid_to '%s' is before valid_from '%s'",
                              fr_table_cell(t, col_to), fr_table_cell(t, col_from));
    return true;
}

/* A link id, or "<id>:rev" for the reverse of a bidirectional link. */
static bool link_ref(const fr_table *t, const fr_model *model, const load_state *ls,
                     const char *id, uint32_t *link, bool *reverse, GError **error)
{
    bool one_way;
    long index = fr_load_find_link(ls, model, id, fr_hash_id(id), reverse, &one_way);
    if (one_way)
        return fr_table_error(t, error, "link '%.*s' is not bidirectional, so '%s' does not exist",
                              (int)(strlen(id) - 4), id, id);
    if (index < 0)
        return fr_table_error(t, error, "unknown link '%s'", id);
    *link = (uint32_t)index;
    return true;
}

/* ---- network.csv --------------------------------------------------------- */

enum { NETWORK_KEY, NETWORK_VALUE, NETWORK_SOURCE };
static const char *const network_columns[] = {"key", "value", "source", NULL};

static bool network_row(const fr_table *t, fr_model *model, load_state *ls, GError **error)
{
    (void)ls;
    const char *key, *value;
    if (!fr_table_required_cell(t, NETWORK_KEY, &key, error))
        return false;
    bool known = g_str_equal(key, "reference_date") || g_str_equal(key, "name") ||
                 g_str_equal(key, "currency_year");
    if (!known)
        return true; /* other keys are ignored (FORMAT.md §1) */
    if (!fr_table_required_cell(t, NETWORK_VALUE, &value, error))
        return false;
    if (g_str_equal(key, "reference_date")) {
        if (model->reference_day != FR_DAY_MIN)
            return fr_table_error(t, error, "reference_date is given twice");
        if (!fr_clock_parse_date(value, &model->reference_day))
            return fr_table_error(t, error,
                                  "reference_date '%s' is not a date (YYYY-MM-DD, e.g. 2019-07-01)",
                                  value);
    } else if (g_str_equal(key, "name")) {
        model->name = fr_load_store(model, value);
    } else if (g_str_equal(key, "currency_year")) {
        char *end = NULL;
        guint64 year = g_ascii_strtoull(value, &end, 10);
        if (!g_ascii_isdigit(*value) || *end || year < 1 || year > 9999)
            return fr_table_error(t, error, "currency_year '%s' is not a year", value);
    }
    return true;
}

const file_spec fr_network_file = {"network.csv", network_columns, 2, true, network_row};

/* ---- services.csv -------------------------------------------------------- */

enum { SERVICE_ID, SERVICE_LINK, SERVICE_DEPARTURES, SERVICE_CUTOFF, SERVICE_VALID_FROM,
       SERVICE_VALID_TO, SERVICE_SOURCE };
static const char *const service_columns[] = {"id",         "link",     "departures", "cutoff_h",
                                              "valid_from", "valid_to", "source",     NULL};

static bool service_id_unique(const fr_table *t, load_state *ls, const char *id, GError **error)
{
    gpointer first = g_hash_table_lookup(ls->service_ids, id);
    if (first)
        return fr_table_error(t, error, "duplicate service id '%s' (first on %s %u)", id,
                              fr_table_unit(t), GPOINTER_TO_UINT(first));
    return true;
}

static bool service_departures(const fr_table *t, fr_model *model, fr_service *s, GError **error)
{
    const char *text;
    if (!fr_table_required_cell(t, SERVICE_DEPARTURES, &text, error))
        return false;
    char *bad = NULL;
    const char *why = "";
    s->first = model->departures->len;
    if (!fr_clock_parse_departures(text, model->departures, &bad, &why)) {
        fr_table_error(t, error, "'%s' is not a departure: %s", bad, why);
        g_free(bad);
        return false;
    }
    s->count = model->departures->len - s->first;
    return true;
}

static bool service_row(const fr_table *t, fr_model *model, load_state *ls, GError **error)
{
    fr_service s = {0};
    const char *id, *link;
    if (!fr_table_id_cell(t, SERVICE_ID, &id, error) ||
        !fr_table_required_cell(t, SERVICE_LINK, &link, error) ||
        !link_ref(t, model, ls, link, &s.link, &s.reverse, error) ||
        !service_id_unique(t, ls, id, error) ||
        !fr_table_number_cell(t, SERVICE_CUTOFF, false, 0, FR_AT_LEAST_ZERO, &s.cutoff_h, error) ||
        !fr_load_validity_cells(t, SERVICE_VALID_FROM, SERVICE_VALID_TO, &s.valid_from,
                                &s.valid_to, error) ||
        !service_departures(t, model, &s, error))
        return false;
    s.id = fr_load_store(model, id);
    s.source = fr_load_intern(model, &ls->last_link_source, fr_table_cell(t, SERVICE_SOURCE));
    g_hash_table_insert(ls->service_ids, (gpointer)s.id, GUINT_TO_POINTER(fr_table_line(t)));
    g_array_append_val(model->services, s);
    return true;
}

const file_spec fr_service_file = {"services.csv", service_columns, 3, true, service_row};

/* ---- closures.csv -------------------------------------------------------- */

enum { CLOSURE_FROM, CLOSURE_TO, CLOSURE_LINK, CLOSURE_NODE, CLOSURE_REASON, CLOSURE_SOURCE };
static const char *const closure_columns[] = {"from", "to",     "link", "node",
                                              "reason", "source", NULL};

static bool instant_cell(const fr_table *t, int col, double *out, GError **error)
{
    const char *text;
    if (!fr_table_required_cell(t, col, &text, error))
        return false;
    if (!fr_clock_parse_instant(text, out))
        return fr_table_error(t, error,
                              "%s '%s' is not an ISO 8601 date-time with an offset "
                              "(e.g. 2019-07-01T08:00+08:00)",
                              t->known[col], text);
    return true;
}

/* What is closed: a node, or a link in one or both directions. */
static bool closure_target(const fr_table *t, fr_model *model, load_state *ls, fr_closure *c,
                           GError **error)
{
    const char *link = fr_table_cell(t, CLOSURE_LINK), *node = fr_table_cell(t, CLOSURE_NODE);
    if (*link && *node)
        return fr_table_error(t, error, "a closure names a link or a node, not both ('%s', '%s')",
                              link, node);
    if (!*link && !*node)
        return fr_table_error(t, error, "a closure needs a link or a node");
    if (*node) {
        long last = -1;
        c->is_node = true;
        return fr_load_node_ref(t, model, &ls->node_ids, CLOSURE_NODE, &last, &c->ref, error);
    }
    bool reverse;
    if (!link_ref(t, model, ls, link, &c->ref, &reverse, error))
        return false;
    c->reverse = reverse || FR_LINK(model, c->ref)->bidirectional;
    c->forward = !reverse;
    return true;
}

static bool closure_row(const fr_table *t, fr_model *model, load_state *ls, GError **error)
{
    fr_closure c = {0};
    if (!closure_target(t, model, ls, &c, error) || !instant_cell(t, CLOSURE_FROM, &c.from, error) ||
        !instant_cell(t, CLOSURE_TO, &c.to, error))
        return false;
    if (c.to <= c.from)
        return fr_table_error(t, error, "the closure ends ('%s') %s it starts ('%s')",
                              fr_table_cell(t, CLOSURE_TO), c.to < c.from ? "before" : "when",
                              fr_table_cell(t, CLOSURE_FROM));
    c.reason = fr_load_store(model, fr_table_cell(t, CLOSURE_REASON));
    c.source = fr_load_intern(model, &ls->last_link_source, fr_table_cell(t, CLOSURE_SOURCE));
    g_array_append_val(model->closures, c);
    return true;
}

const file_spec fr_closure_file = {"closures.csv", closure_columns, 2, true, closure_row};
