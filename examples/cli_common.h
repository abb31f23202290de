/* cli_common.h - what the example programs share: exit codes, error
 * reporting, loading the network a user named (or the embedded one), and
 * parsing of comma-separated option lists. */
#ifndef FR_CLI_COMMON_H
#define FR_CLI_COMMON_H

#include "freightroute.h"

/* Exit codes of FORMAT.md §3. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_NO_ROUTE = 3 };

/* Prints "<prog>: <message>" (and a --help hint for usage errors) to
 * standard error and returns the exit code for it. */
int cli_fail(const char *prog, int code, const char *message);
/* The exit code for an error from the library, after printing it. */
int cli_fail_error(const char *prog, const GError *error);

/* The network in `dir`, or the embedded one when dir is NULL. */
fr_network *cli_load_network(const char *dir, GError **error);

/* Splits repeated, comma-separated option values ("a,b" "c") into one
 * NULL-terminated list without empty items (g_strfreev). */
char **cli_split_list(char **values);

/* `text` as a CSV cell: quoted (inner quotes doubled) when it holds a comma,
 * a quote or a line break (g_free). */
char *cli_csv_quote(const char *text);

/* `text` as a JSON string literal, quotes included (g_free). */
char *cli_json_quote(const char *text);

#endif
