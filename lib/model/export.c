/* export.c - writing a model as a network directory (export.h): each file's
 * rows as CSV text built in memory first, then the directory checked and
 * the files written beside their names and renamed into place.
 *
 * What the model does not keep is written so that loading gives the same
 * rows: a link's co2_kg is left empty when it equals the mode's default
 * (distance_km times modes.csv's factor, as the loader computes it), every
 * mode's factor is written, time zones by their IANA names, weekly
 * departures one entry per minute of the week, closures' instants in UTC. */
#include "export.h"
#include "csv.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

const char *fr_export_number(double value, char buf[FR_NUMBER_TEXT_SIZE])
{
    /* A text of at most 15 significant digits that reads back exactly is
     * what %.15g prints (trailing zeros dropped); else 16 or 17 digits. */
    static const char *const formats[] = {"%.15g", "%.16g", "%.17g"};
    for (size_t i = 0; i < G_N_ELEMENTS(formats); i++) {
        g_ascii_formatd(buf, FR_NUMBER_TEXT_SIZE, formats[i], value);
        double back = g_ascii_strtod(buf, NULL);
        if (memcmp(&back, &value, sizeof value) == 0 || !isfinite(value))
            break;
    }
    return buf;
}

/* ---- CSV text -------------------------------------------------------------- */

/* Appends a cell, quoted when it holds a comma, a quote or a line break. */
static void put_cell(GString *out, const char *text, bool last)
{
    fr_csv_append_field(out, text, false);
    g_string_append_c(out, last ? '\n' : ',');
}

static void put_row(GString *out, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_cell(out, cells[i] ? cells[i] : "", i + 1 == n);
}

/* "2019-07-01", or "" for an open end (FR_DAY_MIN, FR_DAY_MAX). */
static const char *day_text(int32_t day, char buf[16])
{
    buf[0] = '\0';
    if (day == FR_DAY_MIN || day == FR_DAY_MAX)
        return buf;
    GDateTime *midnight = fr_clock_day_datetime(day);
    if (midnight) {
        g_snprintf(buf, 16, "%04d-%02d-%02d", g_date_time_get_year(midnight),
                   g_date_time_get_month(midnight), g_date_time_get_day_of_month(midnight));
        g_date_time_unref(midnight);
    }
    return buf;
}

/* "2019-07-01T08:00:00Z", with microseconds when the instant has them: what
 * the loader reads back (seconds plus microseconds) as the same instant. */
static const char *instant_text(double instant, char buf[48])
{
    double seconds = floor(instant);
    long long micro = llround((instant - seconds) * 1e6);
    if (micro >= 1000000) {
        seconds += 1;
        micro = 0;
    }
    buf[0] = '\0';
    GDateTime *when = g_date_time_new_from_unix_utc((gint64)seconds);
    if (!when)
        return buf;
    int len = g_snprintf(buf, 48, "%04d-%02d-%02dT%02d:%02d:%02d", g_date_time_get_year(when),
                         g_date_time_get_month(when), g_date_time_get_day_of_month(when),
                         g_date_time_get_hour(when), g_date_time_get_minute(when),
                         g_date_time_get_second(when));
    g_date_time_unref(when);
    if (micro)
        g_snprintf(buf + len, (gulong)(48 - len), ".%06lldZ", micro);
    else
        g_snprintf(buf + len, (gulong)(48 - len), "Z");
    return buf;
}

/* ---- the files -------------------------------------------------------------- */

static void write_nodes(GString *out, const fr_model *m)
{
    static const char *const header[] = {"id",  "name",    "kind",      "country",  "lat",
                                         "lon", "dwell_h", "dwell_usd", "timezone", "source"};
    put_row(out, header, G_N_ELEMENTS(header));
    for (guint i = 0; i < m->nodes->len; i++) {
        const fr_node *n = FR_NODE(m, i);
        char lat[FR_NUMBER_TEXT_SIZE], lon[FR_NUMBER_TEXT_SIZE], dwell_h[FR_NUMBER_TEXT_SIZE],
            dwell_usd[FR_NUMBER_TEXT_SIZE];
        const fr_zone *zone = g_ptr_array_index(m->zones, n->zone);
        const char *cells[] = {n->id,
                               n->name,
                               fr_node_kind_name(n->kind),
                               n->country,
                               fr_export_number(n->lat, lat),
                               fr_export_number(n->lon, lon),
                               fr_export_number(n->dwell_h, dwell_h),
                               fr_export_number(n->dwell_usd, dwell_usd),
                               n->zone == 0 ? "" : g_time_zone_get_identifier(zone->tz),
                               n->source};
        put_row(out, cells, G_N_ELEMENTS(cells));
    }
}

