/* query_options.h - the query options that fr-route and fr-matrix share
 * (FORMAT.md §3): --network, --objective, --quantity, --value-of-time,
 * --carbon-price, --modes, --avoid, --avoid-country, --avoid-corridor,
 * --max-time and --max-cost. Their option-table entries, their checks (the
 * messages are the programs' usage errors) and the fr_query they describe.
 *
 * And --scenario FILE|NAME (FORMAT.md §6), which all three programs take:
 * the network they answer on is the loaded one with the scenario applied.
 *
 * And the dated options that fr-route and fr-corridors share (FORMAT.md §3
 * and §5): --depart, --arrive-by, --on, and for departure profiles
 * --depart-window and --every. */
#ifndef FR_QUERY_OPTIONS_H
#define FR_QUERY_OPTIONS_H

#include "freightroute.h"

#include <stdio.h>

/* The options as GOptionContext fills them in, and the avoided places
 * resolved against the network by query_options_load_network(). */
typedef struct {
    char *network, *scenario, *objective, *modes, *max_time, *max_cost;
    double quantity, value_of_time, carbon_price;
    char **avoid, **avoid_country, **avoid_corridor;
    bool quiet;             /* --quiet: no warnings */
    bool scenario_compared; /* fr-corridors: --scenario lists scenarios to compare,
                               not one to apply when loading */
    GPtrArray *avoid_ids;   /* node ids of --avoid (ids, names or @FILE) */
    GPtrArray *avoid_labels; /* corridor labels of --avoid-corridor (borrowed) */
} query_options;

/* What the options mean, once checked. */
typedef struct {
    fr_objective objective;
    fr_mode_set modes;
    double max_time, max_cost; /* INFINITY: no bound */
} query_choice;

/* The first of the routing options (--objective .. --max-cost, the
 * --avoid lists) given, as "--objective"; NULL when none. */
const char *query_options_first_given(const query_options *qo);
/* Defaults: quantity 1, objective cost, all modes, no bounds. */
void query_options_init(query_options *qo, query_choice *qc);
void query_options_clear(query_options *qo);

/* The --network entry, and the entries from --objective to --max-cost in
 * their help order, written to `out` (room for QUERY_OPTION_ENTRIES);
 * returns how many were written. */
#define QUERY_OPTION_ENTRIES 10
GOptionEntry query_options_network_entry(query_options *qo);
size_t query_options_entries(query_options *qo, GOptionEntry *out);

/* The --scenario entry (one scenario). */
GOptionEntry query_options_scenario_entry(query_options *qo);

/* The network the options name (--network, or the embedded one) with the
 * --scenario applied when one is given, its loader warnings printed (unless
 * quiet) and --avoid and --avoid-corridor resolved against it (names, with
 * a warning for an --avoid-country no node has); NULL after printing the
 * error, with the exit code in *code (see scenario_option_apply()). */
fr_network *query_options_load_network(const char *prog, query_options *qo, int *code);

/* Resolves --avoid (ids, names, @FILE) and --avoid-corridor (labels, any
 * case) against the network into avoid_ids and avoid_labels, as
 * query_options_load_network() does; false with the error. */
bool query_options_resolve_avoided(query_options *qo, const fr_network *net, GError **error);

/* Checks --objective, --modes, --quantity, --value-of-time,
 * --carbon-price and the --avoid lists (figures), or --max-time and
 * --max-cost (bounds), into qc; NULL when fine, else the usage message
 * (g_free). */
char *query_options_figures_problem(const query_options *qo, query_choice *qc);
char *query_options_bounds_problem(const query_options *qo, query_choice *qc);

/* The query the options describe, from `from` to `to` (after
 * query_options_load_network() resolved the avoided places). */
fr_query *query_options_build(const query_options *qo, const query_choice *qc, const char *from,
                              const char *to);

/* ---- Scenarios (FORMAT.md §6) ------------------------------------------ */

/* --scenario's entry, storing into *value: one scenario, or with `several`
 * a comma-separated list (fr-corridors compares them with the base). */
GOptionEntry scenario_option_entry(char **value, bool several);
/* --list-scenarios' entry. */
GOptionEntry list_scenarios_entry(gboolean *flag);
/* Prints each embedded scenario's name and description, one a line. */
void scenarios_print_list(FILE *out);

/* Whether --scenario's value names a file: an existing path, or a name
 * ending in .csv; otherwise it is an embedded scenario's name. */
bool scenario_value_is_file(const char *value);
/* The scenario `value` names, loaded; NULL after printing the error as
 * `prog`'s, with *code EXIT_INPUT for a bad or unreadable file (the
 * library's "file:line:" message) or EXIT_USAGE for an unknown name (the
 * message lists the embedded ones). */
fr_scenario *scenario_option_load(const char *prog, const char *value, int *code);
/* A new network: `net` with the scenario `value` names applied; NULL
 * after printing the error, with *code as scenario_option_load()'s, or
 * EXIT_INPUT when a rule does not apply (its file and line). With `name`,
 * the scenario's name (g_free) on success. */
fr_network *scenario_option_apply(const char *prog, const fr_network *net, const char *value,
                                  char **name, int *code);

/* ---- Dated options ---------------------------------------------------- */

/* The dated options as GOptionContext fills them in (NULL: not given). */
typedef struct {
    char *depart, *arrive_by, *on, *window, *every;
} date_options;

/* What they mean, parsed against the network. New references; NULL when
 * not given. */
typedef struct {
    GDateTime *depart;    /* --depart, in the origin's zone unless it has an offset */
    GDateTime *arrive_by; /* --arrive-by, in the destination's zone; a bare date: its 23:59:59 */
    GDateTime *on;        /* --on, a bare date */
    GDateTime *first, *last; /* --depart-window FIRST/LAST, both in the origin's zone */
    double every_h;          /* --every, hours between departures (default 24) */
} date_choice;

/* Which of the dated options a program takes. */
enum {
    DATE_OPTION_DEPART = 1 << 0,
    DATE_OPTION_ARRIVE_BY = 1 << 1,
    DATE_OPTION_ON = 1 << 2,
    DATE_OPTION_WINDOW = 1 << 3 /* --depart-window and --every */
};
#define DATE_OPTION_ENTRIES 5

/* The entries of the options in `which`, written to `out` (room for
 * DATE_OPTION_ENTRIES); returns how many were written. */
size_t date_options_entries(date_options *d, unsigned which, GOptionEntry *out);
void date_options_clear(date_options *d);
/* The first of the dated options given, as "--depart"; NULL when none. */
const char *date_options_first_given(const date_options *d);

/* Checks what the dated options say on their own and together (an option
 * that would be ignored is an error: --every without --depart-window,
 * --on with a departure or a deadline, a window with --depart or
 * --arrive-by); NULL when fine, else the usage message (g_free). */
char *date_options_problem(const date_options *d);

/* Parses the options against the network: date-times without an offset
 * in the zone of `from` (--depart, --depart-window) or of `to`
 * (--arrive-by); `to` may be NULL (UTC). A bad value is a usage message
 * in *problem (g_free) naming the option and the text, and false. */
bool date_options_parse(const date_options *d, const fr_network *net, const char *from,
                        const char *to, date_choice *out, char **problem);
void date_choice_clear(date_choice *c);
/* Sets the departure, the deadline and the date of the query. */
void date_choice_apply(const date_choice *c, fr_query *query);
/* How many departures the window holds (0 without a window). */
size_t date_choice_window_count(const date_choice *c);

/* Whether text is a bare ISO date (YYYY-MM-DD). */
bool is_bare_date(const char *text);

#endif
