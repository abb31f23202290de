/* cli_options.c - the options every program shares besides the query ones
 * (see cli_options.h): entries, checks and the side actions. */
#include "cli_options.h"

#include "cli_common.h"


static const char *const format_names[] = {"text", "csv", "json", "geojson"};

const char *cli_format_name(cli_format format) { return format_names[format]; }

size_t cli_options_entries(cli_options *co, GOptionEntry *out)
{
    const GOptionEntry entries[CLI_OPTION_ENTRIES] = {
        {"format", 0, 0, G_OPTION_ARG_STRING, &co->format,
         "text, csv, json (or geojson where there are routes); default text (fr-matrix: csv)",
         "FORMAT"},
        {"output", 0, 0, G_OPTION_ARG_FILENAME, &co->output,
         "Write to FILE instead of standard output", "FILE"},
        {"quiet", 0, 0, G_OPTION_ARG_NONE, &co->quiet,
         "No warnings or notes on standard error (errors still)", NULL},
        {"list", 0, 0, G_OPTION_ARG_STRING, &co->list,
         "List the network's nodes, corridors, countries, modes or scenarios (in --format) "
         "and exit",
         "WHAT"},
        {"list-nodes", 0, 0, G_OPTION_ARG_NONE, &co->list_nodes, "Same as --list nodes", NULL},
        {"list-scenarios", 0, 0, G_OPTION_ARG_NONE, &co->list_scenarios,
         "Same as --list scenarios", NULL},
        {"export-network", 0, 0, G_OPTION_ARG_FILENAME, &co->export_dir,
         "Write the network the options describe (--network, --scenario) as CSV files into "
         "DIR and exit; DIR must be new or empty unless --force",
         "DIR"},
        {"force", 0, 0, G_OPTION_ARG_NONE, &co->force,
         "With --export-network: write into a DIR that is not empty", NULL},
        {"version", 'V', 0, G_OPTION_ARG_NONE, &co->version, "Print the version and exit", NULL},
    };
    for (size_t i = 0; i < CLI_OPTION_ENTRIES; i++)
        out[i] = entries[i];
    return CLI_OPTION_ENTRIES;
}

void cli_options_clear(cli_options *co)
{
    g_free(co->format);
    g_free(co->output);
    g_free(co->list);
    g_free(co->export_dir);
}

cli_format cli_options_format(const cli_options *co)
{
    for (size_t f = 0; co->format && f < G_N_ELEMENTS(format_names); f++)
        if (g_str_equal(co->format, format_names[f]))
            return (cli_format)f;
    return CLI_TEXT;
}

/* "text, csv, json": the names of the formats in the set. */
static char *format_list(unsigned formats)
{
    GString *names = g_string_new(NULL);
    for (size_t f = 0; f < G_N_ELEMENTS(format_names); f++)
        if (formats & CLI_FORMAT_BIT(f))
            g_string_append_printf(names, "%s%s", names->len ? ", " : "", format_names[f]);
    return g_string_free(names, FALSE);
}

static char *format_problem(const cli_options *co, unsigned formats)
{
    if (!co->format)
        return NULL;
    cli_format f = cli_options_format(co);
    if (g_str_equal(co->format, format_names[f]) && (formats & CLI_FORMAT_BIT(f)))
        return NULL;
    char *names = format_list(formats);
    char *problem = g_strdup_printf("unknown format '%s' here (expected %s)", co->format, names);
    g_free(names);
    return problem;
}

/* How many of the side actions are asked for. */
static int side_actions(const cli_options *co)
{
    return (co->version != 0) + (co->list != NULL) + (co->list_nodes != 0) +
           (co->list_scenarios != 0) + (co->export_dir != NULL);
}

char *cli_options_problem(const cli_options *co, unsigned formats)
{
    if (co->list && !cli_list_kind_known(co->list))
        return g_strdup_printf("--list '%s': expected nodes, corridors, countries, modes or "
                               "scenarios",
                               co->list);
    if (side_actions(co) > 1)
        return g_strdup("--version, --list, --list-nodes, --list-scenarios and "
                        "--export-network each do one thing; give one of them");
    if (co->force && !co->export_dir)
        return g_strdup("--force goes with --export-network (it would be ignored)");
    if (co->export_dir && (co->format || co->output))
        return g_strdup_printf("--export-network writes CSV files into its DIR; %s would be "
                               "ignored",
                               co->format ? "--format" : "--output");
    if (co->version && (co->format || co->output))
        return g_strdup("--version prints one line; --format and --output would be ignored");
    if (side_actions(co) && co->format) {
        cli_format f = cli_options_format(co);
        if (f == CLI_GEOJSON || !g_str_equal(co->format, format_names[f]))
            return g_strdup_printf("--list takes --format text, csv or json (got '%s')",
                                   co->format);
        return NULL;
    }
    return side_actions(co) ? NULL : format_problem(co, formats);
}

bool cli_options_side_action(const cli_options *co) { return side_actions(co) > 0; }

/* --list WHAT (or an alias): prints it; the exit code. */
static int run_list(const char *prog, const cli_options *co, query_options *qo)
{
    const char *kind = co->list ? co->list : co->list_nodes ? "nodes" : "scenarios";
    bool needs_network = g_str_equal(kind, "nodes") || g_str_equal(kind, "corridors") ||
                         g_str_equal(kind, "countries");
    int code = EXIT_OK;
    fr_network *net = needs_network ? query_options_load_network(prog, qo, &code) : NULL;
    if (needs_network && !net)
        return code;
    FILE *out = cli_output_open(prog, co->output, &code);
    if (out) {
        cli_list_print(out, net, kind, cli_options_format(co));
        code = cli_output_close(prog, co->output, out);
    }
    fr_network_free(net);
    return code;
}

int cli_options_run_side_action(const char *prog, const cli_options *co, query_options *qo,
                                const char *ignored)
{
    if (ignored) {
        const char *action = co->version ? "--version" : co->export_dir ? "--export-network"
                                                                      : "--list";
        char *message = g_strdup_printf("%s does not route; %s would be ignored", action, ignored);
        int code = cli_fail(prog, EXIT_USAGE, message);
        g_free(message);
        return code;
    }
    if (co->version) {
        printf("%s (freightroute) %s\n", prog, fr_version());
        return EXIT_OK;
    }
    if (co->export_dir)
        return cli_export_network(prog, qo, co->export_dir, co->force);
    return run_list(prog, co, qo);
}
