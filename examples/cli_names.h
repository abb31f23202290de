/* cli_names.h - turning what a user typed into the ids a query takes: a
 * node id or name (fr_network_lookup_node(), whose message says "did you
 * mean"), a corridor label (fr_network_lookup_corridor()), and node lists
 * given as comma-separated items or @FILE (one item per line, # comments). */
#ifndef FR_CLI_NAMES_H
#define FR_CLI_NAMES_H

#include "freightroute.h"

/* The id of the node `text` names (an id, or an id or name ignoring case
 * and accents), g_free; NULL with the lookup's FR_ERROR_QUERY, prefixed by
 * `option`. */
char *cli_resolve_node(const fr_network *net, const char *option, const char *text,
                       GError **error);
/* The corridor label `text` names (owned by the network); NULL with the
 * lookup's FR_ERROR_QUERY, prefixed by `option`. */
const char *cli_resolve_corridor(const fr_network *net, const char *option, const char *text,
                                 GError **error);

/* The items of a node-list option's values: comma-separated items, and
 * @FILE for the lines of FILE (blank lines and #-comments skipped). An
 * unreadable FILE is an FR_ERROR_IO naming the option and the file. */
GPtrArray *cli_read_list(const char *option, char *const *values, GError **error);
/* Each item of `items` replaced by the id of the node it names. */
bool cli_resolve_nodes(const fr_network *net, const char *option, GPtrArray *items,
                       GError **error);

#endif
