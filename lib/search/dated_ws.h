/* dated_ws.h - what a dated search keeps per state, reused from query to
 * query on each thread: arrays whose entries count only when stamped with
 * the current generation, so a query pays for the states it touches, not
 * for the whole graph (as the engine's workspace does, search/engine.h). */
#ifndef FR_DATED_WS_H
#define FR_DATED_WS_H

#include <glib.h>
#include <stdint.h>
#include <string.h>

/* FR_DEFINE_STAMPED(name, type): a struct `name` (zeroed: empty) and
 *   name_reset(a, n)          forget every entry; room for n
 *   name_get(a, i, fallback)  entry i, or fallback when not set since
 *   name_set(a, i, value) */
#define FR_DEFINE_STAMPED(name, type)                                                          \
    typedef struct {                                                                           \
        uint32_t *stamp;                                                                       \
        type *value;                                                                           \
        uint32_t gen;                                                                          \
        size_t cap;                                                                            \
    } name;                                                                                    \
    static inline void name##_reset(name *a, size_t n)                                         \
    {                                                                                          \
        if (n > a->cap) {                                                                      \
            g_free(a->stamp);                                                                  \
            g_free(a->value);                                                                  \
            a->stamp = g_new0(uint32_t, n);                                                    \
            a->value = g_new(type, n);                                                         \
            a->cap = n;                                                                        \
            a->gen = 0;                                                                        \
        }                                                                                      \
        if (++a->gen == 0) { /* wrapped: every old stamp must go */                            \
            memset(a->stamp, 0, a->cap * sizeof *a->stamp);                                    \
            a->gen = 1;                                                                        \
        }                                                                                      \
    }                                                                                          \
    static inline type name##_get(const name *a, uint32_t i, type fallback)                    \
    {                                                                                          \
        return a->stamp[i] == a->gen ? a->value[i] : fallback;                                 \
    }                                                                                          \
    static inline void name##_set(name *a, uint32_t i, type v)                                 \
    {                                                                                          \
        a->stamp[i] = a->gen;                                                                  \
        a->value[i] = v;                                                                       \
    }                                                                                          \
    static inline void name##_free(name *a)                                                    \
    {                                                                                          \
        g_free(a->stamp);                                                                      \
        g_free(a->value);                                                                      \
    }

FR_DEFINE_STAMPED(fr_stamped_time, double)
FR_DEFINE_STAMPED(fr_stamped_index, uint32_t)

/* One thread's arrays: earliest arrivals and latest departures per state
 * (dated.c), the settled labels' list heads per state (dated_labels.c). */
typedef struct {
    fr_stamped_time earliest, latest;
    fr_stamped_index settled;
} fr_dated_ws;

/* dated_labels.c: the calling thread's, created on first use and freed
 * when the thread ends. */
fr_dated_ws *fr_dated_ws_of_thread(void);

#endif /* FR_DATED_WS_H */
