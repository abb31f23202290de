/* id_table.h - the model's lasting index from id to row (node ids): open
 * addressing over 4-byte slots that hold row numbers, not keys. A slot's
 * key is the id of its row, the first field of every row (a const char *),
 * read from the rows' array on each comparison; nothing is copied. Kept at
 * most half full (linear probing), so a 10^6-node network takes 8 MiB
 * where a GHashTable took 33 MB. The loader's own index (util/id_index.h),
 * which stores hashes to be prefetched, lives only while files are read. */
#ifndef FR_ID_TABLE_H
#define FR_ID_TABLE_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

/* All zero: empty, and lookups find nothing. */
typedef struct {
    uint32_t *slots; /* row + 1; 0: empty */
    size_t mask;     /* capacity - 1 (a power of two) */
    size_t count;
} fr_id_table;

/* Indexes the ids of every row of `rows` (an array of structs that start
 * with their `const char *id`), replacing what the table held. The ids
 * must be distinct and must outlive the table. */
void fr_id_table_build(fr_id_table *table, const GArray *rows);

/* Frees the slots; the table is all zero again. */
void fr_id_table_clear(fr_id_table *table);

/* The row of `rows` (the array the table was built from) whose id is `id`,
 * or -1 (also for a NULL id or a table never built). */
long fr_id_table_find(const fr_id_table *table, const GArray *rows, const char *id);

/* The bytes the slots take. */
size_t fr_id_table_bytes(const fr_id_table *table);

#endif /* FR_ID_TABLE_H */
