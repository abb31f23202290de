/* load.c - reads a network directory (FORMAT.md §1) into an fr_network.
 *
 * Files are read in dependency order: nodes.csv, modes.csv (emission
 * factors that link defaults need), links.csv, transfers.csv. Every rule of
 * §1 is checked; the first violation fails the whole load with an
 * FR_ERROR_INVALID whose message starts "<file>:<line>: ". Nothing of a
 * failed load survives. */
#include "csv.h"
#include "network.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

/* One CSV file being read: its records, and its header's column positions. */
typedef struct {
    const char *file; /* "links.csv", for messages */
    char *contents;
    fr_csv_reader csv;
    GHashTable *columns; /* column name -> index + 1 */
    guint n_columns;
} table;

static bool table_error(const table *t, GError **error, const char *format, ...)
    G_GNUC_PRINTF(3, 4);

static bool table_error(const table *t, GError **error, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *problem = g_strdup_vprintf(format, args);
    va_end(args);
    g_set_error(error, FR_ERROR, FR_ERROR_INVALID, "%s:%zu: %s", t->file, t->csv.record_line,
                problem);
    g_free(problem);
    return false;
}

static void table_close(table *t)
{
    fr_csv_reader_clear(&t->csv);
    if (t->columns)
        g_hash_table_destroy(t->columns);
    g_free(t->contents);
    memset(t, 0, sizeof *t);
}

/* Reads the header; every name in `required` (NULL-terminated) must be there. */
static bool table_read_header(table *t, const char *const *required, GError **error)
{
    int status = fr_csv_reader_next(&t->csv, error);
    if (status < 0)
        return false;
    if (status == 0) {
        t->csv.record_line = 1;
        return table_error(t, error, "empty file: expected a header row");
    }
    t->n_columns = t->csv.fields->len;
    for (guint i = 0; i < t->n_columns; i++) {
        char *name = g_ptr_array_index(t->csv.fields, i);
        g_strstrip(name);
        if (g_hash_table_contains(t->columns, name))
            return table_error(t, error, "column '%s' appears twice in the header", name);
        g_hash_table_insert(t->columns, g_strdup(name), GUINT_TO_POINTER(i + 1));
    }
    for (const char *const *col = required; *col; col++)
        if (!g_hash_table_contains(t->columns, *col))
            return table_error(t, error, "missing column '%s'", *col);
    return true;
}

/* Opens a file of the source. A missing optional file leaves *present false. */
static bool table_open(table *t, const fr_file_source *source, const char *file,
                       const char *const *required, bool optional, bool *present,
                       GError **error)
{
    memset(t, 0, sizeof *t);
    t->file = file;
    gsize len = 0;
    bool missing = false;
    if (!source->read(source->context, file, &t->contents, &len, &missing, error))
        return false;
    if (missing && optional) {
        *present = false;
        return true;
    }
    if (missing) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: required file is missing from %s", file,
                    source->where);
        return false;
    }
    *present = true;
    fr_csv_reader_init(&t->csv, file, t->contents, len);
    t->columns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return table_read_header(t, required, error);
}

/* Next data row: 1 row, 0 end, -1 error. Rows must have the header's width;
 * their cells are stripped of surrounding spaces here, once. */
static int table_next(table *t, GError **error)
{
    int status = fr_csv_reader_next(&t->csv, error);
    if (status > 0 && t->csv.fields->len != t->n_columns) {
        table_error(t, error, "%u fields, but the header has %u", t->csv.fields->len,
                    t->n_columns);
        return -1;
    }
    for (guint i = 0; status > 0 && i < t->csv.fields->len; i++)
        g_strstrip(g_ptr_array_index(t->csv.fields, i));
    return status;
}

/* The row's cell in `column`; "" when the file has no such column. */
static const char *cell(const table *t, const char *column)
{
    gpointer pos = g_hash_table_lookup(t->columns, column);
    return pos ? g_ptr_array_index(t->csv.fields, GPOINTER_TO_UINT(pos) - 1) : "";
}

static bool required_cell(const table *t, const char *column, const char **out, GError **error)
{
    *out = cell(t, column);
    if (**out == '\0')
        return table_error(t, error, "missing value in required column '%s'", column);
    return true;
}

/* A plain decimal: optional sign, digits with an optional point, optional exponent. */
static bool is_plain_decimal(const char *s)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t digits = strspn(p, "0123456789");
    p += digits;
    if (*p == '.') {
        p++;
        size_t frac = strspn(p, "0123456789");
        digits += frac;
        p += frac;
    }
    if (digits == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        size_t exp_digits = strspn(p, "0123456789");
        if (exp_digits == 0)
            return false;
        p += exp_digits;
    }
    return *p == '\0';
}

typedef enum { ANY_VALUE, AT_LEAST_ZERO, ABOVE_ZERO } bound;