/* "lon lat;lon lat" of a link's shape. */
static void waypoints_text(GString *text, const fr_model *m, const fr_link *l)
{
    char lon[FR_NUMBER_TEXT_SIZE], lat[FR_NUMBER_TEXT_SIZE];
    g_string_truncate(text, 0);
    for (uint32_t w = 0; w < l->waypoint_count; w++) {
        const fr_waypoint *p = &g_array_index(m->waypoints, fr_waypoint, l->waypoint_first + w);
        g_string_append_printf(text, "%s%s %s", w ? ";" : "", fr_export_number(p->lon, lon),
                               fr_export_number(p->lat, lat));
    }
}

/* The co2_kg cell: empty when the loader's default gives the same figure. */
static const char *co2_text(const fr_model *m, const fr_link *l, char buf[FR_NUMBER_TEXT_SIZE])
{
    double fallback = l->distance_km * m->co2_factor[l->mode];
    if (memcmp(&fallback, &l->co2_kg, sizeof fallback) == 0) {
        buf[0] = '\0';
        return buf;
    }
    return fr_export_number(l->co2_kg, buf);
}

static void write_links(GString *out, const fr_model *m)
{
    static const char *const header[] = {"id",          "from",     "to",         "mode",
                                         "distance_km", "time_h",   "cost_usd",   "co2_kg",
                                         "bidirectional", "corridor", "valid_from", "valid_to",
                                         "waypoints",   "source"};
    put_row(out, header, G_N_ELEMENTS(header));
    GString *shape = g_string_new(NULL);
    for (guint i = 0; i < m->links->len; i++) {
        const fr_link *l = FR_LINK(m, i);
        char distance[FR_NUMBER_TEXT_SIZE], time[FR_NUMBER_TEXT_SIZE], cost[FR_NUMBER_TEXT_SIZE],
            co2[FR_NUMBER_TEXT_SIZE], from[16], to[16];
        waypoints_text(shape, m, l);
        const char *cells[] = {l->id,
                               FR_NODE(m, l->from)->id,
                               FR_NODE(m, l->to)->id,
                               fr_mode_name(l->mode),
                               fr_export_number(l->distance_km, distance),
                               fr_export_number(l->time_h, time),
                               fr_export_number(l->cost_usd, cost),
                               co2_text(m, l, co2),
                               l->bidirectional ? "1" : "0",
                               fr_link_corridor(m, l),
                               day_text(l->valid_from, from),
                               day_text(l->valid_to, to),
                               shape->str,
                               l->source};
        put_row(out, cells, G_N_ELEMENTS(cells));
    }
    g_string_free(shape, TRUE);
}

static void write_transfers(GString *out, const fr_model *m)
{
    static const char *const header[] = {"node",     "from_mode", "to_mode", "time_h",
                                         "cost_usd", "co2_kg",    "source"};
    put_row(out, header, G_N_ELEMENTS(header));
    for (guint i = 0; i < m->transfers->len; i++) {
        const fr_transfer *t = FR_TRANSFER(m, i);
        char time[FR_NUMBER_TEXT_SIZE], cost[FR_NUMBER_TEXT_SIZE], co2[FR_NUMBER_TEXT_SIZE];
        const char *cells[] = {FR_NODE(m, t->node)->id,         fr_mode_name(t->from_mode),
                               fr_mode_name(t->to_mode),        fr_export_number(t->time_h, time),
                               fr_export_number(t->cost_usd, cost),
                               fr_export_number(t->co2_kg, co2), t->source};
        put_row(out, cells, G_N_ELEMENTS(cells));
    }
}

static void write_modes(GString *out, const fr_model *m)
{
    static const char *const header[] = {"mode", "co2_kg_per_teu_km"};
    put_row(out, header, G_N_ELEMENTS(header));
    for (int mode = 0; mode < FR_MODE_COUNT; mode++) {
        char factor[FR_NUMBER_TEXT_SIZE];
        const char *cells[] = {fr_mode_name((fr_mode)mode),
                               fr_export_number(m->co2_factor[mode], factor)};
        put_row(out, cells, G_N_ELEMENTS(cells));
    }
}

/* network.csv: the reference date and the name, when the model has them. */
static bool write_network(GString *out, const fr_model *m)
{
    if (m->reference_day == FR_DAY_MIN && !m->name)
        return false;
    static const char *const header[] = {"key", "value"};
    put_row(out, header, G_N_ELEMENTS(header));
    char day[16];
    if (m->reference_day != FR_DAY_MIN)
        put_row(out, (const char *const[]){"reference_date", day_text(m->reference_day, day)}, 2);
    if (m->name)
        put_row(out, (const char *const[]){"name", m->name}, 2);
    return true;
}

