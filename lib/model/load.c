/* load.c - reads a network directory (FORMAT.md §1) into an fr_model: the
 * rows of each file, and the order of the files.
 *
 * Files are read in dependency order: nodes.csv, modes.csv (emission
 * factors that link defaults need), links.csv, transfers.csv, then the
 * files of §5 (load_dates.c): network.csv, services.csv, closures.csv. Every rule of
 * §1 is checked; the first violation fails the whole load with an
 * FR_ERROR_INVALID whose message starts "<file>:<line>: ". Nothing of a
 * failed load survives. Reading a file as a table and checking its cells
 * (ids, modes, numbers) is table.c's.
 *
 * Speed (networks of millions of rows): the columns a file is read for are
 * found in its header once, then reached by position; numbers take an exact
 * fast path (util/number.c); ids and names are copied into the network's
 * string chunk without a lookup, and only repeated strings (countries,
 * sources, corridors) are shared; node and link ids are indexed in flat
 * hash tables (util/id_index.c) sized for the file up front, whose slots
 * are fetched while the rest of the row is read. */
#include "load_internal.h"
#include "names.h"
#include "number.h"

#include <string.h>

/* Before the first row of a file: its id index and its (still empty) array
 * sized for every line, so that neither grows on the way. (Huge pages for
 * the array, filled in order, measured slower: more system time.) */
static void prepare_for_rows(const fr_table *t, fr_id_index *ids, GArray **rows)
{
    size_t lines = fr_table_max_rows(t);
    fr_id_index_init(ids, lines);
    if ((*rows)->len == 0) {
        guint size = g_array_get_element_size(*rows);
        g_array_free(*rows, TRUE);
        *rows = g_array_sized_new(FALSE, TRUE, size, (guint)MIN(lines, G_MAXUINT));
    }
}

/* ---- nodes.csv ----------------------------------------------------------- */

enum { NODE_ID, NODE_NAME, NODE_KIND, NODE_COUNTRY, NODE_LAT, NODE_LON, NODE_DWELL_H,
       NODE_DWELL_USD, NODE_SOURCE, NODE_TIMEZONE };
static const char *const node_columns[] = {"id",      "name",    "kind",      "country",
                                           "lat",     "lon",     "dwell_h",   "dwell_usd",
                                           "source",  "timezone", NULL};

static bool node_id_unique(const fr_table *t, const load_state *ls, const char *id, uint32_t hash,
                           GError **error)
{
    long first = fr_id_index_find(&ls->node_ids, id, hash);
    if (first >= 0)
        return fr_table_error(t, error, "duplicate id '%s' (first on %s %u)", id,
                              fr_table_unit(t), g_array_index(ls->node_lines, guint32, first));
    return true;
}

/* Kind, country and the numbers of a node row. */
static bool node_details(const fr_table *t, const char *kind, const char *country, fr_node *node,
                         GError **error)
{
    if (!fr_node_kind_from_name(kind, &node->kind))
        return fr_table_error(t, error,
                              "unknown kind '%s' (expected city, rail_terminal, river_port, "
                              "seaport, airport, border, junction)",
                              kind);
    if (strlen(country) != 2 || !g_ascii_isupper(country[0]) || !g_ascii_isupper(country[1]))
        return fr_table_error(t, error,
                              "country '%s' is not an ISO 3166-1 alpha-2 code in upper case",
                              country);
    if (!fr_table_number_cell(t, NODE_LAT, true, 0, FR_ANY_VALUE, &node->lat, error) ||
        !fr_table_number_cell(t, NODE_LON, true, 0, FR_ANY_VALUE, &node->lon, error) ||
        !fr_table_number_cell(t, NODE_DWELL_H, false, 0, FR_AT_LEAST_ZERO, &node->dwell_h, error) ||
        !fr_table_number_cell(t, NODE_DWELL_USD, false, 0, FR_AT_LEAST_ZERO, &node->dwell_usd,
                              error))
        return false;
    if (node->lat < -90 || node->lat > 90)
        return fr_table_error(t, error, "lat %g is outside [-90, 90]", node->lat);
    if (node->lon < -180 || node->lon > 180)
        return fr_table_error(t, error, "lon %g is outside [-180, 180]", node->lon);
    return true;
}

