/* fuzz_options.c - the programs' shared option layer (examples/: query
 * options, dated options, --format/--list/.. and the names in them) over
 * an argv made of the input: its lines, or, when the input holds a NUL,
 * its NUL-separated words (an empty word is an empty argument; a last
 * line break or NUL ends the last word and adds none). argv[0] is the
 * program's name; at most FUZZ_MAX_ARGS words are taken.
 *
 * The words are parsed by a GOptionContext of the shared entries (--network,
 * --objective .. --max-cost, --scenario, the dated options, --format ..
 * --version) and --from/--to (one node each, default CNCKG and DEDUI), with
 * --help disabled (it would exit). Then the checks the programs run, in
 * their order: cli_options_problem() (every format, and text/csv/json),
 * query_options_figures_problem(), query_options_bounds_problem(),
 * date_options_problem(). A side action (--list ..) is printed to memory;
 * --export-network, --output and --version are never performed. When every
 * check passes: --avoid, --avoid-corridor, --from and --to are resolved
 * against the embedded network (loaded once, with an embedded --scenario
 * applied), the dated options parsed against it, the query built
 * (query_options_build(), date_choice_apply()) and routed.
 *
 * Nothing named by the input is read: --network is dropped (the embedded
 * network is used), and a --scenario naming a file or an --avoid item
 * @FILE stops before the network.
 *
 * Invariants: a parse fails exactly with an error; a problem is a
 * non-empty message; checked options mean something valid (modes a
 * non-empty subset of all, a known objective, a quantity > 0, bounds 0 or
 * more, a known format); dated options parse exactly without a problem, a
 * window has at most FR_MAX_PROFILE_ROWS departures; a route is NULL
 * exactly with an FR_ERROR. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include "fuzz_entry.h"

#include "cli_common.h"
#include "cli_names.h"
#include "cli_options.h"
#include "query_options.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FUZZ_MAX_ARGS 64
static const char prog[] = "fr-fuzz";

static const fr_network *embedded(void)
{
    static fr_network *net;
    if (!net) {
        net = fr_network_load_default(NULL);
        FR_FUZZ_CHECK(net != NULL && fr_network_find_node(net, "CNCKG") >= 0 &&
                      fr_network_find_node(net, "DEDUI") >= 0);
    }
    return net;
}

/* The input as argv (g_strfreev): argv[0], then its words. */
static char **input_argv(const uint8_t *data, size_t size)
{
    char sep = memchr(data, '\0', size) ? '\0' : '\n';
    GPtrArray *args = g_ptr_array_new();
    g_ptr_array_add(args, g_strdup(prog));
    size_t start = 0;
    for (size_t i = 0; i <= size && args->len <= FUZZ_MAX_ARGS; i++) {
        if (i < size && (char)data[i] != sep)
            continue;
        if (i < size || i > start) /* a final separator adds no empty word */
            g_ptr_array_add(args, g_strndup((const char *)data + start, i - start));
        start = i + 1;
    }
    g_ptr_array_add(args, NULL);
    return (char **)g_ptr_array_free(args, FALSE);
}

typedef struct {
    query_options query;
    query_choice choice;
    date_options dates;
    cli_options cli;
    char *from, *to;
} options;

