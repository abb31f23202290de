/* clock.c - instants, wall-clock times and dates (see clock.h). Zone
 * offsets come from GTimeZone, cached per zone (fr_zone); a wall-clock time is turned into an instant
 * directly when no offset change lies within a day of it, and otherwise by
 * g_date_time_new() itself, so that gaps and repeated hours are read as
 * GLib reads them. */
#include "clock.h"

#include <stdlib.h>
#include <string.h>

/* ---- zones ------------------------------------------------------------- */

#define CACHE_FROM (-2208988800.0) /* 1900-01-01T00:00Z */
#define CACHE_TO 4102444800.0      /* 2100-01-01T00:00Z */

static gint interval_at(GTimeZone *tz, gint64 instant)
{
    return g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, instant);
}

static double glib_offset(GTimeZone *tz, double instant)
{
    gint interval = interval_at(tz, (gint64)floor(instant));
    return interval < 0 ? 0 : (double)g_time_zone_get_offset(tz, interval);
}

/* The first second after `from` in a later interval than `from`'s (GLib's
 * intervals are numbered in time order), or `to` when there is none. */
static gint64 next_change(GTimeZone *tz, gint64 from, gint64 to)
{
    gint here = interval_at(tz, from);
    if (interval_at(tz, to) == here)
        return to;
    gint64 lo = from, hi = to; /* interval(lo) == here < interval(hi) */
    while (hi - lo > 1) {
        gint64 mid = lo + (hi - lo) / 2;
        if (interval_at(tz, mid) == here)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

fr_zone *fr_zone_new(GTimeZone *tz)
{
    fr_zone *zone = g_new0(fr_zone, 1);
    zone->tz = g_time_zone_ref(tz);
    GArray *change = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *offset = g_array_new(FALSE, FALSE, sizeof(double));
    double current = glib_offset(tz, CACHE_FROM);
    g_array_append_val(offset, current);
    for (gint64 t = (gint64)CACHE_FROM; (t = next_change(tz, t, (gint64)CACHE_TO)) <
                                        (gint64)CACHE_TO;) {
        double at = (double)t, next = glib_offset(tz, at);
        if (next != current) { /* not a change of name only */
            g_array_append_val(change, at);
            g_array_append_val(offset, next);
            current = next;
        }
    }
    zone->n = change->len;
    zone->change = (double *)(void *)g_array_free(change, FALSE);
    zone->offset = (double *)(void *)g_array_free(offset, FALSE);
    return zone;
}

void fr_zone_free(fr_zone *zone)
{
    if (!zone)
        return;
    g_time_zone_unref(zone->tz);
    g_free(zone->change);
    g_free(zone->offset);
    g_free(zone);
}

double fr_clock_offset(const fr_zone *zone, double instant)
{
    if (instant < CACHE_FROM || instant >= CACHE_TO)
        return glib_offset(zone->tz, instant);
    size_t lo = 0, hi = zone->n; /* the first change after the instant */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (zone->change[mid] <= instant)
            lo = mid + 1;
        else
            hi = mid;
    }
    return zone->offset[lo];
}

/* ---- instants and wall-clock times ----------------------------------------- */

/* The slow, exact way: the wall time's date and time, given to GDateTime. */
static double instant_by_glib(GTimeZone *zone, double wall)
{
    double whole = floor(wall);
    GDateTime *parts = g_date_time_new_from_unix_utc((gint64)whole);
    if (!parts)
        return NAN;
    GDateTime *local = g_date_time_new(zone, g_date_time_get_year(parts),
                                       g_date_time_get_month(parts),
                                       g_date_time_get_day_of_month(parts),
                                       g_date_time_get_hour(parts), g_date_time_get_minute(parts),
                                       g_date_time_get_second(parts));
    g_date_time_unref(parts);
    if (!local)
        return NAN;
    double instant = (double)g_date_time_to_unix(local) + (wall - whole);
    g_date_time_unref(local);
    return instant;
}

double fr_clock_instant(const fr_zone *zone, double wall)
{
    double offset = fr_clock_offset(zone, wall - fr_clock_offset(zone, wall));
    double instant = wall - offset;
    if (fr_clock_offset(zone, instant - FR_SECONDS_PER_DAY) == offset &&
        fr_clock_offset(zone, instant + FR_SECONDS_PER_DAY) == offset &&
        fr_clock_offset(zone, instant) == offset)
        return instant; /* no change of offset near: one reading */
    return instant_by_glib(zone->tz, wall);
}

int32_t fr_clock_day_of(GDateTime *when)
{
    double wall = (double)g_date_time_to_unix(when) +
                  (double)g_date_time_get_utc_offset(when) / G_TIME_SPAN_SECOND;
    return fr_clock_day(wall);
}

double fr_clock_instant_of(GDateTime *when)
{
    return (double)g_date_time_to_unix(when) +
           (double)g_date_time_get_microsecond(when) / G_USEC_PER_SEC;
}

GDateTime *fr_clock_datetime(const fr_zone *zone, double instant)
{
    double rounded = round(instant); /* printed to the second */
    if (!(fabs(rounded) < 1e15)) /* past GDateTime's years 1-9999, and no gint64 either */
        return NULL;
    GDateTime *utc = g_date_time_new_from_unix_utc((gint64)rounded);
    if (!utc)
        return NULL;
    GDateTime *local = g_date_time_to_timezone(utc, zone->tz);
    g_date_time_unref(utc);
    return local;
}

GDateTime *fr_clock_day_datetime(int32_t day)
{
    return g_date_time_new_from_unix_utc((gint64)day * 86400);
}

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!g_ascii_isdigit(s[i]))
            return false;
    return true;
}

