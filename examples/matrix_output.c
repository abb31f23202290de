/* matrix_output.c - fr-matrix's output (see matrix_output.h). */
#include "matrix_output.h"

#include "cli_common.h"

bool matrix_has_route(const fr_matrix *m)
{
    bool only_same = true;
    for (size_t i = 0; i < fr_matrix_origin_count(m); i++)
        for (size_t j = 0; j < fr_matrix_destination_count(m); j++) {
            fr_cell_status status = fr_matrix_status(m, i, j);
            if (status == FR_CELL_ROUTE)
                return true;
            only_same = only_same && status == FR_CELL_SAME_NODE;
        }
    return only_same;
}

/* Text: one line per pair with its totals, or why there is none. */
static void print_matrix_text(FILE *out, const fr_matrix *m)
{
    fprintf(out, "%-12s %-12s %12s %10s %12s %10s %9s\n", "origin", "destination", "USD",
            "hours", "kg CO2e", "km", "transfers");
    for (size_t i = 0; i < fr_matrix_origin_count(m); i++)
        for (size_t j = 0; j < fr_matrix_destination_count(m); j++) {
            fr_cell_status status = fr_matrix_status(m, i, j);
            fprintf(out, "%-12s %-12s ", fr_matrix_origin(m, i), fr_matrix_destination(m, j));
            if (status == FR_CELL_ROUTE)
                fprintf(out, "%12.0f %10.1f %12.1f %10.0f %9zu\n", fr_matrix_cost_usd(m, i, j),
                        fr_matrix_time_h(m, i, j), fr_matrix_co2_kg(m, i, j),
                        fr_matrix_distance_km(m, i, j), fr_matrix_transfer_count(m, i, j));
            else
                fprintf(out, "%s\n", status == FR_CELL_SAME_NODE ? "same node" : "no route");
        }
}

/* GeoJSON: every pair's route, with "origin" and "destination" properties. */
static void print_matrix_geojson(FILE *out, const fr_matrix *m)
{
    GPtrArray *routes = g_ptr_array_new(), *extra = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < fr_matrix_origin_count(m); i++)
        for (size_t j = 0; j < fr_matrix_destination_count(m); j++) {
            const fr_route *route = fr_matrix_route(m, i, j);
            if (!route)
                continue;
            char *from = cli_json_quote(fr_matrix_origin(m, i));
            char *to = cli_json_quote(fr_matrix_destination(m, j));
            g_ptr_array_add(routes, (gpointer)route);
            g_ptr_array_add(extra, g_strdup_printf("\"origin\": %s, \"destination\": %s", from, to));
            g_free(from), g_free(to);
        }
    cli_geojson_routes(out, (const fr_route *const *)routes->pdata, (char *const *)extra->pdata,
                       routes->len);
    g_ptr_array_free(routes, TRUE);
    g_ptr_array_free(extra, TRUE);
}

/* Writes the matrix to --output (or standard output); an exit code. */
int matrix_write(const char *prog, const char *file, const fr_matrix *m, cli_format format)
{
    int code = EXIT_OK;
    FILE *out = cli_output_open(prog, file, &code);
    if (!out)
        return code;
    if (format == CLI_TEXT) {
        print_matrix_text(out, m);
    } else if (format == CLI_GEOJSON) {
        print_matrix_geojson(out, m);
    } else {
        char *text = format == CLI_JSON ? fr_matrix_to_json(m) : fr_matrix_to_csv(m);
        fputs(text, out);
        g_free(text);
    }
    return cli_output_close(prog, file, out);
}