/* "Mon 08:00; Thu 18:30": a service's minutes of the week, one entry each. */
static void departures_text(GString *text, const fr_model *m, const fr_service *s)
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    g_string_truncate(text, 0);
    for (uint32_t k = 0; k < s->count; k++) {
        guint minute = g_array_index(m->departures, guint16, s->first + k);
        g_string_append_printf(text, "%s%s %02u:%02u", k ? "; " : "", days[minute / 1440 % 7],
                               minute % 1440 / 60, minute % 60);
    }
}

static bool write_services(GString *out, const fr_model *m)
{
    if (m->services->len == 0)
        return false;
    static const char *const header[] = {"id",         "link",     "departures", "cutoff_h",
                                         "valid_from", "valid_to", "source"};
    put_row(out, header, G_N_ELEMENTS(header));
    GString *departures = g_string_new(NULL);
    for (guint i = 0; i < m->services->len; i++) {
        const fr_service *s = FR_SERVICE(m, i);
        const fr_link *l = FR_LINK(m, s->link);
        char cutoff[FR_NUMBER_TEXT_SIZE], from[16], to[16];
        departures_text(departures, m, s);
        const char *cells[] = {s->id,
                               s->reverse ? fr_model_rev_id(m, s->link) : l->id,
                               departures->str,
                               fr_export_number(s->cutoff_h, cutoff),
                               day_text(s->valid_from, from),
                               day_text(s->valid_to, to),
                               s->source};
        put_row(out, cells, G_N_ELEMENTS(cells));
    }
    g_string_free(departures, TRUE);
    return true;
}

/* The link cell of a closure: the id closes a one-way link, or both
 * directions of a bidirectional one; "<id>:rev" its reverse alone. */
static bool closure_link(const fr_model *m, const fr_closure *c, const char **out, GError **error)
{
    const fr_link *l = FR_LINK(m, c->ref);
    if (c->forward && c->reverse == l->bidirectional)
        *out = l->id;
    else if (!c->forward && c->reverse && l->bidirectional)
        *out = fr_model_rev_id(m, c->ref);
    else {
        g_set_error(error, FR_ERROR, FR_ERROR_INVALID,
                    "closures.csv: a closure of link '%s' in the %s direction only cannot be "
                    "written (closures.csv names a link's both directions or its reverse)",
                    l->id, c->forward ? "forward" : "no");
        return false;
    }
    return true;
}

static bool write_closures(GString *out, const fr_model *m, GError **error)
{
    static const char *const header[] = {"from", "to", "link", "node", "reason", "source"};
    put_row(out, header, G_N_ELEMENTS(header));
    for (guint i = 0; i < m->closures->len; i++) {
        const fr_closure *c = FR_CLOSURE(m, i);
        char from[48], to[48];
        const char *link = "";
        if (!c->is_node && !closure_link(m, c, &link, error))
            return false;
        const char *cells[] = {instant_text(c->from, from), instant_text(c->to, to), link,
                               c->is_node ? FR_NODE(m, c->ref)->id : "", c->reason, c->source};
        put_row(out, cells, G_N_ELEMENTS(cells));
    }
    return true;
}

/* ---- the directory ------------------------------------------------------------ */

enum { F_NODES, F_LINKS, F_TRANSFERS, F_MODES, F_NETWORK, F_SERVICES, F_CLOSURES, N_FILES };
static const char *const file_names[N_FILES] = {"nodes.csv",   "links.csv",    "transfers.csv",
                                                "modes.csv",   "network.csv",  "services.csv",
                                                "closures.csv"};

/* Each file's text, or NULL for a file the model has no rows for. */
static bool export_texts(const fr_model *m, GString *texts[N_FILES], GError **error)
{
    for (int f = 0; f < N_FILES; f++)
        texts[f] = g_string_new(NULL);
    write_nodes(texts[F_NODES], m);
    write_links(texts[F_LINKS], m);
    write_transfers(texts[F_TRANSFERS], m);
    write_modes(texts[F_MODES], m);
    bool with_network = write_network(texts[F_NETWORK], m);
    bool with_services = write_services(texts[F_SERVICES], m);
    bool ok = m->closures->len == 0 || write_closures(texts[F_CLOSURES], m, error);
    if (!with_network)
        g_string_free(g_steal_pointer(&texts[F_NETWORK]), TRUE);
    if (!with_services)
        g_string_free(g_steal_pointer(&texts[F_SERVICES]), TRUE);
    if (m->closures->len == 0)
        g_string_free(g_steal_pointer(&texts[F_CLOSURES]), TRUE);
    return ok;
}

static bool io_error(GError **error, const char *path, const char *problem, int errsv)
{
    g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: %s (%s)", path, problem, g_strerror(errsv));
    return false;
}

