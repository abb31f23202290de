/* helpers.h - shared helpers of the freightroute tests: temporary network
 * directories, error and number assertions for cmocka, repeatable random
 * numbers. */
#ifndef FR_TEST_HELPERS_H
#define FR_TEST_HELPERS_H

#include <glib.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "freightroute.h"

/* Writes the given files (NULL: file not written) into dir. Each text is
 * written verbatim (no newline added). Aborts the test on an I/O error. */
void write_network(const char *dir, const char *nodes_csv,
                   const char *links_csv, const char *transfers_csv,
                   const char *modes_csv);

/* Writes the files of FORMAT.md §5 (NULL: file not written) into dir. */
void write_dated_files(const char *dir, const char *services_csv, const char *closures_csv,
                       const char *network_csv);

/* Writes one file of len bytes (may hold NULs) into dir. */
void write_file_bytes(const char *dir, const char *name, const char *data,
                      size_t len);

/* A new empty temporary directory (g_free the result after remove_dir). */
char *make_tmp_dir(void);
/* Removes every file and subdirectory in dir, then dir itself. */
void remove_dir(const char *dir);

/* Writes the files to a fresh temporary directory, loads it, removes the
 * directory, and returns fr_network_load_dir()'s result. */
fr_network *load_net(const char *nodes_csv, const char *links_csv,
                     const char *transfers_csv, const char *modes_csv,
                     GError **error);

/* An n x n grid of junctions full of ties (test_ch, test_ch_matrix):
 * bidirectional road links with figures from 1 to `spread` (1: every link
 * the same), dwell at some nodes; every `transfer_every`-th node also has a
 * rail link to the right with transfers both ways (0: none). Node ids are
 * G<row * n + column>. */
fr_network *tie_grid_network(int n, int spread, int transfer_every, guint32 seed);

/* tie_grid_network() without rail whose costs are raised by 0 to 3 times
 * 3e-13 USD: routes' costs tie within the tolerance without being equal,
 * so times decide between them (a search must keep ties exact while the
 * objectives drift). */
fr_network *drift_grid_network(int n, int spread, guint32 seed);

/* Fails the test (printing the error) unless a load gave a network and
 * set no error; returns the network. */
fr_network *expect_loaded(fr_network *net, GError *err);

/* Like load_net() but fails the test (printing the error) when the load
 * fails. */
fr_network *load_net_ok(const char *nodes_csv, const char *links_csv,
                        const char *transfers_csv, const char *modes_csv);

/* Fails the test unless err is set, in domain FR_ERROR with code, and its
 * message contains `where` (NULL: not checked) and at least one of the
 * NULL-terminated alternatives that follow (none given: not checked). */
void check_error_(const GError *err, int code, const char *where,
                  const char *file, int line, ...);
#define check_error(err, code, where, ...) \
    check_error_((err), (code), (where), __FILE__, __LINE__, __VA_ARGS__, NULL)

/* Relative closeness: |a-b| <= rel * max(1, |a|, |b|). */
bool close_rel(double a, double b, double rel);
void assert_close_(double got, double want, double rel, const char *expr,
                   const char *file, int line);
#define assert_close(got, want) \
    assert_close_((got), (want), 1e-9, #got, __FILE__, __LINE__)

/* Routes or fails the test with the error. */
fr_route *route_ok(const fr_network *net, const fr_query *q);
/* Routes and expects an error with this code; returns nothing. */
void route_fails(const fr_network *net, const fr_query *q, int code);

/* The link steps of a route joined by spaces, e.g. "L1 L2:rev" (g_free). */
char *route_link_ids(const fr_route *r);
/* "link transfer dwell ..." for the route's steps (g_free). */
char *route_step_types(const fr_route *r);
/* Number of steps of the given type. */
size_t route_count_steps(const fr_route *r, fr_step_type type);

/* The outcome of running a program: exit status (-1 when killed by a
 * signal) and what it printed. */
typedef struct {
    int status;
    char *out, *err;
} run_result;

/* Runs exe with the arguments first, ... (NULL-terminated); fails the test
 * when it cannot be started. */
run_result run_program(const char *exe, const char *first, ...) G_GNUC_NULL_TERMINATED;
run_result run_program_v(const char *exe, const char *first, va_list args);
void run_free(run_result *r);
/* The run's standard output parsed as JSON (minijson.h); fails the test,
 * quoting it, when it is not JSON. */
struct mj_value *run_stdout_json(const run_result *r);
/* Fails the test (after freeing r) unless the program exited with `want`,
 * and, when `want` is not 0, said something on standard error. */
void expect_exit(run_result *r, int want, const char *what);

/* Fails the test unless `got` equals `want`, naming `what`; frees `got`. */
void expect_text(char *got, const char *want, const char *what);

/* Reads a file completely (test failure when impossible). */
char *read_whole_file(const char *path, size_t *len);

/* The tests' own random numbers (splitmix64 of *state), the same in every
 * run and on every machine: for tests that make many inputs from a seed. */
uint64_t test_random(uint64_t *state);

#endif
