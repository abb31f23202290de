/* tsan_glib.c - linked into every test program of a ThreadSanitizer build
 * (FR_SANITIZE_THREAD, tests/CMakeLists.txt): tells ThreadSanitizer about
 * the ordering that GLib's synchronisation gives, which it cannot see.
 *
 * Debian's GLib implements GMutex and GCond with raw futexes, and
 * GThreadPool on top of them, in code that is not built with
 * -fsanitize=thread: ThreadSanitizer sees none of the happens-before edges
 * they create, so every hand-over through them (a row a pool worker
 * filled, read by the caller after g_thread_pool_free(pool, FALSE, TRUE);
 * a counter updated under a GMutex) is reported as a data race.
 *
 * The functions below have the names of the GLib calls that the library and
 * the tests make, so the static linker binds the calls from our
 * (instrumented) code to them; each calls GLib's own function (found with
 * dlsym(RTLD_NEXT)) and reports the edge that the call really gives:
 *   g_mutex_lock/trylock   acquire the mutex       g_mutex_unlock   release it
 *   g_cond_wait(_until)    release, wait, acquire the mutex
 *   g_thread_pool_push     release "pushed"  ->  a task's start acquires it
 *   a task's end           release "done"    ->  g_thread_pool_free(.., wait
 *                                                = TRUE) acquires it on return
 * (the pool's function is wrapped to mark a task's start and end). Only
 * orderings that GLib guarantees are added, so a race in our code is still
 * reported. Calls made inside GLib do not come here (it binds them to
 * itself); its own memory traffic is ignored by tests/tsan.supp. */
#define _GNU_SOURCE
#include <glib.h>

#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>
#include <stdlib.h>

/* real_<name>: GLib's own function `name` (looked up once; atomically,
 * since threads may race to do it). */
#define REAL(name)                                                                         \
    static __typeof__(&name) real_##name##_cached;                                         \
    __typeof__(&name) real_##name = __atomic_load_n(&real_##name##_cached, __ATOMIC_ACQUIRE); \
    if (!real_##name) {                                                                    \
        real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name);                          \
        if (!real_##name)                                                                  \
            abort();                                                                       \
        __atomic_store_n(&real_##name##_cached, real_##name, __ATOMIC_RELEASE);            \
    }

void g_mutex_lock(GMutex *mutex)
{
    REAL(g_mutex_lock);
    real_g_mutex_lock(mutex);
    __tsan_acquire(mutex);
}

gboolean g_mutex_trylock(GMutex *mutex)
{
    REAL(g_mutex_trylock);
    gboolean locked = real_g_mutex_trylock(mutex);
    if (locked)
        __tsan_acquire(mutex);
    return locked;
}

void g_mutex_unlock(GMutex *mutex)
{
    REAL(g_mutex_unlock);
    __tsan_release(mutex);
    real_g_mutex_unlock(mutex);
}

void g_cond_wait(GCond *cond, GMutex *mutex)
{
    REAL(g_cond_wait);
    __tsan_release(mutex);
    real_g_cond_wait(cond, mutex);
    __tsan_acquire(mutex);
}

gboolean g_cond_wait_until(GCond *cond, GMutex *mutex, gint64 end_time)
{
    REAL(g_cond_wait_until);
    __tsan_release(mutex);
    gboolean signalled = real_g_cond_wait_until(cond, mutex, end_time);
    __tsan_acquire(mutex);
    return signalled;
}

/* ---- thread pools ---------------------------------------------------------- */

/* What a pool made here runs instead of the caller's function. */
typedef struct {
    GFunc func;
    gpointer user_data;
    char pushed, done; /* addresses for the two edges */
} pool_wrap;

static void run_task(gpointer data, gpointer user_data)
{
    pool_wrap *wrap = user_data;
    __tsan_acquire(&wrap->pushed);
    wrap->func(data, wrap->user_data);
    __tsan_release(&wrap->done);
}

/* The wrapper of a pool made by g_thread_pool_new() below, or NULL. */
static pool_wrap *wrap_of(GThreadPool *pool)
{
    return pool && pool->func == run_task ? pool->user_data : NULL;
}

GThreadPool *g_thread_pool_new(GFunc func, gpointer user_data, gint max_threads,
                               gboolean exclusive, GError **error)
{
    REAL(g_thread_pool_new);
    pool_wrap *wrap = calloc(1, sizeof *wrap);
    if (!wrap)
        abort();
    wrap->func = func;
    wrap->user_data = user_data;
    __tsan_release(&wrap->pushed); /* threads an exclusive pool starts at once */
    GThreadPool *pool = real_g_thread_pool_new(run_task, wrap, max_threads, exclusive, error);
    if (!pool)
        free(wrap);
    return pool;
}

gboolean g_thread_pool_push(GThreadPool *pool, gpointer data, GError **error)
{
    REAL(g_thread_pool_push);
    pool_wrap *wrap = wrap_of(pool);
    if (wrap)
        __tsan_release(&wrap->pushed);
    return real_g_thread_pool_push(pool, data, error);
}

void g_thread_pool_free(GThreadPool *pool, gboolean immediate, gboolean wait_)
{
    REAL(g_thread_pool_free);
    pool_wrap *wrap = wrap_of(pool);
    real_g_thread_pool_free(pool, immediate, wait_);
    if (wrap && wait_) {
        /* every task has ended (or never started) */
        __tsan_acquire(&wrap->done);
        free(wrap);
    }
    /* without waiting, running tasks still use wrap: it stays */
}
