/* corridors_bench.c - the analysts' corridor benchmark: the corridor
 * comparison of fr-corridors for every ordered pair of the network's cities
 * and every objective, written as CSV, then a corridor-level summary: how
 * often each corridor family is cheapest, fastest and greenest, and what it
 * costs per day saved against the cheapest option.
 *
 *   bench-corridors [--network DIR] [--csv FILE] [--value-of-time USD] [--small] */
#include "corridors.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    int cheapest, fastest, greenest;
    GArray *usd_per_day_saved; /* double */
} family_stats;

static family_stats *stats_for(GHashTable *stats, const char *family)
{
    family_stats *s = g_hash_table_lookup(stats, family);
    if (!s) {
        s = g_new0(family_stats, 1);
        s->usd_per_day_saved = g_array_new(FALSE, FALSE, sizeof(double));
        g_hash_table_insert(stats, g_strdup(family), s);
    }
    return s;
}

static void stats_free(gpointer data)
{
    family_stats *s = data;
    g_array_free(s->usd_per_day_saved, TRUE);
    g_free(s);
}

static double usd(const corridor_option *o)
{
    return fr_route_total_cost_usd(o->route) / fr_route_quantity(o->route);
}
static double days(const corridor_option *o) { return fr_route_total_time_h(o->route) / 24; }

static void write_rows(FILE *csv, const corridor_comparison *c, const char *objective)
{
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        fprintf(csv, "%s,%s,%s,\"%s\",\"%s\",%.3f,%.2f,%.2f,%zu,%d,%d,%d\n", c->from, c->to,
                objective, o->family, o->name, days(o), usd(o),
                fr_route_total_co2_kg(o->route) / fr_route_quantity(o->route),
                fr_route_transfer_count(o->route), (int)i == c->cheapest, (int)i == c->fastest,
                (int)i == c->greenest);
    }
}

/* Counts winners and, for every family faster than the cheapest option,
 * the USD per TEU it costs for each day it saves. */
static void tally(GHashTable *stats, const corridor_comparison *c)
{
    if (c->options->len == 0)
        return;
    const corridor_option *cheapest = g_ptr_array_index(c->options, c->cheapest);
    stats_for(stats, cheapest->family)->cheapest++;
    stats_for(stats, ((corridor_option *)g_ptr_array_index(c->options, c->fastest))->family)
        ->fastest++;
    stats_for(stats, ((corridor_option *)g_ptr_array_index(c->options, c->greenest))->family)
        ->greenest++;
    for (guint i = 0; i < c->options->len; i++) {
        const corridor_option *o = g_ptr_array_index(c->options, i);
        if (days(o) < days(cheapest) - 1e-9) {
            double rate = (usd(o) - usd(cheapest)) / (days(cheapest) - days(o));
            g_array_append_val(stats_for(stats, o->family)->usd_per_day_saved, rate);
        }
    }
}

