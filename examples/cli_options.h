/* cli_options.h - the options every program takes besides the query ones
 * (query_options.h): --format, --output, --quiet, --list (and its aliases
 * --list-nodes, --list-scenarios), --export-network with --force, and
 * --version. Their entries, their checks and the side actions they ask
 * for (print a list, export the network, print the version, then exit). */
#ifndef FR_CLI_OPTIONS_H
#define FR_CLI_OPTIONS_H

#include "cli_output.h"
#include "query_options.h"

/* The output formats; a program takes a set of them (bits). */
typedef enum { CLI_TEXT, CLI_CSV, CLI_JSON, CLI_GEOJSON } cli_format;
#define CLI_FORMAT_BIT(f) (1u << (f))

typedef struct {
    char *format, *output, *list, *export_dir;
    gboolean quiet, force, version, list_nodes, list_scenarios;
} cli_options;

/* The entries, written to `out` (room for CLI_OPTION_ENTRIES); how many. */
#define CLI_OPTION_ENTRIES 9
size_t cli_options_entries(cli_options *co, GOptionEntry *out);
void cli_options_clear(cli_options *co);

/* The --format asked for: text when not given. */
cli_format cli_options_format(const cli_options *co);
/* Checks --format against the program's `formats` (CLI_FORMAT_BIT set),
 * --list's kind, --force without --export-network and the side actions
 * together; NULL when fine, else the usage message (g_free). */
char *cli_options_problem(const cli_options *co, unsigned formats);
/* Whether a side action (--version, --list.., --export-network) is asked. */
bool cli_options_side_action(const cli_options *co);
/* Runs the side action on the network the query options describe
 * (--network, --scenario); `ignored` names an option given that it would
 * ignore (a usage error), or is NULL. Returns the exit code. */
int cli_options_run_side_action(const char *prog, const cli_options *co, query_options *qo,
                                const char *ignored);

/* "--format NAME": the name of a format. */
const char *cli_format_name(cli_format format);

/* ---- cli_list.c: --list ------------------------------------------------ */

/* Whether `kind` is one --list knows (nodes, corridors, countries, modes,
 * scenarios). */
bool cli_list_kind_known(const char *kind);
/* Prints the list of `kind` of `net` (NULL for scenarios and modes) in
 * `format` (text table, CSV or JSON) to `out`. */
void cli_list_print(FILE *out, const fr_network *net, const char *kind, cli_format format);

/* ---- cli_export.c: --export-network ------------------------------------ */

/* Writes the network the options describe into `dir` (the embedded one
 * without a scenario: with its README and scenarios); a `dir` that exists
 * and is not empty is an error unless `force`. Returns the exit code. */
int cli_export_network(const char *prog, query_options *qo, const char *dir, bool force);

#endif
