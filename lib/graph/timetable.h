/* timetable.h - when each virtual edge can be entered (FORMAT.md §5): the
 * departures of scheduled links (weekly, in the zone of their `from` node,
 * within their services' validity) and the closures of links and nodes,
 * indexed per edge of a graph built with running times. The time-dependent
 * searches ask it two questions: when is the earliest a box ready at `t`
 * gets in, and what is the latest a box may be ready to be through by
 * `t`. Both are monotone (FIFO). Immutable once built; thread-safe. */
#ifndef FR_TIMETABLE_H
#define FR_TIMETABLE_H

#include "vgraph.h"

typedef struct {
    double from, to; /* instants; [from, to) */
} fr_interval;

typedef struct {
    uint32_t service; /* index in the model's services */
    uint16_t minute;  /* of the week, from Monday 00:00 wall-clock */
} fr_departure;

typedef struct {
    const fr_model *model;
    const fr_vgraph *g;     /* built without a view: link times are running times */
    uint32_t *dep_start;    /* per edge + 1: its departures; NULL without services */
    fr_departure *deps;     /* per edge, by minute */
    int32_t *last_day;      /* per edge: the last day any of its departures runs */
    double *min_cutoff_s;   /* per edge: the least cut-off of its services, seconds */
    uint32_t *closed_start; /* per edge + 1: when it cannot be entered; NULL without closures */
    fr_interval *closed;    /* per edge, sorted, disjoint */
    uint32_t *node_start;   /* per node + 1: when it is closed (delivery waits) */
    fr_interval *node_closed;
} fr_timetable;

/* Indexes the model's services and closures over g's edges. */
void fr_timetable_build(fr_timetable *tt, const fr_model *model, const fr_vgraph *g);
void fr_timetable_clear(fr_timetable *tt);

static inline bool fr_timetable_scheduled(const fr_timetable *tt, uint32_t e)
{
    return tt->dep_start && tt->dep_start[e + 1] > tt->dep_start[e];
}

/* The earliest moment >= ready at which a box enters edge e (for a
 * scheduled link: the departure it boards); INFINITY when never. */
double fr_timetable_enter(const fr_timetable *tt, uint32_t e, double ready);
/* The latest moment a box may be ready at e's start and still reach e's
 * end by `due`; -INFINITY when none. */
double fr_timetable_latest_ready(const fr_timetable *tt, uint32_t e, double due);
/* When a box reaching `node` at t is delivered there (after any closure). */
double fr_timetable_deliver(const fr_timetable *tt, uint32_t node, double t);
/* The latest arrival at `node` delivered by `due`. */
double fr_timetable_deliver_latest(const fr_timetable *tt, uint32_t node, double due);

#endif /* FR_TIMETABLE_H */