bool fr_clock_parse_date(const char *text, int32_t *out)
{
    if (strlen(text) != 10 || !digits(text, 4) || text[4] != '-' || !digits(text + 5, 2) ||
        text[7] != '-' || !digits(text + 8, 2))
        return false;
    int year = atoi(text), month = atoi(text + 5), day = atoi(text + 8);
    if (year < 1 || !g_date_valid_dmy((GDateDay)day, (GDateMonth)month, (GDateYear)year))
        return false;
    GDateTime *midnight = g_date_time_new_utc(year, month, day, 0, 0, 0);
    if (!midnight)
        return false;
    *out = (int32_t)(g_date_time_to_unix(midnight) / 86400);
    g_date_time_unref(midnight);
    return true;
}

/* Whether the text ends in an offset ("Z", "+08:00", "-0500", "+08"). */
static bool has_offset(const char *text)
{
    const char *t = strchr(text, 'T');
    if (!t)
        t = strchr(text, ' ');
    if (!t)
        return false;
    return strchr(t, 'Z') || strchr(t, 'z') || strchr(t, '+') || strchr(t, '-');
}

GDateTime *fr_clock_parse_datetime(const char *text, GTimeZone *default_zone)
{
    /* GLib wants seconds: "2019-07-01T08:00..." becomes "2019-07-01T08:00:00..." */
    size_t len = strlen(text);
    if (len >= 16 && (text[10] == 'T' || text[10] == ' ') && digits(text + 11, 2) &&
        text[13] == ':' && digits(text + 14, 2) && text[16] != ':') {
        char *full = g_strdup_printf("%.16s:00%s", text, text + 16);
        GDateTime *when = g_date_time_new_from_iso8601(full, default_zone);
        g_free(full);
        return when;
    }
    return g_date_time_new_from_iso8601(text, default_zone);
}

bool fr_clock_parse_instant(const char *text, double *out)
{
    if (!has_offset(text))
        return false;
    GDateTime *when = fr_clock_parse_datetime(text, NULL);
    if (!when)
        return false;
    *out = fr_clock_instant_of(when);
    g_date_time_unref(when);
    return true;
}

/* ---- weekly departures ---------------------------------------------------- */

