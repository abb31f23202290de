/* load_internal.h - what the files of the loader share: the state kept
 * between rows, how a file is described, and the helpers for strings and
 * node references. load.c reads FORMAT.md §1's files, load_dates.c §5's. */
#ifndef FR_LOAD_INTERNAL_H
#define FR_LOAD_INTERNAL_H

#include "id_index.h"
#include "table.h"

/* ---- what the loader keeps between rows --------------------------------- */

typedef struct {
    GArray *node_lines;      /* guint32 per node: the line it is on */
    bool modes_seen[FR_MODE_COUNT];
    fr_id_index node_ids;    /* node id -> node index */
    fr_id_index link_ids;    /* link id -> link index */
    GArray *link_lines;      /* guint32 per link: the line it is on */
    GHashTable *rev_like;    /* link ids ending in ":rev" -> line */
    GHashTable *corridors;   /* shared corridor string -> index + 1 */
    GHashTable *transfers;   /* "node from>to" -> first line */
    fr_mode_set *node_modes; /* per node: the modes of its links */
    long last_from, last_to; /* the previous row's nodes */
    const char *last_country, *last_node_source, *last_corridor, *last_link_source,
        *last_transfer_source;
    GHashTable *zone_index;  /* zone name -> index + 1 in the model's zones */
    GHashTable *service_ids; /* service id -> line */
} load_state;

typedef bool (*row_reader)(const fr_table *t, fr_model *model, load_state *ls, GError **error);

typedef struct {
    const char *file;
    const char *const *columns; /* the required ones first */
    int n_required;
    bool optional;
    row_reader read_row;
} file_spec;

/* A node id being looked up: begun (its slot fetched), then ended. */
typedef struct {
    const char *id;
    long index; /* -1: "" or unknown */
    uint32_t hash;
    bool pending; /* the index is still to be looked up */
} node_lookup;

/* load_refs.c. Begins looking up `id`; `last`, the previous answer for the
 * column, is tried first. */
node_lookup fr_load_node_begin(const fr_model *model, const fr_id_index *nodes, const char *id,
                               long last);
/* The node's index, or -1; a found one becomes *last. */
long fr_load_node_end(const fr_id_index *nodes, node_lookup *l, long *last);
/* Reports a node reference in column `col` that could not be resolved
 * (index -1): a missing cell or an unknown node. */
bool fr_load_node_found(const fr_table *t, int col, long index, uint32_t *out, GError **error);

/* The link whose id is `id` (hash: fr_hash_id(id)), or whose reverse
 * "<X>:rev" it is (*reverse set); -1 when none, with *one_way set when X is
 * a link that is not bidirectional. */
long fr_load_find_link(const load_state *ls, const fr_model *model, const char *id,
                       uint32_t hash, bool *reverse, bool *one_way);

/* A copy of text in the network's string chunk, not shared: for ids and names. */
const char *fr_load_store(fr_model *model, const char *text);
/* A shared copy, for strings that repeat (countries, sources, corridors);
 * *last, the previous answer for the same column, is tried first. */
const char *fr_load_intern(fr_model *model, const char **last, const char *text);
/* The node named in column `col` (required); *last is tried first. */
bool fr_load_node_ref(const fr_table *t, const fr_model *model, const fr_id_index *nodes, int col,
                      long *last, uint32_t *out, GError **error);

/* load_dates.c: the timezone cell of a node row (column `col`), and the
 * valid_from/valid_to cells of a link row. */
bool fr_load_zone_cell(const fr_table *t, int col, fr_model *model, load_state *ls,
                       uint32_t *zone, GError **error);
bool fr_load_validity_cells(const fr_table *t, int col_from, int col_to, int32_t *from,
                            int32_t *to, GError **error);
/* The files of FORMAT.md §5, read after transfers.csv. */
extern const file_spec fr_network_file, fr_service_file, fr_closure_file;

#endif /* FR_LOAD_INTERNAL_H */
