/* helpers.c - shared helpers of the freightroute tests (see helpers.h). */
#include "helpers.h"
#include "minijson.h"

#include <sys/wait.h>

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void write_file_bytes(const char *dir, const char *name, const char *data,
                      size_t len)
{
    char *path = g_build_filename(dir, name, NULL);
    GError *err = NULL;
    if (!g_file_set_contents(path, data, (gssize)len, &err)) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "cannot write %s: %s", path, err->message);
        g_error_free(err);
        g_free(path);
        fail_msg("%s", msg);
    }
    g_free(path);
}

void write_network(const char *dir, const char *nodes_csv,
                   const char *links_csv, const char *transfers_csv,
                   const char *modes_csv)
{
    if (nodes_csv)
        write_file_bytes(dir, "nodes.csv", nodes_csv, strlen(nodes_csv));
    if (links_csv)
        write_file_bytes(dir, "links.csv", links_csv, strlen(links_csv));
    if (transfers_csv)
        write_file_bytes(dir, "transfers.csv", transfers_csv,
                         strlen(transfers_csv));
    if (modes_csv)
        write_file_bytes(dir, "modes.csv", modes_csv, strlen(modes_csv));
}

char *make_tmp_dir(void)
{
    GError *err = NULL;
    char *dir = g_dir_make_tmp("frtest-XXXXXX", &err);
    if (!dir) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "g_dir_make_tmp: %s", err->message);
        g_error_free(err);
        fail_msg("%s", msg);
    }
    return dir;
}

void remove_dir(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d)) != NULL) {
            char *path = g_build_filename(dir, name, NULL);
            if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK))
                remove_dir(path); /* e.g. an exported network's scenarios/ */
            else
                g_remove(path);
            g_free(path);
        }
        g_dir_close(d);
    }
    g_rmdir(dir);
}

fr_network *load_net(const char *nodes_csv, const char *links_csv,
                     const char *transfers_csv, const char *modes_csv,
                     GError **error)
{
    char *dir = make_tmp_dir();
    write_network(dir, nodes_csv, links_csv, transfers_csv, modes_csv);
    fr_network *net = fr_network_load_dir(dir, error);
    remove_dir(dir);
    g_free(dir);
    return net;
}

fr_network *load_net_ok(const char *nodes_csv, const char *links_csv,
                        const char *transfers_csv, const char *modes_csv)
{
    GError *err = NULL;
    fr_network *net = load_net(nodes_csv, links_csv, transfers_csv, modes_csv, &err);
    return expect_loaded(net, err);
}

void write_dated_files(const char *dir, const char *services_csv, const char *closures_csv,
                       const char *network_csv)
{
    const char *names[] = {"services.csv", "closures.csv", "network.csv"};
    const char *texts[] = {services_csv, closures_csv, network_csv};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (texts[i])
            write_file_bytes(dir, names[i], texts[i], strlen(texts[i]));
}

fr_network *expect_loaded(fr_network *net, GError *err)
{
    if (!net) {
        char msg[1024];
        g_snprintf(msg, sizeof msg, "load failed: %s",
                   err ? err->message : "(no GError set)");
        g_clear_error(&err);
        fail_msg("%s", msg);
    }
    if (err) {
        g_clear_error(&err);
        fail_msg("load succeeded but set a GError");
    }
    return net;
}

void check_error_(const GError *err, int code, const char *where,
                  const char *file, int line, ...)
{
    if (!err)
        fail_msg("%s:%d: expected an error, none was set", file, line);
    if (g_getenv("FR_TEST_VERBOSE"))
        print_message("%s:%d: error: %s\n", file, line, err->message);
    if (err->domain != FR_ERROR || err->code != code) {
        char msg[1024];
        g_snprintf(msg, sizeof msg,
                   "%s:%d: expected FR_ERROR code %d, got domain %s code %d: %s",
                   file, line, code, g_quark_to_string(err->domain), err->code,
                   err->message);
        fail_msg("%s", msg);
    }
    if (where && !strstr(err->message, where)) {
        char msg[1024];
        g_snprintf(msg, sizeof msg, "%s:%d: message '%s' lacks '%s'", file,
                   line, err->message, where);
        fail_msg("%s", msg);
    }
    va_list ap;
    va_start(ap, line);
    const char *alt;
    bool any = false, found = false;
    GString *alts = g_string_new(NULL);
    while ((alt = va_arg(ap, const char *)) != NULL) {
        any = true;
        if (strstr(err->message, alt))
            found = true;
        g_string_append_printf(alts, "%s'%s'", alts->len ? " or " : "", alt);
    }
    va_end(ap);
    if (any && !found) {
        char msg[1024];
        g_snprintf(msg, sizeof msg, "%s:%d: message '%s' lacks %s", file, line,
                   err->message, alts->str);
        g_string_free(alts, TRUE);
        fail_msg("%s", msg);
    }
    g_string_free(alts, TRUE);
}

