/* physical.h - the physical network: one vertex per node and one undirected
 * edge per link (any mode, any validity dates; modes, directions and
 * transfers ignored), built in igraph on demand for what only that view
 * answers: which nodes are connected at all, which links are bridges and
 * which nodes articulation points (no path of any mode around them). */
#ifndef FR_PHYSICAL_H
#define FR_PHYSICAL_H

#include "model.h"

typedef struct {
    uint32_t *component; /* per node: its connected component's number */
    bool *bridge;        /* per link: removing it leaves its ends unconnected */
    bool *articulation;  /* per node: removing it (and its links) disconnects others */
} fr_physical_cuts;

/* Fills *cuts (clear it after, also on failure); false with an
 * FR_ERROR_INTERNAL when igraph fails. Runs inside the igraph guard. */
bool fr_physical_cuts_build(fr_physical_cuts *cuts, const fr_model *model, GError **error);
void fr_physical_cuts_clear(fr_physical_cuts *cuts);

#endif /* FR_PHYSICAL_H */