static bool node_fields(const fr_table *t, fr_node *node, const char **name,
                        const char **country, GError **error)
{
    const char *kind;
    return fr_table_required_cell(t, NODE_NAME, name, error) &&
           fr_table_required_cell(t, NODE_KIND, &kind, error) &&
           fr_table_required_cell(t, NODE_COUNTRY, country, error) &&
           node_details(t, kind, *country, node, error);
}

static bool node_row(const fr_table *t, fr_model *model, load_state *ls, GError **error)
{
    fr_node node = {0};
    const char *id, *name, *country;
    if (!fr_table_id_cell(t, NODE_ID, &id, error))
        return false;
    if (!ls->node_ids.slots)
        prepare_for_rows(t, &ls->node_ids, &model->nodes);
    uint32_t hash = fr_hash_id(id);
    fr_id_index_prefetch(&ls->node_ids, hash);
    GError *later = NULL; /* read while the id's slot is fetched, reported after its check */
    bool fields_ok = node_fields(t, &node, &name, &country, &later);
    if (!node_id_unique(t, ls, id, hash, error)) {
        g_clear_error(&later);
        return false;
    }
    if (!fields_ok) {
        g_propagate_error(error, later);
        return false;
    }
    if (!fr_load_zone_cell(t, NODE_TIMEZONE, model, ls, &node.zone, error))
        return false;
    node.id = fr_load_store(model, id);
    node.name = fr_load_store(model, name);
    node.country = fr_load_intern(model, &ls->last_country, country);
    node.source = fr_load_intern(model, &ls->last_node_source, fr_table_cell(t, NODE_SOURCE));
    fr_id_index_put(&ls->node_ids, node.id, hash, model->nodes->len);
    uint32_t line = fr_table_line(t);
    g_array_append_val(ls->node_lines, line);
    g_array_append_val(model->nodes, node);
    return true;
}

/* ---- modes.csv ----------------------------------------------------------- */

enum { MODE_MODE, MODE_FACTOR };
static const char *const mode_columns[] = {"mode", "co2_kg_per_teu_km", NULL};

static bool mode_row(const fr_table *t, fr_model *model, load_state *ls, GError **error)
{
    fr_mode mode;
    double factor;
    if (!fr_table_mode_cell(t, MODE_MODE, &mode, error) ||
        !fr_table_number_cell(t, MODE_FACTOR, true, 0, FR_AT_LEAST_ZERO, &factor, error))
        return false;
    if (ls->modes_seen[mode])
        return fr_table_error(t, error, "mode '%s' is listed twice", fr_mode_name(mode));
    ls->modes_seen[mode] = true;
    model->co2_factor[mode] = factor;
    return true;
}

/* ---- links.csv ----------------------------------------------------------- */

enum { LINK_ID, LINK_FROM, LINK_TO, LINK_MODE, LINK_DISTANCE, LINK_TIME, LINK_COST, LINK_CO2,
       LINK_BIDIRECTIONAL, LINK_CORRIDOR, LINK_SOURCE, LINK_VALID_FROM, LINK_VALID_TO,
       LINK_WAYPOINTS };
static const char *const link_columns[] = {
    "id",       "from",   "to",            "mode",     "distance_km", "time_h",     "cost_usd",
    "co2_kg",   "bidirectional", "corridor", "source", "valid_from",  "valid_to",
    "waypoints", NULL};
G_STATIC_ASSERT(G_N_ELEMENTS(link_columns) - 1 <= FR_TABLE_MAX_COLUMNS);

static int32_t corridor_index(fr_model *model, load_state *ls, const char *corridor)
{
    if (*corridor == '\0')
        return -1;
    gpointer known = g_hash_table_lookup(ls->corridors, corridor);
    if (known)
        return (int32_t)GPOINTER_TO_UINT(known) - 1;
    g_ptr_array_add(model->corridors, (gpointer)corridor);
    g_hash_table_insert(ls->corridors, (gpointer)corridor, GUINT_TO_POINTER(model->corridors->len));
    return (int32_t)model->corridors->len - 1;
}

