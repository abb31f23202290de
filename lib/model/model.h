/* model.h - the data model of FORMAT.md §1: nodes, links, transfers,
 * corridors and emission factors as loaded and validated, with id lookup
 * and load warnings. Immutable once loaded, but for the reverse link ids
 * it makes when asked (fr_model_rev_id(), under a lock). The layers above
 * read it: the virtual graph is built from it, routes and renderers name
 * its rows. */
#ifndef FR_MODEL_H
#define FR_MODEL_H

#include "clock.h"
#include "freightroute.h"
#include "id_table.h"

#include <stdint.h>

typedef struct {
    const char *id, *name, *country, *source; /* in the network's string chunk */
    fr_node_kind kind;
    uint32_t zone; /* index into the model's zones; 0 is UTC */
    double lat, lon, dwell_h, dwell_usd;
} fr_node;

/* Laid out without padding (80 bytes): millions of rows. A bidirectional
 * link's reverse id "<id>:rev" is made when asked (fr_model_rev_id(),
 * fr_link_rev_id_in()) and its corridor's name is in `corridors`
 * (fr_link_corridor()): neither takes room here. */
typedef struct {
    const char *id, *source;
    uint32_t from, to;                           /* node indices */
    int32_t corridor_index;                      /* -1 when the link has no corridor */
    int32_t valid_from, valid_to;                /* days (clock.h); FR_DAY_MIN/MAX: open */
    uint32_t waypoint_first;                     /* its shape in the model's `waypoints`: */
    uint16_t waypoint_count;                     /* at most 10000 (FORMAT.md §7) */
    bool bidirectional;
    fr_mode mode;
    double distance_km, time_h, cost_usd, co2_kg;
} fr_link;
G_STATIC_ASSERT(sizeof(fr_link) <= 80);

typedef struct {
    uint32_t node;
    fr_mode from_mode, to_mode;
    double time_h, cost_usd, co2_kg;
    const char *source;
} fr_transfer;

/* A row of services.csv (FORMAT.md §5): weekly departures of one direction
 * of a link, in the zone of its `from` node. */
typedef struct {
    const char *id, *source;
    uint32_t link;
    bool reverse;                 /* the <id>:rev direction */
    double cutoff_h;
    int32_t valid_from, valid_to; /* days of the departures' local dates */
    uint32_t first, count;        /* its minutes of the week in the model's `departures` */
} fr_service;

/* A point of a link's drawn shape, between its end nodes. */
typedef struct {
    double lon, lat;
} fr_waypoint;

/* A row of closures.csv: a link (one or both directions) or a node closed
 * from one instant (inclusive) to another (exclusive). */
typedef struct {
    bool is_node;
    uint32_t ref;          /* node or link index */
    bool forward, reverse; /* link closures: the directions closed */
    double from, to;       /* instants (clock.h) */
    const char *reason, *source;
} fr_closure;

/* A loaded network's rows. Strings live in `strings`. */
typedef struct {
    GStringChunk *strings;
    GArray *nodes;     /* fr_node */
    GArray *links;     /* fr_link */
    GArray *transfers; /* fr_transfer */
    fr_id_table node_index;      /* node id -> node index (over `nodes`) */
    GPtrArray *corridors;        /* const char *, index = corridor_index */
    GPtrArray *warnings;         /* char *, NULL-terminated */
    double co2_factor[FR_MODE_COUNT];
    /* FORMAT.md §5; empty for a network without dates. */
    GPtrArray *zones;        /* fr_zone *, [0] = UTC; nodes' `zone` index it */
    GArray *services;        /* fr_service */
    GArray *departures;      /* guint16 minutes of the week from Monday 00:00 */
    GArray *closures;        /* fr_closure */
    GArray *waypoints;       /* fr_waypoint: links' shapes (FORMAT.md §1 `waypoints`) */
    int32_t reference_day;   /* network.csv reference_date, or FR_DAY_MIN when none */
    const char *name;        /* network.csv name, or NULL */
    bool has_validity;       /* some link has valid_from or valid_to */
    /* The one part that changes after loading: reverse ids made so far
     * (fr_model_rev_id()), under its own lock. */
    struct fr_rev_ids *rev_ids;
} fr_model;

/* Whether the model says when things run: services, closures or validity
 * dates. Without, it answers exactly as a network of FORMAT.md §1-§2. */
static inline bool fr_model_is_dated(const fr_model *model)
{
    return model->services->len > 0 || model->closures->len > 0 || model->has_validity;
}
#define FR_SERVICE(model, i) (&g_array_index((model)->services, fr_service, (i)))
#define FR_CLOSURE(model, i) (&g_array_index((model)->closures, fr_closure, (i)))

/* Room for a reverse id: a link id (at most 64 bytes, FORMAT.md §1) and
 * ":rev". */
#define FR_REV_ID_SIZE (64 + sizeof ":rev")
/* Writes "<id>:rev" of link l into buf and returns buf: for lookups and
 * messages. */
const char *fr_link_rev_id_in(const fr_link *l, char buf[FR_REV_ID_SIZE]);
/* Whether id has the form "<base>:rev" (a base of 1-64 characters): then
 * the base is written into base. */
bool fr_rev_id_base(const char *id, char base[FR_REV_ID_SIZE]);
/* "<id>:rev" of bidirectional link `link`, made on its first use and kept
 * until the model is cleared, so that routes may point at it; any thread
 * may ask. */
const char *fr_model_rev_id(const fr_model *model, uint32_t link);

/* The link's corridor, "" when it has none. */
static inline const char *fr_link_corridor(const fr_model *model, const fr_link *l)
{
    return l->corridor_index < 0 ? "" : g_ptr_array_index(model->corridors, l->corridor_index);
}

#define FR_NODE(model, i) (&g_array_index((model)->nodes, fr_node, (i)))
#define FR_LINK(model, i) (&g_array_index((model)->links, fr_link, (i)))
#define FR_TRANSFER(model, i) (&g_array_index((model)->transfers, fr_transfer, (i)))

/* model.c */
void fr_model_init(fr_model *model);
void fr_model_clear(fr_model *model);
/* `to` (not initialised) becomes a copy of `from` sharing nothing with it. */
void fr_model_copy(fr_model *to, const fr_model *from);
/* -1 when the id is unknown. */
long fr_model_node_lookup(const fr_model *model, const char *id);
int32_t fr_model_corridor_lookup(const fr_model *model, const char *corridor);
void fr_model_add_warning(fr_model *model, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* load.c: reads the CSV files supplied by `source` (a directory, the
 * embedded resources) into an empty model; read() sets *missing for a file
 * that does not exist. On failure the model holds a partial load: clear it. */
typedef struct {
    bool (*read)(void *context, const char *file, char **contents, gsize *len, bool *missing,
                 GError **error);
    void *context;
    const char *where; /* for messages: the directory, or "the embedded network" */
} fr_file_source;
bool fr_model_load(fr_model *model, const fr_file_source *source, GError **error);
/* table.c: a source reading the files of directory `dir` (which must
 * outlive it). */
fr_file_source fr_file_source_dir(const char *dir);

/* embedded.c: the default network compiled into the library. false with an
 * FR_ERROR_IO when this build has none. */
bool fr_file_source_embedded(fr_file_source *source, GError **error);
/* Writes the embedded network's files into dir (created when missing). */
bool fr_model_export_embedded(const char *dir, GError **error);

#endif /* FR_MODEL_H */
