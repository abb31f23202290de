/* model.c - the data model's lifetime and copies, id and corridor lookup,
 * and load warnings. Reading the files is load.c's job. */
#include "model.h"

#include <stdarg.h>
#include <string.h>

struct fr_rev_ids {
    GMutex lock;
    GHashTable *made; /* link index -> "<id>:rev" */
};

void fr_model_init(fr_model *model)
{
    *model = (fr_model){0};
    model->strings = g_string_chunk_new(64 * 1024); /* ids and names of large networks */
    model->nodes = g_array_new(FALSE, TRUE, sizeof(fr_node));
    model->links = g_array_new(FALSE, TRUE, sizeof(fr_link));
    model->transfers = g_array_new(FALSE, TRUE, sizeof(fr_transfer));
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
    model->rev_ids = g_new0(struct fr_rev_ids, 1);
    g_mutex_init(&model->rev_ids->lock);
    model->rev_ids->made = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
}

void fr_model_clear(fr_model *model)
{
    if (!model->strings)
        return; /* never initialised, or cleared already */
    fr_id_table_clear(&model->node_index);
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
    g_hash_table_destroy(model->rev_ids->made);
    g_mutex_clear(&model->rev_ids->lock);
    g_free(model->rev_ids);
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
    return fr_id_table_find(&model->node_index, model->nodes, id);
}

int32_t fr_model_corridor_lookup(const fr_model *model, const char *corridor)
{
    for (guint i = 0; corridor && i < model->corridors->len; i++)
        if (g_str_equal(g_ptr_array_index(model->corridors, i), corridor))
            return (int32_t)i;
    return -1;
}

/* ---- copies ---------------------------------------------------------------- */

/* A string of the copy's chunk equal to text (shared: equal texts, one copy). */
static const char *same_text(fr_model *to, const char *text)
{
    return text ? g_string_chunk_insert_const(to->strings, text) : NULL;
}

static void copy_nodes(fr_model *to, const fr_model *from)
{
    g_array_append_vals(to->nodes, from->nodes->data, from->nodes->len);
    for (guint i = 0; i < to->nodes->len; i++) {
        fr_node *n = FR_NODE(to, i);
        n->id = same_text(to, n->id);
        n->name = same_text(to, n->name);
        n->country = same_text(to, n->country);
        n->source = same_text(to, n->source);
    }
    fr_id_table_build(&to->node_index, to->nodes);
    g_ptr_array_set_size(to->zones, 0);
    for (guint z = 0; z < from->zones->len; z++) {
        const fr_zone *zone = g_ptr_array_index(from->zones, z);
        g_ptr_array_add(to->zones, fr_zone_new(zone->tz));
    }
}

const char *fr_link_rev_id_in(const fr_link *l, char buf[FR_REV_ID_SIZE])
{
    g_snprintf(buf, FR_REV_ID_SIZE, "%s:rev", l->id);
    return buf;
}

bool fr_rev_id_base(const char *id, char base[FR_REV_ID_SIZE])
{
    size_t len = strlen(id);
    if (len <= 4 || len - 4 > 64 || strcmp(id + len - 4, ":rev") != 0)
        return false;
    memcpy(base, id, len - 4);
    base[len - 4] = '\0';
    return true;
}

const char *fr_model_rev_id(const fr_model *model, uint32_t link)
{
    struct fr_rev_ids *r = model->rev_ids;
    g_mutex_lock(&r->lock);
    char *id = g_hash_table_lookup(r->made, GUINT_TO_POINTER(link));
    if (!id) {
        id = g_strconcat(FR_LINK(model, link)->id, ":rev", NULL);
        g_hash_table_insert(r->made, GUINT_TO_POINTER(link), id);
    }
    g_mutex_unlock(&r->lock);
    return id;
}

static void copy_links(fr_model *to, const fr_model *from)
{
    g_array_append_vals(to->links, from->links->data, from->links->len);
    for (guint i = 0; i < to->links->len; i++) {
        fr_link *l = FR_LINK(to, i);
        l->id = same_text(to, l->id);
        l->source = same_text(to, l->source);
    }
    for (guint c = 0; c < from->corridors->len; c++)
        g_ptr_array_add(to->corridors, (gpointer)same_text(to, g_ptr_array_index(from->corridors, c)));
    g_array_append_vals(to->waypoints, from->waypoints->data, from->waypoints->len);
}

static void copy_rest(fr_model *to, const fr_model *from)
{
    g_array_append_vals(to->transfers, from->transfers->data, from->transfers->len);
    for (guint i = 0; i < to->transfers->len; i++)
        FR_TRANSFER(to, i)->source = same_text(to, FR_TRANSFER(to, i)->source);
    g_array_append_vals(to->services, from->services->data, from->services->len);
    for (guint i = 0; i < to->services->len; i++) {
        FR_SERVICE(to, i)->id = same_text(to, FR_SERVICE(to, i)->id);
        FR_SERVICE(to, i)->source = same_text(to, FR_SERVICE(to, i)->source);
    }
    g_array_append_vals(to->departures, from->departures->data, from->departures->len);
    g_array_append_vals(to->closures, from->closures->data, from->closures->len);
    for (guint i = 0; i < to->closures->len; i++) {
        FR_CLOSURE(to, i)->reason = same_text(to, FR_CLOSURE(to, i)->reason);
        FR_CLOSURE(to, i)->source = same_text(to, FR_CLOSURE(to, i)->source);
    }
    for (guint w = 0; w + 1 < from->warnings->len; w++) /* the last is the terminator */
        fr_model_add_warning(to, "%s", (const char *)g_ptr_array_index(from->warnings, w));
    memcpy(to->co2_factor, from->co2_factor, sizeof to->co2_factor);
    to->reference_day = from->reference_day;
    to->name = same_text(to, from->name);
    to->has_validity = from->has_validity;
}

void fr_model_copy(fr_model *to, const fr_model *from)
{
    fr_model_init(to);
    copy_nodes(to, from);
    copy_links(to, from);
    copy_rest(to, from);
}
