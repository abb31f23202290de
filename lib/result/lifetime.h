/* lifetime.h - internal: the reference count that keeps a network alive
 * while routes, lists, matrices, profiles and critical lists still point
 * into it.
 *
 * The network handle lives in the api layer, above the results, so a route
 * cannot call fr_network_ref(). Instead the handle embeds an fr_lifetime
 * (its count and how to destroy the handle when the count reaches 0), and
 * whatever points into a network holds and releases that. The public
 * fr_network_ref()/fr_network_unref() are the same two calls. */
#ifndef FR_LIFETIME_H
#define FR_LIFETIME_H

#include <glib.h>

typedef struct fr_lifetime fr_lifetime;
struct fr_lifetime {
    gatomicrefcount count;
    /* Frees the object that embeds this lifetime; called once, by whichever
     * thread releases the last reference. */
    void (*destroy)(fr_lifetime *lifetime);
};

/* One reference, held by the creator. */
static inline void fr_lifetime_init(fr_lifetime *lifetime, void (*destroy)(fr_lifetime *))
{
    g_atomic_ref_count_init(&lifetime->count);
    lifetime->destroy = destroy;
}

/* One more reference (thread-safe); NULL does nothing. */
static inline void fr_lifetime_hold(fr_lifetime *lifetime)
{
    if (lifetime)
        g_atomic_ref_count_inc(&lifetime->count);
}

/* Drops a reference (thread-safe), destroying the object with the last;
 * NULL does nothing. */
static inline void fr_lifetime_release(fr_lifetime *lifetime)
{
    if (lifetime && g_atomic_ref_count_dec(&lifetime->count))
        lifetime->destroy(lifetime);
}

#endif /* FR_LIFETIME_H */