bool close_rel(double a, double b, double rel)
{
    if (a == b)
        return true;
    if (!isfinite(a) || !isfinite(b))
        return false;
    double m = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= rel * m;
}

void assert_close_(double got, double want, double rel, const char *expr,
                   const char *file, int line)
{
    if (!close_rel(got, want, rel))
        fail_msg("%s:%d: %s = %.17g, expected %.17g", file, line, expr, got,
                 want);
}

fr_route *route_ok(const fr_network *net, const fr_query *q)
{
    GError *err = NULL;
    fr_route *r = fr_network_route(net, q, &err);
    if (!r) {
        char msg[1024];
        g_snprintf(msg, sizeof msg, "route %s -> %s failed: %s",
                   fr_query_from(q), fr_query_to(q),
                   err ? err->message : "(no GError set)");
        g_clear_error(&err);
        fail_msg("%s", msg);
    }
    assert_null(err);
    return r;
}

void route_fails(const fr_network *net, const fr_query *q, int code)
{
    GError *err = NULL;
    fr_route *r = fr_network_route(net, q, &err);
    if (r) {
        char *ids = route_link_ids(r);
        char msg[1024];
        g_snprintf(msg, sizeof msg,
                   "route %s -> %s: expected error %d, got a route [%s]",
                   fr_query_from(q), fr_query_to(q), code, ids);
        g_free(ids);
        fr_route_free(r);
        g_clear_error(&err);
        fail_msg("%s", msg);
    }
    if (!err)
        fail_msg("route failed without setting a GError");
    if (err->domain != FR_ERROR || err->code != code) {
        char msg[1024];
        g_snprintf(msg, sizeof msg, "expected FR_ERROR code %d, got %s %d: %s",
                   code, g_quark_to_string(err->domain), err->code,
                   err->message);
        g_error_free(err);
        fail_msg("%s", msg);
    }
    g_error_free(err);
}

char *route_link_ids(const fr_route *r)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < fr_route_step_count(r); i++) {
        const fr_step *st = fr_route_step(r, i);
        if (st->type != FR_STEP_LINK)
            continue;
        if (s->len)
            g_string_append_c(s, ' ');
        g_string_append(s, st->link_id ? st->link_id : "(null)");
    }
    return g_string_free(s, FALSE);
}

char *route_step_types(const fr_route *r)
{
    static const char *names[] = {"link", "transfer", "dwell"};
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < fr_route_step_count(r); i++) {
        const fr_step *st = fr_route_step(r, i);
        if (s->len)
            g_string_append_c(s, ' ');
        if ((unsigned)st->type < 3)
            g_string_append(s, names[st->type]);
        else
            g_string_append(s, "?");
    }
    return g_string_free(s, FALSE);
}

size_t route_count_steps(const fr_route *r, fr_step_type type)
{
    size_t n = 0;
    for (size_t i = 0; i < fr_route_step_count(r); i++)
        if (fr_route_step(r, i)->type == type)
            n++;
    return n;
}

char *read_whole_file(const char *path, size_t *len)
{
    char *data = NULL;
    gsize n = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &n, &err)) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "cannot read %s: %s", path, err->message);
        g_error_free(err);
        fail_msg("%s", msg);
    }
    if (len)
        *len = n;
    return data;
}

run_result run_program_v(const char *exe, const char *first, va_list args)
{
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer)exe);
    for (const char *a = first; a; a = va_arg(args, const char *))
        g_ptr_array_add(argv, (gpointer)a);
    g_ptr_array_add(argv, NULL);
    run_result r = {-1, NULL, NULL};
    int wait_status = 0;
    GError *err = NULL;
    if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r.out,
                      &r.err, &wait_status, &err)) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "cannot run %s: %s", exe, err->message);
        g_error_free(err);
        g_ptr_array_free(argv, TRUE);
        fail_msg("%s", msg);
    }
    g_ptr_array_free(argv, TRUE);
    if (WIFEXITED(wait_status))
        r.status = WEXITSTATUS(wait_status);
    return r;
}

