/* query_options.h - the query options that fr-route and fr-matrix share
 * (FORMAT.md §3): --network, --objective, --quantity, --value-of-time,
 * --carbon-price, --modes, --avoid, --avoid-country, --avoid-corridor,
 * --max-time and --max-cost. Their option-table entries, their checks (the
 * messages are the programs' usage errors) and the fr_query they describe. */
#ifndef FR_QUERY_OPTIONS_H
#define FR_QUERY_OPTIONS_H

#include "freightroute.h"

/* The options as GOptionContext fills them in. */
typedef struct {
    char *network, *objective, *modes, *max_time, *max_cost;
    double quantity, value_of_time, carbon_price;
    char **avoid, **avoid_country, **avoid_corridor;
} query_options;

/* What the options mean, once checked. */
typedef struct {
    fr_objective objective;
    fr_mode_set modes;
    double max_time, max_cost; /* INFINITY: no bound */
} query_choice;

/* Defaults: quantity 1, objective cost, all modes, no bounds. */
void query_options_init(query_options *qo, query_choice *qc);
void query_options_clear(query_options *qo);

/* The --network entry, and the entries from --objective to --max-cost in
 * their help order, written to `out` (room for QUERY_OPTION_ENTRIES);
 * returns how many were written. */
#define QUERY_OPTION_ENTRIES 10
GOptionEntry query_options_network_entry(query_options *qo);
size_t query_options_entries(query_options *qo, GOptionEntry *out);

/* Checks --objective, --modes, --quantity, --value-of-time and
 * --carbon-price (figures), or --max-time and --max-cost (bounds), into qc;
 * NULL when fine, else the usage message (g_free). */
char *query_options_figures_problem(const query_options *qo, query_choice *qc);
char *query_options_bounds_problem(const query_options *qo, query_choice *qc);

/* The query the options describe, from `from` to `to`. */
fr_query *query_options_build(const query_options *qo, const query_choice *qc, const char *from,
                              const char *to);

#endif