static bool bidirectional_cell(const fr_table *t, bool *out, GError **error)
{
    const char *text = fr_table_cell(t, LINK_BIDIRECTIONAL);
    if (*text == '\0' || g_str_equal(text, "0"))
        *out = false;
    else if (g_str_equal(text, "1"))
        *out = true;
    else
        return fr_table_error(t, error, "column 'bidirectional' must be 0 or 1 (got '%s')", text);
    return true;
}

/* The line of the link id or reverse id `id` read before, or 0. A reverse
 * id X:rev is not stored: it is taken if X is a bidirectional link. */
static uint32_t link_id_seen(const load_state *ls, const fr_model *model, const char *id,
                             uint32_t hash)
{
    bool reverse, one_way;
    long first = fr_load_find_link(ls, model, id, hash, &reverse, &one_way);
    return first < 0 ? 0 : g_array_index(ls->link_lines, guint32, first);
}

/* Claims the id of the link on this row: unique among link ids and reverses. */
static bool claim_link_id(const fr_table *t, fr_model *model, load_state *ls, const char *id,
                          uint32_t hash, fr_link *link, GError **error)
{
    uint32_t first = link_id_seen(ls, model, id, hash);
    if (first)
        return fr_table_error(t, error, "duplicate id '%s' (first on %s %u)", id,
                              fr_table_unit(t), first);
    link->id = fr_load_store(model, id);
    fr_id_index_put(&ls->link_ids, link->id, hash, model->links->len);
    char base[FR_REV_ID_SIZE];
    if (fr_rev_id_base(id, base)) /* a later X:rev reverse must not take it */
        g_hash_table_insert(ls->rev_like, (gpointer)link->id, GUINT_TO_POINTER(fr_table_line(t)));
    return true;
}

/* The link's unique id and its two distinct nodes. */
static bool link_ends(const fr_table *t, fr_model *model, load_state *ls, const char *id,
                      uint32_t hash, node_lookup *from, node_lookup *to, fr_link *link,
                      GError **error)
{
    if (!claim_link_id(t, model, ls, id, hash, link, error) ||
        !fr_load_node_found(t, LINK_FROM, fr_load_node_end(&ls->node_ids, from, &ls->last_from),
                        &link->from, error) ||
        !fr_load_node_found(t, LINK_TO, fr_load_node_end(&ls->node_ids, to, &ls->last_to),
                        &link->to, error))
        return false;
    if (link->from == link->to)
        return fr_table_error(t, error, "link '%s' starts and ends at the same node '%s'", id,
                              FR_NODE(model, link->from)->id);
    return true;
}

/* The reverse id of a bidirectional link: no link id may equal it. */
static bool claim_rev_id(const fr_table *t, load_state *ls, const fr_link *link,
                         GError **error)
{
    char buf[FR_REV_ID_SIZE];
    const char *rev_id = fr_link_rev_id_in(link, buf);
    gpointer first = g_hash_table_lookup(ls->rev_like, rev_id);
    if (first)
        return fr_table_error(t, error, "duplicate id '%s' (first on %s %u)", rev_id,
                              fr_table_unit(t), GPOINTER_TO_UINT(first));
    return true;
}

static bool link_figures(const fr_table *t, const fr_model *model, fr_link *l, GError **error)
{
    return fr_table_mode_cell(t, LINK_MODE, &l->mode, error) &&
           fr_table_number_cell(t, LINK_DISTANCE, true, 0, FR_ABOVE_ZERO, &l->distance_km, error) &&
           fr_table_number_cell(t, LINK_TIME, true, 0, FR_ABOVE_ZERO, &l->time_h, error) &&
           fr_table_number_cell(t, LINK_COST, true, 0, FR_AT_LEAST_ZERO, &l->cost_usd, error) &&
           fr_table_number_cell(t, LINK_CO2, false, l->distance_km * model->co2_factor[l->mode],
                                FR_AT_LEAST_ZERO, &l->co2_kg, error) &&
           bidirectional_cell(t, &l->bidirectional, error);
}

/* ---- links.csv: waypoints ------------------------------------------------ */

