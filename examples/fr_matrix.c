/* fr_matrix.c - the fr-matrix command line: the best route of one query
 * (the options of fr-route, query_options.c) for every origin x destination
 * pair, computed in parallel by fr_network_matrix(), written as text, CSV
 * (one row per pair), JSON or (with --routes) GeoJSON. The options and the
 * exit status are the three programs' (cli_options.h, CLI_EXIT_TABLE); 3:
 * no pair has a route (the matrix is still written). Built with FR_MPI,
 * under mpirun, each rank computes a block of origins and rank 0 writes
 * the whole matrix (matrix_mpi.h). */
#include "cli_common.h"
#include "cli_names.h"
#include "cli_options.h"
#include "matrix_mpi.h"
#include "matrix_output.h"
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
    cli_options cli;     /* --format, --output, --quiet, --list, --export-network, .. */
    char **from, **to;
    char *threads;
    gboolean all, routes, progress, no_progress;
} options;

/* What the options ask for, checked and parsed. */
typedef struct {
    query_choice query;
    unsigned threads;
    cli_format format;
    bool progress;
} request;

static void options_clear(options *o)
{
    query_options_clear(&o->query);
    date_options_clear(&o->dates);
    g_strfreev(o->from);
    g_strfreev(o->to);
    g_free(o->threads);
    cli_options_clear(&o->cli);
}

