/* clock.h - instants, local wall-clock times and dates for the dated
 * routing of FORMAT.md §5. An instant is seconds since 1970-01-01T00:00Z
 * held in a double; a wall-clock time is the same count read on a zone's
 * clock (instant + the zone's offset then); a day is a date numbered as
 * whole days since 1970-01-01. Every zone and daylight-saving question is
 * GLib's (GTimeZone, GDateTime); this module only caches and converts. */
#ifndef FR_CLOCK_H
#define FR_CLOCK_H

#include <glib.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#define FR_SECONDS_PER_DAY 86400.0
#define FR_SECONDS_PER_WEEK 604800.0
#define FR_MINUTES_PER_WEEK (7 * 24 * 60)
/* The wall-clock second of Monday 1970-01-05 00:00 (checked against
 * GDateTime by the tests): weeks of wall-clock time start there. */
#define FR_WALL_MONDAY (4 * FR_SECONDS_PER_DAY)
/* No date: validity that is open on that side. */
#define FR_DAY_MIN INT32_MIN
#define FR_DAY_MAX INT32_MAX

/* A time zone with GLib's offsets for 1900-2100 cached as a sorted list of
 * changes: an offset is then a binary search, where GLib 2.74 scans every
 * transition. Outside that span GLib is asked. */
typedef struct {
    GTimeZone *tz;
    double *change; /* instants at which the offset changes, ascending */
    double *offset; /* n + 1: offset[i] holds before change[i], offset[n] after the last */
    size_t n;
} fr_zone;

/* A zone for tz (which it references). */
fr_zone *fr_zone_new(GTimeZone *tz);
void fr_zone_free(fr_zone *zone);

/* The zone's offset from UTC in seconds at an instant. */
double fr_clock_offset(const fr_zone *zone, double instant);
static inline double fr_clock_wall(const fr_zone *zone, double instant)
{
    return instant + fr_clock_offset(zone, instant);
}
/* The instant of a wall-clock time in a zone, as g_date_time_new() reads
 * that local date and time (gaps and repeated hours included). */
double fr_clock_instant(const fr_zone *zone, double wall);
/* The day of a wall-clock time (its local date). */
static inline int32_t fr_clock_day(double wall)
{
    return (int32_t)floor(wall / FR_SECONDS_PER_DAY);
}

/* The day of a GDateTime's own local date. */
int32_t fr_clock_day_of(GDateTime *when);
/* A GDateTime of its own: the instant, shown in the zone. */
GDateTime *fr_clock_datetime(const fr_zone *zone, double instant);
/* The instant of a GDateTime. */
double fr_clock_instant_of(GDateTime *when);
/* Midnight UTC of a day, as a new GDateTime. */
GDateTime *fr_clock_day_datetime(int32_t day);

/* Parsing, for the loader and the API. Each returns false, leaving *out
 * untouched, when the text is not what it should be. */
/* "2019-07-01": a date that exists. */
bool fr_clock_parse_date(const char *text, int32_t *out);
/* ISO 8601 date-time, minutes with or without seconds ("2019-07-01T08:00",
 * "2019-07-01 08:00:30+08:00"), in default_zone when it has no offset
 * (NULL: local time, as GLib does); NULL when it is not one. */
GDateTime *fr_clock_parse_datetime(const char *text, GTimeZone *default_zone);
/* ISO 8601 date-time with an explicit offset or Z ("2019-07-01T08:00+08:00"). */
bool fr_clock_parse_instant(const char *text, double *out);

/* Weekly departures "Mon 18:00; Thu-Sat 06:30; daily 08:00" (FORMAT.md §5)
 * into minutes of the week from Monday 00:00, appended to `minutes`
 * (guint16) sorted and without repeats. False with *bad set to the entry
 * that is wrong (g_free it) and `why` to what is wrong with it. */
bool fr_clock_parse_departures(const char *text, GArray *minutes, char **bad, const char **why);

#endif /* FR_CLOCK_H */
