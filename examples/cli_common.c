/* cli_common.c - helpers shared by the example programs (see cli_common.h). */
#include "cli_common.h"

#include <locale.h>
#include <string.h>

void cli_init_locale(void)
{
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
}

int cli_fail(const char *prog, int code, const char *message)
{
    fprintf(stderr, "%s: %s\n", prog, message);
    if (code == EXIT_USAGE)
        fprintf(stderr, "Try '%s --help' for the options.\n", prog);
    return code;
}

int cli_fail_error(const char *prog, const GError *error)
{
    int code = EXIT_INPUT;
    if (error->domain == FR_ERROR && error->code == FR_ERROR_NO_ROUTE)
        code = EXIT_NO_ROUTE;
    return cli_fail(prog, code, error->message);
}

void cli_warn(const char *prog, bool quiet, const char *text)
{
    if (!quiet)
        fprintf(stderr, "%s: warning: %s\n", prog, text);
}

fr_network *cli_load_network(const char *dir, GError **error)
{
    if (dir && !g_file_test(dir, G_FILE_TEST_EXISTS)) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: no such directory", dir);
        return NULL;
    }
    return dir ? fr_network_load_dir(dir, error) : fr_network_load_default(error);
}

void cli_print_warnings(const char *prog, bool quiet, const fr_network *net)
{
    const char *const *warnings = fr_network_warnings(net);
    for (const char *const *w = warnings; w && *w; w++)
        cli_warn(prog, quiet, *w);
}

char *cli_list_problem(const char *option, char *const *values)
{
    for (char *const *v = values; v && *v; v++) {
        char **parts = g_strsplit(*v, ",", -1);
        bool empty = parts[0] == NULL; /* "" */
        for (char **p = parts; *p && !empty; p++)
            empty = *g_strstrip(*p) == '\0';
        g_strfreev(parts);
        if (empty)
            return g_strdup_printf("%s '%s' has an empty item (items are separated by one "
                                   "comma, none may be empty)",
                                   option, *v);
    }
    return NULL;
}

char **cli_split_list(char *const *values)
{
    GPtrArray *items = g_ptr_array_new();
    for (char *const *v = values; v && *v; v++) {
        char **parts = g_strsplit(*v, ",", -1);
        for (char **p = parts; *p; p++) {
            g_strstrip(*p);
            if (**p)
                g_ptr_array_add(items, g_strdup(*p));
        }
        g_strfreev(parts);
    }
    g_ptr_array_add(items, NULL);
    return (char **)g_ptr_array_free(items, FALSE);
}

char *cli_csv_quote(const char *text)
{
    if (!strpbrk(text, ",\"\n\r"))
        return g_strdup(text);
    GString *out = g_string_new("\"");
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
    return g_string_free(out, FALSE);
}

char *cli_json_quote(const char *text)
{
    GString *out = g_string_new("\"");
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(out, "\\%c", *p);
        else if (*p < 0x20)
            g_string_append_printf(out, "\\u%04x", *p);
        else
            g_string_append_c(out, (char)*p);
    }
    g_string_append_c(out, '"');
    return g_string_free(out, FALSE);
}
