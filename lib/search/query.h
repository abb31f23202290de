/* query.h - a query (what a caller asks: the public fr_query) and its
 * resolution against a model into a search specification (what a search
 * needs: node indices, blocked nodes and corridors, bounds per TEU). */
#ifndef FR_QUERY_H
#define FR_QUERY_H

#include "model.h"

#include <math.h>

struct fr_query {
    char *from, *to;
    fr_objective objective;
    double quantity, value_of_time, carbon_price;
    fr_mode_set modes;
    GPtrArray *avoid_nodes, *avoid_countries, *avoid_corridors; /* char * */
    double max_time, max_cost; /* totals for the whole quantity; INFINITY: none */
    fr_algorithm algorithm;
    GDateTime *departure, *arrive_by, *date; /* FORMAT.md §5; NULL: none */
    GCancellable *cancellable; /* a reference; NULL: none (cancel.h) */
    fr_progress_func progress; /* NULL: none */
    void *progress_data;
};

typedef struct fr_cancel fr_cancel; /* cancel.h */

/* A query checked against a network, in the terms a search needs. */
typedef struct {
    uint32_t origin, destination; /* node indices */
    fr_objective objective;
    double value_of_time, carbon_price;
    fr_mode_set modes;
    bool *node_blocked;     /* per node: avoided node or country */
    bool *corridor_blocked; /* per corridor index */
    double max_time;        /* hours; INFINITY when unbounded */
    double max_cost_teu;    /* USD per TEU (the query's bound / quantity); INFINITY: none */
    fr_algorithm algorithm;
    bool restricted; /* some node or corridor blocked, or not every mode allowed */
    /* FORMAT.md §5. A dated query has a departure or a deadline (instants,
     * NAN when not given); `day` is the query's date (FR_DAY_MIN: none). */
    bool dated;
    double depart, deadline;
    int32_t day;
    /* The call's cancellation, polled by the long searches (cancel.h); NULL
     * (what fr_search_spec_init() sets): never cancelled. The api layer
     * points it at its own fr_cancel; specs copied into other threads
     * need one of their own. */
    fr_cancel *cancel;
} fr_search_spec;

static inline bool fr_spec_bounded(const fr_search_spec *spec)
{
    return spec->max_time < INFINITY || spec->max_cost_teu < INFINITY;
}

/* false with an FR_ERROR_QUERY naming the problem when the query is
 * impossible: unknown ids, origin = destination, avoided endpoints, unknown
 * corridors, impossible figures and bounds. */
bool fr_search_spec_init(fr_search_spec *spec, const fr_model *model, const fr_query *query,
                         GError **error);
void fr_search_spec_clear(fr_search_spec *spec);

/* A dated spec's date again, after its origin or destination changed (the
 * departure's local date at the origin, else the deadline's at the
 * destination). */
void fr_search_spec_redate(fr_search_spec *spec, const fr_model *model);

#endif /* FR_QUERY_H */
