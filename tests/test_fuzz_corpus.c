/* test_fuzz_corpus.c - the fuzz targets' corpus in every build, and files
 * that change while they load.
 *
 * Runs every file of tests/fuzz/regress/<target>/ (inputs that once found
 * a bug), tests/fuzz/seeds/<target>/ and the seeds generated at build time
 * through the targets' entry functions (tests/fuzz/fuzz_entry.h), so a bug
 * a fuzzer found stays fixed under the normal and sanitizer builds; an
 * entry aborts when an invariant breaks. Also: the section splitter on
 * hand-worked inputs; each loader seed loaded from memory (as the fuzzer
 * does) against the same files written to a directory and loaded from
 * disk; and a network whose files are truncated and rewritten in place by
 * another thread while it loads, which must load or fail, never crash
 * (SIGBUS, as when the files were mapped). */
#define _POSIX_C_SOURCE 200809L /* ftruncate, pwrite */

#include "helpers.h"

#include "fuzz_entry.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

typedef int (*fuzz_entry)(const uint8_t *data, size_t size);

/* Runs every file of dir through entry; how many there were (0 when dir
 * does not exist). */
static size_t run_dir(const char *dir, fuzz_entry entry)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return 0;
    size_t n = 0;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (g_str_equal(name, "stamp") || g_str_equal(name, ".gitkeep"))
            continue;
        char *path = g_build_filename(dir, name, NULL);
        size_t len;
        char *data = read_whole_file(path, &len);
        assert_non_null(data);
        /* a copy of exactly len bytes, as libFuzzer hands them over */
        uint8_t *exact = g_malloc(len ? len : 1);
        memcpy(exact, data, len);
        assert_int_equal(entry(exact, len), 0);
        g_free(exact);
        g_free(data);
        g_free(path);
        n++;
    }
    g_dir_close(d);
    return n;
}

/* The committed regressions and seeds of `target`, and its generated seeds. */
static void run_target(const char *target, fuzz_entry entry, size_t min_committed,
                       size_t min_generated)
{
    char *regress = g_build_filename(FR_SOURCE_DIR, "tests", "fuzz", "regress", target, NULL);
    char *seeds = g_build_filename(FR_SOURCE_DIR, "tests", "fuzz", "seeds", target, NULL);
    char *generated = g_build_filename(FR_FUZZ_GENERATED_SEEDS, target, NULL);
    size_t committed = run_dir(regress, entry) + run_dir(seeds, entry);
    size_t made = run_dir(generated, entry);
    assert_true(committed >= min_committed);
    assert_true(made >= min_generated);
    /* and the empty input, and a lone marker */
    assert_int_equal(entry((const uint8_t *)"", 0), 0);
    assert_int_equal(entry((const uint8_t *)"=== ", 4), 0);
    g_free(regress);
    g_free(seeds);
    g_free(generated);
}

static void test_csv_corpus(void **state)
{
    (void)state;
    run_target("csv", fr_fuzz_csv, 2, 15);
}

static void test_loader_corpus(void **state)
{
    (void)state;
    run_target("loader", fr_fuzz_loader, 1, 3);
}

static void test_query_corpus(void **state)
{
    (void)state;
    run_target("query", fr_fuzz_query, 4, 4);
}

/* No generated seeds: the committed ones are the README's and the man
 * pages' commands. */
static void test_options_corpus(void **state)
{
    (void)state;
    run_target("options", fr_fuzz_options, 20, 0);
}

/* ---- the section splitter ------------------------------------------------ */

static void expect_section(const fr_fuzz_section *s, const char *name, const char *text)
{
    assert_string_equal(s->name, name);
    assert_int_equal(s->len, strlen(text));
    assert_memory_equal(s->data, text, s->len);
}

