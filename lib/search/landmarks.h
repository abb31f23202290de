/* landmarks.h - internal: landmark distances for goal-directed (ALT)
 * search, prepared per objective by fr_network_prepare(), and the A* query
 * that uses them as the engine's potential. */
#ifndef FR_LANDMARKS_H
#define FR_LANDMARKS_H

#include "cancel.h"
#include "engine.h"

typedef struct fr_landmarks fr_landmarks;

/* Up to k landmarks far apart, with every state's objective distance from
 * and to each, on the graph without restrictions. */
fr_landmarks *fr_landmarks_build(const fr_vgraph *g, fr_objective objective, uint32_t k);
/* fr_landmarks_build() that looks at `cancel` (NULL: never cancelled)
 * between landmarks and reports the share measured to it; NULL, having
 * freed what it built, when the call is cancelled. */
fr_landmarks *fr_landmarks_build_cancellable(const fr_vgraph *g, fr_objective objective,
                                             uint32_t k, fr_cancel *cancel);
void fr_landmarks_free(fr_landmarks *lm);
size_t fr_landmarks_bytes(const fr_landmarks *lm);

/* The best route of spec (unbounded) by A* with landmark bounds; lm must be
 * prepared for spec->objective. As fr_engine_dijkstra(). */
bool fr_engine_landmarks(fr_workspace *ws, const fr_vgraph *g, const fr_search_spec *spec,
                         const fr_landmarks *lm, fr_key *key, GArray *path);

#endif /* FR_LANDMARKS_H */