static GOptionContext *option_context(options *o)
{
    GOptionEntry entries[QUERY_OPTION_ENTRIES + DATE_OPTION_ENTRIES + CLI_OPTION_ENTRIES + 16];
    size_t n = 0;
    entries[n++] = query_options_network_entry(&o->query);
    const GOptionEntry lists[] = {
        {"from", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &o->from,
         "Origins: node ids or names, comma-separated, or @FILE with one per line", "NODE,.."},
        {"to", 't', 0, G_OPTION_ARG_STRING_ARRAY, &o->to,
         "Destinations, the same way (default: the origins)", "NODE,.."},
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
        {"routes", 'r', 0, G_OPTION_ARG_NONE, &o->routes,
         "Each pair's route too (JSON: the route object; CSV: a links column; GeoJSON: "
         "the routes drawn)",
         NULL},
        {"progress", 0, 0, G_OPTION_ARG_NONE, &o->progress,
         "Show origins done on standard error (default: when it is a terminal)", NULL},
        {"no-progress", 0, 0, G_OPTION_ARG_NONE, &o->no_progress, "Do not show progress", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    n += cli_options_entries(&o->cli, entries + n);
    for (size_t i = 0; i < G_N_ELEMENTS(own); i++)
        entries[n++] = own[i];
    GOptionContext *ctx = g_option_context_new("--from LIST [--to LIST] | --all");
    g_option_context_set_summary(ctx, "The best multimodal freight route for every origin x "
                                      "destination pair of nodes (FORMAT.md §2), as text, "
                                      "CSV or JSON.");
    g_option_context_set_description(
        ctx, "The query options mean what they mean for fr-route; figures are totals for the\n"
             "whole --quantity. A node may be named by its id or name; one listed twice has\n"
             "its cells repeated. CSV has one row per pair: origin,destination,status,\n"
             "cost_usd,time_h,co2_kg,distance_km,transfers,objective (status route,\n"
             "no_route or same_node). --format geojson needs --routes.\n\n"
             "--scenario answers on the network changed by a scenario (FORMAT.md §6):\n"
             "a file of rules or an embedded name (--list scenarios).\n\n"
             CLI_EXIT_TABLE "\n"
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
    rq->format = o->cli.format ? cli_options_format(&o->cli) : CLI_CSV;
    if (rq->format == CLI_GEOJSON && !o->routes)
        return g_strdup("--format geojson draws the routes: add --routes");
    if (rq->format == CLI_TEXT && o->routes)
        return g_strdup("--routes adds routes to csv, json or geojson; with text it would be "
                        "ignored");
    if (o->progress && o->no_progress)
        return g_strdup("--progress and --no-progress cannot be combined");
    rq->progress = o->progress || (!o->no_progress && isatty(STDERR_FILENO));
    return NULL;
}

/* Checks what the options say on their own; NULL when fine, else a message. */
static char *usage_problem(const options *o, request *rq)
{
    char *problem = cli_options_problem(&o->cli, CLI_FORMAT_BIT(CLI_TEXT) |
                                                     CLI_FORMAT_BIT(CLI_CSV) |
                                                     CLI_FORMAT_BIT(CLI_JSON) |
                                                     CLI_FORMAT_BIT(CLI_GEOJSON));
    if (!problem)
        problem = cli_list_problem("--from", o->from);
    if (!problem)
        problem = cli_list_problem("--to", o->to);
    if (!problem)
        problem = query_options_figures_problem(&o->query, &rq->query);
    if (!problem)
        problem = query_options_bounds_problem(&o->query, &rq->query);
    if (!problem)
        problem = date_options_problem(&o->dates);
    if (!problem)
        problem = own_problem(o, rq);
    return problem;
}

/* ---- origin and destination lists ------------------------------------------ */

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
    *from = o->all ? linked_nodes(net) : cli_read_list("--from", o->from, &error);
    if (*from && !o->all && cli_resolve_nodes(net, "--from", *from, &error))
        *to = o->to ? cli_read_list("--to", o->to, &error) : g_ptr_array_ref(*from);
    else if (*from && !error)
        *to = g_ptr_array_ref(*from);
    if (*to && o->to)
        cli_resolve_nodes(net, "--to", *to, &error);
    if (error) {
        int code = cli_fail_error(prog, error);
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

/* "fr-matrix: 340/1000 origins", rewritten in place; a newline at the end.
 * `note` follows the count (under MPI: whose origins they are), or is NULL. */
static void show_progress(size_t done, size_t total, void *note)
{
    fprintf(stderr, "\r%s: %zu/%zu origins%s", prog, done, total, note ? (char *)note : "");
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
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

/* Computes the rows of this rank's block of origins (all of them but under
 * MPI) in *matrix (NULL when the block is empty); returns the exit code. */
static int compute(const fr_network *net, const options *o, const request *rq,
                   GPtrArray *from, GPtrArray *to, fr_matrix **matrix)
{
    fr_query *query = query_options_build(&o->query, &rq->query, NULL, NULL);
    int code = apply_dates(net, o, from, to, query);
    size_t first, count;
    matrix_mpi_block(from->len, &first, &count);
    char *note = matrix_mpi_size() > 1 ? g_strdup_printf(" of rank 0 (%u origins on %d ranks)",
                                                         from->len, matrix_mpi_size())
                                       : NULL;
    fr_matrix_options mo = {.threads = rq->threads, .keep_routes = o->routes,
                            .progress = rq->progress && matrix_mpi_rank() == 0 ? show_progress
                                                                                : NULL,
                            .user_data = note};
    GError *error = NULL;
    if (code == EXIT_OK && count > 0)
        *matrix = fr_network_matrix(net, query, (const char *const *)from->pdata + first, count,
                                    (const char *const *)to->pdata, to->len, &mo, &error);
    if (error) {
        code = cli_fail_error(prog, error);
        g_error_free(error);
    }
    g_free(note);
    fr_query_free(query);
    return code;
}

/* Writes the matrix (under MPI, rank 0 the whole of it, once every rank
 * has said whether it failed: then `code` is the run's); the exit code. */
static int write_matrix(const options *o, const request *rq, int code, const GPtrArray *from,
                        const GPtrArray *to, const fr_matrix *matrix)
{
    bool has_route = false;
    if (matrix_mpi_size() > 1) {
        code = matrix_mpi_write(prog, code, from, to, matrix, o->cli.output, rq->format,
                                &has_route);
    } else if (code == EXIT_OK) {
        code = matrix_write(prog, o->cli.output, matrix, rq->format);
        has_route = matrix_has_route(matrix);
    }
    if (code == EXIT_OK && !has_route)
        code = cli_fail(prog, EXIT_NO_ROUTE, "no pair of the matrix has a route");
    return code;
}

/* Loads the network, reads the lists, computes and writes; returns the
 * exit code. */
static int run(options *o, const request *rq)
{
    int code = EXIT_OK;
    fr_matrix *matrix = NULL;
    GPtrArray *from = NULL, *to = NULL;
    fr_network *net = query_options_load_network(prog, &o->query, &code);
    if (net)
        code = id_lists(o, net, &from, &to);
    if (net && code == EXIT_OK)
        code = compute(net, o, rq, from, to, &matrix);
    code = write_matrix(o, rq, code, from, to, matrix);
    fr_matrix_free(matrix);
    if (from)
        g_ptr_array_unref(from);
    if (to)
        g_ptr_array_unref(to);
    fr_network_free(net);
    return code;
}

/* An option a side action (--list, --export-network, --version) would
 * ignore, or NULL. */
static const char *ignored_by_side_action(const options *o)
{
    const char *own = o->from ? "--from" : o->to ? "--to" : o->all ? "--all" : o->routes ? "--routes" : NULL;
    const char *query = own ? own : query_options_first_given(&o->query);
    return query ? query : date_options_first_given(&o->dates);
}

int main(int argc, char **argv)
{
    matrix_mpi_init(&argc, &argv);
    cli_init_locale();
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
    } else if ((problem = cli_options_problem(&o.cli, ~0u))) {
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else if (o.query.quiet = o.cli.quiet || matrix_mpi_rank() > 0,
               cli_options_side_action(&o.cli)) {
        /* Under MPI rank 0 alone lists, exports or prints the version. */
        code = matrix_mpi_rank() > 0 ? EXIT_OK
                                     : cli_options_run_side_action(prog, &o.cli, &o.query,
                                                                   ignored_by_side_action(&o));
    } else if ((problem = usage_problem(&o, &rq))) {
        code = cli_fail(prog, EXIT_USAGE, problem);
    } else {
        code = run(&o, &rq);
    }
    g_free(problem);
    g_option_context_free(ctx);
    options_clear(&o);
    return matrix_mpi_finalize(code);
}
