/* network_read.c - read access to what a network holds beyond its nodes and
 * links: its transfer rows, its emission factors, and the sorted distinct
 * corridor labels and countries (made once with the graphs, so every way of
 * making a network - files, embedded data, scenarios, builder - has them). */
#include "network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* `texts` sorted, repeats and empty strings dropped, NULL added; returns
 * its data (g_free) and frees the array. */
static const char **sorted_distinct(GPtrArray *texts)
{
    g_ptr_array_sort(texts, by_text);
    guint kept = 0;
    for (guint i = 0; i < texts->len; i++) {
        const char *text = g_ptr_array_index(texts, i);
        if (text[0] && (kept == 0 || strcmp(text, g_ptr_array_index(texts, kept - 1)) != 0))
            g_ptr_array_index(texts, kept++) = (gpointer)text;
    }
    g_ptr_array_set_size(texts, kept);
    g_ptr_array_add(texts, NULL);
    return (const char **)g_ptr_array_free(texts, FALSE);
}

/* Collects the distinct strings (by address) passed to distinct_add(), so
 * that a label repeated on a million rows is sorted once: the loader shares
 * repeated strings, and sorted_distinct() still merges equal texts at
 * different addresses. */
typedef struct {
    GHashTable *seen;
    GPtrArray *texts;
    const char *last; /* rows repeat their neighbour's label: skip the lookup */
} distinct_set;

static void distinct_add(distinct_set *set, const char *text)
{
    if (!text || text == set->last)
        return;
    set->last = text;
    if (g_hash_table_add(set->seen, (gpointer)text))
        g_ptr_array_add(set->texts, (gpointer)text);
}

static distinct_set distinct_new(void)
{
    return (distinct_set){g_hash_table_new(g_direct_hash, g_direct_equal), g_ptr_array_new(), NULL};
}

/* The set's texts as sorted_distinct() gives them; frees the set. */
static const char **distinct_finish(distinct_set *set)
{
    g_hash_table_destroy(set->seen);
    return sorted_distinct(set->texts);
}

void fr_network_build_lists(fr_network *net)
{
    const fr_model *model = &net->model;
    distinct_set corridors = distinct_new(), countries = distinct_new();
    for (guint i = 0; i < model->links->len; i++)
        distinct_add(&corridors, fr_link_corridor(model, FR_LINK(model, i)));
    for (guint i = 0; i < model->nodes->len; i++)
        distinct_add(&countries, FR_NODE(model, i)->country);
    g_free(net->corridor_list);
    g_free(net->country_list);
    net->corridor_list = distinct_finish(&corridors);
    net->country_list = distinct_finish(&countries);
}

size_t fr_network_transfer_count(const fr_network *net)
{
    return net ? net->model.transfers->len : 0;
}

bool fr_network_transfer(const fr_network *net, size_t index, fr_transfer_info *out)
{
    if (!net || !out || index >= net->model.transfers->len)
        return false;
    const fr_transfer *t = FR_TRANSFER(&net->model, index);
    *out = (fr_transfer_info){.node = FR_NODE(&net->model, t->node)->id,
                              .from_mode = t->from_mode,
                              .to_mode = t->to_mode,
                              .time_h = t->time_h,
                              .cost_usd = t->cost_usd,
                              .co2_kg = t->co2_kg,
                              .source = t->source ? t->source : ""};
    return true;
}

double fr_network_co2_factor(const fr_network *net, fr_mode mode)
{
    if (!net || (unsigned)mode >= FR_MODE_COUNT)
        return NAN;
    return net->model.co2_factor[mode];
}

const char *const *fr_network_corridors(const fr_network *net)
{
    return net ? (const char *const *)net->corridor_list : NULL;
}

const char *const *fr_network_countries(const fr_network *net)
{
    return net ? (const char *const *)net->country_list : NULL;
}
