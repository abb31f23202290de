/* matrix.c - an origin-destination matrix's accessors and release (api/matrix.c
 * computes it, matrix_render.c writes it out). The matrix holds a reference
 * to its network; accessors given NULL or a cell out of range answer a
 * neutral value (freightroute.h, "Misuse"). */
#include "matrix.h"

void fr_matrix_free(fr_matrix *m)
{
    if (!m)
        return;
    for (size_t c = 0; m->routes && c < m->n_origins * m->n_destinations; c++)
        fr_route_free(m->routes[c]);
    g_free(m->routes);
    g_free(m->cells);
    g_free(m->origins);
    g_free(m->destinations);
    fr_lifetime_release(m->lifetime); /* may free the network: last */
    g_free(m);
}

size_t fr_matrix_origin_count(const fr_matrix *m) { return m ? m->n_origins : 0; }
size_t fr_matrix_destination_count(const fr_matrix *m) { return m ? m->n_destinations : 0; }

const char *fr_matrix_origin(const fr_matrix *m, size_t i)
{
    return m && i < m->n_origins ? m->origins[i] : NULL;
}

const char *fr_matrix_destination(const fr_matrix *m, size_t j)
{
    return m && j < m->n_destinations ? m->destinations[j] : NULL;
}

fr_cell_status fr_matrix_status(const fr_matrix *m, size_t i, size_t j)
{
    const fr_cell *c = fr_matrix_cell(m, i, j);
    return c ? c->status : FR_CELL_NO_ROUTE;
}

#define CELL_FIGURE(name, field)                                                           \
    double name(const fr_matrix *m, size_t i, size_t j)                                    \
    {                                                                                      \
        const fr_cell *c = fr_matrix_cell(m, i, j);                                               \
        return c ? c->field : NAN;                                                         \
    }
CELL_FIGURE(fr_matrix_cost_usd, cost)
CELL_FIGURE(fr_matrix_time_h, time)
CELL_FIGURE(fr_matrix_co2_kg, co2)
CELL_FIGURE(fr_matrix_distance_km, distance)
CELL_FIGURE(fr_matrix_objective_value, objective)

size_t fr_matrix_transfer_count(const fr_matrix *m, size_t i, size_t j)
{
    const fr_cell *c = fr_matrix_cell(m, i, j);
    return c ? c->transfers : 0;
}

const fr_route *fr_matrix_route(const fr_matrix *m, size_t i, size_t j)
{
    const fr_cell *c = fr_matrix_cell(m, i, j);
    return c && m->routes ? m->routes[i * m->n_destinations + j] : NULL;
}
