/* id_index.h - a flat hash index from string ids (node ids, link ids) to
 * 32-bit values, for the loader's millions of rows: open addressing over
 * 16-byte slots, the table allocated for random access (huge pages where
 * the system has them), a slot prefetched before it is looked up. Keys are
 * not copied: they must outlive the index. */
#ifndef FR_ID_INDEX_H
#define FR_ID_INDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *key; /* NULL: empty */
    uint32_t hash, value;
} fr_id_slot;

/* All zero before fr_id_index_init(): slots NULL, and lookups find nothing. */
typedef struct {
    fr_id_slot *slots;
    size_t mask, count; /* capacity - 1, entries */
} fr_id_index;

/* The hash of id `s` that the functions below take (FNV-1a, then mixed so
 * that its low bits, which pick the slot, depend on every byte). */
uint32_t fr_hash_id(const char *s);

/* An empty index with room for `expected` ids before it grows. */
void fr_id_index_init(fr_id_index *ix, size_t expected);

/* Frees the slots; the index is all zero again. */
void fr_id_index_clear(fr_id_index *ix);

/* Starts fetching the slot where a lookup of `hash` begins, so that work
 * done in between hides the cache miss. The index must be initialised. */
static inline void fr_id_index_prefetch(const fr_id_index *ix, uint32_t hash)
{
    __builtin_prefetch(&ix->slots[hash & ix->mask]);
}

/* The value stored for `key` (whose hash is `hash`), or -1; -1 also when
 * the index is not initialised. */
long fr_id_index_find(const fr_id_index *ix, const char *key, uint32_t hash);

/* Adds `key`, which must not be there yet, with `value`; grows the index
 * (doubling it) to keep it at most half full. */
void fr_id_index_put(fr_id_index *ix, const char *key, uint32_t hash, uint32_t value);

#endif /* FR_ID_INDEX_H */
