/* lookup.h - the "did you mean" hints that the api layer's messages about
 * unknown node ids add (lookup.c; the search layer's own messages add the
 * same through util/fold.h). */
#ifndef FR_LOOKUP_H
#define FR_LOOKUP_H

#include "network.h"

/* Appends "; did you mean 'CNCKG' (Chongqing)?" naming up to three nodes
 * close to `text`; nothing when none is close. */
void fr_lookup_append_node_hint(GString *msg, const fr_network *net, const char *text);

#endif /* FR_LOOKUP_H */