static gint by_double(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void print_summary(GHashTable *stats, int pairs)
{
    printf("\nCorridor families over %d city pairs (objective cost):\n", pairs);
    printf("  %-30s %9s %8s %9s %22s\n", "family", "cheapest", "fastest", "greenest",
           "median USD/TEU per day saved");
    GList *families = g_list_sort(g_hash_table_get_keys(stats), (GCompareFunc)strcmp);
    for (GList *f = families; f; f = f->next) {
        family_stats *s = g_hash_table_lookup(stats, f->data);
        GArray *r = s->usd_per_day_saved;
        g_array_sort(r, by_double);
        char median[32] = "-";
        if (r->len)
            g_snprintf(median, sizeof median, "%.0f (n=%u)",
                       r->len % 2 ? g_array_index(r, double, r->len / 2)
                                  : (g_array_index(r, double, r->len / 2 - 1) +
                                     g_array_index(r, double, r->len / 2)) / 2,
                       r->len);
        printf("  %-30s %9d %8d %9d %22s\n", (char *)f->data, s->cheapest, s->fastest,
               s->greenest, median);
    }
    g_list_free(families);
}

static GPtrArray *city_ids(const fr_network *net, bool small)
{
    GPtrArray *ids = g_ptr_array_new();
    fr_node_info node;
    for (size_t i = 0; fr_network_node(net, i, &node); i++)
        if (node.kind == FR_NODE_CITY && (!small || ids->len < 4))
            g_ptr_array_add(ids, (gpointer)node.id);
    return ids;
}

/* Runs every pair and objective; false on an error from the library. */
static bool run(const fr_network *net, FILE *csv, double value_of_time, bool small)
{
    GPtrArray *cities = city_ids(net, small);
    GHashTable *stats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, stats_free);
    fprintf(csv, "from,to,objective,family,route,days,usd_per_teu,kg_co2e_per_teu,transfers,"
                 "cheapest,fastest,greenest\n");
    gint64 start = g_get_monotonic_time();
    int pairs = 0, comparisons = 0;
    bool ok = true;
    for (guint a = 0; ok && a < cities->len; a++)
        for (guint b = 0; ok && b < cities->len; b++) {
            if (a == b)
                continue;
            pairs++;
            for (int obj = 0; ok && obj < FR_OBJECTIVE_COUNT; obj++) {
                fr_query *settings = fr_query_new(NULL, NULL);
                fr_query_set_objective(settings, (fr_objective)obj);
                fr_query_set_value_of_time(settings, value_of_time);
                GError *error = NULL;
                corridor_comparison *c = corridor_compare(
                    net, g_ptr_array_index(cities, a), g_ptr_array_index(cities, b), settings,
                    &error);
                fr_query_free(settings);
                if (!c) {
                    fprintf(stderr, "bench-corridors: %s\n", error->message);
                    g_error_free(error);
                    ok = false;
                    break;
                }
                write_rows(csv, c, fr_objective_name((fr_objective)obj));
                if (obj == FR_OBJECTIVE_COST)
                    tally(stats, c);
                comparisons++;
                corridor_comparison_free(c);
            }
        }
    double seconds = (g_get_monotonic_time() - start) / 1e6;
    if (ok) {
        print_summary(stats, pairs);
        printf("\n%d comparisons (%d pairs x %d objectives) in %.2f s, %.1f ms each\n",
               comparisons, pairs, FR_OBJECTIVE_COUNT, seconds,
               comparisons ? 1000 * seconds / comparisons : 0);
    }
    g_hash_table_destroy(stats);
    g_ptr_array_free(cities, TRUE);
    return ok;
}

int main(int argc, char **argv)
{
    char *network = NULL, *csv_path = NULL;
    double value_of_time = 5;
    gboolean small = FALSE;
    GOptionEntry entries[] = {
        {"network", 'n', 0, G_OPTION_ARG_FILENAME, &network, "Network directory (default: embedded)", "DIR"},
        {"csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, "Write the rows here (default corridors.csv)", "FILE"},
        {"value-of-time", 0, 0, G_OPTION_ARG_DOUBLE, &value_of_time,
         "USD per TEU-hour for the generalized objective (default 5)", "USD"},
        {"small", 0, 0, G_OPTION_ARG_NONE, &small, "Only the first four cities (for CI)", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx = g_option_context_new(NULL);
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    int code = 0;
    fr_network *net = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        fprintf(stderr, "bench-corridors: %s\n", error->message);
        code = 2;
    } else if (!(net = network ? fr_network_load_dir(network, &error)
                               : fr_network_load_default(&error))) {
        fprintf(stderr, "bench-corridors: %s\n", error->message);
        code = 1;
    } else {
        const char *path = csv_path ? csv_path : "corridors.csv";
        FILE *csv = fopen(path, "w");
        if (!csv) {
            fprintf(stderr, "bench-corridors: %s: cannot write\n", path);
            code = 1;
        } else {
            code = run(net, csv, value_of_time, small) ? 0 : 1;
            fclose(csv);
            printf("rows written to %s\n", path);
        }
    }
    g_clear_error(&error);
    fr_network_free(net);
    g_option_context_free(ctx);
    g_free(network);
    g_free(csv_path);
    return code;
}
