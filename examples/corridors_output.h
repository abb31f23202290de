/* corridors_output.h - how fr-corridors prints its comparisons: text (days,
 * USD and kg CO2e for the whole quantity, the marks and what they mean),
 * CSV and JSON (the figures named as the route JSON's totals, with
 * quantity_teu), GeoJSON (every shown route, with "destination" and
 * "family" properties), and the departure-window rows. */
#ifndef FR_CORRIDORS_OUTPUT_H
#define FR_CORRIDORS_OUTPUT_H

#include "cli_options.h"
#include "corridors.h"

#include <stdio.h>

/* Where and how the comparisons are printed. */
typedef struct {
    FILE *out;
    const fr_network *net;
    cli_format format;
    const char *by;     /* the objective picking each family's route, for people */
    double quantity;    /* TEU */
    GDateTime *depart;  /* --depart, or NULL */
    GDateTime *arrive_by; /* --arrive-by in the destination being printed, or NULL */
    bool dated;         /* --depart or --arrive-by: depart and arrive columns */
    GDateTime *first, *last; /* --depart-window, or NULL */
    double every_h;
    size_t printed;     /* destinations printed so far */
    GPtrArray *geojson_routes, *geojson_extra; /* GeoJSON: collected until the end */
} corridor_printer;

/* The best routes overall from a comparison's origin to its destination,
 * by objective time and co2 (NULL: none); the marks F and G are of the
 * rows shown, these say when a faster or greener route exists. */
typedef struct {
    fr_route *fastest, *greenest;
} corridor_overall;

/* The start (CSV header, JSON opening) and the end of the output. */
void corridor_print_begin(corridor_printer *p);
void corridor_print_end(corridor_printer *p);
/* One destination's comparison. */
void corridor_print_comparison(corridor_printer *p, const corridor_comparison *c,
                               const corridor_overall *overall);
/* One destination's departure-window rows. */
void corridor_print_profiles(corridor_printer *p, const corridor_profiles *ps);

#endif
