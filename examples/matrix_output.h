/* matrix_output.h - how fr-matrix writes its matrix: text (a line per
 * pair with its totals, or why there is none), CSV and JSON (the library's
 * renderings), GeoJSON (every kept route, with "origin" and "destination"
 * properties). */
#ifndef FR_MATRIX_OUTPUT_H
#define FR_MATRIX_OUTPUT_H

#include "cli_options.h"

/* Whether some pair of different nodes has a route (or every pair is one
 * node with itself): else fr-matrix exits 3. */
bool matrix_has_route(const fr_matrix *m);
/* Writes the matrix in `format` to `file` (standard output when NULL);
 * returns the exit code. */
int matrix_write(const char *prog, const char *file, const fr_matrix *m, cli_format format);

#endif
