/* igraph_guard.h - every call into igraph runs between fr_igraph_enter()
 * and fr_igraph_leave(): one at a time, its errors returned as codes and
 * never aborting the host process. */
#ifndef FR_IGRAPH_GUARD_H
#define FR_IGRAPH_GUARD_H

#include <igraph.h>

void fr_igraph_enter(void);
void fr_igraph_leave(void);

#endif /* FR_IGRAPH_GUARD_H */