/* Reads a number in `column`; an empty optional cell gives `fallback`. */
static bool number_cell(const table *t, const char *column, bool required, double fallback,
                        bound lower, double *out, GError **error)
{
    const char *text = cell(t, column);
    if (*text == '\0') {
        if (required)
            return table_error(t, error, "missing value in required column '%s'", column);
        *out = fallback;
        return true;
    }
    if (!is_plain_decimal(text))
        return table_error(t, error, "column '%s': '%s' is not a plain decimal number", column,
                           text);
    double value = g_ascii_strtod(text, NULL);
    if (!isfinite(value))
        return table_error(t, error, "column '%s': '%s' is out of range", column, text);
    if (lower == ABOVE_ZERO && !(value > 0))
        return table_error(t, error, "column '%s' must be greater than 0 (got %s)", column, text);
    if (lower == AT_LEAST_ZERO && value < 0)
        return table_error(t, error, "column '%s' must not be negative (got %s)", column, text);
    *out = value;
    return true;
}

static bool valid_id(const char *id)
{
    size_t len = strlen(id);
    return len >= 1 && len <= 64 &&
           strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-") == len;
}

static bool id_cell(const table *t, const char *column, const char **out, GError **error)
{
    if (!required_cell(t, column, out, error))
        return false;
    if (!valid_id(*out))
        return table_error(t, error,
                           "column '%s': invalid id '%s' (use 1-64 characters of A-Z a-z 0-9 "
                           "_ . : -)",
                           column, *out);
    return true;
}

static bool mode_cell(const table *t, const char *column, fr_mode *out, GError **error)
{
    const char *text;
    if (!required_cell(t, column, &text, error))
        return false;
    if (!fr_mode_from_name(text, out))
        return table_error(t, error,
                           "column '%s': unknown mode '%s' (expected rail, road, river, sea, air)",
                           column, text);
    return true;
}

static bool node_ref_cell(const table *t, const fr_network *net, const char *column,
                          uint32_t *out, GError **error)
{
    const char *id;
    if (!required_cell(t, column, &id, error))
        return false;
    long index = fr_network_node_lookup(net, id);
    if (index < 0)
        return table_error(t, error, "unknown node '%s'", id);
    *out = (uint32_t)index;
    return true;
}

/* Records `id` as first seen on this row; false (with an error) if seen before. */
static bool claim_id(const table *t, GHashTable *seen, const char *id, GError **error)
{
    gpointer first = g_hash_table_lookup(seen, id);
    if (first)
        return table_error(t, error, "duplicate id '%s' (first on line %u)", id,
                           GPOINTER_TO_UINT(first));
    g_hash_table_insert(seen, g_strdup(id), GUINT_TO_POINTER((guint)t->csv.record_line));
    return true;
}

static const char *intern(fr_network *net, const char *text)
{
    return g_string_chunk_insert_const(net->strings, text);
}

/* ---- nodes.csv ----------------------------------------------------------- */

static bool node_row(const table *t, fr_network *net, void *seen_ids, GError **error)
{
    GHashTable *seen = seen_ids;
    fr_node node = {0};
    const char *id, *name, *kind, *country;
    if (!id_cell(t, "id", &id, error) || !claim_id(t, seen, id, error) ||
        !required_cell(t, "name", &name, error) || !required_cell(t, "kind", &kind, error) ||
        !required_cell(t, "country", &country, error))
        return false;
    if (!fr_node_kind_from_name(kind, &node.kind))
        return table_error(t, error,
                           "unknown kind '%s' (expected city, rail_terminal, river_port, "
                           "seaport, airport, border, junction)",
                           kind);
    if (strlen(country) != 2 || !g_ascii_isupper(country[0]) || !g_ascii_isupper(country[1]))
        return table_error(t, error,
                           "country '%s' is not an ISO 3166-1 alpha-2 code in upper case",
                           country);
    if (!number_cell(t, "lat", true, 0, ANY_VALUE, &node.lat, error) ||
        !number_cell(t, "lon", true, 0, ANY_VALUE, &node.lon, error) ||
        !number_cell(t, "dwell_h", false, 0, AT_LEAST_ZERO, &node.dwell_h, error) ||
        !number_cell(t, "dwell_usd", false, 0, AT_LEAST_ZERO, &node.dwell_usd, error))
        return false;
    if (node.lat < -90 || node.lat > 90)
        return table_error(t, error, "lat %g is outside [-90, 90]", node.lat);
    if (node.lon < -180 || node.lon > 180)
        return table_error(t, error, "lon %g is outside [-180, 180]", node.lon);
    node.id = intern(net, id);
    node.name = intern(net, name);
    node.country = intern(net, country);
    node.source = intern(net, cell(t, "source"));
    g_hash_table_insert(net->node_index, (gpointer)node.id,
                        GUINT_TO_POINTER(net->nodes->len + 1));
    g_array_append_val(net->nodes, node);
    return true;
}

