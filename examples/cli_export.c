/* cli_export.c - --export-network DIR [--force] (declared in
 * cli_options.h): the network the options describe written as a network
 * directory; a DIR that exists and is not empty is refused unless --force. */
#include "cli_common.h"
#include "cli_options.h"

#include <stdio.h>

/* Whether `dir` exists and holds anything; *is_dir whether it is a directory. */
static bool has_content(const char *dir, bool *is_dir)
{
    *is_dir = g_file_test(dir, G_FILE_TEST_IS_DIR);
    if (!*is_dir)
        return g_file_test(dir, G_FILE_TEST_EXISTS);
    GDir *d = g_dir_open(dir, 0, NULL);
    bool content = d && g_dir_read_name(d) != NULL;
    if (d)
        g_dir_close(d);
    return content;
}

/* The refusal of an existing `dir`, or NULL when writing may go on. */
static char *dir_problem(const char *dir, bool force)
{
    bool is_dir;
    bool content = has_content(dir, &is_dir);
    if (content && !is_dir)
        return g_strdup_printf("--export-network %s: exists and is not a directory", dir);
    if (content && !force)
        return g_strdup_printf("--export-network %s: the directory exists and is not empty; "
                               "add --force to write into it (files of the same names are "
                               "replaced)",
                               dir);
    return NULL;
}

int cli_export_network(const char *prog, query_options *qo, const char *dir, bool force)
{
    char *problem = dir_problem(dir, force);
    if (problem) {
        int code = cli_fail(prog, EXIT_INPUT, problem);
        g_free(problem);
        return code;
    }
    GError *error = NULL;
    bool done;
    if (!qo->network && !qo->scenario) {
        done = fr_network_export_default(dir, &error);
    } else {
        int code = EXIT_OK;
        fr_network *net = query_options_load_network(prog, qo, &code);
        if (!net)
            return code;
        done = fr_network_export(net, dir, force ? FR_EXPORT_OVERWRITE : 0, &error);
        fr_network_free(net);
    }
    if (!done) {
        int code = cli_fail_error(prog, error);
        g_error_free(error);
        return code;
    }
    if (!qo->quiet)
        printf("wrote the network to %s\n", dir);
    return EXIT_OK;
}