static void test_split(void **state)
{
    (void)state;
    fr_fuzz_section s[FR_FUZZ_MAX_SECTIONS];
    const char *input = "before\n=== a.csv\nx,y\n1,2\n=== b\n=== c";
    assert_int_equal(fr_fuzz_split((const uint8_t *)input, strlen(input), s, 16), 3);
    expect_section(&s[0], "a.csv", "x,y\n1,2\n");
    expect_section(&s[1], "b", "");
    expect_section(&s[2], "c", "");

    /* a marker counts only at the start of a line; the rest is text */
    input = "=== a\nfoo=== b\n == c\n";
    assert_int_equal(fr_fuzz_split((const uint8_t *)input, strlen(input), s, 16), 1);
    expect_section(&s[0], "a", "foo=== b\n == c\n");

    /* no marker: no section; more than max: the first max */
    assert_int_equal(fr_fuzz_split((const uint8_t *)"a,b\n", 4, s, 16), 0);
    input = "=== 1\n=== 2\n=== 3\n";
    assert_int_equal(fr_fuzz_split((const uint8_t *)input, strlen(input), s, 2), 2);
    expect_section(&s[1], "2", "");

    /* a long name is cut to 63 bytes */
    GString *long_name = g_string_new("=== ");
    for (int i = 0; i < 100; i++)
        g_string_append_c(long_name, 'n');
    g_string_append(long_name, "\nbody");
    assert_int_equal(fr_fuzz_split((const uint8_t *)long_name->str, long_name->len, s, 16), 1);
    assert_int_equal(strlen(s[0].name), 63);
    expect_section(&s[0], s[0].name, "body");
    char *text = fr_fuzz_section_text(&s[0]);
    assert_string_equal(text, "body");
    g_free(text);
    g_string_free(long_name, TRUE);
}

/* ---- the loader's in-memory route against the files on disk -------------- */

/* Writes the input's sections as files of a new directory. */
static char *sections_to_dir(const uint8_t *data, size_t len)
{
    char *dir = make_tmp_dir();
    fr_fuzz_section s[FR_FUZZ_MAX_SECTIONS];
    size_t n = fr_fuzz_split(data, len, s, FR_FUZZ_MAX_SECTIONS);
    for (size_t i = 0; i < n; i++) {
        char *path = g_build_filename(dir, s[i].name, NULL);
        if (!g_file_test(path, G_FILE_TEST_EXISTS)) /* the first section of a name counts */
            write_file_bytes(dir, s[i].name, (const char *)s[i].data, s[i].len);
        g_free(path);
    }
    return dir;
}

/* Loads one seed from memory and from disk: the same outcome and network. */
static void compare_loads(const char *path, bool must_load)
{
    size_t len;
    char *data = read_whole_file(path, &len);
    assert_non_null(data);
    GError *mem_error = NULL, *disk_error = NULL;
    fr_network *from_memory = fr_fuzz_load_sections((const uint8_t *)data, len, &mem_error);
    char *dir = sections_to_dir((const uint8_t *)data, len);
    fr_network *from_disk = fr_network_load_dir(dir, &disk_error);
    assert_int_equal(from_memory != NULL, from_disk != NULL);
    if (must_load && !from_memory)
        fail_msg("%s does not load: %s", path, mem_error->message);
    if (from_memory) {
        assert_int_equal(fr_network_node_count(from_memory), fr_network_node_count(from_disk));
        assert_int_equal(fr_network_link_count(from_memory), fr_network_link_count(from_disk));
        assert_int_equal(fr_network_state_count(from_memory), fr_network_state_count(from_disk));
    } else {
        assert_int_equal(mem_error->code, disk_error->code);
    }
    g_clear_error(&mem_error);
    g_clear_error(&disk_error);
    fr_network_free(from_memory);
    fr_network_free(from_disk);
    remove_dir(dir);
    g_free(dir);
    g_free(data);
}

static void compare_dir(const char *dir, bool must_load)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    const char *name;
    while ((name = g_dir_read_name(d))) {
        char *path = g_build_filename(dir, name, NULL);
        if (!g_str_equal(name, ".gitkeep"))
            compare_loads(path, must_load);
        g_free(path);
    }
    g_dir_close(d);
}

static void test_loader_seeds_load_as_files(void **state)
{
    (void)state;
    char *seeds = g_build_filename(FR_SOURCE_DIR, "tests", "fuzz", "seeds", "loader", NULL);
    char *generated = g_build_filename(FR_FUZZ_GENERATED_SEEDS, "loader", NULL);
    char *regress = g_build_filename(FR_SOURCE_DIR, "tests", "fuzz", "regress", "loader", NULL);
    compare_dir(seeds, true);     /* the seeds are networks that load */
    compare_dir(generated, true);
    compare_dir(regress, false);  /* findings: whatever they do, the same both ways */
    g_free(seeds);
    g_free(generated);
    g_free(regress);
}

/* ---- files that change while they load ----------------------------------- */

#define CHURN_LINKS 40000

typedef struct {
    char *path;
    GString *full; /* what the file holds when whole */
    gint stop;
    gint rounds;
} churn;

/* Truncates the file in place to a few bytes and writes it whole again, over
 * and over, through one descriptor (the same inode the loader opens). */
static gpointer churn_file(gpointer data)
{
    churn *c = data;
    int fd = open(c->path, O_WRONLY);
    g_assert(fd >= 0);
    while (!g_atomic_int_get(&c->stop)) {
        g_assert(ftruncate(fd, 40) == 0);
        g_usleep(200);
        g_assert(pwrite(fd, c->full->str, c->full->len, 0) == (ssize_t)c->full->len);
        g_usleep(200);
        g_atomic_int_inc(&c->rounds);
    }
    close(fd);
    return NULL;
}