/* ---- modes.csv ----------------------------------------------------------- */

static bool mode_row(const table *t, fr_network *net, void *seen_modes, GError **error)
{
    bool *seen = seen_modes;
    fr_mode mode;
    double factor;
    if (!mode_cell(t, "mode", &mode, error) ||
        !number_cell(t, "co2_kg_per_teu_km", true, 0, AT_LEAST_ZERO, &factor, error))
        return false;
    if (seen[mode])
        return table_error(t, error, "mode '%s' is listed twice", fr_mode_name(mode));
    seen[mode] = true;
    net->co2_factor[mode] = factor;
    return true;
}

/* ---- links.csv ----------------------------------------------------------- */

static int32_t corridor_index(fr_network *net, const char *corridor)
{
    if (*corridor == '\0')
        return -1;
    int32_t index = fr_network_corridor_lookup(net, corridor);
    if (index < 0) {
        g_ptr_array_add(net->corridors, (gpointer)intern(net, corridor));
        index = (int32_t)net->corridors->len - 1;
    }
    return index;
}

static bool bidirectional_cell(const table *t, bool *out, GError **error)
{
    const char *text = cell(t, "bidirectional");
    if (*text == '\0' || g_str_equal(text, "0"))
        *out = false;
    else if (g_str_equal(text, "1"))
        *out = true;
    else
        return table_error(t, error, "column 'bidirectional' must be 0 or 1 (got '%s')", text);
    return true;
}

static bool link_row(const table *t, fr_network *net, void *seen_ids, GError **error)
{
    GHashTable *seen = seen_ids;
    fr_link link = {0};
    const char *id;
    if (!id_cell(t, "id", &id, error) || !claim_id(t, seen, id, error) ||
        !node_ref_cell(t, net, "from", &link.from, error) ||
        !node_ref_cell(t, net, "to", &link.to, error))
        return false;
    if (link.from == link.to)
        return table_error(t, error, "link '%s' starts and ends at the same node '%s'", id,
                           FR_NODE(net, link.from)->id);
    if (!mode_cell(t, "mode", &link.mode, error) ||
        !number_cell(t, "distance_km", true, 0, ABOVE_ZERO, &link.distance_km, error) ||
        !number_cell(t, "time_h", true, 0, ABOVE_ZERO, &link.time_h, error) ||
        !number_cell(t, "cost_usd", true, 0, AT_LEAST_ZERO, &link.cost_usd, error) ||
        !number_cell(t, "co2_kg", false, link.distance_km * net->co2_factor[link.mode],
                     AT_LEAST_ZERO, &link.co2_kg, error) ||
        !bidirectional_cell(t, &link.bidirectional, error))
        return false;
    link.id = intern(net, id);
    if (link.bidirectional) {
        char *rev_id = g_strconcat(id, ":rev", NULL);
        bool unique = claim_id(t, seen, rev_id, error);
        link.rev_id = intern(net, rev_id);
        g_free(rev_id);
        if (!unique)
            return false;
    }
    link.corridor = intern(net, cell(t, "corridor"));
    link.corridor_index = corridor_index(net, link.corridor);
    link.source = intern(net, cell(t, "source"));
    g_array_append_val(net->links, link);
    return true;
}

/* ---- transfers.csv ------------------------------------------------------- */

typedef struct {
    GHashTable *seen;       /* "node from>to" -> first line */
    fr_mode_set *node_modes; /* per node: the modes of its links */
} transfer_state;

static fr_mode_set *modes_per_node(const fr_network *net)
{
    fr_mode_set *modes = g_new0(fr_mode_set, net->nodes->len);
    for (guint i = 0; i < net->links->len; i++) {
        const fr_link *l = FR_LINK(net, i);
        modes[l->from] |= FR_MODE_BIT(l->mode);
        modes[l->to] |= FR_MODE_BIT(l->mode);
    }
    return modes;
}

