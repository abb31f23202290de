/* continent.h - a seeded, reproducible generator of synthetic freight
 * networks shaped like a continent, written as a FORMAT.md network
 * directory (nodes.csv, links.csv, transfers.csv, modes.csv; services.csv
 * on request).
 *
 * The land is an irregular blob about 1,700 km across, centred by the seed
 * over one of eight real land areas (Europe, North America, ...), divided
 * into countries (Voronoi cells, unique two-letter upper-case codes). Road
 * nodes are the bulk: a jittered lattice with some links missing and some
 * diagonals (CONTINENT_GRID) or random points joined to their nearest
 * neighbours (CONTINENT_GEOMETRIC); either way the road network is
 * connected. On top: rail terminals joined by rail lines, rivers of river
 * ports, seaports on the coast joined by sea, airports at hub cities joined
 * by air; border nodes where road or rail links cross a border; transfers
 * at every terminal. Same parameters, same bytes: the generator has its own
 * PRNG (xoshiro256**) and formats numbers itself, so the files depend on
 * neither the GLib version nor the locale.
 *
 * Optionally (continent_options.services) timetables too (FORMAT.md §5):
 * services.csv with seeded weekly departures and a cut-off on every rail,
 * river, sea and air link, both directions, and a timezone column in
 * nodes.csv (real IANA zones by longitude band over the land the continent
 * lies on). They draw from a PRNG stream of their own: links.csv,
 * transfers.csv and modes.csv are the same bytes with or without them, and
 * nodes.csv differs only by the column.
 *
 * Used by the benchmarks (bench-load, bench-dated) and by fr-gen-network. */
#ifndef FR_CONTINENT_H
#define FR_CONTINENT_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef enum { CONTINENT_GRID, CONTINENT_GEOMETRIC } continent_shape;

typedef struct {
    uint64_t nodes; /* approximate number of road nodes, >= 4 */
    uint64_t seed;
    continent_shape shape;
} continent_params;

/* What continent_write_with() may add. Apart from continent_params so that
 * its positional initializers ({nodes, seed, shape}) stay complete. */
typedef struct {
    /* Also write services.csv (FORMAT.md §5) and a timezone column in
     * nodes.csv; false (the default): neither, the files as before. Link
     * time_h is written the same either way: for scheduled links it is
     * then the running time, waits come from the departures. */
    bool services;
} continent_options;

/* What continent_write() wrote. */
typedef struct {
    uint64_t node_rows, link_rows, transfer_rows, mode_rows; /* data rows per file */
    uint64_t service_rows;                                   /* 0 without `services` */
    uint64_t road_nodes, cities, border_nodes, rail_terminals, river_ports, seaports,
        airports, countries;
    uint64_t virtual_states, virtual_edges; /* FORMAT.md §2, as the library will build it */
    uint64_t bytes;                         /* size of the files together */
    char first_road_node[16], last_road_node[16]; /* ids joined by road */
} continent_stats;

#define CONTINENT_MIN_NODES 4u
#define CONTINENT_MAX_NODES 50000000u

/* Errors of continent_write() with bad parameters; I/O errors are G_FILE_ERROR. */
#define CONTINENT_ERROR (continent_error_quark())
GQuark continent_error_quark(void);

const char *continent_shape_name(continent_shape shape);
bool continent_shape_from_name(const char *name, continent_shape *out);

/* Writes the network into `dir` (created if missing; files replaced).
 * `stats` may be NULL. False with `error` set on bad parameters or I/O. */
bool continent_write(const continent_params *params, const char *dir, continent_stats *stats,
                     GError **error);
/* The same with options (NULL: none, as continent_write()). */
bool continent_write_with(const continent_params *params, const continent_options *options,
                          const char *dir, continent_stats *stats, GError **error);

/* A new empty directory under the system temp dir (g_free it), or NULL. */
char *continent_make_temp_dir(GError **error);

/* Removes the files continent_write() writes, then `dir` itself if empty. */
bool continent_remove_dir(const char *dir, GError **error);

#endif /* FR_CONTINENT_H */
