/* cli_common.c - helpers shared by the example programs (see cli_common.h). */
#include "cli_common.h"

#include <stdio.h>
#include <string.h>

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

fr_network *cli_load_network(const char *dir, GError **error)
{
    return dir ? fr_network_load_dir(dir, error) : fr_network_load_default(error);
}

char **cli_split_list(char **values)
{
    GPtrArray *items = g_ptr_array_new();
    for (char **v = values; v && *v; v++) {
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