static bool transfer_row(const table *t, fr_network *net, void *state, GError **error)
{
    transfer_state *ts = state;
    GHashTable *seen = ts->seen;
    fr_transfer tr = {0};
    if (!node_ref_cell(t, net, "node", &tr.node, error) ||
        !mode_cell(t, "from_mode", &tr.from_mode, error) ||
        !mode_cell(t, "to_mode", &tr.to_mode, error))
        return false;
    if (tr.from_mode == tr.to_mode)
        return table_error(t, error, "from_mode and to_mode are both '%s'",
                           fr_mode_name(tr.from_mode));
    if (!number_cell(t, "time_h", true, 0, AT_LEAST_ZERO, &tr.time_h, error) ||
        !number_cell(t, "cost_usd", true, 0, AT_LEAST_ZERO, &tr.cost_usd, error) ||
        !number_cell(t, "co2_kg", false, 0, AT_LEAST_ZERO, &tr.co2_kg, error))
        return false;
    const char *node_id = FR_NODE(net, tr.node)->id;
    char *key = g_strdup_printf("%s %s>%s", node_id, fr_mode_name(tr.from_mode),
                                fr_mode_name(tr.to_mode));
    gpointer first = g_hash_table_lookup(seen, key);
    if (first) {
        g_free(key);
        return table_error(t, error, "duplicate transfer at '%s' from %s to %s (first on line %u)",
                           node_id, fr_mode_name(tr.from_mode), fr_mode_name(tr.to_mode),
                           GPOINTER_TO_UINT(first));
    }
    g_hash_table_insert(seen, key, GUINT_TO_POINTER((guint)t->csv.record_line));
    for (int i = 0; i < 2; i++) {
        fr_mode mode = i ? tr.to_mode : tr.from_mode;
        if (!(ts->node_modes[tr.node] & FR_MODE_BIT(mode)))
            fr_network_add_warning(net, "%s:%zu: no %s link at '%s'; the transfer has no effect",
                                   t->file, t->csv.record_line, fr_mode_name(mode), node_id);
    }
    tr.source = intern(net, cell(t, "source"));
    g_array_append_val(net->transfers, tr);
    return true;
}

/* ---- the directory ------------------------------------------------------- */

typedef bool (*row_reader)(const table *t, fr_network *net, void *state, GError **error);

/* Reads one file row by row; a missing optional file is fine. */
static bool load_file(const fr_file_source *source, const char *file,
                      const char *const *required, bool optional, row_reader read_row,
                      fr_network *net, void *state, GError **error)
{
    table t;
    bool present = false;
    bool ok = table_open(&t, source, file, required, optional, &present, error);
    int status = ok && present ? 1 : 0;
    while (ok && status > 0) {
        status = table_next(&t, error);
        if (status > 0)
            ok = read_row(&t, net, state, error);
        else if (status < 0)
            ok = false;
    }
    table_close(&t);
    return ok;
}

static bool load_tables(const fr_file_source *source, fr_network *net, GError **error)
{
    static const char *const node_cols[] = {"id", "name", "kind", "country", "lat", "lon", NULL};
    static const char *const mode_cols[] = {"mode", "co2_kg_per_teu_km", NULL};
    static const char *const link_cols[] = {"id",          "from",   "to",       "mode",
                                            "distance_km", "time_h", "cost_usd", NULL};
    static const char *const transfer_cols[] = {"node",   "from_mode", "to_mode",
                                                "time_h", "cost_usd",  NULL};
    GHashTable *node_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *link_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    bool modes_seen[FR_MODE_COUNT] = {false};
    bool ok =
        load_file(source, "nodes.csv", node_cols, false, node_row, net, node_ids, error) &&
        load_file(source, "modes.csv", mode_cols, true, mode_row, net, modes_seen, error) &&
        load_file(source, "links.csv", link_cols, false, link_row, net, link_ids, error);
    if (ok) {
        transfer_state ts = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                             modes_per_node(net)};
        ok = load_file(source, "transfers.csv", transfer_cols, true, transfer_row, net, &ts,
                       error);
        g_hash_table_destroy(ts.seen);
        g_free(ts.node_modes);
    }
    g_hash_table_destroy(node_ids);
    g_hash_table_destroy(link_ids);
    return ok;
}

fr_network *fr_network_load_source(const fr_file_source *source, GError **error)
{
    fr_network *net = fr_network_new_empty();
    if (!load_tables(source, net, error) || !fr_vgraph_build(net, error)) {
        fr_network_free(net);
        return NULL;
    }
    return net;
}

/* The file source of a directory on disk. */
static bool read_from_dir(void *context, const char *file, char **contents, gsize *len,
                          bool *missing, GError **error)
{
    char *path = g_build_filename((const char *)context, file, NULL);
    GError *io_error = NULL;
    bool ok = g_file_get_contents(path, contents, len, &io_error);
    g_free(path);
    if (!ok && g_error_matches(io_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
        *missing = true;
        ok = true;
    } else if (!ok) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: cannot read (%s)", file,
                    io_error->message);
    }
    g_clear_error(&io_error);
    return ok;
}

fr_network *fr_network_load_dir(const char *dir, GError **error)
{
    if (error && *error)
        return NULL; /* GError rule: never overwrite an error already set */
    if (!dir || !g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: not a directory", dir ? dir : "(null)");
        return NULL;
    }
    fr_file_source source = {read_from_dir, (void *)dir, dir};
    return fr_network_load_source(&source, error);
}
