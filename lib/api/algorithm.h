/* algorithm.h - choosing the algorithm for an unbounded query (what
 * FR_ALGORITHM_AUTO picks, and why an explicit one cannot answer) and
 * running it on the network's prepared data. */
#ifndef FR_ALGORITHM_H
#define FR_ALGORITHM_H

#include "engine.h"
#include "network.h"

/* spec->algorithm when it can answer the unbounded spec (else
 * FR_ALGORITHM_AUTO with an FR_ERROR_QUERY saying why), or for
 * FR_ALGORITHM_AUTO the fastest one prepared. */
fr_algorithm fr_choose_algorithm(const fr_network *net, const fr_search_spec *spec,
                                 GError **error);

/* The best route of an unbounded spec by `algorithm` (chosen as above), as
 * fr_engine_dijkstra() answers. key may be NULL (contraction hierarchies
 * then skip summing its time, cost and edges). */
bool fr_engine_route(fr_workspace *ws, const fr_network *net, const fr_search_spec *spec,
                     fr_algorithm algorithm, fr_key *key, GArray *path);

/* The same for spec->algorithm on the calling thread's workspace: true with
 * *path (NULL when no route exists), or false with an FR_ERROR_QUERY when
 * the algorithm cannot answer. */
bool fr_search_path(const fr_network *net, const fr_search_spec *spec, GArray **path,
                    GError **error);

#endif /* FR_ALGORITHM_H */