/* Makes dir and its missing parents; a file in the way is named. */
static bool make_dir(const char *dir, GError **error)
{
    if (g_mkdir_with_parents(dir, 0755) == 0)
        return true;
    int errsv = errno;
    char *up = g_path_get_dirname(dir);
    while (!g_file_test(up, G_FILE_TEST_EXISTS) && strcmp(up, ".") != 0 && strcmp(up, "/") != 0) {
        char *next = g_path_get_dirname(up);
        g_free(up);
        up = next;
    }
    if (g_file_test(up, G_FILE_TEST_EXISTS) && !g_file_test(up, G_FILE_TEST_IS_DIR))
        g_set_error(error, FR_ERROR, FR_ERROR_IO,
                    "%s: cannot create the directory: '%s' is a file, not a directory", dir, up);
    else
        io_error(error, dir, "cannot create the directory", errsv);
    g_free(up);
    return false;
}

/* An existing directory: empty, or `overwrite`; else it is made (*created). */
static bool prepare_dir(const char *dir, bool overwrite, bool *created, GError **error)
{
    *created = false;
    GStatBuf st;
    if (g_stat(dir, &st) != 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            return io_error(error, dir, "cannot use as the export directory", errno);
        *created = make_dir(dir, error);
        return *created;
    }
    if (!S_ISDIR(st.st_mode)) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO,
                    "%s: exists and is not a directory; cannot export a network there", dir);
        return false;
    }
    GError *dir_error = NULL;
    GDir *d = g_dir_open(dir, 0, &dir_error);
    if (!d) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: cannot read the directory (%s)", dir,
                    dir_error->message);
        g_error_free(dir_error);
        return false;
    }
    bool empty = g_dir_read_name(d) == NULL;
    g_dir_close(d);
    if (!empty && !overwrite) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO,
                    "%s: the directory is not empty (FR_EXPORT_OVERWRITE replaces its network "
                    "files)",
                    dir);
        return false;
    }
    return true;
}

/* The path of file f in dir, and of its text while being written. */
static char *file_path(const char *dir, int f, bool part)
{
    char *path = g_build_filename(dir, file_names[f], NULL);
    if (part) {
        char *written = g_strconcat(path, ".part", NULL);
        g_free(path);
        return written;
    }
    return path;
}

/* Writes every text beside its name ("nodes.csv.part"); on failure removes
 * what it wrote. A directory where a file goes is refused first. */
static bool write_parts(const char *dir, GString *texts[N_FILES], GError **error)
{
    for (int f = 0; f < N_FILES; f++) {
        char *path = file_path(dir, f, false);
        bool in_the_way = g_file_test(path, G_FILE_TEST_IS_DIR);
        if (in_the_way)
            g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: is a directory, not a file", path);
        g_free(path);
        if (in_the_way)
            return false;
    }
    int f = 0;
    GError *io = NULL;
    for (; f < N_FILES; f++) {
        if (!texts[f])
            continue;
        char *part = file_path(dir, f, true);
        bool ok = g_file_set_contents(part, texts[f]->str, (gssize)texts[f]->len, &io);
        if (!ok)
            g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: cannot write (%s)", part, io->message);
        g_clear_error(&io);
        g_free(part);
        if (!ok)
            break;
    }
    if (f == N_FILES)
        return true;
    for (int undo = 0; undo < f; undo++) {
        char *part = file_path(dir, undo, true);
        g_remove(part);
        g_free(part);
    }
    return false;
}

/* Renames the written parts into place and removes a stale file the model
 * has no rows for. */
static bool move_parts(const char *dir, GString *texts[N_FILES], GError **error)
{
    bool ok = true;
    for (int f = 0; f < N_FILES; f++) {
        char *part = file_path(dir, f, true), *path = file_path(dir, f, false);
        if (texts[f] && g_rename(part, path) != 0 && ok)
            ok = io_error(error, path, "cannot rename the written file into place", errno);
        else if (!texts[f] && g_remove(path) != 0 && errno != ENOENT && ok)
            ok = io_error(error, path, "cannot remove the stale file", errno);
        g_free(part);
        g_free(path);
    }
    return ok;
}

bool fr_model_export(const fr_model *model, const char *dir, bool overwrite, GError **error)
{
    GString *texts[N_FILES];
    bool created = false;
    bool ok = export_texts(model, texts, error) && prepare_dir(dir, overwrite, &created, error);
    if (ok && !write_parts(dir, texts, error)) {
        ok = false;
        if (created)
            g_rmdir(dir);
    }
    ok = ok && move_parts(dir, texts, error);
    for (int f = 0; f < N_FILES; f++)
        if (texts[f])
            g_string_free(texts[f], TRUE);
    return ok;
}
