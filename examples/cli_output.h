/* cli_output.h - where and how the programs write: --output FILE, and the
 * one vocabulary of figures (the route JSON's "total" keys: cost_usd,
 * time_h, co2_kg, distance_km, transfers, for the whole quantity, with
 * quantity_teu) for CSV rows of routes. */
#ifndef FR_CLI_OUTPUT_H
#define FR_CLI_OUTPUT_H

#include "freightroute.h"

#include <stdio.h>

/* Standard output, or --output FILE opened for writing; NULL after printing
 * the error (exit 1 in *code). */
FILE *cli_output_open(const char *prog, const char *file, int *code);
/* Closes what cli_output_open() opened; an exit code (1 when writing failed). */
int cli_output_close(const char *prog, const char *file, FILE *out);

/* The figure columns, in order, as CSV header cells joined by commas. */
#define CLI_FIGURE_COLUMNS "cost_usd,time_h,co2_kg,distance_km,transfers"
/* A route's figures as CSV cells in CLI_FIGURE_COLUMNS order (totals for
 * its whole quantity), without a trailing comma (g_free). */
char *cli_route_figures_csv(const fr_route *route);
/* The same as JSON members ("cost_usd": .., ..), without braces (g_free). */
char *cli_route_figures_json(const fr_route *route);
/* A route's link ids joined by spaces (g_free). */
char *cli_route_links(const fr_route *route);

/* fr-route's CSV: the header, and one row per route of from, to,
 * objective, quantity_teu, the figures, depart, arrive (empty when not
 * dated) and links. */
void cli_route_csv_header(FILE *out);
void cli_route_csv_row(FILE *out, const fr_route *route, fr_objective objective);

/* GeoJSON of several routes in one FeatureCollection: the features of
 * fr_route_to_geojson() of each route, each feature's properties starting
 * with the route's `extra` members (JSON members without braces, e.g.
 * "\"destination\": \"DEDUI\""). Writes to `out`. */
void cli_geojson_routes(FILE *out, const fr_route *const *routes, char *const *extra, size_t n);

#endif
