/* model.c - the data model's lifetime, id and corridor lookup, and load
 * warnings. Reading the files is load.c's job. */
#include "model.h"

#include <stdarg.h>

void fr_model_init(fr_model *model)
{
    *model = (fr_model){0};
    model->strings = g_string_chunk_new(64 * 1024); /* ids and names of large networks */
    model->nodes = g_array_new(FALSE, TRUE, sizeof(fr_node));
    model->links = g_array_new(FALSE, TRUE, sizeof(fr_link));
    model->transfers = g_array_new(FALSE, TRUE, sizeof(fr_transfer));
    model->node_index = g_hash_table_new(g_str_hash, g_str_equal);
    model->corridors = g_ptr_array_new();
    model->warnings = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(model->warnings, NULL);
    for (int m = 0; m < FR_MODE_COUNT; m++)
        model->co2_factor[m] = fr_mode_default_co2_factor((fr_mode)m);
    model->zones = g_ptr_array_new_with_free_func((GDestroyNotify)fr_zone_free);
    GTimeZone *utc = g_time_zone_new_utc();
    g_ptr_array_add(model->zones, fr_zone_new(utc));
    g_time_zone_unref(utc);
    model->services = g_array_new(FALSE, TRUE, sizeof(fr_service));
    model->departures = g_array_new(FALSE, FALSE, sizeof(guint16));
    model->closures = g_array_new(FALSE, TRUE, sizeof(fr_closure));
    model->waypoints = g_array_new(FALSE, FALSE, sizeof(fr_waypoint));
    model->reference_day = FR_DAY_MIN;
}

void fr_model_clear(fr_model *model)
{
    if (!model->strings)
        return; /* never initialised, or cleared already */
    g_hash_table_destroy(model->node_index);
    g_ptr_array_free(model->zones, TRUE);
    g_array_free(model->services, TRUE);
    g_array_free(model->departures, TRUE);
    g_array_free(model->closures, TRUE);
    g_array_free(model->waypoints, TRUE);
    g_ptr_array_free(model->corridors, TRUE);
    g_ptr_array_free(model->warnings, TRUE);
    g_array_free(model->transfers, TRUE);
    g_array_free(model->links, TRUE);
    g_array_free(model->nodes, TRUE);
    g_string_chunk_free(model->strings);
    *model = (fr_model){0};
}

void fr_model_add_warning(fr_model *model, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = g_strdup_vprintf(format, args);
    va_end(args);
    /* Keep the array NULL-terminated: replace the terminator, add a new one. */
    g_ptr_array_index(model->warnings, model->warnings->len - 1) = text;
    g_ptr_array_add(model->warnings, NULL);
}

long fr_model_node_lookup(const fr_model *model, const char *id)
{
    gpointer value = id ? g_hash_table_lookup(model->node_index, id) : NULL;
    return value ? (long)GPOINTER_TO_UINT(value) - 1 : -1;
}

int32_t fr_model_corridor_lookup(const fr_model *model, const char *corridor)
{
    for (guint i = 0; corridor && i < model->corridors->len; i++)
        if (g_str_equal(g_ptr_array_index(model->corridors, i), corridor))
            return (int32_t)i;
    return -1;
}
