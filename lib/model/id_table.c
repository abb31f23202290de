/* id_table.c - the model's compact id index (id_table.h): a power-of-two
 * array of row numbers, probed linearly from the slot that the id's hash
 * (util/id_index.h's fr_hash_id) picks, keys compared against the rows'
 * own ids. */
#include "id_table.h"

#include "id_index.h"

#include <string.h>

/* The id of row `row` of `rows`: the first field of every row. */
static inline const char *row_id(const GArray *rows, uint32_t row)
{
    const char *const *id =
        (const void *)(rows->data + (size_t)row * g_array_get_element_size((GArray *)rows));
    return *id;
}

void fr_id_table_build(fr_id_table *table, const GArray *rows)
{
    size_t cap = 16;
    while (cap < 2 * (size_t)rows->len)
        cap *= 2;
    g_free(table->slots);
    table->slots = g_new0(uint32_t, cap);
    table->mask = cap - 1;
    table->count = rows->len;
    for (uint32_t row = 0; row < rows->len; row++) {
        size_t i = fr_hash_id(row_id(rows, row)) & table->mask;
        while (table->slots[i]) /* ids are distinct: the first empty slot */
            i = (i + 1) & table->mask;
        table->slots[i] = row + 1;
    }
}

void fr_id_table_clear(fr_id_table *table)
{
    g_free(table->slots);
    memset(table, 0, sizeof *table);
}

long fr_id_table_find(const fr_id_table *table, const GArray *rows, const char *id)
{
    if (!table->slots || !id)
        return -1;
    for (size_t i = fr_hash_id(id) & table->mask; table->slots[i]; i = (i + 1) & table->mask) {
        uint32_t row = table->slots[i] - 1;
        if (strcmp(row_id(rows, row), id) == 0)
            return (long)row;
    }
    return -1;
}

size_t fr_id_table_bytes(const fr_id_table *table)
{
    return table->slots ? (table->mask + 1) * sizeof *table->slots : 0;
}