static void test_file_truncated_while_loading(void **state)
{
    (void)state;
    char *dir = make_tmp_dir();
    churn c = {.path = g_build_filename(dir, "links.csv", NULL), .full = g_string_new(NULL)};
    g_string_append(c.full, "id,from,to,mode,distance_km,time_h,cost_usd\n");
    for (int i = 0; i < CHURN_LINKS; i++)
        g_string_append_printf(c.full, "L%d,A,B,rail,%d,%d,%d\n", i, 100 + i % 7, 10 + i % 5,
                               50 + i % 11);
    write_network(dir, "id,name,kind,country,lat,lon\nA,a,city,CN,29,106\nB,b,city,DE,51,7\n",
                  c.full->str, NULL, NULL);
    GThread *thread = g_thread_new("churn", churn_file, &c);
    int loaded = 0, failed = 0;
    for (int i = 0; i < 40 || g_atomic_int_get(&c.rounds) < 5; i++) {
        GError *error = NULL;
        fr_network *net = fr_network_load_dir(dir, &error);
        if (net) {
            /* what was read was a whole file: every row, or a cut that still parses */
            assert_true(fr_network_link_count(net) <= CHURN_LINKS);
            loaded++;
        } else {
            assert_non_null(error);
            assert_true(error->domain == FR_ERROR);
            assert_non_null(strstr(error->message, "links.csv"));
            failed++;
        }
        g_clear_error(&error);
        fr_network_free(net);
    }
    g_atomic_int_set(&c.stop, 1);
    g_thread_join(thread);
    print_message("%d loads while the file changed: %d loaded, %d failed; %d rewrites\n",
                  loaded + failed, loaded, failed, g_atomic_int_get(&c.rounds));

    /* whole again: every link */
    fr_network *net = fr_network_load_dir(dir, NULL);
    assert_non_null(net);
    assert_int_equal(fr_network_link_count(net), CHURN_LINKS);
    fr_network_free(net);
    g_string_free(c.full, TRUE);
    g_free(c.path);
    remove_dir(dir);
    g_free(dir);
}

/* A file rewritten in place, shorter, while another descriptor holds it
 * open: the next load reads the new content. */
static void test_file_shrunk_in_place(void **state)
{
    (void)state;
    char *dir = make_tmp_dir();
    write_network(dir, "id,name,kind,country,lat,lon\nA,a,city,CN,29,106\nB,b,city,DE,51,7\n"
                       "C,c,city,NL,52,4\n",
                  "id,from,to,mode,distance_km,time_h,cost_usd\nL1,A,B,rail,1,1,1\n"
                  "L2,B,C,road,1,1,1\n",
                  NULL, NULL);
    fr_network *before = fr_network_load_dir(dir, NULL);
    assert_non_null(before);
    assert_int_equal(fr_network_link_count(before), 2);

    char *path = g_build_filename(dir, "links.csv", NULL);
    int holder = open(path, O_RDWR); /* another handle, kept open throughout */
    assert_true(holder >= 0);
    int fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    const char shorter[] = "id,from,to,mode,distance_km,time_h,cost_usd\nL1,A,B,rail,1,1,1\n";
    assert_int_equal(write(fd, shorter, strlen(shorter)), (ssize_t)strlen(shorter));
    close(fd);

    fr_network *after = fr_network_load_dir(dir, NULL);
    assert_non_null(after);
    assert_int_equal(fr_network_link_count(after), 1);
    assert_int_equal(fr_network_link_count(before), 2); /* the first load keeps its own */

    /* truncated to nothing through the other handle: an error naming the file */
    assert_int_equal(ftruncate(holder, 0) == 0 ? 0 : errno, 0);
    close(holder);
    GError *error = NULL;
    assert_null(fr_network_load_dir(dir, &error));
    check_error_(error, FR_ERROR_INVALID, "links.csv", __FILE__, __LINE__, NULL);
    g_clear_error(&error);

    fr_network_free(before);
    fr_network_free(after);
    g_free(path);
    remove_dir(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_csv_corpus),
        cmocka_unit_test(test_loader_corpus),
        cmocka_unit_test(test_query_corpus),
        cmocka_unit_test(test_options_corpus),
        cmocka_unit_test(test_loader_seeds_load_as_files),
        cmocka_unit_test(test_file_truncated_while_loading),
        cmocka_unit_test(test_file_shrunk_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
