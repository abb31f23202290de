/* fr_matrix.c - the fr-matrix command line: the best route of one query
 * (the options of fr-route, query_options.c) for every origin x destination
 * pair, computed in parallel by fr_network_matrix(), written as CSV (one
 * row per pair) or JSON. Exit status as fr-route's: 0 the matrix was
 * written (whether or not every pair has a route), 1 invalid network or
 * input (unknown or avoided id, unreadable file), 2 bad usage. */
#include "cli_common.h"
#include "query_options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *prog = "fr-matrix";

#define MAX_THREADS 1024

typedef struct {
    query_options query; /* --network, --objective .. --max-cost */
    date_options dates;  /* --depart, --arrive-by, --on */
    char **from, **to;
    char *threads, *format, *output;
    gboolean all, routes, progress, no_progress, version;
} options;

/* What the options ask for, checked and parsed. */
typedef struct {
    query_choice query;
    unsigned threads;
    bool json, progress;
} request;

static void options_clear(options *o)
{
    query_options_clear(&o->query);
    date_options_clear(&o->dates);
    g_strfreev(o->from);
    g_strfreev(o->to);
    g_free(o->threads);
    g_free(o->format);
    g_free(o->output);
}

static GOptionContext *option_context(options *o)
{
    GOptionEntry entries[QUERY_OPTION_ENTRIES + DATE_OPTION_ENTRIES + 16];
    size_t n = 0;
    entries[n++] = query_options_network_entry(&o->query);
    const GOptionEntry lists[] = {
        {"from", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &o->from,
         "Origin node ids, comma-separated, or @FILE with one id per line", "LIST"},
        {"to", 't', 0, G_OPTION_ARG_STRING_ARRAY, &o->to,
         "Destination node ids, the same way (default: the origins)", "LIST"},
        {"all", 'a', 0, G_OPTION_ARG_NONE, &o->all,
         "Every node with a link, as origins and destinations", NULL}};
    for (size_t i = 0; i < G_N_ELEMENTS(lists); i++)
        entries[n++] = lists[i];
    n += query_options_entries(&o->query, entries + n);
    entries[n++] = query_options_scenario_entry(&o->query);
    n += date_options_entries(&o->dates, DATE_OPTION_DEPART | DATE_OPTION_ARRIVE_BY | DATE_OPTION_ON,
                              entries + n);
    const GOptionEntry own[] = {
        {"threads", 'j', 0, G_OPTION_ARG_STRING, &o->threads,
         "Worker threads (default 0: one per processor)", "N"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o->format, "csv or json (default: csv)", "FORMAT"},
        {"routes", 'r', 0, G_OPTION_ARG_NONE, &o->routes,
         "Each pair's route too (JSON: the route object; CSV: a links column)", NULL},
        {"output", 0, 0, G_OPTION_ARG_FILENAME, &o->output,
         "Write to FILE instead of standard output", "FILE"},
        {"progress", 0, 0, G_OPTION_ARG_NONE, &o->progress,
         "Show origins done on standard error (default: when it is a terminal)", NULL},
        {"no-progress", 0, 0, G_OPTION_ARG_NONE, &o->no_progress, "Do not show progress", NULL},
        {"version", 'V', 0, G_OPTION_ARG_NONE, &o->version, "Print the version and exit", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    for (size_t i = 0; i < G_N_ELEMENTS(own); i++)
        entries[n++] = own[i];
    GOptionContext *ctx = g_option_context_new("--from LIST [--to LIST] | --all");
    g_option_context_set_summary(ctx, "The best multimodal freight route for every origin x "
                                      "destination pair of nodes (FORMAT.md §2), as CSV or "
                                      "JSON.");
    g_option_context_set_description(
        ctx, "The query options mean what they mean for fr-route; figures are per TEU and\n"
             "totals cover the whole --quantity. An id may be listed twice (its cells repeat).\n"
             "CSV has one row per pair: origin,destination,status,cost_usd,time_h,co2_kg,\n"
             "distance_km,transfers,objective (status route, no_route or same_node).\n\n"
             "Exit status: 0 the matrix was written (pairs without a route included),\n"
             "1 invalid network or input (an unknown or avoided id, an unreadable file),\n"
             "2 bad usage.\n\n"
             "--scenario answers on the network changed by a scenario (FORMAT.md section 6):\n"
             "a file of rules or an embedded name (fr-route --list-scenarios).\n\n"
             "Examples:\n  fr-matrix --from CNCKG,CNCTU --to DEDUI,PLLOD,SGSIN --objective time\n"
             "  fr-matrix --all --format json --routes --output matrix.json\n"
             "  fr-matrix --from @origins.txt --to @destinations.txt --threads 4\n");
    g_option_context_add_main_entries(ctx, entries, NULL);
    return ctx;
}

/* Checks --all, --from and --to, --threads, --format and the progress
 * switches; NULL when fine, else a message. */
static char *own_problem(const options *o, request *rq)
{
    guint64 threads = 0;
    if (o->all && (o->from || o->to))
        return g_strdup("--all cannot be combined with --from or --to");
    if (!o->all && !o->from)
        return g_strdup(o->to ? "--to needs --from (or use --all)"
                              : "--from (or --all) is required");
    if (o->threads &&
        !g_ascii_string_to_unsigned(o->threads, 10, 0, MAX_THREADS, &threads, NULL))
        return g_strdup_printf("--threads must be a whole number from 0 to %d (got '%s')",
                               MAX_THREADS, o->threads);
    rq->threads = (unsigned)threads;
    if (o->format && !g_str_equal(o->format, "csv") && !g_str_equal(o->format, "json"))
        return g_strdup_printf("unknown format '%s' (expected csv, json)", o->format);
    rq->json = o->format && g_str_equal(o->format, "json");
    if (o->progress && o->no_progress)
        return g_strdup("--progress and --no-progress cannot be combined");
    rq->progress = o->progress || (!o->no_progress && isatty(STDERR_FILENO));
    return NULL;
}

/* Checks what the options say on their own; NULL when fine, else a message. */
static char *usage_problem(const options *o, request *rq)
{
    char *problem = query_options_figures_problem(&o->query, &rq->query);
    if (!problem)
        problem = query_options_bounds_problem(&o->query, &rq->query);
    if (!problem)
        problem = date_options_problem(&o->dates);
    if (!problem)
        problem = own_problem(o, rq);
    return problem;
}

/* ---- origin and destination lists ------------------------------------------ */

/* Adds the ids of FILE, one per line (blank lines and #-comments skipped). */
static bool read_id_file(const char *option, const char *file, GPtrArray *ids, GError **error)
{
    char *text = NULL;
    GError *local = NULL;
    if (!g_file_get_contents(file, &text, NULL, &local)) {
        g_set_error(error, local->domain, local->code, "%s: %s", option, local->message);
        g_error_free(local);
        return false;
    }
    char **lines = g_strsplit(text, "\n", -1);
    for (char **line = lines; *line; line++) {
        g_strstrip(*line);
        if (**line && **line != '#')
            g_ptr_array_add(ids, g_strdup(*line));
    }
    g_strfreev(lines);
    g_free(text);
    return true;
}

/* The ids of --from or --to values: comma-separated lists and @FILEs. */
static GPtrArray *read_ids(const char *option, char **values, GError **error)
{
    GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
    for (char **v = values; v && *v; v++) {
        if (**v == '@') {
            if (!read_id_file(option, *v + 1, ids, error)) {
                g_ptr_array_free(ids, TRUE);
                return NULL;
            }
            continue;
        }
        char *one[] = {*v, NULL};
        char **items = cli_split_list(one);
        for (char **item = items; *item; item++)
            g_ptr_array_add(ids, g_strdup(*item));
        g_strfreev(items);
    }
    return ids;
}

/* Every node with at least one link, in file order. */
static GPtrArray *linked_nodes(const fr_network *net)
{
    GHashTable *linked = g_hash_table_new(g_str_hash, g_str_equal);
    fr_link_info link;
    for (size_t i = 0; fr_network_link(net, i, &link); i++) {
        g_hash_table_add(linked, (gpointer)link.from);
        g_hash_table_add(linked, (gpointer)link.to);
    }
    GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
    fr_node_info node;
    for (size_t i = 0; fr_network_node(net, i, &node); i++)
        if (g_hash_table_contains(linked, node.id))
            g_ptr_array_add(ids, g_strdup(node.id));
    g_hash_table_destroy(linked);
    return ids;
}

/* The origin and destination lists the options name; an exit code (not
 * EXIT_OK) after printing the problem when they cannot be had. */
static int id_lists(const options *o, const fr_network *net, GPtrArray **from, GPtrArray **to)
{
    GError *error = NULL;
    *to = NULL;
    *from = o->all ? linked_nodes(net) : read_ids("--from", o->from, &error);
    if (*from && !o->all)
        *to = o->to ? read_ids("--to", o->to, &error) : g_ptr_array_ref(*from);
    else if (*from)
        *to = g_ptr_array_ref(*from);
    if (error) {
        int code = cli_fail(prog, EXIT_INPUT, error->message);
        g_error_free(error);
        return code;
    }
    if ((*from)->len == 0 || (*to)->len == 0)
        return cli_fail(prog, o->all ? EXIT_INPUT : EXIT_USAGE,
                        o->all ? "the network has no links, so no origins"
                               : (*from)->len == 0 ? "--from names no node id"
                                                   : "--to names no node id");
    return EXIT_OK;
}

/* ---- computing and writing --------------------------------------------------- */

/* "fr-matrix: 340/1000 origins", rewritten in place; a newline at the end. */
static void show_progress(size_t done, size_t total, void *unused)
{
    (void)unused;
    fprintf(stderr, "\r%s: %zu/%zu origins", prog, done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* Writes text to --output (or standard output); an exit code. */
static int write_output(const char *file, const char *text)
{
    FILE *out = file ? fopen(file, "w") : stdout;
    bool ok = out && fputs(text, out) >= 0;
    if (out && out != stdout)
        ok = fclose(out) == 0 && ok;
    else if (out)
        ok = fflush(out) == 0 && ok;
    if (ok)
        return EXIT_OK;
    char *message = g_strdup_printf("cannot write %s: %s", file ? file : "standard output",
                                    g_strerror(errno));
    int code = cli_fail(prog, EXIT_INPUT, message);
    g_free(message);
    return code;
}

/* ---- dates ------------------------------------------------------------------ */

/* Whether a date-time text carries its offset ("...+08:00", "...Z"). */
static bool has_offset(const char *text)
{
    const char *time = strpbrk(text, "T ");
    return time && strpbrk(time, "Zz+-");
}

/* The zone of the first of `ids` when all share it; NULL when they differ. */
static const char *common_zone(const fr_network *net, const GPtrArray *ids)
{
    const char *first = NULL;
    for (guint i = 0; i < ids->len; i++) {
        long node = fr_network_find_node(net, g_ptr_array_index(ids, i));
        const char *zone = g_time_zone_get_identifier(fr_network_node_timezone(net, (size_t)node));
        if (first && strcmp(first, zone) != 0)
            return NULL;
        first = zone;
    }
    return first;
}

/* --depart and --arrive-by without an offset are local times of the
 * origins or the destinations, which must then share one zone. NULL when
 * fine, else the usage message. */
static char *zone_problem(const fr_network *net, const date_options *d, const GPtrArray *from,
                          const GPtrArray *to)
{
    if (d->depart && !has_offset(d->depart) && !common_zone(net, from))
        return g_strdup_printf("--depart '%s' has no offset and the origins are in several time "
                               "zones: give one (e.g. 2019-07-02T08:00+08:00)",
                               d->depart);
    if (d->arrive_by && !has_offset(d->arrive_by) && !common_zone(net, to))
        return g_strdup_printf("--arrive-by '%s' has no offset and the destinations are in "
                               "several time zones: give one (e.g. 2019-08-20T18:00+02:00)",
                               d->arrive_by);
    return NULL;
}

/* The dated options parsed in the origins' and destinations' zone and set
 * on the query; EXIT_OK, or the exit code of a usage message printed. */
static int apply_dates(const fr_network *net, const options *o, const GPtrArray *from,
                       const GPtrArray *to, fr_query *query)
{
    char *problem = zone_problem(net, &o->dates, from, to);
    date_choice dc = {0};
    if (!problem)
        date_options_parse(&o->dates, net, g_ptr_array_index(from, 0), g_ptr_array_index(to, 0),
                           &dc, &problem);
    if (problem) {
        int code = cli_fail(prog, EXIT_USAGE, problem);
        g_free(problem);
        return code;
    }
    date_choice_apply(&dc, query);
    date_choice_clear(&dc);
    return EXIT_OK;
}

/* Computes the matrix and writes it; returns the exit code. */
static int answer(const fr_network *net, const options *o, const request *rq, GPtrArray *from,
                  GPtrArray *to)
{
    fr_query *query = query_options_build(&o->query, &rq->query, NULL, NULL);
    int dated = apply_dates(net, o, from, to, query);
    if (dated != EXIT_OK) {
        fr_query_free(query);
        return dated;
    }
    fr_matrix_options mo = {.threads = rq->threads, .keep_routes = o->routes,
                            .progress = rq->progress ? show_progress : NULL};
    GError *error = NULL;
    fr_matrix *matrix =
        fr_network_matrix(net, query, (const char *const *)from->pdata, from->len,
                          (const char *const *)to->pdata, to->len, &mo, &error);
    fr_query_free(query);
    if (!matrix) {
        int code = cli_fail_error(prog, error);
        g_error_free(error);
        return code;
    }
    char *text = rq->json ? fr_matrix_to_json(matrix) : fr_matrix_to_csv(matrix);
    fr_matrix_free(matrix);
    int code = write_output(o->output, text);
    g_free(text);
    return code;
}

/* Loads the network, reads the lists and answers; returns the exit code. */
static int run(const options *o, const request *rq)
{
    int code = EXIT_OK;
    fr_network *net = query_options_load_network(prog, &o->query, &code);
    if (!net)
        return code;
    GPtrArray *from = NULL, *to = NULL;
    code = id_lists(o, net, &from, &to);
    if (code == EXIT_OK)
        code = answer(net, o, rq, from, to);
    if (from)
        g_ptr_array_unref(from);
    if (to)
        g_ptr_array_unref(to);
    fr_network_free(net);
    return code;
}

int main(int argc, char **argv)
{
    options o = {0};
    request rq = {0};
    query_options_init(&o.query, &rq.query);
    GOptionContext *ctx = option_context(&o);
    GError *error = NULL;
    int code;
    char *problem = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        code = cli_fail(prog, EXIT_USAGE, error->message);
        g_error_free(error);
    } else if (argc > 1) {
        problem = g_strdup_printf("unexpected argument '%s'", argv[1]);
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else if (o.version) {
        printf("%s (freightroute) %s\n", prog, fr_version());
        code = EXIT_OK;
    } else if ((problem = usage_problem(&o, &rq))) {
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else {
        code = run(&o, &rq);
    }
    g_free(problem);
    g_option_context_free(ctx);
    options_clear(&o);
    return code;
}
