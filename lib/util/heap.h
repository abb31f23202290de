/* heap.h - the one binary min-heap every search uses, over a GArray of
 * fixed-size items. FR_DEFINE_HEAP(name, type, ctx_type, before) defines
 *
 *   static void name_push(GArray *heap, const type *entry, ctx_type ctx);
 *   static type name_pop(GArray *heap, ctx_type ctx);   (heap not empty)
 *
 * ordered by before(ctx, a, b): true when item a must come out before b.
 * The functions are generated per item type so the comparison inlines. */
#ifndef FR_HEAP_H
#define FR_HEAP_H

#include <glib.h>

#define FR_DEFINE_HEAP(name, type, ctx_type, before)                                   \
    static G_GNUC_UNUSED void name##_push(GArray *heap, const type *entry, ctx_type ctx) \
    {                                                                                  \
        g_array_append_val(heap, *entry);                                              \
        type *h = (type *)heap->data;                                                  \
        for (guint i = heap->len - 1; i > 0;) {                                        \
            guint parent = (i - 1) / 2;                                                \
            if (!before(ctx, &h[i], &h[parent]))                                       \
                break;                                                                 \
            type tmp = h[i];                                                           \
            h[i] = h[parent];                                                          \
            h[parent] = tmp;                                                           \
            i = parent;                                                                \
        }                                                                              \
    }                                                                                  \
                                                                                       \
    static G_GNUC_UNUSED type name##_pop(GArray *heap, ctx_type ctx)                   \
    {                                                                                  \
        type *h = (type *)heap->data;                                                  \
        type top = h[0];                                                               \
        h[0] = h[heap->len - 1];                                                       \
        g_array_set_size(heap, heap->len - 1);                                         \
        for (guint i = 0, n = heap->len;;) {                                           \
            guint left = 2 * i + 1, right = left + 1, least = i;                       \
            if (left < n && before(ctx, &h[left], &h[least]))                          \
                least = left;                                                          \
            if (right < n && before(ctx, &h[right], &h[least]))                        \
                least = right;                                                         \
            if (least == i)                                                            \
                break;                                                                 \
            type tmp = h[i];                                                           \
            h[i] = h[least];                                                           \
            h[least] = tmp;                                                            \
            i = least;                                                                 \
        }                                                                              \
        return top;                                                                    \
    }

#endif /* FR_HEAP_H */