static GOptionContext *option_context(options *o)
{
    GOptionEntry entries[QUERY_OPTION_ENTRIES + DATE_OPTION_ENTRIES + CLI_OPTION_ENTRIES + 8];
    size_t n = 0;
    entries[n++] = query_options_network_entry(&o->query);
    entries[n++] = (GOptionEntry){"from", 'f', 0, G_OPTION_ARG_STRING, &o->from, "Origin",
                                  "NODE"};
    entries[n++] = (GOptionEntry){"to", 't', 0, G_OPTION_ARG_STRING, &o->to, "Destination",
                                  "NODE"};
    n += query_options_entries(&o->query, entries + n);
    entries[n++] = query_options_scenario_entry(&o->query);
    n += date_options_entries(&o->dates,
                              DATE_OPTION_DEPART | DATE_OPTION_ARRIVE_BY | DATE_OPTION_ON |
                                  DATE_OPTION_WINDOW,
                              entries + n);
    n += cli_options_entries(&o->cli, entries + n);
    entries[n++] = (GOptionEntry){NULL, 0, 0, 0, NULL, NULL, NULL};
    FR_FUZZ_CHECK(n <= G_N_ELEMENTS(entries));
    GOptionContext *ctx = g_option_context_new(NULL);
    g_option_context_set_help_enabled(ctx, FALSE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    return ctx;
}

/* A check's answer: NULL, or a non-empty message (freed here); whether fine. */
static bool fine(char *problem)
{
    if (!problem)
        return true;
    FR_FUZZ_CHECK(problem[0] != '\0');
    g_free(problem);
    return false;
}

/* --list (or an alias) printed to memory, on the embedded network. */
static void list_to_memory(const cli_options *co)
{
    const char *kind = co->list ? co->list : co->list_nodes ? "nodes" : "scenarios";
    FR_FUZZ_CHECK(cli_list_kind_known(kind));
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    FR_FUZZ_CHECK(out != NULL);
    cli_list_print(out, embedded(), kind, cli_options_format(co));
    FR_FUZZ_CHECK(fclose(out) == 0);
    FR_FUZZ_CHECK(text != NULL);
    free(text);
}

/* Whether resolving the options would read a file the input names. */
static bool names_a_file(const options *o)
{
    if (o->query.scenario && scenario_value_is_file(o->query.scenario))
        return true;
    for (char **v = o->query.avoid; v && *v; v++)
        if (strchr(*v, '@'))
            return true;
    return false;
}

static void check_error(GError *error, bool failed)
{
    FR_FUZZ_CHECK(failed == (error != NULL));
    if (error) {
        FR_FUZZ_CHECK(error->domain == FR_ERROR && error->message[0] != '\0');
        g_error_free(error);
    }
}

/* The query between `from` and `to`, dated, routed on `net`. */
static void route(const fr_network *net, options *o, const char *from, const char *to)
{
    date_choice dc;
    char *problem = NULL;
    bool parsed = date_options_parse(&o->dates, net, from, to, &dc, &problem);
    FR_FUZZ_CHECK(parsed == (problem == NULL));
    if (!fine(problem))
        return;
    FR_FUZZ_CHECK(date_choice_window_count(&dc) <= FR_MAX_PROFILE_ROWS);
    FR_FUZZ_CHECK((dc.first != NULL) == (o->dates.window != NULL));
    fr_query *query = query_options_build(&o->query, &o->choice, from, to);
    FR_FUZZ_CHECK(query != NULL);
    date_choice_apply(&dc, query);
    if (dc.first) /* a window: its first departure, as the profile's first row */
        fr_query_set_departure(query, dc.first);
    GError *error = NULL;
    fr_route *r = fr_network_route(net, query, &error);
    check_error(error, r == NULL);
    fr_route_free(r);
    fr_query_free(query);
    date_choice_clear(&dc);
}

/* The network with the --scenario, the names resolved, the query routed. */
static void run(options *o)
{
    const fr_network *net = embedded();
    fr_network *changed = NULL;
    if (o->query.scenario) {
        int code = EXIT_OK;
        changed = scenario_option_apply(prog, net, o->query.scenario, NULL, &code);
        if (!changed) {
            FR_FUZZ_CHECK(code == EXIT_USAGE || code == EXIT_INPUT);
            return;
        }
        net = changed;
    }
    GError *error = NULL;
    char *from = NULL, *to = NULL;
    if (query_options_resolve_avoided(&o->query, net, &error)) {
        from = cli_resolve_node(net, "--from", o->from ? o->from : "CNCKG", &error);
        to = from ? cli_resolve_node(net, "--to", o->to ? o->to : "DEDUI", &error) : NULL;
    }
    check_error(error, to == NULL);
    if (to)
        route(net, o, from, to);
    g_free(from);
    g_free(to);
    fr_network_free(changed);
}

/* The checks of the programs, in their order; true when all pass. */
static bool checked(options *o)
{
    unsigned all = ~0u;
    unsigned tabular = CLI_FORMAT_BIT(CLI_TEXT) | CLI_FORMAT_BIT(CLI_CSV) |
                       CLI_FORMAT_BIT(CLI_JSON);
    bool cli_fine = fine(cli_options_problem(&o->cli, all));
    bool tabular_fine = fine(cli_options_problem(&o->cli, tabular));
    FR_FUZZ_CHECK(!tabular_fine || cli_fine); /* fewer formats, never fewer problems */
    if (!cli_fine)
        return false;
    if (o->cli.format) {
        cli_format f = cli_options_format(&o->cli);
        FR_FUZZ_CHECK(g_str_equal(o->cli.format, cli_format_name(f)));
        FR_FUZZ_CHECK(tabular_fine == (f != CLI_GEOJSON));
    }
    if (cli_options_side_action(&o->cli)) {
        if (!o->cli.version && !o->cli.export_dir)
            list_to_memory(&o->cli);
        return false; /* a program stops here */
    }
    if (!fine(query_options_figures_problem(&o->query, &o->choice)))
        return false;
    FR_FUZZ_CHECK(o->choice.modes != 0 && (o->choice.modes & ~(fr_mode_set)FR_MODES_ALL) == 0);
    FR_FUZZ_CHECK(o->choice.objective < FR_OBJECTIVE_COUNT);
    FR_FUZZ_CHECK(isfinite(o->query.quantity) && o->query.quantity > 0);
    if (!fine(query_options_bounds_problem(&o->query, &o->choice)))
        return false;
    FR_FUZZ_CHECK(o->choice.max_time >= 0 && o->choice.max_cost >= 0);
    if (!fine(date_options_problem(&o->dates)))
        return false;
    char *lists[] = {o->from, o->to, NULL};
    return fine(cli_list_problem("--from/--to", lists));
}

int fr_fuzz_options(const uint8_t *data, size_t size)
{
    char **argv = input_argv(data, size);
    options o = {0};
    query_options_init(&o.query, &o.choice);
    GOptionContext *ctx = option_context(&o);
    GError *error = NULL;
    bool parsed = g_option_context_parse_strv(ctx, &argv, &error);
    FR_FUZZ_CHECK(parsed == (error == NULL));
    if (!parsed) {
        FR_FUZZ_CHECK(error->message[0] != '\0');
        g_error_free(error);
    } else if (g_strv_length(argv) <= 1) { /* no argument left over */
        /* never read a directory the input names, nor write anywhere */
        g_clear_pointer(&o.query.network, g_free);
        o.query.quiet = o.cli.quiet;
        if (checked(&o) && !names_a_file(&o))
            run(&o);
    }
    g_option_context_free(ctx);
    g_strfreev(argv);
    query_options_clear(&o.query);
    date_options_clear(&o.dates);
    cli_options_clear(&o.cli);
    g_free(o.from);
    g_free(o.to);
    return 0;
}
