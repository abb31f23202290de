/* heap.h - the library's priority queues, generated per item type so that
 * the comparison inlines. Two kinds:
 *
 * FR_DEFINE_HEAP(name, type, ctx_type, before): a binary min-heap on a
 * plain growable array, for the searches that queue an item per label and
 * skip stale ones when they come out (the constrained search, the Pareto
 * search, contraction hierarchies' order, witness searches and queries).
 * It defines the struct type `name` (zero-initialised it is an empty heap)
 *
 *   typedef struct { type *items; size_t len, cap; } name;
 *
 * and the functions
 *
 *   static void name_push(name *heap, const type *item, ctx_type ctx);
 *   static type name_pop(name *heap, ctx_type ctx);    (heap not empty)
 *   static void name_clear(name *heap);                (empty, memory kept)
 *   static void name_free(name *heap);                 (memory freed, empty)
 *
 * items[0] is the least item when len > 0. Items come out ordered by
 * before(ctx, a, b): true when item a must come out before item b. When a
 * struct must hold the heap before `before` can be declared, the two halves
 * are FR_HEAP_TYPE(name, type) and FR_HEAP_FUNCTIONS(name, type, ctx_type,
 * before).
 *
 * FR_DEFINE_INDEXED_HEAP(name, type, ctx_type, arity, before, placed): the
 * sift-up and sift-down of an `arity`-ary min-heap whose array and length
 * the caller keeps, for searches that move a queued state up when its key
 * falls (the engine's 4-ary heap, lib/search/engine_side.h). placed(ctx,
 * item, i) is called whenever an item lands at index i, so the caller can
 * record where each state is. It defines
 *
 *   static void name_sift_up(ctx_type ctx, type *heap, uint32_t i);
 *   static void name_sift_down(ctx_type ctx, type *heap, uint32_t len, uint32_t i);
 *
 * which move heap[i] up towards the root, or down among the first len
 * items, to where `before` puts it.
 *
 * Both move a hole instead of swapping. When before() is not transitive
 * (figures compared within a tolerance) the layout depends on the order in
 * which items are compared, so that order is part of the contract: a push
 * compares the new item with each parent up the path; a binary pop takes
 * the right child over the left only when it comes before it, then moves
 * the hole down while that child comes before the last item; a d-ary
 * sift-down takes, of the children in index order, a later one only when
 * it comes before the best so far. */
#ifndef FR_HEAP_H
#define FR_HEAP_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#define FR_HEAP_FIRST_CAPACITY 64

#define FR_DEFINE_HEAP(name, type, ctx_type, before)                                           \
    FR_HEAP_TYPE(name, type)                                                                   \
    FR_HEAP_FUNCTIONS(name, type, ctx_type, before)

#define FR_HEAP_TYPE(name, type)                                                               \
    typedef struct {                                                                           \
        type *items;                                                                           \
        size_t len, cap;                                                                       \
    } name;

#define FR_HEAP_FUNCTIONS(name, type, ctx_type, before)                                        \
    static G_GNUC_UNUSED inline void name##_push(name *heap, const type *item, ctx_type ctx)    \
    {                                                                                          \
        if (heap->len == heap->cap) {                                                          \
            heap->cap = heap->cap ? 2 * heap->cap : FR_HEAP_FIRST_CAPACITY;                    \
            heap->items = g_renew(type, heap->items, heap->cap);                               \
        }                                                                                      \
        type *h = heap->items, moving = *item;                                                 \
        size_t i = heap->len++;                                                                \
        while (i > 0 && before(ctx, &moving, &h[(i - 1) / 2])) {                               \
            h[i] = h[(i - 1) / 2];                                                             \
            i = (i - 1) / 2;                                                                   \
        }                                                                                      \
        h[i] = moving;                                                                         \
    }                                                                                          \
                                                                                               \
    static G_GNUC_UNUSED inline type name##_pop(name *heap, ctx_type ctx)                      \
    {                                                                                          \
        type *h = heap->items, top = h[0], last = h[--heap->len];                              \
        size_t n = heap->len, i = 0;                                                           \
        for (size_t child; (child = 2 * i + 1) < n; i = child) {                               \
            if (child + 1 < n && before(ctx, &h[child + 1], &h[child]))                        \
                child++;                                                                       \
            if (!before(ctx, &h[child], &last))                                                \
                break;                                                                         \
            h[i] = h[child];                                                                   \
        }                                                                                      \
        if (n > 0)                                                                             \
            h[i] = last;                                                                       \
        return top;                                                                            \
    }                                                                                          \
                                                                                               \
    static G_GNUC_UNUSED inline void name##_clear(name *heap)                                  \
    {                                                                                          \
        heap->len = 0;                                                                         \
    }                                                                                          \
                                                                                               \
    static G_GNUC_UNUSED inline void name##_free(name *heap)                                   \
    {                                                                                          \
        g_free(heap->items);                                                                   \
        heap->items = NULL;                                                                    \
        heap->len = heap->cap = 0;                                                             \
    }

#define FR_DEFINE_INDEXED_HEAP(name, type, ctx_type, arity, before, placed)                    \
    static G_GNUC_UNUSED inline void name##_sift_up(ctx_type ctx, type *heap, uint32_t i)      \
    {                                                                                          \
        type moving = heap[i];                                                                 \
        while (i > 0) {                                                                        \
            uint32_t parent = (i - 1) / (arity);                                               \
            if (!before(ctx, &moving, &heap[parent]))                                          \
                break;                                                                         \
            heap[i] = heap[parent];                                                            \
            placed(ctx, &heap[i], i);                                                          \
            i = parent;                                                                        \
        }                                                                                      \
        heap[i] = moving;                                                                      \
        placed(ctx, &moving, i);                                                               \
    }                                                                                          \
                                                                                               \
    static G_GNUC_UNUSED inline void name##_sift_down(ctx_type ctx, type *heap, uint32_t len,  \
                                                      uint32_t i)                              \
    {                                                                                          \
        type moving = heap[i];                                                                 \
        for (;;) {                                                                             \
            uint64_t first64 = (uint64_t)(arity) * i + 1; /* (i may pass 2^30) */              \
            if (first64 >= len)                                                                \
                break;                                                                         \
            uint32_t first = (uint32_t)first64, best = first;                                  \
            uint32_t end = len - first > (arity) ? first + (arity) : len;                      \
            for (uint32_t c = first + 1; c < end; c++)                                         \
                if (before(ctx, &heap[c], &heap[best]))                                        \
                    best = c;                                                                  \
            if (!before(ctx, &heap[best], &moving))                                            \
                break;                                                                         \
            heap[i] = heap[best];                                                              \
            placed(ctx, &heap[i], i);                                                          \
            i = best;                                                                          \
        }                                                                                      \
        heap[i] = moving;                                                                      \
        placed(ctx, &moving, i);                                                               \
    }

#endif /* FR_HEAP_H */
