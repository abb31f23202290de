/* date_options.c - the dated options fr-route, fr-matrix and fr-corridors
 * share (FORMAT.md §3 and §5; declared in query_options.h): their entries,
 * their checks and their parsing against the network's time zones. */
#include "query_options.h"

#include <math.h>
#include <string.h>

size_t date_options_entries(date_options *d, unsigned which, GOptionEntry *out)
{
    size_t n = 0;
    if (which & DATE_OPTION_DEPART)
        out[n++] = (GOptionEntry){"depart", 0, 0, G_OPTION_ARG_STRING, &d->depart,
                                  "Leave the origin then: ISO 8601, e.g. 2019-07-02T08:00 (the "
                                  "origin's time zone) or 2019-07-02T08:00+08:00",
                                  "DATETIME"};
    if (which & DATE_OPTION_ARRIVE_BY)
        out[n++] = (GOptionEntry){"arrive-by", 0, 0, G_OPTION_ARG_STRING, &d->arrive_by,
                                  "Arrive by then (the destination's time zone; a bare date is "
                                  "its end, 23:59:59); objective time without --depart: the "
                                  "latest departure",
                                  "DATETIME"};
    if (which & DATE_OPTION_ON)
        out[n++] = (GOptionEntry){"on", 0, 0, G_OPTION_ARG_STRING, &d->on,
                                  "Route the network as it runs on this date (validity, "
                                  "closures, mean waits), e.g. 2019-07-01",
                                  "DATE"};
    if (which & DATE_OPTION_WINDOW) {
        out[n++] = (GOptionEntry){"depart-window", 0, 0, G_OPTION_ARG_STRING, &d->window,
                                  "Departures from FIRST to LAST (dates or date-times in the "
                                  "origin's zone; a bare LAST date runs to its 23:59:59), one "
                                  "row each",
                                  "FIRST/LAST"};
        out[n++] = (GOptionEntry){"every", 0, 0, G_OPTION_ARG_STRING, &d->every,
                                  "With --depart-window: hours between departures (default 24)",
                                  "H"};
    }
    return n;
}

const char *date_options_first_given(const date_options *d)
{
    return d->depart      ? "--depart"
           : d->arrive_by ? "--arrive-by"
           : d->on        ? "--on"
           : d->window    ? "--depart-window"
           : d->every     ? "--every"
                          : NULL;
}

void date_options_clear(date_options *d)
{
    g_free(d->depart);
    g_free(d->arrive_by);
    g_free(d->on);
    g_free(d->window);
    g_free(d->every);
}

bool is_bare_date(const char *text)
{
    static const char shape[] = "dddd-dd-dd";
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !g_ascii_isdigit(text[i]) : text[i] != shape[i])
            return false;
    return text[sizeof shape - 1] == '\0';
}

/* --every's hours: finite and greater than 0; false otherwise. */
static bool parse_every(const char *text, double *out)
{
    char *end = NULL;
    double value = g_ascii_strtod(text, &end);
    if (end == text || *end || !isfinite(value) || value <= 0)
        return false;
    *out = value;
    return true;
}

/* FIRST and LAST of --depart-window (g_strfreev), or NULL when it is not
 * two non-empty texts joined by one '/'. */
static char **split_window(const char *text)
{
    char **parts = g_strsplit(text, "/", -1);
    if (g_strv_length(parts) != 2 || !*g_strstrip(parts[0]) || !*g_strstrip(parts[1])) {
        g_strfreev(parts);
        return NULL;
    }
    return parts;
}

char *date_options_problem(const date_options *d)
{
    double every;
    if (d->on && !is_bare_date(d->on))
        return g_strdup_printf("--on takes a date, YYYY-MM-DD (got '%s')", d->on);
    if (d->on && (d->depart || d->arrive_by || d->window))
        return g_strdup_printf("--on is the date of an undated query; %s already dates it",
                               d->depart      ? "--depart"
                               : d->arrive_by ? "--arrive-by"
                                              : "--depart-window");
    if (d->every && !d->window)
        return g_strdup("--every goes with --depart-window (the hours between its departures)");
    if (d->window && d->depart)
        return g_strdup("--depart-window and --depart cannot be combined: the window gives "
                        "the departures");
    if (d->window && d->arrive_by)
        return g_strdup("--arrive-by does not apply to --depart-window (every departure is "
                        "routed on its own); --max-time bounds the transit time");
    if (d->every && !parse_every(d->every, &every))
        return g_strdup_printf("--every must be a number of hours greater than 0 (got '%s')",
                               d->every);
    if (d->window) {
        char **parts = split_window(d->window);
        if (!parts)
            return g_strdup_printf("--depart-window takes FIRST/LAST, two dates or date-times "
                                   "(got '%s')",
                                   d->window);
        g_strfreev(parts);
    }
    return NULL;
}

