/* names.h - internal name lookups beside the public ones of
 * freightroute.h (names.c is the one home of every enum name). */
#ifndef FR_NAMES_H
#define FR_NAMES_H

#include "freightroute.h"

/* The kind named as FORMAT.md §1 spells it ("rail_terminal"); false when
 * none is. */
bool fr_node_kind_from_name(const char *name, fr_node_kind *out);

#endif /* FR_NAMES_H */