#define FR_MAX_WAYPOINTS 10000 /* per link (lib/FORMAT.md §7); fr_link counts them in 16 bits */
G_STATIC_ASSERT(FR_MAX_WAYPOINTS <= UINT16_MAX);

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* One coordinate of a waypoint, the `len` characters at `text`: a plain
 * decimal (number.h) within [-limit, limit]. */
static bool waypoint_coordinate(const fr_table *t, const char *what, const char *text, size_t len,
                                double limit, double *out, GError **error)
{
    char small[64];
    char *copy = len < sizeof small ? small : g_malloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    bool ok = true;
    if (!fr_parse_decimal(copy, out))
        ok = fr_table_error(t, error, "waypoint %s '%s' is not a plain decimal number", what, copy);
    else if (!(*out >= -limit && *out <= limit))
        ok = fr_table_error(t, error, "waypoint %s %s is outside [-%g, %g]", what, copy, limit,
                            limit);
    if (copy != small)
        g_free(copy);
    return ok;
}

/* One entry of the cell, the `len` characters at `text`: "lon lat", the two
 * numbers separated by spaces or tabs, blanks around them allowed. */
static bool waypoint_entry(const fr_table *t, const char *text, size_t len, fr_waypoint *out,
                           GError **error)
{
    const char *p = text, *end = text + len;
    const char *token[2];
    size_t token_len[2];
    int n = 0;
    while (p < end) {
        while (p < end && is_blank(*p))
            p++;
        if (p == end)
            break;
        const char *start = p;
        while (p < end && !is_blank(*p))
            p++;
        if (n == 2) {
            n = 3;
            break;
        }
        token[n] = start;
        token_len[n++] = (size_t)(p - start);
    }
    if (n != 2) {
        while (len > 0 && is_blank(*text)) /* quoted without the blanks around it */
            text++, len--;
        while (len > 0 && is_blank(text[len - 1]))
            len--;
        return fr_table_error(t, error, "waypoint '%.*s' is not 'lon lat'", (int)len, text);
    }
    return waypoint_coordinate(t, "lon", token[0], token_len[0], 180, &out->lon, error) &&
           waypoint_coordinate(t, "lat", token[1], token_len[1], 90, &out->lat, error);
}

/* The waypoints cell: "lon lat" entries separated by ';' (one ';' may end
 * the cell), appended to the model's waypoints as the link's range. An
 * empty cell gives none. */
static bool waypoints_cell(const fr_table *t, fr_model *model, fr_link *link, GError **error)
{
    const char *cell = fr_table_cell(t, LINK_WAYPOINTS);
    guint first = model->waypoints->len;
    link->waypoint_first = first;
    link->waypoint_count = 0;
    if (*cell == '\0')
        return true;
    const char *p = cell;
    for (;;) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        bool last_blank = true;
        for (size_t i = 0; i < len; i++)
            last_blank &= is_blank(p[i]);
        if (!semi && last_blank && p != cell)
            break; /* a ';' ended the cell */
        fr_waypoint w;
        if (model->waypoints->len - first == FR_MAX_WAYPOINTS) {
            g_array_set_size(model->waypoints, first);
            return fr_table_error(t, error, "more than %d waypoints", FR_MAX_WAYPOINTS);
        }
        if (!waypoint_entry(t, p, len, &w, error)) {
            g_array_set_size(model->waypoints, first);
            return false;
        }
        g_array_append_val(model->waypoints, w);
        if (!semi)
            break;
        p = semi + 1;
    }
    link->waypoint_count = (uint16_t)(model->waypoints->len - first); /* <= FR_MAX_WAYPOINTS */
    return true;
}

/* The row's slots in the id indexes are fetched first, and the figures read
 * while they arrive; errors are reported in column order all the same. */
