/* load_refs.c - what the loader's files share for their rows: node
 * references looked up in the id index (begun early so that the slot is
 * fetched while the rest of the row is read), and strings copied into the
 * network's string chunk. */
#include "load_internal.h"

#include <string.h>

/* ---- node references ----------------------------------------------------- */

/* Begins looking up `id`; `last`, the previous answer for the column, is tried first. */
node_lookup fr_load_node_begin(const fr_model *model, const fr_id_index *nodes,
                                     const char *id, long last)
{
    node_lookup l = {id, -1, 0, false};
    if (*id == '\0')
        return l;
    if (last >= 0 && strcmp(FR_NODE(model, last)->id, id) == 0) {
        l.index = last;
        return l;
    }
    l.hash = fr_hash_id(id);
    l.pending = true;
    if (nodes->slots) /* none yet when nodes.csv had no rows: nothing to fetch */
        fr_id_index_prefetch(nodes, l.hash);
    return l;
}

/* The node's index, or -1; a found one becomes *last. */
long fr_load_node_end(const fr_id_index *nodes, node_lookup *l, long *last)
{
    if (l->pending)
        l->index = fr_id_index_find(nodes, l->id, l->hash);
    l->pending = false;
    if (l->index >= 0)
        *last = l->index;
    return l->index;
}

static long find_node(const fr_model *model, const fr_id_index *nodes, const char *id, long *last)
{
    node_lookup l = fr_load_node_begin(model, nodes, id, *last);
    return fr_load_node_end(nodes, &l, last);
}

/* Reports a node reference that find_node() could not resolve. */
bool fr_load_node_found(const fr_table *t, int col, long index, uint32_t *out, GError **error)
{
    const char *id;
    if (!fr_table_required_cell(t, col, &id, error))
        return false;
    if (index < 0)
        return fr_table_error(t, error, "unknown node '%s'", id);
    *out = (uint32_t)index;
    return true;
}

bool fr_load_node_ref(const fr_table *t, const fr_model *model, const fr_id_index *nodes,
                          int col, long *last, uint32_t *out, GError **error)
{
    return fr_load_node_found(t, col, find_node(model, nodes, fr_table_cell(t, col), last), out, error);
}

/* ---- strings ------------------------------------------------------------- */

const char *fr_load_store(fr_model *model, const char *text)
{
    return g_string_chunk_insert_len(model->strings, text, (gssize)strlen(text));
}

const char *fr_load_intern(fr_model *model, const char **last, const char *text)
{
    if (*last && strcmp(*last, text) == 0)
        return *last;
    return *last = g_string_chunk_insert_const(model->strings, text);
}

/* ---- link references ------------------------------------------------------- */

long fr_load_find_link(const load_state *ls, const fr_model *model, const char *id,
                       uint32_t hash, bool *reverse, bool *one_way)
{
    *reverse = *one_way = false;
    long index = fr_id_index_find(&ls->link_ids, id, hash);
    char base[FR_REV_ID_SIZE];
    if (index >= 0 || !fr_rev_id_base(id, base))
        return index;
    index = fr_id_index_find(&ls->link_ids, base, fr_hash_id(base));
    if (index >= 0 && !FR_LINK(model, index)->bidirectional) {
        *one_way = true;
        return -1;
    }
    *reverse = index >= 0;
    return index;
}
