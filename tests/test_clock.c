/* test_clock.c - lib/util/clock.c against GLib itself: the cached zone
 * offsets (fr_zone) against GDateTime's at 1.7 million instants from 1900
 * to 2100 in zones with daylight saving, half-hour shifts and historical
 * changes; wall-clock times to instants against g_date_time_new() around
 * every change of offset (gaps and repeated hours) and at random; days and
 * the Monday the weeks are counted from against GDateTime's calendar. */
#include "clock.h"
#include "helpers.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

static const char *const zones[] = {"UTC",           "Europe/Berlin",      "America/New_York",
                                    "Asia/Shanghai", "Australia/Lord_Howe", "Asia/Kolkata",
                                    "Europe/Moscow", "Asia/Almaty",        "America/Santiago"};

static double glib_offset_at(GTimeZone *tz, gint64 instant)
{
    GDateTime *utc = g_date_time_new_from_unix_utc(instant);
    GDateTime *local = g_date_time_to_timezone(utc, tz);
    double offset = (double)g_date_time_get_utc_offset(local) / G_USEC_PER_SEC;
    g_date_time_unref(utc);
    g_date_time_unref(local);
    return offset;
}

static void test_offsets_match_glib(void **state)
{
    (void)state;
    for (size_t z = 0; z < G_N_ELEMENTS(zones); z++) {
        GTimeZone *tz = g_time_zone_new_identifier(zones[z]);
        assert_non_null(tz);
        fr_zone *zone = fr_zone_new(tz);
        /* every zone but UTC changed its offset at least once since 1900 */
        assert_true(z == 0 ? zone->n == 0 : zone->n > 0);
        size_t differ = 0, checked = 0;
        /* a step that is not a divisor of an hour, so that every minute of
         * the day is hit over the years */
        for (gint64 t = -2208988800; t < 4102444800; t += 3599 * 11, checked++)
            differ += fr_clock_offset(zone, (double)t) != glib_offset_at(tz, t);
        /* and a second either side of every cached change */
        for (size_t i = 0; i < zone->n; i++)
            for (int d = -1; d <= 0; d++) {
                gint64 t = (gint64)zone->change[i] + d;
                differ += fr_clock_offset(zone, (double)t) != glib_offset_at(tz, t);
                checked++;
            }
        if (differ)
            fail_msg("%s: %zu of %zu offsets differ from GDateTime's", zones[z], differ, checked);
        fr_zone_free(zone);
        g_time_zone_unref(tz);
    }
}

/* The instant g_date_time_new() gives for a wall-clock second. */
static double glib_instant(GTimeZone *tz, gint64 wall)
{
    GDateTime *parts = g_date_time_new_from_unix_utc(wall);
    GDateTime *local = g_date_time_new(tz, g_date_time_get_year(parts),
                                       g_date_time_get_month(parts),
                                       g_date_time_get_day_of_month(parts),
                                       g_date_time_get_hour(parts), g_date_time_get_minute(parts),
                                       g_date_time_get_second(parts));
    double instant = (double)g_date_time_to_unix(local);
    g_date_time_unref(parts);
    g_date_time_unref(local);
    return instant;
}

static void test_instants_match_g_date_time_new(void **state)
{
    (void)state;
    GRand *rand = g_rand_new_with_seed(20191027);
    for (size_t z = 0; z < G_N_ELEMENTS(zones); z++) {
        GTimeZone *tz = g_time_zone_new_identifier(zones[z]);
        fr_zone *zone = fr_zone_new(tz);
        size_t differ = 0;
        /* around each change between 1990 and 2040: every 10 minutes for 3 hours */
        for (size_t i = 0; i < zone->n; i++) {
            if (zone->change[i] < 631152000 || zone->change[i] > 2208988800)
                continue;
            double wall = zone->change[i] + zone->offset[i];
            for (double w = wall - 5400; w <= wall + 5400; w += 600)
                differ += fr_clock_instant(zone, w) != glib_instant(tz, (gint64)w);
        }
        for (int k = 0; k < 20000; k++) { /* whole minutes, 1970-2080 */
            gint64 w = (gint64)g_rand_double_range(rand, 0, 3.5e9) / 60 * 60;
            differ += fr_clock_instant(zone, (double)w) != glib_instant(tz, w);
        }
        if (differ)
            fail_msg("%s: %zu wall-clock times read otherwise than g_date_time_new()", zones[z],
                     differ);
        fr_zone_free(zone);
        g_time_zone_unref(tz);
    }
    g_rand_free(rand);
}

static void test_days_and_weeks(void **state)
{
    (void)state;
    GDateTime *monday = g_date_time_new_from_unix_utc((gint64)FR_WALL_MONDAY);
    assert_int_equal(g_date_time_get_day_of_week(monday), 1);
    assert_int_equal(g_date_time_get_hour(monday), 0);
    g_date_time_unref(monday);
    int32_t day;
    assert_true(fr_clock_parse_date("2019-07-01", &day));
    GDateTime *d = fr_clock_day_datetime(day);
    assert_int_equal(g_date_time_get_year(d), 2019);
    assert_int_equal(g_date_time_get_month(d), 7);
    assert_int_equal(g_date_time_get_day_of_month(d), 1);
    g_date_time_unref(d);
    assert_true(fr_clock_parse_date("2020-02-29", &day));
    assert_false(fr_clock_parse_date("2019-02-29", &day));
    assert_false(fr_clock_parse_date("2019-7-1", &day));
    double instant;
    assert_true(fr_clock_parse_instant("2019-07-01T08:00+08:00", &instant));
    assert_true(instant == 1561939200.0);
    assert_true(fr_clock_parse_instant("2019-07-01T00:00:30Z", &instant));
    assert_true(instant == 1561939230.0);
    assert_false(fr_clock_parse_instant("2019-07-01T08:00", &instant)); /* no offset */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offsets_match_glib),
        cmocka_unit_test(test_instants_match_g_date_time_new),
        cmocka_unit_test(test_days_and_weeks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