run_result run_program(const char *exe, const char *first, ...)
{
    va_list args;
    va_start(args, first);
    run_result r = run_program_v(exe, first, args);
    va_end(args);
    return r;
}

void run_free(run_result *r)
{
    g_free(r->out);
    g_free(r->err);
}

void expect_exit(run_result *r, int want, const char *what)
{
    char *msg = NULL;
    if (r->status != want)
        msg = g_strdup_printf("%s: exit status %d, expected %d\nstdout: %.500s\nstderr: %.500s",
                              what, r->status, want, r->out, r->err);
    else if (want != 0 && (!r->err || !*r->err))
        msg = g_strdup_printf("%s: exit %d with nothing on standard error", what, want);
    if (msg) {
        char buf[1200];
        g_strlcpy(buf, msg, sizeof buf);
        g_free(msg);
        run_free(r);
        fail_msg("%s", buf);
    }
    if (g_getenv("FR_TEST_VERBOSE") && want != 0)
        print_message("%s: exit %d: %s", what, r->status, r->err);
}

void expect_text(char *got, const char *want, const char *what)
{
    if (strcmp(got, want) != 0) {
        char msg[1024];
        g_snprintf(msg, sizeof msg, "%s: '%s', expected '%s'", what, got, want);
        g_free(got);
        fail_msg("%s", msg);
    }
    g_free(got);
}

struct mj_value *run_stdout_json(const run_result *r)
{
    char *perr = NULL;
    mj_value *v = mj_parse(r->out, &perr);
    if (!v) {
        char msg[1024];
        g_snprintf(msg, sizeof msg, "stdout is not JSON (%s): %.500s", perr, r->out);
        g_free(perr);
        fail_msg("%s", msg);
    }
    return v;
}

/* An n x n grid of bidirectional road links; figures from 1 to `spread`
 * (1: every link the same), costs then raised by 0 to 3 times `drift`;
 * every `transfer_every`-th node also has a rail link to the right with
 * transfers both ways (0: none). */
static fr_network *grid_network(int n, int spread, int transfer_every, guint32 seed,
                                double drift)
{
    GRand *rng = g_rand_new_with_seed(seed);
    GString *nodes = g_string_new("id,name,kind,country,lat,lon,dwell_h,dwell_usd\n");
    GString *links = g_string_new("id,from,to,mode,distance_km,time_h,cost_usd,bidirectional\n");
    GString *transfers = g_string_new("node,from_mode,to_mode,time_h,cost_usd\n");
    for (int r = 0; r < n; r++)
        for (int col = 0; col < n; col++) {
            int id = r * n + col;
            g_string_append_printf(nodes, "G%d,G%d,junction,CN,%d,%d,%d,0\n", id, id, r, col,
                                   g_rand_int_range(rng, 0, 2));
            for (int d = 0; d < 2; d++) {
                int r2 = r + d, c2 = col + !d;
                if (r2 >= n || c2 >= n)
                    continue;
                int km = g_rand_int_range(rng, 1, spread + 1);
                int hours = g_rand_int_range(rng, 1, spread + 1);
                double usd = g_rand_int_range(rng, 1, spread + 1);
                if (drift > 0)
                    usd += drift * g_rand_int_range(rng, 0, 4);
                g_string_append_printf(links, "L%d_%d,G%d,G%d,road,%d,%d,%.17g,1\n", id, d, id,
                                       r2 * n + c2, km, hours, usd);
            }
            if (transfer_every && id % transfer_every == 0 && col + 1 < n) {
                g_string_append_printf(links, "R%d,G%d,G%d,rail,1,1,1,1\n", id, id, id + 1);
                for (int k = 0; k < 2; k++) {
                    g_string_append_printf(transfers, "G%d,road,rail,0,1\n", id + k);
                    g_string_append_printf(transfers, "G%d,rail,road,1,0\n", id + k);
                }
            }
        }
    fr_network *net = load_net_ok(nodes->str, links->str,
                                  transfer_every ? transfers->str : NULL, NULL);
    g_string_free(nodes, TRUE);
    g_string_free(links, TRUE);
    g_string_free(transfers, TRUE);
    g_rand_free(rng);
    return net;
}

fr_network *tie_grid_network(int n, int spread, int transfer_every, guint32 seed)
{
    return grid_network(n, spread, transfer_every, seed, 0);
}

fr_network *drift_grid_network(int n, int spread, guint32 seed)
{
    return grid_network(n, spread, 0, seed, 3e-13);
}

uint64_t test_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
