/* igraph_guard.c - keeps igraph from aborting the host process.
 *
 * igraph's default error handler aborts, and Debian's build keeps its error
 * and warning handlers (and its cleanup stack) in process-wide state. Every
 * call into igraph from the library happens between fr_igraph_enter() and
 * fr_igraph_leave(): one call at a time, with handlers that report errors as
 * return codes and stay silent, and the host's handlers restored afterwards. */
#include "igraph_guard.h"

#include <glib.h>

static GMutex igraph_lock;
static igraph_error_handler_t *saved_error_handler;
static igraph_warning_handler_t *saved_warning_handler;

static void ignore_warning(const char *reason, const char *file, int line)
{
    (void)reason, (void)file, (void)line;
}

void fr_igraph_enter(void)
{
    g_mutex_lock(&igraph_lock);
    saved_error_handler = igraph_set_error_handler(igraph_error_handler_ignore);
    saved_warning_handler = igraph_set_warning_handler(ignore_warning);
}

void fr_igraph_leave(void)
{
    igraph_set_error_handler(saved_error_handler);
    igraph_set_warning_handler(saved_warning_handler);
    g_mutex_unlock(&igraph_lock);
}