/* The node's id when the network has it, else NULL (UTC): an unknown
 * origin or destination is the query's error, reported when routing. */
static const char *known_node(const fr_network *net, const char *id)
{
    return id && fr_network_find_node(net, id) >= 0 ? id : NULL;
}

/* Parses `text` for `option` in the zone of `node`; a bare date is its
 * midnight, or with `end_of_day` its 23:59:59. NULL with *problem set. */
static GDateTime *parse_when(const fr_network *net, const char *node, const char *option,
                             const char *text, bool end_of_day, char **problem)
{
    GError *error = NULL;
    GDateTime *when = fr_network_parse_datetime(net, known_node(net, node), text, &error);
    if (!when) {
        *problem = strstr(error->message, text)
                       ? g_strdup_printf("%s: %s", option, error->message)
                       : g_strdup_printf("%s '%s': %s", option, text, error->message);
        g_error_free(error);
        return NULL;
    }
    if (end_of_day && is_bare_date(text)) {
        GDateTime *next = g_date_time_add_days(when, 1);
        g_date_time_unref(when);
        when = g_date_time_add_seconds(next, -1);
        g_date_time_unref(next);
    }
    return when;
}

static char *format_when(GDateTime *when)
{
    return g_date_time_format(when, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Parses --depart-window into c->first and c->last; false with *problem. */
static bool parse_window(const date_options *d, const fr_network *net, const char *from,
                         date_choice *c, char **problem)
{
    char **parts = split_window(d->window);
    if (!parts) { /* date_options_problem() refuses it first */
        *problem = g_strdup_printf("--depart-window takes FIRST/LAST (got '%s')", d->window);
        return false;
    }
    c->first = parse_when(net, from, "--depart-window", parts[0], false, problem);
    if (c->first)
        c->last = parse_when(net, from, "--depart-window", parts[1], true, problem);
    g_strfreev(parts);
    if (!c->last)
        return false;
    if (g_date_time_compare(c->last, c->first) < 0) {
        char *first = format_when(c->first), *last = format_when(c->last);
        *problem = g_strdup_printf("--depart-window: LAST (%s) is before FIRST (%s)", last,
                                   first);
        g_free(first);
        g_free(last);
        return false;
    }
    size_t count = date_choice_window_count(c);
    if (count > FR_MAX_PROFILE_ROWS) {
        *problem = g_strdup_printf("--depart-window '%s' with --every %g gives %zu departures; "
                                   "at most %d",
                                   d->window, c->every_h, count, FR_MAX_PROFILE_ROWS);
        return false;
    }
    return true;
}

bool date_options_parse(const date_options *d, const fr_network *net, const char *from,
                        const char *to, date_choice *out, char **problem)
{
    *out = (date_choice){.every_h = 24};
    *problem = NULL;
    if (d->every && !parse_every(d->every, &out->every_h))
        *problem = g_strdup_printf("--every must be a number of hours greater than 0 (got '%s')",
                                   d->every);
    if (!*problem && d->depart)
        out->depart = parse_when(net, from, "--depart", d->depart, false, problem);
    if (!*problem && d->arrive_by)
        out->arrive_by = parse_when(net, to, "--arrive-by", d->arrive_by, true, problem);
    if (!*problem && d->on) {
        if (is_bare_date(d->on))
            out->on = parse_when(net, from, "--on", d->on, false, problem);
        else
            *problem = g_strdup_printf("--on takes a date, YYYY-MM-DD (got '%s')", d->on);
    }
    if (!*problem && d->window)
        parse_window(d, net, from, out, problem);
    if (*problem) {
        date_choice_clear(out);
        return false;
    }
    return true;
}

void date_choice_clear(date_choice *c)
{
    g_clear_pointer(&c->depart, g_date_time_unref);
    g_clear_pointer(&c->arrive_by, g_date_time_unref);
    g_clear_pointer(&c->on, g_date_time_unref);
    g_clear_pointer(&c->first, g_date_time_unref);
    g_clear_pointer(&c->last, g_date_time_unref);
}

void date_choice_apply(const date_choice *c, fr_query *query)
{
    if (c->depart)
        fr_query_set_departure(query, c->depart);
    if (c->arrive_by)
        fr_query_set_arrive_by(query, c->arrive_by);
    if (c->on)
        fr_query_set_date(query, c->on);
}

size_t date_choice_window_count(const date_choice *c)
{
    if (!c->first || !c->last)
        return 0;
    double seconds = (double)g_date_time_difference(c->last, c->first) / G_USEC_PER_SEC;
    double steps = floor(seconds / (c->every_h * 3600) * (1 + 1e-12) + 1e-9);
    return steps >= (double)FR_MAX_PROFILE_ROWS ? (size_t)FR_MAX_PROFILE_ROWS + 1
                                                : (size_t)steps + 1;
}
