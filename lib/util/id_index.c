/* id_index.c - the flat hash index of ids (id_index.h), and the allocation
 * of its slots for random access: aligned to and advised as transparent
 * huge pages from 2 MiB up. */
#define _DEFAULT_SOURCE /* madvise() */
#include "id_index.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#define HUGE_PAGE ((size_t)2 << 20)

/* Asks for transparent huge pages (where the system has them, on request)
 * for the whole 2 MiB pages within `bytes` at p: a fault per 2 MiB, not per
 * 4 KiB, when they are first touched, and far fewer TLB misses. */
static void advise_huge(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    uintptr_t end = ((uintptr_t)p + bytes) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (end > start)
        madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p, (void)bytes;
#endif
}

/* A zeroed block for a table accessed at random, from 2 MiB up aligned to
 * huge pages. Freed with g_free() (which is free() since GLib 2.46). */
static void *random_access_alloc(size_t bytes)
{
    if (bytes >= HUGE_PAGE) {
        size_t rounded = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        void *block = aligned_alloc(HUGE_PAGE, rounded);
        if (block) {
            advise_huge(block, rounded);
            return memset(block, 0, rounded);
        }
    }
    return g_malloc0(bytes);
}

uint32_t fr_hash_id(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    h ^= h >> 33; /* then murmur3's finaliser, so that the low bits mix too */
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return (uint32_t)h;
}

void fr_id_index_init(fr_id_index *ix, size_t expected)
{
    size_t cap = 64;
    while (cap < 2 * expected)
        cap *= 2;
    ix->slots = random_access_alloc(cap * sizeof *ix->slots);
    ix->mask = cap - 1;
    ix->count = 0;
}

void fr_id_index_clear(fr_id_index *ix)
{
    g_free(ix->slots);
    memset(ix, 0, sizeof *ix);
}

long fr_id_index_find(const fr_id_index *ix, const char *key, uint32_t hash)
{
    if (!ix->slots)
        return -1;
    for (size_t i = hash & ix->mask; ix->slots[i].key; i = (i + 1) & ix->mask)
        if (ix->slots[i].hash == hash && strcmp(ix->slots[i].key, key) == 0)
            return (long)ix->slots[i].value;
    return -1;
}

void fr_id_index_put(fr_id_index *ix, const char *key, uint32_t hash, uint32_t value)
{
    if (2 * (ix->count + 1) > ix->mask + 1) {
        fr_id_index bigger;
        fr_id_index_init(&bigger, ix->mask + 1);
        for (size_t i = 0; i <= ix->mask; i++)
            if (ix->slots[i].key)
                fr_id_index_put(&bigger, ix->slots[i].key, ix->slots[i].hash,
                                ix->slots[i].value);
        g_free(ix->slots);
        *ix = bigger;
    }
    size_t i = hash & ix->mask;
    while (ix->slots[i].key)
        i = (i + 1) & ix->mask;
    ix->slots[i] = (fr_id_slot){key, hash, value};
    ix->count++;
}
