/* builder.c - networks built in memory (fr_network_builder): rows added per
 * file, as column/value pairs or from the typed infos, kept by the model
 * layer's row store (model/builder_source.h) and built by the same loader
 * as a directory, whose messages then name rows ("links.csv row 3"). */
#include "builder_source.h"
#include "export.h"
#include "network.h"

#include <math.h>

struct fr_network_builder {
    fr_row_store *rows;
};

fr_network_builder *fr_network_builder_new(void)
{
    fr_network_builder *builder = g_new0(fr_network_builder, 1);
    builder->rows = fr_row_store_new();
    return builder;
}

void fr_network_builder_free(fr_network_builder *builder)
{
    if (!builder)
        return;
    fr_row_store_free(builder->rows);
    g_free(builder);
}

/* False with an FR_ERROR_QUERY when `what` (named `name`) is NULL. */
static bool present(const void *what, const char *call, const char *name, GError **error)
{
    if (what)
        return true;
    g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "%s: %s is NULL", call, name);
    return false;
}

bool fr_network_builder_add_row(fr_network_builder *builder, const char *file,
                                const char *const *columns, const char *const *values,
                                size_t n, GError **error)
{
    static const char call[] = "fr_network_builder_add_row";
    if (error && *error)
        return false;
    if (!present(builder, call, "builder", error) || !present(file, call, "file", error) ||
        (n > 0 && (!present(columns, call, "columns", error) ||
                   !present(values, call, "values", error))))
        return false;
    return fr_row_store_add(builder->rows, file, columns, values, n, error);
}

bool fr_network_builder_add_node(fr_network_builder *builder, const fr_node_info *node,
                                 GError **error)
{
    static const char *const columns[] = {"id",  "name",    "kind",      "country",
                                          "lat", "lon",     "dwell_h",   "dwell_usd", "source"};
    if (error && *error)
        return false;
    if (!present(builder, "fr_network_builder_add_node", "builder", error) ||
        !present(node, "fr_network_builder_add_node", "node", error))
        return false;
    char lat[FR_NUMBER_TEXT_SIZE], lon[FR_NUMBER_TEXT_SIZE], dwell_h[FR_NUMBER_TEXT_SIZE],
        dwell_usd[FR_NUMBER_TEXT_SIZE];
    const char *values[] = {node->id,
                            node->name,
                            fr_node_kind_name(node->kind),
                            node->country,
                            fr_export_number(node->lat, lat),
                            fr_export_number(node->lon, lon),
                            fr_export_number(node->dwell_h, dwell_h),
                            fr_export_number(node->dwell_usd, dwell_usd),
                            node->source};
    return fr_row_store_add(builder->rows, "nodes.csv", columns, values, G_N_ELEMENTS(columns),
                            error);
}

bool fr_network_builder_add_link(fr_network_builder *builder, const fr_link_info *link,
                                 GError **error)
{
    static const char *const columns[] = {"id",       "from",     "to",       "mode",
                                          "distance_km", "time_h", "cost_usd", "co2_kg",
                                          "bidirectional", "corridor", "source"};
    if (error && *error)
        return false;
    if (!present(builder, "fr_network_builder_add_link", "builder", error) ||
        !present(link, "fr_network_builder_add_link", "link", error))
        return false;
    char distance[FR_NUMBER_TEXT_SIZE], time[FR_NUMBER_TEXT_SIZE], cost[FR_NUMBER_TEXT_SIZE],
        co2[FR_NUMBER_TEXT_SIZE];
    const char *values[] = {link->id,
                            link->from,
                            link->to,
                            fr_mode_name(link->mode),
                            fr_export_number(link->distance_km, distance),
                            fr_export_number(link->time_h, time),
                            fr_export_number(link->cost_usd, cost),
                            isnan(link->co2_kg) ? "" : fr_export_number(link->co2_kg, co2),
                            link->bidirectional ? "1" : "0",
                            link->corridor,
                            link->source};
    return fr_row_store_add(builder->rows, "links.csv", columns, values, G_N_ELEMENTS(columns),
                            error);
}

bool fr_network_builder_add_transfer(fr_network_builder *builder,
                                     const fr_transfer_info *transfer, GError **error)
{
    static const char *const columns[] = {"node",     "from_mode", "to_mode", "time_h",
                                          "cost_usd", "co2_kg",    "source"};
    if (error && *error)
        return false;
    if (!present(builder, "fr_network_builder_add_transfer", "builder", error) ||
        !present(transfer, "fr_network_builder_add_transfer", "transfer", error))
        return false;
    char time[FR_NUMBER_TEXT_SIZE], cost[FR_NUMBER_TEXT_SIZE], co2[FR_NUMBER_TEXT_SIZE];
    const char *values[] = {transfer->node,
                            fr_mode_name(transfer->from_mode),
                            fr_mode_name(transfer->to_mode),
                            fr_export_number(transfer->time_h, time),
                            fr_export_number(transfer->cost_usd, cost),
                            fr_export_number(transfer->co2_kg, co2),
                            transfer->source};
    return fr_row_store_add(builder->rows, "transfers.csv", columns, values,
                            G_N_ELEMENTS(columns), error);
}

fr_network *fr_network_builder_build(fr_network_builder *builder, GError **error)
{
    if (error && *error)
        return NULL;
    if (!present(builder, "fr_network_builder_build", "builder", error))
        return NULL;
    fr_file_source source = fr_row_store_source(builder->rows);
    return fr_network_load_source(&source, error);
}