static bool link_row(const fr_table *t, fr_model *model, load_state *ls, GError **error)
{
    fr_link link = {0};
    const char *id;
    if (!fr_table_id_cell(t, LINK_ID, &id, error))
        return false;
    if (!ls->link_ids.slots)
        prepare_for_rows(t, &ls->link_ids, &model->links);
    uint32_t hash = fr_hash_id(id);
    fr_id_index_prefetch(&ls->link_ids, hash);
    node_lookup from =
        fr_load_node_begin(model, &ls->node_ids, fr_table_cell(t, LINK_FROM), ls->last_from);
    node_lookup to =
        fr_load_node_begin(model, &ls->node_ids, fr_table_cell(t, LINK_TO), ls->last_to);
    GError *later = NULL;
    bool figures_ok = link_figures(t, model, &link, &later);
    if (!link_ends(t, model, ls, id, hash, &from, &to, &link, error)) {
        g_clear_error(&later);
        return false;
    }
    if (!figures_ok) {
        g_propagate_error(error, later);
        return false;
    }
    if (link.bidirectional && !claim_rev_id(t, ls, &link, error))
        return false;
    if (!fr_load_validity_cells(t, LINK_VALID_FROM, LINK_VALID_TO, &link.valid_from,
                                &link.valid_to, error))
        return false;
    model->has_validity |= link.valid_from != FR_DAY_MIN || link.valid_to != FR_DAY_MAX;
    link.corridor_index = corridor_index(
        model, ls, fr_load_intern(model, &ls->last_corridor, fr_table_cell(t, LINK_CORRIDOR)));
    link.source = fr_load_intern(model, &ls->last_link_source, fr_table_cell(t, LINK_SOURCE));
    if (!waypoints_cell(t, model, &link, error))
        return false;
    uint32_t line = fr_table_line(t);
    g_array_append_val(ls->link_lines, line);
    g_array_append_val(model->links, link);
    return true;
}

/* ---- transfers.csv ------------------------------------------------------- */

enum { TRANSFER_NODE, TRANSFER_FROM_MODE, TRANSFER_TO_MODE, TRANSFER_TIME, TRANSFER_COST,
       TRANSFER_CO2, TRANSFER_SOURCE };
static const char *const transfer_columns[] = {"node",   "from_mode", "to_mode", "time_h",
                                               "cost_usd", "co2_kg",  "source",  NULL};

static fr_mode_set *modes_per_node(const fr_model *model)
{
    fr_mode_set *modes = g_new0(fr_mode_set, model->nodes->len);
    for (guint i = 0; i < model->links->len; i++) {
        const fr_link *l = FR_LINK(model, i);
        modes[l->from] |= FR_MODE_BIT(l->mode);
        modes[l->to] |= FR_MODE_BIT(l->mode);
    }
    return modes;
}

/* The transfer must be the first for its node and pair of modes. */
static bool transfer_unique(const fr_table *t, const fr_model *model, load_state *ls,
                            const fr_transfer *tr, GError **error)
{
    const char *node_id = FR_NODE(model, tr->node)->id;
    char *key = g_strdup_printf("%s %s>%s", node_id, fr_mode_name(tr->from_mode),
                                fr_mode_name(tr->to_mode));
    gpointer first = g_hash_table_lookup(ls->transfers, key);
    if (first) {
        g_free(key);
        return fr_table_error(t, error,
                              "duplicate transfer at '%s' from %s to %s (first on %s %u)",
                              node_id, fr_mode_name(tr->from_mode), fr_mode_name(tr->to_mode),
                              fr_table_unit(t), GPOINTER_TO_UINT(first));
    }
    g_hash_table_insert(ls->transfers, key, GUINT_TO_POINTER(fr_table_line(t)));
    return true;
}