static const char *const day_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static int day_index(const char *text, size_t len)
{
    for (int d = 0; d < 7; d++)
        if (len == 3 && g_ascii_strncasecmp(text, day_names[d], 3) == 0)
            return d;
    return -1;
}

/* "Mon", "Mon-Fri" (wrapping: "Sat-Mon"), "daily" into a set of days. */
static bool parse_days(const char *text, bool days[7])
{
    if (g_ascii_strcasecmp(text, "daily") == 0) {
        for (int d = 0; d < 7; d++)
            days[d] = true;
        return true;
    }
    const char *dash = strchr(text, '-');
    int first = day_index(text, dash ? (size_t)(dash - text) : strlen(text));
    int last = dash ? day_index(dash + 1, strlen(dash + 1)) : first;
    if (first < 0 || last < 0)
        return false;
    for (int d = first;; d = (d + 1) % 7) {
        days[d] = true;
        if (d == last)
            break;
    }
    return true;
}

/* "08:30" or "8:30" into minutes of the day. */
static bool parse_clock(const char *text, int *minutes)
{
    size_t len = strlen(text);
    if ((len != 4 && len != 5) || text[len - 3] != ':' || !digits(text, (int)len - 3) ||
        !digits(text + len - 2, 2))
        return false;
    int hour = atoi(text), minute = atoi(text + len - 2);
    if (hour > 23 || minute > 59)
        return false;
    *minutes = hour * 60 + minute;
    return true;
}

static gint compare_minutes(gconstpointer a, gconstpointer b)
{
    return (int)*(const guint16 *)a - (int)*(const guint16 *)b;
}

/* One entry "DAYS HH:MM". */
static bool parse_entry(const char *entry, GArray *minutes, const char **why)
{
    char **parts = g_strsplit_set(entry, " \t", -1);
    const char *words[3] = {NULL, NULL, NULL};
    int n = 0;
    for (char **p = parts; *p; p++)
        if (**p) {
            if (n < 3)
                words[n] = *p;
            n++;
        }
    bool days[7] = {false};
    int clock = 0;
    bool ok = false;
    if (n != 2)
        *why = "expected DAYS HH:MM (e.g. 'Mon 18:00', 'Mon-Fri 08:30', 'daily 06:00')";
    else if (!parse_days(words[0], days))
        *why = "days are Mon..Sun, a range such as Mon-Fri, or daily";
    else if (!parse_clock(words[1], &clock))
        *why = "the time is not HH:MM from 00:00 to 23:59";
    else
        ok = true;
    for (int d = 0; ok && d < 7; d++)
        if (days[d]) {
            guint16 m = (guint16)(d * 24 * 60 + clock);
            g_array_append_val(minutes, m);
        }
    g_strfreev(parts);
    return ok;
}

bool fr_clock_parse_departures(const char *text, GArray *minutes, char **bad, const char **why)
{
    guint start = minutes->len;
    char **entries = g_strsplit(text, ";", -1);
    bool ok = true, any = false;
    for (char **e = entries; ok && *e; e++) {
        char *entry = g_strstrip(*e);
        if (!*entry && e[1] == NULL && any)
            continue; /* a trailing ';' */
        if (!parse_entry(entry, minutes, why)) {
            *bad = g_strdup(entry);
            ok = false;
        }
        any = true;
    }
    g_strfreev(entries);
    if (!ok) {
        g_array_set_size(minutes, start);
        return false;
    }
    /* Sort and drop repeats within this text's entries. */
    guint16 *m = &g_array_index(minutes, guint16, start);
    guint n = minutes->len - start, kept = 0;
    if (n > 1)
        qsort(m, n, sizeof *m, (int (*)(const void *, const void *))compare_minutes);
    for (guint i = 0; i < n; i++)
        if (kept == 0 || m[kept - 1] != m[i])
            m[kept++] = m[i];
    g_array_set_size(minutes, start + kept);
    return true;
}
