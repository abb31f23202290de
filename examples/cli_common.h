/* cli_common.h - what the example programs share at the bottom: the exit
 * status table, error and warning reporting, the locale, loading the
 * network a user named (or the embedded one), the one list syntax of every
 * list option, and CSV/JSON quoting. */
#ifndef FR_CLI_COMMON_H
#define FR_CLI_COMMON_H

#include "freightroute.h"

#include <stdio.h>

/* The exit status of every program (printed by --help, FORMAT.md §7). */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_NO_ROUTE = 3 };
#define CLI_EXIT_TABLE                                                                          \
    "Exit status:\n"                                                                            \
    "  0  success\n"                                                                            \
    "  1  invalid network or input (unknown id or name, unreadable file, overflow)\n"           \
    "  2  bad usage (unknown option, bad value, empty list item, empty --from/--to,\n"          \
    "     an option that would be ignored, conflicting options)\n"                              \
    "  3  no route: fr-route found none; fr-matrix and fr-corridors when no pair or\n"          \
    "     destination has any route (the output is still written)\n"

/* setlocale(LC_ALL, "") so that --help speaks the user's character set
 * ("§" under C.UTF-8), then LC_NUMERIC "C" so numbers print with a '.'. */
void cli_init_locale(void);

/* Prints "<prog>: <message>" (and a --help hint for usage errors) to
 * standard error and returns the exit code for it. */
int cli_fail(const char *prog, int code, const char *message);
/* The exit code for an error from the library, after printing it. */
int cli_fail_error(const char *prog, const GError *error);
/* Prints "<prog>: warning: <text>" to standard error unless quiet. */
void cli_warn(const char *prog, bool quiet, const char *text);

/* The network in `dir`, or the embedded one when dir is NULL; a missing
 * directory is "DIR: no such directory". */
fr_network *cli_load_network(const char *dir, GError **error);
/* The loader's warnings (fr_network_warnings()) as cli_warn() prints them. */
void cli_print_warnings(const char *prog, bool quiet, const fr_network *net);

/* The one list syntax: values of a repeatable option, each comma-separated,
 * items trimmed. NULL when every item is non-empty, else the usage message
 * naming the option (g_free). */
char *cli_list_problem(const char *option, char *const *values);
/* The items of such values, in order (g_strfreev); empty items skipped
 * (cli_list_problem() refuses them first). */
char **cli_split_list(char *const *values);

/* `text` as a CSV cell: quoted (inner quotes doubled) when it holds a comma,
 * a quote or a line break (g_free). */
char *cli_csv_quote(const char *text);

/* `text` as a JSON string literal, quotes included (g_free). */
char *cli_json_quote(const char *text);

#endif