static bool transfer_row(const fr_table *t, fr_model *model, load_state *ls, GError **error)
{
    fr_transfer tr = {0};
    long last_node = -1;
    if (!fr_load_node_ref(t, model, &ls->node_ids, TRANSFER_NODE, &last_node, &tr.node, error) ||
        !fr_table_mode_cell(t, TRANSFER_FROM_MODE, &tr.from_mode, error) ||
        !fr_table_mode_cell(t, TRANSFER_TO_MODE, &tr.to_mode, error))
        return false;
    if (tr.from_mode == tr.to_mode)
        return fr_table_error(t, error, "from_mode and to_mode are both '%s'",
                              fr_mode_name(tr.from_mode));
    if (!fr_table_number_cell(t, TRANSFER_TIME, true, 0, FR_AT_LEAST_ZERO, &tr.time_h, error) ||
        !fr_table_number_cell(t, TRANSFER_COST, true, 0, FR_AT_LEAST_ZERO, &tr.cost_usd, error) ||
        !fr_table_number_cell(t, TRANSFER_CO2, false, 0, FR_AT_LEAST_ZERO, &tr.co2_kg, error) ||
        !transfer_unique(t, model, ls, &tr, error))
        return false;
    for (int i = 0; i < 2; i++) {
        fr_mode mode = i ? tr.to_mode : tr.from_mode;
        if (!(ls->node_modes[tr.node] & FR_MODE_BIT(mode))) {
            char *where = fr_table_where(t);
            fr_model_add_warning(model, "%s: no %s link at '%s'; the transfer has no effect",
                                 where, fr_mode_name(mode), FR_NODE(model, tr.node)->id);
            g_free(where);
        }
    }
    tr.source = fr_load_intern(model, &ls->last_transfer_source, fr_table_cell(t, TRANSFER_SOURCE));
    g_array_append_val(model->transfers, tr);
    return true;
}

/* ---- the directory ------------------------------------------------------- */


static const file_spec node_file = {"nodes.csv", node_columns, 6, false, node_row};
static const file_spec mode_file = {"modes.csv", mode_columns, 2, true, mode_row};
static const file_spec link_file = {"links.csv", link_columns, 7, false, link_row};
static const file_spec transfer_file = {"transfers.csv", transfer_columns, 5, true, transfer_row};

/* Reads one file row by row; a missing optional file is fine. */
static bool load_file(const fr_file_source *source, const file_spec *spec, fr_model *model,
                      load_state *ls, GError **error)
{
    fr_table t;
    bool present = false;
    bool ok = fr_table_open(&t, source, spec->file, spec->columns, spec->n_required, spec->optional,
                            &present, error);
    int status = ok && present ? 1 : 0;
    while (ok && status > 0) {
        status = fr_table_next(&t, error);
        if (status > 0)
            ok = spec->read_row(&t, model, ls, error);
        else if (status < 0)
            ok = false;
    }
    fr_table_close(&t);
    return ok;
}

static bool load_tables(const fr_file_source *source, fr_model *model, GError **error)
{
    load_state ls = {.last_from = -1, .last_to = -1};
    ls.node_lines = g_array_new(FALSE, FALSE, sizeof(guint32));
    ls.corridors = g_hash_table_new(g_direct_hash, g_direct_equal);
    ls.link_lines = g_array_new(FALSE, FALSE, sizeof(guint32));
    ls.rev_like = g_hash_table_new(g_str_hash, g_str_equal);
    ls.zone_index = g_hash_table_new(g_str_hash, g_str_equal);
    bool ok = load_file(source, &node_file, model, &ls, error) &&
              load_file(source, &mode_file, model, &ls, error) &&
              load_file(source, &link_file, model, &ls, error);
    if (ok) {
        ls.transfers = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        ls.node_modes = modes_per_node(model);
        ok = load_file(source, &transfer_file, model, &ls, error);
        g_hash_table_destroy(ls.transfers);
        g_free(ls.node_modes);
    }
    if (ok) {
        ls.service_ids = g_hash_table_new(g_str_hash, g_str_equal);
        ok = load_file(source, &fr_network_file, model, &ls, error) &&
             load_file(source, &fr_service_file, model, &ls, error) &&
             load_file(source, &fr_closure_file, model, &ls, error);
        g_hash_table_destroy(ls.service_ids);
    }
    g_array_free(ls.node_lines, TRUE);
    g_hash_table_destroy(ls.corridors);
    fr_id_index_clear(&ls.node_ids);
    fr_id_index_clear(&ls.link_ids);
    g_array_free(ls.link_lines, TRUE);
    g_hash_table_destroy(ls.rev_like);
    g_hash_table_destroy(ls.zone_index);
    return ok;
}

/* The model's lasting id index (model.h) is built once the files are read:
 * the loader's own index serves the files' references until then. */
bool fr_model_load(fr_model *model, const fr_file_source *source, GError **error)
{
    if (!load_tables(source, model, error))
        return false;
    fr_id_table_build(&model->node_index, model->nodes);
    return true;
}
