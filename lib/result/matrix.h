/* matrix.h - internal: an origin-destination matrix as lib/matrix.c
 * computes it and lib/matrix_render.c writes it out. */
#ifndef FR_MATRIX_H
#define FR_MATRIX_H

#include "route.h"

typedef struct {
    double cost, time, co2, distance, objective; /* for the whole quantity */
    uint32_t transfers;
    fr_cell_status status;
} fr_cell;

struct fr_matrix {
    const fr_network *net;
    fr_lifetime *lifetime; /* the network's: the matrix holds a reference (its ids are the
                              network's strings) */
    fr_objective objective;
    double quantity;
    size_t n_origins, n_destinations;
    const char **origins, **destinations; /* ids owned by the network */
    fr_cell *cells;                       /* row-major: origin i, destination j */
    fr_route **routes;                    /* per cell; NULL unless routes are kept */
};

/* Cell (i, j), or NULL when out of range. */
static inline const fr_cell *fr_matrix_cell(const fr_matrix *m, size_t i, size_t j)
{
    return m && i < m->n_origins && j < m->n_destinations ? &m->cells[i * m->n_destinations + j]
                                                          : NULL;
}

#endif /* FR_MATRIX_H */
